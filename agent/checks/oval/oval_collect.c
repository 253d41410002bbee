/*
 * oval_collect.c - collecting OVAL objects through the probes
 * (oval_collect.h).
 */
#include "checks/oval/oval_collect.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/oval/oval_eval.h"
#include "checks/oval/oval_item.h"
#include "checks/oval/oval_var.h"
#include "probes/env.h"
#include "probes/file.h"
#include "probes/hash.h"
#include "probes/text.h"

#define MAX_OBJECT_MESSAGES 10

static unsigned long keep_limit = SC_OVAL_MAX_KEPT_ITEMS;

void
sc_oval_collect_set_keep_limit(unsigned long n)
{
	keep_limit = n;
}

static const char *const hash_types[] = { "MD5", "SHA-1", "SHA-224",
	"SHA-256", "SHA-384", "SHA-512", NULL };

static void object_error(struct sc_oval_object *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
object_error(struct sc_oval_object *o, const char *fmt, ...)
{
	struct sc_buf b = SC_BUF_INIT;
	va_list ap;

	o->had_error = 1;
	if (o->messages.n >= MAX_OBJECT_MESSAGES)
		return;
	va_start(ap, fmt);
	sc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	sc_strv_push_owned(&o->messages, sc_buf_detach(&b));
}

static const struct sc_oval_entity *
ent(const struct sc_oval_object *o, const char *name)
{
	return sc_oval_entity_find(o->ents, o->n_ents, name);
}

/*
 * The values an entity names directly (its literal, or those of its
 * variable that match it by var_check).
 */
static int
entity_values(struct sc_oval_doc *d, struct sc_oval_object *o,
    const struct sc_oval_entity *e, struct sc_strv *out)
{
	const struct sc_strv *vals;
	enum sc_oval_flag flag;
	struct sc_err err = SC_ERR_INIT;

	if (e->var == NULL) {
		sc_strv_push(out, e->value ? e->value : "");
		return 0;
	}
	if (sc_oval_var_values(d, e->var, &flag, &vals, &err) < 0) {
		object_error(o, "%s", err.msg);
		return -1;
	}
	if (flag != SC_OVAL_FLAG_COMPLETE && flag != SC_OVAL_FLAG_INCOMPLETE) {
		object_error(o, "variable %s has no value (%s)", e->var->id,
		    sc_oval_flag_name(flag));
		return -1;
	}
	for (size_t i = 0; i < vals->n; i++) {
		enum sc_oval_res r = sc_oval_eval_entity_match(d, e, vals->v[i],
		    &err);

		if (r == SC_OVAL_ERROR) {
			object_error(o, "<%s>: %s", e->name, err.msg);
			return -1;
		}
		if (r == SC_OVAL_TRUE && sc_strv_find(out, vals->v[i]) < 0)
			sc_strv_push(out, vals->v[i]);
	}
	return 0;
}

/* ---- items ------------------------------------------------------------------------ */

static void
emit(struct sc_oval_doc *d, struct sc_oval_object *o, struct sc_oval_item *it)
{
	for (size_t i = 0; i < o->n_filters; i++) {
		enum sc_oval_res r = sc_oval_eval_state(d, o->filters[i].state, it,
		    NULL);

		if (r == SC_OVAL_ERROR) {
			object_error(o, "filter state %s could not be evaluated",
			    o->filters[i].state->id);
			sc_oval_item_free(it);
			return;
		}
		if (o->filters[i].exclude ? r == SC_OVAL_TRUE : r != SC_OVAL_TRUE) {
			sc_oval_item_free(it);
			return;
		}
	}
	o->n_found++;
	if (d->n_kept < keep_limit) {
		it->id = ++d->next_item_id;
		d->n_kept++;
		SC_GROW(o->items, o->cap_items, o->n_items + 1);
		o->items[o->n_items++] = it;
	} else {
		o->truncated = 1;
		d->thin = 1;
	}
	for (size_t i = 0; i < o->n_tests; i++)
		sc_oval_eval_feed(d, o->tests[i], it);
	if (it->id == 0)
		sc_oval_item_free(it);
}

/* "package dropbear 2024.86-r1 installed" for a P: line of an apk database */
static char *
apk_note(const char *filepath, const char *buf, size_t len, size_t ls,
    size_t le)
{
	static const char suffix[] = "/apk/db/installed";
	size_t fl = strlen(filepath), sl = sizeof(suffix) - 1, pos = le;
	char *name, *note;

	if (fl < sl || strcmp(filepath + fl - sl, suffix) != 0 ||
	    le - ls < 3 || strncmp(buf + ls, "P:", 2) != 0)
		return NULL;
	name = sc_xstrndup(buf + ls + 2, le - ls - 2);
	/* the V: line of the same record; records end at a blank line */
	while (pos < len) {
		size_t st = pos + 1, e;
		const char *nl;

		if (st >= len || buf[st] == '\n')
			break;
		nl = memchr(buf + st, '\n', len - st);
		e = nl ? (size_t)(nl - buf) : len;
		if (e - st > 2 && buf[st] == 'V' && buf[st + 1] == ':') {
			note = sc_xasprintf("package %s %.*s installed", name,
			    (int)(e - st - 2), buf + st + 2);
			free(name);
			return note;
		}
		pos = e;
	}
	note = sc_xasprintf("package %s installed", name);
	free(name);
	return note;
}

struct text_ctx {
	struct sc_oval_doc *d;
	struct sc_oval_object *o;
	const char *dir, *name, *pattern;
	char *filepath;
	int secret;			/* a password file: redact its items */
};

static int
text_match(void *p, const struct sc_text_match *tm)
{
	struct text_ctx *c = p;
	const struct sc_oval_entity *inst = ent(c->o, "instance");
	struct sc_oval_item *it;
	struct sc_err err = SC_ERR_INIT;
	char num[32];
	size_t ls, le;
	enum sc_oval_res r;

	snprintf(num, sizeof(num), "%lu", tm->instance);
	r = sc_oval_eval_entity_match(c->d, inst, num, &err);
	if (r == SC_OVAL_ERROR) {
		object_error(c->o, "instance: %s", err.msg);
		return 1;
	}
	if (r != SC_OVAL_TRUE)
		return 0;
	it = sc_oval_item_new(SC_OVAL_KIND_TEXTFILECONTENT54);
	it->path = sc_xstrdup(c->dir);
	it->name = sc_xstrdup(c->name);
	it->pattern = sc_xstrdup(c->pattern);
	it->secret = c->secret;
	it->instance = tm->instance;
	it->line = tm->line;
	it->text = sc_xstrndup(tm->subject + tm->m->start[0],
	    tm->m->end[0] - tm->m->start[0]);
	for (size_t g = 1; g < tm->m->n; g++) {
		if (tm->m->start[g] == SC_RE_UNSET)
			continue;
		it->subs = sc_xreallocarray(it->subs, it->n_subs + 1,
		    sizeof(char *));
		it->subs[it->n_subs++] = sc_xstrndup(tm->subject + tm->m->start[g],
		    tm->m->end[g] - tm->m->start[g]);
	}
	sc_probe_text_line_bounds(tm->subject, tm->subject_len, tm->m->start[0],
	    &ls, &le);
	it->line_text = sc_xstrndup(tm->subject + ls, le - ls);
	it->note = apk_note(c->filepath, tm->subject, tm->subject_len, ls, le);
	emit(c->d, c->o, it);
	return 0;
}

static void
collect_text(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name)
{
	const struct sc_oval_entity *pe = ent(o, "pattern");
	struct sc_strv pats = SC_STRV_INIT;
	struct sc_buf buf = SC_BUF_INIT;
	struct sc_err err = SC_ERR_INIT;
	struct text_ctx c;
	struct stat st;
	int r;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.o = o;
	c.dir = dir;
	c.name = name;
	c.filepath = sc_probe_file_join(dir, name);
	r = sc_target_read_file(d->rt->target, c.filepath, SC_TARGET_READ_MAX, &buf,
	    &st, &err);
	if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG)
		goto out;	/* not a regular file: nothing to match */
	if (r < 0) {
		object_error(o, "%s", err.msg);
		goto out;
	}
	/* redaction is decided here, by the file read, not by its spelling */
	c.secret = sc_probe_file_is_secret(d->rt->target, c.filepath, &st);
	o->n_located++;
	if (o->pattern_re != NULL) {
		c.pattern = pe->value;
		if (sc_probe_text_scan(buf.data, buf.len, o->pattern_re, text_match,
		    &c, &err) < 0)
			object_error(o, "%s: %s", c.filepath, err.msg);
		goto out;
	}
	if (entity_values(d, o, pe, &pats) < 0)
		goto out;
	for (size_t i = 0; i < pats.n; i++) {
		struct sc_regex *re;
		unsigned fl = (o->bh.multiline ? SC_RE_MULTILINE : 0) |
		    (o->bh.singleline ? SC_RE_DOTALL : 0) |
		    (o->bh.ignore_case ? SC_RE_CASELESS : 0);

		if (sc_regex_compile(&re, pats.v[i], fl, &err) < 0) {
			object_error(o, "%s", err.msg);
			continue;
		}
		c.pattern = pats.v[i];
		if (sc_probe_text_scan(buf.data, buf.len, re, text_match, &c,
		    &err) < 0)
			object_error(o, "%s: %s", c.filepath, err.msg);
		sc_regex_free(re);
	}
out:
	sc_strv_free(&pats);
	sc_buf_free(&buf);
	free(c.filepath);
}

