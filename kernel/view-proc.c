// SPDX-License-Identifier: GPL-2.0
/*
 * The files a container's tasks read about the machine, shown from the
 * container's own figures (view.c, loadavg.c) when its view has the part:
 *
 *   meminfo_proc_show	/proc/meminfo			MEMINFO
 *   swap_show		/proc/swaps			MEMINFO
 *   __x64_sys_sysinfo	sysinfo(2)			MEMINFO
 *   __ia32_compat_sys_sysinfo	a 32-bit task's sysinfo(2)	MEMINFO
 *   get_avenrun	sysinfo(2)'s loads		LOADAVG
 *   loadavg_proc_show	/proc/loadavg			LOADAVG
 *   uptime_proc_show	/proc/uptime			UPTIME
 *   show_stat		/proc/stat			CPU
 *   show_cpuinfo	/proc/cpuinfo, one CPU		CPU
 *
 * Each is a diverting row (probe.h): the host's readers go on into the
 * function from the trampoline, after a test of their pid namespace (a
 * reader in the host's own is the host's: vzbc_view_host_task()) or else
 * the compare on a per-CPU cache (VZBC_DIVERT_VIEW; get_avenrun's row is
 * attached only when needed, see below); for the others the handler
 * finds the reader's container and answers with a reference to it; the
 * replacement then prints the container's file in the function's place,
 * in the same format, and drops the reference. The replacements run in
 * the reader's context and may sleep: they read the container's cgroup
 * files. show_cpuinfo's replacement prints nothing for a CPU the view
 * does not show, which the handler decides, and re-reads a stale CPU
 * count before the CPU is shown again.
 *
 * sysinfo(2) as a whole follows MEMINFO (its memory, swap and process
 * count; its loads follow LOADAVG either way, through get_avenrun); the
 * uptimes and the boot time stay the kernel's, which follow the reader's
 * time namespace. The kernel inlines do_sysinfo() into the system calls,
 * so the rows are the system calls themselves: the 64-bit one and, where
 * the kernel runs 32-bit programs (IA32_EMULATION), the i386 one, which
 * gives the same figures in 32-bit fields, scaled as the kernel scales
 * them when they do not fit. sysinfo(2)'s replacements show the loads
 * themselves: get_avenrun's row answers only views of the loads without
 * the memory, and is attached only once there is one (the host's
 * sysinfo(2) and /proc/loadavg do not pass it until then).
 */
#include <linux/cgroup.h>
#include <linux/compat.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/hugetlb.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/pid_namespace.h>
#include <linux/sched/loadavg.h>
#include <linux/seq_file.h>
#include <linux/time_namespace.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <asm/compat.h>
#include <asm/processor.h>
#include <asm/syscall.h>

#include "vzbc.h"
#include "probe.h"

/* ------------------------------------------------------------ handlers */

/* The reader's container, when it shows part; a reference as the answer. */
static __used notrace long vzbc_view_enter_mem(const struct vzbc_call *call)
{
	struct vzbc_ct *ct = vzbc_view_current(VZBC_VIEW_MEMINFO);

	/* without a memory cgroup of its own, it has no figures to show */
	if (unlikely(ct) && !vzbc_cgroup_has_memcg(ct->cgrp)) {
		vzbc_ct_put(ct);
		ct = NULL;
	}
	return (long)ct;
}

static __used notrace long vzbc_view_enter_load(const struct vzbc_call *call)
{
	return (long)vzbc_view_current(VZBC_VIEW_LOADAVG);
}

/*
 * get_avenrun() serves sysinfo(2) and /proc/loadavg, both diverted for a
 * container that shows its loads and its memory: its row is needed, and
 * attached, only once a view shows the loads alone (vzbc_view_parts_prepare()).
 */
static __used notrace long vzbc_view_enter_avenrun(const struct vzbc_call *call)
{
	return (long)vzbc_view_current(VZBC_VIEW_LOADAVG);
}

static __used notrace long vzbc_view_enter_uptime(const struct vzbc_call *call)
{
	return (long)vzbc_view_current(VZBC_VIEW_UPTIME);
}

static __used notrace long vzbc_view_enter_cpu(const struct vzbc_call *call)
{
	return (long)vzbc_view_current(VZBC_VIEW_CPU);
}

