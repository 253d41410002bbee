# Docker, against a real Docker daemon: a private dockerd (its own data
# root, exec root and socket; no iptables, no bridge) with an image
# imported from a busybox root and two containers of it, one --read-only
# --init with a read-only bind of a host directory, one --user 1000 with
# a named volume.
#  - --container by name, short id, full id and PID gives the same rule
#    results and the same identity facts (id, name, image, image id, image
#    digest, runtime docker) as docker reports them;
#  - --all-containers --output-dir finds both; summary.json names them
#    with docker's identity, and each NAME.xml has the results
#    --container NAME gives;
#  - --image docker:NAME (docker save to a pipe) gives the results of
#    `docker save NAME >x.tar; --image x.tar`, with docker's image id;
#  - the bind mount is listed as a fact and not walked; the volume (under
#    the daemon's own data root) is a volume, not a read-write host path;
#  - the image digest: an imported image has no RepoDigests, and then no
#    digest is recorded, for the container or for docker:NAME; once pushed
#    to a registry on 127.0.0.1 (Debian's docker-registry, where installed)
#    the container's image-digest and docker:NAME's image:digest are both
#    the manifest digest docker reports (RepoDigests).
# dockerd, its containers and the registry are stopped and their roots
# removed on every exit (trap).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
need_root_and_busybox
{ command -v dockerd && command -v docker; } >/dev/null ||
	skip "needs dockerd and docker (Debian package docker.io)"
command -v python3 >/dev/null || skip "needs python3 (reads summary.json)"

P=scd$$
DK_DATA=/var/tmp/$P-docker
DK_EXEC=/run/$P-docker
DOCKER_HOST=unix:///run/$P-docker.sock
export DOCKER_HOST
DK_PID=""
REG_PID=""
cleanup() {
	if [ -n "$DK_PID" ]; then
		for c in $(timeout 30 docker ps -aq 2>/dev/null); do
			timeout 30 docker rm -f "$c" >/dev/null 2>&1 || true
		done
		kill "$DK_PID" 2>/dev/null || true
		i=0
		while kill -0 "$DK_PID" 2>/dev/null && [ $i -lt 150 ]; do
			sleep 0.2
			i=$((i + 1))
		done
		kill -9 "$DK_PID" 2>/dev/null || true
		wait "$DK_PID" 2>/dev/null || true
	fi
	if [ -n "$REG_PID" ]; then
		kill "$REG_PID" 2>/dev/null || true
		wait "$REG_PID" 2>/dev/null || true
	fi
	# whatever dockerd left mounted under its roots
	for m in $(awk -v a="$DK_DATA" -v b="$DK_EXEC" \
	    'index($5, a) == 1 || index($5, b) == 1 { print $5 }' \
	    /proc/self/mountinfo | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
	rm -rf "$DK_DATA" "$DK_EXEC" "/run/$P-docker.sock" "/run/$P-docker.pid"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

mkdir -p "$DK_DATA"
# this machine cannot raise RLIMIT_NOFILE past its hard limit: a lower
# default keeps runc from trying
dockerd --data-root "$DK_DATA" --exec-root "$DK_EXEC" --host "$DOCKER_HOST" \
    --pidfile "/run/$P-docker.pid" --iptables=false --ip6tables=false \
    --bridge=none --default-ulimit nofile=1024:1024 \
    >"$TMPDIR/dockerd.log" 2>&1 &
DK_PID=$!
# retry N PID CMD...: CMD until it succeeds, at most N tries 0.5 s
# apart; 1 when they all failed (CMD's output in $TMPDIR/retry.out), 2
# when process PID is gone
retry() {
	_n=$1 _p=$2
	shift 2
	_i=0
	until timeout 30 "$@" >"$TMPDIR/retry.out" 2>&1; do
		kill -0 "$_p" 2>/dev/null || return 2
		_i=$((_i + 1))
		[ $_i -lt "$_n" ] || return 1
		sleep 0.5
	done
}
retry 60 "$DK_PID" docker version || case $? in
2) skip "dockerd cannot start here: $(grep -v 'level=info' "$TMPDIR/dockerd.log" | tail -1)" ;;
*) skip "dockerd did not answer within 30 s: $(tail -1 "$TMPDIR/dockerd.log")" ;;
esac

root=$TMPDIR/root
busybox_root "$root"
img=$P/img:1
tar -C "$root" -cf - . | docker import - "$img" >"$TMPDIR/dk.out" 2>&1 ||
	fail "docker import: $(tail -1 "$TMPDIR/dk.out")"
timeout 60 docker run --rm "$img" /bin/busybox true >"$TMPDIR/dk.out" 2>&1 ||
	skip "docker cannot run a container here: $(tail -1 "$TMPDIR/dk.out")"
