// The page state and every edit to it: pure functions, no DOM, no wasm (tested under node).
import type { Range, Scenario, WeekHours, Interval, CounterMode, Appointments } from './generated/types';

export type Lang = 'da' | 'en';
export type QueueCh = 'personal' | 'phone';
export const QUEUE_CHANNELS: QueueCh[] = ['personal', 'phone'];
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export const MAX_SCENARIOS = 4;
export const STATE_VERSION = 1;

/** What the page keeps and shares: the baseline, up to four scenarios and the selection. */
export interface AppState {
  v: number;
  lang: Lang;
  baseline: Scenario;
  scenarios: Scenario[];
  /** 0 = baseline, i = scenarios[i - 1]: the variant whose levers are shown. */
  selected: number;
  /** Run until stable: the precision rule's relative tolerance (0.01 = 1 % of the baseline's
   *  figure, src/precision.rs); the baseline's replications are then the maximum. Absent: a
   *  fixed count of replications. */
  precision?: number;
}

/** Tolerances the page offers for "run until stable" (the engine's default first). */
export const PRECISIONS = [0.01, 0.02, 0.005] as const;

/** The state run until stable with `precision` (a relative tolerance), or with a fixed count (null). */
export function setPrecision(st: AppState, precision: number | null): AppState {
  const next: AppState = { ...st };
  if (precision === null) delete next.precision;
  else next.precision = precision;
  return next;
}

