//! The scenario schema: the single source of truth for the engine, the command line and the
//! page (whose TypeScript types are generated from these types).
//!
//! All times are in minutes unless a field name says otherwise. JSON field names are
//! camelCase. A scenario carries a [`FORMAT_VERSION`]; files with another version are refused
//! by validation rather than guessed at.

use serde::{Deserialize, Serialize};

/// The scenario format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The four channels a citizen can use.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    /// The citizen-service counter (borgerservice), a queue.
    Personal,
    /// The phone, a queue.
    Phone,
    /// Letters, e-mail and Digital Post: back-office work, no queue.
    Written,
    /// Digital self-service: open 24/7, no queue.
    Digital,
}

impl Channel {
    /// All channels in report order.
    pub const ALL: [Channel; 4] = [
        Channel::Personal,
        Channel::Phone,
        Channel::Written,
        Channel::Digital,
    ];
    /// The JSON name of the channel.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Personal => "personal",
            Channel::Phone => "phone",
            Channel::Written => "written",
            Channel::Digital => "digital",
        }
    }
}

/// An uncertain input: a triangular distribution given by its low, most likely and high value.
/// It is sampled once per replication. `low == likely == high` makes it a fixed number.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Range {
    /// Lowest plausible value.
    pub low: f64,
    /// Most likely value.
    pub likely: f64,
    /// Highest plausible value.
    pub high: f64,
}

impl Range {
    /// A fixed (certain) value.
    pub const fn fixed(v: f64) -> Range {
        Range {
            low: v,
            likely: v,
            high: v,
        }
    }
    /// A range from its three points.
    pub const fn new(low: f64, likely: f64, high: f64) -> Range {
        Range { low, likely, high }
    }
}

/// Where an assumption comes from: a named source, or a labelled assumption.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceNote {
    /// What the note is about, e.g. `openingHours.phone`.
    pub topic: String,
    /// `source` when a document gives the figure, `assumption` when nobody does.
    pub kind: SourceKind,
    /// Danish text.
    pub da: String,
    /// English text.
    pub en: String,
}

/// The kind of a [`SourceNote`].
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// A figure taken from a named document.
    Source,
    /// A labelled assumption that the user can change.
    Assumption,
}

/// A whole scenario: demand, channels, behaviour, staffing, prices and simulation settings.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// Must equal [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Short slug id, e.g. `tonder-2012`.
    #[serde(default)]
    pub id: String,
    /// Danish title.
    pub title: String,
    /// English title.
    #[serde(default)]
    pub title_en: String,
    /// Danish description of what the scenario changes.
    #[serde(default)]
    pub description: String,
    /// English description.
    #[serde(default)]
    pub description_en: String,
    /// The id of the baseline this scenario is compared with (empty for a baseline).
    #[serde(default)]
    pub baseline_id: String,
    /// Sources and assumptions behind the numbers.
    #[serde(default)]
    pub sources: Vec<SourceNote>,
    /// Simulated horizon in weeks, starting on a Monday, 1 January.
    pub horizon_weeks: u32,
    /// Demand: how many errands arise, when, and of which types.
    pub demand: Demand,
    /// Opening hours of the counter and the phone.
    pub opening_hours: OpeningHours,
    /// Digital self-service: adoption and failure.
    pub digital: Digital,
    /// What citizens do when the channel they want is closed.
    pub when_closed: WhenClosed,
    /// Queue channels: staffing, service times, patience and redial.
    pub queues: Queues,
    /// Written contacts: back-office minutes per contact.
    pub written: Written,
    /// Unit prices and staff cost.
    pub costs: Costs,
    /// Replications and seed.
    pub simulation: SimulationSettings,
    /// The counter by appointment (tidsbestilling). Absent = walk-in only, as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointments: Option<Appointments>,
}

/// Demand for errands.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Demand {
    /// Errands a year (52 weeks) before the demand factor; the horizon scales it.
    pub annual_errands: f64,
    /// Uncertain multiplier on demand (growth or calibration error), sampled per replication.
    pub demand_factor: Range,
    /// Errand types; their shares must add up to 1.
    pub errand_types: Vec<ErrandType>,
    /// Weekly desire profile: 7 rows (Monday first) of 24 hourly weights. Normalised by the
    /// engine; the absolute scale does not matter.
    pub weekly_profile: Vec<Vec<f64>>,
    /// 12 monthly factors (January first); normalised by the engine to mean 1 over the horizon.
    pub monthly_factors: Vec<f64>,
    /// Day-to-day over-dispersion: the coefficient of variation of a gamma-distributed day
    /// multiplier with mean 1 (0 = plain Poisson).
    pub day_dispersion: f64,
    /// Per-channel tilt of the channel mix over the hour of the week. Absent = the mix does
    /// not vary with the hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_tilt: Option<ChannelTilt>,
}

