// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the parameter table of vzctl set and create
 * (tools/lib/params.c): the table's consistency, every parser on good and
 * bad values and what it keeps, and the values of one call (repeated and
 * repeatable options, the order they are saved in).
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

#include "err.h"
#include "groups.h"
#include "netdev.h"
#include "params.h"
#include "ubc.h"
#include "venet.h"
#include "veth.h"
#include "vzenv.h"
#include "vzexit.h"

/* the value row name keeps for arg, or NULL when it refuses it (err then
 * has exit 21 and a message naming the option) */
static const char *parse(const char *name, const char *arg)
{
	static char val[VZ_VALUE_MAX];
	const struct vz_param *p = vz_param_by_name(name);
	struct vz_err err = { 0 };

	assert_non_null(p);
	assert_non_null(p->parse);
	if (p->parse(p, arg, val, sizeof(val), &err)) {
		char opt[64];

		assert_int_equal(err.code, VZ_INVALID_PARAMETER_VALUE);
		snprintf(opt, sizeof(opt), "--%s", name);
		assert_non_null(strstr(err.msg, opt));
		return NULL;
	}
	return val;
}

static void ok(const char *name, const char *arg, const char *kept)
{
	const char *v = parse(name, arg);

	assert_non_null(v);
	assert_string_equal(v, kept);
}

static void bad(const char *name, const char *arg)
{
	assert_null(parse(name, arg));
}

static void table_is_consistent(void **state)
{
	const struct vz_param *p, *q;

	(void)state;
	for (p = vz_params; p->name; p++) {
		assert_non_null(p->key);
		assert_non_null(p->help);
		assert_non_null(p->argdesc);
		assert_true(p->flags & (VZP_SET | VZP_CREATE));
		assert_true(p->group < VZG_NR);
		/* create's own rows are create's only */
		assert_true(p->group != VZG_CREATE || !(p->flags & VZP_SET));
		for (q = p + 1; q->name; q++)
			assert_string_not_equal(p->name, q->name);
		assert_ptr_equal(vz_param_by_name(p->name), p);
	}
	assert_null(vz_param_by_name("no-such"));
}

static void every_beancounter_is_a_set_option(void **state)
{
	const struct vz_param *p;
	unsigned int i;

	(void)state;
	for (i = 0; i < ubc_nr_resources; i++) {
		p = vz_param_by_name(ubc_resources[i].name);
		assert_non_null(p);
		assert_string_equal(p->key, ubc_resources[i].key);
		assert_int_equal(p->min, ubc_resources[i].id);
		assert_int_equal(p->group, VZG_UBC);
		assert_true(p->flags & VZP_SET);
		assert_string_equal(p->argdesc, "B[:L]");
	}
}

static void beancounter_values(void **state)
{
	long pages = 256L * 1024 * 1024 / sysconf(_SC_PAGESIZE);
	char kept[64];

	(void)state;
	/* kept as OpenVZ kept them: plain numbers, LONG_MAX for unlimited */
	ok("numproc", "240", "240:240");
	ok("numflock", "5:unlimited", "5:9223372036854775807");
	ok("numflock", "unlimited", "9223372036854775807:9223372036854775807");
	ok("vmguarpages", "1000:9223372036854775807", "1000:9223372036854775807");
	ok("kmemsize", "1M:2M", "1048576:2097152");
	snprintf(kept, sizeof(kept), "0:%ld", pages);
	ok("physpages", "0:256M", kept);
	bad("numproc", "1K");
	bad("numproc", "x");
	/* a barrier above the limit (libvirt's hard limit with the barrier it
	 * read): brought down to the limit, with a warning */
	ok("kmemsize", "10:5", "5:5");
	ok("privvmpages", "9223372036854775807:125000", "125000:125000");
	/* above LONG_MAX: unlimited, with a warning */
	ok("numproc", "99999999999999999999999", "9223372036854775807:9223372036854775807");
	ok("kmemsize", "1e999K", "9223372036854775807:9223372036854775807");
}

static int warnings;

static void count_warnings(int level, const char *msg)
{
	(void)msg;
	if ((level & ~VZ_LOG_TAG) == VZ_WARN)
		warnings++;
}

/* what libvirt and panels write: LONG_MAX, unlimited without a warning */
static void long_max_is_unlimited_silently(void **state)
{
	(void)state;
	vz_log_set(count_warnings);
	warnings = 0;
	ok("privvmpages", "9223372036854775807:9223372036854775807",
	   "9223372036854775807:9223372036854775807");
	ok("vmguarpages", "25000:9223372036854775807", "25000:9223372036854775807");
	ok("kmemsize", "9223372036854775807", "9223372036854775807:9223372036854775807");
	assert_int_equal(warnings, 0);
	ok("numproc", "9223372036854775808", "9223372036854775807:9223372036854775807");
	ok("privvmpages", "9223372036854775807:125000", "125000:125000");
	assert_int_equal(warnings, 2);
	vz_log_set(NULL);
}

