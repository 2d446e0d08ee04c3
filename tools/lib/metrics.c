// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-exporter's collectors (see metrics.h).
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "metrics.h"
#include "ubc.h"

/* ------------------------------------------------------------ the scrape */

int vz_scrape_load(struct vz_scrape *s)
{
	const struct vzbc_net_stats *ns;
	const struct vz_bcblock *b;
	struct vz_netstat net;
	struct vz_bcstat st;
	unsigned int *ids, n, i;

	memset(s, 0, sizeof(*s));
	n = vzenv_list_ctids(&ids);
	s->c = calloc(n ? n : 1, sizeof(*s->c));
	if (!s->c) {
		free(ids);
		return -ENOMEM;
	}
	s->module_err = vz_bcstat_read("/proc/bc/resources", &st);
	s->module = !s->module_err;
	s->net_err = vz_netstat_read("/proc/vz/netstat", &net);
	for (i = 0; i < n; i++) {
		struct vz_scrape_ct *c = &s->c[s->n];

		if (vz_ct_load(ids[i], -1, &c->ct) || !c->ct.env.exists)
			continue;
		if (c->ct.running) {
			b = vz_bcstat_find(&st, ids[i]);
			if (b) {
				c->bc = *b;
				c->have_bc = true;
			}
			c->have_cg = vz_cgstat_read(c->ct.env.cgroup, &c->cg) == 0;
			c->have_uptime = vz_ct_uptime(&c->ct, &c->uptime);
			ns = vz_netstat_find(&net, ids[i]);
			if (ns) {
				c->net = *ns;
				c->have_net = true;
			}
		}
		s->n++;
	}
	vz_bcstat_free(&st);
	vz_netstat_free(&net);
	free(ids);
	return 0;
}

void vz_scrape_free(struct vz_scrape *s)
{
	free(s->c);
	memset(s, 0, sizeof(*s));
}

static void ctid_label(const struct vz_scrape_ct *c, char *buf, size_t len)
{
	snprintf(buf, len, "%u", c->ct.ctid);
}

/* ------------------------------------------------------------ beancounters */

static const struct {
	const char *name, *type, *help;
	char which;		/* '\0' held, 'm' maxheld, 'b', 'l', 'f' */
} bc_families[] = {
	{ "vzbc_beancounter_held", "gauge",
	  "What a container holds of a resource now (pages, bytes or objects, as "
	  "/proc/user_beancounters)", '\0' },
	{ "vzbc_beancounter_maxheld", "gauge",
	  "The most a container has held of a resource since it started", 'm' },
	{ "vzbc_beancounter_barrier", "gauge",
	  "A resource's barrier (+Inf: unlimited)", 'b' },
	{ "vzbc_beancounter_limit", "gauge", "A resource's limit (+Inf: unlimited)", 'l' },
	{ "vzbc_beancounter_failcnt_total", "counter",
	  "Allocations of a resource refused at its barrier or limit", 'f' },
};

static uint64_t row_value(const struct vz_bcrow *r, char which)
{
	switch (which) {
	case 'm': return r->maxheld;
	case 'b': return r->barrier;
	case 'l': return r->limit;
	case 'f': return r->failcnt;
	default: return r->held;
	}
}

static int collect_bc(struct vz_prom *p, const struct vz_scrape *s)
{
	struct vz_prom_label l[2] = { { "ctid", NULL }, { "resource", NULL } };
	unsigned int f, i, r;
	char id[16];
	uint64_t v;
	int ret = 0;

	for (i = 0; i < s->n; i++)
		if (s->c[i].ct.running && !s->c[i].have_bc)
			ret = s->module ? -ENOENT : s->module_err;
	for (f = 0; f < sizeof(bc_families) / sizeof(bc_families[0]); f++) {
		char which = bc_families[f].which;

		vz_prom_family(p, bc_families[f].name, bc_families[f].type, bc_families[f].help);
		for (i = 0; i < s->n; i++) {
			if (!s->c[i].have_bc)
				continue;
			ctid_label(&s->c[i], id, sizeof(id));
			l[0].value = id;
			for (r = 0; r < ubc_nr_resources; r++) {
				const struct ubc_res *res = &ubc_resources[r];

				if (!(s->c[i].bc.present & (1u << res->id)))
					continue;
				l[1].value = res->name;
				v = row_value(&s->c[i].bc.r[res->id], which);
				if ((which == 'b' || which == 'l') && ubc_unlimited(v))
					vz_prom_double(p, bc_families[f].name, l, 2, INFINITY);
				else
					vz_prom_u64(p, bc_families[f].name, l, 2, v);
			}
		}
	}
	return ret;
}

