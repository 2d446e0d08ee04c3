// SPDX-License-Identifier: GPL-2.0
/*
 * The anti-spoofing check and the traffic counters of a container's venet
 * pair, and their life cycle.
 *
 * A container's venet0 is one end of a veth pair; the other end stays in
 * the host's namespace. Every frame the container sends, by whatever means
 * (an IP socket, a packet socket, XDP on its own end, a namespace nested
 * inside it), arrives on that host end. So the check sits there, as a
 * netfilter hook at the device's ingress (NFPROTO_NETDEV), in the host's
 * namespace where the container cannot remove or bypass it: IPv4 and IPv6
 * pass when their source is an address the container owns (IPv6
 * link-local too, which the host never forwards); ARP, other protocols,
 * VLAN-tagged frames and other sources are dropped and counted. A second
 * hook at the device's egress counts what is delivered to the container.
 * Hooks at IPv4/IPv6/ARP inside the container's namespace would miss its
 * packet sockets, and on an L3 link with no ARP there is nothing for ARP
 * hooks to check.
 *
 * Life cycle: a hook goes when its device unregisters (a netdevice
 * notifier); a container's addresses go when the namespace it was attached
 * to exits (a pernet exit), so a container halted from inside holds no
 * address; everything goes when the container is unregistered.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_netdev.h>
#include <linux/nsproxy.h>
#include <linux/percpu.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>

#include "net.h"

DEFINE_MUTEX(vzbc_net_mutex);
LIST_HEAD(vzbc_net_all);

/* ------------------------------------------------------------ counting */

static void vzbc_net_count(struct vzbc_net *n, enum vzbc_net_dir dir,
			   const struct sk_buff *skb)
{
	struct vzbc_net_pcpu *s = this_cpu_ptr(n->stats);
	int off = skb_network_offset(skb);
	unsigned int len = skb->len;
	unsigned int segs = 1;

	if (off > 0 && off < len)
		len -= off;		/* no link-layer header */
	if (skb_is_gso(skb))
		segs = max_t(unsigned int, skb_shinfo(skb)->gso_segs, 1);
	u64_stats_update_begin(&s->syncp);
	u64_stats_add(&s->bytes[dir], len);
	u64_stats_add(&s->packets[dir], segs);
	u64_stats_update_end(&s->syncp);
}

void vzbc_net_read_stats(const struct vzbc_net *n, struct vzbc_net_stats *out)
{
	u64 bytes[VZBC_NET_DIRS] = { 0 }, packets[VZBC_NET_DIRS] = { 0 };
	unsigned int start, d;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct vzbc_net_pcpu *s = per_cpu_ptr(n->stats, cpu);
		u64 b[VZBC_NET_DIRS], p[VZBC_NET_DIRS];

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (d = 0; d < VZBC_NET_DIRS; d++) {
				b[d] = u64_stats_read(&s->bytes[d]);
				p[d] = u64_stats_read(&s->packets[d]);
			}
		} while (u64_stats_fetch_retry(&s->syncp, start));
		for (d = 0; d < VZBC_NET_DIRS; d++) {
			bytes[d] += b[d];
			packets[d] += p[d];
		}
	}
	out->in_bytes = bytes[VZBC_NET_IN];
	out->in_packets = packets[VZBC_NET_IN];
	out->out_bytes = bytes[VZBC_NET_OUT];
	out->out_packets = packets[VZBC_NET_OUT];
	out->drop_bytes = bytes[VZBC_NET_DROP];
	out->drop_packets = packets[VZBC_NET_DROP];
}

/* ------------------------------------------------------------ the check */

static bool vzbc_net_src4_ok(const struct vzbc_net *n, const struct sk_buff *skb)
{
	const struct iphdr *h;
	struct iphdr buf;

	h = skb_header_pointer(skb, skb_network_offset(skb), sizeof(buf), &buf);
	if (!h || h->version != 4)
		return false;
	if (likely(vzbc_net_owns(n, AF_INET, &h->saddr)))
		return true;
	if (net_ratelimit())
		pr_notice("container %u: dropped a packet from %pI4 to %pI4: not its address\n",
			  n->ctid, &h->saddr, &h->daddr);
	return false;
}

