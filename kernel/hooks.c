// SPDX-License-Identifier: GPL-2.0
/*
 * Charge points. Debian's kernels run the BPF LSM, so every LSM hook calls
 * an empty bpf_lsm_<hook>() function; an ftrace callback on it (or on a
 * chosen kernel function) sees each event, and can refuse one by returning
 * through a function of ours that gives the errno (the callback moves the
 * instruction pointer there, as live patching does).
 *
 * ftrace, not kprobes: a kprobe hit while another kprobe's handler runs on
 * the same CPU is dropped ("missed"), and an interrupt's softirq that frees
 * a task or a socket in that window would lose its uncharge for good.
 * ftrace's recursion guard is per context, so a softirq interrupting one of
 * these callbacks still runs its own.
 *
 * Each charged object is remembered, with the container and amount it was
 * charged, in a hash table keyed by the object's address, so the free hook
 * uncharges exactly what was charged, to the container that was charged,
 * whichever task frees it and wherever that task lives by then. Host tasks
 * pay a static branch and a cgroup level compare on allocation, and on free
 * one read (the object's bucket, empty unless a charged object shares it).
 */
#include <linux/hash.h>
#include <linux/in.h>
#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/percpu.h>
#include <linux/net.h>
#include <linux/list_bl.h>
#include <linux/mm.h>
#include <linux/socket.h>
#include <linux/fcntl.h>
#include <net/request_sock.h>
#include <net/sock.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/cgroup.h>
#include <linux/slab.h>

#include "vzbc.h"

#ifndef CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS
#error "the charge points need ftrace with arguments (x86_64 has it)"
#endif

/*
 * A record's key: the object and what it was charged for, the resource in
 * the low byte and, where one object stands for several charges (a pty
 * index of a devpts instance), a tag above it.
 */
struct vzbc_key {
	const void *obj;
	unsigned long res;
};

#define VZBC_KEY_RES(k)		((unsigned int)((k) & 0xff))
#define VZBC_KEY_TAG(res, tag)	((res) | ((unsigned long)(tag) << 8))

struct vzbc_rec {
	struct hlist_bl_node node;	/* in its bucket of vzbc_recs */
	struct vzbc_key key;
	struct vzbc_ct *ct;
	unsigned long val;
	struct list_head ct_node;	/* in ct->socks, for sockets */
};

static bool vzbc_res_is_sock(unsigned int res)
{
	return res == VZBC_NUMTCPSOCK || res == VZBC_NUMOTHERSOCK;
}

/* Sockets are kept on their container's list too, for the buffer sums. */
static void vzbc_rec_link(struct vzbc_rec *rec)
{
	unsigned long flags;

	if (!vzbc_res_is_sock(VZBC_KEY_RES(rec->key.res)))
		return;
	spin_lock_irqsave(&rec->ct->lock, flags);
	list_add(&rec->ct_node, &rec->ct->socks);
	spin_unlock_irqrestore(&rec->ct->lock, flags);
}

static void vzbc_rec_unlink(struct vzbc_rec *rec)
{
	unsigned long flags;

	if (!vzbc_res_is_sock(VZBC_KEY_RES(rec->key.res)))
		return;
	spin_lock_irqsave(&rec->ct->lock, flags);
	list_del(&rec->ct_node);
	spin_unlock_irqrestore(&rec->ct->lock, flags);
}

/*
 * The records: a hash table of bit-locked lists, keyed by the object's
 * address, sized once from the host's memory (a bucket per 16 pages, from
 * 2^14 to 2^20 buckets: 128 KiB to 8 MiB). A free hook whose object's
 * bucket is empty, as it is for nearly every object of the host, knows
 * without taking a lock that the object was never charged. Records are
 * only reached under their bucket's lock, so one is freed as soon as it
 * is out of its list. The frees can come from any context (a task's last
 * reference may go in an interrupt): the locks keep interrupts off.
 */
#define VZBC_RECS_MIN_BITS	14
#define VZBC_RECS_MAX_BITS	20

static struct hlist_bl_head *vzbc_recs;
static unsigned int vzbc_recs_bits;
static struct kmem_cache *vzbc_rec_cache;
static atomic_long_t vzbc_nr_recs = ATOMIC_LONG_INIT(0);

static struct hlist_bl_head *vzbc_bucket(const void *obj)
{
	return &vzbc_recs[hash_ptr(obj, vzbc_recs_bits)];
}

