//! A fast natural logarithm built only from IEEE-754 basic operations, so that it gives the
//! same bits on every platform (native and WebAssembly alike; Rust never fuses `a * b + c`).
//!
//! Every exponential service time and patience is drawn by inversion, `−mean · ln(1 − u)`,
//! twice per simulated customer; `libm::log1p` cost 15–17 ns of the ≈ 100 ns a customer took.
//! This one is a table look-up and a degree-7 polynomial:
//!
//! `x = 2^k · m`, `m ∈ [1, 2)`; the top 7 bits of `m`'s mantissa pick `invc ≈ 1/c` for the
//! centre `c` of one of 128 sub-intervals (the first one: `c = 1`); then
//! `ln x = k·ln 2 − ln(invc) + ln(1 + r)` with `r = m·invc − 1`, `|r| < 1/128`, and `ln(1 + r)`
//! by its Taylor series to `r⁷` (truncation below 2·10⁻¹⁸). `ln(invc)` is computed when
//! compiling, so the table is the same constant in every build. Against `libm` (tests below):
//! within 10⁻¹⁵ absolute when |ln x| < 1 and 4.5·10⁻¹⁶ relative beyond (about 2 ulp).

/// Sub-intervals of the mantissa (2^7).
const N: usize = 128;

/// ln 2 split as in fdlibm: the high part has trailing zero bits, so `k · LN2_HI` is exact.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);

/// `ln y` for `y` in (0.5, 1], by `2·atanh((y − 1)/(y + 1))`, at compile time.
const fn ln_near_one(y: f64) -> f64 {
    let s = (y - 1.0) / (y + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    let mut k = 0;
    while k < 40 {
        sum += term / (2 * k + 1) as f64;
        term *= s2;
        k += 1;
    }
    2.0 * sum
}

/// `(invc, −ln invc)` for each sub-interval.
const TABLE: [(f64, f64); N] = {
    let mut t = [(0.0, 0.0); N];
    let mut i = 0;
    while i < N {
        // The first sub-interval is anchored at 1 (so that ln 1 = 0 exactly); the others
        // at their centres.
        let c = if i == 0 {
            1.0
        } else {
            1.0 + (i as f64 + 0.5) / N as f64
        };
        let invc = 1.0 / c;
        t[i] = (invc, -ln_near_one(invc));
        i += 1;
    }
    t
};

/// Natural logarithm of a positive, finite `x` (subnormals included). Not for 0, negative,
/// infinite or NaN arguments (callers pass `1 − u` with `u ∈ [0, 1)`).
#[inline(always)]
pub fn ln(x: f64) -> f64 {
    let bits = x.to_bits();
    if bits < 0x0010_0000_0000_0000 {
        // Subnormal: scale into the normal range first.
        ln_bits((x * 18_014_398_509_481_984.0).to_bits(), -54) // 2^54
    } else {
        ln_bits(bits, 0)
    }
}

/// `ln` of the normal number with bits `bits`, plus `k0 · ln 2`.
#[inline(always)]
fn ln_bits(bits: u64, k0: i64) -> f64 {
    let k = k0 + ((bits >> 52) as i64) - 1023;
    let i = ((bits >> 45) & (N as u64 - 1)) as usize;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let (invc, logc) = TABLE[i];
    let r = m * invc - 1.0;
    // ln(1 + r) = r − r²/2 + r³/3 − r⁴/4 + r⁵/5 − r⁶/6 + r⁷/7, in Estrin's form (a shorter
    // chain of dependent operations than Horner's).
    let r2 = r * r;
    let a = -0.5 + r * (1.0 / 3.0);
    let b = -0.25 + r * 0.2;
    let c = -1.0 / 6.0 + r * (1.0 / 7.0);
    let p = r + r2 * (a + r2 * (b + r2 * c));
    let kf = k as f64;
    (kf * LN2_HI + logc) + (p + kf * LN2_LO)
}

/// `−ln(1 − u)` for `u ∈ [0, 1)`: a standard exponential variate by inversion, never
/// negative. `1 − u` is exact for the 53-bit uniforms the engine draws.
#[inline(always)]
pub fn neg_ln_1m(u: f64) -> f64 {
    // 1 − u ≥ 2^−53 for every u < 1: never subnormal, so `ln` without its subnormal branch
    // (the same value).
    let v = -ln_bits((1.0 - u).to_bits(), 0);
    if v > 0.0 { v } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(x: f64) {
        let want = libm::log(x);
        let got = ln(x);
        let tol = 1e-15_f64.max(want.abs() * 4.5e-16);
        assert!(
            (got - want).abs() <= tol,
            "ln({x:e}) = {got:e}, libm {want:e}, diff {:e}",
            got - want
        );
    }

    #[test]
    fn agrees_with_libm() {
        // Every sub-interval edge and centre, across exponents.
        for e in [-1074, -1030, -1022, -60, -1, 0, 1, 30, 1000] {
            let scale = libm::pow(2.0, e as f64);
            for i in 0..=2 * N {
                let m = 1.0 + i as f64 / (2 * N) as f64;
                let x = m * scale;
                if x > 0.0 && x.is_finite() {
                    check(x);
                    check(f64::from_bits(x.to_bits() + 1));
                    check(f64::from_bits(x.to_bits() - 1));
                }
            }
        }
        // The values the engine passes: 1 − u for 53-bit u, near 1 and near 0 especially.
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2_000_000 {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let u = (s >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
            check(1.0 - u);
            check(1.0 - u * 1e-9);
            check(u.max(f64::MIN_POSITIVE));
        }
        check(f64::MIN_POSITIVE);
        check(5e-324);
        check(f64::MAX);
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(neg_ln_1m(0.0), 0.0);
    }

    #[test]
    fn exponential_by_inversion_is_never_negative_and_monotone() {
        let mut prev = 0.0;
        for k in 0..100_000u64 {
            let u = k as f64 / 100_000.0;
            let v = neg_ln_1m(u);
            assert!(v >= prev, "not monotone at u = {u}: {v} < {prev}");
            prev = v;
        }
        let top = 1.0 - f64::EPSILON / 2.0;
        assert!((neg_ln_1m(top) - 53.0 * std::f64::consts::LN_2).abs() < 1e-12);
    }
}
