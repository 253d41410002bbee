/*
 * filecache.h - per-file probe results shared between the containers of
 * one `--all-containers` run, for files that are the same read-only image
 * layer file in each.
 *
 * A container's root is an overlay mount: its lower layers (the image)
 * are read-only and shared by every container of that image, its upper
 * layer holds what the container changed.  sc_filecache_attach reads the
 * root mount's super options ("lowerdir=...,upperdir=...") from
 * /proc/PID/mountinfo and attaches the shared cache to the target.  A
 * file is shareable when
 *   - the target has a cache attached (never for --container, --rootfs or
 *     --image: those scan one target and nothing is shared),
 *   - the root is an overlay whose upperdir the scanner can see as a
 *     directory (it runs in the host's mount namespace), and
 *   - the path does not exist in the upper layer (lstat of
 *     UPPERDIR/PATH gives ENOENT): the container sees the lower layer's
 *     file, unchanged.
 * Its key is the lowerdir list, the kind of result, the path, and the
 * opened file's inode, size, mtime and ctime (overlay reports the lower
 * file's inode number): a file copied up meanwhile has a new ctime and
 * misses.  Anything else (no overlay, an upperdir not visible, a file in
 * the upper layer, a mountinfo line with escapes) is not shared and is
 * read as --container reads it, so verdicts are identical either way.
 *
 * Entries are owned by the cache (free_fn runs in sc_filecache_free);
 * the target holds a borrowed pointer, so the cache must outlive every
 * target it is attached to.  Single-threaded.
 */
#ifndef SC_FILECACHE_H
#define SC_FILECACHE_H

#include <sys/stat.h>

#include "target/target.h"

struct sc_filecache;

struct sc_filecache *sc_filecache_new(void);
void sc_filecache_free(struct sc_filecache *c);

/*
 * Attach c to t, a container whose init process is pid, when its root is
 * an overlay with a visible upperdir.  Returns 1 when attached, 0 when
 * nothing of t will be shared.
 */
int sc_filecache_attach(struct sc_target *t, struct sc_filecache *c,
    long pid);
/* The same with the mountinfo text given (tests); upper_root prefixes
 * the upperdir (NULL: none). */
int sc_filecache_attach_text(struct sc_target *t, struct sc_filecache *c,
    const char *mountinfo, const char *upper_root);

/*
 * The key for kind's result on path (as the target names it), st being
 * the fstat of the opened file; NULL (not shared) as described above.
 * Caller frees.
 */
char *sc_filecache_key(struct sc_target *t, const char *kind,
    const char *path, const struct stat *st);

/* Look up / store (the cache takes obj; a second put of a key frees the
 * new obj).  Both are no-ops without an attached cache (get gives NULL). */
void *sc_filecache_get(struct sc_target *t, const char *key);
void sc_filecache_put(struct sc_target *t, const char *key, void *obj,
    void (*free_fn)(void *));

/* Hits and misses so far (for -v and the tests). */
void sc_filecache_stats(const struct sc_filecache *c, unsigned long *hits,
    unsigned long *misses);

#endif
