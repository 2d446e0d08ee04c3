// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-bench: cost per operation of the paths vzbc hooks, timed with
 * CLOCK_MONOTONIC. Under QEMU's icount mode (scripts/bench.sh) one guest
 * nanosecond is one instruction, so the figures are instruction counts,
 * repeatable whatever the host is doing.
 *
 *   vzbc-bench [OP...]     OP: fork open tcp udp mmap flock (default: all)
 *   vzbc-bench hold N      fork N children that sleep until the parent is
 *                          killed (processes elsewhere on the host); prints
 *                          "ready" once they all exist
 *   vzbc-bench read FILE N read FILE from its start to its end, once and
 *                          then N times more; prints "read cost-of-the-first
 *                          cost-per-read-after bytes"
 *   vzbc-bench sysinfo N   call sysinfo(2) N times; prints "sysinfo cost-per-call"
 *   vzbc-bench serve PORT CONNS
 *                          TCP server on PORT (any IPv4 address): prints
 *                          "ready" once it listens, serves CONNS clients of
 *                          "vzbc-bench tcp" one after another, then exits
 *   vzbc-bench tcp ADDR PORT rr|stream
 *                          TCP client of a server at ADDR (IPv4), on a
 *                          connection of its own: "rr", RR_COUNT round
 *                          trips of RR_SIZE bytes each way, or "stream",
 *                          STREAM_MSGS messages of STREAM_SIZE bytes the
 *                          server confirms at its end (both after a tenth
 *                          as many to warm up); prints "rr COST BUSY SENT
 *                          RECEIVED COUNT" per round trip or "stream COST
 *                          BUSY SENT RECEIVED COUNT" per message: guest ns
 *                          (all the CPU ran, both ends and the path
 *                          between), of which the CPU was busy (not idle:
 *                          /proc/schedstat), then the payload bytes the
 *                          client sent and received and the round trips or
 *                          messages, all warm-up included
 *
 * Prints "OP cost-per-op" lines (nanoseconds, i.e. instructions). Any
 * failed operation ends the run with an error and exit status 1: a figure
 * is only printed for an operation that succeeded every time.
 * Built statically too (make bench), to run inside a busybox container.
 */
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MMAP_PAGES	16

/* the TCP workloads of "tcp" and "serve" */
#define RR_SIZE		64
#define RR_COUNT	4000
#define STREAM_SIZE	1024
#define STREAM_MSGS	20000

static int lock_fd = -1;
static long page_size;

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "vzbc-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void op_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		fail("fork");
	if (waitpid(pid, NULL, 0) != pid)
		fail("waitpid");
}

static void op_open(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fail("open /dev/null");
	close(fd);
}

static void socket_close(int type)
{
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		fail("socket");
	close(fd);
}

static void op_tcp(void)
{
	socket_close(SOCK_STREAM);
}

static void op_udp(void)
{
	socket_close(SOCK_DGRAM);
}

