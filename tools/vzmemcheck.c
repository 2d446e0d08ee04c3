// SPDX-License-Identifier: GPL-2.0
/*
 * vzmemcheck: the host's memory utilisation and commitment over its running
 * containers, with OpenVZ's arithmetic (memshare.h).
 *
 *   vzmemcheck [-v] [-A] [-f FILE]
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <string.h>

#include "bcstat.h"
#include "hostmem.h"
#include "memshare.h"

static int opt_verbose, opt_abs;
static const char *opt_file;

static const struct poptOption opts[] = {
	{ "verbose", 'v', POPT_ARG_NONE, &opt_verbose, 0, "a line per container", NULL },
	{ "absolute", 'A', POPT_ARG_NONE, &opt_abs, 0,
	  "megabytes instead of percentages, and the host's figures under the sums", NULL },
	{ "file", 'f', POPT_ARG_STRING, &opt_file, 0,
	  "read FILE (- for stdin) instead of /proc/bc/resources", "FILE" },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

#define MB	(1024.0 * 1024)

static void print_cols(const char *first, const double *col, const double *whole)
{
	unsigned int i;

	if (opt_verbose)
		printf("%-10s ", first);
	for (i = 0; i < VZ_MC_COLS; i++)
		printf("%s%7.2f", i ? " " : "", opt_abs ? col[i] / MB : col[i] / whole[i] * 100);
	printf("\n");
}

int main(int argc, const char **argv)
{
	double col[VZ_MC_COLS], sum[VZ_MC_COLS] = { 0 }, whole[VZ_MC_COLS];
	struct vz_bcstat st = { 0 };
	struct vz_hostmem h;
	const char *file;
	poptContext ctx;
	unsigned int i, j;
	char id[16];
	int rc, ret = 0;

	ctx = poptGetContext("vzmemcheck", argc, argv, opts, 0);
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		poptPrintHelp(ctx, stdout, 0);
		goto out;
	}
	if (rc < -1 || poptPeekArg(ctx)) {
		fprintf(stderr, "vzmemcheck: %s\n",
			rc < -1 ? poptStrerror(rc) : "no arguments besides the options");
		ret = 1;
		goto out;
	}
	rc = vz_hostmem_read(&h);
	if (rc) {
		fprintf(stderr, "vzmemcheck: reading the host's memory: %s\n", strerror(-rc));
		ret = 1;
		goto out;
	}
	file = opt_file ? opt_file : vz_bcstat_default_path();
	rc = vz_bcstat_read(file, &st);
	if (rc) {
		fprintf(stderr, "vzmemcheck: %s: %s\n", file,
			rc == -EPROTO ? "not a beancounter file of version 2.5" : strerror(-rc));
		ret = 1;
		goto out;
	}
	vz_memcheck_whole(&h, whole);
	printf("Output values in %s\n", opt_abs ? "Mbytes" : "%");
	printf("%s LowMem  LowMem     RAM MemSwap MemSwap   Alloc   Alloc   Alloc\n",
	       opt_verbose ? "CTID       " : "");
	printf("%s   util  commit    util    util  commit    util  commit   limit\n",
	       opt_verbose ? "           " : "");
	for (i = 0; i < st.n; i++) {
		if (!st.b[i].have_ctid || !st.b[i].ctid)
			continue;
		vz_memcheck_ct(&h, &st.b[i], col);
		for (j = 0; j < VZ_MC_COLS; j++)
			sum[j] += col[j];
		snprintf(id, sizeof(id), "%u", st.b[i].ctid);
		if (opt_verbose)
			print_cols(id, col, whole);
	}
	if (opt_verbose)
		printf("------------------------------------------------------------------"
		       "--------\n");
	print_cols("Summary:", sum, whole);
	if (opt_abs)
		print_cols("", whole, whole);
out:
	vz_bcstat_free(&st);
	poptFreeContext(ctx);
	return ret;
}
