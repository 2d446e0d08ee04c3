// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-ioctl: issue one raw ioctl on /dev/vzctl, exactly as asked, and
 * print what the kernel answered: "OK ..." or the errno's name (EINVAL).
 * The VM tests (tests/vm/ioctl.bats) drive it to check how vzbc.ko treats
 * good and bad requests; it deliberately bypasses libvzbc's checks.
 *
 *   vzbc-ioctl [identity options] version [field options]
 *   vzbc-ioctl [identity options] raw DIR TYPE NR SIZE
 *   vzbc-ioctl [identity options] sweep
 *   vzbc-ioctl register CTID CGROUP_DIR|-fd N [--flags]
 *   vzbc-ioctl unregister CTID
 *   vzbc-ioctl set CTID RES BARRIER LIMIT [RES BARRIER LIMIT]...
 *   vzbc-ioctl get CTID RES      (prints held maxheld barrier limit failcnt)
 *   vzbc-ioctl list [CAPACITY]   (prints "count: ids...")
 *   vzbc-ioctl view CTID PARTS   (all, none, or meminfo,cpu,loadavg,uptime)
 *   vzbc-ioctl view-get CTID     (prints "parts tasks running blocked
 *                                 load1 load5 load15 uptime", loads as
 *                                 0.00, uptime in whole seconds)
 *   vzbc-ioctl reserved CTID CGROUP_DIR   (each must-be-zero field set)
 *   vzbc-ioctl attach CTID NETNS_FILE|-fd N IFNAME|IFINDEX
 *   vzbc-ioctl addr CTID add|del|delall|OP [--count N] [--bad-pointer] ITEM...
 *   vzbc-ioctl netinfo CTID [CAPACITY]
 *	(prints "count=N ifindex=I state=S in=B/P out=B/P drop=B/P: addr...")
 *   vzbc-ioctl netreserved CTID NETNS_FILE IFNAME   (each must-be-zero field
 *	of the network commands set; CTID attached to NETNS_FILE and IFNAME)
 *
 * An ITEM of addr is an IPv4 or IPv6 address, or raw:FAMILY:HEX[:R0:R1]
 * (a family number, 32 hex digits of address bytes, the two reserved
 * fields) for what no address literal can say.
 *
 * Identity options, applied after the device is opened (or before, with
 * --open-late): --as-user UID, --drop-sysadmin, --userns.
 * Field options for version: --flags N, --reserved0 N, --reserved I N,
 * --bad-pointer.
 * raw: DIR is none|r|w|rw, TYPE/NR/SIZE numbers; the argument is a zeroed
 * buffer of SIZE bytes.
 * Exit status: the probing commands (version, raw, sweep, reserved) exit 0
 * when the ioctl was issued, whatever it answered, and print the answer on
 * standard output. The commands that change or read a container's state
 * (register, unregister, set, get, list, view, view-get) print "OK ..." or their result on
 * standard output, and on a refusal print the errno's name on standard
 * error and exit 1, so that a script that sets up a container with them
 * stops at the first failure. 2 on a usage or setup error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/vzbc.h>

struct identity {
	long uid;		/* -1: keep */
	int drop_sysadmin;
	int userns;
	int open_late;
};

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "vzbc-ioctl: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void __attribute__((noreturn)) usage(void)
{
	fputs("usage: vzbc-ioctl [--as-user UID] [--drop-sysadmin] [--userns] [--open-late]\n"
	      "                  version [--flags N] [--reserved0 N] [--reserved I N] [--bad-pointer]\n"
	      "                | raw none|r|w|rw TYPE NR SIZE\n"
	      "                | sweep | register CTID DIR|-fd N [--flags] | unregister CTID\n"
	      "                | set CTID RES B L... | get CTID RES | list [CAPACITY]\n"
	      "                | view CTID PARTS | view-get CTID\n"
	      "                | reserved CTID CGROUP_DIR\n"
	      "                | attach CTID NETNS|-fd N IFNAME | netinfo CTID [CAPACITY]\n"
	      "                | addr CTID add|del|delall|OP [--count N] [--bad-pointer] ITEM...\n"
	      "                | netreserved CTID NETNS IFNAME\n", stderr);
	exit(2);
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || end == s)
		usage();
	return v;
}

