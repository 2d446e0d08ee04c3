// SPDX-License-Identifier: GPL-2.0
/*
 * vzctl create: a container's private area from an OS template, and its
 * config from a sample (see ct.h).
 *
 * The template is unpacked into a scratch area (VE_PRIVATE.vzbc-tmp,
 * marked as unfinished) and the config written to CTID.conf.vzbc-tmp; both
 * are renamed into place at the end, the mark removed last. A create that
 * was killed midway leaves nothing that looks like a container, and the
 * next create clears what it left.
 */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <search.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf.h"
#include "ct.h"
#include "disk.h"
#include "err.h"
#include "params.h"
#include "util.h"
#include "vzenv.h"
#include "vzexit.h"

#define CREATE_MARK	".vzbc-creating"

/*
 * tar -xzf tarball -C dir, as root, keeping owners. tar dies with vzctl
 * (PR_SET_PDEATHSIG): a vzctl killed midway must not leave it writing
 * into the scratch area that the retry clears.
 */
static int untar(const char *tarball, const char *dir)
{
	const char *argv[] = { "tar", "--numeric-owner", "-xpzf", tarball, "-C", dir, NULL };
	pid_t parent = getpid(), pid;
	int status;

	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(127);
		execvp("tar", (char *const *)argv);
		_exit(127);
	}
	status = vz_wait(pid);
	if (status < 0)
		return status;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

/* ------------------------------------------------------------ id shifting */

/* nftw() has no argument for its callback */
static unsigned int shift_uid, shift_gid;
/* the inodes with several names shifted so far (a tsearch() tree) */
static void *shift_seen;

static int ino_cmp(const void *a, const void *b)
{
	const struct stat *x = a, *y = b;

	if (x->st_dev != y->st_dev)
		return x->st_dev < y->st_dev ? -1 : 1;
	if (x->st_ino != y->st_ino)
		return x->st_ino < y->st_ino ? -1 : 1;
	return 0;
}

/* Has this inode been shifted under another name already? */
static int shift_seen_before(const struct stat *st)
{
	struct stat *key, **found;

	if (S_ISDIR(st->st_mode) || st->st_nlink < 2)
		return 0;
	key = malloc(sizeof(*key));
	if (!key)
		return -ENOMEM;
	*key = *st;
	found = tsearch(key, &shift_seen, ino_cmp);
	if (!found) {
		free(key);
		return -ENOMEM;
	}
	if (*found != key) {
		free(key);
		return 1;
	}
	return 0;
}

static int shift_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	int seen;

	(void)ftw;
	if (flag == FTW_NS || flag == FTW_DNR)
		return -EACCES;
	seen = shift_seen_before(st);	/* a hard link: its inode is done */
	if (seen)
		return seen < 0 ? seen : 0;
	if (st->st_uid >= VZ_USERNS_IDS || st->st_gid >= VZ_USERNS_IDS)
		return -EOVERFLOW;
	if (lchown(path, st->st_uid + shift_uid, st->st_gid + shift_gid))
		return -errno;
	/* chown() clears the set-user-ID and set-group-ID bits: restore them */
	if (!S_ISLNK(st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID)) &&
	    chmod(path, st->st_mode & 07777))
		return -errno;
	return 0;
}

/* Give every file of a new private area to the container's user namespace:
 * id N becomes LOCAL_UID + N (and the same for groups). */
static int shift_ids(const char *dir, unsigned int uid, unsigned int gid)
{
	int ret;

	shift_uid = uid;
	shift_gid = gid;
	/* nftw() returns what a callback returned, -errno here, or -1 */
	ret = nftw(dir, shift_entry, 64, FTW_PHYS);
	if (ret == -1)
		ret = -errno;
	tdestroy(shift_seen, free);
	shift_seen = NULL;
	return ret;
}

/* ------------------------------------------------------------ parameters */

/* What create makes: from where, and the disk. */
struct create {
	char tarball[PATH_MAX + 300];
	char sample[PATH_MAX];		/* the sample config, or "" */
	const char *config;		/* its name, or NULL */
	bool ploop, prealloc;
	uint64_t space_soft, space_hard, inodes_soft, inodes_hard;
};

