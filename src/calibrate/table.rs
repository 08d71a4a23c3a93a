//! A plain table, for a municipality without raw registrations: one fact a row, with the
//! header `what;channel;key;value` (`;` or `,`):
//!
//! | what | channel | key | value |
//! |---|---|---|---|
//! | `contacts` | personal, phone | weekday and hour, `mon 10` | contacts a week in that hour |
//! | `weekly` | any channel | — | contacts a week (or the sum of `contacts`) |
//! | `information` | any channel | — | share of information contacts (default: all information) |
//! | `handlingMean` | personal, phone, written | — | mean handling minutes |
//! | `handlingBin` | personal, phone, written | minutes `0-2`, `10-20` | share or count in the bin |
//! | `open` | personal, phone | weekday, `mon` | `10:00-15:00` (several rows for several intervals) |
//! | `staff` | personal, phone | weekday and hour, `mon 10` | staff on duty |
//! | `weeks` | — | — | weeks the counts stand for (default 1: the counts are a week's) |
//! | `month` | — | — | month of the count, 1–12 (for the seasonal factor) |
//! | `source` | — | — | what the figures are, e.g. "henvendelsesanalyse januar 2008" |
//!
//! Counts are per week: a table of one month's contacts gives `weekly` = the month's count /
//! its weeks (31 days: / 4.43), with `weeks` 4.43 saying how many weeks the counts stand for
//! (they are multiplied by it, so a month's total entered as `weekly` would count 4.43 times).

use super::text::{Table, file_issue, parse_number};
use super::{Observed, Q_PERSONAL, Q_PHONE, Q_WRITTEN};
use crate::error::{Error, ErrorKind, Issue};
use crate::scenario::{Interval, WEEKDAYS, WeekHours};

/// Is this table a plain table (`what;channel;key;value`)?
pub fn recognise(t: &Table) -> bool {
    t.column(&["what", "hvad"]).is_some() && t.column(&["value", "værdi"]).is_some()
}

fn channel(s: &str) -> Option<usize> {
    match s.trim().to_ascii_lowercase().as_str() {
        "personal" | "counter" | "personlig" | "skranke" => Some(Q_PERSONAL),
        "phone" | "telefon" => Some(Q_PHONE),
        "written" | "skriftlig" => Some(Q_WRITTEN),
        "digital" => Some(3),
        _ => None,
    }
}

fn weekday(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_lowercase();
    let da = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];
    (0..7).find(|&d| s == WEEKDAYS[d] || s == da[d])
}

fn day_hour(s: &str) -> Option<(usize, usize)> {
    let (d, h) = s.trim().split_once(' ')?;
    let h: usize = h.trim().parse().ok()?;
    (h < 24).then_some((weekday(d)?, h))
}

