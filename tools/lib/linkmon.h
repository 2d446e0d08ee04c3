/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's uplinks coming up (rtnetlink's link and route groups): a
 * down and up of an uplink makes the kernel drop every proxy ARP / NDP
 * entry on it, which the containers' addresses need. Every function returns 0 (or a
 * non-negative value) or a negative errno, and prints nothing.
 */
#ifndef VZ_LINKMON_H
#define VZ_LINKMON_H

struct vz_linkmon;

int vz_linkmon_open(struct vz_linkmon **out);
void vz_linkmon_close(struct vz_linkmon *lm);

/* The socket's fd, to poll for POLLIN. */
int vz_linkmon_fd(const struct vz_linkmon *lm);

/*
 * Read what waits, without blocking: fn for each link that came up (up
 * and running) and may be an uplink (an Ethernet link that does ARP, not
 * in a bridge or a bond), or got the prefix route of an address
 * (0: a route over several links); fn(0) when notices were lost (the
 * socket's buffer overflowed: any link may have come up). A link first
 * heard of while up counts as come up.
 */
int vz_linkmon_read(struct vz_linkmon *lm, void (*fn)(int ifindex, void *arg), void *arg);

#endif /* VZ_LINKMON_H */