/* ------------------------------------------------------------ containers */

static int collect_containers(struct vz_prom *p, const struct vz_scrape *s)
{
	static const char *const states[] = { "running", "mounted", "stopped" };
	struct vz_prom_label l[4];
	char id[16], name[256], host[256], ost[256];
	unsigned int i, k;

	vz_prom_family(p, "vzbc_module_loaded", "gauge",
		       "1 when vzbc.ko's beancounters could be read, else 0");
	vz_prom_u64(p, "vzbc_module_loaded", NULL, 0, s->module);

	vz_prom_family(p, "vzbc_container_info", "gauge",
		       "1 for each container with a config, with its name, hostname and OS template");
	for (i = 0; i < s->n; i++) {
		const struct vzenv *env = &s->c[i].ct.env;

		ctid_label(&s->c[i], id, sizeof(id));
		if (vzenv_get(env, "NAME", name, sizeof(name)))
			name[0] = '\0';
		if (vzenv_get(env, "HOSTNAME", host, sizeof(host)))
			host[0] = '\0';
		if (vzenv_get(env, "OSTEMPLATE", ost, sizeof(ost)))
			ost[0] = '\0';
		l[0] = (struct vz_prom_label){ "ctid", id };
		l[1] = (struct vz_prom_label){ "name", name };
		l[2] = (struct vz_prom_label){ "hostname", host };
		l[3] = (struct vz_prom_label){ "ostemplate", ost };
		vz_prom_u64(p, "vzbc_container_info", l, 4, 1);
	}

	vz_prom_family(p, "vzbc_container_state", "gauge",
		       "1 for the state a container is in (running, mounted or stopped), 0 for "
		       "the others");
	for (i = 0; i < s->n; i++) {
		ctid_label(&s->c[i], id, sizeof(id));
		for (k = 0; k < 3; k++) {
			l[0] = (struct vz_prom_label){ "ctid", id };
			l[1] = (struct vz_prom_label){ "state", states[k] };
			vz_prom_u64(p, "vzbc_container_state", l, 2,
				    !strcmp(vz_ct_status(&s->c[i].ct), states[k]));
		}
	}

	vz_prom_family(p, "vzbc_container_uptime_seconds", "gauge",
		       "Seconds since a running container's init started");
	for (i = 0; i < s->n; i++) {
		if (!s->c[i].have_uptime)
			continue;
		ctid_label(&s->c[i], id, sizeof(id));
		l[0] = (struct vz_prom_label){ "ctid", id };
		vz_prom_u64(p, "vzbc_container_uptime_seconds", l, 1, s->c[i].uptime);
	}
	return 0;
}

/* ------------------------------------------------------------ cgroup */

/* the one-value families of a running container's cgroup */
struct cg_family {
	const char *name, *type, *help;
	bool (*get)(const struct vz_cgstat *cg, double *v);
};

#define CG_GET(fn, cond, expr) \
	static bool fn(const struct vz_cgstat *cg, double *v) \
	{ \
		if (!(cond)) \
			return false; \
		*v = (expr); \
		return true; \
	}

static double limit_of(uint64_t v)
{
	return v == VZ_CG_MAX ? INFINITY : (double)v;
}

CG_GET(cpu_throttled, cg->have_cpu, cg->cpu_throttled_usec / 1e6)
CG_GET(mem_bytes, cg->have_mem, (double)cg->mem_current)
CG_GET(mem_limit, cg->have_mem, limit_of(cg->mem_max))
CG_GET(mem_peak, cg->have_peak, (double)cg->mem_peak)
CG_GET(swap_bytes, cg->have_swap, (double)cg->swap_current)
CG_GET(swap_limit, cg->have_swap, limit_of(cg->swap_max))
CG_GET(oom_kills, cg->have_mem, (double)cg->oom_kills)
CG_GET(tasks, cg->have_pids, (double)cg->tasks)

static const struct cg_family cg_families[] = {
	{ "vzbc_container_cpu_throttled_seconds_total", "counter",
	  "Time a container's tasks were held back by its CPU limit", cpu_throttled },
	{ "vzbc_container_memory_bytes", "gauge",
	  "Memory a container uses, its page cache and kernel memory included (memory.current)",
	  mem_bytes },
	{ "vzbc_container_memory_limit_bytes", "gauge",
	  "A container's memory limit (memory.max; +Inf: none)", mem_limit },
	{ "vzbc_container_memory_peak_bytes", "gauge",
	  "The most memory a container has used (memory.peak)", mem_peak },
	{ "vzbc_container_swap_bytes", "gauge", "Swap a container uses (memory.swap.current)",
	  swap_bytes },
	{ "vzbc_container_swap_limit_bytes", "gauge",
	  "A container's swap limit (memory.swap.max; +Inf: none)", swap_limit },
	{ "vzbc_container_oom_kills_total", "counter",
	  "Tasks of a container the kernel killed for want of memory", oom_kills },
	{ "vzbc_container_tasks", "gauge", "Processes and threads of a container (pids.current)",
	  tasks },
	{ NULL, NULL, NULL, NULL },
};

