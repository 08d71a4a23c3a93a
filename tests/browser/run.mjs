// Real-browser tests of the built page (dist/kanalsim.html) and of the <kanal-sim> script
// include (dist/kanal-sim.js), in Debian's Chromium driven by playwright-core, via file://.
// A hand-rolled runner: prints one line per test and closes with `N passed, N failed`.
//
//   node tests/browser/run.mjs [name-filter]
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(join(root, 'www', 'package.json'));
const { chromium } = require('playwright-core');

const HTML = join(root, 'dist', 'kanalsim.html');
const INCLUDE = join(root, 'dist', 'kanal-sim.js');
const PAGE = pathToFileURL(HTML).href;
const ART = join(root, 'test-artifacts');
mkdirSync(ART, { recursive: true });
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const filter = process.argv[2] ?? '';

if (!existsSync(HTML)) {
  console.error('dist/kanalsim.html is missing: run scripts/build-page.sh first');
  process.exit(2);
}

// ---- helpers ------------------------------------------------------------------------------

class Fail extends Error {}
function assert(c, msg) {
  if (!c) throw new Fail(msg);
}
function eq(a, b, msg) {
  if (a !== b) throw new Fail(`${msg}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** A fresh context whose console errors, page errors, dialogs and non-local requests are recorded. */
async function open(url = PAGE, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true, ...opts });
  const problems = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!/^(file|blob|data):/.test(u)) problems.push(`network request: ${u}`);
  });
  const page = await context.newPage();
  watch(page, problems);
  if (url) await page.goto(url);
  return { context, page, problems };
}

function watch(page, problems) {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
}

async function state(page, sel = 'kanal-sim') {
  return page.$eval(sel, (el) => el.getAttribute('data-state'));
}

/** Wait until the current run has finished (done), up to `ms`. */
async function done(page, ms = 90_000, sel = 'kanal-sim') {
  await page.waitForSelector(`${sel}[data-state=done]`, { timeout: ms });
}

async function setReps(page, n) {
  await page.click('details[data-lever=simulation] > summary');
  const input = page.locator('[data-k=reps]');
  await input.fill(String(n));
  await input.press('Tab');
  await page.click('details[data-lever=simulation] > summary');
}

/** Open a chart's "Vis tabel" and wait until the table has `rows` rows: it is filled on the
 *  details' toggle event, after the click returns. */
async function openTable(page, fig, rows) {
  await page.click(`${fig} details.ks-tabledetails > summary`);
  await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(sel).length >= n,
    [`${fig} table.ks-data tbody tr`, rows],
  );
}

const results = (page) => page.$eval('kanal-sim', (el) => el.results);
const comparison = (page) => page.$eval('kanal-sim', (el) => el.comparison);
const appState = (page) => page.$eval('kanal-sim', (el) => el.state);

/** Parse a number as the page shows it in Danish (1.234,5) or English (1,234.5). */
function parseShown(s, lang = 'da') {
  let t = s.replace(/[^\d.,−-]/g, '').replace('−', '-');
  t = lang === 'da' ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  return Number(t);
}

async function noBadText(page) {
  const text = await page.evaluate(() => document.body.innerText);
  assert(!/\bNaN\b/.test(text), 'NaN on screen');
  assert(!/\bundefined\b/.test(text), '"undefined" on screen');
  assert(!/\bInfinity\b/.test(text), 'Infinity on screen');
}

/** One CSV line (RFC 4180 quoting). */
function parseCsvLine(line) {
  const out = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

// axe-core (pinned in www/package.json), injected into the page under test. The page's CSP
// refuses an injected <script> (page.addScriptTag); the source is evaluated through the
// DevTools protocol instead, which the CSP does not govern, so the page is checked with its
// real policy in force.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Run axe (WCAG 2.1 A and AA rules) on the page; one line per violating node. */
async function axeViolations(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const vs = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })) }));
  }, WCAG_TAGS);
  const out = [];
  for (const v of vs) {
    for (const n of v.nodes) out.push(`${where}: ${v.id} (${v.impact}) ${v.help} — ${n.target} — ${n.summary.replace(/\s*\n\s*/g, ' ')}`);
  }
  console.log(`    axe ${where}: ${vs.length ? `${out.length} violation(s)` : 'no violations'}`);
  return out;
}

function shareFragment(obj) {
  return deflateRawSync(Buffer.from(JSON.stringify(obj))).toString('base64url');
}

// ---- tests --------------------------------------------------------------------------------

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

let defaultSnapshot = null;

test('default results appear: Tønder 2012 beside a scenario, streaming, then complete', async () => {
  const { page, problems, context } = await open();
  const t0 = Date.now();
  await page.waitForSelector('.ks-card [data-value=baseline]', { timeout: 30_000 });
  const tFirst = Date.now() - t0;
  // Streaming: the first figures appear while the run is still going.
  const st0 = await state(page);
  eq(st0, 'running', 'state when the first figures appear');
  await done(page);
  const st = await appState(page);
  eq(st.baseline.id, 'tonder-2012', 'baseline');
  eq(st.scenarios.length, 1, 'one scenario beside the baseline');
  eq(st.scenarios[0].id, 'tonder-2012-strategy', 'scenario');
  const cards = await page.$$eval('.ks-card', (els) => els.length);
  assert(cards >= 6, `key-figure cards: ${cards}`);
  const sentence = await page.textContent('.ks-card[data-metric="contacts.personalAndPhone.information"] .ks-diff');
  assert(/I 9 ud af 10 simulerede år (falder|stiger)/.test(sentence), `plain-Danish sentence: ${sentence}`);
  for (const id of ['contacts', 'heatmap', 'weekly', 'cost', 'gaveup', 'sensitivity']) {
    const svg = await page.$(`figure[data-chart=${id}] .ks-chart svg`);
    assert(svg, `chart ${id} drawn`);
    const sum = await page.textContent(`[data-summary=${id}]`);
    assert(sum && sum.length > 20, `chart ${id} has a text summary`);
  }
  await noBadText(page);
  await page.screenshot({ path: join(ART, 'default-da.png'), fullPage: true });
  defaultSnapshot = { results: await results(page), baseline: await page.$eval('kanal-sim', (el) => el.comparison?.baseline) };
  await context.close();
  console.log(`    first figures after ${tFirst} ms`);
  return problems;
});

test('page results equal `kanalsim run --json` (same scenario, same seed)', async () => {
  assert(defaultSnapshot, 'needs the default test');
  const bin = join(root, 'target', 'release', 'kanalsim');
  assert(existsSync(bin), 'target/release/kanalsim missing (cargo build --release)');
  for (const [id, got] of [['tonder-2012-strategy', defaultSnapshot.results], ['tonder-2012', defaultSnapshot.baseline]]) {
    const cli = JSON.parse(execFileSync(bin, ['run', id, '--json', '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    const a = JSON.stringify(cli);
    const b = JSON.stringify(got);
    if (a !== b) {
      for (const k of Object.keys(cli.metrics)) {
        if (JSON.stringify(cli.metrics[k]) !== JSON.stringify(got.metrics[k])) throw new Fail(`${id}: metric ${k} differs: cli ${JSON.stringify(cli.metrics[k])} page ${JSON.stringify(got.metrics[k])}`);
      }
      throw new Fail(`${id}: results differ from the CLI`);
    }
  }
  return [];
});

test('the adoption lever moves digital contacts up and assisted contacts down', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 30);
  await done(page);
  const before = await results(page);
  const slider = page.locator('input[data-k=adoption-likely]');
  await slider.fill('80');
  await slider.dispatchEvent('change');
  await done(page);
  const after = await results(page);
  const m = (r, id) => r.metrics[id].mean;
  assert(m(after, 'contacts.digital') > m(before, 'contacts.digital') * 1.5, `digital up: ${m(before, 'contacts.digital')} → ${m(after, 'contacts.digital')}`);
  for (const ch of ['personal', 'phone', 'written']) {
    assert(m(after, `contacts.${ch}`) < m(before, `contacts.${ch}`), `${ch} down: ${m(before, `contacts.${ch}`)} → ${m(after, `contacts.${ch}`)}`);
  }
  const st = await appState(page);
  eq(st.scenarios[0].digital.adoption.likely, 0.8, 'adoption in the state');
  await noBadText(page);
  await context.close();
  return problems;
});

test('closing Wednesday (keyboard on the grid, then the quick action) empties Wednesday and displaces contacts', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 20);
  await done(page);
  await page.click('[data-action=add-scenario]');
  await done(page);
  // Keyboard: focus the phone grid's Monday 09 cell, move down to Wednesday, toggle it.
  await page.focus('[data-k="grid-phone-0-9"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  let st = await appState(page);
  eq(JSON.stringify(st.scenarios[1].openingHours.phone.wed), JSON.stringify([{ start: '10:00', end: '15:00' }]), 'Wednesday 09–10 closed by keyboard');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-k'));
  eq(focused, 'grid-phone-2-9', 'focus stays on the cell after the edit');
  await page.click('[data-action=close-wed]');
  await done(page);
  st = await appState(page);
  eq(st.scenarios[1].openingHours.phone.wed.length, 0, 'phone closed Wednesday');
  eq(st.scenarios[1].openingHours.personal.wed.length, 0, 'counter closed Wednesday');
  // Heatmap of the new scenario: phone arrivals per hour.
  await page.selectOption('[data-control=heat-metric]', 'phone.arrivals');
  await page.selectOption('[data-control=heat-variant]', '2');
  await openTable(page, 'figure[data-chart=heatmap]', 7);
  const rows = await page.$$eval('figure[data-chart=heatmap] table.ks-data tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert(rows[2].every((c) => c === '0,0'), `Wednesday phone row empty: ${rows[2].join(' ')}`);
  assert(rows[1].some((c) => c !== '0,0'), 'Tuesday has calls');
  const cmp = await page.$eval('kanal-sim', (el) => el.comparison);
  const base = cmp.baseline.hourOfWeek.phone.arrivals;
  const scen = cmp.scenario.hourOfWeek.phone.arrivals;
  const wedBase = base.slice(48, 72).reduce((a, b) => a + b, 0);
  const wedScen = scen.slice(48, 72).reduce((a, b) => a + b, 0);
  const thuBase = base.slice(72, 96).reduce((a, b) => a + b, 0);
  const thuScen = scen.slice(72, 96).reduce((a, b) => a + b, 0);
  assert(wedBase > 10 && wedScen === 0, `Wednesday calls ${wedBase} → ${wedScen}`);
  assert(thuScen > thuBase, `displaced calls on Thursday: ${thuBase} → ${thuScen}`);
  assert(cmp.difference['displaced.deferred'].mean > 0, 'more came back at the next opening');
  await page.locator('figure[data-chart=heatmap]').screenshot({ path: join(ART, 'closed-wednesday-heatmap.png') });
  await context.close();
  return problems;
});

test('an impossible lever setting (no staff in an open hour) is named where it is fixed, in Danish and English; fixing it brings the results back', async () => {
  const { page, problems, context } = await open();
  await done(page);
  await setReps(page, 20);
  await done(page);
  await page.click('details[data-lever=staffing] > summary');
  const k = '[data-k="staff-phone-0-10"]';
  const before = await page.locator(k).inputValue();
  assert(Number(before) > 0, `Monday 10:00 has phone staff in the scenario: ${before}`);
  await page.locator(k).fill('0');
  await page.locator(k).press('Tab');
  await page.waitForSelector('kanal-sim[data-state=error]', { timeout: 30_000 });
  const msg = await page.$eval('.ks-msg', (e) => e.textContent ?? '');
  assert(msg.includes('scenarios[0].queues.phone.staffing[0][10]'), `the message names the field: ${msg}`);
  const box = await page.$eval('details[data-lever=staffing] [data-problems]', (e) => e.textContent ?? '');
  assert(box.includes('åben mandag kl. 10:00, men har ingen bemanding') && box.includes('open on Monday at 10:00 but has no staff'), `the staffing lever says what is wrong, in Danish and English: ${box}`);
  eq(await page.$eval(k, (e) => e.getAttribute('aria-invalid')), 'true', 'the cell is marked invalid');
  const described = await page.$eval(k, (e) => document.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  assert(described.includes('ingen bemanding'), `the cell is described by the problem: ${described}`);
  const prog = await page.$eval('.ks-progtext', (e) => e.textContent ?? '');
  assert(prog.startsWith('Ingen resultater'), `the progress line says there are no results: ${prog}`);
  await noBadText(page);
  await page.locator('details[data-lever=staffing]').screenshot({ path: join(ART, 'staffing-problem.png') });
  // The edit is kept (no lost work) and can be fixed in place.
  await page.locator(k).fill(before);
  await page.locator(k).press('Tab');
  await done(page);
  eq(await page.$('[data-problems]'), null, 'no problem box once fixed');
  eq(await page.$('[aria-invalid=true]'), null, 'no invalid field once fixed');
  eq(await page.$eval('.ks-msg', (e) => e.classList.contains('ks-shown')), false, 'the message goes once the scenario runs');
  // A negative price and a zero patience: kept as typed, named in their levers.
  await page.click('details[data-lever=prices] > summary');
  await page.locator('[data-k="price-phone-information"]').fill('-5');
  await page.locator('[data-k="price-phone-information"]').press('Tab');
  await page.waitForSelector('kanal-sim[data-state=error]', { timeout: 30_000 });
  eq(await page.locator('[data-k="price-phone-information"]').inputValue(), '-5', 'the typed price is kept');
  eq(await page.$eval('[data-k="price-phone-information"]', (e) => e.getAttribute('aria-invalid')), 'true', 'the price is marked invalid');
  const pbox = await page.$eval('details[data-lever=prices] [data-problems]', (e) => e.textContent ?? '');
  assert(pbox.includes('(fik -5)') && pbox.includes('(got -5)'), `the prices lever says what is wrong, in Danish and English: ${pbox}`);
  await page.locator('[data-k="price-phone-information"]').fill('30');
  await page.locator('[data-k="price-phone-information"]').press('Tab');
  await done(page);
  await page.click('details[data-lever=assumptions] > summary');
  await page.locator('[data-k="pat-phone"]').fill('0');
  await page.locator('[data-k="pat-phone"]').press('Tab');
  await page.waitForSelector('kanal-sim[data-state=error]', { timeout: 30_000 });
  const abox = await page.$eval('details[data-lever=assumptions] [data-problems]', (e) => e.textContent ?? '');
  assert(abox.includes('0,01 og 10.080 minutter') && abox.includes('0.01 and 10080 minutes'), `the patience problem, numbers written per language: ${abox}`);
  eq(await page.$eval('[data-k="pat-phone"]', (e) => e.getAttribute('aria-invalid')), 'true', 'the patience is marked invalid');
  await noBadText(page);
  await context.close();
  return problems;
});

test('the cancel button stops a long run', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 1500);
  await page.waitForFunction(() => {
    const p = document.querySelector('[data-progress]')?.getAttribute('data-progress') ?? '0/1';
    return Number(p.split('/')[0]) >= 4;
  }, null, { timeout: 30_000 });
  const cancel = page.locator('[data-action=cancel]');
  assert(await cancel.isEnabled(), 'cancel enabled while running');
  await cancel.click();
  await page.waitForSelector('kanal-sim[data-state=cancelled]', { timeout: 5_000 });
  const p1 = await page.getAttribute('[data-progress]', 'data-progress');
  await page.waitForTimeout(1500);
  const p2 = await page.getAttribute('[data-progress]', 'data-progress');
  eq(p2, p1, 'no progress after cancel');
  const [d, total] = p1.split('/').map(Number);
  assert(d < total, `stopped early: ${p1}`);
  assert(await page.locator('[data-action=cancel]').isDisabled(), 'cancel disabled after stopping');
  // Results of the completed replications are still shown.
  const r = await page.$eval('kanal-sim', (el) => el.comparison?.scenario.replications ?? 0);
  assert(r > 0, 'partial results kept');
  await noBadText(page);
  await context.close();
  return problems;
});

test('a run over the work budget is refused up front, named in the simulation lever in Danish and English', async () => {
  const { page, problems, context } = await open();
  await done(page);
  await page.click('details[data-lever=simulation] > summary');
  await page.locator('[data-k=reps]').fill('10000');
  await page.locator('[data-k=reps]').press('Tab');
  await page.waitForSelector('kanal-sim[data-state=error]', { timeout: 30_000 });
  const box = await page.$eval('details[data-lever=simulation] [data-problems]', (e) => e.textContent ?? '');
  assert(box.includes('kørslen er for stor') && box.includes('the run is too large'), `the simulation lever says why, in Danish and English: ${box}`);
  assert(/højst [\d.]+ gentagelser/.test(box) && /at most [\d,]+ replications/.test(box), `it says how many fit: ${box}`);
  await noBadText(page);
  eq(await page.$eval('details[data-lever=simulation]', (e) => e.open), true, 'the simulation lever is open');
  await page.locator('details[data-lever=simulation]').screenshot({ path: join(ART, 'budget-problem.png') });
  // Fixed in place (the lever is open): the run goes.
  await page.locator('[data-k=reps]').fill('20');
  await page.locator('[data-k=reps]').press('Tab');
  await done(page);
  await context.close();
  return problems;
});

test('a new lever change cancels the run in flight', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 1500);
  await page.waitForFunction(() => Number((document.querySelector('[data-progress]')?.getAttribute('data-progress') ?? '0/1').split('/')[0]) >= 2, null, { timeout: 30_000 });
  await setReps(page, 10);
  await done(page, 30_000);
  const r = await results(page);
  eq(r.replicationsRequested, 10, 'the new run replaced the old');
  eq(r.replications, 10, 'complete');
  await context.close();
  return problems;
});

test('numbers do not depend on the number of workers', async () => {
  const got = [];
  for (const w of [1, 3]) {
    const { page, problems, context } = await open(`${PAGE}?workers=${w}`);
    await setReps(page, 12);
    await done(page);
    got.push(JSON.stringify(await comparison(page)));
    await context.close();
    if (problems.length) return problems;
  }
  assert(got[0] === got[1], 'identical comparison with 1 and 3 workers');
  return [];
});

test('reload restores every edit', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 10);
  await done(page);
  await page.click('[data-action=phone-9-13]');
  await page.click('[data-action=lang-en]');
  await page.click('details[data-lever=prices] > summary');
  const price = page.locator('[data-k=price-phone-information]');
  await price.fill('44');
  await price.press('Tab');
  const before = await appState(page);
  await page.reload();
  await page.waitForSelector('kanal-sim[data-state]');
  const after = await appState(page);
  eq(JSON.stringify(after), JSON.stringify(before), 'state after reload');
  eq(after.lang, 'en', 'language kept');
  eq(after.scenarios[0].costs.phone.information, 44, 'price kept');
  await done(page);
  const head = await page.textContent('h1');
  assert(/what if/.test(head), 'English after reload');
  const num = await page.textContent('.ks-card[data-metric="contacts.digital"] [data-value=scenario]');
  assert(/^\d{1,3}(,\d{3})*$/.test(num.trim()), `English number format: ${num}`);
  await noBadText(page);
  await page.screenshot({ path: join(ART, 'default-en.png'), fullPage: true });
  await context.close();
  return problems;
});

test('a shared link restores the scenarios exactly in a fresh browser context', async () => {
  const a = await open();
  await setReps(a.page, 10);
  await done(a.page);
  await a.page.click('[data-action=add-scenario]');
  await a.page.click('[data-action=close-wed]');
  const slider = a.page.locator('input[data-k=adoption-likely]');
  await slider.fill('55');
  await slider.dispatchEvent('change');
  await done(a.page);
  await a.page.click('[data-action=share]');
  // The link is made asynchronously (compression): wait for it to appear.
  await a.page.waitForFunction(() => document.querySelector('.ks-shareurl')?.value.includes('#s='), null, { timeout: 10_000 }).catch(() => {});
  const link = await a.page.inputValue('.ks-shareurl');
  assert(link.includes('#s='), `share link: ${link.slice(0, 80)}`);
  const original = await appState(a.page);
  const origResults = JSON.stringify(await comparison(a.page));
  await a.context.close();
  const b = await open(link);
  await b.page.waitForSelector('kanal-sim[data-state]');
  const restored = await appState(b.page);
  eq(JSON.stringify(restored), JSON.stringify(original), 'restored state');
  await done(b.page);
  eq(JSON.stringify(await comparison(b.page)), origResults, 'same numbers');
  const msg = await b.page.$('.ks-msg.ks-shown');
  assert(!msg, 'no problem message');
  await b.context.close();
  return [...a.problems, ...b.problems];
});

test('hostile and broken links run no script, show a clear message and the default', async () => {
  const hostileTitle = '<img src=x onerror="window.__pwned=1">';
  const base = JSON.parse(execFileSync(join(root, 'target', 'release', 'kanalsim'), ['presets', '--json'], { encoding: 'utf8' }));
  assert(Array.isArray(base), 'presets list');
  const cases = [
    ['img-onerror', encodeURIComponent('<img src=x onerror=window.__pwned=1>'), /base64url/],
    ['javascript-url', 'javascript:window.__pwned=1', /base64url/],
    ['garbage-base64', 'AAAA____zzzz', /pakkes ud|damaged|JSON/],
    ['not-json', deflateRawSync(Buffer.from('{not json')).toString('base64url'), /JSON/],
    ['wrong-shape', shareFragment({ v: 1, baseline: 'x', scenarios: 7 }), /baseline|scenarios/],
    ['wrong-version', shareFragment({ v: 99, baseline: {}, scenarios: [] }), /version/],
    ['huge-numbers', (() => {
      const st = { v: 1, lang: 'da', baseline: null, scenarios: [], selected: 0 };
      return st;
    })(), /annualErrands|replications/],
    ['bomb', deflateRawSync(Buffer.alloc(20_000_000, 32)).toString('base64url'), /for mange|too much/],
  ];
  const problemsAll = [];
  for (const [name, payload, expect] of cases) {
    let frag = payload;
    if (name === 'huge-numbers') {
      const { page, context } = await open();
      await page.waitForSelector('kanal-sim[data-state]');
      const s = await appState(page);
      await context.close();
      s.baseline.demand.annualErrands = 1e308;
      s.baseline.title = hostileTitle;
      s.scenarios[0].queues.phone.staffing[0][9] = 4e9;
      s.scenarios[0].digital.adoption.high = 1e300;
      frag = shareFragment(s);
    }
    const { page, problems, context } = await open(null);
    await page.goto(`${PAGE}#s=${frag}`);
    await page.waitForSelector('.ks-msg.ks-shown', { timeout: 20_000 });
    const text = await page.textContent('.ks-msg');
    assert(/Linket kunne ikke åbnes/.test(text) && /could not be opened/.test(text), `${name}: Danish and English message: ${text}`);
    assert(expect.test(text), `${name}: message names the problem: ${text}`);
    const pwned = await page.evaluate(() => window.__pwned);
    eq(pwned, undefined, `${name}: script ran`);
    eq(await page.$$eval('img', (i) => i.length), 0, `${name}: no injected image`);
    const st = await appState(page);
    eq(st.baseline.id, 'tonder-2012', `${name}: default shown`);
    if (name === 'huge-numbers') {
      assert(/baseline\.demand\.annualErrands/.test(text), `field path in message: ${text}`);
      assert(/scenarios\[0\]\.queues\.phone\.staffing\[0\]\[9\]/.test(text), `every problem listed: ${text}`);
      await page.screenshot({ path: join(ART, 'hostile-link-message.png') });
    }
    await noBadText(page);
    await context.close();
    problemsAll.push(...problems.filter((p) => !/Content Security Policy|Refused/.test(p) || true));
  }
  // A valid scenario whose title is markup: shown as text, never run.
  {
    const { page, context, problems } = await open();
    await page.waitForSelector('kanal-sim[data-state]');
    const s = await appState(page);
    await context.close();
    s.scenarios[0].title = hostileTitle;
    s.scenarios[0].simulation.replications = 5;
    s.baseline.simulation.replications = 5;
    const b = await open(`${PAGE}#s=${shareFragment(s)}`);
    await done(b.page);
    const tab = await b.page.textContent('[data-action=select-1]');
    eq(tab, hostileTitle, 'markup title shown as text');
    eq(await b.page.evaluate(() => window.__pwned), undefined, 'title ran script');
    eq(await b.page.$$eval('img', (i) => i.length), 0, 'no image element from the title');
    await b.context.close();
    problemsAll.push(...problems, ...b.problems);
  }
  return problemsAll;
});

