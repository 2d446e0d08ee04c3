// SPDX-License-Identifier: GPL-2.0
/*
 * libvzbc: /dev/vzctl access shared by all tools.
 */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "libvzbc.h"
#include "vzexit.h"

int vzbc_open(void)
{
	int fd = open(VZBC_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int vzbc_get_version(int fd, struct vzbc_version *v)
{
	memset(v, 0, sizeof(*v));
	if (ioctl(fd, VZBC_IOC_VERSION, v) < 0)
		return -errno;
	v->release[sizeof(v->release) - 1] = '\0';
	return 0;
}

int vzbc_abi_check(const struct vzbc_version *v)
{
	return v->abi_major == VZBC_ABI_MAJOR ? 0 : -EPROTO;
}

const char *vzbc_strerror(int err)
{
	switch (err) {
	case -ENOENT:
	case -ENODEV:
	case -ENXIO:
		return "vzbc module is not loaded: modprobe vzbc";
	case -EACCES:
	case -EPERM:
		return "permission denied: vzbc control needs root (CAP_SYS_ADMIN)";
	case -EPROTO:
		return "vzbc module speaks another ABI version: install matching tools and module";
	case -ENOTTY:
		return VZBC_DEVICE_PATH " is not a vzbc device (an OpenVZ kernel?)";
	case -EOPNOTSUPP:
		return "the memory controller is not enabled for the container's cgroup";
	default:
		return strerror(-err);
	}
}

int vz_exit_code(int err)
{
	switch (err) {
	case 0:
		return VZ_SUCCESS;
	case -ENOENT:
	case -ENODEV:
	case -ENXIO:
	case -EPROTO:
	case -ENOTTY:
		return VZ_BAD_KERNEL;
	case -EACCES:
	case -EPERM:
		return VZ_NO_ACCES;
	case -EINVAL:
		return VZ_INVALID_PARAMETER_VALUE;
	default:
		return VZ_SYSTEM_ERROR;
	}
}

int vzbc_set_limits(int fd, unsigned int ctid, const struct vzbc_limit *l,
		    unsigned int n)
{
	struct vzbc_set_limits r = {
		.ctid = ctid,
		.count = n,
		.limits = (uintptr_t)l,
	};

	return ioctl(fd, VZBC_IOC_SET_LIMITS, &r) < 0 ? -errno : 0;
}

int vzbc_get_bc(int fd, unsigned int ctid, struct vzbc_bc *bc)
{
	memset(bc, 0, sizeof(*bc));
	bc->ctid = ctid;
	return ioctl(fd, VZBC_IOC_GET_BC, bc) < 0 ? -errno : 0;
}

int vzbc_ct_register(int fd, unsigned int ctid, int cgroup_fd)
{
	struct vzbc_ct_register r = { .ctid = ctid, .cgroup_fd = cgroup_fd };

	return ioctl(fd, VZBC_IOC_CT_REGISTER, &r) < 0 ? -errno : 0;
}

int vzbc_ct_unregister(int fd, unsigned int ctid)
{
	struct vzbc_ct_id r = { .ctid = ctid };

	return ioctl(fd, VZBC_IOC_CT_UNREGISTER, &r) < 0 ? -errno : 0;
}

int vzbc_set_view(int fd, unsigned int ctid, unsigned int parts)
{
	struct vzbc_set_view r = { .ctid = ctid, .parts = parts };

	return ioctl(fd, VZBC_IOC_SET_VIEW, &r) < 0 ? -errno : 0;
}

int vzbc_get_view(int fd, unsigned int ctid, struct vzbc_view_info *vi)
{
	memset(vi, 0, sizeof(*vi));
	vi->ctid = ctid;
	return ioctl(fd, VZBC_IOC_GET_VIEW, vi) < 0 ? -errno : 0;
}
