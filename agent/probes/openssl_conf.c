/*
 * openssl_conf.c - OpenSSL configuration files with OpenSSL's semantics
 * (openssl_conf.h).
 *
 * The line grammar follows crypto/conf/conf_def.c of OpenSSL 3.x step by
 * step (character classes, comment stripping, name scanning, quoting,
 * escapes, variable expansion and its length bound), because the point is
 * to agree with libcrypto, including where libcrypto is surprising.  The
 * unit test check_openssl_conf.c proves the agreement against the NCONF
 * API of the libcrypto stigcheck links.  Include handling is ours: it
 * reads through the target and records what OpenSSL would do silently.
 */
#include "probes/openssl_conf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/map.h"
#include "util/mem.h"

/* OpenSSL's default character classes (conf_def.h, CONF_type_default). */
enum {
	C_NUM = 1, C_UPPER = 2, C_LOWER = 4, C_EOF = 8, C_WS = 16,
	C_ESC = 32, C_QUOTE = 64, C_COMMENT = 128, C_UNDER = 256,
	C_PUNCT = 512, C_DOLLAR = 4096,
	C_ALNUM = C_UPPER | C_LOWER | C_NUM | C_UNDER,
	C_ALNUM_PUNCT = C_ALNUM | C_PUNCT,
};

static unsigned
cclass(char ch)
{
	unsigned char c = (unsigned char)ch;

	if (c == 0)
		return C_EOF;
	if (c >= '0' && c <= '9')
		return C_NUM;
	if (c >= 'A' && c <= 'Z')
		return C_UPPER;
	if (c >= 'a' && c <= 'z')
		return C_LOWER;
	switch (c) {
	case '\t': case '\n': case '\r': case ' ':
		return C_WS;
	case '\\':
		return C_ESC;
	case '"': case '\'': case '`':
		return C_QUOTE;
	case '#':
		return C_COMMENT;
	case '_':
		return C_UNDER;
	case '$':
		return C_DOLLAR;
	case '!': case '%': case '&': case '*': case '+': case ',': case '-':
	case '.': case '/': case ';': case '?': case '@': case '^': case '|':
	case '~':
		return C_PUNCT;
	}
	return 0;		/* everything else, and bytes over 127 */
}

#define IS(c, cls) ((cclass(c) & (cls)) != 0)

struct sc_osslconf {
	struct sc_osslconf_section *sec;
	size_t nsec, capsec;
	struct sc_map secidx;		/* name -> index + 1 */
	struct sc_osslconf_note *notes;
	size_t nnotes, capnotes;
	struct sc_strv files;
	/* $ENV:: lookups (copied from the options) */
	const char *(*getenv)(void *ctx, const char *name);
	void *getenv_ctx;
};

struct frame {
	dev_t dev;
	ino_t ino;
	const char *path;
};

struct loader {
	struct sc_osslconf *c;
	const struct sc_osslconf_opts *o;
	char *section;			/* current section */
	int dollarid, abspath;
	char *includedir;
	struct frame *stack;
	size_t depth, capstack;
	unsigned nfiles, max_depth, max_files;
	int first;			/* nothing read yet: strip a BOM */
	size_t expanded;		/* bytes produced by $var so far */
	/* position for messages */
	const char *file;
	unsigned line;
	int in_dir;
};

/* ---- the store ------------------------------------------------------------ */

static struct sc_osslconf_section *
section_get(struct sc_osslconf *c, const char *name, int create)
{
	uintptr_t i = (uintptr_t)sc_map_get(&c->secidx, name);
	struct sc_osslconf_section *s;

	if (i != 0)
		return &c->sec[i - 1];
	if (!create)
		return NULL;
	SC_GROW(c->sec, c->capsec, c->nsec + 1);
	s = &c->sec[c->nsec++];
	memset(s, 0, sizeof(*s));
	s->name = sc_xstrdup(name);
	sc_map_put(&c->secidx, name, (void *)(uintptr_t)c->nsec);
	return s;
}

/*
 * _CONF_add_string: a repeated name replaces and moves to the end.  The
 * replaced entry is left as a hole (name NULL) and the holes are removed
 * once the whole configuration is read (section_compact), so loading is
 * linear in the number of entries.
 */
