#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Not part of the VM suite: the harness self-test runs this to check that
# a guest which dies in the middle of a test is reported as a failure.

@test "the guest powers off in the middle of this test" {
	sync
	echo o > /proc/sysrq-trigger
	sleep 300
}
