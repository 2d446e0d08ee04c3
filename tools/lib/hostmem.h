/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host as OpenVZ's capacity tools weigh it: RAM, swap, "low memory"
 * (LowTotal on a 32-bit host, all of RAM on a 64-bit one), the kernel's
 * thread limit, the page size and the CPUs.
 */
#ifndef VZ_HOSTMEM_H
#define VZ_HOSTMEM_H

#include <stdio.h>

struct vz_hostmem {
	double ram;		/* MemTotal, bytes */
	double swap;		/* SwapTotal, bytes */
	double lowmem;		/* LowTotal, or MemTotal without one, bytes */
	double threads_max;	/* kernel.threads-max */
	double page;		/* bytes per page */
	unsigned int cpus;	/* online CPUs */
};

/* RAM, swap and low memory from the text of /proc/meminfo: 0, or -EPROTO
 * without a MemTotal line. The rest of h is left alone. */
int vz_hostmem_parse_meminfo(FILE *f, struct vz_hostmem *h);

/* All of h from this host: 0 or -errno. */
int vz_hostmem_read(struct vz_hostmem *h);

#endif /* VZ_HOSTMEM_H */
