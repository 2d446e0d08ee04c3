// SPDX-License-Identifier: GPL-2.0
/*
 * numproc: every task (process or thread) a container's task creates is
 * charged to that container at the task_alloc LSM hook and uncharged when
 * it is reaped (cgroup_release(), as the pids controller does), or when it
 * is freed if it never ran (a fork that failed after task_alloc); a fork
 * at the barrier is refused at the top of copy_process(), before anything
 * is built.
 *
 * And each container's own tasks: the module keeps the list of the tasks
 * in a container's cgroup (the kernel's css_task_iter is not exported), so
 * that what is summed over a container's processes (privvmpages,
 * lockedpages, numsiginfo) costs a walk of its own tasks, not of the
 * host's. A task joins the list when it is forked into the container
 * (cgroup_post_fork), moved into it (the cgroup_attach_task tracepoint)
 * or found in its cgroup at registration; it leaves at cgroup_exit(),
 * before it can be reaped, or when it is moved out. The list is read
 * under RCU: a task still on it when a reader got there is freed only
 * after the reader is done (release_task() frees it an RCU grace period
 * after cgroup_exit()).
 */
#include <linux/cgroup.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>

#include "vzbc.h"
#include "probe.h"

/* ------------------------------------------------------------ its tasks */

struct vzbc_member {
	struct vzbc_rec rec;		/* (task, VZBC_KEY_MEMBER) -> container */
	struct list_head ct_node;	/* in ct->tasks */
	struct rcu_head rcu;
};

static void vzbc_member_del(struct task_struct *t)
{
	struct vzbc_member *m;
	struct vzbc_rec *rec;
	unsigned long flags;
	struct vzbc_ct *ct;

	if (!vzbc_rec_maybe(t))
		return;
	local_irq_save(flags);
	rec = vzbc_rec_remove(t, VZBC_KEY_MEMBER);
	local_irq_restore(flags);
	if (!rec)
		return;
	m = container_of(rec, struct vzbc_member, rec);
	ct = rec->ct;
	spin_lock(&ct->tasks_lock);
	list_del_rcu(&m->ct_node);
	spin_unlock(&ct->tasks_lock);
	kfree_rcu(m, rcu);
	vzbc_ct_put(ct);
}

/*
 * t is in ct's cgroup: put it on ct's list (nothing if it is there). A
 * task that began to exit meanwhile may have passed cgroup_exit() before
 * it got there: it is taken off again (cgroup_exit() sets PF_EXITING long
 * before, and takes it off itself if it comes after).
 */
static void vzbc_member_add(struct vzbc_ct *ct, struct task_struct *t)
{
	struct vzbc_member *m;
	unsigned long flags;
	bool fresh;

	m = kmalloc(sizeof(*m), GFP_ATOMIC | __GFP_NOWARN);
	if (!m) {
		pr_warn_ratelimited("no memory to list a task of CT %u: its privvmpages are undercounted\n",
				    ct->ctid);
		return;
	}
	m->rec.obj = t;
	m->rec.key = VZBC_KEY_MEMBER;
	m->rec.ct = ct;
	spin_lock(&ct->tasks_lock);
	local_irq_save(flags);
	fresh = vzbc_rec_insert(&m->rec);
	local_irq_restore(flags);
	if (fresh) {
		refcount_inc(&ct->ref);
		list_add_tail_rcu(&m->ct_node, &ct->tasks);
	}
	spin_unlock(&ct->tasks_lock);
	if (!fresh) {
		kfree(m);
		return;
	}
	smp_mb();	/* listed before PF_EXITING is read */
	if (READ_ONCE(t->flags) & PF_EXITING)
		vzbc_member_del(t);
}

/* t's list is ct's (NULL: none) from now on */
static void vzbc_member_set(struct vzbc_ct *ct, struct task_struct *t)
{
	struct vzbc_ct *was;

	was = vzbc_obj_ct_get(t, VZBC_KEY_MEMBER);
	if (was != ct) {
		if (was)
			vzbc_member_del(t);
		if (ct)
			vzbc_member_add(ct, t);
	}
	if (was)
		vzbc_ct_put(was);
}

/* siginfo structures queued on t, and on its process if it leads it */
static unsigned long vzbc_task_siginfo(struct task_struct *t)
{
	struct sighand_struct *sighand;
	unsigned long flags, n = 0;

	sighand = rcu_dereference(t->sighand);
	if (!sighand)
		return 0;
	spin_lock_irqsave(&sighand->siglock, flags);
	if (sighand == rcu_access_pointer(t->sighand)) {	/* not exec'd away */
		n = list_count_nodes(&t->pending.list);
		if (thread_group_leader(t))
			n += list_count_nodes(&t->signal->shared_pending.list);
	}
	spin_unlock_irqrestore(&sighand->siglock, flags);
	return n;
}

/*
 * Add to sums what ct's tasks hold: the address-space counters of its
 * processes, and with siginfo the signals queued on its tasks. A walk of
 * the container's own tasks.
 */
