// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc: OpenVZ-style user beancounters for stock kernels.
 *
 * Module entry and exit. Each subsystem has an init and an uninit; exit
 * runs the uninits in exactly the reverse order of init.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/rcupdate.h>

#include "vzbc.h"

/*
 * Each concern's share of a container's life, in the order a registration
 * sets them up (ct.c walks the table; struct vzbc_ct_part in vzbc.h):
 * the task lists are taken once the container can be found and dropped
 * last; the cgroup directory is attached before the view reads its
 * cpu.max; /proc/bc/<ctid>/ is made last and goes after the registry's
 * mutex (its removal waits for readers, and a reader syncs the
 * beancounter under that mutex), as does the network state a running
 * container gained. The view's rows are attached before it shows.
 */
const struct vzbc_ct_part vzbc_ct_parts[] = {
	{ .online = vzbc_tasks_adopt, .exit = vzbc_tasks_release },
	{ .init = vzbc_mem_attach, .exit = vzbc_mem_detach },
	{ .init = vzbc_view_prepare },
	{ .init = vzbc_view_init },
	{ .init = vzbc_proc_ct_add, .release = vzbc_proc_ct_remove },
	{ .release = vzbc_net_ct_release },
};
const unsigned int vzbc_ct_nr_parts = ARRAY_SIZE(vzbc_ct_parts);

static int __init vzbc_init(void)
{
	int ret;

	vzbc_fault_load();

	ret = vzbc_proc_init();
	if (ret)
		goto err_proc;

	ret = vzbc_net_init();
	if (ret)
		goto err_net;

	ret = vzbc_net_proc_init();
	if (ret)
		goto err_net_proc;

	ret = vzbc_events_init();
	if (ret)
		goto err_events;

	ret = vzbc_recs_init();
	if (ret)
		goto err_recs;

	ret = vzbc_tasks_init();
	if (ret)
		goto err_tasks;

	/* nothing is attached yet: the first container's registration does */
	ret = vzbc_probes_init();
	if (ret)
		goto err_probes;

	ret = vzbc_ctl_init();
	if (ret)
		goto err_ctl;

	pr_info("vzbc " VZBC_VERSION " loaded (ABI %d.%d)\n",
		VZBC_ABI_MAJOR, VZBC_ABI_MINOR);
	return 0;

err_ctl:
	vzbc_probes_uninit();
err_probes:
	vzbc_tasks_uninit();
err_tasks:
	vzbc_recs_uninit();
err_recs:
	vzbc_events_uninit();
err_events:
	vzbc_net_proc_uninit();
err_net_proc:
	vzbc_net_uninit();
err_net:
	vzbc_proc_uninit();
err_proc:
	return ret;
}

static void __exit vzbc_exit(void)
{
	vzbc_ctl_uninit();
	vzbc_ct_uninit();
	vzbc_probes_uninit();
	vzbc_tasks_uninit();
	rcu_barrier();	/* the containers' RCU-deferred frees are module code */
	vzbc_recs_uninit();
	vzbc_events_uninit();
	vzbc_net_proc_uninit();
	vzbc_net_uninit();
	vzbc_proc_uninit();
	pr_info("vzbc unloaded\n");
}

module_init(vzbc_init);
module_exit(vzbc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OpenVZ-style user beancounters for stock kernels");
MODULE_VERSION(VZBC_VERSION);
