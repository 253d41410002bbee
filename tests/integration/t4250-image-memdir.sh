# The image tree on a memory file system (docs/images.md, "Where the tree
# goes"): the same results, to the evidence, as the tree on disk, for
# images with whiteouts, device nodes and set-id files; a memory
# directory too small for the image falls back to the disk with the same
# results; nothing is left in either place.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root (the fixture trees hold other users' files and device nodes)"

root=$TMPDIR/root
busybox_root "$root"
mknod "$root/dev/null2" c 1 3 2>/dev/null || true
chmod 4755 "$root/bin/busybox"
head -c 3000000 /dev/urandom >"$root/opt/keep/big"
l2=$TMPDIR/l2
mkdir -p "$l2/opt/keep"
: >"$l2/opt/keep/.wh.x"
make_layer "$root" "$TMPDIR/l1.tar"
make_layer "$l2" "$TMPDIR/l2.tar"
make_docker_archive "$TMPDIR/docker.tar" "$TMPDIR/l1.tar" "$TMPDIR/l2.tar"
make_oci "$TMPDIR/oci" gzip "$TMPDIR/l1.tar" "$TMPDIR/l2.tar"
mem=$TMPDIR/mem
mkdir "$mem"

# scan IMAGE MEMDIR NAME: results and JSON evidence in $TMPDIR/NAME.*
scan() {
	STIGCHECK_IMAGE_MEMDIR=$2 STIGCHECK_IMAGE_TIMING=1 run --image "$1" \
		--results "$TMPDIR/$3.xml" --json "$TMPDIR/$3.json" "$TARGETS_XCCDF"
	expect_scanned "$3"
	rule_results "$TMPDIR/$3.xml" >"$TMPDIR/$3.rules"
	# the evidence, without the run's times
	grep -v -e '"start' -e '"end' -e '"time' -e '_time' "$TMPDIR/$3.json" >"$TMPDIR/$3.ev"
	grep -q '^stigcheck: image timing: layer 2 ' "$TMPDIR/err" ||
		{ cat "$TMPDIR/err"; fail "$3: no timing of layer 2 on stderr"; }
	left=$(ls -A "$mem"; ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
	[ -z "$left" ] || fail "$3 left $left"
}
for img in docker.tar oci; do
	scan "$TMPDIR/$img" "" "$img-disk"
	! grep -q "the tree goes to" "$TMPDIR/err" || fail "$img: STIGCHECK_IMAGE_MEMDIR= did not keep the tree on disk"
	scan "$TMPDIR/$img" "$mem" "$img-mem"
	grep -q "^stigcheck: image timing: the tree goes to '$mem'" "$TMPDIR/err" ||
		{ cat "$TMPDIR/err"; fail "$img: the tree did not go to $mem"; }
	diff "$TMPDIR/$img-disk.rules" "$TMPDIR/$img-mem.rules" ||
		fail "$img: rule results differ between disk and memory trees"
	diff "$TMPDIR/$img-disk.ev" "$TMPDIR/$img-mem.ev" ||
		fail "$img: evidence differs between disk and memory trees"
done
# the fixture decided something
grep -q ' pass$' "$TMPDIR/docker.tar-mem.rules" && grep -q ' fail$' "$TMPDIR/docker.tar-mem.rules" ||
	{ cat "$TMPDIR/docker.tar-mem.rules"; fail "no pass and fail results"; }

# a memory directory that fills up: the disk takes over, same results
if [ "${VALGRIND:-0}" = 1 ]; then
	echo "t4250: the full tmpfs part is skipped under valgrind (covered by the plain run; mount is not the scanner)"
elif mount -t tmpfs -o size=1m stigcheck-t4250 "$mem" 2>/dev/null; then
	trap 'umount "$mem" 2>/dev/null || true' EXIT
	scan "$TMPDIR/docker.tar" "$mem" small
	grep -q 'memory tree failed, again on disk' "$TMPDIR/err" ||
		{ cat "$TMPDIR/err"; fail "the 1 MiB tmpfs did not fill up (test broken)"; }
	diff "$TMPDIR/docker.tar-disk.rules" "$TMPDIR/small.rules" ||
		fail "fallback to disk changed the results"
	diff "$TMPDIR/docker.tar-disk.ev" "$TMPDIR/small.ev" ||
		fail "fallback to disk changed the evidence"
	umount "$mem"
	trap - EXIT
else
	echo "t4250: cannot mount a tmpfs here; the fallback part is skipped"
fi

# a memory directory that cannot be used: the disk, silently
STIGCHECK_IMAGE_MEMDIR=$TMPDIR/missing run --image "$TMPDIR/docker.tar" --results "$TMPDIR/m.xml" "$TARGETS_XCCDF"
expect_scanned "missing memory directory"
rule_results "$TMPDIR/m.xml" | diff "$TMPDIR/docker.tar-disk.rules" - || fail "missing memory directory changed the results"
exit 0