static unsigned long vzbc_bucket_lock(struct hlist_bl_head *b)
	__acquires(b)
{
	unsigned long flags;

	local_irq_save(flags);
	hlist_bl_lock(b);
	return flags;
}

static void vzbc_bucket_unlock(struct hlist_bl_head *b, unsigned long flags)
	__releases(b)
{
	hlist_bl_unlock(b);
	local_irq_restore(flags);
}

/* The record of key in bucket b, which the caller has locked; or NULL. */
static struct vzbc_rec *vzbc_rec_find(struct hlist_bl_head *b, const struct vzbc_key *key)
{
	struct hlist_bl_node *pos;
	struct vzbc_rec *rec;

	hlist_bl_for_each_entry(rec, pos, b, node)
		if (rec->key.obj == key->obj && rec->key.res == key->res)
			return rec;
	return NULL;
}

static int vzbc_recs_init(void)
{
	unsigned long want = totalram_pages() / 16;
	unsigned int bits = want ? ilog2(want) : 0;

	vzbc_recs_bits = clamp_t(unsigned int, bits, VZBC_RECS_MIN_BITS, VZBC_RECS_MAX_BITS);
	vzbc_recs = kvcalloc(1UL << vzbc_recs_bits, sizeof(*vzbc_recs), GFP_KERNEL);
	return vzbc_recs ? 0 : -ENOMEM;
}

/*
 * Charge val of the resource in key res for obj to ct, whose reference the
 * record takes over (and drops on failure). Returns 0, or -ENOMEM when
 * refused (or when obj is charged for res already: it is not twice).
 */
static int vzbc_charge_obj_to(struct vzbc_ct *ct, const void *obj,
			      unsigned long res, unsigned long val,
			      enum vzbc_strict strict)
{
	struct hlist_bl_head *b = vzbc_bucket(obj);
	struct vzbc_rec *rec;
	unsigned long flags;
	int ret;

	rec = kmem_cache_alloc(vzbc_rec_cache, GFP_ATOMIC | __GFP_NOWARN);
	if (!rec)
		goto err_rec;
	rec->key.obj = obj;
	rec->key.res = res;
	rec->ct = ct;
	rec->val = val;

	ret = vzbc_charge(ct, VZBC_KEY_RES(res), val, strict);
	if (ret)
		goto err_charge;
	flags = vzbc_bucket_lock(b);
	if (vzbc_rec_find(b, &rec->key)) {
		vzbc_bucket_unlock(b, flags);
		goto err_insert;
	}
	hlist_bl_add_head(&rec->node, b);
	atomic_long_inc(&vzbc_nr_recs);
	vzbc_bucket_unlock(b, flags);
	vzbc_rec_link(rec);
	return 0;

err_insert:
	vzbc_uncharge(ct, VZBC_KEY_RES(res), val);
err_charge:
	kmem_cache_free(vzbc_rec_cache, rec);
err_rec:
	vzbc_ct_put(ct);
	return -ENOMEM;
}

/*
 * Charge val of res for obj to the current task's container, if it has one.
 * Returns 0 when allowed (charged or host), -ENOMEM when refused.
 */
static int vzbc_charge_obj(const void *obj, unsigned long res, unsigned long val,
			   enum vzbc_strict strict)
{
	struct vzbc_ct *ct = vzbc_ct_get_current();

	return ct ? vzbc_charge_obj_to(ct, obj, res, val, strict) : 0;
}

/* A reference to the container obj was charged res to, or NULL. */
static struct vzbc_ct *vzbc_obj_ct_get(const void *obj, unsigned long res)
{
	struct vzbc_key key = { .obj = obj, .res = res };
	struct hlist_bl_head *b = vzbc_bucket(obj);
	struct vzbc_ct *ct = NULL;
	struct vzbc_rec *rec;
	unsigned long flags;

	if (hlist_bl_empty(b))
		return NULL;
	flags = vzbc_bucket_lock(b);
	rec = vzbc_rec_find(b, &key);
	if (rec && refcount_inc_not_zero(&rec->ct->ref))
		ct = rec->ct;
	vzbc_bucket_unlock(b, flags);
	return ct;
}

