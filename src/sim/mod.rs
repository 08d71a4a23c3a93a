//! The simulation: one replication of a [`Model`](crate::model::Model) — one simulated
//! horizon of citizen errands, channel choice, displacement when closed, and the counter and
//! phone queues — from its own random streams ([`crate::rng`]).
//!
//! # Random streams
//! See [`crate::rng`]: streams keyed by `(seed, replication, purpose)`; errand `n` owns
//! fixed positions of the choice, service and patience streams (common random numbers).
//!
//! # Queues
//! Counter and phone are multi-server FIFO queues with abandonment. Because service is FIFO,
//! a customer's fate depends only on those who arrived before, so each arrival is resolved
//! when it arrives: it starts service at the earliest time `s` at or after its arrival (and
//! after the previous start) when fewer than the scheduled staff are busy, or abandons when
//! its patience runs out first. **Staffing rule:** a new service starts only while fewer than
//! the scheduled number are busy; an agent going off duty finishes the customer in hand.
//! New arrivals stop at closing; those waiting at closing are served by the staff on duty at
//! closing, and that service time counts as staff overtime.
//!
//! # Files
//! - [`params`]: the uncertain inputs of a replication;
//! - `queue`: the queues;
//! - `replication`: arrivals, choice, the replication loop;
//! - `displacement`: closed channels and pending events;
//! - `pending`: the pending events in time order (hourly buckets before a small heap);
//! - [`output`]: the replication's output, in named parts, and the tally.

mod book;
mod displacement;
pub mod output;
mod packed;
pub mod params;
mod pending;
mod queue;
mod replication;

pub use output::{
    HANDLING_EDGES_MIN, HandlingCounts, HourlyCounts, QueueHours, RepOutput, WeeklyCounts,
};
pub use params::{APPOINTMENT_INPUTS, AppointmentParams, INPUTS, Params, input_names};
pub use replication::run_replication;

/// `x as u64` for every `x` below 2^63 (0 for negative or NaN `x`), by the cheaper signed
/// conversion (every time, wait and index converted here is far below 2^63).
#[inline(always)]
pub(crate) fn trunc_u64(x: f64) -> u64 {
    (x as i64).max(0) as u64
}
