# linux:rpmverifyfile_test (tests/fixtures/oval/rpmverifyfile-oval.xml) on
# a root with a real rpm database whose package's files were changed after
# rpm installed them (tests/fixtures/rpmverify-root.sh), against peers:
#  - the expected rule results (written in the OVAL document's header);
#  - `rpm -V` on the same root: every file's size, mode, digest, device,
#    link, owner, group and mtime verdicts equal rpm's own;
#  - OpenSCAP: offline (OSCAP_PROBE_ROOT) its rpm probes do not read the
#    target's database (Debian's librpm looks in ~/.rpmdb of the scanning
#    host; every object "does not exist"), so it is run online in a
#    private mount namespace with the fixture's files bind-mounted where
#    the package put them and the fixture's database as its ~/.rpmdb
#    (root and unshare needed; skipped with a reason otherwise): rule
#    results and every item's entities must agree, except
#    capabilities_differ, which stigcheck does not compare ("not
#    performed"; OpenSCAP says pass for files without capabilities).
# And: a file that is gone is "missing", every check "not performed";
# a database that cannot be read is an error for every rule, never
# an empty object (a none_exist test must not pass on it).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v rpmbuild >/dev/null 2>&1 || skip "rpmbuild not installed (rpm): rpmverifyfile test not run"
command -v python3 >/dev/null 2>&1 || skip "python3 not installed: rpmverifyfile test not run"
here=$(cd "$(dirname "$0")" && pwd)
ITEMS_XSL=$here/rpmverifyfile-items.xsl
d=$TMPDIR/fx
mkdir -p "$d"
sh "$here/../fixtures/rpmverify-root.sh" "$d" || fail "rpmverify-root.sh failed"

run --rootfs "$d/root" --results "$d/sc.xml" --results-arf "$d/arf.xml" "$d/rpmverifyfile-xccdf.xml"
expect_scanned "rpmverifyfile"
validate_xccdf "$d/sc.xml"
# the ARF (its OVAL system characteristics included) against the schemas
if command -v oscap >/dev/null 2>&1; then validate_arf "$d/arf.xml"
else echo "ARF not validated: oscap (and its schemas) not installed"; fi
xsltproc "$here/rule-results.xsl" "$d/sc.xml" | sed 's/.*_rule_//' | sort -n >"$d/sc"
printf '%s\n' "1 pass" "2 fail" "3 pass" "4 fail" "5 pass" "6 fail" "7 pass" \
    "8 pass" "9 fail" "10 pass" "11 pass" >"$d/want"
diff "$d/want" "$d/sc" >"$TMPDIR/diff" || { cat "$TMPDIR/diff"; fail "rule results differ from the expected ones (< expected, > stigcheck)"; }
# the failing rule names what differs, with both values
m=$(rule_messages "$d/sc.xml" 2)
echo "$m" | grep -q "changed.txt.*differs in mode, digest, mtime" || fail "rule 2's message does not name mode and digest: $m"
echo "$m" | grep -q "mode 100600, rpm 100644" || fail "rule 2's message lacks the modes: $m"
m=$(rule_messages "$d/sc.xml" 4)
echo "$m" | grep -q "grown.txt.*differs in size, digest" || fail "rule 4's message does not name size and digest: $m"

# rpm -V: the letters of every file (SM5DLUGT), stigcheck's from its items
xsltproc "$ITEMS_XSL" "$d/arf.xml" | grep -v 'md5_differs=not_performed' | sort -u | awk '
	function l(e, c) { return (e ~ /=fail$/) ? c : "." }
	{
		s = ""
		split("size_differs:S mode_differs:M md5_differs:5 device_differs:D link_mismatch:L ownership_differs:U group_differs:G mtime_differs:T", k, " ")
		for (i = 1; i <= 8; i++) {
			split(k[i], kv, ":")
			v = "."
			for (j = 2; j <= NF; j++) if ($j ~ "^" kv[1] "=") v = l($j, kv[2])
			s = s v
		}
		print $1, s
	}' | sort >"$d/sc-v"
rpm --root "$d/root" --dbpath /var/lib/rpm -V t1460-files >"$d/rpm-v.raw" 2>&1 || true
awk '{ print $NF, substr($1, 1, 8) }' "$d/rpm-v.raw" | sort >"$d/rpm-v"
for f in $(cut -d' ' -f1 "$d/sc-v"); do
	grep -q "^$f " "$d/rpm-v" || echo "$f ........" >>"$d/rpm-v"
done
sort -o "$d/rpm-v" "$d/rpm-v"
[ "$(wc -l <"$d/sc-v")" = 5 ] || { cat "$d/sc-v"; fail "expected 5 files verified"; }
diff "$d/rpm-v" "$d/sc-v" >"$TMPDIR/diff" || { cat "$d/rpm-v.raw" "$TMPDIR/diff"; fail "stigcheck's verdicts differ from rpm -V's (< rpm, > stigcheck)"; }
echo "rpm -V agrees on all 5 files ($(grep -c '[A-Z5]' "$d/sc-v") differ)"

# OpenSCAP, online in a private mount namespace (see the header)
if ! command -v oscap >/dev/null 2>&1; then
	echo "OpenSCAP not compared: oscap not installed (openscap-scanner)"
