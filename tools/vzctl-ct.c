// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl create, destroy, start, stop, restart, status, mount, umount,
 * runscript; OpenVZ's action scripts.
 *
 * A container is a private area (VE_PRIVATE: a directory bind-mounted on
 * VE_ROOT while it runs, the simfs layout, or an ext4 image mounted there
 * through a loop device, the ploop layout: disk.c), a cgroup v2 directory
 * (VZBC_CGROUP_BASE/CTID) registered with vzbc.ko, and an init started
 * into that cgroup (clone3 CLONE_INTO_CGROUP, so the beancounters apply
 * from its first instruction) in new pid, mount, uts, ipc, net and cgroup
 * namespaces, with VE_ROOT as its root and a minimal /dev.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <popt.h>
#include <sched.h>
#include <search.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "disk.h"
#include "libvzbc.h"
#include "ubc.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

extern char **environ;

/* ------------------------------------------------------------ helpers */

static void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Write text to an existing file (a cgroup or proc knob): 0 or -errno. */
int vzctl_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return 0;
}

static int touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -errno;
	return close(fd) ? -errno : 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) ? -errno : 0;
	return unlink(path) ? -errno : 0;
}

/* rm -rf path, not following symlinks; 0 if it did not exist */
static int rm_rf(const char *path)
{
	int ret;

	if (access(path, F_OK))
		return 0;
	ret = nftw(path, rm_entry, 64, FTW_DEPTH | FTW_PHYS);
	return ret == -1 ? -errno : ret;
}

/* Parse "vzctl CMD CTID [options]" with the command's option table. */
static int ct_cmd_parse(int argc, const char **argv, const struct poptOption *opts,
			unsigned int *ctid)
{
	const char *arg;
	poptContext ctx;
	int rc, ret = 0;

	ctx = poptGetContext(argv[0], argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "<ctid> [OPTION...]");
	while ((rc = poptGetNextOpt(ctx)) > 0)
		;
	if (rc < -1) {
		fprintf(stderr, "%s: %s: %s\n", argv[0],
			poptBadOption(ctx, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		ret = VZ_INVALID_PARAMETER_SYNTAX;
		goto out;
	}
	arg = poptGetArg(ctx);
	if (!arg || poptPeekArg(ctx)) {
		poptPrintUsage(ctx, stderr, 0);
		ret = VZ_INVALID_PARAMETER_SYNTAX;
		goto out;
	}
	ret = vzctl_ctid_arg(arg, ctid);
out:
	poptFreeContext(ctx);
	return ret;
}

int vzctl_ctid_by_name(const char *name, unsigned int *ctid)
{
	char path[PATH_MAX], val[256];
	unsigned int *ids, n, i;
	int ret = -ENOENT;

	n = vzenv_list_ctids(&ids);
	for (i = 0; i < n && ret; i++) {
		snprintf(path, sizeof(path), VZ_CONF_DIR "/%u.conf", ids[i]);
		if (!conf_get(path, "NAME", val, sizeof(val)) && !strcmp(val, name)) {
			*ctid = ids[i];
			ret = 0;
		}
	}
	free(ids);
	return ret;
}

int vzctl_ctid_arg(const char *arg, unsigned int *ctid)
{
	if (vzctl_parse_ctid(arg, ctid) && vzctl_ctid_by_name(arg, ctid)) {
		fprintf(stderr, "vzctl: bad container ID '%s': a number from 1 to 2147483644, "
			"or a name given with set --name\n", arg);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (*ctid == 0) {
		fprintf(stderr, "vzctl: only set is allowed for CT0 (the host)\n");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	return 0;
}

/* Load the environment and take the lock: the lock fd, or a vzctl exit code
 * as a negative number. */
int vzctl_ct_open(unsigned int ctid, struct vzenv *env, bool need_conf)
{
	int ret, fd;

	ret = vzenv_load(ctid, env);
	if (ret) {
		fprintf(stderr, "vzctl: reading the configuration of %u: %s\n", ctid,
			strerror(-ret));
		return -VZ_SYSTEM_ERROR;
	}
	if (need_conf && !env->exists) {
		fprintf(stderr, "Container %u does not exist (no %s)\n", ctid, env->conf);
		return -VZ_NOVECONFIG;
	}
	fd = vzenv_lock(env);
	if (fd == -EBUSY) {
		fprintf(stderr, "Container %u is locked by another vzctl\n", ctid);
		return -VZ_LOCKED;
	}
	if (fd < 0) {
		fprintf(stderr, "vzctl: locking container %u in %s: %s\n", ctid,
			env->lockdir, strerror(-fd));
		return -VZ_SYSTEM_ERROR;
	}
	return fd;
}

/*
 * The shape of every command that changes a container: parse "vzctl CMD
 * CTID [options]", load and lock it, run the action, unlock.
 */
static int ct_locked(int argc, const char **argv, const struct poptOption *opts,
		     bool need_conf, int (*action)(struct vzenv *env))
{
	struct vzenv env;
	unsigned int ctid;
	int lock, ret;

	ret = ct_cmd_parse(argc, argv, opts, &ctid);
	if (ret)
		return ret;
	lock = vzctl_ct_open(ctid, &env, need_conf);
	if (lock < 0)
		return -lock;
	ret = action(&env);
	close(lock);
	return ret;
}

/* ------------------------------------------------------------ action scripts */

/* Run one host action script if it exists: 0, or VZ_ACTIONSCRIPT_ERROR if it
 * cannot run or exits non-zero. */
static int ct_host_script(const struct vzenv *env, const char *path)
{
	char veid[32], conffile[PATH_MAX + 16], root[PATH_MAX + 16], priv[PATH_MAX + 16];
	char *const argv[] = { (char *)path, NULL };
	char *const envp[] = { veid, conffile, root, priv, "PATH=" VZCTL_PATH, NULL };
	int status, err;
	pid_t pid;

	if (access(path, F_OK))
		return 0;
	snprintf(veid, sizeof(veid), "VEID=%u", env->ctid);
	snprintf(conffile, sizeof(conffile), "VE_CONFFILE=%s", env->conf);
	snprintf(root, sizeof(root), "VE_ROOT=%s", env->root);
	snprintf(priv, sizeof(priv), "VE_PRIVATE=%s", env->private);
	fflush(NULL);
	err = posix_spawn(&pid, path, NULL, NULL, argv, envp);
	if (err) {
		fprintf(stderr, "Unable to run action script %s: %s\n", path, strerror(err));
		return VZ_ACTIONSCRIPT_ERROR;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return VZ_SYSTEM_ERROR;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		fprintf(stderr, "Action script %s exited with status %d\n", path,
			WEXITSTATUS(status));
	else
		fprintf(stderr, "Action script %s was killed by signal %d\n", path,
			WTERMSIG(status));
	return VZ_ACTIONSCRIPT_ERROR;
}

/*
 * OpenVZ's host-side action scripts for one action (premount, mount, umount,
 * postumount): VZ_CONF_DIR/vps.ACTION for every container, then
 * VZ_CONF_DIR/CTID.ACTION, with VEID, VE_CONFFILE, VE_ROOT and VE_PRIVATE
 * in their environment.
 */
static int ct_action_scripts(const struct vzenv *env, const char *action)
{
	char path[PATH_MAX];
	int ret;

	snprintf(path, sizeof(path), VZ_CONF_DIR "/vps.%s", action);
	ret = ct_host_script(env, path);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), VZ_CONF_DIR "/%u.%s", env->ctid, action);
	return ct_host_script(env, path);
}

/*
 * CTID.start and CTID.stop run inside the container, by its /bin/sh: 0 when
 * there is none, else VZ_ACTIONSCRIPT_ERROR if it fails.
 */
static int ct_inner_script(const struct vzenv *env, const char *action)
{
	char path[PATH_MAX];
	int fd, ret;

	snprintf(path, sizeof(path), VZ_CONF_DIR "/%u.%s", env->ctid, action);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0) {
		fprintf(stderr, "Unable to open action script %s: %s\n", path, strerror(errno));
		return VZ_ACTIONSCRIPT_ERROR;
	}
	ret = vzctl_ct_run_script(env, fd, 0);
	close(fd);
	if (ret == 0)
		return 0;
	if (ret < 0)
		fprintf(stderr, "Unable to run action script %s: %s\n", path, strerror(-ret));
	else
		fprintf(stderr, "Action script %s failed in the container (status %d)\n", path,
			vzctl_status_code(ret));
	return VZ_ACTIONSCRIPT_ERROR;
}

/* ------------------------------------------------------------ mount */

/* Mount the private area on VE_ROOT (bind-mount the directory, or mount
 * the ploop image), between the premount and mount scripts (a failing
 * mount script undoes the mount). */
static int ct_mount(const struct vzenv *env)
{
	bool ploop = ploop_exists(env);
	int ret;

	if (vzenv_mounted(env))
		return 0;
	if (access(env->private, F_OK)) {
		fprintf(stderr, "Container private area %s does not exist\n", env->private);
		return VZ_FS_NOPRVT;
	}
	ret = ct_action_scripts(env, "premount");
	if (ret)
		return ret;
	ret = vzenv_mkdir_p(env->root, 0755);
	if (!ret && ploop)
		ret = ploop_mount(env->private, env->root, 0);
	else if (!ret && mount(env->private, env->root, NULL, MS_BIND | MS_REC, NULL))
		ret = -errno;
	if (ret) {
		fprintf(stderr, "Unable to mount %s%s on %s: %s\n", env->private,
			ploop ? "/root.hdd" : "", env->root, strerror(-ret));
		return VZ_FS_CANTMOUNT;
	}
	ret = ct_action_scripts(env, "mount");
	if (ret) {
		umount2(env->root, MNT_DETACH);
		return ret;
	}
	printf("Container is mounted\n");
	return 0;
}

/* Unmount VE_ROOT between the umount and postumount scripts (a failing
 * umount script leaves it mounted). */
static int ct_umount(const struct vzenv *env)
{
	int ret;

	if (!vzenv_mounted(env))
		return 0;
	ret = ct_action_scripts(env, "umount");
	if (ret)
		return ret;
	if (umount2(env->root, 0) && umount2(env->root, MNT_DETACH)) {
		fprintf(stderr, "Unable to unmount %s: %s\n", env->root, strerror(errno));
		return VZ_FS_CANTUMOUNT;
	}
	printf("Container is unmounted\n");
	return ct_action_scripts(env, "postumount");
}

/* ------------------------------------------------------------ cgroup */

/* "+memory +pids ..." into dir/cgroup.subtree_control, one at a time
 * (a controller the kernel lacks is skipped) */
static void cg_enable(const char *dir)
{
	static const char *const ctrl[] = {
		"+memory", "+pids", "+cpu", "+cpuset", "+io", NULL
	};
	char path[PATH_MAX + 32];
	unsigned int i;

	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", dir);
	for (i = 0; ctrl[i]; i++)
		vzctl_write_file(path, ctrl[i]);
}

/*
 * A container with its own user namespace gets its cgroup delegated, as
 * the kernel's cgroup-v2 documentation has it: the directory and the
 * files that create and move within it become its root's, so that an init
 * such as systemd can build its tree of cgroups there. Its limits (the
 * memory.*, pids.* ... files) stay the host's.
 */
static int cg_delegate(const struct vzenv *env)
{
	static const char *const files[] = {
		"", "/cgroup.procs", "/cgroup.threads", "/cgroup.subtree_control", NULL
	};
	char path[PATH_MAX + 32];
	unsigned int i;

	for (i = 0; files[i]; i++) {
		snprintf(path, sizeof(path), "%s%s", env->cgroup, files[i]);
		if (chown(path, env->local_uid, env->local_gid))
			return -errno;
	}
	return 0;
}

/* Is the mount point mnt a prefix of path, at a path component? */
static bool under_mount(const char *path, const char *mnt)
{
	size_t n = strlen(mnt);

	if (!strcmp(mnt, "/"))
		return true;
	return !strncmp(path, mnt, n) && (path[n] == '/' || !path[n]);
}

/*
 * nsdelegate on the cgroup2 mount that holds path, as systemd mounts it:
 * without it, a container's root could write the limits of its own
 * cgroup, the root of its cgroup namespace. Added, when missing, by a
 * remount that keeps the mount's other options. 0 or -errno.
 */
static int cg_nsdelegate(const char *path)
{
	char line[PATH_MAX * 2], mnt[PATH_MAX] = "", opts[512] = "", *sep;
	char m[PATH_MAX], fstype[64], sopts[512], data[600], *tok, *save;
	FILE *f = fopen("/proc/self/mountinfo", "re");

	if (!f)
		return -errno;
	/* the last cgroup2 mount above path is the one it is on */
	while (fgets(line, sizeof(line), f)) {
		sep = strstr(line, " - ");
		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", m) != 1 ||
		    sscanf(sep + 3, "%63s %*s %511s", fstype, sopts) != 2)
			continue;
		if (!strcmp(fstype, "cgroup2") && under_mount(path, m)) {
			snprintf(mnt, sizeof(mnt), "%s", m);
			snprintf(opts, sizeof(opts), "%s", sopts);
		}
	}
	fclose(f);
	if (!mnt[0])
		return -ENOENT;
	data[0] = '\0';
	for (tok = strtok_r(opts, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "nsdelegate"))
			return 0;
		if (strcmp(tok, "rw") && strcmp(tok, "ro") && strlen(data) + strlen(tok) + 2 < 500) {
			strcat(data, tok);
			strcat(data, ",");
		}
	}
	strcat(data, "nsdelegate");
	return mount(NULL, mnt, NULL, MS_REMOUNT, data) ? -errno : 0;
}

