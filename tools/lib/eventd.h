/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzeventd's work: OpenVZ's vzeventd on vzbc's events (events.h). When a
 * registered container's init exits on its own, what vzctl stop does for
 * a container that no longer runs (vz_ct_reap), and after a reboot inside,
 * vzctl start. A container vzctl holds locked is looked at again once it
 * is free: a vzctl stop or restart in progress then leaves it unregistered
 * or running, and nothing is done. At its start, and when events were
 * lost, every registered container that no longer runs is cleaned up.
 * What it does goes to vz_log(); it prints nothing.
 */
#ifndef VZ_EVENTD_H
#define VZ_EVENTD_H

#include <signal.h>

struct vz_err;

/* Run until a signal of sigs (blocked by the caller) arrives: 0 then, or
 * -1 with err (the events cannot be read). */
int vz_eventd_run(const sigset_t *sigs, struct vz_err *err);

#endif /* VZ_EVENTD_H */
