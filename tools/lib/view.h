/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a container sees of the machine (vzbc.ko's view, linux/vzbc.h's
 * VZBC_VIEW_* parts) as CTID.conf keeps it:
 *
 *   VIEW="all" | "none" | "PART[,PART...]"   the parts on, PART one of
 *            meminfo, cpu, loadavg, uptime (unset: all)
 *   MEMINFO="none" | "on"                    OpenVZ's key: decides the
 *            meminfo part when set (none: the host's /proc/meminfo)
 *
 * OpenVZ's MEMINFO="pages:N" and "privvmpages:N" (a fixed or privvmpages-
 * derived MemTotal) have nothing in the module to map onto: refused.
 */
#ifndef VZ_VIEW_H
#define VZ_VIEW_H

#include <stddef.h>
#include <linux/types.h>

/* VIEW's value to parts: 0 or -EINVAL */
int vz_view_parse(const char *s, unsigned int *parts);
/* parts to VIEW's value ("all", "none", or a comma list) */
void vz_view_format(unsigned int parts, char *buf, size_t len);
/* MEMINFO's value: 0 with *on set; -EOPNOTSUPP for OpenVZ's pages:N and
 * privvmpages:N; -EINVAL for anything else */
int vz_meminfo_parse(const char *s, int *on);
/* The parts a container gets from VIEW and MEMINFO ("" for unset):
 * 0 or the parsers' error */
int vz_view_parts(const char *view, const char *meminfo, unsigned int *parts);
/* sysinfo-style loads (1.0 is 1 << VZBC_LOAD_SHIFT) as OpenVZ's vzlist
 * laverage shows them: "0.00/0.00/0.00" */
void vz_loadavg_format(const __u64 load[3], char *buf, size_t len);

#endif /* VZ_VIEW_H */
