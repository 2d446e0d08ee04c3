// SPDX-License-Identifier: GPL-2.0
/*
 * NAMESERVER and SEARCHDOMAIN: the container's /etc/resolv.conf.
 *
 * Values are space-separated lists, as OpenVZ keeps them; "inherit" stands
 * for what the host's own /etc/resolv.conf has. The file is rewritten from
 * inside the container (by its root, under its root directory), keeping
 * every line but the nameserver, search and domain ones it replaces, as
 * OpenVZ's set_dns script does.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dns.h"

#define RESOLV_CONF	"/etc/resolv.conf"
#define RESOLV_TMP	"/etc/.resolv.conf.vzctl"

static bool valid_ns_word(const char *w)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return !strcmp(w, "inherit") || inet_pton(AF_INET, w, buf) == 1 ||
	       inet_pton(AF_INET6, w, buf) == 1;
}

/* a domain name: labels of letters, digits and '-', dot-separated */
static bool valid_domain_word(const char *w)
{
	size_t label = 0;

	if (!strcmp(w, "inherit"))
		return true;
	if (!*w || strlen(w) > 253 || *w == '.' || *w == '-')
		return false;
	for (; *w; w++) {
		if (*w == '.') {
			if (!label)
				return false;
			label = 0;
		} else if (isalnum((unsigned char)*w) || *w == '-') {
			if (++label > 63)
				return false;
		} else {
			return false;
		}
	}
	return true;
}

static bool valid_list(const char *v, bool (*word)(const char *), size_t max)
{
	char buf[VZ_DNS_MAX], *tok, *save;
	size_t n = 0;

	if (strlen(v) >= sizeof(buf))
		return false;
	snprintf(buf, sizeof(buf), "%s", v);
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save))
		if (!word(tok) || ++n > max)
			return false;
	return n > 0;
}

bool vz_dns_valid_ns(const char *v)
{
	return valid_list(v, valid_ns_word, 16);
}

bool vz_dns_valid_search(const char *v)
{
	return valid_list(v, valid_domain_word, 6);
}

/* append word to list (space-separated) unless it is there */
static void list_add(char *list, size_t len, const char *word)
{
	size_t n = strlen(word), l = strlen(list);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return;
		p += n;
	}
	if (l + n + 2 > len)
		return;
	snprintf(list + l, len - l, "%s%s", l ? " " : "", word);
}

/* The host's nameservers or search domains (key "nameserver" or "search"),
 * added to out. */
static void host_resolv(const char *key, char *out, size_t len)
{
	char line[512], *tok, *save;
	FILE *f = fopen(RESOLV_CONF, "re");
	size_t k = strlen(key);

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, k) || !isspace((unsigned char)line[k]))
			continue;
		for (tok = strtok_r(line + k, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save))
			list_add(out, len, tok);
	}
	fclose(f);
}

void vz_dns_expand(const char *v, bool search, char *out, size_t len)
{
	char buf[VZ_DNS_MAX], *tok, *save;

	out[0] = '\0';
	snprintf(buf, sizeof(buf), "%s", v);
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(tok, "inherit"))
			host_resolv(search ? "search" : "nameserver", out, len);
		else
			list_add(out, len, tok);
	}
}

/* does line set key (a word at its start)? */
static bool line_is(const char *line, const char *key)
{
	size_t k = strlen(key);

	return !strncmp(line, key, k) && (isspace((unsigned char)line[k]) || !line[k]);
}

static int write_lines(FILE *out, const char *key, const char *list, bool one_line)
{
	char buf[VZ_DNS_MAX], *tok, *save;

	if (one_line)
		return fprintf(out, "%s %s\n", key, list) < 0 ? -EIO : 0;
	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		if (fprintf(out, "%s %s\n", key, tok) < 0)
			return -EIO;
	return 0;
}

/*
 * In the container: /etc/resolv.conf with the nameservers ns and search
 * domains search (either NULL or "": left as they are), written to a
 * temporary file and renamed over the old one.
 */
int vz_write_resolv_conf(const char *ns, const char *search)
{
	bool set_ns = ns && *ns, set_search = search && *search;
	char line[1024];
	FILE *in, *out;
	int fd, ret = 0;

	if (!set_ns && !set_search)
		return 0;
	unlink(RESOLV_TMP);
	fd = open(RESOLV_TMP, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	out = fdopen(fd, "w");
	if (!out) {
		ret = -errno;
		close(fd);
		goto err;
	}
	in = fopen(RESOLV_CONF, "re");
	if (in) {
		while (fgets(line, sizeof(line), in)) {
			if ((set_ns && line_is(line, "nameserver")) ||
			    (set_search && (line_is(line, "search") || line_is(line, "domain"))))
				continue;
			if (fputs(line, out) == EOF)
				ret = -EIO;
		}
		fclose(in);
	}
	if (!ret && set_search)
		ret = write_lines(out, "search", search, true);
	if (!ret && set_ns)
		ret = write_lines(out, "nameserver", ns, false);
	if (fflush(out) || fsync(fileno(out)))
		ret = ret ? ret : -errno;
	if (fclose(out) && !ret)
		ret = -errno;
	if (!ret && rename(RESOLV_TMP, RESOLV_CONF))
		ret = -errno;
err:
	if (ret)
		unlink(RESOLV_TMP);
	return ret;
}
