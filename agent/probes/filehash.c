/*
 * filehash.c - file digests through the target (filehash.h).
 */
#include "probes/filehash.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "probes/filescan.h"

static OSSL_LIB_CTX *libctx;	/* ours: independent of the host's config */

struct hash_ctx {
	EVP_MD_CTX *md;
	int failed;
};

static void
feed(void *p, const unsigned char *data, size_t n)
{
	struct hash_ctx *h = p;

	if (!h->failed && EVP_DigestUpdate(h->md, data, n) != 1)
		h->failed = 1;
}

int
sc_filehash(struct sc_target *t, const char *path, const char *alg,
    char hex[SC_FILEHASH_HEX_MAX], struct sc_err *err)
{
	struct hash_ctx h = { NULL, 0 };
	struct sc_filescan_cb cb = { feed, NULL, &h, 0 };
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD *type = NULL;
	int r;

	hex[0] = '\0';
	if (libctx == NULL && (libctx = OSSL_LIB_CTX_new()) == NULL)
		return sc_err_set(err, SC_ERR_NOMEM, "cannot create a library "
		    "context for hashing");
	type = EVP_MD_fetch(libctx, alg, NULL);
	if (type == NULL)
		return sc_err_set(err, SC_ERR_UNSUPPORTED,
		    "digest '%s' is not available", alg);
	h.md = EVP_MD_CTX_new();
	if (h.md == NULL || EVP_DigestInit_ex(h.md, type, NULL) != 1) {
		r = sc_err_set(err, SC_ERR_INTERNAL, "cannot start a %s digest",
		    alg);
		goto out;
	}
	if ((r = sc_filescan(t, path, &cb, NULL, err)) < 0)
		goto out;
	if (h.failed || EVP_DigestFinal_ex(h.md, md, &len) != 1) {
		r = sc_err_set(err, SC_ERR_INTERNAL, "%s digest of '%s' failed",
		    alg, path);
		goto out;
	}
	for (unsigned i = 0; i < len && 2 * i + 2 < SC_FILEHASH_HEX_MAX; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	r = SC_OK;
out:
	EVP_MD_CTX_free(h.md);
	EVP_MD_free(type);
	return r;
}
