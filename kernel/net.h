/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's network state, shared by the files of the networking part:
 * net_addr.c (the address map), net_hook.c (the check at the host end of
 * the venet pair, the counters, the life cycle) and net_proc.c.
 *
 * Writers serialize on vzbc_net_mutex (taken after RTNL where both are
 * held); the packet path and /proc readers use RCU.
 */
#ifndef VZBC_NET_H
#define VZBC_NET_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>

#include "vzbc.h"

enum vzbc_net_dir {
	VZBC_NET_IN,		/* delivered to the container */
	VZBC_NET_OUT,		/* sent by the container, let through */
	VZBC_NET_DROP,		/* sent by the container, refused */
	VZBC_NET_DIRS,
};

struct vzbc_net_pcpu {
	u64_stats_t bytes[VZBC_NET_DIRS];
	u64_stats_t packets[VZBC_NET_DIRS];
	struct u64_stats_sync syncp;
};

/* One address of the map: in the global hash and in its owner's list. */
struct vzbc_net_addr_ent {
	struct hlist_node hnode;	/* vzbc_net_hash */
	struct list_head node;		/* owner->addrs */
	struct vzbc_net *owner;
	struct in6_addr addr;		/* IPv4 in the first word, the rest 0 */
	u16 family;
	u8 mark;			/* scratch of one change, under the mutex */
	struct rcu_head rcu;
};

struct vzbc_net {
	u32 ctid;
	struct list_head list;		/* vzbc_net_all, under the mutex */
	struct list_head addrs;		/* RCU; changed under the mutex */
	unsigned int nr_addrs;
	/*
	 * The namespace it is tied to: compared, never followed (no
	 * reference is held); cleared by the namespace's exit.
	 */
	const struct net *netns;
	/* the host end the hooks sit on, cleared when it unregisters */
	struct net_device *dev;
	struct nf_hook_ops ops[2];	/* ingress check, egress count */
	struct vzbc_net_pcpu __percpu *stats;
	struct rcu_head rcu;
};

extern struct mutex vzbc_net_mutex;
extern struct list_head vzbc_net_all;

/* net_addr.c */
bool vzbc_net_owns(const struct vzbc_net *n, u16 family, const void *addr);
void vzbc_net_release_addrs(struct vzbc_net *n);
int vzbc_net_addr_add(struct vzbc_net *n, const struct vzbc_net_addr *a,
		      unsigned int count);
int vzbc_net_addr_del(struct vzbc_net *n, const struct vzbc_net_addr *a,
		      unsigned int count);
bool vzbc_net_addr_valid(const struct vzbc_net_addr *a);
void vzbc_net_addr_init(void);

/* net_hook.c */
struct vzbc_net *vzbc_net_of(struct vzbc_ct *ct);
void vzbc_net_read_stats(const struct vzbc_net *n, struct vzbc_net_stats *out);
int vzbc_net_attach(u32 ctid, int netns_fd, u32 ifindex);
int vzbc_net_change(u32 ctid, u32 op, const struct vzbc_net_addr *a,
		    unsigned int count);
int vzbc_net_info(u32 ctid, struct vzbc_net_info *info,
		  struct vzbc_net_addr *a, unsigned int capacity);


#endif /* VZBC_NET_H */
