// Chart specifications: for each chart, an ECharts option, a text summary and a data table,
// all from the same numbers. Pure (no DOM), so the text and the table match the picture.
import type { Comparison, Results, Summary, Unit } from './generated/types';
import type { Lang } from './state';
import { num, value, signed, DASH, tidy } from './format';
import { verdict } from './uncertainty';
import { t, dayName, CHANNELS, type ChannelId } from './i18n';

/** Okabe–Ito colours (safe for colour-blind readers), one per variant. */
export const VARIANT_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000'];
/** A sequential palette from light to dark (viridis end points), readable in grey too. */
export const HEAT_COLOURS = ['#fdf6b5', '#f9d057', '#5ec962', '#21918c', '#3b528b', '#440154'];

export interface Table {
  caption: string;
  head: string[];
  rows: string[][];
  /** Optional stable ids of the rows (set as data-id, for tests and scripts). */
  rowIds?: string[];
}

export interface ChartSpec {
  option: Record<string, unknown>;
  summary: string;
  table: Table;
  /** Height of the drawing in pixels, when it is not the default. */
  height?: number;
  /** For a narrow chart (a phone): top-level option keys replaced, and its height. */
  narrow?: { option: Record<string, unknown>; height?: number };
}

export interface Input {
  lang: Lang;
  labels: string[]; // per variant
  results: (Results | null)[];
  comparisons: (Comparison | null)[];
  /** Simulated years asked for: below it a run is still going, and a difference is given only
   *  once its sign is known (see uncertainty.ts). Omitted: the results are final. */
  asked?: number;
}

const m = (r: Results | null | undefined, id: string): Summary | undefined => r?.metrics[id];
const interval = (lang: Lang, unit: Unit, s: Summary | undefined) => (s ? `${value(lang, unit, s.p5)} – ${value(lang, unit, s.p95)}` : DASH);
/** A difference as the charts say it: its sign only once it is known (while running), and
 *  "ikke til at skelne fra 0" when done and its interval covers 0; `long` adds P5–P95. */
function diffText(inp: Input, i: number, id: string, unit: Unit, long: boolean): string {
  const { lang } = inp;
  const d = inp.comparisons[i]?.difference[id];
  if (!d) return DASH;
  const n = Math.min(inp.results[0]?.replications ?? 0, inp.results[i]?.replications ?? 0);
  const v = verdict(d, n, inp.asked === undefined || n >= inp.asked);
  if (v === 'wait') return lang === 'da' ? 'forskel endnu uklar' : 'difference not yet clear';
  const spread = long ? ` (${signed(lang, unit, d.p5)} ${lang === 'da' ? 'til' : 'to'} ${signed(lang, unit, d.p95)})` : '';
  if (v === 'indistinct') return `${lang === 'da' ? 'ikke til at skelne fra 0' : 'not distinguishable from 0'}${spread}`;
  return `${signed(lang, unit, d.mean)}${spread}`;
}

export function channelLabel(lang: Lang, c: ChannelId | 'gaveUp'): string {
  return t(lang, c);
}

function present(inp: Input): number[] {
  return inp.results.map((r, i) => (r ? i : -1)).filter((i) => i >= 0);
}

/** Room above the plot for a legend of these labels (about 60 characters a line). */
const legendTop = (labels: string[]) => 16 + 22 * Math.max(1, Math.ceil(labels.reduce((a, l) => a + l.length + 6, 0) / 60));

const baseOption = (lang: Lang, labels: string[] = []) => ({
  animation: false,
  aria: { enabled: false },
  textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1a1a1a' },
  grid: { left: 8, right: 16, top: legendTop(labels), bottom: 16, containLabel: true },
  legend: { top: 0, type: 'plain', textStyle: { color: '#1a1a1a' } },
  tooltip: { trigger: 'axis', valueFormatter: (v: number) => num(lang, v) },
});

/** Bar layout: gaps fixed so the interval whiskers can be placed on their bars. */
const BAR_GAP = 0.2;
const CAT_GAP = 0.3;

