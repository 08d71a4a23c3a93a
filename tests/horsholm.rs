//! The preset `horsholm-2008` is the calibration path's own result (issue 12): its stored
//! numbers (`src/presets/horsholm-2008.json`) are re-derived here by calibrating the table
//! `src/presets/horsholm-2008.csv` — Hørsholm Kommune's inquiry analysis of January 2008 —
//! and the back-test reproduces the table's weekly volume per channel within 5 %.
//! `cargo test --release --test horsholm -- --nocapture` prints the measured figures.

use kanalsim::calibrate::{self, Calibration, InputFile, Options};
use kanalsim::presets;
use kanalsim::scenario::{CounterMode, Scenario};
use serde_json::Value;
use std::sync::OnceLock;

/// The calibration as `kanalsim calibrate horsholm-2008.csv --name "Hørsholm 2008"` runs it
/// (default rounds and replications; the thread count does not change the numbers).
fn calibration() -> &'static Calibration {
    static C: OnceLock<Calibration> = OnceLock::new();
    C.get_or_init(|| {
        let file = InputFile {
            name: "horsholm-2008.csv".into(),
            bytes: presets::HORSHOLM_2008_TABLE.as_bytes().to_vec(),
        };
        let o = Options {
            name: "Hørsholm 2008".into(),
            threads: 2,
            ..Options::default()
        };
        calibrate::calibrate(&[file], &o).expect("the table calibrates")
    })
}

/// The scenario's numbers: its JSON without identity, text and notes.
fn numbers(s: &Scenario) -> Value {
    let mut v = serde_json::to_value(s).unwrap();
    let m = v.as_object_mut().unwrap();
    for k in [
        "id",
        "title",
        "titleEn",
        "description",
        "descriptionEn",
        "sources",
    ] {
        m.remove(k);
    }
    v
}

/// The paths where two JSON values differ (exactly: floats round-trip), at most 10.
fn diff(a: &Value, b: &Value, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                match (x.get(k), y.get(k)) {
                    (Some(u), Some(v)) => out.extend(diff(u, v, &format!("{path}.{k}"))),
                    _ => out.push(format!("{path}.{k}: only on one side")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                out.extend(diff(u, v, &format!("{path}[{i}]")));
            }
        }
        _ if a != b => out.push(format!("{path}: {a} vs {b}")),
        _ => {}
    }
    out.truncate(10);
    out
}

#[test]
fn the_stored_calibration_is_the_calibration_paths_result() {
    let c = calibration();
    let stored: Value = serde_json::from_str(presets::HORSHOLM_2008_CALIBRATED).unwrap();
    // The whole file, notes included, is what the calibration writes today.
    let d = diff(&serde_json::to_value(&c.scenario).unwrap(), &stored, "");
    assert!(
        d.is_empty(),
        "src/presets/horsholm-2008.json is stale (regenerate it, see \
         presets::HORSHOLM_2008_CALIBRATED): {d:?}"
    );
    // The preset changes only its identity and notes, not a number.
    let p = presets::get("horsholm-2008").unwrap();
    assert_eq!(
        diff(&numbers(&p), &numbers(&c.scenario), ""),
        Vec::<String>::new()
    );
    assert_eq!(p, presets::horsholm_2008());
    kanalsim::validate(&p).expect("a valid scenario");
}

