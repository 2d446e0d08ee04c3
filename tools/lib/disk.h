/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disk space of a container: DISKSPACE and DISKINODES values, and the
 * ploop-style layout (an ext4 image on a loop device). See disk.c.
 */
#ifndef VZ_DISK_H
#define VZ_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vzenv;

/* DISKSPACE (size: KiB, K/M/G/T suffixes) or DISKINODES values,
 * "soft[:hard]" or "unlimited": 0, -EINVAL, or -EDOM (soft above hard).
 * And back. */
int disk_parse(const char *s, bool size, uint64_t *soft, uint64_t *hard);
void disk_format(uint64_t soft, uint64_t hard, char *buf, size_t len);

/* VE_LAYOUT and --layout: simfs, or ploop[:expanded|:plain|:raw] (plain and
 * raw: every block allocated at once). 0 or -EINVAL. */
int vz_layout_parse(const char *s, bool *ploop, bool *prealloc);

/* The ploop layout: the image of a private area, whether a
 * container has one, making one (an ext4 file system of size_kb, with
 * inodes inodes when not 0 or unlimited; prealloc: all blocks allocated),
 * mounting it, resizing it (grows mounted or not, shrinks unmounted only:
 * -EBUSY), and the space and inodes its files use (-ENODATA unless it is a
 * mounted ploop container). 0 or -errno. */
#define PLOOP_MIN_KB	(16 * 1024)	/* the smallest image made or resized to */
int ploop_image(const char *private, char *buf, size_t len);
bool ploop_exists(const struct vzenv *env);
int ploop_create(const char *private, uint64_t size_kb, uint64_t inodes, bool prealloc);
int ploop_mount(const char *private, const char *dir, unsigned long flags);
int ploop_resize(const struct vzenv *env, uint64_t size_kb);
int disk_usage(const struct vzenv *env, uint64_t *used_kb, uint64_t *used_inodes);

#endif /* VZ_DISK_H */
