// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for OpenVZ's beancounter value syntax (tools/lib/ubc.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "ubc.h"

#define U VZBC_UNLIMITED

static void parse_ok(const char *name, const char *s, uint64_t b, uint64_t l)
{
	uint64_t gb = 1, gl = 1;

	assert_int_equal(ubc_parse(ubc_by_name(name), s, &gb, &gl), 0);
	assert_int_equal(gb, b);
	assert_int_equal(gl, l);
}

static void parse_err(const char *name, const char *s, int err)
{
	uint64_t b, l;

	assert_int_equal(ubc_parse(ubc_by_name(name), s, &b, &l), err);
}

static void one_value_sets_both(void **state)
{
	(void)state;
	parse_ok("numproc", "240", 240, 240);
	parse_ok("numproc", "240:300", 240, 300);
	parse_ok("numproc", "0", 0, 0);
}

static void unlimited_is_long_max(void **state)
{
	(void)state;
	parse_ok("numproc", "unlimited", U, U);
	parse_ok("vmguarpages", "33792:unlimited", 33792, U);
	/* panels write LONG_MAX as a number (the dklab_vzmem complaint) */
	parse_ok("vmguarpages", "33520:9223372036854775807", 33520, U);
}

static void page_resources_take_byte_suffixes(void **state)
{
	long ps = sysconf(_SC_PAGESIZE);

	(void)state;
	parse_ok("physpages", "0:256M", 0, 256ULL * 1024 * 1024 / ps);
	parse_ok("swappages", "0:1G", 0, 1024ULL * 1024 * 1024 / ps);
	parse_ok("privvmpages", "65536:69632", 65536, 69632);
	parse_ok("lockedpages", "10P", 10, 10);
	parse_ok("physpages", "2.5g", 2.5 * 1024 * 1024 * 1024 / ps, 2.5 * 1024 * 1024 * 1024 / ps);
	parse_ok("shmpages", "8192b", 8192 / ps, 8192 / ps);
}

static void byte_resources_take_suffixes(void **state)
{
	long ps = sysconf(_SC_PAGESIZE);

	(void)state;
	parse_ok("kmemsize", "14372700:14790164", 14372700, 14790164);
	parse_ok("kmemsize", "1K:2M", 1024, 2 * 1024 * 1024);
	parse_ok("tcpsndbuf", "1T", 1ULL << 40, 1ULL << 40);
	parse_ok("dcachesize", "3P", 3 * ps, 3 * ps);
}

static void counts_refuse_suffixes_and_fractions(void **state)
{
	(void)state;
	parse_err("numproc", "1K", -EINVAL);
	parse_err("numfile", "2.5", -EINVAL);
	parse_err("numtcpsock", "10P", -EINVAL);
}

static void malformed_values_are_refused(void **state)
{
	(void)state;
	parse_err("numproc", "", -EINVAL);
	parse_err("numproc", ":", -EINVAL);
	parse_err("numproc", "5:", -EINVAL);
	parse_err("numproc", ":5", -EINVAL);
	parse_err("numproc", "-1", -EINVAL);
	parse_err("numproc", "abc", -EINVAL);
	parse_err("numproc", "1:2:3", -EINVAL);
	parse_err("numproc", " 5", -EINVAL);
	parse_err("numproc", "0x10", -EINVAL);
	parse_err("kmemsize", "1KB", -EINVAL);
	parse_err("kmemsize", "1Q", -EINVAL);
	parse_err("kmemsize", "1e3", -EINVAL);
	parse_err("kmemsize", "1.5", -EINVAL);
	parse_err("numproc", "unlimitedx", -EINVAL);
	parse_err("numproc", "12345678901234567890123456789012345678901234567890123456789012345", -EINVAL);
}

static void barrier_above_limit_is_edom(void **state)
{
	(void)state;
	parse_err("numproc", "10:5", -EDOM);
	parse_err("numproc", "unlimited:5", -EDOM);
}

static void too_large_clamps_with_erange(void **state)
{
	uint64_t b, l;

	(void)state;
	assert_int_equal(ubc_parse(ubc_by_name("numproc"), "9223372036854775808", &b, &l), -ERANGE);
	assert_int_equal(b, U);
	assert_int_equal(l, U);
	assert_int_equal(ubc_parse(ubc_by_name("kmemsize"), "5:99999999T", &b, &l), -ERANGE);
	assert_int_equal(b, 5);
	assert_int_equal(l, U);
	/* a number strtod() cannot hold is clamped too */
	b = l = 1;
	assert_int_equal(ubc_parse(ubc_by_name("kmemsize"), "1e999K", &b, &l), -ERANGE);
	assert_int_equal(b, U);
	assert_int_equal(l, U);
}

static void format_as_ctid_conf_stores_it(void **state)
{
	char buf[64];

	(void)state;
	ubc_format(240, 240, buf, sizeof(buf));
	assert_string_equal(buf, "240:240");
	ubc_format(33792, U, buf, sizeof(buf));
	assert_string_equal(buf, "33792:unlimited");
	ubc_format(U, U, buf, sizeof(buf));
	assert_string_equal(buf, "unlimited:unlimited");
}

/* what CTID.conf keeps parses back to the same values */
static void format_round_trips(void **state)
{
	static const uint64_t vals[] = { 0, 1, 240, 262144, 1ULL << 40, U - 1, U };
	uint64_t b, l;
	unsigned int i, j, k;
	char buf[64];

	(void)state;
	for (k = 0; k < ubc_nr_resources; k++)
		for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
			for (j = i; j < sizeof(vals) / sizeof(vals[0]); j++) {
				ubc_format(vals[i], vals[j], buf, sizeof(buf));
				assert_int_equal(ubc_parse(&ubc_resources[k], buf, &b, &l), 0);
				assert_true(b == vals[i] && l == vals[j]);
			}
}

static void table_has_every_settable_resource(void **state)
{
	unsigned int i, n = 0;

	(void)state;
	assert_int_equal(ubc_nr_resources, 21);
	for (i = 0; i < VZBC_RESOURCES; i++)
		n += ubc_by_id(i) != NULL;
	assert_int_equal(n, 21);
	assert_null(ubc_by_id(VZBC_DUMMY4));
	assert_null(ubc_by_name("dummy"));
	assert_string_equal(ubc_by_name("numiptent")->key, "NUMIPTENT");
	assert_int_equal(ubc_by_name("swappages")->id, 24);
	assert_string_equal(ubc_by_name("dcachesize")->header, "DCACHESZ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_value_sets_both),
		cmocka_unit_test(unlimited_is_long_max),
		cmocka_unit_test(page_resources_take_byte_suffixes),
		cmocka_unit_test(byte_resources_take_suffixes),
		cmocka_unit_test(counts_refuse_suffixes_and_fractions),
		cmocka_unit_test(malformed_values_are_refused),
		cmocka_unit_test(barrier_above_limit_is_edom),
		cmocka_unit_test(too_large_clamps_with_erange),
		cmocka_unit_test(format_as_ctid_conf_stores_it),
		cmocka_unit_test(format_round_trips),
		cmocka_unit_test(table_has_every_settable_resource),
	};

	return cmocka_run_group_tests_name("ubc", tests, NULL, NULL);
}
