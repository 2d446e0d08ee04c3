// SPDX-License-Identifier: GPL-2.0
/*
 * Host network devices in a container (netdev.h), moved with
 * vznet_link_move (netlink.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "netdev.h"
#include "netlink.h"
#include "netparse.h"
#include "util.h"
#include "vzenv.h"
#include "vzexit.h"

/* ------------------------------------------------------------ NETDEV */

struct names {
	char name[VZ_NETDEV_MAX][IF_NAMESIZE];
	size_t n;
};

static int names_find(const struct names *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->name[i], name))
			return (int)i;
	return -1;
}

static int names_add(const char *w, void *arg)
{
	struct names *l = arg;

	if (!vznet_ifname_valid(w))
		return -EINVAL;
	if (names_find(l, w) >= 0)
		return 0;
	if (l->n == VZ_NETDEV_MAX)
		return -E2BIG;
	snprintf(l->name[l->n++], IF_NAMESIZE, "%s", w);
	return 0;
}

static int names_del(const char *w, void *arg)
{
	struct names *l = arg;
	int i = names_find(l, w);

	if (!strcmp(w, "all")) {
		l->n = 0;
		return 0;
	}
	if (i < 0) {
		vz_log(VZ_WARN, "Warning: --netdev_del: the container has no device %s", w);
		return 0;
	}
	memmove(l->name[i], l->name[i + 1], (l->n - (size_t)i - 1) * sizeof(l->name[0]));
	l->n--;
	return 0;
}

static int names_parse(const char *s, struct names *l)
{
	l->n = 0;
	return vz_each_word(s, names_add, l);
}

static int names_fail(struct vz_err *err, const char *what, int ret)
{
	if (ret == -E2BIG)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "%s: too many network devices "
				"(at most %d)", what, VZ_NETDEV_MAX);
	return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "%s: a bad device name", what);
}

int vz_netdev_merge(const char *cur, const char *add, const char *del, char *out,
		    size_t len, struct vz_err *err)
{
	struct names l;
	size_t i, at = 0;
	int ret = names_parse(cur, &l);

	if (ret)
		return names_fail(err, "NETDEV in the config", ret);
	ret = vz_each_word(del, names_del, &l);
	if (!ret)
		ret = vz_each_word(add, names_add, &l);
	if (ret)
		return names_fail(err, "--netdev_add", ret);
	out[0] = '\0';
	for (i = 0; i < l.n && at < len; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? " " : "", l.name[i]);
	if (at >= len)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "NETDEV too long");
	return 0;
}

/* ------------------------------------------------------------ moves */

/* rtnetlink sockets in the host's and the container's namespaces, and
 * both namespaces open */
struct netdev {
	struct vznet_nl *host, *ct;
	int hostfd, nsfd;
	unsigned int ctid;
};

static void netdev_close(struct netdev *d)
{
	if (d->ct)
		vznet_nl_close(d->ct);
	if (d->host)
		vznet_nl_close(d->host);
	if (d->nsfd >= 0)
		close(d->nsfd);
	if (d->hostfd >= 0)
		close(d->hostfd);
}

static int netdev_open(struct netdev *d, const struct vzenv *env, pid_t init)
{
	char path[64];

	*d = (struct netdev){ .hostfd = -1, .nsfd = -1, .ctid = env->ctid };
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)init);
	d->nsfd = open(path, O_RDONLY | O_CLOEXEC);
	if (d->nsfd < 0)
		return -errno;
	d->hostfd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (d->hostfd < 0)
		return -errno;
	if (vznet_nl_open(-1, &d->host))
		return -ENOMEM;
	return vznet_nl_open(d->nsfd, &d->ct);
}

