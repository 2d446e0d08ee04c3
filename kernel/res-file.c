// SPDX-License-Identifier: GPL-2.0
/*
 * numfile: every struct file a container's task opens, charged at the
 * file_alloc_security LSM hook (refused with ENFILE) and uncharged at
 * file_free_security.
 *
 * numflock: the locks the kernel keeps, in an inode's lock lists. Each is a
 * copy of the request made for it, which flock_lock_inode() and
 * posix_lock_inode() make with locks_copy_lock(new, request) and insert at
 * once; each leaves the lists through locks_unlink_lock_ctx(), whoever
 * removes it (unlock, close, a lock replaced or split). The copy is
 * charged, forced (it runs under the inode's lock list spinlock and cannot
 * fail), and uncharged when unlinked, both under that spinlock; the copy
 * itself keeps the container it was charged to (no record in the table:
 * a lock round trip is about 2,400 instructions, a record's charge and
 * uncharge about 190). The request is refused earlier, with
 * ENOLCK, at the file_lock LSM hook that flock(2) and fcntl(F_SETLK*)
 * pass, when the container already holds its barrier. Unlock requests
 * always pass. The requests themselves (on flock(2)'s stack, or made by
 * fcntl) are never charged, and neither are the copies NFS or lockd make
 * for their own bookkeeping: locks_copy_lock() charges only when called
 * from one of the two functions that keep locks, which it learns by the
 * call site.
 */
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/kallsyms.h>

#include "vzbc.h"
#include "probe.h"

/* bpf_lsm_file_alloc_security(struct file *file) */
enum { FILE_ALLOC_FILE, FILE_ALLOC_NARGS };

static __used notrace long vzbc_file_alloc(const struct vzbc_call *call)
{
	if (vzbc_charge_obj(vzbc_arg_ptr(call, FILE_ALLOC_FILE), VZBC_KEY_FILE,
			    VZBC_NUMFILE, VZBC_HARD))
		return -ENFILE;
	return 0;
}

/* bpf_lsm_file_free_security(struct file *file) */
enum { FILE_FREE_FILE, FILE_FREE_NARGS };

static __used notrace long vzbc_file_free(const struct vzbc_call *call)
{
	vzbc_uncharge_obj(vzbc_arg_ptr(call, FILE_FREE_FILE), VZBC_KEY_FILE);
	return 0;
}

/* bpf_lsm_file_lock(struct file *file, unsigned int cmd): cmd is the type */
enum { FILE_LOCK_FILE, FILE_LOCK_TYPE, FILE_LOCK_NARGS };

static __used notrace long vzbc_flock_check(const struct vzbc_call *call)
{
	if (call->arg[FILE_LOCK_TYPE] != F_UNLCK && vzbc_ct_current_full(VZBC_NUMFLOCK))
		return -ENOLCK;
	return 0;
}

/* the functions whose copies of a lock the kernel keeps in its lists */
static const char *const vzbc_lock_keepers[] = {
	"flock_lock_inode",
	"posix_lock_inode",
};

static bool vzbc_lock_keeper(unsigned long pip)
{
	char name[KSYM_SYMBOL_LEN];
	unsigned int i;

	sprint_symbol_no_offset(name, pip);
	for (i = 0; i < ARRAY_SIZE(vzbc_lock_keepers); i++)
		if (!strcmp(name, vzbc_lock_keepers[i]))
			return true;
	return false;
}

/*
 * The call sites of locks_copy_lock() seen so far, by their return
 * address: as it is where the copy is kept, its complement where not.
 * There are four in the kernel, a few more in modules; past the table's
 * size, each call asks kallsyms.
 */
#define VZBC_COPY_SITES	16
static unsigned long vzbc_copy_sites[VZBC_COPY_SITES];

static noinline bool vzbc_copy_site_learn(unsigned int i, unsigned long pip)
{
	bool keeps = vzbc_lock_keeper(pip);
	unsigned long site = keeps ? pip : ~pip, old;

	for (; i < VZBC_COPY_SITES; i++) {
		old = cmpxchg(&vzbc_copy_sites[i], 0, site);
		if (!old || old == site)
			break;
	}
	return keeps;
}

static bool vzbc_copy_site_keeps(unsigned long pip)
{
	unsigned long site;
	unsigned int i;

	for (i = 0; i < VZBC_COPY_SITES; i++) {
		site = READ_ONCE(vzbc_copy_sites[i]);
		if (site == pip)
			return true;
		if (site == ~pip)
			return false;
		if (!site)
			return vzbc_copy_site_learn(i, pip);
	}
	return vzbc_lock_keeper(pip);
}

