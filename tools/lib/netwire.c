// SPDX-License-Identifier: GPL-2.0
/*
 * Duplicate address checks and announcements on an uplink (netwire.h),
 * through packet sockets of type SOCK_DGRAM: the kernel adds the Ethernet
 * header, the frames here start at ARP or IPv6.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "netwire.h"

#define ARP_LEN		28
#define IP6_HLEN	40
#define ICMP6_NS	135
#define ICMP6_NA	136
#define NA_OVERRIDE	0x20

static const unsigned char vznet_bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static long vznet_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* a packet socket on ifindex for one ethertype; its MAC to mac */
static int vznet_psock(int ifindex, uint16_t proto, unsigned char mac[6])
{
	struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(proto),
				  .sll_ifindex = ifindex };
	struct ifreq ifr = { 0 };
	int fd, ret;

	if (!if_indextoname((unsigned int)ifindex, ifr.ifr_name))
		return -ENODEV;
	fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(proto));
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&ll, sizeof(ll)) || ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		ret = -errno;
		close(fd);
		return ret;
	}
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return fd;
}

static int vznet_psend(int fd, int ifindex, uint16_t proto, const unsigned char *dst,
		       const void *buf, size_t len)
{
	struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(proto),
				  .sll_ifindex = ifindex, .sll_halen = 6 };

	memcpy(ll.sll_addr, dst, 6);
	if (sendto(fd, buf, len, 0, (struct sockaddr *)&ll, sizeof(ll)) < 0)
		return -errno;
	return 0;
}

/*
 * Receive what comes in on fd until deadline (ms): > 0 bytes of one
 * incoming packet in buf, 0 at the deadline.
 */
static int vznet_precv(int fd, void *buf, size_t len, long deadline)
{
	for (;;) {
		struct sockaddr_ll from;
		socklen_t flen = sizeof(from);
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long left = deadline - vznet_now_ms();
		ssize_t n;

		if (left <= 0)
			return 0;
		n = poll(&p, 1, (int)left);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n <= 0)
			continue;
		n = recvfrom(fd, buf, len, MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return -errno;
		if (n > 0 && from.sll_pkttype != PACKET_OUTGOING)
			return (int)n;
	}
}

/* ---------------------------------------------------------------- IPv4 */

static void vznet_arp(unsigned char *p, unsigned int op, const unsigned char *sha,
		      const unsigned char *spa, const unsigned char *tpa)
{
	memset(p, 0, ARP_LEN);
	p[1] = 1;			/* Ethernet */
	p[2] = 0x08;			/* IPv4 */
	p[4] = 6;
	p[5] = 4;
	p[7] = (unsigned char)op;
	memcpy(p + 8, sha, 6);
	memcpy(p + 14, spa, 4);
	memcpy(p + 24, tpa, 4);
}

/* Does ARP packet p say another machine has, or probes for, addr? */
static bool vznet_arp_conflict(const unsigned char *p, int n, const unsigned char *addr,
			       const unsigned char *mac)
{
	static const unsigned char none[4];

	if (n < ARP_LEN || p[4] != 6 || p[5] != 4 || !memcmp(p + 8, mac, 6))
		return false;
	if (!memcmp(p + 14, addr, 4))
		return true;		/* it uses the address */
	return p[7] == 1 && !memcmp(p + 14, none, 4) && !memcmp(p + 24, addr, 4);
}

static int vznet_probe4(int ifindex, const unsigned char *addr, int timeout_ms)
{
	static const unsigned char none[4];
	unsigned char mac[6], probe[ARP_LEN], buf[256];
	long end = vznet_now_ms() + timeout_ms, step = timeout_ms / 3 + 1;
	int fd, ret = 0;

	fd = vznet_psock(ifindex, ETH_P_ARP, mac);
	if (fd < 0)
		return fd;
	vznet_arp(probe, 1, mac, none, addr);
	while (!ret && vznet_now_ms() < end) {
		long until = vznet_now_ms() + step;
		int n;

		ret = vznet_psend(fd, ifindex, ETH_P_ARP, vznet_bcast, probe, sizeof(probe));
		while (!ret && (n = vznet_precv(fd, buf, sizeof(buf), until < end ? until : end)) != 0) {
			if (n < 0)
				ret = n;
			else if (vznet_arp_conflict(buf, n, addr, mac))
				ret = -EADDRINUSE;
		}
	}
	close(fd);
	return ret;
}

static int vznet_announce4(int ifindex, const unsigned char *addr)
{
	unsigned char mac[6], garp[ARP_LEN];
	int fd, ret, i;

	fd = vznet_psock(ifindex, ETH_P_ARP, mac);
	if (fd < 0)
		return fd;
	vznet_arp(garp, 1, mac, addr, addr);
	for (i = 0, ret = 0; i < 2 && !ret; i++)
		ret = vznet_psend(fd, ifindex, ETH_P_ARP, vznet_bcast, garp, sizeof(garp));
	close(fd);
	return ret;
}

/* ---------------------------------------------------------------- IPv6 */

