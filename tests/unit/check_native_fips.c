/*
 * check_native_fips.c - the FIPS check kinds on small synthetic roots
 * (the real-provider fixture is tests/integration/t2000): certificate
 * status against dates (active, within the warning window, past sunset,
 * historical, vendor package), the entropy source (compiled-in default,
 * configuration, absent), version-dependent activate semantics, the MAC
 * helpers against known values, and the per-target cache.
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "checks/native_fips.h"
#include "testutil.h"

static char *tmp;

static void
setup(void)
{
	tmp = tu_mkdtemp();
}

static void
teardown(void)
{
	tu_rmrf(tmp);
	free(tmp);
}

/* A binary-ish file: strings separated by NULs. */
static void
write_strings(const char *rel, const char *const *strs)
{
	char *p = tu_path(tmp, rel);
	FILE *f;

	tu_write(tmp, rel, "", 0755);
	f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	fputs("\177ELF", f);
	for (size_t i = 0; strs[i]; i++) {
		fputc(0, f);
		fputs(strs[i], f);
	}
	fputc(0, f);
	fclose(f);
	free(p);
}

static void
make_root(const char *libver, int jitter, const char *modver)
{
	const char *lib[] = { libver, "OPENSSLDIR: \"/etc/ssl\"",
		"MODULESDIR: \"/usr/lib/ossl-modules\"", jitter == 2 ?
		"compiler: gcc -DOPENSSL_DEFAULT_SEED_SRC=JITTER" : "compiler: gcc",
		jitter ? "jent_read_entropy (%d)" : "nothing", NULL };
	const char *mod[] = { "provider=fips,fips=yes", "OpenSSL FIPS Provider",
		"buildinfo", modver, NULL };

	write_strings("usr/lib/libcrypto.so.3", lib);
	write_strings("usr/lib/ossl-modules/fips.so", mod);
}

static enum sc_result
run_kind(const char *xml, const char *env, struct sc_buf *msgs)
{
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;
	struct sc_scan_ctx ctx;
	struct sc_testresult *tr = sc_testresult_new();
	struct sc_rule_result *rr = sc_testresult_add(tr, "r");
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, 0);
	const struct sc_native_kind *k;
	enum sc_result res;
	void *test;

	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(sc_target_open_rootfs(&t, tmp, &err), 0);
	if (env)
		ck_assert_int_eq(sc_target_putenv(t, env, &err), 0);
	k = sc_native_kind_find((const char *)xmlDocGetRootElement(doc)->name);
	ck_assert_ptr_nonnull(k);
	ck_assert_msg(sc_native_validate(xmlDocGetRootElement(doc), &err) == 0,
	    "%s", err.msg);
	ck_assert_int_eq(k->parse(xmlDocGetRootElement(doc), &test, &err), 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.target = t;
	res = k->eval(test, &ctx, rr);
	sc_buf_reset(msgs);
	for (size_t i = 0; i < rr->n_msgs; i++)
		sc_buf_addf(msgs, "%s\n", rr->msgs[i].text);
	k->free(test);
	xmlFreeDoc(doc);
	sc_testresult_free(tr);
	sc_target_free(t);
	return res;
}

static char *
day(long offset_days)
{
	time_t t = time(NULL) + offset_days * 86400L;
	struct tm tm;
	char *s = malloc(16);

	gmtime_r(&t, &tm);
	strftime(s, 16, "%Y-%m-%d", &tm);
	return s;
}

static char *
cmvp_xml(const char *status, const char *sunset, const char *package)
{
	char *x;

	if (asprintf(&x, "<sc:openssl_fips_cmvp xmlns:sc=\"urn:stigcheck:native\">"
	    "<sc:certificate number=\"4985\" module=\"OpenSSL FIPS Provider\" "
	    "versions=\"3.0.9, 3.1.2\" standard=\"FIPS 140-3\" status=\"%s\" "
	    "sunset=\"%s\" source=\"test\"%s%s%s/></sc:openssl_fips_cmvp>",
	    status, sunset, package ? " package=\"" : "", package ? package : "",
	    package ? "\"" : "") < 0)
		abort();
	return x;
}

