#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzctl's command line, on the host (no module needed).

bats_require_minimum_version 1.5.0

VZCTL="$BATS_TEST_DIRNAME/../../build/tools/vzctl"

@test "--help prints usage and exits 0" {
	run "$VZCTL" --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Usage: vzctl [OPTION...] <command> <ctid> [parameters]" ]]
	[[ "$output" == *"--version"* ]]
	[[ "$output" == *"Commands:"* ]]
}

@test "-h is --help" {
	run "$VZCTL" -h
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Usage: vzctl"* ]]
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
	[[ "$stderr" == "Usage: vzctl"* ]]
}

@test "--version prints the tools' version first" {
	run "$VZCTL" --version
	[ "${lines[0]}" = "vzctl version $(cat "$BATS_TEST_DIRNAME/../../VERSION") (vzbc)" ]
	if [ ! -e /dev/vzctl ]; then
		[ "$status" -eq 5 ]
		[ "${lines[1]}" = "vzctl: vzbc module is not loaded: modprobe vzbc" ]
	fi
}