static void
collect_hash(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name)
{
	const struct sc_oval_entity *he = ent(o, "hash_type");
	char *fp = sc_probe_file_join(dir, name);
	int located = 0;

	for (size_t i = 0; hash_types[i]; i++) {
		struct sc_err err = SC_ERR_INIT;
		char hex[SC_HASH_HEX_MAX];
		struct sc_oval_item *it;
		enum sc_oval_res m;
		int r;

		m = sc_oval_eval_entity_match(d, he, hash_types[i], &err);
		if (m == SC_OVAL_ERROR) {
			object_error(o, "hash_type: %s", err.msg);
			break;
		}
		if (m != SC_OVAL_TRUE)
			continue;
		r = sc_probe_hash_file(d->rt->target, fp, hash_types[i], hex, &err);
		if (r == SC_ERR_NOTFOUND || r == SC_ERR_NOTREG)
			break;
		if (r < 0) {
			object_error(o, "%s", err.msg);
			break;
		}
		if (!located++)
			o->n_located++;
		it = sc_oval_item_new(SC_OVAL_KIND_FILEHASH58);
		it->path = sc_xstrdup(dir);
		it->name = sc_xstrdup(name);
		it->hash_type = sc_xstrdup(hash_types[i]);
		it->hash = sc_xstrdup(hex);
		emit(d, o, it);
	}
	free(fp);
}

