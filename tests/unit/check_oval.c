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

/* ---- end to end on small documents ------------------------------------------------
 *
 * tests/fixtures/oval/constructs-oval.xml has one definition per construct,
 * tests/fixtures/oval-constructs.sh the tree they check (passing, or
 * "failing"); t1200 compares the same with OpenSCAP.
 */

struct e2e {
	char *tmp, *root;
	struct sc_content *content;
	struct sc_policy *policy;
	struct sc_testresult *tr;
};

static void
e2e_scan_opts(struct e2e *e, int no_docs)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_scan_opts o = { 0, no_docs };
	struct sc_target *t;
	char *x, *env, *line, *save = NULL;
	size_t len;

	ck_assert_int_eq(sc_target_open_rootfs(&t, e->root, &err), 0);
	x = tu_path(e->tmp, "root.env");
	env = tu_read(x, &len);
	free(x);
	ck_assert_ptr_nonnull(env);
	for (line = strtok_r(env, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		ck_assert_int_eq(sc_target_putenv(t, line, &err), 0);
	free(env);
	x = tu_path(e->tmp, "constructs-xccdf.xml");
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
e2e_scan(struct e2e *e)
{
	e2e_scan_opts(e, 0);
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
e2e_setup(struct e2e *e, const char *mode)
{
	char cmd[4096];

	memset(e, 0, sizeof(*e));
	e->tmp = tu_mkdtemp();
	e->root = tu_path(e->tmp, "root");
	snprintf(cmd, sizeof(cmd), "sh tests/fixtures/oval-constructs.sh '%s' %s",
	    e->tmp, mode);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_engine_end_to_end)
{
	struct e2e e;

	e2e_setup(&e, "passing");
	e2e_scan(&e);
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
	/* xmlfilecontent of a file that does not exist */
	ck_assert_str_eq(result_of(e.tr, "_rule_7"), "fail");
	ck_assert(said(e.tr, "_rule_7", "/x.xml does not exist"));
	/* a <set> of one object: its items, copied */
	ck_assert_str_eq(result_of(e.tr, "_rule_8"), "pass");
	ck_assert(said(e.tr, "_rule_8", "/etc/a.conf:"));
	ck_assert_str_eq(result_of(e.tr, "_rule_9"), "pass");
	ck_assert(said(e.tr, "_rule_9", "APP_MODE=STRICT in the target's environment"));
	ck_assert_str_eq(result_of(e.tr, "_rule_10"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_11"), "error");
	ck_assert(said(e.tr, "_rule_11", "recurse_direction='up' is not supported"));
	ck_assert_str_eq(result_of(e.tr, "_rule_12"), "pass");	/* 3.10.1 >= 3.4 */
	ck_assert_str_eq(result_of(e.tr, "_rule_13"), "fail");	/* vulnerability */
	ck_assert_str_eq(result_of(e.tr, "_rule_14"), "pass");	/* /etc/a.conf */
	/* var_check "at least one": both names; "all": neither */
	ck_assert_str_eq(result_of(e.tr, "_rule_15"), "pass");
	ck_assert(said(e.tr, "_rule_15", "2 items found"));
	ck_assert(said(e.tr, "_rule_15", "OTHER=x in the target's environment"));
	ck_assert_str_eq(result_of(e.tr, "_rule_16"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_17"), "pass");	/* path pattern */
	ck_assert(said(e.tr, "_rule_17", "/srv/db/config:1: mode=strict"));
	ck_assert(said(e.tr, "_rule_17", "/srv/web/config:1: mode=strict"));
	ck_assert_str_eq(result_of(e.tr, "_rule_18"), "pass");	/* filepath pattern */
	ck_assert(said(e.tr, "_rule_18", "2 items found"));
	ck_assert_str_eq(result_of(e.tr, "_rule_19"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_20"), "pass");
	ck_assert(said(e.tr, "_rule_20", "1 item found"));	/* not sub/deep */
	ck_assert_str_eq(result_of(e.tr, "_rule_21"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_23"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_25"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_26"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_28"), "pass");
	/* one OVAL results document, valid */
	ck_assert_int_eq(e.tr->n_check_docs, 1);
	ck_assert_str_eq((const char *)e.tr->check_docs[0].doc->URL,
	    "constructs-oval.xml");
	validate(e.tr->check_docs[0].doc);
	e2e_free(&e);
}
END_TEST

START_TEST(test_engine_failures)
{
	struct e2e e;
	int root = getuid() == 0;

	e2e_setup(&e, "failing");
	e2e_scan(&e);
	ck_assert_str_eq(result_of(e.tr, "_rule_1"), "fail");
	ck_assert(said(e.tr, "_rule_1", "/etc/repos:1: http://plain"));
	ck_assert_str_eq(result_of(e.tr, "_rule_2"), "fail");	/* both: not ONE */
	ck_assert_str_eq(result_of(e.tr, "_rule_3"), "fail");	/* XOR of two */
	ck_assert_str_eq(result_of(e.tr, "_rule_5"), "fail");
	ck_assert(said(e.tr, "_rule_5", "does not satisfy hash case insensitive equals"));
	ck_assert_str_eq(result_of(e.tr, "_rule_9"), "fail");
	ck_assert_str_eq(result_of(e.tr, "_rule_12"), "fail");	/* 3.1.2 < 3.4 */
	ck_assert_str_eq(result_of(e.tr, "_rule_17"), "fail");
	ck_assert(said(e.tr, "_rule_17", "/srv/db/config:1: mode=lax: does not "
	    "satisfy subexpression equals strict"));
	ck_assert_str_eq(result_of(e.tr, "_rule_18"), "fail");
	ck_assert(said(e.tr, "_rule_18", "/etc/b.conf (regular, mode 0666)"));
	ck_assert_str_eq(result_of(e.tr, "_rule_19"), "fail");	/* libc.so.6 too */
	ck_assert_str_eq(result_of(e.tr, "_rule_23"), "fail");	/* 4 lines > 3 */
	ck_assert_str_eq(result_of(e.tr, "_rule_25"), "fail");	/* 0:2.3-4 < 1:2.3-1 */
	if (root) {
		ck_assert_str_eq(result_of(e.tr, "_rule_6"), "fail");
		ck_assert(said(e.tr, "_rule_6", "/usr/lib/user.so owned by uid 1000"));
		ck_assert(said(e.tr, "_rule_6", "does not satisfy user_id equals 0"));
		/* the filter drops user.so but not libd.so */
		ck_assert_str_eq(result_of(e.tr, "_rule_10"), "fail");
		ck_assert(!said(e.tr, "_rule_10", "/usr/lib/user.so"));
		ck_assert(said(e.tr, "_rule_10", "/usr/lib/sub/deep/libd.so"));
		ck_assert_str_eq(result_of(e.tr, "_rule_20"), "fail");
		ck_assert_str_eq(result_of(e.tr, "_rule_26"), "fail");
	}
	validate(e.tr->check_docs[0].doc);
	e2e_free(&e);
}
END_TEST

/* No output needs results documents: none are built, results the same. */
START_TEST(test_engine_no_documents)
{
	struct e2e e;

	e2e_setup(&e, "passing");
	e2e_scan_opts(&e, 1);
	ck_assert_int_eq(e.tr->n_check_docs, 0);
	ck_assert_str_eq(result_of(e.tr, "_rule_5"), "pass");
	ck_assert_str_eq(result_of(e.tr, "_rule_6"), "pass");
	e2e_free(&e);
}
END_TEST

START_TEST(test_engine_thin_results)
{
	struct e2e e;

	e2e_setup(&e, "passing");
	sc_oval_collect_set_keep_limit(3);
	e2e_scan(&e);
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
