// SPDX-License-Identifier: GPL-2.0
/*
 * vzubc: the beancounters for people, as OpenVZ's vzubc showed them.
 *
 *   vzubc [-w [-wd] [-wt] [-wn SEC]] [-q [-qh R] [-qm R]] [-v] [-r [-rc] [-rd DIR]]
 *         [-i [-ic] [-id DIR]] [-c] [-f FILE] [CTID|NAME ...]
 *
 * Reads /proc/bc/resources (or /proc/user_beancounters, or FILE), so it
 * works inside a container too. Sizes are in K/M/G with pages made bytes,
 * held and maxheld also as percentages of the barrier and the limit.
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bcstat.h"
#include "bcview.h"
#include "ct.h"
#include "util.h"
#include "vzenv.h"

#define DEF_STORE	"/var/lib/vzbc/vzubc"

#define C_HEAD		"\033[1;32m"
#define C_FAIL		"\033[1;31m"
#define C_NEAR		"\033[1;33m"
#define C_NORMAL	"\033[0;39m"

static int opt_watch, opt_watch_diff, opt_watch_notitle, opt_quiet, opt_verbose,
	   opt_relative, opt_rel_clear, opt_incremental, opt_inc_clear, opt_color;
static const char *opt_interval, *opt_qheld, *opt_qmaxheld, *opt_file, *opt_store;

static const struct poptOption opts[] = {
	{ "watch", 'w', POPT_ARG_NONE, &opt_watch, 0, "show again every 2 seconds (Ctrl-C ends)",
	  NULL },
	{ "wd", '\0', POPT_ARG_NONE | POPT_ARGFLAG_ONEDASH, &opt_watch_diff, 0,
	  "watch, highlighting the lines that changed", NULL },
	{ "wt", '\0', POPT_ARG_NONE | POPT_ARGFLAG_ONEDASH, &opt_watch_notitle, 0,
	  "watch without the title line", NULL },
	{ "wn", '\0', POPT_ARG_STRING | POPT_ARGFLAG_ONEDASH, &opt_interval, 0,
	  "watch, every SEC seconds", "SEC" },
	{ "quiet", 'q', POPT_ARG_NONE, &opt_quiet, 0,
	  "only beancounters that failed or are near their barrier", NULL },
	{ "qh", '\0', POPT_ARG_STRING | POPT_ARGFLAG_ONEDASH, &opt_qheld, 0,
	  "near: held / barrier at least R (0.5)", "R" },
	{ "qm", '\0', POPT_ARG_STRING | POPT_ARGFLAG_ONEDASH, &opt_qmaxheld, 0,
	  "near: maxheld / barrier at least R (0.8)", "R" },
	{ "verbose", 'v', POPT_ARG_NONE, &opt_verbose, 0, "unlimited beancounters too", NULL },
	{ "relative", 'r', POPT_ARG_NONE, &opt_relative, 0,
	  "failures since the last run with -r", NULL },
	{ "rc", '\0', POPT_ARG_NONE | POPT_ARGFLAG_ONEDASH, &opt_rel_clear, 0,
	  "forget the failure counts kept for -r", NULL },
	{ "rd", '\0', POPT_ARG_STRING | POPT_ARGFLAG_ONEDASH, &opt_store, 0,
	  "where -r and -i keep counts (" DEF_STORE ")", "DIR" },
	{ "incremental", 'i', POPT_ARG_NONE, &opt_incremental, 0,
	  "held's change since the last run with -i", NULL },
	{ "ic", '\0', POPT_ARG_NONE | POPT_ARGFLAG_ONEDASH, &opt_inc_clear, 0,
	  "forget the held values kept for -i", NULL },
	{ "id", '\0', POPT_ARG_STRING | POPT_ARGFLAG_ONEDASH, &opt_store, 0, "the same as -rd",
	  "DIR" },
	{ "color", 'c', POPT_ARG_NONE, &opt_color, 0,
	  "failures in red, values near the barrier in yellow", NULL },
	{ "file", 'f', POPT_ARG_STRING, &opt_file, 0,
	  "read FILE (- for stdin) instead of /proc/bc/resources", "FILE" },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

static struct vz_bc_thresholds thr = { 0.5, 0.8 };
static unsigned int *want;
static unsigned int nwant;

static bool wanted(const struct vz_bcblock *b)
{
	unsigned int i;

	if (!nwant)
		return true;
	for (i = 0; i < nwant; i++)
		if (b->have_ctid && b->ctid == want[i])
			return true;
	return false;
}

static void header(FILE *out, const struct vz_bcblock *b)
{
	const char *inc = opt_incremental ? "-------" : "";
	char id[16];

	if (b->have_ctid)
		snprintf(id, sizeof(id), "%u", b->ctid);
	else
		snprintf(id, sizeof(id), "-");
	fprintf(out, "%s--------------------------------------------------------------------%s\n",
		opt_color ? C_HEAD : "", inc);
	fprintf(out, "CT %-10s| HELD%s  Bar%%  Lim%%| MAXH  Bar%%  Lim%%| BAR | LIM | %cFAIL\n",
		id, opt_incremental ? "  +/-  " : "", opt_relative ? '+' : ' ');
	fprintf(out, "-------------+-----------------%s+-----------------+-----+-----+------%s\n",
		inc, opt_color ? C_NORMAL : "");
}

static void row(FILE *out, const struct ubc_res *res, const struct vz_bcrow *r,
		const char *delta, enum vz_bc_level level)
{
	char h[VZ_BC_HUMAN_LEN], hb[VZ_BC_HUMAN_LEN], hl[VZ_BC_HUMAN_LEN];
	char m[VZ_BC_HUMAN_LEN], mb[VZ_BC_HUMAN_LEN], ml[VZ_BC_HUMAN_LEN];
	char b[VZ_BC_HUMAN_LEN], l[VZ_BC_HUMAN_LEN], f[VZ_BC_HUMAN_LEN];
	static const char *const colors[] = { C_NORMAL, C_NEAR, C_FAIL };

	vz_bc_human(r->held, res->unit, h, sizeof(h));
	vz_bc_percent(r->held, r->barrier, hb, sizeof(hb));
	vz_bc_percent(r->held, r->limit, hl, sizeof(hl));
	vz_bc_human(r->maxheld, res->unit, m, sizeof(m));
	vz_bc_percent(r->maxheld, r->barrier, mb, sizeof(mb));
	vz_bc_percent(r->maxheld, r->limit, ml, sizeof(ml));
	vz_bc_human(r->barrier, res->unit, b, sizeof(b));
	vz_bc_human(r->limit, res->unit, l, sizeof(l));
	vz_bc_human(r->failcnt, UBC_COUNT, f, sizeof(f));
	fprintf(out, "%s%13s|%5s%s %5s %5s|%5s %5s %5s|%5s|%5s| %5s%s\n",
		opt_color ? colors[level] : "", res->name, h, delta, hb, hl, m, mb, ml, b, l, f,
		opt_color ? C_NORMAL : "");
}

/* The rows of one container to show; true when it showed any */
static bool show_block(FILE *out, const struct vz_bcblock *b, bool first)
{
	uint64_t oldf[VZBC_RESOURCES], oldh[VZBC_RESOURCES], nowf[VZBC_RESOURCES],
		 nowh[VZBC_RESOURCES];
	uint32_t havef = 0, haveh = 0;
	bool shown = false;
	unsigned int i;

	if (opt_relative)
		vz_bc_store_load(opt_store, b->ctid, "failcnt", oldf, &havef);
	if (opt_incremental)
		vz_bc_store_load(opt_store, b->ctid, "held", oldh, &haveh);
	for (i = 0; i < ubc_nr_resources; i++) {
		const struct ubc_res *res = &ubc_resources[i];
		uint32_t bit = 1u << res->id;
		struct vz_bcrow r = b->r[res->id];
		char delta[VZ_BC_HUMAN_LEN + 2] = "";
		bool moved = false;

		if (!(b->present & bit))
			continue;
		nowf[res->id] = r.failcnt;
		nowh[res->id] = r.held;
		if (opt_relative)
			r.failcnt = vz_bc_failcnt_since(r.failcnt, havef & bit, oldf[res->id]);
		if (opt_incremental) {
			snprintf(delta, sizeof(delta), "       ");
			if ((haveh & bit) && oldh[res->id] != r.held) {
				uint64_t d = r.held > oldh[res->id] ? r.held - oldh[res->id]
								    : oldh[res->id] - r.held;
				char hd[VZ_BC_HUMAN_LEN], sd[VZ_BC_HUMAN_LEN + 1];

				vz_bc_human(d, res->unit, hd, sizeof(hd));
				snprintf(sd, sizeof(sd), "%c%s", r.held > oldh[res->id] ? '+' : '-', hd);
				snprintf(delta, sizeof(delta), "%7s", sd);
				moved = true;
			}
		}
		enum vz_bc_level level = vz_bc_level(&r, &thr);

		if (!moved && ((opt_quiet && level == VZ_BC_OK) ||
			       (!opt_verbose && ubc_unlimited(r.barrier))))
			continue;
		if (!shown) {
			if (!first)
				fputc('\n', out);
			header(out, b);
			shown = true;
		}
		row(out, res, &r, delta, level);
	}
	if (opt_relative)
		vz_bc_store_save(opt_store, b->ctid, "failcnt", nowf, b->present);
	if (opt_incremental)
		vz_bc_store_save(opt_store, b->ctid, "held", nowh, b->present);
	return shown;
}

