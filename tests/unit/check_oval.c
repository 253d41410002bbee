/*
 * check_oval.c - the OVAL engine: datatypes and operations, result tables,
 * the probes it uses, evaluation end to end on small OVAL documents, the
 * Chainguard data stream on the wolfi-root fixture, and the OVAL results
 * documents (validated against the OVAL 5.11 schemas).
 */
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_result.h"
#include "checks/oval/oval_results.h"
#include "checks/oval/oval_value.h"
#include "probes/file.h"
#include "probes/hash.h"
#include "probes/text.h"
#include "probes/tree.h"
#include "scan.h"
#include "target/target.h"
#include "testutil.h"
#include "walk/walk.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"
#include "xccdf/result.h"

#define OVAL_SCHEMAS "/usr/share/openscap/schemas/oval/5.11.2"

/* ---- values ------------------------------------------------------------------------ */

static enum sc_oval_res
cmp(enum sc_oval_op op, enum sc_oval_dt dt, const char *a, const char *b)
{
	struct sc_err err = SC_ERR_INIT;

	return sc_oval_value_cmp(op, dt, a, b, NULL, &err);
}

START_TEST(test_int_ops)
{
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_INT, "0", "0"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_INT, "1000", "0"), SC_OVAL_FALSE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_NOT_EQUAL, SC_OVAL_DT_INT, "1", "0"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_GREATER, SC_OVAL_DT_INT, "10", "9"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_LESS, SC_OVAL_DT_INT, "-1", "0"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_GREATER_EQUAL, SC_OVAL_DT_INT, "3", "3"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_LESS_EQUAL, SC_OVAL_DT_INT, "4", "3"), SC_OVAL_FALSE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_BITWISE_AND, SC_OVAL_DT_INT, "7", "5"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_BITWISE_AND, SC_OVAL_DT_INT, "4", "5"), SC_OVAL_FALSE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_BITWISE_OR, SC_OVAL_DT_INT, "4", "5"), SC_OVAL_TRUE);
	/* "greater than 1" reads "item > 1" */
	ck_assert_int_eq(cmp(SC_OVAL_OP_GREATER, SC_OVAL_DT_INT, "2", "1"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_INT, "x", "0"), SC_OVAL_ERROR);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_INT, "1", "1.5"), SC_OVAL_ERROR);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_FLOAT, "1.50", "1.5"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_LESS, SC_OVAL_DT_FLOAT, "1.4", "1.5"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_BOOLEAN, "1", "true"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_NOT_EQUAL, SC_OVAL_DT_BOOLEAN, "0", "true"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_BOOLEAN, "yes", "true"), SC_OVAL_ERROR);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_BINARY, "0aFF", "0AFF"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_BINARY, "0g", "0g"), SC_OVAL_ERROR);
}
END_TEST

START_TEST(test_string_ops)
{
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_STRING, "abc", "abc"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_EQUALS, SC_OVAL_DT_STRING, "abc", "ABC"), SC_OVAL_FALSE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_CI_EQUALS, SC_OVAL_DT_STRING, "abc", "ABC"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_CI_NOT_EQUAL, SC_OVAL_DT_STRING, "abc", "ABD"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_NOT_EQUAL, SC_OVAL_DT_STRING, "a", "a"), SC_OVAL_FALSE);
	/* Perl-compatible, unanchored, with lookahead */
	ck_assert_int_eq(cmp(SC_OVAL_OP_PATTERN_MATCH, SC_OVAL_DT_STRING,
	    "fipsmodule.cnf", "(?=.*fipsmodule).*"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_PATTERN_MATCH, SC_OVAL_DT_STRING,
	    "openssl.cnf", "(?=.*fipsmodule).*"), SC_OVAL_FALSE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_PATTERN_MATCH, SC_OVAL_DT_STRING,
	    "/x/abc", "b"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_PATTERN_MATCH, SC_OVAL_DT_STRING,
	    "x", "("), SC_OVAL_ERROR);
}
END_TEST

START_TEST(test_versions)
{
	int c = 9;

	ck_assert_int_eq(sc_oval_version_cmp("1.2", "1.2.0", &c), 0);
	ck_assert_int_eq(c, 0);
	ck_assert_int_eq(sc_oval_version_cmp("1.10", "1.9", &c), 0);
	ck_assert_int_gt(c, 0);
	ck_assert_int_eq(sc_oval_version_cmp("3.4.0", "3.10", &c), 0);
	ck_assert_int_lt(c, 0);
	ck_assert_int_eq(sc_oval_version_cmp("1..2", "1", &c), SC_ERR_PARSE);
	ck_assert_int_eq(sc_oval_version_cmp("1.2.", "1", &c), SC_ERR_PARSE);
	ck_assert_int_eq(sc_oval_version_cmp("1.2a", "1", &c), SC_ERR_PARSE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_GREATER_EQUAL, SC_OVAL_DT_VERSION, "3.4.0", "3.4"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_LESS, SC_OVAL_DT_VERSION, "3.1.2", "3.4.0"), SC_OVAL_TRUE);
	ck_assert_int_eq(cmp(SC_OVAL_OP_LESS, SC_OVAL_DT_VERSION, "3.x", "3.4.0"), SC_OVAL_ERROR);
	/* RPM */
	ck_assert_int_lt(sc_oval_rpmvercmp("1.0~rc1", "1.0"), 0);
	ck_assert_int_gt(sc_oval_rpmvercmp("1.0a", "1.0"), 0);
	ck_assert_int_gt(sc_oval_rpmvercmp("1.010", "1.9"), 0);
	ck_assert_int_eq(sc_oval_rpmvercmp("1.01", "1.1"), 0);
	ck_assert_int_lt(sc_oval_evr_cmp("0:1.2-3", "1.2-4"), 0);
	ck_assert_int_gt(sc_oval_evr_cmp("1:1.0-1", "2.0-1"), 0);
	ck_assert_int_eq(cmp(SC_OVAL_OP_LESS, SC_OVAL_DT_EVR_STRING, "0:3.0.7-1.el9", "0:3.0.7-2.el9"), SC_OVAL_TRUE);
	/* dpkg */
	ck_assert_int_lt(sc_oval_debian_evr_cmp("1.0~rc1-1", "1.0-1"), 0);
	ck_assert_int_gt(sc_oval_debian_evr_cmp("1:0.9", "2.0"), 0);
	ck_assert_int_gt(sc_oval_debian_evr_cmp("3.0.11-1+deb12u2", "3.0.11-1"), 0);
	ck_assert_int_lt(sc_oval_debian_evr_cmp("3.0.11-1~deb12u2", "3.0.11-1"), 0);
	ck_assert_int_eq(sc_oval_debian_evr_cmp("1.2-1", "1.2-1"), 0);
}
END_TEST

