/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's cgroup v2 directory (VZBC_CGROUP_BASE/CTID) and the
 * settings kept in its files: CPU (cpu.weight, cpu.max), CPU and memory
 * node pinning (cpuset.cpus, cpuset.mems), I/O (io.weight, io.max).
 */
#ifndef VZ_CGROUP_H
#define VZ_CGROUP_H

#include <stdbool.h>
#include <stddef.h>

struct vzenv;
struct vz_err;

/* The container's cgroup, its parents given the controllers, and, for a
 * container with its own user namespace, delegated to its root. */
int vz_cg_create(const struct vzenv *env);

/* nsdelegate on the cgroup2 mount that holds path, as systemd mounts it:
 * without it a container's root could write its own cgroup's limits.
 * Added by a remount when missing. 0 or -errno. */
int vz_cg_nsdelegate(const char *path);

/* An empty container cgroup and the cgroups its init made below it. */
int vz_cg_remove(const char *cgroup);

/* Kill everything in the container's cgroup and wait for it to empty:
 * 0, or -EBUSY when tasks are left after timeout_ms. */
int vz_cg_kill(const struct vzenv *env, unsigned int timeout_ms);

/* text into the file name of the container's cgroup; on failure, err says
 * which file and, for a missing one, which controller ("cpu") lacks. */
int vz_cg_write(const struct vzenv *env, const char *name, const char *text,
		const char *controller, struct vz_err *err);

/* CPU: CPUUNITS (OpenVZ's 1000 is the kernel's weight 100), CPULIMIT (%
 * of one CPU) and CPUS (CPUs' worth of time, the smaller bound wins)
 * values, "" or NULL for unset. */
int vz_apply_cpu(const struct vzenv *env, const char *units, const char *limit,
		 const char *cpus, struct vz_err *err);

/* CPUMASK ("0-2,7", all, auto: the CPUs of the nodemask's nodes) and
 * NODEMASK ("0,1", all) values; and applying them (NULL or "": left as it
 * is) to cpuset.cpus and cpuset.mems. */
bool vz_id_list_valid(const char *s, long max);
bool vz_cpumask_valid(const char *v);
bool vz_nodemask_valid(const char *v);
int vz_apply_cpuset(const struct vzenv *env, const char *cpumask, const char *nodemask,
		    struct vz_err *err);

/* I/O: IOPRIO 0..7, IOLIMIT bytes/s and IOPSLIMIT values ("" or NULL:
 * unset) to io.weight and the io.max of the container's disk. */
unsigned int vz_io_weight(unsigned long prio);
int vz_apply_io(const struct vzenv *env, const char *prio, const char *limit,
		const char *iops, struct vz_err *err);

#endif /* VZ_CGROUP_H */
