// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/vz/netstat read back (see netstat.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "netstat.h"

static const char netstat_head[] =
	"CTID in_bytes in_packets out_bytes out_packets drop_bytes drop_packets";

/* the header line with its runs of spaces made single */
static bool is_head(const char *line)
{
	char words[128];
	size_t n = 0;
	const char *p;

	for (p = line; *p && *p != '\n' && n < sizeof(words) - 1; p++)
		if (*p != ' ' || (n && words[n - 1] != ' '))
			words[n++] = *p;
	while (n && words[n - 1] == ' ')
		n--;
	words[n] = '\0';
	return !strcmp(words, netstat_head);
}

static int add_row(struct vz_netstat *ns, const char *line)
{
	struct vz_netstat_row r, *grown;
	char end;

	if (sscanf(line, "%u %llu %llu %llu %llu %llu %llu %c", &r.ctid,
		   &r.s.in_bytes, &r.s.in_packets, &r.s.out_bytes, &r.s.out_packets,
		   &r.s.drop_bytes, &r.s.drop_packets, &end) != 7)
		return -EPROTO;
	grown = realloc(ns->r, (ns->n + 1) * sizeof(*ns->r));
	if (!grown)
		return -ENOMEM;
	ns->r = grown;
	ns->r[ns->n++] = r;
	return 0;
}

int vz_netstat_parse(FILE *f, struct vz_netstat *ns)
{
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;

	memset(ns, 0, sizeof(*ns));
	if (getline(&line, &cap, f) < 0 || strcmp(line, "Version: 1.0\n") ||
	    getline(&line, &cap, f) < 0 || !is_head(line))
		ret = -EPROTO;
	while (!ret && getline(&line, &cap, f) >= 0)
		ret = add_row(ns, line);
	free(line);
	if (ret)
		vz_netstat_free(ns);
	return ret;
}

int vz_netstat_read(const char *path, struct vz_netstat *ns)
{
	FILE *f;
	int ret;

	memset(ns, 0, sizeof(*ns));
	f = fopen(path, "re");
	if (!f)
		return -errno;
	ret = vz_netstat_parse(f, ns);
	fclose(f);
	return ret;
}

void vz_netstat_free(struct vz_netstat *ns)
{
	free(ns->r);
	memset(ns, 0, sizeof(*ns));
}

const struct vzbc_net_stats *vz_netstat_find(const struct vz_netstat *ns, unsigned int ctid)
{
	unsigned int i;

	for (i = 0; i < ns->n; i++)
		if (ns->r[i].ctid == ctid)
			return &ns->r[i].s;
	return NULL;
}
