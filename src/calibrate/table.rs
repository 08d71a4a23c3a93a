//! A plain table, for a municipality without raw registrations: one fact a row, with the
//! header `what;channel;key;value` (`;` or `,`):
//!
//! | what | channel | key | value |
//! |---|---|---|---|
//! | `contacts` | personal, phone | weekday and hour, `mon 10` | contacts a week in that hour |
//! | `weekly` | any channel | — | contacts a week (or the sum of `contacts`) |
//! | `yearly` | any channel | — | contacts a year (instead of `weekly`: an average week is a 52nd) |
//! | `inhabitants` | — | — | inhabitants: a channel without a count gets a per-inhabitant default where one is sourced ([`PER_INHABITANT`]), else the table is refused |
//! | `name` | — | — | the municipality's name (the scenario's title unless `--name` gives one) |
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
//! A `yearly` figure is a whole year's: it is not combined with `month` (the season is then
//! the model's own), and without hourly `contacts` the hour-of-week profile is the Tønder
//! 2012 preset's shape (a labelled assumption, see [`super::fit`]).

use super::text::{Table, file_issue, parse_number};
use super::{Observed, Q_PERSONAL, Q_PHONE, Q_WRITTEN};
use crate::error::{Error, ErrorKind, Issue};
use crate::scenario::{Interval, Range, SourceKind, SourceNote, WEEKDAYS, WeekHours};

/// Contacts a year per inhabitant where a table gives inhabitants but no count of the
/// channel, by channel (counter, phone, written, digital); `None` where no source gives a
/// figure (the count is then required). Counter: personal visits 0.3–0.7 per inhabitant a
/// year, derived from four municipalities (Hørsholm ≈ 0.66: about 16,500 personal
/// expeditions a year and about 25,000 inhabitants, sn.dk/art2173114; Aalborg ≈ 0.46: about
/// 100,000 physical visits a year, bt.dk; one municipality's 2013 counting week ≈ 0.32);
/// the most likely value 0.5 is the middle of the range, an assumption. Phone, written and
/// digital contacts per inhabitant are not found in any source (../shared/data/figures.md).
pub const PER_INHABITANT: [Option<Range>; 4] = [Some(Range::new(0.3, 0.5, 0.7)), None, None, None];

