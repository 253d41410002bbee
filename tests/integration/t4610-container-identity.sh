# One identity however the container is named: a real podman container
# scanned by PID, short id, full id and name gives the same identity facts
# (id, name, image, image id, image digest, runtime), the digest being the
# manifest digest podman reports for the image.  (A user-namespaced
# container scanned from inside its namespace: check_container.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
. "$(dirname "$0")/../fixtures/podman.sh"
need_podman
trap podman_cleanup EXIT

identity() {
	for f in id name image image-id image-digest runtime; do
		printf '%s=%s\n' "$f" "$(xmllint --xpath "string(//*[local-name()='fact'][@name='urn:stigcheck:fact:container:$f'])" "$1")"
	done
}

root=$TMPDIR/root
busybox_root "$root"
podman_image idn "$root" || fail "podman import: $(cat "$TMPDIR/podman.err")"
img=localhost/$PODMAN_PREFIX-idn:1
name=$PODMAN_PREFIX-idn
podman_run "$name" "$img" /bin/busybox sleep 100000
full=$(podman inspect --format '{{.Id}}' "$name")
short=$(echo "$full" | cut -c1-12)
digest=$(podman image inspect --format '{{.Digest}}' "$img")
imgid=sha256:$(podman image inspect --format '{{.Id}}' "$img")
cat >"$TMPDIR/want" <<EOF
id=$full
name=$name
image=$img
image-id=$imgid
image-digest=$digest
runtime=podman
EOF
for ref in "$CT_PID" "$short" "$full" "$name"; do
	run --container "$ref" --results "$TMPDIR/r.xml"
	expect_scanned "$ref"
	identity "$TMPDIR/r.xml" >"$TMPDIR/got"
	diff "$TMPDIR/want" "$TMPDIR/got" || fail "identity by '$ref' differs"
	[ "$(xmllint --xpath "string(//*[local-name()='fact'][@name='urn:xccdf:fact:asset:identifier:host_name'])" "$TMPDIR/r.xml")" = "$name" ] ||
		fail "target name by '$ref'"
done

exit 0
