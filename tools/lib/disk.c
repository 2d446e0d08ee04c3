// SPDX-License-Identifier: GPL-2.0
/*
 * Disk space: DISKSPACE and DISKINODES values, and the ploop-style layout.
 *
 * A ploop container's private area holds one ext4 file system image,
 * VE_PRIVATE/root.hdd/root.hds, whose size is the DISKSPACE limit. It is
 * attached to a free loop device (LOOP_CONFIGURE with autoclear, so the
 * device goes away with the last unmount) and mounted on VE_ROOT. A bigger
 * DISKSPACE grows it in place, mounted or not (the image file, the loop
 * device's capacity, then resize2fs); a smaller one shrinks it only while
 * it is unmounted (e2fsck, resize2fs, then the file). The file system is
 * full when the container has used its diskspace: writes fail with ENOSPC.
 *
 * The simfs layout (a directory) is limited by a project quota where its
 * file system has them (quota.c); elsewhere DISKSPACE and DISKINODES are
 * kept in the config and shown, not enforced.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/loop.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "disk.h"
#include "vzenv.h"

extern char **environ;

/* ------------------------------------------------------------ values */

#define DISK_MAX_KB	(UINT64_C(1) << 42)	/* 4 PiB */

/* OpenVZ's unlimited as a number: LONG_MAX, as its vzctl saved it */
#define DISK_UNLIMITED		"9223372036854775807"

/* One number: digits, then for sizes an optional K, M, G or T (KiB by
 * default; with a suffix a fraction is allowed: 2.2G); "unlimited" and
 * LONG_MAX are UINT64_MAX. 0 or -EINVAL. */
static int disk_parse_one(const char *s, size_t len, bool size, uint64_t *v)
{
	uint64_t n = 0, frac = 0, scale = 1, mul = 1;
	bool suffix = false, in_frac = false;
	size_t i;

	if ((len == 9 && !strncmp(s, "unlimited", 9)) ||
	    (len == strlen(DISK_UNLIMITED) && !strncmp(s, DISK_UNLIMITED, len))) {
		*v = UINT64_MAX;
		return 0;
	}
	if (size && len > 1) {
		suffix = true;
		switch (s[len - 1]) {
		case 'K': case 'k': mul = 1; break;
		case 'M': case 'm': mul = 1024; break;
		case 'G': case 'g': mul = 1024 * 1024; break;
		case 'T': case 't': mul = UINT64_C(1024) * 1024 * 1024; break;
		default: suffix = false; break;
		}
		if (suffix)
			len--;
	}
	if (!len || len > 15)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && suffix && !in_frac && i && i + 1 < len) {
			in_frac = true;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		if (in_frac) {
			if (scale < 1000000) {	/* KiB: more digits change nothing */
				frac = frac * 10 + (s[i] - '0');
				scale *= 10;
			}
		} else {
			n = n * 10 + (s[i] - '0');
		}
	}
	if (n > DISK_MAX_KB / mul)
		return -EINVAL;
	*v = n * mul + frac * mul / scale;
	return 0;
}

int disk_parse(const char *s, bool size, uint64_t *soft, uint64_t *hard)
{
	const char *colon = strchr(s, ':');
	size_t len = colon ? (size_t)(colon - s) : strlen(s);

	if (disk_parse_one(s, len, size, soft))
		return -EINVAL;
	if (!colon) {
		*hard = *soft;
		return 0;
	}
	if (disk_parse_one(colon + 1, strlen(colon + 1), size, hard))
		return -EINVAL;
	return *soft > *hard ? -EDOM : 0;
}

static const char *disk_format_one(uint64_t v, char *buf, size_t len)
{
	if (v == UINT64_MAX)
		return DISK_UNLIMITED;
	snprintf(buf, len, "%" PRIu64, v);
	return buf;
}

void disk_format(uint64_t soft, uint64_t hard, char *buf, size_t len)
{
	char s[24], h[24];

	snprintf(buf, len, "%s:%s", disk_format_one(soft, s, sizeof(s)),
		 disk_format_one(hard, h, sizeof(h)));
}

int vz_layout_parse(const char *s, bool *ploop, bool *prealloc)
{
	const char *mode = strchr(s, ':');

	*ploop = *prealloc = false;
	if (!strcmp(s, "simfs"))
		return 0;
	if (strncmp(s, "ploop", 5) || (s[5] && mode != s + 5) ||
	    (mode && strcmp(mode, ":expanded") && strcmp(mode, ":plain") && strcmp(mode, ":raw")))
		return -EINVAL;
	*ploop = true;
	*prealloc = mode && strcmp(mode, ":expanded");
	return 0;
}