static void drop_sysadmin(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		fail("capget");
	data[CAP_SYS_ADMIN / 32].effective &= ~(1U << (CAP_SYS_ADMIN % 32));
	data[CAP_SYS_ADMIN / 32].permitted &= ~(1U << (CAP_SYS_ADMIN % 32));
	data[CAP_SYS_ADMIN / 32].inheritable &= ~(1U << (CAP_SYS_ADMIN % 32));
	if (syscall(SYS_capset, &hdr, data))
		fail("capset");
}

static void become(const struct identity *id)
{
	if (id->userns && unshare(CLONE_NEWUSER))
		fail("unshare(CLONE_NEWUSER)");
	if (id->drop_sysadmin)
		drop_sysadmin();
	if (id->uid >= 0) {
		if (setgroups(0, NULL) || setresgid(id->uid, id->uid, id->uid) ||
		    setresuid(id->uid, id->uid, id->uid))
			fail("switching user");
	}
}

/* probing commands report a failed open as their answer; the others fail */
static int open_dev(const struct identity *id, int probing)
{
	int fd;

	if (id->open_late)
		become(id);
	fd = open(VZBC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(probing ? stdout : stderr, "open: %s\n", strerrorname_np(errno));
		exit(!probing);
	}
	if (!id->open_late)
		become(id);
	return fd;
}

static void report(long ret)
{
	if (ret < 0)
		printf("%s\n", strerrorname_np(errno));
	else
		printf("OK %ld\n", ret);
}

/* A command on a container's state: "OK 0", or the error on stderr, 1. */
static int done(long ret)
{
	if (ret < 0) {
		fprintf(stderr, "%s\n", strerrorname_np(errno));
		return 1;
	}
	printf("OK %ld\n", ret);
	return 0;
}

static int cmd_version(int fd, int argc, char **argv)
{
	struct vzbc_version v;
	void *arg = &v;
	long ret;
	int i;

	memset(&v, 0, sizeof(v));
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--flags") && i + 1 < argc)
			v.flags = num(argv[++i]);
		else if (!strcmp(argv[i], "--reserved0") && i + 1 < argc)
			v.reserved0 = num(argv[++i]);
		else if (!strcmp(argv[i], "--reserved") && i + 2 < argc) {
			unsigned long idx = num(argv[++i]);

			if (idx >= sizeof(v.reserved) / sizeof(v.reserved[0]))
				usage();
			v.reserved[idx] = num(argv[++i]);
		} else if (!strcmp(argv[i], "--bad-pointer"))
			arg = (void *)16;
		else
			usage();
	}
	ret = ioctl(fd, VZBC_IOC_VERSION, arg);
	if (ret < 0) {
		report(ret);
		return 0;
	}
	printf("OK abi=%u.%u release=%.*s\n", v.abi_major, v.abi_minor,
	       (int)sizeof(v.release), v.release);
	return 0;
}

static int cmd_raw(int fd, int argc, char **argv)
{
	unsigned int dir, type, nr, size;
	void *buf;

	if (argc != 4)
		usage();
	if (!strcmp(argv[0], "none"))
		dir = _IOC_NONE;
	else if (!strcmp(argv[0], "r"))
		dir = _IOC_READ;
	else if (!strcmp(argv[0], "w"))
		dir = _IOC_WRITE;
	else if (!strcmp(argv[0], "rw"))
		dir = _IOC_READ | _IOC_WRITE;
	else
		usage();
	type = num(argv[1]);
	nr = num(argv[2]);
	size = num(argv[3]);
	if (type > 0xff || nr > 0xff || size >= (1U << _IOC_SIZEBITS))
		usage();
	buf = calloc(1, size ? size : 1);
	if (!buf)
		fail("calloc");
	report(ioctl(fd, _IOC(dir, type, nr, size), buf));
	free(buf);
	return 0;
}

/* Every command number in every direction, with a zeroed buffer of the
 * VERSION size: count how many succeed. */
