/*
 * check_cbom.c - the CycloneDX CBOM writer (reports/cbom.c): it reads the
 * inventory's module facts and the FIPS verdict facts only; what it keeps,
 * what it refuses in hostile stored results, and that a re-render gives
 * the same bytes; algorithm families as algorithm components that the
 * modules provide.  (Schema validation with ajv: integration tests t2200,
 * t2210.)
 */
#include <jansson.h>
#include <string.h>

#include "fixture_results.h"
#include "reports/cbom.h"
#include "testutil.h"

#define MOD "urn:stigcheck:fact:crypto:module:"

static const char *const results[] = { "a=pass", NULL };

struct fx {
	struct sc_content *c;
	struct sc_testresult *tr;
	struct sc_output_ctx x;
};

static void
fx_init(struct fx *f)
{
	f->c = tu_content(tu_bench_xml);
	f->tr = tu_testresult(f->c, results);
	f->x = (struct sc_output_ctx){ f->c, f->tr, NULL, NULL };
}

static void
fx_free(struct fx *f)
{
	sc_testresult_free(f->tr);
	sc_content_free(f->c);
}

static const char *
prop(json_t *comp, const char *name)
{
	size_t i;
	json_t *p;

	json_array_foreach(json_object_get(comp, "properties"), i, p)
		if (!strcmp(json_string_value(json_object_get(p, "name")), name))
			return json_string_value(json_object_get(p, "value"));
	return NULL;
}

START_TEST(test_modules)
{
	struct sc_err err = SC_ERR_INIT;
	struct fx f;
	json_t *doc, *comps, *c, *ap;
	char *a, *b;

	fx_init(&f);
	sc_testresult_add_fact(f.tr, "urn:stigcheck:fact:fips:verdict",
	    "string", "partial");
	sc_testresult_add_fact(f.tr, "urn:stigcheck:fact:fips:summary",
	    "string", "FIPS: partial: x");
	sc_testresult_add_fact(f.tr, MOD "1", "string", "{\"kind\":\"libcrypto\","
	    "\"path\":\"/usr/lib/libcrypto.so.3\",\"implementation\":\"OpenSSL\","
	    "\"version\":\"3.1.2\",\"platform\":\"x86_64\",\"reachable\":true,"
	    "\"boundary\":\"inside\"}");
	sc_testresult_add_fact(f.tr, MOD "2", "string", "{\"kind\":"
	    "\"fips-provider\",\"path\":\"/usr/lib/ossl-modules/fips.so\","
	    "\"module\":\"OpenSSL FIPS Provider\",\"sha256\":\"" "0123456789"
	    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef\","
	    "\"platform\":\"vax\",\"reachable\":null,\"boundary\":"
	    "\"the boundary\",\"certificate\":\"CMVP #1\","
	    "\"certification_level\":\"fips140-3-l1\"}");
	/* hostile values: a bad level, a short digest, a non-string kind */
	sc_testresult_add_fact(f.tr, MOD "3", "string", "{\"kind\":7,"
	    "\"path\":\"/x/libssl.so.3\",\"sha256\":\"abc\",\"certificate\":"
	    "\"CMVP #2\",\"certification_level\":\"fips140-9-l9\"}");
	sc_testresult_add_fact(f.tr, MOD "4", "string", "{\"kind\":\"libssl\","
	    "\"path\":\"/usr/lib/libssl.so.3\",\"links\":"
	    "\"/usr/lib/libcrypto.so.3\"}");
	doc = sc_cbom_build(&f.x, &err);
	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "specVersion")),
	    "1.6");
	comps = json_object_get(doc, "components");
	ck_assert_uint_eq(json_array_size(comps), 4);
	c = json_array_get(comps, 0);
	ck_assert_str_eq(json_string_value(json_object_get(c, "type")),
	    "cryptographic-asset");
	ck_assert_str_eq(json_string_value(json_object_get(c, "name")), "OpenSSL");
	ap = json_object_get(json_object_get(c, "cryptoProperties"),
	    "algorithmProperties");
	ck_assert_str_eq(json_string_value(json_object_get(ap,
	    "implementationPlatform")), "x86_64");
	ck_assert_ptr_null(json_object_get(ap, "certificationLevel"));
	ck_assert_str_eq(prop(c, "stigcheck:reachable"), "true");
	c = json_array_get(comps, 1);
	ck_assert_str_eq(json_string_value(json_object_get(c, "name")),
	    "OpenSSL FIPS Provider");
	ap = json_object_get(json_object_get(c, "cryptoProperties"),
	    "algorithmProperties");
	/* not a CycloneDX platform name: unknown */
	ck_assert_str_eq(json_string_value(json_object_get(ap,
	    "implementationPlatform")), "unknown");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(ap,
	    "certificationLevel"), 0)), "fips140-3-l1");
	ck_assert_uint_eq(json_array_size(json_object_get(c, "hashes")), 1);
	ck_assert_str_eq(prop(c, "stigcheck:reachable"),
	    "decided by the configuration");
	c = json_array_get(comps, 2);
	ck_assert_ptr_null(json_object_get(c, "hashes"));
	ap = json_object_get(json_object_get(c, "cryptoProperties"),
	    "algorithmProperties");
	ck_assert_ptr_null(json_object_get(ap, "certificationLevel"));
	ck_assert_ptr_null(prop(c, "stigcheck:kind"));
	/* libssl: a TLS protocol asset that depends on its libcrypto */
	c = json_array_get(comps, 3);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(c,
	    "cryptoProperties"), "assetType")), "protocol");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(doc, "dependencies"), 0), "ref")), "crypto-4");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(
	    json_array_get(json_object_get(doc, "dependencies"), 0),
	    "dependsOn"), 0)), "crypto-1");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(json_object_get(doc, "metadata"), "properties"), 0),
	    "value")), "partial");
	/* the same results give the same bytes */
	a = json_dumps(doc, JSON_PRESERVE_ORDER);
	json_decref(doc);
	doc = sc_cbom_build(&f.x, &err);
	b = json_dumps(doc, JSON_PRESERVE_ORDER);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	json_decref(doc);
	fx_free(&f);
}
END_TEST

