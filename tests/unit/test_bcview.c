// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for vzubc's and vzoversell's view of beancounters
 * (tools/lib/bcview.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "bcview.h"

#define U VZBC_UNLIMITED

static void human(uint64_t v, enum ubc_unit unit, const char *want)
{
	char buf[VZ_BC_HUMAN_LEN];

	vz_bc_human(v, unit, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void sizes_in_k_m_g(void **state)
{
	long kpp = sysconf(_SC_PAGESIZE) / 1024;
	char want[32];

	(void)state;
	human(240, UBC_COUNT, "240 ");
	human(12, UBC_COUNT, "12 ");
	human(9312, UBC_COUNT, "9.09K");
	human(14372700, UBC_BYTES, "13.7M");
	human(1024, UBC_BYTES, "1K");
	human(1536, UBC_BYTES, "1.5K");
	human(200 * 1024, UBC_BYTES, "200K");
	human(3ULL << 40, UBC_BYTES, "3T");
	/* pages are bytes: 65536 pages of 4 KiB are 256 MiB */
	snprintf(want, sizeof(want), "%ldM", 65536 * kpp / 1024);
	human(65536, UBC_PAGES, want);
	/* nothing and unlimited (64- and 32-bit) are "-" */
	human(0, UBC_BYTES, "- ");
	human(U, UBC_PAGES, "- ");
	human(2147483647, UBC_COUNT, "- ");
}

static void percent(uint64_t p, uint64_t d, const char *want)
{
	char buf[VZ_BC_HUMAN_LEN];

	vz_bc_percent(p, d, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void percentages(void **state)
{
	(void)state;
	percent(19, 20, "95%");
	percent(20, 20, "100%");
	percent(30, 20, "150%");
	percent(1, 3, "33%");
	percent(5, 1000, "0.5%");
	percent(1, 100000, "- ");
	percent(0, 20, "- ");
	percent(5, 0, "- ");
	percent(5, U, "- ");
}

static void thresholds_ratio_or_percent(void **state)
{
	double r;

	(void)state;
	assert_int_equal(vz_bc_parse_threshold("0.5", &r), 0);
	assert_true(r == 0.5);
	assert_int_equal(vz_bc_parse_threshold("80", &r), 0);
	assert_true(r == 0.8);
	assert_int_equal(vz_bc_parse_threshold("1", &r), 0);
	assert_true(r == 1);
	assert_int_equal(vz_bc_parse_threshold("", &r), -EINVAL);
	assert_int_equal(vz_bc_parse_threshold("x", &r), -EINVAL);
	assert_int_equal(vz_bc_parse_threshold("0.5x", &r), -EINVAL);
	assert_int_equal(vz_bc_parse_threshold("-1", &r), -EINVAL);
	assert_int_equal(vz_bc_parse_threshold("101", &r), -EINVAL);
	assert_int_equal(vz_bc_parse_threshold("nan", &r), -EINVAL);
}

static void levels(void **state)
{
	struct vz_bc_thresholds t = { 0.5, 0.8 };
	struct vz_bcrow r = { .held = 10, .maxheld = 10, .barrier = 100, .limit = 100 };

	(void)state;
	assert_int_equal(vz_bc_level(&r, &t), VZ_BC_OK);
	r.held = 51;
	assert_int_equal(vz_bc_level(&r, &t), VZ_BC_NEAR);
	r.held = 10;
	r.maxheld = 81;
	assert_int_equal(vz_bc_level(&r, &t), VZ_BC_NEAR);
	r.held = 101;
	assert_int_equal(vz_bc_level(&r, &t), VZ_BC_FAIL);
	r = (struct vz_bcrow){ .held = 1, .barrier = 100, .limit = 100, .failcnt = 1 };
	assert_int_equal(vz_bc_level(&r, &t), VZ_BC_FAIL);
	/* a zero barrier (vswap's physpages) weighs against the limit */
	r = (struct vz_bcrow){ .held = 60, .maxheld = 60, .barrier = 0, .limit = 100 };
	assert_int_equal(vz_bc_level(&r, &t), VZ_BC_NEAR);
	/* unlimited is never near */
	r = (struct vz_bcrow){ .held = 1ULL << 40, .maxheld = 1ULL << 41, .barrier = U, .limit = U };
	assert_int_equal(vz_bc_level(&r, &t), VZ_BC_OK);
}

static void failcnt_since_last_run(void **state)
{
	(void)state;
	assert_int_equal(vz_bc_failcnt_since(10, 1, 7), 3);
	assert_int_equal(vz_bc_failcnt_since(10, 1, 10), 0);
	assert_int_equal(vz_bc_failcnt_since(10, 0, 0), 10);
	/* the container restarted: its counter began again */
	assert_int_equal(vz_bc_failcnt_since(2, 1, 7), 2);
}

static void store_round_trip(void **state)
{
	char dir[] = "/tmp/test_bcview.XXXXXX", sub[64], path[128];
	uint64_t in[VZBC_RESOURCES] = { 0 }, out[VZBC_RESOURCES] = { 0 };
	uint32_t present;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/store", dir);
	assert_int_equal(vz_bc_store_prepare(sub), 0);
	assert_int_equal(vz_bc_store_prepare(sub), 0);
	/* nothing kept yet */
	assert_int_equal(vz_bc_store_load(sub, 101, "failcnt", out, &present), 0);
	assert_int_equal(present, 0);
	in[VZBC_NUMPROC] = 7;
	in[VZBC_SWAPPAGES] = 1ULL << 40;
	assert_int_equal(vz_bc_store_save(sub, 101, "failcnt", in,
					  (1u << VZBC_NUMPROC) | (1u << VZBC_SWAPPAGES)), 0);
	assert_int_equal(vz_bc_store_save(sub, 101, "held", in, 1u << VZBC_NUMPROC), 0);
	assert_int_equal(vz_bc_store_load(sub, 101, "failcnt", out, &present), 0);
	assert_int_equal(present, (1u << VZBC_NUMPROC) | (1u << VZBC_SWAPPAGES));
	assert_int_equal(out[VZBC_NUMPROC], 7);
	assert_int_equal(out[VZBC_SWAPPAGES], 1ULL << 40);
	/* clear removes one kind only */
	assert_int_equal(vz_bc_store_clear(sub, "failcnt"), 0);
	assert_int_equal(vz_bc_store_load(sub, 101, "failcnt", out, &present), 0);
	assert_int_equal(present, 0);
	assert_int_equal(vz_bc_store_load(sub, 101, "held", out, &present), 0);
	assert_int_equal(present, 1u << VZBC_NUMPROC);
	/* a directory others may write to is refused */
	assert_int_equal(chmod(sub, 0777), 0);
	assert_int_equal(vz_bc_store_prepare(sub), -EPERM);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_in_k_m_g),
		cmocka_unit_test(percentages),
		cmocka_unit_test(thresholds_ratio_or_percent),
		cmocka_unit_test(levels),
		cmocka_unit_test(failcnt_since_last_run),
		cmocka_unit_test(store_round_trip),
	};

	return cmocka_run_group_tests_name("bcview", tests, NULL, NULL);
}
