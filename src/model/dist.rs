//! Duration distributions: each is checked and compiled in its constructor
//! ([`Dist::new`]) and turns one 64-bit random word into a duration in minutes.

use crate::error::Error;
use crate::scenario::Distribution;
use crate::validate::{Collector, MAX_CV, MAX_DURATION_MIN, MAX_WEIGHT, MINUTES, NONE, da};

/// A duration distribution sampled by inversion from one uniform number, so that a scenario
/// and its baseline use the same random number for the same errand (common random numbers).
#[derive(Debug, Clone)]
pub enum Dist {
    /// Exponential with this mean.
    Exp(f64),
    /// Lognormal: parameters of the underlying normal.
    LogNormal {
        /// Mean of the log.
        mu: f64,
        /// Standard deviation of the log.
        sigma: f64,
    },
    /// Histogram: bin edges and cumulative weights (last = 1).
    Empirical {
        /// Edges, minutes.
        edges: Vec<f64>,
        /// Cumulative probabilities per bin.
        cum: Vec<f64>,
        /// Where the search for the bin of `u` starts, by `⌊256 u⌋`: the bin of
        /// `⌊256 u⌋ / 256` (the bin of a larger `u` is never earlier), so a draw looks at a
        /// bin or two rather than walking all of them.
        start: Vec<u32>,
        /// Per bin, what the inversion inside it needs, precomputed (the same operations as
        /// at a draw, so the same bits).
        bins: Vec<Bin>,
    },
}

/// One bin of an empirical distribution, for the inversion inside it: `lo` the cumulative
/// weight below it, `w` its weight (`cum[i] − lo`), `edge` its lower edge and `width` its
/// width (`edges[i + 1] − edges[i]`).
#[derive(Debug, Clone, Copy)]
pub struct Bin {
    lo: f64,
    w: f64,
    edge: f64,
    width: f64,
}

impl Bin {
    /// The point at `u` (in this bin's cumulative range) by linear interpolation.
    #[inline(always)]
    fn at(&self, u: f64) -> f64 {
        let f = if self.w > 0.0 {
            ((u - self.lo) / self.w).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.edge + f * self.width
    }
}

/// The `u`-quantile of an empirical distribution whose search starts at bin `from`.
#[inline(always)]
fn empirical_at(cum: &[f64], bins: &[Bin], u: f64, from: usize) -> f64 {
    bins[bin_from(cum, u, from)].at(u)
}

/// The bin of `u` among cumulative weights `cum`, searched from bin `from`: the first bin
/// whose cumulative weight exceeds `u`, the last if none does.
#[inline(always)]
fn bin_from(cum: &[f64], u: f64, from: usize) -> usize {
    let n = cum.len();
    let mut i = from;
    while i + 1 < n && u >= cum[i] {
        i += 1;
    }
    i
}

impl Dist {
    /// Check a distribution and compile it: every problem of it is returned, each with its
    /// path under `path` (e.g. `queues.phone.serviceTime.meanMin`) in English and Danish.
    /// The scenario's validation calls this, so a distribution is checked in one place.
    ///
    /// ```
    /// use kanalsim::model::Dist;
    /// use kanalsim::scenario::Distribution;
    /// let d = Dist::new(&Distribution::Exponential { mean_min: 4.0 }, "serviceTime").unwrap();
    /// assert_eq!(d.mean(), 4.0);
    /// let e = Dist::new(&Distribution::Exponential { mean_min: 0.0 }, "serviceTime").unwrap_err();
    /// assert_eq!(e.issues[0].path, "serviceTime.meanMin");
    /// ```
    pub fn new(d: &Distribution, path: &str) -> Result<Dist, Error> {
        let mut c = Collector::new();
        check(&mut c, path, d);
        if !c.issues.is_empty() {
            return Err(Error::invalid(c.issues));
        }
        Ok(match d {
            Distribution::Exponential { mean_min } => Dist::Exp(*mean_min),
            Distribution::Lognormal { mean_min, sd_min } => {
                let cv2 = (sd_min / mean_min) * (sd_min / mean_min);
                let s2 = libm::log1p(cv2);
                Dist::LogNormal {
                    mu: libm::log(*mean_min) - s2 / 2.0,
                    sigma: s2.sqrt(),
                }
            }
            Distribution::Empirical { edges_min, weights } => {
                let total: f64 = weights.iter().sum();
                let mut acc = 0.0;
                let cum = weights
                    .iter()
                    .map(|w| {
                        acc += w / total;
                        acc
                    })
                    .collect::<Vec<_>>();
                let start = (0..256)
                    .map(|k| bin_from(&cum, k as f64 / 256.0, 0) as u32)
                    .collect();
                let bins = (0..cum.len())
                    .map(|i| {
                        let lo = if i == 0 { 0.0 } else { cum[i - 1] };
                        Bin {
                            lo,
                            w: cum[i] - lo,
                            edge: edges_min[i],
                            width: edges_min[i + 1] - edges_min[i],
                        }
                    })
                    .collect();
                Dist::Empirical {
                    edges: edges_min.clone(),
                    cum,
                    start,
                    bins,
                }
            }
        })
    }

    /// A draw in minutes from one 64-bit random word: the exponential by the ziggurat method
    /// ([`crate::rng::exp1_from_word`]), inline; the others by inversion of the word's 53-bit
    /// uniform ([`Dist::quantile`]), out of line; the empirical one starts its search from
    /// the word's top 8 bits (`⌊256 u⌋` of its uniform `u`, exactly) — the same numbers as
    /// `quantile`.
    #[inline(always)]
    pub fn draw(&self, w: u64) -> f64 {
        match self {
            Dist::Exp(mean) => mean * crate::rng::exp1_from_word(w),
            Dist::Empirical {
                cum, start, bins, ..
            } => empirical_draw(cum, start, bins, w),
            _ => self.quantile(crate::rng::unit53(w)),
        }
    }