static bool vzbc_net_src6_ok(const struct vzbc_net *n, const struct sk_buff *skb)
{
	const struct ipv6hdr *h;
	struct ipv6hdr buf;

	h = skb_header_pointer(skb, skb_network_offset(skb), sizeof(buf), &buf);
	if (!h || h->version != 6)
		return false;
	if (likely(vzbc_net_owns(n, AF_INET6, &h->saddr)))
		return true;
	/* link-local: the host answers it, never forwards it */
	if (ipv6_addr_type(&h->saddr) & IPV6_ADDR_LINKLOCAL)
		return true;
	if (net_ratelimit() && !ipv6_addr_any(&h->saddr))
		pr_notice("container %u: dropped a packet from %pI6c to %pI6c: not its address\n",
			  n->ctid, &h->saddr, &h->daddr);
	return false;
}

/* NF_NETDEV_INGRESS of the host end: what the container sends */
static unsigned int vzbc_net_from_ct(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	struct vzbc_net *n = priv;
	bool ok = false;

	if (!skb_vlan_tag_present(skb)) {
		if (skb->protocol == htons(ETH_P_IP))
			ok = vzbc_net_src4_ok(n, skb);
		else if (skb->protocol == htons(ETH_P_IPV6))
			ok = vzbc_net_src6_ok(n, skb);
	}
	vzbc_net_count(n, ok ? VZBC_NET_OUT : VZBC_NET_DROP, skb);
	return ok ? NF_ACCEPT : NF_DROP;
}

/* NF_NETDEV_EGRESS of the host end: what the container receives */
static unsigned int vzbc_net_to_ct(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	vzbc_net_count(priv, VZBC_NET_IN, skb);
	return NF_ACCEPT;
}

/* ------------------------------------------------------------ state */

static void vzbc_net_free_rcu(struct rcu_head *rcu)
{
	struct vzbc_net *n = container_of(rcu, struct vzbc_net, rcu);

	free_percpu(n->stats);
	kfree(n);
}

static struct vzbc_net *vzbc_net_alloc(u32 ctid)
{
	struct vzbc_net *n;

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return NULL;
	n->stats = alloc_percpu(struct vzbc_net_pcpu);
	if (!n->stats) {
		kfree(n);
		return NULL;
	}
	n->ctid = ctid;
	INIT_LIST_HEAD(&n->addrs);
	n->ops[0] = (struct nf_hook_ops) {
		.hook = vzbc_net_from_ct, .priv = n, .pf = NFPROTO_NETDEV,
		.hooknum = NF_NETDEV_INGRESS, .priority = INT_MIN,
	};
	n->ops[1] = (struct nf_hook_ops) {
		.hook = vzbc_net_to_ct, .priv = n, .pf = NFPROTO_NETDEV,
		.hooknum = NF_NETDEV_EGRESS, .priority = INT_MAX,
	};
	return n;
}

/* The container's network state, or NULL; under the mutex. */
struct vzbc_net *vzbc_net_of(struct vzbc_ct *ct)
{
	return rcu_dereference_protected(ct->net, lockdep_is_held(&vzbc_net_mutex));
}

/*
 * Take the hooks off the device. The device cannot go meanwhile: its
 * unregistration waits for the mutex in vzbc_net_netdev_event().
 */
static void vzbc_net_unhook(struct vzbc_net *n)
{
	lockdep_assert_held(&vzbc_net_mutex);
	if (!n->dev)
		return;
	nf_unregister_net_hooks(dev_net(n->dev), n->ops, ARRAY_SIZE(n->ops));
	n->dev = NULL;
}

/* Forget everything of the container: it is being unregistered. */
void vzbc_net_ct_release(struct vzbc_ct *ct)
{
	struct vzbc_net *n;

	mutex_lock(&vzbc_net_mutex);
	n = vzbc_net_of(ct);
	if (n) {
		vzbc_net_unhook(n);
		vzbc_net_release_addrs(n);
		list_del(&n->list);
		RCU_INIT_POINTER(ct->net, NULL);
	}
	mutex_unlock(&vzbc_net_mutex);
	/* a packet or a /proc reader may still be looking at it */
	if (n)
		call_rcu(&n->rcu, vzbc_net_free_rcu);
}

