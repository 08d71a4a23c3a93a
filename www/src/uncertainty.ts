// How sure a difference is: a 95 % confidence interval for the mean of a paired difference,
// from the summary the engine reports (pure: tested under node).
//
// The engine summarises a difference over n simulated years by its mean and percentiles. Its
// standard deviation is estimated from the spread of the percentiles — the larger of
// (P75 − P25) / 1.349 and (P95 − P5) / 3.29, the two normal-theory estimates, so the interval
// errs on the wide side — and the interval is mean ± t(n−1) · sd / √n.
import type { Summary } from './generated/types';

/** Student's t quantile for 97.5 % (Cornish–Fisher expansion; within 1 % for ν ≥ 3). */
export function t975(nu: number): number {
  if (!(nu >= 1)) return Infinity;
  if (nu === 1) return 12.706;
  if (nu === 2) return 4.303;
  const z = 1.959964;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3);
}

/** Estimated standard deviation of the values behind a summary. */
export function sdOf(s: Summary): number {
  const iqr = (s.p75 - s.p25) / 1.349;
  const p90 = (s.p95 - s.p5) / 3.29;
  const sd = Math.max(iqr, p90);
  return Number.isFinite(sd) && sd > 0 ? sd : 0;
}

/** 95 % confidence interval of the mean over n values (null for fewer than 2). */
export function meanInterval(s: Summary, n: number): { lo: number; hi: number } | null {
  if (!(n >= 2) || !Number.isFinite(s.mean)) return null;
  const half = (t975(n - 1) * sdOf(s)) / Math.sqrt(n);
  return { lo: s.mean - half, hi: s.mean + half };
}

/**
 * What may be said about a paired difference:
 * - `zero`: exactly no change in any simulated year;
 * - `up` / `down`: its confidence interval lies above / below 0;
 * - `indistinct`: the run is complete and the interval covers 0 ("ikke til at skelne fra 0");
 * - `wait`: the run is still going and the sign is not yet known (or fewer than
 *   `MIN_YEARS` years are paired).
 */
export type Verdict = 'zero' | 'up' | 'down' | 'indistinct' | 'wait';
export const MIN_YEARS = 5;

export function verdict(d: Summary, n: number, complete: boolean): Verdict {
  if (d.mean === 0 && d.p5 === 0 && d.p95 === 0 && d.p25 === 0 && d.p75 === 0) return n >= 1 ? 'zero' : 'wait';
  if (!complete && n < MIN_YEARS) return 'wait';
  const ci = meanInterval(d, n);
  if (ci && ci.lo > 0) return 'up';
  if (ci && ci.hi < 0) return 'down';
  return complete ? 'indistinct' : 'wait';
}
