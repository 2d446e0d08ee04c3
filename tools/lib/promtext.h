/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prometheus' text exposition format (version 0.0.4), written into a
 * growing buffer: a family's HELP and TYPE, then its samples, each a name,
 * labels and a value. Nothing is printed; the caller sends the buffer.
 */
#ifndef VZ_PROMTEXT_H
#define VZ_PROMTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VZ_PROM_CONTENT_TYPE	"text/plain; version=0.0.4; charset=utf-8"

struct vz_prom {
	char *buf;
	size_t len, cap;
	bool failed;		/* out of memory: the text is incomplete */
};

struct vz_prom_label {
	const char *name;
	const char *value;
};

void vz_prom_init(struct vz_prom *p);
void vz_prom_free(struct vz_prom *p);

/* "# HELP name help" and "# TYPE name type" (gauge, counter). */
void vz_prom_family(struct vz_prom *p, const char *name, const char *type, const char *help);

/* A sample of an exact integer. */
void vz_prom_u64(struct vz_prom *p, const char *name, const struct vz_prom_label *l,
		 unsigned int n, uint64_t v);
/* A sample of a real number (+Inf for an infinite one). */
void vz_prom_double(struct vz_prom *p, const char *name, const struct vz_prom_label *l,
		    unsigned int n, double v);

/* Text appended as it is. */
void vz_prom_raw(struct vz_prom *p, const char *text);

#endif /* VZ_PROMTEXT_H */
