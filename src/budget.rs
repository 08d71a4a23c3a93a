//! The work budget: a run is refused up front when it would take too long, and a
//! replication that runs away is ended with an error instead of growing without bound.
//!
//! Work is counted in **work units** that do not depend on the machine: an upper bound from
//! the high ends of the uncertain ranges, per replication,
//!
//! ```text
//! errands × (1 + redial bound) + adoption-path points + simulated hours
//! ```
//!
//! where errands = annual errands × the demand factor's high end × simulated weeks / 52
//! (warm-up included) and the redial bound = p / (1 − p) for the highest redial probability
//! p (the expected redials of one abandoned customer who always abandons, capped at
//! [`MAX_REDIAL_BOUND`]), times the replications and the models run. [`MAX_WORK_UNITS`] is
//! sized to about five minutes of one core on this project's machine.
//!
//! At run time a replication counts its events (new errands, deferrals, redials) and ends
//! with a [`TooMuchWork`](crate::error::ErrorKind::TooMuchWork) error past
//! [`event_cap`] — far above anything a valid scenario reaches, so it only stops a runaway.

use crate::error::{Error, readable};
use crate::model::Model;
use crate::settings::RunSettings;

/// Most work units one run may take: about five minutes of one core — between 2.5 minutes
/// for the default preset (5.2·10⁷ units/s: its redial bound is far from reached) and 10
/// minutes for the one-year workload (1.3·10⁷ units/s: it reaches its bound), measured with
/// `cargo run --release --example budget_rate`.
pub const MAX_WORK_UNITS: f64 = 8.0e9;
/// The redial bound used for a redial probability of 1 (and the largest one).
pub const MAX_REDIAL_BOUND: f64 = 99.0;
/// Most values the weekly series of one run may hold (replications × weeks × 5; memory).
pub const MAX_REPLICATION_WEEKS: f64 = 520_000.0;

/// Work units of one replication of `m` with `warmup_weeks` of warm-up.
pub fn replication_units(m: &Model, warmup_weeks: u32) -> f64 {
    let weeks = (m.weeks + warmup_weeks) as f64;
    errands_bound(m, warmup_weeks) * (1.0 + redial_bound(m))
        + m.digital.path.len() as f64
        + weeks * 168.0
}

/// An upper bound of the new errands of one replication.
pub fn errands_bound(m: &Model, warmup_weeks: u32) -> f64 {
    let weeks = (m.weeks + warmup_weeks) as f64;
    m.demand.annual_errands * m.demand.demand_factor.high.max(0.0) * weeks / 52.0
}

/// Expected redials of a customer who always abandons, at the highest redial probability.
pub fn redial_bound(m: &Model) -> f64 {
    let p = m
        .queues
        .iter()
        .map(|q| q.redial.high)
        .fold(0.0f64, f64::max)
        .clamp(0.0, 1.0);
    if p >= 1.0 {
        MAX_REDIAL_BOUND
    } else {
        (p / (1.0 - p)).min(MAX_REDIAL_BOUND)
    }
}

/// Events after which a replication of `m` is a runaway: 20 times its bound of errands and
/// redials, and at least ten million.
pub fn event_cap(m: &Model, warmup_weeks: u32) -> u64 {
    let b = errands_bound(m, warmup_weeks) * (1.0 + redial_bound(m));
    (20.0 * b).clamp(1e7, 1e15) as u64
}

/// Work units of running `models` with `settings`.
pub fn run_units(models: &[&Model], settings: &RunSettings) -> f64 {
    models
        .iter()
        .map(|m| replication_units(m, settings.warmup_weeks))
        .sum::<f64>()
        * settings.replications as f64
}

/// Refuse a run larger than the budget, naming the fields that make it large.
///
/// ```
/// use kanalsim::{ErrorKind, Model, RunSettings, budget, presets};
/// let s = presets::tonder_2012();
/// let m = Model::new(&s).unwrap();
/// assert!(budget::check(&[&m], &RunSettings::of(&s)).is_ok());
/// let huge = RunSettings::of(&s).with_replications(10_000);
/// assert_eq!(budget::check(&[&m, &m], &huge).unwrap_err().kind, ErrorKind::TooMuchWork);
/// ```
pub fn check(models: &[&Model], settings: &RunSettings) -> Result<(), Error> {
    let reps = settings.replications as f64;
    let max_weeks = models.iter().map(|m| m.weeks).max().unwrap_or(0) as f64;
    if reps * max_weeks > MAX_REPLICATION_WEEKS {
        return Err(Error::too_much_work(
            "simulation.replications",
            format!(
                "{} replications × {} weeks is more than the limit of {} replication-weeks; \
                 use fewer replications or a shorter horizon (horizonWeeks)",
                settings.replications,
                max_weeks,
                readable(MAX_REPLICATION_WEEKS)
            ),
            format!(
                "{} gentagelser × {} uger er mere end grænsen på 520.000 gentagelsesuger; \
                 brug færre gentagelser eller en kortere horisont (horizonWeeks)",
                settings.replications, max_weeks
            ),
        ));
    }
    let units = run_units(models, settings);
    if units.is_finite() && units <= MAX_WORK_UNITS {
        return Ok(());
    }
    // Name what makes it large.
    let m = models
        .iter()
        .max_by(|a, b| {
            replication_units(a, settings.warmup_weeks)
                .total_cmp(&replication_units(b, settings.warmup_weeks))
        })
        .copied();
    let mut fields = vec![
        "simulation.replications",
        "horizonWeeks",
        "demand.annualErrands",
        "demand.demandFactor.high",
    ];
    if let Some(m) = m {
        if redial_bound(m) >= 1.0 {
            fields.push("queues.*.redialProbability.high");
        }
        if m.digital.path.len() as f64 > 0.1 * errands_bound(m, settings.warmup_weeks) {
            fields.push("digital.adoptionPath");
        }
    }
    if settings.warmup_weeks > 0 {
        fields.push("warmupWeeks");
    }
    let list = fields[1..].join(", ");
    let share = ((units / MAX_WORK_UNITS) * 10.0).round() / 10.0;
    let per_rep = units / reps.max(1.0);
    let max_reps = (MAX_WORK_UNITS / per_rep).floor().max(0.0);
    let n = models.len();
    let (sc_en, sc_da) = if n == 1 {
        ("1 scenario".to_string(), "1 scenarie".to_string())
    } else {
        (format!("{n} scenarios"), format!("{n} scenarier"))
    };
    Err(Error::too_much_work(
        fields[0],
        format!(
            "the run is too large: {} replications of {sc_en} would take about {} times the \
             limit of about five minutes of one core; at most {} replications fit (other \
             fields that make it large: {list})",
            grouped(reps, ','),
            readable(share),
            grouped(max_reps, ',')
        ),
        format!(
            "kørslen er for stor: {} gentagelser af {sc_da} ville tage omkring {} gange \
             grænsen på omkring fem minutter på én kerne; højst {} gentagelser kan være med \
             (andre felter der gør den stor: {list})",
            grouped(reps, '.'),
            readable(share).replace('.', ","),
            grouped(max_reps, '.')
        ),
    ))
}

/// A whole number with `sep` between thousands (`2,100` / `2.100`).
fn grouped(x: f64, sep: char) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(d);
    }
    out
}
