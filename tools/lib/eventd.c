// SPDX-License-Identifier: GPL-2.0
/*
 * vzeventd's loop (see eventd.h): the events socket, the links' socket
 * and a signalfd polled; each container to look at is kept until it is
 * done, retried while vzctl holds it locked or its tasks are still
 * leaving.
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <linux/vzbc.h>

#include "ct.h"
#include "err.h"
#include "eventd.h"
#include "events.h"
#include "linkmon.h"
#include "vzenv.h"
#include "vzexit.h"

/* how often a pending container is looked at again, and when to say so */
#define VZ_EVENTD_RETRY_MS	200
#define VZ_EVENTD_WARN_MS	30000

struct vz_pending {
	unsigned int ctid;
	bool reap;		/* to clean up if it no longer runs */
	pid_t dead;		/* the init that exited, 0: unknown */
	bool restart;
	bool reproxy;		/* its proxy entries to make again, if it runs */
	unsigned int waited_ms;
};

struct vz_eventd {
	struct vz_pending *p;
	size_t n, cap;
	int deaf;		/* the module came back, its events cannot be heard */
	int relinked;		/* an uplink came up: its ifindex, -1: several, or 0 */
};

/* ctid's entry, made if there is none (then all false), or NULL */
static struct vz_pending *eventd_pending(struct vz_eventd *d, unsigned int ctid)
{
	struct vz_pending *grown;
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->p[i].ctid == ctid)
			return &d->p[i];
	if (d->n == d->cap) {
		grown = reallocarray(d->p, d->cap ? 2 * d->cap : 16, sizeof(*d->p));
		if (!grown) {
			vz_log(VZ_WARN, "CT %u: out of memory, not looked at", ctid);
			return NULL;
		}
		d->p = grown;
		d->cap = d->cap ? 2 * d->cap : 16;
	}
	d->p[d->n] = (struct vz_pending){ .ctid = ctid };
	return &d->p[d->n++];
}

