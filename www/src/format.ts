// Numbers and text formatted for the language; a number that is not finite shows as "–".
import type { Lang } from './state';
import type { Unit } from './generated/types';

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const k = `${lang}${digits}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(k, f);
  }
  return f;
}

export const DASH = '–';

/** A plain number with the given decimals (1.234,5 in Danish, 1,234.5 in English). */
export function num(lang: Lang, x: number | undefined, digits = 0): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  const r = Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x; // no "-0"
  return nf(lang, digits).format(r);
}

/** Decimals shown for a unit. */
export function digitsFor(unit: Unit): number {
  switch (unit) {
    case 'share':
      return 1; // of a percentage
    case 'minutes':
      return 1;
    case 'fte':
      return 1;
    case 'days':
      return 1;
    default:
      return 0;
  }
}

/** The value as shown (rounded like the screen), for CSV and tests. */
export function rounded(unit: Unit, x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const v = unit === 'share' ? x * 100 : x;
  const f = 10 ** digitsFor(unit);
  return Math.round(v * f) / f;
}

export function unitSuffix(lang: Lang, unit: Unit): string {
  switch (unit) {
    case 'share':
      return ' %';
    case 'minutes':
      return ' min';
    case 'hours':
      return lang === 'da' ? ' timer' : ' hours';
    case 'fte':
      return lang === 'da' ? ' årsværk' : ' FTE';
    case 'dkk':
      return lang === 'da' ? ' kr.' : ' DKK';
    case 'days':
      return lang === 'da' ? ' dage' : ' days';
    default:
      return '';
  }
}

/** A metric value with its unit (shares as percent). */
export function value(lang: Lang, unit: Unit, x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  const v = unit === 'share' ? x * 100 : x;
  return num(lang, v, digitsFor(unit)) + unitSuffix(lang, unit);
}

/** A difference with its sign; shares in percentage points. */
export function signed(lang: Lang, unit: Unit, x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return DASH;
  const v = unit === 'share' ? x * 100 : x;
  const d = digitsFor(unit);
  const s = num(lang, Math.abs(v), d);
  const sign = s === num(lang, 0, d) ? '±' : v > 0 ? '+' : '−';
  const suf = unit === 'share' ? (lang === 'da' ? ' procentpoint' : ' points') : unitSuffix(lang, unit);
  return `${sign}${s}${suf}`;
}

export function magnitude(lang: Lang, unit: Unit, x: number): string {
  const v = unit === 'share' ? Math.abs(x) * 100 : Math.abs(x);
  const suf = unit === 'share' ? (lang === 'da' ? ' procentpoint' : ' percentage points') : unitSuffix(lang, unit);
  return num(lang, v, digitsFor(unit)) + suf;
}

/** One full stop where a sentence ends in an abbreviation ("kr." + "." is "kr.", not "kr.."). */
export function tidy(s: string): string {
  return s.replace(/\.(\s*)\./g, '.$1');
}
