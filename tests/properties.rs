//! Property tests (proptest) of the engine and of validation.
//!
//! * Random **valid** scenarios — the `tonder-2012` preset perturbed: errand types and shares,
//!   channel mixes, opening intervals (several a day, closed days, open round the clock),
//!   staffing, adoption ranges and paths, displacement probabilities, redial, all three kinds
//!   of distribution for service and patience (or none), horizons of 1–4 weeks, 1–3
//!   replications — must conserve errands exactly in every replication, keep every count
//!   consistent, and produce no NaN, no infinity and nothing negative anywhere in `Results`.
//! * Random **invalid** scenarios — one to four independent breakages (wrong shares, NaN and
//!   infinities, negatives, overlapping intervals, bad "HH:MM", wrong row lengths, zero staff
//!   while open, absurd sizes, …) — must be refused with at least one issue naming each broken
//!   field, never a panic, both as a `Scenario` and as JSON text.
//! * Random **mutations of JSON text** of a valid scenario must never make
//!   `validate::parse_scenario` panic; whatever it accepts must simulate.
//!
//! The proptest seed is fixed so CI is reproducible; explore with another one by setting
//! `PROPTEST_RNG_SEED=<u64>` (and `PROPTEST_CASES=<n>` to change the number of cases).

use kanalsim::model::Model;
use kanalsim::presets;
use kanalsim::report::{A, APPOINTMENT_METRICS, M, Results};
use kanalsim::run::Aggregator;
use kanalsim::scenario::*;
use kanalsim::sim::run_replication;
use kanalsim::validate::{parse_scenario, validate};
use kanalsim::{Error as Invalid, RunSettings};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

fn config(cases: u32) -> Config {
    let env = Config::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        env.cases
    } else {
        cases
    };
    Config {
        cases,
        failure_persistence: None,
        rng_seed: match env.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x6b61_6e61_6c73),
            fixed => fixed,
        },
        ..env
    }
}

// ---------------------------------------------------------------------------------------
// Generators of valid pieces
// ---------------------------------------------------------------------------------------

/// Integer weights → shares adding up to 1 (to rounding).
fn shares(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0u32..=10, n).prop_map(|mut w| {
        if w.iter().all(|&x| x == 0) {
            w[0] = 1;
        }
        let total: u32 = w.iter().sum();
        w.iter().map(|&x| x as f64 / total as f64).collect()
    })
}

