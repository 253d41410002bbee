set -eu
. $(dirname "$0")/lib.sh
. $(dirname "$0")/oval-lib.sh
while read -r name spec; do
	[ -z "$name" ] && continue
	fixture $name $spec
	sc_scan "$TMPDIR/fx/$name" "$TMPDIR/fx/$name.sc.xml"
	oscap_scan "$TMPDIR/fx/$name" "$TMPDIR/fx/$name.oscap.xml"
	rule_results "$TMPDIR/fx/$name.sc.xml" >"$TMPDIR/fx/$name.sc"
	rule_results "$TMPDIR/fx/$name.oscap.xml" >"$TMPDIR/fx/$name.os"
	d=$(diff "$TMPDIR/fx/$name.os" "$TMPDIR/fx/$name.sc" | grep '^[<>]' | grep -v SV-20375[34] || true)
	echo "== $name ($(grep -c . $TMPDIR/fx/$name.sc) rules): $(grep -v notapplicable $TMPDIR/fx/$name.sc | awk '{print $2}' | sort | uniq -c | tr '\n' ' ')"
	[ -n "$d" ] && echo "$d"
done <"$LIST"
