# --reviews FILE (YAML): a waiver of a failing rule and a review of a
# notchecked (manual) rule become XCCDF 1.2 <override>s (the results still
# validate against the schema), the exit status and --fail-on follow the
# final results, the console counts overridden rules; an expired entry and
# one naming no rule are not applied, one stderr line each and a target
# fact; JSON carries the override (ajv, the results schema); the HTML shows
# both results and the reason; `stigcheck diff` sees no regression when
# only the evaluated result under a waiver is there.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
R=xccdf_org.stigcheck_rule_
sel="--rule ${R}etc_shadow_permissions --rule ${R}superseded_software_removed --rule ${R}cleartext_login_tools_absent"
cat >"$TMPDIR/rv.yaml" <<YAML
reviews:
  - rule: ${R}etc_shadow_permissions    # a waiver
    result: pass
    reason: "Compensating control: the file is replaced at start-up by a secret mount"
    by: J. Smith, ISSO
    date: 2026-12-01
    expires: 2099-06-01
  - rule: V-203755                      # superseded_software_removed, by its V-id
    result: pass
    reason: The image is rebuilt from scratch on every update
    by: A. Reviewer
    date: 2026-12-02
  - rule: ${R}cleartext_login_tools_absent
    result: fail
    reason: telnet in /opt
    by: A. Reviewer
    date: 2020-01-01
    expires: 2020-02-01
  - rule: ${R}no_such_rule
    result: pass
    reason: typo
    by: A. Reviewer
    date: 2026-12-02
YAML

# without reviews: the shadow rule fails, exit 2
run --rootfs "$root" $sel --results "$TMPDIR/plain.xml"
expect_rc 2 "scan without reviews"

run --rootfs "$root" $sel --reviews "$TMPDIR/rv.yaml" --results "$TMPDIR/r.xml" \
	--json "$TMPDIR/r.json" --report "$TMPDIR/r.html"
expect_rc 0 "the only failing rule is waived"
[ "$(wc -l <"$TMPDIR/err")" = 2 ] || { cat "$TMPDIR/err"; fail "expected 2 stderr lines"; }
grep -q "rv.yaml:13: review of '${R}cleartext_login_tools_absent' not applied: it expired on 2020-02-01" "$TMPDIR/err" || { cat "$TMPDIR/err"; fail "no expired line"; }
grep -q "rv.yaml:19: review of '${R}no_such_rule' not applied: no rule of the benchmark has this id" "$TMPDIR/err" || { cat "$TMPDIR/err"; fail "no unknown-rule line"; }
grep -q '^pass 2, fail 0, error 0, notchecked 1, notselected [0-9]*, 2 overridden;' "$TMPDIR/out" || { tail -3 "$TMPDIR/out"; fail "console totals"; }
grep -q "Waived by J. Smith, ISSO on 2026-12-01 (evaluated fail; expires 2099-06-01): Compensating control" "$TMPDIR/out" || fail "console lacks the waiver line"

validate_xccdf "$TMPDIR/r.xml"
[ "$(result_of "$TMPDIR/r.xml" etc_shadow_permissions)" = pass ] || fail "waived rule is not pass"
[ "$(result_of "$TMPDIR/r.xml" superseded_software_removed)" = pass ] || fail "reviewed rule is not pass"
[ "$(result_of "$TMPDIR/r.xml" cleartext_login_tools_absent)" = notchecked ] || fail "the expired review was applied"
ov="//*[local-name()='rule-result'][@idref='${R}etc_shadow_permissions']/*[local-name()='override']"
[ "$(xmllint --xpath "string($ov/*[local-name()='old-result'])" "$TMPDIR/r.xml")" = fail ] || fail "override old-result"
[ "$(xmllint --xpath "string($ov/*[local-name()='new-result'])" "$TMPDIR/r.xml")" = pass ] || fail "override new-result"
[ "$(xmllint --xpath "string($ov/@authority)" "$TMPDIR/r.xml")" = "J. Smith, ISSO" ] || fail "override authority"
[ "$(xmllint --xpath "string($ov/@time)" "$TMPDIR/r.xml")" = "2026-12-01T00:00:00+00:00" ] || fail "override time"
ov2="//*[local-name()='rule-result'][@idref='${R}superseded_software_removed']/*[local-name()='override']"
[ "$(xmllint --xpath "string($ov2/*[local-name()='old-result'])" "$TMPDIR/r.xml")" = notchecked ] || fail "review old-result"
[ "$(xcount "$TMPDIR/r.xml" "//*[local-name()='override']")" = 2 ] || fail "not exactly two overrides"
[ "$(xcount "$TMPDIR/r.xml" "//*[local-name()='fact'][@name='urn:stigcheck:fact:review:not-applied']")" = 2 ] || fail "not-applied facts"
sum=$(sha256sum "$TMPDIR/rv.yaml" | cut -d' ' -f1)
[ "$(xmllint --xpath "string(//*[local-name()='fact'][@name='urn:stigcheck:fact:reviews:sha256'])" "$TMPDIR/r.xml")" = "$sum" ] || fail "reviews SHA-256 fact"

# JSON: final result, the override, valid against the schema
npm_cached ajv-8.17.1 $AJV_PKGS
node "$HERE/oscal-validate.mjs" "$npm_dir" "$HERE/../schemas/stigcheck-results-1.schema.json" "$TMPDIR/r.json" >/dev/null || fail "JSON summary does not validate"
command -v jq >/dev/null 2>&1 || skip "jq is not installed (.ci/deps.sh installs it)"
jq -e ".rules[] | select(.id == \"${R}etc_shadow_permissions\") | .result == \"pass\" and .override.kind == \"waiver\" and .override.evaluated == \"fail\" and .override.expires == \"2099-06-01\"" "$TMPDIR/r.json" >/dev/null || fail "JSON override of the waiver"
jq -e ".rules[] | select(.id == \"${R}superseded_software_removed\") | .override.kind == \"review\"" "$TMPDIR/r.json" >/dev/null || fail "JSON override of the review"
jq -e '.open_findings.cat2 == 0' "$TMPDIR/r.json" >/dev/null || fail "a waived finding is counted open"

# HTML: both results and the reason
grep -q 'Waiver (accepted risk)' "$TMPDIR/r.html" || fail "HTML lacks the waiver"
grep -q 'Evaluated <b>fail</b>, final result <b>pass</b>, by J. Smith, ISSO on 2026-12-01' "$TMPDIR/r.html" || fail "HTML lacks both results"
grep -q 'Compensating control: the file is replaced' "$TMPDIR/r.html" || fail "HTML lacks the reason"

# --fail-on medium: no medium or high rule fails once the waiver applies
run --rootfs "$root" $sel --reviews "$TMPDIR/rv.yaml" --fail-on medium -q
expect_rc 0 "--fail-on follows the final results"

# diff: waived vs plain is a fix; waived vs waived changes nothing
run diff "$TMPDIR/plain.xml" "$TMPDIR/r.xml"
expect_rc 0 "plain -> waived"
grep -q 'fixed' "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "diff does not show the fix"; }
run --rootfs "$root" $sel --reviews "$TMPDIR/rv.yaml" --results "$TMPDIR/r2.xml" -q
run diff "$TMPDIR/r.xml" "$TMPDIR/r2.xml" --json "$TMPDIR/d.json"
expect_rc 0 "waived -> waived"
jq -e '.regressed == false' "$TMPDIR/d.json" >/dev/null || fail "diff reports a regression"
run diff "$TMPDIR/r.xml" "$TMPDIR/plain.xml"
expect_rc 2 "the waiver is gone: a regression"
exit 0
