// Results: progress, key-figure cards in plain words, and charts, each with a text summary,
// a data table and PNG/SVG export.
import * as echarts from 'echarts/core';
import { deferredWork } from '../busy';
import { BarChart, LineChart, HeatmapChart, CustomChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Comparison, CounterMode, MetricDef, Results, Summary } from '../generated/types';
import type { Lang } from '../state';
import { h, append, clear, download, newId } from '../dom';
import { t } from '../i18n';
import { value, signed, num, tidy } from '../format';
import { verdict, meanInterval } from '../uncertainty';
import { targetWords } from '../words';
import { differenceSentence, withinFiveSentence } from './results-text';
export { differenceSentence, withinFiveSentence };
import type { ChartSpec, Table } from '../charts';
import { framedSvg, type FrameMeta } from '../export';

echarts.use([BarChart, LineChart, HeatmapChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, SVGRenderer]);

export const CHART_IDS = ['cards', 'contacts', 'heatmap', 'weekly', 'leadtime', 'cost', 'gaveup', 'sensitivity'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** The key figures on the cards, in order: both cost views side by side. */
export const CARD_METRICS = [
  'contacts.personalAndPhone.information',
  'contacts.digital',
  'phone.serviceLevel',
  'personal.meanWaitMin',
  'gaveUp',
  'staff.hours',
  'cost.unit.total',
  'cost.staff.total',
];

/** What each cost view means, in one sentence. */
export function costSentence(lang: Lang, id: string): string | null {
  if (id === 'cost.unit.total') {
    return lang === 'da'
      ? 'Kanalpriser (KL-metoden): antal henvendelser gange en fast pris pr. henvendelse i hver kanal. Svarer på: hvad koster henvendelserne efter KL’s benchmark? Ikke hvad der udbetales i løn.'
      : 'Unit prices (the KL method): the number of contacts times a fixed price per contact in each channel. Answers: what do the contacts cost by KL’s benchmark? Not what is paid in wages.';
  }
  if (id === 'cost.staff.total') {
    return lang === 'da'
      ? 'Lønomkostning: de bemandede timer i skranke og telefon (med overarbejde) gange timelønnen plus tiden til skriftlige sager. Svarer på: hvad koster bemandingsplanen? Den ændres kun, når bemandingen eller sagstiden ændres.'
      : 'Staff cost: the staffed hours at the counter and the phone (with overtime) times the hourly cost, plus the time for written cases. Answers: what does the staffing plan cost? It changes only when staffing or case time changes.';
  }
  return null;
}

/** A card title: the metric in plain words, "pr. år" for yearly totals. */
export function cardTitle(lang: Lang, def: MetricDef, weeks: number, targetSec: number): string {
  let label = lang === 'da' ? def.da : def.en;
  if (def.id === 'phone.serviceLevel') label = lang === 'da' ? `Opkald ${targetWords(lang, targetSec)}` : `Calls ${targetWords(lang, targetSec)}`;
  if (def.id === 'cost.unit.total') label = lang === 'da' ? 'Omkostning efter KL’s kanalpriser' : 'Cost at KL’s unit prices';
  if (def.id === 'cost.staff.total') label = lang === 'da' ? 'Lønomkostning' : 'Staff cost';
  label = label.replace(/\s*\((pr\. år|per year)\)$/, '');
  const yearly = def.unit === 'count' || def.unit === 'dkk' || def.unit === 'hours' || def.unit === 'fte';
  if (!yearly) return label;
  if (weeks === 52 || weeks === 0) return `${label} ${lang === 'da' ? 'pr. år' : 'per year'}`;
  return `${label} ${lang === 'da' ? `over ${num(lang, weeks)} uger` : `over ${num(lang, weeks)} weeks`}`;
}

export interface CardsInput {
  lang: Lang;
  defs: MetricDef[];
  base: Results | null;
  scen: Results | null;
  /** The paired differences of scen against base (from the same update). */
  diff: Comparison['difference'] | null;
  /** A scenario is compared (its figures are large; null results: still being computed). */
  compared: boolean;
  scenLabel: string;
  variant: number;
  targetSec: number;
  weeks: number;
  /** How each side's counter receives citizens (the appointment card shows only where one is
   *  by appointment; omitted: read from the results). */
  modes?: { base: CounterMode; scen: CounterMode };
  /** The selected scenario's prices (KL unit prices, the assumed cost of an errand given up). */
  prices?: { personal: { information: number; transaction: number }; phone: { information: number; transaction: number }; written: { information: number; transaction: number }; lostErrand?: number };
}

const completeOf = (r: Results | null) => !!r && r.replications >= r.replicationsRequested;

/**
 * The key-figure cards. While a run is going, every figure is marked preliminary; the
 * scenario and the baseline are shown over the same simulated years (so the difference is
 * what the two figures say); a difference is shown once its sign is known, and at the end
 * always — as "ikke til at skelne fra 0" when its confidence interval covers 0.
 */
export function renderCards(o: CardsInput): HTMLElement {
  const { lang, base, scen, diff } = o;
  const list = h('ul', { class: `ks-cards ks-cv${o.compared ? o.variant : 0}`, 'data-chart': 'cards' });
  const nb = base?.replications ?? 0;
  const ns = scen?.replications ?? 0;
  const n = Math.min(nb, ns);
  const complete = completeOf(base) && completeOf(scen);
  const prelim = h('span', { class: 'ks-prelim' }, lang === 'da' ? 'foreløbig' : 'preliminary');
  for (const id of CARD_METRICS) {
    const def = o.defs.find((d) => d.id === id);
    if (!def) continue;
    const label = cardTitle(lang, def, o.weeks, o.targetSec);
    const b = base?.metrics[id];
    const s = scen?.metrics[id];
    const d = diff?.[id];
    const li = h('li', { class: 'ks-card', 'data-metric': id });
    li.append(h('h3', {}, label));
    const cs = costSentence(lang, id);
    if (cs) li.append(h('p', { class: 'ks-cardhelp' }, cs));
    // Beside a saving: the errands it loses, so fewer contacts from lost service cannot read
    // as success (appended after the figures below).
    const lost = cs && o.compared ? lostLine(lang, diff, n, complete) : null;
    if (o.compared) {
      // Over the same simulated years: the side with more years is shown over the common ones.
      let sv = s?.mean;
      let bv = b?.mean;
      if (s && b && d && nb !== ns) {
        if (nb > ns) bv = s.mean - d.mean;
        else sv = b.mean + d.mean;
      }
      const pre = !complete ? prelim.cloneNode(true) : null;
      li.classList.toggle('ks-isprelim', !complete);
      if (s && b) {
        append(li, [
          h('p', { class: 'ks-big' }, h('span', { 'data-value': 'scenario' }, value(lang, def.unit, sv)), pre ? ' ' : null, pre, h('span', { class: 'ks-sr' }, ` ${lang === 'da' ? 'i' : 'in'} ${o.scenLabel}`)),
          h('p', { class: 'ks-muted' }, `${t(lang, 'baseline')}: `, h('span', { 'data-value': 'baseline' }, value(lang, def.unit, bv))),
        ]);
        li.append(diffLine(lang, label, def.unit, d, n, complete));
      } else {
        // The scenario has no figures yet: never the baseline's in its place.
        li.append(
          h('p', { class: 'ks-big ks-pending', 'data-value': 'pending' }, lang === 'da' ? 'beregnes …' : 'computing …'),
          h('p', { class: 'ks-muted' }, `${t(lang, 'baseline')}: `, b ? h('span', { 'data-value': 'baseline' }, value(lang, def.unit, b.mean)) : lang === 'da' ? 'beregnes …' : 'computing …', b && !completeOf(base) ? ` (${lang === 'da' ? 'foreløbig' : 'preliminary'})` : ''),
        );
      }
    } else if (b) {
      const pre = !completeOf(base) ? prelim.cloneNode(true) : null;
      li.append(
        h('p', { class: 'ks-big' }, h('span', { 'data-value': 'baseline' }, value(lang, def.unit, b.mean)), pre ? ' ' : null, pre),
        h('p', { class: 'ks-muted' }, tidy(`${lang === 'da' ? 'I 9 ud af 10 simulerede år mellem' : 'In 9 out of 10 simulated years between'} ${value(lang, def.unit, b.p5)} ${lang === 'da' ? 'og' : 'and'} ${value(lang, def.unit, b.p95)}.`)),
      );
    } else {
      li.append(h('p', { class: 'ks-big ks-pending', 'data-value': 'pending' }, lang === 'da' ? 'beregnes …' : 'computing …'));
    }
    if (lost) li.append(lost);
    if (id === 'personal.meanWaitMin') {
      const note = counterNote(o);
      if (note) li.append(note);
    }
    if (id === 'cost.staff.total') {
      const note = deskCostNote(o);
      if (note) li.append(note);
    }
    list.append(li);
    // The wait for an appointment, beside the counter's own figures.
    if (id === 'personal.meanWaitMin') {
      const card = appointmentCard(o);
      if (card) list.append(card);
    }
  }
  if (o.prices) {
    const wrap = h('div', { class: 'ks-cardsbox' }, list, costDetail(lang, o.compared ? scen : base, o.prices, o.compared ? o.scenLabel : ''));
    return wrap;
  }
  return list;
}

const LEAD = 'appointments.meanLeadDays';
/** The booked-visit figures shown with the wait for an appointment. */
export const APPOINTMENT_FIGURES = ['appointments.shareBooked', 'appointments.noShows', 'appointments.slotUtilisation', 'appointments.bookingCalls', 'appointments.lost'];

function sideModes(o: CardsInput): { base: boolean; scen: boolean } {
  const has = (r: Results | null) => !!r?.metrics[LEAD];
  return {
    base: o.modes ? o.modes.base !== 'walkIn' : has(o.base),
    scen: o.compared && (o.modes ? o.modes.scen !== 'walkIn' : has(o.scen)),
  };
}

/** On the counter's card: a side by appointment only has no walk-in queue (its 0 minutes are
 *  not a shorter wait: the wait is for a slot). */
function counterNote(o: CardsInput): HTMLElement | null {
  const da = o.lang === 'da';
  const only = (m: CounterMode | undefined) => m === 'appointment';
  const who = o.compared && only(o.modes?.scen) ? `«${o.scenLabel}»` : only(o.modes?.base) ? (da ? 'Basis' : 'The baseline') : '';
  if (!who) return null;
  return h('p', { class: 'ks-note', 'data-note': 'counter-by-appointment' }, da
    ? `${who} har ingen kø uden tid: skranken tager kun imod bestilte tider, så ventetiden er på en tid (se «${t(o.lang, 'leadTitle')}»).`
    : `${who} has no walk-in queue: the counter serves booked visits only, so the wait is for a slot (see «${t(o.lang, 'leadTitle')}»).`);
}

/** On the staff-cost card: the booked desks' part of it (already inside the counter's staff
 *  cost, never added on top). */
function deskCostNote(o: CardsInput): HTMLElement | null {
  const da = o.lang === 'da';
  const r = o.compared && sideModes(o).scen ? o.scen : sideModes(o).base ? o.base : null;
  const c = r?.metrics['appointments.staffCost'];
  const hrs = r?.metrics['appointments.staffHours'];
  if (!c) return null;
  const who = !o.compared || r === o.scen ? '' : da ? ' (basis)' : ' (baseline)';
  return h('p', { class: 'ks-note', 'data-value': 'appt-staff-cost' }, da
    ? `Heraf skranker med tidsbestilling${who}: ${value(o.lang, 'dkk', c.mean)} (${value(o.lang, 'hours', hrs?.mean)}). Det er en del af skrankens lønomkostning, ikke lagt oveni.`
    : `Of which desks for booked visits${who}: ${value(o.lang, 'dkk', c.mean)} (${value(o.lang, 'hours', hrs?.mean)}). It is part of the counter’s staff cost, not added on top.`);
}

/**
 * The card "Ventetid på en tid": the mean calendar days from the request to the slot, its P90
 * and the 90 % confidence interval of the mean, a plain sentence about the share within 5
 * workdays, and the booked-visit figures. Only where a side's counter is by appointment; when
 * the other side is walk-in there is no difference to show (none is invented).
 */
function appointmentCard(o: CardsInput): HTMLElement | null {
  const { lang, base, scen, diff } = o;
  const da = lang === 'da';
  const on = sideModes(o);
  if (!on.base && !on.scen) return null;
  const label = t(lang, 'leadTitle');
  const li = h('li', { class: 'ks-card ks-apptcard', 'data-metric': LEAD });
  li.append(h('h3', {}, label), h('p', { class: 'ks-cardhelp' }, da ? 'Kalenderdage fra borgeren beder om en tid, til tiden er (gennemsnit af de bestilte tider).' : 'Calendar days from the request to the slot (mean of the booked slots).'));
  const nb = base?.replications ?? 0;
  const ns = scen?.replications ?? 0;
  const both = o.compared && on.base && on.scen;
  const n = o.compared ? Math.min(nb, ns) : nb;
  const complete = completeOf(base) && (!o.compared || completeOf(scen));
  const main = o.compared ? scen : base;
  const mainOn = o.compared ? on.scen : on.base;
  const pending = () => h('span', { class: 'ks-pending' }, da ? 'beregnes …' : 'computing …');
  const days = (x: number | undefined) => value(lang, 'days', x);
  const b = base?.metrics[LEAD];
  if (!mainOn) {
    // Compared: the baseline is by appointment, the scenario is not.
    li.append(
      h('p', { class: 'ks-big', 'data-value': 'none' }, t(lang, 'noAppointments')),
      h('p', { class: 'ks-muted' }, `${t(lang, 'baseline')}: `, b ? h('span', { 'data-value': 'baseline' }, days(b.mean)) : pending()),
      h('p', { class: 'ks-diff', 'data-verdict': 'none' }, h('strong', {}, da ? 'Ingen forskel at vise' : 'No difference to show'), h('span', { class: 'ks-diffwords' }, da ? `: «${o.scenLabel}» har ingen tidsbestilling.` : `: «${o.scenLabel}» has no appointments.`)),
    );
  } else {
    const m = main?.metrics[LEAD];
    if (!m) li.append(h('p', { class: 'ks-big ks-pending', 'data-value': 'pending' }, da ? 'beregnes …' : 'computing …'));
    else {
      const d = both ? diff?.[LEAD] : undefined;
      // Over the same simulated years as the baseline, as the other cards.
      let sv = m.mean;
      let bv = b?.mean;
      if (both && b && d && nb !== ns) {
        if (nb > ns) bv = m.mean - d.mean;
        else sv = b.mean + d.mean;
      }
      const pre = !complete ? h('span', { class: 'ks-prelim' }, da ? 'foreløbig' : 'preliminary') : null;
      li.classList.toggle('ks-isprelim', !complete);
      li.append(h('p', { class: 'ks-big' }, h('span', { 'data-value': o.compared ? 'scenario' : 'baseline' }, days(sv)), pre ? ' ' : null, pre, o.compared ? h('span', { class: 'ks-sr' }, ` ${da ? 'i' : 'in'} ${o.scenLabel}`) : null));
      const p90 = main?.metrics['appointments.p90LeadDays'];
      const ci = (o.compared ? ns : nb) >= 2 ? meanInterval(m) : null;
      li.append(h('p', { class: 'ks-muted', 'data-value': 'p90' }, da
        ? `9 ud af 10 får en tid inden for ${days(p90?.mean)} (P90, gennemsnit over de simulerede år).`
        : `9 in 10 get a slot within ${days(p90?.mean)} (P90, mean over the simulated years).`));
      if (ci) li.append(h('p', { class: 'ks-muted ks-ci', 'data-value': 'ci90' }, da ? `90 %-konfidensinterval for gennemsnittet: ${days(ci.lo)} – ${days(ci.hi)}.` : `90 % confidence interval of the mean: ${days(ci.lo)} – ${days(ci.hi)}.`));
      const w5 = main?.metrics['appointments.withinFiveWorkdays'];
      if (w5) li.append(h('p', { class: 'ks-apptline', 'data-appt-sentence': '' }, h('strong', {}, withinFiveSentence(lang, w5)), pre ? ` (${da ? 'foreløbig' : 'preliminary'})` : null));
      if (o.compared) {
        li.append(h('p', { class: 'ks-muted' }, `${t(lang, 'baseline')}: `, on.base ? (b ? h('span', { 'data-value': 'baseline' }, days(bv)) : pending()) : h('span', { 'data-value': 'baseline-none' }, t(lang, 'noAppointments'))));
        li.append(on.base
          ? diffLine(lang, label, 'days', d, n, complete)
          : h('p', { class: 'ks-diff', 'data-verdict': 'none' }, h('strong', {}, da ? 'Ingen forskel at vise' : 'No difference to show'), h('span', { class: 'ks-diffwords' }, da ? ': basis har ingen tidsbestilling, så der er ingen ventetid på en tid at sammenligne med.' : ': the baseline has no appointments, so there is no wait for a slot to compare with.')));
      }
    }
  }
  li.append(appointmentFigures(o, on, both, n, complete));
  return li;
}

/** The booked-visit figures (share booked, no-shows, slots used, bookings by phone, errands
 *  lost for want of a slot) of the side(s) by appointment, as a small table. */
function appointmentFigures(o: CardsInput, on: { base: boolean; scen: boolean }, both: boolean, n: number, complete: boolean): HTMLElement {
  const { lang } = o;
  const da = lang === 'da';
  const cols: { r: Results | null; label: string }[] = [];
  if (o.compared && on.scen) cols.push({ r: o.scen, label: t(lang, 'scenario') });
  if (on.base) cols.push({ r: o.base, label: t(lang, 'baseline') });
  const head = [da ? 'Bestilte besøg' : 'Booked visits', ...cols.map((c) => c.label), ...(both ? [t(lang, 'difference')] : [])];
  const rows = APPOINTMENT_FIGURES.map((id) => {
    const def = o.defs.find((x) => x.id === id);
    const unit = def?.unit ?? 'count';
    const name = def ? cardTitle(lang, def, o.weeks, o.targetSec) : id;
    const cells = cols.map((c) => {
      const s = c.r?.metrics[id];
      return s ? value(lang, unit, s.mean) : c.r ? DASH_TEXT : da ? 'beregnes …' : 'computing …';
    });
    if (both) {
      const d = o.diff?.[id];
      const v = d ? verdict(d, n, complete) : 'wait';
      cells.push(!d || v === 'wait' ? (da ? 'beregnes …' : 'computing …') : v === 'indistinct' ? (da ? 'ikke til at skelne fra 0' : 'not distinguishable from 0') : signed(lang, unit, d.mean));
    }
    return h('tr', { 'data-id': id }, h('th', { scope: 'row' }, name), ...cells.map((c) => h('td', {}, c)));
  });
  return h('table', { class: 'ks-data ks-appttable', 'data-table': 'appointments' },
    h('caption', {}, da ? 'Tidsbestilling i tal (gennemsnit over de simulerede år)' : 'Appointments in figures (mean over the simulated years)', o.compared && on.scen ? h('span', { class: 'ks-sr' }, ` – ${t(lang, 'scenario').toLowerCase()}: ${o.scenLabel}`) : null),
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows));
}