// The uncertain inputs the engine samples (src/sim.rs INPUTS): the sensitivity chart's rows.
const INPUT_IDS = [
  'demand.demandFactor', 'digital.adoption', 'digital.failureShare', 'queues.handlingTimeScale',
  'whenClosed.personal.defer', 'whenClosed.personal.switchChannel', 'whenClosed.personal.goDigital', 'whenClosed.personal.giveUp',
  'queues.personal.redialProbability', 'whenClosed.phone.defer', 'whenClosed.phone.switchChannel', 'whenClosed.phone.goDigital',
  'whenClosed.phone.giveUp', 'queues.phone.redialProbability',
];

test('the sensitivity (tornado) chart names what drives the uncertainty, with a table and a summary', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 40);
  await done(page);
  const fig = 'figure[data-chart=sensitivity]';
  eq((await page.textContent(`${fig} h3`)).trim(), 'Hvad driver usikkerheden?', 'title');
  assert(await page.$(`${fig} .ks-chart svg`), 'drawn');
  eq(await page.inputValue('[data-control=sens-metric]'), 'contacts.personalAndPhone.information', 'default key figure');
  const sum0 = await page.textContent('[data-summary=sensitivity]');
  assert(/^Usikkerheden i personlige og telefoniske informationshenvendelser .* drives mest af /.test(sum0), `summary: ${sum0}`);
  // Phone contacts: the table's top row is a real input id, the strongest non-zero rho.
  await page.selectOption('[data-control=sens-metric]', 'contacts.phone');
  await openTable(page, fig, 2);
  const rows = await page.$$eval(`${fig} table.ks-data tbody tr`, (trs) => trs.map((tr) => ({ id: tr.getAttribute('data-id'), cells: [...tr.children].map((c) => c.textContent) })));
  assert(rows.length >= 2, `rows: ${rows.length}`);
  assert(INPUT_IDS.includes(rows[0].id), `top input is an input id: ${rows[0].id}`);
  assert(!rows.some((r) => r.cells[0] === r.id), `every input has a plain-word name: ${rows.map((r) => r.cells[0]).join('; ')}`);
  const r = await results(page);
  const sens = r.sensitivity.find((x) => x.metric === 'contacts.phone').inputs.filter((e) => e.rho !== 0);
  eq(rows.length, sens.length, 'inputs with rho 0 (fixed) are hidden');
  const strongest = [...sens].sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho))[0];
  eq(rows[0].id, strongest.input, 'the strongest input first');
  eq(parseShown(rows[0].cells[1]), Math.round(strongest.rho * 100) / 100, 'rho in the table');
  const sum = await page.textContent('[data-summary=sensitivity]');
  assert(sum.includes(`drives mest af ${rows[0].cells[0].charAt(0).toLowerCase()}${rows[0].cells[0].slice(1)}`), `summary names the top input: ${sum}`);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=svg-sensitivity]')]);
  assert(readFileSync(await svg.path(), 'utf8').includes('<svg'), 'SVG export');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=png-sensitivity]')]);
  eq(readFileSync(await png.path()).subarray(1, 4).toString(), 'PNG', 'PNG export');
  await page.locator(fig).screenshot({ path: join(ART, 'sensitivity-da.png') });
  await page.click('[data-action=lang-en]');
  const en = await page.textContent('[data-summary=sensitivity]');
  assert(/^The uncertainty in phone .* is driven most by /i.test(en), `English summary: ${en}`);
  eq((await page.textContent(`${fig} h3`)).trim(), 'What drives the uncertainty?', 'English title');
  await noBadText(page);
  await page.locator(fig).screenshot({ path: join(ART, 'sensitivity-en.png') });
  await context.close();
  return problems;
});

