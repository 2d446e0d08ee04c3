// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl exec, exec2, enter: run something inside a running container.
 *
 * vzctl forks a helper that joins the container (its cgroup first, then
 * the namespaces of its init through a pidfd); the helper forks the command,
 * which is then a process of the container in every way: in its pid
 * namespace, under its root, charged to its beancounters, with the
 * container's reduced capabilities. vzctl itself never leaves the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

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
	ret = vzctl_write_file(path, pid);
	if (ret != -EBUSY)
		return ret;
	snprintf(path, sizeof(path), "%s/" VZ_EXEC_CGROUP, env->cgroup);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/" VZ_EXEC_CGROUP "/cgroup.procs", env->cgroup);
	return vzctl_write_file(path, pid);
}

/*
 * Move the calling process into the container: cgroup, then namespaces;
 * in a container with its own user namespace (LOCAL_UID), become its root.
 */
static int ct_join(const struct vzenv *env)
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
	char *envp[] = { "PATH=" VZCTL_PATH, "HOME=/root", "USER=root", termvar, NULL };
	uint64_t keep = 0;

	snprintf(termvar, sizeof(termvar), "TERM=%s", term ? term : "dumb");
	if (init_caps(&keep) || vzctl_drop_caps(keep)) {
		fprintf(stderr, "vzctl: the container's capability set is unknown\n");
		_exit(126);
	}
	if (chdir("/root") && chdir("/"))
		_exit(126);
	execvpe(argv[0], (char *const *)argv, envp);
	fprintf(stderr, "vzctl: executing %s in the container: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static int wait_status(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return status;
}