/// How the channel mix leans over the week: at hour-of-week `h` an errand type's channel
/// weights are `personal · personal[h]`, `phone · phone[h]` and `written · 1`, renormalised.
/// Each is 7 rows (Monday first) of 24 hourly factors (1 = the type's own mix). An hour
/// whose tilted weights are all 0 keeps the type's own mix.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChannelTilt {
    /// Counter factors, 7 × 24.
    pub personal: Vec<Vec<f64>>,
    /// Phone factors, 7 × 24.
    pub phone: Vec<Vec<f64>>,
}

/// One type of errand.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrandType {
    /// Short id, e.g. `pas`.
    pub id: String,
    /// Danish name.
    pub name: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Share of all errands (the shares of all types add up to 1).
    pub share: f64,
    /// Share of these errands that are information (the rest are transactions).
    pub information_share: f64,
    /// Share of these errands that can be done by digital self-service.
    pub digital_eligible: f64,
    /// Overrides the overall digital adoption for this type, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adoption: Option<Range>,
    /// Channel mix among assisted channels when the errand does not go digital.
    pub channel_mix: ChannelMix,
    /// Multiplies handling times of this type on every channel (1 = as the channel's
    /// distribution says).
    #[serde(default = "one")]
    pub handling_time_scale: f64,
    /// The errand needs a visit in person (a passport: photo and fingerprints). With the
    /// counter by appointment, such a citizen takes the first free slot however late it is
    /// (and cannot switch channel or go digital instead).
    #[serde(default, skip_serializing_if = "is_false")]
    pub requires_attendance: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn one() -> f64 {
    1.0
}

/// Shares of the assisted channels; they add up to 1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChannelMix {
    /// Counter share.
    pub personal: f64,
    /// Phone share.
    pub phone: f64,
    /// Written share.
    pub written: f64,
}

/// One opening interval within a day, `"HH:MM"` to `"HH:MM"` (end after start; `"24:00"`
/// allowed as an end).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Interval {
    /// Opening time, `"HH:MM"`.
    pub start: String,
    /// Closing time, `"HH:MM"`.
    pub end: String,
}

impl Interval {
    /// An interval from two `"HH:MM"` strings.
    pub fn new(start: &str, end: &str) -> Interval {
        Interval {
            start: start.to_string(),
            end: end.to_string(),
        }
    }
}

/// Opening intervals for each weekday; an empty list means closed all day.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeekHours {
    /// Monday.
    pub mon: Vec<Interval>,
    /// Tuesday.
    pub tue: Vec<Interval>,
    /// Wednesday.
    pub wed: Vec<Interval>,
    /// Thursday.
    pub thu: Vec<Interval>,
    /// Friday.
    pub fri: Vec<Interval>,
    /// Saturday.
    pub sat: Vec<Interval>,
    /// Sunday.
    pub sun: Vec<Interval>,
}

/// JSON names of the weekdays, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl WeekHours {
    /// The intervals of weekday `d` (0 = Monday).
    pub fn day(&self, d: usize) -> &[Interval] {
        match d {
            0 => &self.mon,
            1 => &self.tue,
            2 => &self.wed,
            3 => &self.thu,
            4 => &self.fri,
            5 => &self.sat,
            _ => &self.sun,
        }
    }
    /// Mutable intervals of weekday `d` (0 = Monday).
    pub fn day_mut(&mut self, d: usize) -> &mut Vec<Interval> {
        match d {
            0 => &mut self.mon,
            1 => &mut self.tue,
            2 => &mut self.wed,
            3 => &mut self.thu,
            4 => &mut self.fri,
            5 => &mut self.sat,
            _ => &mut self.sun,
        }
    }
    /// The same interval list on every one of the given weekdays.
    pub fn uniform(days: &[usize], intervals: &[(&str, &str)]) -> WeekHours {
        let mut w = WeekHours::default();
        for &d in days {
            *w.day_mut(d) = intervals.iter().map(|(a, b)| Interval::new(a, b)).collect();
        }
        w
    }
}

/// Opening hours of the queue channels. Written and digital channels are always open.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpeningHours {
    /// Counter.
    pub personal: WeekHours,
    /// Phone.
    pub phone: WeekHours,
}

/// Digital self-service.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Digital {
    /// Share of digitally eligible errands whose citizen uses self-service (at week 0).
    pub adoption: Range,
    /// Optional path: adoption changes by `change` (points, e.g. 0.1 = +10 points) reached
    /// at `week`, linear in between, flat after the last point. Empty = constant.
    #[serde(default)]
    pub adoption_path: Vec<PathPoint>,
    /// Share of digital attempts that fail and come back as an assisted contact.
    pub failure_share: Range,
}