/// A low ≤ likely ≤ high range inside [lo, hi], sometimes fixed.
fn range_in(lo: f64, hi: f64) -> impl Strategy<Value = Range> {
    (
        prop::array::uniform3(0.0..=1.0f64),
        prop::bool::weighted(0.2),
    )
        .prop_map(move |(mut v, fixed)| {
            v.sort_by(f64::total_cmp);
            let at = |u: f64| lo + u * (hi - lo);
            if fixed {
                Range::fixed(at(v[1]))
            } else {
                Range::new(at(v[0]), at(v[1]), at(v[2]))
            }
        })
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Opening intervals of one day: closed, open round the clock, or up to four disjoint
/// (possibly touching) intervals at minute precision.
fn day_hours() -> impl Strategy<Value = Vec<Interval>> {
    prop_oneof![
        2 => Just(vec![]),
        1 => Just(vec![Interval::new("00:00", "24:00")]),
        6 => (1usize..=4)
            .prop_flat_map(|k| prop::collection::btree_set(0u32..=1440, 2 * k))
            .prop_map(|points| {
                let p: Vec<u32> = points.into_iter().collect();
                p.chunks(2)
                    .map(|c| Interval::new(&hhmm(c[0]), &hhmm(c[1])))
                    .collect()
            }),
        // Touching intervals: 09:00–12:00, 12:00–15:00.
        1 => Just(vec![Interval::new("09:00", "12:00"), Interval::new("12:00", "15:00")]),
    ]
}

fn week_hours() -> impl Strategy<Value = WeekHours> {
    prop::collection::vec(day_hours(), 7).prop_map(|days| {
        let mut w = WeekHours::default();
        for (d, ivs) in days.into_iter().enumerate() {
            *w.day_mut(d) = ivs;
        }
        w
    })
}

/// A positive duration distribution with a mean around `scale` minutes.
fn distribution(scale: f64) -> impl Strategy<Value = Distribution> {
    prop_oneof![
        (0.05f64..3.0).prop_map(move |f| Distribution::Exponential {
            mean_min: f * scale
        }),
        (0.05f64..3.0, 0.05f64..3.0).prop_map(move |(f, cv)| Distribution::Lognormal {
            mean_min: f * scale,
            sd_min: f * scale * cv,
        }),
        (
            0.0f64..1.0,
            prop::collection::vec((0.05f64..1.0, 0.0f64..5.0), 1..8)
        )
            .prop_map(move |(start, bins)| {
                let mut edges = vec![start * scale];
                let mut weights = Vec::new();
                for (width, w) in &bins {
                    edges.push(edges.last().unwrap() + width * scale);
                    weights.push(*w);
                }
                if weights.iter().all(|w| *w == 0.0) {
                    weights[0] = 1.0;
                }
                Distribution::Empirical {
                    edges_min: edges,
                    weights,
                }
            }),
    ]
}

fn displacement() -> impl Strategy<Value = Displacement> {
    (shares(4), prop::array::uniform4(0.0..=1.0f64)).prop_map(|(p, spread)| {
        let r = |likely: f64, s: f64| {
            Range::new(
                (likely - 0.2 * s).max(0.0),
                likely,
                (likely + 0.2 * s).min(1.0),
            )
        };
        Displacement {
            defer: r(p[0], spread[0]),
            switch_channel: r(p[1], spread[1]),
            go_digital: r(p[2], spread[2]),
            give_up: r(p[3], spread[3]),
        }
    })
}

#[derive(Debug, Clone)]
struct TypeDraw {
    information_share: f64,
    digital_eligible: f64,
    adoption: Option<Range>,
    mix: Vec<f64>,
    scale: f64,
}

fn errand_type() -> impl Strategy<Value = TypeDraw> {
    (
        0.0..=1.0f64,
        0.0..=1.0f64,
        prop::option::weighted(0.3, range_in(0.0, 1.0)),
        shares(3),
        0.3f64..2.5,
    )
        .prop_map(
            |(information_share, digital_eligible, adoption, mix, scale)| TypeDraw {
                information_share,
                digital_eligible,
                adoption,
                mix,
                scale,
            },
        )
}

fn queue_channel(hours: &WeekHours, staff: Vec<Vec<u32>>) -> QueueChannel {
    // Every hour with an open minute needs staff; other hours keep what was drawn (often 0).
    let mut staffing = staff;
    for (d, row) in staffing.iter_mut().enumerate() {
        for iv in hours.day(d) {
            let a = kanalsim::validate::parse_hhmm(&iv.start).unwrap();
            let b = kanalsim::validate::parse_hhmm(&iv.end).unwrap();
            for h in (a / 60)..=((b - 1) / 60).min(23) {
                row[h as usize] = row[h as usize].max(1);
            }
        }
    }
    QueueChannel {
        staffing,
        service_time: Distribution::Exponential { mean_min: 5.0 },
        patience: None,
        redial_probability: Range::fixed(0.0),
        redial_mean_delay_min: 10.0,
        target_seconds: 60.0,
    }
}

#[derive(Debug, Clone)]
struct QueueDraw {
    hours: WeekHours,
    staff: Vec<Vec<u32>>,
    service: Distribution,
    patience: Option<Distribution>,
    redial: Range,
    redial_delay: f64,
    target_seconds: f64,
}

fn queue_draw(service_scale: f64, patience_scale: f64) -> impl Strategy<Value = QueueDraw> {
    (
        week_hours(),
        prop::collection::vec(prop::collection::vec(0u32..=12, 24), 7),
        distribution(service_scale),
        prop::option::weighted(0.8, distribution(patience_scale)),
        range_in(0.0, 0.99),
        0.5f64..3000.0,
        0.0f64..1200.0,
    )
        .prop_map(
            |(hours, staff, service, patience, redial, redial_delay, target_seconds)| QueueDraw {
                hours,
                staff,
                service,
                patience,
                redial,
                redial_delay,
                target_seconds,
            },
        )
}

/// Random valid scenarios: the tonder-2012 preset perturbed in every part the engine uses.
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    let demand = (
        prop_oneof![1 => Just(0.0), 1 => 1.0f64..500.0, 8 => 1_000.0f64..300_000.0],
        range_in(0.5, 1.5),
        (1usize..=6).prop_flat_map(|n| (shares(n), prop::collection::vec(errand_type(), n))),
        prop::collection::vec(prop::collection::vec(0.0f64..2.0, 24), 7),
        prop::collection::vec(0.0f64..2.0, 12),
        prop_oneof![1 => Just(0.0), 2 => 0.001f64..1.5],
        prop::bool::weighted(0.15),
    );
    let digital = (
        range_in(0.0, 1.0),
        range_in(0.0, 0.6),
        prop::collection::vec((0.1f64..2.0, -0.5f64..0.5), 0..4),
        displacement(),
        displacement(),
        range_in(0.0, 0.95),
    );
    let queues = (
        queue_draw(8.0, 40.0),
        queue_draw(5.0, 5.0),
        range_in(0.5, 2.0),
        distribution(10.0),
    );
    let sim = (1u32..=4, 1u32..=3, 0u64..=kanalsim::validate::MAX_SEED);
    (demand, digital, queues, sim, appointments()).prop_map(
        |(demand, digital, queues, sim, appt)| {
            let mut s = presets::tonder_2012();
            // Demand.
            let (annual, factor, (type_shares, types), mut profile, mut months, disp, zero_nights) =
                demand;
            s.demand.annual_errands = annual;
            s.demand.demand_factor = factor;
            s.demand.errand_types = type_shares
                .iter()
                .zip(&types)
                .enumerate()
                .map(|(i, (share, t))| ErrandType {
                    id: format!("t{i}"),
                    name: format!("Type {i}"),
                    name_en: String::new(),
                    share: *share,
                    information_share: t.information_share,
                    digital_eligible: t.digital_eligible,
                    adoption: t.adoption,
                    channel_mix: ChannelMix {
                        personal: t.mix[0],
                        phone: t.mix[1],
                        written: t.mix[2],
                    },
                    handling_time_scale: t.scale,
                    requires_attendance: false,
                })
                .collect();
            if zero_nights {
                for row in &mut profile {
                    for w in row.iter_mut().take(7) {
                        *w = 0.0;
                    }
                }
            }
            if profile.iter().flatten().all(|w| *w <= 0.0) {
                profile[0][10] = 1.0;
            }
            s.demand.weekly_profile = profile;
            if months.iter().all(|f| *f <= 0.0) {
                months[0] = 1.0;
            }
            s.demand.monthly_factors = months;
            s.demand.day_dispersion = disp;
            // Digital and displacement.
            let (adoption, failure, path, d_personal, d_phone, spread) = digital;
            s.digital.adoption = adoption;
            s.digital.failure_share = failure;
            let mut week = 0.0;
            s.digital.adoption_path = path
                .iter()
                .map(|(dw, change)| {
                    week += dw;
                    PathPoint {
                        week,
                        change: *change,
                    }
                })
                .collect();
            s.when_closed.personal = d_personal;
            s.when_closed.phone = d_phone;
            s.when_closed.come_back.later_opening = spread;
            // Queues.
            let (qp, qt, scale, written) = queues;
            s.opening_hours.personal = qp.hours.clone();
            s.opening_hours.phone = qt.hours.clone();
            for (q, d) in [(&mut s.queues.personal, &qp), (&mut s.queues.phone, &qt)] {
                *q = QueueChannel {
                    service_time: d.service.clone(),
                    patience: d.patience.clone(),
                    redial_probability: d.redial,
                    redial_mean_delay_min: d.redial_delay,
                    target_seconds: d.target_seconds,
                    ..queue_channel(&d.hours, d.staff.clone())
                };
            }
            s.queues.handling_time_scale = scale;
            s.written.handling_time = written;
            // Simulation.
            let (weeks, reps, seed) = sim;
            s.horizon_weeks = weeks;
            s.simulation.replications = reps;
            s.simulation.seed = seed;
            // The counter by appointment, in a third of the scenarios.
            if let Some((a, attend)) = appt {
                for (t, req) in s.demand.errand_types.iter_mut().zip(attend) {
                    t.requires_attendance = req;
                }
                let max_backlog = (s.horizon_weeks as f64 * 7.0).min(a.horizon_days as f64);
                s.appointments = Some(Appointments {
                    initial_backlog_days: a.initial_backlog_days.min(max_backlog),
                    ..a
                });
            }
            s
        },
    )
}

/// An appointment block (desks in some hours of some days, any mode) and which errand
/// types need a visit; `None` in two of three cases.
fn appointments() -> impl Strategy<Value = Option<(Appointments, Vec<bool>)>> {
    let mode = prop_oneof![
        Just(CounterMode::WalkIn),
        Just(CounterMode::Appointment),
        Just(CounterMode::Both)
    ];
    let desks = prop::collection::vec(
        prop::collection::vec(prop_oneof![3 => Just(0u32), 1 => 1u32..6], 24),
        7,
    );
    let booking = (
        shares(3),
        distribution(3.0),
        range_in(0.0, 1.0),
        prop::option::of(range_in(0.05, 30.0)),
        shares(4),
        range_in(0.0, 0.9),
        range_in(0.0, 0.9),
        0.0f64..5.0,
    );
    let a = (
        mode,
        desks,
        prop_oneof![Just(10.0), Just(15.0), 1.0f64..90.0],
        1u32..90,
        any::<bool>(),
        booking,
        prop::collection::vec(prop::bool::weighted(0.3), 6),
    )
        .prop_map(
            |(mode, mut desks, slot_minutes, horizon_days, same_day, b, attend)| {
                let (by, booking_time, walk_in, patience, no_slot, no_show, cancel, backlog) = b;
                if desks.iter().flatten().all(|&d| d == 0) {
                    desks[0][10] = 1;
                }
                // Every hour with a desk holds at least one slot.
                let slot_minutes = slot_minutes.min(60.0);
                let r = |x: f64| Range::fixed(x);
                (
                    Appointments {
                        mode,
                        desks,
                        slot_minutes,
                        horizon_days,
                        same_day,
                        booked_by: BookedBy {
                            phone: by[0],
                            web: by[1],
                            counter: by[2],
                        },
                        booking_time,
                        walk_in,
                        patience_workdays: patience,
                        when_no_slot: NoSlot {
                            switch_channel: r(no_slot[0]),
                            go_digital: r(no_slot[1]),
                            walk_in: r(no_slot[2]),
                            give_up: r(no_slot[3]),
                        },
                        no_show,
                        late_cancellation: cancel,
                        initial_backlog_days: backlog,
                    },
                    attend,
                )
            },
        );
    prop_oneof![2 => Just(None), 1 => a.prop_map(Some)]
}

