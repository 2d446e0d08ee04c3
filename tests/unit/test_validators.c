// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the pure checks and conversions under vzctl's options:
 * capabilities (caps.c), device nodes (devnodes.c), nameservers and search
 * domains (dns.c), CPU and node lists and I/O weights (cpuset.c, io.c),
 * CTIDs (ctid.c), host names, names, text and I/O limits (params.c).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <linux/capability.h>
#include <cmocka.h>

#include "caps.h"
#include "cgroup.h"
#include "ct.h"
#include "devnodes.h"
#include "dns.h"
#include "params.h"

#define BIT(c)	(1ULL << (c))

static void capabilities_parse(void **state)
{
	uint64_t on, off;

	(void)state;
	assert_int_equal(vz_cap_parse("net_admin:on sys_time:off", &on, &off), 0);
	assert_true(on == BIT(CAP_NET_ADMIN) && off == BIT(CAP_SYS_TIME));
	/* CAP_ prefix, any case, later ones win */
	assert_int_equal(vz_cap_parse("CAP_NET_ADMIN:on Net_Admin:off", &on, &off), 0);
	assert_true(on == 0 && off == BIT(CAP_NET_ADMIN));
	assert_int_equal(vz_cap_parse("", &on, &off), 0);
	assert_true(on == 0 && off == 0);
	assert_int_equal(vz_cap_parse("foo:on", &on, &off), -EINVAL);
	assert_int_equal(vz_cap_parse("net_admin", &on, &off), -EINVAL);
	assert_int_equal(vz_cap_parse("net_admin:yes", &on, &off), -EINVAL);
}

/* what a container keeps: OpenVZ's default set, CAPABILITY over it */
static void capabilities_kept(void **state)
{
	(void)state;
	assert_true(vz_cap_keeps("", CAP_SYS_RESOURCE));
	assert_false(vz_cap_keeps("sys_resource:off", CAP_SYS_RESOURCE));
	assert_true(vz_cap_keeps("sys_resource:off SYS_RESOURCE:on", CAP_SYS_RESOURCE));
	assert_false(vz_cap_keeps("", CAP_SYS_TIME));
	assert_true(vz_cap_keeps("sys_time:on", CAP_SYS_TIME));
	assert_false(vz_cap_keeps("foo:on", CAP_SYS_RESOURCE));
	assert_false(vz_cap_keeps("", 64));
}

