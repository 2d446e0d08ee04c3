// SPDX-License-Identifier: GPL-2.0
/*
 * The parameters of vzctl set and create, and the values one call gives
 * (see params.h).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "caps.h"
#include "cgroup.h"
#include "conf.h"
#include "ct.h"
#include "devnodes.h"
#include "disk.h"
#include "dns.h"
#include "err.h"
#include "netparse.h"
#include "params.h"
#include "ubc.h"
#include "util.h"
#include "view.h"
#include "vzenv.h"
#include "vzexit.h"

/* ------------------------------------------------------------ the table */

#define SET		VZP_SET
#define CREATE		VZP_CREATE
#define LIST		VZP_LIST

#define UBC_PARAM(name_, key_, id, unit, header, what) \
	{ .name = #name_, .key = #key_, .parse = vz_parse_ubc, .min = id, .group = VZG_UBC, \
	  .flags = SET, .argdesc = "B[:L]", .help = what },

const struct vz_param vz_params[] = {
	/* where and from what create makes the container */
	{ .name = "ostemplate", .key = "OSTEMPLATE", .group = VZG_CREATE, .flags = CREATE,
	  .argdesc = "NAME",
	  .help = "OS template: TEMPLATE/cache/NAME.tar.gz (default DEF_OSTEMPLATE)" },
	{ .name = "config", .key = "ORIGIN_SAMPLE", .group = VZG_CREATE, .flags = CREATE,
	  .argdesc = "NAME",
	  .help = "sample config /etc/vz/conf/ve-NAME.conf-sample (default CONFIGFILE)" },
	{ .name = "private", .key = "VE_PRIVATE", .group = VZG_CREATE, .flags = CREATE,
	  .argdesc = "PATH", .help = "private area (default VE_PRIVATE)" },
	{ .name = "root", .key = "VE_ROOT", .group = VZG_CREATE, .flags = CREATE,
	  .argdesc = "PATH", .help = "mount point of the running container (default VE_ROOT)" },
	{ .name = "layout", .key = "VE_LAYOUT", .parse = vz_parse_layout, .group = VZG_CREATE,
	  .flags = CREATE, .argdesc = "simfs|ploop[:expanded|plain|raw]",
	  .help = "private area layout: simfs (a directory) or ploop (an ext4 image of "
		  "DISKSPACE's limit on a loop device; :plain or :raw allocate it all now); "
		  "default VE_LAYOUT" },
	{ .name = "local_uid", .key = "LOCAL_UID", .parse = vz_parse_local_id,
	  .group = VZG_CREATE, .flags = CREATE, .argdesc = "UID",
	  .help = "host uid of the container's root in its user namespace (default "
		  "LOCAL_UID; 0: none)" },
	{ .name = "local_gid", .key = "LOCAL_GID", .parse = vz_parse_local_id,
	  .group = VZG_CREATE, .flags = CREATE, .argdesc = "GID",
	  .help = "host gid of the container's root group (default LOCAL_GID, or the uid)" },

	/* networking: venet addresses */
	{ .name = "ipadd", .key = "IP_ADDRESS", .parse = vz_parse_ip, .group = VZG_NET,
	  .flags = SET | CREATE | LIST, .argdesc = "ADDR[/MASK]",
	  .help = "add a venet address (IPv4 or IPv6), kept in IP_ADDRESS; repeatable" },
	{ .name = "ipdel", .key = "IPDEL", .parse = vz_parse_ipdel, .group = VZG_NET,
	  .flags = SET | LIST | VZP_NOSAVE, .argdesc = "ADDR|all",
	  .help = "remove a venet address, or all of them; repeatable" },

	/* veth interfaces */
	{ .name = "netif_add", .key = "NETIF", .parse = vz_parse_netif, .group = VZG_VETH,
	  .flags = SET | LIST, .argdesc = "IFNAME[,MAC,HOST_IFNAME,HOST_MAC,BRIDGE]",
	  .help = "add a veth interface (the host end in BRIDGE if given), kept in NETIF; "
		  "repeatable" },
	{ .name = "netif_del", .key = "NETIF_DEL", .parse = vz_parse_netif_del,
	  .group = VZG_VETH, .flags = SET | LIST | VZP_NOSAVE, .argdesc = "IFNAME|all",
	  .help = "remove a veth interface, or all of them; repeatable" },

	/* host network devices */
	{ .name = "netdev_add", .key = "NETDEV", .parse = vz_parse_ifname, .group = VZG_NETDEV,
	  .flags = SET | LIST, .argdesc = "NAME",
	  .help = "move the host's network device NAME into the container, kept in NETDEV; "
		  "repeatable" },
	{ .name = "netdev_del", .key = "NETDEV_DEL", .parse = vz_parse_netif_del,
	  .group = VZG_NETDEV, .flags = SET | LIST | VZP_NOSAVE, .argdesc = "NAME|all",
	  .help = "give a network device back to the host, or all of them; repeatable" },

	/* memory and CPU */
	{ .name = "ram", .key = "PHYSPAGES", .parse = vz_parse_vswap, .min = VZBC_PHYSPAGES,
	  .group = VZG_UBC, .flags = SET, .argdesc = "SIZE",
	  .help = "memory: physpages 0:SIZE (the cgroup's memory.max)" },
	{ .name = "swap", .key = "SWAPPAGES", .parse = vz_parse_vswap, .min = VZBC_SWAPPAGES,
	  .group = VZG_UBC, .flags = SET, .argdesc = "SIZE",
	  .help = "swap: swappages 0:SIZE (memory.swap.max)" },
	{ .name = "cpuunits", .key = "CPUUNITS", .parse = vz_parse_uint, .min = 8, .max = 500000,
	  .group = VZG_CPU, .flags = SET, .argdesc = "N",
	  .help = "CPU weight, 8..500000 (1000 is the default; cgroup cpu.weight)" },
	{ .name = "cpulimit", .key = "CPULIMIT", .parse = vz_parse_percent, .group = VZG_CPU,
	  .flags = SET, .argdesc = "N[%]",
	  .help = "CPU limit in percent of one CPU, 0 for none (cpu.max)" },
	{ .name = "cpus", .key = "CPUS", .parse = vz_parse_uint, .max = 8192, .group = VZG_CPU,
	  .flags = SET, .argdesc = "N",
	  .help = "at most N CPUs' worth of time, 0 for no limit (cpu.max)" },
	{ .name = "cpumask", .key = "CPUMASK", .parse = vz_parse_valid, .valid = vz_cpumask_valid,
	  .group = VZG_CPUSET, .flags = SET, .argdesc = "CPUS|all|auto",
	  .help = "the CPUs it may run on (cpuset.cpus): a list such as 0-2,7, all, or auto "
		  "(the CPUs of its --nodemask)" },
	{ .name = "nodemask", .key = "NODEMASK", .parse = vz_parse_valid,
	  .valid = vz_nodemask_valid, .group = VZG_CPUSET, .flags = SET, .argdesc = "NODES|all",
	  .help = "the memory nodes it may use (cpuset.mems): a list such as 0,1, or all" },

	/* I/O and disk */
	{ .name = "ioprio", .key = "IOPRIO", .parse = vz_parse_ioprio, .max = 7, .group = VZG_IO,
	  .flags = SET, .argdesc = "N",
	  .help = "I/O priority 0..7 (4 is the default): the io.weight, 100 at 4, doubled per "
		  "step" },
	{ .name = "iolimit", .key = "IOLIMIT", .parse = vz_parse_iolimit, .group = VZG_IO,
	  .flags = SET, .argdesc = "N[B|K|M|G]",
	  .help = "disk bandwidth, MB/s or with a B, K, M or G suffix, 0 for none (io.max of "
		  "the container's disk)" },
	{ .name = "iopslimit", .key = "IOPSLIMIT", .parse = vz_parse_uint, .max = ULONG_MAX,
	  .group = VZG_IO, .flags = SET, .argdesc = "N",
	  .help = "disk operations per second, 0 for none (io.max)" },
	{ .name = "diskspace", .key = "DISKSPACE", .parse = vz_parse_disk, .min = 1,
	  .group = VZG_DISK, .flags = SET | CREATE, .argdesc = "SOFT[:HARD]",
	  .help = "disk space in KiB (K/M/G/T suffixes): a ploop image's size is the limit "
		  "(made so at create, resized by set; create's default: DISKSPACE of the "
		  "sample config); on simfs a project quota where the file system has project "
		  "quotas, else not enforced; set needs --save" },
	{ .name = "diskinodes", .key = "DISKINODES", .parse = vz_parse_disk, .group = VZG_DISK,
	  .flags = SET | CREATE, .argdesc = "SOFT[:HARD]",
	  .help = "inodes: a ploop image gets the limit's count at create and grows with it; "
		  "on simfs a project quota where the file system has them, else not "
		  "enforced; set needs --save" },

	/* what the container sees of itself */
	{ .name = "hostname", .key = "HOSTNAME", .parse = vz_parse_valid,
	  .valid = vz_hostname_valid, .group = VZG_HOSTNAME, .flags = SET | CREATE,
	  .argdesc = "NAME", .help = "the container's host name" },
	{ .name = "nameserver", .key = "NAMESERVER", .parse = vz_parse_valid,
	  .valid = vz_dns_valid_ns, .group = VZG_DNS, .flags = SET | LIST,
	  .argdesc = "ADDR|inherit",
	  .help = "DNS server in the container's /etc/resolv.conf, live and at start; repeat "
		  "for several; inherit: the host's" },
	{ .name = "searchdomain", .key = "SEARCHDOMAIN", .parse = vz_parse_valid,
	  .valid = vz_dns_valid_search, .group = VZG_DNS, .flags = SET | LIST,
	  .argdesc = "DOMAIN|inherit",
	  .help = "DNS search domain in its /etc/resolv.conf (repeat for several; inherit: the "
		  "host's)" },
	{ .name = "capability", .key = "CAPABILITY", .parse = vz_parse_capability,
	  .group = VZG_CAPS, .flags = SET | LIST, .argdesc = "NAME:on|off",
	  .help = "grant or take a capability of the container's root (needs --save; applies "
		  "at the next start)" },
	{ .name = "devnodes", .key = "DEVNODES", .parse = vz_parse_devnode,
	  .group = VZG_DEVNODES, .flags = SET | LIST, .argdesc = "NAME:r|w|rw|none",
	  .help = "give the container the host's /dev/NAME (none: take it away; r and w are "
		  "not told apart: the node's own permissions apply); needs --save, applies at "
		  "the next start; repeat for several" },

	{ .name = "meminfo", .key = "MEMINFO", .parse = vz_parse_meminfo, .group = VZG_VIEW,
	  .flags = SET, .argdesc = "none|on",
	  .help = "none: its /proc/meminfo, /proc/swaps and sysinfo(2)'s memory are the "
		  "host's; on: its own limits and use (the default); OpenVZ's pages:N and "
		  "privvmpages:N are not supported" },
	{ .name = "view", .key = "VIEW", .parse = vz_parse_view, .group = VZG_VIEW,
	  .flags = SET, .argdesc = "all|none|PART[,PART...]",
	  .help = "the parts of the machine it sees as its own, the others as the host's: "
		  "meminfo, cpu (cpuinfo, stat), loadavg, uptime (default all; MEMINFO, when "
		  "set, decides meminfo)" },

	/* kept in the config only */
	{ .name = "onboot", .key = "ONBOOT", .parse = vz_parse_valid, .valid = vz_yesno_valid,
	  .group = VZG_CONFIG, .flags = SET, .argdesc = "yes|no",
	  .help = "start at host boot (saved only)" },
	{ .name = "bootorder", .key = "BOOTORDER", .parse = vz_parse_uint, .max = ULONG_MAX,
	  .group = VZG_CONFIG, .flags = SET, .argdesc = "N",
	  .help = "order at host boot, higher first (saved only)" },
	{ .name = "disabled", .key = "DISABLED", .parse = vz_parse_valid, .valid = vz_yesno_valid,
	  .group = VZG_CONFIG, .flags = SET, .argdesc = "yes|no",
	  .help = "yes: vzctl start refuses it (but with --force), vzbc-autostart skips it "
		  "(saved only)" },
	{ .name = "name", .key = "NAME", .parse = vz_parse_valid, .valid = vz_name_valid,
	  .check = vz_check_name, .group = VZG_CONFIG, .flags = SET | CREATE, .argdesc = "NAME",
	  .help = "a name commands accept instead of the CTID (saved only; digits only: the "
		  "CTID itself, as libvirt gives it)" },
	{ .name = "description", .key = "DESCRIPTION", .parse = vz_parse_valid, .max = 200,
	  .valid = vz_text_valid, .group = VZG_CONFIG, .flags = SET, .argdesc = "TEXT",
	  .help = "free text (saved only)" },

	/* beancounters */
	VZ_UBC_RESOURCES(UBC_PARAM)

	{ .name = NULL },
};

