# Volumes and bind mounts are not the container's own filesystem: real
# podman containers with binds are scanned; each mount is a fact, none is
# walked (a world-writable host file behind a bind is not a finding, and
# `-v /:/host:ro` gives the results of the same image without it), and
# container_no_sensitive_mounts fails on the host's /etc, /, a runtime
# socket and a read-write host path, and passes on a read-only bind of a
# plain host directory.  --include-mounts walks the binds too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
. "$(dirname "$0")/../fixtures/podman.sh"
need_podman
trap podman_cleanup EXIT

fact_all() { xmllint --xpath "//*[local-name()='fact'][@name='$2']/text()" "$1" 2>/dev/null; echo; }
no_ct() { rule_results "$1" | awk '/^xccdf/ { skip = /_rule_container_/ } !skip'; }
M=_rule_container_no_sensitive_mounts

root=$TMPDIR/root
busybox_root "$root"
mkdir -p "$root/var/run"	# so mounting docker.sock there adds no directory
podman_image mnt "$root" || fail "podman import: $(cat "$TMPDIR/podman.err")"
img=localhost/$PODMAN_PREFIX-mnt:1
mkdir -p "$TMPDIR/hostro/sub" "$TMPDIR/hostrw" "$TMPDIR/run"
echo x >"$TMPDIR/hostro/sub/ww"
chmod 0666 "$TMPDIR/hostro/sub/ww"
: >"$TMPDIR/run/docker.sock"

ok=$PODMAN_PREFIX-ok
podman_run "$ok" -v "$TMPDIR/hostro:/data:ro" --tmpfs /scratch "$img" /bin/busybox sleep 100000
run --container "$ok" --results "$TMPDIR/ok.xml"
expect_scanned "ok"
validate_xccdf "$TMPDIR/ok.xml"
[ "$(result_of "$TMPDIR/ok.xml" $M)" = pass ] || fail "read-only bind of a plain dir: $(result_of "$TMPDIR/ok.xml" $M)"
fact_all "$TMPDIR/ok.xml" urn:stigcheck:fact:container:mount >"$TMPDIR/facts"
grep -qx "bind $TMPDIR/hostro /data [a-z0-9]* ro" "$TMPDIR/facts" || { cat "$TMPDIR/facts"; fail "no fact for the bind"; }
grep -q "^tmpfs [^ ]* /scratch tmpfs rw" "$TMPDIR/facts" || { cat "$TMPDIR/facts"; fail "no fact for the tmpfs"; }
grep -q "^runtime .* /etc/hosts " "$TMPDIR/facts" || { cat "$TMPDIR/facts"; fail "no fact for the runtime's /etc/hosts"; }
[ "$(result_of "$TMPDIR/ok.xml" _rule_no_world_writable_files)" = pass ] || fail "a host file behind a bind was judged"
# --include-mounts: the bind is walked, its world-writable file found
run --container "$ok" --include-mounts --results "$TMPDIR/inc.xml"
[ "$(result_of "$TMPDIR/inc.xml" _rule_no_world_writable_files)" = fail ] || fail "--include-mounts did not walk /data"
grep -q '/data/sub/ww' "$TMPDIR/inc.xml" || fail "evidence lacks /data/sub/ww"
run --rootfs "$root" --include-mounts
expect_rc 1 "--include-mounts on a tree"
expect_err_line "--include-mounts applies to --container and --all-containers"

# each sensitive mount fails the rule, naming it
i=0
for spec in "/etc:/hostetc:ro|the host's /etc" \
	"$TMPDIR/hostrw:/rw|a host path mounted read-write" \
	"$TMPDIR/run/docker.sock:/var/run/docker.sock:ro|a container runtime socket" \
	"/:/host:ro|the host's root filesystem"; do
	i=$((i + 1))
	v=${spec%%|*}
	why=${spec#*|}
	podman_run "$PODMAN_PREFIX-s$i" -v "$v" "$img" /bin/busybox sleep 100000
	start=$(date +%s%N)
	run --container "$PODMAN_PREFIX-s$i" --results "$TMPDIR/s$i.xml"
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	expect_rc 2 "$v"
	[ "$(result_of "$TMPDIR/s$i.xml" $M)" = fail ] || fail "-v $v: $(result_of "$TMPDIR/s$i.xml" $M)"
	grep -qF "$why" "$TMPDIR/s$i.xml" || fail "-v $v: evidence lacks '$why'"
	# nothing behind the mount changes the other rules
	no_ct "$TMPDIR/ok.xml" >"$TMPDIR/want"
	no_ct "$TMPDIR/s$i.xml" >"$TMPDIR/got"
	diff "$TMPDIR/want" "$TMPDIR/got" || fail "-v $v changed other rules' results"
	echo "-v $v: scanned in $ms ms"
done

# the same rule on a tree or an image: not applicable, never a pass
run --rootfs "$root" --results "$TMPDIR/tree.xml"
[ "$(result_of "$TMPDIR/tree.xml" $M)" = notapplicable ] || fail "on a tree: $(result_of "$TMPDIR/tree.xml" $M)"
exit 0
