#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzctl's options as --help shows them (made from each command's popt table
# and, for set and create, from the parameter table) and as vzctl(8)
# documents them: the same options, command by command.

bats_require_minimum_version 1.5.0

VZCTL="$BATS_TEST_DIRNAME/../../build/tools/vzctl"
MAN="$BATS_TEST_DIRNAME/../../man/vzctl.8"

# the long options of "vzctl $1 --help", but --help and --usage
help_opts() {
	"$VZCTL" "$1" --help | sed -nE 's/^ {2,6}(-., )?--([a-z0-9_-]+).*/\2/p' |
		grep -vxE 'help|usage' | sort
}

# the options in the man page's COMMANDS entry of command $1
man_cmd_opts() {
	sed -nE "/^\.BI \"$1 \"/p" "$MAN" | grep -oE '\\-\\-[a-z0-9_]+(\\-[a-z0-9_]+)*' |
		sed 's/\\-/-/g; s/^--//' | sort -u
}

# the options the man page's SET PARAMETERS section lists (an entry's tag)
man_set_params() {
	awk '/^\.SH SET PARAMETERS/ { on = 1; next } /^\.SH/ { on = 0 }
	     on && prev == ".TP" { print } { prev = $0 }' "$MAN" |
		grep -oE '^\.B[IR]? \\-\\-[a-z0-9_]+(\\-[a-z0-9_]+)*' |
		sed -E 's/^[^ ]* //; s/\\-/-/g; s/^--//'
}

@test "each command's --help and its man page entry list the same options" {
	local c
	for c in create start stop restart; do
		echo "$c"
		diff <(help_opts $c) <(man_cmd_opts $c)
		[ -n "$(help_opts $c)" ]
	done
	# no options of their own
	for c in status mount umount destroy; do
		echo "$c"
		[ -z "$(help_opts $c)" ]
	done
}

@test "set --help and the man page's SET PARAMETERS list the same options" {
	diff <(help_opts set) <( (echo save; echo setmode; man_set_params) | sort)
	# every beancounter among them
	[ "$(man_set_params | grep -c -xE 'kmemsize|numproc|physpages|swappages|numiptent')" = 5 ]
}

@test "an option a command does not take is refused (exit 20)" {
	run "$VZCTL" destroy 101 --force
	[ "$status" -eq 20 ]
	[ "$output" = "vzctl destroy: --force: unknown option" ]
	run "$VZCTL" status 101 --wait
	[ "$status" -eq 20 ]
	run "$VZCTL" mount 101 --fast
	[ "$status" -eq 20 ]
	run "$VZCTL" stop 101 --wait
	[ "$status" -eq 20 ]
	run "$VZCTL" create 101 --numproc 5
	[ "$status" -eq 20 ]
	run "$VZCTL" set 101 --ostemplate busybox
	[ "$status" -eq 20 ]
}

@test "create checks the values it shares with set before anything happens" {
	run "$VZCTL" create 101 --hostname 'bad name'
	[ "$status" -eq 21 ]
	[[ "$output" == "vzctl: bad value for --hostname: 'bad name'"* ]]
	run "$VZCTL" create 101 --diskspace 2G:1G
	[ "$status" -eq 21 ]
	run "$VZCTL" create 101 --layout zfs
	[ "$status" -eq 21 ]
	[ "$output" = "vzctl: --layout zfs: simfs, ploop, ploop:expanded, ploop:plain or ploop:raw" ]
	run "$VZCTL" create 101 --local_uid -5
	[ "$status" -eq 21 ]
}
