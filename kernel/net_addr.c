// SPDX-License-Identifier: GPL-2.0
/*
 * The venet address map: every IPv4 and IPv6 address a container owns, in
 * one hash table for the whole host, so that an address belongs to one
 * container at a time (a second claim is refused with EADDRINUSE while the
 * map is locked: two racing claims cannot both win) and the packet path
 * can tell in one lookup whether a source address is the sender's.
 *
 * Writers hold vzbc_net_mutex; the packet path reads under RCU. A change
 * of several addresses is all or nothing: the entries are allocated before
 * the map is touched, and an entry added by a change that fails is taken
 * out again before the mutex is released.
 */
#include <linux/hashtable.h>
#include <linux/in.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <net/ipv6.h>

#include "net.h"

#define VZBC_NET_HASH_BITS	10

static DEFINE_HASHTABLE(vzbc_net_hash, VZBC_NET_HASH_BITS);
static u32 vzbc_net_seed __read_mostly;

/* entry marks, valid only during one change under the mutex */
#define VZBC_NET_SEEN	1	/* named by this change */
#define VZBC_NET_NEW	2	/* added by this change */

static u32 vzbc_net_hashfn(u16 family, const void *addr)
{
	u32 v4;

	if (family == AF_INET) {
		memcpy(&v4, addr, sizeof(v4));
		return jhash_1word(v4, vzbc_net_seed);
	}
	return jhash(addr, sizeof(struct in6_addr), vzbc_net_seed);
}

static bool vzbc_net_ent_is(const struct vzbc_net_addr_ent *e, u16 family,
			    const void *addr)
{
	if (e->family != family)
		return false;
	if (family == AF_INET)
		return !memcmp(&e->addr, addr, sizeof(__be32));
	return !memcmp(&e->addr, addr, sizeof(e->addr));
}

/* Under rcu_read_lock() or the mutex. */
static struct vzbc_net_addr_ent *vzbc_net_find(u16 family, const void *addr)
{
	struct vzbc_net_addr_ent *e;

	hash_for_each_possible_rcu(vzbc_net_hash, e, hnode,
				   vzbc_net_hashfn(family, addr),
				   lockdep_is_held(&vzbc_net_mutex))
		if (vzbc_net_ent_is(e, family, addr))
			return e;
	return NULL;
}

/*
 * Does n own addr (4 or 16 bytes in network order)? The packet path's
 * question, asked under RCU.
 */
bool vzbc_net_owns(const struct vzbc_net *n, u16 family, const void *addr)
{
	const struct vzbc_net_addr_ent *e = vzbc_net_find(family, addr);

	return e && READ_ONCE(e->owner) == n;
}

/* Is a an address a container may own? Reserved fields must be 0. */
bool vzbc_net_addr_valid(const struct vzbc_net_addr *a)
{
	struct in6_addr v6;
	__be32 v4;
	int type;

	if (a->reserved0 || a->reserved1)
		return false;
	switch (a->family) {
	case AF_INET:
		memcpy(&v4, a->addr, sizeof(v4));
		if (memchr_inv(a->addr + sizeof(v4), 0, sizeof(a->addr) - sizeof(v4)))
			return false;
		/* not 0/8, 127/8, 169.254/16, multicast, class E, broadcast */
		return (ntohl(v4) >> 24) != 0 && !ipv4_is_loopback(v4) &&
		       !ipv4_is_linklocal_169(v4) && !ipv4_is_multicast(v4) &&
		       (ntohl(v4) >> 28) != 0xf;
	case AF_INET6:
		/* ::/8 holds ::, ::1, IPv4-mapped and -compatible addresses */
		if (!a->addr[0])
			return false;
		memcpy(&v6, a->addr, sizeof(v6));
		type = ipv6_addr_type(&v6);
		return (type & IPV6_ADDR_UNICAST) && !(type & IPV6_ADDR_LINKLOCAL);
	}
	return false;
}

static void vzbc_net_ent_remove(struct vzbc_net *n, struct vzbc_net_addr_ent *e)
{
	hash_del_rcu(&e->hnode);
	list_del_rcu(&e->node);
	n->nr_addrs--;
	kfree_rcu(e, rcu);
}

