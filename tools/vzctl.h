/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzctl's commands: one file each, one entry each in vzctl.c's table.
 * A command gets its name as argv[0] and everything after it.
 */
#ifndef VZCTL_H
#define VZCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vzenv;

int vzctl_set(int argc, const char **argv);
int vzctl_create(int argc, const char **argv);
int vzctl_destroy(int argc, const char **argv);
int vzctl_start(int argc, const char **argv);
int vzctl_stop(int argc, const char **argv);
int vzctl_restart(int argc, const char **argv);
int vzctl_status(int argc, const char **argv);
int vzctl_mount(int argc, const char **argv);
int vzctl_umount(int argc, const char **argv);
int vzctl_exec(int argc, const char **argv);
int vzctl_exec2(int argc, const char **argv);
int vzctl_enter(int argc, const char **argv);
int vzctl_runscript(int argc, const char **argv);

/* A CTID argument for a container command (not 0): 0 or an exit code,
 * after saying what is wrong. */
int vzctl_ctid_arg(const char *arg, unsigned int *ctid);

/* Load ctid's environment and lock it: the lock fd, or minus an exit code
 * (the message printed). need_conf: CTID.conf must exist. */
int vzctl_ct_open(unsigned int ctid, struct vzenv *env, bool need_conf);

/* The CTID of the container whose config has NAME="name": 0 or -ENOENT. */
int vzctl_ctid_by_name(const char *name, unsigned int *ctid);

/* CPU settings (CPUUNITS, CPULIMIT, CPUS values, "" for unset) to the
 * container's cgroup: cpu.weight and cpu.max. 0 or an exit code. */
int vzctl_apply_cpu(const struct vzenv *env, const char *units, const char *limit,
		    const char *cpus);

/* CPUMASK ("0-2,7", all, auto) and NODEMASK ("0,1", all) values, and
 * applying them (either NULL or "": left as it is) to the container's
 * cgroup: cpuset.cpus and cpuset.mems; and the config's. 0 or an exit
 * code. */
bool vzctl_cpumask_valid(const char *v);
bool vzctl_nodemask_valid(const char *v);
int vzctl_apply_cpuset(const struct vzenv *env, const char *cpumask, const char *nodemask);
int vzctl_apply_cpuset_conf(const struct vzenv *env);

/* I/O settings (IOPRIO, IOLIMIT in bytes/s, IOPSLIMIT values, "" for
 * unset) to the container's cgroup: io.weight and io.max of its disk;
 * and the config's. 0 or an exit code. */
int vzctl_apply_io(const struct vzenv *env, const char *prio, const char *limit,
		   const char *iops);
int vzctl_apply_io_conf(const struct vzenv *env);

/* Set the running container's host name (in its UTS namespace). */
int vzctl_ct_sethostname(const struct vzenv *env, const char *name);
int vzctl_write_hostname_file(const char *name);

/* NAMESERVER (IPv4 or IPv6 addresses) and SEARCHDOMAIN (domain names)
 * values: space-separated, "inherit" for the host's own. */
#define VZCTL_DNS_MAX	512
bool vzctl_dns_valid_ns(const char *v);
bool vzctl_dns_valid_search(const char *v);
/* v with "inherit" replaced by the host's nameservers (search: its search
 * domains) from its /etc/resolv.conf, duplicates dropped, into out. */
void vzctl_dns_expand(const char *v, bool search, char *out, size_t len);
/* In the container: its /etc/resolv.conf with these nameservers and search
 * domains (expanded; NULL or "" leaves that part as it is). 0 or -errno. */
int vzctl_write_resolv_conf(const char *ns, const char *search);
/* The same for a running container, from the host. 0 or -errno. */
int vzctl_ct_set_dns(const struct vzenv *env, const char *ns, const char *search);

/* A DEVNODES entry: "NAME:r|w|rw|none", NAME below /dev. */
bool vzctl_devnode_valid(const char *spec);

/* CAPABILITY values: "NAME:on|off ..." (NAME as OpenVZ spells it, any
 * case, CAP_ prefix optional) to bit masks, later ones winning; 0 or
 * -EINVAL. And back, names in capability order. */
int vzctl_cap_parse(const char *spec, uint64_t *on, uint64_t *off);
void vzctl_cap_format(uint64_t on, uint64_t off, char *buf, size_t len);

/* The bounding set of the container's processes (OpenVZ's default set with
 * the config's CAPABILITY applied): 0 or -EINVAL. */
int vzctl_ct_caps(const struct vzenv *env, uint64_t *keep);

/* Drop every capability not in keep from the bounding set. */
int vzctl_drop_caps(uint64_t keep);
int vzctl_write_file(const char *path, const char *text);

/* Run argv (argv[0] looked up in the container's PATH) inside the running
 * container, as its root: the command's wait status, or -errno. */
#define VZCTL_EXEC_QUIET	1	/* its output to /dev/null */
int vzctl_ct_exec(const struct vzenv *env, const char *const *argv, int flags);

/* Run the shell script open as script_fd (a host file) with the container's
 * /bin/sh, inside the running container: its wait status, or -errno. */
int vzctl_ct_run_script(const struct vzenv *env, int script_fd, int flags);

/* CTID: decimal, 0..2147483644 as in OpenVZ. 0 or -EINVAL. */
int vzctl_parse_ctid(const char *s, unsigned int *ctid);

#define VZCTL_CONFDIR	"/etc/vz/conf"

/* PATH for what vzctl runs, on the host and in a container */
#define VZCTL_PATH	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* A wait status as a shell reports it: the exit status, or 128 + signal. */
int vzctl_status_code(int status);

#endif /* VZCTL_H */
