# Every output of a native-benchmark scan validates (XCCDF 1.2; ARF 1.1
# shallow, deep and by OpenSCAP; CKL against DISA's XSD; CKLB against
# DISA's JSON schema), says the right things, and `stigcheck report`
# re-renders the same files from the XCCDF results and from the ARF.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
mkdir -p "$TMPDIR/scan" "$TMPDIR/fromx" "$TMPDIR/froma"

# shellcheck disable=SC2046
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig $(all_outputs "$TMPDIR/scan")
expect_rc 2 "two rules fail"
s=$TMPDIR/scan
validate_xccdf "$s/results.xml"
validate_arf "$s/arf.xml"
validate_ckl "$s/checklist.ckl"
validate_cklb "$s/checklist.cklb"

# no secret anywhere
! grep -l 'c2VjcmV0' "$s"/* || fail "a password hash leaked into an output"
# one evidence <message> per rule-result
[ "$(xcount "$s/results.xml" "//*[local-name()='rule-result'][count(*[local-name()='message']) > 1]")" = 0 ] || fail "several messages in a rule-result"
grep -q 'demo:\[redacted\]' "$s/results.xml" || fail "evidence lacks the redacted account line"

# ARF: request, asset, reports, relationships, injected target-id-ref
a=$s/arf.xml
[ "$(xcount "$a" "//*[local-name()='relationship']")" = 2 ] || fail "ARF relationships"
[ "$(xmllint --xpath "string(//*[local-name()='computing-device']/*[local-name()='hostname'])" "$a")" = demo-root ] || fail "ARF hostname"
[ "$(xcount "$a" "//*[local-name()='report-request']//*[local-name()='component']/*[local-name()='Benchmark'][@id='xccdf_org.stigcheck_benchmark_gpos']")" = 1 ] || fail "ARF: the benchmark is not in the report request"
[ "$(xcount "$a" "//*[local-name()='data-stream']/*[local-name()='checks']/*[local-name()='component-ref']")" -ge 1 ] || fail "ARF: data stream without checks"
[ "$(xmllint --xpath "string(//*[local-name()='TestResult']/*[local-name()='target-id-ref']/@name)" "$a")" = asset0 ] || fail "ARF: no target-id-ref"
[ "$(xmllint --xpath "string(//*[local-name()='TestResult']/*[local-name()='benchmark']/@href)" "$a")" = "#scap_org.stigcheck_comp_stigcheck-gpos-xccdf.xml" ] || fail "ARF: benchmark href"
nrules=$(xcount "$BUILD/gen/stigcheck-gpos-xccdf.xml" "//*[local-name()='Rule']")
[ "$(xcount "$a" "//*[local-name()='TestResult']/*[local-name()='rule-result']")" = "$nrules" ] || fail "ARF: rule-results (expected one per benchmark rule, $nrules)"
h=$(hostname); [ "$h" = demo-root ] || ! grep -q ">$h<" "$a" || fail "ARF: the scanning host's name appears"

# CKL / CKLB: every GPOS SRG rule, statuses from the worst result
c=$s/checklist.ckl
[ "$(xcount "$c" "//VULN")" = 203 ] || fail "CKL: $(xcount "$c" "//VULN") VULNs, expected 203"
st() { xmllint --xpath "string(//VULN[STIG_DATA[VULN_ATTRIBUTE='Vuln_Num'][ATTRIBUTE_DATA='$1']]/STATUS)" "$c"; }
[ "$(st V-203780)" = Open ] || fail "CKL: V-203780 (4 rules, one fails) is $(st V-203780)"
[ "$(st V-203629)" = Open ] || fail "CKL: V-203629 (usable password) is $(st V-203629)"
# host-provided (all rules notapplicable) and manual (notchecked) requirements
[ "$(st V-203591)" = Not_Applicable ] || fail "CKL: V-203591 (not applicable) is $(st V-203591)"
[ "$(st V-259333)" = Not_Reviewed ] || fail "CKL: V-259333 (manual review) is $(st V-259333)"
[ "$(xcount "$c" "//VULN[not(FINDING_DETAILS) or not(COMMENTS) or COMMENTS='']")" = 0 ] || fail "CKL: VULN without FINDING_DETAILS or COMMENTS"
grep -q '/etc/shadow: mode 0660' "$c" || fail "CKL: evidence missing"
[ "$(xmllint --xpath "string(//ASSET/HOST_NAME)" "$c")" = demo-root ] || fail "CKL: host name"
grep -q '"status": "open"' "$s/checklist.cklb" || fail "CKLB: no open rule"
grep -q '"host_name": "demo-root"' "$s/checklist.cklb" || fail "CKLB: host name"

# HTML: one file, no external resource, the counts
h=$s/report.html
! grep -Eiq '<(link|img|script)[^>]+(src|href)=' "$h" || fail "HTML refers to an external resource"
# the counts the console printed
nr=$(xcount "$s/results.xml" "//*[local-name()='rule-result']")
nf=$(xcount "$s/results.xml" "//*[local-name()='rule-result'][*[local-name()='result']='fail']")
np=$(xcount "$s/results.xml" "//*[local-name()='rule-result'][*[local-name()='result']='pass']")
grep -q "id=\"n-fail\">$nf<" "$h" || fail "HTML: fail count (expected $nf)"
grep -q "id=\"n-pass\">$np<" "$h" || fail "HTML: pass count (expected $np)"
grep -q "id=\"n-all\">$nr<" "$h" || fail "HTML: total (expected $nr)"

# re-render from the XCCDF results and from the ARF: the same files
run report --from "$s/results.xml" $(all_outputs "$TMPDIR/fromx")
expect_rc 2 "report exits as the scan did"
run report --from "$s/arf.xml" $(all_outputs "$TMPDIR/froma")
expect_rc 2 "report from ARF"
for f in results.xml arf.xml report.html checklist.ckl checklist.cklb; do
	cmp -s "$s/$f" "$TMPDIR/fromx/$f" || { diff "$s/$f" "$TMPDIR/fromx/$f" | head; fail "report --from results.xml: $f differs"; }
done
for f in arf.xml report.html checklist.ckl checklist.cklb; do
	cmp -s "$s/$f" "$TMPDIR/froma/$f" || { diff "$s/$f" "$TMPDIR/froma/$f" | head; fail "report --from arf.xml: $f differs"; }
done
# from the ARF, only the benchmark href (the data stream component) differs
sed 's|<benchmark href="[^"]*"|<benchmark href=""|' "$s/results.xml" >"$TMPDIR/a"
sed 's|<benchmark href="[^"]*"|<benchmark href=""|' "$TMPDIR/froma/results.xml" >"$TMPDIR/b"
cmp -s "$TMPDIR/a" "$TMPDIR/b" || { diff "$TMPDIR/a" "$TMPDIR/b" | head; fail "results from the ARF differ"; }
# the console shows what the scan showed
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig -q
cp "$TMPDIR/out" "$TMPDIR/scan.out"
run report --from "$s/arf.xml" -q
cmp -s "$TMPDIR/out" "$TMPDIR/scan.out" || fail "report console differs from the scan's"
exit 0
