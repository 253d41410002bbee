/*
 * native_crypto.c - every cryptographic implementation a program in the
 * target can reach is inside a FIPS boundary.
 *
 * <sc:crypto_inventory/>
 *	The inventory (probes/crypto_inventory.h) judged entry by entry:
 *	- the system libcrypto: inside when its configuration enforces the
 *	  FIPS provider (sc_fips_enforced: loads, activates fips, fips=yes
 *	  mandatory, module readable);
 *	- another OpenSSL copy (bundled libcrypto, OpenSSL linked into an
 *	  executable): the same, with the configuration that copy would load
 *	  (its own OPENSSLDIR/MODULESDIR; OPENSSL_CONF still wins);
 *	- Go: inside when built with BoringCrypto (GOEXPERIMENT=boringcrypto)
 *	  or when fips140 is on or only (GODEBUG in the target's environment,
 *	  else the binary's DefaultGODEBUG, else GOFIPS140 set at build
 *	  time); a binary with no crypto/ function carries no cryptography;
 *	- Java: inside when the first security provider is a FIPS one
 *	  (BCFIPS with a bc-fips jar in the target, or SunPKCS11 configured
 *	  for NSS in FIPS mode);
 *	- AWS-LC built as its FIPS module: inside (its certificate is
 *	  decided by the CMVP table, not here);
 *	- any other library (LibreSSL, BoringSSL, libgcrypt, GnuTLS, Nettle,
 *	  NSS, mbedTLS, libsodium, wolfSSL): outside;
 *	- libssl, Python's _ssl/_hashlib and Node use a libcrypto judged on
 *	  its own: reported, not judged again; fips.so copies other than the
 *	  one a configuration loads are reported.
 *	An entry outside the boundary fails the rule when reachable, and is
 *	reported (warning, not a failure) when not; evidence names the file,
 *	why, and how reachability was decided.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/native_crypto.h"
#include "checks/cmvp.h"
#include "util/mem.h"
#include "xccdf/result.h"

#define CACHE_KEY "crypto.inventory"

struct crypto_cache {
	struct sc_crypto_inventory *inv;
	struct sc_crypto_judgement *j;	/* one per entry */
	size_t n;
	int judged;
};

static void
cache_free(void *p)
{
	struct crypto_cache *c = p;

	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->j[i].why);
		free(c->j[i].cert);
		free(c->j[i].level);
	}
	free(c->j);
	sc_crypto_inventory_free(c->inv);
	free(c);
}

static struct crypto_cache *
cache_get(struct sc_target *t)
{
	struct crypto_cache *c = sc_target_cache_get(t, CACHE_KEY);

	if (c == NULL) {
		c = sc_xcalloc(1, sizeof(*c));
		c->inv = sc_crypto_inventory_new();
		sc_target_cache_put(t, CACHE_KEY, c, cache_free);
	}
	return c;
}

void
sc_crypto_prepare(struct sc_scan_ctx *ctx)
{
	struct crypto_cache *c;

	sc_fips_prepare(ctx);
	if (ctx->walk == NULL || sc_target_cache_get(ctx->target,
	    CACHE_KEY) != NULL)
		return;
	c = cache_get(ctx->target);
	sc_crypto_inventory_watch(c->inv, ctx->walk);
}

/* ---- judging ------------------------------------------------------------------- */

static void
judge_openssl(struct sc_scan_ctx *ctx, const struct sc_crypto_entry *e,
    struct sc_crypto_judgement *j)
{
	struct sc_fips_state *sys = sc_fips_state(ctx), *s;
	char *why = NULL;

	if (e->kind == SC_CRYPTO_LIBCRYPTO && sys->lib &&
	    sc_crypto_entry_is(ctx->target, e, sys->lib->path)) {
		j->inside = sc_fips_enforced(sys, &why);
		j->why = j->inside ? sc_xasprintf("the system libcrypto: %s "
		    "enforces the FIPS provider", sys->conf_path ?
		    sys->conf_path : "its configuration") : why;
		return;
	}
	if (e->version && strncmp(e->version, "1.", 2) == 0) {
		j->why = sc_xasprintf("OpenSSL %s has no FIPS provider (OpenSSL "
		    "1.x is outside every current FIPS boundary)", e->version);
		return;
	}
	s = sc_fips_analyze_copy(ctx->target, e->path, e->version,
	    e->openssldir, e->modulesdir);
	j->inside = sc_fips_enforced(s, &why);
	if (j->inside)
		j->why = sc_xasprintf("OpenSSL %s: %s (%s) enforces the FIPS "
		    "provider", e->version ? e->version : "(version unknown)",
		    s->conf_path, s->conf_how);
	else
		j->why = sc_xasprintf("OpenSSL %s, configuration %s (%s): %s",
		    e->version ? e->version : "(version unknown)",
		    s->conf_path ? s->conf_path : "(none)", s->conf_how, why);
	free(why);
	sc_fips_state_free(s);
}


