//! Phone-system interval reports: one row per 15, 30 or 60 minutes with the interval's start
//! and the calls offered, answered and abandoned, optionally the average handle time (AHT)
//! and average speed of answer (ASA), in seconds or `mm:ss`. The columns are recognised by
//! their names (English or Danish); other names are given with `--map
//! offered=Tilbudte,answered=Besvarede,…`. The answered calls are the registrations the
//! back-test reproduces, placed in the hour of the interval's start.

use super::Observed;
use super::text::{
    Table, file_error, file_issue, parse_moment, parse_number, parse_seconds_as_minutes,
};
use crate::error::{Error, ErrorKind, Issue};

/// The roles of the columns and the header names recognised for each.
pub const ROLES: [(&str, &[&str]); 6] = [
    (
        "start",
        &[
            "interval",
            "intervalstart",
            "start",
            "starttime",
            "intervalstarttime",
            "tidspunkt",
            "periode",
            "fra",
        ],
    ),
    (
        "offered",
        &[
            "offered",
            "callsoffered",
            "tilbudte",
            "tilbudt",
            "indgående",
            "opkald",
        ],
    ),
    (
        "answered",
        &[
            "answered",
            "callsanswered",
            "handled",
            "besvarede",
            "besvaret",
        ],
    ),
    (
        "abandoned",
        &[
            "abandoned",
            "callsabandoned",
            "opgivne",
            "opgivet",
            "afbrudte",
            "tabte",
        ],
    ),
    (
        "aht",
        &[
            "aht",
            "averagehandletime",
            "avghandletime",
            "gnssamtaletid",
            "samtaletid",
        ],
    ),
    (
        "asa",
        &[
            "asa",
            "averagespeedofanswer",
            "avgspeedofanswer",
            "gnsventetid",
            "ventetid",
        ],
    ),
];

fn columns(t: &Table, map: &[(String, String)]) -> [Option<usize>; 6] {
    let mut out = [None; 6];
    for (i, (role, names)) in ROLES.iter().enumerate() {
        out[i] = match map.iter().find(|(r, _)| r == role) {
            Some((_, h)) => t.column(&[h.as_str()]),
            None => t.column(names),
        };
    }
    out
}

/// Is this table an interval report (start, offered and answered found)? With `--map`
/// given, two roles found are enough, so that a mapped name the header lacks is reported
/// as such.
pub fn recognise(t: &Table, map: &[(String, String)]) -> bool {
    let c = columns(t, map);
    let found = c.iter().filter(|x| x.is_some()).count();
    (c[0].is_some() && c[1].is_some() && c[2].is_some()) || (!map.is_empty() && found >= 2)
}

/// Read an interval report into `obs`.
pub fn read(t: &Table, map: &[(String, String)], obs: &mut Observed) -> Result<(), Error> {
    let c = columns(t, map);
    for (role, h) in map {
        if !ROLES.iter().any(|(r, _)| r == role) {
            return Err(Error::input(
                "--map",
                format!(
                    "unknown column role '{role}' (roles: start, offered, answered, abandoned, aht, asa)"
                ),
                format!(
                    "ukendt kolonnerolle '{role}' (roller: start, offered, answered, abandoned, aht, asa)"
                ),
            ));
        }
        if t.column(&[h.as_str()]).is_none() {
            return Err(file_error(
                &t.file,
                1,
                h,
                &format!(
                    "--map names the column '{h}' for {role}, but the header has no such column"
                ),
                &format!(
                    "--map angiver kolonnen '{h}' for {role}, men overskriften har ingen sådan kolonne"
                ),
            ));
        }
    }
    if obs.report_hourly.len() != 168 {
        obs.report_hourly = vec![0.0; 168];
    }
    let mut rep = obs.phone_report.unwrap_or_default();
    let (mut aht_w, mut asa_w) = (rep.aht_min * rep.answered, rep.asa_min * rep.answered);
    let mut issues: Vec<Issue> = Vec::new();
    let width = t.header.len();
    for (n, cells) in &t.rows {
        if cells.len() < width {
            if issues.len() < 20 {
                issues.push(file_issue(
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
            }
            continue;
        }
        let name = |i: usize| t.header[c[i].unwrap_or(0)].clone();
        let start = parse_moment(&cells[c[0].unwrap_or(0)]);
        let Some(start) = start else {
            if issues.len() < 20 {
                let v = &cells[c[0].unwrap_or(0)];
                issues.push(file_issue(
                    &t.file,
                    *n,
                    &name(0),
                    &format!("'{v}' is not a date and time (dd-mm-yyyy HH:MM or yyyy-mm-dd HH:MM)"),
                    &format!("'{v}' er ikke en dato og et tidspunkt (dd-mm-åååå TT:MM eller åååå-mm-dd TT:MM)"),
                ));
            }
            continue;
        };
        let mut num = |i: usize, time: bool| -> Option<f64> {
            let col = c[i]?;
            let v = &cells[col];
            if v.is_empty() {
                return Some(0.0);
            }
            let x = if time {
                parse_seconds_as_minutes(v)
            } else {
                parse_number(v).filter(|x| *x >= 0.0)
            };
            if x.is_none() && issues.len() < 20 {
                issues.push(file_issue(
                    &t.file,
                    *n,
                    &t.header[col],
                    &format!("'{v}' is not a number of calls or seconds"),
                    &format!("'{v}' er ikke et antal opkald eller sekunder"),
                ));
            }
            x
        };
        let (Some(off), Some(ans)) = (num(1, false), num(2, false)) else {
            continue;
        };
        let ab = num(3, false).unwrap_or((off - ans).max(0.0));
        let aht = num(4, true).unwrap_or(0.0);
        let asa = num(5, true).unwrap_or(0.0);
        if off + 1e-9 < ans {
            if issues.len() < 20 {
                issues.push(file_issue(
                    &t.file,
                    *n,
                    &name(2),
                    &format!("more calls answered ({ans}) than offered ({off})"),
                    &format!("flere opkald besvaret ({ans}) end tilbudt ({off})"),
                ));
            }
            continue;
        }
        obs.add_week(start);
        obs.report_hourly[start.hour_of_week()] += ans;
        rep.offered += off;
        rep.answered += ans;
        rep.abandoned += ab;
        aht_w += aht * ans;
        asa_w += asa * ans;
    }
    if !issues.is_empty() {
        return Err(Error::new(ErrorKind::InvalidInput, issues));
    }
    if rep.answered > 0.0 {
        rep.aht_min = aht_w / rep.answered;
        rep.asa_min = asa_w / rep.answered;
    }
    obs.phone_report = Some(rep);
    Ok(())
}

impl Observed {
    /// Count `n` contacts of `group` on channel `ch`.
    pub fn count_n(&mut self, ch: usize, group: &str, information: bool, n: f64) {
        let c = self.counts.entry(group.to_string()).or_default();
        c[ch][if information { 0 } else { 1 }] += n;
    }
}
