// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the CTID.conf updater (tools/lib/conf.c), on real files
 * in a scratch directory.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "conf.h"

static char dir[] = "/tmp/vzbc-conf-test.XXXXXX";
static char path[256];

static void write_file(const char *text)
{
	FILE *f = fopen(path, "we");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *read_file(void)
{
	static char buf[4096];
	FILE *f = fopen(path, "re");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/101.conf", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static void replaces_keeps_and_appends(void **state)
{
	const struct conf_kv kv[] = {
		{ "NUMPROC", "100:100" }, { "NUMFILE", "5:5" },
	};

	(void)state;
	write_file("# a comment\n\nNUMPROC=\"240:240\"\nMY_PANEL_KEY=\"keep me\"\n"
		   "HOSTNAME=\"ct101\"\n");
	assert_int_equal(conf_update(path, kv, 2), 0);
	assert_string_equal(read_file(),
			    "# a comment\n\nNUMPROC=\"100:100\"\nMY_PANEL_KEY=\"keep me\"\n"
			    "HOSTNAME=\"ct101\"\nNUMFILE=\"5:5\"\n");
}

static void duplicate_assignments_collapse_to_one(void **state)
{
	const struct conf_kv kv[] = { { "NUMPROC", "7:7" } };

	(void)state;
	write_file("NUMPROC=\"1:1\"\nX=1\nNUMPROC=\"2:2\"\n");
	assert_int_equal(conf_update(path, kv, 1), 0);
	assert_string_equal(read_file(), "NUMPROC=\"7:7\"\nX=1\n");
}

static void similar_keys_are_not_confused(void **state)
{
	const struct conf_kv kv[] = { { "NUMPROC", "7:7" } };

	(void)state;
	write_file("AVNUMPROC=\"180:180\"\nNUMPROCS=\"x\"\n# NUMPROC=\"1:1\"\n");
	assert_int_equal(conf_update(path, kv, 1), 0);
	assert_string_equal(read_file(),
			    "AVNUMPROC=\"180:180\"\nNUMPROCS=\"x\"\n# NUMPROC=\"1:1\"\nNUMPROC=\"7:7\"\n");
}

static void a_last_line_without_newline_is_kept(void **state)
{
	const struct conf_kv kv[] = { { "B", "2" } };

	(void)state;
	write_file("A=\"1\"");
	assert_int_equal(conf_update(path, kv, 1), 0);
	assert_string_equal(read_file(), "A=\"1\"\nB=\"2\"\n");
}

/* libvirt's OpenVZ driver appends "\n#UUID: <uuid>\n" to every CTID.conf
 * and finds the domain by it: every rewrite keeps it where it was */
static void libvirts_uuid_comment_is_kept(void **state)
{
	const struct conf_kv kv[] = { { "PRIVVMPAGES", "1:2" }, { "ONBOOT", "yes" } };

	(void)state;
	write_file("ONBOOT=\"no\"\n\n#UUID: 2f1c1a5e-6d0e-4c39-9d3e-0a7b8c1d2e3f\n");
	assert_int_equal(conf_update(path, kv, 2), 0);
	assert_string_equal(read_file(), "ONBOOT=\"yes\"\n\n"
			    "#UUID: 2f1c1a5e-6d0e-4c39-9d3e-0a7b8c1d2e3f\nPRIVVMPAGES=\"1:2\"\n");
}

static void mode_is_kept_and_no_temp_file_is_left(void **state)
{
	const struct conf_kv kv[] = { { "A", "1" } };
	struct dirent *de;
	struct stat st;
	int entries = 0;
	DIR *d;

	(void)state;
	write_file("");
	chmod(path, 0640);
	assert_int_equal(conf_update(path, kv, 1), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)))
		entries += de->d_name[0] != '.';
	closedir(d);
	assert_int_equal(entries, 1);
}

static void missing_file_is_enoent_and_not_created(void **state)
{
	const struct conf_kv kv[] = { { "A", "1" } };

	(void)state;
	unlink(path);
	assert_int_equal(conf_update(path, kv, 1), -ENOENT);
	assert_int_equal(access(path, F_OK), -1);
}

static void get_reads_the_last_assignment_unquoted(void **state)
{
	char buf[32];

	(void)state;
	write_file("NUMPROC=\"1:1\"\nNUMPROC=\"240:240\"\nBARE=value\nLONG=\"0123456789\"\n");
	assert_int_equal(conf_get(path, "NUMPROC", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "240:240");
	assert_int_equal(conf_get(path, "BARE", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "value");
	assert_int_equal(conf_get(path, "NONE", buf, sizeof(buf)), -ENOENT);
	assert_int_equal(conf_get(path, "LONG", buf, 5), -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replaces_keeps_and_appends),
		cmocka_unit_test(duplicate_assignments_collapse_to_one),
		cmocka_unit_test(similar_keys_are_not_confused),
		cmocka_unit_test(libvirts_uuid_comment_is_kept),
		cmocka_unit_test(a_last_line_without_newline_is_kept),
		cmocka_unit_test(mode_is_kept_and_no_temp_file_is_left),
		cmocka_unit_test(missing_file_is_enoent_and_not_created),
		cmocka_unit_test(get_reads_the_last_assignment_unquoted),
	};

	return cmocka_run_group_tests_name("conf", tests, setup, teardown);
}