START_TEST(test_hostile_fact)
{
	static const char *const bad[] = { "", "{", "[1]", "\"s\"", "null",
		"{\"a\":1,\"a\":2}", NULL };

	for (size_t i = 0; bad[i]; i++) {
		struct sc_err err = SC_ERR_INIT;
		struct fx f;

		fx_init(&f);
		sc_testresult_add_fact(f.tr, MOD "1", "string", "{}");
		sc_testresult_add_fact(f.tr, MOD "2", "string", bad[i]);
		ck_assert_ptr_null(sc_cbom_build(&f.x, &err));
		ck_assert_msg(strstr(err.msg, "target fact " MOD "2 is not a "
		    "crypto module") != NULL, "%s: %s", bad[i], err.msg);
		fx_free(&f);
	}
}
END_TEST


/* The component with bom-ref ref, or NULL. */
static json_t *
by_ref(json_t *doc, const char *ref)
{
	size_t i;
	json_t *c;

	json_array_foreach(json_object_get(doc, "components"), i, c)
		if (!strcmp(json_string_value(json_object_get(c, "bom-ref")), ref))
			return c;
	return NULL;
}

START_TEST(test_algorithms)
{
	struct sc_err err = SC_ERR_INIT;
	struct fx f;
	json_t *doc, *c, *ap, *deps, *d;

	fx_init(&f);
	sc_testresult_add_fact(f.tr, MOD "1", "string", "{\"kind\":\"libcrypto\","
	    "\"path\":\"/usr/lib/libcrypto.so.3\",\"algorithms\":["
	    "{\"name\":\"SHA-2\",\"primitive\":\"hash\",\"functions\":[\"digest\"],"
	    "\"identified_by\":\"provider algorithm names in read-only data\"},"
	    "{\"name\":\"MD5\",\"primitive\":\"hash\",\"functions\":[\"digest\"],"
	    "\"identified_by\":\"provider algorithm names in read-only data\"}]}");
	/* hostile members: a primitive and a function CycloneDX lacks, a name
	   whose bom-ref collides with another's, a name given twice */
	sc_testresult_add_fact(f.tr, MOD "2", "string", "{\"kind\":\"go\","
	    "\"path\":\"/usr/bin/app\",\"algorithms\":["
	    "{\"name\":\"SHA-2\",\"primitive\":\"hash\",\"identified_by\":"
	    "\"function names in .gopclntab\"},"
	    "{\"name\":\"sha 2\",\"primitive\":\"rot13\",\"functions\":"
	    "[\"digest\",\"juggle\",7]},{\"name\":\"SHA-2\"}]}");
	sc_testresult_add_fact(f.tr, MOD "3", "string", "{\"kind\":\"libssl\","
	    "\"path\":\"/usr/lib/libssl.so.3\",\"links\":"
	    "\"/usr/lib/libcrypto.so.3\"}");
	doc = sc_cbom_build(&f.x, &err);
	ck_assert_ptr_nonnull(doc);
	/* three modules, then SHA-2, MD5, "sha 2" */
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "components")),
	    6);
	c = by_ref(doc, "algorithm-sha-2");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(json_string_value(json_object_get(c, "type")),
	    "cryptographic-asset");
	ap = json_object_get(json_object_get(c, "cryptoProperties"),
	    "algorithmProperties");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(c,
	    "cryptoProperties"), "assetType")), "algorithm");
	ck_assert_str_eq(json_string_value(json_object_get(ap, "primitive")),
	    "hash");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(ap,
	    "cryptoFunctions"), 0)), "digest");
	/* how each module showed it, one property each (three: SHA-2 twice
	   in the second module) */
	ck_assert_uint_eq(json_array_size(json_object_get(c, "properties")), 3);
	ck_assert_str_eq(prop(c, "stigcheck:identified-by"),
	    "/usr/lib/libcrypto.so.3: provider algorithm names in read-only "
	    "data");
	c = by_ref(doc, "algorithm-sha-2-3");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(json_string_value(json_object_get(c, "name")), "sha 2");
	ap = json_object_get(json_object_get(c, "cryptoProperties"),
	    "algorithmProperties");
	ck_assert_str_eq(json_string_value(json_object_get(ap, "primitive")),
	    "unknown");
	ck_assert_uint_eq(json_array_size(json_object_get(ap,
	    "cryptoFunctions")), 1);
	/* provides: each module its families, once; libssl depends only */
	deps = json_object_get(doc, "dependencies");
	ck_assert_uint_eq(json_array_size(deps), 3);
	d = json_array_get(deps, 0);
	ck_assert_str_eq(json_string_value(json_object_get(d, "ref")), "crypto-1");
	ck_assert_uint_eq(json_array_size(json_object_get(d, "provides")), 2);
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(d,
	    "provides"), 1)), "algorithm-md5");
	d = json_array_get(deps, 1);
	ck_assert_uint_eq(json_array_size(json_object_get(d, "provides")), 2);
	d = json_array_get(deps, 2);
	ck_assert_str_eq(json_string_value(json_object_get(d, "ref")), "crypto-3");
	ck_assert_ptr_null(json_object_get(d, "provides"));
	ck_assert_uint_eq(json_array_size(json_object_get(d, "dependsOn")), 1);
	json_decref(doc);
	fx_free(&f);
}
END_TEST

