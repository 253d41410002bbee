/*
 * native_fips_module.c - the FIPS module itself.
 *
 * <sc:openssl_fips_integrity key="HEX"?>
 *	module-mac in the FIPS section equals HMAC-SHA256 over the whole
 *	module file with the FIPS key (default: OpenSSL's), as
 *	`openssl fipsinstall -verify` computes it; when install-status or
 *	install-mac is present, both are, install-status is
 *	INSTALL_SELF_TEST_KATS_RUN and install-mac is its HMAC (the check
 *	OpenSSL 3.0's provider makes at load).
 *
 * <sc:openssl_fips_cmvp warn_days="180"?>
 *   <sc:certificate number="4985" module="..." versions="3.1.2"
 *       standard="FIPS 140-3" status="active" sunset="2030-03-10"
 *       source="URL" package="APK PACKAGE"?/> ...
 * </sc:openssl_fips_cmvp>
 *	the module's version (read from the module) is listed by a
 *	certificate that is active and not past its sunset date; a
 *	certificate with `package` covers only builds from that apk package
 *	(a vendor's own validated build).  Sunset within warn_days gives
 *	`informational`.  The table is data: content/data/cmvp_certificates.yaml,
 *	inlined by the content compiler.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks/cmvp.h"
#include "checks/native_fips.h"
#include "probes/hash.h"
#include "util/mem.h"

/* ---- integrity ---------------------------------------------------------------- */

struct integrity_test {
	char *key;
};

static const char *const integrity_attrs[] = { "key", NULL };

static void
integrity_free(void *p)
{
	struct integrity_test *t = p;

	if (t) {
		free(t->key);
		free(t);
	}
}

static int
integrity_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct integrity_test *t = sc_xcalloc(1, sizeof(*t));
	unsigned char k[128];

	t->key = sc_xml_attr(n, "key");
	if (t->key && sc_fipsmod_parse_hex(t->key, k, sizeof(k)) <= 0) {
		integrity_free(t);
		return sc_err_set(err, SC_ERR_PARSE,
		    "<openssl_fips_integrity>: key must be hexadecimal");
	}
	*out = t;
	return SC_OK;
}

static int
fips_prepare(void *test, struct sc_scan_ctx *ctx, struct sc_err *err)
{
	(void)test;
	(void)err;
	sc_fips_prepare(ctx);
	return SC_OK;
}

static const struct sc_osslconf_value *
fips_param(const struct sc_fips_state *s, const char *name)
{
	const struct sc_osslconf_value *v = NULL;

	for (size_t i = 0; s->fips_sec && i < s->fips_sec->n; i++)
		if (strcmp(s->fips_sec->v[i].name, name) == 0)
			v = &s->fips_sec->v[i];
	return v;
}

/* Compare a recorded MAC with a computed one; evidence either way. */
static int
mac_matches(struct sc_rule_result *rr, const struct sc_osslconf_value *v,
    const unsigned char *mac, const char *what)
{
	unsigned char rec[64];
	long n = sc_fipsmod_parse_hex(v->value, rec, sizeof(rec));
	struct sc_buf b = SC_BUF_INIT;
	int ok;

	sc_buf_reset(&b);
	sc_fipsmod_hex(&b, mac, SC_FIPSMOD_MAC_LEN);
	ok = n == SC_FIPSMOD_MAC_LEN && memcmp(rec, mac, SC_FIPSMOD_MAC_LEN) == 0;
	if (n < 0)
		sc_rr_addf(rr, SC_MSG_ERROR, "%s:%u: %s is not a hexadecimal MAC",
		    v->file, v->line, v->name);
	else if (ok)
		sc_rr_addf(rr, SC_MSG_INFO, "%s:%u: %s matches the HMAC-SHA256 of "
		    "%s", v->file, v->line, v->name, what);
	else
		sc_rr_addf(rr, SC_MSG_ERROR, "%s:%u: %s = %s does not match the "
		    "HMAC-SHA256 of %s, which is %s", v->file, v->line, v->name,
		    v->value, what, b.data);
	sc_buf_free(&b);
	return ok;
}