/** A precision as read from a saved state or a link: a number above 0 and at most 0.2. */
export function validPrecision(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= 0.2;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The preset a page opens on: the default baseline and its preferred companion scenario. */
export function initialState(presets: Scenario[], baselineId: string, lang: Lang = 'da'): AppState {
  const base = presets.find((p) => p.id === baselineId) ?? presets[0];
  if (!base) throw new Error('no presets');
  const companions = presets.filter((p) => p.baselineId === base.id);
  const comp =
    companions.find((p) => p.id === `${base.id}-strategy`) ?? companions[0];
  return {
    v: STATE_VERSION,
    lang,
    baseline: clone(base),
    scenarios: comp ? [alignSim(base, clone(comp))] : [],
    selected: comp ? 1 : 0,
  };
}

/** Choose a preset: a baseline opens with its companion; a scenario opens beside its baseline. */
export function choosePreset(presets: Scenario[], id: string, lang: Lang): AppState {
  const p = presets.find((x) => x.id === id);
  if (!p) return initialState(presets, presets[0]?.id ?? '', lang);
  if (!p.baselineId) return initialState(presets, p.id ?? "", lang);
  const base = presets.find((x) => x.id === p.baselineId) ?? p;
  return { v: STATE_VERSION, lang, baseline: clone(base), scenarios: [alignSim(base, clone(p))], selected: 1 };
}

/** One's own municipality (a calibrated scenario) as the baseline, as a preset would be: it
 *  replaces the baseline and the scenarios (which were compared with another town). */
export function useAsBaseline(st: AppState, s: Scenario): AppState {
  const base = clone(s);
  delete base.baselineId;
  return { v: STATE_VERSION, lang: st.lang, baseline: base, scenarios: [], selected: 0 };
}

/** Scenarios run with the baseline's seed and replications (common random numbers). */
function alignSim(base: Scenario, s: Scenario): Scenario {
  s.simulation = { ...base.simulation };
  s.horizonWeeks = s.horizonWeeks || base.horizonWeeks;
  return s;
}

export function variants(st: AppState): Scenario[] {
  return [st.baseline, ...st.scenarios];
}

export function selectedScenario(st: AppState): Scenario {
  return variants(st)[st.selected] ?? st.baseline;
}

/** Apply an edit to the selected variant (a copy; the old state is untouched). */
export function editSelected(st: AppState, f: (s: Scenario) => void): AppState {
  const next = clone(st);
  const s = variants(next)[next.selected] ?? next.baseline;
  f(s);
  if (next.selected === 0) {
    for (const sc of next.scenarios) sc.simulation = { ...next.baseline.simulation };
  }
  return next;
}

export function setLang(st: AppState, lang: Lang): AppState {
  return st.lang === lang ? st : { ...st, lang };
}

export function select(st: AppState, i: number): AppState {
  return { ...st, selected: Math.max(0, Math.min(st.scenarios.length, i)) };
}

export function addScenario(st: AppState, from?: Scenario): AppState {
  if (st.scenarios.length >= MAX_SCENARIOS) return st;
  const next = clone(st);
  const n = next.scenarios.length + 1;
  const s = alignSim(next.baseline, clone(from ?? next.baseline));
  if (!from) {
    s.title = `Scenarie ${n}`;
    s.titleEn = `Scenario ${n}`;
    s.description = '';
    s.descriptionEn = '';
  }
  s.id = freeId(next, from ? `${from.id || 'scenarie'}` : `${next.baseline.id}-scenario-${n}`, !from);
  s.baselineId = next.baseline.id;
  next.scenarios.push(s);
  next.selected = next.scenarios.length;
  return next;
}

/** An id no other variant has (`base`, else `base-2`, `base-3`, …). */
function freeId(st: AppState, base: string, exact: boolean): string {
  const used = new Set(variants(st).map((v) => v.id));
  if (exact && !used.has(base)) return base;
  for (let k = 2; ; k++) if (!used.has(`${base}-${k}`)) return `${base}-${k}`;
}

/** A copy of variant `i` as a new scenario, titled "Kopi af …" (selected). */
export function duplicateVariant(st: AppState, i: number): AppState {
  const src = variants(st)[i];
  if (!src || st.scenarios.length >= MAX_SCENARIOS) return st;
  const copy = clone(src);
  copy.title = `Kopi af ${src.title}`;
  copy.titleEn = `Copy of ${src.titleEn || src.title}`;
  if (i === 0) {
    copy.description = '';
    copy.descriptionEn = '';
  }
  const next = addScenario(st, copy);
  return next;
}

/** Name a variant (the name is the user's, the same in both languages). */
export function renameVariant(st: AppState, i: number, title: string): AppState {
  const name = title.replace(/\s+/g, ' ').trim().slice(0, 80);
  const v = variants(st)[i];
  if (!v || !name || (v.title === name && (v.titleEn || v.title) === name)) return st;
  const next = clone(st);
  const w = variants(next)[i]!;
  w.title = name;
  w.titleEn = name;
  return next;
}

/** Describe a variant (the same text in both languages). */
export function describeVariant(st: AppState, i: number, text: string): AppState {
  const d = text.replace(/\s+/g, ' ').trim().slice(0, 400);
  const v = variants(st)[i];
  if (!v || ((v.description ?? '') === d && (v.descriptionEn ?? '') === d)) return st;
  const next = clone(st);
  const w = variants(next)[i]!;
  w.description = d;
  w.descriptionEn = d;
  return next;
}

/** What a variant simulates (no names, descriptions, sources or run settings). */
export function contentKey(s: Scenario): string {
  const { id: _i, title: _t, titleEn: _te, description: _d, descriptionEn: _de, baselineId: _b, sources: _s, simulation: _sim, ...rest } = s;
  return JSON.stringify(rest);
}

/** The parts of a scenario that differ from another, as area keys (for plain-word lists). */
export const AREAS = ['openingHours.personal', 'openingHours.phone', 'appointments', 'digital', 'errandAdoption', 'staffing.personal', 'staffing.phone', 'whenClosed', 'patience', 'costs', 'demand', 'other'] as const;
export type Area = (typeof AREAS)[number];
export function changedAreas(a: Scenario, b: Scenario): Area[] {
  const j = (x: unknown) => JSON.stringify(x);
  const out: Area[] = [];
  if (j(a.openingHours.personal) !== j(b.openingHours.personal)) out.push('openingHours.personal');
  if (j(a.openingHours.phone) !== j(b.openingHours.phone)) out.push('openingHours.phone');
  // The counter by appointment: its settings, and which errands need a visit in person.
  const attendance = (s: Scenario) => j(s.demand.errandTypes.map((e) => !!e.requiresAttendance));
  if (j(a.appointments ?? null) !== j(b.appointments ?? null) || attendance(a) !== attendance(b)) out.push('appointments');
  if (j(a.digital) !== j(b.digital)) out.push('digital');
  const typeAdopt = (s: Scenario) => j(s.demand.errandTypes.map((e) => e.adoption ?? null));
  if (typeAdopt(a) !== typeAdopt(b)) out.push('errandAdoption');
  for (const ch of QUEUE_CHANNELS) if (j(a.queues[ch].staffing) !== j(b.queues[ch].staffing)) out.push(ch === 'personal' ? 'staffing.personal' : 'staffing.phone');
  if (j(a.whenClosed) !== j(b.whenClosed)) out.push('whenClosed');
  if (j(QUEUE_CHANNELS.map((c) => a.queues[c].patience)) !== j(QUEUE_CHANNELS.map((c) => b.queues[c].patience))) out.push('patience');
  if (j(a.costs) !== j(b.costs)) out.push('costs');
  const demand = (s: Scenario) => j({ ...s.demand, errandTypes: s.demand.errandTypes.map((e) => ({ ...e, adoption: undefined, requiresAttendance: undefined })) });
  if (demand(a) !== demand(b)) out.push('demand');
  if (!out.length && contentKey(a) !== contentKey(b)) out.push('other');
  return out;
}

/** The preset a variant was made from and has not been renamed away from, if it was edited. */
export function editedPreset(s: Scenario, presets: Scenario[]): Scenario | null {
  const p = presets.find((x) => x.id === s.id);
  if (!p || p.title !== s.title) return null;
  return contentKey(p) === contentKey(s) ? null : p;
}

/** Is the channel closed all day on this weekday? (The counter by appointment: no desk that
 *  day, and no walk-in opening where walk-ins are served.) */
export function isDayClosed(s: Scenario, chs: QueueCh[], day: number): boolean {
  const d = DAYS[day];
  if (!d) return false;
  return chs.every((ch) => {
    if (ch === 'phone') return s.openingHours.phone[d].length === 0;
    const mode = counterMode(s);
    const walkIn = mode === 'appointment' || s.openingHours.personal[d].length === 0;
    const desks = mode === 'walkIn' || !(s.appointments?.desks[day] ?? []).some((n) => n > 0);
    return walkIn && desks;
  });
}

export function removeScenario(st: AppState, i: number): AppState {
  const next = clone(st);
  next.scenarios.splice(i - 1, 1);
  next.selected = Math.min(next.selected, next.scenarios.length);
  if (next.selected === i && i > next.scenarios.length) next.selected = next.scenarios.length;
  return next;
}

// ---- opening hours as an hour grid ---------------------------------------------------------

export function hhmm(s: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const fmtHHMM = (min: number) => `${pad(Math.floor(min / 60))}:${pad(min % 60)}`;

/** Open minutes in each hour 0–23 of a day (0–60). */
export function openMinutesByHour(iv: Interval[]): number[] {
  const out = new Array<number>(24).fill(0);
  for (const i of iv) {
    const a = hhmm(i.start);
    const b = hhmm(i.end);
    if (!(b > a)) continue;
    for (let h = 0; h < 24; h++) {
      out[h] = (out[h] ?? 0) + Math.max(0, Math.min(b, (h + 1) * 60) - Math.max(a, h * 60));
    }
  }
  return out;
}

/** Intervals from 24 open/closed hours (adjacent hours merged). */
export function intervalsFromHours(open: boolean[]): Interval[] {
  const out: Interval[] = [];
  let h = 0;
  while (h < 24) {
    if (!open[h]) {
      h++;
      continue;
    }
    const a = h;
    while (h < 24 && open[h]) h++;
    out.push({ start: fmtHHMM(a * 60), end: fmtHHMM(h * 60) });
  }
  return out;
}

export function setHourOpen(st: AppState, ch: QueueCh, day: number, hour: number, open: boolean): AppState {
  if (!DAYS[day] || hour < 0 || hour > 23) return st;
  return paintHours(st, ch, [[day, hour]], open);
}

/** Staff for an hour that is being opened and has none: the nearest staffed hour of that day,
 *  else the most staff that hour has on another day, else 1 (so an opened hour can be served). */
function staffFor(s: Scenario, ch: QueueCh, d: number, hr: number): number {
  const rows = s.queues[ch].staffing;
  const row = rows[d] ?? [];
  for (let k = 1; k < 24; k++) {
    for (const h2 of [hr - k, hr + k]) if ((row[h2] ?? 0) > 0) return row[h2]!;
  }
  const other = Math.max(0, ...rows.map((r) => r[hr] ?? 0));
  return other > 0 ? other : 1;
}

export function isHourOpen(s: Scenario, ch: QueueCh, day: number, hour: number): boolean {
  const d = DAYS[day];
  return d ? (openMinutesByHour(s.openingHours[ch][d])[hour] ?? 0) >= 30 : false;
}

/** Close the channels on a weekday. */
export function closeDay(st: AppState, chs: QueueCh[], day: number): AppState {
  const d = DAYS[day];
  if (!d || isDayClosed(selectedScenario(st), chs, day)) return st;
  return editSelected(st, (s) => {
    for (const ch of chs) s.openingHours[ch][d] = [];
    // By appointment, closing the counter closes its desks too.
    if (chs.includes('personal') && s.appointments && counterMode(s) !== 'walkIn') s.appointments.desks[day] = new Array<number>(24).fill(0);
  });
}

/** Open a channel from `start` to `end` (hours) on the given weekdays; other weekdays closed. */
export function setHours(st: AppState, ch: QueueCh, days: number[], start: number, end: number): AppState {
  return editSelected(st, (s) => {
    DAYS.forEach((d, i) => {
      s.openingHours[ch][d] = days.includes(i) && end > start ? [{ start: fmtHHMM(start * 60), end: fmtHHMM(end * 60) }] : [];
    });
  });
}

/** Phone 9–13 on the weekdays where the phone is open now (Monday–Friday if none). */
export function phone9to13(st: AppState): AppState {
  const s = selectedScenario(st);
  let days = DAYS.map((d, i) => (s.openingHours.phone[d].length > 0 ? i : -1)).filter((i) => i >= 0);
  if (days.length === 0) days = [0, 1, 2, 3, 4];
  const next = setHours(st, 'phone', days, 9, 13);
  return JSON.stringify(selectedScenario(next).openingHours.phone) === JSON.stringify(s.openingHours.phone) ? st : next;
}

/** Open (or close) a set of hours at once, e.g. painted by dragging: [day, hour] pairs. */
export function paintHours(st: AppState, ch: QueueCh, cells: [number, number][], open: boolean): AppState {
  const s = selectedScenario(st);
  const todo = cells.filter(([d, hr]) => DAYS[d] && hr >= 0 && hr < 24 && isHourOpen(s, ch, d, hr) !== open);
  if (!todo.length) return st;
  return editSelected(st, (x) => {
    const wk: WeekHours = x.openingHours[ch];
    for (let d = 0; d < 7; d++) {
      const mine = todo.filter((c) => c[0] === d);
      if (!mine.length) continue;
      const day = DAYS[d]!;
      const byHour = openMinutesByHour(wk[day]).map((m) => m >= 30);
      for (const [, hr] of mine) {
        byHour[hr] = open;
        const row = x.queues[ch].staffing[d];
        if (open && row && !(row[hr]! > 0)) row[hr] = staffFor(x, ch, d, hr);
      }
      wk[day] = intervalsFromHours(byHour);
    }
  });
}

/** A whole weekday on or off: an open day closes; a closed day opens with the hours of the
 *  nearest open weekday (09–15 if none is open). */
export function toggleDay(st: AppState, ch: QueueCh, day: number): AppState {
  const s = selectedScenario(st);
  const d = DAYS[day];
  if (!d) return st;
  if (s.openingHours[ch][d].length > 0) return editSelected(st, (x) => { x.openingHours[ch][d] = []; });
  const order = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6].map((k) => day + k).filter((k) => k >= 0 && k < 7);
  const from = order.map((k) => DAYS[k]!).find((k) => s.openingHours[ch][k].length > 0);
  const hours = from ? s.openingHours[ch][from] : [{ start: '09:00', end: '15:00' }];
  const fromIdx = from ? DAYS.indexOf(from) : -1;
  return editSelected(st, (x) => {
    x.openingHours[ch][d] = hours.map((i) => ({ ...i }));
    const row = x.queues[ch].staffing[day];
    if (!row) return;
    for (let hr = 0; hr < 24; hr++) {
      if (isHourOpen(x, ch, day, hr) && !(row[hr]! > 0)) row[hr] = fromIdx >= 0 && (x.queues[ch].staffing[fromIdx]?.[hr] ?? 0) > 0 ? x.queues[ch].staffing[fromIdx]![hr]! : staffFor(x, ch, day, hr);
    }
  });
}

/** One hour on every day at once: an hour open on some day closes everywhere; an hour closed
 *  everywhere opens on the days that are open at all (Monday–Friday if none is). */
export function toggleHour(st: AppState, ch: QueueCh, hour: number): AppState {
  const s = selectedScenario(st);
  const anyOpen = DAYS.some((_, d) => isHourOpen(s, ch, d, hour));
  if (anyOpen) return paintHours(st, ch, DAYS.map((_, d) => [d, hour] as [number, number]), false);
  let days = DAYS.map((d, i) => (s.openingHours[ch][d].length > 0 ? i : -1)).filter((i) => i >= 0);
  if (!days.length) days = [0, 1, 2, 3, 4];
  return paintHours(st, ch, days.map((d) => [d, hour] as [number, number]), true);
}

// ---- digital adoption ----------------------------------------------------------------------

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** A range with `likely` moved and low/high kept in order around it. */
export function withLikely(r: Range, likely: number): Range {
  const l = clamp01(likely);
  const dl = r.likely - r.low;
  const dh = r.high - r.likely;
  return { low: clamp01(l - dl), likely: l, high: clamp01(l + dh) };
}

export function setRange(r: Range, part: keyof Range, v: number): Range {
  const out = { ...r, [part]: clamp01(v) };
  out.low = Math.min(out.low, out.likely);
  out.high = Math.max(out.high, out.likely);
  return out;
}

/** Set the overall adoption. Errand types with their own adoption range move with it: each of
 *  low, likely and high by the same change in points (kept in [0, 1] and in order). */
export function setAdoption(st: AppState, r: Range): AppState {
  return editSelected(st, (s) => {
    const old = s.digital.adoption;
    const d = { low: r.low - old.low, likely: r.likely - old.likely, high: r.high - old.high };
    for (const t of s.demand.errandTypes) {
      if (!t.adoption) continue;
      const likely = clamp01(t.adoption.likely + d.likely);
      t.adoption = { low: Math.min(likely, clamp01(t.adoption.low + d.low)), likely, high: Math.max(likely, clamp01(t.adoption.high + d.high)) };
    }
    s.digital.adoption = { ...r };
  });
}

/** What the whenClosed.comeBack.laterOpening range is set to (low, likely, high kept in order). */
export function setLaterOpening(st: AppState, part: keyof Range, v: number): AppState {
  return editSelected(st, (s) => {
    s.whenClosed.comeBack.laterOpening = setRange(s.whenClosed.comeBack.laterOpening, part, v);
  });
}

/** The price of an errand given up (costs.lostErrand, DKK). */
export function setLostErrandCost(st: AppState, v: number): AppState {
  return editSelected(st, (s) => {
    s.costs.lostErrand = Number.isFinite(v) ? Math.max(0, v) : s.costs.lostErrand;
  });
}

/** Set (or, with `undefined`, remove) an errand type's own adoption. */
export function setTypeAdoption(st: AppState, typeId: string, r: Range | undefined): AppState {
  return editSelected(st, (s) => {
    const t = s.demand.errandTypes.find((e) => e.id === typeId);
    if (!t) return;
    if (r) t.adoption = { ...r };
    else delete t.adoption;
  });
}

// ---- staffing, behaviour, prices, simulation ------------------------------------------------

export function setStaff(st: AppState, ch: QueueCh, day: number, hour: number, n: number): AppState {
  const v = Number.isFinite(n) ? Math.max(0, Math.min(10000, Math.round(n))) : 0;
  return editSelected(st, (s) => {
    const row = s.queues[ch].staffing[day];
    if (row && hour >= 0 && hour < 24) row[hour] = v;
  });
}

export const DISPLACEMENT_KEYS = ['defer', 'switchChannel', 'goDigital', 'giveUp'] as const;
export type DisplacementKey = (typeof DISPLACEMENT_KEYS)[number];

/**
 * Set the likely probability of one behaviour when a channel is closed; the other likely
 * values are scaled so the four still add up to 1 (each range keeps its width).
 */
export function setDisplacement(st: AppState, ch: QueueCh, key: DisplacementKey, p: number): AppState {
  const v = clamp01(p);
  return editSelected(st, (s) => {
    const d = s.whenClosed[ch];
    const others = DISPLACEMENT_KEYS.filter((k) => k !== key);
    const rest = others.reduce((a, k) => a + d[k].likely, 0);
    d[key] = withLikely(d[key], v);
    for (const k of others) {
      const share = rest > 0 ? d[k].likely / rest : 1 / others.length;
      d[k] = withLikely(d[k], (1 - v) * share);
    }
  });
}

export function setPatienceMean(st: AppState, ch: QueueCh, mean: number): AppState {
  return editSelected(st, (s) => {
    const p = s.queues[ch].patience;
    // Any finite value is kept; validation names one that is out of range.
    if (!p || !Number.isFinite(mean)) return;
    if (p.kind === 'exponential') p.meanMin = mean;
    else if (p.kind === 'lognormal') {
      const cv = p.sdMin / p.meanMin;
      p.meanMin = mean;
      p.sdMin = mean * cv;
    }
  });
}

export type PriceCh = 'personal' | 'phone' | 'written' | 'digital';
/** Prices and the staff cost keep any finite value; validation names a negative or absurd one. */
export function setPrice(st: AppState, ch: PriceCh, kind: 'information' | 'transaction', v: number): AppState {
  return editSelected(st, (s) => {
    if (Number.isFinite(v)) s.costs[ch][kind] = v;
  });
}

export function setStaffCost(st: AppState, v: number): AppState {
  return editSelected(st, (s) => {
    if (Number.isFinite(v)) s.costs.staffHourlyCost = v;
  });
}

/** Seed and replications belong to the baseline; scenarios follow it. */
export function setSimulation(st: AppState, seed: number, replications: number): AppState {
  const next = clone(st);
  if (Number.isFinite(seed)) next.baseline.simulation.seed = Math.max(0, Math.round(seed));
  if (Number.isFinite(replications)) next.baseline.simulation.replications = Math.max(1, Math.min(10000, Math.round(replications)));
  for (const s of next.scenarios) s.simulation = { ...next.baseline.simulation };
  return next;
}

/** Replace the selected variant with an imported (already validated) scenario. */
export function replaceSelected(st: AppState, s: Scenario): AppState {
  const next = clone(st);
  if (next.selected === 0) {
    next.baseline = clone(s);
    for (const sc of next.scenarios) sc.simulation = { ...next.baseline.simulation };
  } else {
    next.scenarios[next.selected - 1] = alignSim(next.baseline, clone(s));
  }
  return next;
}

// ---- the counter by appointment (tidsbestilling) -------------------------------------------

export type { CounterMode };
export const COUNTER_MODES: CounterMode[] = ['walkIn', 'appointment', 'both'];

/** How the counter receives citizens (walk-in when the scenario has no appointment block). */
export function counterMode(s: Scenario): CounterMode {
  return s.appointments?.mode ?? 'walkIn';
}

/** Whether the scenario runs an appointment book (and so reports `appointments.*`). */
export function usesAppointments(s: Scenario | undefined | null): boolean {
  return !!s?.appointments && s.appointments.mode !== 'walkIn';
}

/** Slots in an hour with `desks` desks: ⌊desks × 60 / slotMinutes⌋, as the engine counts them
 *  (0 for a slot length the engine refuses). */
export function slotsPerHour(desks: number, slotMinutes: number): number {
  if (!Number.isFinite(slotMinutes) || slotMinutes < 1 || slotMinutes > 600 || !(desks > 0)) return 0;
  return Math.floor((desks * 60) / slotMinutes);
}

/** Slots offered in a week. */
export function slotsPerWeek(a: Appointments): number {
  return a.desks.reduce((t, row) => t + row.reduce((u, d) => u + slotsPerHour(d, a.slotMinutes), 0), 0);
}

export function desksAt(s: Scenario, day: number, hour: number): number {
  return s.appointments?.desks[day]?.[hour] ?? 0;
}

/**
 * Switch the selected variant's counter: `switched` is that scenario as the engine's
 * `withCounterMode` returned it. Only what the switch changes is taken from it (the
 * appointment block and the counter's walk-in staffing), so nothing else is rewritten.
 */
export function applyCounterMode(st: AppState, switched: Scenario): AppState {
  const s = selectedScenario(st);
  const same = JSON.stringify(s.appointments ?? null) === JSON.stringify(switched.appointments ?? null) && JSON.stringify(s.queues.personal.staffing) === JSON.stringify(switched.queues.personal.staffing);
  if (same) return st;
  return editSelected(st, (x) => {
    if (switched.appointments) x.appointments = clone(switched.appointments);
    else delete x.appointments;
    x.queues.personal.staffing = clone(switched.queues.personal.staffing);
  });
}

/** Desks for an hour being opened for bookings: the nearest hour with desks that day, else
 *  the most desks that hour has on another day, else the counter's staff then, else 1. */
function deskFor(s: Scenario, d: number, hr: number): number {
  const rows = s.appointments?.desks ?? [];
  const row = rows[d] ?? [];
  for (let k = 1; k < 24; k++) {
    for (const h2 of [hr - k, hr + k]) if ((row[h2] ?? 0) > 0) return row[h2]!;
  }
  const other = Math.max(0, ...rows.map((r) => r[hr] ?? 0));
  if (other > 0) return other;
  const staff = s.queues.personal.staffing[d]?.[hr] ?? 0;
  return staff > 0 ? staff : 1;
}

/** Hours on or off for bookings at once (painted by dragging): [day, hour] pairs. */
export function paintDesks(st: AppState, cells: [number, number][], on: boolean): AppState {
  const s = selectedScenario(st);
  if (!s.appointments) return st;
  const todo = cells.filter(([d, hr]) => DAYS[d] && hr >= 0 && hr < 24 && desksAt(s, d, hr) > 0 !== on);
  if (!todo.length) return st;
  return editSelected(st, (x) => {
    const a = x.appointments;
    if (!a) return;
    for (const [d, hr] of todo) {
      const row = a.desks[d];
      if (row) row[hr] = on ? deskFor(x, d, hr) : 0;
    }
  });
}

/** The number of desks in one hour (0–10,000, whole). */
export function setDesks(st: AppState, day: number, hour: number, n: number): AppState {
  const v = Number.isFinite(n) ? Math.max(0, Math.min(10000, Math.round(n))) : 0;
  const s = selectedScenario(st);
  if (!s.appointments || desksAt(s, day, hour) === v) return st;
  return editSelected(st, (x) => {
    const row = x.appointments?.desks[day];
    if (row && hour >= 0 && hour < 24) row[hour] = v;
  });
}

/** A whole weekday on or off for bookings: a day with desks loses them; a day without gets
 *  the desk hours of the nearest weekday with desks (09–15 if none has). */
export function toggleDeskDay(st: AppState, day: number): AppState {
  const s = selectedScenario(st);
  const a = s.appointments;
  if (!a || !DAYS[day]) return st;
  const hours = Array.from({ length: 24 }, (_, h) => h);
  if (hours.some((h) => desksAt(s, day, h) > 0)) return paintDesks(st, hours.map((h) => [day, h] as [number, number]), false);
  const order = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6].map((k) => day + k).filter((k) => k >= 0 && k < 7);
  const from = order.find((k) => hours.some((h) => desksAt(s, k, h) > 0));
  return editSelected(st, (x) => {
    const row = x.appointments?.desks[day];
    if (!row) return;
    for (const h of hours) {
      const src = from === undefined ? (h >= 9 && h < 15 ? 1 : 0) : desksAt(s, from, h);
      row[h] = src > 0 ? src : 0;
    }
  });
}

