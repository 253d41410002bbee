// html-filters.mjs - click the result and severity filters of a stigcheck
// HTML report in headless Chromium (driven by playwright-core) and check
// that the visible rows are exactly the rules whose result and severity
// boxes are checked.
//
//   node html-filters.mjs PLAYWRIGHT_DIR CHROMIUM REPORT.html
//
// Prints one line per step; exits 1 on the first mismatch.
import path from 'node:path';
import { createRequire } from 'node:module';

const [pwDir, chromium, report] = process.argv.slice(2);
const require = createRequire(path.join(pwDir, 'x.js'));
const { chromium: pw } = require('playwright-core');

function fail(msg) { console.error('FAIL: ' + msg); process.exit(1); }

const browser = await pw.launch({ executablePath: chromium,
  args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto('file://' + path.resolve(report));
  // what the page shows: rows with a layout box
  const state = () => page.evaluate(() => {
    const boxes = (n) => Array.from(document.querySelectorAll(
      `#filters input[name=${n}]`)).filter((b) => b.checked).map((b) => b.value);
    const rows = Array.from(document.querySelectorAll('#rules-table tbody.r'));
    return {
      r: boxes('r'), s: boxes('s'), total: rows.length,
      visible: rows.filter((b) => b.getClientRects().length > 0).length,
      rows: rows.map((b) => [b.getAttribute('data-r'), b.getAttribute('data-s'),
        b.getClientRects().length > 0]),
      shown: document.getElementById('shown').textContent,
    };
  });
  const PAGE = 200;
  async function check(step) {
    const st = await state();
    const want = st.rows.filter(([r, s]) => st.r.includes(r) && st.s.includes(s)).length;
    if (st.visible !== Math.min(want, PAGE))
      fail(`${step}: ${st.visible} rows visible, expected ${Math.min(want, PAGE)} (boxes r=${st.r} s=${st.s})`);
    for (const [r, s, vis] of st.rows)
      if (vis && !(st.r.includes(r) && st.s.includes(s)))
        fail(`${step}: a ${r}/${s} row is visible although its box is unchecked`);
    if (!st.shown.startsWith(`${want} of ${st.total} rules`))
      fail(`${step}: the count says '${st.shown}', expected ${want} of ${st.total}`);
    console.log(`ok: ${step}: ${want} rules match, ${st.visible} of ${st.total} rows visible`);
    st.want = want;
    return st;
  }
  const click = (name, value) => page.click(`#filters input[name=${name}][value=${value}]`);

  const first = await check('initial');
  if (first.r.length < 2 || first.s.length < 1) fail('too few filter boxes to test');
  // uncheck each result box in turn, then check it again
  for (const r of first.r) {
    await click('r', r);
    const st = await check(`unchecked result ${r}`);
    if (st.want >= first.want) fail(`unchecking ${r} hid nothing`);
    await click('r', r);
    await check(`checked result ${r} again`);
  }
  for (const s of first.s) {
    await click('s', s);
    const st = await check(`unchecked severity ${s}`);
    if (st.want >= first.want) fail(`unchecking ${s} hid nothing`);
    await click('s', s);
  }
  // everything off: no row
  for (const r of first.r) await click('r', r);
  const none = await check('every result unchecked');
  if (none.visible !== 0) fail('rows visible with every result unchecked');
  for (const r of first.r) await click('r', r);
  const back = await check('every result checked again');
  if (back.visible !== first.visible) fail('the rows did not all come back');
} finally {
  await browser.close();
}