/*
 * Record certificate c in j and say so: "; [what: ]CMVP #N (standard,
 * status until date), identified by HOW; binary not compared ...".
 */
static char *
cert_found(struct sc_crypto_judgement *j, const struct sc_cmvp_cert *c,
    const char *what, const char *how)
{
	j->cert = sc_xasprintf("#%s", c->number);
	j->level = sc_cmvp_cert_level(c);
	return sc_xasprintf("; %s%sCMVP #%s (%s, %s%s%s), identified by %s; "
	    "binary not compared with the validated build", what,
	    what[0] ? ": " : "", c->number, c->standard, c->status,
	    c->sunset && c->sunset[0] ? " until " : "",
	    c->sunset && c->sunset[0] ? c->sunset : "", how);
}

/*
 * "; CMVP #N ..." for a Go binary built with GOFIPS140=vX.Y.Z when the CMVP
 * table has a go row for that module version (recorded in j), else what
 * was looked for; "" when GOFIPS140 names no frozen module version.
 */
static char *
go_certificate(struct sc_target *t, const struct sc_crypto_entry *e,
    struct sc_crypto_judgement *j)
{
	struct sc_err err = SC_ERR_INIT;
	const struct sc_cmvp_table *tab;
	const struct sc_cmvp_cert *c;
	const char *m = e->go.gofips140;

	if (m == NULL || m[0] != 'v')
		return sc_xstrdup("");
	if ((tab = sc_cmvp_for(t, &err)) == NULL)
		return sc_xasprintf("; no CMVP table (%s)", err.msg);
	if ((c = sc_cmvp_match(tab, "go", m)) == NULL)
		return sc_xasprintf("; no certificate in the CMVP table (%s) "
		    "covers Go Cryptographic Module %s", tab->origin, m);
	return cert_found(j, c, "", "version string");
}

static void
judge_go(struct sc_scan_ctx *ctx, const struct sc_crypto_entry *e,
    struct sc_crypto_judgement *j)
{
	const char *env = sc_target_getenv(ctx->target, "GODEBUG");
	char *v = env ? sc_crypto_parse_godebug(env, "fips140") : NULL;
	const char *from = "GODEBUG in the target's environment";

	if (!e->go_crypto) {
		j->none = 1;
		j->why = sc_xasprintf("Go %s: no crypto/ function linked in, no "
		    "cryptography", e->version);
		goto out;
	}
	if (e->go.boringcrypto) {
		j->inside = 1;
		j->why = sc_xasprintf("Go %s built with GOEXPERIMENT="
		    "boringcrypto (%s): crypto/* goes to the BoringCrypto "
		    "module", e->version, e->go.cgo && strcmp(e->go.cgo, "1") == 0 ?
		    "cgo enabled" : "cgo not recorded");
		goto out;
	}
	if (v == NULL && e->go.default_godebug) {
		v = sc_crypto_parse_godebug(e->go.default_godebug, "fips140");
		from = "the binary's DefaultGODEBUG";
	}
	if (v == NULL && e->go.gofips140 && strcmp(e->go.gofips140, "off") != 0) {
		v = sc_xstrdup("on");
		from = "GOFIPS140 set at build time";
	}
	if (v && (strcmp(v, "on") == 0 || strcmp(v, "only") == 0)) {
		char *cert = go_certificate(ctx->target, e, j);

		j->inside = 1;
		j->why = sc_xasprintf("Go %s: fips140=%s (%s): the Go "
		    "Cryptographic Module%s%s%s", e->version, v, from,
		    e->go.gofips140 ? " " : "", e->go.gofips140 ?
		    e->go.gofips140 : "", cert);
		free(cert);
	} else {
		j->why = sc_xasprintf("Go %s built without BoringCrypto and "
		    "without the Go FIPS 140-3 module (GOFIPS140 %s, fips140 %s): "
		    "crypto/* is Go's own, unvalidated implementation",
		    e->version, e->go.gofips140 ? e->go.gofips140 : "not set",
		    v ? v : "not set");
	}
out:
	free(v);
}

