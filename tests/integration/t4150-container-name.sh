# --container NAME goes through the runtime CLIs on PATH (docker, podman,
# nerdctl, crictl), run on the host as a lookup only.  The CLIs here are
# stand-ins printing what the real ones print for a running container; the
# process they name is a real contained process.  When no CLI knows the
# name, one error line says what each said.  The process is moved into a
# cgroup named after the id the CLIs give (docker-<id>.scope): a process
# whose cgroup names no container is refused (t4800).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
need_root_and_busybox
command -v unshare >/dev/null || skip "needs unshare (util-linux)"
root=$TMPDIR/root
busybox_root "$root"
trap stop_container EXIT
start_container "$root" || skip "this machine does not let us start a contained process (unshare --pid --mount)"
fact() { xmllint --xpath "string(//*[local-name()='fact'][@name='$2'])" "$1"; }

cid=$(printf 'stigcheck-name-%s' "$$" | sha256sum | cut -c1-64)
fake_cgroup "$CT_PID" "$cid" || skip "container-name lookup not tested: $CG_WHY"
bin=$TMPDIR/bin
mkdir -p "$bin"
# docker: knows web-1 (running) and old-1 (exited); records its arguments
cat >"$bin/docker" <<EOF2
#!/bin/sh
echo "\$*" >>"$TMPDIR/docker.args"
[ "\$1 \$2" = "container inspect" ] || exit 2
case "\$4" in
web-1) cat <<'J'
[{"Id":"$cid","Name":"/web-1","State":{"Status":"running","Running":true,"Pid":$CT_PID},"Image":"sha256:1111111111111111111111111111111111111111111111111111111111111111","Config":{"Image":"example/web:1.2"}}]
J
;;
old-1) echo '[{"Id":"$cid","Name":"/old-1","State":{"Running":false,"Pid":0}}]' ;;
*) echo "Error: No such container: \$4" >&2; exit 1 ;;
esac
EOF2
# podman and nerdctl: know nothing
for t in podman nerdctl; do
	printf '#!/bin/sh\necho "Error: no container with name or ID \\"$4\\" found: no such container" >&2\nexit 125\n' >"$bin/$t"
done
# crictl: knows pod-app by exact name
cat >"$bin/crictl" <<EOF2
#!/bin/sh
case "\$1" in
ps) [ "\$4" = '^pod-app\$' ] && echo "$cid"; exit 0 ;;
inspect) [ "\$2" = "$cid" ] || exit 1; cat <<'J'
{"status":{"id":"$cid","metadata":{"name":"pod-app"},"state":"CONTAINER_RUNNING","image":{"image":"registry.example/app:3"},"imageRef":"registry.example/app@sha256:2222222222222222222222222222222222222222222222222222222222222222"},"info":{"pid":$CT_PID}}
J
exit 0 ;;
esac
exit 1
EOF2
chmod +x "$bin"/*
export PATH="$bin:$PATH"

run --container web-1 --results "$TMPDIR/w.xml" "$TARGETS_XCCDF"
run --rootfs "$root" --results "$TMPDIR/r.xml" "$TARGETS_XCCDF"
rule_results "$TMPDIR/r.xml" >"$TMPDIR/want"
rule_results "$TMPDIR/w.xml" >"$TMPDIR/got"
diff "$TMPDIR/want" "$TMPDIR/got" || fail "--container web-1 differs from --rootfs"
[ "$(fact "$TMPDIR/w.xml" urn:stigcheck:fact:container:name)" = web-1 ] || fail "name fact"
[ "$(fact "$TMPDIR/w.xml" urn:stigcheck:fact:container:id)" = "$cid" ] || fail "id fact"
[ "$(fact "$TMPDIR/w.xml" urn:stigcheck:fact:container:runtime)" = docker ] || fail "runtime"
[ "$(fact "$TMPDIR/w.xml" urn:stigcheck:fact:container:image)" = example/web:1.2 ] || fail "image"
[ "$(fact "$TMPDIR/w.xml" urn:stigcheck:fact:container:image-id)" = sha256:1111111111111111111111111111111111111111111111111111111111111111 ] || fail "image id"
[ "$(fact "$TMPDIR/w.xml" urn:xccdf:fact:asset:identifier:host_name)" = web-1 ] || fail "target name"
grep -qx 'container inspect -- web-1' "$TMPDIR/docker.args" || fail "docker called as: $(cat "$TMPDIR/docker.args")"

# through crictl (docker, podman and nerdctl do not know it)
run --container pod-app --results "$TMPDIR/p.xml" "$TARGETS_XCCDF"
expect_rc 2 "pod-app"
[ "$(fact "$TMPDIR/p.xml" urn:stigcheck:fact:container:name)" = pod-app ] || fail "crictl name"
[ "$(fact "$TMPDIR/p.xml" urn:stigcheck:fact:container:image-digest)" = sha256:2222222222222222222222222222222222222222222222222222222222222222 ] || fail "crictl digest"
[ "$(fact "$TMPDIR/p.xml" urn:stigcheck:fact:container:pid)" = "$CT_PID" ] || fail "crictl pid"

# a stopped container
run --container old-1
expect_rc 1 "stopped"
expect_err_line "container 'old-1' (docker) is not running"
# nobody knows it: one line naming what each CLI said
run --container nope
expect_rc 1 "unknown name"
expect_err_line "cannot find container 'nope'"
for w in "docker: Error: No such container: nope" "podman: Error: no container" \
	"nerdctl: Error: no container" "crictl: no running container with that name"; do
	grep -qF "$w" "$TMPDIR/err" || fail "error lacks '$w': $(cat "$TMPDIR/err")"
done

exit 0
