/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's network switches under /proc/sys/net that venet needs:
 * forwarding, proxy_ndp on uplinks, rp_filter and accept_ra on the host
 * ends. 0 or a negative errno; nothing printed.
 */
#ifndef VZ_NETSYS_H
#define VZ_NETSYS_H

#include <stddef.h>

/* key relative to /proc/sys/net, as "ipv4/ip_forward" */
int vznet_sysctl_get(const char *key, char *buf, size_t len);
int vznet_sysctl_set(const char *key, const char *value);

/* net/ipv4/conf/DEV/KEY or net/ipv6/conf/DEV/KEY (dev "all" too) */
int vznet_sysctl_dev(int family, const char *dev, const char *key, const char *value);

/*
 * What routing family's addresses to containers needs: forwarding on
 * (ipv4/ip_forward, ipv6/conf/all/forwarding) and, for IPv6, proxy_ndp in
 * "all", which neighbour discovery reads besides the uplink's own.
 */
int vznet_host_routing(int family);

/*
 * The host end of a venet pair: it takes no router advertisements and
 * accepts only what the container may send from (rp_filter strict).
 */
int vznet_host_end(const char *name);

#endif /* VZ_NETSYS_H */
