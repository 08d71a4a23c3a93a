// <kanal-sim>: the whole application as one custom element. The full page is one
// <kanal-sim page> in full mode; slide decks include the script and use the element.
//
// Attributes: mode="full|embed", charts="contacts,heatmap,…", levers="hours,adoption,…",
// preset="<id>", workers="<n>", lang="da|en", page (owns the URL fragment and keeps its work
// in localStorage: the full page and the ?embed page under separate keys), storage="<name>"
// (an element keeps its work only when given one).
// Properties: scenario (the selected variant; read and write), baseline, state, results,
// comparison. Events: kanalsim:results (detail = the Results object, as `kanalsim run --json`
// prints for the selected scenario), kanalsim:update (partial), kanalsim:error.
import type { Comparison, Issue, Results, Scenario } from './generated/types';
import * as S from './state';
import { SimClient, type RunUpdate } from './sim-client';
import { h, clear, download } from './dom';
import { t } from './i18n';
import { num } from './format';
import { renderLevers, markProblems, button, LEVER_IDS, type Dispatch, type LeverCtx } from './views/levers';
import { ChartBlock, renderCards, CHART_IDS } from './views/results';
import { markOnce } from './wasm-bytes';
import { renderAbout } from './views/about';
import { renderPrint } from './views/print';
import { MuniPanel } from './views/muni';
import type { FileInfo } from './muni';
import * as C from './charts';
import { decodeShare, fragmentPayload, compactState, expandState, encodeLink, linkData, fragmentParam, presetHash, LINK_KEY } from './share';
import { resultsCsv, resultsCsvDa, assumptionsHtml, framedSvg, type FrameMeta } from './export';
import { plainPath, plainMessage, areaWords, targetWords } from './words';

/** Where the full page keeps its work; the ?embed page and named elements have their own. */
export const STORAGE_KEY = 'kanalsim:state:v1';
export const EMBED_STORAGE_KEY = 'kanalsim:embed:v1';
const PUBLIC_URL_KEY = 'kanalsim:publicUrl';
/** Replications of the quick run while a slider is dragged. */
const PREVIEW_REPS = 10;
const MAX_HISTORY = 100;
const MAX_SETS = 30;
const DATA_ID = 'kanalsim-data';

/** The page file as it was loaded (before the page built itself): "Gem som fil" copies it. */
let pristine = '';
export function setPristine(html: string): void {
  pristine = html;
}

/** URL flags: `?embed`, `#embed`, `charts=…`, `levers=…`, `workers=…`, `lang=…` in query or
 *  fragment. A part whose escapes are malformed (`%`, `%E0`) is skipped, never thrown on. */