/* A file (or, name NULL, a directory) was found: make its items. */
static void
located(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name, const struct stat *lst)
{
	struct sc_oval_item *it;

	switch (o->kind) {
	case SC_OVAL_KIND_FILE:
		o->n_located++;
		it = sc_oval_item_new(SC_OVAL_KIND_FILE);
		it->path = sc_xstrdup(dir);
		it->name = name ? sc_xstrdup(name) : NULL;
		it->mode = lst->st_mode;
		it->uid = (unsigned long)lst->st_uid;
		it->gid = (unsigned long)lst->st_gid;
		it->size = (long long)lst->st_size;
		it->mtime = (long long)lst->st_mtime;
		emit(d, o, it);
		break;
	case SC_OVAL_KIND_TEXTFILECONTENT54:
		if (name != NULL)
			collect_text(d, o, dir, name);
		break;
	case SC_OVAL_KIND_FILEHASH58:
		if (name != NULL)
			collect_hash(d, o, dir, name);
		break;
	default:
		break;
	}
}

/* ---- direct lookups ------------------------------------------------------------------- */

static int
is_dir(struct sc_oval_doc *d, const char *path)
{
	struct stat st;

	return sc_target_stat(d->rt->target, path, &st, NULL) == 0 &&
	    S_ISDIR(st.st_mode);
}

