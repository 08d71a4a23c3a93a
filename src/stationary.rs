//! The stationary M/M/c(+M) scenario: a phone line open 24/7 with a constant arrival rate,
//! exponential service and patience, fixed staff, no displacement and no redial. Run through
//! the same engine as every other scenario, it checks the engine against Erlang C and
//! Erlang A and serves as a staffing calculator.

use crate::error::{Error, readable};
use crate::report::Results;
use crate::scenario::*;
use crate::settings::RunSettings;
use crate::theory::QueueFigures;
use crate::validate::MAX_HORIZON_WEEKS;

/// Inputs of a stationary queue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stationary {
    /// Arrivals per hour.
    pub arrivals_per_hour: f64,
    /// Mean service time, minutes.
    pub mean_service_min: f64,
    /// Agents on duty.
    pub agents: u32,
    /// Mean patience, minutes; `None` = infinite (Erlang C).
    pub mean_patience_min: Option<f64>,
    /// Service-level target, seconds.
    pub target_seconds: f64,
    /// Approximate number of customers per replication (rounded to whole weeks).
    pub customers: f64,
    /// Replications.
    pub replications: u32,
    /// Seed.
    pub seed: u64,
}

impl Stationary {
    /// Whole weeks needed for about `customers` arrivals per replication (at least one).
    /// More than the longest horizon ([`MAX_HORIZON_WEEKS`]) is an error that says so,
    /// rather than a silently shorter run.
    pub fn weeks(&self) -> Result<u32, Error> {
        let per_week = self.arrivals_per_hour * 168.0;
        if per_week.is_nan() || per_week <= 0.0 || !self.customers.is_finite() {
            return Ok(1);
        }
        let w = (self.customers / per_week).round().max(1.0);
        if w > MAX_HORIZON_WEEKS as f64 {
            return Err(Error::too_much_work(
                "--customers",
                format!(
                    "{} customers per replication at {} arrivals an hour need {} weeks, more \
                     than the longest horizon of {MAX_HORIZON_WEEKS} weeks; use more \
                     replications or fewer customers",
                    readable(self.customers.round()),
                    readable(self.arrivals_per_hour),
                    readable(w)
                ),
                format!(
                    "{} kunder pr. gentagelse ved {} ankomster i timen kræver {} uger, mere \
                     end den længste horisont på {MAX_HORIZON_WEEKS} uger; brug flere \
                     gentagelser eller færre kunder",
                    readable(self.customers.round()),
                    readable(self.arrivals_per_hour).replace('.', ","),
                    readable(w)
                ),
            ));
        }
        Ok(w as u32)
    }

    /// The run settings of the stationary queue: its seed and replications, with a warm-up
    /// of `warmup_weeks` (discarded, so the queue is measured in its steady state).
    pub fn settings(&self, warmup_weeks: u32) -> RunSettings {
        RunSettings {
            seed: self.seed,
            replications: self.replications,
            threads: 1,
            warmup_weeks,
        }
    }

    /// The scenario: 24/7 phone only, constant rate, fixed staff; an error if it would need
    /// more weeks than a horizon has.
    ///
    /// ```
    /// use kanalsim::stationary::{Stationary, simulated_figures};
    /// use kanalsim::{Model, run::{NoObserver, run}};
    /// let st = Stationary { arrivals_per_hour: 120.0, mean_service_min: 4.0, agents: 10,
    ///     mean_patience_min: Some(2.0), target_seconds: 60.0, customers: 5_000.0,
    ///     replications: 2, seed: 1 };
    /// let m = Model::new(&st.scenario().unwrap()).unwrap();
    /// let r = run(&m, &st.settings(1), &mut NoObserver).unwrap();
    /// let theory = kanalsim::theory::erlang_a(2.0, 4.0, 10, 2.0, 1.0).unwrap();
    /// assert!((simulated_figures(&r).p_abandon - theory.p_abandon).abs() < 0.05);
    /// ```
    pub fn scenario(&self) -> Result<Scenario, Error> {
        Ok(self.build(self.weeks()?))
    }

    /// The queueing formula of this queue: Erlang C (M/M/c) without patience, Erlang A
    /// (M/M/c+M) with it, at the service-level target `target_seconds`.
    pub fn theory(&self) -> Result<QueueFigures, Error> {
        let lam = self.arrivals_per_hour / 60.0;
        let target_min = self.target_seconds / 60.0;
        let figures = match self.mean_patience_min {
            None => crate::theory::erlang_c(lam, self.mean_service_min, self.agents, target_min),
            Some(p) => {
                crate::theory::erlang_a(lam, self.mean_service_min, self.agents, p, target_min)
            }
        };
        Ok(figures?)
    }