START_TEST(test_hostile_algorithms)
{
	static const char *const bad[] = { "{\"algorithms\":7}",
		"{\"algorithms\":[\"SHA-2\"]}", "{\"algorithms\":[{}]}",
		"{\"algorithms\":[{\"name\":\"\"}]}",
		"{\"algorithms\":[{\"name\":3}]}", NULL };

	for (size_t i = 0; bad[i]; i++) {
		struct sc_err err = SC_ERR_INIT;
		struct fx f;

		fx_init(&f);
		sc_testresult_add_fact(f.tr, MOD "1", "string", bad[i]);
		ck_assert_ptr_null(sc_cbom_build(&f.x, &err));
		ck_assert_msg(strstr(err.msg, "target fact " MOD "1: "
		    "\"algorithms\" is not a list") != NULL, "%s: %s", bad[i],
		    err.msg);
		fx_free(&f);
	}
}
END_TEST

START_TEST(test_empty)
{
	struct sc_err err = SC_ERR_INIT;
	struct fx f;
	json_t *doc;

	fx_init(&f);
	doc = sc_cbom_build(&f.x, &err);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "components")), 0);
	/* no FIPS rule ran: no verdict properties */
	ck_assert_ptr_null(json_object_get(json_object_get(doc, "metadata"),
	    "properties"));
	json_decref(doc);
	fx_free(&f);
}
END_TEST

static Suite *
cbom_suite(void)
{
	Suite *s = suite_create("cbom");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_modules);
	tcase_add_test(tc, test_hostile_fact);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_algorithms);
	tcase_add_test(tc, test_hostile_algorithms);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(cbom_suite)
