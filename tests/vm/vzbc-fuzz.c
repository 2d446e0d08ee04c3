// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-fuzz: hammer vzbc.ko's ioctls and error paths (run in the test VM,
 * meant for the debug kernel, where KASAN, lockdep, kmemleak and UBSAN
 * watch what the module does; see tests/vm/debug/).
 *
 *   vzbc-fuzz ioctl SECONDS THREADS SEED
 *	THREADS threads issue random and mutated ioctls on /dev/vzctl
 *	(commands, sizes, directions, flags, reserved fields, CTIDs, cgroup
 *	fds, limit arrays, user pointers) while a charger runs processes
 *	that fork, open, connect and lock inside the registered containers,
 *	and an unloader tries to remove the module (and loads it again when
 *	it succeeds). The network commands work on a network namespace per
 *	container, each with a veth pair to the host, whose holder process
 *	sends frames from random sources through it all along, while a
 *	churner deletes and re-creates the pairs and lets namespaces exit.
 *	Every errno must be one the ABI documents. At the end every
 *	container is emptied and unregistered; prints a summary.
 *
 *   vzbc-fuzz failnth load|ioctls|charges
 *	Systematic allocation-failure injection through
 *	/proc/thread-self/fail-nth (failslab and fail_page_alloc): each step
 *	is repeated failing its 1st, 2nd, ... allocation until it runs
 *	through without reaching the injected failure; after every failure
 *	the state must be as before the step (no half-registered container,
 *	no half-applied limits, no charge left behind).
 *
 * Needs $VZBC_KO (the module to load) for "ioctl" and "failnth load".
 * Exit status: 0 all well, 1 a check failed, 2 usage or setup error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/vzbc.h>

#define CG_BASE		"/sys/fs/cgroup/vzbc-fuzz"
#define NR_CTS		6
#define CTID_BASE	7001
#define MAX_ERRNO	134

static atomic_int failures;
static atomic_int stop_all;
static atomic_long op_count[12];
static atomic_long errno_count[MAX_ERRNO + 1];
static atomic_long unloads, reloads, unload_refused;
static atomic_int quiesce, parked;	/* the unloader's quiet moments */
static int cg_fds[NR_CTS];
static const char *ko_path;
static char *guard_page;	/* a PROT_NONE page: pointers into it fault */

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "vzbc-fuzz: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void __attribute__((format(printf, 1, 2))) check_failed(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "vzbc-fuzz: FAILED: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	atomic_fetch_add(&failures, 1);
}

/* ---------------------------------------------------------------- helpers */

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

static int vz_open(void)
{
	return open(VZBC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
}

static int vz_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

static int ct_register(int fd, uint32_t ctid, int cgfd)
{
	struct vzbc_ct_register r = { .ctid = ctid, .cgroup_fd = cgfd };

	return vz_ioctl(fd, VZBC_IOC_CT_REGISTER, &r);
}

static int ct_unregister(int fd, uint32_t ctid)
{
	struct vzbc_ct_id r = { .ctid = ctid };

	return vz_ioctl(fd, VZBC_IOC_CT_UNREGISTER, &r);
}

static int get_bc(int fd, uint32_t ctid, struct vzbc_bc *bc)
{
	memset(bc, 0, sizeof(*bc));
	bc->ctid = ctid;
	return vz_ioctl(fd, VZBC_IOC_GET_BC, bc);
}

static int is_listed(int fd, uint32_t ctid)
{
	uint32_t ids[256];
	struct vzbc_list l = { .capacity = 256, .ctids = (uintptr_t)ids };
	uint32_t i;

	if (vz_ioctl(fd, VZBC_IOC_LIST, &l) < 0)
		return -1;
	for (i = 0; i < l.count && i < 256; i++)
		if (ids[i] == ctid)
			return 1;
	return 0;
}

static void cg_setup(void)
{
	char path[128];
	int i;

	write_str("/sys/fs/cgroup/cgroup.subtree_control", "+memory +pids");
	if (mkdir(CG_BASE, 0755) < 0 && errno != EEXIST)
		die("mkdir " CG_BASE);
	write_str(CG_BASE "/cgroup.subtree_control", "+memory +pids");
	for (i = 0; i < NR_CTS; i++) {
		snprintf(path, sizeof(path), CG_BASE "/%d", CTID_BASE + i);
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			die("mkdir");
		cg_fds[i] = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (cg_fds[i] < 0)
			die(path);
	}
}

/*
 * Empty every test cgroup, unregister every container (the fuzzer may have
 * registered one under any CTID), remove the cgroups.
 */
static void cg_empty_all(int fd)
{
	uint32_t ids[256];
	struct vzbc_list l = { .capacity = 256, .ctids = (uintptr_t)ids };
	char path[128];
	uint32_t i;
	int j;

	for (i = 0; i < NR_CTS; i++) {
		snprintf(path, sizeof(path), CG_BASE "/%d/cgroup.kill", CTID_BASE + i);
		write_str(path, "1");
	}
	if (fd >= 0 && vz_ioctl(fd, VZBC_IOC_LIST, &l) == 0) {
		for (i = 0; i < l.count && i < 256; i++) {
			for (j = 0; j < 200; j++) {
				if (ct_unregister(fd, ids[i]) != -EBUSY)
					break;
				usleep(20000);
			}
		}
	}
}

static void cg_teardown(int fd)
{
	char path[128];
	uint32_t i;
	int j;

	cg_empty_all(fd);
	for (i = 0; i < NR_CTS; i++) {
		snprintf(path, sizeof(path), CG_BASE "/%d", CTID_BASE + i);
		close(cg_fds[i]);
		for (j = 0; j < 100 && rmdir(path) < 0 && errno == EBUSY; j++)
			usleep(20000);
	}
	rmdir(CG_BASE);
}

static int load_module(void)
{
	int fd = open(ko_path, O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0)
		return -errno;
	r = syscall(SYS_finit_module, fd, "", 0) < 0 ? -errno : 0;
	close(fd);
	return r;
}

static int unload_module(void)
{
	return syscall(SYS_delete_module, "vzbc", O_NONBLOCK) < 0 ? -errno : 0;
}

/* ------------------------------------------------------------ ioctl fuzz */

static uint64_t rnd(unsigned int *seed)
{
	return ((uint64_t)rand_r(seed) << 33) ^ ((uint64_t)rand_r(seed) << 11) ^
	       (uint64_t)rand_r(seed);
}

static uint64_t pick_value(unsigned int *seed)
{
	static const uint64_t interesting[] = {
		0, 1, 2, 10, 100, 4096, 65536, 1ULL << 31, 1ULL << 32,
		VZBC_UNLIMITED, VZBC_UNLIMITED - 1, VZBC_UNLIMITED + 1, ~0ULL,
	};

	if (rand_r(seed) % 4 == 0)
		return rnd(seed);
	return interesting[rand_r(seed) % (sizeof(interesting) / sizeof(interesting[0]))];
}

static uint32_t pick_ctid(unsigned int *seed)
{
	switch (rand_r(seed) % 16) {
	case 0: return 0;
	case 1: return ~0U;
	case 2: return (uint32_t)rnd(seed);
	default: return CTID_BASE + rand_r(seed) % (NR_CTS + 1);
	}
}

/* a user pointer: usually good, sometimes NULL, kernel, unmapped or unaligned */
static uint64_t pick_ptr(unsigned int *seed, void *good)
{
	switch (rand_r(seed) % 12) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 0xffff888000000000ULL;
	case 3: return (uintptr_t)guard_page;
	case 4: return (uintptr_t)good + 1;
	case 5: return rnd(seed);
	default: return (uintptr_t)good;
	}
}

