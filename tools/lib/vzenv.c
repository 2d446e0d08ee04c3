// SPDX-License-Identifier: GPL-2.0
/*
 * Container environment and run state (see vzenv.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "vzenv.h"

int vzenv_expand(const char *s, unsigned int ctid, char *out, size_t len)
{
	size_t o = 0;
	int n;

	while (*s) {
		if (!strncmp(s, "$VEID", 5) || !strncmp(s, "${VEID}", 7)) {
			n = snprintf(out + o, len - o, "%u", ctid);
			if (n < 0 || (size_t)n >= len - o)
				return -ENAMETOOLONG;
			o += n;
			s += s[1] == '{' ? 7 : 5;
			continue;
		}
		if (o + 1 >= len)
			return -ENAMETOOLONG;
		out[o++] = *s++;
	}
	out[o] = '\0';
	return 0;
}

int vzenv_get(const struct vzenv *env, const char *key, char *buf, size_t len)
{
	int ret = -ENOENT;

	if (env->exists)
		ret = conf_get(env->conf, key, buf, len);
	if (ret == -ENOENT)
		ret = conf_get(VZ_GLOBAL_CONF, key, buf, len);
	if (ret == -ENOENT) {
		buf[0] = '\0';
		ret = 0;
	}
	return ret;
}

/* key's value with $VEID expanded, or def when unset */
static int vzenv_path(const struct vzenv *env, const char *key, const char *def,
		      char *out, size_t len)
{
	char raw[PATH_MAX];
	int ret;

	ret = vzenv_get(env, key, raw, sizeof(raw));
	if (ret)
		return ret;
	return vzenv_expand(raw[0] ? raw : def, env->ctid, out, len);
}

int vzenv_parse_local_id(const char *s, unsigned int *id)
{
	unsigned long v;
	char *end;

	*id = 0;
	if (!*s)
		return 0;
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
		return -EINVAL;
	v = strtoul(s, &end, 10);
	if (v > 0xffffffffUL - VZ_USERNS_IDS)
		return -EINVAL;
	*id = v;
	return 0;
}

int vzenv_load(unsigned int ctid, struct vzenv *env)
{
	char buf[64];
	int ret;

	memset(env, 0, sizeof(*env));
	env->ctid = ctid;
	snprintf(env->conf, sizeof(env->conf), VZ_CONF_DIR "/%u.conf", ctid);
	env->exists = access(env->conf, F_OK) == 0;

	ret = vzenv_path(env, "VE_ROOT", "/vz/root/$VEID", env->root, sizeof(env->root));
	if (!ret)
		ret = vzenv_path(env, "VE_PRIVATE", "/vz/private/$VEID", env->private,
				 sizeof(env->private));
	if (!ret)
		ret = vzenv_path(env, "TEMPLATE", "/vz/template", env->template,
				 sizeof(env->template));
	if (!ret)
		ret = vzenv_path(env, "LOCKDIR", "/vz/lock", env->lockdir, sizeof(env->lockdir));
	if (!ret)
		ret = vzenv_path(env, "VZBC_CGROUP_BASE", VZ_CGROUP_BASE, env->cgroup_base,
				 sizeof(env->cgroup_base));
	if (!ret)
		ret = vzenv_get(env, "HOSTNAME", env->hostname, sizeof(env->hostname));
	if (!ret)
		ret = vzenv_get(env, "OSTEMPLATE", env->ostemplate, sizeof(env->ostemplate));
	if (!ret && !env->ostemplate[0])
		ret = vzenv_get(env, "DEF_OSTEMPLATE", env->ostemplate, sizeof(env->ostemplate));
	if (!ret)
		ret = vzenv_get(env, "CONFIGFILE", env->configfile, sizeof(env->configfile));
	if (!ret)
		ret = vzenv_get(env, "STOP_TIMEOUT", buf, sizeof(buf));
	if (ret)
		return ret;
	env->stop_timeout = buf[0] ? strtoul(buf, NULL, 10) : VZ_DEF_STOP_TIMEOUT;
	ret = vzenv_get(env, "LOCAL_UID", buf, sizeof(buf));
	if (!ret)
		ret = vzenv_parse_local_id(buf, &env->local_uid);
	if (!ret)
		ret = vzenv_get(env, "LOCAL_GID", buf, sizeof(buf));
	if (!ret && buf[0])
		ret = vzenv_parse_local_id(buf, &env->local_gid);
	else if (!ret)
		env->local_gid = env->local_uid;
	if (ret)
		return ret;
	if (!env->local_uid != !env->local_gid)	/* one mapped, not the other */
		return -EINVAL;
	if (snprintf(env->cgroup, sizeof(env->cgroup), "%s/%u", env->cgroup_base,
		     ctid) >= (int)sizeof(env->cgroup))
		return -ENAMETOOLONG;
	return 0;
}

