/*
 * tree.c - OVAL-style file searches on the shared walk (tree.h).
 */
#include "probes/tree.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct sc_tree {
	struct sc_tree_spec spec;
	char *root;
	/* whether the directory at each depth passes dir_ok */
	unsigned char ok[SC_WALK_MAX_DEPTH + 2];
};

static void
hit(struct sc_tree *tr, const struct sc_walk_entry *e, const char *name,
    const struct stat *st)
{
	struct sc_tree_hit h;
	const char *slash = strrchr(e->path, '/');

	h.path = e->path;
	h.dir_len = slash == NULL || slash == e->path ? 1 :
	    (size_t)(slash - e->path);
	h.name = name;
	h.st = st;
	h.depth = e->depth;
	h.target = e->target;
	tr->spec.found(tr->spec.ctx, &h);
}

static int
dir_ok(struct sc_tree *tr, const char *path)
{
	return tr->spec.dir_ok == NULL || tr->spec.dir_ok(tr->spec.ctx, path) > 0;
}

static int
visit(void *p, const struct sc_walk_entry *e)
{
	struct sc_tree *tr = p;
	const struct stat *st = e->st;
	int is_dir, is_lnk, d = e->depth;
	struct stat lst, tst;

	if (e->event == SC_WALK_ROOT_MISSING)
		return 0;
	if (e->event == SC_WALK_ERROR) {
		if (tr->spec.error)
			tr->spec.error(tr->spec.ctx, e->path, e->error);
		return 0;
	}
	if (d == 0) {
		/* the root, stat'ed through symlinks */
		if (!S_ISDIR(st->st_mode))
			return SC_WALK_PRUNE;
		tr->ok[0] = (unsigned char)dir_ok(tr, e->path);
		if (tr->spec.want == SC_TREE_DIRS && tr->ok[0] &&
		    sc_target_lstat(e->target, e->path, &lst, NULL) == 0)
			hit(tr, e, NULL, &lst);
		return 0;
	}
	is_dir = S_ISDIR(st->st_mode);
	is_lnk = S_ISLNK(st->st_mode);
	if (d <= SC_WALK_MAX_DEPTH)
		tr->ok[d] = (unsigned char)((is_dir || is_lnk) ? dir_ok(tr, e->path) :
		    0);
	if (tr->spec.want == SC_TREE_FILES) {
		if (!is_dir && tr->ok[d - 1] && (tr->spec.name_ok == NULL ||
		    tr->spec.name_ok(tr->spec.ctx, e->name) > 0))
			hit(tr, e, e->name, st);
	} else if (tr->ok[d]) {
		if (is_dir)
			hit(tr, e, NULL, st);
		else if (is_lnk && (tr->spec.recurse & SC_TREE_RECURSE_SYMLINKS) &&
		    sc_target_stat(e->target, e->path, &tst, NULL) == 0 &&
		    S_ISDIR(tst.st_mode))
			hit(tr, e, NULL, st);
	}
	if (is_dir && !(tr->spec.recurse & SC_TREE_RECURSE_DIRS))
		return SC_WALK_PRUNE;
	return 0;
}

struct sc_tree *
sc_probe_tree_add(struct sc_walk *w, const struct sc_tree_spec *spec)
{
	struct sc_tree *tr = sc_xcalloc(1, sizeof(*tr));
	struct sc_walk_spec ws;

	tr->spec = *spec;
	tr->root = sc_xstrdup(spec->root);
	tr->spec.root = tr->root;
	memset(&ws, 0, sizeof(ws));
	ws.root = tr->root;
	if (spec->max_depth < 0)
		ws.max_depth = -1;
	else
		ws.max_depth = spec->want == SC_TREE_FILES ? spec->max_depth + 1 :
		    spec->max_depth;
	ws.flags = spec->walk_flags & (SC_WALK_SAME_DEV | SC_WALK_LOCAL_ONLY);
	if (spec->recurse & SC_TREE_RECURSE_SYMLINKS)
		ws.flags |= SC_WALK_FOLLOW_SYMLINKS;
	ws.fn = visit;
	ws.ctx = tr;
	sc_walk_add(w, &ws);
	return tr;
}

void
sc_probe_tree_free(struct sc_tree *tr)
{
	if (tr == NULL)
		return;
	free(tr->root);
	free(tr);
}
