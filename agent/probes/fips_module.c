/*
 * fips_module.c - FIPS provider module facts (fips_module.h).
 */
#include "probes/fips_module.h"

#include <ctype.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "probes/filescan.h"

#define NEAR_BYTES 512		/* name and version strings are neighbours */

long
sc_fipsmod_parse_hex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;

	while (*s) {
		int hi, lo;

		if (*s == ':') {
			s++;
			continue;
		}
		if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
			return -1;
		hi = isdigit((unsigned char)s[0]) ? s[0] - '0' :
		    (tolower((unsigned char)s[0]) - 'a' + 10);
		lo = isdigit((unsigned char)s[1]) ? s[1] - '0' :
		    (tolower((unsigned char)s[1]) - 'a' + 10);
		if (n >= max)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | lo);
		s += 2;
	}
	return (long)n;
}

void
sc_fipsmod_hex(struct sc_buf *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sc_buf_addf(out, "%s%02X", i ? ":" : "", p[i]);
}

struct mac_ctx {
	OSSL_LIB_CTX *lib;
	OSSL_PROVIDER *prov;
	EVP_MAC *mac;
	EVP_MAC_CTX *ctx;
	int failed;
};

static void
mac_done(struct mac_ctx *m)
{
	EVP_MAC_CTX_free(m->ctx);
	EVP_MAC_free(m->mac);
	if (m->prov)
		OSSL_PROVIDER_unload(m->prov);
	OSSL_LIB_CTX_free(m->lib);
}

static int
mac_begin(struct mac_ctx *m, const char *hexkey, struct sc_err *err)
{
	unsigned char key[128];
	long klen;
	OSSL_PARAM params[2];

	memset(m, 0, sizeof(*m));
	klen = sc_fipsmod_parse_hex(hexkey ? hexkey : SC_FIPSMOD_DEFAULT_KEY, key,
	    sizeof(key));
	if (klen <= 0)
		return sc_err_set(err, SC_ERR_INVAL,
		    "the FIPS key '%s' is not hexadecimal", hexkey);
	/* never the scanning host's openssl.cnf: a private library context */
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	if ((m->lib = OSSL_LIB_CTX_new()) == NULL ||
	    (m->prov = OSSL_PROVIDER_load(m->lib, "default")) == NULL ||
	    (m->mac = EVP_MAC_fetch(m->lib, "HMAC", NULL)) == NULL ||
	    (m->ctx = EVP_MAC_CTX_new(m->mac)) == NULL)
		goto fail;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_init(m->ctx, key, (size_t)klen, params))
		goto fail;
	return SC_OK;
fail:
	mac_done(m);
	memset(m, 0, sizeof(*m));
	return sc_err_set(err, SC_ERR_INTERNAL,
	    "OpenSSL could not set up HMAC-SHA256");
}

static int
mac_end(struct mac_ctx *m, unsigned char out[SC_FIPSMOD_MAC_LEN],
    struct sc_err *err)
{
	size_t len = 0;
	int ok = !m->failed && EVP_MAC_final(m->ctx, out, &len,
	    SC_FIPSMOD_MAC_LEN) && len == SC_FIPSMOD_MAC_LEN;

	mac_done(m);
	if (!ok)
		return sc_err_set(err, SC_ERR_INTERNAL, "HMAC-SHA256 failed");
	return SC_OK;
}

int
sc_fipsmod_hmac(const char *hexkey, const void *data, size_t n,
    unsigned char out[SC_FIPSMOD_MAC_LEN], struct sc_err *err)
{
	struct mac_ctx m;
	int r;

	if ((r = mac_begin(&m, hexkey, err)) < 0)
		return r;
	if (!EVP_MAC_update(m.ctx, data, n))
		m.failed = 1;
	return mac_end(&m, out, err);
}

struct scan {
	struct mac_ctx *m;
	struct sc_fipsmod *out;
	off_t name_off;
	/* best version candidate so far */
	char version[64];
	off_t version_off;
	off_t dist;
	/* version strings seen before the name (distance decided later) */
	char pending[8][64];
	off_t pending_off[8];
	int npending;
};

static void
on_chunk(void *ctx, const unsigned char *p, size_t n)
{
	struct scan *s = ctx;

	if (!s->m->failed && !EVP_MAC_update(s->m->ctx, p, n))
		s->m->failed = 1;
}

