/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Charge points: kernel functions at whose entry vzbc runs a handler, which
 * may let the call go on or refuse it (the function then returns at once
 * with the handler's answer, its body never runs).
 *
 * A file declares each as a row, at file scope:
 *
 *	VZBC_PROBE(name, "kernel_function", handler, nargs, kind);
 *
 * nargs: how many arguments the function takes (0 to 6): the trampoline
 * keeps them all across the handler, which reads those it needs from
 * call->arg[], named by an enum next to the row; kind: NEVER (the
 * handler never refuses), ERRNO (a non-zero return is the function's
 * return value: a negative errno, or an ERR_PTR) or FALSE (a non-zero
 * return makes a bool function return false). A row may instead send
 * the call elsewhere:
 *
 *	VZBC_DIVERT(name, "kernel_function", handler, nargs, replacement);
 *
 * where a non-zero answer of the handler makes the call go to
 * replacement instead of the function: replacement takes the function's
 * nargs arguments (at most 5) and then the answer, returns what the
 * function returns, straight to its caller, and runs as the function
 * would have, outside the trampoline: it may sleep where the function
 * may. The module must stay loaded until it returns: the answer holds
 * what keeps it (a container reference, which holds the module) and the
 * replacement drops that last. The file then lists its rows in a table,
 *
 *	VZBC_PROBE_TABLE(vzbc_<family>_probes, &name, ...);
 *
 * declared in vzbc.h and added to vzbc_probe_tables[] in probe.c, which
 * attaches every row while a container is registered or charged.
 *
 * Each row gets its own trampoline, which ftrace calls directly from the
 * function's first instruction (a direct call, as BPF trampolines are):
 * it saves the arguments, calls the handler, restores them, and either
 * returns into the function or, to refuse, returns through a stub that
 * gives the caller the handler's answer. Where another direct caller (a
 * BPF program) already owns the function, the row is attached through one
 * shared ftrace_ops instead, which calls the same handler with the same
 * struct vzbc_call (see probe.c).
 *
 * Handlers run in the hooked function's context: any, from process to
 * interrupt, preemptible or not; they must not sleep, and must not call
 * a hooked function.
 */
#ifndef VZBC_PROBE_H
#define VZBC_PROBE_H

#include <linux/ftrace.h>
#include <linux/stringify.h>

#include "compat.h"

#define VZBC_MAX_ARGS	6

/*
 * What the trampoline hands a handler, laid out by its pushes: the
 * function's nargs arguments, then the trampoline's return address (into
 * the function), then the function's own (vzbc_call_pip()).
 */
struct vzbc_call {
	unsigned long arg[VZBC_MAX_ARGS + 2];
};

enum vzbc_refuse {
	VZBC_REFUSE_NEVER,
	VZBC_REFUSE_ERRNO,
	VZBC_REFUSE_FALSE,
	VZBC_REFUSE_DIVERT,		/* to the row's replacement */
};

enum vzbc_probe_mode {
	VZBC_PROBE_OFF,
	VZBC_PROBE_DIRECT,		/* its trampoline, called directly */
	VZBC_PROBE_FTRACE,		/* the shared ftrace_ops (the fallback) */
};

typedef long (*vzbc_handler_t)(const struct vzbc_call *call);

struct vzbc_probe {
	const char *symbol;
	vzbc_handler_t handler;
	unsigned int nargs;
	enum vzbc_refuse refuse;
	void *divert;			/* DIVERT: the replacement */
	bool on_demand;			/* attached once vzbc_probe_want()ed */
	bool wanted;			/* under the registry's mutex */
	void (*tramp)(void);
	struct ftrace_ops ops;		/* its direct call */
	enum vzbc_probe_mode mode;	/* under probe.c's arming */
	unsigned long ip;		/* as the shared ftrace_ops reports it */
	unsigned long addr;		/* in its function, from vzbc_probes_init() */
};

