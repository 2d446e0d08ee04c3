#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Debug kernel only (run by scripts/check): the ioctl fuzzer. Four threads
# of random and mutated ioctls, a charger in the containers and an unloader
# race for VZBC_FUZZ_SECONDS (default 120; longer with
# "make fuzz-ioctl FUZZ_IOCTL_SECONDS=N"). The seed is printed; pass it as
# VZBC_FUZZ_SEED to replay the same calls.

load ../helpers

setup() {
	vzbc_load
}

teardown() {
	ct_cleanup_all
	vzbc_settle
}

teardown_file() {
	vzbc_unload_if_loaded
}

@test "ioctl fuzzer: random and mutated calls from 4 threads, charges and unloads racing" {
	local secs=${VZBC_FUZZ_SECONDS:-120} seed=${VZBC_FUZZ_SEED:-$(date +%s)}
	run vzbc-fuzz ioctl "$secs" 4 "$seed"
	echo "$output"
	sed 's/^/# /' <<< "$output" >&3
	[ "$status" -eq 0 ]
	# it did exercise every call, and the module survived and still works
	[[ $output =~ register\ [1-9] ]] && [[ $output =~ set\ [1-9] ]]
	[[ $output =~ attach\ [1-9] ]] && [[ $output =~ addr\ [1-9] ]] &&
		[[ $output =~ netinfo\ [1-9] ]]
	# and the module was unloaded and loaded again in between
	[[ $output =~ unloads\ [1-9] ]]
	run vzbc-ioctl list
	[ "$output" = "0:" ]
	# nothing left charged or referenced: the module unloads
	vzbc_unload_if_loaded
	! grep -q '^vzbc ' /proc/modules
}
