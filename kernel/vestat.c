// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/vz/vestat: the CPU time of each running container in OpenVZ's
 * "Version: 2.2" layout, read by libvirt's OpenVZ driver (virsh dominfo)
 * and by monitoring plugins.
 *
 * One row per registered container, none for the host; a reader inside a
 * container sees only its own row. user, nice and system come from the
 * container's cgroup cpu.stat and are in USER_HZ ticks, as in /proc/stat;
 * cpu.stat's user_usec includes nice time, which it reports apart as
 * nice_usec from Linux 6.6 on (on 6.1 nice is 0 and that time is in user).
 * uptime is in the same ticks since the container was registered, so that
 * uptime - user - nice - system is its idle time, as plugins compute it.
 * The columns OpenVZ 6 counted in CPU cycles are nanoseconds, as OpenVZ 7
 * prints them: uptime, used (cpu.stat usage_usec) and idle (uptime on every
 * online CPU, less used). strv, maxlat, totlat and numsched have no source
 * on a stock kernel and are 0.
 */
#include <linux/cpumask.h>
#include <linux/overflow.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>

#include "vzbc.h"

/* 64-bit OpenVZ: twelve columns of 20 characters and a separator each */
#define VZBC_VESTAT_WIDTH	(12 * 21)
#define VZBC_VESTAT_HEAD_FMT	"%20s %20s %20s %20s %20s %20s %20s %20s %20s %20s %20s %20s\n"
#define VZBC_VESTAT_ROW_FMT	"%20u %20llu %20llu %20llu %20llu %20llu %20llu %20llu %20llu %20llu %20llu %20llu\n"

static u64 vzbc_usec_to_ticks(u64 usec)
{
	return div_u64(usec, USEC_PER_SEC / USER_HZ);
}

static void vzbc_vestat_sync_ct(struct vzbc_ct *ct, void *arg)
{
	u64 usec[VZBC_CS_NR] = { };
	struct vzbc_cpu_usage u;
	unsigned long flags;

	if (vzbc_cgfile_parse(ct, VZBC_CGF_CPU_STAT, usec, GENMASK(VZBC_CS_NR - 1, 0)))
		return;		/* the last figures stay */
	u.usage = usec[VZBC_CS_USAGE];
	u.nice = min(usec[VZBC_CS_NICE], usec[VZBC_CS_USER]);
	u.user = usec[VZBC_CS_USER] - u.nice;
	u.system = usec[VZBC_CS_SYSTEM];

	spin_lock_irqsave(&ct->lock, flags);
	ct->cpu = u;
	spin_unlock_irqrestore(&ct->lock, flags);
}

static void vzbc_vestat_show_ct(struct vzbc_ct *ct, void *arg)
{
	struct seq_file *m = arg;
	struct vzbc_cpu_usage u;
	unsigned long flags;
	u64 uptime, used, idle;

	spin_lock_irqsave(&ct->lock, flags);
	u = ct->cpu;
	spin_unlock_irqrestore(&ct->lock, flags);

	uptime = ktime_get_boottime_ns() - ct->started;
	used = u.usage * NSEC_PER_USEC;
	if (check_mul_overflow(uptime, (u64)num_online_cpus(), &idle))
		idle = U64_MAX;
	idle = idle > used ? idle - used : 0;

	seq_printf(m, VZBC_VESTAT_ROW_FMT, ct->ctid,
		   vzbc_usec_to_ticks(u.user), vzbc_usec_to_ticks(u.nice),
		   vzbc_usec_to_ticks(u.system),
		   div_u64(uptime, NSEC_PER_SEC / USER_HZ),
		   idle, 0ULL, uptime, used, 0ULL, 0ULL, 0ULL);
}

static int vzbc_vestat_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%-*s\n", VZBC_VESTAT_WIDTH - 1, "Version: 2.2");
	seq_printf(m, VZBC_VESTAT_HEAD_FMT, "VEID", "user", "nice", "system",
		   "uptime", "idle", "strv", "uptime", "used", "maxlat",
		   "totlat", "numsched");
	vzbc_ct_for_each_visible(vzbc_vestat_show_ct, m);
	return 0;
}

/*
 * As with the beancounter files, a read from the start first takes fresh
 * figures from cpu.stat, before seq_read_iter() holds the seq_file's lock
 * (cpu.stat is a seq_file too).
 */
static ssize_t vzbc_vestat_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	if (iocb->ki_pos == 0)
		vzbc_ct_for_each_visible_locked(vzbc_vestat_sync_ct, NULL);
	return seq_read_iter(iocb, to);
}

static int vzbc_vestat_open(struct inode *inode, struct file *file)
{
	return vzbc_single_open(file, vzbc_vestat_show, NULL);
}

const struct proc_ops vzbc_vestat_ops = {
	.proc_open	= vzbc_vestat_open,
	.proc_read_iter	= vzbc_vestat_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};
