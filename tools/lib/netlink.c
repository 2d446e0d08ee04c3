// SPDX-License-Identifier: GPL-2.0
/*
 * Links, addresses, routes and proxy neighbours of containers through
 * libnl-route-3 (netlink.h). Adding what is there and deleting what is
 * not are successes for addresses, routes and proxy entries, so that a
 * start or stop after an interrupted one repairs rather than fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if_arp.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/route.h>

#include "netlink.h"

struct vznet_nl {
	struct nl_sock *sk;
};

int vznet_errno(int err)
{
	switch (err) {
	case 0: return 0;
	case -NLE_EXIST: return -EEXIST;
	case -NLE_NOMEM: return -ENOMEM;
	case -NLE_INVAL: return -EINVAL;
	case -NLE_RANGE: return -ERANGE;
	case -NLE_AGAIN: return -EAGAIN;
	case -NLE_INTR: return -EINTR;
	case -NLE_BUSY: return -EBUSY;
	case -NLE_PERM: return -EPERM;
	case -NLE_NOACCESS: return -EACCES;
	case -NLE_NODEV: return -ENODEV;
	case -NLE_OBJ_NOTFOUND: return -ENOENT;
	case -NLE_NOADDR: return -EADDRNOTAVAIL;
	case -NLE_OPNOTSUPP: return -EOPNOTSUPP;
	case -NLE_AF_NOSUPPORT: return -EAFNOSUPPORT;
	case -NLE_MSGSIZE: return -EMSGSIZE;
	}
	/* what libnl has no name for (ENOTCONN, ...) */
	return err < 0 ? -EIO : err;
}

int vznet_drain(struct nl_sock *sk, bool *lost)
{
	struct nl_cb *cb = nl_socket_get_cb(sk);	/* a reference */
	int ret;

	/* one datagram per call, until none is left */
	do {
		ret = nl_recvmsgs_report(sk, cb);
		if (ret == -NLE_NOMEM) {	/* ENOBUFS */
			*lost = true;
			ret = 1;
		}
	} while (ret > 0);
	nl_cb_put(cb);
	return ret == -NLE_AGAIN ? 0 : vznet_errno(ret);	/* all read */
}

int vznet_nl_open(int netns_fd, struct vznet_nl **out)
{
	struct vznet_nl *nl = calloc(1, sizeof(*nl));
	int self = -1, ret = 0;

	if (!nl)
		return -ENOMEM;
	if (netns_fd >= 0) {
		self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
		if (self < 0 || setns(netns_fd, CLONE_NEWNET)) {
			ret = -errno;
			goto out;
		}
	}
	nl->sk = nl_socket_alloc();
	ret = nl->sk ? vznet_errno(nl_connect(nl->sk, NETLINK_ROUTE)) : -ENOMEM;
	if (netns_fd >= 0 && setns(self, CLONE_NEWNET))
		ret = -EIO;
out:
	if (self >= 0)
		close(self);
	if (ret) {
		vznet_nl_close(nl);
		return ret;
	}
	*out = nl;
	return 0;
}

void vznet_nl_close(struct vznet_nl *nl)
{
	if (!nl)
		return;
	if (nl->sk)
		nl_socket_free(nl->sk);
	free(nl);
}

/* a missing device, however the kernel or libnl words it */
static int vznet_nodev(int err)
{
	return err == -ENOENT || err == -ENODEV ? -ENODEV : err;
}

static int vznet_get_link(struct vznet_nl *nl, const char *name, struct rtnl_link **link)
{
	return vznet_nodev(vznet_errno(rtnl_link_get_kernel(nl->sk, 0, name, link)));
}

int vznet_ifindex(struct vznet_nl *nl, const char *name)
{
	struct rtnl_link *link;
	int ret = vznet_get_link(nl, name, &link);

	if (ret)
		return ret;
	ret = rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	return ret > 0 ? ret : -ENODEV;
}

/* a veth pair, the peer into netns_fd; returns the host end's index */
static int vznet_pair_add(struct vznet_nl *nl, struct rtnl_link *link,
			  struct rtnl_link *peer, int netns_fd)
{
	int ret;

	rtnl_link_set_ns_fd(peer, netns_fd);
	ret = vznet_errno(rtnl_link_add(nl->sk, link, NLM_F_CREATE | NLM_F_EXCL));
	if (ret)
		return ret;
	return vznet_ifindex(nl, rtnl_link_get_name(link));
}

