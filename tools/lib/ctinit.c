// SPDX-License-Identifier: GPL-2.0
/*
 * The container's pid 1 (see ctinit.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "ctinit.h"
#include "devnodes.h"
#include "err.h"
#include "groups.h"
#include "util.h"
#include "vzenv.h"
#include "vzexit.h"

struct ct_start {
	const struct vzenv *env;
	const struct vz_values *v;
	int status_fd;		/* write end: the failed step and errno */
	int script_fd;		/* runscript: /bin/sh runs it as pid 1; or -1 */
	int sync_fd;		/* a byte once the host has set it up: user
				 * namespace maps, network (ns groups) */
	uint64_t caps;		/* the bounding set it keeps */
};

static void __attribute__((noreturn)) child_fail(struct ct_start *s, const char *step, int err)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "%s: %s", step, strerror(err));

	if (write(s->status_fd, msg, n) < 0)
		_exit(127);
	_exit(127);
}

static const char *const ct_devs[] = { "null", "zero", "full", "random", "urandom", "tty" };

/*
 * /dev for the container (the cwd is VE_ROOT): a tmpfs with the usual
 * nodes, bind-mounted from the host's (a user namespace may not mknod),
 * those DEVNODES adds, and its own devpts.
 */
static int setup_dev(const struct vzenv *env)
{
	char list[VZ_LIST_MAX];
	unsigned int i;
	int fd;

	if (mount("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=1m"))
		return -errno;
	for (i = 0; i < VZ_ARRAY_SIZE(ct_devs); i++) {
		char path[32], host[32];

		snprintf(path, sizeof(path), "dev/%s", ct_devs[i]);
		snprintf(host, sizeof(host), "/dev/%s", ct_devs[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
		if (fd < 0)
			return -errno;
		close(fd);
		if (mount(host, path, NULL, MS_BIND, NULL))
			return -errno;
	}
	if (mkdir("dev/pts", 0755) || mkdir("dev/shm", 01777) ||
	    mount("devpts", "dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
		  "newinstance,ptmxmode=0666,mode=0620,gid=5") ||
	    mount("shm", "dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777") ||
	    symlink("pts/ptmx", "dev/ptmx") || symlink("/proc/self/fd", "dev/fd") ||
	    symlink("/proc/self/fd/0", "dev/stdin") ||
	    symlink("/proc/self/fd/1", "dev/stdout") ||
	    symlink("/proc/self/fd/2", "dev/stderr"))
		return -errno;
	if (vzenv_get(env, "DEVNODES", list, sizeof(list)))
		return -EINVAL;
	return vz_devnodes_bind(list);
}

/* make VE_ROOT (the cwd) the root: pivot_root, or where the host's own
 * root is the initramfs (which cannot be pivoted away), move and chroot */
static int enter_root(void)
{
	if (!syscall(SYS_pivot_root, ".", ".")) {
		if (umount2(".", MNT_DETACH))
			return -errno;
		return chdir("/") ? -errno : 0;
	}
	if (errno != EINVAL)
		return -errno;
	if (mount(".", "/", NULL, MS_MOVE, NULL) || chroot(".") || chdir("/"))
		return -errno;
	return 0;
}

/* its mounts: private, VE_ROOT its own, /proc, /sys, its cgroup, /dev;
 * then VE_ROOT its root */
static void child_mounts(struct ct_start *s)
{
	const struct vzenv *env = s->env;
	int ret;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		child_fail(s, "making mounts private", errno);
	/*
	 * A mount of the container's own over VE_ROOT: in a user namespace the
	 * mounts it inherited are locked and can be neither pivoted to nor
	 * moved; a new bind mount's top is not.
	 */
	if (chdir(env->root) || mount(".", ".", NULL, MS_BIND | MS_REC, NULL) ||
	    chdir(env->root))
		child_fail(s, env->root, errno);
	mkdir("proc", 0555);
	mkdir("sys", 0555);
	mkdir("dev", 0755);
	if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		child_fail(s, "mounting /proc", errno);
	if (mount("sysfs", "sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL))
		child_fail(s, "mounting /sys", errno);
	/* the container's own cgroup, as the root of its cgroup namespace */
	mount("cgroup2", "sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	ret = setup_dev(env);
	if (ret)
		child_fail(s, "setting up /dev", -ret);
	ret = enter_root();
	if (ret)
		child_fail(s, "entering the container's root", -ret);
}

/* pid 1 of the container: set up its world and exec its init */
static void __attribute__((noreturn)) ct_child(struct ct_start *s)
{
	static char *const init_argv[] = { "/sbin/init", NULL };
	static char *const init_env[] = {
		"container=vzbc", "HOME=/", "TERM=linux", "PATH=" VZ_PATH, NULL,
	};
	const struct vzenv *env = s->env;
	const char *step;
	char c;
	int fd, ret;

	if (read(s->sync_fd, &c, 1) != 1)	/* the host set up its namespaces */
		_exit(127);			/* the host said why */
	if (env->local_uid) {	/* root of its user namespace, once mapped */
		if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0))
			child_fail(s, "becoming root of the user namespace", errno);
	}
	if (env->hostname[0] && sethostname(env->hostname, strlen(env->hostname)))
		child_fail(s, "setting the hostname", errno);
	child_mounts(s);
	/* the host name in /etc/hostname (systemd sets it from there), the
	 * nameservers in /etc/resolv.conf: not for a script */
	if (s->script_fd < 0) {
		ret = vz_groups_inside(s->v, &step);
		if (ret)
			child_fail(s, step, -ret);
	}
	ret = vz_drop_caps(s->caps);
	if (ret)
		child_fail(s, "dropping capabilities", -ret);
	setsid();
	umask(022);
	if (s->script_fd >= 0) {	/* runscript: its output is vzctl's */
		static char *const sh_argv[] = { "/bin/sh", NULL };

		if (dup2(s->script_fd, 0) < 0)
			child_fail(s, "the script", errno);
		execve(sh_argv[0], sh_argv, init_env);
		child_fail(s, "executing /bin/sh", errno);
	}
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		child_fail(s, "/dev/null", errno);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	execve(init_argv[0], init_argv, init_env);
	child_fail(s, "executing /sbin/init", errno);
}

/* uid_map and gid_map of a new container's user namespace: its ids
 * 0..VZ_USERNS_IDS-1 are LOCAL_UID.. and LOCAL_GID.. on the host */
static int map_ids(const struct vzenv *env, pid_t pid)
{
	char path[64], map[64];
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	snprintf(map, sizeof(map), "0 %u %u\n", env->local_uid, VZ_USERNS_IDS);
	ret = vz_write_file(path, map);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	snprintf(map, sizeof(map), "0 %u %u\n", env->local_gid, VZ_USERNS_IDS);
	return vz_write_file(path, map);
}

/* A started child: its maps (user namespace) and the ns groups' settings
 * (a's, in its namespaces), then its word on how the setup went (EOF:
 * init was exec'd). Closes sync_fd. */
static int spawn_wait(const struct vzenv *env, pid_t pid, int status_fd, int sync_fd,
		      const struct vz_apply *a, struct vz_err *err)
{
	struct vz_apply an;
	char msg[256];
	ssize_t n;
	int ret = env->local_uid ? map_ids(env, pid) : 0;

	if (ret) {
		kill(pid, SIGKILL);
		close(sync_fd);
		return vz_fail(err, VZ_ENVCREATE_ERROR, "Unable to start the container: "
			       "mapping its user ids: %s", strerror(-ret));
	}
	if (a) {
		an = *a;
		an.init = pid;
		if (vz_groups_host_ns(&an, err)) {
			kill(pid, SIGKILL);
			close(sync_fd);
			return -1;
		}
	}
	if (write(sync_fd, "", 1) != 1) {
		ret = -errno;
		kill(pid, SIGKILL);
		close(sync_fd);
		return vz_fail(err, VZ_ENVCREATE_ERROR, "Unable to start the container: %s",
			       strerror(-ret));
	}
	close(sync_fd);
	n = read(status_fd, msg, sizeof(msg) - 1);
	if (n > 0) {
		msg[n] = '\0';
		return vz_fail(err, VZ_ENVCREATE_ERROR, "Unable to start the container: %s", msg);
	}
	return 0;
}

/* "clock sec nsec" of an offset that takes the clock back to zero */
static int timens_offset(char *buf, size_t len, const char *name, clockid_t clock)
{
	struct timespec t;

	if (clock_gettime(clock, &t))
		return -errno;
	/* -t, with its nanoseconds in [0, 1 s) as the kernel wants them */
	if (t.tv_nsec)
		return snprintf(buf, len, "%s %lld %ld\n", name, -(long long)t.tv_sec - 1,
				1000000000L - t.tv_nsec);
	return snprintf(buf, len, "%s %lld 0\n", name, -(long long)t.tv_sec);
}

/*
 * A time namespace whose monotonic and boot-time clocks start now, for
 * the children we fork from here on (the container's init): uptime and
 * /proc/uptime inside are the container's. Its offsets can be written
 * only until a task has entered it. Returns an fd of our own time
 * namespace, to go back to with timens_leave() once init is forked;
 * -EOPNOTSUPP where the kernel has no time namespaces.
 */
static int timens_new(void)
{
	char offs[128];
	int self, n, ret;

	self = open("/proc/self/ns/time", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return errno == ENOENT ? -EOPNOTSUPP : -errno;
	if (unshare(CLONE_NEWTIME)) {
		ret = errno == EINVAL ? -EOPNOTSUPP : -errno;
		close(self);
		return ret;
	}
	n = timens_offset(offs, sizeof(offs), "monotonic", CLOCK_MONOTONIC);
	ret = n < 0 ? n : timens_offset(offs + n, sizeof(offs) - n, "boottime", CLOCK_BOOTTIME);
	if (ret >= 0)
		ret = vz_write_file("/proc/self/timens_offsets", offs);
	if (ret < 0) {
		setns(self, CLONE_NEWTIME);
		close(self);
		return ret;
	}
	return self;
}

/* back to our own time namespace (self: from timens_new) */
static int timens_leave(int self)
{
	int ret = setns(self, CLONE_NEWTIME) ? -errno : 0;

	close(self);
	return ret;
}

/*
 * clone3 with the child in a time namespace of its own, where the kernel
 * has them (we stay in ours): its pid (0 in the child), or -errno.
 */
static pid_t clone_timens(struct clone_args *args)
{
	int timens = timens_new(), left, ret;
	pid_t pid;

	if (timens < 0 && timens != -EOPNOTSUPP)
		return timens;
	pid = syscall(SYS_clone3, args, sizeof(*args));
	if (pid == 0)
		return 0;
	ret = pid < 0 ? -errno : 0;
	left = timens >= 0 ? timens_leave(timens) : 0;
	if (left && pid > 0) {
		/* what we fork next would live in the container's clocks */
		kill(pid, SIGKILL);
		if (args->exit_signal)
			waitpid(pid, NULL, 0);
		ret = left;
	}
	return ret ? ret : pid;
}

int vz_ct_spawn_init(const struct vzenv *env, int cgfd, uint64_t caps, int script_fd,
		     const struct vz_values *v, const struct vz_apply *a, pid_t *spid,
		     struct vz_err *err)
{
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS |
			 CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP,
		/* nobody waits for an init; runscript waits for its script */
		.exit_signal = script_fd >= 0 ? SIGCHLD : 0,
		.cgroup = cgfd,
	};
	struct ct_start s = { .env = env, .v = v, .script_fd = script_fd, .caps = caps };
	int p[2], q[2], ret;
	pid_t pid;

	if (env->local_uid)
		args.flags |= CLONE_NEWUSER;
	if (pipe2(p, O_CLOEXEC))
		return vz_fail(err, VZ_SYSTEM_ERROR, "Unable to start the container: %s",
			       strerror(errno));
	if (pipe2(q, O_CLOEXEC)) {
		close(p[0]);
		close(p[1]);
		return vz_fail(err, VZ_SYSTEM_ERROR, "Unable to start the container: %s",
			       strerror(errno));
	}
	fflush(NULL);
	pid = clone_timens(&args);
	if (pid == 0) {
		close(p[0]);
		close(q[1]);
		s.status_fd = p[1];
		s.sync_fd = q[0];
		ct_child(&s);
	}
	close(p[1]);
	close(q[0]);
	if (pid < 0) {
		ret = vz_fail(err, VZ_ENVCREATE_ERROR, "Unable to start the container: %s",
			      strerror(-pid));
		close(q[1]);
	} else {
		ret = spawn_wait(env, pid, p[0], q[1], a, err);
	}
	close(p[0]);
	if (ret && pid > 0 && script_fd >= 0)
		waitpid(pid, NULL, 0);
	if (!ret && spid)
		*spid = pid;
	return ret;
}
