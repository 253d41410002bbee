/*
 * policy.h - what a profile makes of a benchmark.
 *
 * A policy is a benchmark seen through one profile (or through none: the
 * benchmark's defaults).  It resolves the profile's @extends chain (base
 * first, loops refused) and applies select (by item id or cluster-id),
 * refine-rule (severity, role, weight), refine-value and set-value, as
 * NIST IR 7275r4 section 7.2 describes.  A Rule is selected when its own
 * selection and that of every enclosing Group is true, and each of them
 * has its <requires> met and no <conflicts> item selected.
 */
#ifndef SC_POLICY_H
#define SC_POLICY_H

#include "util/err.h"
#include "util/mem.h"
#include "xccdf/benchmark.h"

struct sc_policy;

/* profile_id NULL: no profile.  Unknown id: SC_ERR_NOTFOUND. */
int sc_policy_new(struct sc_policy **out, const struct sc_benchmark *b,
    const char *profile_id, struct sc_err *err);
void sc_policy_free(struct sc_policy *p);

/*
 * Narrow the selection as oscap's --rule and --skip-rule do (either list
 * may be NULL or empty): each skipped rule is deselected; then, when
 * rules are given, only they stay selected.  A --rule that names no Rule
 * the profile selects (or one also skipped) is SC_ERR_NOTFOUND, as in
 * oscap; a --skip-rule that names no Rule of the benchmark is too (oscap
 * ignores it; a typo should not quietly evaluate the rule).
 */
int sc_policy_filter(struct sc_policy *p, const struct sc_strv *rules,
    const struct sc_strv *skip, struct sc_err *err);

const struct sc_benchmark *sc_policy_benchmark(const struct sc_policy *p);
const struct sc_profile *sc_policy_profile(const struct sc_policy *p);

/* The item's own selection, after the profile. */
int sc_policy_item_selected(const struct sc_policy *p, const struct sc_item *it);
/* Selected, every ancestor Group selected, its <requires> met and no
 * <conflicts> item selected (XCCDF 1.2 7.2.3.1; a rule not selected so is
 * notselected, as in OpenSCAP). */
int sc_policy_rule_selected(const struct sc_policy *p, const struct sc_item *it);
size_t sc_policy_count_selected_rules(const struct sc_policy *p);

enum sc_severity sc_policy_severity(const struct sc_policy *p,
    const struct sc_item *rule);
enum sc_role sc_policy_role(const struct sc_policy *p,
    const struct sc_item *rule);
double sc_policy_weight(const struct sc_policy *p, const struct sc_item *it);
/* The refine-rule selector for a rule's check (NULL when none). */
const char *sc_policy_check_selector(const struct sc_policy *p,
    const struct sc_item *rule);

/* The value a Value item takes under the profile (NULL if unknown id). */
const char *sc_policy_value(const struct sc_policy *p, const char *value_id);

#endif
