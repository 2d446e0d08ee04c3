// SPDX-License-Identifier: GPL-2.0
/*
 * Prometheus' text format (see promtext.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promtext.h"

void vz_prom_init(struct vz_prom *p)
{
	memset(p, 0, sizeof(*p));
}

void vz_prom_free(struct vz_prom *p)
{
	free(p->buf);
	vz_prom_init(p);
}

static bool room(struct vz_prom *p, size_t more)
{
	size_t cap = p->cap ? p->cap : 8192;
	char *b;

	if (p->failed)
		return false;
	if (p->len + more + 1 <= p->cap)
		return true;
	while (cap < p->len + more + 1)
		cap *= 2;
	b = realloc(p->buf, cap);
	if (!b) {
		p->failed = true;
		return false;
	}
	p->buf = b;
	p->cap = cap;
	return true;
}

static void put(struct vz_prom *p, const char *s, size_t n)
{
	if (!room(p, n))
		return;
	memcpy(p->buf + p->len, s, n);
	p->len += n;
	p->buf[p->len] = '\0';
}

static void __attribute__((format(printf, 2, 3))) putf(struct vz_prom *p, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		put(p, small, n);
		return;
	}
	if (!room(p, n))
		return;
	va_start(ap, fmt);
	vsnprintf(p->buf + p->len, n + 1, fmt, ap);
	va_end(ap);
	p->len += n;
}

void vz_prom_raw(struct vz_prom *p, const char *text)
{
	put(p, text, strlen(text));
}

/* HELP text escapes backslash and newline; label values also quotes */
static void escaped(struct vz_prom *p, const char *s, bool quotes)
{
	for (; *s; s++) {
		if (*s == '\\')
			put(p, "\\\\", 2);
		else if (*s == '\n')
			put(p, "\\n", 2);
		else if (*s == '"' && quotes)
			put(p, "\\\"", 2);
		else
			put(p, s, 1);
	}
}

void vz_prom_family(struct vz_prom *p, const char *name, const char *type, const char *help)
{
	putf(p, "# HELP %s ", name);
	escaped(p, help, false);
	putf(p, "\n# TYPE %s %s\n", name, type);
}

static void head(struct vz_prom *p, const char *name, const struct vz_prom_label *l,
		 unsigned int n)
{
	unsigned int i;

	vz_prom_raw(p, name);
	if (!n)
		return;
	put(p, "{", 1);
	for (i = 0; i < n; i++) {
		putf(p, "%s%s=\"", i ? "," : "", l[i].name);
		escaped(p, l[i].value, true);
		put(p, "\"", 1);
	}
	put(p, "}", 1);
}

void vz_prom_u64(struct vz_prom *p, const char *name, const struct vz_prom_label *l,
		 unsigned int n, uint64_t v)
{
	head(p, name, l, n);
	putf(p, " %llu\n", (unsigned long long)v);
}

void vz_prom_double(struct vz_prom *p, const char *name, const struct vz_prom_label *l,
		    unsigned int n, double v)
{
	head(p, name, l, n);
	if (isinf(v))
		putf(p, " %sInf\n", v > 0 ? "+" : "-");
	else if (isnan(v))
		putf(p, " NaN\n");
	else
		putf(p, " %.15g\n", v);
}
