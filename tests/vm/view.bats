#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# What a container's tasks see of the machine: /proc/meminfo, /proc/swaps,
# sysinfo(2), /proc/cpuinfo, /proc/stat, /proc/loadavg and /proc/uptime
# show the container's own figures (vzbc.ko's view), the host's stay the
# host's. Busybox containers started by vzctl (and a Debian one when its
# template is there). vzctl start leaves every part of the view on unless
# the config's VIEW or MEMINFO says otherwise; vzbc-ioctl sets parts of it
# directly, vzctl set --view and --meminfo through the config.

load helpers

VZ_CG=/sys/fs/cgroup/vzbc
MIB_KB=1024

setup_file() {
	mkdir -p /etc/vz/conf
	cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/vz.conf
	cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
	"$VZBC_REPO/scripts/mk-template-busybox" > /dev/null
	# 1 GiB of swap on the host, so that a container's 512 MiB can exist:
	# zram where the kernel has it (swapping out to it costs the container
	# nothing), else a loop device over a sparse file in the guest's memory
	# (whose pages a swap-out would charge to the container itself)
	local dev
	if modprobe zram num_devices=1 2> /dev/null && [ -e /sys/block/zram0 ]; then
		dev=/dev/zram0
		echo 1G > /sys/block/zram0/disksize
	else
		truncate -s 1G /run/view-swap.img
		dev=$(losetup --find --show /run/view-swap.img)
	fi
	mkswap "$dev" > /dev/null
	swapon "$dev"
	echo "$dev" > /run/view-swap.dev
	# the host's own files, before any container exists
	vzbc_load
	host_snapshot > /run/view-host.before
}

setup() {
	vzbc_load
}

teardown() {
	lxcfs_stop /run/view-lxcfs
	rm -f /run/view-lxcfs.log
	vz_destroy_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
	local dev
	dev=$(cat /run/view-swap.dev)
	swapoff "$dev" || true
	case $dev in
	/dev/zram*) echo 1 > /sys/block/zram0/reset; rmmod zram || true ;;
	*) losetup -d "$dev" || true ;;
	esac
	rm -f /run/view-swap.img /run/view-swap.dev /run/view-host.before
}

# what the host's files say that no container may change
host_snapshot() {
	grep -E '^(MemTotal|SwapTotal):' /proc/meminfo
	echo "processors $(grep -c ^processor /proc/cpuinfo)"
	echo "cpu lines $(grep -c '^cpu' /proc/stat)"
	echo "swaps $(wc -l < /proc/swaps)"
	echo "sysinfo $(sysinfo_kb | cut -d' ' -f1-2)"
}

# kB of meminfo line KEY in standard input
kb() {
	awk -v k="$1:" '$1 == k { print $2 }'
}

# sysinfo(2) of the caller: "totalram_kb totalswap_kb freeram_kb procs uptime load1"
sysinfo_kb() {
	python3 -c '
import ctypes
class S(ctypes.Structure):
    _fields_ = [("uptime", ctypes.c_long), ("loads", ctypes.c_ulong * 3),
                ("totalram", ctypes.c_ulong), ("freeram", ctypes.c_ulong),
                ("sharedram", ctypes.c_ulong), ("bufferram", ctypes.c_ulong),
                ("totalswap", ctypes.c_ulong), ("freeswap", ctypes.c_ulong),
                ("procs", ctypes.c_ushort), ("pad", ctypes.c_ushort),
                ("totalhigh", ctypes.c_ulong), ("freehigh", ctypes.c_ulong),
                ("mem_unit", ctypes.c_uint), ("_f", ctypes.c_char * 4)]
s = S()
assert ctypes.CDLL(None, use_errno=True).sysinfo(ctypes.byref(s)) == 0
u = s.mem_unit
print(s.totalram * u // 1024, s.totalswap * u // 1024, s.freeram * u // 1024,
      s.procs, s.uptime, "%.2f" % (s.loads[0] / 65536.0))'
}

