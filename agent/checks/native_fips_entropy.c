/*
 * native_fips_entropy.c - <sc:openssl_fips_entropy source="JITTER"?>: the
 * entropy source OpenSSL seeds its DRBGs from is the SP 800-90B jitter
 * source (Chainguard's ESV #E191 jitterentropy) rather than the kernel.
 *
 * It passes when the target's libcrypto contains the jitter seed source
 * (built with enable-jitter: its own strings are in the library) and that
 * source is selected, either by the configuration ([random] seed = JITTER
 * through the random module of the init section; OpenSSL 3.4 and later)
 * or as libcrypto's compiled-in default (-DOPENSSL_DEFAULT_SEED_SRC=JITTER
 * in its build flags).  NIST-ESV-* marker packages of the apk database
 * are reported.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks/native_fips.h"
#include "util/mem.h"

struct entropy_test {
	char *source;
};

static const char *const entropy_attrs[] = { "source", NULL };

static void
entropy_free(void *p)
{
	struct entropy_test *t = p;

	if (t) {
		free(t->source);
		free(t);
	}
}

static int
entropy_parse(xmlNodePtr n, void **out, struct sc_err *err)
{
	struct entropy_test *t = sc_xcalloc(1, sizeof(*t));

	(void)err;
	t->source = sc_xml_attr(n, "source");
	if (t->source == NULL)
		t->source = sc_xstrdup("JITTER");
	*out = t;
	return SC_OK;
}

static int
entropy_prepare(void *test, struct sc_scan_ctx *ctx, struct sc_err *err)
{
	(void)test;
	(void)err;
	sc_fips_prepare(ctx);
	return SC_OK;
}

static enum sc_result
entropy_eval(void *p, struct sc_scan_ctx *ctx, struct sc_rule_result *rr)
{
	struct entropy_test *t = p;
	struct sc_fips_state *s = sc_fips_state(ctx);
	const struct sc_osslconf_value *seed = NULL;
	struct sc_strv esv = SC_STRV_INIT;
	struct sc_buf lib = SC_BUF_INIT;
	enum sc_result res = SC_RESULT_PASS;
	const char *db;

	sc_buf_reset(&lib);
	sc_fips_describe_lib(s, &lib);
	if (s->lib == NULL) {
		sc_rr_add(rr, SC_MSG_ERROR, lib.data);
		sc_buf_free(&lib);
		return SC_RESULT_FAIL;
	}
	if (s->lib->jitter_marker == NULL) {
		sc_rr_addf(rr, SC_MSG_ERROR, "%s has no jitter seed source (none of "
		    "its strings, e.g. \"jent_read_entropy (%%d)\" or "
		    "\"seed_src_jitter.c\"): it was built without enable-jitter "
		    "and seeds from the kernel", lib.data);
		res = SC_RESULT_FAIL;
	} else {
		sc_rr_addf(rr, SC_MSG_INFO, "%s contains the jitter seed source "
		    "(string \"%s\")", lib.data, s->lib->jitter_marker);
	}
	for (size_t i = 0; s->random_sec && i < s->random_sec->n; i++)
		if (strcasecmp(s->random_sec->v[i].name, "seed") == 0)
			seed = &s->random_sec->v[i];
	if (seed && strcasecmp(seed->value, t->source) == 0) {
		sc_rr_addf(rr, SC_MSG_INFO, "%s:%u: seed = %s selects it (through "
		    "%s:%u: %s = %s)", seed->file, seed->line, seed->value,
		    s->random_entry->file, s->random_entry->line,
		    s->random_entry->name, s->random_entry->value);
		if (sc_fips_version_cmp(s, 3, 4) < 0 && sc_fips_version_cmp(s, 3,
		    4) != -2) {
			sc_rr_addf(rr, SC_MSG_ERROR, "seed = %s needs OpenSSL 3.4 or "
			    "later; %s", seed->value, lib.data);
			res = SC_RESULT_FAIL;
		}
	} else if (s->lib->default_seed_jitter &&
	    strcasecmp(t->source, "JITTER") == 0) {
		if (seed)
			sc_rr_addf(rr, SC_MSG_ERROR, "%s:%u: seed = %s overrides the "
			    "compiled-in jitter default", seed->file, seed->line,
			    seed->value), res = SC_RESULT_FAIL;
		else
			sc_rr_addf(rr, SC_MSG_INFO, "%s is built with "
			    "-DOPENSSL_DEFAULT_SEED_SRC=JITTER: jitter is the "
			    "default seed source", s->lib->path);
	} else {
		if (seed)
			sc_rr_addf(rr, SC_MSG_ERROR, "%s:%u: seed = %s, not %s",
			    seed->file, seed->line, seed->value, t->source);
		else
			sc_rr_addf(rr, SC_MSG_ERROR, "the %s seed source is not "
			    "selected: the configuration has no [random] seed = %s "
			    "(through a random entry of [%s]) and %s is not built "
			    "with it as the default", t->source, t->source,
			    s->init_name ? s->init_name : "the init section",
			    s->lib->path);
		res = SC_RESULT_FAIL;
	}
	sc_fips_apk_packages(ctx->target, "NIST-ESV-", &esv, &db);
	for (size_t i = 0; i < esv.n; i++)
		sc_rr_addf(rr, SC_MSG_INFO, "%s: package %s (an entropy validation "
		    "marker)", db, esv.v[i]);
	if (esv.n == 0 && db)
		sc_rr_addf(rr, SC_MSG_INFO, "%s: no NIST-ESV-* marker package", db);
	sc_strv_free(&esv);
	sc_buf_free(&lib);
	return res;
}

const struct sc_native_kind sc_native_fips_entropy_kind = {
	.name = "openssl_fips_entropy",
	.attrs = entropy_attrs,
	.required = NULL,
	.parse = entropy_parse,
	.prepare = entropy_prepare,
	.eval = entropy_eval,
	.free = entropy_free,
	.summary = "libcrypto has the jitter entropy source and it is selected",
};
