#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# veth interfaces through vzctl: --netif_add/--netif_del live, NETIF in
# OpenVZ's format restored at start, the host end in a bridge with the
# LAN's end, so that the client namespace reaches the container over L2;
# a missing bridge changes nothing; a stop leaves no interface. Host
# devices moved in and back (--netdev_add/--netdev_del, NETDEV): dummy
# devices, named vzdummyN (the debug kernel makes dummy0 at boot).

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
	ip link del vzdummy1 2>/dev/null || true
	ip link del vzdummy2 2>/dev/null || true
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
	grep '^NETIF=' /etc/vz/conf/101.conf
	[[ $(grep '^NETIF=' /etc/vz/conf/101.conf) != *ifname=eth1,* ]]
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

@test "--netdev_add/--netdev_del: a host device into the container and back, at start and stop; a missing or taken one refused" {
	kmod_load dummy
	ip link add vzdummy1 type dummy
	ip link add vzdummy2 type dummy
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl create 102 --ostemplate busybox > /dev/null
	vzctl start 101
	vzctl start 102
	conf=$(cat /etc/vz/conf/101.conf)
	# a missing device: a clear error, and nothing moved or saved
	run vzctl set 101 --netdev_add vzdummy1 --netdev_add vznosuch --save
	echo "$output"
	[ "$status" -eq 104 ]
	[[ $output == *"no network device vznosuch on the host"* ]]
	[ "$(cat /etc/vz/conf/101.conf)" = "$conf" ]
	[ -e /sys/class/net/vzdummy1 ]
	run vzctl set 101 --netdev_add vzdummy1 --save
	echo "$output"
	[ "$status" -eq 0 ]
	grep -qx 'NETDEV="vzdummy1"' /etc/vz/conf/101.conf
	[ ! -e /sys/class/net/vzdummy1 ]
	vzctl exec 101 ip -o link show vzdummy1
	# in 101: refused for 102, which changes nothing
	conf=$(cat /etc/vz/conf/102.conf)
	run vzctl set 102 --netdev_add vzdummy1 --save
	echo "$output"
	[ "$status" -eq 104 ]
	[ "$(cat /etc/vz/conf/102.conf)" = "$conf" ]
	! vzctl exec 102 ip -o link show vzdummy1
	# back to the host
	vzctl set 101 --netdev_del vzdummy1 --save
	grep -qx 'NETDEV=""' /etc/vz/conf/101.conf
	[ -e /sys/class/net/vzdummy1 ]
	! vzctl exec 101 ip -o link show vzdummy1
	# stop gives them back (a virtual device would die with the namespace),
	# start takes them again
	vzctl set 101 --netdev_add vzdummy1 --netdev_add vzdummy2 --save
	grep -qx 'NETDEV="vzdummy1 vzdummy2"' /etc/vz/conf/101.conf
	vzctl stop 101
	[ -e /sys/class/net/vzdummy1 ]
	[ -e /sys/class/net/vzdummy2 ]
	vzctl start 101
	[ ! -e /sys/class/net/vzdummy1 ]
	vzctl exec 101 ip -o link show vzdummy2
	# a halt from inside: the namespace dies with the virtual devices in it
	# (a physical one would come back to the host by itself)
	vzctl exec 101 halt
	for _ in $(seq 100); do
		[ "$(vzctl status 101)" = "CTID 101 exist mounted down" ] && break
		sleep 0.1
	done
	[ "$(vzctl status 101)" = "CTID 101 exist mounted down" ]
	vzctl stop 101 || true
	sleep 1
	[ ! -e /sys/class/net/vzdummy1 ]
	[ ! -e /sys/class/net/vzdummy2 ]
	# and the next start says so, starting nothing
	run vzctl start 101
	echo "$output"
	[ "$status" -eq 104 ]
	[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
}
