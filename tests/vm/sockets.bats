#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# numtcpsock and numothersock: charged per socket made by a task of the
# container (accepted TCP connections to the container's listener too),
# refused past the barrier with ENOBUFS, given back when sockets go.

load helpers

setup() {
	vzbc_load
	ct_register 101
}

teardown() {
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "numtcpsock: TCP sockets past the barrier fail with ENOBUFS" {
	vzbc-ioctl set 101 numtcpsock 8 8
	start_hog 101 tcp 50
	[ "$HOG_OUT" = "created 8 errno=ENOBUFS" ]
	[ "$(vzbc-ioctl get 101 numtcpsock)" = "8 8 8 8 1" ]
	[ "$(bc_field 101 numothersock 1)" = 0 ]
	stop_hog
	wait_held 101 numtcpsock 0
}

@test "numothersock: UDP and unix sockets count there, not in numtcpsock" {
	vzbc-ioctl set 101 numothersock 6 6
	start_hog 101 udp 50
	[ "$HOG_OUT" = "created 6 errno=ENOBUFS" ]
	[ "$(bc_field 101 numothersock 1)" = 6 ]
	[ "$(bc_field 101 numtcpsock 1)" = 0 ]
	stop_hog
	wait_held 101 numothersock 0
	run in_ct 101 vzbc-hog unix 50 --release
	[ "$output" = "created 6 errno=ENOBUFS" ]
	[ "$(bc_field 101 numothersock 5)" = 2 ]
	wait_held 101 numothersock 0
}

@test "accepted connections are charged to the listener's container" {
	start_hog 101 tcppairs 10
	[ "$HOG_OUT" = "created 21" ]
	# listener + 10 clients + 10 accepted (cloned in softirq context)
	[ "$(bc_field 101 numtcpsock 1)" = 21 ]
	stop_hog
	wait_held 101 numtcpsock 0
}

@test "host sockets are never charged or limited" {
	vzbc-ioctl set 101 numtcpsock 1 1 numothersock 1 1
	run vzbc-hog tcppairs 5 --release
	[ "$output" = "created 11" ]
	run vzbc-hog udp 20 --release
	[ "$output" = "created 20" ]
	[ "$(vzbc-ioctl get 101 numtcpsock)" = "0 0 1 1 0" ]
	[ "$(vzbc-ioctl get 101 numothersock)" = "0 0 1 1 0" ]
}