/* show_cpuinfo(struct seq_file *m, void *v): v is the CPU's cpuinfo_x86 */
enum { CPUINFO_M, CPUINFO_V, CPUINFO_NARGS };

#define VZBC_CPUINFO_HIDDEN	1L	/* else a container to re-read the count of */

/*
 * A CPU the view does not show is hidden; when the container's CPU count
 * is stale, the replacement has it re-read first (which sleeps, as the
 * handler may not) and the CPU is shown again, with the count re-read.
 */
static __used notrace long vzbc_view_enter_cpuinfo(const struct vzbc_call *call)
{
	const struct cpuinfo_x86 *c = vzbc_arg_ptr(call, CPUINFO_V);
	struct vzbc_ct *ct;
	long answer = 0;

	if (vzbc_view_host_task())
		return 0;
	preempt_disable_notrace();
	ct = vzbc_ct_current();
	if (unlikely(ct) && (READ_ONCE(ct->view.parts) & VZBC_VIEW_CPU)) {
		if (vzbc_view_cpus_stale(ct))
			answer = (long)vzbc_view_hold(ct, VZBC_VIEW_CPU);
		else if (!vzbc_view_cpu_shown(ct, c->cpu_index))
			answer = VZBC_CPUINFO_HIDDEN;
	}
	preempt_enable_notrace();
	return answer;
}

static struct vzbc_ct *vzbc_answer_ct(long answer)
{
	return (struct vzbc_ct *)answer;
}

/*
 * A replacement runs under its seq_file's lock and reads the container's
 * cgroup files, seq_files too (kernfs), whose locks are of the same
 * lockdep class: theirs nest in its (nothing reads a /proc file under a
 * cgroup file's lock). Set around the reads, back to 0 after.
 */
static void vzbc_seq_nest(struct seq_file *m, unsigned int subclass)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	lock_set_subclass(&m->lock.dep_map, subclass, _THIS_IP_);
#endif
}

/*
 * delimiter, then whole.hundredths ("%lu.%02lu"), by hand as
 * vzbc_show_kb(): seq_printf() parses its format at every call.
 * hundredths: below 100.
 */
static void vzbc_put_hundredths(struct seq_file *m, const char *delimiter,
				unsigned long long whole, unsigned int hundredths)
{
	char frac[3] = { '.', '0' + hundredths / 10 % 10, '0' + hundredths % 10 };

	seq_put_decimal_ull(m, delimiter, whole);
	seq_write(m, frac, sizeof(frac));
}

/* ------------------------------------------------------------ memory */

/* a string literal, without its length counted at each call */
#define vzbc_seq_lit(m, s)	seq_write(m, s, sizeof(s) - 1)

/*
 * "name%8lu kB\n", as the kernel's meminfo shows a figure, name 16
 * characters: written into m's buffer by hand, a figure of up to 8 digits
 * straight into its padded place. The kernel's helper for the padded
 * number is not exported, and seq_printf() or seq_puts() and seq_write()
 * for each part cost more than the rest of the file.
 */
static void __vzbc_show_kb(struct seq_file *m, const char *name, unsigned long kb)
{
	size_t need = kb < 100000000 ? 28 : 16 + 20 + 4, digits;
	char num[20], *p, *dst;

	if (seq_get_buf(m, &dst) < need) {
		seq_commit(m, -1);	/* overflowed: shown in a larger buffer */
		return;
	}
	memcpy(dst, name, 16);
	if (kb < 100000000) {
		memcpy(dst + 16, "        ", 8);
		vzbc_put_decimal(dst + 24, kb);
		memcpy(dst + 24, " kB\n", 4);
		seq_commit(m, 28);
		return;
	}
	p = vzbc_put_decimal(num + sizeof(num), kb);
	digits = num + sizeof(num) - p;
	memcpy(dst + 16, p, digits);
	memcpy(dst + 16 + digits, " kB\n", 4);
	seq_commit(m, 20 + digits);
}

#define vzbc_show_kb(m, name, pages) ({					\
	static_assert(sizeof(name) == 17);				\
	__vzbc_show_kb(m, name, (unsigned long)(pages) << (PAGE_SHIFT - 10)); \
})

