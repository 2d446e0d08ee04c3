// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl restart CTID [--fast] [--wait] [--force]: stop (the private area
 * unmounted), then start.
 */
#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzenv.h"

static int restart(const struct vzenv *env, struct vz_err *err)
{
	return vz_ct_restart(env, &cmd_stop, &cmd_start, err);
}

int vzctl_restart(int argc, const char **argv)
{
	const struct poptOption opts[] = {
		CMD_INCLUDE(cmd_fast_opt),
		CMD_INCLUDE(cmd_start_opts),
		POPT_AUTOHELP
		POPT_TABLEEND
	};

	return cmd_locked(argc, argv, opts, true, restart);
}
