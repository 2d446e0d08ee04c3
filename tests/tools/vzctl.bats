#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzctl's command line, on the host (no module needed).

bats_require_minimum_version 1.5.0

VZCTL="$BATS_TEST_DIRNAME/../../build/tools/vzctl"

@test "--help begins with OpenVZ's version line, then usage, and exits 0" {
	run "$VZCTL" --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "vzctl version 4.11.1 (vzbc $(cat "$BATS_TEST_DIRNAME/../../VERSION"))" ]
	[ "${lines[1]}" = "Usage: vzctl [OPTION...] <command> <ctid> [parameters]" ]
	[[ "$output" == *"--version"* ]]
	[[ "$output" == *"--quiet"* ]]
	[[ "$output" == *"--verbose"* ]]
	[[ "$output" == *"Commands:"* ]]
}

@test "--help as libvirt runs it: no PATH, LC_ALL=C, the version on stdout's first line" {
	run --separate-stderr env -i LC_ALL=C "$VZCTL" --help
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "${lines[0]}" =~ ^vzctl\ version\ [0-9]+\.[0-9]+\.[0-9]+ ]]
}

@test "-h is --help" {
	run "$VZCTL" -h
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "Usage: vzctl"* ]]
}

@test "--quiet and --verbose are taken before the command" {
	run "$VZCTL" --quiet --verbose --help
	[ "$status" -eq 0 ]
	run "$VZCTL" --quiet set 101 --numproc 1K
	[ "$status" -eq 21 ]
	[ "$output" = "vzctl: bad value for --numproc: '1K' (barrier[:limit], plain numbers or unlimited)" ]
}

@test "an unknown option is a syntax error (exit 20)" {
	run "$VZCTL" --no-such-option
	[ "$status" -eq 20 ]
	[ "$output" = "vzctl: --no-such-option: unknown option" ]
}

@test "an unknown command is a syntax error (exit 20)" {
	run "$VZCTL" frobnicate 101
	[ "$status" -eq 20 ]
	[ "$output" = "vzctl: unknown command 'frobnicate'; try vzctl --help" ]
}

@test "no command prints usage on stderr (exit 20)" {
	run --separate-stderr "$VZCTL"
	[ "$status" -eq 20 ]
	[ -z "$output" ]
	[[ "$stderr" == "vzctl version "*$'\n'"Usage: vzctl"* ]]
}

@test "--version prints the tools' version first" {
	run "$VZCTL" --version
	[ "${lines[0]}" = "vzctl version 4.11.1 (vzbc $(cat "$BATS_TEST_DIRNAME/../../VERSION"))" ]
	if [ ! -e /dev/vzctl ]; then
		[ "$status" -eq 5 ]
		[ "${lines[1]}" = "vzctl: vzbc module is not loaded: modprobe vzbc" ]
	fi
}

@test "set: a malformed value is refused before anything happens (exit 21)" {
	run "$VZCTL" set 101 --numproc 1K
	[ "$status" -eq 21 ]
	[ "$output" = "vzctl: bad value for --numproc: '1K' (barrier[:limit], plain numbers or unlimited)" ]
}

@test "set: a barrier above the limit is brought down to it, with a warning" {
	# (the malformed value after it stops the command before anything happens)
	run --separate-stderr "$VZCTL" set 101 --privvmpages 9223372036854775807:125000 --numproc 1K
	[ "$status" -eq 21 ]
	[ "${stderr_lines[0]}" = "vzctl: warning: --privvmpages 9223372036854775807:125000: the barrier is above the limit, set to the limit" ]
	[ "${stderr_lines[1]}" = "vzctl: bad value for --numproc: '1K' (barrier[:limit], plain numbers or unlimited)" ]
	# OpenVZ's unlimited, LONG_MAX, is taken without a word
	run --separate-stderr "$VZCTL" set 101 --privvmpages 9223372036854775807 --vmguarpages 1:9223372036854775807 --numproc 1K
	[ "${#stderr_lines[@]}" -eq 1 ]
}

@test "set: CTID missing, malformed, doubled or 0 is refused" {
	run "$VZCTL" set --numproc 5
	[ "$status" -eq 20 ]
	run "$VZCTL" set abc --numproc 5
	[ "$status" -eq 20 ]
	[ "$output" = "vzctl set: bad CTID 'abc' (no container has that name)" ]
	run "$VZCTL" set 2147483645 --numproc 5
	[ "$status" -eq 20 ]
	run "$VZCTL" set 101 102 --numproc 5
	[ "$status" -eq 20 ]
	run "$VZCTL" set 0 --numproc 5
	[ "$status" -eq 21 ]
	[ "$output" = "vzctl set: vzbc does not limit the host (CT 0)" ]
}

