# What STIG users count (issue 15 item 5): the console totals and the HTML
# header give the open findings (failed rules) by DISA category, CAT I/II/III
# from severity high/medium/low, counted here independently from the XCCDF
# results; on a terminal long titles are cut to its width, in a file never.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
root=$TMPDIR/root
demo_root "$root"
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig \
	--results "$TMPDIR/r.xml" --report "$TMPDIR/r.html"
expect_rc 2 "the demo root has findings"
cp "$TMPDIR/out" "$TMPDIR/scan.out"
open() { xcount "$TMPDIR/r.xml" "//*[local-name()='rule-result'][*[local-name()='result']='fail'][@severity='$1']"; }
c1=$(open high) c2=$(open medium) c3=$(open low)
[ "$c1" -gt 0 ] || fail "the demo root has no CAT I finding"
grep -q "; score [0-9.]*%; open findings CAT I $c1, CAT II $c2, CAT III $c3\$" "$TMPDIR/out" ||
	{ tail -1 "$TMPDIR/out"; fail "console totals lack 'open findings CAT I $c1, CAT II $c2, CAT III $c3'"; }
for n in 1 2 3; do
	eval want=\$c$n
	got=$(xmllint --html --xpath "string(//*[@id='open-cat$n'])" "$TMPDIR/r.html" 2>/dev/null)
	[ "$got" = "$want" ] || fail "HTML open CAT $n: $got, expected $want"
done
# the same from the stored results (stigcheck report)
run report --from "$TMPDIR/r.xml" -q
grep -q "open findings CAT I $c1, CAT II $c2, CAT III $c3\$" "$TMPDIR/out" || fail "report: totals"

# written to a file: full titles, however long
t=$(xmllint --xpath "string(//*[local-name()='Rule'][string-length(*[local-name()='title']) > 60][@id = //*[local-name()='rule-result'][*[local-name()='result'] != 'notselected']/@idref][1]/*[local-name()='title'])" "$TMPDIR/r.xml")
[ -n "$t" ] || fail "no long title in the demo results"
grep -qF -- "$t" "$TMPDIR/scan.out" || fail "a title was cut in a file: $t"
[ "${VALGRIND:-0}" = 1 ] && { echo "terminal part skipped under valgrind (script(1) runs the plain binary only)"; exit 0; }
command -v script >/dev/null 2>&1 || skip "no script(1) to give stigcheck a terminal"
# on a terminal of 100 columns: no line past the edge unless its id alone is
COLUMNS=100 script -qec "stty cols 100 2>/dev/null; $STIGCHECK --color never --rootfs '$root' --profile xccdf_org.stigcheck_profile_stig" /dev/null >"$TMPDIR/tty.out" 2>&1 || true
tr -d '\r' <"$TMPDIR/tty.out" >"$TMPDIR/tty"
grep -q '^fail ' "$TMPDIR/tty" || { head "$TMPDIR/tty"; fail "no console output on the terminal"; }
awk '!/^pass [0-9]/ && length > 100 && length($3) + 24 + 8 + 3 < length { print; bad = 1 } END { exit bad }' "$TMPDIR/tty" || fail "a line runs past 100 columns"
grep -q '\.\.\.$' "$TMPDIR/tty" || fail "no title was cut on a 100-column terminal"
echo "ok: open findings CAT I $c1, CAT II $c2, CAT III $c3; titles cut on a terminal only"
