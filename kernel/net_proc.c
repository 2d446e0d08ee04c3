// SPDX-License-Identifier: GPL-2.0
/*
 * The networking files under /proc/vz:
 *
 *   veinfo   OpenVZ's list of containers, one line each (the host's first,
 *            for a reader on the host):
 *                <CTID in 10> <class in 5: 0> <processes in 5> <addresses>
 *            the addresses as OpenVZ's venet appended them: " %15s" for
 *            IPv4, " %39s" for IPv6.
 *
 *   veip     OpenVZ's list of the addresses containers own:
 *                Version: 2.5
 *                <address, right-aligned in 39 columns> <CTID in 10>
 *            (OpenVZ printed 0 for the CTID; vzbc prints the owner.)
 *
 *   netstat  vzbc's traffic counters, one line per container:
 *                Version: 1.0
 *                      CTID   in_bytes in_packets out_bytes out_packets
 *                           drop_bytes drop_packets
 *            (one header line and one line per container, the CTID in 10
 *            columns and each counter in 20, separated by spaces). "in"
 *            is what reached the container through its venet pair, "out"
 *            what it sent and the anti-spoofing check let through, "drop"
 *            what the check refused (a source it does not own, ARP, other
 *            protocols). Bytes of the IP packets, link-layer headers not
 *            counted. The counters start at zero when the container is
 *            registered (at each start) and keep counting across its
 *            addresses and devices until it is unregistered.
 *
 * Readers follow the other /proc files: root only; the host sees every
 * container, a container only itself.
 */
#include <linux/in.h>
#include <linux/proc_fs.h>
#include <linux/rculist.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/socket.h>

#include "net.h"

#define VZBC_NETSTAT_HEAD	"%10s %20s %20s %20s %20s %20s %20s\n"
#define VZBC_NETSTAT_ROW	"%10u %20llu %20llu %20llu %20llu %20llu %20llu\n"

/* the container's state under rcu_read_lock(), or NULL */
static struct vzbc_net *vzbc_net_of_rcu(struct vzbc_ct *ct)
{
	return rcu_dereference(ct->net);
}

/* a container's line of /proc/vz/veinfo, under RCU */
static void vzbc_net_show_veinfo(struct vzbc_ct *ct, void *arg)
{
	struct vzbc_net *n = vzbc_net_of_rcu(ct);
	struct vzbc_net_addr_ent *e;

	seq_printf(arg, "%10u %5u %5lu", ct->ctid, 0, vzbc_bc_held(ct, VZBC_NUMPROC));
	if (n)
		list_for_each_entry_rcu(e, &n->addrs, node)
			seq_printf(arg, e->family == AF_INET ? " %15pI4" : " %39pI6c", &e->addr);
	seq_putc(arg, '\n');
}

static int vzbc_net_veinfo_show(struct seq_file *m, void *v)
{
	struct task_struct *g, *t;
	unsigned long n = 0;

	if (!vzbc_current_in_ct()) {
		rcu_read_lock();
		for_each_process_thread(g, t)
			n++;
		rcu_read_unlock();
		seq_printf(m, "%10u %5u %5lu\n", 0, 0, n);
	}
	vzbc_ct_for_each_visible(vzbc_net_show_veinfo, m);
	return 0;
}

static void vzbc_net_show_veip(struct vzbc_ct *ct, void *arg)
{
	struct vzbc_net *n = vzbc_net_of_rcu(ct);
	struct vzbc_net_addr_ent *e;

	if (n)
		list_for_each_entry_rcu(e, &n->addrs, node)
			seq_printf(arg, e->family == AF_INET ? "%39pI4 %10u\n" : "%39pI6c %10u\n",
				   &e->addr, ct->ctid);
}

static int vzbc_net_veip_show(struct seq_file *m, void *v)
{
	seq_puts(m, "Version: 2.5\n");
	vzbc_ct_for_each_visible(vzbc_net_show_veip, m);
	return 0;
}

static void vzbc_net_show_netstat(struct vzbc_ct *ct, void *arg)
{
	struct vzbc_net *n = vzbc_net_of_rcu(ct);
	struct vzbc_net_stats s = { 0 };

	if (n)
		vzbc_net_read_stats(n, &s);
	seq_printf(arg, VZBC_NETSTAT_ROW, ct->ctid,
		   s.in_bytes, s.in_packets, s.out_bytes, s.out_packets,
		   s.drop_bytes, s.drop_packets);
}

static int vzbc_net_netstat_show(struct seq_file *m, void *v)
{
	seq_puts(m, "Version: 1.0\n");
	seq_printf(m, VZBC_NETSTAT_HEAD, "CTID", "in_bytes", "in_packets",
		   "out_bytes", "out_packets", "drop_bytes", "drop_packets");
	vzbc_ct_for_each_visible(vzbc_net_show_netstat, m);
	return 0;
}

#define VZBC_NET_PROC_OPS(_name, _show)					\
static int _name##_open(struct inode *inode, struct file *file)		\
{									\
	return vzbc_single_open(file, _show, NULL);			\
}									\
static const struct proc_ops _name = {					\
	.proc_open	= _name##_open,					\
	.proc_read_iter	= seq_read_iter,				\
	.proc_lseek	= seq_lseek,					\
	.proc_release	= single_release,				\
}

VZBC_NET_PROC_OPS(vzbc_net_veinfo_ops, vzbc_net_veinfo_show);
VZBC_NET_PROC_OPS(vzbc_net_veip_ops, vzbc_net_veip_show);
VZBC_NET_PROC_OPS(vzbc_net_netstat_ops, vzbc_net_netstat_show);

static const struct {
	const char *name;
	const struct proc_ops *ops;
} vzbc_net_files[] = {
	{ "vz/veinfo", &vzbc_net_veinfo_ops },
	{ "vz/veip", &vzbc_net_veip_ops },
	{ "vz/netstat", &vzbc_net_netstat_ops },
};

/* the first n files of the table */
static void vzbc_net_proc_remove(unsigned int n)
{
	while (n--)
		remove_proc_entry(vzbc_net_files[n].name, NULL);
}

/* /proc/vz exists already: proc.c made it */
int vzbc_net_proc_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vzbc_net_files); i++)
		if (!proc_create(vzbc_net_files[i].name, 0444, NULL, vzbc_net_files[i].ops))
			goto err_create;
	return 0;

err_create:
	vzbc_net_proc_remove(i);
	return -ENOMEM;
}

void vzbc_net_proc_uninit(void)
{
	vzbc_net_proc_remove(ARRAY_SIZE(vzbc_net_files));
}
