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

step "Stop and destroy it"
show vzctl stop 101
show vzctl destroy 101

step "Unload: everything it created goes away"
for _ in $(seq 50); do rmmod vzbc 2>/dev/null && break; sleep 0.1; done
echo '$ rmmod vzbc'
show ls /proc/vz 2>&1 || true

printf '\nDemo finished.\n'
