//! Results: key figures as distributions over replications, columnar series, and paired
//! differences for a comparison.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a metric is measured.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Unit {
    /// A count over the horizon (errands, contacts, calls).
    Count,
    /// A share between 0 and 1.
    Share,
    /// Minutes.
    Minutes,
    /// Hours over the horizon.
    Hours,
    /// Full-time equivalents.
    Fte,
    /// Danish kroner over the horizon (or per contact, for `cost.staffPerContact.*`).
    Dkk,
    /// Days (calendar days or workdays, as the metric's label says).
    Days,
}

/// A metric's id, unit and labels.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricDef {
    /// Stable id, the key in [`Results::metrics`].
    pub id: &'static str,
    /// Unit.
    pub unit: Unit,
    /// English label.
    pub en: &'static str,
    /// Danish label.
    pub da: &'static str,
}

macro_rules! metrics {
    ($(#[$doc:meta])* $enum:ident, $(#[$ldoc:meta])* $list:ident;
     $( $name:ident = ($id:literal, $unit:ident, $en:literal, $da:literal) ),* $(,)?) => {
        $(#[$doc])*
        #[allow(missing_docs)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(usize)]
        pub enum $enum { $( $name ),* }
        $(#[$ldoc])*
        pub const $list: &[MetricDef] = &[
            $( MetricDef { id: $id, unit: Unit::$unit, en: $en, da: $da } ),*
        ];
    };
}

metrics! {
    /// Index of each metric in a replication's scalar vector.
    M,
    /// Every metric, in report order.
    METRICS;
    Errands = ("errands", Count, "Errands", "Ærinder"),
    GaveUp = ("gaveUp", Count, "Errands given up", "Opgivne ærinder"),
    GaveUpClosed = ("gaveUp.closed", Count, "Given up because the channel was closed", "Opgivet fordi kanalen var lukket"),
    GaveUpAbandoned = ("gaveUp.abandoned", Count, "Given up after waiting in a queue", "Opgivet efter ventetid i kø"),
    ContactsPersonal = ("contacts.personal", Count, "Counter contacts", "Personlige henvendelser"),
    ContactsPersonalInfo = ("contacts.personal.information", Count, "Counter contacts, information", "Personlige henvendelser, information"),
    ContactsPersonalTrans = ("contacts.personal.transaction", Count, "Counter contacts, transaction", "Personlige henvendelser, sagsbehandling"),
    ContactsPhone = ("contacts.phone", Count, "Phone contacts (answered calls)", "Telefoniske henvendelser (besvarede opkald)"),
    ContactsPhoneInfo = ("contacts.phone.information", Count, "Phone contacts, information", "Telefoniske henvendelser, information"),
    ContactsPhoneTrans = ("contacts.phone.transaction", Count, "Phone contacts, transaction", "Telefoniske henvendelser, sagsbehandling"),
    ContactsWritten = ("contacts.written", Count, "Written contacts", "Skriftlige henvendelser"),
    ContactsWrittenInfo = ("contacts.written.information", Count, "Written contacts, information", "Skriftlige henvendelser, information"),
    ContactsWrittenTrans = ("contacts.written.transaction", Count, "Written contacts, transaction", "Skriftlige henvendelser, sagsbehandling"),
    ContactsDigital = ("contacts.digital", Count, "Digital self-service completed", "Digital selvbetjening gennemført"),
    ContactsDigitalInfo = ("contacts.digital.information", Count, "Digital self-service, information", "Digital selvbetjening, information"),
    ContactsDigitalTrans = ("contacts.digital.transaction", Count, "Digital self-service, transaction", "Digital selvbetjening, sagsbehandling"),
    ContactsAssistedInfo = ("contacts.personalAndPhone.information", Count, "Counter and phone information contacts", "Personlige og telefoniske informationshenvendelser"),
    DigitalShare = ("digitalShare", Share, "Digital share of completed errands", "Digital andel af afsluttede ærinder"),
    DigitalFailures = ("digital.failures", Count, "Failed digital attempts (follow-up contacts)", "Mislykkede digitale forsøg (opfølgende henvendelser)"),
    DisplacedDeferred = ("displaced.deferred", Count, "Closed channel: came back at next opening", "Lukket kanal: kom igen ved næste åbning"),
    DisplacedSwitched = ("displaced.switched", Count, "Closed channel: switched channel", "Lukket kanal: skiftede kanal"),
    DisplacedDigital = ("displaced.digital", Count, "Closed channel: went digital", "Lukket kanal: gik digitalt"),
    DisplacedGaveUp = ("displaced.gaveUp", Count, "Closed channel: gave up", "Lukket kanal: opgav"),
    PhoneOffered = ("phone.offered", Count, "Calls offered (incl. redials)", "Opkald i alt (inkl. genopkald)"),
    PhoneAnswered = ("phone.answered", Count, "Calls answered", "Besvarede opkald"),
    PhoneAbandoned = ("phone.abandoned", Count, "Calls abandoned", "Opgivne opkald"),
    PhoneRedials = ("phone.redials", Count, "Redials after abandoning", "Genopkald efter opgivelse"),
    PhoneAbandonShare = ("phone.abandonShare", Share, "Share of calls abandoned", "Andel opgivne opkald"),
    PhonePWait = ("phone.pWait", Share, "Share of calls that wait", "Andel opkald der venter"),
    PhoneServiceLevel = ("phone.serviceLevel", Share, "Calls answered within target", "Opkald besvaret inden for målet"),
    PhoneMeanWait = ("phone.meanWaitMin", Minutes, "Mean wait of answered calls", "Gennemsnitlig ventetid for besvarede opkald"),
    PhoneP90Wait = ("phone.p90WaitMin", Minutes, "90th-percentile wait of answered calls", "90 %-fraktil af ventetid for besvarede opkald"),
    PhoneStaffHours = ("phone.staffHours", Hours, "Phone staff hours", "Medarbejdertimer i telefonen"),
    PhoneUtilisation = ("phone.utilisation", Share, "Phone staff busy share", "Telefonmedarbejdernes belægning"),
    PersonalOffered = ("personal.offered", Count, "Counter arrivals (incl. returns)", "Fremmødte ved skranken (inkl. genbesøg)"),
    PersonalAnswered = ("personal.answered", Count, "Counter visits served", "Betjente ved skranken"),
    PersonalAbandoned = ("personal.abandoned", Count, "Counter visitors who left the queue", "Gik fra køen ved skranken"),
    PersonalRedials = ("personal.redials", Count, "Counter visitors who came back", "Kom igen til skranken"),
    PersonalAbandonShare = ("personal.abandonShare", Share, "Share who left the counter queue", "Andel der gik fra køen"),
    PersonalPWait = ("personal.pWait", Share, "Share of counter visitors who wait", "Andel ved skranken der venter"),
    PersonalServiceLevel = ("personal.serviceLevel", Share, "Counter visitors served within target", "Betjent ved skranken inden for målet"),
    PersonalMeanWait = ("personal.meanWaitMin", Minutes, "Mean counter wait", "Gennemsnitlig ventetid ved skranken"),
    PersonalP90Wait = ("personal.p90WaitMin", Minutes, "90th-percentile counter wait", "90 %-fraktil af ventetid ved skranken"),
    PersonalStaffHours = ("personal.staffHours", Hours, "Counter staff hours", "Medarbejdertimer ved skranken"),
    PersonalUtilisation = ("personal.utilisation", Share, "Counter staff busy share", "Skrankemedarbejdernes belægning"),
    WrittenHours = ("written.backOfficeHours", Hours, "Back-office hours for written contacts", "Sagsbehandlertimer til skriftlige henvendelser"),
    StaffHours = ("staff.hours", Hours, "Staff hours, all channels", "Medarbejdertimer, alle kanaler"),
    StaffFte = ("staff.fte", Fte, "Full-time equivalents (per year)", "Årsværk (pr. år)"),
    CostUnitPersonal = ("cost.unit.personal", Dkk, "Cost by unit price: counter", "Omkostning efter kanalpris: personlig"),
    CostUnitPhone = ("cost.unit.phone", Dkk, "Cost by unit price: phone", "Omkostning efter kanalpris: telefon"),
    CostUnitWritten = ("cost.unit.written", Dkk, "Cost by unit price: written", "Omkostning efter kanalpris: skriftlig"),
    CostUnitDigital = ("cost.unit.digital", Dkk, "Cost by unit price: digital", "Omkostning efter kanalpris: digital"),
    CostUnitTotal = ("cost.unit.total", Dkk, "Cost by unit price: total", "Omkostning efter kanalpris: i alt"),
    CostStaffPersonal = ("cost.staff.personal", Dkk, "Staff cost: counter", "Lønomkostning: personlig"),
    CostStaffPhone = ("cost.staff.phone", Dkk, "Staff cost: phone", "Lønomkostning: telefon"),
    CostStaffWritten = ("cost.staff.written", Dkk, "Staff cost: written", "Lønomkostning: skriftlig"),
    CostStaffTotal = ("cost.staff.total", Dkk, "Staff cost: total", "Lønomkostning: i alt"),
    DigitalFailuresInfo = ("digital.failures.information", Count, "Failed digital attempts, information", "Mislykkede digitale forsøg, information"),
    CostStaffPerContactPersonal = ("cost.staffPerContact.personal", Dkk, "Staff cost per counter contact", "Lønomkostning pr. personlig henvendelse"),
    CostStaffPerContactPhone = ("cost.staffPerContact.phone", Dkk, "Staff cost per phone contact", "Lønomkostning pr. telefonisk henvendelse"),
    CostStaffPerContactWritten = ("cost.staffPerContact.written", Dkk, "Staff cost per written contact", "Lønomkostning pr. skriftlig henvendelse"),
    CostLostErrands = ("cost.lostErrands", Dkk, "Cost of errands given up (assumed price each)", "Omkostning ved opgivne ærinder (antaget pris pr. stk.)"),
    DigitalAdoptionOfAll = ("digital.adoptionOfAllErrands", Share, "Digital adoption as a share of all errands", "Digital anvendelse som andel af alle ærinder"),
}

/// Number of scalar metrics.
pub const N_METRICS: usize = METRICS.len();

metrics! {
    /// Index of each appointment metric in a replication's appointment scalars.
    A,
    /// The metrics of the counter by appointment, reported only for a scenario that uses
    /// appointments (so that a walk-in scenario's results are exactly what they were). Leads
    /// count from the day of the request to the day of the slot; workdays are Monday–Friday
    /// after the request's day up to and including the slot's. The medians and P90s are
    /// whole days, at most 4,095 (a longer lead counts as 4,095); the means are exact.
    APPOINTMENT_METRICS;
    Requests = ("appointments.requests", Count, "Booking requests", "Ønsker om en tid"),
    Booked = ("appointments.booked", Count, "Appointments booked", "Bestilte tider"),
    MeanLeadDays = ("appointments.meanLeadDays", Days, "Mean days to the appointment (calendar days)", "Gennemsnitlig ventetid på en tid (kalenderdage)"),
    P50LeadDays = ("appointments.p50LeadDays", Days, "Median days to the appointment (calendar days)", "Median for ventetid på en tid (kalenderdage)"),
    P90LeadDays = ("appointments.p90LeadDays", Days, "P90 days to the appointment (calendar days)", "90 %-fraktil af ventetid på en tid (kalenderdage)"),
    MeanLeadWorkdays = ("appointments.meanLeadWorkdays", Days, "Mean workdays to the appointment", "Gennemsnitlig ventetid på en tid (hverdage)"),
    P50LeadWorkdays = ("appointments.p50LeadWorkdays", Days, "Median workdays to the appointment", "Median for ventetid på en tid (hverdage)"),
    P90LeadWorkdays = ("appointments.p90LeadWorkdays", Days, "P90 workdays to the appointment", "90 %-fraktil af ventetid på en tid (hverdage)"),
    WithinFiveWorkdays = ("appointments.withinFiveWorkdays", Share, "Appointments within 5 workdays", "Tider inden for 5 hverdage"),
    WithinFiveDays = ("appointments.withinFiveDays", Share, "Appointments within 5 calendar days", "Tider inden for 5 kalenderdage"),
    Visits = ("appointments.visits", Count, "Booked visits attended", "Gennemførte bestilte besøg"),
    ShareBooked = ("appointments.shareBooked", Share, "Share of counter visits that were booked", "Andel af skrankebesøg med bestilt tid"),
    NoShows = ("appointments.noShows", Count, "No-shows (slot unused)", "Udeblivelser (tiden ubrugt)"),
    NoShowShare = ("appointments.noShowShare", Share, "Share of booked visits not attended", "Andel bestilte besøg uden fremmøde"),
    LateCancellations = ("appointments.lateCancellations", Count, "Late cancellations", "Sene afbud"),
    Rebooked = ("appointments.rebookedSlots", Count, "Cancelled slots booked again", "Afmeldte tider bestilt igen"),
    Slots = ("appointments.slots", Count, "Slots offered", "Udbudte tider"),
    SlotUtilisation = ("appointments.slotUtilisation", Share, "Share of slots used by a visit", "Andel af tiderne brugt til et besøg"),
    BookingCalls = ("appointments.bookingCalls", Count, "Bookings by phone (answered booking calls)", "Bestillinger pr. telefon (besvarede bestillingsopkald)"),
    BookingsAtCounter = ("appointments.bookingsAtCounter", Count, "Bookings at the counter", "Bestillinger ved skranken"),
    BookingsOnline = ("appointments.bookingsOnline", Count, "Bookings online", "Bestillinger på nettet"),
    TooLate = ("appointments.tooLate", Count, "Requests with no slot soon enough", "Ønsker uden en ledig tid tidsnok"),
    Lost = ("appointments.lost", Count, "Errands lost: no slot soon enough", "Tabte ærinder: ingen tid tidsnok"),
    WalkInsInstead = ("appointments.walkInsInstead", Count, "Walked in instead of a late slot", "Mødte op uden tid i stedet for en sen tid"),
    StaffHours = ("appointments.staffHours", Hours, "Staff hours at the booked desks (incl. visits longer than their slot)", "Medarbejdertimer ved skranker med tidsbestilling (inkl. besøg ud over deres tid)"),
    StaffCost = ("appointments.staffCost", Dkk, "Staff cost of the booked desks", "Lønomkostning ved skranker med tidsbestilling"),
}

/// Number of appointment metrics.
pub const N_APPOINTMENT_METRICS: usize = APPOINTMENT_METRICS.len();

/// Look up a metric definition by id (appointment metrics included).
pub fn metric(id: &str) -> Option<&'static MetricDef> {
    METRICS
        .iter()
        .chain(APPOINTMENT_METRICS)
        .find(|m| m.id == id)
}

/// A distribution over replications: mean and percentiles.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Mean over replications.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 95th percentile.
    pub p95: f64,
    /// The 90 % confidence interval of the mean over replications, `[lo, hi]`: mean ± the
    /// 95 % point of Student's t with n − 1 degrees of freedom × s / √n. `[mean, mean]` for
    /// one replication. (P5–P95 is the spread of single replications; this is how well the
    /// mean is known.)
    pub ci90: [f64; 2],
}

/// Percentile by linear interpolation between order statistics (Hyndman–Fan type 7, the
/// default of R and NumPy). `sorted` must be sorted and non-empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 1 {
        return sorted[0];
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

impl Summary {
    /// Summarise values given in replication order (the mean sums in that order, so the
    /// result does not depend on how replications were scheduled), with the t-based 90 %
    /// confidence interval of the mean ([`crate::stats::mean_ci`]).
    pub fn of(values: &[f64]) -> Summary {
        if values.is_empty() {
            return Summary::default();
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        let mut s = values.to_vec();
        s.sort_by(f64::total_cmp);
        Summary {
            mean,
            p5: percentile(&s, 0.05),
            p25: percentile(&s, 0.25),
            p50: percentile(&s, 0.5),
            p75: percentile(&s, 0.75),
            p95: percentile(&s, 0.95),
            ci90: crate::stats::mean_ci_of(mean, values, 0.9),
        }
    }
}

/// One figure's values over replications, folded one at a time: in replication order, and
/// kept sorted by insertion, with the running sum in replication order — so a summary of
/// what has been folded so far costs no sort, and equals [`Summary::of`] of the values to
/// the bit (the same sum in the same order, the same order statistics).
#[derive(Debug, Clone, Default)]
pub struct Column {
    values: Vec<f64>,
    sorted: Vec<f64>,
    /// The sum in replication order, from −0.0 as `Iterator::sum` of `f64` starts.
    sum: f64,
}

impl Column {
    /// An empty column.
    pub fn new() -> Column {
        Column {
            values: Vec::new(),
            sorted: Vec::new(),
            sum: -0.0,
        }
    }

    /// Fold the next replication's value.
    pub fn push(&mut self, v: f64) {
        self.values.push(v);
        let at = self.sorted.partition_point(|x| x.total_cmp(&v).is_le());
        self.sorted.insert(at, v);
        self.sum += v;
    }

    /// The values in replication order.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    fn mean(&self) -> f64 {
        self.sum / self.values.len() as f64
    }

    /// [`Summary::of`] the values, without sorting them again.
    pub fn summary(&self) -> Summary {
        if self.values.is_empty() {
            return Summary::default();
        }
        let (mean, s) = (self.mean(), &self.sorted);
        Summary {
            mean,
            p5: percentile(s, 0.05),
            p25: percentile(s, 0.25),
            p50: percentile(s, 0.5),
            p75: percentile(s, 0.75),
            p95: percentile(s, 0.95),
            ci90: crate::stats::mean_ci_of(mean, &self.values, 0.9),
        }
    }

    /// Mean, P5, median and P95 (a point of a [`Band`]) in constant time.
    pub fn band_point(&self) -> [f64; 4] {
        if self.values.is_empty() {
            return [0.0; 4];
        }
        let s = &self.sorted;
        [
            self.mean(),
            percentile(s, 0.05),
            percentile(s, 0.5),
            percentile(s, 0.95),
        ]
    }

    /// The ranks of the values in replication order (ties share their mean rank), as
    /// [`spearman`] ranks them.
    pub fn ranks(&self) -> Vec<f64> {
        ranks(&self.values)
    }
}

/// A series with an uncertainty band: for each point, mean and percentiles over replications.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    /// Mean per point.
    pub mean: Vec<f64>,
    /// 5th percentile per point.
    pub p5: Vec<f64>,
    /// Median per point.
    pub p50: Vec<f64>,
    /// 95th percentile per point.
    pub p95: Vec<f64>,
}