static void ram_and_swap_are_limits(void **state)
{
	char kept[64];

	(void)state;
	snprintf(kept, sizeof(kept), "0:%ld", 1024L * 1024 * 1024 / sysconf(_SC_PAGESIZE));
	ok("ram", "1G", kept);
	ok("swap", "1G", kept);
	bad("ram", "1G:2G");
	bad("swap", "lots");
	assert_string_equal(vz_param_by_name("ram")->key, "PHYSPAGES");
	assert_string_equal(vz_param_by_name("swap")->key, "SWAPPAGES");
}

static void cpu_values(void **state)
{
	(void)state;
	ok("cpuunits", "1000", "1000");
	ok("cpuunits", "8", "8");
	ok("cpuunits", "500000", "500000");
	bad("cpuunits", "7");
	bad("cpuunits", "500001");
	bad("cpuunits", "1k");
	ok("cpulimit", "50%", "50");
	ok("cpulimit", "0", "0");
	bad("cpulimit", "5x");
	bad("cpulimit", "%");
	ok("cpus", "2", "2");
	ok("cpus", "8192", "8192");
	bad("cpus", "8193");
	ok("cpumask", "all", "all");
	ok("cpumask", "auto", "auto");
	ok("cpumask", "0", "0");
	bad("cpumask", "3-1");
	bad("cpumask", "0,,1");
	bad("cpumask", "99999999");
	ok("nodemask", "0", "0");
	ok("nodemask", "all", "all");
	bad("nodemask", "0-x");
	bad("nodemask", "auto");
}

static void io_and_disk_values(void **state)
{
	(void)state;
	ok("ioprio", "0", "0");
	ok("ioprio", "7", "7");
	bad("ioprio", "8");
	bad("ioprio", "07");
	ok("iolimit", "10", "10485760");
	ok("iolimit", "10M", "10485760");
	ok("iolimit", "512K", "524288");
	ok("iolimit", "100b", "100");
	ok("iolimit", "2G", "2147483648");
	bad("iolimit", "3G");
	bad("iolimit", "1T");
	bad("iolimit", "M");
	ok("iopslimit", "0", "0");
	bad("iopslimit", "x");
	ok("diskspace", "1G", "1048576:1048576");
	ok("diskspace", "1G:2G", "1048576:2097152");
	ok("diskinodes", "1000:2000", "1000:2000");
	bad("diskspace", "10X");
	bad("diskspace", "2G:1G");
	bad("diskinodes", "1.5");
}

static void names_and_text(void **state)
{
	(void)state;
	ok("hostname", "ct101.example.com", "ct101.example.com");
	bad("hostname", "bad name");
	bad("hostname", "");
	bad("hostname", "a_b");
	ok("name", "web1", "web1");
	ok("name", "web_1.x-y", "web_1.x-y");
	ok("name", "1234", "1234");	/* digits: checked against the CTID */
	bad("name", "");
	bad("name", "a b");
	ok("description", "a customer's box (#42)", "a customer's box (#42)");
	bad("description", "a \"quoted\" text");
	bad("description", "back\\slash");
	ok("onboot", "yes", "yes");
	ok("disabled", "no", "no");
	bad("onboot", "maybe");
	ok("bootorder", "5", "5");
	bad("bootorder", "-1");
}

/* a name of digits only is the container's own CTID (libvirt's create
 * CTID --name CTID), never another's */
static void digit_names_are_the_ctid(void **state)
{
	const struct vz_param *p = vz_param_by_name("name");
	struct vzenv env = { .ctid = 101 };
	struct vz_err err = { 0 };

	(void)state;
	assert_int_equal(p->check(p, &env, "101", &err), 0);
	assert_int_equal(p->check(p, &env, "102", &err), -1);
	assert_int_equal(err.code, VZ_INVALID_PARAMETER_VALUE);
	assert_string_equal(err.msg, "--name 102: a name of digits only must be the "
			    "container's own CTID (101)");
	assert_int_equal(p->check(p, &env, "99999999999", &err), -1);
	assert_true(vz_param_by_name("name")->flags & VZP_CREATE);
}

