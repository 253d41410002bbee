# A malformed reviews file (YAML syntax, a missing field, a duplicate rule,
# a broken checklist, a directory) exits 1 with one stderr line naming the
# file and line, before any output is written: no results, no evidence
# directory, no history file.  Two entries reaching one rule (its id and
# its V-id) name both lines.
. "$(dirname "$0")/lib.sh"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
out=$TMPDIR/out.d
mkdir -p "$out" "$TMPDIR/hist"
R=xccdf_org.stigcheck_rule_

bad() { # bad FILE WANT: the scan and `report --from` refuse FILE
	run --rootfs "$root" --reviews "$1" --results "$out/r.xml" --ckl "$out/c.ckl" \
		--evidence "$out/ev" --history "$TMPDIR/hist"
	expect_rc 1 "$1"; expect_err_line "$2"
	[ -z "$(ls -A "$out")" ] || fail "outputs left behind for $1: $(ls "$out")"
	[ -z "$(ls -A "$TMPDIR/hist")" ] || fail "history written for $1"
	run report --from "$TMPDIR/good.xml" --reviews "$1" --results "$out/r.xml"
	expect_rc 1 "report --from with $1"; expect_err_line "$2"
	[ -z "$(ls -A "$out")" ] || fail "report left outputs for $1"
}
run --rootfs "$root" --results "$TMPDIR/good.xml" -q
expect_scanned "a good scan"

printf 'reviews:\n  - rule: %setc_shadow_permissions\n    result: pass\n    reason: [oops\n' "$R" >"$TMPDIR/syntax.yaml"
bad "$TMPDIR/syntax.yaml" "syntax.yaml:5: malformed YAML"

printf 'reviews:\n  - rule: a\n    result: pass\n    reason: r\n    date: 2026-01-01\n' >"$TMPDIR/noby.yaml"
bad "$TMPDIR/noby.yaml" "noby.yaml:2: a review needs rule, result, reason, by and date"

printf 'reviews:\n  - rule: a\n    result: waived\n' >"$TMPDIR/res.yaml"
bad "$TMPDIR/res.yaml" "res.yaml:3: result 'waived' is not pass, fail or notapplicable"

printf 'reviews:\n- {rule: a, result: pass, reason: r, by: b, date: 2026-01-01}\n- {rule: a, result: fail, reason: r, by: b, date: 2026-01-01}\n' >"$TMPDIR/dup.yaml"
bad "$TMPDIR/dup.yaml" "dup.yaml:3: rule 'a' is reviewed twice (also at $TMPDIR/dup.yaml:2)"

# the same rule by id and by V-id: found when applied, still before any output
printf 'reviews:\n- {rule: %ssuperseded_software_removed, result: pass, reason: r, by: b, date: 2026-01-01}\n- {rule: V-203755, result: fail, reason: r, by: b, date: 2026-01-01}\n' "$R" >"$TMPDIR/dup2.yaml"
bad "$TMPDIR/dup2.yaml" "dup2.yaml:2: '${R}superseded_software_removed' and $TMPDIR/dup2.yaml:3: 'V-203755' both review rule"

printf '<CHECKLIST>\n<STIGS>\n<iSTIG>\n<VULN>\n</CHECKLIST>\n' >"$TMPDIR/broken.ckl"
bad "$TMPDIR/broken.ckl" "broken.ckl:6: malformed XML"

printf '{"stigs": [\n  {"rules": [\n' >"$TMPDIR/broken.cklb"
bad "$TMPDIR/broken.cklb" "broken.cklb:3: malformed JSON"

bad "$TMPDIR" "not a regular file"
bad "$TMPDIR/missing.yaml" "missing.yaml"
exit 0
