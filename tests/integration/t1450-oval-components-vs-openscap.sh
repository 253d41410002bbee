# Differential test of OVAL 5.11 variable components (functions):
# tests/fixtures/oval/components-oval.xml computes one local variable per
# function (arithmetic add/multiply over int and float with a cross
# product, time_difference in every date-time format OpenSCAP reads,
# regex_capture, split, substring, escape_regex, count, unique,
# glob_to_regex with and without glob_noescape, concat, begin, end), each
# read by an ind:variable_test.  stigcheck and OpenSCAP must agree on
# every rule result and on every variable's values (as collected in their
# ARF's variable_items; compared as sets, numbers numerically, since
# OpenSCAP prints floats with %f and sorts unique's values).
#
# Where OpenSCAP 1.3.7 is wrong the test asserts the right answer (each
# case says why) and only requires that OpenSCAP still computes a value.
. "$(dirname "$0")/lib.sh"
command -v oscap >/dev/null 2>&1 || skip "oscap not installed (openscap-scanner): differential test not run"
here=$(cd "$(dirname "$0")" && pwd)
d=$TMPDIR/c
mkdir -p "$d/root"
cp "$here/../fixtures/oval/components-oval.xml" "$here/../fixtures/oval/components-xccdf.xml" "$d/"
run --rootfs "$d/root" --results "$d/sc.xml" --results-arf "$d/sc-arf.xml" "$d/components-xccdf.xml"
expect_rc 0 "every component computed"
before=$(date +%s)
# OpenSCAP converts dates with localtime(): give it UTC, as OVAL means
( cd "$d" && TZ=UTC OSCAP_PROBE_ROOT="$d/root" oscap xccdf eval --results "$d/os.xml" \
    --results-arf "$d/os-arf.xml" "$d/components-xccdf.xml" >"$d/os.out" 2>&1 ) || true
after=$(date +%s)
[ -f "$d/os-arf.xml" ] || { cat "$d/os.out"; fail "oscap wrote no results"; }
xsltproc "$here/rule-results.xsl" "$d/sc.xml" | sort >"$d/sc.r"
xsltproc "$here/rule-results.xsl" "$d/os.xml" | sort >"$d/os.r"
[ "$(grep -c ' pass$' "$d/sc.r")" = 22 ] || fail "stigcheck: not 22 passes: $(cat "$d/sc.r")"
cmp -s "$d/sc.r" "$d/os.r" || fail "rule results differ: $(diff "$d/sc.r" "$d/os.r")"

# VAR<TAB>sorted values, numbers normalised
values() {
	xsltproc "$here/variable-items.xsl" "$1" | awk -F'\t' '{
		n = split($2, v, "|")
		for (i = 1; i <= n; i++)
			if (v[i] ~ /^-?[0-9]+(\.[0-9]+)?$/) v[i] = sprintf("%.15g", v[i] + 0)
		# insertion sort: awk has no portable sort
		for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j > 0 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
		s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? "|" : "") v[i]
		sub(/^oval:t:var:/, "", $1); print $1 "\t" s
	}' | sort -n
}
values "$d/sc-arf.xml" >"$d/sc.v"
values "$d/os-arf.xml" >"$d/os.v"
[ "$(wc -l <"$d/sc.v")" = 22 ] || fail "stigcheck: $(wc -l <"$d/sc.v") variable items, expected 22"
[ "$(wc -l <"$d/os.v")" = 22 ] || fail "OpenSCAP: $(wc -l <"$d/os.v") variable items, expected 22"
val() { awk -F'\t' -v n="$2" '$1 == n { print $2 }' "$1"; }

agree=0
for n in $(seq 1 22); do
	sc=$(val "$d/sc.v" "$n"); os=$(val "$d/os.v" "$n")
	case $n in
	1)	# OpenSCAP leaves the sums of string-typed components (split's
		# values) empty (an uninitialised buffer); OVAL's own example of
		# {1,2} + {3,4,5} is these six values
		[ "$sc" = "4|5|5|6|6|7" ] || fail "var 1 (arithmetic add): $sc" ;;
	9)	# OpenSCAP does not implement win_filetime (reads it as 0, then
		# wraps the negative difference): 2009-04-02T00:00:00Z is
		# FILETIME 128831040000000000, minus 1238600000 s is 30400 s
		[ "$sc" = 30400 ] || fail "var 9 (win_filetime): $sc" ;;
	10)	# one argument: now minus 2020-01-01T00:00:00Z (1577836800).
		# OpenSCAP subtracts 1900 from the year twice (strptime's tm_year
		# passed as a year), so its value is 1900 years too large
		lo=$((before - 1577836800 - 120)); hi=$((after - 1577836800 + 120))
		[ "$sc" -ge "$lo" ] && [ "$sc" -le "$hi" ] || fail "var 10 (now - 2020-01-01): $sc, not in $lo..$hi" ;;
	19)	# OpenSCAP drops a '[' that follows a '/' (its SLASH state);
		# a bracket expression stays one, with [!a] as [^a]
		[ "$sc" = '^/etc/[^a][^/]*\.d/[^./]x$' ] || fail "var 19 (glob_to_regex): $sc" ;;
	*)	[ "$sc" = "$os" ] || fail "var $n: stigcheck '$sc', OpenSCAP '$os'"
		agree=$((agree + 1)) ;;
	esac
	[ -n "$os" ] || [ "$n" = 1 ] || fail "var $n: OpenSCAP computed no value"
done
echo "22 rule results agree; $agree of 22 variables have OpenSCAP's values, 4 where OpenSCAP is wrong have the right ones"

# an invalid glob and a substring past the end are errors that name why
sed -e 's|<literal_component>/etc/\[!a\]\*.d/?x</literal_component>|<literal_component>/etc/[ab</literal_component>|' \
    -e 's|substring_start="3"|substring_start="7"|' "$d/components-oval.xml" >"$d/bad.xml"
mv "$d/bad.xml" "$d/components-oval.xml"
run --rootfs "$d/root" --results "$d/bad-sc.xml" "$d/components-xccdf.xml"
expect_rc 2 "two rules in error"
xsltproc "$here/rule-results.xsl" "$d/bad-sc.xml" | sort >"$d/bad.r"
[ "$(grep -c ' error$' "$d/bad.r")" = 2 ] || fail "expected 2 errors: $(cat "$d/bad.r")"
rule_messages "$d/bad-sc.xml" 19 | grep -q 'not a valid glob pattern' || fail "rule 19: no message about the glob"
rule_messages "$d/bad-sc.xml" 13 | grep -q 'past the end' || fail "rule 13: no message about the substring"
exit 0
