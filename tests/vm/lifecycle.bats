#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzctl create/start/exec/enter/stop/destroy with the busybox template:
# real containers (namespaces, cgroup, beancounters) in the VM.

load helpers

setup_file() {
	mkdir -p /etc/vz/conf
	cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/vz.conf
	cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
	"$VZBC_REPO/scripts/mk-template-busybox" > /dev/null
}

setup() {
	vzbc_load
}

teardown() {
	local c
	for c in /etc/vz/conf/[0-9]*.conf; do
		[ -e "$c" ] || continue
		c=$(basename "$c" .conf)
		vzctl stop "$c" --fast > /dev/null || true
		vzctl destroy "$c" > /dev/null || true
	done
	rm -f /etc/vz/conf/*.destroyed
	vzbc_unload_if_loaded
}

@test "create: a private area from the template and a config from the sample" {
	run vzctl create 101 --ostemplate busybox --hostname ct101.example
	[ "$status" -eq 0 ]
	[[ "$output" == *"Container private area was created"* ]]
	[ -x /vz/private/101/bin/busybox ]
	[ ! -e /vz/private/101/.vzbc-creating ]
	grep -qx 'PHYSPAGES="0:256M"' /etc/vz/conf/101.conf
	grep -qx 'VE_PRIVATE="/vz/private/101"' /etc/vz/conf/101.conf
	grep -qx 'HOSTNAME="ct101.example"' /etc/vz/conf/101.conf
	grep -qx 'OSTEMPLATE="busybox"' /etc/vz/conf/101.conf
	[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
}

@test "start, exec, stop: init runs in its own namespaces, registered and limited" {
	vzctl create 101 --ostemplate busybox --hostname ct101 > /dev/null
	run vzctl start 101
	[ "$status" -eq 0 ]
	[ "$(vzctl status 101)" = "CTID 101 exist mounted running" ]
	# limits from the sample are live: memory.max and the beancounter
	[ "$(cat /sys/fs/cgroup/vzbc/101/memory.max)" = 268435456 ]
	grep -q '^ *101: *kmemsize' /proc/user_beancounters
	# the container's view
	[ "$(vzctl exec2 101 hostname)" = ct101 ]
	run vzctl exec2 101 'cat /proc/1/comm'
	[ "$output" = init ]
	run vzctl exec2 101 'ps -o pid= | wc -l'
	[ "$output" -lt 10 ]
	run vzctl exec2 101 'ls /sys/class/net'
	[ "$output" = lo ]
	run vzctl exec2 101 'cat /proc/user_beancounters | grep -c kmemsize'
	[ "$output" = 1 ]
	# exec2 gives the status, exec 8 for a failure
	run vzctl exec2 101 'exit 7'
	[ "$status" -eq 7 ]
	run vzctl exec 101 false
	[ "$status" -eq 8 ]
	run vzctl exec 101 true
	[ "$status" -eq 0 ]
	# a command from stdin
	run sh -c 'echo "echo from-stdin" | vzctl exec 101 -'
	[ "$output" = from-stdin ]
	# no control device inside, and the host's devices are not there
	run vzctl exec2 101 'ls /dev'
	[[ "$output" != *vzctl* ]] && [[ "$output" != *sda* ]]

	run vzctl stop 101
	[ "$status" -eq 0 ]
	[[ "$output" == *"Container was stopped"* ]]
	[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
	[ ! -d /sys/fs/cgroup/vzbc/101 ]
	[ "$(vzbc-ioctl list)" = "0:" ]
}

@test "numproc set on a running container: a fork storm hits it" {
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl start 101 > /dev/null
	run vzctl set 101 --numproc 20:20
	[ "$status" -eq 0 ]
	run vzctl exec2 101 'for i in $(seq 40); do sleep 30 & done; wait' 
	fc=$(awk '$1 ~ /^101:/ { ct = 1 } ct && $1 == "numproc" { print $NF; exit }
		  ct && $2 == "numproc" { print $NF; exit }' /proc/user_beancounters)
	[ "$fc" -ge 1 ]
	vzctl stop 101 --fast > /dev/null
}

@test "enter: a root shell on a pty inside the container" {
	vzctl create 101 --ostemplate busybox --hostname inside > /dev/null
	vzctl start 101 > /dev/null
	run sh -c 'printf "tty\nhostname\nexit 3\n" | vzctl enter 101'
	[ "$status" -eq 3 ]
	[[ "$output" == *"/dev/pts/0"* ]]
	[[ "$output" == *"inside"* ]]
	vzctl stop 101 --fast > /dev/null
}

@test "two containers at once, each sees only itself" {
	vzctl create 101 --ostemplate busybox --hostname one > /dev/null
	vzctl create 102 --ostemplate busybox --hostname two > /dev/null
	vzctl start 101 > /dev/null
	vzctl start 102 > /dev/null
	[ "$(vzctl exec2 101 hostname)" = one ]
	[ "$(vzctl exec2 102 hostname)" = two ]
	vzctl exec 101 'touch /only-in-101'
	run vzctl exec2 102 'ls /only-in-101'
	[ "$status" -ne 0 ]
	[ "$(vzctl exec2 102 'grep -c ^ /proc/vz/veinfo')" = 1 ]
	[ "$(vzbc-ioctl list)" = "2: 101 102" ]
	vzctl stop 101 > /dev/null
	vzctl stop 102 > /dev/null
	[ "$(vzbc-ioctl list)" = "0:" ]
}

@test "bad input: clear message, right exit code, nothing changed" {
	run vzctl start 999
	[ "$status" -eq 14 ]
	run vzctl create 0 --ostemplate busybox
	[ "$status" -eq 21 ]
	run vzctl create abc
	[ "$status" -eq 21 ]
	run vzctl create 103 --ostemplate no-such
	[ "$status" -eq 91 ]
	[ ! -e /etc/vz/conf/103.conf ] && [ ! -e /vz/private/103 ]
	run vzctl create 103 --ostemplate busybox --config no-such
	[ "$status" -eq 82 ]
	[ ! -e /etc/vz/conf/103.conf ] && [ ! -e /vz/private/103 ]
	vzctl create 101 --ostemplate busybox > /dev/null
	run vzctl create 101 --ostemplate busybox
	[ "$status" -eq 44 ]
	run vzctl exec 101 true
	[ "$status" -eq 31 ]
	run vzctl stop 101
	[ "$status" -eq 0 ]
	[[ "$output" == *"not running"* ]]
	vzctl start 101 > /dev/null
	run vzctl start 101
	[ "$status" -eq 32 ]
	run vzctl destroy 101
	[ "$status" -eq 32 ]
	[ -d /vz/private/101 ]
	vzctl stop 101 --fast > /dev/null
	run vzctl destroy 101
	[ "$status" -eq 0 ]
	[ ! -e /vz/private/101 ] && [ ! -e /etc/vz/conf/101.conf ]
	[ -e /etc/vz/conf/101.conf.destroyed ]
}

@test "a create killed midway leaves no container, and a retry succeeds" {
	# stop it while tar unpacks (SIGKILL to vzctl, tar dies with its pipe or runs out)
	(vzctl create 104 --ostemplate busybox > /dev/null 2>&1 & p=$!; sleep 0.05; kill -9 $p) || true
	sleep 1
	[ ! -e /etc/vz/conf/104.conf ] || [ ! -e /vz/private/104/.vzbc-creating ]
	run vzctl create 104 --ostemplate busybox
	[ "$status" -eq 0 ] || [ "$status" -eq 44 ]
	[ -e /etc/vz/conf/104.conf ]
	[ ! -e /vz/private/104/.vzbc-creating ]
}

@test "concurrent vzctl calls on one container: the second is refused with 9" {
	vzctl create 101 --ostemplate busybox > /dev/null
	exec 9> /vz/lock/101.lck
	flock 9
	run vzctl start 101
	[ "$status" -eq 9 ]
	exec 9>&-
	run vzctl start 101
	[ "$status" -eq 0 ]
	vzctl stop 101 --fast > /dev/null
}