static int cmd_sweep(int fd)
{
	static const unsigned int dirs[] = {
		_IOC_NONE, _IOC_READ, _IOC_WRITE, _IOC_READ | _IOC_WRITE
	};
	struct vzbc_version buf;
	unsigned int nr, d, ok = 0, total = 0;

	for (nr = 0; nr < 256; nr++) {
		for (d = 0; d < 4; d++) {
			memset(&buf, 0, sizeof(buf));
			total++;
			if (ioctl(fd, _IOC(dirs[d], VZBC_IOC_MAGIC, nr, sizeof(buf)), &buf) == 0)
				ok++;
		}
	}
	printf("%u of %u succeeded\n", ok, total);
	return 0;
}

static const char *const res_names[VZBC_RESOURCES] = {
	"kmemsize", "lockedpages", "privvmpages", "shmpages", "dummy",
	"numproc", "physpages", "vmguarpages", "oomguarpages", "numtcpsock",
	"numflock", "numpty", "numsiginfo", "tcpsndbuf", "tcprcvbuf",
	"othersockbuf", "dgramrcvbuf", "numothersock", "dcachesize", "numfile",
	"dummy", "dummy", "dummy", "numiptent", "swappages",
};

/* a resource by name or number (numbers may be out of range on purpose) */
static unsigned long res_id(const char *s)
{
	unsigned int i;

	for (i = 0; i < VZBC_RESOURCES; i++)
		if (!strcmp(s, res_names[i]) && strcmp(s, "dummy"))
			return i;
	return num(s);
}

static unsigned long value(const char *s)
{
	return !strcmp(s, "unlimited") ? VZBC_UNLIMITED : num(s);
}

static int cmd_register(int fd, int argc, char **argv)
{
	struct vzbc_ct_register r = { 0 };

	if (argc < 2)
		usage();
	r.ctid = num(argv[0]);
	r.cgroup_fd = !strcmp(argv[1], "-fd") ? (int)num(argv[2]) :
		      open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (r.cgroup_fd < 0 && strcmp(argv[1], "-fd"))
		fail(argv[1]);
	if (argc > 2 && !strcmp(argv[argc - 1], "--flags"))
		r.flags = 1;
	return done(ioctl(fd, VZBC_IOC_CT_REGISTER, &r));
}

static int cmd_unregister(int fd, int argc, char **argv)
{
	struct vzbc_ct_id r = { 0 };

	if (argc != 1)
		usage();
	r.ctid = num(argv[0]);
	return done(ioctl(fd, VZBC_IOC_CT_UNREGISTER, &r));
}

/* set CTID RES BARRIER LIMIT [RES BARRIER LIMIT]... */
static int cmd_set(int fd, int argc, char **argv)
{
	struct vzbc_limit l[VZBC_MAX_RESOURCES];
	struct vzbc_set_limits r = { 0 };
	int i, n = 0;

	if (argc < 1 || (argc - 1) % 3 || (argc - 1) / 3 > VZBC_MAX_RESOURCES)
		usage();
	memset(l, 0, sizeof(l));
	r.ctid = num(argv[0]);
	for (i = 1; i < argc; i += 3, n++) {
		l[n].resource = res_id(argv[i]);
		l[n].barrier = value(argv[i + 1]);
		l[n].limit = value(argv[i + 2]);
	}
	r.count = n;
	r.limits = (unsigned long)l;
	return done(ioctl(fd, VZBC_IOC_SET_LIMITS, &r));
}

/* get CTID RES: "held maxheld barrier limit failcnt" */
static int cmd_get(int fd, int argc, char **argv)
{
	struct vzbc_bc *b;
	unsigned long res;
	int ret = 0;

	if (argc != 2)
		usage();
	b = calloc(1, sizeof(*b));
	if (!b)
		fail("calloc");
	b->ctid = num(argv[0]);
	res = res_id(argv[1]);
	if (ioctl(fd, VZBC_IOC_GET_BC, b) < 0) {
		ret = done(-1);
	} else if (res >= b->nr_resources) {
		fprintf(stderr, "no resource %lu of %u\n", res, b->nr_resources);
		ret = 1;
	} else {
		printf("%llu %llu %llu %llu %llu\n",
		       (unsigned long long)b->res[res].held,
		       (unsigned long long)b->res[res].maxheld,
		       (unsigned long long)b->res[res].barrier,
		       (unsigned long long)b->res[res].limit,
		       (unsigned long long)b->res[res].failcnt);
	}
	free(b);
	return ret;
}

