#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzctl set: live limits on a registered container, --save into CTID.conf,
# and nothing changed on bad input or refusal.

load helpers

setup() {
	vzbc_load
	ct_register 101
	mkdir -p /etc/vz/conf
	printf '# test config\nNUMPROC="240:240"\nPANEL_ID="42"\n' > /etc/vz/conf/101.conf
}

teardown() {
	ct_cleanup_all
	rm -f /etc/vz/conf/101.conf /etc/vz/conf/102.conf
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "set applies limits to the running container at once" {
	run vzctl set 101 --numproc 100:110 --numfile 2048 --kmemsize 1M:2M --physpages 0:256M
	[ "$status" -eq 0 ]
	[ "$output" = "UB limits were set successfully" ]
	[ "$(bc_field 101 numproc 3-4)" = "100 110" ]
	[ "$(bc_field 101 numfile 3-4)" = "2048 2048" ]
	[ "$(bc_field 101 kmemsize 3-4)" = "1048576 2097152" ]
	[ "$(bc_field 101 physpages 3-4)" = "0 $((256 * 1024 * 1024 / $(getconf PAGESIZE)))" ]
	# without --save the config file is untouched
	grep -qx 'NUMPROC="240:240"' /etc/vz/conf/101.conf
}

@test "the new limit is enforced right away" {
	vzctl set 101 --numproc 4
	run in_ct 101 vzbc-hog procs 20 --release
	[ "$output" = "created 4 errno=EAGAIN" ]
}

@test "--save writes CTID.conf and keeps every other line" {
	run vzctl set 101 --numproc 100 --numflock 5:unlimited --save
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "Saved parameters for CT 101" ]
	[ "$(cat /etc/vz/conf/101.conf)" = $'# test config\nNUMPROC="100:100"\nPANEL_ID="42"\nNUMFLOCK="5:9223372036854775807"' ]
	[ "$(bc_field 101 numflock 3-4)" = "5 $LONG_MAX" ]
}

@test "--save for a stopped container writes only the config" {
	printf 'HOSTNAME="ct102"\n' > /etc/vz/conf/102.conf
	run vzctl set 102 --numproc 50 --save
	[ "$status" -eq 0 ]
	[ "$output" = "Saved parameters for CT 102" ]
	grep -qx 'NUMPROC="50:50"' /etc/vz/conf/102.conf
}

@test "a stopped container without --save is exit 31 and nothing changes" {
	run vzctl set 102 --numproc 50
	[ "$status" -eq 31 ]
	[ "$output" = "vzctl: container 102 is not running: use --save to store the values" ]
}

@test "--save without a config file is exit 14 and nothing changes" {
	rm /etc/vz/conf/101.conf
	run vzctl set 101 --numproc 77 --save
	[ "$status" -eq 14 ]
	[ "$(bc_field 101 numproc 3)" = "$LONG_MAX" ]
	[ ! -e /etc/vz/conf/101.conf ]
}

@test "a bad value among good ones changes nothing, live or saved" {
	before=$(cat /etc/vz/conf/101.conf)
	run vzctl set 101 --numfile 10 --numproc x --save
	[ "$status" -eq 21 ]
	[ "$(bc_field 101 numfile 3)" = "$LONG_MAX" ]
	[ "$(cat /etc/vz/conf/101.conf)" = "$before" ]
}

@test "inside the container, root cannot change its own limits" {
	run in_ct 101 vzctl set 101 --numproc 100000
	[ "$status" -eq 12 ]
	[[ "$output" == *"permission denied"* ]]
	[ "$(bc_field 101 numproc 3)" = "$LONG_MAX" ]
}