/* what the host's file has after, none of it the container's */
static void vzbc_meminfo_tail(struct seq_file *m)
{
	if (vzbc_meminfo_has_unaccepted())
		vzbc_show_kb(m, "Unaccepted:     ", 0);
	if (IS_ENABLED(CONFIG_HUGETLB_PAGE)) {
		vzbc_seq_lit(m, "HugePages_Total:       0\nHugePages_Free:        0\n"
			     "HugePages_Rsvd:        0\nHugePages_Surp:        0\n");
		__vzbc_show_kb(m, "Hugepagesize:   ", HPAGE_SIZE >> 10);
		vzbc_show_kb(m, "Hugetlb:        ", 0);
	}
}

static __used int vzbc_view_meminfo(struct seq_file *m, void *v, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);
	struct vzbc_view_mem mem, *vm = &mem;
	unsigned long *s = vm->stat;

	vzbc_seq_nest(m, SINGLE_DEPTH_NESTING);
	vzbc_view_mem(ct, vm, VZBC_VM_STAT | VZBC_VM_SUMS);
	vzbc_seq_nest(m, 0);

	vzbc_show_kb(m, "MemTotal:       ", vm->total);
	vzbc_show_kb(m, "MemFree:        ", vm->free);
	vzbc_show_kb(m, "MemAvailable:   ", vm->avail);
	vzbc_show_kb(m, "Buffers:        ", 0);
	vzbc_show_kb(m, "Cached:         ", s[VZBC_MS_FILE] -
		     min(s[VZBC_MS_SWAPCACHED], s[VZBC_MS_FILE]));
	vzbc_show_kb(m, "SwapCached:     ", s[VZBC_MS_SWAPCACHED]);
	vzbc_show_kb(m, "Active:         ", s[VZBC_MS_ACTIVE_ANON] +
		     s[VZBC_MS_ACTIVE_FILE]);
	vzbc_show_kb(m, "Inactive:       ", s[VZBC_MS_INACTIVE_ANON] +
		     s[VZBC_MS_INACTIVE_FILE]);
	vzbc_show_kb(m, "Active(anon):   ", s[VZBC_MS_ACTIVE_ANON]);
	vzbc_show_kb(m, "Inactive(anon): ", s[VZBC_MS_INACTIVE_ANON]);
	vzbc_show_kb(m, "Active(file):   ", s[VZBC_MS_ACTIVE_FILE]);
	vzbc_show_kb(m, "Inactive(file): ", s[VZBC_MS_INACTIVE_FILE]);
	vzbc_show_kb(m, "Unevictable:    ", s[VZBC_MS_UNEVICTABLE]);
	vzbc_show_kb(m, "Mlocked:        ", vm->locked);
	vzbc_show_kb(m, "SwapTotal:      ", vm->swap_total);
	vzbc_show_kb(m, "SwapFree:       ", vm->swap_free);
	if (IS_ENABLED(CONFIG_ZSWAP)) {
		vzbc_show_kb(m, "Zswap:          ", s[VZBC_MS_ZSWAP]);
		vzbc_show_kb(m, "Zswapped:       ", s[VZBC_MS_ZSWAPPED]);
	}
	vzbc_show_kb(m, "Dirty:          ", s[VZBC_MS_FILE_DIRTY]);
	vzbc_show_kb(m, "Writeback:      ", s[VZBC_MS_FILE_WRITEBACK]);
	vzbc_show_kb(m, "AnonPages:      ", s[VZBC_MS_ANON]);
	vzbc_show_kb(m, "Mapped:         ", s[VZBC_MS_FILE_MAPPED]);
	vzbc_show_kb(m, "Shmem:          ", s[VZBC_MS_SHMEM]);
	vzbc_show_kb(m, "KReclaimable:   ", s[VZBC_MS_SLAB_RECLAIMABLE]);
	vzbc_show_kb(m, "Slab:           ", s[VZBC_MS_SLAB_RECLAIMABLE] +
		     s[VZBC_MS_SLAB_UNRECLAIMABLE]);
	vzbc_show_kb(m, "SReclaimable:   ", s[VZBC_MS_SLAB_RECLAIMABLE]);
	vzbc_show_kb(m, "SUnreclaim:     ", s[VZBC_MS_SLAB_UNRECLAIMABLE]);
	/* memory.stat's kernel_stack is in bytes, like the rest: now pages */
	vzbc_show_kb(m, "KernelStack:    ", s[VZBC_MS_KERNEL_STACK]);
	vzbc_show_kb(m, "PageTables:     ", s[VZBC_MS_PAGETABLES]);
	vzbc_show_kb(m, "SecPageTables:  ", s[VZBC_MS_SEC_PAGETABLES]);
	vzbc_show_kb(m, "NFS_Unstable:   ", 0);
	vzbc_show_kb(m, "Bounce:         ", 0);
	vzbc_show_kb(m, "WritebackTmp:   ", 0);
	vzbc_show_kb(m, "CommitLimit:    ", vm->commit_limit);
	vzbc_show_kb(m, "Committed_AS:   ", vm->committed);
	__vzbc_show_kb(m, "VmallocTotal:   ", (unsigned long)VMALLOC_TOTAL >> 10);
	vzbc_show_kb(m, "VmallocUsed:    ", s[VZBC_MS_VMALLOC]);
	vzbc_show_kb(m, "VmallocChunk:   ", 0);
	vzbc_show_kb(m, "Percpu:         ", s[VZBC_MS_PERCPU]);
	if (IS_ENABLED(CONFIG_MEMORY_FAILURE))
		vzbc_seq_lit(m, "HardwareCorrupted:     0 kB\n");
	if (IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE)) {
		vzbc_show_kb(m, "AnonHugePages:  ", s[VZBC_MS_ANON_THP]);
		vzbc_show_kb(m, "ShmemHugePages: ", s[VZBC_MS_SHMEM_THP]);
		vzbc_show_kb(m, "ShmemPmdMapped: ", 0);
		vzbc_show_kb(m, "FileHugePages:  ", s[VZBC_MS_FILE_THP]);
		vzbc_show_kb(m, "FilePmdMapped:  ", 0);
	}
	vzbc_meminfo_tail(m);
	vzbc_ct_put(ct);
	return 0;
}

