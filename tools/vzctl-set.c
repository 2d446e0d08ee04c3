// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl set CTID --<resource> barrier[:limit] ... [--ram B] [--swap B]
 *     [--cpuunits N] [--cpulimit N[%]] [--cpus N] [--cpumask CPUS]
 *     [--nodemask NODES] [--hostname NAME] [--onboot yes|no] [--bootorder N]
 *     [--disabled yes|no]
 *     [--name NAME] [--description TEXT] [--nameserver ADDR]...
 *     [--searchdomain DOMAIN]... [--capability NAME:on|off]
 *     [--devnodes NAME:PERM]... [--diskspace S[:H]] [--diskinodes S[:H]]
 *     [--ioprio N] [--iolimit N[B|K|M|G]] [--iopslimit N] [--save]
 *     [--setmode restart|ignore]
 *
 * Every value is checked before anything changes. A registered (running)
 * container gets the new beancounter limits at once, all together, then its
 * CPU settings (cgroup cpu.weight, cpu.max, cpuset.cpus and cpuset.mems),
 * I/O settings (io.weight, io.max), host name and resolv.conf; with --save
 * everything is also written to /etc/vz/conf/CTID.conf (atomically,
 * keeping every other line). If the kernel refuses, nothing is saved.
 * The other settings only live in the config and need --save; those a
 * running container only takes at its next start (--capability,
 * --devnodes) are applied by restarting it with --setmode restart.
 * --diskspace resizes a ploop container's image first (grown mounted or
 * not, shrunk only while unmounted); on simfs disk limits are kept, not
 * enforced.
 */
#include <ctype.h>
#include <errno.h>
#include <popt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "disk.h"
#include "libvzbc.h"
#include "ubc.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

enum {
	OPT_SAVE = 1, OPT_RAM, OPT_SWAP, OPT_CPUUNITS, OPT_CPULIMIT, OPT_CPUS,
	OPT_HOSTNAME, OPT_ONBOOT, OPT_BOOTORDER, OPT_NAME, OPT_DESCRIPTION,
	OPT_NAMESERVER, OPT_SEARCHDOMAIN, OPT_CAPABILITY, OPT_SETMODE, OPT_DISKSPACE,
	OPT_DISKINODES, OPT_IOPRIO, OPT_IOLIMIT, OPT_IOPSLIMIT, OPT_CPUMASK, OPT_NODEMASK,
	OPT_DEVNODES, OPT_DISABLED, OPT_UBC = 0x100,
};

#define UBC_OPT(_name, _id, _what) \
	{ _name, '\0', POPT_ARG_STRING, NULL, OPT_UBC + (_id), _what, "B[:L]" }

