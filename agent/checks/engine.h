/*
 * engine.h - check engines, keyed by XCCDF check system.
 *
 * A rule's <check system="URI"> selects an engine from the table in
 * engine.c (the first check whose system has an engine wins).  Engines work
 * in two phases so that every recursive walk of the target is shared
 * (walk.h):
 *
 *   prepare   parse the check, register walk visitors, return a job;
 *   (the scan runs the one walk)
 *   evaluate  decide the result from collected data and the target,
 *             writing evidence messages into the rule-result.
 *
 * An engine's init/fini bracket one scan (caches shared by rules, e.g.
 * OVAL definitions evaluated once).  prepare or evaluate returning a
 * negative code makes the rule `error` with the message set in err /
 * added to the rule-result.  An engine never guesses: what it does not
 * support is `error` (or `notchecked`) with the reason.
 */
#ifndef SC_ENGINE_H
#define SC_ENGINE_H

#include "target/target.h"
#include "util/err.h"
#include "walk/walk.h"
#include "xccdf/benchmark.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"
#include "xccdf/result.h"

/* What an engine sees of the scan. */
struct sc_scan_ctx {
	struct sc_target *target;
	struct sc_walk *walk;		/* register visitors in prepare only */
	struct sc_content *content;
	const struct sc_policy *policy;
	int verbose;
};

/* The exported values of a check (check-export), resolved by the policy. */
struct sc_export {
	const char *name;
	const char *value;
	const char *type;		/* the Value's type */
};

struct sc_engine_ops {
	const char *system;		/* check system URI */
	const char *name;		/* short name for messages */
	const char *info;		/* what `stigcheck info` says of it */
	int (*init)(struct sc_scan_ctx *ctx, void **state, struct sc_err *err);
	void (*fini)(void *state);
	int (*prepare)(void *state, struct sc_scan_ctx *ctx,
	    const struct sc_check *check, const struct sc_export *exports,
	    size_t n_exports, void **job, struct sc_err *err);
	int (*evaluate)(void *state, struct sc_scan_ctx *ctx, void *job,
	    struct sc_rule_result *rr, struct sc_err *err);
	void (*job_free)(void *job);
	/*
	 * Optional: after every job is evaluated, attach this engine's own
	 * results document to the TestResult (for ARF: OVAL attaches an
	 * oval_results document) with sc_testresult_add_check_doc.
	 */
	int (*collect)(void *state, struct sc_scan_ctx *ctx,
	    struct sc_testresult *tr, struct sc_err *err);
};

/* The engine for a check system, or NULL. */
const struct sc_engine_ops *sc_engine_find(const char *system);
/* The table, NULL-terminated (for `stigcheck info`). */
const struct sc_engine_ops *const *sc_engine_table(void);

#endif
