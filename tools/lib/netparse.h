/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The network settings of a container as OpenVZ writes them, parsed and
 * checked: IP_ADDRESS="ADDR[/MASK] ...", NETIF="ifname=..,mac=..;...",
 * MAC addresses, interface names and NEIGHBOUR_DEVS. No I/O, no output:
 * 0 or a negative errno, the caller words the message.
 */
#ifndef VZ_NETPARSE_H
#define VZ_NETPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/vzbc.h>

/* "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128" */
#define VZNET_IP_STRLEN		(INET6_ADDRSTRLEN + 4)

/* One address of IP_ADDRESS. */
struct vznet_ip {
	int family;			/* AF_INET or AF_INET6 */
	unsigned char addr[16];		/* network order; IPv4 in addr[0..3] */
	int prefix;			/* the /MASK given, or -1 */
};

/*
 * Parse "ADDR[/MASK]": an IPv4 address in dotted quads or an IPv6
 * address, and a prefix length (1-32, 1-128). An address a container
 * cannot own (unspecified, loopback, link-local, multicast, broadcast,
 * class E, IPv4-mapped) is -EADDRNOTAVAIL; an IPv4 address that is the
 * network or broadcast address of the prefix given is -EDOM; anything
 * else malformed is -EINVAL.
 */
int vznet_ip_parse(const char *s, struct vznet_ip *ip);

/* "ADDR[/MASK]" with the address in its canonical form. */
void vznet_ip_format(const struct vznet_ip *ip, char buf[VZNET_IP_STRLEN]);

/* The same address (the masks are not compared)? */
bool vznet_ip_same(const struct vznet_ip *a, const struct vznet_ip *b);

/* The address as vzbc.ko takes it. */
void vznet_ip_to_vzbc(const struct vznet_ip *ip, struct vzbc_net_addr *out);

/* The prefix length a container's interface gets: the mask, or a host's. */
int vznet_ip_prefix(const struct vznet_ip *ip);

/* IP_ADDRESS: a list of addresses, each at most once. */
struct vznet_iplist {
	struct vznet_ip *ip;
	size_t n;
};

/*
 * Parse a space-separated IP_ADDRESS value (empty: no address) into l,
 * which the caller frees with vznet_iplist_free. An address given twice is
 * -EEXIST. On error *bad (if not NULL) is the index in value where the bad
 * entry starts.
 */
int vznet_iplist_parse(const char *value, struct vznet_iplist *l, size_t *bad);

/* The IP_ADDRESS value of l, space-separated; -ENAMETOOLONG if len is short. */
int vznet_iplist_format(const struct vznet_iplist *l, char *buf, size_t len);

/* Index of ip in l, or -ENOENT. */
int vznet_iplist_find(const struct vznet_iplist *l, const struct vznet_ip *ip);

/* Add ip (-EEXIST if there), remove it (-ENOENT if not). */
int vznet_iplist_add(struct vznet_iplist *l, const struct vznet_ip *ip);
int vznet_iplist_del(struct vznet_iplist *l, const struct vznet_ip *ip);

void vznet_iplist_free(struct vznet_iplist *l);

/* MAC addresses: "XX:XX:XX:XX:XX:XX"; multicast and all-zero are -EINVAL. */
int vznet_mac_parse(const char *s, unsigned char mac[6]);
void vznet_mac_format(const unsigned char mac[6], char buf[18]);

/*
 * A stable MAC address for interface ifname of container ctid, its host
 * end (host) or its container end: a locally administered unicast address
 * derived from the three, so it stays the same across restarts and hosts.
 */
void vznet_mac_generate(unsigned int ctid, const char *ifname, bool host,
			unsigned char mac[6]);

/* A usable interface name: 1 to IFNAMSIZ-1 bytes, no '/', ':' or space. */
bool vznet_ifname_valid(const char *s);

/* One veth interface of NETIF. Empty strings and has_* false: not given. */
struct vznet_netif {
	char ifname[IFNAMSIZ];		/* inside the container */
	unsigned char mac[6];
	bool has_mac;
	char host_ifname[IFNAMSIZ];	/* its host end */
	unsigned char host_mac[6];
	bool has_host_mac;
	char bridge[IFNAMSIZ];		/* the bridge the host end joins */
	int mac_filter;			/* -1 not given, 0 off, 1 on */
};

/*
 * Parse --netif_add's argument, "ifname[,mac,host_ifname,host_mac,bridge]"
 * (empty fields are not given). -EINVAL with *field (if not NULL) set to
 * the 0-based field that is wrong, or -ENAMETOOLONG for a name too long.
 */
int vznet_netif_parse_arg(const char *arg, struct vznet_netif *nif, int *field);

/* NETIF: the interfaces of a container, each ifname at most once. */
struct vznet_netifs {
	struct vznet_netif *nif;
	size_t n;
};

/*
 * Parse a NETIF value: interfaces separated by ';', each a list of
 * key=value separated by ','. Unknown keys and malformed values are
 * -EINVAL, an ifname given twice -EEXIST.
 */
int vznet_netifs_parse(const char *value, struct vznet_netifs *l);

/* The NETIF value of l, in OpenVZ's order of keys. */
int vznet_netifs_format(const struct vznet_netifs *l, char *buf, size_t len);

/* Index of the interface named ifname, or -ENOENT. */
int vznet_netifs_find(const struct vznet_netifs *l, const char *ifname);

/*
 * Add nif with what it lacks filled in as OpenVZ does: host_ifname
 * "vethCTID.N" (N the first free number), generated MACs. -EEXIST if its
 * ifname or host_ifname is taken.
 */
int vznet_netifs_add(struct vznet_netifs *l, const struct vznet_netif *nif,
		     unsigned int ctid);
int vznet_netifs_del(struct vznet_netifs *l, const char *ifname);
void vznet_netifs_free(struct vznet_netifs *l);

/* NEIGHBOUR_DEVS of vz.conf: which uplinks answer ARP/NDP for containers. */
enum vznet_neigh_mode {
	VZNET_NEIGH_DETECT,		/* those with a route to the address */
	VZNET_NEIGH_ALL,		/* every up Ethernet-like device */
	VZNET_NEIGH_LIST,		/* the ones named */
};

#define VZNET_NEIGH_MAX		16

struct vznet_neigh_devs {
	enum vznet_neigh_mode mode;
	size_t n;
	char dev[VZNET_NEIGH_MAX][IFNAMSIZ];
};

/* "detect" (also empty), "all", or "list:dev1 dev2 ..." */
int vznet_neigh_devs_parse(const char *value, struct vznet_neigh_devs *nd);

#endif /* VZ_NETPARSE_H */
