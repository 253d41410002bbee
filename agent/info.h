/*
 * info.h - `stigcheck info`: what a piece of content holds.
 *
 * Prints the document kind, benchmark id, version and title, the number of
 * rules and groups, every profile with its title and number of selected
 * rules (and the default selection), and the check systems used with how
 * many rules use each and whether stigcheck evaluates them.
 */
#ifndef SC_INFO_H
#define SC_INFO_H

#include <stdio.h>

#include "util/err.h"
#include "xccdf/content.h"

int sc_info_print(FILE *f, struct sc_content *c, struct sc_err *err);

/*
 * Describe stored results instead of content: an XCCDF results file (a
 * Benchmark holding a TestResult), an ARF report, or an evidence directory
 * (agent/evidence.h; its results.xml and manifest.json).  Prints the
 * target and its identity, the times, benchmark and profile, the counts
 * and score, and the provenance facts (scanner, content, tailoring, read
 * digest, command line); for a directory also its files and whether it is
 * signed (`stigcheck verify` checks them).  Returns 1 when path was
 * described, 0 when it is neither (the caller loads it as content), or an
 * error (a directory that is not an evidence directory, a malformed
 * manifest).
 */
int sc_info_results(FILE *f, const char *path, struct sc_err *err);

#endif
