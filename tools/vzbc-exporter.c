// SPDX-License-Identifier: GPL-2.0
/*
 * vzbc-exporter: Prometheus metrics of the containers (metrics.h) over
 * HTTP, with libmicrohttpd.
 *
 *   vzbc-exporter [-l [ADDR]:PORT] [--print]
 *
 * GET /metrics reads the host anew and answers in the text format; / says
 * where the metrics are. --print writes one scrape to stdout and exits
 * (for node_exporter's textfile collector, or a look by hand).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <popt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "metrics.h"
#include "promtext.h"

#define DEF_LISTEN	":9561"

static const char *opt_listen = DEF_LISTEN;
static int opt_print;

static const struct poptOption opts[] = {
	{ "listen", 'l', POPT_ARG_STRING, &opt_listen, 0,
	  "where to listen: ADDR:PORT, [ADDR6]:PORT, or :PORT for every address (" DEF_LISTEN
	  ")", "[ADDR]:PORT" },
	{ "print", '\0', POPT_ARG_NONE, &opt_print, 0,
	  "write one scrape to the standard output and exit", NULL },
	{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
	POPT_TABLEEND
};

static const char index_page[] =
	"<html><head><title>vzbc exporter</title></head><body>\n"
	"<h1>vzbc exporter</h1>\n<p><a href=\"/metrics\">Metrics</a></p>\n</body></html>\n";

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned int status, void *body,
			     size_t len, enum MHD_ResponseMemoryMode mode, const char *type)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, mode);
	enum MHD_Result ret;

	if (!r) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result serve(void *cls, struct MHD_Connection *conn, const char *url,
			     const char *method, const char *version, const char *upload,
			     size_t *upload_len, void **state)
{
	static const char text[] = "text/plain; charset=utf-8";
	struct vz_prom p;

	(void)cls;
	(void)version;
	(void)upload;
	(void)upload_len;
	(void)state;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n", 18,
			     MHD_RESPMEM_PERSISTENT, text);
	if (!strcmp(url, "/"))
		return reply(conn, MHD_HTTP_OK, (void *)index_page, sizeof(index_page) - 1,
			     MHD_RESPMEM_PERSISTENT, "text/html; charset=utf-8");
	if (strcmp(url, "/metrics"))
		return reply(conn, MHD_HTTP_NOT_FOUND, "not found: see /metrics\n", 24,
			     MHD_RESPMEM_PERSISTENT, text);
	vz_prom_init(&p);
	if (vz_metrics_render(&p)) {
		vz_prom_free(&p);
		return reply(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n", 14,
			     MHD_RESPMEM_PERSISTENT, text);
	}
	return reply(conn, MHD_HTTP_OK, p.buf, p.len, MHD_RESPMEM_MUST_FREE, VZ_PROM_CONTENT_TYPE);
}

/* "[ADDR]:PORT" into addr (family AF_UNSPEC: every address): 0 or -EINVAL */
static int parse_listen(const char *s, struct sockaddr_storage *addr)
{
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
	struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
	const char *colon = strrchr(s, ':');
	char host[64], *end;
	size_t hl;
	long port;

	memset(addr, 0, sizeof(*addr));
	if (!colon)
		return -EINVAL;
	port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || port < 1 || port > 65535)
		return -EINVAL;
	hl = colon - s;
	if (hl >= 2 && s[0] == '[' && s[hl - 1] == ']') {
		s++;
		hl -= 2;
	}
	if (hl >= sizeof(host))
		return -EINVAL;
	memcpy(host, s, hl);
	host[hl] = '\0';
	if (!hl) {
		addr->ss_family = AF_UNSPEC;
		a4->sin_port = htons(port);
	} else if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(port);
	} else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(port);
	} else {
		return -EINVAL;
	}
	return 0;
}

static struct MHD_Daemon *start(const struct sockaddr_storage *addr)
{
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	uint16_t port = ntohs(((const struct sockaddr_in *)addr)->sin_port);
	struct MHD_Daemon *d;

	if (addr->ss_family == AF_UNSPEC) {
		/* every address: IPv6 and IPv4 on one socket, or IPv4 alone */
		d = MHD_start_daemon(flags | MHD_USE_DUAL_STACK, port, NULL, NULL, serve, NULL,
				     MHD_OPTION_END);
		return d ? d : MHD_start_daemon(flags, port, NULL, NULL, serve, NULL,
						MHD_OPTION_END);
	}
	if (addr->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(flags, port, NULL, NULL, serve, NULL, MHD_OPTION_SOCK_ADDR,
				(const struct sockaddr *)addr, MHD_OPTION_END);
}

static int print_once(void)
{
	struct vz_prom p;
	int ret;

	vz_prom_init(&p);
	ret = vz_metrics_render(&p);
	if (!ret && fwrite(p.buf, 1, p.len, stdout) != p.len)
		ret = -EIO;
	vz_prom_free(&p);
	if (ret)
		fprintf(stderr, "vzbc-exporter: %s\n", strerror(-ret));
	return ret ? 1 : 0;
}

int main(int argc, const char **argv)
{
	struct sockaddr_storage addr;
	struct MHD_Daemon *d;
	poptContext ctx;
	sigset_t set;
	int rc, sig, ret = 1;

	ctx = poptGetContext("vzbc-exporter", argc, argv, opts, 0);
	while ((rc = poptGetNextOpt(ctx)) > 0) {
		poptPrintHelp(ctx, stdout, 0);
		ret = 0;
		goto out;
	}
	if (rc < -1 || poptPeekArg(ctx)) {
		fprintf(stderr, "vzbc-exporter: %s\n",
			rc < -1 ? poptStrerror(rc) : "no arguments besides the options");
		goto out;
	}
	if (opt_print) {
		ret = print_once();
		goto out;
	}
	if (parse_listen(opt_listen, &addr)) {
		fprintf(stderr, "vzbc-exporter: bad listen address '%s': ADDR:PORT, [ADDR6]:PORT "
			"or :PORT\n", opt_listen);
		goto out;
	}
	/* the HTTP thread inherits the mask: the signals come to sigwait */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = start(&addr);
	if (!d) {
		fprintf(stderr, "vzbc-exporter: cannot listen on %s\n", opt_listen);
		goto out;
	}
	fprintf(stderr, "vzbc-exporter: listening on %s\n", opt_listen);
	do {
		if (sigwait(&set, &sig))
			sig = SIGTERM;
	} while (sig == SIGHUP);
	MHD_stop_daemon(d);
	ret = 0;
out:
	poptFreeContext(ctx);
	return ret;
}
