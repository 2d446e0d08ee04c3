// SPDX-License-Identifier: GPL-2.0
/*
 * The networking files under /proc/vz:
 *
 *   veinfo   (proc.c) gets each container's addresses appended, as OpenVZ's
 *            venet did: " %15s" for IPv4, " %39s" for IPv6.
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

/* Called by proc.c for each line of /proc/vz/veinfo, under RCU. */
void vzbc_net_show_veinfo(struct seq_file *m, struct vzbc_ct *ct)
{
	struct vzbc_net *n = vzbc_net_of_rcu(ct);
	struct vzbc_net_addr_ent *e;

	if (n)
		list_for_each_entry_rcu(e, &n->addrs, node)
			seq_printf(m, e->family == AF_INET ? " %15pI4" : " %39pI6c", &e->addr);
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

static int vzbc_net_veip_open(struct inode *inode, struct file *file)
{
	return vzbc_single_open(file, vzbc_net_veip_show, NULL);
}

static int vzbc_net_netstat_open(struct inode *inode, struct file *file)
{
	return vzbc_single_open(file, vzbc_net_netstat_show, NULL);
}

static const struct proc_ops vzbc_net_veip_ops = {
	.proc_open	= vzbc_net_veip_open,
	.proc_read_iter	= seq_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static const struct proc_ops vzbc_net_netstat_ops = {
	.proc_open	= vzbc_net_netstat_open,
	.proc_read_iter	= seq_read_iter,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

/* /proc/vz exists already: proc.c made it */
int vzbc_net_proc_init(void)
{
	if (!proc_create("vz/veip", 0444, NULL, &vzbc_net_veip_ops))
		return -ENOMEM;
	if (!proc_create("vz/netstat", 0444, NULL, &vzbc_net_netstat_ops)) {
		remove_proc_entry("vz/veip", NULL);
		return -ENOMEM;
	}
	return 0;
}

void vzbc_net_proc_uninit(void)
{
	remove_proc_entry("vz/netstat", NULL);
	remove_proc_entry("vz/veip", NULL);
}