/* --local_uid/--local_gid over LOCAL_UID/LOCAL_GID of vz.conf */
static int create_ids(struct vzenv *env, const struct vz_values *v, struct vz_err *err)
{
	const char *uid = vz_values_get(v, "LOCAL_UID"), *gid = vz_values_get(v, "LOCAL_GID");

	if (uid) {
		if (vzenv_parse_local_id(uid, &env->local_uid))
			goto bad;
		if (!gid)
			env->local_gid = env->local_uid;
	}
	if (gid && vzenv_parse_local_id(gid, &env->local_gid))
		goto bad;
	if (!env->local_uid != !env->local_gid)
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"--local_uid and --local_gid: both or neither");
	return 0;
bad:
	return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--local_uid/--local_gid: a host id "
			"from 1 to %u, or 0 for none", 0xffffffffU - VZ_USERNS_IDS);
}

/* the template, the paths and the sample config */
static int create_source(struct vzenv *env, const struct vz_values *v, struct create *c,
			 struct vz_err *err)
{
	const char *ostemplate = vz_values_get(v, "OSTEMPLATE");
	const char *private = vz_values_get(v, "VE_PRIVATE"), *root = vz_values_get(v, "VE_ROOT");

	c->config = vz_values_get(v, "ORIGIN_SAMPLE");
	if (!c->config)
		c->config = env->configfile;
	if (ostemplate)
		snprintf(env->ostemplate, sizeof(env->ostemplate), "%s", ostemplate);
	if (!env->ostemplate[0] || strchr(env->ostemplate, '/'))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "no valid OS template: use "
				"--ostemplate or set DEF_OSTEMPLATE in " VZ_GLOBAL_CONF);
	if ((private && vzenv_expand(private, env->ctid, env->private, sizeof(env->private))) ||
	    (root && vzenv_expand(root, env->ctid, env->root, sizeof(env->root))))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--private/--root: path too long");
	snprintf(c->tarball, sizeof(c->tarball), "%s/cache/%s.tar.gz", env->template,
		 env->ostemplate);
	if (access(c->tarball, R_OK))
		return vz_fail(err, VZ_PKGSET_NOT_FOUND, "Cache file %s not found: no OS template %s",
			       c->tarball, env->ostemplate);
	c->sample[0] = '\0';
	if (!c->config || !c->config[0])
		return 0;
	if (strchr(c->config, '/'))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE,
				"--config %s: a sample name, not a path", c->config);
	snprintf(c->sample, sizeof(c->sample), VZ_CONF_DIR "/ve-%s.conf-sample", c->config);
	if (access(c->sample, R_OK))
		return vz_fail(err, VZ_CP_CONFIG, "Sample config %s not found", c->sample);
	return 0;
}

/* key's value: given, else the sample config's, else vz.conf's ("") */
static void create_value(const struct vzenv *env, const struct vz_values *v,
			 const char *sample, const char *key, char *buf, size_t len)
{
	const char *given = vz_values_get(v, key);

	if (given)
		snprintf(buf, len, "%s", given);
	else if ((!sample[0] || conf_get(sample, key, buf, len)) && vzenv_get(env, key, buf, len))
		buf[0] = '\0';
}

/* --layout, --diskspace, --diskinodes over the sample config and vz.conf,
 * before anything is made */
static int create_disk(const struct vzenv *env, const struct vz_values *v, struct create *c,
		       struct vz_err *err)
{
	char layout[64], space[64], inodes[64];

