/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzbc-exporter's metrics: what one scrape reads of the host (every
 * container with a config: its state, its beancounters from
 * /proc/bc/resources, its cgroup's statistics, its traffic counters from
 * /proc/vz/netstat), and the collectors that turn it into Prometheus
 * families, a row each in vz_collectors[]. A new source is one more row:
 * a function that writes its families from the scrape, and what the
 * scrape must read for it.
 *
 * The families are listed in vzbc-exporter(8).
 */
#ifndef VZ_METRICS_H
#define VZ_METRICS_H

#include <stdbool.h>

#include "bcstat.h"
#include "cgstat.h"
#include "ctinfo.h"
#include "netstat.h"
#include "promtext.h"

struct vz_scrape_ct {
	struct vz_ct ct;		/* its config and state */
	bool have_bc;			/* running, and its beancounters were read */
	struct vz_bcblock bc;
	bool have_cg;			/* running, and its cgroup was read */
	struct vz_cgstat cg;
	bool have_uptime;
	unsigned long long uptime;	/* seconds since its init started */
	bool have_net;			/* running, and its traffic counters were read */
	struct vzbc_net_stats net;
};

struct vz_scrape {
	unsigned int n;
	struct vz_scrape_ct *c;
	bool module;			/* vzbc.ko's /proc/bc/resources was read */
	int module_err;			/* why not (-errno) */
	int net_err;			/* why /proc/vz/netstat was not read, or 0 */
};

/* Read every container with a config: 0 or -ENOMEM. Reading the
 * beancounters' file takes root, but no capability. */
int vz_scrape_load(struct vz_scrape *s);
void vz_scrape_free(struct vz_scrape *s);

struct vz_collector {
	const char *name;
	/* Write its families from s into p: 0, or -errno when it could not
	 * collect all it should (the scrape says so with
	 * vzbc_exporter_collector_success 0). */
	int (*collect)(struct vz_prom *p, const struct vz_scrape *s);
};

extern const struct vz_collector vz_collectors[];

/* Every collector's families from s, then the exporter's own: each
 * collector's success, the time the scrape took (seconds), the version. */
void vz_metrics_render_from(struct vz_prom *p, const struct vz_scrape *s, double seconds);

/* A whole scrape of this host into p: 0 or -ENOMEM. */
int vz_metrics_render(struct vz_prom *p);

#endif /* VZ_METRICS_H */