/* flip a reserved field or flag now and then */
static uint32_t maybe_junk(unsigned int *seed)
{
	return rand_r(seed) % 10 == 0 ? (uint32_t)rnd(seed) | 1 : 0;
}

static int documented_errno(int e)
{
	switch (e) {
	case EINVAL: case ENOENT: case EEXIST: case EBUSY: case EFAULT:
	case EBADF: case ENOTTY: case EPERM: case ENOMEM: case EOPNOTSUPP:
	case EIO: case ENOTDIR:
	case ENODEV: case ENXIO: case EADDRINUSE: case EADDRNOTAVAIL: case ENOSPC:
		return 1;
	}
	return 0;
}

static void count(int op, int r, const char *name)
{
	atomic_fetch_add(&op_count[op], 1);
	if (r < 0 && -r <= MAX_ERRNO)
		atomic_fetch_add(&errno_count[-r], 1);
	if (r < 0 && !documented_errno(-r))
		check_failed("%s returned undocumented errno %s", name, strerrorname_np(-r));
}

static void fuzz_register(int fd, unsigned int *seed)
{
	struct vzbc_ct_register r = {
		.ctid = pick_ctid(seed),
		.flags = maybe_junk(seed),
		.reserved0 = maybe_junk(seed),
	};

	switch (rand_r(seed) % 8) {
	case 0: r.cgroup_fd = -1; break;
	case 1: r.cgroup_fd = fd; break;
	case 2: r.cgroup_fd = (int)rnd(seed); break;
	case 3: r.cgroup_fd = 0; break;
	default: r.cgroup_fd = cg_fds[rand_r(seed) % NR_CTS]; break;
	}
	if (rand_r(seed) % 10 == 0)
		r.reserved[rand_r(seed) % 2] = rnd(seed);
	count(0, vz_ioctl(fd, VZBC_IOC_CT_REGISTER, &r), "CT_REGISTER");
}

static void fuzz_unregister(int fd, unsigned int *seed)
{
	struct vzbc_ct_id r = { .ctid = pick_ctid(seed), .flags = maybe_junk(seed) };

	count(1, vz_ioctl(fd, VZBC_IOC_CT_UNREGISTER, &r), "CT_UNREGISTER");
}

static void fuzz_set(int fd, unsigned int *seed)
{
	struct vzbc_limit lim[40];
	struct vzbc_set_limits s = { .ctid = pick_ctid(seed), .flags = maybe_junk(seed) };
	unsigned int i, n = rand_r(seed) % 40;

	for (i = 0; i < n; i++) {
		lim[i].resource = rand_r(seed) % 8 == 0 ? (uint32_t)rnd(seed) % 64
							: (uint32_t)rand_r(seed) % VZBC_RESOURCES;
		lim[i].reserved0 = maybe_junk(seed);
		/* mostly generous limits, so the charger keeps running */
		lim[i].barrier = rand_r(seed) % 3 ? VZBC_UNLIMITED : pick_value(seed);
		lim[i].limit = rand_r(seed) % 2 ? lim[i].barrier : pick_value(seed);
	}
	s.count = rand_r(seed) % 20 == 0 ? (uint32_t)rnd(seed) : n;
	s.limits = pick_ptr(seed, lim);
	s.reserved0 = maybe_junk(seed);
	count(2, vz_ioctl(fd, VZBC_IOC_SET_LIMITS, &s), "SET_LIMITS");
}

static void fuzz_get(int fd, unsigned int *seed)
{
	struct vzbc_bc bc;
	int r, i;

	memset(&bc, 0, sizeof(bc));
	bc.ctid = pick_ctid(seed);
	bc.flags = maybe_junk(seed);
	if (rand_r(seed) % 10 == 0) {
		r = vz_ioctl(fd, VZBC_IOC_GET_BC, (void *)(uintptr_t)pick_ptr(seed, &bc));
		count(3, r, "GET_BC");
		return;
	}
	r = vz_ioctl(fd, VZBC_IOC_GET_BC, &bc);
	count(3, r, "GET_BC");
	if (r < 0)
		return;
	if (bc.nr_resources != VZBC_RESOURCES)
		check_failed("GET_BC nr_resources %u", bc.nr_resources);
	for (i = 0; i < VZBC_RESOURCES; i++)
		if (bc.res[i].held > bc.res[i].maxheld)
			check_failed("held above maxheld in resource %d", i);
}

static void fuzz_list(int fd, unsigned int *seed)
{
	uint32_t ids[16];
	struct vzbc_list l = { .flags = maybe_junk(seed) };

	l.capacity = rand_r(seed) % 10 == 0 ? (uint32_t)rnd(seed) : (uint32_t)rand_r(seed) % 17;
	l.ctids = pick_ptr(seed, ids);
	count(4, vz_ioctl(fd, VZBC_IOC_LIST, &l), "LIST");
}

static void fuzz_raw(int fd, unsigned int *seed)
{
	static const unsigned int dirs[] = { _IOC_NONE, _IOC_READ, _IOC_WRITE,
					     _IOC_READ | _IOC_WRITE };
	unsigned char buf[1024];
	unsigned int size = rand_r(seed) % sizeof(buf), i;
	unsigned long cmd;
	int r;

	for (i = 0; i < size; i++)
		buf[i] = rand_r(seed) % 4 ? 0 : (unsigned char)rand_r(seed);
	cmd = _IOC(dirs[rand_r(seed) % 4],
		   rand_r(seed) % 4 ? VZBC_IOC_MAGIC : rand_r(seed) % 256,
		   rand_r(seed) % 4 ? rand_r(seed) % 8 : rand_r(seed) % 256, size);
	r = vz_ioctl(fd, cmd, rand_r(seed) % 8 ? (void *)buf
					       : (void *)(uintptr_t)pick_ptr(seed, buf));
	count(5, r, "raw ioctl");
}

