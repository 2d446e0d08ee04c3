// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching the charge points (probe.h): each row's trampoline as an ftrace
 * direct call, or, where a BPF program already owns the function's direct
 * call, one shared ftrace_ops that finds the row by the call site and runs
 * the same handler.
 *
 * The costs, per call of a hooked function: a direct call is the
 * trampoline's few pushes and pops and one direct call; the shared
 * ftrace_ops adds ftrace's trampoline (saving every argument register),
 * its recursion guard, two indirect calls (retpolines where the CPU needs
 * them) and the lookup of the row, about 100 instructions more.
 *
 * Only one direct caller can own a function: a BPF LSM or fentry program
 * attached to one of these functions before vzbc arms makes that row use
 * the shared ftrace_ops (logged); one attached after gets EBUSY from the
 * kernel until vzbc disarms (no container registered, nothing charged,
 * disarm_delay_ms later). Loading the module with direct=0 (or writing 0
 * to the parameter before the next arming) puts every row on the shared
 * ftrace_ops, which leaves the functions to BPF.
 */
#include <linux/ftrace.h>
#include <linux/hash.h>
#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vzbc.h"
#include "probe.h"

/* every family's rows */
static const struct vzbc_probe_table *const vzbc_probe_tables[] = {
	&vzbc_task_probes,
	&vzbc_file_probes,
	&vzbc_sock_probes,
	&vzbc_vm_probes,
	&vzbc_pty_probes,
	&vzbc_view_probes,
};

#define for_each_probe(t, i, p)						\
	for (t = 0; t < ARRAY_SIZE(vzbc_probe_tables); t++)			\
		for (i = 0; i < vzbc_probe_tables[t]->n &&			\
		     (p = vzbc_probe_tables[t]->probes[i]); i++)

static bool direct = true;
module_param(direct, bool, 0644);
MODULE_PARM_DESC(direct,
		 "attach the charge points as ftrace direct calls (default); 0: through one ftrace_ops, leaving the functions to BPF programs (takes effect at the next arming)");

static unsigned int vzbc_nr_direct, vzbc_nr_ftrace;
static unsigned int vzbc_tables_armed;	/* how many tables' arm() ran */
static bool vzbc_rows_on;		/* the rows attached (under the mutex) */
static bool vzbc_use_direct;		/* direct, as the arming read it */

/* /sys/module/vzbc/parameters/attached: "direct N ftrace M" */
static int vzbc_attached_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "direct %u ftrace %u\n", READ_ONCE(vzbc_nr_direct),
			  READ_ONCE(vzbc_nr_ftrace));
}

static const struct kernel_param_ops vzbc_attached_ops = {
	.get = vzbc_attached_get,
};
module_param_cb(attached, &vzbc_attached_ops, NULL, 0444);
MODULE_PARM_DESC(attached, "charge points attached now, by how");

/*
 * Refusal stubs: a refused call "returns" through one of these, straight
 * to the hooked function's caller. ENDBR: the shared ftrace_ops' path
 * reaches them by a changed instruction pointer.
 */
asm(
"	.pushsection .text, \"ax\", @progbits\n"
"	.globl vzbc_ret_rax\n"
"	.type vzbc_ret_rax, @function\n"
"vzbc_ret_rax:\n"
	ASM_ENDBR
	ASM_RET
"	.size vzbc_ret_rax, .-vzbc_ret_rax\n"
"	.globl vzbc_ret_false\n"
"	.type vzbc_ret_false, @function\n"
"vzbc_ret_false:\n"
	ASM_ENDBR
"	xorl %eax, %eax\n"
	ASM_RET
"	.size vzbc_ret_false, .-vzbc_ret_false\n"
"	.popsection\n"
);

/* ------------------------------------------------------------ the fallback */

/* The nth argument register, which ftrace restores on return. */
static void notrace vzbc_regs_set_argument(struct pt_regs *regs, unsigned int n,
					   unsigned long val)
{
	static const size_t offs[] = {
		offsetof(struct pt_regs, di), offsetof(struct pt_regs, si),
		offsetof(struct pt_regs, dx), offsetof(struct pt_regs, cx),
		offsetof(struct pt_regs, r8), offsetof(struct pt_regs, r9),
	};

	if (n < ARRAY_SIZE(offs))	/* VZBC_DIVERT takes at most 5 */
		*(unsigned long *)((char *)regs + offs[n]) = val;
}