mkdir -p "$TMPDIR/hostdata"
echo secret >"$TMPDIR/hostdata/f"
chmod 0666 "$TMPDIR/hostdata/f"	# the host's, behind a bind: never judged
ro=$P-ro
user=$P-user
timeout 60 docker run -d --name "$ro" --read-only --init -v "$TMPDIR/hostdata:/data:ro" \
    "$img" /bin/busybox sleep 100000 >"$TMPDIR/dk.out" 2>&1 ||
	fail "docker run $ro: $(tail -1 "$TMPDIR/dk.out")"
timeout 60 docker run -d --name "$user" --user 1000 -v "$P-vol:/vol" "$img" \
    /bin/busybox sleep 100000 >"$TMPDIR/dk.out" 2>&1 ||
	fail "docker run $user: $(tail -1 "$TMPDIR/dk.out")"
imgid=$(docker image inspect --format '{{.Id}}' "$img")
[ "$(docker image inspect --format '{{len .RepoDigests}}' "$img")" = 0 ] ||
	fail "an imported image has RepoDigests here"

fact() {	# fact FILE NAME
	xmllint --xpath "string(//*[local-name()='fact'][@name='urn:stigcheck:fact:$2'])" "$1"
}
identity() {
	for f in id name image image-id image-digest runtime; do
		printf '%s=%s\n' "$f" "$(fact "$1" "container:$f")"
	done
}
# want NAME [DIGEST]: the identity docker reports for container NAME
want() {
	printf 'id=%s\nname=%s\nimage=%s\nimage-id=%s\nimage-digest=%s\nruntime=docker\n' \
	    "$(docker inspect --format '{{.Id}}' "$1")" "$1" "$img" "$imgid" "${2:-}"
}

# one container, four names: one identity, one set of results
for n in $ro $user; do
	full=$(docker inspect --format '{{.Id}}' "$n")
	pid=$(docker inspect --format '{{.State.Pid}}' "$n")
	short=$(echo "$full" | cut -c1-12)
	want "$n" >"$TMPDIR/want.id"
	refs="$n $short $full $pid"
	if [ "${VALGRIND:-0}" = 1 ] && [ "$n" = "$user" ]; then
		refs="$n $pid"
		echo "valgrind: $user by name and PID only (each scan is slow under valgrind; $ro is checked by all four)"
	fi
	for ref in $refs; do
		run --container "$ref" --results "$TMPDIR/c-$ref.xml"
		expect_rc 2 "--container $ref"
		identity "$TMPDIR/c-$ref.xml" >"$TMPDIR/got.id"
		diff "$TMPDIR/want.id" "$TMPDIR/got.id" || fail "identity by '$ref' differs from docker's"
		rule_results "$TMPDIR/c-$ref.xml" >"$TMPDIR/got.rr"
		if [ "$ref" = "$n" ]; then
			cp "$TMPDIR/got.rr" "$TMPDIR/$n.rr"
		else
			diff "$TMPDIR/$n.rr" "$TMPDIR/got.rr" || fail "results by '$ref' differ from by name"
		fi
	done
done
validate_xccdf "$TMPDIR/c-$ro.xml"
[ "$(result_of "$TMPDIR/c-$ro.xml" _rule_container_readonly_root)" = pass ] || fail "$ro: read-only root"
[ "$(result_of "$TMPDIR/c-$user.xml" _rule_container_readonly_root)" = fail ] || fail "$user: writable root"
[ "$(result_of "$TMPDIR/c-$user.xml" _rule_container_not_root)" = pass ] || fail "$user: uid 1000"
[ "$(result_of "$TMPDIR/c-$ro.xml" _rule_container_not_root)" = fail ] || fail "$ro: root"
[ "$(fact "$TMPDIR/c-$user.xml" container:uid)" = 1000 ] || fail "$user: container:uid"

# the bind: a fact, not walked
grep -q ">bind $TMPDIR/hostdata /data [^ ]* ro<" "$TMPDIR/c-$ro.xml" ||
	fail "the bind of $TMPDIR/hostdata is not listed as a mount fact"
grep -q '/data/f' "$TMPDIR/c-$ro.xml" && fail "the host file behind /data was judged"
# --init: docker binds its tini in read-only; listed, not walked, not sensitive
grep -q '>bind [^ ]* /sbin/docker-init [^ ]* ro<' "$TMPDIR/c-$ro.xml" ||
	fail "docker-init (--init) is not listed as a bind"
[ "$(result_of "$TMPDIR/c-$ro.xml" _rule_no_world_writable_files)" = pass ] || fail "$ro: the bound 0666 file was judged"
[ "$(result_of "$TMPDIR/c-$ro.xml" _rule_container_no_sensitive_mounts)" = pass ] || fail "$ro: ro bind judged sensitive"
# a named volume (read-write, under this daemon's own --data-root, not
# /var/lib/docker): a volume, not a host path bound read-write
voldir=$(docker volume inspect --format '{{.Mountpoint}}' "$P-vol")
grep -q ">volume $voldir /vol [^ ]* rw<" "$TMPDIR/c-$user.xml" ||
	fail "the volume $voldir is not listed as a volume: $(grep -o '>[a-z]* [^<]* /vol [^<]*<' "$TMPDIR/c-$user.xml")"
