// SPDX-License-Identifier: GPL-2.0
/*
 * vzlist's fields (see ctinfo.h).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "ctinfo.h"
#include "disk.h"
#include "libvzbc.h"
#include "netctl.h"
#include "quota.h"
#include "ubc.h"
#include "view.h"
#include "vzenv.h"

/* the traffic counters of its venet pair (vzbc.ko counts them) */
static void ct_load_net(struct vz_ct *ct, int vzfd)
{
	struct vznet_iplist l;
	struct vzbc_net_info info;

	if (vzbc_net_get(vzfd, ct->ctid, &l, &info))
		return;
	vznet_iplist_free(&l);
	ct->net = info.stats;
	ct->have_net = true;
}

int vz_ct_load(unsigned int ctid, int vzfd, struct vz_ct *ct)
{
	int ret;

	memset(ct, 0, sizeof(*ct));
	ct->ctid = ctid;
	ret = vzenv_load(ctid, &ct->env);
	if (ret)
		return ret;
	ct->running = vzenv_running(&ct->env);
	ct->mounted = vzenv_mounted(&ct->env);
	ct->nproc = vzenv_nproc(&ct->env);
	if (ct->running && vzfd >= 0)
		ct->have_bc = vzbc_get_bc(vzfd, ctid, &ct->bc) == 0;
	if (ct->running && vzfd >= 0) {
		ct->have_view = vzbc_get_view(vzfd, ctid, &ct->view) == 0;
		ct_load_net(ct, vzfd);
	}
	return 0;
}

/* ------------------------------------------------------------ values */

const char *vz_ct_status(const struct vz_ct *ct)
{
	if (ct->running)
		return "running";
	return ct->mounted ? "mounted" : "stopped";
}

bool vz_ct_ubc(const struct vz_ct *ct, const struct ubc_res *res, char which,
	       unsigned long long *v)
{
	const struct vzbc_ubparm *p;
	char val[128];
	uint64_t b, l;

	if (ct->have_bc) {
		p = &ct->bc.res[res->id];
		switch (which) {
		case 'm': *v = p->maxheld; return true;
		case 'b': *v = p->barrier; return true;
		case 'l': *v = p->limit; return true;
		case 'f': *v = p->failcnt; return true;
		default: *v = p->held; return true;
		}
	}
	if (which != 'b' && which != 'l')
		return false;
	if (conf_get(ct->env.conf, res->key, val, sizeof(val)) ||
	    ubc_parse(res, val, &b, &l) < 0) {
		*v = VZBC_UNLIMITED;
		return true;
	}
	*v = which == 'b' ? b : l;
	return true;
}

bool vz_ct_disk(const struct vz_ct *ct, const char *key, char sub, unsigned long long *v)
{
	uint64_t used_kb, used_inodes, soft, hard;
	char val[64];

	if (!sub) {
		/* a ploop image's, or a simfs private area's project's */
		if (disk_usage(&ct->env, &used_kb, &used_inodes) &&
		    vz_simfs_quota_usage(&ct->env, &used_kb, &used_inodes))
			return false;
		*v = strcmp(key, "DISKSPACE") ? used_inodes : used_kb;
		return true;
	}
	if (vzenv_get(&ct->env, key, val, sizeof(val)) || !val[0] ||
	    disk_parse(val, !strcmp(key, "DISKSPACE"), &soft, &hard))
		return false;
	*v = sub == 's' ? soft : hard;
	return *v != UINT64_MAX;
}

/* seconds since the container's init started, from /proc/PID/stat */
bool vz_ct_uptime(const struct vz_ct *ct, unsigned long long *secs)
{
	unsigned long long start;
	char path[64], buf[1024], *p;
	struct timespec now;
	pid_t pid;
	FILE *f;
	int i;

	if (!ct->running || (pid = vzenv_init_pid(&ct->env)) <= 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (!p || !(p = strrchr(buf, ')')))
		return false;
	for (i = 0; i < 20 && p; i++)	/* field 22, starttime, after "comm)" */
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p, "%llu", &start) != 1 || clock_gettime(CLOCK_BOOTTIME, &now))
		return false;
	start /= (unsigned long long)sysconf(_SC_CLK_TCK);
	*secs = (unsigned long long)now.tv_sec > start ? now.tv_sec - start : 0;
	return true;
}

/* a RAM limit (PHYSPAGES' limit) is what makes a vswap config */
bool vz_ct_vswap(const struct vz_ct *ct)
{
	const struct ubc_res *r = ubc_by_id(VZBC_PHYSPAGES);
	char val[128];
	uint64_t b, l;

	return !conf_get(ct->env.conf, r->key, val, sizeof(val)) &&
	       ubc_parse(r, val, &b, &l) >= 0 && l != VZBC_UNLIMITED;
}

/* ------------------------------------------------------------ getters */

static bool text(char *buf, size_t len, const char *s)
{
	snprintf(buf, len, "%s", s);
	return false;
}

static bool number(char *buf, size_t len, unsigned long long v, unsigned long long *num)
{
	snprintf(buf, len, "%llu", v);
	*num = v;
	return true;
}