/* name from the host into the container (0 if it is there already) */
static int netdev_in(struct netdev *d, const char *name, bool *moved, struct vz_err *err)
{
	int ret;

	*moved = false;
	if (vznet_ifindex(d->host, name) == -ENODEV && vznet_ifindex(d->ct, name) >= 0)
		return 0;
	ret = vznet_link_move(d->host, name, d->nsfd);
	switch (ret) {
	case 0:
		*moved = true;
		return 0;
	case -ENODEV:
		return vz_failp(err, VZ_NETDEV_ERROR, "no network device %s on the host (no "
				"such device, or another container has it)", name);
	case -EEXIST:
		return vz_failp(err, VZ_NETDEV_ERROR, "container %u already has a device named "
				"%s", d->ctid, name);
	case -EINVAL:
		return vz_failp(err, VZ_NETDEV_ERROR, "network device %s cannot leave the host's "
				"namespace", name);
	default:
		return vz_failp(err, VZ_NETDEV_ERROR, "moving network device %s into container "
				"%u: %s", name, d->ctid, strerror(-ret));
	}
}

/* name from the container back to the host (0 if the host has it) */
static int netdev_out(struct netdev *d, const char *name, struct vz_err *err)
{
	int ret = vznet_link_move(d->ct, name, d->hostfd);

	if (!ret) {
		vz_log(VZ_INFO, "Moved network device %s back to the host", name);
		return 0;
	}
	if (ret == -ENODEV && vznet_ifindex(d->host, name) >= 0)
		return 0;
	if (ret == -ENODEV) {
		vz_log(VZ_WARN, "Warning: container %u has no network device %s (renamed or "
		       "destroyed inside?)", d->ctid, name);
		return 0;
	}
	if (ret == -EEXIST)
		return vz_failp(err, VZ_NETDEV_ERROR, "the host has a device named %s: that of "
				"container %u stays in it", name, d->ctid);
	return vz_failp(err, VZ_NETDEV_ERROR, "moving network device %s back to the host: %s",
			name, strerror(-ret));
}

int vz_netdev_apply(const struct vzenv *env, pid_t init, const char *old, const char *netdev,
		    struct vz_err *err)
{
	bool moved[VZ_NETDEV_MAX] = { false };
	struct names want, had;
	struct netdev d;
	size_t i;
	int ret;

	ret = names_parse(netdev, &want);
	if (ret)
		return names_fail(err, "NETDEV", ret);
	if (names_parse(old, &had))
		had.n = 0;
	ret = netdev_open(&d, env, init);
	if (ret) {
		ret = vz_failp(err, VZ_NETDEV_ERROR, "the network of container %u: %s", env->ctid,
			       strerror(-ret));
		goto out;
	}
	for (i = 0; !ret && i < want.n; i++)
		ret = netdev_in(&d, want.name[i], &moved[i], err);
	while (ret && i-- > 0)		/* all of them or none */
		if (moved[i])
			vznet_link_move(d.ct, want.name[i], d.hostfd);
	for (i = 0; !ret && i < want.n; i++)
		if (moved[i])
			vz_log(VZ_INFO, "Moved network device %s into container %u",
			       want.name[i], env->ctid);
	for (i = 0; !ret && i < had.n; i++)
		if (names_find(&want, had.name[i]) < 0)
			ret = netdev_out(&d, had.name[i], err);
out:
	netdev_close(&d);
	return ret ? -1 : 0;
}

void vz_netdev_return(const struct vzenv *env)
{
	char val[VZ_NETDEV_MAX * IF_NAMESIZE];
	struct names l;
	struct netdev d;
	struct vz_err e;
	pid_t init;
	size_t i;

	if (vzenv_get(env, "NETDEV", val, sizeof(val)) || names_parse(val, &l) || !l.n)
		return;
	init = vzenv_init_pid(env);
	if (init < 0)
		return;
	if (netdev_open(&d, env, init)) {
		vz_log(VZ_WARN, "Warning: cannot reach the network of container %u: its "
		       "devices stay in it", env->ctid);
	} else {
		for (i = 0; i < l.n; i++)
			if (netdev_out(&d, l.name[i], &e))
				vz_log_err(&e);
	}
	netdev_close(&d);
}
