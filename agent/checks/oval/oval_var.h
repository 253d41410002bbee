/*
 * oval_var.h - the values of OVAL variables.
 *
 * Constant variables have their values; external variables the value an
 * XCCDF check-export bound (oval_model.h); local variables compute theirs
 * from components once per scan: literal_component, object_component
 * (the item_field of every item the object collected: collecting it if
 * needed), variable_component, and the functions concat (every
 * combination), substring, begin, end, split, regex_capture (the first
 * group of the first match; the empty string when nothing matches),
 * escape_regex, unique, count, arithmetic (add, multiply: 64-bit integers
 * while every operand is one, overflow an error; else doubles, printed
 * with 15 significant digits), time_difference (seconds, first minus
 * second, or the current time minus the one argument; formats below) and
 * glob_to_regex.  concat, arithmetic and time_difference take the cross
 * product of their arguments' values; a product over the caps of
 * util/limits.h is an error, never a cut list.  substring past the end of
 * a value is an error (OVAL 5.11).
 *
 * A variable's flag says how complete its values are, as OVAL's collected
 * object flags do: complete, does not exist (no value), error (with a
 * message).  Comparisons against a variable that is not complete are
 * errors, never guesses.
 */
#ifndef SC_OVAL_VAR_H
#define SC_OVAL_VAR_H

#include <stdint.h>

#include "checks/oval/oval_model.h"
#include "util/mem.h"

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

/*
 * OVAL 5.11 glob_to_regex: glob as a Perl regular expression anchored at
 * both ends, appended to out.  '*' is [^/]*, '?' is [^/], but at the start
 * of a path component neither matches a leading '.'; [!x] is [^x];
 * without noescape a backslash escapes ? * [ ] and is literal otherwise.
 * Returns 0, or -1 for an invalid glob (an unclosed '[').
 */
int sc_oval_var_glob_to_regex(const char *glob, int noescape,
    struct sc_buf *out);

/*
 * A date-time string of an OVAL DateTimeFormatEnumeration as seconds
 * since 1970-01-01 UTC (times without a zone are UTC):
 *   year_month_day  yyyymmdd, yyyymmddThhmmss, yyyy/mm/dd, yyyy-mm-dd
 *                   (the last two with an optional " hh:mm:ss")
 *   month_day_year  mm/dd/yyyy, mm-dd-yyyy, "Month, dd yyyy" (full or
 *                   three-letter month name), each with optional time
 *   day_month_year  dd/mm/yyyy, dd-mm-yyyy, with optional time
 *   win_filetime    100 ns intervals since 1601-01-01 (decimal or 0x hex)
 *   seconds_since_epoch  a decimal integer
 *   cim_datetime    yyyymmddHHMMSS.mmmmmmsUUU (UUU minutes east of UTC),
 *                   yyyy-mm-dd HH:MM:SS:mmm
 * Calendar fields are checked (month 1-12, day of that month...).
 * Returns 0, or -1 when s is not of that format.
 */
int sc_oval_var_parse_time(const char *s, enum sc_oval_timefmt fmt,
    int64_t *secs);

#endif
