// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-hog: create up to N objects of one kind, say how many it got and
 * the errno that stopped it, then hold them until SIGTERM (or exit at once
 * with --release), releasing everything on the way out.
 *
 *   vzbc-hog KIND N [--release]
 *
 * procs, threads, files: N of them. tcp/udp/unix make N sockets of that
 * kind; tcppairs makes a listening TCP socket on 127.0.0.1 and N
 * connections to it, accepted: 2N+1 sockets, N of them cloned by the
 * kernel from the listener. ptys: N opens of /dev/ptmx. mmap: N private
 * writable mappings of 1 MiB (untouched); mmapnr: the same with
 * MAP_NORESERVE; brk: the heap grown by 1 MiB N times; mremap: one 1 MiB
 * mapping grown by 1 MiB N times; stack: N MiB of stack, a page at a
 * time (a refused growth is a SIGSEGV). mlock: mlock(2) of N pages, one
 * call per page. touch: N MiB of anonymous memory written. sockbufs: N KiB
 * left unread on a TCP connection, on a unix socket pair and (as 1 KiB
 * datagrams) on a UDP socket. flocks: flock(2) on N files in /tmp.
 * posixlocks: fcntl(F_SETLK) on N separate bytes of one file. siginfo: N
 * real-time signals queued to itself, blocked. forkbomb: one child that
 * forks without end, as do all of its children (N is ignored; stop it
 * with the cgroup's cgroup.kill).
 *
 * Prints "created K" or "created K errno=NAME". The VM tests run it inside
 * a container's cgroup to drive a beancounter past its limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static pid_t *children;
static long nr_children;

static int hog_procs(long n, int *err)
{
	long i;

	children = calloc(n > 0 ? n : 1, sizeof(*children));
	if (!children) {
		*err = errno;
		return 0;
	}
	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			*err = errno;
			break;
		}
		children[nr_children++] = pid;
		if (pid == 0) {
			/* never outlive the hog, never hold its output open */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(STDOUT_FILENO);
			for (;;)
				pause();
		}
	}
	return i;
}

static int hog_threads(long n, int *err)
{
	pthread_t t;
	long i;

	for (i = 0; i < n; i++) {
		int e = pthread_create(&t, NULL, sleeper, NULL);

		if (e) {
			*err = e;
			break;
		}
	}
	return i;
}

static int hog_files(long n, int *err)
{
	long i;

	for (i = 0; i < n; i++) {
		if (open("/dev/null", O_RDONLY | O_CLOEXEC) < 0) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_sockets(long n, int *err, int family, int type)
{
	long i;

	for (i = 0; i < n; i++) {
		if (socket(family, type | SOCK_CLOEXEC, 0) < 0) {
			*err = errno;
			break;
		}
	}
	return i;
}

/*
 * Close with a reset: no FIN_WAIT sockets lingering after the hog exits,
 * so a test can wait for every socket to be freed.
 */
static void abortive_close(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

/* a listener plus n connected and accepted pairs; counts sockets made */
static int hog_tcppairs(long n, int *err)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	int l, c, s, made = 0;
	long i;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l < 0 || bind(l, (void *)&a, sizeof(a)) || listen(l, 1024) ||
	    getsockname(l, (void *)&a, &alen)) {
		*err = errno;
		return 0;
	}
	made = 1;
	for (i = 0; i < n; i++) {
		c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (c < 0 || connect(c, (void *)&a, sizeof(a))) {
			*err = errno;
			break;
		}
		made++;
		abortive_close(c);
		s = accept4(l, NULL, NULL, SOCK_CLOEXEC);
		if (s < 0) {
			*err = errno;
			break;
		}
		made++;
		abortive_close(s);
	}
	return made;
}

static int hog_ptys(long n, int *err)
{
	long i;

	for (i = 0; i < n; i++) {
		if (open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC) < 0) {
			*err = errno;
			break;
		}
	}
	return i;
}

#define MIB	(1024L * 1024)

