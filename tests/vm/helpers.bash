# SPDX-License-Identifier: GPL-2.0
# Helpers for the VM tests (bats). Run inside the guest only.

# Objects of stopped containers (a zombie's task, a socket in TIME_WAIT)
# keep the module busy until the kernel frees them: retry for a while.
# (a deadline, not a count of tries: a busy debug kernel is slow to free them)
vzbc_unload_if_loaded() {
	local end=$((SECONDS + 30))
	grep -q '^vzbc ' /proc/modules || return 0
	while [ "$SECONDS" -lt "$end" ]; do
		rmmod vzbc 2>/dev/null && return 0
		sleep 0.1
	done
	rmmod vzbc
}

# The tests of a file share one load of vzbc (a load and unload cost about
# 0.6 s under TCG, and the unload waits for what containers left behind):
# vzbc_load loads the module unless it is loaded and idle, each test's
# teardown proves with vzbc_settle what an unload would (no container
# left, no reference held), and the file's teardown_file unloads it.
vzbc_load() {
	if grep -q '^vzbc ' /proc/modules; then
		vzbc_settle 2> /dev/null && [ -c /dev/vzctl ] && return 0
		vzbc_unload_if_loaded
	fi
	insmod "$VZBC_KO"
}

# vzbc_settle: wait until the module is idle, as an unload needs it: no
# container registered and nothing holding a reference to it (an open
# /dev/vzctl, or an object still charged to a container); fails otherwise
vzbc_settle() {
	local end=$((SECONDS + 30)) cts=
	grep -q '^vzbc ' /proc/modules || return 0
	while [ "$SECONDS" -lt "$end" ]; do
		cts=$(vzbc-ioctl list)
		[ "$cts" = "0:" ] && [ "$(< /sys/module/vzbc/refcnt)" = 0 ] && return 0
		sleep 0.1
	done
	echo "vzbc is not idle: containers '$cts', references $(< /sys/module/vzbc/refcnt)" >&2
	return 1
}

# For the files that run vzctl: the tree's vz.conf and sample configs in
# /etc/vz, and the busybox template, built once per boot (a link per
# busybox applet: half a minute under TCG; /run is the guest's own tmpfs,
# so a template built by an earlier boot or by the host is not taken)
vz_setup() {
	local built=/run/vzbc-test-busybox-template
	mkdir -p /etc/vz/conf
	cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/vz.conf
	cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
	[ -f "$built" ] && [ -f "$(< "$built")" ] && return 0
	"$VZBC_REPO/scripts/mk-template-busybox" > "$built"
}

# Containers for tests: a cgroup under /sys/fs/cgroup/vzbc-test/<ctid>.
CT_CG=/sys/fs/cgroup/vzbc-test
LONG_MAX=9223372036854775807

ct_cgroup() {
	# the memory, pids and cpu controllers, as vzctl gives a container's
	# cgroup (with cpu, a busy container gets one share of the CPUs, not
	# one per task); shell builtins where they do, as each command run
	# costs tens of milliseconds under TCG
	local d
	for d in /sys/fs/cgroup "$CT_CG"; do
		[ -d "$d" ] || mkdir "$d"
		[[ " $(< "$d/cgroup.subtree_control") " == *" cpu "* ]] ||
			echo "+memory +pids +cpu" > "$d/cgroup.subtree_control"
	done
	[ -d "$CT_CG/$1" ] || mkdir "$CT_CG/$1"
	echo "$CT_CG/$1"
}

# ct_register CTID: make its cgroup and register it; fails the test otherwise
ct_register() {
	local out
	out=$(vzbc-ioctl register "$1" "$(ct_cgroup "$1")")
	[ "$out" = "OK 0" ] || { echo "register $1: $out" >&2; return 1; }
}

# Stop and destroy every container vzctl knows (the configs under
# /etc/vz/conf), for the teardown of the files that make them with vzctl;
# ct_cleanup_all below does the same for the hand-made ones.
vz_destroy_all() {
	local c
	for c in /etc/vz/conf/[0-9]*.conf; do
		[ -e "$c" ] || continue
		c=$(basename "$c" .conf)
		vzctl stop "$c" --fast > /dev/null || true
		vzctl destroy "$c" > /dev/null || true
	done
	rm -f /etc/vz/conf/*.destroyed
}

# Kill whatever runs in the test containers, unregister them, drop cgroups.
ct_cleanup_all() {
	local d id
	[ -d "$CT_CG" ] || return 0
	for d in "$CT_CG"/*/; do
		[ -d "$d" ] || continue
		echo 1 > "$d/cgroup.kill" 2>/dev/null
		id=$(basename "$d")
		for _ in $(seq 100); do
			[ "$(cat "$d/cgroup.procs")" = "" ] && break
			sleep 0.1
		done
		{ [ ! -e /dev/vzctl ] || vzbc-ioctl unregister "$id" >/dev/null 2>&1 || true; }
		rmdir "$d"
	done
}

