#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "make bench", run inside the VM in icount mode by scripts/vm-run: the cost
# per operation of the paths vzbc hooks, in instructions (guest ns):
#
#   (a)  no module loaded;
#   (a') no module loaded, the benchmark inside a container crun starts
#        from the same root file system, with the same namespaces (user,
#        pid, mount, uts, ipc, net, cgroup) and a memory-limited cgroup:
#        what a container costs without vzbc, the baseline of (c);
#   (b0) module loaded, process on the host, no container registered;
#   (b1) the same with a busybox container running, limited on every
#        resource a charge point checks;
#   (c)  vzbc-bench run by "vzctl exec" inside that container;
#   (d)  mmap in the container with 50 and with 5,000 processes elsewhere
#        on the host (the privvmpages check must not grow with them).
#
# The same static build of vzbc-bench runs everywhere (a busybox container
# has no C library to link against).
# Every setup step fails the bench when it fails, and before a figure is
# taken the bench checks what it claims: the limits read back from
# /proc/bc/CTID/resources, the charge points attached (ftrace's
# enabled_functions), the benchmark really inside the container's cgroup.
# VZBC_BENCH (kernel command line, --append) picks the parts, comma
# separated: "ops" (the table), "proc" (reading the /proc files with 1 and
# with 1,000 registered containers), "ct" (container start beside crun's,
# stop, memory: scripts/bench-ct.sh start), "scale" (VZBC_BENCH_CTS, 1,000
# by default, busybox containers running at once: scripts/bench-ct.sh
# scale), "view" (reading /proc inside a container and on the host beside
# it: scripts/bench-view.sh), "net" (TCP from a LAN namespace to the host,
# to a container behind venet without and with the module's hooks, and
# vzctl's address work: scripts/bench-net.sh); default "ops,proc,ct".
set -euo pipefail

die() { echo "bench: $*" >&2; exit 1; }

parts=${VZBC_BENCH:-ops,proc,ct}
ctid=101
ops=(fork open tcp udp mmap flock)
# limits on every resource a charge point checks, high enough not to be
# hit; privvmpages and lockedpages make each growth of an address space sum
# the container's
limits=(numproc 10000 numfile 100000 numtcpsock 10000 numothersock 10000
	numflock 10000 numpty 1000 privvmpages 1000000 lockedpages 100000)
# the charge points the measured operations pass
hooked=(copy_process bpf_lsm_task_alloc cgroup_post_fork cgroup_exit cgroup_release
	bpf_lsm_task_free bpf_lsm_file_alloc_security bpf_lsm_file_free_security
	bpf_lsm_socket_post_create bpf_lsm_sk_free_security may_expand_vm
	bpf_lsm_file_lock locks_copy_lock locks_unlink_lock_ctx)

mitigations() {
	if grep -qw mitigations=off /proc/cmdline; then
		echo "mitigations=off"
	else
		echo "default mitigations (spectre_v2: $(cat /sys/devices/system/cpu/vulnerabilities/spectre_v2))"
	fi
}

# measure ARRAY CMD...: CMD prints "op value" lines; every op must be there.
# A second first: the work the last step left to kernel threads (a network
# namespace's teardown, say) runs then, not during the measurement (in
# icount mode every instruction the CPU runs counts, whoever runs it).
measure() {
	local -n into=$1
	local out op v
	shift
	sleep 1
	out=$("$@") || die "$* failed"
	while read -r op v; do into[$op]=$v; done <<< "$out"
	for op in "${ops[@]}"; do
		[ -n "${into[$op]:-}" ] || die "$*: no figure for $op"
	done
}

# the container's files: busybox and the benchmark
ct_create() {
	mkdir -p /etc/vz/conf
	cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/
	cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
	"$VZBC_REPO/scripts/mk-template-busybox" > /dev/null
	vzctl create "$ctid" --ostemplate busybox > /dev/null
	install -m 0755 "$VZBC_REPO/build/tests/vzbc-bench-static" \
		"/vz/private/$ctid/bin/vzbc-bench"
}

# in_crun: the benchmark in a container crun runs from the same root, with
# the namespaces and user ids vzctl gives its containers, and a cgroup with
# the same memory limit; checked to run in that cgroup
in_crun() {
	"$(dirname "$0")/bench-crun-bundle" /tmp/bench-crun "/vz/private/$ctid" \
		$((200000 * 4096)) "$@" || die "cannot write crun's bundle"
	crun run --bundle /tmp/bench-crun bench-crun
}

