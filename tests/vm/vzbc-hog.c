// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-hog: create up to N objects of one kind, say how many it got and
 * the errno that stopped it, then hold them until SIGTERM (or exit at once
 * with --release), releasing everything on the way out.
 *
 *   vzbc-hog procs|threads|files N [--release]
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
#include <sys/wait.h>
#include <unistd.h>

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static int hog_procs(long n, int *err)
{
	long i;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			*err = errno;
			break;
		}
		if (pid == 0) {
			signal(SIGTERM, SIG_DFL);
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
		fputs("usage: vzbc-hog procs|threads|files N [--release]\n", stderr);
		return 2;
	}
	n = strtol(argv[2], NULL, 0);
	/* our own process group, so the cleanup below kills only our children */
	setpgid(0, 0);
	signal(SIGTERM, on_term);
	if (!strcmp(argv[1], "procs"))
		got = hog_procs(n, &err);
	else if (!strcmp(argv[1], "threads"))
		got = hog_threads(n, &err);
	else if (!strcmp(argv[1], "files"))
		got = hog_files(n, &err);
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
	/* children die with their process group; threads and files with us */
	signal(SIGTERM, SIG_IGN);
	kill(0, SIGTERM);
	while (wait(NULL) > 0)
		;
	return 0;
}
