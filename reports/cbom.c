/*
 * cbom.c - the crypto inventory as a CycloneDX 1.6 CBOM (cbom.h).
 */
#include "reports/cbom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/json.h"
#include "reports/ruleinfo.h"
#include "util/mem.h"
#include "util/uuid.h"

/* The facts written by checks/native_crypto.c (native_crypto.h). */
#define MODULE_FACT "urn:stigcheck:fact:crypto:module:"
#define VERDICT_FACT "urn:stigcheck:fact:fips:verdict"
#define SUMMARY_FACT "urn:stigcheck:fact:fips:summary"

/* CycloneDX 1.6 algorithmProperties.implementationPlatform values. */
static const char *const platforms[] = { "generic", "x86_32", "x86_64",
	"armv7-a", "armv7-m", "armv8-a", "armv8-m", "armv9-a", "armv9-m",
	"s390x", "ppc64", "ppc64le", "other", "unknown", NULL };

/* CycloneDX 1.6 algorithmProperties.primitive and cryptoFunctions values. */
static const char *const primitives[] = { "drbg", "mac", "block-cipher",
	"stream-cipher", "signature", "hash", "pke", "xof", "kdf", "key-agree",
	"kem", "ae", "combiner", "other", "unknown", NULL };
static const char *const functions[] = { "generate", "keygen", "encrypt",
	"decrypt", "digest", "tag", "keyderive", "sign", "verify",
	"encapsulate", "decapsulate", "other", "unknown", NULL };

static const char *
str(const json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));

	return v && *v ? v : NULL;
}

static int
listed(const char *const *l, const char *v)
{
	for (size_t i = 0; v && l[i]; i++)
		if (strcmp(l[i], v) == 0)
			return 1;
	return 0;
}

/* "fips140-3-l1": one of CycloneDX's FIPS 140 certificationLevel values. */
static int
fips_level(const char *v)
{
	return v && strlen(v) == 12 && strncmp(v, "fips140-", 8) == 0 &&
	    v[8] >= '1' && v[8] <= '3' && strncmp(v + 9, "-l", 2) == 0 &&
	    v[11] >= '1' && v[11] <= '4';
}

static int
is_sha256(const char *v)
{
	if (v == NULL || strlen(v) != 64)
		return 0;
	for (size_t i = 0; i < 64; i++)
		if (!strchr("0123456789abcdefABCDEF", v[i]))
			return 0;
	return 1;
}

static void
prop(json_t *props, const char *name, const char *value)
{
	if (value == NULL)
		return;
	json_array_append_new(props, json_pack("{s:s, s:o}", "name", name,
	    "value", sc_ruleinfo_jstr(value)));
}

static json_t *
crypto_props(const json_t *m)
{
	const char *kind = str(m, "kind"), *plat = str(m, "platform");
	const char *level = str(m, "certification_level");
	json_t *ap;

	if (kind && strcmp(kind, "libssl") == 0)
		return json_pack("{s:s, s:{s:s}}", "assetType", "protocol",
		    "protocolProperties", "type", "tls");
	ap = json_pack("{s:s, s:s}", "executionEnvironment",
	    "software-plain-ram", "implementationPlatform",
	    listed(platforms, plat) ? plat : "unknown");
	if (fips_level(level) && str(m, "certificate"))
		json_object_set_new(ap, "certificationLevel",
		    json_pack("[s]", level));
	return json_pack("{s:s, s:o}", "assetType", "algorithm",
	    "algorithmProperties", ap);
}

