// SPDX-License-Identifier: GPL-2.0
/*
 * Apply groups (see groups.h): one descriptor per kind of setting, and the
 * one function that applies it live and at start.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup.h"
#include "devnodes.h"
#include "disk.h"
#include "dns.h"
#include "err.h"
#include "groups.h"
#include "join.h"
#include "libvzbc.h"
#include "netdev.h"
#include "quota.h"
#include "ubc.h"
#include "util.h"
#include "venet.h"
#include "veth.h"
#include "view.h"
#include "vzenv.h"
#include "vzexit.h"

/* ------------------------------------------------------------ prepare */

/* CAPABILITY to save: the config's, with this call's changes over it */
static int caps_prepare(struct vz_values *v, struct vz_err *err)
{
	char cur[1024], merged[VZ_VALUE_MAX];
	const char *given = vz_values_get(v, "CAPABILITY");

	if (!given)
		return 0;
	if (vzenv_get(v->env, "CAPABILITY", cur, sizeof(cur)) ||
	    vz_cap_merge(cur, given, merged, sizeof(merged)))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"bad CAPABILITY in %s (NAME:on|off ...)", v->env->conf);
	vz_values_set(v, "CAPABILITY", merged);
	return 0;
}

/* DEVNODES to save: the config's entries, each replaced by this call's
 * entry for the same device; those given "none" dropped */
static int devnodes_prepare(struct vz_values *v, struct vz_err *err)
{
	const char *given = vz_values_get(v, "DEVNODES");
	char cur[VZ_LIST_MAX], out[VZ_LIST_MAX];
	int ret;

	if (!given)
		return 0;
	if (vzenv_get(v->env, "DEVNODES", cur, sizeof(cur)))
		return vz_failp(err, VZ_SYSTEM_ERROR, "%s: DEVNODES too long", v->env->conf);
	ret = vz_devnodes_merge(cur, given, out, sizeof(out));
	if (ret == -EINVAL)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad DEVNODES entry '%s' in %s",
				out, v->env->conf);
	if (ret)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "too many DEVNODES");
	vz_values_set(v, "DEVNODES", out);
	return 0;
}

/* The lists whose options add to and remove from the config's value
 * (IP_ADDRESS, NETIF, NETDEV): the config's value into cur ... */
static void list_cur(const struct vz_values *v, const char *key, char *cur)
{
	if (vzenv_get(v->env, key, cur, VZ_VALUE_MAX))
		cur[0] = '\0';
}

/* ... and the merged one, to save and to apply */
static int list_keep(struct vz_values *v, const char *key, const char *merged,
		     struct vz_err *err)
{
	if (vz_values_set(v, key, merged) && vz_values_put(v, vz_param_by_key(key), merged))
		return vz_failp(err, VZ_INVALID_PARAMETER_SYNTAX, "too many options");
	return 0;
}

/* IP_ADDRESS: the config's, without those of --ipdel, with those of --ipadd */
static int net_prepare(struct vz_values *v, struct vz_err *err)
{
	char cur[VZ_VALUE_MAX], merged[VZ_VALUE_MAX];

	list_cur(v, "IP_ADDRESS", cur);
	if (vz_venet_merge(cur, vz_values_get(v, "IP_ADDRESS"), vz_values_get(v, "IPDEL"),
			   merged, sizeof(merged), err))
		return -1;
	return list_keep(v, "IP_ADDRESS", merged, err);
}

/* NETIF: the config's, without those of --netif_del, with those of
 * --netif_add (host names and MACs filled in) */
static int veth_prepare(struct vz_values *v, struct vz_err *err)
{
	char cur[VZ_VALUE_MAX], merged[VZ_VALUE_MAX];

	list_cur(v, "NETIF", cur);
	if (vz_veth_merge(v->env->ctid, cur, vz_values_get(v, "NETIF"),
			  vz_values_get(v, "NETIF_DEL"), merged, sizeof(merged), err))
		return -1;
	return list_keep(v, "NETIF", merged, err);
}

/* NETDEV: the config's, without those of --netdev_del, with those of
 * --netdev_add */
static int netdev_prepare(struct vz_values *v, struct vz_err *err)
{
	char cur[VZ_VALUE_MAX], merged[VZ_VALUE_MAX];

	list_cur(v, "NETDEV", cur);
	if (vz_netdev_merge(cur, vz_values_get(v, "NETDEV"), vz_values_get(v, "NETDEV_DEL"),
			    merged, sizeof(merged), err))
		return -1;
	return list_keep(v, "NETDEV", merged, err);
}