struct vzbc_probe_table {
	struct vzbc_probe *const *probes;
	unsigned int n;
	int (*arm)(void);		/* more to attach with the rows, or NULL */
	void (*disarm)(void);
};

int vzbc_probe_want(struct vzbc_probe *p);

/* refusal stubs (probe.c): return rax, or false */
void vzbc_ret_rax(void);
void vzbc_ret_false(void);

/* the argument registers, pushed so that arg[0] ends up first */
#define VZBC_PUSH_0 ""
#define VZBC_PUSH_1 "	pushq %rdi\n"
#define VZBC_PUSH_2 "	pushq %rsi\n" VZBC_PUSH_1
#define VZBC_PUSH_3 "	pushq %rdx\n" VZBC_PUSH_2
#define VZBC_PUSH_4 "	pushq %rcx\n" VZBC_PUSH_3
#define VZBC_PUSH_5 "	pushq %r8\n" VZBC_PUSH_4
#define VZBC_PUSH_6 "	pushq %r9\n" VZBC_PUSH_5
#define VZBC_POP_0 ""
#define VZBC_POP_1 "	popq %rdi\n"
#define VZBC_POP_2 VZBC_POP_1 "	popq %rsi\n"
#define VZBC_POP_3 VZBC_POP_2 "	popq %rdx\n"
#define VZBC_POP_4 VZBC_POP_3 "	popq %rcx\n"
#define VZBC_POP_5 VZBC_POP_4 "	popq %r8\n"
#define VZBC_POP_6 VZBC_POP_5 "	popq %r9\n"

/*
 * The trampoline's last part. To refuse, its return address (into the
 * hooked function, just past the call ftrace patched in) is replaced by a
 * stub's: the stub's own return then goes straight to the function's
 * caller, with the answer in rax. r11 is free at a function's entry.
 */
#define VZBC_TAIL_NEVER ASM_RET
#define VZBC_TAIL_REFUSING(stub)					\
	"	testq %rax, %rax\n"						\
	"	jnz 1f\n"							\
	ASM_RET								\
	"1:	leaq " #stub "(%rip), %r11\n"					\
	"	movq %r11, (%rsp)\n"						\
	ASM_RET
#define VZBC_TAIL_ERRNO VZBC_TAIL_REFUSING(vzbc_ret_rax)
#define VZBC_TAIL_FALSE VZBC_TAIL_REFUSING(vzbc_ret_false)

/*
 * To divert, the answer becomes the argument after the function's own,
 * and the return address the replacement's: the replacement then runs
 * with the function's arguments and returns to the function's caller.
 */
#define VZBC_ARG_REG_0 "%rdi"
#define VZBC_ARG_REG_1 "%rsi"
#define VZBC_ARG_REG_2 "%rdx"
#define VZBC_ARG_REG_3 "%rcx"
#define VZBC_ARG_REG_4 "%r8"
#define VZBC_ARG_REG_5 "%r9"
#define VZBC_TAIL_DIVERT(nargs, replacement)				\
	"	testq %rax, %rax\n"						\
	"	jnz 1f\n"							\
	ASM_RET								\
	"1:	movq %rax, " VZBC_ARG_REG_##nargs "\n"				\
	"	leaq " #replacement "(%rip), %r11\n"				\
	"	movq %r11, (%rsp)\n"						\
	ASM_RET

#ifdef CONFIG_FRAME_POINTER
#error "vzbc's trampolines keep no frame pointer: the kernel must unwind by ORC"
#endif

/*
 * The host's pass at a trampoline's head (VZBC_PROBE_CT; VZBC_DIVERT_VIEW
 * after its own test of the pid namespace): the compare of
 * vzbc_ct_current() on its per-CPU cache, inline, with preemption off
 * around it (and on again without a reschedule, as
 * preempt_enable_no_resched(): the caller meets one soon enough). When
 * the cache says the current task is the host's, the function goes on at
 * once; anything else (a container's task, an entry not yet or no longer
 * good) goes on to the handler, which looks again. As in
 * vzbc_ct_current(), the entry's three words are read one by one: good
 * while no interrupt refills this CPU's entry (no lookup runs in one
 * today). The offsets are VZBC_CT_ASM_OFFSETS()'s; r11 is free at a
 * function's entry.
 */
