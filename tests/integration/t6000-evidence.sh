# --evidence DIR: one directory with every output of the output table and
# manifest.json; every file validates and its hash and size are in the
# manifest; the directory is written completely or not at all; `report
# --from` writes the same set.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
command -v jq >/dev/null 2>&1 || skip "jq is not installed (.ci/deps.sh installs it)"
root=$TMPDIR/root
demo_root "$root"
ev=$TMPDIR/ev

run --rootfs "$root" --evidence "$ev" -q
expect_rc 2 "the demo root has findings"
[ -s "$ev/manifest.json" ] || fail "no manifest.json"
jq -e . "$ev/manifest.json" >/dev/null || fail "manifest.json is not JSON"
validate_xccdf "$ev/results.xml"
validate_arf "$ev/arf.xml"
validate_ckl "$ev/checklist.ckl"
validate_cklb "$ev/checklist.cklb"
grep -q '<html' "$ev/report.html" || fail "report.html is not HTML"

# exactly the files the manifest lists, plus the manifest, with their
# sizes and hashes (checked with coreutils, not with stigcheck)
(cd "$ev" && ls | grep -v '^manifest.json$' | sort) >"$TMPDIR/have"
jq -r '.files[].name' "$ev/manifest.json" | sort >"$TMPDIR/listed"
cmp -s "$TMPDIR/have" "$TMPDIR/listed" || { diff "$TMPDIR/have" "$TMPDIR/listed"; fail "directory and manifest differ"; }
[ "$(wc -l <"$TMPDIR/listed")" -ge 5 ] || fail "fewer than the five XML/HTML/checklist files"
jq -r '.files[] | "\(.sha256)  \(.name)"' "$ev/manifest.json" >"$TMPDIR/sums"
(cd "$ev" && sha256sum -c --quiet "$TMPDIR/sums") || fail "a file's SHA-256 differs from the manifest"
jq -r '.files[] | "\(.name) \(.size)"' "$ev/manifest.json" | while read -r n s; do
	[ "$(stat -c %s "$ev/$n")" = "$s" ] || fail "$n: size differs from the manifest"
done
# the file names come from the output table: the help lists the options
for f in results.xml arf.xml report.html checklist.ckl checklist.cklb; do
	grep -qx "$f" "$TMPDIR/listed" || fail "$f missing"
done

# provenance: scanner binary hash, built-in content hash, command line
# (arguments only), times, target read digest; the same in results.xml
[ "$(jq -r .scanner.sha256 "$ev/manifest.json")" = "$(sha256sum <"$STIGCHECK" | cut -c1-64)" ] ||
	[ "${VALGRIND:-0}" = 1 ] || fail "scanner sha256 is not the binary's"
[ "$(jq -r .content.file "$ev/manifest.json")" = "built-in:stigcheck-gpos-xccdf.xml" ] || fail "content file"
[ "$(jq -r .content.sha256 "$ev/manifest.json")" = "$(sha256sum <"$BUILD/gen/stigcheck-gpos-xccdf.xml" | cut -c1-64)" ] ||
	fail "built-in content sha256 is not the embedded benchmark's"
[ "$(jq -r '."command-line" | join(" ")' "$ev/manifest.json")" = "$STIGCHECK --rootfs $root --evidence $ev -q" ] ||
	fail "command line: $(jq -c '."command-line"' "$ev/manifest.json")"
SECRET_ENV=leak-me-not run --rootfs "$root" --evidence "$TMPDIR/ev-env" -q
! grep -r leak-me-not "$TMPDIR/ev-env" || fail "the scanner's environment leaked into the evidence"
for k in start-time end-time; do
	jq -e ".scan.\"$k\" | test(\"^20[0-9][0-9]-\")" "$ev/manifest.json" >/dev/null || fail "no $k"
done
d=$(jq -r '."target-facts"."urn:stigcheck:fact:target:read-sha256"' "$ev/manifest.json")
echo "$d" | grep -Eq '^[0-9a-f]{64}$' || fail "no target read digest ($d)"
grep -q "urn:stigcheck:fact:content:sha256" "$ev/results.xml" || fail "results lack the content hash fact"
grep -q "$d" "$ev/results.xml" || fail "results lack the read digest"

