// SPDX-License-Identifier: GPL-2.0
/*
 * The /proc files OpenVZ tools and monitoring read, in OpenVZ's formats:
 *
 *   /proc/user_beancounters   "Version: 2.5", resources 0..23 per container
 *   /proc/bc/resources        every container, no dummies, with swappages
 *   /proc/bc/<ctid>/resources one container, same rows, no CTID column
 *   /proc/vz/vestat           CPU time per container (vestat.c)
 *   /proc/vz/veinfo           containers and their addresses (net_proc.c)
 *   /proc/vz/version          the module's release
 *
 * From the host every container is listed; a reader inside a container
 * sees only its own. The host itself is not accounted, so it has no block.
 */
#include <linux/cred.h>
#include <linux/proc_fs.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include <linux/seq_file.h>

#include "vzbc.h"

#define VZBC_HEAD_FMT	"%10s  %-12s %20s %20s %20s %20s %20s\n"

static struct proc_dir_entry *vzbc_proc_vz;
static struct proc_dir_entry *vzbc_proc_bc;

/*
 * A row as "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n" prints it, built
 * straight into the seq_file's buffer: with a thousand containers the
 * files are 24,000 rows, which vsnprintf() would make most of the cost of
 * a read. The uid is at most 11 characters, a name at most 12.
 */
#define VZBC_ROW_MAX	(11 + 2 + 12 + 5 * 21 + 1)

/*
 * The buffer of the files listing every container: dozens of them per
 * read() (a container's 24 rows are about 3 KiB; in seq_file's first page
 * only one would fit, and a read() would return each alone).
 */
#define VZBC_CTS_BUF	(128 * 1024)

/* "00" to "99": a row's numbers are written two digits per division */
static const char vzbc_digit_pairs[200] =
	"00010203040506070809" "10111213141516171819" "20212223242526272829"
	"30313233343536373839" "40414243444546474849" "50515253545556575859"
	"60616263646566676869" "70717273747576777879" "80818283848586878889"
	"90919293949596979899";

/*
 * v in decimal, right-aligned in the columns just before end: where it
 * starts (also the view's, view-proc.c)
 */
char *vzbc_put_decimal(char *end, unsigned long v)
{
	while (v >= 100) {
		end -= 2;
		memcpy(end, &vzbc_digit_pairs[2 * (v % 100)], 2);
		v /= 100;
	}
	if (v >= 10) {
		end -= 2;
		memcpy(end, &vzbc_digit_pairs[2 * v], 2);
	} else {
		*--end = '0' + v;
	}
	return end;
}

/* v, right-aligned, in the columns just before end */
static void vzbc_put_ulong(char *end, unsigned long v)
{
	if (v == VZBC_UNLIMITED) {
		memcpy(end - 19, "9223372036854775807", 19);
		return;
	}
	vzbc_put_decimal(end, v);
}

/* the resource column: each name left-aligned in 12, filled at init */
static char vzbc_name_cols[VZBC_RESOURCES][12];

static void vzbc_name_cols_init(void)
{
	unsigned int i;

	for (i = 0; i < VZBC_RESOURCES; i++) {
		memset(vzbc_name_cols[i], ' ', sizeof(vzbc_name_cols[i]));
		memcpy(vzbc_name_cols[i], vzbc_res_names[i],
		       min(strlen(vzbc_res_names[i]), sizeof(vzbc_name_cols[i])));
	}
}

/*
 * Whether n more rows fit in the buffer. A container's rows go in whole or
 * not at all: when they do not fit, nothing is built, and seq_file shows
 * the container again at the next read (or in a bigger buffer, when it was
 * alone).
 */
static bool vzbc_rows_fit(struct seq_file *m, unsigned int n)
{
	char *buf;

	if (seq_get_buf(m, &buf) >= n * VZBC_ROW_MAX)
		return true;
	seq_commit(m, -1);
	return false;
}

/*
 * Resource i's row of ct; the first of a container's rows has its "CTID:"
 * in the uid column.
 */
static void vzbc_show_row(struct seq_file *m, struct vzbc_ct *ct,
			  unsigned int i, bool first)
{
	size_t w = first && ct->ctid >= 1000000000 ? 11 : 10;
	bool dummy = vzbc_res_is_dummy(i);
	struct vzbc_res r;
	char *buf, *col;

	if (seq_get_buf(m, &buf) < VZBC_ROW_MAX) {
		seq_commit(m, -1);	/* seq_file retries with more room */
		return;
	}
	vzbc_bc_read(ct, i, &r);
	memset(buf, ' ', VZBC_ROW_MAX);
	if (first) {
		buf[w - 1] = ':';
		vzbc_put_ulong(buf + w - 1, ct->ctid);
	}
	memcpy(buf + w + 2, vzbc_name_cols[i], sizeof(vzbc_name_cols[i]));
	/* each number's column ends 21 further; OpenVZ prints dummies with
	 * held and maxheld zero */
	col = buf + w + 14 + 21;
	vzbc_put_ulong(col, dummy ? 0 : r.held);
	vzbc_put_ulong(col + 21, dummy ? 0 : r.maxheld);
	vzbc_put_ulong(col + 42, r.barrier);
	vzbc_put_ulong(col + 63, r.limit);
	vzbc_put_ulong(col + 84, r.failcnt);
	buf[w + 119] = '\n';
	seq_commit(m, w + 120);
}

