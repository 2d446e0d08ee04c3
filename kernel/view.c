// SPDX-License-Identifier: GPL-2.0
/*
 * What a container's tasks see of the machine: the figures view-proc.c
 * shows them in /proc/meminfo, /proc/swaps, /proc/stat, /proc/cpuinfo,
 * /proc/uptime, /proc/loadavg and sysinfo(2) instead of the host's.
 *
 * Memory: the total is the lowest memory.max from the container's cgroup
 * up to the root, no more than the host's RAM; free is what it may still
 * take (the total less its memory.current), no more than the host has
 * free; available adds what it could reclaim (its file LRUs and
 * reclaimable slab). Swap: the lowest memory.swap.max up the tree, no
 * more than it uses plus what the host's swap has free. The breakdown
 * (cached, active, slab, ...) is its memory.stat; Committed_AS and
 * Mlocked are its processes' private writable and locked pages, as
 * privvmpages and lockedpages count them.
 *
 * CPUs: those the reading task may run on and that are online (the
 * container's cpuset, as sched_getaffinity() and nproc give them), the
 * first N of them when its cpu.max allows N CPUs' worth of time (rounded
 * up). Its CPU time is its cpu.stat (for /proc/uptime's idle, which
 * needs only the total, the cgroup's own counters that cpu.stat's
 * usage_usec is made from); idle is what those CPUs had left since the
 * container was registered.
 *
 * Nothing here shows a container anything of the host or of another
 * container that it could not read before: its own cgroup's files, and
 * host-wide figures (RAM, free memory and swap) only as the bounds of its
 * own.
 */
#include <linux/cgroup.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/page_counter.h>
#include <linux/sched.h>
#include <linux/sched/loadavg.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/timekeeping.h>
#include <linux/vmstat.h>

#include "vzbc.h"

/*
 * A container being registered, its cgroup directory attached (mem.c's
 * row comes first). Sleeps.
 */
int vzbc_view_init(struct vzbc_ct *ct, int cgroup_fd)
{
	ct->view.parts = VZBC_VIEW_ALL;
	ct->view.start = ktime_get_boottime_ns();
	atomic_long_set(&ct->view.forks, 0);
	atomic64_set(&ct->view.idle_shown, 0);
	vzbc_view_cpus_refresh(ct);
	return 0;
}

/*
 * A reference to ct, the current task's, if its view shows part; else
 * NULL. Preemption is off (vzbc_view_current()).
 */
struct vzbc_ct *vzbc_view_hold(struct vzbc_ct *ct, unsigned int part)
{
	if (!(READ_ONCE(ct->view.parts) & part) || !refcount_inc_not_zero(&ct->ref))
		return NULL;
	return ct;
}

int vzbc_view_get(u32 ctid, struct vzbc_view_info *info)
{
	struct vzbc_task_states st;
	unsigned long loads[3];
	struct vzbc_ct *ct;
	unsigned int i;

	ct = vzbc_ct_get(ctid);
	if (!ct)
		return -ENOENT;
	info->parts = READ_ONCE(ct->view.parts);
	vzbc_tasks_states(ct, &st);
	info->nr_tasks = st.total;
	info->nr_running = st.running;
	info->nr_blocked = st.blocked;
	vzbc_loadavg_get(ct, loads, 0, VZBC_LOAD_SHIFT - FSHIFT);
	for (i = 0; i < ARRAY_SIZE(loads); i++)
		info->loadavg[i] = loads[i];
	info->uptime_ns = ktime_get_boottime_ns() - ct->view.start;
	vzbc_ct_put(ct);
	return 0;
}

/* ------------------------------------------------------------ memory */

static int vzbc_view_mem_stat(struct vzbc_ct *ct, unsigned long *stat, u32 want)
{
	u64 bytes[VZBC_MS_NR] = { };
	unsigned int i;
	int ret;

	ret = vzbc_cgfile_parse(ct, VZBC_CGF_MEMORY_STAT, bytes, want);
	for (i = 0; i < VZBC_MS_NR; i++)
		stat[i] = bytes[i] >> PAGE_SHIFT;
	return ret;
}

/* The lowest limit from counter c up to the root. */
static unsigned long vzbc_counter_limit(struct page_counter *c)
{
	unsigned long limit = PAGE_COUNTER_MAX;

	for (; c; c = c->parent)
		limit = min(limit, vzbc_counter_max(c));
	return limit;
}

/* privvmpages' limit as the commit limit, when it has one */
static unsigned long vzbc_view_commit_limit(struct vzbc_ct *ct,
					    const struct vzbc_view_mem *m)
{
	unsigned long limit = READ_ONCE(ct->res[VZBC_PRIVVMPAGES].limit);

	return limit < VZBC_UNLIMITED ? limit : m->total + m->swap_total;
}