	if (vz_values_get(v, "VE_LAYOUT"))
		snprintf(layout, sizeof(layout), "%s", vz_values_get(v, "VE_LAYOUT"));
	else if (vzenv_get(env, "VE_LAYOUT", layout, sizeof(layout)) || !layout[0])
		snprintf(layout, sizeof(layout), "simfs");
	if (vz_layout_parse(layout, &c->ploop, &c->prealloc))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "--layout %s: simfs, ploop, "
				"ploop:expanded, ploop:plain or ploop:raw", layout);
	create_value(env, v, c->sample, "DISKSPACE", space, sizeof(space));
	create_value(env, v, c->sample, "DISKINODES", inodes, sizeof(inodes));
	c->space_soft = c->space_hard = c->inodes_soft = c->inodes_hard = UINT64_MAX;
	if (space[0] && disk_parse(space, true, &c->space_soft, &c->space_hard))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad disk space '%s' (SOFT[:HARD] "
				"in KiB, K/M/G/T suffixes, soft not above hard)", space);
	if (inodes[0] && disk_parse(inodes, false, &c->inodes_soft, &c->inodes_hard))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "bad disk inodes '%s' "
				"(SOFT[:HARD], soft not above hard)", inodes);
	if (c->ploop && (c->space_hard == UINT64_MAX || c->space_hard < PLOOP_MIN_KB))
		return vz_failp(err, VZ_INVALID_PARAMETER_VALUE, "a ploop container needs a disk "
				"space limit of at least 16M: --diskspace, or DISKSPACE in the "
				"sample config");
	return 0;
}

/* ------------------------------------------------------------ making it */

/* The template into a new private area dir: unpacked into the directory,
 * or into a new ploop image in it (mounted on dir.vzbc-mnt meanwhile);
 * its files given to the container's user namespace. 0 or -errno. */
static int create_fill(const struct vzenv *env, const struct create *c, const char *dir)
{
	char mnt[PATH_MAX + 16];
	const char *into = dir;
	int ret;

	if (c->ploop) {
		ret = ploop_create(dir, c->space_hard, c->inodes_hard, c->prealloc);
		if (ret)
			return ret;
		snprintf(mnt, sizeof(mnt), "%s.vzbc-mnt", env->private);
		umount2(mnt, MNT_DETACH);	/* what an interrupted create left */
		if (mkdir(mnt, 0700) && errno != EEXIST)
			return -errno;
		ret = ploop_mount(dir, mnt, 0);
		if (ret) {
			rmdir(mnt);
			return ret;
		}
		into = mnt;
	}
	ret = untar(c->tarball, into);
	if (!ret && env->local_uid)
		ret = shift_ids(into, env->local_uid, env->local_gid);
	if (c->ploop) {
		if (umount2(mnt, 0) && !ret)
			ret = -errno;
		rmdir(mnt);
	}
	return ret;
}

/* The private area in its scratch place tmp, marked unfinished; what an
 * interrupted create left (its private area still marked) cleared first. */
static int create_private(const struct vzenv *env, const struct create *c, const char *tmp,
			  struct vz_err *err)
{
	char mark[PATH_MAX + 32];
	int ret;

	snprintf(mark, sizeof(mark), "%s/" CREATE_MARK, env->private);
	if (!access(mark, F_OK)) {
		ret = vz_rm_rf(env->private);
		if (ret)
			return vz_failp(err, VZ_FS_NEW_VE_PRVT, "removing the unfinished %s: %s",
					env->private, strerror(-ret));
	}
	if (!access(env->private, F_OK))
		return vz_fail(err, VZ_FS_PRVT_AREA_EXIST, "Private area %s already exists",
			       env->private);

	vz_log(VZ_INFO, "Creating container private area (%s)", env->ostemplate);
	vz_rm_rf(tmp);
	ret = vzenv_mkdir_p(tmp, 0755);
	if (!ret) {
		snprintf(mark, sizeof(mark), "%s/" CREATE_MARK, tmp);
		ret = vz_touch(mark);
	}
	if (!ret)
		ret = create_fill(env, c, tmp);
	if (ret) {
		vz_rm_rf(tmp);
		return vz_failp(err, VZ_FS_NEW_VE_PRVT, "unpacking %s into %s: %s", c->tarball, tmp,
				strerror(-ret));
	}
	return 0;
}

/* The config, as tmp: the sample (or nothing) with this container's keys,
 * and the value of every other parameter given (--hostname, ...) */
