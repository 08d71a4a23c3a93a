//! What one replication produces, in named parts, and the tally that makes it.

use super::replication::Rep;
use super::trunc_u64;
use crate::model::cost::{ByKind, CostModel};
use crate::report::{A, M};
use serde::{Deserialize, Serialize};

/// What one replication produced: scalar metrics and series, ready to aggregate.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepOutput {
    /// Replication index.
    pub rep: u32,
    /// Scalar metrics, indexed by [`M`] (in the order of [`crate::report::METRICS`]).
    pub scalars: Vec<f64>,
    /// Contacts completed (and errands given up) per week of the horizon.
    pub weekly: WeeklyCounts,
    /// Sums per hour of the week (168 values each).
    pub hourly: HourlyCounts,
    /// Completed contacts by handling time, per channel.
    pub handling: HandlingCounts,
    /// The uncertain inputs sampled for this replication, in the order of
    /// [`crate::sim::INPUTS`] (then [`crate::sim::APPOINTMENT_INPUTS`] with appointments).
    pub inputs: Vec<f64>,
    /// The counter by appointment (absent for a walk-in counter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointments: Option<AppointmentOutput>,
}

/// What the appointment book produced in one replication.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentOutput {
    /// Scalar metrics, indexed by [`crate::report::A`] (in the order of
    /// [`crate::report::APPOINTMENT_METRICS`]).
    pub scalars: Vec<f64>,
    /// Per week of the request (`weeks` values each).
    pub weekly: AppointmentWeeks,
}

/// Bookings per week of the request.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentWeeks {
    /// Bookings made.
    pub booked: Vec<f64>,
    /// Mean lead of those bookings, calendar days (0 in a week without bookings).
    pub mean_lead_days: Vec<f64>,
    /// Share of those bookings within 5 workdays (0 in a week without bookings).
    pub within_five_workdays: Vec<f64>,
}

/// Per week of the horizon (`weeks` values each): contacts completed on each channel and
/// errands given up.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyCounts {
    /// Counter contacts served.
    pub personal: Vec<f64>,
    /// Phone contacts answered.
    pub phone: Vec<f64>,
    /// Written contacts.
    pub written: Vec<f64>,
    /// Digital self-service completed.
    pub digital: Vec<f64>,
    /// Errands given up.
    pub gave_up: Vec<f64>,
}

/// One queue channel's sums per hour of the week (168 values each).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueHours {
    /// Arrivals (offered).
    pub arrivals: Vec<f64>,
    /// Sum of the waits of those served, minutes.
    pub wait_sum: Vec<f64>,
    /// Served.
    pub served: Vec<f64>,
    /// Queue length integrated over time, customer-minutes.
    pub queue_minutes: Vec<f64>,
}

/// Sums per hour of the week.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HourlyCounts {
    /// The counter.
    pub personal: QueueHours,
    /// The phone.
    pub phone: QueueHours,
    /// New errands by the hour the citizen wanted contact (before channel choice).
    pub desired: Vec<f64>,
}

/// Completed contacts per channel by handling time (back-office time for written ones), in
/// the bins 0–2, 2–4, 4–6, 6–8, 8–10 and ≥ 10 minutes ([`HANDLING_EDGES_MIN`]).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandlingCounts {
    /// Counter contacts served.
    pub personal: Vec<f64>,
    /// Phone calls answered.
    pub phone: Vec<f64>,
    /// Written contacts.
    pub written: Vec<f64>,
}

/// The lower edges of the handling-time bins, minutes (Hørsholm's bins; the last is open).
pub const HANDLING_EDGES_MIN: [f64; 6] = [0.0, 2.0, 4.0, 6.0, 8.0, 10.0];

impl WeeklyCounts {
    /// The series in a fixed order: personal, phone, written, digital, given up.
    pub fn series(&self) -> [&[f64]; 5] {
        [
            &self.personal,
            &self.phone,
            &self.written,
            &self.digital,
            &self.gave_up,
        ]
    }
}

impl QueueHours {
    /// The four series in a fixed order: arrivals, wait sum, served, queue minutes.
    pub fn series(&self) -> [&[f64]; 4] {
        [
            &self.arrivals,
            &self.wait_sum,
            &self.served,
            &self.queue_minutes,
        ]
    }
}

