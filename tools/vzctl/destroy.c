// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl destroy (or delete) CTID: a stopped container's private area and
 * root removed, its config renamed CTID.conf.destroyed.
 */
#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzenv.h"


int vzctl_destroy(int argc, const char **argv)
{
	const struct poptOption opts[] = { POPT_AUTOHELP POPT_TABLEEND };

	return cmd_locked(argc, argv, opts, true, vz_ct_destroy);
}
