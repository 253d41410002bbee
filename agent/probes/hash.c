/*
 * hash.c - file digests through OpenSSL EVP (hash.h).
 */
#include "probes/hash.h"

#include <openssl/evp.h>
#include <string.h>

#include "probes/filescan.h"

/*
 * Digests come from stigcheck's own library context, not the default one,
 * so the scanning host's OpenSSL configuration (a FIPS-only host, say,
 * where MD5 cannot be fetched) never changes or refuses an answer about
 * the target.
 */
static OSSL_LIB_CTX *
libctx(void)
{
	static OSSL_LIB_CTX *ctx;

	if (ctx == NULL)
		ctx = OSSL_LIB_CTX_new();
	return ctx;
}

static EVP_MD *
fetch(const char *algo, struct sc_err *err)
{
	EVP_MD *md = libctx() ? EVP_MD_fetch(libctx(), algo, NULL) : NULL;

	if (md == NULL)
		sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "hash algorithm '%s' is not available", algo);
	return md;
}

int
sc_probe_hash_known(const char *algo)
{
	EVP_MD *md = libctx() ? EVP_MD_fetch(libctx(), algo, NULL) : NULL;

	EVP_MD_free(md);
	return md != NULL;
}

static void
to_hex(const unsigned char *d, unsigned n, char *hex)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * n] = '\0';
}

static int
finish(EVP_MD_CTX *c, char *hex, struct sc_err *err)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (!EVP_DigestFinal_ex(c, d, &n) || 2 * n + 1 > SC_HASH_HEX_MAX)
		return sc_err_set(err, SC_ERR_INTERNAL, "digest failed");
	to_hex(d, n, hex);
	return SC_OK;
}

int
sc_probe_hash_buf(const void *data, size_t len, const char *algo, char *hex,
    struct sc_err *err)
{
	EVP_MD *md = fetch(algo, err);
	EVP_MD_CTX *c;
	int r;

	if (md == NULL)
		return SC_ERR_UNSUPPORTED;
	c = EVP_MD_CTX_new();
	if (c == NULL || !EVP_DigestInit_ex(c, md, NULL) ||
	    !EVP_DigestUpdate(c, data, len))
		r = sc_err_set(err, SC_ERR_INTERNAL, "digest failed");
	else
		r = finish(c, hex, err);
	EVP_MD_CTX_free(c);
	EVP_MD_free(md);
	return r;
}

struct feed {
	EVP_MD_CTX *c;
	int failed;
};

static void
feed(void *p, const unsigned char *data, size_t n)
{
	struct feed *f = p;

	if (!f->failed && !EVP_DigestUpdate(f->c, data, n))
		f->failed = 1;
}

int
sc_probe_hash_file(struct sc_target *t, const char *path, const char *algo,
    char *hex, struct sc_err *err)
{
	EVP_MD *md = fetch(algo, err);
	struct feed f = { NULL, 0 };
	struct sc_filescan_cb cb = { feed, NULL, &f, 0 };
	int r;

	if (md == NULL)
		return SC_ERR_UNSUPPORTED;
	f.c = EVP_MD_CTX_new();
	if (f.c == NULL || !EVP_DigestInit_ex(f.c, md, NULL)) {
		r = sc_err_set(err, SC_ERR_INTERNAL, "digest failed");
		goto out;
	}
	/* streamed through the target, 64 KiB at a time (filescan.h) */
	if ((r = sc_filescan(t, path, &cb, NULL, err)) < 0)
		goto out;
	r = f.failed ? sc_err_set(err, SC_ERR_INTERNAL, "digest failed") :
	    finish(f.c, hex, err);
out:
	EVP_MD_CTX_free(f.c);
	EVP_MD_free(md);
	return r;
}