/* /proc/swaps: the header, and a line for its swap when it has some */
static __used int vzbc_view_swaps(struct seq_file *m, void *v, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);
	struct vzbc_view_mem vm;
	unsigned long size, used;

	if (v != SEQ_START_TOKEN)	/* one of the host's devices */
		goto out;
	seq_puts(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	if (vzbc_view_mem(ct, &vm, 0) || !vm.swap_total)
		goto out;
	size = vm.swap_total << (PAGE_SHIFT - 10);
	used = (vm.swap_total - vm.swap_free) << (PAGE_SHIFT - 10);
	seq_printf(m, "%-40s%s\t%lu\t%s%lu\t%s%d\n", "none", "virtual",
		   size, size < 10000000 ? "\t" : "",
		   used, used < 10000000 ? "\t" : "", -1);
out:
	vzbc_ct_put(ct);
	return 0;
}

/* the loads its view shows: its own, or with LOADAVG off the host's */
static void vzbc_view_loads(struct vzbc_ct *ct, unsigned long *loads,
			    unsigned long offset, int shift)
{
	unsigned int i;

	if (READ_ONCE(ct->view.parts) & VZBC_VIEW_LOADAVG) {
		vzbc_loadavg_get(ct, loads, offset, shift);
		return;
	}
	for (i = 0; i < 3; i++)
		loads[i] = (READ_ONCE(avenrun[i]) + offset) << shift;
}

/*
 * sysinfo(2), as do_sysinfo() fills it on a 64-bit kernel: sizes in
 * bytes (mem_unit 1), the uptime of the reader's time namespace.
 */
static void vzbc_view_sysinfo_fill(struct vzbc_ct *ct, struct sysinfo *info)
{
	struct vzbc_task_states st;
	struct vzbc_view_mem vm;
	struct timespec64 tp;

	memset(info, 0, sizeof(*info));
	ktime_get_boottime_ts64(&tp);
	timens_add_boottime(&tp);
	info->uptime = tp.tv_sec + (tp.tv_nsec ? 1 : 0);
	vzbc_view_loads(ct, info->loads, 0, SI_LOAD_SHIFT - FSHIFT);
	vzbc_tasks_states(ct, &st);
	info->procs = min_t(unsigned int, st.total, USHRT_MAX);

	vzbc_view_mem(ct, &vm, VZBC_VM_SHMEM);
	info->totalram = vm.total << PAGE_SHIFT;
	info->freeram = vm.free << PAGE_SHIFT;
	info->sharedram = vm.stat[VZBC_MS_SHMEM] << PAGE_SHIFT;
	info->totalswap = vm.swap_total << PAGE_SHIFT;
	info->freeswap = vm.swap_free << PAGE_SHIFT;
	info->mem_unit = 1;
}