// ---------------------------------------------------------------------------------------
// Checks on valid scenarios
// ---------------------------------------------------------------------------------------

/// Every number in the serialised value: finite (NaN and ±∞ serialise as `null`, and
/// `Results` has no optional fields), and not negative outside the sensitivity
/// correlations and the lower bounds of confidence intervals (a t-based interval of a mean
/// near 0 reaches below it).
fn scan(v: &serde_json::Value, path: &str, problems: &mut Vec<String>) {
    match v {
        serde_json::Value::Null => problems.push(format!("{path} is null (NaN or infinite)")),
        serde_json::Value::Number(n) => match n.as_f64() {
            Some(x) if x.is_finite() => {
                if x < 0.0 && !path.starts_with(".sensitivity") && !path.ends_with(".ci90[0]") {
                    problems.push(format!("{path} = {x} is negative"));
                }
            }
            _ => problems.push(format!("{path} = {n} is not a finite number")),
        },
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                scan(x, &format!("{path}[{i}]"), problems);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                scan(x, &format!("{path}.{k}"), problems);
            }
        }
        _ => {}
    }
}

fn check_replication(
    m: &Model,
    set: &RunSettings,
    rep: u32,
) -> Result<kanalsim::sim::RepOutput, TestCaseError> {
    let o = run_guarded(m, set, rep, &"a valid scenario");
    let s = &o.scalars;
    let g = |i: M| s[i as usize];
    for (i, v) in s.iter().enumerate() {
        prop_assert!(
            v.is_finite() && *v >= 0.0,
            "scalar {} = {v}",
            kanalsim::report::METRICS[i].id
        );
    }
    // The appointment book's counters (all 0 without one).
    let ap = |i: A| {
        o.appointments
            .as_ref()
            .map_or(0.0, |a| a.scalars[i as usize])
    };
    prop_assert_eq!(o.appointments.is_some(), m.appointments.is_some());
    if let Some(a) = &o.appointments {
        for (i, v) in a.scalars.iter().enumerate() {
            prop_assert!(
                v.is_finite() && *v >= 0.0,
                "{} = {}",
                APPOINTMENT_METRICS[i].id,
                v
            );
        }
        for i in [
            A::WithinFiveWorkdays,
            A::WithinFiveDays,
            A::NoShowShare,
            A::ShareBooked,
        ] {
            prop_assert!(ap(i) <= 1.0 + 1e-12, "{:?} = {}", i, ap(i));
        }
        // Every booked slot is attended, missed, cancelled or still pending at the end
        // (none: the run flushes every pending event); a slot is used by one visit at most.
        prop_assert_eq!(
            ap(A::Booked),
            ap(A::Visits) + ap(A::NoShows) + ap(A::LateCancellations)
        );
        prop_assert!(ap(A::Rebooked) <= ap(A::LateCancellations));
        prop_assert!(ap(A::Booked) <= ap(A::Requests));
        prop_assert!(ap(A::Lost) <= ap(A::TooLate));
        let n: f64 = a.weekly.booked.iter().sum();
        prop_assert_eq!(n, ap(A::Booked));
    }
    // Conservation: every errand ends in exactly one place (a booking contact is a contact
    // but not an end; a no-show and a late cancellation are ends).
    prop_assert_eq!(
        g(M::Errands),
        g(M::ContactsPersonal)
            + g(M::ContactsPhone)
            + g(M::ContactsWritten)
            + g(M::ContactsDigital)
            + g(M::GaveUp)
            - ap(A::BookingCalls)
            - ap(A::BookingsAtCounter)
            + ap(A::NoShows)
            + ap(A::LateCancellations),
        "conservation in replication {}",
        rep
    );
    // Splits and identities between counts.
    for (t, i, x) in [
        (
            M::ContactsPersonal,
            M::ContactsPersonalInfo,
            M::ContactsPersonalTrans,
        ),
        (
            M::ContactsPhone,
            M::ContactsPhoneInfo,
            M::ContactsPhoneTrans,
        ),
        (
            M::ContactsWritten,
            M::ContactsWrittenInfo,
            M::ContactsWrittenTrans,
        ),
        (
            M::ContactsDigital,
            M::ContactsDigitalInfo,
            M::ContactsDigitalTrans,
        ),
    ] {
        prop_assert_eq!(g(t), g(i) + g(x));
    }
    prop_assert_eq!(
        g(M::GaveUp),
        g(M::GaveUpClosed) + g(M::GaveUpAbandoned) + ap(A::Lost)
    );
    prop_assert_eq!(g(M::GaveUpClosed), g(M::DisplacedGaveUp));
    prop_assert_eq!(g(M::PhoneAnswered), g(M::ContactsPhone));
    prop_assert_eq!(
        g(M::PersonalAnswered),
        g(M::ContactsPersonal) - ap(A::Visits)
    );
    prop_assert_eq!(
        g(M::PhoneOffered),
        g(M::PhoneAnswered) + g(M::PhoneAbandoned)
    );
    prop_assert_eq!(
        g(M::PersonalOffered),
        g(M::PersonalAnswered) + g(M::PersonalAbandoned)
    );
    prop_assert!(g(M::PhoneRedials) <= g(M::PhoneAbandoned));
    prop_assert!(g(M::PersonalRedials) <= g(M::PersonalAbandoned));
    prop_assert_eq!(
        g(M::GaveUpAbandoned),
        g(M::PhoneAbandoned) - g(M::PhoneRedials) + g(M::PersonalAbandoned) - g(M::PersonalRedials)
    );
    for i in [
        M::DigitalShare,
        M::PhoneAbandonShare,
        M::PhonePWait,
        M::PhoneServiceLevel,
        M::PersonalAbandonShare,
        M::PersonalPWait,
        M::PersonalServiceLevel,
        M::PersonalUtilisation,
        M::PhoneUtilisation,
    ] {
        prop_assert!(g(i) <= 1.0 + 1e-9, "{:?} = {}", i, g(i));
    }
    // Weekly series and hour-of-week sums add up to the totals.
    let week_sum = |k: usize| o.weekly.series()[k].iter().sum::<f64>();
    prop_assert_eq!(week_sum(0), g(M::ContactsPersonal));
    prop_assert_eq!(week_sum(1), g(M::ContactsPhone));
    prop_assert_eq!(week_sum(2), g(M::ContactsWritten));
    prop_assert_eq!(week_sum(3), g(M::ContactsDigital));
    prop_assert_eq!(week_sum(4), g(M::GaveUp));
    let h = |ch: usize, k: usize| -> f64 {
        let q = if ch == 0 {
            &o.hourly.personal
        } else {
            &o.hourly.phone
        };
        q.series()[k].iter().sum()
    };
    prop_assert_eq!(h(0, 0), g(M::PersonalOffered));
    prop_assert_eq!(h(1, 0), g(M::PhoneOffered));
    prop_assert_eq!(h(0, 2), g(M::PersonalAnswered));
    prop_assert_eq!(h(1, 2), g(M::PhoneAnswered));
    prop_assert_eq!(o.hourly.desired.iter().sum::<f64>(), g(M::Errands));
    for v in o.numbers() {
        prop_assert!(v.is_finite() && v >= 0.0);
    }
    Ok(o)
}