const struct vz_param *vz_param_by_name(const char *name)
{
	const struct vz_param *p;

	for (p = vz_params; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

const struct vz_param *vz_param_by_key(const char *key)
{
	const struct vz_param *p;

	for (p = vz_params; p->name; p++)
		if (!strcmp(p->key, key))
			return p;
	return NULL;
}

/* ------------------------------------------------------------ values */

static struct vz_value *value_find(const struct vz_values *vs, const char *key)
{
	unsigned int i;

	for (i = 0; i < vs->n; i++)
		if (!strcmp(vs->v[i].p->key, key))
			return (struct vz_value *)&vs->v[i];
	return NULL;
}

int vz_values_put(struct vz_values *vs, const struct vz_param *p, const char *val)
{
	struct vz_value *v = value_find(vs, p->key);

	if (!v) {
		if (vs->n == VZ_VALUES_MAX)
			return -E2BIG;
		v = &vs->v[vs->n++];
	}
	v->p = p;
	snprintf(v->val, sizeof(v->val), "%s", val);
	return 0;
}

int vz_values_set(struct vz_values *vs, const char *key, const char *val)
{
	struct vz_value *v = value_find(vs, key);

	if (!v)
		return -ENOENT;
	snprintf(v->val, sizeof(v->val), "%s", val);
	return 0;
}

int vz_values_add(struct vz_values *vs, const struct vz_param *p, const char *arg,
		  struct vz_err *err)
{
	struct vz_value *old = value_find(vs, p->key);
	char val[VZ_VALUE_MAX], joined[VZ_VALUE_MAX];

	if (!p->parse)
		snprintf(val, sizeof(val), "%s", arg);
	else if (p->parse(p, arg, val, sizeof(val), err))
		return -1;
	if ((p->flags & VZP_LIST) && old) {
		/* VZ_LIST_MAX < VZ_VALUE_MAX: joined has room */
		if (strlen(old->val) + strlen(val) + 2 > VZ_LIST_MAX)
			return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "too many values for %s",
					p->key);
		snprintf(joined, sizeof(joined), "%s %.*s", old->val, VZ_LIST_MAX, val);
		memcpy(val, joined, sizeof(val));
	}
	if (vz_values_put(vs, p, val))
		return vz_failp(err, VZ_INVALID_PARAMETER_SYNTAX, "too many options");
	return 0;
}

const char *vz_values_get(const struct vz_values *vs, const char *key)
{
	const struct vz_value *v = value_find(vs, key);

	return v ? v->val : NULL;
}

bool vz_given(const struct vz_values *vs, const char *key, char *buf, size_t len)
{
	const char *v = vz_values_get(vs, key);

	if (v) {
		snprintf(buf, len, "%s", v);
		return true;
	}
	if (!vs->at_start || vzenv_get(vs->env, key, buf, len))
		buf[0] = '\0';
	return buf[0] != '\0';
}

void vz_value(const struct vz_values *vs, const char *key, char *buf, size_t len)
{
	const char *v = vz_values_get(vs, key);

	if (v)
		snprintf(buf, len, "%s", v);
	else if (vzenv_get(vs->env, key, buf, len))
		buf[0] = '\0';
}

bool vz_values_group(const struct vz_values *vs, enum vz_group_id g)
{
	const struct vz_param *p;
	char buf[VZ_VALUE_MAX];
	unsigned int i;

	for (i = 0; i < vs->n; i++)
		if (vs->v[i].p->group == g)
			return true;
	if (!vs->at_start)
		return false;
	for (p = vz_params; p->name; p++)
		if (p->group == g && vz_given(vs, p->key, buf, sizeof(buf)))
			return true;
	return false;
}

int vz_values_save(const struct vz_values *vs, const char *path)
{
	struct conf_kv kv[VZ_VALUES_MAX];
	unsigned int i, n = 0, pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < vs->n; i++)
			if ((vs->v[i].p->group == VZG_UBC) == !pass &&
			    !(vs->v[i].p->flags & VZP_NOSAVE))
				kv[n++] = (struct conf_kv){ vs->v[i].p->key, vs->v[i].val };
	return conf_update(path, kv, n);
}

