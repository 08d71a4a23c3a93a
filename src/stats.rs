//! Small statistics for the summaries: the standard normal and Student t quantiles, and the
//! t-based confidence interval of a mean over replications.
//!
//! The t quantile is exact to about 1e-12: closed forms for 1 and 2 degrees of freedom,
//! otherwise Newton's method on the t distribution function (a regularised incomplete beta
//! by its continued fraction), started from the Cornish–Fisher expansion. The normal
//! quantile is Wichura's algorithm AS 241 (PPND16, about 1e-16 relative).
//!
//! ```
//! use kanalsim::stats::t_quantile;
//! assert!((t_quantile(0.95, 19.0) - 1.729133).abs() < 1e-6);
//! assert!((t_quantile(0.95, f64::INFINITY) - 1.644854).abs() < 1e-6);
//! ```

use std::f64::consts::PI;

/// The quantile of the standard normal distribution at `p` (0 < p < 1; ±∞ at 0 and 1).
// AS 241's coefficients as published (some have more digits than an f64 holds).
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    // Wichura (1988), Algorithm AS 241, PPND16.
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q
            * (((((((2_509.080_928_730_122_7 * r + 33_430.575_583_588_128) * r
                + 67_265.770_927_008_700)
                * r
                + 45_921.953_931_549_87)
                * r
                + 13_731.693_765_509_461)
                * r
                + 1_971.590_950_306_551_4)
                * r
                + 133.141_667_891_784_38)
                * r
                + 3.387_132_872_796_366_5)
            / (((((((5_226.495_278_852_545 * r + 28_729.085_735_721_943) * r
                + 39_307.895_800_092_71)
                * r
                + 21_213.794_301_586_597)
                * r
                + 5_394.196_021_424_751)
                * r
                + 687.187_007_492_057_9)
                * r
                + 42.313_330_701_600_91)
                * r
                + 1.0);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-libm::log(r)).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        (((((((7.745_450_142_783_414e-4 * r + 0.022_723_844_989_269_184) * r
            + 0.241_780_725_177_450_6)
            * r
            + 1.270_458_252_452_368_4)
            * r
            + 3.647_848_324_763_204_5)
            * r
            + 5.769_497_221_460_691)
            * r
            + 4.630_337_846_156_546)
            * r
            + 1.423_437_110_749_683_5)
            / (((((((1.050_750_071_644_416_9e-9 * r + 5.475_938_084_995_345e-4) * r
                + 0.015_198_666_563_616_457)
                * r
                + 0.148_103_976_427_480_08)
                * r
                + 0.689_767_334_985_1)
                * r
                + 1.676_384_830_183_803_8)
                * r
                + 2.053_191_626_637_759)
                * r
                + 1.0)
    } else {
        let r = r - 5.0;
        (((((((2.010_334_399_292_288_1e-7 * r + 2.711_555_568_743_487_6e-5) * r
            + 0.001_242_660_947_388_078_4)
            * r
            + 0.026_532_189_526_576_124)
            * r
            + 0.296_560_571_828_504_87)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114)
            * r
            + 6.657_904_643_501_103)
            / (((((((2.044_263_103_389_939_7e-15 * r + 1.421_511_758_316_446e-7) * r
                + 1.846_318_317_510_054_8e-5)
                * r
                + 7.868_691_311_456_133e-4)
                * r
                + 0.014_875_361_290_850_615)
                * r
                + 0.136_929_880_922_735_8)
                * r
                + 0.599_832_206_555_888)
                * r
                + 1.0)
    };
    if q < 0.0 { -x } else { x }
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=10_000 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let del = d * c;
        h *= del;
        if (del - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// The regularised incomplete beta function `I_x(a, b)` (a, b > 0, 0 ≤ x ≤ 1).
pub fn inc_beta(a: f64, b: f64, x: f64) -> f64 {
    inc_beta_xy(a, b, x, 1.0 - x)
}

/// `I_x(a, b)` with `y = 1 − x` given separately (so a tiny `1 − x` keeps its precision).
fn inc_beta_xy(a: f64, b: f64, x: f64, y: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if y <= 0.0 {
        return 1.0;
    }
    let ln_front = libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b)
        + a * libm::log(x)
        + b * libm::log(y);
    let front = libm::exp(ln_front);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_cf(a, b, x) / a
    } else {
        1.0 - front * beta_cf(b, a, y) / b
    }
}