static int vznet_set_mac(struct rtnl_link *link, const unsigned char mac[6])
{
	struct nl_addr *a = nl_addr_build(AF_LLC, mac, 6);

	if (!a)
		return -ENOMEM;
	rtnl_link_set_addr(link, a);
	nl_addr_put(a);
	return 0;
}

/* bring device name of the namespace open as netns_fd up */
static int vznet_up_in(int netns_fd, const char *name)
{
	struct vznet_nl *in;
	int ret = vznet_nl_open(netns_fd, &in);

	if (ret)
		return ret;
	ret = vznet_ifindex(in, name);
	if (ret > 0)
		ret = vznet_link_set_up(in, ret, true);
	vznet_nl_close(in);
	return ret;
}

int vznet_venet_add(struct vznet_nl *nl, const char *host_name,
		    const unsigned char mac[6], int netns_fd)
{
	struct rtnl_link *link = rtnl_link_veth_alloc(), *peer;
	int ret, up;

	if (!link)
		return -ENOMEM;
	peer = rtnl_link_veth_get_peer(link);
	rtnl_link_set_name(link, host_name);
	rtnl_link_set_name(peer, VZNET_VENET_NAME);
	ret = vznet_set_mac(link, mac);
	if (!ret)
		ret = vznet_set_mac(peer, mac);
	rtnl_link_set_flags(link, IFF_UP | IFF_NOARP);
	/*
	 * The peer's flags are taken whole (keep multicast), and it cannot be
	 * opened before its partner exists (ENOTCONN): up it goes after.
	 */
	rtnl_link_set_flags(peer, IFF_NOARP | IFF_MULTICAST);
	if (!ret)
		ret = vznet_pair_add(nl, link, peer, netns_fd);
	rtnl_link_put(peer);
	rtnl_link_put(link);
	if (ret < 0)
		return ret;
	up = vznet_up_in(netns_fd, VZNET_VENET_NAME);
	if (up < 0) {
		vznet_link_del(nl, host_name);
		return up;
	}
	return ret;
}

/* The index of bridge name: -ENODEV if absent, -EMEDIUMTYPE if no bridge. */
static int vznet_bridge(struct vznet_nl *nl, const char *name)
{
	struct rtnl_link *br;
	const char *type;
	int ret = vznet_get_link(nl, name, &br);

	if (ret)
		return ret;
	type = rtnl_link_get_type(br);
	ret = type && !strcmp(type, "bridge") ? rtnl_link_get_ifindex(br) : -EMEDIUMTYPE;
	rtnl_link_put(br);
	return ret;
}

int vznet_veth_add(struct vznet_nl *nl, const struct vznet_netif *nif, int netns_fd)
{
	struct rtnl_link *link, *peer;
	int master = 0, ret;

	if (nif->bridge[0]) {
		master = vznet_bridge(nl, nif->bridge);
		if (master < 0)
			return master;
	}
	link = rtnl_link_veth_alloc();
	if (!link)
		return -ENOMEM;
	peer = rtnl_link_veth_get_peer(link);
	rtnl_link_set_name(link, nif->host_ifname);
	rtnl_link_set_name(peer, nif->ifname);
	ret = vznet_set_mac(link, nif->host_mac);
	if (!ret)
		ret = vznet_set_mac(peer, nif->mac);
	rtnl_link_set_flags(link, IFF_UP);
	if (master)
		rtnl_link_set_master(link, master);
	if (!ret)
		ret = vznet_pair_add(nl, link, peer, netns_fd);
	rtnl_link_put(peer);
	rtnl_link_put(link);
	return ret;
}

int vznet_link_del(struct vznet_nl *nl, const char *name)
{
	struct rtnl_link *link = rtnl_link_alloc();
	int ret;

	if (!link)
		return -ENOMEM;
	rtnl_link_set_name(link, name);
	ret = vznet_nodev(vznet_errno(rtnl_link_delete(nl->sk, link)));
	rtnl_link_put(link);
	return ret;
}

/* change device orig with what change says */
static int vznet_link_change(struct vznet_nl *nl, struct rtnl_link *orig,
			     struct rtnl_link *change)
{
	return vznet_nodev(vznet_errno(rtnl_link_change(nl->sk, orig, change, 0)));
}

