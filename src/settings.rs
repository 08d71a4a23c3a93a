//! Run settings: what a run does with a model, apart from the model itself.
//!
//! A scenario file carries `simulation` (seed, replications) as its **defaults**; the runner
//! reads them once into [`RunSettings`] ([`RunSettings::of`]), and the CLI's flags and the
//! page override them there. A model never holds them, so one compiled model runs with any
//! seed or count and a comparison runs both sides with the same settings (common random
//! numbers) without copying either model.

use crate::error::{Error, Issue};
use crate::scenario::Scenario;

/// Largest number of replications accepted.
pub const MAX_REPLICATIONS: u32 = 10_000;
/// Largest seed: seeds must survive a round trip through JavaScript numbers.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// Most threads a run uses.
pub const MAX_THREADS: usize = 1024;
/// Longest warm-up, in weeks.
pub const MAX_WARMUP_WEEKS: u32 = 5200;

/// How to run a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSettings {
    /// Seed of every random stream (with the replication index and the stream's purpose).
    pub seed: u64,
    /// Replications `0 .. replications`.
    pub replications: u32,
    /// Threads (native runs only; 1 runs on the caller's thread). The numbers do not depend
    /// on it.
    pub threads: usize,
    /// Weeks simulated before the horizon and discarded: the statistics count the errands
    /// that arise after the warm-up (a queue that never empties, e.g. the stationary one,
    /// then starts in its steady state rather than empty).
    pub warmup_weeks: u32,
}

impl RunSettings {
    /// The scenario's own defaults (`simulation`), one thread, no warm-up.
    ///
    /// ```
    /// use kanalsim::{RunSettings, presets};
    /// let s = presets::tonder_2012();
    /// let set = RunSettings::of(&s).with_replications(20).with_threads(2);
    /// assert_eq!(set.seed, s.simulation.seed);
    /// assert!(set.check().is_ok());
    /// assert!(set.with_replications(0).check().is_err());
    /// ```
    pub fn of(s: &Scenario) -> RunSettings {
        RunSettings {
            seed: s.simulation.seed,
            replications: s.simulation.replications,
            threads: 1,
            warmup_weeks: 0,
        }
    }

    /// With another number of threads.
    pub fn with_threads(mut self, threads: usize) -> RunSettings {
        self.threads = threads;
        self
    }

    /// With another seed.
    pub fn with_seed(mut self, seed: u64) -> RunSettings {
        self.seed = seed;
        self
    }

    /// With another number of replications.
    pub fn with_replications(mut self, replications: u32) -> RunSettings {
        self.replications = replications;
        self
    }

    /// With a warm-up of `weeks`.
    pub fn with_warmup_weeks(mut self, weeks: u32) -> RunSettings {
        self.warmup_weeks = weeks;
        self
    }

    /// Every setting outside its range, with the path of the scenario field it overrides.
    pub fn check(&self) -> Result<(), Error> {
        let mut issues = Vec::new();
        if self.replications == 0 || self.replications > MAX_REPLICATIONS {
            issues.push(Issue::new(
                "simulation.replications",
                format!(
                    "must be between 1 and {MAX_REPLICATIONS} (got {})",
                    self.replications
                ),
                format!("skal være mellem 1 og 10.000 (fik {})", self.replications),
            ));
        }
        if self.seed > MAX_SEED {
            issues.push(Issue::new(
                "simulation.seed",
                format!("must be at most 2^53 − 1 (got {})", self.seed),
                format!("må højst være 2^53 − 1 (fik {})", self.seed),
            ));
        }
        if self.threads == 0 || self.threads > MAX_THREADS {
            issues.push(Issue::new(
                "threads",
                format!("must be between 1 and {MAX_THREADS} (got {})", self.threads),
                format!("skal være mellem 1 og 1.024 (fik {})", self.threads),
            ));
        }
        if self.warmup_weeks > MAX_WARMUP_WEEKS {
            issues.push(Issue::new(
                "warmupWeeks",
                format!(
                    "must be at most {MAX_WARMUP_WEEKS} weeks (got {})",
                    self.warmup_weeks
                ),
                format!(
                    "må højst være {} uger (fik {})",
                    crate::validate::da(MAX_WARMUP_WEEKS as f64),
                    self.warmup_weeks
                ),
            ));
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid(issues))
        }
    }
}
