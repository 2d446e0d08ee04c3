#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Container figures for "make bench", run inside the VM (icount mode) by
# scripts/bench.sh with the module loaded.
#
#   bench-ct.sh start   start latency (vzctl start until a command runs
#                       inside) beside crun's (crun run of the same command
#                       on the same root file system, with the same
#                       namespaces and a cgroup), where vzctl start spends
#                       its instructions (perf), stop latency, memory per
#                       idle running container
#   bench-ct.sh scale N N busybox containers started one after another and
#                       left running: the time of each start as the count
#                       grows, memory per container, and the /proc files
#                       and vzlist on the full host
#
# Two figures per step: guest time (nanoseconds; in icount mode one per
# instruction executed, but also the time the CPU sat idle, waiting for a
# timer: a sleep or a poll) and busy instructions (the same interval less
# the idle time, from /proc/schedstat: what the CPU really executed).
set -euo pipefail

die() { echo "bench-ct: $*" >&2; exit 1; }

ns() { date +%s%N; }
# time the CPU ran tasks (not the idle loop), in ns = instructions
busy() { awk '$1 == "cpu0" { print $8 }' /proc/schedstat; }
avail_kb() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }
m() { echo $(( $1 / 1000000 )); }

setup_conf() {
	mkdir -p /etc/vz/conf
	cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/
	cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
	"$VZBC_REPO/scripts/mk-template-busybox" > /dev/null
}

# vzctl start returns once init runs; an exec right after may come before
# the init is there to join: count those retries
retries=0
start_exec() {
	vzctl start "$1" > /dev/null
	until vzctl exec "$1" true 2> /dev/null; do retries=$((retries + 1)); done
}

bench_start() {
	local runs=5 i t0 b0 t1 b1 t2 b2 start_t=0 start_b=0 stop_t=0 stop_b=0
	local crun_t=0 crun_b=0 first_t first_b keep delay n before after per_kb cg_kb
	setup_conf
	# warm the page cache: the first start reads busybox and vzctl over 9p
	vzctl create 200 --ostemplate busybox > /dev/null
	start_exec 200
	vzctl stop 200 > /dev/null

	# the first container's start also attaches vzbc's charge points (text
	# patching, one pass per function); later starts find them attached.
	# They stay attached disarm_delay_ms after the last container goes:
	# detach them now.
	delay=/sys/module/vzbc/parameters/disarm_delay_ms
	echo 0 > "$delay"
	for _ in $(seq 200); do
		[ "$(cat /sys/module/vzbc/parameters/attached)" = "direct 0 ftrace 0" ] && break
		sleep 0.05
	done
	[ "$(cat /sys/module/vzbc/parameters/attached)" = "direct 0 ftrace 0" ] ||
		die "the charge points did not detach"
	echo 5000 > "$delay"
	t0=$(ns) b0=$(busy)
	start_exec 200
	first_t=$(( $(ns) - t0 )) first_b=$(( $(busy) - b0 ))
	vzctl stop 200 > /dev/null

	# keep the charge points attached: another registered container
	keep=/sys/fs/cgroup/bench-keep
	mkdir -p "$keep"
	vzbc-ioctl register 199 "$keep" > /dev/null
	for i in $(seq "$runs"); do
		t0=$(ns) b0=$(busy)
		start_exec 200
		t1=$(ns) b1=$(busy)
		vzctl stop 200 > /dev/null
		t2=$(ns) b2=$(busy)
		start_t=$((start_t + t1 - t0)) start_b=$((start_b + b1 - b0))
		stop_t=$((stop_t + t2 - t1)) stop_b=$((stop_b + b2 - b1))
	done

	# crun, on the same root (the container is stopped), after one warm-up
	"$(dirname "$0")/bench-crun-bundle" /tmp/bench-crun /vz/private/200 268435456 \
		/bin/true || die "cannot write crun's bundle"
	crun run --bundle /tmp/bench-crun bench-crun || die "crun run failed"
	for i in $(seq "$runs"); do
		sleep 1	# the last run's network namespace goes meanwhile
		t0=$(ns) b0=$(busy)
		crun run --bundle /tmp/bench-crun bench-crun
		crun_t=$((crun_t + $(ns) - t0)) crun_b=$((crun_b + $(busy) - b0))
	done

	# where vzctl start spends its instructions: a profile sampled every
	# 100,000 instructions (cpu-clock in icount mode), by command and object
	perf record -q -a -e cpu-clock -c 100000 -o /tmp/perf.data -- \
		vzctl start 200 > /dev/null 2>&1 || die "perf record failed"
	vzctl stop 200 > /dev/null
	perf report -q -i /tmp/perf.data --stdio --sort comm,dso --percent-limit 2 \
		2> /dev/null | sed '/^$/d' > "$VZBC_RESULTS/vzctl-start-profile.txt"
	perf report -q -i /tmp/perf.data --stdio --sort sym --percent-limit 1 \
		2> /dev/null | sed '/^$/d' | head -n 30 >> "$VZBC_RESULTS/vzctl-start-profile.txt"
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
	vzbc-ioctl unregister 199 > /dev/null
	rmdir "$keep"

	{
	echo
	echo "kernel $(uname -r), busybox template, $runs runs; guest time and busy instructions (icount), millions"
	echo
	echo "| figure | guest time | busy |"
	echo "|---|---:|---:|"
	echo "| first start, attaching the charge points: vzctl start until vzctl exec runs a command | $(m "$first_t") M | $(m "$first_b") M |"
	echo "| start, charge points attached (another container registered) | $(m $((start_t / runs))) M | $(m $((start_b / runs))) M |"
	echo "| crun run of /bin/true, same root, namespaces and cgroup | $(m $((crun_t / runs))) M | $(m $((crun_b / runs))) M |"
	echo "| stop: clean stop (halt through init) until unmounted | $(m $((stop_t / runs))) M | $(m $((stop_b / runs))) M |"
	echo
	echo "| memory | value |"
	echo "|---|---:|"
	echo "| per idle running container (MemAvailable, $n started) | $per_kb KiB |"
	echo "| of which charged to its own memory cgroup | $cg_kb KiB |"
	echo "| exec retries in the $((runs + 1)) starts (counted in the start figures) | $retries |"
	echo
	echo "vzctl start, sampled every 100,000 instructions (by command and object, then by symbol):"
	echo
	sed 's/^/    /' "$VZBC_RESULTS/vzctl-start-profile.txt"
	echo
	} | tee "$VZBC_RESULTS/bench-ct-$(uname -r).md"
}

