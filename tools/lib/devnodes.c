// SPDX-License-Identifier: GPL-2.0
/*
 * Device nodes of a container (see devnodes.h). A stock kernel has no
 * device rules per container without a BPF program: r and w are not told
 * apart, the node's own permissions decide.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devnodes.h"

bool vz_devnode_valid(const char *spec)
{
	const char *perm = strrchr(spec, ':');
	char name[256], *c, *save;
	size_t len;

	if (!perm)
		return false;
	len = perm - spec;
	perm++;
	if (!len || len >= sizeof(name) ||
	    (strcmp(perm, "r") && strcmp(perm, "w") && strcmp(perm, "rw") && strcmp(perm, "none")))
		return false;
	memcpy(name, spec, len);
	name[len] = '\0';
	if (name[0] == '/' || name[len - 1] == '/' || strstr(name, "//"))
		return false;
	for (c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-+/", *c))
			return false;
	for (c = strtok_r(name, "/", &save); c; c = strtok_r(NULL, "/", &save))
		if (!strcmp(c, ".") || !strcmp(c, ".."))
			return false;
	return true;
}

int vz_devnodes_merge(const char *cur, const char *given, char *out, size_t len)
{
	char all[1024], *tok, *save;
	size_t n;

	/* the config's, then this call's: the last entry of a device wins */
	if (strlen(cur) + strlen(given) + 2 > len || len > sizeof(all))
		return -E2BIG;
	snprintf(all, sizeof(all), "%s %s", cur, given);
	out[0] = '\0';
	for (tok = strtok_r(all, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *later = save, name[260];

		if (!vz_devnode_valid(tok)) {
			snprintf(out, len, "%s", tok);
			return -EINVAL;
		}
		n = strrchr(tok, ':') - tok + 1;	/* "NAME:" */
		snprintf(name, sizeof(name), " %.*s", (int)n, tok);
		if ((later && (!strncmp(later, name + 1, n) || strstr(later, name))) ||
		    !strcmp(tok + n, "none"))
			continue;
		if (strlen(out) + strlen(tok) + 2 > len)
			return -E2BIG;
		if (out[0])
			strcat(out, " ");
		strcat(out, tok);
	}
	return 0;
}

/* dev/NAME in the container's /dev (the cwd is VE_ROOT): the host's
 * /dev/NAME bind-mounted on an empty file, its directories made */
static int bind_dev(const char *name)
{
	char path[PATH_MAX], host[PATH_MAX], *slash;
	int fd;

	snprintf(path, sizeof(path), "dev/%s", name);
	snprintf(host, sizeof(host), "/dev/%s", name);
	for (slash = strchr(path + 4, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
		*slash = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		return -errno;
	close(fd);
	return mount(host, path, NULL, MS_BIND, NULL) ? -errno : 0;
}

int vz_devnodes_bind(const char *list)
{
	char buf[1024], *tok, *save, *perm;
	int ret;

	if (snprintf(buf, sizeof(buf), "%s", list) >= (int)sizeof(buf))
		return -EINVAL;
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		perm = strrchr(tok, ':');
		if (!perm || !vz_devnode_valid(tok))
			return -EINVAL;
		*perm++ = '\0';
		if (!strcmp(perm, "none"))
			continue;
		ret = bind_dev(tok);
		if (ret)
			return ret;
	}
	return 0;
}
