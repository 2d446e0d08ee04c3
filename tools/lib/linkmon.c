// SPDX-License-Identifier: GPL-2.0
/*
 * The host's uplinks coming up, through libnl-3 (see linkmon.h), from
 * rtnetlink's link and route groups. A link is up with IFF_UP and
 * IFF_RUNNING (the operational state up), which the kernel tells of in a
 * notice that says no flag changed: so the state of each link is kept
 * (the links there are at the start, then every notice), and a link is
 * up anew when a notice finds it up and the one before did not. And
 * NEIGHBOUR_DEVS="detect" finds uplinks by their routes: the prefix
 * routes of their addresses, which come back after the link does (IPv6
 * addresses are dropped at a link's down, and put back by whoever
 * configures the network). Such a route (the kernel's own, for an
 * address) counts as its link coming up.
 */
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdlib.h>

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "linkmon.h"
#include "netlink.h"

struct vz_link {
	int ifindex;
	bool up;		/* and running */
	bool uplink;		/* what may be one */
};

struct vz_linkmon {
	struct nl_sock *sk;
	struct vz_link *links;
	size_t n, cap;
	void (*fn)(int ifindex, void *arg);
	void *arg;
};

/* ifindex's entry, made if there is none (then down), or NULL */
static struct vz_link *vz_link_find(struct vz_linkmon *lm, int ifindex, bool make)
{
	struct vz_link *grown;
	size_t i;

	for (i = 0; i < lm->n; i++)
		if (lm->links[i].ifindex == ifindex)
			return &lm->links[i];
	if (!make)
		return NULL;
	if (lm->n == lm->cap) {
		grown = reallocarray(lm->links, lm->cap ? 2 * lm->cap : 16, sizeof(*grown));
		if (!grown)
			return NULL;
		lm->links = grown;
		lm->cap = lm->cap ? 2 * lm->cap : 16;
	}
	lm->links[lm->n] = (struct vz_link){ .ifindex = ifindex };
	return &lm->links[lm->n++];
}

/* ifindex is gone (its number may come back for another link) */
static void vz_link_forget(struct vz_linkmon *lm, int ifindex)
{
	struct vz_link *l = vz_link_find(lm, ifindex, false);

	if (l)
		*l = lm->links[--lm->n];
}