/* simfs: the limits (those given, else the config's) as the private area's
 * project quota, where its file system has project quotas */
static int simfs_disk_prepare(struct vz_values *v, struct vz_err *err)
{
	char space[64], inodes[64], caps[1024];
	int ret;

	vz_value(v, "DISKSPACE", space, sizeof(space));
	vz_value(v, "DISKINODES", inodes, sizeof(inodes));
	ret = vz_simfs_quota_set(v->env, space, inodes);
	if (ret == -EOPNOTSUPP) {
		vz_log(VZ_INFO, "Disk limits are kept in the config only: the simfs layout does "
		       "not enforce them without project quotas on the file system of %s",
		       v->env->private);
		return 0;
	}
	if (ret == -ENOENT) {	/* set at its first start */
		vz_log(VZ_INFO, "Disk limits are kept in the config: %s does not exist yet",
		       v->env->private);
		return 0;
	}
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "setting the disk quota of %s: %s",
				v->env->private, strerror(-ret));
	vz_log(VZ_INFO, "Disk quota of the private area set (project %u)", v->env->ctid);
	vz_value(v, "CAPABILITY", caps, sizeof(caps));
	if (!v->env->local_uid && vz_cap_keeps(caps, CAP_SYS_RESOURCE))
		vz_log(VZ_WARN, "Warning: the container's root keeps SYS_RESOURCE, with which "
		       "ext4 lets it past the hard limit: --capability sys_resource:off (or "
		       "LOCAL_UID) holds it to it");
	return 0;
}

/* Disk limits: a ploop container's image takes the new DISKSPACE limit
 * before anything else changes; a simfs one's project quota. */
static int disk_prepare(struct vz_values *v, struct vz_err *err)
{
	const char *space = vz_values_get(v, "DISKSPACE");
	uint64_t soft, hard;
	int ret;

	if (!ploop_exists(v->env))
		return simfs_disk_prepare(v, err);
	if (!space)
		return 0;
	disk_parse(space, true, &soft, &hard);
	if (hard == UINT64_MAX || hard < PLOOP_MIN_KB)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"--diskspace: a ploop image needs a limit of at least 16M");
	ret = ploop_resize(v->env, hard);
	switch (ret) {
	case 0:
		vz_log(VZ_INFO, "The container's disk image now has %lluK",
		       (unsigned long long)(hard & ~3ULL));
		return 0;
	case -EBUSY:
		return vz_failp(err, VZ_FS_MOUNTED, "the disk image of a mounted container only "
				"grows: stop it (or vzctl umount) to shrink it");
	case -ENOSPC:
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "the container's files do not fit "
				"in %lluK: the image keeps its size", (unsigned long long)hard);
	default:
		return vz_failp(err, VZ_SYSTEM_ERROR, "resizing the disk image of %u: %s",
				v->env->ctid, strerror(-ret));
	}
}

/* ------------------------------------------------------------ host */

int vz_ubc_fail(struct vz_err *err, unsigned int ctid, int ret, bool live)
{
	if (!live)
		return vz_failp(err, VZ_SETUBC_ERROR, "setting the beancounter limits of %u: %s",
				ctid, vzbc_strerror(ret));
	return vz_failp(err, ret == -EINVAL || ret == -EOPNOTSUPP ? VZ_SETUBC_ERROR :
			vz_exit_code(ret), "setting limits of container %u: %s", ctid,
			ret == -EINVAL ? "refused by the kernel" : vzbc_strerror(ret));
}

/* the beancounters given (at start: every one the config has), in one
 * ioctl: all or none */
static int ubc_host(const struct vz_apply *a, struct vz_err *err)
{
	const struct vzenv *env = a->v->env;
	struct vzbc_limit l[VZBC_RESOURCES];
	unsigned int i, n = 0;
	uint64_t b, lim;
	char val[128];
	int ret;

	for (i = 0; i < ubc_nr_resources; i++) {
		const struct ubc_res *r = &ubc_resources[i];

		if (!vz_given(a->v, r->key, val, sizeof(val)))
			continue;
		if (ubc_parse(r, val, &b, &lim) < 0)
			return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "%s: bad %s=\"%s\"",
					env->conf, r->key, val);
		l[n++] = (struct vzbc_limit){ .resource = r->id, .barrier = b, .limit = lim };
	}
	if (!n)
		return 0;
	ret = vzbc_set_limits(a->vzfd, env->ctid, l, n);
	return ret ? vz_ubc_fail(err, env->ctid, ret, !a->v->at_start) : 0;
}

