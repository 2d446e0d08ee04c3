// SPDX-License-Identifier: GPL-2.0
/*
 * A container's cgroup statistics (see cgstat.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cgstat.h"

const char *const vz_cg_memstat_names[VZ_CG_MEMSTATS] = {
	[VZ_CG_ANON] = "anon", [VZ_CG_FILE] = "file", [VZ_CG_KERNEL_STACK] = "kernel_stack",
	[VZ_CG_SLAB] = "slab", [VZ_CG_SOCK] = "sock", [VZ_CG_SHMEM] = "shmem",
};

int vz_cgstat_parse_value(const char *text, uint64_t *v)
{
	char *end;

	if (!strncmp(text, "max", 3) && (!text[3] || text[3] == '\n')) {
		*v = VZ_CG_MAX;
		return 0;
	}
	if (*text < '0' || *text > '9')
		return -EPROTO;
	errno = 0;
	*v = strtoull(text, &end, 10);
	return errno || (*end && *end != '\n') ? -EPROTO : 0;
}

/* "key value" lines: the value of each key in keys[] into vals[] */
static int parse_kv(FILE *f, const char *const *keys, unsigned int n, uint64_t *vals,
		    uint32_t *found)
{
	char line[256], key[64];
	unsigned long long v;
	unsigned int i;

	*found = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %llu", key, &v) != 2)
			continue;
		for (i = 0; i < n; i++)
			if (!strcmp(key, keys[i])) {
				vals[i] = v;
				*found |= 1u << i;
			}
	}
	return ferror(f) ? -EIO : 0;
}

int vz_cgstat_parse_cpu(FILE *f, struct vz_cgstat *s)
{
	static const char *const keys[] = { "user_usec", "system_usec", "throttled_usec" };
	uint64_t v[3] = { 0 };
	uint32_t found;
	int ret = parse_kv(f, keys, 3, v, &found);

	if (ret)
		return ret;
	if ((found & 3) != 3)
		return -EPROTO;
	s->cpu_user_usec = v[0];
	s->cpu_system_usec = v[1];
	s->cpu_throttled_usec = v[2];
	s->have_cpu = true;
	return 0;
}

int vz_cgstat_parse_memstat(FILE *f, struct vz_cgstat *s)
{
	uint32_t found;

	return parse_kv(f, vz_cg_memstat_names, VZ_CG_MEMSTATS, s->memstat, &found);
}

int vz_cgstat_parse_io(FILE *f, struct vz_cgstat *s)
{
	static const char *const keys[] = { "rbytes", "wbytes", "rios", "wios" };
	char line[512], *tok, *save, *eq;
	unsigned long long v;
	struct vz_cg_io *d;
	unsigned int i;

	s->n_io = 0;
	while (fgets(line, sizeof(line), f) && s->n_io < VZ_CG_IO_DEVS) {
		d = &s->io[s->n_io];
		memset(d, 0, sizeof(*d));
		tok = strtok_r(line, " \n", &save);
		if (!tok)
			continue;
		if (sscanf(tok, "%u:%u", &d->major, &d->minor) != 2)
			return -EPROTO;
		uint64_t *field[] = { &d->rbytes, &d->wbytes, &d->rios, &d->wios };

		while ((tok = strtok_r(NULL, " \n", &save))) {
			eq = strchr(tok, '=');
			if (!eq || sscanf(eq + 1, "%llu", &v) != 1)
				return -EPROTO;
			*eq = '\0';
			for (i = 0; i < 4; i++)
				if (!strcmp(tok, keys[i]))
					*field[i] = v;
		}
		s->n_io++;
	}
	return ferror(f) ? -EIO : 0;
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return fopen(path, "re");
}

/* a file of one value */
static bool read_value(const char *dir, const char *name, uint64_t *v)
{
	char buf[64];
	FILE *f = open_in(dir, name);
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, sizeof(buf), f) && !vz_cgstat_parse_value(buf, v);
	fclose(f);
	return ok;
}

/* a file of "key value" lines, through parse */
static void read_with(const char *dir, const char *name, struct vz_cgstat *s,
		      int (*parse)(FILE *, struct vz_cgstat *))
{
	FILE *f = open_in(dir, name);

	if (!f)
		return;
	parse(f, s);
	fclose(f);
}

static int parse_events(FILE *f, struct vz_cgstat *s)
{
	static const char *const keys[] = { "oom_kill" };
	uint32_t found;

	return parse_kv(f, keys, 1, &s->oom_kills, &found);
}

int vz_cgstat_read(const char *dir, struct vz_cgstat *s)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	if (stat(dir, &st))
		return -errno;
	read_with(dir, "cpu.stat", s, vz_cgstat_parse_cpu);
	s->have_mem = read_value(dir, "memory.current", &s->mem_current) &&
		      read_value(dir, "memory.max", &s->mem_max);
	if (s->have_mem) {
		s->have_peak = read_value(dir, "memory.peak", &s->mem_peak);
		s->have_swap = read_value(dir, "memory.swap.current", &s->swap_current) &&
			       read_value(dir, "memory.swap.max", &s->swap_max);
		read_with(dir, "memory.stat", s, vz_cgstat_parse_memstat);
		read_with(dir, "memory.events", s, parse_events);
	}
	s->have_pids = read_value(dir, "pids.current", &s->tasks);
	read_with(dir, "io.stat", s, vz_cgstat_parse_io);
	return 0;
}