int vz_values_check(const struct vz_values *vs, struct vz_err *err)
{
	unsigned int i;

	for (i = 0; i < vs->n; i++)
		if (vs->v[i].p->check && vs->v[i].p->check(vs->v[i].p, vs->env, vs->v[i].val, err))
			return -1;
	return 0;
}

/* ------------------------------------------------------------ checks */

static bool valid_chars(const char *s, const char *extra)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(extra, *s))
			return false;
	return true;
}

bool vz_hostname_valid(const char *s)
{
	return *s && strlen(s) <= 64 && valid_chars(s, ".-");
}

bool vz_name_valid(const char *s)
{
	return *s && strlen(s) <= 64 && valid_chars(s, "._-");
}

bool vz_yesno_valid(const char *s)
{
	return !strcmp(s, "yes") || !strcmp(s, "no");
}

bool vz_text_valid(const char *s)
{
	for (; *s; s++)
		if (!isprint((unsigned char)*s) || *s == '"' || *s == '\\')
			return false;
	return true;
}

int vz_iolimit_bytes(const char *arg, unsigned long long *bytes)
{
	unsigned long long n, mul = 1024 * 1024;
	size_t l = strlen(arg);
	char num[16];

	if (!l || l >= sizeof(num))
		return -EINVAL;
	memcpy(num, arg, l + 1);
	switch (num[l - 1]) {
	case 'B': case 'b': mul = 1; num[--l] = '\0'; break;
	case 'K': case 'k': mul = 1024; num[--l] = '\0'; break;
	case 'M': case 'm': num[--l] = '\0'; break;
	case 'G': case 'g': mul = 1024ULL * 1024 * 1024; num[--l] = '\0'; break;
	}
	if (!vz_all_digits(num))
		return -EINVAL;
	n = strtoull(num, NULL, 10);
	if (n > (2ULL << 30) / mul)
		return -EINVAL;
	*bytes = n * mul;
	return 0;
}

