// The levers: opening hours (week grid), digital adoption, staffing, assumptions, prices and
// simulation settings. Views read the state and dispatch actions; they hold no state.
import type { Issue, Range, Scenario } from '../generated/types';
import * as S from '../state';
import { plainPath } from '../words';
import { h, newId } from '../dom';
import { t, dayName } from '../i18n';
import { num } from '../format';

export type Dispatch = (f: (s: S.AppState) => S.AppState) => void;
export const LEVER_IDS = ['hours', 'adoption', 'staffing', 'assumptions', 'prices', 'simulation'] as const;
export type LeverId = (typeof LEVER_IDS)[number];

const pct = (x: number) => Math.round(x * 1000) / 10;

function section(id: string, title: string, body: (Node | null)[], open = true, help?: string): HTMLElement {
  const hid = newId('h');
  const d = h('details', { class: 'ks-lever', 'data-lever': id, 'data-k': `lever-${id}`, open: open || undefined });
  d.append(h('summary', {}, h('h3', { id: hid, class: 'ks-inline' }, title)));
  if (help) d.append(h('p', { class: 'ks-help' }, help));
  d.append(...body.filter((x): x is Node => !!x));
  return d;
}

/** What the levers may ask of the page besides edits: a note (e.g. "already closed") and a
 *  preview run while a slider is being dragged (not kept, not undoable). */
export interface LeverCtx {
  note(da: string, en: string): void;
  preview(f: (s: S.AppState) => S.AppState): void;
}

const hh = (hr: number) => String(hr).padStart(2, '0');

/**
 * An hour grid (7 days × 24 hours) per queue channel. Mouse: click an hour, or drag across
 * hours to paint them all open or all closed (one edit, one run); click a day to switch the
 * whole day, a time to switch that hour on every day. Keyboard: one Tab stop; arrow keys move
 * over hours, times (row above) and days (column left); Space or Enter switches.
 */