/* ------------------------------------------------------------ helpers */

/* run argv (an e2fsprogs tool, looked up in PATH) quietly: 0, -EIO if it
 * exited above ok_status or was killed, or -errno */
static int disk_run(const char *const *argv, int ok_status)
{
	posix_spawn_file_actions_t fa;
	int status, ret;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
	ret = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (ret)
		return -ret;
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status) > ok_status)
		return -EIO;
	return 0;
}

/* run argv quietly and keep the start of its standard output in out */
static int disk_run_out(const char *const *argv, char *out, size_t len)
{
	posix_spawn_file_actions_t fa;
	int status, ret, p[2];
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	ret = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (ret) {
		close(p[0]);
		return -ret;
	}
	while ((n = read(p[0], out + got, len - 1 - got)) > 0 && got + n < len - 1)
		got += n;
	if (n > 0)
		got += n;
	out[got] = '\0';
	close(p[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

int ploop_image(const char *private, char *buf, size_t len)
{
	if (snprintf(buf, len, "%s/root.hdd/root.hds", private) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

bool ploop_exists(const struct vzenv *env)
{
	char image[PATH_MAX + 32];

	return !ploop_image(env->private, image, sizeof(image)) && !access(image, F_OK);
}

/* ------------------------------------------------------------ loop device */

/* Attach image to a free loop device (autoclear): the device's fd, its path
 * in dev. */
static int loop_attach(const char *image, char *dev, size_t len)
{
	struct loop_config cfg;
	int ctl, img, fd = -1, n, tries, ret = -EBUSY;

	img = open(image, O_RDWR | O_CLOEXEC);
	if (img < 0)
		return -errno;
	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0) {
		ret = -errno;
		goto out_img;
	}
	for (tries = 0; tries < 32; tries++) {
		n = ioctl(ctl, LOOP_CTL_GET_FREE);
		if (n < 0) {
			ret = -errno;
			break;
		}
		snprintf(dev, len, "/dev/loop%d", n);
		fd = open(dev, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			ret = -errno;
			break;
		}
		memset(&cfg, 0, sizeof(cfg));
		cfg.fd = img;
		cfg.info.lo_flags = LO_FLAGS_AUTOCLEAR;
		/* for losetup -l: the name, cut to what the kernel keeps */
		memcpy(cfg.info.lo_file_name, image, strnlen(image, LO_NAME_SIZE - 1));
		if (!ioctl(fd, LOOP_CONFIGURE, &cfg)) {
			ret = fd;
			break;
		}
		ret = -errno;
		close(fd);
		fd = -1;
		if (ret != -EBUSY)	/* taken by someone else in between: again */
			break;
	}
	close(ctl);
out_img:
	close(img);
	return ret;
}

/* Mount the image of private on dir (flags: MS_*); 0 or -errno. */
int ploop_mount(const char *private, const char *dir, unsigned long flags)
{
	char image[PATH_MAX + 32], dev[32];
	int fd, ret = 0;

	ret = ploop_image(private, image, sizeof(image));
	if (ret)
		return ret;
	fd = loop_attach(image, dev, sizeof(dev));
	if (fd < 0)
		return fd;
	if (mount(dev, dir, "ext4", flags, NULL))
		ret = -errno;
	close(fd);	/* autoclear: the device goes with the last unmount */
	return ret;
}

/* Is the loop device whose sysfs directory is sysdir bound to the file ist
 * describes? (An unbound device has no loop/backing_file.) */
static bool loop_backed_by(const char *sysdir, const struct stat *ist)
{
	char path[PATH_MAX], backing[PATH_MAX + 32];
	struct stat bst;
	bool same = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/loop/backing_file", sysdir);
	f = fopen(path, "re");
	if (!f)
		return false;
	if (fgets(backing, sizeof(backing), f)) {
		backing[strcspn(backing, "\n")] = '\0';
		same = !stat(backing, &bst) && bst.st_dev == ist->st_dev &&
		       bst.st_ino == ist->st_ino;
	}
	fclose(f);
	return same;
}

/* The loop device mounted on VE_ROOT, if it is this container's image: its
 * path in dev; 0, or -ENOENT when the image is not mounted there. */
static int ploop_mounted_dev(const struct vzenv *env, const char *image, char *dev, size_t len)
{
	char sys[96], link[PATH_MAX];
	struct stat st, ist;
	ssize_t n;

	if (!vzenv_mounted(env) || stat(env->root, &st) || stat(image, &ist))
		return -ENOENT;
	snprintf(sys, sizeof(sys), "/sys/dev/block/%u:%u", major(st.st_dev), minor(st.st_dev));
	if (!loop_backed_by(sys, &ist))
		return -ENOENT;
	n = readlink(sys, link, sizeof(link) - 1);
	if (n < 0)
		return -errno;
	link[n] = '\0';
	if (snprintf(dev, len, "/dev/%s", strrchr(link, '/') ? strrchr(link, '/') + 1 : link) >=
	    (int)len)
		return -ENAMETOOLONG;
	return 0;
}

/* Is a loop device (any, mounted anywhere or not) backed by image? */
static bool image_attached(const char *image)
{
	char path[300];
	struct dirent *de;
	bool found = false;
	struct stat ist;
	DIR *d;

	if (stat(image, &ist))
		return false;
	d = opendir("/sys/block");
	if (!d)
		return false;
	while (!found && (de = readdir(d))) {
		if (strncmp(de->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s", de->d_name);
		found = loop_backed_by(path, &ist);
	}
	closedir(d);
	return found;
}

/* ------------------------------------------------------------ create */

/* allocate the blocks mkfs left as holes (it zeroes by punching them);
 * a file system without fallocate keeps them sparse */
static int image_fill(const char *image, uint64_t size_kb)
{
	int fd = open(image, O_RDWR | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (fallocate(fd, 0, 0, (off_t)size_kb * 1024) && errno != EOPNOTSUPP)
		ret = -errno;
	close(fd);
	return ret;
}

int ploop_create(const char *private, uint64_t size_kb, uint64_t inodes, bool prealloc)
{
	char image[PATH_MAX + 32], dir[PATH_MAX + 16], size[32], nr[32];
	const char *argv[16];
	int fd, ret = 0, i = 0;

	if (size_kb < PLOOP_MIN_KB)
		return -EINVAL;
	size_kb &= ~UINT64_C(3);		/* whole 4 KiB blocks */
	snprintf(dir, sizeof(dir), "%s/root.hdd", private);
	ret = ploop_image(private, image, sizeof(image));
	if (ret)
		return ret;
	if (mkdir(dir, 0700) && errno != EEXIST)
		return -errno;
	fd = open(image, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (prealloc)
		ret = posix_fallocate(fd, 0, (off_t)size_kb * 1024) ? -ENOSPC : 0;
	else if (ftruncate(fd, (off_t)size_kb * 1024))
		ret = -errno;
	if (!ret && fsync(fd))
		ret = -errno;
	close(fd);
	if (ret)
		return ret;
	snprintf(size, sizeof(size), "%" PRIu64 "K", size_kb);
	argv[i++] = "mkfs.ext4";
	argv[i++] = "-q";
	argv[i++] = "-F";
	argv[i++] = "-b";
	argv[i++] = "4096";	/* ploop_min_kb() counts in these */
	argv[i++] = "-m";
	argv[i++] = "0";
	argv[i++] = "-E";
	/* lazy: the kernel zeroes the inode tables after the first mount, with
	 * write-zeroes that the loop device turns into holes; a preallocated
	 * image has them zeroed now, and refilled below */
	argv[i++] = prealloc ? "lazy_itable_init=0,lazy_journal_init=0,nodiscard" :
			       "lazy_itable_init=1,lazy_journal_init=1,nodiscard";
	if (inodes && inodes != UINT64_MAX) {
		/* at most one per block: sample configs' counts are for gigabytes */
		if (inodes > size_kb / 4)
			inodes = size_kb / 4;
		snprintf(nr, sizeof(nr), "%" PRIu64, inodes);
		argv[i++] = "-N";
		argv[i++] = nr;
	}
	argv[i++] = image;
	argv[i++] = size;
	argv[i] = NULL;
	ret = disk_run(argv, 0);
	return ret || !prealloc ? ret : image_fill(image, size_kb);
}

/* ------------------------------------------------------------ resize */

static int image_truncate(const char *image, uint64_t size_kb)
{
	int fd = open(image, O_RDWR | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size_kb * 1024) || fsync(fd))
		ret = -errno;
	close(fd);
	return ret;
}

/* the image's size now, in KiB */
static int image_size(const char *image, uint64_t *kb)
{
	struct stat st;

	if (stat(image, &st))
		return -errno;
	*kb = (uint64_t)st.st_size / 1024;
	return 0;
}

/* grow while mounted: the file, the loop device's capacity, the fs */
static int ploop_grow_online(const char *image, const char *dev, uint64_t size_kb)
{
	const char *argv[] = { "resize2fs", dev, NULL };
	int fd, ret;

	ret = image_truncate(image, size_kb);
	if (ret)
		return ret;
	fd = open(dev, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = ioctl(fd, LOOP_SET_CAPACITY, 0) ? -errno : 0;
	close(fd);
	return ret ? ret : disk_run(argv, 0);
}

/* the smallest size resize2fs can shrink the (checked) image to, in KiB */
static int ploop_min_kb(const char *image, uint64_t *kb)
{
	const char *argv[] = { "resize2fs", "-P", image, NULL };
	unsigned long long blocks;
	char out[512], *p;
	int ret;

	ret = disk_run_out(argv, out, sizeof(out));
	if (ret)
		return ret;
	p = strstr(out, "minimum size of the filesystem:");
	if (!p || sscanf(strchr(p, ':') + 1, "%llu", &blocks) != 1)
		return -EIO;
	*kb = blocks * 4;	/* ploop_create() makes 4 KiB blocks */
	return 0;
}

static int ploop_resize_offline(const char *image, uint64_t old_kb, uint64_t size_kb)
{
	uint64_t min_kb;
	const char *fsck[] = { "e2fsck", "-f", "-p", image, NULL };
	char size[32];
	const char *resize[] = { "resize2fs", image, size, NULL };
	int ret;

	snprintf(size, sizeof(size), "%" PRIu64 "K", size_kb);
	ret = disk_run(fsck, 1);	/* 1: errors corrected */
	if (ret)
		return ret;
	if (size_kb > old_kb) {
		ret = image_truncate(image, size_kb);
		return ret ? ret : disk_run(resize, 0);
	}
	ret = ploop_min_kb(image, &min_kb);
	if (ret)
		return ret;
	if (size_kb < min_kb)
		return -ENOSPC;
	ret = disk_run(resize, 0);
	return ret ? ret : image_truncate(image, size_kb);
}

/*
 * Give the container's image size_kb: 0, -EBUSY to shrink a mounted one,
 * -ENOSPC below the space its files take, or another -errno.
 */
int ploop_resize(const struct vzenv *env, uint64_t size_kb)
{
	char image[PATH_MAX + 32], dev[64];
	uint64_t old_kb = 0;
	int ret, i;

	if (size_kb < PLOOP_MIN_KB)
		return -EINVAL;
	ret = ploop_image(env->private, image, sizeof(image));
	if (!ret)
		ret = image_size(image, &old_kb);
	if (ret)
		return ret;
	size_kb &= ~UINT64_C(3);		/* whole 4 KiB blocks */
	if (size_kb == old_kb)
		return 0;
	if (!ploop_mounted_dev(env, image, dev, sizeof(dev))) {
		if (size_kb < old_kb)
			return -EBUSY;
		return ploop_grow_online(image, dev, size_kb);
	}
	/* something else mounted there, or the image still in use elsewhere
	 * (a lazy unmount not finished): an offline resize would corrupt it */
	if (vzenv_mounted(env))
		return -EBUSY;
	for (i = 0; image_attached(image); i++) {
		if (i == 30)
			return -EBUSY;
		usleep(100000);	/* a loop device released just now goes soon */
	}
	return ploop_resize_offline(image, old_kb, size_kb);
}

/* ------------------------------------------------------------ usage */

int disk_usage(const struct vzenv *env, uint64_t *used_kb, uint64_t *used_inodes)
{
	struct statvfs sv;

	if (!ploop_exists(env) || !vzenv_mounted(env) || statvfs(env->root, &sv))
		return -ENODATA;
	*used_kb = (uint64_t)(sv.f_blocks - sv.f_bfree) * sv.f_frsize / 1024;
	*used_inodes = (uint64_t)(sv.f_files - sv.f_ffree);
	return 0;
}
