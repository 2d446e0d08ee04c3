/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which container a process belongs to (vzpid): the container whose
 * cgroup (VZBC_CGROUP_BASE/CTID) holds it, and its PID there, the one its
 * container's PID namespace gives it.
 */
#ifndef VZ_CTPID_H
#define VZ_CTPID_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct vz_pidinfo {
	pid_t pid;
	unsigned int ctid;	/* 0: the host's */
	pid_t vpid;		/* its PID in the container (the host's: pid) */
	char name[64];		/* its command name (Name: of its status) */
};

/* The CTID of a cgroup v2 path as /proc/PID/cgroup shows it
 * ("/vzbc/101/init.scope"), for containers under base as written in
 * vz.conf ("/sys/fs/cgroup/vzbc"): true, or false for a cgroup of no
 * container. */
bool vz_pid_cgroup_ctid(const char *cgpath, const char *base, unsigned int *ctid);

/* The cgroup base of vz.conf (VZBC_CGROUP_BASE), or the default. */
void vz_pid_cgroup_base(char *buf, size_t len);

/* Fill pi for pid from proc (normally "/proc"): 0, -ESRCH when there is
 * no such process, -EPROTO when its files make no sense. */
int vz_pid_info(const char *proc, pid_t pid, const char *base, struct vz_pidinfo *pi);

#endif /* VZ_CTPID_H */
