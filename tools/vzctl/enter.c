// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl enter CTID: a root login shell in the container, on a pty of its
 * own, with our terminal in raw mode meanwhile. Exits with the shell's
 * status.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "join.h"
#include "util.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

int vzctl_enter(int argc, const char **argv)
{
	bool tty = isatty(STDIN_FILENO);
	struct termios saved, raw;
	struct vz_err err;
	struct winsize ws;
	struct vzenv env;
	unsigned int ctid;
	int lock, ret;

	if (argc != 2) {
		fprintf(stderr, "Usage: %s <ctid>\n", argv[0]);
		return VZ_INVALID_PARAMETER_SYNTAX;
	}
	if (vz_ctid_arg(argv[1], &ctid, &err))
		return cmd_fail(&err);
	lock = vz_ct_open(ctid, &env, true, &err);
	if (lock < 0)
		return cmd_fail(&err);
	close(lock);
	if (!vzenv_running(&env)) {
		vz_fail(&err, VZ_VE_NOT_RUNNING, "Container is not running");
		return cmd_fail(&err);
	}
	if (tty) {
		tcgetattr(STDIN_FILENO, &saved);
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
		ioctl(STDIN_FILENO, TIOCGWINSZ, &ws);
	}
	fprintf(stderr, "entered into CT %u\r\n", ctid);
	ret = vz_ct_enter(&env, tty ? &ws : NULL);
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	fprintf(stderr, "exited from CT %u\n", ctid);
	return ret < 0 ? VZ_SYSTEM_ERROR : vz_status_code(ret);
}
