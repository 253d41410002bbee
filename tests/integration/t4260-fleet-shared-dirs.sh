# Containers of one image share the walk of the image's directories
# (walk/walk.h, probes/filecache.h), and each still gets its own verdict:
# five podman containers of one image, three of which changed one file
# each in a directory of the image (a mode, a library, a file one level
# deeper), scanned with --all-containers.  The first (unchanged) one reads
# the image's directories; the others replay what it read for the
# directories they did not change, and read their own changed ones.
# Per container the rule results and the OpenSSL evidence equal
# --container's, each change is judged for its own container only, and
# summary.json shows the sharing happened (so this test fails if the
# shared path is never taken).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
. "$(dirname "$0")/../fixtures/podman.sh"
need_podman
command -v python3 >/dev/null || skip "needs python3 (reads summary.json)"
trap podman_cleanup EXIT

r=$TMPDIR/root
busybox_root "$r"
mkdir -p "$r/opt/data/sub" "$r/usr/lib"
for f in a b c sub/d; do
	echo "$f" >"$r/opt/data/$f"
	chmod 0644 "$r/opt/data/$f"
done
printf 'x\000OpenSSL 3.0.15 3 Sep 2024\000OPENSSLDIR: "/usr/lib/ssl"\000' \
    >"$r/usr/lib/libcrypto.so.3"
podman_image shared "$r" || fail "podman import: $(cat "$TMPDIR/podman.err")"
img=localhost/$PODMAN_PREFIX-shared:1
P=$PODMAN_PREFIX
# names sort in this order, which is the scan order
for n in 0base 1ww 2lib 3sub 4base; do
	podman_run "$P-$n" "$img" /bin/busybox sleep 100000
done
names=$PODMAN_CTS
ex() { podman exec "$P-$1" /bin/busybox sh -c "$2" || fail "podman exec $1: $2"; }
ex 1ww 'chmod 0666 /opt/data/a'
ex 2lib 'printf "x\000OpenSSL 1.1.1w 11 Sep 2023\000" >/usr/lib/libcrypto.so.3'
ex 3sub 'chmod 0666 /opt/data/sub/d'

out=$TMPDIR/fleet
run --all-containers --output-dir "$out"
expect_rc 2 "--all-containers"
for n in $names; do
	[ -s "$out/$n.xml" ] || fail "no $n.xml"
done

# each change is its own container's
ww=_rule_no_world_writable_files
[ "$(result_of "$out/$P-1ww.xml" $ww)" = fail ] || fail "1ww: /opt/data/a 0666 not found"
[ "$(result_of "$out/$P-3sub.xml" $ww)" = fail ] || fail "3sub: /opt/data/sub/d 0666 not found"
for n in 0base 2lib 4base; do
	[ "$(result_of "$out/$P-$n.xml" $ww)" = pass ] || fail "$n: a world-writable file of another container judged"
done
grep -q '/opt/data/a' "$out/$P-1ww.xml" || fail "1ww: no evidence of /opt/data/a"
grep -q '/opt/data/sub/d' "$out/$P-1ww.xml" && fail "1ww: 3sub's /opt/data/sub/d judged"
grep -q '/opt/data/sub/d' "$out/$P-3sub.xml" || fail "3sub: no evidence of /opt/data/sub/d"
grep -q '/opt/data/a' "$out/$P-3sub.xml" && fail "3sub: 1ww's /opt/data/a judged"
grep -q 'OpenSSL 1.1.1w' "$out/$P-2lib.xml" || fail "2lib: its own libcrypto (1.1.1w) not seen"
for n in 0base 1ww 3sub 4base; do
	grep -q 'OpenSSL 1.1.1w' "$out/$P-$n.xml" && fail "$n: 2lib's libcrypto judged"
	grep -q 'OpenSSL 3.0.15' "$out/$P-$n.xml" || fail "$n: the image's libcrypto not seen"
done

# the sharing happened: the first container of the image read every
# directory, the later ones replayed some
python3 - "$out/summary.json" "$P" <<'PY' || fail "summary.json: sharing"
import json, sys
doc = json.load(open(sys.argv[1]))
p = sys.argv[2]
by = {c["name"]: c for c in doc["containers"]}
sh = {n: by[p + "-" + n]["shared"]["directories"] for n in
      ("0base", "1ww", "2lib", "3sub", "4base")}
assert sh["0base"] == 0, sh
for n in ("1ww", "2lib", "3sub", "4base"):
    assert sh[n] > 0, sh
# 4base changed nothing: it replays at least what the changed ones do
assert sh["4base"] >= max(sh["1ww"], sh["2lib"], sh["3sub"]), sh
PY

# per container: what --container NAME gives (rule results, OpenSSL text)
check=$names
if [ "${VALGRIND:-0}" = 1 ]; then
	check="$P-1ww $P-4base"
	echo "valgrind: comparing 2 of the 5 containers with --container (each scan takes long under valgrind); the --all-containers run above covered all 5"
fi
for n in $check; do
	same_as_container "$n" "$out"
	grep -o 'OpenSSL [0-9][0-9.a-z]*' "$TMPDIR/$n.xml" | sort -u >"$TMPDIR/want"
	grep -o 'OpenSSL [0-9][0-9.a-z]*' "$out/$n.xml" | sort -u >"$TMPDIR/got"
	diff "$TMPDIR/want" "$TMPDIR/got" || fail "$n: OpenSSL versions differ from --container"
	grep -o '/opt/data/[a-z/]*' "$TMPDIR/$n.xml" | sort -u >"$TMPDIR/want"
	grep -o '/opt/data/[a-z/]*' "$out/$n.xml" | sort -u >"$TMPDIR/got"
	diff "$TMPDIR/want" "$TMPDIR/got" || fail "$n: /opt/data evidence differs from --container"
done
exit 0