static void capabilities_format_and_merge(void **state)
{
	char buf[256];

	(void)state;
	vz_cap_format(BIT(CAP_SYS_TIME), BIT(CAP_CHOWN), buf, sizeof(buf));
	assert_string_equal(buf, "CHOWN:off SYS_TIME:on");
	vz_cap_format(0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* the config's, the given ones over it */
	assert_int_equal(vz_cap_merge("SYS_TIME:on CHOWN:off", "chown:on net_admin:off",
				      buf, sizeof(buf)), 0);
	assert_string_equal(buf, "CHOWN:on NET_ADMIN:off SYS_TIME:on");
	assert_int_equal(vz_cap_merge("bogus", "chown:on", buf, sizeof(buf)), -EINVAL);
}

static void devnodes_valid(void **state)
{
	(void)state;
	assert_true(vz_devnode_valid("net/tun:rw"));
	assert_true(vz_devnode_valid("loop-control:r"));
	assert_true(vz_devnode_valid("fuse:w"));
	assert_true(vz_devnode_valid("sda1:none"));
	assert_false(vz_devnode_valid("/dev/sda:rw"));
	assert_false(vz_devnode_valid("../sda:rw"));
	assert_false(vz_devnode_valid("net/../sda:rw"));
	assert_false(vz_devnode_valid("net//tun:rw"));
	assert_false(vz_devnode_valid("net/:rw"));
	assert_false(vz_devnode_valid("sda"));
	assert_false(vz_devnode_valid("sda:rwx"));
	assert_false(vz_devnode_valid(":rw"));
	assert_false(vz_devnode_valid("a b:rw"));
}

static void devnodes_merge(void **state)
{
	char out[512];

	(void)state;
	assert_int_equal(vz_devnodes_merge("net/tun:rw fuse:rw", "fuse:r loop0:rw", out,
					   sizeof(out)), 0);
	assert_string_equal(out, "net/tun:rw fuse:r loop0:rw");
	assert_int_equal(vz_devnodes_merge("net/tun:rw fuse:rw", "net/tun:none", out,
					   sizeof(out)), 0);
	assert_string_equal(out, "fuse:rw");
	assert_int_equal(vz_devnodes_merge("", "fuse:none", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	/* a name that is the end of another is another device */
	assert_int_equal(vz_devnodes_merge("net/tun:rw", "tun:rw", out, sizeof(out)), 0);
	assert_string_equal(out, "net/tun:rw tun:rw");
	assert_int_equal(vz_devnodes_merge("bad", "fuse:rw", out, sizeof(out)), -EINVAL);
	assert_string_equal(out, "bad");
	assert_int_equal(vz_devnodes_merge("fuse:rw", "loop0:rw", out, 10), -E2BIG);
}

static void dns_lists(void **state)
{
	char out[VZ_DNS_MAX];

	(void)state;
	assert_true(vz_dns_valid_ns("192.0.2.1"));
	assert_true(vz_dns_valid_ns("192.0.2.1 2001:db8::1 inherit"));
	assert_false(vz_dns_valid_ns("1.2.3"));
	assert_false(vz_dns_valid_ns("::g"));
	assert_false(vz_dns_valid_ns("example.com"));
	assert_false(vz_dns_valid_ns(""));
	assert_false(vz_dns_valid_ns("1.1.1.1 1.1.1.2 1.1.1.3 1.1.1.4 1.1.1.5 1.1.1.6 1.1.1.7 "
				     "1.1.1.8 1.1.1.9 1.1.1.10 1.1.1.11 1.1.1.12 1.1.1.13 "
				     "1.1.1.14 1.1.1.15 1.1.1.16 1.1.1.17"));
	assert_true(vz_dns_valid_search("example.com a-b.example"));
	assert_true(vz_dns_valid_search("inherit"));
	assert_false(vz_dns_valid_search("-a.b"));
	assert_false(vz_dns_valid_search("a..b"));
	assert_false(vz_dns_valid_search("a_b"));
	assert_false(vz_dns_valid_search(".a"));
	assert_false(vz_dns_valid_search("a b c d e f g"));
	/* without inherit: the words, duplicates dropped */
	vz_dns_expand("192.0.2.1 192.0.2.2 192.0.2.1", false, out, sizeof(out));
	assert_string_equal(out, "192.0.2.1 192.0.2.2");
}

static void id_lists_and_io_weight(void **state)
{
	(void)state;
	assert_true(vz_id_list_valid("0", 3));
	assert_true(vz_id_list_valid("0-2,3", 3));
	assert_true(vz_id_list_valid("1,3", 3));
	assert_false(vz_id_list_valid("4", 3));
	assert_false(vz_id_list_valid("3-1", 3));
	assert_false(vz_id_list_valid("0,,1", 3));
	assert_false(vz_id_list_valid("0-", 3));
	assert_false(vz_id_list_valid("", 3));
	assert_false(vz_id_list_valid("a", 3));
	assert_false(vz_id_list_valid("0", -1));
	assert_true(vz_cpumask_valid("all") && vz_cpumask_valid("auto") && vz_cpumask_valid("0"));
	assert_true(vz_nodemask_valid("all") && vz_nodemask_valid("0"));
	assert_false(vz_nodemask_valid("auto"));
	assert_int_equal(vz_io_weight(4), 100);
	assert_int_equal(vz_io_weight(0), 6);
	assert_int_equal(vz_io_weight(7), 800);
	assert_int_equal(vz_io_weight(99), 800);
}

static void ctids(void **state)
{
	unsigned int id = 7;

	(void)state;
	assert_int_equal(vz_parse_ctid("101", &id), 0);
	assert_int_equal(id, 101);
	assert_int_equal(vz_parse_ctid("0", &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(vz_parse_ctid("2147483644", &id), 0);
	assert_int_equal(vz_parse_ctid("2147483645", &id), -EINVAL);
	assert_int_equal(vz_parse_ctid("99999999999", &id), -EINVAL);
	assert_int_equal(vz_parse_ctid("", &id), -EINVAL);
	assert_int_equal(vz_parse_ctid("+5", &id), -EINVAL);
	assert_int_equal(vz_parse_ctid("5 ", &id), -EINVAL);
	assert_int_equal(vz_parse_ctid("web1", &id), -EINVAL);
}

static void text_checks(void **state)
{
	unsigned long long b;

	(void)state;
	assert_true(vz_hostname_valid("a.example-1"));
	assert_false(vz_hostname_valid(""));
	assert_false(vz_hostname_valid("a b"));
	assert_false(vz_hostname_valid("a123456789b123456789c123456789d123456789"
				       "e123456789f123456789g1234"));	/* 65 */
	assert_true(vz_name_valid("web1") && vz_name_valid("a_b.c-d"));
	/* digits: a CTID's own (vz_check_name) */
	assert_true(vz_name_valid("101"));
	assert_false(vz_name_valid("web 1"));
	assert_true(vz_text_valid("") && vz_text_valid("any text, 100%"));
	assert_false(vz_text_valid("\"") || vz_text_valid("\\") || vz_text_valid("tab\there"));
	assert_int_equal(vz_iolimit_bytes("1", &b), 0);
	assert_true(b == 1048576);
	assert_int_equal(vz_iolimit_bytes("2048M", &b), 0);
	assert_true(b == 2147483648ULL);
	assert_int_equal(vz_iolimit_bytes("2049M", &b), -EINVAL);
	assert_int_equal(vz_iolimit_bytes("", &b), -EINVAL);
	assert_int_equal(vz_iolimit_bytes("1.5G", &b), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(capabilities_parse),
		cmocka_unit_test(capabilities_kept),
		cmocka_unit_test(capabilities_format_and_merge),
		cmocka_unit_test(devnodes_valid),
		cmocka_unit_test(devnodes_merge),
		cmocka_unit_test(dns_lists),
		cmocka_unit_test(id_lists_and_io_weight),
		cmocka_unit_test(ctids),
		cmocka_unit_test(text_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
