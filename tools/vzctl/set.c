// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl set CTID [--save] [--setmode restart|ignore] --PARAMETER VALUE ...
 *
 * The parameters are the rows of params.c that set takes (beancounters,
 * memory, CPU, I/O, disk, host name, DNS, capabilities, device nodes and
 * the settings only kept in the config). Every value is checked before
 * anything changes. A running container gets them at once, group by group
 * (groups.c: the beancounters all together, then cpuset, CPU, I/O, host
 * name, resolv.conf); with --save they are also written to CTID.conf
 * (atomically, keeping every other line). If the kernel refuses, nothing
 * is saved. Settings only kept in the config need --save; those a running
 * container only takes at its next start (--capability, --devnodes) are
 * applied by restarting it with --setmode restart. --diskspace resizes a
 * ploop container's image first.
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "groups.h"
#include "libvzbc.h"
#include "params.h"
#include "vzctl.h"
#include "vzenv.h"
#include "vzexit.h"

struct set_req {
	unsigned int ctid;
	int save;
	bool restart;		/* --setmode restart */
	struct vz_values v;
};

enum { OPT_SAVE = 1, OPT_SETMODE };

static int set_option(struct set_req *req, poptContext ctx, int rc, struct vz_err *err)
{
	char *arg = poptGetOptArg(ctx);
	int ret = 0;

	if (rc >= CMD_PARAM) {
		ret = vz_values_add(&req->v, &vz_params[rc - CMD_PARAM], arg, err);
	} else if (rc == OPT_SAVE) {
		req->save = 1;
	} else if (strcmp(arg, "restart") && strcmp(arg, "ignore")) {
		ret = vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad value for --setmode: '%s'; "
			       "see vzctl set --help", arg);
	} else {
		req->restart = !strcmp(arg, "restart");
	}
	free(arg);
	return ret;
}

/* its CTID (or name): set has its own messages, and takes no CT 0 */
static int set_ctid(struct set_req *req, const char *ctid, bool more, struct vz_err *err)
{
	if (!ctid || more)
		return vz_fail(err, VZ_INVALID_PARAMETER_SYNTAX, "vzctl set: give one CTID: "
			       "vzctl set CTID --<resource> B[:L] [--save]");
	if (vz_parse_ctid(ctid, &req->ctid) && vz_ctid_by_name(ctid, &req->ctid))
		return vz_fail(err, VZ_INVALID_PARAMETER_SYNTAX,
			       "vzctl set: bad CTID '%s' (no container has that name)", ctid);
	if (!req->ctid)
		return vz_fail(err, VZ_INVALID_PARAMETER_VALUE,
			       "vzctl set: vzbc does not limit the host (CT 0)");
	if (!req->v.n)
		return vz_fail(err, VZ_NOTENOUGHPARAMS,
			       "vzctl set: nothing to set; see vzctl set --help");
	return 0;
}