/*
 * The files listing every container the reader may see go through them
 * one container at a time (a seq_file iterator), so the read of a long
 * file is built once, in pieces, not over again in ever bigger buffers.
 * A container's position is its CTID + 1 (0 is the header): the next
 * read() starts where the last stopped with a lookup, not a walk of the
 * list, and a container registered or unregistered between two reads
 * moves no other.
 */
static void *vzbc_cts_start(struct seq_file *m, loff_t *pos)
	__acquires(RCU)
{
	rcu_read_lock();
	return *pos ? vzbc_ct_visible_from(*pos - 1) : SEQ_START_TOKEN;
}

static void *vzbc_cts_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct vzbc_ct *ct;

	if (v == SEQ_START_TOKEN) {
		ct = vzbc_ct_visible_from(0);
		*pos = ct ? (loff_t)ct->ctid + 1 : 1;
	} else {
		ct = vzbc_ct_visible_next(v);
		/* past the last: just after its position */
		*pos = ct ? (loff_t)ct->ctid + 1 :
			    (loff_t)((struct vzbc_ct *)v)->ctid + 2;
	}
	return ct;
}

static void vzbc_cts_stop(struct seq_file *m, void *v)
	__releases(RCU)
{
	rcu_read_unlock();
}

/* rows 0..23: /proc/user_beancounters */
static int vzbc_ub_show(struct seq_file *m, void *v)
{
	struct vzbc_ct *ct = v;
	unsigned int i;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, "Version: 2.5\n");
		seq_printf(m, VZBC_HEAD_FMT, "uid", "resource", "held", "maxheld",
			   "barrier", "limit", "failcnt");
		return 0;
	}
	if (!vzbc_rows_fit(m, VZBC_SWAPPAGES))
		return 0;
	for (i = 0; i < VZBC_SWAPPAGES; i++)
		vzbc_show_row(m, ct, i, i == 0);
	return 0;
}

static const struct seq_operations vzbc_ub_seq_ops = {
	.start	= vzbc_cts_start,
	.next	= vzbc_cts_next,
	.stop	= vzbc_cts_stop,
	.show	= vzbc_ub_show,
};

/* rows without dummies, swappages last: /proc/bc/ files */
static void vzbc_show_resources(struct seq_file *m, struct vzbc_ct *ct,
				bool with_uid)
{
	bool first = with_uid;
	unsigned int i;

	if (!vzbc_rows_fit(m, VZBC_RESOURCES))
		return;
	for (i = 0; i < VZBC_RESOURCES; i++) {
		if (vzbc_res_is_dummy(i))
			continue;
		vzbc_show_row(m, ct, i, first);
		first = false;
	}
}

static int vzbc_bc_resources_show(struct seq_file *m, void *v)
{
	if (v != SEQ_START_TOKEN)
		vzbc_show_resources(m, v, true);
	return 0;
}

static const struct seq_operations vzbc_bc_resources_seq_ops = {
	.start	= vzbc_cts_start,
	.next	= vzbc_cts_next,
	.stop	= vzbc_cts_stop,
	.show	= vzbc_bc_resources_show,
};

static int vzbc_bc_ct_resources_show(struct seq_file *m, void *v)
{
	struct vzbc_ct *ct = m->private;
	struct vzbc_ct *self;

	rcu_read_lock();
	self = vzbc_ct_of_task_rcu(current);
	rcu_read_unlock();
	if (self && self != ct)
		return -ENOENT;
	vzbc_show_resources(m, ct, false);
	return 0;
}

/*
 * The beancounter files sync the memory cgroups' counters into the
 * beancounters when read from the start, before seq_read_iter() takes the
 * seq_file's lock: the sync reads memory.stat, itself a seq_file, whose
 * lock would otherwise nest inside ours (lockdep reports it as recursive
 * locking). A reader that seeks back to 0 and reads again gets fresh
 * figures, as with OpenVZ.
 */
static ssize_t vzbc_read_iter_all(struct kiocb *iocb, struct iov_iter *to)
{
	if (iocb->ki_pos == 0)
		vzbc_mem_sync_visible();
	return seq_read_iter(iocb, to);
}

static ssize_t vzbc_read_iter_one(struct kiocb *iocb, struct iov_iter *to)
{
	struct seq_file *m = iocb->ki_filp->private_data;

	if (iocb->ki_pos == 0)
		vzbc_mem_sync_one(m->private);
	return seq_read_iter(iocb, to);
}

/*
 * Who may open these files: root, as with OpenVZ's mode 0400 files. On the
 * host that is the host's root; inside a container also root of the
 * container's own user namespace (LOCAL_UID), whose uid is not the host's
 * 0, and only for what it may see. The files are 0444 and the directories
 * 0511 (no listing), so this check is what decides.
 */
