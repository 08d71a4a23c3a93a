//! What citizens do when the channel they want is closed, and digital self-service: the
//! uncertain shares as ranges, sampled once per replication ([`crate::sim::Params`]).

use crate::scenario::{Digital, Displacement, Range, WhenClosed};

/// The four choices of a citizen who finds a queue channel closed, as uncertain shares.
#[derive(Debug, Clone, Copy)]
pub struct ClosedChoice {
    /// Come back at the next opening.
    pub defer: Range,
    /// Use the other queue channel if it is open (else write).
    pub switch_channel: Range,
    /// Go digital if the errand is eligible (else defer).
    pub go_digital: Range,
    /// Give up.
    pub give_up: Range,
}

impl ClosedChoice {
    fn new(d: &Displacement) -> ClosedChoice {
        ClosedChoice {
            defer: d.defer,
            switch_channel: d.switch_channel,
            go_digital: d.go_digital,
            give_up: d.give_up,
        }
    }
}

/// Behaviour when a channel is closed.
#[derive(Debug, Clone)]
pub struct ClosedModel {
    /// Counter (0) and phone (1).
    pub choice: [ClosedChoice; 2],
    /// Deferred citizens come back spread uniformly over this many minutes after the
    /// opening (at most the open run's length).
    pub defer_spread_min: f64,
}

impl ClosedModel {
    /// Compile a validated scenario's `whenClosed`.
    pub fn new(w: &WhenClosed) -> ClosedModel {
        ClosedModel {
            choice: [ClosedChoice::new(&w.personal), ClosedChoice::new(&w.phone)],
            defer_spread_min: w.defer_spread_min,
        }
    }
}

/// Digital self-service.
#[derive(Debug, Clone)]
pub struct DigitalModel {
    /// Adoption among eligible errands at week 0 (uncertain).
    pub adoption: Range,
    /// Share of digital attempts that fail and come back as an assisted contact.
    pub failure_share: Range,
    /// Change of adoption along the horizon: `(week, change in points)`, weeks increasing.
    pub path: Vec<(f64, f64)>,
}

impl DigitalModel {
    /// Compile a validated scenario's `digital`.
    pub fn new(d: &Digital) -> DigitalModel {
        DigitalModel {
            adoption: d.adoption,
            failure_share: d.failure_share,
            path: d.adoption_path.iter().map(|p| (p.week, p.change)).collect(),
        }
    }
}
