/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vzbc internal interfaces, shared by the files of vzbc.ko.
 */
#ifndef VZBC_H
#define VZBC_H

#include <linux/types.h>
#include <uapi/linux/vzbc.h>

/* /proc/vz/ and the files in it */
int vzbc_proc_init(void);
void vzbc_proc_uninit(void);

/* /dev/vzctl */
int vzbc_ctl_init(void);
void vzbc_ctl_uninit(void);

#endif /* VZBC_H */
