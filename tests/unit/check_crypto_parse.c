/*
 * check_crypto_parse.c - the crypto inventory's byte scanners: ELF
 * dynamic sections against binutils' readelf on real host files, hostile
 * (truncated, bit-flipped) ELF input, OpenSSL version texts, Go build
 * information, GODEBUG and Java security properties; algorithm families
 * from OpenSSL provider names and Go function names, in single strings,
 * in a synthetic ELF file's .rodata and in the host's libcrypto.
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


/* Bits as a sorted, space-separated list of family names. */
static char *
alg_names(uint64_t bits)
{
	struct sc_buf b = SC_BUF_INIT;
	const struct sc_crypto_alg *a;

	sc_buf_reset(&b);
	for (unsigned i = 0; (a = sc_crypto_parse_alg(i)) != NULL; i++)
		if (bits & ((uint64_t)1 << i))
			sc_buf_addf(&b, "%s%s", b.len ? " " : "", a->name);
	return sc_buf_detach(&b);
}

static void
expect_ossl(const char *s, const char *names, const char *files)
{
	uint64_t n = 0, f = 0;
	char *gn, *gf;

	sc_crypto_parse_ossl_algs(s, &n, &f);
	gn = alg_names(n);
	gf = alg_names(f);
	ck_assert_msg(strcmp(gn, names) == 0 && strcmp(gf, files) == 0,
	    "%s: names '%s' files '%s', expected '%s' '%s'", s, gn, gf, names,
	    files);
	free(gn);
	free(gf);
}

static void
expect_go(const char *s, const char *names)
{
	char *g = alg_names(sc_crypto_parse_go_algs(s));

	ck_assert_msg(strcmp(g, names) == 0, "%s: '%s', expected '%s'", s, g,
	    names);
	free(g);
}

