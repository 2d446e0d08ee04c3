/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's veth interfaces (NETIF, OpenVZ's --netif_add): an
 * Ethernet pair each, the container's end named as NETIF says (down: the
 * container configures it), the host end up and, if NETIF names one, in a
 * bridge. Used live by vzctl set and by vzctl start before the
 * container's init runs; the pairs go with the container's network
 * namespace when it stops.
 */
#ifndef VZ_VETH_H
#define VZ_VETH_H

#include <stddef.h>
#include <sys/types.h>

struct vz_err;
struct vzenv;

/*
 * The NETIF that results from cur without the interfaces named in del
 * (space-separated; "all": every one) and with those of add
 * (space-separated --netif_add arguments) appended, host names and MACs
 * filled in as OpenVZ does, into out. 0, or -1 with err filled.
 */
int vz_veth_merge(unsigned int ctid, const char *cur, const char *add, const char *del,
		  char *out, size_t len, struct vz_err *err);

/*
 * Make the running container whose init is pid init have the interfaces
 * of netif: those it lacks made, those of old (the NETIF it had) that
 * netif lacks removed. All of the new ones or none (VZ_VETH_ERROR).
 */
int vz_veth_apply(const struct vzenv *env, pid_t init, const char *old, const char *netif,
		  struct vz_err *err);

#endif /* VZ_VETH_H */