static const char *const view_parts[] = { "meminfo", "cpu", "loadavg", "uptime" };

/* all, none, a number, or part names joined by commas */
static unsigned long parts_value(char *s)
{
	unsigned long parts = 0;
	unsigned int i;
	char *name;

	if (!strcmp(s, "all"))
		return VZBC_VIEW_ALL;
	if (!strcmp(s, "none"))
		return 0;
	if (s[0] >= '0' && s[0] <= '9')
		return num(s);
	while ((name = strsep(&s, ","))) {
		for (i = 0; i < sizeof(view_parts) / sizeof(view_parts[0]); i++)
			if (!strcmp(name, view_parts[i]))
				break;
		if (i == sizeof(view_parts) / sizeof(view_parts[0]))
			usage();
		parts |= 1UL << i;
	}
	return parts;
}

/* view CTID PARTS */
static int cmd_view(int fd, int argc, char **argv)
{
	struct vzbc_set_view r = { 0 };

	if (argc != 2)
		usage();
	r.ctid = num(argv[0]);
	r.parts = parts_value(argv[1]);
	return done(ioctl(fd, VZBC_IOC_SET_VIEW, &r));
}

static void print_load(__u64 load)
{
	unsigned long hundredths = (load * 100 + (1UL << (VZBC_LOAD_SHIFT - 1))) >>
				   VZBC_LOAD_SHIFT;

	printf(" %lu.%02lu", hundredths / 100, hundredths % 100);
}

/* view-get CTID: "parts tasks running blocked load1 load5 load15 uptime" */
static int cmd_view_get(int fd, int argc, char **argv)
{
	struct vzbc_view_info r = { 0 };
	int i;

	if (argc != 1)
		usage();
	r.ctid = num(argv[0]);
	if (ioctl(fd, VZBC_IOC_GET_VIEW, &r) < 0)
		return done(-1);
	printf("%#x %u %u %u", r.parts, r.nr_tasks, r.nr_running, r.nr_blocked);
	for (i = 0; i < 3; i++)
		print_load(r.loadavg[i]);
	printf(" %llu\n", (unsigned long long)(r.uptime_ns / 1000000000));
	return 0;
}

/* list [CAPACITY]: "count: id id ..." */
static int cmd_list(int fd, int argc, char **argv)
{
	struct vzbc_list r = { 0 };
	__u32 ids[64];
	unsigned int i;

	r.capacity = argc > 0 ? num(argv[0]) : 64;
	if (r.capacity > 64)
		usage();
	r.ctids = (unsigned long)ids;
	if (ioctl(fd, VZBC_IOC_LIST, &r) < 0)
		return done(-1);
	printf("%u:", r.count);
	for (i = 0; i < r.count && i < r.capacity; i++)
		printf(" %u", ids[i]);
	printf("\n");
	return 0;
}

/*
 * reserved CTID CGROUP_DIR: every must-be-zero field of every command but
 * VERSION (ioctl.bats covers it) made non-zero in turn, the request
 * otherwise good (CTID registered, CGROUP_DIR free to register as CTID+1):
 * one line "COMMAND FIELD: ERRNO" each, OK where the kernel took it.
 */