/* __x64_sys_sysinfo(const struct pt_regs *regs) */
static __used long vzbc_view_sysinfo(struct pt_regs *regs, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);
	unsigned long args[6];
	struct sysinfo info;
	long ret = 0;

	syscall_get_arguments(current, regs, args);
	vzbc_view_sysinfo_fill(ct, &info);
	if (copy_to_user((struct sysinfo __user *)args[0], &info, sizeof(info)))
		ret = -EFAULT;
	vzbc_ct_put(ct);
	return ret;
}

#ifdef CONFIG_IA32_EMULATION
/* kernel/sys.c's, which no header has: the i386 layout of struct sysinfo */
struct vzbc_sysinfo32 {
	s32 uptime;
	u32 loads[3];
	u32 totalram;
	u32 freeram;
	u32 sharedram;
	u32 bufferram;
	u32 totalswap;
	u32 freeswap;
	u16 procs;
	u16 pad;
	u32 totalhigh;
	u32 freehigh;
	u32 mem_unit;
	char _f[20 - 2 * sizeof(u32) - sizeof(int)];
};

/* what compat_sys_sysinfo() does to sizes that need more than 32 bits:
 * a larger mem_unit (up to a page), the sizes divided by it */
static void vzbc_sysinfo_scale32(struct sysinfo *s)
{
	unsigned int bits = 0;

	if (!upper_32_bits(s->totalram) && !upper_32_bits(s->totalswap))
		return;
	while (s->mem_unit < PAGE_SIZE) {
		s->mem_unit <<= 1;
		bits++;
	}
	s->totalram >>= bits;
	s->freeram >>= bits;
	s->sharedram >>= bits;
	s->bufferram >>= bits;
	s->totalswap >>= bits;
	s->freeswap >>= bits;
	s->totalhigh >>= bits;
	s->freehigh >>= bits;
}

/* __ia32_compat_sys_sysinfo(const struct pt_regs *regs): its buffer in bx */
static __used long vzbc_view_sysinfo32(struct pt_regs *regs, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);
	struct vzbc_sysinfo32 s32;
	struct sysinfo s;
	long ret = 0;

	vzbc_view_sysinfo_fill(ct, &s);
	vzbc_ct_put(ct);
	vzbc_sysinfo_scale32(&s);
	memset(&s32, 0, sizeof(s32));
	s32.uptime = s.uptime;
	s32.loads[0] = s.loads[0];
	s32.loads[1] = s.loads[1];
	s32.loads[2] = s.loads[2];
	s32.totalram = s.totalram;
	s32.freeram = s.freeram;
	s32.sharedram = s.sharedram;
	s32.bufferram = s.bufferram;
	s32.totalswap = s.totalswap;
	s32.freeswap = s.freeswap;
	s32.procs = s.procs;
	s32.totalhigh = s.totalhigh;
	s32.freehigh = s.freehigh;
	s32.mem_unit = s.mem_unit;
	if (copy_to_user(compat_ptr(regs->bx), &s32, sizeof(s32)))
		ret = -EFAULT;
	return ret;
}
#endif

/* ------------------------------------------------------------ load */

/* get_avenrun(unsigned long *loads, unsigned long offset, int shift) */
static __used void vzbc_view_avenrun(unsigned long *loads, unsigned long offset,
				     int shift, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);

	vzbc_loadavg_get(ct, loads, offset, shift);
	vzbc_ct_put(ct);
}

static __used int vzbc_view_loadavg(struct seq_file *m, void *v, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);
	struct vzbc_task_states st;
	unsigned long av[3];

	vzbc_loadavg_get(ct, av, FIXED_1 / 200, 0);
	vzbc_tasks_states(ct, &st);
	/* "%lu.%02lu %lu.%02lu %lu.%02lu %u/%u %d\n", as the kernel's */
	vzbc_put_hundredths(m, "", LOAD_INT(av[0]), LOAD_FRAC(av[0]));
	vzbc_put_hundredths(m, " ", LOAD_INT(av[1]), LOAD_FRAC(av[1]));
	vzbc_put_hundredths(m, " ", LOAD_INT(av[2]), LOAD_FRAC(av[2]));
	seq_put_decimal_ull(m, " ", st.running);
	seq_put_decimal_ull(m, "/", st.total);
	seq_put_decimal_ll(m, " ", (int)idr_get_cursor(&task_active_pid_ns(current)->idr) - 1);
	seq_putc(m, '\n');
	vzbc_ct_put(ct);
	return 0;
}

