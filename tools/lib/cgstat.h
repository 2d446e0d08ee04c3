/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a container's cgroup v2 directory says about its use of the
 * machine: CPU time (cpu.stat), memory and swap (memory.current, .max,
 * .peak, .swap.current, .swap.max, .stat, .events), tasks (pids.current)
 * and disk I/O per device (io.stat). Values as the files give them; a
 * file that is not there (a controller not enabled) leaves its part
 * unset.
 */
#ifndef VZ_CGSTAT_H
#define VZ_CGSTAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define VZ_CG_MAX	UINT64_MAX	/* "max": no limit */
#define VZ_CG_IO_DEVS	16

/* the memory.stat keys kept, in this order */
enum vz_cg_memstat {
	VZ_CG_ANON, VZ_CG_FILE, VZ_CG_KERNEL_STACK, VZ_CG_SLAB, VZ_CG_SOCK, VZ_CG_SHMEM,
	VZ_CG_MEMSTATS,
};
extern const char *const vz_cg_memstat_names[VZ_CG_MEMSTATS];

struct vz_cg_io {
	unsigned int major, minor;
	uint64_t rbytes, wbytes, rios, wios;
};

struct vz_cgstat {
	bool have_cpu, have_mem, have_peak, have_swap, have_pids;
	uint64_t cpu_user_usec, cpu_system_usec, cpu_throttled_usec;
	uint64_t mem_current, mem_max, mem_peak, swap_current, swap_max;
	uint64_t memstat[VZ_CG_MEMSTATS];
	uint64_t oom_kills;
	uint64_t tasks;
	unsigned int n_io;
	struct vz_cg_io io[VZ_CG_IO_DEVS];
};

/* Read the cgroup at dir into s: 0, or -errno when dir is not there. */
int vz_cgstat_read(const char *dir, struct vz_cgstat *s);

/* The parsers under it, for the text of one file each: 0 or -EPROTO. */
int vz_cgstat_parse_cpu(FILE *f, struct vz_cgstat *s);
int vz_cgstat_parse_memstat(FILE *f, struct vz_cgstat *s);
int vz_cgstat_parse_io(FILE *f, struct vz_cgstat *s);
/* one number, or "max" (VZ_CG_MAX) */
int vz_cgstat_parse_value(const char *text, uint64_t *v);

#endif /* VZ_CGSTAT_H */