static int cg_create(const struct vzenv *env)
{
	char parent[PATH_MAX], *slash;
	int ret;

	snprintf(parent, sizeof(parent), "%s", env->cgroup_base);
	slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		cg_enable(parent);
	}
	ret = vzenv_mkdir_p(env->cgroup_base, 0755);
	if (ret)
		return ret;
	cg_enable(env->cgroup_base);
	if (mkdir(env->cgroup, 0755) && errno != EEXIST)
		return -errno;
	return env->local_uid ? cg_delegate(env) : 0;
}

/* cgroupfs: only the directories go, their files with them */
static int cg_rm_entry(const char *path, const struct stat *st, int flag,
		       struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP && rmdir(path) && errno != ENOENT)
		return -errno;
	return 0;
}

/* An empty container cgroup and the cgroups its init made below it. */
static int cg_remove(const char *cgroup)
{
	int ret = nftw(cgroup, cg_rm_entry, 16, FTW_DEPTH | FTW_PHYS);

	if (ret == -1)
		return errno == ENOENT ? 0 : -errno;
	return ret;
}

/* kill everything in the container's cgroup and wait for it to empty */
static int cg_kill(const struct vzenv *env, unsigned int timeout_ms)
{
	char path[PATH_MAX + 32];
	unsigned int t;

	snprintf(path, sizeof(path), "%s/cgroup.kill", env->cgroup);
	vzctl_write_file(path, "1");
	for (t = 0; t < timeout_ms && vzenv_running(env); t += 50)
		msleep(50);
	return vzenv_running(env) ? -EBUSY : 0;
}

/* Unregister (tasks may take a moment to leave) and remove the cgroup. */
static int ct_release(const struct vzenv *env, int vzfd)
{
	unsigned int t;
	int ret;

	for (t = 0; t < 5000; t += 50) {
		ret = vzbc_ct_unregister(vzfd, env->ctid);
		if (ret != -EBUSY)
			break;
		msleep(50);
	}
	if (ret && ret != -ENOENT) {
		fprintf(stderr, "vzctl: unregistering container %u: %s\n", env->ctid,
			vzbc_strerror(ret));
		return VZ_STOP_ERROR;
	}
	ret = cg_remove(env->cgroup);
	if (ret) {
		fprintf(stderr, "vzctl: removing %s: %s\n", env->cgroup, strerror(-ret));
		return VZ_STOP_ERROR;
	}
	return 0;
}

/* ------------------------------------------------------------ limits */

/* Apply every beancounter limit CTID.conf has, in one ioctl. */
static int ct_apply_ubc(const struct vzenv *env, int vzfd)
{
	struct vzbc_limit l[VZBC_RESOURCES];
	unsigned int i, n = 0;
	char val[128];
	uint64_t b, lim;
	int ret;

	for (i = 0; i < ubc_nr_resources; i++) {
		const struct ubc_res *r = &ubc_resources[i];

		if (conf_get(env->conf, r->key, val, sizeof(val)) || !val[0])
			continue;
		ret = ubc_parse(r, val, &b, &lim);
		if (ret < 0) {
			fprintf(stderr, "vzctl: %s: bad %s=\"%s\"\n", env->conf, r->key, val);
			return VZ_INVALID_PARAMETER_VALUE;
		}
		l[n++] = (struct vzbc_limit){ .resource = r->id, .barrier = b, .limit = lim };
	}
	if (!n)
		return 0;
	ret = vzbc_set_limits(vzfd, env->ctid, l, n);
	if (ret) {
		fprintf(stderr, "vzctl: setting the beancounter limits of %u: %s\n",
			env->ctid, vzbc_strerror(ret));
		return VZ_SETUBC_ERROR;
	}
	return 0;
}

/* ------------------------------------------------------------ cpu */

#define CPU_PERIOD	100000	/* cpu.max period, microseconds */

