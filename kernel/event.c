// SPDX-License-Identifier: GPL-2.0
/*
 * Events: when the init of a registered container exits, a message on the
 * "events" group of the module's generic netlink family (the ABI header
 * describes it), so that a host daemon can clean up after a container
 * halted from inside, or start it again after a reboot, as OpenVZ's
 * kernel told vzeventd.
 *
 * The container's init is the child reaper of its pid namespace whose
 * parent is not in the container (the init of a namespace nested in it
 * has its parent there, or is reparented there). How it ended comes from
 * its namespace: reboot(2) in a pid namespace sets the namespace's reboot
 * field (SIGHUP: restart, SIGINT: halt or power off) before it kills the
 * init; a plain exit or a kill leaves it 0.
 *
 * The exit is seen at cgroup_exit() (res-task.c's probe), where nothing
 * may sleep: the event is queued there and sent from a work item. Sent in
 * the initial network namespace only, to listeners with CAP_NET_ADMIN
 * there (the group's flag): a container sees neither the family nor
 * another container's events.
 */
#include <linux/list.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "vzbc.h"

struct vzbc_event {
	struct list_head node;
	u32 ctid;
	u32 how;			/* enum vzbc_stop_how */
	u32 pid;
	u32 status;
};

static LIST_HEAD(vzbc_events);
static DEFINE_SPINLOCK(vzbc_events_lock);

static const struct genl_multicast_group vzbc_event_groups[] = {
	{ .name = VZBC_GENL_GROUP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

static struct genl_family vzbc_genl_family = {
	.name = VZBC_GENL_NAME,
	.version = VZBC_GENL_VERSION,
	.maxattr = VZBC_EVENT_A_MAX,
	.netnsok = false,		/* the initial network namespace only */
	.module = THIS_MODULE,
	.mcgrps = vzbc_event_groups,
	.n_mcgrps = ARRAY_SIZE(vzbc_event_groups),
};

static int vzbc_event_fill(struct sk_buff *skb, const struct vzbc_event *ev)
{
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &vzbc_genl_family, 0, VZBC_EVENT_CT_STOP);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VZBC_EVENT_A_CTID, ev->ctid) ||
	    nla_put_u32(skb, VZBC_EVENT_A_HOW, ev->how) ||
	    nla_put_u32(skb, VZBC_EVENT_A_PID, ev->pid) ||
	    nla_put_u32(skb, VZBC_EVENT_A_STATUS, ev->status)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static void vzbc_event_send(const struct vzbc_event *ev)
{
	struct sk_buff *skb;

	skb = genlmsg_new(4 * nla_total_size(sizeof(u32)), GFP_KERNEL);
	if (!skb)
		goto err_lost;
	if (vzbc_event_fill(skb, ev)) {
		nlmsg_free(skb);
		goto err_lost;
	}
	/* -ESRCH: nobody listens, which is no error */
	genlmsg_multicast(&vzbc_genl_family, skb, 0, 0, GFP_KERNEL);
	return;

err_lost:
	pr_warn_ratelimited("no memory for the stop event of CT %u\n", ev->ctid);
}

static void vzbc_events_flush(struct work_struct *work)
{
	struct vzbc_event *ev, *next;
	LIST_HEAD(batch);

	spin_lock_irq(&vzbc_events_lock);
	list_splice_init(&vzbc_events, &batch);
	spin_unlock_irq(&vzbc_events_lock);
	list_for_each_entry_safe(ev, next, &batch, node) {
		vzbc_event_send(ev);
		kfree(ev);
	}
}

static DECLARE_WORK(vzbc_events_work, vzbc_events_flush);

/* How t, the init of a pid namespace, ended (see the top of the file). */
static u32 vzbc_stop_how(struct pid_namespace *ns)
{
	switch (READ_ONCE(ns->reboot)) {
	case SIGHUP:
		return VZBC_STOP_REBOOT;
	case SIGINT:
		return VZBC_STOP_HALT;
	default:
		return VZBC_STOP_EXIT;
	}
}

/* t's container if t is its init, else NULL; under RCU. */
static struct vzbc_ct *vzbc_init_of(struct task_struct *t, struct pid_namespace *ns)
{
	struct vzbc_ct *ct;

	if (!thread_group_leader(t) || !ns || ns == &init_pid_ns ||
	    READ_ONCE(ns->child_reaper) != t)
		return NULL;
	ct = vzbc_ct_of_task_rcu(t);
	if (!ct || vzbc_ct_of_task_rcu(rcu_dereference(t->real_parent)) == ct)
		return NULL;
	return ct;
}

/*
 * cgroup_exit(t): if t is a registered container's init, queue its event.
 * Any context the probe runs in: no sleeping.
 */
void vzbc_event_task_exit(struct task_struct *t)
{
	struct pid_namespace *ns = task_active_pid_ns(t);
	struct vzbc_event *ev;
	struct vzbc_ct *ct;
	unsigned long flags;

	rcu_read_lock();
	ct = vzbc_init_of(t, ns);
	if (!ct) {
		rcu_read_unlock();
		return;
	}
	ev = kmalloc(sizeof(*ev), GFP_ATOMIC | __GFP_NOWARN);
	if (ev) {
		ev->ctid = ct->ctid;
		ev->how = vzbc_stop_how(ns);
		ev->pid = task_tgid_nr(t);
		ev->status = READ_ONCE(t->exit_code);
	}
	rcu_read_unlock();
	if (!ev) {
		pr_warn_ratelimited("no memory for a container's stop event\n");
		return;
	}
	spin_lock_irqsave(&vzbc_events_lock, flags);
	list_add_tail(&ev->node, &vzbc_events);
	spin_unlock_irqrestore(&vzbc_events_lock, flags);
	schedule_work(&vzbc_events_work);
}

int vzbc_events_init(void)
{
	return genl_register_family(&vzbc_genl_family);
}

/* After the probes are gone: nothing queues any more. */
void vzbc_events_uninit(void)
{
	flush_work(&vzbc_events_work);
	genl_unregister_family(&vzbc_genl_family);
}
