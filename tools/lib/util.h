/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small file and process helpers of the tools. 0 or -errno, never a message.
 */
#ifndef VZ_UTIL_H
#define VZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* PATH for what vzctl runs, on the host and in a container */
#define VZ_PATH		"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

#define VZ_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Write text to an existing file (a cgroup or proc knob). */
int vz_write_file(const char *path, const char *text);

/* Create path (empty) if it is not there. */
int vz_touch(const char *path);

/* rm -rf path, not following symlinks; 0 if it did not exist. */
int vz_rm_rf(const char *path);

/* Copy src to dst (created, must not exist), fsync'ed. */
int vz_copy_file(const char *src, const char *dst);

/* Write text to path atomically: tmp (a name in the same directory,
 * replaced if it is there) written, synced and renamed over path. */
int vz_replace_file(const char *path, const char *tmp, const char *text);

/* Create path (mode 0644) with text, failing with -EEXIST when it is
 * there; nothing is left behind on an error. */
int vz_create_file(const char *path, const char *text);

void vz_msleep(unsigned int ms);

/* waitpid() through EINTR: the wait status, or -errno. */
int vz_wait(pid_t pid);

/* A wait status as a shell reports it: the exit status, or 128 + signal. */
int vz_status_code(int status);

/* The command line of process pid, its NULs made spaces. */
int vz_proc_cmdline(pid_t pid, char *buf, size_t len);

/* Only decimal digits, 1 to 9 of them (the value fits an int). */
bool vz_all_digits(const char *s);

/* the longest word vz_each_word hands on */
#define VZ_WORD_MAX	128

/* Each space-separated word of s (NULL: none) to fn, in order: 0, fn's
 * first error, or -ENAMETOOLONG for a word of VZ_WORD_MAX bytes or more. */
int vz_each_word(const char *s, int (*fn)(const char *w, void *arg), void *arg);

#endif /* VZ_UTIL_H */