/* ------------------------------------------------------------ parsers */

/* the message for a value that does not parse */
static int bad_value(const struct vz_param *p, const char *arg, struct vz_err *err)
{
	return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --%s: '%s'; see vzctl "
			"%s --help", p->name, arg, p->flags & VZP_SET ? "set" : "create");
}

static int keep(const char *arg, char *val, size_t len)
{
	snprintf(val, len, "%s", arg);
	return 0;
}

/* barrier[:limit] of a beancounter (p->min is its resource) */
int vz_parse_ubc(const struct vz_param *p, const char *arg, char *val, size_t len,
		 struct vz_err *err)
{
	const struct ubc_res *res = ubc_by_id(p->min);
	uint64_t b, l;
	int ret;

	ret = ubc_parse(res, arg, &b, &l);
	if (ret == -EINVAL)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --%s: '%s' "
				"(barrier[:limit]%s)", p->name, arg, res->unit == UBC_COUNT ?
				", plain numbers or unlimited" :
				", numbers with K/M/G/T/P suffixes or unlimited");
	if (ret == -EDOM) {
		/* libvirt sets a new hard limit with the barrier it read (often
		 * unlimited): taken, the barrier brought down to the limit */
		b = l;
		vz_log(VZ_WARN | VZ_LOG_TAG, "warning: --%s %s: the barrier is above the limit, "
		       "set to the limit", p->name, arg);
	} else if (ret == -ERANGE)
		vz_log(VZ_WARN | VZ_LOG_TAG, "warning: --%s %s is above %llu, set to unlimited",
		       p->name, arg, (unsigned long long)VZBC_UNLIMITED);
	ubc_format(b, l, val, len);
	return 0;
}