/// Contacts per week over the horizon, per channel, with bands.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Weekly {
    /// Counter contacts served per week.
    pub personal: Band,
    /// Calls answered per week.
    pub phone: Band,
    /// Written contacts per week.
    pub written: Band,
    /// Digital self-service completed per week.
    pub digital: Band,
    /// Errands given up per week.
    pub gave_up: Band,
}

/// Hour-of-week profile (168 points, Monday 00–01 first) of a queue channel, averaged over
/// the weeks and replications.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct HourProfile {
    /// Mean arrivals to the queue in that hour of the week.
    pub arrivals: Vec<f64>,
    /// Mean wait (minutes) of those served who arrived in that hour; 0 where none arrived.
    pub mean_wait_min: Vec<f64>,
    /// Time-average number waiting in the queue during that hour.
    pub queue_length: Vec<f64>,
    /// Mean staff on duty (open minutes × staff / 60).
    pub staff: Vec<f64>,
}

/// Hour-of-week profiles of both queue channels plus desired contacts.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct HourOfWeek {
    /// Counter.
    pub personal: HourProfile,
    /// Phone.
    pub phone: HourProfile,
    /// Mean errands arising (desired contact times) in each hour of the week.
    pub desired: Vec<f64>,
}

/// Everything a run reports.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    /// Results format version.
    pub format_version: u32,
    /// Version of the engine that produced them.
    pub engine_version: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario title (Danish).
    pub title: String,
    /// Seed used.
    pub seed: u64,
    /// Replications completed (and summarised).
    pub replications: u32,
    /// Replications asked for.
    pub replications_requested: u32,
    /// Simulated weeks.
    pub horizon_weeks: u32,
    /// Key figures by metric id (see [`METRICS`]).
    pub metrics: BTreeMap<String, Summary>,
    /// Weekly series.
    pub weekly: Weekly,
    /// Hour-of-week profiles.
    pub hour_of_week: HourOfWeek,
    /// Which uncertain inputs drive the key figures.
    pub sensitivity: Vec<Sensitivity>,
    /// The realised distribution of handling times of completed contacts, per channel.
    pub handling_time: HandlingTime,
    /// The counter by appointment, per week of the request (absent for a walk-in counter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointments: Option<AppointmentSeries>,
    /// The precision rule's outcome, for a run with one (`kanalsim run --precision`);
    /// absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<crate::precision::PrecisionReport>,
}