START_TEST(test_alg_strings)
{
	const struct sc_crypto_alg *a;
	unsigned n = 0;

	/* the table: unique names, CycloneDX primitives, fits 64 bits */
	for (; (a = sc_crypto_parse_alg(n)) != NULL; n++) {
		ck_assert_int_eq(sc_crypto_parse_alg_find(a->name), (int)n);
		ck_assert_ptr_nonnull(strstr(" drbg mac block-cipher "
		    "stream-cipher signature hash pke xof kdf key-agree kem ae ",
		    a->primitive));
	}
	ck_assert_uint_le(n, 64);
	ck_assert_int_eq(sc_crypto_parse_alg_find("ROT13"), -1);
	/* provider names lists (OpenSSL 3.0 to 3.5) */
	expect_ossl("SHA2-256:SHA-256:SHA256:2.16.840.1.101.3.4.2.1", "SHA-2", "");
	expect_ossl("SHA2-512/224:SHA-512/224:SHA512-224:2.16.840.1.101.3.4.2.5",
	    "SHA-2", "");
	expect_ossl("SHA1:SHA-1:SSL3-SHA1:1.3.14.3.2.26", "SHA-1", "");
	expect_ossl("MD5:SSL3-MD5:1.2.840.113549.2.5", "MD5", "");
	expect_ossl("AES-256-GCM:id-aes256-GCM:2.16.840.1.101.3.4.1.46", "AES", "");
	expect_ossl("DES-EDE3-CBC:DES3:1.2.840.113549.3.7", "3DES", "");
	expect_ossl("ML-KEM-768:MLKEM768:id-alg-ml-kem-768:2.16.840.1.101.3.4.4.2",
	    "ML-KEM", "");
	expect_ossl("ECDSA-SHA2-256:ECDSA-SHA256:ecdsa-with-SHA256:"
	    "1.2.840.10045.4.3.2", "ECDSA", "");
	expect_ossl("ED25519:1.3.101.112", "EdDSA", "");
	expect_ossl("PBKDF2:1.2.840.113549.1.5.12", "PBKDF2", "");
	/* a name alone is no evidence: fips.so carries "MD5" and "HMAC" */
	expect_ossl("MD5", "", "");
	expect_ossl("HMAC", "", "");
	expect_ossl("POLY1305", "", "");
	/* not a names list: TLS cipher strings, prose, empty names */
	expect_ossl("DES-CBC3-SHA:AES128-SHA", "", "");
	expect_ossl("ALL:!COMPLEMENTOFDEFAULT:!eNULL", "", "");
	expect_ossl("DHX:X9.42 DH:dhpublicnumber:1.2.840.10046.2.1", "", "");
	expect_ossl("SHA2-256::SHA256", "", "");
	expect_ossl("SHA2-256:", "", "");
	expect_ossl(":SHA2-256", "", "");
	expect_ossl("SHA2-2560:x", "SHA-2", "");
	expect_ossl("SHA2-:x", "", "");
	/* implementation source file names (ERR_raise's __FILE__) */
	expect_ossl("../providers/implementations/macs/hmac_prov.c", "", "HMAC");
	expect_ossl("providers/implementations/rands/drbg_ctr.c", "", "DRBG");
	expect_ossl("providers/implementations/ciphers/"
	    "cipher_chacha20_poly1305.c", "", "ChaCha20-Poly1305");
	expect_ossl("providers/implementations/ciphers/cipher_chacha20.c", "",
	    "ChaCha20");
	/* shared by both providers, or more than one family: nothing */
	expect_ossl("providers/implementations/signature/mac_legacy_sig.c", "",
	    "");
	expect_ossl("providers/implementations/digests/sha2_prov.c", "", "");
	expect_ossl("crypto/evp/evp_enc.c", "", "");
	/* Go function names in .gopclntab */
	expect_go("crypto/sha256.New", "SHA-2");
	expect_go("crypto/sha256.(*digest).Write", "SHA-2");
	expect_go("crypto/internal/fips140/sha256.(*Digest).Write", "SHA-2");
	expect_go("crypto/internal/fips140/mlkem.Encapsulate768", "ML-KEM");
	expect_go("crypto/internal/fips140/drbg.Read", "DRBG");
	expect_go("vendor/golang.org/x/crypto/chacha20poly1305.New",
	    "ChaCha20-Poly1305");
	expect_go("crypto/des.NewTripleDESCipher", "3DES");
	expect_go("crypto/des.(*desCipher).Encrypt", "DES");
	expect_go("crypto/des.init", "");
	expect_go("crypto/des.(*desCipher).generateSubkeys", "");
	expect_go("crypto/ecdh.(*x25519Curve).ecdh", "X25519/X448");
	expect_go("crypto/ecdh.(*nistCurve[...]).ecdh", "ECDH");
	expect_go("crypto/sha3.(*SHAKE).Write", "SHAKE");
	expect_go("crypto/tls.prf12.func1", "TLS1-PRF");
	/* file names, other packages, a prefix that is not the package */
	expect_go("crypto/sha256/sha256.go", "");
	expect_go("crypto/sha256x.New", "");
	expect_go("crypto/cipher.NewGCM", "");
	expect_go("type:.eq.crypto/sha256.digest", "");
	expect_go("main.main", "");
}
END_TEST

/*
 * A 64-bit little-endian ELF file whose only sections are .rodata
 * (holding rod, n bytes) and .shstrtab: *len set.
 */
static unsigned char *
synthetic_elf(const void *rod, size_t n, size_t *len)
{
	static const char shstr[] = "\0.rodata\0.shstrtab";
	size_t rodoff = 64, stroff = rodoff + n, shoff = stroff + sizeof(shstr);
	unsigned char *p;

	shoff = (shoff + 7) & ~(size_t)7;
	*len = shoff + 3 * 64;
	p = calloc(1, *len);
	memcpy(p, "\177ELF\2\1\1", 7);
	p[16] = 3;			/* ET_DYN */
	p[18] = 62;			/* EM_X86_64 */
	p[20] = 1;
	memcpy(p + 40, &(uint64_t){ shoff }, 8);
	p[52] = 64;			/* e_ehsize */
	p[58] = 64;			/* e_shentsize */
	p[60] = 3;			/* e_shnum */
	p[62] = 2;			/* e_shstrndx */
	memcpy(p + rodoff, rod, n);
	memcpy(p + stroff, shstr, sizeof(shstr));
	/* [1] .rodata: name 1, PROGBITS, offset, size */
	p[shoff + 64] = 1;
	p[shoff + 64 + 4] = 1;
	memcpy(p + shoff + 64 + 24, &(uint64_t){ rodoff }, 8);
	memcpy(p + shoff + 64 + 32, &(uint64_t){ n }, 8);
	/* [2] .shstrtab: name 9, STRTAB */
	p[shoff + 128] = 9;
	p[shoff + 128 + 4] = 3;
	memcpy(p + shoff + 128 + 24, &(uint64_t){ stroff }, 8);
	memcpy(p + shoff + 128 + 32, &(uint64_t){ sizeof(shstr) }, 8);
	return p;
}

