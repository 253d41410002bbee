# --container ID: a real contained process is moved into a cgroup named as
# docker names a container's (docker-<id>.scope), and found by its full
# and shortened id through /proc/*/cgroup alone, with the same results as
# --rootfs.  A runtime CLI that names a process of another container is
# not believed.  Skipped, saying why, where this machine does not let a
# test create cgroups.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
need_root_and_busybox
command -v unshare >/dev/null || skip "needs unshare (util-linux)"
root=$TMPDIR/root
busybox_root "$root"
trap stop_container EXIT
start_container "$root" || skip "this machine does not let us start a contained process (unshare --pid --mount)"
cid=$(printf 'stigcheck-test-%s' "$$" | sha256sum | cut -c1-64)
short=$(printf '%s' "$cid" | cut -c1-12)
fake_cgroup "$CT_PID" "$cid" || skip "container-id lookup not tested: $CG_WHY"
fact() { xmllint --xpath "string(//*[local-name()='fact'][@name='$2'])" "$1"; }

for ref in "$short" "$cid"; do
	for bench in "$TARGETS_XCCDF" ""; do
		run --rootfs "$root" --results "$TMPDIR/want.xml" $bench
		want_rc=$rc
		run --container "$ref" --results "$TMPDIR/got.xml" $bench
		expect_rc "$want_rc" "--container $ref"
		# the runtime rules (container_*) apply only to a running
		# process: notapplicable on a tree, evaluated on a container
		rule_results "$TMPDIR/want.xml" | awk '/^xccdf/ { skip = /_rule_container_/ } !skip' >"$TMPDIR/want"
		rule_results "$TMPDIR/got.xml" | awk '/^xccdf/ { skip = /_rule_container_/ } !skip' >"$TMPDIR/got"
		diff "$TMPDIR/want" "$TMPDIR/got" || fail "--container $ref differs from --rootfs"
	done
done
run --container "$short" --results "$TMPDIR/i.xml" "$TARGETS_XCCDF"
[ "$(fact "$TMPDIR/i.xml" urn:stigcheck:fact:container:id)" = "$cid" ] || fail "id fact"
[ "$(fact "$TMPDIR/i.xml" urn:stigcheck:fact:container:runtime)" = docker ] || fail "runtime fact"
[ "$(fact "$TMPDIR/i.xml" urn:stigcheck:fact:container:pid)" = "$CT_PID" ] || fail "pid fact"
[ "$(fact "$TMPDIR/i.xml" urn:xccdf:fact:asset:identifier:host_name)" = "$short" ] || fail "name"
# by PID, the id is found all the same
run --container "$CT_PID" --results "$TMPDIR/p.xml" "$TARGETS_XCCDF"
[ "$(fact "$TMPDIR/p.xml" urn:stigcheck:fact:container:id)" = "$cid" ] || fail "id fact by PID"

# a runtime CLI naming this process for another container is refused
bin=$TMPDIR/bin
mkdir -p "$bin"
other=$(printf other | sha256sum | cut -c1-64)
cat >"$bin/docker" <<EOF2
#!/bin/sh
echo '[{"Id":"$other","Name":"/liar","State":{"Running":true,"Pid":$CT_PID}}]'
EOF2
chmod +x "$bin/docker"
saved_path=$PATH
export PATH="$bin:$PATH"
run --container liar
export PATH="$saved_path"
expect_rc 1 "mismatched id"
expect_err_line "process $CT_PID belongs to container $short, not $(printf %s "$other" | cut -c1-12) (docker inspect); refusing to scan it"
exit 0
