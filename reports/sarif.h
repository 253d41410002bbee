/*
 * sarif.h - SARIF 2.1.0 (--sarif FILE), for code-scanning dashboards.
 *
 * One run; tool.driver is stigcheck with one reportingDescriptor per
 * listed rule (every rule-result but notselected): id, name (V-id when
 * the rule maps to the GPOS SRG), shortDescription (title),
 * fullDescription (description), help (check and fix text, or the title),
 * defaultConfiguration.level from the severity (high error, medium
 * warning, low/info note, unknown warning) and properties (severity,
 * "security-severity" 8.0/5.0/2.0 as GitHub reads it, vuln_id, srg_id,
 * tags).  One result per failing rule: ruleId, ruleIndex, level, message
 * = the title then the evidence lines, and the target as a logical
 * location.  Rules whose result is error are not results (nothing was
 * found): each is a toolExecutionNotification of the invocation with its
 * evidence, and executionSuccessful is false when there is any.
 * Validated against OASIS's sarif-schema-2.1.0.json in the tests.
 */
#ifndef SC_SARIF_H
#define SC_SARIF_H

#include <jansson.h>

#include "reports/outputs.h"
#include "util/err.h"

json_t *sc_sarif_doc(const struct sc_output_ctx *ctx);
int sc_sarif_write(const struct sc_output_ctx *ctx, const char *path,
    struct sc_err *err);

#endif