/** One hour on every day at once: an hour with desks on some day loses them everywhere; an
 *  hour without desks gets them on the days that have desks at all (Monday–Friday if none). */
export function toggleDeskHour(st: AppState, hour: number): AppState {
  const s = selectedScenario(st);
  if (!s.appointments) return st;
  const any = DAYS.some((_, d) => desksAt(s, d, hour) > 0);
  if (any) return paintDesks(st, DAYS.map((_, d) => [d, hour] as [number, number]), false);
  let days = DAYS.map((_, d) => d).filter((d) => (s.appointments?.desks[d] ?? []).some((n) => n > 0));
  if (!days.length) days = [0, 1, 2, 3, 4];
  return paintDesks(st, days.map((d) => [d, hour] as [number, number]), true);
}

/** An edit of the selected variant's appointment block (nothing without one). */
function editAppointments(st: AppState, f: (a: Appointments) => void): AppState {
  if (!selectedScenario(st).appointments) return st;
  const next = editSelected(st, (s) => {
    if (s.appointments) f(s.appointments);
  });
  return JSON.stringify(selectedScenario(next).appointments) === JSON.stringify(selectedScenario(st).appointments) ? st : next;
}

/** Slot length, minutes: any finite value is kept (validation names one out of range). */
export function setSlotMinutes(st: AppState, v: number): AppState {
  return Number.isFinite(v) ? editAppointments(st, (a) => { a.slotMinutes = v; }) : st;
}

