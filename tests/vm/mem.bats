#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The resources read from the kernel's counters: the memory cgroup
# (physpages, swappages, oomguarpages, kmemsize, dcachesize, shmpages),
# the address spaces (privvmpages, lockedpages) and the socket queues
# (tcpsndbuf, tcprcvbuf, othersockbuf, dgramrcvbuf); and numpty.

load helpers

setup() {
	vzbc_load
	ct_register 101
}

teardown() {
	rm -f /dev/shm/vzbc-test-shm
	ct_cleanup_all
	rmdir /sys/fs/cgroup/vzbc-nomem/102 /sys/fs/cgroup/vzbc-nomem 2>/dev/null || true
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

CG=/sys/fs/cgroup/vzbc-test/101

@test "physpages, swappages, oomguarpages: limits go to memory.max, .high, .swap.max, .low" {
	vzbc-ioctl set 101 physpages 0 16384 swappages 0 8192 oomguarpages 1024 $LONG_MAX
	[ "$(cat $CG/memory.max)" = 67108864 ]
	[ "$(cat $CG/memory.high)" = max ]	# a barrier of 0: none
	[ "$(cat $CG/memory.swap.max)" = 33554432 ]
	[ "$(cat $CG/memory.low)" = 4194304 ]
	[ "$(vzbc-ioctl get 101 physpages | cut -d' ' -f3-4)" = "0 16384" ]
	# a physpages barrier below its limit: where reclaim and throttling start
	vzbc-ioctl set 101 physpages 8192 16384
	[ "$(cat $CG/memory.high)" = 33554432 ]
	[ "$(cat $CG/memory.max)" = 67108864 ]
	vzbc-ioctl set 101 physpages 0 $LONG_MAX swappages 0 $LONG_MAX oomguarpages 0 $LONG_MAX
	[ "$(cat $CG/memory.max)" = max ]
	[ "$(cat $CG/memory.high)" = max ]
	[ "$(cat $CG/memory.swap.max)" = max ]
	[ "$(cat $CG/memory.low)" = 0 ]
}

@test "physpages: held and maxheld are the cgroup's usage and watermark" {
	start_hog 101 touch 16
	[ "$HOG_OUT" = "created 16" ]
	held=$(bc_field 101 physpages 1)
	[ "$held" -ge 4096 ]
	# the cgroup's own counters, read a moment apart: within 64 pages
	d=$(( held - $(cat $CG/memory.current) / 4096 ))
	[ "${d#-}" -le 64 ]
	d=$(( $(bc_field 101 physpages 2) - $(cat $CG/memory.peak) / 4096 ))
	[ "${d#-}" -le 64 ]
	[ "$(bc_field 101 physpages 2)" -ge "$held" ]
	[ "$(bc_field 101 oomguarpages 1)" -ge "$held" ]
	[ "$(bc_field 101 kmemsize 1)" -gt 0 ]
	stop_hog
	[ "$(bc_field 101 physpages 2)" -ge 4096 ]
}

@test "physpages: memory.max is enforced; failcnt counts the hits, oomguarpages the OOM kill" {
	vzbc-ioctl set 101 physpages 0 8192 swappages 0 0
	run in_ct 101 vzbc-hog touch 96 --release
	[ "$status" -eq 137 ]		# killed by the memory cgroup's OOM killer
	[ "$(bc_field 101 physpages 5)" -gt 0 ]
	[ "$(bc_field 101 oomguarpages 5)" -ge 1 ]
	[ "$(bc_field 101 physpages 2)" -le 8192 ]
}

@test "shmpages: tmpfs pages of the container" {
	in_ct_run() { bash -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' $CG "$@"; }
	in_ct_run dd if=/dev/zero of=/dev/shm/vzbc-test-shm bs=1M count=8 status=none
	[ "$(bc_field 101 shmpages 1)" -ge 2048 ]
	rm /dev/shm/vzbc-test-shm
	[ "$(bc_field 101 shmpages 1)" -lt 2048 ]
}

@test "kmemsize and dcachesize: the container's kernel memory and its dentry and inode caches" {
	local k0 d0
	k0=$(bc_field 101 kmemsize 1)
	d0=$(bc_field 101 dcachesize 1)
	# 2000 files made by a task of the container: their dentries and inodes
	# are charged to its memory cgroup
	bash -c 'echo $$ > "$0/cgroup.procs" && mkdir /tmp/vzbc-dc && cd /tmp/vzbc-dc &&
		for i in $(seq 2000); do : > "f$i"; done' $CG
	[ "$(bc_field 101 dcachesize 1)" -gt $(( d0 + 2000 * 100 )) ]
	[ "$(bc_field 101 kmemsize 1)" -gt $(( k0 + 2000 * 100 )) ]
	[ "$(bc_field 101 dcachesize 2)" -ge "$(bc_field 101 dcachesize 1)" ]
	rm -rf /tmp/vzbc-dc
}

@test "physpages on a cgroup without the memory controller: EOPNOTSUPP, nothing changed" {
	mkdir -p /sys/fs/cgroup/vzbc-nomem/102
	[ "$(vzbc-ioctl register 102 /sys/fs/cgroup/vzbc-nomem/102)" = "OK 0" ]
	run vzbc-ioctl set 102 numproc 10 10 physpages 0 1000
	[ "$status" -eq 1 ]
	[ "$output" = EOPNOTSUPP ]
	[ "$(vzbc-ioctl get 102 numproc | cut -d' ' -f3-4)" = "$LONG_MAX $LONG_MAX" ]
	[ "$(bc_field 102 physpages 1)" = 0 ]
	vzbc-ioctl unregister 102
}

@test "privvmpages: private writable mappings past the barrier fail with ENOMEM" {
	vzbc-ioctl set 101 privvmpages 4096 4096
	start_hog 101 mmap 64
	[[ "$HOG_OUT" == "created "*" errno=ENOMEM" ]]
	got=${HOG_OUT#created }
	got=${got%% *}
	[ "$got" -ge 4 ] && [ "$got" -lt 16 ]
	held=$(bc_field 101 privvmpages 1)
	[ "$held" -ge $(( got * 256 )) ] && [ "$held" -le 4096 ]
	[ "$(bc_field 101 privvmpages 5)" = 1 ]
	[ "$(bc_field 101 vmguarpages 1)" = "$held" ]
	stop_hog
	[ "$(bc_field 101 privvmpages 1)" = 0 ]
	[ "$(bc_field 101 privvmpages 2)" -le 4096 ]
}

@test "privvmpages: MAP_NORESERVE, brk, mremap and stack growth count and are refused too" {
	local kind
	vzbc-ioctl set 101 privvmpages 4096 4096
	for kind in mmapnr brk mremap; do
		start_hog 101 "$kind" 64
		echo "$kind: $HOG_OUT"
		[[ "$HOG_OUT" == "created "*" errno=ENOMEM" ]]
		got=${HOG_OUT#created }
		[ "${got%% *}" -ge 4 ] && [ "${got%% *}" -lt 16 ]
		stop_hog
	done
	[ "$(bc_field 101 privvmpages 5)" = 3 ]
	# a stack that grows past the barrier: the growth is refused, SIGSEGV
	vzbc-ioctl set 101 privvmpages 1024 1024
	run in_ct 101 vzbc-hog stack 6 --release
	[ "$status" -eq 139 ]
	[ "$(bc_field 101 privvmpages 5)" -ge 4 ]
	# within the barrier it grows
	vzbc-ioctl set 101 privvmpages 4096 4096
	run in_ct 101 vzbc-hog stack 6 --release
	[ "$output" = "created 6" ]
}

@test "privvmpages and lockedpages: host processes are never limited" {
	vzbc-ioctl set 101 privvmpages 1 1 lockedpages 1 1
	run vzbc-hog mmap 20 --release
	[ "$output" = "created 20" ]
	run vzbc-hog mlock 20 --release
	[ "$output" = "created 20" ]
}

@test "lockedpages: mlock past the barrier fails with ENOMEM; held exact" {
	vzbc-ioctl set 101 lockedpages 16 16
	start_hog 101 mlock 64
	[ "$HOG_OUT" = "created 16 errno=ENOMEM" ]
	[ "$(vzbc-ioctl get 101 lockedpages)" = "16 16 16 16 1" ]
	stop_hog
	[ "$(vzbc-ioctl get 101 lockedpages)" = "0 16 16 16 1" ]
}

@test "socket buffers: the bytes queued on the container's sockets" {
	start_hog 101 sockbufs 32
	[ "$HOG_OUT" = "created 32" ]
	tcp=$(( $(bc_field 101 tcpsndbuf 1) + $(bc_field 101 tcprcvbuf 1) ))
	[ "$tcp" -ge 32768 ]
	[ "$(bc_field 101 othersockbuf 1)" -ge 32768 ]
	[ "$(bc_field 101 dgramrcvbuf 1)" -ge 32768 ]
	stop_hog
	wait_held 101 numtcpsock 0
	wait_held 101 numothersock 0
	for r in tcpsndbuf tcprcvbuf othersockbuf dgramrcvbuf; do
		[ "$(bc_field 101 $r 1)" = 0 ]
	done
	# maxheld is sampled when read: the receive queues were read full
	for r in othersockbuf dgramrcvbuf; do
		[ "$(bc_field 101 $r 2)" -ge 32768 ]
	done
}

@test "numpty: opening /dev/ptmx past the barrier fails with ENOSPC; held back to 0" {
	vzbc-ioctl set 101 numpty 3 3
	start_hog 101 ptys 10
	[ "$HOG_OUT" = "created 3 errno=ENOSPC" ]
	[ "$(vzbc-ioctl get 101 numpty)" = "3 3 3 3 1" ]
	stop_hog
	wait_held 101 numpty 0
	run vzbc-hog ptys 10 --release
	[ "$output" = "created 10" ]
	[ "$(vzbc-ioctl get 101 numpty)" = "0 3 3 3 1" ]
}

@test "numflock: flock past the barrier fails with ENOLCK; held back to 0" {
	vzbc-ioctl set 101 numflock 5 5
	start_hog 101 flocks 20
	[ "$HOG_OUT" = "created 5 errno=ENOLCK" ]
	[ "$(vzbc-ioctl get 101 numflock)" = "5 5 5 5 1" ]
	stop_hog
	wait_held 101 numflock 0
	run vzbc-hog flocks 20 --release
	[ "$output" = "created 20" ]
	[ "$(vzbc-ioctl get 101 numflock)" = "0 5 5 5 1" ]
}

@test "numflock: fcntl record locks count one per lock, refused with ENOLCK" {
	vzbc-ioctl set 101 numflock 8 8
	start_hog 101 posixlocks 20
	[ "$HOG_OUT" = "created 8 errno=ENOLCK" ]
	[ "$(vzbc-ioctl get 101 numflock)" = "8 8 8 8 1" ]
	stop_hog
	wait_held 101 numflock 0
}

@test "numsiginfo: queued real-time signals are counted while pending" {
	start_hog 101 siginfo 20
	[ "$HOG_OUT" = "created 20" ]
	[ "$(bc_field 101 numsiginfo 1)" = 20 ]
	stop_hog
	wait_held 101 numsiginfo 0
	[ "$(bc_field 101 numsiginfo 2)" = 20 ]
}
