#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The tools' networking library (tools/lib/netlink.c, netwire.c, netsys.c)
# against the real kernel, one call at a time through vzbc-netlib, its
# effect read back with ip(8): the venet pair, addresses, routes and proxy
# entries, veth interfaces in bridges, moved devices, uplink detection,
# duplicate address probes and announcements. A "client" namespace on
# uplink0 stands for the LAN.

load helpers

setup() {
	kmod_load bridge
	net_lan_setup
	ip netns add ct
}

teardown() {
	net_cleanup
	for d in venet101 veth101.0 br0 vzdummy0; do
		ip link del "$d" 2>/dev/null || true
	done
}

lib() {
	run vzbc-netlib "$@"
	echo "vzbc-netlib $*: $output"
}

# ok CMD...: the call must answer OK
ok() {
	lib "$@"
	[[ $output == "OK "* ]]
}

@test "venet pair: no ARP, one MAC on both ends, venet0 in the container, up; taken name is EEXIST" {
	ok venet 101 /run/netns/ct venet101
	[ "$output" = "OK $(cat /sys/class/net/venet101/ifindex)" ]
	host=$(ip -o link show venet101)
	inside=$(ip -n ct -o link show venet0)
	[[ $host == *NOARP* && $host == *UP* ]]
	[[ $inside == *NOARP* && $inside == *UP* && $inside == *MULTICAST* ]]
	mac=$(cat /sys/class/net/venet101/address)
	[[ $inside == *"link/ether $mac "* ]]
	# locally administered unicast, and the same at every start
	[ $(( 0x${mac:0:2} & 3 )) -eq 2 ]
	ok del venet101
	[ ! -e /sys/class/net/venet101 ]
	[ -z "$(ip -n ct -o link show venet0 2>/dev/null)" ]
	ok venet 101 /run/netns/ct venet101
	[ "$(cat /sys/class/net/venet101/address)" = "$mac" ]
	lib venet 101 /run/netns/ct venet101
	[ "$output" = EEXIST ]
	lib del nosuchdev
	[ "$output" = ENODEV ]
}

@test "a container on venet through the library alone: addresses, routes, proxy entries; the client reaches it" {
	ok venet 101 /run/netns/ct venet101
	ok routing 4
	ok routing 6
	ok host-end venet101
	[ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ]
	[ "$(cat /proc/sys/net/ipv6/conf/all/proxy_ndp)" = 1 ]
	[ "$(cat /proc/sys/net/ipv4/conf/venet101/rp_filter)" = 1 ]
	[ "$(cat /proc/sys/net/ipv6/conf/venet101/accept_ra)" = 0 ]
	sysctl -qw net.ipv6.conf.uplink0.proxy_ndp=1
	ok addr /run/netns/ct venet0 add "$LAN4.101"
	ok addr /run/netns/ct venet0 add "${LAN6}:101"
	ok route /run/netns/ct venet0 add default4
	ok route /run/netns/ct venet0 add default6
	ok route - venet101 add "$LAN4.101"
	ok route - venet101 add "${LAN6}:101"
	ok proxy uplink0 add "$LAN4.101"
	ok proxy uplink0 add "${LAN6}:101"
	# each again: already there is fine
	ok addr /run/netns/ct venet0 add "$LAN4.101"
	ok route - venet101 add "$LAN4.101"
	ok proxy uplink0 add "$LAN4.101"
	[[ $(ip -n ct -o addr show dev venet0) == *"inet $LAN4.101/32 "* ]]
	[[ $(ip -n ct -o -6 addr show dev venet0) == *"inet6 ${LAN6}:101/128 scope global nodad"* ]]
	[[ $(ip -n ct route show default) == "default dev venet0 proto 118 scope link"* ]]
	[[ $(ip -n ct -6 route show default) == "default dev venet0 proto 118 "* ]]
	[[ $(ip route show "$LAN4.101") == "$LAN4.101 dev venet101 proto 118 scope link"* ]]
	[[ $(ip neigh show proxy) == *"$LAN4.101 dev uplink0 proxy"* ]]
	[[ $(ip -6 neigh show proxy) == *"${LAN6}:101 dev uplink0 proxy"* ]]
	ip -n ct link set lo up
	ip netns exec client vzbc-net ping -c 2 "$LAN4.101"
	ip netns exec client vzbc-net ping -c 2 "${LAN6}:101"
	ip netns exec ct vzbc-net ping -c 2 "$LAN4.2"
	# and all of it taken down again, each twice
	for i in 1 2; do
		ok proxy uplink0 del "$LAN4.101"
		ok proxy uplink0 del "${LAN6}:101"
		ok route - venet101 del "$LAN4.101"
		ok route - venet101 del "${LAN6}:101"
		ok addr /run/netns/ct venet0 del "$LAN4.101"
	done
	[ -z "$(ip neigh show proxy)" ]
	[ -z "$(ip route show "$LAN4.101")" ]
	[[ $(ip -n ct -o addr show dev venet0) != *"$LAN4.101"* ]]
	# a host route of the admin's own is not vzbc's to delete
	ip route add 192.0.2.77/32 dev venet101
	ok route - venet101 del 192.0.2.77
	[ -n "$(ip route show 192.0.2.77)" ]
}

