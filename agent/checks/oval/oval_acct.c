/*
 * oval_acct.c - account file items (oval_acct.h).
 */
#include "checks/oval/oval_acct.h"

#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_collect.h"
#include "checks/oval/oval_family.h"
#include "checks/oval/oval_item.h"
#include "util/limits.h"

#define MAX_FIELDS 16

int
sc_oval_acct_check(struct sc_oval_object *o, const char *owner,
    struct sc_err *err)
{
	const struct sc_oval_entity *u = sc_oval_collect_ent(o, "username");

	if (u == NULL || u->nil)
		return sc_err_set(err, SC_ERR_PARSE, "%s: no <username>", owner);
	return SC_OK;
}

/* split line at ':' in place into f (at most MAX_FIELDS); the count */
static size_t
split(char *line, char **f)
{
	size_t n = 0;

	f[n++] = line;
	for (char *p = line; *p && n < MAX_FIELDS; p++)
		if (*p == ':') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

void
sc_oval_acct_collect(struct sc_oval_doc *d, struct sc_oval_object *o,
    enum sc_oval_kind kind, const char *path, const char *const *names,
    const char *const *numeric,
    void (*extra)(struct sc_oval_item *it, char **fields, size_t n))
{
	const struct sc_oval_entity *ue = sc_oval_collect_ent(o, "username");
	struct sc_err err = SC_ERR_INIT;
	struct sc_buf b = SC_BUF_INIT;
	char *line, *next;
	int r;

	r = sc_target_read_file(d->rt->target, path, SC_LIMIT_ACCOUNTS_BYTES,
	    &b, NULL, &err);
	if (r == SC_ERR_NOTFOUND)
		goto out;
	if (r < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		goto out;
	}
	for (line = b.data; line != NULL && *line; line = next) {
		char *f[MAX_FIELDS];
		struct sc_oval_item *it;
		size_t n;
		int m;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '\0' || *line == '#')
			continue;
		n = split(line, f);
		if ((m = sc_oval_collect_match(o, ue, f[0])) < 0)
			break;
		if (m == 0)
			continue;
		it = sc_oval_item_new(kind);
		for (size_t i = 0; names[i]; i++) {
			const char *v = i < n ? f[i] : "";

			if (*v == '\0' && sc_oval_family_in_list(numeric, names[i]))
				v = "-1";
			sc_oval_item_set(it, names[i], v);
		}
		if (extra)
			extra(it, f, n);
		sc_oval_collect_emit(d, o, it);
	}
out:
	sc_buf_free(&b);
}