elif [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
	echo "OpenSCAP not compared: needs root and unshare -m (its rpm probes do not read the target's database offline)"
else
	mkdir -p "$d/home/.rpmdb"
	cp "$d/root/var/lib/rpm/rpmdb.sqlite" "$d/home/.rpmdb/"
	( cd "$d" && unshare -m sh -c "mount --make-rprivate / && mount -t tmpfs none /opt &&
	    mkdir /opt/t1460 && mount --bind '$d/root/opt/t1460' /opt/t1460 &&
	    HOME='$d/home' oscap xccdf eval --oval-results --results '$d/os.xml' '$d/rpmverifyfile-xccdf.xml'" \
	    >"$d/os.out" 2>&1 ) || true
	[ -f "$d/os.xml" ] || { cat "$d/os.out"; fail "oscap wrote no results"; }
	xsltproc "$here/rule-results.xsl" "$d/os.xml" | sed 's/.*_rule_//' | sort -n >"$d/os"
	diff "$d/os" "$d/sc" >"$TMPDIR/diff" || { cat "$TMPDIR/diff"; fail "rule results differ from OpenSCAP's (< OpenSCAP, > stigcheck)"; }
	strip() { sed 's/ capabilities_differ=[a-z_]*//' | sort -u; }
	xsltproc "$ITEMS_XSL" "$d/arf.xml" | strip >"$d/sc-items"
	xsltproc "$ITEMS_XSL" "$d"/rpmverifyfile-oval.xml.result.xml | strip >"$d/os-items"
	[ -s "$d/os-items" ] || fail "OpenSCAP collected no rpmverifyfile items"
	diff "$d/os-items" "$d/sc-items" >"$TMPDIR/diff" || { cat "$TMPDIR/diff"; fail "items differ from OpenSCAP's (< OpenSCAP, > stigcheck)"; }
	echo "OpenSCAP agrees: 11 rule results, $(wc -l <"$d/sc-items") items"
fi

# a file rpm installed that is gone: every check "not performed" (as
# OpenSCAP's item for it says), so a state asking "pass" is false, and
# the evidence says the file is missing
cp -a "$d/root" "$d/gone"
rm "$d/gone/opt/t1460/grown.txt"
run --rootfs "$d/gone" --results "$d/gone.xml" "$d/rpmverifyfile-xccdf.xml"
expect_scanned "a missing file"
[ "$(result_of "$d/gone.xml" _rule_4)" = fail ] || fail "missing file: rule 4 is $(result_of "$d/gone.xml" _rule_4), expected fail"
rule_messages "$d/gone.xml" 4 | grep -q "grown.txt missing (package t1460-files" || fail "missing file: rule 4's message does not say missing: $(rule_messages "$d/gone.xml" 4)"
echo "a missing file is not verified, and the evidence says so"

# an unreadable database: every rule is an error, none passes on nothing
cp -a "$d/root" "$d/bad"
printf 'SQLite format 3\000 but not a database' >"$d/bad/var/lib/rpm/rpmdb.sqlite"
run --rootfs "$d/bad" --results "$d/bad.xml" "$d/rpmverifyfile-xccdf.xml"
for n in 1 2 6 8 11; do
	r=$(result_of "$d/bad.xml" "_rule_$n")
	[ "$r" = error ] || fail "corrupt database: rule $n is $r, expected error"
done
rule_messages "$d/bad.xml" 11 | grep -q "rpmdb.sqlite" || fail "corrupt database: rule 11's message does not name the database"
echo "a corrupt database makes every rule an error"
# a hostile header blob in a sound database: cut short, then an index
# entry pointing past the data store; each an error naming the header
for how in cut offset; do
	rm -rf "$d/hdr"
	cp -a "$d/root" "$d/hdr"
	python3 - "$d/hdr/var/lib/rpm/rpmdb.sqlite" "$how" <<'PY'
import sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
(blob,) = db.execute("SELECT blob FROM Packages").fetchone()
if sys.argv[2] == "cut":
    blob = blob[:100]
else:
    il = struct.unpack(">I", blob[:4])[0]
    b = bytearray(blob)
    for i in range(il):  # BASENAMES (1117): offset far past the store
        e = 8 + 16 * i
        if struct.unpack(">I", b[e:e + 4])[0] == 1117:
            b[e + 8:e + 12] = struct.pack(">I", 0x7ffffff0)
    blob = bytes(b)
db.execute("UPDATE Packages SET blob = ?", (blob,))
db.commit()
db.close()
PY
	run --rootfs "$d/hdr" --results "$d/hdr.xml" "$d/rpmverifyfile-xccdf.xml"
	for n in 1 6 11; do
		r=$(result_of "$d/hdr.xml" "_rule_$n")
		[ "$r" = error ] || fail "hostile header ($how): rule $n is $r, expected error"
	done
	rule_messages "$d/hdr.xml" 1 | grep -q "rpmdb.sqlite: rpm header" || fail "hostile header ($how): rule 1's message does not name the header: $(rule_messages "$d/hdr.xml" 1)"
done
echo "a hostile header blob makes every rule an error"
exit 0
