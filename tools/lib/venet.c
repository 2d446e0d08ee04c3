// SPDX-License-Identifier: GPL-2.0
/*
 * A container's venet addresses, live and at start (see venet.h), over
 * netlink.c (links, addresses, routes, proxy entries), netctl.c (the
 * module's claims), netwire.c (the wire) and netsys.c (the sysctls).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "netctl.h"
#include "netlink.h"
#include "netparse.h"
#include "netsys.h"
#include "netwire.h"
#include "venet.h"
#include "vzenv.h"
#include "vzexit.h"

/* how long the wire is listened to for another owner of an address */
#define VENET_PROBE_MS	1000

struct venet {
	const struct vzenv *env;
	int vzfd;
	struct vznet_nl *host;		/* the host's namespace */
	struct vznet_nl *ct;		/* the container's, or NULL */
	int nsfd;			/* the container's namespace, or -1 */
	int hidx, cidx;			/* host end, venet0 */
	char hname[IFNAMSIZ];
	struct vznet_neigh_devs nd;
	bool probe;
};

/* ------------------------------------------------------------ IP_ADDRESS */

static int bad_list(struct vz_err *err, const char *what, const char *value, size_t at,
		    int ret)
{
	return vz_failp(err, VZ_BADIP, "%s: %s at '%.*s'", what,
			ret == -EEXIST ? "an address given twice" : "a bad address",
			(int)strcspn(value + at, " "), value + at);
}

static void no_such(const struct vznet_ip *ip)
{
	char s[VZNET_IP_STRLEN];

	vznet_ip_format(ip, s);
	vz_log(VZ_WARN, "Warning: --ipdel: the container has no address %s", s);
}

int vz_venet_merge(const char *cur, const char *add, const char *del, char *out,
		   size_t len, struct vz_err *err)
{
	struct vznet_iplist l = { 0 }, a = { 0 }, d = { 0 };
	size_t bad = 0, i;
	int ret;

	ret = vznet_iplist_parse(cur ? cur : "", &l, &bad);
	if (ret)
		return bad_list(err, "IP_ADDRESS in the config", cur, bad, ret);
	if (del && !strcmp(del, "all")) {
		vznet_iplist_free(&l);
	} else if (del) {
		ret = vznet_iplist_parse(del, &d, &bad);
		if (ret == -EEXIST)
			ret = 0;	/* --ipdel A --ipdel A: once is enough */
		for (i = 0; !ret && i < d.n; i++)
			if (vznet_iplist_del(&l, &d.ip[i]))
				no_such(&d.ip[i]);
	}
	if (!ret && add) {
		ret = vznet_iplist_parse(add, &a, &bad);
		for (i = 0; !ret && i < a.n; i++)
			if (vznet_iplist_find(&l, &a.ip[i]) < 0)
				ret = vznet_iplist_add(&l, &a.ip[i]);
	}
	if (ret) {
		vznet_iplist_free(&l);
		vznet_iplist_free(&a);
		vznet_iplist_free(&d);
		return vz_failp(err, VZ_BADIP, "bad --ipadd or --ipdel");
	}
	ret = vznet_iplist_format(&l, out, len);
	vznet_iplist_free(&l);
	vznet_iplist_free(&a);
	vznet_iplist_free(&d);
	return ret ? vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "too many addresses") : 0;
}

/* ------------------------------------------------------------ helpers */

static int host_prefix(const struct vznet_ip *ip)
{
	return ip->family == AF_INET ? 32 : 128;
}

static struct vznet_iplist one(const struct vznet_ip *ip)
{
	return (struct vznet_iplist){ .ip = (struct vznet_ip *)ip, .n = 1 };
}

/* the container that owns ip, from /proc/vz/veip, or 0 */
static unsigned int owner_of(const struct vznet_ip *ip)
{
	char line[128], addr[64];
	struct vznet_ip x;
	unsigned int ctid;
	FILE *f = fopen("/proc/vz/veip", "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %u", addr, &ctid) == 2 && !vznet_ip_parse(addr, &x) &&
		    vznet_ip_same(&x, ip)) {
			fclose(f);
			return ctid;
		}
	fclose(f);
	return 0;
}

