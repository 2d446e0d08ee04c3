// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the network settings parsers (tools/lib/netparse.c):
 * IP_ADDRESS, NETIF, MAC addresses, interface names, NEIGHBOUR_DEVS.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "netparse.h"

/* parse s and format it back */
static const char *roundtrip(const char *s)
{
	static char buf[VZNET_IP_STRLEN];
	struct vznet_ip ip;

	assert_int_equal(vznet_ip_parse(s, &ip), 0);
	vznet_ip_format(&ip, buf);
	return buf;
}

static void test_ip_good(void **state)
{
	struct vznet_ip ip;

	(void)state;
	assert_string_equal(roundtrip("10.0.0.1"), "10.0.0.1");
	assert_string_equal(roundtrip("192.0.2.5/24"), "192.0.2.5/24");
	assert_string_equal(roundtrip("198.51.100.7/32"), "198.51.100.7/32");
	assert_string_equal(roundtrip("10.1.2.3/31"), "10.1.2.3/31");
	assert_string_equal(roundtrip("2001:DB8:0:0:1::5"), "2001:db8::1:0:0:5");
	assert_string_equal(roundtrip("2001:db8::5/64"), "2001:db8::5/64");
	assert_string_equal(roundtrip("fd00::1/128"), "fd00::1/128");
	assert_int_equal(vznet_ip_parse("10.0.0.1", &ip), 0);
	assert_int_equal(ip.family, AF_INET);
	assert_int_equal(ip.prefix, -1);
	assert_int_equal(vznet_ip_prefix(&ip), 32);
	assert_int_equal(vznet_ip_parse("2001:db8::1/56", &ip), 0);
	assert_int_equal(ip.family, AF_INET6);
	assert_int_equal(vznet_ip_prefix(&ip), 56);
	assert_int_equal(vznet_ip_parse("2001:db8::1", &ip), 0);
	assert_int_equal(vznet_ip_prefix(&ip), 128);
}

static void test_ip_malformed(void **state)
{
	static const char *const bad[] = {
		"", "/24", "10.0.0", "10.0.0.1.2", "10.0.0.256", "010.0.0.1",
		"10.0.0.1/", "10.0.0.1/0", "10.0.0.1/33", "10.0.0.1/-1", "10.0.0.1/+8",
		"10.0.0.1/24/8", "10.0.0.1/2x", "10.0.0.1/255.255.255.0", "10.0.0.1 ",
		" 10.0.0.1", "2001:db8::1/129", "2001:db8::1/0", "2001:db8:::1",
		"2001:db8::1%eth0", "fe80::1%1", "example.com", "0x0a000001",
		"2001:db8::1/1000", "10.0.0.1/0024",
	};
	struct vznet_ip ip;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = vznet_ip_parse(bad[i], &ip);

		if (r != -EINVAL)
			fail_msg("\"%s\" gave %d, not -EINVAL", bad[i], r);
	}
}

static void test_ip_not_ownable(void **state)
{
	static const char *const bad[] = {
		"0.0.0.0", "0.1.2.3", "127.0.0.1", "127.1.2.3", "169.254.0.1",
		"224.0.0.1", "239.255.255.255", "240.0.0.1", "255.255.255.255",
		"::", "::1", "::ffff:10.0.0.1", "::10.0.0.1", "fe80::1", "febf::1",
		"ff02::1", "ff05::1:3",
	};
	struct vznet_ip ip;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = vznet_ip_parse(bad[i], &ip);

		if (r != -EADDRNOTAVAIL)
			fail_msg("\"%s\" gave %d, not -EADDRNOTAVAIL", bad[i], r);
	}
	/* fec0::/10 is not link-local */
	assert_int_equal(vznet_ip_parse("fec0::1", &ip), 0);
}

static void test_ip_mask_sense(void **state)
{
	struct vznet_ip ip;

	(void)state;
	/* the network and broadcast addresses of the prefix given */
	assert_int_equal(vznet_ip_parse("192.0.2.0/24", &ip), -EDOM);
	assert_int_equal(vznet_ip_parse("192.0.2.255/24", &ip), -EDOM);
	assert_int_equal(vznet_ip_parse("10.0.0.0/8", &ip), -EDOM);
	assert_int_equal(vznet_ip_parse("10.255.255.255/8", &ip), -EDOM);
	assert_int_equal(vznet_ip_parse("192.0.2.4/30", &ip), -EDOM);
	/* fine: hosts, /31 and /32 */
	assert_int_equal(vznet_ip_parse("192.0.2.5/30", &ip), 0);
	assert_int_equal(vznet_ip_parse("192.0.2.0/31", &ip), 0);
	assert_int_equal(vznet_ip_parse("192.0.2.0/32", &ip), 0);
	assert_int_equal(vznet_ip_parse("192.0.2.0", &ip), 0);
	/* IPv6 has no broadcast */
	assert_int_equal(vznet_ip_parse("2001:db8::/64", &ip), 0);
}

