# Never scan the host as a container (issue 13, item 2).  Fake runtime
# CLIs first on PATH: one that closes its output and hangs ignoring
# SIGTERM is killed at the 20 s deadline and reaped, with one error line
# and exit 1; one that names a host process (this shell), or a contained
# process whose cgroup names no container, is refused, naming both; one
# that gives no full id is refused.  A bare --container PID of a host
# process is refused.  (The stat parser against hostile comm values, the
# cgroup matcher and a replaced process: tests/unit/check_container.c.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
bin=$TMPDIR/bin
mkdir -p "$bin"
other=$(printf 'stigcheck-pin-%s' "$$" | sha256sum | cut -c1-64)
short=$(printf %s "$other" | cut -c1-12)
saved_path=$PATH
# fake_cli TOOL BODY: TOOL on PATH first; no other runtime CLI is reached
fake_cli() {
	rm -f "$bin"/*
	for t in docker podman nerdctl crictl; do
		printf '#!/bin/sh\necho "Error: no such container $*" >&2\nexit 125\n' >"$bin/$t"
		chmod +x "$bin/$t"
	done
	printf '#!/bin/sh\n%s\n' "$2" >"$bin/$1"
	chmod +x "$bin/$1"
}
run_path() { PATH="$bin:$saved_path"; export PATH; run "$@"; PATH=$saved_path; export PATH; }

# 1. a CLI that closes stdout and stderr, ignores SIGTERM and sleeps
fake_cli podman "echo \$\$ >'$TMPDIR/hang.pid'
trap '' TERM
exec >&- 2>&-
exec sleep 1000"
start=$(date +%s)
run_path --container web-1
took=$(( $(date +%s) - start ))
expect_rc 1 "hanging runtime CLI"
expect_err_line "podman did not answer within 20 s (killed)"
[ "$took" -ge 19 ] || fail "returned after ${took}s, before the 20 s deadline"
[ "$took" -le 40 ] || fail "took ${took}s: the deadline did not cover the wait"
hang=$(cat "$TMPDIR/hang.pid")
# killed and reaped: no such process, not even a zombie
[ ! -e "/proc/$hang" ] || { kill -KILL "$hang" 2>/dev/null; fail "the hanging CLI ($hang) is still there: $(cat /proc/$hang/stat 2>/dev/null)"; }
echo "hanging CLI killed and reaped after ${took}s"

# 2. a CLI that names a host process (this shell) for a container
fake_cli podman "echo '[{\"Id\":\"$other\",\"Name\":\"liar\",\"State\":{\"Running\":true,\"Pid\":$$}}]'"
run_path --container liar
expect_rc 1 "host PID from the runtime CLI"
expect_err_line "process $$ belongs to no container (its cgroup is .*), not $short (podman inspect); refusing to scan it"

# 3. a CLI that gives no full id
fake_cli podman "echo '[{\"Id\":\"$short\",\"Name\":\"liar\",\"State\":{\"Running\":true,\"Pid\":$$}}]'"
run_path --container liar
expect_rc 1 "short id from the runtime CLI"
expect_err_line "podman gave no full container id for 'liar'; refusing to scan process $$"

# 4. a bare PID of a host process
run --container $$
expect_rc 1 "bare host PID"
expect_err_line "process $$ is not in a container: its cgroup (.*) names none and it shares the host's mount namespace; refusing to scan it (scan the host with --rootfs /)"

# 5. a contained process (own PID and mount namespaces) whose cgroup
# names no container, named by a CLI as a container
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null || [ ! -x "$BUSYBOX" ]; then
	echo "part 5 not run: needs root, unshare and busybox"
	exit 0
fi
root=$TMPDIR/root
busybox_root "$root"
trap stop_container EXIT
start_container "$root" || { echo "part 5 not run: this machine does not let us start a contained process"; exit 0; }
fake_cli podman "echo '[{\"Id\":\"$other\",\"Name\":\"liar\",\"State\":{\"Running\":true,\"Pid\":$CT_PID}}]'"
run_path --container liar
expect_rc 1 "contained process outside any container cgroup"
expect_err_line "process $CT_PID belongs to no container (its cgroup is .*), not $short (podman inspect); refusing to scan it"
# the same process by bare PID is a container (its own mount namespace)
run --container "$CT_PID" --results "$TMPDIR/p.xml"
expect_scanned "bare PID of a contained process"
exit 0
