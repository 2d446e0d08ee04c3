// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for OpenVZ's memory arithmetic over containers: vzcalc's
 * shares, vzmemcheck's columns, vzoversell's sums (tools/lib/memshare.c).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "memshare.h"

#define U	VZBC_UNLIMITED
#define GIB	(1024.0 * 1024 * 1024)
#define EPS	1e-9

/* 1 GiB of RAM, 1 GiB of swap, 10000 threads, 4 KiB pages */
static const struct vz_hostmem host = {
	.ram = GIB, .swap = GIB, .lowmem = GIB, .threads_max = 10000, .page = 4096, .cpus = 2,
};

static void set(struct ubc_set *s, unsigned int id, uint64_t b, uint64_t l)
{
	s->barrier[id] = b;
	s->limit[id] = l;
	s->have |= 1u << id;
}

static void unlimited(struct ubc_set *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < VZBC_RESOURCES; i++)
		s->barrier[i] = s->limit[i] = U;
}

/* OpenVZ's ve-basic sample */
static void basic(struct ubc_set *s)
{
	unlimited(s);
	set(s, VZBC_KMEMSIZE, 14372700, 14790164);
	set(s, VZBC_PRIVVMPAGES, 65536, 69632);
	set(s, VZBC_NUMPROC, 240, 240);
	set(s, VZBC_PHYSPAGES, 0, U);
	set(s, VZBC_VMGUARPAGES, 33792, U);
	set(s, VZBC_OOMGUARPAGES, 26112, U);
	set(s, VZBC_TCPSNDBUF, 1720320, 2703360);
	set(s, VZBC_TCPRCVBUF, 1720320, 2703360);
	set(s, VZBC_OTHERSOCKBUF, 1126080, 2097152);
	set(s, VZBC_DGRAMRCVBUF, 262144, 262144);
}

static void classic_share_as_openvz(void **state)
{
	double kn = 14790164.0 + 2703360 + 2703360 + 2097152 + 262144, low = GIB * 0.4;
	struct vz_bcblock now = { .ctid = 101, .have_ctid = true };
	struct ubc_set s, e;
	struct vz_share sh;

	(void)state;
	basic(&s);
	vz_share_effective(&s, &host, 0, &e);
	assert_memory_equal(&s, &e, sizeof(s));	/* not vswap: as it is */
	vz_share_ct(&host, &e, NULL, &sh);
	assert_false(sh.have_now);
	assert_true(isnan(sh.now_mem));
	assert_float_equal(sh.promised[VZ_SH_LOWMEM], kn / low, EPS);
	assert_float_equal(sh.max[VZ_SH_LOWMEM], kn / low, EPS);
	assert_float_equal(sh.promised[VZ_SH_MEMSWAP], (26112 * 4096 + kn) / (2 * GIB), EPS);
	assert_float_equal(sh.promised[VZ_SH_ALLOC], (33792 * 4096 + kn) / (2 * GIB), EPS);
	assert_float_equal(sh.max[VZ_SH_ALLOC], (69632 * 4096 + kn) / (2 * GIB), EPS);
	assert_float_equal(sh.max[VZ_SH_NUMPROC], 240 / 10000.0, EPS);
	/* what OpenVZ prints n/a */
	assert_true(isnan(sh.promised[VZ_SH_RAM]) && isnan(sh.max[VZ_SH_RAM]));
	assert_true(isnan(sh.max[VZ_SH_MEMSWAP]) && isnan(sh.promised[VZ_SH_NUMPROC]));
	assert_float_equal(sh.promised_mem, sh.promised[VZ_SH_ALLOC], EPS);
	assert_float_equal(sh.max_mem, sh.max[VZ_SH_ALLOC], EPS);

	/* running: held values */
	now.r[VZBC_KMEMSIZE].held = 1000000;
	now.r[VZBC_TCPSNDBUF].held = 48576;
	now.r[VZBC_PHYSPAGES].held = 1000;
	now.r[VZBC_OOMGUARPAGES].held = 2000;
	now.r[VZBC_PRIVVMPAGES].held = 3000;
	now.r[VZBC_NUMPROC].held = 100;
	vz_share_ct(&host, &e, &now, &sh);
	assert_true(sh.have_now);
	assert_float_equal(sh.now[VZ_SH_LOWMEM], 1048576 / low, EPS);
	assert_float_equal(sh.now[VZ_SH_RAM], (1000 * 4096 + 1048576) / GIB, EPS);
	assert_float_equal(sh.now[VZ_SH_MEMSWAP], (2000 * 4096 + 1048576) / (2 * GIB), EPS);
	assert_float_equal(sh.now[VZ_SH_ALLOC], (3000 * 4096 + 1048576) / (2 * GIB), EPS);
	assert_float_equal(sh.now[VZ_SH_NUMPROC], 0.01, EPS);
	assert_float_equal(sh.now_mem, 0.01, EPS);
}

