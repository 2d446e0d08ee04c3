#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Not part of the VM suite: the harness self-test runs this with a module
# built with a planted fault (VZBC_FAULT=warn|modref on a stock kernel,
# uaf|lockinv|leak on the debug kernel). It walks the paths the faults sit
# on (load, register, read a beancounter, unregister, unload); the run must
# fail, on the test or on the checker's report.

load ../vm/helpers

@test "register, read and unregister a container" {
	vzbc_load
	ct_register 101
	run vzbc-ioctl get 101 numproc
	[[ $output == "0 0 "* ]]
	ct_cleanup_all
	# let the container's RCU-deferred free run before the guest powers off
	sleep 2
	vzbc_unload_if_loaded
}
