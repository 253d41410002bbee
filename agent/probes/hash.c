/*
 * hash.c - file digests through OpenSSL EVP (hash.h).
 */
#include "probes/hash.h"

#include <errno.h>
#include <openssl/evp.h>
#include <string.h>
#include <unistd.h>

static EVP_MD *
fetch(const char *algo, struct sc_err *err)
{
	EVP_MD *md = EVP_MD_fetch(NULL, algo, NULL);

	if (md == NULL)
		sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "hash algorithm '%s' is not available", algo);
	return md;
}

int
sc_probe_hash_known(const char *algo)
{
	EVP_MD *md = EVP_MD_fetch(NULL, algo, NULL);

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

int
sc_probe_hash_file(struct sc_target *t, const char *path, const char *algo,
    char *hex, struct sc_err *err)
{
	EVP_MD *md = fetch(algo, err);
	EVP_MD_CTX *c = NULL;
	struct stat st;
	int fd = -1, r;

	if (md == NULL)
		return SC_ERR_UNSUPPORTED;
	if ((r = sc_target_open_file(t, path, &fd, &st, err)) < 0)
		goto out;
	c = EVP_MD_CTX_new();
	if (c == NULL || !EVP_DigestInit_ex(c, md, NULL)) {
		r = sc_err_set(err, SC_ERR_INTERNAL, "digest failed");
		goto out;
	}
	for (;;) {
		unsigned char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			r = sc_err_set(err, sc_err_from_errno(e),
			    "cannot read '%s': %s", path, strerror(e));
			goto out;
		}
		if (n == 0)
			break;
		if (!EVP_DigestUpdate(c, chunk, (size_t)n)) {
			r = sc_err_set(err, SC_ERR_INTERNAL, "digest failed");
			goto out;
		}
	}
	r = finish(c, hex, err);
out:
	if (fd >= 0)
		close(fd);
	EVP_MD_CTX_free(c);
	EVP_MD_free(md);
	return r;
}