/// The appointment book per week of the request, with bands over replications.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentSeries {
    /// Mean days from request to appointment (calendar days).
    pub mean_lead_days: Band,
    /// Share of appointments within 5 workdays.
    pub within_five_workdays: Band,
}

/// Shares of completed contacts by handling time (back-office time for written contacts),
/// in Hørsholm's bins: 0–2, 2–4, 4–6, 6–8, 8–10 and more than 10 minutes. Each channel's
/// shares sum to 1 (all 0 without contacts).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandlingTime {
    /// Lower edges of the bins, minutes (the last bin is open).
    pub edges_min: Vec<f64>,
    /// Counter.
    pub personal: Vec<f64>,
    /// Phone.
    pub phone: Vec<f64>,
    /// Written.
    pub written: Vec<f64>,
}

/// The rank correlation of one uncertain input with a key figure across replications.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputEffect {
    /// Input id: the path of the range in the scenario, e.g. `digital.adoption`.
    pub input: String,
    /// Spearman rank correlation between the sampled input and the figure (−1…1; 0 when the
    /// input is fixed or too few replications have run).
    pub rho: f64,
}

/// Inputs ranked by how strongly they move one key figure (a tornado chart).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sensitivity {
    /// Metric id.
    pub metric: String,
    /// Inputs, strongest (by |rho|) first.
    pub inputs: Vec<InputEffect>,
}

