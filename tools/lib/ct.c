// SPDX-License-Identifier: GPL-2.0
/*
 * A container's life cycle: mount, start, stop, restart, runscript,
 * destroy (see ct.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup.h"
#include "ct.h"
#include "ctinit.h"
#include "disk.h"
#include "err.h"
#include "groups.h"
#include "join.h"
#include "libvzbc.h"
#include "netdev.h"
#include "quota.h"
#include "scripts.h"
#include "util.h"
#include "venet.h"
#include "vzenv.h"
#include "vzexit.h"

/* ------------------------------------------------------------ mount */

/* simfs: DISKSPACE and DISKINODES as the private area's project quota,
 * where its file system has project quotas (else kept in the config only) */
static int simfs_quota(const struct vzenv *env, struct vz_err *err)
{
	char space[64], inodes[64];
	int ret;

	if (vzenv_get(env, "DISKSPACE", space, sizeof(space)))
		space[0] = '\0';
	if (vzenv_get(env, "DISKINODES", inodes, sizeof(inodes)))
		inodes[0] = '\0';
	ret = vz_simfs_quota_set(env, space, inodes);
	if (ret == -EINVAL)
		return vz_fail(err, VZ_INVALID_PARAMETER_VALUE, "bad DISKSPACE or DISKINODES "
			       "in %s", env->conf);
	if (ret && ret != -EOPNOTSUPP)
		return vz_fail(err, VZ_FS_CANTMOUNT, "Unable to set the disk quota of %s: %s",
			       env->private, strerror(-ret));
	return 0;
}

/* Mount the private area on VE_ROOT (bind-mount the directory, or mount
 * the ploop image), between the premount and mount scripts (a failing
 * mount script undoes the mount). */
int vz_ct_mount(const struct vzenv *env, struct vz_err *err)
{
	bool ploop = ploop_exists(env);
	int ret;

	if (vzenv_mounted(env))
		return 0;
	if (access(env->private, F_OK))
		return vz_fail(err, VZ_FS_NOPRVT, "Container private area %s does not exist",
			       env->private);
	if (vz_host_scripts(env, "premount", err))
		return -1;
	ret = ploop ? 0 : simfs_quota(env, err);
	if (ret)
		return -1;
	ret = vzenv_mkdir_p(env->root, 0755);
	if (!ret && ploop)
		ret = ploop_mount(env->private, env->root, 0);
	else if (!ret && mount(env->private, env->root, NULL, MS_BIND | MS_REC, NULL))
		ret = -errno;
	if (ret)
		return vz_fail(err, VZ_FS_CANTMOUNT, "Unable to mount %s%s on %s: %s", env->private,
			       ploop ? "/root.hdd" : "", env->root, strerror(-ret));
	if (vz_host_scripts(env, "mount", err)) {
		umount2(env->root, MNT_DETACH);
		return -1;
	}
	vz_log(VZ_INFO, "Container is mounted");
	return 0;
}

/* Unmount VE_ROOT between the umount and postumount scripts (a failing
 * umount script leaves it mounted). */
int vz_ct_umount(const struct vzenv *env, struct vz_err *err)
{
	if (!vzenv_mounted(env))
		return 0;
	if (vz_host_scripts(env, "umount", err))
		return -1;
	if (umount2(env->root, 0) && umount2(env->root, MNT_DETACH))
		return vz_fail(err, VZ_FS_CANTUMOUNT, "Unable to unmount %s: %s", env->root,
			       strerror(errno));
	vz_log(VZ_INFO, "Container is unmounted");
	return vz_host_scripts(env, "postumount", err);
}

/* ------------------------------------------------------------ start */

static int open_vzbc(struct vz_err *err)
{
	int fd = vzbc_open();

	if (fd < 0)
		return vz_failp(err, vz_exit_code(fd), "%s", vzbc_strerror(fd));
	return fd;
}

/* Unregister (tasks may take a moment to leave) and remove the cgroup. */
static int ct_release(const struct vzenv *env, int vzfd, struct vz_err *err)
{
	unsigned int t;
	int ret;

	for (t = 0; t < 5000; t += 50) {
		ret = vzbc_ct_unregister(vzfd, env->ctid);
		if (ret != -EBUSY)
			break;
		vz_msleep(50);
	}
	if (ret && ret != -ENOENT)
		return vz_failp(err, VZ_STOP_ERROR, "unregistering container %u: %s", env->ctid,
				vzbc_strerror(ret));
	ret = vz_cg_remove(env->cgroup);
	if (ret)
		return vz_failp(err, VZ_STOP_ERROR, "removing %s: %s", env->cgroup, strerror(-ret));
	return 0;
}

