//! Your own municipality: a scenario calibrated from what a municipality already counts —
//! KOMHEN counting-week registrations ([`komhen`]), the phone system's interval reports
//! ([`interval`]) or a plain table ([`table`]) — with a back-test ([`backtest`]) that shows
//! how well the simulated registrations reproduce the counted ones.
//!
//! Pure like the rest of the library: the caller hands in each file's name and bytes; the
//! result is an ordinary [`Scenario`] with a source note on every figure and a labelled
//! assumption on everything the files do not say, plus the back-test.
//!
//! ```text
//! files ──read──▶ Observed (counts per channel, weekday-hour, errand type; handling times;
//!                 phone abandonment; opening hours)
//! Observed ──fit::build──▶ Scenario (first guess) ──fit::calibrate (simulate, compare,
//!                 adjust)──▶ Scenario ──backtest──▶ observed vs simulated
//! ```

pub mod backtest;
pub mod fit;
pub mod inspect;
pub mod interval;
pub mod komhen;
pub mod table;
pub mod text;

use crate::error::Error;
use crate::scenario::{OpeningHours, Range, Scenario, WeekHours};
use std::collections::{BTreeMap, BTreeSet};
use text::{Moment, Table};

pub use backtest::{Backtest, ChannelFit};

/// Index of the counter in the per-channel arrays.
pub const Q_PERSONAL: usize = 0;
/// Index of the phone.
pub const Q_PHONE: usize = 1;
/// Index of written contacts.
pub const Q_WRITTEN: usize = 2;
/// The channels in the order of the per-channel arrays.
pub const CHANNELS: [&str; 4] = ["personal", "phone", "written", "digital"];
/// Handling times above this many minutes are left out of the handling-time fit (a contact
/// left open or registered late), but counted.
pub const KEPT: f64 = 240.0;

/// One input file: its name (as messages name it) and its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    /// The name, as given.
    pub name: String,
    /// The bytes, in any encoding [`text::decode`] reads.
    pub bytes: Vec<u8>,
}

/// The kinds of input, recognised by their header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// KOMHEN registrations.
    Komhen,
    /// A phone-system interval report.
    Interval,
    /// A plain table.
    Table,
}

impl Kind {
    /// The kind's id, as the page reads it: `komhen`, `interval` or `table`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Komhen => "komhen",
            Kind::Interval => "interval",
            Kind::Table => "table",
        }
    }

    /// English and Danish names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Kind::Komhen => ("KOMHEN registrations", "KOMHEN-registreringer"),
            Kind::Interval => ("phone interval report", "telefonrapport pr. interval"),
            Kind::Table => ("table", "tabel"),
        }
    }
}

/// What the user chose besides the files.
#[derive(Debug, Clone)]
pub struct Options {
    /// The municipality's (or unit's) name: the scenario's title.
    pub name: String,
    /// Units to keep (`Enhed`); all when empty.
    pub units: Vec<String>,
    /// Opening hours given (a scenario's `openingHours`), instead of inferring them.
    pub hours: Option<OpeningHours>,
    /// Weeks a year the counted volume stands for (default 52: the counted volume × 52 / the
    /// number of counting weeks).
    pub weeks_per_year: Option<f64>,
    /// Column names of an interval report: `(role, header)` with roles `start`, `offered`,
    /// `answered`, `abandoned`, `aht`, `asa`.
    pub map: Vec<(String, String)>,
    /// `Type` codes outside the default mapping (FEJL, …) mapped by the user: `(code,
    /// target)` with target `information` or `transaction` (`--types FEJL=transaction`).
    /// A code not mapped here is counted as information; either way its rows are reported.
    pub type_map: Vec<(String, String)>,
    /// Rounds of simulate-compare-adjust.
    pub rounds: u32,
    /// Replications of each round of simulate-compare-adjust.
    pub replications: u32,
    /// Replications of the final back-test (of the scenario as it is, uncertain ranges and
    /// all): 24 by default, as 8 left the weekly volumes 2–6 % off by noise alone.
    pub backtest_replications: u32,
    /// Threads to run replications on.
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            name: String::new(),
            units: Vec::new(),
            hours: None,
            weeks_per_year: None,
            map: Vec::new(),
            type_map: Vec::new(),
            rounds: 6,
            replications: 4,
            backtest_replications: 24,
            threads: 1,
        }
    }
}

