//! The default preset's figures in a human-readable golden file, `tests/golden/tonder-2012.txt`:
//! 50 replications of `tonder-2012` (its own seed), every metric as mean, P5 and P95, rounded
//! to what a reader would quote. The test regenerates the text and compares it line by line.
//!
//! A difference means the default preset's numbers changed: a value-breaking engine change or
//! a change of the preset. If it is intended, rewrite the file and commit it with the change:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --release --test golden
//! ```

use kanalsim::report::{METRICS, Results, Unit};
use kanalsim::run::{NoObserver, run};
use kanalsim::{Model, RunSettings, presets};
use std::path::PathBuf;

const REPLICATIONS: u32 = 50;

fn results() -> Results {
    let s = presets::tonder_2012();
    let m = Model::new(&s).expect("the default preset is valid");
    // Two threads; the runner folds in replication order whatever the split.
    let settings = RunSettings::of(&s)
        .with_replications(REPLICATIONS)
        .with_threads(2);
    run(&m, &settings, &mut NoObserver).expect("the default preset runs")
}

fn fmt(v: f64, unit: Unit) -> String {
    // Avoid "-0" from rounding a tiny negative.
    let z = |s: String| {
        if s.trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            s.trim_start_matches('-').to_string()
        } else {
            s
        }
    };
    match unit {
        Unit::Count | Unit::Hours | Unit::Dkk => z(format!("{v:.0}")),
        Unit::Share => z(format!("{:.2} %", v * 100.0)),
        Unit::Minutes | Unit::Days => z(format!("{v:.3}")),
        Unit::Fte => z(format!("{v:.2}")),
    }
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Share => "share",
        Unit::Minutes => "min",
        Unit::Hours => "hours",
        Unit::Fte => "FTE",
        Unit::Dkk => "DKK",
        Unit::Days => "days",
    }
}

fn render(r: &Results) -> String {
    let mut o = String::new();
    o += "# Golden figures of the default preset. Regenerate (only for an intended,\n";
    o += "# value-breaking change): UPDATE_GOLDEN=1 cargo test --release --test golden\n";
    o += &format!(
        "# scenario {} ({}), seed {}, {} replications × {} weeks\n",
        r.scenario_id, r.title, r.seed, r.replications, r.horizon_weeks
    );
    o += "# counts, hours and DKK over the horizon; shares in %; waits in minutes\n";
    o += &format!(
        "{:<40} {:>6} {:>14} {:>14} {:>14}\n",
        "metric", "unit", "mean", "P5", "P95"
    );
    for d in METRICS {
        let s = r.metrics[d.id];
        o += &format!(
            "{:<40} {:>6} {:>14} {:>14} {:>14}\n",
            d.id,
            unit_name(d.unit),
            fmt(s.mean, d.unit),
            fmt(s.p5, d.unit),
            fmt(s.p95, d.unit)
        );
    }
    o
}

#[test]
fn default_preset_matches_the_golden_file() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/tonder-2012.txt");
    let text = render(&results());
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        println!("wrote {}", path.display());
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; create it with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if golden != text {
        let mut diff = String::new();
        let (g, t): (Vec<&str>, Vec<&str>) = (golden.lines().collect(), text.lines().collect());
        for i in 0..g.len().max(t.len()) {
            let (a, b) = (g.get(i).copied(), t.get(i).copied());
            if a != b {
                diff += &format!("- {}\n+ {}\n", a.unwrap_or(""), b.unwrap_or(""));
            }
        }
        panic!(
            "the default preset's figures differ from {} (- golden, + now):\n{diff}\
             If the change is intended (value-breaking), rewrite the file with UPDATE_GOLDEN=1.",
            path.display()
        );
    }
}

/// The golden figures are sane in themselves: the calibration target of the preset and the
/// identities hold, so a re-blessed file cannot silently carry nonsense.
#[test]
fn golden_figures_are_sane() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/tonder-2012.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let value = |id: &str| -> f64 {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} missing from the golden file"));
        line.split_whitespace().nth(2).unwrap().parse().unwrap()
    };
    // Calibrated to about 58,000 counter and phone information contacts a year (figures.md).
    let info = value("contacts.personalAndPhone.information");
    assert!((50_000.0..66_000.0).contains(&info), "{info}");
    // The preset's 167,500 desired errands a year (calibrated, issue 8) × the demand factor.
    let errands = value("errands");
    assert!((155_000.0..180_000.0).contains(&errands), "{errands}");
    let parts = value("contacts.personal")
        + value("contacts.phone")
        + value("contacts.written")
        + value("contacts.digital")
        + value("gaveUp");
    // Means of integers rounded to integers: within rounding of each term.
    assert!((parts - errands).abs() <= 3.0, "{parts} vs {errands}");
}
