// SPDX-License-Identifier: GPL-2.0
/*
 * OpenVZ-style config files (see conf.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"

const char *conf_line_value(const char *line, const char *key)
{
	size_t klen = strlen(key);

	line += strspn(line, " \t");
	if (strncmp(line, key, klen) || line[klen] != '=')
		return NULL;
	return line + klen + 1;
}

static int conf_read(const char *path, char **data)
{
	FILE *f = fopen(path, "re");
	size_t len = 0;
	int ret = 0;

	*data = NULL;
	if (!f)
		return -errno;
	if (getdelim(data, &len, '\0', f) < 0) {
		if (ferror(f))
			ret = -EIO;
		free(*data);
		*data = strdup("");	/* an empty file */
		if (!*data)
			ret = -ENOMEM;
	}
	fclose(f);
	return ret;
}

/*
 * The next line of a buffer, cut in place; blank lines are lines, and the
 * newline ending the last line does not start another. NULL at the end.
 */
static char *next_line(char **cursor)
{
	if (!*cursor || !**cursor)
		return NULL;
	return strsep(cursor, "\n");
}

/* index of the kv whose key the line assigns, or -1 */
static int conf_match(const char *line, const struct conf_kv *kv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (conf_line_value(line, kv[i].key))
			return (int)i;
	return -1;
}

static int conf_write_lines(FILE *out, char *data, const struct conf_kv *kv,
			    size_t n, char *done)
{
	char *line, *cursor = data;
	int i;

	while ((line = next_line(&cursor))) {
		i = conf_match(line, kv, n);
		if (i < 0)
			fprintf(out, "%s\n", line);
		else if (!done[i]++)
			fprintf(out, "%s=\"%s\"\n", kv[i].key, kv[i].value);
	}
	for (i = 0; (size_t)i < n; i++)
		if (!done[i])
			fprintf(out, "%s=\"%s\"\n", kv[i].key, kv[i].value);
	return ferror(out) ? -EIO : 0;
}

static int fsync_dir_of(const char *path)
{
	char *copy = strdup(path);
	int fd, ret = 0;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fsync(fd))
		ret = -errno;
	if (fd >= 0)
		close(fd);
	free(copy);
	return ret;
}

int conf_update(const char *path, const struct conf_kv *kv, size_t n)
{
	char *data = NULL, *tmp = NULL, *done = NULL;
	struct stat st;
	FILE *out = NULL;
	int fd = -1, ret;

	ret = conf_read(path, &data);
	if (ret)
		goto out;
	ret = -ENOMEM;
	done = calloc(n ? n : 1, 1);
	if (!done || asprintf(&tmp, "%s.XXXXXX", path) < 0) {
		tmp = NULL;
		goto out;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (!stat(path, &st))
		fchmod(fd, st.st_mode & 07777);
	out = fdopen(fd, "w");
	if (!out) {
		ret = -errno;
		close(fd);
		goto out_unlink;
	}
	ret = conf_write_lines(out, data, kv, n, done);
	if (!ret && (fflush(out) || fsync(fileno(out))))
		ret = -errno;
	if (fclose(out) && !ret)
		ret = -errno;
	if (ret)
		goto out_unlink;
	if (rename(tmp, path)) {
		ret = -errno;
		goto out_unlink;
	}
	ret = fsync_dir_of(path);
	goto out;
out_unlink:
	unlink(tmp);
out:
	free(tmp);
	free(done);
	free(data);
	return ret;
}

int conf_get(const char *path, const char *key, char *buf, size_t len)
{
	char *data, *line, *cursor;
	const char *v = NULL;
	size_t vlen;
	int ret;

	ret = conf_read(path, &data);
	if (ret)
		return ret;
	cursor = data;
	while ((line = next_line(&cursor))) {
		const char *found = conf_line_value(line, key);

		if (found)
			v = found;	/* the last assignment wins, as in sh */
	}
	ret = -ENOENT;
	if (v) {
		vlen = strcspn(v, "\r");
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
			v++;
			vlen -= 2;
		}
		ret = -ENAMETOOLONG;
		if (vlen < len) {
			memcpy(buf, v, vlen);
			buf[vlen] = '\0';
			ret = 0;
		}
	}
	free(data);
	return ret;
}
