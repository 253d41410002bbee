/*
 * check_openssl_conf.c - the OpenSSL configuration parser.
 *
 * Differential: every configuration of a corpus of tricky include-free
 * texts, and a few thousand generated ones, is parsed by stigcheck and by
 * OpenSSL's own NCONF_load_bio() from the libcrypto stigcheck links.
 * Both must accept or refuse it alike, and when they accept it they must
 * hold the same sections with the same names and values in the same
 * order.  Then the include handling against a target tree: absolute,
 * relative (the working-directory trap), includedir, OPENSSL_CONF_INCLUDE,
 * directories, missing files, loops, depth, links that aim outside the
 * root, and errors that name the file and line.
 */
#include <openssl/bio.h>
#include <openssl/conf.h>
#include <openssl/err.h>
#include <stdio.h>
#include <string.h>

#include "probes/openssl_conf.h"
#include "testutil.h"

static const char *
env_cb(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static const struct sc_osslconf_opts text_opts = {
	.getenv = env_cb,
};

static int
cmp_cstr(const char *const *a, const char *const *b)
{
	return strcmp(*a, *b);
}

static int
cmp_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Compare one text; returns 1 when both agree, else prints why. */
static int
agree(const char *text, size_t len, char *why, size_t whylen)
{
	struct sc_osslconf *c = NULL;
	struct sc_err err = SC_ERR_INIT;
	BIO *bio = BIO_new_mem_buf(text, (int)len);
	CONF *nc = NCONF_new(NULL);
	long eline = 0;
	int ok_ossl, ok_sc, res = 0;

	ok_ossl = NCONF_load_bio(nc, bio, &eline) > 0;
	ERR_clear_error();
	ok_sc = sc_osslconf_load_text(&c, "corpus.cnf", text, len, &text_opts,
	    &err) == 0;
	if (ok_ossl != ok_sc) {
		snprintf(why, whylen, "OpenSSL %s (line %ld), stigcheck %s (%s)",
		    ok_ossl ? "accepts" : "refuses", eline,
		    ok_sc ? "accepts" : "refuses", err.msg);
		goto out;
	}
	if (!ok_ossl) {
		res = 1;
		goto out;
	}
	{
		STACK_OF(OPENSSL_CSTRING) *names = NCONF_get_section_names(nc);
		size_t n = sc_osslconf_nsections(c);
		char **mine = calloc(n + 1, sizeof(char *));

		for (size_t i = 0; i < n; i++)
			mine[i] = sc_osslconf_section_at(c, i)->name;
		qsort(mine, n, sizeof(char *), cmp_ptr);
		sk_OPENSSL_CSTRING_set_cmp_func(names, cmp_cstr);
		sk_OPENSSL_CSTRING_sort(names);
		if ((size_t)sk_OPENSSL_CSTRING_num(names) != n) {
			snprintf(why, whylen, "OpenSSL has %d sections, stigcheck %zu",
			    sk_OPENSSL_CSTRING_num(names), n);
			sk_OPENSSL_CSTRING_free(names);
			free(mine);
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			const char *on = sk_OPENSSL_CSTRING_value(names, (int)i);
			STACK_OF(CONF_VALUE) *sv = NCONF_get_section(nc, on);
			const struct sc_osslconf_section *s;

			if (strcmp(on, mine[i]) != 0) {
				snprintf(why, whylen, "section '%s' vs '%s'", on,
				    mine[i]);
				sk_OPENSSL_CSTRING_free(names);
				free(mine);
				goto out;
			}
			s = sc_osslconf_section(c, on);
			if (sv == NULL || (size_t)sk_CONF_VALUE_num(sv) != s->n) {
				snprintf(why, whylen, "section '%s': %d values vs %zu",
				    on, sv ? sk_CONF_VALUE_num(sv) : -1, s->n);
				sk_OPENSSL_CSTRING_free(names);
				free(mine);
				goto out;
			}
			for (size_t k = 0; k < s->n; k++) {
				CONF_VALUE *v = sk_CONF_VALUE_value(sv, (int)k);

				if (strcmp(v->name, s->v[k].name) != 0 ||
				    strcmp(v->value, s->v[k].value) != 0) {
					snprintf(why, whylen,
					    "[%s] #%zu: OpenSSL '%s'='%s', stigcheck "
					    "'%s'='%s'", on, k, v->name, v->value,
					    s->v[k].name, s->v[k].value);
					sk_OPENSSL_CSTRING_free(names);
					free(mine);
					goto out;
				}
			}
		}
		sk_OPENSSL_CSTRING_free(names);
		free(mine);
	}
	res = 1;
out:
	sc_osslconf_free(c);
	NCONF_free(nc);
	BIO_free(bio);
	return res;
}

/* Tricky include-free configurations. */
static const char *const corpus[] = {
	"",
	"\n\n   \n\t\n",
	"a = b\n",
	"a=b",
	"  a   =   b c  \n",
	"a = b # comment\n# whole line\n",
	"a = 'b # not a comment'\n",
	"a = \"b # not a comment\"\n",
	"a = `b # not` # but this is\n",
	"a = b\\#c\n",
	"a = \\n\\r\\t\\b\\x\\\\\n",
	"a = 'it''s'\n",
	"a = \"say \"\"hi\"\"\"\n",
	"a = 'unterminated\n",
	"a = \"unterminated\n",
	"a = 'esc \\' inside'\n",
	"a = b \\\n  c\n",
	"a = b\\\\\nc = d\n",
	"a = b\\\n",
	"a = b\\",
	"a = b\r\nc = d\r\n",
	"a = b\r\r\n",
	"a = b\rc\n",
	"\xEF\xBB\xBF" "a = bom\n",
	"[sec]\na = 1\n[ sec ]\nb = 2\n",
	"[ a b ]\nx = y\n",
	"[a=b]\n",
	"[unclosed\n",
	"[]\nx = 1\n",
	"[ $v ]\nx=1\n",
	"v = name\n[ $v ]\nx=1\n",
	"v = name\n[ ${v}x ]\nx=1\n",
	"a = 1\nb = $a\n",
	"a = 1\nb = ${a}\nc = $(a)\nd = x${a}y$a\n",
	"a = 1\nb = ${a\n",
	"a = 1\nb = $(a}\n",
	"b = $nope\n",
	"a = 1\n[s]\nb = $a\n",
	"[s]\na = 2\n[t]\nb = $s::a\nc = ${s::a}\n",
	"[s]\na = 2\n[t]\nb = $s::nope\n",
	"x = $ENV::SC_TEST_ENV\n",
	"x = ${ENV::SC_TEST_ENV}\n",
	"x = $ENV::SC_TEST_UNSET_VARIABLE\n",
	"[ENV]\nSC_TEST_ENV = overridden\n[s]\nx = $ENV::SC_TEST_ENV\n",
	"a = 1\na = 2\nb = 3\na = 4\n",
	"[s]\na = 1\n[t]\ns::a = 2\ns::b = 3\nt = $s::a\n",
	"::a = 1\n",
	"= value\n",
	"novalue\n",
	"a b = c\n",
	"a.b.c = d\n",
	"1.activate = 1\nfips.x = y\n",
	"a!%&*+,-./;?@^|~ = z\n",
	"a:b = c\n",
	"a = $\n",
	"a = $$\n",
	"a = x$\n",
	"a = 1\nb = $a$a$a\n",
	".pragma dollarid:on\na$b = 1\nc = $a$b\n",
	".pragma dollarid:on\na = 1\nc = ${a}\nd = $(a)\n",
	".pragma dollarid:on\nx = $\n",
	".pragma dollarid:off\na$b = 1\n",
	".pragma dollarid:maybe\n",
	".pragma dollarid\n",
	".pragma =dollarid:true\na$=1\n",
	".pragma  dollarid : TRUE \na$=1\n",
	".pragma foo:bar\nx = 1\n",
	".pragma :bar\n",
	".pragma foo:\n",
	".pragmatic x:y\n",
	".pragma includedir:/etc/ssl\nx=1\n",
	".pragma abspath:on\nx = 1\n",
	".pragma\n",
	".pragma=\n",
	"a = \\\n",
	"a = b\\\\\\\nc\n",
	"\\\na = 1\n",
	"a\\ b = c\n",
	"a\\=b = c\n",
	"a = ' \\\nb'\n",
	"[s] # comment\nx = 1\n",
	"[s] trailing\n",
	"[s]]\n",
	"[ s\\] ]\nx=1\n",
	"a = \x80\xff\n",
	"\xc3\xa9 = 1\n",
	"a = b\n\n[ default ]\nc = d\n[default]\ne = $c\n",
	"openssl_conf = openssl_init\n[openssl_init]\nproviders = p\n"
	    "[p]\nfips = fips_sect\nbase = base_sect\n[base_sect]\nactivate = 1\n",
};

static char *
long_config(void)
{
	static char buf[8192];
	size_t n = 0;

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "long = ");
	for (int i = 0; i < 1500; i++)
		buf[n++] = (char)('a' + i % 26);
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, " \\\n");
	for (int i = 0; i < 700; i++)
		buf[n++] = (char)('A' + i % 26);
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\nafter = 1\n");
	buf[n] = '\0';
	return buf;
}

