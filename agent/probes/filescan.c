/*
 * filescan.c - streaming a target file (filescan.h).
 */
#include "probes/filescan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/mem.h"

struct scanner {
	const struct sc_filescan_cb *cb;
	size_t min_len;
	char run[SC_FILESCAN_STR_MAX + 1];
	size_t len;		/* bytes of the run kept */
	off_t start;		/* offset of the run's first byte */
	off_t pos;
};

static void
flush(struct scanner *s)
{
	if (s->len >= s->min_len && s->cb->string) {
		s->run[s->len] = '\0';
		s->cb->string(s->cb->ctx, s->run, s->len, s->start);
	}
	s->len = 0;
}

static void
feed(struct scanner *s, const unsigned char *p, size_t n)
{
	if (s->cb->chunk)
		s->cb->chunk(s->cb->ctx, p, n);
	if (s->cb->string == NULL) {
		s->pos += (off_t)n;
		return;
	}
	for (size_t i = 0; i < n; i++, s->pos++) {
		unsigned char c = p[i];

		if ((c >= 0x20 && c < 0x7f) || c == '\t') {
			if (s->len == 0)
				s->start = s->pos;
			if (s->len < SC_FILESCAN_STR_MAX)
				s->run[s->len++] = (char)c;
		} else if (s->len) {
			flush(s);
		}
	}
}

static void
scanner_init(struct scanner *s, const struct sc_filescan_cb *cb)
{
	memset(s, 0, sizeof(*s));
	s->cb = cb;
	s->min_len = cb->min_len ? cb->min_len : 4;
}

struct sc_filescan_state {
	struct scanner s;
};

struct sc_filescan_state *
sc_filescan_begin(const struct sc_filescan_cb *cb)
{
	struct sc_filescan_state *st = sc_xmalloc(sizeof(*st));

	scanner_init(&st->s, cb);
	return st;
}

void
sc_filescan_feed(struct sc_filescan_state *st, const unsigned char *p,
    size_t n)
{
	feed(&st->s, p, n);
}

void
sc_filescan_end(struct sc_filescan_state *st)
{
	if (st == NULL)
		return;
	flush(&st->s);
	free(st);
}

void
sc_filescan_mem(const unsigned char *p, size_t n,
    const struct sc_filescan_cb *cb)
{
	struct scanner *s = sc_xmalloc(sizeof(*s));

	scanner_init(s, cb);
	feed(s, p, n);
	flush(s);
	free(s);
}

int
sc_filescan(struct sc_target *t, const char *path,
    const struct sc_filescan_cb *cb, struct stat *stp, struct sc_err *err)
{
	struct scanner *s = NULL;
	unsigned char *buf = NULL;
	struct stat st;
	int fd = -1, r;

	if ((r = sc_target_open_file(t, path, &fd, &st, err)) < 0)
		return r;
	if ((unsigned long long)st.st_size > SC_FILESCAN_FILE_MAX) {
		r = sc_err_set(err, SC_ERR_TOOBIG, "%s: %lld bytes, over the "
		    "%lu MiB limit", path, (long long)st.st_size,
		    SC_FILESCAN_FILE_MAX >> 20);
		goto out;
	}
	s = sc_xmalloc(sizeof(*s));
	scanner_init(s, cb);
	buf = sc_xmalloc(SC_FILESCAN_CHUNK);
	for (;;) {
		ssize_t n = read(fd, buf, SC_FILESCAN_CHUNK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = sc_err_set(err, sc_err_from_errno(errno),
			    "cannot read %s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		feed(s, buf, (size_t)n);
		sc_target_note_data(t, buf, (size_t)n);
	}
	flush(s);
	if (stp)
		*stp = st;
	r = SC_OK;
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	free(s);
	return r;
}