static json_t *
component(const json_t *m, size_t n)
{
	const char *path = str(m, "path"), *ver = str(m, "version");
	const char *name = str(m, "module") ? str(m, "module") :
	    str(m, "implementation") ? str(m, "implementation") : "unknown";
	const char *bnd = str(m, "boundary"), *sha = str(m, "sha256");
	json_t *c = json_object(), *props = json_array(), *prov, *reach;
	char ref[32], *desc;

	snprintf(ref, sizeof(ref), "crypto-%zu", n);
	json_object_set_new(c, "type", json_string("cryptographic-asset"));
	json_object_set_new(c, "bom-ref", json_string(ref));
	json_object_set_new(c, "name", sc_ruleinfo_jstr(name));
	if (ver)
		json_object_set_new(c, "version", sc_ruleinfo_jstr(ver));
	desc = sc_xasprintf("%s %s%s%s at %s: %s the FIPS boundary",
	    str(m, "kind") ? str(m, "kind") : "module", name, ver ? " " : "",
	    ver ? ver : "", path ? path : "(unknown path)",
	    bnd && strcmp(bnd, "the boundary") == 0 ? "is" :
	    bnd && strcmp(bnd, "inside") == 0 ? "inside" :
	    bnd && strcmp(bnd, "outside") == 0 ? "outside" : "not judged against");
	json_object_set_new(c, "description", sc_ruleinfo_jstr(desc));
	free(desc);
	if (is_sha256(sha))
		json_object_set_new(c, "hashes", json_pack("[{s:s, s:s}]", "alg",
		    "SHA-256", "content", sha));
	json_object_set_new(c, "cryptoProperties", crypto_props(m));
	if (path)
		json_object_set_new(c, "evidence", json_pack("{s:[{s:o}]}",
		    "occurrences", "location", sc_ruleinfo_jstr(path)));
	prop(props, "stigcheck:kind", str(m, "kind"));
	prop(props, "stigcheck:path", path);
	prop(props, "stigcheck:implementation", str(m, "implementation"));
	prop(props, "stigcheck:identified-by", str(m, "identified_by"));
	prop(props, "stigcheck:platform", str(m, "platform"));
	reach = json_object_get(m, "reachable");
	prop(props, "stigcheck:reachable", json_is_true(reach) ? "true" :
	    json_is_false(reach) ? "false" : "decided by the configuration");
	prop(props, "stigcheck:reachability", str(m, "reachability"));
	prop(props, "stigcheck:fips-boundary", bnd ? bnd : "not judged");
	prop(props, "stigcheck:fips-boundary-reason", str(m, "why"));
	if (json_is_true(json_object_get(m, "system_fips_provider")))
		prop(props, "stigcheck:system-fips-provider", "true");
	prop(props, "stigcheck:certificate", str(m, "certificate"));
	prop(props, "stigcheck:links", str(m, "links"));
	prop(props, "stigcheck:openssldir", str(m, "openssldir"));
	prop(props, "stigcheck:modulesdir", str(m, "modulesdir"));
	prov = json_object_get(m, "providers");
	for (size_t i = 0; i < json_array_size(prov); i++) {
		const char *p = json_string_value(json_array_get(prov, i));
		char *v = p ? sc_xasprintf("%zu=%s", i + 1, p) : NULL;

		prop(props, "stigcheck:java-security-provider", v);
		free(v);
	}
	if (json_is_boolean(json_object_get(m, "go_crypto")))
		prop(props, "stigcheck:go-crypto-linked",
		    json_is_true(json_object_get(m, "go_crypto")) ? "true" :
		    "false");
	prop(props, "stigcheck:node-fips-flag", str(m, "node_fips_flag"));
	prop(props, "stigcheck:error", str(m, "error"));
	json_object_set_new(c, "properties", props);
	return c;
}

/* A module's "algorithms" is absent or an array of objects with a name. */
static int
algorithms_ok(const json_t *m)
{
	const json_t *a = json_object_get(m, "algorithms"), *f;
	size_t i;

	if (a == NULL)
		return 1;
	if (!json_is_array(a))
		return 0;
	json_array_foreach(a, i, f)
		if (!json_is_object(f) || str(f, "name") == NULL)
			return 0;
	return 1;
}

