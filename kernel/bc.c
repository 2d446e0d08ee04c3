// SPDX-License-Identifier: GPL-2.0
/*
 * Beancounters: held/maxheld/minheld/barrier/limit/failcnt per resource, with
 * OpenVZ's charge semantics (see the reference in the README):
 *
 *  - a charge adds to held; under VZBC_HARD it fails if held would exceed
 *    the barrier, under VZBC_SOFT if it would exceed the limit, and under
 *    VZBC_FORCE it never fails;
 *  - a failed charge leaves held as it was and increments failcnt;
 *  - maxheld is the high-water mark of held, minheld its low-water mark
 *    since the container was registered (0 from the start, as in OpenVZ
 *    without a ubstat client);
 *  - an uncharge never takes held below zero (that would be a bug, and it
 *    warns).
 *
 * Charges take no lock: held moves by compare-and-exchange, and a charge
 * that would pass its bound leaves it as it was, so held never exceeds the
 * bound, whatever the CPUs do at once; maxheld follows held's new value up
 * the same way, and failcnt counts every refusal. The spinlock serializes
 * only the writers of barrier and limit. The charge and uncharge
 * themselves are inline (vzbc.h): every charge point runs them.
 */
#include <linux/atomic.h>
#include <linux/minmax.h>
#include <linux/spinlock.h>

#include "vzbc.h"

const char *const vzbc_res_names[VZBC_RESOURCES] = {
	[VZBC_KMEMSIZE]		= "kmemsize",
	[VZBC_LOCKEDPAGES]	= "lockedpages",
	[VZBC_PRIVVMPAGES]	= "privvmpages",
	[VZBC_SHMPAGES]		= "shmpages",
	[VZBC_DUMMY4]		= "dummy",
	[VZBC_NUMPROC]		= "numproc",
	[VZBC_PHYSPAGES]	= "physpages",
	[VZBC_VMGUARPAGES]	= "vmguarpages",
	[VZBC_OOMGUARPAGES]	= "oomguarpages",
	[VZBC_NUMTCPSOCK]	= "numtcpsock",
	[VZBC_NUMFLOCK]		= "numflock",
	[VZBC_NUMPTY]		= "numpty",
	[VZBC_NUMSIGINFO]	= "numsiginfo",
	[VZBC_TCPSNDBUF]	= "tcpsndbuf",
	[VZBC_TCPRCVBUF]	= "tcprcvbuf",
	[VZBC_OTHERSOCKBUF]	= "othersockbuf",
	[VZBC_DGRAMRCVBUF]	= "dgramrcvbuf",
	[VZBC_NUMOTHERSOCK]	= "numothersock",
	[VZBC_DCACHESIZE]	= "dcachesize",
	[VZBC_NUMFILE]		= "numfile",
	[VZBC_DUMMY20]		= "dummy",
	[VZBC_DUMMY21]		= "dummy",
	[VZBC_DUMMY22]		= "dummy",
	[VZBC_NUMIPTENT]	= "numiptent",
	[VZBC_SWAPPAGES]	= "swappages",
};

/* New containers start unlimited, as in OpenVZ, but for vmguarpages. */
void vzbc_bc_init(struct vzbc_ct *ct)
{
	unsigned int i;

	spin_lock_init(&ct->lock);
	for (i = 0; i < VZBC_RESOURCES; i++) {
		ct->res[i].barrier = VZBC_UNLIMITED;
		ct->res[i].limit = VZBC_UNLIMITED;
	}
	ct->res[VZBC_VMGUARPAGES].barrier = 0;
}

/* An uncharge of more than is held: a bug; held goes to 0 instead. */
void vzbc_uncharge_underflow(struct vzbc_ct *ct, unsigned int res, unsigned long val,
			     unsigned long held)
{
	WARN_ONCE(1, "uncharging %lu of %s from CT %u holding %lu\n",
		  val, vzbc_res_names[res], ct->ctid, held);
}

/*
 * Does ct already hold its barrier of res? Then the request about to be
 * made is refused, and counted in failcnt, before the kernel builds
 * anything for it.
 */
bool vzbc_bc_full(struct vzbc_ct *ct, unsigned int res)
{
	struct vzbc_counter *r = &ct->res[res];

	if ((unsigned long)atomic_long_read(&r->held) < READ_ONCE(r->barrier))
		return false;
	atomic_long_inc(&r->failcnt);
	return true;
}

/* Apply n limits (already validated) at once. */
void vzbc_bc_set_limits(struct vzbc_ct *ct, const struct vzbc_limit *l,
			unsigned int n)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&ct->lock, flags);
	for (i = 0; i < n; i++) {
		WRITE_ONCE(ct->res[l[i].resource].barrier, l[i].barrier);
		WRITE_ONCE(ct->res[l[i].resource].limit, l[i].limit);
	}
	spin_unlock_irqrestore(&ct->lock, flags);
}

/*
 * Record a usage read from the kernel's counters (mem.c): held as given,
 * maxheld the larger of ours and the counter's watermark (0: none), failcnt
 * the counter's (ULONG_MAX: keep ours, the refusals vzbc itself made).
 */
void vzbc_bc_sample(struct vzbc_ct *ct, unsigned int res, unsigned long held,
		    unsigned long maxheld, unsigned long failcnt)
{
	struct vzbc_counter *r = &ct->res[res];

	atomic_long_set(&r->held, held);
	vzbc_bc_raise_maxheld(r, max(held, maxheld));
	if (failcnt != ULONG_MAX)
		atomic_long_set(&r->failcnt, failcnt);
}

/* A request for res was refused outside vzbc_charge(). */
void vzbc_bc_refused(struct vzbc_ct *ct, unsigned int res)
{
	atomic_long_inc(&ct->res[res].failcnt);
}

unsigned long vzbc_bc_held(struct vzbc_ct *ct, unsigned int res)
{
	return atomic_long_read(&ct->res[res].held);
}

unsigned long vzbc_bc_barrier(struct vzbc_ct *ct, unsigned int res)
{
	return READ_ONCE(ct->res[res].barrier);
}

/* A copy of all of a container's counters, in the ABI's form. */
void vzbc_bc_export(struct vzbc_ct *ct, struct vzbc_ubparm *out)
{
	struct vzbc_res r;
	unsigned int i;

	for (i = 0; i < VZBC_RESOURCES; i++) {
		vzbc_bc_read(ct, i, &r);
		out[i].held = r.held;
		out[i].maxheld = r.maxheld;
		out[i].minheld = r.minheld;
		out[i].barrier = r.barrier;
		out[i].limit = r.limit;
		out[i].failcnt = r.failcnt;
	}
}