# read_cost FILE: instructions of a first whole read of FILE, of each
# read after, and its size
read_cost() {
	local out
	out=$(vzbc-bench read "$1" 5) || die "reading $1 failed"
	echo "${out#read }"
}

bench_scale() {
	local n=$1 step=$(( $1 / 10 )) i t0 b0 t_sum=0 b_sum=0 before after cg_sum=0
	local bb=/vz/template/busybox-shared row
	setup_conf
	# one copy of busybox for all: on the VM's tmpfs the root file systems
	# are memory, which a host's disk is not
	for ((i = 1; i <= n; i++)); do
		vzctl create $((1000 + i)) --ostemplate busybox > /dev/null
		if [ "$i" = 1 ]; then
			cp -p /vz/private/1001/bin/busybox "$bb"
		fi
		ln -f "$bb" "/vz/private/$((1000 + i))/bin/busybox"
	done
	sync
	echo 3 > /proc/sys/vm/drop_caches
	before=$(avail_kb)
	{
	echo
	echo "kernel $(uname -r): $n busybox containers started one after another, all left running"
	echo
	echo "| containers running | start (guest time, M) | start (busy, M) | MemAvailable |"
	echo "|---|---:|---:|---:|"
	} > "$VZBC_RESULTS/bench-scale-$(uname -r).md"
	for ((i = 1; i <= n; i++)); do
		t0=$(ns) b0=$(busy)
		vzctl start $((1000 + i)) > /dev/null || die "starting container $((1000 + i)) failed"
		t_sum=$((t_sum + $(ns) - t0)) b_sum=$((b_sum + $(busy) - b0))
		if ! ((i % step)); then
			row="| $((i - step + 1))-$i | $(m $((t_sum / step))) | $(m $((b_sum / step))) | $(avail_kb) KiB |"
			echo "$row" | tee -a "$VZBC_RESULTS/bench-scale-$(uname -r).md"
			t_sum=0 b_sum=0
		fi
	done
	sleep 5
	[ "$(vzbc-ioctl list 0)" = "$n:" ] || die "not $n containers registered"
	[ "$(vzlist -H -o ctid | wc -l)" = "$n" ] || die "vzlist does not list $n running containers"
	echo 3 > /proc/sys/vm/drop_caches
	after=$(avail_kb)
	for ((i = 1; i <= n; i++)); do
		cg_sum=$((cg_sum + $(cat /sys/fs/cgroup/vzbc/$((1000 + i))/memory.current)))
	done
	{
	echo
	echo "| with $n running | value |"
	echo "|---|---:|"
	echo "| memory per container (MemAvailable before and after, page cache dropped) | $(( (before - after) / n )) KiB |"
	echo "| of which in the containers' own memory cgroups (average) | $(( cg_sum / n / 1024 )) KiB |"
	for f in /proc/user_beancounters /proc/bc/resources /proc/vz/veinfo; do
		echo "| read $f | $(read_cost "$f" | awk '{ printf "first %.1f M instructions, then %.1f M; %d bytes", $1 / 1e6, $2 / 1e6, $3 }') |"
	done
	t0=$(ns) b0=$(busy)
	vzlist -a > /dev/null
	echo "| vzlist -a | $(m $(( $(ns) - t0 ))) M guest time, $(m $(( $(busy) - b0 ))) M busy |"
	t0=$(ns) b0=$(busy)
	vzlist -a -o ctid,numproc,physpages,status > /dev/null
	echo "| vzlist -a -o ctid,numproc,physpages,status | $(m $(( $(ns) - t0 ))) M guest time, $(m $(( $(busy) - b0 ))) M busy |"
	echo
	} | tee -a "$VZBC_RESULTS/bench-scale-$(uname -r).md"
}

case ${1:-start} in
start) bench_start ;;
scale) bench_scale "${2:-1000}" ;;
*) die "usage: bench-ct.sh start | scale N" ;;
esac
