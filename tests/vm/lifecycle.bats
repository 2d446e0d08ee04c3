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
	run vzctl exec2 101 'readlink /proc/self/ns/net'
	[ "$output" != "$(readlink /proc/self/ns/net)" ]
	# lo, besides the per-namespace fallback tunnels a kernel may create
	run vzctl exec2 101 'ls /sys/class/net'
	[ "$(grep -vxE 'sit0|tunl0|ip6tnl0|gre0|ip6gre0|erspan0|gretap0|ip_vti0|ip6_vti0' <<< "$output")" = lo ]
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

@test "vzlist: columns, -a, -o with beancounter fields, -s, -1, -j" {
	vzctl create 101 --ostemplate busybox --hostname one --ipadd 10.0.0.1 > /dev/null
	vzctl create 102 --ostemplate busybox --hostname two > /dev/null
	vzctl start 101 > /dev/null
	vzctl set 101 --numproc 50:60 > /dev/null
	run vzlist
	[ "${lines[0]}" = "      CTID      NPROC STATUS    IP_ADDR         HOSTNAME" ]
	[[ "${lines[1]}" =~ ^\ +101\ +[0-9]+\ running\ +10\.0\.0\.1\ +one$ ]]
	[ "${#lines[@]}" -eq 2 ]
	run vzlist -a -H -o ctid,status
	[ "${lines[0]}" = "       101 running" ]
	[ "${lines[1]}" = "       102 stopped" ]
	run vzlist -S -1
	[ "$output" = "       102" ]
	run vzlist -a -H -o ctid -s -ctid
	[ "${lines[0]}" = "       102" ]
	run vzlist -H -o numproc.b,numproc.l,numproc.f 101
	[ "$output" = "        50         60          0" ]
	run vzlist -H -o physpages.l,numproc 102
	[ "$output" = "     65536          -" ]
	run vzlist -a -h 't*' -H -o hostname
	[ "$output" = two ]
	vzlist -a -j | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert [c["ctid"] for c in d] == [101, 102], d
assert d[0]["status"] == "running" and d[1]["status"] == "stopped"
assert d[0]["numproc"]["barrier"] == 50 and d[0]["numproc"]["limit"] == 60
assert d[0]["physpages"]["held"] > 0
assert d[1]["numproc"]["held"] is None and d[1]["hostname"] == "two"
'
	run vzlist -o nosuchfield
	[ "$status" -eq 21 ]
	vzctl stop 101 --fast > /dev/null
}

@test "set: --ram, --swap, CPU and hostname live; saved-only keys need --save; names" {
	local cg=/sys/fs/cgroup/vzbc/101
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl create 102 --ostemplate busybox > /dev/null
	vzctl start 101 > /dev/null
	run vzctl set 101 --ram 128M --swap 64M --cpuunits 2000 --cpulimit 50% --hostname newname
	[ "$status" -eq 0 ]
	[ "$(cat $cg/memory.max)" = 134217728 ]
	[ "$(cat $cg/memory.swap.max)" = 67108864 ]
	[ "$(cat $cg/cpu.weight)" = 200 ]
	[ "$(cat $cg/cpu.max)" = "50000 100000" ]
	[ "$(vzctl exec2 101 hostname)" = newname ]
	! grep -q CPUUNITS=.2000 /etc/vz/conf/101.conf
	# bad values and saved-only keys without --save change nothing
	run vzctl set 101 --onboot yes
	[ "$status" -eq 20 ]
	run vzctl set 101 --onboot maybe --save
	[ "$status" -eq 21 ]
	run vzctl set 101 --cpuunits 5 --numproc 10 --save
	[ "$status" -eq 21 ]
	[ "$(cat $cg/cpu.weight)" = 200 ]
	! grep -q NUMPROC /etc/vz/conf/101.conf
	run vzctl set 101 --name web1 --onboot yes --cpus 1 --save
	[ "$status" -eq 0 ]
	grep -qx 'NAME="web1"' /etc/vz/conf/101.conf
	grep -qx 'ONBOOT="yes"' /etc/vz/conf/101.conf
	grep -qx 'CPUS="1"' /etc/vz/conf/101.conf
	[ "$(cat $cg/cpu.max)" = "100000 100000" ]
	run vzctl set 102 --name web1 --save
	[ "$status" -eq 21 ]
	# the name addresses the container
	[ "$(vzctl status web1)" = "CTID 101 exist mounted running" ]
	[ "$(vzctl exec2 web1 hostname)" = newname ]
	vzctl stop web1 --fast > /dev/null
	# saved CPU settings apply at start
	vzctl start 101 > /dev/null
	[ "$(cat $cg/cpu.max)" = "100000 100000" ]
	vzctl stop 101 --fast > /dev/null
}
