// Benchmark (not a test): in headless Chromium, opening dist/kanalsim.html from file://,
//  - time to the first partial result and to 200 paired replications of the default preset
//    (Tønder 2012 beside its strategy scenario: 400 replications), with all workers;
//  - the main thread's share: its busy time (CDP Performance.getMetrics TaskDuration) over the run;
//  - wasm-to-native throughput: replications per second of one worker in the page against
//    the native CLI on one thread (`kanalsim run --threads 1`), same scenario.
//   node bench/browser-bench.mjs        (after scripts/build-page.sh and cargo build --release)
//   KS_BENCH_ROUNDS=5 node bench/browser-bench.mjs   (more interleaved rounds; default 3)
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

const www = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(www, '..');
const require = createRequire(join(www, 'package.json'));
const { chromium } = require('playwright-core');
const PAGE = pathToFileURL(join(root, 'dist', 'kanalsim.html')).href;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });

/** Open the page (fresh context), return ms from navigation start to the first update and to completion. */
async function timed(query, replications) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__t = { first: null, done: null };
    document.addEventListener('kanalsim:update', (e) => {
      if (window.__t.first === null) window.__t.first = performance.now();
      if (e.detail.final) window.__t.done = performance.now();
    }, true);
  });
  let url = `${PAGE}${query}`;
  if (replications) {
    // A share link with the default state and another replication count.
    await page.goto(PAGE);
    await page.waitForSelector('kanal-sim[data-state]');
    const st = await page.$eval('kanal-sim', (el) => el.state);
    st.baseline.simulation.replications = replications;
    for (const s of st.scenarios) s.simulation.replications = replications;
    st.scenarios = []; // the baseline alone: one replication = one simulated year
    st.selected = 0;
    const { deflateRawSync } = await import('node:zlib');
    url = `${PAGE}${query}#s=${deflateRawSync(Buffer.from(JSON.stringify(st))).toString('base64url')}`;
    await context.clearCookies();
    await page.evaluate(() => localStorage.clear());
  }
  // The main thread's busy time (CDP Performance.getMetrics: TaskDuration, ScriptDuration,
  // LayoutDuration, in seconds, summed over the page's main-thread tasks) across the run.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const m0 = await metric();
  await page.goto(url);
  await page.waitForFunction(() => window.__t.done !== null, null, { timeout: 600_000 });
  const m1 = await metric();
  const main = { task: m1.TaskDuration - m0.TaskDuration, script: m1.ScriptDuration - m0.ScriptDuration, layout: m1.LayoutDuration - m0.LayoutDuration };
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('kanalsim:')).map((m) => [m.name.slice(9), m.startTime])));
  const dcl = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0);
  const t = { ...(await page.evaluate(() => window.__t)), main, marks, dcl };
  const workers = await page.evaluate(() => navigator.hardwareConcurrency);
  await context.close();
  return { ...t, workers };
}

/** A blank page's load from file:// in the same browser (the floor of "first figures"). */
async function blank() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(os.tmpdir(), 'ks-blank-'));
  writeFileSync(join(dir, 'blank.html'), '<!doctype html><title>blank</title><p>blank</p>');
  await page.goto(pathToFileURL(join(dir, 'blank.html')).href);
  const t = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? performance.now());
  await context.close();
  return t;
}

const ROUNDS = Number(process.env.KS_BENCH_ROUNDS ?? 3);
const bin = join(root, 'target', 'release', 'kanalsim');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (f) => {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
};
const f2 = (x) => x.toFixed(2);
console.log(`machine: ${os.cpus().length} logical CPUs (${os.cpus()[0]?.model ?? '?'}), Chromium ${browser.version()}; ${ROUNDS} interleaved rounds, medians of the per-round ratios`);

// The default preset (200 paired replications, all workers) beside the native CLI, in turn.
const pairs = [];
for (let r = 0; r < ROUNDS; r++) {
  const blankMs = await blank();
  const full = await timed('', 0);
  const native = secs(() => execFileSync(bin, ['compare', 'tonder-2012', 'tonder-2012-strategy', '--replications', '200', '--threads', '2', '--json', '/dev/null'], { stdio: 'ignore' }));
  pairs.push({ full, native, blankMs });
  const m = full.marks;
  const at = (k) => (m[k] === undefined ? '–' : f2(m[k] / 1000));
  console.log(`round ${r + 1}: first partial result ${f2(full.first / 1000)} s (blank page ${f2(blankMs / 1000)} s); all 200 paired replications ${f2(full.done / 1000)} s, native ${f2(native)} s: page / native ${f2(full.done / 1000 / native)}; main thread busy ${f2(full.main.task)} s (${((100 * full.main.task * 1000) / full.done).toFixed(1)} %; script ${f2(full.main.script)} s, layout ${f2(full.main.layout)} s) beside ${full.workers} workers`);
  console.log(`  start (s after navigation): HTML parsed ${f2(full.dcl / 1000)}, engine compile and workers started ${at('preboot')}, workers up ${at('workers-ready')}, element boot ${at('boot')}, first replications posted ${at('posted')}, first output ${at('first-output')}, first shown ${f2(full.first / 1000)}`);
}
console.log(`default preset, 200 paired replications (400 simulated years): first partial result ${f2(median(pairs.map((p) => p.full.first)) / 1000)} s (median), page / native ${f2(median(pairs.map((p) => p.full.done / 1000 / p.native)))} (median; ${pairs.map((p) => f2(p.full.done / 1000 / p.native)).join(', ')}), main thread busy ${median(pairs.map((p) => (100 * p.full.main.task * 1000) / p.full.done)).toFixed(1)} % of the run (median)`);

// One worker against one native thread, in turn.
const N = 40;
const rates = [];
for (let r = 0; r < ROUNDS; r++) {
  const one = await timed('?workers=1', N);
  const wasmRate = (N - 1) / ((one.done - one.first) / 1000); // after the first: steady state
  const nativeRate = N / secs(() => execFileSync(bin, ['run', 'tonder-2012', '--replications', String(N), '--threads', '1', '--json', '/dev/null'], { stdio: 'ignore' }));
  rates.push(wasmRate / nativeRate);
  console.log(`round ${r + 1}, one worker vs one native thread (Tønder 2012 baseline, ${N} replications): wasm ${wasmRate.toFixed(1)} replications/s (steady; ${(N / (one.done / 1000)).toFixed(1)}/s with start-up), native ${nativeRate.toFixed(1)}/s: wasm / native ${f2(wasmRate / nativeRate)}`);
}
console.log(`wasm / native per worker: ${f2(median(rates))} (median; ${rates.map(f2).join(', ')})`);
console.log(`page size: ${(readFileSync(join(root, 'dist', 'kanalsim.html')).length / 1024).toFixed(0)} KiB`);
await browser.close();
