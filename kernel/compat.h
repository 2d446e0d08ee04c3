/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What vzbc needs to know about the kernel it is built for, in one place:
 * the other files call these accessors and never test a kernel version.
 * Supported: Debian's 6.1 and 6.12 kernels (x86_64). A kernel outside that
 * window fails the build here rather than somewhere in the middle.
 *
 * Add to this file, not around it: a new difference between kernels gets
 * an accessor here, named vzbc_<what it gives>, and its users stay plain.
 */
#ifndef VZBC_COMPAT_H
#define VZBC_COMPAT_H

#include <linux/cgroup.h>
#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/memcontrol.h>
#include <linux/page_counter.h>
#include <linux/ptrace.h>
#include <linux/sched/task.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
#include <linux/filelock.h>
#endif

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0) || \
	LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#error "vzbc supports kernels 6.1 to 6.12"
#endif

#ifndef CONFIG_X86_64
#error "vzbc's charge points are x86_64 code"
#endif

#ifndef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
#error "the charge points need ftrace with arguments (x86_64 has it)"
#endif

#ifndef CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS
#error "the charge points need ftrace direct calls"
#endif

/* probe.c finds each charge point's function with a disabled kprobe */
#if !defined(CONFIG_KPROBES) || !defined(CONFIG_KPROBES_ON_FTRACE)
#error "the charge points are looked up through kprobes (on ftrace)"
#endif

/* ------------------------------------------------------------ ftrace */

/*
 * The registers an ftrace_ops callback gets: without SAVE_REGS, the
 * argument registers, the stack pointer, the instruction pointer (which a
 * callback of an IPMODIFY ops may change) and rax, restored on the way
 * out. 6.12 wraps them in arch_ftrace_regs().
 */
static inline struct pt_regs *vzbc_ftrace_pt_regs(struct ftrace_regs *fregs)
{
#ifdef arch_ftrace_regs
	return &arch_ftrace_regs(fregs)->regs;
#else
	return &fregs->regs;
#endif
}

/*
 * A direct call: every function in ops' filter calls addr (a trampoline)
 * from its first instruction. 6.1 names it register_ftrace_direct_multi()
 * (its register_ftrace_direct() takes one address); 6.6 renamed it.
 * Both overwrite ops->flags with their own, dropping INITIALIZED, which
 * they require on the next registration: the ops was initialised (its
 * filter is in place), so the flag is put back.
 */
static inline int vzbc_direct_register(struct ftrace_ops *ops, void *addr)
{
	ops->flags |= FTRACE_OPS_FL_INITIALIZED;
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0)
	return register_ftrace_direct_multi(ops, (unsigned long)addr);
#else
	return register_ftrace_direct(ops, (unsigned long)addr);
#endif
}

/* The filter stays, for the next registration. */
static inline int vzbc_direct_unregister(struct ftrace_ops *ops, void *addr)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0)
	return unregister_ftrace_direct_multi(ops, (unsigned long)addr);
#else
	return unregister_ftrace_direct(ops, (unsigned long)addr, false);
#endif
}

/*
 * The return-depth accounting of "retbleed=stuff" (6.2 and later): a
 * trampoline called by a patched call site counts itself, as the kernel's
 * own direct-call samples do. Nothing on 6.1.
 */
#include <asm/asm-offsets.h>
#include <asm/ibt.h>
#include <asm/linkage.h>
#include <asm/nospec-branch.h>
#ifndef CALL_DEPTH_ACCOUNT
#define CALL_DEPTH_ACCOUNT ""
#endif

/*
 * For trampolines' asm (probe.h's host pass): the current task and the
 * preemption count as per-CPU operands. 6.2 moved both into pcpu_hot; the
 * offsets there are VZBC_CT_ASM_OFFSETS()'s assembler symbols (vzbc.h).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#define VZBC_ASM_CURRENT	"%gs:current_task"
#define VZBC_ASM_PREEMPT_COUNT	"%gs:__preempt_count"
#define VZBC_PCPU_CURRENT_OFF	0
#define VZBC_PCPU_PREEMPT_OFF	0
#else
#include <asm/current.h>
#define VZBC_ASM_CURRENT	"%gs:pcpu_hot+vzbc_off_pcpu_current"
#define VZBC_ASM_PREEMPT_COUNT	"%gs:pcpu_hot+vzbc_off_pcpu_preempt"
#define VZBC_PCPU_CURRENT_OFF	offsetof(struct pcpu_hot, current_task)
#define VZBC_PCPU_PREEMPT_OFF	offsetof(struct pcpu_hot, preempt_count)
#endif

/* ------------------------------------------------------------ cgroups */

/* The cgroup v2 directory of a task; rcu_read_lock() or interrupts off. */
static inline struct cgroup *vzbc_task_cgroup(struct task_struct *task)
{
	return rcu_dereference_sched(task->cgroups)->dfl_cgrp;
}

/* A cgroup's id: unique for the boot, never reused, unlike its address. */
static inline u64 vzbc_cgroup_id(const struct cgroup *cgrp)
{
	return cgroup_id(cgrp);
}

/* The ancestor of cgrp at level (0: the root, cgrp->level: cgrp). */
static inline struct cgroup *vzbc_cgroup_ancestor(struct cgroup *cgrp, int level)
{
	return cgrp->ancestors[level];
}

