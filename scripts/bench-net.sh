#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "make bench", part "net" (scripts/bench.sh runs it in the VM, icount
# mode, the module loaded): what a container's venet costs per packet, and
# what its addresses cost vzctl.
#
# A "client" network namespace stands for the LAN, joined to the host by a
# veth pair (uplink0 on the host, the container's addresses proxied on it,
# as tests/vm/venet.bats does). From it, "vzbc-bench tcp" runs TCP round
# trips of 64 bytes each way and a stream of 1 KiB messages to a
# "vzbc-bench serve" that is
#
#   (a) a process on the host (uplink0's own address);
#   (b) a process in the busybox container, behind a venet pair made here
#       by hand just as vzctl makes it (a veth pair venetCTID/venet0 with
#       the same MAC and flags, the address /32 inside with a default
#       route, the host's route and sysctls, the proxy entry on uplink0),
#       but without the module's claim and without its netfilter hooks;
#   (c) the same process in the same container behind the pair vzctl made
#       (vzctl set --ipadd): the module owns the address and its hooks on
#       the host end check every packet the container sends and count both
#       ways. Measured before (b) and after it.
#
# Figures are guest ns per round trip or message: in icount mode the
# instructions the one vCPU ran, both ends and the path between.
#
# Before a figure is taken the bench checks what it claims: (b)'s state is
# (c)'s (links, addresses, routes, proxy entries, sysctls compared
# line by line), the module knows no device and no address of the
# container in (b) and its /proc/vz/netstat counters stay still while the
# pair's own counters move by the bytes sent; in (c) the module's device is
# the pair's host end, it owns the address, and its counters move by at
# least the bytes the client sent and received, with nothing dropped.
#
# Then vzctl: the time of "vzctl set --ipadd" on the running container,
# and of "vzctl start" with three addresses against none (guest time and
# busy instructions, as scripts/bench-ct.sh; the duplicate-address probe
# of each address listens on the wire for a second: idle guest time).
set -euo pipefail
shopt -s inherit_errexit	# a failure in $(...) fails it too

die() { echo "bench-net: $*" >&2; exit 1; }

ctid=${1:?usage: bench-net.sh CTID (created by bench.sh, stopped)}
hname=venet$ctid
lan=10.9.0
addr=$lan.101
three="$lan.101 $lan.102 $lan.103"
port=7000
runs=3

ns() { date +%s%N; }
busy() { awk '$1 == "cpu0" { print $8 }' /proc/schedstat; }
m() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1e6 }'; }
pct() { awk -v x="$1" -v base="$2" 'BEGIN { printf "%+.1f%%", (x - base) * 100 / base }'; }

init_pid() {
	local pid
	pid=$(head -1 "/sys/fs/cgroup/vzbc/$ctid/cgroup.procs") || die "container $ctid has no tasks"
	[ -n "$pid" ] || die "container $ctid has no tasks"
	echo "$pid"
}
ct_net() { nsenter --net="/proc/$(init_pid)/ns/net" "$@"; }

lan_setup() {
	modprobe veth
	ip netns add client
	ip link add uplink0 type veth peer name eth0 netns client
	ip addr add "$lan.1/24" dev uplink0
	ip link set uplink0 up
	ip -n client link set lo up
	ip -n client addr add "$lan.2/24" dev eth0
	ip -n client link set eth0 up
}

lan_cleanup() {
	ip link del uplink0	# eth0 in the client's namespace with it
	ip netns del client
}

# netinfo: "IFINDEX COUNT ADDRESSES..." of the container, from the module
netinfo() {
	local out
	out=$(vzbc-ioctl netinfo "$ctid") || die "vzbc-ioctl netinfo $ctid failed"
	sed -E 's/^count=([0-9]+) ifindex=([0-9]+) .*:(.*)$/\2 \1\3/' <<< "$out"
}

# counters: the container's in, out and drop bytes in /proc/vz/netstat
counters() {
	local c
	c=$(awk -v c="$ctid" '$1 == c { print $2, $4, $6 }' /proc/vz/netstat)
	[ -n "$c" ] || die "container $ctid has no line in /proc/vz/netstat"
	echo "$c"
}

# dev_bytes DEV: received and sent bytes of a host device
dev_bytes() {
	echo "$(cat "/sys/class/net/$1/statistics/rx_bytes") $(cat "/sys/class/net/$1/statistics/tx_bytes")"
}

