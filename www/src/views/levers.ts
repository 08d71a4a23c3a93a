// The levers: opening hours (week grid), digital adoption, staffing, assumptions, prices and
// simulation settings. Views read the state and dispatch actions; they hold no state.
import type { Issue, Range, Scenario, SourceNote } from '../generated/types';
import * as S from '../state';
import { plainPath, plainMessage } from '../words';
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
  /** Switch the selected variant's counter to walk-in, appointments or both (the engine's
   *  `withCounterMode`, keeping the staff hours). Without it the choice is not offered. */
  counterMode?(mode: S.CounterMode): void;
  /** The source notes of the appointment settings Kanalsim proposes (those of the preset
   *  with the counter by appointment), for a scenario that has none of its own. */
  apptNotes?: { notes: SourceNote[]; preset: Scenario | null };
}

const hh = (hr: number) => String(hr).padStart(2, '0');

/** What one hour grid shows and edits: a queue channel's opening hours, or the desks of the
 *  counter by appointment (each open hour showing its slots). */
interface GridSpec {
  /** `data-grid` of the table and the prefix of its cells' `data-k` (personal, phone, desks). */
  id: string;
  title: string;
  on(s: Scenario, d: number, hr: number): boolean;
  /** What an open cell shows (● for an opening hour, the slots for desks). */
  text(s: Scenario, d: number, hr: number): string;
  /** A cell's state in words, for its accessible name. */
  words(s: Scenario, d: number, hr: number): string;
  /** "luk" / "åbn" phrases of the headers: [close this hour everywhere, open this hour, close the day, open the day]. */
  verbs: [string, string, string, string];
  toggleHour(x: S.AppState, hr: number): S.AppState;
  toggleDay(x: S.AppState, d: number): S.AppState;
  set(x: S.AppState, d: number, hr: number, on: boolean): S.AppState;
  paint(x: S.AppState, cells: [number, number][], on: boolean): S.AppState;
  /** + and − on a cell (desks only). */
  adjust?(x: S.AppState, d: number, hr: number, delta: number): S.AppState;
  cls?: string;
}

function channelGrid(lang: S.Lang, ch: S.QueueCh, title = t(lang, ch)): GridSpec {
  const da = lang === 'da';
  return {
    id: ch,
    title,
    on: (s, d, hr) => S.isHourOpen(s, ch, d, hr),
    text: (s, d, hr) => (S.isHourOpen(s, ch, d, hr) ? '●' : ''),
    words: (s, d, hr) => t(lang, S.isHourOpen(s, ch, d, hr) ? 'open' : 'closed'),
    verbs: da ? ['luk denne time alle dage', 'åbn denne time', 'luk hele dagen', 'åbn dagen'] : ['close this hour on every day', 'open this hour', 'close the whole day', 'open the day'],
    toggleHour: (x, hr) => S.toggleHour(x, ch, hr),
    toggleDay: (x, d) => S.toggleDay(x, ch, d),
    set: (x, d, hr, on) => S.setHourOpen(x, ch, d, hr, on),
    paint: (x, cells, on) => S.paintHours(x, ch, cells, on),
  };
}

function desksGrid(lang: S.Lang): GridSpec {
  const da = lang === 'da';
  const slots = (s: Scenario, d: number, hr: number) => S.slotsPerHour(S.desksAt(s, d, hr), s.appointments?.slotMinutes ?? 0);
  return {
    id: 'desks',
    title: t(lang, 'desksGrid'),
    cls: 'ks-desks',
    on: (s, d, hr) => S.desksAt(s, d, hr) > 0,
    text: (s, d, hr) => (S.desksAt(s, d, hr) > 0 ? String(slots(s, d, hr)) : ''),
    words: (s, d, hr) => {
      const n = S.desksAt(s, d, hr);
      if (n <= 0) return da ? 'ingen tider' : 'no slots';
      const k = slots(s, d, hr);
      return da ? `${num(lang, n)} ${n === 1 ? 'skranke' : 'skranker'}, ${num(lang, k)} ${k === 1 ? 'tid' : 'tider'}` : `${num(lang, n)} ${n === 1 ? 'desk' : 'desks'}, ${num(lang, k)} ${k === 1 ? 'slot' : 'slots'}`;
    },
    verbs: da ? ['fjern tiderne i denne time alle dage', 'giv tider i denne time', 'fjern dagens tider', 'giv tider denne dag'] : ['remove the slots of this hour on every day', 'offer slots in this hour', 'remove the day’s slots', 'offer slots on this day'],
    toggleHour: (x, hr) => S.toggleDeskHour(x, hr),
    toggleDay: (x, d) => S.toggleDeskDay(x, d),
    set: (x, d, hr, on) => S.paintDesks(x, [[d, hr]], on),
    paint: (x, cells, on) => S.paintDesks(x, cells, on),
    adjust: (x, d, hr, delta) => S.setDesks(x, d, hr, S.desksAt(S.selectedScenario(x), d, hr) + delta),
  };
}

