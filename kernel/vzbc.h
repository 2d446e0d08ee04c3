/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzbc internal interfaces, shared by the files of vzbc.ko.
 *
 * Layers, each using only those above it in this list:
 *   compat.h	what differs between the kernels it builds for
 *   bc.c	beancounters: the counters and their charge rules
 *   ct.c	the container registry, task -> container
 *   rec.c	charge records: object -> (container, amount)
 *   probe.c	attaching charge points (probe.h: how a file declares them)
 *   res-*.c	one resource family each: its charge points and handlers
 *   mem.c	resources read from the kernel's counters, limits to cgroups
 *   view.c, loadavg.c	a container's own figures, as its tasks see them
 *   view-proc.c	/proc files and sysinfo(2) inside containers (rows)
 *   proc.c, vestat.c, ctl.c, main.c	/proc files, /dev/vzctl, module init
 *   fault.c	planted faults for the harness self-test (VZBC_FAULT only)
 */
#ifndef VZBC_H
#define VZBC_H

#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/preempt.h>
#include <linux/jump_label.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/list_bl.h>	/* after spinlock.h: 6.12's needs cpu_relax() */
#include <linux/types.h>
#include <uapi/linux/vzbc.h>

#include "compat.h"

struct cgroup;
struct file;
struct proc_dir_entry;
struct proc_ops;
struct seq_file;
struct task_struct;
struct vzbc_net;

/* One resource of one beancounter as read (see bc.c for the semantics). */
struct vzbc_res {
	unsigned long held;
	unsigned long maxheld;
	unsigned long minheld;
	unsigned long barrier;
	unsigned long limit;
	unsigned long failcnt;
};

/*
 * The live counters: held, maxheld and failcnt change without a lock
 * (bc.c); barrier and limit are set under ct->lock and read without.
 * minheld is OpenVZ's low-water mark, which without a ubstat client stays
 * 0 from registration on.
 */
struct vzbc_counter {
	atomic_long_t held;
	atomic_long_t maxheld;
	atomic_long_t failcnt;
	unsigned long barrier;
	unsigned long limit;
};

/* How a charge is checked: against the barrier, the limit, or never. */
enum vzbc_strict {
	VZBC_HARD,
	VZBC_SOFT,
	VZBC_FORCE,
};

/* What a sync sums for a container from its tasks and its sockets. */
struct vzbc_sums {
	unsigned long privvm;		/* data_vm + stack_vm of its processes */
	unsigned long locked;		/* locked_vm */
	unsigned long siginfo;		/* signals queued on its tasks */
	unsigned long tcpsnd, tcprcv;	/* bytes queued on its TCP sockets */
	unsigned long othersnd, dgramrcv; /* and on its other sockets */
};

/* memory.stat's figures and the usage they were read at (mem.c) */
struct vzbc_memstat {
	unsigned long usage;
	unsigned long kmem, dcache, shm;
	bool valid;
};

/*
 * The container's cgroup files its figures are read from, kept open while
 * it is registered (mem.c): each read of one is then a read, not a path
 * walk, an open and a release.
 */
enum vzbc_cgfile {
	VZBC_CGF_MEMORY_STAT,
	VZBC_CGF_CPU_STAT,
	VZBC_CGF_CPU_MAX,
	VZBC_CGF_NR
};

struct vzbc_cgfiles {
	struct mutex lock;		/* opening them; a whole read or parse */
	struct file *f[VZBC_CGF_NR];	/* opened at the first read */
	char *buf;			/* a parse's, from the first */
};

/* The last refused request for address space (res-vm.c), under ct->lock. */
struct vzbc_vm_refusal {
	const void *task;		/* compared, never followed */
	const void *mm;
	unsigned long flags;
	unsigned long pages;
	unsigned long pip;
};

/* A container's CPU time from its cgroup's cpu.stat, in microseconds. */
struct vzbc_cpu_usage {
	u64 user;			/* without nice time */
	u64 nice;
	u64 system;
	u64 usage;
};

