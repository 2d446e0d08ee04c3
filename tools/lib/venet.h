/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A container's venet addresses (IP_ADDRESS) made real: its venet pair
 * (venet0 inside, venetCTID on the host), the addresses claimed in
 * vzbc.ko, set on venet0 with default routes, a host route to each and
 * proxy ARP / NDP entries on the uplinks NEIGHBOUR_DEVS chooses, with a
 * duplicate check on the wire before and an announcement after (unless
 * SKIP_ARPDETECT="yes"). Used live by vzctl set and by vzctl start before
 * the container's init runs; vz_venet_clear undoes it all at stop.
 */
#ifndef VZ_VENET_H
#define VZ_VENET_H

#include <stddef.h>
#include <sys/types.h>

struct vzenv;
struct vz_err;

/*
 * The IP_ADDRESS that results from cur with the addresses of del removed
 * ("all" removes every one) and then those of add appended (one already
 * there stays where it is), each in its canonical form, into out.
 * 0, or -1 with err filled (VZ_BADIP).
 */
int vz_venet_merge(const char *cur, const char *add, const char *del, char *out,
		   size_t len, struct vz_err *err);

/*
 * Make the running container whose init is pid init hold exactly the
 * addresses of ip_address: those it has and should not lose go, the new
 * ones come (each claimed in the module first: another container's is
 * VZ_IP_INUSE; answered on the wire: VZ_IP_NA). 0, or -1 with err filled;
 * an address that failed is left wholly undone.
 */
int vz_venet_apply(const struct vzenv *env, int vzfd, pid_t init, const char *ip_address,
		   struct vz_err *err);

/*
 * The proxy ARP / NDP entries of the running container's addresses (those
 * the module says it owns) made again on their uplinks, with proxy_ndp,
 * and announced there (unless SKIP_ARPDETECT="yes"): after an uplink went
 * down (the kernel then drops every proxy entry on it) and came up again,
 * or was made anew. Every address on every uplink is tried: the number
 * of entries in place, or the first -errno.
 */
int vz_venet_reproxy(const struct vzenv *env, int vzfd);

/*
 * Everything venet of a container that is stopping, stopped or starting
 * anew goes: proxy entries and host routes of its addresses (those of
 * its config and those the module says it owns), its host end (and with
 * it the pair), its claims. Problems are logged, not returned.
 */
void vz_venet_clear(const struct vzenv *env, int vzfd);

#endif /* VZ_VENET_H */
