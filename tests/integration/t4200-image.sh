# --image: an OCI layout (directory and archive) and a docker-save archive
# (plain, gzip'd, on stdin) of two layers with a whiteout and an opaque
# directory scan exactly like the equivalent root filesystem; facts come
# from the image; a corrupted blob is refused; nothing is left behind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root (the fixture trees hold other users' files and device nodes)"

exp=$TMPDIR/expected
busybox_root "$exp"
# layer 1: the tree with extra files and a too-open /etc/shadow
l1=$TMPDIR/l1
cp -a "$exp" "$l1"
echo gone >"$l1/etc/todelete"
echo a >"$l1/opt/old/a"
echo b >"$l1/opt/old/b"
rm "$l1/opt/old/c"
chmod 0644 "$l1/etc/shadow"
echo old >"$l1/etc/issue"
# layer 2: whiteout, opaque directory, fixed files
l2=$TMPDIR/l2
mkdir -p "$l2/etc" "$l2/opt/old"
cp -a "$exp/etc/shadow" "$exp/etc/issue" "$l2/etc/"
: >"$l2/etc/.wh.todelete"
: >"$l2/opt/old/.wh..wh..opq"
cp -a "$exp/opt/old/c" "$l2/opt/old/"
make_layer "$l1" "$TMPDIR/l1.tar"
make_layer "$l2" "$TMPDIR/l2.tar"

make_oci "$TMPDIR/oci" gzip "$TMPDIR/l1.tar" "$TMPDIR/l2.tar"
make_docker_archive "$TMPDIR/docker.tar" "$TMPDIR/l1.tar" "$TMPDIR/l2.tar"
tar -cf "$TMPDIR/oci-archive.tar" -C "$TMPDIR/oci" .
gzip -n -c "$TMPDIR/docker.tar" >"$TMPDIR/docker.tar.gz"

for bench in "$TARGETS_XCCDF" ""; do
	run --rootfs "$exp" --results "$TMPDIR/want.xml" $bench
	want_rc=$rc
	# container_not_root judges the image's config (t4230); a tree has none
	rule_results "$TMPDIR/want.xml" | no_user_rule >"$TMPDIR/want"
	for img in "$TMPDIR/oci" "$TMPDIR/oci-archive.tar" "$TMPDIR/docker.tar" \
		"$TMPDIR/docker.tar.gz"; do
		run --image "$img" --results "$TMPDIR/got.xml" $bench
		expect_rc "$want_rc" "--image $img"
		validate_xccdf "$TMPDIR/got.xml"
		rule_results "$TMPDIR/got.xml" | no_user_rule >"$TMPDIR/got"
		diff "$TMPDIR/want" "$TMPDIR/got" || fail "--image $img differs from --rootfs"
	done
done
# the fixture rules did decide something: passes and one failure
rule_results "$TMPDIR/want.xml" >/dev/null
run --rootfs "$exp" "$TARGETS_XCCDF"
grep -q '^pass 8, fail 1' "$TMPDIR/out" || fail "fixture totals: $(tail -1 "$TMPDIR/out")"

# standard input
set +e
$SC --image - --results "$TMPDIR/got.xml" "$TARGETS_XCCDF" <"$TMPDIR/docker.tar" >/dev/null 2>"$TMPDIR/err"
rc=$?
set -e
expect_rc 2 "--image -"
rule_results "$TMPDIR/got.xml" >"$TMPDIR/got"
run --rootfs "$exp" --results "$TMPDIR/want.xml" "$TARGETS_XCCDF"
rule_results "$TMPDIR/want.xml" >"$TMPDIR/want"
diff "$TMPDIR/want" "$TMPDIR/got" || fail "--image - differs from --rootfs"