interface Api {
  value(i: number): number;
  coord(v: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
}

/** Whiskers from P5 to P95 on bar k of n in each category (an ECharts custom series). */
function whiskers(name: string, k: number, n: number, data: [number, number | null, number | null][]): Record<string, unknown> {
  return {
    type: 'custom',
    name,
    silent: true,
    z: 5,
    tooltip: { show: false },
    encode: { x: 0, y: [1, 2] },
    data,
    renderItem: (_p: unknown, api: Api) => {
      const ci = api.value(0);
      const lo = api.value(1);
      const hi = api.value(2);
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
      const band = api.size([1, 0])[0];
      const inner = band * (1 - CAT_GAP);
      const bw = inner / (n + (n - 1) * BAR_GAP);
      const x = api.coord([ci, 0])[0] - inner / 2 + k * bw * (1 + BAR_GAP) + bw / 2;
      const y1 = api.coord([ci, lo])[1];
      const y2 = api.coord([ci, hi])[1];
      const cap = Math.max(2, Math.min(7, bw * 0.3));
      // A dark stroke on a white halo, so the whisker shows on dark bars too.
      const lines = (style: Record<string, unknown>) => [
        { type: 'line', shape: { x1: x, y1, x2: x, y2 }, style },
        { type: 'line', shape: { x1: x - cap, y1, x2: x + cap, y2: y1 }, style },
        { type: 'line', shape: { x1: x - cap, y1: y2, x2: x + cap, y2 }, style },
      ];
      return { type: 'group', children: [...lines({ stroke: '#ffffff', lineWidth: 3.5 }), ...lines({ stroke: '#1a1a1a', lineWidth: 1.5 })] };
    },
  };
}

/** A grouped bar chart of metrics (categories) × variants: bars are means, whiskers the
 *  range of 9 simulated years out of 10 (P5–P95); the table has the same and the differences. */
function metricBars(inp: Input, cats: { id: string; label: string }[], unit: Unit, caption: string): ChartSpec {
  const { lang } = inp;
  const idx = present(inp);
  const names = idx.map((i) => inp.labels[i] ?? '');
  const bars = idx.map((i) => ({
    type: 'bar',
    name: inp.labels[i],
    barGap: `${BAR_GAP * 100}%`,
    barCategoryGap: `${CAT_GAP * 100}%`,
    itemStyle: { color: VARIANT_COLOURS[i] },
    data: cats.map((c) => round(m(inp.results[i], c.id)?.mean)),
  }));
  const errs = idx.map((i, k) => whiskers(`${inp.labels[i]} · P5–P95`, k, idx.length, cats.map((c, ci) => {
    const s = m(inp.results[i], c.id);
    return [ci, s ? round(s.p5) : null, s ? round(s.p95) : null];
  })));
  const option = {
    ...baseOption(lang, names),
    legend: { top: 0, type: 'plain', data: names, textStyle: { color: '#1a1a1a' } },
    xAxis: { type: 'category', data: cats.map((c) => c.label), axisLabel: { color: '#1a1a1a', interval: 0, width: 84, overflow: 'break', margin: 10, lineHeight: 14, verticalAlign: 'top' } },
    yAxis: { type: 'value', axisLabel: { color: '#1a1a1a', formatter: (v: number) => num(lang, v) } },
    series: [...bars, ...errs],
  };
  const head = [caption === '' ? '' : t(lang, 'metric')];
  for (const i of idx) {
    head.push(`${inp.labels[i]}: ${t(lang, 'mean')}`, `${inp.labels[i]}: ${t(lang, 'interval90')}`);
    if (i > 0) head.push(`${inp.labels[i]}: ${t(lang, 'diffVsBase')}`);
  }
  const rows = cats.map((c) => {
    const row = [c.label];
    for (const i of idx) {
      const s = m(inp.results[i], c.id);
      row.push(value(lang, unit, s?.mean), interval(lang, unit, s));
      if (i > 0) row.push(diffText(inp, i, c.id, unit, true));
    }
    return row;
  });
  const parts = cats.map((c) => {
    const b = m(inp.results[0], c.id);
    let s = `${c.label}: ${value(lang, unit, b?.mean)} ${lang === 'da' ? 'i basis' : 'in the baseline'}`;
    for (const i of idx.filter((i) => i > 0)) {
      s += `; ${value(lang, unit, m(inp.results[i], c.id)?.mean)} ${lang === 'da' ? 'i' : 'in'} «${inp.labels[i]}» (${diffText(inp, i, c.id, unit, false)})`;
    }
    return s;
  });
  const whisk = idx.length ? (lang === 'da' ? ' De sorte streger på søjlerne viser, hvor 9 ud af 10 simulerede år ligger.' : ' The black whiskers on the bars show where 9 out of 10 simulated years lie.') : '';
  return { option, summary: tidy(`${parts.join('. ')}.${whisk}`), table: { caption, head, rows } };
}

const round = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);

export function contactsChart(inp: Input): ChartSpec {
  const cats = CHANNELS.map((c) => ({ id: `contacts.${c}`, label: channelLabel(inp.lang, c) }));
  return metricBars(inp, cats, 'count', t(inp.lang, 'contactsChart'));
}

export function costChart(inp: Input): ChartSpec {
  const cats = [...CHANNELS.map((c) => ({ id: `cost.unit.${c}`, label: channelLabel(inp.lang, c) })), { id: 'cost.unit.total', label: inp.lang === 'da' ? 'I alt' : 'Total' }];
  const spec = metricBars(inp, cats, 'dkk', t(inp.lang, 'costChart'));
  // Staff cost in the table too (not drawn: a different method, not to be added up).
  const staff = [
    { id: 'cost.staff.personal', label: `${inp.lang === 'da' ? 'Løn' : 'Staff'}: ${channelLabel(inp.lang, 'personal')}` },
    { id: 'cost.staff.phone', label: `${inp.lang === 'da' ? 'Løn' : 'Staff'}: ${channelLabel(inp.lang, 'phone')}` },
    { id: 'cost.staff.written', label: `${inp.lang === 'da' ? 'Løn' : 'Staff'}: ${channelLabel(inp.lang, 'written')}` },
    { id: 'cost.staff.total', label: `${inp.lang === 'da' ? 'Løn i alt' : 'Staff total'}` },
  ];
  const st = metricBars(inp, staff, 'dkk', '');
  spec.table.rows.push(...st.table.rows);
  return spec;
}

