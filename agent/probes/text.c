/*
 * text.c - pattern matches in target text files (text.h).
 */
#include "probes/text.h"

#include <string.h>

#include "util/mem.h"

long
sc_probe_text_scan(const char *subject, size_t len, struct sc_regex *re,
    sc_text_match_fn fn, void *ctx, struct sc_err *err)
{
	struct sc_match m;
	struct sc_text_match tm;
	size_t ofs = 0, counted = 0;
	unsigned long line = 1, n = 0;
	int r;

	memset(&tm, 0, sizeof(tm));
	tm.subject = subject;
	tm.subject_len = len;
	tm.m = &m;
	while (ofs <= len) {
		r = sc_regex_search(re, subject, len, ofs, &m, err);
		if (r < 0)
			return r;
		if (r == 0)
			break;
		/* lines advance monotonically with the match starts */
		for (; counted < m.start[0]; counted++)
			if (subject[counted] == '\n')
				line++;
		tm.instance = ++n;
		tm.line = line;
		if (fn != NULL) {
			r = fn(ctx, &tm);
			if (r < 0)
				return r;
			if (r > 0)
				break;
		}
		ofs = m.end[0] > m.start[0] ? m.end[0] : m.end[0] + 1;
	}
	return (long)n;
}

long
sc_probe_text_file(struct sc_target *t, const char *path, size_t max,
    struct sc_regex *re, sc_text_match_fn fn, void *ctx, struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	long r;

	r = sc_target_read_file(t, path, max ? max : SC_TARGET_READ_MAX, &b, NULL,
	    err);
	if (r >= 0)
		r = sc_probe_text_scan(b.data, b.len, re, fn, ctx, err);
	sc_buf_free(&b);
	return r;
}

void
sc_probe_text_line_bounds(const char *subject, size_t len, size_t off,
    size_t *start, size_t *end)
{
	size_t s = off > len ? len : off, e = s;

	while (s > 0 && subject[s - 1] != '\n')
		s--;
	while (e < len && subject[e] != '\n')
		e++;
	*start = s;
	*end = e;
}