START_TEST(test_differential_corpus)
{
	char why[2048];
	size_t n = sizeof(corpus) / sizeof(corpus[0]);
	char *big = long_config();

	setenv("SC_TEST_ENV", "from-env", 1);
	unsetenv("SC_TEST_UNSET_VARIABLE");
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(agree(corpus[i], strlen(corpus[i]), why, sizeof(why)),
		    "corpus #%zu:\n---\n%s\n---\n%s", i, corpus[i], why);
	ck_assert_msg(agree(big, strlen(big), why, sizeof(why)), "long: %s", why);
}
END_TEST

/* Random configurations from tricky fragments (no 'u', so no .include). */
static const char *const frags[] = {
	"a", "b", "x1", "sec", "default", "ENV", "SC_TEST_ENV", " ", " ", "\t",
	"=", "=", " = ", "[", "]", "$", "${", "}", "$(", ")", "::", ":", "\"",
	"'", "`", "\\", "#", "\n", "\n", "\n", "\r\n", "\\\n", "$a", "${b}",
	"$sec::a", "$ENV::SC_TEST_ENV", ".pragma dollarid:on\n",
	".pragma dollarid:off\n", ".pragma abspath:on\n", "a = 1\n",
	"b = $a\n", "[sec]\n", "[ default ]\n", "sec::a = 2\n", "\\n", "\\t",
	"!", ".", ";", "@", "a$b", "c = ${a}x\n", "'#'", "\"#\"", "\\#",
};