export function gaveUpChart(inp: Input): ChartSpec {
  const { lang } = inp;
  const cats = [
    { id: 'gaveUp.closed', label: lang === 'da' ? 'Kanalen var lukket' : 'Channel was closed' },
    { id: 'gaveUp.abandoned', label: lang === 'da' ? 'Opgav i kø' : 'Gave up in a queue' },
    { id: 'gaveUp', label: lang === 'da' ? 'I alt' : 'Total' },
  ];
  return metricBars(inp, cats, 'count', t(lang, 'gaveUpChart'));
}

export const HEAT_METRICS = ['phone.wait', 'personal.queue', 'personal.wait', 'phone.queue', 'phone.arrivals', 'personal.arrivals'] as const;
export type HeatMetric = (typeof HEAT_METRICS)[number];

export function heatLabel(lang: Lang, k: HeatMetric): string {
  const da: Record<HeatMetric, string> = {
    'phone.wait': 'Telefon: gennemsnitlig ventetid (min)',
    'phone.queue': 'Telefon: gennemsnitligt antal i kø',
    'phone.arrivals': 'Telefon: opkald pr. time',
    'personal.wait': 'Skranke: gennemsnitlig ventetid (min)',
    'personal.queue': 'Skranke: gennemsnitligt antal i kø',
    'personal.arrivals': 'Skranke: fremmødte pr. time',
  };
  const en: Record<HeatMetric, string> = {
    'phone.wait': 'Phone: mean wait (min)',
    'phone.queue': 'Phone: mean number in queue',
    'phone.arrivals': 'Phone: calls per hour',
    'personal.wait': 'Counter: mean wait (min)',
    'personal.queue': 'Counter: mean number in queue',
    'personal.arrivals': 'Counter: visitors per hour',
  };
  return (lang === 'da' ? da : en)[k];
}

export function heatValues(r: Results, k: HeatMetric): number[] {
  const [ch, what] = k.split('.') as ['phone' | 'personal', string];
  const p = r.hourOfWeek[ch];
  return what === 'wait' ? p.meanWaitMin : what === 'queue' ? p.queueLength : p.arrivals;
}

export const HEAT_HOURS = Array.from({ length: 24 }, (_, i) => i);

/**
 * The week hour by hour for one variant. Closed hours (from the variant's opening hours,
 * `open[day * 24 + hour]`) are grey and marked "×", so they differ from quiet open hours by
 * more than colour; open hours are coloured by value, 0 included.
 */
