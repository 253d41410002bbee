# Differential test beyond the Chainguard content: one OVAL definition per
# construct stigcheck implements (tests/fixtures/oval/constructs-oval.xml:
# ONE/XOR, negate, extend_definition, filehash58 with a local variable,
# recursion, max_depth, path and filepath patterns, filters, var_check,
# ignore_case/multiline, instances, count/unique/split, version and
# debian_evr_string comparisons, family), on a tree where they pass and
# one where most fail.  Every rule must give OpenSCAP's result (<set>
# and xmlfilecontent included), except the construct stigcheck does not
# implement (recurse_direction "up"): that is `error`, naming the
# construct.
. "$(dirname "$0")/lib.sh"
command -v oscap >/dev/null 2>&1 || skip "oscap not installed (openscap-scanner): differential test not run"
here=$(cd "$(dirname "$0")" && pwd)
RULE_XSL=$here/rule-results.xsl

for mode in passing failing; do
	d=$TMPDIR/$mode
	mkdir -p "$d"
	sh "$here/../fixtures/oval-constructs.sh" "$d" "$mode"
	envargs=""
	while IFS= read -r l; do envargs="$envargs --env $l"; done <"$d/root.env"
	# shellcheck disable=SC2086
	run --rootfs "$d/root" $envargs --results "$d/sc.xml" "$d/constructs-xccdf.xml"
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "$mode: exit $rc"; }
	( cd "$d" && OSCAP_PROBE_ROOT="$d/root" OSCAP_CONTAINER_VARS="$(cat "$d/root.env")" \
	    oscap xccdf eval --results "$d/os.xml" "$d/constructs-xccdf.xml" \
	    >"$d/os.out" 2>&1 ) || true
	[ -f "$d/os.xml" ] || { cat "$d/os.out"; fail "$mode: oscap wrote no results"; }
	xsltproc "$RULE_XSL" "$d/sc.xml" | sed 's/.*_rule_//' | sort >"$d/sc"
	xsltproc "$RULE_XSL" "$d/os.xml" | sed 's/.*_rule_//' | sort >"$d/os"
	[ "$(wc -l <"$d/sc")" = 25 ] || fail "$mode: $(wc -l <"$d/sc") rule-results, expected 25"
	join "$d/sc" "$d/os" | awk -v m="$mode" '
		$1 == 11 {
			if ($2 != "error") { print m ": rule " $1 " is " $2 ", expected error"; bad = 1 }
			next
		}
		$2 != $3 { print m ": rule " $1 ": stigcheck " $2 ", OpenSCAP " $3; bad = 1 }
		END { exit bad }' >"$TMPDIR/diff" || fail "$(cat "$TMPDIR/diff")"
	for n in 11; do
		xmllint --xpath "string(//*[local-name()='rule-result'][substring-after(@idref,'_rule_')='$n']/*[local-name()='message'])" \
		    "$d/sc.xml" | grep -q "is not supported" || fail "$mode: rule $n: no message naming the construct"
	done
	validate_xccdf "$d/sc.xml"
	echo "$mode: 24 rule-results agree with OpenSCAP, 1 unsupported construct is an error"
done
# the two trees really differ
cmp -s "$TMPDIR/passing/sc" "$TMPDIR/failing/sc" && fail "passing and failing trees give the same results"
[ "$(grep -c ' fail$' "$TMPDIR/failing/sc")" -ge 12 ] || fail "the failing tree fails too few rules"
exit 0