static int cpu_host(const struct vz_apply *a, struct vz_err *err)
{
	char units[32], limit[32], cpus[32];

	vz_value(a->v, "CPUUNITS", units, sizeof(units));
	vz_value(a->v, "CPULIMIT", limit, sizeof(limit));
	vz_value(a->v, "CPUS", cpus, sizeof(cpus));
	return vz_apply_cpu(a->v->env, units, limit, cpus, err);
}

static int cpuset_host(const struct vz_apply *a, struct vz_err *err)
{
	char cpumask[VZ_LIST_MAX], nodemask[VZ_LIST_MAX];

	vz_value(a->v, "CPUMASK", cpumask, sizeof(cpumask));
	vz_value(a->v, "NODEMASK", nodemask, sizeof(nodemask));
	return vz_apply_cpuset(a->v->env, cpumask, nodemask, err);
}

static int io_host(const struct vz_apply *a, struct vz_err *err)
{
	char prio[16], limit[32], iops[32];

	vz_value(a->v, "IOPRIO", prio, sizeof(prio));
	vz_value(a->v, "IOLIMIT", limit, sizeof(limit));
	vz_value(a->v, "IOPSLIMIT", iops, sizeof(iops));
	return vz_apply_io(a->v->env, prio, limit, iops, err);
}

/* the view's parts from VIEW and MEMINFO. At start, OpenVZ's MEMINFO modes
 * the module has no counterpart for (pages:N, privvmpages:N, which OpenVZ
 * itself ignored on a vswap config) leave the meminfo part on, with a
 * warning, so that an old config still starts. */
static int view_host(const struct vz_apply *a, struct vz_err *err)
{
	const struct vzenv *env = a->v->env;
	struct vzbc_view_info vi = { 0 };
	char view[64], meminfo[64];
	unsigned int parts;
	int ret;

	/* after the CPU group alone: the same parts, its cpu.max re-read (no
	 * module or not registered: no view to refresh) */
	if (!vz_values_group(a->v, VZG_VIEW)) {
		if (a->vzfd < 0)
			return 0;
		ret = vzbc_get_view(a->vzfd, env->ctid, &vi);
		if (!ret)
			ret = vzbc_set_view(a->vzfd, env->ctid, vi.parts);
		if (ret == -ENOENT)
			return 0;
		return ret ? vz_failp(err, vz_exit_code(ret), "re-reading the CPU limit "
				      "for the view of container %u: %s", env->ctid,
				      vzbc_strerror(ret)) : 0;
	}
	vz_value(a->v, "VIEW", view, sizeof(view));
	vz_value(a->v, "MEMINFO", meminfo, sizeof(meminfo));
	ret = vz_view_parts(view, meminfo, &parts);
	if (ret == -EOPNOTSUPP && a->v->at_start) {
		vz_log(VZ_WARN | VZ_LOG_TAG, "warning: MEMINFO=\"%s\" is not supported (the "
		       "container sees its own memory limit): ignored", meminfo);
		ret = vz_view_parts(view, "", &parts);
	}
	if (ret == -EINVAL && view[0] && vz_view_parse(view, &parts))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "%s: bad VIEW=\"%s\"",
				env->conf, view);
	if (ret)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "%s: bad MEMINFO=\"%s\"",
				env->conf, meminfo);
	ret = vzbc_set_view(a->vzfd, env->ctid, parts);
	if (ret)
		return vz_failp(err, vz_exit_code(ret), "setting the view of container %u: %s",
				env->ctid, ret == -ENOENT ? "it is not registered with vzbc.ko" :
				vzbc_strerror(ret));
	return 0;
}

/* venet: the container holds exactly the addresses of IP_ADDRESS */
static int net_host(const struct vz_apply *a, struct vz_err *err)
{
	char val[VZ_VALUE_MAX];

	vz_value(a->v, "IP_ADDRESS", val, sizeof(val));
	return vz_venet_apply(a->v->env, a->vzfd, a->init, val, err);
}

