# Hostile images are refused with one clear line, and nothing is written
# outside stigcheck's private directory: "../" entries, an absolute or
# relative symbolic link then a write through it (in one layer or the
# next), device nodes as archive members, a huge declared size, hard links outside, and an
# archive whose own members escape.  The private directory is removed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root (the fixture trees hold other users' files and device nodes)"

outside=$TMPDIR/outside	# what a naive extractor would write into
mkdir "$outside"
passwd_before=$(sha /etc/passwd)
base=$TMPDIR/base
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$base"
make_layer "$base" "$TMPDIR/base.tar"

# hostile LAYER.tar ERROR-TEXT: a two-layer image (base, hostile) refused
hostile() {
	rm -rf "$TMPDIR/img"
	make_oci "$TMPDIR/img" plain "$TMPDIR/base.tar" "$1"
	run --image "$TMPDIR/img"
	expect_rc 1 "$1"
	expect_err_line "$2"
	[ -z "$(ls -A "$outside")" ] || fail "$1 wrote outside: $(ls -A "$outside")"
	[ ! -e "$TMPDIR/escaped" ] || fail "$1 wrote $TMPDIR/escaped"
	[ "$(sha /etc/passwd)" = "$passwd_before" ] || fail "$1 changed /etc/passwd"
	left=$(ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
	[ -z "$left" ] || fail "$1 left $left"
}
src=$TMPDIR/src
mkdir -p "$src/sub"
echo pwned >"$src/payload"

# ../ climbing out (kept verbatim with -P)
tar -cPf "$TMPDIR/dotdot.tar" -C "$src" \
	--transform "s,^payload,../../../../../../../..$TMPDIR/escaped," payload
hostile "$TMPDIR/dotdot.tar" "leaves the image root; refused"

# an absolute symbolic link, then a write through it, in one layer
mkdir -p "$src/l1" "$src/l2/evil"
ln -s "$outside" "$src/l1/evil"
echo pwned >"$src/l2/evil/pwned"
tar -cf "$TMPDIR/abs.tar" -C "$src/l1" evil
tar -rf "$TMPDIR/abs.tar" -C "$src/l2" evil/pwned
hostile "$TMPDIR/abs.tar" "entry 'evil/pwned' goes through the symbolic link 'evil'; refused"
# the same across two layers
tar -cf "$TMPDIR/abs1.tar" -C "$src/l1" evil
tar -cf "$TMPDIR/abs2.tar" -C "$src/l2" evil/pwned
rm -rf "$TMPDIR/img"
make_oci "$TMPDIR/img" plain "$TMPDIR/base.tar" "$TMPDIR/abs1.tar" "$TMPDIR/abs2.tar"
run --image "$TMPDIR/img"
expect_rc 1 "symlink in layer 2, write in layer 3"
expect_err_line "layer 3 (sha256:.*goes through the symbolic link 'evil'"
[ -z "$(ls -A "$outside")" ] || fail "wrote outside across layers"
# a relative link climbing out
mkdir -p "$src/l3"
ln -s "../../../../../../../..$outside" "$src/l3/evil"
tar -cf "$TMPDIR/rel.tar" -C "$src/l3" evil
tar -rf "$TMPDIR/rel.tar" -C "$src/l2" evil/pwned
hostile "$TMPDIR/rel.tar" "goes through the symbolic link 'evil'"

# device nodes
mkdir -p "$src/dev/dev"
mknod "$src/dev/dev/sda" b 8 0
tar -cf "$TMPDIR/dev.tar" -C "$src/dev" dev
# in a layer they are entries, judged by their headers (t4210): the scan runs
rm -rf "$TMPDIR/img"
make_oci "$TMPDIR/img" plain "$TMPDIR/base.tar" "$TMPDIR/dev.tar"
run --image "$TMPDIR/img"
expect_scanned "a device node in a layer"
left=$(ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
[ -z "$left" ] || fail "device layer left $left"
# as a member of the image archive itself: refused
run --image "$TMPDIR/dev.tar"
expect_rc 1 "a device node as an archive member"
expect_err_line "entry 'dev/sda' is a block device; refused here"

# a huge declared size (a 100 GiB sparse file: a 10 KiB archive)
truncate -s 100G "$src/big"
tar -S -cf "$TMPDIR/big.tar" -C "$src" big
rm -f "$src/big"
hostile "$TMPDIR/big.tar" "entry 'big' declares 107374182400 bytes, over the 17179869184-byte limit for one file; refused"

# a hard link to a file outside
mkdir -p "$src/hl"
echo a >"$src/hl/a"
ln "$src/hl/a" "$src/hl/b"
tar -cPf "$TMPDIR/hl.tar" -C "$src/hl" --transform 's,^a$,../../../../../../etc/passwd,hRS' a b
hostile "$TMPDIR/hl.tar" "hard link 'b' -> '../../../../../../etc/passwd' points outside the image root; refused"

# an archive whose own members escape (before any layer is read)
make_oci "$TMPDIR/good" plain "$TMPDIR/base.tar"
tar -cf "$TMPDIR/bad-archive.tar" -C "$TMPDIR/good" .
tar -rPf "$TMPDIR/bad-archive.tar" -C "$src" \
	--transform "s,^payload,../../../../../../../..$TMPDIR/escaped," payload
run --image "$TMPDIR/bad-archive.tar"
expect_rc 1 "escaping archive member"
expect_err_line "image '$TMPDIR/bad-archive.tar': entry '.*' leaves the image root; refused"
[ ! -e "$TMPDIR/escaped" ] || fail "archive member escaped"
left=$(ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
[ -z "$left" ] || fail "left $left"

# the good one still scans
run --image "$TMPDIR/good"
expect_scanned "base image"
exit 0
