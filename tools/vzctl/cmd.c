// SPDX-License-Identifier: GPL-2.0
/*
 * What vzctl's commands share about the command line (see vzctl.h).
 */
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "params.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

int cmd_fail(const struct vz_err *err)
{
	return vz_err_print(err, "vzctl");
}

int cmd_parse(int argc, const char **argv, const struct poptOption *opts, cmd_opt_fn *opt,
	      void *data, unsigned int *ctid, struct vz_err *err)
{
	const char *arg;
	poptContext ctx;
	char *optarg;
	int rc, ret;

	ctx = poptGetContext(argv[0], argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "<ctid> [OPTION...]");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		if (!opt)
			continue;
		optarg = poptGetOptArg(ctx);
		ret = opt(rc, optarg, data, err);
		free(optarg);
		if (ret)
			goto out;
	}
	if (rc < -1) {
		ret = vz_fail(err, VZ_INVALID_PARAMETER_SYNTAX, "%s: %s: %s", argv[0],
			      poptBadOption(ctx, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		goto out;
	}
	arg = poptGetArg(ctx);
	if (!arg || poptPeekArg(ctx)) {
		poptPrintUsage(ctx, stderr, 0);
		ret = vz_fail(err, VZ_INVALID_PARAMETER_SYNTAX, "%s", "");
		goto out;
	}
	ret = vz_ctid_arg(arg, ctid, err);
out:
	poptFreeContext(ctx);
	return ret;
}

int cmd_locked(int argc, const char **argv, const struct poptOption *opts, bool need_conf,
	       cmd_action_fn *action)
{
	struct vz_err err;
	struct vzenv env;
	unsigned int ctid;
	int lock, ret;

	if (cmd_parse(argc, argv, opts, NULL, NULL, &ctid, &err))
		return cmd_fail(&err);
	lock = vz_ct_open(ctid, &env, need_conf, &err);
	if (lock < 0)
		return cmd_fail(&err);
	ret = action(&env, &err);
	close(lock);
	return ret ? cmd_fail(&err) : 0;
}

struct vz_start_opts cmd_start;
struct vz_stop_opts cmd_stop;

const struct poptOption cmd_start_opts[] = {
	{ "wait", '\0', POPT_ARG_NONE, &cmd_start.wait, 0,
	  "return once the container's init has finished booting", NULL },
	{ "force", '\0', POPT_ARG_NONE, &cmd_start.force, 0,
	  "start it even if its config says DISABLED=\"yes\"", NULL },
	POPT_TABLEEND
};

const struct poptOption cmd_fast_opt[] = {
	{ "fast", '\0', POPT_ARG_NONE, &cmd_stop.fast, 0,
	  "kill the container's processes without a clean shutdown", NULL },
	POPT_TABLEEND
};

const struct poptOption cmd_skip_umount_opt[] = {
	{ "skip-umount", '\0', POPT_ARG_NONE, &cmd_stop.skip_umount, 0,
	  "leave the private area mounted on VE_ROOT", NULL },
	POPT_TABLEEND
};

int cmd_param_value(int val, const char *arg, void *data, struct vz_err *err)
{
	return vz_values_add(data, &vz_params[val - CMD_PARAM], arg, err);
}

struct poptOption *cmd_param_opts(unsigned int flag, const struct poptOption *own)
{
	const struct poptOption help[] = { POPT_AUTOHELP POPT_TABLEEND };
	const struct vz_param *p;
	struct poptOption *opts;
	size_t n = 0, i;

	for (i = 0; own[i].longName || own[i].shortName; i++)
		;
	for (p = vz_params; p->name; p++)
		n++;
	opts = calloc(i + n + 2, sizeof(*opts));
	if (!opts)
		return NULL;
	memcpy(opts, own, i * sizeof(*opts));
	for (p = vz_params; p->name; p++) {
		if (!(p->flags & flag))
			continue;
		opts[i++] = (struct poptOption){ p->name, '\0', POPT_ARG_STRING, NULL,
						 CMD_PARAM + (int)(p - vz_params), p->help,
						 p->argdesc };
	}
	memcpy(&opts[i], help, sizeof(help));
	return opts;
}