static int
is_fips_java_provider(const char *p, int have_jar, int *needs_jar)
{
	*needs_jar = 0;
	if (strncmp(p, "BCFIPS", 6) == 0 || strstr(p, "BouncyCastleFipsProvider")) {
		*needs_jar = 1;
		return have_jar;
	}
	return strncmp(p, "SunPKCS11", 9) == 0 && strstr(p, "fips") != NULL;
}

/*
 * "; CMVP #N ..." for the bc-fips jars of a Java runtime whose first
 * provider is BCFIPS, from the table's java rows by the version in each
 * jar's file name (bc-fips-X.Y.Z.jar); the first jar a row covers is
 * recorded in j.
 */
static char *
java_certificate(struct sc_target *t, const struct sc_crypto_entry *e,
    struct sc_crypto_judgement *j)
{
	struct sc_err err = SC_ERR_INIT;
	const struct sc_cmvp_table *tab;
	struct sc_buf b = SC_BUF_INIT;

	if ((tab = sc_cmvp_for(t, &err)) == NULL)
		return sc_xasprintf("; no CMVP table (%s)", err.msg);
	for (size_t i = 0; i < e->jars.n && j->cert == NULL; i++) {
		const char *nm = strrchr(e->jars.v[i], '/');
		const struct sc_cmvp_cert *c;
		char *v;
		size_t n;

		nm = nm ? nm + 1 : e->jars.v[i];
		n = strlen(nm);
		if (strncmp(nm, "bc-fips-", 8) != 0 || n <= 12 ||
		    strcmp(nm + n - 4, ".jar") != 0)
			continue;
		v = sc_xstrndup(nm + 8, n - 12);
		if ((c = sc_cmvp_match(tab, "java", v)) != NULL) {
			char *w = cert_found(j, c, nm, "the jar's file name");

			sc_buf_adds(&b, w);
			free(w);
		} else {
			sc_buf_addf(&b, "; no certificate in the CMVP table (%s) "
			    "covers %s (version %s)", tab->origin, nm, v);
		}
		free(v);
	}
	return b.data ? sc_buf_detach(&b) : sc_xstrdup("");
}

static void
judge_java(struct sc_target *t, const struct sc_crypto_entry *e,
    struct sc_crypto_judgement *j)
{
	int have_jar = e->jars.n > 0, needs_jar;
	char *cert = NULL;

	if (e->providers.n == 0) {
		j->why = sc_xasprintf("no security.provider.N entries (%s)",
		    e->providers_how ? e->providers_how : e->error);
		return;
	}
	j->inside = is_fips_java_provider(e->providers.v[0], have_jar,
	    &needs_jar);
	if (j->inside && needs_jar)
		cert = java_certificate(t, e, j);
	j->why = sc_xasprintf("first security provider is %s: %s (%s)%s",
	    e->providers.v[0], j->inside ? "a FIPS provider" : needs_jar ?
	    "a FIPS provider whose bc-fips jar is not in the target" :
	    "not a FIPS provider", e->providers_how, cert ? cert : "");
	free(cert);
}

static void
judge(struct sc_scan_ctx *ctx, const struct sc_crypto_entry *e,
    struct sc_crypto_judgement *j)
{
	struct sc_fips_state *sys = sc_fips_state(ctx);

	memset(j, 0, sizeof(*j));
	if (e->error) {
		j->why = sc_xasprintf("could not be read: %s", e->error);
		return;
	}
	switch (e->kind) {
	case SC_CRYPTO_LIBCRYPTO:
		if (strcmp(e->impl, "OpenSSL") == 0)
			judge_openssl(ctx, e, j);
		else if (e->awslc_fips) {
			j->inside = 1;
			j->why = sc_xasprintf("AWS-LC FIPS %s: the AWS-LC FIPS "
			    "module (its own boundary)", e->version);
		} else
			j->why = sc_xasprintf("%s is not a FIPS module", e->impl);
		break;
	case SC_CRYPTO_STATIC_OPENSSL:
		judge_openssl(ctx, e, j);
		break;
	case SC_CRYPTO_OTHER_LIB:
		j->why = sc_xasprintf("%s %s: stigcheck knows no FIPS boundary "
		    "for this build", e->impl, e->version ? e->version : "");
		break;
	case SC_CRYPTO_GO:
		judge_go(ctx, e, j);
		break;
	case SC_CRYPTO_JAVA:
		judge_java(ctx->target, e, j);
		break;
	case SC_CRYPTO_FIPS_PROVIDER:
		j->none = 1;
		j->is_boundary = sys->module_status == 0 &&
		    sc_crypto_entry_is(ctx->target, e, sys->module_path);
		j->why = sc_xstrdup(j->is_boundary ? "the FIPS provider the "
		    "system configuration loads" : "no configuration stigcheck "
		    "analysed loads this module");
		break;
	case SC_CRYPTO_LIBSSL:
	case SC_CRYPTO_PYTHON:
	case SC_CRYPTO_NODE:
		j->none = 1;
		j->why = sc_xasprintf("uses %s%s%s", e->links ? e->links :
		    "OpenSSL linked in (judged as its own entry)",
		    e->node_fips_flag ? "; NODE_OPTIONS has " : "",
		    e->node_fips_flag ? e->node_fips_flag : "");
		break;
	}
}