static int set_parse(int argc, const char **argv, struct set_req *req, struct vz_err *err)
{
	const struct poptOption own[] = {
		{ "save", '\0', POPT_ARG_NONE, NULL, OPT_SAVE,
		  "also write the values to " VZ_CONF_DIR "/CTID.conf", NULL },
		{ "setmode", '\0', POPT_ARG_STRING, NULL, OPT_SETMODE,
		  "a running container and settings that need a restart: restart it, or "
		  "ignore (the default: they apply at its next start)", "restart|ignore" },
		POPT_TABLEEND
	};
	struct poptOption *opts = cmd_param_opts(VZP_SET, own);
	const char *ctid;
	poptContext ctx;
	int rc, ret = 0;

	if (!opts)
		return vz_failp(err, VZ_SYSTEM_ERROR, "out of memory");
	ctx = poptGetContext("vzctl set", argc, argv, opts, 0);
	poptSetOtherOptionHelp(ctx, "CTID [OPTION...]");
	while (!ret && (rc = poptGetNextOpt(ctx)) > 0)
		ret = set_option(req, ctx, rc, err);
	if (!ret && rc < -1)
		ret = vz_fail(err, VZ_INVALID_PARAMETER_SYNTAX, "vzctl set: %s: %s",
			      poptBadOption(ctx, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
	if (!ret) {
		ctid = poptGetArg(ctx);
		ret = set_ctid(req, ctid, poptPeekArg(ctx), err);
	}
	poptFreeContext(ctx);
	free(opts);
	return ret;
}

/* Every value given can be set: kept-only ones need --save. */
static int set_check_save(const struct set_req *req, struct vz_err *err)
{
	unsigned int i;

	for (i = 0; i < req->v.n && !req->save; i++)
		if (vz_groups[req->v.v[i].p->group].saved)
			return vz_failp(err, VZ_INVALID_PARAMETER_SYNTAX,
					"%s is only kept in the config: add --save",
					req->v.v[i].p->key);
	return 0;
}

/* Does the module know the container (for the limits and the view)? 1, 0 (not
 * registered, or no module), or -1; the control device into *vzfd. */
static int set_registered(const struct set_req *req, int *vzfd, struct vz_err *err)
{
	struct vzbc_bc bc;
	int ret;

	*vzfd = vzbc_open();
	if (*vzfd == -ENOENT || *vzfd == -ENODEV || *vzfd == -ENXIO)
		return 0;
	if (*vzfd < 0)
		return vz_ubc_fail(err, req->ctid, *vzfd, true);
	ret = vzbc_get_bc(*vzfd, req->ctid, &bc);
	if (ret == -ENOENT)
		return 0;
	return ret ? vz_ubc_fail(err, req->ctid, ret, true) : 1;
}

/* A running container gets the values at once (vzbc.ko's limits and view:
 * a registered one): 1 when it did, 0 when it does not run (or the module
 * does not know it), or -1. */
static int set_live(struct set_req *req, bool running, struct vz_err *err)
{
	struct vz_apply a = { .v = &req->v, .vzfd = -1, .cgroup = running };
	int live = running;

	if (running)
		a.init = vzenv_init_pid(req->v.env);
	if (vz_values_group(&req->v, VZG_UBC) || vz_values_group(&req->v, VZG_VIEW) ||
	    vz_values_group(&req->v, VZG_NET))
		live = set_registered(req, &a.vzfd, err);
	else if (running && vz_groups_need_module(&req->v))
		a.vzfd = vzbc_open();	/* for a group that follows (the view): best effort */
	if (live > 0 && (vz_groups_host(&a, err) ||
			 (running && vz_groups_inside_live(&req->v, err))))
		live = -1;
	if (a.vzfd >= 0)
		close(a.vzfd);
	return live;
}

/* Settings a running container takes only when it starts again: restart
 * it (--setmode restart), or say when they apply. */
static int set_restart(const struct set_req *req, struct vzenv *env, struct vz_err *err)
{
	struct vz_start_opts start = { 0 };
	struct vz_stop_opts stop = { 0 };
	const struct vz_value *v = NULL;
	unsigned int i;
	int ret;

	for (i = 0; i < req->v.n && !v; i++)
		if (vz_groups[req->v.v[i].p->group].restart)
			v = &req->v.v[i];
	if (!v)
		return 0;
	if (!req->restart) {
		vz_log(VZ_INFO, "The container takes the new %s when it starts again "
		       "(--setmode restart restarts it now)", v->p->key);
		return 0;
	}
	ret = vzenv_load(req->ctid, env);	/* what was saved */
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "reading the configuration of %u: %s",
				req->ctid, strerror(-ret));
	return vz_ct_restart(env, &stop, &start, err);
}

/* set, with the container locked */
static int set_locked(struct set_req *req, struct vzenv *env, const char *path,
		      struct vz_err *err)
{
	bool running = vzenv_running(env);
	int live, ret;

	req->v.env = env;
	if (vz_values_check(&req->v, err) || vz_groups_prepare(&req->v, err))
		return -1;
	live = set_live(req, running, err);
	if (live < 0)
		return -1;
	if (!live && !req->save)
		return vz_failp(err, VZ_VE_NOT_RUNNING, "container %u is not running: use --save "
				"to store the values", req->ctid);
	if (req->save) {
		ret = vz_values_save(&req->v, path);
		if (ret)
			return vz_failp(err, VZ_SYSTEM_ERROR, "saving %s: %s%s", path,
					strerror(-ret), live ? " (the running container has the "
					"new values)" : "");
		vz_log(VZ_INFO, "Saved parameters for CT %u", req->ctid);
	}
	return running ? set_restart(req, env, err) : 0;
}

int vzctl_set(int argc, const char **argv)
{
	struct set_req req = { 0 };
	char path[64];
	struct vz_err err;
	struct vzenv env;
	int ret, lock;

	if (set_parse(argc, argv, &req, &err) || set_check_save(&req, &err))
		return cmd_fail(&err);
	snprintf(path, sizeof(path), VZ_CONF_DIR "/%u.conf", req.ctid);
	if (req.save && access(path, F_OK)) {
		vz_failp(&err, VZ_NOVECONFIG, "container %u has no config file %s", req.ctid, path);
		return cmd_fail(&err);
	}
	lock = vz_ct_open(req.ctid, &env, false, &err);
	if (lock < 0)
		return cmd_fail(&err);
	ret = set_locked(&req, &env, path, &err);
	close(lock);
	return ret ? cmd_fail(&err) : 0;
}