const DASH_TEXT = '–';

/** On a cost card of a compared scenario: the errands it loses and what they cost (at the
 *  assumed price each), with the same rule for when a difference is said. */
function lostLine(lang: Lang, diff: Comparison['difference'] | null, n: number, complete: boolean): HTMLElement | null {
  const g = diff?.['gaveUp'];
  const c = diff?.['cost.lostErrands'];
  if (!g) return null;
  const v = verdict(g, n, complete);
  const da = lang === 'da';
  if (v === 'wait') return h('p', { class: 'ks-lost ks-muted', 'data-lost': 'wait' }, da ? 'Opgivne ærinder: forskel beregnes …' : 'Errands given up: difference computing …');
  if (v === 'indistinct' || v === 'zero') return h('p', { class: 'ks-lost', 'data-lost': v }, da ? 'Opgivne ærinder: ingen forskel at skelne fra 0.' : 'Errands given up: no difference distinguishable from 0.');
  const more = g.mean > 0;
  return h('p', { class: `ks-lost${more ? ' ks-lostmore' : ''}`, 'data-lost': v },
    h('strong', {}, da ? `Samtidig ${more ? 'opgives' : 'opgives færre:'} ${signed(lang, 'count', g.mean)} ærinder pr. år` : `Meanwhile ${signed(lang, 'count', g.mean)} errands ${more ? 'are given up' : 'given up'} per year`),
    c ? ` (${da ? 'kostet ' : 'costing '}${signed(lang, 'dkk', c.mean)}${da ? ' ved den antagne pris pr. opgivet ærinde' : ' at the assumed price per errand given up'})` : '',
    more ? (da ? ' – færre henvendelser herfra er tabt service, ikke en besparelse.' : ' – fewer contacts from this are lost service, not a saving.') : '.');
}