int vznet_link_set_up(struct vznet_nl *nl, int ifindex, bool up)
{
	struct rtnl_link *orig = rtnl_link_alloc(), *change = rtnl_link_alloc();
	int ret = -ENOMEM;

	if (orig && change) {
		rtnl_link_set_ifindex(orig, ifindex);
		if (up)
			rtnl_link_set_flags(change, IFF_UP);
		else
			rtnl_link_unset_flags(change, IFF_UP);
		ret = vznet_link_change(nl, orig, change);
	}
	rtnl_link_put(orig);
	rtnl_link_put(change);
	return ret;
}

int vznet_link_move(struct vznet_nl *nl, const char *name, int netns_fd)
{
	struct rtnl_link *orig = NULL, *change = rtnl_link_alloc();
	int ret;

	if (!change)
		return -ENOMEM;
	ret = vznet_get_link(nl, name, &orig);
	if (!ret) {
		rtnl_link_set_ns_fd(change, netns_fd);
		ret = vznet_link_change(nl, orig, change);
		rtnl_link_put(orig);
	}
	rtnl_link_put(change);
	return ret;
}

static struct nl_addr *vznet_nladdr(int family, const unsigned char *addr, int prefix)
{
	static const unsigned char zero[16];
	struct nl_addr *a;

	a = nl_addr_build(family, addr ? addr : zero, family == AF_INET ? 4 : 16);
	if (a)
		nl_addr_set_prefixlen(a, prefix);
	return a;
}

int vznet_addr(struct vznet_nl *nl, int ifindex, const struct vznet_ip *ip,
	       int prefix, bool add)
{
	struct rtnl_addr *a = rtnl_addr_alloc();
	struct nl_addr *local = vznet_nladdr(ip->family, ip->addr, prefix);
	int ret = -ENOMEM;

	if (a && local) {
		rtnl_addr_set_ifindex(a, ifindex);
		rtnl_addr_set_family(a, ip->family);
		rtnl_addr_set_prefixlen(a, prefix);
		ret = vznet_errno(rtnl_addr_set_local(a, local));
		if (!ret && ip->family == AF_INET6)
			rtnl_addr_set_flags(a, IFA_F_NODAD);
		if (!ret && add)
			ret = vznet_errno(rtnl_addr_add(nl->sk, a, 0));
		else if (!ret)
			ret = vznet_errno(rtnl_addr_delete(nl->sk, a, 0));
		if ((add && ret == -EEXIST) || (!add && ret == -EADDRNOTAVAIL))
			ret = 0;
	}
	nl_addr_put(local);
	rtnl_addr_put(a);
	return ret;
}

int vznet_route(struct vznet_nl *nl, int ifindex, int family,
		const struct vznet_ip *dst, int prefix, bool add)
{
	struct rtnl_route *r = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr *d = vznet_nladdr(family, dst ? dst->addr : NULL, dst ? prefix : 0);
	int ret = -ENOMEM;

	if (r && nh && d) {
		rtnl_route_set_family(r, (uint8_t)family);
		rtnl_route_set_table(r, RT_TABLE_MAIN);
		rtnl_route_set_scope(r, RT_SCOPE_LINK);
		rtnl_route_set_protocol(r, VZNET_RTPROT);
		rtnl_route_set_type(r, RTN_UNICAST);
		ret = vznet_errno(rtnl_route_set_dst(r, d));
		rtnl_route_nh_set_ifindex(nh, ifindex);
		rtnl_route_add_nexthop(r, nh);
		nh = NULL;			/* the route's now */
		if (!ret && add)
			ret = vznet_errno(rtnl_route_add(nl->sk, r, NLM_F_EXCL));
		else if (!ret)
			ret = vznet_errno(rtnl_route_delete(nl->sk, r, 0));
		/* IPv4 says ESRCH for a missing route, IPv6 ENOENT */
		if ((add && ret == -EEXIST) || (!add && (ret == -ENOENT || ret == -ESRCH)))
			ret = 0;
	}
	if (nh)
		rtnl_route_nh_free(nh);
	nl_addr_put(d);
	rtnl_route_put(r);
	return ret;
}