export function heatmapChart(lang: Lang, label: string, r: Results | null, k: HeatMetric, open?: boolean[]): ChartSpec {
  const vals = r ? heatValues(r, k) : [];
  const isOpen = (d: number, hr: number) => (open ? open[d * 24 + hr] !== false : (vals[d * 24 + hr] ?? 0) > 0);
  const data: [number, number, number | '-'][] = [];
  const closed: [number, number, number][] = [];
  let max = 0;
  let top = { v: -1, d: 0, hr: 0 };
  for (let d = 0; d < 7; d++) {
    for (const hr of HEAT_HOURS) {
      const v = vals[d * 24 + hr] ?? 0;
      const x = Number.isFinite(v) ? v : 0;
      if (!isOpen(d, hr)) {
        data.push([hr, d, '-']);
        closed.push([hr, d, 0]);
        continue;
      }
      data.push([hr, d, r ? Math.round(x * 100) / 100 : '-']);
      if (x > max) max = x;
      if (x > top.v) top = { v: x, d, hr };
    }
  }
  const days = Array.from({ length: 7 }, (_, d) => dayName(lang, d, true));
  const closedWord = t(lang, 'closed');
  const option = {
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1a1a1a' },
    tooltip: { position: 'top', formatter: (p: { seriesIndex: number; value: [number, number, number | '-'] }) => `${dayName(lang, p.value[1])} ${String(p.value[0]).padStart(2, '0')}–${String(p.value[0] + 1).padStart(2, '0')}: ${p.seriesIndex === 1 ? closedWord : typeof p.value[2] === 'number' ? num(lang, p.value[2], 1) : '0'}` },
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: HEAT_HOURS.map((x) => String(x).padStart(2, '0')), splitArea: { show: true }, axisLabel: { color: '#1a1a1a' } },
    yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true }, axisLabel: { color: '#1a1a1a' } },
    visualMap: { seriesIndex: 0, min: 0, max: max > 0 ? max : 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemWidth: 14, itemHeight: 160, text: [num(lang, max, 1), num(lang, 0, 1)], inRange: { color: HEAT_COLOURS }, textStyle: { color: '#1a1a1a' } },
    series: [
      { type: 'heatmap', name: heatLabel(lang, k), data, itemStyle: { borderColor: '#ffffff', borderWidth: 1 }, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } },
      { type: 'heatmap', name: closedWord, data: closed, itemStyle: { color: '#d9d9d9', borderColor: '#ffffff', borderWidth: 1 }, label: { show: true, formatter: '×', color: '#1a1a1a', fontSize: 11 }, emphasis: { disabled: true } },
    ],
  };
  const head = [t(lang, 'day'), ...HEAT_HOURS.map((x) => `${String(x).padStart(2, '0')}`)];
  const rows = Array.from({ length: 7 }, (_, d) => [dayName(lang, d), ...HEAT_HOURS.map((hr) => (isOpen(d, hr) ? num(lang, vals[d * 24 + hr], 1) : closedWord))]);
  const closedDays = Array.from({ length: 7 }, (_, d) => d).filter((d) => HEAT_HOURS.every((hr) => !isOpen(d, hr)));
  let summary = r
    ? `${heatLabel(lang, k)}, ${label}. ${lang === 'da' ? 'Højeste værdi' : 'Highest value'}: ${dayName(lang, top.d)} ${String(top.hr).padStart(2, '0')}–${String(top.hr + 1).padStart(2, '0')}, ${num(lang, top.v, 1)}.`
    : DASH;
  if (r && closedDays.length && closedDays.length < 7) {
    summary += ` ${lang === 'da' ? 'Lukket hele dagen' : 'Closed all day'}: ${closedDays.map((d) => dayName(lang, d)).join(', ')}.`;
  }
  if (r) summary += lang === 'da' ? ' Lukkede timer er grå og mærket ×; åbne timer er farvet efter værdien, også når den er 0.' : ' Closed hours are grey and marked ×; open hours are coloured by their value, 0 included.';
  return { option, summary, table: { caption: `${t(lang, 'heatmapChart')}: ${heatLabel(lang, k)} – ${label}`, head, rows } };
}

export const WEEKLY_SERIES = ['phone', 'personal', 'written', 'digital', 'gaveUp'] as const;
export type WeeklySeries = (typeof WEEKLY_SERIES)[number];

