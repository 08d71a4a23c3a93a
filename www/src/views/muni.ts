// "Din kommune / Your municipality": a KOMHEN counting-week file, a phone interval report or
// the short form (a plain table typed here), read locally (FileReader; nothing leaves the
// machine), inspected (kind, header names, units, Type codes), calibrated by the engine in a
// worker, its back-test shown as a chart with a summary and tables; units, Type codes and the
// inferred opening hours can be corrected and calibrated again; confirmed, it becomes the
// baseline. A report whose header is not recognised gets a column picker (`--map`).
import type { Issue, Scenario } from '../generated/types';
import type { Lang } from '../state';
import type { CalibrateOptions, Failure } from '../protocol';
import { h, clear, download } from '../dom';
import { num } from '../format';
import { dayName } from '../i18n';
import { ChartBlock, renderTable } from './results';
import {
  backtestChart, fitTable, readSentence, fitIsGood, type Calibration, type FileInfo, type Role, type TypeTarget, type HoursText, type ShortForm, type FieldIssue,
  ROLES, REQUIRED_ROLES, roleName, needsPicker, checkMap, hoursText, parseHours, emptyForm, formTable, FORM_CHANNELS, yearlyName, DAY_KEYS,
} from '../muni';

/** Largest file read (bytes); a counting week of a large municipality is a few MB. */
export const MAX_FILE = 50 * 1024 * 1024;

export interface MuniCtx {
  /** Calibrate in a worker (rejects with the engine's Failure). */
  calibrate(files: { name: string; bytes: Uint8Array }[], options: CalibrateOptions, signal: AbortSignal): Promise<unknown>;
  /** What each file holds (the engine's `inspectFiles`, on the page's thread). */
  inspect(files: { name: string; bytes: Uint8Array }[]): FileInfo[];
  /** Make the scenario the baseline. */
  confirm(s: Scenario): void;
  /** The scenario's validation issues (empty when valid). */
  validate(s: Scenario): Issue[];
}

type Phase = 'idle' | 'pick' | 'running' | 'done' | 'error';

/** The short form's file name (as messages and the CLI name it). */
const FORM_FILE = 'kortformular.csv';

/** Read a file's bytes with a FileReader (locally; nothing is sent anywhere). */
function readBytes(f: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
    r.onerror = () => reject(r.error ?? new Error('read error'));
    r.readAsArrayBuffer(f);
  });
}

/** Where an issue is, before its message: the engine's path (`file: row 5, column X`) in
 *  English; in Danish only the file, since the Danish message says "(række 5, kolonne X)". */
function where(lang: Lang, i: Issue): string {
  if (!i.path) return '';
  const m = /^(.*?): (row \d+|column )/.exec(i.path);
  return `${lang === 'da' && m ? m[1] : i.path}: `;
}

export class MuniPanel {
  readonly el: HTMLDetailsElement;
  private lang: Lang = 'da';
  private phase: Phase = 'idle';
  private result: Calibration | null = null;
  private issues: Issue[] = [];
  /** What the issues are about: a file, the short form, or the corrections. */
  private issueOf: 'file' | 'form' | 'adjust' = 'file';
  /** The input being calibrated (kept for «Ret og kalibrér igen»). */
  private input: { name: string; bytes: Uint8Array }[] = [];
  private infos: FileInfo[] = [];
  private name = '';
  private started = 0;
  private tick: ReturnType<typeof setInterval> | null = null;
  private abort: AbortController | null = null;
  private chart: ChartBlock;
  private statusEl = h('p', { class: 'ks-muni-status', role: 'status', 'data-muni': 'status' });
  private pickEl = h('div', { class: 'ks-muni-pick' });
  private bodyEl = h('div', { class: 'ks-muni-body' });
  private confirmed = false;
  // The user's choices.
  private chosen: Partial<Record<Role, string>> = {};
  private map: [string, string][] = [];
  /** Units kept (null: all). */
  private units: Set<string> | null = null;
  private types = new Map<string, TypeTarget>();
  private hours: HoursText | null = null;
  private hoursDirty = false;
  private form: ShortForm = emptyForm();
  private formOpen = false;

  constructor(private ctx: MuniCtx) {
    this.el = h('details', { class: 'ks-muni', 'data-k': 'muni' });
    this.chart = new ChartBlock('backtest', () => (this.result?.scenario.id ?? 'egen-kommune'));
  }

