#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Debug kernel only (scripts/debug-kernel, run by scripts/check): the
# module's error paths under injected allocation failures. vzbc-fuzz walks
# each step with /proc/thread-self/fail-nth (failslab and fail_page_alloc),
# failing its 1st, 2nd, ... allocation in turn; KASAN, lockdep, kmemleak
# (scanned when the run ends) and the harness watch every one of them.

load ../helpers

setup() {
	# a debug-kernel file: without fault injection the setup is broken
	[ -d /sys/kernel/debug/failslab ] ||
		{ echo "no /sys/kernel/debug/failslab: not the debug kernel?"; return 1; }
	vzbc_load
	# an injected failure may print an allocation-failure report: vm-run
	# tolerates those only between these markers
	echo "vzbc-vm: fault injection on" > /dev/kmsg
}

teardown() {
	echo "vzbc-vm: fault injection off" > /dev/kmsg
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "module load: each allocation failed in turn, the load fails cleanly and leaves nothing" {
	run vzbc-fuzz failnth load
	echo "$output"
	sed 's/^/# /' <<< "$output" >&3
	[ "$status" -eq 0 ]
	[[ $output == *"allocation failures injected"* ]]
	run vzbc-ioctl version
	[[ $output == OK* ]]
}

@test "ioctls: register, set limits, read, list, unregister, the network commands under allocation failures are all or nothing" {
	run vzbc-fuzz failnth ioctls
	echo "$output"
	sed 's/^/# /' <<< "$output" >&3
	[ "$status" -eq 0 ]
	[ "$(grep -c "^ok:" <<< "$output")" -eq 12 ]
}

@test "charges: fork, open, sockets, flock, pty in a container under allocation failures leave nothing held" {
	run vzbc-fuzz failnth charges
	echo "$output"
	sed 's/^/# /' <<< "$output" >&3
	[ "$status" -eq 0 ]
	[ "$(grep -c '^ok:' <<< "$output")" -eq 6 ]
}

@test "after the injected failures the module unloads: no charge or reference leaked" {
	run vzbc-fuzz failnth charges
	[ "$status" -eq 0 ]
	rmmod vzbc
	! grep -q '^vzbc ' /proc/modules
}