# ct_start CTID [vzctl set options]: a busybox container, started, with
# every part of its view on (no VIEW or MEMINFO in its config)
ct_start() {
	local ctid=$1
	shift
	vzctl create "$ctid" --ostemplate busybox --hostname "ct$ctid" > /dev/null
	[ $# -eq 0 ] || vzctl set "$ctid" "$@" --save > /dev/null
	vzctl start "$ctid" > /dev/null
	[ "$(vzbc-ioctl view-get "$ctid" | cut -d' ' -f1)" = 0xf ]
}

# the lowest pid in the container's cgroup: its init
ct_init_pid() {
	sort -n "$VZ_CG/$1/cgroup.procs" | head -n 1
}

# in_vzct CTID CMD...: run a host program as a task of the container, as
# vzctl exec makes one (into its cgroup, then forked into its init's pid
# namespace), but in the host's mount namespace: the host's files
in_vzct() {
	local ctid=$1 init
	shift
	init=$(ct_init_pid "$ctid")
	[ -n "$init" ] || return 1
	bash -c 'echo $$ > "$0/cgroup.procs" && exec nsenter -t "$1" -p -- "${@:2}"' \
		"$VZ_CG/$ctid" "$init" "$@"
}

@test "inside: /proc/meminfo, free, sysinfo(2) and /proc/swaps show its 256 MiB and 512 MiB of swap" {
	ct_start 101 --ram 256M --swap 512M --cpus 1 --cpumask 0
	run vzctl exec 101 cat /proc/meminfo
	[ "$status" -eq 0 ]
	local mi=$output free avail
	[ "$(kb MemTotal <<< "$mi")" = $((256 * MIB_KB)) ]
	[ "$(kb SwapTotal <<< "$mi")" = $((512 * MIB_KB)) ]
	[ "$(kb SwapFree <<< "$mi")" = $((512 * MIB_KB)) ]
	[ "$(kb Buffers <<< "$mi")" = 0 ]
	free=$(kb MemFree <<< "$mi")
	avail=$(kb MemAvailable <<< "$mi")
	[ "$free" -gt $((200 * MIB_KB)) ] && [ "$free" -lt $((256 * MIB_KB)) ]
	[ "$avail" -ge "$free" ] && [ "$avail" -le $((256 * MIB_KB)) ]
	# the host's lines, in its order, but the machine's memory map
	[ "$(cut -d: -f1 <<< "$mi")" = "$(grep -v '^DirectMap' /proc/meminfo | cut -d: -f1)" ]
	# its page cache is its own: the template's files it read, not the host's
	[ "$(kb Cached <<< "$mi")" -lt $((256 * MIB_KB)) ]

	run vzctl exec 101 free -m
	echo "$output"
	[ "$(awk '$1 == "Mem:" { print $2 }' <<< "$output")" = 256 ]
	[ "$(awk '$1 == "Swap:" { print $2 }' <<< "$output")" = 512 ]

	run in_vzct 101 bash -c "$(declare -f sysinfo_kb); sysinfo_kb"
	echo "$output"
	read -r total swap freeram procs _ <<< "$output"
	[ "$total" = $((256 * MIB_KB)) ] && [ "$swap" = $((512 * MIB_KB)) ]
	[ "$freeram" -le "$total" ]
	# its own tasks (init, the shell, python), not the host's
	[ "$procs" -ge 2 ] && [ "$procs" -le 30 ]

	run vzctl exec 101 cat /proc/swaps
	echo "$output"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "$(head -n 1 /proc/swaps)" ]
	[ "$(awk '{ print $1, $2, $3, $4 }' <<< "${lines[1]}")" = "none virtual 524288 0" ]
}

@test "inside: a 32-bit program's sysinfo(2) (int 0x80) shows its 256 MiB and 512 MiB of swap too" {
	ct_start 101 --ram 256M --swap 512M
	run in_vzct 101 vzbc-sysinfo32
	echo "$output"
	if [ "$status" -eq 77 ]; then
		# only where the kernel really runs no 32-bit system calls
		! grep -qw __ia32_compat_sys_sysinfo /proc/kallsyms ||
			grep -qE 'ia32_emulation=(0|n|off|false)' /proc/cmdline
		skip "$output"
	fi
	[ "$status" -eq 0 ]
	local abi total swap procs
	read -r abi total swap _ procs _ <<< "${lines[0]}"
	[ "$abi" = i386 ] && [ "$total" = $((256 * MIB_KB)) ] && [ "$swap" = $((512 * MIB_KB)) ]
	[ "$procs" -ge 1 ] && [ "$procs" -le 30 ]
	# what the 64-bit call says
	[ "$(cut -d' ' -f2,3,5 <<< "${lines[0]}")" = "$(cut -d' ' -f2,3,5 <<< "${lines[1]}")" ]
	# the host's own is the host's
	run vzbc-sysinfo32
	echo "$output"
	[ "$(cut -d' ' -f2 <<< "${lines[0]}")" = "$(kb MemTotal < /proc/meminfo)" ]
	[ "$(cut -d' ' -f5 <<< "${lines[0]}")" -gt 30 ]
}

@test "inside: nproc, /proc/cpuinfo and /proc/stat show its CPUs: --cpumask, and --cpus N as N" {
	[ "$(nproc)" -ge 2 ] || skip "needs 2 CPUs"
	ct_start 101 --cpus 1 --cpumask 0
	[ "$(vzctl exec 101 nproc)" = 1 ]
	[ "$(vzctl exec 101 grep -c ^processor /proc/cpuinfo)" = 1 ]
	[ "$(vzctl exec 101 grep ^processor /proc/cpuinfo | tr -d ' \t')" = "processor:0" ]
	run vzctl exec 101 grep '^cpu' /proc/stat
	[ "${#lines[@]}" -eq 2 ] && [[ "${lines[1]}" == "cpu0 "* ]]

	# --cpus 1 on every CPU: one processor shown, nproc follows the cpuset
	ct_start 102 --cpus 1 --cpumask all
	[ "$(vzctl exec 102 nproc)" = "$(nproc)" ]
	[ "$(vzctl exec 102 grep -c ^processor /proc/cpuinfo)" = 1 ]
	[ "$(vzctl exec 102 grep -c '^cpu[0-9]' /proc/stat)" = 1 ]
	# a limit changed behind vzctl's back shows once re-read
	echo "200000 100000" > "$VZ_CG/102/cpu.max"
	vzbc-ioctl view 102 all > /dev/null
	[ "$(vzctl exec 102 grep -c ^processor /proc/cpuinfo)" = 2 ]
	# or, read first by /proc/cpuinfo, once the count is a second old
	echo "100000 100000" > "$VZ_CG/102/cpu.max"
	sleep 1.2
	[ "$(vzctl exec 102 grep -c ^processor /proc/cpuinfo)" = 1 ]
	[ "$(vzctl exec 102 grep -c '^cpu[0-9]' /proc/stat)" = 1 ]
}