#define POKE(cmd, req, field, what)					\
	do {								\
		typeof(req) r_ = (req);					\
		r_.field = 1;						\
		printf("%s %s: ", what, #field);			\
		report(ioctl(fd, cmd, &r_));				\
	} while (0)

static int cmd_reserved(int fd, int argc, char **argv)
{
	struct vzbc_limit l = { .resource = VZBC_NUMPROC, .barrier = 10, .limit = 10 };
	struct vzbc_ct_register reg = { 0 };
	struct vzbc_set_limits set = { 0 };
	struct vzbc_ct_id id = { 0 };
	struct vzbc_list list = { 0 };
	struct vzbc_set_view view = { .parts = VZBC_VIEW_ALL };
	struct vzbc_view_info info = { 0 };
	struct vzbc_bc *bc;
	__u32 ids[64];

	if (argc != 2)
		usage();
	bc = calloc(1, sizeof(*bc));
	if (!bc)
		fail("calloc");
	reg.ctid = num(argv[0]) + 1;
	reg.cgroup_fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (reg.cgroup_fd < 0)
		fail(argv[1]);
	POKE(VZBC_IOC_CT_REGISTER, reg, flags, "register");
	POKE(VZBC_IOC_CT_REGISTER, reg, reserved0, "register");
	POKE(VZBC_IOC_CT_REGISTER, reg, reserved[0], "register");
	POKE(VZBC_IOC_CT_REGISTER, reg, reserved[1], "register");
	id.ctid = num(argv[0]);
	POKE(VZBC_IOC_CT_UNREGISTER, id, flags, "unregister");
	POKE(VZBC_IOC_CT_UNREGISTER, id, reserved[0], "unregister");
	POKE(VZBC_IOC_CT_UNREGISTER, id, reserved[1], "unregister");
	set.ctid = id.ctid;
	set.count = 1;
	set.limits = (unsigned long)&l;
	POKE(VZBC_IOC_SET_LIMITS, set, flags, "set");
	POKE(VZBC_IOC_SET_LIMITS, set, reserved0, "set");
	POKE(VZBC_IOC_SET_LIMITS, set, reserved[0], "set");
	POKE(VZBC_IOC_SET_LIMITS, set, reserved[1], "set");
	l.reserved0 = 1;
	printf("set limits[0].reserved0: ");
	report(ioctl(fd, VZBC_IOC_SET_LIMITS, &set));
	bc->ctid = id.ctid;
	POKE(VZBC_IOC_GET_BC, *bc, flags, "get");
	POKE(VZBC_IOC_GET_BC, *bc, reserved0, "get");
	POKE(VZBC_IOC_GET_BC, *bc, reserved[0], "get");
	POKE(VZBC_IOC_GET_BC, *bc, reserved[1], "get");
	list.capacity = 64;
	list.ctids = (unsigned long)ids;
	POKE(VZBC_IOC_LIST, list, flags, "list");
	POKE(VZBC_IOC_LIST, list, reserved0, "list");
	POKE(VZBC_IOC_LIST, list, reserved[0], "list");
	POKE(VZBC_IOC_LIST, list, reserved[1], "list");
	view.ctid = id.ctid;
	POKE(VZBC_IOC_SET_VIEW, view, flags, "view");
	POKE(VZBC_IOC_SET_VIEW, view, reserved0, "view");
	POKE(VZBC_IOC_SET_VIEW, view, reserved[0], "view");
	POKE(VZBC_IOC_SET_VIEW, view, reserved[1], "view");
	view.parts = VZBC_VIEW_ALL + 1;
	printf("view parts: ");
	report(ioctl(fd, VZBC_IOC_SET_VIEW, &view));
	info.ctid = id.ctid;
	POKE(VZBC_IOC_GET_VIEW, info, flags, "view-get");
	POKE(VZBC_IOC_GET_VIEW, info, reserved[0], "view-get");
	POKE(VZBC_IOC_GET_VIEW, info, reserved[1], "view-get");
	free(bc);
	return 0;
}

/* ---------------------------------------------------------------- network */

static unsigned int ifindex_of(const char *s)
{
	unsigned int i = if_nametoindex(s);

	return i ? i : (unsigned int)num(s);
}

static int netns_open(const char *s)
{
	int fd = open(s, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fail(s);
	return fd;
}

/* attach CTID NETNS_FILE|-fd N IFNAME|IFINDEX */
static int cmd_attach(int fd, int argc, char **argv)
{
	struct vzbc_net_attach r = { 0 };
	int i = 2;

	if (argc < 3)
		usage();
	r.ctid = num(argv[0]);
	if (!strcmp(argv[1], "-fd")) {
		if (argc < 4)
			usage();
		r.netns_fd = (int)num(argv[2]);
		i = 3;
	} else {
		r.netns_fd = netns_open(argv[1]);
	}
	r.ifindex = ifindex_of(argv[i]);
	report(ioctl(fd, VZBC_IOC_NET_ATTACH, &r));
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	usage();
}

/* an address literal or raw:FAMILY:HEX[:R0:R1] */
static void parse_item(const char *s, struct vzbc_net_addr *a)
{
	char *copy, *f[5], *save = NULL;
	int n = 0, i;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->addr) == 1) {
		a->family = AF_INET;
		return;
	}
	if (inet_pton(AF_INET6, s, a->addr) == 1) {
		a->family = AF_INET6;
		return;
	}
	if (strncmp(s, "raw:", 4))
		usage();
	copy = strdup(s + 4);
	if (!copy)
		fail("strdup");
	for (f[n] = strtok_r(copy, ":", &save); f[n] && n < 4; f[n] = strtok_r(NULL, ":", &save))
		n++;
	if (n != 2 && n != 4)
		usage();
	a->family = num(f[0]);
	if (strlen(f[1]) != 32)
		usage();
	for (i = 0; i < 16; i++)
		a->addr[i] = hexval(f[1][2 * i]) << 4 | hexval(f[1][2 * i + 1]);
	if (n == 4) {
		a->reserved0 = num(f[2]);
		a->reserved1 = num(f[3]);
	}
	free(copy);
}