impl RepOutput {
    /// Every number of the output in one fixed order (rep excluded): scalars, weekly series,
    /// hourly series (counter, phone, desired), inputs, handling-time counts — for hashing
    /// and for checks that every number is finite.
    pub fn numbers(&self) -> impl Iterator<Item = f64> + '_ {
        let weekly = self.weekly.series().into_iter().flatten();
        let hourly = self
            .hourly
            .personal
            .series()
            .into_iter()
            .chain(self.hourly.phone.series())
            .flatten()
            .chain(&self.hourly.desired);
        self.scalars
            .iter()
            .chain(weekly)
            .chain(hourly)
            .chain(&self.inputs)
            .chain(&self.handling.personal)
            .chain(&self.handling.phone)
            .chain(&self.handling.written)
            .chain(self.appointments.iter().flat_map(|a| {
                a.scalars
                    .iter()
                    .chain(&a.weekly.booked)
                    .chain(&a.weekly.mean_lead_days)
                    .chain(&a.weekly.within_five_workdays)
            }))
            .copied()
    }
}

impl Rep<'_> {
    /// A digital attempt failed (it becomes an assisted contact, a deferral or a lost
    /// errand): counted, by kind, for `digital.failures` and its digital unit price.
    #[inline]
    pub(super) fn failed_digital(&mut self, info: bool) {
        self.sc[M::DigitalFailures as usize] += 1.0;
        if info {
            self.sc[M::DigitalFailuresInfo as usize] += 1.0;
        }
    }
}

