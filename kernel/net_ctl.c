// SPDX-License-Identifier: GPL-2.0
/*
 * The networking commands of /dev/vzctl: their arguments copied and
 * checked field by field (include/uapi/linux/vzbc.h documents them), the
 * work done in net_hook.c and net_addr.c. ctl.c dispatches to them after
 * its own checks (command size and direction, privilege).
 */
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "net.h"

static bool vzbc_net_zeroed(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

long vzbc_ioc_net_attach(void __user *uarg)
{
	struct vzbc_net_attach r;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || !vzbc_net_zeroed(r.reserved, sizeof(r.reserved)) || !r.ctid)
		return -EINVAL;
	if (r.netns_fd < 0)
		return -EBADF;
	return vzbc_net_attach(r.ctid, r.netns_fd, r.ifindex);
}

/* The address array of an ADD or DEL, copied and checked; or an ERR_PTR. */
static struct vzbc_net_addr *vzbc_net_copy_addrs(const struct vzbc_net_addrs *r)
{
	struct vzbc_net_addr *a;
	unsigned int i;

	if (!r->count || r->count > VZBC_NET_MAX_ADDRS)
		return ERR_PTR(-EINVAL);
	a = vmemdup_user(u64_to_user_ptr(r->addrs), r->count * sizeof(*a));
	if (IS_ERR(a))
		return a;
	for (i = 0; i < r->count; i++) {
		if (!vzbc_net_addr_valid(&a[i])) {
			kvfree(a);
			return ERR_PTR(-EINVAL);
		}
	}
	return a;
}

long vzbc_ioc_net_addr(void __user *uarg)
{
	struct vzbc_net_addr *a = NULL;
	struct vzbc_net_addrs r;
	long ret;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || !vzbc_net_zeroed(r.reserved, sizeof(r.reserved)) || !r.ctid)
		return -EINVAL;
	switch (r.op) {
	case VZBC_NET_ADD:
	case VZBC_NET_DEL:
		a = vzbc_net_copy_addrs(&r);
		if (IS_ERR(a))
			return PTR_ERR(a);
		break;
	case VZBC_NET_DEL_ALL:
		if (r.count || r.addrs)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	ret = vzbc_net_change(r.ctid, r.op, a, r.count);
	kvfree(a);
	return ret;
}

long vzbc_ioc_net_info(void __user *uarg)
{
	struct vzbc_net_addr *a;
	struct vzbc_net_info r;
	unsigned int cap;
	long ret;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || !vzbc_net_zeroed(r.reserved, sizeof(r.reserved)) || !r.ctid)
		return -EINVAL;
	cap = min_t(u32, r.capacity, VZBC_NET_MAX_ADDRS);
	a = kvcalloc(max(cap, 1U), sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	r.count = 0;
	r.ifindex = 0;
	r.state = 0;
	memset(&r.stats, 0, sizeof(r.stats));
	ret = vzbc_net_info(r.ctid, &r, a, cap);
	if (!ret && (copy_to_user(u64_to_user_ptr(r.addrs), a,
				  min(cap, r.count) * sizeof(*a)) ||
		     copy_to_user(uarg, &r, sizeof(r))))
		ret = -EFAULT;
	kvfree(a);
	return ret;
}
