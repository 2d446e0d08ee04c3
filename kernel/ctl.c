// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/vzctl: the control device. Every command is described in
 * include/uapi/linux/vzbc.h, together with the rules all of them follow.
 */
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "vzbc.h"

static bool vzbc_zeroed(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static long vzbc_ioc_version(void __user *uarg)
{
	struct vzbc_version v;

	if (copy_from_user(&v, uarg, sizeof(v)))
		return -EFAULT;
	if (v.flags || v.reserved0 || !vzbc_zeroed(v.reserved, sizeof(v.reserved)))
		return -EINVAL;

	memset(&v, 0, sizeof(v));
	v.abi_major = VZBC_ABI_MAJOR;
	v.abi_minor = VZBC_ABI_MINOR;
	strscpy(v.release, VZBC_VERSION, sizeof(v.release));

	if (copy_to_user(uarg, &v, sizeof(v)))
		return -EFAULT;
	return 0;
}

static long vzbc_ioc_ct_register(void __user *uarg)
{
	struct vzbc_ct_register r;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || r.reserved0 || !vzbc_zeroed(r.reserved, sizeof(r.reserved)) ||
	    !r.ctid)
		return -EINVAL;
	if (r.cgroup_fd < 0)
		return -EBADF;
	return vzbc_ct_register(r.ctid, r.cgroup_fd);
}

static long vzbc_ioc_ct_unregister(void __user *uarg)
{
	struct vzbc_ct_id r;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || !vzbc_zeroed(r.reserved, sizeof(r.reserved)) || !r.ctid)
		return -EINVAL;
	return vzbc_ct_unregister(r.ctid);
}

static bool vzbc_limit_valid(const struct vzbc_limit *l, unsigned long *seen)
{
	if (l->resource >= VZBC_RESOURCES || vzbc_res_is_dummy(l->resource) ||
	    l->reserved0 || l->barrier > l->limit || l->limit > VZBC_UNLIMITED)
		return false;
	return !__test_and_set_bit(l->resource, seen);
}

static long vzbc_ioc_set_limits(void __user *uarg)
{
	struct vzbc_limit l[VZBC_RESOURCES];
	DECLARE_BITMAP(seen, VZBC_RESOURCES) = { 0 };
	struct vzbc_set_limits r;
	unsigned int i;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || r.reserved0 || !vzbc_zeroed(r.reserved, sizeof(r.reserved)) ||
	    !r.ctid || !r.count || r.count > VZBC_RESOURCES)
		return -EINVAL;
	if (copy_from_user(l, u64_to_user_ptr(r.limits), r.count * sizeof(l[0])))
		return -EFAULT;
	for (i = 0; i < r.count; i++)
		if (!vzbc_limit_valid(&l[i], seen))
			return -EINVAL;

	return vzbc_mem_set_limits(r.ctid, l, r.count);
}

static long vzbc_ioc_get_bc(void __user *uarg)
{
	struct vzbc_bc *b;
	long ret;

	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(b, uarg, offsetof(struct vzbc_bc, res)))
		goto out;
	ret = -EINVAL;
	if (b->flags || b->reserved0 || !vzbc_zeroed(b->reserved, sizeof(b->reserved)) ||
	    !b->ctid)
		goto out;
	ret = vzbc_mem_sync_get(b->ctid, b->res);
	if (ret)
		goto out;
	b->nr_resources = VZBC_RESOURCES;
	ret = copy_to_user(uarg, b, sizeof(*b)) ? -EFAULT : 0;
out:
	kfree(b);
	return ret;
}

#define VZBC_LIST_MAX	65536