# the state vzctl gives a venet address, the device indexes and the peer's
# namespace id left out: what (b) must reproduce
venet_state() {
	local norm='s/^[0-9]+: //; s/@if[0-9]+//; s/ link-netns(id|) [^ ]+//; s/\\ *$//'
	ip -d -o link show dev "$hname" | sed -E "$norm"
	ct_net ip -d -o link show dev venet0 | sed -E "$norm"
	ct_net ip -4 -o addr show dev venet0 | sed -E "$norm"
	ct_net ip -4 route show
	ip -4 route show dev "$hname"
	ip neigh show proxy
	echo "ip_forward $(cat /proc/sys/net/ipv4/ip_forward)"
	echo "rp_filter $(cat "/proc/sys/net/ipv4/conf/$hname/rp_filter")"
	echo "accept_ra $(cat "/proc/sys/net/ipv6/conf/$hname/accept_ra")"
}

# the pair and the address by hand, as tools/lib/venet.c makes them, with
# neither the module's claim nor its hooks
venet_by_hand() {
	local mac=$1
	ip link add "$hname" address "$mac" type veth peer name venet0 address "$mac" \
		netns "$(init_pid)"
	ip link set "$hname" arp off up
	echo 1 > "/proc/sys/net/ipv4/conf/$hname/rp_filter"
	echo 0 > "/proc/sys/net/ipv6/conf/$hname/accept_ra"
	ct_net ip link set venet0 arp off multicast on up
	ct_net ip addr add "$addr/32" dev venet0
	ct_net ip route add default dev venet0 proto 118 scope link
	echo 1 > /proc/sys/net/ipv4/ip_forward
	ip route add "$addr/32" dev "$hname" proto 118 scope link
	ip neigh add proxy "$addr" dev uplink0
}

# packets: what crossed uplink0 both ways (every configuration's path)
packets() {
	echo $(( $(cat /sys/class/net/uplink0/statistics/rx_packets) +
		$(cat /sys/class/net/uplink0/statistics/tx_packets) ))
}

# tcp NAME DEST SERVER...: the client's workloads against SERVER (started
# here, "ready" once it listens) at DEST; figures into cost[NAME.rr] and
# the others, payload bytes into sent[NAME], received[NAME], packets on
# the wire per operation into wire[NAME.rr], wire[NAME.stream]
declare -A cost busyns sent received wire
tcp() {
	local name=$1 dest=$2 line out op t b s r n k p0 p1 srv
	shift 2
	sleep 1		# what the last step left to kernel threads runs now
	coproc SRV { exec "$@"; }
	srv=$SRV_PID	# unset once it exits
	read -r line <&"${SRV[0]}" || die "$name: the server did not start"
	[ "$line" = ready ] || die "$name: the server said '$line'"
	sent[$name]=0 received[$name]=0
	for op in rr stream; do
		p0=$(packets)
		out=$(ip netns exec client vzbc-bench-static tcp "$dest" "$port" "$op") ||
			die "$name: the client's $op failed"
		p1=$(packets)
		echo "bench-net: ($name) $out, $((p1 - p0)) packets" >&2
		read -r k t b s r n <<< "$out"
		if [ "$k" != "$op" ] || [ -z "$n" ]; then
			die "$name: the client printed '$out'"
		fi
		cost[$name.$op]=$t busyns[$name.$op]=$b
		wire[$name.$op]=$(awk -v p=$((p1 - p0)) -v n="$n" 'BEGIN { printf "%.2f", p / n }')
		sent[$name]=$((sent[$name] + s)) received[$name]=$((received[$name] + r))
	done
	wait "$srv" || die "$name: the server failed"
}

# moved_at_least WHAT BEFORE AFTER MIN: AFTER - BEFORE >= MIN
moved_at_least() {
	[ $(($3 - $2)) -ge "$4" ] || die "$1 moved by $(($3 - $2)), less than $4"
}

