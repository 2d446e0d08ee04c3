/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Apply groups: how the settings of one kind reach a container. One
 * descriptor per group (params.h lists them), with one function that
 * applies the group's values, used by vzctl set on a running container and
 * by vzctl start on a starting one alike:
 *
 *   host    on the host, to the container's cgroup or vzbc.ko (limits,
 *           CPU, cpuset, I/O), before its init runs when it starts
 *   inside  in the container, by a process that has joined it (host name,
 *           resolv.conf); at start by its pid 1 before it execs init
 *   prepare vzctl set only, with the container locked, before anything
 *           changes: values merged with the config's (CAPABILITY,
 *           DEVNODES), or work that must come first (a ploop resize)
 *
 * A group with neither host nor inside (CAPABILITY, DEVNODES) is taken by
 * a container when it starts: start.c and ctinit.c read it from the config.
 */
#ifndef VZ_GROUPS_H
#define VZ_GROUPS_H

#include <stdbool.h>
#include <sys/types.h>

#include "params.h"

struct vz_err;
struct vzenv;

/* What a group's host function works on: the values (live: those vzctl
 * set was given, over the config; at start: the config's) and the module. */
struct vz_apply {
	const struct vz_values *v;
	int vzfd;			/* /dev/vzctl */
	bool cgroup;			/* its cgroup is there: running, or starting */
	pid_t init;			/* its init, whose namespaces the ns groups
					 * work in; 0 while they do not exist yet */
};

struct vz_group {
	bool module;		/* vzbc.ko's alone: applies to a registered container
				 * that has no cgroup of vzctl's (yet) */
	bool saved;		/* vzctl set needs --save for it */
	bool restart;		/* a running container takes it at its next start */
	bool ns;		/* host needs the container's namespaces (a->init):
				 * at start, once its pid 1 exists, before init */
	const char *applied;	/* said once vzctl set applied it, or NULL */
	unsigned int follows;	/* (1 << VZG_...): applied again, on the host,
				 * after any of these groups is */
	int (*prepare)(struct vz_values *v, struct vz_err *err);
	int (*host)(const struct vz_apply *a, struct vz_err *err);
	/* on the host, before going inside: what inside needs, from v into in */
	int (*resolve)(const struct vz_values *v, struct vz_values *in, struct vz_err *err);
	/* inside the container; 0 or -errno, *step says what failed */
	int (*inside)(const struct vz_values *in, const char **step);
};

extern const struct vz_group vz_groups[VZG_NR];

/* Every group with values in v, in order: prepared (vzctl set) / applied
 * on the host / resolved into in. 0, or -1 with err filled. */
int vz_groups_prepare(struct vz_values *v, struct vz_err *err);
int vz_groups_host(const struct vz_apply *a, struct vz_err *err);
/* Does applying v on the host need vzbc.ko (a group of its own is due)? */
bool vz_groups_need_module(const struct vz_values *v);
/* At start, once the container's pid 1 exists (a->init) and before it
 * goes on: the ns groups with values. 0, or -1 with err filled. */
int vz_groups_host_ns(const struct vz_apply *a, struct vz_err *err);
int vz_groups_resolve(const struct vz_values *v, struct vz_values *in, struct vz_err *err);

/* In the container (its pid 1 before init): the inside groups with values
 * in in, as vz_groups_resolve made them. 0 or -errno, *step says what
 * failed. */
int vz_groups_inside(const struct vz_values *in, const char **step);

/* A running container: the inside groups with values in v, each applied by
 * a process that joins it. */
int vz_groups_inside_live(const struct vz_values *v, struct vz_err *err);

/* The message for an error of vzbc.ko's limits: live (vzctl set) or at
 * start. Returns -1. */
int vz_ubc_fail(struct vz_err *err, unsigned int ctid, int ret, bool live);

#endif /* VZ_GROUPS_H */
