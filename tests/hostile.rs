//! Hostile input: values that pass a naive check but would make the engine run away are
//! refused up front with a message naming the field, or bounded so they cannot.

use kanalsim::run::{NoObserver, run};
use kanalsim::scenario::PathPoint;
use kanalsim::{ErrorKind, Model, RunSettings, parse_scenario, presets, validate};

fn paths(e: &kanalsim::Error) -> Vec<&str> {
    e.issues.iter().map(|i| i.path.as_str()).collect()
}

/// A day dispersion of about 1e-155 made the gamma day factor infinite and the arrival loop
/// endless; every positive value below the sampler's finite range is refused.
#[test]
fn a_vanishing_day_dispersion_is_refused() {
    for cv in [1e-155, 1e-300, 5e-324, 1e-5, 3.000001] {
        let mut s = presets::tonder_2012();
        s.demand.day_dispersion = cv;
        let e = validate(&s).expect_err("refused");
        assert_eq!(e.kind, ErrorKind::InvalidScenario);
        assert_eq!(paths(&e), ["demand.dayDispersion"], "{cv}: {e}");
        // Written readably, in both languages.
        assert!(!e.issues[0].en.contains("00000000"), "{}", e.issues[0].en);
        assert!(e.issues[0].da.contains("skal være 0"), "{}", e.issues[0].da);
    }
    for cv in [0.0, 1e-3, 0.15, 3.0] {
        let mut s = presets::tonder_2012();
        s.demand.day_dispersion = cv;
        assert!(validate(&s).is_ok(), "{cv}");
    }
}

/// A run larger than the work budget is refused before anything is simulated, naming the
/// fields that make it large; through a scenario's defaults and through run settings.
#[test]
fn a_run_over_the_budget_is_refused_up_front() {
    let mut s = presets::tonder_2012();
    s.demand.annual_errands = 40_000_000.0;
    s.simulation.replications = 2_000;
    let e = validate(&s).expect_err("refused");
    assert_eq!(e.kind, ErrorKind::TooMuchWork);
    assert!(e.issues[0].en.contains("demand.annualErrands"), "{e}");
    assert!(
        e.issues[0].en.contains("at most 19 replications fit"),
        "{e}"
    );
    assert!(e.issues[0].da.contains("kørslen er for stor"), "{e}");
    // The same scenario with one replication is fine; more through the settings is not.
    s.simulation.replications = 1;
    s.horizon_weeks = 1;
    let m = Model::new(&s).expect("valid");
    let big = RunSettings::of(&s).with_replications(10_000);
    let e = run(&m, &big, &mut NoObserver).expect_err("refused");
    assert_eq!(e.kind, ErrorKind::TooMuchWork);
    assert_eq!(e.issues[0].path, "simulation.replications");
}

/// A very long adoption path is looked up by binary search: a 100,000-point path costs a
/// logarithm per errand, and the run ends (with the same numbers as the short path it
/// describes, point for point).
#[test]
fn a_long_adoption_path_runs() {
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 2;
    s.simulation.replications = 1;
    let n = 100_000;
    s.digital.adoption_path = (0..n)
        .map(|i| PathPoint {
            week: i as f64 * 2.0 / n as f64,
            change: 0.1 * i as f64 / n as f64,
        })
        .collect();
    let m = Model::new(&s).expect("valid");
    let r = run(&m, &RunSettings::of(&s), &mut NoObserver).expect("runs");
    assert!(r.metrics["contacts.digital"].mean > 0.0);
    // The path is linear, so two points describe it: the same numbers up to rounding of the
    // interpolation.
    let mut short = s.clone();
    short.digital.adoption_path = vec![
        PathPoint {
            week: 0.0,
            change: 0.0,
        },
        PathPoint {
            week: (n - 1) as f64 * 2.0 / n as f64,
            change: 0.1 * (n - 1) as f64 / n as f64,
        },
    ];
    let m2 = Model::new(&short).expect("valid");
    let r2 = run(&m2, &RunSettings::of(&short), &mut NoObserver).expect("runs");
    let (a, b) = (
        r.metrics["contacts.digital"].mean,
        r2.metrics["contacts.digital"].mean,
    );
    assert!((a - b).abs() <= 2.0, "{a} vs {b}");
}

/// A missing top-level field is named by its path; a byte-order mark is accepted.
#[test]
fn missing_fields_are_named_and_a_bom_is_accepted() {
    let s = presets::tonder_2012();
    let mut v = serde_json::to_value(&s).unwrap();
    v.as_object_mut().unwrap().remove("demand");
    let e = parse_scenario(&v.to_string()).expect_err("refused");
    assert_eq!(paths(&e), ["demand"], "{e}");
    let mut v = serde_json::to_value(&s).unwrap();
    v["queues"]["phone"]
        .as_object_mut()
        .unwrap()
        .remove("staffing");
    let e = parse_scenario(&v.to_string()).expect_err("refused");
    assert_eq!(paths(&e), ["queues.phone.staffing"], "{e}");
    let text = format!("\u{feff}{}", serde_json::to_string(&s).unwrap());
    assert_eq!(parse_scenario(&text).expect("a BOM is fine"), s);
}

/// A warm-up is discarded: the statistics of a stationary queue with a warm-up count the
/// horizon's customers only (about the same number as without), and a warm-up changes the
/// numbers (the queue no longer starts empty).
#[test]
fn a_warm_up_is_discarded() {
    let st = kanalsim::stationary::Stationary {
        arrivals_per_hour: 120.0,
        mean_service_min: 4.0,
        agents: 9,
        mean_patience_min: Some(2.0),
        target_seconds: 60.0,
        customers: 20_000.0,
        replications: 2,
        seed: 42,
    };
    let sc = st.scenario().unwrap();
    let m = Model::new(&sc).unwrap();
    let cold = run(&m, &st.settings(0), &mut NoObserver).unwrap();
    let warm = run(&m, &st.settings(1), &mut NoObserver).unwrap();
    let (c, w) = (
        cold.metrics["phone.offered"].mean,
        warm.metrics["phone.offered"].mean,
    );
    assert!((c - w).abs() < 0.05 * c, "offered {c} vs {w}");
    assert_ne!(
        cold.metrics["phone.pWait"].mean,
        warm.metrics["phone.pWait"].mean
    );
    assert_eq!(warm.weekly.phone.mean.len(), sc.horizon_weeks as usize);
    // Conservation of the counted errands.
    let g = |id: &str| warm.metrics[id].mean;
    assert!((g("errands") - g("contacts.phone") - g("gaveUp")).abs() < 1e-6 * g("errands"));
}
