/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DEVNODES: host device nodes a container gets in its /dev.
 */
#ifndef VZ_DEVNODES_H
#define VZ_DEVNODES_H

#include <stdbool.h>
#include <stddef.h>

/* A DEVNODES entry: "NAME:r|w|rw|none", NAME a path below /dev (letters,
 * digits, "._-+" and "/", no "." or ".." component). */
bool vz_devnode_valid(const char *spec);

/* The DEVNODES to keep: the config's entries cur, then the given ones, the
 * last entry of a device winning and those set to none dropped, into out.
 * 0, -EINVAL when an entry is malformed (out then holds it), -E2BIG when
 * they do not fit (at most 1024 bytes). */
int vz_devnodes_merge(const char *cur, const char *given, char *out, size_t len);

/* In a new container's root (the cwd): the host's /dev/NAME bind-mounted
 * on dev/NAME for every entry of list but those set to none. */
int vz_devnodes_bind(const char *list);

#endif /* VZ_DEVNODES_H */
