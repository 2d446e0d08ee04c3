/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's links, addresses, routes and proxy neighbour entries,
 * through rtnetlink (libnl-route-3). Every function returns 0 (or a
 * non-negative value) or a negative errno, and prints nothing.
 *
 * The venet model on a stock kernel (see also kernel/net_hook.c): a veth
 * pair whose container end is named venet0 and whose host end (venetCTID)
 * stays on the host; both ends without ARP and with the same MAC, so
 * frames cross the pair addressed to the receiver and no neighbour
 * discovery ever runs on it. The container holds its addresses on venet0
 * as /32 and /128 with default routes on the device, as OpenVZ's venet
 * had; the host routes each address to the host end and answers ARP and
 * NDP for it on its uplinks (proxy entries), so only the host's MAC
 * appears on the LAN.
 */
#ifndef VZ_NETLINK_H
#define VZ_NETLINK_H

#include <stdbool.h>
#include <stddef.h>

#include "netparse.h"

/* the container end of the venet pair */
#define VZNET_VENET_NAME	"venet0"
/* the routes vzbc adds carry this protocol number, to be told apart */
#define VZNET_RTPROT		118

/* libnl's -NLE_* as a negative errno (-EIO for those without one). */
int vznet_errno(int nlerr);

struct nl_sock;

/*
 * Every message waiting on the non-blocking listening socket sk through
 * its own callbacks; *lost set if the socket's buffer overflowed (some
 * were dropped: what is left is still read). 0 or -errno.
 */
int vznet_drain(struct nl_sock *sk, bool *lost);

/* An rtnetlink socket bound to one network namespace. */
struct vznet_nl;

/*
 * A socket in the caller's namespace (netns_fd < 0), or in the namespace
 * open as netns_fd: the calling thread enters it for the socket's
 * creation only. -EIO if the thread could not come back (it must not go
 * on: it is in the other namespace).
 */
int vznet_nl_open(int netns_fd, struct vznet_nl **out);
void vznet_nl_close(struct vznet_nl *nl);

/* The index of the device named name, or -ENODEV. */
int vznet_ifindex(struct vznet_nl *nl, const char *name);

/*
 * The venet pair: host end host_name in nl's namespace, VZNET_VENET_NAME
 * in the namespace open as netns_fd, both with mac, no ARP, up. Returns
 * the host end's index; -EEXIST if host_name is taken.
 */
int vznet_venet_add(struct vznet_nl *nl, const char *host_name,
		    const unsigned char mac[6], int netns_fd);

/*
 * A veth interface of NETIF (host_ifname, macs filled in): the host end
 * in nl's namespace, up, in nif->bridge if one is named (-ENODEV if no
 * such device, -EMEDIUMTYPE if it is not a bridge, checked before
 * anything is made); the container end nif->ifname in netns_fd, down.
 * Returns the host end's index.
 */
int vznet_veth_add(struct vznet_nl *nl, const struct vznet_netif *nif, int netns_fd);

/* Delete device name (a veth pair goes whole). -ENODEV if absent. */
int vznet_link_del(struct vznet_nl *nl, const char *name);

/* Bring device ifindex up or down. */
int vznet_link_set_up(struct vznet_nl *nl, int ifindex, bool up);

/*
 * Move device name from nl's namespace to the one open as netns_fd
 * (NETDEV: into a container and back). -ENODEV if absent, -EEXIST if the
 * name is taken there.
 */
int vznet_link_move(struct vznet_nl *nl, const char *name, int netns_fd);

/* Add or delete ip/prefix on ifindex (IPv6: no duplicate detection). */
int vznet_addr(struct vznet_nl *nl, int ifindex, const struct vznet_ip *ip,
	       int prefix, bool add);

/*
 * A device route to dst/prefix through ifindex, or the default route of
 * family (dst NULL), marked VZNET_RTPROT. Adding one that is there is 0.
 */
int vznet_route(struct vznet_nl *nl, int ifindex, int family,
		const struct vznet_ip *dst, int prefix, bool add);

/* A proxy ARP / NDP entry for ip on ifindex (NTF_PROXY). Idempotent. */
int vznet_proxy(struct vznet_nl *nl, int ifindex, const struct vznet_ip *ip, bool add);

/*
 * The uplinks that should answer for ip (NEIGHBOUR_DEVS): "detect", the
 * devices with a route of theirs (not vzbc's) to a prefix holding ip,
 * none when ip is routed to the host; "all", every device that is up,
 * uses ARP and is no bridge port; "list", those named that exist.
 * Fills up to max indexes, returns how many there are.
 */
int vznet_uplinks(struct vznet_nl *nl, const struct vznet_neigh_devs *nd,
		  const struct vznet_ip *ip, int *ifindex, size_t max);

#endif /* VZ_NETLINK_H */
