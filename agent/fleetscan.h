/*
 * fleetscan.h - every running container on the node, each scanned as its
 * own target (stigcheck --all-containers --output-dir DIR [--formats LIST]).
 *
 * Containers are found as --container finds an id (target/container.h):
 * every container id named by a process's cgroup in /proc, with its init
 * process.  They are named by the runtime CLIs present (one `podman|docker|
 * nerdctl container inspect -- ID...` per CLI for all of them, crictl per
 * container), and sorted by name (then id).
 *
 * Each container gets, in DIR:
 *   NAME.xml           XCCDF 1.2 results (always)
 *   NAME.FILE          one file per word of LIST, FILE being the row's file
 *                      name in the output table (reports/outputs.h):
 *                      "arf" gives NAME.arf.xml, "html" NAME.report.html;
 *                      "results" is NAME.xml itself
 * NAME is the container's name when it is a safe file name ([A-Za-z0-9_.-],
 * not starting with '.', at most 128 bytes), else its short id (12 hex
 * digits), else "pid-PID"; a second container with the same NAME gets
 * "-SHORTID" appended.
 *
 * summary.json (written last, atomically) describes the node's run:
 *   { "version": 1, "generator": "stigcheck VERSION",
 *     "profile": ID or null, "benchmark": ID,
 *     "containers": [ { "name", "file", "id", "pid", "runtime", "image",
 *       "image_id", "image_digest", "outputs": [files],
 *       "counts": { RESULT: n, ... },
 *       "by_severity": { SEVERITY: { RESULT: n, ... }, ... },
 *       "score": default-model score or null,
 *       "shared": { "directories": n, "file_results": n },
 *       "error": null or why the container could not be scanned } ] }
 * "shared" (absent when the container could not be scanned) counts the
 * work this container's scan took from what earlier scans of the run
 * read: directory listings replayed by the walk and per-file probe
 * results (ELF facts, library strings) reused.
 * Fields the runtime does not know are null.
 *
 * A container that cannot be scanned (it exited, its root is gone, an
 * output cannot be written) is reported on stderr and in summary.json,
 * and the others are scanned.  Shared between containers: the content and
 * the profile (loaded once by the caller), the runtime CLI lookups, what
 * the crypto inventory reads from files that are the same unchanged
 * image-layer file in several containers (probes/filecache.h; a file in a
 * container's own upper layer is read for it), and the walk of the
 * image's directories (walk/walk.h: a directory absent from the
 * container's upper layer with nothing mounted in it is listed and
 * stat'ed once per image).  Every rule is still judged per container,
 * from entries that are its own (docs/containers.md has the
 * measurements).
 *
 * Returns the exit status: 0 when every container was scanned and none
 * has a failing or erroring rule, 2 when some has or some container could
 * not be scanned, 1 (with err set) when the run could not start or
 * summary.json could not be written.
 */
#ifndef SC_FLEETSCAN_H
#define SC_FLEETSCAN_H

#include "util/err.h"
#include "xccdf/content.h"
#include "xccdf/policy.h"

struct sc_fleetscan_opts {
	const char *output_dir;
	const char *formats;	/* comma-separated output table names, or NULL */
	int include_mounts;
	int quiet;		/* no per-container line on stdout */
};

int sc_fleetscan_run(struct sc_content *content,
    const struct sc_policy *policy, const struct sc_fleetscan_opts *opts,
    struct sc_err *err);

/* The file-name stem for a container (see above); caller frees. */
char *sc_fleetscan_stem(const char *name, const char *id, long pid);

#endif