/* One report into out: 0, or an errno-style error reading the file */
static int report(FILE *out, const char *file)
{
	struct vz_bcstat st;
	bool any = false;
	unsigned int i;
	int ret;

	ret = vz_bcstat_read(file, &st);
	if (ret) {
		vz_bcstat_free(&st);
		return ret;
	}
	for (i = 0; i < st.n; i++) {
		if (!wanted(&st.b[i]))
			continue;
		if ((opt_relative || opt_incremental) && !st.b[i].have_ctid) {
			vz_bcstat_free(&st);
			return -ENOKEY;
		}
		if (show_block(out, &st.b[i], !any))
			any = true;
	}
	if (any)
		fprintf(out, "--------------------------------------------------------------------%s\n",
			opt_incremental ? "-------" : "");
	vz_bcstat_free(&st);
	return 0;
}

static void say_error(int err, const char *file)
{
	if (err == -ENOKEY)
		fprintf(stderr, "vzubc: %s has no container IDs: -r and -i cannot be used\n", file);
	else if (err == -EPROTO)
		fprintf(stderr, "vzubc: %s: not a beancounter file of version 2.5\n", file);
	else
		fprintf(stderr, "vzubc: %s: %s\n", file, strerror(-err));
}

/* -w: the report again and again, on a cleared screen */
static int watch(const char *file, double interval, const char *cmdline)
{
	char *prev = NULL, *buf = NULL, *line, *save, *pline, *psave = NULL;
	size_t len;
	FILE *m;
	int ret;

	for (;;) {
		m = open_memstream(&buf, &len);
		if (!m)
			return -ENOMEM;
		ret = report(m, file);
		fclose(m);
		if (ret) {
			free(buf);
			free(prev);
			return ret;
		}
		fputs("\033[H\033[2J", stdout);
		if (!opt_watch_notitle) {
			time_t now = time(NULL);

			printf("Every %gs: %s    %s\n", interval, cmdline, ctime(&now));
		}
		pline = prev ? strtok_r(prev, "\n", &psave) : NULL;
		char *copy = strdup(buf);

		for (line = copy ? strtok_r(copy, "\n", &save) : NULL; line;
		     line = strtok_r(NULL, "\n", &save)) {
			bool changed = opt_watch_diff && prev && (!pline || strcmp(line, pline));

			printf("%s%s%s\n", changed ? "\033[7m" : "", line, changed ? "\033[27m" : "");
			pline = pline ? strtok_r(NULL, "\n", &psave) : NULL;
		}
		free(copy);
		fflush(stdout);
		free(prev);
		prev = buf;
		buf = NULL;
		vz_msleep((unsigned int)(interval * 1000));
	}
}