[ "$(result_of "$TMPDIR/c-$user.xml" _rule_container_no_sensitive_mounts)" = pass ] || fail "$user: its volume judged sensitive"

# docker:NAME reads what `docker save NAME` writes
run --image "docker:$img" --results "$TMPDIR/i.xml"
expect_rc 2 "--image docker:$img"
timeout 60 docker save "$img" >"$TMPDIR/x.tar" || fail "docker save"
run --image "$TMPDIR/x.tar" --results "$TMPDIR/x.xml"
expect_rc 2 "--image x.tar"
rule_results "$TMPDIR/i.xml" >"$TMPDIR/i.rr"
rule_results "$TMPDIR/x.xml" >"$TMPDIR/x.rr"
diff "$TMPDIR/x.rr" "$TMPDIR/i.rr" || fail "--image docker:NAME differs from --image of docker save's archive"
for f in i x; do
	[ "$(fact "$TMPDIR/$f.xml" image:id)" = "$imgid" ] || fail "$f: image:id '$(fact "$TMPDIR/$f.xml" image:id)' is not docker's $imgid"
	[ "$(fact "$TMPDIR/$f.xml" image:format)" = docker-archive ] || fail "$f: image:format"
	[ -z "$(fact "$TMPDIR/$f.xml" image:digest)" ] || fail "$f: a digest for an image docker has none for"
done
[ "$(fact "$TMPDIR/i.xml" image:ref)" = "$img" ] || fail "image:ref"

# with a manifest digest: push to a registry on the loopback; then the
# container's image-digest and docker:NAME's image:digest are docker's
digest=""
if ! command -v docker-registry >/dev/null; then
	echo "docker-registry not installed: the RepoDigests case is not exercised"
else
	port=$((20000 + $$ % 20000))
	cat >"$TMPDIR/registry.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $DK_DATA/registry
http:
  addr: 127.0.0.1:$port
EOF
	docker-registry serve "$TMPDIR/registry.yml" >"$TMPDIR/registry.log" 2>&1 &
	REG_PID=$!
	pushed=127.0.0.1:$port/$img
	docker tag "$img" "$pushed" || fail "docker tag"
	pushed_ok=1
	retry 10 "$REG_PID" docker push "$pushed" || case $? in
	2)	echo "docker-registry cannot serve on 127.0.0.1:$port ($(tail -1 "$TMPDIR/registry.log")): the RepoDigests case is not exercised"
		pushed_ok=0 ;;
	*) fail "docker push: $(tail -1 "$TMPDIR/retry.out")" ;;
	esac
	if [ $pushed_ok = 1 ]; then
		rd=$(docker image inspect --format '{{index .RepoDigests 0}}' "$img")
		digest=${rd#*@}
		case $digest in sha256:????????????????????????????????????????????????????????????????) ;;
		*) fail "docker reports no digest after the push: '$rd'" ;; esac
		for ref in $ro $(docker inspect --format '{{.State.Pid}}' "$user"); do
			run --container "$ref" --results "$TMPDIR/d.xml"
			expect_rc 2 "--container $ref (pushed image)"
			[ "$(fact "$TMPDIR/d.xml" container:image-digest)" = "$digest" ] ||
				fail "$ref: container:image-digest '$(fact "$TMPDIR/d.xml" container:image-digest)' is not docker's $digest"
		done
		run --image "docker:$img" --results "$TMPDIR/d.xml"
		expect_rc 2 "--image docker:$img (pushed)"
		[ "$(fact "$TMPDIR/d.xml" image:digest)" = "$digest" ] ||
			fail "image:digest '$(fact "$TMPDIR/d.xml" image:digest)' is not docker's $digest"
	fi
fi

# every container on the node (other users' containers may be there
# too), with the digest docker reports (none when it has none)
out=$TMPDIR/fleet
run --all-containers --output-dir "$out" --formats json
expect_scanned "--all-containers"
for n in $ro $user; do
	[ -s "$out/$n.xml" ] || fail "no $n.xml in $(ls "$out")"
	rule_results "$out/$n.xml" >"$TMPDIR/got.rr"
	diff "$TMPDIR/$n.rr" "$TMPDIR/got.rr" || fail "$n: --all-containers differs from --container"
	python3 - "$out/summary.json" "$n" "$(docker inspect --format '{{.Id}}' "$n")" \
	    "$img" "$imgid" "$digest" <<'PY' || fail "summary.json entry for $n"
import json, sys
path, name, cid, image, imgid, digest = sys.argv[1:]
doc = json.load(open(path))
found = [c for c in doc["containers"] if c["name"] == name]
assert len(found) == 1, "%s listed %d times" % (name, len(found))
c = found[0]
for k, v in (("id", cid), ("image", image), ("image_id", imgid),
             ("image_digest", digest or None), ("runtime", "docker"), ("file", name),
             ("error", None)):
    assert c[k] == v, "%s: %r != %r" % (k, c[k], v)
assert c["outputs"] == [name + ".xml", name + ".results.json"], c["outputs"]
PY
done

exit 0
