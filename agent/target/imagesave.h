/*
 * imagesave.h - an image from the local container runtime, streamed
 * (--image podman:NAME, docker:NAME, containers-storage:NAME).
 *
 * The runtime's own save command writes the image as an archive to a
 * pipe; image.h reads that pipe as it reads "-".  The command is
 *   podman:NAME, containers-storage:NAME   podman save --format
 *                                          docker-archive NAME
 *   docker:NAME                            docker save NAME
 * found on PATH and run with posix_spawnp: no shell, standard input
 * /dev/null, the scanner's environment (so CONTAINERS_CONF and
 * DOCKER_HOST apply).  NAME may not be empty, start with '-' or hold
 * control characters or spaces.
 *
 * Promises:
 *  - a deadline covers the whole save: when it passes, or the caller
 *    stops early, the runtime is killed (SIGKILL) and reaped; no child
 *    outlives sc_imagesave_free;
 *  - the runtime's stderr is kept (first 4 KiB) and, when the save fails
 *    (exit status not 0, killed, not installed), summarised in the one
 *    error line: "image 'podman:x': podman save failed (exit status
 *    125): Error: x: image not known".
 */
#ifndef SC_IMAGESAVE_H
#define SC_IMAGESAVE_H

#include <archive.h>

#include "util/err.h"

#define SC_IMAGESAVE_TIMEOUT_MS (600L * 1000)	/* 10 minutes */

struct sc_imagesave;

/*
 * 1 when PATH names a runtime's image ("podman:", "docker:",
 * "containers-storage:" followed by a name), else 0.
 */
int sc_imagesave_is_ref(const char *path);
/* The image name of such a PATH, with *tool the runtime CLI ("podman",
 * "docker"); NULL when PATH is not one. */
const char *sc_imagesave_split(const char *path, const char **tool);

/*
 * Start the runtime's save of PATH (sc_imagesave_is_ref must hold).
 * timeout_ms <= 0 takes SC_IMAGESAVE_TIMEOUT_MS.
 */
int sc_imagesave_start(struct sc_imagesave **out, const char *path,
    long timeout_ms, struct sc_err *err);

/*
 * Open the libarchive reader A on the save's output; reads wait at most
 * until the deadline (then fail with "timed out").
 */
int sc_imagesave_open_archive(struct sc_imagesave *s, struct archive *a);

/*
 * Wait for the runtime to exit (until the deadline), and say whether the
 * save succeeded; on failure *err holds the one-line summary.  When
 * READ_ERR is not NULL (the archive could not be read), a failed save
 * is reported in preference to it, since it explains it.
 */
int sc_imagesave_finish(struct sc_imagesave *s, const char *read_err,
    struct sc_err *err);

/* Kill and reap the runtime if it still runs; close everything. */
void sc_imagesave_free(struct sc_imagesave *s);

#endif
