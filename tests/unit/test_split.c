// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for vzsplit's arithmetic (tools/lib/split.c): the vswap split,
 * OpenVZ's classic set at each commit level, disk, and that every classic
 * set it makes passes vzcfgvalidate's rules.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cfgcheck.h"
#include "split.h"

#define U	VZBC_UNLIMITED
#define GIB	(1024.0 * 1024 * 1024)

/* 1 GiB of RAM and of swap, 7000 threads, 40 GiB and 2.5M inodes of disk */
static const struct vz_split_host host = {
	.mem = { .ram = GIB, .swap = GIB, .lowmem = GIB, .threads_max = 7000, .page = 4096,
		 .cpus = 2 },
	.disk_kb = 40.0 * 1024 * 1024, .disk_inodes = 2621440,
};

static void is(const struct vz_split *s, enum vz_split_key k, uint64_t b, uint64_t l)
{
	assert_true(s->set & (1u << k));
	assert_int_equal(s->barrier[k], b);
	assert_int_equal(s->limit[k], l);
}

static void vswap_splits_ram_and_swap(void **state)
{
	struct vz_split s;

	(void)state;
	assert_int_equal(vz_split_calc(&host, 4, true, &s), 0);
	/* (1024 MiB - 50 MiB) / 4, whole MiB: 243 MiB; swap 256 MiB */
	is(&s, VZ_SP_PHYSPAGES, 0, 243 * 256);
	is(&s, VZ_SP_SWAPPAGES, 0, 256 * 256);
	assert_false(s.set & (1u << VZ_SP_KMEMSIZE));
	assert_false(s.set & (1u << VZ_SP_NUMPROC));
	/* disk: 40 GiB less 10 GiB for the host, halved, in 4 */
	is(&s, VZ_SP_DISKSPACE, 3574690, 3932160);
	is(&s, VZ_SP_DISKINODES, 286527, 315180);
	assert_false(s.default_disk);
}

static void classic_level_0(void **state)
{
	struct vz_split s;

	(void)state;
	assert_int_equal(vz_split_calc(&host, 4, false, &s), 0);
	assert_int_equal(s.level, 0);
	is(&s, VZ_SP_NUMPROC, 1750, 1750);
	is(&s, VZ_SP_AVNUMPROC, 655, 655);
	is(&s, VZ_SP_NUMTCPSOCK, 1750, 1750);
	is(&s, VZ_SP_KMEMSIZE, 53687091, 59055800);
	is(&s, VZ_SP_TCPSNDBUF, 10727697, 17895697);
	is(&s, VZ_SP_TCPRCVBUF, 10727697, 17895697);
	is(&s, VZ_SP_DGRAMRCVBUF, 5363848, 5363848);
	is(&s, VZ_SP_OTHERSOCKBUF, 5363848, 12531848);
	is(&s, VZ_SP_NUMFILE, 20960, 20960);
	is(&s, VZ_SP_DCACHESIZE, 11721320, 12072960);
	is(&s, VZ_SP_NUMFLOCK, 1000, 1100);
	is(&s, VZ_SP_LOCKEDPAGES, 2621, 2621);
	is(&s, VZ_SP_NUMPTY, 175, 175);
	is(&s, VZ_SP_NUMSIGINFO, 1024, 1024);
	is(&s, VZ_SP_PHYSPAGES, 0, U);
	is(&s, VZ_SP_PRIVVMPAGES, 101657, 111822);
	is(&s, VZ_SP_VMGUARPAGES, 101657, U);
	is(&s, VZ_SP_OOMGUARPAGES, 101657, U);
	is(&s, VZ_SP_SHMPAGES, 10165, 10165);
	is(&s, VZ_SP_NUMIPTENT, 200, 200);
	assert_false(s.set & (1u << VZ_SP_SWAPPAGES));
}

