// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl set CTID --<resource> barrier[:limit] ... [--save]
 *
 * Every value is checked before anything changes. A registered (running)
 * container gets the new limits at once, all together; with --save they
 * are also written to /etc/vz/conf/CTID.conf (atomically, keeping every
 * other line). If the kernel refuses, nothing is saved.
 */
#include <errno.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "libvzbc.h"
#include "ubc.h"
#include "vzctl.h"
#include "vzexit.h"

enum { OPT_SAVE = 1, OPT_UBC = 0x100 };

#define UBC_OPT(_name, _id, _what) \
	{ _name, '\0', POPT_ARG_STRING, NULL, OPT_UBC + (_id), _what, "B[:L]" }

static const struct poptOption set_opts[] = {
	{ "save", '\0', POPT_ARG_NONE, NULL, OPT_SAVE,
	  "also write the values to " VZCTL_CONFDIR "/CTID.conf", NULL },
	UBC_OPT("kmemsize", VZBC_KMEMSIZE, "kernel memory, bytes"),
	UBC_OPT("lockedpages", VZBC_LOCKEDPAGES, "mlock()ed memory, pages"),
	UBC_OPT("privvmpages", VZBC_PRIVVMPAGES, "private writable memory, pages"),
	UBC_OPT("shmpages", VZBC_SHMPAGES, "shared memory, pages"),
	UBC_OPT("numproc", VZBC_NUMPROC, "processes and threads"),
	UBC_OPT("physpages", VZBC_PHYSPAGES, "resident memory, pages"),
	UBC_OPT("vmguarpages", VZBC_VMGUARPAGES, "memory allocation guarantee, pages"),
	UBC_OPT("oomguarpages", VZBC_OOMGUARPAGES, "out-of-memory guarantee, pages"),
	UBC_OPT("numtcpsock", VZBC_NUMTCPSOCK, "TCP sockets"),
	UBC_OPT("numflock", VZBC_NUMFLOCK, "file locks"),
	UBC_OPT("numpty", VZBC_NUMPTY, "pseudo-terminals"),
	UBC_OPT("numsiginfo", VZBC_NUMSIGINFO, "queued signals"),
	UBC_OPT("tcpsndbuf", VZBC_TCPSNDBUF, "TCP send buffers, bytes"),
	UBC_OPT("tcprcvbuf", VZBC_TCPRCVBUF, "TCP receive buffers, bytes"),
	UBC_OPT("othersockbuf", VZBC_OTHERSOCKBUF, "other socket buffers, bytes"),
	UBC_OPT("dgramrcvbuf", VZBC_DGRAMRCVBUF, "datagram receive buffers, bytes"),
	UBC_OPT("numothersock", VZBC_NUMOTHERSOCK, "non-TCP sockets"),
	UBC_OPT("dcachesize", VZBC_DCACHESIZE, "dentry and inode cache, bytes"),
	UBC_OPT("numfile", VZBC_NUMFILE, "open files"),
	UBC_OPT("numiptent", VZBC_NUMIPTENT, "netfilter entries"),
	UBC_OPT("swappages", VZBC_SWAPPAGES, "swap, pages"),
	POPT_AUTOHELP
	POPT_TABLEEND
};

struct set_req {
	unsigned int ctid;
	int save;
	unsigned int n;
	struct vzbc_limit l[VZBC_RESOURCES];
};

