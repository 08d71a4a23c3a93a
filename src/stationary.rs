//! The stationary M/M/c(+M) scenario: a phone line open 24/7 with a constant arrival rate,
//! exponential service and patience, fixed staff, no displacement and no redial. Run through
//! the same engine as every other scenario, it checks the engine against Erlang C and
//! Erlang A and serves as a staffing calculator.

use crate::report::Results;
use crate::scenario::*;
use crate::theory::QueueFigures;

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
    /// Whole weeks needed for about `customers` arrivals.
    pub fn weeks(&self) -> u32 {
        let per_week = self.arrivals_per_hour * 168.0;
        if per_week.is_nan() || per_week <= 0.0 || !self.customers.is_finite() {
            return 1;
        }
        (self.customers / per_week).round().clamp(1.0, 520.0) as u32
    }

    /// The scenario: 24/7 phone only, constant rate, fixed staff.
    pub fn scenario(&self) -> Scenario {
        let mut base = crate::presets::tonder_2012();
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
        base.id = "stationary".to_string();
        base.title = "Stationær kø (M/M/c+M)".to_string();
        base.title_en = "Stationary queue (M/M/c+M)".to_string();
        base.description = String::new();
        base.description_en = String::new();
        base.sources = vec![];
        base.horizon_weeks = self.weeks();
        base.demand = Demand {
            annual_errands: self.arrivals_per_hour * 168.0 * 52.0,
            demand_factor: Range::fixed(1.0),
            errand_types: vec![ErrandType {
                id: "call".to_string(),
                name: "Opkald".to_string(),
                name_en: "Call".to_string(),
                share: 1.0,
                information_share: 1.0,
                digital_eligible: 0.0,
                adoption: None,
                channel_mix: ChannelMix {
                    personal: 0.0,
                    phone: 1.0,
                    written: 0.0,
                },
                handling_time_scale: 1.0,
            }],
            weekly_profile: vec![vec![1.0; 24]; 7],
            monthly_factors: vec![1.0; 12],
            day_dispersion: 0.0,
        };
        base.opening_hours = OpeningHours {
            personal: hours.clone(),
            phone: hours,
        };
        base.digital = Digital {
            adoption: fixed0,
            adoption_path: vec![],
            failure_share: fixed0,
        };
        base.queues = Queues {
            personal: queue(None),
            phone: queue(self.mean_patience_min),
            handling_time_scale: Range::fixed(1.0),
        };
        base.simulation = SimulationSettings {
            replications: self.replications,
            seed: self.seed,
        };
        base
    }
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