/** The booking horizon, whole calendar days (0 is kept: validation names it). */
export function setHorizonDays(st: AppState, v: number): AppState {
  return Number.isFinite(v) ? editAppointments(st, (a) => { a.horizonDays = Math.max(0, Math.min(4_000_000_000, Math.round(v))); }) : st;
}

export function setSameDay(st: AppState, on: boolean): AppState {
  return editAppointments(st, (a) => { a.sameDay = on; });
}

export type ApptShareKey = 'noShow' | 'lateCancellation' | 'walkIn';
/** One of the appointment shares (no-shows, late cancellations, walk-ins), kept in order. */
export function setApptShare(st: AppState, key: ApptShareKey, part: keyof Range, v: number): AppState {
  return editAppointments(st, (a) => { a[key] = setRange(a[key], part, v); });
}

/** The citizens' patience for a slot, mean workdays (low ≤ likely ≤ high; any finite value
 *  of at least 0 is kept, validation names one out of range). */
export function setPatienceWorkdays(st: AppState, part: keyof Range, v: number): AppState {
  if (!Number.isFinite(v)) return st;
  return editAppointments(st, (a) => {
    const r = { ...(a.patienceWorkdays ?? { low: 10, likely: 10, high: 10 }), [part]: Math.max(0, v) };
    if (part === 'likely') {
      r.low = Math.min(r.low, r.likely);
      r.high = Math.max(r.high, r.likely);
    } else if (part === 'low') {
      r.likely = Math.max(r.likely, r.low);
      r.high = Math.max(r.high, r.likely);
    } else {
      r.likely = Math.min(r.likely, r.high);
      r.low = Math.min(r.low, r.likely);
    }
    a.patienceWorkdays = r;
  });
}

