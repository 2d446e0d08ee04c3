#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# venet end to end through vzctl: --ipadd/--ipdel live and at create,
# IP_ADDRESS restored at start, venet0 inside, host routes and proxy
# entries on the uplink, addresses owned by one container, and nothing
# left once a container stops (by vzctl, or halted from inside). A
# "client" namespace on uplink0 stands for the LAN (net_lan_setup).

load helpers

setup_file() {
	vz_setup
}

setup() {
	vz_lan_setup
}

teardown() {
	vz_lan_teardown
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "--ipadd on a running container: venet0 inside, host route, proxy ARP/NDP; the client reaches it (ping, TCP)" {
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl start 101
	run vzctl set 101 --ipadd "$LAN4.101" --ipadd "${LAN6}:101" --save
	echo "$output"
	[ "$status" -eq 0 ]
	[[ $output == *"Adding IP address(es): $LAN4.101"* ]]
	grep -qx "IP_ADDRESS=\"$LAN4.101 ${LAN6}:101\"" /etc/vz/conf/101.conf
	# inside: venet0 with /32 and /128, default routes on it
	[[ $(ct_netns 101 ip -o addr show dev venet0) == *"inet $LAN4.101/32 "* ]]
	[[ $(ct_netns 101 ip -o -6 addr show dev venet0) == *"inet6 ${LAN6}:101/128 "* ]]
	[[ $(ct_netns 101 ip route show default) == "default dev venet0 "* ]]
	[[ $(ct_netns 101 ip -6 route show default) == "default dev venet0 "* ]]
	# host: a route to each address, proxy entries on the uplink, forwarding
	[[ $(ip route show "$LAN4.101") == "$LAN4.101 dev venet101 "* ]]
	[[ $(ip -6 route show "${LAN6}:101") == "${LAN6}:101 dev venet101 "* ]]
	[[ $(ip neigh show proxy) == *"$LAN4.101 dev uplink0 proxy"* ]]
	[[ $(ip -6 neigh show proxy) == *"${LAN6}:101 dev uplink0 proxy"* ]]
	[ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ]
	[ "$(cat /proc/sys/net/ipv6/conf/uplink0/proxy_ndp)" = 1 ]
	# owned in the module, shown by vzlist
	grep -q "$LAN4.101 *101$" /proc/vz/veip
	[[ $(vzlist -H -o ip 101) == *"$LAN4.101"* ]]
	# the LAN reaches it: ICMP both families, and a TCP service inside
	reaches "$LAN4.101"
	reaches "${LAN6}:101"
	vzctl exec 101 'nc -l -p 7777 -e echo hello-from-101 < /dev/null > /dev/null 2>&1 &'
	for _ in $(seq 50); do
		out=$(ip netns exec client busybox nc -w 2 "$LAN4.101" 7777 < /dev/null || true)
		[ "$out" = hello-from-101 ] && break
		sleep 0.2
	done
	[ "$out" = hello-from-101 ]
	# its traffic, as the module counts it, in vzlist and /proc/vz/netstat
	read -r tin tout pin pout pdrop <<< \
		"$(vzlist -H -o traffic_in,traffic_out,packets_in,packets_out,packets_drop 101)"
	echo "vzlist: $tin $tout $pin $pout $pdrop"
	# (one test a line: bats stops only at the last of an && list)
	[ "$pin" -ge 5 ]
	[ "$pout" -ge 5 ]
	[ "$tin" -gt "$pin" ]
	[ "$tout" -gt "$pout" ]
	read -r _ nin_b nin_p nout_b nout_p _ ndrop_p <<< "$(grep -E '^ +101 ' /proc/vz/netstat)"
	# read after vzlist: the same or more
	[ "$nin_b" -ge "$tin" ]
	[ "$nin_p" -ge "$pin" ]
	[ "$nout_b" -ge "$tout" ]
	[ "$nout_p" -ge "$pout" ]
	[ "$ndrop_p" -ge "$pdrop" ]
	# the same again changes nothing
	run vzctl set 101 --ipadd "$LAN4.101" --save
	[ "$status" -eq 0 ]
	grep -qx "IP_ADDRESS=\"$LAN4.101 ${LAN6}:101\"" /etc/vz/conf/101.conf
}

@test "--ipdel removes an address and its reachability; --ipdel all removes every one" {
	vzctl create 101 --ostemplate busybox --ipadd "$LAN4.101" --ipadd "${LAN6}:101" > /dev/null
	grep -qx "IP_ADDRESS=\"$LAN4.101 ${LAN6}:101\"" /etc/vz/conf/101.conf
	vzctl start 101
	reaches "$LAN4.101"
	run vzctl set 101 --ipdel "$LAN4.101" --save
	echo "$output"
	[ "$status" -eq 0 ]
	grep -qx "IP_ADDRESS=\"${LAN6}:101\"" /etc/vz/conf/101.conf
	unreachable "$LAN4.101"
	[ -z "$(ip route show "$LAN4.101")" ]
	[[ $(ip neigh show proxy) != *"$LAN4.101"* ]]
	[[ $(ct_netns 101 ip -o addr show dev venet0) != *"$LAN4.101"* ]]
	! grep -q "$LAN4.101 " /proc/vz/veip || false
	reaches "${LAN6}:101"
	run vzctl set 101 --ipdel all --save
	[ "$status" -eq 0 ]
	grep -qx 'IP_ADDRESS=""' /etc/vz/conf/101.conf
	unreachable "${LAN6}:101"
	[ -z "$(ip -6 neigh show proxy)" ]
	[ -z "$(cat /proc/vz/veip | grep -v Version)" ]
}

@test "an address one container owns is refused for another (exit 78), live and at start, changing nothing" {
	vzctl create 101 --ostemplate busybox --ipadd "$LAN4.101" > /dev/null
	vzctl create 102 --ostemplate busybox > /dev/null
	vzctl start 101
	vzctl start 102
	conf=$(cat /etc/vz/conf/102.conf)
	run vzctl set 102 --ipadd "$LAN4.102" --ipadd "$LAN4.101" --save
	echo "$output"
	[ "$status" -eq 78 ]
	[[ $output == *"$LAN4.101 is already used by container 101"* ]]
	[ "$(cat /etc/vz/conf/102.conf)" = "$conf" ]
	[[ $(ct_netns 102 ip -o addr show) != *"$LAN4.101"* ]]
	grep -q "$LAN4.101 *101$" /proc/vz/veip
	reaches "$LAN4.101"
	# kept in the config of a stopped container, refused when it starts
	vzctl stop 102 > /dev/null
	vzctl set 102 --ipadd "$LAN4.101" --save > /dev/null
	run vzctl start 102
	echo "$output"
	[ "$status" -eq 78 ]
	[ "$(vzctl status 102)" = "CTID 102 exist unmounted down" ]
	[ ! -e /sys/class/net/venet102 ]
	grep -q "$LAN4.101 *101$" /proc/vz/veip
	reaches "$LAN4.101"
}

@test "bad addresses: a clear message, exit 71, nothing changed" {
	vzctl create 101 --ostemplate busybox > /dev/null
	conf=$(cat /etc/vz/conf/101.conf)
	for a in 10.9.0.300 127.0.0.1 224.0.0.1 fe80::1 10.9.0.0/24 nonsense; do
		run vzctl set 101 --ipadd "$a" --save
		echo "$a: $output"
		[ "$status" -eq 71 ]
		[[ $output == *"$a"* ]]
	done
	run vzctl set 101 --ipdel 10.9.0.300 --save
	[ "$status" -eq 71 ]
	[ "$(cat /etc/vz/conf/101.conf)" = "$conf" ]
}

@test "stop leaves no interface, route, proxy entry or claim; start and restart restore them" {
	before=$(host_net)
	vzctl create 101 --ostemplate busybox --ipadd "$LAN4.101" --ipadd "${LAN6}:101" > /dev/null
	vzctl start 101
	reaches "$LAN4.101"
	reaches "${LAN6}:101"
	vzctl stop 101
	[ "$(host_net)" = "$before" ]
	unreachable "$LAN4.101"
	[ "$(vzlist -a -H -o traffic_in,packets_drop 101 | xargs)" = "- -" ]
	vzctl start 101
	reaches "$LAN4.101"
	vzctl restart 101
	reaches "$LAN4.101"
	reaches "${LAN6}:101"
	# halted from inside without vzeventd (events.bats has it): the
	# namespace goes, the proxy entries, registration and mount stay until
	# the next vzctl stop or start cleans them
	vzctl exec 101 halt
	for _ in $(seq 100); do
		[ "$(vzctl status 101)" = "CTID 101 exist mounted down" ] && break
		sleep 0.1
	done
	# the namespace (and the pair with it) goes in the kernel's own time
	for _ in $(seq 100); do
		[ ! -e /sys/class/net/venet101 ] && break
		sleep 0.1
	done
	[ ! -e /sys/class/net/venet101 ]
	unreachable "$LAN4.101"
	vzctl stop 101 || true
	[ "$(host_net)" = "$before" ]
	vzctl start 101
	reaches "$LAN4.101"
}

# ICMP counter FIELD of /proc/net/snmp in the namespace nsenter-ed by "$@"
icmp_count() {
	local f=$1
	shift
	"$@" awk -v k="$f" '$1 == "Icmp:" { if (!n) { for (i = 2; i <= NF; i++) c[$i] = i; n = 1 }
				  else print $c[k] }' /proc/net/snmp
}