/* ------------------------------------------------------------ network */

/*
 * A network namespace per container, held by a child that sends frames
 * out of its venet0 (the container end of the pair fzvN) with sources
 * drawn from POOL addresses, some owned, most not; the churner replaces
 * pairs and namespaces under the ioctls' feet.
 */
#define POOL	8

static atomic_int holder_pid[NR_CTS];
static pthread_mutex_t net_lock = PTHREAD_MUTEX_INITIALIZER;

static void pool_addr(unsigned int i, struct vzbc_net_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (i % 2) {
		a->family = AF_INET6;
		inet_pton(AF_INET6, "fd77::1", a->addr);
		a->addr[15] = (uint8_t)(i / 2 + 1);
	} else {
		a->family = AF_INET;
		inet_pton(AF_INET, "10.77.0.1", a->addr);
		a->addr[3] = (uint8_t)(i / 2 + 1);
	}
}

/* a frame from a pool address (or ARP) out of venet0, to its peer's MAC */
static void holder_send(int fd, int ifindex, const uint8_t *mac, unsigned int *seed)
{
	struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_ifindex = ifindex,
				  .sll_halen = 6 };
	struct vzbc_net_addr a;
	uint8_t f[96] = { 0 };
	size_t len = 60;

	memcpy(ll.sll_addr, mac, 6);
	memcpy(f, mac, 6);
	memcpy(f + 6, mac, 6);
	pool_addr(rand_r(seed) % POOL, &a);
	switch (rand_r(seed) % 8) {
	case 0:			/* ARP */
		f[12] = 0x08; f[13] = 0x06;
		break;
	default:
		if (a.family == AF_INET) {
			f[12] = 0x08; f[13] = 0x00;
			f[14] = 0x45; f[17] = 28; f[22] = 64; f[23] = 17;
			memcpy(f + 26, a.addr, 4);
			inet_pton(AF_INET, "10.77.1.1", f + 30);
		} else {
			f[12] = 0x86; f[13] = 0xdd;
			f[14] = 0x60; f[19] = 8; f[20] = 17; f[21] = 64;
			memcpy(f + 22, a.addr, 16);
			inet_pton(AF_INET6, "fd77:1::1", f + 38);
			len = 14 + 40 + 8;
		}
	}
	sendto(fd, f, len, 0, (struct sockaddr *)&ll, sizeof(ll));
}

/*
 * The holder: its own namespace, then frames out of venet0 once it exists.
 * It first closes what it inherited: the churner forks it while the
 * fuzzing threads have /dev/vzctl open, and each open file of the device
 * holds a reference to the module, which a quiet moment's unload would
 * find taken until the churner next replaced this holder (a minute or two
 * on the debug kernel).
 */
static void __attribute__((noreturn)) holder(unsigned int seed)
{
	struct ifreq ifr = { .ifr_name = "venet0" };
	int fd;

	if (syscall(SYS_close_range, 3U, ~0U, 0U))
		_exit(1);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare(CLONE_NEWNET))
		_exit(1);
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		_exit(1);
	for (;;) {
		int ifindex = (int)if_nametoindex("venet0");

		if (!ifindex || ioctl(fd, SIOCGIFHWADDR, &ifr)) {
			usleep(10000);
			continue;
		}
		ifr.ifr_flags = IFF_UP | IFF_NOARP;
		ioctl(fd, SIOCSIFFLAGS, &ifr);
		ioctl(fd, SIOCGIFHWADDR, &ifr);
		holder_send(fd, ifindex, (uint8_t *)ifr.ifr_hwaddr.sa_data, &seed);
		usleep(20000);	/* a steady trickle: a flood slows TCG to a crawl */
	}
}