export const NO_SLOT_KEYS = ['switchChannel', 'goDigital', 'walkIn', 'giveUp'] as const;
export type NoSlotKey = (typeof NO_SLOT_KEYS)[number];
/** What citizens do when the first free slot is too late: the likely value of one choice;
 *  the others are scaled so the four still add up to 1 (each range keeps its width). */
export function setNoSlot(st: AppState, key: NoSlotKey, p: number): AppState {
  const v = clamp01(p);
  return editAppointments(st, (a) => {
    const d = a.whenNoSlot;
    const others = NO_SLOT_KEYS.filter((k) => k !== key);
    const rest = others.reduce((t, k) => t + d[k].likely, 0);
    d[key] = withLikely(d[key], v);
    for (const k of others) d[k] = withLikely(d[k], (1 - v) * (rest > 0 ? d[k].likely / rest : 1 / others.length));
  });
}

export const BOOKED_BY_KEYS = ['web', 'phone', 'counter'] as const;
export type BookedByKey = (typeof BOOKED_BY_KEYS)[number];
/** How citizens book: one share set; the other two scaled so the three add up to 1. */
export function setBookedBy(st: AppState, key: BookedByKey, p: number): AppState {
  const v = clamp01(p);
  return editAppointments(st, (a) => {
    const b = a.bookedBy;
    const others = BOOKED_BY_KEYS.filter((k) => k !== key);
    const rest = others.reduce((t, k) => t + b[k], 0);
    b[key] = v;
    for (const k of others) b[k] = (1 - v) * (rest > 0 ? b[k] / rest : 1 / others.length);
  });
}

