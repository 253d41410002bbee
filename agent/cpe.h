/*
 * cpe.h - XCCDF applicability: CPE names and CPE applicability language
 * platforms, evaluated against the target.
 *
 * An XCCDF <platform idref> is either a CPE name ("cpe:/o:debian:
 * debian_linux:11") or "#ID", a cpe-lang:platform of the Benchmark's
 * cpe-lang:platform-specification.  A platform's logical-test combines
 * (operator AND / OR, negate) fact-refs (CPE names), check-fact-refs (an
 * OVAL definition named directly) and nested logical-tests.  A CPE name
 * is true when the data stream's CPE dictionary (ds:dictionaries) names
 * an OVAL inventory definition for it and that definition is true on the
 * target; the definitions are evaluated by stigcheck's OVAL engine
 * (checks/oval), each once per scan, from the data stream's CPE OVAL
 * component.
 *
 * Results are three-valued: applies (1), does not apply (0), cannot be
 * evaluated (-1: a CPE name missing from the dictionary, no dictionary, an
 * OVAL definition that is in error or uses what stigcheck does not
 * support).  AND is false when a member is false, else error when one is
 * in error; OR is true when a member is true, else error when one is in
 * error (CPE language 2.3, like OVAL's operators).  "cpe:/o:notapplicable"
 * never applies.  why always receives the reason, naming the platform and
 * its title.
 */
#ifndef SC_CPE_H
#define SC_CPE_H

#include "target/target.h"
#include "util/mem.h"
#include "xccdf/content.h"

struct sc_cpe;

/* Applicability for content c on target t (nothing is evaluated yet). */
struct sc_cpe *sc_cpe_new(struct sc_content *c, struct sc_target *t);
void sc_cpe_free(struct sc_cpe *cpe);

/*
 * Does platform idref apply?  1 yes, 0 no, -1 cannot be evaluated; why
 * gets one sentence saying why (appended).  Cached per idref.
 */
int sc_cpe_applies(struct sc_cpe *cpe, const char *idref, struct sc_buf *why);

#endif