/** Cost per contact by staff time beside the KL unit price, and the cost of lost errands. */
function costDetail(lang: Lang, r: Results | null, prices: NonNullable<CardsInput['prices']>, label: string): HTMLElement {
  const da = lang === 'da';
  const chs = ['personal', 'phone', 'written'] as const;
  const m = (id: string) => r?.metrics[id];
  const table = h('table', { class: 'ks-data ks-costper', 'data-table': 'cost-per-contact' },
    h('caption', {}, da ? `Pris pr. henvendelse: KL’s kanalpris og lønomkostning${label ? ` («${label}»)` : ''}` : `Price per contact: KL’s unit price and staff cost${label ? ` («${label}»)` : ''}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, da ? 'Kanal' : 'Channel'), h('th', { scope: 'col' }, da ? 'KL-pris, information / transaktion' : 'KL price, information / transaction'), h('th', { scope: 'col' }, da ? 'Lønomkostning pr. henvendelse (gennemsnit, 5.–95. percentil)' : 'Staff cost per contact (mean, 5th–95th percentile)'))),
    h('tbody', {}, ...chs.map((ch) => {
      const s = m(`cost.staffPerContact.${ch}`);
      return h('tr', { 'data-id': ch }, h('th', { scope: 'row' }, t(lang, ch)), h('td', {}, `${value(lang, 'dkk', prices[ch].information)} / ${value(lang, 'dkk', prices[ch].transaction)}`), h('td', {}, s ? `${value(lang, 'dkk', s.mean)} (${value(lang, 'dkk', s.p5)}–${value(lang, 'dkk', s.p95)})` : da ? 'beregnes …' : 'computing …'));
    })));
  const lost = m('cost.lostErrands');
  const lostP = h('p', { class: 'ks-note', 'data-value': 'lost-errands-cost' }, da
    ? `Opgivne ærinder koster ${lost ? value(lang, 'dkk', lost.mean) : 'beregnes …'} pr. år ved en antaget pris på ${value(lang, 'dkk', prices.lostErrand ?? 0)} pr. stk. (antagelse; kan ændres under Priser). Tallet står ved siden af begge omkostninger, ikke inde i dem.`
    : `Errands given up cost ${lost ? value(lang, 'dkk', lost.mean) : 'computing …'} per year at an assumed ${value(lang, 'dkk', prices.lostErrand ?? 0)} each (assumption; editable under Prices). It is shown beside both costs, not inside them.`);
  const which = h('p', { class: 'ks-note' }, da
    ? 'Hvilken visning svarer på hvad: kanalpriserne siger, hvad henvendelserne koster efter KL’s benchmark (til sammenligning med andre kommuner); lønomkostningen siger, hvad bemandingsplanen koster (det, budgettet mærker). Lønomkostningen pr. henvendelse er lønomkostningen delt på kanalens henvendelser.'
    : 'Which view answers what: the unit prices say what the contacts cost by KL’s benchmark (to compare with other municipalities); the staff cost says what the staffing plan costs (what the budget feels). Staff cost per contact is the staff cost divided by the channel’s contacts.');
  const desks = m('appointments.staffCost');
  const deskP = desks
    ? h('p', { class: 'ks-note', 'data-value': 'appt-desk-cost' }, da
      ? `Skranker med tidsbestilling: ${value(lang, 'hours', m('appointments.staffHours')?.mean)} og ${value(lang, 'dkk', desks.mean)} om året. De indgår i skrankens lønomkostning ovenfor (de er skrankens medarbejdere) og er ikke lagt oveni.`
      : `Desks for booked visits: ${value(lang, 'hours', m('appointments.staffHours')?.mean)} and ${value(lang, 'dkk', desks.mean)} a year. They are included in the counter’s staff cost above (they are the counter’s staff) and not added on top.`)
    : null;
  return h('div', { class: 'ks-costdetail' }, table, deskP, lostP, which);
}

/** The difference line of a card (see `verdict`). */
function diffLine(lang: Lang, label: string, unit: MetricDef['unit'], d: Summary | undefined, n: number, complete: boolean): HTMLElement {
  if (!d) return h('p', { class: 'ks-diff ks-muted', 'data-verdict': 'wait' }, lang === 'da' ? 'Forskel: beregnes …' : 'Difference: computing …');
  const v = verdict(d, n, complete);
  const ci = n >= 2 ? meanInterval(d) : null;
  const ciText = ci ? (lang === 'da' ? `90 %-konfidensinterval for forskellen: ${signed(lang, unit, ci.lo)} til ${signed(lang, unit, ci.hi)}` : `90 % confidence interval of the difference: ${signed(lang, unit, ci.lo)} to ${signed(lang, unit, ci.hi)}`) : '';
  if (v === 'wait') {
    return h('p', { class: 'ks-diff ks-muted', 'data-verdict': 'wait' }, lang === 'da'
      ? `Forskel: vises, når det er sikkert, om den er positiv eller negativ (${num(lang, n)} ${n === 1 ? 'simuleret' : 'simulerede'} år indtil nu).`
      : `Difference: shown once it is clear whether it is up or down (${num(lang, n)} simulated ${n === 1 ? 'year' : 'years'} so far).`);
  }
  if (v === 'indistinct') {
    return h('p', { class: 'ks-diff', 'data-verdict': 'indistinct' },
      h('strong', {}, lang === 'da' ? 'Forskel: ikke til at skelne fra 0' : 'Difference: not distinguishable from 0'),
      ' (', h('span', { 'data-value': 'difference' }, signed(lang, unit, d.mean)), tidy(`; ${ciText}).`));
  }
  const sentence = complete ? differenceSentence(lang, label, unit, d) : (lang === 'da' ? `Foreløbig, efter ${num(lang, n)} ${n === 1 ? 'simuleret' : 'simulerede'} år; ${ciText}.` : `Preliminary, after ${num(lang, n)} simulated ${n === 1 ? 'year' : 'years'}; ${ciText}.`);
  return h('p', { class: 'ks-diff', 'data-verdict': v }, h('strong', { 'data-value': 'difference' }, signed(lang, unit, d.mean)), h('span', { class: 'ks-diffwords' }, ` · ${tidy(sentence)}`), complete && ci && v !== 'zero' ? h('span', { class: 'ks-ci' }, tidy(` ${ciText}.`)) : null);
}

export function renderTable(tb: Table): HTMLTableElement {
  const table = h('table', { class: 'ks-data' }, h('caption', {}, tb.caption));
  table.append(h('thead', {}, h('tr', {}, ...tb.head.map((c) => h('th', { scope: 'col' }, c)))));
  table.append(h('tbody', {}, ...tb.rows.map((r, j) => h('tr', { 'data-id': tb.rowIds?.[j] }, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
  return table;
}

/** Below this chart width (pixels) the legend is stacked and wrapped. */
const NARROW = 520;

/** One chart with its title, optional controls, summary, table and export buttons. */
/** Charts waiting for a frame to be drawn in, in the order they were asked for. */
const drawQueue = new Set<ChartBlock>();
let frameAsked = false;

function later(b: ChartBlock): void {
  drawQueue.add(b);
  if (frameAsked) return;
  frameAsked = true;
  requestAnimationFrame(drawOne);
}

/** One chart per frame: each drawing is a long task (tens of milliseconds), and between them the
 *  page answers input and the workers' outputs. */
function drawOne(): void {
  frameAsked = false;
  const next = drawQueue.values().next();
  if (next.done) return;
  const t0 = performance.now();
  next.value.draw();
  deferredWork.ms += performance.now() - t0;
  if (drawQueue.size > 0) {
    frameAsked = true;
    requestAnimationFrame(drawOne);
  }
}

/** Charts on or near the screen. A streamed update draws only these; the others are drawn
 *  when they come into view, or at once for the final figures, an export or a print. */
const onScreen = new WeakSet<ChartBlock>();
const blockOf = new WeakMap<Element, ChartBlock>();
let viewport: IntersectionObserver | null = null;

function watch(el: Element, b: ChartBlock): void {
  if (typeof IntersectionObserver !== 'function') {
    onScreen.add(b);
    return;
  }
  viewport ??= new IntersectionObserver((entries) => {
    for (const e of entries) {
      const blk = blockOf.get(e.target);
      if (!blk) continue;
      if (e.isIntersecting) {
        onScreen.add(blk);
        blk.drawIfBehind();
      } else onScreen.delete(blk);
    }
  }, { rootMargin: '200px 0px' });
  blockOf.set(el, b);
  viewport.observe(el);
}

export class ChartBlock {
  readonly el: HTMLElement;
  private chartEl: HTMLElement;
  private summaryEl: HTMLElement;
  private tableWrap: HTMLElement;
  private chart: echarts.ECharts | null = null;
  private controlsEl: HTMLElement;
  private titleEl: HTMLElement;
  private resize: ResizeObserver | null = null;
  private lastSpec: ChartSpec | null = null;
  private shape = '';
  private labels = { table: '', png: '', svg: '' };
  private pngBtn: HTMLButtonElement;
  private svgBtn: HTMLButtonElement;
  private detailsSummary: HTMLElement;
  private details: HTMLDetailsElement;
  private tableFor: ChartSpec | null = null;
  private narrow = false;
  private narrowChanged = false;
  /** The spec last drawn (null: none, or to be drawn again). */
  private drawn: ChartSpec | null = null;
  /** Off screen, it has figures its drawing lacks (drawn when it comes into view). */
  private behind = false;

  /**
   * @param fill the chart fills the height its box gives it (embedded in a slide) rather than
   *   its own height.
   * @param meta what an export says around the chart (title, unit, scenarios, source, seed).
   */
  constructor(readonly id: string, private fileName: () => string, private fill = false, private meta?: (title: string) => FrameMeta) {
    const tid = newId('ct');
    const sid = newId('cs');
    this.titleEl = h('h3', { id: tid });
    this.controlsEl = h('div', { class: 'ks-controls' });
    this.chartEl = h('div', { class: 'ks-chart', role: 'img', 'aria-labelledby': tid, 'aria-describedby': sid });
    this.summaryEl = h('p', { id: sid, class: 'ks-summary', 'data-summary': id });
    // A scroll region that keyboard users can focus (and scroll with the arrow keys).
    this.tableWrap = h('div', { class: 'ks-scroll', tabindex: 0, role: 'region' });
    this.detailsSummary = h('summary', {});
    const details = h('details', { class: 'ks-tabledetails', 'data-k': `table-${id}` }, this.detailsSummary, this.tableWrap);
    this.details = details;
    // The table is built when it is shown (and kept current while open).
    details.addEventListener('toggle', () => this.renderTableIfOpen());
    this.pngBtn = h('button', { type: 'button', class: 'ks-btn ks-small', 'data-action': `png-${id}` });
    this.svgBtn = h('button', { type: 'button', class: 'ks-btn ks-small', 'data-action': `svg-${id}` });
    this.pngBtn.addEventListener('click', () => void this.exportPng());
    this.svgBtn.addEventListener('click', () => this.exportSvg());
    this.el = h('figure', { class: 'ks-figure', 'data-chart': id, 'aria-labelledby': tid }, this.titleEl, this.controlsEl, this.chartEl, h('figcaption', {}, this.summaryEl), h('div', { class: 'ks-figfoot' }, details, h('div', { class: 'ks-exports' }, this.pngBtn, this.svgBtn)));
    watch(this.chartEl, this);
  }

  setTexts(lang: Lang, title: string): void {
    this.titleEl.textContent = title;
    this.detailsSummary.textContent = this.fill ? (lang === 'da' ? 'Tabel' : 'Table') : t(lang, 'table');
    // In a slide the buttons say only PNG and SVG (their accessible names stay whole).
    this.pngBtn.textContent = this.fill ? 'PNG' : `${t(lang, 'downloadPng')}`;
    this.svgBtn.textContent = this.fill ? 'SVG' : `${t(lang, 'downloadSvg')}`;
    this.pngBtn.setAttribute('aria-label', `${t(lang, 'downloadPng')}: ${title}`);
    this.svgBtn.setAttribute('aria-label', `${t(lang, 'downloadSvg')}: ${title}`);
    this.labels = { table: t(lang, 'table'), png: t(lang, 'downloadPng'), svg: t(lang, 'downloadSvg') };
  }

  controls(): HTMLElement {
    return this.controlsEl;
  }

  /**
   * Show `spec`: the title, text summary and table at once; the drawing `now`, `later` (in a
   * coming animation frame, one chart per frame, so streamed figures reach the cards first and
   * the page stays responsive) or, with nothing to draw yet, `skip` (an undrawn chart stays
   * empty; a drawn one is drawn later). Exports and the final results draw at once.
   */
  update(spec: ChartSpec, when: 'now' | 'later' | 'skip' = 'now'): void {
    this.lastSpec = spec;
    this.summaryEl.textContent = tidy(spec.summary);
    this.renderTableIfOpen();
    if (when === 'skip' && !this.chart) {
      drawQueue.delete(this);
      this.behind = false;
      // The box keeps the height the chart will have, so nothing moves when it is drawn.
      if (!this.fill && spec.height) this.chartEl.style.height = `${spec.height}px`;
      return;
    }
    if (when === 'now') this.draw();
    else if (onScreen.has(this)) later(this);
    else {
      drawQueue.delete(this);
      this.behind = true;
    }
  }

  /** Come into view with figures newer than its drawing: draw them in a coming frame. */
  drawIfBehind(): void {
    if (this.behind && this.lastSpec && this.drawn !== this.lastSpec) later(this);
  }

  /** Draw the last spec (if it is not drawn yet). */
  draw(): void {
    drawQueue.delete(this);
    this.behind = false;
    const spec = this.lastSpec;
    if (!spec || this.drawn === spec) return;
    const w = this.chart?.getWidth() ?? this.chartEl.clientWidth;
    const h0 = w > 0 && w < NARROW && spec.narrow?.height ? spec.narrow.height : spec.height;
    const height = h0 && !this.fill ? `${h0}px` : '';
    if (this.chartEl.style.height !== height) {
      this.chartEl.style.height = height;
      this.chart?.resize();
    }
    if (!this.chart && this.chartEl.isConnected) {
      this.chart = echarts.init(this.chartEl, null, { renderer: 'svg' });
      this.resize = new ResizeObserver(() => {
        this.chart?.resize();
        // Crossing the narrow width: the legend is laid out again.
        if (this.chart && this.lastSpec && (this.fill || (this.chart.getWidth() < NARROW) !== this.narrow)) {
          this.drawn = null;
          this.draw();
        }
      });
      this.resize.observe(this.chartEl);
    }
    if (!this.chart) return;
    const shape = JSON.stringify((spec.option.series as { name?: string; type?: string }[]).map((x) => [x.type, x.name]));
    this.chart.setOption(this.fit(spec) as echarts.EChartsCoreOption, { notMerge: shape !== this.shape || this.narrowChanged, lazyUpdate: false });
    this.narrowChanged = false;
    this.shape = shape;
    this.drawn = spec;
  }

  /**
   * In a narrow chart (a phone) long legend entries are wrapped to the width, and the plot
   * starts below however many lines the legend then takes.
   */
  private fit(spec: ChartSpec): Record<string, unknown> {
    const w = this.chart?.getWidth() ?? 0;
    const narrow = w > 0 && w < NARROW;
    if (narrow !== this.narrow) this.narrowChanged = true;
    this.narrow = narrow;
    let option = narrow && spec.narrow ? { ...spec.option, ...spec.narrow.option } : spec.option;
    // A short chart (filling a slide): fewer value-axis ticks, so their labels never overlap.
    const hgt = this.chart?.getHeight() ?? 0;
    if (this.fill && hgt > 0 && hgt < 260 && option.yAxis && !Array.isArray(option.yAxis) && (option.yAxis as { type?: string }).type === 'value') {
      option = { ...option, yAxis: { ...(option.yAxis as Record<string, unknown>), splitNumber: hgt < 180 ? 2 : 3 } };
    }
    const legend = option.legend as { textStyle?: Record<string, unknown>; data?: string[] } | undefined;
    if (this.fill && legend) {
      // In a slide: the legend on one line (paged when it is longer), the plot right below it.
      const grid = option.grid as Record<string, unknown> | undefined;
      return { ...option, legend: { ...legend, type: 'scroll', orient: 'horizontal', left: 0, right: 0, itemGap: 8, textStyle: { ...legend.textStyle, fontSize: 11 } }, grid: { ...grid, top: 26 } };
    }
    if (!narrow || !legend) return option;
    const series = (option.series as { name?: string }[]).map((x) => x.name ?? '');
    const names = legend.data ?? series;
    const textW = Math.max(120, w - 70);
    const lines = names.reduce((a, n) => a + Math.max(1, Math.ceil((n.length * 7) / textW)), 0);
    const grid = option.grid as Record<string, unknown> | undefined;
    return {
      ...option,
      legend: { ...legend, orient: 'vertical', left: 0, textStyle: { ...legend.textStyle, width: textW, overflow: 'break', lineHeight: 15 } },
      grid: { ...grid, top: 12 + 18 * lines + 6 * names.length },
    };
  }

  private renderTableIfOpen(): void {
    const spec = this.lastSpec;
    if (!this.details.open || !spec || this.tableFor === spec) return;
    this.tableFor = spec;
    this.tableWrap.setAttribute('aria-label', spec.table.caption);
    clear(this.tableWrap);
    this.tableWrap.append(renderTable(spec.table));
  }

  svgString(): string {
    this.draw();
    return this.chart ? this.chart.renderToSVGString() : '';
  }

  get title(): string {
    return this.titleEl.textContent ?? '';
  }

  get width(): number {
    return this.chart?.getWidth() ?? 0;
  }

  get height(): number {
    return this.chart?.getHeight() ?? 0;
  }

  /** The chart framed for a slide or a paper: a white background, title, unit, scenarios,
   *  source, version and seed (see export.ts). */
  private framed(): { svg: string; width: number; height: number } | null {
    const svg = this.svgString();
    if (!svg || !this.chart) return null;
    if (!this.meta) return { svg, width: this.width, height: this.height };
    return framedSvg(svg, this.width, this.height, this.meta(this.title));
  }

  exportSvg(): void {
    const f = this.framed();
    if (f) download(`${this.fileName()}-${this.id}.svg`, new Blob([f.svg], { type: 'image/svg+xml' }));
  }

  async exportPng(): Promise<void> {
    const f = this.framed();
    if (!f) return;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(f.svg)}`;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = f.width * scale;
    canvas.height = f.height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
    if (blob) download(`${this.fileName()}-${this.id}.png`, blob);
  }

  dispose(): void {
    drawQueue.delete(this);
    this.resize?.disconnect();
    this.chart?.dispose();
    this.chart = null;
  }

  get spec(): ChartSpec | null {
    return this.lastSpec;
  }
}
