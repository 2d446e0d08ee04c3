// SPDX-License-Identifier: GPL-2.0
/*
 * File and process helpers (see util.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

int vz_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return 0;
}

int vz_touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -errno;
	return close(fd) ? -errno : 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path) ? -errno : 0;
	return unlink(path) ? -errno : 0;
}

int vz_rm_rf(const char *path)
{
	int ret;

	if (access(path, F_OK))
		return 0;
	ret = nftw(path, rm_entry, 64, FTW_DEPTH | FTW_PHYS);
	return ret == -1 ? -errno : ret;
}

int vz_copy_file(const char *src, const char *dst)
{
	char buf[8192];
	int in, out, ret = 0;
	ssize_t n;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0) {
		ret = -errno;
		close(in);
		return ret;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			ret = -EIO;
			break;
		}
	if (n < 0)
		ret = -errno;
	if (!ret && fsync(out))
		ret = -errno;
	close(in);
	close(out);
	return ret;
}

/* create path, which must not exist, with text, synced; removed on an error */
static int write_new(const char *path, const char *text)
{
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	if (dprintf(fd, "%s", text) < 0 || fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (ret)
		unlink(path);
	return ret;
}

int vz_replace_file(const char *path, const char *tmp, const char *text)
{
	int ret;

	unlink(tmp);
	ret = write_new(tmp, text);
	if (!ret && rename(tmp, path)) {
		ret = -errno;
		unlink(tmp);
	}
	return ret;
}

int vz_create_file(const char *path, const char *text)
{
	return write_new(path, text);
}

void vz_msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int vz_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return status;
}

int vz_status_code(int status)
{
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int vz_proc_cmdline(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n, i;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = ' ';
	buf[n] = '\0';
	return 0;
}

bool vz_all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 10;
}

int vz_each_word(const char *s, int (*fn)(const char *w, void *arg), void *arg)
{
	char w[VZ_WORD_MAX];
	size_t n;
	int ret = 0;

	while (s && *s && !ret) {
		s += strspn(s, " ");
		n = strcspn(s, " ");
		if (!n)
			break;
		if (n >= sizeof(w))
			return -ENAMETOOLONG;
		memcpy(w, s, n);
		w[n] = '\0';
		ret = fn(w, arg);
		s += n;
	}
	return ret;
}