/* The container's cgroup made: its fd. */
static int ct_cgroup(const struct vzenv *env, struct vz_err *err)
{
	int cgfd = -1, ret;

	ret = vz_cg_nsdelegate(env->cgroup_base);
	if (ret)
		return vz_failp(err, VZ_ENVCREATE_ERROR, "no nsdelegate on the cgroup2 mount of %s, "
				"without which a container could change its own limits: %s",
				env->cgroup_base, strerror(-ret));
	ret = vz_cg_create(env);
	if (!ret) {
		cgfd = open(env->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (cgfd < 0)
			ret = -errno;
	}
	if (ret)
		return vz_failp(err, VZ_ENVCREATE_ERROR, "creating cgroup %s: %s", env->cgroup,
				strerror(-ret));
	return cgfd;
}

static int ct_register(const struct vzenv *env, int vzfd, int cgfd, struct vz_err *err)
{
	int ret = vzbc_ct_register(vzfd, env->ctid, cgfd);

	if (ret == -EEXIST) {	/* left by a vzctl that died: nothing runs */
		vzbc_ct_unregister(vzfd, env->ctid);
		ret = vzbc_ct_register(vzfd, env->ctid, cgfd);
	}
	if (ret)
		return vz_failp(err, VZ_ENVCREATE_ERROR, "registering container %u: %s", env->ctid,
				vzbc_strerror(ret));
	return 0;
}

/* What a failed start leaves goes: its tasks, the cgroup, the mount. */
static void ct_undo_start(const struct vzenv *env, int vzfd, bool kill)
{
	struct vz_err e;

	if (kill) {
		vz_netdev_return(env);	/* before its namespace goes */
		vz_cg_kill(env, 5000);
	}
	if (vzfd >= 0)
		vz_venet_clear(env, vzfd);
	if (vzfd >= 0 && ct_release(env, vzfd, &e))
		vz_log_err(&e);
	if (vz_ct_umount(env, &e))
		vz_log_err(&e);
}

/*
 * Start the container: mount, cgroup, registration, the host groups'
 * settings (limits, CPU, I/O), then its init and its CTID.start script.
 * For runscript (script_fd != -1): the script as pid 1 instead of init,
 * its pid to *spid.
 */
static int ct_do_start(const struct vzenv *env, int script_fd, pid_t *spid,
		       struct vz_err *err)
{
	/* the config's settings (v), and those its pid 1 applies inside (in) */
	struct vz_values v = { .env = env, .at_start = true }, in = { .env = env };
	struct vz_apply a = { .v = &v, .cgroup = true };
	int vzfd, cgfd;
	uint64_t caps;

	if (vzenv_running(env))
		return vz_fail(err, VZ_VE_RUNNING, "Container is already running");
	if (vz_ct_caps(env, &caps))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"bad CAPABILITY in %s (NAME:on|off ...)", env->conf);
	vzfd = open_vzbc(err);
	if (vzfd < 0)
		return -1;
	a.vzfd = vzfd;
	vz_log(VZ_INFO, "Starting container...");
	if (vz_ct_mount(env, err))
		goto err_close;
	vz_venet_clear(env, vzfd);	/* what a halted or crashed run left */
	cgfd = ct_cgroup(env, err);
	if (cgfd < 0) {
		ct_undo_start(env, -1, false);
		goto err_close;
	}
	if (ct_register(env, vzfd, cgfd, err)) {
		close(cgfd);
		goto err_release;
	}
	if (vz_groups_host(&a, err) || vz_groups_resolve(&v, &in, err) ||
	    vz_ct_spawn_init(env, cgfd, caps, script_fd, &in, script_fd < 0 ? &a : NULL,
			     spid, err))
		goto err_kill;
	close(cgfd);
	if (script_fd < 0) {
		vz_log(VZ_INFO, "Container start in progress...");
		if (vz_inner_script(env, "start", err))
			goto err_kill_closed;
	}
	close(vzfd);
	return 0;

err_kill:
	close(cgfd);
err_kill_closed:
	ct_undo_start(env, vzfd, true);
	goto err_close;
err_release:
	ct_undo_start(env, vzfd, false);
err_close:
	close(vzfd);
	return -1;
}

