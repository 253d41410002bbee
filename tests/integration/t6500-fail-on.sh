# CI gates: --fail-on exits 0 when the only failures are below the level
# and 2 when one is at it; errors count unless --errors-ok and are always
# reported on stderr with their count; -q lists the failing rules after
# the totals.  Real rules of the built-in benchmark on the basic root.
. "$(dirname "$0")/lib.sh"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
chmod 0644 "$root/etc/shadow"
P="--profile xccdf_org.stigcheck_profile_stig"
R=xccdf_org.stigcheck_rule_
# two medium rules that fail on this root, one high one
MED="--rule ${R}etc_shadow_permissions --rule ${R}fips_module_authentication"
HIGH="--rule ${R}fips_nsa_approved_crypto"

run --rootfs "$root" $P $MED --results "$TMPDIR/med.xml"
expect_rc 2 "medium failures, no --fail-on"
[ "$(xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='fail'])" "$TMPDIR/med.xml")" = 2 ] || fail "expected two failures"
for r in etc_shadow_permissions fips_module_authentication; do
	[ "$(xmllint --xpath "string(//*[local-name()='Rule'][@id='$R$r']/@severity)" "$TMPDIR/med.xml")" = medium ] || fail "$r is not medium"
done
[ "$(xmllint --xpath "string(//*[local-name()='Rule'][@id='${R}fips_nsa_approved_crypto']/@severity)" "$TMPDIR/med.xml")" = high ] || fail "fips_nsa_approved_crypto is not high"
run --rootfs "$root" $P $MED --fail-on high
expect_rc 0 "--fail-on high, only medium failures"
[ ! -s "$TMPDIR/err" ] || { cat "$TMPDIR/err"; fail "stderr not empty"; }
run --rootfs "$root" $P $MED --fail-on medium
expect_rc 2 "--fail-on medium, medium failures"
run --rootfs "$root" $P $MED --fail-on low
expect_rc 2 "--fail-on low, medium failures"
run --rootfs "$root" $P $MED $HIGH --fail-on high
expect_rc 2 "--fail-on high, a high failure"
chmod 0640 "$root/etc/shadow"
run --rootfs "$root" $P --rule ${R}etc_shadow_permissions --fail-on low
expect_rc 0 "nothing fails"

# -q: the totals, then exactly the failing rules' ids
run --rootfs "$root" $P -q --results "$TMPDIR/all.xml"
expect_rc 2 "the full profile fails rules"
xmllint --xpath "//*[local-name()='rule-result'][*[local-name()='result']='fail']/@idref" "$TMPDIR/all.xml" |
	sed 's/.*idref="\([^"]*\)"/\1/' >"$TMPDIR/want"
tail -n +2 "$TMPDIR/out" >"$TMPDIR/got"
[ -s "$TMPDIR/want" ] || fail "no failing rule in the results"
cmp -s "$TMPDIR/want" "$TMPDIR/got" || { diff "$TMPDIR/want" "$TMPDIR/got"; fail "-q: failing rule ids differ from the XCCDF"; }
head -1 "$TMPDIR/out" | grep -q "^pass [0-9]*, fail $(wc -l <"$TMPDIR/want")," || fail "-q: totals line: $(head -1 "$TMPDIR/out")"

# rules that cannot be evaluated: /etc/shadow is a FIFO
rm "$root/etc/shadow"; mkfifo "$root/etc/shadow"
run --rootfs "$root" $P --results "$TMPDIR/err.xml"
expect_rc 2 "errors and failures"
nerr=$(xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='error'])" "$TMPDIR/err.xml")
[ "$nerr" -gt 1 ] || fail "expected rules in error, got $nerr"
expect_err_line "^stigcheck: $nerr rules could not be evaluated (result error)"
# one rule that errors: counts unless --errors-ok, and is said either way
E="--rule ${R}temporary_accounts_expire"
run --rootfs "$root" $P $E --results "$TMPDIR/e1.xml"
[ "$(result_of "$TMPDIR/e1.xml" temporary_accounts_expire)" = error ] || fail "temporary_accounts_expire is not error"
expect_rc 2 "an error counts"
expect_err_line "^stigcheck: 1 rule could not be evaluated"
run --rootfs "$root" $P $E --errors-ok
expect_rc 0 "--errors-ok"
expect_err_line "^stigcheck: 1 rule could not be evaluated"
run --rootfs "$root" $P $E --fail-on medium
expect_rc 2 "an error of a medium rule counts with --fail-on medium"
run --rootfs "$root" $P $E --fail-on high
expect_rc 0 "an error of a medium rule is below --fail-on high"
# report --from applies the same gates
run report --from "$TMPDIR/med.xml" --fail-on high
expect_rc 0 "report --fail-on high"
run report --from "$TMPDIR/med.xml"
expect_rc 2 "report without a gate"

# bad words
run --rootfs "$root" --fail-on critical
expect_rc 1 "bad --fail-on"
expect_err_line "fail-on must be high, medium or low"
run --rootfs "$root" --fail-on high --fail-on low
expect_rc 1 "--fail-on twice"
expect_err_line "given twice"
exit 0
