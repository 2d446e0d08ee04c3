#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Container figures for "make bench", run inside the VM (icount mode) after
# scripts/bench.sh with the module loaded: start latency (vzctl start until
# a command runs inside), stop latency (clean stop through the container's
# init), memory per idle running container, and how many idle containers
# the VM holds. Guest ns = instructions.
set -euo pipefail

ns() { date +%s%N; }
avail_kb() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

mkdir -p /etc/vz/conf
cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/
cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
"$VZBC_REPO/scripts/mk-template-busybox" > /dev/null

# warm the page cache: the first start reads busybox and vzctl over 9p
vzctl create 200 --ostemplate busybox > /dev/null
vzctl start 200 > /dev/null
vzctl exec 200 true
vzctl stop 200 > /dev/null

# the first container's start also attaches vzbc's kernel hooks (17 ftrace
# callbacks, text patching); later starts find them attached. They stay
# attached disarm_delay_ms after the last container goes: detach them now.
delay=/sys/module/vzbc/parameters/disarm_delay_ms
echo 0 > "$delay"
attached() { grep -q vzbc_ftrace_cb /sys/kernel/debug/tracing/enabled_functions; }
for _ in $(seq 200); do attached || break; sleep 0.05; done
! attached || { echo "bench-ct: the hooks did not detach" >&2; exit 1; }
echo 5000 > "$delay"
# vzctl start returns once init runs; an exec right after may come before
# the init is there to join: count those retries
retries=0
start_exec() {
	vzctl start 200 > /dev/null
	until vzctl exec 200 true 2> /dev/null; do retries=$((retries + 1)); done
}
t0=$(ns)
start_exec
first=$(( $(ns) - t0 ))
vzctl stop 200 > /dev/null

# keep the hooks attached: another registered container for the runs
keep=/sys/fs/cgroup/bench-keep
mkdir -p "$keep"
vzbc-ioctl register 199 "$keep" > /dev/null
runs=5 start_sum=0 stop_sum=0
for i in $(seq "$runs"); do
	t0=$(ns)
	start_exec
	t1=$(ns)
	vzctl stop 200 > /dev/null
	t2=$(ns)
	start_sum=$((start_sum + t1 - t0))
	stop_sum=$((stop_sum + t2 - t1))
done
vzctl destroy 200 > /dev/null

# idle containers: memory per container from MemAvailable
n=20
for i in $(seq 301 $((300 + n))); do
	vzctl create "$i" --ostemplate busybox > /dev/null
done
sync
echo 3 > /proc/sys/vm/drop_caches
before=$(avail_kb)
for i in $(seq 301 $((300 + n))); do
	vzctl start "$i" > /dev/null
done
sleep 1
echo 3 > /proc/sys/vm/drop_caches
after=$(avail_kb)
per_kb=$(( (before - after) / n ))
cg_kb=$(( $(cat /sys/fs/cgroup/vzbc/301/memory.current) / 1024 ))
for i in $(seq 301 $((300 + n))); do
	vzctl stop "$i" --fast > /dev/null
	vzctl destroy "$i" > /dev/null
done
total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
vzbc-ioctl unregister 199 > /dev/null
rmdir "$keep"

{
echo
echo "kernel $(uname -r), busybox template, $runs runs; guest ns = instructions"
echo
echo "| figure | value |"
echo "|---|---:|"
echo "| first start, attaching vzbc's hooks: vzctl start until vzctl exec runs a command | $((first / 1000000)) M instructions |"
echo "| start, hooks attached (another container registered) | $((start_sum / runs / 1000000)) M instructions |"
echo "| stop: clean stop (halt through init) until unmounted | $((stop_sum / runs / 1000000)) M instructions |"
echo "| memory per idle running container (MemAvailable, $n started) | $per_kb KiB |"
echo "| of which charged to its own memory cgroup | $cg_kb KiB |"
echo "| idle containers a ${total_kb} KiB VM holds (MemAvailable / per container) | $(( before / (per_kb > 0 ? per_kb : 1) )) |"
echo "| exec retries in the $((runs + 1)) starts (counted in the start figures) | $retries |"
echo
} | tee "$VZBC_RESULTS/bench-ct-$(uname -r).md"
