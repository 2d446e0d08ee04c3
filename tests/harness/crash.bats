#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Not part of the VM suite: the harness self-test runs this to check that
# a kernel panic in the middle of a test fails the run.

@test "the kernel panics in the middle of this test" {
	sync
	echo c > /proc/sysrq-trigger
	sleep 300
}
