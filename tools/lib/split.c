// SPDX-License-Identifier: GPL-2.0
/*
 * vzsplit's arithmetic (see split.h). The classic set follows OpenVZ's
 * vzsplit: its constants and its search over commit levels.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>

#include "conf.h"
#include "split.h"
#include "ubc.h"
#include "vzenv.h"

#define HOST_RESERVE	52428800.0	/* bytes the host keeps */
#define MEM_PER_CT	5542912.0	/* the least RAM + swap of a container */
#define LOW_PER_CT	1348608.0	/* the least low memory of a container */
#define MAX_PIDS	8000.0		/* threads-max is capped to this (twice with */
#define BIG_LOWMEM	(2.0 * 1024 * 1024 * 1024)	/* more low memory) */
#define MAX_IPTENT	2000		/* netfilter entries of all containers */

#define MIN_PROC	30
#define MIN_TCPBUF	65536
#define MIN_DGRAMBUF	32768
#define MIN_SOCKBUF	2560
#define MIN_PTY		4
#define MIN_IPTENT	4
#define MIN_LOCKED	4
#define MIN_GUAR	1024		/* pages */
#define MAX_IPTENT_CT	200
#define MAX_FLOCK_CT	1000
#define MAX_PTY_CT	512
#define PRIVVM_SHARE	0.6		/* of RAM, at most, per container */
#define SHM_PRIVVM	0.10
#define FLOCK_FILE	0.10
#define FILE_AVPROC	32
#define PTY_PROC	0.1
#define LOCKED_KMEM	204800.0
#define KMEM_SQUEEZED	2.0
#define KMEM_GAP	1.1
#define FLOCK_GAP	1.1
#define PRIVVM_GAP	1.1
#define DCACHE_GAP	1.03
#define DISK_GAP	1.1

#define HOST_DISK_KB	10485760.0	/* 10 GiB the host keeps */
#define DEF_DISK_KB	225280
#define HOST_INODES	100000.0
#define DEF_INODES	88000

#define LEVELS		3

/* per commit level: free, normal, partial shortage */
static const struct level {
	double kmem, nproc, avnproc, kmem_per_proc, sock_base, sock_per_proc;
	unsigned int siginfo;
	double dcache_per_file, privvm, locked, min_low;
} levels[LEVELS] = {
	{ 1.0, 1.0, 8, 81920, 262144, 4096, 1024, 1.5 * 384, 6.0, 10, 10485760 },
	{ 1.2, 1.5, 5, 65536, 131072, 3036, 512, 1.2 * 384, 3.0, 3, 2097152 },
	{ 1.8, 2.0, 3, 53248, 65536, 2560, 256, 1.0 * 384, 1.5, 1, 0 },
};

const char *const vz_split_keys[VZ_SP_KEYS] = {
	[VZ_SP_NUMPROC] = "NUMPROC",		[VZ_SP_AVNUMPROC] = "AVNUMPROC",
	[VZ_SP_NUMTCPSOCK] = "NUMTCPSOCK",	[VZ_SP_NUMOTHERSOCK] = "NUMOTHERSOCK",
	[VZ_SP_VMGUARPAGES] = "VMGUARPAGES",	[VZ_SP_KMEMSIZE] = "KMEMSIZE",
	[VZ_SP_TCPSNDBUF] = "TCPSNDBUF",	[VZ_SP_TCPRCVBUF] = "TCPRCVBUF",
	[VZ_SP_OTHERSOCKBUF] = "OTHERSOCKBUF",	[VZ_SP_DGRAMRCVBUF] = "DGRAMRCVBUF",
	[VZ_SP_OOMGUARPAGES] = "OOMGUARPAGES",	[VZ_SP_PRIVVMPAGES] = "PRIVVMPAGES",
	[VZ_SP_LOCKEDPAGES] = "LOCKEDPAGES",	[VZ_SP_SHMPAGES] = "SHMPAGES",
	[VZ_SP_PHYSPAGES] = "PHYSPAGES",	[VZ_SP_NUMFILE] = "NUMFILE",
	[VZ_SP_NUMFLOCK] = "NUMFLOCK",		[VZ_SP_NUMPTY] = "NUMPTY",
	[VZ_SP_NUMSIGINFO] = "NUMSIGINFO",	[VZ_SP_DCACHESIZE] = "DCACHESIZE",
	[VZ_SP_NUMIPTENT] = "NUMIPTENT",	[VZ_SP_SWAPPAGES] = "SWAPPAGES",
	[VZ_SP_DISKSPACE] = "DISKSPACE",	[VZ_SP_DISKINODES] = "DISKINODES",
};

