// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc: OpenVZ-style user beancounters for stock kernels.
 *
 * Module entry and exit. Each subsystem has an init and an uninit; exit
 * runs the uninits in exactly the reverse order of init.
 */
#include <linux/module.h>
#include <linux/init.h>

#include "vzbc.h"

/*
 * Planted faults, compiled in only by "make VZBC_FAULT=...", never in a
 * normal build: they exist to prove that the test suite fails on a broken
 * module (tests/harness/).
 */
static void vzbc_planted_fault(void)
{
#if defined(VZBC_FAULT_WARN)
	WARN_ON(1);
#elif defined(VZBC_FAULT_MODREF)
	__module_get(THIS_MODULE);	/* a reference nobody drops */
#endif
}

static int __init vzbc_init(void)
{
	int ret;

	vzbc_planted_fault();

	ret = vzbc_proc_init();
	if (ret)
		goto err_proc;

	ret = vzbc_net_init();
	if (ret)
		goto err_net;

	ret = vzbc_hooks_init();
	if (ret)
		goto err_hooks;

	ret = vzbc_ctl_init();
	if (ret)
		goto err_ctl;

	pr_info("vzbc " VZBC_VERSION " loaded (ABI %d.%d)\n",
		VZBC_ABI_MAJOR, VZBC_ABI_MINOR);
	return 0;

err_ctl:
	vzbc_hooks_uninit();
err_hooks:
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
	vzbc_hooks_uninit();
	vzbc_net_uninit();
	vzbc_proc_uninit();
	pr_info("vzbc unloaded\n");
}

module_init(vzbc_init);
module_exit(vzbc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OpenVZ-style user beancounters for stock kernels");
MODULE_VERSION(VZBC_VERSION);
