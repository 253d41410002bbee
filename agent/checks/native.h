/*
 * native.h - stigcheck's own check system.
 *
 * A rule checked natively has
 *
 *   <check system="urn:stigcheck:native">
 *     <check-content>
 *       <sc:file xmlns:sc="urn:stigcheck:native" path="/etc/shadow"
 *                mode_max="0640" owner="root" group="root,shadow"/>
 *       <sc:lines xmlns:sc="urn:stigcheck:native" path="/etc/shadow" ... />
 *     </check-content>
 *   </check>
 *
 * Each child element of check-content is a test of some kind (its local
 * name); the rule passes when all of them pass (results combine as XCCDF's
 * AND: fail > error > unknown > notchecked > informational > pass;
 * notapplicable operands count only when all are).  One optional
 * <sc:outcome pass="R" fail="R"/> restates what the combined pass or fail
 * means for the rule (R is pass, fail, notapplicable, notchecked or
 * informational), with a message saying so.
 *
 * Kinds live in a table (native.c); each declares its attributes, so the
 * content compiler rejects a YAML check with an unknown or missing key at
 * build time, using the same parse functions the scan uses.  Every test
 * writes evidence messages for pass and fail alike.
 */
#ifndef SC_NATIVE_H
#define SC_NATIVE_H

#include <libxml/tree.h>

#include "checks/engine.h"

#define SC_NATIVE_SYSTEM "urn:stigcheck:native"
#define SC_NATIVE_NS "urn:stigcheck:native"

struct sc_native_kind {
	const char *name;		/* element local name */
	const char *const *attrs;	/* allowed attributes, NULL-terminated */
	const char *const *required;	/* required attributes */
	/* Parse a validated element; attributes only, or children too. */
	int (*parse)(xmlNodePtr node, void **test, struct sc_err *err);
	/* Optional: register walk visitors. */
	int (*prepare)(void *test, struct sc_scan_ctx *ctx, struct sc_err *err);
	enum sc_result (*eval)(void *test, struct sc_scan_ctx *ctx,
	    struct sc_rule_result *rr);
	void (*free)(void *test);
	const char *summary;		/* one line for documentation */
};

/* The kind for an element name, or NULL. */
const struct sc_native_kind *sc_native_kind_find(const char *name);
const struct sc_native_kind *const *sc_native_kinds(void);

/*
 * Validate one test element (attributes known, required present, values
 * parse).  Used by the content compiler; err names the problem.
 */
int sc_native_validate(xmlNodePtr node, struct sc_err *err);

/* Combine two results with XCCDF AND semantics. */
enum sc_result sc_result_and(enum sc_result a, enum sc_result b);

/* Helpers for kinds: attribute parsing with clear errors. */
int sc_native_attr_octal(xmlNodePtr n, const char *name, unsigned *out,
    int *present, struct sc_err *err);
int sc_native_attr_enum(xmlNodePtr n, const char *name,
    const char *const *choices, int dflt, int *out, struct sc_err *err);

/*
 * A set of user or group ids named by a comma-separated spec of names and
 * numbers ("root,shadow", "0,daemon"), resolved against the TARGET's
 * /etc/passwd or /etc/group.  "root" means id 0 even where the target has
 * no such file.  unknown holds the first name the target does not define.
 */
struct sc_idset {
	unsigned long *ids;
	size_t n;
	char *unknown;
	char *spec;
};

void sc_idset_resolve(struct sc_idset *set, struct sc_target *t, int is_group,
    const char *spec);
int sc_idset_has(const struct sc_idset *set, unsigned long id);
void sc_idset_free(struct sc_idset *set);

/* "name (id)" or "uid N (not in the target's /etc/passwd)". */
void sc_native_describe_id(struct sc_target *t, int is_group,
    unsigned long id, struct sc_buf *out);

/* The kinds (one file each). */
extern const struct sc_native_kind sc_native_file_kind;
extern const struct sc_native_kind sc_native_lines_kind;
extern const struct sc_native_kind sc_native_tree_kind;
extern const struct sc_native_kind sc_native_accounts_kind;
extern const struct sc_native_kind sc_native_packages_kind;
extern const struct sc_native_kind sc_native_programs_kind;
extern const struct sc_native_kind sc_native_package_sources_kind;
extern const struct sc_native_kind sc_native_any_kind;
extern const struct sc_native_kind sc_native_ca_bundle_kind;
extern const struct sc_native_kind sc_native_runtime_kind;
/* FIPS kinds: see native_fips.h */

/*
 * The package-source parsers of <sc:package_sources/> on one file's text
 * (len bytes, need not be NUL-terminated), as the kind reads each file of
 * the target: problems are added to rr as the kind adds them.  Returns
 * the number of problems; for SC_PKGSRC_DNF_MAIN, [main] gpgcheck (1 on,
 * 0 off, -1 unset) instead.  The scanner and the fuzz harness
 * (tests/fuzz/fuzz_textsrc.c) both come through here.
 */
enum sc_native_pkgsrc {
	SC_PKGSRC_APK,		/* /etc/apk/repositories */
	SC_PKGSRC_APT_LIST,	/* sources.list, sources.list.d/ *.list */
	SC_PKGSRC_APT_SOURCES,	/* sources.list.d/ *.sources (deb822) */
	SC_PKGSRC_APT_CONF,	/* apt.conf, apt.conf.d/ * */
	SC_PKGSRC_DNF_MAIN,	/* dnf.conf, yum.conf */
	SC_PKGSRC_DNF_REPO	/* yum.repos.d/ *.repo */
};
int sc_native_packages_sources_text(enum sc_native_pkgsrc kind,
    const char *path, const char *text, size_t len, struct sc_rule_result *rr);

/*
 * A CA bundle's digest sidecar ("<64 hex>  [*]<base>", native_pki.c) in
 * text (len bytes, need not be NUL-terminated): 0 with hex set (lower
 * case, NUL-terminated), -1 when malformed or naming another file.
 */
int sc_native_pki_sidecar_parse(const char *text, size_t len,
    const char *base, char hex[65]);

#endif
