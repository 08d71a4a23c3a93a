// Unit tests of "Din kommune": the back-test's words, chart and tables (no browser, no wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtestChart, backtestSummary, fitIsGood, fitTable, shownHours, type Calibration } from '../src/muni';
import type { Scenario } from '../src/generated/types';

const hourly = (f: (h: number) => number) => Array.from({ length: 168 }, (_, h) => (h % 24 >= 10 && h % 24 < 15 && h < 120 ? f(h) : 0));
const cal = (r: number, mae: number): Calibration => ({
  scenario: { id: 'testrup', title: 'Testrup' } as unknown as Scenario,
  weeks: 3,
  seasonFactor: 0.97,
  replications: 4,
  rounds: 6,
  minHour: 20,
  channels: [
    { channel: 'personal', observedWeekly: 1550.7, simulatedWeekly: 1530.7, observedHourly: hourly(() => 40), simulatedHourly: hourly(() => 38), correlation: r, meanAbsError: mae, hoursMeasured: 25 },
    { channel: 'phone', observedWeekly: 2403.7, simulatedWeekly: 2404.6, observedHourly: hourly(() => 60), simulatedHourly: hourly(() => 61), correlation: 0.986, meanAbsError: 0.048, hoursMeasured: 25 },
    { channel: 'written', observedWeekly: 801.7, simulatedWeekly: 811.1, observedHourly: [], simulatedHourly: [], correlation: null, meanAbsError: null, hoursMeasured: 0 },
    { channel: 'digital', observedWeekly: 0, simulatedWeekly: 0, observedHourly: [], simulatedHourly: [], correlation: null, meanAbsError: null, hoursMeasured: 0 },
  ],
  periodDa: 'tælleuger 43, 44, 45, 2013',
  periodEn: 'counting weeks 43, 44, 45, 2013',
  files: [['x.csv', 'KOMHEN registrations', 'KOMHEN-registreringer']],
  outbound: 890,
  short: [914, 2671, 1],
  late: 581,
  unknownCodes: 0,
});

test('back-test in words: the fit, per channel, in Danish and English; no NaN', () => {
  const c = cal(0.967, 0.093);
  assert.ok(fitIsGood(c));
  const da = backtestSummary('da', c);
  assert.match(da, /^Modellen gengiver jeres tal: skranke korrelation 0,97, gennemsnitlig afvigelse 9,3 % \(25 timer med mindst 20 registreringer\); telefon korrelation 0,99/);
  assert.match(da, /skranke 1\.551 \/ 1\.531 \(−1,3 %\)/);
  assert.match(backtestSummary('en', c), /^The model reproduces your counts: counter correlation 0\.97, mean deviation 9\.3 %/);
  assert.doesNotMatch(da + backtestSummary('en', c), /NaN|undefined|Infinity/);
});

test('back-test below the thresholds says so', () => {
  const c = cal(0.8, 0.2);
  assert.equal(fitIsGood(c), false);
  assert.match(backtestSummary('da', c), /^Modellen gengiver kun delvis jeres tal \(målet er korrelation mindst 0,9 og afvigelse under 15 %\)/);
});

test('back-test chart: open hours only, one panel per channel, table from the same numbers', () => {
  const c = cal(0.967, 0.093);
  assert.equal(shownHours(c).length, 25);
  const spec = backtestChart('da', c);
  assert.equal((spec.option.series as unknown[]).length, 4);
  assert.equal(spec.table.rows.length, 25);
  assert.deepEqual(spec.table.rows[0], ['man 10', '40,0', '38,0', '60,0', '61,0']);
  const ft = fitTable('en', c);
  assert.deepEqual(ft.rows[3], ['digital self-service', '0.0', '0.0', '–', '–', '–', '0']);
});