crun_check() {
	local cg
	cg=$(in_crun cat /proc/self/cgroup) || die "crun run failed"
	[ "$cg" = "0::/" ] || die "crun's container is not in a cgroup of its own: $cg"
}

# the container: limits saved in its config, then started
ct_setup() {
	local i args=() set=/proc/bc/$ctid/resources res want got
	for ((i = 0; i < ${#limits[@]}; i += 2)); do
		args+=("--${limits[i]}" "${limits[i + 1]}:${limits[i + 1]}")
	done
	vzctl set "$ctid" "${args[@]}" --physpages 0:200000 --save > /dev/null
	vzctl start "$ctid" > /dev/null
	for ((i = 0; i < ${#limits[@]}; i += 2)); do
		res=${limits[i]} want="${limits[i + 1]} ${limits[i + 1]}"
		got=$(awk -v r="$res" '$1 == r { print $4, $5 }' "$set")
		[ "$got" = "$want" ] || die "$res in $set is '$got', not '$want'"
	done
	got=$(awk '$1 == "physpages" { print $4, $5 }' "$set")
	[ "$got" = "0 200000" ] || die "physpages in $set is '$got', not '0 200000'"
	[ "$(cat "/sys/fs/cgroup/vzbc/$ctid/memory.max")" = $((200000 * 4096)) ] ||
		die "the container's memory.max is not physpages' limit"
}

# every charge point the operations pass is attached, and to vzbc
hooks_check() {
	local f attached
	attached=$(awk '/^[^ \t]/ { fn = $1 } /vzbc/ { print fn }' \
		/sys/kernel/debug/tracing/enabled_functions | sort -u)
	for f in "${hooked[@]}"; do
		grep -qx "$f" <<< "$attached" || die "$f is not hooked by vzbc"
	done
}

# in_ct: the benchmark in the container, checked to run in its cgroup
in_ct() {
	local cg
	cg=$(vzctl exec "$ctid" cat /proc/self/cgroup) || die "vzctl exec failed"
	[[ $cg == "0::/"* ]] || die "no cgroup v2 line in the container: $cg"
	vzctl exec "$ctid" /bin/vzbc-bench "$@"
}

# with_host_procs N CMD...: CMD run while N more processes sleep on the host
with_host_procs() {
	local n=$1 line before
	shift
	before=$(ls -d /proc/[0-9]* | wc -l)
	coproc HOLD { exec vzbc-bench hold "$n"; }
	read -r line <&"${HOLD[0]}" || die "vzbc-bench hold $n failed"
	[ "$line" = ready ] || die "vzbc-bench hold $n: $line"
	[ "$(ls -d /proc/[0-9]* | wc -l)" -ge $((before + n)) ] ||
		die "fewer than $n more processes on the host"
	"$@"
	kill "$HOLD_PID"
	wait "$HOLD_PID" || true
}

pct() { awk -v x="$1" -v base="$2" 'BEGIN { printf "%+.1f%%", (x - base) * 100 / base }'; }

bench_ops() {
	local op
	declare -A a ac b0 b1 c d50 d5k
	# (a) after crun's container: what that leaves behind (a network
	# namespace gone, caches grown) is there for every column alike
	ct_create
	crun_check
	measure ac in_crun /bin/vzbc-bench
	measure a vzbc-bench-static
	insmod "$VZBC_KO"
	measure b0 vzbc-bench-static
	ct_setup
	hooks_check
	measure b1 vzbc-bench-static
	measure c in_ct
	hooks_check
	ops=(mmap)
	measure d50 with_host_procs 50 in_ct mmap
	measure d5k with_host_procs 5000 in_ct mmap
	ops=(fork open tcp udp mmap flock)

	{
	echo
	echo "kernel $(uname -r), $(mitigations); guest ns per op = instructions (QEMU icount shift=0)"
	echo
	echo "| operation | (a) host, no module | (b) host, no CT | (b) host, CT running | (a') crun CT, no module | (c) vzbc CT: vs (a'), vs (a) |"
	echo "|---|---:|---:|---:|---:|---:|"
	for op in "${ops[@]}"; do
		printf '| %s | %s | %s (%s) | %s (%s) | %s (%s) | %s (%s, %s) |\n' "$op" "${a[$op]}" \
			"${b0[$op]}" "$(pct "${b0[$op]}" "${a[$op]}")" \
			"${b1[$op]}" "$(pct "${b1[$op]}" "${a[$op]}")" \
			"${ac[$op]}" "$(pct "${ac[$op]}" "${a[$op]}")" \
			"${c[$op]}" "$(pct "${c[$op]}" "${ac[$op]}")" "$(pct "${c[$op]}" "${a[$op]}")"
	done
	echo
	echo "| mmap in the CT | 50 processes on the host | 5,000 processes on the host |"
	echo "|---|---:|---:|"
	printf '| instructions | %s | %s (%s) |\n' "${d50[mmap]}" "${d5k[mmap]}" \
		"$(pct "${d5k[mmap]}" "${d50[mmap]}")"
	echo
	} | tee "$VZBC_RESULTS/bench-$(uname -r)-$(grep -qw mitigations=off /proc/cmdline && echo nomit || echo mit).md"
	vzctl stop "$ctid" --fast > /dev/null
	vzctl destroy "$ctid" > /dev/null
}

# register_many FIRST LAST: containers FIRST..LAST, each a cgroup with the
# memory and pids controllers
register_many() {
	local i
	for ((i = $1; i <= $2; i++)); do
		mkdir "$proc_cg/$i"
		vzbc-ioctl register "$i" "$proc_cg/$i" > /dev/null
	done
}

# read_cost FILE: instructions of a first whole read, of each read after,
# and the size
read_cost() {
	local out
	out=$(vzbc-bench read "$1" 10) || die "reading $1 failed"
	echo "${out#read }"
}

bench_proc() {
	local n=1000 f i one f1 n1 fn nn bytes
	declare -A at1 atn
	proc_cg=/sys/fs/cgroup/bench-proc
	grep -q '^vzbc ' /proc/modules || insmod "$VZBC_KO"
	mkdir -p "$proc_cg"
	echo "+memory +pids" > /sys/fs/cgroup/cgroup.subtree_control
	echo "+memory +pids" > "$proc_cg/cgroup.subtree_control"
	local files=(/proc/user_beancounters /proc/bc/resources /proc/bc/1001/resources /proc/vz/veinfo)
	register_many 1001 1001
	for f in "${files[@]}"; do at1[$f]=$(read_cost "$f"); done
	register_many 1002 $((1000 + n))
	one=$(vzbc-ioctl list 0) || die "vzbc-ioctl list failed"
	[ "${one%:}" = "$n" ] || die "$n containers registered, the module lists ${one%:}"
	[ "$(grep -c '^ *[0-9]*: *kmemsize' /proc/user_beancounters)" = "$n" ] ||
		die "/proc/user_beancounters does not show $n containers"
	for f in "${files[@]}"; do atn[$f]=$(read_cost "$f"); done
	{
	echo
	echo "kernel $(uname -r), $(mitigations); instructions per whole read (guest ns, icount)"
	echo
	echo "| file | 1 container: first read, next | $n containers: first read, next | bytes with $n |"
	echo "|---|---:|---:|---:|"
	for f in "${files[@]}"; do
		read -r f1 n1 _ <<< "${at1[$f]}"
		read -r fn nn bytes <<< "${atn[$f]}"
		printf '| %s | %s, %s | %s, %s | %s |\n' "$f" "$f1" "$n1" "$fn" "$nn" "$bytes"
	done
	echo
	} | tee "$VZBC_RESULTS/bench-proc-$(uname -r).md"
	for ((i = 1001; i <= 1000 + n; i++)); do
		vzbc-ioctl unregister "$i" > /dev/null
		rmdir "$proc_cg/$i"
	done
}

for part in ${parts//,/ }; do
	case $part in
	ops) bench_ops ;;
	proc) bench_proc ;;
	view)
		ctid=102 ct_create
		"$(dirname "$0")/bench-view.sh" 102 ;;
	ct)
		grep -q '^vzbc ' /proc/modules || insmod "$VZBC_KO"
		"$(dirname "$0")/bench-ct.sh" start ;;
	net)
		grep -q '^vzbc ' /proc/modules || insmod "$VZBC_KO"
		ctid=103 ct_create
		"$(dirname "$0")/bench-net.sh" 103 ;;
	scale)
		grep -q '^vzbc ' /proc/modules || insmod "$VZBC_KO"
		"$(dirname "$0")/bench-ct.sh" scale "${VZBC_BENCH_CTS:-1000}" ;;
	*) die "unknown part $part" ;;
	esac
done
