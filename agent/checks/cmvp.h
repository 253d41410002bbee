/*
 * cmvp.h - the CMVP certificate table: which validated modules (and
 * versions, and where known the SHA-256 of the validated binaries) a
 * certificate covers.
 *
 * The table is data (content/data/cmvp_certificates.yaml, installed as
 * PREFIX/share/stigcheck/cmvp_certificates.yaml and embedded in the
 * binary); `--cmvp-table FILE` replaces it for a scan.  Its format:
 *
 *   rows:
 *     - number: "4985"            CMVP certificate number (required)
 *       module: OpenSSL FIPS Provider   name on the certificate (required)
 *       vendor: OpenSSL Library   (optional)
 *       family: openssl           openssl | go | java | aws-lc | wolfcrypt
 *                                 (optional; default openssl)
 *       versions: "3.1.2"         module versions, comma-separated (required)
 *       standard: FIPS 140-3      (required)
 *       status: active            active | historical | revoked (required)
 *       sunset: "2030-03-10"      YYYY-MM-DD, or "" when unknown
 *       source: "..."             where the facts come from (required)
 *       package: NAME             optional: only builds from this apk
 *                                 package are covered (a vendor's build)
 *       sha256: HEX[, HEX...]     optional: SHA-256 of the validated
 *                                 binaries; when given, a module with
 *                                 another digest is not covered
 *       level: "1"                optional: the overall security level on
 *                                 the certificate (1-4); the CBOM's
 *                                 certificationLevel comes from it
 *
 * A table file is hostile input: unknown keys, a missing required key, a
 * bad status or date, or no rows at all are errors naming the file and
 * the row.
 */
#ifndef SC_CMVP_H
#define SC_CMVP_H

#include <time.h>

#include "target/target.h"
#include "util/err.h"

struct sc_cmvp_cert {
	char *number, *module, *vendor, *family, *versions, *standard;
	char *status, *sunset, *source, *package, *sha256;
	char *level;		/* overall security level "1".."4", or NULL */
	time_t sunset_t;	/* 0: unknown */
};

struct sc_cmvp_table {
	struct sc_cmvp_cert *c;
	size_t n, cap;
	char *origin;		/* the file, or "built-in table" */
};

/* The attribute names a certificate row may carry, NULL-terminated. */
extern const char *const sc_cmvp_fields[];

/*
 * Check and complete one row whose fields are set (status, date, family
 * default); err names the row.
 */
int sc_cmvp_check_row(struct sc_cmvp_cert *c, struct sc_err *err);

/* Parse a YAML table from memory; origin names it in errors. */
int sc_cmvp_parse(const char *text, size_t n, const char *origin,
    struct sc_cmvp_table **out, struct sc_err *err);

/*
 * Load FILE (read from the scanning host: it is stigcheck's data, not the
 * target's) and use it for every check of target t.
 */
int sc_cmvp_use_file(struct sc_target *t, const char *path,
    struct sc_err *err);

/*
 * The table for target t: the one sc_cmvp_use_file set, else the
 * built-in copy.  NULL only if the built-in copy does not parse (err).
 */
const struct sc_cmvp_table *sc_cmvp_for(struct sc_target *t,
    struct sc_err *err);

/*
 * The row of family fam ("go", "java", ...) whose versions list version v:
 * an active row before a historical or revoked one; NULL when none does.
 */
const struct sc_cmvp_cert *sc_cmvp_match(const struct sc_cmvp_table *tab,
    const char *fam, const char *v);

/*
 * The certificate as a CycloneDX certificationLevel: "fips140-3-l1" from
 * standard "FIPS 140-3" and level "1"; "" when the row has no level.
 * Allocated.
 */
char *sc_cmvp_cert_level(const struct sc_cmvp_cert *c);

/* Whether a comma/space-separated list holds word v. */
int sc_cmvp_lists(const char *list, const char *v);

void sc_cmvp_cert_clear(struct sc_cmvp_cert *c);
void sc_cmvp_free(struct sc_cmvp_table *tab);

#endif