/* Uncharge whatever obj was charged for res, if it was; true if it was. */
static bool vzbc_uncharge_obj(const void *obj, unsigned long res)
{
	struct vzbc_key key = { .obj = obj, .res = res };
	struct hlist_bl_head *b = vzbc_bucket(obj);
	struct vzbc_rec *rec;
	unsigned long flags;

	/* an object being freed is not being charged: no insert races this */
	if (hlist_bl_empty(b))
		return false;
	flags = vzbc_bucket_lock(b);
	rec = vzbc_rec_find(b, &key);
	if (rec)
		hlist_bl_del(&rec->node);
	vzbc_bucket_unlock(b, flags);
	if (!rec)
		return false;

	vzbc_rec_unlink(rec);
	if (atomic_long_dec_and_test(&vzbc_nr_recs))
		vzbc_ct_disarm_soon();	/* the hooks may not be needed any more */
	vzbc_uncharge(rec->ct, VZBC_KEY_RES(res), rec->val);
	vzbc_ct_put(rec->ct);
	kmem_cache_free(vzbc_rec_cache, rec);
	return true;
}

/*
 * Refusing an event: the probed bpf_lsm_*() function is left before its
 * first instruction and "returns" through one of these instead.
 */
static noinline int vzbc_fail_eagain(void)
{
	return -EAGAIN;
}

static noinline int vzbc_fail_enfile(void)
{
	return -ENFILE;
}

static noinline int vzbc_fail_enobufs(void)
{
	return -ENOBUFS;
}

static noinline int vzbc_fail_enomem(void)
{
	return -ENOMEM;
}

static noinline int vzbc_fail_enospc(void)
{
	return -ENOSPC;
}

static noinline int vzbc_fail_enolck(void)
{
	return -ENOLCK;
}

static noinline bool vzbc_fail_false(void)
{
	return false;
}

static noinline void *vzbc_fail_eagain_ptr(void)
{
	return ERR_PTR(-EAGAIN);
}

static int vzbc_refuse(struct pt_regs *regs, const void *fail)
{
	instruction_pointer_set(regs, (unsigned long)fail);
	return 1;
}

/*
 * Does the current task's container already hold its barrier of res? Then
 * the request about to be made is refused (and counted in failcnt) before
 * the kernel builds anything for it.
 */
static bool vzbc_current_full(unsigned int res)
{
	struct vzbc_ct *ct = vzbc_ct_get_current();
	struct vzbc_res r;
	bool full;

	if (!ct)
		return false;
	vzbc_bc_read(ct, res, &r);
	full = r.held >= r.barrier;
	if (full)
		vzbc_bc_refused(ct, res);
	vzbc_ct_put(ct);
	return full;
}

/*
 * A charge point: a kernel function the ftrace callback is attached to,
 * with the resource and the refusal its handler uses if it is a generic
 * one, and the address ftrace reports for it (learned at its first call).
 */
struct vzbc_probe {
	const char *symbol;
	int (*handler)(struct vzbc_probe *p, struct pt_regs *regs,
		       unsigned long pip);
	unsigned int res;
	const void *fail;
	unsigned long ip;
};

static unsigned long vzbc_arg(struct pt_regs *regs, unsigned int n)
{
	return regs_get_kernel_argument(regs, n);
}

static int vzbc_hook_alloc(struct vzbc_probe *p, struct pt_regs *regs,
			   unsigned long pip)
{
	void *obj = (void *)vzbc_arg(regs, 0);

	if (vzbc_charge_obj(obj, p->res, 1, VZBC_HARD))
		return vzbc_refuse(regs, p->fail);
	return 0;
}

static int vzbc_hook_free(struct vzbc_probe *p, struct pt_regs *regs,
			  unsigned long pip)
{
	vzbc_uncharge_obj((void *)vzbc_arg(regs, 0), p->res);
	return 0;
}

/*
 * Sockets: socket(2), socketpair(2) and kernel-internal user sockets pass
 * socket_post_create(sock, family, type, protocol, kern) with sock->sk
 * allocated. TCP (an inet stream socket) counts in numtcpsock, everything
 * else in numothersock; sockets the kernel makes for itself (kern) are
 * not charged, as in OpenVZ.
 */
static unsigned int vzbc_sock_res(int family, int type, int protocol)
{
	if ((family == AF_INET || family == AF_INET6) && type == SOCK_STREAM &&
	    (protocol == 0 || protocol == IPPROTO_TCP))
		return VZBC_NUMTCPSOCK;
	return VZBC_NUMOTHERSOCK;
}

static int vzbc_sock_create(struct vzbc_probe *p, struct pt_regs *regs,
			    unsigned long pip)
{
	struct socket *sock = (struct socket *)vzbc_arg(regs, 0);
	unsigned int res;

	if (vzbc_arg(regs, 4) || !sock->sk)	/* kern */
		return 0;
	res = vzbc_sock_res(vzbc_arg(regs, 1), vzbc_arg(regs, 2) & SOCK_TYPE_MASK,
			    vzbc_arg(regs, 3));
	if (vzbc_charge_obj(sock->sk, res, 1, VZBC_HARD))
		return vzbc_refuse(regs, vzbc_fail_enobufs);
	return 0;
}

