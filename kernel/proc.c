// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/vz/: the directory OpenVZ tools look for, and /proc/vz/version.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#include "vzbc.h"

static struct proc_dir_entry *vzbc_proc_vz;

static int vzbc_version_show(struct seq_file *m, void *v)
{
	seq_puts(m, "vzbc-" VZBC_VERSION "\n");
	return 0;
}

int vzbc_proc_init(void)
{
	vzbc_proc_vz = proc_mkdir("vz", NULL);
	if (!vzbc_proc_vz)
		goto err_dir;

	if (!proc_create_single("version", 0444, vzbc_proc_vz,
				vzbc_version_show))
		goto err_version;

	return 0;

err_version:
	proc_remove(vzbc_proc_vz);
err_dir:
	return -ENOMEM;
}

void vzbc_proc_uninit(void)
{
	proc_remove(vzbc_proc_vz);
}
