// SPDX-License-Identifier: GPL-2.0
/*
 * A process's container, from its cgroup (see ctpid.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ct.h"
#include "ctpid.h"
#include "vzenv.h"

/* where cgroup v2 is mounted: cgroup paths of /proc/PID/cgroup are below */
#define CGROUP2_ROOT	"/sys/fs/cgroup"

bool vz_pid_cgroup_ctid(const char *cgpath, const char *base, unsigned int *ctid)
{
	size_t root = strlen(CGROUP2_ROOT), n;
	char id[16];

	if (!strncmp(base, CGROUP2_ROOT, root) && (!base[root] || base[root] == '/'))
		base += root;
	while (*base == '/' && base[1] == '/')
		base++;
	n = strlen(base);
	while (n && base[n - 1] == '/')
		n--;
	if (strncmp(cgpath, base, n) || cgpath[n] != '/')
		return false;
	cgpath += n + 1;
	n = strcspn(cgpath, "/");
	if (!n || n >= sizeof(id))
		return false;
	memcpy(id, cgpath, n);
	id[n] = '\0';
	return vz_parse_ctid(id, ctid) == 0 && *ctid;
}

void vz_pid_cgroup_base(char *buf, size_t len)
{
	if (conf_get(VZ_GLOBAL_CONF, "VZBC_CGROUP_BASE", buf, len) || !buf[0])
		snprintf(buf, len, "%s", VZ_CGROUP_BASE);
}

static FILE *open_proc(const char *proc, pid_t pid, const char *file)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%d/%s", proc, (int)pid, file);
	return fopen(path, "re");
}

/* the "0::PATH" line of /proc/PID/cgroup */
static int read_cgroup(const char *proc, pid_t pid, char *buf, size_t len)
{
	char line[4096];
	FILE *f = open_proc(proc, pid, "cgroup");
	int ret = -EPROTO;

	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::", 3))
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(buf, len, "%s", line + 3);
		ret = 0;
		break;
	}
	fclose(f);
	return ret;
}

/* Name: and the PID in each namespace (NSpid:) of /proc/PID/status */
static int read_status(const char *proc, pid_t pid, struct vz_pidinfo *pi, long *nspid, int max)
{
	char line[512], *p, *end;
	FILE *f = open_proc(proc, pid, "status");
	int n = 0;

	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "Name:", 5)) {
			p = line + 5 + strspn(line + 5, " \t");
			snprintf(pi->name, sizeof(pi->name), "%s", p);
		} else if (!strncmp(line, "NSpid:", 6)) {
			for (p = line + 6; n < max; p = end) {
				long v = strtol(p, &end, 10);

				if (end == p)
					break;
				nspid[n++] = v;
			}
		}
	}
	fclose(f);
	return n;
}

int vz_pid_info(const char *proc, pid_t pid, const char *base, struct vz_pidinfo *pi)
{
	char cg[4096];
	long nspid[8];
	int ret, n;

	memset(pi, 0, sizeof(*pi));
	pi->pid = pid;
	if (pid <= 0)
		return -ESRCH;
	ret = read_cgroup(proc, pid, cg, sizeof(cg));
	if (ret)
		return ret;
	n = read_status(proc, pid, pi, nspid, 8);
	if (n < 0)
		return n;
	if (!n || nspid[0] != pid)
		return -EPROTO;
	if (!vz_pid_cgroup_ctid(cg, base, &pi->ctid)) {
		pi->vpid = pid;
		return 0;
	}
	/* the container's namespace is the one below the reader's */
	pi->vpid = n > 1 ? nspid[1] : 0;
	return 0;
}
