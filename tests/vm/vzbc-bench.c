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
 *
 * Prints "OP cost-per-op" lines (nanoseconds, i.e. instructions). Any
 * failed operation ends the run with an error and exit status 1: a figure
 * is only printed for an operation that succeeded every time.
 * Built statically too (make bench), to run inside a busybox container.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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
