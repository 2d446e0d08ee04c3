#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The module's stop events and vzeventd: a container halted from inside is
# cleaned up (no interface, route, proxy entry, claim, registration or
# mount left), one rebooted from inside runs again with a new init and
# its addresses; vzctl stop and restart behave as without the daemon; the
# daemon started after a halt repairs it, follows the module unloaded and
# loaded again, and makes the proxy entries again after an uplink went
# down and up; only CAP_NET_ADMIN on the host hears the events. A "client" namespace on uplink0 stands for the LAN.

load helpers

setup_file() {
	vz_setup
}

setup() {
	vz_lan_setup
	EVLOG="$BATS_TEST_TMPDIR/vzeventd.log"
	EVPID=
}

teardown() {
	[ -z "$EVPID" ] || { kill "$EVPID"; wait "$EVPID" || true; }
	[ ! -f "$EVLOG" ] || sed 's/^/# /' "$EVLOG"
	vz_lan_teardown
}

teardown_file() {
	vzbc_unload_if_loaded
}

# "$@" true within 15 s (polled)
within() {
	local i
	for i in $(seq 150); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}

eventd_start() {
	vzeventd > "$EVLOG" 2>&1 3>&- &
	EVPID=$!
	within grep -q "listening to vzbc's events" "$EVLOG"
}

# the host pid of container $1's init, or nothing
ct_init() {
	local p
	for p in $(cat "/sys/fs/cgroup/vzbc/$1/cgroup.procs" 2>/dev/null); do
		grep -qP '^NSpid:\t\d+\t1$' "/proc/$p/status" 2>/dev/null && echo "$p" && return
	done
	return 0
}

is_status() {
	[ "$(vzctl status "$1")" = "CTID $1 exist $2" ]
}

# the host's links, routes, proxy entries and claims are $1 (host_net); a
# halted container's pair goes with its namespace, which the kernel tears
# down in a work item of its own (seconds on the debug kernel)
net_is() {
	[ "$(host_net)" = "$1" ]
}

# within net_is, saying what differs when it never is
net_becomes() {
	within net_is "$1" || { diff <(echo "$1") <(host_net); false; }
}

# the daemon's log has $1 at least $2 times
logged() {
	[ "$(grep -c "$1" "$EVLOG")" -ge "$2" ]
}

# container $1 created with $LAN4.$1 (and what else is given), started, reachable
ct_up() {
	local ctid=$1
	shift
	vzctl create "$ctid" --ostemplate busybox --ipadd "$LAN4.$ctid" "$@" > /dev/null
	vzctl start "$ctid"
	reaches "$LAN4.$ctid"
}

new_init() {
	local p
	p=$(ct_init "$1")
	[ -n "$p" ] && [ "$p" != "$2" ]
}

@test "halt inside: vzeventd stops it; no interface, route, proxy entry, claim, registration or mount left" {
	before=$(host_net)
	ct_up 101 --ipadd "${LAN6}:101"
	[ -n "$(ip neigh show proxy "$LAN4.101")" ]
	eventd_start
	t0=$(date +%s%N)
	vzctl exec 101 halt
	within is_status 101 "unmounted down"
	echo "cleaned up in $((($(date +%s%N) - t0) / 1000000)) ms"
	[ ! -e /proc/bc/101 ]
	! grep -qw 101 /proc/vz/veinfo
	[ ! -e /sys/fs/cgroup/vzbc/101 ]
	net_becomes "$before"
	unreachable "$LAN4.101"
	grep -q "CT 101: init (pid [0-9]*) halted" "$EVLOG"
	# and it starts again as usual
	vzctl start 101
	reaches "${LAN6}:101"
}

