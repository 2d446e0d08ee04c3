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

struct vzbc_ioc {
	unsigned int cmd;
	long (*handler)(void __user *uarg);
};

static const struct vzbc_ioc vzbc_iocs[] = {
	{ VZBC_IOC_VERSION, vzbc_ioc_version },
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
 * anyone but CAP_SYS_ADMIN of the initial user namespace gives EPERM;
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
	if (!capable(CAP_SYS_ADMIN))
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