static void dns_capability_devnodes(void **state)
{
	(void)state;
	ok("nameserver", "192.0.2.1", "192.0.2.1");
	ok("nameserver", "2001:db8::53", "2001:db8::53");
	ok("nameserver", "inherit", "inherit");
	bad("nameserver", "1.2.3");
	bad("nameserver", "example.com");
	ok("searchdomain", "example.com", "example.com");
	bad("searchdomain", "a..b");
	ok("capability", "net_admin:on", "net_admin:on");
	ok("capability", "CAP_SYS_TIME:off", "CAP_SYS_TIME:off");
	bad("capability", "foo:on");
	bad("capability", "net_admin:maybe");
	bad("capability", "");
	ok("devnodes", "null:rw", "null:rw");
	ok("devnodes", "no/such/device:none", "no/such/device:none");
	bad("devnodes", "no/such/device:rw");	/* the host has none */
	bad("devnodes", "../sda:rw");
	bad("devnodes", "sda");
}

static void view_and_meminfo(void **state)
{
	struct vz_err err = { 0 };
	const struct vz_param *p = vz_param_by_name("meminfo");
	char val[64];

	(void)state;
	ok("meminfo", "none", "none");
	ok("meminfo", "on", "on");
	bad("meminfo", "off");
	bad("meminfo", "");
	/* OpenVZ's other modes: refused, saying why */
	assert_int_equal(p->parse(p, "privvmpages:1", val, sizeof(val), &err), -1);
	assert_int_equal(err.code, VZ_INVALID_PARAMETER_VALUE);
	assert_non_null(strstr(err.msg, "not supported"));
	bad("meminfo", "pages:65536");
	ok("view", "all", "all");
	ok("view", "none", "none");
	ok("view", "loadavg,meminfo", "meminfo,loadavg");
	ok("view", "cpu,loadavg,uptime,meminfo", "all");
	bad("view", "");
	bad("view", "disk");
	bad("view", "cpu,");
	assert_int_equal(vz_param_by_name("view")->group, VZG_VIEW);
	assert_int_equal(vz_param_by_name("meminfo")->group, VZG_VIEW);
	assert_true(vz_groups[VZG_VIEW].module && vz_groups[VZG_VIEW].host);
}

static void create_values(void **state)
{
	(void)state;
	ok("layout", "simfs", "simfs");
	ok("layout", "ploop:plain", "ploop:plain");
	bad("layout", "zfs");
	bad("layout", "ploop:sparse");
	ok("local_uid", "100000", "100000");
	ok("local_gid", "0", "0");
	bad("local_uid", "-1");
	bad("local_uid", "4294967295");
	assert_null(vz_param_by_name("ostemplate")->parse);	/* checked by create */
}

static void add(struct vz_values *v, const char *name, const char *arg, int ret)
{
	struct vz_err err = { 0 };

	assert_int_equal(vz_values_add(v, vz_param_by_name(name), arg, &err), ret);
}

static void values_of_one_call(void **state)
{
	static struct vz_values v;
	char buf[VZ_VALUE_MAX];
	unsigned int i;

	(void)state;
	memset(&v, 0, sizeof(v));
	add(&v, "numproc", "10", 0);
	add(&v, "cpuunits", "2000", 0);
	add(&v, "physpages", "0:100", 0);
	add(&v, "ram", "1M", 0);		/* the same key: the later wins */
	add(&v, "numproc", "20", 0);		/* keeps its place */
	add(&v, "nameserver", "192.0.2.1", 0);
	add(&v, "nameserver", "192.0.2.2", 0);	/* repeatable: added */
	add(&v, "numproc", "x", -1);		/* refused: nothing changes */
	assert_int_equal(v.n, 4);
	assert_string_equal(v.v[0].val, "20:20");
	assert_string_equal(v.v[2].p->name, "ram");
	assert_string_equal(vz_values_get(&v, "PHYSPAGES"), "0:256");
	assert_string_equal(vz_values_get(&v, "NAMESERVER"), "192.0.2.1 192.0.2.2");
	assert_null(vz_values_get(&v, "CPULIMIT"));
	assert_true(vz_given(&v, "CPUUNITS", buf, sizeof(buf)));
	assert_string_equal(buf, "2000");
	assert_false(vz_given(&v, "CPULIMIT", buf, sizeof(buf)));
	assert_true(vz_values_group(&v, VZG_CPU));
	assert_true(vz_values_group(&v, VZG_DNS));
	assert_false(vz_values_group(&v, VZG_IO));
	/* a repeatable option's values together stay below VZ_LIST_MAX */
	for (i = 0; i < 40; i++)
		add(&v, "searchdomain", "a-long-enough-search-domain.example", i < 14 ? 0 : -1);
	assert_true(strlen(vz_values_get(&v, "SEARCHDOMAIN")) < VZ_LIST_MAX);
	assert_int_equal(vz_values_set(&v, "NAMESERVER", "inherit"), 0);
	assert_string_equal(vz_values_get(&v, "NAMESERVER"), "inherit");
	assert_int_equal(vz_values_set(&v, "IOPRIO", "1"), -ENOENT);
}

