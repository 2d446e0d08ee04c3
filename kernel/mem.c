// SPDX-License-Identifier: GPL-2.0
/*
 * Resources read from the kernel's own counters rather than charged object
 * by object:
 *
 *  - from the container's memory cgroup (cgroup v2): physpages (memory
 *    usage, watermark, memory.events "max"), swappages (swap usage,
 *    watermark, memory.events "swap_max"), oomguarpages (memory + swap,
 *    memory.events "oom_kill"), kmemsize and dcachesize (memory.stat
 *    "kernel" and "slab_reclaimable"), shmpages (memory.stat "shmem").
 *    Their limits go to the cgroup's files: physpages' limit is memory.max
 *    and its barrier, below the limit, memory.high; swappages' limit is
 *    memory.swap.max, oomguarpages' barrier memory.low; the kernel's
 *    memory controller enforces them;
 *  - from the container's address spaces: privvmpages (private writable
 *    pages: data_vm + stack_vm, summed over its processes), lockedpages
 *    (locked_vm), vmguarpages (shown with privvmpages' usage);
 *  - from its charged sockets (res-sock.c): tcpsndbuf, tcprcvbuf,
 *    othersockbuf, dgramrcvbuf, the bytes queued on them;
 *  - from its tasks' signal queues: numsiginfo.
 * The sums over its tasks walk the container's own (res-task.c).
 *
 * vzbc_mem_sync() refreshes these into the beancounter; it sleeps and runs
 * under vzbc_ct_mutex. ct->dir changes under ct->lock as well, so that
 * the files' readers need not hold the mutex (the view's do not). The
 * files read again and again (memory.stat, cpu.stat, cpu.max) stay open
 * from their first read until the container is unregistered, and the
 * flat-keyed ones are parsed in a buffer kept with them
 * (vzbc_cgfile_parse()).
 */
#include <linux/cgroup.h>
#include <linux/ctype.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/page_counter.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "vzbc.h"

/* Keep the container's cgroup directory, to reach its memory.* files. */
int vzbc_mem_attach(struct vzbc_ct *ct, int cgroup_fd)
{
	struct file *f = fget(cgroup_fd);
	unsigned long flags;

	if (!f)
		return -EBADF;
	mutex_init(&ct->files.lock);
	path_get(&f->f_path);
	spin_lock_irqsave(&ct->lock, flags);
	ct->dir = f->f_path;
	spin_unlock_irqrestore(&ct->lock, flags);
	fput(f);
	return 0;
}

void vzbc_mem_detach(struct vzbc_ct *ct)
{
	unsigned long flags;
	struct path dir;
	unsigned int i;

	spin_lock_irqsave(&ct->lock, flags);
	dir = ct->dir;
	ct->dir.dentry = NULL;
	ct->dir.mnt = NULL;
	spin_unlock_irqrestore(&ct->lock, flags);
	if (dir.dentry)
		path_put(&dir);
	/* a reader has its file to itself until it is done with it */
	mutex_lock(&ct->files.lock);
	for (i = 0; i < VZBC_CGF_NR; i++) {
		if (ct->files.f[i])
			fput(ct->files.f[i]);
		ct->files.f[i] = NULL;
	}
	kfree(ct->files.buf);
	ct->files.buf = NULL;
	mutex_unlock(&ct->files.lock);
}

/* ------------------------------------------------------------ reading */

/*
 * The memory cgroup of the container's own directory, or NULL if the
 * memory controller is not enabled there (an ancestor's would not be the
 * container's).
 */
struct mem_cgroup *vzbc_memcg_get(struct vzbc_ct *ct)
{
	struct cgroup_subsys_state *css;

	css = cgroup_get_e_css(ct->cgrp, &memory_cgrp_subsys);
	if (!css)
		return NULL;
	if (css->cgroup != ct->cgrp) {
		css_put(css);
		return NULL;
	}
	return mem_cgroup_from_css(css);
}