/*
 * A connection accepted on a listening TCP socket is cloned from it in
 * softirq context, where current is nobody in particular: it is charged to
 * the container the listener was charged to. The hook cannot fail, so the
 * charge is forced (the listener's backlog bounds these).
 */
static int vzbc_sock_clone(struct vzbc_probe *p, struct pt_regs *regs,
			   unsigned long pip)
{
	const struct request_sock *req = (void *)vzbc_arg(regs, 1);
	struct sock *newsk = (struct sock *)vzbc_arg(regs, 0);
	struct vzbc_ct *ct;

	ct = vzbc_obj_ct_get(req->rsk_listener, VZBC_NUMTCPSOCK);
	if (ct)
		vzbc_charge_obj_to(ct, newsk, VZBC_NUMTCPSOCK, 1, VZBC_FORCE);
	return 0;
}

static int vzbc_sock_free(struct vzbc_probe *p, struct pt_regs *regs,
			  unsigned long pip)
{
	const void *sk = (void *)vzbc_arg(regs, 0);

	vzbc_uncharge_obj(sk, VZBC_NUMTCPSOCK);
	vzbc_uncharge_obj(sk, VZBC_NUMOTHERSOCK);
	return 0;
}

/*
 * The bytes queued on the container's sockets: sent and received on TCP,
 * sent and received on the others. A socket stays on ct->socks until its
 * free hook has taken it off under ct->lock, so each one read is alive.
 */
void vzbc_hooks_sock_usage(struct vzbc_ct *ct, unsigned long *tcpsnd,
			   unsigned long *tcprcv, unsigned long *othersnd,
			   unsigned long *dgramrcv)
{
	struct vzbc_rec *rec;
	unsigned long flags;
	struct sock *sk;

	*tcpsnd = *tcprcv = *othersnd = *dgramrcv = 0;
	spin_lock_irqsave(&ct->lock, flags);
	list_for_each_entry(rec, &ct->socks, ct_node) {
		sk = (struct sock *)rec->key.obj;
		if (VZBC_KEY_RES(rec->key.res) == VZBC_NUMTCPSOCK) {
			*tcpsnd += max(READ_ONCE(sk->sk_wmem_queued), 0);
			*tcprcv += sk_rmem_alloc_get(sk);
		} else {
			*othersnd += sk_wmem_alloc_get(sk);
			*dgramrcv += sk_rmem_alloc_get(sk);
		}
	}
	spin_unlock_irqrestore(&ct->lock, flags);
}

/*
 * A request for address space, as the hook saw it: mmap_region() asks
 * may_expand_vm() a second time when it said no (with the pages a
 * MAP_FIXED mapping would replace taken off), from further down the same
 * function; that second refusal is the same request's, and is not
 * counted again. pip is the call's return address, 0 for mlock.
 */
struct vzbc_vm_req {
	struct mm_struct *mm;
	unsigned long flags;
	unsigned long pages;
	unsigned long pip;
};

static DEFINE_PER_CPU(char [KSYM_SYMBOL_LEN], vzbc_symbuf);

/*
 * Whether the return address later lies in the same function as the
 * earlier one, after it: kallsyms gives the function's start and size
 * ("name+0xoff/0xsize"). Called with interrupts off, on refusals only.
 */
static bool vzbc_same_function_after(unsigned long earlier, unsigned long later)
{
	char *buf = this_cpu_ptr(vzbc_symbuf);
	unsigned long off, size;
	const char *plus;

	if (!earlier || later <= earlier)
		return false;
	sprint_symbol(buf, later);
	plus = strchr(buf, '+');
	if (!plus || sscanf(plus, "+%lx/%lx", &off, &size) != 2)
		return false;
	return earlier >= later - off;
}

static bool vzbc_vm_refused_again(struct vzbc_ct *ct, const struct vzbc_vm_req *req)
{
	struct vzbc_vm_refusal *last = &ct->vm_refused;
	unsigned long irqflags;
	bool again;

	spin_lock_irqsave(&ct->lock, irqflags);
	again = req->pip && last->task == current && last->mm == req->mm &&
		last->flags == req->flags && req->pages <= last->pages &&
		vzbc_same_function_after(last->pip, req->pip);
	last->task = current;
	last->mm = req->mm;
	last->flags = req->flags;
	last->pages = req->pages;
	last->pip = req->pip;
	spin_unlock_irqrestore(&ct->lock, irqflags);
	return again;
}

