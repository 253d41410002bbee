# The foundation acceptance: /etc/shadow at 0644 makes the shadow rule fail
# with evidence naming the file, its mode and the expected mode; the
# results validate; a clean root passes with exit 0.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to create root-owned fixture files"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"

# the basic root has no OpenSSL at all, so only the FIPS rules fail there
run --rootfs "$root" --results "$TMPDIR/clean.xml"
expect_rc 2 "clean root without OpenSSL (FIPS rules fail)"
validate_xccdf "$TMPDIR/clean.xml"
for r in etc_passwd_permissions etc_group_permissions etc_shadow_permissions \
	etc_gshadow_permissions accounts_no_usable_password; do
	[ "$(result_of "$TMPDIR/clean.xml" "_rule_$r")" = pass ] || fail "$r not pass on clean root"
done
nonfips=$(grep -E '^(fail|error)' "$TMPDIR/out" | grep -v -e '_rule_fips_' | head -3)
[ -z "$nonfips" ] || fail "clean root fails non-FIPS rules: $nonfips"

cp "$TMPDIR/out" "$TMPDIR/clean.out"
chmod 0644 "$root/etc/shadow"
run --rootfs "$root" --results "$TMPDIR/r.xml"
expect_rc 2 "shadow 0644"
validate_xccdf "$TMPDIR/r.xml"
[ "$(result_of "$TMPDIR/r.xml" _rule_etc_shadow_permissions)" = fail ] || fail "shadow rule not fail"
[ "$(result_of "$TMPDIR/r.xml" _rule_etc_passwd_permissions)" = pass ] || fail "passwd rule changed"
# (a fail's message has severity warning: evidence of a finding, not an engine error; see docs/results.md)
msg=$(xmllint --xpath "string(//*[local-name()='rule-result'][contains(@idref,'etc_shadow_permissions')]/*[local-name()='message'][@severity='warning'])" "$TMPDIR/r.xml")
echo "$msg" | grep -q "/etc/shadow: mode 0644, expected 0640 or stricter" || fail "message: $msg"
grep -q "^fail .*etc_shadow_permissions" "$TMPDIR/out" || fail "console line missing"
clean_fails=$(grep -c '^fail' "$TMPDIR/clean.out" 2>/dev/null || true)
[ "$(grep -c '^fail' "$TMPDIR/out")" = "$((clean_fails + 1))" ] || fail "more than the shadow rule changed: $(tail -1 "$TMPDIR/out")"

# an unlocked account with a hash: fails, and the hash never appears
chmod 0640 "$root/etc/shadow"
echo 'app:$6$salt$QmFzZTY0SGFzaFRoYXRNdXN0TmV2ZXJMZWFr:19000:0:99999:7:::' >>"$root/etc/shadow"
echo 'empty::19000:0:99999:7:::' >>"$root/etc/shadow"
run --rootfs "$root" --results "$TMPDIR/p.xml" -v
expect_rc 2 "usable password"
[ "$(result_of "$TMPDIR/p.xml" _rule_accounts_no_usable_password)" = fail ] || fail "password rule not fail"
grep -q 'QmFzZTY0' "$TMPDIR/p.xml" "$TMPDIR/out" && fail "password hash leaked into evidence"
grep -q '/etc/shadow:4: app:\[redacted\]:19000' "$TMPDIR/p.xml" || fail "redacted line missing"
grep -q '/etc/shadow:5: empty::19000' "$TMPDIR/p.xml" || fail "empty password line missing"

# quiet: totals, then one line per failing rule (its id)
run --rootfs "$root" -q
nf=$(head -n 1 "$TMPDIR/out" | sed -n 's/.*fail \([0-9]*\),.*/\1/p')
[ -n "$nf" ] && [ "$(wc -l <"$TMPDIR/out")" = "$((nf + 1))" ] || fail "quiet printed more than totals and failing rules"
! tail -n +2 "$TMPDIR/out" | grep -qv '^xccdf_' || fail "quiet: a line after the totals is not a rule id"
exit 0
