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

#endif
