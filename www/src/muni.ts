// "Din kommune": what the engine's calibration (wasm `calibrateFiles`) returns, and its
// back-test as a chart, a text summary and a data table, all from the same numbers. Pure (no
// DOM, no wasm), so it is unit-tested under node.
import type { Scenario } from './generated/types';
import type { Lang } from './state';
import type { ChartSpec } from './charts';
import { num, DASH } from './format';
import { dayName } from './i18n';

/** One channel of the back-test (the engine's `ChannelFit`). */
export interface ChannelFit {
  channel: 'personal' | 'phone' | 'written' | 'digital';
  observedWeekly: number;
  simulatedWeekly: number;
  /** Registrations a counting week by hour of the week (168; empty for written and digital). */
  observedHourly: number[];
  simulatedHourly: number[];
  correlation: number | null;
  meanAbsError: number | null;
  hoursMeasured: number;
}

/** The result of `calibrateFiles` (src/wasm.rs `CalibrationOut`). */
export interface Calibration {
  scenario: Scenario;
  weeks: number;
  seasonFactor: number;
  replications: number;
  rounds: number;
  /** Hours with fewer registrations over the counting weeks are not measured. */
  minHour: number;
  channels: ChannelFit[];
  periodDa: string;
  periodEn: string;
  /** `[file name, kind in English, kind in Danish]`. */
  files: [string, string, string][];
  outbound: number;
  short: [number, number, number];
  late: number;
  unknownCodes: number;
  /** `[code, rows, information | transaction, mapped by the user]` of the `Type` codes
   *  outside the default mapping (FEJL, …). Absent in results of older engines. */
  unmappedTypes?: [string, number, TypeTarget, boolean][];
}

export type TypeTarget = 'information' | 'transaction';
export type Role = 'start' | 'offered' | 'answered' | 'abandoned' | 'aht' | 'asa';
export const ROLES: Role[] = ['start', 'offered', 'answered', 'abandoned', 'aht', 'asa'];
/** The roles an interval report needs (the others are optional). */
export const REQUIRED_ROLES: Role[] = ['start', 'offered', 'answered'];

/** One file as the engine's `inspectFiles` sees it (src/wasm.rs `FileInfoOut`). */
export interface FileInfo {
  name: string;
  kind: 'komhen' | 'interval' | 'table' | null;
  header: string[];
  rows: number;
  roles: [Role, string | null][];
  units: [string, number][];
  types: [string, number, TypeTarget | null][];
  problem: [string, string] | null;
}

/** A problem with what was typed or chosen: the field, in Danish and English. */
export interface FieldIssue {
  path: string;
  da: string;
  en: string;
  /** `data-k` of the input to focus. */
  k?: string;
}

const ROLE_NAME: Record<Role, [string, string]> = {
  start: ['Intervallets start (dato og tid)', 'Interval start (date and time)'],
  offered: ['Tilbudte opkald', 'Calls offered'],
  answered: ['Besvarede opkald', 'Calls answered'],
  abandoned: ['Opgivne opkald', 'Calls abandoned'],
  aht: ['Gns. samtaletid (AHT)', 'Average handle time (AHT)'],
  asa: ['Gns. svartid (ASA)', 'Average speed of answer (ASA)'],
};
export const roleName = (lang: Lang, r: Role): string => ROLE_NAME[r][lang === 'da' ? 0 : 1];

/** Files whose header the engine does not recognise: they need the column picker. */
export const needsPicker = (fs: FileInfo[]): FileInfo[] => fs.filter((f) => f.kind === null && !f.problem && f.header.length >= 2);

/** The `--map` pairs chosen, checked: the three required roles set, no column twice. */
export function checkMap(lang: Lang, file: string, chosen: Partial<Record<Role, string>>): { map: [string, string][]; issues: FieldIssue[] } {
  const da = lang === 'da';
  const issues: FieldIssue[] = [];
  const map: [string, string][] = [];
  const seen = new Map<string, Role>();
  for (const r of ROLES) {
    const v = chosen[r];
    if (!v) {
      if (REQUIRED_ROLES.includes(r)) issues.push({ path: `${file}: ${roleName('en', r)}`, da: `${roleName('da', r)}: vælg filens kolonne`, en: `${roleName('en', r)}: choose the file's column`, k: `muni-role-${r}` });
      continue;
    }
    const other = seen.get(v);
    if (other) {
      issues.push({ path: `${file}: ${roleName('en', r)}`, da: `${roleName('da', r)}: kolonnen «${v}» er allerede valgt til ${roleName('da', other).toLowerCase()}`, en: `${roleName('en', r)}: the column «${v}» is already chosen for ${roleName('en', other).toLowerCase()}`, k: `muni-role-${r}` });
      continue;
    }
    seen.set(v, r);
    map.push([r, v]);
  }
  void da;
  return { map, issues };
}

