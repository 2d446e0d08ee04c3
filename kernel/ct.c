// SPDX-License-Identifier: GPL-2.0
/*
 * The container registry: CTID -> container, and task -> container through
 * the task's cgroup v2 directory.
 *
 * Writers (register, unregister) serialize on vzbc_ct_mutex; readers use
 * RCU. Every change of the registry bumps vzbc_ct_gen, which the per-CPU
 * cache of the current task's container (vzbc_ct_current()) checks. A
 * container lives as long as something holds a reference: the
 * registry while it is registered, and every object charged to it, so an
 * object freed after its container was unregistered still uncharges the
 * container it was charged to.
 *
 * What the other concerns keep per container (its cgroup directory, view,
 * /proc/bc/<ctid>/, task lists, network state) is set up and torn down
 * through the rows of vzbc_ct_parts[]: the registry calls none of them by
 * name, so that they may all look containers up here.
 */
#include <linux/cgroup.h>
#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

#include "vzbc.h"

static DEFINE_MUTEX(vzbc_ct_mutex);
static DEFINE_HASHTABLE(vzbc_ct_by_id, 10);
static DEFINE_HASHTABLE(vzbc_ct_by_cgrp, 10);
/* registered containers, ascending CTID */
static LIST_HEAD(vzbc_ct_list);
/*
 * Unregistered containers whose releases (/proc/bc/<ctid>'s removal, their
 * network state) still run after the mutex: their CTID is not free again
 * until those are done, or a registration of it racing with them would
 * make /proc/bc/<ctid> while the old one is still there.
 */
static LIST_HEAD(vzbc_ct_leaving);
static unsigned int vzbc_nr_cts;
/*
 * The lowest and highest cgroup levels of the registered containers: a
 * task's container search looks only at its cgroup's ancestors in between.
 */
static int vzbc_ct_min_level = INT_MAX, vzbc_ct_max_level = -1;
static bool vzbc_armed;		/* the hooks' ftrace callbacks are attached */

DEFINE_STATIC_KEY_FALSE(vzbc_have_cts);
DEFINE_PER_CPU(struct vzbc_ct_cache, vzbc_ct_cache);
unsigned long vzbc_ct_gen = 1;		/* 0 is never current: empty caches miss */

static void vzbc_ct_free_rcu(struct rcu_head *rcu)
{
	struct vzbc_ct *ct = container_of(rcu, struct vzbc_ct, rcu);

	vzbc_fault_ct_free(ct);
	kfree(ct);
	vzbc_fault_ct_freed(ct);
}

/* the last reference went (vzbc_ct_put()) */
void vzbc_ct_release(struct vzbc_ct *ct)
{
	cgroup_put(ct->cgrp);
	call_rcu(&ct->rcu, vzbc_ct_free_rcu);
	module_put(THIS_MODULE);
}

/* Caller holds rcu_read_lock() or vzbc_ct_mutex. */
static struct vzbc_ct *vzbc_ct_find_rcu(u32 ctid)
{
	struct vzbc_ct *ct;

	hash_for_each_possible_rcu(vzbc_ct_by_id, ct, by_id, ctid)
		if (ct->ctid == ctid)
			return ct;
	return NULL;
}

/* Is ctid a container still being unregistered? Under vzbc_ct_mutex. */
static bool vzbc_ct_is_leaving(u32 ctid)
{
	struct vzbc_ct *ct;

	list_for_each_entry(ct, &vzbc_ct_leaving, leaving)
		if (ct->ctid == ctid)
			return true;
	return false;
}

static struct vzbc_ct *vzbc_ct_by_cgroup_rcu(struct cgroup *cgrp)
{
	struct vzbc_ct *ct;

	hash_for_each_possible_rcu(vzbc_ct_by_cgrp, ct, by_cgrp,
				   (unsigned long)cgrp)
		if (ct->cgrp == cgrp)
			return ct;
	return NULL;
}

/*
 * The registered container whose cgroup is cgrp or an ancestor of it: only
 * the ancestors at the levels containers are registered at are looked up,
 * so a host task in a shallow or a deep cgroup costs one or two lookups.
 */
struct vzbc_ct *vzbc_ct_of_cgroup_rcu(struct cgroup *cgrp)
{
	int lo = READ_ONCE(vzbc_ct_min_level), lvl;
	struct vzbc_ct *ct;

