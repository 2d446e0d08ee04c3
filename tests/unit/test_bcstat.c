// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for reading OpenVZ's beancounter files (tools/lib/bcstat.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bcstat.h"

#define U VZBC_UNLIMITED

static int parse(const char *text, struct vz_bcstat *st)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	assert_non_null(f);
	ret = vz_bcstat_parse(f, st);
	fclose(f);
	return ret;
}

static const char ub[] =
	"Version: 2.5\n"
	"       uid  resource                     held              maxheld              barrier                limit              failcnt\n"
	"      101:  kmemsize                  3481600              4194304  9223372036854775807  9223372036854775807                    0\n"
	"            lockedpages                     0                    0  9223372036854775807  9223372036854775807                    0\n"
	"            dummy                           0                    0                    0                    0                    0\n"
	"            numproc                        19                   20                   20                   20                    7\n"
	"      102:  kmemsize                        5                    6                    7                    8                    9\n"
	"            physpages                      10                   11                    0                65536                    0\n";

static void user_beancounters_by_container(void **state)
{
	struct vz_bcstat st;
	const struct vz_bcblock *b;

	(void)state;
	assert_int_equal(parse(ub, &st), 0);
	assert_int_equal(st.n, 2);
	b = vz_bcstat_find(&st, 101);
	assert_non_null(b);
	assert_true(b->have_ctid);
	assert_int_equal(b->r[VZBC_KMEMSIZE].held, 3481600);
	assert_int_equal(b->r[VZBC_KMEMSIZE].limit, U);
	assert_int_equal(b->r[VZBC_NUMPROC].failcnt, 7);
	assert_int_equal(b->present, (1u << VZBC_KMEMSIZE) | (1u << VZBC_LOCKEDPAGES) |
			 (1u << VZBC_NUMPROC));
	b = vz_bcstat_find(&st, 102);
	assert_non_null(b);
	assert_int_equal(b->r[VZBC_KMEMSIZE].maxheld, 6);
	assert_int_equal(b->r[VZBC_KMEMSIZE].barrier, 7);
	assert_int_equal(b->r[VZBC_PHYSPAGES].limit, 65536);
	assert_null(vz_bcstat_find(&st, 103));
	vz_bcstat_free(&st);
}

static void bc_resources_without_header_with_swappages(void **state)
{
	struct vz_bcstat st;

	(void)state;
	assert_int_equal(parse("      7:  numfile 1 2 3 4 5\n  swappages 6 7 8 9 10\n", &st), 0);
	assert_int_equal(st.n, 1);
	assert_int_equal(st.b[0].ctid, 7);
	assert_int_equal(st.b[0].r[VZBC_SWAPPAGES].failcnt, 10);
	assert_int_equal(st.b[0].r[VZBC_NUMFILE].limit, 4);
	vz_bcstat_free(&st);
}

static void per_container_file_has_no_ctid(void **state)
{
	struct vz_bcstat st;

	(void)state;
	assert_int_equal(parse("  numproc 1 2 3 4 0\n  numfile 5 6 7 8 0\n", &st), 0);
	assert_int_equal(st.n, 1);
	assert_false(st.b[0].have_ctid);
	assert_int_equal(st.b[0].r[VZBC_NUMFILE].held, 5);
	assert_null(vz_bcstat_find(&st, 0));
	vz_bcstat_free(&st);
}

static void unknown_resources_are_passed_over(void **state)
{
	struct vz_bcstat st;

	(void)state;
	assert_int_equal(parse("  1: numproc 1 2 3 4 0\n  newthing 5 6 7 8 0\n", &st), 0);
	assert_int_equal(st.b[0].present, 1u << VZBC_NUMPROC);
	vz_bcstat_free(&st);
}

static void bad_files_are_eproto(void **state)
{
	static const char *const bad[] = {
		"Version: 2.4\n",
		"Version:\n",
		"  1: numproc 1 2 3 4\n",
		"  1: numproc 1 2 3 4 5 6\n",
		"  1: numproc 1 2 -3 4 5\n",
		"  1: numproc 1 2 3x 4 5\n",
		"  1: numproc 1 2 99999999999999999999999 4 5\n",
	};
	struct vz_bcstat st;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i], &st), -EPROTO);
		vz_bcstat_free(&st);
	}
}

static void from_the_control_device(void **state)
{
	struct vzbc_bc bc = { .ctid = 5, .nr_resources = VZBC_RESOURCES };
	struct vz_bcblock b;

	(void)state;
	bc.res[VZBC_NUMPROC] = (struct vzbc_ubparm){ 1, 2, 0, 3, 4, 5 };
	vz_bcblock_from_bc(&bc, &b);
	assert_int_equal(b.ctid, 5);
	assert_true(b.have_ctid);
	assert_int_equal(b.r[VZBC_NUMPROC].held, 1);
	assert_int_equal(b.r[VZBC_NUMPROC].maxheld, 2);
	assert_int_equal(b.r[VZBC_NUMPROC].barrier, 3);
	assert_int_equal(b.r[VZBC_NUMPROC].limit, 4);
	assert_int_equal(b.r[VZBC_NUMPROC].failcnt, 5);
	assert_true(b.present & (1u << VZBC_SWAPPAGES));
	assert_false(b.present & (1u << VZBC_DUMMY4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(user_beancounters_by_container),
		cmocka_unit_test(bc_resources_without_header_with_swappages),
		cmocka_unit_test(per_container_file_has_no_ctid),
		cmocka_unit_test(unknown_resources_are_passed_over),
		cmocka_unit_test(bad_files_are_eproto),
		cmocka_unit_test(from_the_control_device),
	};

	return cmocka_run_group_tests_name("bcstat", tests, NULL, NULL);
}