static int
is_version(const char *v, size_t n)
{
	int dots = 0;

	if (n < 5 || n > 40 || !isdigit((unsigned char)v[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '.')
			dots++;
		else if (!isalnum((unsigned char)v[i]) && v[i] != '-' &&
		    v[i] != '+' && v[i] != '~')
			return 0;
	}
	return dots == 2;
}

static void
consider(struct scan *s, const char *v, off_t off)
{
	off_t d = off > s->name_off ? off - s->name_off : s->name_off - off;

	if (d <= NEAR_BYTES && (s->version[0] == '\0' || d < s->dist)) {
		snprintf(s->version, sizeof(s->version), "%s", v);
		s->version_off = off;
		s->dist = d;
	}
}

static void
on_string(void *ctx, const char *str, size_t n, off_t off)
{
	struct scan *s = ctx;

	if (s->out->name == NULL && strstr(str, "FIPS") && (strstr(str,
	    "Provider") || strstr(str, "provider")) && n < 80 &&
	    strchr(str, '%') == NULL) {
		s->out->name = sc_xstrdup(str);
		s->name_off = off;
		for (int i = 0; i < s->npending; i++)
			consider(s, s->pending[i], s->pending_off[i]);
		return;
	}
	if (!is_version(str, n) || n >= sizeof(s->version))
		return;
	if (s->out->name != NULL) {
		consider(s, str, off);
	} else {
		/* keep the last few before the name: only near ones matter */
		if (s->npending == 8) {
			memmove(s->pending[0], s->pending[1],
			    sizeof(s->pending[0]) * 7);
			memmove(s->pending_off, s->pending_off + 1,
			    sizeof(s->pending_off[0]) * 7);
			s->npending = 7;
		}
		snprintf(s->pending[s->npending], sizeof(s->pending[0]), "%s", str);
		s->pending_off[s->npending++] = off;
	}
}

/*
 * Scan the module with src (which streams every byte through cb and fills
 * *size): the shared body of sc_fipsmod_probe and sc_fipsmod_probe_mem.
 */
typedef int (*scan_src_fn)(void *arg, const struct sc_filescan_cb *cb,
    off_t *size, struct sc_err *err);

static int
probe(scan_src_fn src, void *arg, const char *hexkey, struct sc_fipsmod *out,
    struct sc_err *err)
{
	struct mac_ctx m;
	struct scan *s;
	struct sc_filescan_cb cb;
	off_t size = 0;
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = mac_begin(&m, hexkey, err)) < 0)
		return r;
	s = sc_xcalloc(1, sizeof(*s));
	s->m = &m;
	s->out = out;
	cb.chunk = on_chunk;
	cb.string = on_string;
	cb.ctx = s;
	cb.min_len = 5;
	if ((r = src(arg, &cb, &size, err)) < 0) {
		mac_done(&m);
		sc_fipsmod_clear(out);
		free(s);
		return r;
	}
	if ((r = mac_end(&m, out->mac, err)) < 0) {
		sc_fipsmod_clear(out);
		free(s);
		return r;
	}
	out->size = size;
	if (s->version[0]) {
		out->version = sc_xstrdup(s->version);
		out->version_offset = s->version_off;
	}
	free(s);
	return SC_OK;
}

struct file_src {
	struct sc_target *t;
	const char *path;
};

static int
file_src(void *arg, const struct sc_filescan_cb *cb, off_t *size,
    struct sc_err *err)
{
	struct file_src *f = arg;
	struct stat st;
	int r;

	if ((r = sc_filescan(f->t, f->path, cb, &st, err)) < 0)
		return r;
	*size = st.st_size;
	return SC_OK;
}

struct mem_src {
	const void *p;
	size_t n;
};

static int
mem_src(void *arg, const struct sc_filescan_cb *cb, off_t *size,
    struct sc_err *err)
{
	struct mem_src *m = arg;

	(void)err;
	sc_filescan_mem(m->p, m->n, cb);
	*size = (off_t)m->n;
	return SC_OK;
}

int
sc_fipsmod_probe(struct sc_target *t, const char *path, const char *hexkey,
    struct sc_fipsmod *out, struct sc_err *err)
{
	struct file_src f = { t, path };

	return probe(file_src, &f, hexkey, out, err);
}

int
sc_fipsmod_probe_mem(const void *p, size_t n, const char *hexkey,
    struct sc_fipsmod *out, struct sc_err *err)
{
	struct mem_src m = { p, n };

	return probe(mem_src, &m, hexkey, out, err);
}

void
sc_fipsmod_clear(struct sc_fipsmod *m)
{
	if (m == NULL)
		return;
	free(m->name);
	free(m->version);
	memset(m, 0, sizeof(*m));
}
