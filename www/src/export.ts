// Exports: results CSV (the figures as shown, rounded the same way) — plain for machines and
// in the form Danish Excel opens (semicolon, decimal comma, Danish headers; the BOM is added
// when the file is saved) — the "assumptions and sources" sheet for committee papers (a
// printable HTML file, correct per scenario), and charts framed for a slide or a paper (title,
// unit, scenario names, a source line, version and seed, on a background of their own).
import type { Comparison, MetricDef, Results, Scenario } from './generated/types';
import { type Lang, slotsPerWeek } from './state';
import { rounded } from './format';
import { t } from './i18n';
import { plainPath, plainMessage } from './words';

/** A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or
 *  carriage return first) gets a leading apostrophe, so it stays text. Numbers are not cells
 *  of this kind: they are written as numbers. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

type Cell = string | number | null;

function cellText(c: Cell, sep: string, decimalComma: boolean): string {
  if (c === null) return '';
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) return '';
    const v = String(c);
    return decimalComma ? v.replace('.', ',') : v;
  }
  const v = neutralise(c);
  return v.includes(sep) || /["\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

interface CsvRow {
  id: string;
  label: string;
  unit: string;
  variant: string;
  cells: (number | null)[];
  replications: number;
  seed: number;
  version: string;
}

function csvRows(lang: Lang, defs: MetricDef[], labels: string[], results: (Results | null)[], comparisons: (Comparison | null)[]): CsvRow[] {
  const rows: CsvRow[] = [];
  results.forEach((r, i) => {
    if (!r) return;
    for (const d of defs) {
      const s = r.metrics[d.id];
      if (!s) continue;
      const df = comparisons[i]?.difference[d.id];
      const v = (x: number | undefined) => (x === undefined ? null : rounded(d.unit, x));
      rows.push({
        id: d.id,
        label: lang === 'da' ? d.da : d.en,
        unit: d.unit === 'share' ? 'percent' : d.unit,
        variant: labels[i] ?? '',
        cells: [v(s.mean), v(s.p5), v(s.p50), v(s.p95), v(df?.mean), v(df?.p5), v(df?.p95), v(df?.ci90?.[0]), v(df?.ci90?.[1])],
        replications: r.replications,
        seed: r.seed,
        version: r.engineVersion,
      });
    }
  });
  return rows;
}

/** The machine CSV: comma, decimal point, English column names; one row per metric and variant
 *  (mean, P5, P50, P95, the paired difference from the baseline and its 90 % CI of the mean). */
export function resultsCsv(lang: Lang, defs: MetricDef[], labels: string[], results: (Results | null)[], comparisons: (Comparison | null)[]): string {
  const head = ['metric', 'label', 'unit', 'variant', 'mean', 'p5', 'p50', 'p95', 'diff_mean', 'diff_p5', 'diff_p95', 'diff_ci90_lo', 'diff_ci90_hi', 'replications', 'seed', 'engine_version'];
  const out = [head.join(',')];
  for (const r of csvRows(lang, defs, labels, results, comparisons)) {
    out.push([r.id, r.label, r.unit, r.variant, ...r.cells, r.replications, r.seed, r.version].map((c) => cellText(c, ',', false)).join(','));
  }
  return out.join('\r\n') + '\r\n';
}

const UNIT_DA: Record<string, string> = { count: 'antal', percent: 'procent', minutes: 'minutter', hours: 'timer', fte: 'årsværk', dkk: 'kr.', days: 'dage' };

/** The CSV Danish Excel opens as it should: semicolon, decimal comma, Danish column names
 *  and labels (save it with a UTF-8 BOM). */
export function resultsCsvDa(defs: MetricDef[], labels: string[], results: (Results | null)[], comparisons: (Comparison | null)[]): string {
  const head = ['Nøgletal', 'Enhed', 'Scenarie', 'Gennemsnit', '5. percentil', 'Median', '95. percentil', 'Forskel fra basis (gennemsnit)', 'Forskel, 5. percentil', 'Forskel, 95. percentil', 'Forskel, 90 %-konfidensinterval fra', 'Forskel, 90 %-konfidensinterval til', 'Simulerede år', 'Frø', 'Modelversion'];
  const out = [head.join(';')];
  for (const r of csvRows('da', defs, labels, results, comparisons)) {
    out.push([r.label, UNIT_DA[r.unit] ?? r.unit, r.variant, ...r.cells, r.replications, r.seed, r.version].map((c) => cellText(c, ';', true)).join(';'));
  }
  return out.join('\r\n') + '\r\n';
}

// ---- the assumptions and sources sheet ------------------------------------------------------

