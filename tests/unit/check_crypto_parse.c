/*
 * check_crypto_parse.c - the crypto inventory's byte scanners: ELF
 * dynamic sections against binutils' readelf on real host files, hostile
 * (truncated, bit-flipped) ELF input, OpenSSL version texts, Go build
 * information, GODEBUG and Java security properties.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/crypto_parse.h"
#include "testutil.h"

/* DT_NEEDED names as readelf prints them, space-separated. */
static char *
readelf_needed(const char *path, char **soname)
{
	char *cmd = sc_xasprintf("readelf -d '%s' 2>/dev/null", path);
	FILE *f = popen(cmd, "r");
	struct sc_buf b = SC_BUF_INIT;
	char line[1024];

	sc_buf_reset(&b);
	*soname = NULL;
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		char *l = strchr(line, '['), *r = strrchr(line, ']');

		if (l == NULL || r == NULL)
			continue;
		*r = '\0';
		if (strstr(line, "(NEEDED)"))
			sc_buf_addf(&b, "%s ", l + 1);
		else if (strstr(line, "(SONAME)"))
			*soname = sc_xstrdup(l + 1);
	}
	pclose(f);
	free(cmd);
	return sc_buf_detach(&b);
}

/* readelf -h's Machine, as CycloneDX names the platform. */
static const char *
readelf_platform(const char *path)
{
	char *cmd = sc_xasprintf("readelf -h '%s' | grep -q 'Machine:.*X86-64'",
	    path);
	int x86 = system(cmd) == 0;

	free(cmd);
	if (x86)
		return "x86_64";
	cmd = sc_xasprintf("readelf -h '%s' | grep -q 'Machine:.*AArch64'", path);
	x86 = system(cmd) == 0;
	free(cmd);
	return x86 ? "armv8-a" : "other";
}

static const char *const host_elfs[] = {
	"/usr/bin/ls", "/usr/bin/openssl",
	"/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
	"/usr/lib/x86_64-linux-gnu/libssl.so.3", NULL,
};

START_TEST(test_elf_vs_readelf)
{
	int tested = 0;

	/* readelf (binutils) comes with the compiler */
	ck_assert_int_eq(system("command -v readelf >/dev/null 2>&1"), 0);
	for (size_t i = 0; host_elfs[i]; i++) {
		struct sc_crypto_parse_elf e;
		struct sc_buf got = SC_BUF_INIT;
		char *data, *want, *soname;
		size_t n;

		if ((data = tu_read(host_elfs[i], &n)) == NULL)
			continue;
		tested++;
		ck_assert_int_eq(sc_crypto_parse_elf_mem(data, n, &e), 0);
		sc_buf_reset(&got);
		for (size_t k = 0; k < e.needed.n; k++)
			sc_buf_addf(&got, "%s ", e.needed.v[k]);
		want = readelf_needed(host_elfs[i], &soname);
		ck_assert_str_eq(got.data, want);
		if (soname)
			ck_assert_str_eq(e.soname ? e.soname : "", soname);
		else
			ck_assert_ptr_null(e.soname);
		ck_assert_int_eq(e.bits, 64);
		ck_assert_str_eq(sc_crypto_parse_platform(&e),
		    readelf_platform(host_elfs[i]));
		ck_assert(e.rodata.size > 0);
		if (strstr(host_elfs[i], "/bin/"))
			ck_assert_int_eq(e.is_exec, 1);
		else
			ck_assert_int_eq(e.is_exec, 0);
		sc_crypto_parse_elf_clear(&e);
		sc_buf_free(&got);
		free(want);
		free(soname);
		free(data);
	}
	ck_assert_int_gt(tested, 1);
}
END_TEST

START_TEST(test_elf_hostile)
{
	struct sc_crypto_parse_elf e;
	size_t n;
	char *data = tu_read("/usr/bin/ls", &n);
	unsigned char *copy;

	ck_assert_ptr_nonnull(data);
	/* every truncation of the headers: no crash, no leak */
	for (size_t k = 0; k < 2048 && k < n; k += 7) {
		sc_crypto_parse_elf_mem(data, k, &e);
		sc_crypto_parse_elf_clear(&e);
	}
	/* flipped bytes anywhere in the first 4 KiB */
	copy = malloc(n);
	for (size_t k = 0; k < 4096 && k < n; k += 3) {
		memcpy(copy, data, n);
		copy[k] ^= 0xff;
		sc_crypto_parse_elf_mem(copy, n, &e);
		sc_crypto_parse_elf_clear(&e);
	}
	ck_assert_int_eq(sc_crypto_parse_elf_mem("#!/bin/sh\n", 10, &e), -1);
	ck_assert_int_eq(e.needed.n, 0);
	free(copy);
	free(data);
}
END_TEST