/**
 * An hour grid (7 days × 24 hours): a queue channel's opening hours, or the desks of the
 * counter by appointment. Mouse: click an hour, or drag across hours to paint them all open
 * or all closed (one edit, one run); click a day to switch the whole day, a time to switch
 * that hour on every day. Keyboard: one Tab stop; arrow keys move over hours, times (row
 * above) and days (column left); Space or Enter switches; + and − change the desks of an hour.
 */
function hoursGrid(st: S.AppState, dispatch: Dispatch, g: GridSpec, help?: HTMLElement | null): HTMLElement {
  const { lang } = st;
  const s = S.selectedScenario(st);
  const ch = g.id;
  const label = `${t(lang, 'hours')}: ${g.title}`;
  const table = h('table', { class: `ks-grid${g.cls ? ` ${g.cls}` : ''}`, role: 'grid', 'aria-label': label, 'data-grid': ch });
  const head = h('tr', {}, h('td', { class: 'ks-corner', role: 'presentation' }));
  for (let hr = 0; hr < 24; hr++) {
    const anyOpen = DAYS7.some((d) => g.on(s, d, hr));
    head.append(h('th', {
      scope: 'col', class: 'ks-hr', tabindex: -1, 'data-hour': hr, 'data-day': -1, 'data-k': `gridh-${ch}-${hr}`,
      'aria-label': lang === 'da' ? `kl. ${hh(hr)}–${hh(hr + 1)}: ${anyOpen ? g.verbs[0] : g.verbs[1]}` : `${hh(hr)}–${hh(hr + 1)}: ${anyOpen ? g.verbs[0] : g.verbs[1]}`,
    }, hh(hr)));
  }
  table.append(h('thead', {}, head));
  const body = h('tbody');
  for (let d = 0; d < 7; d++) {
    const dayOpen = Array.from({ length: 24 }, (_, hr) => hr).some((hr) => g.on(s, d, hr));
    const tr = h('tr', {}, h('th', {
      scope: 'row', class: 'ks-day', tabindex: -1, 'data-day': d, 'data-hour': -1, 'data-k': `gridd-${ch}-${d}`,
      'aria-label': `${dayName(lang, d)}: ${dayOpen ? g.verbs[2] : g.verbs[3]}`,
    }, dayName(lang, d, true)));
    for (let hr = 0; hr < 24; hr++) {
      const open = g.on(s, d, hr);
      const cell = h('td', {
        role: 'gridcell',
        class: open ? 'ks-open' : 'ks-closed',
        'aria-selected': open ? 'true' : 'false',
        'aria-label': `${dayName(lang, d)} ${hh(hr)}–${hh(hr + 1)}: ${g.words(s, d, hr)}`,
        tabindex: d === 0 && hr === 9 ? 0 : -1,
        'data-k': `grid-${ch}-${d}-${hr}`,
        'data-day': d,
        'data-hour': hr,
      });
      cell.textContent = g.text(s, d, hr);
      tr.append(cell);
    }
    body.append(tr);
  }
  table.append(body);
  const activate = (el: HTMLElement) => {
    const d = Number(el.dataset.day);
    const hr = Number(el.dataset.hour);
    if (d < 0 && hr >= 0) dispatch((x) => g.toggleHour(x, hr));
    else if (hr < 0 && d >= 0) dispatch((x) => g.toggleDay(x, d));
    else dispatch((x) => g.set(x, d, hr, !g.on(S.selectedScenario(x), d, hr)));
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
    paint = { open: !g.on(S.selectedScenario(st), Number(td.dataset.day), Number(td.dataset.hour)), cells: new Map() };
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
      if (p && p.cells.size) dispatch((x) => g.paint(x, [...p.cells.values()], p.open));
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
      case '+':
      case '-':
      case '−':
        if (!g.adjust || d < 0 || hr < 0) return;
        e.preventDefault();
        dispatch((x) => g.adjust!(x, d, hr, e.key === '+' ? 1 : -1));
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
  return h('div', { class: 'ks-gridwrap', 'data-gridwrap': ch }, h('h4', {}, g.title), help ?? null, table);
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

/** The counter's form: walk-in, by appointment only, or both (a radio group; the engine's
 *  `withCounterMode` makes the switch, keeping the staff hours). */
function counterModeGroup(st: S.AppState, ctx?: LeverCtx): HTMLElement | null {
  if (!ctx?.counterMode) return null;
  const { lang } = st;
  const s = S.selectedScenario(st);
  const mode = S.counterMode(s);
  const name = newId('mode');
  const helpId = newId('modehelp');
  const labels: Record<S.CounterMode, string> = { walkIn: t(lang, 'modeWalkIn'), appointment: t(lang, 'modeAppointment'), both: t(lang, 'modeBoth') };
  const opts = S.COUNTER_MODES.map((m) => {
    const id = newId('rb');
    const input = h('input', { type: 'radio', id, name, value: m, checked: m === mode || undefined, 'data-k': `mode-${m}`, 'data-action': `mode-${m}` });
    input.addEventListener('change', () => {
      if (input.checked) ctx.counterMode?.(m);
    });
    return h('span', { class: 'ks-radio' }, input, h('label', { for: id }, labels[m]));
  });
  const words = S.usesAppointments(s) && s.appointments
    ? lang === 'da'
      ? ` I alt ${num(lang, S.slotsPerWeek(s.appointments))} tider om ugen á ${num(lang, s.appointments.slotMinutes)} minutter; de kan bestilles ${num(lang, s.appointments.horizonDays)} dage frem (se «Antagelser»).`
      : ` In all ${num(lang, S.slotsPerWeek(s.appointments))} slots a week of ${num(lang, s.appointments.slotMinutes)} minutes; they can be booked ${num(lang, s.appointments.horizonDays)} days ahead (see «Assumptions»).`
    : '';
  return h('fieldset', { class: 'ks-modes', 'data-k': 'counter-mode', 'aria-describedby': helpId },
    h('legend', {}, lang === 'da' ? 'Skranken: drop-in eller tidsbestilling' : 'The counter: walk-in or by appointment'),
    h('div', { class: 'ks-radios' }, ...opts),
    h('p', { class: 'ks-help', id: helpId, 'data-mode-words': '' }, `${t(lang, 'modeHelp')}${words}`));
}

function hoursSection(st: S.AppState, dispatch: Dispatch, ctx?: LeverCtx): HTMLElement {
  const { lang } = st;
  const da = lang === 'da';
  const sel = S.selectedScenario(st);
  const mode = S.counterMode(sel);
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
  const grids: HTMLElement[] = [];
  if (mode !== 'appointment') grids.push(hoursGrid(st, dispatch, channelGrid(lang, 'personal', mode === 'both' ? t(lang, 'walkInHours') : t(lang, 'personal'))));
  if (mode !== 'walkIn' && sel.appointments) {
    const a = sel.appointments;
    const per = S.slotsPerHour(1, a.slotMinutes);
    const help = h('p', { class: 'ks-help ks-gridhelp' }, da
      ? `Tallet i hver time er antal tider: skranker × 60 / ${num(lang, a.slotMinutes)} min (${per === 1 ? 'én tid' : `${num(lang, per)} tider`} pr. skranke). Klik eller træk for at åbne eller lukke timer for bestilling; med tastaturet ændrer + og − antal skranker i en time (også under «Bemanding pr. time»).${mode === 'appointment' ? ' Skranken tager kun imod borgere med en bestilt tid.' : ''}`
      : `The number in each hour is its slots: desks × 60 / ${num(lang, a.slotMinutes)} min (${per === 1 ? 'one slot' : `${num(lang, per)} slots`} per desk). Click or drag to open or close hours for booking; with the keyboard, + and − change an hour’s desks (also under «Staffing per hour»).${mode === 'appointment' ? ' The counter serves only citizens with a booked slot.' : ''}`);
    const note = sourceFor(sel, lang, 'appointments.desks', ctx?.apptNotes);
    note.classList.add('ks-gridhelp');
    grids.push(hoursGrid(st, dispatch, desksGrid(lang), h('div', {}, help, note)));
  }
  grids.push(hoursGrid(st, dispatch, channelGrid(lang, 'phone')));
  return section('hours', t(lang, 'hours'), [counterModeGroup(st, ctx), quick, ...grids], true, t(lang, 'hoursHelp'));
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
  const da = lang === 'da';
  const s = S.selectedScenario(st);
  const mode = S.counterMode(s);
  const table = (caption: string, hours: number[], days: number[], cell: (d: number, hr: number) => HTMLElement, note?: string) => {
    const tb = h('table', { class: 'ks-staff' }, h('caption', {}, caption, note ? h('span', { class: 'ks-captionnote' }, ` ${note}`) : null));
    tb.append(h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(lang, 'day')), ...hours.map((hr) => h('th', { scope: 'col' }, String(hr).padStart(2, '0'))))));
    tb.append(h('tbody', {}, ...days.map((d) => h('tr', {}, h('th', { scope: 'row' }, dayName(lang, d, true)), ...hours.map((hr) => cell(d, hr))))));
    return h('div', { class: 'ks-scroll' }, tb);
  };
  const tables = S.QUEUE_CHANNELS.map((ch) => {
    if (ch === 'personal' && mode === 'appointment') return h('p', {}, `${t(lang, 'walkInHours')}: ${da ? 'lukket – skranken tager kun imod bestilte tider' : 'closed – the counter serves booked visits only'}`);
    const name = ch === 'personal' && mode === 'both' ? t(lang, 'walkInHours') : t(lang, ch);
    const hours = Array.from({ length: 24 }, (_, hr) => hr).filter((hr) => Array.from({ length: 7 }, (_, d) => d).some((d) => S.isHourOpen(s, ch, d, hr)));
    if (hours.length === 0) return h('p', {}, `${name}: ${t(lang, 'closed')}`);
    const days = DAYS7.filter((d) => hours.some((hr) => S.isHourOpen(s, ch, d, hr)));
    return table(`${t(lang, 'staffing')}: ${name}`, hours, days, (d, hr) => {
      if (!S.isHourOpen(s, ch, d, hr)) return h('td', { class: 'ks-closed' });
      const v = s.queues[ch].staffing[d]?.[hr] ?? 0;
      const input = h('input', { type: 'number', min: 0, max: 999, step: 1, value: String(v), 'aria-label': `${name}, ${dayName(lang, d)} ${String(hr).padStart(2, '0')}`, 'data-k': `staff-${ch}-${d}-${hr}` });
      input.addEventListener('change', () => dispatch((x) => S.setStaff(x, ch, d, hr, input.valueAsNumber)));
      return h('td', {}, input);
    });
  });
  // The counter by appointment: its desks per hour (each desk is one member of staff).
  const a = s.appointments;
  if (a && mode !== 'walkIn') {
    const hours = Array.from({ length: 24 }, (_, hr) => hr).filter((hr) => DAYS7.some((d) => S.desksAt(s, d, hr) > 0));
    const days = DAYS7.filter((d) => hours.some((hr) => S.desksAt(s, d, hr) > 0));
    const per = S.slotsPerHour(1, a.slotMinutes);
    const note = da ? `(én medarbejder pr. skranke; ${per === 1 ? 'én tid' : `${num(lang, per)} tider`} pr. skranke i timen á ${num(lang, a.slotMinutes)} min)` : `(one member of staff per desk; ${per === 1 ? 'one slot' : `${num(lang, per)} slots`} per desk an hour of ${num(lang, a.slotMinutes)} min)`;
    const caption = da ? 'Skranker med tidsbestilling pr. time' : 'Desks for booked visits per hour';
    const desks = hours.length === 0
      ? h('p', { 'data-k': 'desks-none' }, da ? `${caption}: ingen – åbn timer for bestilling i ugeoversigten under «Åbningstider».` : `${caption}: none – open hours for booking in the week grid under «Opening hours».`)
      : table(caption, hours, days, (d, hr) => {
        const v = S.desksAt(s, d, hr);
        const input = h('input', { type: 'number', min: 0, max: 999, step: 1, value: String(v), 'aria-label': `${da ? 'Skranker med tidsbestilling' : 'Desks for booked visits'}, ${dayName(lang, d)} ${String(hr).padStart(2, '0')}`, 'data-k': `desk-${d}-${hr}` });
        input.addEventListener('change', () => dispatch((x) => S.setDesks(x, d, hr, input.valueAsNumber)));
        return h('td', {}, input);
      }, note);
    tables.splice(1, 0, desks);
  }
  return section('staffing', t(lang, 'staffing'), tables, false, t(lang, 'staffingHelp'));
}

