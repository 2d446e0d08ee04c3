// SPDX-License-Identifier: GPL-2.0
/*
 * vzpid: which container a process belongs to, from its cgroup.
 *
 *   vzpid [-p] PID ...
 *   vzpid [-p] -          (PIDs from stdin)
 *
 * Prints "Pid CTID Name" (with -p also "CT/Pid", its PID inside the
 * container), tab-separated as OpenVZ's vzpid did; CTID 0 is the host.
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctpid.h"

static int opt_vpid;

static const struct poptOption opts[] = {
	{ NULL, 'p', POPT_ARG_NONE, &opt_vpid, 0, "also the PID inside the container", NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

static char base[4096];

/* one PID: its line, or 1 after saying why not */
static int show(const char *arg)
{
	struct vz_pidinfo pi;
	char *end;
	long pid;
	int ret;

	errno = 0;
	pid = strtol(arg, &end, 10);
	if (errno || end == arg || *end || pid <= 0 || pid > 4194304) {
		fprintf(stderr, "vzpid: bad PID '%s'\n", arg);
		return 1;
	}
	ret = vz_pid_info("/proc", (pid_t)pid, base, &pi);
	if (ret) {
		fprintf(stderr, "vzpid: %ld: %s\n", pid,
			ret == -ESRCH ? "no such process" : strerror(-ret));
		return 1;
	}
	if (opt_vpid) {
		if (pi.vpid)
			printf("%d\t%d\t%u\t%s\n", pi.pid, pi.vpid, pi.ctid, pi.name);
		else
			printf("%d\t-\t%u\t%s\n", pi.pid, pi.ctid, pi.name);
	} else {
		printf("%d\t%u\t%s\n", pi.pid, pi.ctid, pi.name);
	}
	return 0;
}

int main(int argc, const char **argv)
{
	const char **args;
	poptContext ctx;
	char word[64];
	int rc, ret = 0, i;

	ctx = poptGetContext("vzpid", argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "[-p] PID ... | -");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		poptPrintHelp(ctx, stdout, 0);
		goto out;
	}
	args = poptGetArgs(ctx);
	if (rc < -1 || !args) {
		fprintf(stderr, "vzpid: %s\nUsage: vzpid [-p] PID ... | -\n",
			rc < -1 ? poptStrerror(rc) : "no PID given");
		ret = 1;
		goto out;
	}
	vz_pid_cgroup_base(base, sizeof(base));
	if (opt_vpid)
		printf("Pid\tCT/Pid\tCTID\tName\n");
	else
		printf("Pid\tCTID\tName\n");
	if (!strcmp(args[0], "-") && !args[1]) {
		while (scanf("%63s", word) == 1)
			ret |= show(word);
	} else {
		for (i = 0; args[i]; i++)
			ret |= show(args[i]);
	}
out:
	poptFreeContext(ctx);
	return ret;
}
