// Unit tests of the pure parts of the page (state, formatting, share links), under node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, presets, validate, withCounterMode } from '../build/pkg/kanalsim.js';
import * as S from '../src/state';
import { num, value, signed, rounded, tidy } from '../src/format';
import { encodeShare, decodeShare, fragmentPayload, diff, applyPatch, compactState, expandState, encodeLink, linkData, presetHash } from '../src/share';
import { verdict, meanInterval } from '../src/uncertainty';
import { plainPath, plainMessage, targetWords, areaWords } from '../src/words';
import { differenceSentence, withinFiveSentence } from '../src/views/results-text';
import { leverOf, inputOf } from '../src/views/levers';
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
  assert.ok(S.checkStateShape({ v: 1, baseline: {}, scenarios: [1, 2, 3, 4, 5] }).problems.some((p) => p.path === 'scenarios'));
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

test('newer saved state is recognised, not read as broken', () => {
  const r = S.checkStateShape({ v: 7, baseline: {}, scenarios: [] });
  assert.equal(r.newer, true);
  assert.equal(r.state, undefined);
});

test('diff/applyPatch: every kind of change round-trips, the original is untouched', () => {
  const a = { x: 1, arr: [1, 2, 3, 4, 5, 6, 7, 8], o: { p: 'q', r: [1] }, gone: true };
  const b = { x: 2, arr: [1, 2, 9, 4, 5, 6, 7, 8], o: { p: 'q', r: [1, 2] }, added: { z: null } };
  const d = diff(a, b);
  assert.deepEqual(applyPatch(a, d), b);
  assert.equal(a.x, 1);
  assert.equal(diff(a, JSON.parse(JSON.stringify(a))), undefined);
  assert.throws(() => applyPatch([1], { '#': { 5: 1 } }));
  assert.throws(() => applyPatch({}, { __proto__x: 1, ['__proto__']: 1 } as never));
});

// Four scenarios of typical edits: hours on three days, adoption, staff in two hours.
function typical(): S.AppState {
  let st = fresh();
  st = S.addScenario(st);
  st = S.addScenario(st);
  st = S.addScenario(st);
  for (let i = 1; i <= 4; i++) {
    st = S.select(st, i);
    st = S.setHourOpen(st, 'phone', 0, 8, true);
    st = S.setHourOpen(st, 'personal', 2, 14, i % 2 === 0);
    st = S.setHourOpen(st, 'phone', 4, 12 + i, false);
    st = S.setAdoption(st, S.withLikely(S.selectedScenario(st).digital.adoption, 0.3 + i * 0.05));
    st = S.setStaff(st, 'phone', 0, 10, 3 + i);
    st = S.setStaff(st, 'phone', 3, 11, 2 + i);
  }
  return st;
}

test('compact links: the default and four edited scenarios stay far below 2,000 characters and round-trip', async () => {
  const P0 = P as unknown as Parameters<typeof compactState>[1];
  for (const [name, st] of [['default', fresh()], ['four scenarios', typical()]] as const) {
    const c = compactState(S.persistable(st) as never, P0);
    const link = `file:///home/user/kanalsim.html#k=${await encodeLink(c)}`;
    assert.ok(link.length < 2000, `${name}: ${link.length} characters`);
    console.log(`link length, ${name} (from file:///home/user/kanalsim.html): ${link.length} characters`);
    const data = linkData(link.split('#k=')[1]!).data!;
    const back = expandState((await decodeShare(data)).value, P0);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.warnings, []);
    assert.deepEqual(back.value, S.persistable(st), `${name}: round trip`);
    for (const v of S.variants(back.value as unknown as S.AppState)) assert.deepEqual(validate(v), []);
  }
  assert.equal(typical().scenarios.length, 4);
});

test('compact links: a changed preset is named; a link cut short says it is incomplete', async () => {
  const P0 = P as unknown as Parameters<typeof compactState>[1];
  const c = compactState(S.persistable(fresh()) as never, P0);
  const changed = P0.map((p) => (p.id === 'tonder-2012' ? { ...p, horizonWeeks: 26 } : p));
  const ex = expandState(JSON.parse(JSON.stringify(c)), changed);
  assert.equal(ex.warnings.length, 1);
  assert.match(ex.warnings[0]!.da, /er ændret, siden linket blev lavet/);
  assert.notEqual(presetHash(changed[0]), presetHash(P0[0]));
  const payload = await encodeLink(c);
  for (const cut of [payload.slice(0, -5), payload.slice(0, 2), payload.split('.')[0]!, '']) {
    const r = linkData(cut);
    assert.ok(r.problem && /ufuldstændigt/.test(r.problem.da) && /incomplete/.test(r.problem.en), `cut to ${cut.length}: ${JSON.stringify(r.problem)}`);
  }
  assert.match(linkData(`${payload}xx`).problem!.en, /damaged/);
  assert.match(linkData('%E0').problem!.en, /damaged/);
  assert.ok(expandState({ v: 2, b: { p: 'nope' }, s: [] }, P0).problems.length);
  assert.ok(expandState({ v: 2, b: { p: 'tonder-2012', h: presetHash(P0[0]), d: { '#': 3 } }, s: [] }, P0).problems.length);
});

