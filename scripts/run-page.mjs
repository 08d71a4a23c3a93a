// Opens the built page (dist/kanalsim.html) from disk in headless Chromium, as a politician
// would open the file, waits until the default scenario (Tønder 2012 and the scenario beside
// it) has finished computing, prints the key figures the page shows and saves a screenshot.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'www', 'package.json'));
const { chromium } = require('playwright-core');
const html = join(root, 'dist', 'kanalsim.html');
if (!existsSync(html)) {
  console.error('dist/kanalsim.html is missing: run scripts/build-page.sh first');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
const t0 = Date.now();
await page.goto(pathToFileURL(html).href);
// Wait until the selected scenario's results are complete.
const results = await page.evaluate(() => new Promise((resolve) => {
  const el = document.querySelector('kanal-sim');
  const done = (r) => r && r.replications === r.replicationsRequested;
  if (done(el.results)) return resolve(el.results);
  el.addEventListener('kanalsim:results', (e) => { if (done(e.detail)) resolve(e.detail); });
}));
const seconds = (Date.now() - t0) / 1000;
const comparison = await page.evaluate(() => document.querySelector('kanal-sim').comparison);
const cards = await page.locator('.ks-cards').innerText().catch(() => '');
mkdirSync(join(root, 'test-artifacts'), { recursive: true });
const shot = join(root, 'test-artifacts', 'main.png');
await page.screenshot({ path: shot, fullPage: true });
await browser.close();

const m = results.metrics;
const b = comparison?.baseline?.metrics;
const n = (x) => Math.round(x).toLocaleString('da-DK');
console.log(`\nKanalsim — ${results.title}: ${results.replications} simulated years in ${seconds.toFixed(1)} s (seed ${results.seed})`);
if (b) console.log(`baseline: ${comparison.baseline.title}`);
for (const [id, label] of [
  ['contacts.personalAndPhone.information', 'personlige og telefoniske informationshenvendelser'],
  ['contacts.personal', 'personlige henvendelser'],
  ['contacts.phone', 'besvarede opkald'],
  ['contacts.digital', 'digital selvbetjening'],
  ['gaveUp', 'opgivne ærinder'],
  ['staff.hours', 'medarbejdertimer'],
]) {
  const base = b ? `   (basis ${n(b[id].mean)})` : '';
  console.log(`  ${label.padEnd(52)} ${n(m[id].mean).padStart(9)}  [${n(m[id].p5)} – ${n(m[id].p95)}]${base}`);
}
console.log(`\nNøgletal på siden:\n${cards.split('\n').filter(Boolean).slice(0, 12).join('\n')}`);
console.log(`\nscreenshot: ${shot}`);
console.log(`open the page itself: ${html}`);
if (errors.length) {
  console.error(`the page logged errors:\n${errors.join('\n')}`);
  process.exit(1);
}
