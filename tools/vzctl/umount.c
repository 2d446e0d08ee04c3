// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl umount CTID: a stopped container's VE_ROOT unmounted.
 */
#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

static int umount_ct(const struct vzenv *env, struct vz_err *err)
{
	if (vzenv_running(env))
		return vz_fail(err, VZ_VE_RUNNING, "Container is running: stop it first");
	if (!vzenv_mounted(env))
		return vz_fail(err, VZ_FS_NOT_MOUNTED, "Container is not mounted");
	return vz_ct_umount(env, err);
}

int vzctl_umount(int argc, const char **argv)
{
	const struct poptOption opts[] = { POPT_AUTOHELP POPT_TABLEEND };

	return cmd_locked(argc, argv, opts, true, umount_ct);
}
