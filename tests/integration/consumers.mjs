// consumers.mjs - do the tools assessors use read stigcheck's outputs right?
//
//   node consumers.mjs stig-manager MODULES_DIR RESULTS.xml CKL CKLB
//   node consumers.mjs saf HDF.json RESULTS.xml
//   node consumers.mjs cklb-schema AJV_DIR SCHEMA.json CKLB
//
// stig-manager: @nuwcdivnpt/stig-manager-client-modules parses the XCCDF
// results, the CKL and the CKLB.  The expected status of every review is
// computed here, independently of stigcheck, from the XCCDF results: a
// rule maps to the DISA SRG rule whose SV number its id or a reference
// carries; several rules on one SRG rule: the worst result wins.
// saf: the HDF that `saf convert xccdf_results2hdf` wrote has one control
// per Rule with the right status and the rule-result's evidence kept.
// Prints one line per check; exits 1 on the first failure.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const [mode, ...args] = process.argv.slice(2);

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exit(1);
}
function ok(msg) {
  console.log('ok: ' + msg);
}
function arr(x) {
  return x === undefined || x === null ? [] : Array.isArray(x) ? x : [x];
}
function textOf(x) {
  if (x === undefined || x === null) return '';
  if (typeof x === 'string') return x;
  return x['#text'] ?? x.text ?? '';
}

// --- the XCCDF results, read with the parser STIG Manager vendors --------
async function readResults(modDir, file) {
  const { XMLParser } = await import(pathToFileURL(path.join(modDir, 'fxp.esm.js')).href);
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true,
    parseTagValue: false, trimValues: true,
    isArray: (name) => ['Group', 'Rule', 'rule-result', 'reference', 'ident', 'message'].includes(name),
  });
  const doc = parser.parse(fs.readFileSync(file, 'utf8'));
  const bench = doc.Benchmark;
  if (!bench) fail(`${file}: no Benchmark`);
  const rules = new Map();
  (function walk(node) {
    for (const r of arr(node.Rule)) rules.set(r.id, r);
    for (const g of arr(node.Group)) walk(g);
  })(bench);
  return { bench, rules, results: arr(bench.TestResult['rule-result']) };
}

function svNumber(rule, idref) {
  const texts = [idref];
  if (rule) {
    for (const r of arr(rule.reference)) texts.push(textOf(r));
    for (const i of arr(rule.ident)) if (i.system !== 'http://cyber.mil/legacy') texts.push(textOf(i));
  }
  for (const t of texts) {
    const m = /SV-(\d+)/.exec(t);
    if (m) return m[1];
  }
  return null;
}

const RANK = { error: 8, unknown: 7, fail: 6, notchecked: 5, informational: 4,
  pass: 3, fixed: 3, notapplicable: 2, notselected: 1 };

// expected review.result of STIG Manager, per SV number
function expectedChecklist(res) {
  const worst = new Map();
  for (const rr of res.results) {
    const sv = svNumber(res.rules.get(rr.idref), rr.idref);
    if (!sv) continue;
    const cur = worst.get(sv);
    if (!cur || RANK[rr.result] > RANK[cur]) worst.set(sv, rr.result);
  }
  const status = new Map();
  for (const [sv, r] of worst) {
    status.set(sv, r === 'pass' || r === 'fixed' ? 'pass' : r === 'fail' ? 'fail' :
      r === 'notapplicable' ? 'notapplicable' : 'notchecked');
  }
  return status;
}

const importOptions = {
  autoStatus: 'saved', unreviewed: 'always', unreviewedCommented: 'notchecked',
  emptyDetail: 'import', emptyComment: 'import', allowCustom: true,
};
const fieldSettings = {
  detail: { enabled: 'always', required: 'optional' },
  comment: { enabled: 'always', required: 'optional' },
};

function checkChecklist(kind, parsed, expected, srgRules) {
  if (!parsed.target?.name) fail(`${kind}: no asset name`);
  if (parsed.checklists.length !== 1) fail(`${kind}: ${parsed.checklists.length} checklists`);
  const cl = parsed.checklists[0];
  if (cl.benchmarkId !== 'General_Purpose_Operating_System') fail(`${kind}: benchmarkId ${cl.benchmarkId}`);
  if (!/^V\d+R\d+$/.test(cl.revisionStr ?? '')) fail(`${kind}: revision ${cl.revisionStr}`);
  if (cl.reviews.length !== srgRules) fail(`${kind}: ${cl.reviews.length} reviews, expected ${srgRules}`);
  let mapped = 0;
  for (const rv of cl.reviews) {
    const sv = /^SV-(\d+)r\d+_rule$/.exec(rv.ruleId)?.[1];
    if (!sv) fail(`${kind}: review rule id ${rv.ruleId}`);
    const want = expected.get(sv) ?? 'notchecked';
    if (rv.result !== want) fail(`${kind}: ${rv.ruleId} is ${rv.result}, expected ${want}`);
    if (!rv.comment) fail(`${kind}: ${rv.ruleId} has no comment`);
    if (expected.has(sv)) {
      mapped++;
      if (!rv.detail) fail(`${kind}: ${rv.ruleId} has no detail (evidence)`);
    }
  }
  if (mapped !== expected.size) fail(`${kind}: ${mapped} mapped reviews, expected ${expected.size}`);
  ok(`${kind}: ${cl.reviews.length} reviews (${cl.revisionStr}), ${mapped} from rule results, every status right`);
}

