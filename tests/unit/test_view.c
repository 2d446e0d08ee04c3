// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for a container's view as CTID.conf keeps it
 * (tools/lib/view.c): VIEW and MEMINFO to the module's parts, and the load
 * averages as vzlist's laverage shows them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/vzbc.h>

#include "view.h"

static void view_ok(const char *s, unsigned int want, const char *canon)
{
	unsigned int parts = 0xdead;
	char buf[64];

	assert_int_equal(vz_view_parse(s, &parts), 0);
	assert_int_equal(parts, want);
	vz_view_format(parts, buf, sizeof(buf));
	assert_string_equal(buf, canon);
}

static void view_values(void **state)
{
	unsigned int parts = 0;

	(void)state;
	view_ok("all", VZBC_VIEW_ALL, "all");
	view_ok("none", 0, "none");
	view_ok("meminfo", VZBC_VIEW_MEMINFO, "meminfo");
	view_ok("loadavg,cpu", VZBC_VIEW_CPU | VZBC_VIEW_LOADAVG, "cpu,loadavg");
	view_ok("uptime,uptime", VZBC_VIEW_UPTIME, "uptime");
	view_ok("meminfo,cpu,loadavg,uptime", VZBC_VIEW_ALL, "all");
	assert_int_equal(vz_view_parse("", &parts), -EINVAL);
	assert_int_equal(vz_view_parse("mem", &parts), -EINVAL);
	assert_int_equal(vz_view_parse("meminfo,", &parts), -EINVAL);
	assert_int_equal(vz_view_parse(",cpu", &parts), -EINVAL);
	assert_int_equal(vz_view_parse("cpu,,loadavg", &parts), -EINVAL);
	assert_int_equal(vz_view_parse("all,cpu", &parts), -EINVAL);
	assert_int_equal(vz_view_parse("CPU", &parts), -EINVAL);
	assert_int_equal(vz_view_parse("meminfo ", &parts), -EINVAL);
}

static void meminfo_values(void **state)
{
	int on = -1;

	(void)state;
	assert_int_equal(vz_meminfo_parse("none", &on), 0);
	assert_int_equal(on, 0);
	assert_int_equal(vz_meminfo_parse("on", &on), 0);
	assert_int_equal(on, 1);
	/* OpenVZ's modes the module has no counterpart for */
	assert_int_equal(vz_meminfo_parse("privvmpages:1", &on), -EOPNOTSUPP);
	assert_int_equal(vz_meminfo_parse("pages:65536", &on), -EOPNOTSUPP);
	assert_int_equal(vz_meminfo_parse("", &on), -EINVAL);
	assert_int_equal(vz_meminfo_parse("None", &on), -EINVAL);
	assert_int_equal(vz_meminfo_parse("off", &on), -EINVAL);
	assert_int_equal(vz_meminfo_parse("none:1", &on), -EINVAL);
}

static void parts_of_both_keys(void **state)
{
	unsigned int parts = 0;

	(void)state;
	assert_int_equal(vz_view_parts("", "", &parts), 0);
	assert_int_equal(parts, VZBC_VIEW_ALL);
	assert_int_equal(vz_view_parts("", "none", &parts), 0);
	assert_int_equal(parts, VZBC_VIEW_ALL & ~VZBC_VIEW_MEMINFO);
	/* MEMINFO, when set, decides the meminfo part */
	assert_int_equal(vz_view_parts("cpu", "on", &parts), 0);
	assert_int_equal(parts, VZBC_VIEW_CPU | VZBC_VIEW_MEMINFO);
	assert_int_equal(vz_view_parts("all", "none", &parts), 0);
	assert_int_equal(parts, VZBC_VIEW_ALL & ~VZBC_VIEW_MEMINFO);
	assert_int_equal(vz_view_parts("none", "", &parts), 0);
	assert_int_equal(parts, 0);
	assert_int_equal(vz_view_parts("bogus", "none", &parts), -EINVAL);
	assert_int_equal(vz_view_parts("all", "privvmpages:1", &parts), -EOPNOTSUPP);
	assert_int_equal(vz_view_parts("all", "x", &parts), -EINVAL);
}

static void loadavg_text(void **state)
{
	const __u64 one = 1ULL << VZBC_LOAD_SHIFT;
	__u64 zero[3] = { 0, 0, 0 };
	__u64 l[3] = { one, one / 2, 3 * one + one / 4 };
	__u64 r[3] = { one - 1, one / 100 - 1, 123 * one };
	char buf[64];

	(void)state;
	vz_loadavg_format(zero, buf, sizeof(buf));
	assert_string_equal(buf, "0.00/0.00/0.00");
	vz_loadavg_format(l, buf, sizeof(buf));
	assert_string_equal(buf, "1.00/0.50/3.25");
	/* rounded to two decimals, as /proc/loadavg */
	vz_loadavg_format(r, buf, sizeof(buf));
	assert_string_equal(buf, "1.00/0.01/123.00");
	vz_loadavg_format(l, buf, 8);
	assert_string_equal(buf, "1.00/0.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(view_values),
		cmocka_unit_test(meminfo_values),
		cmocka_unit_test(parts_of_both_keys),
		cmocka_unit_test(loadavg_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
