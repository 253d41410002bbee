/*
 * redact.c - redacting password hashes from evidence (redact.h).
 */
#include "util/redact.h"
#include "util/limits.h"

#include <string.h>

#define LINE_MAX_SHOWN SC_LIMIT_LINE_SHOWN

static const char *const secret_paths[] = {
	"/etc/shadow", "/etc/gshadow", "/etc/passwd", "/etc/shadow-",
	"/etc/gshadow-", "/etc/passwd-", "/etc/security/opasswd", NULL,
};

const char *const *
sc_redact_secret_paths(void)
{
	return secret_paths;
}

static int
crypt_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '/';
}

/*
 * Length of a crypt(3) hash starting at s ("$id$...": $1$, $2b$, $5$,
 * $6$, $y$, $gy$, $7$, $sha1$, ...), or 0.  The id is 1 to 8 of [0-9a-z],
 * the rest runs over crypt characters, '$' and '=' (not ',', which
 * separates the old hashes of opasswd).
 */
static size_t
crypt_len(const char *s, size_t n)
{
	size_t i = 1, id;

	if (n < 4 || s[0] != '$')
		return 0;
	while (i < n && i <= 9 && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (s[i] >= '0' && s[i] <= '9')))
		i++;
	id = i - 1;
	if (id == 0 || id > 8 || i >= n || s[i] != '$')
		return 0;
	i++;
	if (i >= n || !(crypt_char(s[i]) || s[i] == '$'))
		return 0;
	while (i < n && (crypt_char(s[i]) || s[i] == '$' || s[i] == '='))
		i++;
	return i >= 8 ? i : 0;
}

int
sc_redact_has_crypt_hash(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '$' && crypt_len(s + i, n - i) != 0)
			return 1;
	return 0;
}

/* Copy s with every crypt-shaped hash replaced by "[redacted]". */
static void
add_shape_redacted(struct sc_buf *out, const char *s, size_t n)
{
	size_t i = 0, from = 0, k;

	while (i < n) {
		if (s[i] == '$' && (k = crypt_len(s + i, n - i)) != 0) {
			sc_buf_add(out, s + from, i - from);
			sc_buf_adds(out, "[redacted]");
			i += k;
			from = i;
			continue;
		}
		i++;
	}
	sc_buf_add(out, s + from, n - from);
}

/* A 13-character traditional DES hash between delimiters. */
static int
des_shaped(const char *f, size_t n)
{
	if (n != 13)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!crypt_char(f[i]))
			return 0;
	return 1;
}

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
	/* a hand-edited line may carry a hash in its first field too */
	add_shape_redacted(out, line, (size_t)(f - line));
	for (k = 0; k < flen && (f[k] == '!' || f[k] == '*'); k++)
		;
	if (k == flen || (flen == 1 && f[0] == 'x')) {
		sc_buf_add(out, f, flen);
	} else {
		sc_buf_add(out, f, k);
		sc_buf_adds(out, "[redacted]");
	}
	/*
	 * The other fields: hashes by shape wherever they sit (opasswd keeps
	 * old hashes in its fourth field, comma-separated; a hand-edited
	 * file may put one anywhere), traditional DES ones as whole fields.
	 */
	for (const char *p = c2; p < end;) {
		const char *q = p + 1, *e;

		sc_buf_addc(out, *p);	/* the delimiter */
		e = q;
		while (e < end && *e != ':' && *e != ',')
			e++;
		if (des_shaped(q, (size_t)(e - q)))
			sc_buf_adds(out, "[redacted]");
		else
			add_shape_redacted(out, q, (size_t)(e - q));
		p = e;
	}
}

/*
 * Lexically normal form of an absolute path: no empty, "." or ".."
 * components ("/etc/./passwd", "/etc//passwd", "/x/../etc/passwd" are all
 * "/etc/passwd").  Links are not followed; identity is checked by the
 * caller where a target is at hand (sc_redact_secret_paths).
 */
static void
normalize(const char *path, char *out, size_t cap)
{
	size_t o = 0;

	out[0] = '\0';
	for (const char *p = path; *p;) {
		const char *e;
		size_t len;

		while (*p == '/')
			p++;
		e = p;
		while (*e && *e != '/')
			e++;
		len = (size_t)(e - p);
		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			out[o] = '\0';
		} else if (o + len + 2 < cap) {
			out[o++] = '/';
			memcpy(out + o, p, len);
			o += len;
			out[o] = '\0';
		}
		p = e;
	}
	if (o == 0 && cap > 1) {
		out[0] = '/';
		out[1] = '\0';
	}
}

int
sc_redact_is_secret_path(const char *path)
{
	char norm[4096];
	const char *base;

	normalize(path, norm, sizeof(norm));
	for (size_t i = 0; secret_paths[i]; i++)
		if (strcmp(norm, secret_paths[i]) == 0)
			return 1;
	/* shadow files elsewhere (backups, alternate roots) */
	base = strrchr(norm, '/');
	base = base ? base + 1 : norm;
	return strncmp(base, "shadow", 6) == 0 || strncmp(base, "gshadow", 7) == 0 ||
	    strcmp(base, "opasswd") == 0;
}

void
sc_redact_text(struct sc_buf *out, const char *text, size_t n, int secret)
{
	for (const char *p = text, *end = text + n; p <= end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (secret && len > 0)
			sc_redact_password_field(out, p, len);
		else
			add_shape_redacted(out, p, len);
		if (nl == NULL)
			break;
		sc_buf_addc(out, '\n');
		p = nl + 1;
	}
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
		struct sc_buf full = SC_BUF_INIT, cut = SC_BUF_INIT;
		size_t start;

		/*
		 * Redact the whole line (a hash the cut falls inside is still
		 * a whole hash), cut, then redact again with the "...": '.' is
		 * a crypt character, so "..." can complete a shape ("$1a$$2" +
		 * "..." is one).
		 */
		sc_buf_reset(&full);
		add_shape_redacted(&full, line, n);
		sc_buf_add(&cut, full.data, full.len < LINE_MAX_SHOWN ? full.len :
		    LINE_MAX_SHOWN);
		sc_buf_adds(&cut, "...");
		start = out->len;
		add_shape_redacted(out, cut.data, cut.len);
		/* (the marker went into a shape: "[redacted]..." is safe) */
		if (out->len - start < 3 ||
		    memcmp(out->data + out->len - 3, "...", 3) != 0)
			sc_buf_adds(out, "...");
		sc_buf_free(&full);
		sc_buf_free(&cut);
		return;
	}
	add_shape_redacted(out, line, n);
}
