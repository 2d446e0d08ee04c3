// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers and checkers for a container's network settings (netparse.h).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "netparse.h"

/* ---------------------------------------------------------------- addresses */

static bool vznet_ip4_ownable(const unsigned char *a)
{
	/* not 0/8, 127/8, 169.254/16, multicast, class E or broadcast */
	return a[0] != 0 && a[0] != 127 && !(a[0] == 169 && a[1] == 254) &&
	       a[0] < 224;
}

static bool vznet_ip6_ownable(const unsigned char *a)
{
	/* not ::/8 (::, ::1, IPv4-mapped), fe80::/10, ff00::/8 */
	return a[0] != 0 && !(a[0] == 0xfe && (a[1] & 0xc0) == 0x80) && a[0] != 0xff;
}

/* A prefix length: 1 to max, decimal digits only. */
static int vznet_parse_prefix(const char *s, int max)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s) || strlen(s) > 3)
		return -EINVAL;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > max)
		return -EINVAL;
	return (int)v;
}

/* Is the IPv4 address the network or broadcast address of its prefix? */
static bool vznet_ip4_edge(const unsigned char *a, int prefix)
{
	uint32_t v = (uint32_t)a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
	uint32_t host = prefix >= 32 ? 0 : 0xffffffffu >> prefix;

	return prefix <= 30 && ((v & host) == 0 || (v & host) == host);
}

int vznet_ip_parse(const char *s, struct vznet_ip *ip)
{
	char addr[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);

	memset(ip, 0, sizeof(*ip));
	ip->prefix = -1;
	if (!len || len >= sizeof(addr))
		return -EINVAL;
	memcpy(addr, s, len);
	addr[len] = '\0';
	if (inet_pton(AF_INET, addr, ip->addr) == 1)
		ip->family = AF_INET;
	else if (inet_pton(AF_INET6, addr, ip->addr) == 1)
		ip->family = AF_INET6;
	else
		return -EINVAL;
	if (slash) {
		ip->prefix = vznet_parse_prefix(slash + 1, ip->family == AF_INET ? 32 : 128);
		if (ip->prefix < 0)
			return -EINVAL;
	}
	if (ip->family == AF_INET ? !vznet_ip4_ownable(ip->addr) : !vznet_ip6_ownable(ip->addr))
		return -EADDRNOTAVAIL;
	if (ip->family == AF_INET && ip->prefix > 0 && vznet_ip4_edge(ip->addr, ip->prefix))
		return -EDOM;
	return 0;
}

void vznet_ip_format(const struct vznet_ip *ip, char buf[VZNET_IP_STRLEN])
{
	size_t n;

	if (!inet_ntop(ip->family, ip->addr, buf, INET6_ADDRSTRLEN)) {
		buf[0] = '\0';
		return;
	}
	n = strlen(buf);
	if (ip->prefix >= 0)
		snprintf(buf + n, VZNET_IP_STRLEN - n, "/%d", ip->prefix);
}

bool vznet_ip_same(const struct vznet_ip *a, const struct vznet_ip *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

void vznet_ip_to_vzbc(const struct vznet_ip *ip, struct vzbc_net_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->family = (__u16)ip->family;
	memcpy(out->addr, ip->addr, ip->family == AF_INET ? 4 : 16);
}

int vznet_ip_prefix(const struct vznet_ip *ip)
{
	if (ip->prefix >= 0)
		return ip->prefix;
	return ip->family == AF_INET ? 32 : 128;
}

/* ---------------------------------------------------------------- IP_ADDRESS */

int vznet_iplist_find(const struct vznet_iplist *l, const struct vznet_ip *ip)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (vznet_ip_same(&l->ip[i], ip))
			return (int)i;
	return -ENOENT;
}