/// Phone figures of an interval report, summed over its intervals.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PhoneReport {
    /// Calls offered.
    pub offered: f64,
    /// Calls answered.
    pub answered: f64,
    /// Calls abandoned.
    pub abandoned: f64,
    /// Mean handle time of answered calls, minutes (0 when not given).
    pub aht_min: f64,
    /// Mean speed of answer of answered calls, minutes (0 when not given).
    pub asa_min: f64,
}

/// Everything read from the files, before any fitting.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// Which file was read as what, with its encoding, for the source notes.
    pub files: Vec<(String, Kind, text::Encoding)>,
    /// Counting weeks `(ISO year, ISO week)` with at least one registration.
    pub weeks: BTreeSet<(i32, u32)>,
    /// The month (0 = January) of each counting week's Thursday.
    pub week_month: BTreeMap<(i32, u32), usize>,
    /// Weeks counted, when a table says so (instead of counting `weeks`).
    pub weeks_given: Option<f64>,
    /// Contacts per errand group (KLE main group), per channel, `[information, transaction]`.
    pub counts: BTreeMap<String, [[f64; 2]; 4]>,
    /// Counter and phone registrations by hour of the week (summed over the weeks).
    pub hourly: [Vec<f64>; 2],
    /// Whether `hourly` of a channel came from a source (not only weekly totals).
    pub hourly_known: [bool; 2],
    /// Counter and phone registrations without a time of day (counted, not placed).
    pub untimed: [f64; 2],
    /// Handling times (minutes) of counter, phone and written contacts kept for the fit.
    pub handling: [Vec<f64>; 3],
    /// Handling times under 30 s per channel (left out of the fit, counted).
    pub short: [f64; 3],
    /// Handling times missing, negative or over [`KEPT`] minutes (left out, counted).
    pub long: [f64; 3],
    /// Registrations more than an hour after the contact ended.
    pub late: f64,
    /// Outbound contacts (…UD): work, not demand.
    pub outbound: f64,
    /// `Kanal` codes the mapping does not know, with their counts (not simulated).
    pub unknown_codes: BTreeMap<String, f64>,
    /// `Type` codes the default mapping does not know, with their rows (counted as
    /// information unless [`Options::type_map`] maps them).
    pub unmapped_types: BTreeMap<String, f64>,
    /// Of [`Observed::unmapped_types`], those the user mapped: code → information?
    pub mapped_types: BTreeMap<String, bool>,
    /// Inhabitants, when a table gives them (for per-inhabitant defaults).
    pub inhabitants: Option<f64>,
    /// Channels whose contacts a year came from a per-inhabitant default (a table with
    /// `inhabitants` and no count of the channel): the rate per inhabitant a year.
    pub per_inhabitant: [Option<Range>; 4],
    /// The municipality's name, when a table gives it (used when no name is chosen).
    pub name: Option<String>,
    /// Answered calls of interval reports by hour of the week (summed over the weeks).
    pub report_hourly: Vec<f64>,
    /// Phone figures from interval reports.
    pub phone_report: Option<PhoneReport>,
    /// Handling-time means given by a table, per counter, phone, written.
    pub handling_mean: [Option<f64>; 3],
    /// Handling-time bins given by a table: `(edges, weights)` per counter, phone, written.
    pub handling_bins: [Option<(Vec<f64>, Vec<f64>)>; 3],
    /// Opening hours given by a table, per counter and phone.
    pub opening: [Option<WeekHours>; 2],
    /// Staff per weekday-hour given by a table, per counter and phone.
    pub staff: [Option<Vec<Vec<u32>>>; 2],
    /// The month of the count, when a table gives it.
    pub month_given: Option<usize>,
    /// What the count is called, when a table gives it ("henvendelsesanalyse januar 2008").
    pub label: Option<String>,
}

