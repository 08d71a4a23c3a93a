// <kanal-sim>: the whole application as one custom element. The full page is one
// <kanal-sim page> in full mode; slide decks include the script and use the element.
//
// Attributes: mode="full|embed", charts="contacts,heatmap,…", levers="hours,adoption,…",
// preset="<id>", workers="<n>", lang="da|en", page (owns the URL fragment and localStorage).
// Properties: scenario (the selected variant; read and write), baseline, state, results,
// comparison. Events: kanalsim:results (detail = the Results object, as `kanalsim run --json`
// prints for the selected scenario), kanalsim:update (partial), kanalsim:error.
import type { Comparison, Issue, Results, Scenario } from './generated/types';
import * as S from './state';
import { SimClient, type RunUpdate } from './sim-client';
import { h, clear, download } from './dom';
import { t } from './i18n';
import { num } from './format';
import { renderLevers, markProblems, button, LEVER_IDS, type Dispatch } from './views/levers';
import { ChartBlock, renderCards, CHART_IDS, type ChartId } from './views/results';
import { renderAbout } from './views/about';
import * as C from './charts';
import { encodeShare, decodeShare, fragmentPayload } from './share';
import { resultsCsv, assumptionsSheet } from './export';

const STORAGE_KEY = 'kanalsim:state:v1';

