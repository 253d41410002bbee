# --image podman:NAME and containers-storage:NAME read the image through
# `podman save` on a pipe and give the same results as the archive podman
# saves to a file and as --rootfs on the tree the image was made from; a
# name the runtime does not know, a runtime that is not installed, and a
# name that looks like an option are one clear line and exit 1.  (The
# deadline and the kill on timeout: check_image, with a runtime that
# hangs.)  The image is built locally with `podman import`: no registry.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root (podman's storage)"
command -v podman >/dev/null || skip "needs podman (.ci/deps.sh installs it)"

name=localhost/stigcheck-t4220:$$
cleanup() { podman rmi -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
tree=$TMPDIR/tree
busybox_root "$tree"
tar --numeric-owner -cf "$TMPDIR/tree.tar" -C "$tree" .
podman import --change 'USER=65532' "$TMPDIR/tree.tar" "$name" >"$TMPDIR/import.log" 2>&1 ||
	{ cat "$TMPDIR/import.log"; skip "podman import does not work here"; }
podman save --format docker-archive -o "$TMPDIR/saved.tar" "$name" >/dev/null 2>&1 || fail "podman save -o"

for b in "$TARGETS_XCCDF" ""; do
	run --rootfs "$tree" --results "$TMPDIR/tree.xml" $b
	want=$rc
	rule_results "$TMPDIR/tree.xml" | no_user_rule >"$TMPDIR/tree.rr"
	run --image "$TMPDIR/saved.tar" --results "$TMPDIR/file.xml" $b
	expect_rc "$want" "the saved archive"
	rule_results "$TMPDIR/file.xml" >"$TMPDIR/file.rr"
	no_user_rule <"$TMPDIR/file.rr" | diff "$TMPDIR/tree.rr" - || fail "podman's archive differs from --rootfs"
	for ref in "podman:$name" "containers-storage:$name"; do
		run --image "$ref" --results "$TMPDIR/pipe.xml" $b
		expect_rc "$want" "$ref"
		[ ! -s "$TMPDIR/err" ] || { cat "$TMPDIR/err"; fail "$ref: stderr"; }
		validate_xccdf "$TMPDIR/pipe.xml"
		rule_results "$TMPDIR/pipe.xml" >"$TMPDIR/pipe.rr"
		diff "$TMPDIR/file.rr" "$TMPDIR/pipe.rr" || fail "$ref differs from the saved archive"
	done
done
fact() { xmllint --xpath "string(//*[local-name()='fact'][@name='$2'])" "$1"; }
[ "$(fact "$TMPDIR/pipe.xml" urn:stigcheck:fact:target:path)" = "containers-storage:$name" ] || fail "target path"
[ "$(fact "$TMPDIR/pipe.xml" urn:stigcheck:fact:image:user)" = 65532 ] || fail "user fact"
[ "$(fact "$TMPDIR/pipe.xml" urn:stigcheck:fact:image:ref)" = "$name" ] || fail "ref fact: $(fact "$TMPDIR/pipe.xml" urn:stigcheck:fact:image:ref)"

# failures: one line naming the runtime and what it said
run --image podman:localhost/stigcheck-no-such-image:0
expect_rc 1 "unknown image"
expect_err_line "image 'podman:localhost/stigcheck-no-such-image:0': podman save failed (exit status 125): Error: "
run --image podman:--help
expect_rc 1 "an option as a name"
expect_err_line "not a valid image name"
run --image podman:
expect_rc 1 "an empty name"
expect_err_line "not a valid image name"
# a PATH holding no runtime (only valgrind, when the test runs under it)
nopath=$TMPDIR/nopath
mkdir "$nopath"
if [ "${VALGRIND:-0}" = 1 ]; then	# Debian's valgrind is a script running valgrind.bin
	for v in "$(command -v valgrind)" "$(command -v valgrind).bin"; do
		[ -e "$v" ] && ln -s "$v" "$nopath/"
	done
fi
set +e
PATH=$nopath $SC --image "docker:$name" >"$TMPDIR/out" 2>"$TMPDIR/err.raw"
rc=$?
set -e
grep -v -e '^--[0-9]*--' -e '^==[0-9]*==' "$TMPDIR/err.raw" >"$TMPDIR/err" || true
expect_rc 1 "docker not installed"
expect_err_line "cannot run 'docker save': not installed"
left=$(ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
[ -z "$left" ] || fail "left behind: $left"
exit 0
