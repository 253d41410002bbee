/*
 * text.h - small helpers for line-oriented text from the target.
 */
#ifndef SC_TEXT_H
#define SC_TEXT_H

#include <stddef.h>

/*
 * Take the next line from [*pos, end): *line and *len (without the newline
 * and a trailing CR).  Returns 0 when nothing is left.
 *
 *	while (sc_next_line(&pos, end, &l, &n)) { ... }
 */
int sc_next_line(const char **pos, const char *end, const char **line,
    size_t *len);

/* "regular file", "directory", "symbolic link", "FIFO", ... for st_mode. */
const char *sc_mode_type_word(unsigned mode);

/* Skip blanks (space, tab, CR) forward from s; trim them back from e. */
const char *sc_skip_ws(const char *s, const char *end);
const char *sc_trim_end(const char *s, const char *end);

#endif