void vzbc_tasks_sum(struct vzbc_ct *ct, struct vzbc_sums *sums, bool siginfo)
{
	struct vzbc_member *m;
	struct task_struct *t;
	struct mm_struct *mm;

	rcu_read_lock();
	list_for_each_entry_rcu(m, &ct->tasks, ct_node) {
		t = (struct task_struct *)m->rec.obj;
		if (siginfo)
			sums->siginfo += vzbc_task_siginfo(t);
		if (!thread_group_leader(t))
			continue;
		task_lock(t);
		mm = t->mm;
		if (mm) {
			sums->privvm += READ_ONCE(mm->data_vm) + READ_ONCE(mm->stack_vm);
			sums->locked += READ_ONCE(mm->locked_vm);
		}
		task_unlock(t);
	}
	rcu_read_unlock();
}

/*
 * How many of ct's tasks exist, run (or wait to) and wait uninterruptibly,
 * as the kernel counts them for the load average (a task waiting with
 * TASK_NOLOAD, or frozen, does not count). A walk of its own tasks.
 */
void vzbc_tasks_states(struct vzbc_ct *ct, struct vzbc_task_states *st)
{
	struct vzbc_member *m;
	unsigned int state;

	memset(st, 0, sizeof(*st));
	rcu_read_lock();
	list_for_each_entry_rcu(m, &ct->tasks, ct_node) {
		state = READ_ONCE(((struct task_struct *)m->rec.obj)->__state);
		st->total++;
		if (state == TASK_RUNNING)
			st->running++;
		else if ((state & TASK_UNINTERRUPTIBLE) &&
			 !(state & (TASK_NOLOAD | TASK_FROZEN)))
			st->blocked++;
	}
	rcu_read_unlock();
}

/*
 * A container just registered: the tasks already in its cgroup. Called
 * once it can be found, so a task moved in meanwhile is seen here or by
 * the tracepoint (both is fine). A walk of the host's tasks, once.
 */
void vzbc_tasks_adopt(struct vzbc_ct *ct)
{
	struct task_struct *g, *t;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (!(t->flags & (PF_KTHREAD | PF_EXITING)) &&
		    vzbc_ct_of_task_rcu(t) == ct)
			vzbc_member_add(ct, t);
	}
	rcu_read_unlock();
}

/*
 * A container unregistered (its cgroup empty): whatever is left on its
 * list goes, so that nothing holds it once its tasks are gone.
 */
void vzbc_tasks_release(struct vzbc_ct *ct)
{
	struct vzbc_member *m;

	for (;;) {
		rcu_read_lock();
		m = list_first_or_null_rcu(&ct->tasks, struct vzbc_member, ct_node);
		if (m)
			vzbc_member_del((struct task_struct *)m->rec.obj);
		rcu_read_unlock();
		if (!m)
			return;
	}
}

/* cgroup_attach_task(dst, leader, threadgroup) moved the task(s) into dst */
static void vzbc_tasks_attached(void *data, struct cgroup *dst, const char *path,
				struct task_struct *leader, bool threadgroup)
{
	struct task_struct *t = leader;
	struct vzbc_ct *ct;

	rcu_read_lock();
	ct = vzbc_ct_of_cgroup_rcu(dst);
	do {
		vzbc_member_set(ct, t);
	} while (threadgroup && (t = next_thread(t)) != leader);
	rcu_read_unlock();
}

static struct tracepoint *vzbc_attach_tp;

static void vzbc_find_tp(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "cgroup_attach_task"))
		vzbc_attach_tp = tp;
}

static int vzbc_tasks_arm(void)
{
	return tracepoint_probe_register(vzbc_attach_tp, vzbc_tasks_attached, NULL);
}

static void vzbc_tasks_disarm(void)
{
	WARN_ON(tracepoint_probe_unregister(vzbc_attach_tp, vzbc_tasks_attached, NULL));
}

int vzbc_tasks_init(void)
{
	for_each_kernel_tracepoint(vzbc_find_tp, NULL);
	if (!vzbc_attach_tp) {
		pr_err("no cgroup_attach_task tracepoint on this kernel\n");
		return -ENOENT;
	}
	return 0;
}

void vzbc_tasks_uninit(void)
{
	tracepoint_synchronize_unregister();
}

/* ------------------------------------------------------------ numproc */

/*
 * A fork in a container at its numproc barrier is refused at the top of
 * copy_process(), before the task is built: a fork bomb then costs a
 * callback per attempt instead of a task_struct and a stack freed an RCU
 * grace period later, which a bomb on several CPUs can outrun until the
 * host runs out of memory. The charge itself stays at task_alloc.
 */
/*
 * copy_process(struct pid *pid, int trace, int node,
 *		struct kernel_clone_args *args)
 */
static __used notrace long vzbc_fork_check(const struct vzbc_call *call)
{
	return vzbc_ct_current_full(VZBC_NUMPROC) ? (long)ERR_PTR(-EAGAIN) : 0;
}

/* bpf_lsm_task_alloc(struct task_struct *task, unsigned long clone_flags) */
enum { TASK_ALLOC_TASK, TASK_ALLOC_FLAGS, TASK_ALLOC_NARGS };

