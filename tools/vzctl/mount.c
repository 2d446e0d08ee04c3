// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl mount CTID: the private area on VE_ROOT, with the action scripts.
 */
#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

static int mount_ct(const struct vzenv *env, struct vz_err *err)
{
	if (vzenv_mounted(env))
		return vz_fail(err, VZ_FS_MOUNTED, "Container is already mounted");
	return vz_ct_mount(env, err);
}

int vzctl_mount(int argc, const char **argv)
{
	const struct poptOption opts[] = { POPT_AUTOHELP POPT_TABLEEND };

	return cmd_locked(argc, argv, opts, true, mount_ct);
}