static void saved_beancounters_first(void **state)
{
	char path[] = "/tmp/vzbc-test-params.XXXXXX", text[512];
	static struct vz_values v;
	FILE *f;
	size_t n;
	int fd;

	(void)state;
	memset(&v, 0, sizeof(v));
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "# mine\nCPUUNITS=\"1\"\n", 20), 20);
	close(fd);
	add(&v, "hostname", "h", 0);
	add(&v, "numproc", "5", 0);
	add(&v, "cpuunits", "2000", 0);
	add(&v, "numfile", "7", 0);
	assert_int_equal(vz_values_save(&v, path), 0);
	f = fopen(path, "r");
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	unlink(path);
	assert_string_equal(text, "# mine\nCPUUNITS=\"2000\"\nNUMPROC=\"5:5\"\nNUMFILE=\"7:7\"\n"
			    "HOSTNAME=\"h\"\n");
}

/* an address row refusing arg: exit 71 (VZ_BADIP), naming the option */
static void bad_ip(const char *name, const char *arg)
{
	const struct vz_param *p = vz_param_by_name(name);
	struct vz_err err = { 0 };
	char val[VZ_VALUE_MAX], opt[64];

	assert_int_equal(p->parse(p, arg, val, sizeof(val), &err), -1);
	assert_int_equal(err.code, VZ_BADIP);
	snprintf(opt, sizeof(opt), "--%s", name);
	assert_non_null(strstr(err.msg, opt));
	assert_non_null(strstr(err.msg, arg));
}

static void ip_values(void **state)
{
	(void)state;
	ok("ipadd", "10.0.0.1", "10.0.0.1");
	ok("ipadd", "10.0.0.1/24", "10.0.0.1/24");
	ok("ipadd", "2001:DB8:0:0::1", "2001:db8::1");
	ok("ipdel", "all", "all");
	ok("ipdel", "2001:db8::1/64", "2001:db8::1/64");
	bad_ip("ipadd", "10.0.0.300");
	bad_ip("ipadd", "127.0.0.1");
	bad_ip("ipadd", "fe80::1");
	bad_ip("ipadd", "224.0.0.1");
	bad_ip("ipadd", "10.0.0.0/24");
	bad_ip("ipadd", "all");
	bad_ip("ipdel", "nonsense");
	assert_true(vz_param_by_name("ipadd")->flags & VZP_LIST);
	assert_true(vz_param_by_name("ipdel")->flags & VZP_NOSAVE);
	assert_int_equal(vz_param_by_name("ipadd")->group, VZG_NET);
	assert_true(vz_groups[VZG_NET].ns);
}

/* IP_ADDRESS after --ipdel then --ipadd */
static void merged(const char *cur, const char *add, const char *del, const char *want)
{
	struct vz_err err = { 0 };
	char out[VZ_VALUE_MAX];

	assert_int_equal(vz_venet_merge(cur, add, del, out, sizeof(out), &err), 0);
	assert_string_equal(out, want);
}

static void ip_address_merge(void **state)
{
	struct vz_err err = { 0 };
	char out[VZ_VALUE_MAX];

	(void)state;
	merged("", "10.0.0.1 2001:db8::1", NULL, "10.0.0.1 2001:db8::1");
	merged("10.0.0.1", "10.0.0.2 10.0.0.1", NULL, "10.0.0.1 10.0.0.2");
	merged("10.0.0.1 10.0.0.2 2001:db8::1", NULL, "10.0.0.2", "10.0.0.1 2001:db8::1");
	merged("10.0.0.1 10.0.0.2", "10.0.0.3", "all", "10.0.0.3");
	merged("10.0.0.1", NULL, "10.0.0.9", "10.0.0.1");	/* not there: a warning */
	merged("10.0.0.1 10.0.0.2", "10.0.0.2", "10.0.0.2", "10.0.0.1 10.0.0.2");
	/* a broken config is said, not overwritten */
	assert_int_equal(vz_venet_merge("10.0.0.1 bogus", "10.0.0.2", NULL, out, sizeof(out),
					&err), -1);
	assert_int_equal(err.code, VZ_BADIP);
	assert_non_null(strstr(err.msg, "bogus"));
}

