#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# A container from the real Debian 12 template (scripts/mk-template-debian)
# boots systemd as its own init and runs real services. The template needs
# the network to build, so the host builds it ("make check" does, once per
# machine, under $VZBC_CACHE, and names it in VZBC_DEBIAN_TEMPLATE) and the
# guest reads it over 9p; without it, this file skips.

load helpers

TPL_NAME=debian-12-x86_64

setup_file() {
	local tpl=${VZBC_DEBIAN_TEMPLATE:-}
	[ -n "$tpl" ] || tpl=$(ls -t "${VZBC_CACHE:-/var/cache/vzbc}"/debian-template/*/cache/$TPL_NAME.tar.gz \
		2>/dev/null | head -n 1)
	mkdir -p /etc/vz/conf /vz/template/cache
	cp "$VZBC_REPO/etc/vz/vz.conf" /etc/vz/vz.conf
	cp "$VZBC_REPO"/etc/vz/conf/*.conf-sample /etc/vz/conf/
	[ -z "$tpl" ] || ln -sf "$tpl" /vz/template/cache/$TPL_NAME.tar.gz
}

setup() {
	[ -e /vz/template/cache/$TPL_NAME.tar.gz ] ||
		skip "no Debian template (scripts/mk-template-debian, built by make check)"
	vzbc_load
}

teardown() {
	vzctl stop 120 --fast > /dev/null 2>&1 || true
	vzctl destroy 120 > /dev/null 2>&1 || true
	net_cleanup
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

# ct_wait_booted CTID: until systemd says the boot is over (at most 240 s)
ct_wait_booted() {
	local state
	for _ in $(seq 240); do
		state=$(vzctl exec2 "$1" systemctl is-system-running 2>/dev/null) || true
		case $state in running|degraded) echo "$state"; return 0 ;; esac
		sleep 1
	done
	echo "still '$state' after 240 s" >&2
	vzctl exec2 "$1" systemctl --failed --no-pager >&2 || true
	return 1
}

@test "Debian 12: systemd boots as the container's init, sshd and journald run, sshd answers on its venet address, stop is clean" {
	net_lan_setup
	run vzctl create 120 --ostemplate $TPL_NAME --hostname deb120 \
		--local_uid 200000 --local_gid 200000 --ipadd "$LAN4.120"
	echo "$output"
	[ "$status" -eq 0 ]
	run vzctl start 120
	echo "$output"
	[ "$status" -eq 0 ]
	run ct_wait_booted 120
	echo "$output"
	[ "$status" -eq 0 ]
	if [ "$output" = degraded ]; then
		# every unit that failed, for the log; none may be one we test
		vzctl exec2 120 systemctl --failed --no-pager --plain
	fi
	# pid 1 is systemd, in its own cgroup tree below the container's
	[ "$(vzctl exec2 120 cat /proc/1/comm)" = systemd ]
	[ "$(vzctl exec2 120 hostname)" = deb120 ]
	[ -d /sys/fs/cgroup/vzbc/120/init.scope ]
	[ -d /sys/fs/cgroup/vzbc/120/system.slice ]
	# real services, started by systemd
	[ "$(vzctl exec2 120 systemctl is-active ssh.service)" = active ]
	[ "$(vzctl exec2 120 systemctl is-active systemd-journald.service)" = active ]
	[ "$(vzctl exec2 120 systemctl is-active dbus.service)" = active ]
	vzctl exec2 120 'ss -Hltn' | grep -q ':22 '
	# a real service on the container's venet address, from the LAN: the banner
	for _ in $(seq 20); do
		banner=$(ip netns exec client timeout 10 bash -c \
			'exec 3<> "/dev/tcp/$0/22" && IFS= read -r l <&3 && echo "$l"' "$LAN4.120") &&
			break
		sleep 1
	done
	echo "banner: $banner"
	[[ $banner == SSH-2.0-OpenSSH_* ]]
	# its own SSH host keys and machine id, made on this first boot
	vzctl exec2 120 'test -s /etc/ssh/ssh_host_ed25519_key.pub'
	[ -n "$(vzctl exec2 120 cat /etc/machine-id)" ]
	# numproc counts every task of the container, wherever systemd put
	# it, its init included (the exit of vzctl exec's commands is
	# uncharged a grace period later)
	for _ in $(seq 100); do
		n=$(find /sys/fs/cgroup/vzbc/120 -name cgroup.threads -exec cat {} + | wc -l)
		held=$(vzbc-ioctl get 120 numproc | cut -d' ' -f1)
		[ "$held" = "$n" ] && break
		sleep 0.1
	done
	echo "tasks in the container's cgroup tree: $n, numproc held: $held"
	[ "$n" -ge 5 ]
	[ "$held" = "$n" ]
	run vzlist -H -o ctid,status 120
	[[ "$output" == *120*running* ]]
	# root of its user namespace, not of the host; the limits stay the host's
	[ "$(stat -c %u /sys/fs/cgroup/vzbc/120/cgroup.procs)" = 200000 ]
	[ "$(stat -c %u /sys/fs/cgroup/vzbc/120/memory.max)" = 0 ]
	run vzctl exec2 120 'echo max > /sys/fs/cgroup/memory.max'
	[ "$status" -ne 0 ]
	# a clean shutdown through systemd, and nothing left behind
	run vzctl stop 120
	[ "$status" -eq 0 ]
	[[ "$output" != *"timed out"* ]]
	[ "$(vzctl status 120)" = "CTID 120 exist unmounted down" ]
	[ ! -e /sys/fs/cgroup/vzbc/120 ]
	[ ! -e /sys/class/net/venet120 ]
	[ -z "$(ip route show "$LAN4.120")" ]
	[ -z "$(ip neigh show proxy)" ]
	run grep -c '^ *120:' /proc/user_beancounters
	[ "$output" = 0 ]
}
