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
#include "probes/file.h"

#define MAX_OBJECT_MESSAGES 10

static unsigned long keep_limit = SC_OVAL_MAX_KEPT_ITEMS;

void
sc_oval_collect_set_keep_limit(unsigned long n)
{
	keep_limit = n;
}

void
sc_oval_collect_error(struct sc_oval_object *o, const char *fmt, ...)
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

const struct sc_oval_entity *
sc_oval_collect_ent(const struct sc_oval_object *o, const char *name)
{
	return sc_oval_entity_find(o->ents, o->n_ents, name);
}

/*
 * A local variable that evaluated to no value (flag does not exist): no
 * item can match an entity that refers to it, so the object finds nothing
 * and its flag is does not exist, with a message naming the variable (as
 * OpenSCAP collects it: "Referenced variable has no values").  1 when so.
 * An external variable without a value stays an error: nothing bound it.
 */
static int
var_empty(struct sc_oval_object *o, const struct sc_oval_entity *e,
    enum sc_oval_flag flag)
{
	if (flag != SC_OVAL_FLAG_DOES_NOT_EXIST ||
	    e->var->kind != SC_OVAL_VAR_LOCAL)
		return 0;
	if (!o->var_empty && o->messages.n < MAX_OBJECT_MESSAGES)
		sc_strv_push_owned(&o->messages, sc_xasprintf("<%s> refers to "
		    "variable %s, which has no value: no item can match",
		    e->name, e->var->id));
	o->var_empty = 1;
	return 1;
}

/*
 * The values of entity e's variable into *vals: 0, or 1 when it has no
 * value (var_empty), or -1 recorded on o when it could not be evaluated.
 */
static int
var_values(struct sc_oval_doc *d, struct sc_oval_object *o,
    const struct sc_oval_entity *e, const struct sc_strv **vals)
{
	enum sc_oval_flag flag;
	struct sc_err err = SC_ERR_INIT;

	if (sc_oval_var_values(d, e->var, &flag, vals, &err) < 0) {
		sc_oval_collect_error(o, "%s", err.msg);
		return -1;
	}
	if (var_empty(o, e, flag))
		return 1;
	if (flag != SC_OVAL_FLAG_COMPLETE && flag != SC_OVAL_FLAG_INCOMPLETE) {
		sc_oval_collect_error(o, "variable %s has no value (%s)", e->var->id,
		    sc_oval_flag_name(flag));
		return -1;
	}
	return 0;
}

/*
 * The values an entity names directly (its literal, or those of its
 * variable that match it by var_check).
 */
int
sc_oval_collect_values(struct sc_oval_doc *d, struct sc_oval_object *o,
    const struct sc_oval_entity *e, struct sc_strv *out)
{
	const struct sc_strv *vals;
	struct sc_err err = SC_ERR_INIT;
	int r;

	if (e->var == NULL) {
		sc_strv_push(out, e->value ? e->value : "");
		return 0;
	}
	if ((r = var_values(d, o, e, &vals)) != 0)
		return r;
	for (size_t i = 0; i < vals->n; i++) {
		enum sc_oval_res m = sc_oval_eval_entity_match(d, e, vals->v[i],
		    &err);

		if (m == SC_OVAL_ERROR) {
			sc_oval_collect_error(o, "<%s>: %s", e->name, err.msg);
			return -1;
		}
		if (m == SC_OVAL_TRUE && sc_strv_find(out, vals->v[i]) < 0)
			sc_strv_push(out, vals->v[i]);
	}
	return 0;
}

/* ---- items ------------------------------------------------------------------------ */

/*
 * An item a filter left out: counted, and the first few kept in words, so
 * that evidence never calls a file that exists absent.
 */
static void
filtered_out(struct sc_oval_doc *d, struct sc_oval_object *o,
    const struct sc_oval_item *it, const struct sc_oval_filter *f)
{
	struct sc_buf b = SC_BUF_INIT;

	if (o->n_filtered++ >= MAX_OBJECT_MESSAGES)
		return;
	sc_buf_reset(&b);
	sc_oval_item_describe(it, d->rt ? d->rt->target : NULL, &f->state, 1, &b);
	sc_buf_addf(&b, " exists but was excluded by the filter: it %s state %s "
	    "(action %s)", f->exclude ? "satisfies" : "does not satisfy",
	    f->state->id, f->exclude ? "exclude" : "include");
	sc_strv_push(&o->filtered, b.data);
	sc_buf_free(&b);
}