START_TEST(test_cmvp_dates)
{
	struct sc_buf m = SC_BUF_INIT;
	char *far = day(2000), *soon = day(30), *past = day(-10), *x;

	make_root("OpenSSL 3.0.20 7 Apr 2026", 0, "3.1.2");
	x = cmvp_xml("active", far, NULL);
	ck_assert_int_eq(run_kind(x, NULL, &m), SC_RESULT_PASS);
	ck_assert_msg(strstr(m.data, "CMVP #4985") && strstr(m.data, "is active"),
	    "%s", m.data);
	free(x);
	x = cmvp_xml("active", soon, NULL);
	ck_assert_int_eq(run_kind(x, NULL, &m), SC_RESULT_INFORMATIONAL);
	ck_assert_msg(strstr(m.data, "within 180 days"), "%s", m.data);
	free(x);
	x = cmvp_xml("active", past, NULL);
	ck_assert_int_eq(run_kind(x, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "passed its sunset date") && strstr(m.data,
	    past), "%s", m.data);
	free(x);
	x = cmvp_xml("historical", past, NULL);
	ck_assert_int_eq(run_kind(x, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "is historical since"), "%s", m.data);
	free(x);
	/* a vendor certificate covers only that vendor's package */
	x = cmvp_xml("active", far, "openssl-provider-fips-3.1.2");
	ck_assert_int_eq(run_kind(x, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "which is not installed"), "%s", m.data);
	tu_write(tmp, "usr/lib/apk/db/installed",
	    "P:openssl-provider-fips-3.1.2\nV:3.1.2-r3\n\n", 0644);
	ck_assert_int_eq(run_kind(x, NULL, &m), SC_RESULT_PASS);
	free(x);
	/* not in the table */
	make_root("OpenSSL 3.0.20 7 Apr 2026", 0, "3.0.20");
	x = cmvp_xml("active", far, NULL);
	ck_assert_int_eq(run_kind(x, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "covers FIPS module version 3.0.20"), "%s",
	    m.data);
	free(x);
	free(far);
	free(soon);
	free(past);
	sc_buf_free(&m);
}
END_TEST

static const char ENTROPY[] =
    "<sc:openssl_fips_entropy xmlns:sc=\"urn:stigcheck:native\"/>";

START_TEST(test_entropy)
{
	struct sc_buf m = SC_BUF_INIT;

	/* no jitter in libcrypto */
	make_root("OpenSSL 3.4.0 22 Oct 2024", 0, "3.4.0");
	tu_write(tmp, "etc/ssl/openssl.cnf", "x = 1\n", 0644);
	ck_assert_int_eq(run_kind(ENTROPY, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "has no jitter seed source"), "%s", m.data);
	/* compiled-in default */
	make_root("OpenSSL 3.4.0 22 Oct 2024", 2, "3.4.0");
	ck_assert_int_eq(run_kind(ENTROPY, NULL, &m), SC_RESULT_PASS);
	ck_assert_msg(strstr(m.data, "-DOPENSSL_DEFAULT_SEED_SRC=JITTER"), "%s",
	    m.data);
	/* present, selected by the configuration */
	make_root("OpenSSL 3.4.0 22 Oct 2024", 1, "3.4.0");
	ck_assert_int_eq(run_kind(ENTROPY, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "is not selected"), "%s", m.data);
	tu_write(tmp, "etc/ssl/openssl.cnf", "openssl_conf = init\n[init]\n"
	    "random = rnd\n[rnd]\nseed = JITTER\n", 0644);
	ck_assert_int_eq(run_kind(ENTROPY, NULL, &m), SC_RESULT_PASS);
	ck_assert_msg(strstr(m.data, "/etc/ssl/openssl.cnf:5: seed = JITTER "
	    "selects it"), "%s", m.data);
	/* OPENSSL_CONF from the target's environment decides the file */
	tu_write(tmp, "etc/other.cnf", "y = 2\n", 0644);
	ck_assert_int_eq(run_kind(ENTROPY, "OPENSSL_CONF=/etc/other.cnf", &m),
	    SC_RESULT_FAIL);
	sc_buf_free(&m);
}
END_TEST

static const char PROVIDER[] = "<sc:openssl_fips_config "
    "xmlns:sc=\"urn:stigcheck:native\" aspect=\"provider\"/>";
static const char ACTIVATE[] = "<sc:openssl_fips_config "
    "xmlns:sc=\"urn:stigcheck:native\" aspect=\"activate\"/>";
static const char CONF[] = "config_diagnostics = 1\nopenssl_conf = init\n"
    "[init]\nproviders = prov\n[prov]\nfips = fips_sect\n"
    "[fips_sect]\nactivate = %s\n";