function hoursGrid(st: S.AppState, dispatch: Dispatch, ch: S.QueueCh): HTMLElement {
  const { lang } = st;
  const s = S.selectedScenario(st);
  const label = `${t(lang, 'hours')}: ${t(lang, ch)}`;
  const table = h('table', { class: 'ks-grid', role: 'grid', 'aria-label': label, 'data-grid': ch });
  const head = h('tr', {}, h('td', { class: 'ks-corner', role: 'presentation' }));
  for (let hr = 0; hr < 24; hr++) {
    const anyOpen = DAYS7.some((d) => S.isHourOpen(s, ch, d, hr));
    head.append(h('th', {
      scope: 'col', class: 'ks-hr', tabindex: -1, 'data-hour': hr, 'data-day': -1, 'data-k': `gridh-${ch}-${hr}`,
      'aria-label': lang === 'da' ? `kl. ${hh(hr)}–${hh(hr + 1)}: ${anyOpen ? 'luk denne time alle dage' : 'åbn denne time'}` : `${hh(hr)}–${hh(hr + 1)}: ${anyOpen ? 'close this hour on every day' : 'open this hour'}`,
    }, hh(hr)));
  }
  table.append(h('thead', {}, head));
  const body = h('tbody');
  for (let d = 0; d < 7; d++) {
    const dayOpen = Array.from({ length: 24 }, (_, hr) => hr).some((hr) => S.isHourOpen(s, ch, d, hr));
    const tr = h('tr', {}, h('th', {
      scope: 'row', class: 'ks-day', tabindex: -1, 'data-day': d, 'data-hour': -1, 'data-k': `gridd-${ch}-${d}`,
      'aria-label': `${dayName(lang, d)}: ${dayOpen ? (lang === 'da' ? 'luk hele dagen' : 'close the whole day') : (lang === 'da' ? 'åbn dagen' : 'open the day')}`,
    }, dayName(lang, d, true)));
    for (let hr = 0; hr < 24; hr++) {
      const open = S.isHourOpen(s, ch, d, hr);
      const cell = h('td', {
        role: 'gridcell',
        class: open ? 'ks-open' : 'ks-closed',
        'aria-selected': open ? 'true' : 'false',
        'aria-label': `${dayName(lang, d)} ${hh(hr)}–${hh(hr + 1)}: ${t(lang, open ? 'open' : 'closed')}`,
        tabindex: d === 0 && hr === 9 ? 0 : -1,
        'data-k': `grid-${ch}-${d}-${hr}`,
        'data-day': d,
        'data-hour': hr,
      });
      cell.textContent = open ? '●' : '';
      tr.append(cell);
    }
    body.append(tr);
  }
  table.append(body);
  const activate = (el: HTMLElement) => {
    const d = Number(el.dataset.day);
    const hr = Number(el.dataset.hour);
    if (d < 0 && hr >= 0) dispatch((x) => S.toggleHour(x, ch, hr));
    else if (hr < 0 && d >= 0) dispatch((x) => S.toggleDay(x, ch, d));
    else dispatch((x) => S.setHourOpen(x, ch, d, hr, !S.isHourOpen(S.selectedScenario(x), ch, d, hr)));
  };
  // Painting: the first cell decides open or closed; cells are marked as the pointer passes
  // and the edit is made once, when the button is released.
  let paint: { open: boolean; cells: Map<string, [number, number]> } | null = null;
  const cellAt = (x: number, y: number): HTMLElement | null => {
    // Inside the element's shadow root, the document would only name the host.
    const where = table.getRootNode() as Document | ShadowRoot;
    const el = (typeof where.elementFromPoint === 'function' ? where : document).elementFromPoint(x, y);
    const td = el instanceof HTMLElement ? el.closest('td[data-hour]') : null;
    return td instanceof HTMLElement && table.contains(td) ? td : null;
  };
  const mark = (td: HTMLElement) => {
    if (!paint) return;
    const d = Number(td.dataset.day);
    const hr = Number(td.dataset.hour);
    const key = `${d}-${hr}`;
    if (paint.cells.has(key)) return;
    paint.cells.set(key, [d, hr]);
    td.classList.toggle('ks-open', paint.open);
    td.classList.toggle('ks-closed', !paint.open);
    td.classList.add('ks-painting');
    td.textContent = paint.open ? '●' : '';
  };
  table.addEventListener('pointerdown', (e) => {
    const th = (e.target as HTMLElement).closest('th[data-k]');
    if (th instanceof HTMLElement) {
      e.preventDefault();
      th.focus();
      activate(th);
      return;
    }
    const td = (e.target as HTMLElement).closest('td[data-hour]');
    if (!(td instanceof HTMLElement) || e.button !== 0) return;
    e.preventDefault();
    if (td.hasPointerCapture(e.pointerId)) td.releasePointerCapture(e.pointerId);
    td.focus();
    paint = { open: !S.isHourOpen(S.selectedScenario(st), ch, Number(td.dataset.day), Number(td.dataset.hour)), cells: new Map() };
    mark(td);
    const move = (ev: PointerEvent) => {
      const c = cellAt(ev.clientX, ev.clientY);
      if (c) mark(c);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      const p = paint;
      paint = null;
      if (p && p.cells.size) dispatch((x) => S.paintHours(x, ch, [...p.cells.values()], p.open));
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  });
  table.addEventListener('keydown', (e) => {
    const cell = (e.target as HTMLElement).closest('td[data-hour], th[data-hour]');
    if (!(cell instanceof HTMLElement)) return;
    let d = Number(cell.dataset.day);
    let hr = Number(cell.dataset.hour);
    switch (e.key) {
      case 'ArrowRight': hr = Math.min(23, hr + 1); break;
      case 'ArrowLeft': hr = Math.max(d < 0 ? 0 : -1, hr - 1); break;
      case 'ArrowDown': d = Math.min(6, d + 1); break;
      case 'ArrowUp': d = Math.max(hr < 0 ? 0 : -1, d - 1); break;
      case 'Home': hr = d < 0 ? 0 : -1; break;
      case 'End': hr = 23; break;
      case ' ':
      case 'Enter':
        e.preventDefault();
        activate(cell);
        return;
      default:
        return;
    }
    e.preventDefault();
    const next = table.querySelector<HTMLElement>(`[data-day="${d}"][data-hour="${hr}"]`);
    if (next) {
      table.querySelectorAll<HTMLElement>('[tabindex="0"]').forEach((x) => { x.tabIndex = -1; });
      next.tabIndex = 0;
      next.focus();
    }
  });
  return h('div', { class: 'ks-gridwrap' }, h('h4', {}, t(lang, ch)), table);
}

const DAYS7 = [0, 1, 2, 3, 4, 5, 6];

function numberInput(opts: { label: string; value: number; min?: number; max?: number; step?: number; k: string; onChange: (v: number) => void; cls?: string }): HTMLElement {
  const id = newId('in');
  const input = h('input', { id, type: 'number', value: String(opts.value), min: opts.min, max: opts.max, step: opts.step ?? 'any', 'data-k': opts.k, inputmode: 'decimal' });
  input.addEventListener('change', () => {
    const v = input.valueAsNumber;
    if (Number.isFinite(v)) opts.onChange(v);
  });
  return h('span', { class: `ks-field ${opts.cls ?? ''}` }, h('label', { for: id }, opts.label), input);
}

/** A range editor in percent: a slider for the likely value plus low/high numbers. */
function rangeEditor(lang: S.Lang, label: string, r: Range, k: string, onChange: (r: Range) => void, onPreview?: (r: Range) => void): HTMLElement {
  const id = newId('rng');
  const out = h('output', { for: id, class: 'ks-out' }, `${num(lang, pct(r.likely), 1)} %`);
  const slider = h('input', { id, type: 'range', min: 0, max: 100, step: 1, value: String(Math.round(r.likely * 100)), 'data-k': `${k}-likely`, 'aria-valuetext': `${num(lang, pct(r.likely), 1)} %` });
  slider.addEventListener('input', () => {
    out.textContent = `${num(lang, slider.valueAsNumber, 1)} %`;
    slider.setAttribute('aria-valuetext', out.textContent);
    // While dragged: a quick preview run; on release ("change") the edit is made and run in full.
    onPreview?.(S.withLikely(r, slider.valueAsNumber / 100));
  });
  slider.addEventListener('change', () => onChange(S.withLikely(r, slider.valueAsNumber / 100)));
  return h(
    'div',
    { class: 'ks-range', 'data-range': k },
    h('label', { for: id, class: 'ks-range-label' }, label),
    slider,
    out,
    h('div', { class: 'ks-lowhigh' },
      numberInput({ label: `${t(lang, 'low')} %`, value: pct(r.low), min: 0, max: 100, step: 1, k: `${k}-low`, onChange: (v) => onChange(S.setRange(r, 'low', v / 100)), cls: 'ks-small' }),
      numberInput({ label: `${t(lang, 'high')} %`, value: pct(r.high), min: 0, max: 100, step: 1, k: `${k}-high`, onChange: (v) => onChange(S.setRange(r, 'high', v / 100)), cls: 'ks-small' }),
    ),
  );
}

function hoursSection(st: S.AppState, dispatch: Dispatch, ctx?: LeverCtx): HTMLElement {
  const { lang } = st;
  const name = (x: S.AppState) => S.selectedScenario(x).title;
  const quick = h(
    'div',
    { class: 'ks-quick' },
    button(t(lang, 'closeWed'), 'close-wed', () => {
      if (S.isDayClosed(S.selectedScenario(st), ['personal', 'phone'], 2)) ctx?.note(`Onsdag er allerede lukket for skranke og telefon i «${name(st)}» – intet er ændret.`, `Wednesday is already closed for counter and phone in «${S.selectedScenario(st).titleEn || name(st)}» – nothing was changed.`);
      else dispatch((x) => S.closeDay(x, ['personal', 'phone'], 2));
    }),
    button(t(lang, 'phone913'), 'phone-9-13', () => {
      if (S.phone9to13(st) === st) ctx?.note(`Telefonen har allerede åbent kl. 9–13 i «${name(st)}» – intet er ændret.`, `The phone is already open 9–13 in «${S.selectedScenario(st).titleEn || name(st)}» – nothing was changed.`);
      else dispatch((x) => S.phone9to13(x));
    }),
  );
  return section('hours', t(lang, 'hours'), [quick, hoursGrid(st, dispatch, 'personal'), hoursGrid(st, dispatch, 'phone')], true, t(lang, 'hoursHelp'));
}

export function button(label: string, action: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = h('button', { type: 'button', class: `ks-btn ${cls}`, 'data-action': action, 'data-k': `btn-${action}` }, label);
  b.addEventListener('click', onClick);
  return b;
}

function adoptionSection(st: S.AppState, dispatch: Dispatch, ctx?: LeverCtx): HTMLElement {
  const { lang } = st;
  const s = S.selectedScenario(st);
  const overall = rangeEditor(lang, t(lang, 'overall'), s.digital.adoption, 'adoption', (r) => dispatch((x) => S.setAdoption(x, r)), ctx ? (r) => ctx.preview((x) => S.setAdoption(x, r)) : undefined);
  const rows = s.demand.errandTypes.map((et) => {
    const own = !!et.adoption;
    const cb = h('input', { type: 'checkbox', id: newId('cb'), checked: own || undefined, 'data-k': `own-${et.id}` });
    cb.addEventListener('change', () => dispatch((x) => S.setTypeAdoption(x, et.id, cb.checked ? { ...S.selectedScenario(x).digital.adoption } : undefined)));
    const name = lang === 'da' ? et.name : et.nameEn || et.name;
    return h(
      'div',
      { class: 'ks-type' },
      h('div', { class: 'ks-type-head' }, h('strong', {}, name), ` (${t(lang, 'eligible')} ${num(lang, pct(et.digitalEligible), 0)} %) `, h('label', { for: cb.id }, cb, ` ${t(lang, 'ownValue')}`)),
      own && et.adoption ? rangeEditor(lang, name, et.adoption, `adoption-${et.id}`, (r) => dispatch((x) => S.setTypeAdoption(x, et.id, r)), ctx ? (r) => ctx.preview((x) => S.setTypeAdoption(x, et.id, r)) : undefined) : null,
    );
  });
  const byType = h('details', { class: 'ks-sub', 'data-k': 'sub-bytype' }, h('summary', {}, t(lang, 'byType')), ...rows);
  // What the lever means for all errands (the engine's digital.adoptionOfAllErrands of the
  // selected scenario's latest run, preview included): filled in by the element.
  const all = h('p', { class: 'ks-note', 'data-live-share': '', 'aria-live': 'polite' }, lang === 'da' ? 'Andel af alle ærinder: beregnes …' : 'Share of all errands: computing …');
  const ownTypes = s.demand.errandTypes.filter((e) => e.adoption).length;
  const moves = ownTypes
    ? h('p', { class: 'ks-note' }, lang === 'da' ? `Skyderen flytter også de ${ownTypes} ærindetyper med egen værdi med det samme antal procentpoint.` : `The slider also moves the ${ownTypes} errand types with their own value by the same number of points.`)
    : null;
  return section('adoption', t(lang, 'adoption'), [overall, all, moves, byType].filter((x): x is HTMLElement => !!x), true, t(lang, 'adoptionHelp'));
}

function staffingSection(st: S.AppState, dispatch: Dispatch): HTMLElement {
  const { lang } = st;
  const s = S.selectedScenario(st);
  const tables = S.QUEUE_CHANNELS.map((ch) => {
    const hours = Array.from({ length: 24 }, (_, hr) => hr).filter((hr) => Array.from({ length: 7 }, (_, d) => d).some((d) => S.isHourOpen(s, ch, d, hr)));
    if (hours.length === 0) return h('p', {}, `${t(lang, ch)}: ${t(lang, 'closed')}`);
    const table = h('table', { class: 'ks-staff' }, h('caption', {}, `${t(lang, 'staffing')}: ${t(lang, ch)}`));
    table.append(h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(lang, 'day')), ...hours.map((hr) => h('th', { scope: 'col' }, String(hr).padStart(2, '0'))))));
    const body = h('tbody');
    for (let d = 0; d < 7; d++) {
      if (!hours.some((hr) => S.isHourOpen(s, ch, d, hr))) continue;
      const tr = h('tr', {}, h('th', { scope: 'row' }, dayName(lang, d, true)));
      for (const hr of hours) {
        if (!S.isHourOpen(s, ch, d, hr)) {
          tr.append(h('td', { class: 'ks-closed' }));
          continue;
        }
        const v = s.queues[ch].staffing[d]?.[hr] ?? 0;
        const input = h('input', { type: 'number', min: 0, max: 999, step: 1, value: String(v), 'aria-label': `${t(lang, ch)}, ${dayName(lang, d)} ${String(hr).padStart(2, '0')}`, 'data-k': `staff-${ch}-${d}-${hr}` });
        input.addEventListener('change', () => dispatch((x) => S.setStaff(x, ch, d, hr, input.valueAsNumber)));
        tr.append(h('td', {}, input));
      }
      body.append(tr);
    }
    table.append(body);
    return h('div', { class: 'ks-scroll' }, table);
  });
  return section('staffing', t(lang, 'staffing'), tables, false, t(lang, 'staffingHelp'));
}

