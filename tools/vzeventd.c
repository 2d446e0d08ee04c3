// SPDX-License-Identifier: GPL-2.0
/*
 * vzeventd: cleans up after a container halted from inside and starts a
 * container rebooted from inside again, on vzbc.ko's events (OpenVZ's
 * vzeventd; the work is tools/lib/eventd.c).
 *
 *   vzeventd [-s]
 *
 * Runs in the foreground until SIGTERM, SIGINT or SIGHUP; what it does
 * goes to stderr, or with -s to syslog.
 */
#include <popt.h>
#include <signal.h>
#include <stdio.h>
#include <syslog.h>

#include "err.h"
#include "eventd.h"

static int opt_syslog, opt_version;

static const struct poptOption opts[] = {
	{ "syslog", 's', POPT_ARG_NONE, &opt_syslog, 0, "log to syslog instead of stderr",
	  NULL },
	{ "version", 'V', POPT_ARG_NONE, &opt_version, 0, "show the version", NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

static void log_stderr(int level, const char *msg)
{
	(void)level;
	fprintf(stderr, "vzeventd: %s\n", msg);
}

static void log_syslog(int level, const char *msg)
{
	syslog((level & ~VZ_LOG_TAG) == VZ_INFO ? LOG_INFO : LOG_WARNING, "%s", msg);
}

int main(int argc, const char **argv)
{
	struct vz_err err = { 0 };
	poptContext ctx;
	sigset_t sigs;
	int rc, ret = 0;

	ctx = poptGetContext("vzeventd", argc, argv, opts, 0);
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		poptPrintHelp(ctx, stdout, 0);
		goto out;
	}
	if (rc < -1 || poptPeekArg(ctx)) {
		fprintf(stderr, "vzeventd: %s\nUsage: vzeventd [-s]\n",
			rc < -1 ? poptStrerror(rc) : "no arguments are taken");
		ret = 1;
		goto out;
	}
	if (opt_version) {
		printf("vzeventd %s\n", VZBC_TOOLS_VERSION);
		goto out;
	}
	if (opt_syslog) {
		openlog("vzeventd", LOG_PID, LOG_DAEMON);
		vz_log_set(log_syslog);
	} else {
		setvbuf(stderr, NULL, _IOLBF, 0);
		vz_log_set(log_stderr);
	}
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	if (vz_eventd_run(&sigs, &err))
		ret = vz_err_print(&err, "vzeventd");
out:
	poptFreeContext(ctx);
	return ret;
}