/* addr CTID add|del|delall|OP [--count N] [--bad-pointer] ITEM... */
static int cmd_addr(int fd, int argc, char **argv)
{
	struct vzbc_net_addrs r = { 0 };
	struct vzbc_net_addr *a;
	long count = -1;
	int i, n = 0, bad_ptr = 0;

	if (argc < 2)
		usage();
	r.ctid = num(argv[0]);
	if (!strcmp(argv[1], "add"))
		r.op = VZBC_NET_ADD;
	else if (!strcmp(argv[1], "del"))
		r.op = VZBC_NET_DEL;
	else if (!strcmp(argv[1], "delall"))
		r.op = VZBC_NET_DEL_ALL;
	else
		r.op = num(argv[1]);
	a = calloc(argc, sizeof(*a));
	if (!a)
		fail("calloc");
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = num(argv[++i]);
		else if (!strcmp(argv[i], "--bad-pointer"))
			bad_ptr = 1;
		else
			parse_item(argv[i], &a[n++]);
	}
	r.count = count >= 0 ? (__u32)count : (__u32)n;
	r.addrs = n ? (unsigned long)a : 0;
	if (bad_ptr)
		r.addrs = 16;
	report(ioctl(fd, VZBC_IOC_NET_ADDR, &r));
	free(a);
	return 0;
}

static void print_addr(const struct vzbc_net_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	if (!inet_ntop(a->family, a->addr, buf, sizeof(buf)))
		snprintf(buf, sizeof(buf), "family%u", a->family);
	printf(" %s", buf);
}

/* netinfo CTID [CAPACITY] */
static int cmd_netinfo(int fd, int argc, char **argv)
{
	struct vzbc_net_info r = { 0 };
	struct vzbc_net_addr *a;
	unsigned int i;

	if (argc < 1 || argc > 2)
		usage();
	r.ctid = num(argv[0]);
	r.capacity = argc > 1 ? num(argv[1]) : VZBC_NET_MAX_ADDRS;
	if (r.capacity > VZBC_NET_MAX_ADDRS)
		usage();
	a = calloc(VZBC_NET_MAX_ADDRS, sizeof(*a));
	if (!a)
		fail("calloc");
	r.addrs = (unsigned long)a;
	if (ioctl(fd, VZBC_IOC_NET_INFO, &r) < 0) {
		report(-1);
		free(a);
		return 0;
	}
	printf("count=%u ifindex=%u state=%u in=%llu/%llu out=%llu/%llu drop=%llu/%llu:",
	       r.count, r.ifindex, r.state,
	       (unsigned long long)r.stats.in_bytes, (unsigned long long)r.stats.in_packets,
	       (unsigned long long)r.stats.out_bytes, (unsigned long long)r.stats.out_packets,
	       (unsigned long long)r.stats.drop_bytes, (unsigned long long)r.stats.drop_packets);
	for (i = 0; i < r.count && i < r.capacity; i++)
		print_addr(&a[i]);
	printf("\n");
	free(a);
	return 0;
}

