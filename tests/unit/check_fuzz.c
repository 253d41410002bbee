/*
 * check_fuzz.c - the fuzz harnesses' seeds and findings, replayed as unit
 * tests (so plain, valgrind and ASan runs see them), and the in-memory
 * entry points the harnesses call, checked for what they return.
 *
 * Every tests/fuzz/fuzz_NAME.c is compiled in here with its
 * LLVMFuzzerTestOneInput renamed, and every file of
 * tests/fuzz/corpus/fuzz_NAME/ is fed to it: a harness aborts on a broken
 * property (a crypt hash that survives redaction, strings that differ
 * when fed in two pieces), a sanitizer or valgrind reports the rest.
 */
#include <dirent.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "checks/native.h"
#include "probes/fips_module.h"
#include "probes/libcrypto.h"
#include "target/image.h"
#include "target/osrel.h"
#include "testutil.h"
#include "util/limits.h"
#include "util/redact.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"
#include "xccdf/result.h"

#define LLVMFuzzerTestOneInput fuzz_accounts_one
#include "../fuzz/fuzz_accounts.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_binscan_one
#include "../fuzz/fuzz_binscan.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_cmvp_one
#include "../fuzz/fuzz_cmvp.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_content_one
#include "../fuzz/fuzz_content.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_cryptoparse_one
#include "../fuzz/fuzz_cryptoparse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_image_one
#include "../fuzz/fuzz_image.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_mounts_one
#include "../fuzz/fuzz_mounts.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_prune_one
#include "../fuzz/fuzz_prune.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_osslconf_one
#include "../fuzz/fuzz_osslconf.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_oval_one
#include "../fuzz/fuzz_oval.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_pkgdb_one
#include "../fuzz/fuzz_pkgdb.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_redact_one
#include "../fuzz/fuzz_redact.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_results_one
#include "../fuzz/fuzz_results.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_reviews_one
#include "../fuzz/fuzz_reviews.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_rpmdb_one
#include "../fuzz/fuzz_rpmdb.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_tailoring_one
#include "../fuzz/fuzz_tailoring.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_textsrc_one
#include "../fuzz/fuzz_textsrc.c"
#undef LLVMFuzzerTestOneInput

typedef int (*harness_fn)(const uint8_t *, size_t);

static const struct {
	const char *name;
	harness_fn fn;
} harnesses[] = {
	{ "fuzz_accounts", fuzz_accounts_one },
	{ "fuzz_binscan", fuzz_binscan_one },
	{ "fuzz_cmvp", fuzz_cmvp_one },
	{ "fuzz_content", fuzz_content_one },
	{ "fuzz_cryptoparse", fuzz_cryptoparse_one },
	{ "fuzz_image", fuzz_image_one },
	{ "fuzz_mounts", fuzz_mounts_one },
	{ "fuzz_prune", fuzz_prune_one },
	{ "fuzz_osslconf", fuzz_osslconf_one },
	{ "fuzz_oval", fuzz_oval_one },
	{ "fuzz_pkgdb", fuzz_pkgdb_one },
	{ "fuzz_redact", fuzz_redact_one },
	{ "fuzz_results", fuzz_results_one },
	{ "fuzz_reviews", fuzz_reviews_one },
	{ "fuzz_rpmdb", fuzz_rpmdb_one },
	{ "fuzz_tailoring", fuzz_tailoring_one },
	{ "fuzz_textsrc", fuzz_textsrc_one },
};
#define N_HARNESSES (sizeof(harnesses) / sizeof(harnesses[0]))

/* Every harness source has a row above, and every row has seeds. */
START_TEST(test_every_harness_listed)
{
	DIR *d = opendir("tests/fuzz");
	struct dirent *e;
	size_t found = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), i;

		if (strncmp(e->d_name, "fuzz_", 5) != 0 || n < 3 ||
		    strcmp(e->d_name + n - 2, ".c") != 0)
			continue;
		for (i = 0; i < N_HARNESSES; i++)
			if (strlen(harnesses[i].name) == n - 2 &&
			    strncmp(harnesses[i].name, e->d_name, n - 2) == 0)
				break;
		ck_assert_msg(i < N_HARNESSES, "%s is not replayed here",
		    e->d_name);
		found++;
	}
	closedir(d);
	ck_assert_uint_eq(found, N_HARNESSES);
}
END_TEST