/*
 * privvmpages and lockedpages are the container's address spaces' own
 * counters (mem.c); a request that would take them past the barrier is
 * refused with ENOMEM. The sum is taken only when a barrier is set.
 */
static bool vzbc_vm_refuse(unsigned int res, const struct vzbc_vm_req *req)
{
	unsigned long privvm, locked, used, barrier, pages = req->pages;
	struct vzbc_ct *ct = vzbc_ct_get_current();
	bool refuse = false;

	if (!ct)
		return false;
	barrier = vzbc_bc_barrier(ct, res);
	if (barrier != VZBC_UNLIMITED) {
		vzbc_mem_vm_usage(ct, &privvm, &locked);
		used = res == VZBC_PRIVVMPAGES ? privvm : locked;
		refuse = used + pages > barrier || used + pages < used;
		if (!refuse)
			vzbc_bc_sample(ct, res, used + pages, 0, ULONG_MAX);
		else if (!vzbc_vm_refused_again(ct, req))
			vzbc_bc_refused(ct, res);
	}
	vzbc_ct_put(ct);
	return refuse;
}

/*
 * may_expand_vm(mm, flags, npages): every growth of an address space asks
 * it first (mmap, brk, mremap, a stack growing down a page), and gets
 * ENOMEM when it says no. privvmpages is the address space's data_vm and
 * stack_vm: the growths of private writable mappings (MAP_NORESERVE ones
 * included, which skip the overcommit check) and of stacks.
 */
static int vzbc_may_expand(struct vzbc_probe *p, struct pt_regs *regs,
			   unsigned long pip)
{
	struct vzbc_vm_req req = {
		.mm = (struct mm_struct *)vzbc_arg(regs, 0),
		.flags = vzbc_arg(regs, 1),
		.pages = vzbc_arg(regs, 2),
		.pip = pip,
	};

	if ((req.flags & (VM_WRITE | VM_SHARED | VM_STACK)) != VM_WRITE &&
	    (req.flags & VM_STACK) != VM_STACK)
		return 0;
	if (req.pages && vzbc_vm_refuse(VZBC_PRIVVMPAGES, &req))
		return vzbc_refuse(regs, vzbc_fail_false);
	return 0;
}

/* do_mlock(start, len, flags): mlock(2) and mlock2(2) */
static int vzbc_mlock(struct vzbc_probe *p, struct pt_regs *regs,
		      unsigned long pip)
{
	unsigned long start = vzbc_arg(regs, 0), len = vzbc_arg(regs, 1);
	struct vzbc_vm_req req = {
		.pages = PAGE_ALIGN(len + offset_in_page(start)) >> PAGE_SHIFT,
	};

	if (req.pages && vzbc_vm_refuse(VZBC_LOCKEDPAGES, &req))
		return vzbc_refuse(regs, vzbc_fail_enomem);
	return 0;
}

/*
 * numpty: opening /dev/ptmx takes an index from the devpts instance
 * (devpts_new_index(fsi)), creates the pty and its node
 * (devpts_pty_new(fsi, index, ...)) and gives the index back when the pty
 * is gone or the open failed (devpts_kill_index(fsi, index)). The charge
 * is made, or refused with ENOSPC, when the index is asked for, held on the
 * opening task until the index is known, then moved onto (fsi, index).
 */
#define VZBC_PTY_PENDING	VZBC_KEY_TAG(VZBC_NUMPTY, 1)
#define VZBC_PTY_INDEX(i)	VZBC_KEY_TAG(VZBC_NUMPTY, (unsigned long)(i) + 2)

/* pending pty charges: while there are none, a task free skips the lookup */
static atomic_t vzbc_pty_pending = ATOMIC_INIT(0);

static void vzbc_pty_pending_drop(const void *task)
{
	if (atomic_read(&vzbc_pty_pending) &&
	    vzbc_uncharge_obj(task, VZBC_PTY_PENDING))
		atomic_dec(&vzbc_pty_pending);
}

static int vzbc_pty_new_index(struct vzbc_probe *p, struct pt_regs *regs,
			      unsigned long pip)
{
	struct vzbc_ct *ct;

	vzbc_pty_pending_drop(current);		/* a failed earlier one */
	ct = vzbc_ct_get_current();
	if (!ct)
		return 0;
	if (vzbc_charge_obj_to(ct, current, VZBC_PTY_PENDING, 1, VZBC_HARD))
		return vzbc_refuse(regs, vzbc_fail_enospc);
	atomic_inc(&vzbc_pty_pending);
	return 0;
}

