/*
 * Redaction as a property, not only "no crash": whatever the input and
 * whatever the file it claims to come from (a password file under any
 * spelling, opasswd, or an ordinary file), no crypt(3)-hash shape
 * (sc_redact_has_crypt_hash) survives sc_redact_text, sc_redact_line or
 * sc_redact_password_field.  The first byte picks the path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const redact_paths[] = {
	"/etc/shadow", "/etc//gshadow", "/etc/./passwd", "/x/../etc/group",
	"/etc/security/opasswd", "/etc/hosts", "/var/log/secure", "",
};

static void
redact_check(const struct sc_buf *b)
{
	if (b->len && sc_redact_has_crypt_hash(b->data, b->len))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sc_buf b = SC_BUF_INIT;
	const char *path, *text;
	char *copy;
	size_t n;

	if (size == 0)
		return 0;
	path = redact_paths[data[0] % (sizeof(redact_paths) /
	    sizeof(redact_paths[0]))];
	n = size - 1;
	copy = malloc(n ? n : 1);	/* exactly n bytes: no terminator */
	memcpy(copy, data + 1, n);
	text = copy;
	sc_buf_reset(&b);
	sc_redact_text(&b, text, n, data[0] & 0x80);
	redact_check(&b);
	sc_buf_reset(&b);
	sc_redact_line(&b, path, text, n);
	redact_check(&b);
	sc_buf_reset(&b);
	sc_redact_password_field(&b, text, n);
	redact_check(&b);
	sc_buf_free(&b);
	free(copy);
	return 0;
}
