// SPDX-License-Identifier: GPL-2.0
/*
 * I/O settings of a container, on its cgroup v2 io controller:
 *
 *   IOPRIO 0..7 (4 by default)  io.weight, 100 at 4, doubled or halved per
 *                               step (6 .. 800); it shares the disk only
 *                               where the device's scheduler or io.cost
 *                               weighs cgroups (BFQ does)
 *   IOLIMIT bytes/s, 0 none     io.max rbps and wbps of the container's disk
 *   IOPSLIMIT ops/s, 0 none     io.max riops and wiops
 *
 * The container's disk is the loop device of its mounted ploop image, or
 * for simfs the whole disk that VE_PRIVATE's file system is on; a private
 * area on no block device (tmpfs, overlayfs, btrfs subvolumes) cannot be
 * limited in bandwidth here.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cgroup.h"
#include "disk.h"
#include "err.h"
#include "vzenv.h"
#include "vzexit.h"

/* IOPRIO p: io.weight 100 * 2^(p - 4) */
unsigned int vz_io_weight(unsigned long prio)
{
	if (prio > 7)
		prio = 7;
	return prio >= 4 ? 100U << (prio - 4) : 100U >> (4 - prio);
}

/* "MAJ:MIN" of dev, or of the whole disk when dev is a partition */
static int io_whole_disk(dev_t dev, char *buf, size_t len)
{
	char path[96], real[PATH_MAX], parent[PATH_MAX + 8], devno[32];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major(dev), minor(dev));
	if (!major(dev) || access(path, F_OK))
		return -ENODEV;
	snprintf(buf, len, "%u:%u", major(dev), minor(dev));
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/partition", major(dev), minor(dev));
	if (access(path, F_OK))
		return 0;
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major(dev), minor(dev));
	if (!realpath(path, real))
		return -errno;
	snprintf(parent, sizeof(parent), "%s/../dev", real);
	f = fopen(parent, "re");
	if (!f)
		return -errno;
	if (!fgets(devno, sizeof(devno), f)) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	devno[strcspn(devno, "\n")] = '\0';
	snprintf(buf, len, "%s", devno);
	return 0;
}

/* The container's disk as io.max names it: 0, or -ENODEV */
static int io_device(const struct vzenv *env, char *buf, size_t len)
{
	struct stat st;

	if (ploop_exists(env)) {
		/* a ploop image's loop device exists only while it is mounted */
		if (!vzenv_mounted(env) || stat(env->root, &st))
			return -ENODEV;
		return io_whole_disk(st.st_dev, buf, len);
	}
	if (stat(env->private, &st))
		return -errno;
	return io_whole_disk(st.st_dev, buf, len);
}

/* a limit: the number, or "max" for 0 (none) */
static void io_limit_text(unsigned long long v, char *buf, size_t len)
{
	if (v)
		snprintf(buf, len, "%llu", v);
	else
		snprintf(buf, len, "max");
}

static unsigned long long io_num(const char *s)
{
	return s && s[0] ? strtoull(s, NULL, 10) : 0;
}

int vz_apply_io(const struct vzenv *env, const char *prio, const char *limit,
		const char *iops, struct vz_err *err)
{
	unsigned long long bps = io_num(limit), ops = io_num(iops);
	char val[160], dev[32], b[24], o[24];

	if (prio && prio[0]) {
		snprintf(val, sizeof(val), "default %u", vz_io_weight(strtoul(prio, NULL, 10)));
		if (vz_cg_write(env, "io.weight", val, "io", err))
			return -1;
	}
	if ((!limit || !limit[0]) && (!iops || !iops[0]))
		return 0;
	if (io_device(env, dev, sizeof(dev))) {
		if (!bps && !ops)
			return 0;	/* nothing to limit, nowhere to limit it */
		return vz_failp(err, VZ_SYSTEM_ERROR, "I/O limits need the container's disk to be "
				"a block device, and %s is on none (the ploop layout has its own)",
				env->private);
	}
	io_limit_text(bps, b, sizeof(b));
	io_limit_text(ops, o, sizeof(o));
	snprintf(val, sizeof(val), "%s rbps=%s wbps=%s riops=%s wiops=%s", dev, b, b, o, o);
	return vz_cg_write(env, "io.max", val, "io", err);
}
