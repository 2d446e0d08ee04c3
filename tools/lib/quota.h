/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disk limits of a simfs private area, as a project quota of the file
 * system that holds it (ext4 with the project and quota features mounted
 * with prjquota, or xfs with pquota): the private directory and every file
 * under it carry project id CTID (directories with PROJINHERIT, so that
 * what is made in them later does too), and the project's block and inode
 * limits are DISKSPACE and DISKINODES, soft the barrier, hard the limit.
 * The kernel then refuses a write past the hard limit (EDQUOT) and a
 * statfs of the private directory (df / inside) reports the soft limit
 * (or the hard one, without a soft) as its size, the project's use as
 * what is used.
 */
#ifndef VZ_QUOTA_H
#define VZ_QUOTA_H

#include <stdint.h>

struct vzenv;

/*
 * Give the private area env->private project id env->ctid (the first time:
 * every file under it) and the limits space ("soft[:hard]" KiB, as
 * DISKSPACE) and inodes (as DISKINODES), NULL or "" being unlimited. With
 * no finite limit and no project id yet, nothing is done. 0;
 * -EOPNOTSUPP where the file system enforces no project quotas; -EINVAL
 * for a bad value; or -errno.
 */
int vz_simfs_quota_set(const struct vzenv *env, const char *space, const char *inodes);

/* The space (KiB) and inodes the private area's project uses: 0, or
 * -ENODATA where it has none (no project quotas, no project id yet). */
int vz_simfs_quota_usage(const struct vzenv *env, uint64_t *kb, uint64_t *inodes);

#endif /* VZ_QUOTA_H */
