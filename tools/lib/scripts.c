// SPDX-License-Identifier: GPL-2.0
/*
 * Action scripts (see scripts.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "join.h"
#include "scripts.h"
#include "util.h"
#include "vzenv.h"
#include "vzexit.h"

/* One host action script, if it exists. */
static int host_script(const struct vzenv *env, const char *path, struct vz_err *err)
{
	char veid[32], conffile[PATH_MAX + 16], root[PATH_MAX + 16], priv[PATH_MAX + 16];
	char *const argv[] = { (char *)path, NULL };
	char *const envp[] = { veid, conffile, root, priv, "PATH=" VZ_PATH, NULL };
	int status, ret;
	pid_t pid;

	if (access(path, F_OK))
		return 0;
	snprintf(veid, sizeof(veid), "VEID=%u", env->ctid);
	snprintf(conffile, sizeof(conffile), "VE_CONFFILE=%s", env->conf);
	snprintf(root, sizeof(root), "VE_ROOT=%s", env->root);
	snprintf(priv, sizeof(priv), "VE_PRIVATE=%s", env->private);
	fflush(NULL);
	ret = posix_spawn(&pid, path, NULL, NULL, argv, envp);
	if (ret)
		return vz_fail(err, VZ_ACTIONSCRIPT_ERROR, "Unable to run action script %s: %s",
			       path, strerror(ret));
	status = vz_wait(pid);
	if (status < 0)
		return vz_fail(err, VZ_SYSTEM_ERROR, "Waiting for action script %s: %s", path,
			       strerror(-status));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return vz_fail(err, VZ_ACTIONSCRIPT_ERROR, "Action script %s exited with status %d",
			       path, WEXITSTATUS(status));
	return vz_fail(err, VZ_ACTIONSCRIPT_ERROR, "Action script %s was killed by signal %d",
		       path, WTERMSIG(status));
}

int vz_host_scripts(const struct vzenv *env, const char *action, struct vz_err *err)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), VZ_CONF_DIR "/vps.%s", action);
	if (host_script(env, path, err))
		return -1;
	snprintf(path, sizeof(path), VZ_CONF_DIR "/%u.%s", env->ctid, action);
	return host_script(env, path, err);
}

int vz_inner_script(const struct vzenv *env, const char *action, struct vz_err *err)
{
	char path[PATH_MAX];
	int fd, ret;

	snprintf(path, sizeof(path), VZ_CONF_DIR "/%u.%s", env->ctid, action);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0)
		return vz_fail(err, VZ_ACTIONSCRIPT_ERROR, "Unable to open action script %s: %s",
			       path, strerror(errno));
	ret = vz_ct_run_script(env, fd, 0);
	close(fd);
	if (ret == 0)
		return 0;
	if (ret < 0)
		return vz_fail(err, VZ_ACTIONSCRIPT_ERROR, "Unable to run action script %s: %s",
			       path, strerror(-ret));
	return vz_fail(err, VZ_ACTIONSCRIPT_ERROR,
		       "Action script %s failed in the container (status %d)", path,
		       vz_status_code(ret));
}