static void
section_add(struct sc_osslconf_section *s, char *name, char *value,
    const char *file, unsigned line)
{
	uintptr_t i = (uintptr_t)sc_map_get(&s->idx, name);

	if (i != 0) {
		free(s->v[i - 1].name);
		free(s->v[i - 1].value);
		s->v[i - 1].name = s->v[i - 1].value = NULL;
		s->ndead++;
	}
	SC_GROW(s->v, s->cap, s->n + 1);
	s->v[s->n].name = name;
	s->v[s->n].value = value;
	s->v[s->n].file = file;
	s->v[s->n].line = line;
	s->n++;
	sc_map_put(&s->idx, name, (void *)(uintptr_t)s->n);
}

static void
section_compact(struct sc_osslconf_section *s)
{
	size_t k = 0;

	if (s->ndead == 0)
		return;
	sc_map_free(&s->idx);
	memset(&s->idx, 0, sizeof(s->idx));
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].name == NULL)
			continue;
		s->v[k] = s->v[i];
		sc_map_put(&s->idx, s->v[k].name, (void *)(uintptr_t)(k + 1));
		k++;
	}
	s->n = k;
	s->ndead = 0;
}

const struct sc_osslconf_value *
sc_osslconf_lookup(const struct sc_osslconf *c, const char *section,
    const char *name)
{
	const struct sc_osslconf_section *s = sc_osslconf_section(c, section);
	uintptr_t i;

	if (s == NULL)
		return NULL;
	i = (uintptr_t)sc_map_get(&s->idx, name);
	return i ? &s->v[i - 1] : NULL;
}

const char *
sc_osslconf_get_string(const struct sc_osslconf *c, const char *section,
    const char *name, const struct sc_osslconf_value **where)
{
	const struct sc_osslconf_value *v;

	if (where)
		*where = NULL;
	if (section != NULL) {
		if ((v = sc_osslconf_lookup(c, section, name)) != NULL) {
			if (where)
				*where = v;
			return v->value;
		}
		if (strcmp(section, "ENV") == 0 && c->getenv) {
			const char *e = c->getenv(c->getenv_ctx, name);
			if (e != NULL)
				return e;
		}
	}
	if ((v = sc_osslconf_lookup(c, "default", name)) == NULL)
		return NULL;
	if (where)
		*where = v;
	return v->value;
}

size_t
sc_osslconf_nsections(const struct sc_osslconf *c)
{
	return c->nsec;
}

const struct sc_osslconf_section *
sc_osslconf_section_at(const struct sc_osslconf *c, size_t i)
{
	return i < c->nsec ? &c->sec[i] : NULL;
}

const struct sc_osslconf_section *
sc_osslconf_section(const struct sc_osslconf *c, const char *name)
{
	uintptr_t i = (uintptr_t)sc_map_get(&c->secidx, name);

	return i ? &c->sec[i - 1] : NULL;
}

const struct sc_osslconf_note *
sc_osslconf_notes(const struct sc_osslconf *c, size_t *n)
{
	*n = c->nnotes;
	return c->notes;
}

const struct sc_strv *
sc_osslconf_files(const struct sc_osslconf *c)
{
	return &c->files;
}

void
sc_osslconf_free(struct sc_osslconf *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nsec; i++) {
		for (size_t k = 0; k < c->sec[i].n; k++) {
			free(c->sec[i].v[k].name);
			free(c->sec[i].v[k].value);
		}
		free(c->sec[i].v);
		free(c->sec[i].name);
		sc_map_free(&c->sec[i].idx);
	}
	free(c->sec);
	sc_map_free(&c->secidx);
	for (size_t i = 0; i < c->nnotes; i++)
		free(c->notes[i].text);
	free(c->notes);
	sc_strv_free(&c->files);
	free(c);
}

int
sc_osslconf_pragma_bool(const char *s)
{
	if (strcasecmp(s, "on") == 0 || strcasecmp(s, "true") == 0)
		return 1;
	if (strcasecmp(s, "off") == 0 || strcasecmp(s, "false") == 0)
		return 0;
	return -1;
}

/* ---- messages ------------------------------------------------------------- */