static enum sc_result
integrity_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct integrity_test *t = p;
	struct sc_fips_state *s = sc_fips_state(ctx);
	const struct sc_osslconf_value *mac, *status, *imac;
	struct sc_fipsmod own;
	const struct sc_fipsmod *m = &s->module;
	struct sc_err err = SC_ERR_INIT;
	enum sc_result res = SC_RESULT_PASS;
	unsigned char ind[SC_FIPSMOD_MAC_LEN];
	char *what;

	memset(&own, 0, sizeof(own));
	if (s->fips_sec == NULL) {
		sc_rr_add(rr, SC_MSG_ERROR, "no FIPS module configuration (no "
		    "fips provider section in the effective configuration and no "
		    "installed fipsmodule.cnf): no module-mac to verify");
		return SC_RESULT_FAIL;
	}
	sc_rr_addf(rr, SC_MSG_INFO, "FIPS module parameters: %s",
	    s->fips_sec_how);
	if (s->module_status < 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "FIPS module %s (%s): %s",
		    s->module_path, s->module_how, s->module_error);
		return SC_RESULT_FAIL;
	}
	if (t->key) {
		if (sc_fipsmod_probe(ctx->target, s->module_path, t->key, &own,
		    &err) < 0) {
			sc_rr_add(rr, SC_MSG_ERROR, err.msg);
			return SC_RESULT_ERROR;
		}
		m = &own;
	}
	what = sc_xasprintf("%s (%lld bytes, the whole file; %s)",
	    s->module_path, (long long)m->size, t->key ? "the rule's key" :
	    "OpenSSL's default FIPS key");
	if ((mac = fips_param(s, "module-mac")) == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "[%s] has no module-mac: the provider "
		    "refuses to load", s->fips_sec->name);
		res = SC_RESULT_FAIL;
	} else if (!mac_matches(rr, mac, m->mac, what)) {
		sc_rr_add(rr, SC_MSG_ERROR, "the module or its recorded MAC "
		    "changed after fipsinstall: the provider fails its integrity "
		    "self-test and refuses to load");
		res = SC_RESULT_FAIL;
	}
	free(what);
	status = fips_param(s, "install-status");
	imac = fips_param(s, "install-mac");
	if (status == NULL && imac == NULL) {
		sc_rr_add(rr, SC_MSG_INFO, "no install-status/install-mac: the "
		    "provider runs its self-tests when it loads");
	} else if (status == NULL || imac == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "[%s] has %s without %s",
		    s->fips_sec->name, status ? "install-status" : "install-mac",
		    status ? "install-mac" : "install-status");
		res = SC_RESULT_FAIL;
	} else {
		if (strcmp(status->value, SC_FIPSMOD_INSTALL_STATUS) != 0) {
			sc_rr_addf(rr, SC_MSG_ERROR, "%s:%u: install-status = %s, "
			    "expected %s", status->file, status->line, status->value,
			    SC_FIPSMOD_INSTALL_STATUS);
			res = SC_RESULT_FAIL;
		}
		if (sc_fipsmod_hmac(t->key, status->value, strlen(status->value),
		    ind, &err) < 0) {
			sc_rr_add(rr, SC_MSG_ERROR, err.msg);
			res = sc_result_and(res, SC_RESULT_ERROR);
		} else {
			what = sc_xasprintf("install-status '%s'", status->value);
			if (!mac_matches(rr, imac, ind, what))
				res = SC_RESULT_FAIL;
			free(what);
		}
	}
	sc_fipsmod_clear(&own);
	return res;
}

const struct sc_native_kind sc_native_fips_integrity_kind = {
	.name = "openssl_fips_integrity",
	.attrs = integrity_attrs,
	.required = NULL,
	.parse = integrity_parse,
	.prepare = fips_prepare,
	.eval = integrity_eval,
	.free = integrity_free,
	.summary = "the FIPS module's module-mac and install-mac verify "
	    "(HMAC-SHA256, as openssl fipsinstall -verify)",
};

/* ---- certificate status ------------------------------------------------------------- */

struct cmvp_test {
	struct sc_cmvp_table *inl;	/* inline <certificate>s, or NULL */
	long warn_days;
};

static const char *const cmvp_attrs[] = { "warn_days", NULL };

static void
cmvp_free(void *p)
{
	struct cmvp_test *t = p;

	if (t == NULL)
		return;
	sc_cmvp_free(t->inl);
	free(t);
}

