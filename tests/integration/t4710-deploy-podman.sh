# The DaemonSet's pod template, run with `podman run` (its host PID
# namespace, user, capabilities, read-only root, mounts and environment,
# as tests/integration/k8s.mjs translates them), scans a container running
# on this machine and gives the same rule results as stigcheck on the
# host; without CAP_SYS_PTRACE it cannot.  The same template, made a Pod
# (podman 4.3 does not play DaemonSets), also runs with `podman kube play`
# (hostPID aside: see below).  The scanner image is a stand-in for
# deploy/Containerfile, whose build needs a registry and a mirror: a
# busybox root with build/stigcheck and the libraries it links.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
need_root_and_busybox
command -v podman >/dev/null || skip "needs podman (.ci/deps.sh installs it)"
[ "${VALGRIND:-0}" = 1 ] && skip "the scanner runs inside a container, where valgrind is not"
deploy=$HERE/../../deploy
npm_cached kubernetes-models-5.1.0 kubernetes-models@5.1.0 js-yaml@4.1.0
# this machine's podman: runc, no default ulimits (runc may not set NPROC)
cat >"$TMPDIR/containers.conf" <<'CONF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF=$TMPDIR/containers.conf
tag=$$
scanner=localhost/stigcheck-t4710-scanner:$tag
target=localhost/stigcheck-t4710-target:$tag
ct=stigcheck-t4710-$tag
cleanup() {
	podman rm -f "$ct" >/dev/null 2>&1 || true
	podman rmi -f "$scanner" "$target" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# the scanner image: busybox, stigcheck, its shared libraries
s=$TMPDIR/scanner
busybox_root "$s"
mkdir -p "$s/usr/local/bin" "$s/var/lib/stigcheck"
cp "$STIGCHECK" "$s/usr/local/bin/stigcheck"
ldd "$STIGCHECK" | awk '/=> \// { print $3 } /^\t\// { print $1 }' | while read -r lib; do
	mkdir -p "$s$(dirname "$lib")"
	cp -L "$lib" "$s$lib"
done
tar --numeric-owner -cf "$TMPDIR/scanner.tar" -C "$s" .
podman import "$TMPDIR/scanner.tar" "$scanner" >/dev/null 2>"$TMPDIR/podman.err" ||
	{ cat "$TMPDIR/podman.err"; skip "podman import does not work here"; }
# the scanned container
t=$TMPDIR/target
busybox_root "$t"
tar --numeric-owner -cf "$TMPDIR/target.tar" -C "$t" .
podman import "$TMPDIR/target.tar" "$target" >/dev/null 2>&1 || fail "podman import (target)"
podman run -d --name "$ct" "$target" /bin/busybox sleep 600 >/dev/null 2>"$TMPDIR/podman.err" ||
	skip "podman run does not work here: $(tail -1 "$TMPDIR/podman.err")"
id=$(podman inspect -f '{{.Id}}' "$ct")

# the pod template, one scan instead of its loop
results=$TMPDIR/results
scan_in_pod() {	# scan_in_pod [sed expression on the podman args]
	node "$HERE/k8s.mjs" "$npm_dir" podman-args "$deploy/kubernetes/daemonset.yaml" \
		results="$results" run-containerd="$TMPDIR/containerd" NODE_NAME=node-1 IMAGE="$scanner" \
		ARGS="[\"/usr/local/bin/stigcheck --container $id --results /results/\$NODE_NAME.xml\"]" \
		>"$TMPDIR/args" || fail "k8s.mjs podman-args"
	[ $# = 0 ] || sed -i "$1" "$TMPDIR/args"
	set +e
	# shellcheck disable=SC2046
	(IFS='
'; exec podman run --rm $(cat "$TMPDIR/args")) >"$TMPDIR/pod.out" 2>"$TMPDIR/pod.err"
	rc=$?
	set -e
}
scan_in_pod
expect_scanned "the DaemonSet's container"
[ -s "$results/node-1.xml" ] || fail "no results in the results volume"
validate_xccdf "$results/node-1.xml"
run --container "$id" --results "$TMPDIR/host.xml"
expect_scanned "stigcheck on the host"
rule_results "$TMPDIR/host.xml" >"$TMPDIR/host.rr"
rule_results "$results/node-1.xml" >"$TMPDIR/pod.rr"
diff "$TMPDIR/host.rr" "$TMPDIR/pod.rr" || fail "the pod's scan differs from the host's"
[ "$(grep -c '^xccdf' "$TMPDIR/pod.rr")" -gt 100 ] || fail "the pod's scan judged too few rules"

# the same pod template through `podman kube play`, as a Pod (podman 4.3
# plays no DaemonSet; the pause image is built from catatonit).  Podman
# 4.3 ignores hostPID in kube play (support came with podman 4.5,
# containers/podman#17168), so this pod cannot reach other containers
# through /proc; it runs everything else of the template (image, user,
# capabilities, read-only root, no_new_privs, volumes, environment) and
# scans the target's root given as one more read-only hostPath: results
# land in the results hostPath and equal `stigcheck --rootfs` on the host.
if command -v catatonit >/dev/null 2>&1; then
	pod=stigcheck-t4710-kube-$tag
	rm -f "$results/node-1.xml"
	node "$HERE/k8s.mjs" "$npm_dir" pod "$deploy/kubernetes/daemonset.yaml" "$pod" \
		results="$results" run-containerd="$TMPDIR/containerd" NODE_NAME=node-1 IMAGE="$scanner" \
		MOUNT="$t:/target" \
		ARGS="[\"/usr/local/bin/stigcheck --rootfs /target --results /results/\$NODE_NAME.xml\"]" \
		>"$TMPDIR/pod.yaml" || fail "k8s.mjs pod"
	podman kube play "$TMPDIR/pod.yaml" >"$TMPDIR/kube.out" 2>&1 ||
		{ cat "$TMPDIR/kube.out"; fail "podman kube play"; }
	kubecleanup() { podman kube down "$TMPDIR/pod.yaml" >/dev/null 2>&1 || true; cleanup; }
	trap kubecleanup EXIT
	krc=$(timeout 300 podman wait "$pod-stigcheck") || fail "podman wait: the pod's container did not end"
	[ "$krc" = 0 ] || [ "$krc" = 2 ] ||
		{ podman logs "$pod-stigcheck" 2>&1 | tail -5; fail "the kube-played scan exited $krc"; }
	[ -s "$results/node-1.xml" ] || fail "podman kube play: no results in the results volume"
	[ "$(podman inspect -f '{{.HostConfig.CapAdd}}' "$pod-stigcheck")" != "[]" ] ||
		fail "podman kube play: the container has no added capabilities"
	run --rootfs "$t" --results "$TMPDIR/hostroot.xml"
	expect_scanned "stigcheck --rootfs on the host"
	rule_results "$TMPDIR/hostroot.xml" >"$TMPDIR/hostroot.rr"
	rule_results "$results/node-1.xml" >"$TMPDIR/kube.rr"
	diff "$TMPDIR/hostroot.rr" "$TMPDIR/kube.rr" || fail "the kube-played scan differs from the host's"
	podman kube down "$TMPDIR/pod.yaml" >/dev/null 2>&1 || fail "podman kube down"
	trap cleanup EXIT
	echo "ok: podman kube play ran the pod template (hostPID aside); results equal the host's"
else
	echo "podman kube play not run: no catatonit for its pause image (.ci/deps.sh installs it)"
fi

# the capabilities are needed: without SYS_PTRACE the root is out of reach
rm -f "$results/node-1.xml"
scan_in_pod '/^--cap-add=SYS_PTRACE$/d'
expect_rc 1 "without CAP_SYS_PTRACE"
grep -q "permission denied" "$TMPDIR/pod.err" || { cat "$TMPDIR/pod.err"; fail "without CAP_SYS_PTRACE: no 'permission denied'"; }
[ ! -e "$results/node-1.xml" ] || fail "results written by a scan that could not run"
exit 0
