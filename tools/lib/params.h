/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The settings of a container that vzctl set and vzctl create take, as
 * data: one row each (option name, CTID.conf key, parser, apply group,
 * help), and the values one call gives, parsed and kept by key.
 *
 * A row's parser checks the option's argument and turns it into the value
 * CTID.conf keeps ("1G" into "0:262144" for --ram), or keeps it as it is
 * once its check (valid) accepts it (vz_parse_valid); a repeatable row
 * (VZP_LIST) adds to what earlier options gave, space-separated. The group
 * (groups.h) says how the value reaches a container: live and at its start,
 * at its next start only, or not at all (kept in the config).
 *
 * A new option is a new row; a new kind of setting is a new group.
 */
#ifndef VZ_PARAMS_H
#define VZ_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

struct vz_err;
struct vzenv;

/* How a setting reaches a container: see groups.c. In apply order. */
enum vz_group_id {
	VZG_CONFIG,	/* kept in the config only: needs --save */
	VZG_CAPS,	/* CAPABILITY: the bounding set, at the next start */
	VZG_DEVNODES,	/* DEVNODES: /dev nodes, at the next start */
	VZG_DISK,	/* DISKSPACE, DISKINODES: a ploop image's size */
	VZG_UBC,	/* beancounters: vzbc.ko's limits */
	VZG_CPUSET,	/* CPUMASK, NODEMASK: cpuset.cpus, cpuset.mems */
	VZG_CPU,	/* CPUUNITS, CPULIMIT, CPUS: cpu.weight, cpu.max */
	VZG_IO,		/* IOPRIO, IOLIMIT, IOPSLIMIT: io.weight, io.max */
	VZG_VIEW,	/* VIEW, MEMINFO: what vzbc.ko shows it of the machine */
	VZG_HOSTNAME,	/* HOSTNAME: in the container's UTS namespace and /etc */
	VZG_DNS,	/* NAMESERVER, SEARCHDOMAIN: its /etc/resolv.conf */
	VZG_NET,	/* IP_ADDRESS: venet, in its network namespace */
	VZG_VETH,	/* NETIF: veth interfaces, in its network namespace */
	VZG_NETDEV,	/* NETDEV: host devices moved into its network namespace */
	VZG_CREATE,	/* how and where create makes the container */
	VZG_NR
};

/* flags of a row */
#define VZP_SET		0x1	/* vzctl set takes it */
#define VZP_CREATE	0x2	/* vzctl create takes it */
#define VZP_LIST	0x4	/* repeatable: values added, space-separated */
#define VZP_NOSAVE	0x8	/* never written to a config: a value its group's
				 * prepare merges into another key's (an option
				 * that removes from a list, such as --ipdel) */

/* The longest value kept, and the longest a repeatable row's values make */
#define VZ_VALUE_MAX	1024
#define VZ_LIST_MAX	512

struct vz_param {
	const char *name;	/* the option, without "--" */
	const char *key;	/* its CTID.conf key (rows may share one) */
	/* arg to the value to keep, into val (len bytes): 0, or -1 with err
	 * filled; NULL: kept as given (create checks it with its defaults) */
	int (*parse)(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err);
	unsigned long min, max;	/* the parser's bounds, or a resource id */
	bool (*valid)(const char *arg);	/* vz_parse_valid's check */
	/* with the container locked, before anything changes: may this value
	 * be set (a name another container has may not)? 0 or -1, err filled */
	int (*check)(const struct vz_param *p, const struct vzenv *env, const char *val,
		     struct vz_err *err);
	enum vz_group_id group;
	unsigned int flags;
	const char *argdesc;	/* the argument in --help: "N[%]" */
	const char *help;
};

/* Every row, in --help order, ending with a NULL name. */
extern const struct vz_param vz_params[];

const struct vz_param *vz_param_by_name(const char *name);
/* the first row of a CTID.conf key */
const struct vz_param *vz_param_by_key(const char *key);

/* The values one call gives, in the order given (a key given again keeps
 * its place, a repeatable one adds to its value). at_start: none given,
 * every key stands for the config's value (a container starting). */
#define VZ_VALUES_MAX	64

struct vz_value {
	const struct vz_param *p;	/* the last row that gave it */
	char val[VZ_VALUE_MAX];
};