#[test]
fn the_table_is_horsholms_analysis() {
    let o = &calibration().observed;
    // About 6,300 contacts in the month: 224 internet contacts = 3.54 %.
    let month: f64 = o.totals().iter().sum();
    assert!((month - 224.0 / 0.0354).abs() < 2.0, "{month}");
    assert!((o.n_weeks() - 31.0 / 7.0).abs() < 1e-6);
    assert_eq!(o.month_given, Some(0));
    // The mix: counter 20.52 %, phone 49.35 %, letter + e-mail 18.18 + 8.40 %, internet 3.54 %.
    for (got, want) in o.totals().iter().zip([20.52, 49.35, 26.58, 3.54]) {
        let share = 100.0 * got / month;
        assert!((share - want).abs() < 0.01, "{share:.3} % vs {want} %");
    }
    // Handling-time bins per channel, as the analysis gives them (the top bin closed at 20).
    let (e, w) = o.handling_bins[0].as_ref().unwrap();
    assert_eq!(e, &[0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 20.0]);
    assert_eq!(w, &[3.67, 4.49, 3.36, 1.69, 1.93, 5.39]);
    assert_eq!(
        o.handling_bins[1].as_ref().unwrap().1,
        [13.79, 15.27, 9.47, 3.26, 3.69, 3.88]
    );
    // Written: letters (6.78, 4.46, 2.98, 1.31, 1.10, 1.56) + e-mail (5.91, 1.29, 0.41, 0.23,
    // 0.11, 0.44).
    assert_eq!(
        o.handling_bins[2].as_ref().unwrap().1,
        [12.69, 5.75, 3.39, 1.54, 1.21, 2.00]
    );
}

#[test]
fn the_back_test_reproduces_the_table() {
    let c = calibration();
    let b = &c.backtest;
    println!(
        "Hørsholm 2008: {} rounds, back-test {} replications, {:.4} weeks, seasonal factor {:.4}, {:.0} errands a year",
        c.rounds, b.replications, b.weeks, b.season_factor, c.scenario.demand.annual_errands
    );
    for ch in &b.channels {
        println!(
            "  {:<8} counted {:>7.2}/wk  simulated {:>7.2}  ({:+.2} %)",
            ch.channel,
            ch.observed_weekly,
            ch.simulated_weekly,
            100.0 * ch.weekly_error()
        );
        assert!(ch.observed_weekly > 0.0, "{} was counted", ch.channel);
        assert!(
            ch.weekly_error().abs() <= 0.05,
            "{}: {:+.3}",
            ch.channel,
            ch.weekly_error()
        );
    }
    // The table's weekly figures are the month's contacts over its 4.43 weeks.
    let w: Vec<f64> = b.channels.iter().map(|c| c.observed_weekly).collect();
    for (got, want) in w.iter().zip([293.20, 705.13, 379.78, 50.58]) {
        assert!((got - want).abs() < 1e-6, "{got} vs {want}");
    }
}

#[test]
fn efter_aftale_is_horsholm_by_appointment() {
    let base = presets::get("horsholm-2008").unwrap();
    let s = presets::get("horsholm-2008-efter-aftale").unwrap();
    assert_eq!(s.baseline_id, "horsholm-2008");
    kanalsim::validate(&s).expect("a valid scenario");
    let a = s.appointments.as_ref().expect("appointments");
    assert_eq!(a.mode, CounterMode::Appointment);
    // The same desks as the rule gives for the baseline's counter (the same staff hours).
    assert_eq!(
        a.desks,
        presets::appointments_for(&base, CounterMode::Appointment).desks
    );
    // Only the counter's mode and its settings differ from the baseline.
    let mut plain = s.clone();
    plain.appointments = None;
    plain.baseline_id = String::new();
    assert_eq!(
        diff(&numbers(&plain), &numbers(&base), ""),
        Vec::<String>::new()
    );
    let notes: Vec<&str> = s.sources.iter().map(|n| n.en.as_str()).collect();
    assert!(
        notes.iter().any(|n| n.contains("16,500")
            && n.contains("350,000")
            && n.contains("half of passport")),
        "the note on Hørsholm's compulsory booking"
    );
    assert!(s.title.contains("efter aftale"));
}

/// `presets::all()`: Tønder first (the default), the Hørsholm pair last.
#[test]
fn the_presets_keep_tonder_first() {
    let ids: Vec<String> = presets::list().into_iter().map(|p| p.id).collect();
    assert_eq!(ids[0], presets::DEFAULT_ID);
    assert_eq!(
        ids[ids.len() - 2..],
        ["horsholm-2008", "horsholm-2008-efter-aftale"]
    );
}
