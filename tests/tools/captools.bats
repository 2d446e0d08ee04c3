#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The capacity and monitoring tools' command lines on the host, without the
# module: vzubc, vzmemcheck and vzoversell on saved beancounter files
# (data/), vzcfgvalidate on configs, vzsplit on this host, vzpid on this
# shell. tests/vm/captools.bats runs them against real containers.

bats_require_minimum_version 1.5.0

TOP="$BATS_TEST_DIRNAME/../.."
T="$TOP/build/tools"
DATA="$BATS_TEST_DIRNAME/data"

# the options of "$1 --help": -x, --long and one-dash -xy, but --help's
help_opts() {
	"$T/$1" --help | sed -nE 's/^ {2,6}((-[a-zA-Z0-9?]{1,2})(, )?)?(--([a-z0-9-]+))?[ =].*/\2 \5/p' |
		tr ' ' '\n' | sed '/^$/d; /^help$/d; /^-h$/d; /^-?$/d; s/^--//' | sort -u
}

# the options the man page's OPTIONS section lists (an entry's tag)
man_opts() {
	awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 }
	     on && prev == ".TP" { print } { prev = $0 }' "$TOP/man/$1.8" |
		grep -oE '\\-(\\-)?[a-zA-Z0-9]+(\\-[a-z0-9]+)*' | sed 's/\\-/-/g' |
		sed 's/^--//; /^help$/d; /^-h$/d; /^-$/d' | sort -u
}

@test "each tool's --help and its man page list the same options" {
	local t
	for t in vzubc vzsplit vzcalc vzmemcheck vzoversell vzcfgvalidate vzpid vzeventd; do
		echo "$t: help: $(help_opts $t | tr '\n' ' ') man: $(man_opts $t | tr '\n' ' ')"
		diff <(help_opts $t | sed 's/^-//') <(man_opts $t | sed 's/^-//')
	done
}

@test "vzubc: a block per container, sizes in human units, unlimited rows left out" {
	run "$T/vzubc" -f "$DATA/bc-resources"
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "CT 101       | HELD  Bar%  Lim%| MAXH  Bar%  Lim%| BAR | LIM |  FAIL" ]]
	[[ "$output" == *"CT 102 "* ]]
	grep -qE '^ +numproc\|  19    95%   95%\|  20   100%  100%\|  20 \|  20 \|    7 $' <<< "$output"
	# physpages: 0 barrier, a 256 MiB limit
	grep -qE '^ +physpages\|46.9M    -    18%\|58.6M    -    23%\|   - \| 256M\|' <<< "$output"
	# kmemsize of 101 is unlimited: not shown without -v
	[ "$(grep -c kmemsize <<< "$output")" = 1 ]
	run "$T/vzubc" -v -f "$DATA/bc-resources"
	[ "$(grep -c kmemsize <<< "$output")" = 2 ]
	# only one container; by CTID
	run "$T/vzubc" -f "$DATA/bc-resources" 102
	[ "$status" -eq 0 ]
	[[ "$output" != *"CT 101"* ]] && [[ "$output" == *"CT 102"* ]]
}

@test "vzubc: reads /proc/user_beancounters' format, dummies and all" {
	run "$T/vzubc" -v -f "$DATA/user_beancounters"
	[ "$status" -eq 0 ]
	[[ "$output" == *"CT 101"* ]]
	[[ "$output" != *dummy* ]]
	run "$T/vzubc" -f - < "$DATA/user_beancounters"
	[ "$status" -eq 0 ]
	[[ "$output" == *"numproc|  19 "* ]]
}