/// The tally at the end of a replication: counters into metrics, hour-of-week and weekly
/// series into named parts, costs.
pub(super) fn finish(mut st: Rep<'_>, desired: [f64; 168]) -> RepOutput {
    let m = st.m;
    let weeks = m.weeks as f64;
    let costs = &m.costs;
    let _ = st.horizon;
    for (ch, q) in st.queues.iter_mut().enumerate() {
        q.hist.0[0] += q.zero_waits;
        if 0.0 <= m.queues[ch].target_min {
            q.within_target += q.zero_waits;
        }
        q.answered = trunc_u64(q.served_h.iter().sum());
        let [tot, info, trans] = if ch == 0 {
            [
                M::ContactsPersonal,
                M::ContactsPersonalInfo,
                M::ContactsPersonalTrans,
            ]
        } else {
            [
                M::ContactsPhone,
                M::ContactsPhoneInfo,
                M::ContactsPhoneTrans,
            ]
        };
        st.sc[tot as usize] = q.answered as f64;
        st.sc[info as usize] = q.answered_info as f64;
        st.sc[trans as usize] = (q.answered - q.answered_info) as f64;
    }
    let appointments = appointment_output(&mut st);
    for (ch, q) in st.queues.iter().enumerate() {
        let sched = &m.queues[ch].schedule;
        let mut staff_h = sched.staff_minutes_per_week() * weeks / 60.0 + q.overtime_min / 60.0;
        let mut busy_min = q.busy_min;
        // The booked desks are counter staff too.
        if let (0, Some(a)) = (ch, &appointments) {
            staff_h += a.scalars[A::StaffHours as usize];
            busy_min += st.appt.as_ref().map_or(0.0, |s| s.busy_min);
        }
        // Offered = arrivals, counted by hour of the week (sums of ones: exact).
        let offered: f64 = q.arrivals_h.iter().sum();
        let share = |x: u64| {
            if offered > 0.0 {
                x as f64 / offered
            } else {
                0.0
            }
        };
        let ids = if ch == 0 {
            [
                M::PersonalOffered,
                M::PersonalAnswered,
                M::PersonalAbandoned,
                M::PersonalRedials,
                M::PersonalAbandonShare,
                M::PersonalPWait,
                M::PersonalServiceLevel,
                M::PersonalMeanWait,
                M::PersonalP90Wait,
                M::PersonalStaffHours,
                M::PersonalUtilisation,
            ]
        } else {
            [
                M::PhoneOffered,
                M::PhoneAnswered,
                M::PhoneAbandoned,
                M::PhoneRedials,
                M::PhoneAbandonShare,
                M::PhonePWait,
                M::PhoneServiceLevel,
                M::PhoneMeanWait,
                M::PhoneP90Wait,
                M::PhoneStaffHours,
                M::PhoneUtilisation,
            ]
        };
        let vals = [
            offered,
            q.answered as f64,
            q.abandoned as f64,
            q.redials as f64,
            share(q.abandoned),
            share(q.waited),
            share(q.within_target),
            if q.answered > 0 {
                q.wait_sum / q.answered as f64
            } else {
                0.0
            },
            q.hist.quantile(0.9),
            staff_h,
            if staff_h > 0.0 {
                busy_min / 60.0 / staff_h
            } else {
                0.0
            },
        ];
        for (id, v) in ids.iter().zip(vals) {
            st.sc[*id as usize] = v;
        }
    }
    let hours = |q: &super::queue::Queue| QueueHours {
        arrivals: q.arrivals_h.to_vec(),
        wait_sum: q.wait_h.to_vec(),
        served: q.served_h.to_vec(),
        queue_minutes: q.qlen_h.to_vec(),
    };
    let hourly = HourlyCounts {
        personal: hours(&st.queues[0]),
        phone: hours(&st.queues[1]),
        desired: desired.to_vec(),
    };
    // Every new errand is counted once in `desired` (sums of ones: exact).
    st.sc[M::Errands as usize] = desired.iter().sum();
    let sc = &mut st.sc;
    let g = |sc: &Vec<f64>, i: M| sc[i as usize];
    sc[M::ContactsAssistedInfo as usize] =
        g(sc, M::ContactsPersonalInfo) + g(sc, M::ContactsPhoneInfo);
    let completed = g(sc, M::ContactsPersonal)
        + g(sc, M::ContactsPhone)
        + g(sc, M::ContactsWritten)
        + g(sc, M::ContactsDigital);
    sc[M::DigitalShare as usize] = if completed > 0.0 {
        g(sc, M::ContactsDigital) / completed
    } else {
        0.0
    };
    let kind = |sc: &Vec<f64>, i: M, t: M| ByKind {
        information: g(sc, i),
        transaction: g(sc, t),
    };
    let cp = costs.unit_cost(
        0,
        kind(sc, M::ContactsPersonalInfo, M::ContactsPersonalTrans),
    );
    let cph = costs.unit_cost(1, kind(sc, M::ContactsPhoneInfo, M::ContactsPhoneTrans));
    let cw = costs.unit_cost(2, kind(sc, M::ContactsWrittenInfo, M::ContactsWrittenTrans));
    // A failed digital attempt is digital work too: priced at the digital unit price of its
    // kind, on top of the assisted contact it becomes.
    let failed = ByKind {
        information: g(sc, M::DigitalFailuresInfo),
        transaction: g(sc, M::DigitalFailures) - g(sc, M::DigitalFailuresInfo),
    };
    let cd = costs.unit_cost(3, kind(sc, M::ContactsDigitalInfo, M::ContactsDigitalTrans))
        + costs.unit_cost(3, failed);
    sc[M::CostUnitPersonal as usize] = cp;
    sc[M::CostUnitPhone as usize] = cph;
    sc[M::CostUnitWritten as usize] = cw;
    sc[M::CostUnitDigital as usize] = cd;
    sc[M::CostUnitTotal as usize] = cp + cph + cw + cd;
    let hp = g(sc, M::PersonalStaffHours);
    let hph = g(sc, M::PhoneStaffHours);
    let hw = g(sc, M::WrittenHours);
    sc[M::StaffHours as usize] = hp + hph + hw;
    sc[M::StaffFte as usize] = costs.fte(hp + hph + hw, weeks);
    sc[M::CostStaffPersonal as usize] = costs.staff_cost(hp);
    sc[M::CostStaffPhone as usize] = costs.staff_cost(hph);
    sc[M::CostStaffWritten as usize] = costs.staff_cost(hw);
    sc[M::CostStaffTotal as usize] = costs.staff_cost(hp + hph + hw);
    // Staff time per contact, to read beside the unit prices.
    for (id, cost, n) in [
        (
            M::CostStaffPerContactPersonal,
            M::CostStaffPersonal,
            M::ContactsPersonal,
        ),
        (
            M::CostStaffPerContactPhone,
            M::CostStaffPhone,
            M::ContactsPhone,
        ),
        (
            M::CostStaffPerContactWritten,
            M::CostStaffWritten,
            M::ContactsWritten,
        ),
    ] {
        sc[id as usize] = CostModel::per_contact(g(sc, cost), g(sc, n));
    }
    sc[M::CostLostErrands as usize] = g(sc, M::GaveUp) * costs.lost_errand;
    // What the sampled adoption means as a share of all errands at week 0: Σ over types of
    // share × eligible × the type's adoption (the last type takes what the others leave, as
    // in the choice of type).
    let types = &m.demand.types;
    let mut prev = 0.0;
    let mut of_all = 0.0;
    for (i, t) in types.iter().enumerate() {
        let cum = if i + 1 == types.len() {
            1.0
        } else {
            m.demand.type_cum[i].min(1.0)
        };
        of_all += (cum - prev).max(0.0) * t.eligible * st.p.type_adoption[i].clamp(0.0, 1.0);
        prev = cum;
    }
    sc[M::DigitalAdoptionOfAll as usize] = of_all;
    RepOutput {
        rep: 0,
        scalars: st.sc,
        weekly: {
            let n = st.weeks_total;
            let series = |k: usize| st.weekly[k * n..(k + 1) * n].to_vec();
            WeeklyCounts {
                personal: series(0),
                phone: series(1),
                written: series(2),
                digital: series(3),
                gave_up: series(4),
            }
        },
        hourly,
        handling: HandlingCounts {
            personal: st.queues[0].handling.to_vec(),
            phone: st.queues[1].handling.to_vec(),
            written: st.written_handling.to_vec(),
        },
        inputs: Vec::new(),
        appointments,
    }
}