/*
 * What a container's tasks see of the machine (view.c): which parts show
 * its own figures, and what the view keeps between reads.
 */
struct vzbc_view {
	unsigned int parts;		/* VZBC_VIEW_*, read without a lock */
	unsigned int cpus;		/* CPUs its cpu.max allows, 0: no limit */
	unsigned long cpus_read;	/* jiffies when cpus was read */
	u64 start;			/* boot-time clock at registration, ns */
	unsigned long avenrun[3];	/* load average, FIXED_1 units (loadavg.c) */
	atomic_long_t forks;		/* tasks forked in it */
	atomic64_t idle_shown;		/* the most /proc/uptime showed as idle, ns */
};

struct vzbc_ct {
	u32 ctid;
	struct cgroup *cgrp;		/* its cgroup v2 directory (a reference) */
	refcount_t ref;
	spinlock_t lock;		/* limits, vm_refused, cpu, dir */
	struct vzbc_counter res[VZBC_RESOURCES];
	struct hlist_node by_id;
	struct hlist_node by_cgrp;
	struct list_head list;
	struct list_head leaving;	/* while its releases run (ct.c) */
	struct proc_dir_entry *proc_dir; /* /proc/bc/<ctid> */
	struct path dir;		/* the cgroup directory, while registered */
	struct vzbc_cgfiles files;	/* some of its files, open (mem.c) */
	spinlock_t tasks_lock;		/* writers of tasks */
	struct list_head tasks;		/* its tasks (res-task.c), RCU */
	struct vzbc_sums sums;		/* under vzbc_ct_mutex, for a sync */
	struct vzbc_memstat memstat;	/* under vzbc_ct_mutex */
	struct vzbc_vm_refusal vm_refused;
	struct vzbc_net __rcu *net;	/* its venet state (net_hook.c) */
	u64 started;			/* boot-time ns at registration */
	struct vzbc_cpu_usage cpu;	/* under lock, for /proc/vz/vestat */
	struct vzbc_view view;
	struct rcu_head rcu;
};

/* bc.c */
extern const char *const vzbc_res_names[VZBC_RESOURCES];
void vzbc_bc_init(struct vzbc_ct *ct);
void vzbc_uncharge_underflow(struct vzbc_ct *ct, unsigned int res, unsigned long val,
			     unsigned long held);
bool vzbc_bc_full(struct vzbc_ct *ct, unsigned int res);
void vzbc_bc_set_limits(struct vzbc_ct *ct, const struct vzbc_limit *l,
			unsigned int n);
void vzbc_bc_sample(struct vzbc_ct *ct, unsigned int res, unsigned long held,
		    unsigned long maxheld, unsigned long failcnt);
void vzbc_bc_refused(struct vzbc_ct *ct, unsigned int res);
unsigned long vzbc_bc_held(struct vzbc_ct *ct, unsigned int res);
unsigned long vzbc_bc_barrier(struct vzbc_ct *ct, unsigned int res);
void vzbc_bc_export(struct vzbc_ct *ct, struct vzbc_ubparm *out);

/* inline: /proc shows 24 rows per container, a thousand containers at once */
static inline bool vzbc_res_is_dummy(unsigned int res)
{
	return res == VZBC_DUMMY4 || (res >= VZBC_DUMMY20 && res <= VZBC_DUMMY22);
}

/* A copy of one resource's counters. */
static inline void vzbc_bc_read(struct vzbc_ct *ct, unsigned int res,
				struct vzbc_res *out)
{
	struct vzbc_counter *r = &ct->res[res];

	out->held = atomic_long_read(&r->held);
	out->maxheld = atomic_long_read(&r->maxheld);
	out->minheld = 0;
	out->barrier = READ_ONCE(r->barrier);
	out->limit = READ_ONCE(r->limit);
	out->failcnt = atomic_long_read(&r->failcnt);
}

/* bc.c's rules for a charge and an uncharge, inline: every charge point runs them */
static inline unsigned long vzbc_bc_bound(const struct vzbc_counter *r,
					  enum vzbc_strict s)
{
	switch (s) {
	case VZBC_HARD:
		return READ_ONCE(r->barrier);
	case VZBC_SOFT:
		return READ_ONCE(r->limit);
	default:
		return ULONG_MAX;
	}
}

