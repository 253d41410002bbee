/*
 * check_verify.c - sc_verify_dir on evidence directories written by
 * sc_evidence_write: intact (signed with a self-signed EC key made here),
 * then with one thing wrong at a time.
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <string.h>
#include <unistd.h>

#include "evidence.h"
#include "fixture_results.h"
#include "testutil.h"
#include "verify.h"

static char *dir, *ev, *key, *cert;

/* a P-256 key and a self-signed certificate for it */
static void
make_pki(void)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	X509_NAME *nm;
	FILE *f;

	ck_assert_ptr_nonnull(k);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_gmtime_adj(X509_getm_notBefore(x), -60);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_set_pubkey(x, k);
	nm = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_ASC,
	    (const unsigned char *)"unit signer", -1, -1, 0);
	X509_set_issuer_name(x, nm);
	ck_assert_int_gt(X509_sign(x, k, EVP_sha256()), 0);
	key = tu_path(dir, "k.pem");
	cert = tu_path(dir, "c.pem");
	f = fopen(key, "w");
	PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
	fclose(f);
	f = fopen(cert, "w");
	PEM_write_X509(f, x);
	fclose(f);
	X509_free(x);
	EVP_PKEY_free(k);
}

static void
setup(void)
{
	static const char *const res[] = { "a=fail", NULL };
	struct sc_content *c = tu_content(tu_bench_xml);
	struct sc_testresult *tr = tu_testresult(c, res);
	struct sc_provenance p;
	struct sc_err err = SC_ERR_INIT;
	char *argv[] = { "stigcheck", NULL };
	struct sc_evidence_opts o;

	dir = tu_mkdtemp();
	ev = tu_path(dir, "ev");
	make_pki();
	o = (struct sc_evidence_opts){ ev, key, cert, &p, NULL };
	ck_assert_int_eq(sc_provenance_init(&p, 1, argv, &err), 0);
	ck_assert_int_eq(sc_evidence_write(&o, c, tr, &err), 0);
	sc_provenance_free(&p);
	sc_testresult_free(tr);
	sc_content_free(c);
}

static void
teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	free(ev);
	free(key);
	free(cert);
}

/* verify must fail, with text in the message */
static void
must_fail(const char *ca, const char *text)
{
	struct sc_err err = SC_ERR_INIT;
	FILE *devnull = fopen("/dev/null", "w");

	ck_assert_int_lt(sc_verify_dir(ev, ca, devnull, &err), 0);
	fclose(devnull);
	ck_assert_msg(strstr(err.msg, text) != NULL, "'%s' lacks '%s'",
	    err.msg, text);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
}

START_TEST(test_intact)
{
	struct sc_err err = SC_ERR_INIT;
	char buf[512] = "";
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	ck_assert_int_eq(sc_verify_dir(ev, cert, f, &err), 0);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf, "signed by /CN=unit signer"));
	ck_assert_ptr_nonnull(strstr(buf, "chains to the CA"));
}
END_TEST

START_TEST(test_changed_byte)
{
	char *p = tu_path(ev, "results.xml");
	FILE *f = fopen(p, "r+");

	fseek(f, 100, SEEK_SET);
	fputc('#', f);
	fclose(f);
	must_fail(cert, "'results.xml' has SHA-256");
	free(p);
}
END_TEST

START_TEST(test_manifest_changed)
{
	char *p = tu_path(ev, SC_EVIDENCE_MANIFEST), *s, *at;
	size_t len;

	/* still valid JSON, one letter changed: the signature catches it */
	s = tu_read(p, &len);
	at = strstr(s, "\"stigcheck\"");
	ck_assert_ptr_nonnull(at);
	at[1] = 'S';
	tu_write(ev, SC_EVIDENCE_MANIFEST, s, 0644);
	must_fail(NULL, "does not verify");
	free(s);
	free(p);
}
END_TEST

START_TEST(test_added_removed_link)
{
	char *p = tu_path(ev, "checklist.ckl");

	char *n = tu_path(ev, "new.txt");

	tu_write(ev, "new.txt", "x", 0644);
	must_fail(cert, "'new.txt' is not listed");
	unlink(n);
	unlink(p);
	tu_symlink(ev, "checklist.ckl", "/etc/passwd");
	must_fail(cert, "'checklist.ckl' is a symbolic link");
	unlink(p);
	must_fail(cert, "'checklist.ckl' is missing");
	free(n);
	free(p);
}
END_TEST

START_TEST(test_bad_manifests)
{
	char *sig = tu_path(ev, SC_EVIDENCE_SIGNATURE);

	unlink(sig);
	must_fail(cert, "no signature");
	tu_write(ev, SC_EVIDENCE_MANIFEST, "{\"stigcheck-evidence\": 1, "
	    "\"files\": [{\"name\": \"../x\", \"size\": 1, \"sha256\": \"00\"}]}",
	    0644);
	must_fail(NULL, "not a plain file name");
	tu_write(ev, SC_EVIDENCE_MANIFEST, "{\"stigcheck-evidence\": 1, "
	    "\"files\": [{\"name\": \"a\\u0000b\", \"size\": 1}]}", 0644);
	must_fail(NULL, "is not JSON");
	tu_write(ev, SC_EVIDENCE_MANIFEST, "{\"stigcheck-evidence\": 1, "
	    "\"files\": [{\"name\": \"a\\nb\", \"size\": 1}]}", 0644);
	must_fail(NULL, "not a plain file name");
	tu_write(ev, SC_EVIDENCE_MANIFEST, "{\"stigcheck-evidence\": 1, "
	    "\"stigcheck-evidence\": 1}", 0644);
	must_fail(NULL, "is not JSON");
	tu_write(ev, SC_EVIDENCE_MANIFEST, "[1,2,3]", 0644);
	must_fail(NULL, "not a stigcheck evidence manifest");
	tu_write(ev, SC_EVIDENCE_MANIFEST, "\x01\xff", 0644);
	must_fail(NULL, "is not JSON");
	free(sig);
}
END_TEST

static Suite *
verify_suite(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_intact);
	tcase_add_test(tc, test_changed_byte);
	tcase_add_test(tc, test_manifest_changed);
	tcase_add_test(tc, test_added_removed_link);
	tcase_add_test(tc, test_bad_manifests);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(verify_suite)