/// Key figures for which sensitivity is reported.
pub const SENSITIVITY_METRICS: [&str; 7] = [
    "contacts.personalAndPhone.information",
    "contacts.phone",
    "gaveUp",
    "phone.abandonShare",
    "phone.serviceLevel",
    "cost.unit.total",
    "staff.hours",
];

/// Key figures of the appointment book for which sensitivity is reported (with
/// appointments only).
pub const APPOINTMENT_SENSITIVITY: [&str; 3] = [
    "appointments.meanLeadDays",
    "appointments.withinFiveWorkdays",
    "appointments.lost",
];

fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0;
        for k in i..=j {
            r[idx[k]] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman rank correlation; 0 when either side is constant or there are fewer than 3
/// values.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    if n < 3 {
        return 0.0;
    }
    spearman_of_ranks(&ranks(&x[..n]), &ranks(&y[..n]))
}

/// [`spearman`] of two series already ranked (by [`Column::ranks`]; the same length), so a
/// series correlated with several others is ranked once.
pub fn spearman_of_ranks(rx: &[f64], ry: &[f64]) -> f64 {
    let n = rx.len().min(ry.len());
    if n < 3 {
        return 0.0;
    }
    let m = (n as f64 - 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (a, b) = (rx[i] - m, ry[i] - m);
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        0.0
    } else {
        (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0)
    }
}

