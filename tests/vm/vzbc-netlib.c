// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-netlib: one call of the tools' networking library (tools/lib/net*.c)
 * per run, for tests/vm/netlib.bats to check its effect with ip(8).
 * Prints "OK [result]" or the errno's name (ENODEV); exit 0 when the call
 * was made, 2 on a usage error.
 *
 *   vzbc-netlib venet CTID NETNS HOST_NAME
 *   vzbc-netlib veth CTID NETNS NETIF_ARG
 *   vzbc-netlib del NAME | up NAME | down NAME
 *   vzbc-netlib move NAME TO_NETNS [FROM_NETNS]
 *   vzbc-netlib addr NETNS|- IFNAME add|del ADDR[/MASK]
 *   vzbc-netlib route NETNS|- IFNAME add|del ADDR[/MASK]|default4|default6
 *   vzbc-netlib proxy IFNAME add|del ADDR
 *   vzbc-netlib uplinks NEIGHBOUR_DEVS ADDR
 *   vzbc-netlib probe IFNAME ADDR MS | announce IFNAME ADDR
 *   vzbc-netlib routing 4|6 | host-end NAME
 *   vzbc-netlib attach CTID NETNS HOST_END | owned CTID | release-all CTID
 *   vzbc-netlib claim CTID add|del ADDR[/MASK]...
 *	(the module's network commands, on /dev/vzctl)
 *
 * NETNS is a file of a network namespace (/run/netns/NAME), "-" the
 * caller's own.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "libvzbc.h"
#include "netctl.h"
#include "netlink.h"
#include "netparse.h"
#include "netsys.h"
#include "netwire.h"

static void __attribute__((noreturn)) usage(void)
{
	fputs("usage: see the comment at the top of tests/vm/vzbc-netlib.c\n", stderr);
	exit(2);
}

static int report(int ret)
{
	if (ret < 0)
		printf("%s\n", strerrorname_np(-ret));
	else
		printf("OK %d\n", ret);
	return 0;
}

static int ns_open(const char *s)
{
	int fd;

	if (!strcmp(s, "-"))
		return -1;
	fd = open(s, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(s);
		exit(2);
	}
	return fd;
}

static struct vznet_nl *nl_in(int netns_fd)
{
	struct vznet_nl *nl;
	int ret = vznet_nl_open(netns_fd, &nl);

	if (ret) {
		printf("open: %s\n", strerrorname_np(-ret));
		exit(0);
	}
	return nl;
}

static void ip_arg(const char *s, struct vznet_ip *ip)
{
	int ret = vznet_ip_parse(s, ip);

	if (ret) {
		printf("parse: %s\n", strerrorname_np(-ret));
		exit(0);
	}
}

static bool add_arg(const char *s)
{
	if (!strcmp(s, "add"))
		return true;
	if (!strcmp(s, "del"))
		return false;
	usage();
}

static int cmd_venet(char **a)
{
	unsigned char mac[6];
	unsigned int ctid = (unsigned int)strtoul(a[0], NULL, 10);

	vznet_mac_generate(ctid, VZNET_VENET_NAME, false, mac);
	return report(vznet_venet_add(nl_in(-1), a[2], mac, ns_open(a[1])));
}

static int cmd_veth(char **a)
{
	struct vznet_netifs l = { 0 };
	struct vznet_netif nif;
	int ret = vznet_netif_parse_arg(a[2], &nif, NULL);

	if (!ret)
		ret = vznet_netifs_add(&l, &nif, (unsigned int)strtoul(a[0], NULL, 10));
	if (!ret)
		ret = vznet_veth_add(nl_in(-1), &l.nif[0], ns_open(a[1]));
	vznet_netifs_free(&l);
	return report(ret);
}

static int cmd_link(const char *what, char **a)
{
	struct vznet_nl *nl = nl_in(-1);
	int idx;

	if (!strcmp(what, "del"))
		return report(vznet_link_del(nl, a[0]));
	idx = vznet_ifindex(nl, a[0]);
	return report(idx < 0 ? idx : vznet_link_set_up(nl, idx, !strcmp(what, "up")));
}

static int cmd_move(int argc, char **a)
{
	int from = argc > 2 ? ns_open(a[2]) : -1;

	return report(vznet_link_move(nl_in(from), a[0], ns_open(a[1])));
}

static int cmd_addr_route(const char *what, char **a)
{
	struct vznet_nl *nl = nl_in(ns_open(a[0]));
	bool add = add_arg(a[2]);
	int idx = vznet_ifindex(nl, a[1]), family;
	struct vznet_ip ip;

	if (idx < 0)
		return report(idx);
	if (!strcmp(what, "route") && !strncmp(a[3], "default", 7)) {
		family = !strcmp(a[3], "default6") ? AF_INET6 : AF_INET;
		return report(vznet_route(nl, idx, family, NULL, 0, add));
	}
	ip_arg(a[3], &ip);
	if (!strcmp(what, "addr"))
		return report(vznet_addr(nl, idx, &ip, vznet_ip_prefix(&ip), add));
	return report(vznet_route(nl, idx, ip.family, &ip, vznet_ip_prefix(&ip), add));
}

static int cmd_proxy(char **a)
{
	struct vznet_nl *nl = nl_in(-1);
	int idx = vznet_ifindex(nl, a[0]);
	struct vznet_ip ip;

	if (idx < 0)
		return report(idx);
	ip_arg(a[2], &ip);
	return report(vznet_proxy(nl, idx, &ip, add_arg(a[1])));
}

static int cmd_uplinks(char **a)
{
	struct vznet_neigh_devs nd;
	struct vznet_ip ip;
	char name[IF_NAMESIZE];
	int idx[16], n, i, ret = vznet_neigh_devs_parse(a[0], &nd);

	if (ret)
		return report(ret);
	ip_arg(a[1], &ip);
	n = vznet_uplinks(nl_in(-1), &nd, &ip, idx, 16);
	if (n < 0)
		return report(n);
	printf("OK %d:", n);
	for (i = 0; i < n && i < 16; i++)
		printf(" %s", if_indextoname((unsigned int)idx[i], name) ? name : "?");
	printf("\n");
	return 0;
}

static int cmd_wire(const char *what, char **a)
{
	int idx = (int)if_nametoindex(a[0]);
	struct vznet_ip ip;

	if (!idx)
		return report(-ENODEV);
	ip_arg(a[1], &ip);
	if (!strcmp(what, "announce"))
		return report(vznet_announce(idx, &ip));
	return report(vznet_probe(idx, &ip, atoi(a[2])));
}

static int vzfd(void)
{
	int fd = vzbc_open();

	if (fd < 0) {
		printf("open: %s\n", strerrorname_np(-fd));
		exit(0);
	}
	return fd;
}

static unsigned int ctid_arg(const char *s)
{
	return (unsigned int)strtoul(s, NULL, 10);
}

static int cmd_claim(int n, char **a)
{
	struct vznet_iplist l = { 0 };
	struct vznet_ip ip;
	bool add = add_arg(a[1]);
	int i, ret = 0;

	for (i = 2; i < n && !ret; i++) {
		ip_arg(a[i], &ip);
		ret = vznet_iplist_add(&l, &ip);
	}
	if (!ret)
		ret = vzbc_net_claim(vzfd(), ctid_arg(a[0]), &l, add);
	vznet_iplist_free(&l);
	return report(ret);
}

static int cmd_owned(char **a)
{
	struct vznet_iplist l;
	char buf[4096];
	int ret = vzbc_net_get(vzfd(), ctid_arg(a[0]), &l, NULL);

	if (!ret)
		ret = vznet_iplist_format(&l, buf, sizeof(buf));
	if (ret)
		return report(ret);
	printf("OK %zu: %s\n", l.n, buf);
	vznet_iplist_free(&l);
	return 0;
}

static int cmd_attach(char **a)
{
	int idx = (int)if_nametoindex(a[2]);

	return report(vzbc_net_attach(vzfd(), ctid_arg(a[0]), ns_open(a[1]),
				      idx ? idx : 999999));
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	char **a = argv + 2;
	int n = argc - 2;

	if (!strcmp(c, "venet") && n == 3)
		return cmd_venet(a);
	if (!strcmp(c, "veth") && n == 3)
		return cmd_veth(a);
	if ((!strcmp(c, "del") || !strcmp(c, "up") || !strcmp(c, "down")) && n == 1)
		return cmd_link(c, a);
	if (!strcmp(c, "move") && (n == 2 || n == 3))
		return cmd_move(n, a);
	if ((!strcmp(c, "addr") || !strcmp(c, "route")) && n == 4)
		return cmd_addr_route(c, a);
	if (!strcmp(c, "proxy") && n == 3)
		return cmd_proxy(a);
	if (!strcmp(c, "uplinks") && n == 2)
		return cmd_uplinks(a);
	if ((!strcmp(c, "probe") && n == 3) || (!strcmp(c, "announce") && n == 2))
		return cmd_wire(c, a);
	if (!strcmp(c, "routing") && n == 1)
		return report(vznet_host_routing(!strcmp(a[0], "6") ? AF_INET6 : AF_INET));
	if (!strcmp(c, "host-end") && n == 1)
		return report(vznet_host_end(a[0]));
	if (!strcmp(c, "attach") && n == 3)
		return cmd_attach(a);
	if (!strcmp(c, "claim") && n >= 3)
		return cmd_claim(n, a);
	if (!strcmp(c, "owned") && n == 1)
		return cmd_owned(a);
	if (!strcmp(c, "release-all") && n == 1)
		return report(vzbc_net_release_all(vzfd(), ctid_arg(a[0])));
	usage();
}