static const struct poptOption set_opts[] = {
	{ "save", '\0', POPT_ARG_NONE, NULL, OPT_SAVE,
	  "also write the values to " VZCTL_CONFDIR "/CTID.conf", NULL },
	{ "ram", '\0', POPT_ARG_STRING, NULL, OPT_RAM,
	  "memory: physpages 0:SIZE (the cgroup's memory.max)", "SIZE" },
	{ "swap", '\0', POPT_ARG_STRING, NULL, OPT_SWAP,
	  "swap: swappages 0:SIZE (memory.swap.max)", "SIZE" },
	{ "cpuunits", '\0', POPT_ARG_STRING, NULL, OPT_CPUUNITS,
	  "CPU weight, 8..500000 (1000 is the default; cgroup cpu.weight)", "N" },
	{ "cpulimit", '\0', POPT_ARG_STRING, NULL, OPT_CPULIMIT,
	  "CPU limit in percent of one CPU, 0 for none (cpu.max)", "N[%]" },
	{ "cpus", '\0', POPT_ARG_STRING, NULL, OPT_CPUS,
	  "at most N CPUs' worth of time, 0 for no limit (cpu.max)", "N" },
	{ "cpumask", '\0', POPT_ARG_STRING, NULL, OPT_CPUMASK,
	  "the CPUs it may run on (cpuset.cpus): a list such as 0-2,7, all, or auto (the "
	  "CPUs of its --nodemask)", "CPUS|all|auto" },
	{ "nodemask", '\0', POPT_ARG_STRING, NULL, OPT_NODEMASK,
	  "the memory nodes it may use (cpuset.mems): a list such as 0,1, or all",
	  "NODES|all" },
	{ "ioprio", '\0', POPT_ARG_STRING, NULL, OPT_IOPRIO,
	  "I/O priority 0..7 (4 is the default): the io.weight, 100 at 4, doubled per step",
	  "N" },
	{ "iolimit", '\0', POPT_ARG_STRING, NULL, OPT_IOLIMIT,
	  "disk bandwidth, MB/s or with a B, K, M or G suffix, 0 for none (io.max of the "
	  "container's disk)", "N[B|K|M|G]" },
	{ "iopslimit", '\0', POPT_ARG_STRING, NULL, OPT_IOPSLIMIT,
	  "disk operations per second, 0 for none (io.max)", "N" },
	{ "hostname", '\0', POPT_ARG_STRING, NULL, OPT_HOSTNAME,
	  "the container's host name", "NAME" },
	{ "onboot", '\0', POPT_ARG_STRING, NULL, OPT_ONBOOT,
	  "start at host boot (saved only)", "yes|no" },
	{ "disabled", '\0', POPT_ARG_STRING, NULL, OPT_DISABLED,
	  "yes: vzctl start refuses it (but with --force), vzbc-autostart skips it "
	  "(saved only)", "yes|no" },
	{ "bootorder", '\0', POPT_ARG_STRING, NULL, OPT_BOOTORDER,
	  "order at host boot, higher first (saved only)", "N" },
	{ "name", '\0', POPT_ARG_STRING, NULL, OPT_NAME,
	  "a name commands accept instead of the CTID (saved only)", "NAME" },
	{ "description", '\0', POPT_ARG_STRING, NULL, OPT_DESCRIPTION,
	  "free text (saved only)", "TEXT" },
	{ "nameserver", '\0', POPT_ARG_STRING, NULL, OPT_NAMESERVER,
	  "DNS server in the container's /etc/resolv.conf, live and at start; repeat for "
	  "several; inherit: the host's", "ADDR|inherit" },
	{ "searchdomain", '\0', POPT_ARG_STRING, NULL, OPT_SEARCHDOMAIN,
	  "DNS search domain in its /etc/resolv.conf (repeat for several; inherit: the "
	  "host's)", "DOMAIN|inherit" },
	{ "capability", '\0', POPT_ARG_STRING, NULL, OPT_CAPABILITY,
	  "grant or take a capability of the container's root (needs --save; "
	  "applies at the next start)", "NAME:on|off" },
	{ "devnodes", '\0', POPT_ARG_STRING, NULL, OPT_DEVNODES,
	  "give the container the host's /dev/NAME (none: take it away; r and w are not told "
	  "apart: the node's own permissions apply); needs --save, applies at the next start; "
	  "repeat for several", "NAME:r|w|rw|none" },
	{ "diskspace", '\0', POPT_ARG_STRING, NULL, OPT_DISKSPACE,
	  "disk space in KiB (K/M/G/T suffixes; needs --save): a ploop image is resized "
	  "to the limit; not enforced on simfs", "SOFT[:HARD]" },
	{ "diskinodes", '\0', POPT_ARG_STRING, NULL, OPT_DISKINODES,
	  "inodes (needs --save; a ploop image's count is set at create and grows "
	  "with it; not enforced on simfs)", "SOFT[:HARD]" },
	{ "setmode", '\0', POPT_ARG_STRING, NULL, OPT_SETMODE,
	  "a running container and settings that need a restart: restart it, or "
	  "ignore (the default: they apply at its next start)", "restart|ignore" },
	UBC_OPT("kmemsize", VZBC_KMEMSIZE, "kernel memory, bytes"),
	UBC_OPT("lockedpages", VZBC_LOCKEDPAGES, "mlock()ed memory, pages"),
	UBC_OPT("privvmpages", VZBC_PRIVVMPAGES, "private writable memory, pages"),
	UBC_OPT("shmpages", VZBC_SHMPAGES, "shared memory, pages"),
	UBC_OPT("numproc", VZBC_NUMPROC, "processes and threads"),
	UBC_OPT("physpages", VZBC_PHYSPAGES, "resident memory, pages"),
	UBC_OPT("vmguarpages", VZBC_VMGUARPAGES, "memory allocation guarantee, pages"),
	UBC_OPT("oomguarpages", VZBC_OOMGUARPAGES, "out-of-memory guarantee, pages"),
	UBC_OPT("numtcpsock", VZBC_NUMTCPSOCK, "TCP sockets"),
	UBC_OPT("numflock", VZBC_NUMFLOCK, "file locks"),
	UBC_OPT("numpty", VZBC_NUMPTY, "pseudo-terminals"),
	UBC_OPT("numsiginfo", VZBC_NUMSIGINFO, "queued signals"),
	UBC_OPT("tcpsndbuf", VZBC_TCPSNDBUF, "TCP send buffers, bytes"),
	UBC_OPT("tcprcvbuf", VZBC_TCPRCVBUF, "TCP receive buffers, bytes"),
	UBC_OPT("othersockbuf", VZBC_OTHERSOCKBUF, "other socket buffers, bytes"),
	UBC_OPT("dgramrcvbuf", VZBC_DGRAMRCVBUF, "datagram receive buffers, bytes"),
	UBC_OPT("numothersock", VZBC_NUMOTHERSOCK, "non-TCP sockets"),
	UBC_OPT("dcachesize", VZBC_DCACHESIZE, "dentry and inode cache, bytes"),
	UBC_OPT("numfile", VZBC_NUMFILE, "open files"),
	UBC_OPT("numiptent", VZBC_NUMIPTENT, "netfilter entries"),
	UBC_OPT("swappages", VZBC_SWAPPAGES, "swap, pages"),
	POPT_AUTOHELP
	POPT_TABLEEND
};