fn results_ok(r: &Results) -> Result<(), TestCaseError> {
    let v = serde_json::to_value(r).expect("results serialise");
    let mut problems = Vec::new();
    scan(&v, "", &mut problems);
    prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
    for s in &r.sensitivity {
        for e in &s.inputs {
            prop_assert!((-1.0..=1.0).contains(&e.rho));
        }
    }
    Ok(())
}

/// `run_replication` on another thread with a deadline: a replication that never ends ends
/// the whole test binary with a message (a hang must not eat CI's time).
fn run_guarded(
    m: &Model,
    set: &RunSettings,
    rep: u32,
    what: &dyn std::fmt::Debug,
) -> kanalsim::sim::RepOutput {
    let m2 = m.clone();
    let set = *set;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(run_replication(&m2, &set, rep));
    });
    match rx.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => panic!("replication {rep} failed ({e}) for {what:?}"),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            eprintln!(
                "replication {rep} did not finish within 60 s (the engine hangs) for {what:?}\nscenario: {}",
                m.meta.id
            );
            std::process::exit(101);
        }
        Err(e) => panic!("replication {rep} panicked ({e}) for {what:?}"),
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn valid_scenarios_conserve_errands_and_stay_finite(s in valid_scenario()) {
        if let Err(e) = validate(&s) {
            return Err(TestCaseError::fail(format!("the generator made an invalid scenario: {e}")));
        }
        let m = Model::new(&s).expect("valid");
        let set = RunSettings::of(&s);
        let mut agg = Aggregator::new(&m, &set);
        for rep in 0..s.simulation.replications {
            agg.add(check_replication(&m, &set, rep)?).expect("fits");
        }
        let r = agg.results(&m);
        prop_assert_eq!(r.replications, s.simulation.replications);
        prop_assert_eq!(r.weekly.phone.mean.len(), s.horizon_weeks as usize);
        results_ok(&r)?;
        // Its own JSON is accepted (exactness of the numbers: see the next test).
        let text = serde_json::to_string(&s).expect("scenario serialises");
        prop_assert!(parse_scenario(&text).is_ok());
    }

    /// Little's law on the sample path: without patience everyone who waits is served, so
    /// the queue-length integral behind `hour_of_week.*.queue_length` equals the sum of the
    /// waits (to rounding), including waits longer than a week.
    #[test]
    fn queue_length_integral_equals_the_waits_without_patience(s in valid_scenario()) {
        let mut s = s;
        s.queues.personal.patience = None;
        s.queues.phone.patience = None;
        let m = Model::new(&s).expect("valid");
        for rep in 0..s.simulation.replications {
            let o = run_guarded(&m, &RunSettings::of(&s), rep, &"no patience");
            for ch in 0..2 {
                let h = |k: usize| -> f64 {
                    let q = if ch == 0 { &o.hourly.personal } else { &o.hourly.phone };
                    q.series()[k].iter().sum()
                };
                let (q, w) = (h(3), h(1));
                prop_assert!(
                    (q - w).abs() <= 1e-9 * w.max(1.0),
                    "channel {} ({}): ∫Q dt = {} min but Σ waits = {} min (longest waits: P90 {} min)",
                    ch,
                    if ch == 0 { "personal" } else { "phone" },
                    q,
                    w,
                    o.scalars[if ch == 0 { M::PersonalP90Wait } else { M::PhoneP90Wait } as usize]
                );
            }
        }
    }

    /// A scenario written as JSON and read back is the same scenario, to the last bit, so a
    /// file saved by the page or by `kanalsim show` gives the numbers of the scenario itself
    /// (and `sweep`, which edits scenarios as JSON, keeps common random numbers exact).
    /// serde_json parses floats exactly only with its `float_roundtrip` feature.
    #[test]
    fn scenarios_round_trip_through_json_exactly(s in valid_scenario()) {
        let text = serde_json::to_string(&s).expect("scenario serialises");
        let back = parse_scenario(&text).expect("its own JSON parses");
        prop_assert_eq!(&back, &s);
    }
}

// ---------------------------------------------------------------------------------------
// Invalid scenarios
// ---------------------------------------------------------------------------------------

const DAYS: [&str; 7] = WEEKDAYS;

/// Non-finite or otherwise impossible numbers.
fn bad_number() -> impl Strategy<Value = f64> {
    prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY),]
}

fn negative() -> impl Strategy<Value = f64> {
    prop_oneof![Just(-1e-9), -1e6f64..-1e-6, Just(f64::MIN)]
}

const BAD_TIMES: &[&str] = &[
    "25:00",
    "24:01",
    "12:60",
    "9:5",
    "ab:cd",
    "",
    ":",
    "12:",
    ":30",
    "-1:00",
    "1200",
    "12:00:00",
    " 9:00",
    "09:00 ",
    "１２:００",
    "+9:00",
    "099:00",
    "9.30",
    "12h00",
    "24:00x",
];

/// One way of breaking a valid scenario; `expected()` is the path an issue must name.
#[derive(Debug, Clone)]
enum Breaker {
    /// Errand-type shares that do not add up to 1.
    TypeShares(f64),
    /// A channel mix that does not add up to 1.
    ChannelMix(usize, f64),
    /// A share outside [0, 1] or not finite.
    ShareField(usize, u8, f64),
    /// A non-finite number in a plain field.
    NonFinite(u8, f64),
    /// A negative number where none is allowed.
    Negative(u8, f64),
    /// Two overlapping intervals.
    Overlap(bool, usize, u32),
    /// A time that is not "HH:MM" (start or end).
    BadTime(bool, usize, usize, bool),
    /// An interval that closes before (or when) it opens.
    Backwards(bool, usize, u32, u32),
    /// A table with the wrong number of rows or columns.
    RowLength(u8, usize, usize),
    /// No staff in an open hour.
    ZeroStaff(bool, usize, u32),
    /// Sizes beyond every limit.
    Absurd(u8),
    /// low > likely, or likely values of displacement not adding up to 1.
    BadRange(u8),
    /// A distribution with impossible parameters.
    BadDistribution(bool, u8),
    /// Format version, title, ids, seed, adoption path.
    Misc(u8),
}

fn ch_name(phone: bool) -> &'static str {
    if phone { "phone" } else { "personal" }
}

fn hours_mut(s: &mut Scenario, phone: bool) -> &mut WeekHours {
    if phone {
        &mut s.opening_hours.phone
    } else {
        &mut s.opening_hours.personal
    }
}

fn queue_mut(s: &mut Scenario, phone: bool) -> &mut QueueChannel {
    if phone {
        &mut s.queues.phone
    } else {
        &mut s.queues.personal
    }
}

/// Open `d` at the given intervals with staff in those hours.
fn set_day(s: &mut Scenario, phone: bool, d: usize, ivs: Vec<Interval>, staff_hours: &[usize]) {
    *hours_mut(s, phone).day_mut(d) = ivs;
    let q = queue_mut(s, phone);
    for &h in staff_hours {
        q.staffing[d][h] = q.staffing[d][h].max(1);
    }
}

