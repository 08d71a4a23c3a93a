//! Issue 8's cost and adoption figures, checked against their definitions on one
//! replication (where the summary's mean is that replication's value), and the 90 % CI of
//! the mean on a comparison.

use kanalsim::report::Results;
use kanalsim::run::{NoObserver, compare, run};
use kanalsim::scenario::{Range, Scenario, UnitPrice};
use kanalsim::{Model, RunSettings, presets};

fn small() -> Scenario {
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 4;
    // Distinct information and transaction prices, so pricing by kind is visible.
    s.costs.digital = UnitPrice {
        information: 20.0,
        transaction: 35.0,
    };
    s.costs.lost_errand = 250.0;
    s
}

fn one(s: &Scenario) -> Results {
    let m = Model::new(s).expect("valid");
    run(
        &m,
        &RunSettings::of(s).with_replications(1),
        &mut NoObserver,
    )
    .expect("runs")
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn cost_figures_follow_their_definitions() {
    let s = small();
    let r = one(&s);
    let g = |id: &str| r.metrics[id].mean;
    // Staff time per contact, beside the unit prices.
    for ch in ["personal", "phone", "written"] {
        let want = g(&format!("cost.staff.{ch}")) / g(&format!("contacts.{ch}"));
        let got = g(&format!("cost.staffPerContact.{ch}"));
        assert!(near(got, want), "{ch}: {got} against {want}");
        assert!(got > 0.0);
    }
    // Lost errands at their assumed price, outside both totals.
    assert!(g("gaveUp") > 0.0);
    assert!(near(g("cost.lostErrands"), g("gaveUp") * 250.0));
    // Failed digital attempts at the digital price of their kind, in the digital cost and
    // the unit-price total.
    let failed_info = g("digital.failures.information");
    let failed_trans = g("digital.failures") - failed_info;
    assert!(failed_info > 0.0 && failed_trans > 0.0);
    let completed =
        g("contacts.digital.information") * 20.0 + g("contacts.digital.transaction") * 35.0;
    let want = completed + failed_info * 20.0 + failed_trans * 35.0;
    assert!(
        near(g("cost.unit.digital"), want),
        "{} against {want}",
        g("cost.unit.digital")
    );
    let parts: f64 = ["personal", "phone", "written", "digital"]
        .iter()
        .map(|c| g(&format!("cost.unit.{c}")))
        .sum();
    assert!(near(g("cost.unit.total"), parts));
}

#[test]
fn adoption_of_all_errands_is_the_eligible_share_times_adoption() {
    let mut s = small();
    // Fixed adoption: the figure is then exact. One type keeps its own adoption.
    s.digital.adoption = Range::new(0.3, 0.3, 0.3);
    for (i, t) in s.demand.errand_types.iter_mut().enumerate() {
        t.adoption = (i == 1).then(|| Range::new(0.6, 0.6, 0.6));
    }
    let want: f64 = s
        .demand
        .errand_types
        .iter()
        .map(|t| t.share * t.digital_eligible * t.adoption.map_or(0.3, |a| a.likely))
        .sum();
    let r = one(&s);
    let got = r.metrics["digital.adoptionOfAllErrands"].mean;
    assert!((got - want).abs() < 1e-12, "{got} against {want}");
    // It is a share of all errands, below the lever's share of eligible ones.
    assert!(got < 0.6 && got > 0.0);
}

#[test]
fn differences_carry_the_ci_of_the_mean() {
    let b = small();
    let mut v = small();
    v.opening_hours.phone.wed.clear();
    let (mb, mv) = (Model::new(&b).unwrap(), Model::new(&v).unwrap());
    let settings = RunSettings::of(&b).with_replications(6);
    let c = compare(&mb, &mv, &settings, &mut NoObserver).unwrap();
    // Common random numbers: the same errands, a zero-width interval.
    assert_eq!(c.difference["errands"].ci90, [0.0, 0.0]);
    for (id, x) in &c.difference {
        let [lo, hi] = x.ci90;
        assert!(
            lo <= x.mean + 1e-9 * x.mean.abs() && x.mean - 1e-9 * x.mean.abs() <= hi,
            "{id}: {lo} {} {hi}",
            x.mean
        );
        // Symmetric about the mean.
        assert!(near(x.mean - lo, hi - x.mean), "{id}");
    }
    // Closing the phone on Wednesdays loses phone hours for sure.
    assert!(c.difference["phone.staffHours"].ci90[1] < 0.0);
    // One replication: the interval is the mean itself.
    let r = one(&b);
    for (id, x) in &r.metrics {
        assert_eq!(x.ci90, [x.mean, x.mean], "{id}");
    }
}
