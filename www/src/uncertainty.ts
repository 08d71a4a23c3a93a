// How sure a difference is: the engine's 90 % confidence interval of the mean of a paired
// difference (`Summary.ci90`: mean ± t(0.95, n − 1) · s / √n over the paired simulated years,
// computed exactly from the replications in src/report.rs), and what may be said about it
// (pure: tested under node).
import type { Summary } from './generated/types';

/** The 90 % confidence interval of the mean the engine reports, or null when it has none
 *  (a summary without `ci90`, or a bound that is not a finite number). */
export function meanInterval(s: Summary): { lo: number; hi: number } | null {
  const ci = s.ci90;
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return null;
  return { lo: Math.min(ci[0], ci[1]), hi: Math.max(ci[0], ci[1]) };
}

/**
 * What may be said about a paired difference over n paired simulated years:
 * - `zero`: exactly no change in any simulated year;
 * - `up` / `down`: its 90 % confidence interval lies above / below 0 (while running, only once
 *   at least `MIN_YEARS` years are paired);
 * - `indistinct`: the run is complete and the interval covers 0 ("ikke til at skelne fra 0");
 * - `wait`: the run is still going and the sign is not yet known.
 */
export type Verdict = 'zero' | 'up' | 'down' | 'indistinct' | 'wait';
export const MIN_YEARS = 5;

export function verdict(d: Summary, n: number, complete: boolean): Verdict {
  if (d.mean === 0 && d.p5 === 0 && d.p95 === 0 && d.p25 === 0 && d.p75 === 0) return n >= 1 ? 'zero' : 'wait';
  if (!complete && n < MIN_YEARS) return 'wait';
  // One simulated year gives no interval ([mean, mean] from the engine): nothing is known.
  const ci = n >= 2 ? meanInterval(d) : null;
  if (ci && ci.lo > 0) return 'up';
  if (ci && ci.hi < 0) return 'down';
  return complete ? 'indistinct' : 'wait';
}
