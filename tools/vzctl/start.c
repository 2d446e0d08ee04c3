// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl start CTID [--wait] [--force]
 */
#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzenv.h"

static int start(const struct vzenv *env, struct vz_err *err)
{
	return vz_ct_start(env, &cmd_start, err);
}

int vzctl_start(int argc, const char **argv)
{
	const struct poptOption opts[] = {
		CMD_INCLUDE(cmd_start_opts),
		POPT_AUTOHELP
		POPT_TABLEEND
	};

	return cmd_locked(argc, argv, opts, true, start);
}
