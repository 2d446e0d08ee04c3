// SPDX-License-Identifier: GPL-2.0
/*
 * OpenVZ's beancounter files read back (see bcstat.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bcstat.h"
#include "ubc.h"

static struct vz_bcblock *new_block(struct vz_bcstat *st)
{
	struct vz_bcblock *b = realloc(st->b, (st->n + 1) * sizeof(*b));

	if (!b)
		return NULL;
	st->b = b;
	b = &st->b[st->n++];
	memset(b, 0, sizeof(*b));
	return b;
}

/* "123:" into *ctid: true when tok is one */
static bool ctid_token(const char *tok, unsigned int *ctid)
{
	size_t len = strlen(tok);
	char *end;
	unsigned long v;

	if (len < 2 || tok[len - 1] != ':' || strspn(tok, "0123456789") != len - 1)
		return false;
	v = strtoul(tok, &end, 10);
	if (v > 0xffffffffUL)
		return false;
	*ctid = v;
	return true;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s || !*s || strspn(s, "0123456789") != strlen(s))
		return -EPROTO;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno ? -EPROTO : 0;
}

/* One row, its tokens in tok[0..n-1]: into the current block (a new one
 * when the row starts with "CTID:") */
static int parse_row(struct vz_bcstat *st, char **tok, int n)
{
	struct vz_bcblock *b = st->n ? &st->b[st->n - 1] : NULL;
	const struct ubc_res *res;
	uint64_t v[5];
	unsigned int ctid;
	int i;

	if (ctid_token(tok[0], &ctid)) {
		b = new_block(st);
		if (!b)
			return -ENOMEM;
		b->ctid = ctid;
		b->have_ctid = true;
		tok++;
		n--;
	}
	if (n != 6)
		return -EPROTO;
	for (i = 0; i < 5; i++)
		if (parse_u64(tok[i + 1], &v[i]))
			return -EPROTO;
	if (!b) {		/* a per-container file: no CTID column */
		b = new_block(st);
		if (!b)
			return -ENOMEM;
	}
	res = ubc_by_name(tok[0]);
	if (!res)		/* "dummy", or a resource of a later kernel */
		return 0;
	b->r[res->id] = (struct vz_bcrow){ v[0], v[1], v[2], v[3], v[4] };
	b->present |= 1u << res->id;
	return 0;
}

int vz_bcstat_parse(FILE *f, struct vz_bcstat *st)
{
	char line[512], *tok[8], *save, *t;
	int n, ret;

	memset(st, 0, sizeof(*st));
	while (fgets(line, sizeof(line), f)) {
		if (!strchr(line, '\n') && !feof(f))
			return -EPROTO;
		n = 0;
		for (t = strtok_r(line, " \t\n", &save); t && n < 8; t = strtok_r(NULL, " \t\n", &save))
			tok[n++] = t;
		if (!n)
			continue;
		if (!strcmp(tok[0], "Version:")) {
			if (n != 2 || strcmp(tok[1], "2.5"))
				return -EPROTO;
			continue;
		}
		if (!strcmp(tok[0], "uid") || !strcmp(tok[0], "resource"))
			continue;	/* the header */
		ret = parse_row(st, tok, n);
		if (ret)
			return ret;
	}
	return ferror(f) ? -EIO : 0;
}

int vz_bcstat_read(const char *path, struct vz_bcstat *st)
{
	FILE *f;
	int ret;

	memset(st, 0, sizeof(*st));
	if (!strcmp(path, "-"))
		return vz_bcstat_parse(stdin, st);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	ret = vz_bcstat_parse(f, st);
	fclose(f);
	return ret;
}

void vz_bcstat_free(struct vz_bcstat *st)
{
	free(st->b);
	st->b = NULL;
	st->n = 0;
}

const struct vz_bcblock *vz_bcstat_find(const struct vz_bcstat *st, unsigned int ctid)
{
	unsigned int i;

	for (i = 0; i < st->n; i++)
		if (st->b[i].have_ctid && st->b[i].ctid == ctid)
			return &st->b[i];
	return NULL;
}

void vz_bcblock_from_bc(const struct vzbc_bc *bc, struct vz_bcblock *b)
{
	unsigned int i;

	memset(b, 0, sizeof(*b));
	b->ctid = bc->ctid;
	b->have_ctid = true;
	for (i = 0; i < ubc_nr_resources; i++) {
		unsigned int id = ubc_resources[i].id;
		const struct vzbc_ubparm *p = &bc->res[id];

		if (id >= bc->nr_resources)
			continue;
		b->r[id] = (struct vz_bcrow){ p->held, p->maxheld, p->barrier, p->limit, p->failcnt };
		b->present |= 1u << id;
	}
}

const char *vz_bcstat_default_path(void)
{
	return access("/proc/bc/resources", R_OK) ? "/proc/user_beancounters" : "/proc/bc/resources";
}