async function stigManager(modDir, xccdf, ckl, cklb) {
  const require = createRequire(import.meta.url);
  const smcm = require(path.join(modDir, 'index.cjs'));
  const res = await readResults(modDir, xccdf);

  // XCCDF: one review per rule-result; pass/fail/notapplicable as is
  const px = smcm.reviewsFromXccdf({ data: fs.readFileSync(xccdf, 'utf8'), importOptions,
    fieldSettings, allowAccept: true, scapBenchmarkMap: new Map(), sourceRef: xccdf });
  const reviews = px.checklists[0].reviews;
  if (px.target.name !== textOf(arr(res.bench.TestResult.target)[0]))
    fail(`xccdf: target ${px.target.name}`);
  if (reviews.length !== res.results.length) fail(`xccdf: ${reviews.length} reviews for ${res.results.length} rule-results`);
  reviews.forEach((rv, i) => {
    const rr = res.results[i];
    const want = ['pass', 'fail', 'notapplicable'].includes(rr.result) ? rr.result : 'notchecked';
    const id = rr.idref.replace('xccdf_mil.disa.stig_rule_', '').slice(0, 45);
    if (rv.ruleId !== id) fail(`xccdf: review ${i} is ${rv.ruleId}, expected ${id}`);
    if (rv.result !== want) fail(`xccdf: ${id} is ${rv.result}, expected ${want}`);
    const msg = arr(rr.message).map(textOf).join('\n');
    if (msg && rv.detail !== msg) fail(`xccdf: ${id}: detail ${JSON.stringify(rv.detail)} is not the evidence ${JSON.stringify(msg)}`);
    if (rv.resultEngine?.product !== 'stigcheck') fail(`xccdf: ${id}: result engine ${JSON.stringify(rv.resultEngine)}`);
  });
  ok(`xccdf: ${reviews.length} reviews, every status and detail right`);

  const expected = expectedChecklist(res);
  const pc = smcm.reviewsFromCkl({ data: fs.readFileSync(ckl, 'utf8'), importOptions,
    fieldSettings, allowAccept: true, sourceRef: ckl });
  const srgRules = pc.checklists[0].reviews.length;
  checkChecklist('ckl', pc, expected, srgRules);
  if (pc.target.name !== px.target.name) fail(`ckl: asset ${pc.target.name}, xccdf ${px.target.name}`);
  const pb = smcm.reviewsFromCklb({ data: fs.readFileSync(cklb, 'utf8'), importOptions,
    fieldSettings, allowAccept: true, sourceRef: cklb });
  checkChecklist('cklb', pb, expected, srgRules);
  if (pb.target.name !== px.target.name) fail(`cklb: asset ${pb.target.name}`);
}

async function saf(hdfFile, xccdf, modDir) {
  const hdf = JSON.parse(fs.readFileSync(hdfFile, 'utf8'));
  const res = await readResults(modDir, xccdf);
  const byId = new Map(res.results.map((r) => [r.idref, r]));
  const statusOf = { pass: 'passed', fixed: 'passed', fail: 'failed', error: 'error', unknown: 'error',
    notapplicable: 'skipped', notchecked: 'skipped', notselected: 'skipped', informational: 'skipped' };
  const controls = hdf.profiles.flatMap((p) => p.controls);
  if (controls.length !== res.rules.size) fail(`saf: ${controls.length} controls for ${res.rules.size} rules`);
  let withEvidence = 0;
  for (const c of controls) {
    const rr = byId.get(c.id);
    if (!rr) fail(`saf: control ${c.id} has no rule-result`);
    const got = c.results.map((r) => r.status);
    if (got.length !== 1 || got[0] !== statusOf[rr.result]) fail(`saf: ${c.id} is ${got}, expected ${statusOf[rr.result]}`);
    const msg = arr(rr.message).map(textOf).join('\n');
    if (msg) {
      const kept = arr(c.tags?.rule_result?.message).map(textOf).join('\n');
      if (kept !== msg) fail(`saf: ${c.id}: evidence not kept (${JSON.stringify(kept)})`);
      withEvidence++;
    }
    if (!['high', 'medium', 'low'].includes(c.tags?.severity)) fail(`saf: ${c.id}: severity ${c.tags?.severity}`);
  }
  ok(`saf: ${controls.length} controls, every status right, evidence kept on ${withEvidence}`);
}

async function cklbSchema(ajvDir, schemaFile, cklb) {
  const require = createRequire(path.join(ajvDir, 'x.js'));
  const Ajv2019 = require('ajv/dist/2019').default;
  const addFormats = require('ajv-formats').default;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  if (!validate(JSON.parse(fs.readFileSync(cklb, 'utf8'))))
    fail(`${cklb}: ${ajv.errorsText(validate.errors.slice(0, 5))}`);
  ok(`${path.basename(cklb)} validates against ${path.basename(schemaFile)}`);
}

if (mode === 'stig-manager') await stigManager(...args);
else if (mode === 'saf') await saf(...args);
else if (mode === 'cklb-schema') await cklbSchema(...args);
else fail(`unknown mode ${mode}`);