static void vzbc_net_ent_insert(struct vzbc_net *n, struct vzbc_net_addr_ent *e,
				const struct vzbc_net_addr *a)
{
	e->owner = n;
	e->family = a->family;
	memcpy(&e->addr, a->addr, sizeof(e->addr));
	e->mark = VZBC_NET_SEEN | VZBC_NET_NEW;
	hash_add_rcu(vzbc_net_hash, &e->hnode, vzbc_net_hashfn(e->family, &e->addr));
	list_add_tail_rcu(&e->node, &n->addrs);
	n->nr_addrs++;
}

/*
 * End a change: clear the marks, and if it failed (ret != 0) take out what
 * it added (remove_new) or, if it succeeded, what it named (remove_seen).
 */
static void vzbc_net_change_end(struct vzbc_net *n, int ret, bool remove_seen)
{
	struct vzbc_net_addr_ent *e, *tmp;

	list_for_each_entry_safe(e, tmp, &n->addrs, node) {
		if ((ret && (e->mark & VZBC_NET_NEW)) ||
		    (!ret && remove_seen && (e->mark & VZBC_NET_SEEN)))
			vzbc_net_ent_remove(n, e);
		else
			e->mark = 0;
	}
}

static void vzbc_net_free_ents(struct vzbc_net_addr_ent **ents, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		kfree(ents[i]);
	kvfree(ents);
}

/* Claim one address for n, using *ent if it needs a new entry. */
static int vzbc_net_claim_one(struct vzbc_net *n, const struct vzbc_net_addr *a,
			      struct vzbc_net_addr_ent **ent)
{
	struct vzbc_net_addr_ent *e = vzbc_net_find(a->family, a->addr);

	if (e && e->owner != n)
		return -EADDRINUSE;
	if (e && e->mark)
		return -EINVAL;		/* given twice */
	if (e) {
		e->mark = VZBC_NET_SEEN;
		return 0;
	}
	if (n->nr_addrs >= VZBC_NET_MAX_ADDRS)
		return -ENOSPC;
	vzbc_net_ent_insert(n, *ent, a);
	*ent = NULL;
	return 0;
}

/*
 * Claim count validated addresses for n, all or none: EADDRINUSE if
 * another container owns one, EINVAL if one is given twice, ENOSPC past
 * VZBC_NET_MAX_ADDRS. Addresses n already owns stay as they are.
 */
int vzbc_net_addr_add(struct vzbc_net *n, const struct vzbc_net_addr *a,
		      unsigned int count)
{
	struct vzbc_net_addr_ent **ents;
	unsigned int i;
	int ret = 0;

	lockdep_assert_held(&vzbc_net_mutex);
	ents = kvcalloc(count, sizeof(*ents), GFP_KERNEL);
	if (!ents)
		return -ENOMEM;
	for (i = 0; i < count; i++) {
		ents[i] = kzalloc(sizeof(*ents[i]), GFP_KERNEL);
		if (!ents[i]) {
			vzbc_net_free_ents(ents, i);
			return -ENOMEM;
		}
	}
	for (i = 0; i < count && !ret; i++)
		ret = vzbc_net_claim_one(n, &a[i], &ents[i]);
	vzbc_net_change_end(n, ret, false);
	vzbc_net_free_ents(ents, count);
	return ret;
}

/*
 * Release count validated addresses of n, all or none: EADDRNOTAVAIL if
 * one is not n's, EINVAL if one is given twice.
 */
int vzbc_net_addr_del(struct vzbc_net *n, const struct vzbc_net_addr *a,
		      unsigned int count)
{
	struct vzbc_net_addr_ent *e;
	unsigned int i;
	int ret = 0;

	lockdep_assert_held(&vzbc_net_mutex);
	for (i = 0; i < count && !ret; i++) {
		e = vzbc_net_find(a[i].family, a[i].addr);
		if (!e || e->owner != n)
			ret = -EADDRNOTAVAIL;
		else if (e->mark)
			ret = -EINVAL;
		else
			e->mark = VZBC_NET_SEEN;
	}
	vzbc_net_change_end(n, ret, true);
	return ret;
}

/* Release every address of n. */
void vzbc_net_release_addrs(struct vzbc_net *n)
{
	struct vzbc_net_addr_ent *e, *tmp;

	lockdep_assert_held(&vzbc_net_mutex);
	list_for_each_entry_safe(e, tmp, &n->addrs, node)
		vzbc_net_ent_remove(n, e);
}

void vzbc_net_addr_init(void)
{
	vzbc_net_seed = get_random_u32();
}
