// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-bench: cost per operation of the paths vzbc hooks, timed with
 * CLOCK_MONOTONIC. Under QEMU's icount mode (scripts/bench.sh) one guest
 * nanosecond is one instruction, so the figures are instruction counts,
 * repeatable whatever the host is doing.
 *
 *   vzbc-bench [OP...]     OP: fork open socket mmap flock (default: all)
 *
 * Prints "OP cost-per-op" lines (nanoseconds, i.e. instructions).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int lock_fd = -1;

static void op_fork(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		exit(1);
}

static void op_open(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		exit(1);
	close(fd);
}

static void op_socket(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		exit(1);
	close(fd);
}

static void op_mmap(void)
{
	void *p = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		exit(1);
	munmap(p, 16 * 4096);
}

static void op_flock(void)
{
	if (flock(lock_fd, LOCK_EX) || flock(lock_fd, LOCK_UN))
		exit(1);
}

static const struct {
	const char *name;
	void (*fn)(void);
	long iterations;
} ops[] = {
	{ "fork", op_fork, 500 },
	{ "open", op_open, 20000 },
	{ "socket", op_socket, 10000 },
	{ "mmap", op_mmap, 20000 },
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

int main(int argc, char **argv)
{
	char path[] = "/tmp/vzbc-bench.XXXXXX";
	unsigned int i;
	int a;

	lock_fd = mkostemp(path, O_CLOEXEC);
	if (lock_fd < 0)
		return 1;
	unlink(path);
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