#define VZBC_HEAD_HOST_PASS							\
	"	incl " VZBC_ASM_PREEMPT_COUNT "\n"					\
	"	movq " VZBC_ASM_CURRENT ", %r11\n"					\
	"	movq vzbc_off_task_cgroups(%r11), %r11\n"				\
	"	movq vzbc_off_cset_dfl_cgrp(%r11), %r11\n"				\
	"	movq vzbc_off_cgroup_kn(%r11), %r11\n"					\
	"	movq vzbc_off_kn_id(%r11), %r11\n"					\
	"	cmpq %r11, %gs:vzbc_ct_cache+vzbc_off_cache_cgid\n"			\
	"	jne 2f\n"								\
	"	movq vzbc_ct_gen(%rip), %r11\n"					\
	"	cmpq %r11, %gs:vzbc_ct_cache+vzbc_off_cache_gen\n"			\
	"	jne 2f\n"								\
	"	cmpq $0, %gs:vzbc_ct_cache+vzbc_off_cache_ct\n"			\
	"	jne 2f\n"								\
	"	decl " VZBC_ASM_PREEMPT_COUNT "\n"					\
	ASM_RET									\
	"2:	decl " VZBC_ASM_PREEMPT_COUNT "\n"

/*
 * The view's host pass (VZBC_DIVERT_VIEW): first, a reader in the host's
 * own pid namespace (its pid's level 0) is the host's, whatever its cgroup
 * (vzbc.h's vzbc_view_host_task() says why that is the view's rule), and
 * goes on at once, without preemption off: a running task's pid changes
 * only in its own exec or exit (another thread's exec changes a leader's
 * once that has exited). Its pid is there: the view's rows are system
 * calls and /proc reads, which a task makes only before its exit reaps
 * it. Any other reader then takes VZBC_HEAD_HOST_PASS's compare.
 */
#define VZBC_HEAD_VIEW_PASS							\
	"	movq " VZBC_ASM_CURRENT ", %r11\n"					\
	"	movq vzbc_off_task_thread_pid(%r11), %r11\n"			\
	"	cmpl $0, vzbc_off_pid_level(%r11)\n"				\
	"	jne 3f\n"								\
	ASM_RET									\
	"3:\n"									\
	VZBC_HEAD_HOST_PASS

#define VZBC_TRAMP_ASM(tramp, head, handler, nargs, tail)		\
	"	.pushsection .text, \"ax\", @progbits\n"			\
	"	.type " #tramp ", @function\n"					\
	#tramp ":\n"								\
	ASM_ENDBR								\
	CALL_DEPTH_ACCOUNT							\
	head									\
	VZBC_PUSH_##nargs							\
	"	movq %rsp, %rdi\n"						\
	"	call " #handler "\n"						\
	VZBC_POP_##nargs							\
	tail									\
	"	.size " #tramp ", .-" #tramp "\n"				\
	"	.popsection\n"

/*
 * A row. handler is a static function of the same file, declared
 * __used (only the trampoline's asm calls it by name besides the row)
 * and notrace (ftrace has no business in it).
 */
