#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Not part of the VM suite: the harness self-test runs this with
# VZBC_SELFTEST_POWEROFF on the kernel command line, which makes
# tests/vm/guest-init provoke a power-off race at the end of the run.

@test "the guest got the self-test's power-off knob" {
	[[ " $(cat /proc/cmdline) " == *" VZBC_SELFTEST_POWEROFF="* ]]
	[ -n "${VZBC_SELFTEST_POWEROFF:-}" ]
}
