/*
 * mem.h - allocation helpers and small growable containers.
 *
 * sc_xmalloc and friends never return NULL: on allocation failure they
 * print one line and abort, as git's xmalloc and OpenSSH's xmalloc do.
 * Running out of memory is not a recoverable condition for a scanner and
 * handling it at every call site would hide the real error paths.
 *
 * struct sc_buf is a NUL-terminated byte buffer (data is never NULL after
 * sc_buf_init).  struct sc_strv is a NULL-terminated vector of owned
 * strings.  Both free functions accept NULL and leave the object reusable.
 */
#ifndef SC_MEM_H
#define SC_MEM_H

#include <stdarg.h>
#include <stddef.h>

/* Out of memory for n bytes (a library allocated for us): one line, abort. */
void sc_oom(size_t n) __attribute__((noreturn));
void *sc_xmalloc(size_t n);
void *sc_xcalloc(size_t nmemb, size_t size);
void *sc_xrealloc(void *p, size_t n);
void *sc_xreallocarray(void *p, size_t nmemb, size_t size);
char *sc_xstrdup(const char *s);
char *sc_xstrndup(const char *s, size_t n);
char *sc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *p (an array of *cap elements of size sz) to hold at least want. */
void sc_grow(void **p, size_t *cap, size_t want, size_t sz);
#define SC_GROW(arr, cap, want) \
	sc_grow((void **)&(arr), &(cap), (want), sizeof(*(arr)))

struct sc_buf {
	char *data;
	size_t len;
	size_t cap;
};

#define SC_BUF_INIT { NULL, 0, 0 }

void sc_buf_init(struct sc_buf *b);
void sc_buf_free(struct sc_buf *b);
void sc_buf_reset(struct sc_buf *b);
void sc_buf_add(struct sc_buf *b, const void *data, size_t n);
void sc_buf_adds(struct sc_buf *b, const char *s);
void sc_buf_addc(struct sc_buf *b, char c);
void sc_buf_addf(struct sc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sc_buf_vaddf(struct sc_buf *b, const char *fmt, va_list ap);
/* Hand the string over to the caller (who frees it); b is reset. */
char *sc_buf_detach(struct sc_buf *b);

struct sc_strv {
	char **v;	/* v[n] == NULL */
	size_t n;
	size_t cap;
};

#define SC_STRV_INIT { NULL, 0, 0 }

void sc_strv_push(struct sc_strv *sv, const char *s);
/* Take ownership of s. */
void sc_strv_push_owned(struct sc_strv *sv, char *s);
void sc_strv_free(struct sc_strv *sv);
/* Index of s in sv, or -1. */
long sc_strv_find(const struct sc_strv *sv, const char *s);

/* Free *p and set it to NULL. */
#define SC_FREE(p) do { free(p); (p) = NULL; } while (0)

#endif