int vzctl_apply_cpu(const struct vzenv *env, const char *units, const char *limit,
		    const char *cpus)
{
	unsigned long long quota = 0, q;
	char path[PATH_MAX + 32], val[64];
	unsigned long w = 100;
	int ret;

	/* OpenVZ's 1000 units are the kernel's default weight of 100 */
	if (units && units[0]) {
		w = strtoul(units, NULL, 10) / 10;
		w = w < 1 ? 1 : w > 10000 ? 10000 : w;
	}
	if (limit && limit[0] && strtoull(limit, NULL, 10))
		quota = strtoull(limit, NULL, 10) * CPU_PERIOD / 100;
	if (cpus && cpus[0] && strtoull(cpus, NULL, 10)) {
		q = strtoull(cpus, NULL, 10) * CPU_PERIOD;
		quota = quota && quota < q ? quota : q;
	}
	snprintf(path, sizeof(path), "%s/cpu.weight", env->cgroup);
	snprintf(val, sizeof(val), "%lu", w);
	ret = vzctl_write_file(path, val);
	if (!ret) {
		snprintf(path, sizeof(path), "%s/cpu.max", env->cgroup);
		if (quota)
			snprintf(val, sizeof(val), "%llu %d", quota, CPU_PERIOD);
		else
			snprintf(val, sizeof(val), "max %d", CPU_PERIOD);
		ret = vzctl_write_file(path, val);
	}
	if (ret) {
		fprintf(stderr, "vzctl: %s: %s%s\n", path, strerror(-ret),
			ret == -ENOENT ? " (no cpu controller for the container's cgroup)" : "");
		return VZ_SYSTEM_ERROR;
	}
	return 0;
}

/* CPU settings from the config, where it has any */
static int ct_apply_cpu_conf(const struct vzenv *env)
{
	char units[32], limit[32], cpus[32];

	if (vzenv_get(env, "CPUUNITS", units, sizeof(units)) ||
	    vzenv_get(env, "CPULIMIT", limit, sizeof(limit)) ||
	    vzenv_get(env, "CPUS", cpus, sizeof(cpus)))
		return VZ_SYSTEM_ERROR;
	if (!units[0] && !limit[0] && !cpus[0])
		return 0;
	return vzctl_apply_cpu(env, units, limit, cpus);
}

/* ------------------------------------------------------------ start */

/* Capability names as OpenVZ's CAPABILITY key spells them, by number */
static const char *const cap_names[] = {
	[CAP_CHOWN] = "CHOWN", [CAP_DAC_OVERRIDE] = "DAC_OVERRIDE",
	[CAP_DAC_READ_SEARCH] = "DAC_READ_SEARCH", [CAP_FOWNER] = "FOWNER",
	[CAP_FSETID] = "FSETID", [CAP_KILL] = "KILL", [CAP_SETGID] = "SETGID",
	[CAP_SETUID] = "SETUID", [CAP_SETPCAP] = "SETPCAP",
	[CAP_LINUX_IMMUTABLE] = "LINUX_IMMUTABLE", [CAP_NET_BIND_SERVICE] = "NET_BIND_SERVICE",
	[CAP_NET_BROADCAST] = "NET_BROADCAST", [CAP_NET_ADMIN] = "NET_ADMIN",
	[CAP_NET_RAW] = "NET_RAW", [CAP_IPC_LOCK] = "IPC_LOCK", [CAP_IPC_OWNER] = "IPC_OWNER",
	[CAP_SYS_MODULE] = "SYS_MODULE", [CAP_SYS_RAWIO] = "SYS_RAWIO",
	[CAP_SYS_CHROOT] = "SYS_CHROOT", [CAP_SYS_PTRACE] = "SYS_PTRACE",
	[CAP_SYS_PACCT] = "SYS_PACCT", [CAP_SYS_ADMIN] = "SYS_ADMIN",
	[CAP_SYS_BOOT] = "SYS_BOOT", [CAP_SYS_NICE] = "SYS_NICE",
	[CAP_SYS_RESOURCE] = "SYS_RESOURCE", [CAP_SYS_TIME] = "SYS_TIME",
	[CAP_SYS_TTY_CONFIG] = "SYS_TTY_CONFIG", [CAP_MKNOD] = "MKNOD", [CAP_LEASE] = "LEASE",
	[CAP_AUDIT_WRITE] = "AUDIT_WRITE", [CAP_AUDIT_CONTROL] = "AUDIT_CONTROL",
	[CAP_SETFCAP] = "SETFCAP", [CAP_MAC_OVERRIDE] = "MAC_OVERRIDE",
	[CAP_MAC_ADMIN] = "MAC_ADMIN", [CAP_SYSLOG] = "SYSLOG",
	[CAP_WAKE_ALARM] = "WAKE_ALARM", [CAP_BLOCK_SUSPEND] = "BLOCK_SUSPEND",
	[CAP_AUDIT_READ] = "AUDIT_READ", [CAP_PERFMON] = "PERFMON", [CAP_BPF] = "BPF",
	[CAP_CHECKPOINT_RESTORE] = "CHECKPOINT_RESTORE",
};

#define CAP_COUNT	(sizeof(cap_names) / sizeof(cap_names[0]))
#define CAP_BIT(c)	(1ULL << (c))

/* Capabilities a container's root does not get by default (OpenVZ's set:
 * everything but module loading, raw I/O and setting the clock, and the
 * capabilities that came after it); CAPABILITY="NAME:on|off ..." adds to
 * or takes from it. */
static const uint64_t ct_dropped_caps =
	CAP_BIT(CAP_SYS_MODULE) | CAP_BIT(CAP_SYS_RAWIO) | CAP_BIT(CAP_SYS_TIME) |
	CAP_BIT(CAP_MAC_OVERRIDE) | CAP_BIT(CAP_MAC_ADMIN) | CAP_BIT(CAP_SYSLOG) |
	CAP_BIT(CAP_WAKE_ALARM) | CAP_BIT(CAP_BLOCK_SUSPEND) | CAP_BIT(CAP_AUDIT_CONTROL) |
	CAP_BIT(CAP_AUDIT_READ) | CAP_BIT(CAP_PERFMON) | CAP_BIT(CAP_BPF) |
	CAP_BIT(CAP_CHECKPOINT_RESTORE);

int vzctl_cap_parse(const char *spec, uint64_t *on, uint64_t *off)
{
	char buf[1024], *tok, *save, *colon;
	unsigned int c;

	*on = *off = 0;
	if (snprintf(buf, sizeof(buf), "%s", spec) >= (int)sizeof(buf))
		return -EINVAL;
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		colon = strchr(tok, ':');
		if (!colon)
			return -EINVAL;
		*colon++ = '\0';
		if (!strncasecmp(tok, "CAP_", 4))
			tok += 4;
		for (c = 0; c < CAP_COUNT && strcasecmp(tok, cap_names[c]); c++)
			;
		if (c == CAP_COUNT)
			return -EINVAL;
		if (!strcmp(colon, "on")) {
			*on |= CAP_BIT(c);
			*off &= ~CAP_BIT(c);
		} else if (!strcmp(colon, "off")) {
			*off |= CAP_BIT(c);
			*on &= ~CAP_BIT(c);
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

void vzctl_cap_format(uint64_t on, uint64_t off, char *buf, size_t len)
{
	size_t n = 0;
	unsigned int c;

	buf[0] = '\0';
	for (c = 0; c < CAP_COUNT; c++)
		if ((on | off) & CAP_BIT(c))
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s:%s", n ? " " : "",
				      cap_names[c], on & CAP_BIT(c) ? "on" : "off");
}

/* The bounding set a container's processes keep: the default with the
 * config's CAPABILITY applied. */
int vzctl_ct_caps(const struct vzenv *env, uint64_t *keep)
{
	uint64_t on, off;
	char spec[1024];

	if (vzenv_get(env, "CAPABILITY", spec, sizeof(spec)) ||
	    vzctl_cap_parse(spec, &on, &off))
		return -EINVAL;
	*keep = ~((ct_dropped_caps | off) & ~on);
	return 0;
}

/* Drop from the bounding set every capability not in keep. */
int vzctl_drop_caps(uint64_t keep)
{
	unsigned int c;

	for (c = 0; c < 64; c++)
		if (!(keep & CAP_BIT(c)) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) &&
		    errno != EINVAL)
			return -errno;
	return 0;
}

static const char *const ct_devs[] = { "null", "zero", "full", "random", "urandom", "tty" };

/* "NAME:PERM": NAME a path below /dev (letters, digits, "._-+" and "/",
 * no "." or ".." component), PERM r, w, rw or none */