static size_t uplinks(struct venet *v, const struct vznet_ip *ip, int *idx, size_t max)
{
	int n = vznet_uplinks(v->host, &v->nd, ip, idx, max);

	if (n < 0) {
		vz_log(VZ_WARN, "Warning: finding the uplinks for NEIGHBOUR_DEVS: %s",
		       strerror(-n));
		return 0;
	}
	return (size_t)n < max ? (size_t)n : max;
}

static int venet_open(struct venet *v, const struct vzenv *env, int vzfd)
{
	char val[1024];

	memset(v, 0, sizeof(*v));
	v->env = env;
	v->vzfd = vzfd;
	v->nsfd = -1;
	snprintf(v->hname, sizeof(v->hname), "venet%u", env->ctid);
	if (vzenv_get(env, "NEIGHBOUR_DEVS", val, sizeof(val)) ||
	    vznet_neigh_devs_parse(val, &v->nd)) {
		vz_log(VZ_WARN, "Warning: bad NEIGHBOUR_DEVS, using detect");
		vznet_neigh_devs_parse("detect", &v->nd);
	}
	v->probe = vzenv_get(env, "SKIP_ARPDETECT", val, sizeof(val)) || strcmp(val, "yes");
	return vznet_nl_open(-1, &v->host);
}

static void venet_close(struct venet *v)
{
	if (v->ct)
		vznet_nl_close(v->ct);
	if (v->host)
		vznet_nl_close(v->host);
	if (v->nsfd >= 0)
		close(v->nsfd);
}

/* The pair of the running container, made if it has none, attached to
 * the module: 0 or -errno. */
static int venet_pair(struct venet *v, pid_t init)
{
	unsigned char mac[6];
	char path[64];
	int ret, tries;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)init);
	v->nsfd = open(path, O_RDONLY | O_CLOEXEC);
	if (v->nsfd < 0)
		return -errno;
	ret = vznet_nl_open(v->nsfd, &v->ct);
	if (ret)
		return ret;
	for (tries = 0; tries < 2; tries++) {
		v->hidx = vznet_ifindex(v->host, v->hname);
		if (v->hidx == -ENODEV) {
			vznet_mac_generate(v->env->ctid, VZNET_VENET_NAME, true, mac);
			v->hidx = vznet_venet_add(v->host, v->hname, mac, v->nsfd);
			if (v->hidx >= 0)
				vznet_host_end(v->hname);
		}
		if (v->hidx < 0)
			return v->hidx;
		ret = vzbc_net_attach(v->vzfd, v->env->ctid, v->nsfd, v->hidx);
		if (ret != -EINVAL && ret != -EBUSY)
			break;
		/* a pair of an earlier namespace: made again */
		vznet_link_del(v->host, v->hname);
	}
	if (ret)
		return ret;
	v->cidx = vznet_ifindex(v->ct, VZNET_VENET_NAME);
	return v->cidx < 0 ? v->cidx : 0;
}

/* ------------------------------------------------------------ one address */

/* What the host and the container have for ip goes; errors ignored (the
 * thing may not be there). */
static void addr_undo(struct venet *v, const struct vznet_ip *ip, bool release)
{
	struct vznet_iplist l = one(ip);
	int idx[VZNET_NEIGH_MAX];
	size_t i, n = uplinks(v, ip, idx, VZNET_NEIGH_MAX);

	for (i = 0; i < n; i++)
		vznet_proxy(v->host, idx[i], ip, false);
	if (v->hidx > 0)
		vznet_route(v->host, v->hidx, ip->family, ip, host_prefix(ip), false);
	if (v->ct && v->cidx > 0)
		vznet_addr(v->ct, v->cidx, ip, vznet_ip_prefix(ip), false);
	if (release)
		vzbc_net_claim(v->vzfd, v->env->ctid, &l, false);
}

static int addr_claim(struct venet *v, const struct vznet_ip *ip, const char *s,
		      struct vz_err *err)
{
	struct vznet_iplist l = one(ip);
	unsigned int owner;
	int ret = vzbc_net_claim(v->vzfd, v->env->ctid, &l, true);