/* ctid to clean up if it no longer runs (again: the newest event wins) */
static void eventd_queue(struct vz_eventd *d, unsigned int ctid, pid_t dead, bool restart)
{
	struct vz_pending *p = eventd_pending(d, ctid);

	if (!p)
		return;
	p->reap = true;
	p->dead = dead;
	p->restart = restart;
	p->waited_ms = 0;
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

/* a link that may be an uplink came up (0: maybe one did): noted */
static void eventd_on_link(int ifindex, void *arg)
{
	struct vz_eventd *d = arg;

	if (!ifindex || (d->relinked && d->relinked != ifindex))
		d->relinked = -1;	/* maybe several */
	else
		d->relinked = ifindex;
}

/*
 * After the links' notices were read: if an uplink came up, every running
 * container's proxy entries made again (a stopped one is not locked: a
 * vzctl at it is not in the way)
 */
static void eventd_relink(struct vz_eventd *d)
{
	char name[IF_NAMESIZE] = "links";
	unsigned int *ids, n, i;
	struct vz_pending *p;
	struct vzenv env;

	if (!d->relinked)
		return;
	if (d->relinked > 0 && !if_indextoname(d->relinked, name))
		snprintf(name, sizeof(name), "a link");
	d->relinked = 0;
	vz_log(VZ_INFO, "%s up (or routed) anew: making the running containers' proxy "
	       "entries again", name);
	n = vzenv_list_ctids(&ids);
	for (i = 0; i < n; i++) {
		if (vzenv_load(ids[i], &env) || !vzenv_running(&env))
			continue;
		p = eventd_pending(d, ids[i]);
		if (p)
			p->reproxy = true;
	}
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

/* One look at p, whose lock is held: true when it is done with. */
static bool eventd_do(struct vz_pending *p, const struct vzenv *env)
{
	struct vz_err err = { 0 };
	int ret;

	if (p->reap) {
		ret = vz_ct_reap(env, p->dead, p->restart, &err);
		if (ret < 0)
			vz_log_err(&err);
		else if (ret == VZ_REAP_NOTHING && p->dead)
			vz_log(VZ_INFO, "CT %u: stopped or started again by vzctl: nothing to do",
			       p->ctid);
		if (ret == VZ_REAP_LATER)
			return false;
		p->reap = false;
		if (ret == VZ_REAP_DONE)
			return true;	/* stopped, or started anew with its entries */
	}
	if (p->reproxy) {
		ret = vz_ct_reproxy(env, &err);
		if (ret < 0)
			vz_log_err(&err);
		else if (ret > 0)
			vz_log(VZ_INFO, "CT %u: its %d proxy entries are in place again", p->ctid,
			       ret);
		p->reproxy = false;
	}
	return true;
}

/* One look at p: true when it is done with. */
static bool eventd_try(struct vz_pending *p)
{
	struct vz_err err = { 0 };
	struct vzenv env;
	bool done;
	int fd;

	fd = vz_ct_open(p->ctid, &env, true, &err);
	if (fd < 0 && err.code == VZ_LOCKED)
		return false;			/* vzctl is at it: after it */
	if (fd < 0) {
		if (err.code != VZ_NOVECONFIG)	/* not vzctl's container */
			vz_log_err(&err);
		return true;
	}
	done = eventd_do(p, &env);
	close(fd);
	return done;
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

/* what the loop polls, in this order */
enum { EVENTD_EVENTS, EVENTD_LINKS, EVENTD_SIGNALS, EVENTD_NFDS };

struct eventd_fds {
	struct vz_events *ev;
	struct vz_linkmon *lm;
	struct pollfd pfd[EVENTD_NFDS];
};

static void eventd_close(struct eventd_fds *f)
{
	if (f->pfd[EVENTD_SIGNALS].fd >= 0)
		close(f->pfd[EVENTD_SIGNALS].fd);
	vz_linkmon_close(f->lm);
	vz_events_close(f->ev);
}

static int eventd_open(struct eventd_fds *f, const sigset_t *sigs, struct vz_err *err)
{
	int ret, sfd;

	*f = (struct eventd_fds){ .pfd[EVENTD_SIGNALS].fd = -1 };
	ret = vz_events_open(&f->ev);
	if (ret == -ENOENT)
		return vz_failp(err, VZ_SYSTEM_ERROR, "no vzbc events: vzbc.ko (ABI 1.4 or "
				"later) is not loaded");
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "subscribing to vzbc's events: %s",
				strerror(-ret));
	ret = vz_linkmon_open(&f->lm);
	if (ret) {
		eventd_close(f);
		return vz_failp(err, VZ_SYSTEM_ERROR, "listening to the links: %s",
				strerror(-ret));
	}
	sfd = signalfd(-1, sigs, SFD_CLOEXEC);
	if (sfd < 0) {
		eventd_close(f);
		return vz_failp(err, VZ_SYSTEM_ERROR, "signalfd: %s", strerror(errno));
	}
	f->pfd[EVENTD_EVENTS] = (struct pollfd){ .fd = vz_events_fd(f->ev), .events = POLLIN };
	f->pfd[EVENTD_LINKS] = (struct pollfd){ .fd = vz_linkmon_fd(f->lm), .events = POLLIN };
	f->pfd[EVENTD_SIGNALS] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	return 0;
}

/* What waits on the module's events socket: 0, or -1 with err. */
static int eventd_events(struct vz_eventd *d, struct vz_events *ev, struct vz_err *err)
{
	int ret = vz_events_read(ev, eventd_on_event, d);

	if (d->deaf)
		return vz_failp(err, VZ_SYSTEM_ERROR, "vzbc.ko loaded again, but its events "
				"cannot be heard: %s", strerror(-d->deaf));
	if (ret == -ENOBUFS) {
		vz_log(VZ_WARN, "events were lost: looking at every container");
		eventd_scan(d);
		return 0;
	}
	if (ret)
		return vz_failp(err, VZ_SYSTEM_ERROR, "reading vzbc's events: %s",
				strerror(-ret));
	return 0;
}

int vz_eventd_run(const sigset_t *sigs, struct vz_err *err)
{
	struct vz_eventd d = { 0 };
	struct eventd_fds f;
	int ret = 0;

	if (eventd_open(&f, sigs, err))
		return -1;
	vz_log(VZ_INFO, "listening to vzbc's events");
	eventd_scan(&d);		/* subscribed first: nothing falls between */
	for (;;) {
		eventd_work(&d);
		if (poll(f.pfd, EVENTD_NFDS, d.n ? VZ_EVENTD_RETRY_MS : -1) < 0 &&
		    errno != EINTR) {
			ret = vz_failp(err, VZ_SYSTEM_ERROR, "poll: %s", strerror(errno));
			break;
		}
		if (f.pfd[EVENTD_SIGNALS].revents & POLLIN)
			break;			/* asked to stop */
		if (f.pfd[EVENTD_LINKS].revents & POLLIN) {
			ret = vz_linkmon_read(f.lm, eventd_on_link, &d);
			eventd_relink(&d);
			if (ret) {
				ret = vz_failp(err, VZ_SYSTEM_ERROR, "reading the links' "
					       "notices: %s", strerror(-ret));
				break;
			}
		}
		if ((f.pfd[EVENTD_EVENTS].revents & POLLIN) && (ret = eventd_events(&d, f.ev, err)))
			break;
	}
	free(d.p);
	eventd_close(&f);
	return ret ? -1 : 0;
}