/** The source notes about a topic (or any of several): the scenario's own, else — for the
 *  appointment settings — those Kanalsim proposes them with, said to be the preset's and, where
 *  this scenario's value differs from the preset's, said to no longer apply. */
function sourceFor(s: Scenario, lang: S.Lang, topic: string | string[], fallback?: LeverCtx['apptNotes']): HTMLElement {
  const topics = Array.isArray(topic) ? topic : [topic];
  const about = (n: SourceNote) => topics.some((tp) => n.topic === tp || n.topic.startsWith(`${tp}.`) || tp.startsWith(`${n.topic}.`));
  const notes = (s.sources ?? []).filter(about);
  const da = lang === 'da';
  if (notes.length === 0 && fallback) {
    const pre = fallback.notes.filter(about);
    if (pre.length) {
      const title = fallback.preset ? (da ? fallback.preset.title : fallback.preset.titleEn || fallback.preset.title) : '';
      return h('div', {}, ...pre.map((n) => {
        const changed = fallback.preset && JSON.stringify(valueAt(s, n.topic)) !== JSON.stringify(valueAt(fallback.preset, n.topic));
        return h('p', { class: `ks-note ks-${n.kind}`, 'data-note-topic': n.topic },
          h('strong', {}, `${t(lang, n.kind)}${title ? (da ? ` (som i forvalget «${title}»)` : ` (as in the preset «${title}»)`) : ''}: `),
          changed ? h('em', {}, da ? 'ændret her – noten gælder forvalgets værdi. ' : 'changed here – the note is for the preset’s value. ') : null,
          plainMessage(lang, da ? n.da : n.en));
      }));
    }
  }
  if (notes.length === 0) return h('p', { class: 'ks-note ks-assumption' }, `${t(lang, 'assumption')}.`);
  return h('div', {}, ...notes.map((n) => h('p', { class: `ks-note ks-${n.kind}` }, h('strong', {}, `${t(lang, n.kind)}: `), plainMessage(lang, da ? n.da : n.en))));
}