	for (lvl = min(cgrp->level, READ_ONCE(vzbc_ct_max_level)); lvl >= lo; lvl--) {
		ct = vzbc_ct_by_cgroup_rcu(vzbc_cgroup_ancestor(cgrp, lvl));
		if (ct)
			return ct;
	}
	return NULL;
}

/* the level bounds again, from the registered containers (under the mutex) */
static void vzbc_ct_levels_update(void)
{
	int lo = INT_MAX, hi = -1;
	struct vzbc_ct *ct;

	list_for_each_entry(ct, &vzbc_ct_list, list) {
		lo = min(lo, ct->cgrp->level);
		hi = max(hi, ct->cgrp->level);
	}
	WRITE_ONCE(vzbc_ct_min_level, lo);
	WRITE_ONCE(vzbc_ct_max_level, hi);
}

/*
 * The container task belongs to, or NULL for the host. The result is valid
 * until rcu_read_unlock(); take a reference to keep it longer.
 */
struct vzbc_ct *vzbc_ct_of_task_rcu(struct task_struct *task)
{
	if (!static_branch_unlikely(&vzbc_have_cts))
		return NULL;
	return vzbc_ct_of_cgroup_rcu(task_dfl_cgroup(task));
}

/*
 * vzbc_ct_current()'s miss: the registry's answer for cgrp, which goes
 * into this CPU's cache with the generation it was read under (read
 * first: an unregistration that bumps it meanwhile makes the entry stale
 * at once). Interrupts or preemption are off, which is also what keeps the
 * container alive: an unregistration waits for an RCU grace period before
 * it drops the registry's reference.
 */
struct vzbc_ct *vzbc_ct_current_slow(struct cgroup *cgrp, u64 id)
{
	struct vzbc_ct_cache *c = this_cpu_ptr(&vzbc_ct_cache);
	unsigned long gen = READ_ONCE(vzbc_ct_gen), flags;
	struct vzbc_ct *ct;

	smp_rmb();	/* the generation before the registry */
	ct = vzbc_ct_of_cgroup_rcu(cgrp);
	local_irq_save(flags);	/* an interrupt's lookup must see a whole entry */
	c->gen = 0;
	c->cgid = id;
	c->ct = ct;
	c->gen = gen;
	local_irq_restore(flags);
	return ct;
}

/* the registry changed: every cached pair is stale (under vzbc_ct_mutex) */
static void vzbc_ct_gen_bump(void)
{
	smp_wmb();	/* the registry's change before the new generation */
	WRITE_ONCE(vzbc_ct_gen, vzbc_ct_gen + 1);
}

bool vzbc_current_in_ct(void)
{
	bool in_ct;

	rcu_read_lock();
	in_ct = vzbc_ct_of_task_rcu(current) != NULL;
	rcu_read_unlock();
	return in_ct;
}

/* A reference to ct found under RCU, or NULL if it is being freed. */
static struct vzbc_ct *vzbc_ct_tryget_rcu(struct vzbc_ct *ct)
{
	return ct && refcount_inc_not_zero(&ct->ref) ? ct : NULL;
}

struct vzbc_ct *vzbc_ct_get(u32 ctid)
{
	struct vzbc_ct *ct;

	rcu_read_lock();
	ct = vzbc_ct_tryget_rcu(vzbc_ct_find_rcu(ctid));
	rcu_read_unlock();
	return ct;
}

/* A reference to the current task's container, or NULL on the host. */
struct vzbc_ct *vzbc_ct_get_current(void)
{
	struct vzbc_ct *ct;

	preempt_disable();
	ct = vzbc_ct_current();
	/* found with preemption off: the registry's reference is still there */
	if (ct)
		refcount_inc(&ct->ref);
	preempt_enable();
	return ct;
}

/* A reference to the container of cgrp (or of an ancestor), or NULL. */
struct vzbc_ct *vzbc_ct_get_cgroup(struct cgroup *cgrp)
{
	struct vzbc_ct *ct;

	if (!static_branch_unlikely(&vzbc_have_cts))
		return NULL;
	rcu_read_lock();
	ct = vzbc_ct_tryget_rcu(vzbc_ct_of_cgroup_rcu(cgrp));
	rcu_read_unlock();
	return ct;
}

/* Does a registered container's cgroup contain cgrp, or sit below it? */
static bool vzbc_cgroup_overlaps(struct cgroup *cgrp)
{
	struct vzbc_ct *ct;

	list_for_each_entry(ct, &vzbc_ct_list, list)
		if (cgroup_is_descendant(cgrp, ct->cgrp) ||
		    cgroup_is_descendant(ct->cgrp, cgrp))
			return true;
	return false;
}

