# --image as an unprivileged user (uid 65534) gives the same rule results,
# messages included, as root on the same archive, and as --rootfs on the
# tree the archive was made from: owners and modes come from the layer
# headers (a side table), not from chown.  Device nodes and a FIFO in a
# layer are entries judged by their header metadata, not a reason to
# refuse the image, and are never created on disk.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root (to build a layer with device nodes and to become uid 65534)"
command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"

tree=$TMPDIR/tree
busybox_root "$tree"
mkdir -p "$tree/dev" "$tree/run" "$tree/usr/bin" "$tree/home/app"
mknod "$tree/dev/null" c 1 3
mknod "$tree/dev/sda" b 8 0
chmod 0666 "$tree/dev/null"
chmod 0660 "$tree/dev/sda"
mkfifo -m 0600 "$tree/run/initctl"
cp "$BUSYBOX" "$tree/usr/bin/su"
chmod 04755 "$tree/usr/bin/su"
echo data >"$tree/home/app/data"
chown -R 1000:1000 "$tree/home/app"
chmod 0600 "$tree/etc/shadow"
grep -q '^app:' "$tree/etc/passwd" || echo 'app:x:1000:1000::/home/app:/bin/sh' >>"$tree/etc/passwd"

# a benchmark with the fixture rules plus rules on the device entries
bench=$TMPDIR/bench.xml
sed '$d' "$TARGETS_XCCDF" >"$bench"
cat >>"$bench" <<'EOF'
  <Rule id="xccdf_org.stigcheck.test_rule_dev_null_entry" selected="true" severity="low">
    <title>dev_null_entry: /dev/null is there, root's, at most 0666</title>
    <check system="urn:stigcheck:native">
      <check-content xmlns:sc="urn:stigcheck:native">
        <sc:file path="/dev/null" mode_max="0666" owner="root" group="root"/>
      </check-content>
    </check>
  </Rule>
  <Rule id="xccdf_org.stigcheck.test_rule_dev_sda_is_file" selected="true" severity="low">
    <title>dev_sda_is_file: fails, it is a block device</title>
    <check system="urn:stigcheck:native">
      <check-content xmlns:sc="urn:stigcheck:native">
        <sc:file path="/dev/sda" type="regular"/>
      </check-content>
    </check>
  </Rule>
  <Rule id="xccdf_org.stigcheck.test_rule_app_data_owner" selected="true" severity="low">
    <title>app_data_owner: owned by uid 1000 as the header says</title>
    <check system="urn:stigcheck:native">
      <check-content xmlns:sc="urn:stigcheck:native">
        <sc:file path="/home/app/data" owner="app"/>
      </check-content>
    </check>
  </Rule>
</Benchmark>
EOF
make_layer "$tree" "$TMPDIR/l1.tar"
make_docker_archive "$TMPDIR/img.tar" "$TMPDIR/l1.tar"
make_oci "$TMPDIR/oci" gzip "$TMPDIR/l1.tar"

# the unprivileged user reads the archive and writes into its own directory
nb=$TMPDIR/nobody
mkdir -m 1777 "$nb"
chmod 0755 "$TMPDIR"
chmod -R a+rX "$TMPDIR/img.tar" "$TMPDIR/oci"
as_nobody() {
	set +e
	setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR="$nb" $SC "$@" >"$TMPDIR/out" 2>"$TMPDIR/err.raw"
	rc=$?
	set -e
	grep -v -e '^--[0-9]*--' -e '^==[0-9]*==' "$TMPDIR/err.raw" >"$TMPDIR/err" || true
	[ "$rc" != 99 ] || { cat "$TMPDIR/err.raw"; fail "valgrind found errors"; }
}

for b in "$bench" ""; do
	run --rootfs "$tree" --results "$TMPDIR/tree.xml" $b
	tree_rc=$rc
	rule_results "$TMPDIR/tree.xml" | no_user_rule >"$TMPDIR/tree.rr"
	for img in "$TMPDIR/img.tar" "$TMPDIR/oci"; do
		run --image "$img" --results "$TMPDIR/root.xml" $b
		expect_rc "$tree_rc" "root: --image $img"
		rule_results "$TMPDIR/root.xml" >"$TMPDIR/root.rr"
		as_nobody --image "$img" --results "$nb/nobody.xml" $b
		expect_rc "$tree_rc" "uid 65534: --image $img"
		[ ! -s "$TMPDIR/err" ] || { cat "$TMPDIR/err"; fail "uid 65534: stderr is not empty"; }
		validate_xccdf "$nb/nobody.xml"
		rule_results "$nb/nobody.xml" >"$TMPDIR/nobody.rr"
		diff "$TMPDIR/root.rr" "$TMPDIR/nobody.rr" || fail "uid 65534 differs from root on $img"
		no_user_rule <"$TMPDIR/root.rr" | diff "$TMPDIR/tree.rr" - || fail "--image $img differs from --rootfs"
	done
done

# the device rules decided what the headers say
run --image "$TMPDIR/img.tar" --results "$TMPDIR/r.xml" "$bench"
[ "$(result_of "$TMPDIR/r.xml" _rule_dev_null_entry)" = pass ] || fail "/dev/null entry: $(result_of "$TMPDIR/r.xml" _rule_dev_null_entry)"
[ "$(result_of "$TMPDIR/r.xml" _rule_dev_sda_is_file)" = fail ] || fail "/dev/sda judged as a file"
grep -q 'block device' "$TMPDIR/r.xml" || fail "no evidence naming the block device"
[ "$(result_of "$TMPDIR/r.xml" _rule_app_data_owner)" = pass ] || fail "owner from the header"
[ "$(result_of "$TMPDIR/r.xml" _rule_etc_shadow_permissions)" = pass ] || fail "shadow from the header"
# and a failing owner: the same tree with /etc/shadow owned by 1000
chown 1000 "$tree/etc/shadow"
make_layer "$tree" "$TMPDIR/l2.tar"
make_docker_archive "$TMPDIR/img2.tar" "$TMPDIR/l2.tar"
chmod a+r "$TMPDIR/img2.tar"
as_nobody --image "$TMPDIR/img2.tar" --results "$nb/n2.xml" "$bench"
expect_rc 2 "shadow owned by 1000"
[ "$(result_of "$nb/n2.xml" _rule_etc_shadow_permissions)" = fail ] || fail "uid 65534: shadow owned by 1000 passes"

# nothing left behind by either user
left=$(ls -d "$TMPDIR"/stigcheck-image.* "$nb"/stigcheck-image.* 2>/dev/null || true)
[ -z "$left" ] || fail "left behind: $left"
exit 0
