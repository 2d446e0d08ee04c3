/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tools' one error idiom, after crun's libcrun_error_t: a function that
 * can fail in a way the user must hear about takes a struct vz_err * last,
 * and returns 0, or -1 with the error filled in (an exit code from vzexit.h
 * and the message). The command's top function prints it once (vz_err_print)
 * and exits with its code. Functions without an err argument are plain
 * mechanisms: 0 or a negative errno.
 *
 * What a long operation has to say on the way ("Starting container...",
 * a warning that does not stop it) goes through vz_log(), which prints
 * nothing unless the program installed a handler (vz_log_set): the library
 * never writes to stdout or stderr by itself.
 */
#ifndef VZ_ERR_H
#define VZ_ERR_H

#include <stdbool.h>

#define VZ_ERR_MSG_MAX	1024

struct vz_err {
	int code;		/* the exit code; 0: no error */
	bool tagged;		/* printed after "PROGRAM: " */
	char msg[VZ_ERR_MSG_MAX];
};

/* Fill err with code and the message, as printed; returns -1. */
int vz_fail(struct vz_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same, the message printed after the program's name. */
int vz_failp(struct vz_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print err on stderr, as "PROGRAM: message" when tagged (nothing when
 * the message is empty: a usage text said it); its code. For a program's
 * top function: nothing in the library calls it, nor vz_log_stdio(). */
int vz_err_print(const struct vz_err *err, const char *program);

enum vz_log_level {
	VZ_INFO,	/* progress, for stdout */
	VZ_WARN,	/* a problem that does not stop the operation, for stderr */
};
#define VZ_LOG_TAG	0x100	/* or'ed into the level: prefix the program's name */

void vz_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An error that does not stop what goes on, said as a warning. */
void vz_log_err(const struct vz_err *err);

/* The program's handler for vz_log(): level (with VZ_LOG_TAG) and the
 * formatted message, without a newline. NULL: messages are dropped. */
typedef void vz_log_fn(int level, const char *msg);
void vz_log_set(vz_log_fn *fn);

/* A handler for command-line tools: VZ_INFO to stdout, VZ_WARN to stderr,
 * VZ_LOG_TAG as "program: ". */
void vz_log_stdio(int level, const char *msg);
void vz_log_stdio_program(const char *program);

#endif /* VZ_ERR_H */