START_TEST(test_openssl_strings)
{
	struct sc_crypto_parse_marks m;
	static const char blob[] = "\0\0OpenSSL 3.0.15 3 Sep 2024\0"
	    "OPENSSLDIR: \"/usr/local/ssl\"\0MODULESDIR: \"/usr/local/lib/"
	    "ossl-modules\"\0crypto/sha256.(*digest).Write\0--force-fips\0";

	ck_assert(sc_crypto_parse_is_openssl_version("OpenSSL 3.0.15 3 Sep 2024"));
	ck_assert(sc_crypto_parse_is_openssl_version("OpenSSL 1.1.1w  11 Sep 2023"));
	ck_assert(sc_crypto_parse_is_openssl_version("OpenSSL 3.1.2 1 Aug 2023"));
	ck_assert(!sc_crypto_parse_is_openssl_version("OpenSSL 3.0 library"));
	ck_assert(!sc_crypto_parse_is_openssl_version("OpenSSL 3.0.15 3 Foo 2024"));
	ck_assert(!sc_crypto_parse_is_openssl_version("OpenSSL %s"));
	memset(&m, 0, sizeof(m));
	sc_crypto_parse_strings_mem(&m, blob, sizeof(blob));
	ck_assert_str_eq(m.openssl_version, "OpenSSL 3.0.15 3 Sep 2024");
	ck_assert_str_eq(m.openssldir, "/usr/local/ssl");
	ck_assert_str_eq(m.modulesdir, "/usr/local/lib/ossl-modules");
	ck_assert_int_eq(m.go_crypto, 1);
	ck_assert_int_eq(m.node, 1);
	sc_crypto_parse_marks_clear(&m);
	sc_crypto_parse_string(&m, "AWS-LC FIPS 2.0.13");
	sc_crypto_parse_string(&m, "LibreSSL 3.8.2");
	sc_crypto_parse_string(&m, "BoringSSL");
	ck_assert_str_eq(m.awslc, "AWS-LC FIPS 2.0.13");
	ck_assert_int_eq(m.awslc_fips, 1);
	ck_assert_str_eq(m.libressl, "LibreSSL 3.8.2");
	ck_assert_int_eq(m.boringssl, 1);
	sc_crypto_parse_marks_clear(&m);
}
END_TEST

/* A Go 1.18+ buildinfo blob with inline strings, as cmd/link writes it. */
static size_t
go_blob(unsigned char *out, const char *ver, const char *mod)
{
	size_t n = 32, ml = strlen(mod) + 32;

	memset(out, 0, 32);
	memcpy(out, "\xff Go buildinf:", 14);
	out[14] = 8;
	out[15] = 2;
	out[n++] = (unsigned char)strlen(ver);
	memcpy(out + n, ver, strlen(ver));
	n += strlen(ver);
	out[n++] = (unsigned char)(0x80 | (ml & 0x7f));
	out[n++] = (unsigned char)(ml >> 7);
	memset(out + n, 'S', 16);	/* sentinel */
	memcpy(out + n + 16, mod, strlen(mod));
	memset(out + n + 16 + strlen(mod), 'E', 16);
	return n + ml;
}

START_TEST(test_go_buildinfo)
{
	unsigned char blob[1024];
	struct sc_crypto_parse_go g;
	size_t n;
	char *v;

	n = go_blob(blob, "go1.19.8 X:boringcrypto", "path\texample.com/app\n"
	    "mod\texample.com/app\t(devel)\t\nbuild\t-compiler=gc\n"
	    "build\tCGO_ENABLED=1\nbuild\tGOEXPERIMENT=boringcrypto\n"
	    "build\tGOOS=linux\n");
	ck_assert_int_eq(sc_crypto_parse_go(blob, n, &g), 0);
	ck_assert_str_eq(g.version, "go1.19.8 X:boringcrypto");
	ck_assert_str_eq(g.path, "example.com/app");
	ck_assert_str_eq(g.goexperiment, "boringcrypto");
	ck_assert_str_eq(g.cgo, "1");
	ck_assert_int_eq(g.boringcrypto, 1);
	ck_assert_ptr_null(g.gofips140);
	sc_crypto_parse_go_clear(&g);

	n = go_blob(blob, "go1.24.1", "path\tapp\nbuild\tGOFIPS140=v1.0.0\n"
	    "build\tDefaultGODEBUG=fips140=on,tlsrsakex=1\n");
	ck_assert_int_eq(sc_crypto_parse_go(blob, n, &g), 0);
	ck_assert_str_eq(g.gofips140, "v1.0.0");
	ck_assert_int_eq(g.boringcrypto, 0);
	v = sc_crypto_parse_godebug(g.default_godebug, "fips140");
	ck_assert_str_eq(v, "on");
	free(v);
	sc_crypto_parse_go_clear(&g);

	/* truncations never read past the end */
	for (size_t k = 0; k < n; k++) {
		if (sc_crypto_parse_go(blob, k, &g) == 0)
			sc_crypto_parse_go_clear(&g);
	}
	blob[15] = 0;
	ck_assert_int_eq(sc_crypto_parse_go(blob, n, &g), -2);
	ck_assert_int_eq(sc_crypto_parse_go("nope", 4, &g), -1);

	v = sc_crypto_parse_godebug("fips140=on, x=1,fips140=only", "fips140");
	ck_assert_str_eq(v, "only");
	free(v);
	ck_assert_ptr_null(sc_crypto_parse_godebug("x=1", "fips140"));
	ck_assert_ptr_null(sc_crypto_parse_godebug(NULL, "fips140"));
}
END_TEST