const char *vz_split_group(enum vz_split_key k)
{
	switch (k) {
	case VZ_SP_NUMPROC: return "Primary";
	case VZ_SP_KMEMSIZE: return "Secondary";
	case VZ_SP_LOCKEDPAGES: return "Auxiliary";
	default: return NULL;
	}
}

const char *const vz_split_level_text[4] = {
	"free: any value may be raised",
	"normal: the secondary values may be raised",
	"partial shortage: the auxiliary values may be raised",
	"overall shortage: raise none of the values",
};

int vz_split_fit(const struct vz_split_host *h, unsigned int num, unsigned int *allowed)
{
	double mem = h->mem.ram + h->mem.swap - HOST_RESERVE;
	double low = h->mem.lowmem - HOST_RESERVE;
	double n = num;

	*allowed = num;
	if (h->mem.ram < HOST_RESERVE || low < LOW_PER_CT) {
		*allowed = 0;
		return -ENOSPC;
	}
	if (mem / n < MEM_PER_CT)
		n = floor(mem / MEM_PER_CT);
	if (n && low / n < LOW_PER_CT)
		n = fmin(n, floor(low / LOW_PER_CT));
	*allowed = (unsigned int)n;
	return n < num ? -ENOSPC : 0;
}

static void put(struct vz_split *s, enum vz_split_key k, double bar, double lim)
{
	double max = (double)VZBC_UNLIMITED;

	s->barrier[k] = bar >= max ? VZBC_UNLIMITED : (uint64_t)fmax(bar, 0);
	s->limit[k] = lim >= max ? VZBC_UNLIMITED : (uint64_t)fmax(lim, 0);
	s->set |= 1u << k;
}

static void put1(struct vz_split *s, enum vz_split_key k, double v)
{
	put(s, k, v, v);
}

/* The values a level decides: kmem, numproc, avnumproc and the socket
 * buffers; true when the host affords the level */
struct classic {
	double tot, low, guar, kmem, numproc, avnproc, sockbuf;
};

static bool try_level(const struct vz_split_host *h, double threads, unsigned int num,
		      const struct level *l, struct classic *c)
{
	double page = h->mem.page, tcpbuf;

	c->numproc = trunc(l->nproc * threads / num);
	c->low = trunc(h->mem.lowmem * 0.4 * l->kmem / num);
	c->guar = trunc((c->tot - c->low) / page);
	if (c->guar < MIN_GUAR) {
		c->guar = MIN_GUAR;
		c->low = c->tot - c->guar * page;
	}
	c->kmem = trunc(c->low / 2);
	if (c->low < l->min_low)
		return false;
	c->numproc = fmax(c->numproc, MIN_PROC);
	c->avnproc = trunc(c->kmem / l->kmem_per_proc);
	if (c->avnproc < MIN_PROC / 2)
		return false;
	c->numproc = fmax(c->numproc, 2 * c->avnproc);
	c->numproc = fmin(c->numproc, trunc(c->avnproc * l->avnproc));
	c->sockbuf = c->low - c->kmem;
	tcpbuf = trunc(c->sockbuf / 3);
	return tcpbuf >= l->sock_base + l->sock_per_proc * c->numproc;
}

static void level_sockets(struct vz_split *s, const struct level *l, const struct classic *c)
{
	double tcpbuf = trunc(c->sockbuf / 3);
	double gap = l->sock_per_proc * c->numproc;
	double rest = tcpbuf - gap;

	put(s, VZ_SP_TCPSNDBUF, rest, tcpbuf);
	put(s, VZ_SP_TCPRCVBUF, rest, tcpbuf);
	put1(s, VZ_SP_DGRAMRCVBUF, trunc(rest / 2));
	put(s, VZ_SP_OTHERSOCKBUF, trunc(rest / 2), trunc(rest / 2) + gap);
}

/* No level fits: halve numproc until the minimal buffers fit in low memory */
static int squeeze(const struct vz_split_host *h, double threads, unsigned int num,
		   struct classic *c, struct vz_split *s)
{
	double page = h->mem.page, gap, rest;