START_TEST(test_op_check)
{
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_oval_op_check(SC_OVAL_OP_GREATER, SC_OVAL_DT_STRING, &err),
	    SC_ERR_UNSUPPORTED);
	ck_assert_ptr_nonnull(strstr(err.msg, "'greater than'"));
	ck_assert_ptr_nonnull(strstr(err.msg, "'string'"));
	ck_assert_int_eq(sc_oval_op_check(SC_OVAL_OP_EQUALS, SC_OVAL_DT_IPV4_ADDRESS,
	    &err), SC_ERR_UNSUPPORTED);
	ck_assert_ptr_nonnull(strstr(err.msg, "ipv4_address"));
	ck_assert_int_eq(sc_oval_op_check(SC_OVAL_OP_PATTERN_MATCH, SC_OVAL_DT_STRING,
	    &err), SC_OK);
	ck_assert_int_eq(sc_oval_dt_parse("debian_evr_string"), SC_OVAL_DT_DEBIAN_EVR_STRING);
	ck_assert_int_eq(sc_oval_op_parse("case insensitive equals"), SC_OVAL_OP_CI_EQUALS);
	ck_assert_int_eq(sc_oval_op_parse("like"), -1);
}
END_TEST

/* ---- result tables ------------------------------------------------------------------ */

static struct sc_oval_counts
counts(unsigned long t, unsigned long f, unsigned long e, unsigned long u)
{
	struct sc_oval_counts c;

	memset(&c, 0, sizeof(c));
	c.n[SC_OVAL_TRUE] = t;
	c.n[SC_OVAL_FALSE] = f;
	c.n[SC_OVAL_ERROR] = e;
	c.n[SC_OVAL_UNKNOWN] = u;
	return c;
}

START_TEST(test_tables)
{
	struct sc_oval_counts c;

	c = counts(2, 0, 0, 0);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_AND), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_ONE), SC_OVAL_FALSE);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_XOR), SC_OVAL_FALSE);
	c = counts(1, 2, 0, 0);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_AND), SC_OVAL_FALSE);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_OR), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_ONE), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_XOR), SC_OVAL_TRUE);
	c = counts(3, 0, 0, 0);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_XOR), SC_OVAL_TRUE);
	/* false decides AND over an error; error spoils OR without a true */
	c = counts(1, 1, 1, 0);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_AND), SC_OVAL_FALSE);
	c = counts(0, 1, 1, 0);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_OR), SC_OVAL_ERROR);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_ONE), SC_OVAL_ERROR);
	c = counts(1, 0, 0, 1);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_AND), SC_OVAL_UNKNOWN);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_OR), SC_OVAL_TRUE);
	c = counts(0, 0, 0, 0);
	ck_assert_int_eq(sc_oval_by_operator(&c, SC_OVAL_AND), SC_OVAL_UNKNOWN);
	/* checks over items */
	c = counts(0, 3, 0, 0);
	ck_assert_int_eq(sc_oval_by_check(&c, SC_OVAL_CHECK_NONE_SATISFY), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_check(&c, SC_OVAL_CHECK_ALL), SC_OVAL_FALSE);
	c = counts(1, 3, 0, 0);
	ck_assert_int_eq(sc_oval_by_check(&c, SC_OVAL_CHECK_AT_LEAST_ONE), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_check(&c, SC_OVAL_CHECK_ONLY_ONE), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_check(&c, SC_OVAL_CHECK_NONE_EXIST), SC_OVAL_FALSE);
	c = counts(2, 0, 0, 0);
	ck_assert_int_eq(sc_oval_by_check(&c, SC_OVAL_CHECK_ONLY_ONE), SC_OVAL_FALSE);
	/* existence */
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_ALL_EXIST, 0, 0), SC_OVAL_FALSE);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_ALL_EXIST, 2, 1), SC_OVAL_ERROR);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_ANY_EXIST, 0, 0), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_ANY_EXIST, 0, 1), SC_OVAL_ERROR);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_AT_LEAST_ONE_EXISTS, 1, 1), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_NONE_EXIST, 0, 0), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_NONE_EXIST, 1, 1), SC_OVAL_FALSE);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_NONE_EXIST, 0, 1), SC_OVAL_ERROR);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_ONLY_ONE_EXISTS, 1, 0), SC_OVAL_TRUE);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_ONLY_ONE_EXISTS, 2, 0), SC_OVAL_FALSE);
	ck_assert_int_eq(sc_oval_by_existence(SC_OVAL_ONLY_ONE_EXISTS, 0, 0), SC_OVAL_FALSE);
	ck_assert_int_eq(sc_oval_negate(SC_OVAL_TRUE, 1), SC_OVAL_FALSE);
	ck_assert_int_eq(sc_oval_negate(SC_OVAL_ERROR, 1), SC_OVAL_ERROR);
	ck_assert_int_eq(sc_oval_negate(SC_OVAL_FALSE, 0), SC_OVAL_FALSE);
}
END_TEST

/* ---- probes ------------------------------------------------------------------------- */

struct collected {
	char buf[2048];
	unsigned long n;
};

static int
on_match(void *p, const struct sc_text_match *m)
{
	struct collected *c = p;
	size_t l = strlen(c->buf);

	c->n++;
	snprintf(c->buf + l, sizeof(c->buf) - l, "%lu@%lu:%.*s;", m->instance,
	    m->line, (int)(m->m->end[0] - m->m->start[0]),
	    m->subject + m->m->start[0]);
	return 0;
}

