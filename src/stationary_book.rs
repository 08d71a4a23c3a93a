//! The stationary appointment book: open every day with K slots, requests a Poisson process
//! at L a day spread evenly over the 24 hours, each taking the first free slot on a later
//! day, first come first served, with no horizon, no no-shows and no cancellations. Run
//! through the same engine as every other scenario, it checks the engine's appointment book
//! against the exact Markov chain of [`crate::theory::appointment_book`].
//!
//! The book relaxes slowly near L/K = 1 (in about L / (K − L)² days), so each replication
//! first runs a warm-up of at least ten relaxation times, discarded, and the standard error
//! comes from independent replications.

use crate::Model;
use crate::error::{Error, readable};
use crate::report::{A, Results};
use crate::run::{NoObserver, Observer, run_many};
use crate::scenario::*;
use crate::settings::{MAX_REPLICATIONS, MAX_WARMUP_WEEKS, RunSettings};
use crate::theory::{BookFigures, book_relaxation_days};
use crate::validate::{MAX_BOOKING_HORIZON_DAYS, MAX_HORIZON_WEEKS};

/// Inputs of a stationary appointment book.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StationaryBook {
    /// Requests a day.
    pub requests_per_day: f64,
    /// Slots a day.
    pub slots_per_day: u32,
    /// Days measured in all (after the warm-ups), spread over the replications in whole
    /// weeks.
    pub days: u64,
    /// Replications (`None`: at least 20, more if the days need them).
    pub replications: Option<u32>,
    /// Seed.
    pub seed: u64,
}

/// The figures of a book, simulated or exact, averaged over requests.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BookCheck {
    /// Mean lead, days.
    pub mean_lead_days: f64,
    /// Share of requests with a lead of at most 5 days.
    pub p_lead_at_most5_days: f64,
}

impl From<BookFigures> for BookCheck {
    fn from(f: BookFigures) -> BookCheck {
        BookCheck {
            mean_lead_days: f.mean_lead_days,
            p_lead_at_most5_days: f.p_lead_at_most_5_days.clamp(0.0, 1.0),
        }
    }
}

/// A run of the stationary book: the simulated figures, their standard errors (from the
/// independent replications) and the run's shape.
#[derive(Debug, Clone)]
pub struct BookRun {
    /// Mean over replications.
    pub simulated: BookCheck,
    /// Standard error of that mean.
    pub standard_error: BookCheck,
    /// Replications run.
    pub replications: u32,
    /// Weeks measured per replication.
    pub weeks: u32,
    /// Warm-up weeks per replication.
    pub warmup_weeks: u32,
    /// Requests measured in all.
    pub requests: f64,
    /// The results of the run.
    pub results: Results,
}

/// Replications when none are given, at least.
pub const DEFAULT_REPLICATIONS: u32 = 20;

impl StationaryBook {
    /// The exact figures.
    pub fn theory(&self) -> Result<BookCheck, Error> {
        crate::theory::appointment_book(self.requests_per_day, self.slots_per_day)
            .map(BookCheck::from)
            .map_err(Error::from)
    }

    /// Warm-up weeks: at least ten relaxation times, and at least one week.
    pub fn warmup_weeks(&self) -> Result<u32, Error> {
        self.check_load()?;
        let relax = book_relaxation_days(self.requests_per_day, self.slots_per_day);
        let w = (10.0 * relax / 7.0).ceil().max(1.0);
        if w > MAX_WARMUP_WEEKS as f64 {
            return Err(Error::too_much_work(
                "--requests-per-day",
                format!(
                    "at {} requests a day and {} slots the book needs a warm-up of {} weeks \
                     (ten relaxation times of {} days), more than {MAX_WARMUP_WEEKS}; use a \
                     load further from 1 or more slots",
                    readable(self.requests_per_day),
                    self.slots_per_day,
                    readable(w),
                    readable(relax.round())
                ),
                format!(
                    "ved {} ønsker om dagen og {} tider kræver bogen en indsvingning på {} uger \
                     (ti relaksationstider à {} dage), mere end {}; brug en belastning længere \
                     fra 1 eller flere tider",
                    readable(self.requests_per_day).replace('.', ","),
                    self.slots_per_day,
                    readable(w),
                    readable(relax.round()),
                    crate::validate::da(MAX_WARMUP_WEEKS as f64)
                ),
            ));
        }
        Ok(w as u32)
    }

    fn check_load(&self) -> Result<(), Error> {
        let (l, k) = (self.requests_per_day, self.slots_per_day);
        let mut issues = Vec::new();
        if !(l.is_finite() && l > 0.0) {
            issues.push(crate::Issue::new(
                "--requests-per-day",
                "must be a positive number",
                "skal være et positivt tal",
            ));
        }
        if k == 0 {
            issues.push(crate::Issue::new(
                "--slots-per-day",
                "must be at least 1",
                "skal være mindst 1",
            ));
        }
        if issues.is_empty() && l >= k as f64 {
            issues.push(crate::Issue::new(
                "--requests-per-day",
                format!(
                    "must be below the slots per day ({k}): at {} requests a day the book \
                     grows without end and has no steady state",
                    readable(l)
                ),
                format!(
                    "skal være under antallet af tider om dagen ({k}): ved {} ønsker om dagen \
                     vokser bogen uden ende og har ingen ligevægt",
                    readable(l).replace('.', ",")
                ),
            ));
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(Error::invalid(issues))
        }
    }