static void note(struct loader *L, enum sc_osslconf_note_kind kind,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
note(struct loader *L, enum sc_osslconf_note_kind kind, const char *fmt, ...)
{
	struct sc_osslconf *c = L->c;
	struct sc_buf b = SC_BUF_INIT;
	va_list ap;

	sc_buf_reset(&b);
	sc_buf_addf(&b, "%s:%u: ", L->file, L->line);
	va_start(ap, fmt);
	sc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	SC_GROW(c->notes, c->capnotes, c->nnotes + 1);
	c->notes[c->nnotes].kind = kind;
	c->notes[c->nnotes].file = L->file;
	c->notes[c->nnotes].line = L->line;
	c->notes[c->nnotes].text = sc_buf_detach(&b);
	c->nnotes++;
}

static int fail(struct loader *L, struct sc_err *err, int code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
fail(struct loader *L, struct sc_err *err, int code, const char *fmt, ...)
{
	char msg[SC_ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sc_err_set(err, code, "%s:%u: %s", L->file, L->line, msg);
}

/* ---- the line grammar (conf_def.c) ----------------------------------------- */

static char *
scan_esc(char *p)
{
	return IS(p[1], C_EOF) ? p + 1 : p + 2;
}

static char *
scan_quote(char *p)
{
	char q = *p++;

	while (!IS(*p, C_EOF) && *p != q) {
		if (IS(*p, C_ESC)) {
			p++;
			if (IS(*p, C_EOF))
				return p;
		}
		p++;
	}
	if (*p == q)
		p++;
	return p;
}

static void
clear_comments(char *p)
{
	while (IS(*p, C_WS))
		p++;
	for (;;) {
		if (IS(*p, C_COMMENT)) {
			*p = '\0';
			return;
		}
		if (IS(*p, C_QUOTE)) {
			p = scan_quote(p);
			continue;
		}
		if (IS(*p, C_ESC)) {
			p = scan_esc(p);
			continue;
		}
		if (IS(*p, C_EOF))
			return;
		p++;
	}
}

static char *
eat_ws(char *p)
{
	while (IS(*p, C_WS) && !IS(*p, C_EOF))
		p++;
	return p;
}

static void
trim_ws(char *start)
{
	char *p = start + strlen(start);

	while (p > start && IS(p[-1], C_WS))
		p--;
	*p = '\0';
}

static char *
eat_name(struct loader *L, char *p)
{
	for (;;) {
		if (IS(*p, C_ESC)) {
			p = scan_esc(p);
			continue;
		}
		if (!(IS(*p, C_ALNUM_PUNCT) || (L->dollarid && IS(*p, C_DOLLAR))))
			return p;
		p++;
	}
}

static int
is_varchar(struct loader *L, char c)
{
	return IS(c, C_ALNUM) || (L->dollarid && IS(c, C_DOLLAR));
}

/*
 * str_copy: quotes, escapes and variable expansion of `from` into *out.
 * section is where $name is looked up first (NULL: "default" only).
 */
static int
expand(struct loader *L, const char *section, const char *from, char **out,
    struct sc_err *err)
{
	struct sc_buf b = SC_BUF_INIT;
	size_t buflen = strlen(from) + 1;	/* OpenSSL's buf->length */
	char *secname = NULL, *name = NULL;
	int r = SC_OK;

	*out = NULL;
	sc_buf_reset(&b);
	for (;;) {
		if (IS(*from, C_QUOTE)) {
			char q = *from++;

			while (!IS(*from, C_EOF) && *from != q) {
				if (IS(*from, C_ESC)) {
					from++;
					if (IS(*from, C_EOF))
						break;
				}
				sc_buf_addc(&b, *from++);
			}
			if (*from == q)
				from++;
		} else if (IS(*from, C_ESC)) {
			char v;

			from++;
			v = *from++;
			if (IS(v, C_EOF))
				break;
			if (v == 'r')
				v = '\r';
			else if (v == 'n')
				v = '\n';
			else if (v == 'b')
				v = '\b';
			else if (v == 't')
				v = '\t';
			sc_buf_addc(&b, v);
		} else if (IS(*from, C_EOF)) {
			break;
		} else if (*from == '$' && (!L->dollarid || from[1] == '{' ||
		    from[1] == '(')) {
			const char *s = from + 1, *e, *np, *cp = section, *val;
			char q = 0;
			size_t newsize;

			if (*s == '{')
				q = '}';
			else if (*s == '(')
				q = ')';
			if (q)
				s++;
			e = np = s;
			while (is_varchar(L, *e))
				e++;
			if (e[0] == ':' && e[1] == ':') {
				secname = sc_xstrndup(np, (size_t)(e - np));
				cp = secname;
				e += 2;
				np = e;
				while (is_varchar(L, *e))
					e++;
			}
			name = sc_xstrndup(np, (size_t)(e - np));
			if (q) {
				if (*e != q) {
					r = fail(L, err, SC_ERR_PARSE,
					    "no closing '%c' after variable '$%c%s'",
					    q, q == '}' ? '{' : '(', name);
					goto out;
				}
				e++;
			}
			val = sc_osslconf_get_string(L->c, cp, name, NULL);
			if (val == NULL) {
				r = fail(L, err, SC_ERR_PARSE,
				    "variable '%s%s%s' has no value", cp && secname ?
				    cp : "", secname ? "::" : "", name);
				goto out;
			}
			newsize = strlen(val) + buflen - (size_t)(e - from);
			if (newsize > SC_OSSLCONF_MAX_VALUE) {
				r = fail(L, err, SC_ERR_PARSE,
				    "expanding variable '%s' makes the value longer "
				    "than %u bytes", name, SC_OSSLCONF_MAX_VALUE);
				goto out;
			}
			L->expanded += strlen(val);
			if (L->expanded > SC_LIMIT_OSSLCONF_EXPANDED) {
				r = fail(L, err, SC_ERR_TOOBIG,
				    "variable expansion in this configuration "
				    "produces more than %u bytes in all",
				    SC_LIMIT_OSSLCONF_EXPANDED);
				goto out;
			}
			buflen = newsize;
			sc_buf_adds(&b, val);
			from = e;
			SC_FREE(secname);
			SC_FREE(name);
		} else {
			sc_buf_addc(&b, *from++);
		}
	}
	*out = sc_buf_detach(&b);
out:
	free(secname);
	free(name);
	sc_buf_free(&b);
	return r;
}

/* ---- includes -------------------------------------------------------------- */

static int parse_data(struct loader *L, const char *path, const char *data,
    size_t len, struct sc_err *err);

static int
is_abs(const char *p)
{
	return p[0] == '/';
}

static char *
dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	if (s == NULL)
		return sc_xstrdup("/");
	if (s == path)
		return sc_xstrdup("/");
	return sc_xstrndup(path, (size_t)(s - path));
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	return sc_xasprintf("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/",
	    name);
}

/* Read one regular file of the target and parse it. */
static int
include_file(struct loader *L, const char *path, const struct stat *st0,
    struct sc_err *err)
{
	struct sc_buf data = SC_BUF_INIT;
	struct sc_err e2 = SC_ERR_INIT;
	struct stat st;
	const char *stored, *saved_file = L->file;
	unsigned saved_line = L->line;
	int r;

	for (size_t i = 0; i < L->depth; i++) {
		if (L->stack[i].dev == st0->st_dev &&
		    L->stack[i].ino == st0->st_ino) {
			struct sc_buf chain = SC_BUF_INIT;

			sc_buf_reset(&chain);
			for (size_t k = i; k < L->depth; k++)
				sc_buf_addf(&chain, "%s -> ", L->stack[k].path);
			sc_buf_adds(&chain, path);
			note(L, SC_OSSLCONF_LOOP,
			    ".include %s: include loop (%s); OpenSSL re-reads "
			    "the files until it runs out of file descriptors; "
			    "stigcheck reads each once", path, chain.data);
			sc_buf_free(&chain);
			return SC_OK;
		}
	}
	if (L->depth >= L->max_depth || L->nfiles >= L->max_files) {
		note(L, SC_OSSLCONF_DEPTH,
		    ".include %s: not read: more than %u nested includes or "
		    "%u files", path, L->max_depth, L->max_files);
		return SC_OK;
	}
	r = sc_target_read_file(L->o->target, path, SC_OSSLCONF_FILE_MAX, &data,
	    &st, &e2);
	if (r < 0) {
		note(L, SC_OSSLCONF_NOTREG, ".include %s: not read: %s", path,
		    e2.msg);
		sc_buf_free(&data);
		return SC_OK;
	}
	sc_strv_push(&L->c->files, path);
	stored = L->c->files.v[L->c->files.n - 1];
	L->nfiles++;
	SC_GROW(L->stack, L->capstack, L->depth + 1);
	L->stack[L->depth].dev = st.st_dev;
	L->stack[L->depth].ino = st.st_ino;
	L->stack[L->depth].path = stored;
	L->depth++;
	r = parse_data(L, stored, data.data, data.len, err);
	L->depth--;
	L->file = saved_file;
	L->line = saved_line;
	sc_buf_free(&data);
	return r;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
conf_name(const char *n)
{
	size_t len = strlen(n);

	return (len > 5 && strcasecmp(n + len - 5, ".conf") == 0) ||
	    (len > 4 && strcasecmp(n + len - 4, ".cnf") == 0);
}

static int
include_dir(struct loader *L, const char *path, struct sc_err *err)
{
	struct sc_strv names = SC_STRV_INIT;
	struct sc_err e2 = SC_ERR_INIT;
	struct dirent *de;
	DIR *d;
	int fd, r = SC_OK;

	if (L->in_dir) {
		note(L, SC_OSSLCONF_NESTED_DIR,
		    ".include %s: a directory inside a directory include; "
		    "OpenSSL skips it", path);
		return SC_OK;
	}
	if ((r = sc_target_open(L->o->target, path, SC_OPEN_DIR, &fd, &e2)) < 0) {
		note(L, SC_OSSLCONF_NOTREG, ".include %s: not read: %s", path,
		    e2.msg);
		return SC_OK;
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		note(L, SC_OSSLCONF_NOTREG, ".include %s: cannot list: %s", path,
		    strerror(errno));
		return SC_OK;
	}
	while ((de = readdir(d)) != NULL)
		if (conf_name(de->d_name))
			sc_strv_push(&names, de->d_name);
	closedir(d);
	if (names.n > 1)	/* qsort(NULL, 0, ...) is undefined */
		qsort(names.v, names.n, sizeof(char *), cmp_names);
	note(L, SC_OSSLCONF_INCLUDED, ".include %s: a directory with %zu "
	    "*.cnf/*.conf file%s", path, names.n, names.n == 1 ? "" : "s");
	if (names.n > 1)
		note(L, SC_OSSLCONF_DIR_ORDER,
		    ".include %s: OpenSSL reads these files in directory order, "
		    "which is not defined; stigcheck reads them in name order",
		    path);
	L->in_dir = 1;
	for (size_t i = 0; i < names.n && r == SC_OK; i++) {
		char *p = join(path, names.v[i]);
		struct stat st;

		sc_err_clear(&e2);
		if (sc_target_stat(L->o->target, p, &st, &e2) < 0 ||
		    !S_ISREG(st.st_mode))
			note(L, SC_OSSLCONF_NOTREG, ".include %s: %s skipped: %s",
			    path, p, e2.msg[0] ? e2.msg : "not a regular file");
		else
			r = include_file(L, p, &st, err);
		free(p);
	}
	L->in_dir = 0;
	sc_strv_free(&names);
	return r;
}

static int
do_include(struct loader *L, const char *section, char *arg,
    struct sc_err *err)
{
	const char *dir = L->o->include_dir ? L->o->include_dir : L->includedir;
	char *inc = NULL, *path = NULL;
	struct stat st;
	struct sc_err e2 = SC_ERR_INIT;
	int r;

	if ((r = expand(L, section, arg, &inc, err)) < 0)
		return r;
	if (dir != NULL && !is_abs(inc))
		path = join(dir, inc);
	else
		path = sc_xstrdup(inc);
	if (L->abspath && !is_abs(path)) {
		r = fail(L, err, SC_ERR_PARSE,
		    ".include %s: relative path refused by .pragma abspath", path);
		goto out;
	}
	if (L->o->target == NULL) {
		note(L, SC_OSSLCONF_NO_TARGET, ".include %s: not followed", path);
		goto out;
	}
	if (L->in_dir) {
		r = fail(L, err, SC_ERR_UNSUPPORTED,
		    ".include %s inside a file included from a directory is not "
		    "supported (OpenSSL finishes the directory before the rest "
		    "of that file)", path);
		goto out;
	}
	if (!is_abs(path)) {
		char *base = dir_of(L->file), *p2 = join(base, path);

		note(L, SC_OSSLCONF_CWD_RELATIVE,
		    ".include %s is relative and no includedir (.pragma includedir "
		    "or OPENSSL_CONF_INCLUDE) is set: OpenSSL resolves it against "
		    "the working directory of each process, so only programs "
		    "started in %s find %s; stigcheck reads %s", path, base, p2, p2);
		free(base);
		free(path);
		path = p2;
	}
	r = sc_target_stat(L->o->target, path, &st, &e2);
	if (r == SC_ERR_NOTFOUND) {
		note(L, SC_OSSLCONF_MISSING, ".include %s: no such file in the "
		    "target; OpenSSL skips it silently", path);
		r = SC_OK;
		goto out;
	}
	if (r < 0) {
		note(L, SC_OSSLCONF_NOTREG, ".include %s: %s", path, e2.msg);
		r = SC_OK;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		r = include_dir(L, path, err);
	} else if (!S_ISREG(st.st_mode)) {
		note(L, SC_OSSLCONF_NOTREG, ".include %s: not a regular file", path);
		r = SC_OK;
	} else {
		note(L, SC_OSSLCONF_INCLUDED, ".include %s", path);
		r = include_file(L, path, &st, err);
	}
out:
	free(inc);
	free(path);
	return r;
}

/* ---- one logical line ------------------------------------------------------- */

static int
do_pragma(struct loader *L, char *p, struct sc_err *err)
{
	char *pval;
	int b;

	if (*p == '=') {
		p++;
		p = eat_ws(p);
	}
	trim_ws(p);
	pval = strchr(p, ':');
	if (pval == NULL || pval == p || pval[1] == '\0')
		return fail(L, err, SC_ERR_PARSE,
		    "invalid .pragma '%s' (expected keyword:value)", p);
	*pval++ = '\0';
	trim_ws(p);
	pval = eat_ws(pval);
	if (strcmp(p, "dollarid") == 0 || strcmp(p, "abspath") == 0) {
		if ((b = sc_osslconf_pragma_bool(pval)) < 0)
			return fail(L, err, SC_ERR_PARSE,
			    "invalid .pragma %s value '%s' (on, off, true or false)",
			    p, pval);
		if (p[0] == 'd')
			L->dollarid = b;
		else
			L->abspath = b;
	} else if (strcmp(p, "includedir") == 0) {
		free(L->includedir);
		L->includedir = sc_xstrdup(pval);
	}
	/* other pragmas are ignored, as OpenSSL does */
	return SC_OK;
}

static int
process_line(struct loader *L, char *buf, struct sc_err *err)
{
	char *s, *p, *end, *pname, *psection, *value;
	int r;

	clear_comments(buf);
	s = eat_ws(buf);
	if (IS(*s, C_EOF))
		return SC_OK;
	if (*s == '[') {
		char *start, *ss;

		s++;
		start = ss = eat_ws(s);
		for (;;) {
			end = eat_name(L, ss);
			p = eat_ws(end);
			if (*p == ']')
				break;
			if (*p != '\0' && ss != p) {
				ss = p;
				continue;
			}
			return fail(L, err, SC_ERR_PARSE,
			    "section header without a closing ']'");
		}
		*end = '\0';
		if ((r = expand(L, NULL, start, &value, err)) < 0)
			return r;
		free(L->section);
		L->section = value;
		section_get(L->c, L->section, 1);
		return SC_OK;
	}
	pname = s;
	end = eat_name(L, s);
	if (end[0] == ':' && end[1] == ':') {
		*end = '\0';
		end += 2;
		psection = pname;
		pname = end;
		end = eat_name(L, end);
	} else {
		psection = L->section;
	}
	p = eat_ws(end);
	if (strncmp(pname, ".pragma", 7) == 0 && (p != pname + 7 || *p == '='))
		return do_pragma(L, p, err);
	if (strncmp(pname, ".include", 8) == 0 && (p != pname + 8 || *p == '=')) {
		if (*p == '=') {
			p++;
			p = eat_ws(p);
		}
		trim_ws(p);
		return do_include(L, psection, p, err);
	}
	if (*p != '=')
		return fail(L, err, SC_ERR_PARSE, "expected '=' at '%.40s'", p);
	*end = '\0';
	p++;
	s = eat_ws(p);
	trim_ws(s);
	if ((r = expand(L, psection, s, &value, err)) < 0)
		return r;
	section_add(section_get(L->c, psection, 1), sc_xstrdup(pname), value,
	    L->file, L->line);
	return SC_OK;
}

/*
 * Split data into logical lines as conf_def.c does: trailing CR/LF go, a
 * single trailing backslash joins the next line, the last line needs no
 * newline.
 */
static int
parse_data(struct loader *L, const char *path, const char *data, size_t len,
    struct sc_err *err)
{
	struct sc_buf ln = SC_BUF_INIT;
	const char *p = data, *end = data + len;
	unsigned lineno = 0, start = 0;
	int pending = 0, r = SC_OK;

	L->file = path;
	if (L->first) {
		L->first = 0;
		if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
	}
	if (memchr(data, '\0', len) != NULL) {
		const char *z = memchr(data, '\0', len);
		unsigned n = 1;

		for (const char *q = data; q < z; q++)
			n += *q == '\n';
		L->line = n;
		return fail(L, err, SC_ERR_UNSUPPORTED,
		    "NUL byte in a configuration file");
	}
	sc_buf_reset(&ln);
	while (p < end && r == SC_OK) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		if (!pending)
			start = lineno;
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n'))
			n--;
		sc_buf_add(&ln, p, n);
		p = nl ? nl + 1 : end;
		if (ln.len >= 1 && ln.data[ln.len - 1] == '\\' &&
		    (ln.len <= 1 || ln.data[ln.len - 2] != '\\')) {
			ln.data[--ln.len] = '\0';
			pending = 1;
			continue;
		}
		pending = 0;
		L->file = path;
		L->line = start;
		r = process_line(L, ln.data, err);
		sc_buf_reset(&ln);
	}
	if (r == SC_OK && pending) {
		L->file = path;
		L->line = start;
		r = process_line(L, ln.data, err);
	}
	sc_buf_free(&ln);
	return r;
}

/* ---- entry points ---------------------------------------------------------------- */

static void
loader_init(struct loader *L, struct sc_osslconf *c,
    const struct sc_osslconf_opts *o)
{
	memset(L, 0, sizeof(*L));
	L->c = c;
	L->o = o;
	L->section = sc_xstrdup("default");
	L->first = 1;
	L->max_depth = o->max_depth ? o->max_depth : SC_OSSLCONF_DEPTH_DEFAULT;
	L->max_files = o->max_files ? o->max_files : SC_OSSLCONF_FILES_DEFAULT;
	section_get(c, "default", 1);
	c->getenv = o->getenv;
	c->getenv_ctx = o->getenv_ctx;
}

static int
loader_finish(struct loader *L, int r, struct sc_osslconf **out)
{
	free(L->section);
	free(L->includedir);
	free(L->stack);
	if (r < 0) {
		sc_osslconf_free(L->c);
		return r;
	}
	for (size_t i = 0; i < L->c->nsec; i++)
		section_compact(&L->c->sec[i]);
	*out = L->c;
	return SC_OK;
}

int
sc_osslconf_load_text(struct sc_osslconf **out, const char *name,
    const char *text, size_t len, const struct sc_osslconf_opts *opts,
    struct sc_err *err)
{
	static const struct sc_osslconf_opts none;
	struct sc_osslconf *c = sc_xcalloc(1, sizeof(*c));
	struct loader L;
	int r;

	*out = NULL;
	loader_init(&L, c, opts ? opts : &none);
	sc_strv_push(&c->files, name);
	r = parse_data(&L, c->files.v[0], text, len, err);
	return loader_finish(&L, r, out);
}

int
sc_osslconf_load_file(struct sc_osslconf **out, const char *path,
    const struct sc_osslconf_opts *opts, struct sc_err *err)
{
	struct sc_osslconf *c;
	struct sc_buf data = SC_BUF_INIT;
	struct stat st;
	struct loader L;
	int r;

	*out = NULL;
	if (opts == NULL || opts->target == NULL)
		return sc_err_set(err, SC_ERR_INVAL,
		    "loading '%s' needs a target", path);
	r = sc_target_read_file(opts->target, path, SC_OSSLCONF_FILE_MAX, &data,
	    &st, err);
	if (r < 0) {
		sc_buf_free(&data);
		return r;
	}
	c = sc_xcalloc(1, sizeof(*c));
	loader_init(&L, c, opts);
	sc_strv_push(&c->files, path);
	L.nfiles = 1;
	SC_GROW(L.stack, L.capstack, 1);
	L.stack[0].dev = st.st_dev;
	L.stack[0].ino = st.st_ino;
	L.stack[0].path = c->files.v[0];
	L.depth = 1;
	r = parse_data(&L, c->files.v[0], data.data, data.len, err);
	sc_buf_free(&data);
	return loader_finish(&L, r, out);
}
