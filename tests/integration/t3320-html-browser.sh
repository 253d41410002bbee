# The HTML report in a real browser: clicking the result and severity
# filter boxes hides and shows exactly the matching rows (headless
# Chromium driven by playwright-core), and printing to PDF shows every rule
# and the evidence of every selected rule that is not pass or
# notapplicable (Chromium's --print-to-pdf, read back with pdftotext).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v chromium >/dev/null 2>&1 || skip "chromium is not installed (.ci/deps.sh installs it)"
command -v pdftotext >/dev/null 2>&1 || skip "pdftotext is not installed (.ci/deps.sh installs poppler-utils)"
npm_cached playwright-core-1.49.1 playwright-core@1.49.1
root=$TMPDIR/root
demo_root "$root"
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig --results "$TMPDIR/r.xml" --report "$TMPDIR/r.html" -q
expect_rc 2 "native scan"
# the rows carry the results' results (what the filters act on)
for r in pass fail notapplicable notchecked; do
	n=$(xcount "$TMPDIR/r.xml" "//*[local-name()='rule-result'][*[local-name()='result']='$r']")
	[ "$(grep -o "<tbody class=\"r\" data-r=\"$r\"" "$TMPDIR/r.html" | wc -l)" = "$n" ] || fail "$r rows in the HTML differ from the results ($n)"
done
timeout 300 node "$HERE/html-filters.mjs" "$npm_dir" "$(command -v chromium)" "$TMPDIR/r.html" ||
	fail "the filters do not hide and show the right rows"

# print to PDF
rm -rf "$TMPDIR/profile"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
	--user-data-dir="$TMPDIR/profile" --no-pdf-header-footer \
	--print-to-pdf="$TMPDIR/r.pdf" "file://$TMPDIR/r.html" 2>"$TMPDIR/chrome.err" ||
	{ cat "$TMPDIR/chrome.err"; fail "chromium cannot print the report"; }
[ "$(head -c 4 "$TMPDIR/r.pdf")" = "%PDF" ] || fail "no PDF"
# -raw keeps the document order; a long id wraps inside its cell, so
# compare without white space
pdftotext -raw "$TMPDIR/r.pdf" - | tr -d ' \n\t' >"$TMPDIR/pdf.txt"
xmllint --xpath "//*[local-name()='rule-result']/@idref" "$TMPDIR/r.xml" |
	sed 's/ idref="\([^"]*\)"/\1\n/g' | grep . >"$TMPDIR/ids"
[ "$(wc -l <"$TMPDIR/ids")" -gt 200 ] || fail "too few rules to check the printout"
while read -r id; do
	grep -qF "$id" "$TMPDIR/pdf.txt" || fail "the printout lacks rule $id"
done <"$TMPDIR/ids"
# evidence: the first message of every rule that is not pass/notapplicable
xmllint --xpath "//*[local-name()='rule-result'][*[local-name()='result']!='pass' and *[local-name()='result']!='notapplicable' and *[local-name()='result']!='notselected']/@idref" "$TMPDIR/r.xml" |
	sed 's/ idref="\([^"]*\)"/\1\n/g' | grep . >"$TMPDIR/open"
[ -s "$TMPDIR/open" ] || fail "no failing or manual rule to check"
while read -r id; do
	msg=$(xmllint --xpath "string(//*[local-name()='rule-result'][@idref='$id']/*[local-name()='message'][1])" "$TMPDIR/r.xml" |
		head -n1 | tr -d ' \t' | cut -c1-40)
	[ -n "$msg" ] || continue
	grep -qF -- "$msg" "$TMPDIR/pdf.txt" || fail "the printout lacks the evidence of $id ('$msg')"
done <"$TMPDIR/open"
echo ok