export function weeklyChart(inp: Input, which: WeeklySeries): ChartSpec {
  const { lang } = inp;
  const idx = present(inp).slice(0, 5);
  const weeks = inp.results.find((r) => r)?.horizonWeeks ?? 0;
  const xs = Array.from({ length: weeks }, (_, w) => String(w + 1));
  const series: Record<string, unknown>[] = [];
  for (const i of idx) {
    const b = inp.results[i]?.weekly[which];
    if (!b) continue;
    const c = VARIANT_COLOURS[i];
    const stack = `band${i}`;
    series.push(
      { type: 'line', name: `${inp.labels[i]} P5`, data: b.p5.map(round), stack, lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
      { type: 'line', name: `${inp.labels[i]} 90 %`, data: b.p95.map((v, w) => round(v - (b.p5[w] ?? 0))), stack, lineStyle: { opacity: 0 }, areaStyle: { color: c, opacity: 0.18 }, symbol: 'none', silent: true, tooltip: { show: false } },
      { type: 'line', name: inp.labels[i], data: b.mean.map(round), itemStyle: { color: c }, lineStyle: { color: c, width: 2, type: i === 0 ? 'solid' : i === 1 ? 'dashed' : i === 2 ? 'dotted' : i === 3 ? [8, 3, 2, 3] : [2, 6] }, symbol: 'none' },
    );
  }
  const option = {
    ...baseOption(lang),
    legend: { top: 0, data: idx.map((i) => inp.labels[i]), textStyle: { color: '#1a1a1a' } },
    xAxis: { type: 'category', data: xs, name: t(lang, 'week'), nameLocation: 'middle', nameGap: 28, axisLabel: { color: '#1a1a1a' } },
    yAxis: { type: 'value', axisLabel: { color: '#1a1a1a', formatter: (v: number) => num(lang, v) } },
    grid: { left: 8, right: 16, top: legendTop(idx.map((i) => inp.labels[i] ?? '')), bottom: 32, containLabel: true },
    series,
  };
  const head = [t(lang, 'week')];
  for (const i of idx) head.push(`${inp.labels[i]}: ${t(lang, 'mean')}`, `${inp.labels[i]}: ${t(lang, 'interval90')}`);
  const rows = xs.map((x, w) => {
    const row = [x];
    for (const i of idx) {
      const b = inp.results[i]?.weekly[which];
      row.push(num(lang, b?.mean[w]), b ? `${num(lang, b.p5[w])} – ${num(lang, b.p95[w])}` : DASH);
    }
    return row;
  });
  const label = which === 'gaveUp' ? t(lang, 'gaveUp') : channelLabel(lang, which);
  const parts = idx.map((i) => {
    const b = inp.results[i]?.weekly[which];
    if (!b || !b.mean.length) return '';
    let lo = 0;
    let hi = 0;
    b.mean.forEach((v, w) => {
      if (v < (b.mean[lo] ?? Infinity)) lo = w;
      if (v > (b.mean[hi] ?? -Infinity)) hi = w;
    });
    return lang === 'da'
      ? `${inp.labels[i]}: fra ${num(lang, b.mean[lo])} (uge ${lo + 1}) til ${num(lang, b.mean[hi])} (uge ${hi + 1}) om ugen`
      : `${inp.labels[i]}: from ${num(lang, b.mean[lo])} (week ${lo + 1}) to ${num(lang, b.mean[hi])} (week ${hi + 1}) a week`;
  });
  return { option, summary: `${label}. ${parts.filter(Boolean).join('. ')}.`, table: { caption: `${t(lang, 'weeklyChart')}: ${label}`, head, rows } };
}

// ---- the wait for an appointment over the year ----------------------------------------------

/**
 * The mean wait for an appointment (calendar days from the request to the slot) per week of
 * the request, with the band of 9 simulated years out of 10, for every variant whose counter
 * is by appointment (`results.appointments`). A week without bookings counts as 0 days.
 */
export function leadChart(inp: Input): ChartSpec {
  const { lang } = inp;
  const da = lang === 'da';
  const idx = present(inp).filter((i) => !!inp.results[i]?.appointments).slice(0, 5);
  const weeks = idx.reduce((a, i) => Math.max(a, inp.results[i]?.appointments?.meanLeadDays.mean.length ?? 0), 0);
  const xs = Array.from({ length: weeks }, (_, w) => String(w + 1));
  const series: Record<string, unknown>[] = [];
  for (const i of idx) {
    const b = inp.results[i]?.appointments?.meanLeadDays;
    if (!b) continue;
    const c = VARIANT_COLOURS[i];
    const stack = `lead${i}`;
    series.push(
      { type: 'line', name: `${inp.labels[i]} P5`, data: b.p5.map(round), stack, lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } },
      { type: 'line', name: `${inp.labels[i]} 90 %`, data: b.p95.map((v, w) => round(v - (b.p5[w] ?? 0))), stack, lineStyle: { opacity: 0 }, areaStyle: { color: c, opacity: 0.18 }, symbol: 'none', silent: true, tooltip: { show: false } },
      { type: 'line', name: inp.labels[i], data: b.mean.map(round), itemStyle: { color: c }, lineStyle: { color: c, width: 2, type: i === 0 ? 'solid' : i === 1 ? 'dashed' : i === 2 ? 'dotted' : i === 3 ? [8, 3, 2, 3] : [2, 6] }, symbol: 'none' },
    );
  }
  const names = idx.map((i) => inp.labels[i] ?? '');
  const option = {
    ...baseOption(lang),
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => value(lang, 'days', v) },
    legend: { top: 0, data: names, textStyle: { color: '#1a1a1a' } },
    xAxis: { type: 'category', data: xs, name: da ? 'Uge, hvor tiden bestilles' : 'Week the slot is booked', nameLocation: 'middle', nameGap: 28, nameTextStyle: { color: '#1a1a1a' }, axisLabel: { color: '#1a1a1a' } },
    yAxis: { type: 'value', name: da ? 'dage' : 'days', nameLocation: 'middle', nameRotate: 90, nameGap: 34, nameTextStyle: { color: '#1a1a1a' }, min: 0, axisLabel: { color: '#1a1a1a', formatter: (v: number) => num(lang, v, Number.isInteger(v) ? 0 : 1) } },
    grid: { left: 24, right: 16, top: legendTop(names), bottom: 32, containLabel: true },
    series,
  };
  const head = [t(lang, 'week')];
  for (const i of idx) head.push(`${inp.labels[i]}: ${t(lang, 'mean')}`, `${inp.labels[i]}: ${t(lang, 'interval90')}`);
  const rows = xs.map((x, w) => {
    const row = [x];
    for (const i of idx) {
      const b = inp.results[i]?.appointments?.meanLeadDays;
      row.push(value(lang, 'days', b?.mean[w]), b ? `${value(lang, 'days', b.p5[w])} – ${value(lang, 'days', b.p95[w])}` : DASH);
    }
    return row;
  });
  const parts = idx.map((i) => {
    const b = inp.results[i]?.appointments?.meanLeadDays;
    const all = inp.results[i]?.metrics['appointments.meanLeadDays'];
    if (!b || !b.mean.length) return '';
    let lo = 0;
    let hi = 0;
    b.mean.forEach((v, w) => {
      if (v < (b.mean[lo] ?? Infinity)) lo = w;
      if (v > (b.mean[hi] ?? -Infinity)) hi = w;
    });
    const d = (x: number | undefined) => value(lang, 'days', x);
    return da
      ? `«${inp.labels[i]}»: længst i uge ${hi + 1} (${d(b.mean[hi])}; i 9 ud af 10 simulerede år ${d(b.p5[hi])} – ${d(b.p95[hi])}), kortest i uge ${lo + 1} (${d(b.mean[lo])})${all ? `; over hele året i gennemsnit ${d(all.mean)}` : ''}`
      : `«${inp.labels[i]}»: longest in week ${hi + 1} (${d(b.mean[hi])}; in 9 out of 10 simulated years ${d(b.p5[hi])} – ${d(b.p95[hi])}), shortest in week ${lo + 1} (${d(b.mean[lo])})${all ? `; over the whole year ${d(all.mean)} on average` : ''}`;
  }).filter(Boolean);
  const without = present(inp).filter((i) => !inp.results[i]?.appointments).map((i) => `«${inp.labels[i]}»`);
  let summary = parts.length
    ? `${da ? 'Ventetid på en tid (kalenderdage fra ønsket til tiden), efter ugen tiden bestilles' : 'Wait for an appointment (calendar days from the request to the slot), by the week it is booked'}. ${parts.join('. ')}.`
    : da ? 'Ingen af scenarierne har tidsbestilling.' : 'None of the scenarios has appointments.';
  if (parts.length && without.length) summary += da ? ` ${without.join(', ')} har ingen tidsbestilling og vises ikke.` : ` ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no appointments and ${without.length === 1 ? 'is' : 'are'} not shown.`;
  return { option, summary: tidy(summary), table: { caption: t(lang, 'leadChart'), head, rows } };
}

