// Unit tests of the chart specifications that need no browser (the sensitivity chart), under node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sensitivityChart, inputLabel, inputRange } from '../src/charts';
import type { Results } from '../src/generated/types';

const results = (inputs: { input: string; rho: number }[], replications = 200) =>
  ({ replications, sensitivity: [{ metric: 'contacts.phone', inputs }] }) as unknown as Results;
const scenario = {
  digital: { adoption: { low: 0.3, likely: 0.42, high: 0.5 } },
  demand: { demandFactor: { low: 0.95, likely: 1, high: 1.05 } },
  queues: { personal: { redialProbability: { low: 0, likely: 0, high: 0 } } },
};

test('sensitivity: strongest first, fixed inputs (rho 0) hidden, plain words, summary', () => {
  const r = results([
    { input: 'demand.demandFactor', rho: 0.41 },
    { input: 'digital.adoption', rho: -0.83 },
    { input: 'queues.personal.redialProbability', rho: 0 },
  ]);
  const spec = sensitivityChart('da', 'Basis', r, scenario, 'contacts.phone', 'Telefoniske henvendelser');
  assert.deepEqual(spec.table.rowIds, ['digital.adoption', 'demand.demandFactor']);
  assert.deepEqual(spec.table.rows.map((x) => x[0]), ['Digital anvendelse', 'Efterspørgsel (faktor)']);
  assert.equal(spec.table.rows[0]?.[1], '−0,83');
  assert.equal(spec.table.rows[0]?.[3], '30 % / 42 % / 50 %');
  assert.equal(spec.table.rows[1]?.[3], '0,95 / 1,00 / 1,05');
  assert.match(spec.summary, /^Usikkerheden i telefoniske henvendelser \(«Basis»\) drives mest af digital anvendelse \(sammenhæng −0,83\): jo højere værdi, jo lavere tal\. Derefter efterspørgsel \(faktor\) \(sammenhæng 0,41\)\./);
  assert.ok(!/ρ/.test(spec.summary), 'no Greek letters in the summary');
  assert.match(spec.summary, /1 faste antagelser \(uden usikkerhed\) er ikke vist/);
  const en = sensitivityChart('en', 'Baseline', r, scenario, 'contacts.phone', 'Phone contacts');
  assert.match(en.summary, /^The uncertainty in phone contacts \(«Baseline»\) is driven most by digital adoption \(link −0\.83\)/);
});

test('sensitivity: chance-level correlations are marked, too few years said plainly', () => {
  const weak = sensitivityChart('en', 'B', results([{ input: 'digital.adoption', rho: 0.05 }], 40), scenario, 'contacts.phone', 'X');
  assert.match(weak.summary, /no input stands out clearly from chance/);
  assert.equal(weak.table.rows[0]?.[2], 'unclear – may be chance');
  const none = sensitivityChart('da', 'B', results([{ input: 'digital.adoption', rho: 0 }], 2), scenario, 'contacts.phone', 'X');
  assert.match(none.summary, /for få simulerede år/);
  assert.equal(none.table.rows.length, 0);
  assert.equal(inputLabel('en', 'whenClosed.phone.giveUp'), 'Phone closed: gives up');
  assert.equal(inputLabel('da', 'some.new.input'), 'some.new.input');
  assert.equal(inputRange(scenario, 'digital.nothing'), undefined);
});

test('bar charts: a difference in the summary and table only once its sign is known; whiskers per bar', async () => {
  const { gaveUpChart } = await import('../src/charts');
  const sum = (mean: number, spread: number) => ({ mean, p5: mean - spread, p25: mean - spread / 3, p50: mean, p75: mean + spread / 3, p95: mean + spread });
  const res = (n: number, v: number) => ({ replications: n, metrics: { gaveUp: sum(v, 10), 'gaveUp.closed': sum(v / 2, 5), 'gaveUp.abandoned': sum(v / 2, 5) } }) as unknown as Results;
  // ci90 (the engine's interval of the mean) decides; the percentiles spread wide either way.
  const dif = (d: number, half: number) => ({ ...sum(d, 500), ci90: [d - half, d + half] as [number, number] });
  const cmp = (d: number, half: number) => ({ difference: { gaveUp: dif(d, half), 'gaveUp.closed': dif(d / 2, half / 2), 'gaveUp.abandoned': dif(d / 2, half / 2) } }) as never;
  const labels = ['Basis', 'Plan'];
  // Running (8 of 200 years), a small difference in much noise: not given.
  let spec = gaveUpChart({ lang: 'da', labels, results: [res(200, 100), res(8, 101)], comparisons: [null, cmp(1, 500)], asked: 200 });
  assert.match(spec.summary, /«Plan» \(forskel endnu uklar\)/);
  assert.ok(!/\+1\b/.test(spec.summary), spec.summary);
  // Done, the same: said in words.
  spec = gaveUpChart({ lang: 'da', labels, results: [res(200, 100), res(200, 101)], comparisons: [null, cmp(1, 500)], asked: 200 });
  assert.match(spec.summary, /«Plan» \(ikke til at skelne fra 0\)/);
  assert.match(spec.table.rows[2]![5]!, /^ikke til at skelne fra 0 \(/);
  // Running, a clear difference: its sign is given.
  spec = gaveUpChart({ lang: 'da', labels, results: [res(200, 100), res(20, 400)], comparisons: [null, cmp(300, 20)], asked: 200 });
  assert.match(spec.summary, /«Plan» \(\+300\)/);
  // Running, fewer than 5 paired years: not given even though ci90 excludes 0.
  spec = gaveUpChart({ lang: 'da', labels, results: [res(200, 100), res(4, 400)], comparisons: [null, cmp(300, 20)], asked: 200 });
  assert.match(spec.summary, /«Plan» \(forskel endnu uklar\)/);
  const series = spec.option.series as { type: string }[];
  assert.equal(series.filter((x) => x.type === 'custom').length, 2, 'a whisker series per variant');
});
