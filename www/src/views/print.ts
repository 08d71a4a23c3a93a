// The one-page committee print (A4, print CSS): key figures with their intervals, two charts,
// the assumptions and sources of the compared scenario, seed and version. Hidden on screen;
// the print stylesheet shows only it.
import type { Comparison, MetricDef, Results, Scenario } from '../generated/types';
import type { Lang } from '../state';
import { h } from '../dom';
import { t } from '../i18n';
import { value, signed } from '../format';
import { plainPath, plainMessage } from '../words';
import { weekWords, appointmentFacts } from '../export';
import { CARD_METRICS, cardTitle, withinFiveSentence } from './results';
import { verdict } from '../uncertainty';

export interface PrintInput {
  lang: Lang;
  defs: MetricDef[];
  labels: string[];
  variants: Scenario[];
  /** The scenario compared with the baseline (index into variants), or 0 for the baseline only. */
  si: number;
  results: (Results | null)[];
  comparisons: (Comparison | null)[];
  version: string;
  /** Two charts: title and SVG text (shown as images, never parsed into the page). */
  charts: { title: string; svg: string }[];
}

export function renderPrint(o: PrintInput): HTMLElement {
  const { lang, si } = o;
  const da = lang === 'da';
  const base = o.variants[0];
  const scen = si > 0 ? o.variants[si] : undefined;
  const rb = o.results[0] ?? null;
  const rs = si > 0 ? o.results[si] ?? null : null;
  const cmp = si > 0 ? o.comparisons[si] ?? null : null;
  const n = Math.min(rb?.replications ?? 0, rs?.replications ?? rb?.replications ?? 0);
  const el = h('section', { class: 'ks-print', 'aria-hidden': 'true' });
  // An interval's bounds without their unit (the mean before them has it): the table fits the page.
  // The 90 % confidence interval of a mean difference is symmetric (mean ± t · s / √n): said as
  // "± its half-width", so the column fits the page.
  const half = (unit: MetricDef['unit'], d: { ci90?: [number, number] }) => {
    if (!d.ci90 || !Number.isFinite(d.ci90[0]) || !Number.isFinite(d.ci90[1])) return '';
    return ` (±${value(lang, unit, Math.abs(d.ci90[1] - d.ci90[0]) / 2).replace(/\s.*$/, '')})`;
  };
  const plainV = (unit: MetricDef['unit'], x: number) => value(lang, unit, x).replace(/\s.*$/, '');
  el.append(h('h1', {}, `Kanalsim: ${o.labels[si] ?? ''}${si > 0 ? ` ${da ? 'sammenlignet med' : 'compared with'} ${o.labels[0] ?? ''}` : ''}`));
  el.append(h('p', { class: 'ks-pmeta' }, `Kanalsim ${o.version} · ${t(lang, 'seed')} ${base?.simulation.seed ?? ''} · ${n} ${da ? 'simulerede år pr. scenarie' : 'simulated years per scenario'} · ${base?.horizonWeeks ?? ''} ${da ? 'uger' : 'weeks'} · ${new Date().toISOString().slice(0, 10)}`));
  // Key figures.
  // The heading names both; the columns and facts say only which side (so that long names
  // keep the print on one page).
  const short = [t(lang, 'baseline'), t(lang, 'scenario')];
  const head = [da ? 'Nøgletal pr. år' : 'Key figure per year', si > 0 ? short[0]! : o.labels[0] ?? '', ...(si > 0 ? [short[1]!, da ? 'Forskel (90 %-konfidensinterval)' : 'Difference (90 % confidence interval)'] : [])];
  const rows: HTMLElement[] = [];
  for (const id of CARD_METRICS) {
    const def = o.defs.find((d) => d.id === id);
    const b = rb?.metrics[id];
    if (!def || !b) continue;
    const cell = (s: { mean: number; p5: number; p95: number } | undefined) => (s ? `${value(lang, def.unit, s.mean)} (${plainV(def.unit, s.p5)}–${plainV(def.unit, s.p95)})` : '–');
    const cells = [cell(b)];
    if (si > 0) {
      const s = rs?.metrics[id];
      const d = cmp?.difference[id];
      cells.push(cell(s));
      if (!d) cells.push('–');
      else {
        const v = verdict(d, n, true);
        const ci = half(def.unit, d);
        cells.push(v === 'indistinct' ? `${da ? 'ikke til at skelne fra 0' : 'not distinguishable from 0'}${ci}` : `${signed(lang, def.unit, d.mean)}${ci}`);
      }
    }
    rows.push(h('tr', {}, h('th', { scope: 'row' }, cardTitle(lang, def, base?.horizonWeeks ?? 52, base?.queues.phone.targetSeconds ?? 120)), ...cells.map((c) => h('td', {}, c))));
  }
  // The wait for an appointment, where a side's counter is by appointment (a side without
  // one says so; no difference is made up).
  const LEAD = ['appointments.meanLeadDays', 'appointments.p90LeadDays'];
  const sides = [rb, ...(si > 0 ? [rs] : [])];
  if (sides.some((r) => r?.metrics[LEAD[0]!])) {
    for (const id of LEAD) {
      const def = o.defs.find((d) => d.id === id);
      if (!def) continue;
      const cell = (r: Results | null) => {
        const s = r?.metrics[id];
        return s ? `${value(lang, def.unit, s.mean)} (${plainV(def.unit, s.p5)}–${plainV(def.unit, s.p95)})` : da ? 'ingen tidsbestilling' : 'no appointments';
      };
      const cells = [cell(rb)];
      if (si > 0) {
        cells.push(cell(rs));
        const d = cmp?.difference[id];
        if (!d) cells.push(da ? 'ingen forskel at vise' : 'no difference to show');
        else {
          const v = verdict(d, n, true);
          const ci = half(def.unit, d);
          cells.push(v === 'indistinct' ? `${da ? 'ikke til at skelne fra 0' : 'not distinguishable from 0'}${ci}` : `${signed(lang, def.unit, d.mean)}${ci}`);
        }
      }
      const name = id === LEAD[0] ? `${t(lang, 'leadTitle')}${da ? ', gennemsnit' : ', mean'}` : id === LEAD[1] ? `${t(lang, 'leadTitle')}, P90` : lang === 'da' ? def.da : def.en;
      rows.push(h('tr', { 'data-id': id }, h('th', { scope: 'row' }, name), ...cells.map((c) => h('td', {}, c))));
    }
  }
  // The card's sentence, under the table (in its caption, to keep the page).
  const w5 = (si > 0 ? rs : rb)?.metrics['appointments.withinFiveWorkdays'];
  const w5Text = w5 ? h('span', { 'data-print': 'appointments' }, ` ${si > 0 ? short[1] : o.labels[0] ?? ''}: ${withinFiveSentence(lang, w5)}`) : null;
  el.append(h('table', { class: 'ks-ptable' },
    h('caption', {}, da ? 'Gennemsnit over de simulerede år; i parentes 5.–95. percentil (9 ud af 10 år), for forskellen ± dens 90 %-konfidensinterval.' : 'Mean over the simulated years; in brackets the 5th–95th percentile (9 years in 10), for the difference ± its 90 % confidence interval.', w5Text),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, ...rows)));
  // Two charts.
  el.append(h('div', { class: 'ks-pcharts' }, ...o.charts.slice(0, 2).map((c) => h('figure', {}, h('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`, alt: c.title }), h('figcaption', {}, c.title)))));
  // Assumptions and sources of what is compared.
  const who = scen ?? base;
  if (who) {
    const facts: [string, string][] = [];
    for (const [label, s] of [[scen ? short[0]! : o.labels[0] ?? '', base], ...(scen ? [[short[1]!, scen]] : [])] as [string, Scenario][]) {
      // By appointment: the form and the slots in one line (the walk-in hours only where walk-ins are served).
      const mode = s.appointments?.mode ?? 'walkIn';
      if (mode !== 'appointment') facts.push([`${label}: ${da ? (mode === 'both' ? 'skranke uden tid' : 'skranke') : mode === 'both' ? 'counter, walk-in' : 'counter'}`, weekWords(lang, s.openingHours.personal)]);
      if (mode !== 'walkIn') {
        const [form, slots] = appointmentFacts(lang, s);
        facts.push([`${label}: ${da ? 'skranke' : 'counter'}`, `${form?.[1] ?? ''}; ${slots?.[1] ?? ''}`]);
      }
      facts.push([`${label}: ${da ? 'telefon' : 'phone'}`, weekWords(lang, s.openingHours.phone)]);
      facts.push([`${label}: ${da ? 'digital selvbetjening' : 'digital self-service'}`, `${Math.round(s.digital.adoption.low * 100)}–${Math.round(s.digital.adoption.high * 100)} %, ${da ? 'mest sandsynligt' : 'most likely'} ${Math.round(s.digital.adoption.likely * 100)} % ${da ? 'af de egnede ærinder' : 'of eligible errands'}`]);
    }
    el.append(h('h2', {}, t(lang, 'sources')));
    el.append(h('div', { class: 'ks-pfacts' }, ...facts.map(([k, v]) => h('p', {}, h('strong', {}, `${k}: `), v))));
    // Every source and assumption, each by its first sentence (the full text is in the
    // «Antagelser og kilder» sheet), so that the print stays one page.
    el.append(h('p', { class: 'ks-pnote' }, da ? 'Hver kilde og antagelse ved sin første sætning; den fulde tekst står i arket «Antagelser og kilder».' : 'Each source and assumption by its first sentence; the full text is in the «Assumptions and sources» sheet.'));
    el.append(h('ul', { class: 'ks-pnotes' }, ...(who.sources ?? []).map((nt) => h('li', { 'data-topic': plainPath(lang, nt.topic) }, h('strong', {}, `${t(lang, nt.kind)} (${plainPath(lang, nt.topic)}): `), firstSentence(plainMessage(lang, da ? nt.da : nt.en))))));
  }
  return el;
}

/** The first sentence of a note (at most about 140 characters, cut at a word). */
export function firstSentence(s: string): string {
  const m = /^(.+?[.!?])(\s+[A-ZÆØÅ0-9(]|$)/.exec(s);
  let out = m ? m[1]! : s;
  if (out.length > 140) out = `${out.slice(0, 140).replace(/\s+\S*$/, '')} …`;
  return out;
}
