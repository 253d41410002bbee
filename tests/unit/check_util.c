/*
 * check_util.c - the small shared modules: errors, buffers and vectors,
 * the hash map, PCRE2 wrapper, redaction and atomic files.
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "util/err.h"
#include "util/fsutil.h"
#include "util/map.h"
#include "util/mem.h"
#include "util/redact.h"
#include "util/regex.h"

START_TEST(test_err)
{
	struct sc_err e = SC_ERR_INIT;

	ck_assert_int_eq(sc_err_set(&e, SC_ERR_NOTFOUND, "'%s' missing", "x"),
	    SC_ERR_NOTFOUND);
	ck_assert_str_eq(e.msg, "'x' missing");
	sc_err_prefix(&e, "file %d", 3);
	ck_assert_str_eq(e.msg, "file 3: 'x' missing");
	ck_assert_int_eq(sc_err_set(NULL, SC_ERR_IO, "x"), SC_ERR_IO);
	ck_assert_int_eq(sc_err_from_errno(ENOENT), SC_ERR_NOTFOUND);
	ck_assert_int_eq(sc_err_from_errno(ELOOP), SC_ERR_LOOP);
	ck_assert_int_eq(sc_err_from_errno(EACCES), SC_ERR_ACCESS);
	ck_assert_str_eq(sc_strerror(SC_ERR_TOOBIG), "too large");
	ck_assert_str_eq(sc_strerror(-999), "unknown error");
	/* a long prefix truncates, never overflows */
	char big[3000];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	sc_err_prefix(&e, "%s", big);
	ck_assert_uint_eq(strlen(e.msg), SC_ERR_MSG_MAX - 1);
	sc_err_clear(&e);
	ck_assert_str_eq(e.msg, "");
}
END_TEST

START_TEST(test_buf_strv)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_strv v = SC_STRV_INIT;
	char *s;

	sc_buf_adds(&b, "abc");
	sc_buf_addc(&b, '-');
	for (int i = 0; i < 1000; i++)
		sc_buf_addf(&b, "%04d", i);
	ck_assert_uint_eq(b.len, 4 + 4000);
	ck_assert_int_eq(memcmp(b.data, "abc-0000", 8), 0);
	ck_assert_str_eq(b.data + b.len - 4, "0999");
	s = sc_buf_detach(&b);
	ck_assert_ptr_null(b.data);
	free(s);
	sc_buf_free(&b);
	sc_buf_free(NULL);
	sc_strv_push(&v, "a");
	sc_strv_push(&v, "b");
	ck_assert_int_eq(sc_strv_find(&v, "b"), 1);
	ck_assert_int_eq(sc_strv_find(&v, "c"), -1);
	ck_assert_ptr_null(v.v[v.n]);
	sc_strv_free(&v);
	sc_strv_free(NULL);
	s = sc_xasprintf("%s=%d", "x", 42);
	ck_assert_str_eq(s, "x=42");
	free(s);
}
END_TEST

START_TEST(test_map)
{
	struct sc_map m = SC_MAP_INIT;
	char key[32];
	static int vals[5000];

	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		vals[i] = i;
		ck_assert_ptr_null(sc_map_put(&m, key, &vals[i]));
	}
	ck_assert_uint_eq(sc_map_count(&m), 5000);
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		ck_assert_ptr_eq(sc_map_get(&m, key), &vals[i]);
	}
	ck_assert_ptr_null(sc_map_get(&m, "nope"));
	ck_assert_int_eq(sc_map_add(&m, "k1", &vals[9]), 0);
	ck_assert_ptr_eq(sc_map_get(&m, "k1"), &vals[1]);
	ck_assert_ptr_eq(sc_map_put(&m, "k1", &vals[9]), &vals[1]);
	ck_assert_ptr_eq(sc_map_get(&m, "k1"), &vals[9]);
	/* insertion order is kept for deterministic rendering */
	ck_assert_str_eq(m.keys[0], "k0");
	ck_assert_str_eq(m.keys[4999], "k4999");
	sc_map_free(&m);
	sc_map_free(NULL);
}
END_TEST