// ---- sensitivity (tornado) --------------------------------------------------------------

/** Key figures offered in the sensitivity chart's picker (those the engine reports), default first. */
export const SENSITIVITY_DEFAULT = 'contacts.personalAndPhone.information';

/** Plain-word names of the sampled uncertain inputs (scenario paths), Danish and English. */
const INPUT_LABELS: Record<string, [string, string]> = {
  'demand.demandFactor': ['Efterspørgsel (faktor)', 'Demand (factor)'],
  'digital.adoption': ['Digital anvendelse', 'Digital adoption'],
  'digital.failureShare': ['Digitale ærinder, der mislykkes', 'Digital errands that fail'],
  'queues.handlingTimeScale': ['Ekspeditionstid (faktor)', 'Handling time (factor)'],
  'whenClosed.personal.defer': ['Skranke lukket: kommer igen senere', 'Counter closed: comes back later'],
  'whenClosed.personal.switchChannel': ['Skranke lukket: skifter kanal', 'Counter closed: switches channel'],
  'whenClosed.personal.goDigital': ['Skranke lukket: går digitalt', 'Counter closed: goes digital'],
  'whenClosed.personal.giveUp': ['Skranke lukket: opgiver', 'Counter closed: gives up'],
  'queues.personal.redialProbability': ['Skranke: kommer igen efter at have forladt køen', 'Counter: returns after leaving the queue'],
  'whenClosed.phone.defer': ['Telefon lukket: ringer igen senere', 'Phone closed: calls again later'],
  'whenClosed.phone.switchChannel': ['Telefon lukket: skifter kanal', 'Phone closed: switches channel'],
  'whenClosed.phone.goDigital': ['Telefon lukket: går digitalt', 'Phone closed: goes digital'],
  'whenClosed.phone.giveUp': ['Telefon lukket: opgiver', 'Phone closed: gives up'],
  'whenClosed.comeBack.laterOpening': ['Lukket: venter til en senere åbning', 'Closed: waits for a later opening'],
  'queues.phone.redialProbability': ['Telefon: ringer igen efter at have lagt på i kø', 'Phone: calls again after hanging up in the queue'],
  'appointments.walkIn': ['Tidsbestilling: møder op uden tid', 'Appointments: walk in without booking'],
  'appointments.patienceWorkdays': ['Tidsbestilling: hvor længe borgerne vil vente på en tid', 'Appointments: how long citizens will wait for a slot'],
  'appointments.whenNoSlot.switchChannel': ['Ingen tid tidsnok: ringer eller skriver i stedet', 'No slot soon enough: calls or writes instead'],
  'appointments.whenNoSlot.goDigital': ['Ingen tid tidsnok: klarer det digitalt', 'No slot soon enough: does it digitally'],
  'appointments.whenNoSlot.walkIn': ['Ingen tid tidsnok: tager tiden alligevel eller møder op', 'No slot soon enough: takes the slot anyway or walks in'],
  'appointments.whenNoSlot.giveUp': ['Ingen tid tidsnok: opgiver', 'No slot soon enough: gives up'],
  'appointments.noShow': ['Tidsbestilling: udebliver fra en bestilt tid', 'Appointments: does not come to a booked slot'],
  'appointments.lateCancellation': ['Tidsbestilling: melder sent afbud', 'Appointments: cancels late'],
};

