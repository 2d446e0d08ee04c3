// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for vzbc-exporter's parts: Prometheus' text format
 * (tools/lib/promtext.c), the cgroup statistics' parsers (cgstat.c) and
 * /proc/vz/netstat's reader (netstat.c) and the collectors over a made-up
 * scrape (metrics.c).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "metrics.h"

#define U VZBC_UNLIMITED

static void text_format(void **state)
{
	struct vz_prom_label l[2] = { { "ctid", "101" }, { "name", "a \"b\"\\c\nd" } };
	struct vz_prom p;

	(void)state;
	vz_prom_init(&p);
	vz_prom_family(&p, "x_total", "counter", "Help with \\ and\nnewline");
	vz_prom_u64(&p, "x_total", l, 2, 18446744073709551615ULL);
	vz_prom_double(&p, "y", l, 1, INFINITY);
	vz_prom_double(&p, "y", NULL, 0, 1.5);
	vz_prom_double(&p, "y", NULL, 0, 0.000001);
	assert_false(p.failed);
	assert_string_equal(p.buf,
		"# HELP x_total Help with \\\\ and\\nnewline\n"
		"# TYPE x_total counter\n"
		"x_total{ctid=\"101\",name=\"a \\\"b\\\"\\\\c\\nd\"} 18446744073709551615\n"
		"y{ctid=\"101\"} +Inf\n"
		"y 1.5\n"
		"y 1e-06\n");
	assert_int_equal(p.len, strlen(p.buf));
	vz_prom_free(&p);
}

static void text_grows(void **state)
{
	struct vz_prom_label l = { "v", NULL };
	char big[1000];
	struct vz_prom p;
	unsigned int i;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	l.value = big;
	vz_prom_init(&p);
	for (i = 0; i < 100; i++)
		vz_prom_u64(&p, "m", &l, 1, i);
	assert_false(p.failed);
	assert_int_equal(p.len, 100 * (strlen("m{v=\"\"} 0\n") + 999) + 90);
	vz_prom_free(&p);
}

static FILE *text(const char *s)
{
	return fmemopen((void *)s, strlen(s), "r");
}

static void cgroup_files(void **state)
{
	struct vz_cgstat s = { 0 };
	uint64_t v;
	FILE *f;

	(void)state;
	f = text("usage_usec 3000\nuser_usec 2000\nsystem_usec 1000\nnr_periods 0\n"
		 "throttled_usec 7\n");
	assert_int_equal(vz_cgstat_parse_cpu(f, &s), 0);
	fclose(f);
	assert_true(s.have_cpu);
	assert_int_equal(s.cpu_user_usec, 2000);
	assert_int_equal(s.cpu_system_usec, 1000);
	assert_int_equal(s.cpu_throttled_usec, 7);
	f = text("usage_usec 3000\n");
	assert_int_equal(vz_cgstat_parse_cpu(f, &s), -EPROTO);
	fclose(f);

	f = text("anon 4096\nfile 8192\nkernel 100\nkernel_stack 16384\nslab 300\nsock 0\n"
		 "shmem 12\n");
	assert_int_equal(vz_cgstat_parse_memstat(f, &s), 0);
	fclose(f);
	assert_int_equal(s.memstat[VZ_CG_ANON], 4096);
	assert_int_equal(s.memstat[VZ_CG_FILE], 8192);
	assert_int_equal(s.memstat[VZ_CG_KERNEL_STACK], 16384);
	assert_int_equal(s.memstat[VZ_CG_SHMEM], 12);

	f = text("8:0 rbytes=1024 wbytes=2048 rios=1 wios=2 dbytes=0 dios=0\n"
		 "7:3 rbytes=5 wbytes=6 rios=7 wios=8\n");
	assert_int_equal(vz_cgstat_parse_io(f, &s), 0);
	fclose(f);
	assert_int_equal(s.n_io, 2);
	assert_int_equal(s.io[0].major, 8);
	assert_int_equal(s.io[0].wbytes, 2048);
	assert_int_equal(s.io[1].minor, 3);
	assert_int_equal(s.io[1].wios, 8);
	f = text("8:0 rbytes\n");
	assert_int_equal(vz_cgstat_parse_io(f, &s), -EPROTO);
	fclose(f);

	assert_int_equal(vz_cgstat_parse_value("max\n", &v), 0);
	assert_true(v == VZ_CG_MAX);
	assert_int_equal(vz_cgstat_parse_value("268435456\n", &v), 0);
	assert_int_equal(v, 268435456);
	assert_int_equal(vz_cgstat_parse_value("x", &v), -EPROTO);
	assert_int_equal(vz_cgstat_parse_value("12x", &v), -EPROTO);
	assert_int_equal(vz_cgstat_read("/nonexistent/cgroup", &s), -ENOENT);
}