START_TEST(test_regex)
{
	struct sc_err e = SC_ERR_INIT;
	struct sc_regex *re;
	struct sc_match m;
	const char *s = "P:openssl-provider-fips-3.1.2";
	static const char bin[] = "ab\xff\x00" "cd";

	/* lookahead, as the Chainguard content uses */
	ck_assert_int_eq(sc_regex_compile(&re,
	    "^P:openssl-provider-fips(-(\\d+\\.\\d+\\.\\d+))?$", 0, &e), 0);
	ck_assert_uint_eq(sc_regex_groups(re), 2);
	ck_assert_int_eq(sc_regex_search(re, s, strlen(s), 0, &m, &e), 1);
	ck_assert_uint_eq(m.n, 3);
	ck_assert_uint_eq(m.start[2], 24);
	ck_assert_uint_eq(m.end[2], 29);
	ck_assert_int_eq(sc_regex_search(re, "P:openssl", 9, 0, &m, &e), 0);
	sc_regex_free(re);
	ck_assert_int_eq(sc_regex_compile(&re, "(?=.*fipsmodule).*", 0, &e), 0);
	ck_assert_int_eq(sc_regex_search(re, "x-fipsmodule.cnf", 16, 0, NULL,
	    &e), 1);
	sc_regex_free(re);
	/* unset groups, caseless, bytes that are not UTF-8 */
	ck_assert_int_eq(sc_regex_compile(&re, "(x)?CD$", SC_RE_CASELESS, &e), 0);
	ck_assert_int_eq(sc_regex_search(re, bin, sizeof(bin) - 1, 0, &m, &e), 1);
	ck_assert_uint_eq(m.start[1], SC_RE_UNSET);
	sc_regex_free(re);
	/* errors */
	ck_assert_int_eq(sc_regex_compile(&re, "a(b", 0, &e), SC_ERR_PARSE);
	ck_assert_ptr_null(re);
	ck_assert_msg(strstr(e.msg, "invalid pattern 'a(b'"), "%s", e.msg);
	/* exponential backtracking is stopped by the limits */
	ck_assert_int_eq(sc_regex_compile(&re, "^(\\w+\\s?)*$", 0, &e), 0);
	{
		char subj[200];
		memset(subj, 'a', sizeof(subj) - 2);
		subj[sizeof(subj) - 2] = '!';
		subj[sizeof(subj) - 1] = '\0';
		ck_assert_int_eq(sc_regex_search(re, subj, strlen(subj), 0, NULL,
		    &e), SC_ERR_TOOBIG);
	}
	sc_regex_free(re);
	sc_regex_free(NULL);
}
END_TEST

static char *
redact(const char *path, const char *line)
{
	struct sc_buf b = SC_BUF_INIT;

	sc_buf_reset(&b);
	sc_redact_line(&b, path, line, strlen(line));
	return sc_buf_detach(&b);
}

#define R(path, in, out)                                \
	do {                                            \
		char *r_ = redact(path, in);            \
		ck_assert_str_eq(r_, out);              \
		free(r_);                               \
	} while (0)

START_TEST(test_redact)
{
	R("/etc/shadow", "root:$6$s$HASH:19000:0:99999:7:::",
	    "root:[redacted]:19000:0:99999:7:::");
	R("/etc/shadow", "root:!$6$s$HASH:1::", "root:![redacted]:1::");
	R("/etc/shadow", "root:!!:1::", "root:!!:1::");
	R("/etc/shadow", "root:*:1::", "root:*:1::");
	R("/etc/shadow", "root::1::", "root::1::");
	R("/etc/shadow", "root:*LK*:1::", "root:*[redacted]:1::");
	R("/etc/passwd", "root:x:0:0::/:/bin/sh", "root:x:0:0::/:/bin/sh");
	R("/etc/passwd", "old:abcHASH:0:0::/:/bin/sh",
	    "old:[redacted]:0:0::/:/bin/sh");
	R("/etc/gshadow", "wheel:HASH:root:", "wheel:[redacted]:root:");
	R("/backup/shadow-2024", "a:HASH:1", "a:[redacted]:1");
	R("/etc/shadow", "no colon here", "[redacted]");
	R("/etc/shadow", "lastfield:HASH", "lastfield:[redacted]");
	R("/etc/ssh/sshd_config", "Ciphers aes256-ctr", "Ciphers aes256-ctr");
	{
		char line[600];
		char *r;

		memset(line, 'x', sizeof(line) - 1);
		line[sizeof(line) - 1] = '\0';
		r = redact("/etc/x", line);
		ck_assert_uint_eq(strlen(r), 515);
		free(r);
	}
}
END_TEST

static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' || strlen(de->d_name) > 2)
			n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

START_TEST(test_atomic_write)
{
	struct sc_err e = SC_ERR_INIT;
	char *dir = tu_mkdtemp(), *f = tu_path(dir, "out.xml"), *c;
	char *bad;
	struct stat st;

	ck_assert_int_eq(sc_write_atomic(f, "first", 5, &e), 0);
	ck_assert_int_eq(sc_write_atomic(f, "second!", 7, &e), 0);
	c = tu_read(f, NULL);
	ck_assert_str_eq(c, "second!");
	free(c);
	ck_assert_int_eq(count_entries(dir), 1);	/* no temporary left */
	stat(f, &st);
	ck_assert_int_eq(st.st_mode & 0777, 0666 & ~umask(022));
	umask(022);
	/* failure: the destination is a directory; old content survives */
	bad = tu_path(dir, "sub");
	tu_mkdir(dir, "sub/inner", 0755);
	ck_assert_int_lt(sc_write_atomic(bad, "x", 1, &e), 0);
	ck_assert_msg(strstr(e.msg, "cannot write"), "%s", e.msg);
	ck_assert_int_eq(count_entries(dir), 2);
	free(bad);
	bad = tu_path(dir, "missing/out.xml");
	ck_assert_int_eq(sc_write_atomic(bad, "x", 1, &e), SC_ERR_NOTFOUND);
	free(bad);
	sc_atomic_cleanup();	/* nothing in progress: harmless */
	tu_rmrf(dir);
	free(dir);
	free(f);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_err);
	tcase_add_test(tc, test_buf_strv);
	tcase_add_test(tc, test_map);
	tcase_add_test(tc, test_regex);
	tcase_add_test(tc, test_redact);
	tcase_add_test(tc, test_atomic_write);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(util_suite)