/* _i: harness index; every corpus file through it. */
START_TEST(test_replay_corpus)
{
	char *dir = NULL;
	DIR *d;
	struct dirent *e;
	int n = 0;

	if (asprintf(&dir, "tests/fuzz/corpus/%s", harnesses[_i].name) < 0)
		ck_abort();
	d = opendir(dir);
	ck_assert_msg(d != NULL, "%s: no seed corpus", dir);
	while ((e = readdir(d)) != NULL) {
		char *p = NULL, *data;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, e->d_name) < 0)
			ck_abort();
		data = tu_read(p, &len);
		ck_assert_msg(data != NULL, "%s unreadable", p);
		harnesses[_i].fn((const uint8_t *)data, len);
		free(data);
		free(p);
		n++;
	}
	closedir(d);
	free(dir);
	ck_assert_msg(n > 0, "%s: empty seed corpus", harnesses[_i].name);
}
END_TEST

START_TEST(test_osrel)
{
	static const char text[] = "# c\n  ID=wolfi\nNAME=\"Wolfi \\\"x\\\"\"  \r\n"
	    "=v\nnoeq\nVERSION_ID='2026'\nID=\"second\"";
	struct sc_osrel o = SC_OSREL_INIT;

	/* the length given bounds the text: no terminator is read */
	sc_osrel_parse(&o, text, sizeof(text) - 1);
	ck_assert_str_eq(sc_osrel_get(&o, "ID"), "second");
	ck_assert_str_eq(sc_osrel_get(&o, "NAME"), "Wolfi \"x\"");
	ck_assert_str_eq(sc_osrel_get(&o, "VERSION_ID"), "2026");
	ck_assert_ptr_null(sc_osrel_get(&o, "noeq"));
	ck_assert_uint_eq(o.n, 4);
	sc_osrel_clear(&o);
	/* a NUL ends the text */
	sc_osrel_parse(&o, "A=1\0B=2\n", 8);
	ck_assert_ptr_null(sc_osrel_get(&o, "B"));
	ck_assert_str_eq(sc_osrel_get(&o, "A"), "1");
	sc_osrel_clear(&o);
	sc_osrel_clear(NULL);
}
END_TEST

static int
pkgsrc(enum sc_native_pkgsrc kind, const char *text)
{
	struct sc_testresult *tr = sc_testresult_new();
	int r = sc_native_packages_sources_text(kind, "/f", text, strlen(text),
	    sc_testresult_add(tr, "r"));

	sc_testresult_free(tr);
	return r;
}

START_TEST(test_package_sources_text)
{
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_APK, "https://a/b\n# c\n@t https://x\n"),
	    0);
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_APK, "http://a\n/local\n"), 2);
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_APT_LIST, "deb [trusted=yes] "
	    "https://a s m\ndeb http://b s m\ndeb [x\n"), 3);
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_APT_SOURCES, "URIs: https://a http://b\n"
	    "Trusted: yes\n"), 2);
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_APT_CONF,
	    "APT::Get::AllowUnauthenticated \"true\";\n"), 1);
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_DNF_MAIN, "[main]\ngpgcheck=0\n"), 0);
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_DNF_MAIN, "[x]\ngpgcheck=1\n"), -1);
	ck_assert_int_eq(pkgsrc(SC_PKGSRC_DNF_REPO, "[a]\nbaseurl=http://x\n"
	    "gpgcheck=1\n[b]\nenabled=0\nbaseurl=http://y\n[c]\n"
	    "baseurl=https://z\n"), 2);	/* a: http; c: gpgcheck not set */
}
END_TEST