@test "vzubc -q and -c: failing and near rows, with thresholds" {
	run "$T/vzubc" -q -f "$DATA/bc-resources"
	[ "$status" -eq 0 ]
	# failing (numproc of 101), near the barrier (numfile 86%, kmemsize 63%)
	grep -q '^ *numproc|' <<< "$output"
	grep -q '^ *numfile|' <<< "$output"
	! grep -q '^ *numtcpsock|' <<< "$output" || false
	# a higher held threshold drops kmemsize (63% held, 83% maxheld < 0.9)
	run "$T/vzubc" -q -qh 70 -qm 0.9 -f "$DATA/bc-resources" 102
	! grep -q '^ *kmemsize|' <<< "$output" || false
	grep -q '^ *numfile|' <<< "$output"
	# colors: red for failures, yellow near
	run "$T/vzubc" -c -f "$DATA/bc-resources" 101
	grep -q $'^\e\\[1;31m *numproc|' <<< "$output"
	grep -q $'^\e\\[0;39m *physpages|' <<< "$output"
}

@test "vzubc -r: failures since the last run, kept per container" {
	local d=$BATS_TEST_TMPDIR/store
	run "$T/vzubc" -r -rd "$d" -f "$DATA/bc-resources" 101
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *"| +FAIL" ]]
	grep -qE '^ +numproc\|.*\|    7 $' <<< "$output"
	[ "$(stat -c %a "$d")" = 700 ]
	# nothing failed since (numproc is still shown by -q: 95% held)
	run "$T/vzubc" -r -q -rd "$d" -f "$DATA/bc-resources" 101
	[ "$status" -eq 0 ]
	grep -qE '^ +numproc\|.*\|    - $' <<< "$output"
	# more failures: only the new ones
	sed 's/^\( *numproc *19 *20 *20 *20 *\)7$/\110/' "$DATA/bc-resources" > "$BATS_TEST_TMPDIR/bc"
	run "$T/vzubc" -r -q -rd "$d" -f "$BATS_TEST_TMPDIR/bc" 101
	grep -qE '^ +numproc\|.*\|    3 $' <<< "$output"
	# -rc forgets
	run "$T/vzubc" -rc -r -q -rd "$d" -f "$BATS_TEST_TMPDIR/bc" 101
	grep -qE '^ +numproc\|.*\|   10 $' <<< "$output"
	# a store others could write to is refused
	chmod 777 "$d"
	run "$T/vzubc" -r -rd "$d" -f "$DATA/bc-resources"
	[ "$status" -eq 1 ]
	[[ "$output" == *"closed to others"* ]]
}

@test "vzubc -i: held's change since the last run" {
	local d=$BATS_TEST_TMPDIR/store
	"$T/vzubc" -i -id "$d" -f "$DATA/bc-resources" 101 > /dev/null
	sed 's/^\( *numproc *\)19 /\115 /' "$DATA/bc-resources" > "$BATS_TEST_TMPDIR/bc"
	run "$T/vzubc" -i -q -id "$d" -f "$BATS_TEST_TMPDIR/bc" 101
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *"HELD  +/-    Bar%"* ]]
	grep -qE '^ +numproc\|  15 +-4 +75% +75%\|' <<< "$output"
}

@test "vzubc -w: the report again on a cleared screen, with a title" {
	run timeout 2 "$T/vzubc" -wn 0.3 -f "$DATA/bc-resources" 101
	[ "$status" -eq 124 ]
	[ "$(grep -c 'Every 0.3s: vzubc -wn 0.3' <<< "$output")" -ge 2 ]
	[ "$(grep -c $'\e\\[H\e\\[2J' <<< "$output")" -ge 2 ]
	run timeout 1 "$T/vzubc" -wt -wn 0.3 -f "$DATA/bc-resources" 101
	[[ "$output" != *Every* ]]
}

