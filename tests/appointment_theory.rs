//! The exact stationary appointment book ([`kanalsim::theory::appointment_book`]) against an
//! independent day-by-day simulation of the booking itself, closed forms at `K = 1`, the
//! small-load limit, monotonicity, the consistency of its two entry points, and refusals.
//!
//! The book opens `K` slots every day; requests arrive as a Poisson process at `L` a day and
//! each takes the first free slot on a later day, first come first served, for good. The
//! lead of a request is the slot's day minus the request's day.
//!
//! Run with `cargo test --release --test appointment_theory -- --nocapture` to see the
//! numbers.

use kanalsim::theory::{
    BookFigures, TheoryError, appointment_book, book_lead_at_most, book_relaxation_days,
};
use kanalsim::{Error, Lang};
use rand_distr::{Distribution, Poisson};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::SeedableRng;

/// Independent replications per simulated case (the standard error comes from their spread).
const REPS: usize = 20;

/// Simulated days plus requests per case, over all replications. Debug builds do a
/// twentieth (the tolerance is in standard errors, so it widens accordingly).
const WORK: f64 = if cfg!(debug_assertions) { 1.5e6 } else { 3.0e7 };

/// A Monte-Carlo estimate with its standard error.
#[derive(Debug, Clone, Copy)]
struct Est {
    mean: f64,
    se: f64,
}

fn estimate(xs: &[f64]) -> Est {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    Est {
        mean,
        se: (var / n).sqrt(),
    }
}

/// One replication of the book itself: slots are numbered `day·K + i`; since bookings are
/// first come first served and never cancelled, the booked slots are always a prefix of
/// the free future, and a request made on day `t` takes slot `max(next_free, (t + 1)·K)`,
/// the first free slot on a later day. Starts empty, runs `warmup` days unrecorded, then
/// records `days` days. Returns (mean lead, share of leads ≤ 5 days) over the requests.
fn replicate(l: f64, k: u64, warmup: u64, days: u64, seed: u64) -> (f64, f64) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let arrivals = Poisson::new(l).unwrap();
    let mut next_free = 0_u64;
    let (mut count, mut lead_sum, mut within_5) = (0_u64, 0_u64, 0_u64);
    for t in 0..warmup + days {
        let a: f64 = arrivals.sample(&mut rng);
        for _ in 0..a as u64 {
            let slot = next_free.max((t + 1) * k);
            next_free = slot + 1;
            if t >= warmup {
                let lead = slot / k - t;
                count += 1;
                lead_sum += lead;
                within_5 += u64::from(lead <= 5);
            }
        }
    }
    (
        lead_sum as f64 / count as f64,
        within_5 as f64 / count as f64,
    )
}

