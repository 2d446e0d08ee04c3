// SPDX-License-Identifier: GPL-2.0
/*
 * OpenVZ's memory arithmetic over containers (see memshare.h).
 */
#include <math.h>
#include <string.h>

#include "memshare.h"

/* kernel memory and network buffers, as OpenVZ sums them */
static const unsigned int kmem_net_ids[] = {
	VZBC_KMEMSIZE, VZBC_TCPRCVBUF, VZBC_TCPSNDBUF, VZBC_DGRAMRCVBUF, VZBC_OTHERSOCKBUF,
};
#define NR_KMEM_NET	(sizeof(kmem_net_ids) / sizeof(kmem_net_ids[0]))

/* a value as a number, unlimited being infinite */
static double num(uint64_t v)
{
	return ubc_unlimited(v) ? INFINITY : (double)v;
}

bool vz_share_vswap(const struct ubc_set *s)
{
	return (s->have & (1u << VZBC_PHYSPAGES)) && !ubc_unlimited(s->limit[VZBC_PHYSPAGES]);
}

void vz_share_limits_of(const struct vz_bcblock *b, struct ubc_set *out)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < VZBC_RESOURCES; i++) {
		out->barrier[i] = b->r[i].barrier;
		out->limit[i] = b->r[i].limit;
	}
	out->have = b->present;
}

static uint64_t clamp_pages(double v)
{
	return v >= (double)VZBC_UNLIMITED ? VZBC_UNLIMITED : (uint64_t)v;
}

void vz_share_effective(const struct ubc_set *s, const struct vz_hostmem *h,
			double overcommit, struct ubc_set *out)
{
	uint64_t ram, swap, both;
	unsigned int i;

	*out = *s;
	if (!vz_share_vswap(s))
		return;
	for (i = 0; i < NR_KMEM_NET; i++) {
		unsigned int id = kmem_net_ids[i];

		if (ubc_unlimited(out->barrier[id]))
			out->barrier[id] = 0;
		if (ubc_unlimited(out->limit[id]))
			out->limit[id] = 0;
	}
	ram = s->limit[VZBC_PHYSPAGES];
	swap = s->limit[VZBC_SWAPPAGES];
	if (ubc_unlimited(swap) || !(s->have & (1u << VZBC_SWAPPAGES)))
		swap = clamp_pages(h->swap / h->page);
	both = ram + swap;
	if (ubc_unlimited(out->barrier[VZBC_OOMGUARPAGES]))
		out->barrier[VZBC_OOMGUARPAGES] = ram;
	if (!out->barrier[VZBC_VMGUARPAGES] || ubc_unlimited(out->barrier[VZBC_VMGUARPAGES]))
		out->barrier[VZBC_VMGUARPAGES] = both;
	if (ubc_unlimited(out->limit[VZBC_PRIVVMPAGES]))
		out->limit[VZBC_PRIVVMPAGES] = overcommit > 0 ? clamp_pages(both * overcommit) : both;
	out->have |= 1u << VZBC_OOMGUARPAGES | 1u << VZBC_VMGUARPAGES | 1u << VZBC_PRIVVMPAGES;
}

static double kmem_net(const uint64_t *v)
{
	double sum = 0;
	unsigned int i;

	for (i = 0; i < NR_KMEM_NET; i++)
		sum += num(v[kmem_net_ids[i]]);
	return sum;
}

static double kmem_net_held(const struct vz_bcblock *b)
{
	double sum = 0;
	unsigned int i;

	for (i = 0; i < NR_KMEM_NET; i++)
		sum += (double)b->r[kmem_net_ids[i]].held;
	return sum;
}

/* the largest of the rows given (NAN ones left out) */
static double largest(const double *v, const unsigned int *rows, unsigned int n)
{
	double m = NAN;
	unsigned int i;

	for (i = 0; i < n; i++)
		m = fmax(m, v[rows[i]]);
	return m;
}

void vz_share_ct(const struct vz_hostmem *h, const struct ubc_set *lim,
		 const struct vz_bcblock *now, struct vz_share *s)
{
	static const unsigned int all[] = { VZ_SH_LOWMEM, VZ_SH_RAM, VZ_SH_MEMSWAP, VZ_SH_ALLOC,
					    VZ_SH_NUMPROC };
	static const unsigned int promised[] = { VZ_SH_LOWMEM, VZ_SH_MEMSWAP, VZ_SH_ALLOC };
	static const unsigned int most[] = { VZ_SH_LOWMEM, VZ_SH_ALLOC, VZ_SH_NUMPROC };
	double low = h->lowmem * 0.4, total = h->ram + h->swap, kn;
	unsigned int i;

	for (i = 0; i < VZ_SH_ROWS; i++)
		s->now[i] = s->promised[i] = s->max[i] = NAN;
	s->have_now = now != NULL;
	if (now) {
		kn = kmem_net_held(now);
		s->now[VZ_SH_LOWMEM] = kn / low;
		s->now[VZ_SH_RAM] = ((double)now->r[VZBC_PHYSPAGES].held * h->page + kn) / h->ram;
		s->now[VZ_SH_MEMSWAP] = ((double)now->r[VZBC_OOMGUARPAGES].held * h->page + kn) /
					total;
		s->now[VZ_SH_ALLOC] = ((double)now->r[VZBC_PRIVVMPAGES].held * h->page + kn) / total;
		s->now[VZ_SH_NUMPROC] = (double)now->r[VZBC_NUMPROC].held / h->threads_max;
	}
	kn = kmem_net(lim->limit);
	s->promised[VZ_SH_LOWMEM] = s->max[VZ_SH_LOWMEM] = kn / low;
	s->promised[VZ_SH_MEMSWAP] = (num(lim->barrier[VZBC_OOMGUARPAGES]) * h->page + kn) / total;
	s->promised[VZ_SH_ALLOC] = (num(lim->barrier[VZBC_VMGUARPAGES]) * h->page + kn) / total;
	s->max[VZ_SH_ALLOC] = (num(lim->limit[VZBC_PRIVVMPAGES]) * h->page + kn) / total;
	if (!ubc_unlimited(lim->barrier[VZBC_NUMPROC]))
		s->max[VZ_SH_NUMPROC] = (double)lim->barrier[VZBC_NUMPROC] / h->threads_max;
	s->now_mem = now ? largest(s->now, all, 5) : NAN;
	s->promised_mem = largest(s->promised, promised, 3);
	s->max_mem = largest(s->max, most, 3);
}