@test "vzubc: bad options, files and containers are refused (exit 1)" {
	run "$T/vzubc" -qh 0.5 -f "$DATA/bc-resources"
	[ "$status" -eq 1 ]
	[[ "$output" == *"only make sense with -q or -c"* ]]
	run "$T/vzubc" -q -v -f "$DATA/bc-resources"
	[ "$status" -eq 1 ]
	run "$T/vzubc" -q -qh lots -f "$DATA/bc-resources"
	[ "$status" -eq 1 ]
	[[ "$output" == *"bad threshold 'lots'"* ]]
	run "$T/vzubc" -wn 0 -f "$DATA/bc-resources"
	[ "$status" -eq 1 ]
	run "$T/vzubc" -f /nonexistent
	[ "$status" -eq 1 ]
	[[ "$output" == *"/nonexistent: No such file or directory"* ]]
	printf 'Version: 3.0\n' > "$BATS_TEST_TMPDIR/v3"
	run "$T/vzubc" -f "$BATS_TEST_TMPDIR/v3"
	[ "$status" -eq 1 ]
	[[ "$output" == *"not a beancounter file of version 2.5"* ]]
	run "$T/vzubc" -f "$DATA/bc-resources" no-such-name
	[ "$status" -eq 1 ]
	[[ "$output" == *"no container 'no-such-name'"* ]]
	run "$T/vzubc" --bogus
	[ "$status" -eq 1 ]
	# -r needs CTIDs in the file
	printf '  numproc 1 2 3 4 0\n' > "$BATS_TEST_TMPDIR/one"
	run "$T/vzubc" -r -rd "$BATS_TEST_TMPDIR/s" -f "$BATS_TEST_TMPDIR/one"
	[ "$status" -eq 1 ]
	[[ "$output" == *"no container IDs"* ]]
}

@test "vzoversell: RAM and swap per container, totals and flags" {
	run "$T/vzoversell" "$DATA/bc-resources"
	[ "$status" -eq 0 ]
	grep -qE '^ +101 46.9M 58.6M  256M    -     40K   80K  512M    -   F$' <<< "$output"
	# 102: no RAM limit (half of privvmpages' 69632), unlimited swap
	grep -qE '^ +102 78.1M  117M  136M .* RS$' <<< "$output"
	grep -qE '^ +TOTAL  125M  175M  392M ' <<< "$output"
	grep -q '^RAM        available: .* allocated:  392M  oversell: ' <<< "$output"
	grep -q '^  R: no RAM limit' <<< "$output"
	run "$T/vzoversell" /nonexistent
	[ "$status" -eq 1 ]
	run "$T/vzoversell" a b
	[ "$status" -eq 1 ]
}

@test "vzmemcheck -f: a line per container, the summary, absolute values" {
	run "$T/vzmemcheck" -v -f "$DATA/bc-resources"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Output values in %" ]
	grep -qE '^101 +[0-9.]+( +[0-9.]+){7}$' <<< "$output"
	grep -qE '^Summary: +[0-9.]+( +[0-9.]+){7}$' <<< "$output"
	run "$T/vzmemcheck" -A -f "$DATA/bc-resources"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Output values in Mbytes" ]
	# utilisation: kernel memory held of both (3481600 + ... bytes) in MiB
	[ "$(echo ${lines[3]} | cut -d' ' -f1)" = 12.12 ]
	# the host's 40% of RAM, in MiB, under the sums
	want=$(awk '/^MemTotal:/ { printf "%.2f", $2 * 0.4 / 1024 }' /proc/meminfo)
	[ "$(echo ${lines[4]} | cut -d' ' -f1)" = "$want" ]
	run "$T/vzmemcheck" extra
	[ "$status" -eq 1 ]
}

@test "vzcfgvalidate: OpenVZ's basic sample is valid, a broken one is not (exit 2)" {
	run "$T/vzcfgvalidate" "$TOP/etc/vz/conf/ve-basic.conf-sample"
	[ "$status" -eq 0 ]
	[ "$output" = "Validation completed: success" ]
	sed -e 's/^NUMPROC=.*/NUMPROC="240:300"/' -e 's/^KMEMSIZE=.*/KMEMSIZE="1000000:1000000"/' \
		-e 's/^DGRAMRCVBUF=.*/DGRAMRCVBUF="40000:40000"/' \
		"$TOP/etc/vz/conf/ve-basic.conf-sample" > "$BATS_TEST_TMPDIR/c.conf"
	cp "$BATS_TEST_TMPDIR/c.conf" "$BATS_TEST_TMPDIR/orig"
	run "$T/vzcfgvalidate" "$BATS_TEST_TMPDIR/c.conf"
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "Error: numproc: barrier and limit should be equal (currently 240:300)" ]
	[ "${lines[1]}" = "Error: kmemsize: barrier should be at least 10997760 (currently 1000000:1000000)" ]
	[ "${lines[2]}" = "Recommendation: dgramrcvbuf: barrier should be at least 132096 (currently 40000:40000)" ]
	cmp "$BATS_TEST_TMPDIR/c.conf" "$BATS_TEST_TMPDIR/orig"
}