/// Read a plain table into `obs`.
pub fn read(t: &Table, obs: &mut Observed) -> Result<(), Error> {
    let cw = t.column(&["what", "hvad"]).unwrap_or(0);
    let cc = t.column(&["channel", "kanal"]);
    let ck = t.column(&["key", "nøgle"]);
    let cv = t.column(&["value", "værdi"]).unwrap_or(0);
    let mut issues: Vec<Issue> = Vec::new();
    let mut weekly: [Option<f64>; 4] = [None; 4];
    let mut info: [Option<f64>; 4] = [None; 4];
    let mut hourly_sum = [0.0; 2];
    let mut bins: [Vec<(f64, f64, f64)>; 3] = Default::default();
    for (n, cells) in &t.rows {
        let get = |c: Option<usize>| c.and_then(|c| cells.get(c)).map_or("", |s| s.as_str());
        let (what, ch, key, val) = (get(Some(cw)), get(cc), get(ck), get(Some(cv)));
        let mut bad = |col: &str, en: String, da: String| {
            if issues.len() < 20 {
                issues.push(file_issue(&t.file, *n, col, &en, &da));
            }
        };
        let chan = channel(ch);
        let num = parse_number(val).filter(|x| *x >= 0.0);
        let need_num = !matches!(what, "open" | "source" | "åbent" | "kilde");
        if need_num && num.is_none() {
            bad(
                "value",
                format!("'{val}' is not a number, zero or more"),
                format!("'{val}' er ikke et tal, nul eller mere"),
            );
            continue;
        }
        let x = num.unwrap_or(0.0);
        let queue = chan.filter(|c| *c < 2);
        match what {
            "contacts" => match (queue, day_hour(key)) {
                (Some(c), Some((d, h))) => {
                    obs.hourly[c][d * 24 + h] += x;
                    hourly_sum[c] += x;
                }
                (None, _) => bad(
                    "channel",
                    format!("'{ch}': hourly contacts are for personal or phone"),
                    format!("'{ch}': kontakter pr. time gælder personal eller phone"),
                ),
                (_, None) => bad(
                    "key",
                    format!("'{key}' is not a weekday and hour such as 'mon 10'"),
                    format!("'{key}' er ikke en ugedag og time som 'mon 10'"),
                ),
            },
            "weekly" | "information" => match chan {
                Some(c) if what == "weekly" => weekly[c] = Some(x),
                Some(c) if x <= 1.0 => info[c] = Some(x),
                Some(_) => bad(
                    "value",
                    format!("'{val}' is not a share between 0 and 1"),
                    format!("'{val}' er ikke en andel mellem 0 og 1"),
                ),
                None => bad(
                    "channel",
                    format!("'{ch}' is not a channel (personal, phone, written, digital)"),
                    format!("'{ch}' er ikke en kanal (personal, phone, written, digital)"),
                ),
            },
            "handlingMean" | "handlingBin" => {
                let Some(c) = chan.filter(|c| *c < 3) else {
                    bad(
                        "channel",
                        format!("'{ch}': handling times are for personal, phone or written"),
                        format!("'{ch}': ekspeditionstider gælder personal, phone eller written"),
                    );
                    continue;
                };
                if what == "handlingMean" {
                    if x > 0.0 {
                        obs.handling_mean[c] = Some(x);
                    } else {
                        bad(
                            "value",
                            "a mean handling time must be above 0".into(),
                            "en gennemsnitlig ekspeditionstid skal være over 0".into(),
                        );
                    }
                    continue;
                }
                let edges = key
                    .split_once('-')
                    .and_then(|(a, b)| Some((parse_number(a)?, parse_number(b)?)));
                match edges {
                    Some((a, b)) if a >= 0.0 && b > a => bins[c].push((a, b, x)),
                    _ => bad(
                        "key",
                        format!("'{key}' is not a bin of minutes such as '0-2'"),
                        format!("'{key}' er ikke et interval i minutter som '0-2'"),
                    ),
                }
            }
            "open" => {
                let (Some(c), Some(d)) = (queue, weekday(key)) else {
                    bad(
                        "key",
                        format!("'{ch} {key}': opening hours need personal or phone and a weekday"),
                        format!(
                            "'{ch} {key}': åbningstider kræver personal eller phone og en ugedag"
                        ),
                    );
                    continue;
                };
                match val.split_once('-') {
                    Some((a, b))
                        if crate::validate::parse_hhmm(a.trim()).is_some()
                            && crate::validate::parse_hhmm(b.trim()).is_some() =>
                    {
                        obs.opening[c]
                            .get_or_insert_with(WeekHours::default)
                            .day_mut(d)
                            .push(Interval::new(a.trim(), b.trim()));
                    }
                    _ => bad(
                        "value",
                        format!("'{val}' is not opening hours such as '10:00-15:00'"),
                        format!("'{val}' er ikke en åbningstid som '10:00-15:00'"),
                    ),
                }
            }
            "staff" => match (queue, day_hour(key)) {
                (Some(c), Some((d, h))) => {
                    obs.staff[c].get_or_insert_with(|| vec![vec![0; 24]; 7])[d][h] =
                        x.round() as u32;
                }
                _ => bad(
                    "key",
                    format!("'{ch} {key}': staff needs personal or phone and a weekday and hour"),
                    format!(
                        "'{ch} {key}': bemanding kræver personal eller phone og en ugedag og time"
                    ),
                ),
            },
            "weeks" if x > 0.0 => obs.weeks_given = Some(x),
            "month" if (1.0..=12.0).contains(&x) && x.fract() == 0.0 => {
                obs.month_given = Some(x as usize - 1)
            }
            "source" | "kilde" => obs.label = Some(val.to_string()),
            _ => bad(
                "what",
                format!(
                    "'{what}' is not a row kind (contacts, weekly, information, handlingMean, handlingBin, open, staff, weeks, month, source)"
                ),
                format!(
                    "'{what}' er ikke en rækketype (contacts, weekly, information, handlingMean, handlingBin, open, staff, weeks, month, source)"
                ),
            ),
        }
    }
    if !issues.is_empty() {
        return Err(Error::new(ErrorKind::InvalidInput, issues));
    }
    let weeks = obs.weeks_given.unwrap_or(1.0);
    obs.weeks_given = Some(weeks);
    for c in 0..4 {
        let per_week = match (weekly[c], c < 2) {
            (Some(w), _) => w,
            (None, true) => hourly_sum[c],
            (None, false) => 0.0,
        };
        let total = per_week * weeks;
        let i = info[c].unwrap_or(1.0);
        obs.count_n(c, "?", true, total * i);
        obs.count_n(c, "?", false, total * (1.0 - i));
        if c < 2 {
            obs.hourly_known[c] |= hourly_sum[c] > 0.0;
            // Hourly counts are a week's: scale them to the weeks (as KOMHEN sums them).
            for x in &mut obs.hourly[c] {
                *x *= weeks;
            }
        }
    }
    for (c, b) in bins.iter_mut().enumerate() {
        if b.is_empty() {
            continue;
        }
        b.sort_by(|x, y| x.0.total_cmp(&y.0));
        let contiguous = b.windows(2).all(|w| (w[0].1 - w[1].0).abs() < 1e-9);
        if !contiguous {
            return Err(super::text::file_error(
                &t.file,
                0,
                "key",
                "the handling-time bins of a channel must follow each other without gaps (0-2, 2-4, …)",
                "en kanals intervaller for ekspeditionstid skal følge hinanden uden huller (0-2, 2-4, …)",
            ));
        }
        let mut edges: Vec<f64> = b.iter().map(|x| x.0).collect();
        edges.push(b.last().map_or(0.0, |x| x.1));
        obs.handling_bins[c] = Some((edges, b.iter().map(|x| x.2).collect()));
    }
    Ok(())
}