START_TEST(test_differential_generated)
{
	char why[2048], text[1024];
	unsigned seed = 12345;
	size_t nf = sizeof(frags) / sizeof(frags[0]);
	int accepted = 0;

	setenv("SC_TEST_ENV", "from-env", 1);
	for (int round = 0; round < 4000; round++) {
		size_t len = 0;
		int nlines;

		seed = seed * 1103515245u + 12345u;
		nlines = 1 + (int)((seed >> 16) % 6);
		for (int l = 0; l < nlines; l++) {
			int nfr, structured;

			seed = seed * 1103515245u + 12345u;
			structured = (seed >> 16) % 3 != 0;
			nfr = (int)((seed >> 20) % 6);
			if (structured) {
				static const char *const heads[] = { "a = ", "b=",
					"sec::a = ", "[sec]\n", "c = x", "d =\t" };
				const char *h = heads[(seed >> 8) % 6];

				memcpy(text + len, h, strlen(h));
				len += strlen(h);
			}
			for (int k = 0; k < nfr; k++) {
				const char *f;

				seed = seed * 1103515245u + 12345u;
				f = frags[(seed >> 16) % nf];
				if (structured && strchr(f, '\n'))
					continue;
				if (len + strlen(f) + 2 >= sizeof(text))
					break;
				memcpy(text + len, f, strlen(f));
				len += strlen(f);
			}
			text[len++] = '\n';
		}
		text[len] = '\0';
		ck_assert_msg(agree(text, len, why, sizeof(why)),
		    "generated #%d:\n---\n%s\n---\n%s", round, text, why);
		{
			struct sc_osslconf *c = NULL;
			if (sc_osslconf_load_text(&c, "g", text, len, &text_opts,
			    NULL) == 0)
				accepted++;
			sc_osslconf_free(c);
		}
	}
	/* the generator must exercise both outcomes */
	ck_assert_int_gt(accepted, 400);
	ck_assert_int_lt(accepted, 3600);
}
END_TEST

