/*
 * regex.c - PCRE2 wrapper with limits (regex.h).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "util/regex.h"
#include "util/limits.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

/*
 * PCRE2's JIT writes machine code valgrind cannot see into, and memcheck
 * then reports false uninitialised reads from it.  Under valgrind (only)
 * the interpreter is used; results are the same, it is just slower.
 */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#define MATCH_LIMIT SC_LIMIT_REGEX_MATCH
#define DEPTH_LIMIT SC_LIMIT_REGEX_DEPTH
#define HEAP_LIMIT SC_LIMIT_REGEX_HEAP_KIB

struct sc_regex {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	char *pattern;
	unsigned groups;
	unsigned long searches;	/* before the JIT was tried */
	size_t scanned;		/* subject bytes, likewise */
	int jit_tried;
};

/*
 * The JIT costs more to compile than most patterns of a scan cost to run
 * (SSG Debian 11: 477 patterns compiled, 400 searches): a pattern is
 * JIT-compiled once it has been searched JIT_AFTER_SEARCHES times or over
 * JIT_AFTER_BYTES of subject.
 */
#define JIT_AFTER_SEARCHES 8
#define JIT_AFTER_BYTES (16u << 10)

static void
jit(struct sc_regex *re)
{
	re->jit_tried = 1;
	if (!RUNNING_ON_VALGRIND)
		(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE); /* optional */
}

int
sc_regex_compile(struct sc_regex **out, const char *pattern, unsigned flags,
    struct sc_err *err)
{
	struct sc_regex *re;
	uint32_t opts = 0, cap = 0;
	int ec;
	PCRE2_SIZE eo;

	*out = NULL;
	if (flags & SC_RE_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & SC_RE_MULTILINE)
		opts |= PCRE2_MULTILINE;
	if (flags & SC_RE_DOTALL)
		opts |= PCRE2_DOTALL;
	re = sc_xcalloc(1, sizeof(*re));
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
	    &ec, &eo, NULL);
	if (re->code == NULL) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		free(re);
		return sc_err_set(err, SC_ERR_PARSE,
		    "invalid pattern '%s' at offset %zu: %s", pattern,
		    (size_t)eo, (const char *)msg);
	}
	pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &cap);
	re->groups = cap;
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->mctx = pcre2_match_context_create(NULL);
	if (re->md == NULL || re->mctx == NULL) {
		sc_regex_free(re);
		return sc_err_set(err, SC_ERR_NOMEM, "out of memory");
	}
	pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(re->mctx, HEAP_LIMIT);
	re->pattern = sc_xstrdup(pattern);
	*out = re;
	return SC_OK;
}

void
sc_regex_free(struct sc_regex *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re->pattern);
	free(re);
}

unsigned
sc_regex_groups(const struct sc_regex *re)
{
	return re->groups;
}

const char *
sc_regex_pattern(const struct sc_regex *re)
{
	return re->pattern;
}

int
sc_regex_search(struct sc_regex *re, const char *subject, size_t len,
    size_t offset, struct sc_match *m, struct sc_err *err)
{
	PCRE2_SIZE *ov;
	int rc;
	size_t i;

	if (!re->jit_tried) {
		re->searches++;
		re->scanned += len > offset ? len - offset : 0;
		if (re->searches > JIT_AFTER_SEARCHES ||
		    re->scanned > JIT_AFTER_BYTES)
			jit(re);
	}
	rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, offset, 0, re->md,
	    re->mctx);
	/* the interpreter meets limits the JIT has not (depth) or counts
	 * otherwise: an error before the JIT was tried is retried with it,
	 * so that no answer depends on when the JIT was compiled */
	if (rc < 0 && rc != PCRE2_ERROR_NOMATCH && !re->jit_tried) {
		jit(re);
		rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, offset, 0,
		    re->md, re->mctx);
	}
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(rc, msg, sizeof(msg));
		return sc_err_set(err, rc == PCRE2_ERROR_MATCHLIMIT ||
		    rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ?
		    SC_ERR_TOOBIG : SC_ERR_INTERNAL,
		    "pattern '%s' could not be matched: %s", re->pattern,
		    (const char *)msg);
	}
	if (m == NULL)
		return 1;
	ov = pcre2_get_ovector_pointer(re->md);
	m->n = re->groups + 1 < SC_RE_MAX_GROUPS ? re->groups + 1 :
	    SC_RE_MAX_GROUPS;
	for (i = 0; i < m->n; i++) {
		if ((int)i < rc && ov[2 * i] != PCRE2_UNSET) {
			m->start[i] = ov[2 * i];
			m->end[i] = ov[2 * i + 1];
		} else {
			m->start[i] = m->end[i] = SC_RE_UNSET;
		}
	}
	return 1;
}
