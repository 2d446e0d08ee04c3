#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The /dev/vzctl ioctl contract (include/uapi/linux/vzbc.h): good requests
# answered, bad ones refused with the documented errno, never an oops (the
# harness fails the run on any oops or WARN in dmesg).

load helpers

setup_file() {
	vzbc_load
}

teardown() {
	ct_cleanup_all
}

teardown_file() {
	vzbc_unload_if_loaded
}

VERSION_SIZE=80	# sizeof(struct vzbc_version)

@test "VERSION answers the ABI version and the release" {
	run vzbc-ioctl version
	[ "$output" = "OK abi=1.4 release=$(cat VERSION)" ]
}

@test "VERSION with non-zero flags is EINVAL" {
	run vzbc-ioctl version --flags 1
	[ "$output" = EINVAL ]
	run vzbc-ioctl version --flags 0x80000000
	[ "$output" = EINVAL ]
}

@test "VERSION with a non-zero reserved field is EINVAL, for each field" {
	run vzbc-ioctl version --reserved0 1
	[ "$output" = EINVAL ]
	for i in 0 1 2 3; do
		run vzbc-ioctl version --reserved "$i" 0x100
		[ "$output" = EINVAL ]
	done
}

@test "VERSION with a bad pointer is EFAULT" {
	run vzbc-ioctl version --bad-pointer
	[ "$output" = EFAULT ]
}

@test "VERSION with the wrong size is EINVAL" {
	for size in 0 1 $((VERSION_SIZE - 1)) $((VERSION_SIZE + 1)) 4096; do
		run vzbc-ioctl raw rw 0xbc 0 "$size"
		[ "$output" = EINVAL ]
	done
}

@test "VERSION with the wrong direction is EINVAL" {
	for dir in none r w; do
		run vzbc-ioctl raw "$dir" 0xbc 0 "$VERSION_SIZE"
		[ "$output" = EINVAL ]
	done
}

@test "the right size and direction through raw succeeds" {
	run vzbc-ioctl raw rw 0xbc 0 "$VERSION_SIZE"
	[ "$output" = "OK 0" ]
}

@test "unknown command numbers are ENOTTY" {
	for nr in 11 15 127 255; do
		for dir in none rw; do
			run vzbc-ioctl raw "$dir" 0xbc "$nr" 16
			[ "$output" = ENOTTY ]
		done
	done
}

@test "other ioctl types (OpenVZ's ENV_CREATE, TCGETS) are ENOTTY" {
	run vzbc-ioctl raw w 0x2e 5 12
	[ "$output" = ENOTTY ]
	run vzbc-ioctl raw r 0x54 1 60
	[ "$output" = ENOTTY ]
}

@test "an unprivileged user cannot open /dev/vzctl (EACCES)" {
	run vzbc-ioctl --open-late --as-user 65534 version
	[ "$output" = "open: EACCES" ]
}

@test "an fd passed to an unprivileged user gets EPERM" {
	run vzbc-ioctl --as-user 65534 version
	[ "$output" = EPERM ]
}

@test "root without CAP_SYS_ADMIN gets EPERM" {
	run vzbc-ioctl --drop-sysadmin version
	[ "$output" = EPERM ]
}

@test "root of a new user namespace gets EPERM" {
	run vzbc-ioctl --userns version
	[ "$output" = EPERM ]
}

@test "unknown commands stay ENOTTY for the unprivileged" {
	run vzbc-ioctl --as-user 65534 raw rw 0xbc 200 8
	[ "$output" = ENOTTY ]
}

@test "a sweep of every command number and direction never succeeds but VERSION" {
	run vzbc-ioctl sweep
	[ "$status" -eq 0 ]
	[ "$output" = "1 of 1024 succeeded" ]
}

@test "every other command's flags and reserved fields must be 0: EINVAL, nothing changed" {
	ct_register 120
	vzbc-ioctl set 120 numproc 77 77
	run vzbc-ioctl reserved 120 "$(ct_cgroup 121)"
	echo "$output"
	# register 4, unregister 3, set 5 (a limit's own reserved0 too), get 4, list 4,
	# view 5 (an unknown part too), view-get 3
	[ "$(grep -c ': EINVAL$' <<< "$output")" -eq 28 ]
	[ "$(grep -vc ': EINVAL$' <<< "$output")" -eq 0 ]
	[ "$(vzbc-ioctl list)" = "1: 120" ]
	[ "$(vzbc-ioctl get 120 numproc | cut -d' ' -f3-4)" = "77 77" ]
	[ "$(vzbc-ioctl view-get 120 | cut -d' ' -f1)" = 0xf ]
}

@test "network commands: wrong size or direction is EINVAL" {
	# NET_ATTACH w 6 (32 bytes), NET_ADDR w 7 (40), NET_INFO rw 8 (96)
	for spec in "w 6 32" "w 7 40" "rw 8 96"; do
		set -- $spec
		for size in 0 $(($3 - 1)) $(($3 + 1)) 80; do
			run vzbc-ioctl raw "$1" 0xbc "$2" "$size"
			[ "$output" = EINVAL ] || { echo "$spec $size: $output"; false; }
		done
		for dir in none r w rw; do
			[ "$dir" = "$1" ] && continue
			run vzbc-ioctl raw "$dir" 0xbc "$2" "$3"
			[ "$output" = EINVAL ] || { echo "$spec $dir: $output"; false; }
		done
		# the right shape, all zero: ctid 0
		run vzbc-ioctl raw "$1" 0xbc "$2" "$3"
		[ "$output" = EINVAL ]
	done
}

@test "network commands: flags and reserved fields must be 0: EINVAL, nothing changed" {
	kmod_load veth
	ct_register 130
	ip netns add ioctl130
	ip link add venet130 type veth peer name venet0 netns ioctl130
	run vzbc-ioctl netreserved 130 /run/netns/ioctl130 venet130
	echo "$output"
	# attach 3, addr 3 + 2 in an address, netinfo 3
	[ "$(grep -c ': EINVAL$' <<< "$output")" -eq 11 ]
	[ "$(grep -vc ': EINVAL$' <<< "$output")" -eq 0 ]
	[ "$(vzbc-ioctl netinfo 130)" = "count=0 ifindex=0 state=0 in=0/0 out=0/0 drop=0/0:" ]
	ip netns del ioctl130
}

@test "network commands are EPERM for the unprivileged and inside a container" {
	for cmd in "netinfo 1" "addr 1 delall" "attach 1 /proc/self/ns/net lo"; do
		run vzbc-ioctl --as-user 65534 $cmd
		[ "$output" = EPERM ] || { echo "$cmd: $output"; false; }
		run vzbc-ioctl --drop-sysadmin $cmd
		[ "$output" = EPERM ] || { echo "$cmd: $output"; false; }
	done
	ct_register 131
	run in_ct 131 vzbc-ioctl netinfo 131
	[ "$output" = EPERM ]
}
