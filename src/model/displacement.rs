//! What citizens do when the channel they want is closed, and digital self-service: the
//! uncertain shares as ranges, sampled once per replication ([`crate::sim::Params`]).

use super::schedule::{Schedule, WEEK_MIN};
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
    /// Probability of skipping an opening when coming back (uncertain).
    pub later_opening: Range,
    /// Per channel, per open run ([`Schedule::runs`]): the citizens' desire over the run,
    /// from which a deferred citizen's time of return is drawn.
    pub desire: [Vec<RunDesire>; 2],
}

impl ClosedModel {
    /// Compile a validated scenario's `whenClosed` against the channels' schedules and the
    /// desire per hour of the week (`hour_base`, 168 values).
    pub fn new(w: &WhenClosed, schedules: [&Schedule; 2], hour_base: &[f64]) -> ClosedModel {
        ClosedModel {
            choice: [ClosedChoice::new(&w.personal), ClosedChoice::new(&w.phone)],
            later_opening: w.come_back.later_opening,
            desire: schedules.map(|s| {
                s.runs
                    .iter()
                    .map(|&(a, b)| RunDesire::new(a, b, hour_base))
                    .collect()
            }),
        }
    }
}

/// The desire profile over one open run: pieces of constant desire (the hours of the week
/// the run touches), so a uniform number maps to a time in the run with density
/// proportional to how many citizens want contact then.
#[derive(Debug, Clone)]
pub struct RunDesire {
    /// (minutes after the run's start where the piece starts, its length, cumulative share
    /// of the run's desire at its end).
    pieces: Vec<(f64, f64, f64)>,
    /// Per `⌊64 u⌋`: the piece where the search for `u` starts (that of `⌊64 u⌋ / 64`; a
    /// larger `u` never falls in an earlier piece).
    start: [u16; 64],
}

impl RunDesire {
    /// The run from minute `a` to `b` of the week (`b` may pass the week's end).
    pub fn new(a: u32, b: u32, hour_base: &[f64]) -> RunDesire {
        let mut pieces = Vec::new();
        let mut m = a;
        let mut total = 0.0;
        while m < b {
            let next = ((m / 60 + 1) * 60).min(b);
            let hour = (m as usize % WEEK_MIN) / 60;
            let w = hour_base.get(hour).copied().unwrap_or(0.0).max(0.0);
            let len = (next - m) as f64;
            total += w * len;
            pieces.push(((m - a) as f64, len, total));
            m = next;
        }
        if total > 0.0 {
            for p in &mut pieces {
                p.2 /= total;
            }
        } else {
            // No desire in the run at all: uniform over it.
            let len = (b - a) as f64;
            for p in &mut pieces {
                p.2 = (p.0 + p.1) / len;
            }
        }
        let mut d = RunDesire {
            pieces,
            start: [0; 64],
        };
        for k in 0..64 {
            let u = k as f64 / 64.0;
            d.start[k] = d
                .pieces
                .iter()
                .position(|p| u < p.2)
                .unwrap_or(d.pieces.len()) as u16;
        }
        d
    }

    /// The time, in minutes after the run's start, of quantile `u` (0 ≤ u < 1).
    pub fn time_at(&self, u: f64) -> f64 {
        // The pieces before the start all end at or below `u`: the scan from the first
        // piece would pass them.
        let from = if (0.0..1.0).contains(&u) {
            self.start[(u * 64.0) as usize] as usize
        } else {
            0
        };
        let mut lo = if from == 0 {
            0.0
        } else {
            self.pieces[from - 1].2
        };
        for &(start, len, cum) in &self.pieces[from.min(self.pieces.len())..] {
            if u < cum {
                let f = if cum > lo { (u - lo) / (cum - lo) } else { 0.0 };
                return start + f.clamp(0.0, 1.0) * len;
            }
            lo = cum;
        }
        self.pieces
            .last()
            .map_or(0.0, |&(s, l, _)| s + l * 0.999_999)
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