START_TEST(test_text_scan)
{
	const char *s = "C:x\nP:alpha\nV:1\n\nP:beta\nV:2\n";
	struct sc_err err = SC_ERR_INIT;
	struct collected c;
	struct sc_regex *re;

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(sc_regex_compile(&re, "^P:(\\w+)$", SC_RE_MULTILINE, &err), 0);
	ck_assert_int_eq(sc_probe_text_scan(s, strlen(s), re, on_match, &c, &err), 2);
	ck_assert_str_eq(c.buf, "1@2:P:alpha;2@5:P:beta;");
	sc_regex_free(re);
	/* an empty match still advances (no line starts after the last \n) */
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(sc_regex_compile(&re, "^", SC_RE_MULTILINE, &err), 0);
	ck_assert_int_eq(sc_probe_text_scan("a\nb\n", 4, re, on_match, &c, &err), 2);
	ck_assert_str_eq(c.buf, "1@1:;2@2:;");
	sc_regex_free(re);
	/* without multiline, ^ is the start of the file only */
	ck_assert_int_eq(sc_regex_compile(&re, "^P:", 0, &err), 0);
	ck_assert_int_eq(sc_probe_text_scan(s, strlen(s), re, NULL, NULL, &err), 0);
	sc_regex_free(re);
}
END_TEST

START_TEST(test_text_file_and_hash)
{
	char *tmp = tu_mkdtemp(), hex[SC_HASH_HEX_MAX];
	struct sc_err err = SC_ERR_INIT;
	struct sc_target *t;
	struct sc_regex *re;

	tu_write(tmp, "etc/x.conf", "abc", 0644);
	tu_mkfifo(tmp, "etc/fifo");
	tu_symlink(tmp, "etc/abs", "/etc/x.conf");
	ck_assert_int_eq(sc_target_open_rootfs(&t, tmp, &err), 0);
	ck_assert_int_eq(sc_regex_compile(&re, "b", 0, &err), 0);
	ck_assert_int_eq(sc_probe_text_file(t, "/etc/x.conf", 0, re, NULL, NULL, &err), 1);
	/* an absolute link resolves inside the target */
	ck_assert_int_eq(sc_probe_text_file(t, "/etc/abs", 0, re, NULL, NULL, &err), 1);
	ck_assert_int_eq(sc_probe_text_file(t, "/etc/none", 0, re, NULL, NULL, &err),
	    SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_probe_text_file(t, "/etc/fifo", 0, re, NULL, NULL, &err),
	    SC_ERR_NOTREG);
	sc_regex_free(re);
	ck_assert_int_eq(sc_probe_hash_file(t, "/etc/x.conf", "SHA-256", hex, &err), 0);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_int_eq(sc_probe_hash_file(t, "/etc/abs", "MD5", hex, &err), 0);
	ck_assert_str_eq(hex, "900150983cd24fb0d6963f7d28e17f72");
	ck_assert_int_eq(sc_probe_hash_file(t, "/etc/x.conf", "WHIRLPOOL-9", hex, &err),
	    SC_ERR_UNSUPPORTED);
	ck_assert_int_eq(sc_probe_hash_file(t, "/etc/fifo", "SHA-1", hex, &err),
	    SC_ERR_NOTREG);
	ck_assert_int_eq(sc_probe_hash_buf("abc", 3, "SHA-1", hex, &err), 0);
	ck_assert_str_eq(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	sc_target_free(t);
	tu_rmrf(tmp);
	free(tmp);
}
END_TEST

struct hits {
	char buf[4096];
};

static void
on_hit(void *p, const struct sc_tree_hit *h)
{
	struct hits *c = p;
	size_t l = strlen(c->buf);

	snprintf(c->buf + l, sizeof(c->buf) - l, "%s%s|", h->path,
	    S_ISLNK(h->st->st_mode) ? "@" : "");
}

static void
tree_run(const char *root, enum sc_tree_want want, int depth, unsigned recurse,
    char *out, size_t n)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_tree_spec spec;
	struct sc_target *t;
	struct sc_walk *w = sc_walk_new();
	struct sc_tree *tr;
	struct hits h;

	memset(&h, 0, sizeof(h));
	memset(&spec, 0, sizeof(spec));
	spec.root = "/usr/lib";
	spec.max_depth = depth;
	spec.recurse = recurse;
	spec.want = want;
	spec.found = on_hit;
	spec.ctx = &h;
	ck_assert_int_eq(sc_target_open_rootfs(&t, root, &err), 0);
	tr = sc_probe_tree_add(w, &spec);
	ck_assert_int_eq(sc_walk_run(w, t, &err), 0);
	snprintf(out, n, "%s", h.buf);
	sc_probe_tree_free(tr);
	sc_walk_free(w);
	sc_target_free(t);
}

START_TEST(test_tree)
{
	char *tmp = tu_mkdtemp(), got[4096];
	const unsigned all = SC_TREE_RECURSE_DIRS | SC_TREE_RECURSE_SYMLINKS;

	tu_write(tmp, "usr/lib/a.so", "a", 0644);
	tu_write(tmp, "usr/lib/sub/b.so", "b", 0644);
	tu_write(tmp, "usr/lib/sub/deeper/c.so", "c", 0644);
	tu_write(tmp, "usr/share/d/e.txt", "e", 0644);
	tu_symlink(tmp, "usr/lib/link", "../share/d");
	tu_symlink(tmp, "usr/lib/loop", "/usr/lib");
	tree_run(tmp, SC_TREE_FILES, -1, all, got, sizeof(got));
	/* symlinks are files too; a followed link's files come through it;
	   the loop back to /usr/lib is not entered */
	ck_assert_str_eq(got, "/usr/lib/a.so|/usr/lib/link@|/usr/lib/link/e.txt|"
	    "/usr/lib/loop@|/usr/lib/sub/b.so|/usr/lib/sub/deeper/c.so|");
	tree_run(tmp, SC_TREE_FILES, -1, SC_TREE_RECURSE_DIRS, got, sizeof(got));
	ck_assert_str_eq(got, "/usr/lib/a.so|/usr/lib/link@|/usr/lib/loop@|"
	    "/usr/lib/sub/b.so|/usr/lib/sub/deeper/c.so|");
	tree_run(tmp, SC_TREE_FILES, 0, all, got, sizeof(got));
	ck_assert_str_eq(got, "/usr/lib/a.so|/usr/lib/link@|/usr/lib/loop@|");
	tree_run(tmp, SC_TREE_FILES, 1, all, got, sizeof(got));
	ck_assert_str_eq(got, "/usr/lib/a.so|/usr/lib/link@|/usr/lib/link/e.txt|"
	    "/usr/lib/loop@|/usr/lib/sub/b.so|");
	tree_run(tmp, SC_TREE_DIRS, -1, all, got, sizeof(got));
	ck_assert_str_eq(got, "/usr/lib|/usr/lib/link@|/usr/lib/loop@|/usr/lib/sub|"
	    "/usr/lib/sub/deeper|");
	tree_run(tmp, SC_TREE_DIRS, 0, all, got, sizeof(got));
	ck_assert_str_eq(got, "/usr/lib|");
	tree_run(tmp, SC_TREE_DIRS, -1, SC_TREE_RECURSE_DIRS, got, sizeof(got));
	ck_assert_str_eq(got, "/usr/lib|/usr/lib/sub|/usr/lib/sub/deeper|");
	tu_rmrf(tmp);
	free(tmp);
}
END_TEST

