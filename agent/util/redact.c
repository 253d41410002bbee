/*
 * redact.c - redacting password hashes from evidence (redact.h).
 */
#include "util/redact.h"
#include "util/limits.h"

#include <string.h>

#define LINE_MAX_SHOWN SC_LIMIT_LINE_SHOWN

void
sc_redact_password_field(struct sc_buf *out, const char *line, size_t n)
{
	const char *c1 = memchr(line, ':', n), *f, *c2, *end = line + n;
	size_t flen, k;

	if (c1 == NULL) {
		/* not an account line: do not risk quoting it */
		sc_buf_adds(out, "[redacted]");
		return;
	}
	f = c1 + 1;
	c2 = memchr(f, ':', (size_t)(end - f));
	if (c2 == NULL)
		c2 = end;
	flen = (size_t)(c2 - f);
	sc_buf_add(out, line, (size_t)(f - line));
	for (k = 0; k < flen && (f[k] == '!' || f[k] == '*'); k++)
		;
	if (k == flen || (flen == 1 && f[0] == 'x')) {
		sc_buf_add(out, f, flen);
	} else {
		sc_buf_add(out, f, k);
		sc_buf_adds(out, "[redacted]");
	}
	sc_buf_add(out, c2, (size_t)(end - c2));
}

int
sc_redact_is_secret_path(const char *path)
{
	static const char *secret[] = {
		"/etc/shadow", "/etc/gshadow", "/etc/passwd", "/etc/shadow-",
		"/etc/gshadow-", "/etc/passwd-", "/etc/security/opasswd", NULL,
	};
	const char *base = strrchr(path, '/');

	for (size_t i = 0; secret[i]; i++)
		if (strcmp(path, secret[i]) == 0)
			return 1;
	/* shadow files elsewhere (backups, alternate roots) */
	base = base ? base + 1 : path;
	return strncmp(base, "shadow", 6) == 0 || strncmp(base, "gshadow", 7) == 0;
}

void
sc_redact_line(struct sc_buf *out, const char *path, const char *line,
    size_t n)
{
	if (sc_redact_is_secret_path(path)) {
		sc_redact_password_field(out, line, n);
		return;
	}
	if (n > LINE_MAX_SHOWN) {
		sc_buf_add(out, line, LINE_MAX_SHOWN);
		sc_buf_adds(out, "...");
		return;
	}
	sc_buf_add(out, line, n);
}