impl Breaker {
    /// Which part of the scenario it touches: at most one breaker per group, so that one
    /// cannot hide another (e.g. a short table hides a NaN inside it).
    fn group(&self) -> String {
        let area = match *self {
            Breaker::TypeShares(_) | Breaker::ChannelMix(..) | Breaker::ShareField(..) => "types",
            Breaker::NonFinite(k, _) => [
                "annualErrands",
                "dayDispersion",
                "adoption",
                "weeklyProfile",
                "monthly",
                "staffHourlyCost",
                "hoursPerFte",
                "phoneRedialDelay",
                "personalTarget",
                "deferSpread",
                "digitalCost",
                "handlingScale",
            ][k as usize % 12],
            Breaker::Negative(k, _) => [
                "personalCost",
                "writtenCost",
                "deferSpread",
                "phoneTarget",
                "annualErrands",
                "staffHourlyCost",
                "monthly",
                "weeklyProfile",
            ][k as usize % 8],
            Breaker::Overlap(p, ..)
            | Breaker::BadTime(p, ..)
            | Breaker::Backwards(p, ..)
            | Breaker::ZeroStaff(p, ..) => ch_name(p),
            Breaker::RowLength(k, ..) => {
                ["weeklyProfile", "monthly", "phone", "personal", "written"][k as usize % 5]
            }
            Breaker::Absurd(k) => [
                "size",
                "size",
                "annualErrands",
                "phone",
                "types",
                "personal",
                "seed",
                "size",
                "written",
            ][k as usize % 9],
            Breaker::BadRange(k) => [
                "failure",
                "displacementPhone",
                "demandFactor",
                "phoneRedial",
                "adoption",
            ][k as usize % 5],
            Breaker::BadDistribution(p, _) => {
                if p {
                    "phoneService"
                } else {
                    "personalService"
                }
            }
            Breaker::Misc(k) => {
                ["format", "title", "seed", "types", "adoptionPath"][k as usize % 5]
            }
        };
        area.to_string()
    }

    fn apply(&self, s: &mut Scenario) {
        match *self {
            Breaker::TypeShares(d) => s.demand.errand_types[0].share += d,
            Breaker::ChannelMix(i, d) => {
                let n = s.demand.errand_types.len();
                s.demand.errand_types[i % n].channel_mix.phone += d;
            }
            Breaker::ShareField(i, k, v) => {
                let n = s.demand.errand_types.len();
                let t = &mut s.demand.errand_types[i % n];
                match k % 3 {
                    0 => t.information_share = v,
                    1 => t.digital_eligible = v,
                    _ => t.share = v,
                }
            }
            Breaker::NonFinite(k, v) => match k % 12 {
                0 => s.demand.annual_errands = v,
                1 => s.demand.day_dispersion = v,
                2 => s.digital.adoption.likely = v,
                3 => s.demand.weekly_profile[k as usize % 7][k as usize % 24] = v,
                4 => s.demand.monthly_factors[k as usize % 12] = v,
                5 => s.costs.staff_hourly_cost = v,
                6 => s.costs.hours_per_fte = v,
                7 => s.queues.phone.redial_mean_delay_min = v,
                8 => s.queues.personal.target_seconds = v,
                9 => s.when_closed.come_back.later_opening.likely = v,
                10 => s.costs.digital.transaction = v,
                _ => s.queues.handling_time_scale.high = v,
            },
            Breaker::Negative(k, v) => match k % 8 {
                0 => s.costs.personal.information = v,
                1 => s.costs.written.transaction = v,
                2 => s.when_closed.come_back.later_opening.low = v,
                3 => s.queues.phone.target_seconds = v,
                4 => s.demand.annual_errands = v,
                5 => s.costs.staff_hourly_cost = v,
                6 => s.demand.monthly_factors[3] = v,
                _ => s.demand.weekly_profile[2][11] = v,
            },
            Breaker::Overlap(p, d, a) => {
                let a = 60 * (a % 20);
                set_day(
                    s,
                    p,
                    d,
                    vec![
                        Interval::new(&hhmm(a), &hhmm(a + 120)),
                        Interval::new(&hhmm(a + 60), &hhmm(a + 180)),
                    ],
                    &[a as usize / 60, a as usize / 60 + 1, a as usize / 60 + 2],
                );
            }
            Breaker::BadTime(p, d, t, at_end) => {
                let bad = BAD_TIMES[t % BAD_TIMES.len()];
                let iv = if at_end {
                    Interval::new("10:00", bad)
                } else {
                    Interval::new(bad, "14:00")
                };
                set_day(s, p, d, vec![iv], &[10, 11, 12, 13]);
            }
            Breaker::Backwards(p, d, a, len) => {
                let a = a % 1441;
                let b = a.saturating_sub(len % 600);
                set_day(
                    s,
                    p,
                    d,
                    vec![Interval::new(&hhmm(a.min(1439)), &hhmm(b.min(1439)))],
                    &[],
                );
            }
            Breaker::RowLength(k, i, n) => match k % 5 {
                0 => {
                    if i % 2 == 0 {
                        s.demand.weekly_profile.truncate(n % 7);
                    } else {
                        s.demand.weekly_profile[i % 7].truncate(n % 24);
                    }
                }
                1 => s.demand.monthly_factors.resize(13 + n % 5, 1.0),
                2 | 3 => {
                    let q = queue_mut(s, k % 5 == 2);
                    if i % 2 == 0 {
                        q.staffing.push(vec![1; 24]);
                    } else {
                        q.staffing[i % 7].truncate(n % 24);
                    }
                }
                _ => {
                    s.written.handling_time = Distribution::Empirical {
                        edges_min: vec![0.0, 1.0, 2.0][..1 + n % 2].to_vec(),
                        weights: vec![1.0, 1.0, 1.0],
                    };
                }
            },
            Breaker::ZeroStaff(p, d, h) => {
                let h = (h % 23) as usize;
                set_day(
                    s,
                    p,
                    d,
                    vec![Interval::new(
                        &hhmm(h as u32 * 60),
                        &hhmm(h as u32 * 60 + 90),
                    )],
                    &[h + 1],
                );
                queue_mut(s, p).staffing[d][h] = 0;
            }
            Breaker::Absurd(k) => match k % 9 {
                0 => s.simulation.replications = 1_000_000_000,
                1 => s.horizon_weeks = 1_000_000,
                2 => s.demand.annual_errands = 1e15,
                3 => s.queues.phone.staffing[1][10] = 1_000_000,
                4 => {
                    let t = s.demand.errand_types[0].clone();
                    s.demand.errand_types = (0..101)
                        .map(|i| ErrandType {
                            id: format!("x{i}"),
                            share: 1.0 / 101.0,
                            ..t.clone()
                        })
                        .collect();
                }
                5 => {
                    s.opening_hours.personal.sat = (0..49)
                        .map(|i| Interval::new(&hhmm(i * 29), &hhmm(i * 29 + 1)))
                        .collect();
                    s.queues.personal.staffing[5] = vec![1; 24];
                }
                6 => s.simulation.seed = u64::MAX,
                7 => s.simulation.replications = 0,
                _ => {
                    s.written.handling_time = Distribution::Empirical {
                        edges_min: (0..=5000).map(|i| i as f64).collect(),
                        weights: vec![1.0; 5000],
                    }
                }
            },
            Breaker::BadRange(k) => match k % 5 {
                0 => s.digital.failure_share = Range::new(0.3, 0.1, 0.2),
                1 => s.when_closed.phone.give_up.likely += 0.25,
                2 => s.demand.demand_factor.high = 11.0,
                3 => s.queues.phone.redial_probability = Range::new(0.5, 0.9, 1.0),
                _ => s.digital.adoption = Range::new(-0.1, 0.3, 0.4),
            },
            Breaker::BadDistribution(p, k) => {
                let q = queue_mut(s, p);
                q.service_time = match k % 4 {
                    0 => Distribution::Exponential { mean_min: 0.0 },
                    1 => Distribution::Lognormal {
                        mean_min: 3.0,
                        sd_min: -1.0,
                    },
                    2 => Distribution::Empirical {
                        edges_min: vec![0.0, 2.0, 1.0],
                        weights: vec![1.0, 1.0],
                    },
                    _ => Distribution::Empirical {
                        edges_min: vec![0.0, 1.0, 2.0],
                        weights: vec![0.0, 0.0],
                    },
                };
            }
            Breaker::Misc(k) => match k % 5 {
                0 => s.format_version = 2,
                1 => s.title = "  ".into(),
                2 => s.simulation.seed = (1 << 53) + 1,
                3 => {
                    let t = s.demand.errand_types[0].clone();
                    s.demand.errand_types[0].share /= 2.0;
                    s.demand.errand_types.push(ErrandType {
                        share: t.share / 2.0,
                        ..t
                    });
                }
                _ => {
                    s.digital.adoption_path = vec![
                        PathPoint {
                            week: 3.0,
                            change: 0.1,
                        },
                        PathPoint {
                            week: 2.0,
                            change: 0.2,
                        },
                    ]
                }
            },
        }
    }