	if (ret == -EADDRINUSE) {
		owner = owner_of(ip);
		if (owner)
			return vz_failp(err, VZ_IP_INUSE, "IP address %s is already used by "
					"container %u", s, owner);
		return vz_failp(err, VZ_IP_INUSE, "IP address %s is already used by another "
				"container", s);
	}
	if (ret)
		return vz_failp(err, VZ_CANT_ADDIP, "claiming %s for container %u: %s", s,
				v->env->ctid, strerror(-ret));
	return 0;
}

/* Nobody on the uplinks' wires answers for ip (OpenVZ's arpsend -D). */
static int addr_probe(struct venet *v, const struct vznet_ip *ip, const int *idx, size_t n,
		      const char *s, struct vz_err *err)
{
	char name[IF_NAMESIZE];
	size_t i;
	int ret;

	for (i = 0; v->probe && i < n; i++) {
		ret = vznet_probe(idx[i], ip, VENET_PROBE_MS);
		if (!if_indextoname(idx[i], name))
			snprintf(name, sizeof(name), "#%d", idx[i]);
		if (ret == -EADDRINUSE)
			return vz_failp(err, VZ_IP_NA, "IP address %s is in use on the network "
					"of %s: another machine answered for it", s, name);
		if (ret)
			vz_log(VZ_WARN, "Warning: checking %s on %s: %s", s, name, strerror(-ret));
	}
	return 0;
}

/* proxy entries for ip on the n uplinks idx (and IPv6's proxy_ndp there) */
static int addr_proxy(struct venet *v, const struct vznet_ip *ip, const int *idx, size_t n)
{
	char name[IF_NAMESIZE];
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < n; i++) {
		if (ip->family == AF_INET6 && if_indextoname(idx[i], name))
			ret = vznet_sysctl_dev(AF_INET6, name, "proxy_ndp", "1");
		if (!ret)
			ret = vznet_proxy(v->host, idx[i], ip, true);
	}
	return ret;
}

/* the host's part for ip: forwarding, a route, proxy entries */
static int addr_host(struct venet *v, const struct vznet_ip *ip, const int *idx, size_t n)
{
	int ret;

	ret = vznet_host_routing(ip->family);
	if (!ret)
		ret = vznet_route(v->host, v->hidx, ip->family, ip, host_prefix(ip), true);
	if (!ret)
		ret = addr_proxy(v, ip, idx, n);
	return ret;
}

static int addr_add(struct venet *v, const struct vznet_ip *ip, struct vz_err *err)
{
	int idx[VZNET_NEIGH_MAX];
	char s[VZNET_IP_STRLEN];
	size_t i, n;
	int ret;

	vznet_ip_format(ip, s);
	if (addr_claim(v, ip, s, err))
		return -1;
	n = uplinks(v, ip, idx, VZNET_NEIGH_MAX);
	if (addr_probe(v, ip, idx, n, s, err)) {
		addr_undo(v, ip, true);
		return -1;
	}
	ret = vznet_addr(v->ct, v->cidx, ip, vznet_ip_prefix(ip), true);
	if (ret == -EEXIST)
		ret = 0;
	if (!ret)
		ret = vznet_route(v->ct, v->cidx, ip->family, NULL, 0, true);
	if (!ret)
		ret = addr_host(v, ip, idx, n);
	if (ret) {
		addr_undo(v, ip, true);
		return vz_failp(err, VZ_CANT_ADDIP, "adding %s to container %u: %s", s,
				v->env->ctid, strerror(-ret));
	}
	for (i = 0; v->probe && i < n; i++)
		vznet_announce(idx[i], ip);	/* a courtesy: failures do not matter */
	vz_log(VZ_INFO, "Adding IP address(es): %s", s);
	return 0;
}

/* ------------------------------------------------------------ the container */

int vz_venet_apply(const struct vzenv *env, int vzfd, pid_t init, const char *ip_address,
		   struct vz_err *err)
{
	struct vznet_iplist want = { 0 }, have = { 0 };
	char s[VZNET_IP_STRLEN];
	struct venet v;
	size_t bad = 0, i;
	int ret;