int vzctl_status_code(int status)
{
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* exit with the same status as a waited-for child */
static void __attribute__((noreturn)) exit_like(int status)
{
	_exit(vzctl_status_code(status));
}

/* the helper: join, fork the command in the container's pid namespace;
 * in_fd (if not -1) becomes the command's standard input */
static void __attribute__((noreturn)) ct_helper(const struct vzenv *env,
						const char *const *argv, int flags,
						int in_fd)
{
	int ret, null;
	pid_t pid;

	ret = ct_join(env);
	if (ret) {
		fprintf(stderr, "vzctl: entering container %u: %s\n", env->ctid, strerror(-ret));
		_exit(126);
	}
	if (flags & VZCTL_EXEC_QUIET) {
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
	ret = wait_status(pid);
	if (ret < 0)
		_exit(126);
	exit_like(ret);
}

static int ct_exec_in(const struct vzenv *env, const char *const *argv, int flags,
		      int in_fd)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		ct_helper(env, argv, flags, in_fd);
	return wait_status(pid);
}

int vzctl_ct_exec(const struct vzenv *env, const char *const *argv, int flags)
{
	return ct_exec_in(env, argv, flags, -1);
}

int vzctl_ct_run_script(const struct vzenv *env, int script_fd, int flags)
{
	static const char *const sh[] = { "/bin/sh", NULL };

	return ct_exec_in(env, sh, flags, script_fd);
}

/*
 * /etc/hostname of the container, which its init (systemd) sets the host
 * name from: written atomically, when /etc is there, from inside (the
 * caller has entered the container: its links resolve in its root). 0 or
 * -errno.
 */
int vzctl_write_hostname_file(const char *name)
{
	struct stat st;
	int fd, ret = 0;

	if (lstat("/etc", &st) || !S_ISDIR(st.st_mode))
		return 0;
	unlink("/etc/.hostname.vzctl");
	fd = open("/etc/.hostname.vzctl", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0644);
	if (fd < 0)
		return -errno;
	if (dprintf(fd, "%s\n", name) < 0 || fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename("/etc/.hostname.vzctl", "/etc/hostname"))
		ret = -errno;
	if (ret)
		unlink("/etc/.hostname.vzctl");
	return ret;
}

/* The host name of a running container, live and in its /etc/hostname. */
int vzctl_ct_sethostname(const struct vzenv *env, const char *name)
{
	pid_t pid;
	int status;

	pid = fork();
	if (pid == 0) {
		int ret = ct_join(env);

		if (!ret && sethostname(name, strlen(name)))
			ret = -errno;
		if (!ret)
			ret = vzctl_write_hostname_file(name);
		_exit(-ret);
	}
	if (pid < 0)
		return -errno;
	status = wait_status(pid);
	if (status < 0)
		return status;
	return WIFEXITED(status) ? -WEXITSTATUS(status) : -EINTR;
}

/* The nameservers and search domains of a running container. */
int vzctl_ct_set_dns(const struct vzenv *env, const char *ns, const char *search)
{
	char nsx[VZCTL_DNS_MAX], searchx[VZCTL_DNS_MAX];
	pid_t pid;
	int status;

	vzctl_dns_expand(ns ? ns : "", false, nsx, sizeof(nsx));
	vzctl_dns_expand(search ? search : "", true, searchx, sizeof(searchx));
	pid = fork();
	if (pid == 0) {
		int ret = ct_join(env);

		if (!ret)
			ret = vzctl_write_resolv_conf(nsx, searchx);
		_exit(-ret);
	}
	if (pid < 0)
		return -errno;
	status = wait_status(pid);
	if (status < 0)
		return status;
	return WIFEXITED(status) ? -WEXITSTATUS(status) : -EINTR;
}

/* ------------------------------------------------------------ exec */

/* "vzctl exec CTID cmd..." -> ctid and the command line, joined */
static int exec_parse(int argc, const char **argv, unsigned int *ctid, char **cmd)
{
	size_t len = 0;
	int i, ret;

	if (argc < 3) {
		fprintf(stderr, "Usage: %s <ctid> <command> [arg ...] | -\n", argv[0]);
		return VZ_INVALID_PARAMETER_SYNTAX;
	}
	ret = vzctl_ctid_arg(argv[1], ctid);
	if (ret)
		return ret;
	for (i = 2; i < argc; i++)
		len += strlen(argv[i]) + 1;
	*cmd = calloc(1, len + 1);
	if (!*cmd)
		return VZ_SYSTEM_ERROR;
	for (i = 2; i < argc; i++) {
		if (i > 2)
			strcat(*cmd, " ");
		strcat(*cmd, argv[i]);
	}
	return 0;
}

static int exec_common(int argc, const char **argv, bool exec2)
{
	const char *sh_c[] = { "/bin/sh", "-c", NULL, NULL };
	const char *sh_stdin[] = { "/bin/sh", NULL };
	struct vzenv env;
	unsigned int ctid;
	char *cmd = NULL;
	int ret, lock;

	ret = exec_parse(argc, argv, &ctid, &cmd);
	if (ret)
		return ret;
	lock = vzctl_ct_open(ctid, &env, true);
	if (lock < 0) {
		free(cmd);
		return -lock;
	}
	close(lock);	/* the command may run for long: do not hold the lock */
	if (!vzenv_running(&env)) {
		fprintf(stderr, "Container is not running\n");
		free(cmd);
		return VZ_VE_NOT_RUNNING;
	}
	sh_c[2] = cmd;
	ret = vzctl_ct_exec(&env, strcmp(cmd, "-") ? sh_c : sh_stdin, 0);
	free(cmd);
	if (ret < 0) {
		fprintf(stderr, "vzctl: %s\n", strerror(-ret));
		return VZ_SYSTEM_ERROR;
	}
	if (exec2)
		return vzctl_status_code(ret);
	return WIFEXITED(ret) && WEXITSTATUS(ret) == 0 ? 0 : VZ_COMMAND_EXECUTION_ERROR;
}

int vzctl_exec(int argc, const char **argv)
{
	return exec_common(argc, argv, false);
}

int vzctl_exec2(int argc, const char **argv)
{
	return exec_common(argc, argv, true);
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

	ret = ct_join(env);
	if (ret) {
		fprintf(stderr, "vzctl: entering container %u: %s\n", env->ctid, strerror(-ret));
		_exit(126);
	}
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		fprintf(stderr, "vzctl: no pty in the container: %s\n", strerror(errno));
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
	ret = wait_status(pid);
	exit_like(ret < 0 ? 126 << 8 : ret);
}

int vzctl_enter(int argc, const char **argv)
{
	struct termios saved, raw;
	bool tty = isatty(STDIN_FILENO);
	struct winsize ws;
	struct vzenv env;
	unsigned int ctid;
	int lock, ret;
	pid_t pid;

	if (argc != 2) {
		fprintf(stderr, "Usage: %s <ctid>\n", argv[0]);
		return VZ_INVALID_PARAMETER_SYNTAX;
	}
	ret = vzctl_ctid_arg(argv[1], &ctid);
	if (ret)
		return ret;
	lock = vzctl_ct_open(ctid, &env, true);
	if (lock < 0)
		return -lock;
	close(lock);
	if (!vzenv_running(&env)) {
		fprintf(stderr, "Container is not running\n");
		return VZ_VE_NOT_RUNNING;
	}
	if (tty) {
		tcgetattr(STDIN_FILENO, &saved);
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
		ioctl(STDIN_FILENO, TIOCGWINSZ, &ws);
	}
	fprintf(stderr, "entered into CT %u\r\n", ctid);
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		enter_helper(&env, tty ? &ws : NULL);
	ret = pid < 0 ? -errno : wait_status(pid);
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	fprintf(stderr, "exited from CT %u\n", ctid);
	if (ret < 0)
		return VZ_SYSTEM_ERROR;
	return vzctl_status_code(ret);
}