    /// The path (or path prefix) an issue must name.
    fn expected(&self, s: &Scenario) -> String {
        let n = s.demand.errand_types.len();
        match *self {
            Breaker::TypeShares(_) => "demand.errandTypes".into(),
            Breaker::ChannelMix(i, _) => format!("demand.errandTypes[{}].channelMix", i % n),
            Breaker::ShareField(i, k, _) => format!(
                "demand.errandTypes[{}].{}",
                i % n,
                ["informationShare", "digitalEligible", "share"][k as usize % 3]
            ),
            Breaker::NonFinite(k, _) => match k % 12 {
                0 => "demand.annualErrands".into(),
                1 => "demand.dayDispersion".into(),
                2 => "digital.adoption.likely".into(),
                3 => format!("demand.weeklyProfile[{}][{}]", k % 7, k % 24),
                4 => format!("demand.monthlyFactors[{}]", k % 12),
                5 => "costs.staffHourlyCost".into(),
                6 => "costs.hoursPerFte".into(),
                7 => "queues.phone.redialMeanDelayMin".into(),
                8 => "queues.personal.targetSeconds".into(),
                9 => "whenClosed.comeBack.laterOpening".into(),
                10 => "costs.digital.transaction".into(),
                _ => "queues.handlingTimeScale.high".into(),
            },
            Breaker::Negative(k, _) => [
                "costs.personal.information",
                "costs.written.transaction",
                "whenClosed.comeBack.laterOpening",
                "queues.phone.targetSeconds",
                "demand.annualErrands",
                "costs.staffHourlyCost",
                "demand.monthlyFactors[3]",
                "demand.weeklyProfile[2][11]",
            ][k as usize % 8]
                .into(),
            Breaker::Overlap(p, d, _) => {
                format!("openingHours.{}.{}[1].start", ch_name(p), DAYS[d])
            }
            Breaker::BadTime(p, d, _, at_end) => format!(
                "openingHours.{}.{}[0].{}",
                ch_name(p),
                DAYS[d],
                if at_end { "end" } else { "start" }
            ),
            Breaker::Backwards(p, d, ..) => {
                format!("openingHours.{}.{}[0].end", ch_name(p), DAYS[d])
            }
            Breaker::RowLength(k, i, _) => match k % 5 {
                0 if i % 2 == 0 => "demand.weeklyProfile".into(),
                0 => format!("demand.weeklyProfile[{}]", i % 7),
                1 => "demand.monthlyFactors".into(),
                2 | 3 => {
                    let ch = ch_name(k % 5 == 2);
                    if i % 2 == 0 {
                        format!("queues.{ch}.staffing")
                    } else {
                        format!("queues.{ch}.staffing[{}]", i % 7)
                    }
                }
                _ => "written.handlingTime.edgesMin".into(),
            },
            Breaker::ZeroStaff(p, d, h) => {
                format!("queues.{}.staffing[{d}][{}]", ch_name(p), h % 23)
            }
            Breaker::Absurd(k) => [
                "simulation.replications",
                "horizonWeeks",
                "demand.annualErrands",
                "queues.phone.staffing[1][10]",
                "demand.errandTypes",
                "openingHours.personal.sat",
                "simulation.seed",
                "simulation.replications",
                "written.handlingTime.weights",
            ][k as usize % 9]
                .into(),
            Breaker::BadRange(k) => [
                "digital.failureShare",
                "whenClosed.phone",
                "demand.demandFactor.high",
                "queues.phone.redialProbability.high",
                "digital.adoption.low",
            ][k as usize % 5]
                .into(),
            Breaker::BadDistribution(p, k) => format!(
                "queues.{}.serviceTime.{}",
                ch_name(p),
                ["meanMin", "sdMin", "edgesMin[2]", "weights"][k as usize % 4]
            ),
            Breaker::Misc(k) => [
                "formatVersion",
                "title",
                "simulation.seed",
                "demand.errandTypes[",
                "digital.adoptionPath[1].week",
            ][k as usize % 5]
                .into(),
        }
    }
}

fn breaker() -> impl Strategy<Value = Breaker> {
    prop_oneof![
        prop_oneof![0.01f64..0.5, -0.5f64..-0.01, Just(1e-5)].prop_map(Breaker::TypeShares),
        (0usize..8, prop_oneof![0.01f64..0.5, Just(1e-5)])
            .prop_map(|(i, d)| Breaker::ChannelMix(i, d)),
        (
            0usize..8,
            any::<u8>(),
            prop_oneof![1.0001f64..1e6, -1e6f64..-1e-9, bad_number()]
        )
            .prop_map(|(i, k, v)| Breaker::ShareField(i, k, v)),
        (any::<u8>(), bad_number()).prop_map(|(k, v)| Breaker::NonFinite(k, v)),
        (any::<u8>(), negative()).prop_map(|(k, v)| Breaker::Negative(k, v)),
        (any::<bool>(), 0usize..7, any::<u32>()).prop_map(|(p, d, a)| Breaker::Overlap(p, d, a)),
        (any::<bool>(), 0usize..7, any::<usize>(), any::<bool>())
            .prop_map(|(p, d, t, e)| Breaker::BadTime(p, d, t, e)),
        (any::<bool>(), 0usize..7, any::<u32>(), any::<u32>())
            .prop_map(|(p, d, a, l)| Breaker::Backwards(p, d, a, l)),
        (any::<u8>(), any::<usize>(), any::<usize>())
            .prop_map(|(k, i, n)| Breaker::RowLength(k, i, n)),
        (any::<bool>(), 0usize..7, any::<u32>()).prop_map(|(p, d, h)| Breaker::ZeroStaff(p, d, h)),
        any::<u8>().prop_map(Breaker::Absurd),
        any::<u8>().prop_map(Breaker::BadRange),
        (any::<bool>(), any::<u8>()).prop_map(|(p, k)| Breaker::BadDistribution(p, k)),
        any::<u8>().prop_map(Breaker::Misc),
    ]
}

/// A valid base (the preset or a random valid scenario) and one to four breakers from
/// different groups.
fn broken_scenario() -> impl Strategy<Value = (Scenario, Vec<Breaker>)> {
    (
        prop_oneof![1 => Just(presets::tonder_2012()), 2 => valid_scenario()],
        prop::collection::vec(breaker(), 1..=4),
    )
        .prop_map(|(s, bs)| {
            let mut groups = std::collections::HashSet::new();
            let bs = bs
                .into_iter()
                .filter(|b| groups.insert(b.group()))
                .collect();
            (s, bs)
        })
}

