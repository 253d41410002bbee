# stigcheck diff OLD NEW with two --output-dir directories: targets in
# both are compared rule by rule (the chmod 0644 /etc/shadow in one of
# them is its only regression), a target only in NEW is "added" (its
# failing rules are regressions), one only in OLD is "gone"; other
# formats' files (NAME.arf.xml) are not targets; --json names them and
# carries each target's two-file diff (which validates against the diff
# schema); exit 2 when any target regressed, 0 when none did; a
# directory against a file exits 1 with one line.  The directories are
# built from real results of --rootfs scans, as --all-containers names
# them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
. "$(dirname "$0")/gates-lib.sh"
command -v python3 >/dev/null || skip "needs python3 (reads the JSON)"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
SHADOW=xccdf_org.stigcheck_rule_etc_shadow_permissions
old=$TMPDIR/old
new=$TMPDIR/new
mkdir -p "$old" "$new"
run --rootfs "$root" --results "$old/web.xml" --results-arf "$old/web.arf.xml"
expect_scanned "web, first run"
cp "$old/web.xml" "$old/db.xml"		# db: the same both times
cp "$old/web.xml" "$new/db.xml"
cp "$old/web.xml" "$old/cache.xml"	# cache: gone
chmod 0644 "$root/etc/shadow"
run --rootfs "$root" --results "$new/web.xml" --results-arf "$new/web.arf.xml"
[ "$(result_of "$new/web.xml" etc_shadow_permissions)" = fail ] || fail "shadow rule does not fail"
cp "$new/web.xml" "$new/queue.xml"	# queue: added, failing rules
echo '{}' >"$new/summary.json"
nbad() { xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='fail' or *[local-name()='result']='error'])" "$1"; }
fails=$(nbad "$new/queue.xml")
gone_fails=$(nbad "$old/cache.xml")
[ "$fails" -gt 0 ] || fail "the fixture has no failing rule"

run diff "$old" "$new"
expect_rc 2 "a target regressed"
[ ! -s "$TMPDIR/err" ] || fail "stderr: $(cat "$TMPDIR/err")"
grep -qx "targets: 4, added 1, gone 1, regressed 2" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "totals"; }
grep -qx "== db: no change" "$TMPDIR/out" || fail "db unchanged"
grep -qx "== cache: gone (only in old), $gone_fails rules failing or erroring" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "cache gone"; }
grep -qx "== queue: added (only in new), $fails rules failing or erroring" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "queue added"; }
grep -q "web.arf" "$TMPDIR/out" && fail "the ARF file was taken for a target"
# web's section: exactly the shadow rule
sed -n '/^== web$/,/^== /p' "$TMPDIR/out" >"$TMPDIR/web"
grep -Eq "^regressed +pass +fail +medium +$SHADOW\$" "$TMPDIR/web" || { cat "$TMPDIR/web"; fail "web: the shadow rule"; }
grep -q '^regressed 1, fixed 0, evidence 0, changed 0, added 0, removed 0$' "$TMPDIR/web" || { cat "$TMPDIR/web"; fail "web totals"; }

run diff --json "$TMPDIR/d.json" "$old" "$new"
expect_rc 2 "with --json"
grep -q '^targets: 4' "$TMPDIR/out" || fail "table missing with --json FILE"
python3 - "$TMPDIR/d.json" "$SHADOW" "$fails" "$TMPDIR/web-diff.json" <<'PY' || fail "diff JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
shadow, fails, web_out = sys.argv[2], int(sys.argv[3]), sys.argv[4]
assert d["format"] == "stigcheck-diff-dirs" and d["version"] == 1, d
assert d["regressed"] is True
assert d["added"] == ["queue"] and d["gone"] == ["cache"], (d["added"], d["gone"])
by = {t["name"]: t for t in d["targets"]}
assert sorted(by) == ["cache", "db", "queue", "web"], sorted(by)
assert by["db"]["state"] == "compared" and not by["db"]["regressed"]
assert by["db"]["diff"]["changes"] == []
w = by["web"]
assert w["state"] == "compared" and w["regressed"] is True
assert [(c["rule"], c["change"]) for c in w["diff"]["changes"]] == [(shadow, "regressed")], w["diff"]["changes"]
assert by["queue"]["state"] == "added" and by["queue"]["regressed"] is True
assert by["queue"]["diff"]["counts"]["regressed"] == fails
assert by["cache"]["state"] == "gone" and by["cache"]["regressed"] is False
assert by["cache"]["diff"]["counts"]["regressed"] == 0
assert by["cache"]["diff"]["counts"]["removed"] > 0
json.dump(w["diff"], open(web_out, "w"))
PY
validate_json "$DIFF_SCHEMA" "$TMPDIR/web-diff.json"

# nothing regressed: exit 0 (the target gone is not a regression)
rm "$new/queue.xml"
cp "$old/web.xml" "$new/web.xml"
run diff "$old" "$new"
expect_rc 0 "no regression"
grep -qx "targets: 3, added 0, gone 1, regressed 0" "$TMPDIR/out" || { cat "$TMPDIR/out"; fail "totals without regression"; }

# a directory and a file
run diff "$old" "$new/web.xml"
expect_rc 1 "directory against a file"
expect_err_line "diff: $old is a directory and $new/web.xml is not: give two results files or two --output-dir directories"
# a target that is not results
echo '<nope/>' >"$new/broken.xml"
run diff "$old" "$new"
expect_rc 1 "unreadable target"
[ "$(wc -l <"$TMPDIR/err")" = 1 ] || fail "more than one error line: $(cat "$TMPDIR/err")"
grep -q broken.xml "$TMPDIR/err" || fail "the error does not name the file: $(cat "$TMPDIR/err")"
exit 0