/* lstat path; 1 found, 0 absent, -1 error (recorded) */
static int
lookup(struct sc_oval_doc *d, struct sc_oval_object *o, const char *path,
    struct stat *lst)
{
	struct sc_err err = SC_ERR_INIT;
	int r = sc_target_lstat(d->rt->target, path, lst, &err);

	if (r == SC_ERR_NOTFOUND)
		return 0;
	if (r == SC_ERR_NOTREG)		/* a component is not a directory */
		return 0;
	if (r < 0) {
		object_error(o, "%s", err.msg);
		return -1;
	}
	return 1;
}

static void
collect_filepath(struct sc_oval_doc *d, struct sc_oval_object *o,
    const char *fp)
{
	struct stat lst;
	char *dir, *name;

	if (lookup(d, o, fp, &lst) <= 0 || is_dir(d, fp))
		return;
	sc_probe_file_split(fp, &dir, &name);
	located(d, o, dir, name, &lst);
	free(dir);
	free(name);
}

static void
collect_in_dir(struct sc_oval_doc *d, struct sc_oval_object *o,
    const char *dir, const char *name)
{
	struct stat lst;
	char *fp;

	if (!is_dir(d, dir))
		return;
	if (name == NULL) {
		if (lookup(d, o, dir, &lst) > 0)
			located(d, o, dir, NULL, &lst);
		return;
	}
	fp = sc_probe_file_join(dir, name);
	if (lookup(d, o, fp, &lst) > 0 && !S_ISDIR(lst.st_mode))
		located(d, o, dir, name, &lst);
	free(fp);
}

struct env_ctx {
	struct sc_oval_doc *d;
	struct sc_oval_object *o;
};

static int
env_var(void *p, const char *name, size_t name_len, const char *value)
{
	struct env_ctx *c = p;
	struct sc_err err = SC_ERR_INIT;
	char *n = sc_xstrndup(name, name_len);
	enum sc_oval_res r = sc_oval_eval_entity_match(c->d, ent(c->o, "name"), n,
	    &err);

	if (r == SC_OVAL_ERROR) {
		object_error(c->o, "name: %s", err.msg);
	} else if (r == SC_OVAL_TRUE) {
		struct sc_oval_item *it = sc_oval_item_new(
		    SC_OVAL_KIND_ENVIRONMENTVARIABLE58);

		it->env_name = n;
		it->env_value = sc_xstrdup(value);
		n = NULL;
		emit(c->d, c->o, it);
	}
	free(n);
	return 0;
}

static void
collect_direct(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *fp, *p, *f;
	struct sc_strv a = SC_STRV_INIT, b = SC_STRV_INIT;

	switch (o->kind) {
	case SC_OVAL_KIND_ENVIRONMENTVARIABLE58: {
		struct env_ctx c = { d, o };

		sc_probe_env_each(d->rt->target, env_var, &c);
		return;
	}
	case SC_OVAL_KIND_FAMILY: {
		struct sc_oval_item *it = sc_oval_item_new(SC_OVAL_KIND_FAMILY);

		it->family = sc_xstrdup("unix");
		emit(d, o, it);
		return;
	}
	default:
		break;
	}
	fp = ent(o, "filepath");
	p = ent(o, "path");
	f = ent(o, "filename");
	if (fp != NULL) {
		if (entity_values(d, o, fp, &a) == 0)
			for (size_t i = 0; i < a.n; i++)
				collect_filepath(d, o, a.v[i]);
	} else if (entity_values(d, o, p, &a) == 0) {
		if (f->nil) {
			for (size_t i = 0; i < a.n; i++)
				collect_in_dir(d, o, a.v[i], NULL);
		} else if (entity_values(d, o, f, &b) == 0) {
			for (size_t i = 0; i < a.n; i++)
				for (size_t j = 0; j < b.n; j++)
					collect_in_dir(d, o, a.v[i], b.v[j]);
		}
	}
	sc_strv_free(&a);
	sc_strv_free(&b);
}