// ---- opening hours as text: "10:00-15:00" or "08:00-12:00, 13:00-15:30"; empty = closed ----

export interface Interval {
  start: string;
  end: string;
}
const HHMM = /^([01]?\d|2[0-4])(?:[:.]([0-5]\d))?$/;
function minutes(s: string): number | null {
  const m = HHMM.exec(s.trim());
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2] ?? 0);
  return v <= 1440 ? v : null;
}
const hhmm = (v: number) => `${String(Math.floor(v / 60)).padStart(2, '0')}:${String(v % 60).padStart(2, '0')}`;

/** Parse a day's hours; `null` when the text is not hours. */
export function parseDay(s: string): Interval[] | null {
  const t = s.trim();
  if (!t) return [];
  const out: Interval[] = [];
  let last = -1;
  for (const part of t.split(/[,;]/)) {
    const m = /^\s*([^-–]+?)\s*[-–]\s*([^-–]+?)\s*$/.exec(part);
    if (!m) return null;
    const a = minutes(m[1] ?? '');
    const b = minutes(m[2] ?? '');
    if (a === null || b === null || b <= a || a < last) return null;
    last = b;
    out.push({ start: hhmm(a), end: hhmm(b) });
  }
  return out;
}
export const dayText = (iv: Interval[] | undefined): string => (iv ?? []).map((x) => `${x.start}-${x.end}`).join(', ');

export const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekText = string[];
export type HoursText = { personal: WeekText; phone: WeekText };

/** A scenario's opening hours as text per weekday. */
export function hoursText(s: Scenario): HoursText {
  const w = (x: Record<string, Interval[] | undefined> | undefined) => DAY_KEYS.map((d) => dayText(x?.[d]));
  const oh = s.openingHours as unknown as { personal?: Record<string, Interval[]>; phone?: Record<string, Interval[]> } | undefined;
  return { personal: w(oh?.personal), phone: w(oh?.phone) };
}

const CH_DA = { personal: 'Skranke', phone: 'Telefon' };
const CH_EN = { personal: 'Counter', phone: 'Phone' };

/** Text per weekday back to a scenario `openingHours` object, or the fields that are wrong. */
export function parseHours(h: HoursText): { hours: { personal: Record<string, Interval[]>; phone: Record<string, Interval[]> } | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out = { personal: {} as Record<string, Interval[]>, phone: {} as Record<string, Interval[]> };
  for (const ch of ['personal', 'phone'] as const) {
    DAY_KEYS.forEach((d, i) => {
      const v = h[ch][i] ?? '';
      const p = parseDay(v);
      if (p === null) {
        issues.push({ path: `${CH_EN[ch]}, ${dayName('en', i)}`, da: `${CH_DA[ch]}, ${dayName('da', i)}: «${v}» er ikke en åbningstid som 10:00-15:00 (flere adskilt med komma; tom = lukket)`, en: `${CH_EN[ch]}, ${dayName('en', i)}: «${v}» is not opening hours such as 10:00-15:00 (several separated by commas; empty = closed)`, k: `muni-h-${ch}-${i}` });
      } else out[ch][d] = p;
    });
  }
  return { hours: issues.length ? null : out, issues };
}

// ---- the short form → a plain table (src/calibrate/table.rs) -------------------------------

export type FormChannel = 'personal' | 'phone' | 'written' | 'digital';
export const FORM_CHANNELS: FormChannel[] = ['personal', 'phone', 'written', 'digital'];

export interface ShortForm {
  name: string;
  inhabitants: string;
  /** Contacts a year per channel (empty: the counter's per-inhabitant default; the others are required). */
  yearly: Record<FormChannel, string>;
  hours: HoursText;
  /** Staff on duty per weekday (empty for all days of a channel: fitted by Erlang A). */
  staff: { personal: string[]; phone: string[] };
}

