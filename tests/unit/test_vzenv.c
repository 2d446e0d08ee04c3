// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the container environment helpers (tools/lib/vzenv.c)
 * that need no running system: $VEID expansion in config paths.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vzenv.h"

static void expands_veid_forms(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(vzenv_expand("/vz/root/$VEID", 101, out, sizeof(out)), 0);
	assert_string_equal(out, "/vz/root/101");
	assert_int_equal(vzenv_expand("/vz/${VEID}/x/$VEID", 7, out, sizeof(out)), 0);
	assert_string_equal(out, "/vz/7/x/7");
	assert_int_equal(vzenv_expand("/no/var", 7, out, sizeof(out)), 0);
	assert_string_equal(out, "/no/var");
	/* not the variable: kept as written */
	assert_int_equal(vzenv_expand("/a/$VE/$VEIDX", 5, out, sizeof(out)), 0);
	assert_string_equal(out, "/a/$VE/5X");
	assert_int_equal(vzenv_expand("", 5, out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void refuses_overflow(void **state)
{
	char out[8];

	(void)state;
	assert_int_equal(vzenv_expand("/1234567", 1, out, sizeof(out)), -ENAMETOOLONG);
	assert_int_equal(vzenv_expand("/ab/$VEID", 2147483644, out, sizeof(out)),
			 -ENAMETOOLONG);
	assert_int_equal(vzenv_expand("/a/$VEID", 12, out, sizeof(out)), 0);
	assert_string_equal(out, "/a/12");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expands_veid_forms),
		cmocka_unit_test(refuses_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
