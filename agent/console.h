/*
 * console.h - what a person sees on the terminal.
 *
 * One line per evaluated rule (result, severity, id, title), in document
 * order, then totals and the default score.  Not-selected rules are not
 * listed.  Colour only when asked or when stdout is a terminal.  Quiet:
 * totals, then the id of each failing rule on its own line (for scripts:
 * `stigcheck -q ... | tail -n +2`).  Verbose: each rule's evidence
 * messages below it.
 *
 * A rule overridden by a review or waiver (xccdf/review.h) shows its final
 * result, then an indented line: "waived"/"reviewed" by whom, the
 * evaluated result and the reason; the totals count final results and
 * add "N overridden" when any rule was.
 *
 * The totals line ends with the open findings by DISA category (failed
 * rules of severity high, medium, low: CAT I, II, III).  On a terminal
 * (isatty) long titles are cut to its width (TIOCGWINSZ, else COLUMNS,
 * else 80) with "..."; written to a file or a pipe, never.
 */
#ifndef SC_CONSOLE_H
#define SC_CONSOLE_H

#include <stdio.h>

#include "xccdf/result.h"

struct sc_console_opts {
	int color;
	int quiet;
	int verbose;
};

/* Columns of the terminal f is, or 0 when f is not a terminal. */
int sc_console_width(FILE *f);
/* Failed rules by category: cat[0] CAT I (high), [1] II, [2] III. */
void sc_console_cat_counts(const struct sc_testresult *tr,
    unsigned long cat[3]);
void sc_console_print(FILE *f, const struct sc_testresult *tr,
    const struct sc_console_opts *o);

#endif
