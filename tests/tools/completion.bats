#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The bash completion of vzctl and vzlist (build/completion/vzctl, made from
# the built tools): commands, options and their choices as --help lists
# them, containers and names, OS templates and samples from a made-up
# /etc/vz, vzlist's fields.

bats_require_minimum_version 1.5.0

TOP="$BATS_TEST_DIRNAME/../.."

setup() {
	source "$TOP/build/completion/vzctl"
	_vzbc_confdir=$BATS_TEST_TMPDIR/vz/conf
	mkdir -p "$_vzbc_confdir" "$BATS_TEST_TMPDIR/tmpl/cache"
	printf 'NAME="web"\nHOSTNAME="w"\n' > "$_vzbc_confdir/101.conf"
	: > "$_vzbc_confdir/102.conf"
	: > "$_vzbc_confdir/ve-basic.conf-sample"
	: > "$_vzbc_confdir/ve-vswap-256m.conf-sample"
	printf 'TEMPLATE=%s\n' "$BATS_TEST_TMPDIR/tmpl" > "$BATS_TEST_TMPDIR/vz/vz.conf"
	: > "$BATS_TEST_TMPDIR/tmpl/cache/debian-12.tar.gz"
	: > "$BATS_TEST_TMPDIR/tmpl/cache/busybox.tar.xz"
}

# comp FUNCTION WORD...: what completing the last word offers, sorted, on one line
comp() {
	local f=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	"$f"
	printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'
}

@test "vzctl: commands, then global options" {
	[ "$(comp _vzctl vzctl st)" = "start status stop" ]
	[ "$(comp _vzctl vzctl e)" = "enter exec exec2" ]
	[ "$(comp _vzctl vzctl --v)" = "--verbose --version" ]
	[ "$(comp _vzctl vzctl --q)" = "--quiet" ]
	[ "$(comp _vzctl vzctl --version s)" = "set start status stop" ]
}

@test "vzctl: containers and names after the command, none for create" {
	[ "$(comp _vzctl vzctl start '')" = "101 102 web" ]
	[ "$(comp _vzctl vzctl set w)" = "web" ]
	[ -z "$(comp _vzctl vzctl create '')" ]
}

@test "vzctl: each command's options, every option its --help lists" {
	local c o
	[ "$(comp _vzctl vzctl stop 101 --)" = "--fast --skip-umount" ]
	[[ " $(comp _vzctl vzctl set 101 --num) " == *" --numproc "* ]]
	[[ " $(comp _vzctl vzctl set 101 --num) " == *" --numiptent "* ]]
	for c in $_vzbc_commands; do
		for o in $("$TOP/build/tools/vzctl" "$c" --help < /dev/null 2> /dev/null |
			   sed -nE 's/^ {2,6}(-., )?(--[a-z0-9_-]+).*/\2/p' | grep -vxE -- '--(help|usage)'); do
			[[ " ${_vzbc_opts[$c]} " == *" $o "* ]] || { echo "$c $o"; false; }
		done
	done
	# every beancounter among set's options
	for r in $_vzbc_resources; do
		[[ " ${_vzbc_opts[set]} " == *" --$r "* ]]
	done
	[ "$(echo $_vzbc_resources | wc -w)" = 21 ]
}

@test "vzctl: the values of options, with or without =" {
	[ "$(comp _vzctl vzctl set 101 --onboot '')" = "no yes" ]
	[ "$(comp _vzctl vzctl set 101 --onboot = '')" = "no yes" ]
	[ "$(comp _vzctl vzctl set 101 --onboot = y)" = "yes" ]
	[ "$(comp _vzctl vzctl set 101 --setmode r)" = "restart" ]
	[ "$(comp _vzctl vzctl set 101 --cpumask a)" = "all auto" ]
	# a value without choices: nothing, not the options
	[ -z "$(comp _vzctl vzctl set 101 --numproc '')" ]
	[ "$(comp _vzctl vzctl create 103 --ostemplate '')" = "busybox debian-12" ]
	[ "$(comp _vzctl vzctl create 103 --config v)" = "vswap-256m" ]
	[ "$(comp _vzctl vzctl create 103 --layout s)" = "simfs" ]
	# after a value, options again
	[[ "$(comp _vzctl vzctl set 101 --onboot yes --sa)" == "--save" ]]
}

@test "vzlist: options, containers, fields for -o (a list) and -s" {
	[[ " $(comp _vzlist vzlist --st) " == *" --stopped "* ]]
	[ "$(comp _vzlist vzlist '')" = "101 102 web" ]
	[[ " $(comp _vzlist vzlist -o host) " == *" hostname "* ]]
	[ "$(comp _vzlist vzlist -o ctid,numpr)" = "ctid,numproc ctid,numproc.b ctid,numproc.f ctid,numproc.l ctid,numproc.m" ]
	[ "$(comp _vzlist vzlist -s -physp)" = "-physpages -physpages.b -physpages.f -physpages.l -physpages.m" ]
	[ -z "$(comp _vzlist vzlist -h '')" ]
	# every field vzlist -L lists
	for f in $("$TOP/build/tools/vzlist" -L | awk '{ print $1 }'); do
		[[ " $(_vzbc_vzlist_all_fields | tr '\n' ' ') " == *" $f "* ]]
	done
}

@test "the completion is registered for vzctl and vzlist" {
	[[ "$(complete -p vzctl)" == *"-F _vzctl vzctl" ]]
	[[ "$(complete -p vzlist)" == *"-F _vzlist vzlist" ]]
}