impl Observed {
    /// Note the counting week of a registration.
    pub fn add_week(&mut self, m: Moment) {
        let w = m.iso_week();
        self.weeks.insert(w);
        // The month of the week's Thursday.
        let th = Moment {
            day: m.day - m.weekday() as i64 + 3,
            ..m
        };
        self.week_month.insert(w, th.month());
    }

    /// Count one contact of `group` on channel `ch`.
    pub fn count(&mut self, ch: usize, group: &str, information: bool) {
        let c = self.counts.entry(group.to_string()).or_default();
        c[ch][if information { 0 } else { 1 }] += 1.0;
    }

    /// Number of weeks counted (at least one).
    pub fn n_weeks(&self) -> f64 {
        self.weeks_given.unwrap_or(self.weeks.len() as f64).max(1.0)
    }

    /// Contacts per channel, summed over the groups.
    pub fn totals(&self) -> [f64; 4] {
        let mut t = [0.0; 4];
        for c in self.counts.values() {
            for (ch, x) in c.iter().enumerate() {
                t[ch] += x[0] + x[1];
            }
        }
        t
    }

    /// Contacts per channel per counted week.
    pub fn weekly(&self) -> [f64; 4] {
        let w = self.n_weeks();
        self.totals().map(|x| x / w)
    }

    /// "counting weeks 43–45, 2013" / "tælleuge 43–45, 2013" or the table's label.
    pub fn period(&self) -> (String, String) {
        if let Some(l) = &self.label {
            return (l.clone(), l.clone());
        }
        let weeks: Vec<String> = self.weeks.iter().map(|(y, w)| format!("{w}/{y}")).collect();
        let years: BTreeSet<i32> = self.weeks.iter().map(|w| w.0).collect();
        let list = if years.len() == 1 {
            let y = years.iter().next().copied().unwrap_or_default();
            let ws: Vec<String> = self.weeks.iter().map(|w| w.1.to_string()).collect();
            format!("{}, {y}", ws.join(", "))
        } else {
            weeks.join(", ")
        };
        if self.weeks.len() == 1 {
            (format!("counting week {list}"), format!("tælleuge {list}"))
        } else {
            (
                format!("counting weeks {list}"),
                format!("tælleuger {list}"),
            )
        }
    }
}

/// A calibrated municipality: the scenario, the back-test, and what was read.
#[derive(Debug, Clone)]
pub struct Calibration {
    /// The scenario, with a note on every figure.
    pub scenario: Scenario,
    /// Observed against simulated.
    pub backtest: Backtest,
    /// What was read.
    pub observed: Observed,
    /// The rounds of simulate-compare-adjust that ran.
    pub rounds: u32,
}