/* ---- end to end on small documents ------------------------------------------------ */

#define XCCDF_HEAD \
	"<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.2' " \
	"id='xccdf_org.test_benchmark_oval' resolved='1'>" \
	"<status>draft</status><title>OVAL tests</title><version>1</version>"
#define OVAL_HEAD \
	"<oval_definitions xmlns='http://oval.mitre.org/XMLSchema/oval-definitions-5' " \
	"xmlns:oval='http://oval.mitre.org/XMLSchema/oval-common-5' " \
	"xmlns:ind='http://oval.mitre.org/XMLSchema/oval-definitions-5#independent' " \
	"xmlns:unix='http://oval.mitre.org/XMLSchema/oval-definitions-5#unix' " \
	"xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>" \
	"<generator><oval:schema_version>5.11.1</oval:schema_version>" \
	"<oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>"

/* A rule checking definition oval:t:def:N. */
static void
add_rule(struct sc_buf *b, int n)
{
	sc_buf_addf(b, "<Rule id='xccdf_org.test_rule_%d' selected='true' "
	    "severity='medium'><title>rule %d</title><check system="
	    "'http://oval.mitre.org/XMLSchema/oval-definitions-5'>"
	    "<check-content-ref href='oval.xml' name='oval:t:def:%d'/></check>"
	    "</Rule>", n, n, n);
}

