/*
 * oval_var.h - the values of OVAL variables.
 *
 * Constant variables have their values; external variables the value an
 * XCCDF check-export bound (oval_model.h); local variables compute theirs
 * from components once per scan: literal_component, object_component
 * (the item_field of every item the object collected: collecting it if
 * needed), variable_component, and the functions concat (every
 * combination), substring, begin, end, split, regex_capture (the first
 * group of the first match), escape_regex, unique and count.
 *
 * A variable's flag says how complete its values are, as OVAL's collected
 * object flags do: complete, does not exist (no value), error (with a
 * message).  Comparisons against a variable that is not complete are
 * errors, never guesses.
 */
#ifndef SC_OVAL_VAR_H
#define SC_OVAL_VAR_H

#include "checks/oval/oval_model.h"

/* Prepare the objects a variable reads (walk registration). */
int sc_oval_var_prepare(struct sc_oval_doc *d, struct sc_oval_var *v,
    struct sc_err *err);

/*
 * The values of v, computed on first use.  Returns SC_OK with *flag and
 * *values set, or a negative code when the variable cannot be computed at
 * all (err says why; *flag is then error).
 */
int sc_oval_var_values(struct sc_oval_doc *d, struct sc_oval_var *v,
    enum sc_oval_flag *flag, const struct sc_strv **values,
    struct sc_err *err);

#endif