START_TEST(test_ca_sidecar)
{
	char hex[65], line[200];
	static const char h[] =
	    "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

	snprintf(line, sizeof(line), "%s  *ca.crt\n", h);
	ck_assert_int_eq(sc_native_pki_sidecar_parse(line, strlen(line),
	    "ca.crt", hex), 0);
	ck_assert_str_eq(hex,
	    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
	ck_assert_int_eq(sc_native_pki_sidecar_parse(line, strlen(line),
	    "other.crt", hex), -1);
	/* exactly 64 digits, nothing after: no read past the end */
	ck_assert_int_eq(sc_native_pki_sidecar_parse(h, 64, "ca.crt", hex), -1);
	ck_assert_int_eq(sc_native_pki_sidecar_parse(h, 10, "ca.crt", hex), -1);
	/* the length bounds the name too */
	snprintf(line, sizeof(line), "%s ca.crtX", h);
	ck_assert_int_eq(sc_native_pki_sidecar_parse(line, strlen(line) - 1,
	    "ca.crt", hex), 0);
}
END_TEST

START_TEST(test_fipsmod_mem)
{
	/* the version stored nearest the name is the module's */
	static const char mod[] = "\0\0003.0.19\0\1\1\1\1\1\1\1\1\1\1\1\1"
	    "\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1\1"
	    "\0OpenSSL FIPS Provider\0003.0.20\0";
	unsigned char mac[SC_FIPSMOD_MAC_LEN];
	struct sc_fipsmod m;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_fipsmod_probe_mem(mod, sizeof(mod), NULL, &m, &err),
	    0);
	ck_assert_str_eq(m.name, "OpenSSL FIPS Provider");
	ck_assert_str_eq(m.version, "3.0.20");
	ck_assert_int_eq(m.size, (off_t)sizeof(mod));
	ck_assert_int_eq(sc_fipsmod_hmac(NULL, mod, sizeof(mod), mac, &err), 0);
	ck_assert_mem_eq(m.mac, mac, sizeof(mac));
	sc_fipsmod_clear(&m);
	ck_assert_int_eq(sc_fipsmod_probe_mem(mod, sizeof(mod), "zz", &m, &err),
	    SC_ERR_INVAL);
}
END_TEST

