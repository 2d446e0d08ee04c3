// SPDX-License-Identifier: GPL-2.0
/*
 * vzoversell: RAM and swap the containers are given against what the host
 * has, as OpenVZ's vzoversell summed them.
 *
 *   vzoversell [FILE]
 *
 * FILE (default /proc/bc/resources, - for stdin) has the beancounters;
 * the host's RAM and swap come from /proc/meminfo.
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <string.h>

#include "bcstat.h"
#include "bcview.h"
#include "hostmem.h"
#include "memshare.h"

#define H(v, u, buf)	(vz_bc_human((uint64_t)(v), (u), (buf), sizeof(buf)), (buf))

static void print_mem(const struct vz_oversell *o, const char *first, const char *flags)
{
	char a[4][VZ_BC_HUMAN_LEN], b[4][VZ_BC_HUMAN_LEN];

	printf("%10s %5s %5s %5s %5s  %5s %5s %5s %5s  %s\n", first,
	       H(o->ram.held, UBC_PAGES, a[0]), H(o->ram.maxheld, UBC_PAGES, a[1]),
	       H(o->ram.limit, UBC_PAGES, a[2]), H(o->ram.failcnt, UBC_COUNT, a[3]),
	       H(o->swap.held, UBC_PAGES, b[0]), H(o->swap.maxheld, UBC_PAGES, b[1]),
	       H(o->swap.limit, UBC_PAGES, b[2]), H(o->swap.failcnt, UBC_COUNT, b[3]),
	       flags);
}

static void print_line(const char *what, double have, double given)
{
	char h[VZ_BC_HUMAN_LEN], g[VZ_BC_HUMAN_LEN], p[VZ_BC_HUMAN_LEN];

	vz_bc_percent((uint64_t)given, (uint64_t)have, p, sizeof(p));
	printf("%-10s available: %5s  allocated: %5s  oversell: %s\n", what,
	       H(have, UBC_PAGES, h), H(given, UBC_PAGES, g), p);
}

static const struct {
	char flag;
	const char *text;
} flag_text[] = {
	{ 'R', "no RAM limit (not a vswap container): RAM taken as half of privvmpages' limit" },
	{ 'U', "no memory limit at all: left out of the totals" },
	{ 'S', "unlimited swap: left out of the swap total" },
	{ 'f', "RAM failures (it swapped): vzubc shows the details" },
	{ 'F', "beancounter failures: vzubc shows the details" },
};

static void print_footer(const struct vz_oversell *t, const struct vz_hostmem *h)
{
	double ram = h->ram / h->page, swap = h->swap / h->page;
	unsigned int i;

	printf("           ----- ----- ----- -----  ----- ----- ----- -----\n");
	print_mem(t, "TOTAL", "");
	printf("\n");
	print_line("RAM", ram, t->ram.limit);
	print_line("Swap", swap, t->swap.limit);
	print_line("RAM+Swap", ram + swap, t->ram.limit + t->swap.limit);
	if (!t->flags[0])
		return;
	printf("\nFlags:\n");
	for (i = 0; i < sizeof(flag_text) / sizeof(flag_text[0]); i++)
		if (strchr(t->flags, flag_text[i].flag))
			printf("  %c: %s\n", flag_text[i].flag, flag_text[i].text);
}

static const struct poptOption opts[] = {
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

int main(int argc, const char **argv)
{
	struct vz_oversell total = { 0 }, o;
	const char *file, **args;
	struct vz_hostmem h;
	struct vz_bcstat st = { 0 };
	poptContext ctx;
	unsigned int i;
	char id[16];
	int rc, ret = 0;

	ctx = poptGetContext("vzoversell", argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "[FILE]");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		poptPrintHelp(ctx, stdout, 0);
		goto out;
	}
	args = poptGetArgs(ctx);
	if (rc < -1 || (args && args[0] && args[1])) {
		fprintf(stderr, "vzoversell: %s\n", rc < -1 ? poptStrerror(rc) : "one FILE at most");
		ret = 1;
		goto out;
	}
	file = args && args[0] ? args[0] : "/proc/bc/resources";
	rc = vz_hostmem_read(&h);
	if (rc) {
		fprintf(stderr, "vzoversell: reading the host's memory: %s\n", strerror(-rc));
		ret = 1;
		goto out;
	}
	rc = vz_bcstat_read(file, &st);
	if (rc) {
		fprintf(stderr, "vzoversell: %s: %s\n", file,
			rc == -EPROTO ? "not a beancounter file of version 2.5" : strerror(-rc));
		ret = 1;
		goto out;
	}
	printf("           --------- RAM ---------  -------- Swap ---------  Flags\n");
	printf("            used  peak limit fails   used  peak limit fails\n");
	for (i = 0; i < st.n; i++) {
		if (!st.b[i].have_ctid || !st.b[i].ctid)
			continue;
		vz_oversell_ct(&st.b[i], &o);
		vz_oversell_add(&total, &o);
		snprintf(id, sizeof(id), "%u", st.b[i].ctid);
		print_mem(&o, id, o.flags);
	}
	print_footer(&total, &h);
out:
	vz_bcstat_free(&st);
	poptFreeContext(ctx);
	return ret;
}