export function urlFlags(loc: Location): Map<string, string> {
  const m = new Map<string, string>();
  const dec = (x: string): string | null => {
    try {
      return decodeURIComponent(x);
    } catch {
      return null;
    }
  };
  const add = (s: string) => {
    for (const part of s.split('&')) {
      if (!part) continue;
      const i = part.indexOf('=');
      const k = dec(i < 0 ? part : part.slice(0, i))?.slice(0, 40);
      if (k === undefined || k === 's' || k === LINK_KEY) continue;
      const v = i < 0 ? '' : dec(part.slice(i + 1))?.slice(0, 400) ?? '';
      m.set(k, v);
    }
  };
  add(loc.search.replace(/^\?/, ''));
  add(loc.hash.replace(/^#/, ''));
  return m;
}

/** A saved scenario set (named). */
export interface SavedSet {
  name: string;
  savedAt: string;
  state: S.AppState;
}

/** A shared state waiting for the user's choice: use it, put it beside their own, or keep their own. */
interface Offer {
  from: 'link' | 'file';
  incoming: S.AppState;
  own: S.AppState;
  warnings: Issue[];
  seen?: string;
}

interface Note {
  da: string;
  en: string;
  undo?: boolean;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const stamp = (lang: S.Lang) => new Date().toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** A label and its control, kept together when the controls wrap. */
const ctl = (label: string, el: HTMLElement) => h('span', { class: 'ks-ctl' }, h('label', { for: el.id }, label), el);

interface Message {
  titleDa: string;
  titleEn: string;
  issues: Issue[];
  /** A problem of the scenario being run: it goes when a run succeeds. */
  ofRun?: boolean;
}

/** The numbers of one run (or preview), with the variants they belong to. */
interface View {
  keys: string[];
  u: RunUpdate;
  preview: boolean;
}

/** What determines a variant's numbers (not its name or the number of years asked for). */
function variantKey(v: Scenario, base: Scenario): string {
  return `${S.contentKey(v)}|${base.simulation.seed}`;
}

/** The keys a slide deck navigates with. */
const DECK_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', ' ', 'PageUp', 'PageDown', 'Home', 'End']);

/** Whether the focused element `el` uses key `e` itself (then the deck must not act on it too). */
export function usesKey(el: HTMLElement | null, e: KeyboardEvent): boolean {
  if (!el || e.key === 'Tab') return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') return e.key === ' ' || e.key === 'Enter' || (type === 'radio' && e.key.startsWith('Arrow'));
    if (type === 'file') return e.key === ' ' || e.key === 'Enter';
    return true; // text, number, range: every key moves in it or changes it
  }
  // The hour grid's cells and headers: arrows, Space, Enter, Home, End.
  if (el.closest('table.ks-grid')) return true;
  if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A') return e.key === ' ' || e.key === 'Enter';
  return false;
}

export class KanalSim extends HTMLElement {
  private client: SimClient | null = null;
  private st: S.AppState | null = null;
  /** While a slider is dragged: the state being previewed (not kept, not undoable). */
  private previewSt: S.AppState | null = null;
  private previewTimer: ReturnType<typeof setTimeout> | null = null;
  private previewNext: S.AppState | null = null;
  private view: View | null = null;
  private runKeys: string[] = [];
  private runPreview = false;
  /** The last run was refused: the figures on screen are the ones from before the change. */
  private runError: Issue[] | null = null;
  /** The problems that stopped a run: the refused scenario (as JSON), which variant it was,
   *  and its issues (paths inside it). They are shown while that scenario is on screen. */
  private invalid: { json: string; variant: number; issues: Issue[] } | null = null;
  private past: S.AppState[] = [];
  private future: S.AppState[] = [];
  private msg: Message | null = null;
  private note: Note | null = null;
  private offer: Offer | null = null;
  private storageFailed = false;
  private booted = false;
  private listening = false;
  /** False after a broken link or while a shared state waits for a choice: nothing is
   *  written until the user acts. */
  private saveAllowed = true;
  private blocks = new Map<string, ChartBlock>();
  private heatMetric: C.HeatMetric = 'phone.wait';
  private heatVariant: number | null = null;
  private weeklySeries: C.WeeklySeries = 'phone';
  private sensMetric = C.SENSITIVITY_DEFAULT;
  private shareUrl = '';
  private pendingScenario: Scenario | null = null;
  private token: object = {};
  private announced = '';
  /** The element's own tree (Shadow DOM): no style of the host page reaches in, none leaks out. */
  private shadow: ShadowRoot | null = null;
  private hostEl = h('div', { class: 'ks-host' });
  // Regions
  private root = h('div', { class: 'ks-app' });
  private skipEl = h('a', { class: 'ks-skip', href: '#ks-results' });
  private msgEl = h('div', { class: 'ks-msg', role: 'alert' });
  private offerEl = h('section', { class: 'ks-offer', 'aria-live': 'polite' });
  private noteEl = h('div', { class: 'ks-note-bar', role: 'status' });
  private headerEl = h('header', { class: 'ks-header' });
  private tabsEl = h('div', { class: 'ks-tabs' });
  private leversEl = h('div', { class: 'ks-levers' });
  private staleEl = h('div', { class: 'ks-stale', role: 'alert' });
  private progressEl = h('div', { class: 'ks-progress' });
  // Announced to screen readers when a run ends: the headline result (not every update).
  private liveEl = h('p', { class: 'ks-sr', role: 'status', 'data-live': '' });
  private cardsEl = h('section', { class: 'ks-cardsec' });
  private chartsEl = h('div', { class: 'ks-charts' });
  private keepEl = h('section', { class: 'ks-keep' });
  private aboutEl = h('section', { class: 'ks-about' });
  /** "Din kommune": one's own municipality from its counting weeks (the full page only). */
  private muni = new MuniPanel({
    calibrate: (files, options, signal) => {
      if (!this.client) return Promise.reject(new Error('not started'));
      return this.client.calibrate(files, options, signal);
    },
    inspect: (files) => (this.client?.inspect(files) ?? []) as FileInfo[],
    validate: (s) => this.client?.validate(s) ?? [],
    confirm: (s) => {
      const old = this.st?.baseline;
      this.dispatch((x) => S.useAsBaseline(x, s));
      this.note = {
        da: `«${s.title}» er nu basis (gemt her i browseren; kan deles og eksporteres som et forvalg).${old ? ` «${old.title}» kan fås tilbage med «Fortryd».` : ''}`,
        en: `«${s.titleEn || s.title}» is now the baseline (kept in this browser; it can be shared and exported like a preset).${old ? ` «${old.titleEn || old.title}» can be brought back with «Undo».` : ''}`,
        undo: true,
      };
      this.renderNote();
    },
  });
  private muniEl = h('section', { class: 'ks-munisec', 'aria-label': 'Din kommune' });
  /** The one-page print (hidden on screen). */
  private printEl: HTMLElement = h('div', { class: 'ks-print' });
  private embedTitle = h('h1', { class: 'ks-sr' });
  private resultsEl = h('section', { class: 'ks-results', id: 'ks-results', tabindex: -1 });

  static get observedAttributes(): string[] {
    return ['lang', 'width', 'height'];
  }

  /** `width` / `height` attributes (pixels, or any CSS length) size the element's box, which
   *  it then fills; CSS on the element does the same. */
  private sizeFromAttributes(): void {
    for (const a of ['width', 'height'] as const) {
      const v = this.getAttribute(a)?.trim();
      if (!v) continue;
      const css = /^\d+(\.\d+)?$/.test(v) ? `${v}px` : v;
      if (CSS.supports(a, css)) this.style[a] = css;
    }
  }

  get mode(): 'full' | 'embed' {
    return this.getAttribute('mode') === 'embed' ? 'embed' : 'full';
  }

  private get isPage(): boolean {
    return this.hasAttribute('page');
  }

  /** The localStorage key of this element's work, or null: it keeps nothing. */
  get storageKey(): string | null {
    if (this.isPage) {
      if (this.mode !== 'embed') return STORAGE_KEY;
      // Several embeds of one deck can keep apart: `?embed&storage=slide-3`.
      const name = urlFlags(location).get('storage');
      return name ? `${EMBED_STORAGE_KEY}:${name.slice(0, 80)}` : EMBED_STORAGE_KEY;
    }
    const name = this.getAttribute('storage');
    return name ? `kanalsim:el:${name.slice(0, 80)}` : null;
  }

  private listAttr(name: string, all: readonly string[]): Set<string> | undefined {
    const v = this.getAttribute(name);
    if (v === null) return undefined;
    return new Set(v.split(',').map((s) => s.trim()).filter((s) => all.includes(s)));
  }

  // ---- public API ----------------------------------------------------------------------

  /** The selected variant (a copy). */
  get scenario(): Scenario | null {
    return this.st ? structuredClone(S.selectedScenario(this.st)) : this.pendingScenario;
  }

  /** Replace the selected variant (validated; problems are shown and sent as kanalsim:error). */
  set scenario(s: Scenario | string) {
    let obj: unknown = s;
    if (typeof s === 'string') {
      try {
        obj = JSON.parse(s);
      } catch {
        this.showMessage({ titleDa: t('da', 'scenarioProblem'), titleEn: t('en', 'scenarioProblem'), issues: [{ path: '', en: 'not valid JSON', da: 'ikke gyldig JSON' }] });
        return;
      }
    }
    if (!this.client || !this.st) {
      this.pendingScenario = obj as Scenario;
      return;
    }
    this.applyScenario(obj, 'scenarioProblem');
  }

  get baseline(): Scenario | null {
    return this.st ? structuredClone(this.st.baseline) : null;
  }

  get state(): S.AppState | null {
    return this.st ? structuredClone(this.st) : null;
  }

  /** The last complete results of the selected variant (a copy: changing it changes nothing here). */
  get results(): Results | null {
    const r = this.liveResults();
    return r ? structuredClone(r) : null;
  }

  /** Simulation workers started and terminated so far (a busy one is terminated on cancel). */
  get workerStats(): { spawned: number; terminated: number; workers: number } | null {
    return this.client ? { ...this.client.stats, workers: this.client.workerCount } : null;
  }

  /** The replications after which the last run until stable held (null: none, or not yet). */
  get stableAfter(): number | null {
    return this.view?.u.stable ?? null;
  }

  /** The selected variant's paired difference from the baseline (a copy). */
  get comparison(): Comparison | null {
    if (!this.st) return null;
    const c = this.mapped(this.st).comparisons[this.st.selected] ?? null;
    return c ? structuredClone(c) : null;
  }

  private liveResults(): Results | null {
    if (!this.st || !this.view?.u.final || this.view.preview) return null;
    return this.mapped(this.st).results[this.st.selected] ?? null;
  }

  get running(): boolean {
    return !!this.client?.running;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  cancel(): void {
    this.client?.cancel();
  }

  undo(): void {
    const prev = this.past.pop();
    if (!prev || !this.st) return;
    this.future.push(this.st);
    this.commit(prev, true);
  }

  redo(): void {
    const next = this.future.pop();
    if (!next || !this.st) return;
    this.past.push(this.st);
    this.commit(next, true);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  connectedCallback(): void {
    if (this.booted) return;
    this.booted = true;
    if (!this.shadow) {
      this.shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      // The same text as the page's hashed <style>, so the page's CSP allows it here too.
      const style = document.createElement('style');
      style.textContent = typeof __KS_CSS__ === 'string' ? __KS_CSS__ : '';
      this.shadow.append(style, this.hostEl);
    }
    this.hostEl.append(this.root);
    this.root.append(h('p', { class: 'ks-loading' }, t(this.langAttr(), 'loading')));
    void this.boot();
  }

  disconnectedCallback(): void {
    // Keep workers while the element is only being moved; dispose if it stays detached.
    setTimeout(() => {
      if (!this.isConnected) {
        this.client?.dispose();
        this.client = null;
        for (const b of this.blocks.values()) b.dispose();
        this.booted = false;
        clear(this.hostEl);
        clear(this.root);
      }
    }, 0);
  }

  attributeChangedCallback(name: string): void {
    if (name === 'width' || name === 'height') {
      this.sizeFromAttributes();
      return;
    }
    if (name === 'lang' && this.st && this.langAttr() !== this.st.lang) this.dispatch((s) => S.setLang(s, this.langAttr()), false);
  }

  private langAttr(): S.Lang {
    return this.getAttribute('lang') === 'en' ? 'en' : 'da';
  }

  private async boot(): Promise<void> {
    markOnce('boot');
    const flags = this.isPage ? urlFlags(location) : new Map<string, string>();
    const w = Number(this.getAttribute('workers') ?? flags.get('workers'));
    try {
      this.client = await SimClient.create(Number.isFinite(w) && w > 0 ? w : undefined);
    } catch (e) {
      clear(this.root);
      this.root.append(h('p', { class: 'ks-msg ks-shown', role: 'alert' }, `Kanalsim kunne ikke starte / could not start: ${String(e)}`));
      return;
    }
    const presets = this.client.presets;
    const defaultId = this.getAttribute('preset') ?? 'tonder-2012';
    const lang = (flags.get('lang') === 'en' ? 'en' : undefined) ?? this.langAttr();
    let st = S.choosePreset(presets, presets.some((p) => p.id === defaultId) ? defaultId : presets[0]?.id ?? '', lang);
    const loaded = await this.loadInitial(st);
    if (loaded) st = loaded;
    if (!this.listening) {
      // Once per element (it boots again after being detached and attached).
      this.listening = true;
      if (this.isPage) window.addEventListener('hashchange', () => void this.onHashChange());
      (this.isPage && this.mode === 'full' ? document : this).addEventListener('keydown', (e) => this.onKey(e as KeyboardEvent));
      // Keys in a slide deck: a key a focused control uses stays in the element; the deck's
      // navigation keys otherwise pass through (see deckKey).
      this.addEventListener('keydown', (e) => this.deckKey(e));
    }
    this.st = st;
    clear(this.root);
    this.layout();
    if (this.pendingScenario) {
      const p = this.pendingScenario;
      this.pendingScenario = null;
      this.applyScenario(p, 'scenarioProblem');
    } else {
      // The run first: workers already ready start on it while this thread draws the page.
      this.run();
      this.renderAll();
    }
  }

  // ---- keeping: storage, links, files ----------------------------------------------------------

  private readStorage(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  private writeStorage(key: string, value: string): boolean {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  }

  /** Set when the saved work under the storage key cannot be read here (a newer version's, or
   *  damaged): it is left untouched and this page keeps its own work beside it. */
  private besideKey = false;

  /** Where this page writes its work (see besideKey). */
  private get writeKey(): string | null {
    const key = this.storageKey;
    return key && this.besideKey ? `${key}:beside` : key;
  }

  /** The saved work, if any: a state, or why it cannot be read (it is then left untouched). */
  private readSaved(): { state?: S.AppState; problems: Issue[]; newer?: boolean } {
    const key = this.storageKey;
    const raw = key ? this.readStorage(key) : null;
    if (!key || !raw) return { problems: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const r = this.checkState(parsed);
    if (r.state) return r;
    // Unreadable or from a newer version: never overwritten; this page's work goes beside it.
    this.besideKey = true;
    const mine = this.readStorage(`${key}:beside`);
    let own: S.AppState | undefined;
    try {
      own = mine ? this.checkState(JSON.parse(mine)).state : undefined;
    } catch {
      own = undefined;
    }
    return { state: own, problems: r.problems, newer: r.newer };
  }

  /** The starting state: a shared link or a file's own set (offered beside saved work, never
   *  over it), else the saved work, else null (the preset). Problems become a message. */
  private async loadInitial(preset: S.AppState): Promise<S.AppState | null> {
    const saved = this.readSaved();
    if (saved.problems.length) {
      const newer = !!saved.newer;
      this.msg = {
        titleDa: newer ? 'Dit gemte arbejde er fra en nyere version af Kanalsim og kan ikke åbnes her. Det bliver ikke rørt eller overskrevet – åbn det i den nyere version. Det, du laver her, gemmes ved siden af.' : `${t('da', 'savedProblem')} Det gemte bliver ikke rørt eller overskrevet; det, du laver her, gemmes ved siden af.`,
        titleEn: newer ? 'Your saved work is from a newer version of Kanalsim and cannot be opened here. It will not be touched or overwritten – open it in the newer version. What you do here is saved beside it.' : `${t('en', 'savedProblem')} What was saved will not be touched or overwritten; what you do here is saved beside it.`,
        issues: saved.problems,
      };
    }
    if (!this.isPage) return saved.state ?? null;
    const own = saved.state ?? null;
    // A file saved by "Gem som fil" carries its set; a link carries one in its fragment.
    let incoming: { state?: S.AppState; problems: Issue[]; warnings: Issue[]; from: 'link' | 'file'; seen?: string } | null = null;
    const data = document.getElementById(DATA_ID)?.textContent ?? '';
    if (this.hasLinkPayload(location.hash)) {
      incoming = { ...(await this.decodeLink(location.hash)), from: 'link' };
      this.clearFragment();
    } else if (data) {
      const seen = presetHash(data);
      if (this.readStorage(`${this.storageKey}:seen`) !== seen) incoming = { ...this.decodeFile(data), from: 'file', seen };
    }
    if (!incoming) return own;
    if (!incoming.state) {
      this.msg = { titleDa: own ? t('da', 'linkProblemSaved') : t('da', 'linkProblem'), titleEn: own ? t('en', 'linkProblemSaved') : t('en', 'linkProblem'), issues: incoming.problems };
      this.saveAllowed = false; // nothing is written until the user acts
      return own;
    }
    const inc = incoming.state;
    const untouched = (x: S.AppState) => JSON.stringify(S.persistable({ ...x, lang: 'da' })) === JSON.stringify(S.persistable({ ...preset, lang: 'da' }));
    if (!own || untouched(own) || JSON.stringify(S.persistable(own)) === JSON.stringify(S.persistable(inc))) {
      if (incoming.warnings.length) this.msg = { titleDa: 'Linket er åbnet, men:', titleEn: 'The link has been opened, but:', issues: incoming.warnings };
      if (incoming.seen) this.writeStorage(`${this.storageKey}:seen`, incoming.seen);
      this.saveState(inc);
      return inc;
    }
    this.offer = { from: incoming.from, incoming: inc, own, warnings: incoming.warnings, seen: incoming.seen };
    this.saveAllowed = false;
    return inc;
  }

  private hasLinkPayload(hash: string): boolean {
    return fragmentParam(hash, LINK_KEY) !== null || fragmentPayload(hash) !== null;
  }

  private async onHashChange(): Promise<void> {
    if (!this.client || !this.st || !this.hasLinkPayload(location.hash)) return;
    const r = await this.decodeLink(location.hash);
    this.clearFragment();
    if (r.state) {
      this.offer = { from: 'link', incoming: r.state, own: this.st, warnings: r.warnings };
      this.saveAllowed = false;
      this.past.push(this.st);
      this.st = r.state;
      this.renderAll();
      this.run();
    } else {
      this.showMessage({ titleDa: t('da', 'linkProblemSaved'), titleEn: t('en', 'linkProblemSaved'), issues: r.problems });
    }
  }

  private clearFragment(): void {
    try {
      history.replaceState(null, '', location.href.replace(/#.*$/, '') + this.keptFlags());
    } catch {
      /* file:// in some browsers: leave the fragment */
    }
  }

  /** Embed flags survive clearing the share payload from the fragment. */
  private keptFlags(): string {
    const f = location.hash.replace(/^#/, '').split('&').filter((p) => p && !p.startsWith('s=') && !p.startsWith(`${LINK_KEY}=`));
    return f.length ? `#${f.join('&')}` : '';
  }

  /** A link's state: the compact form (`#k=`) or the older whole-state form (`#s=`). */
  private async decodeLink(hash: string): Promise<{ state?: S.AppState; problems: Issue[]; warnings: Issue[] }> {
    const k = fragmentParam(hash, LINK_KEY);
    if (k !== null) {
      const ld = linkData(k);
      if (!ld.data) return { problems: [ld.problem!], warnings: [] };
      const d = await decodeShare(ld.data);
      if (d.problem) return { problems: [{ ...d.problem, path: '#k' }], warnings: [] };
      const ex = expandState(d.value, this.client!.presets as unknown as Parameters<typeof expandState>[1]);
      if (!ex.value) return { problems: ex.problems, warnings: [] };
      return { ...this.checkState(ex.value), warnings: ex.warnings };
    }
    const d = await decodeShare(fragmentPayload(hash) ?? '');
    if (d.problem) return { problems: [d.problem], warnings: [] };
    return { ...this.checkState(d.value), warnings: [] };
  }

  private decodeFile(text: string): { state?: S.AppState; problems: Issue[]; warnings: Issue[] } {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      return { problems: [{ path: DATA_ID, en: 'the scenarios in this file are damaged', da: 'scenarierne i denne fil er beskadigede' }], warnings: [] };
    }
    const o = obj as { kind?: string; state?: unknown } | null;
    return { ...this.checkState(o && o.kind === 'kanalsim-set' ? o.state : obj), warnings: [] };
  }

  /** Shape check, then every scenario validated by the engine (issues with field paths). */
  private checkState(x: unknown): { state?: S.AppState; problems: Issue[]; newer?: boolean } {
    const r = S.checkStateShape(x);
    if (!r.state || !this.client) return { problems: r.problems, newer: r.newer };
    const problems: Issue[] = [];
    S.variants(r.state).forEach((s, i) => {
      const where = i === 0 ? 'baseline' : `scenarios[${i - 1}]`;
      for (const is of this.client!.validate(s)) problems.push({ ...is, path: is.path ? `${where}.${is.path}` : where });
    });
    if (problems.length) return { problems: problems.slice(0, 30) };
    return { state: r.state, problems: [] };
  }

  private saveState(st: S.AppState): void {
    const key = this.writeKey;
    if (!key || !this.saveAllowed) return;
    const ok = this.writeStorage(key, JSON.stringify(S.persistable(st)));
    if (ok === !this.storageFailed) return;
    this.storageFailed = !ok;
    this.renderNote();
  }

  private readSets(): SavedSet[] {
    const key = this.storageKey;
    if (!key) return [];
    try {
      const v = JSON.parse(this.readStorage(`${key}:sets`) ?? '[]') as unknown;
      return Array.isArray(v) ? (v as SavedSet[]).filter((x) => x && typeof x.name === 'string' && x.state) : [];
    } catch {
      return [];
    }
  }

  private writeSets(sets: SavedSet[]): boolean {
    const key = this.storageKey;
    if (!key) return false;
    const ok = this.writeStorage(`${key}:sets`, JSON.stringify(sets.slice(0, MAX_SETS)));
    if (!ok) {
      this.storageFailed = true;
      this.renderNote();
    }
    return ok;
  }

  /** Keep a state as a named set (the newest first); a set of the same name is replaced. */
  saveSet(name: string, st: S.AppState): boolean {
    const n = name.replace(/\s+/g, ' ').trim().slice(0, 80);
    if (!n) return false;
    const sets = this.readSets().filter((x) => x.name !== n);
    return this.writeSets([{ name: n, savedAt: new Date().toISOString(), state: S.persistable(st) }, ...sets]);
  }

  /** The user's choice about a shared state (see Offer). */
  private resolveOffer(choice: 'instead' | 'beside' | 'own', silent = false): void {
    const o = this.offer;
    if (!o || !this.st) return;
    const lang = this.st.lang;
    this.offer = null;
    this.saveAllowed = true;
    if (o.seen) this.writeStorage(`${this.storageKey}:seen`, o.seen);
    const what = o.from === 'link' ? { da: 'linket', en: 'the link' } : { da: 'filen', en: 'the file' };
    if (choice === 'instead') {
      const name = `${lang === 'da' ? 'Mit arbejde før' : 'My work before'} ${lang === 'da' ? what.da : what.en} (${stamp(lang)})`;
      this.saveSet(name, o.own);
      this.saveState(this.st);
      this.note = { da: `Dit eget arbejde er gemt som sættet «${name}» under «Gemte sæt»${silent ? ', fordi du ændrede i det delte' : ''}.`, en: `Your own work has been kept as the set «${name}» under «Saved sets»${silent ? ', because you edited the shared one' : ''}.` };
      if (!silent) this.renderAll();
      return;
    }
    if (choice === 'own') {
      const name = `${lang === 'da' ? 'Fra' : 'From'} ${lang === 'da' ? what.da : what.en} (${stamp(lang)})`;
      this.saveSet(name, o.incoming);
      this.past.push(this.st);
      this.note = { da: `Dit eget arbejde vises igen. Det delte er gemt som sættet «${name}».`, en: `Your own work is shown again. The shared one has been kept as the set «${name}».`, undo: true };
      this.commit(o.own, true, false);
      return;
    }
    // Beside: the shared scenarios next to one's own (same baseline, room for them).
    const merged = this.besideState(o);
    if (!merged) return;
    this.past.push(o.own);
    this.note = { da: 'Scenarierne fra det delte er lagt ved siden af dine egne.', en: 'The shared scenarios have been put beside your own.', undo: true };
    this.commit(merged, true, false);
  }

  private besideState(o: Offer): S.AppState | null {
    if (S.contentKey(o.own.baseline) !== S.contentKey(o.incoming.baseline)) return null;
    const mine = new Set(o.own.scenarios.map((s) => S.contentKey(s)));
    const add = o.incoming.scenarios.filter((s) => !mine.has(S.contentKey(s)));
    if (o.own.scenarios.length + add.length > S.MAX_SCENARIOS) return null;
    const next = clone(o.own);
    for (const s of add) next.scenarios.push({ ...clone(s), simulation: { ...next.baseline.simulation } });
    next.selected = add.length ? o.own.scenarios.length + 1 : next.selected;
    return next;
  }

  /** Validate and use a scenario (from a file, or set as the `scenario` property). */
  private applyScenario(obj: unknown, title: 'importProblem' | 'scenarioProblem' = 'importProblem'): void {
    if (!this.client || !this.st) return;
    const issues = this.client.validate(obj);
    if (issues.length) {
      this.showMessage({ titleDa: t('da', title), titleEn: t('en', title), issues });
      this.dispatchEvent(new CustomEvent('kanalsim:error', { detail: { issues }, bubbles: true, composed: true }));
      return;
    }
    this.msg = null;
    const st = this.st;
    const s = obj as Scenario;
    const old = S.selectedScenario(st);
    if (title === 'importProblem') {
      const n = st.scenarios.length;
      this.note = st.selected === 0 && n > 0
        ? { da: `Den importerede basis «${s.title}» erstatter «${old.title}». Dine ${n} scenarier sammenlignes nu med den.`, en: `The imported baseline «${s.titleEn || s.title}» replaces «${old.titleEn || old.title}». Your ${n} scenarios are now compared with it.`, undo: true }
        : { da: `«${s.title}» erstatter «${old.title}».`, en: `«${s.titleEn || s.title}» replaces «${old.titleEn || old.title}».`, undo: true };
    }
    this.dispatch((x) => S.replaceSelected(x, s));
  }

  // ---- state changes -------------------------------------------------------------------------

  private dispatch: Dispatch & ((f: (s: S.AppState) => S.AppState, rerun?: boolean) => void) = (f, rerunArg?: boolean) => {
    const rerun = rerunArg !== false;
    if (!this.st) return;
    const prev = this.st;
    const next = f(prev);
    if (next === prev) return;
    const langOnly = next.lang !== prev.lang && JSON.stringify({ ...next, lang: '' }) === JSON.stringify({ ...prev, lang: '' });
    const selOnly = !langOnly && next.selected !== prev.selected && JSON.stringify({ ...next, selected: 0 }) === JSON.stringify({ ...prev, selected: 0 });
    if (!langOnly && !selOnly) {
      // An edit of a shared state that waits for a choice: one's own work is kept as a set first.
      if (this.offer) this.resolveOffer('instead', true);
      this.past.push(prev);
      if (this.past.length > MAX_HISTORY) this.past.shift();
      this.future = [];
    }
    this.commit(next, rerun && !langOnly && !selOnly, !langOnly && !selOnly);
  };

  /** Make `next` the state: kept, shown and (if `rerun`) run. */
  private commit(next: S.AppState, rerun: boolean, edit = true): void {
    this.st = next;
    // A preview still waiting would replace the run of the edit: it is dropped.
    this.previewSt = null;
    this.previewNext = null;
    if (this.previewTimer) clearTimeout(this.previewTimer);
    this.previewTimer = null;
    // A link made before this change would share the old state: hide it until asked again.
    this.shareUrl = '';
    if (edit || !this.offer) this.saveAllowed = !this.offer;
    this.saveState(next);
    this.renderAll();
    if (rerun) this.run();
    else this.announce();
  }

  private onKey(e: KeyboardEvent): void {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = e.key.toLowerCase();
    if (k !== 'z' && k !== 'y') return;
    const el = e.target as HTMLElement | null;
    // Text fields keep their own undo.
    if (el && (el.tagName === 'TEXTAREA' || el.isContentEditable || (el.tagName === 'INPUT' && ['text', 'number', 'search', 'url'].includes((el as HTMLInputElement).type)))) return;
    e.preventDefault();
    if (k === 'y' || e.shiftKey) this.redo();
    else this.undo();
  }

  /**
   * Keys and a slide deck around the element. A key that the focused control uses (typing in a
   * field, a slider's or a select's arrows, Space on a button, the hour grid's arrows) stops
   * here, so the deck does not also act on it; any other key (arrows, Space, Page Up/Down on
   * no control that uses them) goes on to the deck. Escape leaves the element: the control
   * loses focus and the keys belong to the deck again. In the iframe embed the deck is in
   * another document: the keys it should have are posted to it (`kanalsim:key`, see the README's
   * deck), and Escape posts `kanalsim:leave`.
   */
  private deckKey(e: KeyboardEvent): void {
    // The full page is not in a deck: its keys stay as they are.
    if (this.isPage && this.mode === 'full') return;
    if (e.defaultPrevented && e.key !== 'Escape') {
      e.stopPropagation();
      return;
    }
    const el = (e.composedPath()[0] ?? null) as HTMLElement | null;
    const inFrame = this.isPage && window.parent !== window;
    if (e.key === 'Escape') {
      const active = this.shadow?.activeElement as HTMLElement | null;
      if (!active) return;
      e.stopPropagation();
      active.blur();
      if (inFrame) window.parent.postMessage({ type: 'kanalsim:leave' }, '*');
      return;
    }
    if (!usesKey(el, e)) {
      if (inFrame && DECK_KEYS.has(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        window.parent.postMessage({ type: 'kanalsim:key', key: e.key, shiftKey: e.shiftKey }, '*');
      }
      return;
    }
    e.stopPropagation();
  }

  /** A quick low-replication run of a state being dragged to (a slider): shown, not kept. */
  private preview(f: (s: S.AppState) => S.AppState): void {
    if (!this.st) return;
    this.previewNext = f(this.st);
    if (this.previewTimer) return;
    const go = () => {
      this.previewTimer = null;
      const p = this.previewNext;
      this.previewNext = null;
      if (!p || !this.st) return;
      this.previewSt = p;
      this.runState(p, true);
      this.previewTimer = setTimeout(() => {
        this.previewTimer = null;
        if (this.previewNext) go();
      }, 300);
    };
    go();
  }

  private leverCtx: LeverCtx = {
    note: (da, en) => {
      this.note = { da, en };
      this.renderNote();
    },
    preview: (f) => this.preview(f),
    counterMode: (mode) => this.switchCounter(mode),
  };

  /** Switch the selected variant's counter (walk-in, by appointment, both): the engine's
   *  `withCounterMode` keeps the staff hours; only what it changes is taken over. */
  private switchCounter(mode: S.CounterMode): void {
    const st = this.st;
    if (!st || !this.client) return;
    const s = S.selectedScenario(st);
    if (S.counterMode(s) === mode) return;
    const r = this.client.withCounterMode(s, mode);
    if (!r.scenario) {
      this.showMessage({ titleDa: 'Skranken kunne ikke skiftes, fordi scenariet har et problem. Ret det først (eller fortryd):', titleEn: 'The counter could not be switched because the scenario has a problem. Fix it first (or undo):', issues: r.issues });
      this.renderAll();
      return;
    }
    const switched = r.scenario;
    this.dispatch((x) => S.applyCounterMode(x, switched));
  }

  /** The notes Kanalsim proposes the appointment settings with: those of the preset whose
   *  counter is by appointment (its scenario note on the switch itself left out). */
  private apptNotes(): LeverCtx['apptNotes'] {
    const preset = this.client?.presets.find((p) => p.appointments?.mode === 'appointment') ?? null;
    const notes = (preset?.sources ?? []).filter((n) => n.topic.startsWith('appointments.') && n.topic !== 'appointments.mode');
    return { notes, preset };
  }

  private run(): void {
    if (this.st) this.runState(this.st, false);
  }

  private runState(st: S.AppState, preview: boolean): void {
    if (!this.client) return;
    let variants = S.variants(st);
    const base = variants[0]!;
    if (preview) {
      const sim = { ...base.simulation, replications: Math.min(PREVIEW_REPS, base.simulation.replications) };
      variants = variants.map((v) => ({ ...v, simulation: sim }));
    }
    const keys = variants.map((v) => variantKey(v, base));
    this.setAttribute('data-state', 'running');
    const token = {};
    this.token = token;
    this.runPreview = preview;
    this.runKeys = keys;
    // Updates of a run replaced by a newer one (it is cancelled first) are ignored.
    this.client.run(variants, (u) => {
      if (this.token === token) this.onUpdate(u, keys, preview);
    }, preview ? undefined : st.precision);
    this.renderProgress();
  }

  private onUpdate(u: RunUpdate, keys: string[], preview: boolean): void {
    if (u.error) {
      const who = u.error.variant === 0 ? 'baseline' : `scenarios[${u.error.variant - 1}]`;
      const issues = u.error.failure.issues.length ? u.error.failure.issues.map((i) => ({ ...i, path: `${who}.${i.path}` })) : [{ path: who, en: u.error.failure.message, da: u.error.failure.message }];
      this.showMessage({ titleDa: t('da', 'problemTitle'), titleEn: t('en', 'problemTitle'), issues, ofRun: true });
      this.setAttribute('data-state', 'error');
      // The figures from before stay on screen, marked as such (this.view is kept).
      this.runError = issues;
      const st = preview ? this.previewSt : this.st;
      // A run over the work budget concerns the whole run (all variants run with the same
      // settings): its problems are shown with whichever scenario is on screen.
      const variant = u.error.failure.kind === 'tooMuchWork' && st ? st.selected : u.error.variant;
      const refused = st ? S.variants(st)[variant] : undefined;
      this.invalid = refused && !preview ? { json: JSON.stringify(refused), variant, issues: u.error.failure.issues } : this.invalid;
      this.renderAll();
      return;
    }
    this.view = { keys, u, preview };
    this.runError = null;
    this.renderProgress();
    this.renderResults();
    this.dispatchEvent(new CustomEvent('kanalsim:update', { detail: { done: u.done, total: u.total, final: u.final, cancelled: u.cancelled, preview } }));
    if (this.msg?.ofRun) {
      // The scenario runs again: its earlier problem is fixed.
      this.msg = null;
      this.renderMessage();
    }
    if (u.final && !preview) {
      this.setAttribute('data-state', u.cancelled ? 'cancelled' : 'done');
      this.announce();
    } else {
      this.setAttribute('data-state', u.final ? 'preview' : 'running');
    }
  }

  /** The numbers of the current run mapped onto the variants of `st`, by what each variant
   *  is: a removed or changed variant never shows another's figures. */
  private mapped(st: S.AppState): { results: (Results | null)[]; comparisons: (Comparison | null)[]; stale: boolean } {
    const vs = S.variants(st);
    const base = vs[0]!;
    const keys = vs.map((v) => variantKey(v, base));
    const view = this.view;
    if (!view) return { results: vs.map(() => null), comparisons: vs.map(() => null), stale: false };
    const stale = !!this.runError;
    const idx = keys.map((k, j) => {
      const i = view.keys.indexOf(k);
      // After a refused change, the variants' figures from before it are kept (marked).
      return i >= 0 ? i : stale && view.keys.length === keys.length ? j : -1;
    });
    const sameBase = view.keys[0] === keys[0] || (stale && idx[0] === 0);
    return {
      results: idx.map((i) => (i >= 0 ? view.u.results[i] ?? null : null)),
      comparisons: idx.map((i, j) => (j > 0 && i > 0 && sameBase ? view.u.comparisons[i] ?? null : null)),
      stale,
    };
  }

  /** Beside the adoption lever: what it means for all errands (digital.adoptionOfAllErrands). */
  private renderAdoptionShare(lang: S.Lang, r: Results | null, preview: boolean): void {
    const el = this.leversEl.querySelector<HTMLElement>('[data-live-share]');
    if (!el) return;
    const m = r?.metrics['digital.adoptionOfAllErrands'];
    const da = lang === 'da';
    if (!m || !Number.isFinite(m.mean)) {
      el.textContent = da ? 'Andel af alle ærinder: beregnes …' : 'Share of all errands: computing …';
      return;
    }
    const p = (x: number) => `${num(lang, x * 100, 1)} %`;
    el.dataset.value = String(m.mean);
    el.textContent = da
      ? `Det svarer til ${p(m.mean)} af alle ærinder (90 % af de simulerede år: ${p(m.p5)}–${p(m.p95)})${preview ? ', foreløbig' : ''}.`
      : `That is ${p(m.mean)} of all errands (90 % of the simulated years: ${p(m.p5)}–${p(m.p95)})${preview ? ', preliminary' : ''}.`;
  }

  /** The one-page print of the compared scenario, once a run is complete. */
  private renderPrintPage(): void {
    const st = this.st;
    if (!st || !this.client || this.mode === 'embed') return;
    const { results, comparisons } = this.mapped(st);
    const si = st.selected > 0 ? st.selected : st.scenarios.length ? 1 : 0;
    const charts: { title: string; svg: string }[] = [];
    for (const id of ['contacts', 'cost', 'heatmap', 'gaveup']) {
      const b = this.blocks.get(id);
      const svg = b?.svgString();
      if (b && svg && charts.length < 2) charts.push({ title: b.title, svg });
    }
    const el = renderPrint({ lang: st.lang, defs: this.client.allMetrics, labels: this.labels(st.lang), variants: S.variants(st), si, results, comparisons, version: this.client.version, charts });
    this.printEl.replaceWith(el);
    this.printEl = el;
    fitPrint(el, st.lang);
  }

  /** The headline for screen readers and the results event, once a run is complete. */
  private announce(): void {
    const st = this.st;
    if (!st || !this.client) return;
    // The event's detail is a copy of its own: a listener that edits it changes nothing here.
    const r = this.liveResults();
    if (r) this.dispatchEvent(new CustomEvent('kanalsim:results', { detail: structuredClone(r), bubbles: true, composed: true }));
    const view = this.view;
    if (!view?.u.final || view.preview) return;
    const { results, comparisons } = this.mapped(st);
    const lang = st.lang;
    const labels = this.labels(lang);
    this.renderPrintPage();
    if (this.mode === 'full') {
      // The About panel's realised handling times come with the complete results.
      const open = this.aboutEl.querySelector('details')?.open ?? false;
      clear(this.aboutEl);
      const about = renderAbout(lang, S.variants(st), this.client.version, results[0] ?? null);
      if (about instanceof HTMLDetailsElement) about.open = open;
      this.aboutEl.append(about);
    }
    const si = st.selected > 0 ? st.selected : st.scenarios.length ? 1 : 0;
    const id = 'contacts.personalAndPhone.information';
    const def = this.client.metrics.find((d) => d.id === id);
    const b = results[0]?.metrics[id];
    const sc = si > 0 ? results[si]?.metrics[id] : undefined;
    const d = si > 0 ? comparisons[si]?.difference[id] : undefined;
    if (!def || !b) return;
    const name = lang === 'da' ? def.da : def.en;
    const years = results[0]?.replications ?? 0;
    let text = `${view.u.cancelled ? t(lang, 'cancelled') : t(lang, 'finished')}: ${num(lang, years)} ${t(lang, 'doneRuns')}. `;
    text += sc
      ? `«${labels[si]}»: ${name.toLowerCase()} ${num(lang, sc.mean)} ${lang === 'da' ? 'om året' : 'a year'} (${lang === 'da' ? 'basis' : 'baseline'} ${num(lang, b.mean)}${d ? `; ${lang === 'da' ? 'forskel' : 'difference'} ${d.mean < 0 ? '−' : '+'}${num(lang, Math.abs(d.mean))}` : ''}).`
      : `${labels[0]}: ${name.toLowerCase()} ${num(lang, b.mean)} ${lang === 'da' ? 'om året' : 'a year'}.`;
    if (text !== this.announced) {
      this.announced = text;
      this.liveEl.textContent = text;
    }
  }

  // ---- rendering -----------------------------------------------------------------------------

  private layout(): void {
    const embed = this.mode === 'embed';
    this.root.classList.toggle('ks-embed', embed);
    const results = this.resultsEl;
    results.append(this.liveEl, this.staleEl, this.progressEl, this.cardsEl, this.chartsEl);
    const main = h('div', { class: 'ks-main' }, this.leversEl, results);
    this.skipEl.addEventListener('click', (e) => {
      e.preventDefault();
      this.resultsEl.focus();
      this.resultsEl.scrollIntoView();
    });
    // The embed page (in an iframe) still has a level-one heading, for screen-reader users.
    if (embed && this.isPage) this.root.append(this.embedTitle);
    if (embed) this.root.append(this.msgEl, this.offerEl, this.noteEl, this.tabsEl, main);
    else {
      this.muniEl.append(this.muni.el);
      this.root.append(this.skipEl, this.headerEl, this.muniEl, this.msgEl, this.offerEl, this.noteEl, this.tabsEl, main, this.keepEl, this.aboutEl, this.printEl);
    }
    const charts = this.listAttr('charts', CHART_IDS) ?? new Set<string>(CHART_IDS);
    for (const id of CHART_IDS) {
      if (id === 'cards' || !charts.has(id)) continue;
      const b = new ChartBlock(id, () => this.st?.baseline.id ?? 'kanalsim', embed, (title) => this.frameMeta(id, title));
      this.blocks.set(id, b);
      this.chartsEl.append(b.el);
    }
    this.cardsEl.hidden = !charts.has('cards');
    // More than two charts in a slide: each keeps a readable height and the element scrolls.
    this.chartsEl.classList.toggle('ks-many', this.blocks.size > 2);
  }

  /** Each variant's name as shown: an edited preset says it was changed. */
  private labels(lang: S.Lang = this.st?.lang ?? 'da', st: S.AppState | null = this.st): string[] {
    if (!st) return [];
    const presets = this.client?.presets ?? [];
    return S.variants(st).map((s, i) => {
      let title = lang === 'da' ? s.title : s.titleEn || s.title;
      if (S.editedPreset(s, presets)) title += ` (${t(lang, 'changedMark')})`;
      return i === 0 ? `${t(lang, 'baseline')}: ${title}` : title;
    });
  }

  private renderAll(): void {
    const st = this.st;
    if (!st) return;
    if (this.getAttribute('lang') !== st.lang) this.setAttribute('lang', st.lang);
    this.root.lang = st.lang;
    if (this.isPage) document.documentElement.lang = st.lang;
    this.embedTitle.textContent = t(st.lang, 'appTitle');
    this.skipEl.textContent = t(st.lang, 'skip');
    this.resultsEl.setAttribute('aria-label', t(st.lang, 'results'));
    if (this.isPage) document.title = t(st.lang, 'docTitle');
    const focusKey = (this.shadow?.activeElement as HTMLElement | null)?.dataset?.k;
    const openKeys = new Map<string, boolean>();
    this.root.querySelectorAll<HTMLDetailsElement>('details[data-k]').forEach((d) => openKeys.set(d.dataset.k ?? '', d.open));
    this.renderMessage();
    this.renderOffer();
    this.renderNote();
    if (this.mode === 'full') {
      this.renderHeader();
      this.muni.setLang(st.lang);
      this.muniEl.setAttribute('aria-label', st.lang === 'da' ? 'Din kommune' : 'Your municipality');
      this.renderKeep();
      clear(this.aboutEl);
      const { results } = this.mapped(st);
      this.aboutEl.append(renderAbout(st.lang, S.variants(st), this.client?.version ?? '', results[0] ?? null));
    }
    this.renderTabs();
    clear(this.leversEl);
    const only = this.listAttr('levers', LEVER_IDS);
    this.leverCtx.apptNotes = this.apptNotes();
    if (!(this.mode === 'embed' && only && only.size === 0)) {
      this.leversEl.append(h('h2', {}, `${t(st.lang, 'levers')}`), ...renderLevers(st, this.dispatch, this.mode === 'embed' ? only ?? new Set(['hours', 'adoption']) : only, this.leverCtx));
    }
    this.leversEl.hidden = this.leversEl.childElementCount === 0;
    // A results-only embed uses the whole width.
    this.root.classList.toggle('ks-nolevers', this.leversEl.hidden);
    this.root.querySelectorAll<HTMLDetailsElement>('details[data-k]').forEach((d) => {
      const o = openKeys.get(d.dataset.k ?? '');
      if (o !== undefined) d.open = o;
    });
    const inv = this.invalid;
    if (inv && inv.variant === st.selected && inv.json === JSON.stringify(S.selectedScenario(st))) markProblems(this.leversEl, st.lang, inv.issues);
    this.renderProgress();
    this.renderResults();
    if (focusKey) this.root.querySelector<HTMLElement>(`[data-k="${CSS.escape(focusKey)}"]`)?.focus();
  }

  private showMessage(m: Message): void {
    this.msg = m;
    this.renderMessage();
  }

  private renderMessage(): void {
    clear(this.msgEl);
    const m = this.msg;
    this.msgEl.classList.toggle('ks-shown', !!m);
    if (!m) return;
    const cut = (s: string) => (s.length > 240 ? `${s.slice(0, 240)} …` : s);
    // Paths name the variants on screen only for a problem of the run; a link's or a file's
    // variants are named by their place (basis, scenarie 1 …).
    const da = m.ofRun ? this.labels('da') : [];
    const en = m.ofRun ? this.labels('en') : [];
    const list = h('ul', {}, ...m.issues.map((i) => {
      const pd = plainPath('da', i.path, da);
      const pe = plainPath('en', i.path, en);
      return h('li', { 'data-path': i.path }, pd ? h('strong', {}, cut(pd)) : null, pd ? ': ' : '', cut(plainMessage('da', i.da)), h('span', { lang: 'en', class: 'ks-en' }, ` / ${pe ? `${cut(pe)}: ` : ''}${cut(plainMessage('en', i.en))}`));
    }));
    const close = button(`${t('da', 'dismiss')} / ${t('en', 'dismiss')}`, 'dismiss', () => {
      this.msg = null;
      this.renderMessage();
    }, 'ks-small');
    this.msgEl.append(h('p', {}, h('strong', {}, m.titleDa), ' ', h('span', { lang: 'en' }, m.titleEn)), list, close);
  }

  /** The choice offered when a shared link or file meets one's own saved work. */
  private renderOffer(): void {
    clear(this.offerEl);
    const o = this.offer;
    this.offerEl.hidden = !o;
    const st = this.st;
    if (!o || !st) return;
    const lang = st.lang;
    const da = lang === 'da';
    const what = o.from === 'link' ? (da ? 'et delt link' : 'a shared link') : (da ? 'en fil med scenarier' : 'a file with scenarios');
    const ownDesc = `«${o.own.baseline.title}»${o.own.scenarios.length ? ` ${da ? 'og' : 'and'} ${o.own.scenarios.length} ${da ? (o.own.scenarios.length === 1 ? 'scenarie' : 'scenarier') : o.own.scenarios.length === 1 ? 'scenario' : 'scenarios'}` : ''}`;
    const beside = this.besideState(o);
    this.offerEl.append(
      h('h2', {}, da ? `Du har åbnet ${what}` : `You have opened ${what}`),
      h('p', {}, da
        ? `Det vises nu. Dit eget gemte arbejde (${ownDesc}) er ikke ændret, og intet gemmes, før du vælger:`
        : `It is shown now. Your own saved work (${ownDesc}) has not been changed, and nothing is saved until you choose:`),
      ...(o.warnings.length ? [h('ul', { class: 'ks-warn' }, ...o.warnings.map((w) => h('li', {}, da ? w.da : w.en)))] : []),
      h('div', { class: 'ks-quick' },
        button(da ? 'Brug det delte (mit eget gemmes som sæt)' : 'Use the shared one (mine is kept as a set)', 'offer-instead', () => this.resolveOffer('instead')),
        beside ? button(da ? 'Læg de delte scenarier ved siden af mine' : 'Put the shared scenarios beside mine', 'offer-beside', () => this.resolveOffer('beside')) : null,
        button(da ? 'Behold mit eget (det delte gemmes som sæt)' : 'Keep mine (the shared one is kept as a set)', 'offer-own', () => this.resolveOffer('own')),
      ),
    );
  }

  private renderNote(): void {
    clear(this.noteEl);
    const lang = this.st?.lang ?? 'da';
    const parts: HTMLElement[] = [];
    if (this.storageFailed) {
      parts.push(h('p', { class: 'ks-storagefail', 'data-note': 'storage' }, lang === 'da'
        ? 'Ændringerne kan ikke gemmes i browseren (lageret er fuldt eller slået fra). Brug «Gem som fil» eller «Eksportér hele sættet», så du ikke mister dem.'
        : 'Your changes cannot be saved in the browser (its storage is full or turned off). Use «Save as file» or «Export the whole set» so you do not lose them.'));
    }
    const n = this.note;
    if (n) {
      const p = h('p', { 'data-note': 'info' }, lang === 'da' ? n.da : n.en, ' ');
      if (n.undo && this.past.length) p.append(button(t(lang, 'undo'), 'note-undo', () => this.undo(), 'ks-small'), ' ');
      p.append(button(t(lang, 'dismiss'), 'note-dismiss', () => {
        this.note = null;
        this.renderNote();
      }, 'ks-small ks-ghost'));
      parts.push(p);
    }
    this.noteEl.append(...parts);
    this.noteEl.classList.toggle('ks-shown', parts.length > 0);
  }

  private renderHeader(): void {
    const st = this.st;
    if (!st || !this.client) return;
    clear(this.headerEl);
    const lang = st.lang;
    const langBtns = h('div', { class: 'ks-lang', role: 'group', 'aria-label': t(lang, 'language') },
      ...(['da', 'en'] as const).map((l) => {
        const b = button(l === 'da' ? 'Dansk' : 'English', `lang-${l}`, () => this.dispatch((s) => S.setLang(s, l), false), 'ks-small');
        b.setAttribute('aria-pressed', String(l === lang));
        b.lang = l;
        return b;
      }));
    const sel = h('select', { id: 'ks-preset', 'data-k': 'preset' });
    const current = st.scenarios.length === 1 ? st.scenarios[0]?.id : st.baseline.id;
    // One's own municipality (no preset): named first, so the list does not show another town.
    if (!this.client.presets.some((p) => p.id === current)) {
      sel.append(h('option', { value: '', selected: true, disabled: true }, lang === 'da' ? st.baseline.title : st.baseline.titleEn || st.baseline.title));
    }
    for (const p of this.client.presets) {
      const o = h('option', { value: p.id }, lang === 'da' ? p.title : p.titleEn || p.title);
      if (p.id === current) o.selected = true;
      sel.append(o);
    }
    sel.addEventListener('change', () => {
      const before = this.st;
      this.dispatch((s) => S.choosePreset(this.client!.presets, sel.value, s.lang));
      if (before && before !== this.st) this.leverCtx.note(`Forvalget er skiftet. Dit tidligere arbejde kan fås tilbage med «Fortryd».`, 'The preset has been switched. Your earlier work can be brought back with «Undo».');
      if (this.note) this.note.undo = true;
      this.renderNote();
    });
    this.headerEl.append(
      h('div', { class: 'ks-titles' }, h('h1', {}, t(lang, 'appTitle')), h('p', { class: 'ks-tagline' }, t(lang, 'tagline'))),
      h('div', { class: 'ks-headctl' }, h('label', { for: 'ks-preset' }, t(lang, 'preset')), sel, langBtns),
    );
  }

  private renderTabs(): void {
    const st = this.st;
    if (!st) return;
    clear(this.tabsEl);
    const lang = st.lang;
    const labels = this.labels();
    const list = h('div', { class: 'ks-tablist', role: 'group', 'aria-label': t(lang, 'variants') });
    labels.forEach((l, i) => {
      const b = button(l, `select-${i}`, () => this.dispatch((s) => S.select(s, i)), `ks-tab ks-v${i}`);
      b.setAttribute('aria-pressed', String(i === st.selected));
      list.append(b);
    });
    if (st.scenarios.length < S.MAX_SCENARIOS) {
      list.append(button(t(lang, 'addScenario'), 'add-scenario', () => {
        this.dispatch((s) => S.addScenario(s));
        // A new scenario is named first (its name goes into every legend).
        const n = this.st?.scenarios.length ?? 0;
        const input = this.root.querySelector<HTMLInputElement>(`[data-k="name-${n}"]`);
        input?.focus();
        input?.select();
      }, 'ks-add'));
    }
    const undo = button(`↶ ${t(lang, 'undo')}`, 'undo', () => this.undo(), 'ks-small ks-ghost');
    undo.disabled = !this.past.length;
    undo.setAttribute('aria-keyshortcuts', 'Control+Z');
    const redo = button(`↷ ${t(lang, 'redo')}`, 'redo', () => this.redo(), 'ks-small ks-ghost');
    redo.disabled = !this.future.length;
    redo.setAttribute('aria-keyshortcuts', 'Control+Shift+Z');
    this.tabsEl.append(h('div', { class: 'ks-tabrow' }, list, h('div', { class: 'ks-history', role: 'group', 'aria-label': `${t(lang, 'undo')} / ${t(lang, 'redo')}` }, undo, redo)));
    // The selected variant: its name and description (editable), what it changes, copy, remove.
    const sel = S.selectedScenario(st);
    const i = st.selected;
    const nameIn = h('input', { type: 'text', id: `ks-name-${i}`, 'data-k': `name-${i}`, value: lang === 'da' ? sel.title : sel.titleEn || sel.title, maxlength: 80, class: 'ks-name' });
    nameIn.addEventListener('change', () => this.dispatch((s) => S.renameVariant(s, i, nameIn.value)));
    const descIn = h('input', { type: 'text', id: `ks-desc-${i}`, 'data-k': `desc-${i}`, value: (lang === 'da' ? sel.description : sel.descriptionEn || sel.description) ?? '', maxlength: 400, class: 'ks-desc' });
    descIn.addEventListener('change', () => this.dispatch((s) => S.describeVariant(s, i, descIn.value)));
    const presets = this.client?.presets ?? [];
    const edited = S.editedPreset(sel, presets);
    const against = i === 0 ? edited : st.baseline;
    const areas = against ? S.changedAreas(against, sel) : [];
    const changes = i === 0
      ? edited ? `${t(lang, 'changedFrom')} ${lang === 'da' ? 'forvalget' : 'the preset'}: ${areaWords(lang, areas)}.` : ''
      : areas.length ? `${t(lang, 'changedFrom')} ${lang === 'da' ? 'basis' : 'the baseline'}: ${areaWords(lang, areas)}.` : t(lang, 'sameAsBase');
    const presetNote = edited && i > 0 ? (lang === 'da' ? ` Beskrivelsen er forvalgets; scenariet er ændret siden (${areaWords(lang, S.changedAreas(edited, sel))}).` : ` The description is the preset’s; the scenario has been changed since (${areaWords(lang, S.changedAreas(edited, sel))}).`) : '';
    const row = h('div', { class: 'ks-editing' },
      h('p', { class: 'ks-editline' }, `${t(lang, 'editing')}: `, h('strong', {}, labels[i] ?? '')),
      h('div', { class: 'ks-namerow' }, ctl(t(lang, 'name'), nameIn), ctl(t(lang, 'describe'), descIn)),
      changes || presetNote ? h('p', { class: 'ks-muted ks-changes', 'data-changes': '' }, changes, presetNote) : null,
    );
    const acts = h('div', { class: 'ks-quick' });
    if (st.scenarios.length < S.MAX_SCENARIOS) acts.append(button(t(lang, 'duplicate'), 'duplicate', () => this.dispatch((s) => S.duplicateVariant(s, s.selected)), 'ks-small'));
    if (i > 0) {
      acts.append(button(t(lang, 'removeScenario'), 'remove-scenario', () => {
        const name = labels[i] ?? '';
        this.dispatch((s) => S.removeScenario(s, s.selected));
        this.note = { da: `«${name}» er fjernet.`, en: `«${name}» has been removed.`, undo: true };
        this.renderNote();
      }, 'ks-small'));
    }
    row.append(acts);
    this.tabsEl.append(row);
  }

  private renderProgress(): void {
    const st = this.st;
    if (!st) return;
    const lang = st.lang;
    clear(this.progressEl);
    const view = this.view;
    const shown = this.previewSt ?? st;
    const reps = st.baseline.simulation.replications;
    const running = !!this.client?.running;
    const { results } = this.mapped(shown);
    // Honest: the years every variant has (what the cards compare), of the years asked for.
    const common = results.reduce((a, r) => Math.min(a, r?.replications ?? 0), Infinity);
    const years = Number.isFinite(common) ? common : 0;
    const preview = this.runPreview && (running || !!view?.preview);
    const reused = results.filter((r) => (r?.replications ?? 0) >= reps).length;
    const bar = h('progress', { max: preview ? Math.min(PREVIEW_REPS, reps) : reps, value: Math.min(years, preview ? PREVIEW_REPS : reps), 'aria-label': t(lang, 'running') });
    let text: string;
    if (this.runError) text = t(lang, 'noResults');
    else if (preview) text = lang === 'da' ? `Forhåndsvisning med ${num(lang, years)} af ${num(lang, Math.min(PREVIEW_REPS, reps))} simulerede år – slip skyderen for at beregne alle ${num(lang, reps)}.` : `Preview with ${num(lang, years)} of ${num(lang, Math.min(PREVIEW_REPS, reps))} simulated years – release the slider to compute all ${num(lang, reps)}.`;
    else if (running && st.precision !== undefined) {
      text = lang === 'da' ? `Simulerer til resultatet er stabilt: ${num(lang, years)} simulerede år er færdige for alle varianter (højst ${num(lang, reps)})` : `Simulating until stable: ${num(lang, years)} simulated years done for every variant (at most ${num(lang, reps)})`;
      text += '.';
    } else if (running) {
      text = lang === 'da' ? `Simulerer: ${num(lang, years)} af ${num(lang, reps)} simulerede år er færdige for alle varianter` : `Simulating: ${num(lang, years)} of ${num(lang, reps)} simulated years done for every variant`;
      if (reused > 0) text += lang === 'da' ? ` (${reused === 1 ? 'én variant er' : `${reused} varianter er`} uændret og genbrugt)` : ` (${reused === 1 ? 'one variant is' : `${reused} variants are`} unchanged and reused)`;
      text += '.';
    } else if (view?.u.cancelled) text = `${t(lang, 'cancelled')}: ${num(lang, years)} / ${num(lang, reps)} ${t(lang, 'doneRuns')}`;
    else if (view?.u.precision !== undefined && view.u.stable !== undefined) text = lang === 'da' ? `Færdig: stabilt efter ${num(lang, view.u.stable)} simulerede år.` : `Finished: stable after ${num(lang, view.u.stable)} simulated years.`;
    else if (view?.u.precision !== undefined) text = lang === 'da' ? `Færdig: ikke stabilt efter højst ${num(lang, years)} simulerede år – tallene er mere usikre end tolerancen. Hæv det højeste antal år eller tolerancen.` : `Finished: not stable after the maximum of ${num(lang, years)} simulated years – the figures are less certain than the tolerance. Raise the maximum or the tolerance.`;
    else text = `${t(lang, 'finished')}: ${num(lang, years)} ${t(lang, 'doneRuns')}`;
    const cancel = button(t(lang, 'cancel'), 'cancel', () => this.client?.cancel(), 'ks-small');
    cancel.disabled = !running;
    const u = view?.u;
    this.progressEl.append(h('span', { class: 'ks-progtext', 'data-progress': u ? `${u.done}/${u.total}` : `0/${reps * S.variants(st).length}`, 'data-years': `${years}/${reps}`, 'data-stable': view?.u.stable !== undefined ? String(view.u.stable) : view?.u.precision !== undefined && view.u.final && !view.u.cancelled ? 'no' : undefined }, text), bar, cancel);
  }

  private renderResults(): void {
    const st = this.st;
    if (!st) return;
    const lang = st.lang;
    const shown = this.previewSt ?? st;
    const { results, comparisons, stale } = this.mapped(shown);
    const labels = this.labels(lang, shown);
    const inp: C.Input = { lang, labels, results, comparisons, asked: st.baseline.simulation.replications };
    this.renderAdoptionShare(lang, results[shown.selected] ?? null, !!this.previewSt);
    // The figures on screen are from before a refused change: said where the results are.
    clear(this.staleEl);
    this.staleEl.classList.toggle('ks-shown', stale);
    if (stale && this.runError) {
      const issues = this.runError.slice(0, 4);
      this.staleEl.append(
        h('p', {}, h('strong', {}, lang === 'da' ? 'Den seneste ændring kan ikke simuleres. Tallene nedenfor er fra før ændringen.' : 'The latest change cannot be simulated. The figures below are from before it.')),
        h('ul', {}, ...issues.map((i) => h('li', {}, `${plainPath(lang, i.path, labels)}: ${plainMessage(lang, lang === 'da' ? i.da : i.en)}`))),
        ...(this.past.length ? [button(lang === 'da' ? 'Fortryd ændringen' : 'Undo the change', 'stale-undo', () => this.undo(), 'ks-small')] : []),
      );
    }
    // Cards: the selected scenario against the baseline (the first scenario when the
    // baseline is selected).
    const si = shown.selected > 0 ? shown.selected : shown.scenarios.length > 0 ? 1 : 0;
    clear(this.cardsEl);
    this.cardsEl.append(h('h2', {}, t(lang, 'keyFigures')));
    const rb = results[0] ?? null;
    const rs = si > 0 ? results[si] ?? null : null;
    // A run until stable is complete where the rule held (fewer years than the maximum).
    const target = this.view?.u.stable ?? st.baseline.simulation.replications;
    const complete = (r: Results | null) => !!r && r.replications >= target;
    const prelim = !complete(rb) || (si > 0 && !complete(rs));
    if (si > 0 && labels[si]) this.cardsEl.append(h('p', { class: 'ks-cardsfor' }, t(lang, 'cardsFor'), ' ', h('strong', {}, `«${labels[si] ?? ''}»`), `, ${t(lang, 'comparedWith')} `, h('strong', {}, `«${labels[0] ?? ''}»`), '.'));
    if (prelim && (rb || rs)) {
      const n = Math.min(rb?.replications ?? 0, si > 0 ? rs?.replications ?? 0 : Infinity);
      this.cardsEl.append(h('p', { class: 'ks-prelimnote', 'data-prelim': '' }, lang === 'da'
        ? `Foreløbige tal (${num(lang, n)} af ${num(lang, st.baseline.simulation.replications)} simulerede år). Scenarie og basis vises over de samme år; en forskel vises først, når det er sikkert, om den er positiv eller negativ.`
        : `Preliminary figures (${num(lang, n)} of ${num(lang, st.baseline.simulation.replications)} simulated years). Scenario and baseline are shown over the same years; a difference is shown only once it is clear whether it is up or down.`));
    }
    // Results as the cards see them: "complete" is against the years asked for in the state.
    const asked = target;
    const fix = (r: Results | null) => (r ? { ...r, replicationsRequested: asked } : null);
    const vs = S.variants(shown);
    this.cardsEl.append(renderCards({
      lang, defs: this.client?.allMetrics ?? [], base: fix(rb), scen: fix(rs), diff: si > 0 ? comparisons[si]?.difference ?? null : null,
      modes: { base: S.counterMode(vs[0] ?? shown.baseline), scen: si > 0 && vs[si] ? S.counterMode(vs[si]!) : 'walkIn' },
      compared: si > 0, scenLabel: labels[si] ?? '', variant: si,
      targetSec: shown.baseline.queues.phone.targetSeconds, weeks: shown.baseline.horizonWeeks,
      prices: this.mode === 'embed' ? undefined : S.variants(shown)[si]?.costs,
    }));
    const prelimTitle = (title: string) => (prelim && (rb || rs) ? `${title} (${lang === 'da' ? 'foreløbig' : 'preliminary'})` : title);
    // Streamed figures reach the cards and the charts' texts at once and the drawings in the
    // frames after (one chart per frame); with no figures yet nothing is drawn; the final
    // figures, and anything a user changes outside a run, are drawn at once.
    const when: 'now' | 'later' | 'skip' = !results.some((r) => !!r) ? 'skip' : this.view && !this.view.u.final ? 'later' : 'now';
    for (const [id, b] of this.blocks) {
      if (id === 'contacts') {
        b.setTexts(lang, prelimTitle(t(lang, 'contactsChart')));
        b.update(C.contactsChart(inp), when);
      } else if (id === 'cost') {
        b.setTexts(lang, prelimTitle(t(lang, 'costChart')));
        b.update(C.costChart(inp), when);
      } else if (id === 'gaveup') {
        b.setTexts(lang, prelimTitle(t(lang, 'gaveUpChart')));
        b.update(C.gaveUpChart(inp), when);
      } else if (id === 'leadtime') {
        // Only where some variant's counter is by appointment (nothing new for walk-in).
        const any = results.some((r) => !!r?.appointments) || S.variants(shown).some((v) => S.usesAppointments(v));
        b.el.hidden = !any;
        b.setTexts(lang, prelimTitle(t(lang, 'leadChart')));
        if (any) b.update(C.leadChart(inp), when);
      } else if (id === 'weekly') {
        b.setTexts(lang, prelimTitle(t(lang, 'weeklyChart')));
        this.weeklyControls(b, lang);
        b.update(C.weeklyChart(inp, this.weeklySeries), when);
      } else if (id === 'sensitivity') {
        b.setTexts(lang, prelimTitle(t(lang, 'sensitivityChart')));
        const r = results[shown.selected] ?? null;
        const defs = this.client?.allMetrics ?? [];
        const ids = r ? r.sensitivity.map((x) => x.metric) : [];
        if (ids.length && !ids.includes(this.sensMetric)) this.sensMetric = ids.includes(C.SENSITIVITY_DEFAULT) ? C.SENSITIVITY_DEFAULT : ids[0]!;
        const mlabel = (m: string) => {
          const d = defs.find((x) => x.id === m);
          if (m === 'phone.serviceLevel') return lang === 'da' ? `Opkald ${targetWords(lang, shown.baseline.queues.phone.targetSeconds)}` : `Calls ${targetWords(lang, shown.baseline.queues.phone.targetSeconds)}`;
          return d ? (lang === 'da' ? d.da : d.en) : m;
        };
        this.sensControls(b, lang, ids.map((m) => [m, mlabel(m)]));
        b.update(C.sensitivityChart(lang, labels[shown.selected] ?? '', r, S.selectedScenario(shown), this.sensMetric, mlabel(this.sensMetric)), when);
      } else if (id === 'heatmap') {
        b.setTexts(lang, prelimTitle(t(lang, 'heatmapChart')));
        const vi = Math.max(0, Math.min(this.heatVariant ?? shown.selected, labels.length - 1));
        this.heatControls(b, lang, labels, vi);
        const v = S.variants(shown)[vi];
        const ch: S.QueueCh = this.heatMetric.startsWith('personal') ? 'personal' : 'phone';
        // By appointment only, the walk-in counter is closed all week.
        const byAppt = !!v && ch === 'personal' && S.counterMode(v) !== 'walkIn';
        const walkInClosed = !!v && ch === 'personal' && S.counterMode(v) === 'appointment';
        const open = v ? Array.from({ length: 168 }, (_, k) => !walkInClosed && S.isHourOpen(v, ch, Math.floor(k / 24), k % 24)) : undefined;
        const spec = C.heatmapChart(lang, labels[vi] ?? '', results[vi] ?? null, this.heatMetric, open);
        if (byAppt) {
          spec.summary += lang === 'da'
            ? ` Bestilte besøg er ikke med her (kun borgere uden tid, der stiller sig i kø)${walkInClosed ? '; skranken tager kun imod bestilte tider, så den er lukket for kø hele ugen' : ''}. Se «${t(lang, 'leadChart')}».`
            : ` Booked visits are not included here (only walk-ins who queue)${walkInClosed ? '; the counter serves booked visits only, so it has no queue all week' : ''}. See «${t(lang, 'leadChart')}».`;
        }
        b.update(spec, when);
      }
    }
  }

  private heatControls(b: ChartBlock, lang: S.Lang, labels: string[], vi: number): void {
    const c = b.controls();
    const key = `${lang}|${labels.join('|')}|${vi}|${this.heatMetric}`;
    if (c.dataset.key === key) return;
    c.dataset.key = key;
    clear(c);
    const ms = h('select', { id: 'ks-heat-metric', 'data-k': 'heat-metric', 'data-control': 'heat-metric' });
    for (const k of C.HEAT_METRICS) {
      const o = h('option', { value: k }, C.heatLabel(lang, k));
      o.selected = k === this.heatMetric;
      ms.append(o);
    }
    ms.addEventListener('change', () => {
      this.heatMetric = ms.value as C.HeatMetric;
      this.renderResults();
    });
    const vs = h('select', { id: 'ks-heat-variant', 'data-k': 'heat-variant', 'data-control': 'heat-variant' });
    labels.forEach((l, i) => {
      const o = h('option', { value: String(i) }, l);
      o.selected = i === vi;
      vs.append(o);
    });
    vs.addEventListener('change', () => {
      this.heatVariant = Number(vs.value);
      this.renderResults();
    });
    c.append(ctl(t(lang, 'metric'), ms), ctl(t(lang, 'show'), vs), h('span', { class: 'ks-heatkey' }, h('span', { class: 'ks-closedswatch', 'aria-hidden': 'true' }, '×'), ` = ${t(lang, 'closed')}`));
  }

  private sensControls(b: ChartBlock, lang: S.Lang, metrics: [string, string][]): void {
    const c = b.controls();
    const key = `${lang}|${this.sensMetric}|${metrics.map((m) => m[0]).join(',')}`;
    if (c.dataset.key === key) return;
    c.dataset.key = key;
    clear(c);
    if (!metrics.length) return;
    const sel = h('select', { id: 'ks-sens-metric', 'data-k': 'sens-metric', 'data-control': 'sens-metric' });
    for (const [id, label] of metrics) {
      const o = h('option', { value: id }, label);
      o.selected = id === this.sensMetric;
      sel.append(o);
    }
    sel.addEventListener('change', () => {
      this.sensMetric = sel.value;
      this.renderResults();
    });
    c.append(ctl(t(lang, 'keyFigure'), sel));
  }

  private weeklyControls(b: ChartBlock, lang: S.Lang): void {
    const c = b.controls();
    const key = `${lang}|${this.weeklySeries}`;
    if (c.dataset.key === key) return;
    c.dataset.key = key;
    clear(c);
    const sel = h('select', { id: 'ks-weekly-series', 'data-control': 'weekly-series' });
    for (const k of C.WEEKLY_SERIES) {
      const o = h('option', { value: k }, k === 'gaveUp' ? t(lang, 'gaveUp') : t(lang, k));
      o.selected = k === this.weeklySeries;
      sel.append(o);
    }
    sel.addEventListener('change', () => {
      this.weeklySeries = sel.value as C.WeeklySeries;
      this.renderResults();
    });
    c.append(ctl(t(lang, 'channel'), sel));
  }

  // ---- keep, share and export -------------------------------------------------------------------

  /** The address links point to: the configured public one, else this page's. */
  publicUrl(): string {
    const set = this.readStorage(PUBLIC_URL_KEY) ?? '';
    const built = typeof __PUBLIC_URL__ === 'string' ? __PUBLIC_URL__ : '';
    return set || built;
  }

  private renderKeep(): void {
    const st = this.st;
    if (!st) return;
    const lang = st.lang;
    const da = lang === 'da';
    clear(this.keepEl);
    const file = h('input', { type: 'file', accept: 'application/json,.json', id: 'ks-import', class: 'ks-file', 'data-action': 'import-file' });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (!f) return;
      void f.text().then((text) => {
        file.value = '';
        this.importText(f.name, text);
      });
    });
    const shareOut = h('input', { type: 'text', readonly: true, class: 'ks-shareurl', 'aria-label': t(lang, 'share'), value: this.shareUrl, 'data-k': 'share-url' });
    shareOut.hidden = !this.shareUrl;
    const shareNote = h('p', { class: 'ks-muted', role: 'status' });
    const fromFile = location.protocol === 'file:';
    const pub = this.publicUrl();
    const pubIn = h('input', { type: 'url', id: 'ks-public-url', 'data-k': 'public-url', value: pub, placeholder: 'https://…/kanalsim.html', class: 'ks-pub' });
    pubIn.addEventListener('change', () => {
      const v = pubIn.value.trim();
      const ok = v === '' || /^https?:\/\/[^\s#]+$/i.test(v);
      if (!ok) {
        this.leverCtx.note('Adressen skal begynde med https:// (eller http://) og må ikke indeholde mellemrum eller #.', 'The address must start with https:// (or http://) and contain no spaces or #.');
        return;
      }
      if (v) this.writeStorage(PUBLIC_URL_KEY, v);
      else {
        try {
          localStorage.removeItem(PUBLIC_URL_KEY);
        } catch {
          /* nothing kept */
        }
      }
      this.shareUrl = '';
      this.renderKeep();
    });
    const fileHelp = fromFile && !pub
      ? h('p', { class: 'ks-help', 'data-note': 'file-origin' }, da
        ? 'Siden er åbnet fra en fil på din computer, så et link vil pege på din egen disk og ikke virke hos andre. Skriv den offentlige adresse, hvor Kanalsim ligger, eller brug «Gem som fil» og send filen.'
        : 'This page was opened from a file on your computer, so a link would point at your own disk and not work for others. Enter the public address where Kanalsim is hosted, or use «Save as file» and send the file.')
      : null;
    const sets = this.readSets();
    const setName = h('input', { type: 'text', id: 'ks-set-name', 'data-k': 'set-name', maxlength: 80, value: '' });
    const setList = h('ul', { class: 'ks-sets', 'data-sets': '' }, ...sets.map((x, k) => h('li', { 'data-set': x.name },
      h('strong', {}, x.name), ` (${new Date(x.savedAt).toLocaleString(da ? 'da-DK' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}) `,
      button(t(lang, 'openSet'), `open-set-${k}`, () => this.openSet(x), 'ks-small'), ' ',
      button(t(lang, 'exportSet'), `export-set-${k}`, () => this.exportSet(x.name, x.state), 'ks-small'), ' ',
      button(t(lang, 'deleteSet'), `delete-set-${k}`, () => {
        this.writeSets(this.readSets().filter((y) => y.name !== x.name));
        this.note = { da: `Sættet «${x.name}» er slettet.`, en: `The set «${x.name}» has been deleted.` };
        this.renderAll();
      }, 'ks-small ks-ghost'))));
    this.keepEl.append(
      h('h2', {}, t(lang, 'keep')),
      h('div', { class: 'ks-quick' },
        button(t(lang, 'share'), 'share', () => void this.share(shareOut, shareNote)),
        pristine ? button(t(lang, 'saveFile'), 'save-file', () => this.saveFile()) : null,
        button(t(lang, 'exportAll'), 'export-set', () => this.exportSet(this.setTitle(st), st)),
        // The file input is visually hidden; its label (the next sibling) shows its focus.
        file, h('label', { for: 'ks-import', class: 'ks-btn' }, t(lang, 'importAll')),
        button(t(lang, 'exportJson'), 'export-json', () => this.exportJson()),
        button(t(lang, 'exportCsv'), 'export-csv', () => this.exportCsv()),
        button(t(lang, 'exportCsvDa'), 'export-csv-da', () => this.exportCsvDa()),
        button(t(lang, 'exportSheet'), 'export-sheet', () => this.exportSheet()),
        button(t(lang, 'print'), 'print', () => window.print()),
        button(t(lang, 'reset'), 'reset', () => {
          this.dispatch((s) => S.choosePreset(this.client!.presets, 'tonder-2012', s.lang));
          this.note = { da: 'Nulstillet til forvalget. Dit tidligere arbejde kan fås tilbage med «Fortryd».', en: 'Reset to the preset. Your earlier work can be brought back with «Undo».', undo: true };
          this.renderNote();
        }),
      ),
      shareNote,
      shareOut,
      ...(fileHelp ? [fileHelp] : []),
      h('p', { class: 'ks-pubrow' }, ctl(t(lang, 'publicUrl'), pubIn)),
      h('h3', {}, t(lang, 'sets')),
      h('div', { class: 'ks-quick' }, ctl(t(lang, 'setName'), setName), button(t(lang, 'saveSet'), 'save-set', () => {
        const name = setName.value.trim() || this.setTitle(st);
        if (this.saveSet(name, st)) this.note = { da: `Sættet er gemt som «${name}».`, en: `The set has been saved as «${name}».` };
        this.renderAll();
      })),
      sets.length ? setList : h('p', { class: 'ks-muted' }, da ? 'Ingen gemte sæt endnu.' : 'No saved sets yet.'),
    );
  }

  private setTitle(st: S.AppState): string {
    return `${st.baseline.title}${st.scenarios.length ? ` + ${st.scenarios.map((s) => s.title).join(', ')}` : ''}`.slice(0, 80);
  }

  private openSet(x: SavedSet): void {
    const r = this.checkState(x.state);
    if (!r.state) {
      this.showMessage({ titleDa: 'Sættet kunne ikke åbnes.', titleEn: 'The set could not be opened.', issues: r.problems });
      return;
    }
    const next = r.state;
    this.dispatch(() => next);
    this.note = { da: `Sættet «${x.name}» er åbnet. Det, du havde før, kan fås tilbage med «Fortryd».`, en: `The set «${x.name}» has been opened. What you had before can be brought back with «Undo».`, undo: true };
    this.renderNote();
  }

  /** An imported file: a whole set (replaces the current one, undoable) or one scenario. */
  private importText(name: string, text: string): void {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      this.showMessage({ titleDa: t('da', 'importProblem'), titleEn: t('en', 'importProblem'), issues: [{ path: name, en: `not valid JSON: ${String(e)}`, da: `ikke gyldig JSON: ${String(e)}` }] });
      return;
    }
    const o = obj as { kind?: string; name?: string; state?: unknown } | null;
    if (o && typeof o === 'object' && o.kind === 'kanalsim-set') {
      this.openSet({ name: typeof o.name === 'string' ? o.name.slice(0, 80) : name, savedAt: '', state: o.state as S.AppState });
      return;
    }
    this.applyScenario(obj);
  }

  private exportSet(name: string, st: S.AppState): void {
    const body = { kind: 'kanalsim-set', v: 1, name, savedAt: new Date().toISOString(), state: S.persistable(st) };
    const slug = name.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'kanalsim';
    download(`${slug}.kanalsim.json`, new Blob([JSON.stringify(body, null, 2) + '\n'], { type: 'application/json' }));
  }

  /** A copy of this page file with the scenario set inside: opens offline, can be mailed. */
  savedFileHtml(): string {
    if (!pristine || !this.st) return '';
    const body = { kind: 'kanalsim-set', v: 1, name: this.setTitle(this.st), savedAt: new Date().toISOString(), state: S.persistable(this.st) };
    const json = JSON.stringify(body).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
    const block = `<script type="application/json" id="${DATA_ID}">${json}</script>`;
    const cleaned = pristine.replace(new RegExp(`<script type="application/json" id="${DATA_ID}">[\\s\\S]*?</script>\\n?`), '');
    const at = cleaned.indexOf('<main id="kanalsim-root"');
    if (at < 0) return '';
    return `${cleaned.slice(0, at)}${block}\n${cleaned.slice(at)}`;
  }

  private saveFile(): void {
    const html = this.savedFileHtml();
    if (!html || !this.st) return;
    download(`kanalsim-${this.st.baseline.id || 'scenarier'}.html`, new Blob([html], { type: 'text/html;charset=utf-8' }));
  }

  /** The share link for the current state (also used by tests): what differs from the
   *  presets, `#k=<length>.<data>`. */
  async shareLink(): Promise<string> {
    if (!this.st || !this.client) return '';
    const c = compactState(S.persistable(this.st) as unknown as Parameters<typeof compactState>[0], this.client.presets as unknown as Parameters<typeof compactState>[1]);
    const payload = await encodeLink(c);
    const base = this.publicUrl() || location.href.replace(/#.*$/, '');
    return `${base.replace(/#.*$/, '')}#${LINK_KEY}=${payload}`;
  }

  private async share(out: HTMLInputElement, note: HTMLElement): Promise<void> {
    const lang = this.st?.lang ?? 'da';
    this.shareUrl = await this.shareLink();
    // A results update may have redrawn the panel while the link was compressed: write to the
    // fields on screen now, not to the ones that were clicked.
    const liveOut = this.root.querySelector<HTMLInputElement>('.ks-shareurl') ?? out;
    const liveNote = liveOut.previousElementSibling instanceof HTMLElement ? liveOut.previousElementSibling : note;
    liveOut.value = this.shareUrl;
    liveOut.hidden = false;
    const len = lang === 'da' ? ` (${num(lang, this.shareUrl.length)} tegn)` : ` (${num(lang, this.shareUrl.length)} characters)`;
    try {
      await navigator.clipboard.writeText(this.shareUrl);
      liveNote.textContent = t(lang, 'shareCopied') + len;
    } catch {
      liveNote.textContent = t(lang, 'shareMade') + len;
    }
    liveOut.select();
  }

  private exportJson(): void {
    const s = this.scenario;
    if (!s) return;
    download(`${s.id || 'scenarie'}.json`, new Blob([JSON.stringify(s, null, 2) + '\n'], { type: 'application/json' }));
  }

  /** The results CSV text (the figures shown, rounded the same way). */
  resultsCsv(): string {
    if (!this.st || !this.client) return '';
    const { results, comparisons } = this.mapped(this.st);
    return resultsCsv(this.st.lang, this.client.allMetrics, this.labels(), results, comparisons);
  }

  private exportCsv(): void {
    download(`${this.st?.baseline.id ?? 'kanalsim'}-resultater.csv`, new Blob(['\ufeff' + this.resultsCsv()], { type: 'text/csv;charset=utf-8' }));
  }

  /** The results CSV for Danish Excel (semicolon, decimal comma, Danish headers). */
  resultsCsvDa(): string {
    if (!this.st || !this.client) return '';
    const { results, comparisons } = this.mapped(this.st);
    return resultsCsvDa(this.client.allMetrics, this.labels('da'), results, comparisons);
  }

  private exportCsvDa(): void {
    // The BOM tells Excel the file is UTF-8 (æ, ø, å, «, −).
    download(`${this.st?.baseline.id ?? 'kanalsim'}-resultater-excel.csv`, new Blob(['\ufeff' + this.resultsCsvDa()], { type: 'text/csv;charset=utf-8' }));
  }

  /** The assumptions and sources sheet (printable HTML), per variant. */
  assumptionsHtml(): string {
    if (!this.st) return '';
    return assumptionsHtml({ lang: this.st.lang, variants: S.variants(this.st), labels: this.labels(), version: this.client?.version ?? '', results: this.mapped(this.st).results, presets: this.client?.presets ?? [] });
  }

  private exportSheet(): void {
    if (!this.st) return;
    download(`${this.st.baseline.id}-antagelser-og-kilder.html`, new Blob([this.assumptionsHtml()], { type: 'text/html;charset=utf-8' }));
  }

  /** What a chart export says around the chart: title, unit, scenarios, source, version, seed. */
  private frameMeta(id: string, title: string): FrameMeta {
    const lang = this.st?.lang ?? 'da';
    const da = lang === 'da';
    const base = this.st?.baseline;
    const { results } = this.st ? this.mapped(this.st) : { results: [] as (Results | null)[] };
    const shown = this.labels(lang).filter((_, i) => !!results[i]);
    const n = results[0]?.replications ?? 0;
    return {
      title,
      unit: chartUnit(lang, id, this.heatMetric),
      scenarios: shown,
      source: da
        ? `Kilde: Kanalsim-simulering, ${n} simulerede år pr. scenarie; forudsætninger og kilder: «${base?.title ?? ''}» (se «Antagelser og kilder»).`
        : `Source: Kanalsim simulation, ${n} simulated years per scenario; assumptions and sources: «${base?.titleEn || base?.title || ''}» (see «Assumptions and sources»).`,
      stamp: `Kanalsim ${this.client?.version ?? ''} · ${da ? 'frø' : 'seed'} ${base?.simulation.seed ?? ''}`,
    };
  }

  /** A chart as a framed SVG (for a slide or a paper), or null before it is drawn. */
  chartSvg(id: string): string | null {
    const b = this.blocks.get(id);
    const raw = b?.svgString();
    if (!b || !raw) return null;
    return framedSvg(raw, b.width, b.height, this.frameMeta(id, b.title)).svg;
  }
}

/**
 * Keep the print to one A4 page: it is laid out off screen at the page's width (188 mm, the
 * print's own rules) and, while it is taller than the page (279 mm, less a margin of safety),
 * the last source notes give way to one line that names them and points to the full sheet.
 */
export function fitPrint(el: HTMLElement, lang: S.Lang): void {
  const list = el.querySelector<HTMLElement>('.ks-pnotes');
  if (!list || !el.isConnected) return;
  const mm = 96 / 25.4;
  const limit = (279 - 6) * mm;
  el.classList.add('ks-measure');
  try {
    const notes = [...list.querySelectorAll<HTMLElement>(':scope > li')];
    const cut: HTMLElement[] = [];
    const more = document.createElement('li');
    more.className = 'ks-pmore';
    while (el.getBoundingClientRect().height > limit && notes.length > 1) {
      const li = notes.pop()!;
      cut.unshift(li);
      li.remove();
      const topics = cut.map((x) => x.dataset.topic ?? '').filter(Boolean);
      more.textContent = lang === 'da'
        ? `… og ${cut.length} ${cut.length === 1 ? 'note' : 'noter'} mere (${topics.join('; ')}) i arket «Antagelser og kilder».`
        : `… and ${cut.length} more ${cut.length === 1 ? 'note' : 'notes'} (${topics.join('; ')}) in the «Assumptions and sources» sheet.`;
      if (!more.isConnected) list.append(more);
    }
  } finally {
    el.classList.remove('ks-measure');
  }
}

/** What a chart's numbers are, for its export. */
function chartUnit(lang: S.Lang, id: string, heat: C.HeatMetric): string {
  const da = lang === 'da';
  switch (id) {
    case 'contacts':
      return da ? 'Henvendelser pr. år (gennemsnit; streger: 5.–95. percentil over de simulerede år)' : 'Contacts per year (mean; whiskers: 5th–95th percentile over the simulated years)';
    case 'weekly':
      return da ? 'Henvendelser pr. uge (gennemsnit og 5.–95. percentil)' : 'Contacts per week (mean and 5th–95th percentile)';
    case 'leadtime':
      return da ? 'Kalenderdage fra ønsket til den bestilte tid, efter ugen tiden bestilles (gennemsnit og 5.–95. percentil)' : 'Calendar days from the request to the booked slot, by the week it is booked (mean and 5th–95th percentile)';
    case 'cost':
      return da ? 'Kroner pr. år, kanalpriser (gennemsnit; streger: 5.–95. percentil)' : 'DKK per year, unit prices (mean; whiskers: 5th–95th percentile)';
    case 'gaveup':
      return da ? 'Ærinder opgivet pr. år (gennemsnit; streger: 5.–95. percentil)' : 'Errands given up per year (mean; whiskers: 5th–95th percentile)';
    case 'sensitivity':
      return da ? 'Spearmans rangkorrelation (ρ, −1 til 1) over de simulerede år' : "Spearman's rank correlation (ρ, −1 to 1) over the simulated years";
    case 'heatmap':
      return `${da ? 'Time for time over ugen' : 'Hour by hour over the week'}: ${heat.startsWith('phone') ? (da ? 'telefon' : 'phone') : da ? 'skranke' : 'counter'}, ${/wait/i.test(heat) ? (da ? 'minutter' : 'minutes') : da ? 'antal pr. uge' : 'count per week'}`;
    default:
      return '';
  }
}

export function define(): void {
  if (!customElements.get('kanal-sim')) customElements.define('kanal-sim', KanalSim);
}
