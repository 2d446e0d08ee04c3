/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How much of the host's memory containers use and are promised, with
 * OpenVZ's arithmetic: a container's share (vzcalc), the host's
 * utilisation and commitment summed over its containers (vzmemcheck), RAM
 * and swap allocated against what the host has (vzoversell).
 *
 * OpenVZ counts a container's "kernel memory and network buffers" as
 * kmemsize + tcprcvbuf + tcpsndbuf + dgramrcvbuf + othersockbuf, and
 * weighs against the host:
 *   low memory   that sum, against 40% of low memory
 *   RAM          physpages (pages) + that sum, against RAM
 *   mem + swap   oomguarpages + that sum, against RAM + swap
 *   allocated    privvmpages (held), vmguarpages (promised) or
 *                privvmpages' limit (at most) + that sum, against RAM + swap
 *   processes    numproc, against kernel.threads-max
 * held values for what is used now, barriers for what is promised, limits
 * for the most, and the sum of the buffers' limits in both of the latter.
 *
 * A vswap container (physpages has a limit) is weighed as vzctl 4.6 and
 * later set it up: its kernel memory is part of its RAM (an unlimited
 * kmemsize or buffer counts 0), its oomguarpages barrier is its RAM, its
 * vmguarpages barrier its RAM + swap, and privvmpages, when unlimited, is
 * (RAM + swap) x VM_OVERCOMMIT, or RAM + swap without one: what it can
 * hold. Unlimited swap is the host's.
 */
#ifndef VZ_MEMSHARE_H
#define VZ_MEMSHARE_H

#include <stdbool.h>

#include "bcstat.h"
#include "hostmem.h"
#include "ubc.h"

/* Is s a vswap container's (a physpages limit)? */
bool vz_share_vswap(const struct ubc_set *s);

/* s as the arithmetic above reads it, into out (overcommit: VM_OVERCOMMIT,
 * 0 without one). */
void vz_share_effective(const struct ubc_set *s, const struct vz_hostmem *h,
			double overcommit, struct ubc_set *out);

/* A block's barriers and limits. */
void vz_share_limits_of(const struct vz_bcblock *b, struct ubc_set *out);

/* vzcalc's rows */
enum vz_share_row {
	VZ_SH_LOWMEM,
	VZ_SH_RAM,
	VZ_SH_MEMSWAP,
	VZ_SH_ALLOC,
	VZ_SH_NUMPROC,
	VZ_SH_ROWS,
};

/*
 * A container's share of the host, as fractions (1: all of it): now (from
 * its beancounters), promised and at most (from its limits); NAN where
 * OpenVZ shows "n/a" (and for processes when numproc is unlimited),
 * INFINITY for what an unlimited value leaves unbounded. mem: the largest
 * of each column, OpenVZ's "Memory" line.
 */
struct vz_share {
	bool have_now;
	double now[VZ_SH_ROWS], promised[VZ_SH_ROWS], max[VZ_SH_ROWS];
	double now_mem, promised_mem, max_mem;
};

/* lim: the container's config, effective; now: its beancounters, NULL
 * when it is stopped. */
void vz_share_ct(const struct vz_hostmem *h, const struct ubc_set *lim,
		 const struct vz_bcblock *now, struct vz_share *s);

/* vzmemcheck's columns */
enum vz_memcheck_col {
	VZ_MC_LOWMEM_UTIL,
	VZ_MC_LOWMEM_COMMIT,
	VZ_MC_RAM_UTIL,
	VZ_MC_MEMSWAP_UTIL,
	VZ_MC_MEMSWAP_COMMIT,
	VZ_MC_ALLOC_UTIL,
	VZ_MC_ALLOC_COMMIT,
	VZ_MC_ALLOC_LIMIT,
	VZ_MC_COLS,
};

/* A running container's columns, in bytes (they add up over containers),
 * and what each is weighed against. */
void vz_memcheck_ct(const struct vz_hostmem *h, const struct vz_bcblock *b,
		    double col[VZ_MC_COLS]);
void vz_memcheck_whole(const struct vz_hostmem *h, double col[VZ_MC_COLS]);

/* vzoversell: a container's RAM (physpages) and swap (swappages), in
 * pages, and its flags: R no RAM limit, so guessed as half its
 * privvmpages limit; U no limit at all, left out of the totals; S
 * unlimited swap, left out of the total; f failures of RAM only; F
 * failures of other resources */
struct vz_oversell_mem {
	double held, maxheld, limit, failcnt;
};

struct vz_oversell {
	struct vz_oversell_mem ram, swap;
	char flags[8];
};

void vz_oversell_ct(const struct vz_bcblock *b, struct vz_oversell *o);
void vz_oversell_add(struct vz_oversell *total, const struct vz_oversell *o);

#endif /* VZ_MEMSHARE_H */