/* ---- walked objects ---------------------------------------------------------------------- */

static int
walk_name_ok(void *p, const char *name)
{
	struct sc_oval_object *o = p;
	struct sc_err err = SC_ERR_INIT;
	enum sc_oval_res r = sc_oval_eval_entity_match(o->doc, ent(o, "filename"),
	    name, &err);

	if (r == SC_OVAL_ERROR)
		object_error(o, "filename: %s", err.msg);
	return r == SC_OVAL_TRUE;
}

static int
walk_dir_ok(void *p, const char *dir)
{
	struct sc_oval_object *o = p;
	struct sc_err err = SC_ERR_INIT;
	enum sc_oval_res r = sc_oval_eval_entity_match(o->doc, ent(o, "path"),
	    dir, &err);

	if (r == SC_OVAL_ERROR)
		object_error(o, "path: %s", err.msg);
	return r == SC_OVAL_TRUE;
}

static void
walk_found(void *p, const struct sc_tree_hit *h)
{
	struct sc_oval_object *o = p;
	const struct sc_oval_entity *fp = ent(o, "filepath");
	char *dir;

	if (fp != NULL) {
		struct sc_err err = SC_ERR_INIT;
		enum sc_oval_res r = sc_oval_eval_entity_match(o->doc, fp, h->path,
		    &err);

		if (r == SC_OVAL_ERROR)
			object_error(o, "filepath: %s", err.msg);
		if (r != SC_OVAL_TRUE)
			return;
		/* a filepath names files: follow links to tell */
		if (S_ISLNK(h->st->st_mode) && is_dir(o->doc, h->path))
			return;
	}
	if (h->name == NULL) {
		located(o->doc, o, h->path, NULL, h->st);
		return;
	}
	dir = sc_xstrndup(h->path, h->dir_len);
	located(o->doc, o, dir, h->name, h->st);
	free(dir);
}

static void
walk_error(void *p, const char *path, const char *msg)
{
	object_error(p, "%s: %s", path, msg);
}

/*
 * The literal directory a pattern's matches must be under: its leading
 * run of plain characters, cut back to the last '/'.  "/" when the
 * pattern has an alternation or does not start with a '/'.
 */
static char *
fixed_prefix(const char *pattern)
{
	const char *p = pattern, *last = NULL;
	size_t n;

	if (strchr(pattern, '|') != NULL)
		return sc_xstrdup("/");
	if (*p == '^')
		p++;
	if (*p != '/')
		return sc_xstrdup("/");
	for (const char *q = p; *q && !strchr("\\^$.|?*+()[]{}", *q); q++)
		if (*q == '/')
			last = q;
	n = last == NULL || last == p ? 1 : (size_t)(last - p);
	return sc_xstrndup(p, n);
}

static int
unsupported(const struct sc_oval_object *o, struct sc_err *err, const char *why)
{
	return sc_err_set(err, SC_ERR_UNSUPPORTED, "OVAL object %s: %s", o->id,
	    why);
}

int
sc_oval_collect_prepare(struct sc_oval_doc *d, struct sc_oval_object *o,
    struct sc_err *err)
{
	const struct sc_oval_entity *fp, *p, *f, *root_ent;
	struct sc_tree_spec spec;
	char *root = NULL;

