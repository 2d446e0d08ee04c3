/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's events (linux/vzbc.h, "Events"): a generic netlink socket
 * subscribed to the vzbc family's events group (libnl-genl-3). Every
 * function returns 0 (or a non-negative value) or a negative errno, and
 * prints nothing.
 */
#ifndef VZ_EVENTS_H
#define VZ_EVENTS_H

struct vz_events;

enum vz_event_type {
	VZ_EVENT_CT_STOP,	/* VZBC_EVENT_CT_STOP: a registered container's init exited */
	VZ_EVENT_MODULE_GONE,	/* the module was unloaded: no event until it is back */
	VZ_EVENT_MODULE_BACK,	/* loaded again: its events are heard again, unless error */
};

struct vz_event {
	enum vz_event_type type;
	unsigned int ctid;	/* VZ_EVENT_CT_STOP's */
	unsigned int how;	/* enum vzbc_stop_how */
	int pid;		/* the init that exited */
	int status;		/* its wait status */
	int error;		/* VZ_EVENT_MODULE_BACK's: 0, or why the events are not heard */
};

/*
 * Subscribe. -ENOENT: no vzbc family (the module is not loaded, or too
 * old); -EPERM: no CAP_NET_ADMIN in the initial user namespace.
 */
int vz_events_open(struct vz_events **out);
void vz_events_close(struct vz_events *ev);

/* The socket's fd, to poll for POLLIN. */
int vz_events_fd(const struct vz_events *ev);

/*
 * Read what waits, without blocking: fn for each event, and for the
 * module unloaded and loaded again (the socket follows it; after lost
 * messages it joins the module's group again as it is then). -ENOBUFS: the
 * socket's buffer overflowed and events were lost (what is left is still
 * read): the caller looks at every container again.
 */
int vz_events_read(struct vz_events *ev, void (*fn)(const struct vz_event *e, void *arg),
		   void *arg);

#endif /* VZ_EVENTS_H */