/* The families of the .rodata of an ELF file in memory (names | files). */
static char *
rodata_algs(const unsigned char *p, size_t n)
{
	struct sc_crypto_parse_elf e;
	struct sc_crypto_parse_marks m;
	char *out;

	ck_assert_int_eq(sc_crypto_parse_elf_mem(p, n, &e), 0);
	ck_assert_uint_gt(e.rodata.size, 0);
	memset(&m, 0, sizeof(m));
	sc_crypto_parse_strings_mem(&m, p + e.rodata.off, (size_t)e.rodata.size);
	out = alg_names(m.ossl_names | m.ossl_files);
	sc_crypto_parse_marks_clear(&m);
	sc_crypto_parse_elf_clear(&e);
	return out;
}

START_TEST(test_alg_elf)
{
	/* a FIPS-provider-like .rodata: names lists, and the bare names and
	   shared sources fips.so carries without offering them */
	static const char fips[] = "\0SHA2-256:SHA-256:SHA256:2.16.840.1.101.3"
	    ".4.2.1\0AES-128-GCM:id-aes128-GCM:2.16.840.1.101.3.4.1.6\0HMAC\0"
	    "CMAC\0KDFMD5-SHA1\0MD5\0POLY1305\0SIPHASH\0../providers/"
	    "implementations/signature/mac_legacy_sig.c\0../providers/"
	    "implementations/macs/hmac_prov.c\0";
	/* a default-provider-like one adds MD5 and ChaCha20-Poly1305 */
	static const char dflt[] = "\0SHA2-256:SHA-256:SHA256:2.16.840.1.101.3"
	    ".4.2.1\0MD5:SSL3-MD5:1.2.840.113549.2.5\0ChaCha20-Poly1305\0"
	    "../providers/implementations/ciphers/cipher_chacha20_poly1305.c\0";
	unsigned char *p;
	size_t n;
	char *got;

	p = synthetic_elf(fips, sizeof(fips), &n);
	got = rodata_algs(p, n);
	ck_assert_str_eq(got, "AES SHA-2 HMAC");
	free(got);
	free(p);
	p = synthetic_elf(dflt, sizeof(dflt), &n);
	got = rodata_algs(p, n);
	ck_assert_str_eq(got, "ChaCha20-Poly1305 SHA-2 MD5");
	free(got);
	free(p);
}
END_TEST

/* Debian's libcrypto.so.3: its default provider offers MD5, SHA-2, AES. */
START_TEST(test_alg_host_libcrypto)
{
	static const char *const paths[] = {
		"/usr/lib/x86_64-linux-gnu/libcrypto.so.3",
		"/usr/lib/aarch64-linux-gnu/libcrypto.so.3", NULL };
	size_t n = 0;
	char *data = NULL, *got;

	for (size_t i = 0; paths[i] && data == NULL; i++)
		data = tu_read(paths[i], &n);
	if (data == NULL) {
		fprintf(stderr, "test_alg_host_libcrypto: skipped: no "
		    "libcrypto.so.3 on this host\n");
		return;
	}
	got = rodata_algs((unsigned char *)data, n);
	ck_assert_msg(strstr(got, "AES ") && strstr(got, " SHA-2 ") &&
	    strstr(got, " MD5 ") && strstr(got, " HMAC ") &&
	    strstr(got, " DRBG"), "host libcrypto: %s", got);
	free(got);
	free(data);
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
	tcase_add_test(tc, test_alg_strings);
	tcase_add_test(tc, test_alg_elf);
	tcase_add_test(tc, test_alg_host_libcrypto);
	suite_add_tcase(s, tc);
	return s;
}

TU_MAIN(crypto_parse_suite)
