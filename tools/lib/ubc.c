// SPDX-License-Identifier: GPL-2.0
/*
 * Beancounter resource table and value syntax (see ubc.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ubc.h"

#define UBC_RES(name, key, id, unit, header, what) { #name, #key, id, unit, header },

const struct ubc_res ubc_resources[] = {
	VZ_UBC_RESOURCES(UBC_RES)
};

const unsigned int ubc_nr_resources = sizeof(ubc_resources) / sizeof(ubc_resources[0]);

const struct ubc_res *ubc_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ubc_nr_resources; i++)
		if (!strcmp(ubc_resources[i].name, name))
			return &ubc_resources[i];
	return NULL;
}

const struct ubc_res *ubc_by_id(unsigned int id)
{
	unsigned int i;

	for (i = 0; i < ubc_nr_resources; i++)
		if (ubc_resources[i].id == id)
			return &ubc_resources[i];
	return NULL;
}

/* bytes per suffix unit; 0 for an unknown suffix */
static double suffix_bytes(char c)
{
	switch (toupper((unsigned char)c)) {
	case 'B': return 1;
	case 'K': return 1024.0;
	case 'M': return 1024.0 * 1024;
	case 'G': return 1024.0 * 1024 * 1024;
	case 'T': return 1024.0 * 1024 * 1024 * 1024;
	case 'P': return (double)sysconf(_SC_PAGESIZE);
	default: return 0;
	}
}

/* One side of "b:l", from s up to end (exclusive). */
static int parse_one(const struct ubc_res *res, const char *s, const char *end,
		     uint64_t *out)
{
	char buf[64], *num_end;
	size_t len = end - s;
	double v, per;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!strcmp(buf, "unlimited")) {
		*out = VZBC_UNLIMITED;
		return 0;
	}
	if (!isdigit((unsigned char)buf[0]))
		return -EINVAL;
	if (strspn(buf, "0123456789") == len) {	/* exact integers */
		unsigned long long u;

		errno = 0;
		u = strtoull(buf, NULL, 10);
		if (errno || u > VZBC_UNLIMITED) {
			*out = VZBC_UNLIMITED;
			return -ERANGE;
		}
		*out = u;
		return 0;
	}
	errno = 0;
	v = strtod(buf, &num_end);
	if (errno || !isfinite(v)) {
		*out = VZBC_UNLIMITED;
		return -ERANGE;
	}
	if (*num_end) {
		if (res->unit == UBC_COUNT || num_end[1])
			return -EINVAL;
		per = suffix_bytes(*num_end);
		if (!per)
			return -EINVAL;
		v *= per;
		if (res->unit == UBC_PAGES)
			v /= (double)sysconf(_SC_PAGESIZE);
	} else {
		return -EINVAL;		/* fractions only with a suffix */
	}
	if (v >= (double)VZBC_UNLIMITED) {
		*out = VZBC_UNLIMITED;
		return -ERANGE;
	}
	*out = (uint64_t)v;
	return 0;
}

int ubc_parse(const struct ubc_res *res, const char *s, uint64_t *barrier,
	      uint64_t *limit)
{
	const char *colon = strchr(s, ':');
	const char *end = s + strlen(s);
	int rb, rl;

	rb = parse_one(res, s, colon ? colon : end, barrier);
	if (rb == -EINVAL)
		return rb;
	if (colon) {
		rl = parse_one(res, colon + 1, end, limit);
		if (rl == -EINVAL)
			return rl;
	} else {
		*limit = *barrier;
		rl = rb;
	}
	if (*barrier > *limit)
		return -EDOM;
	return rb ? rb : rl;
}

static void format_one(uint64_t v, char *buf, size_t len)
{
	if (v >= VZBC_UNLIMITED)
		snprintf(buf, len, "unlimited");
	else
		snprintf(buf, len, "%llu", (unsigned long long)v);
}

void ubc_format(uint64_t barrier, uint64_t limit, char *buf, size_t len)
{
	char b[24], l[24];

	format_one(barrier, b, sizeof(b));
	format_one(limit, l, sizeof(l));
	snprintf(buf, len, "%s:%s", b, l);
}
