// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl create CTID [--ostemplate NAME] [--config NAME] [--hostname NAME]
 *     [--ipadd ADDR] [--private PATH] [--root PATH] [--layout simfs|ploop...]
 *     [--diskspace S[:H]] [--diskinodes S[:H]] [--local_uid UID] [--local_gid GID]
 *
 * Its options are the parameters (params.c) that create takes.
 */
#include <stdlib.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "params.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

int vzctl_create(int argc, const char **argv)
{
	const struct poptOption own[] = { POPT_TABLEEND };
	struct poptOption *opts = cmd_param_opts(VZP_CREATE, own);
	struct vz_values v = { 0 };
	struct vzenv env;
	struct vz_err err;
	unsigned int ctid;
	int lock, ret = -1;

	if (!opts) {
		vz_failp(&err, VZ_SYSTEM_ERROR, "out of memory");
		goto out;
	}
	if (cmd_parse(argc, argv, opts, cmd_param_value, &v, &ctid, &err))
		goto out;
	lock = vz_ct_open(ctid, &env, false, &err);
	if (lock < 0)
		goto out;
	v.env = &env;
	ret = vz_ct_create(&env, &v, &err);
	close(lock);
out:
	free(opts);
	return ret ? cmd_fail(&err) : 0;
}