static void cg_cpu(struct vz_prom *p, const struct vz_scrape *s)
{
	static const char *const modes[] = { "user", "system" };
	struct vz_prom_label l[2];
	unsigned int i, m;
	char id[16];

	vz_prom_family(p, "vzbc_container_cpu_seconds_total", "counter",
		       "CPU time a container's tasks used, by mode (cpu.stat)");
	for (i = 0; i < s->n; i++) {
		const struct vz_cgstat *cg = &s->c[i].cg;

		if (!s->c[i].have_cg || !cg->have_cpu)
			continue;
		ctid_label(&s->c[i], id, sizeof(id));
		for (m = 0; m < 2; m++) {
			l[0] = (struct vz_prom_label){ "ctid", id };
			l[1] = (struct vz_prom_label){ "mode", modes[m] };
			vz_prom_double(p, "vzbc_container_cpu_seconds_total", l, 2,
				       (m ? cg->cpu_system_usec : cg->cpu_user_usec) / 1e6);
		}
	}
}

static void cg_memstat(struct vz_prom *p, const struct vz_scrape *s)
{
	struct vz_prom_label l[2];
	unsigned int i, k;
	char id[16];

	vz_prom_family(p, "vzbc_container_memory_stat_bytes", "gauge",
		       "A container's memory by kind: anon, file, kernel_stack, slab, sock, shmem "
		       "(memory.stat)");
	for (i = 0; i < s->n; i++) {
		if (!s->c[i].have_cg || !s->c[i].cg.have_mem)
			continue;
		ctid_label(&s->c[i], id, sizeof(id));
		for (k = 0; k < VZ_CG_MEMSTATS; k++) {
			l[0] = (struct vz_prom_label){ "ctid", id };
			l[1] = (struct vz_prom_label){ "type", vz_cg_memstat_names[k] };
			vz_prom_u64(p, "vzbc_container_memory_stat_bytes", l, 2, s->c[i].cg.memstat[k]);
		}
	}
}

static const struct {
	const char *name, *help;
} io_families[] = {
	{ "vzbc_container_io_read_bytes_total", "Bytes a container read, by device (io.stat)" },
	{ "vzbc_container_io_written_bytes_total",
	  "Bytes a container wrote, by device (io.stat)" },
	{ "vzbc_container_io_reads_total", "Read operations of a container, by device" },
	{ "vzbc_container_io_writes_total", "Write operations of a container, by device" },
};

static void cg_io(struct vz_prom *p, const struct vz_scrape *s)
{
	struct vz_prom_label l[2];
	unsigned int f, i, d;
	char id[16], dev[32];

	for (f = 0; f < 4; f++) {
		vz_prom_family(p, io_families[f].name, "counter", io_families[f].help);
		for (i = 0; i < s->n; i++) {
			const struct vz_cgstat *cg = &s->c[i].cg;

			if (!s->c[i].have_cg)
				continue;
			ctid_label(&s->c[i], id, sizeof(id));
			for (d = 0; d < cg->n_io; d++) {
				const struct vz_cg_io *io = &cg->io[d];
				const uint64_t v[] = { io->rbytes, io->wbytes, io->rios, io->wios };

				snprintf(dev, sizeof(dev), "%u:%u", io->major, io->minor);
				l[0] = (struct vz_prom_label){ "ctid", id };
				l[1] = (struct vz_prom_label){ "device", dev };
				vz_prom_u64(p, io_families[f].name, l, 2, v[f]);
			}
		}
	}
}

static int collect_cgroup(struct vz_prom *p, const struct vz_scrape *s)
{
	const struct cg_family *f;
	struct vz_prom_label l;
	unsigned int i;
	char id[16];
	double v;
	int ret = 0;

	cg_cpu(p, s);
	for (f = cg_families; f->name; f++) {
		vz_prom_family(p, f->name, f->type, f->help);
		for (i = 0; i < s->n; i++) {
			if (!s->c[i].have_cg || !f->get(&s->c[i].cg, &v))
				continue;
			ctid_label(&s->c[i], id, sizeof(id));
			l = (struct vz_prom_label){ "ctid", id };
			vz_prom_double(p, f->name, &l, 1, v);
		}
	}
	cg_memstat(p, s);
	cg_io(p, s);
	for (i = 0; i < s->n; i++)
		if (s->c[i].ct.running && !s->c[i].have_cg)
			ret = -ENOENT;
	return ret;
}