@test "inside: /proc/stat counts its own CPU time, btime and processes" {
	ct_start 101 --cpus 1 --cpumask 0
	run vzctl exec 101 cat /proc/stat
	echo "$output"
	local user0 sys0 user1 sys1 idle1
	read -r _ user0 _ sys0 _ <<< "${lines[0]}"
	# btime follows its time namespace: when it started; forks since start
	[ "$(awk '$1 == "btime" { print $2 }' <<< "$output")" -gt \
		"$(awk '$1 == "btime" { print $2 }' /proc/stat)" ]
	[ "$(awk '$1 == "processes" { print $2 }' <<< "$output")" -ge 1 ]
	[ "$(awk '$1 == "processes" { print $2 }' <<< "$output")" -lt 100 ]
	grep -qx 'intr 0' <<< "$output"
	# a second of busy loop inside shows as its user time
	vzctl exec 101 'end=$(($(date +%s) + 2)); while [ $(date +%s) -lt $end ]; do :; done'
	read -r _ user1 _ sys1 idle1 _ <<< "$(vzctl exec 101 head -n 1 /proc/stat)"
	[ $((user1 + sys1 - user0 - sys0)) -ge 50 ]
	[ "$idle1" -ge 0 ]
	# /proc/uptime's idle (from the cgroup's counters, unflushed) is
	# /proc/stat's (from its cpu.stat, whose read flushes them), read
	# together, to a fifth of a second, uptime first: while a busy loop in
	# a cgroup below the container's keeps CPU time on its way up the tree
	local stat_idle up_idle burner
	mkdir "$VZ_CG/101/burn"
	in_vzct 101 sh -c 'echo $$ > "$0/cgroup.procs" && while :; do :; done' \
		"$VZ_CG/101/burn" &
	burner=$!
	sleep 1.5
	run in_vzct 101 cat /proc/uptime /proc/stat
	kill "$(cat "$VZ_CG/101/burn/cgroup.procs")" "$burner" 2>/dev/null || true
	wait "$burner" || true
	for _ in $(seq 50); do rmdir "$VZ_CG/101/burn" 2>/dev/null && break; sleep 0.1; done
	up_idle=$(head -n 1 <<< "$output" | awk '{ printf "%d", $2 * 100 }')
	stat_idle=$(awk '$1 == "cpu" { print $5 }' <<< "$output")
	echo "idle: /proc/uptime $up_idle, /proc/stat $stat_idle"
	[ $((up_idle - stat_idle)) -le 20 ] && [ $((stat_idle - up_idle)) -le 20 ]
	[ ! -e "$VZ_CG/101/burn" ]
}

@test "inside: /proc/loadavg, sysinfo's loads, uptime and top show its own load" {
	ct_start 101 --ram 256M --swap 512M --cpus 1 --cpumask 0
	sleep 6		# its start over (reading its files from 9p counts)
	# the host busy, the container idle: its load stays near 0 (what is
	# left of its start, and of the execs' reads over 9p, uninterruptible
	# and so counted, under a loaded host)
	(exec bash -c 'while :; do :; done') &
	local hog=$! hog2 host ct
	(exec bash -c 'while :; do :; done') &
	hog2=$!
	sleep 16
	host=$(cut -d' ' -f1 /proc/loadavg)
	ct=$(vzctl exec 101 cat /proc/loadavg)
	kill "$hog" "$hog2"
	echo "host $host, container $ct"
	awk -v l="$host" 'BEGIN { exit !(l >= 0.40) }'
	awk -v l="${ct%% *}" 'BEGIN { exit !(l <= 0.25) }'
	# its runnable/total tasks and the last pid of its own pid namespace
	[ "$(cut -d' ' -f4 <<< "$ct" | cut -d/ -f2)" -le 10 ]
	[ "$(cut -d' ' -f5 <<< "$ct")" -le 100 ]

	# the container busy: its load rises (vzlist's laverage: the test below)
	local idle=${ct%% *}
	vzctl exec 101 '(while :; do :; done) > /dev/null 2>&1 &'
	sleep 16
	ct=$(vzctl exec 101 cat /proc/loadavg)
	echo "container $ct"
	awk -v l="${ct%% *}" -v i="$idle" 'BEGIN { exit !(l >= 0.15 && l >= i + 0.05) }'
	run vzbc-ioctl view-get 101
	echo "$output"
	awk '{ exit !($5 >= 0.15) }' <<< "$output"
	# busybox's uptime reads sysinfo(2), its top /proc/loadavg and /proc/meminfo
	run vzctl exec 101 uptime
	echo "$output"
	awk -F'load average: ' '{ split($2, l, ","); exit !(l[1] >= 0.10) }' <<< "$output"
	run vzctl exec 101 top -bn1
	echo "$output"
	local used free
	read -r used free <<< "$(awk '$1 == "Mem:" { gsub(/[^0-9]/, "", $2); gsub(/[^0-9]/, "", $4); print $2, $4; exit }' <<< "$output")"
	[ $((used + free)) -eq $((256 * MIB_KB)) ]
	awk '$1 == "Load" && $2 == "average:" { found = 1; exit !($3 >= 0.10) } END { exit !found }' <<< "$output"
	# the host's load is the host's
	[ "$(cut -d' ' -f4 /proc/loadavg | cut -d/ -f2)" -gt 20 ]
}