@test "vzcfgvalidate -r repairs in place, -i asks first" {
	sed -e 's/^NUMPROC=.*/NUMPROC="240:300"/' -e 's/^NUMFILE=.*/NUMFILE="40000:40000"/' \
		-e '1i # a comment kept' "$TOP/etc/vz/conf/ve-basic.conf-sample" > "$BATS_TEST_TMPDIR/c.conf"
	cp "$BATS_TEST_TMPDIR/c.conf" "$BATS_TEST_TMPDIR/i.conf"
	run "$T/vzcfgvalidate" -r "$BATS_TEST_TMPDIR/c.conf"
	[ "$status" -eq 0 ]
	[[ "$output" == *"  set to 300:300"* ]]
	[ "${lines[-1]}" = "Validation completed: success" ]
	grep -qx 'NUMPROC="300:300"' "$BATS_TEST_TMPDIR/c.conf"
	# the dentry cache grew with the files, kernel memory with it
	grep -qx 'DCACHESIZE="3409920:15360000"' "$BATS_TEST_TMPDIR/c.conf"
	grep -qx 'KMEMSIZE="22732800:23150264"' "$BATS_TEST_TMPDIR/c.conf"
	grep -qx '# a comment kept' "$BATS_TEST_TMPDIR/c.conf"
	run "$T/vzcfgvalidate" "$BATS_TEST_TMPDIR/c.conf"
	[ "$status" -eq 0 ]
	# -i: yes to the first, no to the rest
	run "$T/vzcfgvalidate" -i "$BATS_TEST_TMPDIR/i.conf" <<< $'y\nn\nn\nn\nn\n'
	[ "$status" -eq 2 ]
	grep -qx 'NUMPROC="300:300"' "$BATS_TEST_TMPDIR/i.conf"
	grep -qx 'NUMFILE="40000:40000"' "$BATS_TEST_TMPDIR/i.conf"
	grep -qx 'KMEMSIZE="14372700:14790164"' "$BATS_TEST_TMPDIR/i.conf"
}

@test "vzcfgvalidate: vswap configs, and what cannot be checked (exit 1)" {
	printf 'PHYSPAGES="0:256M"\nSWAPPAGES="0:%sK"\nNUMPROC="100:50"\n' \
		"$(awk '/^SwapTotal:/ { print $2 }' /proc/meminfo)" > "$BATS_TEST_TMPDIR/v.conf"
	run "$T/vzcfgvalidate" "$BATS_TEST_TMPDIR/v.conf"
	[ "$status" -eq 2 ]
	[ "$output" = "Error: numproc: barrier should not be above limit (currently 100:50)" ]
	# -v no: checked as a classic config
	run "$T/vzcfgvalidate" -v no "$BATS_TEST_TMPDIR/v.conf"
	[ "$status" -eq 2 ]
	[[ "$output" == *"parameter numtcpsock not found"* ]]
	printf 'NUMPROC="lots"\n' > "$BATS_TEST_TMPDIR/b.conf"
	run "$T/vzcfgvalidate" "$BATS_TEST_TMPDIR/b.conf"
	[ "$status" -eq 1 ]
	[[ "$output" == *"bad NUMPROC value"* ]]
	run "$T/vzcfgvalidate" /nonexistent.conf
	[ "$status" -eq 1 ]
	run "$T/vzcfgvalidate" -v maybe "$BATS_TEST_TMPDIR/v.conf"
	[ "$status" -eq 1 ]
	run "$T/vzcfgvalidate"
	[ "$status" -eq 1 ]
}

