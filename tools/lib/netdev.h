/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host network devices handed to a container (NETDEV, OpenVZ's
 * --netdev_add): moved into its network namespace while it runs (live and
 * at start), back to the host at --netdev_del and before it stops. A
 * device still inside when the namespace dies without vzctl (a halt from
 * inside) is the kernel's: a physical device comes back to the host by
 * itself (under its name, or devN if the host took the name meanwhile),
 * a virtual one (dummy, veth, VLAN, macvlan...) is destroyed with it.
 */
#ifndef VZ_NETDEV_H
#define VZ_NETDEV_H

#include <stddef.h>
#include <sys/types.h>

struct vz_err;
struct vzenv;

/* the most devices NETDEV names */
#define VZ_NETDEV_MAX	16

/*
 * The NETDEV that results from cur without the names of del ("all": every
 * one) and with those of add appended (one there stays where it is), into
 * out. 0, or -1 with err filled.
 */
int vz_netdev_merge(const char *cur, const char *add, const char *del, char *out,
		    size_t len, struct vz_err *err);

/*
 * Make the running container whose init is pid init hold the devices of
 * netdev: those it lacks come from the host, all of them or none (a name
 * the host has no device of, or one the container has already, is
 * VZ_NETDEV_ERROR and moves nothing); those of old (the NETDEV it had)
 * that netdev lacks go back to the host. 0, or -1 with err filled.
 */
int vz_netdev_apply(const struct vzenv *env, pid_t init, const char *old, const char *netdev,
		    struct vz_err *err);

/*
 * Before the container's namespace goes: the devices of its NETDEV back
 * to the host. Problems are logged, not returned.
 */
void vz_netdev_return(const struct vzenv *env);

#endif /* VZ_NETDEV_H */
