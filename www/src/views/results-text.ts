// Key figures in plain words (pure: tested under node).
import type { Summary, Unit } from '../generated/types';
import type { Lang } from '../state';
import { magnitude, signed } from '../format';

/** A plain-language sentence about a paired difference (P5–P95: 9 years out of 10). */
export function differenceSentence(lang: Lang, label: string, unit: Unit, d: Summary): string {
  return sentence(lang, label, unit, d).replace(/\.\.$/, '.');
}

function sentence(lang: Lang, label: string, unit: Unit, d: Summary): string {
  const lo = d.p5;
  const hi = d.p95;
  const l = label.charAt(0).toLowerCase() + label.slice(1);
  const small = (x: number) => magnitude(lang, unit, x);
  const zero = magnitude(lang, unit, 0);
  if (small(lo) === zero && small(hi) === zero) {
    return lang === 'da' ? `${label}: uændret i 9 ud af 10 simulerede år.` : `${label}: unchanged in 9 out of 10 simulated years.`;
  }
  if (lo > 0) {
    return lang === 'da'
      ? `I 9 ud af 10 simulerede år stiger ${l} med mellem ${small(lo)} og ${small(hi)}.`
      : `In 9 out of 10 simulated years, the increase in ${l} is between ${small(lo)} and ${small(hi)}.`;
  }
  if (hi < 0) {
    return lang === 'da'
      ? `I 9 ud af 10 simulerede år falder ${l} med mellem ${small(hi)} og ${small(lo)}.`
      : `In 9 out of 10 simulated years, the decrease in ${l} is between ${small(hi)} and ${small(lo)}.`;
  }
  return lang === 'da'
    ? `${label} kan både stige og falde: i 9 ud af 10 simulerede år ligger forskellen mellem ${signed(lang, unit, lo)} og ${signed(lang, unit, hi)}.`
    : `${label} may rise or fall: in 9 out of 10 simulated years the difference lies between ${signed(lang, unit, lo)} and ${signed(lang, unit, hi)}.`;
}


/**
 * The plain sentence under the wait for an appointment, from the distribution over the
 * simulated years of the share of bookings within 5 workdays: its 5th percentile (19 years
 * out of 20 have at least that share), rounded down so that "mindst" stays true; where that
 * is under 1 %, its 95th percentile (19 years out of 20 have at most that), rounded up.
 */
export function withinFiveSentence(lang: Lang, s: Summary): string {
  const da = lang === 'da';
  const lo = Math.floor(s.p5 * 100 + 1e-9);
  if (!Number.isFinite(lo)) return '';
  if (lo >= 100) {
    return da
      ? 'I 19 ud af 20 simulerede år får alle, der bestiller, en tid inden for 5 hverdage.'
      : 'In 19 out of 20 simulated years everyone who books gets an appointment within 5 workdays.';
  }
  if (lo >= 1) {
    return da
      ? `I 19 ud af 20 simulerede år får mindst ${lo} % af dem, der bestiller, en tid inden for 5 hverdage.`
      : `In 19 out of 20 simulated years at least ${lo} % of those who book get an appointment within 5 workdays.`;
  }
  const hi = Math.max(0, Math.ceil(s.p95 * 100 - 1e-9));
  return da
    ? `I 19 ud af 20 simulerede år får højst ${hi} % af dem, der bestiller, en tid inden for 5 hverdage.`
    : `In 19 out of 20 simulated years at most ${hi} % of those who book get an appointment within 5 workdays.`;
}
