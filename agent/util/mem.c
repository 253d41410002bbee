/*
 * mem.c - allocation helpers, sc_buf and sc_strv (see mem.h).
 */
#include "util/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sc_oom(size_t n)
{
	fprintf(stderr, "stigcheck: out of memory allocating %zu bytes\n", n);
	abort();
}

void *
sc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		sc_oom(n);
	return p;
}

void *
sc_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		sc_oom(nmemb * size);
	return p;
}

void *
sc_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		sc_oom(n);
	return q;
}

void *
sc_xreallocarray(void *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		sc_oom(SIZE_MAX);
	return sc_xrealloc(p, nmemb * size);
}

char *
sc_xstrdup(const char *s)
{
	return sc_xstrndup(s, strlen(s));
}

char *
sc_xstrndup(const char *s, size_t n)
{
	char *p = sc_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
sc_xasprintf(const char *fmt, ...)
{
	struct sc_buf b = SC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return sc_buf_detach(&b);
}

void
sc_grow(void **p, size_t *cap, size_t want, size_t sz)
{
	size_t ncap;

	if (want <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < want) {
		if (ncap > SIZE_MAX / 2)
			sc_oom(SIZE_MAX);
		ncap *= 2;
	}
	*p = sc_xreallocarray(*p, ncap, sz);
	*cap = ncap;
}

void
sc_buf_init(struct sc_buf *b)
{
	b->data = sc_xmalloc(64);
	b->data[0] = '\0';
	b->len = 0;
	b->cap = 64;
}

void
sc_buf_free(struct sc_buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
sc_buf_reset(struct sc_buf *b)
{
	if (b->data == NULL)
		sc_buf_init(b);
	b->len = 0;
	b->data[0] = '\0';
}

static void
sc_buf_reserve(struct sc_buf *b, size_t extra)
{
	if (b->data == NULL)
		sc_buf_init(b);
	if (extra > SIZE_MAX - b->len - 1)
		sc_oom(SIZE_MAX);
	sc_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

void
sc_buf_add(struct sc_buf *b, const void *data, size_t n)
{
	sc_buf_reserve(b, n);
	memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
sc_buf_adds(struct sc_buf *b, const char *s)
{
	sc_buf_add(b, s, strlen(s));
}

void
sc_buf_addc(struct sc_buf *b, char c)
{
	sc_buf_add(b, &c, 1);
}

void
sc_buf_vaddf(struct sc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	sc_buf_reserve(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		sc_buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
sc_buf_addf(struct sc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sc_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
sc_buf_detach(struct sc_buf *b)
{
	char *s;

	if (b->data == NULL)
		sc_buf_init(b);
	s = b->data;
	/* a kept string holds what it needs (many short ones add up) */
	if (b->cap > b->len + 1 + 16)
		s = sc_xrealloc(s, b->len + 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void
sc_strv_push_owned(struct sc_strv *sv, char *s)
{
	SC_GROW(sv->v, sv->cap, sv->n + 2);
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
sc_strv_push(struct sc_strv *sv, const char *s)
{
	sc_strv_push_owned(sv, sc_xstrdup(s));
}

void
sc_strv_free(struct sc_strv *sv)
{
	size_t i;

	if (sv == NULL)
		return;
	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

long
sc_strv_find(const struct sc_strv *sv, const char *s)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return (long)i;
	return -1;
}