# meminfo_with_hog CTID MIB: its /proc/meminfo while a hog of its own
# holds MIB MiB it has written to
meminfo_with_hog() {
	local out=$BATS_TEST_TMPDIR/hog pid ret=0
	: > "$out"
	(in_vzct "$1" vzbc-hog touch "$2") > "$out" &
	pid=$!
	for _ in $(seq 600); do [ -s "$out" ] && break; sleep 0.05; done
	[ "$(cat "$out")" = "created $2" ] || ret=1
	[ "$ret" -ne 0 ] || vzctl exec "$1" cat /proc/meminfo || ret=1
	kill "$pid"
	wait "$pid" || true
	return "$ret"
}

@test "inside: a memory hog moves MemFree and MemAvailable, AnonPages holds it" {
	ct_start 101 --ram 256M --swap 512M
	local before after
	before=$(vzctl exec 101 cat /proc/meminfo)
	after=$(meminfo_with_hog 101 100)
	echo "$before" | grep -E 'Mem|Anon'
	echo "$after" | grep -E 'Mem|Anon'
	[ $(( $(kb MemFree <<< "$before") - $(kb MemFree <<< "$after") )) -ge $((90 * MIB_KB)) ]
	[ $(( $(kb MemAvailable <<< "$before") - $(kb MemAvailable <<< "$after") )) -ge $((90 * MIB_KB)) ]
	[ $(( $(kb AnonPages <<< "$after") - $(kb AnonPages <<< "$before") )) -ge $((90 * MIB_KB)) ]
	[ "$(kb MemTotal <<< "$after")" = $((256 * MIB_KB)) ]
	# pushed past its RAM, the rest goes to its swap (zram: a loop device's
	# pages would be charged to the container, which then has nowhere to go)
	[[ "$(cat /run/view-swap.dev)" == /dev/zram* ]] || return 0
	after=$(meminfo_with_hog 101 300)
	echo "$after" | grep -E 'Mem|Swap'
	[ "$(kb SwapFree <<< "$after")" -lt $((512 * MIB_KB - 30 * MIB_KB)) ]
	[ "$(kb MemFree <<< "$after")" -lt $((40 * MIB_KB)) ]
}

@test "the host's own files stay the host's while containers run and read theirs" {
	ct_start 101 --ram 256M --swap 512M --cpus 1 --cpumask 0
	vzctl exec 101 cat /proc/meminfo /proc/stat /proc/cpuinfo /proc/swaps > /dev/null
	run host_snapshot
	echo "$output"
	[ "$output" = "$(cat /run/view-host.before)" ]
	[ "$(kb MemTotal < /proc/meminfo)" -gt $((512 * MIB_KB)) ]
	grep -q "^$(cat /run/view-swap.dev) " /proc/swaps
	[ "$(grep -c ^processor /proc/cpuinfo)" = "$(nproc)" ]
	# the host's uptime and idle are the kernel's: idle grows with every CPU
	read -r up idle < /proc/uptime
	awk -v u="$up" -v i="$idle" 'BEGIN { exit !(u > 0 && i > 0) }'
	# a host process moved into the container's cgroup by hand stays in
	# the host's pid namespace: the host's figures (vzctl(8), VIEW)
	run bash -c 'echo $$ > "$0/cgroup.procs" && exec cat /proc/meminfo' "$VZ_CG/101"
	[ "$status" -eq 0 ]
	[ "$(kb MemTotal <<< "$output")" = "$(kb MemTotal < /proc/meminfo)" ]
	run in_vzct 101 cat /proc/meminfo
	[ "$(kb MemTotal <<< "$output")" = $((256 * MIB_KB)) ]
}

