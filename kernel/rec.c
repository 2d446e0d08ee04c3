// SPDX-License-Identifier: GPL-2.0
/*
 * Charge records: each charged object is remembered, with the container and
 * amount it was charged, in a hash table keyed by the object's address and
 * a key (what it was charged for), so the free hook uncharges exactly what
 * was charged, to the container that was charged, whichever task frees it
 * and wherever that task lives by then.
 *
 * The table: a hash table of bit-locked lists, sized once from the host's
 * memory (a bucket per 16 pages, from 2^14 to 2^20 buckets: 128 KiB to
 * 8 MiB). A free hook whose object's bucket is empty, as it is for nearly
 * every object of the host, knows without taking a lock that the object
 * was never charged. Records are only reached under their bucket's lock,
 * so one is recycled as soon as it is out of its list. The frees come from
 * any context (a task's last reference may go in an interrupt): the locks
 * keep interrupts off.
 *
 * Records come from a small per-CPU pool, refilled from and drained to
 * kmalloc(), so a charge and its uncharge cost neither an allocation nor
 * the zeroing Debian's kernels do on every one (init_on_alloc). (Not a
 * cache of their own: a failed kmem_cache_create() dumps its stack, and
 * 6.1's leaks the cache's sysfs name, which the fault walk over the load
 * would report as the module's.) The count
 * of live records is per-CPU too: only the disarming reads it. It counts
 * the charges whose objects keep their record themselves as well
 * (vzbc_charge_kept()).
 */
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/list_bl.h>	/* after mm.h: 6.12's needs cpu_relax() declared */
#include <linux/percpu.h>
#include <linux/slab.h>

#include "vzbc.h"

#define VZBC_RECS_MIN_BITS	14
#define VZBC_RECS_MAX_BITS	20
#define VZBC_POOL_MAX		64

struct hlist_bl_head *vzbc_recs;
unsigned int vzbc_recs_bits;

struct vzbc_rec_pool {
	struct vzbc_rec *free;		/* linked by their obj field */
	unsigned int n;
};

static DEFINE_PER_CPU(struct vzbc_rec_pool, vzbc_rec_pool);
DEFINE_PER_CPU(long, vzbc_nr_recs);	/* and charges kept by their objects */

/* Interrupts are off. */
static __always_inline struct vzbc_rec *vzbc_rec_get(void)
{
	struct vzbc_rec_pool *pool = this_cpu_ptr(&vzbc_rec_pool);
	struct vzbc_rec *rec = pool->free;

	if (likely(rec)) {
		pool->free = (struct vzbc_rec *)rec->obj;
		pool->n--;
		return rec;
	}
	return kmalloc(sizeof(*rec), GFP_ATOMIC | __GFP_NOWARN);
}

/* Interrupts are off. */
static __always_inline void vzbc_rec_put(struct vzbc_rec *rec)
{
	struct vzbc_rec_pool *pool = this_cpu_ptr(&vzbc_rec_pool);

	if (unlikely(pool->n >= VZBC_POOL_MAX)) {
		kfree(rec);
		return;
	}
	rec->obj = pool->free;
	pool->free = rec;
	pool->n++;
}

/* The record of (obj, key) in bucket b, which the caller has locked. */
static __always_inline struct vzbc_rec *vzbc_rec_find(struct hlist_bl_head *b, const void *obj,
				      unsigned long key)
{
	struct hlist_bl_node *pos;
	struct vzbc_rec *rec;

	hlist_bl_for_each_entry(rec, pos, b, node)
		if (rec->obj == obj && rec->key == key)
			return rec;
	return NULL;
}

/*
 * Put rec, filled in but for its node, in the table, unless its (obj, key)
 * is there already (then false). Interrupts are off.
 */
static __always_inline bool __vzbc_rec_insert(struct vzbc_rec *rec)
{
	struct hlist_bl_head *b = vzbc_rec_bucket(rec->obj);
	bool fresh;

	hlist_bl_lock(b);
	fresh = !vzbc_rec_find(b, rec->obj, rec->key);
	if (fresh)
		hlist_bl_add_head(&rec->node, b);
	hlist_bl_unlock(b);
	return fresh;
}

/*
 * Take the record of (obj, key) out of the table; b is obj's bucket.
 * Interrupts are off.
 */
static __always_inline struct vzbc_rec *__vzbc_rec_remove(struct hlist_bl_head *b,
							 const void *obj,
							 unsigned long key)
{
	struct vzbc_rec *rec;

	hlist_bl_lock(b);
	rec = vzbc_rec_find(b, obj, key);
	if (rec)
		hlist_bl_del(&rec->node);
	hlist_bl_unlock(b);
	return rec;
}

bool vzbc_rec_insert(struct vzbc_rec *rec)
{
	return __vzbc_rec_insert(rec);
}

struct vzbc_rec *vzbc_rec_remove(const void *obj, unsigned long key)
{
	return __vzbc_rec_remove(vzbc_rec_bucket(obj), obj, key);
}

/*
 * Charge val of res for (obj, key) to ct. Interrupts are off and ct is
 * alive (the caller found it so, or holds a reference); the record takes
 * a reference of its own. -ENOMEM when refused, or when obj is charged
 * for key already (it is not twice).
 */