function sourceFor(s: Scenario, lang: S.Lang, topic: string): HTMLElement {
  const notes = (s.sources ?? []).filter((n) => n.topic === topic || n.topic.startsWith(`${topic}.`) || topic.startsWith(`${n.topic}.`));
  if (notes.length === 0) return h('p', { class: 'ks-note ks-assumption' }, `${t(lang, 'assumption')}.`);
  return h('div', {}, ...notes.map((n) => h('p', { class: `ks-note ks-${n.kind}` }, h('strong', {}, `${t(lang, n.kind)}: `), lang === 'da' ? n.da : n.en)));
}

function assumptionsSection(st: S.AppState, dispatch: Dispatch): HTMLElement {
  const { lang } = st;
  const s = S.selectedScenario(st);
  const parts: HTMLElement[] = [];
  for (const ch of S.QUEUE_CHANNELS) {
    const d = s.whenClosed[ch];
    const fields = S.DISPLACEMENT_KEYS.map((k) =>
      numberInput({ label: `${t(lang, k)} (%)`, value: pct(d[k].likely), min: 0, max: 100, step: 1, k: `wc-${ch}-${k}`, onChange: (v) => dispatch((x) => S.setDisplacement(x, ch, k, v / 100)) }),
    );
    parts.push(h('fieldset', {}, h('legend', {}, `${t(lang, 'whenClosed')}: ${t(lang, ch)}`), ...fields, sourceFor(s, lang, 'whenClosed')));
  }
  // When those who come back do so (whenClosed.comeBack.laterOpening), and the rule for a
  // channel that is closed for good or a switch when the other channel is closed.
  const lo = s.whenClosed.comeBack.laterOpening;
  parts.push(h('fieldset', { 'data-k': 'comeback' }, h('legend', {}, lang === 'da' ? 'Hvornår de, der kommer igen, kommer' : 'When those who come back do so'),
    h('p', { class: 'ks-help' }, lang === 'da'
      ? 'De kommer ved en åbning af samme kanal, på et tidspunkt trukket efter, hvornår borgerne gerne vil henvende sig (ikke alle ved åbningen). Med denne sandsynlighed venter de til en senere åbning (igen ved hver åbning, højst fire gange):'
      : 'They come at an opening of the same channel, at a time drawn from when citizens want to make contact (not all at the opening). With this probability they wait for a later opening (again at each opening, at most four times):'),
    ...(['low', 'likely', 'high'] as const).map((part) => numberInput({ label: `${t(lang, part)} (%)`, value: pct(lo[part]), min: 0, max: 100, step: 1, k: `comeback-${part}`, onChange: (v) => dispatch((x) => S.setLaterOpening(x, part, v / 100)), cls: 'ks-small' })),
    sourceFor(s, lang, 'whenClosed.comeBack'),
    h('p', { class: 'ks-note', 'data-k': 'never-open-rule' }, lang === 'da'
      ? 'Skifter borgeren kanal, går ærindet til en anden kanal i ærindetypens fordeling, der er åben nu (den anden kø-kanal eller skriftligt); er ingen åben, kommer borgeren igen, når den anden kø-kanal åbner – åbner den aldrig, går ærindet digitalt, hvis det kan, ellers opgives det. En kanal, der aldrig åbner (fx en skranke lukket for altid), kan man ikke komme igen til: de, der ville komme igen, skifter efter samme regel, så ingen bliver til et brev i stilhed.'
      : 'A citizen who switches goes to another channel of the errand type\'s mix that is open now (the other queue channel or writing); if none is, they come back when the other queue channel opens – if it never opens, the errand goes digital if it can, else it is given up. A channel that never opens (e.g. a counter closed for good) cannot be come back to: those who would come back switch by the same rule, so nobody silently becomes a letter.')));
  for (const ch of S.QUEUE_CHANNELS) {
    const p = s.queues[ch].patience;
    if (!p || p.kind === 'empirical') continue;
    parts.push(
      h('fieldset', {}, h('legend', {}, `${t(lang, 'patience')}: ${t(lang, ch)}`),
        numberInput({ label: t(lang, 'patience'), value: p.meanMin, min: 0.1, step: 0.5, k: `pat-${ch}`, onChange: (v) => dispatch((x) => S.setPatienceMean(x, ch, v)) }),
        sourceFor(s, lang, `queues.${ch}.patience`)),
    );
  }
  const all = h('details', { class: 'ks-sub', 'data-k': 'sub-sources' }, h('summary', {}, t(lang, 'sources')), h('ul', {}, ...(s.sources ?? []).map((n) => h('li', {}, h('strong', {}, `${t(lang, n.kind)} (${plainPath(lang, n.topic)}): `), lang === 'da' ? n.da : n.en))));
  parts.push(all);
  return section('assumptions', t(lang, 'assumptions'), parts, false);
}