/* DISABLED="yes" (vzctl set --disabled yes): not started without --force */
static bool ct_start_disabled(const struct vzenv *env, const struct vz_start_opts *o)
{
	char v[16];

	return !o->force && !vzenv_get(env, "DISABLED", v, sizeof(v)) && !strcmp(v, "yes");
}

int vz_ct_start(const struct vzenv *env, const struct vz_start_opts *o, struct vz_err *err)
{
	if (ct_start_disabled(env, o))
		return vz_fail(err, VZ_VE_START_DISABLED, "Container start disabled");
	if (ct_do_start(env, -1, NULL, err))
		return -1;
	return o->wait ? vz_ct_wait_booted(env, err) : 0;
}

/* ------------------------------------------------------------ stop */

/* what a container that no longer runs left: its network, registration,
 * cgroup and (unless skip_umount) mount */
static int ct_clear_stopped(const struct vzenv *env, bool skip_umount, struct vz_err *err)
{
	struct vz_err e;
	int vzfd;

	vzfd = vzbc_open();
	if (vzfd >= 0) {
		vz_venet_clear(env, vzfd);
		if (ct_release(env, vzfd, &e))
			vz_log_err(&e);
		close(vzfd);
	}
	return skip_umount ? 0 : vz_ct_umount(env, err);
}

/* a leftover of a crashed vzctl, or of a halt inside: cleaned up all the same */
static int ct_stop_stopped(const struct vzenv *env, const struct vz_stop_opts *o,
			   struct vz_err *err)
{
	vz_log(VZ_WARN, "Unable to stop: container is not running");
	return ct_clear_stopped(env, o->skip_umount, err);
}

int vz_ct_stop(const struct vzenv *env, const struct vz_stop_opts *o, struct vz_err *err)
{
	static const char *const halt[] = { "halt", NULL };
	struct vz_err e;
	unsigned int t;
	int vzfd, ret;

	if (!vzenv_running(env))
		return ct_stop_stopped(env, o, err);
	vzfd = open_vzbc(err);
	if (vzfd < 0)
		return -1;
	vz_log(VZ_INFO, "Stopping container ...");
	/* CTID.stop, inside: a failure is reported, the stop goes on */
	if (vz_inner_script(env, "stop", &e)) {
		vz_log_err(&e);
		vz_log(VZ_WARN, "Warning: stopping the container all the same");
	}
	/* host devices back before the namespace goes (a virtual one would
	 * go with it) */
	vz_netdev_return(env);
	if (!o->fast) {
		/* a clean shutdown through the container's own init */
		vz_ct_exec(env, halt, VZ_EXEC_QUIET, -1);
		for (t = 0; t < env->stop_timeout * 1000 && vzenv_running(env); t += 100)
			vz_msleep(100);
		if (vzenv_running(env))
			vz_log(VZ_WARN, "Unable to stop container: operation timed out, killing it");
	}
	if (vz_cg_kill(env, 10000)) {
		close(vzfd);
		return vz_fail(err, VZ_STOP_ERROR, "Unable to stop container: tasks survive "
			       "cgroup.kill");
	}
	vz_log(VZ_INFO, "Container was stopped");
	vz_venet_clear(env, vzfd);
	ret = ct_release(env, vzfd, err);
	close(vzfd);
	if (!ret && !o->skip_umount)
		ret = vz_ct_umount(env, err);
	return ret;
}

int vz_ct_restart(const struct vzenv *env, const struct vz_stop_opts *stop,
		  const struct vz_start_opts *start, struct vz_err *err)
{
	struct vz_stop_opts o = { .fast = stop->fast };

	vz_log(VZ_INFO, "Restarting container");
	if (vz_ct_stop(env, &o, err))
		return -1;
	return vz_ct_start(env, start, err);
}

/* ------------------------------------------------------------ reap */

/*
 * Start the container from a child of ours that exits at once, as vzctl
 * start does: its init is then no child of this (long-lived) process,
 * which would otherwise have to reap it. The child's error comes back
 * through a pipe.
 */
