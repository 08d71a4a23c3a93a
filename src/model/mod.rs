//! A scenario compiled **once**, completely, into what the engine runs: demand rates and
//! choice thresholds, minute-precise opening and staffing schedules, duration distributions,
//! behaviour when closed, digital adoption and costs. [`Model::new`] validates and compiles
//! in one pass; a replication reads only the model (and the run settings), never the raw
//! scenario.
//!
//! ```
//! use kanalsim::{Model, presets};
//! let m = Model::new(&presets::tonder_2012()).expect("the preset is valid");
//! assert_eq!(m.weeks, 52);
//! assert!(m.queues[1].schedule.is_open(9.0 * 60.0 + 30.0)); // the phone, Monday 9:30
//! ```

pub mod appointments;
pub mod cost;
pub mod demand;
pub mod displacement;
pub mod dist;
pub mod schedule;

pub use appointments::AppointmentModel;
pub use cost::CostModel;
pub use demand::{DemandModel, TypeModel, month_of_day};
pub use displacement::{ClosedChoice, ClosedModel, DigitalModel};
pub use dist::{Dist, inv_norm_cdf};
pub use schedule::{DAY, Schedule, Seg, WEEK, floor_fast, minute_in_week, minute_of_week};

use crate::error::Error;
use crate::scenario::{QueueChannel, Range, Scenario, WeekHours};
use crate::validate::check_fields;

/// A compiled queue channel.
#[derive(Debug, Clone)]
pub struct QueueModel {
    /// Opening and staffing.
    pub schedule: Schedule,
    /// Service time.
    pub service: Dist,
    /// Patience, if finite.
    pub patience: Option<Dist>,
    /// Redial probability range.
    pub redial: Range,
    /// Mean redial delay.
    pub redial_delay: f64,
    /// Service target in minutes.
    pub target_min: f64,
}

impl QueueModel {
    fn new(qc: &QueueChannel, h: &WeekHours, ch: &str) -> Result<QueueModel, Error> {
        let path = format!("queues.{ch}");
        Ok(QueueModel {
            schedule: Schedule::new(h, &qc.staffing),
            service: Dist::new(&qc.service_time, &format!("{path}.serviceTime"))?,
            patience: match &qc.patience {
                Some(p) => Some(Dist::new(p, &format!("{path}.patience"))?),
                None => None,
            },
            redial: qc.redial_probability,
            redial_delay: qc.redial_mean_delay_min,
            target_min: qc.target_seconds / 60.0,
        })
    }
}

/// What a model's results are labelled with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    /// The scenario's id.
    pub id: String,
    /// Its (Danish) title.
    pub title: String,
}

/// A validated scenario, ready to simulate.
#[derive(Debug, Clone)]
pub struct Model {
    /// Id and title, for the results.
    pub meta: Meta,
    /// Weeks simulated.
    pub weeks: u32,
    /// When citizens want contact and what errands they bring.
    pub demand: DemandModel,
    /// Digital self-service.
    pub digital: DigitalModel,
    /// Behaviour when a channel is closed.
    pub closed: ClosedModel,
    /// Counter (0) and phone (1).
    pub queues: [QueueModel; 2],
    /// The uncertain handling-time multiplier of every channel.
    pub handling_scale: Range,
    /// Back-office time per written contact.
    pub written: Dist,
    /// Unit prices and staff cost.
    pub costs: CostModel,
    /// The counter by appointment (`None`: walk-in only).
    pub appointments: Option<AppointmentModel>,
}

impl Model {
    /// Validate and compile a scenario: every problem, with its field path, or the model.
    pub fn new(s: &Scenario) -> Result<Model, Error> {
        check_fields(s)?;
        Model::compile(s)
    }

    /// Compile a scenario that has already been validated (e.g. one a page's thread
    /// validated and posted to its workers), without checking its fields again. The
    /// distributions still check themselves; any other invalid field gives wrong numbers
    /// or a panic, so call it only with a validated scenario.
    pub fn compile(s: &Scenario) -> Result<Model, Error> {
        let demand = DemandModel::new(&s.demand, s.horizon_weeks)?;
        let appointments = AppointmentModel::new(s.appointments.as_ref())?;
        // By appointment only, the walk-in counter is closed all week.
        let closed_counter = WeekHours::default();
        let counter_hours = match &appointments {
            Some(a) if !a.walk_in_counter => &closed_counter,
            _ => &s.opening_hours.personal,
        };
        let queues = [
            QueueModel::new(&s.queues.personal, counter_hours, "personal")?,
            QueueModel::new(&s.queues.phone, &s.opening_hours.phone, "phone")?,
        ];
        let closed = ClosedModel::new(
            &s.when_closed,
            [&queues[0].schedule, &queues[1].schedule],
            &demand.hour_base,
        );
        Ok(Model {
            meta: Meta {
                id: s.id.clone(),
                title: s.title.clone(),
            },
            weeks: s.horizon_weeks,
            demand,
            digital: DigitalModel::new(&s.digital),
            closed,
            queues,
            handling_scale: s.queues.handling_time_scale,
            written: Dist::new(&s.written.handling_time, "written.handlingTime")?,
            costs: CostModel::new(&s.costs),
            appointments,
        })
    }
}
