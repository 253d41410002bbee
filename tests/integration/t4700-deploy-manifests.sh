# deploy/kubernetes: every manifest validates against the Kubernetes API
# schemas, offline (the kubernetes-models npm package, cached under
# $STIGCHECK_CACHE/npm); broken copies are rejected, so the check can fail.
# The systemd units pass `systemd-analyze verify` where it is installed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
deploy=$HERE/../../deploy
K8S_PKGS="kubernetes-models@5.1.0 js-yaml@4.1.0"
npm_cached kubernetes-models-5.1.0 $K8S_PKGS
k8s() { node "$HERE/k8s.mjs" "$npm_dir" "$@"; }

k8s validate "$deploy"/kubernetes/*.yaml >"$TMPDIR/v.out" 2>&1 || { cat "$TMPDIR/v.out"; fail "deploy manifests do not validate"; }
for kind in Namespace DaemonSet CronJob; do
	grep -q ": $kind stigcheck: valid" "$TMPDIR/v.out" || { cat "$TMPDIR/v.out"; fail "$kind not validated"; }
done

# broken copies: a wrong type, a missing required field, a bad capability list
bad() {
	sed "$1" "$deploy/kubernetes/$2" >"$TMPDIR/bad.yaml"
	if k8s validate "$TMPDIR/bad.yaml" >"$TMPDIR/b.out" 2>&1; then
		cat "$TMPDIR/b.out"
		fail "accepted: $2 with $1"
	fi
	grep -q "$3" "$TMPDIR/b.out" || { cat "$TMPDIR/b.out"; fail "$2 with $1: no '$3'"; }
}
bad 's/hostPID: true/hostPID: "yes"/' daemonset.yaml "hostPID must be boolean"
bad 's/^  selector:/  selectorx:/' daemonset.yaml "must have required property selector"
bad 's/runAsUser: 0/runAsUser: root/' cronjob.yaml "runAsUser must be integer"
bad 's/add: \["SYS_PTRACE", "DAC_READ_SEARCH"\]/add: SYS_PTRACE/' cronjob.yaml "add must be array"

# the pod templates ask for exactly the documented capabilities
for f in daemonset.yaml cronjob.yaml; do
	k8s podman-args "$deploy/kubernetes/$f" results="$TMPDIR/r" run-containers="$TMPDIR/c" \
		run-containerd="$TMPDIR/d" >"$TMPDIR/args" || fail "$f: podman-args"
	grep '^--cap-' "$TMPDIR/args" | sort >"$TMPDIR/caps"
	printf '%s\n' --cap-add=DAC_READ_SEARCH --cap-add=SYS_PTRACE --cap-drop=all >"$TMPDIR/want"
	diff "$TMPDIR/want" "$TMPDIR/caps" || fail "$f: capabilities"
	grep -qx -- --pid=host "$TMPDIR/args" || fail "$f: no hostPID"
	grep -qx -- --read-only "$TMPDIR/args" || fail "$f: root not read-only"
	grep -q -- ':/run/containers:ro$' "$TMPDIR/args" || fail "$f: runtime state not read-only"
done

if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$TMPDIR/units"
	cp "$deploy"/systemd/stigcheck.service "$deploy"/systemd/stigcheck.timer "$TMPDIR/units/"
	# verify the units, not whether stigcheck is installed on this machine
	sed -i "s|/usr/local/bin/stigcheck|$STIGCHECK|" "$TMPDIR/units/stigcheck.service"
	(cd "$TMPDIR/units" && systemd-analyze verify ./stigcheck.service ./stigcheck.timer) >"$TMPDIR/sd.out" 2>&1 ||
		{ cat "$TMPDIR/sd.out"; fail "systemd-analyze verify"; }
	grep -v -e 'Cannot add dependency job' -e 'Failed to connect' -e '^$' "$TMPDIR/sd.out" | grep . &&
		fail "systemd-analyze verify complains" || true
fi
exit 0
