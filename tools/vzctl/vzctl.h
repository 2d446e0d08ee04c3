/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzctl's commands: one file each, one row each in vzctl.c's table. A
 * command gets "vzctl NAME" as argv[0] and what followed the name, parses
 * its own options, calls the library (tools/lib) and prints its one error
 * (cmd_fail), returning the exit code. Commands never call each other;
 * what two of them need is in the library, or in cmd.c when it is about
 * the command line.
 */
#ifndef VZCTL_H
#define VZCTL_H

#include <popt.h>
#include <stdbool.h>

struct vz_err;
struct vzenv;
struct vz_start_opts;
struct vz_stop_opts;

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
int vzctl_set(int argc, const char **argv);

/* ------------------------------------------------------------ cmd.c */

/* Print err (vzctl's way) and return its exit code. */
int cmd_fail(const struct vz_err *err);

/* "vzctl CMD CTID [OPTION...]" parsed with the command's popt table: the
 * options set (those with a val go to opt(val, their argument, data, err)
 * when opt is not NULL), the CTID (or name) into *ctid. 0, or -1 with err
 * filled. */
typedef int cmd_opt_fn(int val, const char *arg, void *data, struct vz_err *err);
int cmd_parse(int argc, const char **argv, const struct poptOption *opts, cmd_opt_fn *opt,
	      void *data, unsigned int *ctid, struct vz_err *err);

/* The shape of a command that works on one container: parse "vzctl CMD
 * CTID [OPTION...]" (cmd_parse without valued options), load the container
 * (need_conf: its CTID.conf must exist), lock it, run action, unlock, print
 * the error. Returns the exit code. */
typedef int cmd_action_fn(const struct vzenv *env, struct vz_err *err);
int cmd_locked(int argc, const char **argv, const struct poptOption *opts, bool need_conf,
	       cmd_action_fn *action);

/* The options start, stop and restart share, into cmd_start and cmd_stop:
 * --wait and --force; --fast; --skip-umount (popt tables to include). */
extern struct vz_start_opts cmd_start;
extern struct vz_stop_opts cmd_stop;
extern const struct poptOption cmd_start_opts[];
extern const struct poptOption cmd_fast_opt[];
extern const struct poptOption cmd_skip_umount_opt[];

/* an included table in a command's popt table */
#define CMD_INCLUDE(table) { NULL, '\0', POPT_ARG_INCLUDE_TABLE, (void *)(table), 0, NULL, NULL }

/* cmd_opt_fn for the parameter options (cmd_param_opts), data a struct
 * vz_values: parsed and kept. */
int cmd_param_value(int val, const char *arg, void *data, struct vz_err *err);

/* A popt table of the parameters (params.h) with flag (VZP_SET,
 * VZP_CREATE) after the command's own options (ending with POPT_TABLEEND),
 * and POPT_AUTOHELP: malloc()ed, NULL when out of memory. An option of row
 * p comes back from poptGetNextOpt() as CMD_PARAM + its index in vz_params. */
#define CMD_PARAM	0x1000
struct poptOption *cmd_param_opts(unsigned int flag, const struct poptOption *own);

#endif /* VZCTL_H */
