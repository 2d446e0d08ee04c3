// SPDX-License-Identifier: GPL-2.0
/*
 * CTIDs and names, and a container's environment loaded and locked (see
 * ct.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ct.h"
#include "err.h"
#include "vzenv.h"
#include "vzexit.h"

/* OpenVZ's highest CTID */
#define VZ_CTID_MAX	2147483644UL

int vz_parse_ctid(const char *s, unsigned int *ctid)
{
	unsigned long v;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
		return -EINVAL;
	v = strtoul(s, NULL, 10);
	if (v > VZ_CTID_MAX)
		return -EINVAL;
	*ctid = v;
	return 0;
}

int vz_ctid_by_name(const char *name, unsigned int *ctid)
{
	char path[PATH_MAX], val[256];
	unsigned int *ids, n, i;
	int ret = -ENOENT;

	n = vzenv_list_ctids(&ids);
	for (i = 0; i < n && ret; i++) {
		snprintf(path, sizeof(path), VZ_CONF_DIR "/%u.conf", ids[i]);
		if (!conf_get(path, "NAME", val, sizeof(val)) && !strcmp(val, name)) {
			*ctid = ids[i];
			ret = 0;
		}
	}
	free(ids);
	return ret;
}

int vz_ctid_arg(const char *arg, unsigned int *ctid, struct vz_err *err)
{
	if (vz_parse_ctid(arg, ctid) && vz_ctid_by_name(arg, ctid))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad container ID '%s': a number "
				"from 1 to 2147483644, or a name given with set --name", arg);
	if (*ctid == 0)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"only set is allowed for CT0 (the host)");
	return 0;
}

int vz_ct_open(unsigned int ctid, struct vzenv *env, bool need_conf, struct vz_err *err)
{
	int ret, fd;

	ret = vzenv_load(ctid, env);
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "reading the configuration of %u: %s", ctid,
				strerror(-ret));
	if (need_conf && !env->exists)
		return vz_fail(err, VZ_NOVECONFIG, "Container %u does not exist (no %s)", ctid,
			       env->conf);
	fd = vzenv_lock(env);
	if (fd == -EBUSY)
		return vz_fail(err, VZ_LOCKED, "Container %u is locked by another vzctl", ctid);
	if (fd < 0)
		return vz_failp(err, VZ_SYSTEM_ERROR, "locking container %u in %s: %s", ctid,
				env->lockdir, strerror(-fd));
	return fd;
}