	ret = vznet_iplist_parse(ip_address, &want, &bad);
	if (ret)
		return bad_list(err, "IP_ADDRESS", ip_address, bad, ret);
	ret = venet_open(&v, env, vzfd);
	if (!ret)
		ret = venet_pair(&v, init);
	if (!ret)
		ret = vzbc_net_get(vzfd, env->ctid, &have, NULL);
	if (ret) {
		ret = vz_failp(err, VZ_CANT_ADDIP, "setting up venet of container %u: %s",
			       env->ctid, strerror(-ret));
		goto out;
	}
	/* the new ones first: if one fails, those added before it go and
	 * the container keeps what it had */
	for (i = 0; !ret && i < want.n; i++)
		if (vznet_iplist_find(&have, &want.ip[i]) < 0)
			ret = addr_add(&v, &want.ip[i], err);
	if (ret)
		i--;			/* the one that failed undid itself */
	while (ret && i-- > 0)
		if (vznet_iplist_find(&have, &want.ip[i]) < 0)
			addr_undo(&v, &want.ip[i], true);
	for (i = 0; !ret && i < have.n; i++) {
		if (vznet_iplist_find(&want, &have.ip[i]) >= 0)
			continue;
		addr_undo(&v, &have.ip[i], true);
		vznet_ip_format(&have.ip[i], s);
		vz_log(VZ_INFO, "Deleting IP address(es): %s", s);
	}
out:
	venet_close(&v);
	vznet_iplist_free(&want);
	vznet_iplist_free(&have);
	return ret ? -1 : 0;
}

int vz_venet_reproxy(const struct vzenv *env, int vzfd)
{
	struct vznet_iplist owned = { 0 };
	int idx[VZNET_NEIGH_MAX], ret, first = 0;
	size_t i, j, n, made = 0;
	struct venet v;

	ret = vzbc_net_get(vzfd, env->ctid, &owned, NULL);
	if (ret)
		return ret == -ENOENT ? 0 : ret;	/* not registered: none */
	ret = venet_open(&v, env, vzfd);
	/* every address on every uplink, whatever one of them says */
	for (i = 0; !ret && i < owned.n; i++) {
		n = uplinks(&v, &owned.ip[i], idx, VZNET_NEIGH_MAX);
		for (j = 0; j < n; j++) {
			int r = addr_proxy(&v, &owned.ip[i], &idx[j], 1);

			if (r && !first)
				first = r;
			if (r)
				continue;
			made++;
			if (v.probe)
				vznet_announce(idx[j], &owned.ip[i]);
		}
	}
	venet_close(&v);
	vznet_iplist_free(&owned);
	return ret ? ret : first ? first : (int)made;
}

void vz_venet_clear(const struct vzenv *env, int vzfd)
{
	struct vznet_iplist l = { 0 }, owned = { 0 };
	char val[1024];
	unsigned int owner;
	struct venet v;
	size_t i;
	int ret;

	if (vzenv_get(env, "IP_ADDRESS", val, sizeof(val)) || vznet_iplist_parse(val, &l, NULL))
		vznet_iplist_free(&l);
	if (vzfd >= 0 && !vzbc_net_get(vzfd, env->ctid, &owned, NULL))
		for (i = 0; i < owned.n; i++)
			if (vznet_iplist_find(&l, &owned.ip[i]) < 0)
				vznet_iplist_add(&l, &owned.ip[i]);
	ret = venet_open(&v, env, vzfd);
	if (ret) {
		vz_log(VZ_WARN, "Warning: cleaning up venet of container %u: %s", env->ctid,
		       strerror(-ret));
		goto out;
	}
	v.hidx = vznet_ifindex(v.host, v.hname);
	for (i = 0; i < l.n; i++) {
		owner = owner_of(&l.ip[i]);
		if (!owner || owner == env->ctid)	/* another's entries stay */
			addr_undo(&v, &l.ip[i], false);
	}
	if (v.hidx > 0)
		vznet_link_del(v.host, v.hname);
	if (vzfd >= 0) {
		ret = vzbc_net_release_all(vzfd, env->ctid);
		if (ret && ret != -ENOENT)
			vz_log(VZ_WARN, "Warning: releasing the addresses of container %u: %s",
			       env->ctid, strerror(-ret));
	}
out:
	venet_close(&v);
	vznet_iplist_free(&l);
	vznet_iplist_free(&owned);
}
