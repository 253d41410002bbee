# The private directory an image is flattened into is removed when
# stigcheck is interrupted.  The archive comes through a FIFO, so the scan
# is stopped, deterministically, half-way through reading it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
[ "$(id -u)" = 0 ] || skip "needs root: image files keep their owners"
[ "${VALGRIND:-0}" = 1 ] && skip "signal timing is not meaningful under valgrind"
root=$TMPDIR/root
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$root"
head -c 2000000 /dev/urandom >"$root/filler"
make_layer "$root" "$TMPDIR/layer.tar"
make_docker_archive "$TMPDIR/docker.tar" "$TMPDIR/layer.tar"
size=$(stat -c %s "$TMPDIR/docker.tar")

for sig in TERM INT HUP; do
	rm -f "$TMPDIR/fifo"
	mkfifo "$TMPDIR/fifo"
	$STIGCHECK --image "$TMPDIR/fifo" >"$TMPDIR/out" 2>"$TMPDIR/err" &
	pid=$!
	exec 3>"$TMPDIR/fifo"
	head -c $((size / 2)) "$TMPDIR/docker.tar" >&3
	# wait until the first half is staged in the private directory
	i=0
	until [ -n "$(find "$TMPDIR" -path "$TMPDIR/stigcheck-image.*/archive/*" -name layer.tar 2>/dev/null)" ]; do
		i=$((i + 1))
		[ $i -lt 200 ] || { exec 3>&-; kill -KILL $pid; fail "never staged"; }
		sleep 0.05
	done
	kill -$sig $pid
	set +e
	wait $pid
	rc=$?
	set -e
	exec 3>&-
	[ $rc -ge 128 ] || fail "SIG$sig: exit status $rc, expected death by signal"
	left=$(ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
	[ -z "$left" ] || fail "SIG$sig left $left"
done

# and on a clean run and on an error, too
run --image "$TMPDIR/docker.tar"
expect_scanned "clean"
head -c $((size / 2)) "$TMPDIR/docker.tar" >"$TMPDIR/truncated.tar"
run --image "$TMPDIR/truncated.tar"
expect_rc 1 "truncated archive"
left=$(ls -d "$TMPDIR"/stigcheck-image.* 2>/dev/null || true)
[ -z "$left" ] || fail "left $left"
exit 0
