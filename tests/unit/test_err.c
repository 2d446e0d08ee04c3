// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the error object and the log hook (tools/lib/err.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "err.h"

static int logged_level;
static char logged[256];

static void capture(int level, const char *msg)
{
	logged_level = level;
	strncpy(logged, msg, sizeof(logged) - 1);
}

static void fail_fills_code_and_message(void **state)
{
	struct vz_err err = { 0 };

	(void)state;
	assert_int_equal(vz_fail(&err, 14, "Container %u does not exist", 101), -1);
	assert_int_equal(err.code, 14);
	assert_false(err.tagged);
	assert_string_equal(err.msg, "Container 101 does not exist");
	assert_int_equal(vz_failp(&err, 21, "bad value for --%s", "numproc"), -1);
	assert_int_equal(err.code, 21);
	assert_true(err.tagged);
	assert_string_equal(err.msg, "bad value for --numproc");
}

static void log_goes_to_the_handler_only(void **state)
{
	struct vz_err err = { 0 };

	(void)state;
	vz_log_set(NULL);
	vz_log(VZ_INFO, "dropped");		/* no handler: silent */
	vz_log_set(capture);
	vz_log(VZ_INFO, "Container is mounted");
	assert_int_equal(logged_level, VZ_INFO);
	assert_string_equal(logged, "Container is mounted");
	vz_failp(&err, 33, "unregistering container %u", 7);
	vz_log_err(&err);
	assert_int_equal(logged_level, VZ_WARN | VZ_LOG_TAG);
	assert_string_equal(logged, "unregistering container 7");
	vz_log_set(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fail_fills_code_and_message),
		cmocka_unit_test(log_goes_to_the_handler_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
