// SPDX-License-Identifier: GPL-2.0
/*
 * The module's events through libnl-genl-3 (see events.h). The socket is
 * also in nlctrl's "notify" group, which tells of every generic netlink
 * family registered or unregistered: when vzbc's goes (the module
 * unloaded) the kernel drops the socket from its events group; when it
 * comes back, the notice carries the family's new id and group ids, and
 * the socket joins the group again.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vzbc.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "events.h"
#include "netlink.h"

struct vz_events {
	struct nl_sock *sk;
	int family;		/* vzbc's id; 0 while the module is out */
	void (*fn)(const struct vz_event *e, void *arg);
	void *arg;
};

/* the socket's buffer: a thousand containers halted at once fit in it */
#define VZ_EVENTS_RCVBUF	(1 << 20)

/* the id of vzbc's events group in a CTRL_ATTR_MCAST_GROUPS nest, or -ENOENT */
static int vz_events_group(struct nlattr *groups)
{
	static struct nla_policy policy[CTRL_ATTR_MCAST_GRP_MAX + 1] = {
		[CTRL_ATTR_MCAST_GRP_NAME] = { .type = NLA_STRING },
		[CTRL_ATTR_MCAST_GRP_ID] = { .type = NLA_U32 },
	};
	struct nlattr *g, *a[CTRL_ATTR_MCAST_GRP_MAX + 1];
	int rem;

	nla_for_each_nested(g, groups, rem) {
		if (nla_parse_nested(a, CTRL_ATTR_MCAST_GRP_MAX, g, policy) ||
		    !a[CTRL_ATTR_MCAST_GRP_NAME] || !a[CTRL_ATTR_MCAST_GRP_ID])
			continue;
		if (!strcmp(nla_get_string(a[CTRL_ATTR_MCAST_GRP_NAME]), VZBC_GENL_GROUP_EVENTS))
			return (int)nla_get_u32(a[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return -ENOENT;
}

/* nlctrl's notice of a family registered or unregistered: vzbc's, or skipped */
static int vz_events_ctrl(struct vz_events *ev, struct nlmsghdr *nlh)
{
	static struct nla_policy policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_ID] = { .type = NLA_U16 },
		[CTRL_ATTR_FAMILY_NAME] = { .type = NLA_STRING },
		[CTRL_ATTR_MCAST_GROUPS] = { .type = NLA_NESTED },
	};
	int cmd = genlmsg_hdr(nlh)->cmd, grp;
	struct nlattr *a[CTRL_ATTR_MAX + 1];
	struct vz_event e = { 0 };

	if ((cmd != CTRL_CMD_NEWFAMILY && cmd != CTRL_CMD_DELFAMILY) ||
	    genlmsg_parse(nlh, 0, a, CTRL_ATTR_MAX, policy) || !a[CTRL_ATTR_FAMILY_NAME] ||
	    strcmp(nla_get_string(a[CTRL_ATTR_FAMILY_NAME]), VZBC_GENL_NAME))
		return NL_SKIP;
	if (cmd == CTRL_CMD_DELFAMILY) {
		ev->family = 0;
		e.type = VZ_EVENT_MODULE_GONE;
	} else {
		e.type = VZ_EVENT_MODULE_BACK;
		grp = a[CTRL_ATTR_FAMILY_ID] && a[CTRL_ATTR_MCAST_GROUPS] ?
		      vz_events_group(a[CTRL_ATTR_MCAST_GROUPS]) : -ENOENT;
		e.error = grp < 0 ? grp : vznet_errno(nl_socket_add_membership(ev->sk, grp));
		if (!e.error)
			ev->family = nla_get_u16(a[CTRL_ATTR_FAMILY_ID]);
	}
	ev->fn(&e, ev->arg);
	return NL_OK;
}

static int vz_events_one(struct nl_msg *msg, void *arg)
{
	static struct nla_policy policy[VZBC_EVENT_A_MAX + 1] = {
		[VZBC_EVENT_A_CTID] = { .type = NLA_U32 },
		[VZBC_EVENT_A_HOW] = { .type = NLA_U32 },
		[VZBC_EVENT_A_PID] = { .type = NLA_U32 },
		[VZBC_EVENT_A_STATUS] = { .type = NLA_U32 },
	};
	struct nlattr *a[VZBC_EVENT_A_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct vz_events *ev = arg;
	struct vz_event e = { .type = VZ_EVENT_CT_STOP };

	if (nlh->nlmsg_type == GENL_ID_CTRL)
		return vz_events_ctrl(ev, nlh);
	if (!ev->family || nlh->nlmsg_type != ev->family ||
	    genlmsg_hdr(nlh)->cmd != VZBC_EVENT_CT_STOP ||
	    genlmsg_parse(nlh, 0, a, VZBC_EVENT_A_MAX, policy) || !a[VZBC_EVENT_A_CTID])
		return NL_SKIP;		/* what a newer module may add */
	e.ctid = nla_get_u32(a[VZBC_EVENT_A_CTID]);
	if (a[VZBC_EVENT_A_HOW])
		e.how = nla_get_u32(a[VZBC_EVENT_A_HOW]);
	if (a[VZBC_EVENT_A_PID])
		e.pid = (int)nla_get_u32(a[VZBC_EVENT_A_PID]);
	if (a[VZBC_EVENT_A_STATUS])
		e.status = (int)nla_get_u32(a[VZBC_EVENT_A_STATUS]);
	ev->fn(&e, ev->arg);
	return NL_OK;
}

/*
 * A generic netlink family's id (if family) and the id of its group,
 * asked on a socket of their own: on the listening one, the answers
 * would come mixed with what it hears. A libnl error.
 */
static int vz_events_ask(const char *name, const char *group, int *family, int *grp)
{
	struct nl_sock *sk = nl_socket_alloc();
	int ret;

	if (!sk)
		return -NLE_NOMEM;
	ret = genl_connect(sk);
	if (!ret && family) {
		*family = genl_ctrl_resolve(sk, name);
		ret = *family < 0 ? *family : 0;
	}
	if (!ret) {
		*grp = genl_ctrl_resolve_grp(sk, name, group);
		ret = *grp < 0 ? *grp : 0;
	}
	nl_socket_free(sk);
	return ret;
}

/* Into vzbc's events group, as the family is now: 0 or -errno. */
static int vz_events_join(struct vz_events *ev)
{
	int family, grp, ret;

	ret = vz_events_ask(VZBC_GENL_NAME, VZBC_GENL_GROUP_EVENTS, &family, &grp);
	if (!ret)
		ret = nl_socket_add_membership(ev->sk, grp);
	if (!ret)
		ev->family = family;
	return vznet_errno(ret);
}

int vz_events_open(struct vz_events **out)
{
	struct vz_events *ev = calloc(1, sizeof(*ev));
	int grp, ret;

	if (!ev)
		return -ENOMEM;
	ev->sk = nl_socket_alloc();
	if (!ev->sk) {
		free(ev);
		return -ENOMEM;
	}
	/* the socket's own callbacks: multicast has no sequence numbers */
	nl_socket_disable_seq_check(ev->sk);
	nl_socket_modify_cb(ev->sk, NL_CB_VALID, NL_CB_CUSTOM, vz_events_one, ev);
	ret = genl_connect(ev->sk);
	/* the families' notices first: an unload and load after it are heard */
	if (!ret)
		ret = vz_events_ask("nlctrl", "notify", NULL, &grp);
	if (!ret)
		ret = nl_socket_add_membership(ev->sk, grp);
	if (!ret)
		ret = nl_socket_set_nonblocking(ev->sk);
	if (!ret)
		ret = nl_socket_set_buffer_size(ev->sk, VZ_EVENTS_RCVBUF, 0);
	ret = vznet_errno(ret);
	if (!ret)
		ret = vz_events_join(ev);
	if (ret) {
		vz_events_close(ev);
		return ret;
	}
	*out = ev;
	return 0;
}

void vz_events_close(struct vz_events *ev)
{
	if (!ev)
		return;
	nl_socket_free(ev->sk);
	free(ev);
}

int vz_events_fd(const struct vz_events *ev)
{
	return nl_socket_get_fd(ev->sk);
}

int vz_events_read(struct vz_events *ev, void (*fn)(const struct vz_event *e, void *arg),
		   void *arg)
{
	bool lost = false;
	int ret;

	ev->fn = fn;
	ev->arg = arg;
	ret = vznet_drain(ev->sk, &lost);
	if (ret || !lost)
		return ret;
	/* a lost notice may have been the module's coming back: joined again */
	ret = vz_events_join(ev);
	if (ret == -ENOENT)
		ev->family = 0;			/* it is out: its notice will come */
	else if (ret)
		return ret;
	return -ENOBUFS;
}