/// The distribution function of Student's t with `df` degrees of freedom at `t`.
pub fn t_cdf(t: f64, df: f64) -> f64 {
    if df.is_infinite() {
        return 0.5 * libm::erfc(-t / std::f64::consts::SQRT_2);
    }
    let t2 = t * t;
    let (x, y) = (df / (df + t2), t2 / (df + t2));
    let tail = if y < 0.5 {
        // Near the centre: P(|T| < |t|) = I_y(1/2, df/2), accurate for small t.
        0.5 - 0.5 * inc_beta_xy(0.5, 0.5 * df, y, x)
    } else {
        // P(|T| > |t|) = I_x(df/2, 1/2).
        0.5 * inc_beta_xy(0.5 * df, 0.5, x, y)
    };
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// The density of Student's t with `df` degrees of freedom at `t`.
fn t_pdf(t: f64, df: f64) -> f64 {
    let ln_c = libm::lgamma(0.5 * (df + 1.0)) - libm::lgamma(0.5 * df) - 0.5 * libm::log(df * PI);
    libm::exp(ln_c - 0.5 * (df + 1.0) * libm::log1p(t * t / df))
}

/// The quantile of Student's t distribution with `df` degrees of freedom (df > 0, possibly
/// infinite) at probability `p` (0 < p < 1). NaN for df ≤ 0 or NaN.
///
/// ```
/// use kanalsim::stats::t_quantile;
/// assert!((t_quantile(0.95, 1.0) - 6.313752).abs() < 1e-6);
/// assert!((t_quantile(0.05, 5.0) + 2.015048).abs() < 1e-6);
/// ```
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if df.is_nan() || df <= 0.0 || p.is_nan() {
        return f64::NAN;
    }
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if df.is_infinite() {
        return normal_quantile(p);
    }
    if df == 1.0 {
        // Cauchy.
        return libm::tan(PI * (p - 0.5));
    }
    if df == 2.0 {
        return (2.0 * p - 1.0) / (2.0 * p * (1.0 - p)).sqrt();
    }
    // Solve for the upper half and mirror (the distribution is symmetric).
    let (p, sign) = if p < 0.5 { (1.0 - p, -1.0) } else { (p, 1.0) };
    if p == 0.5 {
        return 0.0;
    }
    // Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5) as the start.
    let z = normal_quantile(p);
    let (z2, n) = (z * z, df);
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1_482.0) * z2 - 1_920.0) * z2 - 945.0) * z / 92_160.0;
    let mut t = z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n);
    if df >= 1e5 {
        // The next term is of order z¹¹/df⁵: below 1e-20 here, while lgamma's rounding at
        // such df would cost more than that in Newton's steps.
        return sign * t;
    }
    if !t.is_finite() || t <= 0.0 {
        t = z.max(1e-3);
    }
    // Newton on F(t) − p, kept in a bracket [lo, hi] that always holds the root (bisection
    // when a step leaves it).
    let (mut lo, mut hi) = (0.0, f64::INFINITY);
    for _ in 0..200 {
        let f = t_cdf(t, df) - p;
        if f < 0.0 {
            lo = t;
        } else {
            hi = t;
        }
        let d = t_pdf(t, df);
        let mut next = t - f / d;
        if !(next > lo && next < hi && next.is_finite()) {
            next = if hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                2.0 * t.max(1.0)
            };
        }
        if (next - t).abs() <= 1e-13 * t.abs().max(1.0) {
            t = next;
            break;
        }
        t = next;
    }
    sign * t
}

