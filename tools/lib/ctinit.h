/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's pid 1: started with clone3(CLONE_INTO_CGROUP) into the
 * container's registered cgroup, so that its beancounters apply from its
 * first instruction, in new pid, mount, uts, ipc, net, cgroup and time
 * namespaces (and a user namespace with LOCAL_UID; the time namespace's
 * monotonic and boot-time clocks start at its start, so that its uptime
 * is its own, where the kernel has time namespaces), it sets up the
 * container's world (VE_ROOT as its root, /proc, /sys, a minimal /dev, the
 * inside groups' settings, the bounding set) and execs /sbin/init.
 */
#ifndef VZ_CTINIT_H
#define VZ_CTINIT_H

#include <stdint.h>
#include <sys/types.h>

struct vzenv;
struct vz_err;
struct vz_values;
struct vz_apply;

/*
 * Start the container's pid 1 in the cgroup open as cgfd, keeping only the
 * capabilities in caps, with the inside groups of v (resolved). Before it
 * goes on, the ns groups of a (NULL: none) are applied to its namespaces
 * from the host (a failure kills it). With a
 * script (script_fd != -1) the script runs as pid 1 instead of init, and
 * its pid goes to *pid for the caller to wait for. 0, or -1 with err
 * filled (VZ_ENVCREATE_ERROR).
 */
int vz_ct_spawn_init(const struct vzenv *env, int cgfd, uint64_t caps, int script_fd,
		     const struct vz_values *v, const struct vz_apply *a, pid_t *pid,
		     struct vz_err *err);

#endif /* VZ_CTINIT_H */