/// Read the files into one [`Observed`], each recognised by its header.
pub fn read(files: &[InputFile], opts: &Options) -> Result<Observed, Error> {
    let mut obs = Observed {
        hourly: [vec![0.0; 168], vec![0.0; 168]],
        report_hourly: vec![0.0; 168],
        ..Observed::default()
    };
    let types = type_map(&opts.type_map)?;
    let mut issues = Vec::new();
    for f in files {
        let (txt, enc) = text::decode(&f.bytes);
        let t = match Table::parse(&f.name, &txt) {
            Ok(t) => t,
            Err(e) => {
                issues.extend(e.issues);
                continue;
            }
        };
        let kind = if komhen::recognise(&t) {
            Kind::Komhen
        } else if table::recognise(&t) {
            Kind::Table
        } else if interval::recognise(&t, &opts.map) {
            Kind::Interval
        } else {
            issues.push(text::file_issue(
                &f.name,
                1,
                "",
                "the header is not that of a KOMHEN file (Kanal;StartTidspunkt;…), a phone \
                 interval report (interval start, offered, answered; other names with --map \
                 offered=…,answered=…) or a table (what;channel;key;value)",
                "overskriften er hverken en KOMHEN-fils (Kanal;StartTidspunkt;…), en \
                 telefonrapports (intervalstart, tilbudte, besvarede; andre navne med --map \
                 offered=…,answered=…) eller en tabels (what;channel;key;value)",
            ));
            continue;
        };
        let r = match kind {
            Kind::Komhen => komhen::read(&t, &opts.units, &types, &mut obs),
            Kind::Interval => interval::read(&t, &opts.map, &mut obs),
            Kind::Table => table::read(&t, &mut obs),
        };
        match r {
            Ok(()) => obs.files.push((f.name.clone(), kind, enc)),
            Err(e) => issues.extend(e.issues),
        }
    }
    if !issues.is_empty() {
        return Err(Error::new(crate::ErrorKind::InvalidInput, issues));
    }
    // Answered calls are the phone's registrations when no KOMHEN file counts the phone
    // (their kind is unknown: counted as information, see the note on the errand types).
    let komhen_phone: f64 = obs
        .counts
        .values()
        .map(|x| x[Q_PHONE][0] + x[Q_PHONE][1])
        .sum();
    if let Some(r) = obs.phone_report
        && komhen_phone == 0.0
    {
        for (h, x) in obs.report_hourly.iter().enumerate() {
            obs.hourly[Q_PHONE][h] = *x;
        }
        obs.count_n(Q_PHONE, "?", true, r.answered);
    }
    let t = obs.totals();
    if t.iter().sum::<f64>() <= 0.0 {
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        let path = names.join(", ");
        return Err(if opts.units.is_empty() {
            Error::input(
                path,
                "no inbound contacts to calibrate to (only outbound or unknown codes, or no rows)",
                "ingen indgående henvendelser at kalibrere til (kun udgående eller ukendte \
                 koder, eller ingen rækker)",
            )
        } else {
            Error::input(
                path,
                format!(
                    "no inbound contacts of the unit(s) {} (check --unit against the column Enhed)",
                    opts.units.join(", ")
                ),
                format!(
                    "ingen indgående henvendelser fra enhed(erne) {} (tjek --unit mod kolonnen \
                     Enhed)",
                    opts.units.join(", ")
                ),
            )
        });
    }
    obs.hourly_known[0] |= obs.hourly[0].iter().sum::<f64>() > 0.0;
    obs.hourly_known[1] |= obs.hourly[1].iter().sum::<f64>() > 0.0;
    Ok(obs)
}

/// What a `Type` code counts as, as [`type_map`] reads it: `information` or `transaction`.
pub fn type_target(information: bool) -> &'static str {
    if information {
        "information"
    } else {
        "transaction"
    }
}

/// The user's `Type` mapping checked: code (upper case) → information?
pub fn type_map(map: &[(String, String)]) -> Result<BTreeMap<String, bool>, Error> {
    let mut out = BTreeMap::new();
    let mut issues = Vec::new();
    for (code, target) in map {
        let info = match target.trim().to_ascii_lowercase().as_str() {
            "information" | "info" => true,
            "transaction" | "sagsbehandling" => false,
            _ => {
                issues.push(crate::error::Issue::new(
                    "--types",
                    format!(
                        "'{code}={target}': a Type code maps to information or transaction"
                    ),
                    format!(
                        "'{code}={target}': en Type-kode kan kun blive information eller transaction (sagsbehandling)"
                    ),
                ));
                continue;
            }
        };
        if code.trim().is_empty() {
            issues.push(crate::error::Issue::new(
                "--types",
                format!("'={target}': the Type code is missing"),
                format!("'={target}': Type-koden mangler"),
            ));
            continue;
        }
        out.insert(code.trim().to_ascii_uppercase(), info);
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(Error::new(crate::ErrorKind::InvalidInput, issues))
    }
}

/// Read the files, build a scenario, calibrate it by simulation and back-test it.
pub fn calibrate(files: &[InputFile], opts: &Options) -> Result<Calibration, Error> {
    let obs = read(files, opts)?;
    // A table's name stands when none is chosen.
    match &obs.name {
        Some(n) if opts.name.trim().is_empty() => {
            let o = Options {
                name: n.clone(),
                ..opts.clone()
            };
            fit::calibrate(obs, &o)
        }
        _ => fit::calibrate(obs, opts),
    }
}
