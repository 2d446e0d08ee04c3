#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Run with 4 vCPUs (scripts/check boots a separate VM for these): charges
# and uncharges racing on several CPUs end with exact counts, a limit holds
# under concurrent charges, and a fork bomb stays inside its container.

load ../helpers

setup() {
	vzbc_load
	ct_register 101
	ct_register 102
}

teardown() {
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

# hogs_parallel CTID N KIND COUNT [--release]: N hogs at once in CTID;
# waits for all of their reports, in $BATS_TEST_TMPDIR/par.*
hogs_parallel() {
	local ct=$1 n=$2 i
	shift 2
	rm -f "$BATS_TEST_TMPDIR"/par.*
	PAR_PIDS=()
	for i in $(seq "$n"); do
		(in_ct "$ct" vzbc-hog "$@") > "$BATS_TEST_TMPDIR/par.$i" &
		PAR_PIDS+=($!)
	done
	for i in $(seq "$n"); do
		for _ in $(seq 600); do
			[ -s "$BATS_TEST_TMPDIR/par.$i" ] && break
			sleep 0.05
		done
	done
}

@test "4 CPUs: racing charges and uncharges of every kind end at exactly 0" {
	[ "$(nproc)" -ge 4 ]
	local kind pids=()
	for kind in procs threads files tcp udp unix tcppairs ptys flocks posixlocks; do
		for ct in 101 102; do
			(for _ in $(seq 5); do in_ct $ct vzbc-hog $kind 16 --release >/dev/null || exit 1; done) &
			pids+=($!)
		done
	done
	# the host reads the counters all along
	(while :; do cat /proc/user_beancounters /proc/bc/resources > /dev/null; done) &
	reader=$!
	for p in "${pids[@]}"; do wait "$p"; done
	kill "$reader"
	for ct in 101 102; do
		for r in numproc numfile numtcpsock numothersock numpty numflock; do
			wait_held $ct $r 0
			[ "$(bc_field $ct $r 5)" = 0 ]
		done
		[ "$(bc_field $ct numproc 2)" -ge 16 ]
	done
}

@test "4 CPUs: four hogs racing for numproc 50 get exactly 50 between them" {
	vzbc-ioctl set 101 numproc 50 50
	hogs_parallel 101 4 procs 40
	total=0
	for i in 1 2 3 4; do
		out=$(cat "$BATS_TEST_TMPDIR/par.$i")
		[[ "$out" == "created "* ]]
		n=${out#created }
		total=$(( total + ${n%% *} ))
	done
	[ "$total" = 50 ]
	[ "$(vzbc-ioctl get 101 numproc | cut -d' ' -f1-2)" = "50 50" ]
	[ "$(bc_field 101 numproc 5)" -ge 1 ]
	kill "${PAR_PIDS[@]}"
	wait "${PAR_PIDS[@]}" || true
	wait_held 101 numproc 0
	[ "$(bc_field 101 numproc 2)" = 50 ]
}

@test "a fork bomb in a container with numproc 100: host responsive, bomb killable" {
	vzbc-ioctl set 101 numproc 100 100
	start_hog 101 forkbomb 0
	[ "$HOG_OUT" = "created 1" ]
	sleep 5
	[ "$(bc_field 101 numproc 1)" -le 100 ]
	[ "$(bc_field 101 numproc 2)" = 100 ]
	[ "$(bc_field 101 numproc 5)" -gt 100 ]
	# the host still forks, opens and answers while the bomb runs
	run timeout 60 vzbc-hog procs 50 --release
	[ "$output" = "created 50" ]
	run timeout 60 cat /proc/user_beancounters
	[ "$status" -eq 0 ]
	# and the whole container goes at once
	echo 1 > "$CT_CG/101/cgroup.kill"
	for _ in $(seq 300); do
		[ -z "$(cat "$CT_CG/101/cgroup.procs")" ] && break
		sleep 0.1
	done
	[ -z "$(cat "$CT_CG/101/cgroup.procs")" ]
	wait "$HOG_PID" || true
	wait_held 101 numproc 0
}