export function inputLabel(lang: Lang, id: string): string {
  const l = INPUT_LABELS[id];
  return l ? l[lang === 'da' ? 0 : 1] : id;
}

/** Inputs that are factors (shown as numbers); the others are shares (shown as percent). */
const FACTOR_INPUTS = new Set(['demand.demandFactor', 'queues.handlingTimeScale']);
/** Inputs in workdays (shown as numbers of days). */
const WORKDAY_INPUTS = new Set(['appointments.patienceWorkdays']);

/** The scenario's range for an input id (its path in the scenario), if there is one. */
export function inputRange(s: unknown, id: string): { low: number; likely: number; high: number } | undefined {
  let x: unknown = s;
  for (const k of id.split('.')) {
    if (!x || typeof x !== 'object') return undefined;
    x = (x as Record<string, unknown>)[k];
  }
  const r = x as { low?: unknown; likely?: unknown; high?: unknown } | undefined;
  return r && typeof r.low === 'number' && typeof r.likely === 'number' && typeof r.high === 'number' ? { low: r.low, likely: r.likely, high: r.high } : undefined;
}

function rangeText(lang: Lang, id: string, r: { low: number; likely: number; high: number } | undefined): string {
  if (!r) return DASH;
  const pc = (x: number) => {
    const v = x * 100;
    return `${num(lang, v, Math.abs(v - Math.round(v)) < 1e-9 ? 0 : 1)} %`;
  };
  if (WORKDAY_INPUTS.has(id)) return `${num(lang, r.low, 1)} / ${num(lang, r.likely, 1)} / ${num(lang, r.high, 1)} ${lang === 'da' ? 'hverdage' : 'workdays'}`;
  const f = FACTOR_INPUTS.has(id) ? (x: number) => num(lang, x, 2) : pc;
  return `${f(r.low)} / ${f(r.likely)} / ${f(r.high)}`;
}

