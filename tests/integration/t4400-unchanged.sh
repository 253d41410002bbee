# No file in a scanned tree changes during a scan (content, type, mode,
# owner, size, mtime, ctime), whatever the target kind: the root
# filesystem, a running container's tree (seen from the host), and an
# image's layout directory and archive.  Every benchmark at hand is run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
need_root_and_busybox
root=$TMPDIR/root
busybox_root "$root"
# a few things a careless scanner would touch
mkfifo "$root/etc/openssl.cnf"
ln -s /etc/shadow "$root/etc/link-to-shadow"
chmod 0600 "$root/etc/issue"

benches="$TARGETS_XCCDF -"
[ -f "$CHAINGUARD_DS" ] && benches="$benches $CHAINGUARD_DS"
# scan_all ARGS...: every benchmark against one target
scan_all() {
	for b in $benches; do
		if [ "$b" = - ]; then
			run "$@" --results "$TMPDIR/r.xml"
		elif [ "$b" = "$CHAINGUARD_DS" ]; then
			run "$@" --profile xccdf_basic_profile_.check --results "$TMPDIR/r.xml" "$b"
		else
			run "$@" --results "$TMPDIR/r.xml" "$b"
		fi
		[ "$rc" = 0 ] || [ "$rc" = 2 ] || { cat "$TMPDIR/err"; fail "$* $b: exit $rc"; }
	done
}
# unchanged_by WHAT DIR... -- ARGS...: snapshot DIRs around scan_all ARGS
unchanged_by() {
	what=$1
	shift
	dirs=""
	while [ "$1" != -- ]; do dirs="$dirs $1"; shift; done
	shift
	snapshot $dirs >"$TMPDIR/before"
	sleep 0.01	# a change would get a later timestamp
	scan_all "$@"
	snapshot $dirs >"$TMPDIR/after"
	diff "$TMPDIR/before" "$TMPDIR/after" || fail "$what changed the tree it scanned"
	[ -s "$TMPDIR/before" ] || fail "empty snapshot"
}

unchanged_by rootfs "$root" -- --rootfs "$root"

# images: the layout directory and the archive stay as they were
make_layer "$root" "$TMPDIR/layer.tar"
make_oci "$TMPDIR/oci" gzip "$TMPDIR/layer.tar"
tar -cf "$TMPDIR/oci.tar" -C "$TMPDIR/oci" .
make_docker_archive "$TMPDIR/docker.tar" "$TMPDIR/layer.tar"
mkdir "$TMPDIR/archives"
mv "$TMPDIR/oci.tar" "$TMPDIR/docker.tar" "$TMPDIR/archives/"
unchanged_by "--image DIR" "$TMPDIR/oci" -- --image "$TMPDIR/oci"
unchanged_by "--image oci-archive" "$TMPDIR/archives" -- --image "$TMPDIR/archives/oci.tar"
unchanged_by "--image docker-archive" "$TMPDIR/archives" -- --image "$TMPDIR/archives/docker.tar"

# a running container, seen from the host
command -v unshare >/dev/null || skip "needs unshare (util-linux) for the container part"
trap stop_container EXIT
start_container "$root" || skip "this machine does not let us start a contained process (unshare --pid --mount)"
unchanged_by "--container PID" "$root" -- --container "$CT_PID"
exit 0
