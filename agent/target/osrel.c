/*
 * osrel.c - os-release(5) parsing (osrel.h).
 */
#include <stdlib.h>
#include <string.h>

#include "target/osrel.h"
#include "util/mem.h"
#include "util/text.h"

static char *
unquote(const char *v, size_t n)
{
	struct sc_buf b = SC_BUF_INIT;
	char q = 0;
	size_t i;

	sc_buf_reset(&b);
	if (n > 0 && (v[0] == '"' || v[0] == '\'')) {
		q = v[0];
		v++;
		n--;
	}
	for (i = 0; i < n; i++) {
		if (q && v[i] == q)
			break;
		if (q == '"' && v[i] == '\\' && i + 1 < n)
			i++;
		sc_buf_addc(&b, v[i]);
	}
	return sc_buf_detach(&b);
}

void
sc_osrel_parse(struct sc_osrel *o, const char *text, size_t len)
{
	const char *pos = text, *end = text + strnlen(text, len), *line;
	size_t n;

	while (sc_next_line(&pos, end, &line, &n)) {
		const char *e = line + n, *eq;

		while (line < e && (*line == ' ' || *line == '\t'))
			line++;
		if (line == e || *line == '#')
			continue;
		eq = memchr(line, '=', (size_t)(e - line));
		if (eq == NULL || eq == line)
			continue;
		while (e > eq + 1 && (e[-1] == ' ' || e[-1] == '\t' ||
		    e[-1] == '\r'))
			e--;
		SC_GROW(o->v, o->cap, o->n + 1);
		o->v[o->n].key = sc_xstrndup(line, (size_t)(eq - line));
		o->v[o->n].value = unquote(eq + 1, (size_t)(e - eq - 1));
		o->n++;
	}
}

const char *
sc_osrel_get(const struct sc_osrel *o, const char *key)
{
	for (size_t i = o->n; i > 0; i--)	/* last assignment wins */
		if (strcmp(o->v[i - 1].key, key) == 0)
			return o->v[i - 1].value;
	return NULL;
}

void
sc_osrel_clear(struct sc_osrel *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].key);
		free(o->v[i].value);
	}
	free(o->v);
	memset(o, 0, sizeof(*o));
}