/*
 * The CPU time of cgrp and its descendants, in ns, about as cpu.stat's
 * usage_usec would say now, without the rstat flush that reading it does
 * (not exported): the flushed total (cgrp->bstat), plus what is still on
 * its way up the tree, which a flush would add to it: each cgroup's
 * per-CPU time not yet gathered (rstat_cpu's bstat - last_bstat) and each
 * descendant's gathered time not yet added to its parent (bstat -
 * last_bstat). The layout of cgroup-defs.h and the flush of
 * kernel/cgroup/rstat.c on 6.1 to 6.12. Without the rstat lock: a flush
 * step adds a delta to its destination, then to its source's "done", and
 * the walk reads each destination before its source, so a step that
 * falls between the two reads is missed (the figure is short by it,
 * until the next read); one whose two stores both fall between them is
 * counted twice (a flusher stopped between its stores). Either is at
 * most the time not yet flushed, which the memory cgroup's periodic
 * flush keeps to about 2 s of CPU time; the caller keeps what it shows
 * monotonic. A walk of every descendant and possible CPU: the caller
 * takes cpu.stat's text for a large subtree. Under rcu_read_lock(): the
 * walk's, and a cgroup's per-CPU counts are freed after a grace period.
 */
static inline u64 vzbc_cgroup_usage_ns(struct cgroup *cgrp)
{
	u64 usage = READ_ONCE(cgrp->bstat.cputime.sum_exec_runtime);
	struct cgroup_subsys_state *pos;
	struct cgroup_rstat_cpu *rc;
	struct cgroup *c;
	u64 done;
	int cpu;

	rcu_read_lock();
	css_for_each_descendant_pre(pos, &cgrp->self) {
		c = pos->cgroup;
		if (c != cgrp) {
			done = READ_ONCE(c->last_bstat.cputime.sum_exec_runtime);
			usage += READ_ONCE(c->bstat.cputime.sum_exec_runtime) - done;
		}
		for_each_possible_cpu(cpu) {
			rc = per_cpu_ptr(c->rstat_cpu, cpu);
			done = READ_ONCE(rc->last_bstat.cputime.sum_exec_runtime);
			usage += READ_ONCE(rc->bstat.cputime.sum_exec_runtime) - done;
		}
	}
	rcu_read_unlock();
	return usage;
}

/* ------------------------------------------------------------ fork */

/* The cgroup clone3(CLONE_INTO_CGROUP) puts the child in, or NULL. */
static inline struct cgroup *vzbc_clone_into_cgroup(const struct kernel_clone_args *args)
{
	return args->flags & CLONE_INTO_CGROUP ? args->cgrp : NULL;
}

/* ------------------------------------------------------------ file locks */

/*
 * A lock as locks_unlink_lock_ctx() gets it (6.9 and later pass its
 * struct file_lock_core, which a struct file_lock and a lease begin with:
 * the same address): its FL_* flags, which say whether it is a lock
 * (FL_POSIX, FL_FLOCK) or a lease, before anything else of it is read.
 */
static inline unsigned int vzbc_lock_flags(const void *lock)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	return READ_ONCE(((const struct file_lock_core *)lock)->flc_flags);
#else
	return READ_ONCE(((const struct file_lock *)lock)->fl_flags);
#endif
}

/* Whether fl has fl_ops (a copy of fl, locks_copy_lock(), gets them too). */
static inline bool vzbc_lock_has_ops(const struct file_lock *fl)
{
	return fl->fl_ops;
}

/*
 * Room in a lock without fl_ops that the kernel leaves alone: fl_u, the
 * union of the file systems that set fl_ops (NFS, AFS, Ceph: their
 * fl_copy_lock fills it in the copy). A lock without fl_ops never has it
 * read or written by the kernel, and locks_alloc_lock() hands it out
 * zeroed.
 */
static inline void **vzbc_lock_room(struct file_lock *fl)
{
	BUILD_BUG_ON(sizeof(fl->fl_u) < sizeof(void *));
	return (void **)&fl->fl_u;
}

/* ------------------------------------------------------------ memory cgroup */

static inline unsigned long vzbc_memcg_usage(struct mem_cgroup *memcg)
{
	return page_counter_read(&memcg->memory);
}

static inline unsigned long vzbc_memcg_watermark(struct mem_cgroup *memcg)
{
	return READ_ONCE(memcg->memory.watermark);
}

static inline unsigned long vzbc_memcg_swap_usage(struct mem_cgroup *memcg)
{
	return page_counter_read(&memcg->swap);
}

static inline unsigned long vzbc_memcg_swap_watermark(struct mem_cgroup *memcg)
{
	return READ_ONCE(memcg->swap.watermark);
}

static inline struct page_counter *vzbc_memcg_counter(struct mem_cgroup *memcg)
{
	return &memcg->memory;
}

static inline struct page_counter *vzbc_memcg_swap_counter(struct mem_cgroup *memcg)
{
	return &memcg->swap;
}

/* A counter's limit (memory.max, memory.swap.max), in pages. */
static inline unsigned long vzbc_counter_max(const struct page_counter *c)
{
	return READ_ONCE(c->max);
}

/* Whether the memory controller is enabled in cgrp itself. */
static inline bool vzbc_cgroup_has_memcg(struct cgroup *cgrp)
{
	return rcu_access_pointer(cgrp->subsys[memory_cgrp_id]);
}

/* memory.events counters: MEMCG_MAX, MEMCG_SWAP_MAX, MEMCG_OOM_KILL */
static inline unsigned long vzbc_memcg_event(struct mem_cgroup *memcg,
					     enum memcg_memory_event event)
{
	return atomic_long_read(&memcg->memory_events[event]);
}

/* ------------------------------------------------------------ /proc/meminfo */

/* Whether /proc/meminfo has an Unaccepted line (6.5 and later, if built). */
static inline bool vzbc_meminfo_has_unaccepted(void)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	return IS_ENABLED(CONFIG_UNACCEPTED_MEMORY);
#else
	return false;
#endif
}

#endif /* VZBC_COMPAT_H */