@test "a second container's view is its own; an unlimited one sees the host's totals" {
	ct_start 101 --ram 256M --swap 512M --cpus 1 --cpumask 0
	ct_start 102 --ram 128M --swap 0
	ct_start 103 --physpages 0:unlimited --swappages 0:unlimited
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = $((256 * MIB_KB)) ]
	[ "$(vzctl exec 102 cat /proc/meminfo | kb MemTotal)" = $((128 * MIB_KB)) ]
	[ "$(vzctl exec 102 cat /proc/meminfo | kb SwapTotal)" = 0 ]
	run vzctl exec 102 cat /proc/swaps
	[ "${#lines[@]}" -eq 1 ]
	[ "$(vzctl exec 102 free -m | awk '$1 == "Swap:" { print $2 }')" = 0 ]
	[ "$(vzctl exec 102 grep -c ^processor /proc/cpuinfo)" = "$(nproc)" ]
	# nor does it learn the other's: its beancounters are its own, and the
	# view's ioctls refuse it, for another container as for itself
	run vzctl exec 101 cat /proc/user_beancounters
	echo "$output"
	[ "$(grep -cE '^ +[0-9]+:' <<< "$output")" -eq 1 ]
	grep -qE '^ +101:' <<< "$output"
	run in_vzct 101 vzbc-ioctl view-get 102
	[ "$status" -eq 1 ] && [ "$output" = EPERM ]
	# unlimited: the host's RAM, and of the host's swap what it can have:
	# all but what others use (and the host's per-CPU caches of free slots)
	local swap host_total host_free
	[ "$(vzctl exec 103 cat /proc/meminfo | kb MemTotal)" = "$(kb MemTotal < /proc/meminfo)" ]
	swap=$(vzctl exec 103 cat /proc/meminfo | kb SwapTotal)
	host_total=$(kb SwapTotal < /proc/meminfo)
	host_free=$(kb SwapFree < /proc/meminfo)
	echo "container $swap, host $host_total total, $host_free free"
	[ "$swap" -le "$host_total" ]
	[ "$swap" -ge $((host_free - 256 * 4 * $(nproc))) ]
	# busybox's free reads sysinfo(2)
	[ "$(vzctl exec 103 free -m | awk '$1 == "Mem:" { print $2 }')" = \
		"$(busybox free -m | awk '$1 == "Mem:" { print $2 }')" ]
}

@test "the view switched off (MEMINFO=none) or in part shows the host's files" {
	ct_start 101 --ram 256M --swap 512M --cpus 1 --cpumask 0
	vzbc-ioctl view 101 none
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0 ]
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = "$(kb MemTotal < /proc/meminfo)" ]
	[ "$(vzctl exec 101 grep -c ^processor /proc/cpuinfo)" = "$(nproc)" ]
	[ "$(vzctl exec 101 cat /proc/swaps | wc -l)" = "$(wc -l < /proc/swaps)" ]
	vzbc-ioctl view 101 cpu,loadavg
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0x6 ]
	# its sysinfo(2) the kernel's: get_avenrun's row attached for its loads
	grep -q '^get_avenrun' /sys/kernel/debug/tracing/enabled_functions
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = "$(kb MemTotal < /proc/meminfo)" ]
	[ "$(vzctl exec 101 grep -c ^processor /proc/cpuinfo)" = 1 ]
	vzbc-ioctl view 101 meminfo
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = $((256 * MIB_KB)) ]
	[ "$(vzctl exec 101 grep -c ^processor /proc/cpuinfo)" = "$(nproc)" ]
	# bad requests change nothing
	run vzbc-ioctl view 101 31
	[ "$status" -eq 1 ] && [ "$output" = EINVAL ]
	run vzbc-ioctl view 999 all
	[ "$status" -eq 1 ] && [ "$output" = ENOENT ]
	run vzbc-ioctl view-get 999
	[ "$status" -eq 1 ] && [ "$output" = ENOENT ]
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0x1 ]
	# and a container may not change its own
	run in_vzct 101 vzbc-ioctl view 101 all
	[ "$output" = EPERM ]
}

@test "vzctl set --meminfo none|on --save: the host's /proc/meminfo, then its own again; MEMINFO kept and applied at start" {
	local conf=/etc/vz/conf/101.conf
	ct_start 101 --ram 256M --swap 512M
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = $((256 * MIB_KB)) ]
	run vzctl set 101 --meminfo none --save
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"View settings were applied"* ]]
	[ "$(grep '^MEMINFO=' "$conf")" = 'MEMINFO="none"' ]
	# live: the meminfo part off, the others on
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0xe ]
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = "$(kb MemTotal < /proc/meminfo)" ]
	[ "$(vzctl exec 101 cat /proc/meminfo | kb SwapTotal)" = "$(kb SwapTotal < /proc/meminfo)" ]
	[ "$(vzctl exec 101 cat /proc/swaps | wc -l)" = "$(wc -l < /proc/swaps)" ]
	# and at the next start, from the config
	vzctl restart 101 --fast > /dev/null
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0xe ]
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = "$(kb MemTotal < /proc/meminfo)" ]

	# OpenVZ's other modes have no counterpart: refused, nothing changed
	run vzctl set 101 --meminfo privvmpages:1 --save
	echo "$output"
	[ "$status" -eq 21 ]
	[[ "$output" == *"not supported"* ]]
	run vzctl set 101 --meminfo pages:65536 --save
	[ "$status" -eq 21 ]
	run vzctl set 101 --view meminfo,disk --save
	[ "$status" -eq 21 ]
	[ "$(grep '^MEMINFO=' "$conf")" = 'MEMINFO="none"' ]
	[ -z "$(grep '^VIEW=' "$conf")" ]
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0xe ]

	# back: its own figures again, live and saved
	vzctl set 101 --meminfo on --save > /dev/null
	[ "$(grep '^MEMINFO=' "$conf")" = 'MEMINFO="on"' ]
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0xf ]
	[ "$(vzctl exec 101 cat /proc/meminfo | kb MemTotal)" = $((256 * MIB_KB)) ]
	[ "$(vzctl exec 101 cat /proc/swaps | wc -l)" = 2 ]

	# --view chooses the other parts; MEMINFO, set, decides meminfo
	vzctl set 101 --view loadavg,cpu --save > /dev/null
	[ "$(grep '^VIEW=' "$conf")" = 'VIEW="cpu,loadavg"' ]
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0x7 ]
	vzctl set 101 --view none > /dev/null
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0x1 ]
	[ "$(grep '^VIEW=' "$conf")" = 'VIEW="cpu,loadavg"' ]

	# an old OpenVZ config's MEMINFO still starts, with a warning
	vzctl stop 101 --fast > /dev/null
	sed -i 's/^MEMINFO=.*/MEMINFO="privvmpages:1"/' "$conf"
	run vzctl start 101
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *'MEMINFO="privvmpages:1" is not supported'* ]]
	[ "$(vzbc-ioctl view-get 101 | cut -d' ' -f1)" = 0x6 ]
}