int vznet_iplist_add(struct vznet_iplist *l, const struct vznet_ip *ip)
{
	struct vznet_ip *v;

	if (vznet_iplist_find(l, ip) >= 0)
		return -EEXIST;
	v = realloc(l->ip, (l->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[l->n++] = *ip;
	l->ip = v;
	return 0;
}

int vznet_iplist_del(struct vznet_iplist *l, const struct vznet_ip *ip)
{
	int i = vznet_iplist_find(l, ip);

	if (i < 0)
		return i;
	memmove(&l->ip[i], &l->ip[i + 1], (l->n - (size_t)i - 1) * sizeof(*l->ip));
	l->n--;
	return 0;
}

void vznet_iplist_free(struct vznet_iplist *l)
{
	free(l->ip);
	l->ip = NULL;
	l->n = 0;
}

int vznet_iplist_parse(const char *value, struct vznet_iplist *l, size_t *bad)
{
	const char *p = value;
	char word[VZNET_IP_STRLEN + 1];
	struct vznet_ip ip;
	int ret = 0;

	l->ip = NULL;
	l->n = 0;
	for (;;) {
		size_t len;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return 0;
		len = strcspn(p, " \t");
		if (len >= sizeof(word))
			ret = -EINVAL;
		else {
			memcpy(word, p, len);
			word[len] = '\0';
			ret = vznet_ip_parse(word, &ip);
			if (!ret)
				ret = vznet_iplist_add(l, &ip);
		}
		if (ret) {
			if (bad)
				*bad = (size_t)(p - value);
			vznet_iplist_free(l);
			return ret;
		}
		p += len;
	}
}

int vznet_iplist_format(const struct vznet_iplist *l, char *buf, size_t len)
{
	char one[VZNET_IP_STRLEN];
	size_t used = 0, i, n;

	if (!len)
		return -ENAMETOOLONG;
	buf[0] = '\0';
	for (i = 0; i < l->n; i++) {
		vznet_ip_format(&l->ip[i], one);
		n = (size_t)snprintf(buf + used, len - used, "%s%s", i ? " " : "", one);
		if (n >= len - used)
			return -ENAMETOOLONG;
		used += n;
	}
	return 0;
}

/* ---------------------------------------------------------------- MACs, names */

int vznet_mac_parse(const char *s, unsigned char mac[6])
{
	unsigned int i;

	if (strlen(s) != 17)
		return -EINVAL;
	for (i = 0; i < 6; i++) {
		const char *p = s + 3 * i;

		if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]) ||
		    (i < 5 && p[2] != ':'))
			return -EINVAL;
		mac[i] = (unsigned char)strtoul((char[3]){ p[0], p[1], 0 }, NULL, 16);
	}
	if (mac[0] & 1)					/* multicast */
		return -EINVAL;
	if (!(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]))
		return -EINVAL;
	return 0;
}

void vznet_mac_format(const unsigned char mac[6], char buf[18])
{
	snprintf(buf, 18, "%02X:%02X:%02X:%02X:%02X:%02X",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

/* FNV-1a, 64 bits */
static uint64_t vznet_fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void vznet_mac_generate(unsigned int ctid, const char *ifname, bool host,
			unsigned char mac[6])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned char side = host ? 'h' : 'c';
	unsigned int i;

	h = vznet_fnv(h, &ctid, sizeof(ctid));
	h = vznet_fnv(h, ifname, strlen(ifname));
	h = vznet_fnv(h, &side, 1);
	for (i = 0; i < 6; i++)
		mac[i] = (unsigned char)(h >> (8 * i));
	mac[0] = (mac[0] & 0xfc) | 0x02;	/* locally administered unicast */
}

bool vznet_ifname_valid(const char *s)
{
	size_t len = strlen(s);

	if (!len || len >= IFNAMSIZ || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s) ||
		    !isprint((unsigned char)*s))
			return false;
	return true;
}

/* ---------------------------------------------------------------- NETIF */

static int vznet_set_name(char dst[IFNAMSIZ], const char *s, size_t len)
{
	char name[IFNAMSIZ];

	if (len >= IFNAMSIZ)
		return -ENAMETOOLONG;
	memcpy(name, s, len);
	name[len] = '\0';
	if (!vznet_ifname_valid(name))
		return -EINVAL;
	memcpy(dst, name, len + 1);
	return 0;
}

