# A scan killed with SIGKILL leaves its private directory behind; the next
# scan removes it (its .lock is no longer held), and never touches the
# directory of a scan that is still running.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
command -v mkfifo >/dev/null || skip "needs mkfifo"
tree=$TMPDIR/tree
sh "$(dirname "$0")/../fixtures/basic-root.sh" "$tree"
make_layer "$tree" "$TMPDIR/l.tar"
make_docker_archive "$TMPDIR/img.tar" "$TMPDIR/l.tar"
work=$TMPDIR/work
mkdir "$work"

# scan A: --image - from a FIFO nobody writes yet, so it waits with its
# private directory created and locked
mkfifo "$TMPDIR/fifo"
TMPDIR=$work "$STIGCHECK" --image - <"$TMPDIR/fifo" >/dev/null 2>&1 &
a=$!
exec 3>"$TMPDIR/fifo"	# open the writing end: A's open returns
i=0
while [ -z "$(ls -d "$work"/stigcheck-image.* 2>/dev/null)" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "scan A made no private directory"
	sleep 0.1
done
adir=$(ls -d "$work"/stigcheck-image.*)
[ -f "$adir/.lock" ] || fail "no .lock in $adir"

# scan B while A lives: A's directory stays
TMPDIR=$work run --image "$TMPDIR/img.tar"
expect_scanned "scan B"
[ -d "$adir" ] || fail "scan B removed the directory of a live scan"

# A killed: nothing removes its directory ...
kill -9 $a
wait $a 2>/dev/null || true
exec 3>&-
[ -d "$adir" ] || fail "SIGKILL left nothing behind (test broken)"
# ... until the next scan
TMPDIR=$work run --image "$TMPDIR/img.tar"
expect_scanned "scan C"
[ ! -e "$adir" ] || fail "scan C did not remove the stale $adir"

# a stale directory without a lock (killed before locking), older than a
# minute, goes too; a fresh one stays
mkdir -m 0700 "$work/stigcheck-image.old123" "$work/stigcheck-image.new123"
touch -d '5 minutes ago' "$work/stigcheck-image.old123"
# not ours to touch: a symbolic link and an unrelated name
mkdir "$TMPDIR/victim"
ln -s "$TMPDIR/victim" "$work/stigcheck-image.link12"
mkdir "$work/other.abcdef"
TMPDIR=$work run --image "$TMPDIR/img.tar"
expect_scanned "scan D"
[ ! -e "$work/stigcheck-image.old123" ] || fail "old lockless directory kept"
[ -d "$work/stigcheck-image.new123" ] || fail "fresh lockless directory removed"
[ -d "$TMPDIR/victim" ] && [ -L "$work/stigcheck-image.link12" ] || fail "followed or removed a link"
[ -d "$work/other.abcdef" ] || fail "removed an unrelated directory"
exit 0
