# --container PID: a real contained process (new PID and mount namespaces,
# chroot into a busybox root) gives the same rule results as --rootfs on
# its tree; facts and the runtime state come from the process.  (By
# container id: t4110; by name: t4150.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
need_root_and_busybox
command -v unshare >/dev/null || skip "needs unshare (util-linux)"
root=$TMPDIR/root
busybox_root "$root"
trap stop_container EXIT
start_container "$root" || skip "this machine does not let us start a contained process (unshare --pid --mount)"
grep -q '^NSpid:.*[[:space:]]1$' "/proc/$CT_PID/status" || fail "the fixture process is not PID 1 of its namespace"

fact() { xmllint --xpath "string(//*[local-name()='fact'][@name='$2'])" "$1"; }
# same_as_rootfs ARGS...: scan with ARGS and with --rootfs, same results
same_as_rootfs() {
	for bench in "$TARGETS_XCCDF" ""; do
		run --rootfs "$root" --results "$TMPDIR/want.xml" $bench
		want_rc=$rc
		run "$@" --results "$TMPDIR/got.xml" $bench
		expect_rc "$want_rc" "$*"
		validate_xccdf "$TMPDIR/got.xml"
		# the runtime rules (container_*) apply only to a running
		# process: notapplicable on a tree, evaluated on a container
		rule_results "$TMPDIR/want.xml" | awk '/^xccdf/ { skip = /_rule_container_/ } !skip' >"$TMPDIR/want"
		rule_results "$TMPDIR/got.xml" | awk '/^xccdf/ { skip = /_rule_container_/ } !skip' >"$TMPDIR/got"
		diff "$TMPDIR/want" "$TMPDIR/got" || fail "$* differs from --rootfs"
	done
}

# by PID
same_as_rootfs --container "$CT_PID"
# the runtime rules: notapplicable on the tree, decided on the process
run --rootfs "$root" --results "$TMPDIR/tree.xml"
run --container "$CT_PID" --results "$TMPDIR/proc.xml"
for r in container_not_root container_no_dangerous_caps container_no_new_privs container_readonly_root; do
	[ "$(result_of "$TMPDIR/tree.xml" "_rule_$r")" = notapplicable ] || fail "$r on a tree: $(result_of "$TMPDIR/tree.xml" "_rule_$r")"
	case $(result_of "$TMPDIR/proc.xml" "_rule_$r") in pass | fail) ;; *) fail "$r on the process: $(result_of "$TMPDIR/proc.xml" "_rule_$r")" ;; esac
done
# the fixture process runs as root, read-write, without no_new_privs
[ "$(result_of "$TMPDIR/proc.xml" _rule_container_not_root)" = fail ] || fail "not_root should fail for a root process"
grep -q "process $CT_PID runs as uid 0" "$TMPDIR/proc.xml" || fail "not_root evidence"
run --rootfs "$root" "$TARGETS_XCCDF"
grep -q '^pass 8, fail 1' "$TMPDIR/out" || fail "fixture totals: $(tail -1 "$TMPDIR/out")"
run --container "$CT_PID" --results "$TMPDIR/f.xml" "$TARGETS_XCCDF"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:target:kind)" = container ] || fail "kind"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:target:path)" = "/proc/$CT_PID/root" ] || fail "path"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:container:pid)" = "$CT_PID" ] || fail "pid fact"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:container:uid)" = 0 ] || fail "uid fact"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:container:cap-eff)" = \
	"$(sed -n 's/^CapEff:[[:space:]]*//p' "/proc/$CT_PID/status")" ] || fail "cap-eff fact"
[ "$(fact "$TMPDIR/f.xml" urn:stigcheck:fact:container:root-readonly)" = false ] || fail "root-readonly"
# the name is the target's own hostname, never the scanner's
[ "$(fact "$TMPDIR/f.xml" urn:xccdf:fact:asset:identifier:host_name)" = demo-root ] || fail "name"

# the scan sees the live tree
chmod 0644 "$root/etc/shadow"
run --container "$CT_PID" --results "$TMPDIR/s.xml" "$TARGETS_XCCDF"
[ "$(result_of "$TMPDIR/s.xml" _rule_etc_shadow_permissions)" = fail ] || fail "shadow 0644 not seen"
chmod 0640 "$root/etc/shadow"

# a process that has gone
gone=$CT_PID
stop_container
trap - EXIT
run --container "$gone"
expect_rc 1 "exited process"
expect_err_line "cannot find container '$gone'"
run --container 'bad ref!'
expect_rc 1 "bad reference"
expect_err_line "is not a PID, a container id or a container name"
exit 0
