//! Automatic staffing: the least staff per weekday-hour that meets a service target.
//!
//! Demand reaching a queue depends on the opening hours (deferred citizens crowd the first
//! hours after opening) and on the staffing itself (abandoners redial), so the arrival rate
//! per hour is not an input but an outcome. The method alternates: simulate with the current
//! staffing, read the mean arrivals per open hour of the week, size each hour with Erlang A
//! (stationary, per hour: the SIPP method) for the target, and repeat until the staffing stops
//! changing. The final staffing is then simulated, so the reported service level is the
//! simulated one, not the approximation's.

use crate::error::Error;
use crate::model::Model;
use crate::run::{NoObserver, run};
use crate::scenario::Scenario;
use crate::settings::RunSettings;
use crate::theory::{erlang_a, erlang_c};
use serde::{Deserialize, Serialize};

/// One round of the iteration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffingRound {
    /// Scheduled staff hours a week with this round's staffing.
    pub staff_hours_per_week: f64,
    /// Simulated service level with this round's staffing (mean over replications).
    pub service_level: f64,
    /// Weekday-hours whose staffing changed after this round.
    pub changed_hours: u32,
}

/// The result of [`auto_staff`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffingPlan {
    /// The scenario with the new staffing for the channel.
    pub scenario: Scenario,
    /// The rounds, the last one simulated with the final staffing.
    pub rounds: Vec<StaffingRound>,
}

/// Find staffing for queue channel `channel` (0 = counter, 1 = phone) so that each open hour
/// meets `target_share` of arrivals answered within the channel's `targetSeconds`, using
/// `replications` replications per round and at most `max_rounds` rounds.
///
/// ```
/// let mut s = kanalsim::presets::tonder_2012();
/// s.horizon_weeks = 2;
/// let plan = kanalsim::staffing::auto_staff(&s, 1, 0.8, 2, 1).unwrap();
/// assert!(!plan.rounds.is_empty());
/// ```
pub fn auto_staff(
    scenario: &Scenario,
    channel: usize,
    target_share: f64,
    replications: u32,
    max_rounds: u32,
) -> Result<StaffingPlan, Error> {
    let settings = RunSettings::of(scenario).with_replications(replications.max(1));
    auto_staff_with(scenario, channel, target_share, &settings, max_rounds)
}

/// [`auto_staff`] with explicit run settings for every round (seed, replications, threads),
/// e.g. the CLI's flags; the scenario's own `simulation` defaults are not used and are kept
/// unchanged in the plan's scenario.
pub fn auto_staff_with(
    scenario: &Scenario,
    channel: usize,
    target_share: f64,
    settings: &RunSettings,
    max_rounds: u32,
) -> Result<StaffingPlan, Error> {
    let mut s = scenario.clone();
    let mut rounds = Vec::new();
    for round in 0..max_rounds.max(1) {
        let m = Model::new(&s)?;
        let r = run(&m, settings, &mut NoObserver)?;
        let (prof, key) = if channel == 0 {
            (&r.hour_of_week.personal, "personal.serviceLevel")
        } else {
            (&r.hour_of_week.phone, "phone.serviceLevel")
        };
        let q = &m.queues[channel.min(1)];
        let scale = s.queues.handling_time_scale.likely;
        let mean_service = q.service.mean() * scale;
        let patience = q.patience.as_ref().map(|p| p.mean());
        let target_min = q.target_min;
        let mut changed = 0;
        let mut next = if channel == 0 {
            s.queues.personal.staffing.clone()
        } else {
            s.queues.phone.staffing.clone()
        };
        for how in 0..168 {
            let open_min = q.schedule.open_minutes_by_hour[how];
            if open_min <= 0.0 {
                continue;
            }
            let lam = prof.arrivals[how] / open_min;
            let need = least_staff(lam, mean_service, patience, target_min, target_share);
            let (d, h) = (how / 24, how % 24);
            if next[d][h] != need {
                next[d][h] = need;
                changed += 1;
            }
        }
        let staff_hours_per_week = q.schedule.staff_minutes_per_week() / 60.0;
        rounds.push(StaffingRound {
            staff_hours_per_week,
            service_level: r.metrics[key].mean,
            changed_hours: changed,
        });
        if changed == 0 {
            break;
        }
        if round + 1 == max_rounds.max(1) {
            // Simulate the final staffing once more so the last round reports it.
            if channel == 0 {
                s.queues.personal.staffing = next;
            } else {
                s.queues.phone.staffing = next;
            }
            let m = Model::new(&s)?;
            let r = run(&m, settings, &mut NoObserver)?;
            rounds.push(StaffingRound {
                staff_hours_per_week: m.queues[channel.min(1)].schedule.staff_minutes_per_week()
                    / 60.0,
                service_level: r.metrics[key].mean,
                changed_hours: 0,
            });
            break;
        }
        if channel == 0 {
            s.queues.personal.staffing = next;
        } else {
            s.queues.phone.staffing = next;
        }
    }
    s.simulation = scenario.simulation;
    Ok(StaffingPlan {
        scenario: s,
        rounds,
    })
}

/// The least number of staff (at least 1, at most 10,000) whose stationary service level
/// reaches `target_share` at arrival rate `lam` per minute.
pub fn least_staff(
    lam: f64,
    mean_service: f64,
    patience: Option<f64>,
    target_min: f64,
    target_share: f64,
) -> u32 {
    if !(lam.is_finite() && lam > 0.0) {
        return 1;
    }
    let load = lam * mean_service;
    let mut c = 1u32;
    while c < 10_000 {
        let f = match patience {
            Some(p) => erlang_a(lam, mean_service, c, p, target_min),
            None => erlang_c(lam, mean_service, c, target_min),
        };
        if let Ok(f) = f
            && f.service_level >= target_share
        {
            return c;
        }
        c = if (c as f64) < load.floor() && patience.is_none() {
            load.floor() as u32 + 1
        } else {
            c + 1
        };
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_staff_matches_erlang_c_by_hand() {
        // 2 calls a minute, 4 minutes each: 8 Erlang. Erlang C at 10 agents answers 75 %
        // within a minute, at 11 agents more than 80 %.
        assert_eq!(least_staff(2.0, 4.0, None, 1.0, 0.75), 10);
        assert_eq!(least_staff(2.0, 4.0, None, 1.0, 0.80), 11);
        assert_eq!(least_staff(0.0, 4.0, None, 1.0, 0.8), 1);
    }
}
