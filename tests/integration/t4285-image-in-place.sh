# An uncompressed image archive file is read in place, not staged
# (docs/images.md, "What happens"), and gives what the staged archive
# gives: the same exit status, rule results, evidence and error line as
# the same bytes on standard input (a pipe, always staged).  Archives that
# are not plain (compressed, with a symbolic or hard link, a name given
# twice) are staged at once; an archive read in place that then fails (a
# missing layer, a damaged layer) is staged and read again, and says what
# the staged archive says.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root (the fixture tree holds other users' files)"

root=$TMPDIR/root
busybox_root "$root"
head -c 300000 /dev/urandom >"$root/opt/keep/big"
l2=$TMPDIR/l2
mkdir -p "$l2/opt/keep"
: >"$l2/opt/keep/.wh.big"
echo two >"$l2/opt/keep/second"
make_layer "$root" "$TMPDIR/l1.tar"
make_layer "$l2" "$TMPDIR/l2.tar"
a=$TMPDIR/arc
mkdir "$a"
make_docker_archive "$a/plain" "$TMPDIR/l1.tar" "$TMPDIR/l2.tar"
mkdir "$TMPDIR/oci"
make_oci "$TMPDIR/oci/o" gzip "$TMPDIR/l1.tar" "$TMPDIR/l2.tar"
tar -cf "$a/ociarchive" -C "$TMPDIR/oci/o" .

# the members of the plain archive, to build the others from
x=$TMPDIR/x
mkdir "$x"
tar -xf "$a/plain" -C "$x"
layer1=$(sed 's/.*"Layers":\["\([^"]*\)".*/\1/' "$x/manifest.json")
gzip -n -c "$a/plain" >"$a/gzip"
# a symbolic link for a layer, as docker save writes for a repeated one
cp -a "$x" "$TMPDIR/xs"
mv "$TMPDIR/xs/$layer1" "$TMPDIR/xs/real.tar"
ln -s ../real.tar "$TMPDIR/xs/$layer1"
tar -cf "$a/symlink" -C "$TMPDIR/xs" .
# a hard link
cp -a "$x" "$TMPDIR/xh"
ln "$TMPDIR/xh/$layer1" "$TMPDIR/xh/copy.tar"
tar -cf "$a/hardlink" -C "$TMPDIR/xh" .
# a name given twice (the second wins when staged)
cp "$a/plain" "$a/twice"
mkdir "$TMPDIR/xt"
sed 's|stigcheck/test:2|stigcheck/twice:1|' "$x/manifest.json" >"$TMPDIR/xt/manifest.json"
tar -rf "$a/twice" -C "$TMPDIR/xt" ./manifest.json
# a manifest naming a layer the archive does not hold
cp -a "$x" "$TMPDIR/xm"
sed -i 's|"Layers":\["[^"]*"|"Layers":["nosuch/layer.tar"|' "$TMPDIR/xm/manifest.json"
tar -cf "$a/missing" -C "$TMPDIR/xm" .
# a layer damaged in the middle: it does not match its diff_id
cp -a "$x" "$TMPDIR/xd"
printf 'XXXXXXXX' | dd of="$TMPDIR/xd/$layer1" bs=1 seek=100000 conv=notrunc 2>/dev/null
tar -cf "$a/damaged" -C "$TMPDIR/xd" .

# scan FORM HOW: HOW is "file" or "pipe"; $TMPDIR/FORM-HOW.*
scan() {
	_out=$TMPDIR/$1-$2
	if [ "$2" = file ]; then _arg=$a/$1; else _arg=-; fi
	# through cat: a pipe (a redirected file would be a file again)
	cat "$a/$1" | env STIGCHECK_IMAGE_TIMING=1 $SC --image "$_arg" \
		--results "$_out.xml" --json "$_out.json" "$TARGETS_XCCDF" \
		>"$TMPDIR/out" 2>"$TMPDIR/err.raw" && rc=0 || rc=$?
	[ "$rc" != 99 ] || { cat "$TMPDIR/err.raw"; fail "$1 $2: valgrind found errors"; }
	grep -v -e '^--[0-9]*--' -e '^==[0-9]*==' "$TMPDIR/err.raw" >"$_out.timing" || true
	# the image as named: the path, or "-" and "(standard input)"
	grep -v 'image timing' "$_out.timing" | sed -e "s|'$a/$1'|'IMG'|g" -e "s|'-'|'IMG'|g" >"$_out.err" || true
	echo "$rc" >"$_out.rc"
	if [ "$rc" = 0 ] || [ "$rc" = 2 ]; then
		rule_results "$_out.xml" >"$_out.rules"
		grep -v -e '"start' -e '"end' -e '"time' -e '_time' -e 'fact:target:path' "$_out.json" |
			sed -e "s|$a/$1|IMG|g" -e "s|(standard input)|IMG|g" >"$_out.ev"
	else
		: >"$_out.rules"
		: >"$_out.ev"
	fi
}

for form in plain ociarchive gzip symlink hardlink twice missing damaged; do
	scan "$form" file
	scan "$form" pipe
	for part in rc rules ev err; do
		diff "$TMPDIR/$form-pipe.$part" "$TMPDIR/$form-file.$part" ||
			fail "$form: the $part differ between the file and the pipe"
	done
	! grep -q 'indexing' "$TMPDIR/$form-pipe.timing" ||
		fail "$form: the pipe was read in place (test broken)"
	t=$TMPDIR/$form-file.timing
	case $form in
	plain | ociarchive)	# read in place, never staged
		grep -q '^stigcheck: image timing: indexing ' "$t" && ! grep -q 'staging' "$t" ||
			{ cat "$t"; fail "$form: not read in place"; } ;;
	missing | damaged)	# read in place, failed, staged and read again
		grep -q '^stigcheck: image timing: indexing ' "$t" &&
			grep -q '^stigcheck: image timing: reading in place failed, staging' "$t" ||
			{ cat "$t"; fail "$form: not staged after reading in place failed"; } ;;
	*)			# staged at once
		! grep -q 'indexing' "$t" && grep -q '^stigcheck: image timing: staging ' "$t" ||
			{ cat "$t"; fail "$form: not staged at once"; } ;;
	esac
	echo "t4285: $form: exit $(cat "$TMPDIR/$form-file.rc"), $(wc -l <"$TMPDIR/$form-file.rules") result lines; $(head -n 1 "$TMPDIR/$form-file.err")"
done
grep -q 'stigcheck/twice:1' "$TMPDIR/twice-file.ev" ||
	fail "twice: the second manifest.json did not win (test broken)"
# the fixture decided something, and the hostile ones were refused
grep -q ' pass$' "$TMPDIR/plain-file.rules" && grep -q ' fail$' "$TMPDIR/plain-file.rules" ||
	{ cat "$TMPDIR/plain-file.rules"; fail "no pass and fail results"; }
for form in missing damaged; do
	[ "$(cat "$TMPDIR/$form-file.rc")" = 1 ] && [ "$(wc -l <"$TMPDIR/$form-file.err")" = 1 ] ||
		{ cat "$TMPDIR/$form-file.err"; fail "$form: not refused with one line"; }
done
# the whiteout in layer 2 applied
grep -q 'opt/keep/big' "$TMPDIR/plain-file.ev" && fail "the whiteout of opt/keep/big was not applied" || true
exit 0
