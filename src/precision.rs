//! The precision rule: "enough replications, and no more".
//!
//! A run with a [`Precision`] goes on until the 90 % confidence interval of every **key
//! figure** ([`KEY_FIGURES`], the page's key-figure cards) is narrow enough, or its
//! maximum (`RunSettings::replications`) is reached. What is checked:
//!
//! - a **comparison** (a baseline and one or more scenarios, common random numbers): the
//!   paired difference scenario − baseline of every key figure of every scenario;
//! - a **single run**: the key figures themselves.
//!
//! The interval is the one every summary reports (`Summary::ci90`: Student t with n − 1
//! degrees of freedom, [`crate::stats::mean_ci`]), of the values of replications `0..n`. A
//! figure *holds* at `n` when its half-width is at most its tolerance:
//!
//! ```text
//! tolerance = max(relative × |mean of the baseline's figure over 0..n|, FLOOR[unit])
//! ```
//!
//! with `relative` 1 % by default ([`DEFAULT_RELATIVE`]) and the absolute floors of
//! [`floor`] (0.5 points for shares, 0.1 min for waits, 10 for counts). The criterion holds
//! at `n` when every figure holds (a figure absent on some side, e.g. an appointment figure
//! of a walk-in counter, is not checked).
//!
//! **Stopping, with a look-ahead** (Hoad, Robinson & Davies 2010, *Automated selection of the
//! number of replications for a discrete-event simulation*, JORS 61:1632–1644): the rule is
//! checked at every contiguous prefix `n = 1, 2, …` in replication order. Let `n*` be the
//! first `n ≥ MIN_REPLICATIONS` (20) at which the criterion holds. The run goes on for the
//! look-ahead `k(n*) = max(20, ⌈n*/10⌉)` more replications; if the criterion holds at every
//! `n` in `n*+1 ..= n*+k(n*)`, the run stops at `n* + k(n*)` — *stable after* that many
//! replications, and its results summarise exactly those. If it fails at some `n` on the
//! way, the search for `n*` starts again after that `n`. If the maximum comes first, the run
//! summarises the maximum and is reported as not stable. Because the check sees only
//! prefixes in replication order, where a run stops depends on the seed, the scenarios and
//! the rule, never on threads or workers.

use crate::report::{APPOINTMENT_METRICS, METRICS, MetricDef, Unit};
use crate::run::Aggregator;
use serde::{Deserialize, Serialize};

/// The key figures on the page's key-figure cards, in card order (the page reads this list
/// through the WebAssembly binding). The rule checks each of them.
pub const KEY_FIGURES: [&str; 8] = [
    "contacts.personalAndPhone.information",
    "contacts.digital",
    "phone.serviceLevel",
    "personal.meanWaitMin",
    "gaveUp",
    "staff.hours",
    "cost.unit.total",
    "cost.staff.total",
];

/// The key figure of the card *Ventetid på en tid*, checked where the counter is by
/// appointment (on both sides, for a difference).
pub const KEY_FIGURE_APPOINTMENT: &str = "appointments.meanLeadDays";

/// Default relative tolerance: 1 % of the baseline's figure.
pub const DEFAULT_RELATIVE: f64 = 0.01;
/// Fewest replications at which the criterion may first count.
pub const MIN_REPLICATIONS: u32 = 20;
/// Shortest look-ahead.
pub const MIN_LOOK_AHEAD: u32 = 20;

/// The absolute floor of the tolerance for a figure of `unit`. Shares, minutes and counts
/// are the issue's figures (0.5 percentage points, 0.1 min, 10 contacts); the others are
/// labelled assumptions of the same order (an hour of staff time, 1,000 DKK a year, 0.01
/// full-time equivalents, 0.1 day to an appointment), reached only where 1 % of the figure
/// is smaller.
pub fn floor(unit: Unit) -> f64 {
    match unit {
        Unit::Share => 0.005,
        Unit::Minutes => 0.1,
        Unit::Count => 10.0,
        Unit::Hours => 1.0,
        Unit::Dkk => 1000.0,
        Unit::Fte => 0.01,
        Unit::Days => 0.1,
    }
}

/// The look-ahead after the criterion first holds at `n`: `max(20, ⌈n/10⌉)`.
pub fn look_ahead(n: u32) -> u32 {
    MIN_LOOK_AHEAD.max(n.div_ceil(10))
}

/// A precision rule: the relative tolerance (the floors are fixed, [`floor`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Precision {
    /// Relative tolerance, e.g. 0.01 for 1 % of the baseline's figure.
    pub relative: f64,
}

/// The largest relative tolerance a rule takes (1: the whole of the baseline's figure).
pub const MAX_RELATIVE: f64 = 1.0;

impl Precision {
    /// The rule of relative tolerance `relative`, if that is one: finite, above 0 and at
    /// most [`MAX_RELATIVE`]. The CLI's `--precision` and the page's `new Run` both ask here.
    pub fn new(relative: f64) -> Option<Precision> {
        (relative.is_finite() && relative > 0.0 && relative <= MAX_RELATIVE)
            .then_some(Precision { relative })
    }
}

impl Default for Precision {
    fn default() -> Precision {
        Precision {
            relative: DEFAULT_RELATIVE,
        }
    }
}

/// What a run with a precision rule reports (`precision` in the JSON of `run` and
/// `compare`; absent without the rule).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrecisionReport {
    /// The relative tolerance.
    pub relative: f64,
    /// The most replications the run could use.
    pub maximum: u32,
    /// Replications after which the rule held (with its look-ahead), which the results
    /// summarise; `null` if it did not hold within the maximum.
    pub stable_after: Option<u32>,
    /// Where the criterion first held before the look-ahead confirmed it (`null` if never
    /// confirmed).
    pub first_met: Option<u32>,
}