/* ------------------------------------------------------------ attach */

/* Is dev a veth whose peer lives in netns? Under RTNL. */
static int vzbc_net_check_pair(struct net_device *dev, const struct net *netns)
{
	struct net_device *peer;
	bool ok;

	if (!dev->rtnl_link_ops || strcmp(dev->rtnl_link_ops->kind, "veth") ||
	    !dev->netdev_ops->ndo_get_peer_dev)
		return -EINVAL;
	rcu_read_lock();
	peer = dev->netdev_ops->ndo_get_peer_dev(dev);
	ok = peer && net_eq(dev_net(peer), netns);
	rcu_read_unlock();
	return ok ? 0 : -EINVAL;
}

/* Does another container than n use netns or dev? */
static bool vzbc_net_taken(const struct vzbc_net *n, const struct net *netns,
			   const struct net_device *dev)
{
	struct vzbc_net *o;

	list_for_each_entry(o, &vzbc_net_all, list)
		if (o != n && (o->netns == netns || o->dev == dev))
			return true;
	return false;
}

/*
 * Tie ct (its state n, NULL if it has none yet) to netns and dev. Under
 * RTNL and the mutex.
 */
static int vzbc_net_bind(struct vzbc_ct *ct, struct vzbc_net *n,
			 const struct net *netns, struct net_device *dev)
{
	bool fresh = !n;
	int ret;

	if (vzbc_net_taken(n, netns, dev))
		return -EBUSY;
	if (n && ((n->netns && n->netns != netns) || (n->dev && n->dev != dev)))
		return -EBUSY;
	if (n && n->dev == dev) {
		n->netns = netns;
		return 0;
	}
	if (fresh) {
		n = vzbc_net_alloc(ct->ctid);
		if (!n)
			return -ENOMEM;
	}
	n->ops[0].dev = dev;
	n->ops[1].dev = dev;
	ret = nf_register_net_hooks(dev_net(dev), n->ops, ARRAY_SIZE(n->ops));
	if (ret) {
		/* a packet may be in the first hook, which the core took off */
		if (fresh)
			call_rcu(&n->rcu, vzbc_net_free_rcu);
		return ret;
	}
	n->dev = dev;
	n->netns = netns;
	if (fresh) {
		list_add(&n->list, &vzbc_net_all);
		rcu_assign_pointer(ct->net, n);
	}
	return 0;
}

int vzbc_net_attach(u32 ctid, int netns_fd, u32 ifindex)
{
	struct net *self = current->nsproxy->net_ns;
	struct net_device *dev;
	struct vzbc_ct *ct;
	struct net *netns;
	int ret;

	netns = get_net_ns_by_fd(netns_fd);
	if (IS_ERR(netns))
		return PTR_ERR(netns);
	ret = -EINVAL;
	if (net_eq(netns, self))
		goto out_put;

	rtnl_lock();
	dev = __dev_get_by_index(self, ifindex);
	ret = -ENODEV;
	if (!dev)
		goto out_rtnl;
	ret = vzbc_net_check_pair(dev, netns);
	if (ret)
		goto out_rtnl;
	mutex_lock(&vzbc_net_mutex);
	/* looked up under the mutex: an unregistration releases after us */
	ct = vzbc_ct_get(ctid);
	ret = -ENOENT;
	if (ct) {
		ret = vzbc_net_bind(ct, vzbc_net_of(ct), netns, dev);
		vzbc_ct_put(ct);
	}
	mutex_unlock(&vzbc_net_mutex);
out_rtnl:
	rtnl_unlock();
out_put:
	/* the namespace may exit now: vzbc_net_exit() finds it bound */
	put_net(netns);
	return ret;
}

/* ------------------------------------------------------------ addresses */