static bool get_ctid(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		     unsigned long long *num)
{
	(void)c;
	return number(buf, len, ct->ctid, num);
}

static bool get_nproc(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		      unsigned long long *num)
{
	(void)c;
	return ct->running ? number(buf, len, ct->nproc, num) : text(buf, len, "-");
}

static bool get_status(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		       unsigned long long *num)
{
	(void)c;
	(void)num;
	return text(buf, len, vz_ct_status(ct));
}

/* a config value, "-" when unset; a number in a right-aligned column */
static bool get_conf(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		     unsigned long long *num)
{
	if (vzenv_get(&ct->env, c->f->key, buf, len) || !buf[0])
		return text(buf, len, "-");
	if (c->f->width > 0) {
		*num = strtoull(buf, NULL, 10);
		return true;
	}
	return false;
}

static bool get_path(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		     unsigned long long *num)
{
	(void)num;
	return text(buf, len, !strcmp(c->f->key, "root") ? ct->env.root : ct->env.private);
}

/* NAME, or the CTID when it has none */
static bool get_smart_name(const struct vz_ct *ct, const struct vz_col *c, char *buf,
			   size_t len, unsigned long long *num)
{
	(void)c;
	(void)num;
	if (vzenv_get(&ct->env, "NAME", buf, len) || !buf[0])
		snprintf(buf, len, "%u", ct->ctid);
	return false;
}

static bool get_disk(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		     unsigned long long *num)
{
	unsigned long long v;

	if (!vz_ct_disk(ct, c->f->key, c->f->sub, &v))
		return text(buf, len, "-");
	return number(buf, len, v, num);
}

/* [Dd]HH:MM:SS */
static bool get_uptime(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		       unsigned long long *num)
{
	unsigned long long v;

	(void)c;
	if (!vz_ct_uptime(ct, &v))
		return text(buf, len, "-");
	if (v >= 86400)
		snprintf(buf, len, "%llud%02llu:%02llu:%02llu", v / 86400, v / 3600 % 24,
			 v / 60 % 60, v % 60);
	else
		snprintf(buf, len, "%02llu:%02llu:%02llu", v / 3600, v / 60 % 60, v % 60);
	*num = v;
	return true;
}

static bool get_vswap(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		      unsigned long long *num)
{
	(void)c;
	(void)num;
	return text(buf, len, vz_ct_vswap(ct) ? "yes" : "no");
}

/* its load average from vzbc.ko ("-" when stopped), sorted by the 1-minute
 * one */
static bool get_laverage(const struct vz_ct *ct, const struct vz_col *c, char *buf,
			 size_t len, unsigned long long *num)
{
	(void)c;
	if (!ct->have_view)
		return text(buf, len, "-");
	vz_loadavg_format(ct->view.loadavg, buf, len);
	*num = ct->view.loadavg[0];
	return true;
}

/* bytes and packets in and out of its venet pair, dropped packets: a
 * traffic field's sub names its counter */
static const struct {
	char sub;
	size_t off;		/* in struct vzbc_net_stats */
} net_counters[] = {
	{ 'I', offsetof(struct vzbc_net_stats, in_bytes) },
	{ 'O', offsetof(struct vzbc_net_stats, out_bytes) },
	{ 'i', offsetof(struct vzbc_net_stats, in_packets) },
	{ 'o', offsetof(struct vzbc_net_stats, out_packets) },
	{ 'd', offsetof(struct vzbc_net_stats, drop_packets) },
};

static bool get_net(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		    unsigned long long *num)
{
	const char *st = (const char *)&ct->net;
	unsigned int i;

	for (i = 0; ct->have_net && i < sizeof(net_counters) / sizeof(net_counters[0]); i++)
		if (net_counters[i].sub == c->f->sub)
			return number(buf, len, *(const __u64 *)(st + net_counters[i].off), num);
	return text(buf, len, "-");
}

static bool get_ubc(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		    unsigned long long *num)
{
	unsigned long long v;

	if (!vz_ct_ubc(ct, c->res, c->which, &v))
		return text(buf, len, "-");
	return number(buf, len, v, num);
}

/* ------------------------------------------------------------ fields */

#define CONF(name, header, key, width) { name, header, width, get_conf, key, '\0' }
#define DISK(name, header, key, sub) { name, header, 10, get_disk, key, sub }