/* The seeds fuzz_image starts from are layouts sc_image_parse_mem takes. */
START_TEST(test_image_mem)
{
	static const char cfg[] = "{\"rootfs\":{\"diff_ids\":[\"sha256:"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}}";
	char hex[65], *man, *idx, *cpath, *mpath, mhex[65];
	struct sc_image_memfile f[4];
	struct sc_err err = SC_ERR_INIT;
	size_t n = 0;

	image_sha256_hex(cfg, sizeof(cfg) - 1, hex);
	if (asprintf(&man, "{\"schemaVersion\":2,\"config\":{\"digest\":"
	    "\"sha256:%s\"},\"layers\":[{\"mediaType\":\"application/vnd.oci."
	    "image.layer.v1.tar+gzip\",\"digest\":\"sha256:%064d\"}]}", hex,
	    0) < 0)
		ck_abort();
	image_sha256_hex(man, strlen(man), mhex);
	if (asprintf(&idx, "{\"manifests\":[{\"mediaType\":\"application/vnd."
	    "oci.image.manifest.v1+json\",\"digest\":\"sha256:%s\"}]}",
	    mhex) < 0 || asprintf(&cpath, "blobs/sha256/%s", hex) < 0 ||
	    asprintf(&mpath, "blobs/sha256/%s", mhex) < 0)
		ck_abort();
	f[0] = (struct sc_image_memfile){ "oci-layout", "{}", 2 };
	f[1] = (struct sc_image_memfile){ "index.json", idx, strlen(idx) };
	f[2] = (struct sc_image_memfile){ mpath, man, strlen(man) };
	f[3] = (struct sc_image_memfile){ cpath, cfg, sizeof(cfg) - 1 };
	ck_assert_msg(sc_image_parse_mem(f, 4, &n, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(n, 1);
	/* a changed config no longer matches its digest */
	f[3].len--;
	ck_assert_int_eq(sc_image_parse_mem(f, 4, &n, &err), SC_ERR_PARSE);
	ck_assert_ptr_nonnull(strstr(err.msg, "digest"));
	/* no oci-layout, no manifest.json */
	ck_assert_int_eq(sc_image_parse_mem(f + 1, 3, &n, &err),
	    SC_ERR_UNSUPPORTED);
	free(man);
	free(idx);
	free(cpath);
	free(mpath);
}
END_TEST

START_TEST(test_tailoring_mem)
{
	static const char tl[] = "<Tailoring xmlns=\"http://checklists.nist.gov/"
	    "xccdf/1.2\" id=\"xccdf_t_tailoring_t\"><Profile id=\"xccdf_t_"
	    "profile_n\"><title>n</title><select idref=\"xccdf_t_rule_r2\" "
	    "selected=\"true\"/></Profile></Tailoring>";
	struct sc_content *c = NULL;
	struct sc_err err = SC_ERR_INIT;

	ck_assert_int_eq(sc_content_load_memory(&c, bench, sizeof(bench) - 1,
	    "bench.xml", NULL, &err), 0);
	ck_assert_int_eq(sc_content_load_tailoring_memory(c, tl, sizeof(tl) - 1,
	    "t.xml", &err), 0);
	ck_assert_ptr_nonnull(sc_bench_profile(sc_content_benchmark(c),
	    "xccdf_t_profile_n"));
	ck_assert_str_eq(sc_content_tailoring_path(c), "t.xml");
	ck_assert_int_lt(sc_content_load_tailoring_memory(c, "<x/>", 4, "u.xml",
	    &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "u.xml"));
	sc_content_free(c);
}
END_TEST

/*
 * fuzz_redact's first finding: a line over SC_LIMIT_LINE_SHOWN cut where
 * "$1a$$2" + the "..." marker makes a crypt shape, and a hash the cut
 * falls inside.
 */
START_TEST(test_redact_cut_line)
{
	char line[SC_LIMIT_LINE_SHOWN + 64];
	struct sc_buf b = SC_BUF_INIT;
	size_t at;

	for (at = SC_LIMIT_LINE_SHOWN - 12; at < SC_LIMIT_LINE_SHOWN + 2; at++) {
		memset(line, 'x', sizeof(line));
		line[at - 1] = ' ';
		memcpy(line + at, "$1a$$2:", 7);
		memcpy(line + SC_LIMIT_LINE_SHOWN + 20, " $6$salt$HASHHASH", 17);
		sc_buf_reset(&b);
		sc_redact_line(&b, "/etc/motd", line, sizeof(line));
		ck_assert_msg(!sc_redact_has_crypt_hash(b.data, b.len),
		    "at %zu: %s", at, b.data);
		ck_assert_ptr_nonnull(strstr(b.data, "..."));
		/* a hash the cut falls inside shows none of itself */
		memcpy(line + SC_LIMIT_LINE_SHOWN - 6, "$6$saltsalt$HASH", 16);
		sc_buf_reset(&b);
		sc_redact_line(&b, "/etc/motd", line, sizeof(line));
		ck_assert_ptr_null(strstr(b.data, "$6$"));
	}
	sc_buf_free(&b);
}
END_TEST

static Suite *
fuzz_suite(void)
{
	Suite *s = suite_create("fuzz");
	TCase *tc = tcase_create("replay");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_every_harness_listed);
	tcase_add_loop_test(tc, test_replay_corpus, 0, (int)N_HARNESSES);
	suite_add_tcase(s, tc);
	tc = tcase_create("entry");
	tcase_add_test(tc, test_osrel);
	tcase_add_test(tc, test_package_sources_text);
	tcase_add_test(tc, test_ca_sidecar);
	tcase_add_test(tc, test_fipsmod_mem);
	tcase_add_test(tc, test_image_mem);
	tcase_add_test(tc, test_tailoring_mem);
	tcase_add_test(tc, test_redact_cut_line);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(fuzz_suite)
