//! The default preset reproduces what is observed, as the mean over its own replications and
//! seed (issue 8): the realised assisted mix is Hørsholm's 2008 mix (a proxy for Tønder),
//! the counter and phone information contacts are Tønder's 58,000 a year, the realised
//! handling times fall in Hørsholm's bins in Hørsholm's shares, and the counter's arrivals
//! over its open hours follow the citizens' desire (no pile-up after an opening).
//! `examples/calibrate_tonder.rs` is how the preset's numbers were found.

use kanalsim::run::{NoObserver, run};
use kanalsim::{Model, Results, RunSettings, presets};
use std::sync::OnceLock;

fn results() -> &'static Results {
    static R: OnceLock<Results> = OnceLock::new();
    R.get_or_init(|| {
        let s = presets::tonder_2012();
        let m = Model::new(&s).expect("the preset is valid");
        run(&m, &RunSettings::of(&s).with_threads(2), &mut NoObserver).expect("it runs")
    })
}

fn mean(id: &str) -> f64 {
    results().metrics[id].mean
}

/// Hørsholm's contact analysis, January 2008: counter 20.5 %, phone 49.4 %, letter and
/// e-mail 26.6 % of all contacts, i.e. 21.3 : 51.2 : 27.6 % of the three.
#[test]
fn the_realised_assisted_mix_is_horsholms() {
    let v = [
        mean("contacts.personal"),
        mean("contacts.phone"),
        mean("contacts.written"),
    ];
    let n: f64 = v.iter().sum();
    let target = [20.5, 49.4, 26.6];
    let tn: f64 = target.iter().sum();
    for (i, (got, want)) in v.iter().zip(target).enumerate() {
        let (got, want) = (100.0 * got / n, 100.0 * want / tn);
        assert!(
            (got - want).abs() <= 1.5,
            "channel {i}: {got:.2} % vs {want:.2} %"
        );
    }
}

/// Tønder's strategy: 58,000 registered personal or phone information contacts in 2012.
#[test]
fn information_contacts_are_tonders_58000() {
    let got = mean("contacts.personalAndPhone.information");
    assert!((got / 58_000.0 - 1.0).abs() <= 0.02, "{got}");
}

/// Hørsholm's handling-time bins per channel (0–2, 2–4, 4–6, 6–8, 8–10, > 10 minutes).
#[test]
fn realised_handling_times_are_horsholms() {
    let h = &results().handling_time;
    assert_eq!(h.edges_min, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    for (name, got, bins) in [
        ("counter", &h.personal, [3.67, 4.49, 3.36, 1.69, 1.93, 5.39]),
        ("phone", &h.phone, [13.79, 15.27, 9.47, 3.26, 3.69, 3.88]),
        ("written", &h.written, [6.78, 4.46, 2.98, 1.31, 1.10, 1.56]),
    ] {
        let total: f64 = bins.iter().sum();
        assert!(
            (got.iter().sum::<f64>() - 1.0).abs() < 1e-9,
            "{name} sums to 1"
        );
        for (i, (g, b)) in got.iter().zip(bins).enumerate() {
            let want = b / total;
            assert!(
                (g - want).abs() <= 0.015,
                "{name} bin {i}: {:.2} % vs Hørsholm {:.2} %",
                g * 100.0,
                want * 100.0
            );
        }
    }
}

/// Deferred citizens come back at a time drawn from the desire profile over the opening:
/// on every day the counter's busiest open hour has at most 1.6 × the day's mean open hour.
#[test]
fn counter_arrivals_follow_the_desire_without_a_pile_up() {
    let a = &results().hour_of_week.personal.arrivals;
    let mut days = 0;
    for d in 0..7 {
        let open: Vec<f64> = (0..24)
            .map(|h| a[d * 24 + h])
            .filter(|x| *x > 0.5)
            .collect();
        if open.is_empty() {
            continue;
        }
        days += 1;
        let m = open.iter().sum::<f64>() / open.len() as f64;
        let peak = open.iter().copied().fold(0.0, f64::max);
        // `cargo test --release --test calibration -- --nocapture` prints the figures.
        println!(
            "day {d}: busiest open hour {:.2} × the day's mean open hour",
            peak / m
        );
        assert!(peak <= 1.6 * m, "day {d}: peak {peak:.1} vs mean {m:.1}");
    }
    assert_eq!(
        days, 4,
        "the counter is open Monday, Tuesday, Thursday and Friday"
    );
}

/// Busy share never exceeds 100 %, in any preset: staff time after closing, past the
/// horizon and of agents going off duty with a customer in hand is counted as staff time.
#[test]
fn busy_share_never_exceeds_one() {
    for mut s in presets::all() {
        s.simulation.replications = 8;
        let m = Model::new(&s).unwrap();
        let r = run(&m, &RunSettings::of(&s).with_threads(2), &mut NoObserver).unwrap();
        for id in ["personal.utilisation", "phone.utilisation"] {
            let x = &r.metrics[id];
            assert!(x.p95 <= 1.0 && x.mean <= 1.0, "{}: {id} {:?}", s.id, x);
        }
    }
}

/// A counter closed for good: nobody comes back to it and nobody silently becomes a letter;
/// those who wanted it use the errand type's other channels in proportion to its mix (the
/// phone when it is open, writing), so the phone gains too.
#[test]
fn a_counter_closed_for_good_sends_citizens_by_the_mix() {
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 8;
    let set = RunSettings::of(&s).with_replications(6).with_threads(2);
    let base = run(&Model::new(&s).unwrap(), &set, &mut NoObserver).unwrap();
    s.opening_hours.personal = kanalsim::scenario::WeekHours::uniform(&[], &[]);
    let closed = run(&Model::new(&s).unwrap(), &set, &mut NoObserver).unwrap();
    let d = |id: &str| closed.metrics[id].mean - base.metrics[id].mean;
    let lost_counter = -d("contacts.personal");
    assert_eq!(closed.metrics["contacts.personal"].mean, 0.0);
    assert!(lost_counter > 1000.0, "{lost_counter}");
    assert!(
        d("contacts.phone") > 0.2 * lost_counter,
        "the phone gains: {}",
        d("contacts.phone")
    );
    assert!(
        d("contacts.written") < 0.8 * lost_counter,
        "not all letters: {}",
        d("contacts.written")
    );
    // Every errand still ends in exactly one place.
    let g = |id: &str| closed.metrics[id].mean;
    let ends = g("contacts.personal")
        + g("contacts.phone")
        + g("contacts.written")
        + g("contacts.digital")
        + g("gaveUp");
    assert!(
        (ends - g("errands")).abs() < 1e-6 * g("errands"),
        "{ends} vs {}",
        g("errands")
    );
}
