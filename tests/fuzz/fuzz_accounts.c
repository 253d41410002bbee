/* /etc/passwd and /etc/group lines, and their redaction for evidence. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target/target.h"
#include "util/redact.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct sc_buf b = SC_BUF_INIT;
	struct sc_account *a;
	size_t n = 0;

	memcpy(s, data, size);
	s[size] = '\0';
	/* (the count is set by the parse: read it after, not as an argument) */
	a = sc_accounts_parse(s, 0, &n);
	sc_accounts_free(a, n);
	a = sc_accounts_parse(s, 1, &n);
	sc_accounts_free(a, n);
	sc_buf_reset(&b);
	sc_redact_text(&b, s, strlen(s), 1);
	/* the promise: no crypt hash survives redaction */
	if (sc_redact_has_crypt_hash(b.data, b.len))
		abort();
	sc_buf_reset(&b);
	sc_redact_line(&b, "/etc/security/opasswd", s, strlen(s));
	if (sc_redact_has_crypt_hash(b.data, b.len))
		abort();
	sc_buf_free(&b);
	free(s);
	return 0;
}