static int run_cmd(const char *fmt, ...)
{
	char cmd[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/* (re)make container i's pair; its namespace too if new_ns */
static void net_make(int i, int new_ns, unsigned int seed)
{
	pid_t p;

	pthread_mutex_lock(&net_lock);
	run_cmd("ip link del fzv%d 2>/dev/null", i);
	if (new_ns || !holder_pid[i]) {
		if (holder_pid[i]) {
			kill(holder_pid[i], SIGKILL);
			waitpid(holder_pid[i], NULL, 0);
		}
		p = fork();
		if (p == 0)
			holder(seed);
		holder_pid[i] = p > 0 ? p : 0;
	}
	if (holder_pid[i])
		run_cmd("ip link add fzv%d type veth peer name venet0 netns %d 2>/dev/null &&"
			" ip link set fzv%d arp off up", i, holder_pid[i], i);
	pthread_mutex_unlock(&net_lock);
}

static void net_setup(void)
{
	int i;

	for (i = 0; i < NR_CTS; i++)
		net_make(i, 1, (unsigned int)i * 31);
}

static void net_teardown(void)
{
	int i;

	for (i = 0; i < NR_CTS; i++) {
		if (holder_pid[i]) {
			kill(holder_pid[i], SIGKILL);
			waitpid(holder_pid[i], NULL, 0);
			holder_pid[i] = 0;
		}
		run_cmd("ip link del fzv%d 2>/dev/null", i);
	}
}

static void *churner_thread(void *arg)
{
	unsigned int seed = *(unsigned int *)arg;

	while (!atomic_load(&stop_all)) {
		usleep(100000 + rand_r(&seed) % 200000);
		net_make(rand_r(&seed) % NR_CTS, rand_r(&seed) % 3 == 0, rand_r(&seed));
	}
	return NULL;
}

/* a namespace fd: usually container i's, sometimes anything else */
static int pick_netns(unsigned int *seed, int vzfd, int i)
{
	char path[64];

	switch (rand_r(seed) % 12) {
	case 0: return -1;
	case 1: return vzfd;
	case 2: return open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	case 3: return open("/proc/self/ns/uts", O_RDONLY | O_CLOEXEC);
	case 4: i = rand_r(seed) % NR_CTS; break;	/* another's */
	}
	snprintf(path, sizeof(path), "/proc/%d/ns/net", holder_pid[i]);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* mostly the right triple (container i, its namespace, its pair), so that
 * attaches succeed and addresses get claimed and fought over */
static void fuzz_net_attach(int fd, unsigned int *seed)
{
	int i = rand_r(seed) % NR_CTS;
	struct vzbc_net_attach r = { .ctid = rand_r(seed) % 4 ? CTID_BASE + (uint32_t)i
							     : pick_ctid(seed),
				     .flags = maybe_junk(seed) };
	char name[16];
	int nsfd = pick_netns(seed, fd, i);

	snprintf(name, sizeof(name), "fzv%d", rand_r(seed) % 5 ? i : rand_r(seed) % NR_CTS);
	r.netns_fd = nsfd;
	switch (rand_r(seed) % 10) {
	case 0: r.ifindex = 0; break;
	case 1: r.ifindex = 1; break;
	case 2: r.ifindex = (uint32_t)rnd(seed); break;
	default: r.ifindex = if_nametoindex(name);
	}
	if (rand_r(seed) % 10 == 0)
		r.reserved[rand_r(seed) % 2] = rnd(seed);
	count(7, vz_ioctl(fd, VZBC_IOC_NET_ATTACH, &r), "NET_ATTACH");
	if (nsfd >= 0 && nsfd != fd)
		close(nsfd);
}

/* mostly good requests of a few pool addresses, one field spoiled now and then */
static void fuzz_net_addr(int fd, unsigned int *seed)
{
	struct vzbc_net_addr a[12];
	struct vzbc_net_addrs r = { .ctid = pick_ctid(seed), .flags = maybe_junk(seed) };
	unsigned int i, n = rand_r(seed) % 8 ? 1 + rand_r(seed) % 3 : rand_r(seed) % 12;

	for (i = 0; i < n; i++)
		pool_addr(rand_r(seed) % POOL, &a[i]);
	if (n && rand_r(seed) % 4 == 0) {
		i = rand_r(seed) % n;
		switch (rand_r(seed) % 3) {
		case 0: a[i].addr[rand_r(seed) % 16] = (uint8_t)rand_r(seed); break;
		case 1: a[i].family = (uint16_t)rand_r(seed); break;
		default: a[i].reserved0 = (uint16_t)(rand_r(seed) | 1);
		}
	}
	r.op = rand_r(seed) % 10 == 0 ? (uint32_t)rnd(seed) : 1 + (uint32_t)rand_r(seed) % 3;
	r.count = rand_r(seed) % 20 == 0 ? (uint32_t)rnd(seed) : n;
	if (r.op == VZBC_NET_DEL_ALL && rand_r(seed) % 2)
		r.count = 0;
	r.addrs = !r.count ? 0 : rand_r(seed) % 6 ? (uintptr_t)a : pick_ptr(seed, a);
	count(8, vz_ioctl(fd, VZBC_IOC_NET_ADDR, &r), "NET_ADDR");
}

static void fuzz_net_info(int fd, unsigned int *seed)
{
	struct vzbc_net_addr a[16];
	struct vzbc_net_info r = { .ctid = pick_ctid(seed), .flags = maybe_junk(seed) };
	int ret;

	r.capacity = rand_r(seed) % 10 == 0 ? (uint32_t)rnd(seed) : (uint32_t)rand_r(seed) % 17;
	r.addrs = pick_ptr(seed, a);
	ret = vz_ioctl(fd, VZBC_IOC_NET_INFO, &r);
	count(9, ret, "NET_INFO");
	if (!ret && (r.count > VZBC_NET_MAX_ADDRS || r.state > VZBC_NET_NETNS))
		check_failed("NET_INFO count %u state %u", r.count, r.state);
}

struct worker {
	pthread_t thread;
	unsigned int seed;
};

/* while the unloader wants the module to itself: no fd, no activity */
static void park(int *fd)
{
	if (!atomic_load(&quiesce))
		return;
	if (fd && *fd >= 0) {
		close(*fd);
		*fd = -1;
	}
	atomic_fetch_add(&parked, 1);
	while (atomic_load(&quiesce) && !atomic_load(&stop_all))
		usleep(1000);
	atomic_fetch_sub(&parked, 1);
}

static void *fuzz_thread(void *arg)
{
	struct worker *w = arg;
	int fd = -1;

	while (!atomic_load(&stop_all)) {
		park(&fd);
		if (fd < 0) {
			fd = vz_open();
			if (fd < 0) {		/* unloaded for a moment */
				usleep(1000);
				continue;
			}
		}
		switch (rand_r(&w->seed) % 20) {
		case 16: case 17: fuzz_net_attach(fd, &w->seed); break;
		case 18: fuzz_net_addr(fd, &w->seed); break;
		case 19: fuzz_net_info(fd, &w->seed); break;
		case 0: case 1: fuzz_register(fd, &w->seed); break;
		case 2: case 3: fuzz_unregister(fd, &w->seed); break;
		case 4: case 5: case 6: fuzz_set(fd, &w->seed); break;
		case 7: case 8: fuzz_get(fd, &w->seed); break;
		case 9: fuzz_list(fd, &w->seed); break;
		case 10: case 11: fuzz_raw(fd, &w->seed); break;
		case 12: {
			struct vzbc_version v = { .flags = maybe_junk(&w->seed) };

			count(6, vz_ioctl(fd, VZBC_IOC_VERSION, &v), "VERSION");
			break;
		}
		default:
			if (rand_r(&w->seed) % 8 == 0) {	/* let an unload through */
				close(fd);
				fd = -1;
				usleep(rand_r(&w->seed) % 3000);
			}
		}
	}
	if (fd >= 0)
		close(fd);
	return NULL;
}

/* a child in one of the containers: fork, files, sockets, locks, a pty */
static void charge_some(unsigned int seed)
{
	int fds[12], sv[2], i, n = 0;
	pid_t p;

	for (i = 0; i < 4; i++) {
		p = fork();
		if (p == 0)
			_exit(0);
	}
	for (i = 0; i < 3; i++)
		fds[n++] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	fds[n++] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	fds[n++] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0) {
		fds[n++] = sv[0];
		fds[n++] = sv[1];
	}
	fds[n++] = open("/tmp", O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (fds[n - 1] >= 0)
		flock(fds[n - 1], LOCK_SH);
	if (seed % 3 == 0) {
		void *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m != MAP_FAILED)
			memset(m, 1, 1 << 20);
	}
	if (seed % 5 == 0)
		fds[n++] = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	while (wait(NULL) > 0)
		;
	/* exit with everything open: the kernel frees it, maybe from softirq */
	_exit(0);
}

static void *charger_thread(void *arg)
{
	unsigned int seed = *(unsigned int *)arg;
	char path[128], pid[16];

	while (!atomic_load(&stop_all)) {
		park(NULL);
		int ct = rand_r(&seed) % NR_CTS;
		unsigned int s = rand_r(&seed);
		pid_t p = fork();

		if (p < 0) {
			usleep(10000);
			continue;
		}
		if (p == 0) {
			snprintf(path, sizeof(path), CG_BASE "/%d/cgroup.procs", CTID_BASE + ct);
			snprintf(pid, sizeof(pid), "%d", getpid());
			if (write_str(path, pid) < 0)
				_exit(1);
			charge_some(s);
		}
		waitpid(p, NULL, 0);
	}
	return NULL;
}

/*
 * Every few seconds the others park: every container is emptied and
 * unregistered, and the module must then unload and load again. In
 * between, unload attempts race with everything (and must be refused).
 */
static void quiet_unload(int nr_parkers)
{
	int i, fd, r = -EBUSY;

	atomic_store(&quiesce, 1);
	for (i = 0; i < 10000 && atomic_load(&parked) < nr_parkers; i++)
		usleep(1000);
	fd = vz_open();
	if (fd >= 0) {
		cg_empty_all(fd);
		close(fd);
	}
	/*
	 * Up to 30 s, as the tests' own unload waits: charges are freed after
	 * an RCU grace period, and a container's network state goes with its
	 * namespaces, which the kernel tears down in a work item of its own
	 * (seconds each on the debug kernel beside another busy guest)
	 */
	for (i = 0; i < 600 && r < 0; i++) {
		r = unload_module();
		if (r < 0)
			usleep(50000);
	}
	if (r == 0) {
		atomic_fetch_add(&unloads, 1);
		r = load_module();
		if (r < 0)
			check_failed("loading the module again: %s", strerror(-r));
		else
			atomic_fetch_add(&reloads, 1);
	} else {
		check_failed("the module does not unload once every container is gone: %s",
			     strerror(-r));
	}
	atomic_store(&quiesce, 0);
}

static void *unloader_thread(void *arg)
{
	int nr_parkers = *(int *)arg, n = 0;

	while (!atomic_load(&stop_all)) {
		int r;

		if (++n % 60 == 0) {
			quiet_unload(nr_parkers);
			continue;
		}
		r = unload_module();
		if (r == 0) {
			atomic_fetch_add(&unloads, 1);
			r = load_module();
			if (r < 0 && r != -EEXIST)
				check_failed("reloading the module: %s", strerror(-r));
			else
				atomic_fetch_add(&reloads, 1);
		} else if (r == -EBUSY || r == -EWOULDBLOCK || r == -EAGAIN) {
			atomic_fetch_add(&unload_refused, 1);
		} else {
			check_failed("delete_module: %s", strerror(-r));
		}
		usleep(50000);
	}
	return NULL;
}

static int fuzz_ioctl(int seconds, int threads, unsigned int seed)
{
	struct worker w[16];
	pthread_t charger, unloader, churner;
	static const char *const names[] = { "register", "unregister", "set", "get",
					      "list", "raw", "version", "attach",
					      "addr", "netinfo" };
	unsigned int cseed = seed ^ 0x5a5a5a5a, nseed = seed ^ 0xa5a5a5a5;
	int i, fd, nr_parkers;

	if (threads < 1 || threads > 16 || seconds < 1)
		return 2;
	cg_setup();
	net_setup();
	for (i = 0; i < threads; i++) {
		w[i].seed = seed + (unsigned int)i * 7919;
		pthread_create(&w[i].thread, NULL, fuzz_thread, &w[i]);
	}
	pthread_create(&charger, NULL, charger_thread, &cseed);
	nr_parkers = threads + 1;	/* the fuzzers and the charger */
	pthread_create(&unloader, NULL, unloader_thread, &nr_parkers);
	pthread_create(&churner, NULL, churner_thread, &nseed);
	sleep((unsigned int)seconds);
	atomic_store(&stop_all, 1);
	for (i = 0; i < threads; i++)
		pthread_join(w[i].thread, NULL);
	pthread_join(charger, NULL);
	pthread_join(unloader, NULL);
	pthread_join(churner, NULL);
	net_teardown();

	fd = vz_open();
	if (fd < 0 && load_module() == 0)
		fd = vz_open();
	cg_teardown(fd);
	if (fd >= 0) {
		for (i = 0; i < NR_CTS; i++)
			if (is_listed(fd, CTID_BASE + i) != 0)
				check_failed("container %d still registered", CTID_BASE + i);
		close(fd);
	}
	printf("seed %u, %d threads, %d s:", seed, threads, seconds);
	for (i = 0; i < 10; i++)
		printf(" %s %ld", names[i], atomic_load(&op_count[i]));
	printf("; unloads %ld, reloads %ld (refused %ld)\nerrnos:", atomic_load(&unloads),
	       atomic_load(&reloads), atomic_load(&unload_refused));
	for (i = 1; i <= MAX_ERRNO; i++)
		if (atomic_load(&errno_count[i]))
			printf(" %s %ld", strerrorname_np(i), atomic_load(&errno_count[i]));
	printf("\n");
	return atomic_load(&failures) ? 1 : 0;
}

/* ------------------------------------------------------- fault injection */

static int failnth_fd = -1;

static void failnth_set(int n)
{
	char s[16];

	snprintf(s, sizeof(s), "%d", n);
	if (pwrite(failnth_fd, s, strlen(s), 0) < 0)
		die("write fail-nth");
}

/* what is left of the countdown; 0 means the failure was injected */
static int failnth_left(void)
{
	char s[16] = "";
	int left;

	if (pread(failnth_fd, s, sizeof(s) - 1, 0) < 0)
		die("read fail-nth");
	left = atoi(s);
	failnth_set(0);
	return left;
}

static void failnth_setup(void)
{
	static const char *const knobs[][2] = {
		{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N" },
		{ "/sys/kernel/debug/fail_page_alloc/min-order", "0" },
		{ "/sys/kernel/debug/failslab/verbose", "0" },
		{ "/sys/kernel/debug/fail_page_alloc/verbose", "0" },
	};
	size_t i;

	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
		if (write_str(knobs[i][0], knobs[i][1]) < 0)
			die(knobs[i][0]);
	failnth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (failnth_fd < 0)
		die("/proc/thread-self/fail-nth");
}

struct step {
	const char *name;
	int (*prepare)(int fd);		/* unfaulted set-up, may be NULL */
	int (*run)(int fd);		/* the faulted step: 0 or -errno */
	int (*check)(int fd, int r);	/* state after it: 0 or -1 */
	void (*undo)(int fd);		/* back to the start after a success */
};

static long injected;

static int run_step(const struct step *s)
{
	int n, fd, r, left, bad = 0;

	for (n = 1; n < 20000; n++) {
		fd = vz_open();
		if (fd < 0)
			die("open /dev/vzctl");
		if (s->prepare && s->prepare(fd) < 0) {
			fprintf(stderr, "vzbc-fuzz: %s: set-up failed\n", s->name);
			return -1;
		}
		failnth_set(n);
		r = s->run(fd);
		left = failnth_left();
		if (left == 0)
			injected++;
		if (r < 0 && left != 0 && r != -EBUSY) {
			fprintf(stderr, "vzbc-fuzz: %s failed (%s) without an injected fault\n",
				s->name, strerror(-r));
			bad = 1;
		}
		if (r < 0 && r != -ENOMEM && r != -EBUSY && r != -EINTR) {
			fprintf(stderr, "vzbc-fuzz: %s: an allocation failure became %s\n",
				s->name, strerror(-r));
			bad = 1;
		}
		if (s->check(fd, r) < 0) {
			fprintf(stderr, "vzbc-fuzz: %s: inconsistent after failing allocation %d (%s)\n",
				s->name, n, r ? strerror(-r) : "the step succeeded");
			bad = 1;
		}
		if (r == 0 && s->undo)
			s->undo(fd);
		close(fd);
		if (bad)
			return -1;
		if (left != 0) {
			printf("ok: %s: %d allocations, each failed once, handled\n", s->name, n - 1);
			return 0;
		}
	}
	fprintf(stderr, "vzbc-fuzz: %s: no end after %d injections\n", s->name, n);
	return -1;
}

/*
 * The charge points stay attached a while after the last container goes
 * (the module's disarm_delay_ms); the walk of the first registration sets
 * that to 0 and waits for the detach before each step, so that every step
 * attaches them again.
 */
#define DISARM_DELAY	"/sys/module/vzbc/parameters/disarm_delay_ms"

static void set_disarm_delay(const char *ms)
{
	int fd = open(DISARM_DELAY, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, ms, strlen(ms)) < 0)
		die(DISARM_DELAY);
	close(fd);
}

static int hooks_attached(void)
{
	FILE *f = fopen("/sys/kernel/debug/tracing/enabled_functions", "re");
	char line[512];
	int found = 0;

	if (!f)
		die("/sys/kernel/debug/tracing/enabled_functions");
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, "[vzbc]") != NULL;
	fclose(f);
	return found;
}

static int wait_detached(int fd)
{
	int i;

	(void)fd;
	for (i = 0; i < 1000 && hooks_attached(); i++)
		usleep(10000);
	return hooks_attached() ? -1 : 0;
}

#define T_CTID	CTID_BASE
#define T_CG	0

static int st_register(int fd) { return ct_register(fd, T_CTID, cg_fds[T_CG]); }
static int st_unregister(int fd) { return ct_unregister(fd, T_CTID); }
static void st_undo_register(int fd) { ct_unregister(fd, T_CTID); }
static void st_undo_unregister(int fd) { ct_register(fd, T_CTID, cg_fds[T_CG]); }

static int chk_register(int fd, int r)
{
	return is_listed(fd, T_CTID) == (r == 0) ? 0 : -1;
}

static int chk_unregister(int fd, int r)
{
	return is_listed(fd, T_CTID) == (r != 0) ? 0 : -1;
}

static int st_version(int fd)
{
	struct vzbc_version v = { 0 };

	return vz_ioctl(fd, VZBC_IOC_VERSION, &v);
}

static int chk_none(int fd, int r)
{
	(void)fd;
	(void)r;
	return 0;
}

static int st_list(int fd)
{
	return is_listed(fd, T_CTID) < 0 ? -errno : 0;
}

static int st_get(int fd)
{
	struct vzbc_bc bc;

	return get_bc(fd, T_CTID, &bc);
}

/* several limits at once, the memory cgroup's among them: all or nothing */
static const struct vzbc_limit set_lims[] = {
	{ VZBC_NUMPROC, 0, 500, 500 },
	{ VZBC_NUMFILE, 0, 2000, 2000 },
	{ VZBC_PHYSPAGES, 0, 0, 65536 },
	{ VZBC_SWAPPAGES, 0, 0, 16384 },
	{ VZBC_OOMGUARPAGES, 0, 1024, VZBC_UNLIMITED },
	{ VZBC_PRIVVMPAGES, 0, 100000, 110000 },
	{ VZBC_NUMFLOCK, 0, 100, 110 },
};
#define NR_SET_LIMS (sizeof(set_lims) / sizeof(set_lims[0]))

static int st_set(int fd)
{
	struct vzbc_set_limits s = { .ctid = T_CTID, .count = NR_SET_LIMS,
				     .limits = (uintptr_t)set_lims };

	return vz_ioctl(fd, VZBC_IOC_SET_LIMITS, &s);
}

static int chk_set(int fd, int r)
{
	struct vzbc_bc bc;
	char buf[64] = "";
	int cg;
	size_t i;

	if (get_bc(fd, T_CTID, &bc) < 0)
		return -1;
	for (i = 0; i < NR_SET_LIMS; i++) {
		const struct vzbc_ubparm *p = &bc.res[set_lims[i].resource];
		int now = p->barrier == set_lims[i].barrier && p->limit == set_lims[i].limit;
		int unl = p->barrier == VZBC_UNLIMITED && p->limit == VZBC_UNLIMITED;

		if (r == 0 ? !now : !unl)
			return -1;
	}
	/* the cgroup file must agree with the beancounter */
	cg = openat(cg_fds[T_CG], "memory.max", O_RDONLY | O_CLOEXEC);
	if (cg < 0 || read(cg, buf, sizeof(buf) - 1) < 0)
		return -1;
	close(cg);
	if (r == 0 ? atol(buf) != 65536L * 4096 : strncmp(buf, "max", 3) != 0)
		return -1;
	return 0;
}

static void undo_set(int fd)
{
	struct vzbc_limit l[NR_SET_LIMS];
	struct vzbc_set_limits s = { .ctid = T_CTID, .count = NR_SET_LIMS,
				     .limits = (uintptr_t)l };
	size_t i;

	for (i = 0; i < NR_SET_LIMS; i++) {
		l[i] = set_lims[i];
		l[i].barrier = VZBC_UNLIMITED;
		l[i].limit = VZBC_UNLIMITED;
	}
	if (vz_ioctl(fd, VZBC_IOC_SET_LIMITS, &s) < 0)
		check_failed("resetting limits: %s", strerror(errno));
}

static int st_open(int fd)
{
	int f = vz_open();

	(void)fd;
	if (f < 0)
		return -errno;
	close(f);
	return 0;
}

/* the network commands on container T_CTID, namespace and pair 0 */
static int net_state(int fd, uint32_t *ifindex)
{
	struct vzbc_net_info r = { .ctid = T_CTID };

	if (vz_ioctl(fd, VZBC_IOC_NET_INFO, &r) < 0)
		return -1;
	*ifindex = r.ifindex;
	return (int)r.count;
}

/* opened by the un-faulted preparation: the faulted step does the ioctl only */
static int net_nsfd = -1;
static unsigned int net_ifindex;

static int st_net_attach(int fd)
{
	struct vzbc_net_attach r = { .ctid = T_CTID, .netns_fd = net_nsfd,
				     .ifindex = net_ifindex };

	return vz_ioctl(fd, VZBC_IOC_NET_ATTACH, &r);
}

static int prep_net_attach(int fd)
{
	char path[64];

	if (ct_register(fd, T_CTID, cg_fds[T_CG]) < 0 && errno != EEXIST)
		return -1;
	if (net_nsfd < 0) {
		snprintf(path, sizeof(path), "/proc/%d/ns/net", holder_pid[0]);
		net_nsfd = open(path, O_RDONLY | O_CLOEXEC);
		net_ifindex = if_nametoindex("fzv0");
	}
	return net_nsfd >= 0 && net_ifindex ? 0 : -1;
}

static int chk_net_attach(int fd, int r)
{
	uint32_t ifindex;

	return net_state(fd, &ifindex) == 0 &&
	       ifindex == (r ? 0 : net_ifindex) ? 0 : -1;
}

static const struct vzbc_net_addr net_addrs[] = {
	{ .family = AF_INET, .addr = { 10, 77, 0, 1 } },
	{ .family = AF_INET6, .addr = { 0xfd, 0x77, [15] = 1 } },
	{ .family = AF_INET, .addr = { 10, 77, 0, 2 } },
};

static int net_addrs_op(int fd, uint32_t op)
{
	struct vzbc_net_addrs r = { .ctid = T_CTID, .op = op, .count = 3,
				    .addrs = (uintptr_t)net_addrs };

	if (op == VZBC_NET_DEL_ALL) {
		r.count = 0;
		r.addrs = 0;
	}
	return vz_ioctl(fd, VZBC_IOC_NET_ADDR, &r);
}

static int st_net_add(int fd) { return net_addrs_op(fd, VZBC_NET_ADD); }
static int st_net_del(int fd) { return net_addrs_op(fd, VZBC_NET_DEL); }
static void undo_net_add(int fd) { net_addrs_op(fd, VZBC_NET_DEL_ALL); }

static int prep_net_add(int fd)
{
	if (prep_net_attach(fd) < 0)
		return -1;
	return st_net_attach(fd);
}

static int prep_net_del(int fd)
{
	if (prep_net_add(fd) < 0)
		return -1;
	return st_net_add(fd);
}

static int chk_net_add(int fd, int r)
{
	uint32_t ifindex;

	return net_state(fd, &ifindex) == (r ? 0 : 3) ? 0 : -1;
}

static int chk_net_del(int fd, int r)
{
	uint32_t ifindex;

	return net_state(fd, &ifindex) == (r ? 3 : 0) ? 0 : -1;
}

static int st_net_info(int fd)
{
	uint32_t ifindex;

	return net_state(fd, &ifindex) < 0 ? -errno : 0;
}

static int fuzz_failnth_ioctls(void)
{
	/*
	 * need_ct: the container is registered before the step; keeper: a
	 * second one is, so the step does not attach or detach the charge
	 * points (the first registration attaches them; it is walked once).
	 */
	static const struct {
		struct step s;
		int need_ct, keeper;
	} steps[] = {
		{ { "open /dev/vzctl", NULL, st_open, chk_none, NULL }, 0, 0 },
		{ { "VERSION", NULL, st_version, chk_none, NULL }, 0, 0 },
		{ { "CT_REGISTER (the first: attaches the charge points)", wait_detached,
		    st_register, chk_register, st_undo_register }, 0, 0 },
		{ { "CT_REGISTER", NULL, st_register, chk_register, st_undo_register }, 0, 1 },
		{ { "SET_LIMITS (7 resources, memory cgroup files)", NULL, st_set,
		    chk_set, undo_set }, 1, 1 },
		{ { "GET_BC", NULL, st_get, chk_none, NULL }, 1, 1 },
		{ { "LIST", NULL, st_list, chk_none, NULL }, 1, 1 },
		{ { "CT_UNREGISTER", NULL, st_unregister, chk_unregister,
		    st_undo_unregister }, 1, 1 },
		{ { "NET_ATTACH", prep_net_attach, st_net_attach, chk_net_attach,
		    st_undo_register }, 0, 1 },
		{ { "NET_ADDR add (3 addresses)", prep_net_add, st_net_add, chk_net_add,
		    undo_net_add }, 1, 1 },
		{ { "NET_ADDR del (3 addresses)", prep_net_del, st_net_del, chk_net_del,
		    NULL }, 1, 1 },
		{ { "NET_INFO", prep_net_add, st_net_info, chk_none, NULL }, 1, 1 },
	};
	size_t i;
	int fd, rc = 0;

	cg_setup();
	net_setup();
	set_disarm_delay("0");
	fd = vz_open();
	if (fd < 0)
		die("open /dev/vzctl");
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]) && !rc; i++) {
		if (steps[i].keeper && ct_register(fd, T_CTID + 1, cg_fds[T_CG + 1]) < 0 &&
		    errno != EEXIST)
			die("registering the second container");
		if (steps[i].need_ct && ct_register(fd, T_CTID, cg_fds[T_CG]) < 0 &&
		    errno != EEXIST)
			die("registering the test container");
		if (!steps[i].need_ct)
			ct_unregister(fd, T_CTID);
		rc = run_step(&steps[i].s);
	}
	if (net_nsfd >= 0)
		close(net_nsfd);
	net_teardown();
	cg_teardown(fd);
	close(fd);
	set_disarm_delay("5000");
	printf("%ld allocation failures injected\n", injected);
	return rc || atomic_load(&failures) ? 1 : 0;
}

