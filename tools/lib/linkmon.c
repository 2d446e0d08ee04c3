// SPDX-License-Identifier: GPL-2.0
/*
 * The host's uplinks coming up, through libnl-3 (see linkmon.h), from
 * rtnetlink's link and route groups. A link is up with IFF_UP and
 * IFF_RUNNING (the operational state up), which the kernel tells of in a
 * notice that says no flag changed: so the state of each link is kept,
 * and a link is up anew when a notice finds it up and the one before did
 * not (or there was none: making proxy entries again is harmless). And
 * NEIGHBOUR_DEVS="detect" finds uplinks by their routes, which come back
 * after the link does (IPv6 addresses are dropped at a link's down, and
 * put back by whoever configures the network): a route that can make a
 * link an uplink counts as that link coming up.
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

static void vz_linkmon_link(struct vz_linkmon *lm, struct nlmsghdr *nlh)
{
	struct nlattr *a[IFLA_MAX + 1];
	struct ifinfomsg *ifi;
	struct vz_link *l;
	bool was;

	if (nlmsg_parse(nlh, sizeof(*ifi), a, IFLA_MAX, NULL))
		return;
	ifi = nlmsg_data(nlh);
	if (nlh->nlmsg_type == RTM_DELLINK) {
		vz_link_forget(lm, ifi->ifi_index);
		return;
	}
	l = vz_link_find(lm, ifi->ifi_index, true);
	if (!l) {			/* no memory: said up, to be safe */
		lm->fn(ifi->ifi_index, lm->arg);
		return;
	}
	was = l->up;
	l->up = (ifi->ifi_flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
	/* Ethernet that does ARP, not in a bridge or a bond */
	l->uplink = ifi->ifi_type == ARPHRD_ETHER &&
		    !(ifi->ifi_flags & (IFF_LOOPBACK | IFF_NOARP)) && !a[IFLA_MASTER];
	if (l->uplink && l->up && !was)
		lm->fn(ifi->ifi_index, lm->arg);
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
	if (rtm->rtm_type != RTN_UNICAST || rtm->rtm_protocol == VZNET_RTPROT ||
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
	if (ret) {
		vz_linkmon_close(lm);
		return vznet_errno(ret);
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
