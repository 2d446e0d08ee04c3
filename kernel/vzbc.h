/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzbc internal interfaces, shared by the files of vzbc.ko.
 */
#ifndef VZBC_H
#define VZBC_H

#include <linux/jump_label.h>
#include <linux/list.h>
#include <linux/path.h>
#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <uapi/linux/vzbc.h>

struct cgroup;
struct file;
struct proc_dir_entry;
struct proc_ops;
struct seq_file;
struct task_struct;

/* One resource of one beancounter (see bc.c for the semantics). */
struct vzbc_res {
	unsigned long held;
	unsigned long maxheld;
	unsigned long minheld;
	unsigned long barrier;
	unsigned long limit;
	unsigned long failcnt;
};

/* How a charge is checked: against the barrier, the limit, or never. */
enum vzbc_strict {
	VZBC_HARD,
	VZBC_SOFT,
	VZBC_FORCE,
};

/* What a walk of the host's tasks sums for a container (mem.c). */
struct vzbc_task_sums {
	unsigned long privvm;		/* data_vm + stack_vm of its processes */
	unsigned long locked;		/* locked_vm */
	unsigned long siginfo;		/* signals queued on its tasks */
};

/* The last refused request for address space (hooks.c), under ct->lock. */
struct vzbc_vm_refusal {
	const void *task;		/* compared, never followed */
	const void *mm;
	unsigned long flags;
	unsigned long pages;
	unsigned long pip;
};

/* A container's CPU time from its cgroup's cpu.stat, in microseconds. */
struct vzbc_cpu_usage {
	u64 user;			/* without nice time */
	u64 nice;
	u64 system;
	u64 usage;
};

struct vzbc_ct {
	u32 ctid;
	struct cgroup *cgrp;		/* its cgroup v2 directory (a reference) */
	refcount_t ref;
	spinlock_t lock;		/* protects res[] */
	struct vzbc_res res[VZBC_RESOURCES];
	struct hlist_node by_id;
	struct hlist_node by_cgrp;
	struct list_head list;
	struct proc_dir_entry *proc_dir; /* /proc/bc/<ctid> */
	struct path dir;		/* the cgroup directory, while registered */
	struct list_head socks;		/* its charged sockets (under lock) */
	struct vzbc_task_sums sums;	/* under vzbc_ct_mutex, for a sync */
	struct vzbc_vm_refusal vm_refused;
	u64 started;			/* boot-time ns at registration */
	struct vzbc_cpu_usage cpu;	/* under lock, for /proc/vz/vestat */
	struct rcu_head rcu;
};

/* bc.c */
extern const char *const vzbc_res_names[VZBC_RESOURCES];
bool vzbc_res_is_dummy(unsigned int res);
void vzbc_bc_init(struct vzbc_ct *ct);
int vzbc_charge(struct vzbc_ct *ct, unsigned int res, unsigned long val,
		enum vzbc_strict strict);
void vzbc_uncharge(struct vzbc_ct *ct, unsigned int res, unsigned long val);
void vzbc_bc_set_limits(struct vzbc_ct *ct, const struct vzbc_limit *l,
			unsigned int n);
void vzbc_bc_sample(struct vzbc_ct *ct, unsigned int res, unsigned long held,
		    unsigned long maxheld, unsigned long failcnt);
void vzbc_bc_refused(struct vzbc_ct *ct, unsigned int res);
unsigned long vzbc_bc_barrier(struct vzbc_ct *ct, unsigned int res);
void vzbc_bc_read(struct vzbc_ct *ct, unsigned int res, struct vzbc_res *out);
void vzbc_bc_export(struct vzbc_ct *ct, struct vzbc_ubparm *out);

/* ct.c */
DECLARE_STATIC_KEY_FALSE(vzbc_have_cts);
int vzbc_ct_register(u32 ctid, int cgroup_fd);
int vzbc_ct_unregister(u32 ctid);
struct vzbc_ct *vzbc_ct_get(u32 ctid);
struct vzbc_ct *vzbc_ct_get_current(void);
struct vzbc_ct *vzbc_ct_get_cgroup(struct cgroup *cgrp);
void vzbc_ct_put(struct vzbc_ct *ct);
struct vzbc_ct *vzbc_ct_of_task_rcu(struct task_struct *task);
bool vzbc_current_in_ct(void);
void vzbc_ct_sync_visible(void);
void vzbc_ct_sync_one(struct vzbc_ct *ct);
int vzbc_ct_sync_get(u32 ctid, struct vzbc_ubparm *out);
int vzbc_ct_set_limits(u32 ctid, const struct vzbc_limit *l, unsigned int n);
void vzbc_ct_disarm_soon(void);
void vzbc_ct_uninit(void);
unsigned int vzbc_ct_list_ids(u32 *ids, unsigned int capacity);
void vzbc_ct_for_each_visible(void (*fn)(struct vzbc_ct *ct, void *arg),
			      void *arg);
void vzbc_ct_for_each_visible_locked(void (*fn)(struct vzbc_ct *ct, void *arg),
				     void *arg);

/* proc.c: /proc/vz/, /proc/bc/, /proc/user_beancounters */
int vzbc_single_open(struct file *file,
		     int (*show)(struct seq_file *m, void *v),
		     struct vzbc_ct *only);
int vzbc_proc_init(void);
void vzbc_proc_uninit(void);
int vzbc_proc_ct_add(struct vzbc_ct *ct);
void vzbc_proc_ct_remove(struct vzbc_ct *ct);

/* hooks.c: charge points */
int vzbc_hooks_init(void);
void vzbc_hooks_uninit(void);
int vzbc_hooks_arm(void);
void vzbc_hooks_disarm(void);
bool vzbc_hooks_busy(void);
void vzbc_hooks_sock_usage(struct vzbc_ct *ct, unsigned long *tcpsnd,
			   unsigned long *tcprcv, unsigned long *othersnd,
			   unsigned long *dgramrcv);

/* vestat.c: /proc/vz/vestat */
extern const struct proc_ops vzbc_vestat_ops;

/* mem.c: resources read from memory cgroup, address space and socket counters */
int vzbc_mem_attach(struct vzbc_ct *ct, int cgroup_fd);
void vzbc_mem_detach(struct vzbc_ct *ct);
void vzbc_mem_sync(struct vzbc_ct *ct);
void vzbc_mem_sum_tasks(struct vzbc_ct *only);
void vzbc_mem_sync_summed(struct vzbc_ct *ct);
void vzbc_mem_vm_usage(struct vzbc_ct *ct, unsigned long *privvm,
		       unsigned long *locked);
int vzbc_mem_apply(struct vzbc_ct *ct, const struct vzbc_limit *l,
		   unsigned int n);
int vzbc_read_cgroup_file(struct vzbc_ct *ct, const char *name,
			  char *buf, size_t size);
unsigned long long vzbc_stat_value(const char *text, const char *key);

/* /dev/vzctl */
int vzbc_ctl_init(void);
void vzbc_ctl_uninit(void);

#endif /* VZBC_H */