static int create_conf(const struct vzenv *env, const struct vz_values *v,
		       const struct create *c, const char *tmp)
{
	char local_uid[16], local_gid[16], origin[300];
	struct conf_kv kv[8 + VZ_VALUES_MAX];
	size_t n = 0;
	unsigned int i;
	int ret;

	ret = vzenv_mkdir_p(VZ_CONF_DIR, 0755);
	if (!ret)
		ret = c->sample[0] ? vz_copy_file(c->sample, tmp) : vz_touch(tmp);
	if (ret)
		return ret;
	kv[n++] = (struct conf_kv){ "VE_ROOT", env->root };
	kv[n++] = (struct conf_kv){ "VE_PRIVATE", env->private };
	kv[n++] = (struct conf_kv){ "OSTEMPLATE", env->ostemplate };
	snprintf(origin, sizeof(origin), "%s", c->config ? c->config : "");
	if (origin[0])
		kv[n++] = (struct conf_kv){ "ORIGIN_SAMPLE", origin };
	/* the private area's ids follow them: a later vz.conf must not change them */
	snprintf(local_uid, sizeof(local_uid), "%u", env->local_uid);
	snprintf(local_gid, sizeof(local_gid), "%u", env->local_gid);
	kv[n++] = (struct conf_kv){ "LOCAL_UID", local_uid };
	kv[n++] = (struct conf_kv){ "LOCAL_GID", local_gid };
	kv[n++] = (struct conf_kv){ "VE_LAYOUT", c->ploop ? "ploop" : "simfs" };
	for (i = 0; i < v->n; i++)
		if (v->v[i].p->group != VZG_CREATE && !(v->v[i].p->flags & VZP_NOSAVE))
			kv[n++] = (struct conf_kv){ v->v[i].p->key, v->v[i].val };
	return conf_update(tmp, kv, n);
}

/* commit: the private area, then the config; the mark goes last */
static int create_commit(const struct vzenv *env, const char *tmp_priv, const char *tmp_conf)
{
	char mark[PATH_MAX + 32];
	int ret;

	ret = vzenv_mkdir_p(env->private, 0755);
	if (!ret && (rmdir(env->private) || rename(tmp_priv, env->private)))
		ret = -errno;
	if (!ret && rename(tmp_conf, env->conf))
		ret = -errno;
	if (ret)
		return ret;
	snprintf(mark, sizeof(mark), "%s/" CREATE_MARK, env->private);
	unlink(mark);
	return 0;
}

int vz_ct_create(struct vzenv *env, const struct vz_values *v, struct vz_err *err)
{
	char tmp_priv[PATH_MAX + 16], tmp_conf[PATH_MAX + 16];
	struct create c;
	int ret;

	if (env->exists)
		return vz_fail(err, VZ_FS_PRVT_AREA_EXIST, "Container %u already exists (%s)",
			       env->ctid, env->conf);
	if (create_ids(env, v, err) || create_source(env, v, &c, err) ||
	    create_disk(env, v, &c, err))
		return -1;
	snprintf(tmp_priv, sizeof(tmp_priv), "%s.vzbc-tmp", env->private);
	snprintf(tmp_conf, sizeof(tmp_conf), "%s.vzbc-tmp", env->conf);
	unlink(tmp_conf);
	if (create_private(env, &c, tmp_priv, err))
		return -1;
	ret = create_conf(env, v, &c, tmp_conf);
	if (ret) {
		vz_failp(err, VZ_FS_NEW_VE_PRVT, "writing %s: %s", tmp_conf, strerror(-ret));
		goto err;
	}
	ret = create_commit(env, tmp_priv, tmp_conf);
	if (ret) {
		vz_failp(err, VZ_FS_NEW_VE_PRVT, "creating %s: %s", env->private, strerror(-ret));
		goto err;
	}
	vz_log(VZ_INFO, "Container private area was created");
	return 0;
err:
	vz_rm_rf(tmp_priv);
	unlink(tmp_conf);
	return -1;
}
