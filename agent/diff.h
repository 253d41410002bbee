/*
 * diff.h - `stigcheck diff OLD NEW`: drift between two stored runs.
 *
 * OLD and NEW are XCCDF 1.2 results or ARF 1.1 files, read by the reader
 * `stigcheck report --from` uses (xccdf/results_read.h).  Rule-results
 * are matched by rule id; each rule whose state differs is one change:
 *
 *   regressed  NEW is fail or error and OLD was not that (a rule new in
 *              NEW that fails or errors counts too)
 *   fixed      OLD was fail or error, NEW is neither (and present)
 *   evidence   the same result, different evidence (message text)
 *   changed    any other result change (pass -> notapplicable, ...)
 *   added      only in NEW, not failing or erroring
 *   removed    only in OLD
 *
 * Results compared are the final ones, the <result> of each rule-result:
 * a rule waived or reviewed (an <override>, xccdf/review.h) whose final
 * result did not change is not a change, whatever it evaluated to.
 * Rules notselected in both are ignored.  The table lists the changes,
 * regressions first, then the totals; --json FILE (or - for standard
 * output) writes them as a versioned document (docs/ci.md).  Status: 2
 * when anything regressed, 0 otherwise, 1 when a file cannot be read.
 *
 * OLD and NEW may instead be two --output-dir directories
 * (fleetscan.h): their targets are the NAME.xml files (XCCDF results;
 * another format's file, NAME.arf.xml, is not a target).  Targets in both
 * are compared as above; a target only in NEW ("added") is compared with
 * no rules, so its failing rules are regressions; one only in OLD
 * ("gone") lists its rules as removed.  The table has one section per
 * target and the totals; --json writes { "format": "stigcheck-diff-dirs",
 * "version", "old", "new", "regressed", "added": [names], "gone": [names],
 * "targets": [ { "name", "state": compared|added|gone, "regressed",
 * "diff": the two-file document } ] }.  Status 2 when any target
 * regressed.  One directory and one file is an error.
 */
#ifndef SC_DIFF_H
#define SC_DIFF_H

#include <jansson.h>
#include <stdio.h>

#include "util/err.h"
#include "xccdf/result.h"

enum sc_diff_kind {
	SC_DIFF_REGRESSED,
	SC_DIFF_FIXED,
	SC_DIFF_EVIDENCE,
	SC_DIFF_CHANGED,
	SC_DIFF_ADDED,
	SC_DIFF_REMOVED,
	SC_DIFF__COUNT
};

struct sc_diff_change {
	enum sc_diff_kind kind;
	const struct sc_rule_result *old, *new;	/* NULL when absent */
};

struct sc_diff {
	struct sc_diff_change *v;
	size_t n, cap;
	unsigned long counts[SC_DIFF__COUNT];
};

const char *sc_diff_kind_name(enum sc_diff_kind k);

/* Compare two TestResults (borrowed: they must outlive d). */
void sc_diff_compute(struct sc_diff *d, const struct sc_testresult *old,
    const struct sc_testresult *new);
void sc_diff_free(struct sc_diff *d);

/* The readable table. */
void sc_diff_print(FILE *f, const struct sc_diff *d, const char *old_name,
    const struct sc_testresult *old, const char *new_name,
    const struct sc_testresult *new);
/* The JSON document (new reference). */
json_t *sc_diff_json(const struct sc_diff *d, const char *old_name,
    const struct sc_testresult *old, const char *new_name,
    const struct sc_testresult *new);

/* Two --output-dir directories: 0, 2, or 1 with err set. */
int sc_diff_dirs_main(const char *old_dir, const char *new_dir,
    const char *json, FILE *out, struct sc_err *err);

/* The command (files or directories): 0, 2, or 1 with err set. json may
 * be NULL. */
int sc_diff_main(const char *old_path, const char *new_path,
    const char *json, FILE *out, struct sc_err *err);

#endif