export const emptyForm = (): ShortForm => ({
  name: '',
  inhabitants: '',
  yearly: { personal: '', phone: '', written: '', digital: '' },
  hours: { personal: DAY_KEYS.map(() => ''), phone: DAY_KEYS.map(() => '') },
  staff: { personal: DAY_KEYS.map(() => ''), phone: DAY_KEYS.map(() => '') },
});

/** Personal visits per inhabitant a year where the form leaves the counter empty (table.rs
 *  `PER_INHABITANT`, from ../shared/data/figures.md): 0.3–0.7, most likely 0.5. */
export const VISITS_PER_INHABITANT = { low: 0.3, likely: 0.5, high: 0.7 };

/** A number typed in Danish or English ("26.000", "26,000", "26000", "0,5"). */
export function parseTyped(s: string): number | null {
  let t = s.trim().replace(/\s/g, '');
  if (!t) return null;
  if (/^\d{1,3}([.,]\d{3})+$/.test(t)) t = t.replace(/[.,]/g, '');
  else t = t.replace(',', '.');
  const v = Number(t);
  return Number.isFinite(v) && /^\d+(\.\d+)?$/.test(t) ? v : null;
}

const YEARLY_NAME: Record<FormChannel, [string, string]> = {
  personal: ['Skranke (personlige henvendelser)', 'Counter (personal visits)'],
  phone: ['Telefon', 'Phone'],
  written: ['Skriftlig (e-mail, brev, Digital Post)', 'Written (e-mail, letter, Digital Post)'],
  digital: ['Digital selvbetjening', 'Digital self-service'],
};
export const yearlyName = (lang: Lang, c: FormChannel): string => YEARLY_NAME[c][lang === 'da' ? 0 : 1];

/** The short form as the engine's plain table (`what;channel;key;value`), or what is wrong,
 *  field by field, in Danish and English. */
export function formTable(f: ShortForm): { csv: string; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const rows: string[] = ['what;channel;key;value'];
  const cell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const name = f.name.trim();
  rows.push(`source;;;${cell(name ? `kortformular, ${name}` : 'kortformular')}`);
  if (name) rows.push(`name;;;${cell(name)}`);
  const inhText = f.inhabitants.trim();
  const inh = parseTyped(inhText);
  if (inhText && (inh === null || inh < 1)) issues.push({ path: 'Inhabitants', da: `Indbyggere: «${inhText}» er ikke et antal indbyggere`, en: `Inhabitants: «${inhText}» is not a number of inhabitants`, k: 'muni-f-inh' });
  if (inh !== null && inh >= 1) rows.push(`inhabitants;;;${Math.round(inh)}`);
  for (const c of FORM_CHANNELS) {
    const v = f.yearly[c].trim();
    const x = parseTyped(v);
    if (!v) {
      if (c === 'personal' && inh !== null && inh >= 1) continue; // the per-inhabitant default
      issues.push(c === 'personal'
        ? { path: `Contacts a year: ${yearlyName('en', c)}`, da: `Henvendelser om året, ${yearlyName('da', c).toLowerCase()}: angiv antallet, eller angiv indbyggere, så bruges 0,3–0,7 pr. indbygger`, en: `Contacts a year, ${yearlyName('en', c).toLowerCase()}: give the number, or give inhabitants to use 0.3–0.7 per inhabitant`, k: `muni-f-y-${c}` }
        : { path: `Contacts a year: ${yearlyName('en', c)}`, da: `Henvendelser om året, ${yearlyName('da', c).toLowerCase()}: angiv antallet (0, hvis ingen); ingen kilde giver et tal pr. indbygger`, en: `Contacts a year, ${yearlyName('en', c).toLowerCase()}: give the number (0 if none); no source gives a per-inhabitant figure`, k: `muni-f-y-${c}` });
      continue;
    }
    if (x === null) {
      issues.push({ path: `Contacts a year: ${yearlyName('en', c)}`, da: `Henvendelser om året, ${yearlyName('da', c).toLowerCase()}: «${v}» er ikke et tal, nul eller mere`, en: `Contacts a year, ${yearlyName('en', c).toLowerCase()}: «${v}» is not a number, zero or more`, k: `muni-f-y-${c}` });
      continue;
    }
    rows.push(`yearly;${c};;${x}`);
  }
  const parsed = parseHours(f.hours);
  issues.push(...parsed.issues.map((i) => ({ ...i, k: i.k?.replace('muni-h-', 'muni-f-h-') })));
  for (const ch of ['personal', 'phone'] as const) {
    const staffGiven = f.staff[ch].some((s) => s.trim() !== '');
    DAY_KEYS.forEach((d, i) => {
      const iv = parsed.hours?.[ch][d] ?? parseDay(f.hours[ch][i] ?? '') ?? [];
      for (const x of iv) rows.push(`open;${ch};${d};${x.start}-${x.end}`);
      if (!staffGiven) return;
      const sv = (f.staff[ch][i] ?? '').trim();
      const n = parseTyped(sv);
      const where = `${CH_EN[ch]}, ${dayName('en', i)}`;
      if (!iv.length) {
        if (sv && n !== 0) issues.push({ path: `${where}: staff`, da: `${CH_DA[ch]}, ${dayName('da', i)}: medarbejdere angivet, men ingen åbningstid`, en: `${where}: staff given, but no opening hours`, k: `muni-f-s-${ch}-${i}` });
        return;
      }
      if (n === null || n < 1 || !Number.isInteger(n)) {
        issues.push({ path: `${where}: staff`, da: `${CH_DA[ch]}, ${dayName('da', i)}: medarbejdere «${sv}» skal være et helt tal, mindst 1 (eller lad alle dage stå tomme, så beregnes bemandingen)`, en: `${where}: staff «${sv}» must be a whole number, at least 1 (or leave every day empty to have the staff computed)`, k: `muni-f-s-${ch}-${i}` });
        return;
      }
      const hours = new Set<number>();
      for (const x of iv) {
        const a = minutes(x.start) ?? 0;
        const b = minutes(x.end) ?? 0;
        for (let h = Math.floor(a / 60); h * 60 < b && h < 24; h++) hours.add(h);
      }
      for (const h of [...hours].sort((p, q) => p - q)) rows.push(`staff;${ch};${d} ${h};${n}`);
    });
  }
  if (parsed.hours) {
    for (const ch of ['personal', 'phone'] as const) {
      const open = Object.values(parsed.hours[ch]).some((x) => x.length);
      const y = parseTyped(f.yearly[ch]);
      const has = y === null ? ch === 'personal' && inh !== null && inh >= 1 : y > 0;
      if (has && !open) issues.push({ path: `${CH_EN[ch]}: opening hours`, da: `${CH_DA[ch]}: der er henvendelser om året, men ingen åbningstid; angiv mindst én dag (fx 10:00-15:00)`, en: `${CH_EN[ch]}: there are contacts a year, but no opening hours; give at least one day (e.g. 10:00-15:00)`, k: `muni-f-h-${ch}-0` });
    }
  }
  return { csv: rows.join('\n') + '\n', issues };
}