    /// The name of [`Stationary::theory`]'s formula: `Erlang C (M/M/c)` or
    /// `Erlang A (M/M/c+M)`.
    pub fn theory_name(&self) -> &'static str {
        match self.mean_patience_min {
            None => "Erlang C (M/M/c)",
            Some(_) => "Erlang A (M/M/c+M)",
        }
    }

    /// The scenario over `weeks` weeks.
    fn build(&self, weeks: u32) -> Scenario {
        let all_days = [0, 1, 2, 3, 4, 5, 6];
        let hours = WeekHours::uniform(&all_days, &[("00:00", "24:00")]);
        let staffing = vec![vec![self.agents; 24]; 7];
        let fixed0 = Range::fixed(0.0);
        let queue = |patience: Option<f64>| QueueChannel {
            staffing: staffing.clone(),
            service_time: Distribution::Exponential {
                mean_min: self.mean_service_min,
            },
            patience: patience.map(|p| Distribution::Exponential { mean_min: p }),
            redial_probability: fixed0,
            redial_mean_delay_min: 1.0,
            target_seconds: self.target_seconds,
        };
        let mut base = flat_base(
            (
                "stationary",
                "Stationær kø (M/M/c+M)",
                "Stationary queue (M/M/c+M)",
            ),
            weeks,
            self.arrivals_per_hour * 168.0 * 52.0,
            ("call", "Opkald", "Call"),
            ChannelMix {
                personal: 0.0,
                phone: 1.0,
                written: 0.0,
            },
        );
        base.opening_hours = OpeningHours {
            personal: hours.clone(),
            phone: hours,
        };
        base.queues.personal = queue(None);
        base.queues.phone = queue(self.mean_patience_min);
        base.simulation = SimulationSettings {
            replications: self.replications,
            seed: self.seed,
        };
        base
    }
}

/// The base of the stationary check scenarios (the queue of `erlang`, the book of
/// `appointments`): the Tønder preset with one errand type of information on the channels of
/// `mix`, `annual` errands a year at a constant rate (flat weekly profile, no months, no day
/// dispersion), no digital self-service and no handling-time uncertainty, over `weeks`.
pub(crate) fn flat_base(
    (id, title, title_en): (&str, &str, &str),
    weeks: u32,
    annual: f64,
    (ty, name, name_en): (&str, &str, &str),
    mix: ChannelMix,
) -> Scenario {
    let mut s = crate::presets::tonder_2012();
    s.id = id.to_string();
    s.title = title.to_string();
    s.title_en = title_en.to_string();
    s.description = String::new();
    s.description_en = String::new();
    s.sources = vec![];
    s.horizon_weeks = weeks;
    s.demand = Demand {
        annual_errands: annual,
        demand_factor: Range::fixed(1.0),
        errand_types: vec![ErrandType {
            id: ty.to_string(),
            name: name.to_string(),
            name_en: name_en.to_string(),
            share: 1.0,
            information_share: 1.0,
            digital_eligible: 0.0,
            adoption: None,
            channel_mix: mix,
            handling_time_scale: 1.0,
            requires_attendance: false,
        }],
        weekly_profile: vec![vec![1.0; 24]; 7],
        monthly_factors: vec![1.0; 12],
        day_dispersion: 0.0,
        channel_tilt: None,
    };
    let fixed0 = Range::fixed(0.0);
    s.digital = Digital {
        adoption: fixed0,
        adoption_path: vec![],
        failure_share: fixed0,
    };
    s.queues.handling_time_scale = Range::fixed(1.0);
    s
}

/// The four simulated figures of the phone queue, from results (means over replications).
pub fn simulated_figures(r: &Results) -> QueueFigures {
    let g = |id: &str| r.metrics.get(id).map_or(0.0, |s| s.mean);
    QueueFigures {
        p_wait: g("phone.pWait"),
        p_abandon: g("phone.abandonShare"),
        mean_wait_served_min: g("phone.meanWaitMin"),
        service_level: g("phone.serviceLevel"),
    }
}

/// Expected customers in one year of the [`year_workload`].
pub const YEAR_CUSTOMERS: f64 = 300_000.0;

/// The shared "one year of a municipality" benchmark workload (the peers' `year_profile.py`)
/// as a scenario: phone only, open Monday–Friday 10:00–15:00, hourly arrival weights
/// (day weight × hour weight, zero outside opening hours) scaled to 300,000 customers in
/// 52 weeks, staff 21, 22, 14, 14, 16 in the hours from 10:00, exponential service (4 min)
/// and patience (5 min), no redial, no day dispersion, monthly factors 1, digital off.
/// After closing, the 14:00 staff (16) serve those still waiting (the engine's drain rule).
pub fn year_workload() -> Scenario {
    const DAY_WEIGHTS: [f64; 5] = [1.25, 1.0, 0.9, 1.05, 0.8];
    const HOUR_WEIGHTS: [f64; 5] = [1.2, 1.3, 0.8, 0.8, 0.9];
    const SERVERS_BY_HOUR: [u32; 5] = [21, 22, 14, 14, 16];
    let mut s = Stationary {
        arrivals_per_hour: 1.0,
        mean_service_min: 4.0,
        agents: 1,
        mean_patience_min: Some(5.0),
        target_seconds: 60.0,
        customers: 1.0,
        replications: 1,
        seed: 1,
    }
    .build(1);
    let weekdays = [0, 1, 2, 3, 4];
    let hours = WeekHours::uniform(&weekdays, &[("10:00", "15:00")]);
    let mut staffing = vec![vec![0u32; 24]; 7];
    let mut profile = vec![vec![0.0; 24]; 7];
    for d in 0..5 {
        for h in 0..5 {
            staffing[d][10 + h] = SERVERS_BY_HOUR[h];
            profile[d][10 + h] = DAY_WEIGHTS[d] * HOUR_WEIGHTS[h];
        }
    }
    s.id = "year-workload".to_string();
    s.title = "Benchmark: ét år (300.000 opkald)".to_string();
    s.title_en = "Benchmark: one year (300,000 calls)".to_string();
    s.horizon_weeks = 52;
    s.demand.annual_errands = YEAR_CUSTOMERS;
    s.demand.weekly_profile = profile;
    s.opening_hours = OpeningHours {
        personal: hours.clone(),
        phone: hours,
    };
    s.queues.personal.staffing = staffing.clone();
    s.queues.phone.staffing = staffing;
    s
}
