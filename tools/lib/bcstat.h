/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Beancounters as OpenVZ's /proc files show them, read back: the rows of
 * /proc/user_beancounters (Version 2.5), /proc/bc/resources and
 * /proc/bc/CTID/resources, one block per container, for the tools that
 * read them as OpenVZ's did (vzubc, vzoversell, vzmemcheck), on the host
 * or inside a container, or from a saved copy.
 */
#ifndef VZ_BCSTAT_H
#define VZ_BCSTAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/vzbc.h>

struct vz_bcrow {
	uint64_t held, maxheld, barrier, limit, failcnt;
};

/* one container's rows, indexed by enum vzbc_resource */
struct vz_bcblock {
	unsigned int ctid;
	bool have_ctid;		/* false: a per-container file, no "CTID:" */
	uint32_t present;	/* bit (1 << id) per row the file had */
	struct vz_bcrow r[VZBC_RESOURCES];
};

struct vz_bcstat {
	unsigned int n;
	struct vz_bcblock *b;
};

/*
 * Parse the text of one of those files: 0, -EPROTO for a version other
 * than 2.5 or a row that is not "[CTID:] name held maxheld barrier limit
 * failcnt" (dummy rows and resources these tools do not know are passed
 * over), -ENOMEM. st is to be freed with vz_bcstat_free() in every case.
 */
int vz_bcstat_parse(FILE *f, struct vz_bcstat *st);

/* The same from a file, "-" being stdin: 0 or -errno. */
int vz_bcstat_read(const char *path, struct vz_bcstat *st);

void vz_bcstat_free(struct vz_bcstat *st);

/* The block of ctid, or NULL. */
const struct vz_bcblock *vz_bcstat_find(const struct vz_bcstat *st, unsigned int ctid);

/* The beancounter the control device returned, as a block. */
void vz_bcblock_from_bc(const struct vzbc_bc *bc, struct vz_bcblock *b);

/* The beancounters file a host tool reads: /proc/bc/resources (with
 * swappages), else /proc/user_beancounters. */
const char *vz_bcstat_default_path(void);

#endif /* VZ_BCSTAT_H */