void
sc_oval_collect_emit(struct sc_oval_doc *d, struct sc_oval_object *o,
    struct sc_oval_item *it)
{
	for (size_t i = 0; i < o->n_filters; i++) {
		enum sc_oval_res r = sc_oval_eval_state(d, o->filters[i].state, it,
		    NULL);

		if (r == SC_OVAL_ERROR) {
			sc_oval_collect_error(o, "filter state %s could not be evaluated",
			    o->filters[i].state->id);
			sc_oval_item_free(it);
			return;
		}
		if (o->filters[i].exclude ? r == SC_OVAL_TRUE : r != SC_OVAL_TRUE) {
			filtered_out(d, o, it, &o->filters[i]);
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

/* A file (or, name NULL, a directory) was found: make its items. */
static void
located(struct sc_oval_doc *d, struct sc_oval_object *o, const char *dir,
    const char *name, const struct stat *lst)
{
	sc_oval_family_get(o->kind)->located(d, o, dir, name, lst);
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
		sc_oval_collect_error(o, "%s", err.msg);
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

static void
collect_direct(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *fp, *p, *f;
	struct sc_strv a = SC_STRV_INIT, b = SC_STRV_INIT;

	if (!(sc_oval_family_get(o->kind)->flags & SC_OVAL_FAM_FILES)) {
		sc_oval_family_get(o->kind)->collect(d, o);
		return;
	}
	fp = sc_oval_collect_ent(o, "filepath");
	p = sc_oval_collect_ent(o, "path");
	f = sc_oval_collect_ent(o, "filename");
	if (fp != NULL) {
		if (sc_oval_collect_values(d, o, fp, &a) == 0)
			for (size_t i = 0; i < a.n; i++)
				collect_filepath(d, o, a.v[i]);
	} else if (sc_oval_collect_values(d, o, p, &a) == 0) {
		if (f->nil) {
			for (size_t i = 0; i < a.n; i++)
				collect_in_dir(d, o, a.v[i], NULL);
		} else if (sc_oval_collect_values(d, o, f, &b) == 0) {
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
	enum sc_oval_res r = sc_oval_eval_entity_match(o->doc,
	    sc_oval_collect_ent(o, "filename"), name, &err);

	if (r == SC_OVAL_ERROR)
		sc_oval_collect_error(o, "filename: %s", err.msg);
	return r == SC_OVAL_TRUE;
}

static int
walk_dir_ok(void *p, const char *dir)
{
	struct sc_oval_object *o = p;
	struct sc_err err = SC_ERR_INIT;
	enum sc_oval_res r = sc_oval_eval_entity_match(o->doc,
	    sc_oval_collect_ent(o, "path"), dir, &err);

	if (r == SC_OVAL_ERROR)
		sc_oval_collect_error(o, "path: %s", err.msg);
	return r == SC_OVAL_TRUE;
}

static void
walk_found(void *p, const struct sc_tree_hit *h)
{
	struct sc_oval_object *o = p;
	const struct sc_oval_entity *fp = sc_oval_collect_ent(o, "filepath");
	char *dir;

	if (fp != NULL) {
		struct sc_err err = SC_ERR_INIT;
		enum sc_oval_res r = sc_oval_eval_entity_match(o->doc, fp, h->path,
		    &err);

		if (r == SC_OVAL_ERROR)
			sc_oval_collect_error(o, "filepath: %s", err.msg);
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
	sc_oval_collect_error(p, "%s: %s", path, msg);
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

/* What every file object's tree search shares: its callbacks and behaviors. */
static void
walk_spec_init(struct sc_oval_object *o, struct sc_tree_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->ctx = o;
	spec->found = walk_found;
	spec->error = walk_error;
	spec->recurse = o->bh.recurse;
	if (o->bh.fs == SC_OVAL_FS_LOCAL)
		spec->walk_flags = SC_WALK_LOCAL_ONLY;
	else if (o->bh.fs == SC_OVAL_FS_DEFINED)
		spec->walk_flags = SC_WALK_SAME_DEV;
}

/* Whether dir is root or under it ("/" is above everything). */
static int
under_root(const char *dir, const char *root)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return 1;
	return strncmp(dir, root, n) == 0 && (dir[n] == '\0' || dir[n] == '/');
}

/*
 * The directories a <filepath> pattern from a variable must be under: each
 * pattern's fixed prefix, without those under another (so that no file is
 * found twice).  -1 (recorded on o) when the variable could not be
 * evaluated; 1 when it has no value (o does not exist).
 */
static int
pattern_roots(struct sc_oval_doc *d, struct sc_oval_object *o,
    const struct sc_oval_entity *fp, struct sc_strv *roots)
{
	struct sc_strv all = SC_STRV_INIT;
	const struct sc_strv *vals;
	int r;

	if ((r = var_values(d, o, fp, &vals)) != 0)
		return r;
	for (size_t i = 0; i < vals->n; i++)
		sc_strv_push_owned(&all, fixed_prefix(vals->v[i]));
	for (size_t i = 0; i < all.n; i++) {
		size_t j;

		for (j = 0; j < all.n; j++)
			if (j != i && under_root(all.v[i], all.v[j]) &&
			    (strcmp(all.v[i], all.v[j]) != 0 || j < i))
				break;
		if (j == all.n)
			sc_strv_push(roots, all.v[i]);
	}
	sc_strv_free(&all);
	return 0;
}

/*
 * A <path> from a variable (equal, with recursion or a filename operation;
 * or a pattern, the directories it matches), or a <filepath> pattern from
 * a variable: the roots come from the variable's
 * values, known only now, so these objects walk their own small trees (one
 * walk for all the values) instead of the scan's shared walk, with the
 * same semantics as the literal cases of sc_oval_collect_prepare.
 */
static void
collect_var_walk(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	const struct sc_oval_entity *fp = sc_oval_collect_ent(o, "filepath");
	const struct sc_oval_entity *p = sc_oval_collect_ent(o, "path");
	const struct sc_oval_entity *f = sc_oval_collect_ent(o, "filename");
	struct sc_strv roots = SC_STRV_INIT;
	struct sc_tree **trees = NULL;
	struct sc_walk *w = NULL;
	struct sc_err err = SC_ERR_INIT;
	struct sc_tree_spec spec;
	size_t i, n = 0;

	walk_spec_init(o, &spec);
	if (fp != NULL) {
		if (pattern_roots(d, o, fp, &roots) != 0)
			goto out;
		spec.want = SC_TREE_FILES;
		spec.max_depth = -1;
		spec.recurse = SC_TREE_RECURSE_DIRS | SC_TREE_RECURSE_SYMLINKS;
	} else if (p->op == SC_OVAL_OP_PATTERN_MATCH) {
		/* directories matching the patterns, under their prefixes */
		if (pattern_roots(d, o, p, &roots) != 0)
			goto out;
		spec.want = f->nil ? SC_TREE_DIRS : SC_TREE_FILES;
		spec.max_depth = -1;
		spec.recurse = SC_TREE_RECURSE_DIRS | SC_TREE_RECURSE_SYMLINKS;
		spec.dir_ok = walk_dir_ok;
		if (!f->nil)
			spec.name_ok = walk_name_ok;
	} else {
		if (sc_oval_collect_values(d, o, p, &roots) != 0)
			goto out;
		spec.want = f->nil ? SC_TREE_DIRS : SC_TREE_FILES;
		spec.max_depth = o->bh.direction == SC_OVAL_DIR_NONE ? 0 :
		    o->bh.max_depth;
		if (!f->nil)
			spec.name_ok = walk_name_ok;
	}
	w = sc_walk_new();
	trees = sc_xcalloc(roots.n ? roots.n : 1, sizeof(*trees));
	for (i = 0; i < roots.n; i++) {
		/* a value given twice is one root, not two sets of items */
		if (sc_strv_find(&roots, roots.v[i]) != (long)i)
			continue;
		spec.root = roots.v[i];
		trees[n++] = sc_probe_tree_add(w, &spec);
	}
	if (sc_walk_run(w, d->rt->target, &err) < 0)
		sc_oval_collect_error(o, "%s", err.msg);
out:
	for (i = 0; i < n; i++)
		sc_probe_tree_free(trees[i]);
	free(trees);
	sc_walk_free(w);
	sc_strv_free(&roots);
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
	if (o->is_set || !(sc_oval_family_get(o->kind)->flags & SC_OVAL_FAM_FILES))
		return SC_OK;
	fp = sc_oval_collect_ent(o, "filepath");
	p = sc_oval_collect_ent(o, "path");
	f = sc_oval_collect_ent(o, "filename");
	walk_spec_init(o, &spec);
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
		if (fp->var != NULL) {
			/* the patterns are known only once the variable is */
			o->var_walk = 1;
			return SC_OK;
		}
		root = fixed_prefix(fp->value);
		spec.want = SC_TREE_FILES;
		spec.max_depth = -1;
		spec.recurse = SC_TREE_RECURSE_DIRS | SC_TREE_RECURSE_SYMLINKS;
	} else if (p->op == SC_OVAL_OP_EQUALS) {
		if (o->bh.direction == SC_OVAL_DIR_NONE &&
		    (f->nil || f->op == SC_OVAL_OP_EQUALS))
			return SC_OK;	/* looked up directly */
		if (p->var != NULL) {
			/* its roots are known only once the variable is */
			o->var_walk = 1;
			return SC_OK;
		}
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
		if (p->var != NULL) {
			/* the patterns are known only once the variable is */
			o->var_walk = 1;
			return SC_OK;
		}
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

/* what makes an item itself, for set operations: its entities' values */
static char *
item_key(const struct sc_oval_item *it)
{
	const char *const *ents = sc_oval_family_get(it->kind)->item_ents;
	struct sc_buf k = SC_BUF_INIT, v = SC_BUF_INIT;

	sc_buf_reset(&k);
	for (size_t e = 0; ents[e]; e++)
		for (size_t i = 0; sc_oval_item_field(it, ents[e], i, &v) > 0; i++)
			sc_buf_addf(&k, "%s=%s%c", ents[e], v.data, '\x1f');
	sc_buf_free(&v);
	return sc_buf_detach(&k);
}

static void
collect_set(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	struct sc_strv other = SC_STRV_INIT, seen = SC_STRV_INIT;

	for (size_t r = 0; r < o->n_set_refs; r++) {
		struct sc_oval_object *ref = o->set_refs[r];

		sc_oval_collect(d, ref);
		if (ref->flag == SC_OVAL_FLAG_ERROR) {
			sc_oval_collect_error(o, "set member %s could not be "
			    "collected", ref->id);
			goto out;
		}
		if (ref->truncated) {
			sc_oval_collect_error(o, "set member %s has more items than "
			    "a document keeps", ref->id);
			goto out;
		}
	}
	for (size_t i = 0; o->n_set_refs == 2 && i < o->set_refs[1]->n_items; i++)
		sc_strv_push_owned(&other, item_key(o->set_refs[1]->items[i]));
	for (size_t r = 0; r < o->n_set_refs; r++) {
		struct sc_oval_object *ref = o->set_refs[r];

		if (r == 1 && o->set_op != SC_OVAL_SET_UNION)
			break;
		for (size_t i = 0; i < ref->n_items; i++) {
			const struct sc_oval_item *it = ref->items[i];
			char *key;

			if (it->status != SC_OVAL_STATUS_EXISTS)
				continue;
			key = item_key(it);
			if (sc_strv_find(&seen, key) >= 0 ||
			    (o->set_op == SC_OVAL_SET_INTERSECTION &&
			    sc_strv_find(&other, key) < 0) ||
			    (o->set_op == SC_OVAL_SET_COMPLEMENT &&
			    sc_strv_find(&other, key) >= 0)) {
				free(key);
				continue;
			}
			sc_strv_push_owned(&seen, key);
			sc_oval_collect_emit(d, o, sc_oval_item_copy(it));
		}
	}
out:
	sc_strv_free(&other);
	sc_strv_free(&seen);
}

void
sc_oval_collect(struct sc_oval_doc *d, struct sc_oval_object *o)
{
	if (o->collected)
		return;
	if (o->collecting) {
		sc_oval_collect_error(o, "the object depends on itself");
		return;
	}
	o->collecting = 1;
	if (o->is_set) {
		collect_set(d, o);
	} else if (o->var_walk) {
		collect_var_walk(d, o);
	} else if (o->walk) {
		if (!d->rt->walked)
			sc_oval_collect_error(o, "its items are needed before the walk of "
			    "the target ran (a variable of a recursive object)");
	} else {
		collect_direct(d, o);
	}
	o->collecting = 0;
	o->collected = 1;
	if (o->had_error)
		o->flag = SC_OVAL_FLAG_ERROR;
	else if (o->not_applicable)
		o->flag = SC_OVAL_FLAG_NOT_APPLICABLE;
	else
		o->flag = o->n_found > 0 ? SC_OVAL_FLAG_COMPLETE :
		    SC_OVAL_FLAG_DOES_NOT_EXIST;
}

/* ---- evidence --------------------------------------------------------------------------- */

void
sc_oval_collect_describe_entity(const struct sc_oval_entity *e,
    struct sc_buf *out)
{
	if (e->var != NULL)
		sc_buf_addf(out, "the values of %s", e->var->id);
	else if (e->op == SC_OVAL_OP_EQUALS)
		sc_buf_adds(out, e->value ? e->value : "");
	else
		sc_buf_addf(out, "%s '%s'", sc_oval_op_name(e->op),
		    e->value ? e->value : "");
}

int
sc_oval_collect_describe_where(const struct sc_oval_object *o,
    struct sc_buf *out)
{
	const struct sc_oval_entity *fp = sc_oval_collect_ent(o, "filepath");
	const struct sc_oval_entity *p = sc_oval_collect_ent(o, "path");
	const struct sc_oval_entity *f = sc_oval_collect_ent(o, "filename");

	if (fp != NULL) {
		if (fp->op == SC_OVAL_OP_EQUALS && fp->var == NULL) {
			sc_buf_adds(out, fp->value);
			return 1;
		}
		sc_buf_adds(out, "with a path ");
		sc_oval_collect_describe_entity(fp, out);
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
	sc_oval_collect_describe_entity(p, out);
	if (o->bh.direction == SC_OVAL_DIR_DOWN && o->bh.max_depth >= 0)
		sc_buf_addf(out, " (%d levels deep)", o->bh.max_depth);
	if (!f->nil) {
		sc_buf_adds(out, " named ");
		sc_oval_collect_describe_entity(f, out);
	}
	return 0;
}

void
sc_oval_collect_describe(const struct sc_oval_object *o, struct sc_buf *out)
{
	const struct sc_oval_family *f = sc_oval_family_get(o->kind);
	static const char *const ops[] = { "union", "intersection",
		"complement" };

	if (o->n_filtered > 0) {
		/* found, then filtered out: never "does not exist" */
		sc_buf_addf(out, "no item passes the filters of %s: ", o->id);
		for (size_t i = 0; i < o->filtered.n; i++)
			sc_buf_addf(out, "%s%s", i ? "; " : "", o->filtered.v[i]);
		if (o->n_filtered > o->filtered.n)
			sc_buf_addf(out, "; and %lu more",
			    o->n_filtered - (unsigned long)o->filtered.n);
		return;
	}
	if (o->is_set) {
		sc_buf_addf(out, "the %s of", ops[o->set_op]);
		for (size_t i = 0; i < o->n_set_refs; i++)
			sc_buf_addf(out, "%s %s", i ? " and" : "", o->set_refs[i]->id);
		sc_buf_addf(out, " has no item%s", o->n_filters ?
		    " that passes the filters" : "");
		return;
	}
	if (f->describe_none != NULL)
		f->describe_none(o, out);
	else
		sc_buf_adds(out, "nothing was collected");
}

void
sc_oval_collect_not_applicable(struct sc_oval_object *o, const char *why)
{
	o->not_applicable = 1;
	if (o->messages.n < MAX_OBJECT_MESSAGES)
		sc_strv_push(&o->messages, why);
}

int
sc_oval_collect_match(struct sc_oval_object *o, const struct sc_oval_entity *e,
    const char *value)
{
	struct sc_err err = SC_ERR_INIT;
	enum sc_oval_res r;

	if (e == NULL)
		return 1;
	if (e->var != NULL) {
		const struct sc_strv *vals;
		enum sc_oval_flag flag;

		if (sc_oval_var_values(o->doc, e->var, &flag, &vals, &err) == 0 &&
		    var_empty(o, e, flag))
			return 0;
	}
	r = sc_oval_eval_entity_match(o->doc, e, value, &err);
	if (r == SC_OVAL_ERROR) {
		sc_oval_collect_error(o, "%s: %s", e->name, err.msg);
		return -1;
	}
	return r == SC_OVAL_TRUE;
}

int
sc_oval_collect_check_files(struct sc_oval_object *o, const char *owner,
    struct sc_err *err)
{
	const struct sc_oval_entity *fp, *p, *f;

	fp = sc_oval_collect_ent(o, "filepath");
	p = sc_oval_collect_ent(o, "path");
	f = sc_oval_collect_ent(o, "filename");
	if (!fp == !(p && f) || (fp && (p || f)))
		return sc_err_set(err, SC_ERR_PARSE,
		    "%s: needs either <filepath> or <path> and <filename>", owner);
	if (fp && fp->nil)
		return sc_err_set(err, SC_ERR_PARSE, "%s: <filepath> is nil", owner);
	if (p && p->nil)
		return sc_err_set(err, SC_ERR_PARSE, "%s: <path> is nil", owner);
	return SC_OK;
}

void
sc_oval_collect_describe_no_file(const struct sc_oval_object *o,
    struct sc_buf *out)
{
	struct sc_buf where = SC_BUF_INIT;

	sc_buf_reset(&where);
	if (sc_oval_collect_describe_where(o, &where))
		sc_buf_addf(out, "%s does not exist or is not a regular file",
		    where.data);
	else
		sc_buf_addf(out, "no regular file %s exists", where.data);
	sc_buf_free(&where);
}