static void vzbc_ct_list_insert(struct vzbc_ct *new)
{
	struct vzbc_ct *ct;

	list_for_each_entry(ct, &vzbc_ct_list, list) {
		if (ct->ctid > new->ctid) {
			list_add_tail_rcu(&new->list, &ct->list);
			return;
		}
	}
	list_add_tail_rcu(&new->list, &vzbc_ct_list);
}

static struct vzbc_ct *vzbc_ct_alloc(u32 ctid, struct cgroup *cgrp)
{
	struct vzbc_ct *ct;

	ct = kzalloc(sizeof(*ct), GFP_KERNEL);
	if (!ct)
		return NULL;
	ct->ctid = ctid;
	ct->cgrp = cgrp;
	ct->started = ktime_get_boottime_ns();
	refcount_set(&ct->ref, 1);
	spin_lock_init(&ct->tasks_lock);
	INIT_LIST_HEAD(&ct->tasks);
	vzbc_bc_init(ct);
	return ct;
}

/*
 * The concerns' rows (vzbc_ct_parts[], main.c), under vzbc_ct_mutex: every
 * init in order, or, if one fails, the exits of those before it in
 * reverse; *done is then how many rows had their init (their releases
 * are the caller's to run, after the mutex).
 */
static int vzbc_ct_parts_init(struct vzbc_ct *ct, int cgroup_fd,
			      unsigned int *done)
{
	const struct vzbc_ct_part *p;
	unsigned int i;
	int ret;

	for (i = 0; i < vzbc_ct_nr_parts; i++) {
		p = &vzbc_ct_parts[i];
		ret = p->init ? p->init(ct, cgroup_fd) : 0;
		if (ret)
			goto err_init;
	}
	return 0;

err_init:
	*done = i;
	while (i--) {
		p = &vzbc_ct_parts[i];
		if (p->exit)
			p->exit(ct);
	}
	return ret;
}

static void vzbc_ct_parts_online(struct vzbc_ct *ct)
{
	unsigned int i;

	for (i = 0; i < vzbc_ct_nr_parts; i++)
		if (vzbc_ct_parts[i].online)
			vzbc_ct_parts[i].online(ct);
}

static void vzbc_ct_parts_exit(struct vzbc_ct *ct)
{
	unsigned int i = vzbc_ct_nr_parts;

	while (i--)
		if (vzbc_ct_parts[i].exit)
			vzbc_ct_parts[i].exit(ct);
}

/* the releases of the first n rows, in reverse; after vzbc_ct_mutex */
static void vzbc_ct_parts_release(struct vzbc_ct *ct, unsigned int n)
{
	unsigned int i = n;

	while (i--)
		if (vzbc_ct_parts[i].release)
			vzbc_ct_parts[i].release(ct);
}

/* ct in the registry, where lookups find it (under vzbc_ct_mutex) */
static void vzbc_ct_publish(struct vzbc_ct *ct)
{
	struct cgroup *cgrp = ct->cgrp;

	__module_get(THIS_MODULE);	/* dropped by the last vzbc_ct_put() */
	/* widened before the container can be found */
	WRITE_ONCE(vzbc_ct_min_level, min(vzbc_ct_min_level, cgrp->level));
	WRITE_ONCE(vzbc_ct_max_level, max(vzbc_ct_max_level, cgrp->level));
	hash_add_rcu(vzbc_ct_by_id, &ct->by_id, ct->ctid);
	hash_add_rcu(vzbc_ct_by_cgrp, &ct->by_cgrp, (unsigned long)cgrp);
	vzbc_ct_list_insert(ct);
	vzbc_ct_gen_bump();
	if (!vzbc_nr_cts++)
		static_branch_enable(&vzbc_have_cts);
}

/* ct out of the registry: lookups from now on miss it (under vzbc_ct_mutex) */
static void vzbc_ct_unpublish(struct vzbc_ct *ct)
{
	hash_del_rcu(&ct->by_id);
	hash_del_rcu(&ct->by_cgrp);
	list_del_rcu(&ct->list);
	vzbc_ct_levels_update();
	vzbc_ct_gen_bump();
	if (!--vzbc_nr_cts)
		static_branch_disable(&vzbc_have_cts);
}

