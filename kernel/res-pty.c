// SPDX-License-Identifier: GPL-2.0
/*
 * numpty: opening /dev/ptmx takes an index from the devpts instance
 * (devpts_new_index(fsi)), creates the pty and its node
 * (devpts_pty_new(fsi, index, ...)) and gives the index back when the pty
 * is gone or the open failed (devpts_kill_index(fsi, index)). The charge
 * is made, or refused with ENOSPC, when the index is asked for, held on the
 * opening task until the index is known, then moved onto (fsi, index).
 */
#include <linux/sched.h>

#include "vzbc.h"
#include "probe.h"

/* the key of a pty: its index in the devpts instance */
static unsigned long vzbc_pty_key(unsigned long index)
{
	return VZBC_KEY_PTY + ((index + 1) << 8);
}

/* pending pty charges: while there are none, a task free skips the lookup */
static atomic_t vzbc_pty_pending = ATOMIC_INIT(0);

static void vzbc_pty_pending_drop(const void *task)
{
	if (atomic_read(&vzbc_pty_pending) &&
	    vzbc_uncharge_obj(task, VZBC_KEY_PTY_PENDING))
		atomic_dec(&vzbc_pty_pending);
}

/* a task freed while its pty charge was pending (res-task.c) */
void vzbc_pty_task_free(const struct task_struct *task)
{
	vzbc_pty_pending_drop(task);
}

/* devpts_new_index(struct pts_fs_info *fsi) */
enum { PTY_NEW_INDEX_FSI, PTY_NEW_INDEX_NARGS };

static __used notrace long vzbc_pty_new_index(const struct vzbc_call *call)
{
	struct vzbc_ct *ct;
	int ret;

	vzbc_pty_pending_drop(current);		/* a failed earlier one */
	ct = vzbc_ct_get_current();
	if (!ct)
		return 0;
	ret = vzbc_charge_obj_to(ct, current, VZBC_KEY_PTY_PENDING, VZBC_NUMPTY, 1,
				 VZBC_HARD);
	vzbc_ct_put(ct);
	if (ret)
		return -ENOSPC;
	atomic_inc(&vzbc_pty_pending);
	return 0;
}

/* devpts_pty_new(struct pts_fs_info *fsi, int index, void *priv) */
enum { PTY_NEW_FSI, PTY_NEW_INDEX, PTY_NEW_PRIV, PTY_NEW_NARGS };

static __used notrace long vzbc_pty_new(const struct vzbc_call *call)
{
	struct vzbc_ct *ct;

	if (!atomic_read(&vzbc_pty_pending))
		return 0;
	ct = vzbc_obj_ct_get(current, VZBC_KEY_PTY_PENDING);
	if (!ct)
		return 0;
	vzbc_pty_pending_drop(current);
	vzbc_charge_obj_to(ct, vzbc_arg_ptr(call, PTY_NEW_FSI),
			   vzbc_pty_key((unsigned int)call->arg[PTY_NEW_INDEX]),
			   VZBC_NUMPTY, 1, VZBC_FORCE);
	vzbc_ct_put(ct);
	return 0;
}

/* devpts_kill_index(struct pts_fs_info *fsi, int idx) */
enum { PTY_KILL_FSI, PTY_KILL_INDEX, PTY_KILL_NARGS };

static __used notrace long vzbc_pty_kill_index(const struct vzbc_call *call)
{
	vzbc_uncharge_obj(vzbc_arg_ptr(call, PTY_KILL_FSI),
			  vzbc_pty_key((unsigned int)call->arg[PTY_KILL_INDEX]));
	vzbc_pty_pending_drop(current);		/* open failed midway */
	return 0;
}

VZBC_PROBE(pty_new_index, "devpts_new_index", vzbc_pty_new_index, 1, ERRNO);
VZBC_PROBE(pty_new, "devpts_pty_new", vzbc_pty_new, 3, NEVER);
VZBC_PROBE(pty_kill_index, "devpts_kill_index", vzbc_pty_kill_index, 2, NEVER);

VZBC_PROBE_TABLE(vzbc_pty_probes, NULL, NULL,
		 VZBC_ROW(pty_new_index), VZBC_ROW(pty_new), VZBC_ROW(pty_kill_index));