/* veth: the container has the interfaces of NETIF (live: those of the
 * config it had that NETIF lacks go) */
static int veth_host(const struct vz_apply *a, struct vz_err *err)
{
	char val[VZ_VALUE_MAX], old[VZ_VALUE_MAX] = "";

	vz_value(a->v, "NETIF", val, sizeof(val));
	if (!a->v->at_start && vzenv_get(a->v->env, "NETIF", old, sizeof(old)))
		old[0] = '\0';
	return vz_veth_apply(a->v->env, a->init, old, val, err);
}

/* host devices: the container has those of NETDEV (live: those of the
 * config it had that NETDEV lacks go back) */
static int netdev_host(const struct vz_apply *a, struct vz_err *err)
{
	char val[VZ_VALUE_MAX], old[VZ_VALUE_MAX] = "";

	vz_value(a->v, "NETDEV", val, sizeof(val));
	if (!a->v->at_start && vzenv_get(a->v->env, "NETDEV", old, sizeof(old)))
		old[0] = '\0';
	return vz_netdev_apply(a->v->env, a->init, old, val, err);
}

/* ------------------------------------------------------------ inside */

static int hostname_resolve(const struct vz_values *v, struct vz_values *in,
			    struct vz_err *err)
{
	char name[VZ_VALUE_MAX];

	(void)err;
	if (vz_given(v, "HOSTNAME", name, sizeof(name)))
		vz_values_put(in, vz_param_by_key("HOSTNAME"), name);
	return 0;
}

/* the host name, in the UTS namespace and in /etc/hostname (systemd sets it
 * from there), written atomically where /etc is a directory */
static int hostname_inside(const struct vz_values *in, const char **step)
{
	const char *name = vz_values_get(in, "HOSTNAME");
	char text[VZ_VALUE_MAX + 1];
	struct stat st;

	if (!name)
		return 0;
	*step = "setting the host name";
	if (sethostname(name, strlen(name)))
		return -errno;
	if (lstat("/etc", &st) || !S_ISDIR(st.st_mode))
		return 0;
	*step = "writing /etc/hostname";
	snprintf(text, sizeof(text), "%s\n", name);
	return vz_replace_file("/etc/hostname", "/etc/.hostname.vzctl", text);
}

/* NAMESERVER and SEARCHDOMAIN with "inherit" expanded: the host's
 * resolv.conf is read here, on the host */
static int dns_resolve(const struct vz_values *v, struct vz_values *in, struct vz_err *err)
{
	char val[VZ_DNS_MAX], x[VZ_DNS_MAX];

	(void)err;
	if (vz_given(v, "NAMESERVER", val, sizeof(val))) {
		vz_dns_expand(val, false, x, sizeof(x));
		vz_values_put(in, vz_param_by_key("NAMESERVER"), x);
	}
	if (vz_given(v, "SEARCHDOMAIN", val, sizeof(val))) {
		vz_dns_expand(val, true, x, sizeof(x));
		vz_values_put(in, vz_param_by_key("SEARCHDOMAIN"), x);
	}
	return 0;
}

static int dns_inside(const struct vz_values *in, const char **step)
{
	*step = "writing /etc/resolv.conf";
	return vz_write_resolv_conf(vz_values_get(in, "NAMESERVER"),
				    vz_values_get(in, "SEARCHDOMAIN"));
}

/* ------------------------------------------------------------ the groups */

const struct vz_group vz_groups[VZG_NR] = {
	[VZG_CONFIG] = { .saved = true },
	[VZG_CAPS] = { .saved = true, .restart = true, .prepare = caps_prepare },
	[VZG_DEVNODES] = { .saved = true, .restart = true, .prepare = devnodes_prepare },
	[VZG_DISK] = { .saved = true, .prepare = disk_prepare },
	[VZG_UBC] = { .module = true, .applied = "UB limits were set successfully",
		      .host = ubc_host },
	[VZG_CPUSET] = { .applied = "CPU mask settings were applied", .host = cpuset_host },
	[VZG_CPU] = { .applied = "CPU settings were applied", .host = cpu_host },
	[VZG_IO] = { .applied = "I/O settings were applied", .host = io_host },
	/* the view shows the CPUs that cpu.max allows: re-read once written */
	[VZG_VIEW] = { .module = true, .applied = "View settings were applied",
		       .host = view_host, .follows = 1u << VZG_CPU },
	[VZG_HOSTNAME] = { .resolve = hostname_resolve, .inside = hostname_inside },
	[VZG_DNS] = { .applied = "DNS settings were applied", .resolve = dns_resolve,
		      .inside = dns_inside },
	[VZG_NET] = { .ns = true, .prepare = net_prepare, .host = net_host },
	[VZG_VETH] = { .ns = true, .prepare = veth_prepare, .host = veth_host },
	[VZG_NETDEV] = { .ns = true, .prepare = netdev_prepare, .host = netdev_host },
	[VZG_CREATE] = { 0 },
};

