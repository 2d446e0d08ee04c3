#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# veth interfaces through vzctl: --netif_add/--netif_del live, NETIF in
# OpenVZ's format restored at start, the host end in a bridge with the
# LAN's end, so that the client namespace reaches the container over L2;
# a missing bridge changes nothing; a stop leaves no interface.

load helpers

setup_file() {
	vz_setup
}

setup() {
	vzbc_load
	kmod_load bridge
	net_lan_setup
	# the LAN's end in a bridge: the host is a switch for the containers
	ip link add br0 type bridge
	ip link set br0 up
	ip addr flush dev uplink0
	ip link set uplink0 master br0
}

teardown() {
	vz_destroy_all
	net_cleanup
	ip link del br0 2>/dev/null || true
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

links() {
	ip -o link show | sed 's/^[0-9]*: //' | cut -d' ' -f1 | sort
}

@test "--netif_add into a bridge: NETIF saved with generated MACs; the client reaches the container over L2; restart restores it" {
	before=$(links)
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl start 101
	run vzctl set 101 --netif_add eth0,,,,br0 --save
	echo "$output"
	[ "$status" -eq 0 ]
	grep -qE '^NETIF="ifname=eth0,bridge=br0,mac=([0-9A-F]{2}:){5}[0-9A-F]{2},host_ifname=veth101\.0,host_mac=([0-9A-F]{2}:){5}[0-9A-F]{2}"$' \
		/etc/vz/conf/101.conf
	[[ $(ip -o link show veth101.0) == *"master br0"* ]]
	hmac=$(sed -nE 's/^NETIF=.*host_mac=([0-9A-F:]*)"$/\1/p' /etc/vz/conf/101.conf)
	[ -n "$hmac" ]
	[ "$(cat /sys/class/net/veth101.0/address)" = "${hmac,,}" ]
	# the container configures its interface itself, as in OpenVZ
	vzctl exec 101 "ip link set eth0 up && ip addr add $LAN4.50/24 dev eth0"
	ip netns exec client vzbc-net ping -c 2 -W 2000 "$LAN4.50"
	# a second one with the names given
	run vzctl set 101 --netif_add eth1,02:00:00:00:01:01,vethx101,02:00:00:00:01:02 --save
	[ "$status" -eq 0 ]
	[[ $(vzctl exec 101 ip link show eth1) == *"link/ether 02:00:00:00:01:01 "* ]]
	[ "$(cat /sys/class/net/vethx101/address)" = 02:00:00:00:01:02 ]
	# restart: both again, with the same MACs
	vzctl restart 101
	[[ $(ip -o link show veth101.0) == *"master br0"* ]]
	[ "$(cat /sys/class/net/veth101.0/address)" = "${hmac,,}" ]
	[ -e /sys/class/net/vethx101 ]
	vzctl exec 101 "ip link set eth0 up && ip addr add $LAN4.50/24 dev eth0"
	ip netns exec client vzbc-net ping -c 2 -W 2000 "$LAN4.50"
	# --netif_del removes one, then all
	run vzctl set 101 --netif_del eth1 --save
	[ "$status" -eq 0 ]
	[ ! -e /sys/class/net/vethx101 ]
	! grep -q eth1 /etc/vz/conf/101.conf || false
	run vzctl set 101 --netif_del all --save
	[ "$status" -eq 0 ]
	grep -qx 'NETIF=""' /etc/vz/conf/101.conf
	[ ! -e /sys/class/net/veth101.0 ]
	# stop leaves no interface
	vzctl set 101 --netif_add eth0,,,,br0 --save > /dev/null
	[ -e /sys/class/net/veth101.0 ]
	vzctl stop 101
	for _ in $(seq 100); do
		[ ! -e /sys/class/net/veth101.0 ] && break
		sleep 0.1
	done
	[ "$(links)" = "$before" ]
}

@test "--netif_add: a missing bridge (exit 130), a bad MAC or a name too long (exit 21) change nothing" {
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl start 101
	conf=$(cat /etc/vz/conf/101.conf)
	before=$(links)
	run vzctl set 101 --netif_add eth0,,,,nosuchbr --save
	echo "$output"
	[ "$status" -eq 130 ]
	[[ $output == *"no bridge nosuchbr"* ]]
	run vzctl set 101 --netif_add eth0,,,,uplink0 --save
	[ "$status" -eq 130 ]
	[[ $output == *"uplink0 is not a bridge"* ]]
	run vzctl set 101 --netif_add eth0,01:00:00:00:00:01 --save
	[ "$status" -eq 21 ]
	[[ $output == *"bad MAC"* ]]
	run vzctl set 101 --netif_add eth0123456789abcdef --save
	[ "$status" -eq 21 ]
	[[ $output == *"too long"* ]]
	[ "$(cat /etc/vz/conf/101.conf)" = "$conf" ]
	[ "$(links)" = "$before" ]
	! vzctl exec 101 cat /proc/net/dev | grep -q eth0
}
