# SPDX-License-Identifier: GPL-2.0
#
# vzbc top-level Makefile.
#
#   make                 build vzbc.ko (for KVER) and the tools
#   make install         install module (+depmod), tools, man pages, configs
#   make dkms-install    register the module source with dkms
#   make deb             Debian packages vzbc-dkms and vzbc-tools in build/deb/
#   make check           install test dependencies, run every test
#   make check-debug     only the debug kernel's pass of make check
#   make demo            the main job: a demo in the embedded VM
#   make vm-shell        interactive shell in the VM (KVER=6.1|6.12|release)
#   make sparse          build the module under sparse (C=2), fail on warnings
#   make bench           cost per hooked operation, icount mode (BENCHMARKS.md)
#   make bench-scale     1,000 containers running at once (BENCHMARKS.md)
#   make debug-kernel    build (once, cached) the KASAN/lockdep/kmemleak kernel
#   make fuzz-ioctl      the ioctl fuzzer on the debug kernel, for longer
#
# KVER picks the kernel to build for (default: the running kernel when its
# headers are installed, else the newest installed kernel with headers;
# KVER=debug is the debug kernel); KDIR overrides the kernel build directory.

VERSION		:= $(shell cat VERSION)
KVER		?= $(shell scripts/kver-default)

# KVER=debug: the debug kernel of scripts/debug-kernel (make debug-kernel)
ifeq ($(KVER),debug)
KDIR		:= $(shell scripts/debug-kernel dir 2>/dev/null)
ifeq ($(KDIR),)
$(error the debug kernel is not built: run make debug-kernel)
endif
override KVER	:= $(shell cat $(KDIR)/include/config/kernel.release)
VM_KERNEL	:= debug
VM_MAKE_ARGS	:= KVER=$(KVER) KDIR=$(KDIR)
VM_ARGS		:= --mem 2048 --timeout 3600
else
VM_KERNEL	:= $(KVER)
VM_MAKE_ARGS	= KVER=$$(scripts/kver-resolve $(KVER))
VM_ARGS		:=
endif
KDIR		?= /lib/modules/$(KVER)/build
BUILD		:= build
KMOD_DIR	:= $(BUILD)/kmod/$(KVER)$(if $(VZBC_FAULT),-fault-$(VZBC_FAULT))
TOOLS_DIR	:= $(BUILD)/tools
TESTS_DIR	:= $(BUILD)/tests

DESTDIR		?=
PREFIX		?= /usr
SBINDIR		?= $(PREFIX)/sbin
LIBEXECDIR	?= $(PREFIX)/libexec/vzbc
MANDIR		?= $(PREFIX)/share/man
SYSCONFDIR	?= /etc
SYSTEMDUNITDIR	?= /lib/systemd/system
COMPLETIONDIR	?= $(PREFIX)/share/bash-completion/completions
DKMS_SRC	?= /usr/src/vzbc-$(VERSION)

ifneq ($(filter-out warn modref uaf lockinv leak,$(subst +, ,$(VZBC_FAULT))),)
$(error VZBC_FAULT must be warn, modref, uaf, lockinv or leak, or several joined by "+")
endif

# ---------------------------------------------------------------- module

