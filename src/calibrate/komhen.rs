//! KOMHEN counting-week registrations: one contact a row,
//! `Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde`
//! (sometimes an age column), timestamps `dd-mm-yyyy HH:MM:SS`.
//!
//! **Mapping** (the issue's default): `Kanal` PRSNLG → counter; TLFIND → phone; EMLIND,
//! PPRIND, DOCIND, SMSIND and inbound SYS… → written; WEB and SLVBTJN → digital; outbound
//! codes (…UD) are counted as outbound work and not simulated; any other code is counted
//! and reported, not simulated. `Type` INFO and VEJL → information; OPRET and STATUS →
//! transaction; FEJL and anything else → information unless the user maps it
//! (`--types FEJL=transaction`), counted and reported either way. Rows whose
//! `Datakilde` is DetDigitaleLandkort are digital completions with no time of day.
//!
//! **Artefacts.** A contact is placed in the hour of its `StartTidspunkt` (its arrival). A
//! handling time (`SlutTidspunkt` − `StartTidspunkt`) under 30 seconds is a registration
//! artefact (the contact registered after the fact, with start = end): the contact counts
//! in every volume and in its hour, but not in the handling-time fit. So does a handling
//! time over 4 hours, an end before the start, or no end. A registration (`Dato`) more than
//! an hour after the end is counted as *late* and reported; its `StartTidspunkt` still
//! places it.

use super::text::{Moment, Table, file_error, file_issue, parse_moment};
use super::{KEPT, Observed, Q_PERSONAL, Q_PHONE, Q_WRITTEN};
use crate::error::{Error, ErrorKind, Issue};
use std::collections::BTreeMap;

/// Columns a KOMHEN file must have.
pub const REQUIRED: [&str; 6] = [
    "Opgave",
    "Kanal",
    "Type",
    "Dato",
    "StartTidspunkt",
    "SlutTidspunkt",
];

/// Is this table a KOMHEN registration file (by its header)?
pub fn recognise(t: &Table) -> bool {
    t.column(&["Kanal"]).is_some() && t.column(&["StartTidspunkt"]).is_some()
}

/// Where a `Kanal` code goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// One of the four simulated channels (index in [`super::CHANNELS`]).
    Channel(usize),
    /// Outbound work: reported, not demand.
    Outbound,
    /// A code the default mapping does not know: reported.
    Unknown,
}

/// The default mapping of a `Kanal` code.
pub fn route(kanal: &str) -> Route {
    let k = kanal.trim().to_ascii_uppercase();
    match k.as_str() {
        "PRSNLG" => Route::Channel(Q_PERSONAL),
        "TLFIND" => Route::Channel(Q_PHONE),
        "EMLIND" | "PPRIND" | "DOCIND" | "SMSIND" => Route::Channel(Q_WRITTEN),
        "WEB" | "SLVBTJN" => Route::Channel(3),
        _ if k.ends_with("UD") => Route::Outbound,
        _ if k.starts_with("SYS") => Route::Channel(Q_WRITTEN),
        _ => Route::Unknown,
    }
}

/// Is a `Type` information (`Some(true)`), transaction (`Some(false)`), or not in the
/// default mapping (`None`: counted as information and reported)?
pub fn information(ty: &str) -> Option<bool> {
    match ty.trim().to_ascii_uppercase().as_str() {
        "INFO" | "VEJL" => Some(true),
        "OPRET" | "STATUS" => Some(false),
        _ => None,
    }
}