static long vzbc_ioc_list(void __user *uarg)
{
	struct vzbc_list r;
	unsigned int cap;
	u32 *ids;
	long ret = 0;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || r.reserved0 || !vzbc_zeroed(r.reserved, sizeof(r.reserved)))
		return -EINVAL;
	cap = min_t(unsigned int, r.capacity, VZBC_LIST_MAX);
	ids = kvcalloc(cap ? cap : 1, sizeof(*ids), GFP_KERNEL);
	if (!ids)
		return -ENOMEM;
	r.count = vzbc_ct_list_ids(ids, cap);
	if (copy_to_user(u64_to_user_ptr(r.ctids), ids,
			 min(cap, r.count) * sizeof(*ids)) ||
	    copy_to_user(uarg, &r, sizeof(r)))
		ret = -EFAULT;
	kvfree(ids);
	return ret;
}

static long vzbc_ioc_set_view(void __user *uarg)
{
	struct vzbc_set_view r;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || r.reserved0 || !vzbc_zeroed(r.reserved, sizeof(r.reserved)) ||
	    !r.ctid || (r.parts & ~VZBC_VIEW_ALL))
		return -EINVAL;
	return vzbc_view_set(r.ctid, r.parts);
}

static long vzbc_ioc_get_view(void __user *uarg)
{
	struct vzbc_view_info r;
	long ret;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.flags || !vzbc_zeroed(r.reserved, sizeof(r.reserved)) || !r.ctid)
		return -EINVAL;
	ret = vzbc_view_get(r.ctid, &r);
	if (ret)
		return ret;
	return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
}

struct vzbc_ioc {
	unsigned int cmd;
	long (*handler)(void __user *uarg);
};

static const struct vzbc_ioc vzbc_iocs[] = {
	{ VZBC_IOC_VERSION, vzbc_ioc_version },
	{ VZBC_IOC_CT_REGISTER, vzbc_ioc_ct_register },
	{ VZBC_IOC_CT_UNREGISTER, vzbc_ioc_ct_unregister },
	{ VZBC_IOC_SET_LIMITS, vzbc_ioc_set_limits },
	{ VZBC_IOC_GET_BC, vzbc_ioc_get_bc },
	{ VZBC_IOC_LIST, vzbc_ioc_list },
	{ VZBC_IOC_NET_ATTACH, vzbc_ioc_net_attach },
	{ VZBC_IOC_NET_ADDR, vzbc_ioc_net_addr },
	{ VZBC_IOC_NET_INFO, vzbc_ioc_net_info },
	{ VZBC_IOC_SET_VIEW, vzbc_ioc_set_view },
	{ VZBC_IOC_GET_VIEW, vzbc_ioc_get_view },
};

static const struct vzbc_ioc *vzbc_ioc_find(unsigned int nr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vzbc_iocs); i++)
		if (_IOC_NR(vzbc_iocs[i].cmd) == nr)
			return &vzbc_iocs[i];
	return NULL;
}

/*
 * Unknown commands give ENOTTY whoever asks; a known command asked by
 * anyone but CAP_SYS_ADMIN of the initial user namespace, or by any task
 * inside a registered container, gives EPERM;
 * a known command number with the wrong size or direction gives EINVAL.
 */
static long vzbc_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	const struct vzbc_ioc *ioc;

	if (_IOC_TYPE(cmd) != VZBC_IOC_MAGIC)
		return -ENOTTY;
	ioc = vzbc_ioc_find(_IOC_NR(cmd));
	if (!ioc)
		return -ENOTTY;
	if (!capable(CAP_SYS_ADMIN) || vzbc_current_in_ct())
		return -EPERM;
	if (cmd != ioc->cmd)
		return -EINVAL;
	return ioc->handler((void __user *)arg);
}

static const struct file_operations vzbc_ctl_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= vzbc_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice vzbc_ctl_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= VZBC_DEVICE_NAME,
	.fops	= &vzbc_ctl_fops,
	.mode	= 0600,
};

int vzbc_ctl_init(void)
{
	return misc_register(&vzbc_ctl_dev);
}

void vzbc_ctl_uninit(void)
{
	misc_deregister(&vzbc_ctl_dev);
}