/* maxheld up to held, if held is above it */
static inline void vzbc_bc_raise_maxheld(struct vzbc_counter *r, unsigned long held)
{
	long max = atomic_long_read(&r->maxheld);

	while ((unsigned long)max < held &&
	       !atomic_long_try_cmpxchg(&r->maxheld, &max, held))
		;
}

static inline int vzbc_charge(struct vzbc_ct *ct, unsigned int res, unsigned long val,
			      enum vzbc_strict strict)
{
	struct vzbc_counter *r = &ct->res[res];
	unsigned long bound = vzbc_bc_bound(r, strict);
	long held = atomic_long_read(&r->held);
	unsigned long new;

	do {
		new = (unsigned long)held + val;
		if (unlikely(new < (unsigned long)held || new > bound)) {
			atomic_long_inc(&r->failcnt);
			return -ENOMEM;
		}
	} while (!atomic_long_try_cmpxchg(&r->held, &held, new));
	vzbc_bc_raise_maxheld(r, new);
	return 0;
}

static inline void vzbc_uncharge(struct vzbc_ct *ct, unsigned int res, unsigned long val)
{
	struct vzbc_counter *r = &ct->res[res];
	long held = atomic_long_read(&r->held);
	unsigned long new;

	do {
		new = (unsigned long)held - val;
		if (unlikely((unsigned long)held < val)) {
			vzbc_uncharge_underflow(ct, res, val, held);
			new = 0;
		}
	} while (!atomic_long_try_cmpxchg(&r->held, &held, new));
}

/*
 * A concern's share of a container's life: one row of vzbc_ct_parts[]
 * (main.c), which ct.c walks without knowing the concerns. Under
 * vzbc_ct_mutex, a registration runs every init in the table's order
 * before the container can be found (a failure runs the exits of the rows
 * before it, in reverse), then every online once it can be found; an
 * unregistration runs every exit in reverse order once it can no longer be
 * found, then, after the mutex, every release in reverse order. Any of
 * them may be NULL. Registration and unregistration only: no charge path
 * goes through the table.
 */
struct vzbc_ct_part {
	int (*init)(struct vzbc_ct *ct, int cgroup_fd);
	void (*online)(struct vzbc_ct *ct);
	void (*exit)(struct vzbc_ct *ct);
	void (*release)(struct vzbc_ct *ct);
};

extern const struct vzbc_ct_part vzbc_ct_parts[];
extern const unsigned int vzbc_ct_nr_parts;

/* event.c */
int vzbc_events_init(void);
void vzbc_events_uninit(void);
void vzbc_event_task_exit(struct task_struct *t);

/* ct.c */
DECLARE_STATIC_KEY_FALSE(vzbc_have_cts);
int vzbc_ct_register(u32 ctid, int cgroup_fd);
int vzbc_ct_unregister(u32 ctid);
struct vzbc_ct *vzbc_ct_get(u32 ctid);
struct vzbc_ct *vzbc_ct_get_current(void);
struct vzbc_ct *vzbc_ct_get_cgroup(struct cgroup *cgrp);
struct vzbc_ct *vzbc_ct_current_slow(struct cgroup *cgrp, u64 id);
struct vzbc_ct *vzbc_ct_of_cgroup_rcu(struct cgroup *cgrp);
void vzbc_ct_release(struct vzbc_ct *ct);
struct vzbc_ct *vzbc_ct_of_task_rcu(struct task_struct *task);
bool vzbc_current_in_ct(void);
void vzbc_ct_lock(void);
void vzbc_ct_unlock(void);
struct vzbc_ct *vzbc_ct_find_locked(u32 ctid);
struct vzbc_ct *vzbc_ct_self(void);
void vzbc_ct_disarm_soon(void);
void vzbc_ct_uninit(void);
unsigned int vzbc_ct_list_ids(u32 *ids, unsigned int capacity);
void vzbc_ct_for_each_visible(void (*fn)(struct vzbc_ct *ct, void *arg),
			      void *arg);
