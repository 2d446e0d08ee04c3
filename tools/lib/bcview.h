/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Beancounter values for people (vzubc, vzoversell): sizes in K/M/G with
 * pages turned into bytes, held and maxheld as percentages of the barrier
 * and the limit, how close a row is to its limits, and the failure
 * counters of the last run that vzubc -r subtracts.
 */
#ifndef VZ_BCVIEW_H
#define VZ_BCVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "bcstat.h"
#include "ubc.h"

/* Room for any of the strings below */
#define VZ_BC_HUMAN_LEN	16

/*
 * v in unit as a short string: pages are made bytes, then anything of 1024
 * or more is divided down with a K, M, G, T, P or E after it; three
 * significant digits below 100 ("9.09K", "240", "1.5M"). "-" for 0 and for
 * unlimited (VZBC_UNLIMITED, or 2147483647, a 32-bit host's).
 */
void vz_bc_human(uint64_t v, enum ubc_unit unit, char *buf, size_t len);

/* p as a percentage of d: "5%", "45%", "0.3%", "150%"; "-" when d is 0 or
 * unlimited or the share rounds to nothing. */
void vz_bc_percent(uint64_t p, uint64_t d, char *buf, size_t len);

enum vz_bc_level {
	VZ_BC_OK,
	VZ_BC_NEAR,	/* held or maxheld near the barrier */
	VZ_BC_FAIL,	/* failures counted, or held above the barrier */
};

/* The thresholds of vzubc -q and -c: held / barrier and maxheld / barrier
 * (the limit when the barrier is 0) at or above which a row is near its
 * limits. OpenVZ's defaults are 0.5 and 0.8. */
struct vz_bc_thresholds {
	double held, maxheld;
};

/*
 * Read a threshold as vzubc takes it: a ratio (0.5) or a percentage (50,
 * meaning 0.5 when above 1). 0 or -EINVAL.
 */
int vz_bc_parse_threshold(const char *s, double *ratio);

enum vz_bc_level vz_bc_level(const struct vz_bcrow *r, const struct vz_bc_thresholds *t);

/*
 * The counters kept between runs for vzubc -r (failcnt) and -i (held):
 * one file per container in dir, "ubc.CTID.WHAT" (WHAT being "failcnt" or
 * "held"), a line "resource value" per row. vz_bc_store_prepare makes dir
 * (mode 0700) if missing and refuses one that is not a directory owned by
 * the caller and closed to others (-EPERM). load fills vals (indexed by
 * enum vzbc_resource) and the bits of *present of the rows it had, nothing
 * when no file was kept; clear removes the files of one WHAT. 0 or -errno.
 */
int vz_bc_store_prepare(const char *dir);
int vz_bc_store_load(const char *dir, unsigned int ctid, const char *what,
		     uint64_t vals[VZBC_RESOURCES], uint32_t *present);
int vz_bc_store_save(const char *dir, unsigned int ctid, const char *what,
		     const uint64_t vals[VZBC_RESOURCES], uint32_t present);
int vz_bc_store_clear(const char *dir, const char *what);

/* failcnt as vzubc -r shows it: now less what was kept, or now when the
 * counter went back (the container restarted) or nothing was kept */
uint64_t vz_bc_failcnt_since(uint64_t now, int have_old, uint64_t old);

#endif /* VZ_BCVIEW_H */
