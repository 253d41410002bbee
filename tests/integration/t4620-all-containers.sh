# --all-containers with real podman containers: five containers of five
# local images (one --read-only, one --user 1000, one with a read-only
# bind of a host directory) scanned with `--all-containers --output-dir
# out --formats arf` give, per container, NAME.xml and NAME.arf.xml with
# the rule results `--container NAME` gives, and summary.json lists all
# five with the identity podman reports and the counts of NAME.xml.
# One container that cannot be scanned does not stop the others.
# Containers of other users of this machine may run too: they are scanned
# and listed as well, and not judged here.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
. "$(dirname "$0")/../fixtures/podman.sh"
. "$(dirname "$0")/outputs.sh"
need_podman
command -v python3 >/dev/null || skip "needs python3 (reads summary.json)"
trap podman_cleanup EXIT

# five images, each a little different
for v in 1 2 3 4 5; do
	r=$TMPDIR/root$v
	busybox_root "$r"
	echo "image $v" >"$r/etc/motd"
	case $v in
	2) chmod 0644 "$r/etc/shadow" ;;		# fails etc_shadow_permissions
	3) echo 'app:x:1000:1000::/home/app:/sbin/nologin' >>"$r/etc/passwd" ;;
	4) echo x >"$r/opt/keep/ww" && chmod 0666 "$r/opt/keep/ww" ;;
	esac
	podman_image "all$v" "$r" || fail "podman import: $(cat "$TMPDIR/podman.err")"
done
mkdir -p "$TMPDIR/hostdata"
echo secret >"$TMPDIR/hostdata/f"
chmod 0666 "$TMPDIR/hostdata/f"	# not the container's: never judged
img() { echo "localhost/$PODMAN_PREFIX-all$1:1"; }
names=""
podman_run "$PODMAN_PREFIX-plain" "$(img 1)" /bin/busybox sleep 100000
podman_run "$PODMAN_PREFIX-ro" --read-only "$(img 2)" /bin/busybox sleep 100000
podman_run "$PODMAN_PREFIX-user" --user 1000 "$(img 3)" /bin/busybox sleep 100000
podman_run "$PODMAN_PREFIX-bind" -v "$TMPDIR/hostdata:/data:ro" "$(img 4)" /bin/busybox sleep 100000
podman_run "$PODMAN_PREFIX-five" "$(img 5)" /bin/busybox sleep 100000
names=$PODMAN_CTS

out=$TMPDIR/fleet	# ($TMPDIR/out is run's stdout)
run --all-containers --output-dir "$out" --formats arf
expect_rc 2 "--all-containers (findings in every container)"
for n in $names; do
	[ -s "$out/$n.xml" ] || fail "no $n.xml in $(ls "$out")"
	[ -s "$out/$n.arf.xml" ] || fail "no $n.arf.xml"
	grep -q "^$n: pass [0-9]*, fail" "$TMPDIR/out" || fail "no console line for $n"
done
validate_xccdf "$out/$PODMAN_PREFIX-bind.xml"
validate_arf "$out/$PODMAN_PREFIX-ro.arf.xml"

# per container: the results --container NAME gives
check=$names
if [ "${VALGRIND:-0}" = 1 ]; then
	check="$PODMAN_PREFIX-ro $PODMAN_PREFIX-bind"
	echo "valgrind: comparing 2 of the 5 containers with --container (each scan takes long under valgrind); the --all-containers run above covered all 5"
fi
for n in $check; do
	same_as_container "$n" "$out"
	rule_results "$out/$n.arf.xml" >"$TMPDIR/got"
	diff "$TMPDIR/want" "$TMPDIR/got" || fail "$n: the ARF differs from --container"