int vzbc_proc_may_open(struct vzbc_ct *only)
{
	struct vzbc_ct *self;
	int ret = 0;

	if (!uid_eq(current_euid(), GLOBAL_ROOT_UID) &&
	    (!vzbc_current_in_ct() ||
	     !uid_eq(current_euid(), make_kuid(current_user_ns(), 0))))
		return -EACCES;
	if (only) {
		rcu_read_lock();
		self = vzbc_ct_of_task_rcu(current);
		if (self && self != only)
			ret = -EACCES;
		rcu_read_unlock();
	}
	return ret;
}

int vzbc_single_open(struct file *file, int (*show)(struct seq_file *, void *),
		     struct vzbc_ct *only)
{
	int ret = vzbc_proc_may_open(only);

	return ret ? ret : single_open(file, show, only);
}

/* ops over every container, with a buffer for many (seq_release frees it) */
static int vzbc_cts_open(struct file *file, const struct seq_operations *ops)
{
	struct seq_file *m;
	int ret;

	ret = vzbc_proc_may_open(NULL);
	if (!ret)
		ret = seq_open(file, ops);
	if (ret)
		return ret;
	m = file->private_data;
	m->buf = kvmalloc(VZBC_CTS_BUF, GFP_KERNEL_ACCOUNT);
	if (m->buf)		/* else seq_file takes its page at the first read */
		m->size = VZBC_CTS_BUF;
	return 0;
}

static int vzbc_ub_open(struct inode *inode, struct file *file)
{
	return vzbc_cts_open(file, &vzbc_ub_seq_ops);
}

static int vzbc_bc_resources_open(struct inode *inode, struct file *file)
{
	return vzbc_cts_open(file, &vzbc_bc_resources_seq_ops);
}

static int vzbc_bc_ct_resources_open(struct inode *inode, struct file *file)
{
	return vzbc_single_open(file, vzbc_bc_ct_resources_show, pde_data(inode));
}

#define VZBC_BC_PROC_OPS(_name, _open, _read, _release)	\
static const struct proc_ops _name = {			\
	.proc_open	= _open,			\
	.proc_read_iter	= _read,			\
	.proc_lseek	= seq_lseek,			\
	.proc_release	= _release,			\
}

VZBC_BC_PROC_OPS(vzbc_ub_ops, vzbc_ub_open, vzbc_read_iter_all, seq_release);
VZBC_BC_PROC_OPS(vzbc_bc_resources_ops, vzbc_bc_resources_open, vzbc_read_iter_all,
		 seq_release);
VZBC_BC_PROC_OPS(vzbc_bc_ct_resources_ops, vzbc_bc_ct_resources_open, vzbc_read_iter_one,
		 single_release);

static int vzbc_version_show(struct seq_file *m, void *v)
{
	seq_puts(m, "vzbc-" VZBC_VERSION "\n");
	return 0;
}

/* its /proc/bc/<ctid>/ (cgroup_fd: unused, the row's signature) */
int vzbc_proc_ct_add(struct vzbc_ct *ct, int cgroup_fd)
{
	char name[16];

	snprintf(name, sizeof(name), "%u", ct->ctid);
	ct->proc_dir = proc_mkdir_data(name, 0511, vzbc_proc_bc, ct);
	if (!ct->proc_dir)
		return -ENOMEM;
	if (!proc_create_data("resources", 0444, ct->proc_dir,
			      &vzbc_bc_ct_resources_ops, ct)) {
		proc_remove(ct->proc_dir);
		return -ENOMEM;
	}
	return 0;
}

void vzbc_proc_ct_remove(struct vzbc_ct *ct)
{
	proc_remove(ct->proc_dir);
}

int vzbc_proc_init(void)
{
	vzbc_name_cols_init();
	vzbc_proc_vz = proc_mkdir("vz", NULL);
	if (!vzbc_proc_vz)
		goto err_vz;
	if (!proc_create_single("version", 0444, vzbc_proc_vz, vzbc_version_show) ||
	    !proc_create("vestat", 0444, vzbc_proc_vz, &vzbc_vestat_ops))
		goto err_vz_files;

	vzbc_proc_bc = proc_mkdir_mode("bc", 0511, NULL);
	if (!vzbc_proc_bc)
		goto err_vz_files;
	if (!proc_create("resources", 0444, vzbc_proc_bc, &vzbc_bc_resources_ops))
		goto err_bc_files;

	if (!proc_create("user_beancounters", 0444, NULL, &vzbc_ub_ops))
		goto err_bc_files;
	return 0;

err_bc_files:
	proc_remove(vzbc_proc_bc);
err_vz_files:
	proc_remove(vzbc_proc_vz);
err_vz:
	return -ENOMEM;
}

void vzbc_proc_uninit(void)
{
	remove_proc_entry("user_beancounters", NULL);
	proc_remove(vzbc_proc_bc);
	proc_remove(vzbc_proc_vz);
}