static int
cert_parse(xmlNodePtr n, struct sc_cmvp_cert *c, struct sc_err *err)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		size_t i;

		for (i = 0; sc_cmvp_fields[i]; i++)
			if (strcmp((const char *)a->name, sc_cmvp_fields[i]) == 0)
				break;
		if (sc_cmvp_fields[i] == NULL)
			return sc_err_set(err, SC_ERR_PARSE, "<certificate>: unknown "
			    "attribute '%s'", (const char *)a->name);
	}
	c->number = sc_xml_attr(n, "number");
	c->module = sc_xml_attr(n, "module");
	c->vendor = sc_xml_attr(n, "vendor");
	c->family = sc_xml_attr(n, "family");
	c->versions = sc_xml_attr(n, "versions");
	c->standard = sc_xml_attr(n, "standard");
	c->status = sc_xml_attr(n, "status");
	c->sunset = sc_xml_attr(n, "sunset");
	c->source = sc_xml_attr(n, "source");
	c->package = sc_xml_attr(n, "package");
	c->sha256 = sc_xml_attr(n, "sha256");
	return sc_cmvp_check_row(c, err);
}

/*
 * <sc:openssl_fips_cmvp/> with no children uses the CMVP table of the scan
 * (--cmvp-table, else the built-in one); inline <sc:certificate> children
 * (content written for an older stigcheck) are used instead when present.
 */
static int
cmvp_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct cmvp_test *t = sc_xcalloc(1, sizeof(*t));
	char *w = sc_xml_attr(n, "warn_days"), *end;
	int r;

	t->warn_days = 180;
	if (w) {
		t->warn_days = strtol(w, &end, 10);
		if (*w == '\0' || *end || t->warn_days < 0) {
			free(w);
			cmvp_free(t);
			return sc_err_set(err, SC_ERR_PARSE,
			    "<openssl_fips_cmvp>: warn_days must be a number of days");
		}
		free(w);
	}
	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct sc_cmvp_table *tab;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "certificate") != 0) {
			r = sc_err_set(err, SC_ERR_PARSE, "<openssl_fips_cmvp>: "
			    "unexpected <%s>", (const char *)c->name);
			cmvp_free(t);
			return r;
		}
		if (t->inl == NULL) {
			t->inl = sc_xcalloc(1, sizeof(*t->inl));
			t->inl->origin = sc_xstrdup("the rule's inline table");
		}
		tab = t->inl;
		SC_GROW(tab->c, tab->cap, tab->n + 1);
		memset(&tab->c[tab->n], 0, sizeof(tab->c[0]));
		r = cert_parse(c, &tab->c[tab->n++], err);
		if (r < 0) {
			cmvp_free(t);
			return r;
		}
	}
	*out = t;
	return SC_OK;
}

/* Does the module's digest match the certificate's (when it lists any)? */
static int
digest_ok(struct sc_rule_result *rr, const struct sc_cmvp_cert *c,
    const char *sha, const char *v)
{
	if (c->sha256 == NULL || c->sha256[0] == '\0') {
		sc_rr_addf(rr, SC_MSG_INFO, "CMVP #%s: identified by version "
		    "string %s; binary not compared with the validated build (the "
		    "table records no SHA-256 for it)", c->number, v);
		return 1;
	}
	if (sha[0] && sc_cmvp_lists(c->sha256, sha)) {
		sc_rr_addf(rr, SC_MSG_INFO, "CMVP #%s: the module's SHA-256 %s "
		    "matches a validated binary", c->number, sha);
		return 1;
	}
	sc_rr_addf(rr, SC_MSG_ERROR, "CMVP #%s lists version %s, but the "
	    "module's SHA-256 %s is not a validated binary's (%s): not the "
	    "validated build", c->number, v, sha[0] ? sha : "(unreadable)",
	    c->sha256);
	return 0;
}