/* 64 KiB of private anonymous memory, every page touched, then unmapped */
static void op_mmap(void)
{
	char *p = mmap(NULL, MMAP_PAGES * page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i;

	if (p == MAP_FAILED)
		fail("mmap");
	for (i = 0; i < MMAP_PAGES; i++)
		p[i * page_size] = 1;
	munmap(p, MMAP_PAGES * page_size);
}

static void op_flock(void)
{
	if (flock(lock_fd, LOCK_EX) || flock(lock_fd, LOCK_UN))
		fail("flock");
}

static const struct {
	const char *name;
	void (*fn)(void);
	long iterations;
} ops[] = {
	{ "fork", op_fork, 500 },
	{ "open", op_open, 20000 },
	{ "tcp", op_tcp, 10000 },
	{ "udp", op_udp, 10000 },
	{ "mmap", op_mmap, 5000 },
	{ "flock", op_flock, 20000 },
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void run(unsigned int i)
{
	long n = ops[i].iterations, k;
	double t;

	for (k = 0; k < n / 10; k++)	/* warm up caches and allocators */
		ops[i].fn();
	t = now_ns();
	for (k = 0; k < n; k++)
		ops[i].fn();
	t = now_ns() - t;
	printf("%s %.0f\n", ops[i].name, t / n);
}

/* hold N: N sleeping children, gone with the parent (PR_SET_PDEATHSIG) */
static int hold(const char *arg)
{
	long n = strtol(arg, NULL, 10), k;
	pid_t parent = getpid();

	if (n <= 0)
		return 2;
	for (k = 0; k < n; k++) {
		pid_t pid = fork();

		if (pid < 0)
			fail("fork");
		if (pid == 0) {
			if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
				_exit(1);
			for (;;)
				pause();
		}
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}

/* the whole of fd, from its start: its size */
static long read_whole(int fd, const char *path)
{
	static char buf[1 << 16];
	long bytes = 0;
	ssize_t r;

	if (lseek(fd, 0, SEEK_SET))
		fail("lseek");
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		bytes += r;
	if (r < 0)
		fail(path);
	return bytes;
}

/* read FILE N: what one whole read of FILE costs (a /proc file, say) */
static int read_file(const char *path, const char *count)
{
	long n = strtol(count, NULL, 10), k, bytes = 0;
	double first, t;
	int fd;

	if (n <= 0)
		return 2;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail(path);
	first = now_ns();
	read_whole(fd, path);
	first = now_ns() - first;
	t = now_ns();
	for (k = 0; k < n; k++)
		bytes = read_whole(fd, path);
	t = now_ns() - t;
	printf("read %.0f %.0f %ld\n", first, t / n, bytes);
	return 0;
}

/* sysinfo N: what one sysinfo(2) costs (free, top and uptime call it) */
static int sysinfo_cost(const char *count)
{
	long n = strtol(count, NULL, 10), k;
	struct sysinfo info;
	double t;

	if (n <= 0)
		return 2;
	t = now_ns();
	for (k = 0; k < n; k++)
		if (sysinfo(&info))
			fail("sysinfo");
	t = now_ns() - t;
	printf("sysinfo %.0f\n", t / n);
	return 0;
}

/* ------------------------------------------------------------ TCP */

/* what a client asks of the server: a mode and a count of messages */
struct tcp_req {
	uint32_t mode;		/* 'r' round trips, 's' a stream */
	uint32_t count;		/* round trips or messages, warm-up included */
	uint32_t size;		/* bytes per message */
};

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t w;

	while (len) {
		w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			fail("tcp write");
		p += w;
		len -= w;
	}
}

static void read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t r;

	while (len) {
		r = read(fd, p, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			fail("tcp read");
		if (r == 0) {
			errno = ECONNRESET;
			fail("tcp read: the other end closed early");
		}
		p += r;
		len -= r;
	}
}

static void nodelay(int fd)
{
	int one = 1;

	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
		fail("TCP_NODELAY");
}

/* one client: echo each message (rr), or take them all and say so (stream) */
static void serve_one(int c)
{
	static char buf[1 << 16];
	struct tcp_req q;
	uint64_t left;
	uint32_t k;

	read_all(c, &q, sizeof(q));
	if ((q.mode != 'r' && q.mode != 's') || !q.size || q.size > sizeof(buf)) {
		errno = EPROTO;
		fail("serve: bad request");
	}
	nodelay(c);
	if (q.mode == 'r') {
		for (k = 0; k < q.count; k++) {
			read_all(c, buf, q.size);
			write_all(c, buf, q.size);
		}
		return;
	}
	for (left = (uint64_t)q.count * q.size; left; left -= k) {
		ssize_t r = read(c, buf, left < sizeof(buf) ? left : sizeof(buf));

		if (r <= 0)
			fail("serve: stream read");
		k = r;
	}
	write_all(c, "k", 1);
}

static int serve(const char *port, const char *conns)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	long n = strtol(conns, NULL, 10), k;
	int one = 1, s, c;

	a.sin_port = htons(strtol(port, NULL, 10));
	if (n <= 0 || !a.sin_port)
		return 2;
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		fail("socket");
	if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 4))
		fail("serve: bind/listen");
	printf("ready\n");
	fflush(stdout);
	for (k = 0; k < n; k++) {
		c = accept4(s, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			fail("accept");
		serve_one(c);
		close(c);
	}
	close(s);
	return 0;
}

