#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzbc.ko's networking (kernel/net_*.c): venet address ownership, the
# anti-spoofing check at the host end of a container's venet pair, the
# traffic counters, and their life cycle. Containers here are made by hand
# the way vzctl makes them: a registered cgroup, a network namespace, a
# veth pair whose container end is venet0 (no ARP, the same MAC on both
# ends, /32 and /128 addresses, default routes on the device) and whose
# host end carries the routes, with proxy ARP/NDP entries on an uplink to
# a "client" namespace that stands for the LAN.

load helpers

setup_file() {
	vzbc_load
	kmod_load veth
}

teardown() {
	net_cleanup
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

# the LAN, with the host routing for containers and answering for them
lan_setup() {
	net_lan_setup
	sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
		net.ipv6.conf.all.proxy_ndp=1 net.ipv6.conf.uplink0.proxy_ndp=1
}

# ct_net CTID: a container with LAN4.CTID and LAN6:CTID on its venet0,
# attached to the module, which owns both addresses for it
ct_net() {
	local id=$1 mac
	mac=$(printf '02:00:00:00:%02x:%02x' $((id / 256)) $((id % 256)))
	ct_register "$id"
	ip netns add "ct$id"
	ip link add "venet$id" address "$mac" type veth peer name venet0 \
		address "$mac" netns "ct$id"
	ip link set "venet$id" arp off up
	ip netns exec "ct$id" sysctl -qw net.ipv6.conf.venet0.router_solicitations=0
	ip -n "ct$id" link set lo up
	ip -n "ct$id" link set venet0 arp off up
	ip -n "ct$id" addr add "$LAN4.$id/32" dev venet0
	ip -n "ct$id" addr add "${LAN6}:$id/128" dev venet0 nodad
	ip -n "ct$id" route add default dev venet0
	ip -n "ct$id" -6 route add default dev venet0
	ip route add "$LAN4.$id/32" dev "venet$id"
	ip -6 route add "${LAN6}:$id/128" dev "venet$id"
	ip neigh add proxy "$LAN4.$id" dev uplink0
	ip -6 neigh add proxy "${LAN6}:$id" dev uplink0
	run vzbc-ioctl attach "$id" "/run/netns/ct$id" "venet$id"
	[ "$output" = "OK 0" ]
	run vzbc-ioctl addr "$id" add "$LAN4.$id" "${LAN6}:$id"
	[ "$output" = "OK 0" ]
}

# nsx NS CMD...: run CMD in network namespace NS
nsx() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# snmp NS PROTO FIELD: a counter of /proc/net/snmp (or snmp6) in NS
snmp() {
	local f=/proc/net/snmp
	[[ $2 == Icmp6* || $2 == Udp6* ]] && f=/proc/net/snmp6
	nsx "$1" awk -v p="$2" -v k="$3" '
		$1 == p ":" { if (!n) { for (i = 2; i <= NF; i++) col[$i] = i; n = 1 }
			      else print $col[k] }
		$1 == p k { print $2 }' "$f"
}

# netinfo CTID KEY: count, ifindex, state, in, out or drop (B/P) of CTID
netinfo() {
	vzbc-ioctl netinfo "$1" | tr ' :' '\n\n' | sed -n "s|^$2=||p"
}

# quiet CTID: wait until the container's counters stop moving (the link
# local traffic of a new interface), so what follows can be counted exactly
quiet() {
	local a b end=$((SECONDS + 20))
	a=$(vzbc-ioctl netinfo "$1")
	while [ "$SECONDS" -lt "$end" ]; do
		sleep 1.5
		b=$(vzbc-ioctl netinfo "$1")
		[ "$a" = "$b" ] && return 0
		a=$b
	done
	echo "counters of $1 still moving: $b" >&2
	return 1
}

@test "two containers reach each other, the host and the client, IPv4 and IPv6" {
	lan_setup
	ct_net 101
	ct_net 102
	nsx ct101 vzbc-net ping -c 2 "$LAN4.102"
	nsx ct101 vzbc-net ping -c 2 "${LAN6}:102"
	nsx ct102 vzbc-net ping -c 2 "$LAN4.1"
	nsx ct102 vzbc-net ping -c 2 "${LAN6}:1"
	# the client finds them through the host's proxy ARP and NDP
	nsx client vzbc-net ping -c 2 "$LAN4.101"
	nsx client vzbc-net ping -c 2 "${LAN6}:102"
	# no container's MAC on the LAN: the host answered for them
	run ip -n client neigh show "$LAN4.101"
	[[ $output == *"lladdr $(cat /sys/class/net/uplink0/address)"* ]]
	[ "$(netinfo 101 count)" = 2 ]
	[ "$(netinfo 101 ifindex)" = "$(cat /sys/class/net/venet101/ifindex)" ]
	[ "$(netinfo 101 state)" = 1 ]
	[ "$(netinfo 101 out | cut -d/ -f2)" -ge 6 ]
	[ "$(netinfo 101 in | cut -d/ -f2)" -ge 6 ]
}

@test "traffic counted exactly: bytes and packets in and out" {
	lan_setup
	ct_net 101
	quiet 101
	read -r in0 out0 drop0 < <(echo "$(netinfo 101 in) $(netinfo 101 out) $(netinfo 101 drop)")
	nsx client vzbc-net ping -c 5 -s 1000 "$LAN4.101"
	# 5 requests in, 5 replies out, each 20 + 8 + 1000 bytes of IP
	[ "$(netinfo 101 in)" = "$(( ${in0%/*} + 5140 ))/$(( ${in0#*/} + 5 ))" ]
	[ "$(netinfo 101 out)" = "$(( ${out0%/*} + 5140 ))/$(( ${out0#*/} + 5 ))" ]
	[ "$(netinfo 101 drop)" = "$drop0" ]
	# IPv6: 40 + 8 + 1000
	nsx client vzbc-net ping -c 3 -s 1000 "${LAN6}:101"
	[ "$(netinfo 101 in)" = "$(( ${in0%/*} + 5140 + 3144 ))/$(( ${in0#*/} + 8 ))" ]
	# /proc/vz/netstat shows the same figures
	run awk '$1 == 101 { print $2 "/" $3, $4 "/" $5, $6 "/" $7 }' /proc/vz/netstat
	[ "$output" = "$(netinfo 101 in) $(netinfo 101 out) $(netinfo 101 drop)" ]
	[ "$(head -1 /proc/vz/netstat)" = "Version: 1.0" ]
	[ "$(sed -n 2p /proc/vz/netstat | awk '{ print $1, $2, $7 }')" = "CTID in_bytes drop_packets" ]
}

@test "spoofing from inside is dropped and counted: other sources, packet sockets, ARP, VLAN" {
	lan_setup
	ct_net 101
	ct_net 102
	quiet 101
	drops=$(netinfo 101 drop | cut -d/ -f2)
	echos=$(snmp client Icmp InEchos)
	reps=$(snmp ct102 Icmp InEchoReps)
	noports=$(snmp client Udp NoPorts)
	noports6=$(snmp client Udp6 NoPorts)
	# root in 101 takes 102's address onto its venet0 and pings out with it
	ip -n ct101 addr add "$LAN4.102/32" dev venet0
	ip -n ct101 addr add "${LAN6}:102/128" dev venet0 nodad
	run nsx ct101 vzbc-net ping -c 3 -W 500 -I "$LAN4.102" "$LAN4.2"
	[ "$status" -eq 1 ]
	[ "$output" = "sent 3 received 0" ]
	run nsx ct101 vzbc-net ping -c 3 -W 500 -I "${LAN6}:102" "${LAN6}:2"
	[ "$output" = "sent 3 received 0" ]
	# the same through a packet socket, past its own IP stack
	nsx ct101 vzbc-net send venet0 ip4 "$LAN4.102" "$LAN4.2" -c 4
	nsx ct101 vzbc-net send venet0 ip6 "${LAN6}:102" "${LAN6}:2" -c 4
	nsx ct101 vzbc-net send venet0 ip4 "$LAN4.77" "$LAN4.2" -c 4
	# its own address in a VLAN tag, and ARP replies for 102's address
	nsx ct101 vzbc-net send venet0 vlan "$LAN4.101" "$LAN4.2" -c 4
	nsx ct101 vzbc-net send venet0 arp-reply "$LAN4.102" -c 4
	sleep 1
	# neither the client nor 102 saw any of it
	[ "$(snmp client Icmp InEchos)" = "$echos" ]
	[ "$(snmp ct102 Icmp InEchoReps)" = "$reps" ]
	[ "$(snmp client Udp NoPorts)" = "$noports" ]
	[ "$(snmp client Udp6 NoPorts)" = "$noports6" ]
	run ip neigh show "$LAN4.102"
	[[ $output != *venet101* ]]
	# 3 + 3 pings, 4 * 5 frames
	[ "$(netinfo 101 drop | cut -d/ -f2)" -ge $((drops + 26)) ]
	grep -q "container 101: dropped a packet from $LAN4.102 to $LAN4.2: not its address" <(dmesg)
	# its own address still goes through, by either way
	nsx ct101 vzbc-net send venet0 ip4 "$LAN4.101" "$LAN4.2" -c 4
	nsx ct101 vzbc-net ping -c 2 -I "$LAN4.101" "$LAN4.2"
	sleep 1
	[ "$(snmp client Udp NoPorts)" = "$((noports + 4))" ]
	# and 102 keeps its address
	nsx client vzbc-net ping -c 2 "$LAN4.102"
}

@test "an address belongs to one container: EADDRINUSE, all or nothing, races have one winner" {
	lan_setup
	ct_net 101
	ct_net 102
	run vzbc-ioctl addr 102 add "$LAN4.101"
	[ "$output" = EADDRINUSE ]
	run vzbc-ioctl addr 102 add "${LAN6}:101"
	[ "$output" = EADDRINUSE ]
	# one taken address spoils the whole request
	run vzbc-ioctl addr 102 add 192.0.2.1 "$LAN4.101" 192.0.2.2
	[ "$output" = EADDRINUSE ]
	[ "$(vzbc-ioctl netinfo 102 | sed 's/^[^:]*://')" = " $LAN4.102 ${LAN6}:102" ]
	# claiming again what it owns changes nothing
	run vzbc-ioctl addr 101 add "$LAN4.101"
	[ "$output" = "OK 0" ]
	[ "$(netinfo 101 count)" = 2 ]
	# release one, then the other container may take it
	run vzbc-ioctl addr 101 del "$LAN4.101"
	[ "$output" = "OK 0" ]
	run vzbc-ioctl addr 101 del "$LAN4.101"
	[ "$output" = EADDRNOTAVAIL ]
	run vzbc-ioctl addr 102 add "$LAN4.101"
	[ "$output" = "OK 0" ]
	run vzbc-ioctl addr 102 del "$LAN4.101" "${LAN6}:101"
	[ "$output" = EADDRNOTAVAIL ]
	[ "$(netinfo 102 count)" = 3 ]
	# two claimants racing for the same fresh addresses: one wins each
	for i in $(seq 1 20); do
		vzbc-ioctl addr 101 add "192.0.2.$i" "2001:db8::$i" > "$BATS_TEST_TMPDIR/a.$i" &
		vzbc-ioctl addr 102 add "2001:db8::$i" "192.0.2.$i" > "$BATS_TEST_TMPDIR/b.$i" &
	done
	wait
	for i in $(seq 1 20); do
		r="$(cat "$BATS_TEST_TMPDIR/a.$i") $(cat "$BATS_TEST_TMPDIR/b.$i")"
		[ "$r" = "OK 0 EADDRINUSE" ] || [ "$r" = "EADDRINUSE OK 0" ] || { echo "$i: $r"; false; }
	done
	[ $(( $(netinfo 101 count) + $(netinfo 102 count) )) -eq $((1 + 3 + 40)) ]
	run vzbc-ioctl addr 101 delall
	[ "$output" = "OK 0" ]
	[ "$(netinfo 101 count)" = 0 ]
	# what 101 no longer owns it can no longer send from
	run nsx ct101 vzbc-net ping -c 1 -W 500 "$LAN4.2"
	[ "$output" = "sent 1 received 0" ]
}

@test "bad address requests are EINVAL and change nothing" {
	lan_setup
	ct_net 101
	before=$(vzbc-ioctl netinfo 101 | sed 's/ in=.*:/:/')
	for a in 0.0.0.0 0.1.2.3 127.0.0.1 169.254.1.1 224.0.0.1 239.1.1.1 240.0.0.1 \
		 255.255.255.255 :: ::1 ::ffff:10.9.0.5 ::10.9.0.5 fe80::1 ff02::1 ff05::2 \
		 raw:2:0a09000500000000000000000000ff00 raw:10:fd090000000000000000000000000005:1:0 \
		 raw:2:0a090005000000000000000000000000:0:1 raw:0:0a090005000000000000000000000000 \
		 raw:17:0a090005000000000000000000000000; do
		run vzbc-ioctl addr 101 add 192.0.2.50 "$a"
		[ "$output" = EINVAL ] || { echo "$a: $output"; false; }
		run vzbc-ioctl addr 101 del "$LAN4.101" "$a"
		[ "$output" = EINVAL ] || { echo "del $a: $output"; false; }
	done
	# an address twice, counts out of range, an unknown op, DEL_ALL with addresses
	run vzbc-ioctl addr 101 add 192.0.2.50 192.0.2.50
	[ "$output" = EINVAL ]
	run vzbc-ioctl addr 101 del "$LAN4.101" "$LAN4.101"
	[ "$output" = EINVAL ]
	run vzbc-ioctl addr 101 add 192.0.2.50 --count 0
	[ "$output" = EINVAL ]
	run vzbc-ioctl addr 101 add 192.0.2.50 --count 1025
	[ "$output" = EINVAL ]
	run vzbc-ioctl addr 101 delall 192.0.2.50
	[ "$output" = EINVAL ]
	run vzbc-ioctl addr 101 delall --count 1
	[ "$output" = EINVAL ]
	for op in 0 4 255 4294967295; do
		run vzbc-ioctl addr 101 "$op" 192.0.2.50
		[ "$output" = EINVAL ]
	done
	run vzbc-ioctl addr 101 add 192.0.2.50 --bad-pointer
	[ "$output" = EFAULT ]
	run vzbc-ioctl addr 0 add 192.0.2.50
	[ "$output" = EINVAL ]
	run vzbc-ioctl addr 999 add 192.0.2.50
	[ "$output" = ENOENT ]
	[ "$(vzbc-ioctl netinfo 101 | sed 's/ in=.*:/:/')" = "$before" ]
	# a registered container with no namespace attached cannot claim
	ct_register 103
	run vzbc-ioctl addr 103 add 192.0.2.50
	[ "$output" = ENXIO ]
	run vzbc-ioctl addr 103 del 192.0.2.50
	[ "$output" = EADDRNOTAVAIL ]
	run vzbc-ioctl netinfo 103
	[ "$output" = "count=0 ifindex=0 state=0 in=0/0 out=0/0 drop=0/0:" ]
}

@test "at most VZBC_NET_MAX_ADDRS (1024) addresses a container: ENOSPC, all or nothing" {
	lan_setup
	ct_net 101
	addrs=()
	for i in $(seq 0 1021); do
		addrs+=("198.18.$((i / 200)).$((i % 200 + 1))")
	done
	run vzbc-ioctl addr 101 add "${addrs[@]}"
	[ "$output" = "OK 0" ]
	[ "$(netinfo 101 count)" = 1024 ]
	run vzbc-ioctl addr 101 add 192.0.2.1
	[ "$output" = ENOSPC ]
	run vzbc-ioctl addr 101 del 198.18.0.1 198.18.0.2
	[ "$output" = "OK 0" ]
	[ "$(netinfo 101 count)" = 1022 ]
	run vzbc-ioctl addr 101 add 192.0.2.1 192.0.2.2 192.0.2.3
	[ "$output" = ENOSPC ]
	[ "$(netinfo 101 count)" = 1022 ]
	run vzbc-ioctl addr 101 add 192.0.2.1 192.0.2.2
	[ "$output" = "OK 0" ]
	# netinfo fills what fits and tells how many there are
	run vzbc-ioctl netinfo 101 3
	[[ $output == "count=1024 "*": $LAN4.101 ${LAN6}:101 198.18.0.3" ]]
	# all of them in /proc/vz/veip, with their owner
	[ "$(grep -c ' 101$' /proc/vz/veip)" = 1024 ]
}

@test "attach: bad arguments refused, nothing attached" {
	lan_setup
	ct_net 101
	ct_register 102
	ip netns add ct102
	ip link add venet102 type veth peer name venet0 netns ct102
	ip link add other0 type veth peer name other1
	ip link add vzdummy0 type dummy 2>/dev/null || ip link add vzdummy0 type bridge
	run vzbc-ioctl attach 102 /run/netns/ct102 lo
	[ "$output" = EINVAL ]			# not a veth
	run vzbc-ioctl attach 102 /run/netns/ct102 vzdummy0
	[ "$output" = EINVAL ]
	run vzbc-ioctl attach 102 /run/netns/ct102 other0
	[ "$output" = EINVAL ]			# its peer is not in the namespace
	run vzbc-ioctl attach 102 /proc/self/ns/net venet102
	[ "$output" = EINVAL ]			# the caller's own namespace
	run vzbc-ioctl attach 102 /dev/null venet102
	[ "$output" = EINVAL ]			# not a namespace
	run vzbc-ioctl attach 102 /proc/self/ns/uts venet102
	[ "$output" = EINVAL ]
	run vzbc-ioctl attach 102 -fd 99 venet102
	[ "$output" = EBADF ]
	run vzbc-ioctl attach 102 -fd -1 venet102
	[ "$output" = EBADF ]
	run vzbc-ioctl attach 102 /run/netns/ct102 999999
	[ "$output" = ENODEV ]
	run vzbc-ioctl attach 0 /run/netns/ct102 venet102
	[ "$output" = EINVAL ]
	run vzbc-ioctl attach 999 /run/netns/ct102 venet102
	[ "$output" = ENOENT ]
	# 101's namespace or device, for 102
	run vzbc-ioctl attach 102 /run/netns/ct101 venet101
	[ "$output" = EBUSY ]
	[ "$(vzbc-ioctl netinfo 102)" = "count=0 ifindex=0 state=0 in=0/0 out=0/0 drop=0/0:" ]
	# the right request works; repeated, it changes nothing
	run vzbc-ioctl attach 102 /run/netns/ct102 venet102
	[ "$output" = "OK 0" ]
	run vzbc-ioctl attach 102 /run/netns/ct102 venet102
	[ "$output" = "OK 0" ]
	# 101 is tied to its namespace and device: no other while they live
	ip netns add ct199
	ip link add venet199 type veth peer name venet0 netns ct199
	run vzbc-ioctl attach 101 /run/netns/ct199 venet199
	[ "$output" = EBUSY ]
	[ "$(netinfo 101 ifindex)" = "$(cat /sys/class/net/venet101/ifindex)" ]
	ip link del vzdummy0
}

@test "the host end goes: the check goes with it; a new pair attaches, the addresses stayed" {
	lan_setup
	ct_net 101
	ip link del venet101
	[ "$(netinfo 101 ifindex)" = 0 ]
	[ "$(netinfo 101 state)" = 1 ]
	[ "$(netinfo 101 count)" = 2 ]
	# vzctl would make the pair again
	ip link add venet101 address 02:00:00:00:00:65 type veth peer name venet0 \
		address 02:00:00:00:00:65 netns ct101
	ip link set venet101 arp off up
	ip -n ct101 link set venet0 arp off up
	ip -n ct101 addr add "$LAN4.101/32" dev venet0
	ip -n ct101 route add default dev venet0
	ip route add "$LAN4.101/32" dev venet101
	run vzbc-ioctl attach 101 /run/netns/ct101 venet101
	[ "$output" = "OK 0" ]
	nsx client vzbc-net ping -c 2 "$LAN4.101"
	drops=$(netinfo 101 drop | cut -d/ -f2)
	nsx ct101 vzbc-net send venet0 ip4 10.9.0.66 "$LAN4.2" -c 3
	[ "$(netinfo 101 drop | cut -d/ -f2)" -ge $((drops + 3)) ]
}

@test "the namespace exits (the container halted): addresses released, hooks gone" {
	lan_setup
	ct_net 101
	ct_net 102
	nsx client vzbc-net ping -c 1 "$LAN4.101"
	# a process of the container holds its namespace, as init would
	ip netns exec ct101 sleep 1000 3>&- &
	pid=$!
	for _ in $(seq 100); do
		[ -n "$(ip netns pids ct101)" ] && break
		sleep 0.1
	done
	[ "$(ip netns pids ct101)" = "$pid" ]
	ip netns del ct101
	sleep 1
	[ "$(netinfo 101 count)" = 2 ]
	kill "$pid"
	wait "$pid" || true
	# the namespace's cleanup runs in a worker: wait for it
	for _ in $(seq 100); do
		[ "$(netinfo 101 count)" = 0 ] && break
		sleep 0.1
	done
	[ "$(vzbc-ioctl netinfo 101 | cut -d' ' -f1-3)" = "count=0 ifindex=0 state=0" ]
	[ ! -e /sys/class/net/venet101 ]
	run awk '$1 == 101' /proc/vz/veinfo
	[ "$(echo "$output" | wc -w)" = 3 ]
	# the counters stay until the container is unregistered
	[ "$(netinfo 101 in | cut -d/ -f2)" -ge 1 ]
	[ "$(netinfo 101 out | cut -d/ -f2)" -ge 1 ]
	# another container may take the addresses now
	run vzbc-ioctl addr 102 add "$LAN4.101" "${LAN6}:101"
	[ "$output" = "OK 0" ]
	# and 101 can start again with a new namespace
	ip netns add ct101
	ip link add venet101 type veth peer name venet0 netns ct101
	run vzbc-ioctl attach 101 /run/netns/ct101 venet101
	[ "$output" = "OK 0" ]
}

@test "unregistering a container releases its addresses and hooks" {
	lan_setup
	ct_net 101
	ct_net 102
	nsx client vzbc-net ping -c 1 "$LAN4.101"
	run vzbc-ioctl unregister 101
	[ "$output" = "OK 0" ]
	run vzbc-ioctl addr 102 add "$LAN4.101" "${LAN6}:101"
	[ "$output" = "OK 0" ]
	! grep -q "^ *101 " /proc/vz/netstat || false
	# the pair is not checked any more: a frame with any source passes
	echos=$(snmp client Icmp InEchos)
	nsx ct101 vzbc-net ping -c 1 -W 500 -I 10.9.0.77 "$LAN4.2" || true
	[ "$(snmp client Icmp InEchos)" = $((echos + 1)) ]
}

@test "/proc/vz/veinfo and veip list the addresses in OpenVZ's format; a container sees only its own" {
	lan_setup
	ct_net 101
	ct_net 102
	vzbc-ioctl addr 101 add 2001:db8:0:0:1::5 198.51.100.7 > /dev/null
	run awk '$1 == 101' /proc/vz/veinfo
	[ "$output" = "$(printf '%10u %5u %5u' 101 0 0; printf ' %15s %39s %39s %15s' \
		"$LAN4.101" "${LAN6}:101" 2001:db8::1:0:0:5 198.51.100.7)" ]
	[ "$(head -1 /proc/vz/veip)" = "Version: 2.5" ]
	grep -qx "$(printf '%39s %10u' 198.51.100.7 101)" /proc/vz/veip
	grep -qx "$(printf '%39s %10u' "${LAN6}:102" 102)" /proc/vz/veip
	[ "$(grep -c . /proc/vz/veip)" = 7 ]
	# from inside 102: only its own
	run in_ct 102 cat /proc/vz/veip
	[ "$output" = "Version: 2.5
$(printf '%39s %10u' "$LAN4.102" 102)
$(printf '%39s %10u' "${LAN6}:102" 102)" ]
	run in_ct 102 awk 'NR > 2 { print $1 }' /proc/vz/netstat
	[ "$output" = 102 ]
	run in_ct 102 cat /proc/vz/veinfo
	[ "$(echo "$output" | awk '{ print $1, $4, $5 }')" = "102 $LAN4.102 ${LAN6}:102" ]
	# and no one but root
	run setpriv --reuid 65534 cat /proc/vz/netstat
	[ "$status" -ne 0 ]
}

@test "the tools' library drives the same commands: attach, claim all or none, release, list" {
	lan_setup
	ct_net 101
	ct_register 102
	ip netns add ct102
	run vzbc-netlib venet 102 /run/netns/ct102 venet102
	[[ $output == "OK "* ]]
	run vzbc-netlib attach 102 /run/netns/ct102 venet102
	[ "$output" = "OK 0" ]
	run vzbc-netlib claim 102 add 192.0.2.5 "$LAN4.101"
	[ "$output" = EADDRINUSE ]
	run vzbc-netlib owned 102
	[ "$output" = "OK 0: " ]
	run vzbc-netlib claim 102 add 192.0.2.5/24 2001:db8::5/64
	[ "$output" = "OK 0" ]
	run vzbc-netlib owned 102
	[ "$output" = "OK 2: 192.0.2.5 2001:db8::5" ]
	run vzbc-netlib claim 102 del 192.0.2.5 192.0.2.6
	[ "$output" = EADDRNOTAVAIL ]
	run vzbc-netlib claim 102 del 192.0.2.5
	[ "$output" = "OK 0" ]
	run vzbc-netlib release-all 102
	[ "$output" = "OK 0" ]
	run vzbc-netlib owned 102
	[ "$output" = "OK 0: " ]
	run vzbc-netlib owned 999
	[ "$output" = ENOENT ]
}
