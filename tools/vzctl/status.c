// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl status CTID: "CTID N exist|deleted mounted|unmounted running|down",
 * without taking the container's lock.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

int vzctl_status(int argc, const char **argv)
{
	const struct poptOption opts[] = { POPT_AUTOHELP POPT_TABLEEND };
	struct vz_err err;
	struct vzenv env;
	unsigned int ctid;
	int ret;

	if (cmd_parse(argc, argv, opts, NULL, NULL, &ctid, &err))
		return cmd_fail(&err);
	ret = vzenv_load(ctid, &env);
	if (ret) {
		vz_failp(&err, VZ_SYSTEM_ERROR, "reading the configuration of %u: %s", ctid,
			 strerror(-ret));
		return cmd_fail(&err);
	}
	printf("CTID %u %s %s %s\n", ctid,
	       env.exists && !access(env.private, F_OK) ? "exist" : "deleted",
	       vzenv_mounted(&env) ? "mounted" : "unmounted",
	       vzenv_running(&env) ? "running" : "down");
	return 0;
}