static int hog_mmap(long n, int *err)
{
	long i;

	for (i = 0; i < n; i++) {
		if (mmap(NULL, MIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_mmap_noreserve(long n, int *err)
{
	long i;

	for (i = 0; i < n; i++) {
		if (mmap(NULL, MIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) == MAP_FAILED) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_brk(long n, int *err)
{
	long i;

	for (i = 0; i < n; i++) {
		if (sbrk(MIB) == (void *)-1) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_mremap(long n, int *err)
{
	char *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long i;

	if (p == MAP_FAILED) {
		*err = errno;
		return 0;
	}
	for (i = 0; i < n; i++) {
		char *q = mremap(p, (i + 1) * MIB, (i + 2) * MIB, MREMAP_MAYMOVE);

		if (q == MAP_FAILED) {
			*err = errno;
			break;
		}
		p = q;
	}
	return i;
}

/* a frame of 64 KiB, written a page at a time, down to depth frames */
static __attribute__((noinline)) void hog_stack_frames(long depth)
{
	volatile char frame[64 * 1024];
	long i;

	for (i = sizeof(frame) - 1; i >= 0; i -= 4096)
		frame[i] = (char)depth;
	if (depth > 1)
		hog_stack_frames(depth - 1);
	frame[0] = 0;
}

static int hog_stack(long n, int *err)
{
	(void)err;
	hog_stack_frames(n * 16);
	return n;
}

static int hog_mlock(long n, int *err)
{
	long page = sysconf(_SC_PAGESIZE), i;
	char *p;

	p = mmap(NULL, n * page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		*err = errno;
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (mlock(p + i * page, page)) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_touch(long n, int *err)
{
	long i;
	char *p;

	for (i = 0; i < n; i++) {
		p = mmap(NULL, MIB, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			*err = errno;
			break;
		}
		memset(p, 0x5a, MIB);
	}
	return i;
}

/* write n KiB to fd without blocking; the count written, in KiB */
static long fill(int fd, long n, size_t chunk)
{
	static char buf[1024];
	long kib = 0;

	while (kib < n && send(fd, buf, chunk, MSG_DONTWAIT) == (ssize_t)chunk)
		kib += chunk / 1024;
	return kib;
}

static int hog_sockbufs(long n, int *err)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int l, c, s, u, sv[2];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	u = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (l < 0 || c < 0 || u < 0 ||
	    bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len) ||
	    connect(c, (struct sockaddr *)&a, sizeof(a)) ||
	    (s = accept4(l, NULL, NULL, SOCK_CLOEXEC)) < 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		*err = errno;
		return 0;
	}
	a.sin_port = 0;
	len = sizeof(a);
	if (bind(u, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(u, (struct sockaddr *)&a, &len) ||
	    connect(u, (struct sockaddr *)&a, sizeof(a))) {
		*err = errno;
		return 0;
	}
	if (fill(c, n, 1024) < n || fill(sv[0], n, 1024) < n ||
	    fill(u, n, 1024) < n)
		*err = EAGAIN;
	return n;
}

static int hog_flocks(long n, int *err)
{
	char path[64];
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/tmp/vzbc-hog-flock.%d.%ld", getpid(), i);
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || unlink(path) || flock(fd, LOCK_EX | LOCK_NB)) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_posixlocks(long n, int *err)
{
	char path[64];
	long i;
	int fd;

	snprintf(path, sizeof(path), "/tmp/vzbc-hog-posix.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || unlink(path)) {
		*err = errno;
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct flock fl = {
			.l_type = F_WRLCK, .l_whence = SEEK_SET,
			.l_start = 2 * i, .l_len = 1,
		};

		if (fcntl(fd, F_SETLK, &fl)) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_siginfo(long n, int *err)
{
	union sigval v = { .sival_int = 0 };
	sigset_t set;
	long i;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (i = 0; i < n; i++) {
		if (sigqueue(getpid(), SIGRTMIN, v)) {
			*err = errno;
			break;
		}
	}
	return i;
}

static int hog_forkbomb(long n, int *err)
{
	pid_t pid = fork();

	(void)n;
	if (pid < 0) {
		*err = errno;
		return 0;
	}
	if (pid == 0) {
		close(STDOUT_FILENO);
		for (;;)
			fork();
	}
	return 1;
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	int err = 0, got;
	long n;

	if (argc < 3) {
		fputs("usage: vzbc-hog procs|threads|files|tcp|udp|unix|tcppairs|ptys|"
		      "mmap|mmapnr|brk|mremap|stack|mlock|touch|sockbufs|flocks|posixlocks|siginfo|"
		      "forkbomb N [--release]\n",
		      stderr);
		return 2;
	}
	n = strtol(argv[2], NULL, 0);
	signal(SIGTERM, on_term);
	if (!strcmp(argv[1], "procs"))
		got = hog_procs(n, &err);
	else if (!strcmp(argv[1], "threads"))
		got = hog_threads(n, &err);
	else if (!strcmp(argv[1], "files"))
		got = hog_files(n, &err);
	else if (!strcmp(argv[1], "tcp"))
		got = hog_sockets(n, &err, AF_INET, SOCK_STREAM);
	else if (!strcmp(argv[1], "udp"))
		got = hog_sockets(n, &err, AF_INET, SOCK_DGRAM);
	else if (!strcmp(argv[1], "unix"))
		got = hog_sockets(n, &err, AF_UNIX, SOCK_STREAM);
	else if (!strcmp(argv[1], "tcppairs"))
		got = hog_tcppairs(n, &err);
	else if (!strcmp(argv[1], "ptys"))
		got = hog_ptys(n, &err);
	else if (!strcmp(argv[1], "mmap"))
		got = hog_mmap(n, &err);
	else if (!strcmp(argv[1], "mmapnr"))
		got = hog_mmap_noreserve(n, &err);
	else if (!strcmp(argv[1], "brk"))
		got = hog_brk(n, &err);
	else if (!strcmp(argv[1], "mremap"))
		got = hog_mremap(n, &err);
	else if (!strcmp(argv[1], "stack"))
		got = hog_stack(n, &err);
	else if (!strcmp(argv[1], "mlock"))
		got = hog_mlock(n, &err);
	else if (!strcmp(argv[1], "touch"))
		got = hog_touch(n, &err);
	else if (!strcmp(argv[1], "sockbufs"))
		got = hog_sockbufs(n, &err);
	else if (!strcmp(argv[1], "flocks"))
		got = hog_flocks(n, &err);
	else if (!strcmp(argv[1], "posixlocks"))
		got = hog_posixlocks(n, &err);
	else if (!strcmp(argv[1], "siginfo"))
		got = hog_siginfo(n, &err);
	else if (!strcmp(argv[1], "forkbomb"))
		got = hog_forkbomb(n, &err);
	else
		return 2;
	if (err)
		printf("created %d errno=%s\n", got, strerrorname_np(err));
	else
		printf("created %d\n", got);
	fflush(stdout);
	if (argc < 4 || strcmp(argv[3], "--release"))
		while (!stop)
			pause();
	/* SIGKILL: a child may not have left our SIGTERM handler yet;
	 * threads, files and sockets go with us */
	for (long i = 0; i < nr_children; i++)
		kill(children[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return 0;
}
