/*
 * oval_systemd.c - systemd units read offline (oval_systemd.h).
 */
#include "checks/oval/oval_systemd.h"

#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_family.h"
#include "util/limits.h"

#define UNIT_MAX_BYTES (1u << 20)
#define MAX_UNITS 20000

static const char *const dirs[] = { "/etc/systemd/system",
	"/run/systemd/system", "/usr/local/lib/systemd/system",
	"/usr/lib/systemd/system", "/lib/systemd/system", NULL };

static const char *const list_keys[] = { "Requires", "Requisite", "Wants",
	"BindsTo", "PartOf", "Upholds", "Before", "After", "Conflicts",
	"OnFailure", "OnSuccess", "PropagatesReloadTo", "ReloadPropagatedFrom",
	"JoinsNamespaceOf", "RequiresMountsFor", "WantedBy", "RequiredBy",
	"Also", "Alias", NULL };

static const char *const dep_keys[] = { "Requires", "Requisite", "Wants",
	"BindsTo", NULL };

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_unit_name(const char *n)
{
	static const char *const sfx[] = { ".service", ".socket", ".target",
		".mount", ".automount", ".timer", ".path", ".slice", ".scope",
		".swap", ".device", NULL };
	size_t l = strlen(n);

	for (size_t i = 0; sfx[i]; i++) {
		size_t s = strlen(sfx[i]);

		if (l > s && strcmp(n + l - s, sfx[i]) == 0)
			return 1;
	}
	return 0;
}

int
sc_oval_systemd_names(struct sc_target *t, struct sc_strv *out,
    struct sc_err *err)
{
	for (size_t d = 0; dirs[d]; d++) {
		struct sc_strv n = SC_STRV_INIT;
		int r = sc_target_list_dir(t, dirs[d], &n, err);

		if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG)
			continue;
		if (r < 0)
			return r;
		for (size_t i = 0; i < n.n; i++)
			if (is_unit_name(n.v[i]) && sc_strv_find(out, n.v[i]) < 0 &&
			    out->n < MAX_UNITS)
				sc_strv_push(out, n.v[i]);
		sc_strv_free(&n);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(char *), cmp_str);
	return SC_OK;
}

