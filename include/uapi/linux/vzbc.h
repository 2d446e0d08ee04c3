/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vzbc: user beancounters for stock Linux kernels.
 *
 * The ABI between vzbc.ko and its tools. Everything crosses /dev/vzctl as
 * ioctls on fixed-size structs made of fixed-width types, so one layout
 * serves 64-bit and compat callers alike.
 *
 * Rules every command follows:
 *  - Only CAP_SYS_ADMIN in the initial user namespace may issue any ioctl
 *    on /dev/vzctl; anyone else gets EPERM.
 *  - A command number the module does not know gives ENOTTY. A known
 *    command issued with the wrong size or direction gives EINVAL.
 *  - Fields named reserved*, and flags bits not defined here, must be zero,
 *    else EINVAL. Future ABI minors give them meaning; old modules thus
 *    refuse what they cannot honour instead of ignoring it.
 *  - A bad user pointer gives EFAULT.
 *
 * Commands:
 *
 *  VZBC_IOC_VERSION (in/out struct vzbc_version)
 *	In: flags and every reserved field zero. Out: the module's ABI
 *	major and minor and its release string (NUL-terminated).
 *	A tool must refuse to talk to a module whose abi_major differs from
 *	its own VZBC_ABI_MAJOR; a larger abi_minor is compatible.
 */
#ifndef _UAPI_LINUX_VZBC_H
#define _UAPI_LINUX_VZBC_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define VZBC_ABI_MAJOR		1
#define VZBC_ABI_MINOR		0

#define VZBC_DEVICE_NAME	"vzctl"
#define VZBC_DEVICE_PATH	"/dev/vzctl"

#define VZBC_IOC_MAGIC		0xBC

#define VZBC_RELEASE_LEN	32

struct vzbc_version {
	__u32 flags;				/* in: must be 0 */
	__u32 abi_major;			/* out */
	__u32 abi_minor;			/* out */
	__u32 reserved0;			/* must be 0 */
	char release[VZBC_RELEASE_LEN];		/* out: module release */
	__u64 reserved[4];			/* must be 0 */
};

#define VZBC_IOC_VERSION	_IOWR(VZBC_IOC_MAGIC, 0x00, struct vzbc_version)

#endif /* _UAPI_LINUX_VZBC_H */