void vzbc_ct_for_each_visible_locked(void (*fn)(struct vzbc_ct *ct, void *arg),
				     void *arg);
void vzbc_ct_for_each_visible_held(void (*fn)(struct vzbc_ct *ct, void *arg),
				   void *arg);
struct vzbc_ct *vzbc_ct_visible_from(u64 ctid);
struct vzbc_ct *vzbc_ct_visible_next(struct vzbc_ct *ct);

/*
 * The current task's container, or NULL for the host, with interrupts or
 * preemption off (the result is good until they are on again): a per-CPU
 * cache of the last (cgroup, container) pair seen, checked against the
 * registry's generation, makes it a compare for the common case.
 */
struct vzbc_ct_cache {
	u64 cgid;
	unsigned long gen;
	struct vzbc_ct *ct;
};

DECLARE_PER_CPU(struct vzbc_ct_cache, vzbc_ct_cache);
extern unsigned long vzbc_ct_gen;

static __always_inline struct vzbc_ct *vzbc_ct_current(void)
{
	struct vzbc_ct_cache *c;
	struct cgroup *cgrp;
	u64 id;

	if (!static_branch_unlikely(&vzbc_have_cts))
		return NULL;
	cgrp = vzbc_task_cgroup(current);
	id = vzbc_cgroup_id(cgrp);
	c = this_cpu_ptr(&vzbc_ct_cache);
	if (likely(c->cgid == id && c->gen == READ_ONCE(vzbc_ct_gen)))
		return c->ct;
	return vzbc_ct_current_slow(cgrp, id);
}

/*
 * The offsets probe.h's host pass reads vzbc_ct_current()'s way by, as
 * assembler symbols of the file that has this once (at file scope).
 */
#define VZBC_CT_ASM_OFFSETS()							\
static void __used vzbc_ct_asm_offsets(void)					\
{										\
	asm volatile(".set vzbc_off_task_cgroups, %c0\n"			\
		     ".set vzbc_off_cset_dfl_cgrp, %c1\n"				\
		     ".set vzbc_off_cgroup_kn, %c2\n"					\
		     ".set vzbc_off_kn_id, %c3\n"					\
		     ".set vzbc_off_cache_cgid, %c4\n"				\
		     ".set vzbc_off_cache_gen, %c5\n"					\
		     ".set vzbc_off_cache_ct, %c6\n"					\
		     ".set vzbc_off_pcpu_current, %c7\n"				\
		     ".set vzbc_off_pcpu_preempt, %c8\n"				\
		     ".set vzbc_off_task_thread_pid, %c9\n"			\
		     ".set vzbc_off_pid_level, %c10\n"				\
		     : : "i" (offsetof(struct task_struct, cgroups)),		\
		     "i" (offsetof(struct css_set, dfl_cgrp)),			\
		     "i" (offsetof(struct cgroup, kn)),				\
		     "i" (offsetof(struct kernfs_node, id)),			\
		     "i" (offsetof(struct vzbc_ct_cache, cgid)),			\
		     "i" (offsetof(struct vzbc_ct_cache, gen)),			\
		     "i" (offsetof(struct vzbc_ct_cache, ct)),			\
		     "i" (VZBC_PCPU_CURRENT_OFF), "i" (VZBC_PCPU_PREEMPT_OFF),	\
		     "i" (offsetof(struct task_struct, thread_pid)),		\
		     "i" (offsetof(struct pid, level)));				\
}
static_assert(sizeof(((struct vzbc_ct_cache *)0)->cgid) == 8 &&
	      sizeof(((struct vzbc_ct_cache *)0)->gen) == 8);
static_assert(sizeof(((struct pid *)0)->level) == 4);

/*
 * Does the current task's container hold its barrier of res already? Then
 * the request about to be made is refused (and counted) before the kernel
 * builds anything for it. Inline: a host task's call costs the cache's
 * compare.
 */