/* locks_copy_lock(struct file_lock *new, struct file_lock *fl) */
enum { COPY_LOCK_NEW, COPY_LOCK_FL, COPY_LOCK_NARGS };

/*
 * Charge the copy new of fl to ct if the caller is a keeper, about to put
 * it in an inode's lists (under their spinlock, as the unlink below runs).
 * The copy keeps the container it was charged to in its own room
 * (compat.h), so its unlink finds it without the record table: each of
 * the keepers' copies goes into the lists at once, under the same
 * spinlock, and leaves them only through locks_unlink_lock_ctx(), so the
 * charge is dropped exactly once (the room is cleared with it); a copy
 * with fl_ops (NFS, AFS, Ceph: the room is theirs) gets a record. Out of
 * line, as the uncharge: the host's locks pass the handlers without a
 * stack frame.
 */
static noinline notrace void vzbc_flock_charge(struct vzbc_ct *ct, const struct vzbc_call *call)
{
	const struct file_lock *fl = vzbc_arg_ptr(call, COPY_LOCK_FL);
	struct file_lock *new = vzbc_arg_ptr(call, COPY_LOCK_NEW);
	void **room;

	if (!vzbc_copy_site_keeps(vzbc_call_pip(call, COPY_LOCK_NARGS)))
		return;
	if (unlikely(vzbc_lock_has_ops(fl))) {
		__vzbc_charge_obj(ct, new, VZBC_KEY_FLOCK, VZBC_NUMFLOCK, VZBC_FORCE);
		return;
	}
	room = vzbc_lock_room(new);
	if (!*room && !vzbc_charge_kept(ct, VZBC_NUMFLOCK, VZBC_FORCE))
		*room = ct;
}

static __used notrace long vzbc_flock_copy(const struct vzbc_call *call)
{
	struct vzbc_ct *ct;

	preempt_disable_notrace();
	ct = vzbc_ct_current();
	if (unlikely(ct))
		vzbc_flock_charge(ct, call);
	preempt_enable_notrace();
	return 0;
}

/* A lock charged by vzbc_flock_charge() leaves the lists. */
static noinline notrace void vzbc_flock_uncharge(struct file_lock *fl)
{
	void **room = vzbc_lock_room(fl);
	struct vzbc_ct *ct = *room;

	*room = NULL;
	vzbc_uncharge_kept(ct, VZBC_NUMFLOCK);
}

/* ... or one with fl_ops, which may have a record. */
static noinline notrace void vzbc_flock_uncharge_rec(struct file_lock *fl)
{
	vzbc_uncharge_obj(fl, VZBC_KEY_FLOCK);
}

/*
 * locks_unlink_lock_ctx(struct file_lock *fl): a kept lock, or a lease,
 * leaves the lists (6.9 and later pass its struct file_lock_core, which
 * both begin with: the same address). Leases are never charged.
 */
enum { UNLINK_FL, UNLINK_NARGS };

static __used notrace long vzbc_flock_unlink(const struct vzbc_call *call)
{
	struct file_lock *fl = vzbc_arg_ptr(call, UNLINK_FL);

	if (!(vzbc_lock_flags(fl) & (FL_POSIX | FL_FLOCK)))
		return 0;
	if (unlikely(vzbc_lock_has_ops(fl)))
		vzbc_flock_uncharge_rec(fl);
	else if (*vzbc_lock_room(fl))
		vzbc_flock_uncharge(fl);
	return 0;
}

VZBC_CT_ASM_OFFSETS();
VZBC_PROBE_CT(file_alloc, "bpf_lsm_file_alloc_security", vzbc_file_alloc, 1, ERRNO);
VZBC_PROBE(file_free, "bpf_lsm_file_free_security", vzbc_file_free, 1, NEVER);
VZBC_PROBE(flock_check, "bpf_lsm_file_lock", vzbc_flock_check, 2, ERRNO);
VZBC_PROBE(flock_copy, "locks_copy_lock", vzbc_flock_copy, 2, NEVER);
VZBC_PROBE(flock_unlink, "locks_unlink_lock_ctx", vzbc_flock_unlink, 1, NEVER);

VZBC_PROBE_TABLE(vzbc_file_probes, NULL, NULL,
		 VZBC_ROW(file_alloc), VZBC_ROW(file_free), VZBC_ROW(flock_check),
		 VZBC_ROW(flock_copy), VZBC_ROW(flock_unlink));