/* ns the CPU ran tasks (not its idle loop): /proc/schedstat's rq_cpu_time */
static double busy_ns(void)
{
	char line[256];
	double sum = 0, v;
	int found = 0;
	FILE *f = fopen("/proc/schedstat", "re");

	if (!f)
		fail("/proc/schedstat");
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "cpu", 3) &&
		    sscanf(line, "%*s %*s %*s %*s %*s %*s %*s %lf", &v) == 1) {
			sum += v;
			found = 1;
		}
	fclose(f);
	if (!found) {
		errno = ENOENT;
		fail("/proc/schedstat: no cpu line");
	}
	return sum;
}

static int tcp_connect(const struct sockaddr_in *a, uint32_t mode, uint32_t count,
		       uint32_t size)
{
	struct tcp_req q = { mode, count, size };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		fail("socket");
	if (connect(fd, (const struct sockaddr *)a, sizeof(*a)))
		fail("connect");
	nodelay(fd);
	write_all(fd, &q, sizeof(q));
	return fd;
}

/* the workload of mode on its own connection: guest and busy ns per message */
static void tcp_run(const struct sockaddr_in *a, uint32_t mode, uint32_t n, uint32_t size)
{
	static char buf[1 << 16];
	uint32_t warm = n / 10, k;
	unsigned long long sent;
	double t = 0, b = 0;
	int fd = tcp_connect(a, mode, warm + n, size);

	memset(buf, 'x', size);
	for (k = 0; k < warm + n; k++) {
		if (k == warm) {	/* warm-up done: the clock starts */
			t = now_ns();
			b = busy_ns();
		}
		write_all(fd, buf, size);
		if (mode == 'r')
			read_all(fd, buf, size);
	}
	if (mode == 's')
		read_all(fd, buf, 1);	/* the server has it all */
	t = now_ns() - t;
	b = busy_ns() - b;
	close(fd);
	sent = (unsigned long long)(warm + n) * size;
	printf("%s %.0f %.0f %llu %llu %u\n", mode == 'r' ? "rr" : "stream", t / n, b / n,
	       sent, mode == 'r' ? sent : 1, warm + n);
}

static int tcp_client(const char *addr, const char *port, const char *mode)
{
	struct sockaddr_in a = { .sin_family = AF_INET };

	a.sin_port = htons(strtol(port, NULL, 10));
	if (inet_pton(AF_INET, addr, &a.sin_addr) != 1 || !a.sin_port)
		return 2;
	if (!strcmp(mode, "rr"))
		tcp_run(&a, 'r', RR_COUNT, RR_SIZE);
	else if (!strcmp(mode, "stream"))
		tcp_run(&a, 's', STREAM_MSGS, STREAM_SIZE);
	else
		return 2;
	return 0;
}

int main(int argc, char **argv)
{
	char path[] = "/tmp/vzbc-bench.XXXXXX";
	unsigned int i, found;
	int a;

	if (argc == 3 && !strcmp(argv[1], "hold"))
		return hold(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "read"))
		return read_file(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "sysinfo"))
		return sysinfo_cost(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "serve"))
		return serve(argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "tcp"))
		return tcp_client(argv[2], argv[3], argv[4]);
	page_size = sysconf(_SC_PAGESIZE);
	lock_fd = mkostemp(path, O_CLOEXEC);
	if (lock_fd < 0)
		fail("mkostemp");
	unlink(path);
	for (a = 1; a < argc; a++) {
		for (i = found = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			found |= !strcmp(argv[a], ops[i].name);
		if (!found) {
			fprintf(stderr, "vzbc-bench: unknown operation %s\n", argv[a]);
			return 2;
		}
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (argc == 1) {
			run(i);
			continue;
		}
		for (a = 1; a < argc; a++)
			if (!strcmp(argv[a], ops[i].name))
				run(i);
	}
	return 0;
}