/* --ram, --swap: one size, the limit of physpages or swappages */
int vz_parse_vswap(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err)
{
	uint64_t b, l;

	if (strchr(arg, ':') || ubc_parse(ubc_by_id(p->min), arg, &b, &l) == -EINVAL)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --%s: '%s' "
				"(a size: 512M, 2G, ...)", p->name, arg);
	ubc_format(0, l, val, len);
	return 0;
}

/* digits (at most 9), from p->min to p->max */
int vz_parse_uint(const struct vz_param *p, const char *arg, char *val, size_t len,
		  struct vz_err *err)
{
	unsigned long v;

	if (!vz_all_digits(arg))
		return bad_value(p, arg, err);
	v = strtoul(arg, NULL, 10);
	if (v < p->min || v > p->max)
		return bad_value(p, arg, err);
	return keep(arg, val, len);
}

/* digits with an optional %, kept without it */
int vz_parse_percent(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%s", arg);
	if (buf[0] && buf[strlen(buf) - 1] == '%')
		buf[strlen(buf) - 1] = '\0';
	if (!vz_all_digits(buf))
		return bad_value(p, arg, err);
	return keep(buf, val, len);
}

/* one digit, from p->min to p->max */
int vz_parse_ioprio(const struct vz_param *p, const char *arg, char *val, size_t len,
		    struct vz_err *err)
{
	if (strlen(arg) != 1 || arg[0] < '0' + (int)p->min || arg[0] > '0' + (int)p->max)
		return bad_value(p, arg, err);
	return keep(arg, val, len);
}