/* physpages, swappages, oomguarpages: the page counters; the usage */
static unsigned long vzbc_mem_counters(struct vzbc_ct *ct)
{
	struct mem_cgroup *memcg = vzbc_memcg_get(ct);
	unsigned long mem, swap;

	if (!memcg) {
		vzbc_bc_sample(ct, VZBC_PHYSPAGES, 0, 0, ULONG_MAX);
		vzbc_bc_sample(ct, VZBC_SWAPPAGES, 0, 0, ULONG_MAX);
		vzbc_bc_sample(ct, VZBC_OOMGUARPAGES, 0, 0, ULONG_MAX);
		return 0;
	}
	mem = vzbc_memcg_usage(memcg);
	swap = vzbc_memcg_swap_usage(memcg);
	vzbc_bc_sample(ct, VZBC_PHYSPAGES, mem, vzbc_memcg_watermark(memcg),
		       vzbc_memcg_event(memcg, MEMCG_MAX));
	vzbc_bc_sample(ct, VZBC_SWAPPAGES, swap, vzbc_memcg_swap_watermark(memcg),
		       vzbc_memcg_event(memcg, MEMCG_SWAP_MAX));
	vzbc_bc_sample(ct, VZBC_OOMGUARPAGES, mem + swap, 0,
		       vzbc_memcg_event(memcg, MEMCG_OOM_KILL));
	css_put(&memcg->css);
	return mem;
}

/* the files kept open, by enum vzbc_cgfile */
static const char *const vzbc_cgfile_names[VZBC_CGF_NR] = {
	[VZBC_CGF_MEMORY_STAT] = "memory.stat",
	[VZBC_CGF_CPU_STAT] = "cpu.stat",
	[VZBC_CGF_CPU_MAX] = "cpu.max",
};

/* The container's cgroup file name, open for reading. Sleeps. */
static struct file *vzbc_cgfile_open(struct vzbc_ct *ct, const char *name)
{
	unsigned long flags;
	struct path dir;
	struct file *f;

	spin_lock_irqsave(&ct->lock, flags);
	dir = ct->dir;
	if (dir.dentry)
		path_get(&dir);
	spin_unlock_irqrestore(&ct->lock, flags);
	if (!dir.dentry)
		return ERR_PTR(-ENOENT);
	f = file_open_root(&dir, name, O_RDONLY, 0);
	path_put(&dir);
	return f;
}

/*
 * All of f from its start into buf, NUL-terminated (what does not fit is
 * left out): 0 or the error of the last read. A seq_file read from offset
 * 0 shows the file afresh. The files read here are cgroup files that show
 * as one seq_file record: a read that returns less than it asked for has
 * reached the end.
 */
static int vzbc_read_whole(struct file *f, char *buf, size_t size)
{
	ssize_t n = 0, len = 0, ask;
	loff_t pos = 0;

	while (len < size - 1) {
		ask = size - 1 - len;
		n = kernel_read(f, buf + len, ask, &pos);
		if (n <= 0)
			break;
		len += n;
		if (n < ask)
			break;
	}
	buf[len] = '\0';
	return n < 0 ? n : 0;
}

/*
 * ct's kept file i, opened if it is not (ENOENT once it is unregistered),
 * under the files' lock.
 */
static int vzbc_cgfile_get(struct vzbc_ct *ct, unsigned int i)
{
	struct vzbc_cgfiles *files = &ct->files;
	struct file *f;

	lockdep_assert_held(&files->lock);
	if (files->f[i])
		return 0;
	f = vzbc_cgfile_open(ct, vzbc_cgfile_names[i]);
	if (IS_ERR(f))
		return PTR_ERR(f);
	files->f[i] = f;
	return 0;
}

/* Read ct's kept file i into buf, as vzbc_mem_read(): closed if that fails. */
static int vzbc_cgfile_read(struct vzbc_ct *ct, unsigned int i, char *buf, size_t size)
{
	struct vzbc_cgfiles *files = &ct->files;
	int ret;

	ret = vzbc_cgfile_get(ct, i);
	if (ret)
		return ret;
	ret = vzbc_read_whole(files->f[i], buf, size);
	if (ret) {
		fput(files->f[i]);
		files->f[i] = NULL;
	}
	return ret;
}

/*
 * Read the container's kept cgroup file i into buf, NUL-terminated (what
 * does not fit is left out). Sleeps. ENOENT: no such file, or the
 * container is no longer registered. The file stays open for the next
 * read (one reader at a time: a read of it is whole), unless reading it
 * failed (the controller disabled, say).
 */
int vzbc_mem_read(struct vzbc_ct *ct, enum vzbc_cgfile i, char *buf, size_t size)
{
	int ret;

	mutex_lock(&ct->files.lock);
	ret = vzbc_cgfile_read(ct, i, buf, size);
	mutex_unlock(&ct->files.lock);
	return ret;
}