START_TEST(test_java)
{
	static const char props[] =
	    "# comment\n"
	    "security.provider.1=SUN\n"
	    "security.provider.2=SunRsaSign\n"
	    "! other comment\n"
	    "security.provider.3 = SunPKCS11 \\\n"
	    "    ${java.home}/conf/security/nss.cfg\n"
	    "security.provider.12:SunPCSC\n"
	    "security.provider.99=TooFar\n"
	    "securerandom.source=file:/dev/random\n";
	static const char over[] = "security.provider.1=BCFIPS\n";
	struct sc_crypto_parse_java j;
	int rep;
	char *f;

	memset(&j, 0, sizeof(j));
	sc_crypto_parse_java(&j, props, sizeof(props) - 1, 0);
	ck_assert_str_eq(j.providers[0], "SUN");
	ck_assert_str_eq(j.providers[1], "SunRsaSign");
	ck_assert_str_eq(j.providers[2],
	    "SunPKCS11 ${java.home}/conf/security/nss.cfg");
	ck_assert_str_eq(j.providers[11], "SunPCSC");
	ck_assert_ptr_null(j.providers[3]);
	sc_crypto_parse_java(&j, over, sizeof(over) - 1, 0);
	ck_assert_str_eq(j.providers[0], "BCFIPS");
	ck_assert_str_eq(j.providers[1], "SunRsaSign");
	sc_crypto_parse_java(&j, over, sizeof(over) - 1, 1);
	ck_assert_str_eq(j.providers[0], "BCFIPS");
	ck_assert_ptr_null(j.providers[1]);
	sc_crypto_parse_java_clear(&j);
	/* the JDK reads overrides only with overridePropertiesFile "true" */
	memset(&j, 0, sizeof(j));
	sc_crypto_parse_java(&j, props, sizeof(props) - 1, 0);
	ck_assert_int_eq(j.override_allowed, 0);
	sc_crypto_parse_java(&j, "security.overridePropertiesFile = TRUE \n",
	    40, 0);
	ck_assert_int_eq(j.override_allowed, 1);
	sc_crypto_parse_java(&j, "security.overridePropertiesFile=false\n", 38,
	    0);
	ck_assert_int_eq(j.override_allowed, 0);
	sc_crypto_parse_java(&j, "security.overridePropertiesFile=yes\n", 36, 0);
	ck_assert_int_eq(j.override_allowed, 0);
	sc_crypto_parse_java_clear(&j);

	f = sc_crypto_parse_java_override("-Xmx1g -Djava.security.properties="
	    "/etc/java/fips.security -Dx=1", &rep);
	ck_assert_str_eq(f, "/etc/java/fips.security");
	ck_assert_int_eq(rep, 0);
	free(f);
	f = sc_crypto_parse_java_override("-Djava.security.properties==/a "
	    "-Djava.security.properties=/b", &rep);
	ck_assert_str_eq(f, "/b");
	free(f);
	f = sc_crypto_parse_java_override("-Djava.security.properties==/a", &rep);
	ck_assert_str_eq(f, "/a");
	ck_assert_int_eq(rep, 1);
	free(f);
	ck_assert_ptr_null(sc_crypto_parse_java_override("-Xmx1g", &rep));
}
END_TEST

static Suite *
crypto_parse_suite(void)
{
	Suite *s = suite_create("crypto_parse");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_elf_vs_readelf);
	tcase_add_test(tc, test_elf_hostile);
	tcase_add_test(tc, test_openssl_strings);
	tcase_add_test(tc, test_go_buildinfo);
	tcase_add_test(tc, test_java);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(crypto_parse_suite)