@test "set: nothing to set is exit 27, an unknown option exit 20" {
	run "$VZCTL" set 101
	[ "$status" -eq 27 ]
	run "$VZCTL" set 101 --no-such-resource 5
	[ "$status" -eq 20 ]
	[ "$output" = "vzctl set: --no-such-resource: unknown option" ]
}

@test "set --help lists every beancounter option" {
	run "$VZCTL" set --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Usage: vzctl set CTID [OPTION...]" ]
	for r in kmemsize lockedpages privvmpages shmpages numproc physpages vmguarpages \
		 oomguarpages numtcpsock numflock numpty numsiginfo tcpsndbuf tcprcvbuf \
		 othersockbuf dgramrcvbuf numothersock dcachesize numfile numiptent swappages; do
		[[ "$output" == *"--$r=B[:L]"* ]]
	done
}

@test "runscript: listed in --help; bad arguments fail before touching anything" {
	run "$VZCTL" --help
	[[ "$output" == *"runscript"*"run a host shell script inside a container"* ]]
	run "$VZCTL" runscript 101
	[ "$status" -eq 20 ]
	[ "$output" = "Usage: vzctl runscript <ctid> <script>" ]
	run "$VZCTL" runscript 101 /nonexistent/script.sh
	[ "$status" -eq 21 ]
	[ "$output" = "vzctl: script /nonexistent/script.sh: No such file or directory" ]
	run "$VZCTL" runscript 0 /dev/null
	[ "$status" -eq 21 ]
}

@test "set --capability and --setmode: bad values refused before anything happens" {
	run "$VZCTL" set 101 --capability foo:on --save
	[ "$status" -eq 21 ]
	[[ "$output" == *"bad value for --capability: 'foo:on'"* ]]
	run "$VZCTL" set 101 --capability net_admin:maybe --save
	[ "$status" -eq 21 ]
	run "$VZCTL" set 101 --capability net_admin:on
	[ "$status" -eq 20 ]
	[ "$output" = "vzctl: CAPABILITY is only kept in the config: add --save" ]
	run "$VZCTL" set 101 --numproc 5 --setmode sometimes
	[ "$status" -eq 21 ]
	run "$VZCTL" set --help
	[[ "$output" == *"--capability=NAME:on|off"* ]]
	[[ "$output" == *"--setmode=restart|ignore"* ]]
}

@test "set: DNS, CPU mask, device node and disabled values are checked before anything happens" {
	local bad
	for bad in "--nameserver 1.2.3" "--nameserver ::g" "--nameserver example.com" \
		"--searchdomain -a.b" "--searchdomain a..b" "--searchdomain a_b" \
		"--cpumask 3-1" "--cpumask 0,,1" "--cpumask 99999999" "--nodemask 0-x" \
		"--devnodes /dev/sda:rw" "--devnodes ../sda:rw" "--devnodes net/../sda:rw" \
		"--devnodes sda" "--devnodes sda:rwx" "--disabled maybe"; do
		run "$VZCTL" set 101 $bad --save
		echo "$bad: $status $output"
		[ "$status" -eq 21 ]
	done
	# good ones get as far as the missing config
	run "$VZCTL" set 101 --nameserver 192.0.2.1 --nameserver inherit --searchdomain example.com \
		--cpumask all --nodemask 0 --devnodes null:rw --disabled no --save
	[ "$status" -eq 14 ]
	run "$VZCTL" set 101 --disabled yes
	[ "$status" -eq 20 ]
	run "$VZCTL" set --help
	[[ "$output" == *"--nameserver=ADDR|inherit"* ]]
	[[ "$output" == *"--cpumask=CPUS|all|auto"* ]]
	[[ "$output" == *"--devnodes=NAME:r|w|rw|none"* ]]
	run "$VZCTL" start --help
	[[ "$output" == *"--wait"* ]] && [[ "$output" == *"--force"* ]]
}

@test "chkpnt and restore: OpenVZ's options taken, refused clearly with exit 16 and 17" {
	run "$VZCTL" --quiet chkpnt 101 --suspend
	[ "$status" -eq 16 ]
	[ "$output" = "vzctl: checkpointing is not supported on a stock kernel: container 101 is left as it was" ]
	run "$VZCTL" chkpnt 101 --dump --dumpfile /tmp/dump.101 --ctx 5
	[ "$status" -eq 16 ]
	run "$VZCTL" restore 101 --undump --resume --skip_arpdetect
	[ "$status" -eq 17 ]
	[ "$output" = "vzctl: restoring a checkpoint is not supported on a stock kernel: container 101 is left as it was" ]
	run "$VZCTL" chkpnt 101 --freeze
	[ "$status" -eq 20 ]
	run "$VZCTL" restore 0
	[ "$status" -eq 21 ]
}
