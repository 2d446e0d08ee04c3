// SPDX-License-Identifier: GPL-2.0
/*
 * The module's network commands (netctl.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "netctl.h"

int vzbc_net_attach(int fd, unsigned int ctid, int netns_fd, int ifindex)
{
	struct vzbc_net_attach r = { .ctid = ctid, .netns_fd = netns_fd,
				     .ifindex = (__u32)ifindex };

	return ioctl(fd, VZBC_IOC_NET_ATTACH, &r) < 0 ? -errno : 0;
}

static int vzbc_net_op(int fd, unsigned int ctid, __u32 op,
		       const struct vzbc_net_addr *a, size_t n)
{
	struct vzbc_net_addrs r = { .ctid = ctid, .op = op, .count = (__u32)n,
				    .addrs = (uintptr_t)a };

	return ioctl(fd, VZBC_IOC_NET_ADDR, &r) < 0 ? -errno : 0;
}

int vzbc_net_claim(int fd, unsigned int ctid, const struct vznet_iplist *l, bool add)
{
	struct vzbc_net_addr *a;
	size_t i;
	int ret;

	if (!l->n)
		return 0;
	if (l->n > VZBC_NET_MAX_ADDRS)
		return -ENOSPC;
	a = calloc(l->n, sizeof(*a));
	if (!a)
		return -ENOMEM;
	for (i = 0; i < l->n; i++)
		vznet_ip_to_vzbc(&l->ip[i], &a[i]);
	ret = vzbc_net_op(fd, ctid, add ? VZBC_NET_ADD : VZBC_NET_DEL, a, l->n);
	free(a);
	return ret;
}

int vzbc_net_release_all(int fd, unsigned int ctid)
{
	return vzbc_net_op(fd, ctid, VZBC_NET_DEL_ALL, NULL, 0);
}

int vzbc_net_get(int fd, unsigned int ctid, struct vznet_iplist *l,
		 struct vzbc_net_info *info)
{
	struct vzbc_net_info r = { .ctid = ctid, .capacity = VZBC_NET_MAX_ADDRS };
	struct vzbc_net_addr *a = calloc(VZBC_NET_MAX_ADDRS, sizeof(*a));
	struct vznet_ip ip = { .prefix = -1 };
	unsigned int i;
	int ret = 0;

	l->ip = NULL;
	l->n = 0;
	if (!a)
		return -ENOMEM;
	r.addrs = (uintptr_t)a;
	if (ioctl(fd, VZBC_IOC_NET_INFO, &r) < 0)
		ret = -errno;
	for (i = 0; !ret && i < r.count && i < VZBC_NET_MAX_ADDRS; i++) {
		ip.family = a[i].family;
		memcpy(ip.addr, a[i].addr, sizeof(ip.addr));
		ret = vznet_iplist_add(l, &ip);
	}
	free(a);
	if (ret)
		vznet_iplist_free(l);
	else if (info)
		*info = r;
	return ret;
}