int vzbc_ct_register(u32 ctid, int cgroup_fd)
{
	struct cgroup *cgrp;
	unsigned int done;
	struct vzbc_ct *ct;
	int ret;

	cgrp = cgroup_get_from_fd(cgroup_fd);
	if (IS_ERR(cgrp))
		return PTR_ERR(cgrp);

	if (!cgroup_parent(cgrp)) {	/* the root: that is the host */
		ret = -EINVAL;
		goto err_alloc;
	}
	ct = vzbc_ct_alloc(ctid, cgrp);
	if (!ct) {
		ret = -ENOMEM;
		goto err_alloc;
	}

	mutex_lock(&vzbc_ct_mutex);
	ret = -EEXIST;
	if (vzbc_ct_find_rcu(ctid) || vzbc_ct_is_leaving(ctid) || vzbc_cgroup_overlaps(cgrp))
		goto err_locked;
	if (!vzbc_armed) {
		ret = vzbc_probes_arm();
		if (ret)
			goto err_locked;
		vzbc_armed = true;
	}
	ret = vzbc_ct_parts_init(ct, cgroup_fd, &done);
	if (ret)
		goto err_parts;
	vzbc_ct_publish(ct);
	/* e.g. the tasks already in its cgroup; those moved in from now on are seen */
	vzbc_ct_parts_online(ct);
	mutex_unlock(&vzbc_ct_mutex);
	pr_debug("container %u registered\n", ctid);
	return 0;

err_parts:
	mutex_unlock(&vzbc_ct_mutex);
	vzbc_ct_parts_release(ct, done);
	goto err_unlocked;
err_locked:
	mutex_unlock(&vzbc_ct_mutex);
err_unlocked:
	vzbc_ct_disarm_soon();	/* if this registration armed the hooks */
	kfree(ct);
err_alloc:
	cgroup_put(cgrp);
	return ret;
}

int vzbc_ct_unregister(u32 ctid)
{
	struct vzbc_ct *ct;
	int ret = 0;

	mutex_lock(&vzbc_ct_mutex);
	ct = vzbc_ct_find_rcu(ctid);
	if (!ct) {
		ret = -ENOENT;
		goto out;
	}
	if (cgroup_is_populated(ct->cgrp)) {
		ret = -EBUSY;
		goto out;
	}
	vzbc_ct_unpublish(ct);
	list_add(&ct->leaving, &vzbc_ct_leaving);
	vzbc_ct_parts_exit(ct);
	mutex_unlock(&vzbc_ct_mutex);
	/* e.g. /proc/bc/<ctid>, whose removal waits for its readers, which
	 * may be waiting for the mutex; its addresses and venet hooks */
	vzbc_ct_parts_release(ct, vzbc_ct_nr_parts);
	mutex_lock(&vzbc_ct_mutex);
	list_del(&ct->leaving);
	mutex_unlock(&vzbc_ct_mutex);
	/* readers that found it under RCU may still take a reference */
	synchronize_rcu();
	vzbc_ct_put(ct);
	vzbc_ct_disarm_soon();
	pr_debug("container %u unregistered\n", ctid);
	return 0;
out:
	mutex_unlock(&vzbc_ct_mutex);
	return ret;
}

/*
 * Disarm the hooks once no container is registered and no object is
 * charged. Queued (it sleeps) after an unregistration, whose
 * synchronize_rcu() let in-flight charges finish, and again while objects
 * stay charged; a registration in between re-arms under the same mutex.
 * The hooks stay attached a few seconds after the last container goes:
 * attaching and detaching them patches the kernel's text and waits for
 * RCU-tasks grace periods, which a restart of the only container, or the
 * next one started right after, need not pay again.
 */
static unsigned int disarm_delay_ms = 5000;
module_param(disarm_delay_ms, uint, 0644);
MODULE_PARM_DESC(disarm_delay_ms,
		 "how long the hooks stay attached after the last container goes (ms)");

static void vzbc_disarm_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(vzbc_disarm_work, vzbc_disarm_fn);

/* objects still charged: look again a delay later, until they are gone */
static void vzbc_disarm_fn(struct work_struct *work)
{
	mutex_lock(&vzbc_ct_mutex);
	if (vzbc_armed && !vzbc_nr_cts) {
		if (vzbc_recs_busy()) {
			schedule_delayed_work(&vzbc_disarm_work,
					      msecs_to_jiffies(READ_ONCE(disarm_delay_ms)));
		} else {
			vzbc_probes_disarm();
			vzbc_armed = false;
		}
	}
	mutex_unlock(&vzbc_ct_mutex);
}