/*
 * ct's memory as its view shows it; with VZBC_VM_STAT the breakdown from
 * its memory.stat too (VZBC_VM_SHMEM: of it only the shmem figure, the
 * file parsed up to that line), with VZBC_VM_SUMS what its processes commit and
 * lock. Sleeps. ENOENT: the memory controller is not enabled in its
 * cgroup (nothing of its own to show), or it is no longer registered.
 */
int vzbc_view_mem(struct vzbc_ct *ct, struct vzbc_view_mem *m, unsigned int what)
{
	unsigned long limit, used, swap_used, reclaimable;
	struct mem_cgroup *memcg;
	struct vzbc_sums sums = { };
	int ret = 0;

	memset(m, 0, sizeof(*m));
	memcg = vzbc_memcg_get(ct);
	if (!memcg)
		return -ENOENT;
	/* the host's total and free memory, as si_meminfo() has them */
	limit = min(vzbc_counter_limit(vzbc_memcg_counter(memcg)), totalram_pages());
	used = min(vzbc_memcg_usage(memcg), limit);
	swap_used = vzbc_memcg_swap_usage(memcg);
	m->total = limit;
	m->free = min(limit - used, global_zone_page_state(NR_FREE_PAGES));
	m->swap_total = min(vzbc_counter_limit(vzbc_memcg_swap_counter(memcg)),
			    swap_used + get_nr_swap_pages());
	m->swap_free = m->swap_total - min(swap_used, m->swap_total);
	css_put(&memcg->css);

	if (what & VZBC_VM_STAT)
		/* all of it but "kernel", which only the beancounter shows */
		ret = vzbc_view_mem_stat(ct, m->stat, GENMASK(VZBC_MS_NR - 1, 0) &
					 ~BIT(VZBC_MS_KERNEL));
	else if (what & VZBC_VM_SHMEM)
		ret = vzbc_view_mem_stat(ct, m->stat, BIT(VZBC_MS_SHMEM));
	if (what & VZBC_VM_SUMS)
		vzbc_tasks_sum(ct, &sums, false);
	reclaimable = m->stat[VZBC_MS_ACTIVE_FILE] + m->stat[VZBC_MS_INACTIVE_FILE] +
		      m->stat[VZBC_MS_SLAB_RECLAIMABLE];
	m->avail = min(m->free + reclaimable, m->total);
	m->committed = sums.privvm;
	m->locked = sums.locked;
	m->commit_limit = vzbc_view_commit_limit(ct, m);
	return ret;
}

/* ------------------------------------------------------------ CPUs */

#define VZBC_CPUS_STALE	HZ	/* re-read cpu.max at most once a second */

/* "max PERIOD" or "QUOTA PERIOD": CPUs' worth of time, rounded up, or 0 */
static unsigned int vzbc_cpu_max_parse(const char *text)
{
	u64 quota, period;

	if (sscanf(text, "%llu %llu", &quota, &period) != 2 || !period)
		return 0;
	return min_t(u64, DIV_ROUND_UP_ULL(quota, period), nr_cpu_ids);
}

/*
 * Orders the refreshes of cpu.max: each reads the file and stores what it
 * read as one step, so that the periodic refresh, having read the old
 * limit, cannot store it over what VZBC_SET_VIEW's refresh read after
 * vzctl wrote the new one.
 */
static DEFINE_MUTEX(vzbc_view_cpus_mutex);

/* Re-read how many CPUs ct's cpu.max allows. Sleeps. */
void vzbc_view_cpus_refresh(struct vzbc_ct *ct)
{
	char buf[64];

	mutex_lock(&vzbc_view_cpus_mutex);
	WRITE_ONCE(ct->view.cpus_read, jiffies);
	if (vzbc_mem_read(ct, VZBC_CGF_CPU_MAX, buf, sizeof(buf)))
		buf[0] = '\0';		/* no cpu controller there: no limit */
	WRITE_ONCE(ct->view.cpus, vzbc_cpu_max_parse(buf));
	/* fresh from now (cpuinfo shows a CPU again once it is) */
	WRITE_ONCE(ct->view.cpus_read, jiffies);
	mutex_unlock(&vzbc_view_cpus_mutex);
}

/*
 * Whether ct's CPU count is older than VZBC_CPUS_STALE: then every reader
 * of the count has it re-read (vzbc_view_cpus_refresh()) before it shows
 * it, the periodic refresh notwithstanding. Any context.
 */
bool vzbc_view_cpus_stale(struct vzbc_ct *ct)
{
	return time_after(jiffies, READ_ONCE(ct->view.cpus_read) + VZBC_CPUS_STALE);
}

#define VZBC_REFRESH_BATCH	16

struct vzbc_refresh {
	unsigned long before;		/* those read before this */
	unsigned int n;
	struct vzbc_ct *ct[VZBC_REFRESH_BATCH];	/* references */
};

