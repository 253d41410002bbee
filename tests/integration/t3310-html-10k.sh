# Stored results with 10,000 rule-results re-render quickly into an HTML
# report of reasonable size that a browser loads and shows a page at a
# time (no DOM blow-up); the checklists and ARF come out valid too.
# Prints the numbers; the bounds are generous (this is not a benchmark).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
N=10000
svs=$(awk -F'\t' '$1=="R"{print $3}' "$HERE/../../reports/gpos-srg.tsv" | tr '\n' ' ')
awk -v n=$N -v svs="$svs" 'BEGIN {
	split(svs, sv, " "); nsv = length(sv)
	split("pass fail notapplicable notchecked error pass informational", res, " ")
	split("high medium low medium", sev, " ")
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"xccdf_org.example_benchmark_big\" resolved=\"1\" xml:lang=\"en\">"
	print "<status>draft</status><title>Synthetic benchmark with " n " rules</title><version>1.0</version>"
	for (g = 0; g < n / 100; g++) {
		printf "<Group id=\"xccdf_org.example_group_g%03d\"><title>Group %d</title>\n", g, g
		for (i = g * 100; i < (g + 1) * 100; i++) {
			printf "<Rule id=\"xccdf_org.example_rule_r%05d\" severity=\"%s\" weight=\"10.0\">", i, sev[i % 4 + 1]
			printf "<title>Synthetic rule %d checks that setting number %d of the system is configured as required</title>", i, i
			printf "<description>This synthetic rule exists to measure how the report behaves with many rules. It checks one made-up setting and says what it found, like a real rule would; the text is about as long as a real description.</description>"
			printf "<reference href=\"https://public.cyber.mil/stigs/srg-stig-tools/\">%s</reference>", sv[i % nsv + 1]
			printf "<ident system=\"http://cyber.mil/cci\">CCI-000366</ident>"
			printf "<fixtext>Set setting %d to the required value in the image build.</fixtext>", i
			printf "<check system=\"urn:stigcheck:manual\"><check-content>Look at setting %d. If it is not the required value, this is a finding.</check-content></check></Rule>\n", i
		}
		print "</Group>"
	}
	print "<TestResult id=\"xccdf_org.stigcheck_testresult_default\" start-time=\"2026-01-01T10:00:00+00:00\" end-time=\"2026-01-01T10:00:07+00:00\" test-system=\"cpe:/a:stigcheck:stigcheck:0.1.0\">"
	print "<benchmark href=\"big.xml\" id=\"xccdf_org.example_benchmark_big\"/><title>stigcheck scan result</title><target>big-target</target>"
	for (i = 0; i < n; i++) {
		printf "<rule-result idref=\"xccdf_org.example_rule_r%05d\" role=\"full\" severity=\"%s\" time=\"2026-01-01T10:00:05+00:00\" weight=\"10\">", i, sev[i % 4 + 1]
		printf "<result>%s</result><message severity=\"info\">/etc/example/setting%d: value %d found\n/etc/example/setting%d: expected the required value</message>", res[i % 7 + 1], i, i * 7, i
		printf "<check system=\"urn:stigcheck:manual\"><check-content-ref href=\"#xccdf_org.example_rule_r%05d\"/></check></rule-result>\n", i
	}
	print "<score system=\"urn:xccdf:scoring:default\" maximum=\"100.000000\">50.000000</score></TestResult></Benchmark>"
}' >"$TMPDIR/big.xml"
validate_xccdf "$TMPDIR/big.xml"

ms() { date +%s%3N; }
t0=$(ms)
run report --from "$TMPDIR/big.xml" -q --report "$TMPDIR/big.html"
t1=$(ms)
[ "$rc" = 2 ] || fail "report --from: exit $rc: $(cat "$TMPDIR/err")"
size=$(wc -c <"$TMPDIR/big.html")
echo "HTML for $N rule-results: $((t1 - t0)) ms, $size bytes"
# (under valgrind only correctness counts)
[ "${VALGRIND:-0}" = 1 ] || [ $((t1 - t0)) -lt 30000 ] || fail "rendering took $((t1 - t0)) ms"
[ "$size" -lt 30000000 ] || fail "the report is $size bytes"
[ "$(grep -o '<tbody class="r"' "$TMPDIR/big.html" | wc -l)" = $N ] || fail "not every rule is in the report"

t0=$(ms)
run report --from "$TMPDIR/big.xml" -q --ckl "$TMPDIR/big.ckl" --cklb "$TMPDIR/big.cklb" --results-arf "$TMPDIR/big-arf.xml"
t1=$(ms)
echo "CKL, CKLB and ARF for $N rule-results: $((t1 - t0)) ms"
validate_ckl "$TMPDIR/big.ckl"
validate_cklb "$TMPDIR/big.cklb"
xmllint --noout --schema "$ARF_DEEP_XSD" "$TMPDIR/big-arf.xml" 2>/dev/null || fail "big ARF does not validate"

if command -v chromium >/dev/null 2>&1; then
	rm -rf "$TMPDIR/profile"
	t0=$(ms)
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$TMPDIR/profile" --virtual-time-budget=10000 --dump-dom \
		"file://$TMPDIR/big.html" >"$TMPDIR/dom.html" 2>"$TMPDIR/chrome.err" ||
		{ tail -5 "$TMPDIR/chrome.err"; fail "chromium cannot load the 10,000-rule report"; }
	t1=$(ms)
	echo "Chromium loads it (script included) in $((t1 - t0)) ms"
	grep -q "id=\"shown\"[^>]*>$N of $N rules, 200 shown<" "$TMPDIR/dom.html" ||
		{ grep -o 'id="shown"[^<]*<' "$TMPDIR/dom.html"; fail "the report does not page its rules"; }
	[ "$(grep -o '<tbody class="r"[^>]*hidden' "$TMPDIR/dom.html" | wc -l)" = $((N - 200)) ] || fail "rows beyond the first page are not hidden"
fi
exit 0
