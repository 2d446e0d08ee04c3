// SPDX-License-Identifier: GPL-2.0
/*
 * A container's veth interfaces, live and at start (see veth.h), over
 * netparse.c (NETIF) and netlink.c (the pairs).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "netlink.h"
#include "netparse.h"
#include "util.h"
#include "veth.h"
#include "vzenv.h"
#include "vzexit.h"

/* the most interfaces a container has */
#define VETH_MAX	16

static int bad_netif(struct vz_err *err, const char *what, int ret)
{
	return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "%s: %s", what,
			ret == -EEXIST ? "an interface name or host name given twice" :
			ret == -ENAMETOOLONG ? "a name too long" : "malformed");
}

struct merge {
	struct vznet_netifs l;
	unsigned int ctid;
};

static int merge_del(const char *w, void *arg)
{
	struct merge *m = arg;

	if (!strcmp(w, "all")) {
		m->l.n = 0;
		return 0;
	}
	if (vznet_netifs_del(&m->l, w))
		vz_log(VZ_WARN, "Warning: --netif_del: the container has no interface %s", w);
	return 0;
}

static int merge_add(const char *w, void *arg)
{
	struct merge *m = arg;
	struct vznet_netif nif;
	int ret = vznet_netif_parse_arg(w, &nif, NULL);

	return ret ? ret : vznet_netifs_add(&m->l, &nif, m->ctid);
}

int vz_veth_merge(unsigned int ctid, const char *cur, const char *add, const char *del,
		  char *out, size_t len, struct vz_err *err)
{
	struct merge m = { .ctid = ctid };
	int ret = vznet_netifs_parse(cur ? cur : "", &m.l);

	if (ret)
		return bad_netif(err, "NETIF in the config", ret);
	ret = vz_each_word(del, merge_del, &m);
	if (!ret)
		ret = vz_each_word(add, merge_add, &m);
	if (ret) {
		vznet_netifs_free(&m.l);
		return bad_netif(err, "--netif_add", ret);
	}
	ret = m.l.n > VETH_MAX ? -E2BIG : vznet_netifs_format(&m.l, out, len);
	vznet_netifs_free(&m.l);
	return ret ? vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "too many interfaces (at most "
			      "%d)", VETH_MAX) : 0;
}

static int veth_fail(struct vz_err *err, const struct vznet_netif *nif, int ret)
{
	switch (ret) {
	case -ENODEV:
		return vz_failp(err, VZ_VETH_ERROR, "interface %s: no bridge %s on the host",
				nif->ifname, nif->bridge);
	case -EMEDIUMTYPE:
		return vz_failp(err, VZ_VETH_ERROR, "interface %s: %s is not a bridge",
				nif->ifname, nif->bridge);
	case -EEXIST:
		return vz_failp(err, VZ_VETH_ERROR, "interface %s: the host already has a "
				"device %s", nif->ifname, nif->host_ifname);
	default:
		return vz_failp(err, VZ_VETH_ERROR, "interface %s: %s", nif->ifname,
				strerror(-ret));
	}
}

/* the new interfaces, all or none */
static int veth_add(struct vznet_nl *host, struct vznet_nl *ct, int nsfd,
		    const struct vznet_netifs *want, struct vz_err *err)
{
	bool made[VETH_MAX] = { false };
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < want->n && i < VETH_MAX; i++) {
		if (vznet_ifindex(ct, want->nif[i].ifname) >= 0)
			continue;		/* the container has it */
		/* a host end of an earlier run whose peer is gone with it */
		vznet_link_del(host, want->nif[i].host_ifname);
		ret = vznet_veth_add(host, &want->nif[i], nsfd);
		if (ret >= 0) {
			made[i] = true;
			ret = 0;
			vz_log(VZ_INFO, "Configure veth devices: %s", want->nif[i].host_ifname);
		} else {
			veth_fail(err, &want->nif[i], ret);
		}
	}
	while (ret && i-- > 0)
		if (made[i])
			vznet_link_del(host, want->nif[i].host_ifname);
	return ret ? -1 : 0;
}

int vz_veth_apply(const struct vzenv *env, pid_t init, const char *old, const char *netif,
		  struct vz_err *err)
{
	struct vznet_netifs want = { 0 }, had = { 0 };
	struct vznet_nl *host = NULL, *ct = NULL;
	char path[64];
	size_t i;
	int nsfd, ret;

	ret = vznet_netifs_parse(netif, &want);
	if (ret)
		return bad_netif(err, "NETIF", ret);
	if (vznet_netifs_parse(old ? old : "", &had))
		had.n = 0;
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)init);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	ret = nsfd < 0 ? -errno : vznet_nl_open(-1, &host);
	if (!ret)
		ret = vznet_nl_open(nsfd, &ct);
	if (ret) {
		ret = vz_failp(err, VZ_VETH_ERROR, "the network of container %u: %s", env->ctid,
			       strerror(-ret));
		goto out;
	}
	ret = veth_add(host, ct, nsfd, &want, err);
	for (i = 0; !ret && i < had.n; i++)
		if (vznet_netifs_find(&want, had.nif[i].ifname) < 0 &&
		    !vznet_link_del(host, had.nif[i].host_ifname))
			vz_log(VZ_INFO, "Deleted veth device %s", had.nif[i].host_ifname);
out:
	if (ct)
		vznet_nl_close(ct);
	if (host)
		vznet_nl_close(host);
	if (nsfd >= 0)
		close(nsfd);
	vznet_netifs_free(&want);
	vznet_netifs_free(&had);
	return ret ? -1 : 0;
}
