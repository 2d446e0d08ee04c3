/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libvzbc: the tools' access to vzbc.ko. Every function returns 0 (or a
 * non-negative value) on success and a negative errno on failure; none
 * prints. Messages are the caller's business (vzbc_strerror helps).
 */
#ifndef LIBVZBC_H
#define LIBVZBC_H

#include <stddef.h>
#include <linux/vzbc.h>

/* Open the control device (VZBC_DEVICE_PATH); returns an fd or -errno. */
int vzbc_open(void);

/* Issue VZBC_IOC_VERSION on fd; fills *v. */
int vzbc_get_version(int fd, struct vzbc_version *v);

/* 0 when a module of that ABI can serve these tools, else -EPROTO. */
int vzbc_abi_check(const struct vzbc_version *v);

/*
 * A message for an error returned by vzbc_open() or the ioctl wrappers,
 * phrased for an admin: it says what to do where there is something to do.
 */
const char *vzbc_strerror(int err);

#endif /* LIBVZBC_H */