/*
 * The keys read of a flat-keyed cgroup file ("key value" lines), sorted
 * by name, and what each of its first lines held when it was last
 * searched: a hint, checked at each parse, as the file's lines come in the
 * same order every time.
 */
#define VZBC_FLAT_LINES	64
#define VZBC_FLAT_OTHER	0xff		/* a line with a key not read */

struct vzbc_flat_keys {
	const char *const *keys;
	unsigned int n;			/* at most 32 */
	u8 line[VZBC_FLAT_LINES];	/* 0: not known; key + 1; OTHER */
	u32 found;			/* the keys the last search found */
};

static const char *const vzbc_mstat_names[VZBC_MS_NR] = {
	[VZBC_MS_ACTIVE_ANON] = "active_anon",
	[VZBC_MS_ACTIVE_FILE] = "active_file",
	[VZBC_MS_ANON] = "anon",
	[VZBC_MS_ANON_THP] = "anon_thp",
	[VZBC_MS_FILE] = "file",
	[VZBC_MS_FILE_DIRTY] = "file_dirty",
	[VZBC_MS_FILE_MAPPED] = "file_mapped",
	[VZBC_MS_FILE_THP] = "file_thp",
	[VZBC_MS_FILE_WRITEBACK] = "file_writeback",
	[VZBC_MS_INACTIVE_ANON] = "inactive_anon",
	[VZBC_MS_INACTIVE_FILE] = "inactive_file",
	[VZBC_MS_KERNEL] = "kernel",
	[VZBC_MS_KERNEL_STACK] = "kernel_stack",
	[VZBC_MS_PAGETABLES] = "pagetables",
	[VZBC_MS_PERCPU] = "percpu",
	[VZBC_MS_SEC_PAGETABLES] = "sec_pagetables",
	[VZBC_MS_SHMEM] = "shmem",
	[VZBC_MS_SHMEM_THP] = "shmem_thp",
	[VZBC_MS_SLAB_RECLAIMABLE] = "slab_reclaimable",
	[VZBC_MS_SLAB_UNRECLAIMABLE] = "slab_unreclaimable",
	[VZBC_MS_SWAPCACHED] = "swapcached",
	[VZBC_MS_UNEVICTABLE] = "unevictable",
	[VZBC_MS_VMALLOC] = "vmalloc",
	[VZBC_MS_ZSWAP] = "zswap",
	[VZBC_MS_ZSWAPPED] = "zswapped",
};
static_assert(VZBC_MS_NR <= 32);

static const char *const vzbc_cstat_names[VZBC_CS_NR] = {
	[VZBC_CS_NICE] = "nice_usec",
	[VZBC_CS_SYSTEM] = "system_usec",
	[VZBC_CS_USAGE] = "usage_usec",
	[VZBC_CS_USER] = "user_usec",
};

/* by enum vzbc_cgfile: the flat-keyed ones' keys and hints */
static struct vzbc_flat_keys vzbc_flat_files[VZBC_CGF_NR] = {
	[VZBC_CGF_MEMORY_STAT] = { .keys = vzbc_mstat_names, .n = VZBC_MS_NR },
	[VZBC_CGF_CPU_STAT] = { .keys = vzbc_cstat_names, .n = VZBC_CS_NR },
};

/* the start of the line after the one p is in, or the text's end */
static const char *vzbc_next_line(const char *p)
{
	p = strchrnul(p, '\n');
	return *p ? p + 1 : p;
}

/*
 * Into val[k], if want has k, the value at p (the line's key and the
 * blank after it passed); past the line.
 */
static const char *vzbc_flat_value(const char *p, unsigned int k, u64 *val, u32 *want)
{
	if (*want & BIT(k)) {
		*want &= ~BIT(k);
		for (val[k] = 0; isdigit(*p); p++)
			val[k] = val[k] * 10 + (*p - '0');
	}
	return vzbc_next_line(p);
}

/*
 * Which of fk's keys the key of len characters is, or -1: a bisection
 * (matching each line against every key cost more than the kernel took
 * to print the file).
 */
