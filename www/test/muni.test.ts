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

import { formTable, emptyForm, parseDay, parseHours, checkMap, hoursText, parseTyped, needsPicker, type FileInfo } from '../src/muni';

const filled = () => {
  const f = emptyForm();
  f.name = 'Formrup; Kommune';
  f.inhabitants = '30.000';
  f.yearly = { personal: '', phone: '60000', written: '20 000', digital: '0' };
  for (let d = 0; d < 5; d++) {
    f.hours.personal[d] = '10:00-15:00';
    f.hours.phone[d] = '9-12, 13:00-15:30';
    f.staff.phone[d] = '3';
  }
  return f;
};

test('short form: a plain table for table.rs, the counter left to its per-inhabitant default', () => {
  const { csv, issues } = formTable(filled());
  assert.deepEqual(issues, []);
  const rows = csv.trim().split('\n');
  assert.equal(rows[0], 'what;channel;key;value');
  assert.ok(rows.includes('name;;;"Formrup; Kommune"'), 'a name with the separator is quoted');
  assert.ok(rows.includes('inhabitants;;;30000'));
  assert.ok(!rows.some((r) => r.startsWith('yearly;personal')), 'the counter is left to the default');
  assert.ok(rows.includes('yearly;phone;;60000') && rows.includes('yearly;written;;20000') && rows.includes('yearly;digital;;0'));
  assert.ok(rows.includes('open;phone;mon;09:00-12:00') && rows.includes('open;phone;mon;13:00-15:30'));
  // Staff in every hour the phone is open at some minute (9, 10, 11, 13, 14, 15), none for the counter.
  const staff = rows.filter((r) => r.startsWith('staff;phone;mon '));
  assert.deepEqual(staff.map((r) => r.split(';')[2]), ['mon 9', 'mon 10', 'mon 11', 'mon 13', 'mon 14', 'mon 15']);
  assert.ok(!rows.some((r) => r.startsWith('staff;personal')));
});

test('short form: every wrong or missing field is named, in Danish and English', () => {
  const f = filled();
  f.inhabitants = '';
  f.yearly.digital = '';
  f.yearly.written = 'mange';
  f.hours.personal[2] = '25:00-26:00';
  f.staff.phone[1] = '';
  const { issues } = formTable(f);
  const en = issues.map((i) => i.en).join(' | ');
  assert.match(en, /Contacts a year, counter \(personal visits\): give the number, or give inhabitants/);
  assert.match(en, /digital self-service: give the number \(0 if none\); no source gives a per-inhabitant figure/);
  assert.match(en, /written .*«mange» is not a number/);
  assert.match(en, /Counter, Wednesday: «25:00-26:00» is not opening hours/);
  assert.match(en, /Phone, Tuesday: staff «» must be a whole number/);
  assert.ok(issues.every((i) => i.da && i.k), 'Danish text and a field for each');
  assert.match(issues.map((i) => i.da).join(' | '), /Skranke, onsdag: «25:00-26:00» er ikke en åbningstid/);
  // Contacts without any opening hours are refused.
  const g = filled();
  g.hours.phone = g.hours.phone.map(() => '');
  g.staff.phone = g.staff.phone.map(() => '');
  assert.match(formTable(g).issues.map((i) => i.en).join(), /Phone: there are contacts a year, but no opening hours/);
});

test('opening hours as text, both ways', () => {
  assert.deepEqual(parseDay(''), []);
  assert.deepEqual(parseDay('8.30-12, 13–16:45'), [{ start: '08:30', end: '12:00' }, { start: '13:00', end: '16:45' }]);
  assert.equal(parseDay('15-10'), null);
  assert.equal(parseDay('10-12, 11-13'), null);
  assert.equal(parseDay('kl. 10'), null);
  const s = { openingHours: { personal: { mon: [{ start: '10:00', end: '15:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, phone: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '14:00' }] } } } as unknown as Scenario;
  const ht = hoursText(s);
  assert.equal(ht.personal[0], '10:00-15:00');
  assert.equal(ht.phone[6], '09:00-12:00, 13:00-14:00');
  const back = parseHours(ht);
  assert.deepEqual(back.hours?.personal.mon, [{ start: '10:00', end: '15:00' }]);
  assert.deepEqual(back.hours?.phone.sun, s.openingHours.phone.sun);
  assert.equal(parseTyped('26.000'), 26000);
  assert.equal(parseTyped('0,5'), 0.5);
  assert.equal(parseTyped('-3'), null);
});

test('column picker: the required roles, no column twice', () => {
  const info: FileInfo = { name: 'tlf.csv', kind: null, header: ['Tid', 'Ind', 'Svar'], rows: 3, roles: [], units: [], types: [], problem: null };
  assert.equal(needsPicker([info]).length, 1);
  assert.equal(needsPicker([{ ...info, kind: 'interval' }]).length, 0);
  const bad = checkMap('da', 'tlf.csv', { start: 'Tid', offered: 'Ind', answered: 'Ind' });
  assert.equal(bad.issues.length, 1);
  assert.match(bad.issues[0]?.da ?? '', /kolonnen «Ind» er allerede valgt til tilbudte opkald/);
  const ok = checkMap('en', 'tlf.csv', { start: 'Tid', offered: 'Ind', answered: 'Svar' });
  assert.deepEqual(ok.map, [['start', 'Tid'], ['offered', 'Ind'], ['answered', 'Svar']]);
  assert.match(checkMap('en', 'tlf.csv', {}).issues.map((i) => i.en).join(), /Interval start \(date and time\): choose the file's column/);
});
