/*
 * check_evidence.c - provenance hashes and command line, and evidence
 * directories: every output-table file plus a manifest that lists each
 * with its real size and SHA-256; all or nothing.
 */
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "evidence.h"
#include "fixture_results.h"
#include "provenance.h"
#include "reports/outputs.h"
#include "testutil.h"

START_TEST(test_sha256_vectors)
{
	char hex[SC_SHA256_HEX];
	char *dir = tu_mkdtemp(), *p;
	unsigned long long size = 1;
	struct sc_err err = SC_ERR_INIT;

	sc_provenance_hash_mem("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	tu_write(dir, "empty", "", 0644);
	p = tu_path(dir, "empty");
	ck_assert_int_eq(sc_provenance_hash_file(p, 100, hex, &size, &err), 0);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	ck_assert_uint_eq(size, 0);
	free(p);
	/* over the cap, not a regular file, absent: errors naming the file */
	tu_write(dir, "big", "0123456789", 0644);
	p = tu_path(dir, "big");
	ck_assert_int_eq(sc_provenance_hash_file(p, 5, hex, NULL, &err),
	    SC_ERR_TOOBIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "big"));
	free(p);
	tu_mkfifo(dir, "fifo");
	p = tu_path(dir, "fifo");
	ck_assert_int_eq(sc_provenance_hash_file(p, 5, hex, NULL, &err),
	    SC_ERR_NOTREG);
	free(p);
	ck_assert_int_lt(sc_provenance_hash_file("/nonexistent/x", 5, hex,
	    NULL, &err), 0);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_command_line)
{
	struct sc_strv v = { NULL, 0, 0 };
	char *s;

	sc_strv_push(&v, "stigcheck");
	sc_strv_push(&v, "--rootfs");
	sc_strv_push(&v, "/a b");
	sc_strv_push(&v, "it's");
	sc_strv_push(&v, "");
	s = sc_provenance_command_line(&v);
	ck_assert_str_eq(s, "stigcheck --rootfs '/a b' 'it'\\''s' ''");
	free(s);
	sc_strv_free(&v);
}
END_TEST

static struct sc_content *
bench(void)
{
	return tu_content(tu_bench_xml);
}

START_TEST(test_write_dir)
{
	static const char *const res[] = { "a=fail", "c=notchecked", NULL };
	struct sc_content *c = bench();
	struct sc_testresult *tr = tu_testresult(c, res);
	struct sc_provenance p;
	struct sc_err err = SC_ERR_INIT;
	char *dir = tu_mkdtemp(), *ev = tu_path(dir, "ev"), *m;
	struct sc_evidence_opts o = { ev, NULL, NULL, &p, NULL };
	char *argv[] = { "stigcheck", "--evidence", ev, NULL };
	json_t *j, *files;
	size_t i;

	ck_assert_int_eq(sc_provenance_init(&p, 3, argv, &err), 0);
	ck_assert_int_eq(strlen(p.scanner_sha256), 64);
	ck_assert_int_eq(sc_evidence_precheck(&o, &err), 0);
	ck_assert_int_eq(sc_evidence_write(&o, c, tr, &err), 0);
	m = tu_path(ev, SC_EVIDENCE_MANIFEST);
	j = json_load_file(m, 0, NULL);
	ck_assert_ptr_nonnull(j);
	files = json_object_get(j, "files");
	/* one entry per row of the output table, each matching its file */
	ck_assert_uint_eq(json_array_size(files), sc_output_nfmts);
	for (i = 0; i < sc_output_nfmts; i++) {
		json_t *f = json_array_get(files, i);
		char *fp = tu_path(ev, sc_output_fmts[i].file), hex[SC_SHA256_HEX];
		unsigned long long size;
		struct stat st;

		ck_assert_str_eq(json_string_value(json_object_get(f, "name")),
		    sc_output_fmts[i].file);
		ck_assert_int_eq(stat(fp, &st), 0);
		ck_assert_int_eq(json_integer_value(json_object_get(f, "size")),
		    st.st_size);
		ck_assert_int_eq(sc_provenance_hash_file(fp, 1u << 30, hex,
		    &size, &err), 0);
		ck_assert_str_eq(json_string_value(json_object_get(f, "sha256")),
		    hex);
		free(fp);
	}
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_object_get(j, "scanner"), "sha256")), p.scanner_sha256);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_object_get(j, "scan"), "target")), "test-target");
	json_decref(j);
	/* a second write into the now full directory fails, leaving it */
	ck_assert_int_eq(sc_evidence_precheck(&o, &err), SC_ERR_EXISTS);
	ck_assert_int_eq(sc_evidence_write(&o, c, tr, &err), SC_ERR_EXISTS);
	ck_assert_ptr_nonnull(strstr(err.msg, "not empty"));
	/* and no temporary directory is left beside it */
	{
		char *cmd = sc_xasprintf("test -z \"$(ls -A '%s' | grep -v '^ev$')\"",
		    dir);

		ck_assert_int_eq(system(cmd), 0);
		free(cmd);
	}
	free(m);
	sc_provenance_free(&p);
	sc_testresult_free(tr);
	sc_content_free(c);
	tu_rmrf(dir);
	free(ev);
	free(dir);
}
END_TEST

START_TEST(test_bad_dest_and_keys)
{
	struct sc_err err = SC_ERR_INIT;
	char *dir = tu_mkdtemp(), *f;
	struct sc_evidence_opts o = { NULL, NULL, NULL, NULL, NULL };

	o.dir = "/nonexistent/dir/ev";
	ck_assert_int_eq(sc_evidence_precheck(&o, &err), SC_ERR_NOTFOUND);
	o.dir = "..";
	ck_assert_int_eq(sc_evidence_precheck(&o, &err), SC_ERR_INVAL);
	tu_write(dir, "file", "x", 0644);
	f = tu_path(dir, "file");
	o.dir = f;
	ck_assert_int_eq(sc_evidence_precheck(&o, &err), SC_ERR_EXISTS);
	free(f);
	/* a key that is not a key */
	f = tu_path(dir, "new");
	o.dir = f;
	o.sign_key = "/dev/null";
	o.sign_cert = "/dev/null";
	ck_assert_int_eq(sc_evidence_precheck(&o, &err), SC_ERR_PARSE);
	ck_assert_ptr_nonnull(strstr(err.msg, "--sign-key"));
	free(f);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static Suite *
evidence_suite(void)
{
	Suite *s = suite_create("evidence");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sha256_vectors);
	tcase_add_test(tc, test_command_line);
	tcase_add_test(tc, test_write_dir);
	tcase_add_test(tc, test_bad_dest_and_keys);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(evidence_suite)
