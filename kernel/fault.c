// SPDX-License-Identifier: GPL-2.0
/*
 * Planted faults, built only by "make VZBC_FAULT=...", never in a normal
 * build: they exist to prove that the test suite fails on a broken module
 * (tests/harness/). VZBC_FAULT names one or several, joined by "+":
 *
 *   warn     a WARN at load
 *   modref   a reference to the module that nobody drops
 *   uaf      a read of a container after kfree() (KASAN must report it)
 *   leak     a copy of a container that nothing frees (kmemleak)
 *   lockinv  two locks taken in both orders when a beancounter is read
 *            (lockdep must report a possible circular dependency)
 */
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

#include "vzbc.h"

void vzbc_fault_load(void)
{
#if defined(VZBC_FAULT_WARN)
	WARN_ON(1);
#endif
#if defined(VZBC_FAULT_MODREF)
	__module_get(THIS_MODULE);
#endif
}

/* the container is about to be freed */
void vzbc_fault_ct_free(struct vzbc_ct *ct)
{
#if defined(VZBC_FAULT_LEAK)
	if (!kmemdup(ct, sizeof(*ct), GFP_ATOMIC))
		pr_info("planted leak: no memory\n");
#endif
}

/* the container was just freed */
void vzbc_fault_ct_freed(struct vzbc_ct *ct)
{
#if defined(VZBC_FAULT_UAF)
	pr_info("container %u freed\n", READ_ONCE(ct->ctid));
#endif
}

/* a beancounter is being read, under the registry's mutex */
void vzbc_fault_ct_read(struct vzbc_ct *ct)
{
#if defined(VZBC_FAULT_LOCKINV)
	unsigned long flags;

	spin_lock_irqsave(&ct->lock, flags);
	spin_lock(&current->sighand->siglock);
	spin_unlock(&current->sighand->siglock);
	spin_unlock_irqrestore(&ct->lock, flags);

	spin_lock_irqsave(&current->sighand->siglock, flags);
	spin_lock(&ct->lock);
	spin_unlock(&ct->lock);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
#endif
}