/*
 * One finit_module() with allocation n failed (0: none). Returns what is
 * left of the countdown (0: the failure was injected) and the load's
 * result in *r.
 */
static int failnth_load_once(int n, int *r)
{
	int fd, left;

	fd = open(ko_path, O_RDONLY | O_CLOEXEC);	/* outside the count */
	if (fd < 0)
		die(ko_path);
	failnth_set(n);
	*r = syscall(SYS_finit_module, fd, "", 0) < 0 ? -errno : 0;
	left = failnth_left();
	close(fd);
	return left;
}

/* after a load that failed at allocation n: nothing of the module left */
static int failnth_load_failed(int n, int r)
{
	if (r != -ENOMEM) {
		fprintf(stderr, "vzbc-fuzz: load failed with %s at allocation %d\n",
			strerror(-r), n);
		return -1;
	}
	if (access(VZBC_DEVICE_PATH, F_OK) == 0 ||
	    access("/proc/user_beancounters", F_OK) == 0 ||
	    access("/proc/bc", F_OK) == 0 || access("/proc/vz/version", F_OK) == 0) {
		fprintf(stderr, "vzbc-fuzz: load failed (%s) at allocation %d and left an entry behind\n",
			strerror(-r), n);
		return -1;
	}
	return 0;
}

/*
 * The module's load: finit_module() with one allocation failed, each in
 * turn. A load makes a few hundred allocations, most of them the kernel's
 * module loader's (sections, symbols, sysfs) before vzbc_init() runs, and
 * each faulted load costs about a second on the debug kernel. So the walk
 * counts a clean load's allocations first and goes from the last one
 * backwards: vzbc_init()'s own, then the loader's, until every one was
 * failed once or the time bound ($VZBC_FAILNTH_LOAD_SECONDS, 240 s) is
 * reached.
 */