@test "vzsplit: a vswap sample by default, the classic set with -v no, and vzcfgvalidate accepts both" {
	run "$T/vzsplit" -n 4
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "# Generated by vzsplit for 4 equal containers on a host with" ]]
	ram=$(awk '/^MemTotal:/ { printf "%d", ($2 / 1024 - 50) / 4 }' /proc/meminfo)
	grep -qx "PHYSPAGES=\"0:${ram}M\"" <<< "$output"
	grep -qE '^SWAPPAGES="0:[0-9]+M?"$' <<< "$output"
	grep -qE '^DISKSPACE="[0-9]+:[0-9]+"$' <<< "$output"
	grep -qx 'CPUUNITS="1000"' <<< "$output"
	! grep -q KMEMSIZE <<< "$output" || false
	"$T/vzsplit" -n 4 -s 4194304 > "$BATS_TEST_TMPDIR/v.conf"
	grep -qx 'SWAPPAGES="0:1024M"' "$BATS_TEST_TMPDIR/v.conf"
	run "$T/vzsplit" -n 10 -v no
	[ "$status" -eq 0 ]
	grep -q '^# Resource commit level [0-3]: ' <<< "$output"
	for k in NUMPROC AVNUMPROC KMEMSIZE TCPSNDBUF PRIVVMPAGES NUMFILE DCACHESIZE NUMIPTENT; do
		grep -qE "^$k=\"[0-9]+:[0-9]+\"$" <<< "$output"
	done
	grep -qx 'PHYSPAGES="0:9223372036854775807"' <<< "$output"
	echo "$output" > "$BATS_TEST_TMPDIR/c.conf"
	run "$T/vzcfgvalidate" "$BATS_TEST_TMPDIR/c.conf"
	[ "$status" -eq 0 ]
	# the number asked for when not given
	run "$T/vzsplit" <<< 2
	[ "$status" -eq 0 ]
	[[ "$output" == "Enter the number of containers: # Generated by vzsplit for 2 "* ]]
}

@test "vzsplit: bad numbers, and more containers than the host holds (exit 1)" {
	for n in 0 -3 x 1.5 ""; do
		run "$T/vzsplit" -n "$n"
		[ "$status" -eq 1 ]
	done
	run "$T/vzsplit" -n 100000
	[ "$status" -eq 1 ]
	[[ "$output" == *"cannot hold 100000 containers; at most "* ]]
	run "$T/vzsplit" -n 2 -v maybe
	[ "$status" -eq 1 ]
	run "$T/vzsplit" -n 2 -s lots
	[ "$status" -eq 1 ]
	run "$T/vzsplit" -n 2 -f ../escape
	[ "$status" -eq 1 ]
}

@test "vzpid: the host's processes are CT 0, with their names" {
	run "$T/vzpid" $$ 1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = $'Pid\tCTID\tName' ]
	[ "${lines[1]}" = "$$"$'\t0\t'"$(awk '/^Name:/ { print $2 }' /proc/$$/status)" ]
	run "$T/vzpid" -p $$
	[ "${lines[0]}" = $'Pid\tCT/Pid\tCTID\tName' ]
	[[ "${lines[1]}" == "$$"$'\t'"$$"$'\t0\t'* ]]
	run "$T/vzpid" - <<< "$$ 1"
	[ "${#lines[@]}" -eq 3 ]
	run "$T/vzpid" $$ 999999999 abc
	[ "$status" -eq 1 ]
	[[ "$output" == *"bad PID '999999999'"* ]]
	[[ "$output" == *"bad PID 'abc'"* ]]
	[[ "$output" == *"$$"$'\t0\t'* ]]
	run "$T/vzpid"
	[ "$status" -eq 1 ]
}

@test "vzcalc: one container, which must exist (exit 1)" {
	run "$T/vzcalc"
	[ "$status" -eq 1 ]
	[[ "$output" == *"Usage: vzcalc [-v] CTID|NAME"* ]]
	run "$T/vzcalc" 101 102
	[ "$status" -eq 1 ]
	run "$T/vzcalc" no-such-name
	[ "$status" -eq 1 ]
	[[ "$output" == *"no container 'no-such-name'"* ]]
	run "$T/vzcalc" 2147483000
	[ "$status" -eq 1 ]
	[[ "$output" == *"no such container"* ]]
}
