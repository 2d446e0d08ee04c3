// SPDX-License-Identifier: GPL-2.0
/*
 * start --wait: how far a container's boot has come, seen from the host.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ct.h"
#include "err.h"
#include "join.h"
#include "util.h"
#include "vzenv.h"
#include "vzexit.h"

/* how long start --wait waits for the boot to finish, as OpenVZ: 30 min */
#define CT_BOOT_TIMEOUT_MS	(30u * 60 * 1000)

/* Does a boot script run the way init starts one (sysvinit's rc and rcS,
 * busybox's sysinit rcS, OpenRC)? */
static bool is_boot_script(const char *cmdline)
{
	static const char *const pats[] = {
		"/etc/init.d/rc", "/etc/rc.d/rc", "/etc/rc.sysinit", "openrc ",
	};
	size_t i;

	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
		if (strstr(cmdline, pats[i]))
			return true;
	return false;
}

/*
 * Where a non-systemd boot stands, from the host: init's children. Booting
 * while one of them runs a boot script, or while init has started nothing
 * yet; booted once it has children and none is a boot script (sysvinit and
 * busybox init start gettys and daemons only after their rc scripts).
 * 1: booted, 0: booting, -errno: init is gone.
 */
static int ct_boot_state(pid_t init)
{
	char path[64], line[256], cmd[512];
	bool children = false, booting = false;
	struct dirent *de;
	DIR *d;
	FILE *f;
	pid_t pid, ppid;

	d = opendir("/proc");
	if (!d)
		return -errno;
	while (!booting && (de = readdir(d))) {
		pid = atoi(de->d_name);
		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		f = fopen(path, "re");
		if (!f)
			continue;
		ppid = 0;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "PPid: %d", &ppid) == 1)
				break;
		fclose(f);
		if (ppid != init)
			continue;
		children = true;
		booting = !vz_proc_cmdline(pid, cmd, sizeof(cmd)) && is_boot_script(cmd);
	}
	closedir(d);
	if (kill(init, 0) && errno == ESRCH)
		return -ESRCH;
	return children && !booting;
}

/* Is the container's init systemd? */
static bool ct_init_is_systemd(pid_t init)
{
	char path[64], comm[32] = "";
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", init);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, comm, sizeof(comm) - 1);
	close(fd);
	return n > 0 && !strncmp(comm, "systemd\n", 8);
}

/*
 * start --wait: until the container's init has finished booting, as
 * OpenVZ's vzctl waits for its init to reach the default runlevel. systemd
 * says so itself (systemctl is-system-running --wait: running, or
 * degraded when a unit failed); for other inits, the boot scripts they run
 * (ct_boot_state).
 */
int vz_ct_wait_booted(const struct vzenv *env, struct vz_err *err)
{
	static const char *const systemd_wait[] = {
		"/bin/sh", "-c", "systemctl is-system-running --wait > /dev/null 2>&1; "
		"case $(systemctl is-system-running 2> /dev/null) in "
		"running|degraded) exit 0 ;; esac; exit 1", NULL,
	};
	unsigned int waited = 0;
	pid_t init;
	int r;

	vz_log(VZ_INFO, "Waiting for the container to finish booting...");
	for (;;) {
		init = vzenv_init_pid(env);
		if (init <= 0)
			break;
		if (ct_init_is_systemd(init)) {
			r = vz_ct_exec(env, systemd_wait, VZ_EXEC_QUIET, -1);
			if (r >= 0 && WIFEXITED(r) && WEXITSTATUS(r) == 0)
				return 0;
		} else {
			r = ct_boot_state(init);
			if (r == 1)
				return 0;
			if (r < 0)
				break;
		}
		if (waited >= CT_BOOT_TIMEOUT_MS)
			return vz_failp(err, VZ_SYSTEM_ERROR,
					"the container did not finish booting in %u s",
					CT_BOOT_TIMEOUT_MS / 1000);
		vz_msleep(200);
		waited += 200;
	}
	return vz_failp(err, VZ_ENVCREATE_ERROR, "the container's init exited while it was booting");
}
