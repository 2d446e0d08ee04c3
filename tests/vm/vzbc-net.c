// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-net: traffic for the network tests (tests/vm/net.bats), run inside
 * the namespace it should speak from (ip netns exec).
 *
 *   vzbc-net ping [-I SRC] [-c COUNT] [-s SIZE] [-W MS] DST
 *	ICMP or ICMPv6 echo requests over a raw socket, from SRC if given
 *	(bound with IP_TRANSPARENT: SRC need not be local, which is one way
 *	a container's root would try to use an address that is not its own).
 *	Prints "sent N received M"; exit 0 if every request was answered
 *	within MS milliseconds (default 3000) of being sent, 1 otherwise.
 *
 *   vzbc-net send IFNAME KIND ARGS... [-c COUNT]
 *	Raw frames out of IFNAME through a packet socket, past the IP stack:
 *	  arp-reply IP        an ARP reply "IP is at IFNAME's MAC", broadcast
 *	  ip4 SRC DST         a UDP datagram to port 9
 *	  ip6 SRC DST         the same over IPv6
 *	  vlan SRC DST        the IPv4 one in an 802.1Q tag (VLAN 5)
 *	IP frames go to IFNAME's own MAC, which on a venet pair is its
 *	peer's. Prints "sent N".
 *
 * Exit status 2 on a usage or setup error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "vzbc-net: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void __attribute__((noreturn)) usage(void)
{
	fputs("usage: vzbc-net ping [-I SRC] [-c COUNT] [-s SIZE] [-W MS] DST\n"
	      "       vzbc-net send IFNAME arp-reply IP | ip4|ip6|vlan SRC DST [-c COUNT]\n",
	      stderr);
	exit(2);
}

static long number(const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > max)
		usage();
	return v;
}

/* An address of either family; returns the family, 0 if not an address. */
static int parse_addr(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, s, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		*len = sizeof(*s4);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, s, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		*len = sizeof(*s6);
		return AF_INET6;
	}
	return 0;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------- ping */

/* Wait up to ms for the echo reply with sequence seq; 1 if it came. */
static int wait_reply(int fd, int family, uint16_t id, uint16_t seq, long ms)
{
	long end = now_ms() + ms;
	uint8_t buf[65536];

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long left = end - now_ms();
		const uint8_t *icmp = buf;
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return 0;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			die("recv");
		if (family == AF_INET) {	/* raw IPv4 gives the IP header */
			if (n < 20 || n < (buf[0] & 15) * 4 + 8)
				continue;
			icmp = buf + (buf[0] & 15) * 4;
			if (icmp[0] != ICMP_ECHOREPLY)
				continue;
		} else if (n < 8 || icmp[0] != ICMP6_ECHO_REPLY) {
			continue;
		}
		if ((icmp[4] << 8 | icmp[5]) == id && (icmp[6] << 8 | icmp[7]) == seq)
			return 1;
	}
}

static int cmd_ping(int argc, char **argv)
{
	struct sockaddr_storage dst, src;
	socklen_t dlen, slen;
	const char *from = NULL;
	long count = 1, size = 56, wait = 3000;
	int fd, family, i, one = 1, got = 0;
	uint16_t id = (uint16_t)getpid();
	uint8_t pkt[65536];

	for (i = 0; i < argc - 1; i += 2) {
		if (!strcmp(argv[i], "-I"))
			from = argv[i + 1];
		else if (!strcmp(argv[i], "-c"))
			count = number(argv[i + 1], 100000);
		else if (!strcmp(argv[i], "-s"))
			size = number(argv[i + 1], 60000);
		else if (!strcmp(argv[i], "-W"))
			wait = number(argv[i + 1], 600000);
		else
			usage();
	}
	if (i != argc - 1)
		usage();
	family = parse_addr(argv[argc - 1], &dst, &dlen);
	if (!family)
		usage();
	fd = socket(family, SOCK_RAW | SOCK_CLOEXEC,
		    family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	if (fd < 0)
		die("socket");
	if (from) {
		if (parse_addr(from, &src, &slen) != family)
			usage();
		if (setsockopt(fd, family == AF_INET ? SOL_IP : SOL_IPV6,
			       family == AF_INET ? IP_TRANSPARENT : IPV6_TRANSPARENT,
			       &one, sizeof(one)) ||
		    bind(fd, (struct sockaddr *)&src, slen))
			die("bind");
	}
	for (i = 0; i < count; i++) {
		memset(pkt, 0xa5, 8 + size);
		pkt[0] = family == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
		pkt[1] = 0;
		pkt[2] = pkt[3] = 0;
		pkt[4] = id >> 8;
		pkt[5] = id & 0xff;
		pkt[6] = (uint8_t)(i >> 8);
		pkt[7] = (uint8_t)i;
		if (family == AF_INET) {	/* ICMPv6's checksum is the kernel's */
			uint16_t c = csum_fold(csum_add(0, pkt, 8 + size));

			pkt[2] = c >> 8;
			pkt[3] = c & 0xff;
		}
		if (sendto(fd, pkt, 8 + size, 0, (struct sockaddr *)&dst, dlen) < 0)
			die("sendto");
		got += wait_reply(fd, family, id, (uint16_t)i, wait);
	}
	printf("sent %ld received %d\n", count, got);
	close(fd);
	return got == count ? 0 : 1;
}

/* ---------------------------------------------------------------- send */

struct frame {
	uint8_t buf[128];
	size_t len;
};

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void eth_header(struct frame *f, const uint8_t *dst, const uint8_t *src,
		       unsigned int type, int vlan)
{
	memcpy(f->buf, dst, 6);
	memcpy(f->buf + 6, src, 6);
	f->len = 12;
	if (vlan) {
		put16(f->buf + f->len, ETHERTYPE_VLAN);
		put16(f->buf + f->len + 2, 5);
		f->len += 4;
	}
	put16(f->buf + f->len, type);
	f->len += 2;
}

static void arp_reply(struct frame *f, const uint8_t *mac, const char *ip)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t *a;

	eth_header(f, bcast, mac, ETHERTYPE_ARP, 0);
	a = f->buf + f->len;
	put16(a, 1);			/* Ethernet */
	put16(a + 2, ETHERTYPE_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 2);		/* reply */
	memcpy(a + 8, mac, 6);
	if (inet_pton(AF_INET, ip, a + 14) != 1)
		usage();
	memcpy(a + 18, bcast, 6);
	memcpy(a + 24, a + 14, 4);
	f->len += 28;
}

