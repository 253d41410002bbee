# The image digest is one fact however the image is reached: a container
# run from a locally built image (podman build FROM a local busybox image,
# one RUN step) scanned with --container records as
# container:image-digest the digest podman reports for the image
# (`podman image inspect --format {{.Digest}}`), and --image podman:NAME
# records the same value as image:digest (asked of podman: the
# docker-archive podman saves carries no manifest digest), with the same
# image id.  A docker-archive file (podman save) records no image:digest:
# the archive has no manifest digest, and none is guessed.  docker:NAME is
# checked the same way where a docker daemon answers.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
. "$(dirname "$0")/../fixtures/podman.sh"
need_podman
trap podman_cleanup EXIT

fact() {	# fact FILE NAME
	xmllint --xpath "string(//*[local-name()='fact'][@name='urn:stigcheck:fact:$2'])" "$1"
}

root=$TMPDIR/root
busybox_root "$root"
podman_image base "$root" || fail "podman import: $(cat "$TMPDIR/podman.err")"
img=localhost/$PODMAN_PREFIX-built:1
mkdir -p "$TMPDIR/ctx"
cat >"$TMPDIR/ctx/Containerfile" <<EOT
FROM localhost/$PODMAN_PREFIX-base:1
RUN ["/bin/busybox", "sh", "-c", "echo built >/etc/motd"]
EOT
# shellcheck disable=SC2086
timeout 300 podman build $PODMAN_RUN_LIMITS --pull=never -t "$img" "$TMPDIR/ctx" \
    >"$TMPDIR/build.out" 2>&1 || fail "podman build: $(tail -3 "$TMPDIR/build.out")"
PODMAN_IMGS="$PODMAN_IMGS $img"
name=$PODMAN_PREFIX-dg
podman_run "$name" "$img" /bin/busybox sleep 100000
digest=$(podman image inspect --format '{{.Digest}}' "$img")
imgid=sha256:$(podman image inspect --format '{{.Id}}' "$img")
case $digest in sha256:????????????????????????????????????????????????????????????????) ;;
*) fail "podman reports no digest for $img: '$digest'" ;; esac

run --container "$name" --results "$TMPDIR/c.xml"
expect_scanned "--container"
[ "$(fact "$TMPDIR/c.xml" container:image-digest)" = "$digest" ] || fail "container:image-digest '$(fact "$TMPDIR/c.xml" container:image-digest)' is not $digest"
[ "$(fact "$TMPDIR/c.xml" container:image-id)" = "$imgid" ] || fail "container:image-id"

run --image "podman:$img" --results "$TMPDIR/i.xml"
expect_scanned "--image podman:"
[ "$(fact "$TMPDIR/i.xml" image:digest)" = "$digest" ] || fail "image:digest '$(fact "$TMPDIR/i.xml" image:digest)' is not $digest"
[ "$(fact "$TMPDIR/i.xml" image:id)" = "$imgid" ] || fail "image:id '$(fact "$TMPDIR/i.xml" image:id)' is not $imgid"
[ "$(fact "$TMPDIR/i.xml" image:format)" = docker-archive ] || fail "image:format"

# the same through containers-storage:
run --image "containers-storage:$img" --results "$TMPDIR/s.xml"
expect_scanned "--image containers-storage:"
[ "$(fact "$TMPDIR/s.xml" image:digest)" = "$digest" ] || fail "containers-storage: image:digest"

# a docker-archive file: no manifest digest in it, none recorded
podman save --format docker-archive -o "$TMPDIR/a.tar" "$img" >/dev/null 2>&1 || fail "podman save"
run --image "$TMPDIR/a.tar" --results "$TMPDIR/a.xml"
expect_scanned "--image docker-archive file"
[ "$(fact "$TMPDIR/a.xml" image:id)" = "$imgid" ] || fail "archive image:id"
[ -z "$(fact "$TMPDIR/a.xml" image:digest)" ] || fail "a digest was recorded for a docker-archive file: $(fact "$TMPDIR/a.xml" image:digest)"

# docker:NAME and a Docker container's digest: t4900, with a private dockerd
exit 0