/* The modules, in fact order; NULL with err set for a fact not an object. */
static json_t *
modules(const struct sc_testresult *tr, struct sc_err *err)
{
	json_t *a = json_array();

	for (size_t i = 0; i < tr->n_facts; i++) {
		json_error_t je;
		json_t *m;

		if (strncmp(tr->facts[i].name, MODULE_FACT,
		    strlen(MODULE_FACT)) != 0)
			continue;
		m = json_loads(tr->facts[i].value ? tr->facts[i].value : "",
		    JSON_REJECT_DUPLICATES, &je);
		if (!json_is_object(m)) {
			sc_err_set(err, SC_ERR_PARSE, "target fact %s is not a "
			    "crypto module (a JSON object): %s", tr->facts[i].name,
			    m ? "another JSON value" : je.text);
			json_decref(m);
			json_decref(a);
			return NULL;
		}
		if (!algorithms_ok(m)) {
			sc_err_set(err, SC_ERR_PARSE, "target fact %s: "
			    "\"algorithms\" is not a list of algorithms with a "
			    "name", tr->facts[i].name);
			json_decref(m);
			json_decref(a);
			return NULL;
		}
		json_array_append_new(a, m);
	}
	return a;
}

/*
 * The algorithm families the modules implement: one component each, in
 * order of first appearance, bom-ref "algorithm-NAME" (made unique);
 * refs maps a family name to its bom-ref.
 */
static json_t *
algorithm_components(const json_t *mods, json_t *refs)
{
	json_t *comps = json_array(), *used = json_object(), *byname;
	const json_t *m, *f;
	size_t i, k;

	byname = json_object();
	json_array_foreach(mods, i, m) {
		json_array_foreach(json_object_get(m, "algorithms"), k, f) {
			const char *name = str(f, "name"), *prim = str(f, "primitive");
			const char *how = str(f, "identified_by");
			const char *path = str(m, "path");
			json_t *c = json_object_get(byname, name), *fn, *ap, *fv;
			struct sc_buf ref = SC_BUF_INIT;
			char *v;
			size_t j;

			if (c == NULL) {
				sc_buf_reset(&ref);
				sc_buf_adds(&ref, "algorithm-");
				for (const char *p = name; *p && ref.len < 64; p++)
					sc_buf_addc(&ref, (*p >= 'A' && *p <= 'Z') ?
					    (char)(*p - 'A' + 'a') : ((*p >= 'a' &&
					    *p <= 'z') || (*p >= '0' && *p <= '9')) ?
					    *p : '-');
				if (json_object_get(used, ref.data))
					sc_buf_addf(&ref, "-%zu",
					    json_array_size(comps) + 1);
				json_object_set_new(used, ref.data, json_true());
				fn = json_array();
				json_array_foreach(json_object_get(f, "functions"),
				    j, fv)
					if (listed(functions, json_string_value(fv)))
						json_array_append(fn, fv);
				ap = json_pack("{s:s}", "primitive",
				    listed(primitives, prim) ? prim : "unknown");
				if (json_array_size(fn))
					json_object_set(ap, "cryptoFunctions", fn);
				json_decref(fn);
				c = json_pack("{s:s, s:s, s:o, s:{s:s, s:o}, s:[]}",
				    "type", "cryptographic-asset", "bom-ref",
				    ref.data, "name", sc_ruleinfo_jstr(name),
				    "cryptoProperties", "assetType", "algorithm",
				    "algorithmProperties", ap, "properties");
				json_object_set_new(refs, name, json_string(ref.data));
				json_object_set(byname, name, c);
				json_array_append_new(comps, c);
				sc_buf_free(&ref);
			}
			v = sc_xasprintf("%s: %s", path ? path : "(unknown path)",
			    how ? how : "(not said)");
			prop(json_object_get(c, "properties"),
			    "stigcheck:identified-by", v);
			free(v);
		}
	}
	json_decref(byname);
	json_decref(used);
	return comps;
}

/*
 * libssl, Python and Node modules depend on the libcrypto they use; a
 * module provides (implements) the algorithm families found in it.
 */
