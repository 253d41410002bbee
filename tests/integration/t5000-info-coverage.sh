# `stigcheck info` on the built-in content counts every GPOS SRG V3R3
# requirement as covered, and the automated, not applicable and manual
# counts add up and agree with the benchmark.
. "$(dirname "$0")/lib.sh"
srg_xml=$SHARED/data/disa/U_GPOS_SRG_V3R3_Manual-xccdf.xml
bench=$BUILD/gen/stigcheck-gpos-xccdf.xml
[ -r "$srg_xml" ] || fail "no $srg_xml"
[ -r "$bench" ] || fail "no $bench"

x() { xmllint --xpath "$1" "$2"; }
G="//*[local-name()='Group'][starts-with(@id,'xccdf_org.stigcheck_group_V-')]"
NATIVE="*[local-name()='Rule']/*[local-name()='check'][@system='urn:stigcheck:native']"
NA_RULE="*[local-name()='platform'][@idref='cpe:2.3:o:notapplicable:*:*:*:*:*:*:*:*:*']"

total=$(x "count(//*[local-name()='Group'][*[local-name()='Rule']])" "$srg_xml")
[ "$total" -gt 0 ] || fail "no requirements in $srg_xml"
expect=$total
echo "V3R3: $total requirements, expecting all of them covered"

run info
expect_rc 0 "info"
line=$(grep '^SRG requirements:' "$TMPDIR/out") || { cat "$TMPDIR/out"; fail "no SRG requirements line"; }
set -- $(echo "$line" | sed -n 's/^SRG requirements: \([0-9]*\) covered: \([0-9]*\) automated, \([0-9]*\) not applicable, \([0-9]*\) manual$/\1 \2 \3 \4/p')
[ $# = 4 ] || fail "unexpected line: $line"
n=$1 auto=$2 na=$3 manual=$4
[ "$n" = "$expect" ] || fail "$n requirements covered, expected $expect ($line)"
[ $((auto + na + manual)) = "$n" ] || fail "counts do not add up: $line"

# the same counts, straight from the compiled benchmark
groups=$(x "count($G)" "$bench")
b_auto=$(x "count($G[$NATIVE])" "$bench")
b_na=$(x "count($G[not($NATIVE)][not(*[local-name()='Rule'][not($NA_RULE)])])" "$bench")
[ "$groups" = "$n" ] || fail "benchmark has $groups requirement groups, info says $n"
[ "$b_auto" = "$auto" ] || fail "benchmark has $b_auto automated requirements, info says $auto"
[ "$b_na" = "$na" ] || fail "benchmark has $b_na not-applicable requirements, info says $na"
[ $((groups - b_auto - b_na)) = "$manual" ] || fail "manual count $manual disagrees with the benchmark"

# rules by kind add up to the rule total
rules=$(sed -n 's/^Rules: \([0-9]*\) in .*/\1/p' "$TMPDIR/out")
set -- $(sed -n 's/^Rules by kind: \([0-9]*\) automated, \([0-9]*\) not applicable, \([0-9]*\) manual$/\1 \2 \3/p' "$TMPDIR/out")
[ $# = 3 ] || fail "no 'Rules by kind' line"
[ $(($1 + $2 + $3)) = "$rules" ] || fail "rules by kind ($1+$2+$3) != $rules rules"
echo "$line"
exit 0