#define __VZBC_PROBE(_name, _symbol, _handler, _nargs, _kind, _head)	\
	void vzbc_tramp_##_name(void);						\
	asm(VZBC_TRAMP_ASM(vzbc_tramp_##_name, _head, _handler, _nargs,	\
			   VZBC_TAIL_##_kind));					\
	static struct vzbc_probe vzbc_probe_##_name = {			\
		.symbol = _symbol,						\
		.handler = _handler,						\
		.nargs = _nargs,						\
		.refuse = VZBC_REFUSE_##_kind,					\
		.tramp = vzbc_tramp_##_name,					\
	}

#define VZBC_PROBE(_name, _symbol, _handler, _nargs, _kind)		\
	__VZBC_PROBE(_name, _symbol, _handler, _nargs, _kind, "")

/*
 * A charging row whose handler does nothing for the host's tasks (it
 * charges the current task's container, found by vzbc_ct_current()):
 * the host's calls go on from the trampoline's head (VZBC_HEAD_HOST_PASS)
 * without a push or a call. The file has VZBC_CT_ASM_OFFSETS() once.
 */
#define VZBC_PROBE_CT(_name, _symbol, _handler, _nargs, _kind)		\
	__VZBC_PROBE(_name, _symbol, _handler, _nargs, _kind, VZBC_HEAD_HOST_PASS)

/*
 * A diverting row. replacement is a static function of the same file,
 * declared __used, with the function's arguments and a long after them.
 */
#define __VZBC_DIVERT(_name, _symbol, _handler, _nargs, _replacement, _later, _head) \
	void vzbc_tramp_##_name(void);						\
	asm(VZBC_TRAMP_ASM(vzbc_tramp_##_name, _head, _handler, _nargs,	\
			   VZBC_TAIL_DIVERT(_nargs, _replacement)));		\
	static struct vzbc_probe vzbc_probe_##_name = {			\
		.symbol = _symbol,						\
		.handler = _handler,						\
		.nargs = _nargs,						\
		.refuse = VZBC_REFUSE_DIVERT,					\
		.divert = _replacement,						\
		.on_demand = _later,						\
		.tramp = vzbc_tramp_##_name,					\
	}
#define VZBC_DIVERT(_name, _symbol, _handler, _nargs, _replacement)	\
	__VZBC_DIVERT(_name, _symbol, _handler, _nargs, _replacement, false, "")

/*
 * A diverting row of the view, for its containers' tasks only: the
 * host's calls go on from the trampoline's head (VZBC_HEAD_VIEW_PASS),
 * without the handler, whose answer for them must be 0. Only for system
 * calls and /proc reads: the head reads current's pid unchecked, which a
 * reaped task (a kernel path of its exit) no longer has. The file has
 * VZBC_CT_ASM_OFFSETS() once.
 */
#define VZBC_DIVERT_VIEW(_name, _symbol, _handler, _nargs, _replacement)	\
	__VZBC_DIVERT(_name, _symbol, _handler, _nargs, _replacement, false,	\
		      VZBC_HEAD_VIEW_PASS)

/*
 * A diverting row attached only once something needs it: the callers of
 * the function then pay nothing until vzbc_probe_want(row), under the
 * registry's mutex, attaches it (at once if the rows are attached, and
 * at every arming after).
 */
#define VZBC_DIVERT_ON_DEMAND(_name, _symbol, _handler, _nargs, _replacement) \
	__VZBC_DIVERT(_name, _symbol, _handler, _nargs, _replacement, true, "")

/* a row, as its table lists it */
#define VZBC_ROW(_name) (&vzbc_probe_##_name)

#define VZBC_PROBE_TABLE(_table, _arm, _disarm, ...)			\
	static struct vzbc_probe *const _table##_rows[] = { __VA_ARGS__ };	\
	const struct vzbc_probe_table _table = {				\
		.probes = _table##_rows,					\
		.n = ARRAY_SIZE(_table##_rows),					\
		.arm = _arm,							\
		.disarm = _disarm,						\
	}

/* An argument as a pointer, for the rows' handlers. */
static inline void *vzbc_arg_ptr(const struct vzbc_call *call, unsigned int n)
{
	return (void *)call->arg[n];
}

/* Where the hooked function (of nargs arguments) returns to. */
static inline unsigned long vzbc_call_pip(const struct vzbc_call *call,
					  unsigned int nargs)
{
	return call->arg[nargs + 1];
}

#endif /* VZBC_PROBE_H */