/* the CTIDs (or names) given: 0, or 1 after saying which is wrong */
static int parse_ids(const char **args)
{
	unsigned int n = 0;

	while (args && args[n])
		n++;
	want = calloc(n ? n : 1, sizeof(*want));
	if (!want)
		return 1;
	for (nwant = 0; nwant < n; nwant++) {
		if (vz_parse_ctid(args[nwant], &want[nwant]) &&
		    vz_ctid_by_name(args[nwant], &want[nwant])) {
			fprintf(stderr, "vzubc: no container '%s': a CTID or a name\n", args[nwant]);
			return 1;
		}
	}
	return 0;
}

/* the options' consistency and values: 0, or 1 after saying why */
static int check_options(double *interval)
{
	char *end;

	if (opt_watch_diff || opt_watch_notitle || opt_interval)
		opt_watch = 1;
	*interval = 2;
	if (opt_interval) {
		*interval = strtod(opt_interval, &end);
		if (*end || !(*interval >= 0.1 && *interval <= 86400)) {
			fprintf(stderr, "vzubc: bad interval '%s': seconds, 0.1 or more\n",
				opt_interval);
			return 1;
		}
	}
	if ((opt_qheld || opt_qmaxheld) && !opt_quiet && !opt_color) {
		fprintf(stderr, "vzubc: -qh and -qm only make sense with -q or -c\n");
		return 1;
	}
	if (opt_quiet && opt_verbose) {
		fprintf(stderr, "vzubc: -q and -v cannot be used together\n");
		return 1;
	}
	if ((opt_qheld && vz_bc_parse_threshold(opt_qheld, &thr.held)) ||
	    (opt_qmaxheld && vz_bc_parse_threshold(opt_qmaxheld, &thr.maxheld))) {
		fprintf(stderr, "vzubc: bad threshold '%s': a ratio (0.5) or a percentage (50)\n",
			opt_qheld && vz_bc_parse_threshold(opt_qheld, &thr.held) ? opt_qheld
										  : opt_qmaxheld);
		return 1;
	}
	if (thr.held > thr.maxheld)
		thr.held = thr.maxheld;
	return 0;
}