/// A point on the digital-adoption path.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PathPoint {
    /// Week (0 = start of the horizon).
    pub week: f64,
    /// Change of adoption in points (0.1 = +10 percentage points) relative to week 0.
    pub change: f64,
}

/// Behaviour when a wanted channel is closed, per queue channel.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WhenClosed {
    /// When the counter is closed.
    pub personal: Displacement,
    /// When the phone is closed.
    pub phone: Displacement,
    /// When those who defer come back.
    pub come_back: ComeBack,
}

/// When citizens who found a channel closed and decided to come back do so: at an opening
/// of that channel — the next one, or (with probability `laterOpening`, repeatedly) a later
/// one — at a time of day drawn from the citizens' desire profile over that opening, so
/// that their arrivals follow the shape of when citizens want contact instead of piling up
/// at the opening.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComeBack {
    /// Probability that a deferred citizen skips an opening and comes at a later one
    /// (applied again at each opening, at most [`ComeBack::MAX_SKIPS`] times).
    pub later_opening: Range,
}

impl ComeBack {
    /// Most openings a deferred citizen skips.
    pub const MAX_SKIPS: u32 = 4;
}

/// Probabilities (each uncertain) of what a citizen does when the channel is closed.
/// The likely values add up to 1; sampled values are normalised to add up to 1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Displacement {
    /// Comes back when the same channel next opens.
    pub defer: Range,
    /// Uses the other queue channel if it is open now, otherwise writes.
    pub switch_channel: Range,
    /// Does it digitally (if the errand is eligible; otherwise defers).
    pub go_digital: Range,
    /// Gives up: the errand is lost.
    pub give_up: Range,
}

/// The two queue channels.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Queues {
    /// Counter.
    pub personal: QueueChannel,
    /// Phone.
    pub phone: QueueChannel,
    /// Uncertain multiplier on all handling times (queue and written), per replication.
    pub handling_time_scale: Range,
}

/// A queue channel: staffing, service time, patience, redial and its service target.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QueueChannel {
    /// Staff on duty while the channel is open: 7 rows (Monday first) of 24 hourly counts.
    /// Staff only count while the channel is open; after closing, those on duty serve the
    /// citizens already waiting.
    pub staffing: Vec<Vec<u32>>,
    /// Service (handling) time.
    pub service_time: Distribution,
    /// How long a citizen waits before giving up; `None` = waits for ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience: Option<Distribution>,
    /// Share of those who gave up waiting that try again (uncertain).
    pub redial_probability: Range,
    /// Mean delay before trying again (exponential), minutes.
    pub redial_mean_delay_min: f64,
    /// Service target: answered within this many seconds.
    pub target_seconds: f64,
}

/// A positive random duration in minutes.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum Distribution {
    /// Exponential with the given mean.
    #[serde(rename_all = "camelCase")]
    Exponential {
        /// Mean, minutes.
        mean_min: f64,
    },
    /// Lognormal with the given mean and standard deviation (of the duration itself).
    #[serde(rename_all = "camelCase")]
    Lognormal {
        /// Mean, minutes.
        mean_min: f64,
        /// Standard deviation, minutes.
        sd_min: f64,
    },
    /// Empirical histogram: bins with edges `[edges[i], edges[i+1])` and weights, uniform
    /// within a bin (e.g. Hørsholm's 0–2, 2–4, … minute bins).
    #[serde(rename_all = "camelCase")]
    Empirical {
        /// Bin edges in minutes, increasing, `weights.len() + 1` of them.
        edges_min: Vec<f64>,
        /// Relative weights of the bins.
        weights: Vec<f64>,
    },
}

/// Written contacts.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Written {
    /// Back-office handling time per written contact.
    pub handling_time: Distribution,
}

/// Prices per contact (the KL "kanalpriser" method) and staff cost.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Costs {
    /// Counter contact.
    pub personal: UnitPrice,
    /// Phone contact (answered call).
    pub phone: UnitPrice,
    /// Written contact.
    pub written: UnitPrice,
    /// Completed digital self-service.
    pub digital: UnitPrice,
    /// Staff cost per hour, DKK, including overhead.
    pub staff_hourly_cost: f64,
    /// Paid hours in one full-time equivalent (årsværk) a year.
    pub hours_per_fte: f64,
    /// Cost of one errand given up, DKK: a labelled assumption (a lost errand comes back
    /// later as a complaint, a repeat contact or worse). Reported as `cost.lostErrands`,
    /// beside the two cost views, not inside them. Absent in a file = 0.
    #[serde(default)]
    pub lost_errand: f64,
}

