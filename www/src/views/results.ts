// Results: progress, key-figure cards in plain words, and charts, each with a text summary,
// a data table and PNG/SVG export.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Comparison, MetricDef, Results } from '../generated/types';
import type { Lang } from '../state';
import { h, append, clear, download, newId } from '../dom';
import { t } from '../i18n';
import { value, signed } from '../format';
import { differenceSentence } from './results-text';
export { differenceSentence };
import type { ChartSpec, Table } from '../charts';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, SVGRenderer]);

export const CHART_IDS = ['cards', 'contacts', 'heatmap', 'weekly', 'cost', 'gaveup', 'sensitivity'] as const;
export type ChartId = (typeof CHART_IDS)[number];

/** The key figures on the cards, in order. */
export const CARD_METRICS = [
  'contacts.personalAndPhone.information',
  'contacts.digital',
  'phone.serviceLevel',
  'personal.meanWaitMin',
  'gaveUp',
  'cost.unit.total',
  'staff.hours',
];

export function renderCards(lang: Lang, defs: MetricDef[], base: Results | null, scen: Results | null, cmp: Comparison | null, scenLabel: string, variant = 1): HTMLElement {
  // The cards' edge has the colour of the variant whose figures are large.
  const list = h('ul', { class: `ks-cards ks-cv${scen ? variant : 0}`, 'data-chart': 'cards' });
  for (const id of CARD_METRICS) {
    const def = defs.find((d) => d.id === id);
    if (!def) continue;
    const label = lang === 'da' ? def.da : def.en;
    const b = base?.metrics[id];
    const s = scen?.metrics[id];
    const d = cmp?.difference[id];
    const li = h('li', { class: 'ks-card', 'data-metric': id });
    li.append(h('h3', {}, label));
    if (scen && s) {
      append(li, [
        // Which scenario the large figure is for is said once above the cards (and here for screen readers).
        h('p', { class: 'ks-big' }, h('span', { 'data-value': 'scenario' }, value(lang, def.unit, s.mean)), h('span', { class: 'ks-sr' }, ` ${lang === 'da' ? 'i' : 'in'} ${scenLabel}`)),
        h('p', { class: 'ks-muted' }, `${t(lang, 'baseline')}: `, h('span', { 'data-value': 'baseline' }, value(lang, def.unit, b?.mean))),
        d ? h('p', { class: 'ks-diff' }, h('strong', { 'data-value': 'difference' }, signed(lang, def.unit, d.mean)), ` · ${differenceSentence(lang, label, def.unit, d)}`) : null,
      ]);
    } else if (b) {
      li.append(
        h('p', { class: 'ks-big' }, h('span', { 'data-value': 'baseline' }, value(lang, def.unit, b.mean))),
        h('p', { class: 'ks-muted' }, `${lang === 'da' ? 'I 9 ud af 10 simulerede år mellem' : 'In 9 out of 10 simulated years between'} ${value(lang, def.unit, b.p5)} ${lang === 'da' ? 'og' : 'and'} ${value(lang, def.unit, b.p95)}.`),
      );
    } else {
      li.append(h('p', { class: 'ks-big' }, '–'));
    }
    list.append(li);
  }
  return list;
}

function renderTable(tb: Table): HTMLTableElement {
  const table = h('table', { class: 'ks-data' }, h('caption', {}, tb.caption));
  table.append(h('thead', {}, h('tr', {}, ...tb.head.map((c) => h('th', { scope: 'col' }, c)))));
  table.append(h('tbody', {}, ...tb.rows.map((r, j) => h('tr', { 'data-id': tb.rowIds?.[j] }, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))));
  return table;
}

/** Below this chart width (pixels) the legend is stacked and wrapped. */
const NARROW = 520;

/** One chart with its title, optional controls, summary, table and export buttons. */
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

  constructor(readonly id: string, private fileName: () => string) {
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
    this.el = h('figure', { class: 'ks-figure', 'data-chart': id, 'aria-labelledby': tid }, this.titleEl, this.controlsEl, this.chartEl, h('figcaption', {}, this.summaryEl), details, h('div', { class: 'ks-exports' }, this.pngBtn, this.svgBtn));
  }

  setTexts(lang: Lang, title: string): void {
    this.titleEl.textContent = title;
    this.detailsSummary.textContent = t(lang, 'table');
    this.pngBtn.textContent = `${t(lang, 'downloadPng')}`;
    this.svgBtn.textContent = `${t(lang, 'downloadSvg')}`;
    this.pngBtn.setAttribute('aria-label', `${t(lang, 'downloadPng')}: ${title}`);
    this.svgBtn.setAttribute('aria-label', `${t(lang, 'downloadSvg')}: ${title}`);
    this.labels = { table: t(lang, 'table'), png: t(lang, 'downloadPng'), svg: t(lang, 'downloadSvg') };
  }

  controls(): HTMLElement {
    return this.controlsEl;
  }

  update(spec: ChartSpec): void {
    this.lastSpec = spec;
    const w = this.chart?.getWidth() ?? this.chartEl.clientWidth;
    const h0 = w > 0 && w < NARROW && spec.narrow?.height ? spec.narrow.height : spec.height;
    const height = h0 ? `${h0}px` : '';
    if (this.chartEl.style.height !== height) {
      this.chartEl.style.height = height;
      this.chart?.resize();
    }
    if (!this.chart && this.chartEl.isConnected) {
      this.chart = echarts.init(this.chartEl, null, { renderer: 'svg' });
      this.resize = new ResizeObserver(() => {
        this.chart?.resize();
        // Crossing the narrow width: the legend is laid out again.
        if (this.chart && this.lastSpec && (this.chart.getWidth() < NARROW) !== this.narrow) this.update(this.lastSpec);
      });
      this.resize.observe(this.chartEl);
    }
    const shape = JSON.stringify((spec.option.series as { name?: string; type?: string }[]).map((x) => [x.type, x.name]));
    this.chart?.setOption(this.fit(spec) as echarts.EChartsCoreOption, { notMerge: shape !== this.shape || this.narrowChanged, lazyUpdate: false });
    this.narrowChanged = false;
    this.shape = shape;
    this.summaryEl.textContent = spec.summary;
    this.renderTableIfOpen();
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
    const option = narrow && spec.narrow ? { ...spec.option, ...spec.narrow.option } : spec.option;
    const legend = option.legend as { textStyle?: Record<string, unknown>; data?: string[] } | undefined;
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
    return this.chart ? this.chart.renderToSVGString() : '';
  }

  exportSvg(): void {
    const svg = this.svgString();
    if (svg) download(`${this.fileName()}-${this.id}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
  }

  async exportPng(): Promise<void> {
    const svg = this.svgString();
    if (!svg || !this.chart) return;
    const w = this.chart.getWidth();
    const hgt = this.chart.getHeight();
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = w * scale;
    canvas.height = hgt * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
    if (blob) download(`${this.fileName()}-${this.id}.png`, blob);
  }

  dispose(): void {
    this.resize?.disconnect();
    this.chart?.dispose();
    this.chart = null;
  }

  get spec(): ChartSpec | null {
    return this.lastSpec;
  }
}
