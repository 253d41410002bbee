# OSCAL 1.1.3: assessment-results.json and poam.json validate against
# NIST's JSON schemas (ajv + ajv-formats, Unicode patterns); every failing
# rule is a not-satisfied finding on its NIST SP 800-53 control and a
# POA&M item; with native and with Chainguard content; re-rendering gives
# the same files.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v jq >/dev/null 2>&1 || skip "jq is not installed (.ci/deps.sh installs it)"
AR_SCHEMA=$SHARED/data/formats/oscal_assessment-results_schema-1.1.3.json
POAM_SCHEMA=$SHARED/data/formats/oscal_poam_schema-1.1.3.json
npm_cached ajv-8.17.1 $AJV_PKGS
oscal_valid() { node "$HERE/oscal-validate.mjs" "$npm_dir" "$1" "$2" || fail "$2 does not validate"; }
root=$TMPDIR/root
demo_root "$root"

# the validator can fail: a wrong state, a token with a colon, a bad date
echo '{"assessment-results":{}}' >"$TMPDIR/bad.json"
! node "$HERE/oscal-validate.mjs" "$npm_dir" "$AR_SCHEMA" "$TMPDIR/bad.json" 2>/dev/null || fail "the validator accepts an empty document"

check() { # check DIR: both documents validate and agree with results.xml
	d=$1
	oscal_valid "$AR_SCHEMA" "$d/ar.json"
	oscal_valid "$POAM_SCHEMA" "$d/poam.json"
	ar='."assessment-results".results[0]'
	xmllint --xpath "//*[local-name()='rule-result'][*[local-name()='result']='fail']/@idref" "$d/results.xml" 2>/dev/null |
		sed 's/ idref="\([^"]*\)"/\1\n/g' | grep . | sort >"$d/failing"
	[ -s "$d/failing" ] || fail "$d: no failing rule to check"
	while read -r id; do
		# a not-satisfied finding whose observation names the rule
		obs=$(jq -r "$ar.observations[] | select(.props[] | .name == \"rule-id\" and .value == \"$id\") | .uuid" "$d/ar.json")
		[ -n "$obs" ] || fail "$id: no observation"
		jq -e "$ar.observations[] | select(.uuid == \"$obs\") | .methods == [\"TEST\"]" "$d/ar.json" >/dev/null || fail "$id: method is not TEST"
		cnt=$(jq "[$ar.findings[] | select(.\"related-observations\"[0].\"observation-uuid\" == \"$obs\") | select(.target.status.state == \"not-satisfied\")] | length" "$d/ar.json")
		[ "$cnt" -ge 1 ] || fail "$id: no not-satisfied finding"
		jq -r "$ar.findings[] | select(.\"related-observations\"[0].\"observation-uuid\" == \"$obs\") | .target.\"target-id\"" "$d/ar.json" >>"$d/targets"
		# one POA&M item relating the rule's risk, with the fix text
		pobs=$(jq -r ".\"plan-of-action-and-milestones\".observations[] | select(.props[] | .name == \"rule-id\" and .value == \"$id\") | .uuid" "$d/poam.json")
		[ -n "$pobs" ] || fail "$id: not in the POA&M"
		[ "$(jq "[.\"plan-of-action-and-milestones\".\"poam-items\"[] | select(.\"related-observations\"[0].\"observation-uuid\" == \"$pobs\")] | length" "$d/poam.json")" = 1 ] ||
			fail "$id: not exactly one POA&M item"
	done <"$d/failing"
	# passing rules are observations but never findings
	pass=$(xmllint --xpath "string((//*[local-name()='rule-result'][*[local-name()='result']='pass'])[1]/@idref)" "$d/results.xml")
	pobs=$(jq -r "$ar.observations[] | select(.props[] | .name == \"rule-id\" and .value == \"$pass\") | .uuid" "$d/ar.json")
	[ -n "$pobs" ] || fail "passing rule $pass has no observation"
	[ "$(jq "[$ar.findings[] | select(.\"related-observations\"[0].\"observation-uuid\" == \"$pobs\")] | length" "$d/ar.json")" = 0 ] || fail "a passing rule is a finding"
	# the subject is the target, with its identity facts
	jq -e "$ar.\"local-definitions\".\"inventory-items\"[0].props[] | select(.name == \"target.read-sha256\")" "$d/ar.json" >/dev/null || fail "inventory item lacks the read digest"
	jq -e "([$ar.observations[].subjects[0].\"subject-uuid\"] | unique) == [$ar.\"local-definitions\".\"inventory-items\"[0].uuid]" "$d/ar.json" >/dev/null || fail "observations are not about the target"
}

# native content: the shadow rule fails, and its reference is CM-6 b / AC-6
n=$TMPDIR/native; mkdir -p "$n"
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig --results "$n/results.xml" --oscal-ar "$n/ar.json" --oscal-poam "$n/poam.json" -q
expect_rc 2 "native scan"
check "$n"
grep -Eq '^[a-z]{2}-[0-9]+(\.[0-9]+)?_smt$' "$n/targets" || fail "no finding targets an 800-53 control: $(sort -u "$n/targets" | head -3)"
# manual rules: EXAMINE observations, POA&M items
jq -e '[."assessment-results".results[0].observations[] | select(.methods == ["EXAMINE"])] | length > 0' "$n/ar.json" >/dev/null || fail "no EXAMINE observation for a manual rule"

# Chainguard content: controls come from the CCIs
c=$TMPDIR/cg; mkdir -p "$c"
run --rootfs "$root" --results "$c/results.xml" --oscal-ar "$c/ar.json" --oscal-poam "$c/poam.json" -q "$CHAINGUARD_DS"
expect_scanned "chainguard"
check "$c"
grep -q '_smt$' "$c/targets" || fail "Chainguard findings have no 800-53 target"

# re-rendering the stored results gives the same documents
run report --from "$n/results.xml" --oscal-ar "$TMPDIR/re-ar.json" --oscal-poam "$TMPDIR/re-poam.json" -q
cmp -s "$TMPDIR/re-ar.json" "$n/ar.json" || fail "re-rendered assessment results differ"
cmp -s "$TMPDIR/re-poam.json" "$n/poam.json" || fail "re-rendered POA&M differs"

echo ok