static void vswap_implied_values(void **state)
{
	struct ubc_set s, e;
	struct vz_share sh;

	(void)state;
	unlimited(&s);
	set(&s, VZBC_PHYSPAGES, 0, 65536);	/* 256M */
	set(&s, VZBC_SWAPPAGES, 0, 131072);	/* 512M */
	assert_true(vz_share_vswap(&s));
	vz_share_effective(&s, &host, 0, &e);
	assert_int_equal(e.barrier[VZBC_KMEMSIZE], 0);
	assert_int_equal(e.limit[VZBC_TCPSNDBUF], 0);
	assert_int_equal(e.barrier[VZBC_OOMGUARPAGES], 65536);
	assert_int_equal(e.barrier[VZBC_VMGUARPAGES], 65536 + 131072);
	assert_int_equal(e.limit[VZBC_PRIVVMPAGES], 65536 + 131072);
	vz_share_effective(&s, &host, 1.5, &e);
	assert_int_equal(e.limit[VZBC_PRIVVMPAGES], (65536 + 131072) * 3 / 2);
	/* a set guarantee is kept */
	set(&s, VZBC_OOMGUARPAGES, 1000, U);
	vz_share_effective(&s, &host, 0, &e);
	assert_int_equal(e.barrier[VZBC_OOMGUARPAGES], 1000);
	/* unlimited swap is the host's */
	s.limit[VZBC_SWAPPAGES] = U;
	vz_share_effective(&s, &host, 0, &e);
	assert_int_equal(e.barrier[VZBC_VMGUARPAGES], 65536 + GIB / 4096);

	unlimited(&s);
	set(&s, VZBC_PHYSPAGES, 0, 65536);
	set(&s, VZBC_SWAPPAGES, 0, 131072);
	vz_share_effective(&s, &host, 0, &e);
	vz_share_ct(&host, &e, NULL, &sh);
	assert_float_equal(sh.max[VZ_SH_ALLOC], 768.0 / 2048, EPS);
	assert_float_equal(sh.promised[VZ_SH_MEMSWAP], 256.0 / 2048, EPS);
	assert_float_equal(sh.max[VZ_SH_LOWMEM], 0, EPS);
	/* unlimited processes: n/a, left out of the sum */
	assert_true(isnan(sh.max[VZ_SH_NUMPROC]));
	assert_float_equal(sh.max_mem, 768.0 / 2048, EPS);
}

static void unlimited_classic_is_infinite(void **state)
{
	struct ubc_set s;
	struct vz_share sh;

	(void)state;
	unlimited(&s);
	vz_share_ct(&host, &s, NULL, &sh);
	assert_true(isinf(sh.max_mem));
	assert_true(isinf(sh.promised_mem));
}

static void memcheck_columns(void **state)
{
	struct vz_bcblock b = { .ctid = 101, .have_ctid = true };
	double col[VZ_MC_COLS], whole[VZ_MC_COLS];
	unsigned int i;

	(void)state;
	for (i = 0; i < VZBC_RESOURCES; i++)
		b.r[i].barrier = b.r[i].limit = U;
	b.r[VZBC_PHYSPAGES] = (struct vz_bcrow){ .held = 1000, .limit = 65536 };
	b.r[VZBC_SWAPPAGES] = (struct vz_bcrow){ .held = 0, .limit = 131072 };
	b.r[VZBC_KMEMSIZE].held = 4096;
	b.r[VZBC_OOMGUARPAGES].held = 1000;
	b.r[VZBC_PRIVVMPAGES].held = 500;
	b.present = ~0u;
	vz_memcheck_ct(&host, &b, col);
	assert_float_equal(col[VZ_MC_LOWMEM_UTIL], 4096, EPS);
	assert_float_equal(col[VZ_MC_LOWMEM_COMMIT], 0, EPS);
	assert_float_equal(col[VZ_MC_RAM_UTIL], 1001 * 4096.0, EPS);
	assert_float_equal(col[VZ_MC_MEMSWAP_UTIL], 1001 * 4096.0, EPS);
	assert_float_equal(col[VZ_MC_MEMSWAP_COMMIT], 65536 * 4096.0, EPS);
	assert_float_equal(col[VZ_MC_ALLOC_UTIL], 501 * 4096.0, EPS);
	assert_float_equal(col[VZ_MC_ALLOC_COMMIT], 196608 * 4096.0, EPS);
	assert_float_equal(col[VZ_MC_ALLOC_LIMIT], 196608 * 4096.0, EPS);
	vz_memcheck_whole(&host, whole);
	assert_float_equal(whole[VZ_MC_LOWMEM_UTIL], GIB * 0.4, EPS);
	assert_float_equal(whole[VZ_MC_RAM_UTIL], GIB, EPS);
	assert_float_equal(whole[VZ_MC_ALLOC_LIMIT], 2 * GIB, EPS);
}