  setLang(lang: Lang): void {
    if (lang === this.lang && this.el.childElementCount) return;
    this.lang = lang;
    this.render();
  }

  private t(da: string, en: string): string {
    return this.lang === 'da' ? da : en;
  }

  private render(): void {
    const t = (da: string, en: string) => this.t(da, en);
    const root = this.el.getRootNode() as Document | ShadowRoot;
    const focusKey = (root.activeElement as HTMLElement | null)?.dataset?.k;
    clear(this.el);
    clear(this.bodyEl);
    const nameIn = h('input', { type: 'text', id: 'ks-muni-name', 'data-k': 'muni-name', maxlength: 80, value: this.name, autocomplete: 'organization', placeholder: t('fx Testrup Kommune', 'e.g. Testrup Municipality') });
    nameIn.addEventListener('input', () => {
      this.name = nameIn.value;
    });
    const file = h('input', { type: 'file', id: 'ks-muni-file', class: 'ks-file', 'data-action': 'muni-file', accept: '.csv,.txt,text/csv,text/plain', multiple: true });
    file.addEventListener('change', () => {
      const fs = [...(file.files ?? [])];
      file.value = '';
      if (fs.length) void this.take(fs);
    });
    const drop = h('div', { class: 'ks-drop', 'data-drop': 'muni' },
      h('p', {}, t('Træk en fil hertil, eller ', 'Drop a file here, or ')),
      file, h('label', { for: 'ks-muni-file', class: 'ks-btn' }, t('vælg fil …', 'choose a file …')));
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('ks-over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('ks-over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('ks-over');
      const fs = [...(e.dataTransfer?.files ?? [])];
      if (fs.length) void this.take(fs);
    });
    this.el.append(
      h('summary', {}, h('h2', { class: 'ks-inline' }, t('Din kommune', 'Your municipality'))),
      h('p', { class: 'ks-help' }, t(
        'Lav en basis af jeres egen kommune ud fra en tælleuge (KOMHEN-registreringer, semikolonsepareret CSV), en telefonrapport pr. interval (CSV med intervalstart, tilbudte og besvarede opkald) eller den korte formular nedenfor. Modellen tilpasses, til de simulerede registreringer pr. ugedag og time gengiver jeres, og I ser, hvor godt det lykkes, før I bruger den.',
        'Make a baseline of your own municipality from a counting week (KOMHEN registrations, semicolon-separated CSV), a phone interval report (CSV with interval start, calls offered and answered) or the short form below. The model is adjusted until the simulated registrations per weekday and hour reproduce yours, and you see how well that works before you use it.')),
      h('p', { class: 'ks-help', 'data-muni': 'privacy' }, h('strong', {}, t('Filen bliver på din computer: ', 'The file stays on your computer: ')), t(
        'den læses her i browseren og sendes ingen steder hen (siden har ingen netværksadgang).',
        'it is read here in the browser and sent nowhere (the page has no network access).')),
      h('p', { class: 'ks-muni-name' }, h('label', { for: 'ks-muni-name' }, t('Kommunens navn (basisens titel)', 'The municipality’s name (the baseline’s title)')), ' ', nameIn),
      drop,
      this.renderForm(),
      this.statusEl,
      this.pickEl,
      this.bodyEl,
    );
    this.renderStatus();
    this.renderPick();
    this.renderBody();
    if (focusKey) this.el.querySelector<HTMLElement>(`[data-k="${CSS.escape(focusKey)}"]`)?.focus();
  }

  /** The short form: for a municipality without raw registrations. */
  private renderForm(): HTMLElement {
    const t = (da: string, en: string) => this.t(da, en);
    const lang = this.lang;
    const f = this.form;
    const d = h('details', { class: 'ks-muni-form', 'data-k': 'muni-form' });
    d.open = this.formOpen;
    d.addEventListener('toggle', () => {
      this.formOpen = d.open;
    });
    const input = (k: string, id: string, value: string, set: (v: string) => void, attrs: Record<string, string> = {}) => {
      const el = h('input', { type: 'text', id, 'data-k': k, value, autocomplete: 'off', ...attrs });
      el.addEventListener('input', () => set(el.value));
      return el;
    };
    const inh = input('muni-f-inh', 'ks-muni-f-inh', f.inhabitants, (v) => (f.inhabitants = v), { inputmode: 'numeric', 'aria-describedby': 'ks-muni-f-inh-help' });
    const yearly = FORM_CHANNELS.map((c) => {
      const id = `ks-muni-f-y-${c}`;
      const help = c === 'personal'
        ? t('Tom: indbyggere × 0,5 (spænd 0,3–0,7 personlige henvendelser pr. indbygger om året, udledt af fire kommuner) – en mærket, usikker antagelse.', 'Empty: inhabitants × 0.5 (range 0.3–0.7 personal visits per inhabitant a year, derived from four municipalities) – a labelled, uncertain assumption.')
        : t('Skal angives (0, hvis ingen): ingen kilde giver et tal pr. indbygger.', 'Required (0 if none): no source gives a per-inhabitant figure.');
      return h('p', { class: 'ks-muni-field' },
        h('label', { for: id }, yearlyName(lang, c)), ' ',
        input(`muni-f-y-${c}`, id, f.yearly[c], (v) => (f.yearly[c] = v), { inputmode: 'numeric', 'aria-describedby': `${id}-help` }),
        ' ', h('span', { class: 'ks-muted', id: `${id}-help` }, help));
    });
    const rows = DAY_KEYS.map((_, i) => h('tr', {},
      h('th', { scope: 'row' }, dayName(lang, i)),
      ...(['personal', 'phone'] as const).flatMap((ch) => {
        const chName = ch === 'personal' ? t('Skranke', 'Counter') : t('Telefon', 'Phone');
        return [
          h('td', {}, input(`muni-f-h-${ch}-${i}`, `ks-muni-f-h-${ch}-${i}`, f.hours[ch][i] ?? '', (v) => (f.hours[ch][i] = v), { 'aria-label': `${chName}, ${dayName(lang, i)}: ${t('åbningstid', 'opening hours')}`, placeholder: i < 5 ? t('fx 10:00-15:00', 'e.g. 10:00-15:00') : t('lukket', 'closed'), class: 'ks-hours-in' })),
          h('td', {}, input(`muni-f-s-${ch}-${i}`, `ks-muni-f-s-${ch}-${i}`, f.staff[ch][i] ?? '', (v) => (f.staff[ch][i] = v), { 'aria-label': `${chName}, ${dayName(lang, i)}: ${t('medarbejdere på vagt', 'staff on duty')}`, inputmode: 'numeric', class: 'ks-staff-in' })),
        ];
      })));
    const table = h('table', { class: 'ks-data ks-muni-week', 'data-table': 'muni-form-week' },
      h('caption', {}, t('Åbningstider og medarbejdere på vagt pr. ugedag', 'Opening hours and staff on duty by weekday')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Ugedag', 'Weekday')),
        h('th', { scope: 'col' }, t('Skranke: åbent', 'Counter: open')), h('th', { scope: 'col' }, t('Skranke: medarbejdere', 'Counter: staff')),
        h('th', { scope: 'col' }, t('Telefon: åbent', 'Phone: open')), h('th', { scope: 'col' }, t('Telefon: medarbejdere', 'Phone: staff')))),
      h('tbody', {}, ...rows));
    const run = h('button', { type: 'button', class: 'ks-btn', 'data-action': 'muni-form-run' }, t('Kalibrér ud fra formularen', 'Calibrate from the form'));
    run.addEventListener('click', () => this.runForm());
    const csv = h('button', { type: 'button', class: 'ks-btn ks-ghost', 'data-action': 'muni-form-csv' }, t('Hent tabellen som CSV', 'Download the table as CSV'));
    csv.addEventListener('click', () => {
      const tb = this.formChecked();
      if (!tb) return;
      const slug = (this.name.trim() || 'egen-kommune').toLowerCase().replace(/[^a-z0-9æøå]+/g, '-').replace(/^-|-$/g, '') || 'egen-kommune';
      download(`kortformular-${slug}.csv`, new Blob([tb], { type: 'text/csv;charset=utf-8' }));
    });
    d.append(
      h('summary', {}, h('h3', { class: 'ks-inline' }, t('Ingen registreringer? Udfyld en kort formular', 'No registrations? Fill in a short form'))),
      h('p', { class: 'ks-help' }, t(
        'Formularen bliver til en enkel tabel (what;channel;key;value), som kalibreres ad samme vej som en fil – og som kan hentes og kalibreres med kommandolinjeværktøjet (kanalsim calibrate tabel.csv). Uden en optælling pr. time fordeler modellen henvendelserne over ugens timer som Tønder 2012-forvalget (en mærket antagelse); lukkede timer fortrænger borgere til de åbne.',
        'The form becomes a plain table (what;channel;key;value), calibrated the same way as a file – and it can be downloaded and calibrated with the command-line tool (kanalsim calibrate table.csv). Without a count by hour the model spreads the contacts over the hours of the week as the Tønder 2012 preset does (a labelled assumption); closed hours displace citizens to the open ones.')),
      h('p', { class: 'ks-muni-field' }, h('label', { for: 'ks-muni-f-inh' }, t('Indbyggere', 'Inhabitants')), ' ', inh, ' ',
        h('span', { class: 'ks-muted', id: 'ks-muni-f-inh-help' }, t('Bruges kun, hvis skrankens henvendelser står tomme.', 'Used only if the counter’s contacts are left empty.'))),
      h('fieldset', { class: 'ks-muni-yearly' }, h('legend', {}, t('Henvendelser om året pr. kanal', 'Contacts a year by channel')), ...yearly),
      h('div', { class: 'ks-scroll', tabindex: 0, role: 'region', 'aria-label': t('Åbningstider og medarbejdere', 'Opening hours and staff') }, table),
      h('p', { class: 'ks-help' }, t(
        'Åbningstid som 10:00-15:00, flere adskilt med komma; tom = lukket. Medarbejdere gælder hver åben time den dag; står alle en kanals felter tomme, beregnes bemandingen (de færreste, der besvarer 80 % inden for målet efter Erlang A – en antagelse).',
        'Opening hours such as 10:00-15:00, several separated by commas; empty = closed. Staff apply to every open hour that day; if all of a channel’s fields are empty, the staff are computed (the fewest that answer 80 % within the target by Erlang A – an assumption).')),
      h('p', { class: 'ks-muni-actions' }, run, ' ', csv),
    );
    return d;
  }

  /** The form's table, or null with its issues shown. */
  private formChecked(): string | null {
    const tb = formTable({ ...this.form, name: this.name });
    if (tb.issues.length) {
      this.showIssues('form', tb.issues);
      return null;
    }
    return tb.csv;
  }

  private runForm(): void {
    const csv = this.formChecked();
    if (csv === null) return;
    this.input = [{ name: FORM_FILE, bytes: new TextEncoder().encode(csv) }];
    this.infos = [];
    this.resetChoices();
    void this.run();
  }

  private showIssues(of: 'file' | 'form' | 'adjust', issues: FieldIssue[] | Issue[]): void {
    this.issueOf = of;
    this.fail(issues.map((i) => ({ path: i.path, da: i.da, en: i.en })));
    const k = (issues[0] as FieldIssue | undefined)?.k;
    const el = k ? this.el.querySelector<HTMLElement>(`[data-k="${CSS.escape(k)}"]`) : null;
    if (el) {
      el.setAttribute('aria-invalid', 'true');
      el.focus();
    }
  }

  private resetChoices(): void {
    this.chosen = {};
    this.map = [];
    this.units = null;
    this.types = new Map();
    this.hours = null;
    this.hoursDirty = false;
  }

  private renderStatus(): void {
    const t = (da: string, en: string) => this.t(da, en);
    clear(this.statusEl);
    this.statusEl.dataset.phase = this.phase;
    const names = this.input.map((f) => f.name).join(', ');
    if (this.phase === 'running') {
      // The elapsed time is not announced every second (aria-hidden); the sentence is, once.
      this.statusEl.append(
        h('progress', { 'aria-label': t('Kalibrerer', 'Calibrating') }),
        ' ',
        t(`Kalibrerer ${names}: læser, simulerer og justerer (op til 7 runder) …`,
          `Calibrating ${names}: reading, simulating and adjusting (up to 7 rounds) …`),
        ' ',
        h('span', { 'aria-hidden': 'true', 'data-muni': 'elapsed' }, this.elapsed()),
        ' ',
        h('button', { type: 'button', class: 'ks-btn ks-small ks-ghost', 'data-action': 'muni-cancel' }, t('Afbryd', 'Cancel')),
      );
      this.statusEl.querySelector('button')?.addEventListener('click', () => this.abort?.abort());
    } else if (this.phase === 'pick') {
      this.statusEl.append(t(`Vælg kolonnerne i ${names} nedenfor.`, `Choose the columns of ${names} below.`));
    } else if (this.phase === 'done' && this.result) {
      this.statusEl.append(this.confirmed
        ? t(`«${this.result.scenario.title}» er nu basis.`, `«${this.result.scenario.title}» is now the baseline.`)
        : t(`Kalibreret på ${num(this.lang, (Date.now() - this.started) / 1000, 1)} s.`, `Calibrated in ${num(this.lang, (Date.now() - this.started) / 1000, 1)} s.`));
    }
  }

  private elapsed(): string {
    return `${num(this.lang, (Date.now() - this.started) / 1000, 0)} s`;
  }

  /** The column picker, for an interval report whose header names are not recognised. */
  private renderPick(): void {
    const t = (da: string, en: string) => this.t(da, en);
    const lang = this.lang;
    clear(this.pickEl);
    const files = needsPicker(this.infos);
    if (this.phase !== 'pick' || !files.length) return;
    const f = files[0];
    if (!f) return;
    const selects = ROLES.map((r) => {
      const id = `ks-muni-role-${r}`;
      const req = REQUIRED_ROLES.includes(r);
      const sel = h('select', { id, 'data-k': `muni-role-${r}`, 'aria-required': req ? 'true' : undefined },
        h('option', { value: '' }, req ? t('— vælg —', '— choose —') : t('— ingen —', '— none —')),
        ...f.header.map((c) => h('option', { value: c, selected: this.chosen[r] === c }, c)));
      sel.addEventListener('change', () => {
        if (sel.value) this.chosen[r] = sel.value;
        else delete this.chosen[r];
      });
      return h('p', { class: 'ks-muni-field' }, h('label', { for: id }, `${roleName(lang, r)}${req ? '' : t(' (valgfri)', ' (optional)')}`), ' ', sel);
    });
    const go = h('button', { type: 'button', class: 'ks-btn', 'data-action': 'muni-map-run' }, t('Kalibrér med disse kolonner', 'Calibrate with these columns'));
    go.addEventListener('click', () => {
      const c = checkMap(lang, f.name, this.chosen);
      if (c.issues.length) {
        this.issueOf = 'file';
        this.issues = c.issues.map((i) => ({ path: i.path, da: i.da, en: i.en }));
        this.renderBody();
        const k = c.issues[0]?.k;
        if (k) this.pickEl.querySelector<HTMLElement>(`[data-k="${CSS.escape(k)}"]`)?.focus();
        return;
      }
      this.map = c.map;
      void this.run();
    });
    const others = files.length > 1 ? t(` (samme kolonner bruges for ${files.slice(1).map((x) => x.name).join(', ')})`, ` (the same columns are used for ${files.slice(1).map((x) => x.name).join(', ')})`) : '';
    this.pickEl.append(h('fieldset', { class: 'ks-muni-picker', 'data-muni': 'picker' },
      h('legend', {}, t(`Kolonner i ${f.name}`, `Columns of ${f.name}`)),
      h('p', { class: 'ks-help' }, t(
        `Overskriften (${f.header.join('; ')}) er hverken en KOMHEN-fils eller en telefonrapports med kendte navne. Er det en telefonrapport pr. interval, så vælg, hvilken kolonne der er hvad${others}:`,
        `The header (${f.header.join('; ')}) is neither a KOMHEN file's nor a phone report's with known names. If it is a phone interval report, choose which column is which${others}:`)),
      ...selects,
      h('p', {}, go)));
  }

  private renderBody(): void {
    const t = (da: string, en: string) => this.t(da, en);
    const lang = this.lang;
    clear(this.bodyEl);
    if (this.phase === 'error' || (this.issues.length && (this.phase === 'pick' || this.issueOf === 'adjust'))) {
      const title = this.issueOf === 'form' ? t('Formularen kan ikke bruges endnu:', 'The form cannot be used yet:')
        : this.issueOf === 'adjust' ? t('Rettelserne kan ikke bruges:', 'The corrections cannot be used:')
        : t('Filen kunne ikke bruges:', 'The file could not be used:');
      this.bodyEl.append(h('div', { class: 'ks-muni-error', role: 'alert', 'data-muni': 'error' },
        h('p', {}, h('strong', {}, title)),
        h('ul', {}, ...this.issues.map((i) => h('li', { 'data-path': i.path }, where(lang, i), lang === 'da' ? i.da : i.en,
          h('span', { class: 'ks-muted', lang: lang === 'da' ? 'en' : 'da' }, ` (${lang === 'da' ? i.en : i.da})`)))),
      ));
      if (this.phase === 'pick' || !this.result || this.issueOf !== 'adjust') return;
    }
    const c = this.result;
    if (!c || (this.phase !== 'done' && this.issueOf !== 'adjust')) return;
    const spec = backtestChart(lang, c);
    this.chart.setTexts(lang, t('Backtest: registreringer pr. ugedag og time, talt og simuleret', 'Back-test: registrations by weekday and hour, counted and simulated'));
    const ft = fitTable(lang, c);
    const good = fitIsGood(c);
    const title = c.scenario.title;
    const confirm = h('button', { type: 'button', class: 'ks-btn', 'data-action': 'muni-confirm' }, t(`Brug «${title}» som basis`, `Use «${title}» as the baseline`));
    confirm.addEventListener('click', () => {
      const issues = this.ctx.validate(c.scenario);
      if (issues.length) {
        this.phase = 'error';
        this.issueOf = 'file';
        this.issues = issues;
        this.renderStatus();
        this.renderBody();
        return;
      }
      this.confirmed = true;
      this.ctx.confirm(c.scenario);
      this.renderStatus();
    });
    const hasHourly = spec.table.rows.length > 0;
    this.bodyEl.append(h('p', { class: good ? 'ks-muni-verdict ks-good' : 'ks-muni-verdict', 'data-muni': 'verdict' }, spec.summary));
    if (hasHourly) this.bodyEl.append(this.chart.el);
    this.bodyEl.append(
      renderTable({ caption: t('Talt og simuleret pr. kanal', 'Counted and simulated by channel'), head: ft.head, rows: ft.rows, rowIds: c.channels.map((x) => x.channel) }),
      h('p', { class: 'ks-help', 'data-muni': 'read' }, readSentence(lang, c)),
      this.renderAdjust(c),
      h('p', { class: 'ks-help' }, t(
        'Ønsker uden for åbningstiden kan ikke ses i registreringerne; de er en mærket, usikker antagelse i scenariet (se «Kilder og antagelser»). Basis og scenarier erstattes; «Fortryd» bringer dem tilbage.',
        'Wishes outside opening hours cannot be seen in the registrations; they are a labelled, uncertain assumption in the scenario (see «Sources and assumptions»). The baseline and scenarios are replaced; «Undo» brings them back.')),
      h('p', {}, confirm),
    );
    // The chart is drawn once its box is in the document.
    if (hasHourly) this.chart.update(spec);
  }

  /** Units, Type codes and opening hours as the calibration used them, to correct and
   *  calibrate again. */
  private renderAdjust(c: Calibration): HTMLElement {
    const t = (da: string, en: string) => this.t(da, en);
    const lang = this.lang;
    const box = h('fieldset', { class: 'ks-muni-adjust', 'data-muni': 'adjust' }, h('legend', {}, t('Tjek og ret kalibreringen', 'Check and correct the calibration')));
    // Units of the KOMHEN files, with their rows.
    const units = new Map<string, number>();
    for (const f of this.infos) for (const [u, n] of f.units) units.set(u, (units.get(u) ?? 0) + n);
    if (units.size > 1) {
      const set = this.units ?? new Set(units.keys());
      const boxes = [...units].map(([u, n], i) => {
        const id = `ks-muni-unit-${i}`;
        const cb = h('input', { type: 'checkbox', id, 'data-k': `muni-unit-${i}`, 'data-unit': u, checked: set.has(u) });
        cb.addEventListener('change', () => {
          const s2 = this.units ?? new Set(units.keys());
          if (cb.checked) s2.add(u);
          else s2.delete(u);
          this.units = s2;
        });
        return h('p', { class: 'ks-muni-check' }, cb, ' ', h('label', { for: id }, `${u} (${num(lang, n)} ${t('rækker', 'rows')})`));
      });
      box.append(h('fieldset', { 'data-muni': 'units' }, h('legend', {}, t('Enheder (kolonnen Enhed) – hvilke skal med?', 'Units (column Enhed) – which to include?')), ...boxes));
    }
    // Type codes outside the default mapping.
    const ut = c.unmappedTypes ?? [];
    if (ut.length) {
      const rows = ut.map(([code, n, to], i) => {
        const id = `ks-muni-type-${i}`;
        const cur = this.types.get(code) ?? to;
        const sel = h('select', { id, 'data-k': `muni-type-${i}`, 'data-code': code },
          h('option', { value: 'information', selected: cur === 'information' }, t('information', 'information')),
          h('option', { value: 'transaction', selected: cur === 'transaction' }, t('sagsbehandling', 'transaction')));
        sel.addEventListener('change', () => this.types.set(code, sel.value as TypeTarget));
        return h('p', { class: 'ks-muni-field' }, h('label', { for: id }, `Type ${code} (${num(lang, n)} ${t('henvendelser', 'contacts')})`), ' ', sel);
      });
      box.append(h('fieldset', { 'data-muni': 'types' }, h('legend', {}, t('Ukendte Type-koder: information eller sagsbehandling?', 'Unknown Type codes: information or transaction?')),
        h('p', { class: 'ks-help' }, t('Koderne er ikke i standardfordelingen (INFO og VEJL = information; OPRET og STATUS = sagsbehandling). Uden valg regnes de som information.', 'The codes are not in the default mapping (INFO and VEJL = information; OPRET and STATUS = transaction). Without a choice they count as information.')),
        ...rows));
    }
    // Opening hours the calibration used.
    if (!this.hours) this.hours = hoursText(c.scenario);
    const hrs = this.hours;
    const note = c.scenario.sources?.find((n) => n.topic === 'openingHours');
    const rows = DAY_KEYS.map((_, i) => h('tr', {}, h('th', { scope: 'row' }, dayName(lang, i)),
      ...(['personal', 'phone'] as const).map((ch) => {
        const chName = ch === 'personal' ? t('Skranke', 'Counter') : t('Telefon', 'Phone');
        const el = h('input', { type: 'text', class: 'ks-hours-in', id: `ks-muni-h-${ch}-${i}`, 'data-k': `muni-h-${ch}-${i}`, value: hrs[ch][i] ?? '', autocomplete: 'off', placeholder: t('lukket', 'closed'), 'aria-label': `${chName}, ${dayName(lang, i)}: ${t('åbningstid', 'opening hours')}` });
        el.addEventListener('input', () => {
          hrs[ch][i] = el.value;
          this.hoursDirty = true;
        });
        return h('td', {}, el);
      })));
    box.append(h('div', { 'data-muni': 'hours' },
      h('p', { class: 'ks-help' }, note ? (lang === 'da' ? note.da : note.en) : ''),
      h('div', { class: 'ks-scroll', tabindex: 0, role: 'region', 'aria-label': t('Åbningstider', 'Opening hours') },
        h('table', { class: 'ks-data ks-muni-week', 'data-table': 'muni-hours' },
          h('caption', {}, t('Åbningstider, som kalibreringen brugte (ret dem, hvis de er forkerte; tom = lukket)', 'Opening hours the calibration used (correct them if they are wrong; empty = closed)')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('Ugedag', 'Weekday')), h('th', { scope: 'col' }, t('Skranke', 'Counter')), h('th', { scope: 'col' }, t('Telefon', 'Phone')))),
          h('tbody', {}, ...rows)))));
    const again = h('button', { type: 'button', class: 'ks-btn ks-ghost', 'data-action': 'muni-rerun' }, t('Ret og kalibrér igen', 'Correct and calibrate again'));
    again.addEventListener('click', () => this.rerun());
    box.append(h('p', {}, again));
    return box;
  }

  private rerun(): void {
    const issues: FieldIssue[] = [];
    if (this.units && this.units.size === 0) issues.push({ path: 'Units', da: 'Enheder: vælg mindst én enhed', en: 'Units: choose at least one unit', k: 'muni-unit-0' });
    if (this.hoursDirty && this.hours) issues.push(...parseHours(this.hours).issues);
    if (issues.length) {
      this.showIssues('adjust', issues);
      return;
    }
    void this.run();
  }

  /** The options of the current choices. */
  private options(): CalibrateOptions {
    const o: CalibrateOptions = { name: this.name.trim() };
    const all = new Set<string>();
    for (const f of this.infos) for (const [u] of f.units) all.add(u);
    if (this.units && this.units.size < all.size) o.units = [...this.units];
    if (this.types.size) o.types = [...this.types];
    if (this.map.length) o.map = this.map;
    if (this.hoursDirty && this.hours) {
      const p = parseHours(this.hours);
      if (p.hours) o.hours = p.hours as unknown as CalibrateOptions['hours'];
    }
    return o;
  }

  /** Read the files locally, inspect them, and calibrate them (or ask for their columns). */
  private async take(fs: File[]): Promise<void> {
    this.abort?.abort();
    this.abort = null;
    this.confirmed = false;
    this.issues = [];
    const big = fs.find((f) => f.size > MAX_FILE);
    if (big) {
      this.input = fs.map((f) => ({ name: f.name, bytes: new Uint8Array() }));
      this.showIssues('file', [{ path: big.name, en: `larger than ${MAX_FILE / 1024 / 1024} MB`, da: `større end ${MAX_FILE / 1024 / 1024} MB` }]);
      return;
    }
    let files: { name: string; bytes: Uint8Array }[];
    try {
      files = await Promise.all(fs.map(async (f) => ({ name: f.name, bytes: await readBytes(f) })));
    } catch (e) {
      this.showIssues('file', [{ path: fs.map((f) => f.name).join(', '), en: String(e), da: String(e) }]);
      return;
    }
    this.input = files;
    this.resetChoices();
    this.infos = this.ctx.inspect(files);
    const pick = needsPicker(this.infos);
    if (pick.length) {
      const f = pick[0];
      for (const [r, hd] of f?.roles ?? []) if (hd) this.chosen[r] = hd;
      this.phase = 'pick';
      this.result = null;
      this.renderStatus();
      this.renderPick();
      this.renderBody();
      this.pickEl.querySelector<HTMLElement>('select')?.focus();
      return;
    }
    await this.run();
  }

  /** Calibrate the current input with the current choices. */
  private async run(): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.confirmed = false;
    this.issues = [];
    const files = this.input.map((f) => ({ name: f.name, bytes: f.bytes.slice() }));
    const options = this.options();
    this.phase = 'running';
    this.started = Date.now();
    this.renderStatus();
    this.renderPick();
    this.renderBody();
    if (this.tick) clearInterval(this.tick);
    this.tick = setInterval(() => {
      const el = this.statusEl.querySelector('[data-muni=elapsed]');
      if (el) el.textContent = this.elapsed();
    }, 1000);
    try {
      const r = (await this.ctx.calibrate(files, options, abort.signal)) as Calibration;
      if (this.abort !== abort) return;
      this.result = r;
      this.phase = 'done';
      // The hours shown are the ones used; kept as given once corrected.
      this.hours = hoursText(r.scenario);
      for (const [code, , to, mapped] of r.unmappedTypes ?? []) if (mapped) this.types.set(code, to);
    } catch (e) {
      if (this.abort !== abort) return;
      const f = e as Partial<Failure> | Error;
      if ('kind' in f && f.kind === 'cancelled') {
        this.phase = this.result ? 'done' : 'idle';
      } else {
        const issues = 'issues' in f && f.issues?.length ? f.issues : [{ path: this.input.map((x) => x.name).join(', '), en: String(f.message ?? e), da: String(f.message ?? e) }];
        this.result = null;
        this.issueOf = this.input[0]?.name === FORM_FILE ? 'form' : 'file';
        this.fail(issues);
        return;
      }
    } finally {
      if (this.abort === abort && this.tick) {
        clearInterval(this.tick);
        this.tick = null;
      }
    }
    this.renderStatus();
    this.renderPick();
    this.renderBody();
    if (this.phase === 'done') this.bodyEl.querySelector<HTMLElement>('[data-muni=verdict]')?.setAttribute('tabindex', '-1');
  }

  private fail(issues: Issue[]): void {
    if (this.issueOf !== 'adjust') this.phase = 'error';
    this.issues = issues;
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    this.renderStatus();
    this.renderBody();
  }
}
