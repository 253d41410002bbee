# gzip'd layers are inflated by ISA-L (docs/images.md, "What happens"),
# and by libarchive (zlib) whenever ISA-L cannot do it alone: the results,
# the evidence and the error lines are libarchive's in every case.  For
# each form of a gzip'd layer -- one member, two members, data after the
# member, a wrong CRC, truncated, damaged half-way -- the scan with ISA-L
# (the default) and with STIGCHECK_IMAGE_INFLATE=libarchive give the same
# exit status, rule results, evidence and messages, and the timing lines
# say which decompressor did the work (ISA-L alone only for one clean
# member).  One clean member also gives the results of the same layer
# uncompressed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root (the fixture tree holds other users' files)"
command -v gzip >/dev/null || skip "needs gzip"

root=$TMPDIR/root
busybox_root "$root"
# more than a few 64 KiB blocks, so that a stop half-way has delivered data
head -c 3000000 /dev/urandom >"$root/opt/keep/big"
seq 1 200000 >"$root/opt/keep/log"
make_layer "$root" "$TMPDIR/l1.tar"
tar=$TMPDIR/l1.tar
size=$(stat -c %s "$tar")

# oci OUT BLOB [MEDIATYPE]: an OCI layout of one layer, BLOB, whose
# uncompressed form is $tar
oci() {
	mkdir -p "$1/blobs/sha256"
	printf '{"imageLayoutVersion":"1.0.0"}' >"$1/oci-layout"
	_h=$(sha "$2")
	cp "$2" "$1/blobs/sha256/$_h"
	image_config "$tar" >"$1/cfg"
	_ch=$(sha "$1/cfg")
	mv "$1/cfg" "$1/blobs/sha256/$_ch"
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"%s","digest":"sha256:%s","size":%s}]}' \
		"$_ch" "$(stat -c %s "$1/blobs/sha256/$_ch")" \
		"${3:-application/vnd.oci.image.layer.v1.tar+gzip}" "$_h" \
		"$(stat -c %s "$2")" >"$1/m"
	_mh=$(sha "$1/m")
	printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s}]}' \
		"$_mh" "$(stat -c %s "$1/m")" >"$1/index.json"
	mv "$1/m" "$1/blobs/sha256/$_mh"
}

# the forms of the layer
b=$TMPDIR/blobs
mkdir "$b"
gzip -n -c "$tar" >"$b/one"
half=$((size / 2))
head -c "$half" "$tar" | gzip -n -c >"$b/two"
tail -c +$((half + 1)) "$tar" | gzip -n -c >>"$b/two"
cp "$b/one" "$b/trail"
printf 'trailing data, not gzip\n' >>"$b/trail"
glen=$(stat -c %s "$b/one")
cp "$b/one" "$b/crc"
# the CRC-32 is the trailer's first 4 bytes: flip its first byte
printf '%s' "$(od -An -tx1 -j $((glen - 8)) -N1 "$b/one" | tr -d ' ')" >"$TMPDIR/c"
[ "$(cat "$TMPDIR/c")" = 00 ] && v='\377' || v='\000'
printf "$v" | dd of="$b/crc" bs=1 seek=$((glen - 8)) conv=notrunc 2>/dev/null
head -c $((glen - 1000)) "$b/one" >"$b/trunc"
cp "$b/one" "$b/damage"
head -c 4096 /dev/zero | tr '\0' '\377' |
	dd of="$b/damage" bs=1 seek=$((glen * 6 / 10)) conv=notrunc 2>/dev/null
cmp -s "$b/one" "$b/crc" && fail "the CRC was not changed (test broken)"

# scan NAME [ENV=VALUE]: scan the layout of form NAME; $TMPDIR/NAME-WHO.*
scan() {
	_who=${2:+lib}
	_who=${_who:-isal}
	env STIGCHECK_IMAGE_TIMING=1 ${2:-} $SC --image "$TMPDIR/$1" \
		--results "$TMPDIR/$1-$_who.xml" --json "$TMPDIR/$1-$_who.json" \
		"$TARGETS_XCCDF" >"$TMPDIR/out" 2>"$TMPDIR/err.raw" && rc=0 || rc=$?
	[ "$rc" != 99 ] || { cat "$TMPDIR/err.raw"; fail "$1: valgrind found errors"; }
	grep -v -e '^--[0-9]*--' -e '^==[0-9]*==' "$TMPDIR/err.raw" >"$TMPDIR/$1-$_who.timing" || true
	grep -v 'image timing' "$TMPDIR/$1-$_who.timing" >"$TMPDIR/$1-$_who.err" || true
	echo "$rc" >"$TMPDIR/$1-$_who.rc"
	if [ "$rc" = 0 ] || [ "$rc" = 2 ]; then
		rule_results "$TMPDIR/$1-$_who.xml" >"$TMPDIR/$1-$_who.rules"
		grep -v -e '"start' -e '"end' -e '"time' -e '_time' \
			"$TMPDIR/$1-$_who.json" >"$TMPDIR/$1-$_who.ev"
	else
		: >"$TMPDIR/$1-$_who.rules"
		: >"$TMPDIR/$1-$_who.ev"
	fi
}