static void oversell_flags_and_totals(void **state)
{
	struct vz_bcblock v = { .ctid = 1 }, c = { .ctid = 2 }, u = { .ctid = 3 };
	struct vz_oversell o, t = { 0 };
	unsigned int i;

	(void)state;
	for (i = 0; i < VZBC_RESOURCES; i++) {
		v.r[i].barrier = v.r[i].limit = U;
		c.r[i] = u.r[i] = v.r[i];
	}
	v.present = c.present = u.present = ~0u;
	/* vswap, RAM failures only */
	v.r[VZBC_PHYSPAGES] = (struct vz_bcrow){ 10, 20, 0, 100, 3 };
	v.r[VZBC_SWAPPAGES] = (struct vz_bcrow){ 1, 2, 0, 200, 0 };
	vz_oversell_ct(&v, &o);
	assert_string_equal(o.flags, "f");
	assert_true(o.ram.limit == 100 && o.swap.limit == 200 && o.ram.failcnt == 3);
	vz_oversell_add(&t, &o);
	/* classic: RAM guessed from privvmpages, swap unlimited, other failures */
	c.r[VZBC_PRIVVMPAGES].limit = 1000;
	c.r[VZBC_NUMPROC].failcnt = 2;
	vz_oversell_ct(&c, &o);
	assert_string_equal(o.flags, "RSF");
	assert_true(o.ram.limit == 500 && o.swap.limit == 0);
	vz_oversell_add(&t, &o);
	/* no limits at all */
	vz_oversell_ct(&u, &o);
	assert_string_equal(o.flags, "US");
	assert_true(o.ram.limit == 0);
	vz_oversell_add(&t, &o);
	assert_true(t.ram.limit == 600 && t.swap.limit == 200 && t.ram.held == 10);
	assert_string_equal(t.flags, "fRSFU");
}

static int parse_meminfo(const char *text, struct vz_hostmem *h)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	assert_non_null(f);
	ret = vz_hostmem_parse_meminfo(f, h);
	fclose(f);
	return ret;
}

static void host_memory_from_meminfo(void **state)
{
	struct vz_hostmem h;

	(void)state;
	assert_int_equal(parse_meminfo("MemTotal:        1000 kB\nMemFree:  10 kB\n"
				       "SwapTotal:        500 kB\n", &h), 0);
	assert_float_equal(h.ram, 1024000, EPS);
	assert_float_equal(h.swap, 512000, EPS);
	assert_float_equal(h.lowmem, 1024000, EPS);	/* 64-bit: all of RAM */
	assert_int_equal(parse_meminfo("MemTotal: 1000 kB\nLowTotal: 300 kB\n", &h), 0);
	assert_float_equal(h.lowmem, 307200, EPS);
	assert_float_equal(h.swap, 0, EPS);
	assert_int_equal(parse_meminfo("SwapTotal: 1 kB\n", &h), -EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classic_share_as_openvz),
		cmocka_unit_test(vswap_implied_values),
		cmocka_unit_test(unlimited_classic_is_infinite),
		cmocka_unit_test(memcheck_columns),
		cmocka_unit_test(oversell_flags_and_totals),
		cmocka_unit_test(host_memory_from_meminfo),
	};

	return cmocka_run_group_tests_name("memshare", tests, NULL, NULL);
}