/* -r, -i, -rc, -ic: the store ready; 0 or 1 after saying why */
static int prepare_store(void)
{
	int ret = 0;

	if (!opt_store)
		opt_store = DEF_STORE;
	if (opt_rel_clear)
		ret = vz_bc_store_clear(opt_store, "failcnt");
	if (!ret && opt_inc_clear)
		ret = vz_bc_store_clear(opt_store, "held");
	if (!ret && (opt_relative || opt_incremental)) {
		if (!strcmp(opt_store, DEF_STORE))
			vzenv_mkdir_p("/var/lib/vzbc", 0755);
		ret = vz_bc_store_prepare(opt_store);
	}
	if (ret)
		fprintf(stderr, "vzubc: %s: %s\n", opt_store,
			ret == -EPERM ? "not a directory of this user closed to others"
				      : strerror(-ret));
	return ret ? 1 : 0;
}

int main(int argc, const char **argv)
{
	char cmdline[1024] = "vzubc";
	const char *file;
	poptContext ctx;
	double interval;
	int rc, ret = 0, i;

	ctx = poptGetContext("vzubc", argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "[OPTION...] [CTID|NAME ...]");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		if (rc == 'h') {
			poptPrintHelp(ctx, stdout, 0);
			goto out;
		}
	}
	if (rc < -1) {
		fprintf(stderr, "vzubc: %s: %s\n", poptBadOption(ctx, POPT_BADOPTION_NOALIAS),
			poptStrerror(rc));
		ret = 1;
		goto out;
	}
	ret = check_options(&interval) || parse_ids(poptGetArgs(ctx)) || prepare_store();
	if (ret)
		goto out;
	file = opt_file ? opt_file : vz_bcstat_default_path();
	if (opt_watch) {
		for (i = 1; i < argc; i++)
			snprintf(cmdline + strlen(cmdline), sizeof(cmdline) - strlen(cmdline), " %s",
				 argv[i]);
		ret = watch(file, interval, cmdline);
	} else {
		ret = report(stdout, file);
	}
	if (ret) {
		say_error(ret, file);
		ret = 1;
	}
out:
	free(want);
	poptFreeContext(ctx);
	return ret;
}
