/*
 * native_fips.h - what the FIPS check kinds share: one analysis of the
 * target's OpenSSL 3, computed once per target (target cache) and read by
 * every FIPS rule.
 *
 * The analysis does what the target's libcrypto would do at start-up:
 *
 *  1. find libcrypto.so.3 (every copy; the one in the loader's standard
 *     directories is the system's) and read its version, OPENSSLDIR,
 *     MODULESDIR and build flags (probes/libcrypto.h);
 *  2. pick the configuration file: OPENSSL_CONF from the *target's*
 *     environment (empty: no configuration at all), else
 *     OPENSSLDIR/openssl.cnf, else (no libcrypto found) the first of
 *     /etc/ssl, /usr/lib/ssl, /etc/pki/tls that has an openssl.cnf; the
 *     modules directory likewise (OPENSSL_MODULES, MODULESDIR, the usual
 *     places);
 *  3. load it with OpenSSL's grammar (probes/openssl_conf.h) and replay
 *     CONF_modules_load: openssl_conf names the init section, whose
 *     entries run modules (providers, alg_section, random, ...) matched by
 *     name as conf_mod.c matches them; each provider entry is a provider
 *     whose activation is decided with the semantics of the target's
 *     libcrypto version (before 3.3 any `activate` activates; from 3.3 the
 *     value must be one of OpenSSL's boolean spellings);
 *  4. find the FIPS module (the provider named fips: its `module` path, or
 *     MODULESDIR/fips.so), its configuration section (from the effective
 *     configuration, or the installed OPENSSLDIR/fipsmodule.cnf when the
 *     effective configuration has none), and read the module's MAC,
 *     name and version (probes/fips_module.h).
 *
 * Facts (not rules) are added to the target: libcrypto path and version,
 * effective configuration path, modules directory, FIPS provider name and
 * version, and, for running containers, /proc/sys/crypto/fips_enabled.
 */
#ifndef SC_NATIVE_FIPS_H
#define SC_NATIVE_FIPS_H

#include "checks/native.h"
#include "probes/fips_module.h"
#include "probes/libcrypto.h"
#include "probes/openssl_conf.h"

#define SC_FIPS_FACT "urn:stigcheck:fact:openssl:"
/* The certificate the certificate rule accepted (only when it did). */
#define SC_FIPS_CERT_FACT "urn:stigcheck:fact:fips:certificate"
/* Its level as CycloneDX names it ("fips140-3-l1"), "" when unknown. */
#define SC_FIPS_CERT_LEVEL_FACT "urn:stigcheck:fact:fips:certificate-level"
/* The headline verdict: yes, no or partial, and the sentence. */
#define SC_FIPS_VERDICT_FACT "urn:stigcheck:fact:fips:verdict"
#define SC_FIPS_SUMMARY_FACT "urn:stigcheck:fact:fips:summary"

/* What `activate = VALUE` does under a libcrypto version. */
enum sc_fips_act {
	SC_FIPS_ACT_NO = 0,		/* not activated */
	SC_FIPS_ACT_YES,		/* activated */
	SC_FIPS_ACT_UNKNOWN,		/* depends on a version we do not know */
	SC_FIPS_ACT_ERROR,		/* 3.3+: refused, the providers module fails */
};

struct sc_fips_provider {
	const struct sc_osslconf_value *entry;	/* "fips = fips_sect" */
	char *name;			/* after skip_dot and identity */
	const struct sc_osslconf_section *sec;	/* NULL: section missing */
	const struct sc_osslconf_value *activate;	/* last activate, or NULL */
	const struct sc_osslconf_value *module;	/* "module = PATH", or NULL */
	enum sc_fips_act act;
};

struct sc_fips_state {
	struct sc_libcrypto_set libs;
	const struct sc_libcrypto *lib;	/* the system copy, or NULL */
	char *lib_how;			/* how it was chosen, for evidence */

	/* the configuration */
	char *conf_path;		/* NULL: OPENSSL_CONF="" (none) */
	char *conf_how;
	char *conf_link;		/* symlink text, when conf_path is a link */
	int conf_status;		/* SC_OK, or the load error code */
	char *conf_error;
	struct sc_osslconf *conf;

	char *modules_dir;
	char *modules_how;

