// SPDX-License-Identifier: GPL-2.0
/*
 * The error object and the log hook (see err.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "err.h"

static int vz_vfail(struct vz_err *err, int code, bool tagged, const char *fmt, va_list ap)
{
	err->code = code;
	err->tagged = tagged;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -1;
}

int vz_fail(struct vz_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vz_vfail(err, code, false, fmt, ap);
	va_end(ap);
	return -1;
}

int vz_failp(struct vz_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vz_vfail(err, code, true, fmt, ap);
	va_end(ap);
	return -1;
}

int vz_err_print(const struct vz_err *err, const char *program)
{
	fflush(stdout);
	if (!err->msg[0])
		;	/* said already (a usage text) */
	else if (err->tagged)
		fprintf(stderr, "%s: %s\n", program, err->msg);
	else
		fprintf(stderr, "%s\n", err->msg);
	return err->code;
}

static vz_log_fn *log_fn;
static const char *log_program = "vzbc";

void vz_log_set(vz_log_fn *fn)
{
	log_fn = fn;
}

void vz_log(int level, const char *fmt, ...)
{
	char msg[VZ_ERR_MSG_MAX];
	va_list ap;

	if (!log_fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_fn(level, msg);
}

void vz_log_err(const struct vz_err *err)
{
	vz_log(VZ_WARN | (err->tagged ? VZ_LOG_TAG : 0), "%s", err->msg);
}

void vz_log_stdio_program(const char *program)
{
	log_program = program;
}

void vz_log_stdio(int level, const char *msg)
{
	FILE *f = (level & ~VZ_LOG_TAG) == VZ_INFO ? stdout : stderr;

	if (f == stderr)
		fflush(stdout);
	if (level & VZ_LOG_TAG)
		fprintf(f, "%s: %s\n", log_program, msg);
	else
		fprintf(f, "%s\n", msg);
	/* a child forked after this must not repeat it */
	fflush(f);
}
