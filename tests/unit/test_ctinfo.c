// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for vzlist's field table (tools/lib/ctinfo.c): field names to
 * columns and OpenVZ's headers, values of a container known only by its
 * config.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ctinfo.h"

static void header(const char *name, const char *want)
{
	struct vz_col c;

	assert_int_equal(vz_col_parse(name, &c), 0);
	assert_string_equal(c.header, want);
}

static void columns_and_headers(void **state)
{
	struct vz_col c;

	(void)state;
	header("ctid", "CTID");
	header("veid", "CTID");
	header("hostname", "HOSTNAME");
	header("numproc", "NPROC");	/* the field, not the beancounter */
	header("numproc.f", "NPROC.F");
	header("numfile.m", "NFILE.M");
	header("kmemsize.b", "KMEMSIZE.B");
	header("physpages.l", "PHYSP.L");
	header("dcachesize", "DCACHESZ");
	header("diskspace.s", "DQBLOCKS.S");
	header("diskinodes.h", "DQINODES.H");
	header("traffic_in", "TRAFFIC_IN");
	header("packets_drop", "PACKETS_DROP");
	assert_int_equal(vz_col_parse("nosuch", &c), -EINVAL);
	assert_int_equal(vz_col_parse("numproc.x", &c), -EINVAL);
	assert_int_equal(vz_col_parse("numfile.mm", &c), -EINVAL);
	assert_int_equal(vz_col_parse("hostname.m", &c), -EINVAL);
}

static void table_is_consistent(void **state)
{
	const struct vz_field *f, *g;
	unsigned int i;

	(void)state;
	for (f = vz_fields; f->name; f++) {
		assert_non_null(f->header);
		assert_non_null(f->get);
		assert_true(f->width != 0);
		assert_true(!vz_field_is_conf(f) || f->key);
		for (g = f + 1; g->name; g++)
			assert_string_not_equal(f->name, g->name);
	}
	/* no field hides a beancounter */
	for (i = 0; i < ubc_nr_resources; i++)
		for (f = vz_fields; f->name; f++)
			assert_true(strcmp(f->name, ubc_resources[i].name) ||
				    !strcmp(f->name, "numproc"));
}

static void a_stopped_container(void **state)
{
	static struct vz_ct ct;
	unsigned long long num = 0;
	struct vz_col c;
	char buf[64];

	(void)state;
	memset(&ct, 0, sizeof(ct));
	ct.ctid = 101;
	strcpy(ct.env.conf, "/nonexistent/101.conf");
	assert_int_equal(vz_col_parse("ctid", &c), 0);
	assert_true(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "101");
	assert_true(num == 101);
	assert_int_equal(vz_col_parse("numproc", &c), 0);
	assert_false(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "-");
	assert_int_equal(vz_col_parse("status", &c), 0);
	vz_col_value(&ct, &c, buf, sizeof(buf), &num);
	assert_string_equal(buf, "stopped");
	/* held unknown, limits its config's (none: unlimited) */
	assert_int_equal(vz_col_parse("numfile", &c), 0);
	assert_false(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "-");
	assert_int_equal(vz_col_parse("numfile.l", &c), 0);
	assert_true(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "9223372036854775807");
	/* no traffic counters: "-" */
	assert_int_equal(vz_col_parse("traffic_out", &c), 0);
	assert_false(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "-");
	assert_int_equal(vz_col_parse("smart_name", &c), 0);
	vz_col_value(&ct, &c, buf, sizeof(buf), &num);
	assert_string_equal(buf, "101");
	/* no load average but the module's */
	assert_int_equal(vz_col_parse("laverage", &c), 0);
	assert_string_equal(c.header, "LAVERAGE");
	assert_false(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "-");
}

/* a running container's load average, as the module gave it */
static void load_average(void **state)
{
	static struct vz_ct ct;
	unsigned long long num = 0;
	struct vz_col c;
	char buf[64];

	(void)state;
	memset(&ct, 0, sizeof(ct));
	ct.ctid = 101;
	ct.running = true;
	ct.have_view = true;
	ct.view.loadavg[0] = 2ULL << VZBC_LOAD_SHIFT;
	ct.view.loadavg[1] = 1ULL << (VZBC_LOAD_SHIFT - 1);
	ct.view.loadavg[2] = (1ULL << VZBC_LOAD_SHIFT) / 20;
	assert_int_equal(vz_col_parse("laverage", &c), 0);
	assert_true(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "2.00/0.50/0.05");
	assert_true(num == 2ULL << VZBC_LOAD_SHIFT);
	ct.have_view = false;
	assert_false(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
	assert_string_equal(buf, "-");
}

/* a running container's counters, each in its field */
static void traffic_fields(void **state)
{
	static const struct {
		const char *name;
		unsigned long long want;
	} f[] = {
		{ "traffic_in", 840 }, { "traffic_out", 1260 }, { "packets_in", 10 },
		{ "packets_out", 15 }, { "packets_drop", 1 },
	};
	static struct vz_ct ct;
	unsigned long long num;
	struct vz_col c;
	char buf[64], want[32];
	unsigned int i;

	(void)state;
	memset(&ct, 0, sizeof(ct));
	ct.ctid = 101;
	ct.running = ct.have_net = true;
	ct.net = (struct vzbc_net_stats){ 840, 10, 1260, 15, 28, 1 };
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		assert_int_equal(vz_col_parse(f[i].name, &c), 0);
		num = 0;
		assert_true(vz_col_value(&ct, &c, buf, sizeof(buf), &num));
		snprintf(want, sizeof(want), "%llu", f[i].want);
		assert_string_equal(buf, want);
		assert_true(num == f[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(columns_and_headers),
		cmocka_unit_test(table_is_consistent),
		cmocka_unit_test(a_stopped_container),
		cmocka_unit_test(load_average),
		cmocka_unit_test(traffic_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
