// SPDX-License-Identifier: GPL-2.0
/*
 * CPU and memory-node pinning of a container, on its cgroup v2 cpuset
 * controller:
 *
 *   CPUMASK   "0-2,7" | all | auto    cpuset.cpus ("all": every CPU the
 *                                     host gives containers; "auto": the
 *                                     CPUs of NODEMASK's nodes)
 *   NODEMASK  "0,1" | all             cpuset.mems
 *
 * As OpenVZ keeps them in the config; applied at start and, by vzctl set,
 * to a running container at once (groups.c).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup.h"
#include "err.h"
#include "util.h"
#include "vzenv.h"
#include "vzexit.h"

/* The highest id in a kernel list file such as .../cpu/possible, or -1. */
static long list_file_max(const char *path)
{
	char buf[256], *p;
	long max = -1, v;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		for (p = buf; *p; ) {
			if (!isdigit((unsigned char)*p)) {
				p++;
				continue;
			}
			v = strtol(p, &p, 10);
			if (v > max)
				max = v;
		}
	fclose(f);
	return max;
}

/* "N", "N-M", comma-separated, every id at most max. */
bool vz_id_list_valid(const char *s, long max)
{
	long a, b;
	char *end;

	if (!*s || strlen(s) > 256)
		return false;
	for (;;) {
		if (!isdigit((unsigned char)*s))
			return false;
		a = b = strtol(s, &end, 10);
		if (*end == '-') {
			if (!isdigit((unsigned char)end[1]))
				return false;
			b = strtol(end + 1, &end, 10);
		}
		if (a > b || b > max)
			return false;
		if (!*end)
			return true;
		if (*end != ',')
			return false;
		s = end + 1;
	}
}

bool vz_cpumask_valid(const char *v)
{
	return !strcmp(v, "all") || !strcmp(v, "auto") ||
	       vz_id_list_valid(v, list_file_max("/sys/devices/system/cpu/possible"));
}

bool vz_nodemask_valid(const char *v)
{
	long max = list_file_max("/sys/devices/system/node/possible");

	return !strcmp(v, "all") || vz_id_list_valid(v, max < 0 ? 0 : max);
}

/* The CPUs of the nodes in nodes ("0,2-3"), as a list, into out. */
static int node_cpus(const char *nodes, char *out, size_t len)
{
	char path[96], buf[256], *p;
	long a, b, n;
	FILE *f;

	out[0] = '\0';
	for (p = (char *)nodes; *p; ) {
		a = b = strtol(p, &p, 10);
		if (*p == '-')
			b = strtol(p + 1, &p, 10);
		for (n = a; n <= b; n++) {
			snprintf(path, sizeof(path), "/sys/devices/system/node/node%ld/cpulist", n);
			f = fopen(path, "re");
			if (!f)
				return -errno;
			if (fgets(buf, sizeof(buf), f)) {
				buf[strcspn(buf, "\n")] = '\0';
				if (strlen(out) + strlen(buf) + 2 > len) {
					fclose(f);
					return -E2BIG;
				}
				if (out[0] && buf[0])
					strcat(out, ",");
				strcat(out, buf);
			}
			fclose(f);
		}
		if (*p == ',')
			p++;
	}
	return 0;
}

/*
 * "all": what the parent cgroup has (its cpuset.cpus.effective or
 * cpuset.mems.effective), as the kernel refuses to empty the set of a
 * cgroup with tasks. 0 or -errno.
 */
static int parent_effective(const struct vzenv *env, const char *file, char *buf, size_t len)
{
	char path[PATH_MAX + 48], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s", env->cgroup);
	slash = strrchr(path, '/');
	if (!slash)
		return -EINVAL;
	snprintf(slash, sizeof(path) - (slash - path), "/%s.effective", file);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf[0] ? 0 : -ENOENT;
}

static int write_cpuset(const struct vzenv *env, const char *file, const char *val,
			struct vz_err *err)
{
	char path[PATH_MAX + 32], all[1024];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", env->cgroup, file);
	if (!val[0]) {
		ret = parent_effective(env, file, all, sizeof(all));
		if (ret)
			return vz_failp(err, VZ_SYSTEM_ERROR, "the %s of the containers' cgroup: %s",
					file, strerror(-ret));
		val = all;
	}
	ret = vz_write_file(path, val);
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "%s: %s%s", path, strerror(-ret),
				ret == -ENOENT ? " (no cpuset controller for the container's cgroup)" :
				ret == -EINVAL ? " (not within the CPUs or nodes the host offers)" : "");
	return 0;
}

int vz_apply_cpuset(const struct vzenv *env, const char *cpumask, const char *nodemask,
		    struct vz_err *err)
{
	char cpus[1024];
	int ret;

	if (nodemask && nodemask[0] &&
	    write_cpuset(env, "cpuset.mems", strcmp(nodemask, "all") ? nodemask : "", err))
		return -1;
	if (!cpumask || !cpumask[0])
		return 0;
	if (!strcmp(cpumask, "auto")) {
		if (!nodemask || !nodemask[0] || !strcmp(nodemask, "all"))
			return write_cpuset(env, "cpuset.cpus", "", err);
		ret = node_cpus(nodemask, cpus, sizeof(cpus));
		if (ret)
			return vz_failp(err, VZ_SYSTEM_ERROR, "the CPUs of nodes %s: %s", nodemask,
					strerror(-ret));
		return write_cpuset(env, "cpuset.cpus", cpus, err);
	}
	return write_cpuset(env, "cpuset.cpus", strcmp(cpumask, "all") ? cpumask : "", err);
}
