//! The one-year benchmark workload (`stationary::year_workload`, the peers'
//! `year_profile.py`) reproduces SimPy's figures: SimPy follows the same staffing rule (a new
//! service starts only while fewer than the scheduled number are busy; an agent going off
//! duty finishes the customer in hand) and reports an abandoned share of about 0.063.

use kanalsim::report::M;
use kanalsim::sim::run_replication;
use kanalsim::stationary::{YEAR_CUSTOMERS, year_workload};
use kanalsim::{Model, RunSettings};

#[test]
fn year_workload_matches_simpy() {
    let s = year_workload();
    let m = Model::new(&s).expect("the year workload is valid");
    let set = RunSettings::of(&s);
    let reps = 3;
    let (mut offered, mut abandoned) = (0.0, 0.0);
    for r in 0..reps {
        let o = run_replication(&m, &set, r).expect("runs");
        let s = &o.scalars;
        // Everything goes to the phone; no redial, nothing displaced.
        assert_eq!(s[M::Errands as usize], s[M::PhoneOffered as usize]);
        assert_eq!(s[M::PhoneRedials as usize], 0.0);
        assert_eq!(s[M::PersonalOffered as usize], 0.0);
        offered += s[M::PhoneOffered as usize];
        abandoned += s[M::PhoneAbandoned as usize];
    }
    let per_year = offered / reps as f64;
    assert!(
        (per_year / YEAR_CUSTOMERS - 1.0).abs() < 0.01,
        "{per_year} customers a year"
    );
    // SimPy: 0.063; the standard error of one year is about 0.0005.
    let p = abandoned / offered;
    assert!((p - 0.063).abs() < 0.003, "p_abandon {p}");
}
