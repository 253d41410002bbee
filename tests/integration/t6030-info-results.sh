# `stigcheck info` on XCCDF results, an ARF and an evidence directory
# prints the target, time, profile, counts and provenance (instead of
# refusing); content still gets the content description; a directory
# that is not evidence is one error line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
ev=$TMPDIR/ev
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig --evidence "$ev" -q
expect_rc 2 "scan"
r=$ev/results.xml
fails=$(xcount "$r" "//*[local-name()='rule-result'][*[local-name()='result']='fail']")
passes=$(xcount "$r" "//*[local-name()='rule-result'][*[local-name()='result']='pass']")
fact() { xmllint --xpath "string(//*[local-name()='fact'][@name='$1'])" "$r"; }
for f in "$r" "$ev/arf.xml" "$ev"; do
	run info "$f"
	expect_rc 0 "info $f"
	o=$TMPDIR/out
	grep -q "^Target: *demo-root (rootfs $root)" "$o" || { cat "$o"; fail "$f: no target"; }
	grep -q "^Profile: *xccdf_org.stigcheck_profile_stig" "$o" || fail "$f: no profile"
	grep -q "^Counts: .*pass $passes, fail $fails" "$o" || { grep Counts "$o"; fail "$f: counts are not pass $passes, fail $fails"; }
	grep -q "^Time: *20[0-9-]*T" "$o" || fail "$f: no time"
	grep -q "content sha256 *$(fact urn:stigcheck:fact:content:sha256)" "$o" || fail "$f: no content hash"
	grep -q "target read sha256 *$(fact urn:stigcheck:fact:target:read-sha256)" "$o" || fail "$f: no read digest"
	grep -q "scanner sha256 *[0-9a-f]\{64\}" "$o" || fail "$f: no scanner hash"
done
grep -q "^Evidence: .*not signed" "$TMPDIR/out" || fail "evidence line"
grep -q "assessment-results.json" "$TMPDIR/out" || fail "evidence files not listed"
# content is still content
run info
expect_rc 0 "info built-in"
grep -q "Benchmark" "$TMPDIR/out" || fail "info on content"
! grep -q "^Results:" "$TMPDIR/out" || fail "content described as results"
# a directory without a manifest
run info "$root"
expect_rc 1 "not evidence"; expect_err_line "is not an evidence directory"
echo ok
