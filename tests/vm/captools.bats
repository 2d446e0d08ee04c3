#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The capacity and monitoring tools against a real container: vzubc
# (host and container views, failures since the last run), vzcalc,
# vzmemcheck, vzoversell, vzpid, vzcfgvalidate on its config, and a vzsplit
# sample that vzctl creates a container from.

load helpers

setup_file() {
	vz_setup
	vzbc_load
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl set 101 --name web --save > /dev/null
	vzctl start 101 > /dev/null
	vzctl set 101 --numproc 20:20 --save > /dev/null
}

teardown_file() {
	local c
	for c in 101 102; do
		vzctl stop $c --fast > /dev/null 2>&1
		vzctl destroy $c > /dev/null 2>&1
	done
	rm -f /etc/vz/conf/ve-four*.conf-sample
	vzbc_settle && vzbc_unload_if_loaded
}

# storm N: N forks in container 101, more than numproc lets it
storm() {
	vzctl exec2 101 "for i in \$(seq $1); do sleep 2 & done; wait" > /dev/null 2>&1 || true
}

failcnt() {
	vzbc-ioctl get 101 numproc | cut -d' ' -f5
}

@test "vzubc: the container's beancounters, by CTID or name; -r counts the failures since the last run" {
	storm 30
	fc=$(failcnt)
	[ "$fc" -ge 1 ]
	run vzubc 101
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "CT 101 "* ]]
	grep -qE '^ +numproc\|.*\|  20 \|  20 \| +'"$fc"' $' <<< "$output"
	grep -qE '^ +physpages\|.*\|   - \| 256M\|' <<< "$output"
	vzubc web | grep -q '^CT 101 '
	[ "$(vzubc web | grep -c '^CT ')" = 1 ]
	# -r: every failure the first time, none the second (what -q still
	# shows is near its barrier: the storm's last tasks), new ones after
	run vzubc -r -rd "$BATS_TEST_TMPDIR/s" 101
	grep -qE '^ +numproc\|.*\| +'"$fc"' $' <<< "$output"
	run vzubc -r -q -rd "$BATS_TEST_TMPDIR/s" 101
	[ "$status" -eq 0 ]
	[ -z "$(grep -E '^ +[a-z]+\|' <<< "$output" | grep -vE '\|    - $')" ]
	storm 30
	run vzubc -r -q -rd "$BATS_TEST_TMPDIR/s" 101
	grep -qE '^ +numproc\|.*\| +'"$(($(failcnt) - fc))"' $' <<< "$output"
	# inside the container /proc/user_beancounters has its own block only
	vzctl exec2 101 'cat /proc/user_beancounters' > "$BATS_TEST_TMPDIR/ub"
	run vzubc -v -f "$BATS_TEST_TMPDIR/ub"
	[ "$status" -eq 0 ]
	[ "$(grep -c '^CT ' <<< "$output")" = 1 ]
	[[ "$output" == *"CT 101 "* ]]
}

@test "vzcalc: a running container's share of the host, now, promised and at most" {
	run vzcalc -v web
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Resource     Current(%)  Promised(%)  Max(%)" ]
	echo "$output"
	# vswap: RAM + swap is its most (256M + 512M against the host's)
	want=$(awk '/^MemTotal:/ { r = $2 } /^SwapTotal:/ { s = $2 }
		    END { printf "%.2f", 768 * 1024 / (r + s) * 100 }' /proc/meminfo)
	grep -qE "^Alloc. Mem +[0-9.]+ +[0-9.]+ +$want$" <<< "$output"
	grep -qE '^Memory +[0-9]+\.[0-9]{2} +[0-9.]+ +'"$want"'$' <<< "$output"
	# numproc 20 of threads-max
	want=$(awk '{ printf "%.2f", 20 / $1 * 100 }' /proc/sys/kernel/threads-max)
	grep -qE "^Num. Proc +[0-9.]+ +n/a +$want$" <<< "$output"
}

@test "vzmemcheck and vzoversell: the host's sums over its containers" {
	run vzmemcheck -v
	[ "$status" -eq 0 ]
	grep -qE '^101 +[0-9.]+( +[0-9.]+){7}$' <<< "$output"
	grep -qE '^Summary: +[0-9.]+( +[0-9.]+){7}$' <<< "$output"
	run vzmemcheck -A
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Output values in Mbytes" ]
	run vzoversell
	[ "$status" -eq 0 ]
	# 256M of RAM, 512M of swap, numproc failures
	grep -qE '^ +101 .* 256M +- +.* 512M +- +F$' <<< "$output"
	grep -qE '^ +TOTAL .* 256M ' <<< "$output"
	grep -q '^RAM        available: ' <<< "$output"
}

@test "vzpid: the container's processes, its init as PID 1 inside" {
	local p out init=
	for p in $(cat /sys/fs/cgroup/vzbc/101/cgroup.procs); do
		out=$(vzpid -p "$p" | tail -n 1)
		[[ "$out" == "$p"$'\t'*$'\t101\t'* ]]
		[[ "$out" == "$p"$'\t1\t101\tinit' ]] && init=$p
	done
	[ -n "$init" ]
	run vzpid $$
	[ "${lines[1]}" = "$$"$'\t0\t'"$(awk '/^Name:/ { print $2 }' /proc/$$/status)" ]
}

@test "vzcfgvalidate on the container's config; vzsplit's samples, which vzctl creates from" {
	# the sample's 512M of swap on a host without any: a warning, repaired
	if [ "$(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo)" = 0 ]; then
		run vzcfgvalidate /etc/vz/conf/101.conf
		[ "$status" -eq 2 ]
		[ "$output" = "Warning: swappages: limit should not exceed the host's 0 (currently 0:131072)" ]
		run vzcfgvalidate -r /etc/vz/conf/101.conf
		[ "$status" -eq 0 ]
		grep -qx 'SWAPPAGES="0:0"' /etc/vz/conf/101.conf
	fi
	vzcfgvalidate /etc/vz/conf/101.conf
	run vzsplit -n 4 -f four
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "Config /etc/vz/conf/ve-four.conf-sample was created" ]
	run vzsplit -n 4 -f four
	[ "$status" -eq 1 ]
	[[ "$output" == *"exists already"* ]]
	vzcfgvalidate /etc/vz/conf/ve-four.conf-sample
	vzctl create 102 --ostemplate busybox --config four > /dev/null
	ram=$(awk '/^MemTotal:/ { printf "%d", ($2 / 1024 - 50) / 4 }' /proc/meminfo)
	# saved as set saves beancounters: in pages (256 a MiB)
	grep -qx "PHYSPAGES=\"0:$((ram * 256))\"" /etc/vz/conf/102.conf
	vzcfgvalidate /etc/vz/conf/102.conf
	# the classic set is consistent too
	vzsplit -n 4 -v no -f fourc > /dev/null
	vzcfgvalidate /etc/vz/conf/ve-fourc.conf-sample
	# a stopped container has no "now"
	run vzcalc 102
	[ "$status" -eq 0 ]
	grep -qE '^Memory +n/a +[0-9.]+ +[0-9.]+$' <<< "$output"
}