static void test_ip_vzbc(void **state)
{
	struct vzbc_net_addr a;
	struct vznet_ip ip;

	(void)state;
	assert_int_equal(vznet_ip_parse("192.0.2.9/24", &ip), 0);
	vznet_ip_to_vzbc(&ip, &a);
	assert_int_equal(a.family, AF_INET);
	assert_memory_equal(a.addr, "\xc0\x00\x02\x09\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	assert_int_equal(a.reserved0, 0);
	assert_int_equal(a.reserved1, 0);
	assert_int_equal(vznet_ip_parse("2001:db8::9", &ip), 0);
	vznet_ip_to_vzbc(&ip, &a);
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(a.addr[0], 0x20);
	assert_int_equal(a.addr[15], 9);
}

static void test_iplist(void **state)
{
	struct vznet_iplist l;
	struct vznet_ip ip;
	char buf[256];
	size_t bad = 0;

	(void)state;
	assert_int_equal(vznet_iplist_parse("", &l, NULL), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(vznet_iplist_parse("  10.0.0.1\t2001:db8::1/64  192.0.2.7/24 ", &l, NULL), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(vznet_iplist_format(&l, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "10.0.0.1 2001:db8::1/64 192.0.2.7/24");

	/* the mask is no part of the identity */
	assert_int_equal(vznet_ip_parse("192.0.2.7", &ip), 0);
	assert_int_equal(vznet_iplist_find(&l, &ip), 2);
	assert_int_equal(vznet_iplist_add(&l, &ip), -EEXIST);
	assert_int_equal(vznet_iplist_del(&l, &ip), 0);
	assert_int_equal(vznet_iplist_del(&l, &ip), -ENOENT);
	assert_int_equal(vznet_ip_parse("10.0.0.2", &ip), 0);
	assert_int_equal(vznet_iplist_add(&l, &ip), 0);
	assert_int_equal(vznet_iplist_format(&l, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "10.0.0.1 2001:db8::1/64 10.0.0.2");
	assert_int_equal(vznet_iplist_format(&l, buf, 10), -ENAMETOOLONG);
	vznet_iplist_free(&l);

	/* a duplicate, a bad entry: where it starts */
	assert_int_equal(vznet_iplist_parse("10.0.0.1 10.0.0.2 10.0.0.1/24", &l, &bad), -EEXIST);
	assert_int_equal(bad, 18);
	assert_null(l.ip);
	assert_int_equal(vznet_iplist_parse("10.0.0.1 10.0.0.300", &l, &bad), -EINVAL);
	assert_int_equal(bad, 9);
	assert_int_equal(vznet_iplist_parse("10.0.0.1 127.0.0.1", &l, &bad), -EADDRNOTAVAIL);
	assert_int_equal(vznet_iplist_parse("2001:db8::1 2001:DB8:0::1", &l, &bad), -EEXIST);
}

static void test_mac(void **state)
{
	unsigned char mac[6], mac2[6];
	char buf[18];

	(void)state;
	assert_int_equal(vznet_mac_parse("00:18:51:ab:CD:ef", mac), 0);
	vznet_mac_format(mac, buf);
	assert_string_equal(buf, "00:18:51:AB:CD:EF");
	assert_int_equal(vznet_mac_parse("01:00:5e:00:00:01", mac), -EINVAL);
	assert_int_equal(vznet_mac_parse("00:00:00:00:00:00", mac), -EINVAL);
	assert_int_equal(vznet_mac_parse("00:18:51:ab:cd", mac), -EINVAL);
	assert_int_equal(vznet_mac_parse("00-18-51-ab-cd-ef", mac), -EINVAL);
	assert_int_equal(vznet_mac_parse("00:18:51:ab:cd:eg", mac), -EINVAL);
	assert_int_equal(vznet_mac_parse("0:18:51:ab:cd:ef1", mac), -EINVAL);

	/* generated: stable, unicast, locally administered, distinct */
	vznet_mac_generate(101, "eth0", false, mac);
	vznet_mac_generate(101, "eth0", false, mac2);
	assert_memory_equal(mac, mac2, 6);
	assert_int_equal(mac[0] & 3, 2);
	vznet_mac_generate(101, "eth0", true, mac2);
	assert_memory_not_equal(mac, mac2, 6);
	assert_int_equal(mac2[0] & 3, 2);
	vznet_mac_generate(102, "eth0", false, mac2);
	assert_memory_not_equal(mac, mac2, 6);
	vznet_mac_generate(101, "eth1", false, mac2);
	assert_memory_not_equal(mac, mac2, 6);
}

static void test_ifname(void **state)
{
	(void)state;
	assert_true(vznet_ifname_valid("eth0"));
	assert_true(vznet_ifname_valid("veth101.0"));
	assert_true(vznet_ifname_valid("abcdefghijklmno"));	/* 15 */
	assert_false(vznet_ifname_valid("abcdefghijklmnop"));	/* 16 */
	assert_false(vznet_ifname_valid(""));
	assert_false(vznet_ifname_valid("."));
	assert_false(vznet_ifname_valid(".."));
	assert_false(vznet_ifname_valid("eth0:1"));
	assert_false(vznet_ifname_valid("a/b"));
	assert_false(vznet_ifname_valid("a b"));
	assert_false(vznet_ifname_valid("a\tb"));
	assert_false(vznet_ifname_valid("a\x01"));
}

static void test_netif_arg(void **state)
{
	struct vznet_netif nif;
	int field = -1;

	(void)state;
	assert_int_equal(vznet_netif_parse_arg("eth0", &nif, &field), 0);
	assert_string_equal(nif.ifname, "eth0");
	assert_false(nif.has_mac);
	assert_string_equal(nif.host_ifname, "");
	assert_string_equal(nif.bridge, "");
	assert_int_equal(nif.mac_filter, -1);

	assert_int_equal(vznet_netif_parse_arg("eth1,00:18:51:00:00:01,veth101.1,"
					       "00:18:51:00:00:02,vmbr0", &nif, &field), 0);
	assert_string_equal(nif.ifname, "eth1");
	assert_true(nif.has_mac);
	assert_int_equal(nif.mac[5], 1);
	assert_string_equal(nif.host_ifname, "veth101.1");
	assert_true(nif.has_host_mac);
	assert_int_equal(nif.host_mac[5], 2);
	assert_string_equal(nif.bridge, "vmbr0");

	/* empty fields are not given */
	assert_int_equal(vznet_netif_parse_arg("eth1,,,,br0", &nif, &field), 0);
	assert_false(nif.has_mac);
	assert_string_equal(nif.bridge, "br0");

	assert_int_equal(vznet_netif_parse_arg("", &nif, &field), -EINVAL);
	assert_int_equal(field, 0);
	assert_int_equal(vznet_netif_parse_arg(",00:18:51:00:00:01", &nif, &field), -EINVAL);
	assert_int_equal(field, 0);
	assert_int_equal(vznet_netif_parse_arg("eth0,zz", &nif, &field), -EINVAL);
	assert_int_equal(field, 1);
	assert_int_equal(vznet_netif_parse_arg("eth0,,a:b", &nif, &field), -EINVAL);
	assert_int_equal(field, 2);
	assert_int_equal(vznet_netif_parse_arg("eth0,,,01:00:00:00:00:01", &nif, &field), -EINVAL);
	assert_int_equal(field, 3);
	assert_int_equal(vznet_netif_parse_arg("eth0,,,,a b", &nif, &field), -EINVAL);
	assert_int_equal(field, 4);
	assert_int_equal(vznet_netif_parse_arg("eth0,,,,br0,extra", &nif, &field), -EINVAL);
	assert_int_equal(field, 5);
	assert_int_equal(vznet_netif_parse_arg("averyveryverylongname", &nif, &field),
			 -ENAMETOOLONG);
	assert_int_equal(field, 0);
	assert_int_equal(vznet_netif_parse_arg("eth0,,averyveryverylonghost", &nif, &field),
			 -ENAMETOOLONG);
	assert_int_equal(field, 2);
}

static void test_netifs(void **state)
{
	struct vznet_netifs l;
	struct vznet_netif nif;
	char buf[512];

	(void)state;
	assert_int_equal(vznet_netifs_parse("", &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(vznet_netifs_parse(
		"ifname=eth0,bridge=vmbr0,mac=00:18:51:00:00:01,host_ifname=veth101.0,"
		"host_mac=00:18:51:00:00:02,mac_filter=on;ifname=eth1,host_ifname=veth101.1;", &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.nif[0].bridge, "vmbr0");
	assert_int_equal(l.nif[0].mac_filter, 1);
	assert_int_equal(l.nif[1].mac_filter, -1);
	assert_int_equal(vznet_netifs_format(&l, buf, sizeof(buf)), 0);
	assert_string_equal(buf,
		"ifname=eth0,bridge=vmbr0,mac=00:18:51:00:00:01,host_ifname=veth101.0,"
		"host_mac=00:18:51:00:00:02,mac_filter=on;ifname=eth1,host_ifname=veth101.1");

	/* added: the first free host name, generated MACs; names unique */
	assert_int_equal(vznet_netif_parse_arg("eth2", &nif, NULL), 0);
	assert_int_equal(vznet_netifs_add(&l, &nif, 101), 0);
	assert_string_equal(l.nif[2].host_ifname, "veth101.2");
	assert_true(l.nif[2].has_mac && l.nif[2].has_host_mac);
	assert_int_equal(l.nif[2].mac[0] & 3, 2);
	assert_int_equal(vznet_netifs_add(&l, &nif, 101), -EEXIST);
	assert_int_equal(vznet_netif_parse_arg("eth3,,veth101.0", &nif, NULL), 0);
	assert_int_equal(vznet_netifs_add(&l, &nif, 101), -EEXIST);
	assert_int_equal(vznet_netifs_find(&l, "eth1"), 1);
	assert_int_equal(vznet_netifs_del(&l, "eth0"), 0);
	assert_int_equal(vznet_netifs_del(&l, "eth0"), -ENOENT);
	/* veth101.0 is free again and comes first */
	assert_int_equal(vznet_netif_parse_arg("eth4", &nif, NULL), 0);
	assert_int_equal(vznet_netifs_add(&l, &nif, 101), 0);
	assert_string_equal(l.nif[2].host_ifname, "veth101.0");
	/* no default host name fits a 10-digit CTID */
	assert_int_equal(vznet_netif_parse_arg("eth5", &nif, NULL), 0);
	assert_int_equal(vznet_netifs_add(&l, &nif, 4000000000U), -ENAMETOOLONG);
	assert_int_equal(vznet_netifs_format(&l, buf, 20), -ENAMETOOLONG);
	vznet_netifs_free(&l);

	/* malformed NETIF values */
	assert_int_equal(vznet_netifs_parse("bridge=br0", &l), -EINVAL);
	assert_int_equal(vznet_netifs_parse("ifname=eth0,color=red", &l), -EINVAL);
	assert_int_equal(vznet_netifs_parse("ifname=eth0,mac=00:11", &l), -EINVAL);
	assert_int_equal(vznet_netifs_parse("ifname=eth0,mac_filter=maybe", &l), -EINVAL);
	assert_int_equal(vznet_netifs_parse("ifname=eth0;ifname=eth0", &l), -EEXIST);
	assert_int_equal(vznet_netifs_parse("ifname=eth0,host_ifname=v1;ifname=eth1,host_ifname=v1",
					    &l), -EEXIST);
	assert_int_equal(vznet_netifs_parse("ifname", &l), -EINVAL);
	assert_null(l.nif);
}

static void test_neigh_devs(void **state)
{
	struct vznet_neigh_devs nd;
	char many[256] = "list:";
	int i;

	(void)state;
	assert_int_equal(vznet_neigh_devs_parse("", &nd), 0);
	assert_int_equal(nd.mode, VZNET_NEIGH_DETECT);
	assert_int_equal(vznet_neigh_devs_parse("detect", &nd), 0);
	assert_int_equal(nd.mode, VZNET_NEIGH_DETECT);
	assert_int_equal(vznet_neigh_devs_parse("all", &nd), 0);
	assert_int_equal(nd.mode, VZNET_NEIGH_ALL);
	assert_int_equal(vznet_neigh_devs_parse("list:eth0  bond0", &nd), 0);
	assert_int_equal(nd.mode, VZNET_NEIGH_LIST);
	assert_int_equal(nd.n, 2);
	assert_string_equal(nd.dev[1], "bond0");
	assert_int_equal(vznet_neigh_devs_parse("list:", &nd), -EINVAL);
	assert_int_equal(vznet_neigh_devs_parse("list:eth0:1", &nd), -EINVAL);
	assert_int_equal(vznet_neigh_devs_parse("eth0", &nd), -EINVAL);
	assert_int_equal(vznet_neigh_devs_parse("All", &nd), -EINVAL);
	for (i = 0; i <= VZNET_NEIGH_MAX; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), " e%d", i);
	assert_int_equal(vznet_neigh_devs_parse(many, &nd), -E2BIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ip_good),
		cmocka_unit_test(test_ip_malformed),
		cmocka_unit_test(test_ip_not_ownable),
		cmocka_unit_test(test_ip_mask_sense),
		cmocka_unit_test(test_ip_vzbc),
		cmocka_unit_test(test_iplist),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_ifname),
		cmocka_unit_test(test_netif_arg),
		cmocka_unit_test(test_netifs),
		cmocka_unit_test(test_neigh_devs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