/// Both figures by simulation, from `REPS` independent replications.
fn simulate(l: f64, k: u32, seed: u64) -> (Est, Est, u64, u64) {
    let relax = book_relaxation_days(l, k);
    // At least ten relaxation times of warm-up, and the measured stretch of each
    // replication many relaxation times long.
    let warmup = (10.0 * relax + 100.0).ceil() as u64;
    // Slowly relaxing books get up to eight times the work (at most ~2 s in release).
    let boost = (relax / 125.0).clamp(1.0, 8.0);
    let days = (boost * WORK / (REPS as f64 * (1.0 + l)))
        .max(50.0 * relax)
        .ceil() as u64;
    let (mut means, mut p5s) = (Vec::new(), Vec::new());
    for rep in 0..REPS as u64 {
        let (m, p) = replicate(
            l,
            u64::from(k),
            warmup,
            days,
            seed ^ (rep.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        );
        means.push(m);
        p5s.push(p);
    }
    (estimate(&means), estimate(&p5s), warmup, days)
}

#[test]
fn simulation_grid_matches_theory() {
    let mut worst_z: f64 = 0.0;
    for &k in &[1_u32, 2, 10, 100] {
        for &load in &[0.5, 0.8, 0.9, 0.97] {
            let l = load * f64::from(k);
            let t = std::time::Instant::now();
            let theory = appointment_book(l, k).unwrap();
            let seed = 0xB00C_0000 + u64::from(k) * 1000 + (load * 100.0) as u64;
            let (mean, p5, warmup, days) = simulate(l, k, seed);
            let tol_mean = (3.0 * mean.se).max(1e-4);
            let tol_p5 = (3.0 * p5.se).max(1e-4);
            let z_mean = if mean.se > 0.0 {
                (mean.mean - theory.mean_lead_days) / mean.se
            } else {
                0.0
            };
            let z_p5 = if p5.se > 0.0 {
                (p5.mean - theory.p_lead_at_most_5_days) / p5.se
            } else {
                0.0
            };
            println!(
                "K={k:>3} L/K={load:.2}: mean lead {:.5} sim {:.5} ± {:.5} (z {z_mean:+.2}); \
                 P(≤5) {:.6} sim {:.6} ± {:.6} (z {z_p5:+.2}); {REPS}×({warmup}+{days}) days, \
                 {:.2} s",
                theory.mean_lead_days,
                mean.mean,
                mean.se,
                theory.p_lead_at_most_5_days,
                p5.mean,
                p5.se,
                t.elapsed().as_secs_f64()
            );
            assert!(
                (mean.mean - theory.mean_lead_days).abs() <= tol_mean,
                "mean lead at K = {k}, L = {l}: theory {theory:?}, simulation {mean:?}"
            );
            assert!(
                (p5.mean - theory.p_lead_at_most_5_days).abs() <= tol_p5,
                "P(lead ≤ 5) at K = {k}, L = {l}: theory {theory:?}, simulation {p5:?}"
            );
            // The check must be sharp, not only true: the simulation pins the mean lead to
            // within 2 % and P(lead ≤ 5) to within 0.01 (release builds).
            if !cfg!(debug_assertions) {
                assert!(
                    3.0 * mean.se <= 0.02 * theory.mean_lead_days && 3.0 * p5.se <= 0.01,
                    "simulation too noisy at K = {k}, L = {l}: {mean:?}, {p5:?}"
                );
            }
            worst_z = worst_z.max(z_mean.abs()).max(z_p5.abs());
        }
    }
    println!("largest |z| over the grid: {worst_z:.2}");
}

/// `P(A = a)` for `A ~ Poisson(l)` (small `l` only).
fn poisson(l: f64, a: usize) -> f64 {
    let mut p = (-l).exp();
    for i in 1..=a {
        p *= l / i as f64;
    }
    p
}

/// `P(A ≥ a)` for `A ~ Poisson(l)` (small `l` only).
fn poisson_at_least(l: f64, a: usize) -> f64 {
    1.0 - (0..a).map(|i| poisson(l, i)).sum::<f64>()
}

#[test]
fn k1_closed_forms() {
    // With one slot a day, Q' = max(Q − 1, 0) + A is the M/D/1 queue seen by departures, so
    // P(Q = 0) = 1 − L, E[Q] = L + L²/(2(1 − L)) (Pollaczek–Khinchine), R = max(Q − 1, 0)
    // has E[R] = E[Q] − L and P(R = 0) = P(Q ≤ 1) = (1 − L)e^L. The lead is R + N + 1 with
    // E[N] = L/2, so mean lead = 1 + L/2 + L²/(2(1 − L)), and
    // P(lead ≤ 1) = P(R = 0)·P(N = 0) = (1 − L)e^L·(1 − e^{−L})/L.
    for &l in &[0.01, 0.05, 0.2, 0.5, 0.8, 0.9, 0.97, 0.99] {
        let f = appointment_book(l, 1).unwrap();
        let mean = 1.0 + l / 2.0 + l * l / (2.0 * (1.0 - l));
        assert!(
            (f.mean_lead_days - mean).abs() <= 1e-11 * mean,
            "K = 1, L = {l}: {f:?} vs mean lead {mean}"
        );
        let p1 = (1.0 - l) * l.exp_m1() / l;
        let got = book_lead_at_most(l, 1, 1).unwrap();
        assert!((got - p1).abs() <= 1e-13, "P(lead ≤ 1): {got} vs {p1}");

        // P(lead ≤ 5) = P(R + N ≤ 4). The backlog from the cut between x and x + 1: R falls
        // by at most one a day, only from x + 1 with no request, so
        // P(R = x + 1)·e^{−L} = Σ_{r ≤ x} P(R = r)·P(A ≥ x − r + 2).
        let mut pi = vec![(1.0 - l) * l.exp()];
        for x in 0..4 {
            let up: f64 = (0..=x)
                .map(|r| pi[r] * poisson_at_least(l, x - r + 2))
                .sum();
            pi.push(up / (-l).exp());
        }
        // P(N ≤ m) = Σ_{n ≤ m} P(A ≥ n + 1)/L.
        let n_cdf = |m: usize| (0..=m).map(|n| poisson_at_least(l, n + 1)).sum::<f64>() / l;
        let p5: f64 = (0..=4).map(|r| pi[r] * n_cdf(4 - r)).sum();
        // The forward recursion loses a little to cancellation at small L.
        assert!(
            (f.p_lead_at_most_5_days - p5).abs() <= 1e-11,
            "K = 1, L = {l}: {f:?} vs P(lead ≤ 5) {p5}"
        );
    }
}

#[test]
fn small_load_limits() {
    // K = 1: lead → 1 with mean 1 + L/2 + O(L²), and P(lead ≤ 5) → 1.
    for &l in &[1e-9, 1e-6, 1e-3] {
        let f = appointment_book(l, 1).unwrap();
        assert!(
            (f.mean_lead_days - 1.0 - l / 2.0).abs() <= l * l + 1e-15,
            "{f:?}"
        );
        assert!((1.0 - f.p_lead_at_most_5_days) <= l, "{f:?}");
    }
    // K ≥ 2: a lead beyond one day needs K others before a request on its day (or a
    // backlog, which needs more than K requests on one day), so mean lead − 1 =
    // P(N ≥ K) + … = E[(A − K)⁺]/L + O(L^{K+1}) ≈ L^K/(K + 1)!·(1 + O(L)).
    for &(l, k) in &[(0.01, 2_u32), (0.002, 2), (0.05, 3), (0.01, 3), (0.3, 10)] {
        let f = appointment_book(l, k).unwrap();
        let fact: f64 = (1..=k + 1).map(f64::from).product();
        let leading = l.powi(k as i32) / fact;
        let excess = f.mean_lead_days - 1.0;
        assert!(
            (excess - leading).abs() <= 2.0 * l * leading,
            "L = {l}, K = {k}: mean lead − 1 = {excess:e}, leading term {leading:e}"
        );
        // P(lead > 5) needs 5K others before a request (or a long backlog).
        assert!(1.0 - f.p_lead_at_most_5_days <= leading * l.powi(4 * k as i32) + 1e-15);
    }
    // Light loads on big books: every request gets tomorrow.
    let f = appointment_book(50.0, 1000).unwrap();
    assert_eq!(
        f,
        BookFigures {
            mean_lead_days: 1.0,
            p_lead_at_most_5_days: 1.0
        }
    );
}

#[test]
fn figures_are_monotone_in_load() {
    for &k in &[1_u32, 2, 3, 10, 100, 1000] {
        let mut prev: Option<BookFigures> = None;
        for i in 1..=99 {
            let l = f64::from(i) / 100.0 * f64::from(k);
            let f = appointment_book(l, k).unwrap();
            assert!(f.mean_lead_days >= 1.0 && f.p_lead_at_most_5_days <= 1.0);
            if let Some(p) = prev {
                assert!(
                    f.mean_lead_days >= p.mean_lead_days,
                    "mean lead falls at K = {k}, L = {l}: {p:?} → {f:?}"
                );
                assert!(
                    f.p_lead_at_most_5_days <= p.p_lead_at_most_5_days + 1e-14,
                    "P(lead ≤ 5) rises at K = {k}, L = {l}: {p:?} → {f:?}"
                );
            }
            prev = Some(f);
        }
        // A heavily loaded small book is really late; the mean grows without bound near
        // full load.
        let near_full = appointment_book(0.99 * f64::from(k), k).unwrap();
        let half = appointment_book(0.5 * f64::from(k), k).unwrap();
        assert!(near_full.mean_lead_days > half.mean_lead_days);
    }
}

#[test]
fn lead_distribution_is_consistent_with_the_mean() {
    // The mean of a lead ≥ 1 is Σ_{d ≥ 0} P(lead > d).
    for &(l, k) in &[
        (0.5, 1_u32),
        (0.9, 1),
        (1.9, 2),
        (8.0, 10),
        (9.7, 10),
        (97.0, 100),
        (990.0, 1000),
    ] {
        let f = appointment_book(l, k).unwrap();
        assert_eq!(book_lead_at_most(l, k, 0).unwrap(), 0.0);
        assert_eq!(book_lead_at_most(l, k, 5).unwrap(), f.p_lead_at_most_5_days);
        let mut sum = 0.0;
        let mut prev = 0.0;
        let mut d = 0;
        loop {
            let cdf = book_lead_at_most(l, k, d).unwrap();
            assert!(cdf >= prev, "P(lead ≤ d) falls at d = {d}");
            prev = cdf;
            sum += 1.0 - cdf;
            // What the kept backlog leaves out (below 1e-13) would add up over many d.
            if 1.0 - cdf < 1e-12 {
                break;
            }
            assert!(d < 100_000, "P(lead ≤ d) does not reach 1");
            d += 1;
        }
        assert!(
            (sum - f.mean_lead_days).abs() <= 1e-9 * f.mean_lead_days,
            "L = {l}, K = {k}: Σ P(lead > d) = {sum}, mean {}",
            f.mean_lead_days
        );
        assert!((book_lead_at_most(l, k, u32::MAX).unwrap() - 1.0).abs() <= 1e-12);
    }
}

#[test]
fn reference_values() {
    // Independent 25-digit mpmath solutions of the truncated chain by
    // Grassmann–Taksar–Heyman state reduction (and 1 + L/2 + L²/(2(1 − L)) at K = 1).
    for &(l, k, mean, p5) in &[
        (0.5, 1, 1.5, 0.997_528_540_538_436_6),
        (0.99, 1, 50.5, 0.092_420_583_737_573_45),
        (1.9, 2, 5.643_947_574_457_955, 0.620_860_652_605_078_9),
        (8.0, 10, 1.109_827_789_712_604_7, 0.999_999_996_096_976_2),
        (9.9, 10, 5.831_161_630_013_542, 0.606_302_785_454_482),
        (97.0, 100, 1.116_197_623_488_173, 0.999_999_999_996_512_5),
    ] {
        let f = appointment_book(l, k).unwrap();
        assert!(
            (f.mean_lead_days - mean).abs() <= 1e-9 && (f.p_lead_at_most_5_days - p5).abs() <= 1e-9,
            "L = {l}, K = {k}: {f:?} vs ({mean}, {p5})"
        );
    }
}

#[test]
fn relaxation_time() {
    assert!((book_relaxation_days(1.9, 2) - 190.0).abs() < 1e-9);
    assert!((book_relaxation_days(0.99, 1) - 9900.0).abs() < 1e-6);
    assert!((book_relaxation_days(990.0, 1000) - 9.9).abs() < 1e-12);
    assert_eq!(book_relaxation_days(2.0, 2), f64::INFINITY);
    assert!(book_relaxation_days(0.0, 2).is_nan());
    assert!(book_relaxation_days(f64::NAN, 2).is_nan());
    assert!(book_relaxation_days(1.0, 0).is_nan());
}

#[test]
fn invalid_inputs_are_refused_with_a_message() {
    let field = |r: Result<BookFigures, TheoryError>| match r {
        Err(TheoryError::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    for &l in &[0.0, -0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(field(appointment_book(l, 10)), "--requests-per-day");
        assert!(book_lead_at_most(l, 10, 5).is_err());
        let e = Error::from(appointment_book(l, 10).unwrap_err());
        let en = e.message(Lang::En);
        let da = e.message(Lang::Da);
        assert!(
            en.contains("--requests-per-day") && en.contains("greater than zero"),
            "{en}"
        );
        assert!(
            da.contains("--requests-per-day") && da.contains("større end nul"),
            "{da}"
        );
    }
    assert_eq!(field(appointment_book(0.5, 0)), "--slots-per-day");
    let e = Error::from(appointment_book(0.5, 0).unwrap_err());
    assert!(
        e.message(Lang::En)
            .contains("--slots-per-day: must be at least 1")
    );
    assert!(
        e.message(Lang::Da)
            .contains("--slots-per-day: skal være mindst 1")
    );
    // No steady state at or above one request per slot.
    for &(l, k) in &[
        (1.0, 1_u32),
        (2.0, 1),
        (10.0, 10),
        (1000.0, 1000),
        (1e300, 5),
    ] {
        let err = appointment_book(l, k).unwrap_err();
        assert!(
            matches!(
                err,
                TheoryError::InvalidInput {
                    field: "--requests-per-day",
                    ..
                }
            ),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains("--requests-per-day")
                && msg.contains("--slots-per-day")
                && msg.contains("steady state"),
            "{msg}"
        );
    }
    // Too close to full to settle, and too big a book.
    assert_eq!(field(appointment_book(0.99999, 1)), "--requests-per-day");
    assert_eq!(field(appointment_book(5.0, 20_000)), "--slots-per-day");
    // Just inside the accepted range works.
    assert!(appointment_book(0.9999, 1).is_ok());
    assert!(appointment_book(1e-300, 1).is_ok());
}