static __always_inline int vzbc_charge_obj_locked(struct vzbc_ct *ct, const void *obj,
						  unsigned long key, unsigned int res,
						  unsigned long val, enum vzbc_strict strict)
{
	struct vzbc_rec *rec;
	int ret;

	ret = vzbc_charge(ct, res, val, strict);
	if (ret)
		return ret;
	rec = vzbc_rec_get();
	if (unlikely(!rec))
		goto err_rec;
	rec->obj = obj;
	rec->key = key;
	rec->res = res;
	rec->ct = ct;
	rec->val = val;
	if (unlikely(!__vzbc_rec_insert(rec)))
		goto err_insert;
	refcount_inc(&ct->ref);
	this_cpu_inc(vzbc_nr_recs);
	return 0;

err_insert:
	vzbc_rec_put(rec);
err_rec:
	vzbc_uncharge(ct, res, val);
	return -ENOMEM;
}

notrace int vzbc_charge_obj_to(struct vzbc_ct *ct, const void *obj, unsigned long key,
		       unsigned int res, unsigned long val, enum vzbc_strict strict)
{
	unsigned long flags;
	int ret;

	local_irq_save(flags);
	ret = vzbc_charge_obj_locked(ct, obj, key, res, val, strict);
	local_irq_restore(flags);
	return ret;
}

/* vzbc_charge_obj()'s charge, preemption off: ct is alive */
notrace int __vzbc_charge_obj(struct vzbc_ct *ct, const void *obj, unsigned long key,
			      unsigned int res, enum vzbc_strict strict)
{
	unsigned long flags;
	int ret;

	local_irq_save(flags);
	ret = vzbc_charge_obj_locked(ct, obj, key, res, 1, strict);
	local_irq_restore(flags);
	return ret;
}

/* A reference to the container (obj, key) was charged to, or NULL. */
notrace struct vzbc_ct *vzbc_obj_ct_get(const void *obj, unsigned long key)
{
	struct hlist_bl_head *b = vzbc_rec_bucket(obj);
	struct vzbc_ct *ct = NULL;
	struct vzbc_rec *rec;
	unsigned long flags;

	if (hlist_bl_empty(b))
		return NULL;
	local_irq_save(flags);
	hlist_bl_lock(b);
	rec = vzbc_rec_find(b, obj, key);
	if (rec && refcount_inc_not_zero(&rec->ct->ref))
		ct = rec->ct;
	hlist_bl_unlock(b);
	local_irq_restore(flags);
	return ct;
}

/* vzbc_uncharge_obj()'s uncharge, for an object whose bucket b is not empty */
notrace bool __vzbc_uncharge_obj(struct hlist_bl_head *b, const void *obj,
				 unsigned long key)
{
	struct vzbc_rec *rec;
	unsigned long flags, val;
	struct vzbc_ct *ct;
	unsigned int res;

	local_irq_save(flags);
	rec = __vzbc_rec_remove(b, obj, key);
	if (rec) {
		ct = rec->ct;
		res = rec->res;
		val = rec->val;
		vzbc_rec_put(rec);
		this_cpu_dec(vzbc_nr_recs);
	}
	local_irq_restore(flags);
	if (!rec)
		return false;
	vzbc_uncharge(ct, res, val);
	vzbc_ct_put(ct);
	return true;
}

/* Whether any object is still charged (to keep the hooks armed). */
bool vzbc_recs_busy(void)
{
	long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += per_cpu(vzbc_nr_recs, cpu);
	return n != 0;
}

/*
 * Call fn for each record of key under its bucket's lock (the object is
 * alive: its free hook takes the record out under that lock first). One
 * pass over the table, for the sums shown in /proc; it may sleep between
 * buckets.
 */
void vzbc_recs_for_each(unsigned long key, void (*fn)(struct vzbc_rec *rec, void *arg),
			void *arg)
{
	struct hlist_bl_node *pos;
	struct hlist_bl_head *b;
	struct vzbc_rec *rec;
	unsigned long i, flags;

	for (i = 0; i < (1UL << vzbc_recs_bits); i++) {
		b = &vzbc_recs[i];
		if (hlist_bl_empty(b))
			continue;
		local_irq_save(flags);
		hlist_bl_lock(b);
		hlist_bl_for_each_entry(rec, pos, b, node)
			if (rec->key == key)
				fn(rec, arg);
		hlist_bl_unlock(b);
		local_irq_restore(flags);
		if (!(i & 1023))
			cond_resched();
	}
}

int vzbc_recs_init(void)
{
	unsigned long want = totalram_pages() / 16;
	unsigned int bits = want ? ilog2(want) : 0;

	vzbc_recs_bits = clamp_t(unsigned int, bits, VZBC_RECS_MIN_BITS, VZBC_RECS_MAX_BITS);
	vzbc_recs = kvcalloc(1UL << vzbc_recs_bits, sizeof(*vzbc_recs), GFP_KERNEL);
	return vzbc_recs ? 0 : -ENOMEM;
}

/*
 * Every charged object holds a module reference through its container, so
 * by the time the module can be unloaded no record is left but the pools'.
 */
void vzbc_recs_uninit(void)
{
	struct vzbc_rec_pool *pool;
	struct vzbc_rec *rec;
	int cpu;

	WARN_ON(vzbc_recs_busy());
	for_each_possible_cpu(cpu) {
		pool = per_cpu_ptr(&vzbc_rec_pool, cpu);
		while ((rec = pool->free)) {
			pool->free = (struct vzbc_rec *)rec->obj;
			kfree(rec);
		}
		pool->n = 0;
	}
	kvfree(vzbc_recs);
}
