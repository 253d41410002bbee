# Outputs are checked before the scan and written all or none: an output
# whose directory is missing, or that is a directory, exits 1 at once and
# leaves no other output behind; two spellings of one file, or an output
# over the --from input, exit 1; existing outputs survive a failed run.
. "$(dirname "$0")/lib.sh"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
o=$TMPDIR/o; mkdir -p "$o" "$o/adir"
P="--profile xccdf_org.stigcheck_profile_stig"
nothing_left() { [ -z "$(ls -A "$o" | grep -v '^adir$')" ] || fail "left behind: $(ls -A "$o")"; }

# the second output cannot be written: nothing is, and no scan happened
run --rootfs "$root" $P --results "$o/r.xml" --json "$o/missing/r.json"
expect_rc 1 "json directory missing"
expect_err_line "missing/r.json"
nothing_left
run --rootfs "$root" $P --results "$o/r.xml" --sarif "$o/adir"
expect_rc 1 "sarif is a directory"
expect_err_line "is a directory"
nothing_left
run --rootfs "$root" $P --results "$o/r.xml" --junit "$o/adir/"
expect_rc 1 "junit names a directory"
nothing_left
# checked before the target is opened: the output error wins over a missing target
run --rootfs "$TMPDIR/no-such-root" --results "$o/r.xml" --json "$o/missing/r.json"
expect_rc 1 "both bad"
expect_err_line "missing/r.json"
# a read-only file system (when one is at hand)
if [ -d /proc/self ] && ! touch /proc/stigcheck-probe 2>/dev/null; then
	run --rootfs "$root" $P --results "$o/r.xml" --json /proc/r.json
	expect_rc 1 "read-only directory"
	expect_err_line "/proc/r.json"
	nothing_left
fi
# standard output is the console's
run --rootfs "$root" $P --results "$o/r.xml" --sarif -
expect_rc 1 "--sarif -"
expect_err_line "standard output"
nothing_left
# one file given twice, spelled differently; an output over the input
run --rootfs "$root" $P --results "$o/r.xml" --json "$o/./r.xml"
expect_rc 1 "same file twice"
expect_err_line "name the same file"
run --rootfs "$root" $P --results "$o/r.xml" --json "$o/adir/../r.xml"
expect_rc 1 "same file through .."
expect_err_line "name the same file"
nothing_left
run --rootfs "$root" $P --results "$o/r.xml" --json "$o/r.json"
expect_scanned "a good run"
[ -s "$o/r.xml" ] && [ -s "$o/r.json" ] || fail "outputs not written"
cp "$o/r.xml" "$TMPDIR/keep.xml"
cd "$o"
run report --from r.xml --results "$o/r.xml"
expect_rc 1 "output over --from"
expect_err_line "would overwrite the input"
run report --from ./r.xml --json r.json --results "$o/adir/../r.xml"
expect_rc 1 "output over --from, other spelling"
expect_err_line "would overwrite the input"
cd "$TMPDIR"
cmp -s "$o/r.xml" "$TMPDIR/keep.xml" || fail "the input was changed"
# a failed run leaves the earlier outputs as they were, and no temp file
cp "$o/r.json" "$TMPDIR/keep.json"
run --rootfs "$root" $P --results "$o/r.xml" --json "$o/r.json" --junit "$o/missing/j.xml"
expect_rc 1 "third output bad"
cmp -s "$o/r.xml" "$TMPDIR/keep.xml" && cmp -s "$o/r.json" "$TMPDIR/keep.json" || fail "earlier outputs changed"
[ "$(ls -A "$o" | sort | tr '\n' ' ')" = "adir r.json r.xml " ] || fail "files left: $(ls -A "$o")"
exit 0