/*
 * netreserved CTID NETNS IFNAME: every must-be-zero field of the network
 * commands made non-zero in turn, the request otherwise good (CTID
 * attached to NETNS through IFNAME): "COMMAND FIELD: ERRNO" each.
 */
static int cmd_netreserved(int fd, int argc, char **argv)
{
	struct vzbc_net_addr a = { .family = AF_INET, .addr = { 192, 0, 2, 99 } };
	struct vzbc_net_attach att = { 0 };
	struct vzbc_net_addrs adr = { 0 };
	struct vzbc_net_info info = { 0 };

	if (argc != 3)
		usage();
	att.ctid = num(argv[0]);
	att.netns_fd = netns_open(argv[1]);
	att.ifindex = ifindex_of(argv[2]);
	POKE(VZBC_IOC_NET_ATTACH, att, flags, "attach");
	POKE(VZBC_IOC_NET_ATTACH, att, reserved[0], "attach");
	POKE(VZBC_IOC_NET_ATTACH, att, reserved[1], "attach");
	adr.ctid = att.ctid;
	adr.op = VZBC_NET_ADD;
	adr.count = 1;
	adr.addrs = (unsigned long)&a;
	POKE(VZBC_IOC_NET_ADDR, adr, flags, "addr");
	POKE(VZBC_IOC_NET_ADDR, adr, reserved[0], "addr");
	POKE(VZBC_IOC_NET_ADDR, adr, reserved[1], "addr");
	a.reserved0 = 1;
	printf("addr addrs[0].reserved0: ");
	report(ioctl(fd, VZBC_IOC_NET_ADDR, &adr));
	a.reserved0 = 0;
	a.reserved1 = 1;
	printf("addr addrs[0].reserved1: ");
	report(ioctl(fd, VZBC_IOC_NET_ADDR, &adr));
	info.ctid = att.ctid;
	POKE(VZBC_IOC_NET_INFO, info, flags, "netinfo");
	POKE(VZBC_IOC_NET_INFO, info, reserved[0], "netinfo");
	POKE(VZBC_IOC_NET_INFO, info, reserved[1], "netinfo");
	return 0;
}

int main(int argc, char **argv)
{
	struct identity id = { .uid = -1 };
	int i, fd;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--as-user") && i + 1 < argc)
			id.uid = num(argv[++i]);
		else if (!strcmp(argv[i], "--drop-sysadmin"))
			id.drop_sysadmin = 1;
		else if (!strcmp(argv[i], "--userns"))
			id.userns = 1;
		else if (!strcmp(argv[i], "--open-late"))
			id.open_late = 1;
		else
			usage();
	}
	if (i >= argc)
		usage();
	fd = open_dev(&id, !strcmp(argv[i], "version") || !strcmp(argv[i], "raw") ||
		      !strcmp(argv[i], "sweep") || !strcmp(argv[i], "reserved"));
	if (!strcmp(argv[i], "version"))
		return cmd_version(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "raw"))
		return cmd_raw(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "sweep") && i + 1 == argc)
		return cmd_sweep(fd);
	if (!strcmp(argv[i], "register"))
		return cmd_register(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "unregister"))
		return cmd_unregister(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "set"))
		return cmd_set(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "get"))
		return cmd_get(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "list"))
		return cmd_list(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "reserved"))
		return cmd_reserved(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "attach"))
		return cmd_attach(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "addr"))
		return cmd_addr(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "netinfo"))
		return cmd_netinfo(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "netreserved"))
		return cmd_netreserved(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "view"))
		return cmd_view(fd, argc - i - 1, argv + i + 1);
	if (!strcmp(argv[i], "view-get"))
		return cmd_view_get(fd, argc - i - 1, argv + i + 1);
	usage();
}