    /// The `u`-quantile (0 ≤ u < 1) of the distribution, in minutes.
    #[inline(never)]
    pub fn quantile(&self, u: f64) -> f64 {
        match self {
            Dist::Exp(mean) => -mean * libm::log1p(-u),
            Dist::LogNormal { mu, sigma } => libm::exp(mu + sigma * inv_norm_cdf(u)),
            Dist::Empirical {
                cum, start, bins, ..
            } => {
                // (0 ≤ u < 1: the index is below 256; `u · 256` is exact.)
                let from = start[((u * 256.0) as usize).min(255)] as usize;
                empirical_at(cum, bins, u, from)
            }
        }
    }

    /// The mean of the distribution, minutes.
    pub fn mean(&self) -> f64 {
        match self {
            Dist::Exp(m) => *m,
            Dist::LogNormal { mu, sigma } => libm::exp(mu + sigma * sigma / 2.0),
            Dist::Empirical { edges, cum, .. } => {
                let mut lo = 0.0;
                let mut m = 0.0;
                for i in 0..cum.len() {
                    m += (cum[i] - lo) * (edges[i] + edges[i + 1]) / 2.0;
                    lo = cum[i];
                }
                m
            }
        }
    }
}

/// A draw of an empirical distribution from the random word `w`: its uniform is
/// `u = (w >> 11) / 2⁵³`, so `⌊256 u⌋ = w >> 56` exactly.
#[inline(never)]
fn empirical_draw(cum: &[f64], start: &[u32], bins: &[Bin], w: u64) -> f64 {
    let u = crate::rng::unit53(w);
    let from = start[(w >> 56) as usize] as usize;
    empirical_at(cum, bins, u, from)
}

/// Inverse of the standard normal CDF (Acklam's rational approximation refined by one
/// Halley step; relative error below 1e-12 on (0, 1)).
pub fn inv_norm_cdf(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let plow = 0.02425;
    let x = if p < plow {
        let q = (-2.0 * libm::log(p)).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - plow {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * libm::log1p(-p)).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One Halley refinement step.
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

/// Every problem of a distribution, pushed to `c` with paths under `path`.
fn check(c: &mut Collector, path: &str, d: &Distribution) {
    match d {
        Distribution::Exponential { mean_min } => {
            c.mean_minutes(&format!("{path}.meanMin"), *mean_min);
        }
        Distribution::Lognormal { mean_min, sd_min } => {
            let p = format!("{path}.sdMin");
            c.mean_minutes(&format!("{path}.meanMin"), *mean_min);
            c.positive(&p, *sd_min);
            if sd_min.is_finite() && mean_min.is_finite() && *sd_min > MAX_CV * mean_min {
                c.push(
                    p,
                    format!("must be at most {MAX_CV} × meanMin (got {sd_min})"),
                    format!(
                        "må højst være {} × meanMin (fik {})",
                        da(MAX_CV),
                        da(*sd_min)
                    ),
                );
            }
        }
        Distribution::Empirical { edges_min, weights } => {
            if weights.is_empty() || weights.len() > 1000 {
                c.push(
                    format!("{path}.weights"),
                    "needs between 1 and 1000 bins",
                    "skal have mellem 1 og 1000 intervaller",
                );
                return;
            }
            if edges_min.len() != weights.len() + 1 {
                c.push(
                    format!("{path}.edgesMin"),
                    format!(
                        "needs one more edge than there are weights ({} weights, {} edges)",
                        weights.len(),
                        edges_min.len()
                    ),
                    format!(
                        "skal have én grænse mere end der er vægte ({} vægte, {} grænser)",
                        weights.len(),
                        edges_min.len()
                    ),
                );
                return;
            }
            for (i, e) in edges_min.iter().enumerate() {
                let p = format!("{path}.edgesMin[{i}]");
                c.within(&p, *e, 0.0, MAX_DURATION_MIN, MINUTES);
                if i > 0 && e.is_finite() && *e <= edges_min[i - 1] {
                    c.push(p, "edges must increase", "grænserne skal være stigende");
                }
            }
            let mut sum = 0.0;
            for (i, w) in weights.iter().enumerate() {
                c.within(&format!("{path}.weights[{i}]"), *w, 0.0, MAX_WEIGHT, NONE);
                if w.is_finite() {
                    sum += w;
                }
            }
            if sum <= 0.0 {
                c.push(
                    format!("{path}.weights"),
                    "at least one weight must be positive",
                    "mindst én vægt skal være positiv",
                );
            }
            if edges_min.last().is_some_and(|e| *e <= 0.0) {
                c.push(
                    format!("{path}.edgesMin"),
                    "the last edge must be positive",
                    "den sidste grænse skal være positiv",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_normal_is_accurate() {
        for (p, z) in [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.001, -3.090_232_306_167_813_5),
        ] {
            assert!((inv_norm_cdf(p) - z).abs() < 1e-9, "{p}");
        }
    }

    #[test]
    fn empirical_quantiles_follow_bins() {
        let d = Dist::new(
            &Distribution::Empirical {
                edges_min: vec![0.0, 2.0, 4.0],
                weights: vec![1.0, 3.0],
            },
            "d",
        )
        .unwrap();
        assert!((d.quantile(0.125) - 1.0).abs() < 1e-12);
        assert!((d.quantile(0.625) - 3.0).abs() < 1e-12);
        assert!((d.mean() - (0.25 * 1.0 + 0.75 * 3.0)).abs() < 1e-12);
    }
}
