# linux:partition_test on a running podman container reads the container's
# own mount table (/proc/PID/mountinfo): the container runs with a tmpfs
# /tmp (nosuid, nodev, noexec) and a read-only bind mount on /srv.  The
# rules of tests/fixtures/oval/partition-*.xml give what their titles say,
# and every partition_item in the ARF's OVAL results has the options and
# type /proc/mounts shows inside the container (read with podman exec).
# On a root filesystem the same object is notapplicable (t1310).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../fixtures/targets.sh"
. "$(dirname "$0")/../fixtures/podman.sh"
need_podman
trap podman_cleanup EXIT
here=$(cd "$(dirname "$0")" && pwd)
ct=$PODMAN_PREFIX-part
busybox_root "$TMPDIR/root"
podman_image part "$TMPDIR/root" || fail "podman import: $(tail -1 "$TMPDIR/podman.err")"
mkdir -p "$TMPDIR/data"
podman_run "$ct" --tmpfs /tmp:rw,nosuid,nodev,noexec -v "$TMPDIR/data:/srv:ro" \
	"localhost/$PODMAN_PREFIX-part:1" /bin/busybox sleep 600
cp "$here/../fixtures/oval/partition-oval.xml" "$here/../fixtures/oval/partition-xccdf.xml" "$TMPDIR/"
run --container "$ct" --results "$TMPDIR/sc.xml" --results-arf "$TMPDIR/arf.xml" "$TMPDIR/partition-xccdf.xml"
expect_rc 2 "findings"
validate_xccdf "$TMPDIR/sc.xml"
xsltproc "$here/rule-results.xsl" "$TMPDIR/sc.xml" | sed 's/.*_rule_//' | sort >"$TMPDIR/sc"
for want in "p1 pass" "p2 pass" "p3 fail" "p4 pass" "p5 fail" "p6 pass"; do
	grep -qx "$want" "$TMPDIR/sc" || fail "expected '$want': $(cat "$TMPDIR/sc")"
done
# the items against /proc/mounts inside the container
podman exec "$ct" /bin/busybox cat /proc/mounts >"$TMPDIR/mounts" || fail "podman exec"
python3 - "$TMPDIR/arf.xml" "$TMPDIR/mounts" <<'PY' || fail "partition items differ from the container's /proc/mounts"
import sys, xml.etree.ElementTree as ET
mounts = {}
for line in open(sys.argv[2]):
    f = line.split()
    mounts.setdefault(f[1], []).append((f[2], f[3]))
n = 0
for e in ET.parse(sys.argv[1]).iter():
    if not e.tag.endswith('}partition_item'):
        continue
    d = {}
    for c in e:
        d.setdefault(c.tag.split('}')[1], []).append(c.text or '')
    mp, got = d['mount_point'][0], (d['fs_type'][0], ','.join(d['mount_options']))
    if got not in mounts.get(mp, []):
        sys.exit(f'{mp}: stigcheck {got}, /proc/mounts {mounts.get(mp)}')
    n += 1
if n != 3:
    sys.exit(f'{n} partition items, expected 3 (/tmp, /srv, /dev/shm)')
print(f'ok: {n} partition items equal /proc/mounts in the container')
PY
exit 0
