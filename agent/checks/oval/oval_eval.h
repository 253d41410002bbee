/*
 * oval_eval.h - evaluating OVAL definitions, tests and states (OVAL 5.11).
 *
 * A definition's result comes from its criteria tree (operators AND, OR,
 * ONE, XOR; negate; extend_definition), each criterion from a test, each
 * test from the items of its object:
 *
 *  - check_existence decides on the count of items that exist (and that
 *    could not be collected);
 *  - when it holds and the test has states, every existing item is
 *    compared with the states (combined by state_operator; a state's
 *    entities by its operator, each entity by entity_check over the item's
 *    values and by its check_existence, a var_ref entity by var_check over
 *    the variable's values), and check decides over the items' results;
 *  - the object's flag (complete, does not exist, error...) is taken into
 *    account as OVAL and OpenSCAP do.
 *
 * Tests are fed item by item as their object is collected
 * (sc_oval_eval_feed, called by oval_collect.c), so a test over a million
 * files keeps counts and a capped list of evidence, not the files.
 * Results are cached: a definition several rules share is evaluated once.
 *
 * Evidence (sc_oval_eval_evidence): for a rule, the definition's result
 * and, for every test that decided it, what the test looked for and the
 * items that decided it ("/usr/lib/apk/db/installed:12: package dropbear
 * 2024.86-r1 installed", "/usr/lib/x.so owned by uid 1000 ..."), capped at
 * SC_OVAL_MAX_EVIDENCE items per test with a count of the rest.
 */
#ifndef SC_OVAL_EVAL_H
#define SC_OVAL_EVAL_H

#include "checks/oval/oval_model.h"
#include "xccdf/result.h"

/*
 * Prepare def for evaluation: register its tests on their objects and the
 * objects that need the walk on it.  Errors name unsupported constructs.
 */
int sc_oval_eval_prepare(struct sc_oval_doc *d, struct sc_oval_def *def,
    struct sc_err *err);

/* The result of def (evaluated once). */
enum sc_oval_res sc_oval_eval_def(struct sc_oval_doc *d,
    struct sc_oval_def *def);

/* One collected item of t's object (for oval_collect.c). */
void sc_oval_eval_feed(struct sc_oval_doc *d, struct sc_oval_test *t,
    const struct sc_oval_item *it);

/*
 * Compare an item with a state.  why (optional) gets the entities the item
 * does not satisfy.
 */
enum sc_oval_res sc_oval_eval_state(struct sc_oval_doc *d,
    const struct sc_oval_state *s, const struct sc_oval_item *it,
    struct sc_buf *why);

/*
 * Does actual match an object or state entity: its literal, or the values
 * of its variable combined by var_check (default "all", as the OVAL 5.11
 * schema says for objects and states alike: an object entity "equals" a
 * variable of two different values matches nothing unless var_check is
 * "at least one")?  A nil entity matches anything.
 */
enum sc_oval_res sc_oval_eval_entity_match(struct sc_oval_doc *d,
    const struct sc_oval_entity *e, const char *actual, struct sc_err *err);

/* XCCDF result of a definition result, by the definition's class. */
enum sc_result sc_oval_eval_xccdf(const struct sc_oval_def *def,
    enum sc_oval_res r);

/* Evidence messages for a rule checked with def (evaluated). */
void sc_oval_eval_evidence(struct sc_oval_doc *d, const struct sc_oval_def *def,
    struct sc_rule_result *rr);

#endif