int vz_groups_prepare(struct vz_values *v, struct vz_err *err)
{
	unsigned int g;

	for (g = 0; g < VZG_NR; g++)
		if (vz_groups[g].prepare && vz_values_group(v, g) &&
		    vz_groups[g].prepare(v, err))
			return -1;
	return 0;
}

/* does group g have values in v, or follow one that has? */
static bool group_due(const struct vz_values *v, unsigned int g, bool *given)
{
	unsigned int f;

	*given = vz_values_group(v, g);
	for (f = 0; !*given && f < VZG_NR; f++)
		if (vz_groups[g].follows & 1u << f && vz_values_group(v, f))
			return true;
	return *given;
}

bool vz_groups_need_module(const struct vz_values *v)
{
	unsigned int g;
	bool given;

	for (g = 0; g < VZG_NR; g++)
		if (vz_groups[g].module && group_due(v, g, &given))
			return true;
	return false;
}

int vz_groups_host(const struct vz_apply *a, struct vz_err *err)
{
	unsigned int g;
	bool given;

	for (g = 0; g < VZG_NR; g++) {
		if (!vz_groups[g].host || !group_due(a->v, g, &given) ||
		    (!a->cgroup && !vz_groups[g].module) || (vz_groups[g].ns && a->init <= 0))
			continue;
		if (vz_groups[g].host(a, err))
			return -1;
		if (!a->v->at_start && given && vz_groups[g].applied)
			vz_log(VZ_INFO, "%s", vz_groups[g].applied);
	}
	return 0;
}

int vz_groups_host_ns(const struct vz_apply *a, struct vz_err *err)
{
	unsigned int g;

	for (g = 0; g < VZG_NR; g++)
		if (vz_groups[g].ns && vz_values_group(a->v, g) && vz_groups[g].host(a, err))
			return -1;
	return 0;
}

int vz_groups_resolve(const struct vz_values *v, struct vz_values *in, struct vz_err *err)
{
	unsigned int g;

	in->env = v->env;
	for (g = 0; g < VZG_NR; g++)
		if (vz_groups[g].resolve && vz_values_group(v, g) &&
		    vz_groups[g].resolve(v, in, err))
			return -1;
	return 0;
}

int vz_groups_inside(const struct vz_values *in, const char **step)
{
	unsigned int g;
	int ret;

	for (g = 0; g < VZG_NR; g++) {
		if (!vz_groups[g].inside || !vz_values_group(in, g))
			continue;
		ret = vz_groups[g].inside(in, step);
		if (ret)
			return ret;
	}
	return 0;
}

struct inside_one {
	const struct vz_group *g;
	const struct vz_values *in;
};

static int inside_one(void *arg, const char **step)
{
	const struct inside_one *o = arg;

	return o->g->inside(o->in, step);
}

int vz_groups_inside_live(const struct vz_values *v, struct vz_err *err)
{
	struct vz_values in;
	struct inside_one o = { .in = &in };
	char step[128];
	unsigned int g;
	int ret;

	for (g = 0; g < VZG_NR; g++) {
		if (!vz_groups[g].inside || !vz_values_group(v, g))
			continue;
		memset(&in, 0, sizeof(in));
		o.g = &vz_groups[g];
		if (o.g->resolve(v, &in, err))
			return -1;
		ret = vz_ct_inside(v->env, inside_one, &o, step, sizeof(step));
		if (ret)
			return vz_failp(err, VZ_SYSTEM_ERROR, "%s: %s", step, strerror(-ret));
		if (o.g->applied)
			vz_log(VZ_INFO, "%s", o.g->applied);
	}
	return 0;
}
