/*
 * native_pki.c - <sc:ca_bundle/>: the trust store is the one the image was
 * built with.
 *
 * apko (the builder of Wolfi and Chainguard images) writes, beside each
 * trust bundle it generates, a digest sidecar "<hex>  <basename>":
 *   /etc/ssl/certs/ca-certificates.crt   .ca-certificates.crt.sha256
 *   /etc/ssl/certs/java/cacerts          .cacerts.sha256
 * The test passes when:
 *   - the system bundle exists, its sidecar is well formed and the
 *     bundle's SHA-256 equals it (a missing sidecar fails: without it
 *     nothing shows the trust anchors are the approved ones);
 *   - the Java store, if present, matches its sidecar likewise;
 *   - SSL_CERT_FILE, if the target's environment sets it, names an
 *     existing bundle that matches its own sidecar (kaniko's
 *     /kaniko/ssl/certs layout) or, lacking one, the system sidecar.
 * This is Chainguard's certificate-audit logic, except that an unset
 * SSL_CERT_FILE is fine (programs then use the system bundle, which is
 * checked) and a Java store without a sidecar fails.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/native.h"
#include "probes/hash.h"
#include "util/mem.h"

#define SIDECAR_MAX 4096
#define SYSTEM_BUNDLE "/etc/ssl/certs/ca-certificates.crt"
#define JAVA_STORE "/etc/ssl/certs/java/cacerts"

/* "/a/b/name" -> "/a/b/.name.sha256" */
static char *
sidecar_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return sc_xasprintf("%.*s/.%s.sha256", (int)(slash - path), path,
	    slash + 1);
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

int
sc_native_pki_sidecar_parse(const char *text, size_t len, const char *base,
    char hex[65])
{
	const char *p = text, *e = text + len;
	size_t i, n, bl = strlen(base);

	for (i = 0; i < 64 && i < len; i++)
		if (!is_hex(text[i]))
			return -1;
	if (i != 64 || len == 64 || (text[64] != ' ' && text[64] != '\t'))
		return -1;
	p += 64;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p < e && *p == '*')
		p++;
	for (n = 0; p + n < e && p[n] != '\r' && p[n] != '\n' && p[n] != '\0';
	    n++)
		;
	if (n != bl || memcmp(p, base, n) != 0)
		return -1;
	for (i = 0; i < 64; i++)
		hex[i] = (char)(text[i] | 0x20);	/* lowercase */
	hex[64] = '\0';
	return 0;
}

/*
 * Read a sidecar: 64 hex digits, blanks, optional '*', the bundle's base
 * name.  0 with hex set; 1 when absent; -1 when malformed (a message added
 * unless rr is NULL).
 */
static int
read_sidecar(struct sc_target *t, const char *sc, const char *bundle,
    char hex[65], struct sc_rule_result *rr)
{
	struct sc_buf b = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	const char *base = strrchr(bundle, '/') + 1;
	int r = sc_target_read_file(t, sc, SIDECAR_MAX, &b, NULL, &err);

	if (r == SC_ERR_NOTFOUND) {
		sc_buf_free(&b);
		return 1;
	}
	if (r < 0) {
		if (rr)
			sc_rr_add(rr, SC_MSG_ERROR, err.msg);
		sc_buf_free(&b);
		return -1;
	}
	if (sc_native_pki_sidecar_parse(b.data, b.len, base, hex) < 0)
		goto bad;
	sc_buf_free(&b);
	return 0;
bad:
	if (rr)
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: not a \"<sha256>  %s\" digest "
		    "line", sc, base);
	sc_buf_free(&b);
	return -1;
}

/*
 * Check bundle against sidecar sc (or, when that is absent and fallback is
 * given, against the fallback digest).  Returns a result.
 */