const rhoText = (lang: Lang, rho: number) => {
  const r = Math.round(rho * 100) / 100;
  return r < 0 ? `−${num(lang, -r, 2)}` : num(lang, Math.abs(r), 2);
};
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * A tornado chart: the rank correlation (Spearman's ρ, across the simulated years) of each
 * sampled uncertain input with one key figure, strongest at the top. Inputs whose ρ is 0
 * are left out: they are fixed (no range), or too few years have run.
 */
export function sensitivityChart(lang: Lang, label: string, r: Results | null, scenario: unknown, metric: string, metricLabel: string): ChartSpec {
  const all = r?.sensitivity.find((x) => x.metric === metric)?.inputs ?? [];
  const shown = all.filter((e) => Number.isFinite(e.rho) && e.rho !== 0).sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho));
  const hidden = all.length - shown.length;
  const names = shown.map((e) => inputLabel(lang, e.input));
  const maxAbs = shown.reduce((a, e) => Math.max(a, Math.abs(e.rho)), 0);
  // Symmetric about 0 in steps of 0.25, with room beyond the longest bar for its value label
  // (ticks past ±1 are not labelled: ρ cannot go there).
  const ext = Math.max(0.5, Math.ceil((maxAbs + 0.2) * 4 - 1e-9) / 4);
  const POS = '#0072B2';
  const NEG = '#D55E00';
  // |ρ| below about 2/√(n−1) is within what chance alone gives with n simulated years.
  const noise = r ? 2 / Math.sqrt(Math.max(1, r.replications - 1)) : 1;
  const clear = (rho: number) => Math.abs(rho) >= noise;
  const GREY = '#767676';
  const option = {
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1a1a1a' },
    grid: { left: 8, right: 48, top: 8, bottom: 36, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => rhoText(lang, v) },
    xAxis: {
      type: 'value',
      min: -ext,
      max: ext,
      interval: 0.25,
      name: lang === 'da' ? 'Sammenhæng med nøgletallet (−1 til 1)' : 'Link with the key figure (−1 to 1)',
      nameLocation: 'middle',
      nameGap: 24,
      nameTextStyle: { color: '#1a1a1a' },
      axisLabel: { color: '#1a1a1a', formatter: (v: number) => (Math.abs(v) > 1.0001 ? '' : rhoText(lang, v)) },
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    yAxis: { type: 'category', data: names, inverse: true, axisTick: { show: false }, axisLabel: { color: '#1a1a1a', width: 230, overflow: 'break', lineHeight: 14 } },
    series: [
      {
        type: 'bar',
        name: metricLabel,
        barMaxWidth: 22,
        data: shown.map((e) => ({
          value: Math.round(e.rho * 1000) / 1000,
          itemStyle: { color: !clear(e.rho) ? GREY : e.rho > 0 ? POS : NEG },
          label: { show: true, position: e.rho > 0 ? 'right' : 'left', color: '#1a1a1a', formatter: () => rhoText(lang, e.rho) },
        })),
      },
    ],
  };
  const head = lang === 'da'
    ? ['Usikker antagelse', 'Sammenhæng (−1 til 1)', 'Retning', 'Lav / sandsynlig / høj']
    : ['Uncertain input', 'Link (−1 to 1)', 'Direction', 'Low / likely / high'];
  const up = lang === 'da' ? 'højere værdi, højere tal' : 'higher value, higher figure';
  const down = lang === 'da' ? 'højere værdi, lavere tal' : 'higher value, lower figure';
  const unclear = lang === 'da' ? 'uklar – kan være tilfældig' : 'unclear – may be chance';
  const rows = shown.map((e, i) => [names[i] ?? e.input, rhoText(lang, e.rho), !clear(e.rho) ? unclear : e.rho > 0 ? up : down, rangeText(lang, e.input, inputRange(scenario, e.input))]);
  let summary: string;
  if (!r) summary = DASH;
  else if (shown.length === 0) {
    summary = r.replications < 3
      ? lang === 'da'
        ? `${metricLabel}, ${label}: for få simulerede år endnu til at sige, hvad der driver usikkerheden.`
        : `${metricLabel}, ${label}: too few simulated years yet to say what drives the uncertainty.`
      : lang === 'da'
        ? `${metricLabel}, ${label}: hænger ikke sammen med nogen af de usikre antagelser (tallet er det samme i alle simulerede år, eller intet er usikkert).`
        : `${metricLabel}, ${label}: not related to any of the uncertain inputs (the figure is the same in every simulated year, or nothing is uncertain).`;
  } else {
    const part = (i: number) => `${lowerFirst(names[i] ?? '')} (${lang === 'da' ? 'sammenhæng' : 'link'} ${rhoText(lang, shown[i]?.rho ?? 0)})`;
    const rest = shown.slice(1, 3).map((_, k) => part(k + 1));
    const top = shown[0]!;
    const dir = lang === 'da'
      ? top.rho > 0 ? 'jo højere værdi, jo højere tal' : 'jo højere værdi, jo lavere tal'
      : top.rho > 0 ? 'the higher the input, the higher the figure' : 'the higher the input, the lower the figure';
    summary = lang === 'da'
      ? `Usikkerheden i ${lowerFirst(metricLabel)} («${label}») drives mest af ${part(0)}: ${dir}.${rest.length ? ` Derefter ${rest.join(' og ')}.` : ''}`
      : `The uncertainty in ${lowerFirst(metricLabel)} («${label}») is driven most by ${part(0)}: ${dir}.${rest.length ? ` Then ${rest.join(' and ')}.` : ''}`;
    summary += lang === 'da'
      ? ` Sammenhængen er målt over ${num(lang, r.replications)} simulerede år: 0 er ingen sammenhæng, 1 eller −1 en fuldstændig (rangkorrelation).`
      : ` The link is measured over ${num(lang, r.replications)} simulated years: 0 is none, 1 or −1 complete (rank correlation).`;
    if (!clear(top.rho)) {
      summary += lang === 'da'
        ? ' Endnu skiller ingen antagelse sig tydeligt ud fra tilfældig variation.'
        : ' So far no input stands out clearly from chance variation.';
    } else if (shown.some((e) => !clear(e.rho))) {
      summary += lang === 'da'
        ? ` Grå søjler (svagere end ±${num(lang, noise, 2)}) kan skyldes tilfældighed.`
        : ` Grey bars (weaker than ±${num(lang, noise, 2)}) may be chance.`;
    }
    if (hidden > 0) {
      const fixed = all.filter((e) => e.rho === 0 && ((x) => !!x && x.low === x.high)(inputRange(scenario, e.input))).length;
      summary += fixed === hidden
        ? lang === 'da'
          ? ` ${num(lang, hidden)} faste antagelser (uden usikkerhed) er ikke vist.`
          : ` ${num(lang, hidden)} fixed inputs (without uncertainty) are not shown.`
        : lang === 'da'
          ? ` ${num(lang, hidden)} antagelser uden nogen sammenhæng (faste eller uafhængige) er ikke vist.`
          : ` ${num(lang, hidden)} inputs with no link at all (fixed or unrelated) are not shown.`;
    }
  }
  const caption = `${lang === 'da' ? 'Hvad driver usikkerheden?' : 'What drives the uncertainty?'} ${metricLabel} – ${label}`;
  // Narrow: labels wrap in a narrower column with more room per row, fewer ticks, and the
  // values (in the tooltip and the table) are not written beside the bars.
  const narrow = {
    option: {
      yAxis: { ...option.yAxis, axisLabel: { ...option.yAxis.axisLabel, width: 120 } },
      xAxis: { ...option.xAxis, interval: 0.5 },
      grid: { ...option.grid, right: 12 },
      series: option.series.map((x) => ({ ...x, data: x.data.map((d) => ({ ...d, label: { show: false } })) })),
    },
    height: Math.max(200, 60 + 46 * shown.length),
  };
  return { option, summary, table: { caption, head, rows, rowIds: shown.map((e) => e.input) }, height: Math.max(200, 60 + 34 * shown.length), narrow };
}
