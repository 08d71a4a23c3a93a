//! The uncertain inputs of one replication, sampled once from their ranges (triangular)
//! from the replication's parameter stream, in a fixed order.

use crate::model::Model;
use crate::rng::{Purpose, stream, triangular, u53};
use serde::{Deserialize, Serialize};

/// Uncertain inputs as sampled for one replication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    /// Demand multiplier.
    pub demand_factor: f64,
    /// Overall digital adoption at week 0.
    pub adoption: f64,
    /// Digital failure share.
    pub failure: f64,
    /// Handling-time multiplier.
    pub handling_scale: f64,
    /// Cumulative displacement probabilities (defer, switch, digital) per queue channel.
    pub displacement: [[f64; 3]; 2],
    /// Redial probability per queue channel.
    pub redial: [f64; 2],
    /// Adoption of each errand type at week 0.
    pub type_adoption: Vec<f64>,
    /// Probability of skipping an opening when coming back.
    pub later_opening: f64,
    /// The sampled uncertain inputs, in the order of [`INPUTS`] (for sensitivity), then,
    /// with appointments, of [`APPOINTMENT_INPUTS`].
    pub inputs: Vec<f64>,
    /// The appointment book's uncertain inputs (`None`: walk-in only).
    pub appointments: Option<AppointmentParams>,
}

/// The appointment book's uncertain inputs as sampled for one replication.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentParams {
    /// Share who walk in without booking (mode both).
    pub walk_in: f64,
    /// Mean patience, workdays (`None`: any lead is accepted).
    pub patience_workdays: Option<f64>,
    /// Cumulative shares when the slot is too late: switch, + digital, + walk in (the rest
    /// give up).
    pub no_slot: [f64; 3],
    /// No-show share.
    pub no_show: f64,
    /// Late-cancellation share.
    pub late_cancellation: f64,
}

/// Ids of the appointment book's uncertain inputs, recorded after [`INPUTS`] for a scenario
/// with appointments.
pub const APPOINTMENT_INPUTS: [&str; 8] = [
    "appointments.walkIn",
    "appointments.patienceWorkdays",
    "appointments.whenNoSlot.switchChannel",
    "appointments.whenNoSlot.goDigital",
    "appointments.whenNoSlot.walkIn",
    "appointments.whenNoSlot.giveUp",
    "appointments.noShow",
    "appointments.lateCancellation",
];

/// The ids of the inputs recorded for a model, in order.
pub fn input_names(m: &Model) -> Vec<&'static str> {
    let mut v = INPUTS.to_vec();
    if m.appointments.is_some() {
        v.extend(APPOINTMENT_INPUTS);
    }
    v
}

/// Ids of the uncertain inputs recorded per replication, in order.
pub const INPUTS: [&str; 15] = [
    "demand.demandFactor",
    "digital.adoption",
    "digital.failureShare",
    "queues.handlingTimeScale",
    "whenClosed.personal.defer",
    "whenClosed.personal.switchChannel",
    "whenClosed.personal.goDigital",
    "whenClosed.personal.giveUp",
    "queues.personal.redialProbability",
    "whenClosed.phone.defer",
    "whenClosed.phone.switchChannel",
    "whenClosed.phone.goDigital",
    "whenClosed.phone.giveUp",
    "queues.phone.redialProbability",
    "whenClosed.comeBack.laterOpening",
];

impl Params {
    /// Sample the uncertain inputs for replication `rep` (a fixed number of draws in a fixed
    /// order, so scenarios that differ in values still share random numbers).
    pub fn sample(m: &Model, seed: u64, rep: u64) -> Params {
        let mut r = stream(seed, rep, Purpose::Params);
        let demand_factor = triangular(&m.demand.demand_factor, u53(&mut r));
        let u_adoption = u53(&mut r);
        let adoption = triangular(&m.digital.adoption, u_adoption);
        let failure = triangular(&m.digital.failure_share, u53(&mut r));
        let handling_scale = triangular(&m.handling_scale, u53(&mut r));
        let mut displacement = [[0.0; 3]; 2];
        let mut redial = [0.0; 2];
        let mut inputs = vec![demand_factor, adoption, failure, handling_scale];
        for (i, (d, q)) in m.closed.choice.iter().zip(&m.queues).enumerate() {
            let p = [
                triangular(&d.defer, u53(&mut r)),
                triangular(&d.switch_channel, u53(&mut r)),
                triangular(&d.go_digital, u53(&mut r)),
                triangular(&d.give_up, u53(&mut r)),
            ];
            inputs.extend_from_slice(&p);
            let sum: f64 = p.iter().sum();
            let p = if sum > 0.0 {
                p.map(|x| x / sum)
            } else {
                [1.0, 0.0, 0.0, 0.0]
            };
            displacement[i] = [p[0], p[0] + p[1], p[0] + p[1] + p[2]];
            redial[i] = triangular(&q.redial, u53(&mut r));
            inputs.push(redial[i]);
        }
        // One uniform for every type's adoption: how digital citizens are is one uncertain
        // factor, so the types move together (comonotone) and `digital.adoption` ranks it.
        let type_adoption = m
            .demand
            .types
            .iter()
            .map(|t| {
                t.adoption
                    .as_ref()
                    .map_or(adoption, |a| triangular(a, u_adoption))
            })
            .collect();
        let later_opening = triangular(&m.closed.later_opening, u53(&mut r));
        inputs.push(later_opening);
        // Drawn after every other input, so that a scenario without appointments keeps its
        // numbers.
        let appointments = m.appointments.as_ref().map(|a| {
            let walk_in = triangular(&a.walk_in, u53(&mut r));
            let u_patience = u53(&mut r);
            let patience_workdays = a.patience_workdays.map(|p| triangular(&p, u_patience));
            let n = &a.when_no_slot;
            let p = [
                triangular(&n.switch_channel, u53(&mut r)),
                triangular(&n.go_digital, u53(&mut r)),
                triangular(&n.walk_in, u53(&mut r)),
                triangular(&n.give_up, u53(&mut r)),
            ];
            let no_show = triangular(&a.no_show, u53(&mut r));
            let late_cancellation = triangular(&a.late_cancellation, u53(&mut r));
            inputs.push(walk_in);
            inputs.push(patience_workdays.unwrap_or(0.0));
            inputs.extend_from_slice(&p);
            inputs.push(no_show);
            inputs.push(late_cancellation);
            let sum: f64 = p.iter().sum();
            let p = if sum > 0.0 {
                p.map(|x| x / sum)
            } else {
                [0.0, 0.0, 0.0, 1.0]
            };
            AppointmentParams {
                walk_in,
                patience_workdays,
                no_slot: [p[0], p[0] + p[1], p[0] + p[1] + p[2]],
                no_show,
                late_cancellation,
            }
        });
        Params {
            appointments,
            demand_factor,
            adoption,
            failure,
            handling_scale,
            displacement,
            redial,
            type_adoption,
            later_opening,
            inputs,
        }
    }
}