done
# what made them different shows
[ "$(result_of "$out/$PODMAN_PREFIX-ro.xml" _rule_etc_shadow_permissions)" = fail ] || fail "ro: shadow 0644"
[ "$(result_of "$out/$PODMAN_PREFIX-ro.xml" _rule_container_readonly_root)" = pass ] || fail "ro: read-only root"
[ "$(result_of "$out/$PODMAN_PREFIX-user.xml" _rule_container_not_root)" = pass ] || fail "user: uid 1000"
[ "$(result_of "$out/$PODMAN_PREFIX-plain.xml" _rule_container_not_root)" = fail ] || fail "plain: root"
[ "$(result_of "$out/$PODMAN_PREFIX-five.xml" _rule_no_world_writable_files)" = pass ] || fail "five: world-writable"
# image 4's own world-writable file is found, the bound host file is not
grep -q '/opt/keep/ww' "$out/$PODMAN_PREFIX-bind.xml" || fail "bind: /opt/keep/ww not found"
grep -q '/data/f' "$out/$PODMAN_PREFIX-bind.xml" && fail "bind: the host file behind /data was judged"
[ "$(result_of "$out/$PODMAN_PREFIX-bind.xml" _rule_container_no_sensitive_mounts)" = pass ] || fail "bind: ro bind judged sensitive"

# summary.json: every container, with podman's identity and the counts
for n in $names; do
	id=$(podman inspect --format '{{.Id}}' "$n")
	im=$(podman inspect --format '{{.ImageName}}' "$n")
	dg=$(podman inspect --format '{{.ImageDigest}}' "$n")
	fails=$(xmllint --xpath "count(//*[local-name()='rule-result'][*[local-name()='result']='fail'])" "$out/$n.xml")
	python3 - "$out/summary.json" "$n" "$id" "$im" "$dg" "$fails" <<'PY' || fail "summary.json entry for $n"
import json, sys
path, name, cid, image, digest, fails = sys.argv[1:]
doc = json.load(open(path))
assert doc["version"] == 1, doc["version"]
found = [c for c in doc["containers"] if c["name"] == name]
assert len(found) == 1, "%s listed %d times" % (name, len(found))
c = found[0]
for k, v in (("id", cid), ("image", image), ("image_digest", digest),
             ("runtime", "podman"), ("file", name), ("error", None)):
    assert c[k] == v, "%s: %r != %r" % (k, c[k], v)
assert c["counts"]["fail"] == int(fails), (c["counts"], fails)
assert sum(sum(s.values()) for s in c["by_severity"].values()) == \
    sum(v for k, v in c["counts"].items()), c
assert c["outputs"] == [name + ".xml", name + ".arf.xml"], c["outputs"]
assert isinstance(c["score"], float) and 0 <= c["score"] <= 100, c["score"]
PY
done

# one container that cannot be done (its results file cannot be written)
# is reported, and the others are scanned
bad=$TMPDIR/fleet2
mkdir -p "$bad/$PODMAN_PREFIX-five.xml"
run --all-containers --output-dir "$bad"
expect_rc 2 "one container failing"
grep -q "^stigcheck: $PODMAN_PREFIX-five: " "$TMPDIR/err" || { cat "$TMPDIR/err"; fail "no error line for the failing container"; }
for n in $names; do
	[ "$n" = "$PODMAN_PREFIX-five" ] && continue
	[ -s "$bad/$n.xml" ] || fail "$n not scanned after another container failed"
done
python3 - "$bad/summary.json" "$PODMAN_PREFIX-five" "$PODMAN_PREFIX-plain" <<'PY' || fail "summary.json of the failed run"
import json, sys
doc = json.load(open(sys.argv[1]))
by = {c["name"]: c for c in doc["containers"]}
assert by[sys.argv[2]]["error"], by[sys.argv[2]]
assert by[sys.argv[3]]["error"] is None, by[sys.argv[3]]
PY