struct vz_values {
	const struct vzenv *env;	/* the config under the values */
	bool at_start;
	unsigned int n;
	struct vz_value v[VZ_VALUES_MAX];
};

/* arg given to row p: parsed and kept. 0, or -1 with err filled. */
int vz_values_add(struct vz_values *vs, const struct vz_param *p, const char *arg,
		  struct vz_err *err);

/* Keep val for key p->key as it is (a value already parsed): 0, or -E2BIG
 * when there is no room. */
int vz_values_put(struct vz_values *vs, const struct vz_param *p, const char *val);

/* Replace the value given for key (a merge): 0, or -ENOENT. */
int vz_values_set(struct vz_values *vs, const char *key, const char *val);

/* The value given for key, or NULL. */
const char *vz_values_get(const struct vz_values *vs, const char *key);

/* Was key given, into buf when so? At start: does the config have a value
 * for it (CTID.conf, then vz.conf)? */
bool vz_given(const struct vz_values *vs, const char *key, char *buf, size_t len);

/* key's value for this call: the one given, else the config's ("" when
 * neither has one). */
void vz_value(const struct vz_values *vs, const char *key, char *buf, size_t len);

/* The checks of the values given against the container (vs->env), as
 * their rows have them (a name no other container has): 0, or -1 with err
 * filled. */
int vz_values_check(const struct vz_values *vs, struct vz_err *err);

/* The values given written to the config at path (conf_update: atomic,
 * every other line kept): the beancounters first, then the others, each
 * in the order given (the order new keys are appended in). 0 or -errno. */
int vz_values_save(const struct vz_values *vs, const char *path);

/* Was a value of group g given (at start: does the config have one)? */
bool vz_values_group(const struct vz_values *vs, enum vz_group_id g);

/* The parsers the rows use, for the unit tests and new rows. */
int vz_parse_ubc(const struct vz_param *p, const char *arg, char *val, size_t len,
		 struct vz_err *err);
int vz_parse_vswap(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err);
int vz_parse_uint(const struct vz_param *p, const char *arg, char *val, size_t len,
		  struct vz_err *err);
int vz_parse_percent(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err);
int vz_parse_ioprio(const struct vz_param *p, const char *arg, char *val, size_t len,
		    struct vz_err *err);
int vz_parse_iolimit(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err);
int vz_parse_ip(const struct vz_param *p, const char *arg, char *val, size_t len,
		struct vz_err *err);
int vz_parse_ipdel(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err);
int vz_parse_netif(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err);
int vz_parse_ifname(const struct vz_param *p, const char *arg, char *val, size_t len,
		    struct vz_err *err);
int vz_parse_netif_del(const struct vz_param *p, const char *arg, char *val, size_t len,
		       struct vz_err *err);
int vz_parse_valid(const struct vz_param *p, const char *arg, char *val, size_t len,
		   struct vz_err *err);
int vz_parse_capability(const struct vz_param *p, const char *arg, char *val, size_t len,
			struct vz_err *err);
int vz_parse_devnode(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err);
int vz_parse_disk(const struct vz_param *p, const char *arg, char *val, size_t len,
		  struct vz_err *err);
int vz_parse_layout(const struct vz_param *p, const char *arg, char *val, size_t len,
		    struct vz_err *err);
int vz_parse_local_id(const struct vz_param *p, const char *arg, char *val, size_t len,
		      struct vz_err *err);
int vz_parse_view(const struct vz_param *p, const char *arg, char *val, size_t len,
		  struct vz_err *err);
int vz_parse_meminfo(const struct vz_param *p, const char *arg, char *val, size_t len,
		     struct vz_err *err);
int vz_check_name(const struct vz_param *p, const struct vzenv *env, const char *val,
		  struct vz_err *err);

/* The pure checks under them: "N[B|K|M|G]" (MB/s by default, at most 2 GB/s)
 * to bytes per second; host names; CTID names; yes or no;
 * free text (printable, no quote or backslash). */
int vz_iolimit_bytes(const char *arg, unsigned long long *bytes);
bool vz_hostname_valid(const char *s);
bool vz_name_valid(const char *s);
bool vz_yesno_valid(const char *s);
bool vz_text_valid(const char *s);

#endif /* VZ_PARAMS_H */
