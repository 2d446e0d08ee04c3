# SPDX-License-Identifier: GPL-2.0
# Helpers for the VM tests (bats). Run inside the guest only.

vzbc_unload_if_loaded() {
	if grep -q '^vzbc ' /proc/modules; then
		rmmod vzbc
	fi
}

vzbc_load() {
	vzbc_unload_if_loaded
	insmod "$VZBC_KO"
}