static void netstat_file(void **state)
{
	const struct vzbc_net_stats *st;
	struct vz_netstat ns;
	FILE *f;

	(void)state;
	f = text("Version: 1.0\n"
		 "      CTID             in_bytes           in_packets            out_bytes"
		 "          out_packets           drop_bytes         drop_packets\n"
		 "       101                  840                   10                 1260"
		 "                   15                   28                    1\n"
		 "       102                    0                    0                    0"
		 "                    0                    0                    0\n");
	assert_int_equal(vz_netstat_parse(f, &ns), 0);
	fclose(f);
	assert_int_equal(ns.n, 2);
	st = vz_netstat_find(&ns, 101);
	assert_non_null(st);
	assert_int_equal(st->in_bytes, 840);
	assert_int_equal(st->in_packets, 10);
	assert_int_equal(st->out_bytes, 1260);
	assert_int_equal(st->out_packets, 15);
	assert_int_equal(st->drop_bytes, 28);
	assert_int_equal(st->drop_packets, 1);
	assert_non_null(vz_netstat_find(&ns, 102));
	assert_null(vz_netstat_find(&ns, 103));
	vz_netstat_free(&ns);

	f = text("Version: 2.0\nCTID in_bytes in_packets out_bytes out_packets drop_bytes "
		 "drop_packets\n");
	assert_int_equal(vz_netstat_parse(f, &ns), -EPROTO);
	fclose(f);
	f = text("Version: 1.0\nCTID in_bytes\n");
	assert_int_equal(vz_netstat_parse(f, &ns), -EPROTO);
	fclose(f);
	f = text("Version: 1.0\nCTID in_bytes in_packets out_bytes out_packets drop_bytes "
		 "drop_packets\n101 1 2 3 4 5\n");
	assert_int_equal(vz_netstat_parse(f, &ns), -EPROTO);
	fclose(f);
	assert_int_equal(ns.n, 0);
	vz_netstat_free(&ns);
	assert_int_equal(vz_netstat_read("/nonexistent/netstat", &ns), -ENOENT);
}

/* two containers: 101 running with its beancounters and cgroup, 102 stopped */
static void fake_scrape(struct vz_scrape *s, struct vz_scrape_ct c[2])
{
	unsigned int i;

	memset(c, 0, 2 * sizeof(*c));
	c[0].ct.ctid = 101;
	c[0].ct.running = c[0].ct.mounted = c[0].have_bc = true;
	c[0].bc.ctid = 101;
	c[0].bc.have_ctid = true;
	for (i = 0; i < VZBC_RESOURCES; i++)
		c[0].bc.r[i].barrier = c[0].bc.r[i].limit = U;
	c[0].bc.r[VZBC_NUMPROC] = (struct vz_bcrow){ 19, 20, 20, 20, 7 };
	c[0].bc.present = ~(1u << VZBC_DUMMY4);
	c[0].have_cg = true;
	c[0].cg.have_cpu = c[0].cg.have_mem = c[0].cg.have_pids = true;
	c[0].cg.cpu_user_usec = 1500000;
	c[0].cg.cpu_system_usec = 250000;
	c[0].cg.mem_current = 1 << 20;
	c[0].cg.mem_max = VZ_CG_MAX;
	c[0].cg.tasks = 3;
	c[0].cg.n_io = 1;
	c[0].cg.io[0] = (struct vz_cg_io){ 8, 0, 100, 200, 1, 2 };
	c[0].have_uptime = true;
	c[0].uptime = 42;
	c[0].have_net = true;
	c[0].net = (struct vzbc_net_stats){ 840, 10, 1260, 15, 28, 1 };
	c[1].ct.ctid = 102;
	*s = (struct vz_scrape){ .n = 2, .c = c, .module = true };
}

static bool has(const char *text, const char *line)
{
	char want[512];

	snprintf(want, sizeof(want), "\n%s\n", line);
	return strstr(text, want) != NULL;
}

