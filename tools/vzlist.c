// SPDX-License-Identifier: GPL-2.0
/*
 * vzlist: list containers, with OpenVZ's options, fields and formats.
 *
 *   vzlist [-a|-S] [-n] [-H] [-j] [-o field[,field...] | -1] [-s [-]field]
 *          [-h pattern] [-N pattern] [-d pattern] [ctid ...]
 *   vzlist -L
 *
 * Containers are the CTID.conf files in /etc/vz/conf; a container runs when
 * its cgroup has tasks. Beancounter fields (resource, resource.m/.b/.l/.f)
 * come from vzbc.ko; held, maxheld and failcnt of a stopped container are
 * "-", its barrier and limit those of its config.
 */
#include <errno.h>
#include <fnmatch.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "disk.h"
#include "libvzbc.h"
#include "ubc.h"
#include "vzenv.h"
#include "vzexit.h"

struct ct {
	unsigned int ctid;
	struct vzenv env;
	bool running, mounted, have_bc;
	int nproc;
	struct vzbc_bc bc;
};

/* ------------------------------------------------------------ fields */

enum fkind {
	F_CTID, F_NPROC, F_STATUS, F_CONF, F_PATH, F_SMART_NAME, F_DISK, F_UPTIME, F_VSWAP,
	F_LAVERAGE,
};

struct field {
	const char *name;
	const char *header;
	enum fkind kind;
	const char *key;	/* F_CONF, F_DISK: the CTID.conf key */
	int width;		/* negative: left-aligned */
	char sub;		/* F_DISK: '\0' usage, 's' soft, 'h' hard limit */
};

/* OpenVZ's column headers of the beancounter fields */
static const char *const ubc_headers[VZBC_RESOURCES] = {
	[VZBC_KMEMSIZE] = "KMEMSIZE", [VZBC_LOCKEDPAGES] = "LOCKEDP",
	[VZBC_PRIVVMPAGES] = "PRIVVMP", [VZBC_SHMPAGES] = "SHMP",
	[VZBC_NUMPROC] = "NPROC", [VZBC_PHYSPAGES] = "PHYSP",
	[VZBC_VMGUARPAGES] = "VMGUARP", [VZBC_OOMGUARPAGES] = "OOMGUARP",
	[VZBC_NUMTCPSOCK] = "NTCPSOCK", [VZBC_NUMFLOCK] = "NFLOCK",
	[VZBC_NUMPTY] = "NPTY", [VZBC_NUMSIGINFO] = "NSIGINFO",
	[VZBC_TCPSNDBUF] = "TCPSNDB", [VZBC_TCPRCVBUF] = "TCPRCVB",
	[VZBC_OTHERSOCKBUF] = "OTHSOCKB", [VZBC_DGRAMRCVBUF] = "DGRAMRB",
	[VZBC_NUMOTHERSOCK] = "NOTHSOCK", [VZBC_DCACHESIZE] = "DCACHESZ",
	[VZBC_NUMFILE] = "NFILE", [VZBC_NUMIPTENT] = "NIPTENT",
	[VZBC_SWAPPAGES] = "SWAPP",
};

