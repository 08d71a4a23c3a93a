//! The engine's appointment book against the exact Markov chain of the stationary book
//! ([`kanalsim::theory::appointment_book`]), over loads L/K from 0.5 to 0.97 and K from 1 to
//! 100: the stationary book is run through the same engine (`kanalsim appointments`), each
//! replication after a warm-up of ten relaxation times, the standard error from the
//! independent replications, tolerance max(3 SE, 1e-4).

use kanalsim::stationary_book::{StationaryBook, run_quietly};

fn check(load: f64, k: u32, days: u64, reps: u32, seed: u64) {
    let l = load * k as f64;
    let b = StationaryBook {
        requests_per_day: l,
        slots_per_day: k,
        days,
        replications: Some(reps),
        seed,
    };
    let r = run_quietly(&b).unwrap_or_else(|e| panic!("L = {l}, K = {k}: {e}"));
    let t = b.theory().unwrap();
    assert_eq!(r.replications, reps);
    for (name, sim, se, th) in [
        (
            "mean lead",
            r.simulated.mean_lead_days,
            r.standard_error.mean_lead_days,
            t.mean_lead_days,
        ),
        (
            "P(lead ≤ 5)",
            r.simulated.p_lead_at_most5_days,
            r.standard_error.p_lead_at_most5_days,
            t.p_lead_at_most5_days,
        ),
    ] {
        let tol = (3.0 * se).max(1e-4);
        eprintln!(
            "L = {l:7.3}, K = {k:3}: {name} simulated {sim:.5} ± {se:.5}, theory {th:.5} \
             ({} requests, warm-up {} weeks)",
            r.requests, r.warmup_weeks
        );
        assert!(
            (sim - th).abs() <= tol,
            "L = {l}, K = {k}: {name} simulated {sim} (SE {se}), theory {th}"
        );
    }
}

#[test]
fn stationary_book_matches_the_markov_chain_over_loads_and_slots() {
    let mut seed = 1;
    for k in [1u32, 2, 10, 100] {
        for load in [0.5, 0.8, 0.9, 0.97] {
            // About 1.5 million requests per case where the longest horizon (3,640 days a
            // replication) allows, with 12 to 60 replications.
            let l = load * k as f64;
            let days = (1_500_000.0 / l) as u64;
            let reps = days.div_ceil(3640).clamp(12, 60) as u32;
            check(load, k, days.min(reps as u64 * 3640), reps, seed);
            seed += 1;
        }
    }
}

/// The issue's worked case: L = 1.9, K = 2 relaxes in about 190 days; the warm-up is at
/// least ten of them.
#[test]
fn warm_up_is_at_least_ten_relaxation_times() {
    let b = StationaryBook {
        requests_per_day: 1.9,
        slots_per_day: 2,
        days: 7000,
        replications: Some(10),
        seed: 3,
    };
    let w = b.warmup_weeks().unwrap();
    assert!(w as f64 * 7.0 >= 1900.0, "{w} weeks");
    assert!((w as f64 * 7.0) < 1900.0 + 7.0);
}

#[test]
fn a_book_without_steady_state_is_refused_at_its_flag() {
    for (l, k) in [(2.0, 2), (3.0, 2), (0.0, 2), (f64::NAN, 2), (1.0, 0)] {
        let b = StationaryBook {
            requests_per_day: l,
            slots_per_day: k,
            days: 700,
            replications: None,
            seed: 1,
        };
        let e = b.warmup_weeks().unwrap_err();
        assert!(
            e.issues[0].path.starts_with("--"),
            "{l} {k}: {:?}",
            e.issues
        );
    }
}