	c->numproc = trunc(levels[LEVELS - 1].nproc * threads / num);
	c->low = trunc(h->mem.lowmem * 0.4 * KMEM_SQUEEZED / num);
	c->guar = trunc((c->tot - c->low) / page);
	if (c->guar < MIN_GUAR) {
		c->guar = MIN_GUAR;
		c->low = c->tot - c->guar * page;
	}
	do {
		c->numproc = fmax(trunc(c->numproc / 2), MIN_PROC);
		c->avnproc = trunc(c->numproc / 2);
		gap = MIN_SOCKBUF * c->numproc;
		c->kmem = c->low - 2 * (MIN_DGRAMBUF + MIN_TCPBUF + gap);
		rest = c->kmem - c->avnproc * levels[LEVELS - 1].kmem_per_proc;
	} while (rest < 0 && c->numproc > MIN_PROC);
	if (rest < 0)
		return -ENOSPC;
	put1(s, VZ_SP_DGRAMRCVBUF, MIN_DGRAMBUF);
	put(s, VZ_SP_OTHERSOCKBUF, MIN_DGRAMBUF, MIN_DGRAMBUF + gap);
	put(s, VZ_SP_TCPSNDBUF, MIN_TCPBUF, MIN_TCPBUF + gap);
	if (rest > gap) {
		put(s, VZ_SP_TCPRCVBUF, MIN_TCPBUF, MIN_TCPBUF + gap);
		c->kmem += rest - gap;
	} else {
		put(s, VZ_SP_TCPRCVBUF, MIN_TCPBUF, MIN_TCPBUF + rest);
	}
	return 0;
}

static int classic_set(const struct vz_split_host *h, unsigned int num, struct vz_split *s)
{
	double page = h->mem.page, threads = h->mem.threads_max;
	double numfile, flock, privvm, iptent, v;
	const struct level *l;
	struct classic c = { 0 };
	int lv;

	threads = fmin(threads, h->mem.lowmem > BIG_LOWMEM ? 2 * MAX_PIDS : MAX_PIDS);
	c.tot = trunc((h->mem.ram + h->mem.swap - HOST_RESERVE) / num);
	for (lv = 0; lv < LEVELS; lv++)
		if (try_level(h, threads, num, &levels[lv], &c))
			break;
	s->level = lv;
	if (lv == LEVELS) {
		if (squeeze(h, threads, num, &c, s))
			return -ENOSPC;
		lv = LEVELS - 1;
	} else {
		level_sockets(s, &levels[lv], &c);
	}
	l = &levels[lv];

	put(s, VZ_SP_KMEMSIZE, c.kmem, trunc(c.kmem * KMEM_GAP));
	put1(s, VZ_SP_NUMPROC, c.numproc);
	put1(s, VZ_SP_AVNUMPROC, c.avnproc);
	put1(s, VZ_SP_NUMTCPSOCK, c.numproc);
	put1(s, VZ_SP_NUMOTHERSOCK, c.numproc);
	iptent = fmin(fmax(MAX_IPTENT / num, MIN_IPTENT), MAX_IPTENT_CT);
	put1(s, VZ_SP_NUMIPTENT, iptent);
	numfile = c.avnproc * FILE_AVPROC;
	put1(s, VZ_SP_NUMFILE, numfile);
	v = trunc(numfile * l->dcache_per_file);
	put(s, VZ_SP_DCACHESIZE, trunc(v / DCACHE_GAP), v);
	flock = fmin(trunc(numfile * FLOCK_FILE), MAX_FLOCK_CT);
	put(s, VZ_SP_NUMFLOCK, flock, trunc(flock * FLOCK_GAP));
	put1(s, VZ_SP_LOCKEDPAGES, fmax(trunc(c.kmem * l->locked / LOCKED_KMEM), MIN_LOCKED));
	put1(s, VZ_SP_NUMPTY, fmin(fmax(trunc(c.numproc * PTY_PROC), MIN_PTY), MAX_PTY_CT));
	put1(s, VZ_SP_NUMSIGINFO, l->siginfo);
	put(s, VZ_SP_PHYSPAGES, 0, (double)VZBC_UNLIMITED);

	privvm = trunc(c.guar * l->privvm);
	if (privvm > trunc(c.tot / page))
		privvm = c.guar;
	if (num > 1 && privvm > trunc(PRIVVM_SHARE * h->mem.ram / page)) {
		privvm = trunc(PRIVVM_SHARE * h->mem.ram / page);
		c.guar = fmin(c.guar, privvm);
	}
	put(s, VZ_SP_PRIVVMPAGES, privvm, trunc(privvm * PRIVVM_GAP));
	put(s, VZ_SP_VMGUARPAGES, c.guar, (double)VZBC_UNLIMITED);
	put(s, VZ_SP_OOMGUARPAGES, c.guar, (double)VZBC_UNLIMITED);
	put1(s, VZ_SP_SHMPAGES, trunc(privvm * SHM_PRIVVM));
	return 0;
}