@test "vzlist -o laverage: the container's own load average, which rises when it is busy" {
	ct_start 101 --cpus 1 --cpumask 0
	sleep 6		# its start over (reading its files from 9p counts)
	local la hog hog2 host
	la=$(vzlist -H -o laverage 101)
	echo "$la"
	[[ "$la" =~ ^\ *[0-9]+\.[0-9]{2}/[0-9]+\.[0-9]{2}/[0-9]+\.[0-9]{2}$ ]]
	# the host busy, the container idle: its load stays near 0 (what is
	# left of its start, and of the execs' reads over 9p, uninterruptible
	# and so counted, under a loaded host)
	(exec bash -c 'while :; do :; done') &
	hog=$!
	(exec bash -c 'while :; do :; done') &
	hog2=$!
	sleep 16
	host=$(cut -d' ' -f1 /proc/loadavg)
	la=$(vzlist -H -o laverage 101 | tr -d ' ')
	kill "$hog" "$hog2"
	echo "host $host, container $la"
	awk -v l="$host" 'BEGIN { exit !(l >= 0.40) }'
	awk -v l="${la%%/*}" 'BEGIN { exit !(l <= 0.25) }'
	# the container busy: vzlist shows what its /proc/loadavg shows
	local idle=${la%%/*}
	vzctl exec 101 '(while :; do :; done) > /dev/null 2>&1 &'
	sleep 16
	la=$(vzlist -H -o laverage 101 | tr -d ' ')
	local inside
	inside=$(vzctl exec 101 cat /proc/loadavg | cut -d' ' -f1)
	echo "vzlist $la, inside $inside"
	awk -v l="${la%%/*}" -v i="$idle" 'BEGIN { exit !(l >= 0.15 && l >= i + 0.05) }'
	awk -v a="${la%%/*}" -v b="$inside" 'BEGIN { d = a - b; exit !(d <= 0.20 && d >= -0.20) }'
	# in JSON as three numbers; stopped: "-" and null
	vzlist -j 101 | python3 -c '
import json, sys
l = json.load(sys.stdin)[0]["laverage"]
assert len(l) == 3 and l[0] >= 0.15, l'
	vzctl stop 101 --fast > /dev/null
	[ "$(vzlist -a -H -o laverage 101 | tr -d ' ')" = - ]
	vzlist -a -j 101 | python3 -c '
import json, sys
assert json.load(sys.stdin)[0]["laverage"] is None'
}

# uptime_of CMD...: the whole seconds of the first /proc/uptime line CMD prints
uptime_of() {
	"$@" | grep -m 1 -E '^[0-9]+\.[0-9]+ [0-9]+\.[0-9]+$' | cut -d. -f1
}

@test "uptime since the container started: init's clocks, exec's, runscript's, enter's; restart starts from 0" {
	local init host up btime now off a t0
	ct_start 101
	init=$(ct_init_pid 101)
	# a time namespace of its own, whose boot time is its start
	[ "$(readlink "/proc/$init/ns/time")" != "$(readlink /proc/self/ns/time)" ]
	run cat "/proc/$init/timens_offsets"
	echo "$output"
	# "boottime -S N" is -S s + N ns: a start at S s - N ns, so S is the
	# start's whole seconds plus one when N is not 0
	off=$(awk '$1 == "boottime" { print -$2 }' <<< "$output")
	host=$(cut -d. -f1 /proc/uptime)
	[ "$off" -gt 0 ] && [ "$off" -le $((host + 1)) ]
	awk '$1 == "monotonic" { exit !($2 < 0) }' <<< "$output"
	sleep 3
	run vzctl exec 101 cat /proc/uptime /proc/stat /proc/1/stat
	echo "$output"
	up=$(head -n 1 <<< "$output" | cut -d. -f1)
	host=$(cut -d. -f1 /proc/uptime)
	[ "$up" -ge 3 ] && [ "$up" -lt 60 ] && [ "$up" -lt "$host" ]
	# the boot time moves with it, and init started at its own boot
	now=$(date +%s)
	btime=$(awk '$1 == "btime" { print $2 }' <<< "$output")
	[ "$btime" -ge $((now - up - 3)) ] && [ "$btime" -le $((now - up + 3)) ]
	[ "$(tail -n 1 <<< "$output" | awk '{ print $22 }')" -lt $((up * 100 + 100)) ]
	# its idle is the time its CPUs had left since it started
	[ "$(head -n 1 <<< "$output" | cut -d' ' -f2 | cut -d. -f1)" -le $((up * $(nproc) + 1)) ]
	# exec'd tasks are in init's time namespace, with init's clocks
	[ "$(vzctl exec 101 readlink /proc/self/ns/time)" = "$(readlink "/proc/$init/ns/time")" ]
	a=$(uptime_of nsenter --target "$init" --time cat /proc/uptime)
	t0=$SECONDS	# before the read, so that exec's own end counts too
	up=$(uptime_of vzctl exec 101 cat /proc/uptime)
	[ $((up - a)) -le 1 ] && [ $((a - up)) -le 1 ]
	# sysinfo(2): busybox's uptime, under a minute
	run vzctl exec 101 uptime
	echo "$output"
	[[ "$output" == *" up 0 min,"* ]]
	# a script run in the running container, a shell entered
	printf 'cat /proc/uptime\n' > "$BATS_TEST_TMPDIR/up.sh"
	# (no later than the host's seconds since: a debug kernel's enter
	# takes seconds)
	a=$(uptime_of vzctl runscript 101 "$BATS_TEST_TMPDIR/up.sh")
	[ "$a" -ge "$up" ] && [ "$a" -le $((up + SECONDS - t0 + 1)) ]
	a=$(printf 'cut -d. -f1 /proc/uptime\nexit\n' | vzctl enter 101 2> /dev/null |
		tr -d '\r' | grep -xE '[0-9]+' | head -n 1)
	echo "enter: $a, $((SECONDS - t0)) s after exec's $up"
	[ "$a" -ge "$up" ] && [ "$a" -le $((up + SECONDS - t0 + 1)) ]
	# the host's clocks stay the host's
	[ "$(cut -d. -f1 /proc/uptime)" -ge "$host" ]
	# restart: a fresh namespace, from 0 again
	vzctl restart 101 --fast > /dev/null
	a=$(uptime_of vzctl exec 101 cat /proc/uptime)
	[ "$a" -lt "$up" ]
	# a stopped container's runscript: its own clocks too
	vzctl stop 101 --fast > /dev/null
	run vzctl runscript 101 "$BATS_TEST_TMPDIR/up.sh"
	echo "$output"
	a=$(uptime_of echo "$output")
	[ "$a" -lt 5 ]
}

@test "uptime: a LOCAL_UID container's exec joins its time namespace from the host's user namespace" {
	vzctl create 103 --ostemplate busybox --local_uid 200000 --local_gid 200000 > /dev/null
	vzctl start 103 > /dev/null
	local init
	init=$(ct_init_pid 103)
	[ "$(vzctl exec 103 readlink /proc/self/ns/time)" = "$(readlink "/proc/$init/ns/time")" ]
	[ "$(uptime_of vzctl exec 103 cat /proc/uptime)" -lt 30 ]
	# its root may not change its clocks: they are frozen, and not its own
	run vzctl exec 103 'echo "boottime 100 0" > /proc/1/timens_offsets'
	[ "$status" -ne 0 ]
}

@test "unload while a container reads its /proc in a loop is clean" {
	ct_start 101 --ram 256M --swap 512M --cpus 1 --cpumask 0
	vzctl exec 101 '(while :; do cat /proc/meminfo /proc/stat /proc/cpuinfo \
		/proc/swaps /proc/loadavg /proc/uptime; free; uptime; done) > /dev/null 2>&1 &'
	# and a host shell reading in the container's cgroup, moved out mid-loop
	# (it execs nothing there: a file it opened there, its program, would
	# stay charged to the container and keep the module loaded)
	bash -c 'echo $$ > "$0/cgroup.procs"
		while :; do cat /proc/meminfo /proc/stat > /dev/null; done' "$VZ_CG/101" &
	local reader=$!
	sleep 3
	echo "$reader" > /sys/fs/cgroup/cgroup.procs
	vzctl stop 101 --fast > /dev/null
	vzctl destroy 101 > /dev/null
	vzbc_unload_if_loaded
	! grep -q '^vzbc ' /proc/modules || false
	# the reader goes on with the host's files, the module gone
	sleep 1
	kill -0 "$reader"
	kill "$reader"
	wait "$reader" || true
	[ "$(kb MemTotal < /proc/meminfo)" -gt $((512 * MIB_KB)) ]
}

# lxcfs_start DIR: lxcfs (its CPU view from cpu.max too) mounted on DIR
lxcfs_start() {
	mkdir -p "$1"
	# from a cgroup of its own, which has the swap files that tell it the
	# kernel accounts swap (the root cgroup has none)
	mkdir -p /sys/fs/cgroup/view-lxcfs
	bash -c 'echo $$ > /sys/fs/cgroup/view-lxcfs/cgroup.procs && exec "$@"' lxcfs \
		lxcfs -f --enable-cfs -p /run/view-lxcfs.pid "$1" > /run/view-lxcfs.log 2>&1 &
	echo $! > /run/view-lxcfs.bgpid
	for _ in $(seq 100); do
		[ -s "$1/proc/meminfo" ] && return 0
		sleep 0.1
	done
	cat /run/view-lxcfs.log
	return 1
}

lxcfs_stop() {
	[ -e /run/view-lxcfs.bgpid ] || return 0
	umount -l "$1" 2> /dev/null || true
	kill "$(cat /run/view-lxcfs.bgpid)" 2> /dev/null || true
	wait "$(cat /run/view-lxcfs.bgpid)" 2> /dev/null || true
	rm -f /run/view-lxcfs.bgpid /run/view-lxcfs.pid
	rmdir /sys/fs/cgroup/view-lxcfs 2> /dev/null || true
}

@test "the same figures as lxcfs shows for the same limits, where it shows the same field" {
	local fs=/run/view-lxcfs vz lx f a b
	modprobe fuse 2> /dev/null || true
	[ -e /dev/fuse ] || skip "no FUSE in this kernel (the debug kernel has none)"
	ct_start 101 --ram 256M --swap 512M --cpus 1 --cpumask 0
	lxcfs_start "$fs" || { lxcfs_stop "$fs"; false; }
	# the same reader, a task of the container: vzbc's view, then lxcfs's
	vz=$(in_vzct 101 cat /proc/meminfo)
	lx=$(in_vzct 101 cat "$fs/proc/meminfo")
	run in_vzct 101 cat /proc/swaps "$fs/proc/swaps" /proc/cpuinfo "$fs/proc/cpuinfo"
	local rest=$output swap=yes
	lxcfs_stop "$fs"
	cat /run/view-lxcfs.log
	# lxcfs 5.0 looks for swap accounting where it may not find it: then
	# it shows no swap at all, and there is nothing to compare
	! grep -q 'does not support swap accounting' /run/view-lxcfs.log || swap=no
	echo "$vz" | grep -E '^(Mem|Swap|Active|Inactive|Shmem|Cached)'
	echo "lxcfs:"
	echo "$lx" | grep -E '^(Mem|Swap|Active|Inactive|Shmem|Cached)'
	# exactly the same limits
	[ "$(kb MemTotal <<< "$vz")" = "$(kb MemTotal <<< "$lx")" ]
	[ "$swap" = no ] || [ "$(kb SwapTotal <<< "$vz")" = "$(kb SwapTotal <<< "$lx")" ]
	# the same usage, read a moment apart (within 8 MiB)
	for f in MemFree Shmem Active Inactive $([ "$swap" = no ] || echo SwapFree); do
		a=$(kb "$f" <<< "$vz")
		b=$(kb "$f" <<< "$lx")
		echo "$f vzbc $a lxcfs $b"
		[ $((a - b)) -le $((8 * MIB_KB)) ] && [ $((b - a)) -le $((8 * MIB_KB)) ]
	done
	# /proc/swaps: its swap as one line of the same size; one processor each
	[ "$(grep -c '^none' <<< "$rest")" -eq $([ "$swap" = no ] && echo 1 || echo 2) ]
	[ "$(awk '$1 == "none" { print $3 }' <<< "$rest" | sort -u)" = 524288 ]
	[ "$(grep -c ^processor <<< "$rest")" -eq 2 ]
}

@test "Debian: free -m, top, uptime and df / inside show the container's" {
	local tpl
	tpl=$(ls -t "${VZBC_CACHE:-/var/cache/vzbc}"/debian-template/*/cache/debian-12-x86_64.tar.gz \
		2> /dev/null | head -n 1)
	[ -n "$tpl" ] || skip "no Debian template (scripts/mk-template-debian)"
	# as debian.bats: systemd in a container is for the stock kernels
	[[ "$(uname -r)" != *-vzbc-debug ]] || skip "the Debian container runs on the stock kernels"
	mkdir -p /vz/template/cache
	ln -sf "$tpl" /vz/template/cache/debian-12-x86_64.tar.gz
	vzctl create 120 --ostemplate debian-12-x86_64 > /dev/null
	vzctl set 120 --ram 256M --swap 512M --cpus 1 --cpumask 0 --save > /dev/null
	vzctl start 120 > /dev/null
	run vzctl exec 120 free -m
	echo "status $status: $output"
	[ "$(awk '$1 == "Mem:" { print $2 }' <<< "$output")" = 256 ]
	[ "$(awk '$1 == "Swap:" { print $2 }' <<< "$output")" = 512 ]
	run vzctl exec 120 top -bn1
	echo "$output" | head -n 5
	[[ "$(grep '^MiB Mem' <<< "$output")" == *" 256.0 total"* ]]
	[[ "$(grep '^MiB Swap' <<< "$output")" == *" 512.0 total"* ]]
	[[ "$(grep '^%Cpu' <<< "$output")" == *" id,"* ]]
	run vzctl exec 120 uptime
	echo "$output"
	[[ "$output" == *"load average: "* ]]
	[ "$(vzctl exec 120 nproc)" = 1 ]
	[ "$(vzctl exec 120 grep -c ^processor /proc/cpuinfo)" = 1 ]
	run vzctl exec 120 df -P /
	echo "$output"
	[ "$status" -eq 0 ]
	vzctl stop 120 --fast > /dev/null
}
