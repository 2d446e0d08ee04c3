/* SPDX-License-Identifier: GPL-2.0 */
/*
 * OpenVZ-style config files (/etc/vz/conf/CTID.conf, vz.conf): lines of
 * KEY="value"; comments, blank lines and keys nobody here knows are kept
 * as they are.
 */
#ifndef VZ_CONF_H
#define VZ_CONF_H

#include <stddef.h>

struct conf_kv {
	const char *key;
	const char *value;
};

/*
 * Set each key to its value in the file at path, which must exist: the
 * first KEY= line of a key is replaced, later ones dropped, missing keys
 * appended. The new file replaces the old atomically (temp file, fsync,
 * rename), so a crash leaves either the old or the new file. 0 or -errno.
 */
int conf_update(const char *path, const struct conf_kv *kv, size_t n);

/*
 * The value of key in the file at path, unquoted, into buf. 0, -ENOENT
 * when the key is absent (or the file is), -ENAMETOOLONG when buf is short.
 */
int conf_get(const char *path, const char *key, char *buf, size_t len);

/* Is the line an assignment to key? Returns the value start, or NULL. */
const char *conf_line_value(const char *line, const char *key);

#endif /* VZ_CONF_H */
