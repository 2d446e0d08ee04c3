#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# /proc/vz/vestat: OpenVZ's "Version: 2.2" layout, CPU time from the
# container's cgroup in USER_HZ ticks (as libvirt's dominfo and monitoring
# plugins read it), uptime growing, and who sees which rows.

load helpers

setup_file() {
	vz_setup
}

setup() {
	vzbc_load
}

teardown() {
	if [ -e /etc/vz/conf/101.conf ]; then
		vzctl stop 101 --fast > /dev/null || true
		vzctl destroy 101 > /dev/null || true
	fi
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

# the row of CTID $1, its fields separated by single spaces
vestat_row() {
	awk -v id="$1" '$1 == id { $1 = $1; print }' /proc/vz/vestat
}

# the value of key $2 in cpu.stat of the test container $1
cpu_stat() {
	awk -v k="$2" '$1 == k { print $2 }' "$CT_CG/$1/cpu.stat"
}

# a busy loop in container $1 (niced by $2), killed by the teardown
busy() {
	(in_ct "$1" nice -n "${2:-0}" sh -c 'while :; do :; done') &
}

@test "the layout is OpenVZ's 2.2: padded version line, twelve headings, one row per container" {
	run cat /proc/vz/vestat
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]		# no container: no row, not even the host's
	[ "${lines[0]}" = "$(printf '%-251s' 'Version: 2.2')" ]
	[ "${lines[1]}" = "$(printf '%20s %20s %20s %20s %20s %20s %20s %20s %20s %20s %20s %20s' \
		VEID user nice system uptime idle strv uptime used maxlat totlat numsched)" ]
	[ "$(stat -c %a /proc/vz/vestat)" = 444 ]

	ct_register 101
	ct_register 7
	run cat /proc/vz/vestat
	[ "${#lines[@]}" -eq 4 ]
	# ascending CTIDs, twelve right-aligned numbers of 20 characters each
	[ "$(echo "${lines[2]}" | awk '{ print $1 }')" = 7 ]
	[ "$(echo "${lines[3]}" | awk '{ print $1 }')" = 101 ]
	for l in "${lines[2]}" "${lines[3]}"; do
		[ "${#l}" -eq 251 ]
		[[ "$l" =~ ^(\ *[0-9]+\ ){11}\ *[0-9]+$ ]]
		for i in $(seq 0 11); do
			[[ "${l:$((i * 21)):20}" =~ ^\ *[0-9]+$ ]]
		done
	done
	# strv, maxlat, totlat, numsched have no source on a stock kernel
	[ "$(vestat_row 101 | cut -d' ' -f7,10-12)" = "0 0 0 0" ]

	vzbc-ioctl unregister 7
	[ -z "$(vestat_row 7)" ]
	[ -n "$(vestat_row 101)" ]
}

@test "a busy container's CPU time grows, in USER_HZ ticks as its cpu.stat counts it" {
	ct_register 101
	busy 101
	sleep 1
	before=$(cpu_stat 101 usage_usec)
	read -r _ user nice system uptime idle _ uptime_ns used _ <<< "$(vestat_row 101)"
	after=$(cpu_stat 101 usage_usec)
	total=$((user + nice + system))
	[ "$total" -gt 10 ]
	# user, nice and system are each cut to whole ticks of 10 ms
	[ "$total" -ge $((before / 10000 - 3)) ]
	[ "$total" -le $((after / 10000)) ]
	# "used" is usage_usec in nanoseconds, "uptime" in ns the same time as uptime in ticks
	[ "$used" -ge $((before * 1000)) ]
	[ "$used" -le $((after * 1000)) ]
	[ "$((uptime_ns / 10000000))" -ge "$uptime" ]
	[ "$((uptime_ns / 10000000))" -le $((uptime + 1)) ]
	# idle: uptime on every online CPU, less used
	[ "$idle" -eq $((uptime_ns * $(nproc) - used)) ]

	sleep 1
	read -r _ user2 nice2 system2 uptime2 _ <<< "$(vestat_row 101)"
	[ $((user2 + nice2 + system2)) -gt "$total" ]
	# about one second later: 100 ticks, give or take TCG's slowness
	[ "$uptime2" -ge $((uptime + 100)) ]
	[ "$uptime2" -le $((uptime + 1000)) ]
}

@test "uptime counts USER_HZ ticks from the registration" {
	local t0 t1 t2 u0 u1
	# never more than the time since just before the registration (10 ms
	# ticks), however slow the kernel (the debug one takes a second here)
	t0=$(date +%s%N)
	ct_register 101
	read -r _ _ _ _ u0 _ <<< "$(vestat_row 101)"
	t1=$(date +%s%N)
	echo "uptime $u0 ticks after $(( (t1 - t0) / 1000000 )) ms"
	[ "$u0" -le $(( (t1 - t0) / 10000000 + 1 )) ]
	sleep 1
	read -r _ _ _ _ u1 _ <<< "$(vestat_row 101)"
	t2=$(date +%s%N)
	[ $((u1 - u0)) -ge 100 ]
	[ "$u1" -le $(( (t2 - t0) / 10000000 + 1 )) ]
	# an idle container: uptime grows, its CPU time does not
	read -r _ user nice system _ <<< "$(vestat_row 101)"
	[ $((user + nice + system)) -le 1 ]
}

@test "niced time is nice where cpu.stat has nice_usec, else part of user" {
	ct_register 101
	busy 101 19
	sleep 1.5
	read -r _ user nice system _ <<< "$(vestat_row 101)"
	if grep -q '^nice_usec ' "$CT_CG/101/cpu.stat"; then
		# Linux 6.6 and later (the 6.12 kernel)
		[ "$nice" -gt 10 ]
		[ "$user" -lt "$nice" ]
	else
		# 6.1: cpu.stat has no nice time; user_usec includes it
		[ "$nice" -eq 0 ]
		[ "$user" -gt 10 ]
	fi
}

@test "reading again from the start gives fresh figures" {
	ct_register 101
	busy 101
	run python3 -c '
import time
with open("/proc/vz/vestat") as f:
    rows = []
    for _ in range(2):
        f.seek(0)
        row = [l.split() for l in f.read().splitlines()[2:] if l.split()[0] == "101"][0]
        rows.append([int(x) for x in row])
        time.sleep(0.5)
print(int(rows[1][4] > rows[0][4]), int(sum(rows[1][1:4]) > sum(rows[0][1:4])))
'
	[ "$output" = "1 1" ]
}

@test "inside a container only its own row; unprivileged users read nothing" {
	ct_register 101
	ct_register 102
	run in_ct 101 cat /proc/vz/vestat
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(echo "${lines[2]}" | awk '{ print $1 }')" = 101 ]
	run setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/vz/vestat
	[ "$status" -ne 0 ]
	[[ "$output" == *"Permission denied"* ]]
	run in_ct 101 setpriv --reuid=65534 --regid=65534 --clear-groups cat /proc/vz/vestat
	[ "$status" -ne 0 ]
}

@test "vzctl start adds the container's row, stop removes it" {
	vzctl create 101 --ostemplate busybox > /dev/null
	[ -z "$(vestat_row 101)" ]
	vzctl start 101 > /dev/null
	[ -n "$(vestat_row 101)" ]
	# the row is what libvirt's dominfo scans: "%d %llu %llu %llu"
	[[ "$(vestat_row 101)" =~ ^101\ [0-9]+\ [0-9]+\ [0-9]+\  ]]
	vzctl stop 101 > /dev/null
	[ -z "$(vestat_row 101)" ]
}