static enum sc_result
verify(struct sc_target *t, const char *bundle, const char *fallback_hex,
    const char *fallback_name, struct sc_rule_result *rr)
{
	char *sc = sidecar_of(bundle);
	char want[65], got[SC_HASH_HEX_MAX];
	struct sc_err err = SC_ERR_INIT;
	enum sc_result res;
	int r = read_sidecar(t, sc, bundle, want, rr);

	if (r < 0) {
		res = SC_RESULT_FAIL;
		goto out;
	}
	if (r == 1) {
		if (fallback_hex == NULL) {
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: no digest sidecar %s; "
			    "nothing shows this trust store is the approved one",
			    bundle, sc);
			res = SC_RESULT_FAIL;
			goto out;
		}
		memcpy(want, fallback_hex, 65);
	}
	if ((r = sc_probe_hash_file(t, bundle, "SHA256", got, &err)) < 0) {
		sc_rr_add(rr, SC_MSG_ERROR, err.msg);
		res = r == SC_ERR_NOTFOUND ? SC_RESULT_FAIL : SC_RESULT_ERROR;
		goto out;
	}
	if (strcmp(got, want) != 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: SHA-256 %s does not match %s "
		    "(%s): the trust store was changed after the image was built",
		    bundle, got, r == 1 ? fallback_name : sc, want);
		res = SC_RESULT_FAIL;
		goto out;
	}
	sc_rr_addf(rr, SC_MSG_INFO, "%s: SHA-256 %s matches %s", bundle, got,
	    r == 1 ? fallback_name : sc);
	res = SC_RESULT_PASS;
out:
	free(sc);
	return res;
}

static int
exists(struct sc_target *t, const char *path)
{
	struct stat st;

	return sc_target_lstat(t, path, &st, NULL) == 0;
}

static enum sc_result
ca_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct sc_target *t = ctx->target;
	const char *env = sc_target_getenv(t, "SSL_CERT_FILE");
	char *sc = sidecar_of(SYSTEM_BUNDLE);
	char sys_hex[65];
	enum sc_result res = SC_RESULT_PASS;
	int have_sys;

	(void)p;
	if (!exists(t, SYSTEM_BUNDLE)) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s does not exist: no system trust "
		    "store to verify", SYSTEM_BUNDLE);
		res = SC_RESULT_FAIL;
	} else {
		res = verify(t, SYSTEM_BUNDLE, NULL, NULL, rr);
	}
	if (exists(t, JAVA_STORE))
		res = sc_result_and(res, verify(t, JAVA_STORE, NULL, NULL, rr));
	if (env != NULL) {
		if (strcmp(env, SYSTEM_BUNDLE) == 0) {
			sc_rr_addf(rr, SC_MSG_INFO, "SSL_CERT_FILE=%s: the system "
			    "bundle", env);
		} else if (env[0] != '/' || !exists(t, env)) {
			sc_rr_addf(rr, SC_MSG_ERROR, "SSL_CERT_FILE=%s in the "
			    "target's environment names no bundle in the target",
			    env);
			res = sc_result_and(res, SC_RESULT_FAIL);
		} else {
			sc_rr_addf(rr, SC_MSG_INFO, "SSL_CERT_FILE=%s in the "
			    "target's environment", env);
			have_sys = read_sidecar(t, sc, SYSTEM_BUNDLE, sys_hex,
			    NULL) == 0;
			res = sc_result_and(res, verify(t, env, have_sys ? sys_hex :
			    NULL, sc, rr));
		}
	}
	free(sc);
	return res;
}

static int
ca_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	(void)n;
	(void)err;
	*out = sc_xcalloc(1, 1);
	return SC_OK;
}

static const char *const ca_attrs[] = { NULL };

const struct sc_native_kind sc_native_ca_bundle_kind = {
	.name = "ca_bundle",
	.attrs = ca_attrs,
	.required = NULL,
	.parse = ca_parse,
	.prepare = NULL,
	.eval = ca_eval,
	.free = free,
	.summary = "trust stores match the digests recorded when the image was built",
};