/** The thresholds of issue 12: the model reproduces the counts when r ≥ 0.9 and MAE < 15 %. */
export const GOOD_R = 0.9;
export const GOOD_MAE = 0.15;

const CH_NAME: Record<ChannelFit['channel'], [string, string]> = {
  personal: ['skranke', 'counter'],
  phone: ['telefon', 'phone'],
  written: ['skriftlig', 'written'],
  digital: ['digital selvbetjening', 'digital self-service'],
};
export const channelName = (lang: Lang, c: ChannelFit['channel']): string => CH_NAME[c][lang === 'da' ? 0 : 1];

/** Counter and phone, where the files gave them by hour. */
export function hourlyChannels(c: Calibration): ChannelFit[] {
  return c.channels.filter((x) => (x.channel === 'personal' || x.channel === 'phone') && x.observedHourly.length === 168);
}

/** The hours of the week shown: any counted registration, or a simulated one (≥ 0.5 a week). */
export function shownHours(c: Calibration): number[] {
  const chs = hourlyChannels(c);
  const out: number[] = [];
  for (let h = 0; h < 168; h++) {
    if (chs.some((x) => (x.observedHourly[h] ?? 0) > 0 || (x.simulatedHourly[h] ?? 0) >= 0.5)) out.push(h);
  }
  return out;
}

export const hourLabel = (lang: Lang, h: number): string => `${dayName(lang, Math.floor(h / 24), true)} ${String(h % 24).padStart(2, '0')}`;

const pct = (lang: Lang, x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? DASH : `${num(lang, 100 * x, digits)} %`);
const signedPct = (lang: Lang, x: number) => `${x < -0.0005 ? '−' : x > 0.0005 ? '+' : ''}${num(lang, Math.abs(100 * x), 1)} %`;
export const weeklyError = (x: ChannelFit) => (x.observedWeekly > 0 ? x.simulatedWeekly / x.observedWeekly - 1 : 0);

