#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# numproc and numfile: charged per task / per struct file inside a
# container, refused past the barrier with the errno programs expect,
# counted exactly, and given back when the objects go.

load helpers

setup() {
	vzbc_load
	ct_register 101
}

DISARM_DELAY=/sys/module/vzbc/parameters/disarm_delay_ms

teardown() {
	[ ! -w "$DISARM_DELAY" ] || echo 5000 > "$DISARM_DELAY"
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "numproc: fork past the barrier fails with EAGAIN; held, maxheld, failcnt exact" {
	vzbc-ioctl set 101 numproc 10 10
	start_hog 101 procs 50
	[ "$HOG_OUT" = "created 10 errno=EAGAIN" ]
	[ "$(vzbc-ioctl get 101 numproc)" = "10 10 10 10 1" ]
	stop_hog
	wait_held 101 numproc 0
	[ "$(vzbc-ioctl get 101 numproc)" = "0 10 10 10 1" ]
}

@test "numproc counts threads too" {
	vzbc-ioctl set 101 numproc 5 5
	start_hog 101 threads 50
	[ "$HOG_OUT" = "created 5 errno=EAGAIN" ]
	[ "$(bc_field 101 numproc 1)" = 5 ]
	stop_hog
	wait_held 101 numproc 0
}

@test "numproc: every refused fork counts in failcnt" {
	vzbc-ioctl set 101 numproc 3 3
	for i in 1 2 3; do
		run in_ct 101 vzbc-hog procs 10 --release
		[ "$output" = "created 3 errno=EAGAIN" ]
		wait_held 101 numproc 0
	done
	[ "$(bc_field 101 numproc 5)" = 3 ]
}

@test "numproc: a reaped task is given back at once, as the pids controller does" {
	# each hog and its 3 children: the barrier exactly (the shell was
	# moved in, not forked there: not charged). Each hog is reaped by the
	# shell, and its children by the hog, before the next one forks: none
	# may be refused for tasks that only wait to be freed
	vzbc-ioctl set 101 numproc 4 4
	run in_ct 101 sh -c 'for i in $(seq 40); do vzbc-hog procs 3 --release; done'
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | sort | uniq -c | sed 's/^ *//')" = "40 created 3" ]
	[ "$(bc_field 101 numproc 5)" = 0 ]
}

@test "host processes are never limited" {
	vzbc-ioctl set 101 numproc 1 1 numfile 1 1
	run vzbc-hog procs 20 --release
	[ "$output" = "created 20" ]
	run vzbc-hog files 50 --release
	[ "$output" = "created 50" ]
	[ "$(vzbc-ioctl get 101 numproc)" = "0 0 1 1 0" ]
}

@test "numfile: open past the barrier fails with ENFILE; held back to 0" {
	vzbc-ioctl set 101 numfile 30 30
	start_hog 101 files 100
	[[ "$HOG_OUT" == "created "*" errno=ENFILE" ]]
	[ "$(bc_field 101 numfile 1)" = 30 ]
	[ "$(bc_field 101 numfile 2)" = 30 ]
	[ "$(bc_field 101 numfile 5)" = 1 ]
	stop_hog
	wait_held 101 numfile 0
}

@test "a charge follows its object out of the container (cgroup move)" {
	start_hog 101 files 20
	[ "$HOG_OUT" = "created 20" ]
	held=$(bc_field 101 numfile 1)
	[ "$held" -ge 20 ]
	# move the hog to the host: its files stay charged to 101 until closed
	echo "$HOG_PID" > /sys/fs/cgroup/cgroup.procs
	[ "$(bc_field 101 numfile 1)" = "$held" ]
	stop_hog
	wait_held 101 numfile 0
	wait_held 101 numproc 0
}

@test "objects outliving their container's registration are uncharged cleanly" {
	start_hog 101 files 5
	echo "$HOG_PID" > /sys/fs/cgroup/cgroup.procs
	run vzbc-ioctl unregister 101
	[ "$output" = "OK 0" ]
	# still charged to the unregistered container: the module stays pinned
	run rmmod vzbc
	[ "$status" -ne 0 ]
	stop_hog
	for _ in $(seq 100); do rmmod vzbc 2>/dev/null && break; sleep 0.1; done
	! grep -q '^vzbc ' /proc/modules
}

# vzbc's probes: 19 charge points and the view's 7 diverted functions
# (/proc files and sysinfo(2), view-proc.c; get_avenrun only once a view
# shows the loads without the memory, view.bats), 8 where the kernel runs
# 32-bit programs (their sysinfo(2)), listed in enabled_functions while attached
# (a direct call on the line after the function's, an ftrace_ops callback
# on its line; nothing else in the guest traces anything), and counted in
# the module's "attached" parameter
VZBC_PROBES=26
! grep -qw __ia32_compat_sys_sysinfo /proc/kallsyms || VZBC_PROBES=27
probes_armed() {
	local n
	n=$(awk '/^[^ \t]/ { fn = $1 } /vzbc/ { print fn }' \
		/sys/kernel/debug/tracing/enabled_functions | sort -u | wc -l)
	read -r _ direct _ ftrace < /sys/module/vzbc/parameters/attached
	[ $((direct + ftrace)) = "$n" ] || echo "attached: $direct + $ftrace, enabled_functions: $n" >&2
	echo "$n"
}

# detaching waits for an RCU-tasks grace period: seconds on a busy debug kernel
wait_disarmed() {
	local end=$((SECONDS + 60))
	while [ "$SECONDS" -lt "$end" ]; do
		[ "$(probes_armed)" = 0 ] && return 0
		sleep 0.05
	done
	return 1
}

@test "the hooks are armed only while a container is registered or charged" {
	echo 0 > "$DISARM_DELAY"
	vzbc-ioctl unregister 101
	wait_disarmed
	ct_register 101
	[ "$(probes_armed)" = $VZBC_PROBES ]
	# a charged object keeps them armed after the container is gone
	start_hog 101 files 3
	echo "$HOG_PID" > /sys/fs/cgroup/cgroup.procs
	vzbc-ioctl unregister 101
	sleep 0.5
	[ "$(probes_armed)" = $VZBC_PROBES ]
	stop_hog
	wait_disarmed
}

@test "the hooks stay attached for disarm_delay_ms after the last container goes" {
	[ "$(< "$DISARM_DELAY")" = 5000 ]	# the default
	echo 3000 > "$DISARM_DELAY"
	vzbc-ioctl unregister 101
	[ "$(probes_armed)" = $VZBC_PROBES ]
	# a container registered meanwhile keeps them past the delay
	ct_register 102
	sleep 4
	[ "$(probes_armed)" = $VZBC_PROBES ]
	vzbc-ioctl unregister 102
	wait_disarmed
}