static int vzbc_pty_new(struct vzbc_probe *p, struct pt_regs *regs,
			unsigned long pip)
{
	const void *fsi = (void *)vzbc_arg(regs, 0);
	int index = vzbc_arg(regs, 1);
	struct vzbc_ct *ct;

	if (!atomic_read(&vzbc_pty_pending))
		return 0;
	ct = vzbc_obj_ct_get(current, VZBC_PTY_PENDING);
	if (!ct)
		return 0;
	vzbc_pty_pending_drop(current);
	vzbc_charge_obj_to(ct, fsi, VZBC_PTY_INDEX(index), 1, VZBC_FORCE);
	return 0;
}

static int vzbc_pty_kill_index(struct vzbc_probe *p, struct pt_regs *regs,
			       unsigned long pip)
{
	vzbc_uncharge_obj((void *)vzbc_arg(regs, 0), VZBC_PTY_INDEX(vzbc_arg(regs, 1)));
	vzbc_pty_pending_drop(current);		/* open failed midway */
	return 0;
}

/*
 * numflock: a lock the kernel keeps is always a copy of the request made
 * for it (locks_copy_lock(new, request) in flock_lock_inode() and
 * posix_lock_inode()), and every lock is released through
 * locks_release_private() when it is freed. The copy is charged there,
 * forced (it runs under the inode's lock list spinlock and cannot fail);
 * the request is refused earlier, with ENOLCK, at the file_lock LSM hook
 * that flock(2) and fcntl(F_SETLK*) pass, when the container already holds
 * its barrier. Unlock requests always pass.
 */
static int vzbc_flock_check(struct vzbc_probe *p, struct pt_regs *regs,
			    unsigned long pip)
{
	if (vzbc_arg(regs, 1) != F_UNLCK && vzbc_current_full(VZBC_NUMFLOCK))
		return vzbc_refuse(regs, vzbc_fail_enolck);
	return 0;
}

static int vzbc_flock_copy(struct vzbc_probe *p, struct pt_regs *regs,
			   unsigned long pip)
{
	vzbc_charge_obj((void *)vzbc_arg(regs, 0), VZBC_NUMFLOCK, 1, VZBC_FORCE);
	return 0;
}

static int vzbc_flock_release(struct vzbc_probe *p, struct pt_regs *regs,
			      unsigned long pip)
{
	vzbc_uncharge_obj((void *)vzbc_arg(regs, 0), VZBC_NUMFLOCK);
	return 0;
}

/*
 * A fork in a container at its numproc barrier is refused at the top of
 * copy_process(), before the task is built: a fork bomb then costs a
 * callback per attempt instead of a task_struct and a stack freed an RCU
 * grace period later, which a bomb on several CPUs can outrun until the
 * host runs out of memory. The charge itself stays at task_alloc.
 */
static int vzbc_fork_check(struct vzbc_probe *p, struct pt_regs *regs,
			   unsigned long pip)
{
	if (vzbc_current_full(VZBC_NUMPROC))
		return vzbc_refuse(regs, vzbc_fail_eagain_ptr);
	return 0;
}

/*
 * A task cloned straight into a cgroup (clone3() with CLONE_INTO_CGROUP, as
 * vzctl starts a container's init) belongs to that cgroup's container, not
 * to its parent's: before it runs, cgroup_post_fork(child, kargs) moves
 * its numproc charge there. The container's first task is counted like
 * every other, and may take it past its limit, as an entered task can.
 */
static int vzbc_post_fork(struct vzbc_probe *p, struct pt_regs *regs,
			  unsigned long pip)
{
	struct task_struct *child = (void *)vzbc_arg(regs, 0);
	struct kernel_clone_args *kargs = (void *)vzbc_arg(regs, 1);
	struct vzbc_ct *from, *to;

	if (!(kargs->flags & CLONE_INTO_CGROUP) || !kargs->cgrp)
		return 0;
	to = vzbc_ct_get_cgroup(kargs->cgrp);
	from = vzbc_obj_ct_get(child, VZBC_NUMPROC);
	if (from != to) {
		if (from)
			vzbc_uncharge_obj(child, VZBC_NUMPROC);
		if (to)	/* the record takes the reference over */
			vzbc_charge_obj_to(to, child, VZBC_NUMPROC, 1, VZBC_FORCE);
		to = NULL;
	}
	if (to)
		vzbc_ct_put(to);
	if (from)
		vzbc_ct_put(from);
	return 0;
}

