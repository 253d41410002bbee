# An object entity that refers to a local variable with no value matches
# no item: the object's flag is "does not exist" and the test follows its
# check_existence (the SCAP Security Guide's home-directory rules on a root
# with no interactive user depend on it).  Against OpenSCAP on
# tests/fixtures/oval/emptyvar-*.xml: e1 and e3 pass, e2 and e4 fail, v1
# (the same object over a variable with a value) passes; before, stigcheck
# called e1-e4 errors.  The evidence names the empty variable.
# And a <filepath> pattern from a variable (the SCAP Security Guide's
# rsyslog log-file rules): p1 and p2 find /etc/marker and pass, p3's
# pattern matches nothing and fails; before, all three were errors
# ("not supported").  And a <path> pattern from a variable: q1 finds
# /etc/marker under the directories its patterns match and passes, q2's
# matches no directory and fails (before: errors, "not supported").
. "$(dirname "$0")/lib.sh"
command -v oscap >/dev/null 2>&1 || skip "oscap not installed (openscap-scanner): differential test not run"
here=$(cd "$(dirname "$0")" && pwd)
d=$TMPDIR/ev
mkdir -p "$d/root/etc"
echo "dir:/etc" >"$d/root/etc/marker"
cp "$here/../fixtures/oval/emptyvar-oval.xml" "$here/../fixtures/oval/emptyvar-xccdf.xml" "$d/"
run --rootfs "$d/root" --results "$d/sc.xml" "$d/emptyvar-xccdf.xml"
expect_rc 2 "findings"
oscap_eval "$d" emptyvar-xccdf.xml
rule_lists "$d"
[ "$(wc -l <"$d/sc")" = 10 ] || fail "$(wc -l <"$d/sc") rule-results, expected 10"
cmp -s "$d/sc" "$d/os" || fail "results differ from OpenSCAP: $(diff "$d/sc" "$d/os")"
for want in "e1 pass" "e2 fail" "e3 pass" "v1 pass" "e4 fail" "p1 pass" "p2 pass" "p3 fail" "q1 pass" "q2 fail"; do
	grep -qx "$want" "$d/sc" || fail "expected '$want': $(cat "$d/sc")"
done
validate_xccdf "$d/sc.xml"
rule_messages "$d/sc.xml" e2 | grep -q 'refers to variable oval:t:var:1, which has no value: no item can match' ||
    fail "e2: evidence does not name the empty variable: $(rule_messages "$d/sc.xml" e2)"
exit 0