void vz_memcheck_ct(const struct vz_hostmem *h, const struct vz_bcblock *b,
		    double col[VZ_MC_COLS])
{
	struct ubc_set raw, lim;
	double kh = kmem_net_held(b), kl;

	vz_share_limits_of(b, &raw);
	vz_share_effective(&raw, h, 0, &lim);
	kl = kmem_net(lim.limit);
	col[VZ_MC_LOWMEM_UTIL] = kh;
	col[VZ_MC_LOWMEM_COMMIT] = kl;
	col[VZ_MC_RAM_UTIL] = (double)b->r[VZBC_PHYSPAGES].held * h->page + kh;
	col[VZ_MC_MEMSWAP_UTIL] = (double)b->r[VZBC_OOMGUARPAGES].held * h->page + kh;
	col[VZ_MC_MEMSWAP_COMMIT] = num(lim.barrier[VZBC_OOMGUARPAGES]) * h->page + kl;
	col[VZ_MC_ALLOC_UTIL] = (double)b->r[VZBC_PRIVVMPAGES].held * h->page + kh;
	col[VZ_MC_ALLOC_COMMIT] = num(lim.barrier[VZBC_VMGUARPAGES]) * h->page + kl;
	col[VZ_MC_ALLOC_LIMIT] = num(lim.limit[VZBC_PRIVVMPAGES]) * h->page + kl;
}

void vz_memcheck_whole(const struct vz_hostmem *h, double col[VZ_MC_COLS])
{
	unsigned int i;

	col[VZ_MC_LOWMEM_UTIL] = col[VZ_MC_LOWMEM_COMMIT] = h->lowmem * 0.4;
	col[VZ_MC_RAM_UTIL] = h->ram;
	for (i = VZ_MC_MEMSWAP_UTIL; i < VZ_MC_COLS; i++)
		col[i] = h->ram + h->swap;
}

static void oversell_mem(const struct vz_bcrow *r, struct vz_oversell_mem *m)
{
	m->held = (double)r->held;
	m->maxheld = (double)r->maxheld;
	m->limit = (double)r->limit;
	m->failcnt = (double)r->failcnt;
}

static void add_flag(struct vz_oversell *o, char c)
{
	size_t n = strlen(o->flags);

	if (n < sizeof(o->flags) - 1)
		o->flags[n] = c;
}

void vz_oversell_ct(const struct vz_bcblock *b, struct vz_oversell *o)
{
	const struct vz_bcrow *phys = &b->r[VZBC_PHYSPAGES];
	double fails = 0;
	unsigned int i;

	memset(o, 0, sizeof(*o));
	oversell_mem(phys, &o->ram);
	oversell_mem(&b->r[VZBC_SWAPPAGES], &o->swap);
	if (!phys->limit || ubc_unlimited(phys->limit)) {
		if (ubc_unlimited(b->r[VZBC_PRIVVMPAGES].limit)) {
			add_flag(o, 'U');
			o->ram.limit = 0;
		} else {
			add_flag(o, 'R');
			o->ram.limit = (double)b->r[VZBC_PRIVVMPAGES].limit / 2;
		}
	}
	if (ubc_unlimited(b->r[VZBC_SWAPPAGES].limit)) {
		add_flag(o, 'S');
		o->swap.limit = 0;
	}
	for (i = 0; i < VZBC_RESOURCES; i++)
		if (b->present & (1u << i))
			fails += (double)b->r[i].failcnt;
	if (fails > 0)
		add_flag(o, fails == o->ram.failcnt ? 'f' : 'F');
}

static void add_mem(struct vz_oversell_mem *t, const struct vz_oversell_mem *m)
{
	t->held += m->held;
	t->maxheld += m->maxheld;
	t->limit += m->limit;
	t->failcnt += m->failcnt;
}

void vz_oversell_add(struct vz_oversell *total, const struct vz_oversell *o)
{
	size_t i;

	add_mem(&total->ram, &o->ram);
	add_mem(&total->swap, &o->swap);
	for (i = 0; o->flags[i]; i++)
		if (!strchr(total->flags, o->flags[i]))
			add_flag(total, o->flags[i]);
}
