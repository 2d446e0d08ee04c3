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
 */
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

bool vzbc_res_is_dummy(unsigned int res)
{
	return res == VZBC_DUMMY4 || (res >= VZBC_DUMMY20 && res <= VZBC_DUMMY22);
}

/* New containers start unlimited, as in OpenVZ, but for vmguarpages. */
void vzbc_bc_init(struct vzbc_ct *ct)
{
	unsigned int i;

	spin_lock_init(&ct->lock);
	INIT_LIST_HEAD(&ct->socks);
	for (i = 0; i < VZBC_RESOURCES; i++) {
		ct->res[i].barrier = VZBC_UNLIMITED;
		ct->res[i].limit = VZBC_UNLIMITED;
	}
	ct->res[VZBC_VMGUARPAGES].barrier = 0;
}

static unsigned long vzbc_bound(const struct vzbc_res *r, enum vzbc_strict s)
{
	switch (s) {
	case VZBC_HARD:
		return r->barrier;
	case VZBC_SOFT:
		return r->limit;
	default:
		return ULONG_MAX;
	}
}

int vzbc_charge(struct vzbc_ct *ct, unsigned int res, unsigned long val,
		enum vzbc_strict strict)
{
	struct vzbc_res *r = &ct->res[res];
	unsigned long flags, held;
	int ret = 0;

	spin_lock_irqsave(&ct->lock, flags);
	held = r->held + val;
	if (held < r->held || held > vzbc_bound(r, strict)) {
		r->failcnt++;
		ret = -ENOMEM;
	} else {
		r->held = held;
		if (held > r->maxheld)
			r->maxheld = held;
		if (held < r->minheld)
			r->minheld = held;
	}
	spin_unlock_irqrestore(&ct->lock, flags);
	return ret;
}

void vzbc_uncharge(struct vzbc_ct *ct, unsigned int res, unsigned long val)
{
	struct vzbc_res *r = &ct->res[res];
	unsigned long flags;

	spin_lock_irqsave(&ct->lock, flags);
	if (WARN_ONCE(r->held < val, "uncharging %lu of %s from CT %u holding %lu\n",
		      val, vzbc_res_names[res], ct->ctid, r->held))
		val = r->held;
	r->held -= val;
	if (r->held < r->minheld)
		r->minheld = r->held;
	spin_unlock_irqrestore(&ct->lock, flags);
}

/* Apply n limits (already validated) at once. */
void vzbc_bc_set_limits(struct vzbc_ct *ct, const struct vzbc_limit *l,
			unsigned int n)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&ct->lock, flags);
	for (i = 0; i < n; i++) {
		ct->res[l[i].resource].barrier = l[i].barrier;
		ct->res[l[i].resource].limit = l[i].limit;
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
	struct vzbc_res *r = &ct->res[res];
	unsigned long flags;

	spin_lock_irqsave(&ct->lock, flags);
	r->held = held;
	r->maxheld = max3(r->maxheld, held, maxheld);
	if (held < r->minheld)
		r->minheld = held;
	if (failcnt != ULONG_MAX)
		r->failcnt = failcnt;
	spin_unlock_irqrestore(&ct->lock, flags);
}

/* A request for res was refused outside vzbc_charge(). */
void vzbc_bc_refused(struct vzbc_ct *ct, unsigned int res)
{
	unsigned long flags;

	spin_lock_irqsave(&ct->lock, flags);
	ct->res[res].failcnt++;
	spin_unlock_irqrestore(&ct->lock, flags);
}

unsigned long vzbc_bc_barrier(struct vzbc_ct *ct, unsigned int res)
{
	return READ_ONCE(ct->res[res].barrier);
}

/* A consistent copy of one resource's counters. */
void vzbc_bc_read(struct vzbc_ct *ct, unsigned int res, struct vzbc_res *out)
{
	unsigned long flags;

	spin_lock_irqsave(&ct->lock, flags);
	*out = ct->res[res];
	spin_unlock_irqrestore(&ct->lock, flags);
}

/* A consistent copy of all of a container's counters, in the ABI's form. */
void vzbc_bc_export(struct vzbc_ct *ct, struct vzbc_ubparm *out)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&ct->lock, flags);
	for (i = 0; i < VZBC_RESOURCES; i++) {
		out[i].held = ct->res[i].held;
		out[i].maxheld = ct->res[i].maxheld;
		out[i].minheld = ct->res[i].minheld;
		out[i].barrier = ct->res[i].barrier;
		out[i].limit = ct->res[i].limit;
		out[i].failcnt = ct->res[i].failcnt;
	}
	spin_unlock_irqrestore(&ct->lock, flags);
}