function pricesSection(st: S.AppState, dispatch: Dispatch): HTMLElement {
  const { lang } = st;
  const s = S.selectedScenario(st);
  const chs: S.PriceCh[] = ['personal', 'phone', 'written', 'digital'];
  const table = h('table', { class: 'ks-prices' }, h('caption', {}, `${t(lang, 'prices')} (${lang === 'da' ? 'kr.' : 'DKK'})`));
  table.append(h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(lang, 'channel')), h('th', { scope: 'col' }, t(lang, 'information')), h('th', { scope: 'col' }, t(lang, 'transaction')))));
  const body = h('tbody');
  for (const ch of chs) {
    const cell = (kind: 'information' | 'transaction') => {
      const input = h('input', { type: 'number', min: 0, step: 1, value: String(s.costs[ch][kind]), 'aria-label': `${t(lang, ch)}, ${t(lang, kind)}`, 'data-k': `price-${ch}-${kind}` });
      input.addEventListener('change', () => dispatch((x) => S.setPrice(x, ch, kind, input.valueAsNumber)));
      return h('td', {}, input);
    };
    body.append(h('tr', {}, h('th', { scope: 'row' }, t(lang, ch)), cell('information'), cell('transaction')));
  }
  table.append(body);
  return section('prices', t(lang, 'prices'), [
    table,
    numberInput({ label: t(lang, 'staffCost'), value: s.costs.staffHourlyCost, min: 0, step: 10, k: 'staffcost', onChange: (v) => dispatch((x) => S.setStaffCost(x, v)) }),
    numberInput({ label: lang === 'da' ? 'Pris pr. opgivet ærinde (kr., antagelse)' : 'Cost per errand given up (DKK, assumption)', value: s.costs.lostErrand ?? 0, min: 0, step: 10, k: 'lost-errand', onChange: (v) => dispatch((x) => S.setLostErrandCost(x, v)) }),
    h('p', { class: 'ks-note ks-assumption' }, lang === 'da' ? 'Antagelse: et opgivet ærinde kommer igen som klage, gentagen henvendelse eller værre. Vises som «Omkostning ved opgivne ærinder» ved siden af begge omkostninger, ikke inde i dem.' : 'Assumption: an errand given up comes back as a complaint, a repeat contact or worse. Shown as «Cost of errands given up» beside both costs, not inside them.'),
    sourceFor(s, lang, 'costs'),
  ], false);
}

