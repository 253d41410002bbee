# Checklists as reviews: a CKL and a CKLB written by a scan with --reviews
# (valid against DISA's schemas, read by STIG Manager's parsers with the
# final statuses) fed back as --reviews to the next scan carry every
# review across (the same overrides: results, who, when, why, expiry); a
# checklist a person edited in STIG Viewer (status and COMMENTS of a
# manual rule) is taken as that person's review; stigcheck's automated
# statuses are not reviews.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
R=xccdf_org.stigcheck_rule_
cp "$(dirname "$0")/../fixtures/reviews/waiver-and-review.yaml" "$TMPDIR/rv.yaml"
# overrides FILE: one line per override (rule, old, new, authority, time, remark)
overrides() {
	xmllint --xpath "//*[local-name()='rule-result'][*[local-name()='override']]" "$1" 2>/dev/null |
		sed -n 's/.*idref="\([^"]*\)".*/\1/p' | sort | while read -r id; do
		o="//*[local-name()='rule-result'][@idref='$id']/*[local-name()='override']"
		printf '%s ' "$id"
		xmllint --xpath "concat($o/*[local-name()='old-result'], ' ', $o/*[local-name()='new-result'], ' ', $o/@authority, ' ', $o/@time, ' ', $o/*[local-name()='remark'])" "$1"
		echo
	done
}
run --rootfs "$root" --reviews "$TMPDIR/rv.yaml" --results "$TMPDIR/first.xml" \
	--ckl "$TMPDIR/first.ckl" --cklb "$TMPDIR/first.cklb" -q
expect_rc 2 "first scan (other rules fail)"
overrides "$TMPDIR/first.xml" >"$TMPDIR/first.ov"
[ "$(grep -c "^$R" "$TMPDIR/first.ov")" = 2 ] || { cat "$TMPDIR/first.ov"; fail "expected two overrides"; }
validate_ckl "$TMPDIR/first.ckl"
validate_cklb "$TMPDIR/first.cklb"
grep -q "stigcheck review of ${R}etc_shadow_permissions: pass (evaluated fail)" "$TMPDIR/first.ckl" || fail "CKL COMMENTS lack the review"
grep -q "By: J. Smith, ISSO" "$TMPDIR/first.ckl" || fail "CKL COMMENTS lack the reviewer"
jq -e '[.stigs[0].rules[] | select(.comments | startswith("stigcheck review of"))] | length == 2' "$TMPDIR/first.cklb" >/dev/null || fail "CKLB comments lack the reviews"
# STIG Manager reads the final statuses (checked against the XCCDF results)
npm_cached smcm-1.6.7 "$SMCM_PKG"
node "$CONSUMERS" stig-manager "$npm_dir/node_modules/@nuwcdivnpt/stig-manager-client-modules" \
	"$TMPDIR/first.xml" "$TMPDIR/first.ckl" "$TMPDIR/first.cklb" >/dev/null || fail "STIG Manager does not read the reviewed statuses"

# each checklist fed back: the same overrides
for f in first.ckl first.cklb; do
	run --rootfs "$root" --reviews "$TMPDIR/$f" --results "$TMPDIR/again.xml" -q
	expect_rc 2 "scan with $f as reviews"
	[ ! -s "$TMPDIR/err" ] || { cat "$TMPDIR/err"; fail "$f: stderr not empty"; }
	validate_xccdf "$TMPDIR/again.xml"
	overrides "$TMPDIR/again.xml" >"$TMPDIR/again.ov"
	diff "$TMPDIR/first.ov" "$TMPDIR/again.ov" || fail "$f does not carry the reviews across"
	grep -q ' 2 overridden;' "$TMPDIR/out" || fail "$f: console count"
done

# a person's edit in STIG Viewer: V-203755 (superseded software) Open
python3 - "$TMPDIR/first.ckl" "$TMPDIR/edited.ckl" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def edit(m):
    v = m.group(0)
    if '<ATTRIBUTE_DATA>V-203755</ATTRIBUTE_DATA>' not in v:
        return v
    v = re.sub(r'<STATUS>[^<]*</STATUS>', '<STATUS>Open</STATUS>', v)
    v = re.sub(r'<COMMENTS>.*?</COMMENTS>', '<COMMENTS>openssl 1.1 left in /opt</COMMENTS>', v, flags=re.S)
    return re.sub(r'<FINDING_DETAILS>.*?</FINDING_DETAILS>', '<FINDING_DETAILS>/opt/old/libssl.so.1.1</FINDING_DETAILS>', v, flags=re.S)
open(sys.argv[2], 'w').write(re.sub(r'<VULN>.*?</VULN>', edit, t, flags=re.S))
PY
run --rootfs "$root" --reviews "$TMPDIR/edited.ckl" --results "$TMPDIR/edited.xml" -q
expect_rc 2 "scan with the edited checklist"
[ "$(result_of "$TMPDIR/edited.xml" superseded_software_removed)" = fail ] || fail "the person's Open is not applied"
o="//*[local-name()='rule-result'][@idref='${R}superseded_software_removed']/*[local-name()='override']"
[ "$(xmllint --xpath "string($o/*[local-name()='remark'])" "$TMPDIR/edited.xml")" = "openssl 1.1 left in /opt" ] || fail "COMMENTS not the reason"
[ "$(xmllint --xpath "string($o/@authority)" "$TMPDIR/edited.xml")" = "checklist $TMPDIR/edited.ckl" ] || fail "authority"
rule_messages "$TMPDIR/edited.xml" superseded_software_removed | grep -q '/opt/old/libssl.so.1.1' || fail "FINDING_DETAILS not kept"
# the waiver block is still there, the automated statuses are not reviews
[ "$(result_of "$TMPDIR/edited.xml" etc_shadow_permissions)" = pass ] || fail "the waiver was lost"
[ "$(xcount "$TMPDIR/edited.xml" "//*[local-name()='override']")" = 2 ] || fail "automated statuses became reviews"

# a plain scan's checklist holds no review at all
run --rootfs "$root" --ckl "$TMPDIR/plain.ckl" -q
run --rootfs "$root" --reviews "$TMPDIR/plain.ckl" --results "$TMPDIR/p.xml" -q
expect_rc 2 "plain checklist as reviews"
[ "$(xcount "$TMPDIR/p.xml" "//*[local-name()='override']")" = 0 ] || fail "a plain checklist made overrides"
exit 0