/// Read a KOMHEN table into `obs`, keeping only the units in `units` (all if empty), with
/// `Type` codes outside the default mapping mapped by `types` (code in upper case →
/// information?; others information).
pub fn read(
    t: &Table,
    units: &[String],
    types: &BTreeMap<String, bool>,
    obs: &mut Observed,
) -> Result<(), Error> {
    let mut missing = Vec::new();
    let mut col = |name: &'static str| {
        let c = t.column(&[name]);
        if c.is_none() {
            missing.push(name);
        }
        c.unwrap_or(0)
    };
    let c_opg = col("Opgave");
    let c_kanal = col("Kanal");
    let c_type = col("Type");
    let c_dato = col("Dato");
    let c_start = col("StartTidspunkt");
    let c_slut = col("SlutTidspunkt");
    if !missing.is_empty() {
        let m = missing.join(", ");
        return Err(file_error(
            &t.file,
            1,
            "",
            &format!(
                "not a KOMHEN file: the header lacks the column(s) {m} (expected {})",
                REQUIRED.join(";")
            ),
            &format!(
                "ikke en KOMHEN-fil: overskriften mangler kolonne(r) {m} (forventet {})",
                REQUIRED.join(";")
            ),
        ));
    }
    let c_unit = t.column(&["Enhed"]);
    let c_src = t.column(&["Datakilde"]);
    let width = t.header.len();
    let mut issues: Vec<Issue> = Vec::new();
    let mut push = |i: Issue| {
        if issues.len() < 20 {
            issues.push(i);
        }
    };
    for (n, cells) in &t.rows {
        if cells.len() < width {
            push(file_issue(
                &t.file,
                *n,
                "",
                &format!(
                    "the row has {} cells, the header {width} (a truncated row?)",
                    cells.len()
                ),
                &format!(
                    "rækken har {} felter, overskriften {width} (en afkortet række?)",
                    cells.len()
                ),
            ));
            continue;
        }
        if let Some(cu) = c_unit
            && !units.is_empty()
            && !units.iter().any(|u| u.eq_ignore_ascii_case(&cells[cu]))
        {
            continue;
        }
        let digital_map =
            c_src.is_some_and(|c| cells[c].eq_ignore_ascii_case("DetDigitaleLandkort"));
        let time = |c: usize, name: &str, push: &mut dyn FnMut(Issue)| -> Option<Moment> {
            let v = &cells[c];
            if v.is_empty() {
                return None;
            }
            let m = parse_moment(v);
            if m.is_none() {
                push(file_issue(
                    &t.file,
                    *n,
                    name,
                    &format!("'{v}' is not a time dd-mm-yyyy HH:MM:SS"),
                    &format!("'{v}' er ikke et tidspunkt dd-mm-åååå TT:MM:SS"),
                ));
            }
            m
        };
        let start = time(c_start, "StartTidspunkt", &mut push);
        let end = time(c_slut, "SlutTidspunkt", &mut push);
        let reg = time(c_dato, "Dato", &mut push);
        let route = if digital_map {
            Route::Channel(3)
        } else {
            route(&cells[c_kanal])
        };
        let info = information(&cells[c_type]);
        let when = start.or(reg);
        let Some(when) = when else {
            push(file_issue(
                &t.file,
                *n,
                "StartTidspunkt",
                "the row has neither a start time nor a registration date",
                "rækken har hverken et starttidspunkt eller en registreringsdato",
            ));
            continue;
        };
        obs.add_week(when);
        match route {
            Route::Outbound => {
                obs.outbound += 1.0;
                continue;
            }
            Route::Unknown => {
                *obs.unknown_codes
                    .entry(cells[c_kanal].clone())
                    .or_insert(0.0) += 1.0;
                continue;
            }
            Route::Channel(ch) => {
                let mut info = info;
                if info.is_none() && !cells[c_type].is_empty() {
                    let code = cells[c_type].trim().to_ascii_uppercase();
                    if let Some(&i) = types.get(&code) {
                        info = Some(i);
                        obs.mapped_types.insert(code.clone(), i);
                    }
                    *obs.unmapped_types.entry(code).or_insert(0.0) += 1.0;
                }
                let group = kle_group(&cells[c_opg]);
                obs.count(ch, &group, info.unwrap_or(true));
                if ch < 2 {
                    match start {
                        Some(s)
                            if !(digital_map || s.is_midnight() && end.is_none_or(|e| e == s)) =>
                        {
                            obs.hourly[ch][s.hour_of_week()] += 1.0;
                        }
                        _ => obs.untimed[ch] += 1.0,
                    }
                }
                if ch < 3 {
                    match (start, end) {
                        (Some(s), Some(e)) => {
                            let d = e.minutes() - s.minutes();
                            if d < 0.5 {
                                obs.short[ch] += 1.0;
                            } else if d > KEPT {
                                obs.long[ch] += 1.0;
                            } else {
                                obs.handling[ch].push(d);
                            }
                            if let Some(r) = reg
                                && r.minutes() - e.minutes() > 60.0
                            {
                                obs.late += 1.0;
                            }
                        }
                        _ => obs.long[ch] += 1.0,
                    }
                }
            }
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::InvalidInput, issues))
    }
}

/// The KLE main group of an `Opgave` (its first two digits), or `"?"` without one.
pub fn kle_group(opgave: &str) -> String {
    let d: String = opgave.trim().chars().take(2).collect();
    if d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()) {
        d
    } else {
        "?".to_string()
    }
}
