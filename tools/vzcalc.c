// SPDX-License-Identifier: GPL-2.0
/*
 * vzcalc: a container's share of the host, now, promised and at most, with
 * OpenVZ's arithmetic (memshare.h).
 *
 *   vzcalc [-v] CTID|NAME
 */
#include <errno.h>
#include <math.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcstat.h"
#include "ct.h"
#include "ctinfo.h"
#include "hostmem.h"
#include "libvzbc.h"
#include "memshare.h"
#include "ubc.h"
#include "vzenv.h"

static int opt_verbose;

static const struct poptOption opts[] = {
	{ "verbose", 'v', POPT_ARG_NONE, &opt_verbose, 0, "every resource, not only the sum",
	  NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

/* a share in percent, or n/a */
static const char *pct(double v, char *buf, size_t len)
{
	if (isnan(v))
		snprintf(buf, len, "%10s", "n/a");
	else
		snprintf(buf, len, "%10.2f", v * 100);
	return buf;
}

static void print_row(const char *name, double now, double promised, double max)
{
	char a[32], b[32], c[32];

	printf("%-10s %s %s %s\n", name, pct(now, a, sizeof(a)), pct(promised, b, sizeof(b)),
	       pct(max, c, sizeof(c)));
}

static void print_share(const struct vz_share *s)
{
	static const char *const names[VZ_SH_ROWS] = {
		[VZ_SH_LOWMEM] = "Low Mem", [VZ_SH_RAM] = "Total RAM",
		[VZ_SH_MEMSWAP] = "Mem + Swap", [VZ_SH_ALLOC] = "Alloc. Mem",
		[VZ_SH_NUMPROC] = "Num. Proc",
	};
	unsigned int i;

	printf("Resource     Current(%%)  Promised(%%)  Max(%%)\n");
	if (opt_verbose) {
		for (i = 0; i < VZ_SH_ROWS; i++)
			print_row(names[i], s->now[i], s->promised[i], s->max[i]);
		printf("--------------------------------------------\n");
	}
	print_row("Memory", s->now_mem, s->promised_mem, s->max_mem);
}

/* the container's limits and, when it runs, its beancounters: 0 or 1
 * after saying why not */
static int load(unsigned int ctid, const struct vz_hostmem *h, struct ubc_set *lim,
		struct vz_bcblock *now, bool *running)
{
	const struct ubc_res *bad = NULL;
	struct ubc_set raw;
	struct vz_ct ct;
	char oc[64];
	int vzfd, ret;

	vzfd = vzbc_open();
	ret = vz_ct_load(ctid, vzfd, &ct);
	if (vzfd >= 0)
		close(vzfd);
	if (!ret && !ct.env.exists)
		ret = -ENOENT;
	if (!ret)
		ret = ubc_read_conf(ct.env.conf, &raw, &bad);
	if (ret) {
		if (bad)
			fprintf(stderr, "vzcalc: %s: bad %s value\n", ct.env.conf, bad->key);
		else
			fprintf(stderr, "vzcalc: container %u: %s\n", ctid,
				ret == -ENOENT ? "no such container (no config)" : strerror(-ret));
		return 1;
	}
	if (ct.running && !ct.have_bc) {
		fprintf(stderr, "vzcalc: container %u runs but its beancounters cannot be read "
			"(is vzbc loaded?)\n", ctid);
		return 1;
	}
	if (vzenv_get(&ct.env, "VM_OVERCOMMIT", oc, sizeof(oc)) || !oc[0])
		snprintf(oc, sizeof(oc), "0");
	vz_share_effective(&raw, h, strtod(oc, NULL), lim);
	*running = ct.running;
	if (ct.running)
		vz_bcblock_from_bc(&ct.bc, now);
	return 0;
}

int main(int argc, const char **argv)
{
	struct vz_bcblock now;
	struct vz_hostmem h;
	struct vz_share share;
	struct ubc_set lim;
	const char **args;
	unsigned int ctid;
	poptContext ctx;
	bool running = false;
	int rc, ret = 0;

	ctx = poptGetContext("vzcalc", argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "[-v] CTID|NAME");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		poptPrintHelp(ctx, stdout, 0);
		goto out;
	}
	args = poptGetArgs(ctx);
	if (rc < -1 || !args || args[1]) {
		fprintf(stderr, "vzcalc: %s\nUsage: vzcalc [-v] CTID|NAME\n",
			rc < -1 ? poptStrerror(rc) : "one container to calculate");
		ret = 1;
		goto out;
	}
	if (vz_parse_ctid(args[0], &ctid) && vz_ctid_by_name(args[0], &ctid)) {
		fprintf(stderr, "vzcalc: no container '%s': a CTID or a name\n", args[0]);
		ret = 1;
		goto out;
	}
	rc = vz_hostmem_read(&h);
	if (rc) {
		fprintf(stderr, "vzcalc: reading the host's memory: %s\n", strerror(-rc));
		ret = 1;
		goto out;
	}
	ret = load(ctid, &h, &lim, &now, &running);
	if (ret)
		goto out;
	vz_share_ct(&h, &lim, running ? &now : NULL, &share);
	print_share(&share);
out:
	poptFreeContext(ctx);
	return ret;
}