/* ------------------------------------------------------------ CPU */

static u64 vzbc_clock_t(u64 ns)
{
	return div_u64(ns, NSEC_PER_SEC / USER_HZ);
}

static __used int vzbc_view_uptime(struct seq_file *m, void *v, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);
	struct timespec64 uptime, idle;

	vzbc_seq_nest(m, SINGLE_DEPTH_NESTING);
	idle = ns_to_timespec64(vzbc_view_idle(ct));
	vzbc_seq_nest(m, 0);
	ktime_get_boottime_ts64(&uptime);
	timens_add_boottime(&uptime);
	/* "%lu.%02lu %lu.%02lu\n", as the kernel's */
	vzbc_put_hundredths(m, "", uptime.tv_sec, uptime.tv_nsec / (NSEC_PER_SEC / 100));
	vzbc_put_hundredths(m, " ", idle.tv_sec, idle.tv_nsec / (NSEC_PER_SEC / 100));
	seq_putc(m, '\n');
	vzbc_ct_put(ct);
	return 0;
}

/* a cpu line: user nice system idle, then six fields the view has none of */
static void vzbc_stat_line(struct seq_file *m, const struct vzbc_view_cpu *c,
			   unsigned int share)
{
	seq_put_decimal_ull(m, " ", vzbc_clock_t(div_u64(c->user, share)));
	seq_put_decimal_ull(m, " ", vzbc_clock_t(div_u64(c->nice, share)));
	seq_put_decimal_ull(m, " ", vzbc_clock_t(div_u64(c->system, share)));
	seq_put_decimal_ull(m, " ", vzbc_clock_t(div_u64(c->idle, share)));
	seq_puts(m, " 0 0 0 0 0 0\n");
}

/* /proc/stat's softirq line: the total, then a count for each of up to 16 */
static const char vzbc_softirqs[] = "\nsoftirq 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
static_assert(sizeof(vzbc_softirqs) - 1 >= 10 + 2 * NR_SOFTIRQS);

static __used int vzbc_view_stat(struct seq_file *m, void *v, long answer)
{
	struct vzbc_ct *ct = vzbc_answer_ct(answer);
	struct vzbc_task_states st;
	struct timespec64 boottime;
	struct vzbc_view_cpu c;
	unsigned int cpu, n;

	vzbc_seq_nest(m, SINGLE_DEPTH_NESTING);
	vzbc_view_cpu(ct, &c);
	vzbc_seq_nest(m, 0);
	vzbc_tasks_states(ct, &st);
	getboottime64(&boottime);
	timens_sub_boottime(&boottime);

	seq_puts(m, "cpu ");
	vzbc_stat_line(m, &c, 1);
	/* the container's time is not kept per CPU: each shown has its share */
	for_each_view_cpu(cpu, ct, n) {
		seq_put_decimal_ull(m, "cpu", cpu);
		vzbc_stat_line(m, &c, max(c.n, 1U));
	}
	/* as "intr 0\nctxt 0\nbtime %llu\nprocesses %lu\n..." without its parse */
	seq_put_decimal_ull(m, "intr 0\nctxt 0\nbtime ", boottime.tv_sec);
	seq_put_decimal_ull(m, "\nprocesses ", atomic_long_read(&ct->view.forks));
	seq_put_decimal_ull(m, "\nprocs_running ", st.running);
	seq_put_decimal_ull(m, "\nprocs_blocked ", st.blocked);
	seq_write(m, vzbc_softirqs, 10 + 2 * NR_SOFTIRQS);
	seq_putc(m, '\n');
	vzbc_ct_put(ct);
	return 0;
}

/*
 * A CPU the view does not show: nothing. A stale count: re-read, and the
 * CPU's record marked as not fitting its buffer, which has seq_file show
 * it again (in a larger buffer, or at the next read(2)): the handler then
 * decides with the count re-read.
 */
