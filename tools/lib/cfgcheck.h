/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzcfgvalidate's checks: OpenVZ's consistency rules for the beancounters
 * of a CTID.conf, as a table (cfgcheck.c), each finding an error, a
 * warning or a recommendation with the repair that would satisfy it.
 *
 * A classic (UBC) config is checked as OpenVZ checked it: which barriers
 * must equal their limits or stay below them, which limits must be
 * unlimited, then the formulas tying resources together (kernel memory
 * against processes and the dentry cache, socket buffers against sockets,
 * files against processes and sockets). A vswap config (physpages has a
 * limit) has its RAM and swap checked against the host, and every barrier
 * against its limit.
 */
#ifndef VZ_CFGCHECK_H
#define VZ_CFGCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hostmem.h"
#include "ubc.h"

/* the values checked: the beancounters by enum vzbc_resource, then disk */
#define VZ_CC_DISKSPACE		VZBC_RESOURCES
#define VZ_CC_DISKINODES	(VZBC_RESOURCES + 1)
#define VZ_CC_SLOTS		(VZBC_RESOURCES + 2)

struct vz_cc_conf {
	uint32_t have;			/* bit (1 << slot) per value set */
	uint32_t changed;		/* bit per value a repair changed */
	uint64_t barrier[VZ_CC_SLOTS];	/* unlimited: VZBC_UNLIMITED */
	uint64_t limit[VZ_CC_SLOTS];
	uint64_t avnumproc;		/* AVNUMPROC's barrier, 0 when unset */
};

/*
 * The values of the config at path: 0, -ENOENT, or -EINVAL for a value
 * that does not parse (its key into bad).
 */
int vz_cc_read(const char *path, struct vz_cc_conf *c, char *bad, size_t len);

/* A slot's CTID.conf key, and its value as the config writes it. */
const char *vz_cc_key(unsigned int slot);
void vz_cc_format(const struct vz_cc_conf *c, unsigned int slot, char *buf, size_t len);

/* OpenVZ's choice: a config is vswap when physpages has a limit. */
bool vz_cc_vswap(const struct vz_cc_conf *c);

enum vz_cc_severity {
	VZ_CC_ERROR,
	VZ_CC_WARNING,
	VZ_CC_RECOMMENDATION,
};

struct vz_cc_finding {
	enum vz_cc_severity severity;
	char text[256];		/* what is wrong and what the value is now */
	bool repairable;
	unsigned int slot;	/* the repair: slot set to barrier:limit */
	uint64_t barrier, limit;
};

/* Called for each finding; returns true to have the repair made (the
 * checks after it then see the repaired values). */
typedef bool vz_cc_report_fn(const struct vz_cc_finding *f, void *arg);

/*
 * Check c (vswap: with the vswap rules, against host h), reporting each
 * finding to fn. Returns how many errors and warnings were left as they
 * were (recommendations do not count).
 */
unsigned int vz_cc_check(struct vz_cc_conf *c, bool vswap, const struct vz_hostmem *h,
			 vz_cc_report_fn *fn, void *arg);

#endif /* VZ_CFGCHECK_H */