test('differences: sign only when the engine\'s 90 % interval says so; indistinct at the end', () => {
  // ci90 is the engine's exact t-based interval of the mean; the percentiles must not matter.
  const d = (mean: number, lo: number, hi: number) => ({ mean, p5: mean - 5000, p25: mean - 100, p50: mean, p75: mean + 100, p95: mean + 5000, ci90: [lo, hi] as [number, number] });
  assert.equal(verdict(d(-83, -120, -40), 4, false), 'wait', 'too few paired years while running, even with ci90 below 0');
  assert.equal(verdict(d(-83, -120, -40), 5, false), 'down', 'five paired years and ci90 below 0');
  assert.equal(verdict(d(-83, -200, 30), 40, false), 'wait', 'ci90 covers 0 while running');
  assert.equal(verdict(d(-83, -200, 30), 200, true), 'indistinct', 'final: not distinguishable from 0');
  assert.equal(verdict(d(-83, -120, -40), 3, true), 'down', 'final: shown whatever the number of years');
  assert.equal(verdict(d(800, 1, 1600), 40, false), 'up', 'wide percentiles do not hide a sign the interval gives');
  assert.equal(verdict(d(5, 0, 10), 40, true), 'indistinct', 'an interval touching 0 covers it');
  assert.equal(verdict(d(-83, -83, -83), 1, false), 'wait', 'one year: no interval');
  assert.equal(verdict({ mean: -83, p5: -90, p25: -85, p50: -83, p75: -80, p95: -70 }, 40, false), 'wait', 'no ci90 from the engine: nothing said while running');
  assert.equal(verdict({ mean: -83, p5: -90, p25: -85, p50: -83, p75: -80, p95: -70 }, 40, true), 'indistinct', 'no ci90: not claimed at the end');
  assert.equal(verdict({ mean: 0, p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, ci90: [0, 0] }, 10, true), 'zero');
  assert.deepEqual(meanInterval(d(1, 3, -2)), { lo: -2, hi: 3 });
  assert.equal(meanInterval({ mean: 1, p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, ci90: [NaN, 2] }), null);
});

test('plain words: paths, service target, no double stops', () => {
  assert.equal(plainPath('da', 'scenarios[0].queues.phone.staffing[0][10]', ['Basis', 'Strategi']), '«Strategi»: bemanding, telefon, mandag kl. 10–11');
  assert.equal(plainPath('en', 'baseline.openingHours.phone.wed[0].end', ['Baseline']), '«Baseline»: opening hours, phone, Wednesday, opening period 1, end');
  assert.equal(plainPath('da', 'scenarios[0].costs.phone.information', ['B', 'S']), '«S»: priser, telefon, information');
  assert.equal(targetWords('da', 120), 'besvaret inden for 2 minutter');
  assert.equal(targetWords('en', 30), 'answered within 30 seconds');
  assert.equal(tidy('Skranke: 12 kr.. Telefon: 3 kr..'), 'Skranke: 12 kr. Telefon: 3 kr.');
  assert.equal(tidy('1.234.567 kr.'), '1.234.567 kr.');
});

test('the adoption lever shifts every errand type\'s own range by the same points', () => {
  let st = fresh();
  const before = st.scenarios[0]!;
  const own = before.demand.errandTypes.filter((e) => e.adoption);
  assert.ok(own.length >= 2, `the preset gives types their own adoption: ${own.map((e) => e.id)}`);
  const r0 = before.digital.adoption;
  st = S.setAdoption(st, S.withLikely(r0, r0.likely + 0.1));
  for (const e of own) {
    const a = st.scenarios[0]!.demand.errandTypes.find((x) => x.id === e.id)!.adoption!;
    assert.ok(Math.abs(a.likely - e.adoption!.likely - 0.1) < 1e-12 || a.likely === 1, `${e.id}: +10 points (${e.adoption!.likely} → ${a.likely})`);
    assert.ok(a.low <= a.likely && a.likely <= a.high && a.low >= 0 && a.high <= 1, `${e.id}: ordered, in [0, 1]`);
  }
  // Far up: clamped at 1, still ordered.
  st = S.setAdoption(st, S.withLikely(st.scenarios[0]!.digital.adoption, 1));
  for (const e of st.scenarios[0]!.demand.errandTypes.filter((x) => x.adoption)) assert.ok(e.adoption!.high <= 1 && e.adoption!.low <= e.adoption!.likely);
  assert.ok(before.demand.errandTypes.every((e, i) => JSON.stringify(e) === JSON.stringify(fresh().scenarios[0]!.demand.errandTypes[i])), 'the original is untouched');
});

