/*
 * manual.c - the "manual" check system: a procedure for a person.
 *
 *   <check system="urn:stigcheck:manual">
 *     <check-content>Ask the system owner for ...</check-content>
 *   </check>
 *
 * Rules that only a person can decide (organisational requirements) carry
 * their check text this way; automated native rules carry it as a second,
 * alternative check after the native one, so assessors' tools find the
 * check text in the usual place.  Evaluating it never passes or fails: the
 * result is notchecked, with the procedure as the message.
 */
#include <stdlib.h>
#include <string.h>

#include "checks/engine.h"
#include "util/mem.h"

#define MANUAL_SYSTEM "urn:stigcheck:manual"
#define MANUAL_TEXT_MAX 2000

static int
manual_prepare(void *state, struct sc_scan_ctx *ctx,
    const struct sc_check *check, const struct sc_export *exports,
    size_t n_exports, void **job, struct sc_err *err)
{
	(void)state;
	(void)ctx;
	(void)exports;
	(void)n_exports;
	(void)err;
	*job = check->content ? sc_xml_text_collapsed(check->content) :
	    sc_xstrdup("");
	return SC_OK;
}

static int
manual_evaluate(void *state, struct sc_scan_ctx *ctx, void *job,
    struct sc_rule_result *rr, struct sc_err *err)
{
	const char *text = job;

	(void)state;
	(void)ctx;
	(void)err;
	rr->result = SC_RESULT_NOTCHECKED;
	if (text[0] == '\0')
		sc_rr_add(rr, SC_MSG_INFO, "Review procedure: none given in the content");
	else
		sc_rr_addf(rr, SC_MSG_INFO, "Review procedure: %.*s%s",
		    MANUAL_TEXT_MAX, text,
		    strlen(text) > MANUAL_TEXT_MAX ? "..." : "");
	return SC_OK;
}

const struct sc_engine_ops sc_manual_engine = {
	.system = MANUAL_SYSTEM,
	.name = "manual",
	.info = "manual review (notchecked, with the check text)",
	.init = NULL,
	.fini = NULL,
	.prepare = manual_prepare,
	.evaluate = manual_evaluate,
	.job_free = free,
};