# the reference, named as the forms are (the name is in the evidence)
mkdir "$TMPDIR/plain"
oci "$TMPDIR/plain/one" "$tar" application/vnd.oci.image.layer.v1.tar
scan plain/one
for form in one two trail crc trunc damage; do
	oci "$TMPDIR/$form" "$b/$form"
	scan "$form"
	scan "$form" STIGCHECK_IMAGE_INFLATE=libarchive
	for part in rc rules ev err; do
		diff "$TMPDIR/$form-lib.$part" "$TMPDIR/$form-isal.$part" ||
			fail "$form: the $part differ between ISA-L and libarchive"
	done
	! grep -q 'inflated by' "$TMPDIR/$form-lib.timing" ||
		fail "$form: STIGCHECK_IMAGE_INFLATE=libarchive still used ISA-L"
	if [ "$form" = one ]; then
		grep -q '^stigcheck: image timing: layer 1 inflated by ISA-L$' "$TMPDIR/$form-isal.timing" ||
			{ cat "$TMPDIR/$form-isal.timing"; fail "one: ISA-L did not inflate the layer"; }
	else
		grep -q '^stigcheck: image timing: layer 1 inflated by libarchive (ISA-L stopped after [0-9]* bytes)$' \
			"$TMPDIR/$form-isal.timing" ||
			{ cat "$TMPDIR/$form-isal.timing"; fail "$form: libarchive did not take over from ISA-L"; }
	fi
	echo "t4280: $form: exit $(cat "$TMPDIR/$form-isal.rc"), $(wc -l <"$TMPDIR/$form-isal.rules") result lines; $(cat "$TMPDIR/$form-isal.err" | head -n 1)"
done
# ISA-L stopped half-way, not at the start, where the data is damaged
grep -q 'stopped after [1-9][0-9]* bytes' "$TMPDIR/damage-isal.timing" ||
	{ cat "$TMPDIR/damage-isal.timing"; fail "damage: ISA-L delivered nothing before the damage (test broken)"; }

# one clean member: the uncompressed layer's results and evidence
[ "$(cat "$TMPDIR/one-isal.rc")" = "$(cat "$TMPDIR/plain/one-isal.rc")" ] ||
	fail "one: exit status differs from the uncompressed layer's"
diff "$TMPDIR/plain/one-isal.rules" "$TMPDIR/one-isal.rules" ||
	fail "one: results differ from the uncompressed layer's"
# the image's facts name the blobs (other digests); the path its directory
grep -v -e 'fact:image:' "$TMPDIR/plain/one-isal.ev" |
	sed "s|$TMPDIR/plain/one|$TMPDIR/one|g" >"$TMPDIR/p.ev"
grep -v -e 'fact:image:' "$TMPDIR/one-isal.ev" >"$TMPDIR/o.ev"
diff "$TMPDIR/p.ev" "$TMPDIR/o.ev" || fail "one: evidence differs from the uncompressed layer's"
grep -q ' pass$' "$TMPDIR/one-isal.rules" && grep -q ' fail$' "$TMPDIR/one-isal.rules" ||
	{ cat "$TMPDIR/one-isal.rules"; fail "no pass and fail results"; }
# a damaged or truncated layer is refused with one line
for form in trunc damage; do
	[ "$(cat "$TMPDIR/$form-isal.rc")" = 1 ] || fail "$form: exit status $(cat "$TMPDIR/$form-isal.rc"), expected 1"
	[ "$(wc -l <"$TMPDIR/$form-isal.err")" = 1 ] || { cat "$TMPDIR/$form-isal.err"; fail "$form: not one error line"; }
done
exit 0
