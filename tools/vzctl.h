/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzctl's commands: one file each, one entry each in vzctl.c's table.
 * A command gets its name as argv[0] and everything after it.
 */
#ifndef VZCTL_H
#define VZCTL_H

int vzctl_set(int argc, const char **argv);

/* CTID: decimal, 0..2147483644 as in OpenVZ. 0 or -EINVAL. */
int vzctl_parse_ctid(const char *s, unsigned int *ctid);

#define VZCTL_CONFDIR	"/etc/vz/conf"

#endif /* VZCTL_H */
