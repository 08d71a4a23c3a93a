// Exports: results CSV (the figures as shown, rounded the same way) and the "assumptions and
// sources" sheet for committee papers.
import type { Comparison, MetricDef, Results, Scenario } from './generated/types';
import type { Lang } from './state';
import { rounded } from './format';
import { t } from './i18n';
import { plainPath } from './words';

const csvCell = (s: string | number) => {
  const v = String(s);
  return /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};
const n = (x: number) => (Number.isFinite(x) ? String(x) : '');

/** One row per metric and variant: mean, P5, P50, P95 and the paired difference from the baseline. */
export function resultsCsv(lang: Lang, defs: MetricDef[], labels: string[], results: (Results | null)[], comparisons: (Comparison | null)[]): string {
  const head = ['metric', 'label', 'unit', 'variant', 'mean', 'p5', 'p50', 'p95', 'diff_mean', 'diff_p5', 'diff_p95', 'replications', 'seed', 'engine_version'];
  const rows = [head.join(',')];
  results.forEach((r, i) => {
    if (!r) return;
    for (const d of defs) {
      const s = r.metrics[d.id];
      if (!s) continue;
      const df = comparisons[i]?.difference[d.id];
      const unit = d.unit === 'share' ? 'percent' : d.unit;
      rows.push(
        [d.id, lang === 'da' ? d.da : d.en, unit, labels[i] ?? '', n(rounded(d.unit, s.mean)), n(rounded(d.unit, s.p5)), n(rounded(d.unit, s.p50)), n(rounded(d.unit, s.p95)),
          df ? n(rounded(d.unit, df.mean)) : '', df ? n(rounded(d.unit, df.p5)) : '', df ? n(rounded(d.unit, df.p95)) : '', r.replications, r.seed, r.engineVersion]
          .map(csvCell)
          .join(','),
      );
    }
  });
  return rows.join('\r\n') + '\r\n';
}

/** A plain-text (Markdown) sheet of what was simulated, with every source and assumption. */
export function assumptionsSheet(lang: Lang, variants: Scenario[], labels: string[], version: string, results: (Results | null)[]): string {
  const da = lang === 'da';
  const base = variants[0];
  const L: string[] = [];
  L.push(`# Kanalsim – ${t(lang, 'sources').toLowerCase()}`, '');
  L.push(`- ${da ? 'Modelversion' : 'Engine version'}: ${version}`);
  if (base) {
    L.push(`- ${t(lang, 'seed')}: ${base.simulation.seed}`);
    L.push(`- ${t(lang, 'replications')}: ${base.simulation.replications} (${da ? 'gennemført' : 'completed'}: ${results[0]?.replications ?? 0})`);
    L.push(`- ${da ? 'Horisont' : 'Horizon'}: ${base.horizonWeeks} ${da ? 'uger' : 'weeks'}`);
  }
  L.push(`- ${da ? 'Dato' : 'Date'}: ${new Date().toISOString().slice(0, 10)}`, '');
  L.push(da
    ? 'Alle tal er gennemsnit og 90 %-intervaller (5. og 95. percentil) over de simulerede år. Scenarier sammenlignes med basis med fælles tilfældige tal (samme frø, samme strømme), så forskellen skyldes ændringen og ikke tilfældighed.'
    : 'Every figure is a mean and a 90 % interval (5th and 95th percentile) over the simulated years. Scenarios are compared with the baseline using common random numbers (same seed, same streams), so the difference reflects the change, not chance.', '');
  variants.forEach((s, i) => {
    L.push(`## ${labels[i] ?? s.title}`, '');
    const desc = da ? s.description : s.descriptionEn || s.description;
    if (desc) L.push(desc, '');
    L.push(`${da ? 'Id' : 'Id'}: \`${s.id}\``, '');
    for (const note of s.sources ?? []) {
      L.push(`- **${t(lang, note.kind)}** (${plainPath(lang, note.topic)}): ${da ? note.da : note.en}`);
    }
    L.push('');
  });
  return L.join('\n');
}