static __always_inline bool vzbc_ct_current_full(unsigned int res)
{
	struct vzbc_ct *ct;
	bool full = false;

	preempt_disable_notrace();
	ct = vzbc_ct_current();
	if (ct)
		full = vzbc_bc_full(ct, res);
	preempt_enable_notrace();
	return full;
}

/* Drop a reference to ct; the last one frees it. */
static inline void vzbc_ct_put(struct vzbc_ct *ct)
{
	if (refcount_dec_and_test(&ct->ref))
		vzbc_ct_release(ct);
}

/* rec.c: charge records */
struct vzbc_rec {
	struct hlist_bl_node node;	/* in its bucket */
	const void *obj;
	unsigned long key;		/* what obj was charged for */
	struct vzbc_ct *ct;		/* a reference */
	unsigned long val;
	unsigned int res;
};

/*
 * Record keys: one per kind of charged object, and for ptys one per index
 * of a devpts instance (the instance is the object).
 */
enum vzbc_rec_key {
	VZBC_KEY_TASK = 1,		/* numproc */
	VZBC_KEY_MEMBER,		/* a container's task (res-task.c) */
	VZBC_KEY_FILE,			/* numfile */
	VZBC_KEY_SOCK,			/* numtcpsock or numothersock */
	VZBC_KEY_FLOCK,			/* numflock */
	VZBC_KEY_PTY_PENDING,		/* numpty, on the opening task */
	VZBC_KEY_PTY,			/* + the index */
};

int vzbc_recs_init(void);
void vzbc_recs_uninit(void);
bool vzbc_recs_busy(void);
bool vzbc_rec_insert(struct vzbc_rec *rec);
struct vzbc_rec *vzbc_rec_remove(const void *obj, unsigned long key);
int __vzbc_charge_obj(struct vzbc_ct *ct, const void *obj, unsigned long key,
		      unsigned int res, enum vzbc_strict strict);
int vzbc_charge_obj_to(struct vzbc_ct *ct, const void *obj, unsigned long key,
		       unsigned int res, unsigned long val, enum vzbc_strict strict);
struct vzbc_ct *vzbc_obj_ct_get(const void *obj, unsigned long key);
bool __vzbc_uncharge_obj(struct hlist_bl_head *b, const void *obj, unsigned long key);
void vzbc_recs_for_each(unsigned long key, void (*fn)(struct vzbc_rec *rec, void *arg),
			void *arg);

/* The table's buckets (rec.c), for the inline checks below. */
extern struct hlist_bl_head *vzbc_recs;
extern unsigned int vzbc_recs_bits;

/* The bucket of obj's records. */
static __always_inline struct hlist_bl_head *vzbc_rec_bucket(const void *obj)
{
	return &vzbc_recs[hash_ptr(obj, vzbc_recs_bits)];
}

/* Whether obj may have records: false for nearly every object of the host. */
static __always_inline bool vzbc_rec_maybe(const void *obj)
{
	return !hlist_bl_empty(vzbc_rec_bucket(obj));
}

/*
 * Charge one res for (obj, key) to the current task's container, if it has
 * one. 0 when allowed (charged, or the host), -ENOMEM when refused. Inline:
 * a host task's call costs the lookup and no more.
 */
static __always_inline int vzbc_charge_obj(const void *obj, unsigned long key,
					   unsigned int res, enum vzbc_strict strict)
{
	struct vzbc_ct *ct;
	int ret = 0;

	preempt_disable_notrace();
	ct = vzbc_ct_current();
	if (ct)
		ret = __vzbc_charge_obj(ct, obj, key, res, strict);
	preempt_enable_notrace();
	return ret;
}

/* Uncharge whatever (obj, key) was charged, if it was; true if it was. */
static __always_inline bool vzbc_uncharge_obj(const void *obj, unsigned long key)
{
	struct hlist_bl_head *b = vzbc_rec_bucket(obj);

	/* an object being freed is not being charged: no insert races this */
	return !hlist_bl_empty(b) && __vzbc_uncharge_obj(b, obj, key);
}