int vzbc_net_change(u32 ctid, u32 op, const struct vzbc_net_addr *a,
		    unsigned int count)
{
	struct vzbc_net *n;
	struct vzbc_ct *ct;
	int ret = -ENOENT;

	mutex_lock(&vzbc_net_mutex);
	ct = vzbc_ct_get(ctid);
	if (!ct)
		goto out;
	n = vzbc_net_of(ct);
	switch (op) {
	case VZBC_NET_ADD:
		ret = n && n->netns ? vzbc_net_addr_add(n, a, count) : -ENXIO;
		break;
	case VZBC_NET_DEL:
		ret = n ? vzbc_net_addr_del(n, a, count) : -EADDRNOTAVAIL;
		break;
	default:	/* VZBC_NET_DEL_ALL */
		if (n)
			vzbc_net_release_addrs(n);
		ret = 0;
	}
	vzbc_ct_put(ct);
out:
	mutex_unlock(&vzbc_net_mutex);
	return ret;
}

/*
 * Fill info (all but ctid, flags, capacity and addrs) and up to capacity
 * addresses of container ctid.
 */
int vzbc_net_info(u32 ctid, struct vzbc_net_info *info,
		  struct vzbc_net_addr *a, unsigned int capacity)
{
	const struct vzbc_net_addr_ent *e;
	struct vzbc_net *n;
	struct vzbc_ct *ct;
	unsigned int i = 0;

	mutex_lock(&vzbc_net_mutex);
	ct = vzbc_ct_get(ctid);
	if (!ct) {
		mutex_unlock(&vzbc_net_mutex);
		return -ENOENT;
	}
	n = vzbc_net_of(ct);
	if (n) {
		list_for_each_entry(e, &n->addrs, node) {
			if (i < capacity) {
				a[i].family = e->family;
				memcpy(a[i].addr, &e->addr, sizeof(a[i].addr));
			}
			i++;
		}
		info->ifindex = n->dev ? n->dev->ifindex : 0;
		info->state = n->netns ? VZBC_NET_NETNS : 0;
		vzbc_net_read_stats(n, &info->stats);
	}
	info->count = i;
	mutex_unlock(&vzbc_net_mutex);
	vzbc_ct_put(ct);
	return 0;
}

/* ------------------------------------------------------------ life cycle */

static int vzbc_net_netdev_event(struct notifier_block *nb, unsigned long event,
				 void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vzbc_net *n;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	mutex_lock(&vzbc_net_mutex);
	list_for_each_entry(n, &vzbc_net_all, list)
		if (n->dev == dev)
			vzbc_net_unhook(n);
	mutex_unlock(&vzbc_net_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block vzbc_net_netdev_nb = {
	.notifier_call = vzbc_net_netdev_event,
};

/* A namespace exits: the container tied to it releases its addresses. */
static void vzbc_net_exit(struct net *net)
{
	struct vzbc_net *n;

	mutex_lock(&vzbc_net_mutex);
	list_for_each_entry(n, &vzbc_net_all, list) {
		if (n->netns != net)
			continue;
		vzbc_net_unhook(n);	/* its device went first, normally */
		vzbc_net_release_addrs(n);
		n->netns = NULL;
	}
	mutex_unlock(&vzbc_net_mutex);
}

static struct pernet_operations vzbc_net_pernet = {
	.exit = vzbc_net_exit,
};

int vzbc_net_init(void)
{
	int ret;

	vzbc_net_addr_init();
	ret = register_pernet_subsys(&vzbc_net_pernet);
	if (ret)
		goto err_pernet;
	ret = register_netdevice_notifier(&vzbc_net_netdev_nb);
	if (ret)
		goto err_notifier;
	return 0;

err_notifier:
	unregister_pernet_subsys(&vzbc_net_pernet);
err_pernet:
	return ret;
}

void vzbc_net_uninit(void)
{
	unregister_netdevice_notifier(&vzbc_net_netdev_nb);
	unregister_pernet_subsys(&vzbc_net_pernet);
	rcu_barrier();		/* vzbc_net_free_rcu() of the last containers */
}