/*
 * Which row a call site belongs to, for the shared ftrace_ops. ftrace
 * hands the callback the address of the function's call site, which the
 * row's address (vzbc_probes_resolve()) need not be, and ftrace_location()
 * is not exported: the first call of each function names it, and the row
 * goes into a small open-addressing table keyed by that address.
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
	struct vzbc_probe *p;
	unsigned int t, i;

	sprint_symbol_no_offset(name, ip);
	for_each_probe(t, i, p) {
		if (!strcmp(name, p->symbol)) {
			WRITE_ONCE(p->ip, ip);
			vzbc_probe_publish(p);
			return p;
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
 * The shared ftrace_ops' callback: the row's handler with the same
 * struct vzbc_call a trampoline builds; a refusal sets the instruction
 * pointer and rax the trampoline returns with (IPMODIFY, as live patching
 * does; ftrace restores rax and takes the instruction pointer on return).
 */
static void notrace vzbc_ftrace_cb(unsigned long ip, unsigned long parent_ip,
				   struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = vzbc_ftrace_pt_regs(fregs);
	struct vzbc_probe *p = vzbc_probe_of(ip);
	struct vzbc_call call;
	unsigned int i;
	long ret;

	if (!p)
		return;
	for (i = 0; i < p->nargs; i++)
		call.arg[i] = regs_get_kernel_argument(regs, i);
	call.arg[p->nargs] = ip;
	call.arg[p->nargs + 1] = parent_ip;
	ret = p->handler(&call);
	if (!ret || p->refuse == VZBC_REFUSE_NEVER)
		return;
	if (p->refuse == VZBC_REFUSE_DIVERT) {
		vzbc_regs_set_argument(regs, p->nargs, ret);
		instruction_pointer_set(regs, (unsigned long)p->divert);
		return;
	}
	regs->ax = p->refuse == VZBC_REFUSE_FALSE ? 0 : ret;
	instruction_pointer_set(regs, (unsigned long)vzbc_ret_rax);
}

/* No SAVE_REGS: ftrace's lighter trampoline saves what handlers use. */
static struct ftrace_ops vzbc_fallback_ops = {
	.func	= vzbc_ftrace_cb,
	.flags	= FTRACE_OPS_FL_IPMODIFY,
};

static int vzbc_fallback_add(struct vzbc_probe *p)
{
	return ftrace_set_filter_ip(&vzbc_fallback_ops, p->addr, 0, !vzbc_nr_ftrace);
}

/* ------------------------------------------------------------ arming */

static void vzbc_probe_detach(struct vzbc_probe *p)
{
	if (p->mode == VZBC_PROBE_DIRECT)
		WARN_ON(vzbc_direct_unregister(&p->ops, p->tramp));
	p->mode = VZBC_PROBE_OFF;
}

/* One row: its direct call, or the shared ftrace_ops' filter. */
static int vzbc_probe_attach(struct vzbc_probe *p)
{
	int ret;

	ret = vzbc_use_direct ? vzbc_direct_register(&p->ops, p->tramp) : -EBUSY;
	if (!ret) {
		p->mode = VZBC_PROBE_DIRECT;
		vzbc_nr_direct++;
		return 0;
	}
	if (ret != -EBUSY)
		return ret;
	if (vzbc_use_direct)
		pr_info("%s has another direct caller (a BPF program?): hooked through ftrace_ops\n",
			p->symbol);
	ret = vzbc_fallback_add(p);
	if (ret)
		return ret;
	p->mode = VZBC_PROBE_FTRACE;
	vzbc_nr_ftrace++;
	return 0;
}

/*
 * An on-demand row (probe.h) is wanted from now on: attached now if the
 * rows are, and at every arming after. Under the registry's mutex.
 */
int vzbc_probe_want(struct vzbc_probe *p)
{
	bool fallback_on = vzbc_nr_ftrace;
	int ret;

	p->wanted = true;
	if (!vzbc_rows_on || p->mode != VZBC_PROBE_OFF)
		return 0;
	ret = vzbc_probe_attach(p);
	if (ret || p->mode != VZBC_PROBE_FTRACE || fallback_on)
		return ret;
	ret = register_ftrace_function(&vzbc_fallback_ops);
	if (ret) {
		p->mode = VZBC_PROBE_OFF;
		vzbc_nr_ftrace--;
	}
	return ret;
}

/*
 * The callbacks cost every task, file and socket of the host a trip through
 * a trampoline, so they are attached only while a container is registered
 * or an object is still charged (ct.c decides, under its mutex).
 */