/*
 * A charge whose record the object keeps itself, in room the kernel leaves
 * it (a lock's: res-file.c), which the object's own lock serialises: what
 * a record's charge takes (the counter, a reference to ct, the count of
 * charges that keeps the charge points attached) without the table. ct is
 * alive (the current task's, preemption off). As a record's, the reference
 * keeps the container, and through it the module, until the uncharge: the
 * module cannot go while an object still points at a container of it.
 * 0, or -ENOMEM when refused.
 */
DECLARE_PER_CPU(long, vzbc_nr_recs);

static __always_inline int vzbc_charge_kept(struct vzbc_ct *ct, unsigned int res,
					    enum vzbc_strict strict)
{
	int ret = vzbc_charge(ct, res, 1, strict);

	if (ret)
		return ret;
	refcount_inc(&ct->ref);
	this_cpu_inc(vzbc_nr_recs);
	return 0;
}

/* Undo vzbc_charge_kept(), once, with the ct the object kept. */
static __always_inline void vzbc_uncharge_kept(struct vzbc_ct *ct, unsigned int res)
{
	this_cpu_dec(vzbc_nr_recs);
	vzbc_uncharge(ct, res, 1);
	vzbc_ct_put(ct);
}

/* probe.c: charge points (probe.h), one table per resource family */
struct vzbc_probe_table;
extern const struct vzbc_probe_table vzbc_task_probes;	/* res-task.c */
extern const struct vzbc_probe_table vzbc_file_probes;	/* res-file.c */
extern const struct vzbc_probe_table vzbc_sock_probes;	/* res-sock.c */
extern const struct vzbc_probe_table vzbc_vm_probes;	/* res-vm.c */
extern const struct vzbc_probe_table vzbc_pty_probes;	/* res-pty.c */
extern const struct vzbc_probe_table vzbc_view_probes;	/* view-proc.c */
int vzbc_probes_init(void);
void vzbc_probes_uninit(void);
int vzbc_probes_arm(void);
void vzbc_probes_disarm(void);

/* res-task.c: numproc, and each container's own tasks */
int vzbc_tasks_init(void);
void vzbc_tasks_uninit(void);
void vzbc_tasks_adopt(struct vzbc_ct *ct);
void vzbc_tasks_release(struct vzbc_ct *ct);
void vzbc_tasks_sum(struct vzbc_ct *ct, struct vzbc_sums *sums, bool siginfo);

/* Its tasks now: threads, of them running or runnable, and blocked. */
struct vzbc_task_states {
	unsigned int total;
	unsigned int running;
	unsigned int blocked;		/* uninterruptibly, as the load counts */
};

void vzbc_tasks_states(struct vzbc_ct *ct, struct vzbc_task_states *st);

/* res-pty.c: a task gone with a pty charge pending on it */
void vzbc_pty_task_free(const struct task_struct *task);

/* res-sock.c: what the containers' sockets have queued */
void vzbc_sock_sum(struct vzbc_ct *only);

/* mem.c: resources read from memory cgroup, address space and socket counters */
int vzbc_mem_attach(struct vzbc_ct *ct, int cgroup_fd);
void vzbc_mem_detach(struct vzbc_ct *ct);
void vzbc_mem_sync_visible(void);
void vzbc_mem_sync_one(struct vzbc_ct *ct);
int vzbc_mem_sync_get(u32 ctid, struct vzbc_ubparm *out);
int vzbc_mem_set_limits(u32 ctid, const struct vzbc_limit *l, unsigned int n);
struct mem_cgroup *vzbc_memcg_get(struct vzbc_ct *ct);
int vzbc_mem_read(struct vzbc_ct *ct, enum vzbc_cgfile i, char *buf, size_t size);
int vzbc_cgfile_parse(struct vzbc_ct *ct, enum vzbc_cgfile i, u64 *val, u32 want);

/* view-proc.c: the view's rows, attached as the views need them */
int vzbc_view_prepare(struct vzbc_ct *ct, int cgroup_fd);
int vzbc_view_set(u32 ctid, unsigned int parts);

