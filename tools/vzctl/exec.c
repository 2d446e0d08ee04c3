// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl exec CTID COMMAND [ARG...] | -
 * vzctl exec2 CTID COMMAND [ARG...] | -
 *
 * The words joined into one command line run by the container's
 * /bin/sh -c (or, for "-", a script read from standard input), as its
 * root. exec exits 0 when the command succeeded, 8 when not; exec2 with
 * the command's own status. The container is not locked while it runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "join.h"
#include "util.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

/* "vzctl exec CTID cmd..." -> ctid and the command line, joined */
static int exec_parse(int argc, const char **argv, unsigned int *ctid, char **cmd,
		      struct vz_err *err)
{
	size_t len = 0;
	int i;

	if (argc < 3) {
		fprintf(stderr, "Usage: %s <ctid> <command> [arg ...] | -\n", argv[0]);
		return vz_fail(err, VZ_INVALID_PARAMETER_SYNTAX, "%s", "");
	}
	if (vz_ctid_arg(argv[1], ctid, err))
		return -1;
	for (i = 2; i < argc; i++)
		len += strlen(argv[i]) + 1;
	*cmd = calloc(1, len + 1);
	if (!*cmd)
		return vz_failp(err, VZ_SYSTEM_ERROR, "out of memory");
	for (i = 2; i < argc; i++) {
		if (i > 2)
			strcat(*cmd, " ");
		strcat(*cmd, argv[i]);
	}
	return 0;
}

/* the command's wait status, or -1 */
static int exec_run(int argc, const char **argv, struct vz_err *err)
{
	const char *sh_c[] = { "/bin/sh", "-c", NULL, NULL };
	const char *sh_stdin[] = { "/bin/sh", NULL };
	struct vzenv env;
	unsigned int ctid;
	char *cmd = NULL;
	int ret, lock;

	if (exec_parse(argc, argv, &ctid, &cmd, err))
		return -1;
	lock = vz_ct_open(ctid, &env, true, err);
	if (lock < 0) {
		free(cmd);
		return -1;
	}
	close(lock);	/* the command may run for long: do not hold the lock */
	if (!vzenv_running(&env)) {
		free(cmd);
		return vz_fail(err, VZ_VE_NOT_RUNNING, "Container is not running");
	}
	sh_c[2] = cmd;
	ret = vz_ct_exec(&env, strcmp(cmd, "-") ? sh_c : sh_stdin, 0, -1);
	free(cmd);
	if (ret < 0)
		return vz_failp(err, VZ_SYSTEM_ERROR, "%s", strerror(-ret));
	return ret;
}

int vzctl_exec(int argc, const char **argv)
{
	struct vz_err err;
	int status = exec_run(argc, argv, &err);

	if (status < 0)
		return cmd_fail(&err);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : VZ_COMMAND_EXECUTION_ERROR;
}

int vzctl_exec2(int argc, const char **argv)
{
	struct vz_err err;
	int status = exec_run(argc, argv, &err);

	return status < 0 ? cmd_fail(&err) : vz_status_code(status);
}