/** The value at a dotted path of a scenario (`appointments.noShow`). */
function valueAt(x: unknown, path: string): unknown {
  let v = x;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Low / likely / high of a range as three number fields (percent, or a plain number). */
function rangeFields(lang: S.Lang, r: Range, k: string, pctScale: boolean, onChange: (part: keyof Range, v: number) => void, unit = '%'): HTMLElement[] {
  return (['low', 'likely', 'high'] as const).map((part) => numberInput({
    label: `${t(lang, part)} (${unit})`,
    value: pctScale ? pct(r[part]) : r[part],
    min: 0,
    max: pctScale ? 100 : undefined,
    step: pctScale ? 1 : 0.5,
    k: `${k}-${part}`,
    onChange: (v) => onChange(part, pctScale ? v / 100 : v),
    cls: 'ks-small',
  }));
}

/** The appointment settings under «Antagelser»: slots, horizon, same day, no-shows and late
 *  cancellations, patience, walk-ins, what citizens do without a slot, how they book. */
function appointmentFields(st: S.AppState, dispatch: Dispatch, ctx?: LeverCtx): HTMLElement[] {
  const { lang } = st;
  const da = lang === 'da';
  const s = S.selectedScenario(st);
  const a = s.appointments;
  if (!a || S.counterMode(s) === 'walkIn') return [];
  const fb = ctx?.apptNotes;
  const same = h('input', { type: 'checkbox', id: newId('cb'), checked: a.sameDay || undefined, 'data-k': 'appt-sameday' });
  same.addEventListener('change', () => dispatch((x) => S.setSameDay(x, same.checked)));
  const out: HTMLElement[] = [];
  out.push(h('fieldset', { 'data-k': 'appt-book' }, h('legend', {}, da ? 'Tidsbestilling: tiderne' : 'Appointments: the slots'),
    numberInput({ label: da ? 'Tidernes længde (min)' : 'Slot length (min)', value: a.slotMinutes, min: 1, max: 600, step: 1, k: 'appt-slot', onChange: (v) => dispatch((x) => S.setSlotMinutes(x, v)) }),
    numberInput({ label: da ? 'Kan bestilles (dage frem)' : 'Can be booked (days ahead)', value: a.horizonDays, min: 1, step: 1, k: 'appt-horizon', onChange: (v) => dispatch((x) => S.setHorizonDays(x, v)) }),
    h('span', { class: 'ks-field ks-check' }, h('label', { for: same.id }, same, da ? ' En tid senere samme dag kan bestilles' : ' A slot later the same day can be booked')),
    sourceFor(s, lang, ['appointments.slotMinutes', 'appointments.horizonDays', 'appointments.sameDay'], fb)));
  out.push(h('fieldset', { 'data-k': 'appt-noshow' }, h('legend', {}, da ? 'Udeblivelser og sene afbud (andel af de bestilte tider)' : 'No-shows and late cancellations (share of booked slots)'),
    h('p', { class: 'ks-help' }, da ? 'Udebliver (tiden står ubrugt):' : 'Do not come (the slot is unused):'),
    ...rangeFields(lang, a.noShow, 'appt-noShow', true, (part, v) => dispatch((x) => S.setApptShare(x, 'noShow', part, v))),
    h('p', { class: 'ks-help' }, da ? 'Melder afbud dagen før (tiden kan bestilles igen):' : 'Cancel the day before (the slot can be booked again):'),
    ...rangeFields(lang, a.lateCancellation, 'appt-lateCancellation', true, (part, v) => dispatch((x) => S.setApptShare(x, 'lateCancellation', part, v))),
    sourceFor(s, lang, ['appointments.noShow', 'appointments.lateCancellation'], fb)));
  const pat = a.patienceWorkdays;
  out.push(h('fieldset', { 'data-k': 'appt-patience' }, h('legend', {}, da ? 'Hvor længe borgerne vil vente på en tid' : 'How long citizens will wait for a slot'),
    h('p', { class: 'ks-help' }, pat
      ? da ? 'Hver borger accepterer en tid inden for et antal hverdage (i gennemsnit, hverdage):' : 'Each citizen accepts a slot within a number of workdays (on average, workdays):'
      : da ? 'Alle tager den første ledige tid, hvor sent den end er. Angiv et gennemsnit for at ændre det:' : 'Everyone takes the first free slot, however late. Give a mean to change that:'),
    ...rangeFields(lang, pat ?? { low: 0, likely: 0, high: 0 }, 'appt-patience', false, (part, v) => dispatch((x) => S.setPatienceWorkdays(x, part, v)), da ? 'hverdage' : 'workdays'),
    sourceFor(s, lang, 'appointments.patienceWorkdays', fb)));
  if (S.counterMode(s) === 'both') {
    out.push(h('fieldset', { 'data-k': 'appt-walkin' }, h('legend', {}, da ? 'Møder op uden tid (andel af dem, der vil til skranken)' : 'Walk in without booking (share of those who want the counter)'),
      ...rangeFields(lang, a.walkIn, 'appt-walkIn', true, (part, v) => dispatch((x) => S.setApptShare(x, 'walkIn', part, v))),
      sourceFor(s, lang, 'appointments.walkIn', fb)));
  }
  const nsWords: Record<S.NoSlotKey, [string, string]> = {
    switchChannel: ['ringer eller skriver i stedet', 'call or write instead'],
    goDigital: ['klarer det digitalt', 'do it digitally'],
    walkIn: ['tager tiden alligevel (eller møder op uden tid)', 'take the slot anyway (or walk in)'],
    giveUp: ['opgiver', 'give up'],
  };
  out.push(h('fieldset', { 'data-k': 'appt-noslot' }, h('legend', {}, da ? 'Når første ledige tid er for sen (mest sandsynligt, %)' : 'When the first free slot is too late (most likely, %)'),
    ...S.NO_SLOT_KEYS.map((k) => numberInput({ label: `${nsWords[k][da ? 0 : 1]} (%)`, value: pct(a.whenNoSlot[k].likely), min: 0, max: 100, step: 1, k: `appt-nslot-${k}`, onChange: (v) => dispatch((x) => S.setNoSlot(x, k, v / 100)) })),
    h('p', { class: 'ks-note' }, da ? 'Ærinder, der kræver fremmøde (fx pas), tager altid tiden. De fire andele giver tilsammen 100 %.' : 'Errands that need a visit in person (e.g. passports) always take the slot. The four shares add up to 100 %.'),
    sourceFor(s, lang, 'appointments.whenNoSlot', fb)));
  const bbWords: Record<S.BookedByKey, [string, string]> = { web: ['på nettet', 'online'], phone: ['pr. telefon', 'by phone'], counter: ['ved skranken', 'at the counter'] };
  out.push(h('fieldset', { 'data-k': 'appt-bookedby' }, h('legend', {}, da ? 'Hvordan tiderne bestilles (%)' : 'How slots are booked (%)'),
    ...S.BOOKED_BY_KEYS.map((k) => numberInput({ label: `${bbWords[k][da ? 0 : 1]} (%)`, value: pct(a.bookedBy[k]), min: 0, max: 100, step: 1, k: `appt-booked-${k}`, onChange: (v) => dispatch((x) => S.setBookedBy(x, k, v / 100)) })),
    h('p', { class: 'ks-note' }, da ? 'En bestilling pr. telefon er et opkald i telefonkøen; ved skranken kun, hvor der også er drop-in.' : 'A booking by phone is a call in the phone queue; at the counter only where there is walk-in too.'),
    sourceFor(s, lang, ['appointments.bookedBy', 'appointments.bookingTime'], fb)));
  return out;
}

function assumptionsSection(st: S.AppState, dispatch: Dispatch, ctx?: LeverCtx): HTMLElement {
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
  parts.push(...appointmentFields(st, dispatch, ctx));
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
    precisionGroup(st, dispatch),
    numberInput({ label: st.precision !== undefined ? (lang === 'da' ? 'Højst antal simulerede år' : 'At most this many simulated years') : t(lang, 'replications'), value: sim.replications, min: 1, max: 10000, step: 1, k: 'reps', onChange: (v) => dispatch((x) => S.setSimulation(x, x.baseline.simulation.seed, v)) }),
  ], false);
}

