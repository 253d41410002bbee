/*
 * oval_regex.h - OVAL patterns compiled once per scan.
 *
 * A pattern that comes from a variable (var_ref) is known only when its
 * entity is compared, and was compiled at each comparison: a filepath
 * pattern matched against every entry of a walk was compiled for each
 * entry (357 times for one SSG Debian 11 pattern).  sc_oval_regex_get
 * keeps each distinct (pattern, flags) compiled in the scan's runtime
 * (struct sc_oval_rt, field regexes) until sc_oval_regex_release, so a
 * pattern is compiled once per scan.  A compiled regex holds its match
 * data: use it for one search at a time (the engine is single-threaded).
 * A pattern that does not compile is not kept: each call reports the same
 * error again, as compiling it there would.
 */
#ifndef SC_OVAL_REGEX_H
#define SC_OVAL_REGEX_H

#include "util/err.h"
#include "util/regex.h"

struct sc_oval_rt;

/* The compiled pattern (SC_RE_* flags), owned by rt; NULL with err set
 * when it does not compile, or when rt is NULL (err not set). */
struct sc_regex *sc_oval_regex_get(struct sc_oval_rt *rt, const char *pattern,
    unsigned flags, struct sc_err *err);

/* Free what rt keeps; rt's target and walk stay the caller's.  NULL ok. */
void sc_oval_regex_release(struct sc_oval_rt *rt);

#endif