function simulationSection(st: S.AppState, dispatch: Dispatch): HTMLElement {
  const { lang } = st;
  const sim = st.baseline.simulation;
  return section('simulation', t(lang, 'simulation'), [
    numberInput({ label: t(lang, 'seed'), value: sim.seed, min: 0, step: 1, k: 'seed', onChange: (v) => dispatch((x) => S.setSimulation(x, v, x.baseline.simulation.replications)) }),
    numberInput({ label: t(lang, 'replications'), value: sim.replications, min: 1, max: 10000, step: 1, k: 'reps', onChange: (v) => dispatch((x) => S.setSimulation(x, x.baseline.simulation.seed, v)) }),
  ], false);
}

export function renderLevers(st: S.AppState, dispatch: Dispatch, only?: Set<string>, ctx?: LeverCtx): HTMLElement[] {
  const all: [LeverId, () => HTMLElement][] = [
    ['hours', () => hoursSection(st, dispatch, ctx)],
    ['adoption', () => adoptionSection(st, dispatch, ctx)],
    ['staffing', () => staffingSection(st, dispatch)],
    ['assumptions', () => assumptionsSection(st, dispatch)],
    ['prices', () => pricesSection(st, dispatch)],
    ['simulation', () => simulationSection(st, dispatch)],
  ];
  return all.filter(([id]) => !only || only.has(id)).map(([, f]) => f());
}