static uint16_t vznet_csum6(const unsigned char *ip6, size_t plen)
{
	uint32_t sum = IPPROTO_ICMPV6 + (uint32_t)plen;
	size_t i;

	for (i = 8; i < 40; i += 2)		/* source and destination */
		sum += (uint32_t)ip6[i] << 8 | ip6[i + 1];
	for (i = 0; i + 1 < plen; i += 2)
		sum += (uint32_t)ip6[IP6_HLEN + i] << 8 | ip6[IP6_HLEN + i + 1];
	if (plen & 1)
		sum += (uint32_t)ip6[IP6_HLEN + plen - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* an IPv6 packet around an ICMPv6 message of plen bytes; returns its length */
static size_t vznet_icmp6(unsigned char *p, const unsigned char *src,
			  const unsigned char *dst, size_t plen)
{
	uint16_t c;

	p[0] = 0x60;
	p[4] = (unsigned char)(plen >> 8);
	p[5] = (unsigned char)plen;
	p[6] = IPPROTO_ICMPV6;
	p[7] = 255;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
	p[IP6_HLEN + 2] = p[IP6_HLEN + 3] = 0;
	c = vznet_csum6(p, plen);
	p[IP6_HLEN + 2] = (unsigned char)(c >> 8);
	p[IP6_HLEN + 3] = (unsigned char)c;
	return IP6_HLEN + plen;
}

/* Does IPv6 packet p say another machine has, or probes for, addr? */
static bool vznet_ndp_conflict(const unsigned char *p, int n, const unsigned char *addr)
{
	static const unsigned char none[16];
	const unsigned char *icmp = p + IP6_HLEN;

	if (n < IP6_HLEN + 24 || (p[0] >> 4) != 6 || p[6] != IPPROTO_ICMPV6 || p[7] != 255 ||
	    memcmp(icmp + 8, addr, 16))
		return false;
	if (icmp[0] == ICMP6_NA)
		return true;		/* it has the address */
	return icmp[0] == ICMP6_NS && !memcmp(p + 8, none, 16);
}

static int vznet_probe6(int ifindex, const unsigned char *addr, int timeout_ms)
{
	static const unsigned char none[16];
	unsigned char mac[6], dmac[6] = { 0x33, 0x33, 0xff }, snm[16] = { 0xff, 0x02 };
	unsigned char ns[IP6_HLEN + 24] = { 0 }, buf[1500];
	long end = vznet_now_ms() + timeout_ms, step = timeout_ms / 3 + 1;
	size_t len;
	int fd, ret = 0;

	fd = vznet_psock(ifindex, ETH_P_IPV6, mac);
	if (fd < 0)
		return fd;
	/* to the solicited-node group of addr, from the unspecified address */
	snm[11] = 1;
	snm[12] = 0xff;
	memcpy(snm + 13, addr + 13, 3);
	memcpy(dmac + 2, snm + 12, 4);
	ns[IP6_HLEN] = ICMP6_NS;
	memcpy(ns + IP6_HLEN + 8, addr, 16);
	len = vznet_icmp6(ns, none, snm, 24);
	while (!ret && vznet_now_ms() < end) {
		long until = vznet_now_ms() + step;
		int n;

		ret = vznet_psend(fd, ifindex, ETH_P_IPV6, dmac, ns, len);
		while (!ret && (n = vznet_precv(fd, buf, sizeof(buf), until < end ? until : end)) != 0) {
			if (n < 0)
				ret = n;
			else if (vznet_ndp_conflict(buf, n, addr))
				ret = -EADDRINUSE;
		}
	}
	close(fd);
	return ret;
}

/* the link-local address of the device named name */
static int vznet_linklocal(const char *name, unsigned char addr[16])
{
	struct ifaddrs *ifa, *i;
	int ret = -EADDRNOTAVAIL;

	if (getifaddrs(&ifa))
		return -errno;
	for (i = ifa; i && ret; i = i->ifa_next) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)i->ifa_addr;

		if (s6 && s6->sin6_family == AF_INET6 && !strcmp(i->ifa_name, name) &&
		    IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr)) {
			memcpy(addr, &s6->sin6_addr, 16);
			ret = 0;
		}
	}
	freeifaddrs(ifa);
	return ret;
}

static int vznet_announce6(int ifindex, const unsigned char *addr)
{
	static const unsigned char all[16] = { 0xff, 0x02, [15] = 1 };
	static const unsigned char dmac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	unsigned char mac[6], src[16] = { 0 }, na[IP6_HLEN + 32] = { 0 };
	char name[IF_NAMESIZE];
	size_t len;
	int fd, ret, i;

	if (!if_indextoname((unsigned int)ifindex, name))
		return -ENODEV;
	ret = vznet_linklocal(name, src);
	if (ret)
		return ret;
	fd = vznet_psock(ifindex, ETH_P_IPV6, mac);
	if (fd < 0)
		return fd;
	na[IP6_HLEN] = ICMP6_NA;
	na[IP6_HLEN + 4] = NA_OVERRIDE;
	memcpy(na + IP6_HLEN + 8, addr, 16);
	na[IP6_HLEN + 24] = 2;		/* target link-layer address */
	na[IP6_HLEN + 25] = 1;		/* 8 bytes */
	memcpy(na + IP6_HLEN + 26, mac, 6);
	len = vznet_icmp6(na, src, all, 32);
	for (i = 0; i < 2 && !ret; i++)
		ret = vznet_psend(fd, ifindex, ETH_P_IPV6, dmac, na, len);
	close(fd);
	return ret;
}

/* ---------------------------------------------------------------- both */

int vznet_probe(int ifindex, const struct vznet_ip *ip, int timeout_ms)
{
	if (ip->family == AF_INET)
		return vznet_probe4(ifindex, ip->addr, timeout_ms);
	return vznet_probe6(ifindex, ip->addr, timeout_ms);
}

int vznet_announce(int ifindex, const struct vznet_ip *ip)
{
	if (ip->family == AF_INET)
		return vznet_announce4(ifindex, ip->addr);
	return vznet_announce6(ifindex, ip->addr);
}
