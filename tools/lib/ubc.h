/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The beancounter resources as the tools know them: names, config keys,
 * units, and OpenVZ's "barrier[:limit]" value syntax.
 */
#ifndef VZ_UBC_H
#define VZ_UBC_H

#include <stdint.h>
#include <linux/vzbc.h>

enum ubc_unit {
	UBC_COUNT,	/* num*: plain numbers, no suffix */
	UBC_PAGES,	/* *pages: pages; K/M/G/T suffixes are bytes */
	UBC_BYTES,	/* bytes; K/M/G/T/P suffixes */
};

struct ubc_res {
	const char *name;	/* as in /proc/user_beancounters and --name */
	const char *key;	/* CTID.conf key */
	unsigned int id;	/* enum vzbc_resource */
	enum ubc_unit unit;
};

/* The settable resources, in OpenVZ's order (no dummies). */
extern const struct ubc_res ubc_resources[];
extern const unsigned int ubc_nr_resources;

const struct ubc_res *ubc_by_name(const char *name);
const struct ubc_res *ubc_by_id(unsigned int id);

/*
 * Parse "barrier[:limit]" for res: each side a number (with a fraction and
 * a K/M/G/T/P/B suffix where the unit allows one) or "unlimited"; a missing
 * limit equals the barrier. Values are converted to res's unit. Returns 0,
 * -EINVAL on bad syntax, -EDOM when barrier > limit, -ERANGE when a value exceeds
 * VZBC_UNLIMITED (the caller may clamp: the barrier and limit are set to
 * VZBC_UNLIMITED then).
 */
int ubc_parse(const struct ubc_res *res, const char *s, uint64_t *barrier,
	      uint64_t *limit);

/* "barrier:limit" as CTID.conf stores it, "unlimited" for VZBC_UNLIMITED */
void ubc_format(uint64_t barrier, uint64_t limit, char *buf, size_t len);

#endif /* VZ_UBC_H */