/** The lever that edits the field at `path` (a path inside one scenario), if the page has one. */
export function leverOf(path: string): LeverId | null {
  if (path.startsWith('openingHours')) return 'hours';
  if (path.startsWith('digital')) return 'adoption';
  if (/^queues\.\w+\.staffing/.test(path)) return 'staffing';
  if (path.startsWith('whenClosed') || /^queues\.\w+\.(patience|redial)/.test(path)) return 'assumptions';
  if (path.startsWith('costs')) return 'prices';
  if (path.startsWith('simulation')) return 'simulation';
  return null;
}

/** The input that edits the field at `path`, as its `data-k`, where there is one. */
function inputOf(path: string): string | null {
  const staff = /^queues\.(personal|phone)\.staffing\[(\d+)\]\[(\d+)\]/.exec(path);
  if (staff) return `staff-${staff[1]}-${staff[2]}-${staff[3]}`;
  const price = /^costs\.(\w+)\.(information|transaction)$/.exec(path);
  if (price) return `price-${price[1]}-${price[2]}`;
  if (path === 'costs.staffHourlyCost') return 'staffcost';
  const patience = /^queues\.(personal|phone)\.patience\.(meanMin|sdMin)$/.exec(path);
  if (patience) return `pat-${patience[1]}`;
  return null;
}