static enum sc_result
cmvp_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct cmvp_test *t = p;
	struct sc_fips_state *s = sc_fips_state(ctx);
	struct sc_err err = SC_ERR_INIT;
	const struct sc_cmvp_table *tab;
	enum sc_result best = SC_RESULT_FAIL;
	time_t now = time(NULL);
	char sha[SC_HASH_HEX_MAX] = "";
	const char *v;
	int candidates = 0;

	if (s->module_status < 0) {
		sc_rr_addf(rr, SC_MSG_ERROR, "FIPS module %s (%s): %s",
		    s->module_path, s->module_how, s->module_error);
		return SC_RESULT_FAIL;
	}
	if ((v = s->module.version) == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s: no module version string found "
		    "next to the provider name", s->module_path);
		return SC_RESULT_ERROR;
	}
	if ((tab = t->inl ? t->inl : sc_cmvp_for(ctx->target, &err)) == NULL) {
		sc_rr_add(rr, SC_MSG_ERROR, err.msg);
		return SC_RESULT_ERROR;
	}
	if (sc_probe_hash_file(ctx->target, s->module_path, "sha256", sha,
	    &err) < 0)
		sha[0] = '\0';
	sc_rr_addf(rr, SC_MSG_INFO, "FIPS module %s: %s version %s (string at "
	    "byte %lld), SHA-256 %s; CMVP table: %s", s->module_path,
	    s->module.name ? s->module.name : "name unknown", v,
	    (long long)s->module.version_offset, sha[0] ? sha : "(unreadable)",
	    tab->origin);
	for (size_t i = 0; i < tab->n; i++) {
		const struct sc_cmvp_cert *c = &tab->c[i];
		enum sc_result r;

		if (strcmp(c->family, "openssl") != 0 ||
		    !sc_cmvp_lists(c->versions, v))
			continue;
		candidates++;
		if (c->package && !sc_fips_apk_has(ctx->target, c->package)) {
			sc_rr_addf(rr, SC_MSG_WARNING, "CMVP #%s (%s) lists version %s "
			    "but covers only the build of apk package %s, which is "
			    "not installed", c->number, c->module, v, c->package);
			continue;
		}
		if (!digest_ok(rr, c, sha, v))
			continue;
		if (strcmp(c->status, "active") != 0) {
			sc_rr_addf(rr, SC_MSG_ERROR, "CMVP #%s (%s, %s, versions %s) "
			    "is %s%s%s (source: %s)", c->number, c->module,
			    c->standard, c->versions, c->status, c->sunset_t ?
			    " since " : "", c->sunset_t ? c->sunset : "", c->source);
			continue;
		}
		if (c->sunset_t && now >= c->sunset_t + 86400) {
			sc_rr_addf(rr, SC_MSG_ERROR, "CMVP #%s (%s, %s, versions %s) "
			    "passed its sunset date %s: the module is no longer "
			    "validated (source: %s)", c->number, c->module,
			    c->standard, c->versions, c->sunset, c->source);
			continue;
		}
		if (c->sunset_t && now + t->warn_days * 86400L >= c->sunset_t) {
			sc_rr_addf(rr, SC_MSG_WARNING, "CMVP #%s (%s, %s, versions %s) "
			    "is active but its sunset date %s is within %ld days "
			    "(source: %s)", c->number, c->module, c->standard,
			    c->versions, c->sunset, t->warn_days, c->source);
			r = SC_RESULT_INFORMATIONAL;
		} else {
			sc_rr_addf(rr, SC_MSG_INFO, "CMVP #%s (%s, %s, versions %s) "
			    "is active, sunset %s (source: %s)", c->number, c->module,
			    c->standard, c->versions, c->sunset_t ? c->sunset :
			    "not recorded", c->source);
			r = SC_RESULT_PASS;
		}
		if (r == SC_RESULT_PASS || best == SC_RESULT_FAIL) {
			char *f = sc_xasprintf("CMVP #%s (%s, active%s%s)",
			    c->number, c->standard, c->sunset_t ? " until " : "",
			    c->sunset_t ? c->sunset : "");

			if (best != SC_RESULT_PASS) {
				sc_target_add_fact(ctx->target, SC_FIPS_CERT_FACT,
				    "string", f);
				free(f);
				f = sc_cmvp_cert_level(c);
				sc_target_add_fact(ctx->target,
				    SC_FIPS_CERT_LEVEL_FACT, "string", f);
			}
			free(f);
			best = r;
		}
	}
	if (candidates == 0)
		sc_rr_addf(rr, SC_MSG_ERROR, "no CMVP certificate in the table "
		    "(%zu entries) covers FIPS module version %s", tab->n, v);
	return best;
}

const struct sc_native_kind sc_native_fips_cmvp_kind = {
	.name = "openssl_fips_cmvp",
	.attrs = cmvp_attrs,
	.required = NULL,
	.parse = cmvp_parse,
	.prepare = fips_prepare,
	.eval = cmvp_eval,
	.free = cmvp_free,
	.summary = "the FIPS module's version is covered by an active CMVP "
	    "certificate (the CMVP table: --cmvp-table, else the built-in one)",
};