netstat_drops() {
	awk -v c="$1" '$1 == c { print $7 }' /proc/vz/netstat
}

@test "spoofing from a vzctl container: another's address taken inside is dropped, counted, unseen" {
	vzctl create 101 --ostemplate busybox --ipadd "$LAN4.101" > /dev/null
	vzctl create 102 --ostemplate busybox --ipadd "$LAN4.102" > /dev/null
	vzctl start 101
	vzctl start 102
	reaches "$LAN4.101"
	reaches "$LAN4.102"
	drops=$(netstat_drops 101)
	echos=$(icmp_count InEchos ip netns exec client)
	reps=$(icmp_count InEchoReps ct_netns 102)
	# root in 101 puts 102's address on its venet0 and pings the LAN with it
	vzctl exec 101 ip addr add "$LAN4.102/32" dev venet0
	[[ $(ct_netns 101 ip -o addr show dev venet0) == *"$LAN4.102/32"* ]]
	run vzctl exec 101 ping -c 3 -w 3 -I "$LAN4.102" "$LAN4.2"
	echo "$output"
	[ "$status" -ne 0 ]
	# and claims it on the wire: venet0 made ARP-able, unsolicited ARP and replies
	vzctl exec 101 ip link set venet0 arp on
	vzctl exec 101 arping -q -U -c 2 -w 2 -I venet0 -s "$LAN4.102" "$LAN4.102" || true
	vzctl exec 101 arping -q -A -c 2 -w 2 -I venet0 -s "$LAN4.102" "$LAN4.102" || true
	# the client never got the requests, 102 never got the replies
	[ "$(icmp_count InEchos ip netns exec client)" = "$echos" ]
	[ "$(icmp_count InEchoReps ct_netns 102)" = "$reps" ]
	[[ $(ip neigh show "$LAN4.102") != *venet101* ]]
	# dropped at 101's host end and counted there: 3 pings, 4 ARP frames
	echo "drops $drops -> $(netstat_drops 101)"
	[ "$(netstat_drops 101)" -ge $((drops + 7)) ]
	grep -q "$LAN4.102 *102$" /proc/vz/veip
	# 101 still works with its own address; 102 keeps its own
	vzctl exec 101 ip link set venet0 arp off
	vzctl exec 101 ip addr del "$LAN4.102/32" dev venet0
	vzctl exec 101 ping -c 2 -w 4 "$LAN4.2"
	reaches "$LAN4.101"
	reaches "$LAN4.102"
}