    /// Replications and weeks per replication: the days in whole weeks over the
    /// replications, each within the longest horizon.
    pub fn shape(&self) -> Result<(u32, u32), Error> {
        let max_days = MAX_HORIZON_WEEKS as u64 * 7;
        let reps = match self.replications {
            Some(r) => r,
            None => (self.days.div_ceil(max_days) as u32).max(DEFAULT_REPLICATIONS),
        };
        let weeks = self.days.div_ceil(reps as u64 * 7).max(1);
        if reps > MAX_REPLICATIONS || weeks > MAX_HORIZON_WEEKS as u64 {
            return Err(Error::too_much_work(
                "--days",
                format!(
                    "{} days over {reps} replications need {weeks} weeks each, more than the \
                     longest horizon of {MAX_HORIZON_WEEKS} weeks; use more replications or \
                     fewer days",
                    readable(self.days as f64)
                ),
                format!(
                    "{} dage fordelt på {reps} gentagelser kræver {weeks} uger hver, mere end \
                     den længste horisont på {MAX_HORIZON_WEEKS} uger; brug flere gentagelser \
                     eller færre dage",
                    readable(self.days as f64)
                ),
            ));
        }
        Ok((reps, weeks as u32))
    }

    /// The scenario over `weeks` weeks: one errand type, all wanting the counter, which is
    /// by appointment only with K one-hour slots at noon every day, booked online, no
    /// same-day slots, no horizon, no patience limit, no no-shows, no cancellations.
    pub fn scenario(&self, weeks: u32) -> Scenario {
        let mut s = crate::stationary::flat_base(
            (
                "stationary-book",
                "Stationær tidsbog",
                "Stationary appointment book",
            ),
            weeks,
            self.requests_per_day * 364.0,
            ("book", "Tidsbestilling", "Booking"),
            ChannelMix {
                personal: 1.0,
                phone: 0.0,
                written: 0.0,
            },
        );
        let fixed0 = Range::fixed(0.0);
        let mut desks = vec![vec![0u32; 24]; 7];
        for row in &mut desks {
            row[12] = self.slots_per_day;
        }
        s.appointments = Some(Appointments {
            mode: CounterMode::Appointment,
            desks,
            slot_minutes: 60.0,
            horizon_days: MAX_BOOKING_HORIZON_DAYS,
            same_day: false,
            booked_by: BookedBy {
                phone: 0.0,
                web: 1.0,
                counter: 0.0,
            },
            booking_time: Distribution::Exponential { mean_min: 1.0 },
            walk_in: fixed0,
            patience_workdays: None,
            when_no_slot: NoSlot {
                switch_channel: fixed0,
                go_digital: fixed0,
                walk_in: fixed0,
                give_up: Range::fixed(1.0),
            },
            no_show: fixed0,
            late_cancellation: fixed0,
            initial_backlog_days: 0.0,
        });
        s.simulation.seed = self.seed;
        s
    }

    /// Run the book through the engine: every replication with its warm-up.
    pub fn run(&self, threads: usize, obs: &mut dyn Observer) -> Result<BookRun, Error> {
        let warmup_weeks = self.warmup_weeks()?;
        let (replications, weeks) = self.shape()?;
        let m = Model::new(&self.scenario(weeks))?;
        let settings = RunSettings {
            seed: self.seed,
            replications,
            threads,
            warmup_weeks,
        };
        let aggs = run_many(&[&m], &settings, obs)?;
        let agg = &aggs[0];
        let mean_se = |a: A| {
            let v = agg.appointment_values(a).unwrap_or(&[]);
            let n = v.len() as f64;
            if n == 0.0 {
                return (0.0, 0.0);
            }
            let mean = v.iter().sum::<f64>() / n;
            let var = if n > 1.0 {
                v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
            } else {
                0.0
            };
            (mean, (var / n).sqrt())
        };
        let (ml, ml_se) = mean_se(A::MeanLeadDays);
        let (p5, p5_se) = mean_se(A::WithinFiveDays);
        let requests = agg
            .appointment_values(A::Requests)
            .map_or(0.0, |v| v.iter().sum());
        Ok(BookRun {
            simulated: BookCheck {
                mean_lead_days: ml,
                p_lead_at_most5_days: p5,
            },
            standard_error: BookCheck {
                mean_lead_days: ml_se,
                p_lead_at_most5_days: p5_se,
            },
            replications: agg.completed(),
            weeks,
            warmup_weeks,
            requests,
            results: agg.results(&m),
        })
    }
}

/// Run a stationary book on one thread without progress (for tests and examples).
///
/// ```
/// use kanalsim::stationary_book::{StationaryBook, run_quietly};
/// let b = StationaryBook { requests_per_day: 8.0, slots_per_day: 10, days: 20_000,
///     replications: Some(10), seed: 1 };
/// let r = run_quietly(&b).unwrap();
/// let t = b.theory().unwrap();
/// let tol = (3.0 * r.standard_error.mean_lead_days).max(1e-4);
/// assert!((r.simulated.mean_lead_days - t.mean_lead_days).abs() <= tol);
/// ```
pub fn run_quietly(b: &StationaryBook) -> Result<BookRun, Error> {
    b.run(1, &mut NoObserver)
}