/* view.c: a container's figures as its tasks see them */
int vzbc_view_init(struct vzbc_ct *ct, int cgroup_fd);
int vzbc_view_get(u32 ctid, struct vzbc_view_info *info);
struct vzbc_ct *vzbc_view_hold(struct vzbc_ct *ct, unsigned int part);

/*
 * Whom the view shows a container's figures: the tasks of its cgroup
 * that live in a pid namespace of their own (the container's, or one
 * made inside it), which is every task vzctl start, exec and enter run
 * there. A task in the host's own pid namespace sees the host's figures
 * whatever its cgroup: vzctl's helpers that join the container's cgroup
 * before they fork into its pid namespace, or a host process an admin
 * moves into the cgroup by hand. That costs no secrecy: such a task sees
 * the host's processes in /proc anyway. A container's task cannot get
 * back into the host's pid namespace (setns(2) enters only namespaces
 * below the caller's own, and children inherit theirs), so no container
 * task ever passes as the host's. probe.h's VZBC_HEAD_VIEW_PASS makes the
 * same test first, in asm: for the host's readers it is the whole cost.
 */
static __always_inline bool vzbc_view_host_task(void)
{
	struct pid *pid = task_pid(current);

	/* none only once an exiting task has reaped itself */
	return pid && !pid->level;
}

/*
 * The current task's container, with a reference, when its view shows
 * part; else NULL (the host's figures). Any context. Inline: the view's
 * rows run it for every reader of the files, the host's too, which are
 * told apart at the trampoline's head (VZBC_HEAD_VIEW_PASS) but for the
 * shared ftrace_ops (probe.c), where they reach this and pass the test
 * of their pid namespace.
 */
static __always_inline struct vzbc_ct *vzbc_view_current(unsigned int part)
{
	struct vzbc_ct *ct;

	if (vzbc_view_host_task())
		return NULL;
	preempt_disable_notrace();
	ct = vzbc_ct_current();
	if (unlikely(ct))
		ct = vzbc_view_hold(ct, part);
	preempt_enable_notrace();
	return ct;
}
void vzbc_view_cpus_refresh(struct vzbc_ct *ct);
bool vzbc_view_cpus_stale(struct vzbc_ct *ct);
void vzbc_view_refresh_all(void);
bool vzbc_view_cpu_shown(struct vzbc_ct *ct, unsigned int cpu);
unsigned int vzbc_view_cpu_next(struct vzbc_ct *ct, int cpu, unsigned int *n);

/* The CPUs ct's view shows the current task, n counting them. */
#define for_each_view_cpu(cpu, ct, n)						\
	for ((n) = 0, (cpu) = vzbc_view_cpu_next(ct, -1, &(n));		\
	     (cpu) < nr_cpu_ids; (cpu) = vzbc_view_cpu_next(ct, cpu, &(n)))

/*
 * memory.stat's figures the view and the beancounter read (in the view,
 * in pages), and cpu.stat's: sorted by key (mem.c).
 */
enum vzbc_mstat {
	VZBC_MS_ACTIVE_ANON, VZBC_MS_ACTIVE_FILE, VZBC_MS_ANON, VZBC_MS_ANON_THP,
	VZBC_MS_FILE, VZBC_MS_FILE_DIRTY, VZBC_MS_FILE_MAPPED, VZBC_MS_FILE_THP,
	VZBC_MS_FILE_WRITEBACK, VZBC_MS_INACTIVE_ANON, VZBC_MS_INACTIVE_FILE,
	VZBC_MS_KERNEL, VZBC_MS_KERNEL_STACK, VZBC_MS_PAGETABLES, VZBC_MS_PERCPU,
	VZBC_MS_SEC_PAGETABLES, VZBC_MS_SHMEM, VZBC_MS_SHMEM_THP,
	VZBC_MS_SLAB_RECLAIMABLE, VZBC_MS_SLAB_UNRECLAIMABLE, VZBC_MS_SWAPCACHED,
	VZBC_MS_UNEVICTABLE, VZBC_MS_VMALLOC, VZBC_MS_ZSWAP, VZBC_MS_ZSWAPPED,
	VZBC_MS_NR
};

