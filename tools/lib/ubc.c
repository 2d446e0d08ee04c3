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

#include "conf.h"
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

void ubc_format(uint64_t barrier, uint64_t limit, char *buf, size_t len)
{
	if (barrier > VZBC_UNLIMITED)
		barrier = VZBC_UNLIMITED;
	if (limit > VZBC_UNLIMITED)
		limit = VZBC_UNLIMITED;
	snprintf(buf, len, "%llu:%llu", (unsigned long long)barrier, (unsigned long long)limit);
}

int ubc_read_conf(const char *path, struct ubc_set *s, const struct ubc_res **bad)
{
	const struct ubc_res *r;
	char val[128];
	unsigned int i;
	int ret;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < VZBC_RESOURCES; i++)
		s->barrier[i] = s->limit[i] = VZBC_UNLIMITED;
	if (access(path, F_OK))
		return -errno;
	for (i = 0; i < ubc_nr_resources; i++) {
		r = &ubc_resources[i];
		ret = conf_get(path, r->key, val, sizeof(val));
		if (ret == -ENOENT || (!ret && !val[0]))
			continue;
		if (!ret)
			ret = ubc_parse(r, val, &s->barrier[r->id], &s->limit[r->id]);
		if (ret == -EINVAL || ret == -ENAMETOOLONG) {
			*bad = r;
			return -EINVAL;
		}
		if (ret < 0 && ret != -EDOM && ret != -ERANGE)
			return ret;
		s->have |= 1u << r->id;
	}
	return 0;
}
