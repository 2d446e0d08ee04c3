// SPDX-License-Identifier: GPL-2.0
/*
 * Project quotas of simfs private areas (see quota.h). quotactl_fd(2)
 * names the file system by an open directory of it, so no device is
 * looked up; FS_IOC_FSSETXATTR gives a file its project id (the kernel
 * moves its use to that project).
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/dqblk_xfs.h>
#include <linux/fs.h>
#include <linux/quota.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "disk.h"
#include "quota.h"
#include "vzenv.h"

#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd 443
#endif

static int pquotactl(int fd, int cmd, unsigned int id, void *addr)
{
	return syscall(SYS_quotactl_fd, fd, QCMD(cmd, PRJQUOTA), id, addr) ? -errno : 0;
}

/* Does the file system of fd account and enforce project quotas? */
static bool pquota_enforced(int fd)
{
	struct fs_quota_statv st = { .qs_version = FS_QSTATV_VERSION1 };
	unsigned int on = FS_QUOTA_PDQ_ACCT | FS_QUOTA_PDQ_ENFD;

	return !pquotactl(fd, Q_XGETQSTATV, 0, &st) && (st.qs_flags & on) == on;
}

/* fd's project id made id (and PROJINHERIT for a directory) */
static int set_project(int fd, unsigned int id, bool dir)
{
	struct fsxattr fa;

	if (ioctl(fd, FS_IOC_FSGETXATTR, &fa))
		return -errno;
	if (fa.fsx_projid == id && (!dir || (fa.fsx_xflags & FS_XFLAG_PROJINHERIT)))
		return 0;
	fa.fsx_projid = id;
	if (dir)
		fa.fsx_xflags |= FS_XFLAG_PROJINHERIT;
	return ioctl(fd, FS_IOC_FSSETXATTR, &fa) ? -errno : 0;
}

/* nftw has no argument for its callback: the walk's project and result */
static unsigned int walk_id;
static int walk_err;

static int walk_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	int fd, ret;

	(void)ftw;
	/* symbolic links and device nodes cannot be opened for the ioctl:
	 * those made from now on inherit the project from their directory */
	if (type != FTW_F && type != FTW_D && type != FTW_DP)
		return 0;
	if (!S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode))
		return 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)	/* gone meanwhile (a running container) */
		return 0;
	if (fd < 0) {
		walk_err = -errno;
		return 1;
	}
	ret = set_project(fd, walk_id, S_ISDIR(st->st_mode));
	close(fd);
	if (ret) {
		walk_err = ret;
		return 1;
	}
	return 0;
}

/* every file and directory under path (on its file system) into project id */
static int project_tree(const char *path, unsigned int id)
{
	walk_id = id;
	walk_err = 0;
	if (nftw(path, walk_one, 16, FTW_PHYS | FTW_MOUNT) < 0)
		return -errno;
	return walk_err;
}

/* an unlimited value is no limit (0) to the kernel */
static uint64_t qlimit(uint64_t v)
{
	return v == UINT64_MAX ? 0 : v;
}

/* DISKSPACE or DISKINODES as soft and hard (unlimited when NULL or "") */
static int parse_limits(const char *s, bool size, uint64_t *soft, uint64_t *hard)
{
	if (!s || !*s) {
		*soft = *hard = UINT64_MAX;
		return 0;
	}
	return disk_parse(s, size, soft, hard);
}

int vz_simfs_quota_set(const struct vzenv *env, const char *space, const char *inodes)
{
	struct if_dqblk q = { .dqb_valid = QIF_LIMITS };
	uint64_t bs, bh, is, ih;
	struct fsxattr fa;
	int fd, ret;

	if (parse_limits(space, true, &bs, &bh) || parse_limits(inodes, false, &is, &ih))
		return -EINVAL;
	fd = open(env->private, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (!pquota_enforced(fd)) {
		ret = -EOPNOTSUPP;
		goto out;
	}
	if (ioctl(fd, FS_IOC_FSGETXATTR, &fa)) {
		ret = -errno;
		goto out;
	}
	ret = 0;
	if (fa.fsx_projid != env->ctid || !(fa.fsx_xflags & FS_XFLAG_PROJINHERIT)) {
		/* nothing to limit, and never limited: left as it is */
		if (bh == UINT64_MAX && bs == UINT64_MAX && ih == UINT64_MAX && is == UINT64_MAX)
			goto out;
		/* no limit while files move in (the kernel checks them on the
		 * way): the project may have some left from an earlier one */
		ret = pquotactl(fd, Q_SETQUOTA, env->ctid, &q);
		if (!ret)
			ret = project_tree(env->private, env->ctid);
		if (ret)
			goto out;
	}
	q.dqb_bsoftlimit = qlimit(bs);	/* in 1 KiB blocks (QIF_DQBLKSIZE) */
	q.dqb_bhardlimit = qlimit(bh);
	q.dqb_isoftlimit = qlimit(is);
	q.dqb_ihardlimit = qlimit(ih);
	ret = pquotactl(fd, Q_SETQUOTA, env->ctid, &q);
out:
	close(fd);
	return ret;
}

int vz_simfs_quota_usage(const struct vzenv *env, uint64_t *kb, uint64_t *inodes)
{
	struct if_dqblk q;
	struct fsxattr fa;
	int fd, ret = -ENODATA;

	fd = open(env->private, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -ENODATA;
	if (pquota_enforced(fd) && !ioctl(fd, FS_IOC_FSGETXATTR, &fa) &&
	    fa.fsx_projid == env->ctid && !pquotactl(fd, Q_GETQUOTA, env->ctid, &q)) {
		*kb = q.dqb_curspace / 1024;
		*inodes = q.dqb_curinodes;
		ret = 0;
	}
	close(fd);
	return ret;
}
