# `stigcheck report`: bad input gives one clear line and exit status 1,
# never a partial output; scan-only options are refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
run --rootfs "$root" --results "$TMPDIR/r.xml" --results-arf "$TMPDIR/a.xml"
cp "$TMPDIR/out" "$TMPDIR/scan.out"
expect_rc 2 "scan"

run report
expect_rc 1 "no --from"; expect_err_line "report needs --from FILE"
run report --from "$TMPDIR/missing.xml" --report "$TMPDIR/o.html"
expect_rc 1 "missing file"; expect_err_line "missing.xml"
[ ! -e "$TMPDIR/o.html" ] || fail "output written for a failed report"
printf '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="x">\n<oops>\n' >"$TMPDIR/bad.xml"
run report --from "$TMPDIR/bad.xml" --report "$TMPDIR/o.html"
expect_rc 1 "malformed"; expect_err_line "bad.xml:3: malformed XML"
run report --from "$BUILD/gen/stigcheck-gpos-xccdf.xml" --ckl "$TMPDIR/o.ckl"
expect_rc 1 "a benchmark without results"; expect_err_line "holds no TestResult"
xmllint --xpath "//*[local-name()='TestResult']" "$TMPDIR/r.xml" |
	sed '1s|<TestResult |<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2" |' >"$TMPDIR/bare.xml"
run report --from "$TMPDIR/bare.xml" --ckl "$TMPDIR/o.ckl"
expect_rc 1 "bare TestResult"; expect_err_line "bare TestResult has no Benchmark"
printf '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="x"/>\n' >"$TMPDIR/b11.xml"
run report --from "$TMPDIR/b11.xml"
expect_rc 1 "XCCDF 1.1"; expect_err_line "XCCDF 1.1 results are not supported"
printf '<html/>\n' >"$TMPDIR/h.xml"
run report --from "$TMPDIR/h.xml"
expect_rc 1 "not results"; expect_err_line "root element <html>"
sed 's|<result>pass</result>|<result>bogus</result>|' "$TMPDIR/r.xml" >"$TMPDIR/bogus.xml"
run report --from "$TMPDIR/bogus.xml" --cklb "$TMPDIR/o.cklb"
expect_rc 1 "unknown result"; expect_err_line "unknown result 'bogus'"
[ ! -e "$TMPDIR/o.cklb" ] || fail "output written for a failed report"
# an ARF without its TestResult report
sed '/<arf:reports>/,/<\/arf:reports>/d' "$TMPDIR/a.xml" >"$TMPDIR/noreport.xml"
run report --from "$TMPDIR/noreport.xml"
expect_rc 1 "ARF without TestResult"; expect_err_line "holds no XCCDF 1.2 TestResult"

run report --from "$TMPDIR/r.xml" --rootfs "$root"
expect_rc 1 "scan option"; expect_err_line "^stigcheck: --rootfs does not apply to 'stigcheck report'"
run report --from "$TMPDIR/r.xml" --profile x
expect_rc 1 "scan option"; expect_err_line "^stigcheck: --profile does not apply to"
run report --from "$TMPDIR/r.xml" "$CHAINGUARD_DS"
expect_rc 1 "content argument"; expect_err_line "is not for 'stigcheck report'"
run report --from "$TMPDIR/r.xml" --report "$TMPDIR/no/such/dir/o.html"
expect_rc 1 "unwritable output"; expect_err_line "cannot write '$TMPDIR/no/such/dir/o.html'"

# an output that cannot be written leaves an existing file alone
echo keep >"$TMPDIR/keep.ckl"
chmod 0555 "$TMPDIR" 2>/dev/null
if [ "$(id -u)" != 0 ]; then
	run report --from "$TMPDIR/r.xml" --ckl "$TMPDIR/keep.ckl"
	expect_rc 1 "read-only directory"
	[ "$(cat "$TMPDIR/keep.ckl")" = keep ] || fail "existing output changed"
fi
chmod 0755 "$TMPDIR"
# success: quiet console, exit status as the scan's
run report --from "$TMPDIR/r.xml" -q
expect_rc 2 "report of results with failures"
# the same totals as the scan printed (-q: the first line; failing rule ids follow)
scan_totals=$(grep "^pass " "$TMPDIR/scan.out" | tail -n 1)
[ "$(head -n 1 "$TMPDIR/out")" = "$scan_totals" ] || { cat "$TMPDIR/out"; fail "console totals differ from the scan's: $scan_totals"; }
exit 0
