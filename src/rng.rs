//! Random streams: every replication draws from independent streams keyed by
//! `(seed, replication index, purpose)` through SplitMix64 ([`stream_key`]).
//!
//! Uncertain inputs, arrivals and secondary events (redials, repeated displacement) are
//! Xoshiro256++ generators seeded with the key ([`stream`]), drawn in sequence. Choice,
//! service and patience are SplitMix64 sequences read at a position ([`draw_at`]): errand
//! `n` (the `n`-th new errand of the replication) owns positions `4n … 4n + 3` of the choice
//! stream and position `n` of the service and patience streams, whatever happens to it, so a
//! scenario and its baseline use the same numbers for the same errand (common random
//! numbers), and a number that an errand does not need is never computed.
//!
//! A word becomes a uniform ([`unit32`], [`unit53`]), a choice against an integer threshold
//! ([`u32_threshold`], [`chance`]) or a standard exponential ([`exp1_from_word`]). Changing a
//! generator, a key, a position or a conversion is **value-breaking** (the value-stability
//! tests in `tests/value_stability.rs` pin each of them).

use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};

/// Purpose of a random stream.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub enum Purpose {
    /// Uncertain inputs, sampled once per replication.
    Params = 1,
    /// Day multipliers and arrival times.
    Arrivals = 2,
    /// Errand type, kind and channel choices.
    Choice = 3,
    /// Service times.
    Service = 4,
    /// Patience.
    Patience = 5,
    /// Redials, repeated displacement and everything after a first abandonment.
    Secondary = 6,
}

/// The SplitMix64 output function of state `z` (after its increment): the mixer every
/// stream key and positional draw goes through.
#[inline(always)]
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The key of the stream for `(seed, replication, purpose)`:
/// `splitmix64(splitmix64(splitmix64(seed) ^ rep) ^ purpose)`.
pub fn stream_key(seed: u64, rep: u64, purpose: Purpose) -> u64 {
    splitmix64(splitmix64(splitmix64(seed) ^ rep) ^ purpose as u64)
}

/// The sequential stream for `(seed, replication, purpose)`: Xoshiro256++ seeded with
/// `seed_from_u64(stream_key(seed, rep, purpose))`.
pub fn stream(seed: u64, rep: u64, purpose: Purpose) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(stream_key(seed, rep, purpose))
}

/// Number `i` (from 0) of the SplitMix64 sequence whose state starts at `key`: the state after
/// `i + 1` steps of the golden-ratio increment, mixed. Reading any position costs the same.
#[inline(always)]
pub fn draw_at(key: u64, i: u64) -> u64 {
    splitmix64(key.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
}

/// The random words one duration is drawn from ([`exp1_from_word`]): first `word` itself,
/// then (rarely) draws 0, 1, … of the SplitMix64 sequence keyed by `word` ([`draw_at`]).
struct WordRng {
    word: u64,
    k: u64,
}

impl rand::TryRng for WordRng {
    type Error = core::convert::Infallible;
    #[inline(always)]
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok((self.try_next_u64()? >> 32) as u32)
    }
    #[inline(always)]
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let k = self.k;
        self.k += 1;
        Ok(if k == 0 {
            self.word
        } else {
            draw_at(self.word, k - 1)
        })
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let w = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&w[..chunk.len()]);
        }
        Ok(())
    }
}

/// A standard exponential variate from one 64-bit random word, by the ziggurat method of
/// `rand_distr::Exp1`: its first try uses the word alone (its low 8 bits pick the layer, its
/// high 52 bits the point); when it needs more (a wedge test or a retry, about 2 % of
/// draws) it reads the SplitMix64 sequence keyed by the word. A function of the word only, so an errand's
/// duration is the same in a scenario and its baseline (common random numbers), and the same
/// natively and in WebAssembly (IEEE basic operations; `libm` in the rare wedge and tail).
#[inline(always)]
pub fn exp1_from_word(word: u64) -> f64 {
    Exp1.sample(&mut WordRng { word, k: 0 })
}

/// `x / 2³²` for a 32-bit `x`.
#[inline(always)]
pub fn unit32(x: u64) -> f64 {
    x as f64 * (1.0 / 4_294_967_296.0)
}