static int fuzz_failnth_load(void)
{
	const char *limit = getenv("VZBC_FAILNTH_LOAD_SECONDS");
	time_t end = time(NULL) + (limit ? atol(limit) : 240);
	int n, r, left, total, done = 0;

	if (unload_module() < 0 && errno != ENOENT)
		die("unloading vzbc first");
	left = failnth_load_once(1000000, &r);
	if (r || !left)
		die("a load without injected failures");
	total = 1000000 - left;
	if (unload_module() < 0)
		die("unloading vzbc after the clean load");

	for (n = total; n >= 1 && time(NULL) <= end; n--, done++) {
		left = failnth_load_once(n, &r);
		if (left == 0)
			injected++;
		if (r == 0) {
			/* no failure reached (a shorter load), or one absorbed by a fallback */
			if (left == 0 && (access(VZBC_DEVICE_PATH, F_OK) < 0 ||
					  access("/proc/user_beancounters", F_OK) < 0)) {
				fprintf(stderr, "vzbc-fuzz: loaded after failing allocation %d but incomplete\n",
					n);
				return 1;
			}
			if (unload_module() < 0) {
				fprintf(stderr, "vzbc-fuzz: cannot unload after allocation %d: %s\n",
					n, strerror(errno));
				return 1;
			}
			continue;
		}
		if (failnth_load_failed(n, r))
			return 1;
	}
	if (load_module() < 0)
		die("loading the module");
	printf("ok: module load: %d allocations; the last %d, each failed once, handled%s\n"
	       "%ld allocation failures injected\n", total, done,
	       done < total ? " (time bound)" : "", injected);
	return 0;
}