/* ------------------------------------------------------------ network */

/* vzbc.ko's counters of a container's venet pair (/proc/vz/netstat) */
static const struct {
	const char *name, *help;
	size_t off;		/* in struct vzbc_net_stats */
} net_families[] = {
	{ "vzbc_container_network_in_bytes_total",
	  "Bytes of IP packets that reached a container through its venet pair",
	  offsetof(struct vzbc_net_stats, in_bytes) },
	{ "vzbc_container_network_in_packets_total",
	  "IP packets that reached a container through its venet pair",
	  offsetof(struct vzbc_net_stats, in_packets) },
	{ "vzbc_container_network_out_bytes_total",
	  "Bytes of IP packets a container sent through its venet pair, let through",
	  offsetof(struct vzbc_net_stats, out_bytes) },
	{ "vzbc_container_network_out_packets_total",
	  "IP packets a container sent through its venet pair, let through",
	  offsetof(struct vzbc_net_stats, out_packets) },
	{ "vzbc_container_network_dropped_bytes_total",
	  "Bytes a container sent that the module dropped (a source address it does not own, "
	  "ARP, other protocols)", offsetof(struct vzbc_net_stats, drop_bytes) },
	{ "vzbc_container_network_dropped_packets_total",
	  "Packets a container sent that the module dropped (a source address it does not own, "
	  "ARP, other protocols)", offsetof(struct vzbc_net_stats, drop_packets) },
};

static int collect_net(struct vz_prom *p, const struct vz_scrape *s)
{
	struct vz_prom_label l;
	unsigned int f, i;
	char id[16];
	int ret = 0;

	for (i = 0; i < s->n; i++)
		if (s->c[i].ct.running && !s->c[i].have_net)
			ret = s->net_err ? s->net_err : -ENOENT;
	for (f = 0; f < sizeof(net_families) / sizeof(net_families[0]); f++) {
		vz_prom_family(p, net_families[f].name, "counter", net_families[f].help);
		for (i = 0; i < s->n; i++) {
			const char *st = (const char *)&s->c[i].net;

			if (!s->c[i].have_net)
				continue;
			ctid_label(&s->c[i], id, sizeof(id));
			l = (struct vz_prom_label){ "ctid", id };
			vz_prom_u64(p, net_families[f].name, &l, 1,
				    *(const __u64 *)(st + net_families[f].off));
		}
	}
	return ret;
}

/* ------------------------------------------------------------ the table */

const struct vz_collector vz_collectors[] = {
	{ "beancounters", collect_bc },
	{ "containers", collect_containers },
	{ "cgroup", collect_cgroup },
	{ "network", collect_net },
	{ NULL, NULL },
};

void vz_metrics_render_from(struct vz_prom *p, const struct vz_scrape *s, double seconds)
{
	struct vz_prom_label l;
	unsigned int i, n;
	int ok[8];

	for (n = 0; vz_collectors[n].name && n < 8; n++)
		ok[n] = vz_collectors[n].collect(p, s) == 0;
	vz_prom_family(p, "vzbc_exporter_collector_success", "gauge",
		       "1 when a collector read all it should have, else 0");
	for (i = 0; i < n; i++) {
		l = (struct vz_prom_label){ "collector", vz_collectors[i].name };
		vz_prom_u64(p, "vzbc_exporter_collector_success", &l, 1, ok[i]);
	}
	vz_prom_family(p, "vzbc_exporter_scrape_duration_seconds", "gauge",
		       "Seconds the exporter took to read the host for this scrape");
	vz_prom_double(p, "vzbc_exporter_scrape_duration_seconds", NULL, 0, seconds);
	vz_prom_family(p, "vzbc_exporter_build_info", "gauge",
		       "1, with the version of the vzbc tools as a label");
	l = (struct vz_prom_label){ "version", VZBC_TOOLS_VERSION };
	vz_prom_u64(p, "vzbc_exporter_build_info", &l, 1, 1);
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int vz_metrics_render(struct vz_prom *p)
{
	struct vz_scrape s;
	double start = now_seconds();
	int ret;

	ret = vz_scrape_load(&s);
	if (ret)
		return ret;
	vz_metrics_render_from(p, &s, now_seconds() - start);
	vz_scrape_free(&s);
	return p->failed ? -ENOMEM : 0;
}