/// A 53-bit uniform in [0, 1) from a 64-bit draw.
#[inline(always)]
pub fn unit53(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

/// `x < thr` for a 32-bit uniform `x()` and a threshold from [`u32_threshold`];
/// `x` is only drawn when the threshold leaves a choice.
#[inline(always)]
pub fn chance(thr: u64, x: impl FnOnce() -> u64) -> bool {
    if thr == 0 {
        false
    } else if thr > 0xFFFF_FFFF {
        true
    } else {
        x() < thr
    }
}

/// A 53-bit uniform in [0, 1) from the next draw of a sequential stream.
#[inline]
pub fn u53(r: &mut Xoshiro256PlusPlus) -> f64 {
    (r.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

/// The `u`-quantile of the triangular distribution of a [`Range`](crate::scenario::Range).
pub fn triangular(r: &crate::scenario::Range, u: f64) -> f64 {
    let (a, c, b) = (r.low, r.likely, r.high);
    if b <= a {
        return c;
    }
    let fc = (c - a) / (b - a);
    if u < fc {
        a + (u * (b - a) * (c - a)).sqrt()
    } else {
        b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
    }
}

/// Uncertain inputs as sampled for one replication.
/// The threshold `k` with `x / 2³² < p ⇔ x < k` for every integer `x` (a 32-bit uniform
/// drawn as `x`): `⌈p · 2³²⌉` (exact: scaling by 2³² is exact and `x` is an integer), 0 for a
/// negative or NaN `p`. Comparing integers gives the same choices as comparing the uniforms.
pub fn u32_threshold(p: f64) -> u64 {
    let k = (p * 4_294_967_296.0).ceil();
    if k > 0.0 {
        k.min(8_589_934_592.0) as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_thresholds_make_the_same_choices_as_uniforms() {
        let s = 1.0 / 4_294_967_296.0;
        let mut z: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            z = z
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            z >> 32
        };
        let mut ps = vec![
            0.0,
            1.0,
            0.5,
            0.25,
            1.0 / 3.0,
            0.1 + 0.2,
            1.0 - 1e-17,
            1e-300,
            -0.5,
        ];
        for _ in 0..1000 {
            ps.push(next() as f64 * s);
            ps.push((next() as f64 + 0.5) * s);
        }
        for p in ps {
            let k = u32_threshold(p);
            let near = (p.max(0.0) * 4_294_967_296.0) as u64;
            for x in [
                0,
                1,
                near.saturating_sub(1),
                near,
                near + 1,
                next(),
                4_294_967_295,
            ] {
                let x = x.min(4_294_967_295);
                assert_eq!(x < k, (x as f64 * s) < p, "p = {p:e}, x = {x}");
            }
        }
    }

    /// Exponential variates from positional words ([`exp1_from_word`]): the distribution is
    /// the standard exponential (moments, a spread of tail probabilities past the ziggurat's
    /// base layer, a Kolmogorov–Smirnov distance), the rare retries read more words, and a
    /// word always gives the same variate.
    #[test]
    fn exponential_from_words_is_standard_exponential() {
        let key = stream_key(11, 0, Purpose::Service);
        let n = 1_000_000u64;
        let mut xs: Vec<f64> = (0..n).map(|i| exp1_from_word(draw_at(key, i))).collect();
        let nf = n as f64;
        let mean = xs.iter().sum::<f64>() / nf;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (nf - 1.0);
        // SE of the mean 1/√n = 0.001; of the variance √(8/n) ≈ 0.0028.
        assert!((mean - 1.0).abs() < 0.005, "mean {mean}");
        assert!((var - 1.0).abs() < 0.015, "variance {var}");
        for x0 in [0.1, 1.0, 3.0, 7.0, 8.0] {
            let p = xs.iter().filter(|&&x| x > x0).count() as f64 / nf;
            let q = libm::exp(-x0);
            let se = (q * (1.0 - q) / nf).sqrt();
            assert!((p - q).abs() < 5.0 * se, "P(X > {x0}) = {p}, expected {q}");
        }
        xs.sort_by(f64::total_cmp);
        let ks = xs
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = 1.0 - libm::exp(-x);
                (f - i as f64 / nf)
                    .abs()
                    .max((f - (i + 1) as f64 / nf).abs())
            })
            .fold(0.0, f64::max);
        // The 0.1 % critical value of the KS distance is 1.95 / √n.
        assert!(ks < 1.95 / nf.sqrt(), "KS distance {ks}");
        let mut retried = 0;
        for i in 0..100_000 {
            let w = draw_at(key, i);
            let mut r = WordRng { word: w, k: 0 };
            let x: f64 = Exp1.sample(&mut r);
            retried += (r.k > 1) as u32;
            assert_eq!(x.to_bits(), exp1_from_word(w).to_bits());
        }
        assert!(
            (200..3_000).contains(&retried),
            "{retried} of 100,000 retried"
        );
    }
}
