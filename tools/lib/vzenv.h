/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's environment as OpenVZ describes it: the global
 * /etc/vz/vz.conf, then /etc/vz/conf/CTID.conf over it, with $VEID in
 * paths replaced by the CTID; and what the host knows of the container
 * while it runs (its cgroup, its init, its lock).
 */
#ifndef VZ_ENV_H
#define VZ_ENV_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#define VZ_GLOBAL_CONF		"/etc/vz/vz.conf"
#define VZ_CONF_DIR		"/etc/vz/conf"
#define VZ_CGROUP_BASE		"/sys/fs/cgroup/vzbc"
#define VZ_DEF_STOP_TIMEOUT	120
/* below a container's cgroup, where vzctl exec and enter run once its
 * init has made the container's cgroup an inner node (systemd does) */
#define VZ_EXEC_CGROUP		"vzctl-exec"

struct vzenv {
	unsigned int ctid;
	char conf[PATH_MAX];		/* VZ_CONF_DIR/CTID.conf */
	bool exists;			/* conf is there */
	char root[PATH_MAX];		/* VE_ROOT */
	char private[PATH_MAX];		/* VE_PRIVATE */
	char template[PATH_MAX];	/* TEMPLATE (its cache/ has the tarballs) */
	char lockdir[PATH_MAX];		/* LOCKDIR */
	char cgroup[PATH_MAX];		/* VZBC_CGROUP_BASE/CTID */
	char cgroup_base[PATH_MAX];
	char hostname[256];		/* HOSTNAME, or "" */
	char ostemplate[256];		/* OSTEMPLATE, or DEF_OSTEMPLATE */
	char configfile[256];		/* CONFIGFILE (sample name) */
	unsigned int stop_timeout;	/* STOP_TIMEOUT, seconds */
	/* LOCAL_UID, LOCAL_GID: the host ids of the container's root in its
	 * user namespace (ids 0..VZ_USERNS_IDS-1 map from there); 0: none */
	unsigned int local_uid, local_gid;
};

#define VZ_USERNS_IDS		65536

/* Parse a LOCAL_UID/LOCAL_GID value: 0 (none) or a host id with room for
 * VZ_USERNS_IDS ids above it. 0 or -EINVAL. */
int vzenv_parse_local_id(const char *s, unsigned int *id);

/* The CTIDs that have a VZ_CONF_DIR/CTID.conf, ascending, in a malloc()ed
 * array (NULL when none); returns how many. */
unsigned int vzenv_list_ctids(unsigned int **ids);

/* Fill env for ctid from vz.conf and CTID.conf. 0 or -errno. */
int vzenv_load(unsigned int ctid, struct vzenv *env);

/* The value of key, CTID.conf first, then vz.conf; "" if neither has it. */
int vzenv_get(const struct vzenv *env, const char *key, char *buf, size_t len);

/* Replace every $VEID (or ${VEID}) in s by ctid, into out. */
int vzenv_expand(const char *s, unsigned int ctid, char *out, size_t len);

/* mkdir -p: path and its missing parents. 0 or -errno. */
int vzenv_mkdir_p(const char *path, mode_t mode);

/* Take the container's lock (LOCKDIR/CTID.lck), without waiting: the fd,
 * -EBUSY when another vzctl holds it, or -errno. */
int vzenv_lock(const struct vzenv *env);

/* Is anything running in the container's cgroup? */
bool vzenv_running(const struct vzenv *env);

/* Number of tasks in the container's cgroup (0 when stopped). */
int vzenv_nproc(const struct vzenv *env);

/* The host pid of the container's init (pid 1 of its pid namespace), or
 * -ESRCH when it is not running. */
pid_t vzenv_init_pid(const struct vzenv *env);

/* Is VE_ROOT a mount point? */
bool vzenv_mounted(const struct vzenv *env);

#endif /* VZ_ENV_H */
