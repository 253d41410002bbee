# --rule and --skip-rule select as oscap's do, on the Chainguard data
# stream: the same rules evaluated (the rest notselected), the same
# refusals (a --rule the profile does not select, a --rule also skipped);
# an unknown --skip-rule is refused (oscap ignores it).
. "$(dirname "$0")/lib.sh"
command -v oscap >/dev/null || skip "oscap is not installed (.ci/deps.sh installs openscap-scanner)"
[ -f "$CHAINGUARD_DS" ] || skip "no Chainguard data stream under $SHARED"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
P=xccdf_basic_profile_.check
R=xccdf_mil.disa.stig_rule_
A=${R}SV-203720r982212_rule
B=${R}SV-203629r982199_rule
evaluated() {
	xmllint --xpath "//*[local-name()='rule-result'][*[local-name()='result']!='notselected']/@idref" "$1" 2>/dev/null |
		sed 's/.*idref="\([^"]*\)"/\1/' | sort
}
# oscap evaluates the host (/), which is fine: we compare what is selected.
osc() { (cd "$TMPDIR" && oscap xccdf eval --profile $P "$@" "$CHAINGUARD_DS" >"$TMPDIR/osc.out" 2>&1) && echo 0 || echo $?; }

# two rules
orc=$(osc --rule $A --rule $B --results "$TMPDIR/o1.xml")
[ "$orc" = 0 ] || [ "$orc" = 2 ] || { cat "$TMPDIR/osc.out"; fail "oscap exit $orc"; }
run --rootfs "$root" --profile $P --rule $A --rule $B --results "$TMPDIR/s1.xml" "$CHAINGUARD_DS"
expect_scanned "two rules"
evaluated "$TMPDIR/o1.xml" >"$TMPDIR/o1"; evaluated "$TMPDIR/s1.xml" >"$TMPDIR/s1"
[ "$(wc -l <"$TMPDIR/o1")" = 2 ] || fail "oscap evaluated $(wc -l <"$TMPDIR/o1") rules"
cmp -s "$TMPDIR/o1" "$TMPDIR/s1" || { diff "$TMPDIR/o1" "$TMPDIR/s1"; fail "--rule: evaluated rules differ from oscap's"; }
# every rule of the benchmark is still listed (notselected), as oscap does
[ "$(xmllint --xpath "count(//*[local-name()='TestResult']/*[local-name()='rule-result'])" "$TMPDIR/s1.xml")" = \
  "$(xmllint --xpath "count(//*[local-name()='TestResult']/*[local-name()='rule-result'])" "$TMPDIR/o1.xml")" ] || fail "rule-result count differs from oscap's"

# two rules, one skipped: oscap refuses (the rule is no longer in the profile)
orc=$(osc --rule $A --rule $B --skip-rule $B --results "$TMPDIR/o2.xml")
[ "$orc" = 1 ] || fail "oscap exit $orc for --rule X --skip-rule X"
run --rootfs "$root" --profile $P --rule $A --rule $B --skip-rule $B "$CHAINGUARD_DS"
expect_rc 1 "--rule X --skip-rule X"
expect_err_line "not found in the selected profile"
# an unknown --rule
orc=$(osc --rule ${R}nosuch --results "$TMPDIR/o3.xml")
[ "$orc" = 1 ] || fail "oscap exit $orc for an unknown --rule"
run --rootfs "$root" --profile $P --rule ${R}nosuch "$CHAINGUARD_DS"
expect_rc 1 "unknown --rule"
expect_err_line "${R}nosuch"

# --skip-rule alone: every profile rule but the skipped one (our side
# only: oscap would evaluate the whole profile against the host)
run --rootfs "$root" --profile $P --results "$TMPDIR/all.xml" "$CHAINGUARD_DS"
expect_scanned "whole profile"
run --rootfs "$root" --profile $P --skip-rule $A --skip-rule $B --results "$TMPDIR/s4.xml" "$CHAINGUARD_DS"
expect_scanned "skip two"
evaluated "$TMPDIR/all.xml" | grep -v -x -e "$A" -e "$B" >"$TMPDIR/want"
evaluated "$TMPDIR/s4.xml" >"$TMPDIR/got"
[ "$(wc -l <"$TMPDIR/want")" -gt 10 ] || fail "too few rules in the profile"
cmp -s "$TMPDIR/want" "$TMPDIR/got" || { diff "$TMPDIR/want" "$TMPDIR/got" | head; fail "--skip-rule"; }
run --rootfs "$root" --profile $P --skip-rule ${R}nosuch "$CHAINGUARD_DS"
expect_rc 1 "unknown --skip-rule"
expect_err_line "no rule '${R}nosuch'"
exit 0