# the read digest names what was read: a copy of the tree gives the same
# digest; one byte changed in a file the scan reads changes it; a file the
# scan never opens (same size and mode) does not
cp -a "$root" "$TMPDIR/copy"
digest() { run --rootfs "$1" --results "$TMPDIR/r.xml" -q; expect_scanned "$1";
	xmllint --xpath "string(//*[local-name()='fact'][@name='urn:stigcheck:fact:target:read-sha256'])" "$TMPDIR/r.xml"; }
[ "$(digest "$TMPDIR/copy")" = "$d" ] || fail "a copy of the tree has another read digest"
mkdir -p "$TMPDIR/copy/srv" && echo aaaa >"$TMPDIR/copy/srv/data"
d1=$(digest "$TMPDIR/copy")
echo bbbb >"$TMPDIR/copy/srv/data"
[ "$(digest "$TMPDIR/copy")" = "$d1" ] || fail "contents never read changed the read digest"
sed -i 's/^root:/ROOT:/' "$TMPDIR/copy/etc/passwd"
[ "$(digest "$TMPDIR/copy")" != "$d1" ] || fail "a changed /etc/passwd left the read digest alone"

# all or nothing: an existing non-empty directory is refused before the
# scan, and nothing is left beside it
run --rootfs "$root" --evidence "$ev" -q
expect_rc 1 "evidence directory exists"
expect_err_line "exists and is not empty"
ls -a "$TMPDIR" | grep -q '^\.ev\.' && fail "a temporary directory was left behind"
# an empty directory is replaced
mkdir "$TMPDIR/empty"
run --rootfs "$root" --evidence "$TMPDIR/empty" -q
expect_rc 2 "empty evidence directory"
[ -s "$TMPDIR/empty/manifest.json" ] || fail "empty directory not filled"
# a file that cannot be written (the parent is read-only) leaves nothing
if [ "$(id -u)" != 0 ]; then
	mkdir "$TMPDIR/ro" && chmod 0555 "$TMPDIR/ro"
	run --rootfs "$root" --evidence "$TMPDIR/ro/ev" -q
	expect_rc 1 "read-only parent"
	[ -z "$(ls -A "$TMPDIR/ro")" ] || fail "something was left in the read-only parent"
fi
# interrupted: SIGTERM while writing leaves no directory and no temporary one
if [ "${VALGRIND:-0}" != 1 ]; then
	"$STIGCHECK" --rootfs "$root" --evidence "$TMPDIR/int" -q >/dev/null 2>&1 &
	pid=$!
	sleep 0.05; kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true
	if [ -e "$TMPDIR/int" ]; then
		[ -s "$TMPDIR/int/manifest.json" ] || fail "an interrupted run left a partial directory"
	fi
	ls -a "$TMPDIR" | grep -q '^\.int\.' && fail "an interrupted run left its temporary directory"
else
	echo "skipping the SIGTERM part under valgrind (timing)"
fi

# report --from: the same set of files, and the scan's provenance with the
# re-rendered file's hash
run report --from "$ev/results.xml" --evidence "$TMPDIR/re" -q
expect_rc 2 "re-render"
(cd "$TMPDIR/re" && ls | sort) >"$TMPDIR/re.have"
(cd "$ev" && ls | sort) >"$TMPDIR/ev.have"
cmp -s "$TMPDIR/re.have" "$TMPDIR/ev.have" || fail "report --evidence wrote another set of files"
[ "$(jq -r '."source-results".sha256' "$TMPDIR/re/manifest.json")" = "$(sha256sum <"$ev/results.xml" | cut -c1-64)" ] || fail "source-results hash"
[ "$(jq -r '."target-facts"."urn:stigcheck:fact:target:read-sha256"' "$TMPDIR/re/manifest.json")" = "$d" ] || fail "re-render lost the read digest"
cmp -s "$TMPDIR/re/results.xml" "$ev/results.xml" || fail "re-rendered results.xml differs"

# usage errors: one line, exit 1
run --rootfs "$root" --sign-key k.pem -q
expect_rc 1 "sign without evidence"; expect_err_line "--evidence"
run --rootfs "$root" --evidence "$TMPDIR/nodir/sub/ev" -q
expect_rc 1 "missing parent"; expect_err_line "does not exist"
echo ok
