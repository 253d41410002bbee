#!/usr/bin/env python3
"""scaling.py BUILD [N]: super-linear time check for the fuzz harnesses.

For each parser, an input shaped to make it work (many entries, many
references, long lines) is generated at N units and at 10*N units, and the
harness binary (BUILD/fuzz/fuzz_NAME, libFuzzer with ASan/UBSan) runs each
once; the best of three "Executed ... in M ms" is kept.  A linear parser
takes about 10x longer for the 10x input; 100x means quadratic.  One line
per input shape: name, sizes, times, ratio; exits 1 when a ratio is over
LIMIT (30: room for noise on a loaded machine, far under 100).
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

LIMIT = 30.0


def osslconf(n):
    s = "[s]\n" + "".join("k%d = v%d\n" % (i, i) for i in range(n))
    s += "[t]\n" + "".join("r%d = $s::k%d ${s::k%d}\n" % (i, i % 97, i % 89)
                           for i in range(n))
    return s.encode()


def osrel(n):
    return b"\0" + "".join('K%d="v\\"%d"\n' % (i, i) for i in range(n)).encode()


def apk(n):
    return b"\1" + "".join("http://r%d/x\n" % i for i in range(n)).encode()


def aptlist(n):
    return b"\2" + "".join("deb [arch=amd64 trusted=yes] http://r%d s m\n" % i
                           for i in range(n)).encode()


def deb822(n):
    return b"\3URIs:" + b" http://x" * n + b"\n"


def repo(n):
    return b"\6" + "".join("[r%d]\nbaseurl=http://r%d\ngpgcheck=0\n" % (i, i)
                           for i in range(n)).encode()


def sidecar(n):
    return b"\7" + b"a" * 64 + b" " * (n * 10) + b"x"


def binscan(n):
    body = b"".join(b"OpenSSL FIPS Provider %d\x003.0.%d\x00" % (i, i)
                    for i in range(n))
    return b"\x80" + body + b"\x08"


def strings(n):
    return b"\1" + b"".join(b"LibreSSL x%d\0crypto/x%d\0" % (i, i)
                            for i in range(n))


def java(n):
    return b"\4" + "".join("security.provider.%d=P%d \\\n  \\u0041x\n"
                           % (i % 70, i) for i in range(n)).encode()


def godebug(n):
    return b"\3" + ",".join("fips140=on" for _ in range(n)).encode()


def redact(n):
    return b"\0" + "".join("u%d:$6$salt$%s:1::\n" % (i, "h" * 40)
                           for i in range(n)).encode()


def redact_dollars(n):
    return b"\5" + b"$1$" * (n * 5)


def accounts(n):
    return "".join("u%d:x:%d:%d:g:/h:/bin/sh\n" % (i, i, i)
                   for i in range(n)).encode()


def image(n):
    cfg = json.dumps({"rootfs": {"diff_ids": ["sha256:" + "a" * 64] * n}})
    man = json.dumps({"config": {"digest": "@2@"}, "layers": [
        {"mediaType": "application/vnd.oci.image.layer.v1.tar",
         "digest": "sha256:" + "b" * 64}] * n})
    idx = json.dumps({"manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json",
         "digest": "@1@", "platform": {"architecture": "s390x",
                                       "os": "linux"}}] * (n - 1) + [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json",
         "digest": "@1@"}]})
    return (idx + "\n----\n" + man + "\n----\n" + cfg).encode()


XCCDF = "http://checklists.nist.gov/xccdf/1.2"


def content(n):
    rules = "".join('<Rule id="xccdf_t_rule_r%d" cluster-id="c%d"><title>r'
                    '</title></Rule>' % (i, i % 7) for i in range(n))
    sel = "".join('<select idref="c%d" selected="true"/><refine-rule '
                  'idref="xccdf_t_rule_r%d" severity="high"/>' % (i % 7, i)
                  for i in range(n))
    return ('<Benchmark xmlns="%s" id="xccdf_t_benchmark_b"><status>draft'
            '</status><title>t</title><version>1</version><Profile id='
            '"xccdf_t_profile_p"><title>p</title>%s</Profile>%s</Benchmark>'
            % (XCCDF, sel, rules)).encode()


def tailoring(n):
    sel = "".join('<select idref="xccdf_t_rule_r%d" selected="true"/>'
                  % (i % 2 + 1) for i in range(n))
    return ('<Tailoring xmlns="%s" id="xccdf_t_tailoring_t"><Profile id='
            '"xccdf_t_profile_p" extends="xccdf_t_profile_q"><title>p'
            '</title>%s</Profile></Tailoring>' % (XCCDF, sel)).encode()


OVAL = "http://oval.mitre.org/XMLSchema/oval-definitions-5"
IND = OVAL + "#independent"


def oval(n):
    d = "".join('<definition id="oval:t:def:%d" version="1" class="compliance">'
                '<metadata><title>t</title><description>d</description>'
                '</metadata><criteria><criterion test_ref="oval:t:tst:%d"/>'
                '%s</criteria></definition>'
                % (i, i, '<extend_definition definition_ref="oval:t:def:%d"/>'
                   % (i - 1) if i else "") for i in range(n))
    t = "".join('<ind:textfilecontent54_test id="oval:t:tst:%d" version="1" '
                'check="all"><ind:object object_ref="oval:t:obj:%d"/>'
                '</ind:textfilecontent54_test>' % (i, i) for i in range(n))
    o = "".join('<ind:textfilecontent54_object id="oval:t:obj:%d" version="1">'
                '<ind:filepath>/etc/f%d</ind:filepath><ind:pattern operation='
                '"pattern match">^x=(\\d+)$</ind:pattern><ind:instance '
                'datatype="int">1</ind:instance></ind:textfilecontent54_object>'
                % (i, i) for i in range(n))
    return ('<oval_definitions xmlns="%s" xmlns:ind="%s"><definitions>%s'
            '</definitions><tests>%s</tests><objects>%s</objects>'
            '</oval_definitions>' % (OVAL, IND, d, t, o)).encode()


def results(n):
    rr = "".join('<rule-result idref="xccdf_t_rule_r%d"><result>fail</result>'
                 '<message severity="error">m</message></rule-result>' % i
                 for i in range(n))
    rules = "".join('<Rule id="xccdf_t_rule_r%d"><title>r</title></Rule>' % i
                    for i in range(n))
    return ('<Benchmark xmlns="%s" id="xccdf_t_benchmark_b"><status>draft'
            '</status><title>t</title><version>1</version>%s<TestResult id='
            '"xccdf_t_testresult_1" start-time="2026-01-01T00:00:00" end-time='
            '"2026-01-01T00:00:01"><benchmark href="b.xml"/><title>r</title>'
            '<target>h</target>%s</TestResult></Benchmark>'
            % (XCCDF, rules, rr)).encode()


def pkgdb_apk(n):
    return b"\0" + "".join("P:p%d\nV:1.%d\nA:x86_64\n\n" % (i, i)
                           for i in range(n)).encode()


def pkgdb_dpkg(n):
    return b"\1" + "".join("Package: p%d\nStatus: install ok installed\n"
                           "Version: 1.%d\nDescription: d\n continued\n\n"
                           % (i, i) for i in range(n)).encode()


# harness, shape, generator, N
SHAPES = [
    ("fuzz_osslconf", "entries+refs", osslconf, 5000),
    ("fuzz_textsrc", "os-release", osrel, 5000),
    ("fuzz_textsrc", "apk", apk, 5000),
    ("fuzz_textsrc", "sources.list", aptlist, 5000),
    ("fuzz_textsrc", "deb822-uris", deb822, 5000),
    ("fuzz_textsrc", "yum.repo", repo, 3000),
    ("fuzz_textsrc", "ca-sidecar", sidecar, 5000),
    ("fuzz_binscan", "fips+libcrypto", binscan, 3000),
    ("fuzz_cryptoparse", "strings", strings, 3000),
    ("fuzz_cryptoparse", "java.security", java, 3000),
    ("fuzz_cryptoparse", "godebug", godebug, 5000),
    ("fuzz_redact", "shadow", redact, 3000),
    ("fuzz_redact", "dollars", redact_dollars, 5000),
    ("fuzz_accounts", "passwd", accounts, 5000),
    ("fuzz_pkgdb", "apk", pkgdb_apk, 3000),
    ("fuzz_pkgdb", "dpkg", pkgdb_dpkg, 3000),
    ("fuzz_image", "index+layers", image, 1000),
    ("fuzz_content", "rules+selects", content, 1000),
    ("fuzz_tailoring", "selects", tailoring, 3000),
    ("fuzz_oval", "defs+extends", oval, 500),
    ("fuzz_results", "rule-results", results, 1000),
]


def run_ms(binary, path):
    best = None
    for _ in range(3):
        p = subprocess.run([binary, path], capture_output=True, text=True,
                           env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0"))
        m = re.search(r"Executed .* in (\d+) ms", p.stderr)
        if p.returncode != 0 or not m:
            sys.exit("%s %s: failed (exit %d)\n%s" % (binary, path,
                     p.returncode, p.stderr[-2000:]))
        ms = max(int(m.group(1)), 1)
        best = ms if best is None else min(best, ms)
    return best


def main():
    build = sys.argv[1]
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    only = sys.argv[3:]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, shape, gen, n in SHAPES:
            if only and name not in only:
                continue
            n = max(int(n * scale), 2)
            binary = os.path.join(build, "fuzz", name)
            times, sizes = [], []
            for k in (n, 10 * n):
                data = gen(k)
                path = os.path.join(tmp, "%s-%d" % (name, k))
                with open(path, "wb") as f:
                    f.write(data)
                sizes.append(len(data))
                times.append(run_ms(binary, path))
            ratio = times[1] / times[0]
            flag = "" if ratio <= LIMIT else "  SUPER-LINEAR"
            bad += bool(flag)
            print("scale %-16s %-15s %8d B %6d ms  %9d B %6d ms  x%.1f%s" %
                  (name, shape, sizes[0], times[0], sizes[1], times[1], ratio,
                   flag), flush=True)
    sys.exit(1 if bad else 0)


main()
