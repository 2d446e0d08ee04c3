#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "make bench", part "view" (scripts/bench.sh runs it in the VM, icount
# mode): what a container's view of /proc and sysinfo(2) costs, in
# instructions per whole read of a file (per call of sysinfo):
#
#   (a) on the host, no module loaded;
#   (b) on the host, the module loaded and a busybox container running
#       with its view on (the view's rows attached): the host's readers
#       pass the rows' handlers and go on into the kernel's functions;
#   (c) inside that container (256 MiB, 512 MiB of swap, --cpus 1,
#       --cpumask 0), by "vzctl exec": the container's own figures;
#   (d) the cgroup files a FUSE view of the same file (lxcfs) reads for
#       those figures, each read whole once: the yardstick for (c). For
#       /proc/cpuinfo, the host's own /proc/cpuinfo instead: the view
#       prints the host's lines of the CPUs it shows, as lxcfs filters the
#       host's file; the CPU limits' cgroup files alone are no yardstick
#       for a file of processor descriptions.
#   (d') for /proc/meminfo and /proc/uptime, everything lxcfs's
#       proc_meminfo_read() and proc_uptime_read() read on cgroup v2
#       (src/proc_fuse.c), for comparison only: for meminfo (d)'s files,
#       memory.max and memory.swap.max of each ancestor up to the root's
#       child too (get_min_memlimit()), the container's init's
#       /proc/PID/cgroup and the host's /proc/meminfo; for uptime only the
#       init's /proc/PID/stat (its start time: lxcfs's CPU time comes from
#       cpuacct.usage, which cgroup v2 has not, so its idle is the init's
#       age).
#
# Every setup step fails the bench when it fails; before a figure is
# taken the bench checks that the rows are attached (ftrace's
# enabled_functions) and that the container's reads show its figures.
set -euo pipefail

die() { echo "bench-view: $*" >&2; exit 1; }

ctid=${1:?usage: bench-view.sh CTID (created by bench.sh)}
cg=/sys/fs/cgroup/vzbc/$ctid
files=(/proc/meminfo /proc/stat /proc/loadavg /proc/uptime /proc/cpuinfo /proc/swaps)
rows=(meminfo_proc_show swap_show __x64_sys_sysinfo loadavg_proc_show
	uptime_proc_show show_stat show_cpuinfo)
# attached only for a view of the loads without the memory: not here
unrows=(get_avenrun)
# what lxcfs reads for each (cgroup v2): memory limits, usage and stat;
# cpu.stat and the CPU limits; the container's tasks for its load average
declare -A yardstick=(
	[/proc/meminfo]="memory.max memory.current memory.swap.max memory.swap.current memory.stat"
	[sysinfo]="memory.max memory.current memory.swap.max memory.swap.current memory.stat"
	[/proc/swaps]="memory.swap.max memory.swap.current"
	[/proc/stat]="cpu.stat cpu.max cpuset.cpus.effective"
	[/proc/uptime]="cpu.stat"
	[/proc/cpuinfo]="/proc/cpuinfo"
	[/proc/loadavg]="cgroup.threads"
)
# (d'): INIT stands for the container's init's pid, ../ for the parent
declare -A lxcfs_all=(
	[/proc/meminfo]="${yardstick[/proc/meminfo]} ../memory.max ../memory.swap.max /proc/INIT/cgroup /proc/meminfo"
	[/proc/uptime]="/proc/INIT/stat"
)

# cost1 WHERE FILE|sysinfo: instructions per read (per call)
cost1() {
	local out
	if [ "$2" = sysinfo ]; then
		out=$($1 vzbc-bench sysinfo 200) || die "sysinfo in $1 failed"
		echo "${out#sysinfo }"
	else
		out=$($1 vzbc-bench read "$2" 50) || die "reading $2 in $1 failed"
		# "read FIRST AFTER BYTES": the reads after the first
		read -r _ _ out _ <<< "$out"
		echo "$out"
	fi
}

# cost WHERE FILE|sysinfo: the least of three runs (periodic work, the
# kernel's or the module's every 5 s, landing in a run would be taken for
# the cost: a run of 200 sysinfo(2) calls is over in 200 K instructions)
cost() {
	local i c least=
	for i in 1 2 3; do
		c=$(cost1 "$@")
		if [ -z "$least" ] || [ "$c" -lt "$least" ]; then
			least=$c
		fi
	done
	echo "$least"
}

