// SPDX-License-Identifier: GPL-2.0
/*
 * privvmpages and lockedpages: the container's address spaces' own
 * counters (data_vm + stack_vm, and locked_vm, summed over its processes
 * by a walk of its own tasks, res-task.c); a request that would take them
 * past the barrier is refused with ENOMEM. The sum is taken only when a
 * barrier is set.
 */
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/sched.h>

#include "vzbc.h"
#include "probe.h"

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

static bool vzbc_vm_refuse(unsigned int res, const struct vzbc_vm_req *req)
{
	struct vzbc_sums sums = { 0 };
	unsigned long used, barrier;
	struct vzbc_ct *ct;
	bool refuse;

	ct = vzbc_ct_get_current();
	if (!ct)
		return false;
	barrier = vzbc_bc_barrier(ct, res);
	refuse = false;
	if (barrier != VZBC_UNLIMITED) {
		vzbc_tasks_sum(ct, &sums, false);
		used = (res == VZBC_PRIVVMPAGES ? sums.privvm : sums.locked);
		refuse = used + req->pages > barrier || used + req->pages < used;
		if (!refuse)
			vzbc_bc_sample(ct, res, used + req->pages, 0, ULONG_MAX);
		else if (!vzbc_vm_refused_again(ct, req))
			vzbc_bc_refused(ct, res);
	}
	vzbc_ct_put(ct);
	return refuse;
}

/*
 * may_expand_vm(struct mm_struct *mm, vm_flags_t flags, unsigned long npages):
 * every growth of an address space asks it first (mmap, brk, mremap, a
 * stack growing down a page), and gets ENOMEM when it says no.
 * privvmpages is the address space's data_vm and stack_vm: the growths of
 * private writable mappings (MAP_NORESERVE ones included, which skip the
 * overcommit check) and of stacks.
 */
enum { EXPAND_MM, EXPAND_FLAGS, EXPAND_NPAGES, EXPAND_NARGS };

static __used notrace long vzbc_may_expand(const struct vzbc_call *call)
{
	struct vzbc_vm_req req = {
		.mm = vzbc_arg_ptr(call, EXPAND_MM),
		.flags = call->arg[EXPAND_FLAGS],
		.pages = call->arg[EXPAND_NPAGES],
		.pip = vzbc_call_pip(call, EXPAND_NARGS),
	};

	if ((req.flags & (VM_WRITE | VM_SHARED | VM_STACK)) != VM_WRITE &&
	    (req.flags & VM_STACK) != VM_STACK)
		return 0;
	return req.pages && vzbc_vm_refuse(VZBC_PRIVVMPAGES, &req);
}

/* do_mlock(unsigned long start, size_t len, vm_flags_t flags): mlock(2), mlock2(2) */
enum { MLOCK_START, MLOCK_LEN, MLOCK_FLAGS, MLOCK_NARGS };

static __used notrace long vzbc_mlock(const struct vzbc_call *call)
{
	unsigned long start = call->arg[MLOCK_START], len = call->arg[MLOCK_LEN];
	struct vzbc_vm_req req = {
		.pages = PAGE_ALIGN(len + offset_in_page(start)) >> PAGE_SHIFT,
	};

	if (req.pages && vzbc_vm_refuse(VZBC_LOCKEDPAGES, &req))
		return -ENOMEM;
	return 0;
}

VZBC_PROBE(may_expand, "may_expand_vm", vzbc_may_expand, 3, FALSE);
VZBC_PROBE(mlock, "do_mlock", vzbc_mlock, 3, ERRNO);

VZBC_PROBE_TABLE(vzbc_vm_probes, NULL, NULL, VZBC_ROW(may_expand), VZBC_ROW(mlock));
