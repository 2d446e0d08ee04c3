/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What can be shown of a container (vzlist's fields), as data: one row per
 * field (name, column header, width, getter, the CTID.conf key of a config
 * field), and the getters. How the values are laid out (columns, JSON) is
 * the tool's business.
 *
 * Beancounter fields are "resource" (held) and "resource.m" (maxheld),
 * ".b" (barrier), ".l" (limit), ".f" (failcnt) for every resource of
 * ubc.h: from vzbc.ko when the container runs; a stopped container's held,
 * maxheld and failcnt are unknown, its barrier and limit its config's.
 */
#ifndef VZ_CTINFO_H
#define VZ_CTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/vzbc.h>

#include "ubc.h"
#include "vzenv.h"

/* one container, as read once */
struct vz_ct {
	unsigned int ctid;
	struct vzenv env;
	bool running, mounted, have_bc, have_view;
	int nproc;
	struct vzbc_bc bc;
	struct vzbc_view_info view;	/* its loads, when have_view */
	bool have_net;			/* its venet traffic counters, from vzbc.ko */
	struct vzbc_net_stats net;
};

/* ct for ctid: its config and run state, its beancounters and view from vzfd (the
 * control device, or -1). 0 or -errno. */
int vz_ct_load(unsigned int ctid, int vzfd, struct vz_ct *ct);

struct vz_col;

struct vz_field {
	const char *name;
	const char *header;
	int width;		/* negative: left-aligned text */
	/* ct's value: text into buf; true, and the number into *num, when it
	 * is a number (it sorts as one; "-" and text do not) */
	bool (*get)(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		    unsigned long long *num);
	const char *key;	/* a config field's CTID.conf key; private, root */
	char sub;		/* a disk field: '\0' usage, 's' soft, 'h' hard limit;
				 * a traffic field: the counter */
};

/* Every field but the beancounters', ending with a NULL name. */
extern const struct vz_field vz_fields[];

/* a column: a field, for a beancounter the resource and which counter */
struct vz_col {
	const struct vz_field *f;
	const struct ubc_res *res;
	char which;		/* '\0' held, 'm' maxheld, 'b', 'l', 'f' */
	char header[32];
};

/* The column of a field name ("hostname", "numproc.f"): 0 or -EINVAL. */
int vz_col_parse(const char *name, struct vz_col *c);

/* A column's value for ct (see struct vz_field's get). */
bool vz_col_value(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		  unsigned long long *num);

/* Is the field one of the config's (a CTID.conf key shown as it is)? */
bool vz_field_is_conf(const struct vz_field *f);

/* Values the JSON output shows on their own: "running", "mounted" or
 * "stopped"; a beancounter counter (false: unknown); DISKSPACE (KiB) or
 * DISKINODES, used (sub '\0') or a limit (false: none); seconds since its
 * init started (false: not running); does its config limit RAM (vswap)? */
const char *vz_ct_status(const struct vz_ct *ct);
bool vz_ct_ubc(const struct vz_ct *ct, const struct ubc_res *res, char which,
	       unsigned long long *v);
bool vz_ct_disk(const struct vz_ct *ct, const char *key, char sub, unsigned long long *v);
bool vz_ct_uptime(const struct vz_ct *ct, unsigned long long *secs);
bool vz_ct_vswap(const struct vz_ct *ct);

#endif /* VZ_CTINFO_H */
