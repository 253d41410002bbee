/*
 * native_lines.c - <sc:lines>: lines of a text file matched with a
 * Perl-compatible pattern.
 *
 *   path           target path (required)
 *   pattern        PCRE2 pattern, matched against each line without its
 *                  newline (required)
 *   expect         none (default): no line may match
 *                  some: at least one line must match
 *                  all: every line that is not empty (or a comment, when
 *                       skip_comments) must match
 *   missing        result when the file does not exist: pass | fail |
 *                  error | notchecked (default: fail for "some", pass
 *                  otherwise); notchecked where the file's absence
 *                  leaves the setting to a built-in default the target
 *                  does not show
 *   skip_comments  yes | no (default): ignore lines whose first
 *                  non-blank character is '#'
 *   caseless       yes | no (default)
 *   what           words for evidence, e.g. "account with a usable password"
 *
 * Evidence quotes matching (or offending) lines as "path:LINE: text",
 * with password fields redacted for password files (redact.h).
 */
#include <stdlib.h>
#include <string.h>

#include "checks/native.h"
#include "util/mem.h"
#include "util/redact.h"
#include "util/regex.h"

enum { EXPECT_NONE, EXPECT_SOME, EXPECT_ALL };
enum { MISSING_PASS, MISSING_FAIL, MISSING_ERROR, MISSING_NOTCHECKED,
	MISSING_DEFAULT };

struct lines_test {
	char *path;
	char *what;
	struct sc_regex *re;
	int expect;
	int missing;
	int skip_comments;
};

static const char *const attrs[] = { "path", "pattern", "expect", "missing",
	"skip_comments", "caseless", "what", NULL };
static const char *const required[] = { "path", "pattern", NULL };
static const char *const expect_names[] = { "none", "some", "all", NULL };
static const char *const missing_names[] = { "pass", "fail", "error",
	"notchecked", NULL };
static const char *const yesno[] = { "no", "yes", NULL };

#define LINES_READ_MAX (64u << 20)

static void
lines_free(void *p)
{
	struct lines_test *t = p;

	if (t == NULL)
		return;
	free(t->path);
	free(t->what);
	sc_regex_free(t->re);
	free(t);
}

static int
lines_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct lines_test *t = sc_xcalloc(1, sizeof(*t));
	char *pattern = NULL;
	int caseless, r;

	t->path = sc_xml_attr(n, "path");
	if (t->path == NULL || t->path[0] != '/') {
		r = sc_err_set(err, SC_ERR_PARSE,
		    "<lines>: path must be absolute, got '%s'",
		    t->path ? t->path : "");
		goto fail;
	}
	if ((r = sc_native_attr_enum(n, "expect", expect_names, EXPECT_NONE,
	    &t->expect, err)) < 0 ||
	    (r = sc_native_attr_enum(n, "missing", missing_names,
	    MISSING_DEFAULT, &t->missing, err)) < 0 ||
	    (r = sc_native_attr_enum(n, "skip_comments", yesno, 0,
	    &t->skip_comments, err)) < 0 ||
	    (r = sc_native_attr_enum(n, "caseless", yesno, 0, &caseless,
	    err)) < 0)
		goto fail;
	if (t->missing == MISSING_DEFAULT)
		t->missing = t->expect == EXPECT_SOME ? MISSING_FAIL : MISSING_PASS;
	pattern = sc_xml_attr(n, "pattern");
	if ((r = sc_regex_compile(&t->re, pattern,
	    caseless ? SC_RE_CASELESS : 0, err)) < 0) {
		sc_err_prefix(err, "<lines>");
		goto fail;
	}
	t->what = sc_xml_attr(n, "what");
	if (t->what == NULL)
		t->what = sc_xstrdup("matching line");
	free(pattern);
	*out = t;
	return SC_OK;
fail:
	free(pattern);
	lines_free(t);
	return r;
}