/** Show the problems of the selected scenario where they can be fixed: each in the lever that
 *  edits its field (opened), in Danish and English, and the input itself marked invalid. */
export function markProblems(levers: HTMLElement, lang: S.Lang, issues: Issue[]): void {
  const bySection = new Map<LeverId, Issue[]>();
  for (const is of issues) {
    const lever = leverOf(is.path);
    if (!lever) continue;
    bySection.set(lever, [...(bySection.get(lever) ?? []), is]);
  }
  for (const [lever, list] of bySection) {
    const d = levers.querySelector<HTMLDetailsElement>(`details[data-lever="${lever}"]`);
    if (!d) continue;
    const id = newId('prob');
    const box = h(
      'div',
      { class: 'ks-leverproblem', id, 'data-problems': lever },
      h('p', {}, h('strong', {}, t(lang, 'fixHere'))),
      h('ul', {}, ...list.slice(0, 12).map((is) => h('li', {}, lang === 'da' ? is.da : is.en, h('span', { lang: lang === 'da' ? 'en' : 'da', class: 'ks-en' }, ` / ${lang === 'da' ? is.en : is.da}`)))),
    );
    d.querySelector(':scope > summary')?.after(box);
    d.open = true;
    for (const is of list) {
      const k = inputOf(is.path);
      const input = k ? d.querySelector<HTMLInputElement>(`[data-k="${k}"]`) : null;
      if (!input) continue;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', id);
      input.classList.add('ks-invalid');
    }
  }
}