@test "two vzctl racing for one address: one wins each round, the other gets 78 and keeps nothing" {
	vzctl create 101 --ostemplate busybox > /dev/null
	vzctl create 102 --ostemplate busybox > /dev/null
	vzctl start 101
	vzctl start 102
	fifo=$BATS_TEST_TMPDIR/go
	mkfifo "$fifo"
	for r in 1 2 3; do
		a=$LAN4.$((200 + r))
		# both block opening the fifo until it has a writer, then go at once
		# (fd 7: bats keeps 3 for itself)
		(: < "$fifo"; exec vzctl set 101 --ipadd "$a" --save) > "$BATS_TEST_TMPDIR/o101" 2>&1 &
		p101=$!
		(: < "$fifo"; exec vzctl set 102 --ipadd "$a" --save) > "$BATS_TEST_TMPDIR/o102" 2>&1 &
		p102=$!
		exec 7> "$fifo"
		s101=0; s102=0
		wait "$p101" || s101=$?
		wait "$p102" || s102=$?
		exec 7>&-
		echo "round $r ($a): 101 exit $s101, 102 exit $s102"
		cat "$BATS_TEST_TMPDIR"/o10[12]
		if [ "$s101" -eq 0 ]; then w=101 l=102 sl=$s102; else w=102 l=101 sl=$s101; fi
		[ "$(( s101 == 0 ? s102 : s101 ))" -ne 0 ]
		[ "$sl" -eq 78 ]
		grep -q "$a is already used by container $w" "$BATS_TEST_TMPDIR/o$l"
		# the configs agree with the module
		grep -q "^IP_ADDRESS=.*$a" "/etc/vz/conf/$w.conf"
		! grep -q "^IP_ADDRESS=.*$a" "/etc/vz/conf/$l.conf"
		[ "$(grep -c "^ *$a " /proc/vz/veip)" = 1 ]
		grep -q "$a *$w$" /proc/vz/veip
		# one route, to the winner; one proxy entry; nothing in the loser
		[[ $(ip route show "$a") == "$a dev venet$w "* ]]
		[ "$(ip route show "$a" | wc -l)" = 1 ]
		[ "$(ip neigh show proxy | grep -c "^$a ")" = 1 ]
		[[ $(ct_netns "$l" ip -o addr show) != *"$a/"* ]]
		[[ $(ct_netns "$w" ip -o addr show) == *"$a/32"* ]]
	done
	reaches "$a"
}