const struct vz_field vz_fields[] = {
	{ "ctid", "CTID", 10, get_ctid, NULL, '\0' },
	{ "veid", "CTID", 10, get_ctid, NULL, '\0' },
	{ "vpsid", "CTID", 10, get_ctid, NULL, '\0' },
	{ "numproc", "NPROC", 10, get_nproc, NULL, '\0' },
	{ "status", "STATUS", -9, get_status, NULL, '\0' },
	CONF("ip", "IP_ADDR", "IP_ADDRESS", -15),
	CONF("hostname", "HOSTNAME", "HOSTNAME", -10),
	CONF("name", "NAME", "NAME", -10),
	{ "smart_name", "NAME", -10, get_smart_name, NULL, '\0' },
	CONF("description", "DESCRIPTION", "DESCRIPTION", -15),
	CONF("ostemplate", "OSTEMPLATE", "OSTEMPLATE", -20),
	CONF("origin_sample", "ORIGIN_SAMPLE", "ORIGIN_SAMPLE", -15),
	{ "private", "PRIVATE", -30, get_path, "private", '\0' },
	{ "root", "ROOT", -30, get_path, "root", '\0' },
	CONF("nameserver", "NAMESERVER", "NAMESERVER", -15),
	CONF("searchdomain", "SEARCHDOMAIN", "SEARCHDOMAIN", -15),
	CONF("onboot", "ONBOOT", "ONBOOT", -6),
	CONF("bootorder", "BOOTORDER", "BOOTORDER", 10),
	CONF("layout", "LAYOUT", "VE_LAYOUT", -6),
	CONF("cpuunits", "CPUUNITS", "CPUUNITS", 10),
	CONF("cpulimit", "CPULIM", "CPULIMIT", 7),
	CONF("cpus", "CPUS", "CPUS", 5),
	CONF("disabled", "DISABL", "DISABLED", -6),
	DISK("diskspace", "DQBLOCKS", "DISKSPACE", '\0'),
	DISK("diskspace.s", "DQBLOCKS.S", "DISKSPACE", 's'),
	DISK("diskspace.h", "DQBLOCKS.H", "DISKSPACE", 'h'),
	DISK("diskinodes", "DQINODES", "DISKINODES", '\0'),
	DISK("diskinodes.s", "DQINODES.S", "DISKINODES", 's'),
	DISK("diskinodes.h", "DQINODES.H", "DISKINODES", 'h'),
	{ "uptime", "UPTIME", 15, get_uptime, NULL, '\0' },
	CONF("ioprio", "IOPRIO", "IOPRIO", 6),
	CONF("iolimit", "IOLIMIT", "IOLIMIT", 10),
	CONF("iopslimit", "IOPSLIMIT", "IOPSLIMIT", 10),
	CONF("features", "FEATURES", "FEATURES", -15),
	CONF("netfilter", "NETFILTER", "NETFILTER", 9),
	CONF("devnodes", "DEVNODES", "DEVNODES", -16),
	CONF("cpumask", "CPUMASK", "CPUMASK", -10),
	CONF("nodemask", "NODEMASK", "NODEMASK", -10),
	CONF("mount_opts", "MOUNT_OPTS", "MOUNT_OPTS", -10),
	CONF("vm_overcommit", "VM_OVERCOMMIT", "VM_OVERCOMMIT", 13),
	CONF("capability", "CAPABILITY", "CAPABILITY", -20),
	{ "vswap", "VSWAP", -5, get_vswap, NULL, '\0' },
	{ "laverage", "LAVERAGE", 14, get_laverage, NULL, '\0' },
	{ "traffic_in", "TRAFFIC_IN", 12, get_net, NULL, 'I' },
	{ "traffic_out", "TRAFFIC_OUT", 12, get_net, NULL, 'O' },
	{ "packets_in", "PACKETS_IN", 11, get_net, NULL, 'i' },
	{ "packets_out", "PACKETS_OUT", 11, get_net, NULL, 'o' },
	{ "packets_drop", "PACKETS_DROP", 12, get_net, NULL, 'd' },
	{ NULL, NULL, 0, NULL, NULL, '\0' },
};

/* the field of every beancounter column */
static const struct vz_field ubc_field = { "", "", 10, get_ubc, NULL, '\0' };

bool vz_field_is_conf(const struct vz_field *f)
{
	return f->get == get_conf;
}

int vz_col_parse(const char *name, struct vz_col *c)
{
	const char *dot = strchr(name, '.');
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	const struct vz_field *f;
	char base[64];
	size_t i;

	memset(c, 0, sizeof(*c));
	if (n >= sizeof(base))
		return -EINVAL;
	memcpy(base, name, n);
	base[n] = '\0';
	for (f = vz_fields; f->name; f++) {
		if (!strcmp(f->name, name)) {
			c->f = f;
			snprintf(c->header, sizeof(c->header), "%s", f->header);
			return 0;
		}
	}
	c->res = ubc_by_name(base);
	if (!c->res)
		return -EINVAL;
	if (dot) {
		if (strlen(dot) != 2 || !strchr("mblf", dot[1]))
			return -EINVAL;
		c->which = dot[1];
	}
	c->f = &ubc_field;
	snprintf(c->header, sizeof(c->header) - 2, "%s", c->res->header);
	i = strlen(c->header);
	if (dot) {
		c->header[i++] = '.';
		c->header[i++] = dot[1] - 'a' + 'A';
	}
	c->header[i] = '\0';
	return 0;
}

bool vz_col_value(const struct vz_ct *ct, const struct vz_col *c, char *buf, size_t len,
		  unsigned long long *num)
{
	return c->f->get(ct, c, buf, len, num);
}
