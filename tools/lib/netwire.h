/* SPDX-License-Identifier: GPL-2.0 */
/*
 * On the wire of an uplink, for a container's address: the duplicate
 * check before the host starts answering for it, and the announcement
 * after (OpenVZ's arpsend -D and -U). Packet sockets, no output; 0 or a
 * negative errno.
 */
#ifndef VZ_NETWIRE_H
#define VZ_NETWIRE_H

#include "netparse.h"

/*
 * Is ip in use on the link of ifindex? An ARP probe (RFC 5227) or an
 * IPv6 duplicate address detection solicitation (RFC 4862), repeated
 * until timeout_ms have passed: -EADDRINUSE if another machine answered
 * or claims it, 0 if nobody did.
 */
int vznet_probe(int ifindex, const struct vznet_ip *ip, int timeout_ms);

/*
 * Tell the link of ifindex that ip is now at this device's MAC: a
 * gratuitous ARP request, or an unsolicited neighbour advertisement (with
 * override) from the device's link-local address, which it must have
 * (-EADDRNOTAVAIL otherwise).
 */
int vznet_announce(int ifindex, const struct vznet_ip *ip);

#endif /* VZ_NETWIRE_H */
