/*
 * tree.h - finding files and directories below a path, on the shared walk
 * (walk.h): the recursive part of the file probe.
 *
 * A tree search is registered during a check's prepare phase and fed by
 * the scan's one walk; it filters as the walk goes and hands each hit to a
 * callback, keeping nothing itself, so memory stays flat.  The semantics
 * are those of OVAL's file objects with behaviors (and of OpenSCAP's
 * implementation of them):
 *
 *  SC_TREE_FILES  every entry that is not a directory (by lstat: regular
 *                 files, symlinks - including symlinks to directories -,
 *                 devices, FIFOs, sockets) below root, in the directories
 *                 root .. max_depth levels down (max_depth 0: the entries
 *                 of root itself; -1: no limit);
 *  SC_TREE_DIRS   root itself and every directory down to max_depth levels
 *                 below it; a symlink to a directory counts as one when
 *                 symlinks are recursed into.
 *
 * Recursion goes into real directories with SC_TREE_RECURSE_DIRS and
 * through symlinks to directories (resolved inside the target) with
 * SC_TREE_RECURSE_SYMLINKS.  walk_flags may add SC_WALK_SAME_DEV or
 * SC_WALK_LOCAL_ONLY.  The root is resolved inside the target, following
 * symlinks; a missing root finds nothing; a root that is not a directory
 * finds nothing.  Hits carry the lstat of the entry (for the root too).
 *
 * Optional filters: dir_ok(dir) decides whether a directory (DIRS) or the
 * entries of a directory (FILES) count, name_ok(name) whether an entry's
 * name counts (FILES).  Directories that cannot be read are reported to
 * error().
 */
#ifndef SC_PROBE_TREE_H
#define SC_PROBE_TREE_H

#include <stddef.h>
#include <sys/stat.h>

#include "walk/walk.h"

enum sc_tree_want { SC_TREE_FILES, SC_TREE_DIRS };

#define SC_TREE_RECURSE_DIRS (1u << 0)
#define SC_TREE_RECURSE_SYMLINKS (1u << 1)

struct sc_tree_hit {
	const char *path;	/* target path */
	size_t dir_len;		/* path[0..dir_len) is its directory */
	const char *name;	/* last component (FILES); NULL for DIRS */
	const struct stat *st;	/* lstat */
	int depth;		/* 0: root */
	struct sc_target *target;
};

struct sc_tree_spec {
	const char *root;
	int max_depth;
	unsigned recurse;	/* SC_TREE_RECURSE_* */
	unsigned walk_flags;	/* SC_WALK_SAME_DEV | SC_WALK_LOCAL_ONLY */
	enum sc_tree_want want;
	int (*dir_ok)(void *ctx, const char *dir);
	int (*name_ok)(void *ctx, const char *name);
	void (*found)(void *ctx, const struct sc_tree_hit *hit);
	void (*error)(void *ctx, const char *path, const char *msg);
	void *ctx;
};

struct sc_tree;

/* Register a search on w; free the handle after the walk has run. */
struct sc_tree *sc_probe_tree_add(struct sc_walk *w,
    const struct sc_tree_spec *spec);
void sc_probe_tree_free(struct sc_tree *tr);

#endif