test('labels follow edits: rename, describe, duplicate, edited preset, Wednesday already closed', () => {
  let st = fresh();
  assert.equal(S.editedPreset(st.scenarios[0]!, P), null);
  st = S.setAdoption(st, S.withLikely(st.scenarios[0]!.digital.adoption, 0.9));
  assert.equal(S.editedPreset(st.scenarios[0]!, P)?.id, 'tonder-2012-strategy', 'an edited preset is recognised');
  // The preset gives some errand types their own adoption: the lever moves them too.
  assert.deepEqual(S.changedAreas(P.find((p) => p.id === 'tonder-2012-strategy')!, st.scenarios[0]!), ['digital', 'errandAdoption']);
  st = S.renameVariant(st, 1, '  Min   plan ');
  assert.equal(st.scenarios[0]!.title, 'Min plan');
  assert.equal(S.editedPreset(st.scenarios[0]!, P), null, 'renamed: the user named it');
  st = S.describeVariant(st, 1, 'Lukket onsdag');
  assert.equal(st.scenarios[0]!.descriptionEn, 'Lukket onsdag');
  st = S.duplicateVariant(st, 1);
  assert.equal(st.scenarios.length, 2);
  assert.equal(st.scenarios[1]!.title, 'Kopi af Min plan');
  assert.notEqual(st.scenarios[1]!.id, st.scenarios[0]!.id);
  assert.equal(st.selected, 2);
  assert.equal(S.closeDay(st, ['personal', 'phone'], 2), st, 'Wednesday already closed: no edit');
  assert.equal(S.phone9to13(S.phone9to13(st)), S.phone9to13(st), 'phone 9–13 twice: no second edit');
});

test('grid: painting, whole days and whole hours; opened hours get staff', () => {
  let st = S.select(fresh(), 0);
  st = S.paintHours(st, 'phone', [[4, 9], [4, 10], [4, 11], [4, 12], [4, 13], [4, 14]], false);
  assert.deepEqual(st.baseline.openingHours.phone.fri, [], 'Friday closed in one edit');
  st = S.toggleDay(st, 'phone', 4);
  assert.deepEqual(st.baseline.openingHours.phone.fri, st.baseline.openingHours.phone.thu, 'Friday reopened like Thursday');
  st = S.toggleHour(st, 'phone', 9);
  assert.ok([0, 1, 2, 3, 4].every((d) => !S.isHourOpen(st.baseline, 'phone', d, 9)), '09 closed on every day');
  st = S.toggleHour(st, 'phone', 18);
  assert.ok(S.isHourOpen(st.baseline, 'phone', 0, 18) && !S.isHourOpen(st.baseline, 'phone', 6, 18), '18 opened on the open days only');
  assert.ok((st.baseline.queues.phone.staffing[0]![18] ?? 0) > 0, 'an opened hour gets staff');
  assert.deepEqual(validate(st.baseline), []);
});

test('compact links: a baseline that is no preset is encoded whole, its scenarios against it', async () => {
  const P0 = P as unknown as Parameters<typeof compactState>[1];
  let st = fresh();
  st = S.select(st, 0);
  st = S.renameVariant(st, 0, 'Min kommune');
  st.baseline.id = 'min-kommune';
  st = S.addScenario(st);
  const c = compactState(S.persistable(st) as never, P0);
  assert.ok('w' in c.b && !('p' in c.b), 'baseline whole');
  assert.ok(!('p' in c.s[1]!) && JSON.stringify(c.s[1]).length < 200, `a copy of the baseline is only its names: ${JSON.stringify(c.s[1])}`);
  const back = expandState(JSON.parse(JSON.stringify(c)), P0);
  assert.deepEqual(back.value, S.persistable(st));
});

// ---- the counter by appointment -------------------------------------------------------------

/** The selected scenario with its counter switched by the engine, as the page does it. */
const switchTo = (st: S.AppState, mode: S.CounterMode) => S.applyCounterMode(st, withCounterMode(S.selectedScenario(st), mode) as Scenario);