static void vzbc_refresh_pick(struct vzbc_ct *ct, void *arg)
{
	struct vzbc_refresh *r = arg;

	if (r->n < VZBC_REFRESH_BATCH &&
	    time_before(READ_ONCE(ct->view.cpus_read), r->before) &&
	    refcount_inc_not_zero(&ct->ref))
		r->ct[r->n++] = ct;
}

/*
 * Re-read every container's cpu.max (from the load average's periodic
 * work, so that a limit changed behind vzbc's back shows within one
 * period). Sleeps; takes no lock of the registry's.
 */
void vzbc_view_refresh_all(void)
{
	struct vzbc_refresh r = { .before = jiffies };
	unsigned int i;

	do {
		r.n = 0;
		vzbc_ct_for_each_visible(vzbc_refresh_pick, &r);
		for (i = 0; i < r.n; i++) {
			vzbc_view_cpus_refresh(r.ct[i]);
			vzbc_ct_put(r.ct[i]);
		}
	} while (r.n == VZBC_REFRESH_BATCH);
}

/*
 * After cpu, the next CPU ct's view shows the current task, counted in
 * *n; nr_cpu_ids after the last. Any context.
 */
unsigned int vzbc_view_cpu_next(struct vzbc_ct *ct, int cpu, unsigned int *n)
{
	unsigned int max = READ_ONCE(ct->view.cpus);

	if (max && *n >= max)
		return nr_cpu_ids;
	cpu = cpumask_next_and(cpu, current->cpus_ptr, cpu_online_mask);
	if (cpu < nr_cpu_ids)
		(*n)++;
	return cpu;
}

bool vzbc_view_cpu_shown(struct vzbc_ct *ct, unsigned int cpu)
{
	unsigned int c, n;

	for_each_view_cpu(c, ct, n) {
		if (c >= cpu)
			return c == cpu;
	}
	return false;
}

/*
 * The CPU time the CPUs ct's view shows have had since it was
 * registered, their count in *n. Sleeps (a stale count is re-read).
 */
static u64 vzbc_view_capacity(struct vzbc_ct *ct, unsigned int *n)
{
	unsigned int cpu;

	if (vzbc_view_cpus_stale(ct))
		vzbc_view_cpus_refresh(ct);
	for_each_view_cpu(cpu, ct, *n)
		;
	return (ktime_get_boottime_ns() - ct->view.start) * *n;
}

/*
 * Past this many descendants, /proc/uptime's idle takes the container's
 * CPU time from cpu.stat's text: vzbc_cgroup_usage_ns() walks each
 * descendant's counts on every possible CPU.
 */
#define VZBC_USAGE_WALK_MAX	16

/*
 * ct's idle time as /proc/uptime shows it: what the CPUs shown had left,
 * its CPU time taken; for a small subtree the time alone, without
 * cpu.stat's text and its split into user and system. Never less than
 * it showed before: the counters read without a flush may be short for
 * a moment (compat.h). Sleeps.
 */
u64 vzbc_view_idle(struct vzbc_ct *ct)
{
	struct vzbc_view_cpu c;
	unsigned int n;
	u64 capacity, busy, idle;
	s64 seen;

	if (READ_ONCE(ct->cgrp->nr_descendants) > VZBC_USAGE_WALK_MAX) {
		vzbc_view_cpu(ct, &c);
		idle = c.idle;
	} else {
		capacity = vzbc_view_capacity(ct, &n);
		busy = vzbc_cgroup_usage_ns(ct->cgrp);
		idle = capacity > busy ? capacity - busy : 0;
	}
	seen = atomic64_read(&ct->view.idle_shown);
	do {
		if (idle <= (u64)seen)
			return seen;
	} while (!atomic64_try_cmpxchg(&ct->view.idle_shown, &seen, idle));
	return idle;
}

/*
 * ct's CPU time as its view shows it: its cpu.stat, and as idle what the
 * CPUs shown had left since it was registered. Sleeps.
 */
void vzbc_view_cpu(struct vzbc_ct *ct, struct vzbc_view_cpu *c)
{
	u64 usec[VZBC_CS_NR] = { }, capacity, busy;

	capacity = vzbc_view_capacity(ct, &c->n);
	vzbc_cgfile_parse(ct, VZBC_CGF_CPU_STAT, usec,
			  BIT(VZBC_CS_NICE) | BIT(VZBC_CS_SYSTEM) | BIT(VZBC_CS_USER));
	usec[VZBC_CS_NICE] = min(usec[VZBC_CS_NICE], usec[VZBC_CS_USER]);
	c->user = (usec[VZBC_CS_USER] - usec[VZBC_CS_NICE]) * NSEC_PER_USEC;
	c->nice = usec[VZBC_CS_NICE] * NSEC_PER_USEC;
	c->system = usec[VZBC_CS_SYSTEM] * NSEC_PER_USEC;
	busy = c->user + c->nice + c->system;
	c->idle = capacity > busy ? capacity - busy : 0;
}