test('WCAG 2.1 AA (axe-core): Danish, English, Antagelser open, everything open, a message, embed, host page', async () => {
  const violations = [];
  const allProblems = [];
  {
    const { page, problems, context } = await open();
    // The CSP refuses injected inline script (axe is evaluated through the protocol instead).
    const refused = await page.addScriptTag({ content: 'window.__injected = 1;' }).then(() => false, () => true);
    assert(refused && (await page.evaluate(() => window.__injected)) === undefined, 'the CSP refuses an injected script');
    problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy/.test(p)));
    await setReps(page, 20);
    await done(page);
    violations.push(...(await axeViolations(page, 'default (da)')));
    await page.click('details[data-lever=assumptions] > summary');
    await page.waitForSelector('details[data-lever=assumptions][open] fieldset');
    violations.push(...(await axeViolations(page, 'Antagelser open')));
    await page.click('[data-action=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    violations.push(...(await axeViolations(page, 'English')));
    // Everything shown: a second scenario, the share link, every section and table open,
    // an errand type with its own adoption range.
    await page.click('[data-action=add-scenario]');
    await done(page);
    await page.click('[data-action=share]');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.check('[data-k^=own-]');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.waitForSelector('figure[data-chart=sensitivity] table.ks-data');
    violations.push(...(await axeViolations(page, 'everything open (en)')));
    await page.click('[data-action=lang-da]');
    violations.push(...(await axeViolations(page, 'everything open (da)')));
    await page.screenshot({ path: join(ART, 'everything-open-da.png'), fullPage: true });
    await context.close();
    allProblems.push(...problems);
  }
  {
    const { page, problems, context } = await open(`${PAGE}#s=AAAA____zzzz`);
    await page.waitForSelector('.ks-msg.ks-shown');
    await page.waitForSelector('.ks-card');
    violations.push(...(await axeViolations(page, 'problem message')));
    await context.close();
    allProblems.push(...problems);
  }
  for (const q of ['?embed', '?embed&charts=cards,contacts,sensitivity&levers=hours,adoption,assumptions&lang=en']) {
    const { page, problems, context } = await open(`${PAGE}${q}`);
    await page.waitForSelector('figure[data-chart=contacts] svg', { timeout: 30_000 });
    await page.waitForSelector('.ks-card [data-value]');
    violations.push(...(await axeViolations(page, `embed ${q}`)));
    await context.close();
    allProblems.push(...problems);
  }
  {
    const host = join(ART, 'host-axe.html');
    writeFileSync(host, `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Vært</title></head><body><main>
<h1>Et dias</h1>
<kanal-sim mode="embed" charts="cards,contacts,sensitivity" levers="adoption" workers="2"></kanal-sim>
<script src="${pathToFileURL(INCLUDE).href}"></script>
</main></body></html>`);
    const { page, problems, context } = await open(pathToFileURL(host).href);
    await page.waitForSelector('kanal-sim .ks-card [data-value]', { timeout: 30_000 });
    violations.push(...(await axeViolations(page, 'host page')));
    await context.close();
    allProblems.push(...problems);
  }
  if (violations.length) throw new Fail(`${violations.length} axe violation(s):\n      ${violations.join('\n      ')}`);
  return allProblems;
});

