// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for vzcfgvalidate's rules (tools/lib/cfgcheck.c): each kind of
 * rule, the formulas, repairs and what they change, vswap configs, and
 * reading a config.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cfgcheck.h"

#define U	VZBC_UNLIMITED
#define GIB	(1024.0 * 1024 * 1024)

static const struct vz_hostmem host = {
	.ram = GIB, .swap = 0.5 * GIB, .lowmem = GIB, .threads_max = 10000, .page = 4096,
};

/* the findings of a run, and whether to repair */
struct log {
	unsigned int n;
	struct vz_cc_finding f[64];
	bool repair;
};

static bool record(const struct vz_cc_finding *f, void *arg)
{
	struct log *l = arg;

	if (l->n < 64)
		l->f[l->n++] = *f;
	return l->repair;
}

static char path[] = "/tmp/test_cfgcheck.XXXXXX";

static void write_conf(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char basic[] =
	"KMEMSIZE=\"14372700:14790164\"\nLOCKEDPAGES=\"2048:2048\"\n"
	"PRIVVMPAGES=\"65536:69632\"\nSHMPAGES=\"21504:21504\"\nNUMPROC=\"240:240\"\n"
	"PHYSPAGES=\"0:unlimited\"\nVMGUARPAGES=\"33792:unlimited\"\n"
	"OOMGUARPAGES=\"26112:unlimited\"\nNUMTCPSOCK=\"360:360\"\nNUMFLOCK=\"188:206\"\n"
	"NUMPTY=\"16:16\"\nNUMSIGINFO=\"256:256\"\nTCPSNDBUF=\"1720320:2703360\"\n"
	"TCPRCVBUF=\"1720320:2703360\"\nOTHERSOCKBUF=\"1126080:2097152\"\n"
	"DGRAMRCVBUF=\"262144:262144\"\nNUMOTHERSOCK=\"360:360\"\n"
	"DCACHESIZE=\"3409920:3624960\"\nNUMFILE=\"9312:9312\"\nAVNUMPROC=\"180:180\"\n"
	"NUMIPTENT=\"128:128\"\nDISKSPACE=\"2G:2.2G\"\nDISKINODES=\"131072:144179\"\n";

static void read_basic(struct vz_cc_conf *c)
{
	char bad[64];

	write_conf(basic);
	assert_int_equal(vz_cc_read(path, c, bad, sizeof(bad)), 0);
}

static void openvz_basic_sample_is_valid(void **state)
{
	struct log l = { 0 };
	struct vz_cc_conf c;

	(void)state;
	read_basic(&c);
	assert_false(vz_cc_vswap(&c));
	assert_int_equal(c.avnumproc, 180);
	assert_int_equal(c.barrier[VZ_CC_DISKSPACE], 2 * 1024 * 1024);
	assert_int_equal(c.limit[VZBC_VMGUARPAGES], U);
	assert_int_equal(vz_cc_check(&c, false, &host, record, &l), 0);
	assert_int_equal(l.n, 0);
}

/* the one finding about slot, or NULL */
static const struct vz_cc_finding *about(const struct log *l, unsigned int slot)
{
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (l->f[i].slot == slot)
			return &l->f[i];
	return NULL;
}

static void barrier_and_limit_rules(void **state)
{
	const struct vz_cc_finding *f;
	struct log l = { 0 };
	struct vz_cc_conf c;

	(void)state;
	read_basic(&c);
	c.limit[VZBC_NUMPROC] = 300;		/* must equal */
	c.limit[VZBC_NUMFLOCK] = 100;		/* must not be below */
	c.limit[VZBC_OOMGUARPAGES] = 5;		/* must be unlimited */
	c.barrier[VZBC_PHYSPAGES] = 7;		/* must be 0 */
	assert_int_equal(vz_cc_check(&c, false, &host, record, &l), 4);
	f = about(&l, VZBC_NUMPROC);
	assert_non_null(f);
	assert_int_equal(f->severity, VZ_CC_ERROR);
	assert_string_equal(f->text, "numproc: barrier and limit should be equal "
			    "(currently 240:300)");
	assert_true(f->repairable && f->barrier == 300 && f->limit == 300);
	f = about(&l, VZBC_NUMFLOCK);
	assert_true(f && f->barrier == 188 && f->limit == 188);
	f = about(&l, VZBC_OOMGUARPAGES);
	assert_true(f && f->barrier == 26112 && f->limit == U);
	assert_string_equal(f->text, "oomguarpages: limit should be unlimited (currently 26112:5)");
	f = about(&l, VZBC_PHYSPAGES);
	assert_true(f && f->barrier == 0 && f->limit == U);
	assert_int_equal(c.changed, 0);
}

static void formulas(void **state)
{
	const struct vz_cc_finding *f;
	struct log l = { 0 };
	struct vz_cc_conf c;

	(void)state;
	read_basic(&c);
	c.barrier[VZBC_KMEMSIZE] = 1000000;		/* < 40 KiB x 180 + dcache */
	c.limit[VZBC_TCPSNDBUF] = 1720320 + 1000;	/* gap < 2.5 KiB x 360 */
	c.barrier[VZBC_DGRAMRCVBUF] = c.limit[VZBC_DGRAMRCVBUF] = 40000;	/* < 129 KiB */
	c.barrier[VZBC_NUMFILE] = c.limit[VZBC_NUMFILE] = 1000;	/* < 32 x 180 */
	assert_int_equal(vz_cc_check(&c, false, &host, record, &l), 3);
	f = about(&l, VZBC_KMEMSIZE);
	assert_true(f && f->severity == VZ_CC_ERROR);
	assert_int_equal(f->barrier, 180 * 40960 + 3624960);
	assert_int_equal(f->limit, 14790164 + f->barrier - 1000000);
	f = about(&l, VZBC_TCPSNDBUF);
	assert_true(f && f->severity == VZ_CC_ERROR);
	assert_int_equal(f->limit, 1720320 + 360 * 2560);
	f = about(&l, VZBC_DGRAMRCVBUF);
	assert_true(f && f->severity == VZ_CC_RECOMMENDATION);
	assert_int_equal(f->barrier, 129 * 1024);
	f = about(&l, VZBC_NUMFILE);
	assert_true(f && f->severity == VZ_CC_WARNING);
	assert_int_equal(f->barrier, 180 * 32);
	assert_string_equal(f->text, "numfile: barrier should be at least 5760 "
			    "(currently 1000:1000)");
	/* below 32 KiB it is a warning */
	read_basic(&c);
	c.barrier[VZBC_OTHERSOCKBUF] = 1000;
	l.n = 0;
	assert_int_equal(vz_cc_check(&c, false, &host, record, &l), 1);
	f = about(&l, VZBC_OTHERSOCKBUF);
	assert_true(f && f->severity == VZ_CC_WARNING && f->barrier == 32768);
}

static void repairs_chain(void **state)
{
	struct log l = { .repair = true };
	struct vz_cc_conf c;

	(void)state;
	read_basic(&c);
	/* more files: the dcache limit grows, and then kmemsize with it */
	c.barrier[VZBC_NUMFILE] = c.limit[VZBC_NUMFILE] = 40000;
	assert_int_equal(vz_cc_check(&c, false, &host, record, &l), 0);
	assert_int_equal(c.limit[VZBC_DCACHESIZE], 40000 * 384);
	assert_int_equal(c.barrier[VZBC_KMEMSIZE], 180 * 40960 + 40000 * 384);
	assert_int_equal(c.changed, (1u << VZBC_DCACHESIZE) | (1u << VZBC_KMEMSIZE));
	/* the result is valid */
	l.n = 0;
	l.repair = false;
	assert_int_equal(vz_cc_check(&c, false, &host, record, &l), 0);
	assert_int_equal(l.n, 0);
}

static void missing_parameters(void **state)
{
	struct log l = { .repair = true };
	struct vz_cc_conf c;
	char bad[64];

	(void)state;
	write_conf("NUMPROC=\"240:240\"\nKMEMSIZE=\"1:2\"\n");
	assert_int_equal(vz_cc_read(path, &c, bad, sizeof(bad)), 0);
	/* 13 of the 15 the formulas need are missing: nothing else is checked */
	assert_int_equal(vz_cc_check(&c, false, &host, record, &l), 13);
	assert_string_equal(l.f[0].text, "parameter numtcpsock not found");
	assert_false(l.f[0].repairable);
	assert_int_equal(c.changed, 0);
}

static void vswap_rules(void **state)
{
	const struct vz_cc_finding *f;
	struct log l = { 0 };
	struct vz_cc_conf c;
	char bad[64];

	(void)state;
	write_conf("PHYSPAGES=\"0:256M\"\nSWAPPAGES=\"0:512M\"\nNUMPROC=\"100:50\"\n");
	assert_int_equal(vz_cc_read(path, &c, bad, sizeof(bad)), 0);
	assert_true(vz_cc_vswap(&c));
	assert_int_equal(vz_cc_check(&c, true, &host, record, &l), 1);
	f = about(&l, VZBC_NUMPROC);
	assert_true(f && f->severity == VZ_CC_ERROR && f->limit == 100);
	/* more swap than the host has, a barrier */
	write_conf("PHYSPAGES=\"5:256M\"\nSWAPPAGES=\"0:2G\"\n");
	assert_int_equal(vz_cc_read(path, &c, bad, sizeof(bad)), 0);
	l.n = 0;
	assert_int_equal(vz_cc_check(&c, true, &host, record, &l), 2);
	assert_int_equal(l.f[0].slot, VZBC_PHYSPAGES);
	assert_int_equal(l.f[0].barrier, 0);
	assert_int_equal(l.f[1].slot, VZBC_SWAPPAGES);
	assert_int_equal(l.f[1].severity, VZ_CC_WARNING);
	assert_int_equal(l.f[1].limit, 0.5 * GIB / 4096);
	/* no swap at all */
	write_conf("PHYSPAGES=\"0:256M\"\n");
	assert_int_equal(vz_cc_read(path, &c, bad, sizeof(bad)), 0);
	l.n = 0;
	assert_int_equal(vz_cc_check(&c, true, &host, record, &l), 1);
	assert_string_equal(l.f[0].text, "parameter swappages not found");
}

static void bad_values_and_files(void **state)
{
	struct vz_cc_conf c;
	char bad[64] = "";

	(void)state;
	write_conf("NUMPROC=\"240:lots\"\n");
	assert_int_equal(vz_cc_read(path, &c, bad, sizeof(bad)), -EINVAL);
	assert_string_equal(bad, "NUMPROC");
	write_conf("DISKSPACE=\"2X\"\n");
	assert_int_equal(vz_cc_read(path, &c, bad, sizeof(bad)), -EINVAL);
	assert_string_equal(bad, "DISKSPACE");
	write_conf("AVNUMPROC=\"x\"\n");
	assert_int_equal(vz_cc_read(path, &c, bad, sizeof(bad)), -EINVAL);
	assert_int_equal(vz_cc_read("/nonexistent/1.conf", &c, bad, sizeof(bad)), -ENOENT);
}

static void formatted_back(void **state)
{
	struct vz_cc_conf c;
	char buf[64];

	(void)state;
	read_basic(&c);
	vz_cc_format(&c, VZBC_VMGUARPAGES, buf, sizeof(buf));
	assert_string_equal(buf, "33792:9223372036854775807");
	vz_cc_format(&c, VZ_CC_DISKSPACE, buf, sizeof(buf));
	assert_string_equal(buf, "2097152:2306867");
	assert_string_equal(vz_cc_key(VZ_CC_DISKINODES), "DISKINODES");
	assert_string_equal(vz_cc_key(VZBC_NUMPROC), "NUMPROC");
}

static int setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(openvz_basic_sample_is_valid),
		cmocka_unit_test(barrier_and_limit_rules),
		cmocka_unit_test(formulas),
		cmocka_unit_test(repairs_chain),
		cmocka_unit_test(missing_parameters),
		cmocka_unit_test(vswap_rules),
		cmocka_unit_test(bad_values_and_files),
		cmocka_unit_test(formatted_back),
	};

	return cmocka_run_group_tests_name("cfgcheck", tests, setup, teardown);
}
