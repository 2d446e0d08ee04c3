#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# vzbc-exporter against a real container: every beancounter, state, CPU,
# memory, venet traffic; Debian's promtool accepts the metrics, and a real
# Prometheus server (Debian's package) scrapes them and answers a query for
# the container's numproc failcnt once a fork storm hit its limit.

load helpers
load ../tools/http

PORT=9561

setup_file() {
	vz_setup
	vzbc_load
	vzctl create 101 --ostemplate busybox --hostname ct101 > /dev/null
	vzctl set 101 --name web --save > /dev/null
	vzctl start 101 > /dev/null
	vzctl create 102 --ostemplate busybox > /dev/null
	vzbc-exporter --listen "127.0.0.1:$PORT" 2> "$BATS_FILE_TMPDIR/exporter.log" &
	echo $! > "$BATS_FILE_TMPDIR/exporter.pid"
}

teardown_file() {
	local c
	kill "$(cat "$BATS_FILE_TMPDIR/exporter.pid")" 2> /dev/null
	[ -f "$BATS_FILE_TMPDIR/prometheus.pid" ] && kill "$(cat "$BATS_FILE_TMPDIR/prometheus.pid")"
	wait
	for c in 101 102; do
		vzctl stop $c --fast > /dev/null 2>&1
		vzctl destroy $c > /dev/null 2>&1
	done
	net_cleanup
	vzbc_settle && vzbc_unload_if_loaded
}


http_get() {
	http GET "$@"
}

# the scrape, once the exporter listens
scrape() {
	local i
	for i in $(seq 100); do
		http_get $PORT /metrics && return 0
		sleep 0.1
	done
	return 1
}

