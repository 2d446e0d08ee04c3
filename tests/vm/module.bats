#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzbc.ko loads, exposes its interfaces, and unloads cleanly.

load helpers

setup() {
	vzbc_unload_if_loaded
}

teardown() {
	vzbc_unload_if_loaded
}

@test "module loads and creates /dev/vzctl and /proc/vz/version" {
	insmod "$VZBC_KO"
	[ -c /dev/vzctl ]
	[ "$(stat -c %a /dev/vzctl)" = 600 ]
	[ "$(stat -c %u /dev/vzctl)" = 0 ]
	# a misc device: major 10
	[ "$(stat -c %t /dev/vzctl)" = a ]
	run cat /proc/vz/version
	[ "$status" -eq 0 ]
	[ "$output" = "vzbc-$(cat VERSION)" ]
	grep -q "vzbc: vzbc $(cat VERSION) loaded (ABI 1.4)" <(dmesg)
}

@test "module unloads and removes everything it created" {
	insmod "$VZBC_KO"
	rmmod vzbc
	[ ! -e /dev/vzctl ]
	[ ! -e /proc/vz ]
	! grep -q '^vzbc ' /proc/modules
}

@test "load and unload 10 times" {
	for i in $(seq 10); do
		insmod "$VZBC_KO"
		[ -c /dev/vzctl ]
		[ -r /proc/vz/version ]
		rmmod vzbc
		[ ! -e /dev/vzctl ]
	done
	[ "$(dmesg | grep -c 'vzbc: vzbc unloaded')" -ge 10 ]
}

@test "unload is refused while /dev/vzctl is open, then succeeds" {
	insmod "$VZBC_KO"
	exec 9</dev/vzctl
	run rmmod vzbc
	[ "$status" -ne 0 ]
	[[ "$output" == *"in use"* ]]
	exec 9<&-
	rmmod vzbc
}

@test "loading twice fails with EEXIST and leaves the first instance working" {
	insmod "$VZBC_KO"
	run insmod "$VZBC_KO"
	[ "$status" -ne 0 ]
	[[ "$output" == *"File exists"* ]]
	[ -c /dev/vzctl ]
	run vzctl --version
	[ "$status" -eq 0 ]
}

@test "vzctl --version reports the tools and the module ABI" {
	insmod "$VZBC_KO"
	run vzctl --version
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "vzctl version 4.11.1 (vzbc $(cat VERSION))" ]
	[ "${lines[1]}" = "vzbc module $(cat VERSION), ABI 1.4 (tools speak ABI 1.4)" ]
}

@test "vzctl --version without the module says how to load it (exit 5)" {
	run vzctl --version
	[ "$status" -eq 5 ]
	[ "${lines[0]}" = "vzctl version 4.11.1 (vzbc $(cat VERSION))" ]
	[ "${lines[1]}" = "vzctl: vzbc module is not loaded: modprobe vzbc" ]
}

@test "vzctl --version as an unprivileged user is refused clearly (exit 12)" {
	insmod "$VZBC_KO"
	run setpriv --reuid=65534 --regid=65534 --clear-groups vzctl --version
	[ "$status" -eq 12 ]
	[[ "${lines[1]}" == "vzctl: permission denied"* ]]
}