/** Text for HTML: every character that could start markup is escaped. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DAY_NAMES: Record<Lang, string[]> = {
  da: ['man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** A channel's week in words: "man–tir 10:00–15:00, ons lukket, …" (days alike are joined). */
export function weekWords(lang: Lang, w: Scenario['openingHours']['phone']): string {
  const day = (d: (typeof DAYS)[number]) => {
    const iv = w[d] ?? [];
    return iv.length ? iv.map((x) => `${x.start}–${x.end}`).join(', ') : lang === 'da' ? 'lukket' : 'closed';
  };
  const parts: string[] = [];
  let i = 0;
  while (i < 7) {
    const v = day(DAYS[i]!);
    let j = i;
    while (j + 1 < 7 && day(DAYS[j + 1]!) === v) j++;
    const names = DAY_NAMES[lang];
    parts.push(`${i === j ? names[i] : `${names[i]}–${names[j]}`} ${v}`);
    i = j + 1;
  }
  return parts.join('; ');
}

/** The value at a dotted path (`openingHours.phone`), or undefined. */
function at(x: unknown, path: string): unknown {
  let v = x;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

const pct = (lang: Lang, x: number) => `${(Math.round(x * 1000) / 10).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB')} %`;
const rangeWords = (lang: Lang, r: { low: number; likely: number; high: number }) =>
  lang === 'da' ? `${pct(lang, r.low)}–${pct(lang, r.high)}, mest sandsynligt ${pct(lang, r.likely)}` : `${pct(lang, r.low)}–${pct(lang, r.high)}, most likely ${pct(lang, r.likely)}`;

/** The counter's form and, by appointment, the settings of the book, in words. */
export function appointmentFacts(lang: Lang, s: Scenario): [string, string][] {
  const da = lang === 'da';
  const a = s.appointments;
  const mode = a?.mode ?? 'walkIn';
  const modeWords = { walkIn: da ? 'drop-in (uden tid)' : 'walk-in (no appointment)', appointment: da ? 'kun tidsbestilling' : 'by appointment only', both: da ? 'både tidsbestilling og drop-in' : 'both appointments and walk-in' }[mode];
  const out: [string, string][] = [[da ? 'Skranken' : 'The counter', modeWords]];
  if (!a || mode === 'walkIn') return out;
  const n = (x: number) => x.toLocaleString(da ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  const slots = slotsPerWeek(a);
  const deskHours = a.desks.reduce((t2, row) => t2 + row.reduce((u, d) => u + d, 0), 0);
  out.push([da ? 'Tider' : 'Slots', da
    ? `${n(slots)} tider om ugen á ${n(a.slotMinutes)} min (${n(deskHours)} skranketimer), kan bestilles ${n(a.horizonDays)} dage frem${a.sameDay ? ', også samme dag' : ', tidligst dagen efter'}`
    : `${n(slots)} slots a week of ${n(a.slotMinutes)} min (${n(deskHours)} desk hours), bookable ${n(a.horizonDays)} days ahead${a.sameDay ? ', the same day too' : ', from the next day'}`]);
  const bb = a.bookedBy;
  out.push([da ? 'Bestilling' : 'Booking', da ? `på nettet ${pct(lang, bb.web)}, pr. telefon ${pct(lang, bb.phone)}, ved skranken ${pct(lang, bb.counter)}` : `online ${pct(lang, bb.web)}, by phone ${pct(lang, bb.phone)}, at the counter ${pct(lang, bb.counter)}`]);
  if (mode === 'both') out.push([da ? 'Møder op uden tid' : 'Walk in without booking', rangeWords(lang, a.walkIn)]);
  const p = a.patienceWorkdays;
  out.push([da ? 'Vil vente på en tid (middel, hverdage)' : 'Will wait for a slot (mean, workdays)', p ? (da ? `${n(p.low)}–${n(p.high)}, mest sandsynligt ${n(p.likely)}` : `${n(p.low)}–${n(p.high)}, most likely ${n(p.likely)}`) : da ? 'tager altid første ledige tid' : 'always take the first free slot']);
  const ns = a.whenNoSlot;
  out.push([da ? 'Når første ledige tid er for sen (mest sandsynligt)' : 'When the first free slot is too late (most likely)', da
    ? `ringer eller skriver ${pct(lang, ns.switchChannel.likely)}, digitalt ${pct(lang, ns.goDigital.likely)}, tager tiden alligevel ${pct(lang, ns.walkIn.likely)}, opgiver ${pct(lang, ns.giveUp.likely)}`
    : `call or write ${pct(lang, ns.switchChannel.likely)}, digital ${pct(lang, ns.goDigital.likely)}, take the slot anyway ${pct(lang, ns.walkIn.likely)}, give up ${pct(lang, ns.giveUp.likely)}`]);
  out.push([da ? 'Udeblivelser' : 'No-shows', rangeWords(lang, a.noShow)]);
  out.push([da ? 'Sene afbud' : 'Late cancellations', rangeWords(lang, a.lateCancellation)]);
  const need = s.demand.errandTypes.filter((e) => e.requiresAttendance).map((e) => (da ? e.name : e.nameEn || e.name));
  if (need.length) out.push([da ? 'Kræver fremmøde' : 'Needs a visit in person', need.join(', ')]);
  return out;
}

export interface SheetInput {
  lang: Lang;
  variants: Scenario[];
  labels: string[];
  version: string;
  results: (Results | null)[];
  /** The presets: a source note describes the preset it was written for — the baseline preset
   *  for a note a scenario preset copies from it — and a variant whose value at the note's
   *  topic differs from that preset's no longer matches the note. */
  presets: Scenario[];
}

/**
 * The assumptions and sources of every variant as a printable HTML document (all text
 * escaped: a title can never become markup). What each variant simulates is read from the
 * variant itself (opening hours, digital adoption, seed); a source note whose topic the variant
 * has changed is said to no longer apply, with the variant's own value beside it.
 */
export function assumptionsHtml(o: SheetInput): string {
  const { lang, variants, labels } = o;
  const da = lang === 'da';
  const base = variants[0];
  const P: string[] = [];
  const title = `Kanalsim – ${t(lang, 'sources').toLowerCase()}`;
  P.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${esc(title)}</title>`);
  P.push('<style>body{font:11pt/1.4 system-ui,sans-serif;color:#111;margin:2cm;max-width:50em}h1{font-size:16pt}h2{font-size:13pt;border-top:1px solid #999;padding-top:6pt;margin-top:14pt}dl{display:grid;grid-template-columns:max-content 1fr;gap:2pt 10pt}dt{font-weight:600}dd{margin:0}.chg{color:#8a4b00}@page{size:A4;margin:1.5cm}@media print{body{margin:0}h2{break-after:avoid}li{break-inside:avoid}}</style></head><body>');
  P.push(`<h1>${esc(title)}</h1>`);
  const facts: [string, string][] = [[da ? 'Modelversion' : 'Engine version', o.version]];
  if (base) {
    facts.push([t(lang, 'seed'), String(base.simulation.seed)]);
    facts.push([t(lang, 'replications'), `${base.simulation.replications} (${da ? 'gennemført' : 'completed'}: ${o.results[0]?.replications ?? 0})`]);
    facts.push([da ? 'Horisont' : 'Horizon', `${base.horizonWeeks} ${da ? 'uger' : 'weeks'}`]);
  }
  facts.push([da ? 'Dato' : 'Date', new Date().toISOString().slice(0, 10)]);
  P.push(`<dl>${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
  P.push(`<p>${esc(da
    ? 'Alle tal er gennemsnit over de simulerede år, med 5. og 95. percentil (9 ud af 10 år ligger imellem). Scenarier sammenlignes med basis med fælles tilfældige tal (samme frø, samme strømme), så forskellen skyldes ændringen og ikke tilfældighed; forskellens 90 %-konfidensinterval siger, hvor godt dens gennemsnit er kendt.'
    : 'Every figure is a mean over the simulated years, with the 5th and 95th percentile (9 years in 10 lie between). Scenarios are compared with the baseline using common random numbers (same seed, same streams), so the difference reflects the change, not chance; the difference\'s 90 % confidence interval says how well its mean is known.')}</p>`);
  variants.forEach((s, i) => {
    P.push(`<h2>${esc(labels[i] ?? s.title)}</h2>`);
    const desc = da ? s.description : s.descriptionEn || s.description;
    if (desc) P.push(`<p>${esc(desc)}</p>`);
    const own: [string, string][] = [
      [da ? 'Åbningstid, skranke' : 'Opening hours, counter', weekWords(lang, s.openingHours.personal)],
      [da ? 'Telefontid' : 'Phone hours', weekWords(lang, s.openingHours.phone)],
      [da ? 'Digital selvbetjening (andel af de egnede ærinder)' : 'Digital self-service (share of eligible errands)', rangeWords(lang, s.digital.adoption)],
    ];
    const path = s.digital.adoptionPath ?? [];
    if (path.length) own.push([da ? 'Udvikling i digital andel' : 'Change in digital share', path.map((p) => `${da ? 'uge' : 'week'} ${p.week}: ${p.change >= 0 ? '+' : ''}${Math.round(p.change * 1000) / 10} ${da ? 'point' : 'points'}`).join('; ')]);
    own.push(...appointmentFacts(lang, s));
    P.push(`<dl>${own.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
    const byId = (id: string | undefined) => o.presets.find((p) => p.id === id) ?? null;
    const basePreset = byId(s.baselineId ?? undefined) ?? byId(variants[0]?.id);
    const originOf = (note: { topic: string; da: string }) =>
      basePreset?.sources?.some((n) => n.topic === note.topic && n.da === note.da) ? basePreset : byId(s.id);
    const notes = [...(s.sources ?? [])];
    // A scenario switched to appointments on the page has the settings Kanalsim proposes,
    // whose notes are the appointment preset's: listed as such (and said to no longer apply
    // where this scenario's value differs from the preset's).
    const apptPreset = o.presets.find((p) => p.appointments?.mode === 'appointment') ?? null;
    const proposed = s.appointments && s.appointments.mode !== 'walkIn' && apptPreset && !notes.some((n) => n.topic.startsWith('appointments.'))
      ? (apptPreset.sources ?? []).filter((n) => n.topic.startsWith('appointments.') && n.topic !== 'appointments.mode')
      : [];
    const fromPreset = new Set(proposed);
    notes.push(...proposed);
    if (notes.length) {
      P.push('<ul>');
      for (const note of notes) {
        const origin = fromPreset.has(note) ? apptPreset : originOf(note);
        const changed = origin !== null && JSON.stringify(at(s, note.topic)) !== JSON.stringify(at(origin, note.topic));
        const presetName = fromPreset.has(note) && apptPreset ? (da ? ` – som i forvalget «${apptPreset.title}»` : ` – as in the preset «${apptPreset.titleEn || apptPreset.title}»`) : '';
        const head = `<strong>${esc(t(lang, note.kind))}</strong> (${esc(plainPath(lang, note.topic))}${esc(presetName)}): `;
        const text = esc(plainMessage(lang, da ? note.da : note.en));
        P.push(changed
          ? `<li class="chg">${head}<em>${esc(da ? 'ændret i dette scenarie – kilden nedenfor gælder den oprindelige værdi, ikke dette scenarie' : 'changed in this scenario – the source below is for the original value, not for this scenario')}.</em> ${text}</li>`
          : `<li>${head}${text}</li>`);
      }
      P.push('</ul>');
    }
  });
  P.push('</body></html>');
  return P.join('\n') + '\n';
}

// ---- charts framed for a slide or a paper ---------------------------------------------------

export interface FrameMeta {
  title: string;
  /** What the numbers are, e.g. "henvendelser pr. år". */
  unit: string;
  scenarios: string[];
  /** "Kilde: …" */
  source: string;
  /** "Kanalsim 0.1.0 · frø 2012" */
  stamp: string;
}

/** Lines of at most about `chars` characters (split at spaces). */
function wrap(s: string, chars: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of s.split(/\s+/)) {
    if (line && line.length + 1 + w.length > chars) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

/**
 * The chart's SVG inside one with a white background, a title, the unit and the scenarios above
 * it, and the source, version and seed below: readable on its own, on a light or a dark slide.
 */
export function framedSvg(chartSvg: string, w: number, h: number, m: FrameMeta): { svg: string; width: number; height: number } {
  const pad = 16;
  const width = Math.max(320, Math.round(w + 2 * pad));
  const chars = Math.max(30, Math.floor((width - 2 * pad) / 6.6));
  const text: string[] = [];
  let y = pad + 18;
  const line = (s: string, size: number, weight: string, fill: string) => {
    text.push(`<text x="${pad}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}">${esc(s)}</text>`);
    y += Math.round(size * 1.4);
  };
  for (const l of wrap(m.title, Math.floor(chars * 0.7))) line(l, 18, '700', '#1a1a1a');
  for (const l of wrap(m.unit, chars)) line(l, 12, '400', '#333333');
  for (const l of wrap(m.scenarios.join(' · '), chars)) line(l, 12, '400', '#333333');
  const top = y;
  y = top + h + 18;
  for (const l of wrap(m.source, chars)) line(l, 11, '400', '#333333');
  line(m.stamp, 11, '400', '#333333');
  const height = Math.round(y);
  const inner = chartSvg.replace(/^<\?xml[^>]*>\s*/, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>${text.join('')}<g transform="translate(${pad},${top})">${inner}</g></svg>`;
  return { svg, width, height };
}