/* a value p->valid accepts, at most p->max bytes long when p->max is set */
int vz_parse_valid(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err)
{
	if ((p->max && strlen(arg) > p->max) || !p->valid(arg))
		return bad_value(p, arg, err);
	return keep(arg, val, len);
}

/* ADDR[/MASK], kept in its canonical form */
int vz_parse_ip(const struct vz_param *p, const char *arg, char *val, size_t len,
		struct vz_err *err)
{
	char s[VZNET_IP_STRLEN];
	struct vznet_ip ip;
	int ret = vznet_ip_parse(arg, &ip);

	if (ret == -EADDRNOTAVAIL)
		return vz_failp(err, VZ_BADIP, "--%s: %s is not an address a container can "
				"own", p->name, arg);
	if (ret == -EDOM)
		return vz_failp(err, VZ_BADIP, "--%s: %s is the network or broadcast address "
				"of its prefix", p->name, arg);
	if (ret)
		return vz_failp(err, VZ_BADIP, "--%s: bad IP address '%s' (ADDR[/MASK], IPv4 "
				"or IPv6)", p->name, arg);
	vznet_ip_format(&ip, s);
	return keep(s, val, len);
}

/* ADDR[/MASK] or all */
int vz_parse_ipdel(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err)
{
	return strcmp(arg, "all") ? vz_parse_ip(p, arg, val, len, err) : keep(arg, val, len);
}

/* IFNAME[,MAC,HOST_IFNAME,HOST_MAC,BRIDGE], kept as given (its group
 * merges it into NETIF) */
int vz_parse_netif(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err)
{
	static const char *const fields[] = { "IFNAME", "MAC", "HOST_IFNAME", "HOST_MAC",
					      "BRIDGE" };
	struct vznet_netif nif;
	int field = 0, ret = vznet_netif_parse_arg(arg, &nif, &field);

	if (ret == -ENAMETOOLONG)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--%s: a name too long in '%s' "
				"(at most %d bytes)", p->name, arg, IFNAMSIZ - 1);
	if (ret)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--%s: bad %s in '%s' "
				"(IFNAME[,MAC,HOST_IFNAME,HOST_MAC,BRIDGE])", p->name,
				field >= 0 && field < 5 ? fields[field] : "field", arg);
	return keep(arg, val, len);
}

/* a network device's name */
int vz_parse_ifname(const struct vz_param *p, const char *arg, char *val, size_t len,
		    struct vz_err *err)
{
	if (!vznet_ifname_valid(arg))
		return bad_value(p, arg, err);
	return keep(arg, val, len);
}

int vz_parse_netif_del(const struct vz_param *p, const char *arg, char *val, size_t len,
		       struct vz_err *err)
{
	if (strcmp(arg, "all") && !vznet_ifname_valid(arg))
		return bad_value(p, arg, err);
	return keep(arg, val, len);
}

/* N[B|K|M|G], kept in bytes per second */
int vz_parse_iolimit(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err)
{
	unsigned long long bytes;

	if (vz_iolimit_bytes(arg, &bytes))
		return bad_value(p, arg, err);
	snprintf(val, len, "%llu", bytes);
	return 0;
}