/// The t-based confidence interval `[lo, hi]` at level `level` (e.g. 0.9) of the mean of
/// `values` over replications: mean ± t(1 − (1 − level)/2, n − 1) · s / √n, with `s` the
/// sample standard deviation. One value gives `[mean, mean]`; none gives `[0, 0]`.
///
/// ```
/// use kanalsim::stats::mean_ci;
/// let [lo, hi] = mean_ci(&[1.0, 2.0, 3.0], 0.9);
/// // mean 2, s = 1, t(0.95, 2) = 2.919986
/// assert!((hi - 2.0 - 2.919986 / 3f64.sqrt()).abs() < 1e-6);
/// assert!((lo + hi - 4.0).abs() < 1e-12);
/// ```
pub fn mean_ci(values: &[f64], level: f64) -> [f64; 2] {
    let n = values.len();
    if n == 0 {
        return [0.0, 0.0];
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n == 1 {
        return [mean, mean];
    }
    mean_ci_of(mean, values, level)
}

/// [`mean_ci`] with the mean already computed (in replication order).
pub(crate) fn mean_ci_of(mean: f64, values: &[f64], level: f64) -> [f64; 2] {
    let n = values.len();
    if n < 2 {
        return [mean, mean];
    }
    let ss: f64 = values.iter().map(|x| (x - mean) * (x - mean)).sum();
    let se = (ss / (n - 1) as f64 / n as f64).sqrt();
    if se == 0.0 {
        return [mean, mean];
    }
    let half = t_quantile(0.5 + 0.5 * level, (n - 1) as f64) * se;
    [mean - half, mean + half]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_the_tables() {
        // One-sided 95 % points (two-sided 90 %), from the standard tables.
        for (df, want) in [
            (1.0, 6.313_752),
            (2.0, 2.919_986),
            (3.0, 2.353_363),
            (4.0, 2.131_847),
            (5.0, 2.015_048),
            (10.0, 1.812_461),
            (19.0, 1.729_133),
            (30.0, 1.697_261),
            (49.0, 1.676_551),
            (120.0, 1.657_651),
            (199.0, 1.652_547),
            (f64::INFINITY, 1.644_854),
        ] {
            let got = t_quantile(0.95, df);
            assert!((got - want).abs() < 1e-6, "df {df}: {got} against {want}");
            assert!((t_quantile(0.05, df) + want).abs() < 1e-6, "df {df} lower");
        }
        // The figures as quoted to four decimals.
        for (df, want) in [
            (1.0, 6.3138),
            (2.0, 2.9200),
            (5.0, 2.0150),
            (19.0, 1.7291),
            (199.0, 1.6525),
            (f64::INFINITY, 1.6449),
        ] {
            assert!((t_quantile(0.95, df) - want).abs() < 5e-5, "df {df}");
        }
        // Other levels: 97.5 % and 99.5 % points.
        for (p, df, want) in [
            (0.975, 1.0, 12.706_205),
            (0.975, 5.0, 2.570_582),
            (0.975, 29.0, 2.045_230),
            (0.995, 3.0, 5.840_909),
            (0.995, 60.0, 2.660_283),
            (0.9, 7.0, 1.414_924),
        ] {
            let got = t_quantile(p, df);
            assert!((got - want).abs() < 1e-6, "p {p} df {df}: {got}");
        }
        assert_eq!(t_quantile(0.5, 7.0), 0.0);
        assert!(t_quantile(0.95, 0.0).is_nan());
    }

    #[test]
    fn t_quantile_inverts_the_distribution_function() {
        for df in [3.0, 4.0, 7.0, 11.0, 50.0, 999.0, 99_999.0] {
            for p in [
                1e-6, 0.001, 0.01, 0.05, 0.2, 0.4999, 0.6, 0.9, 0.95, 0.999, 0.999_999,
            ] {
                let t = t_quantile(p, df);
                let back = t_cdf(t, df);
                assert!(
                    (back - p).abs() < 1e-9 * p.min(1.0 - p).max(1e-3),
                    "df {df} p {p}: t {t}, F(t) {back}"
                );
            }
        }
        // A huge df approaches the normal.
        assert!((t_quantile(0.95, 1e9) - 1.644_853_6).abs() < 1e-6);
    }

    #[test]
    fn normal_quantile_matches_known_values() {
        for (p, want) in [
            (0.5, 0.0),
            (0.95, 1.644_853_626_951_472_2),
            (0.975, 1.959_963_984_540_054),
            (0.999, 3.090_232_306_167_813_6),
            (1e-10, -6.361_340_902_404_056),
            (0.7, 0.524_400_512_708_041),
            (0.6, 0.253_347_103_135_799_7),
            (1e-20, -9.262_340_089_798_153),
        ] {
            let got = normal_quantile(p);
            assert!(
                (got - want).abs() < 1e-12 * want.abs().max(1.0),
                "p {p}: {got}"
            );
        }
    }

    #[test]
    fn mean_ci_edges() {
        assert_eq!(mean_ci(&[], 0.9), [0.0, 0.0]);
        assert_eq!(mean_ci(&[4.5], 0.9), [4.5, 4.5]);
        assert_eq!(mean_ci(&[2.0, 2.0, 2.0], 0.9), [2.0, 2.0]);
        // Two values: df 1, mean 1, s = √2, se = 1 → ± 6.313752.
        let [lo, hi] = mean_ci(&[0.0, 2.0], 0.9);
        assert!((hi - 1.0 - 6.313_752).abs() < 1e-6 && (lo - 1.0 + 6.313_752).abs() < 1e-6);
    }
}
