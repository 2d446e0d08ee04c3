// SPDX-License-Identifier: GPL-2.0
/*
 * The host's memory, threads and CPUs (see hostmem.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hostmem.h"

int vz_hostmem_parse_meminfo(FILE *f, struct vz_hostmem *h)
{
	unsigned long long kb;
	char line[256], key[64];
	double low = 0;

	h->ram = h->swap = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63[^:]: %llu", key, &kb) != 2)
			continue;
		if (!strcmp(key, "MemTotal"))
			h->ram = kb * 1024.0;
		else if (!strcmp(key, "SwapTotal"))
			h->swap = kb * 1024.0;
		else if (!strcmp(key, "LowTotal"))
			low = kb * 1024.0;
	}
	if (!h->ram)
		return -EPROTO;
	h->lowmem = low ? low : h->ram;
	return 0;
}

int vz_hostmem_read(struct vz_hostmem *h)
{
	unsigned long long v;
	FILE *f;
	int ret;

	memset(h, 0, sizeof(*h));
	f = fopen("/proc/meminfo", "re");
	if (!f)
		return -errno;
	ret = vz_hostmem_parse_meminfo(f, h);
	fclose(f);
	if (ret)
		return ret;
	f = fopen("/proc/sys/kernel/threads-max", "re");
	if (!f)
		return -errno;
	ret = fscanf(f, "%llu", &v) == 1 ? 0 : -EPROTO;
	fclose(f);
	if (ret)
		return ret;
	h->threads_max = (double)v;
	h->page = (double)sysconf(_SC_PAGESIZE);
	h->cpus = (unsigned int)sysconf(_SC_NPROCESSORS_ONLN);
	return 0;
}
