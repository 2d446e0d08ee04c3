#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Containers and their beancounters: registration, limits, reading them
# back through the ioctls and in OpenVZ's /proc formats, and who may see
# and change what.

load helpers

setup() {
	vzbc_load
}

teardown() {
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "register, list and unregister containers" {
	ct_register 101
	ct_register 7
	run vzbc-ioctl list
	[ "$output" = "2: 7 101" ]
	[ -r /proc/bc/101/resources ]
	run vzbc-ioctl unregister 101
	[ "$output" = "OK 0" ]
	[ ! -e /proc/bc/101 ]
	run vzbc-ioctl list
	[ "$output" = "1: 7" ]
}

@test "a short list buffer still reports the total" {
	ct_register 101
	ct_register 102
	ct_register 103
	run vzbc-ioctl list 2
	[ "$output" = "3: 101 102" ]
	run vzbc-ioctl list 0
	[ "$output" = "3:" ]
}

@test "bad registrations are refused with the documented errno" {
	ct_register 101
	run vzbc-ioctl register 0 "$(ct_cgroup 100)"
	[ "$output" = EINVAL ]
	run vzbc-ioctl register 101 "$(ct_cgroup 102)"
	[ "$output" = EEXIST ]
	run vzbc-ioctl register 103 "$CT_CG/101"
	[ "$output" = EEXIST ]
	mkdir -p "$CT_CG/101/sub"
	run vzbc-ioctl register 104 "$CT_CG/101/sub"
	[ "$output" = EEXIST ]
	rmdir "$CT_CG/101/sub"
	run vzbc-ioctl register 105 "$CT_CG"
	[ "$output" = EEXIST ]
	run vzbc-ioctl register 106 /sys/fs/cgroup
	[ "$output" = EINVAL ]
	run vzbc-ioctl register 107 /tmp
	[ "$output" = EBADF ]
	run vzbc-ioctl register 108 -fd -1
	[ "$output" = EBADF ]
	run vzbc-ioctl register 109 -fd 999
	[ "$output" = EBADF ]
	run vzbc-ioctl register 110 "$(ct_cgroup 110)" --flags
	[ "$output" = EINVAL ]
	run vzbc-ioctl list
	[ "$output" = "1: 101" ]
}

@test "unregister: unknown is ENOENT, with tasks is EBUSY" {
	run vzbc-ioctl unregister 4242
	[ "$output" = ENOENT ]
	ct_register 101
	(in_ct 101 sleep 1000) &
	pid=$!
	for _ in $(seq 100); do [ -n "$(cat "$CT_CG/101/cgroup.procs")" ] && break; sleep 0.05; done
	run vzbc-ioctl unregister 101
	[ "$output" = EBUSY ]
	kill "$pid"
	wait "$pid" || true
	run vzbc-ioctl unregister 101
	[ "$output" = "OK 0" ]
}

@test "new containers start unlimited, vmguarpages barrier 0" {
	ct_register 101
	run vzbc-ioctl get 101 numproc
	[ "$output" = "0 0 $LONG_MAX $LONG_MAX 0" ]
	run vzbc-ioctl get 101 vmguarpages
	[ "$output" = "0 0 0 $LONG_MAX 0" ]
}

@test "set limits, one or many at once" {
	ct_register 101
	run vzbc-ioctl set 101 numproc 100 110
	[ "$output" = "OK 0" ]
	[ "$(bc_field 101 numproc 3-4)" = "100 110" ]
	run vzbc-ioctl set 101 numfile 10 20 numflock 5 unlimited kmemsize 1 2
	[ "$output" = "OK 0" ]
	[ "$(bc_field 101 numfile 3-4)" = "10 20" ]
	[ "$(bc_field 101 numflock 3-4)" = "5 $LONG_MAX" ]
	[ "$(bc_field 101 kmemsize 3-4)" = "1 2" ]
}

@test "bad limits are refused and change nothing" {
	ct_register 101
	vzbc-ioctl set 101 numproc 100 100
	for args in "numproc 20 10" "25 1 1" "4 1 1" "20 1 1" "numproc 1 1 numproc 2 2" \
		    "numproc 1 9223372036854775808"; do
		# shellcheck disable=SC2086
		run vzbc-ioctl set 101 numfile 7 7 $args
		[ "$output" = EINVAL ]
	done
	[ "$(bc_field 101 numproc 3-4)" = "100 100" ]
	[ "$(bc_field 101 numfile 3-4)" = "$LONG_MAX $LONG_MAX" ]
	run vzbc-ioctl set 4242 numproc 1 1
	[ "$output" = ENOENT ]
	run vzbc-ioctl set 101
	[ "$output" = EINVAL ]
}

@test "/proc/user_beancounters matches OpenVZ's 2.5 layout byte for byte" {
	ct_register 102
	ct_register 101
	vzbc-ioctl set 101 numproc 240 240 numfile 9312 9312
	cmp /proc/user_beancounters tests/vm/expected/user_beancounters
	# 0444, but only root opens it (and root of a container's user namespace)
	[ "$(stat -c %a /proc/user_beancounters)" = 444 ]
	# held, maxheld and failcnt in their columns: 3 tasks, a fourth refused
	vzbc-ioctl set 102 numproc 3 5
	start_hog 102 procs 10
	[ "$HOG_OUT" = "created 3 errno=EAGAIN" ]
	line=$(grep -A5 '^ *102:' /proc/user_beancounters | grep ' numproc ')
	[ "$line" = "            numproc                         3                    3                    3                    5                    1" ]
	stop_hog
}

@test "/proc/bc/CTID/resources and /proc/bc/resources" {
	ct_register 101
	vzbc-ioctl set 101 numproc 240 240 numfile 9312 9312
	cmp /proc/bc/101/resources tests/vm/expected/bc-101-resources
	# the all-containers file is the same rows with the CTID on the first
	diff <(sed '1s/^ \{10\}/      101:/' tests/vm/expected/bc-101-resources) /proc/bc/resources
}

@test "unregistering while /proc/bc/CTID/resources is read in a loop never hangs" {
	# a read syncs the beancounter under the registry's mutex; removing the
	# file waits for its readers: never the second under the first
	local reader i
	rm -f /run/bc-readers-stop
	while [ ! -e /run/bc-readers-stop ]; do
		cat /proc/bc/101/resources > /dev/null 2>&1 || true
	done &
	reader=$!
	for i in $(seq 25); do
		ct_register 101
		run timeout 30 vzbc-ioctl unregister 101
		[ "$output" = "OK 0" ] || break
	done
	touch /run/bc-readers-stop
	wait "$reader"
	echo "round $i: $output"
	[ "$output" = "OK 0" ]
	[ ! -e /proc/bc/101 ]
}

@test "/proc/vz/veinfo lists the host and each container" {
	ct_register 101
	run cat /proc/vz/veinfo
	[[ "${lines[0]}" =~ ^\ {9}0\ {5}0\ +[0-9]+$ ]]
	[ "${lines[1]}" = "       101     0     0" ]
}

@test "inside a container: only its own beancounter, no control, even as root" {
	ct_register 101
	ct_register 102
	run in_ct 101 cat /proc/user_beancounters
	[ "$(echo "$output" | grep -c ':  kmemsize')" = 1 ]
	[[ "$output" == *"101:  kmemsize"* ]]
	run in_ct 101 cat /proc/vz/veinfo
	[ "$output" = "       101     0     0" ]
	run in_ct 101 cat /proc/bc/102/resources
	[ "$status" -ne 0 ]
	run in_ct 101 cat /proc/bc/101/resources
	[ "$status" -eq 0 ]
	run in_ct 101 vzbc-ioctl set 101 numproc 1000 1000
	[ "$output" = EPERM ]
	run in_ct 101 vzbc-ioctl list
	[ "$output" = EPERM ]
	run in_ct 101 vzbc-ioctl version
	[ "$output" = EPERM ]
}

@test "an unprivileged user reads none of it; nobody but root lists /proc/bc" {
	ct_register 101
	for f in /proc/user_beancounters /proc/bc/resources /proc/bc/101/resources \
		 /proc/vz/veinfo; do
		run setpriv --reuid=65534 --regid=65534 --clear-groups cat "$f"
		[ "$status" -ne 0 ]
		[[ "$output" == *"Permission denied"* ]]
	done
	run setpriv --reuid=65534 --regid=65534 --clear-groups ls /proc/bc
	[ "$status" -ne 0 ]
	# unprivileged inside a container too, user namespace or not
	run in_ct 101 setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/user_beancounters
	[ "$status" -ne 0 ]
	# an unprivileged host user as root of a user namespace of its own is not root
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		unshare --user --map-root-user sh -c 'id -u; cat /proc/user_beancounters'
	[ "${lines[0]}" = 0 ]
	[ "$status" -ne 0 ]
	[ "$(setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/vz/version)" = \
		"$(cat /proc/vz/version)" ]
}

@test "the module cannot be unloaded while containers are registered" {
	ct_register 101
	run rmmod vzbc
	[ "$status" -ne 0 ]
	vzbc-ioctl unregister 101
	rmmod vzbc
}