int vznet_proxy(struct vznet_nl *nl, int ifindex, const struct vznet_ip *ip, bool add)
{
	struct rtnl_neigh *n = rtnl_neigh_alloc();
	struct nl_addr *dst = vznet_nladdr(ip->family, ip->addr,
					   ip->family == AF_INET ? 32 : 128);
	int ret = -ENOMEM;

	if (n && dst) {
		rtnl_neigh_set_family(n, ip->family);
		rtnl_neigh_set_ifindex(n, ifindex);
		rtnl_neigh_set_flags(n, NTF_PROXY);
		ret = vznet_errno(rtnl_neigh_set_dst(n, dst));
		if (!ret && add)
			ret = vznet_errno(rtnl_neigh_add(nl->sk, n, NLM_F_CREATE | NLM_F_REPLACE));
		else if (!ret)
			ret = vznet_errno(rtnl_neigh_delete(nl->sk, n, 0));
		if (!add && ret == -ENOENT)
			ret = 0;
	}
	nl_addr_put(dst);
	rtnl_neigh_put(n);
	return ret;
}

/* ---------------------------------------------------------------- uplinks */

struct vznet_found {
	int *ifindex;
	size_t max, n;
};

static void vznet_found_add(struct vznet_found *f, int ifindex)
{
	size_t i;

	for (i = 0; i < f->n && i < f->max; i++)
		if (f->ifindex[i] == ifindex)
			return;
	if (f->n < f->max)
		f->ifindex[f->n] = ifindex;
	f->n++;
}

/* Is r a route of the host's own (not vzbc's) to a prefix holding ip? */
static bool vznet_route_holds(struct rtnl_route *r, const struct nl_addr *ip)
{
	struct nl_addr *dst = rtnl_route_get_dst(r);

	return rtnl_route_get_table(r) == RT_TABLE_MAIN &&
	       rtnl_route_get_type(r) == RTN_UNICAST &&
	       rtnl_route_get_protocol(r) != VZNET_RTPROT && dst &&
	       nl_addr_get_prefixlen(dst) > 0 &&
	       nl_addr_get_family(dst) == nl_addr_get_family(ip) &&
	       !nl_addr_cmp_prefix(dst, ip);
}

static int vznet_uplinks_detect(struct vznet_nl *nl, const struct vznet_ip *ip,
				struct vznet_found *f)
{
	struct nl_addr *a = vznet_nladdr(ip->family, ip->addr, ip->family == AF_INET ? 32 : 128);
	struct nl_cache *cache = NULL;
	struct nl_object *o;
	int ret, i;

	if (!a)
		return -ENOMEM;
	ret = vznet_errno(rtnl_route_alloc_cache(nl->sk, ip->family, 0, &cache));
	for (o = ret ? NULL : nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct rtnl_route *r = (struct rtnl_route *)o;

		if (!vznet_route_holds(r, a))
			continue;
		for (i = 0; i < rtnl_route_get_nnexthops(r); i++) {
			int idx = rtnl_route_nh_get_ifindex(rtnl_route_nexthop_n(r, i));

			if (idx > 0)
				vznet_found_add(f, idx);
		}
	}
	nl_cache_free(cache);
	nl_addr_put(a);
	return ret;
}

static int vznet_uplinks_all(struct vznet_nl *nl, struct vznet_found *f)
{
	struct nl_cache *cache = NULL;
	struct nl_object *o;
	int ret;

	ret = vznet_errno(rtnl_link_alloc_cache(nl->sk, AF_UNSPEC, &cache));
	for (o = ret ? NULL : nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct rtnl_link *l = (struct rtnl_link *)o;
		unsigned int flags = rtnl_link_get_flags(l);

		if ((flags & IFF_UP) && !(flags & (IFF_LOOPBACK | IFF_NOARP)) &&
		    rtnl_link_get_arptype(l) == ARPHRD_ETHER && !rtnl_link_get_master(l))
			vznet_found_add(f, rtnl_link_get_ifindex(l));
	}
	nl_cache_free(cache);
	return ret;
}

int vznet_uplinks(struct vznet_nl *nl, const struct vznet_neigh_devs *nd,
		  const struct vznet_ip *ip, int *ifindex, size_t max)
{
	struct vznet_found f = { .ifindex = ifindex, .max = max };
	size_t i;
	int ret = 0;

	switch (nd->mode) {
	case VZNET_NEIGH_DETECT:
		ret = vznet_uplinks_detect(nl, ip, &f);
		break;
	case VZNET_NEIGH_ALL:
		ret = vznet_uplinks_all(nl, &f);
		break;
	case VZNET_NEIGH_LIST:
		for (i = 0; i < nd->n && !ret; i++) {
			int idx = vznet_ifindex(nl, nd->dev[i]);

			if (idx > 0)
				vznet_found_add(&f, idx);
			else if (idx != -ENODEV)
				ret = idx;
		}
		break;
	}
	return ret ? ret : (int)f.n;
}