int vzenv_mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX], *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, mode) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, mode) && errno != EEXIST)
		return -errno;
	return 0;
}

int vzenv_lock(const struct vzenv *env)
{
	char path[PATH_MAX + 32];
	int fd, ret;

	ret = vzenv_mkdir_p(env->lockdir, 0755);	/* /vz/lock on a new host */
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/%u.lck", env->lockdir, env->ctid);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		int err = errno == EWOULDBLOCK ? -EBUSY : -errno;

		close(fd);
		return err;
	}
	return fd;
}

/* Deeper than this, a container's cgroup tree is not walked. */
#define VZ_CGROUP_DEPTH		32

/*
 * Calls fn for each line of file in dir and in every cgroup below it (an
 * init such as systemd moves itself and its services into cgroups of its
 * own under the container's); stops at nonzero and returns it.
 */
static int cg_walk(const char *dir, const char *file, unsigned int depth,
		   int (*fn)(long, void *), void *arg)
{
	char path[PATH_MAX];
	struct dirent *de;
	int ret = 0;
	long id;
	FILE *f;
	DIR *d;

	if (snprintf(path, sizeof(path), "%s/%s", dir, file) >= (int)sizeof(path))
		return 0;
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (!ret && fscanf(f, "%ld", &id) == 1)
		ret = fn(id, arg);
	fclose(f);
	if (ret || depth >= VZ_CGROUP_DEPTH)
		return ret;
	d = opendir(dir);
	if (!d)
		return 0;
	while (!ret && (de = readdir(d))) {
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= (int)sizeof(path))
			continue;
		ret = cg_walk(path, file, depth + 1, fn, arg);
	}
	closedir(d);
	return ret;
}

static int count_id(long id, void *arg)
{
	(void)id;
	++*(int *)arg;
	return 0;
}

int vzenv_nproc(const struct vzenv *env)
{
	int n = 0;

	/* threads too: cgroup.threads lists them all in a threaded or
	 * domain cgroup alike */
	cg_walk(env->cgroup, "cgroup.threads", 0, count_id, &n);
	return n;
}

bool vzenv_running(const struct vzenv *env)
{
	int n = 0;

	cg_walk(env->cgroup, "cgroup.procs", 0, count_id, &n);
	return n > 0;
}

/*
 * Is pid the init of the container's pid namespace? Its NSpid has two
 * pids, ours and " 1" (an init of a namespace nested in the container's
 * would have three).
 */
static int find_init(long pid, void *arg)
{
	char path[64], line[512], *first, *last;
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "NSpid:", 6))
			continue;
		line[strcspn(line, "\n")] = '\0';
		first = strchr(line, '\t');
		last = strrchr(line, '\t');
		found = first && last && first != last && strchr(first + 1, '\t') == last &&
			!strcmp(last + 1, "1");
		break;
	}
	fclose(f);
	if (found)
		*(pid_t *)arg = (pid_t)pid;
	return found;
}

pid_t vzenv_init_pid(const struct vzenv *env)
{
	pid_t pid = 0;

	cg_walk(env->cgroup, "cgroup.procs", 0, find_init, &pid);
	return pid > 0 ? pid : -ESRCH;
}

/*
 * Is something mounted on the container's root? Asked of the path itself
 * (statx's mount-root attribute), not by reading the whole mount table:
 * with a thousand containers mounted, vzlist read it a thousand times.
 */
bool vzenv_mounted(const struct vzenv *env)
{
	struct statx st;

	if (statx(AT_FDCWD, env->root, AT_SYMLINK_NOFOLLOW, 0, &st))
		return false;
	return st.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT &&
	       st.stx_attributes & STATX_ATTR_MOUNT_ROOT;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

unsigned int vzenv_list_ctids(unsigned int **ids)
{
	unsigned int n = 0, cap = 0, id;
	struct dirent *d;
	char extra;
	DIR *dir;

	*ids = NULL;
	dir = opendir(VZ_CONF_DIR);
	if (!dir)
		return 0;
	while ((d = readdir(dir))) {
		if (sscanf(d->d_name, "%u.con%c", &id, &extra) != 2 || extra != 'f' ||
		    strcmp(strchr(d->d_name, '.'), ".conf") || !id)
			continue;
		if (n == cap) {
			unsigned int *p = realloc(*ids, (cap = cap ? 2 * cap : 16) * sizeof(**ids));

			if (!p)
				break;
			*ids = p;
		}
		(*ids)[n++] = id;
	}
	closedir(dir);
	if (n)
		qsort(*ids, n, sizeof(**ids), cmp_uint);
	return n;
}
