// SPDX-License-Identifier: GPL-2.0
/*
 * vzcfgvalidate: check a container config's beancounters against OpenVZ's
 * consistency rules (cfgcheck.h), and repair them on request.
 *
 *   vzcfgvalidate [-r|-i] [-v yes|no] CONFIGFILE
 *
 * Exit status as OpenVZ's: 0 valid (or repaired), 1 the check could not
 * run, 2 errors or warnings remain.
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cfgcheck.h"
#include "conf.h"
#include "hostmem.h"

static int opt_repair, opt_ask;
static const char *opt_vswap;

static const struct poptOption opts[] = {
	{ "repair", 'r', POPT_ARG_NONE, &opt_repair, 0, "repair the config", NULL },
	{ "interactive", 'i', POPT_ARG_NONE, &opt_ask, 0, "ask before each repair", NULL },
	{ "vswap", 'v', POPT_ARG_STRING, &opt_vswap, 0,
	  "check as a vswap config or not (default: vswap when physpages has a limit)",
	  "yes|no" },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

static const char *const severity[] = {
	[VZ_CC_ERROR] = "Error", [VZ_CC_WARNING] = "Warning",
	[VZ_CC_RECOMMENDATION] = "Recommendation",
};

static bool ask(void)
{
	char line[64];

	for (;;) {
		fprintf(stderr, "  repair? (y/n) [y] ");
		if (!fgets(line, sizeof(line), stdin))
			return false;
		if (line[0] == '\n' || line[0] == 'y' || line[0] == 'Y')
			return true;
		if (line[0] == 'n' || line[0] == 'N')
			return false;
	}
}

static bool on_finding(const struct vz_cc_finding *f, void *arg)
{
	struct vz_cc_conf tmp = { 0 };
	char fix[64];
	bool yes;

	(void)arg;
	printf("%s: %s\n", severity[f->severity], f->text);
	if (!f->repairable || (!opt_repair && !opt_ask))
		return false;
	tmp.barrier[f->slot] = f->barrier;
	tmp.limit[f->slot] = f->limit;
	vz_cc_format(&tmp, f->slot, fix, sizeof(fix));
	printf("  %s to %s\n", opt_ask ? "can be set" : "set", fix);
	fflush(stdout);
	yes = opt_ask ? ask() : true;
	if (opt_ask && yes)
		printf("  set\n");
	return yes;
}

/* write the repaired values: 0, or 1 after saying why not */
static int save(const char *path, const struct vz_cc_conf *c)
{
	struct conf_kv kv[VZ_CC_SLOTS];
	char vals[VZ_CC_SLOTS][64];
	unsigned int i, n = 0;
	int ret;

	for (i = 0; i < VZ_CC_SLOTS; i++) {
		if (!(c->changed & (1u << i)))
			continue;
		vz_cc_format(c, i, vals[n], sizeof(vals[n]));
		kv[n].key = vz_cc_key(i);
		kv[n].value = vals[n];
		n++;
	}
	if (!n)
		return 0;
	ret = conf_update(path, kv, n);
	if (ret) {
		fprintf(stderr, "vzcfgvalidate: writing %s: %s\n", path, strerror(-ret));
		return 1;
	}
	return 0;
}

int main(int argc, const char **argv)
{
	struct vz_hostmem h;
	struct vz_cc_conf c;
	const char **args;
	char bad[64] = "";
	poptContext ctx;
	unsigned int left;
	bool vswap;
	int rc, ret = 1;

	ctx = poptGetContext("vzcfgvalidate", argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "[-r|-i] [-v yes|no] CONFIGFILE");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		poptPrintHelp(ctx, stdout, 0);
		ret = 0;
		goto out;
	}
	args = poptGetArgs(ctx);
	if (rc < -1 || !args || args[1] || (opt_vswap && strcasecmp(opt_vswap, "yes") &&
					    strcasecmp(opt_vswap, "no"))) {
		fprintf(stderr, "vzcfgvalidate: %s\nUsage: vzcfgvalidate [-r|-i] [-v yes|no] "
			"CONFIGFILE\n", rc < -1 ? poptStrerror(rc) :
			!args || args[1] ? "one config file to check" : "-v takes yes or no");
		goto out;
	}
	rc = vz_cc_read(args[0], &c, bad, sizeof(bad));
	if (rc) {
		if (rc == -EINVAL)
			fprintf(stderr, "vzcfgvalidate: %s: bad %s value\n", args[0], bad);
		else
			fprintf(stderr, "vzcfgvalidate: %s: %s\n", args[0], strerror(-rc));
		goto out;
	}
	vswap = opt_vswap ? !strcasecmp(opt_vswap, "yes") : vz_cc_vswap(&c);
	rc = vz_hostmem_read(&h);
	if (rc) {
		fprintf(stderr, "vzcfgvalidate: reading the host's memory: %s\n", strerror(-rc));
		goto out;
	}
	left = vz_cc_check(&c, vswap, &h, on_finding, NULL);
	if (save(args[0], &c))
		goto out;
	if (left) {
		ret = 2;
		goto out;
	}
	printf("Validation completed: success\n");
	ret = 0;
out:
	poptFreeContext(ctx);
	return ret;
}
