// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl stop CTID [--fast] [--skip-umount]
 */
#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzenv.h"

static int stop(const struct vzenv *env, struct vz_err *err)
{
	return vz_ct_stop(env, &cmd_stop, err);
}

int vzctl_stop(int argc, const char **argv)
{
	const struct poptOption opts[] = {
		CMD_INCLUDE(cmd_fast_opt),
		CMD_INCLUDE(cmd_skip_umount_opt),
		POPT_AUTOHELP
		POPT_TABLEEND
	};

	return cmd_locked(argc, argv, opts, true, stop);
}