/* NETDEV: each name once, in order; --netdev_del first */
static void netdev_merge(void **state)
{
	struct vz_err err = { 0 };
	char out[VZ_VALUE_MAX];

	(void)state;
	assert_int_equal(vz_netdev_merge("eth1", "eth2 eth1", NULL, out, sizeof(out), &err), 0);
	assert_string_equal(out, "eth1 eth2");
	assert_int_equal(vz_netdev_merge("eth1 eth2", "eth3", "eth1", out, sizeof(out), &err), 0);
	assert_string_equal(out, "eth2 eth3");
	assert_int_equal(vz_netdev_merge("eth1 eth2", "eth4", "all", out, sizeof(out), &err), 0);
	assert_string_equal(out, "eth4");
	/* a broken config is said, not overwritten */
	assert_int_equal(vz_netdev_merge("eth1 a/b", "eth2", NULL, out, sizeof(out), &err), -1);
	assert_int_equal(err.code, VZ_INVALID_PARAMETER_VALUE);
}

static void netif_values(void **state)
{
	struct vz_err err = { 0 };
	char out[VZ_VALUE_MAX];

	(void)state;
	ok("netif_add", "eth0", "eth0");
	ok("netif_add", "eth0,,,,br0", "eth0,,,,br0");
	ok("netif_del", "all", "all");
	ok("netif_del", "eth1", "eth1");
	bad("netif_add", "eth0,01:00:00:00:00:01");	/* multicast */
	bad("netif_add", "eth0123456789abcdef");
	bad("netif_add", "eth/0");
	bad("netif_del", "a b");
	ok("netdev_add", "eth1", "eth1");
	ok("netdev_del", "all", "all");
	bad("netdev_add", "eth0123456789abcdef");
	bad("netdev_add", "all x");
	assert_int_equal(vz_veth_merge(101, "", "eth0,,,,br0 eth1,02:00:00:00:01:01,vethx",
				       NULL, out, sizeof(out), &err), 0);
	/* OpenVZ's order: the bridge after the name */
	assert_non_null(strstr(out, "ifname=eth0,bridge=br0,mac="));
	assert_non_null(strstr(out, ",host_ifname=veth101.0,host_mac="));
	assert_non_null(strstr(out, ";ifname=eth1,mac=02:00:00:00:01:01,host_ifname=vethx,"));
	assert_int_equal(vz_veth_merge(101, out, NULL, "eth0", out, sizeof(out), &err), 0);
	assert_non_null(strstr(out, "ifname=eth1,"));
	assert_null(strstr(out, "ifname=eth0"));
	assert_int_equal(vz_veth_merge(101, out, "eth1", NULL, out, sizeof(out), &err), -1);
	assert_int_equal(err.code, VZ_INVALID_PARAMETER_VALUE);
	assert_int_equal(vz_veth_merge(101, out, NULL, "all", out, sizeof(out), &err), 0);
	assert_string_equal(out, "");
}

static void groups_say_what_needs_save(void **state)
{
	const struct vz_param *p;

	(void)state;
	for (p = vz_params; p->name; p++) {
		const struct vz_group *g = &vz_groups[p->group];

		/* a group either applies somewhere or is kept until a start */
		if (p->group == VZG_CONFIG || p->group == VZG_DISK)
			assert_true(g->saved);
		if (g->restart)
			assert_true(g->saved);
		if (g->inside)
			assert_non_null(g->resolve);
	}
	assert_true(vz_groups[VZG_CAPS].restart && vz_groups[VZG_DEVNODES].restart);
	assert_false(vz_groups[VZG_UBC].saved || vz_groups[VZG_CPU].saved ||
		     vz_groups[VZG_HOSTNAME].saved || vz_groups[VZG_DNS].saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_consistent),
		cmocka_unit_test(every_beancounter_is_a_set_option),
		cmocka_unit_test(beancounter_values),
		cmocka_unit_test(long_max_is_unlimited_silently),
		cmocka_unit_test(ram_and_swap_are_limits),
		cmocka_unit_test(cpu_values),
		cmocka_unit_test(io_and_disk_values),
		cmocka_unit_test(names_and_text),
		cmocka_unit_test(digit_names_are_the_ctid),
		cmocka_unit_test(dns_capability_devnodes),
		cmocka_unit_test(view_and_meminfo),
		cmocka_unit_test(create_values),
		cmocka_unit_test(ip_values),
		cmocka_unit_test(ip_address_merge),
		cmocka_unit_test(netif_values),
		cmocka_unit_test(netdev_merge),
		cmocka_unit_test(values_of_one_call),
		cmocka_unit_test(saved_beancounters_first),
		cmocka_unit_test(groups_say_what_needs_save),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