static int ct_start_detached(const struct vzenv *env, struct vz_err *err)
{
	struct vz_start_opts o = { 0 };
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return vz_failp(err, VZ_SYSTEM_ERROR, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return vz_failp(err, VZ_SYSTEM_ERROR, "fork: %s", strerror(errno));
	}
	if (!pid) {
		close(fds[0]);
		if (!vz_ct_start(env, &o, err))
			_exit(0);
		n = write(fds[1], err, sizeof(*err));
		_exit(n == (ssize_t)sizeof(*err) ? 1 : 2);
	}
	close(fds[1]);
	n = read(fds[0], err, sizeof(*err));
	close(fds[0]);
	status = vz_wait(pid);
	if (status == 0)
		return 0;
	if (n == (ssize_t)sizeof(*err) && err->code)
		return -1;
	return vz_failp(err, VZ_SYSTEM_ERROR, "starting container %u: its starter ended "
			"with status %d", env->ctid, status);
}

int vz_ct_reap(const struct vzenv *env, pid_t dead, bool restart, struct vz_err *err)
{
	struct vzbc_bc bc;
	pid_t init;
	int vzfd, ret;

	vzfd = vzbc_open();
	if (vzfd < 0)
		return vz_failp(err, vz_exit_code(vzfd), "%s", vzbc_strerror(vzfd));
	ret = vzbc_get_bc(vzfd, env->ctid, &bc);
	close(vzfd);
	if (ret == -ENOENT)
		return VZ_REAP_NOTHING;		/* stopped by vzctl, or never started */
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "reading container %u: %s", env->ctid,
				vzbc_strerror(ret));
	init = vzenv_init_pid(env);
	if (init > 0 && init != dead)
		return VZ_REAP_NOTHING;		/* running, with another init */
	if (vzenv_running(env))
		return dead ? VZ_REAP_LATER : VZ_REAP_NOTHING;	/* its tasks are leaving */
	vz_log(VZ_INFO, "Container %u %s: cleaning up", env->ctid,
	       restart ? "rebooted" : "is down");
	if (ct_clear_stopped(env, false, err))
		return -1;
	if (restart) {
		vz_log(VZ_INFO, "Starting container %u again", env->ctid);
		if (ct_start_detached(env, err))
			return -1;
		vz_log(VZ_INFO, "Container %u started again", env->ctid);
	}
	return VZ_REAP_DONE;
}

int vz_ct_reproxy(const struct vzenv *env, struct vz_err *err)
{
	int vzfd, ret;

	if (!vzenv_running(env))
		return 0;
	vzfd = open_vzbc(err);
	if (vzfd < 0)
		return -1;
	ret = vz_venet_reproxy(env, vzfd);
	close(vzfd);
	if (ret < 0)
		return vz_failp(err, VZ_SYSTEM_ERROR, "making the proxy entries of container "
				"%u again: %s", env->ctid, strerror(-ret));
	return ret;
}

/* ------------------------------------------------------------ runscript */

int vz_ct_run_stopped(const struct vzenv *env, int script_fd, int *status,
		      struct vz_err *err)
{
	bool was_mounted = vzenv_mounted(env);
	int vzfd;
	pid_t pid;

	if (ct_do_start(env, script_fd, &pid, err))
		return -1;
	*status = vz_wait(pid);
	if (*status < 0)
		*status = W_EXITCODE(VZ_SYSTEM_ERROR, 0);
	vz_netdev_return(env);
	vz_cg_kill(env, 10000);	/* what the script left behind */
	vzfd = open_vzbc(err);
	if (vzfd < 0)
		return -1;
	vz_venet_clear(env, vzfd);
	if (ct_release(env, vzfd, err)) {
		close(vzfd);
		return -1;
	}
	close(vzfd);
	return was_mounted ? 0 : vz_ct_umount(env, err);
}

/* ------------------------------------------------------------ destroy */

int vz_ct_destroy(const struct vzenv *env, struct vz_err *err)
{
	char destroyed[PATH_MAX + 16];
	int ret;

	if (vzenv_running(env))
		return vz_fail(err, VZ_VE_RUNNING, "Container is currently running. Stop it first.");
	if (vz_ct_umount(env, err))
		return -1;
	vz_log(VZ_INFO, "Destroying container private area: %s", env->private);
	ret = vz_rm_rf(env->private);
	if (ret)
		return vz_failp(err, VZ_FS_DEL_PRVT, "removing %s: %s", env->private,
				strerror(-ret));
	rmdir(env->root);
	snprintf(destroyed, sizeof(destroyed), "%s.destroyed", env->conf);
	if (rename(env->conf, destroyed))
		return vz_failp(err, VZ_SYSTEM_ERROR, "renaming %s: %s", env->conf,
				strerror(errno));
	vz_log(VZ_INFO, "Container private area was destroyed");
	return 0;
}
