// SPDX-License-Identifier: GPL-2.0
/*
 * Beancounter values for people (see bcview.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bcview.h"
#include "util.h"

void vz_bc_human(uint64_t v, enum ubc_unit unit, char *buf, size_t len)
{
	static const char suffix[] = " KMGTPE";
	double x = (double)v;
	unsigned int i = 0;

	if (!v || ubc_unlimited(v)) {
		snprintf(buf, len, "- ");
		return;
	}
	if (unit == UBC_PAGES)
		x *= (double)sysconf(_SC_PAGESIZE);
	while (x >= 1024 && i < sizeof(suffix) - 2) {
		x /= 1024;
		i++;
	}
	if (x < 100)
		snprintf(buf, len, "%.3g%c", x, suffix[i]);
	else
		snprintf(buf, len, "%u%c", (unsigned int)x, suffix[i]);
}

void vz_bc_percent(uint64_t p, uint64_t d, char *buf, size_t len)
{
	double pct;

	if (!d || ubc_unlimited(d)) {
		snprintf(buf, len, "- ");
		return;
	}
	pct = (double)p * 100 / (double)d;
	if (pct >= 0.95)
		snprintf(buf, len, "%.0f%%", pct);
	else if (pct >= 0.05)
		snprintf(buf, len, "%.1f%%", pct);
	else
		snprintf(buf, len, "- ");
}

int vz_bc_parse_threshold(const char *s, double *ratio)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < 0 || v > 100)
		return -EINVAL;
	*ratio = v > 1 ? v / 100 : v;
	return 0;
}

enum vz_bc_level vz_bc_level(const struct vz_bcrow *r, const struct vz_bc_thresholds *t)
{
	uint64_t b = r->barrier ? r->barrier : r->limit;

	if (r->failcnt)
		return VZ_BC_FAIL;
	if (!b || ubc_unlimited(b))
		return VZ_BC_OK;
	if (r->held > b)
		return VZ_BC_FAIL;
	if ((double)r->held > (double)b * t->held || (double)r->maxheld > (double)b * t->maxheld)
		return VZ_BC_NEAR;
	return VZ_BC_OK;
}

uint64_t vz_bc_failcnt_since(uint64_t now, int have_old, uint64_t old)
{
	return have_old && old <= now ? now - old : now;
}

/* ------------------------------------------------------------ the store */

int vz_bc_store_prepare(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	if (lstat(dir, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 0077))
		return -EPERM;
	return 0;
}

static void store_path(char *buf, size_t len, const char *dir, unsigned int ctid,
		       const char *what)
{
	snprintf(buf, len, "%s/ubc.%u.%s", dir, ctid, what);
}

int vz_bc_store_load(const char *dir, unsigned int ctid, const char *what,
		     uint64_t vals[VZBC_RESOURCES], uint32_t *present)
{
	char path[4096], name[32];
	unsigned long long v;
	const struct ubc_res *res;
	FILE *f;
	int fd;

	*present = 0;
	store_path(path, sizeof(path), dir, ctid, what);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return -ENOMEM;
	}
	while (fscanf(f, "%31s %llu", name, &v) == 2) {
		res = ubc_by_name(name);
		if (!res)
			continue;
		vals[res->id] = v;
		*present |= 1u << res->id;
	}
	fclose(f);
	return 0;
}

int vz_bc_store_save(const char *dir, unsigned int ctid, const char *what,
		     const uint64_t vals[VZBC_RESOURCES], uint32_t present)
{
	char path[4096], tmp[4200], *text = NULL;
	unsigned int i;
	size_t len;
	FILE *f;
	int ret;

	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	for (i = 0; i < ubc_nr_resources; i++)
		if (present & (1u << ubc_resources[i].id))
			fprintf(f, "%s %llu\n", ubc_resources[i].name,
				(unsigned long long)vals[ubc_resources[i].id]);
	if (fclose(f)) {
		free(text);
		return -ENOMEM;
	}
	store_path(path, sizeof(path), dir, ctid, what);
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	ret = vz_replace_file(path, tmp, text);
	free(text);
	return ret;
}

int vz_bc_store_clear(const char *dir, const char *what)
{
	char path[4096], suffix[32];
	size_t n, s;
	struct dirent *d;
	DIR *dp;
	int ret = 0;

	dp = opendir(dir);
	if (!dp)
		return errno == ENOENT ? 0 : -errno;
	s = (size_t)snprintf(suffix, sizeof(suffix), ".%s", what);
	while ((d = readdir(dp))) {
		n = strlen(d->d_name);
		if (strncmp(d->d_name, "ubc.", 4) || n <= s || strcmp(d->d_name + n - s, suffix))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (unlink(path) && !ret)
			ret = -errno;
	}
	closedir(dp);
	return ret;
}
