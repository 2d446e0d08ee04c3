// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl runscript CTID SCRIPT: the host file SCRIPT run by the container's
 * /bin/sh, inside it; exits with the script's status. A running container
 * is not locked meanwhile (as for exec); a stopped one is started for the
 * script (which is its pid 1) and stays locked while it runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "join.h"
#include "util.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

int vzctl_runscript(int argc, const char **argv)
{
	struct vz_err err;
	struct vzenv env;
	unsigned int ctid;
	int fd, lock, ret, status;

	if (argc != 3) {
		fprintf(stderr, "Usage: %s <ctid> <script>\n", argv[0]);
		return VZ_INVALID_PARAMETER_SYNTAX;
	}
	if (vz_ctid_arg(argv[1], &ctid, &err))
		return cmd_fail(&err);
	fd = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		vz_failp(&err, VZ_INVALID_PARAMETER_VALUE, "script %s: %s", argv[2],
			 strerror(errno));
		return cmd_fail(&err);
	}
	lock = vz_ct_open(ctid, &env, true, &err);
	if (lock < 0) {
		close(fd);
		return cmd_fail(&err);
	}
	if (vzenv_running(&env)) {
		close(lock);
		status = vz_ct_run_script(&env, fd, 0);
		ret = status < 0 ? vz_failp(&err, VZ_SYSTEM_ERROR, "%s", strerror(-status)) : 0;
	} else {
		ret = vz_ct_run_stopped(&env, fd, &status, &err);
		close(lock);
	}
	close(fd);
	return ret ? cmd_fail(&err) : vz_status_code(status);
}