	/* CONF_modules_load replayed */
	const char *init_name;		/* openssl_conf value, or NULL */
	const struct sc_osslconf_value *init_entry;
	const struct sc_osslconf_section *init_sec;
	struct sc_strv module_problems;	/* unknown module names etc. */
	struct sc_fips_provider *prov;
	size_t nprov, capprov;
	int providers_seen;		/* a providers module entry exists */
	struct sc_strv provider_problems;
	const struct sc_osslconf_section *alg_sec;
	const struct sc_osslconf_value *alg_entry;
	const struct sc_osslconf_section *random_sec;
	const struct sc_osslconf_value *random_entry;

	/* the FIPS module */
	const struct sc_fips_provider *fips;	/* the fips provider, or NULL */
	const struct sc_osslconf_section *fips_sec;	/* its parameters */
	char *fips_sec_how;
	struct sc_osslconf *fallback;	/* installed fipsmodule.cnf, if read */
	char *module_path;
	char *module_how;
	int module_status;		/* SC_OK or the probe's error */
	char *module_error;
	struct sc_fipsmod module;
	char *key;			/* FIPS key used for the MAC (hex) */
};

/*
 * The analysis for this scan's target, computed on first use and cached
 * on the target.  Never NULL.
 */
struct sc_fips_state *sc_fips_state(struct sc_scan_ctx *ctx);

/* The analysis if a rule computed it during this scan, else NULL. */
struct sc_fips_state *sc_fips_state_peek(struct sc_target *t);

/* Register the walk that finds bundled libcrypto copies (prepare). */
void sc_fips_prepare(struct sc_scan_ctx *ctx);

/* libcrypto version comparison: -2 when the version is unknown. */
int sc_fips_version_cmp(const struct sc_fips_state *s, int major, int minor);

/* "the target's libcrypto 3.0.20 (/usr/lib/libcrypto.so.3)" */
void sc_fips_describe_lib(const struct sc_fips_state *s, struct sc_buf *out);

/* A config value as evidence: "FILE:LINE: name = value". */
void sc_fips_where(struct sc_buf *out, const struct sc_osslconf_value *v);

/*
 * When the configuration could not be used at all, add why and return
 * SC_RESULT_FAIL; SC_RESULT_PASS when it is usable.
 */
enum sc_result sc_fips_need_conf(const struct sc_fips_state *s,
    struct sc_rule_result *rr);

/* Decide `activate = v` under the target's version. */
enum sc_fips_act sc_fips_activate(const struct sc_fips_state *s,
    const char *v);
/* OpenSSL 3.3+ boolean spellings: 1 true, 0 false, -1 neither. */
int sc_fips_conf_bool(const char *v);

/*
 * apk packages of the target (/usr/lib/apk/db/installed, then
 * /lib/apk/db/installed) whose name starts with prefix, pushed to out;
 * the database path read goes to *db (NULL when there is none).
 */
void sc_fips_apk_packages(struct sc_target *t, const char *prefix,
    struct sc_strv *out, const char **db);
/* Whether apk package `name` is installed. */
int sc_fips_apk_has(struct sc_target *t, const char *name);

/*
 * The same analysis for an OpenSSL copy other than the system's (a
 * bundled libcrypto, OpenSSL linked into an executable): its own
 * OPENSSLDIR and MODULESDIR decide what it loads (OPENSSL_CONF and
 * OPENSSL_MODULES in the target's environment still win).  Not cached;
 * free with sc_fips_state_free.
 */
struct sc_fips_state *sc_fips_analyze_copy(struct sc_target *t,
    const char *path, const char *version, const char *openssldir,
    const char *modulesdir);
void sc_fips_state_free(struct sc_fips_state *s);

/*
 * Whether the analysed configuration makes the FIPS provider serve every
 * fetch: it loads, activates the fips provider, makes fips=yes mandatory,
 * and the module file can be read.  When not, *why (malloc'd) says the
 * first reason, as the FIPS rules would.
 */
int sc_fips_enforced(struct sc_fips_state *s, char **why);

extern const struct sc_native_kind sc_native_fips_config_kind;
extern const struct sc_native_kind sc_native_fips_integrity_kind;
extern const struct sc_native_kind sc_native_fips_cmvp_kind;
extern const struct sc_native_kind sc_native_fips_entropy_kind;
extern const struct sc_native_kind sc_native_crypto_inventory_kind;

#endif
