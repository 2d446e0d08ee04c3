// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for vzpid's lookup (tools/lib/ctpid.c): a cgroup path's
 * container, and a process's CTID and PID inside from a made-up /proc.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "ctpid.h"

static void cgroup_paths(void **state)
{
	unsigned int id = 0;

	(void)state;
	assert_true(vz_pid_cgroup_ctid("/vzbc/101", "/sys/fs/cgroup/vzbc", &id));
	assert_int_equal(id, 101);
	assert_true(vz_pid_cgroup_ctid("/vzbc/102/init.scope", "/sys/fs/cgroup/vzbc/", &id));
	assert_int_equal(id, 102);
	assert_true(vz_pid_cgroup_ctid("/vzbc/103/vzctl-exec", "/sys/fs/cgroup/vzbc", &id));
	assert_int_equal(id, 103);
	/* a delegated subtree elsewhere */
	assert_true(vz_pid_cgroup_ctid("/system.slice/vz.service/104", "/sys/fs/cgroup/"
				       "system.slice/vz.service", &id));
	assert_int_equal(id, 104);
	/* not a container's */
	assert_false(vz_pid_cgroup_ctid("/", "/sys/fs/cgroup/vzbc", &id));
	assert_false(vz_pid_cgroup_ctid("/vzbc", "/sys/fs/cgroup/vzbc", &id));
	assert_false(vz_pid_cgroup_ctid("/vzbc/", "/sys/fs/cgroup/vzbc", &id));
	assert_false(vz_pid_cgroup_ctid("/vzbcx/101", "/sys/fs/cgroup/vzbc", &id));
	assert_false(vz_pid_cgroup_ctid("/vzbc/abc", "/sys/fs/cgroup/vzbc", &id));
	assert_false(vz_pid_cgroup_ctid("/vzbc/0", "/sys/fs/cgroup/vzbc", &id));
	assert_false(vz_pid_cgroup_ctid("/user.slice/101", "/sys/fs/cgroup/vzbc", &id));
}

static char root[] = "/tmp/test_ctpid.XXXXXX";

static void fake(int pid, const char *cgroup, const char *status)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%d", root, pid);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%d/cgroup", root, pid);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(cgroup, f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/%d/status", root, pid);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(status, f);
	fclose(f);
}

static void processes(void **state)
{
	const char *base = "/sys/fs/cgroup/vzbc";
	struct vz_pidinfo pi;

	(void)state;
	assert_non_null(mkdtemp(root));
	fake(4242, "0::/vzbc/101\n", "Name:\tsleep\nUmask:\t0022\nPid:\t4242\n"
	     "NSpid:\t4242\t17\n");
	fake(1, "0::/init.scope\n", "Name:\tsystemd\nNSpid:\t1\n");
	fake(77, "12:pids:/\n0::/vzbc/7/sub/deeper\n", "Name:\tsh\nNSpid:\t77\t5\t2\n");
	fake(88, "1:name=systemd:/\n", "Name:\tx\nNSpid:\t88\n");

	assert_int_equal(vz_pid_info(root, 4242, base, &pi), 0);
	assert_int_equal(pi.ctid, 101);
	assert_int_equal(pi.vpid, 17);
	assert_string_equal(pi.name, "sleep");
	assert_int_equal(vz_pid_info(root, 1, base, &pi), 0);
	assert_int_equal(pi.ctid, 0);
	assert_int_equal(pi.vpid, 1);
	assert_string_equal(pi.name, "systemd");
	/* nested namespaces: the container's is the first below the host's */
	assert_int_equal(vz_pid_info(root, 77, base, &pi), 0);
	assert_int_equal(pi.ctid, 7);
	assert_int_equal(pi.vpid, 5);
	/* no cgroup v2 line, no such process */
	assert_int_equal(vz_pid_info(root, 88, base, &pi), -EPROTO);
	assert_int_equal(vz_pid_info(root, 99, base, &pi), -ESRCH);
	assert_int_equal(vz_pid_info(root, 0, base, &pi), -ESRCH);
	/* a status that names another process */
	fake(5, "0::/\n", "Name:\tx\nNSpid:\t6\n");
	assert_int_equal(vz_pid_info(root, 5, base, &pi), -EPROTO);
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd) ? -1 : 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cgroup_paths),
		cmocka_unit_test(processes),
	};

	return cmocka_run_group_tests_name("ctpid", tests, NULL, teardown);
}
