/*
 * text.h - matches of a Perl-compatible pattern in a text file of the
 * target (the textfilecontent probe).
 *
 * The whole file is read through the target (regular files only, symlinks
 * resolved inside the root, SC_TARGET_READ_MAX at most) and searched as one
 * subject, so a pattern may span lines when the caller compiled it that
 * way.  Matches are reported in order as numbered instances (1, 2, ...):
 * after a match the next search starts where it ended, or one byte further
 * for an empty match, so the walk always advances.  Each match carries the
 * 1-based line number where it starts, for evidence.
 *
 * The probe knows nothing of OVAL or XCCDF: the OVAL engine builds items
 * from the matches, native checks can build findings.
 */
#ifndef SC_PROBE_TEXT_H
#define SC_PROBE_TEXT_H

#include <stddef.h>

#include "target/target.h"
#include "util/regex.h"

struct sc_text_match {
	unsigned long instance;		/* 1-based */
	unsigned long line;		/* 1-based line of the match start */
	const char *subject;		/* the whole file (NUL-terminated) */
	size_t subject_len;
	const struct sc_match *m;	/* group offsets into subject */
};

/* Return 0 to go on, 1 to stop, a negative code to stop with an error. */
typedef int (*sc_text_match_fn)(void *ctx, const struct sc_text_match *m);

/*
 * Search subject[0..len) for every match of re and call fn for each.
 * Returns the number of matches (>= 0) or a negative code (regex limits,
 * or fn's error).
 */
long sc_probe_text_scan(const char *subject, size_t len, struct sc_regex *re,
    sc_text_match_fn fn, void *ctx, struct sc_err *err);

/*
 * Read the target file at path and scan it.  SC_ERR_NOTFOUND when it does
 * not exist, SC_ERR_NOTREG when it is not a regular file, SC_ERR_TOOBIG
 * over max bytes (0: SC_TARGET_READ_MAX).
 */
long sc_probe_text_file(struct sc_target *t, const char *path, size_t max,
    struct sc_regex *re, sc_text_match_fn fn, void *ctx, struct sc_err *err);

/* The bounds [*start, *end) of the line of subject holding offset off. */
void sc_probe_text_line_bounds(const char *subject, size_t len, size_t off,
    size_t *start, size_t *end);

#endif