bool vzctl_devnode_valid(const char *spec)
{
	const char *perm = strrchr(spec, ':');
	char name[256], *c, *save;
	size_t len;

	if (!perm)
		return false;
	len = perm - spec;
	perm++;
	if (!len || len >= sizeof(name) ||
	    (strcmp(perm, "r") && strcmp(perm, "w") && strcmp(perm, "rw") && strcmp(perm, "none")))
		return false;
	memcpy(name, spec, len);
	name[len] = '\0';
	if (name[0] == '/' || name[len - 1] == '/' || strstr(name, "//"))
		return false;
	for (c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-+/", *c))
			return false;
	for (c = strtok_r(name, "/", &save); c; c = strtok_r(NULL, "/", &save))
		if (!strcmp(c, ".") || !strcmp(c, ".."))
			return false;
	return true;
}

/* dev/NAME in the container's /dev (the cwd is VE_ROOT): the host's
 * /dev/NAME bind-mounted on an empty file, its directories made */
static int ct_bind_dev(const char *name)
{
	char path[PATH_MAX], host[PATH_MAX], *slash;
	int fd;

	snprintf(path, sizeof(path), "dev/%s", name);
	snprintf(host, sizeof(host), "/dev/%s", name);
	for (slash = strchr(path + 4, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
		*slash = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		return -errno;
	close(fd);
	return mount(host, path, NULL, MS_BIND, NULL) ? -errno : 0;
}

/* DEVNODES="NAME:PERM ...": the host's /dev/NAME in the container for
 * every PERM but none */
static int ct_devnodes(const struct vzenv *env)
{
	char list[VZCTL_DNS_MAX], *tok, *save, *perm;
	int ret;

	if (vzenv_get(env, "DEVNODES", list, sizeof(list)))
		return -EINVAL;
	for (tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		perm = strrchr(tok, ':');
		if (!perm || !vzctl_devnode_valid(tok))
			return -EINVAL;
		*perm++ = '\0';
		if (!strcmp(perm, "none"))
			continue;
		ret = ct_bind_dev(tok);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * /dev for the container: a tmpfs with the usual nodes, bind-mounted from
 * the host's (a user namespace may not mknod), those DEVNODES adds, and
 * its own devpts.
 */
static int ct_setup_dev(const struct vzenv *env)
{
	unsigned int i;
	int fd, ret;

	if (mount("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=1m"))
		return -errno;
	for (i = 0; i < sizeof(ct_devs) / sizeof(ct_devs[0]); i++) {
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
	ret = ct_devnodes(env);
	return ret;
}

/* make VE_ROOT (the cwd) the root: pivot_root, or where the host's own
 * root is the initramfs (which cannot be pivoted away), move and chroot */
static int ct_enter_root(void)
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

struct ct_start {
	const struct vzenv *env;
	int status_fd;		/* write end: errno and step on failure */
	int script_fd;		/* runscript: /bin/sh runs it as pid 1; or -1 */
	int sync_fd;		/* user namespace: a byte once its maps are set */
	uint64_t caps;		/* the bounding set it keeps */
	/* NAMESERVER, SEARCHDOMAIN with "inherit" expanded ("": unset) */
	char dns_ns[VZCTL_DNS_MAX], dns_search[VZCTL_DNS_MAX];
};

static void __attribute__((noreturn)) ct_child_fail(struct ct_start *s, const char *step,
						    int err)
{
	char msg[256];
	int n = snprintf(msg, sizeof(msg), "%s: %s", step, strerror(err));

	if (write(s->status_fd, msg, n) < 0)
		_exit(127);
	_exit(127);
}

/* pid 1 of the container: set up its world and exec its init */
static void __attribute__((noreturn)) ct_child(struct ct_start *s)
{
	static char *const init_argv[] = { "/sbin/init", NULL };
	static char *const init_env[] = {
		"container=vzbc", "HOME=/", "TERM=linux",
		"PATH=" VZCTL_PATH,
		NULL,
	};
	const struct vzenv *env = s->env;
	char c;
	int fd, ret;

	if (env->local_uid) {	/* root of its user namespace, once mapped */
		if (read(s->sync_fd, &c, 1) != 1)
			ct_child_fail(s, "mapping the user namespace", EIO);
		if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0))
			ct_child_fail(s, "becoming root of the user namespace", errno);
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		ct_child_fail(s, "making mounts private", errno);
	if (env->hostname[0] && sethostname(env->hostname, strlen(env->hostname)))
		ct_child_fail(s, "setting the hostname", errno);
	/*
	 * A mount of the container's own over VE_ROOT: in a user namespace the
	 * mounts it inherited are locked and can be neither pivoted to nor
	 * moved; a new bind mount's top is not.
	 */
	if (chdir(env->root) || mount(".", ".", NULL, MS_BIND | MS_REC, NULL) ||
	    chdir(env->root))
		ct_child_fail(s, env->root, errno);
	mkdir("proc", 0555);
	mkdir("sys", 0555);
	mkdir("dev", 0755);
	if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		ct_child_fail(s, "mounting /proc", errno);
	if (mount("sysfs", "sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL))
		ct_child_fail(s, "mounting /sys", errno);
	/* the container's own cgroup, as the root of its cgroup namespace */
	mount("cgroup2", "sys/fs/cgroup", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	ret = ct_setup_dev(env);
	if (ret)
		ct_child_fail(s, "setting up /dev", -ret);
	ret = ct_enter_root();
	if (ret)
		ct_child_fail(s, "entering the container's root", -ret);
	/* an init such as systemd sets the host name from /etc/hostname */
	if (env->hostname[0] && s->script_fd < 0) {
		ret = vzctl_write_hostname_file(env->hostname);
		if (ret)
			ct_child_fail(s, "writing /etc/hostname", -ret);
	}
	if (s->script_fd < 0) {
		ret = vzctl_write_resolv_conf(s->dns_ns, s->dns_search);
		if (ret)
			ct_child_fail(s, "writing /etc/resolv.conf", -ret);
	}
	ret = vzctl_drop_caps(s->caps);
	if (ret)
		ct_child_fail(s, "dropping capabilities", -ret);
	setsid();
	umask(022);
	if (s->script_fd >= 0) {	/* runscript: its output is vzctl's */
		static char *const sh_argv[] = { "/bin/sh", NULL };

		if (dup2(s->script_fd, 0) < 0)
			ct_child_fail(s, "the script", errno);
		execve(sh_argv[0], sh_argv, init_env);
		ct_child_fail(s, "executing /bin/sh", errno);
	}
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		ct_child_fail(s, "/dev/null", errno);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	execve(init_argv[0], init_argv, init_env);
	ct_child_fail(s, "executing /sbin/init", errno);
}

/* uid_map and gid_map of a new container's user namespace: its ids
 * 0..VZ_USERNS_IDS-1 are LOCAL_UID.. and LOCAL_GID.. on the host */
static int ct_map_ids(const struct vzenv *env, pid_t pid)
{
	char path[64], map[64];
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	snprintf(map, sizeof(map), "0 %u %u\n", env->local_uid, VZ_USERNS_IDS);
	ret = vzctl_write_file(path, map);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	snprintf(map, sizeof(map), "0 %u %u\n", env->local_gid, VZ_USERNS_IDS);
	return vzctl_write_file(path, map);
}

/* Start init in the registered cgroup (open as cgfd), keeping only the
 * capabilities in caps. 0 or an exit code.
 * With a script (script_fd != -1), the script runs as pid 1 instead, and
 * its pid goes to *pid for the caller to wait for. */
static int ct_spawn_init(const struct vzenv *env, int cgfd, uint64_t caps, int script_fd,
			 pid_t *spid)
{
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS |
			 CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP,
		/* nobody waits for an init; runscript waits for its script */
		.exit_signal = script_fd >= 0 ? SIGCHLD : 0,
		.cgroup = cgfd,
	};
	struct ct_start s = { .env = env, .script_fd = script_fd, .caps = caps };
	char msg[256], v[VZCTL_DNS_MAX];
	int p[2], q[2], ret;
	ssize_t n;
	pid_t pid;

	if (env->local_uid)
		args.flags |= CLONE_NEWUSER;
	/* the host's resolv.conf for "inherit" is read here, on the host */
	if (!vzenv_get(env, "NAMESERVER", v, sizeof(v)))
		vzctl_dns_expand(v, false, s.dns_ns, sizeof(s.dns_ns));
	if (!vzenv_get(env, "SEARCHDOMAIN", v, sizeof(v)))
		vzctl_dns_expand(v, true, s.dns_search, sizeof(s.dns_search));
	if (pipe2(p, O_CLOEXEC))
		return VZ_SYSTEM_ERROR;
	if (pipe2(q, O_CLOEXEC)) {
		close(p[0]);
		close(p[1]);
		return VZ_SYSTEM_ERROR;
	}
	fflush(NULL);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0) {
		fprintf(stderr, "Unable to start the container: clone3: %s\n", strerror(errno));
		close(p[0]);
		close(p[1]);
		close(q[0]);
		close(q[1]);
		return VZ_ENVCREATE_ERROR;
	}
	if (pid == 0) {
		close(p[0]);
		close(q[1]);
		s.status_fd = p[1];
		s.sync_fd = q[0];
		ct_child(&s);
	}
	close(p[1]);
	close(q[0]);
	if (env->local_uid) {
		ret = ct_map_ids(env, pid);
		if (!ret && write(q[1], "", 1) != 1)
			ret = -errno;
		if (ret) {
			fprintf(stderr, "Unable to start the container: mapping its user ids: %s\n",
				strerror(-ret));
			kill(pid, SIGKILL);
			close(q[1]);
			close(p[0]);
			if (script_fd >= 0)
				waitpid(pid, NULL, 0);
			return VZ_ENVCREATE_ERROR;
		}
	}
	close(q[1]);
	n = read(p[0], msg, sizeof(msg) - 1);	/* EOF: init was exec'd */
	close(p[0]);
	if (n > 0) {
		msg[n] = '\0';
		fprintf(stderr, "Unable to start the container: %s\n", msg);
		if (script_fd >= 0)
			waitpid(pid, NULL, 0);
		return VZ_ENVCREATE_ERROR;
	}
	if (spid)
		*spid = pid;
	return 0;
}

/*
 * Start the container: mount, cgroup, registration, limits, then its init
 * and its CTID.start script. For runscript (script_fd != -1): the script as
 * pid 1 instead of init, its pid to *spid.
 */
static int ct_do_start(const struct vzenv *env, int script_fd, pid_t *spid)
{
	int vzfd, cgfd = -1, ret;
	uint64_t caps;

	if (vzenv_running(env)) {
		fprintf(stderr, "Container is already running\n");
		return VZ_VE_RUNNING;
	}
	if (vzctl_ct_caps(env, &caps)) {
		fprintf(stderr, "vzctl: bad CAPABILITY in %s (NAME:on|off ...)\n", env->conf);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	vzfd = vzbc_open();
	if (vzfd < 0) {
		fprintf(stderr, "vzctl: %s\n", vzbc_strerror(vzfd));
		return vz_exit_code(vzfd);
	}
	printf("Starting container...\n");
	ret = ct_mount(env);
	if (ret)
		goto out_close;
	ret = cg_nsdelegate(env->cgroup_base);
	if (ret) {
		fprintf(stderr, "vzctl: no nsdelegate on the cgroup2 mount of %s, without which a"
			" container could change its own limits: %s\n", env->cgroup_base,
			strerror(-ret));
		ret = VZ_ENVCREATE_ERROR;
		goto err_umount;
	}
	ret = cg_create(env);
	if (!ret) {
		cgfd = open(env->cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (cgfd < 0)
			ret = -errno;
	}
	if (ret) {
		fprintf(stderr, "vzctl: creating cgroup %s: %s\n", env->cgroup, strerror(-ret));
		ret = VZ_ENVCREATE_ERROR;
		goto err_umount;
	}
	ret = vzbc_ct_register(vzfd, env->ctid, cgfd);
	if (ret == -EEXIST) {	/* left by a vzctl that died: nothing runs */
		vzbc_ct_unregister(vzfd, env->ctid);
		ret = vzbc_ct_register(vzfd, env->ctid, cgfd);
	}
	if (ret) {
		fprintf(stderr, "vzctl: registering container %u: %s\n", env->ctid,
			vzbc_strerror(ret));
		ret = VZ_ENVCREATE_ERROR;
		goto err_cgroup;
	}
	ret = ct_apply_ubc(env, vzfd);
	if (!ret)
		ret = ct_apply_cpu_conf(env);
	if (!ret)
		ret = vzctl_apply_cpuset_conf(env);
	if (!ret)
		ret = vzctl_apply_io_conf(env);
	if (ret)
		goto err_register;
	ret = ct_spawn_init(env, cgfd, caps, script_fd, spid);
	if (ret)
		goto err_register;
	if (script_fd < 0) {
		printf("Container start in progress...\n");
		ret = ct_inner_script(env, "start");
		if (ret)
			goto err_register;
	}
	close(cgfd);
	close(vzfd);
	return 0;

err_register:
	cg_kill(env, 5000);
err_cgroup:
	ct_release(env, vzfd);
	if (cgfd >= 0)
		close(cgfd);
err_umount:
	ct_umount(env);
out_close:
	close(vzfd);
	return ret;
}

/* ------------------------------------------------------------ start --wait */

/* how long start --wait waits for the boot to finish, as OpenVZ: 30 min */
#define CT_BOOT_TIMEOUT_MS	(30u * 60 * 1000)

/* The command line of host process pid, NULs made spaces: 0 or -errno. */
static int proc_cmdline(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n, i;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = ' ';
	buf[n] = '\0';
	return 0;
}

/* Does a boot script run the way init starts one (sysvinit's rc and rcS,
 * busybox's sysinit rcS, OpenRC)? */
static bool is_boot_script(const char *cmdline)
{
	static const char *const pats[] = {
		"/etc/init.d/rc", "/etc/rc.d/rc", "/etc/rc.sysinit", "openrc ",
	};
	size_t i;

	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
		if (strstr(cmdline, pats[i]))
			return true;
	return false;
}

/*
 * Where a non-systemd boot stands, from the host: init's children. Booting
 * while one of them runs a boot script, or while init has started nothing
 * yet; booted once it has children and none is a boot script (sysvinit and
 * busybox init start gettys and daemons only after their rc scripts).
 * 1: booted, 0: booting, -errno: init is gone.
 */
static int ct_boot_state(pid_t init)
{
	char path[64], line[256], cmd[512];
	bool children = false, booting = false;
	struct dirent *de;
	DIR *d;
	FILE *f;
	pid_t pid, ppid;

	d = opendir("/proc");
	if (!d)
		return -errno;
	while (!booting && (de = readdir(d))) {
		pid = atoi(de->d_name);
		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		f = fopen(path, "re");
		if (!f)
			continue;
		ppid = 0;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "PPid: %d", &ppid) == 1)
				break;
		fclose(f);
		if (ppid != init)
			continue;
		children = true;
		booting = !proc_cmdline(pid, cmd, sizeof(cmd)) && is_boot_script(cmd);
	}
	closedir(d);
	if (kill(init, 0) && errno == ESRCH)
		return -ESRCH;
	return children && !booting;
}

/* Is the container's init systemd? */
static bool ct_init_is_systemd(pid_t init)
{
	char path[64], comm[32] = "";
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", init);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, comm, sizeof(comm) - 1);
	close(fd);
	return n > 0 && !strncmp(comm, "systemd\n", 8);
}

/*
 * start --wait: until the container's init has finished booting, as
 * OpenVZ's vzctl waits for its init to reach the default runlevel. systemd
 * says so itself (systemctl is-system-running --wait: running, or
 * degraded when a unit failed); for other inits, the boot scripts they run
 * (ct_boot_state). 0, or an exit code after saying why.
 */
static int ct_wait_booted(const struct vzenv *env)
{
	static const char *const systemd_wait[] = {
		"/bin/sh", "-c", "systemctl is-system-running --wait > /dev/null 2>&1; "
		"case $(systemctl is-system-running 2> /dev/null) in "
		"running|degraded) exit 0 ;; esac; exit 1", NULL,
	};
	unsigned int waited = 0;
	pid_t init;
	int r;

	printf("Waiting for the container to finish booting...\n");
	fflush(stdout);
	for (;;) {
		init = vzenv_init_pid(env);
		if (init <= 0)
			break;
		if (ct_init_is_systemd(init)) {
			r = vzctl_ct_exec(env, systemd_wait, VZCTL_EXEC_QUIET);
			if (r >= 0 && WIFEXITED(r) && WEXITSTATUS(r) == 0)
				return 0;
		} else {
			r = ct_boot_state(init);
			if (r == 1)
				return 0;
			if (r < 0)
				break;
		}
		if (waited >= CT_BOOT_TIMEOUT_MS) {
			fprintf(stderr, "vzctl: the container did not finish booting in %u s\n",
				CT_BOOT_TIMEOUT_MS / 1000);
			return VZ_SYSTEM_ERROR;
		}
		msleep(200);
		waited += 200;
	}
	fprintf(stderr, "vzctl: the container's init exited while it was booting\n");
	return VZ_ENVCREATE_ERROR;
}

static int start_wait, start_force;

#define START_OPTS \
	{ "wait", '\0', POPT_ARG_NONE, &start_wait, 0, \
	  "return once the container's init has finished booting", NULL }, \
	{ "force", '\0', POPT_ARG_NONE, &start_force, 0, \
	  "start it even if its config says DISABLED=\"yes\"", NULL }

static const struct poptOption start_opts[] = {
	START_OPTS,
	POPT_AUTOHELP
	POPT_TABLEEND
};

/* DISABLED="yes" (vzctl set --disabled yes): not started without --force */
static bool ct_start_disabled(const struct vzenv *env)
{
	char v[16];

	return !start_force && !vzenv_get(env, "DISABLED", v, sizeof(v)) && !strcmp(v, "yes");
}

static int ct_start_action(struct vzenv *env)
{
	int ret;

	if (ct_start_disabled(env)) {
		fprintf(stderr, "Container start disabled\n");
		return VZ_VE_START_DISABLED;
	}
	ret = ct_do_start(env, -1, NULL);

	if (!ret && start_wait)
		ret = ct_wait_booted(env);
	return ret;
}

int vzctl_start(int argc, const char **argv)
{
	return ct_locked(argc, argv, start_opts, true, ct_start_action);
}

/* ------------------------------------------------------------ stop */

static int ct_do_stop(const struct vzenv *env, bool fast, bool skip_umount)
{
	unsigned int t;
	int vzfd, ret;

	if (!vzenv_running(env)) {
		fprintf(stderr, "Unable to stop: container is not running\n");
		/* a leftover of a crashed vzctl: clean it up all the same */
		vzfd = vzbc_open();
		if (vzfd >= 0) {
			ct_release(env, vzfd);
			close(vzfd);
		}
		return skip_umount ? 0 : ct_umount(env);
	}
	vzfd = vzbc_open();
	if (vzfd < 0) {
		fprintf(stderr, "vzctl: %s\n", vzbc_strerror(vzfd));
		return vz_exit_code(vzfd);
	}
	printf("Stopping container ...\n");
	/* CTID.stop, inside: a failure is reported, the stop goes on */
	if (ct_inner_script(env, "stop"))
		fprintf(stderr, "Warning: stopping the container all the same\n");
	if (!fast) {
		/* a clean shutdown through the container's own init */
		static const char *const halt[] = { "halt", NULL };

		vzctl_ct_exec(env, halt, VZCTL_EXEC_QUIET);
		for (t = 0; t < env->stop_timeout * 1000 && vzenv_running(env); t += 100)
			msleep(100);
		if (vzenv_running(env))
			fprintf(stderr, "Unable to stop container: operation timed out, killing it\n");
	}
	if (cg_kill(env, 10000)) {
		fprintf(stderr, "Unable to stop container: tasks survive cgroup.kill\n");
		close(vzfd);
		return VZ_STOP_ERROR;
	}
	printf("Container was stopped\n");
	ret = ct_release(env, vzfd);
	close(vzfd);
	if (!ret && !skip_umount)
		ret = ct_umount(env);
	return ret;
}

static int stop_fast, stop_skip_umount;

#define STOP_OPTS \
	{ "fast", '\0', POPT_ARG_NONE, &stop_fast, 0, \
	  "kill the container's processes without a clean shutdown", NULL }, \
	{ "skip-umount", '\0', POPT_ARG_NONE, &stop_skip_umount, 0, \
	  "leave the private area mounted on VE_ROOT", NULL }

static const struct poptOption stop_opts[] = {
	STOP_OPTS,
	POPT_AUTOHELP
	POPT_TABLEEND
};

/* restart takes what stop and start take */
static const struct poptOption restart_opts[] = {
	STOP_OPTS,
	START_OPTS,
	POPT_AUTOHELP
	POPT_TABLEEND
};

static int ct_stop_action(struct vzenv *env)
{
	return ct_do_stop(env, stop_fast, stop_skip_umount);
}

int vzctl_stop(int argc, const char **argv)
{
	return ct_locked(argc, argv, stop_opts, true, ct_stop_action);
}

static int ct_restart_action(struct vzenv *env)
{
	int ret;

	printf("Restarting container\n");
	ret = ct_do_stop(env, stop_fast, false);
	return ret ? ret : ct_start_action(env);
}

int vzctl_restart(int argc, const char **argv)
{
	return ct_locked(argc, argv, restart_opts, true, ct_restart_action);
}

/* ------------------------------------------------------------ runscript */

/*
 * A stopped container started for a script: the script is its pid 1 (no
 * init, no CTID.start), with the container's limits; when it ends the
 * container is stopped again, and unmounted if it was not mounted before.
 */
static int ct_runscript_stopped(const struct vzenv *env, int script_fd)
{
	bool was_mounted = vzenv_mounted(env);
	int vzfd, ret, status;
	pid_t pid;

	ret = ct_do_start(env, script_fd, &pid);
	if (ret)
		return ret;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = W_EXITCODE(VZ_SYSTEM_ERROR, 0);
			break;
		}
	}
	cg_kill(env, 10000);	/* what the script left behind */
	vzfd = vzbc_open();
	if (vzfd < 0) {
		fprintf(stderr, "vzctl: %s\n", vzbc_strerror(vzfd));
		return vz_exit_code(vzfd);
	}
	ret = ct_release(env, vzfd);
	close(vzfd);
	if (!ret && !was_mounted)
		ret = ct_umount(env);
	return ret ? ret : vzctl_status_code(status);
}

/*
 * vzctl runscript CTID SCRIPT: the host file SCRIPT run by the container's
 * /bin/sh, inside it; exits with the script's status. A running container
 * is not locked meanwhile (as for exec); a stopped one is, while it runs.
 */
int vzctl_runscript(int argc, const char **argv)
{
	struct vzenv env;
	unsigned int ctid;
	int fd, lock, ret;

	if (argc != 3) {
		fprintf(stderr, "Usage: %s <ctid> <script>\n", argv[0]);
		return VZ_INVALID_PARAMETER_SYNTAX;
	}
	ret = vzctl_ctid_arg(argv[1], &ctid);
	if (ret)
		return ret;
	fd = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "vzctl: script %s: %s\n", argv[2], strerror(errno));
		return VZ_INVALID_PARAMETER_VALUE;
	}
	lock = vzctl_ct_open(ctid, &env, true);
	if (lock < 0) {
		close(fd);
		return -lock;
	}
	if (vzenv_running(&env)) {
		close(lock);
		ret = vzctl_ct_run_script(&env, fd, 0);
		if (ret < 0) {
			fprintf(stderr, "vzctl: %s\n", strerror(-ret));
			ret = VZ_SYSTEM_ERROR;
		} else {
			ret = vzctl_status_code(ret);
		}
	} else {
		ret = ct_runscript_stopped(&env, fd);
		close(lock);
	}
	close(fd);
	return ret;
}

/* ------------------------------------------------------------ status */

int vzctl_status(int argc, const char **argv)
{
	struct vzenv env;
	unsigned int ctid;
	int ret;

	ret = ct_cmd_parse(argc, argv, start_opts, &ctid);
	if (ret)
		return ret;
	ret = vzenv_load(ctid, &env);
	if (ret) {
		fprintf(stderr, "vzctl: reading the configuration of %u: %s\n", ctid,
			strerror(-ret));
		return VZ_SYSTEM_ERROR;
	}
	printf("CTID %u %s %s %s\n", ctid,
	       env.exists && !access(env.private, F_OK) ? "exist" : "deleted",
	       vzenv_mounted(&env) ? "mounted" : "unmounted",
	       vzenv_running(&env) ? "running" : "down");
	return 0;
}

/* ------------------------------------------------------------ mount */

static int ct_mount_action(struct vzenv *env)
{
	if (vzenv_mounted(env)) {
		fprintf(stderr, "Container is already mounted\n");
		return VZ_FS_MOUNTED;
	}
	return ct_mount(env);
}

int vzctl_mount(int argc, const char **argv)
{
	return ct_locked(argc, argv, start_opts, true, ct_mount_action);
}

static int ct_umount_action(struct vzenv *env)
{
	if (vzenv_running(env)) {
		fprintf(stderr, "Container is running: stop it first\n");
		return VZ_VE_RUNNING;
	}
	if (!vzenv_mounted(env)) {
		fprintf(stderr, "Container is not mounted\n");
		return VZ_FS_NOT_MOUNTED;
	}
	return ct_umount(env);
}

int vzctl_umount(int argc, const char **argv)
{
	return ct_locked(argc, argv, start_opts, true, ct_umount_action);
}

/* ------------------------------------------------------------ create */

static const char *create_ostemplate, *create_config, *create_private,
	*create_root, *create_hostname, *create_ipadd, *create_layout,
	*create_local_uid, *create_local_gid, *create_diskspace, *create_diskinodes;

static const struct poptOption create_opts[] = {
	{ "ostemplate", '\0', POPT_ARG_STRING, &create_ostemplate, 0,
	  "OS template: TEMPLATE/cache/NAME.tar.gz (default DEF_OSTEMPLATE)", "NAME" },
	{ "config", '\0', POPT_ARG_STRING, &create_config, 0,
	  "sample config /etc/vz/conf/ve-NAME.conf-sample (default CONFIGFILE)", "NAME" },
	{ "private", '\0', POPT_ARG_STRING, &create_private, 0,
	  "private area (default VE_PRIVATE)", "PATH" },
	{ "root", '\0', POPT_ARG_STRING, &create_root, 0,
	  "mount point of the running container (default VE_ROOT)", "PATH" },
	{ "hostname", '\0', POPT_ARG_STRING, &create_hostname, 0,
	  "the container's host name", "NAME" },
	{ "ipadd", '\0', POPT_ARG_STRING, &create_ipadd, 0,
	  "IP address, saved in IP_ADDRESS (networking is not set up yet)", "ADDR" },
	{ "layout", '\0', POPT_ARG_STRING, &create_layout, 0,
	  "private area layout: simfs (a directory) or ploop (an ext4 image of DISKSPACE's "
	  "limit on a loop device; :plain or :raw allocate it all now); default VE_LAYOUT",
	  "simfs|ploop[:expanded|plain|raw]" },
	{ "diskspace", '\0', POPT_ARG_STRING, &create_diskspace, 0,
	  "disk space in KiB (K/M/G/T suffixes); the ploop image's size is the limit "
	  "(default DISKSPACE of the sample config)", "SOFT[:HARD]" },
	{ "diskinodes", '\0', POPT_ARG_STRING, &create_diskinodes, 0,
	  "inodes; a ploop image gets the limit's count (default DISKINODES)", "SOFT[:HARD]" },
	{ "local_uid", '\0', POPT_ARG_STRING, &create_local_uid, 0,
	  "host uid of the container's root in its user namespace (default LOCAL_UID; 0: none)",
	  "UID" },
	{ "local_gid", '\0', POPT_ARG_STRING, &create_local_gid, 0,
	  "host gid of the container's root group (default LOCAL_GID, or the uid)", "GID" },
	POPT_AUTOHELP
	POPT_TABLEEND
};

#define CREATE_MARK	".vzbc-creating"

/*
 * tar -xzf tarball -C dir, as root, keeping owners. tar dies with vzctl
 * (PR_SET_PDEATHSIG): a vzctl killed midway must not leave it writing
 * into the scratch area that the retry clears.
 */
static int untar(const char *tarball, const char *dir)
{
	const char *argv[] = { "tar", "--numeric-owner", "-xpzf", tarball, "-C", dir, NULL };
	pid_t parent = getpid(), pid;
	int status;

	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(127);
		execvp("tar", (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

/* copy src to dst (created, must not exist) */
static int copy_file(const char *src, const char *dst)
{
	char buf[8192];
	int in, out, ret = 0;
	ssize_t n;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0) {
		ret = -errno;
		close(in);
		return ret;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			ret = -EIO;
			break;
		}
	if (n < 0)
		ret = -errno;
	if (!ret && fsync(out))
		ret = -errno;
	close(in);
	close(out);
	return ret;
}

/* nftw() has no argument for its callback */
static unsigned int shift_uid, shift_gid;
/* the inodes with several names shifted so far (a tsearch() tree) */
static void *shift_seen;

static int ino_cmp(const void *a, const void *b)
{
	const struct stat *x = a, *y = b;

	if (x->st_dev != y->st_dev)
		return x->st_dev < y->st_dev ? -1 : 1;
	if (x->st_ino != y->st_ino)
		return x->st_ino < y->st_ino ? -1 : 1;
	return 0;
}

/* Has this inode been shifted under another name already? */
static int shift_seen_before(const struct stat *st)
{
	struct stat *key, **found;

	if (S_ISDIR(st->st_mode) || st->st_nlink < 2)
		return 0;
	key = malloc(sizeof(*key));
	if (!key)
		return -ENOMEM;
	*key = *st;
	found = tsearch(key, &shift_seen, ino_cmp);
	if (!found) {
		free(key);
		return -ENOMEM;
	}
	if (*found != key) {
		free(key);
		return 1;
	}
	return 0;
}

static int shift_entry(const char *path, const struct stat *st, int flag,
		       struct FTW *ftw)
{
	int seen;

	(void)ftw;
	if (flag == FTW_NS || flag == FTW_DNR)
		return -EACCES;
	seen = shift_seen_before(st);	/* a hard link: its inode is done */
	if (seen)
		return seen < 0 ? seen : 0;
	if (st->st_uid >= VZ_USERNS_IDS || st->st_gid >= VZ_USERNS_IDS)
		return -EOVERFLOW;
	if (lchown(path, st->st_uid + shift_uid, st->st_gid + shift_gid))
		return -errno;
	/* chown() clears the set-user-ID and set-group-ID bits: restore them */
	if (!S_ISLNK(st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID)) &&
	    chmod(path, st->st_mode & 07777))
		return -errno;
	return 0;
}

/* Give every file of a new private area to the container's user namespace:
 * id N becomes LOCAL_UID + N (and the same for groups). */
static int shift_ids(const char *dir, unsigned int uid, unsigned int gid)
{
	int ret;

	shift_uid = uid;
	shift_gid = gid;
	/* nftw() returns what a callback returned, -errno here, or -1 */
	ret = nftw(dir, shift_entry, 64, FTW_PHYS);
	if (ret == -1)
		ret = -errno;
	tdestroy(shift_seen, free);
	shift_seen = NULL;
	return ret;
}

/* --local_uid/--local_gid over LOCAL_UID/LOCAL_GID of vz.conf */
static int create_ids(struct vzenv *env)
{
	if (create_local_uid) {
		if (vzenv_parse_local_id(create_local_uid, &env->local_uid))
			goto bad;
		if (!create_local_gid)
			env->local_gid = env->local_uid;
	}
	if (create_local_gid && vzenv_parse_local_id(create_local_gid, &env->local_gid))
		goto bad;
	if (!env->local_uid != !env->local_gid) {
		fprintf(stderr, "vzctl: --local_uid and --local_gid: both or neither\n");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	return 0;
bad:
	fprintf(stderr, "vzctl: --local_uid/--local_gid: a host id from 1 to %u, or 0 for none\n",
		0xffffffffU - VZ_USERNS_IDS);
	return VZ_INVALID_PARAMETER_VALUE;
}

/* What create makes of the disk: layout, and the values to save. */
struct create_disk {
	bool ploop, prealloc;
	uint64_t space_soft, space_hard, inodes_soft, inodes_hard;
	char space[48], inodes[48];	/* to save, "" for none */
};

/* --layout, --diskspace, --diskinodes over the sample config and vz.conf:
 * 0 or an exit code, before anything is made. */
static int create_disk_params(const struct vzenv *env, const char *sample,
			      struct create_disk *d)
{
	char layout[64], space[64] = "", inodes[64] = "";
	const char *mode;

	memset(d, 0, sizeof(*d));
	if (create_layout)
		snprintf(layout, sizeof(layout), "%s", create_layout);
	else if (vzenv_get(env, "VE_LAYOUT", layout, sizeof(layout)) || !layout[0])
		snprintf(layout, sizeof(layout), "simfs");
	mode = strchr(layout, ':');
	if (!strcmp(layout, "simfs")) {
		d->ploop = false;
	} else if (!strncmp(layout, "ploop", 5) && (!layout[5] || mode == layout + 5) &&
		   (!mode || !strcmp(mode, ":expanded") || !strcmp(mode, ":plain") ||
		    !strcmp(mode, ":raw"))) {
		d->ploop = true;
		d->prealloc = mode && strcmp(mode, ":expanded");
	} else {
		fprintf(stderr, "vzctl: --layout %s: simfs, ploop, ploop:expanded, ploop:plain "
			"or ploop:raw\n", layout);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (create_diskspace)
		snprintf(space, sizeof(space), "%s", create_diskspace);
	else if ((!sample[0] || conf_get(sample, "DISKSPACE", space, sizeof(space))) &&
		 vzenv_get(env, "DISKSPACE", space, sizeof(space)))
		space[0] = '\0';
	if (create_diskinodes)
		snprintf(inodes, sizeof(inodes), "%s", create_diskinodes);
	else if ((!sample[0] || conf_get(sample, "DISKINODES", inodes, sizeof(inodes))) &&
		 vzenv_get(env, "DISKINODES", inodes, sizeof(inodes)))
		inodes[0] = '\0';
	d->space_soft = d->space_hard = d->inodes_soft = d->inodes_hard = UINT64_MAX;
	if (space[0] && disk_parse(space, true, &d->space_soft, &d->space_hard)) {
		fprintf(stderr, "vzctl: bad disk space '%s' (SOFT[:HARD] in KiB, K/M/G/T "
			"suffixes, soft not above hard)\n", space);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (inodes[0] && disk_parse(inodes, false, &d->inodes_soft, &d->inodes_hard)) {
		fprintf(stderr, "vzctl: bad disk inodes '%s' (SOFT[:HARD], soft not above hard)\n",
			inodes);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (d->ploop && (d->space_hard == UINT64_MAX || d->space_hard < PLOOP_MIN_KB)) {
		fprintf(stderr, "vzctl: a ploop container needs a disk space limit of at least "
			"16M: --diskspace, or DISKSPACE in the sample config\n");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (create_diskspace)
		disk_format(d->space_soft, d->space_hard, d->space, sizeof(d->space));
	if (create_diskinodes)
		disk_format(d->inodes_soft, d->inodes_hard, d->inodes, sizeof(d->inodes));
	return 0;
}

/* The template into a new private area dir: unpacked into the directory,
 * or into a new ploop image in it (mounted on dir.vzbc-mnt meanwhile);
 * its files given to the container's user namespace. 0 or -errno. */
static int create_fill(const struct vzenv *env, const struct create_disk *d,
		       const char *tarball, const char *dir)
{
	char mnt[PATH_MAX + 16];
	const char *into = dir;
	int ret;

	if (d->ploop) {
		ret = ploop_create(dir, d->space_hard, d->inodes_hard, d->prealloc);
		if (ret)
			return ret;
		snprintf(mnt, sizeof(mnt), "%s.vzbc-mnt", env->private);
		umount2(mnt, MNT_DETACH);	/* what an interrupted create left */
		if (mkdir(mnt, 0700) && errno != EEXIST)
			return -errno;
		ret = ploop_mount(dir, mnt, 0);
		if (ret) {
			rmdir(mnt);
			return ret;
		}
		into = mnt;
	}
	ret = untar(tarball, into);
	if (!ret && env->local_uid)
		ret = shift_ids(into, env->local_uid, env->local_gid);
	if (d->ploop) {
		if (umount2(mnt, 0) && !ret)
			ret = -errno;
		rmdir(mnt);
	}
	return ret;
}

static int ct_do_create(struct vzenv *env)
{
	char tarball[PATH_MAX + 300], sample[PATH_MAX], tmp_priv[PATH_MAX + 16],
	     tmp_conf[PATH_MAX + 16], mark[PATH_MAX + 32], origin[300];
	const char *config = create_config ? create_config : env->configfile;
	char local_uid[16], local_gid[16];
	struct create_disk disk;
	struct conf_kv kv[12];
	size_t n = 0;
	int ret;

	ret = create_ids(env);
	if (ret)
		return ret;
	if (create_ostemplate)
		snprintf(env->ostemplate, sizeof(env->ostemplate), "%s", create_ostemplate);
	if (!env->ostemplate[0] || strchr(env->ostemplate, '/')) {
		fprintf(stderr, "vzctl: no valid OS template: use --ostemplate or set DEF_OSTEMPLATE in "
			VZ_GLOBAL_CONF "\n");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if ((create_private && vzenv_expand(create_private, env->ctid, env->private,
					    sizeof(env->private))) ||
	    (create_root && vzenv_expand(create_root, env->ctid, env->root, sizeof(env->root)))) {
		fprintf(stderr, "vzctl: --private/--root: path too long\n");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	snprintf(tarball, sizeof(tarball), "%s/cache/%s.tar.gz", env->template, env->ostemplate);
	if (access(tarball, R_OK)) {
		fprintf(stderr, "Cache file %s not found: no OS template %s\n", tarball,
			env->ostemplate);
		return VZ_PKGSET_NOT_FOUND;
	}
	sample[0] = '\0';
	if (config && config[0]) {
		if (strchr(config, '/')) {
			fprintf(stderr, "vzctl: --config %s: a sample name, not a path\n", config);
			return VZ_INVALID_PARAMETER_VALUE;
		}
		snprintf(sample, sizeof(sample), VZ_CONF_DIR "/ve-%s.conf-sample", config);
		if (access(sample, R_OK)) {
			fprintf(stderr, "Sample config %s not found\n", sample);
			return VZ_CP_CONFIG;
		}
	}
	ret = create_disk_params(env, sample, &disk);
	if (ret)
		return ret;

	/* what an interrupted create left: its private area still marked */
	snprintf(mark, sizeof(mark), "%s/" CREATE_MARK, env->private);
	if (!access(mark, F_OK)) {
		ret = rm_rf(env->private);
		if (ret) {
			fprintf(stderr, "vzctl: removing the unfinished %s: %s\n", env->private,
				strerror(-ret));
			return VZ_FS_NEW_VE_PRVT;
		}
	}
	if (!access(env->private, F_OK)) {
		fprintf(stderr, "Private area %s already exists\n", env->private);
		return VZ_FS_PRVT_AREA_EXIST;
	}

	printf("Creating container private area (%s)\n", env->ostemplate);
	snprintf(tmp_priv, sizeof(tmp_priv), "%s.vzbc-tmp", env->private);
	snprintf(tmp_conf, sizeof(tmp_conf), "%s.vzbc-tmp", env->conf);
	rm_rf(tmp_priv);
	unlink(tmp_conf);
	ret = vzenv_mkdir_p(tmp_priv, 0755);
	if (!ret) {
		snprintf(mark, sizeof(mark), "%s/" CREATE_MARK, tmp_priv);
		ret = touch(mark);
	}
	if (!ret)
		ret = create_fill(env, &disk, tarball, tmp_priv);
	if (ret) {
		fprintf(stderr, "vzctl: unpacking %s into %s: %s\n", tarball, tmp_priv,
			strerror(-ret));
		rm_rf(tmp_priv);
		return VZ_FS_NEW_VE_PRVT;
	}

	/* the config: the sample (or nothing) with this container's keys */
	ret = vzenv_mkdir_p(VZ_CONF_DIR, 0755);
	if (!ret)
		ret = sample[0] ? copy_file(sample, tmp_conf) : touch(tmp_conf);
	kv[n++] = (struct conf_kv){ "VE_ROOT", env->root };
	kv[n++] = (struct conf_kv){ "VE_PRIVATE", env->private };
	kv[n++] = (struct conf_kv){ "OSTEMPLATE", env->ostemplate };
	snprintf(origin, sizeof(origin), "%s", config ? config : "");
	if (origin[0])
		kv[n++] = (struct conf_kv){ "ORIGIN_SAMPLE", origin };
	if (create_hostname)
		kv[n++] = (struct conf_kv){ "HOSTNAME", create_hostname };
	if (create_ipadd)
		kv[n++] = (struct conf_kv){ "IP_ADDRESS", create_ipadd };
	/* the private area's ids follow them: a later vz.conf must not change them */
	snprintf(local_uid, sizeof(local_uid), "%u", env->local_uid);
	snprintf(local_gid, sizeof(local_gid), "%u", env->local_gid);
	kv[n++] = (struct conf_kv){ "LOCAL_UID", local_uid };
	kv[n++] = (struct conf_kv){ "LOCAL_GID", local_gid };
	kv[n++] = (struct conf_kv){ "VE_LAYOUT", disk.ploop ? "ploop" : "simfs" };
	if (disk.space[0])
		kv[n++] = (struct conf_kv){ "DISKSPACE", disk.space };
	if (disk.inodes[0])
		kv[n++] = (struct conf_kv){ "DISKINODES", disk.inodes };
	if (!ret)
		ret = conf_update(tmp_conf, kv, n);
	if (ret) {
		fprintf(stderr, "vzctl: writing %s: %s\n", tmp_conf, strerror(-ret));
		goto err;
	}

	/* commit: the private area, then the config; the mark goes last */
	ret = vzenv_mkdir_p(env->private, 0755);
	if (!ret && (rmdir(env->private) || rename(tmp_priv, env->private)))
		ret = -errno;
	if (!ret && rename(tmp_conf, env->conf))
		ret = -errno;
	if (ret) {
		fprintf(stderr, "vzctl: creating %s: %s\n", env->private, strerror(-ret));
		goto err;
	}
	snprintf(mark, sizeof(mark), "%s/" CREATE_MARK, env->private);
	unlink(mark);
	printf("Container private area was created\n");
	return 0;

err:
	rm_rf(tmp_priv);
	unlink(tmp_conf);
	return VZ_FS_NEW_VE_PRVT;
}

static int ct_create_action(struct vzenv *env)
{
	if (env->exists) {
		fprintf(stderr, "Container %u already exists (%s)\n", env->ctid, env->conf);
		return VZ_FS_PRVT_AREA_EXIST;
	}
	return ct_do_create(env);
}

int vzctl_create(int argc, const char **argv)
{
	return ct_locked(argc, argv, create_opts, false, ct_create_action);
}

/* ------------------------------------------------------------ destroy */

static int ct_destroy_action(struct vzenv *env)
{
	char destroyed[PATH_MAX + 16];
	int ret;

	if (vzenv_running(env)) {
		fprintf(stderr, "Container is currently running. Stop it first.\n");
		return VZ_VE_RUNNING;
	}
	ret = ct_umount(env);
	if (ret)
		return ret;
	printf("Destroying container private area: %s\n", env->private);
	ret = rm_rf(env->private);
	if (ret) {
		fprintf(stderr, "vzctl: removing %s: %s\n", env->private, strerror(-ret));
		return VZ_FS_DEL_PRVT;
	}
	rmdir(env->root);
	snprintf(destroyed, sizeof(destroyed), "%s.destroyed", env->conf);
	if (rename(env->conf, destroyed)) {
		fprintf(stderr, "vzctl: renaming %s: %s\n", env->conf, strerror(errno));
		return VZ_SYSTEM_ERROR;
	}
	printf("Container private area was destroyed\n");
	return 0;
}

int vzctl_destroy(int argc, const char **argv)
{
	return ct_locked(argc, argv, start_opts, true, ct_destroy_action);
}