static const char *oval_doc =
	OVAL_HEAD
	"<definitions>"
	/* 1: no line of /etc/repos lacks https */
	"<definition id='oval:t:def:1' version='1' class='compliance'><metadata>"
	"<title>https only</title><description>d</description></metadata><criteria><criterion test_ref='oval:t:tst:1'/>"
	"</criteria></definition>"
	/* 2: exactly ONE of (a.conf has x=1, b.conf has x=1) */
	"<definition id='oval:t:def:2' version='1' class='compliance'><metadata><title>one</title><description>d</description>"
	"</metadata><criteria operator='ONE'><criterion test_ref='oval:t:tst:2'/>"
	"<criterion test_ref='oval:t:tst:3'/></criteria></definition>"
	/* 3: XOR of the same: true when one holds */
	"<definition id='oval:t:def:3' version='1' class='compliance'><metadata><title>xor</title><description>d</description>"
	"</metadata><criteria operator='XOR'><criterion test_ref='oval:t:tst:2'/>"
	"<criterion test_ref='oval:t:tst:3'/></criteria></definition>"
	/* 4: negated extension of def:1 AND a negated criterion */
	"<definition id='oval:t:def:4' version='1' class='compliance'><metadata><title>neg</title><description>d</description>"
	"</metadata><criteria><extend_definition definition_ref='oval:t:def:1' negate='true'/>"
	"<criterion test_ref='oval:t:tst:3' negate='true'/></criteria></definition>"
	/* 5: hash of /data/blob equals the digest in /data/blob.sha256 */
	"<definition id='oval:t:def:5' version='1' class='compliance'><metadata><title>hash</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:5'/></criteria></definition>"
	/* 6: every file under /usr/lib owned by uid 0, recursion down */
	"<definition id='oval:t:def:6' version='1' class='compliance'><metadata><title>owner</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:6'/></criteria></definition>"
	/* 7: an unsupported test */
	"<definition id='oval:t:def:7' version='1' class='compliance'><metadata><title>xml</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:7'/></criteria></definition>"
	/* 8: an object with a set */
	"<definition id='oval:t:def:8' version='1' class='compliance'><metadata><title>set</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:8'/></criteria></definition>"
	/* 9: an environment variable matching a pattern, value case-insensitively */
	"<definition id='oval:t:def:9' version='1' class='compliance'><metadata><title>env</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:9'/></criteria></definition>"
	/* 10: exclude filter drops the bad file: then all files pass */
	"<definition id='oval:t:def:10' version='1' class='compliance'><metadata><title>filter</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:10'/></criteria></definition>"
	/* 11: recurse_direction up */
	"<definition id='oval:t:def:11' version='1' class='compliance'><metadata><title>up</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:11'/></criteria></definition>"
	/* 12: the version in /etc/app.version (a subexpression) is >= 3.4 */
	"<definition id='oval:t:def:12' version='1' class='compliance'><metadata><title>ver</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:12'/></criteria></definition>"
	/* 13: vulnerability class: true means fail */
	"<definition id='oval:t:def:13' version='1' class='vulnerability'><metadata><title>vuln</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:2'/></criteria></definition>"
	/* 14: a local variable from a concat and a regex_capture */
	"<definition id='oval:t:def:14' version='1' class='compliance'><metadata><title>var</title><description>d</description>"
	"</metadata><criteria><criterion test_ref='oval:t:tst:14'/></criteria></definition>"
	/* 15: an object entity from a variable with two values: both collected */
	"<definition id='oval:t:def:15' version='1' class='compliance'><metadata><title>union</title>"
	"<description>d</description></metadata><criteria><criterion test_ref='oval:t:tst:15'/>"
	"</criteria></definition>"
	"</definitions><tests>"
	"<ind:textfilecontent54_test id='oval:t:tst:1' version='1' comment='t' check='all' check_existence='none_exist'>"
	"<ind:object object_ref='oval:t:obj:1'/></ind:textfilecontent54_test>"
	"<ind:textfilecontent54_test id='oval:t:tst:2' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:2'/></ind:textfilecontent54_test>"
	"<ind:textfilecontent54_test id='oval:t:tst:3' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:3'/></ind:textfilecontent54_test>"
	"<ind:filehash58_test id='oval:t:tst:5' version='1' comment='t' check='all' check_existence='only_one_exists'>"
	"<ind:object object_ref='oval:t:obj:5'/><ind:state state_ref='oval:t:ste:5'/></ind:filehash58_test>"
	"<unix:file_test id='oval:t:tst:6' version='1' comment='t' check='all'>"
	"<unix:object object_ref='oval:t:obj:6'/><unix:state state_ref='oval:t:ste:6'/></unix:file_test>"
	"<ind:xmlfilecontent_test id='oval:t:tst:7' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:7'/></ind:xmlfilecontent_test>"
	"<ind:textfilecontent54_test id='oval:t:tst:8' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:8'/></ind:textfilecontent54_test>"
	"<ind:environmentvariable58_test id='oval:t:tst:9' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:9'/><ind:state state_ref='oval:t:ste:9'/>"
	"</ind:environmentvariable58_test>"
	"<unix:file_test id='oval:t:tst:10' version='1' comment='t' check='all'>"
	"<unix:object object_ref='oval:t:obj:10'/><unix:state state_ref='oval:t:ste:6'/></unix:file_test>"
	"<unix:file_test id='oval:t:tst:11' version='1' comment='t' check='all'>"
	"<unix:object object_ref='oval:t:obj:11'/></unix:file_test>"
	"<ind:textfilecontent54_test id='oval:t:tst:12' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:12'/><ind:state state_ref='oval:t:ste:12'/>"
	"</ind:textfilecontent54_test>"
	"<ind:textfilecontent54_test id='oval:t:tst:14' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:14'/></ind:textfilecontent54_test>"
	"<ind:environmentvariable58_test id='oval:t:tst:15' version='1' comment='t' check='all'>"
	"<ind:object object_ref='oval:t:obj:15'/></ind:environmentvariable58_test>"
	"</tests><objects>"
	"<ind:textfilecontent54_object id='oval:t:obj:1' version='1'><ind:filepath>/etc/repos</ind:filepath>"
	"<ind:pattern operation='pattern match'>^(?!\\s*#)(?!.*https://).+$</ind:pattern>"
	"<ind:instance datatype='int'>1</ind:instance></ind:textfilecontent54_object>"
	"<ind:textfilecontent54_object id='oval:t:obj:2' version='1'><ind:path>/etc</ind:path>"
	"<ind:filename>a.conf</ind:filename><ind:pattern operation='pattern match'>^x=1$</ind:pattern>"
	"<ind:instance datatype='int' operation='greater than or equal'>1</ind:instance>"
	"</ind:textfilecontent54_object>"
	"<ind:textfilecontent54_object id='oval:t:obj:3' version='1'><ind:path>/etc</ind:path>"
	"<ind:filename>b.conf</ind:filename><ind:pattern operation='pattern match'>^x=1$</ind:pattern>"
	"<ind:instance datatype='int' operation='greater than or equal'>1</ind:instance>"
	"</ind:textfilecontent54_object>"
	"<ind:textfilecontent54_object id='oval:t:obj:4' version='1'><ind:filepath>/data/blob.sha256</ind:filepath>"
	"<ind:pattern operation='pattern match'>^([0-9a-fA-F]{64})\\s</ind:pattern>"
	"<ind:instance datatype='int'>1</ind:instance></ind:textfilecontent54_object>"
	"<ind:filehash58_object id='oval:t:obj:5' version='1'><ind:filepath>/data/blob</ind:filepath>"
	"<ind:hash_type>SHA-256</ind:hash_type></ind:filehash58_object>"
	"<unix:file_object id='oval:t:obj:6' version='1'>"
	"<unix:behaviors recurse_direction='down' max_depth='-1'/><unix:path>/usr/lib</unix:path>"
	"<unix:filename operation='pattern match'>^.*$</unix:filename></unix:file_object>"
	"<ind:xmlfilecontent_object id='oval:t:obj:7' version='1'><ind:filepath>/x.xml</ind:filepath>"
	"<ind:xpath>/a</ind:xpath></ind:xmlfilecontent_object>"
	"<ind:textfilecontent54_object id='oval:t:obj:8' version='1'>"
	"<set><object_reference>oval:t:obj:2</object_reference></set></ind:textfilecontent54_object>"
	"<ind:environmentvariable58_object id='oval:t:obj:9' version='1'>"
	"<ind:pid xsi:nil='true' datatype='int'/><ind:name operation='pattern match'>^APP_MODE$</ind:name>"
	"</ind:environmentvariable58_object>"
	"<unix:file_object id='oval:t:obj:10' version='1'>"
	"<unix:behaviors recurse_direction='down'/><unix:path>/usr/lib</unix:path>"
	"<unix:filename operation='pattern match'>^.*$</unix:filename>"
	"<filter action='exclude'>oval:t:ste:10</filter></unix:file_object>"
	"<unix:file_object id='oval:t:obj:11' version='1'>"
	"<unix:behaviors recurse_direction='up'/><unix:path>/usr/lib</unix:path>"
	"<unix:filename>x</unix:filename></unix:file_object>"
	"<ind:textfilecontent54_object id='oval:t:obj:12' version='1'><ind:filepath>/etc/app.version</ind:filepath>"
	"<ind:pattern operation='pattern match'>^version=(\\S+)$</ind:pattern>"
	"<ind:instance datatype='int'>1</ind:instance></ind:textfilecontent54_object>"
	"<ind:textfilecontent54_object id='oval:t:obj:14' version='1'><ind:filepath var_ref='oval:t:var:2'/>"
	"<ind:pattern operation='pattern match'>^x=1$</ind:pattern>"
	"<ind:instance datatype='int'>1</ind:instance></ind:textfilecontent54_object>"
	"<ind:environmentvariable58_object id='oval:t:obj:15' version='1'>"
	"<ind:pid xsi:nil='true' datatype='int'/><ind:name var_ref='oval:t:var:3'/>"
	"</ind:environmentvariable58_object>"
	"</objects><states>"
	"<ind:filehash58_state id='oval:t:ste:5' version='1'><ind:hash_type>SHA-256</ind:hash_type>"
	"<ind:hash operation='case insensitive equals' var_ref='oval:t:var:1'/></ind:filehash58_state>"
	"<unix:file_state id='oval:t:ste:6' version='1'><unix:user_id datatype='int'>0</unix:user_id>"
	"</unix:file_state>"
	"<ind:environmentvariable58_state id='oval:t:ste:9' version='1'>"
	"<ind:value operation='case insensitive equals'>strict</ind:value></ind:environmentvariable58_state>"
	"<unix:file_state id='oval:t:ste:10' version='1'>"
	"<unix:filename operation='pattern match'>^user\\.so$</unix:filename></unix:file_state>"
	"<ind:textfilecontent54_state id='oval:t:ste:12' version='1'>"
	"<ind:subexpression datatype='version' operation='greater than or equal'>3.4</ind:subexpression>"
	"</ind:textfilecontent54_state>"
	"</states><variables>"
	"<local_variable id='oval:t:var:1' version='1' datatype='string' comment='digest'>"
	"<object_component object_ref='oval:t:obj:4' item_field='subexpression'/></local_variable>"
	"<local_variable id='oval:t:var:2' version='1' datatype='string' comment='path'>"
	"<concat><literal_component>/etc/</literal_component>"
	"<regex_capture pattern='^name=(\\w+)'><literal_component>name=a</literal_component></regex_capture>"
	"<literal_component>.conf</literal_component></concat></local_variable>"
	"<constant_variable id='oval:t:var:3' version='1' datatype='string' comment='names'>"
	"<value>APP_MODE</value><value>OTHER</value></constant_variable>"
	"</variables></oval_definitions>";