@test "every beancounter of the running container, its state, CPU and memory; promtool accepts it" {
	scrape > "$BATS_TEST_TMPDIR/m"
	promtool check metrics < "$BATS_TEST_TMPDIR/m"
	for f in held maxheld barrier limit failcnt_total; do
		[ "$(grep -c "^vzbc_beancounter_${f}{ctid=\"101\",resource=" "$BATS_TEST_TMPDIR/m")" = 21 ]
	done
	# numproc held is what the module counts (tasks are uncharged late:
	# both sides read once, a task or two apart at most)
	held=$(sed -nE 's/^vzbc_beancounter_held\{ctid="101",resource="numproc"\} ([0-9]+)$/\1/p' "$BATS_TEST_TMPDIR/m")
	[ "$held" -ge 1 ]
	now=$(vzbc-ioctl get 101 numproc | cut -d' ' -f1)
	[ $((held - now)) -le 2 ] && [ $((now - held)) -le 2 ]
	grep -qx 'vzbc_beancounter_limit{ctid="101",resource="physpages"} 65536' "$BATS_TEST_TMPDIR/m"
	grep -qx 'vzbc_beancounter_limit{ctid="101",resource="kmemsize"} +Inf' "$BATS_TEST_TMPDIR/m"
	grep -qx 'vzbc_container_state{ctid="101",state="running"} 1' "$BATS_TEST_TMPDIR/m"
	grep -qx 'vzbc_container_state{ctid="102",state="stopped"} 1' "$BATS_TEST_TMPDIR/m"
	grep -qx 'vzbc_container_info{ctid="101",name="web",hostname="ct101",ostemplate="busybox"} 1' \
		"$BATS_TEST_TMPDIR/m"
	# a stopped container has no beancounters nor cgroup figures
	! grep -q 'ctid="102",resource=' "$BATS_TEST_TMPDIR/m" || false
	! grep -q '^vzbc_container_memory_bytes{ctid="102"}' "$BATS_TEST_TMPDIR/m" || false
	grep -qx 'vzbc_container_memory_limit_bytes{ctid="101"} 268435456' "$BATS_TEST_TMPDIR/m"
	grep -qE '^vzbc_container_memory_bytes\{ctid="101"\} [1-9][0-9]*$' "$BATS_TEST_TMPDIR/m"
	grep -qE '^vzbc_container_cpu_seconds_total\{ctid="101",mode="system"\} [0-9.e-]+$' "$BATS_TEST_TMPDIR/m"
	grep -qE '^vzbc_container_tasks\{ctid="101"\} [1-9][0-9]*$' "$BATS_TEST_TMPDIR/m"
	grep -qE '^vzbc_container_uptime_seconds\{ctid="101"\} [0-9]+$' "$BATS_TEST_TMPDIR/m"
	grep -qx 'vzbc_module_loaded 1' "$BATS_TEST_TMPDIR/m"
	for c in beancounters containers cgroup network; do
		grep -qx "vzbc_exporter_collector_success{collector=\"$c\"} 1" "$BATS_TEST_TMPDIR/m"
	done
	# the CPU time grows while the container works
	before=$(sed -nE 's/^vzbc_container_cpu_seconds_total\{ctid="101",mode="user"\} //p' "$BATS_TEST_TMPDIR/m")
	vzctl exec2 101 'i=0; while [ $i -lt 20000 ]; do i=$((i + 1)); done'
	after=$(scrape | sed -nE 's/^vzbc_container_cpu_seconds_total\{ctid="101",mode="user"\} //p')
	awk -v a="$after" -v b="$before" 'BEGIN { exit !(a > b) }'
}

@test "a container's venet traffic: counters above 0, the same as vzlist's and /proc/vz/netstat's; promtool accepts it" {
	local m e v n ib ob ip op dp db
	net_lan_setup
	sed -i '/^NEIGHBOUR_DEVS=/d; /^SKIP_ARPDETECT=/d' /etc/vz/vz.conf
	vzctl set 101 --ipadd "$LAN4.101" --save > /dev/null
	ip netns exec client vzbc-net ping -c 5 -W 2000 "$LAN4.101"
	# the three readers agree once no packet passes between their reads
	for _ in $(seq 20); do
		m=$(scrape)
		e=$(for f in in_bytes out_bytes in_packets out_packets dropped_packets dropped_bytes; do
			sed -nE "s/^vzbc_container_network_${f}_total\{ctid=\"101\"\} ([0-9]+)$/\1/p" <<< "$m"
		done | xargs)
		v=$(vzlist -H -o traffic_in,traffic_out,packets_in,packets_out,packets_drop 101 | xargs)
		n=$(awk '$1 == 101 { print $2, $4, $3, $5, $7, $6 }' /proc/vz/netstat)
		[ "$e" = "$n" ] && [ "${e% *}" = "$v" ] && break
		sleep 0.5
	done
	echo "exporter: $e; vzlist: $v; netstat: $n"
	[ "$e" = "$n" ]
	[ "${e% *}" = "$v" ]
	read -r ib ob ip op dp db <<< "$e"
	[ "$ip" -ge 5 ]
	[ "$op" -ge 5 ]
	[ "$ib" -gt "$ip" ]
	[ "$ob" -gt "$op" ]
	[ -n "$db" ]
	printf '%s\n' "$m" > "$BATS_TEST_TMPDIR/m"
	promtool check metrics < "$BATS_TEST_TMPDIR/m"
	grep -qx '# TYPE vzbc_container_network_in_bytes_total counter' "$BATS_TEST_TMPDIR/m"
	grep -qx 'vzbc_exporter_collector_success{collector="network"} 1' "$BATS_TEST_TMPDIR/m"
	# a stopped container has no traffic samples
	! grep -q '^vzbc_container_network_[a-z_]*{ctid="102"}' "$BATS_TEST_TMPDIR/m" || false
}

@test "--print writes the same families; other paths and methods are refused" {
	vzbc-exporter --print > "$BATS_TEST_TMPDIR/p"
	promtool check metrics < "$BATS_TEST_TMPDIR/p"
	diff <(grep '^# TYPE' "$BATS_TEST_TMPDIR/p") <(scrape | grep '^# TYPE')
	http_get $PORT / | grep -q 'href="/metrics"'
	! http GET $PORT /nothing > /dev/null || false
	[ "$HTTP_STATUS" = 404 ]
	! http POST $PORT /metrics > /dev/null || false
	[ "$HTTP_STATUS" = 405 ]
}

@test "a real Prometheus scrapes the exporter and answers the numproc failcnt after the limit was hit" {
	local cfg=$BATS_TEST_TMPDIR/prometheus.yml q out
	vzctl set 101 --numproc 20:20 > /dev/null
	vzctl exec2 101 'for i in $(seq 40); do sleep 5 & done; wait' || true
	want=$(vzbc-ioctl get 101 numproc | cut -d' ' -f5)
	[ "$want" -ge 1 ]
	cat > "$cfg" <<-EOF
	global:
	  scrape_interval: 1s
	scrape_configs:
	  - job_name: vzbc
	    static_configs:
	      - targets: ['127.0.0.1:$PORT']
	EOF
	start=$SECONDS
	prometheus --config.file="$cfg" --storage.tsdb.path="$BATS_TEST_TMPDIR/tsdb" \
		--web.listen-address=127.0.0.1:9090 --log.level=warn \
		> "$BATS_TEST_TMPDIR/prometheus.log" 2>&1 &
	echo $! > "$BATS_FILE_TMPDIR/prometheus.pid"
	q='vzbc_beancounter_failcnt_total{ctid="101",resource="numproc"}'
	for _ in $(seq 600); do
		out=$(promtool query instant http://127.0.0.1:9090 "$q" 2> /dev/null) &&
			[[ "$out" == *"=> $want @"* ]] && break
		sleep 0.2
	done
	echo "prometheus answered after $((SECONDS - start)) s: $out" >&3
	[[ "$out" == *'ctid="101"'* ]]
	[[ "$out" == *'job="vzbc"'* ]]
	[[ "$out" == *"=> $want @"* ]]
	# and the scrape itself went well
	out=$(promtool query instant http://127.0.0.1:9090 'up{job="vzbc"}')
	[[ "$out" == *"=> 1 @"* ]]
}
