#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzlist's and vzctl's container commands' command line, on the host (no
# module, no containers needed).

bats_require_minimum_version 1.5.0

VZLIST="$BATS_TEST_DIRNAME/../../build/tools/vzlist"
VZCTL="$BATS_TEST_DIRNAME/../../build/tools/vzctl"

@test "vzlist --help lists OpenVZ's options" {
	run "$VZLIST" --help
	[ "$status" -eq 0 ]
	for o in --all --stopped --no-header --output --sort --json --list --hostname; do
		[[ "$output" == *"$o"* ]]
	done
}

@test "vzlist -L lists the fields, beancounters included" {
	run "$VZLIST" -L
	[ "$status" -eq 0 ]
	[[ "$output" == *"ctid "* ]]
	[[ "$output" == *"numproc"* ]]
	[[ "$output" == *"physpages"* ]]
}

@test "vzlist: columns are headed as OpenVZ heads them" {
	run "$VZLIST" -a -o ctid,numproc.f,numfile.m,kmemsize.b,physpages.l,numtcpsock,dcachesize,swappages
	[ "$status" -eq 0 ]
	[ "$(echo ${lines[0]})" = "CTID NPROC.F NFILE.M KMEMSIZE.B PHYSP.L NTCPSOCK DCACHESZ SWAPP" ]
	run "$VZLIST" -a -o diskspace,diskspace.s,diskspace.h,diskinodes,diskinodes.h,uptime,ioprio,layout
	[ "$status" -eq 0 ]
	[ "$(echo ${lines[0]})" = "DQBLOCKS DQBLOCKS.S DQBLOCKS.H DQINODES DQINODES.H UPTIME IOPRIO LAYOUT" ]
}

@test "vzlist: an unknown field is refused (exit 21)" {
	run "$VZLIST" -o ctid,nosuch
	[ "$status" -eq 21 ]
	[[ "$output" == *"unknown field 'nosuch'"* ]]
	run "$VZLIST" -o numproc.x
	[ "$status" -eq 21 ]
	run "$VZLIST" -s nosuch
	[ "$status" -eq 21 ]
}

@test "vzlist: a bad CTID is refused (exit 21)" {
	run "$VZLIST" abc
	[ "$status" -eq 21 ]
	run "$VZLIST" 0
	[ "$status" -eq 21 ]
}

@test "vzctl container commands: CTID 0 and bad CTIDs are refused (exit 21)" {
	for c in start stop status create destroy mount umount; do
		run "$VZCTL" $c 0
		[ "$status" -eq 21 ]
		[[ "$output" == *"only set is allowed for CT0"* ]]
		run "$VZCTL" $c 2147483645
		[ "$status" -eq 21 ]
	done
	run "$VZCTL" exec 0 true
	[ "$status" -eq 21 ]
}

@test "vzctl container commands: a missing CTID is a syntax error (exit 20)" {
	for c in start stop status create destroy enter exec exec2; do
		run "$VZCTL" $c
		[ "$status" -eq 20 ]
	done
}

@test "vzctl set: bad values of the other settings are refused (exit 21)" {
	run "$VZCTL" set 101 --cpuunits 7 --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --cpulimit 5x --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --hostname 'bad name' --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --name 'web 1' --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --ram 1G:2G --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --onboot maybe --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --diskspace 10X --save
	[ "$status" -eq 21 ]
	[[ "$output" == *"bad value for --diskspace: '10X'"* ]]
	run "$VZCTL" set 101 --diskspace 2G:1G --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --diskinodes 1.5 --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --meminfo privvmpages:1 --save
	[ "$status" -eq 21 ]
	[[ "$output" == *"--meminfo privvmpages:1 is not supported"* ]]
	run "$VZCTL" set 101 --meminfo pages:65536 --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --meminfo off --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --view meminfo,disk --save
	[ "$status" -eq 21 ]
	[[ "$output" == *"bad value for --view: 'meminfo,disk'"* ]]
	run "$VZCTL" set 101 --diskspace 1G
	[ "$status" -eq 20 ]
	[ "$output" = "vzctl: DISKSPACE is only kept in the config: add --save" ]
}
