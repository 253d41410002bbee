/*
 * oval_engine.h - the OVAL 5.11 check engine (check system
 * http://oval.mitre.org/XMLSchema/oval-definitions-5).
 *
 * A rule's <check-content-ref href name> names a definition in an OVAL
 * definitions document (a data stream component, or a file beside a
 * plain XCCDF benchmark); the first ref that resolves is used, and a ref
 * without a name means every definition of the document, combined with
 * XCCDF's AND.  check-export values bind the document's external
 * variables per rule: rules whose bound values agree share one instance
 * of the document (and so its collected objects); a rule that binds a
 * variable to another value gets an instance of its own (one more OVAL
 * results document).
 *
 * Per scan (init .. fini) each document is parsed once, each definition,
 * test and object evaluated or collected once, however many rules share
 * them; objects that need a recursive search register it on the scan's
 * one walk in the prepare phase (oval_collect.h).  evaluate maps the
 * definition's result to XCCDF by its class (compliance and inventory:
 * true = pass; vulnerability and patch: true = fail; error, unknown, not
 * applicable and not evaluated to error, unknown, notapplicable and
 * notchecked) and writes the evidence (oval_eval.h).  collect attaches
 * one OVAL results document per definitions document used
 * (oval_results.h) to the TestResult.
 *
 * Anything the engine does not implement makes the rule `error`, with a
 * message naming the construct (oval_model.h lists what is implemented);
 * multi-check and inline check-content are refused the same way.
 */
#ifndef SC_OVAL_ENGINE_H
#define SC_OVAL_ENGINE_H

#include "checks/engine.h"

#define SC_OVAL_SYSTEM "http://oval.mitre.org/XMLSchema/oval-definitions-5"

extern const struct sc_engine_ops sc_oval_engine;

#endif