/** URL flags: `?embed`, `#embed`, `charts=…`, `levers=…`, `workers=…`, `lang=…` in query or fragment. */
export function urlFlags(loc: Location): Map<string, string> {
  const m = new Map<string, string>();
  const add = (s: string) => {
    for (const part of s.split('&')) {
      if (!part) continue;
      const i = part.indexOf('=');
      const k = decodeURIComponent(i < 0 ? part : part.slice(0, i)).slice(0, 40);
      if (k === 's') continue;
      let v = '';
      try {
        v = i < 0 ? '' : decodeURIComponent(part.slice(i + 1)).slice(0, 400);
      } catch {
        v = '';
      }
      m.set(k, v);
    }
  };
  add(loc.search.replace(/^\?/, ''));
  add(loc.hash.replace(/^#/, ''));
  return m;
}

/** A label and its control, kept together when the controls wrap. */
const ctl = (label: string, el: HTMLElement) => h('span', { class: 'ks-ctl' }, h('label', { for: el.id }, label), el);

interface Message {
  titleDa: string;
  titleEn: string;
  issues: Issue[];
  /** A problem of the scenario being run: it goes when a run succeeds. */
  ofRun?: boolean;
}

export class KanalSim extends HTMLElement {
  private client: SimClient | null = null;
  private st: S.AppState | null = null;
  private last: RunUpdate | null = null;
  /** The problems that stopped a run: the refused scenario (as JSON), which variant it was,
   *  and its issues (paths inside it). They are shown while that scenario is on screen. */
  private invalid: { json: string; variant: number; issues: Issue[] } | null = null;
  private finalResults: (Results | null)[] = [];
  private msg: Message | null = null;
  private booted = false;
  private saveAllowed = true;
  private blocks = new Map<string, ChartBlock>();
  private heatMetric: C.HeatMetric = 'phone.wait';
  private heatVariant: number | null = null;
  private weeklySeries: C.WeeklySeries = 'phone';
  private sensMetric = C.SENSITIVITY_DEFAULT;
  private shareUrl = '';
  private pendingScenario: Scenario | null = null;
  private token: object = {};
  // Regions
  private root = h('div', { class: 'ks-app' });
  private msgEl = h('div', { class: 'ks-msg', role: 'alert' });
  private headerEl = h('header', { class: 'ks-header' });
  private tabsEl = h('div', { class: 'ks-tabs' });
  private leversEl = h('div', { class: 'ks-levers' });
  private progressEl = h('div', { class: 'ks-progress' });
  // Announced to screen readers only when a run starts, ends or stops (not every update).
  private liveEl = h('p', { class: 'ks-sr', role: 'status' });
  private liveText = '';
  private cardsEl = h('section', { class: 'ks-cardsec' });
  private chartsEl = h('div', { class: 'ks-charts' });
  private keepEl = h('section', { class: 'ks-keep' });
  private aboutEl = h('section', { class: 'ks-about' });
  private embedTitle = h('h1', { class: 'ks-sr' });
  private resultsEl = h('section', { class: 'ks-results' });

  static get observedAttributes(): string[] {
    return ['lang'];
  }

  get mode(): 'full' | 'embed' {
    return this.getAttribute('mode') === 'embed' ? 'embed' : 'full';
  }

  private get isPage(): boolean {
    return this.hasAttribute('page');
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

  /** The last complete results of the selected variant. */
  get results(): Results | null {
    return this.st ? this.finalResults[this.st.selected] ?? null : null;
  }

  get comparison(): Comparison | null {
    return this.st && this.last ? this.last.comparisons[this.st.selected] ?? null : null;
  }

  get running(): boolean {
    return !!this.client?.running;
  }

  cancel(): void {
    this.client?.cancel();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  connectedCallback(): void {
    if (this.booted) return;
    this.booted = true;
    this.classList.add('ks-host');
    this.append(this.root);
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
        clear(this);
      }
    }, 0);
  }

  attributeChangedCallback(name: string): void {
    if (name === 'lang' && this.st && this.langAttr() !== this.st.lang) this.dispatch((s) => S.setLang(s, this.langAttr()), false);
  }

  private langAttr(): S.Lang {
    return this.getAttribute('lang') === 'en' ? 'en' : 'da';
  }

  private async boot(): Promise<void> {
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
    if (this.isPage) {
      const loaded = await this.fromUrlOrStorage();
      if (loaded) st = loaded;
      window.addEventListener('hashchange', () => void this.onHashChange());
    }
    this.st = st;
    clear(this.root);
    this.layout();
    if (this.pendingScenario) {
      const p = this.pendingScenario;
      this.pendingScenario = null;
      this.applyScenario(p, 'scenarioProblem');
    } else {
      this.renderAll();
      this.run();
    }
  }

  /** State from a share link (`#s=…`), else from localStorage; problems become a message. */
  private async fromUrlOrStorage(): Promise<S.AppState | null> {
    const payload = fragmentPayload(location.hash);
    if (payload !== null) {
      const r = await this.decodeState(payload);
      if (r.state) {
        this.saveState(r.state);
        this.clearFragment();
        return r.state;
      }
      this.msg = { titleDa: t('da', 'linkProblem'), titleEn: t('en', 'linkProblem'), issues: r.problems };
      this.saveAllowed = false; // a broken link must not overwrite saved work until an edit
      this.clearFragment();
      return null;
    }
    let raw: string | null = null;
    try {
      raw = localStorage.getItem(STORAGE_KEY);
    } catch {
      raw = null;
    }
    if (!raw) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const r = this.checkState(parsed);
    if (r.state) return r.state;
    this.msg = { titleDa: t('da', 'savedProblem'), titleEn: t('en', 'savedProblem'), issues: r.problems };
    return null;
  }

  private async onHashChange(): Promise<void> {
    const payload = fragmentPayload(location.hash);
    if (payload === null || !this.client) return;
    const r = await this.decodeState(payload);
    this.clearFragment();
    if (r.state) {
      this.msg = null;
      this.st = r.state;
      this.saveAllowed = true;
      this.saveState(r.state);
      this.renderAll();
      this.run();
    } else {
      this.showMessage({ titleDa: t('da', 'linkProblem'), titleEn: t('en', 'linkProblem'), issues: r.problems });
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
    const f = location.hash.replace(/^#/, '').split('&').filter((p) => p && !p.startsWith('s='));
    return f.length ? `#${f.join('&')}` : '';
  }

  private async decodeState(payload: string): Promise<{ state?: S.AppState; problems: Issue[] }> {
    const d = await decodeShare(payload);
    if (d.problem) return { problems: [d.problem] };
    return this.checkState(d.value);
  }

  /** Shape check, then every scenario validated by the engine (issues with field paths). */
  private checkState(x: unknown): { state?: S.AppState; problems: Issue[] } {
    const r = S.checkStateShape(x);
    if (!r.state || !this.client) return { problems: r.problems };
    const problems: Issue[] = [];
    S.variants(r.state).forEach((s, i) => {
      const where = i === 0 ? 'baseline' : `scenarios[${i - 1}]`;
      for (const is of this.client!.validate(s)) problems.push({ ...is, path: is.path ? `${where}.${is.path}` : where });
    });
    if (problems.length) return { problems: problems.slice(0, 30) };
    return { state: r.state, problems: [] };
  }

  private saveState(st: S.AppState): void {
    if (!this.isPage) return;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(S.persistable(st)));
    } catch {
      /* storage full or disabled: the page still works */
    }
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
    this.dispatch((s) => S.replaceSelected(s, obj as Scenario));
  }

  // ---- state changes -------------------------------------------------------------------------

  private dispatch: Dispatch & ((f: (s: S.AppState) => S.AppState, rerun?: boolean) => void) = (f, rerun = true) => {
    if (!this.st) return;
    const next = f(this.st);
    if (next === this.st) return;
    const langOnly = next.lang !== this.st.lang && JSON.stringify({ ...next, lang: '' }) === JSON.stringify({ ...this.st, lang: '' });
    const selOnly = !langOnly && next.selected !== this.st.selected && JSON.stringify({ ...next, selected: 0 }) === JSON.stringify({ ...this.st, selected: 0 });
    this.st = next;
    // A link made before this change would share the old state: hide it until asked again.
    this.shareUrl = '';
    this.saveAllowed = true;
    this.saveState(next);
    this.renderAll();
    if (rerun && !langOnly && !selOnly) this.run();
    else if (selOnly) this.announceResults();
  };

  private run(): void {
    if (!this.client || !this.st) return;
    const variants = S.variants(this.st);
    this.last = null;
    this.finalResults = [];
    this.setAttribute('data-state', 'running');
    const token = {};
    this.token = token;
    // Updates of a run replaced by a newer one (it is cancelled first) are ignored.
    this.client.run(variants, (u) => {
      if (this.token === token) this.onUpdate(u);
    });
    this.renderProgress();
  }

  private onUpdate(u: RunUpdate): void {
    if (u.error) {
      const who = u.error.variant === 0 ? 'baseline' : `scenarios[${u.error.variant - 1}]`;
      const issues = u.error.failure.issues.length ? u.error.failure.issues.map((i) => ({ ...i, path: `${who}.${i.path}` })) : [{ path: who, en: u.error.failure.message, da: u.error.failure.message }];
      this.showMessage({ titleDa: t('da', 'problemTitle'), titleEn: t('en', 'problemTitle'), issues, ofRun: true });
      this.setAttribute('data-state', 'error');
      this.last = u;
      // Any change of state replaces the run, so the state now is the one that was run.
      // A run over the work budget concerns the whole run (all variants run with the same
      // settings): its problems are shown with whichever scenario is on screen.
      const variant = u.error.failure.kind === 'tooMuchWork' && this.st ? this.st.selected : u.error.variant;
      const refused = this.st ? S.variants(this.st)[variant] : undefined;
      this.invalid = refused ? { json: JSON.stringify(refused), variant, issues: u.error.failure.issues } : null;
      this.renderAll();
      return;
    }
    this.last = u;
    this.renderProgress();
    this.renderResults();
    this.dispatchEvent(new CustomEvent('kanalsim:update', { detail: { done: u.done, total: u.total, final: u.final, cancelled: u.cancelled } }));
    if (this.msg?.ofRun) {
      // The scenario runs again: its earlier problem is fixed.
      this.msg = null;
      this.renderMessage();
    }
    if (u.final) {
      this.finalResults = u.results;
      this.setAttribute('data-state', u.cancelled ? 'cancelled' : 'done');
      this.announceResults();
    } else {
      this.setAttribute('data-state', 'running');
    }
  }

  private announceResults(): void {
    const r = this.results;
    if (r) this.dispatchEvent(new CustomEvent('kanalsim:results', { detail: r, bubbles: true, composed: true }));
  }

  // ---- rendering -----------------------------------------------------------------------------

  private layout(): void {
    const embed = this.mode === 'embed';
    this.root.classList.toggle('ks-embed', embed);
    const results = this.resultsEl;
    results.append(this.liveEl, this.progressEl, this.cardsEl, this.chartsEl);
    const main = h('div', { class: 'ks-main' }, this.leversEl, results);
    // The embed page (in an iframe) still has a level-one heading, for screen-reader users.
    if (embed && this.isPage) this.root.append(this.embedTitle);
    if (embed) this.root.append(this.msgEl, this.tabsEl, main);
    else this.root.append(this.headerEl, this.msgEl, this.tabsEl, main, this.keepEl, this.aboutEl);
    const charts = this.listAttr('charts', CHART_IDS) ?? new Set<string>(CHART_IDS);
    for (const id of CHART_IDS) {
      if (id === 'cards' || !charts.has(id)) continue;
      const b = new ChartBlock(id, () => this.st?.baseline.id ?? 'kanalsim');
      this.blocks.set(id, b);
      this.chartsEl.append(b.el);
    }
    this.cardsEl.hidden = !charts.has('cards');
  }

  private labels(): string[] {
    const st = this.st;
    if (!st) return [];
    return S.variants(st).map((s, i) => {
      const title = st.lang === 'da' ? s.title : s.titleEn || s.title;
      return i === 0 ? `${t(st.lang, 'baseline')}: ${title}` : title;
    });
  }

  private renderAll(): void {
    const st = this.st;
    if (!st) return;
    if (this.getAttribute('lang') !== st.lang) this.setAttribute('lang', st.lang);
    this.root.lang = st.lang;
    if (this.isPage) document.documentElement.lang = st.lang;
    this.embedTitle.textContent = t(st.lang, 'appTitle');
    this.resultsEl.setAttribute('aria-label', t(st.lang, 'results'));
    if (this.isPage) document.title = t(st.lang, 'docTitle');
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.k;
    const openKeys = new Map<string, boolean>();
    this.root.querySelectorAll<HTMLDetailsElement>('details[data-k]').forEach((d) => openKeys.set(d.dataset.k ?? '', d.open));
    this.renderMessage();
    if (this.mode === 'full') {
      this.renderHeader();
      this.renderKeep();
      clear(this.aboutEl);
      this.aboutEl.append(renderAbout(st.lang, S.variants(st), this.client?.version ?? '', this.finalResults[0] ?? this.last?.results[0] ?? null));
    }
    this.renderTabs();
    clear(this.leversEl);
    const only = this.listAttr('levers', LEVER_IDS);
    if (!(this.mode === 'embed' && only && only.size === 0)) {
      this.leversEl.append(h('h2', {}, `${t(st.lang, 'levers')}`), ...renderLevers(st, this.dispatch, this.mode === 'embed' ? only ?? new Set(['hours', 'adoption']) : only));
    }
    this.leversEl.hidden = this.leversEl.childElementCount === 0;
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
    const list = h('ul', {}, ...m.issues.map((i) => h('li', {}, i.path ? h('code', {}, cut(i.path)) : null, i.path ? ': ' : '', cut(i.da), h('span', { lang: 'en', class: 'ks-en' }, ` / ${cut(i.en)}`))));
    const close = button(`${t('da', 'dismiss')} / ${t('en', 'dismiss')}`, 'dismiss', () => {
      this.msg = null;
      this.renderMessage();
    }, 'ks-small');
    this.msgEl.append(h('p', {}, h('strong', {}, m.titleDa), ' ', h('span', { lang: 'en' }, m.titleEn)), list, close);
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
    for (const p of this.client.presets) {
      const o = h('option', { value: p.id }, lang === 'da' ? p.title : p.titleEn || p.title);
      if (p.id === current) o.selected = true;
      sel.append(o);
    }
    sel.addEventListener('change', () => this.dispatch((s) => S.choosePreset(this.client!.presets, sel.value, s.lang)));
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
    if (st.scenarios.length < S.MAX_SCENARIOS) list.append(button(t(lang, 'addScenario'), 'add-scenario', () => this.dispatch((s) => S.addScenario(s)), 'ks-add'));
    this.tabsEl.append(list);
    const sel = S.selectedScenario(st);
    const desc = lang === 'da' ? sel.description : sel.descriptionEn || sel.description;
    const row = h('div', { class: 'ks-editing' }, h('span', {}, `${t(lang, 'editing')}: `), h('strong', {}, labels[st.selected] ?? ''), desc ? h('span', { class: 'ks-muted' }, ` – ${desc}`) : null);
    if (st.selected > 0) row.append(' ', button(t(lang, 'removeScenario'), 'remove-scenario', () => this.dispatch((s) => S.removeScenario(s, s.selected)), 'ks-small'));
    this.tabsEl.append(row);
  }

  private renderProgress(): void {
    const st = this.st;
    if (!st) return;
    const lang = st.lang;
    clear(this.progressEl);
    const u = this.last;
    const reps = st.baseline.simulation.replications;
    const n = S.variants(st).length;
    const done = u ? u.done : 0;
    const total = u ? u.total : reps * n;
    const running = !!this.client?.running;
    const years = Math.floor(done / Math.max(1, n));
    const bar = h('progress', { max: total, value: done, 'aria-label': t(lang, 'running') });
    const text = running
      ? `${t(lang, 'running')}: ${num(lang, years)} / ${num(lang, reps)} ${t(lang, 'doneRuns')}`
      : u?.error
        ? t(lang, 'noResults')
        : u?.cancelled
        ? `${t(lang, 'cancelled')}: ${num(lang, years)} / ${num(lang, reps)} ${t(lang, 'doneRuns')}`
        : `${t(lang, 'finished')}: ${num(lang, years)} ${t(lang, 'doneRuns')}`;
    const cancel = button(t(lang, 'cancel'), 'cancel', () => this.client?.cancel(), 'ks-small');
    cancel.disabled = !running;
    this.progressEl.append(h('span', { class: 'ks-progtext', 'data-progress': `${done}/${total}` }, text), bar, cancel);
    const live = running ? t(lang, 'running') : u ? text : '';
    if (live !== this.liveText) {
      this.liveText = live;
      this.liveEl.textContent = live;
    }
  }

  private renderResults(): void {
    const st = this.st;
    if (!st) return;
    const lang = st.lang;
    const u = this.last;
    const results = u?.results ?? [];
    const comparisons = u?.comparisons ?? [];
    const labels = this.labels();
    const inp: C.Input = { lang, labels, results, comparisons };
    // Cards: the selected scenario against the baseline (the first scenario when the
    // baseline is selected).
    const si = st.selected > 0 ? st.selected : st.scenarios.length > 0 ? 1 : 0;
    clear(this.cardsEl);
    this.cardsEl.append(h('h2', {}, t(lang, 'keyFigures')));
    if (si > 0 && labels[si]) this.cardsEl.append(h('p', { class: 'ks-cardsfor' }, t(lang, 'cardsFor'), ' ', h('strong', {}, labels[si] ?? ''), ` ${t(lang, 'comparedWith')} `, h('strong', {}, labels[0] ?? ''), '.'));
    this.cardsEl.append(renderCards(lang, this.client?.metrics ?? [], results[0] ?? null, si > 0 ? results[si] ?? null : null, si > 0 ? comparisons[si] ?? null : null, labels[si] ?? '', si));
    for (const [id, b] of this.blocks) {
      if (id === 'contacts') {
        b.setTexts(lang, t(lang, 'contactsChart'));
        b.update(C.contactsChart(inp));
      } else if (id === 'cost') {
        b.setTexts(lang, t(lang, 'costChart'));
        b.update(C.costChart(inp));
      } else if (id === 'gaveup') {
        b.setTexts(lang, t(lang, 'gaveUpChart'));
        b.update(C.gaveUpChart(inp));
      } else if (id === 'weekly') {
        b.setTexts(lang, t(lang, 'weeklyChart'));
        this.weeklyControls(b, lang);
        b.update(C.weeklyChart(inp, this.weeklySeries));
      } else if (id === 'sensitivity') {
        b.setTexts(lang, t(lang, 'sensitivityChart'));
        const r = results[st.selected] ?? null;
        const defs = this.client?.metrics ?? [];
        const ids = r ? r.sensitivity.map((x) => x.metric) : [];
        if (ids.length && !ids.includes(this.sensMetric)) this.sensMetric = ids.includes(C.SENSITIVITY_DEFAULT) ? C.SENSITIVITY_DEFAULT : ids[0]!;
        const mlabel = (m: string) => {
          const d = defs.find((x) => x.id === m);
          return d ? (lang === 'da' ? d.da : d.en) : m;
        };
        this.sensControls(b, lang, ids.map((m) => [m, mlabel(m)]));
        b.update(C.sensitivityChart(lang, labels[st.selected] ?? '', r, S.selectedScenario(st), this.sensMetric, mlabel(this.sensMetric)));
      } else if (id === 'heatmap') {
        b.setTexts(lang, t(lang, 'heatmapChart'));
        const vi = Math.min(this.heatVariant ?? st.selected, labels.length - 1);
        this.heatControls(b, lang, labels, vi);
        b.update(C.heatmapChart(lang, labels[vi] ?? '', results[vi] ?? null, this.heatMetric));
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
    c.append(ctl(t(lang, 'metric'), ms), ctl(t(lang, 'show'), vs));
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

  private renderKeep(): void {
    const st = this.st;
    if (!st) return;
    const lang = st.lang;
    clear(this.keepEl);
    const file = h('input', { type: 'file', accept: 'application/json,.json', id: 'ks-import', class: 'ks-file', 'data-action': 'import-file' });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (!f) return;
      void f.text().then((text) => {
        let obj: unknown;
        try {
          obj = JSON.parse(text);
        } catch (e) {
          this.showMessage({ titleDa: t('da', 'importProblem'), titleEn: t('en', 'importProblem'), issues: [{ path: f.name, en: `not valid JSON: ${String(e)}`, da: `ikke gyldig JSON: ${String(e)}` }] });
          return;
        }
        this.applyScenario(obj);
        file.value = '';
      });
    });
    const shareOut = h('input', { type: 'text', readonly: true, class: 'ks-shareurl', 'aria-label': t(lang, 'share'), value: this.shareUrl, 'data-k': 'share-url' });
    shareOut.hidden = !this.shareUrl;
    const shareNote = h('p', { class: 'ks-muted', role: 'status' });
    this.keepEl.append(
      h('h2', {}, t(lang, 'keep')),
      h('div', { class: 'ks-quick' },
        button(t(lang, 'share'), 'share', () => void this.share(shareOut, shareNote)),
        button(t(lang, 'exportJson'), 'export-json', () => this.exportJson()),
        // The file input is visually hidden; its label (the next sibling) shows its focus.
        file, h('label', { for: 'ks-import', class: 'ks-btn' }, t(lang, 'importJson')),
        button(t(lang, 'exportCsv'), 'export-csv', () => this.exportCsv()),
        button(t(lang, 'exportSheet'), 'export-sheet', () => this.exportSheet()),
        button(t(lang, 'reset'), 'reset', () => this.dispatch((s) => S.choosePreset(this.client!.presets, 'tonder-2012', s.lang))),
      ),
      shareNote,
      shareOut,
    );
  }

  /** The share link for the current state (also used by tests). */
  async shareLink(): Promise<string> {
    if (!this.st) return '';
    const payload = await encodeShare(S.persistable(this.st));
    return `${location.href.replace(/#.*$/, '')}#s=${payload}`;
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
    try {
      await navigator.clipboard.writeText(this.shareUrl);
      liveNote.textContent = t(lang, 'shareCopied');
    } catch {
      liveNote.textContent = t(lang, 'shareMade');
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
    return resultsCsv(this.st.lang, this.client.metrics, this.labels(), this.last?.results ?? [], this.last?.comparisons ?? []);
  }

  private exportCsv(): void {
    download(`${this.st?.baseline.id ?? 'kanalsim'}-resultater.csv`, new Blob(['\ufeff' + this.resultsCsv()], { type: 'text/csv;charset=utf-8' }));
  }

  private exportSheet(): void {
    if (!this.st) return;
    const text = assumptionsSheet(this.st.lang, S.variants(this.st), this.labels(), this.client?.version ?? '', this.last?.results ?? []);
    download(`${this.st.baseline.id}-antagelser-og-kilder.md`, new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  }
}

export function define(): void {
  if (!customElements.get('kanal-sim')) customElements.define('kanal-sim', KanalSim);
}