/** Whether the back-test meets the thresholds for every channel measured by the hour. */
export function fitIsGood(c: Calibration): boolean {
  const chs = hourlyChannels(c).filter((x) => x.hoursMeasured > 0);
  return chs.length > 0 && chs.every((x) => (x.correlation ?? 0) >= GOOD_R && (x.meanAbsError ?? 1) < GOOD_MAE);
}

/** "Modellen gengiver jeres tal: korrelation 0,96, gennemsnitlig afvigelse 9,7 % …" */
export function backtestSummary(lang: Lang, c: Calibration): string {
  const da = lang === 'da';
  const chs = hourlyChannels(c).filter((x) => x.hoursMeasured > 0);
  const period = da ? c.periodDa : c.periodEn;
  const parts = chs.map((x) => {
    const r = x.correlation === null ? DASH : num(lang, x.correlation, 2);
    return da
      ? `${channelName(lang, x.channel)} korrelation ${r}, gennemsnitlig afvigelse ${pct(lang, x.meanAbsError)} (${x.hoursMeasured} timer med mindst ${num(lang, c.minHour)} registreringer)`
      : `${channelName(lang, x.channel)} correlation ${r}, mean deviation ${pct(lang, x.meanAbsError)} (${x.hoursMeasured} hours with at least ${num(lang, c.minHour)} registrations)`;
  });
  const weekly = c.channels
    .filter((x) => x.observedWeekly > 0)
    .map((x) => `${channelName(lang, x.channel)} ${num(lang, x.observedWeekly)} / ${num(lang, x.simulatedWeekly)} (${signedPct(lang, weeklyError(x))})`);
  let head: string;
  if (!hourlyChannels(c).length) head = da ? 'Der er ingen optælling pr. time at måle mod (fordelingen over ugens timer er Tønder 2012-forvalgets form, en mærket antagelse); kun ugens mængde sammenlignes' : 'There is no count by hour to measure against (the spread over the hours of the week is the Tønder 2012 preset’s shape, a labelled assumption); only the weekly volume is compared';
  else if (!chs.length) head = da ? 'Filerne giver ingen timer med nok registreringer til at måle, hvor godt modellen rammer time for time' : 'The files give no hours with enough registrations to measure how well the model fits hour by hour';
  else if (fitIsGood(c)) head = da ? `Modellen gengiver jeres tal: ${parts.join('; ')}` : `The model reproduces your counts: ${parts.join('; ')}`;
  else head = da ? `Modellen gengiver kun delvis jeres tal (målet er korrelation mindst 0,9 og afvigelse under 15 %): ${parts.join('; ')}` : `The model reproduces your counts only in part (the aim is a correlation of at least 0.9 and a deviation under 15 %): ${parts.join('; ')}`;
  const wk = da ? `Henvendelser pr. uge, talt / simuleret: ${weekly.join(', ')}` : `Contacts a week, counted / simulated: ${weekly.join(', ')}`;
  const src = da ? `Talt: ${period}; simuleret: ${num(lang, c.replications)} år efter ${num(lang, c.rounds)} runders justering` : `Counted: ${period}; simulated: ${num(lang, c.replications)} years after ${num(lang, c.rounds)} rounds of adjustment`;
  return `${head}. ${wk}. ${src}.`;
}

/** The back-test as a chart: counted (bars) against simulated (line) per weekday-hour, one
 *  panel for the counter and one for the phone. */