static void
set_key(struct sc_oval_unit *u, const char *k, const char *v)
{
	long i = sc_strv_find(&u->keys, k);
	char *nv;

	if (i < 0) {
		sc_strv_push(&u->keys, k);
		sc_strv_push(&u->vals, v);
		return;
	}
	if (sc_oval_family_in_list(list_keys, k) && *v && *u->vals.v[i])
		nv = sc_xasprintf("%s %s", u->vals.v[i], v);
	else
		nv = sc_xstrdup(v);
	free(u->vals.v[i]);
	u->vals.v[i] = nv;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* apply a unit file's settings; returns 0 if empty */
static int
parse(struct sc_oval_unit *u, char *text, int fragment)
{
	int any = 0;

	for (char *line = text, *next; line && *line; line = next) {
		char *eq, *l;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		/* continuation lines: join with a space */
		while (next && *line && line[strlen(line) - 1] == '\\') {
			char *n2 = strchr(next, '\n');

			line[strlen(line) - 1] = ' ';
			if (n2)
				*n2++ = '\0';
			memmove(line + strlen(line), next, strlen(next) + 1);
			next = n2;
		}
		l = trim(line);
		if (*l == '\0' || *l == '#' || *l == ';')
			continue;
		any = 1;
		if (*l == '[') {
			if (fragment && strncmp(l, "[Install]", 9) == 0)
				u->has_install = 1;
			continue;
		}
		if ((eq = strchr(l, '=')) == NULL)
			continue;
		*eq = '\0';
		set_key(u, trim(l), trim(eq + 1));
	}
	return any;
}

static int
read_unit(struct sc_target *t, const char *path, struct sc_buf *b,
    struct sc_err *err)
{
	return sc_target_read_file(t, path, UNIT_MAX_BYTES, b, NULL, err);
}

/* the fragment of name in dirs: 1 found (path in *fp), 0 none, <0 error */
static int
find_fragment(struct sc_target *t, const char *name, struct sc_oval_unit *u,
    struct sc_buf *text, struct sc_err *err)
{
	for (size_t d = 0; dirs[d]; d++) {
		char *p = sc_xasprintf("%s/%s", dirs[d], name);
		struct sc_buf l = SC_BUF_INIT;
		struct stat st;
		int r = sc_target_lstat(t, p, &st, NULL);

		if (r == SC_OK && S_ISLNK(st.st_mode) &&
		    sc_target_readlink(t, p, &l, NULL) == SC_OK &&
		    strcmp(l.data, "/dev/null") == 0) {
			u->masked = 1;
			u->fragment = p;
			sc_buf_free(&l);
			return 1;
		}
		sc_buf_free(&l);
		if (r == SC_OK) {
			sc_buf_reset(text);
			r = read_unit(t, p, text, err);
			if (r == SC_OK) {
				u->fragment = p;
				return 1;
			}
			if (r != SC_ERR_NOTFOUND) {
				free(p);
				return r;
			}
		}
		free(p);
	}
	return 0;
}

/* entries of NAME.SUFFIX in every directory, merged (first wins) */
static int
dir_entries(struct sc_target *t, const char *name, const char *suffix,
    struct sc_strv *out, struct sc_strv *from, struct sc_err *err)
{
	for (size_t d = 0; dirs[d]; d++) {
		char *p = sc_xasprintf("%s/%s%s", dirs[d], name, suffix);
		struct sc_strv n = SC_STRV_INIT;
		int r = sc_target_list_dir(t, p, &n, err);

		if (r < 0 && r != SC_ERR_NOTFOUND && r != SC_ERR_NOTREG) {
			free(p);
			return r;
		}
		for (size_t i = 0; r == SC_OK && i < n.n; i++)
			if (sc_strv_find(out, n.v[i]) < 0) {
				sc_strv_push(out, n.v[i]);
				if (from)
					sc_strv_push_owned(from, sc_xasprintf("%s/%s",
					    p, n.v[i]));
			}
		sc_strv_free(&n);
		free(p);
	}
	return SC_OK;
}

/* the template of an instance ("a@b.service" -> "a@.service"), or NULL */
static char *
template_of(const char *name)
{
	const char *at = strchr(name, '@'), *dot = strrchr(name, '.');

	if (at == NULL || dot == NULL || dot < at || dot == at + 1)
		return NULL;
	return sc_xasprintf("%.*s%s", (int)(at - name + 1), name, dot);
}

static int
apply_dropins(struct sc_target *t, struct sc_oval_unit *u, const char *name,
    struct sc_err *err)
{
	struct sc_strv names = SC_STRV_INIT, paths = SC_STRV_INIT;
	size_t *order = NULL;
	int r = dir_entries(t, name, ".d", &names, &paths, err);

	if (r < 0)
		goto out;
	order = sc_xcalloc(names.n + 1, sizeof(*order));
	for (size_t i = 0; i < names.n; i++)
		order[i] = i;
	/* file-name order */
	for (size_t i = 1; i < names.n; i++)
		for (size_t j = i; j > 0 && strcmp(names.v[order[j - 1]],
		    names.v[order[j]]) > 0; j--) {
			size_t x = order[j];

			order[j] = order[j - 1];
			order[j - 1] = x;
		}
	for (size_t i = 0; i < names.n; i++) {
		size_t k = order[i];
		size_t l = strlen(names.v[k]);
		struct sc_buf b = SC_BUF_INIT;

		if (l < 5 || strcmp(names.v[k] + l - 5, ".conf") != 0)
			continue;
		sc_buf_reset(&b);
		r = read_unit(t, paths.v[k], &b, err);
		if (r == SC_OK)
			parse(u, b.data, 0);
		sc_buf_free(&b);
		if (r < 0 && r != SC_ERR_NOTFOUND && r != SC_ERR_NOTREG)
			goto out;
		r = SC_OK;
	}
out:
	free(order);
	sc_strv_free(&names);
	sc_strv_free(&paths);
	return r;
}

int
sc_oval_systemd_load(struct sc_target *t, const char *name,
    struct sc_oval_unit *u, struct sc_err *err)
{
	struct sc_buf text = SC_BUF_INIT;
	struct sc_strv w = SC_STRV_INIT;
	char *tmpl = template_of(name);
	int r;

	memset(u, 0, sizeof(*u));
	u->name = sc_xstrdup(name);
	r = find_fragment(t, name, u, &text, err);
	if (r == 0 && tmpl)
		r = find_fragment(t, tmpl, u, &text, err);
	if (r <= 0)
		goto out;
	u->found = 1;
	if (!u->masked && !parse(u, text.data, 1))
		u->masked = 1;		/* an empty file masks too */
	if (u->masked) {
		r = SC_OK;
		goto out;
	}
	if ((tmpl && (r = apply_dropins(t, u, tmpl, err)) < 0) ||
	    (r = apply_dropins(t, u, name, err)) < 0)
		goto out;
	for (int k = 0; k < 2; k++) {
		sc_strv_free(&w);
		r = dir_entries(t, name, k ? ".requires" : ".wants", &w, NULL, err);
		if (r < 0)
			goto out;
		for (size_t i = 0; i < w.n; i++)
			set_key(u, k ? "Requires" : "Wants", w.v[i]);
	}
out:
	sc_strv_free(&w);
	sc_buf_free(&text);
	free(tmpl);
	return r < 0 ? r : SC_OK;
}

void
sc_oval_systemd_unit_free(struct sc_oval_unit *u)
{
	if (u == NULL)
		return;
	free(u->name);
	free(u->fragment);
	sc_strv_free(&u->keys);
	sc_strv_free(&u->vals);
	memset(u, 0, sizeof(*u));
}

const char *
sc_oval_systemd_get(const struct sc_oval_unit *u, const char *key)
{
	long i = sc_strv_find(&u->keys, key);

	return i < 0 ? "" : u->vals.v[i];
}

int
sc_oval_systemd_enabled(struct sc_target *t, const char *name)
{
	int on = 0;

	for (size_t d = 0; d < 2 && !on; d++) {
		struct sc_strv n = SC_STRV_INIT;

		if (sc_target_list_dir(t, dirs[d], &n, NULL) < 0)
			continue;
		for (size_t i = 0; i < n.n && !on; i++) {
			size_t l = strlen(n.v[i]);
			struct sc_strv e = SC_STRV_INIT;
			char *p;

			if (!(l > 6 && strcmp(n.v[i] + l - 6, ".wants") == 0) &&
			    !(l > 9 && strcmp(n.v[i] + l - 9, ".requires") == 0))
				continue;
			p = sc_xasprintf("%s/%s", dirs[d], n.v[i]);
			if (sc_target_list_dir(t, p, &e, NULL) == SC_OK &&
			    sc_strv_find(&e, name) >= 0)
				on = 1;
			sc_strv_free(&e);
			free(p);
		}
		sc_strv_free(&n);
	}
	return on;
}

int
sc_oval_systemd_deps(struct sc_target *t, const char *name,
    struct sc_strv *out, struct sc_err *err)
{
	struct sc_strv queue = SC_STRV_INIT;
	int r = SC_OK;

	sc_strv_push(&queue, name);
	for (size_t q = 0; q < queue.n && queue.n < MAX_UNITS; q++) {
		struct sc_oval_unit u;

		r = sc_oval_systemd_load(t, queue.v[q], &u, err);
		if (r < 0) {
			sc_oval_systemd_unit_free(&u);
			break;
		}
		for (size_t k = 0; u.found && !u.masked && dep_keys[k]; k++) {
			char *v = sc_xstrdup(sc_oval_systemd_get(&u, dep_keys[k]));
			char *sp = NULL;

			for (char *s = strtok_r(v, " \t", &sp); s;
			    s = strtok_r(NULL, " \t", &sp))
				if (sc_strv_find(&queue, s) < 0) {
					sc_strv_push(&queue, s);
					sc_strv_push(out, s);
				}
			free(v);
		}
		sc_oval_systemd_unit_free(&u);
	}
	sc_strv_free(&queue);
	return r;
}
