/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzsplit's arithmetic: the limits of one of N equal containers on a host.
 *
 * vswap style (the default): RAM and swap split evenly once the host has
 * kept its reserve (50 MiB, as OpenVZ's), CPU by equal weights, disk as
 * below. The classic set: every beancounter, with OpenVZ's vzsplit
 * formulas, at the first of its three "resource commit levels" the host
 * can afford (free, normal, partial shortage), or squeezed to the
 * minimums when it can afford none. Disk (both styles): half of the file
 * system holding the private areas, less 10 GiB for the host (or half of
 * it, when small), split evenly; barriers 10% under limits.
 */
#ifndef VZ_SPLIT_H
#define VZ_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hostmem.h"

/* What the host has, in bytes; disk in KiB and inodes (0: unknown) */
struct vz_split_host {
	struct vz_hostmem mem;
	double disk_kb, disk_inodes;
	bool inodes_unlimited;	/* a file system without an inode limit */
};

/* One container's values: keys of CTID.conf with barrier and limit, in
 * the unit the config takes them (pages, bytes, counts, KiB), in the order
 * OpenVZ's vzsplit writes them; unset keys are not written. */
enum vz_split_key {
	VZ_SP_NUMPROC, VZ_SP_AVNUMPROC, VZ_SP_NUMTCPSOCK, VZ_SP_NUMOTHERSOCK,
	VZ_SP_VMGUARPAGES,
	VZ_SP_KMEMSIZE, VZ_SP_TCPSNDBUF, VZ_SP_TCPRCVBUF, VZ_SP_OTHERSOCKBUF,
	VZ_SP_DGRAMRCVBUF, VZ_SP_OOMGUARPAGES, VZ_SP_PRIVVMPAGES,
	VZ_SP_LOCKEDPAGES, VZ_SP_SHMPAGES, VZ_SP_PHYSPAGES, VZ_SP_NUMFILE, VZ_SP_NUMFLOCK,
	VZ_SP_NUMPTY, VZ_SP_NUMSIGINFO, VZ_SP_DCACHESIZE, VZ_SP_NUMIPTENT,
	VZ_SP_SWAPPAGES, VZ_SP_DISKSPACE, VZ_SP_DISKINODES,
	VZ_SP_KEYS,
};

/* the CTID.conf key of each, and the group (primary, secondary,
 * auxiliary) of the classic set it starts, or NULL */
extern const char *const vz_split_keys[VZ_SP_KEYS];
const char *vz_split_group(enum vz_split_key k);

struct vz_split {
	unsigned int num;		/* containers */
	bool vswap;
	int level;			/* classic: 0..2, 3 for the squeezed set */
	bool default_disk;		/* the disk was unknown or too small */
	uint32_t set;			/* bit per key given a value */
	uint64_t barrier[VZ_SP_KEYS], limit[VZ_SP_KEYS];
};

/*
 * The host as vzsplit sees it: its memory, and the file system that holds
 * the private areas (VE_PRIVATE of vz.conf up to $VEID, or its nearest
 * existing parent), named into where. 0 or -errno for the memory; an
 * unreadable file system leaves the disk unknown (0).
 */
int vz_split_host_read(struct vz_split_host *h, char *where, size_t len);

/* OpenVZ's words for each commit level */
extern const char *const vz_split_level_text[4];

/*
 * Can the host hold num containers at all (5.3 MiB of RAM + swap and 1.3
 * MiB of low memory each, past its reserve)? 0, or -ENOSPC with *allowed
 * set to how many it can (0: the host has less than its reserve).
 */
int vz_split_fit(const struct vz_split_host *h, unsigned int num, unsigned int *allowed);

/*
 * Fill s for num containers: 0, or -ENOSPC when even the squeezed classic
 * set does not fit ("fewer containers"). threads-max is capped as OpenVZ
 * capped it (8000, 16000 with more than 2 GiB of low memory). Disk values
 * fall back to OpenVZ's defaults (220 MiB, 88000 inodes) when the disk is
 * unknown or too small for num (s->default_disk).
 */
int vz_split_calc(const struct vz_split_host *h, unsigned int num, bool vswap,
		  struct vz_split *s);

#endif /* VZ_SPLIT_H */
