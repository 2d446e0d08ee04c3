// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for libvzbc's pure parts: ABI compatibility, error messages
 * and exit codes. Talking to the module is tested in the VM.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "libvzbc.h"
#include "vzexit.h"

static void abi_same_major_any_minor_is_compatible(void **state)
{
	struct vzbc_version v = { .abi_major = VZBC_ABI_MAJOR };

	(void)state;
	assert_int_equal(vzbc_abi_check(&v), 0);
	v.abi_minor = VZBC_ABI_MINOR + 7;
	assert_int_equal(vzbc_abi_check(&v), 0);
}

static void abi_other_major_is_refused(void **state)
{
	struct vzbc_version v = { .abi_major = VZBC_ABI_MAJOR + 1 };

	(void)state;
	assert_int_equal(vzbc_abi_check(&v), -EPROTO);
	v.abi_major = 0;
	assert_int_equal(vzbc_abi_check(&v), -EPROTO);
}

static void missing_device_says_modprobe(void **state)
{
	(void)state;
	assert_string_equal(vzbc_strerror(-ENOENT),
			    "vzbc module is not loaded: modprobe vzbc");
	assert_string_equal(vzbc_strerror(-ENODEV), vzbc_strerror(-ENOENT));
	assert_string_equal(vzbc_strerror(-ENXIO), vzbc_strerror(-ENOENT));
}

static void permission_errors_name_the_privilege(void **state)
{
	(void)state;
	assert_non_null(strstr(vzbc_strerror(-EACCES), "CAP_SYS_ADMIN"));
	assert_string_equal(vzbc_strerror(-EPERM), vzbc_strerror(-EACCES));
}

static void other_errors_fall_back_to_strerror(void **state)
{
	(void)state;
	assert_string_equal(vzbc_strerror(-ENOMEM), strerror(ENOMEM));
	assert_string_equal(vzbc_strerror(-EBUSY), strerror(EBUSY));
}

static void exit_codes_follow_openvz(void **state)
{
	(void)state;
	assert_int_equal(vz_exit_code(0), 0);
	assert_int_equal(vz_exit_code(-ENOENT), 5);
	assert_int_equal(vz_exit_code(-EPROTO), 5);
	assert_int_equal(vz_exit_code(-ENOTTY), 5);
	assert_int_equal(vz_exit_code(-EACCES), 12);
	assert_int_equal(vz_exit_code(-EPERM), 12);
	assert_int_equal(vz_exit_code(-EINVAL), 21);
	assert_int_equal(vz_exit_code(-ENOMEM), 3);
}

static void open_without_device_returns_negative_errno(void **state)
{
	int fd;

	(void)state;
	fd = vzbc_open();
	if (fd >= 0)
		skip();		/* a host with vzbc loaded */
	assert_true(fd == -ENOENT || fd == -EACCES || fd == -ENXIO || fd == -ENODEV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abi_same_major_any_minor_is_compatible),
		cmocka_unit_test(abi_other_major_is_refused),
		cmocka_unit_test(missing_device_says_modprobe),
		cmocka_unit_test(permission_errors_name_the_privilege),
		cmocka_unit_test(other_errors_fall_back_to_strerror),
		cmocka_unit_test(exit_codes_follow_openvz),
		cmocka_unit_test(open_without_device_returns_negative_errno),
	};

	return cmocka_run_group_tests_name("libvzbc", tests, NULL, NULL);
}