@test "veth into a bridge: a missing bridge or no bridge changes nothing; on the bridge the client is one hop away" {
	lib veth 101 /run/netns/ct "eth0,,,,br0"
	[ "$output" = ENODEV ]
	ip link add vzdummy0 type dummy 2>/dev/null || ip link add vzdummy0 type veth peer name vzdummy1
	lib veth 101 /run/netns/ct "eth0,,,,vzdummy0"
	[ "$output" = EMEDIUMTYPE ]
	[ ! -e /sys/class/net/veth101.0 ]
	[ -z "$(ip -n ct -o link show eth0 2>/dev/null)" ]
	# a bridge with the LAN's end in it
	ip link add br0 type bridge
	ip link set br0 up
	ip addr flush dev uplink0
	ip link set uplink0 master br0
	ok veth 101 /run/netns/ct "eth0,02:00:00:00:01:01,,02:00:00:00:01:02,br0"
	[[ $(ip -o link show veth101.0) == *"master br0"* ]]
	[[ $(ip -o link show veth101.0) == *"link/ether 02:00:00:00:01:02 "* ]]
	[[ $(ip -n ct -o link show eth0) == *"link/ether 02:00:00:00:01:01 "* ]]
	# generated MACs for a second one
	ok veth 101 /run/netns/ct "eth1,,veth101.1,,br0"
	[[ $(ip -o link show veth101.1) == *"master br0"* ]]
	# the container configures its own interface, as in OpenVZ
	ip -n ct link set eth0 up
	ip -n ct addr add "$LAN4.50/24" dev eth0
	ip netns exec ct vzbc-net ping -c 2 "$LAN4.2"
	run ip -n client neigh show "$LAN4.50"
	[[ $output == *"lladdr 02:00:00:00:01:01"* ]]
	ok del veth101.1
}

@test "a host device into the container and back (NETDEV)" {
	ip link add vzdummy0 type dummy 2>/dev/null || ip link add vzdummy0 type veth peer name vzdummy1
	ok move vzdummy0 /run/netns/ct
	[ ! -e /sys/class/net/vzdummy0 ]
	[ -n "$(ip -n ct -o link show vzdummy0)" ]
	lib move vzdummy0 /run/netns/ct
	[ "$output" = ENODEV ]
	ok move vzdummy0 /proc/self/ns/net /run/netns/ct
	[ -e /sys/class/net/vzdummy0 ]
	[ -z "$(ip -n ct -o link show vzdummy0 2>/dev/null)" ]
}

@test "uplinks for NEIGHBOUR_DEVS: detect, all, list" {
	ok venet 101 /run/netns/ct venet101
	ip link add br0 type bridge
	ip link set br0 up
	ok route - venet101 add "$LAN4.101"
	lib uplinks detect "$LAN4.101"
	[ "$output" = "OK 1: uplink0" ]
	lib uplinks detect "${LAN6}:101"
	[ "$output" = "OK 1: uplink0" ]
	# an address routed to the host needs no one to answer for it
	lib uplinks detect 198.51.100.7
	[ "$output" = "OK 0:" ]
	# all: up, with ARP, no bridge port (venet101 has no ARP, br0 is up)
	lib uplinks all "$LAN4.101"
	[[ $output == *" uplink0"* && $output == *" br0"* && $output != *venet101* ]]
	lib uplinks "list:uplink0 nosuch br0" "$LAN4.101"
	[ "$output" = "OK 2: uplink0 br0" ]
	lib uplinks "list:" "$LAN4.101"
	[ "$output" = EINVAL ]
}

@test "duplicate address probe on the wire, and the announcement after" {
	# the client holds .2 and :2: it answers the probes
	lib probe uplink0 "$LAN4.2" 1500
	[ "$output" = EADDRINUSE ]
	lib probe uplink0 "${LAN6}:2" 1500
	[ "$output" = EADDRINUSE ]
	lib probe uplink0 "$LAN4.99" 600
	[ "$output" = "OK 0" ]
	lib probe uplink0 "${LAN6}:99" 600
	[ "$output" = "OK 0" ]
	# the client knew .99 at another MAC: the host's takes its place
	ip -n client neigh replace "$LAN4.99" lladdr 02:11:22:33:44:55 dev eth0 nud stale
	ip -n client neigh replace "${LAN6}:99" lladdr 02:11:22:33:44:55 dev eth0 nud stale
	ok announce uplink0 "$LAN4.99"
	ok announce uplink0 "${LAN6}:99"
	mac=$(cat /sys/class/net/uplink0/address)
	for _ in $(seq 20); do
		[[ $(ip -n client neigh show "${LAN6}:99") == *"lladdr $mac"* ]] && break
		sleep 0.1
	done
	[[ $(ip -n client neigh show "$LAN4.99") == *"lladdr $mac"* ]]
	[[ $(ip -n client neigh show "${LAN6}:99") == *"lladdr $mac"* ]]
	lib announce nosuchdev "$LAN4.99"
	[ "$output" = ENODEV ]
}
