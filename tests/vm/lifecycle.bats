#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzctl create/start/exec/enter/stop/destroy with the busybox template:
# real containers (namespaces, cgroup, beancounters) in the VM.

load helpers

setup_file() {
	vz_setup
}

setup() {
	vzbc_load
}

teardown() {
	rm -f /etc/vz/conf/vps.* /etc/vz/conf/[0-9]*.*mount /etc/vz/conf/[0-9]*.start \
		/etc/vz/conf/[0-9]*.stop
	vz_destroy_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "create: a private area from the template and a config from the sample" {
	run vzctl create 101 --ostemplate busybox --hostname ct101.example
	[ "$status" -eq 0 ]
	[[ "$output" == *"Container private area was created"* ]]
	[ -x /vz/private/101/bin/busybox ]
	[ ! -e /vz/private/101/.vzbc-creating ]
	# the sample's limits as set keeps them (plain numbers, libvirt reads
	# them), and ONBOOT always
	grep -qx 'PHYSPAGES="0:65536"' /etc/vz/conf/101.conf
	grep -qx 'DISKSPACE="2097152:2306867"' /etc/vz/conf/101.conf
	grep -qx 'ONBOOT="no"' /etc/vz/conf/101.conf
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
	# numproc counts every task, init (cloned into the cgroup) included
	for _ in $(seq 100); do
		n=$(wc -l < /sys/fs/cgroup/vzbc/101/cgroup.threads)
		[ "$(vzbc-ioctl get 101 numproc | cut -d' ' -f1)" = "$n" ] && break
		sleep 0.1
	done
	[ "$n" -ge 2 ]
	[ "$(vzbc-ioctl get 101 numproc | cut -d' ' -f1)" = "$n" ]
	# the container's view
	[ "$(vzctl exec2 101 hostname)" = ct101 ]
	[ "$(cat /vz/root/101/etc/hostname)" = ct101 ]
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
	local p
	# SIGKILL to vzctl once it unpacks the template into its scratch area
	vzctl create 104 --ostemplate busybox > /dev/null 2>&1 &
	p=$!
	for _ in $(seq 500); do
		[ -e /vz/private/104.vzbc-tmp/.vzbc-creating ] && break
		sleep 0.01
	done
	[ -e /vz/private/104.vzbc-tmp/.vzbc-creating ]
	kill -9 "$p"
	wait "$p" || true
	# nothing that looks like a container
	[ ! -e /etc/vz/conf/104.conf ] && [ ! -e /vz/private/104 ]
	[ "$(vzctl status 104)" = "CTID 104 deleted unmounted down" ]
	run vzctl create 104 --ostemplate busybox
	[ "$status" -eq 0 ]
	[ -e /etc/vz/conf/104.conf ] && [ -x /vz/private/104/bin/busybox ]
	[ ! -e /vz/private/104/.vzbc-creating ] && [ ! -e /vz/private/104.vzbc-tmp ]
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
	exec 9> /vz/lock/101.lck
	flock 9
	run vzctl set 101 --numproc 77 --save
	[ "$status" -eq 9 ]
	exec 9>&-
	! grep -q '^NUMPROC="77' /etc/vz/conf/101.conf || false
	vzctl stop 101 --fast > /dev/null
	# two real vzctl calls racing: one starts it, the other is refused
	# (9, locked) or finds it running (32)
	vzctl start 101 > /dev/null 2>&1 & a=$!
	vzctl start 101 > /dev/null 2>&1 & b=$!
	wait "$a" && ra=0 || ra=$?
	wait "$b" && rb=0 || rb=$?
	echo "racing starts: $ra $rb"
	[ "$ra" -eq 0 ] && [[ " 9 32 " == *" $rb "* ]] ||
		{ [ "$rb" -eq 0 ] && [[ " 9 32 " == *" $ra "* ]]; }
	[ "$(vzctl status 101)" = "CTID 101 exist mounted running" ]
	vzctl stop 101 --fast > /dev/null
}

@test "vzctl set killed with SIGKILL midway: the config stays whole, a retry succeeds" {
	vzctl create 101 --ostemplate busybox > /dev/null
	echo 'PANEL_KEY="keep"' >> /etc/vz/conf/101.conf
	vzctl start 101 > /dev/null
	for i in 1 2 3 4 5 6 7 8 9; do
		vzctl set 101 --numproc $((200 + i)) --cpuunits $((1000 + i)) \
			--description "try $i" --save > /dev/null 2>&1 &
		pid=$!
		sleep "0.0$i"
		kill -9 "$pid" 2> /dev/null || true
		wait "$pid" || true
		# every line a whole KEY="value" (or a comment), nothing else lost
		! grep -qvE '^(#.*|[A-Z_0-9]+="[^"]*")?$' /etc/vz/conf/101.conf || false
		grep -qx 'PANEL_KEY="keep"' /etc/vz/conf/101.conf
		grep -q '^VE_PRIVATE=' /etc/vz/conf/101.conf
	done
	run vzctl set 101 --numproc 300 --cpuunits 3000 --save
	[ "$status" -eq 0 ]
	grep -qx 'NUMPROC="300:300"' /etc/vz/conf/101.conf
	grep -qx 'CPUUNITS="3000"' /etc/vz/conf/101.conf
	[ "$(bc_field 101 numproc 3)" = 300 ]
	[ "$(cat /sys/fs/cgroup/vzbc/101/cpu.weight)" = 300 ]
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
assert d[0]["vswap"] is True and d[0]["cpuunits"] == 1000 and d[0]["devnodes"] is None, d[0]
'
	# text longer than its column is cut, but with -t or in the last column
	vzctl set 102 --hostname a-very-long-host-name --save > /dev/null
	run vzlist -a -H -o hostname,ctid 102
	[ "$output" = "a-very-lon        102" ]
	run vzlist -a -t -H -o hostname,ctid 102
	[ "$output" = "a-very-long-host-name        102" ]
	run vzlist -a -H -o ctid,hostname 102
	[ "$output" = "       102 a-very-long-host-name" ]
	run vzlist -H -o vswap,laverage 101
	[[ "$output" =~ ^yes\ +[0-9]+\.[0-9]{2}/[0-9]+\.[0-9]{2}/[0-9]+\.[0-9]{2}$ ]]
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
	! grep -q CPUUNITS=.2000 /etc/vz/conf/101.conf || false
	# bad values and saved-only keys without --save change nothing
	run vzctl set 101 --onboot yes
	[ "$status" -eq 20 ]
	run vzctl set 101 --onboot maybe --save
	[ "$status" -eq 21 ]
	run vzctl set 101 --cpuunits 5 --numproc 10 --save
	[ "$status" -eq 21 ]
	[ "$(cat $cg/cpu.weight)" = 200 ]
	! grep -q NUMPROC /etc/vz/conf/101.conf || false
	run vzctl set 101 --name web1 --onboot yes --cpus 1 --save
	[ "$status" -eq 0 ]
	grep -qx 'NAME="web1"' /etc/vz/conf/101.conf
	grep -qx 'ONBOOT="yes"' /etc/vz/conf/101.conf
	grep -qx 'CPUS="1"' /etc/vz/conf/101.conf
	[ "$(cat $cg/cpu.max)" = "100000 100000" ]
	run vzctl set 102 --name web1 --save
	[ "$status" -eq 21 ]
	# digits only: the container's own CTID (libvirt names it so), no other
	run vzctl set 102 --name 101 --save
	[ "$status" -eq 21 ]
	run vzctl set 102 --name 102 --save
	[ "$status" -eq 0 ]
	# the name addresses the container
	[ "$(vzctl status web1)" = "CTID 101 exist mounted running" ]
	[ "$(vzctl exec2 web1 hostname)" = newname ]
	vzctl stop web1 --fast > /dev/null
	# saved CPU settings apply at start
	vzctl start 101 > /dev/null
	[ "$(cat $cg/cpu.max)" = "100000 100000" ]
	vzctl stop 101 --fast > /dev/null
}

@test "start --wait, nameservers, search domains, CPU mask and device nodes" {
	local cg=/sys/fs/cgroup/vzbc/101 host_ns conf
	vzctl create 101 --ostemplate busybox > /dev/null
	# a boot that takes a while: start --wait returns only after it
	printf '#!/bin/sh\nsleep 3\ntouch /booted\n' > /vz/private/101/etc/init.d/rcS
	run vzctl set 101 --nameserver 192.0.2.53 --nameserver 2001:db8::53 \
		--searchdomain example.com --devnodes loop-control:rw --cpumask 0 --save
	[ "$status" -eq 0 ]
	grep -qx 'NAMESERVER="192.0.2.53 2001:db8::53"' /etc/vz/conf/101.conf
	grep -qx 'SEARCHDOMAIN="example.com"' /etc/vz/conf/101.conf
	grep -qx 'DEVNODES="loop-control:rw"' /etc/vz/conf/101.conf
	grep -qx 'CPUMASK="0"' /etc/vz/conf/101.conf
	# bad values: exit 21, nothing saved
	conf=$(cat /etc/vz/conf/101.conf)
	for bad in "--nameserver 300.1.1.1" "--nameserver ns1.example" "--searchdomain a..b" \
		"--devnodes ../sda:rw" "--devnodes loop-control:x" "--devnodes no-such-dev:rw" \
		"--cpumask 0-99999" "--cpumask 1-0" "--nodemask x"; do
		run vzctl set 101 $bad --save
		echo "$bad: $status $output"
		[ "$status" -eq 21 ]
	done
	[ "$(cat /etc/vz/conf/101.conf)" = "$conf" ]

	run vzctl start 101 --wait
	echo "$output"
	[ "$status" -eq 0 ]
	[ -e /vz/root/101/booted ]
	run vzctl exec2 101 cat /etc/resolv.conf
	[ "$output" = "$(printf 'search example.com\nnameserver 192.0.2.53\nnameserver 2001:db8::53')" ]
	[ "$(cat $cg/cpuset.cpus)" = 0 ]
	run vzctl exec2 101 'test -c /dev/loop-control'
	[ "$status" -eq 0 ]
	# live: the host's nameservers, no pinning; other resolv.conf lines stay
	vzctl exec 101 'echo "options ndots:2" >> /etc/resolv.conf'
	run vzctl set 101 --nameserver inherit --cpumask all
	[ "$status" -eq 0 ]
	host_ns=$(awk '$1 == "nameserver" { print }' /etc/resolv.conf)
	run vzctl exec2 101 cat /etc/resolv.conf
	[ "$output" = "$(printf 'search example.com\noptions ndots:2\n%s' "$host_ns")" ] ||
	[ "$output" = "$(printf 'search example.com\noptions ndots:2')" -a -z "$host_ns" ]
	[ "$(cat $cg/cpuset.cpus)" = "$(cat /sys/fs/cgroup/vzbc/cpuset.cpus.effective)" ]
	# the config keeps what was saved
	grep -qx 'NAMESERVER="192.0.2.53 2001:db8::53"' /etc/vz/conf/101.conf
	# a device taken away, at the next start
	run vzctl set 101 --devnodes loop-control:none --save
	[ "$status" -eq 0 ]
	[[ "$output" == *"when it starts again"* ]]
	! grep -q '^DEVNODES="loop' /etc/vz/conf/101.conf || false
	vzctl restart 101 --wait > /dev/null
	run vzctl exec2 101 'test -e /dev/loop-control'
	[ "$status" -ne 0 ]
	vzctl stop 101 --fast > /dev/null
}

@test "isolation: its own mounts and root, nothing of the host's to reach" {
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl start 101 > /dev/null
	# the host's mounts (its 9p root, /tmp, the results share) are not there
	run vzctl exec2 101 'cat /proc/mounts'
	[[ "$output" != *9p* ]] && [[ "$output" != *vzbc-results* ]]
	[ "$(vzctl exec2 101 'cat /proc/mounts | wc -l')" -lt 15 ]
	# no way out of its root: .. of / is /, and init's root is its own
	[ "$(vzctl exec2 101 'cd /../../..; ls -di . | cut -d" " -f1')" = \
	  "$(vzctl exec2 101 'ls -di / | cut -d" " -f1')" ]
	run vzctl exec2 101 "ls -d /proc/1/root$VZBC_REPO /proc/1/root/vzbc-results"
	[ "$status" -ne 0 ]
	# no /dev/vzctl, and making one is refused (no mknod in its user namespace)
	run vzctl exec2 101 'ls /dev/vzctl'
	[ "$status" -ne 0 ]
	run vzctl exec2 101 "mknod /tmp/vzctl c $(stat -c '%Hr %Lr' /dev/vzctl) && echo made"
	[[ "$output" != *made* ]]
	# it sees only its own processes
	[ "$(vzctl exec2 101 'ps -o pid= | wc -l')" -lt 10 ]
	run vzctl exec2 101 'ps -o comm='
	[[ "$output" != *bats* ]]
	vzctl stop 101 --fast > /dev/null
}

@test "vzbc-autostart: containers with ONBOOT start by BOOTORDER, and all stop" {
	local c
	for c in 101 102 103 104 105; do
		vzctl create $c --ostemplate busybox > /dev/null
	done
	vzctl set 101 --onboot yes --bootorder 1 --save > /dev/null
	vzctl set 102 --onboot yes --bootorder 5 --save > /dev/null
	vzctl set 103 --onboot yes --save > /dev/null
	vzctl set 104 --onboot no --bootorder 9 --save > /dev/null
	# a disabled container: not started, by hand without --force or at boot
	vzctl set 105 --onboot yes --bootorder 7 --disabled yes --save > /dev/null
	run vzctl start 105
	[ "$status" -eq 105 ]
	[ "$output" = "Container start disabled" ]
	run "$VZBC_REPO/scripts/vzbc-autostart" start
	[ "$status" -eq 0 ]
	[ "$(sed -n 's/^vzbc-autostart: starting container //p' <<< "$output" | xargs)" = "102 101 103" ]
	[ "$(vzlist -H -o ctid | xargs)" = "101 102 103" ]
	# started already: nothing to do
	run "$VZBC_REPO/scripts/vzbc-autostart" start
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run "$VZBC_REPO/scripts/vzbc-autostart" stop
	[ "$status" -eq 0 ]
	[ "$(sed -n 's/^vzbc-autostart: stopping container //p' <<< "$output" | xargs)" = "103 101 102" ]
	[ -z "$(vzlist -H -o ctid)" ]
	run vzctl start 105 --force
	[ "$status" -eq 0 ]
	vzctl stop 105 --fast > /dev/null
}

@test "action scripts: premount, mount, umount, postumount on the host; start and stop inside" {
	local log=$BATS_TEST_TMPDIR/actions
	vzctl create 101 --ostemplate busybox > /dev/null
	for a in premount mount umount postumount; do
		printf '#!/bin/sh\necho "vps.%s $VEID $VE_CONFFILE" >> %s\n' $a "$log" > /etc/vz/conf/vps.$a
		printf '#!/bin/sh\necho "101.%s $VE_ROOT $(test -d $VE_ROOT/bin && echo root-mounted)" >> %s\n' \
			$a "$log" > /etc/vz/conf/101.$a
		chmod +x /etc/vz/conf/vps.$a /etc/vz/conf/101.$a
	done
	# .start and .stop run inside, by the container's shell
	echo 'hostname > /from-start; echo $$ > /start-pid' > /etc/vz/conf/101.start
	echo 'echo stopped > /from-stop' > /etc/vz/conf/101.stop

	vzctl start 101 > /dev/null
	[ "$(vzctl exec2 101 cat /from-start)" = "$(vzctl exec2 101 hostname)" ]
	# the start script ran in the container's pid namespace
	[ "$(vzctl exec2 101 cat /start-pid)" -lt 100 ]
	vzctl stop 101 > /dev/null
	[ "$(cat /vz/private/101/from-stop)" = stopped ]
	[ "$(cat "$log")" = "vps.premount 101 /etc/vz/conf/101.conf
101.premount /vz/root/101 
vps.mount 101 /etc/vz/conf/101.conf
101.mount /vz/root/101 root-mounted
vps.umount 101 /etc/vz/conf/101.conf
101.umount /vz/root/101 root-mounted
vps.postumount 101 /etc/vz/conf/101.conf
101.postumount /vz/root/101 " ]
	rm -f /etc/vz/conf/vps.*mount /etc/vz/conf/101.*mount

	# a failing mount script: exit 79, nothing left mounted or running
	printf '#!/bin/sh\nexit 3\n' > /etc/vz/conf/101.mount
	chmod +x /etc/vz/conf/101.mount
	run vzctl start 101
	[ "$status" -eq 79 ]
	[[ "$output" == *"101.mount exited with status 3"* ]]
	[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
	run vzctl mount 101
	[ "$status" -eq 79 ]
	[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
	rm /etc/vz/conf/101.mount

	# a failing start script: exit 79, the container stopped again
	echo 'exit 5' > /etc/vz/conf/101.start
	run vzctl start 101
	[ "$status" -eq 79 ]
	[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
	[ "$(vzbc-ioctl list)" = "0:" ]
	rm -f /etc/vz/conf/101.start /etc/vz/conf/101.stop
}

@test "runscript: a host script inside a running container, and in a stopped one" {
	local script=$BATS_TEST_TMPDIR/script.sh
	vzctl create 101 --ostemplate busybox --hostname rs > /dev/null
	printf 'echo "in $(hostname) as pid $$"\ncat /proc/1/comm\nexit 4\n' > "$script"

	# stopped: the script is the container's pid 1, under its limits
	run vzctl runscript 101 "$script"
	[ "$status" -eq 4 ]
	[[ "$output" == *"in rs as pid 1"* ]]
	[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
	[ "$(vzbc-ioctl list)" = "0:" ]
	[ ! -d /sys/fs/cgroup/vzbc/101 ]

	# a mounted, stopped container stays mounted
	vzctl mount 101 > /dev/null
	echo 'touch /made-by-runscript' > "$script"
	run vzctl runscript 101 "$script"
	[ "$status" -eq 0 ]
	[ "$(vzctl status 101)" = "CTID 101 exist mounted down" ]
	[ -e /vz/private/101/made-by-runscript ]
	vzctl umount 101 > /dev/null

	# running: beside its init, in its namespaces
	vzctl start 101 > /dev/null
	printf 'cat /proc/1/comm\nhostname\n' > "$script"
	run vzctl runscript 101 "$script"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = init ]
	[ "${lines[1]}" = rs ]

	# bad input
	run vzctl runscript 101 /nonexistent/script
	[ "$status" -eq 21 ]
	[[ "$output" == *"/nonexistent/script"* ]]
	run vzctl runscript 101
	[ "$status" -eq 20 ]
	run vzctl runscript 999 "$script"
	[ "$status" -eq 14 ]
	vzctl stop 101 --fast > /dev/null
}

@test "LOCAL_UID: the container's root is an unprivileged host user in its own user namespace" {
	run vzctl create 103 --ostemplate busybox --local_uid 200000 --local_gid 300000
	[ "$status" -eq 0 ]
	grep -qx 'LOCAL_UID="200000"' /etc/vz/conf/103.conf
	grep -qx 'LOCAL_GID="300000"' /etc/vz/conf/103.conf
	# the private area belongs to the mapped ids
	[ "$(stat -c %u:%g /vz/private/103/bin/busybox)" = 200000:300000 ]
	[ "$(stat -c %u:%g /vz/private/103)" = 200000:300000 ]
	vzctl start 103 > /dev/null
	# inside: root, mapped; outside: the init runs as uid 200000
	[ "$(vzctl exec2 103 id -u)" = 0 ]
	[ "$(vzctl exec2 103 'cat /proc/self/uid_map' | tr -s ' ')" = " 0 200000 65536" ]
	[ "$(vzctl exec2 103 'cat /proc/self/gid_map' | tr -s ' ')" = " 0 300000 65536" ]
	[ "$(awk '/^Uid:/ { print $2 }' /proc/"$(cat /sys/fs/cgroup/vzbc/103/cgroup.procs | head -n1)"/status)" = 200000 ]
	# files it makes are the mapped ids' on the host
	vzctl exec 103 'touch /made-inside'
	[ "$(stat -c %u /vz/private/103/made-inside)" = 200000 ]
	# no host devices, no global sysctls, no control device, no limit changes
	run vzctl exec2 103 'mknod /tmp/sda b 8 0'
	[ "$status" -ne 0 ]
	run vzctl exec2 103 'echo "|/bin/sh" > /proc/sys/kernel/core_pattern'
	[ "$status" -ne 0 ]
	[ "$(cat /proc/sys/kernel/core_pattern)" != "|/bin/sh" ]
	run vzctl exec2 103 'echo 1 > /sys/fs/cgroup/memory.max'
	[ "$status" -ne 0 ]
	[ "$(cat /sys/fs/cgroup/vzbc/103/memory.max)" = 268435456 ]
	# its cgroup is delegated to it: it may build a tree below, which stop removes
	[ "$(stat -c %u:%g /sys/fs/cgroup/vzbc/103/cgroup.procs)" = 200000:300000 ]
	[ "$(stat -c %u /sys/fs/cgroup/vzbc/103/memory.max)" = 0 ]
	vzctl exec 103 'mkdir /sys/fs/cgroup/made-inside'
	[ -d /sys/fs/cgroup/vzbc/103/made-inside ]
	# the container's usual world still works: /dev nodes, ptys, enter, hostname
	[ "$(vzctl exec2 103 'head -c 4 /dev/zero | wc -c')" = 4 ]
	run sh -c 'printf "id -u\ntty\nexit 0\n" | vzctl enter 103'
	[ "$status" -eq 0 ]
	[[ "$output" == *"/dev/pts/0"* ]]
	vzctl set 103 --hostname ns103 > /dev/null
	[ "$(vzctl exec2 103 hostname)" = ns103 ]
	grep -q '^ *103: *kmemsize' /proc/user_beancounters
	run vzctl stop 103
	[ "$status" -eq 0 ]
	[ "$(vzctl status 103)" = "CTID 103 exist unmounted down" ]

	# bad ids are refused and nothing is created
	run vzctl create 104 --ostemplate busybox --local_uid 4294967295
	[ "$status" -eq 21 ]
	run vzctl create 104 --ostemplate busybox --local_uid 5000 --local_gid 0
	[ "$status" -eq 21 ]
	[ ! -e /etc/vz/conf/104.conf ] && [ ! -e /vz/private/104 ]
}

@test "no user namespace: root still cannot write its own cgroup limits (nsdelegate)" {
	vzctl create 105 --ostemplate busybox --local_uid 0 > /dev/null
	vzctl start 105 > /dev/null
	# vzctl start put nsdelegate on the cgroup2 mount, as systemd mounts it
	grep -qE ' - cgroup2 .*nsdelegate' /proc/self/mountinfo
	[ "$(vzctl exec2 105 id -u)" = 0 ]
	for f in memory.max memory.swap.max pids.max cpu.max; do
		run vzctl exec2 105 "echo max > /sys/fs/cgroup/$f"
		[ "$status" -ne 0 ]
	done
	[ "$(cat /sys/fs/cgroup/vzbc/105/memory.max)" = 268435456 ]
	vzctl stop 105 --fast > /dev/null
}

@test "set --capability: saved, taken at the next start or with --setmode restart" {
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl start 101 > /dev/null
	bnd() { vzctl exec2 101 "grep CapBnd /proc/${1:-1}/status" | awk '{ print $2 }'; }
	has() { [ $(( 0x$1 >> $2 & 1 )) = 1 ]; }
	before=$(bnd)
	has "$before" 12		# NET_ADMIN by default
	! has "$before" 25 || false	# SYS_TIME not
	# bad input changes nothing
	run vzctl set 101 --capability net_admin:off
	[ "$status" -eq 20 ]
	run vzctl set 101 --capability no_such_cap:on --save
	[ "$status" -eq 21 ]
	run vzctl set 101 --capability net_admin:off --setmode sometimes --save
	[ "$status" -eq 21 ]
	! grep -q CAPABILITY /etc/vz/conf/101.conf || false
	# saved; the running container keeps its set until it starts again
	run vzctl set 101 --capability net_admin:off --save
	[ "$status" -eq 0 ]
	[[ "$output" == *"takes the new CAPABILITY when it starts again"* ]]
	grep -qx 'CAPABILITY="NET_ADMIN:off"' /etc/vz/conf/101.conf
	[ "$(bnd)" = "$before" ]
	vzctl exec 101 'ip link set lo mtu 1400'
	# merged with what is saved; --setmode restart applies it now
	run vzctl set 101 --capability CAP_SYS_TIME:on --save --setmode restart
	[ "$status" -eq 0 ]
	grep -qx 'CAPABILITY="NET_ADMIN:off SYS_TIME:on"' /etc/vz/conf/101.conf
	after=$(bnd)
	! has "$after" 12 || false
	has "$after" 25
	# commands run by exec get exactly the init's set
	[ "$(bnd self)" = "$after" ]
	# without NET_ADMIN its root cannot configure its own interfaces
	run vzctl exec2 101 'ip link set lo mtu 1400'
	[ "$status" -ne 0 ]
	vzctl stop 101 > /dev/null
}