enum vzbc_cstat {
	VZBC_CS_NICE,		/* 6.6 and later; user_usec has it */
	VZBC_CS_SYSTEM, VZBC_CS_USAGE, VZBC_CS_USER,
	VZBC_CS_NR
};

/* A container's memory as its view shows it, in pages. */
struct vzbc_view_mem {
	unsigned long total, free, avail;
	unsigned long swap_total, swap_free;
	unsigned long stat[VZBC_MS_NR];
	unsigned long committed, commit_limit, locked;
};

#define VZBC_VM_STAT	0x1	/* the breakdown, from memory.stat */
#define VZBC_VM_SUMS	0x2	/* committed and locked, from its processes */
#define VZBC_VM_SHMEM	0x4	/* of the breakdown only shmem (sysinfo's) */

int vzbc_view_mem(struct vzbc_ct *ct, struct vzbc_view_mem *m, unsigned int what);

/* A container's CPU time as its view shows it, in ns. */
struct vzbc_view_cpu {
	unsigned int n;			/* CPUs shown */
	u64 user, nice, system, idle;
};

void vzbc_view_cpu(struct vzbc_ct *ct, struct vzbc_view_cpu *c);
u64 vzbc_view_idle(struct vzbc_ct *ct);

/*
 * loadavg.c: each container's load average, which it keeps in
 * ct->view.avenrun; read as the kernel's get_avenrun() gives the host's:
 * offset added, shifted left by shift.
 */
static inline void vzbc_loadavg_get(struct vzbc_ct *ct, unsigned long *loads,
				    unsigned long offset, int shift)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ct->view.avenrun); i++)
		loads[i] = (READ_ONCE(ct->view.avenrun[i]) + offset) << shift;
}

int vzbc_loadavg_arm(void);
void vzbc_loadavg_disarm(void);

/* proc.c: /proc/vz/, /proc/bc/, /proc/user_beancounters */
int vzbc_single_open(struct file *file,
		     int (*show)(struct seq_file *m, void *v),
		     struct vzbc_ct *only);
int vzbc_proc_init(void);
void vzbc_proc_uninit(void);
int vzbc_proc_may_open(struct vzbc_ct *only);
char *vzbc_put_decimal(char *end, unsigned long v);
int vzbc_proc_ct_add(struct vzbc_ct *ct, int cgroup_fd);
void vzbc_proc_ct_remove(struct vzbc_ct *ct);

/* vestat.c: /proc/vz/vestat */
extern const struct proc_ops vzbc_vestat_ops;

/* net_*.c: venet addresses, their check at the host end, traffic */
int vzbc_net_init(void);
void vzbc_net_uninit(void);
void vzbc_net_ct_release(struct vzbc_ct *ct);
int vzbc_net_proc_init(void);
void vzbc_net_proc_uninit(void);
long vzbc_ioc_net_attach(void __user *uarg);
long vzbc_ioc_net_addr(void __user *uarg);
long vzbc_ioc_net_info(void __user *uarg);

/* /dev/vzctl */
int vzbc_ctl_init(void);
void vzbc_ctl_uninit(void);

/* fault.c: planted faults, built only by "make VZBC_FAULT=..." */
#ifdef VZBC_FAULT
void vzbc_fault_load(void);
void vzbc_fault_ct_free(struct vzbc_ct *ct);
void vzbc_fault_ct_freed(struct vzbc_ct *ct);
void vzbc_fault_ct_read(struct vzbc_ct *ct);
#else
static inline void vzbc_fault_load(void) { }
static inline void vzbc_fault_ct_free(struct vzbc_ct *ct) { }
static inline void vzbc_fault_ct_freed(struct vzbc_ct *ct) { }
static inline void vzbc_fault_ct_read(struct vzbc_ct *ct) { }
#endif

#endif /* VZBC_H */