static void collectors(void **state)
{
	struct vz_scrape_ct c[2];
	struct vz_scrape s;
	struct vz_prom p;

	(void)state;
	fake_scrape(&s, c);
	vz_prom_init(&p);
	vz_metrics_render_from(&p, &s, 0.25);
	assert_false(p.failed);
	assert_true(has(p.buf, "vzbc_beancounter_held{ctid=\"101\",resource=\"numproc\"} 19"));
	assert_true(has(p.buf, "vzbc_beancounter_maxheld{ctid=\"101\",resource=\"numproc\"} 20"));
	assert_true(has(p.buf, "vzbc_beancounter_barrier{ctid=\"101\",resource=\"numproc\"} 20"));
	assert_true(has(p.buf, "vzbc_beancounter_limit{ctid=\"101\",resource=\"kmemsize\"} +Inf"));
	assert_true(has(p.buf, "vzbc_beancounter_failcnt_total{ctid=\"101\",resource=\"numproc\"} 7"));
	assert_true(has(p.buf, "# TYPE vzbc_beancounter_failcnt_total counter"));
	/* a stopped container has no beancounter samples */
	assert_null(strstr(p.buf, "ctid=\"102\",resource="));
	assert_true(has(p.buf, "vzbc_container_state{ctid=\"101\",state=\"running\"} 1"));
	assert_true(has(p.buf, "vzbc_container_state{ctid=\"101\",state=\"stopped\"} 0"));
	assert_true(has(p.buf, "vzbc_container_state{ctid=\"102\",state=\"stopped\"} 1"));
	assert_true(has(p.buf, "vzbc_container_info{ctid=\"102\",name=\"\",hostname=\"\","
			"ostemplate=\"\"} 1"));
	assert_true(has(p.buf, "vzbc_container_uptime_seconds{ctid=\"101\"} 42"));
	assert_true(has(p.buf, "vzbc_container_cpu_seconds_total{ctid=\"101\",mode=\"user\"} 1.5"));
	assert_true(has(p.buf, "vzbc_container_cpu_seconds_total{ctid=\"101\",mode=\"system\"} "
			"0.25"));
	assert_true(has(p.buf, "vzbc_container_memory_bytes{ctid=\"101\"} 1048576"));
	assert_true(has(p.buf, "vzbc_container_memory_limit_bytes{ctid=\"101\"} +Inf"));
	assert_true(has(p.buf, "vzbc_container_tasks{ctid=\"101\"} 3"));
	assert_true(has(p.buf, "vzbc_container_io_written_bytes_total{ctid=\"101\","
			"device=\"8:0\"} 200"));
	/* no swap file read: no sample, the family is still described */
	assert_null(strstr(p.buf, "vzbc_container_swap_bytes{"));
	assert_true(has(p.buf, "# TYPE vzbc_container_swap_bytes gauge"));
	assert_true(has(p.buf, "vzbc_container_network_in_bytes_total{ctid=\"101\"} 840"));
	assert_true(has(p.buf, "vzbc_container_network_in_packets_total{ctid=\"101\"} 10"));
	assert_true(has(p.buf, "vzbc_container_network_out_bytes_total{ctid=\"101\"} 1260"));
	assert_true(has(p.buf, "vzbc_container_network_out_packets_total{ctid=\"101\"} 15"));
	assert_true(has(p.buf, "vzbc_container_network_dropped_bytes_total{ctid=\"101\"} 28"));
	assert_true(has(p.buf, "vzbc_container_network_dropped_packets_total{ctid=\"101\"} 1"));
	assert_true(has(p.buf, "# TYPE vzbc_container_network_in_bytes_total counter"));
	assert_true(has(p.buf, "# TYPE vzbc_container_network_dropped_packets_total counter"));
	/* a stopped container has no traffic samples */
	assert_null(strstr(p.buf, "network_in_bytes_total{ctid=\"102\"}"));
	assert_true(has(p.buf, "vzbc_exporter_collector_success{collector=\"network\"} 1"));
	assert_true(has(p.buf, "vzbc_module_loaded 1"));
	assert_true(has(p.buf, "vzbc_exporter_collector_success{collector=\"beancounters\"} 1"));
	assert_true(has(p.buf, "vzbc_exporter_collector_success{collector=\"cgroup\"} 1"));
	assert_true(has(p.buf, "vzbc_exporter_scrape_duration_seconds 0.25"));
	vz_prom_free(&p);
}

static void collectors_say_what_failed(void **state)
{
	struct vz_scrape_ct c[2];
	struct vz_scrape s;
	struct vz_prom p;

	(void)state;
	fake_scrape(&s, c);
	/* the module went away, 101 still runs; its cgroup could not be read */
	c[0].have_bc = false;
	c[0].have_cg = false;
	c[0].have_net = false;
	s.module = false;
	s.module_err = -ENOENT;
	s.net_err = -ENOENT;
	vz_prom_init(&p);
	vz_metrics_render_from(&p, &s, 0);
	assert_true(has(p.buf, "vzbc_module_loaded 0"));
	assert_true(has(p.buf, "vzbc_exporter_collector_success{collector=\"beancounters\"} 0"));
	assert_true(has(p.buf, "vzbc_exporter_collector_success{collector=\"containers\"} 1"));
	assert_true(has(p.buf, "vzbc_exporter_collector_success{collector=\"cgroup\"} 0"));
	assert_null(strstr(p.buf, "vzbc_beancounter_held{"));
	assert_true(has(p.buf, "vzbc_exporter_collector_success{collector=\"network\"} 0"));
	assert_null(strstr(p.buf, "vzbc_container_network_in_bytes_total{"));
	vz_prom_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_format),
		cmocka_unit_test(text_grows),
		cmocka_unit_test(cgroup_files),
		cmocka_unit_test(netstat_file),
		cmocka_unit_test(collectors),
		cmocka_unit_test(collectors_say_what_failed),
	};

	return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