test('counter mode: the engine switches, the page takes over only the appointment block and staffing', () => {
  const st0 = fresh();
  assert.equal(S.counterMode(S.selectedScenario(st0)), 'walkIn');
  assert.equal(S.usesAppointments(S.selectedScenario(st0)), false);
  const st = switchTo(st0, 'appointment');
  const s = S.selectedScenario(st);
  assert.equal(S.counterMode(s), 'appointment');
  assert.ok(S.usesAppointments(s));
  assert.deepEqual(validate(s), []);
  const { appointments: _a, ...rest } = s;
  const { appointments: _b, ...before } = S.selectedScenario(st0);
  assert.deepEqual(rest, before, 'nothing else rewritten');
  assert.equal(s.appointments!.desks[0]![10], s.queues.personal.staffing[0]![10], 'the staff become desks in the same hours');
  assert.deepEqual(S.changedAreas(st0.baseline, s).includes('appointments'), true);
  assert.match(areaWords('da', ['appointments']), /tidsbestilling/);
  const both = switchTo(st, 'both');
  const b = S.selectedScenario(both);
  const staff = (x: Scenario) => x.queues.personal.staffing.flat().reduce((t, n) => t + n, 0) + (x.appointments?.mode === 'both' ? x.appointments.desks.flat().reduce((t, n) => t + n, 0) : 0);
  assert.equal(staff(b), staff(S.selectedScenario(st0)), 'both: the staff hours stay the same');
  const back = switchTo(both, 'walkIn');
  assert.deepEqual(S.selectedScenario(back).queues.personal.staffing, S.selectedScenario(st0).queues.personal.staffing, 'walk-in again: the staffing as before');
  assert.equal(S.usesAppointments(S.selectedScenario(back)), false);
  assert.equal(S.applyCounterMode(back, S.selectedScenario(back)), back, 'no change: the same state');
});

test('desks: slots per hour, painting, whole days and hours, +/−, closing Wednesday', () => {
  assert.equal(S.slotsPerHour(2, 10), 12);
  assert.equal(S.slotsPerHour(1, 25), 2);
  assert.equal(S.slotsPerHour(3, 0), 0, 'a slot length the engine refuses: no slots, never Infinity');
  assert.equal(S.slotsPerHour(0, 10), 0);
  let st = switchTo(fresh(), 'appointment');
  const a0 = S.selectedScenario(st).appointments!;
  assert.equal(S.slotsPerWeek(a0), a0.desks.flat().reduce((t, d) => t + Math.floor((d * 60) / a0.slotMinutes), 0));
  st = S.paintDesks(st, [[0, 17], [0, 18]], true);
  assert.ok(S.desksAt(S.selectedScenario(st), 0, 17) > 0 && S.desksAt(S.selectedScenario(st), 0, 18) > 0, 'painted hours get desks');
  st = S.setDesks(st, 0, 17, S.desksAt(S.selectedScenario(st), 0, 17) + 1);
  st = S.toggleDeskDay(st, 0);
  assert.ok(S.selectedScenario(st).appointments!.desks[0]!.every((n) => n === 0), 'Monday off');
  st = S.toggleDeskDay(st, 0);
  assert.deepEqual(S.selectedScenario(st).appointments!.desks[0], S.selectedScenario(st).appointments!.desks[1], 'Monday back like Tuesday');
  st = S.toggleDeskHour(st, 10);
  assert.ok([0, 1, 2, 3, 4, 5, 6].every((d) => S.desksAt(S.selectedScenario(st), d, 10) === 0), '10 off everywhere');
  assert.deepEqual(validate(S.selectedScenario(st)), []);
  st = S.closeDay(st, ['personal', 'phone'], 3);
  assert.ok(S.selectedScenario(st).appointments!.desks[3]!.every((n) => n === 0), 'closing Thursday closes its desks');
  assert.ok(S.isDayClosed(S.selectedScenario(st), ['personal'], 3));
  assert.equal(S.closeDay(st, ['personal', 'phone'], 3), st, 'already closed');
  const f = fresh();
  assert.equal(S.paintDesks(f, [[0, 10]], true), f, 'walk-in: no desks to paint');
});