/** A fixed count of simulated years, or "run until stable" with its tolerance (the engine's
 *  precision rule, src/precision.rs). */
function precisionGroup(st: S.AppState, dispatch: Dispatch): HTMLElement {
  const { lang } = st;
  const da = lang === 'da';
  const name = newId('prec');
  const helpId = newId('prechelp');
  const until = st.precision !== undefined;
  const radio = (k: 'fixed' | 'stable', label: string, checked: boolean, to: () => number | null) => {
    const id = newId('rb');
    const input = h('input', { type: 'radio', id, name, value: k, checked: checked || undefined, 'data-k': `precision-${k}` });
    input.addEventListener('change', () => {
      if (input.checked) dispatch((x) => S.setPrecision(x, to()));
    });
    return h('span', { class: 'ks-radio' }, input, h('label', { for: id }, label));
  };
  const opts = [
    radio('fixed', da ? 'Et fast antal simulerede år' : 'A fixed number of simulated years', !until, () => null),
    radio('stable', da ? 'Kør til resultatet er stabilt' : 'Run until stable', until, () => st.precision ?? S.PRECISIONS[0]),
  ];
  const children: HTMLElement[] = [h('legend', {}, da ? 'Hvor mange simulerede år' : 'How many simulated years'), h('div', { class: 'ks-radios' }, ...opts)];
  if (until) {
    const selId = newId('tol');
    const pct = (x: number) => `${num(lang, x * 100, x * 100 < 1 ? 1 : 0)} %`;
    const values: number[] = [...S.PRECISIONS];
    if (st.precision !== undefined && !values.includes(st.precision)) values.push(st.precision);
    const sel = h('select', { id: selId, 'data-k': 'precision-tol' }, ...values.map((v) => h('option', { value: String(v), selected: v === st.precision || undefined }, pct(v))));
    sel.addEventListener('change', () => {
      const v = Number(sel.value);
      if (S.validPrecision(v)) dispatch((x) => S.setPrecision(x, v));
    });
    children.push(h('span', { class: 'ks-field' }, h('label', { for: selId }, da ? 'Tolerance (af basis-tallet)' : 'Tolerance (of the baseline figure)'), sel));
  }
  children.push(h('p', { class: 'ks-help', id: helpId }, da
    ? 'Stabilt: 90 %-konfidensintervallet for hver forskel på nøgletallene er smallere end tolerancen (mindst 0,5 procentpoint for andele, 0,1 min for ventetider, 10 henvendelser), efter mindst 20 år og et ekstra tjek over de følgende år (Hoad, Robinson & Davies 2010). Samme frø og regel giver samme antal år.'
    : 'Stable: the 90 % confidence interval of every difference on the key figures is narrower than the tolerance (at least 0.5 points for shares, 0.1 min for waits, 10 contacts), after at least 20 years and a look-ahead over the following years (Hoad, Robinson & Davies 2010). The same seed and rule give the same number of years.'));
  return h('fieldset', { class: 'ks-modes', 'data-k': 'precision', 'aria-describedby': helpId }, ...children);
}

