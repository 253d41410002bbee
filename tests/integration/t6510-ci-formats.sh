# --json, --sarif and --junit: each validates (ajv against the versioned
# JSON schema and OASIS's SARIF 2.1.0 schema), is read by a real JUnit
# parser, and says what the XCCDF results say: the same counts, results,
# severities and evidence; no password hash; `report --from` gives the
# same files.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/outputs.sh"
. "$(dirname "$0")/gates-lib.sh"
root=$TMPDIR/root
demo_root "$root"
s=$TMPDIR/scan; mkdir -p "$s" "$TMPDIR/re"
OUT="--results $s/results.xml --json $s/r.json --sarif $s/r.sarif --junit $s/junit.xml"
# shellcheck disable=SC2086
run --rootfs "$root" --profile xccdf_org.stigcheck_profile_stig $OUT
expect_rc 2 "rules fail"
validate_json "$RESULTS_SCHEMA" "$s/r.json"
validate_json "$SARIF_SCHEMA" "$s/r.sarif"
! grep -l 'c2VjcmV0' "$s"/* || fail "a password hash leaked into an output"

# the XCCDF's view, one line per listed rule: id result severity
x=$s/results.xml
/usr/bin/python3 - "$x" "$s/r.json" "$s/r.sarif" <<'PY' || fail "JSON/SARIF disagree with the XCCDF results"
import json, sys, xml.etree.ElementTree as ET
ns = {'x': 'http://checklists.nist.gov/xccdf/1.2'}
doc = ET.parse(sys.argv[1]).getroot()
sev = {r.get('id'): r.get('severity', 'unknown') for r in doc.iter('{%s}Rule' % ns['x'])}
rr = []
for r in doc.iter('{%s}rule-result' % ns['x']):
    res = r.find('x:result', ns).text
    msgs = '\n'.join(m.text or '' for m in r.findall('x:message', ns))
    rr.append((r.get('idref'), res, r.get('severity'), msgs))
listed = [t for t in rr if t[1] != 'notselected']
j = json.load(open(sys.argv[2]))
assert j['format'] == 'stigcheck-results' and j['version'] == 1
got = [(r['id'], r['result'], r['severity'], '\n'.join(r['evidence'])) for r in j['rules']]
if got != listed:
    for a, b in zip(got, listed):
        if a != b: print('json', a, '\nxccdf', b); break
    sys.exit('json rules differ (%d vs %d)' % (len(got), len(listed)))
for k, n in j['counts'].items():
    assert n == sum(1 for t in rr if t[1] == k), ('count', k, n)
fails = [t for t in rr if t[1] == 'fail']
for lvl in ('high', 'medium', 'low'):
    assert j['failed_by_severity'][lvl] == sum(1 for t in fails if t[2] == lvl), lvl
# open findings by category, as the console's totals line counts them
for cat, lvl in (('cat1', 'high'), ('cat2', 'medium'), ('cat3', 'low')):
    assert j['open_findings'][cat] == sum(1 for t in fails if t[2] == lvl), cat
assert j['target']['name'] == 'demo-root', j['target']
# rules carry the GPOS SRG ids the checklists map them to
# (the CKL shows V-203629, usable password, Open: t3100)
assert any(r['vuln_id'] == 'V-203629' and r['srg_id'] and r['result'] == 'fail' for r in j['rules']), 'V-203629'
s = json.load(open(sys.argv[3]))
run = s['runs'][0]
res = run['results']
assert [r['ruleId'] for r in res] == [t[0] for t in fails], 'sarif results are not the failing rules'
rules = run['tool']['driver']['rules']
assert [r['id'] for r in rules] == [t[0] for t in listed], 'sarif rules'
lv = {'high': 'error', 'medium': 'warning', 'low': 'note', 'info': 'note', 'unknown': 'warning'}
for r in res:
    d = rules[r['ruleIndex']]
    assert d['id'] == r['ruleId'], 'ruleIndex'
    t = [f for f in fails if f[0] == r['ruleId']][0]
    assert r['level'] == lv[t[2]], ('level', r['ruleId'])
    assert t[3] in r['message']['text'], ('evidence', r['ruleId'])
    assert d['help']['text'].strip(), 'help text'
print('json and sarif agree with', len(listed), 'rule-results,', len(fails), 'failures')
PY

# JUnit, read by junitparser: one testcase per listed rule
if have_junitparser; then
	cnt=$(junit_counts "$s/junit.xml") || fail "junitparser cannot read junit.xml"
	c() { xmllint --xpath "count(//*[local-name()='rule-result'][$1])" "$x"; }
	want="$(c "*[local-name()='result']!='notselected'") $(c "*[local-name()='result']='fail'") $(c "*[local-name()='result']='error' or *[local-name()='result']='unknown'") $(c "*[local-name()='result']='notapplicable' or *[local-name()='result']='notchecked'")"
	[ "$cnt" = "$want" ] || fail "junit counts (tests failures errors skipped): $cnt, XCCDF says $want"
	grep -q '/etc/shadow: mode 0660' "$s/junit.xml" || fail "junit: evidence missing"
else
	echo "note: /usr/bin/python3 has no junitparser (.ci/deps.sh installs python3-junitparser); JUnit not parsed"
	[ "${CI:-}" = "" ] || fail "junitparser missing in CI"
fi

# report --from re-renders the same three files
run report --from "$s/results.xml" --json "$TMPDIR/re/r.json" --sarif "$TMPDIR/re/r.sarif" --junit "$TMPDIR/re/junit.xml"
expect_rc 2 "report"
for f in r.json r.sarif junit.xml; do
	cmp -s "$s/$f" "$TMPDIR/re/$f" || { diff "$s/$f" "$TMPDIR/re/$f" | head; fail "report --from: $f differs"; }
done
exit 0
