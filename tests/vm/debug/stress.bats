#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Debug kernel, 4 vCPUs (run by scripts/check): stress-ng workers in three
# limited containers at once while the host keeps reading
# /proc/user_beancounters. Afterwards every held count is back to 0 and the
# counters agree with each other.

load ../helpers

CTS="301 302 303"
# resources the module counts itself (held goes back to exactly 0)
NATIVE="numproc numfile numtcpsock numothersock numflock numpty"

setup() {
	# a debug-kernel file: a missing tool is a broken setup, not a skip
	command -v stress-ng >/dev/null || { echo "stress-ng is not installed (scripts/deps)"; return 1; }
	vzbc_load
	local ct
	for ct in $CTS; do
		ct_register "$ct"
		# limits the workers will hit: refusals must be counted right
		run vzbc-ioctl set "$ct" numproc 60 60 numfile 150 150 numtcpsock 40 40 \
			numothersock 60 60 numflock 50 60 physpages 0 32768
		[ "$output" = "OK 0" ]
	done
}

teardown() {
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "stress-ng in 3 limited containers on 4 CPUs: exact counts afterwards, host reads /proc throughout" {
	local ct pids=() reads=0 res held maxheld bar lim failcnt refused=0
	local secs=${VZBC_STRESS_SECONDS:-60}
	for ct in $CTS; do
		(in_ct "$ct" timeout -k 10 $((secs + 60)) stress-ng --timeout "$secs" \
			--temp-path /tmp --fork 2 --fork-max 50 --open 2 \
			--sock 1 --sock-domain ipv4 --sock-port $((20000 + ct * 10)) --flock 2 \
			--mmap 1 --mmap-bytes 16M --vm 1 --vm-bytes 32M \
			--pty 1 --quiet >/dev/null 2>&1) &
		pids+=($!)
	done
	# the host reads while they run; any oops or lockdep splat fails the run
	while kill -0 "${pids[@]}" 2>/dev/null; do
		cat /proc/user_beancounters /proc/bc/*/resources > /dev/null
		reads=$((reads + 1))
		sleep 0.2
	done
	for ct in $CTS; do
		wait_held "$ct" numproc 0
		echo 1 > "$CT_CG/$ct/cgroup.kill"
	done
	echo "# host read /proc/user_beancounters $reads times" >&3
	[ "$reads" -ge 3 ]
	for ct in $CTS; do
		for res in $NATIVE; do
			wait_held "$ct" "$res" 0
			read -r held maxheld bar lim failcnt <<< "$(vzbc-ioctl get "$ct" "$res")"
			echo "# $ct $res: maxheld $maxheld barrier $bar limit $lim failcnt $failcnt" >&3
			[[ $failcnt =~ ^[0-9]+$ ]]
			# a limit holds: nothing was ever held past it
			[ "$maxheld" -le "$lim" ]
			# a refusal happens only at the barrier: a container that
			# was refused held its barrier at that moment
			[ "$failcnt" -eq 0 ] || [ "$maxheld" -ge "$bar" ]
			refused=$((refused + failcnt))
		done
		# the workers ran in the container (under the checkers they may
		# not reach numproc's limit in the time given)
		[ "$(bc_field "$ct" numproc 2)" -gt 10 ]
	done
	# and the limits were hit somewhere: refusals under load were counted
	echo "# refusals counted: $refused" >&3
	[ "$refused" -gt 0 ]
}
