# The GPOS SRG id table stigcheck embeds (reports/gpos-srg.tsv) is exactly
# what reports/tools/srg-table.xsl derives from DISA's SRG and CCI list in
# ../shared/data/disa, and holds ids, not DISA's texts.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
srg=$SHARED/data/disa/U_GPOS_SRG_V3R3_Manual-xccdf.xml
cci=$SHARED/data/disa/U_CCI_List.xml
[ -f "$srg" ] && [ -f "$cci" ] || skip "DISA files not in $SHARED/data/disa"
xsltproc --stringparam cci-list "$cci" --stringparam filename "$(basename "$srg")" \
	"$top/reports/tools/srg-table.xsl" "$srg" >"$TMPDIR/srg.tsv" || fail "srg-table.xsl failed"
cmp -s "$TMPDIR/srg.tsv" "$top/reports/gpos-srg.tsv" ||
	{ diff "$TMPDIR/srg.tsv" "$top/reports/gpos-srg.tsv" | head; fail "reports/gpos-srg.tsv is stale: run 'make srg-table'"; }
t=$top/reports/gpos-srg.tsv
# every rule of the SRG, with its ids
n=$(xmllint --xpath "count(//*[local-name()='Rule'])" "$srg")
[ "$(grep -c '^R	' "$t")" = "$n" ] || fail "table has $(grep -c '^R	' "$t") rules, SRG has $n"
grep -q "^@rules	$n$" "$t" || fail "rule count"
grep -q '^@release	Release: 3 Benchmark Date: 28 Oct 2025$' "$t" || fail "release"
grep -q '^R	V-203780	SV-203780r991589_rule	SRG-OS-000480-GPOS-00227	SRG-OS-000480	medium	10.0	CCI-000366	' "$t" || fail "V-203780 row"
grep -q '^C	CCI-000366	CM-6 b$' "$t" || fail "CCI-000366 -> CM-6 b"
# no discussion, check or fix text
! grep -q 'VulnDiscussion\|this is a finding\|Configure the operating system' "$t" || fail "DISA text copied into the table"
[ "$(wc -c <"$t")" -lt 80000 ] || fail "table is large: $(wc -c <"$t") bytes"
exit 0
