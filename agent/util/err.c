/*
 * err.c - error codes and messages (see err.h).
 */
#include "util/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *
sc_strerror(int code)
{
	switch (code) {
	case SC_OK:
		return "success";
	case SC_ERR_INTERNAL:
		return "internal error";
	case SC_ERR_NOMEM:
		return "out of memory";
	case SC_ERR_IO:
		return "input/output error";
	case SC_ERR_NOTFOUND:
		return "not found";
	case SC_ERR_INVAL:
		return "invalid argument";
	case SC_ERR_PARSE:
		return "malformed input";
	case SC_ERR_UNSUPPORTED:
		return "not supported";
	case SC_ERR_TOOBIG:
		return "too large";
	case SC_ERR_NOTREG:
		return "not a regular file";
	case SC_ERR_LOOP:
		return "too many levels of symbolic links";
	case SC_ERR_ESCAPE:
		return "path leaves the target root";
	case SC_ERR_ACCESS:
		return "permission denied";
	case SC_ERR_EXISTS:
		return "already exists";
	}
	return "unknown error";
}

int
sc_err_set(struct sc_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

int
sc_err_prefix(struct sc_err *err, const char *fmt, ...)
{
	char prefix[SC_ERR_MSG_MAX], old[SC_ERR_MSG_MAX];
	va_list ap;

	if (err == NULL)
		return SC_ERR_INTERNAL;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	if (snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old) >=
	    (int)sizeof(err->msg))
		err->msg[sizeof(err->msg) - 1] = '\0';	/* truncated: fine */
	return err->code;
}

int
sc_err_from_errno(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		return SC_ERR_NOTFOUND;
	case ENOMEM:
		return SC_ERR_NOMEM;
	case EACCES:
	case EPERM:
		return SC_ERR_ACCESS;
	case ELOOP:
		return SC_ERR_LOOP;
	case EXDEV:
		return SC_ERR_ESCAPE;
	case EFBIG:
	case ENAMETOOLONG:
	case E2BIG:
		return SC_ERR_TOOBIG;
	case EEXIST:
		return SC_ERR_EXISTS;
	case EINVAL:
		return SC_ERR_INVAL;
	case ENOSYS:
	case EOPNOTSUPP:
		return SC_ERR_UNSUPPORTED;
	}
	return SC_ERR_IO;
}

void
sc_err_clear(struct sc_err *err)
{
	if (err == NULL)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}