export function renderLevers(st: S.AppState, dispatch: Dispatch, only?: Set<string>, ctx?: LeverCtx): HTMLElement[] {
  const all: [LeverId, () => HTMLElement][] = [
    ['hours', () => hoursSection(st, dispatch, ctx)],
    ['adoption', () => adoptionSection(st, dispatch, ctx)],
    ['staffing', () => staffingSection(st, dispatch)],
    ['assumptions', () => assumptionsSection(st, dispatch, ctx)],
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
  // The counter by appointment: one hour's desks in the staffing table; the desks as a whole
  // and the counter's form where the week grid and the choice are; the rest in Antagelser.
  if (/^appointments\.desks\[\d+\]\[\d+\]/.test(path)) return 'staffing';
  if (path === 'appointments' || path.startsWith('appointments.desks') || path.startsWith('appointments.mode')) return 'hours';
  if (path.startsWith('appointments')) return 'assumptions';
  if (path.startsWith('whenClosed') || /^queues\.\w+\.(patience|redial)/.test(path)) return 'assumptions';
  if (path.startsWith('costs')) return 'prices';
  if (path.startsWith('simulation')) return 'simulation';
  return null;
}

/** The input that edits the field at `path`, as its `data-k`, where there is one. */
export function inputOf(path: string): string | null {
  const staff = /^queues\.(personal|phone)\.staffing\[(\d+)\]\[(\d+)\]/.exec(path);
  if (staff) return `staff-${staff[1]}-${staff[2]}-${staff[3]}`;
  const price = /^costs\.(\w+)\.(information|transaction)$/.exec(path);
  if (price) return `price-${price[1]}-${price[2]}`;
  if (path === 'costs.staffHourlyCost') return 'staffcost';
  const patience = /^queues\.(personal|phone)\.patience\.(meanMin|sdMin)$/.exec(path);
  if (patience) return `pat-${patience[1]}`;
  const desk = /^appointments\.desks\[(\d+)\]\[(\d+)\]$/.exec(path);
  if (desk) return `desk-${desk[1]}-${desk[2]}`;
  if (path === 'appointments.slotMinutes') return 'appt-slot';
  if (path === 'appointments.horizonDays') return 'appt-horizon';
  if (path === 'appointments.sameDay') return 'appt-sameday';
  const share = /^appointments\.(noShow|lateCancellation|walkIn)(?:\.(low|likely|high))?$/.exec(path);
  if (share) return `appt-${share[1]}-${share[2] ?? 'likely'}`;
  const pat = /^appointments\.patienceWorkdays(?:\.(low|likely|high))?$/.exec(path);
  if (pat) return `appt-patience-${pat[1] ?? 'likely'}`;
  const ns = /^appointments\.whenNoSlot\.(switchChannel|goDigital|walkIn|giveUp)/.exec(path);
  if (ns) return `appt-nslot-${ns[1]}`;
  const bb = /^appointments\.bookedBy\.(web|phone|counter)$/.exec(path);
  if (bb) return `appt-booked-${bb[1]}`;
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
      h('ul', {}, ...list.slice(0, 12).map((is) => h('li', { 'data-path': is.path }, plainMessage(lang, lang === 'da' ? is.da : is.en), h('span', { lang: lang === 'da' ? 'en' : 'da', class: 'ks-en' }, ` / ${plainMessage(lang === 'da' ? 'en' : 'da', lang === 'da' ? is.en : is.da)}`)))),
    );
    d.querySelector(':scope > summary')?.after(box);
    d.open = true;
    for (const is of list) {
      // The desks as a whole (none with a whole slot): the week grid that edits them.
      if (is.path === 'appointments.desks') {
        const grid = d.querySelector<HTMLElement>('table[data-grid=desks]');
        grid?.closest('.ks-gridwrap')?.classList.add('ks-invalid');
        grid?.setAttribute('aria-describedby', id);
      }
      const k = inputOf(is.path);
      const input = k ? d.querySelector<HTMLInputElement>(`[data-k="${k}"]`) : null;
      if (!input) continue;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', id);
      input.classList.add('ks-invalid');
    }
  }
}
