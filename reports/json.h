/*
 * json.h - the JSON summary of a scan (--json FILE), and saving a JSON
 * document (shared with `stigcheck diff --json`).
 *
 * The summary is a documented, versioned format (docs/ci.md; JSON schema
 * tests/schemas/stigcheck-results-1.schema.json):
 *
 *   { "format": "stigcheck-results", "version": 1,
 *     "generator": { "name": "stigcheck", "version": "0.1.0" },
 *     "test_result": "xccdf_...", "start_time": ISO 8601, "end_time": ...,
 *     "target": { "name": ..., "addresses": [...], "facts": { name: value } },
 *     "benchmark": { "id": ..., "version": ... or null },
 *     "profile": id or null,
 *     "score": default-model score (two decimals) or null,
 *     "counts": { "pass": n, "fail": n, ... every XCCDF result },
 *     "failed_by_severity": { "high": n, "medium": n, "low": n,
 *                             "info": n, "unknown": n },
 *     "fips": null (no FIPS rule ran) or { "verdict": "yes" | "no" |
 *              "partial", "summary": the headline sentence,
 *              "certificate": the certificate the certificate rule
 *              accepted, or null },
 *     "rules": [ { "id", "title", "severity", "result",
 *                  "vuln_id", "sv_id", "srg_id" (null when unmapped),
 *                  "evidence": [ lines ] } ... ] }
 *
 * "rules" lists every rule-result but notselected ones, in document
 * order.  A new field may be added within version 1; a field's meaning
 * never changes without a new version.
 */
#ifndef SC_JSON_H
#define SC_JSON_H

#include <jansson.h>

#include "reports/outputs.h"
#include "util/err.h"

#define SC_JSON_VERSION 1

/* The summary document (new reference). */
json_t *sc_json_summary(const struct sc_output_ctx *ctx);

/* The output table's writer. */
int sc_json_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err);

/*
 * Write j, indented, ending in a newline, to path atomically, or to
 * standard output when path is "-".
 */
int sc_json_save(const json_t *j, const char *path, struct sc_err *err);

#endif
