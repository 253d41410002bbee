/*
 * fips_module.h - facts about an OpenSSL FIPS provider module (fips.so)
 * read from its bytes: its integrity MAC and its name and version.
 *
 * The MAC is what `openssl fipsinstall` writes as module-mac and what the
 * provider verifies when it loads: HMAC-SHA256 over the whole file, from
 * byte 0 to the end, keyed with the FIPS key compiled into the module
 * (OpenSSL's default key unless the build chose another).  It is computed
 * with OpenSSL's EVP_MAC in a library context of stigcheck's own (the
 * scanning host's OpenSSL configuration plays no part), streaming the file
 * through the target in 64 KiB chunks.
 *
 * Name and version are the strings the provider reports for its "name" and
 * "version" parameters ("OpenSSL FIPS Provider", "3.0.20"): the version is
 * the x.y.z string stored nearest to the name string.
 */
#ifndef SC_FIPS_MODULE_H
#define SC_FIPS_MODULE_H

#include <stddef.h>
#include <sys/types.h>

#include "target/target.h"
#include "util/err.h"
#include "util/mem.h"

/* OpenSSL's default FIPS key (FIPS_KEY_STRING, include/openssl/fipskey.h). */
#define SC_FIPSMOD_DEFAULT_KEY \
	"f4556650ac31d35461610bac4ed81b1a181b2d8a43ea2854cbae22ca74560813"
/* The install-status value fipsinstall writes (and install-mac covers). */
#define SC_FIPSMOD_INSTALL_STATUS "INSTALL_SELF_TEST_KATS_RUN"
#define SC_FIPSMOD_MAC_LEN 32

struct sc_fipsmod {
	off_t size;
	unsigned char mac[SC_FIPSMOD_MAC_LEN];
	char *name;		/* e.g. "OpenSSL FIPS Provider", or NULL */
	char *version;		/* e.g. "3.0.20", or NULL */
	off_t version_offset;	/* where the version string is */
};

/*
 * Read target file `path`: MAC with hexkey (NULL: the default key), name
 * and version.  Errors are the target's, or SC_ERR_INVAL for a bad key.
 */
int sc_fipsmod_probe(struct sc_target *t, const char *path,
    const char *hexkey, struct sc_fipsmod *out, struct sc_err *err);

/*
 * The same over a module's bytes in memory (tests, the fuzz harness
 * tests/fuzz/fuzz_binscan.c): the same scan, the same MAC.
 */
int sc_fipsmod_probe_mem(const void *p, size_t n, const char *hexkey,
    struct sc_fipsmod *out, struct sc_err *err);
void sc_fipsmod_clear(struct sc_fipsmod *m);

/* HMAC-SHA256 of data with hexkey (NULL: default key). */
int sc_fipsmod_hmac(const char *hexkey, const void *data, size_t n,
    unsigned char out[SC_FIPSMOD_MAC_LEN], struct sc_err *err);

/*
 * Parse a MAC as fipsinstall writes it ("AA:BB:..."; colons optional, any
 * case, as OPENSSL_hexstr2buf accepts).  Returns the byte count, or -1.
 */
long sc_fipsmod_parse_hex(const char *s, unsigned char *out, size_t max);

/* Append bytes as fipsinstall prints them: "AA:BB:...". */
void sc_fipsmod_hex(struct sc_buf *out, const unsigned char *p, size_t n);

#endif