host() { "$@"; }
inside() { vzctl exec "$ctid" "$@"; }

# the files of the yardstick (or of the list named by $2), each read
# whole once on the host: the container's cgroup files, or an absolute path
yard() {
	local -n list=${2:-yardstick}
	local f sum=0 c init
	init=$(sort -n "$cg/cgroup.procs" | head -n 1)
	[ -n "$init" ] || die "the container has no init"
	for f in ${list[$1]}; do
		f=${f/INIT/$init}
		[[ $f == /* ]] || f=$cg/$f
		[ -r "$f" ] || die "$f is not there"
		c=$(cost host "$f")
		sum=$((sum + c))
	done
	echo "$sum"
}

# the container bench.sh created (with the benchmark in it): its limits
ct_setup() {
	vzctl set "$ctid" --ram 256M --swap 512M --cpus 1 --cpumask 0 --save > /dev/null
	vzctl start "$ctid" > /dev/null
	vzbc-ioctl view "$ctid" all > /dev/null
}

checks() {
	local f attached
	attached=$(awk '/^[^ \t]/ { fn = $1 } /vzbc/ { print fn }' \
		/sys/kernel/debug/tracing/enabled_functions | sort -u)
	for f in "${rows[@]}"; do
		grep -qx "$f" <<< "$attached" || die "$f is not hooked by vzbc"
	done
	for f in "${unrows[@]}"; do
		! grep -qx "$f" <<< "$attached" || die "$f is hooked, the host's readers pass it"
	done
	[ "$(inside cat /proc/meminfo | awk '$1 == "MemTotal:" { print $2 }')" = 262144 ] ||
		die "the container's /proc/meminfo does not show its 256 MiB"
	[ "$(inside grep -c ^processor /proc/cpuinfo)" = 1 ] ||
		die "the container's /proc/cpuinfo does not show its one CPU"
	[ "$(awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)" != 262144 ] ||
		die "the host's /proc/meminfo shows the container's"
}

pct() { awk -v x="$1" -v base="$2" 'BEGIN { printf "%+.1f%%", (x - base) * 100 / base }'; }

declare -A a b c
grep -q '^vzbc ' /proc/modules && rmmod vzbc
for f in "${files[@]}" sysinfo; do a[$f]=$(cost host "$f"); done
insmod "$VZBC_KO"
ct_setup
checks
for f in "${files[@]}" sysinfo; do b[$f]=$(cost host "$f"); done
for f in "${files[@]}" sysinfo; do c[$f]=$(cost inside "$f"); done
checks
{
echo
echo "kernel $(uname -r); instructions per whole read (per sysinfo(2) call), guest ns in icount mode"
echo "(d): the container's cgroup files lxcfs reads for the same figures; for /proc/cpuinfo the host's"
echo "own /proc/cpuinfo, whose lines of the CPUs shown the view prints (cpuset.cpus.effective and"
echo "cpu.max alone are no yardstick for a file of processor descriptions); (d'), for comparison"
echo "only: everything lxcfs reads for the file on cgroup v2 (scripts/bench-view.sh lists it)"
echo
echo "| file | (a) host, no module | (b) host, CT running | (c) in the CT | (d) its cgroup files | (d') all lxcfs reads |"
echo "|---|---:|---:|---:|---:|---:|"
for f in "${files[@]}" sysinfo; do
	d=$(yard "$f")
	d2=-
	if [ -n "${lxcfs_all[$f]:-}" ]; then
		d2=$(yard "$f" lxcfs_all)
		d2="$d2 (c/d' $(awk -v c="${c[$f]}" -v d="$d2" 'BEGIN { printf "%.2f", c / d }'))"
	fi
	printf '| %s | %s | %s (%s) | %s | %s (c/d %s) | %s |\n' "$f" "${a[$f]}" \
		"${b[$f]}" "$(pct "${b[$f]}" "${a[$f]}")" "${c[$f]}" "$d" \
		"$(awk -v c="${c[$f]}" -v d="$d" 'BEGIN { printf "%.2f", c / d }')" "$d2"
done
echo
} | tee "$VZBC_RESULTS/bench-view-$(uname -r).md"
vzctl stop "$ctid" --fast > /dev/null
vzctl destroy "$ctid" > /dev/null