/* what the kernel says of link ifindex (flags, type, whether in a bridge or bond) */
static void vz_linkmon_state(struct vz_linkmon *lm, int ifindex, unsigned int flags,
			     unsigned int type, bool enslaved)
{
	struct vz_link *l = vz_link_find(lm, ifindex, true);
	bool was;

	if (!l) {			/* no memory: said up, to be safe */
		if (lm->fn)
			lm->fn(ifindex, lm->arg);
		return;
	}
	was = l->up;
	l->up = (flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
	/* Ethernet that does ARP, not in a bridge or a bond */
	l->uplink = type == ARPHRD_ETHER && !(flags & (IFF_LOOPBACK | IFF_NOARP)) && !enslaved;
	if (l->uplink && l->up && !was && lm->fn)
		lm->fn(ifindex, lm->arg);
}

static void vz_linkmon_link(struct vz_linkmon *lm, struct nlmsghdr *nlh)
{
	struct nlattr *a[IFLA_MAX + 1];
	struct ifinfomsg *ifi;

	if (nlmsg_parse(nlh, sizeof(*ifi), a, IFLA_MAX, NULL))
		return;
	ifi = nlmsg_data(nlh);
	if (nlh->nlmsg_type == RTM_DELLINK)
		vz_link_forget(lm, ifi->ifi_index);
	else
		vz_linkmon_state(lm, ifi->ifi_index, ifi->ifi_flags, ifi->ifi_type,
				 a[IFLA_MASTER]);
}

/* the links there are now, without a word to fn: those up are not up anew */
static int vz_linkmon_seed(struct vz_linkmon *lm)
{
	struct nl_cache *cache = NULL;
	struct nl_sock *sk;
	struct nl_object *o;
	int ret;

	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (!ret)
		ret = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	for (o = ret ? NULL : nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct rtnl_link *l = (struct rtnl_link *)o;

		vz_linkmon_state(lm, rtnl_link_get_ifindex(l), rtnl_link_get_flags(l),
				 rtnl_link_get_arptype(l), rtnl_link_get_master(l) > 0);
	}
	nl_cache_free(cache);
	nl_socket_free(sk);
	return vznet_errno(ret);
}

/* a route of the host's own to a prefix, as the uplinks' detection takes */
static void vz_linkmon_route(struct vz_linkmon *lm, struct nlmsghdr *nlh)
{
	struct nlattr *a[RTA_MAX + 1];
	struct rtmsg *rtm;
	struct vz_link *l;
	int oif;

	if (nlh->nlmsg_type != RTM_NEWROUTE || nlmsg_parse(nlh, sizeof(*rtm), a, RTA_MAX, NULL))
		return;
	rtm = nlmsg_data(nlh);
	/* the prefix route of an address the link got (back): not a routing
	 * daemon's, whose sessions may bring thousands at once */
	if (rtm->rtm_type != RTN_UNICAST || rtm->rtm_protocol != RTPROT_KERNEL ||
	    !rtm->rtm_dst_len ||
	    (a[RTA_TABLE] ? nla_get_u32(a[RTA_TABLE]) : rtm->rtm_table) != RT_TABLE_MAIN)
		return;
	oif = a[RTA_OIF] ? (int)nla_get_u32(a[RTA_OIF]) : 0;	/* 0: several */
	l = oif ? vz_link_find(lm, oif, false) : NULL;
	if (!l || (l->uplink && l->up))
		lm->fn(oif, lm->arg);
}

static int vz_linkmon_one(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (nlh->nlmsg_type == RTM_NEWLINK || nlh->nlmsg_type == RTM_DELLINK)
		vz_linkmon_link(arg, nlh);
	else
		vz_linkmon_route(arg, nlh);
	return NL_OK;
}

int vz_linkmon_open(struct vz_linkmon **out)
{
	struct vz_linkmon *lm = calloc(1, sizeof(*lm));
	int ret;

	if (!lm)
		return -ENOMEM;
	lm->sk = nl_socket_alloc();
	if (!lm->sk) {
		free(lm);
		return -ENOMEM;
	}
	nl_socket_disable_seq_check(lm->sk);
	nl_socket_modify_cb(lm->sk, NL_CB_VALID, NL_CB_CUSTOM, vz_linkmon_one, lm);
	ret = nl_connect(lm->sk, NETLINK_ROUTE);
	if (!ret)
		ret = nl_socket_add_memberships(lm->sk, RTNLGRP_LINK, RTNLGRP_IPV4_ROUTE,
						RTNLGRP_IPV6_ROUTE, 0);
	if (!ret)
		ret = nl_socket_set_nonblocking(lm->sk);
	ret = vznet_errno(ret);
	if (!ret)
		ret = vz_linkmon_seed(lm);	/* subscribed first: nothing falls between */
	if (ret) {
		vz_linkmon_close(lm);
		return ret;
	}
	*out = lm;
	return 0;
}

void vz_linkmon_close(struct vz_linkmon *lm)
{
	if (!lm)
		return;
	nl_socket_free(lm->sk);
	free(lm->links);
	free(lm);
}

int vz_linkmon_fd(const struct vz_linkmon *lm)
{
	return nl_socket_get_fd(lm->sk);
}

int vz_linkmon_read(struct vz_linkmon *lm, void (*fn)(int ifindex, void *arg), void *arg)
{
	bool lost = false;
	int ret;

	lm->fn = fn;
	lm->arg = arg;
	ret = vznet_drain(lm->sk, &lost);
	if (lost)
		fn(0, arg);
	return ret;
}