START_TEST(test_values_and_lines)
{
	static const char text[] =
	    "# top\n"
	    "openssl_conf = openssl_init\n"
	    "[openssl_init]\n"
	    "providers = prov \\\n"
	    "  _sect\n"
	    "[prov_sect]\n"
	    "fips = fips_sect\n"
	    "fips = again\n";
	struct sc_osslconf *c;
	struct sc_err err = SC_ERR_INIT;
	const struct sc_osslconf_value *v;

	ck_assert_int_eq(sc_osslconf_load_text(&c, "/etc/ssl/openssl.cnf", text,
	    sizeof(text) - 1, &text_opts, &err), 0);
	v = sc_osslconf_lookup(c, "openssl_init", "providers");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->value, "prov   _sect");
	ck_assert_uint_eq(v->line, 4);
	ck_assert_str_eq(v->file, "/etc/ssl/openssl.cnf");
	v = sc_osslconf_lookup(c, "prov_sect", "fips");
	ck_assert_str_eq(v->value, "again");
	ck_assert_uint_eq(v->line, 8);
	ck_assert_str_eq(sc_osslconf_get_string(c, NULL, "openssl_conf", NULL),
	    "openssl_init");
	/* section lookups fall back to default, as NCONF_get_string */
	ck_assert_str_eq(sc_osslconf_get_string(c, "prov_sect", "openssl_conf",
	    NULL), "openssl_init");
	ck_assert_ptr_null(sc_osslconf_section(c, "nope"));
	sc_osslconf_free(c);

	/* errors carry the file and the line */
	ck_assert_int_eq(sc_osslconf_load_text(&c, "/x.cnf", "a = 1\n\nb\n", 9,
	    &text_opts, &err), SC_ERR_PARSE);
	ck_assert_ptr_null(c);
	ck_assert_msg(strncmp(err.msg, "/x.cnf:3: ", 10) == 0, "%s", err.msg);
	ck_assert_int_eq(sc_osslconf_load_text(&c, "/y.cnf", "a = $zz\n", 8,
	    &text_opts, &err), SC_ERR_PARSE);
	ck_assert_msg(strstr(err.msg, "/y.cnf:1: variable 'zz' has no value"),
	    "%s", err.msg);
	ck_assert_int_eq(sc_osslconf_load_text(&c, "/z.cnf", "a\0b\n", 4,
	    &text_opts, &err), SC_ERR_UNSUPPORTED);
	ck_assert_msg(strstr(err.msg, "NUL byte"), "%s", err.msg);
	ck_assert_int_eq(sc_osslconf_pragma_bool("TRUE"), 1);
	ck_assert_int_eq(sc_osslconf_pragma_bool("off"), 0);
	ck_assert_int_eq(sc_osslconf_pragma_bool("1"), -1);
}
END_TEST

/* ---- includes through a target ------------------------------------------------ */

static char *tmp, *root;

static void
setup(void)
{
	tmp = tu_mkdtemp();
	root = tu_path(tmp, "root");
	tu_mkdir(root, "etc/ssl", 0755);
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
	free(root);
}

static struct sc_osslconf *
load(const char *path, const char *incdir, int expect, struct sc_err *err)
{
	struct sc_target *t;
	struct sc_osslconf *c = NULL;
	struct sc_osslconf_opts o = { 0 };
	int r;

	ck_assert_int_eq(sc_target_open_rootfs(&t, root, err), 0);
	o.target = t;
	o.include_dir = incdir;
	r = sc_osslconf_load_file(&c, path, &o, err);
	ck_assert_msg(r == expect, "load %s: %d (%s)", path, r, err->msg);
	sc_target_free(t);
	return c;
}

static int
has_note(struct sc_osslconf *c, enum sc_osslconf_note_kind k, const char *text)
{
	size_t n;
	const struct sc_osslconf_note *ns = sc_osslconf_notes(c, &n);

	for (size_t i = 0; i < n; i++)
		if (ns[i].kind == k && (text == NULL || strstr(ns[i].text, text)))
			return 1;
	return 0;
}