static int vznet_set_mac(unsigned char mac[6], bool *has, const char *s, size_t len)
{
	char buf[18];

	if (len != 17)
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*has = true;
	return vznet_mac_parse(buf, mac);
}

int vznet_netif_parse_arg(const char *arg, struct vznet_netif *nif, int *field)
{
	const char *p = arg;
	int f, ret = 0;

	memset(nif, 0, sizeof(*nif));
	nif->mac_filter = -1;
	for (f = 0; !ret; f++) {
		size_t len = strcspn(p, ",");

		if (f > 4)
			ret = -EINVAL;
		else if (f == 0 || len) {
			switch (f) {
			case 0: ret = vznet_set_name(nif->ifname, p, len); break;
			case 1: ret = vznet_set_mac(nif->mac, &nif->has_mac, p, len); break;
			case 2: ret = vznet_set_name(nif->host_ifname, p, len); break;
			case 3: ret = vznet_set_mac(nif->host_mac, &nif->has_host_mac, p, len); break;
			case 4: ret = vznet_set_name(nif->bridge, p, len); break;
			}
		}
		if (ret) {
			if (field)
				*field = f;
			return ret;
		}
		if (!p[len])
			return 0;
		p += len + 1;
	}
	return ret;
}

/* One "key=value" of a NETIF entry, len bytes at s. */
static int vznet_netif_kv(struct vznet_netif *nif, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	size_t klen, vlen;
	const char *v;

	if (!eq)
		return -EINVAL;
	klen = (size_t)(eq - s);
	v = eq + 1;
	vlen = len - klen - 1;
#define KEY(k) (klen == sizeof(k) - 1 && !memcmp(s, k, klen))
	if (KEY("ifname"))
		return vznet_set_name(nif->ifname, v, vlen);
	if (KEY("host_ifname"))
		return vznet_set_name(nif->host_ifname, v, vlen);
	if (KEY("bridge"))
		return vznet_set_name(nif->bridge, v, vlen);
	if (KEY("mac"))
		return vznet_set_mac(nif->mac, &nif->has_mac, v, vlen);
	if (KEY("host_mac"))
		return vznet_set_mac(nif->host_mac, &nif->has_host_mac, v, vlen);
	if (KEY("mac_filter")) {
		if (vlen == 2 && !memcmp(v, "on", 2))
			nif->mac_filter = 1;
		else if (vlen == 3 && !memcmp(v, "off", 3))
			nif->mac_filter = 0;
		else
			return -EINVAL;
		return 0;
	}
#undef KEY
	return -EINVAL;
}

static int vznet_netif_parse_entry(const char *s, size_t len, struct vznet_netif *nif)
{
	const char *end = s + len;
	int ret;

	memset(nif, 0, sizeof(*nif));
	nif->mac_filter = -1;
	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		size_t n = comma ? (size_t)(comma - s) : (size_t)(end - s);

		if (n) {
			ret = vznet_netif_kv(nif, s, n);
			if (ret)
				return ret;
		}
		s += n + 1;
	}
	return nif->ifname[0] ? 0 : -EINVAL;
}

int vznet_netifs_find(const struct vznet_netifs *l, const char *ifname)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->nif[i].ifname, ifname))
			return (int)i;
	return -ENOENT;
}

static bool vznet_host_ifname_taken(const struct vznet_netifs *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->nif[i].host_ifname, name))
			return true;
	return false;
}

