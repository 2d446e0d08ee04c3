// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-hog: create up to N objects of one kind, say how many it got and
 * the errno that stopped it, then hold them until SIGTERM (or exit at once
 * with --release), releasing everything on the way out.
 *
 *   vzbc-hog procs|threads|files|tcp|udp|unix|tcppairs N [--release]
 *
 * tcp/udp/unix make N sockets of that kind; tcppairs makes a listening
 * TCP socket on 127.0.0.1 and N connections to it, accepted: 2N+1
 * sockets, N of them cloned by the kernel from the listener.
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
		fputs("usage: vzbc-hog procs|threads|files|tcp|udp|unix|tcppairs N [--release]\n",
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