# two containers of one image share what the image's unchanged files say
# (probes/filecache.h), but a file one of them changed (its overlay upper
# layer) is judged for that container: here a libcrypto whose version text
# is rewritten in one, and /etc/shadow made 0644 in the other
r=$TMPDIR/rootshared
busybox_root "$r"
mkdir -p "$r/usr/lib"
printf 'x\000OpenSSL 3.0.15 3 Sep 2024\000OPENSSLDIR: "/usr/lib/ssl"\000' >"$r/usr/lib/libcrypto.so.3"
podman_image shared "$r" || fail "podman import: $(cat "$TMPDIR/podman.err")"
podman_run "$PODMAN_PREFIX-sa" "localhost/$PODMAN_PREFIX-shared:1" /bin/busybox sleep 100000
podman_run "$PODMAN_PREFIX-sb" "localhost/$PODMAN_PREFIX-shared:1" /bin/busybox sleep 100000
podman exec "$PODMAN_PREFIX-sb" /bin/busybox sh -c \
    'printf "x\000OpenSSL 1.1.1w 11 Sep 2023\000" >/usr/lib/libcrypto.so.3' ||
    fail "podman exec: rewriting libcrypto"
podman exec "$PODMAN_PREFIX-sa" /bin/busybox chmod 0644 /etc/shadow || fail "podman exec: chmod"
sh_out=$TMPDIR/fleet3
run --all-containers --output-dir "$sh_out"
expect_rc 2 "--all-containers with two containers of one image"
for n in "$PODMAN_PREFIX-sa" "$PODMAN_PREFIX-sb"; do
	run --container "$n" --results "$TMPDIR/$n.xml"
	expect_rc 2 "--container $n"
	rule_results "$TMPDIR/$n.xml" >"$TMPDIR/want"
	rule_results "$sh_out/$n.xml" >"$TMPDIR/got"
	diff "$TMPDIR/want" "$TMPDIR/got" || fail "$n: --all-containers differs from --container (shared image)"
	# the same evidence too
	grep -o 'OpenSSL [0-9][0-9.a-z]*' "$TMPDIR/$n.xml" | sort -u >"$TMPDIR/want"
	grep -o 'OpenSSL [0-9][0-9.a-z]*' "$sh_out/$n.xml" | sort -u >"$TMPDIR/got"
	diff "$TMPDIR/want" "$TMPDIR/got" || fail "$n: OpenSSL versions differ from --container"
done
grep -q 'OpenSSL 1.1.1w' "$sh_out/$PODMAN_PREFIX-sb.xml" || fail "sb: its own libcrypto (1.1.1w) not seen"
grep -q 'OpenSSL 1.1.1w' "$sh_out/$PODMAN_PREFIX-sa.xml" && fail "sa: sb's libcrypto judged for sa"
grep -q 'OpenSSL 3.0.15' "$sh_out/$PODMAN_PREFIX-sa.xml" || fail "sa: the image's libcrypto (3.0.15) not seen"
[ "$(result_of "$sh_out/$PODMAN_PREFIX-sa.xml" _rule_etc_shadow_permissions)" = fail ] || fail "sa: shadow 0644 in its upper layer"
[ "$(result_of "$sh_out/$PODMAN_PREFIX-sb.xml" _rule_etc_shadow_permissions)" = pass ] || fail "sb: shadow of the image"

# options that do not go together
run --all-containers
expect_rc 1 "no --output-dir"
expect_err_line "--all-containers needs --output-dir DIR"
run --all-containers --output-dir "$out" --formats arf,nope
expect_rc 1 "unknown format"
expect_err_line "unknown format 'nope'"
run --all-containers --output-dir "$out" --results "$TMPDIR/x.xml"
expect_rc 1 "--results with --all-containers"
expect_err_line "with --all-containers choose formats with --formats"
run --container "$PODMAN_PREFIX-plain" --all-containers --output-dir "$out"
expect_rc 1 "two targets"
expect_err_line "give one target"
: >"$TMPDIR/notadir"
run --all-containers --output-dir "$TMPDIR/notadir"
expect_rc 1 "output dir is a file"
expect_err_line "is not a directory"
exit 0