void vzbc_ct_disarm_soon(void)
{
	/* a pending one stands: the delay runs from the first request */
	schedule_delayed_work(&vzbc_disarm_work,
			      msecs_to_jiffies(READ_ONCE(disarm_delay_ms)));
}

void vzbc_ct_uninit(void)
{
	cancel_delayed_work_sync(&vzbc_disarm_work);
}

/*
 * Copy up to capacity CTIDs (ascending) to ids; return how many containers
 * are registered.
 */
unsigned int vzbc_ct_list_ids(u32 *ids, unsigned int capacity)
{
	struct vzbc_ct *ct;
	unsigned int n = 0;

	mutex_lock(&vzbc_ct_mutex);
	list_for_each_entry(ct, &vzbc_ct_list, list) {
		if (n < capacity)
			ids[n] = ct->ctid;
		n++;
	}
	mutex_unlock(&vzbc_ct_mutex);
	return n;
}

void vzbc_ct_lock(void)
{
	mutex_lock(&vzbc_ct_mutex);
}

void vzbc_ct_unlock(void)
{
	mutex_unlock(&vzbc_ct_mutex);
}

/* The registered container ctid, or NULL; under vzbc_ct_lock(). */
struct vzbc_ct *vzbc_ct_find_locked(u32 ctid)
{
	lockdep_assert_held(&vzbc_ct_mutex);
	return vzbc_ct_find_rcu(ctid);
}

/*
 * The container of the current task, or NULL on the host, for the walks
 * under vzbc_ct_mutex: a registered container stays on the list there.
 */
struct vzbc_ct *vzbc_ct_self(void)
{
	struct vzbc_ct *self;

	rcu_read_lock();
	self = vzbc_ct_of_task_rcu(current);
	rcu_read_unlock();
	return self;
}

/*
 * Visit the containers a reader may see: all of them from the host, only
 * its own from inside a container. fn runs under rcu_read_lock().
 */
void vzbc_ct_for_each_visible(void (*fn)(struct vzbc_ct *ct, void *arg),
			      void *arg)
{
	struct vzbc_ct *ct, *self;

	rcu_read_lock();
	self = vzbc_ct_of_task_rcu(current);
	if (self) {
		fn(self, arg);
	} else {
		list_for_each_entry_rcu(ct, &vzbc_ct_list, list)
			fn(ct, arg);
	}
	rcu_read_unlock();
}

/*
 * The same, for fn that may sleep (read its cgroup's files): on registered
 * containers only, under vzbc_ct_lock() (the _held variant: the caller
 * holds it already).
 */
void vzbc_ct_for_each_visible_held(void (*fn)(struct vzbc_ct *ct, void *arg),
				   void *arg)
{
	struct vzbc_ct *ct, *self;

	lockdep_assert_held(&vzbc_ct_mutex);
	self = vzbc_ct_self();
	list_for_each_entry(ct, &vzbc_ct_list, list)
		if (!self || ct == self)
			fn(ct, arg);
}

void vzbc_ct_for_each_visible_locked(void (*fn)(struct vzbc_ct *ct, void *arg),
				     void *arg)
{
	mutex_lock(&vzbc_ct_mutex);
	vzbc_ct_for_each_visible_held(fn, arg);
	mutex_unlock(&vzbc_ct_mutex);
}

/*
 * The containers a reader may see, in CTID order, one at a time, under
 * rcu_read_lock() (proc.c's iterators): the first whose CTID is ctid or
 * more, found at once when ctid is registered, and the one after ct.
 */
struct vzbc_ct *vzbc_ct_visible_from(u64 ctid)
{
	struct vzbc_ct *ct = vzbc_ct_of_task_rcu(current);

	if (ct)
		return ct->ctid >= ctid ? ct : NULL;
	if (ctid <= U32_MAX) {
		ct = vzbc_ct_find_rcu(ctid);
		if (ct)
			return ct;
	}
	list_for_each_entry_rcu(ct, &vzbc_ct_list, list)
		if (ct->ctid >= ctid)
			return ct;
	return NULL;
}

struct vzbc_ct *vzbc_ct_visible_next(struct vzbc_ct *ct)
{
	if (vzbc_ct_of_task_rcu(current))
		return NULL;
	ct = list_next_or_null_rcu(&vzbc_ct_list, &ct->list, struct vzbc_ct, list);
	return ct;
}