START_TEST(test_activate_by_version)
{
	struct sc_buf m = SC_BUF_INIT;
	char conf[256];

	snprintf(conf, sizeof(conf), CONF, "no");
	tu_write(tmp, "etc/ssl/openssl.cnf", conf, 0644);
	make_root("OpenSSL 3.0.20 7 Apr 2026", 0, "3.0.20");
	ck_assert_int_eq(run_kind(PROVIDER, NULL, &m), SC_RESULT_PASS);
	ck_assert_int_eq(run_kind(ACTIVATE, NULL, &m), SC_RESULT_FAIL);
	make_root("OpenSSL 3.3.0 9 Apr 2024", 0, "3.0.20");
	ck_assert_int_eq(run_kind(PROVIDER, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "not activated with the target's libcrypto "
	    "OpenSSL 3.3.0"), "%s", m.data);
	snprintf(conf, sizeof(conf), CONF, "maybe");
	tu_write(tmp, "etc/ssl/openssl.cnf", conf, 0644);
	ck_assert_int_eq(run_kind(PROVIDER, NULL, &m), SC_RESULT_FAIL);
	ck_assert_msg(strstr(m.data, "is not a boolean"), "%s", m.data);
	snprintf(conf, sizeof(conf), CONF, "yes");
	tu_write(tmp, "etc/ssl/openssl.cnf", conf, 0644);
	ck_assert_int_eq(run_kind(PROVIDER, NULL, &m), SC_RESULT_PASS);
	ck_assert_int_eq(run_kind(ACTIVATE, NULL, &m), SC_RESULT_PASS);
	/* no libcrypto: only a true spelling can be decided */
	tu_rmrf(tmp);
	ck_assert_int_eq(mkdir(tmp, 0755), 0);
	snprintf(conf, sizeof(conf), CONF, "0");
	tu_write(tmp, "etc/ssl/openssl.cnf", conf, 0644);
	ck_assert_int_eq(run_kind(PROVIDER, NULL, &m), SC_RESULT_ERROR);
	ck_assert_msg(strstr(m.data, "which is unknown"), "%s", m.data);
	sc_buf_free(&m);
}
END_TEST

START_TEST(test_mac_helpers)
{
	unsigned char mac[SC_FIPSMOD_MAC_LEN], buf[40];
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;

	/* OpenSSL's default key over the install indicator (fipsinstall) */
	ck_assert_int_eq(sc_fipsmod_hmac(NULL, SC_FIPSMOD_INSTALL_STATUS,
	    strlen(SC_FIPSMOD_INSTALL_STATUS), mac, &err), 0);
	sc_buf_reset(&b);
	sc_fipsmod_hex(&b, mac, sizeof(mac));
	ck_assert_str_eq(b.data, "41:9C:38:C2:8F:59:09:43:2C:AA:2F:58:36:2D:D9:"
	    "04:F9:6C:56:8B:09:E0:18:3A:2E:D6:CC:69:05:04:E1:11");
	ck_assert_int_eq(sc_fipsmod_parse_hex("41:9c:38", buf, sizeof(buf)), 3);
	ck_assert_int_eq(sc_fipsmod_parse_hex("4G", buf, sizeof(buf)), -1);
	ck_assert_int_lt(sc_fipsmod_hmac("zz", "x", 1, mac, &err), 0);
	sc_buf_free(&b);
}
END_TEST

static int freed;

static void
count_free(void *p)
{
	freed++;
	free(p);
}

START_TEST(test_target_cache)
{
	struct sc_target *t;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_target_open_rootfs(&t, tmp, &err), 0);
	ck_assert_ptr_null(sc_target_cache_get(t, "k"));
	sc_target_cache_put(t, "k", strdup("one"), count_free);
	ck_assert_str_eq(sc_target_cache_get(t, "k"), "one");
	sc_target_cache_put(t, "k", strdup("two"), count_free);
	ck_assert_int_eq(freed, 1);
	ck_assert_str_eq(sc_target_cache_get(t, "k"), "two");
	sc_target_free(t);
	ck_assert_int_eq(freed, 2);
}
END_TEST

static Suite *
native_fips_suite(void)
{
	Suite *s = suite_create("native_fips");
	TCase *tc = tcase_create("kinds");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_cmvp_dates);
	tcase_add_test(tc, test_entropy);
	tcase_add_test(tc, test_activate_by_version);
	tcase_add_test(tc, test_mac_helpers);
	tcase_add_test(tc, test_target_cache);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(native_fips_suite)