# layer 1 alone: the whiteout and the shadow fix are not there
make_oci "$TMPDIR/oci1" plain "$TMPDIR/l1.tar"
run --image "$TMPDIR/oci1" --results "$TMPDIR/one.xml" "$TARGETS_XCCDF"
expect_rc 2 "one layer"
[ "$(result_of "$TMPDIR/one.xml" _rule_whiteout_removed)" = fail ] || fail "layer 1 alone: /etc/todelete not found"
[ "$(result_of "$TMPDIR/one.xml" _rule_etc_shadow_permissions)" = fail ] || fail "layer 1 alone: shadow passes"

# facts from the image
fact() { xmllint --xpath "string(//*[local-name()='fact'][@name='$2'])" "$1"; }
run --image "$TMPDIR/oci" --results "$TMPDIR/f.xml" "$TARGETS_XCCDF"
make_oci "$TMPDIR/oci-again" gzip "$TMPDIR/l1.tar" "$TMPDIR/l2.tar"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:target:kind)" = image ] || fail "kind"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:target:path)" = "$TMPDIR/oci" ] || fail "path"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:image:format)" = oci-layout ] || fail "format"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:image:digest)" = "$OCI_MANIFEST_DIGEST" ] || fail "digest"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:image:id)" = "$OCI_CONFIG_DIGEST" ] || fail "id"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:image:ref)" = stigcheck/test:1 ] || fail "ref"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:image:user)" = 65532 ] || fail "user"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:image:layers)" = 2 ] || fail "layers"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:image:label:org.example.team)" = security ] || fail "label"
[ "$(fact "$TMPDIR/f.xml" urn:xccdf:fact:asset:identifier:host_name)" = stigcheck/test:1 ] || fail "name"
run --image "$TMPDIR/docker.tar" --results "$TMPDIR/d.xml" "$TARGETS_XCCDF"
[ "$(fact "$TMPDIR/d.xml" urn:stigcheck:fact:image:format)" = docker-archive ] || fail "docker format"
[ "$(fact "$TMPDIR/d.xml" urn:stigcheck:fact:image:id)" = "$DOCKER_CONFIG_DIGEST" ] || fail "docker id"
[ "$(fact "$TMPDIR/d.xml" urn:stigcheck:fact:image:ref)" = stigcheck/test:2 ] || fail "docker ref"
[ -z "$(fact "$TMPDIR/d.xml" urn:stigcheck:fact:image:digest)" ] || fail "docker-archive has no manifest digest"
# the scanner's environment never becomes the image's
grep -q "$(hostname)" "$TMPDIR/f.xml" && fail "host name in results"

# a corrupted layer blob is refused, naming the layer
cp -a "$TMPDIR/oci" "$TMPDIR/bad"
l1gz=$(gzip -n -c "$TMPDIR/l1.tar" | sha256sum | cut -c1-64)
l2gz=$(gzip -n -c "$TMPDIR/l2.tar" | sha256sum | cut -c1-64)
printf 'X' | dd of="$TMPDIR/bad/blobs/sha256/$l1gz" bs=1 seek=100 conv=notrunc 2>/dev/null
run --image "$TMPDIR/bad" "$TARGETS_XCCDF"
expect_rc 1 "corrupted blob"
expect_err_line "layer 1 (sha256:${l1gz%${l1gz#????????????}})"
# a valid layer under another layer's digest
cp -a "$TMPDIR/oci" "$TMPDIR/bad2"
cp "$TMPDIR/oci/blobs/sha256/$l1gz" "$TMPDIR/bad2/blobs/sha256/$l2gz"
run --image "$TMPDIR/bad2" "$TARGETS_XCCDF"
expect_rc 1 "swapped blob"
expect_err_line "layer 2 (sha256:${l2gz%${l2gz#????????????}}): the blob does not match its digest"

# not an image
mkdir "$TMPDIR/empty"
run --image "$TMPDIR/empty"
expect_rc 1 "empty directory"
expect_err_line "neither an OCI image layout"
run --image "$TMPDIR/nonexistent"
expect_rc 1 "missing"
expect_err_line "cannot open image"

# every private directory was removed
left=$(ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
[ -z "$left" ] || fail "left behind: $left"
exit 0
