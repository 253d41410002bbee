# The HTML report in a real browser (headless Chromium): the script runs,
# the counts shown are those of the results, and a screenshot is kept in
# $BUILD/test-outputs/ (report.png: native benchmark with a failing rule
# opened; report-chainguard.png: the Chainguard data stream).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v chromium >/dev/null 2>&1 || skip "chromium is not installed (.ci/deps.sh installs it)"
keep=$BUILD/test-outputs
mkdir -p "$keep"
chrome() {
	rm -rf "$TMPDIR/profile"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$TMPDIR/profile" --hide-scrollbars "$@" \
		2>"$TMPDIR/chrome.err"
}
# shown_count DOM ID: the number in the element with that id
shown_count() { sed -n "s|.*id=\"$2\"[^>]*>\([0-9]*\)<.*|\1|p" "$1" | head -n1; }
# check_counts HTML RESULTS: the DOM after scripts ran shows the results' counts
check_counts() {
	chrome --virtual-time-budget=5000 --dump-dom "file://$1" >"$TMPDIR/dom.html" ||
		{ cat "$TMPDIR/chrome.err"; fail "chromium cannot load $1"; }
	total=$(xcount "$2" "//*[local-name()='rule-result']")
	[ "$(shown_count "$TMPDIR/dom.html" n-all)" = "$total" ] || fail "$1: total shown is not $total"
	for r in pass fail notapplicable notchecked error; do
		n=$(xcount "$2" "//*[local-name()='rule-result'][*[local-name()='result']='$r']")
		got=$(shown_count "$TMPDIR/dom.html" "n-$r")
		[ "${got:-0}" = "$n" ] || fail "$1: $r shown as '${got}', results have $n"
	done
	for s in high medium low; do
		n=$(xcount "$2" "//*[local-name()='rule-result'][@severity='$s']")
		[ "$(shown_count "$TMPDIR/dom.html" "n-$s")" = "$n" ] || fail "$1: $s count"
	done
	# the script ran: the filter line is filled in
	sel=$(xcount "$2" "//*[local-name()='rule-result'][*[local-name()='result']!='notselected']")
	grep -q "id=\"shown\"[^>]*>$sel of $total rules" "$TMPDIR/dom.html" ||
		{ grep -o 'id="shown"[^<]*<' "$TMPDIR/dom.html"; fail "$1: the filter script did not run"; }
}
is_png() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '211PNG' ] && [ "$(wc -c <"$1")" -gt 20000 ]; }

root=$TMPDIR/root
demo_root "$root"
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig --results "$TMPDIR/n.xml" --report "$TMPDIR/native.html"
expect_rc 2 "native scan"
check_counts "$TMPDIR/native.html" "$TMPDIR/n.xml"
chrome --window-size=1280,1500 --screenshot="$keep/report.png" \
	"file://$TMPDIR/native.html#open=xccdf_org.stigcheck_rule_etc_shadow_permissions,xccdf_org.stigcheck_rule_accounts_no_usable_password" >/dev/null ||
	{ cat "$TMPDIR/chrome.err"; fail "no screenshot"; }
is_png "$keep/report.png" || fail "the screenshot is not a PNG image"
cp "$TMPDIR/native.html" "$keep/report.html"

run --rootfs "$root" -q --profile xccdf_basic_profile_.check --results "$TMPDIR/cg.xml" --report "$TMPDIR/cg.html" "$CHAINGUARD_DS"
check_counts "$TMPDIR/cg.html" "$TMPDIR/cg.xml"
chrome --window-size=1280,1500 --screenshot="$keep/report-chainguard.png" "file://$TMPDIR/cg.html" >/dev/null ||
	{ cat "$TMPDIR/chrome.err"; fail "no screenshot"; }
is_png "$keep/report-chainguard.png" || fail "the screenshot is not a PNG image"
echo "screenshots: $keep/report.png $keep/report-chainguard.png"
exit 0
