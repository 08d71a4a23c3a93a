// "Din kommune / Your municipality": a KOMHEN counting-week file or a phone interval report,
// read locally (FileReader; nothing leaves the machine), calibrated by the engine in a worker,
// its back-test shown as a chart with a summary and tables, and — confirmed — made the
// baseline.
import type { Issue, Scenario } from '../generated/types';
import type { Lang } from '../state';
import type { Failure } from '../protocol';
import { h, clear } from '../dom';
import { num } from '../format';
import { ChartBlock, renderTable } from './results';
import { backtestChart, fitTable, readSentence, fitIsGood, type Calibration } from '../muni';

/** Largest file read (bytes); a counting week of a large municipality is a few MB. */
export const MAX_FILE = 50 * 1024 * 1024;

export interface MuniCtx {
  /** Calibrate in a worker (rejects with the engine's Failure). */
  calibrate(files: { name: string; bytes: Uint8Array }[], name: string, signal: AbortSignal): Promise<unknown>;
  /** Make the scenario the baseline. */
  confirm(s: Scenario): void;
  /** The scenario's validation issues (empty when valid). */
  validate(s: Scenario): Issue[];
}

type Phase = 'idle' | 'running' | 'done' | 'error';

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
  private files: string[] = [];
  private name = '';
  private started = 0;
  private tick: ReturnType<typeof setInterval> | null = null;
  private abort: AbortController | null = null;
  private chart: ChartBlock;
  private statusEl = h('p', { class: 'ks-muni-status', role: 'status', 'data-muni': 'status' });
  private bodyEl = h('div', { class: 'ks-muni-body' });
  private confirmed = false;

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
        'Lav en basis af jeres egen kommune ud fra en tælleuge (KOMHEN-registreringer, semikolonsepareret CSV) eller en telefonrapport pr. interval (CSV med intervalstart, tilbudte og besvarede opkald). Modellen tilpasses, til de simulerede registreringer pr. ugedag og time gengiver jeres, og I ser, hvor godt det lykkes, før I bruger den.',
        'Make a baseline of your own municipality from a counting week (KOMHEN registrations, semicolon-separated CSV) or a phone interval report (CSV with interval start, calls offered and answered). The model is adjusted until the simulated registrations per weekday and hour reproduce yours, and you see how well that works before you use it.')),
      h('p', { class: 'ks-help', 'data-muni': 'privacy' }, h('strong', {}, t('Filen bliver på din computer: ', 'The file stays on your computer: ')), t(
        'den læses her i browseren og sendes ingen steder hen (siden har ingen netværksadgang).',
        'it is read here in the browser and sent nowhere (the page has no network access).')),
      h('p', { class: 'ks-muni-name' }, h('label', { for: 'ks-muni-name' }, t('Kommunens navn (basisens titel)', 'The municipality’s name (the baseline’s title)')), ' ', nameIn),
      drop,
      this.statusEl,
      this.bodyEl,
    );
    this.renderStatus();
    this.renderBody();
    if (focusKey) this.el.querySelector<HTMLElement>(`[data-k="${CSS.escape(focusKey)}"]`)?.focus();
  }

  private renderStatus(): void {
    const t = (da: string, en: string) => this.t(da, en);
    clear(this.statusEl);
    this.statusEl.dataset.phase = this.phase;
    if (this.phase === 'running') {
      // The elapsed time is not announced every second (aria-hidden); the sentence is, once.
      this.statusEl.append(
        h('progress', { 'aria-label': t('Kalibrerer', 'Calibrating') }),
        ' ',
        t(`Kalibrerer ${this.files.join(', ')}: læser, simulerer og justerer (op til 7 runder) …`,
          `Calibrating ${this.files.join(', ')}: reading, simulating and adjusting (up to 7 rounds) …`),
        ' ',
        h('span', { 'aria-hidden': 'true', 'data-muni': 'elapsed' }, this.elapsed()),
        ' ',
        h('button', { type: 'button', class: 'ks-btn ks-small ks-ghost', 'data-action': 'muni-cancel' }, t('Afbryd', 'Cancel')),
      );
      this.statusEl.querySelector('button')?.addEventListener('click', () => this.abort?.abort());
    } else if (this.phase === 'done' && this.result) {
      this.statusEl.append(this.confirmed
        ? t(`«${this.result.scenario.title}» er nu basis.`, `«${this.result.scenario.title}» is now the baseline.`)
        : t(`Kalibreret på ${num(this.lang, (Date.now() - this.started) / 1000, 1)} s.`, `Calibrated in ${num(this.lang, (Date.now() - this.started) / 1000, 1)} s.`));
    }
  }

  private elapsed(): string {
    return `${num(this.lang, (Date.now() - this.started) / 1000, 0)} s`;
  }

  private renderBody(): void {
    const t = (da: string, en: string) => this.t(da, en);
    const lang = this.lang;
    clear(this.bodyEl);
    if (this.phase === 'error') {
      this.bodyEl.append(h('div', { class: 'ks-muni-error', role: 'alert', 'data-muni': 'error' },
        h('p', {}, h('strong', {}, t('Filen kunne ikke bruges:', 'The file could not be used:'))),
        h('ul', {}, ...this.issues.map((i) => h('li', { 'data-path': i.path }, where(lang, i), lang === 'da' ? i.da : i.en,
          h('span', { class: 'ks-muted', lang: lang === 'da' ? 'en' : 'da' }, ` (${lang === 'da' ? i.en : i.da})`)))),
      ));
      return;
    }
    const c = this.result;
    if (this.phase !== 'done' || !c) return;
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
        this.issues = issues;
        this.renderStatus();
        this.renderBody();
        return;
      }
      this.confirmed = true;
      this.ctx.confirm(c.scenario);
      this.renderStatus();
    });
    this.bodyEl.append(
      h('p', { class: good ? 'ks-muni-verdict ks-good' : 'ks-muni-verdict', 'data-muni': 'verdict' }, spec.summary),
      this.chart.el,
      renderTable({ caption: t('Talt og simuleret pr. kanal', 'Counted and simulated by channel'), head: ft.head, rows: ft.rows, rowIds: c.channels.map((x) => x.channel) }),
      h('p', { class: 'ks-help', 'data-muni': 'read' }, readSentence(lang, c)),
      h('p', { class: 'ks-help' }, t(
        'Ønsker uden for åbningstiden kan ikke ses i registreringerne; de er en mærket, usikker antagelse i scenariet (se «Kilder og antagelser»). Basis og scenarier erstattes; «Fortryd» bringer dem tilbage.',
        'Wishes outside opening hours cannot be seen in the registrations; they are a labelled, uncertain assumption in the scenario (see «Sources and assumptions»). The baseline and scenarios are replaced; «Undo» brings them back.')),
      h('p', {}, confirm),
    );
    // The chart is drawn once its box is in the document.
    this.chart.update(spec);
  }

  /** Read the files locally and calibrate them. */
  private async take(fs: File[]): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.files = fs.map((f) => f.name);
    this.confirmed = false;
    const big = fs.find((f) => f.size > MAX_FILE);
    if (big) {
      this.fail([{ path: big.name, en: `larger than ${MAX_FILE / 1024 / 1024} MB`, da: `større end ${MAX_FILE / 1024 / 1024} MB` }]);
      return;
    }
    this.phase = 'running';
    this.started = Date.now();
    this.result = null;
    this.renderStatus();
    this.renderBody();
    if (this.tick) clearInterval(this.tick);
    this.tick = setInterval(() => {
      const el = this.statusEl.querySelector('[data-muni=elapsed]');
      if (el) el.textContent = this.elapsed();
    }, 1000);
    try {
      const files = await Promise.all(fs.map(async (f) => ({ name: f.name, bytes: await readBytes(f) })));
      const r = (await this.ctx.calibrate(files, this.name.trim(), abort.signal)) as Calibration;
      if (this.abort !== abort) return;
      this.result = r;
      this.phase = 'done';
    } catch (e) {
      if (this.abort !== abort) return;
      const f = e as Partial<Failure> | Error;
      if ('kind' in f && f.kind === 'cancelled') {
        this.phase = 'idle';
      } else {
        const issues = 'issues' in f && f.issues?.length ? f.issues : [{ path: this.files.join(', '), en: String(f.message ?? e), da: String(f.message ?? e) }];
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
    this.renderBody();
  }

  private fail(issues: Issue[]): void {
    this.phase = 'error';
    this.issues = issues;
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    this.renderStatus();
    this.renderBody();
  }
}
