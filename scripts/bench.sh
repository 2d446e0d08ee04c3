#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "make bench", run inside the VM in icount mode by scripts/vm-run: the cost
# per operation of the paths vzbc hooks, (a) without the module, (b) with
# the module loaded and the process on the host, with no container and with
# one registered, (c) inside a container with limits set. Prints a markdown
# table; the figures are guest nanoseconds = instructions.
set -euo pipefail
cg=/sys/fs/cgroup/bench

bench() { vzbc-bench; }

declare -A a b0 b1 c
while read -r op v; do a[$op]=$v; done < <(bench)

insmod "$VZBC_KO"
while read -r op v; do b0[$op]=$v; done < <(bench)

mkdir -p "$cg"
vzbc-ioctl register 101 "$cg" >/dev/null
# limits on every resource a charge point checks, high enough not to be
# hit: privvmpages and lockedpages make each growth of an address space
# sum the container's (walk the host's processes)
vzbc-ioctl set 101 numproc 10000 10000 numfile 100000 100000 \
	numtcpsock 10000 10000 numothersock 10000 10000 numflock 10000 10000 \
	numpty 1000 1000 privvmpages 1000000 1000000 lockedpages 100000 100000 \
	physpages 0 200000 >/dev/null
while read -r op v; do b1[$op]=$v; done < <(bench)

while read -r op v; do c[$op]=$v; done < <(bash -c 'echo $$ > '"$cg"'/cgroup.procs && exec vzbc-bench')

pct() { awk -v x="$1" -v base="$2" 'BEGIN { printf "%+.1f%%", (x - base) * 100 / base }'; }

{
echo
echo "kernel $(uname -r), guest ns per op = instructions (QEMU icount shift=0)"
echo
echo "| operation | (a) no module | (b) host, no CT | (b) host, CT registered | (c) in limited CT |"
echo "|---|---:|---:|---:|---:|"
for op in fork open socket mmap flock; do
	printf '| %s | %s | %s (%s) | %s (%s) | %s (%s) |\n' "$op" "${a[$op]}" \
		"${b0[$op]}" "$(pct "${b0[$op]}" "${a[$op]}")" \
		"${b1[$op]}" "$(pct "${b1[$op]}" "${a[$op]}")" \
		"${c[$op]}" "$(pct "${c[$op]}" "${a[$op]}")"
done
echo
} | tee "$VZBC_RESULTS/bench-$(uname -r).md"
vzbc-ioctl unregister 101 > /dev/null || true
rmdir "$cg" 2>/dev/null || true
"$(dirname "$0")/bench-ct.sh"
