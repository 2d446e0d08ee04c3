#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The Debian packages of build/deb/ (scripts/build-deb) on a clean root, as
# an admin installs them: dpkg -i, dkms builds vzbc.ko for the running
# kernel, modprobe loads it, the packaged tools run a container, and a
# purge leaves nothing behind. The guest's root is an overlay in memory:
# nothing here touches the host. The tests run in order, each on the state
# the one before left.
#
# Only the running kernel keeps its headers here, as on a host with one
# kernel: dkms builds for it alone (a build takes minutes under TCG; the
# package stage of scripts/check builds the package's source with dkms for
# every kernel, natively, and this file runs on each kernel).

load ../helpers

setup_file() {
	# the packaged tools, not the tree's build/ (but the test helpers)
	export PATH="/usr/sbin:/usr/bin:/sbin:/bin:$VZBC_REPO/build/tests"
	VERSION=$(cat "$VZBC_REPO/VERSION")
	export VERSION
	vzbc_unload_if_loaded
}

teardown_file() {
	vzbc_unload_if_loaded
}


@test "the root is clean: no vzbc package, tool, module or dkms state" {
	! dpkg-query -W vzbc-dkms vzbc-tools 2> /dev/null || false
	[ ! -e /usr/sbin/vzctl ]
	! compgen -G "/usr/src/vzbc-*" || false
	[ ! -e /var/lib/dkms/vzbc ]
	! compgen -G "/lib/modules/*/updates/dkms/vzbc.ko*" || false
	! grep -q '^vzbc ' /proc/modules || false
}

@test "dpkg -i installs both packages and dkms builds vzbc.ko for the running kernel" {
	# (a whiteout in the guest's overlay; the host's headers stay)
	for b in /lib/modules/*/build; do
		[ "$b" = "/lib/modules/$(uname -r)/build" ] || rm "$b"
	done
	debs=("$VZBC_REPO"/build/deb/vzbc-dkms_"$VERSION"_all.deb
	      "$VZBC_REPO"/build/deb/vzbc-tools_"$VERSION"_*.deb)
	[ -f "${debs[0]}" ] && [ -f "${debs[1]}" ]
	run dpkg -i "${debs[@]}"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(dpkg-query -W -f='${Status} ${Version}\n' vzbc-dkms vzbc-tools)" = \
		"install ok installed $VERSION
install ok installed $VERSION" ]
	k=$(uname -r)
	[[ "$(dkms status -m vzbc -v "$VERSION" -k "$k")" == *": installed" ]]
	compgen -G "/lib/modules/$k/updates/dkms/vzbc.ko*"
	[ "$(modinfo -F version vzbc)" = "$VERSION" ]
	[ "$(modinfo -F vermagic vzbc | cut -d' ' -f1)" = "$k" ]
	# the tools, their manual pages, the configs and the boot-time pieces
	[ -x /usr/sbin/vzctl ] && [ -x /usr/sbin/vzlist ]
	man -w vzctl vzlist vzbc-autostart > /dev/null
	for t in vzubc vzsplit vzcalc vzmemcheck vzoversell vzcfgvalidate vzpid vzbc-exporter vzeventd; do
		[ -x "/usr/sbin/$t" ]
		man -w "$t" > /dev/null
	done
	man -w 5 ctid.conf vz.conf > /dev/null
	grep -q '^complete -F _vzctl vzctl$' /usr/share/bash-completion/completions/vzctl
	[ "$(readlink /usr/share/bash-completion/completions/vzlist)" = vzctl ]
	# the exporter's unit is there, not enabled (it opens a port)
	[ -f /lib/systemd/system/vzbc-exporter.service ]
	! compgen -G "/etc/systemd/system/*.wants/vzbc-exporter.service" || false
	[ -f /etc/vz/vz.conf ] && [ -f /etc/vz/conf/ve-vswap-256m.conf-sample ]
	[ "$(cat /etc/modules-load.d/vzbc.conf)" = vzbc ]
	[ -L /etc/systemd/system/multi-user.target.wants/vz.service ]
	[ -L /etc/systemd/system/multi-user.target.wants/vzeventd.service ]
}

@test "modprobe vzbc loads the dkms-built module; the packaged tools run a container" {
	modprobe vzbc
	[ "$(modinfo -n vzbc)" = "$(compgen -G "/lib/modules/$(uname -r)/updates/dkms/vzbc.ko*")" ]
	[ "$(cat /proc/vz/version)" = "vzbc-$VERSION" ]
	[[ "$(vzctl --version)" == *"$VERSION"* ]]
	vzbc-mk-template-busybox > /dev/null
	vzctl create 101 --ostemplate busybox --hostname pkg101
	vzctl start 101
	[ "$(vzctl status 101)" = "CTID 101 exist mounted running" ]
	[ "$(vzctl exec 101 hostname)" = pkg101 ]
	grep -q '^ *101: *kmemsize' /proc/user_beancounters
	[ "$(vzlist -H -o ctid,status 101 | tr -s ' ')" = " 101 running" ]
	vzctl stop 101
	vzctl destroy 101
	rm -f /etc/vz/conf/101.conf.destroyed
	vzbc_settle
}

@test "dpkg --purge removes the module from every kernel, the tools and their files" {
	run dpkg --purge vzbc-tools vzbc-dkms
	echo "$output"
	[ "$status" -eq 0 ]
	! dpkg-query -W -f='${Status}\n' vzbc-dkms vzbc-tools 2> /dev/null | grep -q installed || false
	[ ! -e /usr/sbin/vzctl ] && [ ! -e /etc/vz/vz.conf ]
	! compgen -G "/usr/src/vzbc-*" || false
	[ ! -e /var/lib/dkms/vzbc ]
	! compgen -G "/lib/modules/*/updates/dkms/vzbc.ko*" || false
	[ ! -e /etc/modules-load.d/vzbc.conf ]
	[ ! -e /etc/systemd/system/multi-user.target.wants/vz.service ]
	[ ! -e /usr/sbin/vzbc-exporter ] && [ ! -e /lib/systemd/system/vzbc-exporter.service ]
	[ ! -e /usr/sbin/vzeventd ] && [ ! -e /etc/systemd/system/multi-user.target.wants/vzeventd.service ]
	[ ! -e /usr/share/bash-completion/completions/vzctl ]
}