/* a setting other than a beancounter: its config key, and how it applies
 * (MISC_RESTART: saved, and taken by a running container when it restarts) */
enum misc_kind {
	MISC_SAVED, MISC_CPU, MISC_CPUSET, MISC_IO, MISC_HOSTNAME, MISC_DNS, MISC_RESTART
};

struct set_misc {
	const char *key;
	enum misc_kind kind;
	char value[VZCTL_DNS_MAX];
};

#define SET_MISC_MAX	24

struct set_req {
	unsigned int ctid;
	int save;
	bool restart;		/* --setmode restart */
	uint64_t cap_on, cap_off;	/* --capability, in order given */
	unsigned int n;
	struct vzbc_limit l[VZBC_RESOURCES];
	unsigned int nmisc;
	struct set_misc misc[SET_MISC_MAX];
};

/* Record one --<resource> value; a resource given twice keeps the last. */
static int set_add(struct set_req *req, unsigned int id, const char *arg)
{
	const struct ubc_res *res = ubc_by_id(id);
	uint64_t b, l;
	unsigned int i;
	int ret;

	ret = ubc_parse(res, arg, &b, &l);
	if (ret == -EINVAL) {
		fprintf(stderr, "vzctl: bad value for --%s: '%s' (barrier[:limit]%s)\n",
			res->name, arg, res->unit == UBC_COUNT ?
			", plain numbers or unlimited" :
			", numbers with K/M/G/T/P suffixes or unlimited");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (ret == -EDOM) {
		fprintf(stderr, "vzctl: bad value for --%s: '%s': the barrier is above the limit\n",
			res->name, arg);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (ret == -ERANGE)
		fprintf(stderr, "vzctl: warning: --%s %s is above %llu, set to unlimited\n",
			res->name, arg, (unsigned long long)VZBC_UNLIMITED);
	for (i = 0; i < req->n && req->l[i].resource != id; i++)
		;
	req->l[i].resource = id;
	req->l[i].barrier = b;
	req->l[i].limit = l;
	if (i == req->n)
		req->n++;
	return 0;
}

static bool all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 10;
}

static bool valid_text(const char *s, const char *extra, bool alnum_only)
{
	for (; *s; s++) {
		if (alnum_only ? isalnum((unsigned char)*s) || strchr(extra, *s)
			       : isprint((unsigned char)*s) && *s != '"' && *s != '\\')
			continue;
		return false;
	}
	return true;
}

static int misc_add(struct set_req *req, const char *key, enum misc_kind kind,
		    const char *value)
{
	unsigned int i;

	for (i = 0; i < req->nmisc && strcmp(req->misc[i].key, key); i++)
		;
	if (i == SET_MISC_MAX)
		return VZ_INVALID_PARAMETER_SYNTAX;
	req->misc[i].key = key;
	req->misc[i].kind = kind;
	snprintf(req->misc[i].value, sizeof(req->misc[i].value), "%s", value);
	if (i == req->nmisc)
		req->nmisc++;
	return 0;
}

/* a setting that may be given several times, the values kept in order
 * (--nameserver, --searchdomain, --devnodes), space-separated */
static int misc_append(struct set_req *req, const char *key, enum misc_kind kind,
		       const char *value)
{
	char joined[2 * VZCTL_DNS_MAX];
	unsigned int i;

	for (i = 0; i < req->nmisc && strcmp(req->misc[i].key, key); i++)
		;
	if (i == req->nmisc)
		return misc_add(req, key, kind, value);
	if (strlen(req->misc[i].value) + strlen(value) + 2 > sizeof(req->misc[i].value)) {
		fprintf(stderr, "vzctl: too many values for %s\n", key);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	snprintf(joined, sizeof(joined), "%s %s", req->misc[i].value, value);
	return misc_add(req, key, kind, joined);
}

/* --ram and --swap: one size for the limit of physpages or swappages */
static int set_vswap(struct set_req *req, unsigned int id, const char *opt, const char *arg)
{
	const struct ubc_res *res = ubc_by_id(id);
	char val[96];
	uint64_t b, l;

	if (strchr(arg, ':') || ubc_parse(res, arg, &b, &l) == -EINVAL) {
		fprintf(stderr, "vzctl: bad value for --%s: '%s' (a size: 512M, 2G, ...)\n",
			opt, arg);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	snprintf(val, sizeof(val), "0:%llu", (unsigned long long)l);
	return set_add(req, id, val);
}

/* --diskspace, --diskinodes: kept as "soft:hard" (in KiB for the space) */
static int set_disk_value(struct set_req *req, const char *key, const char *arg)
{
	bool size = !strcmp(key, "DISKSPACE");
	uint64_t soft, hard;
	char val[48];
	int ret;

	ret = disk_parse(arg, size, &soft, &hard);
	if (ret) {
		fprintf(stderr, "vzctl: bad value for --%s: '%s' (SOFT[:HARD]%s%s)\n",
			size ? "diskspace" : "diskinodes", arg,
			size ? " in KiB, K/M/G/T suffixes" : "",
			ret == -EDOM ? "; the soft limit is above the hard one" : "");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	disk_format(soft, hard, val, sizeof(val));
	return misc_add(req, key, MISC_SAVED, val);
}

/* --iolimit N[B|K|M|G]: MB/s by default, at most 2 GB/s as in OpenVZ;
 * the bytes per second into buf. 0 or -EINVAL. */
static int parse_iolimit(const char *arg, char *buf, size_t len)
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
	if (!all_digits(num))
		return -EINVAL;
	n = strtoull(num, NULL, 10);
	if (n > (2ULL << 30) / mul)
		return -EINVAL;
	snprintf(buf, len, "%llu", n * mul);
	return 0;
}

/* --capability NAME:on|off (several, or several in one value) */
static int set_capability(struct set_req *req, const char *arg)
{
	uint64_t on, off;

	if (vzctl_cap_parse(arg, &on, &off) || !(on | off)) {
		fprintf(stderr, "vzctl: bad value for --capability: '%s' (NAME:on or NAME:off, "
			"NAME as in capabilities(7) without CAP_)\n", arg);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	req->cap_on = (req->cap_on & ~off) | on;
	req->cap_off = (req->cap_off & ~on) | off;
	return misc_add(req, "CAPABILITY", MISC_RESTART, "");	/* value at save time */
}

/* --devnodes NAME:PERM: a device node the host has */
static int set_devnode(struct set_req *req, const char *arg)
{
	char host[300];
	struct stat st;

	if (!vzctl_devnode_valid(arg)) {
		fprintf(stderr, "vzctl: bad value for --devnodes: '%s' (NAME:r|w|rw|none, NAME "
			"a device below /dev such as net/tun)\n", arg);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	snprintf(host, sizeof(host), "/dev/%.*s", (int)(strrchr(arg, ':') - arg), arg);
	if (strcmp(strrchr(arg, ':'), ":none") &&
	    (stat(host, &st) || (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)))) {
		fprintf(stderr, "vzctl: --devnodes %s: the host has no device %s\n", arg, host);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	return misc_append(req, "DEVNODES", MISC_RESTART, arg);
}

static int set_other(struct set_req *req, int opt, const char *arg)
{
	const char *name = NULL;
	unsigned long v;
	char buf[32];

	switch (opt) {
	case OPT_RAM:
		return set_vswap(req, VZBC_PHYSPAGES, "ram", arg);
	case OPT_SWAP:
		return set_vswap(req, VZBC_SWAPPAGES, "swap", arg);
	case OPT_CPUUNITS:
		v = all_digits(arg) ? strtoul(arg, NULL, 10) : 0;
		if (v < 8 || v > 500000) {
			name = "cpuunits";
			break;
		}
		return misc_add(req, "CPUUNITS", MISC_CPU, arg);
	case OPT_CPULIMIT:
		snprintf(buf, sizeof(buf), "%s", arg);
		if (buf[0] && buf[strlen(buf) - 1] == '%')
			buf[strlen(buf) - 1] = '\0';
		if (!all_digits(buf)) {
			name = "cpulimit";
			break;
		}
		return misc_add(req, "CPULIMIT", MISC_CPU, buf);
	case OPT_CPUS:
		if (!all_digits(arg) || strtoul(arg, NULL, 10) > 8192) {
			name = "cpus";
			break;
		}
		return misc_add(req, "CPUS", MISC_CPU, arg);
	case OPT_CPUMASK:
		if (!vzctl_cpumask_valid(arg)) {
			name = "cpumask";
			break;
		}
		return misc_add(req, "CPUMASK", MISC_CPUSET, arg);
	case OPT_NODEMASK:
		if (!vzctl_nodemask_valid(arg)) {
			name = "nodemask";
			break;
		}
		return misc_add(req, "NODEMASK", MISC_CPUSET, arg);
	case OPT_HOSTNAME:
		if (!*arg || strlen(arg) > 64 || !valid_text(arg, ".-", true)) {
			name = "hostname";
			break;
		}
		return misc_add(req, "HOSTNAME", MISC_HOSTNAME, arg);
	case OPT_ONBOOT:
		if (strcmp(arg, "yes") && strcmp(arg, "no")) {
			name = "onboot";
			break;
		}
		return misc_add(req, "ONBOOT", MISC_SAVED, arg);
	case OPT_DISABLED:
		if (strcmp(arg, "yes") && strcmp(arg, "no")) {
			name = "disabled";
			break;
		}
		return misc_add(req, "DISABLED", MISC_SAVED, arg);
	case OPT_BOOTORDER:
		if (!all_digits(arg)) {
			name = "bootorder";
			break;
		}
		return misc_add(req, "BOOTORDER", MISC_SAVED, arg);
	case OPT_NAME:
		if (!*arg || strlen(arg) > 64 || all_digits(arg) || !valid_text(arg, "._-", true)) {
			name = "name";
			break;
		}
		return misc_add(req, "NAME", MISC_SAVED, arg);
	case OPT_DESCRIPTION:
		if (strlen(arg) > 200 || !valid_text(arg, "", false)) {
			name = "description";
			break;
		}
		return misc_add(req, "DESCRIPTION", MISC_SAVED, arg);
	case OPT_NAMESERVER:
		if (!vzctl_dns_valid_ns(arg)) {
			name = "nameserver";
			break;
		}
		return misc_append(req, "NAMESERVER", MISC_DNS, arg);
	case OPT_SEARCHDOMAIN:
		if (!vzctl_dns_valid_search(arg)) {
			name = "searchdomain";
			break;
		}
		return misc_append(req, "SEARCHDOMAIN", MISC_DNS, arg);
	case OPT_CAPABILITY:
		return set_capability(req, arg);
	case OPT_DEVNODES:
		return set_devnode(req, arg);
	case OPT_IOPRIO:
		if (strlen(arg) != 1 || arg[0] < '0' || arg[0] > '7') {
			name = "ioprio";
			break;
		}
		return misc_add(req, "IOPRIO", MISC_IO, arg);
	case OPT_IOLIMIT:
		if (parse_iolimit(arg, buf, sizeof(buf))) {
			name = "iolimit";
			break;
		}
		return misc_add(req, "IOLIMIT", MISC_IO, buf);
	case OPT_IOPSLIMIT:
		if (!all_digits(arg)) {
			name = "iopslimit";
			break;
		}
		return misc_add(req, "IOPSLIMIT", MISC_IO, arg);
	case OPT_DISKSPACE:
		return set_disk_value(req, "DISKSPACE", arg);
	case OPT_DISKINODES:
		return set_disk_value(req, "DISKINODES", arg);
	case OPT_SETMODE:
		if (strcmp(arg, "restart") && strcmp(arg, "ignore")) {
			name = "setmode";
			break;
		}
		req->restart = !strcmp(arg, "restart");
		return 0;
	}
	fprintf(stderr, "vzctl: bad value for --%s: '%s'; see vzctl set --help\n",
		name ? name : "?", arg);
	return VZ_INVALID_PARAMETER_VALUE;
}

static int set_parse(int argc, const char **argv, struct set_req *req)
{
	poptContext ctx;
	const char *ctid;
	char *arg;
	int rc, ret = 0;

	ctx = poptGetContext("vzctl set", argc, argv, set_opts, 0);
	poptSetOtherOptionHelp(ctx, "CTID [OPTION...]");
	while ((rc = poptGetNextOpt(ctx)) > 0 && !ret) {
		if (rc == OPT_SAVE) {
			req->save = 1;
			continue;
		}
		arg = poptGetOptArg(ctx);
		ret = rc >= OPT_UBC ? set_add(req, rc - OPT_UBC, arg) : set_other(req, rc, arg);
		free(arg);
	}
	if (!ret && rc < -1) {
		fprintf(stderr, "vzctl set: %s: %s\n",
			poptBadOption(ctx, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		ret = VZ_INVALID_PARAMETER_SYNTAX;
	}
	ctid = poptGetArg(ctx);
	if (!ret && (!ctid || poptPeekArg(ctx))) {
		fputs("vzctl set: give one CTID: vzctl set CTID --<resource> B[:L] [--save]\n",
		      stderr);
		ret = VZ_INVALID_PARAMETER_SYNTAX;
	}
	if (!ret && vzctl_parse_ctid(ctid, &req->ctid) &&
	    vzctl_ctid_by_name(ctid, &req->ctid)) {
		fprintf(stderr, "vzctl set: bad CTID '%s' (no container has that name)\n", ctid);
		ret = VZ_INVALID_PARAMETER_SYNTAX;
	}
	if (!ret && !req->ctid) {
		fputs("vzctl set: vzbc does not limit the host (CT 0)\n", stderr);
		ret = VZ_INVALID_PARAMETER_VALUE;
	}
	if (!ret && !req->n && !req->nmisc) {
		fputs("vzctl set: nothing to set; see vzctl set --help\n", stderr);
		ret = VZ_NOTENOUGHPARAMS;
	}
	poptFreeContext(ctx);
	return ret;
}

/* Apply to the running container. Returns 0, or -ENOENT when it is not
 * registered (or the module is not loaded), or another -errno. */
static int set_apply(const struct set_req *req)
{
	struct vzbc_bc bc;
	int fd, ret;

	fd = vzbc_open();
	if (fd == -ENOENT || fd == -ENODEV || fd == -ENXIO)
		return -ENOENT;
	if (fd < 0)
		return fd;
	ret = vzbc_get_bc(fd, req->ctid, &bc);
	if (!ret)
		ret = vzbc_set_limits(fd, req->ctid, req->l, req->n);
	close(fd);
	return ret;
}

static int set_save(const struct set_req *req, const char *path)
{
	struct conf_kv kv[VZBC_RESOURCES + SET_MISC_MAX];
	char vals[VZBC_RESOURCES][48];
	unsigned int i;

	for (i = 0; i < req->n; i++) {
		ubc_format(req->l[i].barrier, req->l[i].limit, vals[i], sizeof(vals[i]));
		kv[i].key = ubc_by_id(req->l[i].resource)->key;
		kv[i].value = vals[i];
	}
	for (i = 0; i < req->nmisc; i++) {
		kv[req->n + i].key = req->misc[i].key;
		kv[req->n + i].value = req->misc[i].value;
	}
	return conf_update(path, kv, req->n + req->nmisc);
}

static const char *misc_value(const struct set_req *req, const char *key)
{
	unsigned int i;

	for (i = 0; i < req->nmisc; i++)
		if (!strcmp(req->misc[i].key, key))
			return req->misc[i].value;
	return NULL;
}

/* key's value for this call: the one given, else the config's ("" if none) */
static void set_or_conf(const struct set_req *req, const struct vzenv *env, const char *key,
			char *buf, size_t len)
{
	const char *v = misc_value(req, key);

	if (v)
		snprintf(buf, len, "%s", v);
	else
		vzenv_get(env, key, buf, len);
}

/* CPU, I/O and host name of a running container; 0 or an exit code */
static int set_live_misc(const struct set_req *req, const struct vzenv *env)
{
	char units[32], limit[32], cpus[32], prio[16], iolimit[32], iops[32];
	char cpumask[VZCTL_DNS_MAX], nodemask[VZCTL_DNS_MAX];
	bool cpu = false, cpuset = false, io = false;
	const char *v;
	unsigned int i;
	int ret;

	for (i = 0; i < req->nmisc; i++) {
		cpu |= req->misc[i].kind == MISC_CPU;
		cpuset |= req->misc[i].kind == MISC_CPUSET;
		io |= req->misc[i].kind == MISC_IO;
	}
	if (cpuset) {
		set_or_conf(req, env, "CPUMASK", cpumask, sizeof(cpumask));
		set_or_conf(req, env, "NODEMASK", nodemask, sizeof(nodemask));
		ret = vzctl_apply_cpuset(env, cpumask, nodemask);
		if (ret)
			return ret;
		printf("CPU mask settings were applied\n");
	}
	if (cpu) {
		set_or_conf(req, env, "CPUUNITS", units, sizeof(units));
		set_or_conf(req, env, "CPULIMIT", limit, sizeof(limit));
		set_or_conf(req, env, "CPUS", cpus, sizeof(cpus));
		ret = vzctl_apply_cpu(env, units, limit, cpus);
		if (ret)
			return ret;
		printf("CPU settings were applied\n");
	}
	if (io) {
		set_or_conf(req, env, "IOPRIO", prio, sizeof(prio));
		set_or_conf(req, env, "IOLIMIT", iolimit, sizeof(iolimit));
		set_or_conf(req, env, "IOPSLIMIT", iops, sizeof(iops));
		ret = vzctl_apply_io(env, prio, iolimit, iops);
		if (ret)
			return ret;
		printf("I/O settings were applied\n");
	}
	v = misc_value(req, "HOSTNAME");
	if (v) {
		ret = vzctl_ct_sethostname(env, v);
		if (ret) {
			fprintf(stderr, "vzctl: setting the host name: %s\n", strerror(-ret));
			return VZ_SYSTEM_ERROR;
		}
	}
	if (misc_value(req, "NAMESERVER") || misc_value(req, "SEARCHDOMAIN")) {
		ret = vzctl_ct_set_dns(env, misc_value(req, "NAMESERVER"),
				       misc_value(req, "SEARCHDOMAIN"));
		if (ret) {
			fprintf(stderr, "vzctl: writing the container's /etc/resolv.conf: %s\n",
				strerror(-ret));
			return VZ_SYSTEM_ERROR;
		}
		printf("DNS settings were applied\n");
	}
	return 0;
}

/* Disk limits: a ploop container's image takes the new DISKSPACE limit
 * before anything else changes; 0 or an exit code. */
static int set_disk(const struct set_req *req, const struct vzenv *env)
{
	const char *v = misc_value(req, "DISKSPACE");
	uint64_t soft, hard;
	int ret;

	if (!v && !misc_value(req, "DISKINODES"))
		return 0;
	if (!ploop_exists(env)) {
		printf("Disk limits are kept in the config only: the simfs layout does not "
		       "enforce them\n");
		return 0;
	}
	if (!v)
		return 0;
	disk_parse(v, true, &soft, &hard);
	if (hard == UINT64_MAX || hard < PLOOP_MIN_KB) {
		fprintf(stderr, "vzctl: --diskspace: a ploop image needs a limit of at least 16M\n");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	ret = ploop_resize(env, hard);
	switch (ret) {
	case 0:
		printf("The container's disk image now has %lluK\n",
		       (unsigned long long)(hard & ~3ULL));
		return 0;
	case -EBUSY:
		fprintf(stderr, "vzctl: the disk image of a mounted container only grows: "
			"stop it (or vzctl umount) to shrink it\n");
		return VZ_FS_MOUNTED;
	case -ENOSPC:
		fprintf(stderr, "vzctl: the container's files do not fit in %lluK: "
			"the image keeps its size\n", (unsigned long long)hard);
		return VZ_INVALID_PARAMETER_VALUE;
	default:
		fprintf(stderr, "vzctl: resizing the disk image of %u: %s\n", env->ctid,
			strerror(-ret));
		return VZ_SYSTEM_ERROR;
	}
}

/* CAPABILITY to save: the config's, with this call's changes over it */
static int set_merge_caps(struct set_req *req, const struct vzenv *env)
{
	uint64_t on, off;
	char cur[1024];
	unsigned int i;

	if (vzenv_get(env, "CAPABILITY", cur, sizeof(cur)) || vzctl_cap_parse(cur, &on, &off)) {
		fprintf(stderr, "vzctl: bad CAPABILITY in %s (NAME:on|off ...)\n", env->conf);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	on = (on & ~req->cap_off) | req->cap_on;
	off = (off & ~req->cap_on) | req->cap_off;
	for (i = 0; strcmp(req->misc[i].key, "CAPABILITY"); i++)
		;
	vzctl_cap_format(on, off, req->misc[i].value, sizeof(req->misc[i].value));
	return 0;
}

/* DEVNODES to save: the config's entries, each replaced by this call's
 * entry for the same device; those given "none" dropped */
static int set_merge_devnodes(struct set_req *req, const struct vzenv *env)
{
	char cur[VZCTL_DNS_MAX], out[VZCTL_DNS_MAX] = "", *tok, *save, *given;
	unsigned int i;
	size_t n;

	for (i = 0; strcmp(req->misc[i].key, "DEVNODES"); i++)
		;
	given = req->misc[i].value;
	if (vzenv_get(env, "DEVNODES", cur, sizeof(cur)))
		return VZ_SYSTEM_ERROR;
	/* the config's, then this call's: the last entry of a device wins */
	if (strlen(cur) + strlen(given) + 2 > sizeof(cur)) {
		fprintf(stderr, "vzctl: too many DEVNODES\n");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	strcat(cur, " ");
	strcat(cur, given);
	for (tok = strtok_r(cur, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *later = save, name[256];
		bool replaced = false;

		if (!vzctl_devnode_valid(tok)) {
			fprintf(stderr, "vzctl: bad DEVNODES entry '%s' in %s\n", tok, env->conf);
			return VZ_INVALID_PARAMETER_VALUE;
		}
		n = strrchr(tok, ':') - tok + 1;	/* "NAME:" */
		snprintf(name, sizeof(name), " %.*s", (int)n, tok);
		if (later && (!strncmp(later, name + 1, n) || strstr(later, name)))
			replaced = true;
		if (replaced || !strcmp(tok + n, "none"))
			continue;
		if (strlen(out) + strlen(tok) + 2 > sizeof(out))
			return VZ_INVALID_PARAMETER_VALUE;
		if (out[0])
			strcat(out, " ");
		strcat(out, tok);
	}
	snprintf(given, sizeof(req->misc[i].value), "%s", out);
	return 0;
}

/* Saved settings a running container takes only when it starts again:
 * restart it (--setmode restart), or say when they apply. */
static int set_restart_settings(const struct set_req *req)
{
	const char *argv[] = { "vzctl restart", NULL, NULL };
	char ctid[16];
	unsigned int i;

	for (i = 0; i < req->nmisc && req->misc[i].kind != MISC_RESTART; i++)
		;
	if (i == req->nmisc)
		return VZ_SUCCESS;
	if (!req->restart) {
		printf("The container takes the new %s when it starts again "
		       "(--setmode restart restarts it now)\n", req->misc[i].key);
		return VZ_SUCCESS;
	}
	snprintf(ctid, sizeof(ctid), "%u", req->ctid);
	argv[1] = ctid;
	return vzctl_restart(2, argv);
}

/* set, with the container locked: an exit code, or -1 when what is left
 * is the settings that need a restart (after the lock is given back) */
static int set_locked(struct set_req *req, struct vzenv *env, const char *path)
{
	unsigned int other;
	const char *v;
	bool running;
	int ret;

	running = vzenv_running(env);
	if ((v = misc_value(req, "NAME")) && !vzctl_ctid_by_name(v, &other) &&
	    other != req->ctid) {
		fprintf(stderr, "vzctl: the name %s is taken by container %u\n", v, other);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (misc_value(req, "CAPABILITY")) {
		ret = set_merge_caps(req, env);
		if (ret)
			return ret;
	}
	if (misc_value(req, "DEVNODES")) {
		ret = set_merge_devnodes(req, env);
		if (ret)
			return ret;
	}
	ret = set_disk(req, env);
	if (ret)
		return ret;

	ret = req->n ? set_apply(req) : running ? 0 : -ENOENT;
	if (ret == -ENOENT && !req->save) {
		fprintf(stderr, "vzctl: container %u is not running: use --save to store the values\n",
			req->ctid);
		return VZ_VE_NOT_RUNNING;
	}
	if (ret && ret != -ENOENT) {
		fprintf(stderr, "vzctl: setting limits of container %u: %s\n", req->ctid,
			ret == -EINVAL ? "refused by the kernel" : vzbc_strerror(ret));
		return ret == -EINVAL || ret == -EOPNOTSUPP ? VZ_SETUBC_ERROR :
		       vz_exit_code(ret);
	}
	if (!ret && req->n)
		printf("UB limits were set successfully\n");
	if (!ret && running) {
		int mret = set_live_misc(req, env);

		if (mret)
			return mret;
	}

	if (req->save) {
		int sret = set_save(req, path);

		if (sret) {
			fprintf(stderr, "vzctl: saving %s: %s%s\n", path, strerror(-sret),
				ret ? "" : " (the running container has the new values)");
			return VZ_SYSTEM_ERROR;
		}
		printf("Saved parameters for CT %u\n", req->ctid);
	}
	return running ? -1 : VZ_SUCCESS;
}

int vzctl_set(int argc, const char **argv)
{
	struct set_req req = { 0 };
	struct vzenv env;
	unsigned int i;
	char path[64];
	int ret, lock;

	ret = set_parse(argc, argv, &req);
	if (ret)
		return ret;
	for (i = 0; i < req.nmisc; i++) {
		if ((req.misc[i].kind == MISC_SAVED || req.misc[i].kind == MISC_RESTART) &&
		    !req.save) {
			fprintf(stderr, "vzctl: %s is only kept in the config: add --save\n",
				req.misc[i].key);
			return VZ_INVALID_PARAMETER_SYNTAX;
		}
	}
	snprintf(path, sizeof(path), VZCTL_CONFDIR "/%u.conf", req.ctid);
	if (req.save && access(path, F_OK)) {
		fprintf(stderr, "vzctl: container %u has no config file %s\n", req.ctid, path);
		return VZ_NOVECONFIG;
	}

	lock = vzctl_ct_open(req.ctid, &env, false);
	if (lock < 0)
		return -lock;
	ret = set_locked(&req, &env, path);
	close(lock);	/* --setmode restart takes it again */
	return ret == -1 ? set_restart_settings(&req) : ret;
}
