#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzbc-exporter on the host, without the module: its command line, the
# metrics of a host without containers (promtool checks them), HTTP on
# loopback, and its systemd unit. tests/vm/exporter.bats scrapes real
# containers, with a real Prometheus.

bats_require_minimum_version 1.5.0

TOP="$BATS_TEST_DIRNAME/../.."
EXP="$TOP/build/tools/vzbc-exporter"

load http


@test "vzbc-exporter: --help lists the options its man page does, and the metrics are documented" {
	run "$EXP" --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"--listen=[ADDR]:PORT"* ]] && [[ "$output" == *"--print"* ]]
	grep -q '^\.BR \\-l ", " \\-\\-listen' "$TOP/man/vzbc-exporter.8"
	grep -q '^\.B \\-\\-print' "$TOP/man/vzbc-exporter.8"
	# every family it writes is in the man page
	for f in $("$EXP" --print | sed -n 's/^# TYPE \([a-z_]*\) .*/\1/p'); do
		grep -q "$f" "$TOP/man/vzbc-exporter.8" || { echo "$f undocumented"; false; }
	done
}

@test "vzbc-exporter --print: valid Prometheus text, the module's absence said" {
	run "$EXP" --print
	[ "$status" -eq 0 ]
	grep -qx 'vzbc_module_loaded 0' <<< "$output"
	grep -qx '# TYPE vzbc_beancounter_failcnt_total counter' <<< "$output"
	grep -qE '^vzbc_exporter_build_info\{version="[0-9.]+"\} 1$' <<< "$output"
	if command -v promtool > /dev/null; then
		promtool check metrics <<< "$output"
	fi
}

@test "vzbc-exporter: bad options and listen addresses are refused (exit 1)" {
	for a in 9561 :0 :65536 ':x' 'nohost:9561' '1.2.3.4.5:1' '[::1:9561' ''; do
		run "$EXP" --listen "$a"
		[ "$status" -eq 1 ]
		[[ "$output" == *"bad listen address"* ]]
	done
	run "$EXP" --bogus
	[ "$status" -eq 1 ]
	run "$EXP" extra
	[ "$status" -eq 1 ]
}

@test "vzbc-exporter over HTTP: /metrics, / and refusals, on IPv4 and IPv6 loopback; SIGTERM ends it" {
	local port=$((20000 + RANDOM % 20000)) pid
	"$EXP" --listen "127.0.0.1:$port" 2> "$BATS_TEST_TMPDIR/log" &
	pid=$!
	for _ in $(seq 50); do
		http GET $port /metrics > "$BATS_TEST_TMPDIR/m" && break
		sleep 0.1
	done
	grep -qx 'vzbc_module_loaded 0' "$BATS_TEST_TMPDIR/m"
	http GET $port / | grep -q 'href="/metrics"'
	! http GET $port /other > /dev/null || false
	[ "$HTTP_STATUS" = 404 ]
	! http POST $port /metrics > /dev/null || false
	[ "$HTTP_STATUS" = 405 ]
	# a second one cannot take the port
	run "$EXP" --listen "127.0.0.1:$port"
	[ "$status" -eq 1 ]
	[[ "$output" == *"cannot listen on 127.0.0.1:$port"* ]]
	kill -TERM $pid
	wait $pid
	grep -q "listening on 127.0.0.1:$port" "$BATS_TEST_TMPDIR/log"
	if [ -e /proc/net/if_inet6 ]; then
		"$EXP" --listen "[::1]:$port" 2> /dev/null &
		pid=$!
		for _ in $(seq 50); do
			exec {fd}<> "/dev/tcp/::1/$port" 2> /dev/null && break
			sleep 0.1
		done
		printf 'GET /metrics HTTP/1.0\r\n\r\n' >&$fd
		grep -q '^vzbc_module_loaded 0' <&$fd
		exec {fd}<&-
		kill -TERM $pid
		wait $pid
	fi
}

@test "vzbc-exporter.service: systemd accepts the unit" {
	command -v systemd-analyze > /dev/null || skip "no systemd-analyze"
	sed "s|/usr/sbin/vzbc-exporter|$(realpath "$EXP")|" "$TOP/etc/systemd/vzbc-exporter.service" \
		> "$BATS_TEST_TMPDIR/vzbc-exporter.service"
	run systemd-analyze verify --man=no "$BATS_TEST_TMPDIR/vzbc-exporter.service"
	echo "$output"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}