START_TEST(test_include_absolute_relative)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_osslconf *c;
	const struct sc_osslconf_value *v;

	tu_write(root, "etc/ssl/openssl.cnf",
	    "config_diagnostics = 1\n"
	    ".include /etc/ssl/fipsmodule.cnf\n"
	    "after = $activate\n", 0644);
	tu_write(root, "etc/ssl/fipsmodule.cnf",
	    "[fips_sect]\nactivate = 1\ninstall-version = 1\n", 0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	v = sc_osslconf_lookup(c, "fips_sect", "activate");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->file, "/etc/ssl/fipsmodule.cnf");
	ck_assert_uint_eq(v->line, 2);
	/* the section carries over out of the include, as in OpenSSL */
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "fips_sect", "after"));
	ck_assert(has_note(c, SC_OSSLCONF_INCLUDED, "openssl.cnf:2: .include "
	    "/etc/ssl/fipsmodule.cnf"));
	ck_assert(!has_note(c, SC_OSSLCONF_CWD_RELATIVE, NULL));
	ck_assert_uint_eq(sc_osslconf_files(c)->n, 2);
	sc_osslconf_free(c);

	/* relative, no includedir: the working-directory trap */
	tu_write(root, "etc/ssl/openssl.cnf", ".include fipsmodule.cnf\n", 0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert(has_note(c, SC_OSSLCONF_CWD_RELATIVE,
	    "/etc/ssl/openssl.cnf:1: .include fipsmodule.cnf is relative"));
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "fips_sect", "activate"));
	sc_osslconf_free(c);

	/* relative with .pragma includedir: fine */
	tu_write(root, "etc/ssl/openssl.cnf",
	    ".pragma includedir:/etc/ssl\n.include fipsmodule.cnf\n", 0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert(!has_note(c, SC_OSSLCONF_CWD_RELATIVE, NULL));
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "fips_sect", "activate"));
	sc_osslconf_free(c);

	/* relative with OPENSSL_CONF_INCLUDE (target env) overriding the pragma */
	tu_mkdir(root, "opt/conf", 0755);
	tu_write(root, "opt/conf/fipsmodule.cnf", "[other]\nk = v\n", 0644);
	c = load("/etc/ssl/openssl.cnf", "/opt/conf", 0, &err);
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "other", "k"));
	ck_assert_ptr_null(sc_osslconf_lookup(c, "fips_sect", "activate"));
	sc_osslconf_free(c);

	/* abspath refuses a relative include */
	tu_write(root, "etc/ssl/openssl.cnf",
	    ".pragma abspath:on\n.include fipsmodule.cnf\n", 0644);
	c = load("/etc/ssl/openssl.cnf", NULL, SC_ERR_PARSE, &err);
	ck_assert_msg(strstr(err.msg, "/etc/ssl/openssl.cnf:2: .include "
	    "fipsmodule.cnf: relative path refused"), "%s", err.msg);

	/* variables in include paths */
	tu_write(root, "etc/ssl/openssl.cnf",
	    "dir = /etc/ssl\n.include = $dir/fipsmodule.cnf\n", 0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "fips_sect", "activate"));
	sc_osslconf_free(c);
}
END_TEST

START_TEST(test_include_missing_loop_depth)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_osslconf *c;
	char name[64], text[128];

	tu_write(root, "etc/ssl/openssl.cnf",
	    "a = 1\n.include /etc/ssl/missing.cnf\nb = 2\n", 0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert(has_note(c, SC_OSSLCONF_MISSING,
	    "/etc/ssl/openssl.cnf:2: .include /etc/ssl/missing.cnf: no such file"));
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "default", "b"));
	sc_osslconf_free(c);

	/* a loop: a -> b -> a */
	tu_write(root, "etc/ssl/openssl.cnf",
	    "a = 1\n.include /etc/ssl/b.cnf\nc = 3\n", 0644);
	tu_write(root, "etc/ssl/b.cnf", "b = 2\n.include /etc/ssl/openssl.cnf\n",
	    0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert(has_note(c, SC_OSSLCONF_LOOP, "/etc/ssl/b.cnf:2: .include "
	    "/etc/ssl/openssl.cnf: include loop (/etc/ssl/openssl.cnf -> "
	    "/etc/ssl/b.cnf -> /etc/ssl/openssl.cnf)"));
	ck_assert_str_eq(sc_osslconf_lookup(c, "default", "c")->value, "3");
	sc_osslconf_free(c);

	/* a file including itself through a symlink is the same file */
	tu_symlink(root, "etc/ssl/self.cnf", "openssl.cnf");
	tu_write(root, "etc/ssl/openssl.cnf", ".include /etc/ssl/self.cnf\n",
	    0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert(has_note(c, SC_OSSLCONF_LOOP, NULL));
	sc_osslconf_free(c);

	/* a chain deeper than the bound */
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "etc/ssl/d%d.cnf", i);
		snprintf(text, sizeof(text), "k%d = %d\n.include /etc/ssl/d%d.cnf\n",
		    i, i, i + 1);
		tu_write(root, name, text, 0644);
	}
	c = load("/etc/ssl/d0.cnf", NULL, 0, &err);
	ck_assert(has_note(c, SC_OSSLCONF_DEPTH, "more than 16 nested"));
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "default", "k15"));
	ck_assert_ptr_null(sc_osslconf_lookup(c, "default", "k16"));
	sc_osslconf_free(c);
}
END_TEST