struct e2e {
	char *tmp, *root;
	struct sc_content *content;
	struct sc_policy *policy;
	struct sc_testresult *tr;
};

static void
e2e_scan_opts(struct e2e *e, const char *const *env, int no_docs)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_scan_opts o = { 0, no_docs };
	struct sc_target *t;
	char *x;

	ck_assert_int_eq(sc_target_open_rootfs(&t, e->root, &err), 0);
	for (; env && *env; env++)
		ck_assert_int_eq(sc_target_putenv(t, *env, &err), 0);
	x = tu_path(e->tmp, "xccdf.xml");
	ck_assert_msg(sc_content_load_file(&e->content, x, NULL, &err) == 0, "%s",
	    err.msg);
	free(x);
	ck_assert_int_eq(sc_policy_new(&e->policy, sc_content_benchmark(e->content),
	    NULL, &err), 0);
	ck_assert_msg(sc_scan_run(e->content, t, e->policy, &o, &e->tr, &err) == 0,
	    "%s", err.msg);
	sc_target_free(t);
}

static void
e2e_scan(struct e2e *e, const char *const *env)
{
	e2e_scan_opts(e, env, 0);
}

static void
e2e_free(struct e2e *e)
{
	sc_testresult_free(e->tr);
	sc_policy_free(e->policy);
	sc_content_free(e->content);
	tu_rmrf(e->tmp);
	free(e->tmp);
	free(e->root);
}

static const struct sc_rule_result *
rr_of(const struct sc_testresult *tr, const char *suffix)
{
	size_t sl = strlen(suffix);

	for (size_t i = 0; i < tr->n_rr; i++) {
		size_t l = strlen(tr->rr[i].idref);

		if (l >= sl && strcmp(tr->rr[i].idref + l - sl, suffix) == 0)
			return &tr->rr[i];
	}
	ck_abort_msg("no rule-result %s", suffix);
	return NULL;
}

static const char *
result_of(const struct sc_testresult *tr, const char *suffix)
{
	return sc_result_name(rr_of(tr, suffix)->result);
}

/* Does a message of the rule contain text? */
static int
said(const struct sc_testresult *tr, const char *suffix, const char *text)
{
	const struct sc_rule_result *rr = rr_of(tr, suffix);

	for (size_t i = 0; i < rr->n_msgs; i++)
		if (strstr(rr->msgs[i].text, text))
			return 1;
	return 0;
}

/* Validate an OVAL results document against the OVAL 5.11 schemas. */
static void
validate(xmlDocPtr doc)
{
	static const char *const imports[][2] = {
		{ "http://oval.mitre.org/XMLSchema/oval-results-5", "oval-results-schema.xsd" },
		{ "http://oval.mitre.org/XMLSchema/oval-definitions-5#independent",
		  "independent-definitions-schema.xsd" },
		{ "http://oval.mitre.org/XMLSchema/oval-definitions-5#unix",
		  "unix-definitions-schema.xsd" },
		{ "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent",
		  "independent-system-characteristics-schema.xsd" },
		{ "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#unix",
		  "unix-system-characteristics-schema.xsd" },
	};
	struct sc_buf xsd = SC_BUF_INIT;
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaValidCtxtPtr vc;
	xmlSchemaPtr schema;
	int r;

	if (access(OVAL_SCHEMAS "/oval-results-schema.xsd", R_OK) != 0) {
		fprintf(stderr, "OVAL schemas not installed: validation skipped\n");
		return;
	}
	sc_buf_adds(&xsd, "<xsd:schema xmlns:xsd='http://www.w3.org/2001/XMLSchema'>");
	for (size_t i = 0; i < sizeof(imports) / sizeof(imports[0]); i++)
		sc_buf_addf(&xsd, "<xsd:import namespace='%s' schemaLocation='"
		    OVAL_SCHEMAS "/%s'/>", imports[i][0], imports[i][1]);
	sc_buf_adds(&xsd, "</xsd:schema>");
	pc = xmlSchemaNewMemParserCtxt(xsd.data, (int)xsd.len);
	schema = xmlSchemaParse(pc);
	ck_assert_ptr_nonnull(schema);
	vc = xmlSchemaNewValidCtxt(schema);
	r = xmlSchemaValidateDoc(vc, doc);
	if (r != 0)
		xmlDocFormatDump(stderr, doc, 1);
	ck_assert_msg(r == 0, "OVAL results document does not validate");
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	sc_buf_free(&xsd);
}