/// The appointment book's figures, and the booked visits added to the counter's contacts.
fn appointment_output(st: &mut Rep<'_>) -> Option<AppointmentOutput> {
    let m = st.m;
    let a = m.appointments.as_ref()?;
    let ap = st.appt.as_ref()?;
    let weeks = m.weeks as f64;
    let mut v = ap.sc.clone();
    let g = |v: &Vec<f64>, i: A| v[i as usize];
    let ratio = |x: f64, n: f64| if n > 0.0 { x / n } else { 0.0 };
    let booked: f64 = ap.lead_days.iter().sum();
    let [lead_sum, work_sum] = ap.lead_sums;
    v[A::MeanLeadDays as usize] = ratio(lead_sum, booked);
    v[A::P50LeadDays as usize] = super::book::lead_quantile(&ap.lead_days, 0.5);
    v[A::P90LeadDays as usize] = super::book::lead_quantile(&ap.lead_days, 0.9);
    v[A::MeanLeadWorkdays as usize] = ratio(work_sum, booked);
    v[A::P50LeadWorkdays as usize] = super::book::lead_quantile(&ap.lead_workdays, 0.5);
    v[A::P90LeadWorkdays as usize] = super::book::lead_quantile(&ap.lead_workdays, 0.9);
    v[A::WithinFiveWorkdays as usize] = ratio(ap.lead_workdays[..6].iter().sum(), booked);
    v[A::WithinFiveDays as usize] = ratio(ap.lead_days[..6].iter().sum(), booked);
    let visits = g(&v, A::Visits);
    let no_shows = g(&v, A::NoShows);
    v[A::NoShowShare as usize] = ratio(no_shows, visits + no_shows);
    let slots = a.slots_per_week() as f64 * weeks;
    v[A::Slots as usize] = slots;
    v[A::SlotUtilisation as usize] = ratio(visits, slots);
    let hours = (a.desk_minutes_per_week * weeks + ap.overtime_min) / 60.0;
    v[A::StaffHours as usize] = hours;
    v[A::StaffCost as usize] = m.costs.staff_cost(hours);
    // Booked visits are counter contacts.
    let sc = &mut st.sc;
    let walk_in = sc[M::ContactsPersonal as usize];
    sc[M::ContactsPersonal as usize] += visits;
    sc[M::ContactsPersonalInfo as usize] += ap.visits_info;
    sc[M::ContactsPersonalTrans as usize] += visits - ap.visits_info;
    v[A::ShareBooked as usize] = ratio(visits, walk_in + visits);
    let [n, lead, within] = &ap.weekly;
    Some(AppointmentOutput {
        scalars: v,
        weekly: AppointmentWeeks {
            booked: n.clone(),
            mean_lead_days: n.iter().zip(lead).map(|(n, x)| ratio(*x, *n)).collect(),
            within_five_workdays: n.iter().zip(within).map(|(n, x)| ratio(*x, *n)).collect(),
        },
    })
}