/// A baseline and a scenario run with common random numbers, and their paired differences.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Baseline results.
    pub baseline: Results,
    /// Scenario results.
    pub scenario: Results,
    /// Scenario minus baseline, replication by replication, summarised.
    pub difference: BTreeMap<String, Summary>,
    /// The precision rule's outcome, for a comparison run with one (`kanalsim compare
    /// --precision`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<crate::precision::PrecisionReport>,
}

#[cfg(test)]
mod column_tests {
    use super::*;

    /// Awkward values: ties, signed zeros, a wide range, in a scrambled order.
    fn values(n: usize) -> Vec<f64> {
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                match i % 7 {
                    0 => -0.0,
                    1 => 0.0,
                    2 => 3.0,
                    _ => (x >> 11) as f64 / (1u64 << 40) as f64 - 1000.0,
                }
            })
            .collect()
    }

    #[test]
    fn column_summaries_equal_summary_of_to_the_bit() {
        let v = values(257);
        let mut c = Column::new();
        for (i, &x) in v.iter().enumerate() {
            c.push(x);
            let (got, want) = (c.summary(), Summary::of(&v[..=i]));
            let bits = |s: &Summary| {
                [
                    s.mean, s.p5, s.p25, s.p50, s.p75, s.p95, s.ci90[0], s.ci90[1],
                ]
                .map(f64::to_bits)
            };
            assert_eq!(bits(&got), bits(&want), "after {} values", i + 1);
            let b = c.band_point();
            assert_eq!(
                b.map(f64::to_bits),
                [want.mean, want.p5, want.p50, want.p95].map(f64::to_bits)
            );
        }
        // All negative zeros: the sum keeps its sign, as `Iterator::sum` does.
        let mut z = Column::new();
        z.push(-0.0);
        z.push(-0.0);
        assert_eq!(
            z.summary().mean.to_bits(),
            Summary::of(&[-0.0, -0.0]).mean.to_bits()
        );
        assert_eq!(Column::new().summary(), Summary::default());
    }

    #[test]
    fn spearman_of_ranks_equals_spearman() {
        let (x, y) = (values(120), values(121)[1..].to_vec());
        let (mut cx, mut cy) = (Column::new(), Column::new());
        for (a, b) in x.iter().zip(&y) {
            cx.push(*a);
            cy.push(*b);
        }
        let r = spearman_of_ranks(&cx.ranks(), &cy.ranks());
        assert_eq!(r.to_bits(), spearman(&x, &y).to_bits());
        assert!(r != 0.0);
        assert_eq!(spearman_of_ranks(&[0.0, 1.0], &[1.0, 0.0]), 0.0);
    }
}
