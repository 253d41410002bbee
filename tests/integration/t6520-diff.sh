# stigcheck diff: a run and the same run after chmod 0644 /etc/shadow
# reports exactly that rule as regressed and exits 2; the reverse is a
# fix (exit 0); the same run twice has no change; an evidence-only change
# is reported; XCCDF and ARF both read; --json validates; unreadable
# input exits 1 with one line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
. "$(dirname "$0")/gates-lib.sh"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
P="--profile xccdf_org.stigcheck_profile_stig"
SHADOW=xccdf_org.stigcheck_rule_etc_shadow_permissions
run --rootfs "$root" $P --results "$TMPDIR/a.xml" --results-arf "$TMPDIR/a.arf"
expect_scanned "first run"
[ "$(result_of "$TMPDIR/a.xml" etc_shadow_permissions)" = pass ] || fail "shadow rule does not pass at first"
chmod 0644 "$root/etc/shadow"
run --rootfs "$root" $P --results "$TMPDIR/b.xml" --results-arf "$TMPDIR/b.arf"
[ "$(result_of "$TMPDIR/b.xml" etc_shadow_permissions)" = fail ] || fail "shadow rule does not fail"

run diff "$TMPDIR/a.xml" "$TMPDIR/b.xml"
expect_rc 2 "a regression"
grep -c '^regressed  ' "$TMPDIR/out" | grep -qx 1 || { cat "$TMPDIR/out"; fail "expected one regressed line"; }
grep -Eq "^regressed +pass +fail +medium +$SHADOW\$" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "table row"; }
grep -q '^regressed 1, fixed 0, evidence 0, changed 0, added 0, removed 0$' "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "totals"; }
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
# JSON to a file (and the table) and to standard output (JSON only)
run diff --json "$TMPDIR/d.json" "$TMPDIR/a.xml" "$TMPDIR/b.xml"
expect_rc 2 "with --json"
grep -q '^regressed 1' "$TMPDIR/out" || fail "table missing with --json FILE"
validate_json "$DIFF_SCHEMA" "$TMPDIR/d.json"
run diff --json - "$TMPDIR/a.arf" "$TMPDIR/b.arf"
expect_rc 2 "ARF"
cp "$TMPDIR/out" "$TMPDIR/d2.json"
validate_json "$DIFF_SCHEMA" "$TMPDIR/d2.json"
/usr/bin/python3 - "$TMPDIR/d2.json" "$SHADOW" <<'PY' || fail "diff JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
ch = d['changes']
assert d['regressed'] is True and d['counts']['regressed'] == 1, d['counts']
assert sum(d['counts'].values()) == 1 == len(ch), ch
c = ch[0]
assert (c['rule'], c['change'], c['old'], c['new'], c['severity']) == (sys.argv[2], 'regressed', 'pass', 'fail', 'medium'), c
assert any('0644' in l for l in c['new_evidence']), c['new_evidence']
assert not any('0644' in l for l in c['old_evidence']), c['old_evidence']
PY
# the reverse is a fix; a run against itself, nothing
run diff "$TMPDIR/b.xml" "$TMPDIR/a.arf"
expect_rc 0 "a fix is not a regression"
grep -Eq "^fixed +fail +pass +medium +$SHADOW\$" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "fixed row"; }
run diff "$TMPDIR/a.xml" "$TMPDIR/a.arf"
expect_rc 0 "no change"
grep -q '^regressed 0, fixed 0, evidence 0, changed 0, added 0, removed 0$' "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "changes between a run and itself"; }
# same result, other evidence: /etc/shadow 0600 still passes
chmod 0600 "$root/etc/shadow"
run --rootfs "$root" $P --results "$TMPDIR/c.xml"
[ "$(result_of "$TMPDIR/c.xml" etc_shadow_permissions)" = pass ] || fail "0600 does not pass"
run diff "$TMPDIR/a.xml" "$TMPDIR/c.xml"
expect_rc 0 "evidence only"
grep -Eq "^evidence +pass +pass +medium +$SHADOW\$" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "evidence row"; }
# a rule evaluated in one run only
run --rootfs "$root" $P --skip-rule $SHADOW --results "$TMPDIR/d.xml"
run diff "$TMPDIR/a.xml" "$TMPDIR/d.xml"
expect_rc 0 "a removed rule"
grep -Eq "^removed +pass +- +medium +$SHADOW\$" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "removed row"; }
# what cannot be compared
run diff "$TMPDIR/a.xml" "$TMPDIR/missing.xml"
expect_rc 1 "missing file"
expect_err_line "missing.xml"
echo '<x/>' >"$TMPDIR/bad.xml"
run diff "$TMPDIR/bad.xml" "$TMPDIR/a.xml"
expect_rc 1 "not results"
expect_err_line "bad.xml"
cp "$TMPDIR/a.xml" "$TMPDIR/keep.xml"
run diff --json "$TMPDIR/./a.xml" "$TMPDIR/a.xml" "$TMPDIR/b.xml"
expect_rc 1 "--json over an input"
expect_err_line "would overwrite the input"
cmp -s "$TMPDIR/a.xml" "$TMPDIR/keep.xml" || fail "diff overwrote its input"
run diff --json "$TMPDIR/no/d.json" "$TMPDIR/a.xml" "$TMPDIR/b.xml"
expect_rc 1 "--json directory missing"
expect_err_line "no/d.json"
run diff "$TMPDIR/a.xml"
expect_rc 1 "one operand"
expect_err_line "usage: stigcheck diff"
run diff --results "$TMPDIR/x.xml" "$TMPDIR/a.xml" "$TMPDIR/b.xml"
expect_rc 1 "an output diff does not write"
expect_err_line "does not apply"
exit 0
