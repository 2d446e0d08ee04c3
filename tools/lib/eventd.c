// SPDX-License-Identifier: GPL-2.0
/*
 * vzeventd's loop (see eventd.h): the events socket and a signalfd
 * polled; each container to look at is kept until it is done, retried
 * while vzctl holds it locked or its tasks are still leaving.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <linux/vzbc.h>

#include "ct.h"
#include "err.h"
#include "eventd.h"
#include "events.h"
#include "vzenv.h"
#include "vzexit.h"

/* how often a pending container is looked at again, and when to say so */
#define VZ_EVENTD_RETRY_MS	200
#define VZ_EVENTD_WARN_MS	30000

struct vz_pending {
	unsigned int ctid;
	pid_t dead;		/* the init that exited, 0: unknown */
	bool restart;
	unsigned int waited_ms;
};

struct vz_eventd {
	struct vz_pending *p;
	size_t n, cap;
	int deaf;		/* the module came back, its events cannot be heard */
};

/* ctid to look at (again: the newest event wins) */
static void eventd_queue(struct vz_eventd *d, unsigned int ctid, pid_t dead, bool restart)
{
	struct vz_pending *grown;
	size_t i;

	for (i = 0; i < d->n && d->p[i].ctid != ctid; i++)
		;
	if (i == d->n) {
		if (d->n == d->cap) {
			grown = reallocarray(d->p, d->cap ? 2 * d->cap : 16, sizeof(*d->p));
			if (!grown) {
				vz_log(VZ_WARN, "CT %u: out of memory, its stop is not handled",
				       ctid);
				return;
			}
			d->p = grown;
			d->cap = d->cap ? 2 * d->cap : 16;
		}
		d->n++;
	}
	d->p[i] = (struct vz_pending){ .ctid = ctid, .dead = dead, .restart = restart };
}

static const char *const how_names[] = {
	[VZBC_STOP_EXIT] = "exited",
	[VZBC_STOP_HALT] = "halted",
	[VZBC_STOP_REBOOT] = "rebooted",
};

/* every container with a config: those registered but not running are cleaned up */
static void eventd_scan(struct vz_eventd *d)
{
	unsigned int *ids, n, i;

	n = vzenv_list_ctids(&ids);
	for (i = 0; i < n; i++)
		eventd_queue(d, ids[i], 0, false);
	free(ids);
}

static void eventd_on_stop(struct vz_eventd *d, const struct vz_event *e)
{
	const char *how = e->how < sizeof(how_names) / sizeof(how_names[0]) ?
			  how_names[e->how] : "stopped";

	vz_log(VZ_INFO, "CT %u: init (pid %d) %s, status %d", e->ctid, e->pid, how, e->status);
	eventd_queue(d, e->ctid, e->pid, e->how == VZBC_STOP_REBOOT);
}

/*
 * Each event. The module loaded again after an unload (which it refuses
 * while a container is registered): every container is looked at, as at
 * the daemon's start.
 */
static void eventd_on_event(const struct vz_event *e, void *arg)
{
	struct vz_eventd *d = arg;

	switch (e->type) {
	case VZ_EVENT_CT_STOP:
		eventd_on_stop(d, e);
		break;
	case VZ_EVENT_MODULE_GONE:
		vz_log(VZ_INFO, "vzbc.ko unloaded: waiting for it to be loaded again");
		break;
	case VZ_EVENT_MODULE_BACK:
		if (e->error) {
			d->deaf = e->error;
			break;
		}
		vz_log(VZ_INFO, "vzbc.ko loaded again: listening to its events");
		eventd_scan(d);
		break;
	}
}

/* One look at p: true when it is done with. */
static bool eventd_try(struct vz_pending *p)
{
	struct vz_err err = { 0 };
	struct vzenv env;
	int fd, ret;

	fd = vz_ct_open(p->ctid, &env, true, &err);
	if (fd < 0 && err.code == VZ_LOCKED)
		return false;			/* vzctl is at it: after it */
	if (fd < 0) {
		if (err.code != VZ_NOVECONFIG)	/* not vzctl's container */
			vz_log_err(&err);
		return true;
	}
	ret = vz_ct_reap(&env, p->dead, p->restart, &err);
	close(fd);
	if (ret < 0)
		vz_log_err(&err);
	else if (ret == VZ_REAP_NOTHING && p->dead)
		vz_log(VZ_INFO, "CT %u: stopped or started again by vzctl: nothing to do",
		       p->ctid);
	return ret != VZ_REAP_LATER;
}

/* each pending container looked at; those done with dropped */
static void eventd_work(struct vz_eventd *d)
{
	struct vz_pending *p;
	size_t i = 0;

	while (i < d->n) {
		p = &d->p[i];
		if (eventd_try(p)) {
			d->p[i] = d->p[--d->n];
			continue;
		}
		p->waited_ms += VZ_EVENTD_RETRY_MS;
		if (p->waited_ms == VZ_EVENTD_WARN_MS)
			vz_log(VZ_WARN, "CT %u: still locked, or its tasks still leaving, after "
			       "%u s: waiting", p->ctid, VZ_EVENTD_WARN_MS / 1000);
		i++;
	}
}

static int eventd_open(struct vz_events **ev, const sigset_t *sigs, struct vz_err *err)
{
	int ret, sfd;

	ret = vz_events_open(ev);
	if (ret == -ENOENT)
		return vz_failp(err, VZ_SYSTEM_ERROR, "no vzbc events: vzbc.ko (ABI 1.4 or "
				"later) is not loaded");
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "subscribing to vzbc's events: %s",
				strerror(-ret));
	sfd = signalfd(-1, sigs, SFD_CLOEXEC);
	if (sfd < 0) {
		vz_events_close(*ev);
		return vz_failp(err, VZ_SYSTEM_ERROR, "signalfd: %s", strerror(errno));
	}
	return sfd;
}

int vz_eventd_run(const sigset_t *sigs, struct vz_err *err)
{
	struct vz_eventd d = { 0 };
	struct pollfd pfd[2];
	struct vz_events *ev;
	int sfd, ret = 0;

	sfd = eventd_open(&ev, sigs, err);
	if (sfd < 0)
		return -1;
	pfd[0] = (struct pollfd){ .fd = vz_events_fd(ev), .events = POLLIN };
	pfd[1] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	vz_log(VZ_INFO, "listening to vzbc's events");
	eventd_scan(&d);		/* subscribed first: nothing falls between */
	for (;;) {
		eventd_work(&d);
		if (poll(pfd, 2, d.n ? VZ_EVENTD_RETRY_MS : -1) < 0 && errno != EINTR) {
			ret = vz_failp(err, VZ_SYSTEM_ERROR, "poll: %s", strerror(errno));
			break;
		}
		if (pfd[1].revents & POLLIN)
			break;			/* asked to stop */
		if (!(pfd[0].revents & POLLIN))
			continue;
		ret = vz_events_read(ev, eventd_on_event, &d);
		if (d.deaf) {
			ret = vz_failp(err, VZ_SYSTEM_ERROR, "vzbc.ko loaded again, but its "
				       "events cannot be heard: %s", strerror(-d.deaf));
			break;
		}
		if (ret == -ENOBUFS) {
			vz_log(VZ_WARN, "events were lost: looking at every container");
			eventd_scan(&d);
			ret = 0;
		} else if (ret) {
			ret = vz_failp(err, VZ_SYSTEM_ERROR, "reading vzbc's events: %s",
				       strerror(-ret));
			break;
		}
	}
	free(d.p);
	close(sfd);
	vz_events_close(ev);
	return ret ? -1 : 0;
}