# (c): the module's hooks on the pair vzctl made, counting the traffic
measure_c() {
	local name=$1 idx info c in0 out0 drop0 in1 out1 drop1
	idx=$(cat "/sys/class/net/$hname/ifindex")
	info=$(netinfo)
	[ "$info" = "$idx 1 $addr" ] ||
		die "(c): the module has '$info', not $hname's index $idx and $addr"
	grep -Eq "^ *$addr +$ctid\$" /proc/vz/veip || die "(c): $addr is not $ctid's in /proc/vz/veip"
	c=$(counters)
	read -r in0 out0 drop0 <<< "$c"
	tcp "$name" "$addr" vzctl exec "$ctid" /bin/vzbc-bench serve "$port" 2
	c=$(counters)
	read -r in1 out1 drop1 <<< "$c"
	moved_at_least "(c): the container's in_bytes" "$in0" "$in1" "${sent[$name]}"
	moved_at_least "(c): the container's out_bytes" "$out0" "$out1" "${received[$name]}"
	[ "$drop0" = "$drop1" ] || die "(c): the module dropped $((drop1 - drop0)) bytes"
}

measure_b() {
	local c0 c1 d rx0 tx0 rx1 tx1
	[ "$(netinfo)" = "0 0" ] || die "(b): the module still has a device or an address: $(netinfo)"
	! grep -q " $addr " /proc/vz/veip || die "(b): $addr is claimed in /proc/vz/veip"
	c0=$(counters)
	d=$(dev_bytes "$hname")
	read -r rx0 tx0 <<< "$d"
	tcp b "$addr" vzctl exec "$ctid" /bin/vzbc-bench serve "$port" 2
	c1=$(counters)
	d=$(dev_bytes "$hname")
	read -r rx1 tx1 <<< "$d"
	[ "$c0" = "$c1" ] || die "(b): the module counted traffic: '$c0' then '$c1'"
	# the host end sends what the container receives
	moved_at_least "(b): $hname's tx_bytes" "$tx0" "$tx1" "${sent[b]}"
	moved_at_least "(b): $hname's rx_bytes" "$rx0" "$rx1" "${received[b]}"
}

measure_a() {
	local d rx0 tx0 rx1 tx1
	d=$(dev_bytes uplink0)
	read -r rx0 tx0 <<< "$d"
	tcp a "$lan.1" vzbc-bench-static serve "$port" 2
	d=$(dev_bytes uplink0)
	read -r rx1 tx1 <<< "$d"
	moved_at_least "(a): uplink0's rx_bytes" "$rx0" "$rx1" "${sent[a]}"
	moved_at_least "(a): uplink0's tx_bytes" "$tx0" "$tx1" "${received[a]}"
}

# ipadd: vzctl set --ipadd on the running container; guest, busy ns
ipadd() {
	local t0 b0
	t0=$(ns) b0=$(busy)
	vzctl set "$ctid" --ipadd "$addr" > /dev/null
	echo "$(( $(ns) - t0 )) $(( $(busy) - b0 ))"
}

# start_cost N: vzctl start with the N first of $three saved; guest, busy
# ns; checked to hold them, then stopped
start_cost() {
	local n=$1 t0 b0 t b idx info a args=()
	local -a want
	read -r -a want <<< "$three"
	want=("${want[@]:0:n}")
	vzctl set "$ctid" --ipdel all --save > /dev/null
	for a in "${want[@]}"; do args+=(--ipadd "$a"); done
	if [ "$n" -gt 0 ]; then
		vzctl set "$ctid" "${args[@]}" --save > /dev/null
	fi
	sleep 1
	t0=$(ns) b0=$(busy)
	vzctl start "$ctid" > /dev/null
	t=$(( $(ns) - t0 )) b=$(( $(busy) - b0 ))
	info=$(netinfo)
	if [ "$n" = 0 ]; then	# no address, no pair
		[ ! -e "/sys/class/net/$hname" ] || die "start with no address made $hname"
		idx=0
	else
		idx=$(cat "/sys/class/net/$hname/ifindex")
	fi
	[[ $info == "$idx $n"* ]] || die "start with $n addresses: the module has '$info'"
	for a in "${want[@]}"; do
		[[ "$info " == *" $a "* ]] || die "start with $n addresses: $a not in '$info'"
	done
	vzctl stop "$ctid" --fast > /dev/null
	echo "$t $b"
}