fn names(issues: &Invalid, expected: &str) -> bool {
    issues.issues.iter().any(|i| i.path.starts_with(expected))
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn invalid_scenarios_are_refused_with_the_broken_paths((base, breakers) in broken_scenario()) {
        prop_assert!(validate(&base).is_ok(), "{:?}", validate(&base));
        let mut s = base.clone();
        let mut expected = Vec::new();
        for b in &breakers {
            b.apply(&mut s);
            expected.push((b, b.expected(&s)));
        }
        let err = match validate(&s) {
            Ok(()) => return Err(TestCaseError::fail(format!("accepted: {breakers:?}"))),
            Err(e) => e,
        };
        prop_assert!(!err.issues.is_empty());
        for (b, path) in &expected {
            prop_assert!(
                names(&err, path),
                "{:?}: no issue names '{}'; issues:\n{}",
                b, path, err
            );
        }
        for i in &err.issues {
            prop_assert!(!i.en.is_empty() && !i.da.is_empty(), "{:?}", i);
        }
        // Model::new refuses it with the same issues; nothing is simulated.
        prop_assert_eq!(Model::new(&s).err(), Some(err.clone()));
        // As JSON text: refused too (NaN and infinities become null, a type error with
        // the field's path; otherwise the same issues as above).
        let text = serde_json::to_string(&s).expect("serialises");
        match parse_scenario(&text) {
            Ok(_) => return Err(TestCaseError::fail("accepted as JSON")),
            Err(j) => {
                prop_assert!(!j.issues.is_empty());
                if !text.contains("null") {
                    // The same problems (the messages quote numbers, whose exact round
                    // trip is checked separately).
                    let paths = |e: &Invalid| e.issues.iter().map(|i| i.path.clone()).collect::<Vec<_>>();
                    prop_assert_eq!(paths(&j), paths(&err));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// JSON text mutations
// ---------------------------------------------------------------------------------------

const TOKENS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-0",
    "-1",
    "1e999",
    "-1e999",
    "1e-400",
    "NaN",
    "Infinity",
    "99999999999999999999999",
    "18446744073709551616",
    "4294967296",
    "0.5",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "[[]]",
    "{\"kind\":\"exponential\"}",
    "\"24:00\"",
    "\"99:99\"",
    ",",
    ":",
    "\"",
    "\\",
    "\\u0000",
    "\u{feff}",
    "é",
    "💥",
    "]",
    "}",
    "[",
    "{",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Token(usize, usize),
    /// Replace the n-th number in the text with a token.
    Number(usize, usize),
    Truncate(usize),
    Duplicate(usize, usize),
    Swap(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), "\\PC{0,8}").prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Mutation::Token(a, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, t)| Mutation::Number(a, t)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(text: &mut String, m: &Mutation) {
    let len = text.len().max(1);
    match m {
        Mutation::Delete(a, n) => {
            let a = floor_boundary(text, a % len);
            let b = floor_boundary(text, a + n);
            text.replace_range(a..b, "");
        }
        Mutation::Insert(a, s) => {
            let a = floor_boundary(text, a % len);
            text.insert_str(a, s);
        }
        Mutation::Token(a, t) => {
            let a = floor_boundary(text, a % len);
            text.insert_str(a, TOKENS[t % TOKENS.len()]);
        }
        Mutation::Number(k, t) => {
            let bytes = text.as_bytes();
            let mut starts = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if (bytes[i].is_ascii_digit() || bytes[i] == b'-')
                    && (i == 0 || matches!(bytes[i - 1], b':' | b'[' | b',' | b' '))
                {
                    let mut j = i + 1;
                    while j < bytes.len()
                        && (bytes[j].is_ascii_digit()
                            || matches!(bytes[j], b'.' | b'e' | b'E' | b'-' | b'+'))
                    {
                        j += 1;
                    }
                    starts.push((i, j));
                    i = j;
                } else {
                    i += 1;
                }
            }
            if !starts.is_empty() {
                let (a, b) = starts[k % starts.len()];
                text.replace_range(a..b, TOKENS[t % TOKENS.len()]);
            }
        }
        Mutation::Truncate(a) => {
            let a = floor_boundary(text, a % len);
            text.truncate(a);
        }
        Mutation::Duplicate(a, n) => {
            let a = floor_boundary(text, a % len);
            let b = floor_boundary(text, a + n);
            let piece = text[a..b].to_string();
            text.insert_str(b, &piece);
        }
        Mutation::Swap(a, b) => {
            let (mut a, mut b) = (floor_boundary(text, a % len), floor_boundary(text, b % len));
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            let c = floor_boundary(text, b + (b - a).min(30));
            let (x, y) = (text[a..b].to_string(), text[b..c].to_string());
            text.replace_range(a..c, &(y + &x));
        }
    }
}

fn small_preset_json(pretty: bool) -> String {
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 1;
    s.simulation.replications = 1;
    if pretty {
        serde_json::to_string_pretty(&s).unwrap()
    } else {
        serde_json::to_string(&s).unwrap()
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn json_mutations_never_panic(
        pretty in any::<bool>(),
        muts in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut text = small_preset_json(pretty);
        for m in &muts {
            mutate(&mut text, m);
        }
        match parse_scenario(&text) {
            Err(e) => prop_assert!(!e.issues.is_empty()),
            Ok(mut s) => {
                // Accepted: it is valid, and it simulates (cut to a small run).
                prop_assert!(validate(&s).is_ok());
                s.horizon_weeks = s.horizon_weeks.min(2);
                s.simulation.replications = 1;
                s.demand.annual_errands = s.demand.annual_errands.min(200_000.0);
                let m = Model::new(&s).expect("valid");
                check_replication(&m, &RunSettings::of(&s), 0)?;
            }
        }
    }
}

#[test]
fn json_syntax_errors_report_line_and_column() {
    let text = small_preset_json(true);
    // Cut in the middle of the file: the message names where the JSON broke.
    let cut = &text[..text.len() / 2];
    let e = parse_scenario(cut).unwrap_err();
    assert_eq!(e.issues.len(), 1);
    assert!(
        e.issues[0].en.contains("line") && e.issues[0].en.contains("column"),
        "{:?}",
        e.issues[0]
    );
    // A wrong type names its field's path.
    let bad = text.replacen("\"horizonWeeks\": 1", "\"horizonWeeks\": \"one\"", 1);
    let e = parse_scenario(&bad).unwrap_err();
    assert_eq!(e.issues[0].path, "horizonWeeks", "{e}");
    // An unknown field is refused, not ignored.
    let bad = text.replacen("\"horizonWeeks\"", "\"horizonWeekz\"", 1);
    assert!(parse_scenario(&bad).is_err());
}

/// Every problem is listed, not only the first: a scenario broken in many independent places
/// gets an issue for each.
#[test]
fn every_problem_is_listed() {
    let mut s = presets::tonder_2012();
    s.title = String::new();
    s.demand.annual_errands = f64::NAN;
    s.demand.errand_types[1].channel_mix.written = 0.9;
    s.opening_hours.phone.tue = vec![Interval::new("9:00", "25:00")];
    s.queues.personal.staffing[0][10] = 0;
    s.costs.phone.information = -30.0;
    s.simulation.replications = 0;
    let e = validate(&s).unwrap_err();
    for p in [
        "title",
        "demand.annualErrands",
        "demand.errandTypes[1].channelMix",
        "openingHours.phone.tue[0].end",
        "queues.personal.staffing[0][10]",
        "costs.phone.information",
        "simulation.replications",
    ] {
        assert!(names(&e, p), "{p} missing from\n{e}");
    }
    assert_eq!(e.issues.len(), 7, "{e}");
}

// ---------------------------------------------------------------------------------------
// Extreme but accepted values
// ---------------------------------------------------------------------------------------

/// A field set to an extreme magnitude that validation might accept.
#[derive(Debug, Clone)]
enum Extreme {
    ServiceMean(bool, f64),
    PatienceMean(bool, f64),
    WrittenMean(f64),
    LognormalSd(bool, f64),
    EmpiricalEdge(f64),
    UnitPrice(u8, f64),
    StaffHourlyCost(f64),
    HoursPerFte(f64),
    TargetSeconds(bool, f64),
    TypeScale(f64),
    ProfileWeight(f64),
    MonthlyFactor(f64),
}

fn magnitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0i32..=308).prop_map(|k| 10f64.powi(k)),
        (-308i32..=0).prop_map(|k| 10f64.powi(k)),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
    ]
}

fn extreme() -> impl Strategy<Value = Extreme> {
    prop_oneof![
        (any::<bool>(), magnitude()).prop_map(|(p, v)| Extreme::ServiceMean(p, v)),
        (any::<bool>(), magnitude()).prop_map(|(p, v)| Extreme::PatienceMean(p, v)),
        magnitude().prop_map(Extreme::WrittenMean),
        (any::<bool>(), magnitude()).prop_map(|(p, v)| Extreme::LognormalSd(p, v)),
        magnitude().prop_map(Extreme::EmpiricalEdge),
        (any::<u8>(), magnitude()).prop_map(|(k, v)| Extreme::UnitPrice(k, v)),
        magnitude().prop_map(Extreme::StaffHourlyCost),
        magnitude().prop_map(Extreme::HoursPerFte),
        (any::<bool>(), magnitude()).prop_map(|(p, v)| Extreme::TargetSeconds(p, v)),
        prop_oneof![Just(0.01), Just(100.0)].prop_map(Extreme::TypeScale),
        magnitude().prop_map(Extreme::ProfileWeight),
        magnitude().prop_map(Extreme::MonthlyFactor),
    ]
}

impl Extreme {
    fn apply(&self, s: &mut Scenario) {
        match *self {
            Extreme::ServiceMean(p, v) => {
                queue_mut(s, p).service_time = Distribution::Exponential { mean_min: v }
            }
            Extreme::PatienceMean(p, v) => {
                queue_mut(s, p).patience = Some(Distribution::Exponential { mean_min: v })
            }
            Extreme::WrittenMean(v) => {
                s.written.handling_time = Distribution::Exponential { mean_min: v }
            }
            Extreme::LognormalSd(p, v) => {
                queue_mut(s, p).service_time = Distribution::Lognormal {
                    mean_min: 5.0,
                    sd_min: v,
                }
            }
            Extreme::EmpiricalEdge(v) => {
                s.written.handling_time = Distribution::Empirical {
                    edges_min: vec![0.0, 1.0, 1.0 + v],
                    weights: vec![1.0, 1.0],
                }
            }
            Extreme::UnitPrice(k, v) => match k % 4 {
                0 => s.costs.personal.information = v,
                1 => s.costs.phone.transaction = v,
                2 => s.costs.written.information = v,
                _ => s.costs.digital.transaction = v,
            },
            Extreme::StaffHourlyCost(v) => s.costs.staff_hourly_cost = v,
            Extreme::HoursPerFte(v) => s.costs.hours_per_fte = v,
            Extreme::TargetSeconds(p, v) => queue_mut(s, p).target_seconds = v,
            Extreme::TypeScale(v) => {
                for t in &mut s.demand.errand_types {
                    t.handling_time_scale = v;
                }
                s.queues.handling_time_scale = Range::fixed(v);
            }
            Extreme::ProfileWeight(v) => s.demand.weekly_profile[0][10] = v,
            Extreme::MonthlyFactor(v) => s.demand.monthly_factors[0] = v,
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Whatever validation accepts must simulate to finite numbers: an extreme value is
    /// either refused (with an issue) or harmless. NaN and infinities in `Results` become
    /// `null` in the JSON the page and the CLI write.
    #[test]
    fn accepted_extremes_give_finite_results(
        base in valid_scenario(),
        extremes in prop::collection::vec(extreme(), 1..=3),
    ) {
        let mut s = base;
        s.demand.annual_errands = s.demand.annual_errands.min(50_000.0);
        for x in &extremes {
            x.apply(&mut s);
        }
        let Ok(m) = Model::new(&s) else {
            return Ok(());
        };
        // Infinite or NaN arrival rates make the arrival loop spin for ever: refuse them
        // before simulating.
        prop_assert!(
            m.demand.hour_base.iter().chain(&m.demand.day_factor).all(|x| x.is_finite()),
            "{:?} accepted, but the compiled arrival rates are not finite",
            extremes
        );
        let set = RunSettings::of(&s);
        let mut agg = Aggregator::new(&m, &set);
        for rep in 0..s.simulation.replications {
            let o = run_guarded(&m, &set, rep, &extremes);
            for (i, v) in o.scalars.iter().enumerate() {
                prop_assert!(
                    v.is_finite() && *v >= 0.0,
                    "{:?} accepted, but {} = {}",
                    extremes,
                    kanalsim::report::METRICS[i].id,
                    v
                );
            }
            agg.add(o).expect("fits");
        }
        results_ok(&agg.results(&m))?;
    }
}

/// Regression: a weekly-profile weight of 1e308 was accepted, made the arrival rate of its
/// hour infinite (or NaN) and the replication loop forever (found by
/// `accepted_extremes_give_finite_results`). Weights and monthly factors are relative and
/// now bounded by validation.
#[test]
fn huge_profile_weights_are_refused_not_simulated() {
    let mut s = presets::tonder_2012();
    s.demand.weekly_profile[0][10] = 1e308;
    s.demand.monthly_factors = vec![f64::MAX; 12];
    let e = validate(&s).unwrap_err();
    assert!(names(&e, "demand.weeklyProfile[0][10]"), "{e}");
    assert!(names(&e, "demand.monthlyFactors[0]"), "{e}");
}

/// Durations, prices and hours have upper bounds (and means a lower one), each refusal naming
/// its field: unbounded values made sums infinite or lognormal parameters NaN.
#[test]
fn absurd_durations_and_prices_are_refused_with_their_paths() {
    let mut s = presets::tonder_2012();
    s.queues.phone.service_time = Distribution::Lognormal {
        mean_min: 5.0,
        sd_min: 1e6,
    };
    s.queues.personal.service_time = Distribution::Exponential { mean_min: 1e-9 };
    s.written.handling_time = Distribution::Exponential { mean_min: 1e7 };
    s.costs.staff_hourly_cost = 1e300;
    s.costs.hours_per_fte = 0.5;
    s.costs.phone.transaction = 1e12;
    s.queues.phone.target_seconds = 1e9;
    let e = validate(&s).unwrap_err();
    for p in [
        "queues.phone.serviceTime.sdMin",
        "queues.personal.serviceTime.meanMin",
        "written.handlingTime.meanMin",
        "costs.staffHourlyCost",
        "costs.hoursPerFte",
        "costs.phone.transaction",
        "queues.phone.targetSeconds",
    ] {
        assert!(names(&e, p), "{p} not named in {e}");
    }
    assert_eq!(e.issues.len(), 7, "{e}");
}
