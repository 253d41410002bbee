/*
 * walk.h - the one shared traversal of a target (architecture.md, inv. 3).
 *
 * Checks that need a recursive walk do not walk: during their prepare phase
 * they register a visitor (a root path, a depth limit, flags and a
 * callback) on the scan's struct sc_walk.  sc_walk_run then reads each
 * directory once and hands every entry to every visitor whose subtree it
 * belongs to.  Visitors filter as the walk goes and keep only what they
 * need (counts, capped evidence), so memory stays flat as the file count
 * grows.
 *
 * How it walks:
 *  - visitor roots are resolved inside the target (target.h); a root met
 *    while walking another visitor's tree (same dev/inode) is served from
 *    that walk instead of being walked again;
 *  - children are opened with openat(dirfd, name, O_NOFOLLOW|O_DIRECTORY),
 *    a single component, so a walk can never leave the root; a symlink to
 *    a directory is followed only for visitors that ask for it, and then
 *    resolved inside the target;
 *  - entries of a directory are delivered sorted by name (bytewise), so
 *    evidence is deterministic across filesystems;
 *  - a directory read below a followed symlink and reached again in the
 *    same run (/lib followed to usr/lib, then /usr/lib) is not read
 *    again: its names and lstat results from the first read (kept by
 *    (dev, inode), up to SC_WALK_MEMO_MAX_ENTRIES entries per run, not
 *    when containers share listings) are replayed, entry->dirfd -1 as
 *    for a shared listing; visitors see the same entries in the same
 *    order; a walk that follows no symlink keeps nothing;
 *  - loops (a directory that is its own ancestor) are not entered; depth is
 *    capped at SC_WALK_MAX_DEPTH and the entry count at
 *    SC_WALK_MAX_ENTRIES;
 *  - pseudo-filesystems (procfs, sysfs, devpts, cgroup, debugfs, ...) and the
 *    target's top-level /proc, /sys and /dev are reported but not entered;
 *  - a running container's volumes, bind mounts and tmpfs mounts marked
 *    skip (target/mounts.h: not the container's own filesystem, unless
 *    --include-mounts) are neither reported nor entered, matched by the
 *    (dev, inode) of their mount point; a visitor whose own root lies in
 *    such a mount is still walked;
 *  - owners in entry->st are those the target sees (sc_target_map_ids: a
 *    container in a user namespace);
 *  - containers of one image share the directories of the image
 *    (probes/filecache.h, attached by --all-containers): a directory
 *    reached on a canonical path from "/" (no symlink followed) that is
 *    on the container's overlay device, has nothing mounted at or below
 *    it (the container's mount table) and is not in the container's
 *    upper layer is image-only, and so is everything below it.  The
 *    first container to read such a directory keeps its sorted names
 *    and lstat results (up to SC_WALK_SHARE_MAX_ENTRIES entries per
 *    run); the others replay them instead of opening, reading and
 *    stat'ing it, with st_dev made their own overlay's device and their
 *    own owner mapping.  Visitors see the same entries, in the same
 *    order, either way; entry->dirfd is -1 for entries replayed.  While
 *    an image-only entry is delivered, sc_filecache_key on it needs no
 *    lstat of the upper layer (sc_filecache_hint).
 *
 * Paths handed to visitors are target paths built from the visitor's root
 * as registered ("/lib/x" when "/lib" was registered, even if /lib is a
 * symlink to usr/lib).  Never call *at() functions that follow symlinks on
 * entry->dirfd; use the target API on entry->path instead.
 */
#ifndef SC_WALK_H
#define SC_WALK_H

#include <sys/stat.h>

#include "target/target.h"
#include "util/limits.h"
#include "util/err.h"

#define SC_WALK_MAX_DEPTH SC_LIMIT_WALK_DEPTH
#define SC_WALK_MAX_ENTRIES SC_LIMIT_WALK_ENTRIES
/* listing entries kept for a second visit, per walk run (~200 B each) */
#define SC_WALK_MEMO_MAX_ENTRIES 20000
/* listing entries kept for sharing, per --all-containers run (~200 B each) */
#define SC_WALK_SHARE_MAX_ENTRIES 200000

enum {
	SC_WALK_FOLLOW_SYMLINKS = 1 << 0, /* descend into symlinked dirs */
	SC_WALK_SAME_DEV = 1 << 1,	  /* stay on the root's device */
	SC_WALK_LOCAL_ONLY = 1 << 2,	  /* do not enter network filesystems */
	SC_WALK_NO_ROOT = 1 << 3,	  /* do not deliver the root itself */
};

enum sc_walk_event {
	SC_WALK_ENTRY,		/* an entry; st is its lstat */
	SC_WALK_ROOT_MISSING,	/* the visitor's root does not exist */
	SC_WALK_ERROR,		/* a directory could not be read: error set */
};

struct sc_walk_entry {
	enum sc_walk_event event;
	const char *path;	/* target path */
	const char *name;	/* last component ("/" for the root) */
	const struct stat *st;	/* lstat; NULL unless event == ENTRY */
	int depth;		/* 0 for the visitor's root */
	int dirfd;		/* the parent directory (read-only use);
				 * -1 for a root or a replayed listing */
	const char *error;	/* SC_WALK_ERROR / ROOT_MISSING: why */
	struct sc_target *target;
};

/*
 * Visitor callback.  Return 0 to go on, SC_WALK_PRUNE (for a directory) to
 * not be given anything below it.  Other visitors are not affected.
 */
#define SC_WALK_PRUNE 1
typedef int (*sc_walk_fn)(void *ctx, const struct sc_walk_entry *e);

struct sc_walk_spec {
	const char *root;	/* target path of the subtree */
	int max_depth;		/* -1: unlimited; 0: the root only */
	unsigned flags;		/* SC_WALK_* */
	sc_walk_fn fn;
	void *ctx;
};

struct sc_walk_stats {
	unsigned long entries;	/* entries lstat'ed */
	unsigned long dir_reads; /* directories read (each once per walk) */
	unsigned long walks;	/* top-level walks (distinct roots) */
	unsigned long loops;	/* symlinked directories not entered (loop) */
	unsigned long pruned;	/* pseudo-filesystem directories not entered */
	unsigned long mounts;	/* container volumes and binds not walked */
	unsigned long errors;	/* unreadable directories */
	unsigned long shared;	/* directories replayed from another
				 * container's listing (not read) */
	unsigned long replayed;	/* directories reached again in this run
				 * (a followed symlink) and replayed from
				 * the first read, not read again */
};

struct sc_walk;

struct sc_walk *sc_walk_new(void);
void sc_walk_free(struct sc_walk *w);

/* Register a visitor; spec->root is copied. */
void sc_walk_add(struct sc_walk *w, const struct sc_walk_spec *spec);
/* Number of registered visitors. */
unsigned sc_walk_count(const struct sc_walk *w);

/*
 * Walk the target once for all visitors.  Fails only when the entry cap is
 * hit (SC_ERR_TOOBIG); unreadable directories are reported to visitors.
 */
int sc_walk_run(struct sc_walk *w, struct sc_target *t, struct sc_err *err);

void sc_walk_get_stats(const struct sc_walk *w, struct sc_walk_stats *st);

#endif