	if (o->prepared)
		return SC_OK;
	o->prepared = 1;
	if (o->kind == SC_OVAL_KIND_ENVIRONMENTVARIABLE58 ||
	    o->kind == SC_OVAL_KIND_FAMILY)
		return SC_OK;
	fp = ent(o, "filepath");
	p = ent(o, "path");
	f = ent(o, "filename");
	memset(&spec, 0, sizeof(spec));
	spec.ctx = o;
	spec.found = walk_found;
	spec.error = walk_error;
	spec.recurse = o->bh.recurse;
	if (o->bh.fs == SC_OVAL_FS_LOCAL)
		spec.walk_flags = SC_WALK_LOCAL_ONLY;
	else if (o->bh.fs == SC_OVAL_FS_DEFINED)
		spec.walk_flags = SC_WALK_SAME_DEV;
	root_ent = fp ? fp : p;
	if (root_ent->op != SC_OVAL_OP_EQUALS &&
	    root_ent->op != SC_OVAL_OP_PATTERN_MATCH) {
		struct sc_buf b = SC_BUF_INIT;
		int r;

		sc_buf_addf(&b, "<%s> with operation '%s' is not supported",
		    root_ent->name, sc_oval_op_name(root_ent->op));
		r = unsupported(o, err, b.data);
		sc_buf_free(&b);
		return r;
	}
	if (fp != NULL) {
		if (fp->op == SC_OVAL_OP_EQUALS)
			return SC_OK;
		if (fp->var != NULL)
			return unsupported(o, err, "a <filepath> pattern from a "
			    "variable is not supported");
		root = fixed_prefix(fp->value);
		spec.want = SC_TREE_FILES;
		spec.max_depth = -1;
		spec.recurse = SC_TREE_RECURSE_DIRS | SC_TREE_RECURSE_SYMLINKS;
	} else if (p->op == SC_OVAL_OP_EQUALS) {
		if (o->bh.direction == SC_OVAL_DIR_NONE &&
		    (f->nil || f->op == SC_OVAL_OP_EQUALS))
			return SC_OK;	/* looked up directly */
		if (p->var != NULL)
			return unsupported(o, err, "a <path> from a variable with "
			    "recursion or a filename operation is not supported");
		root = sc_xstrdup(p->value);
		spec.want = f->nil ? SC_TREE_DIRS : SC_TREE_FILES;
		spec.max_depth = o->bh.direction == SC_OVAL_DIR_NONE ? 0 :
		    o->bh.max_depth;
		if (!f->nil)
			spec.name_ok = walk_name_ok;
	} else {
		if (o->bh.direction != SC_OVAL_DIR_NONE)
			return unsupported(o, err, "a <path> pattern with "
			    "recurse_direction 'down' is not supported");
		if (p->var != NULL)
			return unsupported(o, err, "a <path> pattern from a "
			    "variable is not supported");
		root = fixed_prefix(p->value);
		spec.want = f->nil ? SC_TREE_DIRS : SC_TREE_FILES;
		spec.max_depth = -1;
		spec.recurse = SC_TREE_RECURSE_DIRS | SC_TREE_RECURSE_SYMLINKS;
		spec.dir_ok = walk_dir_ok;
		if (!f->nil)
			spec.name_ok = walk_name_ok;
	}
	spec.root = root;
	o->walk = 1;
	o->tree = sc_probe_tree_add(d->rt->walk, &spec);
	free(root);
	return SC_OK;
}

void
sc_oval_collect_add_test(struct sc_oval_object *o, struct sc_oval_test *t)
{
	for (size_t i = 0; i < o->n_tests; i++)
		if (o->tests[i] == t)
			return;
	SC_GROW(o->tests, o->cap_tests, o->n_tests + 1);
	o->tests[o->n_tests++] = t;
}

void
sc_oval_collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	if (o->collected)
		return;
	if (o->collecting) {
		object_error(o, "the object depends on itself");
		return;
	}
	o->collecting = 1;
	if (o->walk) {
		if (!d->rt->walked)
			object_error(o, "its items are needed before the walk of "
			    "the target ran (a variable of a recursive object)");
	} else {
		collect_direct(d, o);
	}
	o->collecting = 0;
	o->collected = 1;
	if (o->had_error)
		o->flag = SC_OVAL_FLAG_ERROR;
	else
		o->flag = o->n_found > 0 ? SC_OVAL_FLAG_COMPLETE :
		    SC_OVAL_FLAG_DOES_NOT_EXIST;
}