/* a task gone: its numproc charge, and a pty charge left pending on it */
static int vzbc_task_free(struct vzbc_probe *p, struct pt_regs *regs,
			  unsigned long pip)
{
	const void *task = (void *)vzbc_arg(regs, 0);

	vzbc_uncharge_obj(task, VZBC_NUMPROC);
	vzbc_pty_pending_drop(task);
	return 0;
}

#define VZBC_PROBE(_sym, _handler) { .symbol = _sym, .handler = _handler }
#define VZBC_PAIR(_alloc, _free, _free_fn, _res, _fail)			\
	{ .symbol = _alloc, .handler = vzbc_hook_alloc, .res = _res, .fail = _fail }, \
	{ .symbol = _free, .handler = _free_fn, .res = _res }

static struct vzbc_probe vzbc_probes[] = {
	/* numproc: every task (process or thread) from copy_process() */
	VZBC_PROBE("copy_process", vzbc_fork_check),
	VZBC_PAIR("bpf_lsm_task_alloc", "bpf_lsm_task_free", vzbc_task_free,
		  VZBC_NUMPROC, vzbc_fail_eagain),
	VZBC_PROBE("cgroup_post_fork", vzbc_post_fork),
	/* numfile: every struct file */
	VZBC_PAIR("bpf_lsm_file_alloc_security", "bpf_lsm_file_free_security",
		  vzbc_hook_free, VZBC_NUMFILE, vzbc_fail_enfile),
	/* numtcpsock, numothersock */
	VZBC_PROBE("bpf_lsm_socket_post_create", vzbc_sock_create),
	VZBC_PROBE("bpf_lsm_inet_csk_clone", vzbc_sock_clone),
	VZBC_PROBE("bpf_lsm_sk_free_security", vzbc_sock_free),
	/* privvmpages, lockedpages */
	VZBC_PROBE("may_expand_vm", vzbc_may_expand),
	VZBC_PROBE("do_mlock", vzbc_mlock),
	/* numpty */
	VZBC_PROBE("devpts_new_index", vzbc_pty_new_index),
	VZBC_PROBE("devpts_pty_new", vzbc_pty_new),
	VZBC_PROBE("devpts_kill_index", vzbc_pty_kill_index),
	/* numflock */
	VZBC_PROBE("bpf_lsm_file_lock", vzbc_flock_check),
	VZBC_PROBE("locks_copy_lock", vzbc_flock_copy),
	VZBC_PROBE("locks_release_private", vzbc_flock_release),
};

static bool vzbc_probes_armed;

/*
 * Which probe an address belongs to. ftrace hands the callback the address
 * of the function's call site, which modules cannot look up by name
 * beforehand (kallsyms_lookup_name() is not exported); the first call of
 * each function names it with sprint_symbol_no_offset(), and the probe goes
 * into a small open-addressing table keyed by that address, so a later
 * call costs a hash and usually one compare.
 */
#define VZBC_IP_BITS	6
static struct vzbc_probe *vzbc_probe_by_ip[1 << VZBC_IP_BITS];

static void vzbc_probe_publish(struct vzbc_probe *p)
{
	unsigned int i, h = hash_long(p->ip, VZBC_IP_BITS);
	struct vzbc_probe *old;

	for (i = 0; i < ARRAY_SIZE(vzbc_probe_by_ip); i++) {
		/* p->ip is written before p can be found (cmpxchg orders it) */
		old = cmpxchg(&vzbc_probe_by_ip[h], NULL, p);
		if (!old || old == p)
			return;
		h = (h + 1) % ARRAY_SIZE(vzbc_probe_by_ip);
	}
}

static noinline struct vzbc_probe *vzbc_probe_learn(unsigned long ip)
{
	char name[KSYM_SYMBOL_LEN];
	unsigned int i;

	sprint_symbol_no_offset(name, ip);
	for (i = 0; i < ARRAY_SIZE(vzbc_probes); i++) {
		if (!strcmp(name, vzbc_probes[i].symbol)) {
			WRITE_ONCE(vzbc_probes[i].ip, ip);
			vzbc_probe_publish(&vzbc_probes[i]);
			return &vzbc_probes[i];
		}
	}
	return NULL;
}