static __used int vzbc_view_cpuinfo(struct seq_file *m, void *v, long answer)
{
	struct vzbc_ct *ct;

	if (answer == VZBC_CPUINFO_HIDDEN)
		return 0;
	ct = vzbc_answer_ct(answer);
	vzbc_seq_nest(m, SINGLE_DEPTH_NESTING);
	vzbc_view_cpus_refresh(ct);
	vzbc_seq_nest(m, 0);
	vzbc_ct_put(ct);
	m->count = m->size;	/* seq_has_overflowed(): shown again */
	return 0;
}

/* the host's readers pass in the trampolines (probe.h's VZBC_DIVERT_VIEW) */
VZBC_CT_ASM_OFFSETS();

VZBC_DIVERT_VIEW(meminfo, "meminfo_proc_show", vzbc_view_enter_mem, 2, vzbc_view_meminfo);
VZBC_DIVERT_VIEW(swaps, "swap_show", vzbc_view_enter_mem, 2, vzbc_view_swaps);
VZBC_DIVERT_VIEW(sysinfo, "__x64_sys_sysinfo", vzbc_view_enter_mem, 1, vzbc_view_sysinfo);
#ifdef CONFIG_IA32_EMULATION
VZBC_DIVERT_VIEW(sysinfo32, "__ia32_compat_sys_sysinfo", vzbc_view_enter_mem, 1,
	       vzbc_view_sysinfo32);
#define VZBC_ROW_SYSINFO32 VZBC_ROW(sysinfo32),
#else
#define VZBC_ROW_SYSINFO32
#endif
VZBC_DIVERT_ON_DEMAND(avenrun, "get_avenrun", vzbc_view_enter_avenrun, 3,
		      vzbc_view_avenrun);
VZBC_DIVERT_VIEW(loadavg, "loadavg_proc_show", vzbc_view_enter_load, 2, vzbc_view_loadavg);
VZBC_DIVERT_VIEW(uptime, "uptime_proc_show", vzbc_view_enter_uptime, 2, vzbc_view_uptime);
VZBC_DIVERT_VIEW(stat, "show_stat", vzbc_view_enter_cpu, 2, vzbc_view_stat);
VZBC_DIVERT_VIEW(cpuinfo, "show_cpuinfo", vzbc_view_enter_cpuinfo, 2, vzbc_view_cpuinfo);

/*
 * Before a view of parts shows (under the registry's mutex): a view of
 * the loads without the memory leaves sysinfo(2) to the kernel, whose
 * loads then come from get_avenrun()'s row, attached from then on (until
 * then the host's sysinfo(2) and /proc/loadavg do not pass it).
 */
static int vzbc_view_parts_prepare(struct vzbc_ct *ct, unsigned int parts)
{
	if ((parts & VZBC_VIEW_LOADAVG) &&
	    (!(parts & VZBC_VIEW_MEMINFO) || !vzbc_cgroup_has_memcg(ct->cgrp)))
		return vzbc_probe_want(VZBC_ROW(avenrun));
	return 0;
}

/*
 * A container being registered shows every part (view.c's row, after
 * this one, sets them): the rows they need. Sleeps.
 */
int vzbc_view_prepare(struct vzbc_ct *ct, int cgroup_fd)
{
	return vzbc_view_parts_prepare(ct, VZBC_VIEW_ALL);
}

/* VZBC_SET_VIEW: the parts ctid's view shows from now on */
int vzbc_view_set(u32 ctid, unsigned int parts)
{
	struct vzbc_ct *ct = vzbc_ct_get(ctid);
	int ret;

	if (!ct)
		return -ENOENT;
	vzbc_ct_lock();
	ret = vzbc_view_parts_prepare(ct, parts);
	vzbc_ct_unlock();
	if (!ret) {
		WRITE_ONCE(ct->view.parts, parts);
		vzbc_view_cpus_refresh(ct);
	}
	vzbc_ct_put(ct);
	return ret;
}

VZBC_PROBE_TABLE(vzbc_view_probes, vzbc_loadavg_arm, vzbc_loadavg_disarm,
		 VZBC_ROW(meminfo), VZBC_ROW(swaps), VZBC_ROW(sysinfo),
		 VZBC_ROW_SYSINFO32 VZBC_ROW(avenrun), VZBC_ROW(loadavg), VZBC_ROW(uptime),
		 VZBC_ROW(stat), VZBC_ROW(cpuinfo));
