// SPDX-License-Identifier: GPL-2.0
/*
 * Joining a running container (see join.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "caps.h"
#include "err.h"
#include "join.h"
#include "util.h"
#include "vzenv.h"

/* Does task pid live in a user namespace other than ours? */
static bool other_userns(pid_t pid)
{
	struct stat ours, theirs;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/user", pid);
	return !stat(path, &theirs) && !stat("/proc/self/ns/user", &ours) &&
	       (theirs.st_ino != ours.st_ino || theirs.st_dev != ours.st_dev);
}

/*
 * Into the container's cgroup; or, once its init has made cgroups of its
 * own and given them controllers (systemd does), when a process may no
 * longer live in the container's cgroup itself (EBUSY), into a leaf of
 * the host's, VZ_EXEC_CGROUP below it.
 */
static int join_cgroup(const struct vzenv *env, const char *pid)
{
	char path[PATH_MAX + 32];
	int ret;

	snprintf(path, sizeof(path), "%s/cgroup.procs", env->cgroup);
	ret = vz_write_file(path, pid);
	if (ret != -EBUSY)
		return ret;
	snprintf(path, sizeof(path), "%s/" VZ_EXEC_CGROUP, env->cgroup);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/" VZ_EXEC_CGROUP "/cgroup.procs", env->cgroup);
	return vz_write_file(path, pid);
}

int vz_ct_join(const struct vzenv *env)
{
	int flags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
		    CLONE_NEWPID | CLONE_NEWCGROUP;
	char pid[32];
	pid_t init = vzenv_init_pid(env);
	int pidfd, ret;

	if (init < 0)
		return init;
	pidfd = syscall(SYS_pidfd_open, init, 0);
	if (pidfd < 0)
		return -errno;
	if (other_userns(init))
		flags |= CLONE_NEWUSER;
	/* its clocks, the time namespace vzctl start gave it (where the
	 * kernel has time namespaces) */
	if (!access("/proc/self/ns/time", F_OK))
		flags |= CLONE_NEWTIME;
	snprintf(pid, sizeof(pid), "%d", getpid());
	ret = join_cgroup(env, pid);
	if (!ret && setns(pidfd, flags))
		ret = -errno;
	close(pidfd);
	if (!ret && (flags & CLONE_NEWUSER) &&
	    (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0)))
		ret = -errno;
	return ret;
}

/* In the container: the bounding set of its init (/proc is its own) */
static int init_caps(uint64_t *keep)
{
	unsigned long long v;
	char line[256];
	int ret = -ENOENT;
	FILE *f;

	f = fopen("/proc/1/status", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapBnd: %llx", &v) == 1) {
			*keep = v;
			ret = 0;
			break;
		}
	fclose(f);
	return ret;
}