static int vzbc_key_find(const struct vzbc_flat_keys *fk, const char *key, size_t len)
{
	unsigned int lo = 0, hi = fk->n, mid;
	int cmp;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		cmp = strncmp(key, fk->keys[mid], len);
		if (!cmp && fk->keys[mid][len])
			cmp = -1;	/* key is a prefix of keys[mid] */
		if (!cmp)
			return mid;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Parse text with a bisection for each line's key, noting each in fk->line. */
static void vzbc_flat_learn(const char *p, struct vzbc_flat_keys *fk, u64 *val, u32 want)
{
	u32 left = want;
	const char *key;
	unsigned int i;
	int k;

	for (i = 0; left && *p; i++) {
		for (key = p; (unsigned char)*p > ' '; p++)
			;
		k = *p == ' ' ? vzbc_key_find(fk, key, p - key) : -1;
		if (i < VZBC_FLAT_LINES)
			WRITE_ONCE(fk->line[i], k < 0 ? VZBC_FLAT_OTHER : k + 1);
		p = k < 0 ? vzbc_next_line(p) : vzbc_flat_value(p + 1, k, val, &left);
	}
	WRITE_ONCE(fk->found, want & ~left);
}

/*
 * Parse text by fk->line's hints: each line whose hint is a key wanted is
 * checked to hold that key, the others are passed. False when a hint is
 * missing or wrong (the file's lines changed: memory.stat can gain or
 * lose a line at a remount of cgroup2), or a key the last search found
 * was not, and then what it parsed is to be parsed again.
 */
static bool vzbc_flat_hinted(const char *p, const struct vzbc_flat_keys *fk,
			     u64 *val, u32 want)
{
	unsigned int i, hint;
	const char *key;

	for (i = 0; want && *p; i++) {
		hint = i < VZBC_FLAT_LINES ? READ_ONCE(fk->line[i]) : 0;
		if (!hint)
			return false;
		if (hint == VZBC_FLAT_OTHER || !(want & BIT(hint - 1))) {
			p = vzbc_next_line(p);
			continue;
		}
		for (key = fk->keys[hint - 1]; *key && *key == *p; key++, p++)
			;
		if (*key || *p != ' ')
			return false;
		p = vzbc_flat_value(p + 1, hint - 1, val, &want);
	}
	return !(want & READ_ONCE(fk->found));
}

/*
 * The "key value" lines of a flat-keyed cgroup file: into val[k] the value
 * of fk->keys[k] for each k in want, up to the line of the last of them;
 * the values of keys it lacks stay. One pass over the text, a compare a
 * character, and no search for the key of a line whose hint holds.
 */
static void vzbc_flat_parse(const char *text, struct vzbc_flat_keys *fk, u64 *val, u32 want)
{
	if (!vzbc_flat_hinted(text, fk, val, want))
		vzbc_flat_learn(text, fk, val, want);
}

/* the lines a parse wants come first in the files parsed: enough of them */
#define VZBC_CGF_BUF	2048

/*
 * Parse ct's kept flat-keyed cgroup file i (vzbc_flat_parse(): val by
 * enum vzbc_mstat or vzbc_cstat), read into the kept buffer (freed with
 * the files when it is unregistered). Sleeps. 0, or the error of the read
 * (the values then stay).
 */
int vzbc_cgfile_parse(struct vzbc_ct *ct, enum vzbc_cgfile i, u64 *val, u32 want)
{
	struct vzbc_cgfiles *files = &ct->files;
	int ret = 0;

	mutex_lock(&files->lock);
	/* a file opened first: none is, and no buffer taken, once unregistered */
	ret = vzbc_cgfile_get(ct, i);
	if (!ret && !files->buf) {
		files->buf = kmalloc(VZBC_CGF_BUF, GFP_KERNEL);
		if (!files->buf)
			ret = -ENOMEM;
	}
	if (!ret)
		ret = vzbc_cgfile_read(ct, i, files->buf, VZBC_CGF_BUF);
	if (!ret)
		vzbc_flat_parse(files->buf, &vzbc_flat_files[i], val, want);
	mutex_unlock(&files->lock);
	return ret;
}

/*
 * kmemsize, dcachesize and shmpages: memory.stat's "kernel",
 * "slab_reclaimable" and "shmem" (the kernel keeps these statistics to
 * itself: the file is the way to them). Reading it costs some 50,000
 * instructions, so it is read again only when the container's memory
 * usage has moved since: all three are part of that usage, and the
 * kernel's statistics are themselves flushed lazily.
 */
static void vzbc_mem_stat(struct vzbc_ct *ct, unsigned long usage)
{
	struct vzbc_memstat *st = &ct->memstat;
	u64 bytes[VZBC_MS_NR] = { };

	if (!st->valid || st->usage != usage) {
		/* without memory for the buffer, the last figures stay */
		if (vzbc_cgfile_parse(ct, VZBC_CGF_MEMORY_STAT, bytes,
				      BIT(VZBC_MS_KERNEL) | BIT(VZBC_MS_SLAB_RECLAIMABLE) |
				      BIT(VZBC_MS_SHMEM)) == -ENOMEM)
			return;
		st->kmem = bytes[VZBC_MS_KERNEL];
		st->dcache = bytes[VZBC_MS_SLAB_RECLAIMABLE];
		st->shm = bytes[VZBC_MS_SHMEM] >> PAGE_SHIFT;
		st->usage = usage;
		st->valid = true;
	}
	vzbc_bc_sample(ct, VZBC_KMEMSIZE, st->kmem, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_DCACHESIZE, st->dcache, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_SHMPAGES, st->shm, 0, ULONG_MAX);
}

/*
 * The beancounter's sampled resources, with its sums already taken; under
 * vzbc_ct_mutex.
 */
static void vzbc_mem_sync_summed(struct vzbc_ct *ct)
{
	const struct vzbc_sums *s = &ct->sums;

	if (!ct->dir.dentry)
		return;
	vzbc_mem_stat(ct, vzbc_mem_counters(ct));
	vzbc_bc_sample(ct, VZBC_PRIVVMPAGES, s->privvm, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_VMGUARPAGES, s->privvm, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_LOCKEDPAGES, s->locked, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_NUMSIGINFO, s->siginfo, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_TCPSNDBUF, s->tcpsnd, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_TCPRCVBUF, s->tcprcv, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_OTHERSOCKBUF, s->othersnd, 0, ULONG_MAX);
	vzbc_bc_sample(ct, VZBC_DGRAMRCVBUF, s->dgramrcv, 0, ULONG_MAX);
}

/* One container's sampled resources: its sums, then the rest. */
static void vzbc_mem_sync(struct vzbc_ct *ct)
{
	if (!ct->dir.dentry)
		return;
	memset(&ct->sums, 0, sizeof(ct->sums));
	vzbc_sock_sum(ct);
	vzbc_tasks_sum(ct, &ct->sums, true);
	vzbc_mem_sync_summed(ct);
}

static void vzbc_mem_sums_clear(struct vzbc_ct *ct, void *arg)
{
	memset(&ct->sums, 0, sizeof(ct->sums));
}

static void vzbc_mem_sync_tasks(struct vzbc_ct *ct, void *arg)
{
	vzbc_tasks_sum(ct, &ct->sums, true);
	vzbc_mem_sync_summed(ct);
}

/*
 * Refresh the sampled resources of the containers the current task may
 * see, before showing them: one pass over the socket records for them all.
 */
void vzbc_mem_sync_visible(void)
{
	vzbc_ct_lock();
	vzbc_ct_for_each_visible_held(vzbc_mem_sums_clear, NULL);
	vzbc_sock_sum(vzbc_ct_self());
	vzbc_ct_for_each_visible_held(vzbc_mem_sync_tasks, NULL);
	vzbc_ct_unlock();
}

/* The same for ct alone: nothing once it is unregistered. */
void vzbc_mem_sync_one(struct vzbc_ct *ct)
{
	vzbc_ct_lock();
	vzbc_mem_sync(ct);
	vzbc_ct_unlock();
}

/* Copy container ctid's beancounter, freshly synced, to out. */
int vzbc_mem_sync_get(u32 ctid, struct vzbc_ubparm *out)
{
	struct vzbc_ct *ct;

	vzbc_ct_lock();
	ct = vzbc_ct_find_locked(ctid);
	if (ct) {
		vzbc_fault_ct_read(ct);
		vzbc_mem_sync(ct);
		vzbc_bc_export(ct, out);
	}
	vzbc_ct_unlock();
	return ct ? 0 : -ENOENT;
}

/* ------------------------------------------------------------ limits */

/* what of a resource's barrier:limit goes to a cgroup file */
enum vzbc_mem_value {
	VZBC_MF_LIMIT,
	VZBC_MF_BARRIER,
	VZBC_MF_SOFT,		/* the barrier where it is set below the limit */
};

struct vzbc_mem_file {
	unsigned int res;
	enum vzbc_mem_value value;
	const char *name;
};

/*
 * physpages' limit is the hard one (memory.max); a barrier set between 0
 * and the limit is where the kernel starts to throttle and reclaim
 * (memory.high), as OpenVZ's physpages barrier was a soft one. OpenVZ's
 * vswap configs leave it at 0, which means none here.
 */
static const struct vzbc_mem_file vzbc_mem_files[] = {
	{ VZBC_PHYSPAGES, VZBC_MF_LIMIT, "memory.max" },
	{ VZBC_PHYSPAGES, VZBC_MF_SOFT, "memory.high" },
	{ VZBC_SWAPPAGES, VZBC_MF_LIMIT, "memory.swap.max" },
	{ VZBC_OOMGUARPAGES, VZBC_MF_BARRIER, "memory.low" },
};

static u64 vzbc_mem_pages(enum vzbc_mem_value value, u64 barrier, u64 limit)
{
	switch (value) {
	case VZBC_MF_BARRIER:
		return barrier;
	case VZBC_MF_SOFT:
		return barrier && barrier < limit ? barrier : VZBC_UNLIMITED;
	default:
		return limit;
	}
}

static int vzbc_write_pages(struct vzbc_ct *ct, const char *name, u64 pages)
{
	char buf[24];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	int len;

	if (pages >= PAGE_COUNTER_MAX)
		len = scnprintf(buf, sizeof(buf), "max\n");
	else
		len = scnprintf(buf, sizeof(buf), "%llu\n", pages << PAGE_SHIFT);
	f = file_open_root(&ct->dir, name, O_WRONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f) == -ENOENT ? -EOPNOTSUPP : PTR_ERR(f);
	n = kernel_write(f, buf, len, &pos);
	fput(f);
	if (n < 0)
		return n;
	return n == len ? 0 : -EIO;
}

static int vzbc_mem_file_value(const struct vzbc_mem_file *mf,
			       const struct vzbc_limit *l, unsigned int n,
			       u64 *pages)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (l[i].resource != mf->res)
			continue;
		*pages = vzbc_mem_pages(mf->value, l[i].barrier, l[i].limit);
		return 1;
	}
	return 0;
}

