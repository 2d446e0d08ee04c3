// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the config file code (tools/lib/conf.c): any bytes
 * as a CTID.conf, then conf_get() of a few keys and conf_update() of two.
 * Checked: no crash or sanitizer report; after the update each key reads
 * back as written; every line that assigned neither key is still there, in
 * its order. And the values of every key vzctl set and create know,
 * through their parameters' parsers (tools/lib/params.c): no crash, and a
 * beancounter's or a disk limit's value, once kept, parses to itself.
 *
 *   make fuzz FUZZ_SECONDS=30       (make check runs it for a bounded time)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "err.h"
#include "params.h"

static char path[64];

static int write_all(const char *p, const uint8_t *data, size_t len)
{
	FILE *f = fopen(p, "we");

	if (!f)
		return -1;
	if (len && fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

static char *read_all(const char *p)
{
	FILE *f = fopen(p, "re");
	char *buf = NULL;
	size_t len = 0;

	if (!f)
		abort();
	if (getdelim(&buf, &len, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	fclose(f);
	return buf;
}

/* the lines of text that assign neither key, joined with '\n' */
static char *other_lines(const char *text)
{
	char *copy = strdup(text), *out = calloc(1, strlen(text) + 2), *cur = copy, *line;

	while (cur && *cur) {
		line = strsep(&cur, "\n");
		if (conf_line_value(line, "NUMPROC") || conf_line_value(line, "HOSTNAME"))
			continue;
		strcat(out, line);
		strcat(out, "\n");
	}
	free(copy);
	return out;
}

/* each known key's value through its rows' parsers */
static void parse_values(void)
{
	char arg[VZ_VALUE_MAX], val[VZ_VALUE_MAX], again[VZ_VALUE_MAX];
	const struct vz_param *p;
	struct vz_err err;

	for (p = vz_params; p->name; p++) {
		if (!p->parse || conf_get(path, p->key, arg, sizeof(arg)))
			continue;
		if (p->parse(p, arg, val, sizeof(val), &err))
			continue;
		if ((p->parse == vz_parse_ubc || p->parse == vz_parse_disk) &&
		    (p->parse(p, val, again, sizeof(again), &err) || strcmp(val, again)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct conf_kv kv[] = {
		{ "NUMPROC", "240:240" },
		{ "HOSTNAME", "ct.example" },
	};
	char buf[256], *before, *after, *b_other, *a_other;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/vzbc-fuzz-conf.%d", getpid());
	if (memchr(data, '\0', size))	/* text files only */
		return 0;
	if (write_all(path, data, size))
		abort();
	conf_get(path, "NUMPROC", buf, sizeof(buf));
	conf_get(path, "VE_ROOT", buf, 4);
	conf_get(path, "", buf, sizeof(buf));
	parse_values();

	before = read_all(path);
	if (conf_update(path, kv, 2))
		abort();
	after = read_all(path);
	if (conf_get(path, "NUMPROC", buf, sizeof(buf)) || strcmp(buf, "240:240"))
		abort();
	if (conf_get(path, "HOSTNAME", buf, sizeof(buf)) || strcmp(buf, "ct.example"))
		abort();
	b_other = other_lines(before);
	a_other = other_lines(after);
	/* the update may end the last line with a newline: compare as lines */
	if (strcmp(b_other, a_other))
		abort();
	free(before);
	free(after);
	free(b_other);
	free(a_other);
	unlink(path);
	return 0;
}
