# Every output of a Chainguard GPOS data stream scan validates; the ARF
# carries Chainguard's own data stream; `stigcheck report` re-renders the
# same files (from XCCDF results, the ARF's data stream is a wrapper
# around the benchmark, as `oscap` does for a plain benchmark).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
mkdir -p "$TMPDIR/scan" "$TMPDIR/fromx" "$TMPDIR/froma"

# shellcheck disable=SC2046
run --rootfs "$root" -q --profile xccdf_basic_profile_.check $(all_outputs "$TMPDIR/scan") "$CHAINGUARD_DS"
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "exit $rc: $(cat "$TMPDIR/err")"
s=$TMPDIR/scan
validate_xccdf "$s/results.xml"
validate_arf "$s/arf.xml"
validate_ckl "$s/checklist.ckl"
validate_cklb "$s/checklist.cklb"

a=$s/arf.xml
[ "$(xmllint --xpath "string(//*[local-name()='report-request']//*[local-name()='data-stream-collection']/@id)" "$a")" = scap_org.open-scap_collection_from_xccdf_all-resolved-xccdf-v3r2.xml ] || fail "ARF: not Chainguard's data stream"
[ "$(xmllint --xpath "string(//*[local-name()='TestResult']/*[local-name()='benchmark']/@href)" "$a")" = "#scap_org.open-scap_comp_all-resolved-xccdf-v3r2.xml" ] || fail "ARF: benchmark href"
[ "$(xcount "$a" "//*[local-name()='TestResult']/*[local-name()='rule-result']")" = 198 ] || fail "ARF: rule-results"

# CKL: the 198 rules map to 198 of the SRG's 203 rules (V3R2 -> V3R3 ids)
c=$s/checklist.ckl
[ "$(xcount "$c" "//VULN")" = 203 ] || fail "CKL VULNs"
na=$(xcount "$s/results.xml" "//*[local-name()='rule-result'][*[local-name()='result']='notapplicable']")
[ "$(xcount "$c" "//VULN[STATUS='Not_Applicable']")" = "$na" ] || fail "CKL: Not_Applicable count differs from the $na notapplicable results"
# SV-203776r959006_rule (V3R2) is SV-203776r1137699_rule in V3R3: mapped by number
[ "$(xmllint --xpath "string(//VULN[STIG_DATA[VULN_ATTRIBUTE='Vuln_Num'][ATTRIBUTE_DATA='V-203776']]/FINDING_DETAILS)" "$c" | grep -c 'SV-203776r959006_rule')" = 1 ] || fail "CKL: V-203776 does not carry the Chainguard rule's result"
[ "$(xmllint --xpath "string(//VULN[STIG_DATA[VULN_ATTRIBUTE='Vuln_Num'][ATTRIBUTE_DATA='V-203776']]/STIG_DATA[VULN_ATTRIBUTE='Rule_ID']/ATTRIBUTE_DATA)" "$c")" = SV-203776r1137699_rule ] || fail "CKL: V-203776 does not carry the V3R3 rule id"
[ "$(xcount "$c" "//VULN[STATUS='Not_Reviewed'][COMMENTS[contains(., 'no rule of')]]")" = 5 ] || fail "CKL: the 5 SRG rules Chainguard lacks are not Not_Reviewed with a comment"

run report --from "$s/results.xml" $(all_outputs "$TMPDIR/fromx")
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "report --from results: exit $rc: $(cat "$TMPDIR/err")"
run report --from "$s/arf.xml" $(all_outputs "$TMPDIR/froma")
[ "$rc" = 0 ] || [ "$rc" = 2 ] || fail "report --from arf: exit $rc: $(cat "$TMPDIR/err")"
for f in results.xml report.html checklist.ckl checklist.cklb; do
	cmp -s "$s/$f" "$TMPDIR/fromx/$f" || { diff "$s/$f" "$TMPDIR/fromx/$f" | head; fail "report --from results.xml: $f differs"; }
done
for f in arf.xml report.html checklist.ckl checklist.cklb; do
	cmp -s "$s/$f" "$TMPDIR/froma/$f" || { diff "$s/$f" "$TMPDIR/froma/$f" | head; fail "report --from arf.xml: $f differs"; }
done
validate_arf "$TMPDIR/fromx/arf.xml"
exit 0