KSRC := Kbuild VERSION include/uapi/linux/vzbc.h \
	$(wildcard kernel/*.c) $(wildcard kernel/*.h)

.PHONY: fuzz all module tools
all: module tools

# Kbuild writes objects next to the sources: build in a per-kernel copy so
# one tree can hold modules for several kernels at once.
module:
	@test -d "$(KDIR)" || { echo "no kernel build directory $(KDIR):" \
		"install linux-headers for $(KVER) (scripts/deps)" >&2; exit 1; }
	@for f in $(KSRC); do \
		mkdir -p "$(KMOD_DIR)/$$(dirname $$f)"; \
		cmp -s "$$f" "$(KMOD_DIR)/$$f" || cp -p "$$f" "$(KMOD_DIR)/$$f"; \
	done
	$(MAKE) -C "$(KDIR)" M="$(abspath $(KMOD_DIR))" VZBC_FAULT=$(VZBC_FAULT) \
		$(if $(C),C=$(C)) modules

# ---------------------------------------------------------------- tools

CC		?= cc
PKG_CONFIG	?= pkg-config
WARNFLAGS	:= -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wmissing-prototypes
CFLAGS		?= -O2 -g
TOOLS_CFLAGS	:= -std=gnu11 -D_GNU_SOURCE -D_FORTIFY_SOURCE=2 $(WARNFLAGS) \
		   -DVZBC_TOOLS_VERSION='"$(VERSION)"' -Iinclude/uapi -Itools/lib

pkg = $(if $(shell $(PKG_CONFIG) --exists $(2) && echo y),$(shell $(PKG_CONFIG) $(1) $(2)),$(error $(2) not found by pkg-config: run scripts/deps))
POPT_CFLAGS	= $(call pkg,--cflags,popt)
POPT_LIBS	= $(call pkg,--libs,popt)
# libnl-3 carries the networking commands (ipadd, netif); checked here so a
# missing library fails the build early rather than at the first netlink use.
LIBNL_CFLAGS	= $(call pkg,--cflags,libnl-3.0 libnl-route-3.0 libnl-genl-3.0)
LIBNL_LIBS	= $(call pkg,--libs,libnl-3.0 libnl-route-3.0 libnl-genl-3.0)

# tools/lib: libvzbc.a, the mechanisms every tool links; tools/vzctl/:
# vzctl, a file per command; tools/NAME.c: the single-file tools.
LIBVZBC_SRC	:= $(wildcard tools/lib/*.c)
LIBVZBC_HDR	:= $(wildcard tools/lib/*.h) include/uapi/linux/vzbc.h
VZCTL_SRC	:= $(wildcard tools/vzctl/*.c)
TOOLS		:= vzctl vzlist vzubc vzsplit vzcalc vzmemcheck vzoversell vzcfgvalidate vzpid \
		   vzbc-exporter vzeventd

tools: $(addprefix $(TOOLS_DIR)/,$(TOOLS)) $(BUILD)/completion/vzctl

$(TOOLS_DIR)/libvzbc.a: $(LIBVZBC_SRC) $(LIBVZBC_HDR) VERSION
	@mkdir -p $(TOOLS_DIR)/lib
	@rm -f $@
	for f in $(LIBVZBC_SRC); do \
		$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(LIBNL_CFLAGS) -c $$f \
			-o $(TOOLS_DIR)/lib/$$(basename $$f .c).o || exit 1; \
	done
	ar rcs $@ $(patsubst tools/lib/%.c,$(TOOLS_DIR)/lib/%.o,$(LIBVZBC_SRC))

$(TOOLS_DIR)/vzctl: $(VZCTL_SRC) tools/vzctl/vzctl.h $(TOOLS_DIR)/libvzbc.a $(LIBVZBC_HDR) VERSION
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(POPT_CFLAGS) $(VZCTL_SRC) -o $@ \
		$(TOOLS_DIR)/libvzbc.a $(POPT_LIBS) $(LIBNL_LIBS) $(LDFLAGS)

# the Prometheus exporter's HTTP side is libmicrohttpd
MHD_CFLAGS	= $(call pkg,--cflags,libmicrohttpd)
MHD_LIBS	= $(call pkg,--libs,libmicrohttpd)

$(TOOLS_DIR)/vzbc-exporter: tools/vzbc-exporter.c $(TOOLS_DIR)/libvzbc.a $(LIBVZBC_HDR) VERSION
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(POPT_CFLAGS) $(MHD_CFLAGS) $< -o $@ \
		$(TOOLS_DIR)/libvzbc.a $(POPT_LIBS) $(MHD_LIBS) -lpthread -lm $(LDFLAGS)

$(TOOLS_DIR)/%: tools/%.c $(TOOLS_DIR)/libvzbc.a $(LIBVZBC_HDR) VERSION
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(POPT_CFLAGS) $< -o $@ \
		$(TOOLS_DIR)/libvzbc.a $(POPT_LIBS) $(LIBNL_LIBS) -lm $(LDFLAGS)

# bash completion of vzctl and vzlist: their commands, options, choices and
# fields as the built tools' --help and vzlist -L give them
$(BUILD)/completion/vzctl: scripts/gen-completion etc/bash-completion/vzctl.bash \
		$(TOOLS_DIR)/vzctl $(TOOLS_DIR)/vzlist
	@mkdir -p $(BUILD)/completion
	scripts/gen-completion $(TOOLS_DIR) > $@.tmp && mv $@.tmp $@

# ---------------------------------------------------------------- tests

# libFuzzer target for the config parser and the parameters' parsers
# (clang); "make fuzz" runs it for FUZZ_SECONDS, seeded with the sample configs
FUZZ_SECONDS	?= 30
FUZZ_DIR	:= $(BUILD)/fuzz

$(FUZZ_DIR)/fuzz_conf: tests/fuzz/fuzz_conf.c $(LIBVZBC_SRC) $(LIBVZBC_HDR)
	@mkdir -p $(FUZZ_DIR)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-D_GNU_SOURCE -DVZBC_TOOLS_VERSION='"$(VERSION)"' -Iinclude/uapi -Itools/lib \
		$(LIBNL_CFLAGS) $< $(LIBVZBC_SRC) -o $@ $(LIBNL_LIBS) -lm

fuzz: $(FUZZ_DIR)/fuzz_conf
	@mkdir -p $(FUZZ_DIR)/corpus
	cp etc/vz/vz.conf etc/vz/conf/*.conf-sample $(FUZZ_DIR)/corpus/
	$(FUZZ_DIR)/fuzz_conf -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-timeout=10 -rss_limit_mb=2048 $(FUZZ_DIR)/corpus

CMOCKA_CFLAGS	= $(call pkg,--cflags,cmocka)
CMOCKA_LIBS	= $(call pkg,--libs,cmocka)
UNIT_TESTS	:= $(patsubst tests/unit/%.c,$(TESTS_DIR)/%,$(wildcard tests/unit/test_*.c))
VM_HELPERS	:= $(patsubst tests/vm/%.c,$(TESTS_DIR)/%,$(wildcard tests/vm/*.c))

.PHONY: test-progs
test-progs: $(UNIT_TESTS) $(VM_HELPERS)

$(TESTS_DIR)/test_%: tests/unit/test_%.c $(TOOLS_DIR)/libvzbc.a $(LIBVZBC_HDR)
	@mkdir -p $(TESTS_DIR)
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(CMOCKA_CFLAGS) $< -o $@ \
		$(TOOLS_DIR)/libvzbc.a $(CMOCKA_LIBS) $(LIBNL_LIBS) -lm

# the networking library's driver links the library and libnl
$(TESTS_DIR)/vzbc-netlib: tests/vm/vzbc-netlib.c $(TOOLS_DIR)/libvzbc.a $(LIBVZBC_HDR)
	@mkdir -p $(TESTS_DIR)
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $< -o $@ $(TOOLS_DIR)/libvzbc.a $(LIBNL_LIBS)

$(TESTS_DIR)/%: tests/vm/%.c $(LIBVZBC_HDR)
	@mkdir -p $(TESTS_DIR)
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -pthread $< -o $@

.PHONY: deps check check-debug unit vm-test demo vm-shell sparse bench bench-scale debug-kernel fuzz-ioctl
deps:
	scripts/deps

# The whole suite: host unit and CLI tests, sparse, the VM suite on both
# Debian kernels, and the harness self-test. Ends with "N passed, N failed".
check: deps
	scripts/check

# The debug kernel's pass alone (make check runs it after the rest): the
# whole VM suite, fault injection, the ioctl fuzzer, stress-ng, self-test
check-debug: deps
	VZBC_CHECK_STAGES="build debug" scripts/check

# One VM run: make vm-test KVER=6.1 TESTS="tests/vm/module.bats"
# (KVER=debug: on the debug kernel); tests/vm/pkg/ installs build/deb/
vm-test: deps
	$(MAKE) module tools test-progs $(VM_MAKE_ARGS)
	$(if $(filter tests/vm/pkg/%,$(TESTS)),$(MAKE) deb)
	scripts/vm-run --kernel $(VM_KERNEL) $(VM_ARGS) $(TESTS)

# The debug kernel: Debian's linux-source-6.1 with KASAN, UBSAN, lockdep,
# kmemleak and fault injection, built once and cached outside the tree.
debug-kernel: deps
	scripts/debug-kernel build

# The ioctl fuzzer on the debug kernel for as long as asked:
# make fuzz-ioctl FUZZ_IOCTL_SECONDS=3600 [FUZZ_SEED=N]
FUZZ_IOCTL_SECONDS ?= 600
fuzz-ioctl: debug-kernel
	$(MAKE) vm-test KVER=debug TESTS=tests/vm/debug/fuzz.bats \
		VM_ARGS="--mem 2048 --smp 4 --timeout $$(( $(FUZZ_IOCTL_SECONDS) + 900 )) \
		--append 'VZBC_FILE_TIMEOUT=$$(( $(FUZZ_IOCTL_SECONDS) + 600 )) VZBC_FUZZ_SECONDS=$(FUZZ_IOCTL_SECONDS) $(if $(FUZZ_SEED),VZBC_FUZZ_SEED=$(FUZZ_SEED))'"

demo: deps
	$(MAKE) module tools KVER=$$(scripts/kver-resolve $(or $(DEMO_KVER),6.1))
	scripts/vm-run --kernel $(or $(DEMO_KVER),6.1) --demo scripts/demo.sh

# Cost per hooked operation in icount mode (instructions, not seconds), on
# both kernels, with mitigations=off and with the kernel's default
# mitigations; then container start, stop and memory (mitigations=off).
# Tables in build/bench/ (BENCHMARKS.md keeps the figures). The benchmark
# runs inside a busybox container too: a static build of it.
BENCH_VM	:= --icount --no-slub-debug --smp 1 --mem 2048

$(TESTS_DIR)/vzbc-bench-static: tests/vm/vzbc-bench.c
	@mkdir -p $(TESTS_DIR)
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -static $< -o $@

# BENCH_KERNELS picks the kernels, BENCH_PARTS the parts of scripts/bench.sh
# run with mitigations=off, BENCH_MIT_PARTS those run again with the
# default mitigations (empty: no such run).
BENCH_KERNELS	?= 6.1 6.12
BENCH_PARTS	?= ops,proc,ct,view,net
BENCH_MIT_PARTS	?= ops,net

bench: deps
	@for k in $(BENCH_KERNELS); do \
		$(MAKE) -s module tools test-progs $(TESTS_DIR)/vzbc-bench-static \
			KVER=$$(scripts/kver-resolve $$k) || exit 1; \
		if [ -n "$(BENCH_PARTS)" ]; then \
			scripts/vm-run --kernel $$k $(BENCH_VM) --out build/bench/$$k \
				--append VZBC_BENCH=$(BENCH_PARTS) --demo scripts/bench.sh || exit 1; \
		fi; \
		if [ -n "$(BENCH_MIT_PARTS)" ]; then \
			scripts/vm-run --kernel $$k $(BENCH_VM) --mitigations --out build/bench/$$k-mit \
				--append VZBC_BENCH=$(BENCH_MIT_PARTS) --demo scripts/bench.sh || exit 1; \
		fi; \
	done
	@cat build/bench/*/results/bench-*.md

# 1,000 busybox containers started and running at once in one 4 GiB VM
# (about an hour of icount time per kernel): BENCH_CTS=N for another count
BENCH_CTS	?= 1000
bench-scale: deps
	@for k in 6.1 6.12; do \
		$(MAKE) -s module tools test-progs $(TESTS_DIR)/vzbc-bench-static \
			KVER=$$(scripts/kver-resolve $$k) || exit 1; \
		scripts/vm-run --kernel $$k --icount --no-slub-debug --smp 1 --mem 4096 \
			--timeout 14400 --out build/bench/$$k-scale \
			--append "VZBC_BENCH=scale VZBC_BENCH_CTS=$(BENCH_CTS)" \
			--demo scripts/bench.sh || exit 1; \
	done
	@cat build/bench/*-scale/results/bench-scale-*.md

vm-shell: deps
	$(MAKE) module tools test-progs $(VM_MAKE_ARGS)
	scripts/vm-run --kernel $(VM_KERNEL) $(VM_ARGS) --shell

sparse:
	scripts/sparse-check $(KVER)

# ---------------------------------------------------------------- install

.PHONY: install install-module install-tools dkms-install deb clean
install: install-module install-tools

install-module: module
	$(MAKE) -C "$(KDIR)" M="$(abspath $(KMOD_DIR))" \
		INSTALL_MOD_PATH=$(DESTDIR) INSTALL_MOD_DIR=extra modules_install
	$(if $(DESTDIR),,depmod -a $(KVER))

install-tools: tools
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5
	install -m 0755 $(addprefix $(TOOLS_DIR)/,$(TOOLS)) $(DESTDIR)$(SBINDIR)/
	install -m 0644 man/*.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -d $(DESTDIR)$(COMPLETIONDIR)
	install -m 0644 $(BUILD)/completion/vzctl $(DESTDIR)$(COMPLETIONDIR)/vzctl
	ln -sf vzctl $(DESTDIR)$(COMPLETIONDIR)/vzlist
	install -d $(DESTDIR)$(SYSCONFDIR)/modules-load.d
	install -m 0644 etc/modules-load.d/vzbc.conf $(DESTDIR)$(SYSCONFDIR)/modules-load.d/
	install -m 0755 scripts/mk-template-busybox $(DESTDIR)$(SBINDIR)/vzbc-mk-template-busybox
	install -m 0755 scripts/mk-template-debian $(DESTDIR)$(SBINDIR)/vzbc-mk-template-debian
	install -m 0755 scripts/vzbc-autostart $(DESTDIR)$(SBINDIR)/vzbc-autostart
	install -d $(DESTDIR)$(SYSTEMDUNITDIR)
	install -m 0644 etc/systemd/vz.service etc/systemd/vzbc-exporter.service \
		etc/systemd/vzeventd.service \
		$(DESTDIR)$(SYSTEMDUNITDIR)/
	install -d $(DESTDIR)$(SYSCONFDIR)/vz/conf
	[ -e $(DESTDIR)$(SYSCONFDIR)/vz/vz.conf ] || \
		install -m 0644 etc/vz/vz.conf $(DESTDIR)$(SYSCONFDIR)/vz/vz.conf
	install -m 0644 etc/vz/conf/*.conf-sample $(DESTDIR)$(SYSCONFDIR)/vz/conf/

# dkms rebuilds the module for every kernel the host installs later.
dkms-install:
	install -d $(DESTDIR)$(DKMS_SRC)/kernel $(DESTDIR)$(DKMS_SRC)/include/uapi/linux
	install -m 0644 Kbuild VERSION COPYING $(DESTDIR)$(DKMS_SRC)/
	install -m 0644 kernel/*.c kernel/*.h $(DESTDIR)$(DKMS_SRC)/kernel/
	install -m 0644 include/uapi/linux/vzbc.h $(DESTDIR)$(DKMS_SRC)/include/uapi/linux/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf.in > $(DESTDIR)$(DKMS_SRC)/dkms.conf
	$(if $(DESTDIR),,dkms add vzbc/$(VERSION) && dkms install vzbc/$(VERSION) -k $(KVER))

# Debian packages (vzbc-dkms, vzbc-tools) with dpkg-buildpackage, in build/deb/
deb:
	scripts/build-deb $(BUILD)/deb

clean:
	rm -rf $(BUILD)