const struct sc_crypto_judgement *
sc_crypto_judged(struct sc_scan_ctx *ctx, const struct sc_crypto_entry **ents,
    size_t *n)
{
	struct crypto_cache *c = cache_get(ctx->target);

	sc_crypto_inventory_build(c->inv, ctx->target);
	*ents = sc_crypto_inventory_entries(c->inv, n);
	if (!c->judged) {
		c->judged = 1;
		c->n = *n;
		c->j = sc_xcalloc(*n + 1, sizeof(*c->j));
		for (size_t i = 0; i < *n; i++)
			judge(ctx, &(*ents)[i], &c->j[i]);
	}
	return c->j;
}

/* ---- the kind -------------------------------------------------------------------- */

static const char *const inv_attrs[] = { NULL };

static int
inv_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	(void)n;
	(void)err;
	*out = sc_xcalloc(1, 1);
	return SC_OK;
}

static int
inv_prepare(void *test, struct sc_scan_ctx *ctx, struct sc_err *err)
{
	(void)test;
	(void)err;
	sc_crypto_prepare(ctx);
	return SC_OK;
}

static enum sc_result
inv_eval(void *test, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	const struct sc_crypto_entry *e;
	const struct sc_crypto_judgement *j;
	enum sc_result res = SC_RESULT_PASS;
	unsigned long files, elfs;
	size_t n, outside = 0;

	(void)test;
	j = sc_crypto_judged(ctx, &e, &n);
	sc_crypto_inventory_counts(cache_get(ctx->target)->inv, &files, &elfs);
	sc_rr_addf(rr, SC_MSG_INFO, "crypto inventory: %zu entries from %lu "
	    "files (%lu ELF files read for DT_NEEDED, version strings and Go "
	    "build information)", n, files, elfs);
	for (size_t i = 0; i < n; i++) {
		const char *kind = sc_crypto_kind_name(e[i].kind);

		if (j[i].none || j[i].inside) {
			sc_rr_addf(rr, SC_MSG_INFO, "%s: %s %s%s%s: %s", e[i].path,
			    kind, e[i].impl, e[i].version ? " " : "",
			    e[i].version ? e[i].version : "", j[i].why);
			continue;
		}
		outside++;
		if (e[i].reachable > 0) {
			sc_rr_addf(rr, SC_MSG_ERROR, "%s: %s %s%s%s, outside the "
			    "FIPS boundary: %s; identified by %s; reachable: %s",
			    e[i].path, kind, e[i].impl, e[i].version ? " " : "",
			    e[i].version ? e[i].version : "", j[i].why,
			    e[i].how ? e[i].how : "its file name", e[i].reach_how);
			res = SC_RESULT_FAIL;
		} else {
			sc_rr_addf(rr, SC_MSG_WARNING, "%s: %s %s%s%s, outside the "
			    "FIPS boundary but not reachable (reported, not "
			    "failed): %s; %s", e[i].path, kind, e[i].impl,
			    e[i].version ? " " : "", e[i].version ? e[i].version :
			    "", j[i].why, e[i].reach_how ? e[i].reach_how :
			    "reachability unknown");
		}
	}
	if (res == SC_RESULT_PASS)
		sc_rr_addf(rr, SC_MSG_INFO, "every reachable cryptographic "
		    "implementation is inside a FIPS boundary (%zu outside and "
		    "unreachable)", outside);
	return res;
}

static void
inv_free(void *p)
{
	free(p);
}