/*
 * Write the cgroup files of the limits among l[0..n); on a failure, put back
 * what was written and return the error (-EOPNOTSUPP: the memory
 * controller is not enabled for the container's cgroup).
 */
static int vzbc_mem_apply(struct vzbc_ct *ct, const struct vzbc_limit *l,
			  unsigned int n)
{
	struct vzbc_res old;
	unsigned int i;
	u64 pages;
	int ret;

	if (!ct->dir.dentry)
		return -ENOENT;
	for (i = 0; i < ARRAY_SIZE(vzbc_mem_files); i++) {
		if (!vzbc_mem_file_value(&vzbc_mem_files[i], l, n, &pages))
			continue;
		ret = vzbc_write_pages(ct, vzbc_mem_files[i].name, pages);
		if (ret)
			goto err_write;
	}
	return 0;

err_write:
	while (i--) {
		if (!vzbc_mem_file_value(&vzbc_mem_files[i], l, n, &pages))
			continue;
		vzbc_bc_read(ct, vzbc_mem_files[i].res, &old);
		vzbc_write_pages(ct, vzbc_mem_files[i].name,
				 vzbc_mem_pages(vzbc_mem_files[i].value, old.barrier,
						old.limit));
	}
	return ret;
}

/*
 * Set n validated limits of container ctid at once: the cgroup files of the
 * memory-backed ones first (undone if one fails), then the beancounter.
 */
int vzbc_mem_set_limits(u32 ctid, const struct vzbc_limit *l, unsigned int n)
{
	struct vzbc_ct *ct;
	int ret = -ENOENT;

	vzbc_ct_lock();
	ct = vzbc_ct_find_locked(ctid);
	if (ct) {
		ret = vzbc_mem_apply(ct, l, n);
		if (!ret)
			vzbc_bc_set_limits(ct, l, n);
	}
	vzbc_ct_unlock();
	return ret;
}