static __used notrace long vzbc_task_alloc(const struct vzbc_call *call)
{
	if (vzbc_charge_obj(vzbc_arg_ptr(call, TASK_ALLOC_TASK), VZBC_KEY_TASK,
			    VZBC_NUMPROC, VZBC_HARD))
		return -EAGAIN;
	return 0;
}

/*
 * cgroup_post_fork(struct task_struct *child, struct kernel_clone_args *kargs)
 *
 * The child joins its container's list. And a task cloned straight into a
 * cgroup (clone3() with CLONE_INTO_CGROUP, as vzctl starts a container's
 * init) belongs to that cgroup's container, not to its parent's: before
 * it runs, its numproc charge moves there. The container's first task is
 * counted like every other, and may take it past its limit, as an
 * entered task can.
 */
enum { POST_FORK_CHILD, POST_FORK_KARGS, POST_FORK_NARGS };

static void vzbc_numproc_move(struct task_struct *child, struct vzbc_ct *to)
{
	struct vzbc_ct *from = vzbc_obj_ct_get(child, VZBC_KEY_TASK);

	if (from != to) {
		if (from)
			vzbc_uncharge_obj(child, VZBC_KEY_TASK);
		if (to)
			vzbc_charge_obj_to(to, child, VZBC_KEY_TASK, VZBC_NUMPROC, 1,
					   VZBC_FORCE);
	}
	if (from)
		vzbc_ct_put(from);
}

static __used notrace long vzbc_post_fork(const struct vzbc_call *call)
{
	struct kernel_clone_args *kargs = vzbc_arg_ptr(call, POST_FORK_KARGS);
	struct task_struct *child = vzbc_arg_ptr(call, POST_FORK_CHILD);
	struct cgroup *into = vzbc_clone_into_cgroup(kargs);
	struct vzbc_ct *ct;

	if (into) {
		ct = vzbc_ct_get_cgroup(into);
		vzbc_numproc_move(child, ct);
		if (ct) {
			vzbc_member_add(ct, child);
			atomic_long_inc(&ct->view.forks);
			vzbc_ct_put(ct);
		}
		return 0;
	}
	preempt_disable();
	ct = vzbc_ct_current();
	if (ct) {
		vzbc_member_add(ct, child);
		atomic_long_inc(&ct->view.forks);
	}
	preempt_enable();
	return 0;
}

/*
 * cgroup_exit(struct task_struct *tsk): off its container's list; a
 * container's init also makes its stop event (event.c)
 */
enum { EXIT_TASK, EXIT_NARGS };

static __used notrace long vzbc_task_exit(const struct vzbc_call *call)
{
	struct task_struct *t = vzbc_arg_ptr(call, EXIT_TASK);

	vzbc_event_task_exit(t);
	vzbc_member_del(t);
	return 0;
}

/*
 * cgroup_release(struct task_struct *task): the task is reaped (or, a
 * thread, gone), and its numproc charge with it, as its pids charge: a
 * fork right after a parent waited for its children must not be refused
 * for tasks that only wait for an RCU grace period to be freed.
 */
enum { RELEASE_TASK, RELEASE_NARGS };

static __used notrace long vzbc_task_release(const struct vzbc_call *call)
{
	vzbc_uncharge_obj(vzbc_arg_ptr(call, RELEASE_TASK), VZBC_KEY_TASK);
	return 0;
}

/*
 * bpf_lsm_task_free(struct task_struct *task): the numproc charge of a
 * task that was never released (copy_process() failed after task_alloc);
 * its pty charges
 */
enum { TASK_FREE_TASK, TASK_FREE_NARGS };

static __used notrace long vzbc_task_free(const struct vzbc_call *call)
{
	const struct task_struct *task = vzbc_arg_ptr(call, TASK_FREE_TASK);

	vzbc_uncharge_obj(task, VZBC_KEY_TASK);
	vzbc_pty_task_free(task);
	return 0;
}

VZBC_PROBE(fork_check, "copy_process", vzbc_fork_check, 4, ERRNO);
VZBC_PROBE(task_alloc, "bpf_lsm_task_alloc", vzbc_task_alloc, 2, ERRNO);
VZBC_PROBE(post_fork, "cgroup_post_fork", vzbc_post_fork, 2, NEVER);
VZBC_PROBE(task_exit, "cgroup_exit", vzbc_task_exit, 1, NEVER);
VZBC_PROBE(task_release, "cgroup_release", vzbc_task_release, 1, NEVER);
VZBC_PROBE(task_free, "bpf_lsm_task_free", vzbc_task_free, 1, NEVER);

VZBC_PROBE_TABLE(vzbc_task_probes, vzbc_tasks_arm, vzbc_tasks_disarm,
		 VZBC_ROW(fork_check), VZBC_ROW(task_alloc), VZBC_ROW(post_fork),
		 VZBC_ROW(task_exit), VZBC_ROW(task_release), VZBC_ROW(task_free));