START_TEST(test_include_dirs_and_escapes)
{
	struct sc_err err = SC_ERR_INIT;
	struct sc_osslconf *c;
	char *canary;

	tu_mkdir(root, "etc/ssl/conf.d", 0755);
	tu_write(root, "etc/ssl/conf.d/20-b.cnf", "[b]\nk = 2\n", 0644);
	tu_write(root, "etc/ssl/conf.d/10-a.CONF", "[a]\nk = 1\n", 0644);
	tu_write(root, "etc/ssl/conf.d/ignored.txt", "[c]\nk = 3\n", 0644);
	tu_mkdir(root, "etc/ssl/conf.d/sub.cnf", 0755);
	tu_write(root, "etc/ssl/openssl.cnf", ".include /etc/ssl/conf.d\nz = 1\n",
	    0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "a", "k"));
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "b", "k"));
	ck_assert_ptr_null(sc_osslconf_section(c, "c"));
	/* name order: the last file's section is current afterwards */
	ck_assert_ptr_nonnull(sc_osslconf_lookup(c, "b", "z"));
	ck_assert(has_note(c, SC_OSSLCONF_DIR_ORDER, NULL));
	ck_assert(has_note(c, SC_OSSLCONF_NOTREG, "sub.cnf skipped"));
	sc_osslconf_free(c);

	/* include inside a directory-included file: refused, named */
	tu_write(root, "etc/ssl/conf.d/20-b.cnf", ".include /etc/ssl/x.cnf\n",
	    0644);
	c = load("/etc/ssl/openssl.cnf", NULL, SC_ERR_UNSUPPORTED, &err);
	ck_assert_msg(strstr(err.msg, "/etc/ssl/conf.d/20-b.cnf:1: .include"),
	    "%s", err.msg);

	/* links aimed outside the root stay inside it */
	canary = tu_path(tmp, "host.cnf");
	tu_write(tmp, "host.cnf", "[fips_sect]\nactivate = 1\n", 0644);
	tu_write(root, "etc/ssl/openssl.cnf", ".include /etc/ssl/out.cnf\n", 0644);
	tu_symlink(root, "etc/ssl/out.cnf", canary);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert(has_note(c, SC_OSSLCONF_MISSING, NULL));
	ck_assert_ptr_null(sc_osslconf_section(c, "fips_sect"));
	sc_osslconf_free(c);
	tu_symlink(root, "etc/ssl/main.cnf", "../../../../host.cnf");
	c = load("/etc/ssl/main.cnf", NULL, SC_ERR_NOTFOUND, &err);
	free(canary);

	/* a FIFO as an include: skipped without hanging */
	tu_mkfifo(root, "etc/ssl/fifo.cnf");
	tu_write(root, "etc/ssl/openssl.cnf", ".include /etc/ssl/fifo.cnf\n", 0644);
	c = load("/etc/ssl/openssl.cnf", NULL, 0, &err);
	ck_assert(has_note(c, SC_OSSLCONF_NOTREG, "not a regular file"));
	sc_osslconf_free(c);
}
END_TEST

static Suite *
openssl_conf_suite(void)
{
	Suite *s = suite_create("openssl_conf");
	TCase *tc = tcase_create("differential");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_differential_corpus);
	tcase_add_test(tc, test_differential_generated);
	tcase_add_test(tc, test_values_and_lines);
	suite_add_tcase(s, tc);
	tc = tcase_create("includes");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_include_absolute_relative);
	tcase_add_test(tc, test_include_missing_loop_depth);
	tcase_add_test(tc, test_include_dirs_and_escapes);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(openssl_conf_suite)