/* an 8-byte UDP datagram to port 9 after the Ethernet header */
static void udp_header(uint8_t *u, size_t len)
{
	put16(u, 40000);
	put16(u + 2, 9);
	put16(u + 4, (unsigned int)len);
	put16(u + 6, 0);
}

static void ip4_udp(struct frame *f, const uint8_t *mac, const char *src,
		    const char *dst, int vlan)
{
	uint8_t *h;

	eth_header(f, mac, mac, ETHERTYPE_IP, vlan);
	h = f->buf + f->len;
	memset(h, 0, 20);
	h[0] = 0x45;
	put16(h + 2, 20 + 8 + 4);
	h[8] = 64;
	h[9] = IPPROTO_UDP;
	if (inet_pton(AF_INET, src, h + 12) != 1 || inet_pton(AF_INET, dst, h + 16) != 1)
		usage();
	put16(h + 10, csum_fold(csum_add(0, h, 20)));
	udp_header(h + 20, 8 + 4);
	memcpy(h + 28, "vzbc", 4);
	f->len += 20 + 8 + 4;
}

static void ip6_udp(struct frame *f, const uint8_t *mac, const char *src,
		    const char *dst)
{
	uint8_t *h, *u, pseudo[40] = { 0 };
	uint32_t sum;

	eth_header(f, mac, mac, ETHERTYPE_IPV6, 0);
	h = f->buf + f->len;
	memset(h, 0, 40);
	h[0] = 0x60;
	put16(h + 4, 8 + 4);
	h[6] = IPPROTO_UDP;
	h[7] = 64;
	if (inet_pton(AF_INET6, src, h + 8) != 1 || inet_pton(AF_INET6, dst, h + 24) != 1)
		usage();
	u = h + 40;
	udp_header(u, 8 + 4);
	memcpy(u + 8, "vzbc", 4);
	memcpy(pseudo, h + 8, 32);
	pseudo[35] = 8 + 4;
	pseudo[39] = IPPROTO_UDP;
	sum = csum_add(csum_add(0, pseudo, 40), u, 8 + 4);
	put16(u + 6, csum_fold(sum));
	f->len += 40 + 8 + 4;
}

static int cmd_send(int argc, char **argv)
{
	struct sockaddr_ll ll = { .sll_family = AF_PACKET };
	struct frame f;
	struct ifreq ifr;
	long count = 1, i;
	uint8_t mac[6];
	int fd;

	if (argc >= 2 && !strcmp(argv[argc - 2], "-c")) {
		count = number(argv[argc - 1], 100000);
		argc -= 2;
	}
	if (argc < 3)
		usage();
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket");
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[0]);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr))
		die(argv[0]);
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	ll.sll_ifindex = (int)if_nametoindex(argv[0]);
	ll.sll_halen = 6;
	memcpy(ll.sll_addr, mac, 6);

	memset(&f, 0, sizeof(f));
	if (!strcmp(argv[1], "arp-reply") && argc == 3)
		arp_reply(&f, mac, argv[2]);
	else if (!strcmp(argv[1], "ip4") && argc == 4)
		ip4_udp(&f, mac, argv[2], argv[3], 0);
	else if (!strcmp(argv[1], "vlan") && argc == 4)
		ip4_udp(&f, mac, argv[2], argv[3], 1);
	else if (!strcmp(argv[1], "ip6") && argc == 4)
		ip6_udp(&f, mac, argv[2], argv[3]);
	else
		usage();
	if (f.len < 60)
		f.len = 60;		/* the Ethernet minimum, zero-padded */
	for (i = 0; i < count; i++)
		if (sendto(fd, f.buf, f.len, 0, (struct sockaddr *)&ll, sizeof(ll)) < 0)
			die("sendto");
	printf("sent %ld\n", count);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "ping"))
		return cmd_ping(argc - 2, argv + 2);
	if (!strcmp(argv[1], "send"))
		return cmd_send(argc - 2, argv + 2);
	usage();
}