/// The channels' names in tables and messages.
const NAMES: [&str; 4] = ["personal", "phone", "written", "digital"];

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
    let mut yearly_row: Option<usize> = None;
    let mut month_row: Option<usize> = None;
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
        let need_num = !matches!(
            what,
            "open" | "source" | "åbent" | "kilde" | "name" | "navn"
        );
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
            "weekly" | "yearly" | "information" => match chan {
                Some(c) if what != "information" && weekly[c].is_some() => bad(
                    "channel",
                    format!("'{ch}': the channel's contacts are given twice (weekly or yearly)"),
                    format!(
                        "'{ch}': kanalens henvendelser er angivet to gange (weekly eller yearly)"
                    ),
                ),
                Some(c) if what == "weekly" => weekly[c] = Some(x),
                Some(c) if what == "yearly" => {
                    weekly[c] = Some(x / 52.0);
                    yearly_row = Some(*n);
                }
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
                obs.month_given = Some(x as usize - 1);
                month_row = Some(*n);
            }
            "inhabitants" | "indbyggere" if x >= 1.0 => obs.inhabitants = Some(x),
            "source" | "kilde" => obs.label = Some(val.to_string()),
            "name" | "navn" if !val.trim().is_empty() => obs.name = Some(val.trim().to_string()),
            _ => bad(
                "what",
                format!(
                    "'{what}' is not a row kind (contacts, weekly, yearly, information, handlingMean, handlingBin, open, staff, weeks, month, inhabitants, name, source), or its value is out of range"
                ),
                format!(
                    "'{what}' er ikke en rækketype (contacts, weekly, yearly, information, handlingMean, handlingBin, open, staff, weeks, month, inhabitants, name, source), eller værdien er uden for det tilladte"
                ),
            ),
        }
    }
    if let (Some(y), Some(m)) = (yearly_row, month_row) {
        issues.push(file_issue(
            &t.file,
            m.max(y),
            "what",
            "a yearly count is a whole year's: leave out the month (it would count the season twice)",
            "et årstal dækker hele året: udelad month (sæsonen ville tælle to gange)",
        ));
    }
    // A channel without a count: the per-inhabitant default where one is sourced.
    if let Some(inh) = obs.inhabitants {
        for c in 0..4 {
            let counted = weekly[c].is_some() || (c < 2 && hourly_sum[c] > 0.0);
            if counted {
                continue;
            }
            match PER_INHABITANT[c] {
                Some(r) => {
                    weekly[c] = Some(inh * r.likely / 52.0);
                    obs.per_inhabitant[c] = Some(r);
                }
                None => issues.push(file_issue(
                    &t.file,
                    0,
                    "",
                    &format!(
                        "no contacts given for the channel {0}: give its contacts a year (yearly;{0};;N, 0 if none); no source gives a per-inhabitant figure for it",
                        NAMES[c]
                    ),
                    &format!(
                        "ingen henvendelser angivet for kanalen {0}: angiv dens henvendelser om året (yearly;{0};;N, 0 hvis ingen); ingen kilde giver et tal pr. indbygger for den",
                        NAMES[c]
                    ),
                )),
            }
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

/// Where a per-inhabitant default stands in for a channel's count, the demand factor's range
/// widened by the default's (share `s` of the contacts defaulted, rate `low–likely–high`:
/// low × (1 − s (1 − low/likely)), high × (1 + s (high/likely − 1)), around the template's
/// `base`), with its labelled note.
pub fn demand_uncertainty(obs: &Observed, base: &Range) -> Option<(Range, SourceNote)> {
    let t = obs.totals();
    let all: f64 = t.iter().sum();
    let inh = obs.inhabitants?;
    let mut share = 0.0;
    let (mut lo, mut hi) = (0.0, 0.0);
    let (mut en, mut da) = (Vec::new(), Vec::new());
    let da_names = ["skranken", "telefonen", "skriftlige", "digitale"];
    for c in 0..4 {
        let Some(r) = obs.per_inhabitant[c] else {
            continue;
        };
        let s = if all > 0.0 { t[c] / all } else { 0.0 };
        share += s;
        lo += s * (1.0 - r.low / r.likely);
        hi += s * (r.high / r.likely - 1.0);
        let per_year = inh * r.likely;
        en.push(format!(
            "{}: {} inhabitants × {} (range {}–{}) = {} contacts a year",
            NAMES[c],
            inh.round(),
            r.likely,
            r.low,
            r.high,
            per_year.round()
        ));
        da.push(format!(
            "{}: {} indbyggere × {} (spænd {}–{}) = {} henvendelser om året",
            da_names[c],
            inh.round(),
            r.likely.to_string().replace('.', ","),
            r.low.to_string().replace('.', ","),
            r.high.to_string().replace('.', ","),
            per_year.round()
        ));
    }
    if en.is_empty() {
        return None;
    }
    let range = Range::new(base.low * (1.0 - lo), base.likely, base.high * (1.0 + hi));
    let f = |x: f64, da: bool| {
        let s = format!("{x:.2}");
        if da { s.replace('.', ",") } else { s }
    };
    let note = SourceNote {
        topic: "demand.demandFactor".to_string(),
        kind: SourceKind::Assumption,
        en: format!(
            "Not counted, so a per-inhabitant default (an uncertain assumption): {}. Personal visits per inhabitant a year are 0.3–0.7 in four municipalities (Hørsholm ≈ 0.66, Aalborg ≈ 0.46, one municipality's 2013 counting week ≈ 0.32; sn.dk/art2173114, bt.dk, a public KOMHEN data set); 0.5, the middle, is the most likely value. The defaulted channels are {} % of the contacts, so demand is uncertain by the factor {}–{}–{} (the template's ±5 % widened by the default's range).",
            en.join("; "),
            (100.0 * share).round(),
            f(range.low, false),
            f(range.likely, false),
            f(range.high, false)
        ),
        da: format!(
            "Ikke talt, så et standardtal pr. indbygger (en usikker antagelse): {}. Personlige henvendelser pr. indbygger om året er 0,3–0,7 i fire kommuner (Hørsholm ≈ 0,66, Aalborg ≈ 0,46, en kommunes tælleuge 2013 ≈ 0,32; sn.dk/art2173114, bt.dk, et offentligt KOMHEN-datasæt); 0,5, midten, er det mest sandsynlige. Kanalerne med standardtal er {} % af henvendelserne, så efterspørgslen er usikker med faktoren {}–{}–{} (skabelonens ±5 % udvidet med standardtallets spænd).",
            da.join("; "),
            (100.0 * share).round(),
            f(range.low, true),
            f(range.likely, true),
            f(range.high, true)
        ),
    };
    Some((range, note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn read_table(text: &str) -> Result<Observed, Error> {
        let t = Table::parse("t.csv", text)?;
        let mut obs = Observed {
            hourly: [vec![0.0; 168], vec![0.0; 168]],
            ..Observed::default()
        };
        read(&t, &mut obs).map(|()| obs)
    }

    #[test]
    fn yearly_counts_are_an_average_week_and_the_name_is_read() {
        let o = read_table(
            "what;channel;key;value\nname;;;Testrup Kommune\nyearly;personal;;5200\nyearly;phone;;10400\nyearly;written;;0\nweekly;digital;;50\n",
        )
        .unwrap();
        assert_eq!(o.weekly(), [100.0, 200.0, 0.0, 50.0]);
        assert_eq!(o.name.as_deref(), Some("Testrup Kommune"));
        assert_eq!(o.per_inhabitant, [None; 4]);
        assert!(demand_uncertainty(&o, &Range::new(0.95, 1.0, 1.05)).is_none());
    }

    #[test]
    fn inhabitants_default_the_counter_and_widen_the_demand_factor() {
        let o = read_table(
            "what;channel;key;value\ninhabitants;;;26000\nyearly;phone;;39000\nyearly;written;;0\nyearly;digital;;0\n",
        )
        .unwrap();
        // 26,000 × 0.5 = 13,000 a year = 250 a week.
        assert!((o.weekly()[0] - 250.0).abs() < 1e-9, "{:?}", o.weekly());
        assert_eq!(o.per_inhabitant[0], PER_INHABITANT[0]);
        let (r, n) = demand_uncertainty(&o, &Range::new(0.95, 1.0, 1.05)).unwrap();
        // The counter is 13,000 / 52,000 = 25 % of the contacts: low 0.95 × (1 − 0.25 × 0.4),
        // high 1.05 × (1 + 0.25 × 0.4).
        assert!(
            (r.low - 0.95 * 0.9).abs() < 1e-12 && (r.high - 1.05 * 1.1).abs() < 1e-12,
            "{r:?}"
        );
        assert_eq!(r.likely, 1.0);
        assert_eq!(n.topic, "demand.demandFactor");
        assert_eq!(n.kind, SourceKind::Assumption);
        assert!(
            n.en.contains("26000 inhabitants × 0.5 (range 0.3–0.7) = 13000"),
            "{}",
            n.en
        );
        assert!(
            n.da.contains("antagelse") && n.da.contains("0,3–0,7"),
            "{}",
            n.da
        );
    }

    #[test]
    fn a_channel_without_a_sourced_default_must_be_counted() {
        let e = read_table(
            "what;channel;key;value\ninhabitants;;;26000\nyearly;written;;0\nyearly;digital;;0\n",
        )
        .unwrap_err();
        let m = e.message(Lang::En);
        assert!(
            m.contains("no contacts given for the channel phone") && m.contains("yearly;phone;;N"),
            "{m}"
        );
        assert!(
            !m.contains("channel personal"),
            "the counter has its default: {m}"
        );
        assert!(
            e.message(Lang::Da)
                .contains("ingen henvendelser angivet for kanalen phone")
        );
    }

    #[test]
    fn yearly_twice_or_with_a_month_is_refused() {
        let e =
            read_table("what;channel;key;value\nyearly;phone;;100\nweekly;phone;;2\n").unwrap_err();
        assert!(
            e.message(Lang::En).contains("t.csv: row 3, column channel"),
            "{}",
            e.message(Lang::En)
        );
        let e = read_table("what;channel;key;value\nyearly;phone;;100\nmonth;;;1\n").unwrap_err();
        assert!(
            e.message(Lang::En).contains("t.csv: row 3, column what")
                && e.message(Lang::En).contains("whole year"),
            "{}",
            e.message(Lang::En)
        );
        let e = read_table("what;channel;key;value\ninhabitants;;;0\n").unwrap_err();
        assert!(
            e.message(Lang::En).contains("row 2, column what"),
            "{}",
            e.message(Lang::En)
        );
    }
}