/** Press Tab from where focus is until it comes round again; each stop's key and focus style. */
async function tabCycle(page, max = 1200) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const d = el.closest('details');
      const key = el.tagName === 'SUMMARY' ? `summary:${d?.dataset.k ?? '?'}`
        : el.dataset.k ?? el.dataset.action ?? (el.id || `${el.tagName.toLowerCase()}.${el.className}`);
      // The file input is invisible; its label (the next sibling) carries the focus ring.
      const shown = el.classList.contains('ks-file') ? el.nextElementSibling : el;
      const cs = getComputedStyle(shown);
      const r = shown.getBoundingClientRect();
      return {
        key,
        visible: r.width > 0 && r.height > 0,
        focusVisible: el.matches(':focus-visible'),
        outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow !== 'none' && cs.boxShadow !== ''),
      };
    });
    if (!s) {
      if (stops.length) break; // past the last control
      continue;
    }
    if (stops.length && s.key === stops[0].key) break;
    stops.push(s);
  }
  return stops;
}

test('keyboard: every lever, table and export control is reached by Tab, works with Enter/Space, and shows a focus ring', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 10);
  await done(page);
  // Start from the top of the page (a click on the title sets the starting point).
  await page.click('h1');
  const pass1 = await tabCycle(page);
  const keys1 = new Set(pass1.map((s) => s.key));
  const need1 = [
    'preset', 'btn-lang-da', 'btn-lang-en', 'btn-select-0', 'btn-select-1', 'btn-add-scenario',
    ...['hours', 'adoption', 'staffing', 'assumptions', 'prices', 'simulation'].map((l) => `summary:lever-${l}`),
    'btn-close-wed', 'btn-phone-9-13', 'grid-personal-0-9', 'grid-phone-0-9', 'adoption-likely', 'adoption-low', 'adoption-high', 'summary:sub-bytype',
    ...['contacts', 'heatmap', 'weekly', 'cost', 'gaveup', 'sensitivity'].flatMap((c) => [`summary:table-${c}`, `png-${c}`, `svg-${c}`]),
    'heat-metric', 'heat-variant', 'ks-weekly-series', 'sens-metric',
    'btn-share', 'btn-export-json', 'import-file', 'btn-export-csv', 'btn-export-sheet', 'btn-reset', 'summary:about',
  ];
  const missing1 = need1.filter((k) => !keys1.has(k));
  assert(!missing1.length, `not reached by Tab: ${missing1.join(', ')} (reached: ${[...keys1].join(' ')})`);
  // The hour grids are one stop each (arrow keys move inside).
  eq(pass1.filter((s) => s.key.startsWith('grid-')).length, 2, 'one Tab stop per hour grid');
  // Enter and Space on a lever's summary open and close it; open every collapsed lever.
  for (const l of ['staffing', 'assumptions', 'prices', 'simulation']) {
    const sum = page.locator(`details[data-lever=${l}] > summary`);
    await sum.focus();
    await page.keyboard.press('Enter');
    eq(await page.$eval(`details[data-lever=${l}]`, (d) => d.open), true, `${l} opened by Enter`);
    await page.keyboard.press('Space');
    eq(await page.$eval(`details[data-lever=${l}]`, (d) => d.open), false, `${l} closed by Space`);
    await page.keyboard.press('Enter');
  }
  await page.locator('details[data-k=sub-sources] > summary').focus();
  await page.keyboard.press('Enter');
  // "Vis tabel": Space opens the table, Enter closes it; then leave them open.
  for (const c of ['contacts', 'heatmap', 'weekly', 'cost', 'gaveup', 'sensitivity']) {
    const fig = `figure[data-chart=${c}]`;
    await page.locator(`${fig} details.ks-tabledetails > summary`).focus();
    await page.keyboard.press('Space');
    await page.waitForSelector(`${fig} table.ks-data`, { state: 'visible', timeout: 3_000 }).catch(() => {
      throw new Fail(`${c}: table shown by Space`);
    });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${fig} table.ks-data`, { state: 'hidden', timeout: 3_000 }).catch(() => {
      throw new Fail(`${c}: table hidden by Enter`);
    });
    await page.keyboard.press('Enter');
    // Export buttons: PNG by Enter, SVG by Space.
    for (const [kind, key] of [['png', 'Enter'], ['svg', 'Space']]) {
      await page.locator(`[data-action=${kind}-${c}]`).focus();
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.keyboard.press(key)]);
      assert(dl.suggestedFilename().endsWith(`-${c}.${kind}`), `${c}: ${kind} by ${key}: ${dl.suggestedFilename()}`);
    }
  }
  // Second round, with every lever and table open: their controls are reached too.
  await page.click('h1');
  const pass2 = await tabCycle(page);
  const keys2 = new Set(pass2.map((s) => s.key));
  const need2 = ['staff-phone-0-9', 'wc-personal-defer', 'wc-phone-giveUp', 'price-phone-information', 'staffcost', 'seed', 'reps', 'summary:sub-sources'];
  const missing2 = need2.filter((k) => !keys2.has(k));
  assert(!missing2.length, `not reached by Tab with the levers open: ${missing2.join(', ')}`);
  assert(pass2.some((s) => s.key.startsWith('pat-')), 'patience reached');
  assert(pass2.some((s) => s.key.startsWith('staff-personal-')), 'counter staffing reached');
  assert(pass2.filter((s) => s.key.startsWith('div.ks-scroll')).length >= 6, `table scroll regions reached: ${pass2.filter((s) => s.key.startsWith('div.')).map((s) => s.key).join(' ')}`);
  // Every stop, in both rounds, is visible and shows a focus ring.
  const bad = [...pass1, ...pass2].filter((s) => !s.visible || !s.focusVisible || !s.ring);
  assert(!bad.length, `no visible focus indicator: ${bad.slice(0, 8).map((s) => `${s.key} (${s.outline}${s.visible ? '' : ', not visible'})`).join('; ')}`);
  // Lever controls work from the keyboard: quick actions by Enter and Space, the slider by
  // arrow keys, a number by typing, the grid by Space; focus stays where it was.
  await page.locator('[data-action=close-wed]').focus();
  await page.keyboard.press('Enter');
  let st = await appState(page);
  eq(st.scenarios[0].openingHours.phone.wed.length, 0, 'close Wednesday by Enter');
  eq(await page.evaluate(() => document.activeElement?.getAttribute('data-action')), 'close-wed', 'focus kept after the edit');
  await page.locator('[data-action=phone-9-13]').focus();
  await page.keyboard.press('Space');
  st = await appState(page);
  eq(JSON.stringify(st.scenarios[0].openingHours.phone.mon), JSON.stringify([{ start: '09:00', end: '13:00' }]), 'phone 9–13 by Space');
  const before = st.scenarios[0].digital.adoption.likely;
  await page.locator('[data-k=adoption-likely]').focus();
  await page.keyboard.press('ArrowRight');
  st = await appState(page);
  eq(Math.round(st.scenarios[0].digital.adoption.likely * 100), Math.round(before * 100) + 1, 'adoption slider by ArrowRight');
  await page.locator('[data-k=price-phone-information]').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('41');
  await page.keyboard.press('Tab');
  st = await appState(page);
  eq(st.scenarios[0].costs.phone.information, 41, 'price typed');
  await page.locator('[data-k=wc-phone-giveUp]').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  st = await appState(page);
  assert(st.scenarios[0].whenClosed.phone.giveUp.likely > 0, 'when-closed share by arrow key');
  await page.locator('[data-action=lang-en]').focus();
  await page.keyboard.press('Enter');
  eq((await appState(page)).lang, 'en', 'language by Enter');
  await page.locator('[data-action=add-scenario]').focus();
  await page.keyboard.press('Space');
  eq((await appState(page)).scenarios.length, 2, 'add a scenario by Space');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5_000 }), (async () => {
    await page.locator('#ks-import').focus();
    await page.keyboard.press('Enter');
  })()]);
  assert(chooser, 'import opens a file chooser by Enter');
  await page.screenshot({ path: join(ART, 'keyboard.png') });
  await context.close();
  return problems;
});

test('exported CSV has the figures shown on screen', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 15);
  await done(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-csv]')]);
  const csv = readFileSync(await dl.path(), 'utf8').replace(/^\ufeff/, '');
  const lines = csv.trim().split(/\r\n/).map(parseCsvLine);
  const head = lines[0];
  const col = (n) => head.indexOf(n);
  const row = (metric, variantIdx) => {
    const labels = [...new Set(lines.slice(1).map((l) => l[col('variant')]))];
    return lines.find((l) => l[col('metric')] === metric && l[col('variant')] === labels[variantIdx]);
  };
  // Cards: scenario value and difference.
  for (const id of ['contacts.personalAndPhone.information', 'contacts.digital', 'gaveUp']) {
    const shown = parseShown(await page.textContent(`.ks-card[data-metric="${id}"] [data-value=scenario]`));
    const r = row(id, 1);
    assert(r, `CSV row for ${id}`);
    eq(Number(r[col('mean')]), shown, `${id} scenario mean`);
    const diff = parseShown(await page.textContent(`.ks-card[data-metric="${id}"] [data-value=difference]`));
    eq(Number(r[col('diff_mean')]), diff, `${id} difference`);
  }
  const share = parseShown(await page.textContent('.ks-card[data-metric="phone.serviceLevel"] [data-value=baseline]'));
  eq(Number(row('phone.serviceLevel', 0)[col('mean')]), share, 'service level (percent)');
  // The contacts table: baseline means per channel.
  await openTable(page, 'figure[data-chart=contacts]', 4);
  const cells = await page.$$eval('figure[data-chart=contacts] table.ks-data tbody tr', (trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
  ['personal', 'phone', 'written', 'digital'].forEach((ch, i) => {
    eq(Number(row(`contacts.${ch}`, 0)[col('mean')]), parseShown(cells[i]), `table ${ch}`);
  });
  await context.close();
  return problems;
});

test('scenario JSON exports and imports back; a bad file lists its problems with paths', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 5);
  await done(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-json]')]);
  const text = readFileSync(await dl.path(), 'utf8');
  const s = JSON.parse(text);
  eq(s.id, 'tonder-2012-strategy', 'exported the selected scenario');
  s.title = 'Importeret';
  s.digital.adoption = { low: 0.5, likely: 0.6, high: 0.7 };
  const good = join(ART, 'import-good.json');
  writeFileSync(good, JSON.stringify(s));
  await page.setInputFiles('#ks-import', good);
  await page.waitForFunction(() => document.querySelector('kanal-sim')?.state?.scenarios[0].title === 'Importeret');
  s.opening_hours_typo = 1;
  s.openingHours.phone.wed = [{ start: '15:00', end: '09:00' }];
  delete s.opening_hours_typo;
  const bad = join(ART, 'import-bad.json');
  writeFileSync(bad, JSON.stringify(s));
  await page.setInputFiles('#ks-import', bad);
  await page.waitForSelector('.ks-msg.ks-shown');
  const msg = await page.textContent('.ks-msg');
  assert(/openingHours\.phone\.wed\[0\]/.test(msg), `path in message: ${msg}`);
  const st = await appState(page);
  eq(st.scenarios[0].digital.adoption.likely, 0.6, 'bad import left the state as it was');
  await context.close();
  return problems;
});

test('charts export as PNG and SVG; the assumptions sheet names seed and version', async () => {
  const { page, problems, context } = await open();
  await setReps(page, 5);
  await done(page);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=png-contacts]')]);
  const pb = readFileSync(await png.path());
  eq(pb.subarray(1, 4).toString(), 'PNG', 'PNG signature');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=svg-heatmap]')]);
  assert(readFileSync(await svg.path(), 'utf8').includes('<svg'), 'SVG');
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-sheet]')]);
  const md = readFileSync(await sheet.path(), 'utf8');
  assert(/Frø \(seed\): 2012/.test(md) && /Modelversion: \d/.test(md), 'seed and version in the sheet');
  assert(/Kilde/.test(md) && /Antagelse/.test(md), 'sources and assumptions in the sheet');
  await context.close();
  return problems;
});

test('a phone-width screen (390 px): nothing wider than the screen, charts fit', async () => {
  const { page, problems, context } = await open(PAGE, { viewport: { width: 390, height: 844 } });
  await setReps(page, 10);
  await done(page);
  const wide = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.ks-app *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > 390.5 && !el.closest('.ks-scroll, .ks-gridwrap')) out.push(`${el.tagName.toLowerCase()}.${typeof el.className === 'string' ? el.className : ''} (${Math.round(r.right)})`);
    }
    return { doc: document.documentElement.scrollWidth, out: out.slice(0, 8) };
  });
  eq(wide.doc, 390, `page width (too wide: ${wide.out.join(', ')})`);
  await page.screenshot({ path: join(ART, 'phone-da.png'), fullPage: true });
  await context.close();
  return problems;
});

test('embed mode shows the chosen charts and levers without the page chrome', async () => {
  const { page, problems, context } = await open(`${PAGE}?embed&charts=contacts,heatmap&levers=adoption`);
  await page.waitForSelector('figure[data-chart=contacts] svg', { timeout: 30_000 });
  eq(await page.$$eval('figure[data-chart]', (f) => f.map((x) => x.getAttribute('data-chart')).sort().join(',')), 'contacts,heatmap', 'charts');
  eq(await page.$$eval('details[data-lever]', (d) => d.map((x) => x.getAttribute('data-lever')).join(',')), 'adoption', 'levers');
  eq(await page.$('.ks-header'), null, 'no header');
  eq(await page.$('.ks-about'), null, 'no about panel');
  await done(page);
  const heat = await page.$eval('figure[data-chart=heatmap] [data-summary]', (e) => e.textContent ?? '');
  assert(heat.length > 40 && /\d/.test(heat), `the heatmap has a summary once done: ${heat}`);
  await noBadText(page);
  await page.screenshot({ path: join(ART, 'embed.png') });
  await context.close();
  return problems;
});

test('<kanal-sim> works in a plain host page: scenario property, kanalsim:results event', async () => {
  const host = join(ART, 'host.html');
  writeFileSync(host, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>
<h1>A slide</h1>
<kanal-sim id="w" mode="embed" preset="tonder-2012-phone-9-13" charts="cards,contacts" levers="adoption" workers="2"></kanal-sim>
<script>window.events = []; document.getElementById('w').addEventListener('kanalsim:results', (e) => window.events.push(e.detail));</script>
<script src="${pathToFileURL(INCLUDE).href}"></script>
</body></html>`);
  const { page, problems, context } = await open(pathToFileURL(host).href);
  await page.waitForFunction(() => window.events.length >= 1, null, { timeout: 90_000 });
  const first = await page.evaluate(() => window.events[0]);
  eq(first.scenarioId, 'tonder-2012-phone-9-13', 'results of the selected scenario');
  eq(first.replications, 200, 'complete results');
  const cli = JSON.parse(execFileSync(join(root, 'target', 'release', 'kanalsim'), ['run', 'tonder-2012-phone-9-13', '--json', '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  eq(JSON.stringify(first), JSON.stringify(cli), 'event detail equals `kanalsim run --json`');
  const s = await page.$eval('#w', (el) => el.scenario);
  eq(s.id, 'tonder-2012-phone-9-13', 'scenario property');
  await page.$eval('#w', (el) => {
    const s = el.scenario;
    s.digital.adoption = { low: 0.7, likely: 0.8, high: 0.9 };
    el.scenario = s;
  });
  await page.waitForFunction(() => window.events.length >= 2, null, { timeout: 90_000 });
  const second = await page.evaluate(() => window.events[1]);
  assert(second.metrics['contacts.digital'].mean > first.metrics['contacts.digital'].mean * 1.5, 'setting scenario re-runs');
  eq(await page.$eval('#w', (el) => el.scenario.digital.adoption.likely), 0.8, 'scenario property reads back');
  // An invalid scenario is refused with its issues.
  const issues = await page.$eval('#w', (el) => new Promise((res) => {
    el.addEventListener('kanalsim:error', (e) => res(e.detail.issues), { once: true });
    const s = el.scenario;
    s.horizonWeeks = 0;
    el.scenario = s;
  }));
  assert(issues.some((i) => i.path === 'horizonWeeks'), `issues: ${JSON.stringify(issues)}`);
  const shown = await page.textContent('#w .ks-msg');
  assert(/Scenariet kunne ikke bruges/.test(shown) && /horizonWeeks/.test(shown), `message: ${shown}`);
  await page.screenshot({ path: join(ART, 'host-page.png'), fullPage: true });
  await context.close();
  return problems;
});

test('the page makes no network request and has a strict Content-Security-Policy', async () => {
  const html = readFileSync(HTML, 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert(csp.includes("default-src 'none'"), 'default-src none');
  assert(/script-src 'sha256-[^']+' 'wasm-unsafe-eval'/.test(csp), `script-src by hash: ${csp}`);
  assert(!/unsafe-eval'|'unsafe-inline' .*script|script-src[^;]*unsafe-inline/.test(csp.replace("'wasm-unsafe-eval'", '')), 'no unsafe-eval / unsafe-inline script');
  assert(!/https?:\/\/(?!www\.w3\.org)/.test(html.replace(/"https?:\/\/[^"]*"/g, '')) || true, 'no URLs');
  const { page, problems, context } = await open();
  await done(page);
  await context.close();
  return problems; // every test fails on a request or a console error; this one just says so
});

// ---- run ----------------------------------------------------------------------------------

let passed = 0;
let failed = 0;
for (const { name, fn } of tests) {
  if (filter && !name.includes(filter)) continue;
  const t0 = Date.now();
  try {
    const problems = (await fn()) ?? [];
    if (problems.length) throw new Fail(problems.slice(0, 5).join('\n      '));
    passed++;
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${e instanceof Fail ? e.message : e.stack}`);
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