/* ---- evidence --------------------------------------------------------------------------- */

static void
describe_entity(const struct sc_oval_entity *e, struct sc_buf *out)
{
	if (e->var != NULL)
		sc_buf_addf(out, "the values of %s", e->var->id);
	else if (e->op == SC_OVAL_OP_EQUALS)
		sc_buf_adds(out, e->value ? e->value : "");
	else
		sc_buf_addf(out, "%s '%s'", sc_oval_op_name(e->op),
		    e->value ? e->value : "");
}

/* where the object looks; 1 when that is one path named exactly */
static int
describe_where(const struct sc_oval_object *o, struct sc_buf *out)
{
	const struct sc_oval_entity *fp = ent(o, "filepath"), *p = ent(o, "path"),
	    *f = ent(o, "filename");

	if (fp != NULL) {
		if (fp->op == SC_OVAL_OP_EQUALS && fp->var == NULL) {
			sc_buf_adds(out, fp->value);
			return 1;
		}
		sc_buf_adds(out, "with a path ");
		describe_entity(fp, out);
		return 0;
	}
	if (p->op == SC_OVAL_OP_EQUALS && p->var == NULL &&
	    o->bh.direction == SC_OVAL_DIR_NONE && (f->nil ||
	    (f->op == SC_OVAL_OP_EQUALS && f->var == NULL))) {
		char *j = f->nil ? sc_xstrdup(p->value) :
		    sc_probe_file_join(p->value, f->value);

		sc_buf_adds(out, j);
		free(j);
		return 1;
	}
	sc_buf_adds(out, o->bh.direction == SC_OVAL_DIR_DOWN ? "under " : "in ");
	describe_entity(p, out);
	if (o->bh.direction == SC_OVAL_DIR_DOWN && o->bh.max_depth >= 0)
		sc_buf_addf(out, " (%d levels deep)", o->bh.max_depth);
	if (!f->nil) {
		sc_buf_adds(out, " named ");
		describe_entity(f, out);
	}
	return 0;
}

void
sc_oval_collect_describe(const struct sc_oval_object *o, struct sc_buf *out)
{
	const struct sc_oval_entity *f = ent(o, "filename");
	struct sc_buf where = SC_BUF_INIT;
	int exact;

	switch (o->kind) {
	case SC_OVAL_KIND_ENVIRONMENTVARIABLE58:
		sc_buf_adds(out, "no variable ");
		describe_entity(ent(o, "name"), out);
		sc_buf_adds(out, " is set in the target's environment");
		return;
	case SC_OVAL_KIND_FAMILY:
	case SC_OVAL_KIND_UNKNOWN:
		sc_buf_adds(out, "nothing was collected");
		return;
	default:
		break;
	}
	sc_buf_reset(&where);
	exact = describe_where(o, &where);
	if (o->kind == SC_OVAL_KIND_TEXTFILECONTENT54 && o->n_located > 0) {
		const struct sc_oval_entity *pe = ent(o, "pattern");

		sc_buf_addf(out, "no line of %s%s matches ", exact ? "" : "a file ",
		    where.data);
		if (pe->var)
			sc_buf_addf(out, "the patterns of %s", pe->var->id);
		else
			sc_buf_adds(out, pe->value);
	} else if (o->kind == SC_OVAL_KIND_FILE) {
		if (exact)
			sc_buf_addf(out, "%s does not exist", where.data);
		else
			sc_buf_addf(out, "no %s %s exists", f && f->nil ?
			    "directory" : "file", where.data);
	} else {
		if (exact)
			sc_buf_addf(out, "%s does not exist or is not a regular file",
			    where.data);
		else
			sc_buf_addf(out, "no regular file %s exists", where.data);
	}
	sc_buf_free(&where);
}
