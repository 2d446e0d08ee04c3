#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo ("make demo"), run inside the VM by scripts/vm-run --demo:
# show, step by step, what vzbc does on a stock Debian kernel.
set -euo pipefail

step() { printf '\n==> %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

step "A stock Debian kernel, no OpenVZ patches"
show uname -r

step "Without vzbc.ko there is no /dev/vzctl, and vzctl says what to do"
show vzctl --version || echo "(vzctl exited $?)"

step "Load the module"
show insmod "$VZBC_KO"
dmesg --notime | grep 'vzbc:' | grep -v taint | tail -n 1

step "It registers the control device and /proc/vz"
show ls -l /dev/vzctl
show cat /proc/vz/version

step "vzctl talks to the module through /dev/vzctl"
show vzctl --version

step "Only root of the host may use it"
show setpriv --reuid=65534 --regid=65534 --clear-groups vzctl --version || echo "(vzctl exited $?)"

step "OpenVZ's configuration: /etc/vz/vz.conf and sample configs"
mkdir -p /etc/vz/conf
cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/
cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
show grep -E '^(VE_ROOT|VE_PRIVATE|TEMPLATE|CONFIGFILE|DEF_OSTEMPLATE|LOCAL_UID|LOCAL_GID)=' /etc/vz/vz.conf

step "A tiny OS template, built offline from busybox-static"
show "$VZBC_REPO/scripts/mk-template-busybox"

step "Create container 101 from it (256 MiB RAM sample config)"
show vzctl create 101 --ostemplate busybox --hostname demo101
show cat /etc/vz/conf/101.conf

step "Start it, and wait for its init to finish booting"
show vzctl start 101 --wait
show vzctl status 101
show vzlist
show vzctl exec 101 'hostname; ps; cat /sys/fs/cgroup/memory.max'

step "Its root is root only in its own user namespace: host uid 100000"
show vzctl exec 101 'id; cat /proc/self/uid_map'
show sh -c "grep -E '^(Name|Uid)' /proc/\$(head -n1 /sys/fs/cgroup/vzbc/101/cgroup.procs)/status"
show vzctl exec 101 'mknod /tmp/sda b 8 0' || true

step "Its beancounters, as OpenVZ showed them"
show sh -c "head -n 2 /proc/user_beancounters; grep -E '101:|numproc|physpages' /proc/user_beancounters"

step "Limit it to 30 processes, live and in its config"
show vzctl set 101 --numproc 30:30 --save
show grep NUMPROC /etc/vz/conf/101.conf

step "A fork storm inside: 60 sleepers asked for, the barrier says no"
show vzctl exec 101 'for i in $(seq 60); do sleep 600 & done 2>/dev/null; echo "sleepers: $(pgrep -c sleep)"' || true
show sh -c "grep -E '^ +uid|numproc' /proc/user_beancounters"
echo "(the last column, failcnt, counts the refused forks; vzlist shows it too)"
show vzlist -o ctid,numproc,numproc.b,numproc.l,numproc.f,hostname

step "What the customer sees inside: its own memory, swap, CPUs and load"
vzctl exec 101 'killall sleep'	# the storm's sleepers go
# (numproc goes down as each is reaped: killall does not wait for that)
for _ in $(seq 100); do
	[ "$(awk '$1 == "numproc" { print $2 }' /proc/bc/101/resources)" -lt 5 ] && break
	sleep 0.1
done
show free -m
show vzctl exec 101 'free -m; nproc; cat /proc/loadavg'
echo "(the host's figures above, the container's 256 MiB and its load below:"
echo " vzbc.ko shows each container its own /proc/meminfo, cpuinfo, loadavg and sysinfo(2))"
show vzlist -o ctid,laverage,hostname

step "A network for it: a LAN on uplink0, with a client namespace on it"
modprobe veth
ip netns add client
ip link add uplink0 type veth peer name eth0 netns client
ip addr add 10.9.0.1/24 dev uplink0
ip link set uplink0 up
ip -n client addr add 10.9.0.2/24 dev eth0
ip -n client link set eth0 up
show ip -br addr show uplink0

step "A venet address, OpenVZ style: routed by the host, owned by container 101 alone"
show vzctl set 101 --ipadd 10.9.0.101 --save
show vzctl exec 101 'ip addr show venet0; ip route'
show ip route show 10.9.0.101
show ip neigh show proxy
show ip netns exec client busybox ping -c 3 10.9.0.101
show cat /proc/vz/veinfo
show vzlist -o ctid,ip,traffic_in,traffic_out,packets_in,packets_out

step "Capacity tools: the beancounters in human units, and the container's share of the host"
show vzubc 101
show vzcalc 101

step "Prometheus metrics from vzbc-exporter (here printed once, not served)"
vzbc-exporter --print > /tmp/metrics
show grep -E '^vzbc_(beancounter_failcnt_total.*numproc|container_network_in_packets_total)' /tmp/metrics

step "libvirt's OpenVZ driver (Debian's virsh, unchanged) manages it"
for t in vzctl vzlist; do
	[ -e /usr/sbin/$t ] || ln -s "$VZBC_REPO/build/tools/$t" /usr/sbin/$t
done
show virsh -c openvz:///system list --all
show virsh -c openvz:///system dominfo 101
for t in vzctl vzlist; do
	[ "$(readlink /usr/sbin/$t)" != "$VZBC_REPO/build/tools/$t" ] || rm /usr/sbin/$t
done

step "The customer reboots it from inside: vzeventd (OpenVZ's daemon) starts it again"
vzeventd > /tmp/vzeventd.log 2>&1 &
evd=$!
for _ in $(seq 100); do grep -q "listening" /tmp/vzeventd.log && break; sleep 0.1; done
show vzctl exec 101 reboot
for _ in $(seq 300); do grep -q "Container 101 started again" /tmp/vzeventd.log && break; sleep 0.1; done
show cat /tmp/vzeventd.log
show vzctl status 101
show ip netns exec client busybox ping -c 3 -W 2 10.9.0.101

step "The host's network restarts: the kernel drops uplink0's proxy entries, vzeventd puts them back"
show ip link set uplink0 down
show ip neigh show proxy
show ip link set uplink0 up
for _ in $(seq 100); do ip neigh show proxy | grep -q 10.9.0.101 && break; sleep 0.1; done
show ip neigh show proxy
show tail -2 /tmp/vzeventd.log
show ip netns exec client busybox ping -c 3 -W 2 10.9.0.101
kill "$evd"
wait "$evd" 2>/dev/null || true

step "Stop and destroy it: its address, route and proxy entry go with it"
show vzctl stop 101
show vzctl destroy 101
show ip route show 10.9.0.101
show ip neigh show proxy
ip netns del client
ip link del uplink0 2>/dev/null || true

step "Unload: everything it created goes away"
for _ in $(seq 50); do rmmod vzbc 2>/dev/null && break; sleep 0.1; done
echo '$ rmmod vzbc'
show ls /proc/vz 2>&1 || true

printf '\nDemo finished.\n'