bench_net() {
	local mac state_c state_b t b i st sb t0 b0 t3 b3 ipadd1 ipadd2 keep out
	lan_setup
	# the start figures below need the charge points attached at every
	# start: another registered container keeps them (bench-ct.sh)
	keep=/sys/fs/cgroup/bench-net-keep
	mkdir "$keep"
	vzbc-ioctl register 198 "$keep" > /dev/null
	vzctl set "$ctid" --ipdel all --save > /dev/null
	vzctl start "$ctid" > /dev/null
	# an exec right after the start may come before init is there to join
	for _ in $(seq 100); do
		vzctl exec "$ctid" true 2> /dev/null && break
		sleep 0.1
	done
	vzctl exec "$ctid" true || die "cannot run a command in container $ctid"

	measure_a
	ipadd1=$(ipadd)
	state_c=$(venet_state)
	measure_c c1

	# (b): vzctl's address and pair go (the hooks with the pair), the
	# same made by hand
	mac=$(cat "/sys/class/net/$hname/address")
	vzctl set "$ctid" --ipdel all > /dev/null
	ip link del "$hname"
	venet_by_hand "$mac"
	state_b=$(venet_state)
	[ "$state_b" = "$state_c" ] ||
		die "(b) is not vzctl's plumbing: $(diff <(echo "$state_c") <(echo "$state_b") || true)"
	measure_b

	ip link del "$hname"	# its routes go with it
	ip neigh del proxy "$addr" dev uplink0
	ipadd2=$(ipadd)
	measure_c c
	vzctl stop "$ctid" --fast > /dev/null

	# vzctl start without and with three addresses, alternately
	st=0 sb=0 t3=0 b3=0
	for ((i = 0; i < runs; i++)); do
		out=$(start_cost 0)
		read -r t b <<< "$out"
		st=$((st + t)) sb=$((sb + b))
		out=$(start_cost 3)
		read -r t b <<< "$out"
		t3=$((t3 + t)) b3=$((b3 + b))
	done
	vzctl set "$ctid" --ipdel all --save > /dev/null
	vzbc-ioctl unregister 198 > /dev/null
	rmdir "$keep"
	lan_cleanup

	read -r t0 b0 <<< "$ipadd1"
	read -r t b <<< "$ipadd2"
	out="$VZBC_RESULTS/bench-net-$(uname -r)-$(grep -qw mitigations=off /proc/cmdline && echo nomit || echo mit).md"
	{
	echo
	echo "kernel $(uname -r), $(grep -qw mitigations=off /proc/cmdline && echo mitigations=off || echo default mitigations); TCP from a client namespace over uplink0, guest ns (instructions) per operation"
	echo
	echo "| workload | (a) host process | (b) CT, venet by hand, no hook: vs (a) | (c) CT, vzctl's venet + hook: vs (b) | (c) measured before (b): vs (b) |"
	echo "|---|---:|---:|---:|---:|"
	for op in rr stream; do
		printf '| %s | %s | %s (%s) | %s (%s) | %s (%s) |\n' \
			"$([ $op = rr ] && echo "round trip, 64 B each way" || echo "stream, per 1 KiB message")" \
			"${cost[a.$op]}" \
			"${cost[b.$op]}" "$(pct "${cost[b.$op]}" "${cost[a.$op]}")" \
			"${cost[c.$op]}" "$(pct "${cost[c.$op]}" "${cost[b.$op]}")" \
			"${cost[c1.$op]}" "$(pct "${cost[c1.$op]}" "${cost[b.$op]}")"
	done
	echo
	echo "packets on uplink0 per operation (a, b, c): round trip ${wire[a.rr]}, ${wire[b.rr]}, ${wire[c.rr]}; stream ${wire[a.stream]}, ${wire[b.stream]}, ${wire[c.stream]}"
	echo
	echo "busy (not idle) ns per operation: $(for k in a b c c1; do for op in rr stream; do printf '%s.%s %s ' $k $op "${busyns[$k.$op]}"; done; done)"
	echo
	echo "| vzctl | guest time (M) | busy (M) |"
	echo "|---|---:|---:|"
	echo "| set --ipadd, running container (first, second) | $(m "$t0"), $(m "$t") | $(m "$b0"), $(m "$b") |"
	echo "| start, no address ($runs runs) | $(m $((st / runs))) | $(m $((sb / runs))) |"
	echo "| start, three addresses ($runs runs) | $(m $((t3 / runs))) | $(m $((b3 / runs))) |"
	echo
	} | tee "$out"
}

bench_net
