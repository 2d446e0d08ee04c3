#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "make bench", run inside the VM in icount mode by scripts/vm-run: the cost
# per operation of the paths vzbc hooks, in instructions (guest ns):
#
#   (a)  no module loaded;
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
# VZBC_BENCH (kernel command line, --append) picks the parts: "ops" (the
# table), "ct" (container start, stop, memory: scripts/bench-ct.sh) or
# both, "ops,ct" (the default).
set -euo pipefail

die() { echo "bench: $*" >&2; exit 1; }

parts=${VZBC_BENCH:-ops,ct}
ctid=101
ops=(fork open tcp udp mmap flock)
# limits on every resource a charge point checks, high enough not to be
# hit; privvmpages and lockedpages make each growth of an address space sum
# the container's
limits=(numproc 10000 numfile 100000 numtcpsock 10000 numothersock 10000
	numflock 10000 numpty 1000 privvmpages 1000000 lockedpages 100000)
# the charge points the measured operations pass
hooked=(copy_process bpf_lsm_task_alloc bpf_lsm_task_free
	bpf_lsm_file_alloc_security bpf_lsm_file_free_security
	bpf_lsm_socket_post_create bpf_lsm_sk_free_security may_expand_vm
	bpf_lsm_file_lock locks_copy_lock locks_release_private)

mitigations() {
	if grep -qw mitigations=off /proc/cmdline; then
		echo "mitigations=off"
	else
		echo "default mitigations (spectre_v2: $(cat /sys/devices/system/cpu/vulnerabilities/spectre_v2))"
	fi
}

# measure ARRAY CMD...: CMD prints "op value" lines; every op must be there
measure() {
	local -n into=$1
	local out op v
	shift
	out=$("$@") || die "$* failed"
	while read -r op v; do into[$op]=$v; done <<< "$out"
	for op in "${ops[@]}"; do
		[ -n "${into[$op]:-}" ] || die "$*: no figure for $op"
	done
}

# the container: busybox, limits saved in its config, then started
ct_setup() {
	local i args=() set=/proc/bc/$ctid/resources res want got
	mkdir -p /etc/vz/conf
	cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/
	cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
	"$VZBC_REPO/scripts/mk-template-busybox" > /dev/null
	vzctl create "$ctid" --ostemplate busybox > /dev/null
	install -m 0755 "$VZBC_REPO/build/tests/vzbc-bench-static" \
		"/vz/private/$ctid/bin/vzbc-bench"
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
	declare -A a b0 b1 c d50 d5k
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
	echo "| operation | (a) no module | (b) host, no CT | (b) host, CT running | (c) in the limited CT |"
	echo "|---|---:|---:|---:|---:|"
	for op in "${ops[@]}"; do
		printf '| %s | %s | %s (%s) | %s (%s) | %s (%s) |\n' "$op" "${a[$op]}" \
			"${b0[$op]}" "$(pct "${b0[$op]}" "${a[$op]}")" \
			"${b1[$op]}" "$(pct "${b1[$op]}" "${a[$op]}")" \
			"${c[$op]}" "$(pct "${c[$op]}" "${a[$op]}")"
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

for part in ${parts//,/ }; do
	case $part in
	ops) bench_ops ;;
	ct)
		grep -q '^vzbc ' /proc/modules || insmod "$VZBC_KO"
		"$(dirname "$0")/bench-ct.sh" ;;
	*) die "unknown part $part" ;;
	esac
done
