/*
 * fsutil.h - writing output files atomically (architecture.md, inv. 6).
 *
 * sc_write_atomic() writes to a temporary file in the destination
 * directory, fsyncs it, renames it over the destination and fsyncs the
 * directory: readers see the old file or the complete new one, never a
 * partial one.  While a temporary file exists its name is registered, and
 * sc_atomic_cleanup() (async-signal-safe; called by main's SIGINT/SIGTERM
 * handler) unlinks it, so an interrupted run leaves nothing behind.
 *
 * These functions write to the scanning host only; nothing here ever
 * touches a target.
 */
#ifndef SC_FSUTIL_H
#define SC_FSUTIL_H

#include <stddef.h>

#include "util/err.h"

int sc_write_atomic(const char *path, const void *data, size_t len,
    struct sc_err *err);
/*
 * The same, the content written by fill(fd, arg) into the temporary file
 * (for outputs too big to build in memory first); fill returns < 0 on
 * failure, with errno set when it has a cause (EIO otherwise reported).
 */
int sc_write_atomic_fn(const char *path, int (*fill)(int fd, void *arg),
    void *arg, struct sc_err *err);

struct sc_buf;

/*
 * Append everything fd has left to out, but never more than max bytes in
 * all: SC_OK, SC_ERR_TOOBIG (out then holds what fit), or SC_ERR_IO with
 * errno set.  Shared by the target's reads and content loading.
 */
int sc_read_fd(int fd, size_t max, struct sc_buf *out);

/* Unlink any in-progress or staged temporary file (async-signal-safe). */
void sc_atomic_cleanup(void);

/*
 * Staged writes: all outputs of a run, or none.  After sc_stage_begin(),
 * sc_write_atomic() writes and fsyncs its temporary file beside the
 * destination but does not rename it; sc_stage_commit() renames every
 * staged file over its destination (in the order written) and fsyncs the
 * directories; sc_stage_abort() unlinks them all.  So when one output
 * cannot be written, the caller aborts and no output of the run appears.
 * Renames within one directory do not fail in practice once the temporary
 * file exists (the destination being a directory is refused before the
 * scan, outputs.h); if one does, the files renamed before it stay and the
 * error names the one that failed.  At most SC_STAGE_MAX files.
 * Stages nest: a commit inside an enclosing stage only returns, the
 * outermost commit renames everything; an abort at any depth removes
 * everything staged and ends every stage.
 */
#define SC_STAGE_MAX 40
void sc_stage_begin(void);
int sc_stage_commit(struct sc_err *err);
void sc_stage_abort(void);

/*
 * Private temporary directories (an image flattened for a scan).
 *
 * sc_tmpdir_new() creates PARENT/PREFIX.XXXXXX with mode 0700 and
 * registers it; *path receives its name (caller frees).  PARENT NULL means
 * $TMPDIR, else /var/tmp.  At most SC_TMPDIR_MAX directories are registered
 * at once.  sc_tmpdir_remove() deletes the directory and everything under
 * it and unregisters it.  sc_tmpdir_cleanup() (async-signal-safe; called by
 * main's signal handler with sc_atomic_cleanup) deletes every registered
 * directory, so an interrupted run leaves nothing behind.
 *
 * Each directory holds a .lock file, flock'ed for as long as the run
 * lives (the kernel drops the lock of a run killed with SIGKILL).  Before
 * creating one, sc_tmpdir_new() removes the PARENT/PREFIX.XXXXXX
 * directories of the same user whose lock it can take (left by a killed
 * run), and those without a lock older than a minute; a live run's
 * directory is never touched.
 */
#define SC_TMPDIR_MAX 8

int sc_tmpdir_new(const char *parent, const char *prefix, char **path,
    struct sc_err *err);
void sc_tmpdir_remove(const char *path);
void sc_tmpdir_cleanup(void);

/*
 * Remove NAME under the directory fd DIRFD, recursively, without following
 * a symbolic link and without leaving the file system NAME is on (a mount
 * point below it is left alone).  Async-signal-safe: no allocation, fixed
 * buffers, getdents64.  Returns 0, or -1 with errno set when something
 * could not be removed (ENOENT when NAME does not exist).
 */
int sc_rmtree_at(int dirfd, const char *name);

#endif
