# --history DIR --keep N: each run's XCCDF results kept as
# DIR/TARGET.TIME.xml (readable by diff and report), the oldest beyond N
# removed, other files and other targets' files left alone; DIR is
# created when missing and checked before the scan.
. "$(dirname "$0")/lib.sh"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
h=$TMPDIR/hist
P="--profile xccdf_org.stigcheck_profile_stig"
pat='^demo-root\.[0-9]\{8\}T[0-9]\{6\}Z\(~[0-9][0-9]\)\?\.xml$'
n_ours() { ls "$h" | grep -c "$pat" || true; }

run --rootfs "$root" $P --history "$h" --keep 3 -q
expect_scanned "first"
[ "$(n_ours)" = 1 ] || fail "history: $(ls "$h")"
f1=$(ls "$h" | grep "$pat")
validate_xccdf "$h/$f1"
mkdir -p "$h/keep.d"; echo other >"$h/notes.txt"; echo x >"$h/other-target.20000101T000000Z.xml"
for i in 2 3 4 5; do
	run --rootfs "$root" $P --history "$h" --keep 3 -q
	expect_scanned "run $i"
done
[ "$(n_ours)" = 3 ] || fail "--keep 3 kept $(n_ours): $(ls "$h")"
[ -f "$h/notes.txt" ] && [ -d "$h/keep.d" ] && [ -f "$h/other-target.20000101T000000Z.xml" ] || fail "pruning touched other files"
[ ! -e "$h/$f1" ] || fail "the oldest run was not removed"
# names sort in run order; the newest is the last run
ls "$h" | grep "$pat" >"$TMPDIR/names"
sort -c "$TMPDIR/names" || fail "names do not sort"
# the history diffs: the same root twice is no change, chmod is a regression
chmod 0644 "$root/etc/shadow"
run --rootfs "$root" $P --history "$h" --keep 3 -q
last2=$(ls "$h" | grep "$pat" | tail -2)
# shellcheck disable=SC2086
run diff $(echo "$last2" | sed "s|^|$h/|")
expect_rc 2 "chmod between the last two history runs"
grep -q "^regressed 1, fixed 0" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "history diff"; }
# no temp files, --keep alone, bad values, unusable DIR
[ -z "$(ls -A "$h" | grep '^\.')" ] || fail "temp files left: $(ls -A "$h")"
run --rootfs "$root" --keep 3
expect_rc 1 "--keep without --history"
expect_err_line "needs --history"
run --rootfs "$root" --history "$h" --keep many
expect_rc 1 "bad --keep"
expect_err_line "keep needs a number"
run --rootfs "$root" --history "$h/notes.txt"
expect_rc 1 "history is a file"
expect_err_line "not a directory"
run --rootfs "$root" --history "$TMPDIR/no/such/dir" --results "$TMPDIR/r.xml"
expect_rc 1 "history parent missing"
[ ! -e "$TMPDIR/r.xml" ] || fail "an output was written although --history failed"
exit 0
