/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's life cycle: its private area mounted on VE_ROOT, started,
 * stopped, restarted, a script run in it, destroyed; and making one
 * (create.c). Every function takes a loaded and locked environment
 * (vz_ct_open) and returns 0, or -1 with err filled; what they have to say
 * on the way goes to vz_log().
 *
 * A container is a private area (VE_PRIVATE: a directory bind-mounted on
 * VE_ROOT while it runs, the simfs layout, or an ext4 image mounted there
 * through a loop device, the ploop layout: disk.c), a cgroup v2 directory
 * registered with vzbc.ko (cgroup.c), and an init started into that cgroup
 * (ctinit.c).
 */
#ifndef VZ_CT_H
#define VZ_CT_H

#include <stdbool.h>
#include <sys/types.h>

struct vzenv;
struct vz_err;

/* CTID: decimal, 0..2147483644 as in OpenVZ. 0 or -EINVAL. */
int vz_parse_ctid(const char *s, unsigned int *ctid);

/* The CTID of the container whose config has NAME="name": 0 or -ENOENT. */
int vz_ctid_by_name(const char *name, unsigned int *ctid);

/* A container command's CTID argument: a CTID but 0, or a name. */
int vz_ctid_arg(const char *arg, unsigned int *ctid, struct vz_err *err);

/* Load ctid's environment and lock it: the lock's fd (close it to unlock),
 * or -1. need_conf: CTID.conf must exist. */
int vz_ct_open(unsigned int ctid, struct vzenv *env, bool need_conf, struct vz_err *err);

struct vz_start_opts {
	int wait;	/* until its init has finished booting */
	int force;	/* even with DISABLED="yes" */
};

struct vz_stop_opts {
	int fast;		/* no clean shutdown: kill it */
	int skip_umount;	/* leave the private area mounted */
};

int vz_ct_mount(const struct vzenv *env, struct vz_err *err);
int vz_ct_umount(const struct vzenv *env, struct vz_err *err);
int vz_ct_start(const struct vzenv *env, const struct vz_start_opts *o, struct vz_err *err);
int vz_ct_stop(const struct vzenv *env, const struct vz_stop_opts *o, struct vz_err *err);
int vz_ct_restart(const struct vzenv *env, const struct vz_stop_opts *stop,
		  const struct vz_start_opts *start, struct vz_err *err);

/*
 * After the container's init exited on its own (halted or rebooted inside,
 * crashed), what vzctl stop does for a container that no longer runs:
 * its venet addresses, routes and proxy entries, registration, cgroup and
 * mount go; and with restart, it is started again. dead: the init that
 * exited (its pid), or 0 when unknown. Nothing is done to a container
 * that is not registered (vzctl stopped it) or runs another init (vzctl
 * started it again); with dead, one whose tasks are still leaving is for
 * later, without, it is left alone. VZ_REAP_*, or -1 with err.
 */
enum {
	VZ_REAP_DONE,		/* cleaned up, and started again if asked */
	VZ_REAP_NOTHING,	/* nothing to do */
	VZ_REAP_LATER,		/* its tasks are still leaving: ask again */
};
int vz_ct_reap(const struct vzenv *env, pid_t dead, bool restart, struct vz_err *err);

/*
 * The proxy ARP / NDP entries of a running container made again on its
 * uplinks (after an uplink went down and up): how many, or -1 with err.
 * Nothing for a container that does not run.
 */
int vz_ct_reproxy(const struct vzenv *env, struct vz_err *err);

/* The script open as script_fd run by the container's /bin/sh as pid 1
 * of the stopped container started for it (with its limits; no init, no
 * CTID.start), which is stopped again after, and unmounted if it was not
 * mounted. *status: the script's wait status. (A running container runs
 * it with vz_ct_run_script.) */
int vz_ct_run_stopped(const struct vzenv *env, int script_fd, int *status,
		      struct vz_err *err);

/* Wait until the container's init has finished booting (start --wait). */
int vz_ct_wait_booted(const struct vzenv *env, struct vz_err *err);

/* Remove a stopped container: its private area, its root, and its config
 * renamed CTID.conf.destroyed. */
int vz_ct_destroy(const struct vzenv *env, struct vz_err *err);

/* Make a container: from the values given of create's own parameters
 * (VZG_CREATE: the template, sample, paths, layout, ids; unset: the
 * defaults of vz.conf and the sample config), its private area and its
 * config, which also gets the value of every other parameter given. */
struct vz_values;
int vz_ct_create(struct vzenv *env, const struct vz_values *v, struct vz_err *err);

#endif /* VZ_CT_H */