/* Record one --<resource> value; a resource given twice keeps the last. */
static int set_add(struct set_req *req, unsigned int id, const char *arg)
{
	const struct ubc_res *res = ubc_by_id(id);
	uint64_t b, l;
	unsigned int i;
	int ret;

	ret = ubc_parse(res, arg, &b, &l);
	if (ret == -EINVAL) {
		fprintf(stderr, "vzctl: bad value for --%s: '%s' (barrier[:limit]%s)\n",
			res->name, arg, res->unit == UBC_COUNT ?
			", plain numbers or unlimited" :
			", numbers with K/M/G/T/P suffixes or unlimited");
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (ret == -EDOM) {
		fprintf(stderr, "vzctl: bad value for --%s: '%s': the barrier is above the limit\n",
			res->name, arg);
		return VZ_INVALID_PARAMETER_VALUE;
	}
	if (ret == -ERANGE)
		fprintf(stderr, "vzctl: warning: --%s %s is above %llu, set to unlimited\n",
			res->name, arg, (unsigned long long)VZBC_UNLIMITED);
	for (i = 0; i < req->n && req->l[i].resource != id; i++)
		;
	req->l[i].resource = id;
	req->l[i].barrier = b;
	req->l[i].limit = l;
	if (i == req->n)
		req->n++;
	return 0;
}

static int set_parse(int argc, const char **argv, struct set_req *req)
{
	poptContext ctx;
	const char *ctid;
	char *arg;
	int rc, ret = 0;

	ctx = poptGetContext("vzctl set", argc, argv, set_opts, 0);
	poptSetOtherOptionHelp(ctx, "CTID [OPTION...]");
	while ((rc = poptGetNextOpt(ctx)) > 0 && !ret) {
		if (rc == OPT_SAVE) {
			req->save = 1;
			continue;
		}
		arg = poptGetOptArg(ctx);
		ret = set_add(req, rc - OPT_UBC, arg);
		free(arg);
	}
	if (!ret && rc < -1) {
		fprintf(stderr, "vzctl set: %s: %s\n",
			poptBadOption(ctx, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		ret = VZ_INVALID_PARAMETER_SYNTAX;
	}
	ctid = poptGetArg(ctx);
	if (!ret && (!ctid || poptPeekArg(ctx))) {
		fputs("vzctl set: give one CTID: vzctl set CTID --<resource> B[:L] [--save]\n",
		      stderr);
		ret = VZ_INVALID_PARAMETER_SYNTAX;
	}
	if (!ret && vzctl_parse_ctid(ctid, &req->ctid)) {
		fprintf(stderr, "vzctl set: bad CTID '%s'\n", ctid);
		ret = VZ_INVALID_PARAMETER_SYNTAX;
	}
	if (!ret && !req->ctid) {
		fputs("vzctl set: vzbc does not limit the host (CT 0)\n", stderr);
		ret = VZ_INVALID_PARAMETER_VALUE;
	}
	if (!ret && !req->n) {
		fputs("vzctl set: nothing to set; see vzctl set --help\n", stderr);
		ret = VZ_NOTENOUGHPARAMS;
	}
	poptFreeContext(ctx);
	return ret;
}

/* Apply to the running container. Returns 0, or -ENOENT when it is not
 * registered (or the module is not loaded), or another -errno. */
static int set_apply(const struct set_req *req)
{
	struct vzbc_bc bc;
	int fd, ret;

	fd = vzbc_open();
	if (fd == -ENOENT || fd == -ENODEV || fd == -ENXIO)
		return -ENOENT;
	if (fd < 0)
		return fd;
	ret = vzbc_get_bc(fd, req->ctid, &bc);
	if (!ret)
		ret = vzbc_set_limits(fd, req->ctid, req->l, req->n);
	close(fd);
	return ret;
}

static int set_save(const struct set_req *req, const char *path)
{
	struct conf_kv kv[VZBC_RESOURCES];
	char vals[VZBC_RESOURCES][48];
	unsigned int i;

	for (i = 0; i < req->n; i++) {
		ubc_format(req->l[i].barrier, req->l[i].limit, vals[i], sizeof(vals[i]));
		kv[i].key = ubc_by_id(req->l[i].resource)->key;
		kv[i].value = vals[i];
	}
	return conf_update(path, kv, req->n);
}

int vzctl_set(int argc, const char **argv)
{
	struct set_req req = { 0 };
	char path[64];
	int ret;

	ret = set_parse(argc, argv, &req);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), VZCTL_CONFDIR "/%u.conf", req.ctid);
	if (req.save && access(path, F_OK)) {
		fprintf(stderr, "vzctl: container %u has no config file %s\n", req.ctid, path);
		return VZ_NOVECONFIG;
	}

	ret = set_apply(&req);
	if (ret == -ENOENT && !req.save) {
		fprintf(stderr, "vzctl: container %u is not running: use --save to store the values\n",
			req.ctid);
		return VZ_VE_NOT_RUNNING;
	}
	if (ret && ret != -ENOENT) {
		fprintf(stderr, "vzctl: setting limits of container %u: %s\n", req.ctid,
			ret == -EINVAL ? "refused by the kernel" : vzbc_strerror(ret));
		return ret == -EINVAL || ret == -EOPNOTSUPP ? VZ_SETUBC_ERROR :
		       vz_exit_code(ret);
	}
	if (!ret)
		printf("UB limits were set successfully\n");

	if (req.save) {
		int sret = set_save(&req, path);

		if (sret) {
			fprintf(stderr, "vzctl: saving %s: %s%s\n", path, strerror(-sret),
				ret ? "" : " (the running container has the new values)");
			return VZ_SYSTEM_ERROR;
		}
		printf("Saved parameters for CT %u\n", req.ctid);
	}
	return VZ_SUCCESS;
}