const struct sc_native_kind sc_native_crypto_inventory_kind = {
	.name = "crypto_inventory",
	.attrs = inv_attrs,
	.required = NULL,
	.parse = inv_parse,
	.prepare = inv_prepare,
	.eval = inv_eval,
	.free = inv_free,
	.summary = "every cryptographic implementation a program in the "
	    "target can reach (OpenSSL copies, Go, Java, other libraries) is "
	    "inside a FIPS boundary",
};

/* ---- the headline verdict ------------------------------------------------------------ */

static const struct sc_rule_result *
rule_result(const struct sc_testresult *tr, const char *suffix)
{
	size_t sl = strlen(suffix);

	for (size_t i = 0; i < tr->n_rr; i++) {
		size_t n = strlen(tr->rr[i].idref);

		if (n >= sl && strcmp(tr->rr[i].idref + n - sl, suffix) == 0)
			return &tr->rr[i];
	}
	return NULL;
}

static const char *
target_fact(struct sc_target *t, const char *name)
{
	size_t n;
	const struct sc_fact *f = sc_target_facts(t, &n);
	const char *v = NULL;

	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			v = f[i].value;
	return v;
}

static int
passed(const struct sc_rule_result *rr)
{
	return rr && (rr->result == SC_RESULT_PASS ||
	    rr->result == SC_RESULT_INFORMATIONAL);
}

/* A JSON string; bytes that are not UTF-8 (hostile paths) as \xNN. */
static json_t *
jstr(const char *v)
{
	struct sc_buf b = SC_BUF_INIT;
	json_t *j;

	if ((j = json_string(v)) == NULL) {
		sc_buf_reset(&b);
		sc_xml_safe_append(&b, v, strlen(v));
		j = json_string(b.data);
		sc_buf_free(&b);
	}
	return j ? j : json_string("");
}

/* Member k = v, when v is not NULL or empty. */
static void
jset(json_t *o, const char *k, const char *v)
{
	if (v && *v)
		json_object_set_new(o, k, jstr(v));
}

/*
 * Member "algorithms": [{name, primitive, functions, identified_by}] in
 * family order, if any.
 */
static void
algorithms(json_t *o, const struct sc_crypto_entry *e)
{
	json_t *a = json_array();
	const struct sc_crypto_alg *f;
	const char *how;

	for (unsigned b = 0; (f = sc_crypto_parse_alg(b)) != NULL; b++) {
		json_t *fn = json_array();

		if ((how = sc_crypto_entry_alg_how(e, b)) == NULL) {
			json_decref(fn);
			continue;
		}
		for (const char *p = f->functions; *p;) {
			size_t n = strcspn(p, " ");

			json_array_append_new(fn, json_stringn(p, n));
			p += n + (p[n] == ' ');
		}
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:s}",
		    "name", f->name, "primitive", f->primitive, "functions", fn,
		    "identified_by", how));
	}
	if (json_array_size(a))
		json_object_set_new(o, "algorithms", a);
	else
		json_decref(a);
}

/*
 * One target fact per inventory entry (SC_CRYPTO_MODULE_FACT "N"), a JSON
 * object, so writers (the CBOM) and stored results see the inventory
 * without probing.  cert / level: the certificate the certificate rule
 * accepted for the FIPS provider the system loads, or NULL.
 */
