/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzbc.ko's network commands (VZBC_IOC_NET_*, linux/vzbc.h) on an open
 * /dev/vzctl: a container's venet pair attached, its addresses claimed
 * and released, its state read. 0 or a negative errno; nothing printed.
 */
#ifndef VZ_NETCTL_H
#define VZ_NETCTL_H

#include <stdbool.h>
#include <linux/vzbc.h>

#include "netparse.h"

/* Tie container ctid to its namespace (netns_fd) and host end (ifindex). */
int vzbc_net_attach(int fd, unsigned int ctid, int netns_fd, int ifindex);

/*
 * Claim (add) or release the addresses of l for ctid, all of them or
 * none: -EADDRINUSE if another container owns one, -EADDRNOTAVAIL if one
 * to release is not ctid's, -ENXIO if nothing is attached yet. An empty
 * list is 0.
 */
int vzbc_net_claim(int fd, unsigned int ctid, const struct vznet_iplist *l, bool add);

/* Release every address of ctid. */
int vzbc_net_release_all(int fd, unsigned int ctid);

/*
 * The addresses ctid owns into l (the caller frees it; masks not given)
 * and, if info is not NULL, its host end, state and traffic counters.
 */
int vzbc_net_get(int fd, unsigned int ctid, struct vznet_iplist *l,
		 struct vzbc_net_info *info);

#endif /* VZ_NETCTL_H */