@test "reboot inside: running again with a new init, reachable; vzctl stop and restart as without the daemon" {
	ct_up 101 --ipadd "${LAN6}:101"
	running=$(host_net)
	eventd_start
	old=$(ct_init 101)
	[ -n "$old" ]
	vzctl exec 101 reboot
	within new_init 101 "$old"
	within logged "Container 101 started again" 1
	grep -q "CT 101: init (pid $old) rebooted" "$EVLOG"
	is_status 101 "mounted running"
	reaches "$LAN4.101"
	reaches "${LAN6}:101"
	# one route and proxy entry per address, as before the reboot
	net_becomes "$running"
	# vzctl restart: the daemon sees the halt, finds the new init, does nothing
	old=$(ct_init 101)
	vzctl restart 101
	new=$(ct_init 101)
	[ -n "$new" ] && [ "$new" != "$old" ]
	within logged "CT 101: stopped or started again by vzctl: nothing to do" 1
	[ "$(ct_init 101)" = "$new" ]
	reaches "$LAN4.101"
	# vzctl stop: stays stopped, never started again
	vzctl stop 101
	within logged "CT 101: stopped or started again by vzctl: nothing to do" 2
	is_status 101 "unmounted down"
	[ "$(grep -c "Container 101 started again" "$EVLOG")" = 1 ]
}

@test "halted while vzeventd was not running: repaired at its start; only CAP_NET_ADMIN on the host hears the events" {
	before=$(host_net)
	ct_up 101
	vzctl exec 101 halt
	within is_status 101 "mounted down"
	[ -e /proc/bc/101 ]
	[ -n "$(ip neigh show proxy "$LAN4.101")" ]	# what the namespace cannot take along
	eventd_start
	within is_status 101 "unmounted down"
	[ ! -e /proc/bc/101 ]
	net_becomes "$before"
	# an unprivileged listener is refused the group
	cp "$(command -v vzeventd)" "$BATS_TEST_TMPDIR/vzeventd"
	chmod 755 "$BATS_TEST_TMPDIR" "$BATS_TEST_TMPDIR/vzeventd"
	run setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$BATS_TEST_TMPDIR/vzeventd"
	echo "$output"
	[ "$status" -eq 3 ]
	[[ $output == *"Operation not permitted"* ]]
	# root in a container's network namespace does not see the family
	vzctl start 101
	run ct_netns 101 vzeventd
	echo "$output"
	[ "$status" -eq 3 ]
	[[ $output == *"not loaded"* ]]
}

@test "vzeventd follows the module unloaded and loaded again" {
	eventd_start
	vzbc_unload_if_loaded
	within logged "vzbc.ko unloaded: waiting for it to be loaded again" 1
	kill -0 "$EVPID"
	insmod "$VZBC_KO"
	within logged "vzbc.ko loaded again: listening to its events" 1
	# the new module's events are heard: a halt inside is cleaned up
	before=$(host_net)
	ct_up 101
	vzctl exec 101 halt
	within is_status 101 "unmounted down"
	grep -q "CT 101: init (pid [0-9]*) halted" "$EVLOG"
	[ ! -e /proc/bc/101 ]
	net_becomes "$before"
}

@test "an uplink down and up: vzeventd makes the containers' proxy entries again" {
	ct_up 101 --ipadd "${LAN6}:101"
	eventd_start
	ip link set uplink0 down
	# the kernel drops a link's proxy entries when it goes down, and its
	# IPv6 addresses, which whoever configures the network puts back
	[ -z "$(ip neigh show proxy "$LAN4.101")$(ip -6 neigh show proxy "${LAN6}:101")" ]
	ip link set uplink0 up
	ip addr add "${LAN6}:1/64" dev uplink0 nodad
	within logged "CT 101: its 2 proxy entries are in place again" 1
	[ -n "$(ip neigh show proxy "$LAN4.101" dev uplink0)" ]
	[ -n "$(ip -6 neigh show proxy "${LAN6}:101" dev uplink0)" ]
	reaches "$LAN4.101"
	reaches "${LAN6}:101"
	# a link that is no uplink coming up (a container's venet end) changes nothing
	n=$(grep -c 'proxy entries are in place again' "$EVLOG")
	ct_up 102
	sleep 1
	[ "$(grep -c 'proxy entries are in place again' "$EVLOG")" = "$n" ]
}
