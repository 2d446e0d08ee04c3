// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl: control vzbc containers, with OpenVZ's command line.
 *
 *   vzctl [global options] <command> <ctid> [parameters]
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "libvzbc.h"
#include "vzctl.h"
#include "vzexit.h"

/* A command: its name, its file's entry point, its line in --help. A new
 * command is a new file and a row here. */
struct vzctl_cmd {
	const char *name;
	int (*run)(int argc, const char **argv);
	const char *help;
};

static const struct vzctl_cmd vzctl_cmds[] = {
	{ "create", vzctl_create, "create a container from an OS template" },
	{ "destroy", vzctl_destroy, "remove a stopped container's private area and config" },
	{ "delete", vzctl_destroy, "the same as destroy" },
	{ "start", vzctl_start, "start a container" },
	{ "stop", vzctl_stop, "stop a container (clean shutdown, then kill; --fast)" },
	{ "restart", vzctl_restart, "stop and start a container" },
	{ "status", vzctl_status, "show whether a container exists, is mounted, runs" },
	{ "mount", vzctl_mount, "mount a container's private area on its root" },
	{ "umount", vzctl_umount, "unmount a stopped container's root" },
	{ "exec", vzctl_exec, "run a command in a container (- reads it from stdin)" },
	{ "exec2", vzctl_exec2, "the same, exiting with the command's status" },
	{ "enter", vzctl_enter, "a root shell in a container, on a pty" },
	{ "runscript", vzctl_runscript, "run a host shell script inside a container" },
	{ "set", vzctl_set, "set beancounter limits (live, and with --save in CTID.conf)" },
	{ NULL, NULL, NULL },
};

enum { OPT_VERSION = 1, OPT_HELP };

static const struct poptOption global_opts[] = {
	{ "version", '\0', POPT_ARG_NONE, NULL, OPT_VERSION,
	  "print the tools' version and the loaded module's ABI version", NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, OPT_HELP,
	  "show this help", NULL },
	POPT_TABLEEND
};

static void print_help(poptContext ctx, FILE *f)
{
	const struct vzctl_cmd *c;

	poptPrintHelp(ctx, f, 0);
	fputs("\nCommands:\n", f);
	for (c = vzctl_cmds; c->name; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->help);
	fputs("\nSee vzctl(8).\n", f);
}

static int print_version(void)
{
	struct vzbc_version v;
	int fd, ret;

	printf("vzctl version %s (vzbc)\n", VZBC_TOOLS_VERSION);
	fflush(stdout);
	fd = vzbc_open();
	if (fd < 0) {
		ret = fd;
		goto out;
	}
	ret = vzbc_get_version(fd, &v);
	close(fd);
	if (ret == 0)
		ret = vzbc_abi_check(&v);
	if (ret == 0 || ret == -EPROTO)
		printf("vzbc module %s, ABI %u.%u (tools speak ABI %d.%d)\n",
		       v.release, v.abi_major, v.abi_minor,
		       VZBC_ABI_MAJOR, VZBC_ABI_MINOR);
out:
	if (ret)
		fprintf(stderr, "vzctl: %s\n", vzbc_strerror(ret));
	return vz_exit_code(ret);
}

static const struct vzctl_cmd *find_cmd(const char *name)
{
	const struct vzctl_cmd *c;

	for (c = vzctl_cmds; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* The command name (the first argument left in ctx) run with its argv:
 * "vzctl <command>" (for its usage line), then everything after the name. */
static int run_command(poptContext ctx, int argc)
{
	const char **cargv, *name = poptGetArg(ctx), *arg;
	const struct vzctl_cmd *cmd;
	char *cname = NULL;
	int cargc = 0, ret;

	if (!name) {
		print_help(ctx, stderr);
		return VZ_INVALID_PARAMETER_SYNTAX;
	}
	cmd = find_cmd(name);
	if (!cmd) {
		fprintf(stderr, "vzctl: unknown command '%s'; try vzctl --help\n", name);
		return VZ_INVALID_PARAMETER_SYNTAX;
	}
	cargv = calloc(argc + 1, sizeof(*cargv));
	if (!cargv || asprintf(&cname, "vzctl %s", name) < 0) {
		free(cargv);
		return VZ_SYSTEM_ERROR;
	}
	cargv[cargc++] = cname;
	while ((arg = poptGetArg(ctx)))
		cargv[cargc++] = arg;
	ret = cmd->run(cargc, cargv);
	free(cname);
	free(cargv);
	return ret;
}

int main(int argc, const char **argv)
{
	poptContext ctx;
	int rc, ret;

	vz_log_stdio_program("vzctl");
	vz_log_set(vz_log_stdio);
	ctx = poptGetContext("vzctl", argc, argv, global_opts, POPT_CONTEXT_POSIXMEHARDER);
	poptSetOtherOptionHelp(ctx, "[OPTION...] <command> <ctid> [parameters]");
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		if (rc == OPT_VERSION) {
			ret = print_version();
			goto out;
		}
		print_help(ctx, stdout);	/* OPT_HELP */
		ret = VZ_SUCCESS;
		goto out;
	}
	if (rc < -1) {
		fprintf(stderr, "vzctl: %s: %s\n",
			poptBadOption(ctx, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		ret = VZ_INVALID_PARAMETER_SYNTAX;
		goto out;
	}
	ret = run_command(ctx, argc);
out:
	poptFreeContext(ctx);
	return ret;
}