test('appointment settings: shares add up, ranges stay ordered, invalid values are kept for validation', () => {
  let st = switchTo(fresh(), 'appointment');
  st = S.setNoSlot(st, 'giveUp', 0.4);
  const ns = S.selectedScenario(st).appointments!.whenNoSlot;
  assert.ok(Math.abs(S.NO_SLOT_KEYS.reduce((t, k) => t + ns[k].likely, 0) - 1) < 1e-9);
  st = S.setBookedBy(st, 'web', 0.8);
  const bb = S.selectedScenario(st).appointments!.bookedBy;
  assert.ok(Math.abs(bb.web + bb.phone + bb.counter - 1) < 1e-9 && bb.web === 0.8);
  st = S.setApptShare(st, 'noShow', 'likely', 0.2);
  const nsh = S.selectedScenario(st).appointments!.noShow;
  assert.ok(nsh.low <= nsh.likely && nsh.likely <= nsh.high && nsh.likely === 0.2);
  st = S.setPatienceWorkdays(st, 'low', 15);
  const p = S.selectedScenario(st).appointments!.patienceWorkdays!;
  assert.ok(p.low === 15 && p.likely >= 15 && p.high >= p.likely);
  st = S.setHorizonDays(S.setSameDay(st, false), 30.4);
  assert.equal(S.selectedScenario(st).appointments!.horizonDays, 30);
  assert.equal(S.selectedScenario(st).appointments!.sameDay, false);
  assert.deepEqual(validate(S.selectedScenario(st)), []);
  const bad = S.setSlotMinutes(st, 0);
  assert.equal(S.selectedScenario(bad).appointments!.slotMinutes, 0, 'kept as typed');
  const issues = validate(S.selectedScenario(bad)) as { path: string; da: string; en: string }[];
  assert.equal(issues[0]?.path, 'appointments.slotMinutes');
  assert.equal(leverOf(issues[0]!.path), 'assumptions');
  assert.equal(inputOf(issues[0]!.path), 'appt-slot');
  const f = fresh();
  assert.equal(S.setSlotMinutes(f, 15), f, 'walk-in: no appointment settings to edit');
});

test('appointment paths: levers, inputs and plain words', () => {
  assert.equal(leverOf('appointments.desks'), 'hours');
  assert.equal(leverOf('appointments.mode'), 'hours');
  assert.equal(leverOf('appointments.desks[2][10]'), 'staffing');
  assert.equal(inputOf('appointments.desks[2][10]'), 'desk-2-10');
  assert.equal(leverOf('appointments.noShow.likely'), 'assumptions');
  assert.equal(inputOf('appointments.noShow.likely'), 'appt-noShow-likely');
  assert.equal(inputOf('appointments.patienceWorkdays.high'), 'appt-patience-high');
  assert.equal(inputOf('appointments.whenNoSlot.giveUp.likely'), 'appt-nslot-giveUp');
  assert.equal(inputOf('appointments.bookedBy.web'), 'appt-booked-web');
  assert.equal(plainPath('da', 'scenarios[0].appointments.slotMinutes'), 'scenarie 1: tidsbestilling, tidernes længde (min)');
  assert.equal(plainPath('da', 'appointments.desks[0][10]'), 'skranker med tidsbestilling, mandag kl. 10–11');
  assert.equal(plainMessage('da', 'tilføj skranker eller gør appointments.slotMinutes kortere'), 'tilføj skranker eller gør «tidsbestilling, tidernes længde (min)» kortere');
  assert.equal(plainMessage('en', 'no field here. Digital self-service'), 'no field here. Digital self-service', 'plain text untouched');
});

test('the 19-of-20 sentence: the P5 rounded down, or the P95 rounded up when it is under 1 %', () => {
  const s = (p5: number, p95: number) => ({ mean: 0, p5, p25: 0, p50: 0, p75: 0, p95, ci90: [0, 0] as [number, number] });
  assert.equal(withinFiveSentence('da', s(0.8372, 0.95)), 'I 19 ud af 20 simulerede år får mindst 83 % af dem, der bestiller, en tid inden for 5 hverdage.');
  assert.equal(withinFiveSentence('da', s(1, 1)), 'I 19 ud af 20 simulerede år får alle, der bestiller, en tid inden for 5 hverdage.');
  assert.equal(withinFiveSentence('da', s(0.999, 1)), 'I 19 ud af 20 simulerede år får mindst 99 % af dem, der bestiller, en tid inden for 5 hverdage.');
  assert.equal(withinFiveSentence('da', s(0.004, 0.031)), 'I 19 ud af 20 simulerede år får højst 4 % af dem, der bestiller, en tid inden for 5 hverdage.');
  assert.match(withinFiveSentence('en', s(0.8, 0.9)), /^In 19 out of 20 simulated years at least 80 % of those who book/);
  assert.equal(value('da', 'days', 2.345), '2,3 dage');
  assert.equal(value('en', 'days', 12), '12.0 days');
  assert.equal(value('da', 'days', NaN), '–');
});
