/*
 * redact.h - keeping secrets out of evidence.
 *
 * Evidence quotes lines of target files.  Lines of /etc/shadow,
 * /etc/gshadow and old-style /etc/passwd carry password hashes; these
 * helpers rewrite such a line so that what an assessor needs (the account,
 * whether the field is empty, locked '!' or disabled '*') stays and the
 * hash itself never leaves the scanner.
 */
#ifndef SC_REDACT_H
#define SC_REDACT_H

#include <stddef.h>

#include "util/mem.h"

/*
 * Append line (n bytes, no newline) to out with its second colon-separated
 * field redacted: empty, "x", and fields made only of '!' and '*' are
 * kept; otherwise the leading '!'/'*' characters are kept and the rest is
 * replaced by "[redacted]".
 */
void sc_redact_password_field(struct sc_buf *out, const char *line, size_t n);

/* Whether a target path holds password hashes by its name. */
int sc_redact_is_secret_path(const char *path);

/*
 * Append line for evidence from file path: password files are redacted as
 * above, anything else copied.  Lines over 512 bytes are cut with "...".
 */
void sc_redact_line(struct sc_buf *out, const char *path, const char *line,
    size_t n);

#endif