@test "a vzctl start killed at random points: the next stop or start repairs, leaving nothing behind" {
	before=$(host_net)
	vzctl create 101 --ostemplate busybox --ipadd "$LAN4.101" --ipadd "${LAN6}:101" > /dev/null
	vzctl set 101 --netif_add eth0 --save > /dev/null
	# how long a whole start takes here, to kill within it
	t0=$(date +%s%N)
	vzctl start 101 > /dev/null
	t=$((($(date +%s%N) - t0) / 1000000))
	vzctl stop 101 > /dev/null
	[ "$(host_net)" = "$before" ]
	for r in 1 2 3 4; do
		vzctl start 101 > /dev/null 2>&1 &
		p=$!
		d=$((RANDOM % t))
		sleep "$((d / 1000)).$(printf %03d $((d % 1000)))"
		kill -9 "$p" 2> /dev/null || true
		wait "$p" || true
		echo "round $r: killed after $d of $t ms: $(vzctl status 101)"
		if [ $((r % 2)) = 1 ]; then
			# stop repairs: nothing of it stays on the host or in the module
			vzctl stop 101 > /dev/null 2>&1 || true
			[ "$(vzctl status 101)" = "CTID 101 exist unmounted down" ]
			[ "$(host_net)" = "$before" ]
			[ "$(vzbc-ioctl list)" = "0:" ]
		else
			# start repairs (or the killed one got far enough): it works whole
			run vzctl start 101
			echo "$output"
			[ "$status" -eq 0 ] || [ "$status" -eq 32 ]
			reaches "$LAN4.101"
			[ -e /sys/class/net/veth101.0 ]
			vzctl stop 101 > /dev/null
			[ "$(host_net)" = "$before" ]
		fi
	done
	vzctl start 101
	reaches "$LAN4.101"
	reaches "${LAN6}:101"
}
