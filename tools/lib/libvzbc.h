/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libvzbc: the tools' access to vzbc.ko. Every function returns 0 (or a
 * non-negative value) on success and a negative errno on failure; none
 * prints. Messages are the caller's business (vzbc_strerror helps).
 */
#ifndef LIBVZBC_H
#define LIBVZBC_H

#include <stddef.h>
#include <linux/vzbc.h>

/* Open the control device (VZBC_DEVICE_PATH); returns an fd or -errno. */
int vzbc_open(void);

/* Issue VZBC_IOC_VERSION on fd; fills *v. */
int vzbc_get_version(int fd, struct vzbc_version *v);

/* Set n barrier/limit pairs of container ctid at once (all or none). */
int vzbc_set_limits(int fd, unsigned int ctid, const struct vzbc_limit *l,
		    unsigned int n);

/* Read container ctid's beancounter; -ENOENT if it is not registered. */
/* Register container ctid with the cgroup v2 directory open as cgroup_fd;
 * forget it. 0 or -errno (see the ioctls in linux/vzbc.h). */
int vzbc_ct_register(int fd, unsigned int ctid, int cgroup_fd);
int vzbc_ct_unregister(int fd, unsigned int ctid);

int vzbc_get_bc(int fd, unsigned int ctid, struct vzbc_bc *bc);

/* Container ctid's view: the VZBC_VIEW_* parts its tasks see of their own
 * (set), its parts, loads and task counts (get, into *vi). 0 or -errno. */
int vzbc_set_view(int fd, unsigned int ctid, unsigned int parts);
int vzbc_get_view(int fd, unsigned int ctid, struct vzbc_view_info *vi);

/* 0 when a module of that ABI can serve these tools, else -EPROTO. */
int vzbc_abi_check(const struct vzbc_version *v);

/*
 * A message for an error returned by vzbc_open() or the ioctl wrappers,
 * phrased for an admin: it says what to do where there is something to do.
 */
const char *vzbc_strerror(int err);

#endif /* LIBVZBC_H */