static void
module_facts(struct sc_target *t, const struct crypto_cache *c,
    const char *cert, const char *level)
{
	const struct sc_crypto_entry *e;
	size_t n;

	if (c == NULL || !c->judged)
		return;
	e = sc_crypto_inventory_entries(c->inv, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sc_crypto_judgement *j = &c->j[i];
		json_t *o = json_object();
		char name[sizeof(SC_CRYPTO_MODULE_FACT) + 24], *text;

		jset(o, "kind", sc_crypto_kind_name(e[i].kind));
		jset(o, "path", e[i].path);
		jset(o, "implementation", e[i].impl);
		jset(o, "module", e[i].module_name);
		jset(o, "version", e[i].version);
		jset(o, "identified_by", e[i].how);
		jset(o, "platform", e[i].platform);
		json_object_set_new(o, "reachable", e[i].reachable < 0 ?
		    json_null() : json_boolean(e[i].reachable));
		jset(o, "reachability", e[i].reach_how);
		jset(o, "boundary", j->is_boundary ? "the boundary" :
		    j->none ? "not judged" : j->inside ? "inside" : "outside");
		if (j->is_boundary)
			json_object_set_new(o, "system_fips_provider",
			    json_true());
		jset(o, "why", j->why);
		jset(o, "sha256", e[i].sha256);
		jset(o, "links", e[i].links);
		jset(o, "openssldir", e[i].openssldir);
		jset(o, "modulesdir", e[i].modulesdir);
		if (e[i].kind == SC_CRYPTO_JAVA) {
			json_t *a = json_array();

			for (size_t k = 0; k < e[i].providers.n; k++)
				json_array_append_new(a,
				    jstr(e[i].providers.v[k]));
			json_object_set_new(o, "providers", a);
		}
		if (e[i].kind == SC_CRYPTO_GO && e[i].error == NULL)
			json_object_set_new(o, "go_crypto",
			    json_boolean(e[i].go_crypto));
		jset(o, "node_fips_flag", e[i].node_fips_flag);
		algorithms(o, &e[i]);
		jset(o, "error", e[i].error);
		if (j->is_boundary && cert) {
			jset(o, "certificate", cert);
			jset(o, "certification_level", level);
		} else if (j->cert) {
			jset(o, "certificate", j->cert);
			jset(o, "certification_level", j->level);
		}
		text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_ENSURE_ASCII);
		snprintf(name, sizeof(name), SC_CRYPTO_MODULE_FACT "%zu", i + 1);
		if (text)
			sc_target_add_fact(t, name, "string", text);
		free(text);
		json_decref(o);
	}
}

void
sc_crypto_headline(struct sc_testresult *tr, struct sc_target *t)
{
	struct sc_fips_state *s = sc_fips_state_peek(t);
	struct crypto_cache *c = sc_target_cache_get(t, CACHE_KEY);
	const struct sc_rule_result *cert, *ent;
	const struct sc_crypto_entry *e;
	const char *cert_fact, *verdict;
	struct sc_buf b = SC_BUF_INIT;
	size_t n, outside = 0;
	char *why = NULL;
	int enforced;

	cert = rule_result(tr, "_rule_fips_module_certificate");
	ent = rule_result(tr, "_rule_fips_entropy_source");
	cert_fact = target_fact(t, SC_FIPS_CERT_FACT);
	module_facts(t, c, passed(cert) ? cert_fact : NULL,
	    target_fact(t, SC_FIPS_CERT_LEVEL_FACT));
	if (s == NULL)
		return;		/* no FIPS rule ran */
	enforced = sc_fips_enforced(s, &why);
	e = c && c->judged ? sc_crypto_inventory_entries(c->inv, &n) : NULL;
	for (size_t i = 0; e && i < n; i++)
		if (!c->j[i].inside && !c->j[i].none && e[i].reachable > 0)
			outside++;
	if (!enforced)
		verdict = "no";
	else if (passed(cert) && cert_fact && c && c->judged && outside == 0)
		verdict = "yes";
	else
		verdict = "partial";
	sc_buf_reset(&b);
	sc_buf_addf(&b, "FIPS: %s: ", verdict);
	if (s->module_status == 0)
		sc_buf_addf(&b, "%s %s", s->module.name ? s->module.name :
		    "FIPS provider", s->module.version ? s->module.version :
		    "(version unknown)");
	else
		sc_buf_adds(&b, "no FIPS provider module");
	if (!enforced)
		sc_buf_addf(&b, " not enforced (%s)", why);
	if (passed(cert) && cert_fact)
		sc_buf_addf(&b, ", %s", cert_fact);
	else if (cert)
		sc_buf_addf(&b, ", no valid CMVP certificate (%s)",
		    sc_result_name(cert->result));
	else
		sc_buf_adds(&b, ", certificate not checked");
	if (ent)
		sc_buf_addf(&b, ", SP 800-90B entropy: %s", passed(ent) ?
		    (s->lib && s->lib->jitter_marker ? "jitterentropy" :
		    "an SP 800-90B source") : "not shown");
	if (c && c->judged)
		sc_buf_addf(&b, "; %zu other crypto module%s outside the "
		    "boundary", outside, outside == 1 ? "" : "s");
	else
		sc_buf_adds(&b, "; other crypto modules not inventoried");
	sc_target_add_fact(t, SC_FIPS_VERDICT_FACT, "string", verdict);
	sc_target_add_fact(t, SC_FIPS_SUMMARY_FACT, "string", b.data);
	sc_buf_free(&b);
	free(why);
}
