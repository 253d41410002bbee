/*
 * console.h - what a person sees on the terminal.
 *
 * One line per evaluated rule (result, severity, id, title), in document
 * order, then totals and the default score.  Not-selected rules are not
 * listed.  Colour only when asked or when stdout is a terminal.  Quiet:
 * totals, then the id of each failing rule on its own line (for scripts:
 * `stigcheck -q ... | tail -n +2`).  Verbose: each rule's evidence
 * messages below it.
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

void sc_console_print(FILE *f, const struct sc_testresult *tr,
    const struct sc_console_opts *o);

#endif
