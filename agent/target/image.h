/*
 * image.h - a container image as a target (--image PATH).
 *
 * PATH is one of:
 *  - an OCI image layout directory (oci-layout, index.json, blobs/), as
 *    written by `skopeo copy ... oci:DIR` or `podman save --format oci-dir`;
 *  - an archive of one: `skopeo copy ... oci-archive:FILE`,
 *    `podman save --format oci-archive`, `docker save` from Docker 25 on;
 *  - a docker-archive (manifest.json, a config, layer tars), as written by
 *    `docker save` and `podman save`;
 *  - "-": such an archive on standard input;
 *  - podman:NAME, docker:NAME, containers-storage:NAME: an image of the
 *    local runtime, read from its save command through a pipe
 *    (imagesave.h: no shell, a deadline, the runtime killed and reaped on
 *    timeout, its stderr summarised on failure).  These prefixes win over
 *    a file of the same name ("./podman:x" is the file).
 * Archives may be compressed (gzip, zstd, xz, bzip2: libarchive decides).
 *
 * What happens:
 *  1. A private directory PARENT/stigcheck-image.XXXXXX (mode 0700) is
 *     created and registered with fsutil.h, so it is removed on every exit
 *     path, a signal included.  An uncompressed archive file of regular
 *     files and directories only (no links, special or sparse entries, no
 *     name twice, within the staging limits) is read in place: its
 *     members at their offsets, each offset checked against the first
 *     bytes the tar reader gives.  Other archives (compressed, on a pipe,
 *     from a runtime, or not that simple), and one read in place whose
 *     reading then fails in any way, are staged under it (archive/),
 *     through extract.h, with the same refusals as layers, and read from
 *     there: the outcome and its messages are always the staged one's.
 *  2. The layout is read through a read-only target (target.h): symbolic
 *     links in it resolve inside it and only regular files are read, so a
 *     hostile layout cannot make stigcheck read the host's files.
 *  3. The manifest is chosen: index.json's single image, or among several
 *     the one for linux and this machine's architecture whose blob is
 *     present (attestation manifests are skipped); nested indexes are
 *     followed.  A docker-archive must hold exactly one image.
 *  4. Every blob is checked against its digest: the manifest against the
 *     index, the config and compressed layers against the manifest, and
 *     every uncompressed layer against the config's rootfs.diff_ids.  A
 *     mismatch, a missing blob, or a layer media type other than tar
 *     (optionally gzip or zstd compressed) is an error.  A compressed
 *     layer is decompressed on a second thread; gzip by ISA-L while the
 *     blob is one clean gzip member, else by libarchive, which reads the
 *     blob again and skips what was delivered already
 *     (STIGCHECK_IMAGE_INFLATE=libarchive: libarchive always).
 *  5. Layers are applied in order into rootfs/ with whiteouts and owners
 *     (extract.h: hostile entries refused, sizes capped); a layer may not
 *     decompress to more than the total file-size cap plus 4 KiB of tar
 *     headers per allowed entry (a decompression bomb is refused).  The
 *     staged archive is then removed.
 *  6. The target is rootfs/ (kind SC_TARGET_IMAGE, path PATH).  Its
 *     environment is the config's Env; its name is the image reference
 *     when the archive names one, else the last component of PATH; facts
 *     (urn:stigcheck:fact:image:...): format, ref, digest (the manifest's,
 *     when there is one), id (the config's digest), os, architecture,
 *     user (the config's User, "" when unset), layers (count) and one
 *     label:KEY per label, sorted by key.  The private directory is
 *     removed when the target is freed.
 *
 * No privilege is needed: the flattened files belong to the scanning
 * user, and the owners, modes and types the layer headers give are kept
 * in a side table (inodes.h) that the target answers stat from, so root
 * and an unprivileged user get the same results.  Device nodes, FIFOs and
 * sockets in layers are recorded there as entries (an empty file stands
 * in), never created.  Disk use is the flattened image (plus the
 * archive's members while they are staged).
 */
#ifndef SC_IMAGE_H
#define SC_IMAGE_H

#include "target/extract.h"
#include "util/limits.h"
#include "target/target.h"
#include "util/err.h"

#define SC_IMAGE_JSON_MAX SC_LIMIT_IMAGE_JSON_BYTES

struct sc_image_opts {
	const char *tmpdir;	/* NULL: $TMPDIR, else /var/tmp */
	const struct sc_extract_limits *limits;	/* NULL: the defaults */
	long save_timeout_ms;	/* runtime save; 0: SC_IMAGESAVE_TIMEOUT_MS */
};

int sc_image_open(struct sc_target **out, const char *path,
    const struct sc_image_opts *opts, struct sc_err *err);

/*
 * The image's JSON read from files in memory instead of a layout on disk
 * (tests and tests/fuzz/fuzz_image.c): the same code as sc_image_open
 * reads oci-layout / index.json (nested indexes, platform choice), the
 * manifest, the config and its rootfs.diff_ids, or a docker archive's
 * manifest.json and config, with every digest and size checked; layers
 * are named, not read.  files[i].path is relative to the layout's top
 * ("index.json", "blobs/sha256/<hex>").  *n_layers (optional) gets the
 * layer count.  Errors as sc_image_open's.
 */
struct sc_image_memfile {
	const char *path;
	const void *data;
	size_t len;
};
int sc_image_parse_mem(const struct sc_image_memfile *files, size_t n,
    size_t *n_layers, struct sc_err *err);

/* The GOARCH name of this machine ("amd64", "arm64", ...). */
const char *sc_image_host_arch(void);

#endif