static int
is_comment_or_blank(const char *l, size_t n, int comments)
{
	size_t i = 0;

	while (i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r'))
		i++;
	return i == n || (comments && l[i] == '#');
}

static void
quote(struct sc_rule_result *rr, enum sc_msg_sev sev, const char *path,
    unsigned lineno, const char *prefix, const char *l, size_t n)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_buf_addf(&b, "%s:%u: %s", path, lineno, prefix);
	sc_redact_line(&b, path, l, n);
	sc_rr_add(rr, sev, b.data);
	sc_buf_free(&b);
}

static enum sc_result
lines_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct lines_test *t = p;
	struct sc_buf data = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	enum sc_result res;
	unsigned long matched = 0, offending = 0, considered = 0;
	unsigned lineno = 0;
	const char *l, *end;
	int r;

	r = sc_target_read_file(ctx->target, t->path, LINES_READ_MAX, &data, NULL,
	    &err);
	if (r == SC_ERR_NOTFOUND) {
		static const enum sc_result map[] = { SC_RESULT_PASS,
			SC_RESULT_FAIL, SC_RESULT_ERROR, SC_RESULT_NOTCHECKED };

		if (t->missing == MISSING_NOTCHECKED)
			sc_rr_addf(rr, SC_MSG_WARNING, "no %s in the target: what "
			    "it would set is left to built-in defaults the "
			    "target does not show", t->path);
		else
			sc_rr_addf(rr, t->missing == MISSING_PASS ? SC_MSG_INFO :
			    SC_MSG_ERROR, "%s does not exist", t->path);
		sc_buf_free(&data);
		return map[t->missing];
	}
	if (r < 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s", err.msg);
		sc_buf_free(&data);
		return SC_RESULT_ERROR;
	}
	end = data.data + data.len;
	for (l = data.data; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);

		lineno++;
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (!(t->skip_comments && is_comment_or_blank(l, n, 1)) &&
		    !(t->expect == EXPECT_ALL && is_comment_or_blank(l, n, 0))) {
			considered++;
			r = sc_regex_search(t->re, l, n, 0, NULL, &err);
			if (r < 0) {
				sc_rr_addf(rr, SC_MSG_ERROR, "%s:%u: %s", t->path,
				    lineno, err.msg);
				sc_buf_free(&data);
				return SC_RESULT_ERROR;
			}
			if (r == 1) {
				matched++;
				if (t->expect == EXPECT_NONE)
					quote(rr, SC_MSG_ERROR, t->path, lineno,
					    "", l, n);
				else if (t->expect == EXPECT_SOME)
					quote(rr, SC_MSG_INFO, t->path, lineno,
					    "", l, n);
			} else if (t->expect == EXPECT_ALL) {
				offending++;
				quote(rr, SC_MSG_ERROR, t->path, lineno,
				    "does not match: ", l, n);
			}
		}
		l = nl ? nl + 1 : end;
	}
	sc_buf_free(&data);

	switch (t->expect) {
	case EXPECT_NONE:
		if (matched == 0) {
			sc_rr_addf(rr, SC_MSG_INFO,
			    "%s: no %s (%lu lines checked against %s)", t->path,
			    t->what, considered, sc_regex_pattern(t->re));
			res = SC_RESULT_PASS;
		} else {
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: %s: %lu found", t->path,
			    t->what, matched);
			res = SC_RESULT_FAIL;
		}
		break;
	case EXPECT_SOME:
		if (matched > 0) {
			res = SC_RESULT_PASS;
		} else {
			sc_rr_addf(rr, SC_MSG_ERROR,
			    "%s: no %s (%lu lines checked against %s)", t->path,
			    t->what, considered, sc_regex_pattern(t->re));
			res = SC_RESULT_FAIL;
		}
		break;
	default:
		if (offending == 0) {
			sc_rr_addf(rr, SC_MSG_INFO, "%s: all %lu lines match %s",
			    t->path, considered, sc_regex_pattern(t->re));
			res = SC_RESULT_PASS;
		} else {
			res = SC_RESULT_FAIL;
		}
		break;
	}
	return res;
}

const struct sc_native_kind sc_native_lines_kind = {
	.name = "lines",
	.attrs = attrs,
	.required = required,
	.parse = lines_parse,
	.prepare = NULL,
	.eval = lines_eval,
	.free = lines_free,
	.summary = "lines of a text file matched with a PCRE2 pattern",
};
