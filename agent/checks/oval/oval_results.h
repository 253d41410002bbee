/*
 * oval_results.h - the OVAL results document of one definitions document
 * (oval-results-5, OVAL 5.11), for ARF.
 *
 * After a scan, every OVAL definitions document the scan used gets one
 * <oval_results>: generator, directives, a copy of the source definitions,
 * and one <system> with the results of the definitions rules used (their
 * criteria trees with each node's result), the tests they evaluated (with
 * the items each tested and their results, and the variable values they
 * compared with), and the system characteristics: the target (never the
 * scanning host), every collected object with its flag, messages and
 * references, and the items.  It validates against the OVAL 5.11 results
 * schema (tests/unit/check_oval.c and the integration tests check that).
 *
 * When a document collected more than SC_OVAL_MAX_KEPT_ITEMS items, not
 * all were kept (oval_collect.h); its results are then "thin" (OVAL's
 * directive content="thin": definition results without criteria, no tests
 * or items) rather than partial.  Secrets are redacted in items
 * (oval_item.h).
 *
 * The document's URL (doc->URL) is the check-content-ref href it answers
 * (e.g. "DetectOpenSslTest.xml"), so an ARF writer can name the report.
 */
#ifndef SC_OVAL_RESULTS_H
#define SC_OVAL_RESULTS_H

#include <libxml/tree.h>
#include <time.h>

#include "checks/oval/oval_model.h"

#define SC_OVAL_RESULTS_NS "http://oval.mitre.org/XMLSchema/oval-results-5"
#define SC_OVAL_SC_NS "http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
#define SC_OVAL_SCHEMA_VERSION "5.11.2"

/* Build the results document of d (evaluated); the caller owns it. */
xmlDocPtr sc_oval_results_build(struct sc_oval_doc *d, time_t when);

#endif