static const struct field fields[] = {
	{ "ctid", "CTID", F_CTID, NULL, 10, '\0' },
	{ "veid", "CTID", F_CTID, NULL, 10, '\0' },
	{ "vpsid", "CTID", F_CTID, NULL, 10, '\0' },
	{ "numproc", "NPROC", F_NPROC, NULL, 10, '\0' },
	{ "status", "STATUS", F_STATUS, NULL, -9, '\0' },
	{ "ip", "IP_ADDR", F_CONF, "IP_ADDRESS", -15, '\0' },
	{ "hostname", "HOSTNAME", F_CONF, "HOSTNAME", -10, '\0' },
	{ "name", "NAME", F_CONF, "NAME", -10, '\0' },
	{ "smart_name", "NAME", F_SMART_NAME, NULL, -10, '\0' },
	{ "description", "DESCRIPTION", F_CONF, "DESCRIPTION", -15, '\0' },
	{ "ostemplate", "OSTEMPLATE", F_CONF, "OSTEMPLATE", -20, '\0' },
	{ "origin_sample", "ORIGIN_SAMPLE", F_CONF, "ORIGIN_SAMPLE", -15, '\0' },
	{ "private", "PRIVATE", F_PATH, "private", -30, '\0' },
	{ "root", "ROOT", F_PATH, "root", -30, '\0' },
	{ "nameserver", "NAMESERVER", F_CONF, "NAMESERVER", -15, '\0' },
	{ "searchdomain", "SEARCHDOMAIN", F_CONF, "SEARCHDOMAIN", -15, '\0' },
	{ "onboot", "ONBOOT", F_CONF, "ONBOOT", -6, '\0' },
	{ "bootorder", "BOOTORDER", F_CONF, "BOOTORDER", 10, '\0' },
	{ "layout", "LAYOUT", F_CONF, "VE_LAYOUT", -6, '\0' },
	{ "cpuunits", "CPUUNITS", F_CONF, "CPUUNITS", 10, '\0' },
	{ "cpulimit", "CPULIM", F_CONF, "CPULIMIT", 7, '\0' },
	{ "cpus", "CPUS", F_CONF, "CPUS", 5, '\0' },
	{ "disabled", "DISABL", F_CONF, "DISABLED", -6, '\0' },
	{ "diskspace", "DQBLOCKS", F_DISK, "DISKSPACE", 10, '\0' },
	{ "diskspace.s", "DQBLOCKS.S", F_DISK, "DISKSPACE", 10, 's' },
	{ "diskspace.h", "DQBLOCKS.H", F_DISK, "DISKSPACE", 10, 'h' },
	{ "diskinodes", "DQINODES", F_DISK, "DISKINODES", 10, '\0' },
	{ "diskinodes.s", "DQINODES.S", F_DISK, "DISKINODES", 10, 's' },
	{ "diskinodes.h", "DQINODES.H", F_DISK, "DISKINODES", 10, 'h' },
	{ "uptime", "UPTIME", F_UPTIME, NULL, 15, '\0' },
	{ "ioprio", "IOPRIO", F_CONF, "IOPRIO", 6, '\0' },
	{ "iolimit", "IOLIMIT", F_CONF, "IOLIMIT", 10, '\0' },
	{ "iopslimit", "IOPSLIMIT", F_CONF, "IOPSLIMIT", 10, '\0' },
	{ "features", "FEATURES", F_CONF, "FEATURES", -15, '\0' },
	{ "netfilter", "NETFILTER", F_CONF, "NETFILTER", 9, '\0' },
	{ "devnodes", "DEVNODES", F_CONF, "DEVNODES", -16, '\0' },
	{ "cpumask", "CPUMASK", F_CONF, "CPUMASK", -10, '\0' },
	{ "nodemask", "NODEMASK", F_CONF, "NODEMASK", -10, '\0' },
	{ "mount_opts", "MOUNT_OPTS", F_CONF, "MOUNT_OPTS", -10, '\0' },
	{ "vm_overcommit", "VM_OVERCOMMIT", F_CONF, "VM_OVERCOMMIT", 13, '\0' },
	{ "capability", "CAPABILITY", F_CONF, "CAPABILITY", -20, '\0' },
	{ "vswap", "VSWAP", F_VSWAP, NULL, -5, '\0' },
	/* a container's load average: the stock kernel keeps none per cgroup */
	{ "laverage", "LAVERAGE", F_LAVERAGE, NULL, 14, '\0' },
	{ NULL, NULL, 0, NULL, 0, '\0' },
};

/* a column: a plain field, or a beancounter resource and which counter */
struct col {
	const struct field *f;
	const struct ubc_res *res;
	char which;		/* '\0' held, 'm' maxheld, 'b', 'l', 'f' */
	char header[32];
};