int vzbc_probes_arm(void)
{
	struct vzbc_probe *p;
	unsigned int t, i;
	int ret;

	vzbc_use_direct = READ_ONCE(direct);
	vzbc_nr_direct = vzbc_nr_ftrace = 0;
	for_each_probe(t, i, p) {
		if (p->on_demand && !p->wanted)
			continue;
		ret = vzbc_probe_attach(p);
		if (ret)
			goto err_attach;
	}
	if (vzbc_nr_ftrace) {
		ret = register_ftrace_function(&vzbc_fallback_ops);
		if (ret)
			goto err_attach;
	}
	for (t = 0; t < ARRAY_SIZE(vzbc_probe_tables); t++) {
		ret = vzbc_probe_tables[t]->arm ? vzbc_probe_tables[t]->arm() : 0;
		if (ret)
			goto err_table;
		vzbc_tables_armed++;
	}
	vzbc_rows_on = true;
	return 0;

err_attach:
	pr_err("cannot attach %s (%d)\n", p->symbol, ret);
	vzbc_nr_ftrace = 0;
	vzbc_probes_disarm();
	return ret;
err_table:
	pr_err("cannot attach the charge points' helpers (%d)\n", ret);
	vzbc_probes_disarm();
	return ret;
}

void vzbc_probes_disarm(void)
{
	struct vzbc_probe *p;
	unsigned int t, i;

	vzbc_rows_on = false;
	while (vzbc_tables_armed) {
		const struct vzbc_probe_table *table = vzbc_probe_tables[--vzbc_tables_armed];

		if (table->disarm)
			table->disarm();
	}
	/* the filters stay: the next arming replaces or reuses them */
	if (vzbc_nr_ftrace)
		WARN_ON(unregister_ftrace_function(&vzbc_fallback_ops));
	for_each_probe(t, i, p)
		vzbc_probe_detach(p);
	WRITE_ONCE(vzbc_nr_direct, 0);
	WRITE_ONCE(vzbc_nr_ftrace, 0);
}

/*
 * Each row's function by address. Kprobes look a name up in kallsyms
 * once; ftrace_set_filter() by name asks kallsyms for the name of every
 * traceable function of the kernel and of each module, a module's one by
 * a walk of its symbols: seconds per row under TCG, more with every
 * module loaded. The kprobes are registered disabled (never armed) and
 * go in one grace period.
 */
static int vzbc_probes_resolve(unsigned int n)
{
	struct kprobe *kps, **kpp;
	struct vzbc_probe *p;
	unsigned int t, i, k = 0;
	int ret = 0;

	kps = kcalloc(n, sizeof(*kps), GFP_KERNEL);
	kpp = kcalloc(n, sizeof(*kpp), GFP_KERNEL);
	if (!kps || !kpp) {
		ret = -ENOMEM;
		goto out;
	}
	for_each_probe(t, i, p) {
		kps[k].symbol_name = p->symbol;
		kps[k].flags = KPROBE_FLAG_DISABLED;
		ret = register_kprobe(&kps[k]);
		if (ret) {
			pr_err("cannot look %s up (%d): is it in this kernel?\n", p->symbol, ret);
			break;
		}
		p->addr = (unsigned long)kps[k].addr;
		kpp[k] = &kps[k];
		k++;
	}
	if (k)
		unregister_kprobes(kpp, k);
out:
	kfree(kpp);
	kfree(kps);
	return ret;
}

/* Each row's filter: its function, which must exist and be traceable. */
int vzbc_probes_init(void)
{
	struct vzbc_probe *p;
	unsigned int t, i, n = 0;
	int ret;

	for_each_probe(t, i, p)
		n++;
	ret = vzbc_probes_resolve(n);
	if (ret)
		return ret;
	for_each_probe(t, i, p) {
		ret = ftrace_set_filter_ip(&p->ops, p->addr, 0, 1);
		if (ret) {
			pr_err("cannot hook %s (%d): is it traceable on this kernel?\n",
			       p->symbol, ret);
			goto err_filter;
		}
	}
	return 0;

err_filter:
	vzbc_probes_uninit();
	return ret;
}

/*
 * After the last detach, a task may still be inside a trampoline or a
 * handler (they run preemptible where the hooked function does): the
 * module's text stays until every task has passed a voluntary switch.
 */
void vzbc_probes_uninit(void)
{
	struct vzbc_probe *p;
	unsigned int t, i;

	vzbc_probes_disarm();
	ftrace_free_filter(&vzbc_fallback_ops);
	for_each_probe(t, i, p)
		ftrace_free_filter(&p->ops);
	synchronize_rcu_tasks();
}