static int vznet_netifs_push(struct vznet_netifs *l, const struct vznet_netif *nif)
{
	struct vznet_netif *v;

	if (vznet_netifs_find(l, nif->ifname) >= 0 ||
	    (nif->host_ifname[0] && vznet_host_ifname_taken(l, nif->host_ifname)))
		return -EEXIST;
	v = realloc(l->nif, (l->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	v[l->n++] = *nif;
	l->nif = v;
	return 0;
}

void vznet_netifs_free(struct vznet_netifs *l)
{
	free(l->nif);
	l->nif = NULL;
	l->n = 0;
}

int vznet_netifs_parse(const char *value, struct vznet_netifs *l)
{
	const char *p = value;
	struct vznet_netif nif;
	int ret;

	l->nif = NULL;
	l->n = 0;
	while (*p) {
		size_t len = strcspn(p, ";");

		if (len) {
			ret = vznet_netif_parse_entry(p, len, &nif);
			if (!ret)
				ret = vznet_netifs_push(l, &nif);
			if (ret) {
				vznet_netifs_free(l);
				return ret;
			}
		}
		p += len;
		if (*p)
			p++;
	}
	return 0;
}

int vznet_netifs_format(const struct vznet_netifs *l, char *buf, size_t len)
{
	char mac[18], hmac[18];
	size_t used = 0, i, n;

	if (!len)
		return -ENAMETOOLONG;
	buf[0] = '\0';
	for (i = 0; i < l->n; i++) {
		const struct vznet_netif *f = &l->nif[i];

		vznet_mac_format(f->mac, mac);
		vznet_mac_format(f->host_mac, hmac);
		n = (size_t)snprintf(buf + used, len - used, "%sifname=%s%s%s%s%s%s%s%s%s%s",
				     i ? ";" : "", f->ifname,
				     f->bridge[0] ? ",bridge=" : "", f->bridge,
				     f->has_mac ? ",mac=" : "", f->has_mac ? mac : "",
				     f->host_ifname[0] ? ",host_ifname=" : "", f->host_ifname,
				     f->has_host_mac ? ",host_mac=" : "",
				     f->has_host_mac ? hmac : "",
				     f->mac_filter < 0 ? "" :
				     f->mac_filter ? ",mac_filter=on" : ",mac_filter=off");
		if (n >= len - used)
			return -ENAMETOOLONG;
		used += n;
	}
	return 0;
}

int vznet_netifs_add(struct vznet_netifs *l, const struct vznet_netif *nif,
		     unsigned int ctid)
{
	struct vznet_netif f = *nif;
	unsigned int n;
	int len;

	if (vznet_netifs_find(l, f.ifname) >= 0)
		return -EEXIST;
	for (n = 0; !f.host_ifname[0]; n++) {
		char name[32];

		len = snprintf(name, sizeof(name), "veth%u.%u", ctid, n);
		if (len >= IFNAMSIZ)
			return -ENAMETOOLONG;
		if (!vznet_host_ifname_taken(l, name))
			memcpy(f.host_ifname, name, (size_t)len + 1);
	}
	if (!f.has_mac) {
		vznet_mac_generate(ctid, f.ifname, false, f.mac);
		f.has_mac = true;
	}
	if (!f.has_host_mac) {
		vznet_mac_generate(ctid, f.ifname, true, f.host_mac);
		f.has_host_mac = true;
	}
	return vznet_netifs_push(l, &f);
}

int vznet_netifs_del(struct vznet_netifs *l, const char *ifname)
{
	int i = vznet_netifs_find(l, ifname);

	if (i < 0)
		return i;
	memmove(&l->nif[i], &l->nif[i + 1], (l->n - (size_t)i - 1) * sizeof(*l->nif));
	l->n--;
	return 0;
}

/* ---------------------------------------------------------------- NEIGHBOUR_DEVS */

int vznet_neigh_devs_parse(const char *value, struct vznet_neigh_devs *nd)
{
	const char *p;

	memset(nd, 0, sizeof(*nd));
	if (!*value || !strcmp(value, "detect")) {
		nd->mode = VZNET_NEIGH_DETECT;
		return 0;
	}
	if (!strcmp(value, "all")) {
		nd->mode = VZNET_NEIGH_ALL;
		return 0;
	}
	if (strncmp(value, "list:", 5))
		return -EINVAL;
	nd->mode = VZNET_NEIGH_LIST;
	for (p = value + 5;;) {
		size_t len;
		int ret;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t");
		if (nd->n == VZNET_NEIGH_MAX)
			return -E2BIG;
		ret = vznet_set_name(nd->dev[nd->n], p, len);
		if (ret)
			return ret;
		nd->n++;
		p += len;
	}
	return nd->n ? 0 : -EINVAL;
}
