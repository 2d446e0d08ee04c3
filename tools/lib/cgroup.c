// SPDX-License-Identifier: GPL-2.0
/*
 * A container's cgroup and its CPU settings (see cgroup.h; cpuset.c and
 * io.c have the cpuset and io controllers).
 */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "err.h"
#include "util.h"
#include "vzenv.h"
#include "vzexit.h"

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
		vz_write_file(path, ctrl[i]);
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

int vz_cg_nsdelegate(const char *path)
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

int vz_cg_create(const struct vzenv *env)
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
static int cg_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP && rmdir(path) && errno != ENOENT)
		return -errno;
	return 0;
}

int vz_cg_remove(const char *cgroup)
{
	int ret = nftw(cgroup, cg_rm_entry, 16, FTW_DEPTH | FTW_PHYS);

	if (ret == -1)
		return errno == ENOENT ? 0 : -errno;
	return ret;
}

int vz_cg_kill(const struct vzenv *env, unsigned int timeout_ms)
{
	char path[PATH_MAX + 32];
	unsigned int t;

	snprintf(path, sizeof(path), "%s/cgroup.kill", env->cgroup);
	vz_write_file(path, "1");
	for (t = 0; t < timeout_ms && vzenv_running(env); t += 50)
		vz_msleep(50);
	return vzenv_running(env) ? -EBUSY : 0;
}

int vz_cg_write(const struct vzenv *env, const char *name, const char *text,
		const char *controller, struct vz_err *err)
{
	char path[PATH_MAX + 32];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", env->cgroup, name);
	ret = vz_write_file(path, text);
	if (!ret)
		return 0;
	return vz_failp(err, VZ_SYSTEM_ERROR, "%s: %s%s%s%s", path, strerror(-ret),
			ret == -ENOENT ? " (no " : "", ret == -ENOENT ? controller : "",
			ret == -ENOENT ? " controller for the container's cgroup)" : "");
}

/* ------------------------------------------------------------ cpu */

#define CPU_PERIOD	100000	/* cpu.max period, microseconds */

int vz_apply_cpu(const struct vzenv *env, const char *units, const char *limit,
		 const char *cpus, struct vz_err *err)
{
	unsigned long long quota = 0, q;
	unsigned long w = 100;
	char val[64];

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
	snprintf(val, sizeof(val), "%lu", w);
	if (vz_cg_write(env, "cpu.weight", val, "cpu", err))
		return -1;
	if (quota)
		snprintf(val, sizeof(val), "%llu %d", quota, CPU_PERIOD);
	else
		snprintf(val, sizeof(val), "max %d", CPU_PERIOD);
	return vz_cg_write(env, "cpu.max", val, "cpu", err);
}
