#!/bin/sh
# image.sh STIGCHECK: what `--image` of a ~200 MB image costs.
#
# The image is the Debian 12 minbase root (tests/fixtures/debian-root.sh,
# ~6,800 files, ~206 MB, cached in $STIGCHECK_CACHE), as one layer:
#   - a docker-archive (what `podman save` and `docker save` write),
#   - an OCI layout with the layer gzip'ed (what skopeo copy oci: writes),
# and the same tree with --rootfs for comparison.  Each is scanned
# BENCH_RUNS times (default 3) with the built-in benchmark; printed: the
# median wall time, user and system CPU seconds, and peak RSS.  Wall time
# depends on the disk and on what else runs on the machine; CPU time much
# less: compare both.
#
#   sh tests/bench/image.sh build/stigcheck
set -eu
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
runs=${BENCH_RUNS:-3}
root=$(sh "$here/../fixtures/debian-root.sh")
work=$(mktemp -d "${TMPDIR:-/tmp}/stigcheck-bench-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"
# shellcheck disable=SC1091
. "$here/../fixtures/targets.sh" 2>/dev/null || true

tar --numeric-owner --xattrs -cf "$work/layer.tar" -C "$root" .
make_docker_archive "$work/docker.tar" "$work/layer.tar"
make_oci "$work/oci" gzip "$work/layer.tar"
rm -f "$work/layer.tar"

# measure NAME ARGS...: BENCH_RUNS runs; median wall, its CPU, peak RSS
measure() {
	name=$1
	shift
	: >"$work/times"
	i=0
	while [ $i -lt "$runs" ]; do
		sync
		/usr/bin/time -f '%e %U %S %M' -o "$work/t" "$prog" "$@" -q \
			>/dev/null 2>"$work/err" || [ $? = 2 ] ||
			{ cat "$work/err"; echo "image.sh: $name failed" >&2; exit 1; }
		tail -n 1 "$work/t" >>"$work/times"
		i=$((i + 1))
	done
	sort -n "$work/times" | awk -v n="$name" -v runs="$runs" '
		{ w[NR] = $1; u[NR] = $2; s[NR] = $3; if ($4 > m) m = $4 }
		END { k = int((NR + 1) / 2)
		      printf "%-28s wall %6.2f s  user %5.2f s  sys %5.2f s  peak RSS %6.1f MB  (median of %d)\n",
		             n, w[k], u[k], s[k], m / 1024, runs }'
}

size=$(du -sm "$work/docker.tar" | cut -f1)
echo "image: $root as one layer, docker-archive $size MB, $(find "$root" | wc -l) entries; load $(cut -d' ' -f1-3 /proc/loadavg)"
measure "--rootfs (the tree)" --rootfs "$root"
measure "--image docker-archive" --image "$work/docker.tar"
measure "--image OCI layout (gzip)" --image "$work/oci"