export function backtestChart(lang: Lang, c: Calibration): ChartSpec {
  const da = lang === 'da';
  const hours = shownHours(c);
  const chs = hourlyChannels(c);
  const xs = hours.map((h) => hourLabel(lang, h));
  const counted = da ? 'Talt' : 'Counted';
  const simulated = da ? 'Simuleret' : 'Simulated';
  const r1 = (v: number | undefined) => Math.round((v ?? 0) * 10) / 10;
  const n = Math.max(1, chs.length);
  const panelH = 200;
  const grids = chs.map((_, i) => ({ left: 8, right: 16, top: 40 + i * (panelH + 50), height: panelH, containLabel: true }));
  const option = {
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1a1a1a' },
    legend: { top: 0, data: [counted, simulated], textStyle: { color: '#1a1a1a' } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => num(lang, v, 1) },
    grid: grids,
    xAxis: chs.map((_, i) => ({ type: 'category', gridIndex: i, data: xs, axisLabel: { color: '#1a1a1a', interval: 'auto', rotate: 0 } })),
    yAxis: chs.map((x, i) => ({ type: 'value', gridIndex: i, name: `${channelName(lang, x.channel).replace(/^./, (s) => s.toUpperCase())}, ${da ? 'registreringer pr. uge' : 'registrations a week'}`, nameTextStyle: { color: '#1a1a1a', fontWeight: 'bold', align: 'left' }, axisLabel: { color: '#1a1a1a', formatter: (v: number) => num(lang, v) } })),
    series: chs.flatMap((x, i) => [
      { type: 'bar', name: counted, xAxisIndex: i, yAxisIndex: i, data: hours.map((h) => r1(x.observedHourly[h])), itemStyle: { color: '#0072B2' }, barCategoryGap: '25%' },
      { type: 'line', name: simulated, xAxisIndex: i, yAxisIndex: i, data: hours.map((h) => r1(x.simulatedHourly[h])), itemStyle: { color: '#D55E00' }, lineStyle: { color: '#D55E00', width: 2 }, symbol: 'circle', symbolSize: 5 },
    ]),
  };
  const head = [da ? 'Ugedag og time' : 'Weekday and hour'];
  for (const x of chs) head.push(`${channelName(lang, x.channel)}: ${counted.toLowerCase()}`, `${channelName(lang, x.channel)}: ${simulated.toLowerCase()}`);
  const rows = hours.map((h) => [hourLabel(lang, h), ...chs.flatMap((x) => [num(lang, x.observedHourly[h], 1), num(lang, x.simulatedHourly[h], 1)])]);
  return {
    option,
    summary: backtestSummary(lang, c),
    height: 40 + n * (panelH + 50),
    table: { caption: da ? 'Registreringer pr. uge efter ugedag og time, talt og simuleret' : 'Registrations a week by weekday and hour, counted and simulated', head, rows, rowIds: hours.map(String) },
  };
}

/** Per channel: counted and simulated a week, the difference, r, MAE and hours measured. */
export function fitTable(lang: Lang, c: Calibration): { head: string[]; rows: string[][] } {
  const da = lang === 'da';
  return {
    head: da ? ['Kanal', 'Talt pr. uge', 'Simuleret pr. uge', 'Forskel', 'Korrelation', 'Gns. afvigelse', 'Timer målt'] : ['Channel', 'Counted a week', 'Simulated a week', 'Difference', 'Correlation', 'Mean deviation', 'Hours measured'],
    rows: c.channels.map((x) => [
      channelName(lang, x.channel),
      num(lang, x.observedWeekly, 1),
      num(lang, x.simulatedWeekly, 1),
      x.observedWeekly > 0 ? signedPct(lang, weeklyError(x)) : DASH,
      x.correlation === null ? DASH : num(lang, x.correlation, 3),
      pct(lang, x.meanAbsError),
      num(lang, x.hoursMeasured),
    ]),
  };
}

/** What was read and how registration artefacts were treated, in one sentence. */
export function readSentence(lang: Lang, c: Calibration): string {
  const da = lang === 'da';
  const files = c.files.map(([n, en, d]) => `${n} (${da ? d : en})`).join(', ');
  const [s0, s1, s2] = c.short;
  return da
    ? `Læst: ${files}. Udgående henvendelser (arbejde, ikke efterspørgsel; ikke simuleret): ${num(lang, c.outbound)}. Ekspeditionstider under 30 sekunder (talt med, men udeladt af tilpasningen af ekspeditionstiden) skranke/telefon/skriftlig: ${num(lang, s0)} / ${num(lang, s1)} / ${num(lang, s2)}. Registreret mere end en time efter henvendelsen: ${num(lang, c.late)}. Ukendte kanalkoder (ikke simuleret): ${num(lang, c.unknownCodes)}.`
    : `Read: ${files}. Outbound contacts (work, not demand; not simulated): ${num(lang, c.outbound)}. Handling times under 30 seconds (counted, but left out of the handling-time fit) counter/phone/written: ${num(lang, s0)} / ${num(lang, s1)} / ${num(lang, s2)}. Registered more than an hour after the contact: ${num(lang, c.late)}. Unknown channel codes (not simulated): ${num(lang, c.unknownCodes)}.`;
}
