# Reviews in the evidence package: with --reviews, assessment-results.json
# and poam.json validate against NIST's OSCAL 1.1.3 schemas (ajv); a waiver
# is a not-satisfied finding whose risk is deviation-approved (risk log,
# deadline = expiry) and the POA&M lists it as an approved deviation, never
# open; a review is an EXAMINE observation with the evaluated result; the
# manifest records the reviews file's SHA-256 and `stigcheck verify`
# accepts the directory.  `report --from results.xml --reviews` applies
# reviews to stored results the same way (and keeps earlier overrides).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v jq >/dev/null 2>&1 || skip "jq is not installed (.ci/deps.sh installs it)"
AR_SCHEMA=$SHARED/data/formats/oscal_assessment-results_schema-1.1.3.json
POAM_SCHEMA=$SHARED/data/formats/oscal_poam_schema-1.1.3.json
npm_cached ajv-8.17.1 $AJV_PKGS
oscal_valid() { node "$HERE/oscal-validate.mjs" "$npm_dir" "$1" "$2" >/dev/null || fail "$2 does not validate"; }
root=$TMPDIR/root
demo_root "$root"
R=xccdf_org.stigcheck_rule_
cp "$(dirname "$0")/../fixtures/reviews/waiver-and-review.yaml" "$TMPDIR/rv.yaml"
ar='."assessment-results".results[0]'
poam='."plan-of-action-and-milestones"'
check() { # check AR POAM
	oscal_valid "$AR_SCHEMA" "$1"
	oscal_valid "$POAM_SCHEMA" "$2"
	obs=$(jq -r "$ar.observations[] | select(.props[] | .name == \"rule-id\" and .value == \"${R}etc_shadow_permissions\") | .uuid" "$1")
	[ -n "$obs" ] || fail "waived rule has no observation"
	jq -e "[$ar.findings[] | select(.\"related-observations\"[0].\"observation-uuid\" == \"$obs\") | select(.target.status.state == \"not-satisfied\")] | length >= 1" "$1" >/dev/null || fail "waived rule is not a not-satisfied finding"
	jq -e "$ar.risks[] | select(.\"related-observations\"[0].\"observation-uuid\" == \"$obs\") | .status == \"deviation-approved\" and .deadline == \"2099-06-01T00:00:00+00:00\" and .\"risk-log\".entries[0].\"status-change\" == \"deviation-approved\"" "$1" >/dev/null || fail "waived rule's risk is not deviation-approved"
	jq -e "$ar.observations[] | select(.props[] | .name == \"rule-id\" and .value == \"${R}superseded_software_removed\") | .methods == [\"EXAMINE\"] and (.props[] | select(.name == \"evaluated-result\") | .value == \"notchecked\")" "$1" >/dev/null || fail "review is not an EXAMINE observation"
	# POA&M: the waiver is a deviation, no risk of it is open
	pobs=$(jq -r "$poam.observations[] | select(.props[] | .name == \"rule-id\" and .value == \"${R}etc_shadow_permissions\") | .uuid" "$2")
	[ -n "$pobs" ] || fail "POA&M does not list the deviation"
	jq -e "[$poam.risks[] | select(.\"related-observations\"[0].\"observation-uuid\" == \"$pobs\") | .status] == [\"deviation-approved\"]" "$2" >/dev/null || fail "POA&M lists the waived finding as open"
	! jq -e "$poam.observations[] | select(.props[] | .name == \"rule-id\" and .value == \"${R}superseded_software_removed\")" "$2" >/dev/null 2>&1 || fail "POA&M lists the reviewed (passing) rule"
}
ev=$TMPDIR/ev
run --rootfs "$root" --reviews "$TMPDIR/rv.yaml" --evidence "$ev" --results "$TMPDIR/r.xml" -q
expect_rc 2 "scan (other rules fail)"
check "$ev/assessment-results.json" "$ev/poam.json"
sum=$(sha256sum "$TMPDIR/rv.yaml" | cut -d' ' -f1)
jq -e ".reviews.sha256 == \"$sum\"" "$ev/manifest.json" >/dev/null || fail "manifest lacks the reviews SHA-256"
run verify "$ev"
expect_rc 0 "verify the evidence"

# report --from: plain results, reviews applied afterwards, same documents
run --rootfs "$root" --results "$TMPDIR/plain.xml" -q
run report --from "$TMPDIR/plain.xml" --reviews "$TMPDIR/rv.yaml" --results "$TMPDIR/rep.xml" \
	--oscal-ar "$TMPDIR/ar.json" --oscal-poam "$TMPDIR/poam.json"
expect_rc 2 "report (other rules fail)"
grep -q ', 2 overridden;' "$TMPDIR/out" || fail "report: console count"
validate_xccdf "$TMPDIR/rep.xml"
[ "$(result_of "$TMPDIR/rep.xml" etc_shadow_permissions)" = pass ] || fail "report: waiver not applied"
check "$TMPDIR/ar.json" "$TMPDIR/poam.json"
[ "$(xmllint --xpath "string(//*[local-name()='fact'][@name='urn:stigcheck:fact:reviews:sha256'])" "$TMPDIR/rep.xml")" = "$sum" ] || fail "report: reviews SHA-256 fact"
# stored overrides are kept by a plain re-render
run report --from "$TMPDIR/r.xml" --results "$TMPDIR/rerender.xml" -q
[ "$(xcount "$TMPDIR/rerender.xml" "//*[local-name()='override']")" = 2 ] || fail "re-render lost the overrides"
exit 0