static int col_parse(const char *name, struct col *c)
{
	const char *dot = strchr(name, '.');
	char base[64];
	size_t n = dot ? (size_t)(dot - name) : strlen(name);
	unsigned int i;

	memset(c, 0, sizeof(*c));
	if (n >= sizeof(base))
		return -EINVAL;
	memcpy(base, name, n);
	base[n] = '\0';
	for (i = 0; fields[i].name; i++) {
		if (!strcmp(fields[i].name, name)) {
			c->f = &fields[i];
			snprintf(c->header, sizeof(c->header), "%s", fields[i].header);
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
	snprintf(c->header, sizeof(c->header) - 2, "%s", ubc_headers[c->res->id]);
	i = strlen(c->header);
	if (dot) {
		c->header[i++] = '.';
		c->header[i++] = dot[1] - 'a' + 'A';
	}
	c->header[i] = '\0';
	return 0;
}

static void conf_value(const struct ct *ct, const char *key, char *buf, size_t len)
{
	if (vzenv_get(&ct->env, key, buf, len) || !buf[0])
		snprintf(buf, len, "-");
}

static const char *ct_status(const struct ct *ct)
{
	if (ct->running)
		return "running";
	return ct->mounted ? "mounted" : "stopped";
}

/* a beancounter value: from the module when running, else the config */
static bool ubc_value(const struct ct *ct, const struct col *c, unsigned long long *v)
{
	const struct vzbc_ubparm *p;
	char val[128];
	uint64_t b, l;

	if (ct->have_bc) {
		p = &ct->bc.res[c->res->id];
		switch (c->which) {
		case 'm': *v = p->maxheld; return true;
		case 'b': *v = p->barrier; return true;
		case 'l': *v = p->limit; return true;
		case 'f': *v = p->failcnt; return true;
		default: *v = p->held; return true;
		}
	}
	if (c->which != 'b' && c->which != 'l')
		return false;
	if (conf_get(ct->env.conf, c->res->key, val, sizeof(val)) ||
	    ubc_parse(c->res, val, &b, &l) < 0) {
		*v = VZBC_UNLIMITED;
		return true;
	}
	*v = c->which == 'b' ? b : l;
	return true;
}

/* DISKSPACE (KiB) or DISKINODES: the used amount of a mounted ploop
 * container, or a limit from its config; false when there is none */
static bool disk_value(const struct ct *ct, const struct field *f, unsigned long long *v)
{
	uint64_t used_kb, used_inodes, soft, hard;
	char val[64];

	if (!f->sub) {
		if (disk_usage(&ct->env, &used_kb, &used_inodes))
			return false;
		*v = strcmp(f->key, "DISKSPACE") ? used_inodes : used_kb;
		return true;
	}
	if (vzenv_get(&ct->env, f->key, val, sizeof(val)) || !val[0] ||
	    disk_parse(val, !strcmp(f->key, "DISKSPACE"), &soft, &hard))
		return false;
	*v = f->sub == 's' ? soft : hard;
	return *v != UINT64_MAX;
}

/* seconds since the container's init started, from /proc/PID/stat */
static bool ct_uptime(const struct ct *ct, unsigned long long *secs)
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

/* Does the config limit the container's RAM (OpenVZ's vswap configs)? */
static bool ct_vswap(const struct ct *ct)
{
	const struct ubc_res *r = ubc_by_id(VZBC_PHYSPAGES);
	char val[128];
	uint64_t b, l;

	return !conf_get(ct->env.conf, r->key, val, sizeof(val)) &&
	       ubc_parse(r, val, &b, &l) >= 0 && l != VZBC_UNLIMITED;
}

/* the text of a column for ct; numeric columns also give num */
static bool col_text(const struct ct *ct, const struct col *c, char *buf, size_t len,
		     unsigned long long *num)
{
	unsigned long long v;

	if (c->res) {
		if (!ubc_value(ct, c, &v)) {
			snprintf(buf, len, "-");
			return false;
		}
		snprintf(buf, len, "%llu", v);
		*num = v;
		return true;
	}
	switch (c->f->kind) {
	case F_CTID:
		snprintf(buf, len, "%u", ct->ctid);
		*num = ct->ctid;
		return true;
	case F_NPROC:
		if (!ct->running) {
			snprintf(buf, len, "-");
			return false;
		}
		snprintf(buf, len, "%d", ct->nproc);
		*num = ct->nproc;
		return true;
	case F_STATUS:
		snprintf(buf, len, "%s", ct_status(ct));
		return false;
	case F_PATH:
		snprintf(buf, len, "%s", !strcmp(c->f->key, "root") ? ct->env.root
								: ct->env.private);
		return false;
	case F_SMART_NAME:
		conf_value(ct, "NAME", buf, len);
		if (!strcmp(buf, "-"))
			snprintf(buf, len, "%u", ct->ctid);
		return false;
	case F_DISK:
		if (!disk_value(ct, c->f, &v)) {
			snprintf(buf, len, "-");
			return false;
		}
		snprintf(buf, len, "%llu", v);
		*num = v;
		return true;
	case F_UPTIME:
		if (!ct_uptime(ct, &v)) {
			snprintf(buf, len, "-");
			return false;
		}
		if (v >= 86400)
			snprintf(buf, len, "%llud%02llu:%02llu:%02llu", v / 86400,
				 v / 3600 % 24, v / 60 % 60, v % 60);
		else
			snprintf(buf, len, "%02llu:%02llu:%02llu", v / 3600, v / 60 % 60, v % 60);
		*num = v;
		return true;
	case F_VSWAP:
		/* a RAM limit (PHYSPAGES' limit) is what makes a vswap config */
		snprintf(buf, len, "%s", ct_vswap(ct) ? "yes" : "no");
		return false;
	case F_LAVERAGE:
		snprintf(buf, len, "-");
		return false;
	case F_CONF:
		conf_value(ct, c->f->key, buf, len);
		if (c->f->width > 0 && strcmp(buf, "-")) {
			*num = strtoull(buf, NULL, 10);
			return true;
		}
		return false;
	}
	return false;
}

/* ------------------------------------------------------------ gather */

static int ct_load(unsigned int ctid, int vzfd, struct ct *ct)
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
	return 0;
}

/* ------------------------------------------------------------ output */

static struct col sort_col;
static int sort_desc;
static bool sort_on;

static int cmp_ct(const void *a, const void *b)
{
	const struct ct *x = a, *y = b;
	char bx[PATH_MAX + 64], by[PATH_MAX + 64];
	unsigned long long nx = 0, ny = 0;
	bool numx, numy;
	int r;

	numx = col_text(x, &sort_col, bx, sizeof(bx), &nx);
	numy = col_text(y, &sort_col, by, sizeof(by), &ny);
	if (numx && numy)
		r = nx < ny ? -1 : nx > ny;
	else if (numx != numy)
		r = numx ? 1 : -1;	/* "-" first */
	else
		r = strcmp(bx, by);
	if (!r)
		r = x->ctid < y->ctid ? -1 : x->ctid > y->ctid;
	return sort_desc ? -r : r;
}

static int col_width(const struct col *c)
{
	if (c->res)
		return c->which ? 10 : 10;
	return c->f->width;
}

static int opt_notrim;

static void print_row(const struct col *cols, unsigned int n, const struct ct *ct)
{
	unsigned long long num;
	char buf[PATH_MAX + 64];
	unsigned int i;
	int w;

	for (i = 0; i < n; i++) {
		w = col_width(&cols[i]);
		if (ct)
			col_text(ct, &cols[i], buf, sizeof(buf), &num);
		else
			snprintf(buf, sizeof(buf), "%s", cols[i].header);
		/* a text value too long for its column is cut, as OpenVZ's
		 * vzlist does, but in the last column or with -t */
		if (ct && w < 0 && i < n - 1 && !opt_notrim && (int)strlen(buf) > -w)
			buf[-w] = '\0';
		if (i == n - 1 && w < 0)
			printf("%s", buf);		/* the last column is not padded */
		else
			printf("%*s", w, buf);
		putchar(i == n - 1 ? '\n' : ' ');
	}
}

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

/* "name": {"usage": N, "softlimit": N, "hardlimit": N}, null where unknown */
static void json_disk(const struct ct *ct, const char *name, const char *key)
{
	static const char *const labels[] = { "usage", "softlimit", "hardlimit" };
	struct field f = { .key = key };
	unsigned long long v;
	unsigned int i;

	printf("    \"%s\": {", name);
	for (i = 0; i < 3; i++) {
		f.sub = "\0sh"[i];
		printf("%s\"%s\": ", i ? ", " : "", labels[i]);
		disk_value(ct, &f, &v) ? printf("%llu", v) : printf("null");
	}
	printf("},\n");
}

/* a config field in JSON: a number for numeric columns, else a string */
static void json_conf(const struct ct *ct, const struct field *f)
{
	char buf[1024], *end;

	printf("    \"%s\": ", f->name);
	if (vzenv_get(&ct->env, f->key, buf, sizeof(buf)) || !buf[0])
		printf("null");
	else if (f->width > 0 && (strtoull(buf, &end, 10), !*end))
		printf("%s", buf);
	else
		json_str(buf);
	printf(",\n");
}

static void json_ct(const struct ct *ct)
{
	unsigned long long v;
	unsigned int i;

	/* "numproc" is the beancounter, as in OpenVZ; tasks counts them all */
	printf("  {\n    \"ctid\": %u,\n    \"status\": \"%s\",\n", ct->ctid, ct_status(ct));
	if (ct->running)
		printf("    \"tasks\": %d,\n", ct->nproc);
	else
		printf("    \"tasks\": null,\n");
	printf("    \"private\": ");
	json_str(ct->env.private);
	printf(",\n    \"root\": ");
	json_str(ct->env.root);
	printf(",\n");
	for (i = 0; fields[i].name; i++)
		if (fields[i].kind == F_CONF)
			json_conf(ct, &fields[i]);
	printf("    \"vswap\": %s,\n", ct_vswap(ct) ? "true" : "false");
	json_disk(ct, "diskspace", "DISKSPACE");
	json_disk(ct, "diskinodes", "DISKINODES");
	printf("    \"uptime\": ");
	ct_uptime(ct, &v) ? printf("%llu,\n", v) : printf("null,\n");
	for (i = 0; i < ubc_nr_resources; i++) {
		const struct ubc_res *r = &ubc_resources[i];
		struct col c = { .res = r };

		printf("    \"%s\": {", r->name);
		c.which = '\0';
		printf("\"held\": ");
		ubc_value(ct, &c, &v) ? printf("%llu", v) : printf("null");
		c.which = 'm';
		printf(", \"maxheld\": ");
		ubc_value(ct, &c, &v) ? printf("%llu", v) : printf("null");
		c.which = 'b';
		ubc_value(ct, &c, &v);
		printf(", \"barrier\": %llu", v);
		c.which = 'l';
		ubc_value(ct, &c, &v);
		printf(", \"limit\": %llu", v);
		c.which = 'f';
		printf(", \"failcnt\": ");
		ubc_value(ct, &c, &v) ? printf("%llu", v) : printf("null");
		printf("}%s\n", i + 1 < ubc_nr_resources ? "," : "");
	}
	printf("  }");
}

static void list_fields(void)
{
	unsigned int i;

	for (i = 0; fields[i].name; i++)
		printf("%-15s %s\n", fields[i].name, fields[i].header);
	for (i = 0; i < ubc_nr_resources; i++)
		printf("%-15s %s (also .m maxheld, .b barrier, .l limit, .f failcnt)\n",
		       ubc_resources[i].name, "beancounter held");
}

/* ------------------------------------------------------------ main */

static int opt_all, opt_stopped, opt_noheader, opt_json, opt_one, opt_names,
	   opt_list;
static const char *opt_output, *opt_sort, *opt_host, *opt_name, *opt_desc;

static const struct poptOption opts[] = {
	{ "all", 'a', POPT_ARG_NONE, &opt_all, 0, "running and stopped containers", NULL },
	{ "stopped", 'S', POPT_ARG_NONE, &opt_stopped, 0, "stopped containers only", NULL },
	{ "name", 'n', POPT_ARG_NONE, &opt_names, 0, "names (or CTIDs) instead of CTIDs", NULL },
	{ "no-header", 'H', POPT_ARG_NONE, &opt_noheader, 0, "no header line", NULL },
	{ "no-trim", 't', POPT_ARG_NONE, &opt_notrim, 0,
	  "do not cut text values longer than their column", NULL },
	{ "json", 'j', POPT_ARG_NONE, &opt_json, 0, "every field, as JSON", NULL },
	{ "output", 'o', POPT_ARG_STRING, &opt_output, 0, "the columns to show", "FIELD[,FIELD...]" },
	{ NULL, '1', POPT_ARG_NONE, &opt_one, 0, "CTIDs only (-H -o ctid)", NULL },
	{ "sort", 's', POPT_ARG_STRING, &opt_sort, 0, "sort by a field, - for descending", "[-]FIELD" },
	{ "hostname", 'h', POPT_ARG_STRING, &opt_host, 0, "hostnames matching a pattern", "PATTERN" },
	{ "name_filter", 'N', POPT_ARG_STRING, &opt_name, 0, "names matching a pattern", "PATTERN" },
	{ "description", 'd', POPT_ARG_STRING, &opt_desc, 0, "descriptions matching a pattern", "PATTERN" },
	{ "list", 'L', POPT_ARG_NONE, &opt_list, 0, "list the fields", NULL },
	{ "help", '\0', POPT_ARG_NONE, NULL, 'H' + 256, "show this help", NULL },
	POPT_TABLEEND
};

static bool matches(const struct ct *ct, const char *key, const char *pattern)
{
	char buf[1024];

	if (!pattern)
		return true;
	if (vzenv_get(&ct->env, key, buf, sizeof(buf)))
		return false;
	return fnmatch(pattern, buf, 0) == 0;
}

static int parse_cols(const char *spec, struct col **cols, unsigned int *n)
{
	char *copy = strdup(spec), *tok, *save = NULL;
	int ret = 0;

	*n = 0;
	*cols = calloc(strlen(spec) + 1, sizeof(**cols));
	if (!copy || !*cols) {
		free(copy);
		return -ENOMEM;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (col_parse(tok, &(*cols)[*n])) {
			fprintf(stderr, "vzlist: unknown field '%s': vzlist -L lists them\n", tok);
			ret = -EINVAL;
			break;
		}
		(*n)++;
	}
	free(copy);
	return ret;
}

int main(int argc, const char **argv)
{
	unsigned int *ids = NULL, nids, ncols = 0, nshown = 0, i;
	const char *spec, **args;
	struct col *cols = NULL;
	struct ct *cts = NULL;
	poptContext ctx;
	int rc, vzfd, ret = VZ_SUCCESS;

	ctx = poptGetContext("vzlist", argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "[OPTION...] [ctid ...]");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		if (rc == 'H' + 256) {
			poptPrintHelp(ctx, stdout, 0);
			goto out;
		}
	}
	if (rc < -1) {
		fprintf(stderr, "vzlist: %s: %s\n", poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
			poptStrerror(rc));
		ret = VZ_INVALID_PARAMETER_SYNTAX;
		goto out;
	}
	if (opt_list) {
		list_fields();
		goto out;
	}
	if (opt_one) {
		opt_noheader = 1;
		opt_output = "ctid";
	}
	spec = opt_output ? opt_output : opt_names ? "smart_name,numproc,status,ip,hostname"
						   : "ctid,numproc,status,ip,hostname";
	if (parse_cols(spec, &cols, &ncols)) {
		ret = VZ_INVALID_PARAMETER_VALUE;
		goto out;
	}
	if (opt_sort) {
		sort_desc = opt_sort[0] == '-';
		if (col_parse(opt_sort + sort_desc, &sort_col)) {
			fprintf(stderr, "vzlist: unknown sort field '%s'\n", opt_sort);
			ret = VZ_INVALID_PARAMETER_VALUE;
			goto out;
		}
		sort_on = true;
	}

	args = poptGetArgs(ctx);
	if (args) {
		for (nids = 0; args[nids]; nids++)
			;
		ids = calloc(nids, sizeof(*ids));
		for (i = 0; ids && i < nids; i++) {
			unsigned long v;
			char *end;

			v = strtoul(args[i], &end, 10);
			if (*end || !*args[i] || v == 0 || v > 2147483644UL) {
				fprintf(stderr, "vzlist: bad container ID '%s'\n", args[i]);
				ret = VZ_INVALID_PARAMETER_VALUE;
				goto out;
			}
			ids[i] = v;
		}
	} else {
		nids = vzenv_list_ctids(&ids);
	}
	cts = calloc(nids ? nids : 1, sizeof(*cts));
	if (!cts || (nids && !ids)) {
		ret = VZ_SYSTEM_ERROR;
		goto out;
	}
	vzfd = vzbc_open();
	for (i = 0; i < nids; i++) {
		struct ct *ct = &cts[nshown];

		if (ct_load(ids[i], vzfd, ct))
			continue;
		if (!ct->env.exists) {
			if (args)
				fprintf(stderr, "Container(s) not found\n");
			if (args)
				ret = 1;
			continue;
		}
		if ((!opt_all && !opt_stopped && !ct->running && !args) ||
		    (opt_stopped && ct->running))
			continue;
		if (!matches(ct, "HOSTNAME", opt_host) || !matches(ct, "NAME", opt_name) ||
		    !matches(ct, "DESCRIPTION", opt_desc))
			continue;
		nshown++;
	}
	if (vzfd >= 0)
		close(vzfd);
	if (sort_on)
		qsort(cts, nshown, sizeof(*cts), cmp_ct);

	if (opt_json) {
		printf("[\n");
		for (i = 0; i < nshown; i++) {
			json_ct(&cts[i]);
			printf("%s\n", i + 1 < nshown ? "," : "");
		}
		printf("]\n");
		goto out;
	}
	if (!opt_noheader)
		print_row(cols, ncols, NULL);
	for (i = 0; i < nshown; i++)
		print_row(cols, ncols, &cts[i]);
out:
	free(cts);
	free(ids);
	free(cols);
	poptFreeContext(ctx);
	return ret;
}