static void
e2e_setup(struct e2e *e)
{
	struct sc_buf x = SC_BUF_INIT;
	char hex[SC_HASH_HEX_MAX], line[256];
	struct sc_err err = SC_ERR_INIT;

	memset(e, 0, sizeof(*e));
	e->tmp = tu_mkdtemp();
	e->root = tu_path(e->tmp, "root");
	tu_write(e->root, "etc/repos", "# http://commented\nhttps://good\n", 0644);
	tu_write(e->root, "etc/a.conf", "x=1\n", 0644);
	tu_write(e->root, "etc/b.conf", "x=2\n", 0644);
	tu_write(e->root, "etc/app.version", "version=3.10.1\n", 0644);
	tu_write(e->root, "data/blob", "payload\n", 0644);
	ck_assert_int_eq(sc_probe_hash_buf("payload\n", 8, "SHA-256", hex, &err), 0);
	for (char *p = hex; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');	/* case-insensitive equals */
	snprintf(line, sizeof(line), "%s  blob\n", hex);
	tu_write(e->root, "data/blob.sha256", line, 0644);
	tu_write(e->root, "usr/lib/libc.so", "c", 0755);
	tu_write(e->root, "usr/lib/sub/deep/libd.so", "d", 0755);
	tu_write(e->tmp, "oval.xml", oval_doc, 0644);
	sc_buf_reset(&x);
	sc_buf_adds(&x, XCCDF_HEAD);
	for (int i = 1; i <= 15; i++)
		add_rule(&x, i);
	sc_buf_adds(&x, "</Benchmark>");
	tu_write(e->tmp, "xccdf.xml", x.data, 0644);
	sc_buf_free(&x);
}

START_TEST(test_engine_end_to_end)
{
	static const char *const env[] = { "APP_MODE=STRICT", "OTHER=x", NULL };
	struct e2e e;

	e2e_setup(&e);
	e2e_scan(&e, env);
	ck_assert_str_eq(result_of(e.tr, "_rule_1"), "pass");
	ck_assert(said(e.tr, "_rule_1", "no line of /etc/repos matches"));
	ck_assert_str_eq(result_of(e.tr, "_rule_2"), "pass");	/* ONE */
	ck_assert_str_eq(result_of(e.tr, "_rule_3"), "pass");	/* XOR */
	/* not(def 1 true) = false, so AND is false */
	ck_assert_str_eq(result_of(e.tr, "_rule_4"), "fail");
	ck_assert(said(e.tr, "_rule_4", "extended definition oval:t:def:1"));
	ck_assert_str_eq(result_of(e.tr, "_rule_5"), "pass");
	ck_assert(said(e.tr, "_rule_5", "/data/blob: SHA-256 "));
	ck_assert_str_eq(result_of(e.tr, "_rule_6"), "pass");
	ck_assert(said(e.tr, "_rule_6", "2 items found, 2 satisfying"));
	ck_assert_str_eq(result_of(e.tr, "_rule_7"), "error");
	ck_assert(said(e.tr, "_rule_7", "<ind:xmlfilecontent_test> is not supported"));
	ck_assert_str_eq(result_of(e.tr, "_rule_8"), "error");
	ck_assert(said(e.tr, "_rule_8", "<set> is not supported"));
	ck_assert_str_eq(result_of(e.tr, "_rule_9"), "pass");
	ck_assert(said(e.tr, "_rule_9", "APP_MODE=STRICT in the target's environment"));
	ck_assert_str_eq(result_of(e.tr, "_rule_10"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_11"), "error");
	ck_assert(said(e.tr, "_rule_11", "recurse_direction='up' is not supported"));
	ck_assert_str_eq(result_of(e.tr, "_rule_12"), "pass");	/* 3.10.1 >= 3.4 */
	ck_assert_str_eq(result_of(e.tr, "_rule_13"), "fail");	/* vulnerability */
	ck_assert_str_eq(result_of(e.tr, "_rule_14"), "pass");	/* /etc/a.conf */
	ck_assert_str_eq(result_of(e.tr, "_rule_15"), "pass");
	ck_assert(said(e.tr, "_rule_15", "2 items found"));
	ck_assert(said(e.tr, "_rule_15", "OTHER=x in the target's environment"));
	/* one OVAL results document, valid */
	ck_assert_int_eq(e.tr->n_check_docs, 1);
	ck_assert_str_eq((const char *)e.tr->check_docs[0].doc->URL, "oval.xml");
	validate(e.tr->check_docs[0].doc);
	e2e_free(&e);
}
END_TEST

START_TEST(test_engine_failures)
{
	static const char *const env[] = { "APP_MODE=lax", NULL };
	struct e2e e;

	e2e_setup(&e);
	tu_write(e.root, "etc/repos", "http://plain\n", 0644);
	tu_write(e.root, "etc/b.conf", "x=1\n", 0644);
	tu_write(e.root, "etc/app.version", "version=3.1.2\n", 0644);
	tu_write(e.root, "data/blob", "tampered\n", 0644);
	if (getuid() == 0)
		ck_assert_int_eq(tu_chown(e.root, "usr/lib/sub/deep/libd.so", 1000, 1000), 0);
	tu_write(e.root, "usr/lib/user.so", "u", 0755);
	if (getuid() == 0)
		ck_assert_int_eq(tu_chown(e.root, "usr/lib/user.so", 1000, 1000), 0);
	e2e_scan(&e, env);
	ck_assert_str_eq(result_of(e.tr, "_rule_1"), "fail");
	ck_assert(said(e.tr, "_rule_1", "/etc/repos:1: http://plain"));
	ck_assert_str_eq(result_of(e.tr, "_rule_2"), "fail");	/* both: not ONE */
	ck_assert_str_eq(result_of(e.tr, "_rule_3"), "fail");	/* XOR of two */
	ck_assert_str_eq(result_of(e.tr, "_rule_5"), "fail");
	ck_assert(said(e.tr, "_rule_5", "does not satisfy hash case insensitive equals"));
	ck_assert_str_eq(result_of(e.tr, "_rule_9"), "fail");
	if (getuid() == 0) {
		ck_assert_str_eq(result_of(e.tr, "_rule_6"), "fail");
		ck_assert(said(e.tr, "_rule_6", "/usr/lib/user.so owned by uid 1000"));
		ck_assert(said(e.tr, "_rule_6", "does not satisfy user_id equals 0"));
		/* the filter drops user.so but not libd.so */
		ck_assert_str_eq(result_of(e.tr, "_rule_10"), "fail");
		ck_assert(!said(e.tr, "_rule_10", "/usr/lib/user.so"));
		ck_assert(said(e.tr, "_rule_10", "/usr/lib/sub/deep/libd.so"));
	}
	ck_assert_str_eq(result_of(e.tr, "_rule_12"), "fail");	/* 3.1.2 < 3.4 */
	validate(e.tr->check_docs[0].doc);
	e2e_free(&e);
}
END_TEST

/* No output needs results documents: none are built, results the same. */
START_TEST(test_engine_no_documents)
{
	struct e2e e;

	e2e_setup(&e);
	e2e_scan_opts(&e, NULL, 1);
	ck_assert_int_eq(e.tr->n_check_docs, 0);
	ck_assert_str_eq(result_of(e.tr, "_rule_5"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_6"), "pass");
	e2e_free(&e);
}
END_TEST

START_TEST(test_engine_thin_results)
{
	struct e2e e;

	e2e_setup(&e);
	sc_oval_collect_set_keep_limit(3);
	e2e_scan(&e, NULL);
	sc_oval_collect_set_keep_limit(SC_OVAL_MAX_KEPT_ITEMS);
	/* results do not depend on what is kept ... */
	ck_assert_str_eq(result_of(e.tr, "_rule_6"), "pass");
	ck_assert(said(e.tr, "_rule_6", "2 items found, 2 satisfying"));
	ck_assert_str_eq(result_of(e.tr, "_rule_1"), "pass");
	/* ... but a variable needs its object's items: an error, not a guess */
	ck_assert_str_eq(result_of(e.tr, "_rule_5"), "error");
	ck_assert(said(e.tr, "_rule_5", "its values are not kept"));
	validate(e.tr->check_docs[0].doc);
	{
		xmlNodePtr r = xmlDocGetRootElement(e.tr->check_docs[0].doc);
		xmlChar *s;

		for (r = r->children; r && strcmp((const char *)r->name,
		    "directives") != 0; r = r->next)
			;
		ck_assert_ptr_nonnull(r);
		s = xmlGetProp(xmlFirstElementChild(r), (const xmlChar *)"content");
		ck_assert_str_eq((const char *)s, "thin");
		xmlFree(s);
	}
	e2e_free(&e);
}
END_TEST

/* ---- the Chainguard data stream on the wolfi-root fixture -------------------------- */

static void
chainguard(const char *mutation, const char *const *env, struct sc_testresult **out,
    char **tmpp)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_scan_opts o = { 0 };
	struct sc_content *c;
	struct sc_policy *p;
	struct sc_target *t;
	char *tmp = tu_mkdtemp(), *root = tu_path(tmp, "root"), *ds, cmd[4096];

	snprintf(cmd, sizeof(cmd), "sh tests/fixtures/wolfi-root.sh '%s' base %s",
	    root, mutation);
	ck_assert_int_eq(system(cmd), 0);
	ds = tu_shared("data/scap/ssg-chainguard-gpos-ds.xml");
	ck_assert_int_eq(sc_content_load_file(&c, ds, NULL, &err), 0);
	ck_assert_int_eq(sc_policy_new(&p, sc_content_benchmark(c),
	    "xccdf_basic_profile_.check", &err), 0);
	ck_assert_int_eq(sc_target_open_rootfs(&t, root, &err), 0);
	for (; env && *env; env++)
		ck_assert_int_eq(sc_target_putenv(t, *env, &err), 0);
	ck_assert_msg(sc_scan_run(c, t, p, &o, out, &err) == 0, "%s", err.msg);
	sc_target_free(t);
	sc_policy_free(p);
	/* the OVAL results documents must outlive the content: they are copies */
	sc_content_free(c);
	free(ds);
	free(root);
	*tmpp = tmp;
}

START_TEST(test_chainguard_results_documents)
{
	static const char *const env[] = {
		"SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt", NULL };
	struct sc_testresult *tr;
	char *tmp;
	size_t n_oval = 0;

	chainguard("shadow-active-password", env, &tr, &tmp);
	ck_assert_str_eq(result_of(tr, "SV-263659r982563_rule"), "pass");
	ck_assert_str_eq(result_of(tr, "SV-203629r982199_rule"), "fail");
	ck_assert(said(tr, "SV-203629r982199_rule",
	    "/etc/shadow:4: compliance-test:[redacted]:19000"));
	/* the ASLR script rule is never run */
	ck_assert_str_eq(result_of(tr, "SV-203754r958928_rule"), "notchecked");
	for (size_t i = 0; i < tr->n_check_docs; i++) {
		xmlChar *buf;
		int len;

		if (strcmp(tr->check_docs[i].system,
		    "http://oval.mitre.org/XMLSchema/oval-definitions-5") != 0)
			continue;
		n_oval++;
		validate(tr->check_docs[i].doc);
		/* no password hash anywhere */
		xmlDocDumpMemory(tr->check_docs[i].doc, &buf, &len);
		ck_assert_ptr_null(strstr((const char *)buf, "ZZx/p0vU8jVbA"));
		xmlFree(buf);
	}
	/* one per OVAL component the profile uses (ASLR is a script) */
	ck_assert_int_eq(n_oval, 8);
	for (size_t i = 0; i < tr->n_rr; i++)
		for (size_t k = 0; k < tr->rr[i].n_msgs; k++)
			ck_assert_ptr_null(strstr(tr->rr[i].msgs[k].text, "ZZx/p0vU8jVbA"));
	sc_testresult_free(tr);
	tu_rmrf(tmp);
	free(tmp);
}
END_TEST

static Suite *
oval_suite(void)
{
	Suite *s = suite_create("oval");
	TCase *tc = tcase_create("values");

	tcase_add_test(tc, test_int_ops);
	tcase_add_test(tc, test_string_ops);
	tcase_add_test(tc, test_versions);
	tcase_add_test(tc, test_op_check);
	tcase_add_test(tc, test_tables);
	suite_add_tcase(s, tc);
	tc = tcase_create("probes");
	tcase_add_test(tc, test_text_scan);
	tcase_add_test(tc, test_text_file_and_hash);
	tcase_add_test(tc, test_tree);
	suite_add_tcase(s, tc);
	tc = tcase_create("engine");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_engine_end_to_end);
	tcase_add_test(tc, test_engine_failures);
	tcase_add_test(tc, test_engine_thin_results);
	tcase_add_test(tc, test_engine_no_documents);
	tcase_add_test(tc, test_chainguard_results_documents);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(oval_suite)
