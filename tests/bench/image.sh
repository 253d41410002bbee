#!/bin/sh
# image.sh STIGCHECK: what `--image` of a ~220 MB image costs, and what
# unpacking the same image with tar costs (the peer).
#
# The image has two layers, as an application image does:
#   1. the Debian 12 minbase root (tests/fixtures/debian-root.sh, ~6,800
#      entries, ~206 MB, cached in $STIGCHECK_CACHE; its largest file is
#      the 50 MB apt Packages list),
#   2. an application layer of large files: 12 MB and 6 MB of random data
#      (a model, a video: incompressible) and 4 MB of text (a log),
# written as
#   - a docker-archive (what `podman save` and `docker save` write),
#   - an OCI layout with the layers gzip'ed (what skopeo copy oci: writes).
# Measured, each BENCH_RUNS times (default 3; median wall, its user and
# system CPU, peak RSS), with the built-in benchmark:
#   - `--rootfs` on the unpacked tree (the scan alone),
#   - `--image` of both, with the tree on the memory file system (the
#     default when /dev/shm has room) and on disk (STIGCHECK_IMAGE_MEMDIR=),
#   - `--image -` of the docker-archive on a pipe (staged, where the file
#     is read in place) and the gzip'd OCI layout inflated by libarchive
#     (zlib, STIGCHECK_IMAGE_INFLATE=libarchive) instead of ISA-L,
#   - the peer: `tar -x` of the docker-archive and of its layers into
#     $TMPDIR and the removal of the result, which is what scanning an
#     image with a root-filesystem scanner (oscap on an unpacked root,
#     `podman save | tar -x`) costs before its scan even starts
#     (oscap-podman needs a registry or a running podman, not usable here).
# Wall time depends on the disk and on what else runs on the machine; CPU
# time much less: compare both.  Ratios: --image wall / peer wall and
# --image wall / --rootfs wall.
#
#   sh tests/bench/image.sh build/stigcheck
set -eu
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
runs=${BENCH_RUNS:-3}
root=$(sh "$here/../fixtures/debian-root.sh")
work=$(mktemp -d "${TMPDIR:-/var/tmp}/stigcheck-bench-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"
# shellcheck disable=SC1091
. "$here/../fixtures/targets.sh" 2>/dev/null || true

tar --numeric-owner --xattrs -cf "$work/l1.tar" -C "$root" .
mkdir -p "$work/app/opt/app/data" "$work/app/var/log/app"
head -c 12582912 /dev/urandom >"$work/app/opt/app/data/model.bin"
head -c 6291456 /dev/urandom >"$work/app/opt/app/data/intro.mp4"
seq 1 600000 | sed 's/^/2026-12-06T00:00:00Z app: request served id=/' |
	head -c 4194304 >"$work/app/var/log/app/app.log"
make_layer "$work/app" "$work/l2.tar"
rm -rf "$work/app"
make_docker_archive "$work/docker.tar" "$work/l1.tar" "$work/l2.tar"
make_oci "$work/oci" gzip "$work/l1.tar" "$work/l2.tar"
rm -f "$work/l1.tar" "$work/l2.tar"

# measure NAME CMD...: BENCH_RUNS runs; prints the median wall, its CPU,
# the peak RSS; $wall is the median wall time
measure() {
	name=$1
	shift
	: >"$work/times"
	i=0
	while [ $i -lt "$runs" ]; do
		sync
		/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" \
			>/dev/null 2>"$work/err" || [ $? = 2 ] ||
			{ cat "$work/err"; echo "image.sh: $name failed" >&2; exit 1; }
		tail -n 1 "$work/t" >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v n="$name" -v runs="$runs" '
		{ w[NR] = $1; u[NR] = $2; s[NR] = $3; if ($4 > m) m = $4 }
		END { k = int((NR + 1) / 2)
		      printf "%-34s wall %6.2f s  user %5.2f s  sys %5.2f s  peak RSS %6.1f MB  (median of %d)\n",
		             n, w[k], u[k], s[k], m / 1024, runs
		      print w[k] >"/dev/stderr" }' 2>"$work/wall"
	wall=$(cat "$work/wall")
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }

# the peer: unpack the docker-archive and its layers, then remove them
cat >"$work/peer.sh" <<'EOF'
set -e
mkdir "$1/x" "$1/rootfs"
tar -xf "$1/docker.tar" -C "$1/x"
for l in $(sed 's/.*"Layers":\[\([^]]*\)\].*/\1/; s/[",]/ /g' "$1/x/manifest.json"); do
	tar --numeric-owner -xf "$1/x/$l" -C "$1/rootfs"
done
rm -rf "$1/x" "$1/rootfs"
EOF

size=$(du -sm "$work/docker.tar" | cut -f1)
echo "image: $root + a 22 MB application layer; docker-archive $size MB, $(find "$root" | wc -l) + 6 entries; load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "--rootfs (the tree)" "$prog" --rootfs "$root" -q
rootfs_wall=$wall
measure "peer: tar -x of the docker-archive" sh "$work/peer.sh" "$work"
peer_wall=$wall
measure "--image docker-archive" "$prog" --image "$work/docker.tar" -q
echo "    --image / peer $(ratio "$wall" "$peer_wall"), --image / --rootfs $(ratio "$wall" "$rootfs_wall")"
measure "--image OCI layout (gzip)" "$prog" --image "$work/oci" -q
echo "    --image / peer $(ratio "$wall" "$peer_wall"), --image / --rootfs $(ratio "$wall" "$rootfs_wall")"
measure "--image - (docker-archive, staged)" \
	sh -c 'cat "$1" | "$0" --image - -q' "$prog" "$work/docker.tar"
measure "--image OCI (gzip), zlib" \
	env STIGCHECK_IMAGE_INFLATE=libarchive "$prog" --image "$work/oci" -q
measure "--image docker-archive, tree on disk" \
	env STIGCHECK_IMAGE_MEMDIR= "$prog" --image "$work/docker.tar" -q
measure "--image OCI (gzip), tree on disk" \
	env STIGCHECK_IMAGE_MEMDIR= "$prog" --image "$work/oci" -q
