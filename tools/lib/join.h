/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running something inside a running container: a helper process joins it
 * (its cgroup first, then the namespaces of its init through a pidfd, its
 * time namespace included) and forks what runs there, which is then a
 * process of the container in every way: in its pid namespace, under its
 * root, with its clocks (its uptime), charged to its beancounters, with
 * its init's capabilities. The caller never leaves the host.
 */
#ifndef VZ_JOIN_H
#define VZ_JOIN_H

#include <stddef.h>
#include <sys/types.h>

struct vzenv;
struct winsize;

/* Move the calling process into the container: cgroup, then namespaces;
 * in a container with its own user namespace, become its root. */
int vz_ct_join(const struct vzenv *env);

/* Run argv (argv[0] looked up in the container's PATH) inside the running
 * container, as its root: the command's wait status, or -errno. in_fd (if
 * not -1) is its standard input. */
#define VZ_EXEC_QUIET	1	/* its output to /dev/null */
int vz_ct_exec(const struct vzenv *env, const char *const *argv, int flags, int in_fd);

/* The shell script open as script_fd (a host file) run by the container's
 * /bin/sh, inside it: its wait status, or -errno. */
int vz_ct_run_script(const struct vzenv *env, int script_fd, int flags);

/* fn(arg) called by a process that joined the container: 0, or the -errno
 * it returned with what it was doing in step (len bytes). */
typedef int vz_inside_fn(void *arg, const char **step);
int vz_ct_inside(const struct vzenv *env, vz_inside_fn *fn, void *arg, char *step,
		 size_t len);

/* A login shell in the container on a pty of its own devpts, relayed to
 * our standard input and output (ws: the terminal's size, or NULL): the
 * shell's wait status, or -errno. */
int vz_ct_enter(const struct vzenv *env, const struct winsize *ws);

#endif /* VZ_JOIN_H */
