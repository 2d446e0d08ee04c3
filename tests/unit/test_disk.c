// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the DISKSPACE and DISKINODES value syntax
 * (tools/lib/disk.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "disk.h"

#define U UINT64_MAX

static void parse_ok(bool size, const char *s, uint64_t soft, uint64_t hard)
{
	uint64_t gs = 1, gh = 1;

	assert_int_equal(disk_parse(s, size, &gs, &gh), 0);
	assert_int_equal(gs, soft);
	assert_int_equal(gh, hard);
}

static void parse_err(bool size, const char *s, int err)
{
	uint64_t soft, hard;

	assert_int_equal(disk_parse(s, size, &soft, &hard), err);
}

static void space_in_kib_with_suffixes(void **state)
{
	(void)state;
	parse_ok(true, "1048576", 1048576, 1048576);
	parse_ok(true, "100:200", 100, 200);
	parse_ok(true, "64K", 64, 64);
	parse_ok(true, "48M:64M", 49152, 65536);
	parse_ok(true, "2G", 2097152, 2097152);
	parse_ok(true, "1T", 1073741824, 1073741824);
	parse_ok(true, "1g:2g", 1048576, 2097152);
}

static void fractions_need_a_suffix(void **state)
{
	(void)state;
	/* the shipped sample configs: DISKSPACE="2G:2.2G" */
	parse_ok(true, "2G:2.2G", 2097152, 2306867);
	parse_ok(true, "1.25M", 1280, 1280);
	parse_ok(true, "0.5K", 0, 0);
	parse_err(true, "2.5", -EINVAL);
	parse_err(true, ".5G", -EINVAL);
	parse_err(true, "5.G", -EINVAL);
	parse_err(true, "1.2.3G", -EINVAL);
	parse_err(false, "1.5", -EINVAL);
}

static void unlimited_and_order(void **state)
{
	(void)state;
	parse_ok(true, "unlimited", U, U);
	parse_ok(true, "1G:unlimited", 1048576, U);
	parse_ok(false, "131072:144179", 131072, 144179);
	parse_err(true, "2G:1G", -EDOM);
	parse_err(true, "unlimited:1G", -EDOM);
	parse_err(false, "10:5", -EDOM);
}

static void garbage_refused(void **state)
{
	(void)state;
	parse_err(true, "", -EINVAL);
	parse_err(true, "10X", -EINVAL);
	parse_err(true, "G", -EINVAL);
	parse_err(true, "1G:", -EINVAL);
	parse_err(true, ":1G", -EINVAL);
	parse_err(true, "-1", -EINVAL);
	parse_err(true, "1 G", -EINVAL);
	parse_err(false, "10K", -EINVAL);	/* inodes: plain numbers */
	parse_err(true, "99999999999999999999", -EINVAL);
	parse_err(true, "5000000000T", -EINVAL);	/* past 4 PiB */
}

static void format_round_trips(void **state)
{
	char buf[64];
	uint64_t s, h;

	(void)state;
	disk_format(49152, 65536, buf, sizeof(buf));
	assert_string_equal(buf, "49152:65536");
	disk_format(1024, U, buf, sizeof(buf));
	assert_string_equal(buf, "1024:unlimited");
	assert_int_equal(disk_parse(buf, true, &s, &h), 0);
	assert_int_equal(s, 1024);
	assert_int_equal(h, U);
}

static void layouts(void **state)
{
	bool ploop = true, prealloc = true;

	(void)state;
	assert_int_equal(vz_layout_parse("simfs", &ploop, &prealloc), 0);
	assert_false(ploop || prealloc);
	assert_int_equal(vz_layout_parse("ploop", &ploop, &prealloc), 0);
	assert_true(ploop && !prealloc);
	assert_int_equal(vz_layout_parse("ploop:expanded", &ploop, &prealloc), 0);
	assert_true(ploop && !prealloc);
	assert_int_equal(vz_layout_parse("ploop:plain", &ploop, &prealloc), 0);
	assert_true(ploop && prealloc);
	assert_int_equal(vz_layout_parse("ploop:raw", &ploop, &prealloc), 0);
	assert_true(ploop && prealloc);
	assert_int_equal(vz_layout_parse("ploop:sparse", &ploop, &prealloc), -EINVAL);
	assert_int_equal(vz_layout_parse("ploopx", &ploop, &prealloc), -EINVAL);
	assert_int_equal(vz_layout_parse("zfs", &ploop, &prealloc), -EINVAL);
	assert_int_equal(vz_layout_parse("", &ploop, &prealloc), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(space_in_kib_with_suffixes),
		cmocka_unit_test(fractions_need_a_suffix),
		cmocka_unit_test(unlimited_and_order),
		cmocka_unit_test(garbage_refused),
		cmocka_unit_test(format_round_trips),
		cmocka_unit_test(layouts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
