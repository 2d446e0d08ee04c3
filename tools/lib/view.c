// SPDX-License-Identifier: GPL-2.0
/*
 * A container's view as CTID.conf keeps it (see view.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/vzbc.h>

#include "view.h"

static const struct {
	const char *name;
	unsigned int part;
} view_parts[] = {
	{ "meminfo", VZBC_VIEW_MEMINFO },
	{ "cpu", VZBC_VIEW_CPU },
	{ "loadavg", VZBC_VIEW_LOADAVG },
	{ "uptime", VZBC_VIEW_UPTIME },
};

#define NR_PARTS (sizeof(view_parts) / sizeof(view_parts[0]))

static int part_by_name(const char *s, size_t n, unsigned int *part)
{
	size_t i;

	for (i = 0; i < NR_PARTS; i++)
		if (strlen(view_parts[i].name) == n && !strncmp(view_parts[i].name, s, n)) {
			*part = view_parts[i].part;
			return 0;
		}
	return -EINVAL;
}

int vz_view_parse(const char *s, unsigned int *parts)
{
	unsigned int p = 0, one;
	size_t n;

	if (!strcmp(s, "all")) {
		*parts = VZBC_VIEW_ALL;
		return 0;
	}
	if (!strcmp(s, "none")) {
		*parts = 0;
		return 0;
	}
	for (;;) {
		n = strcspn(s, ",");
		if (part_by_name(s, n, &one))
			return -EINVAL;
		p |= one;
		if (!s[n])
			break;
		s += n + 1;
	}
	*parts = p;
	return 0;
}

void vz_view_format(unsigned int parts, char *buf, size_t len)
{
	size_t i, used = 0;

	parts &= VZBC_VIEW_ALL;
	if (parts == VZBC_VIEW_ALL || !parts) {
		snprintf(buf, len, "%s", parts ? "all" : "none");
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < NR_PARTS; i++)
		if ((parts & view_parts[i].part) && used < len)
			used += snprintf(buf + used, len - used, "%s%s", used ? "," : "",
					 view_parts[i].name);
}

int vz_meminfo_parse(const char *s, int *on)
{
	if (!strcmp(s, "none") || !strcmp(s, "on")) {
		*on = s[0] == 'o';
		return 0;
	}
	if (!strncmp(s, "pages:", 6) || !strncmp(s, "privvmpages:", 12))
		return -EOPNOTSUPP;
	return -EINVAL;
}

int vz_view_parts(const char *view, const char *meminfo, unsigned int *parts)
{
	unsigned int p = VZBC_VIEW_ALL;
	int on, ret;

	if (view[0] && (ret = vz_view_parse(view, &p)))
		return ret;
	if (meminfo[0]) {
		ret = vz_meminfo_parse(meminfo, &on);
		if (ret)
			return ret;
		p = on ? p | VZBC_VIEW_MEMINFO : p & ~VZBC_VIEW_MEMINFO;
	}
	*parts = p;
	return 0;
}

void vz_loadavg_format(const __u64 load[3], char *buf, size_t len)
{
	/* as the kernel prints /proc/loadavg: rounded to two decimals */
	const __u64 one = 1ULL << VZBC_LOAD_SHIFT;
	unsigned long long i[3], f[3];
	__u64 l;
	int k;

	for (k = 0; k < 3; k++) {
		l = load[k] + one / 200;
		i[k] = l / one;
		f[k] = (l % one) * 100 / one;
	}
	snprintf(buf, len, "%llu.%02llu/%llu.%02llu/%llu.%02llu", i[0], f[0], i[1], f[1],
		 i[2], f[2]);
}
