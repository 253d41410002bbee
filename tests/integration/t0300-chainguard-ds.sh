# The Chainguard SCAP 1.3 data stream loads; its 107 host-inherited rules
# come out notapplicable; the results validate and OpenSCAP reads them.
. "$(dirname "$0")/lib.sh"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"

run info "$CHAINGUARD_DS"
expect_rc 0 "info"
grep -q "Benchmark: xccdf_org.open-scap.sce-community-content_benchmark_all" "$TMPDIR/out" || fail "info: benchmark id"
grep -q "Version: 3.2.16" "$TMPDIR/out" || fail "info: version"
grep -q "xccdf_basic_profile_.check" "$TMPDIR/out" || fail "info: profile"
grep -q "Rules: 198 in 10 groups" "$TMPDIR/out" || fail "info: counts"
grep -q "http://oval.mitre.org/XMLSchema/oval-definitions-5" "$TMPDIR/out" || fail "info: check systems"

run --rootfs "$root" --profile xccdf_basic_profile_.check --results "$TMPDIR/r.xml" "$CHAINGUARD_DS"
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "exit $rc: $(cat "$TMPDIR/err")"
validate_xccdf "$TMPDIR/r.xml"
na=$(xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='notapplicable'])" "$TMPDIR/r.xml")
[ "$na" = 107 ] || fail "$na notapplicable, expected 107"
total=$(xmllint --xpath "count(//*[local-name()='rule-result'])" "$TMPDIR/r.xml")
[ "$total" = 198 ] || fail "$total rule-results, expected 198"
# the ASLR script rules are never run
[ "$(result_of "$TMPDIR/r.xml" SV-203754r958928_rule)" = notchecked ] || fail "SCE rule not notchecked"
# every notapplicable rule says why
nomsg=$(xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='notapplicable'][not(*[local-name()='message'])])" "$TMPDIR/r.xml")
[ "$nomsg" = 0 ] || fail "$nomsg notapplicable results without a message"

if command -v oscap >/dev/null; then
	oscap xccdf validate --skip-schematron "$TMPDIR/r.xml" >"$TMPDIR/v" 2>&1 || { cat "$TMPDIR/v"; fail "oscap validate"; }
	oscap info "$TMPDIR/r.xml" >"$TMPDIR/i" 2>&1 || { cat "$TMPDIR/i"; fail "oscap info"; }
	grep -q "xccdf_org.stigcheck_testresult_xccdf_basic_profile_.check" "$TMPDIR/i" || fail "oscap info: no TestResult"
	oscap xccdf generate report "$TMPDIR/r.xml" >"$TMPDIR/report.html" 2>"$TMPDIR/g" || { cat "$TMPDIR/g"; fail "oscap generate report"; }
	grep -q "notapplicable" "$TMPDIR/report.html" || fail "report lacks results"
else
	echo "oscap not installed: OpenSCAP acceptance checks not run" >&2
fi
exit 0