static void classic_squeezed(void **state)
{
	struct vz_split s;

	(void)state;
	assert_int_equal(vz_split_calc(&host, 150, false, &s), 0);
	assert_int_equal(s.level, 1);
	assert_int_equal(vz_split_calc(&host, 370, false, &s), 0);
	assert_int_equal(s.level, 3);
	is(&s, VZ_SP_NUMPROC, 30, 30);
	is(&s, VZ_SP_AVNUMPROC, 15, 15);
	is(&s, VZ_SP_KMEMSIZE, 1360076, 1496083);
	is(&s, VZ_SP_TCPRCVBUF, 65536, 142336);
	is(&s, VZ_SP_DGRAMRCVBUF, 32768, 32768);
	is(&s, VZ_SP_NUMSIGINFO, 256, 256);
}

static bool count(const struct vz_cc_finding *f, void *arg)
{
	if (f->severity != VZ_CC_RECOMMENDATION)
		print_message("%s\n", f->text);
	(*(unsigned int *)arg)++;
	return false;
}

/* what vzsplit writes, vzcfgvalidate accepts */
static void classic_sets_are_consistent(void **state)
{
	static const unsigned int nums[] = { 1, 2, 4, 10, 50, 150, 250, 370 };
	struct vz_cc_conf c;
	struct vz_split s;
	unsigned int i, k, slot, n;

	(void)state;
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		assert_int_equal(vz_split_calc(&host, nums[i], false, &s), 0);
		memset(&c, 0, sizeof(c));
		for (k = 0; k < VZ_SP_KEYS; k++) {
			if (!(s.set & (1u << k)))
				continue;
			if (k == VZ_SP_AVNUMPROC) {
				c.avnumproc = s.barrier[k];
				continue;
			}
			for (slot = 0; slot < VZ_CC_SLOTS; slot++)
				if ((slot >= VZBC_RESOURCES || ubc_by_id(slot)) &&
				    !strcmp(vz_cc_key(slot), vz_split_keys[k]))
					break;
			assert_true(slot < VZ_CC_SLOTS);
			c.barrier[slot] = s.barrier[k];
			c.limit[slot] = s.limit[k];
			c.have |= 1u << slot;
		}
		n = 0;
		assert_int_equal(vz_cc_check(&c, false, &host.mem, count, &n), 0);
	}
}

static void too_many_containers(void **state)
{
	struct vz_split s;
	unsigned int allowed;

	(void)state;
	assert_int_equal(vz_split_fit(&host, 377, &allowed), 0);
	assert_int_equal(vz_split_fit(&host, 400, &allowed), -ENOSPC);
	assert_int_equal(allowed, 377);
	assert_int_equal(vz_split_calc(&host, 400, true, &s), -ENOSPC);
	assert_int_equal(vz_split_calc(&host, 0, true, &s), -EINVAL);
}

static void small_or_unknown_disk_gets_defaults(void **state)
{
	struct vz_split_host h = host;
	struct vz_split s;

	(void)state;
	h.disk_kb = 0;
	assert_int_equal(vz_split_calc(&h, 4, true, &s), 0);
	assert_true(s.default_disk);
	is(&s, VZ_SP_DISKSPACE, 204799, 225280);	/* 225280 / 1.1, truncated */
	is(&s, VZ_SP_DISKINODES, 80000, 88000);
	h.disk_kb = 1024 * 1024;	/* 1 GiB for 10 */
	assert_int_equal(vz_split_calc(&h, 10, true, &s), 0);
	assert_true(s.default_disk);
	/* no inode limit (reiserfs) */
	h = host;
	h.inodes_unlimited = true;
	assert_int_equal(vz_split_calc(&h, 4, true, &s), 0);
	is(&s, VZ_SP_DISKINODES, U, U);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vswap_splits_ram_and_swap),
		cmocka_unit_test(classic_level_0),
		cmocka_unit_test(classic_squeezed),
		cmocka_unit_test(classic_sets_are_consistent),
		cmocka_unit_test(too_many_containers),
		cmocka_unit_test(small_or_unknown_disk_gets_defaults),
	};

	return cmocka_run_group_tests_name("split", tests, NULL, NULL);
}
