# Shared helpers for integration tests (sourced).  See tests/run-integration.sh.
set -u
SC="$STIGCHECK"
if [ "${VALGRIND:-0}" = 1 ]; then
	SC="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect $STIGCHECK"
fi
XCCDF_XSD=/usr/share/openscap/schemas/xccdf/1.2/xccdf_1.2.xsd
CHAINGUARD_DS="$SHARED/data/scap/ssg-chainguard-gpos-ds.xml"

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "$*"; exit 77; }
# run CMD...: run stigcheck, keep stdout/stderr in $TMPDIR/out, $TMPDIR/err and status in $rc
run() {
	set +e
	$SC "$@" >"$TMPDIR/out" 2>"$TMPDIR/err.raw"
	rc=$?
	set -e
	# valgrind's own notes (e.g. about openat2, which it does not know)
	grep -v -e '^--[0-9]*--' -e '^==[0-9]*==' "$TMPDIR/err.raw" >"$TMPDIR/err" || true
	[ "$rc" != 99 ] || { cat "$TMPDIR/err.raw"; fail "valgrind found errors"; }
}
# the scan ran (findings or not): exit status 0 or 2
expect_scanned() { [ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/out" "$TMPDIR/err"; fail "exit status $rc, expected a completed scan ($1)"; }; }
expect_rc() { [ "$rc" = "$1" ] || { cat "$TMPDIR/out" "$TMPDIR/err"; fail "exit status $rc, expected $1 ($2)"; }; }
# one line on stderr, containing the text
expect_err_line() {
	# valgrind's own notes ("--PID-- WARNING: unhandled syscall") are not ours
	[ "${VALGRIND:-0}" = 1 ] && sed -i '/^--[0-9]*-- /d' "$TMPDIR/err"
	lines=$(wc -l <"$TMPDIR/err")
	[ "$lines" = 1 ] || { cat "$TMPDIR/err"; fail "stderr has $lines lines, expected 1"; }
	grep -q -- "$1" "$TMPDIR/err" || { cat "$TMPDIR/err"; fail "stderr lacks '$1'"; }
}
# result_of FILE RULE-ID-SUFFIX: print the <result> of a rule-result
result_of() {
	xmllint --xpath "string(//*[local-name()='rule-result'][substring(@idref, string-length(@idref) - string-length('$2') + 1) = '$2']/*[local-name()='result'])" "$1"
}
validate_xccdf() { xmllint --noout --schema "$XCCDF_XSD" "$1" 2>"$TMPDIR/xmllint.err" || { cat "$TMPDIR/xmllint.err"; fail "$1 does not validate"; }; }

# need_fips_provider: $prov = the cached OpenSSL FIPS provider build
# (tests/fixtures/fips-provider.sh), built if missing; skips when it cannot be.
need_fips_provider() {
	fixtures=$(cd "$(dirname "$0")/../fixtures" && pwd)
	prov=$("$fixtures/fips-provider.sh" --print-dir)
	if [ ! -f "$prov/DONE" ]; then
		"$fixtures/fips-provider.sh" >"$TMPDIR/build.log" 2>&1 || true
		prov=$("$fixtures/fips-provider.sh" --print-dir)
	fi
	[ -f "$prov/DONE" ] || skip "FIPS provider could not be built: $(cat "$prov/FAILED" 2>/dev/null || tail -n1 "$TMPDIR/build.log")"
}
# fips_clean_root: $clean = a fresh FIPS fixture root (skips without a provider)
fips_clean_root() {
	need_fips_provider
	clean=$TMPDIR/clean
	sh "$fixtures/fips-root.sh" "$clean" "$prov" >/dev/null || fail "fips-root.sh failed"
}
# rule_messages FILE RULE: the evidence of the rule-result whose id ends in _rule_RULE
rule_messages() {
	xmllint --xpath "//*[local-name()='rule-result'][contains(@idref,'_rule_$2')]/*[local-name()='message']/text()" "$1" 2>/dev/null || true
}

# For differential tests against OpenSCAP on a fixture in DIR (rules in
# DIR/XCCDF, the root in DIR/root): oscap_eval writes DIR/os.xml (its
# output in DIR/os.out) and fails when oscap wrote none; rule_lists writes
# DIR/sc and DIR/os, the "rule result" lines of DIR/sc.xml and DIR/os.xml
# with rule ids cut after "_rule_", sorted, for cmp.
oscap_eval() {	# DIR XCCDF
	( cd "$1" && OSCAP_PROBE_ROOT="$1/root" oscap xccdf eval --results "$1/os.xml" \
	    "$1/$2" >"$1/os.out" 2>&1 ) || true
	[ -f "$1/os.xml" ] || { cat "$1/os.out"; fail "oscap wrote no results"; }
}
rule_lists() {	# DIR
	for f in sc os; do
		xsltproc "$(dirname "$0")/rule-results.xsl" "$1/$f.xml" |
			sed 's/.*_rule_//' | sort >"$1/$f"
	done
}