static struct vzbc_probe *vzbc_probe_of(unsigned long ip)
{
	unsigned int i, h = hash_long(ip, VZBC_IP_BITS);
	struct vzbc_probe *p;

	for (i = 0; i < ARRAY_SIZE(vzbc_probe_by_ip); i++) {
		p = READ_ONCE(vzbc_probe_by_ip[h]);
		if (!p)
			break;
		if (READ_ONCE(p->ip) == ip)
			return p;
		h = (h + 1) % ARRAY_SIZE(vzbc_probe_by_ip);
	}
	return vzbc_probe_learn(ip);
}

/*
 * The registers ftrace saved at the function's entry: without
 * FTRACE_OPS_FL_SAVE_REGS only the argument registers, the stack pointer
 * and the instruction pointer, which is all the handlers read, and the
 * instruction pointer they set to refuse an event is taken on return from
 * the trampoline (HAVE_DYNAMIC_FTRACE_WITH_ARGS, as live patching uses it
 * on x86). 6.12 wraps them in its arch_ftrace_regs().
 */
static struct pt_regs *vzbc_fregs(struct ftrace_regs *fregs)
{
#ifdef arch_ftrace_regs
	return &arch_ftrace_regs(fregs)->regs;
#else
	return &fregs->regs;
#endif
}

static void notrace vzbc_ftrace_cb(unsigned long ip, unsigned long parent_ip,
				   struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct vzbc_probe *p = vzbc_probe_of(ip);

	if (p)
		p->handler(p, vzbc_fregs(fregs), parent_ip);
}

/*
 * One ftrace_ops for every probe: attaching and detaching it patches all
 * the functions in one go, and detaching waits for one set of RCU-tasks
 * grace periods instead of one per function. No SAVE_REGS: the lighter
 * trampoline saves only what the handlers use.
 */
static struct ftrace_ops vzbc_ops = {
	.func	= vzbc_ftrace_cb,
	.flags	= FTRACE_OPS_FL_IPMODIFY,
};

/* the ops' filter: every probe's function, which must exist */
static int vzbc_probes_init(void)
{
	unsigned char name[KSYM_NAME_LEN];
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(vzbc_probes); i++) {
		struct vzbc_probe *p = &vzbc_probes[i];

		strscpy(name, p->symbol, sizeof(name));	/* the parser cuts it up */
		ret = ftrace_set_filter(&vzbc_ops, name, strlen(name), i == 0);
		if (ret) {
			pr_err("cannot hook %s (%d): is it traceable on this kernel?\n",
			       p->symbol, ret);
			goto err_filter;
		}
	}
	return 0;

err_filter:
	ftrace_free_filter(&vzbc_ops);
	return ret;
}

int vzbc_hooks_init(void)
{
	int ret;

	vzbc_rec_cache = KMEM_CACHE(vzbc_rec, 0);
	if (!vzbc_rec_cache)
		return -ENOMEM;
	ret = vzbc_recs_init();
	if (ret)
		goto err_table;
	/* nothing is attached yet: vzbc_hooks_arm() does, for the first container */
	ret = vzbc_probes_init();
	if (ret)
		goto err_probes;
	return 0;

err_probes:
	kvfree(vzbc_recs);
err_table:
	kmem_cache_destroy(vzbc_rec_cache);
	return ret;
}

/*
 * The callbacks cost every task, file and socket of the host a trip through
 * an ftrace trampoline, so they are attached only while a container is
 * registered or an object is still charged (ct.c decides, under its mutex).
 */
int vzbc_hooks_arm(void)
{
	int ret;

	ret = register_ftrace_function(&vzbc_ops);
	if (ret) {
		pr_err("cannot attach the charge points (%d)\n", ret);
		return ret;
	}
	vzbc_probes_armed = true;
	return 0;
}

void vzbc_hooks_disarm(void)
{
	if (!vzbc_probes_armed)
		return;
	unregister_ftrace_function(&vzbc_ops);
	vzbc_probes_armed = false;
}

bool vzbc_hooks_busy(void)
{
	return atomic_long_read(&vzbc_nr_recs) != 0;
}

/*
 * Every charged object holds a module reference through its container, so
 * by the time the module can be unloaded no record is left.
 */
void vzbc_hooks_uninit(void)
{
	vzbc_hooks_disarm();
	ftrace_free_filter(&vzbc_ops);
	WARN_ON(atomic_long_read(&vzbc_nr_recs));
	kvfree(vzbc_recs);
	rcu_barrier();	/* the containers' frees */
	kmem_cache_destroy(vzbc_rec_cache);
}