static json_t *
dependencies(const json_t *mods, const json_t *refs)
{
	json_t *deps = json_array();

	for (size_t i = 0; i < json_array_size(mods); i++) {
		const json_t *m = json_array_get(mods, i), *f;
		const char *links = str(m, "links");
		json_t *d = NULL, *prov = json_array();
		char ref[32], to[32];
		size_t k;

		snprintf(ref, sizeof(ref), "crypto-%zu", i + 1);
		for (k = 0; links && k < json_array_size(mods); k++) {
			const char *p = str(json_array_get(mods, k), "path");
			const char *kind = str(json_array_get(mods, k), "kind");

			if (k == i || p == NULL || strcmp(p, links) != 0 ||
			    kind == NULL || strcmp(kind, "libcrypto") != 0)
				continue;
			snprintf(to, sizeof(to), "crypto-%zu", k + 1);
			d = json_pack("{s:s, s:[s]}", "ref", ref, "dependsOn", to);
			break;
		}
		json_array_foreach(json_object_get(m, "algorithms"), k, f) {
			json_t *r = json_object_get(refs, str(f, "name"));
			size_t j;
			json_t *have;
			int dup = 0;

			json_array_foreach(prov, j, have)
				dup |= json_equal(have, r);
			if (!dup)
				json_array_append(prov, r);
		}
		if (json_array_size(prov)) {
			if (d == NULL)
				d = json_pack("{s:s}", "ref", ref);
			json_object_set(d, "provides", prov);
		}
		json_decref(prov);
		if (d)
			json_array_append_new(deps, d);
	}
	return deps;
}

json_t *
sc_cbom_build(const struct sc_output_ctx *ctx, struct sc_err *err)
{
	const struct sc_testresult *tr = ctx->tr;
	const char *verdict = sc_testresult_fact(tr, VERDICT_FACT);
	const char *summary = sc_testresult_fact(tr, SUMMARY_FACT);
	const char *kind = sc_testresult_fact(tr,
	    "urn:stigcheck:fact:target:kind");
	char uuid[SC_UUID_LEN], when[64], *seed, *serial;
	json_t *doc, *meta, *mods, *comps, *props, *refs, *algs;

	if ((mods = modules(tr, err)) == NULL)
		return NULL;
	seed = sc_xasprintf("cbom\n%s\n%lld", tr->id ? tr->id : "",
	    (long long)tr->start_time);
	if (sc_uuid_v5(SC_UUID_NS, seed, uuid) < 0)
		snprintf(uuid, sizeof(uuid), "%s", SC_UUID_NS);
	free(seed);
	serial = sc_xasprintf("urn:uuid:%s", uuid);
	sc_time_iso8601(tr->end_time ? tr->end_time : tr->start_time, when,
	    sizeof(when));
	props = json_array();
	prop(props, "stigcheck:fips:verdict", verdict);
	prop(props, "stigcheck:fips:summary", summary);
	meta = json_pack("{s:s, s:{s:[{s:s, s:s, s:s}]}, s:{s:s, s:s, s:o}}",
	    "timestamp", when,
	    "tools", "components", "type", "application", "name", "stigcheck",
	    "version", STIGCHECK_VERSION,
	    "component", "type", kind && (strcmp(kind, "image") == 0 ||
	    strcmp(kind, "container") == 0) ? "container" : "operating-system",
	    "bom-ref", "target", "name", sc_ruleinfo_jstr(tr->target &&
	    *tr->target ? tr->target : "target"));
	if (json_array_size(props))
		json_object_set_new(meta, "properties", props);
	else
		json_decref(props);
	comps = json_array();
	for (size_t i = 0; i < json_array_size(mods); i++)
		json_array_append_new(comps,
		    component(json_array_get(mods, i), i + 1));
	refs = json_object();
	algs = algorithm_components(mods, refs);
	json_array_extend(comps, algs);
	json_decref(algs);
	doc = json_pack("{s:s, s:s, s:s, s:s, s:i, s:o, s:o, s:o}",
	    "$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json",
	    "bomFormat", "CycloneDX", "specVersion", "1.6",
	    "serialNumber", serial, "version", 1, "metadata", meta,
	    "components", comps, "dependencies", dependencies(mods, refs));
	json_decref(refs);
	free(serial);
	json_decref(mods);
	return doc;
}

int
sc_cbom_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err)
{
	json_t *doc = sc_cbom_build(ctx, err);
	int r;

	if (doc == NULL)
		return err->code ? err->code : SC_ERR_INTERNAL;
	r = sc_json_save(doc, path, err);
	json_decref(doc);
	return r;
}
