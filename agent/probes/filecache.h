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
 * Directory listings are shared the same way (below, and walk.h).
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
 * new obj).  Both are no-ops without an attached cache (get gives NULL).
 * put returns what the cache now holds under key: obj, the earlier
 * object when key was there, or NULL when nothing is attached (obj was
 * freed); it counts no hit or miss. */
void *sc_filecache_get(struct sc_target *t, const char *key);
void *sc_filecache_put(struct sc_target *t, const char *key, void *obj,
    void (*free_fn)(void *));

/*
 * Directories of the image (walk/walk.c).  When a container's directory
 * is not in its upper layer, nothing below it is either (overlayfs copies
 * a directory up before anything in it changes), so its whole subtree is
 * the lower layers' and the same in every container of that lower list,
 * except where something is mounted in it (the walk checks the mount
 * table).  Inode numbers are the lower layers' in every container only
 * when the lower and upper directories are on one filesystem; st_dev is
 * each overlay's own device.
 *
 * sc_filecache_layer_dev: 1 and the overlay's device (from mountinfo)
 *   when t is attached and its lower and upper directories are on one
 *   filesystem (stat of each at attach time); else 0: share no
 *   directory.
 * sc_filecache_in_upper: 0 when path does not exist in t's upper layer
 *   (lstat gives ENOENT); 1 when it does, cannot be told, or t is not
 *   attached.
 * sc_filecache_dir_key: the key of the listing of directory path for
 *   sc_filecache_get/put (NULL when not attached or not one filesystem);
 *   the caller must have found the directory image-only.  Caller frees.
 * sc_filecache_hint: the walk says the entry (path, st->st_dev,
 *   st->st_ino) it is delivering lies in an image-only directory, so
 *   sc_filecache_key on exactly that path and inode skips the lstat of
 *   the upper layer; st NULL clears.  path is borrowed until cleared.
 * sc_filecache_charge: count units (listing entries) against max for
 *   the whole cache; 1 when they fit (and are counted), else 0.  Keeps
 *   the memory of shared listings bounded.
 */
int sc_filecache_layer_dev(struct sc_target *t, dev_t *dev);
int sc_filecache_in_upper(struct sc_target *t, const char *path);
char *sc_filecache_dir_key(struct sc_target *t, const char *path);
void sc_filecache_hint(struct sc_target *t, const char *path,
    const struct stat *st);
int sc_filecache_charge(struct sc_target *t, size_t units, size_t max);

/* Hits and misses so far (for -v and the tests). */
void sc_filecache_stats(const struct sc_filecache *c, unsigned long *hits,
    unsigned long *misses);
/* Of the hits, those on directory listings. */
unsigned long sc_filecache_dir_hits(const struct sc_filecache *c);

#endif
