//! The precision rule ([`kanalsim::precision`]): where a run stops depends on the seed, the
//! scenarios and the rule only — not on threads; a tighter tolerance stops later; the
//! minimum of 20 and the maximum hold; and the look-ahead keeps a run from stopping at the
//! first prefix that happens to look precise.

use kanalsim::precision::{KEY_FIGURES, Precision, look_ahead};
use kanalsim::report::METRICS;
use kanalsim::run::{Folder, NoObserver, compare_until, run_many_until, run_until};
use kanalsim::sim::run_replication;
use kanalsim::{Model, RunSettings, presets};

fn pair(weeks: u32) -> (Model, Model) {
    let mut b = presets::tonder_2012();
    b.horizon_weeks = weeks;
    let mut s = presets::get("tonder-2012-strategy").unwrap();
    s.horizon_weeks = weeks;
    (Model::new(&b).unwrap(), Model::new(&s).unwrap())
}

fn settings(m: &Model, max: u32, threads: usize) -> RunSettings {
    let mut s = presets::tonder_2012();
    s.horizon_weeks = m.weeks;
    RunSettings::of(&s)
        .with_replications(max)
        .with_threads(threads)
}

#[test]
fn the_stop_does_not_depend_on_threads() {
    let (b, s) = pair(4);
    let rule = Some(Precision { relative: 0.03 });
    let one = compare_until(&b, &s, &settings(&b, 400, 1), rule, &mut NoObserver).unwrap();
    let two = compare_until(&b, &s, &settings(&b, 400, 2), rule, &mut NoObserver).unwrap();
    let three = compare_until(&b, &s, &settings(&b, 400, 3), rule, &mut NoObserver).unwrap();
    let n = one
        .precision
        .unwrap()
        .stable_after
        .expect("stable within 400");
    assert!((40..400).contains(&n), "{n}");
    assert_eq!(one, two);
    assert_eq!(one, three);
    assert_eq!(one.baseline.replications, n);
    assert_eq!(one.baseline.replications_requested, 400);
    // The results are those of a fixed run of that many replications.
    let fixed = compare_until(&b, &s, &settings(&b, n, 2), None, &mut NoObserver).unwrap();
    assert_eq!(fixed.difference, one.difference);
    assert_eq!(fixed.baseline.metrics, one.baseline.metrics);
}

#[test]
fn a_tighter_tolerance_stops_later() {
    let (b, s) = pair(4);
    let set = settings(&b, 2000, 2);
    let at = |relative: f64| {
        let r = Some(Precision { relative });
        let (aggs, rep) = run_many_until(&[&b, &s], &set, r, &mut NoObserver).unwrap();
        let rep = rep.unwrap();
        assert_eq!(rep.stable_after, Some(aggs[0].completed()));
        rep.stable_after.expect("stable within 2000")
    };
    let (loose, mid, tight) = (at(0.05), at(0.02), at(0.01));
    eprintln!("stable after {loose} (5 %), {mid} (2 %), {tight} (1 %)");
    assert!(loose < mid && mid < tight, "{loose} {mid} {tight}");
}

#[test]
fn the_minimum_and_the_maximum_hold() {
    let (b, _) = pair(2);
    // Any tolerance at all: counted from 20 at the earliest, stable after 20 + 20.
    let loose = Some(Precision { relative: 1.0 });
    let r = run_until(&b, &settings(&b, 500, 2), loose, &mut NoObserver).unwrap();
    let p = r.precision.unwrap();
    assert_eq!((p.first_met, p.stable_after), (Some(20), Some(40)));
    assert_eq!(r.replications, 40);
    // A maximum below 20 + look-ahead: never stable, every replication run.
    let r = run_until(&b, &settings(&b, 39, 2), loose, &mut NoObserver).unwrap();
    let p = r.precision.unwrap();
    assert_eq!((p.stable_after, p.maximum, r.replications), (None, 39, 39));
    // A tolerance no run meets: the maximum.
    let tiny = Some(Precision { relative: 1e-9 });
    let r = run_until(&b, &settings(&b, 60, 1), tiny, &mut NoObserver).unwrap();
    assert_eq!(
        (r.precision.unwrap().stable_after, r.replications),
        (None, 60)
    );
}

/// Outputs made to order: every key figure constant over the replications, except `gaveUp`,
/// which is constant for 20 replications, jumps about in replications 20–24, and is
/// constant again after. At n = 20 every interval is zero wide, so a rule without a
/// look-ahead stops there; the look-ahead sees the jumps and goes on until the interval of
/// `gaveUp` has shrunk below its tolerance again.
#[test]
fn the_look_ahead_keeps_a_run_from_stopping_too_early() {
    let (b, _) = pair(1);
    let set = settings(&b, 1000, 1);
    let template = run_replication(&b, &set, 0).unwrap();
    let gave_up = METRICS.iter().position(|d| d.id == "gaveUp").unwrap();
    let key: Vec<usize> = KEY_FIGURES
        .iter()
        .map(|id| METRICS.iter().position(|d| d.id == *id).unwrap())
        .collect();
    let out = |r: u32| {
        let mut o = template.clone();
        o.rep = r;
        for &k in &key {
            o.scalars[k] = template.scalars[k];
        }
        o.scalars[gave_up] = 1000.0
            + match r {
                20..=24 => {
                    if r.is_multiple_of(2) {
                        300.0
                    } else {
                        -300.0
                    }
                }
                _ => 0.0,
            };
        o
    };
    let mut f = Folder::new(&[&b], &set, Some(Precision::default()));
    let mut stop = None;
    for r in 0..1000 {
        if f.push(vec![out(r)]).unwrap().is_break() {
            stop = Some(r + 1);
            break;
        }
    }
    let (aggs, rep) = f.finish();
    let rep = rep.unwrap();
    let stop = stop.expect("it stops");
    let first = rep.first_met.unwrap();
    // The criterion held at 20, but not through its look-ahead: searched again after 24.
    eprintln!("first met at {first}, stopped at {stop}");
    assert!(first > 24, "first met at {first}");
    assert_eq!(stop, first + look_ahead(first));
    assert_eq!(rep.stable_after, Some(stop));
    assert_eq!(aggs[0].completed(), stop);
    // At the stop, gaveUp's interval is within 1 % of 1000 = 10.
    let v = &aggs[0].values_at(gave_up)[..stop as usize];
    let [lo, hi] = kanalsim::stats::mean_ci(v, 0.9);
    assert!((hi - lo) / 2.0 <= 10.0);
    // Without the jumps the same outputs stop at 20 + 20.
    let mut f = Folder::new(&[&b], &set, Some(Precision::default()));
    let mut plain = 0;
    for r in 0..1000 {
        let mut o = out(r);
        o.scalars[gave_up] = 1000.0;
        if f.push(vec![o]).unwrap().is_break() {
            plain = r + 1;
            break;
        }
    }
    assert_eq!(plain, 40);
}
