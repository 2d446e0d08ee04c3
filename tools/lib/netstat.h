/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzbc.ko's traffic counters as /proc/vz/netstat shows them (Version 1.0,
 * kernel/net_proc.c): one row per registered container, read back for
 * vzbc-exporter, which has no capability to ask /dev/vzctl.
 */
#ifndef VZ_NETSTAT_H
#define VZ_NETSTAT_H

#include <stdio.h>
#include <linux/vzbc.h>

struct vz_netstat_row {
	unsigned int ctid;
	struct vzbc_net_stats s;
};

struct vz_netstat {
	unsigned int n;
	struct vz_netstat_row *r;
};

/*
 * Parse the file's text: 0, -EPROTO for another version, a header other
 * than the module's or a row that is not a CTID and six counters,
 * -ENOMEM (ns then empty). ns is to be freed with vz_netstat_free().
 */
int vz_netstat_parse(FILE *f, struct vz_netstat *ns);

/* The same from a file: 0 or -errno. */
int vz_netstat_read(const char *path, struct vz_netstat *ns);

void vz_netstat_free(struct vz_netstat *ns);

/* The counters of ctid, or NULL. */
const struct vzbc_net_stats *vz_netstat_find(const struct vz_netstat *ns, unsigned int ctid);

#endif /* VZ_NETSTAT_H */