/// Where the search stands, replication by replication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Looking for the first `n*`.
    Searching,
    /// The criterion held at `first`; it must hold up to `until`.
    Confirming { first: u32, until: u32 },
    /// Confirmed: stable after `at`, first met at `first`.
    Stable { first: u32, at: u32 },
}

/// The stopping rule over the prefixes of a run, fed one prefix at a time in replication
/// order ([`Stopper::next`]).
#[derive(Debug, Clone)]
pub struct Stopper {
    rule: Precision,
    maximum: u32,
    state: State,
}

impl Stopper {
    /// A stopper for `rule` with at most `maximum` replications.
    pub fn new(rule: Precision, maximum: u32) -> Stopper {
        Stopper {
            rule,
            maximum,
            state: State::Searching,
        }
    }

    /// Feed prefix `n` (replications `0..n`, all of `aggs` folded that far; `aggs[0]` the
    /// baseline): `true` when the run should stop here.
    pub fn next(&mut self, aggs: &[Aggregator], n: u32) -> bool {
        let rule = self.rule;
        self.feed(n, || criterion(rule, aggs, n as usize))
    }

    /// The state machine on its own: `holds` says whether the criterion holds at `n`
    /// (evaluated only when it matters).
    pub fn feed(&mut self, n: u32, holds: impl FnOnce() -> bool) -> bool {
        match self.state {
            State::Stable { .. } => true,
            State::Searching => {
                if n >= MIN_REPLICATIONS && holds() {
                    self.state = State::Confirming {
                        first: n,
                        until: n + look_ahead(n),
                    };
                }
                false
            }
            State::Confirming { first, until } => {
                if !holds() {
                    self.state = State::Searching;
                    false
                } else if n >= until {
                    self.state = State::Stable { first, at: n };
                    true
                } else {
                    false
                }
            }
        }
    }

    /// Replications after which the rule held, if it has.
    pub fn stable_after(&self) -> Option<u32> {
        match self.state {
            State::Stable { at, .. } => Some(at),
            _ => None,
        }
    }

    /// The report of the run so far.
    pub fn report(&self) -> PrecisionReport {
        let (stable_after, first_met) = match self.state {
            State::Stable { first, at } => (Some(at), Some(first)),
            _ => (None, None),
        };
        PrecisionReport {
            relative: self.rule.relative,
            maximum: self.maximum,
            stable_after,
            first_met,
        }
    }
}

/// Per-replication values of the key figure `id` in `a` (None where it has none).
fn values<'a>(a: &'a Aggregator, id: &str) -> Option<(&'static MetricDef, &'a [f64])> {
    if let Some(i) = METRICS.iter().position(|d| d.id == id) {
        return Some((&METRICS[i], a.values_at(i)));
    }
    let i = APPOINTMENT_METRICS.iter().position(|d| d.id == id)?;
    Some((&APPOINTMENT_METRICS[i], a.appointment_values_at(i)?))
}

/// The half-width of the t-based 90 % interval of the mean of `v` (0 for fewer than 2).
fn half_width(v: &[f64]) -> f64 {
    let [lo, hi] = crate::stats::mean_ci(v, 0.9);
    (hi - lo) / 2.0
}

/// Does the criterion hold at prefix `n` of `aggs` (baseline first)?
pub fn criterion(rule: Precision, aggs: &[Aggregator], n: usize) -> bool {
    let Some(base) = aggs.first() else {
        return true;
    };
    let ids = KEY_FIGURES.iter().copied().chain([KEY_FIGURE_APPOINTMENT]);
    for id in ids {
        let Some((def, b)) = values(base, id) else {
            continue;
        };
        if b.len() < n {
            return false;
        }
        let b = &b[..n];
        let mean = b.iter().sum::<f64>() / n.max(1) as f64;
        let tol = (rule.relative * mean.abs()).max(floor(def.unit));
        if aggs.len() == 1 {
            if half_width(b) > tol {
                return false;
            }
            continue;
        }
        for s in &aggs[1..] {
            let Some((_, v)) = values(s, id) else {
                continue;
            };
            if v.len() < n {
                return false;
            }
            let d: Vec<f64> = (0..n).map(|r| v[r] - b[r]).collect();
            if half_width(&d) > tol {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feed a pattern of holds/fails from n = 1; the stop.
    fn stop_of(pattern: impl Fn(u32) -> bool, max: u32) -> Option<u32> {
        let mut s = Stopper::new(Precision::default(), max);
        (1..=max).find(|&n| s.feed(n, || pattern(n)))
    }

    #[test]
    fn the_look_ahead_confirms_at_first_plus_k() {
        // Holds from the start: first counted at 20, confirmed at 40.
        assert_eq!(stop_of(|_| true, 1000), Some(40));
        // First met at 300: look-ahead ⌈300/10⌉ = 30.
        assert_eq!(stop_of(|n| n >= 300, 1000), Some(330));
        assert_eq!(look_ahead(20), 20);
        assert_eq!(look_ahead(201), 21);
    }

    #[test]
    fn a_failure_in_the_look_ahead_restarts_the_search() {
        // Holds at 20..=30, fails at 31, holds again from 32: n* = 32, stop at 52.
        assert_eq!(stop_of(|n| n != 31, 1000), Some(52));
    }

    #[test]
    fn the_maximum_comes_first() {
        assert_eq!(stop_of(|_| true, 39), None);
        assert_eq!(stop_of(|_| false, 500), None);
    }
}