/* NAME:on|off, several in one value allowed */
int vz_parse_capability(const struct vz_param *p, const char *arg, char *val, size_t len,
			struct vz_err *err)
{
	uint64_t on, off;

	if (vz_cap_parse(arg, &on, &off) || !(on | off))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --%s: '%s' "
				"(NAME:on or NAME:off, NAME as in capabilities(7) without CAP_)",
				p->name, arg);
	return keep(arg, val, len);
}

/* NAME:PERM, a device node the host has (but for none) */
int vz_parse_devnode(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err)
{
	char host[300];
	struct stat st;

	if (!vz_devnode_valid(arg))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --%s: '%s' "
				"(NAME:r|w|rw|none, NAME a device below /dev such as net/tun)",
				p->name, arg);
	snprintf(host, sizeof(host), "/dev/%.*s", (int)(strrchr(arg, ':') - arg), arg);
	if (strcmp(strrchr(arg, ':'), ":none") &&
	    (stat(host, &st) || (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"--%s %s: the host has no device %s", p->name, arg, host);
	return keep(arg, val, len);
}

/* SOFT[:HARD] of disk space (p->min 1: in KiB with suffixes) or inodes,
 * kept as "soft:hard" */
int vz_parse_disk(const struct vz_param *p, const char *arg, char *val, size_t len,
		  struct vz_err *err)
{
	uint64_t soft, hard;
	int ret;

	ret = disk_parse(arg, p->min, &soft, &hard);
	if (ret)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --%s: '%s' "
				"(SOFT[:HARD]%s%s)", p->name, arg,
				p->min ? " in KiB, K/M/G/T suffixes" : "",
				ret == -EDOM ? "; the soft limit is above the hard one" : "");
	disk_format(soft, hard, val, len);
	return 0;
}

int vz_parse_layout(const struct vz_param *p, const char *arg, char *val, size_t len,
		    struct vz_err *err)
{
	bool ploop, prealloc;

	if (vz_layout_parse(arg, &ploop, &prealloc))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--%s %s: simfs, ploop, "
				"ploop:expanded, ploop:plain or ploop:raw", p->name, arg);
	return keep(arg, val, len);
}

int vz_parse_local_id(const struct vz_param *p, const char *arg, char *val, size_t len,
		      struct vz_err *err)
{
	unsigned int id;

	(void)p;
	if (vzenv_parse_local_id(arg, &id))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--local_uid/--local_gid: a host "
				"id from 1 to %u, or 0 for none", 0xffffffffU - VZ_USERNS_IDS);
	return keep(arg, val, len);
}

/* VIEW: all, none or parts, kept in that canonical form */
int vz_parse_view(const struct vz_param *p, const char *arg, char *val, size_t len,
		  struct vz_err *err)
{
	unsigned int parts;

	if (vz_view_parse(arg, &parts))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --%s: '%s' (all, "
				"none, or a comma-separated list of meminfo, cpu, loadavg, uptime)",
				p->name, arg);
	vz_view_format(parts, val, len);
	return 0;
}

/* MEMINFO: none or on; OpenVZ's other modes refused with the reason */
int vz_parse_meminfo(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err)
{
	int on, ret = vz_meminfo_parse(arg, &on);

	if (ret == -EOPNOTSUPP)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--%s %s is not supported: the "
				"container's /proc/meminfo shows its memory limit (--ram, --swap); "
				"use none (the host's figures) or on", p->name, arg);
	if (ret)
		return bad_value(p, arg, err);
	return keep(arg, val, len);
}

/* a name no other container has; of digits only, the container's own
 * CTID (libvirt names a container so), as any other would be read as a CTID */
int vz_check_name(const struct vz_param *p, const struct vzenv *env, const char *val,
		  struct vz_err *err)
{
	unsigned int other;

	(void)p;
	if (strspn(val, "0123456789") == strlen(val) &&
	    (vz_parse_ctid(val, &other) || other != env->ctid))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--name %s: a name of digits "
				"only must be the container's own CTID (%u)", val, env->ctid);
	if (!vz_ctid_by_name(val, &other) && other != env->ctid)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"the name %s is taken by container %u", val, other);
	return 0;
}
