/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The beancounter resources as the tools know them: names, config keys,
 * units, and OpenVZ's "barrier[:limit]" value syntax.
 */
#ifndef VZ_UBC_H
#define VZ_UBC_H

#include <stddef.h>
#include <stdint.h>
#include <linux/vzbc.h>

enum ubc_unit {
	UBC_COUNT,	/* num*: plain numbers, no suffix */
	UBC_PAGES,	/* *pages: pages; K/M/G/T suffixes are bytes */
	UBC_BYTES,	/* bytes; K/M/G/T/P suffixes */
};

/*
 * The settable resources, in OpenVZ's order, declared once: X(name as in
 * /proc/user_beancounters and --name, CTID.conf key, enum vzbc_resource,
 * unit, vzlist's column header, what it counts). ubc.c makes the table
 * below of it, params.c vzctl's options.
 */
#define VZ_UBC_RESOURCES(X) \
	X(kmemsize,     KMEMSIZE,     VZBC_KMEMSIZE,     UBC_BYTES, "KMEMSIZE", \
	  "kernel memory, bytes") \
	X(lockedpages,  LOCKEDPAGES,  VZBC_LOCKEDPAGES,  UBC_PAGES, "LOCKEDP", \
	  "mlock()ed memory, pages") \
	X(privvmpages,  PRIVVMPAGES,  VZBC_PRIVVMPAGES,  UBC_PAGES, "PRIVVMP", \
	  "private writable memory, pages") \
	X(shmpages,     SHMPAGES,     VZBC_SHMPAGES,     UBC_PAGES, "SHMP", \
	  "shared memory, pages") \
	X(numproc,      NUMPROC,      VZBC_NUMPROC,      UBC_COUNT, "NPROC", \
	  "processes and threads") \
	X(physpages,    PHYSPAGES,    VZBC_PHYSPAGES,    UBC_PAGES, "PHYSP", \
	  "resident memory, pages") \
	X(vmguarpages,  VMGUARPAGES,  VZBC_VMGUARPAGES,  UBC_PAGES, "VMGUARP", \
	  "memory allocation guarantee, pages") \
	X(oomguarpages, OOMGUARPAGES, VZBC_OOMGUARPAGES, UBC_PAGES, "OOMGUARP", \
	  "out-of-memory guarantee, pages") \
	X(numtcpsock,   NUMTCPSOCK,   VZBC_NUMTCPSOCK,   UBC_COUNT, "NTCPSOCK", \
	  "TCP sockets") \
	X(numflock,     NUMFLOCK,     VZBC_NUMFLOCK,     UBC_COUNT, "NFLOCK", \
	  "file locks") \
	X(numpty,       NUMPTY,       VZBC_NUMPTY,       UBC_COUNT, "NPTY", \
	  "pseudo-terminals") \
	X(numsiginfo,   NUMSIGINFO,   VZBC_NUMSIGINFO,   UBC_COUNT, "NSIGINFO", \
	  "queued signals") \
	X(tcpsndbuf,    TCPSNDBUF,    VZBC_TCPSNDBUF,    UBC_BYTES, "TCPSNDB", \
	  "TCP send buffers, bytes") \
	X(tcprcvbuf,    TCPRCVBUF,    VZBC_TCPRCVBUF,    UBC_BYTES, "TCPRCVB", \
	  "TCP receive buffers, bytes") \
	X(othersockbuf, OTHERSOCKBUF, VZBC_OTHERSOCKBUF, UBC_BYTES, "OTHSOCKB", \
	  "other socket buffers, bytes") \
	X(dgramrcvbuf,  DGRAMRCVBUF,  VZBC_DGRAMRCVBUF,  UBC_BYTES, "DGRAMRB", \
	  "datagram receive buffers, bytes") \
	X(numothersock, NUMOTHERSOCK, VZBC_NUMOTHERSOCK, UBC_COUNT, "NOTHSOCK", \
	  "non-TCP sockets") \
	X(dcachesize,   DCACHESIZE,   VZBC_DCACHESIZE,   UBC_BYTES, "DCACHESZ", \
	  "dentry and inode cache, bytes") \
	X(numfile,      NUMFILE,      VZBC_NUMFILE,      UBC_COUNT, "NFILE", \
	  "open files") \
	X(numiptent,    NUMIPTENT,    VZBC_NUMIPTENT,    UBC_COUNT, "NIPTENT", \
	  "netfilter entries") \
	X(swappages,    SWAPPAGES,    VZBC_SWAPPAGES,    UBC_PAGES, "SWAPP", \
	  "swap, pages")

struct ubc_res {
	const char *name;	/* as in /proc/user_beancounters and --name */
	const char *key;	/* CTID.conf key */
	unsigned int id;	/* enum vzbc_resource */
	enum ubc_unit unit;
	const char *header;	/* vzlist's column header */
};

/* The settable resources, in OpenVZ's order (no dummies). */
extern const struct ubc_res ubc_resources[];
extern const unsigned int ubc_nr_resources;

const struct ubc_res *ubc_by_name(const char *name);
const struct ubc_res *ubc_by_id(unsigned int id);

/*
 * Parse "barrier[:limit]" for res: each side a number (with a fraction and
 * a K/M/G/T/P/B suffix where the unit allows one) or "unlimited"; a missing
 * limit equals the barrier. Values are converted to res's unit. Returns 0,
 * -EINVAL on bad syntax, -EDOM when barrier > limit, -ERANGE when a value exceeds
 * VZBC_UNLIMITED (the caller may clamp: the barrier and limit are set to
 * VZBC_UNLIMITED then).
 */
int ubc_parse(const struct ubc_res *res, const char *s, uint64_t *barrier,
	      uint64_t *limit);

/* "barrier:limit" as CTID.conf stores it, "unlimited" for VZBC_UNLIMITED */
void ubc_format(uint64_t barrier, uint64_t limit, char *buf, size_t len);

#endif /* VZ_UBC_H */
