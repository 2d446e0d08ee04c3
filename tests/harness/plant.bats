#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Not part of the VM suite: the harness self-test runs this on the debug
# kernel with a module built with VZBC_FAULT=uaf|lockinv|leak. It walks the
# paths the planted bugs sit on (register, read a beancounter, unregister)
# and passes; the run must fail anyway, on the checker's report.

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
