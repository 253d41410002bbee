/*
 * imagedigest.h - the manifest digest of a runtime's image, as the runtime
 * reports it, for `--image podman:NAME`, `docker:NAME` and
 * `containers-storage:NAME`.
 *
 * Those images are read through the runtime's save as a docker-archive
 * (target/imagesave.h), and a docker-archive carries no manifest digest:
 * its manifest.json is not the manifest the runtime stored or a registry
 * served.  So the runtime is asked, as `--container` asks it about a
 * container's image (target/container.h): `podman image inspect -- NAME`
 * gives "Digest" (the digest podman reports as a container's
 * ImageDigest); `docker image inspect -- NAME` gives "RepoDigests"
 * (REPO@sha256:...; the first one's digest; an image built locally and
 * never pushed has none).  The answer is recorded as the fact
 * urn:stigcheck:fact:image:digest, the same value `--container` records
 * as urn:stigcheck:fact:container:image-digest for a container of that
 * image.  No answer (the runtime fails, times out, prints no sha256
 * digest) records nothing: no digest is guessed.
 */
#ifndef SC_IMAGEDIGEST_H
#define SC_IMAGEDIGEST_H

#include "target/target.h"

/*
 * The digest ("sha256:<64 hex>") in tool's inspect output json; NULL when
 * it holds none, or when id (the config digest of the image read,
 * "sha256:HEX"; NULL: not checked) is not the inspected image's "Id"
 * (podman prints HEX, docker sha256:HEX): the name was given to another
 * image between the save and the inspect.  Caller frees.
 */
char *sc_imagedigest_parse(const char *tool, const char *json,
    const char *id);

/* Ask the runtime of ref (podman:NAME, ...) and add the fact to t when
 * it answers for the image whose config digest is id.  Returns 1 when
 * added, 0 otherwise. */
int sc_imagedigest_add(struct sc_target *t, const char *ref,
    const char *id);

#endif
