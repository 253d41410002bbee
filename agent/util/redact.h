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
 * replaced by "[redacted]".  In the other fields, crypt(3) hashes
 * ("$id$salt$hash") are redacted wherever they sit, and fields shaped
 * like a traditional DES hash (13 of [./0-9A-Za-z]) too: opasswd keeps
 * old hashes, comma-separated, in its fourth field.
 */
void sc_redact_password_field(struct sc_buf *out, const char *line, size_t n);

/*
 * Whether a target path names a file holding password hashes, whatever
 * its spelling ("/etc//shadow", "/etc/./passwd", "/x/../etc/shadow").
 * Links are not followed here: callers with a target also compare the
 * file's identity with sc_redact_secret_paths() resolved in the target.
 */
int sc_redact_is_secret_path(const char *path);

/* The canonical paths of the files holding hashes (NULL-terminated). */
const char *const *sc_redact_secret_paths(void);

/* Whether s holds something shaped like a crypt(3) hash. */
int sc_redact_has_crypt_hash(const char *s, size_t n);

/*
 * Append text (n bytes, possibly several lines) for evidence: with secret
 * set each line is redacted as a password-file line; otherwise crypt
 * hashes are redacted by shape and the rest copied.
 */
void sc_redact_text(struct sc_buf *out, const char *text, size_t n,
    int secret);

/*
 * Append line for evidence from file path: password files are redacted as
 * above, anything else copied with crypt-shaped hashes redacted.  Lines
 * over SC_LIMIT_LINE_SHOWN bytes are cut with "...".
 */
void sc_redact_line(struct sc_buf *out, const char *path, const char *line,
    size_t n);

#endif