/* charges: each step's allocations fail in a task of the container */
static int charge_step(int what)
{
	int fd, sv[2];
	pid_t p;

	switch (what) {
	case 0:
		p = fork();
		if (p == 0)
			_exit(0);
		if (p < 0)
			return -errno;
		waitpid(p, NULL, 0);
		return 0;
	case 1:
		fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		break;
	case 2:
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		break;
	case 3:
		if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) < 0)
			return -errno;
		close(sv[1]);
		fd = sv[0];
		break;
	case 4:
		fd = open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
			int e = -errno;

			close(fd);
			return e;
		}
		break;
	default:
		fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
		break;
	}
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int fuzz_failnth_charges(void)
{
	static const char *const names[] = { "fork", "open", "tcp socket",
					     "unix socketpair", "flock", "pty" };
	static const int res[] = { VZBC_NUMPROC, VZBC_NUMFILE, VZBC_NUMTCPSOCK,
				   VZBC_NUMOTHERSOCK, VZBC_NUMFLOCK, VZBC_NUMPTY };
	char path[128], pid[16];
	struct vzbc_bc bc;
	int fd, what, n, r, left, i, rc = 0;

	cg_setup();
	fd = vz_open();
	if (fd < 0 || ct_register(fd, T_CTID, cg_fds[T_CG]) < 0)
		die("registering the test container");
	for (what = 0; what < 6 && !rc; what++) {
		for (n = 1; n < 20000; n++) {
			pid_t p = fork();
			int st;

			if (p == 0) {
				snprintf(path, sizeof(path), CG_BASE "/%d/cgroup.procs", T_CTID);
				snprintf(pid, sizeof(pid), "%d", getpid());
				if (write_str(path, pid) < 0)
					_exit(3);
				/* this task's own fail-nth, not the parent's */
				close(failnth_fd);
				failnth_fd = open("/proc/thread-self/fail-nth",
						  O_RDWR | O_CLOEXEC);
				if (failnth_fd < 0)
					_exit(3);
				failnth_set(n);
				r = charge_step(what);
				left = failnth_left();
				_exit(left == 0 ? 1 : r == 0 ? 0 : 2);
			}
			waitpid(p, &st, 0);
			/* everything the child held goes back, whatever failed */
			for (i = 0; i < 200; i++) {
				if (get_bc(fd, T_CTID, &bc) < 0)
					die("GET_BC");
				if (bc.res[res[what]].held == 0 && bc.res[VZBC_NUMPROC].held == 0)
					break;
				usleep(10000);
			}
			if (i == 200) {
				fprintf(stderr, "vzbc-fuzz: %s failing allocation %d: held %llu left behind\n",
					names[what], n, (unsigned long long)bc.res[res[what]].held);
				rc = 1;
				break;
			}
			if (!WIFEXITED(st) || WEXITSTATUS(st) > 2) {
				fprintf(stderr, "vzbc-fuzz: %s: child died (%d)\n", names[what], st);
				rc = 1;
				break;
			}
			if (WEXITSTATUS(st) == 1) {
				injected++;
				continue;
			}
			if (WEXITSTATUS(st) == 2) {
				fprintf(stderr, "vzbc-fuzz: %s failed without an injected fault\n",
					names[what]);
				rc = 1;
			} else {
				printf("ok: %s in a container: %d allocations, each failed once, nothing held after\n",
				       names[what], n - 1);
			}
			break;
		}
	}
	cg_teardown(fd);
	close(fd);
	printf("%ld allocation failures injected\n", injected);
	return rc || atomic_load(&failures) ? 1 : 0;
}

int main(int argc, char **argv)
{
	ko_path = getenv("VZBC_KO");
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	guard_page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (guard_page == MAP_FAILED)
		die("mmap");

	if (argc == 5 && strcmp(argv[1], "ioctl") == 0) {
		if (!ko_path)
			die("VZBC_KO is not set");
		return fuzz_ioctl(atoi(argv[2]), atoi(argv[3]),
				  (unsigned int)strtoul(argv[4], NULL, 0));
	}
	if (argc == 3 && strcmp(argv[1], "failnth") == 0) {
		failnth_setup();
		if (strcmp(argv[2], "load") == 0) {
			if (!ko_path)
				die("VZBC_KO is not set");
			return fuzz_failnth_load();
		}
		if (strcmp(argv[2], "ioctls") == 0)
			return fuzz_failnth_ioctls();
		if (strcmp(argv[2], "charges") == 0)
			return fuzz_failnth_charges();
	}
	fputs("usage: vzbc-fuzz ioctl SECONDS THREADS SEED\n"
	      "       vzbc-fuzz failnth load|ioctls|charges\n", stderr);
	return 2;
}