# in_ct CTID CMD...: run CMD as a task of the container's cgroup (the
# shell that moves itself there execs CMD, so $! of "in_ct ... &" is CMD)
in_ct() {
	local ctid=$1
	shift
	exec bash -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CT_CG/$ctid" "$@"
}

# field CTID RES N: the Nth of "held maxheld barrier limit failcnt"
bc_field() {
	vzbc-ioctl get "$1" "$2" | cut -d' ' -f"$3"
}

# wait_held CTID RES VALUE: poll until held is VALUE (objects freed after
# an RCU grace period, sockets closed in a work item, are uncharged then)
wait_held() {
	local i
	for i in $(seq 200); do
		[ "$(bc_field "$1" "$2" 1)" = "$3" ] && return 0
		sleep 0.05
	done
	echo "held of $2 in $1 is $(bc_field "$1" "$2" 1), not $3" >&2
	return 1
}

# start_hog CTID KIND N: run vzbc-hog in the container in the background,
# wait for its report; sets HOG_PID and HOG_OUT
start_hog() {
	local out=$BATS_TEST_TMPDIR/hog.$RANDOM
	(in_ct "$1" vzbc-hog "$2" "$3") > "$out" &
	HOG_PID=$!
	for _ in $(seq 300); do
		[ -s "$out" ] && break
		sleep 0.05
	done
	HOG_OUT=$(cat "$out")
}

stop_hog() {
	kill "$HOG_PID"
	wait "$HOG_PID" || true
}

# Networking tests: a "client" network namespace standing for the LAN,
# reached through uplink0 (LAN4.1/24 and LAN6:1/64 on the host,
# LAN4.2 and LAN6:2 in the client).
LAN4=10.9.0
LAN6=fd09:

# modprobe, on a kernel with a module tree: the debug kernel has none, and
# builds in what the tests load (tests/debug/kernel.config)
kmod_load() {
	[ -d "/lib/modules/$(uname -r)" ] || return 0
	modprobe "$@"
}

net_lan_setup() {
	kmod_load veth
	ip netns add client
	ip link add uplink0 type veth peer name eth0 netns client
	ip addr add "$LAN4.1/24" dev uplink0
	ip addr add "${LAN6}:1/64" dev uplink0 nodad
	ip link set uplink0 up
	ip -n client link set lo up
	ip -n client addr add "$LAN4.2/24" dev eth0
	ip -n client addr add "${LAN6}:2/64" dev eth0 nodad
	ip -n client link set eth0 up
}

# vzctl's containers on that LAN (venet.bats, events.bats): the module
# loaded, and vz.conf's defaults for the uplinks (NEIGHBOUR_DEVS="detect":
# uplink0's own addresses hold LAN4/LAN6) and the wire's probing
vz_lan_setup() {
	vzbc_load
	net_lan_setup
	sed -i '/^NEIGHBOUR_DEVS=/d; /^SKIP_ARPDETECT=/d' /etc/vz/vz.conf
}

# ... and gone: the containers, the LAN, the module idle
vz_lan_teardown() {
	vz_destroy_all
	net_cleanup
	vzbc_settle
}

# Kill what runs in any network namespace, delete them all and the uplink
# (a namespace's devices go with it, the uplink's proxy entries with it).
net_cleanup() {
	local ns
	for ns in $(ip netns list | awk '{ print $1 }'); do
		ip netns pids "$ns" | xargs -r kill -9
		ip netns del "$ns"
	done
	ip link del uplink0 2>/dev/null || true
}

# the host's network state a container may leave behind (venet.bats, events.bats)
host_net() {
	ip -o link show | sed 's/^[0-9]*: //' | cut -d' ' -f1 | sort
	ip route show
	# (without the anycast routes the kernel adds when vzctl turns IPv6
	# forwarding on: the host's setting, not the container's state)
	ip -6 route show | grep -v '^anycast ' || true
	ip neigh show proxy
	ip -6 neigh show proxy
	cat /proc/vz/veip
}

# a command in container $1's network namespace, from the host
ct_netns() {
	local pid
	pid=$(head -1 "/sys/fs/cgroup/vzbc/$1/cgroup.procs")
	shift
	nsenter --net="/proc/$pid/ns/net" "$@"
}

# address $1 answers the client namespace's pings, or does not
reaches() {
	ip netns exec client vzbc-net ping -c 2 -W 2000 "$1"
}

unreachable() {
	! ip netns exec client vzbc-net ping -c 1 -W 500 "$1"
}
