/*
 * regex.h - Perl-compatible regular expressions (PCRE2, 8-bit).
 *
 * OVAL patterns and native checks are Perl-compatible (the Chainguard
 * content uses lookahead).  Subjects are bytes from the target and may be
 * invalid UTF-8, so patterns are compiled without PCRE2_UTF and match
 * bytewise.  Every match runs under a match limit and a depth limit, so a
 * hostile file cannot make a pattern backtrack for hours: hitting a limit is
 * an error (SC_ERR_TOOBIG), never a silent non-match.
 *
 * Patterns are JIT-compiled (except under valgrind) once they have been
 * searched a few times or over a few KiB of subject; until then PCRE2's
 * interpreter runs them, with the same answers.  A search the interpreter
 * stops on a limit is retried with the JIT, so errors are those of the
 * JIT, as if it had been compiled at once.
 */
#ifndef SC_REGEX_H
#define SC_REGEX_H

#include <stddef.h>

#include "util/err.h"

#define SC_RE_CASELESS (1u << 0)
#define SC_RE_MULTILINE (1u << 1)	/* ^ and $ match at newlines */
#define SC_RE_DOTALL (1u << 2)		/* . matches newline */

#define SC_RE_MAX_GROUPS 32
#define SC_RE_UNSET ((size_t)-1)

struct sc_regex;

struct sc_match {
	size_t n;			/* groups set, including group 0 */
	size_t start[SC_RE_MAX_GROUPS];	/* SC_RE_UNSET when unset */
	size_t end[SC_RE_MAX_GROUPS];
};

int sc_regex_compile(struct sc_regex **out, const char *pattern,
    unsigned flags, struct sc_err *err);
void sc_regex_free(struct sc_regex *re);
/* Number of capturing groups in the pattern. */
unsigned sc_regex_groups(const struct sc_regex *re);
const char *sc_regex_pattern(const struct sc_regex *re);

/*
 * Search subject[offset..len).  Returns 1 and fills m (if not NULL) on a
 * match, 0 when there is none, a negative code on error (limits).
 */
int sc_regex_search(struct sc_regex *re, const char *subject, size_t len,
    size_t offset, struct sc_match *m, struct sc_err *err);

#endif
