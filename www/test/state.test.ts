// Unit tests of the pure parts of the page (state, formatting, share links), under node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, presets, validate } from '../build/pkg/kanalsim.js';
import * as S from '../src/state';
import { num, value, signed, rounded } from '../src/format';
import { encodeShare, decodeShare, fragmentPayload } from '../src/share';
import { differenceSentence } from '../src/views/results-text';
import type { Scenario } from '../src/generated/types';

initSync({ module: new WebAssembly.Module(readFileSync(new URL('../kanalsim.opt.wasm', import.meta.url) /* run from www/build/test */)) });
const P = presets() as Scenario[];
const fresh = () => S.initialState(P, 'tonder-2012');

test('opens on Tønder 2012 with the strategy scenario, aligned seed', () => {
  const st = fresh();
  assert.equal(st.baseline.id, 'tonder-2012');
  assert.equal(st.scenarios[0]?.id, 'tonder-2012-strategy');
  assert.equal(st.selected, 1);
  assert.deepEqual(st.scenarios[0]?.simulation, st.baseline.simulation);
});

test('hour grid round-trips intervals and edits only the selected variant', () => {
  assert.deepEqual(S.intervalsFromHours(S.openMinutesByHour([{ start: '09:00', end: '15:00' }]).map((m) => m >= 30)), [{ start: '09:00', end: '15:00' }]);
  let st = S.select(fresh(), 0);
  st = S.setHourOpen(st, 'phone', 0, 12, false);
  assert.deepEqual(st.baseline.openingHours.phone.mon, [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '15:00' }]);
  assert.deepEqual(fresh().baseline.openingHours.phone.mon, [{ start: '09:00', end: '15:00' }], 'old state untouched');
  st = S.setHourOpen(st, 'phone', 0, 12, true);
  assert.deepEqual(st.baseline.openingHours.phone.mon, [{ start: '09:00', end: '15:00' }]);
  assert.deepEqual(validate(st.baseline), []);
});

test('quick actions: close Wednesday, phone 9–13', () => {
  let st = S.addScenario(fresh());
  assert.equal(st.selected, 2);
  st = S.closeDay(st, ['personal', 'phone'], 2);
  assert.deepEqual(st.scenarios[1]?.openingHours.phone.wed, []);
  st = S.phone9to13(st);
  assert.deepEqual(st.scenarios[1]?.openingHours.phone.mon, [{ start: '09:00', end: '13:00' }]);
  assert.deepEqual(st.scenarios[1]?.openingHours.phone.wed, []);
  assert.deepEqual(validate(st.scenarios[1]), []);
});

test('behaviour when closed still adds up to 1 after an edit', () => {
  const st = S.setDisplacement(fresh(), 'phone', 'giveUp', 0.4);
  const d = st.scenarios[0]!.whenClosed.phone;
  const sum = S.DISPLACEMENT_KEYS.reduce((a, k) => a + d[k].likely, 0);
  assert.ok(Math.abs(sum - 1) < 1e-9, String(sum));
  assert.equal(d.giveUp.likely, 0.4);
  assert.deepEqual(validate(st.scenarios[0]), []);
});

test('adoption ranges stay ordered and in [0, 1]', () => {
  const r = S.withLikely({ low: 0.25, likely: 0.32, high: 0.4 }, 0.97);
  assert.ok(r.low <= r.likely && r.likely <= r.high && r.high <= 1);
  const q = S.setRange(r, 'low', 2);
  assert.ok(q.low <= q.likely);
  let st = S.setTypeAdoption(fresh(), 'pas', { low: 0.1, likely: 0.2, high: 0.3 });
  assert.deepEqual(st.scenarios[0]!.demand.errandTypes[0]!.adoption, { low: 0.1, likely: 0.2, high: 0.3 });
  st = S.setTypeAdoption(st, 'pas', undefined);
  assert.equal(st.scenarios[0]!.demand.errandTypes[0]!.adoption, undefined);
});

test('seed and replications follow the baseline', () => {
  const st = S.setSimulation(fresh(), 7, 12);
  assert.deepEqual(st.scenarios[0]!.simulation, { seed: 7, replications: 12 });
});

test('state shape check names the problem', () => {
  assert.equal(S.checkStateShape(null).problems[0]?.path, '');
  assert.equal(S.checkStateShape({ v: 2, baseline: {}, scenarios: [] }).problems[0]?.path, 'v');
  assert.ok(S.checkStateShape({ v: 1, baseline: {}, scenarios: [1, 2, 3, 4] }).problems.some((p) => p.path === 'scenarios'));
  assert.ok(S.checkStateShape(S.persistable(fresh())).state);
});

test('numbers are formatted per language and never NaN', () => {
  assert.equal(num('da', 1234.5, 1), '1.234,5');
  assert.equal(num('en', 1234.5, 1), '1,234.5');
  assert.equal(num('da', NaN), '–');
  assert.equal(value('da', 'share', 0.8634), '86,3 %');
  assert.equal(signed('da', 'count', -1234), '−1.234');
  assert.equal(signed('en', 'share', 0.05), '+5.0 points');
  assert.equal(rounded('share', 0.8634), 86.3);
  assert.equal(value('da', 'dkk', 1234), '1.234 kr.');
  assert.equal(value('en', 'dkk', 1234), '1,234 DKK');
});

test('plain-language difference sentences', () => {
  assert.match(differenceSentence('da', 'Opgivne ærinder', 'count', { mean: 10, p5: 5, p25: 7, p50: 10, p75: 12, p95: 15 }), /^I 9 ud af 10 simulerede år stiger opgivne ærinder med mellem 5 og 15\.$/);
  assert.match(differenceSentence('da', 'X', 'count', { mean: -10, p5: -15, p25: 0, p50: 0, p75: 0, p95: -5 }), /falder x med mellem 5 og 15/);
  assert.match(differenceSentence('en', 'X', 'count', { mean: 0, p5: -3, p25: 0, p50: 0, p75: 0, p95: 4 }), /may rise or fall/);
  // English without verb agreement on the (often plural) label.
  assert.match(differenceSentence('en', 'Counter and phone contacts', 'count', { mean: -10, p5: -15, p25: 0, p50: 0, p75: 0, p95: -5 }), /^In 9 out of 10 simulated years, the decrease in counter and phone contacts is between 5 and 15\.$/);
});

test('share links round-trip and reject garbage', async () => {
  const st = S.persistable(fresh());
  const enc = await encodeShare(st);
  assert.match(enc, /^[A-Za-z0-9_-]+$/);
  assert.equal(fragmentPayload(`#embed&s=${enc}`), enc);
  assert.deepEqual((await decodeShare(enc)).value, st);
  assert.ok((await decodeShare('<img src=x>')).problem);
  assert.ok((await decodeShare('AAAA')).problem);
  assert.ok((await decodeShare('x'.repeat(300_000))).problem);
});