// ---- keeping and sharing -------------------------------------------------------------------

/** The part of the state that is saved and shared. */
export function persistable(st: AppState): AppState {
  const out: AppState = { v: STATE_VERSION, lang: st.lang, baseline: st.baseline, scenarios: st.scenarios, selected: st.selected };
  if (st.precision !== undefined) out.precision = st.precision;
  return out;
}

export interface Problem {
  path: string;
  en: string;
  da: string;
}

/**
 * Check the shape of a saved or shared state (not the scenarios' contents: the engine
 * validates those). Returns the state or the problems, each with a path.
 */
export function checkStateShape(x: unknown): { state?: AppState; problems: Problem[]; newer?: boolean } {
  const problems: Problem[] = [];
  const o = x as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) {
    return { problems: [{ path: '', en: 'not an object', da: 'ikke et objekt' }] };
  }
  if (typeof o.v === 'number' && o.v > STATE_VERSION) {
    return { newer: true, problems: [{ path: 'v', en: `made by a newer version of Kanalsim (format ${o.v}; this page reads ${STATE_VERSION})`, da: `lavet af en nyere version af Kanalsim (format ${o.v}; siden læser ${STATE_VERSION})` }] };
  }
  if (o.v !== STATE_VERSION) {
    problems.push({ path: 'v', en: `unsupported version ${JSON.stringify(o.v)?.slice(0, 20)} (this page reads ${STATE_VERSION})`, da: `ukendt version ${JSON.stringify(o.v)?.slice(0, 20)} (siden læser ${STATE_VERSION})` });
  }
  if (!o.baseline || typeof o.baseline !== 'object' || Array.isArray(o.baseline)) {
    problems.push({ path: 'baseline', en: 'missing baseline scenario', da: 'mangler basisscenarie' });
  }
  if (!Array.isArray(o.scenarios)) {
    problems.push({ path: 'scenarios', en: 'must be a list', da: 'skal være en liste' });
  } else if (o.scenarios.length > MAX_SCENARIOS) {
    problems.push({ path: 'scenarios', en: `at most ${MAX_SCENARIOS} scenarios`, da: `højst ${MAX_SCENARIOS} scenarier` });
  } else {
    o.scenarios.forEach((s, i) => {
      if (!s || typeof s !== 'object' || Array.isArray(s)) problems.push({ path: `scenarios[${i}]`, en: 'must be a scenario object', da: 'skal være et scenarie-objekt' });
    });
  }
  if (o.precision !== undefined && !validPrecision(o.precision)) {
    problems.push({ path: 'precision', en: 'the tolerance of "run until stable" must be a number above 0 and at most 0.2', da: 'tolerancen for "kør til resultatet er stabilt" skal være et tal over 0 og højst 0,2' });
  }
  const lang: Lang = o.lang === 'en' ? 'en' : 'da';
  if (problems.length) return { problems };
  const scenarios = o.scenarios as Scenario[];
  const sel = typeof o.selected === 'number' && Number.isInteger(o.selected) ? Math.max(0, Math.min(scenarios.length, o.selected)) : 0;
  const state: AppState = { v: STATE_VERSION, lang, baseline: o.baseline as Scenario, scenarios, selected: sel };
  if (o.precision !== undefined) state.precision = o.precision as number;
  return { state, problems };
}