/// Unit price of one contact, DKK.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitPrice {
    /// Information contact.
    pub information: f64,
    /// Transaction contact.
    pub transaction: f64,
}

/// Monte-Carlo settings.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationSettings {
    /// Number of replications (simulated years).
    pub replications: u32,
    /// Seed of the random streams; with the scenario it determines every number.
    pub seed: u64,
}

/// How the counter receives citizens.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CounterMode {
    /// Walk-in only, in `openingHours.personal` (the appointment settings are kept but not
    /// used).
    WalkIn,
    /// By appointment only: booked visits at the desks of `appointments.desks`; the walk-in
    /// counter is closed.
    Appointment,
    /// Both: booked visits, and a walk-in counter in `openingHours.personal` for those who
    /// come without a booking.
    Both,
}

/// The counter by appointment: desks and slots, the booking horizon, how citizens book,
/// their patience, no-shows and late cancellations.
///
/// **Rules.** A citizen who wants a personal contact walks in (mode `both`, share
/// `walkIn`) or books. Booking is by phone (a booking call joins the phone queue with
/// `bookingTime` and counts as a phone information contact), at the counter (mode `both`,
/// while the walk-in counter is open: joins its queue with `bookingTime`, a counter
/// information contact) or on the web (no contact; also when the phone or counter is closed
/// at that moment). The booking takes the first free slot in time order at or after the
/// earliest acceptable day (the same day if `sameDay`, only slots after the moment of
/// booking; otherwise the next day), first come first served, among the slots released
/// (`horizonDays` ahead). A citizen whose slot is more workdays away than their patience
/// (exponential with mean `patienceWorkdays`, drawn per citizen), or who finds no slot
/// released, does what `whenNoSlot` says; an errand that requires attendance takes the slot
/// anyway. A booked visit starts at its slot and takes the counter's service time; the
/// minutes of a visit beyond its slot are staff time paid beyond the desks' hours (the
/// next visit still starts at its own slot). A no-show leaves the slot unused; a late
/// cancellation (the day before the slot, or at booking if that is later) gives the slot
/// back to the book, where a later booking can take it; both end the errand there.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Appointments {
    /// Walk-in, by appointment, or both.
    pub mode: CounterMode,
    /// Desks for booked visits: 7 rows (Monday first) of 24 hourly counts.
    pub desks: Vec<Vec<u32>>,
    /// Length of a slot, minutes: an hour with `d` desks holds ⌊d × 60 / slotMinutes⌋
    /// slots, evenly spaced in the hour.
    pub slot_minutes: f64,
    /// Slots are released this many calendar days ahead (the booking horizon).
    pub horizon_days: u32,
    /// A slot later the same day may be booked.
    pub same_day: bool,
    /// How those who book do it.
    pub booked_by: BookedBy,
    /// Handling time of a booking call (or a booking at the counter).
    pub booking_time: Distribution,
    /// Share of citizens wanting a personal contact who walk in without a booking (mode
    /// `both` only).
    pub walk_in: Range,
    /// The longest lead a citizen accepts, in workdays: each citizen's is exponential with
    /// this mean. Absent = every citizen accepts any lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patience_workdays: Option<Range>,
    /// What a citizen does whose first free slot is too late (or who finds none).
    pub when_no_slot: NoSlot,
    /// Share of booked visits not attended.
    pub no_show: Range,
    /// Share of bookings cancelled late (the day before the slot).
    pub late_cancellation: Range,
    /// Slots already booked at the start: the slots of this many days with slots (a
    /// fraction books the first part of a day), so that a run does not begin with an
    /// empty book. Those visits are not counted (the visits booked beyond the horizon's end
    /// wrap to its first weeks, as deferred contacts do).
    #[serde(default)]
    pub initial_backlog_days: f64,
}

/// Shares of the booking channels; they add up to 1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BookedBy {
    /// A booking call.
    pub phone: f64,
    /// Online booking.
    pub web: f64,
    /// At the counter (mode `both`, while the walk-in counter is open).
    pub counter: f64,
}

/// Probabilities (each uncertain) of what a citizen does whose first free slot is too
/// late. The likely values add up to 1; sampled values are normalised to add up to 1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoSlot {
    /// Uses another channel of the errand's mix that is open now (the phone or writing),
    /// as a citizen who finds the counter closed.
    pub switch_channel: Range,
    /// Does it digitally if eligible (if that fails, or not eligible: takes the slot).
    pub go_digital: Range,
    /// Walks in at a later walk-in opening (mode `both`; by appointment only: takes the
    /// slot).
    pub walk_in: Range,
    /// Gives up: the errand is lost.
    pub give_up: Range,
}
