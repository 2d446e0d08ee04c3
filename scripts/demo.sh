#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo ("make demo"), run inside the VM by scripts/vm-run --demo:
# show, step by step, what vzbc does on a stock Debian kernel.
set -euo pipefail

step() { printf '\n==> %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

step "A stock Debian kernel, no OpenVZ patches"
show uname -r

step "Without vzbc.ko there is no /dev/vzctl, and vzctl says what to do"
show vzctl --version || echo "(vzctl exited $?)"

step "Load the module"
show insmod "$VZBC_KO"
dmesg --notime | grep 'vzbc:' | grep -v taint | tail -n 1

step "It registers the control device and /proc/vz"
show ls -l /dev/vzctl
show cat /proc/vz/version

step "vzctl talks to the module through /dev/vzctl"
show vzctl --version

step "Only root of the host may use it"
show setpriv --reuid=65534 --regid=65534 --clear-groups vzctl --version || echo "(vzctl exited $?)"

step "Unload: everything it created goes away"
show rmmod vzbc
show ls /proc/vz 2>&1 || true

printf '\nDemo finished.\n'
