// SPDX-License-Identifier: GPL-2.0
/*
 * Each container's load average, computed as the kernel computes the
 * host's (kernel/sched/loadavg.c): every 5 seconds, the number of its
 * tasks running, runnable or waiting uninterruptibly is folded into
 * three exponentially decaying averages, over 1, 5 and 15 minutes, with
 * the kernel's own constants and fixed-point arithmetic
 * (<linux/sched/loadavg.h>). Its tasks are those the module lists for it
 * (res-task.c), so a sample costs a walk of the containers' own tasks.
 *
 * The sampling runs while the charge points are armed (a container is
 * registered), from a delayed work; a sample that comes late, as on a
 * host too busy to run it on time, folds in the periods it missed with
 * the count it sees, as the kernel does after a tickless idle. The same
 * work has the views re-read their CPU limits (view.c).
 */
#include <linux/jiffies.h>
#include <linux/sched/loadavg.h>
#include <linux/workqueue.h>

#include "vzbc.h"

static void vzbc_loadavg_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(vzbc_loadavg_work, vzbc_loadavg_work_fn);
static unsigned long vzbc_loadavg_last;	/* jiffies of the last sample */
static bool vzbc_loadavg_on;		/* under the registry's mutex */

#define VZBC_LOAD_MISSED_MAX	(15 * 60 * HZ / LOAD_FREQ)	/* 15 minutes */

static void vzbc_loadavg_sample(struct vzbc_ct *ct, void *arg)
{
	unsigned long periods = *(unsigned long *)arg, active, *av;
	struct vzbc_task_states st;

	vzbc_tasks_states(ct, &st);
	active = (unsigned long)(st.running + st.blocked) * FIXED_1;
	av = ct->view.avenrun;
	while (periods--) {
		WRITE_ONCE(av[0], calc_load(av[0], EXP_1, active));
		WRITE_ONCE(av[1], calc_load(av[1], EXP_5, active));
		WRITE_ONCE(av[2], calc_load(av[2], EXP_15, active));
	}
}

static void vzbc_loadavg_work_fn(struct work_struct *work)
{
	unsigned long now = jiffies, periods;

	periods = (now - vzbc_loadavg_last + LOAD_FREQ / 2) / LOAD_FREQ;
	periods = clamp(periods, 1UL, (unsigned long)VZBC_LOAD_MISSED_MAX);
	vzbc_loadavg_last = now;
	/* from a kworker, every registered container */
	vzbc_ct_for_each_visible(vzbc_loadavg_sample, &periods);
	vzbc_view_refresh_all();
	if (READ_ONCE(vzbc_loadavg_on))
		schedule_delayed_work(&vzbc_loadavg_work, LOAD_FREQ);
}

/* With the charge points (probe.c), under the registry's mutex. */
int vzbc_loadavg_arm(void)
{
	WRITE_ONCE(vzbc_loadavg_on, true);
	vzbc_loadavg_last = jiffies;
	schedule_delayed_work(&vzbc_loadavg_work, LOAD_FREQ);
	return 0;
}

/* A sample takes no lock a disarming caller may hold: it is waited for. */
void vzbc_loadavg_disarm(void)
{
	WRITE_ONCE(vzbc_loadavg_on, false);
	cancel_delayed_work_sync(&vzbc_loadavg_work);
}