/* In the container: keep no capability its init lacks, and exec argv. */
static void __attribute__((noreturn)) ct_exec_final(const char *const *argv)
{
	const char *term = getenv("TERM");
	char termvar[64];
	char *envp[] = { "PATH=" VZ_PATH, "HOME=/root", "USER=root", termvar, NULL };
	uint64_t keep = 0;
	int err;

	snprintf(termvar, sizeof(termvar), "TERM=%s", term ? term : "dumb");
	if (init_caps(&keep) || vz_drop_caps(keep)) {
		vz_log(VZ_WARN | VZ_LOG_TAG, "the container's capability set is unknown");
		_exit(126);
	}
	if (chdir("/root") && chdir("/"))
		_exit(126);
	execvpe(argv[0], (char *const *)argv, envp);
	err = errno;
	vz_log(VZ_WARN | VZ_LOG_TAG, "executing %s in the container: %s", argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* exit with the same status as a waited-for child */
static void __attribute__((noreturn)) exit_like(int status)
{
	_exit(vz_status_code(status));
}

/* the helper: join, fork the command in the container's pid namespace;
 * in_fd (if not -1) becomes the command's standard input */
static void __attribute__((noreturn)) ct_helper(const struct vzenv *env,
						const char *const *argv, int flags,
						int in_fd)
{
	int ret, null;
	pid_t pid;

	ret = vz_ct_join(env);
	if (ret) {
		vz_log(VZ_WARN | VZ_LOG_TAG, "entering container %u: %s", env->ctid, strerror(-ret));
		_exit(126);
	}
	if (flags & VZ_EXEC_QUIET) {
		null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
	}
	if (in_fd >= 0 && dup2(in_fd, 0) < 0)
		_exit(126);
	pid = fork();
	if (pid < 0)
		_exit(126);
	if (pid == 0)
		ct_exec_final(argv);
	ret = vz_wait(pid);
	if (ret < 0)
		_exit(126);
	exit_like(ret);
}

int vz_ct_exec(const struct vzenv *env, const char *const *argv, int flags, int in_fd)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		ct_helper(env, argv, flags, in_fd);
	return vz_wait(pid);
}

int vz_ct_run_script(const struct vzenv *env, int script_fd, int flags)
{
	static const char *const sh[] = { "/bin/sh", NULL };

	return vz_ct_exec(env, sh, flags, script_fd);
}

int vz_ct_inside(const struct vzenv *env, vz_inside_fn *fn, void *arg, char *step,
		 size_t len)
{
	const char *what = "entering the container";
	int p[2], status, ret;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		ret = vz_ct_join(env);
		if (!ret)
			ret = fn(arg, &what);
		if (ret && write(p[1], what, strlen(what)) < 0)
			_exit(EIO);
		_exit(-ret);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return -errno;
	}
	n = read(p[0], step, len - 1);
	close(p[0]);
	step[n > 0 ? n : 0] = '\0';
	status = vz_wait(pid);
	if (status < 0)
		return status;
	return WIFEXITED(status) ? -WEXITSTATUS(status) : -EINTR;
}

/* ------------------------------------------------------------ enter */

/* copy what one fd has to another; false at its end */
static bool pump(int from, int to)
{
	char buf[4096];
	ssize_t n = read(from, buf, sizeof(buf));
	ssize_t off = 0, w;

	if (n <= 0)
		return n < 0 && errno == EINTR;
	while (off < n) {
		w = write(to, buf + off, n - off);
		if (w < 0 && errno != EINTR)
			return false;
		if (w > 0)
			off += w;
	}
	return true;
}

/* relay the user's terminal (or pipe) and the pty master until the shell
 * closes its side */
static void relay(int master)
{
	struct pollfd p[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = master, .events = POLLIN },
	};
	bool in_open = true;

	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			if (!pump(master, STDOUT_FILENO))
				return;
		}
		if (in_open && p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			if (!pump(STDIN_FILENO, master)) {
				/* input ended: end of file to the shell too */
				in_open = false;
				p[0].fd = -1;
				if (write(master, "\004", 1) < 0)
					return;
			}
		}
	}
}

/* the helper of enter: a pty from the container's own devpts, a login
 * shell on it */
static void __attribute__((noreturn)) enter_helper(const struct vzenv *env,
						   const struct winsize *ws)
{
	const char *bash[] = { "/bin/bash", "-l", NULL };
	const char *sh[] = { "/bin/sh", "-l", NULL };
	int master, slave, ret;
	pid_t pid;

	ret = vz_ct_join(env);
	if (ret) {
		vz_log(VZ_WARN | VZ_LOG_TAG, "entering container %u: %s", env->ctid, strerror(-ret));
		_exit(126);
	}
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		vz_log(VZ_WARN | VZ_LOG_TAG, "no pty in the container: %s", strerror(errno));
		_exit(126);
	}
	if (ws)
		ioctl(master, TIOCSWINSZ, ws);
	pid = fork();
	if (pid < 0)
		_exit(126);
	if (pid == 0) {
		setsid();
		slave = open(ptsname(master), O_RDWR);	/* the controlling tty */
		if (slave < 0)
			_exit(126);
		ioctl(slave, TIOCSCTTY, 0);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		ct_exec_final(access(bash[0], X_OK) ? sh : bash);
	}
	relay(master);
	ret = vz_wait(pid);
	exit_like(ret < 0 ? 126 << 8 : ret);
}

int vz_ct_enter(const struct vzenv *env, const struct winsize *ws)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0)
		enter_helper(env, ws);
	return pid < 0 ? -errno : vz_wait(pid);
}
