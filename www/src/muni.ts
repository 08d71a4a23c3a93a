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
  if (!chs.length) head = da ? 'Filerne giver ingen timer med nok registreringer til at måle, hvor godt modellen rammer time for time' : 'The files give no hours with enough registrations to measure how well the model fits hour by hour';
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
