/*
 * err.h - one error space for stigcheck.
 *
 * Every function that can fail returns an int: 0 (SC_OK) on success or one
 * of the negative SC_ERR_* codes below.  The human-readable detail is kept
 * in a caller-owned struct sc_err, never in a global, so independent
 * operations can run side by side.  Only agent/main.c turns an error into an
 * exit status.
 *
 * Messages follow git's rules: say what is wrong first, quote the subject,
 * no capital letter, no full stop, never a source file or line number.
 *
 *	struct sc_err err = SC_ERR_INIT;
 *	if ((r = sc_target_open_rootfs(&t, dir, &err)) < 0)
 *		fprintf(stderr, "stigcheck: %s\n", err.msg);
 */
#ifndef SC_ERR_H
#define SC_ERR_H

#include <stddef.h>

enum {
	SC_OK = 0,
	SC_ERR_INTERNAL = -1,	 /* a bug: an invariant did not hold */
	SC_ERR_NOMEM = -2,	 /* allocation failed */
	SC_ERR_IO = -3,		 /* read/open failed for another reason */
	SC_ERR_NOTFOUND = -4,	 /* path, id or key does not exist */
	SC_ERR_INVAL = -5,	 /* bad argument or option */
	SC_ERR_PARSE = -6,	 /* malformed input document */
	SC_ERR_UNSUPPORTED = -7, /* valid input we do not implement */
	SC_ERR_TOOBIG = -8,	 /* over a size or count cap */
	SC_ERR_NOTREG = -9,	 /* not a regular file (or not a directory) */
	SC_ERR_LOOP = -10,	 /* symlink loop or walk cycle */
	SC_ERR_ESCAPE = -11,	 /* path would leave the target root */
	SC_ERR_ACCESS = -12,	 /* permission denied */
	SC_ERR_EXISTS = -13,	 /* already exists */
};

#define SC_ERR_MSG_MAX 1024

struct sc_err {
	int code;
	char msg[SC_ERR_MSG_MAX];
};

#define SC_ERR_INIT { 0, { 0 } }

/* Fixed text for a code ("no such file", ...); never NULL. */
const char *sc_strerror(int code);

/*
 * Record code and a formatted message in err (which may be NULL) and
 * return code, so callers can write `return sc_err_set(err, ...)`.
 */
int sc_err_set(struct sc_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the existing message with "context: " (e.g. a file name). */
int sc_err_prefix(struct sc_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Map an errno value to an SC_ERR_* code. */
int sc_err_from_errno(int e);

/* Reset err to the empty state. */
void sc_err_clear(struct sc_err *err);

#endif