/* RAM past the host's reserve and swap, split evenly, whole MiB each */
static void vswap_set(const struct vz_split_host *h, unsigned int num, struct vz_split *s)
{
	double mib = 1024.0 * 1024, page = h->mem.page;
	double ram = floor((h->mem.ram - HOST_RESERVE) / num / mib) * mib;
	double swap = floor(h->mem.swap / num / mib) * mib;

	put(s, VZ_SP_PHYSPAGES, 0, ram / page);
	put(s, VZ_SP_SWAPPAGES, 0, swap / page);
	s->level = 0;
}

static void disk_set(const struct vz_split_host *h, unsigned int num, struct vz_split *s)
{
	double kb = h->disk_kb, inodes = h->disk_inodes, each;

	kb = kb / 2 < HOST_DISK_KB ? kb / 2 : kb - HOST_DISK_KB;
	if (!h->inodes_unlimited)
		inodes = inodes / 2 < HOST_INODES ? inodes / 2 : inodes - HOST_INODES;
	s->default_disk = !h->disk_kb || trunc(kb / DEF_DISK_KB) < num ||
			  (!h->inodes_unlimited && trunc(inodes / DEF_INODES) < num);
	if (s->default_disk) {
		put(s, VZ_SP_DISKSPACE, trunc(DEF_DISK_KB / DISK_GAP), DEF_DISK_KB);
		put(s, VZ_SP_DISKINODES, trunc(DEF_INODES / DISK_GAP), DEF_INODES);
		return;
	}
	each = trunc(kb / (2.0 * num));
	put(s, VZ_SP_DISKSPACE, trunc(each / DISK_GAP), each);
	if (h->inodes_unlimited) {
		put1(s, VZ_SP_DISKINODES, (double)VZBC_UNLIMITED);
		return;
	}
	each = trunc(inodes / (2.0 * num));
	put(s, VZ_SP_DISKINODES, trunc(each / DISK_GAP), each);
}

int vz_split_calc(const struct vz_split_host *h, unsigned int num, bool vswap,
		  struct vz_split *s)
{
	unsigned int allowed;
	int ret;

	memset(s, 0, sizeof(*s));
	s->num = num;
	s->vswap = vswap;
	if (!num)
		return -EINVAL;
	ret = vz_split_fit(h, num, &allowed);
	if (ret)
		return ret;
	if (vswap)
		vswap_set(h, num, s);
	else if (classic_set(h, num, s))
		return -ENOSPC;
	disk_set(h, num, s);
	return 0;
}

#define REISERFS_MAGIC	0x52654973	/* no inode limit */

int vz_split_host_read(struct vz_split_host *h, char *where, size_t len)
{
	char dir[4096], *p;
	struct statfs sf;
	int ret;

	memset(h, 0, sizeof(*h));
	ret = vz_hostmem_read(&h->mem);
	if (ret)
		return ret;
	if (conf_get(VZ_GLOBAL_CONF, "VE_PRIVATE", dir, sizeof(dir)) || !dir[0])
		snprintf(dir, sizeof(dir), "/vz/private/$VEID");
	p = strstr(dir, "$VEID");
	if (!p)
		p = strstr(dir, "${VEID}");
	if (p)
		*p = '\0';
	while (statfs(dir, &sf)) {
		p = strrchr(dir, '/');
		if (!p || p == dir) {
			snprintf(dir, sizeof(dir), "/");
			if (statfs(dir, &sf))
				return 0;
			break;
		}
		*p = '\0';
	}
	snprintf(where, len, "%s", dir);
	h->disk_kb = (double)sf.f_blocks * (double)sf.f_bsize / 1024;
	h->disk_inodes = (double)sf.f_files;
	h->inodes_unlimited = sf.f_type == REISERFS_MAGIC || !sf.f_files;
	return 0;
}
