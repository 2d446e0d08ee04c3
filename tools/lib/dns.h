/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAMESERVER (IPv4 or IPv6 addresses) and SEARCHDOMAIN (domain names):
 * space-separated lists, "inherit" standing for the host's own; and the
 * container's /etc/resolv.conf made of them.
 */
#ifndef VZ_DNS_H
#define VZ_DNS_H

#include <stdbool.h>
#include <stddef.h>

#define VZ_DNS_MAX	512

/* At most 16 nameservers, 6 search domains, each valid or "inherit". */
bool vz_dns_valid_ns(const char *v);
bool vz_dns_valid_search(const char *v);

/* v with "inherit" replaced by the host's nameservers (search: its search
 * domains) from its /etc/resolv.conf, duplicates dropped, into out. */
void vz_dns_expand(const char *v, bool search, char *out, size_t len);

/* /etc/resolv.conf (of the root we are in: called inside the container)
 * with these nameservers and search domains, already expanded; NULL or ""
 * leaves that part as it is, every other line stays. 0 or -errno. */
int vz_write_resolv_conf(const char *ns, const char *search);

#endif /* VZ_DNS_H */
