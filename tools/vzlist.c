// SPDX-License-Identifier: GPL-2.0
/*
 * vzlist: list containers, with OpenVZ's options, fields and formats.
 *
 *   vzlist [-a|-S] [-n] [-H] [-j] [-o field[,field...] | -1] [-s [-]field]
 *          [-h pattern] [-N pattern] [-d pattern] [ctid ...]
 *   vzlist -L
 *
 * Containers are the CTID.conf files in /etc/vz/conf; a container runs when
 * its cgroup has tasks. The fields are data (ctinfo.c); this file lays
 * them out: columns, sorting, JSON.
 */
#include <errno.h>
#include <fnmatch.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ct.h"
#include "ctinfo.h"
#include "libvzbc.h"
#include "ubc.h"
#include "view.h"
#include "vzenv.h"
#include "vzexit.h"

/* ------------------------------------------------------------ output */

static struct vz_col sort_col;
static int sort_desc;
static bool sort_on;

static int cmp_ct(const void *a, const void *b)
{
	const struct vz_ct *x = a, *y = b;
	char bx[PATH_MAX + 64], by[PATH_MAX + 64];
	unsigned long long nx = 0, ny = 0;
	bool numx, numy;
	int r;

	numx = vz_col_value(x, &sort_col, bx, sizeof(bx), &nx);
	numy = vz_col_value(y, &sort_col, by, sizeof(by), &ny);
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

static int opt_notrim;

static void print_row(const struct vz_col *cols, unsigned int n, const struct vz_ct *ct)
{
	unsigned long long num;
	char buf[PATH_MAX + 64];
	unsigned int i;
	int w;

	for (i = 0; i < n; i++) {
		w = cols[i].f->width;
		if (ct)
			vz_col_value(ct, &cols[i], buf, sizeof(buf), &num);
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
static void json_disk(const struct vz_ct *ct, const char *name, const char *key)
{
	static const char *const labels[] = { "usage", "softlimit", "hardlimit" };
	unsigned long long v;
	unsigned int i;

	printf("    \"%s\": {", name);
	for (i = 0; i < 3; i++) {
		printf("%s\"%s\": ", i ? ", " : "", labels[i]);
		vz_ct_disk(ct, key, "\0sh"[i], &v) ? printf("%llu", v) : printf("null");
	}
	printf("},\n");
}

/* a config field in JSON: a number for numeric columns, else a string */
static void json_conf(const struct vz_ct *ct, const struct vz_field *f)
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

/* OpenVZ's laverage in JSON: [1min, 5min, 15min], null when stopped */
static void json_laverage(const struct vz_ct *ct)
{
	char buf[64], *p;

	if (!ct->have_view) {
		printf("null,\n");
		return;
	}
	vz_loadavg_format(ct->view.loadavg, buf, sizeof(buf));
	printf("[");
	for (p = buf; *p; p++)
		*p == '/' ? printf(", ") : putchar(*p);
	printf("],\n");
}

static void json_ct(const struct vz_ct *ct)
{
	unsigned long long v;
	unsigned int i;

	/* "numproc" is the beancounter, as in OpenVZ; tasks counts them all */
	printf("  {\n    \"ctid\": %u,\n    \"status\": \"%s\",\n", ct->ctid, vz_ct_status(ct));
	if (ct->running)
		printf("    \"tasks\": %d,\n", ct->nproc);
	else
		printf("    \"tasks\": null,\n");
	printf("    \"private\": ");
	json_str(ct->env.private);
	printf(",\n    \"root\": ");
	json_str(ct->env.root);
	printf(",\n");
	for (i = 0; vz_fields[i].name; i++)
		if (vz_field_is_conf(&vz_fields[i]))
			json_conf(ct, &vz_fields[i]);
	printf("    \"vswap\": %s,\n", vz_ct_vswap(ct) ? "true" : "false");
	json_disk(ct, "diskspace", "DISKSPACE");
	json_disk(ct, "diskinodes", "DISKINODES");
	printf("    \"uptime\": ");
	vz_ct_uptime(ct, &v) ? printf("%llu,\n", v) : printf("null,\n");
	printf("    \"laverage\": ");
	json_laverage(ct);
	for (i = 0; i < ubc_nr_resources; i++) {
		const struct ubc_res *r = &ubc_resources[i];

		printf("    \"%s\": {", r->name);
		printf("\"held\": ");
		vz_ct_ubc(ct, r, '\0', &v) ? printf("%llu", v) : printf("null");
		printf(", \"maxheld\": ");
		vz_ct_ubc(ct, r, 'm', &v) ? printf("%llu", v) : printf("null");
		vz_ct_ubc(ct, r, 'b', &v);
		printf(", \"barrier\": %llu", v);
		vz_ct_ubc(ct, r, 'l', &v);
		printf(", \"limit\": %llu", v);
		printf(", \"failcnt\": ");
		vz_ct_ubc(ct, r, 'f', &v) ? printf("%llu", v) : printf("null");
		printf("}%s\n", i + 1 < ubc_nr_resources ? "," : "");
	}
	printf("  }");
}

static void list_fields(void)
{
	unsigned int i;

	for (i = 0; vz_fields[i].name; i++)
		printf("%-15s %s\n", vz_fields[i].name, vz_fields[i].header);
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
	{ "description", 'd', POPT_ARG_STRING, &opt_desc, 0, "descriptions matching a pattern",
	  "PATTERN" },
	{ "list", 'L', POPT_ARG_NONE, &opt_list, 0, "list the fields", NULL },
	{ "help", '\0', POPT_ARG_NONE, NULL, 'H' + 256, "show this help", NULL },
	POPT_TABLEEND
};

static bool matches(const struct vz_ct *ct, const char *key, const char *pattern)
{
	char buf[1024];

	if (!pattern)
		return true;
	if (vzenv_get(&ct->env, key, buf, sizeof(buf)))
		return false;
	return fnmatch(pattern, buf, 0) == 0;
}

static int parse_cols(const char *spec, struct vz_col **cols, unsigned int *n)
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
		if (vz_col_parse(tok, &(*cols)[*n])) {
			fprintf(stderr, "vzlist: unknown field '%s': vzlist -L lists them\n", tok);
			ret = -EINVAL;
			break;
		}
		(*n)++;
	}
	free(copy);
	return ret;
}

/* the columns (-o, -1, -n) and the sort field (-s): 0 or an exit code */
static int setup_columns(struct vz_col **cols, unsigned int *ncols)
{
	const char *spec;

	if (opt_one) {
		opt_noheader = 1;
		opt_output = "ctid";
	}
	spec = opt_output ? opt_output : opt_names ? "smart_name,numproc,status,ip,hostname"
						   : "ctid,numproc,status,ip,hostname";
	if (parse_cols(spec, cols, ncols))
		return VZ_INVALID_PARAMETER_VALUE;
	if (opt_sort) {
		sort_desc = opt_sort[0] == '-';
		if (vz_col_parse(opt_sort + sort_desc, &sort_col)) {
			fprintf(stderr, "vzlist: unknown sort field '%s'\n", opt_sort);
			return VZ_INVALID_PARAMETER_VALUE;
		}
		sort_on = true;
	}
	return 0;
}

/* the CTIDs given, or those with a config: how many, or -1 after saying why */
static int wanted_ids(const char **args, unsigned int **ids)
{
	unsigned int n, i;

	if (!args)
		return vzenv_list_ctids(ids);
	for (n = 0; args[n]; n++)
		;
	*ids = calloc(n, sizeof(**ids));
	if (!*ids)
		return -1;
	for (i = 0; i < n; i++) {
		if (vz_parse_ctid(args[i], &(*ids)[i]) || !(*ids)[i]) {
			fprintf(stderr, "vzlist: bad container ID '%s'\n", args[i]);
			return -1;
		}
	}
	return n;
}

/* Read the containers of ids into cts, keeping those the options ask for
 * (given: ids were named on the command line): how many; *ret set to 1
 * when a named one does not exist. */
static unsigned int gather(const unsigned int *ids, unsigned int nids, bool given,
			   struct vz_ct *cts, int *ret)
{
	unsigned int i, n = 0;
	int vzfd = vzbc_open();

	for (i = 0; i < nids; i++) {
		struct vz_ct *ct = &cts[n];

		if (vz_ct_load(ids[i], vzfd, ct))
			continue;
		if (!ct->env.exists) {
			if (given) {
				fprintf(stderr, "Container(s) not found\n");
				*ret = 1;
			}
			continue;
		}
		if ((!opt_all && !opt_stopped && !ct->running && !given) ||
		    (opt_stopped && ct->running))
			continue;
		if (!matches(ct, "HOSTNAME", opt_host) || !matches(ct, "NAME", opt_name) ||
		    !matches(ct, "DESCRIPTION", opt_desc))
			continue;
		n++;
	}
	if (vzfd >= 0)
		close(vzfd);
	return n;
}

static void print_json(const struct vz_ct *cts, unsigned int n)
{
	unsigned int i;

	printf("[\n");
	for (i = 0; i < n; i++) {
		json_ct(&cts[i]);
		printf("%s\n", i + 1 < n ? "," : "");
	}
	printf("]\n");
}

int main(int argc, const char **argv)
{
	unsigned int *ids = NULL, ncols = 0, nshown, i;
	struct vz_col *cols = NULL;
	struct vz_ct *cts = NULL;
	const char **args;
	poptContext ctx;
	int rc, nids, ret = VZ_SUCCESS;

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
	ret = setup_columns(&cols, &ncols);
	if (ret)
		goto out;
	args = poptGetArgs(ctx);
	nids = wanted_ids(args, &ids);
	if (nids < 0) {
		ret = ids ? VZ_INVALID_PARAMETER_VALUE : VZ_SYSTEM_ERROR;
		goto out;
	}
	cts = calloc(nids ? nids : 1, sizeof(*cts));
	if (!cts) {
		ret = VZ_SYSTEM_ERROR;
		goto out;
	}
	nshown = gather(ids, nids, args != NULL, cts, &ret);
	if (sort_on)
		qsort(cts, nshown, sizeof(*cts), cmp_ct);
	if (opt_json) {
		print_json(cts, nshown);
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
