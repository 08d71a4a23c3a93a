//! Renderers: the readable tables (in English or Danish, with the language's number format)
//! and the CSV files (language-neutral: metric ids, unit names, full-precision numbers).
//! Each returns a `String`; writing is [`super::output`]'s job.

use kanalsim::Lang;
use kanalsim::presets::PresetInfo;
use kanalsim::report::{
    APPOINTMENT_METRICS, Comparison, METRICS, MetricDef, Results, Summary, Unit,
};
use kanalsim::scenario::WEEKDAYS;
use kanalsim::staffing::StaffingPlan;
use kanalsim::theory::QueueFigures;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Width of the label column: 52, or the longest label in `lang` if longer.
fn label_width(lang: Lang) -> usize {
    METRICS
        .iter()
        .chain(APPOINTMENT_METRICS)
        .map(|d| label(d, lang).chars().count())
        .max()
        .unwrap_or(0)
        .max(52)
}

/// Metrics shown in a table right after another one rather than in list order: each
/// `(id, after)` moves `id` to just after `after` (metrics added at the end of the list that
/// belong beside older ones).
const SHOWN_AFTER: [(&str, &str); 2] = [
    (
        "digital.adoptionOfAllErrands",
        "contacts.digital.transaction",
    ),
    ("digital.failures.information", "digital.failures"),
];

/// Every metric in the order of the readable tables: the list order, with [`SHOWN_AFTER`]'s
/// metrics beside the ones they belong to. (CSV and JSON keep the list order.)
pub fn table_order() -> Vec<&'static MetricDef> {
    let moved = |d: &MetricDef| SHOWN_AFTER.iter().any(|(id, _)| *id == d.id);
    let mut v = Vec::with_capacity(METRICS.len());
    for d in METRICS.iter().filter(|d| !moved(d)) {
        v.push(d);
        for (id, after) in SHOWN_AFTER {
            if after == d.id {
                v.extend(METRICS.iter().filter(|m| m.id == id));
            }
        }
    }
    // A moved metric whose anchor is gone still shows, at the end.
    for d in METRICS.iter().filter(|d| moved(d)) {
        if !v.iter().any(|x| x.id == d.id) {
            v.push(d);
        }
    }
    // The appointment book's figures last (results have them only with appointments).
    v.extend(APPOINTMENT_METRICS);
    v
}

/// A metric's label in `lang`.
pub fn label(d: &MetricDef, lang: Lang) -> &'static str {
    match lang {
        Lang::En => d.en,
        Lang::Da => d.da,
    }
}

/// A number with `decimals` decimals in `lang`'s format.
pub fn fixed(v: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{v:.decimals$}");
    match lang {
        Lang::En => s,
        Lang::Da => s.replace('.', ","),
    }
}

/// A value in its unit's readable form: shares as percentages, minutes with two decimals,
/// FTE with one, counts, hours and kroner as whole numbers with thousands separators.
pub fn value(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Share => format!("{} %", fixed(v * 100.0, 1, lang)),
        Unit::Minutes => fixed(v, 2, lang),
        Unit::Fte | Unit::Days => fixed(v, 1, lang),
        _ => group(v, lang),
    }
}

/// A whole number with thousands separators (`58,000`; Danish `58.000`).
pub fn group(v: f64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Da => '.',
    };
    let neg = v < 0.0;
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    if neg && out != "0" {
        format!("-{out}")
    } else {
        out
    }
}

/// The short unit shown in a table's unit column.
fn unit_label(u: Unit, lang: Lang) -> &'static str {
    match (u, lang) {
        (Unit::Count | Unit::Share, _) => "",
        (Unit::Minutes, _) => "min",
        (Unit::Hours, Lang::En) => "h",
        (Unit::Hours, Lang::Da) => "t",
        (Unit::Fte, Lang::En) => "FTE",
        (Unit::Fte, Lang::Da) => "årsv.",
        (Unit::Dkk, Lang::En) => "DKK",
        (Unit::Dkk, Lang::Da) => "kr.",
        (Unit::Days, Lang::En) => "days",
        (Unit::Days, Lang::Da) => "dage",
    }
}

/// The unit's name in CSV files.
fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Share => "share",
        Unit::Minutes => "minutes",
        Unit::Hours => "hours",
        Unit::Fte => "fte",
        Unit::Dkk => "dkk",
        Unit::Days => "days",
    }
}

fn t(lang: Lang, en: &'static str, da: &'static str) -> &'static str {
    super::args::tr(lang, en, da)
}

/// `[P5 ; P95]`: where 90 % of single replications fall (their spread, not how well the
/// mean is known).
fn spread(x: &Summary, unit: Unit, lang: Lang) -> String {
    format!(
        "[{} ; {}]",
        value(x.p5, unit, lang),
        value(x.p95, unit, lang)
    )
}

/// `[lo ; hi]`: the 90 % confidence interval of the mean.
fn ci(x: &Summary, unit: Unit, lang: Lang) -> String {
    format!(
        "[{} ; {}]",
        value(x.ci90[0], unit, lang),
        value(x.ci90[1], unit, lang)
    )
}

/// The header of the mean's confidence interval.
const CI_HEAD: (&str, &str) = ("90 % CI of mean", "90 %-KI for gns.");
/// The header of the spread over replications.
const SPREAD_HEAD: (&str, &str) = ("P5–P95 spread", "P5–P95-spænd");

/// The line under a table of differences that says what its two intervals are.
fn intervals_legend(lang: Lang) -> &'static str {
    t(
        lang,
        "90 % CI of mean: the t-based 90 % confidence interval of the mean difference over the \
         paired replications (is the change real?).\nP5–P95 spread: where 90 % of single \
         replications' differences fall (how much one year can vary).",
        "90 %-KI for gns.: det t-baserede 90 %-konfidensinterval for den gennemsnitlige \
         forskel over de parrede gentagelser (er ændringen reel?).\nP5–P95-spænd: hvor 90 % \
         af de enkelte gentagelsers forskelle ligger (hvor meget ét år kan svinge).",
    )
}

/// The table of a run: mean, P5 and P95 of every metric.
pub fn results_table(r: &Results, lang: Lang) -> String {
    let w = label_width(lang);
    let mut o = String::new();
    let _ = match lang {
        Lang::En => writeln!(
            o,
            "{} — {} replications × {} weeks, seed {}",
            r.title, r.replications, r.horizon_weeks, r.seed
        ),
        Lang::Da => writeln!(
            o,
            "{} — {} gentagelser × {} uger, frø {}",
            r.title, r.replications, r.horizon_weeks, r.seed
        ),
    };
    let _ = writeln!(
        o,
        "{:<w$} {:>5} {:>14} {:>14} {:>14}",
        t(lang, "metric", "nøgletal"),
        t(lang, "unit", "enhed"),
        t(lang, "mean", "gennemsnit"),
        "P5",
        "P95"
    );
    for d in table_order() {
        let Some(&s) = r.metrics.get(d.id) else {
            continue;
        };
        let _ = writeln!(
            o,
            "{:<w$} {:>5} {:>14} {:>14} {:>14}",
            label(d, lang),
            unit_label(d.unit, lang),
            value(s.mean, d.unit, lang),
            value(s.p5, d.unit, lang),
            value(s.p95, d.unit, lang)
        );
    }
    o
}

/// The table of a comparison: baseline, scenario, paired difference with the 90 % confidence
/// interval of its mean and its P5–P95 spread over replications; then the two cost views,
/// each with the errands the change loses.
pub fn comparison_table(c: &Comparison, lang: Lang) -> String {
    let w = label_width(lang);
    let mut o = String::new();
    let (scen, base, n, seed) = (
        &c.scenario.title,
        &c.baseline.title,
        c.baseline.replications,
        c.baseline.seed,
    );
    let _ = match lang {
        Lang::En => writeln!(
            o,
            "{scen} vs {base} — {n} paired replications (common random numbers), seed {seed}"
        ),
        Lang::Da => writeln!(
            o,
            "{scen} mod {base} — {n} parrede gentagelser (fælles tilfældige tal), frø {seed}"
        ),
    };
    let _ = writeln!(
        o,
        "{:<w$} {:>5} {:>13} {:>13} {:>13} {:>27} {:>27}",
        t(lang, "metric", "nøgletal"),
        t(lang, "unit", "enhed"),
        t(lang, "baseline", "basis"),
        t(lang, "scenario", "scenarie"),
        t(lang, "difference", "forskel"),
        t(lang, CI_HEAD.0, CI_HEAD.1),
        t(lang, SPREAD_HEAD.0, SPREAD_HEAD.1)
    );
    let dash = |x: Option<&Summary>, f: &dyn Fn(&Summary) -> String| x.map_or("—".to_string(), f);
    for d in table_order() {
        let (b, s, x) = (
            c.baseline.metrics.get(d.id),
            c.scenario.metrics.get(d.id),
            c.difference.get(d.id),
        );
        if b.is_none() && s.is_none() {
            continue;
        }
        // An appointment figure on one side only: shown there, without a difference.
        let _ = writeln!(
            o,
            "{:<w$} {:>5} {:>13} {:>13} {:>13} {:>27} {:>27}",
            label(d, lang),
            unit_label(d.unit, lang),
            dash(b, &|b| value(b.mean, d.unit, lang)),
            dash(s, &|s| value(s.mean, d.unit, lang)),
            dash(x, &|x| value(x.mean, d.unit, lang)),
            dash(x, &|x| ci(x, d.unit, lang)),
            dash(x, &|x| spread(x, d.unit, lang))
        );
    }
    let _ = writeln!(o, "\n{}", intervals_legend(lang));
    o.push_str(&cost_views(c, lang));
    o
}

/// The two cost views of a comparison, each with the errands the change loses beside its
/// saving and one sentence on the question it answers.
fn cost_views(c: &Comparison, lang: Lang) -> String {
    let d = |id: &str| c.difference[id];
    let dkk = unit_label(Unit::Dkk, lang);
    let money = |x: &Summary| {
        format!(
            "{} {dkk} [{} ; {}]",
            signed(x.mean, lang),
            group(x.ci90[0], lang),
            group(x.ci90[1], lang)
        )
    };
    let lost = d("gaveUp");
    let lost_cost = d("cost.lostErrands");
    // The assumed price of a lost errand (the same in every replication of a scenario).
    let price = |r: &Results| {
        let n = r.metrics["gaveUp"].mean;
        (n > 0.0).then(|| r.metrics["cost.lostErrands"].mean / n)
    };
    let each = match (price(&c.baseline), price(&c.scenario)) {
        (Some(a), Some(b)) if (a - b).abs() > 1e-6 * a.abs().max(1.0) => String::new(),
        (Some(p), _) | (None, Some(p)) => match lang {
            Lang::En => format!(" at the assumed {} {dkk} each", group(p, lang)),
            Lang::Da => format!(" ved de antagne {} {dkk} pr. stk.", group(p, lang)),
        },
        (None, None) => String::new(),
    };
    let lost_text = match lang {
        Lang::En => format!(
            "errands given up {} [{} ; {}], costing {} {dkk}{each} (costs.lostErrand)",
            signed(lost.mean, lang),
            group(lost.ci90[0], lang),
            group(lost.ci90[1], lang),
            signed(lost_cost.mean, lang),
        ),
        Lang::Da => format!(
            "opgivne ærinder {} [{} ; {}], der koster {} {dkk}{each} (costs.lostErrand)",
            signed(lost.mean, lang),
            group(lost.ci90[0], lang),
            group(lost.ci90[1], lang),
            signed(lost_cost.mean, lang),
        ),
    };
    let contacts: f64 = [
        "contacts.personal",
        "contacts.phone",
        "contacts.written",
        "contacts.digital",
    ]
    .iter()
    .map(|id| d(id).mean)
    .sum();
    let mut o = String::new();
    let _ = match lang {
        Lang::En => {
            let _ = writeln!(
                o,
                "\nCost, two views (scenario − baseline: mean [90 % CI of the mean]):"
            );
            let _ = writeln!(
                o,
                "  By unit price: {}\n    beside it: {lost_text}\n    answers: what the \
                 contacts cost at the KL benchmark prices per contact.",
                money(&d("cost.unit.total"))
            );
            writeln!(
                o,
                "  By staff time: {}\n    beside it: {lost_text}\n    answers: what the \
                 staffing plan costs (staffed, overtime and back-office hours × the hourly \
                 cost).\n  Contacts on all channels {}, errands given up {}: fewer contacts \
                 from lost service are not a saving.",
                money(&d("cost.staff.total")),
                signed(contacts, lang),
                signed(lost.mean, lang)
            )
        }
        Lang::Da => {
            let _ = writeln!(
                o,
                "\nOmkostning, to opgørelser (scenarie − basis: gennemsnit [90 %-KI for \
                 gennemsnittet]):"
            );
            let _ = writeln!(
                o,
                "  Efter kanalpris: {}\n    ved siden af: {lost_text}\n    svarer på: hvad \
                 henvendelserne koster efter KL's benchmarkpriser pr. henvendelse.",
                money(&d("cost.unit.total"))
            );
            writeln!(
                o,
                "  Efter medarbejdertid: {}\n    ved siden af: {lost_text}\n    svarer på: \
                 hvad bemandingsplanen koster (bemandede timer, overarbejde og \
                 sagsbehandlertimer × timeprisen).\n  Henvendelser i alle kanaler {}, opgivne \
                 ærinder {}: færre henvendelser, fordi service går tabt, er ikke en besparelse.",
                money(&d("cost.staff.total")),
                signed(contacts, lang),
                signed(lost.mean, lang)
            )
        }
    };
    o.push_str(&per_contact(c, lang));
    o
}

/// Per contact, the unit price beside the staff time, baseline → scenario, per channel: the
/// line that reconciles the two views.
fn per_contact(c: &Comparison, lang: Lang) -> String {
    let unit = |r: &Results, ch: &str| {
        let n = r.metrics[&format!("contacts.{ch}")].mean;
        if n > 0.0 {
            r.metrics[&format!("cost.unit.{ch}")].mean / n
        } else {
            0.0
        }
    };
    let staff = |r: &Results, ch: &str| r.metrics[&format!("cost.staffPerContact.{ch}")].mean;
    let dkk = unit_label(Unit::Dkk, lang);
    let names = match lang {
        Lang::En => ["counter", "phone", "written"],
        Lang::Da => ["personlig", "telefon", "skriftlig"],
    };
    let parts: Vec<String> = ["personal", "phone", "written"]
        .iter()
        .zip(names)
        .map(|(ch, name)| {
            let (b, s) = (&c.baseline, &c.scenario);
            let arrow = |x: f64, y: f64| {
                if group(x, lang) == group(y, lang) {
                    group(x, lang)
                } else {
                    format!("{} → {}", group(x, lang), group(y, lang))
                }
            };
            match lang {
                Lang::En => format!(
                    "{name} {} {dkk} by unit price, {} by staff time",
                    arrow(unit(b, ch), unit(s, ch)),
                    arrow(staff(b, ch), staff(s, ch))
                ),
                Lang::Da => format!(
                    "{name} {} {dkk} efter kanalpris, {} efter medarbejdertid",
                    arrow(unit(b, ch), unit(s, ch)),
                    arrow(staff(b, ch), staff(s, ch))
                ),
            }
        })
        .collect();
    match lang {
        Lang::En => format!(
            "  Per contact (baseline → scenario): {}.\n",
            parts.join("; ")
        ),
        Lang::Da => format!(
            "  Pr. henvendelse (basis → scenarie): {}.\n",
            parts.join("; ")
        ),
    }
}

/// A whole number with its sign (`+4,100`, `-312,000`, `0`).
fn signed(v: f64, lang: Lang) -> String {
    let s = group(v, lang);
    if v > 0.0 && s != "0" {
        format!("+{s}")
    } else {
        s
    }
}

fn csv_row(o: &mut String, prefix: &str, s: &Summary) {
    let _ = writeln!(
        o,
        "{prefix},{},{},{},{},{},{},{},{}",
        s.mean, s.p5, s.p25, s.p50, s.p75, s.p95, s.ci90[0], s.ci90[1]
    );
}

/// The CSV of a run: one row per metric.
pub fn results_csv(r: &Results) -> String {
    let mut o = String::from("metric,unit,mean,p5,p25,p50,p75,p95,ci90_low,ci90_high\n");
    for d in METRICS.iter().chain(APPOINTMENT_METRICS) {
        let Some(s) = r.metrics.get(d.id) else {
            continue;
        };
        csv_row(&mut o, &format!("{},{}", d.id, unit_name(d.unit)), s);
    }
    o
}

/// The CSV of a comparison: baseline, scenario and difference rows per metric.
pub fn comparison_csv(c: &Comparison) -> String {
    let mut o = String::from("metric,unit,series,mean,p5,p25,p50,p75,p95,ci90_low,ci90_high\n");
    for d in METRICS.iter().chain(APPOINTMENT_METRICS) {
        for (name, s) in [
            ("baseline", c.baseline.metrics.get(d.id)),
            ("scenario", c.scenario.metrics.get(d.id)),
            ("difference", c.difference.get(d.id)),
        ] {
            if let Some(s) = s {
                csv_row(&mut o, &format!("{},{},{name}", d.id, unit_name(d.unit)), s);
            }
        }
    }
    o
}

/// The list of presets: id, title in `lang`, and what each is compared with.
pub fn presets_list(list: &[PresetInfo], lang: Lang) -> String {
    let mut o = String::new();
    let w = list
        .iter()
        .map(|p| p.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(31)
        + 1;
    for p in list {
        let base = if p.baseline_id.is_empty() {
            t(lang, "baseline", "basis").to_string()
        } else {
            format!("{} {}", t(lang, "vs", "mod"), p.baseline_id)
        };
        let title = match lang {
            Lang::En if !p.title_en.is_empty() => &p.title_en,
            _ => &p.title,
        };
        let _ = writeln!(o, "{:<w$} {}  ({})", p.id, title, base);
    }
    o
}

/// One variant of a sweep: its label, results and paired difference from the unchanged
/// scenario.
pub struct SweepRow<'a> {
    /// The value as given.
    pub label: &'a str,
    /// Its results.
    pub results: &'a Results,
    /// Paired difference from the unchanged scenario, per metric.
    pub difference: &'a BTreeMap<String, Summary>,
}

/// The table of a sweep: per metric, the unchanged value and each variant's mean, paired
/// difference, the 90 % confidence interval of its mean and its P5–P95 spread.
pub fn sweep_table(
    path: &str,
    base: &Results,
    rows: &[SweepRow],
    metrics: &[&MetricDef],
    lang: Lang,
) -> String {
    let mut o = String::new();
    let _ = match lang {
        Lang::En => writeln!(
            o,
            "sweep of {path} on {} — {} paired replications, seed {}",
            base.title, base.replications, base.seed
        ),
        Lang::Da => writeln!(
            o,
            "variation af {path} i {} — {} parrede gentagelser, frø {}",
            base.title, base.replications, base.seed
        ),
    };
    for d in metrics {
        let _ = writeln!(o, "\n{} ({})", label(d, lang), d.id);
        let _ = writeln!(
            o,
            "  {:<14} {:>14} {:>14} {:>30} {:>30}",
            t(lang, "value", "værdi"),
            t(lang, "mean", "gennemsnit"),
            t(lang, "difference", "forskel"),
            t(lang, CI_HEAD.0, CI_HEAD.1),
            t(lang, SPREAD_HEAD.0, SPREAD_HEAD.1)
        );
        let _ = writeln!(
            o,
            "  {:<14} {:>14} {:>14} {:>30} {:>30}",
            t(lang, "(unchanged)", "(uændret)"),
            value(base.metrics[d.id].mean, d.unit, lang),
            "",
            "",
            ""
        );
        for row in rows {
            let x = row.difference[d.id];
            let _ = writeln!(
                o,
                "  {:<14} {:>14} {:>14} {:>30} {:>30}",
                row.label,
                value(row.results.metrics[d.id].mean, d.unit, lang),
                value(x.mean, d.unit, lang),
                ci(&x, d.unit, lang),
                spread(&x, d.unit, lang)
            );
        }
    }
    let _ = writeln!(o, "\n{}", intervals_legend(lang));
    o
}

/// The CSV of a sweep: a row per (value, metric), metrics in the order asked for.
pub fn sweep_csv(rows: &[SweepRow], metrics: &[&MetricDef]) -> String {
    let mut o = String::from(
        "value,metric,mean,p5,p95,diff_mean,diff_p5,diff_p95,ci90_low,ci90_high,\
         diff_ci90_low,diff_ci90_high\n",
    );
    for d in metrics {
        for row in rows {
            let s = row.results.metrics[d.id];
            let x = row.difference[d.id];
            let _ = writeln!(
                o,
                "{},{},{},{},{},{},{},{},{},{},{},{}",
                csv_field(row.label),
                d.id,
                s.mean,
                s.p5,
                s.p95,
                x.mean,
                x.p5,
                x.p95,
                s.ci90[0],
                s.ci90[1],
                x.ci90[0],
                x.ci90[1]
            );
        }
    }
    o
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// What `kanalsim staff` asked for, for its heading.
pub struct StaffHeading<'a> {
    /// Scenario title.
    pub title: &'a str,
    /// 1 = phone, 0 = counter.
    pub channel: usize,
    /// Target share answered within `target_seconds`.
    pub target: f64,
    /// The channel's `targetSeconds`.
    pub target_seconds: f64,
    /// Replications per round.
    pub replications: u32,
}

/// The rounds of `kanalsim staff` and the staffing grid it found.
pub fn staff_table(h: &StaffHeading, plan: &StaffingPlan, lang: Lang) -> String {
    let mut o = String::new();
    let name = match (h.channel, lang) {
        (1, Lang::En) => "phone",
        (1, Lang::Da) => "telefon",
        (_, Lang::En) => "personal",
        (_, Lang::Da) => "personlig",
    };
    let pct = fixed(h.target * 100.0, 0, lang);
    let secs = match lang {
        Lang::En => h.target_seconds.to_string(),
        Lang::Da => h.target_seconds.to_string().replace('.', ","),
    };
    let _ = match lang {
        Lang::En => writeln!(
            o,
            "{} — {name}: least staff per hour answering {pct} % within {secs} s ({} \
             replications a round)",
            h.title, h.replications
        ),
        Lang::Da => writeln!(
            o,
            "{} — {name}: færrest medarbejdere pr. time, der besvarer {pct} % inden for {secs} s \
             ({} gentagelser pr. runde)",
            h.title, h.replications
        ),
    };
    for (i, r) in plan.rounds.iter().enumerate() {
        let hours = fixed(r.staff_hours_per_week, 0, lang);
        let level = fixed(r.service_level * 100.0, 1, lang);
        let _ = match lang {
            Lang::En => writeln!(
                o,
                "round {}: {hours} staff hours a week, simulated service level {level} %, {} \
                 hours changed",
                i + 1,
                r.changed_hours
            ),
            Lang::Da => writeln!(
                o,
                "runde {}: {hours} medarbejdertimer om ugen, simuleret serviceniveau {level} %, \
                 {} timer ændret",
                i + 1,
                r.changed_hours
            ),
        };
    }
    let grid = if h.channel == 1 {
        &plan.scenario.queues.phone.staffing
    } else {
        &plan.scenario.queues.personal.staffing
    };
    let _ = write!(
        o,
        "\n{}\n     ",
        t(
            lang,
            "staff per hour (open hours only matter)",
            "medarbejdere pr. time (kun åbne timer har betydning)"
        )
    );
    for hour in 0..24 {
        let _ = write!(o, "{hour:>3}");
    }
    o.push('\n');
    const DAYS_DA: [&str; 7] = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];
    for (d, row) in grid.iter().enumerate() {
        let day = match lang {
            Lang::En => WEEKDAYS.get(d).copied().unwrap_or(""),
            Lang::Da => DAYS_DA.get(d).copied().unwrap_or(""),
        };
        let _ = write!(o, "{day:<5}");
        for n in row {
            let _ = write!(o, "{n:>3}");
        }
        o.push('\n');
    }
    o
}

/// What `kanalsim erlang` ran, for its heading.
pub struct ErlangHeading {
    /// Arrivals per hour.
    pub arrivals_per_hour: f64,
    /// Mean service, minutes.
    pub mean_service_min: f64,
    /// Agents.
    pub agents: u32,
    /// Mean patience, minutes (none: Erlang C).
    pub mean_patience_min: Option<f64>,
    /// Service-level target, seconds.
    pub target_seconds: f64,
    /// Replications.
    pub replications: u32,
    /// Weeks per replication (after the warm-up).
    pub weeks: u32,
    /// Warm-up weeks, discarded.
    pub warmup_weeks: u32,
    /// Customers simulated after the warm-up (mean per replication × replications).
    pub customers: f64,
    /// Name of the formula (`Erlang A (M/M/c+M)`).
    pub model: &'static str,
}

/// The simulated figures of the stationary queue beside the theory's (or why there is
/// none).
pub fn erlang_table(
    h: &ErlangHeading,
    sim: &QueueFigures,
    theory: Result<&QueueFigures, String>,
    lang: Lang,
) -> String {
    let n = |v: f64| kanalsim::error::readable(v);
    let n = |v: f64| match lang {
        Lang::En => n(v),
        Lang::Da => n(v).replace('.', ","),
    };
    let mut o = String::new();
    let patience = h.mean_patience_min.map_or(String::new(), |p| match lang {
        Lang::En => format!(", mean patience {} min", n(p)),
        Lang::Da => format!(", gennemsnitlig tålmodighed {} min", n(p)),
    });
    let customers = group(h.customers, lang);
    let warmup = match (h.warmup_weeks, lang) {
        (0, Lang::En) => ", no warm-up".to_string(),
        (0, Lang::Da) => ", uden indsvingning".to_string(),
        (1, Lang::En) => " after a warm-up of 1 week (discarded)".to_string(),
        (1, Lang::Da) => " efter en indsvingning på 1 uge (kasseret)".to_string(),
        (w, Lang::En) => format!(" after a warm-up of {w} weeks (discarded)"),
        (w, Lang::Da) => format!(" efter en indsvingning på {w} uger (kasseret)"),
    };
    let _ = match lang {
        Lang::En => writeln!(
            o,
            "Stationary queue: {} arrivals/hour, mean service {} min, {} agents{patience}; {} \
             replications × {} weeks (≈{customers} customers){warmup}",
            n(h.arrivals_per_hour),
            n(h.mean_service_min),
            h.agents,
            h.replications,
            h.weeks,
        ),
        Lang::Da => writeln!(
            o,
            "Stationær kø: {} ankomster/time, gennemsnitlig betjening {} min, {} medarbejdere\
             {patience}; {} gentagelser × {} uger (≈{customers} kunder){warmup}",
            n(h.arrivals_per_hour),
            n(h.mean_service_min),
            h.agents,
            h.replications,
            h.weeks,
        ),
    };
    let _ = writeln!(
        o,
        "{:<40} {:>12} {:>12}",
        "",
        t(lang, "simulated", "simuleret"),
        h.model
    );
    let th = theory.as_ref().ok();
    let mut row = |name: &str, s: f64, t: Option<f64>| {
        let _ = writeln!(
            o,
            "{:<40} {:>12} {:>12}",
            name,
            fixed(s, 5, lang),
            t.map_or("—".to_string(), |v| fixed(v, 5, lang))
        );
    };
    row(
        t(lang, "P(wait)", "P(venter)"),
        sim.p_wait,
        th.map(|t| t.p_wait),
    );
    row(
        t(lang, "P(abandon)", "P(opgiver)"),
        sim.p_abandon,
        th.map(|t| t.p_abandon),
    );
    row(
        t(
            lang,
            "mean wait of served (min)",
            "gns. ventetid for betjente (min)",
        ),
        sim.mean_wait_served_min,
        th.map(|t| t.mean_wait_served_min),
    );
    let secs = n(h.target_seconds);
    let level = match lang {
        Lang::En => format!("service level (≤ {secs} s)"),
        Lang::Da => format!("serviceniveau (≤ {secs} s)"),
    };
    row(&level, sim.service_level, th.map(|t| t.service_level));
    if let Err(e) = theory {
        let _ = writeln!(o, "{}: {e}", t(lang, "theory", "teori"));
    }
    o
}

/// The table of `kanalsim appointments`: the run's shape, then the simulated figures with
/// their standard errors beside the exact ones.
pub fn book_table(
    b: &kanalsim::stationary_book::StationaryBook,
    r: &kanalsim::stationary_book::BookRun,
    theory: &kanalsim::stationary_book::BookCheck,
    lang: Lang,
) -> String {
    let n = |v: f64| match lang {
        Lang::En => kanalsim::error::readable(v),
        Lang::Da => kanalsim::error::readable(v).replace('.', ","),
    };
    let mut o = String::new();
    let _ = match lang {
        Lang::En => writeln!(
            o,
            "Stationary appointment book: {} requests/day, {} slots/day (load {}); {} replications × {} weeks (≈{} requests), each after a warm-up of {} weeks (discarded)",
            n(b.requests_per_day),
            b.slots_per_day,
            fixed(b.requests_per_day / b.slots_per_day as f64, 3, lang),
            r.replications,
            r.weeks,
            group(r.requests, lang),
            r.warmup_weeks,
        ),
        Lang::Da => writeln!(
            o,
            "Stationær tidsbog: {} ønsker/dag, {} tider/dag (belastning {}); {} gentagelser × {} uger (≈{} ønsker), hver efter en indsvingning på {} uger (kasseret)",
            n(b.requests_per_day),
            b.slots_per_day,
            fixed(b.requests_per_day / b.slots_per_day as f64, 3, lang),
            r.replications,
            r.weeks,
            group(r.requests, lang),
            r.warmup_weeks,
        ),
    };
    let _ = writeln!(
        o,
        "{:<34} {:>12} {:>12} {:>12}",
        "",
        t(lang, "simulated", "simuleret"),
        t(lang, "std. error", "std.fejl"),
        t(lang, "Markov chain", "Markov-kæde")
    );
    for (name, s, se, th) in [
        (
            t(lang, "mean lead (days)", "gns. ventetid (dage)"),
            r.simulated.mean_lead_days,
            r.standard_error.mean_lead_days,
            theory.mean_lead_days,
        ),
        (
            t(lang, "P(lead ≤ 5 days)", "P(ventetid ≤ 5 dage)"),
            r.simulated.p_lead_at_most5_days,
            r.standard_error.p_lead_at_most5_days,
            theory.p_lead_at_most5_days,
        ),
    ] {
        let _ = writeln!(
            o,
            "{:<34} {:>12} {:>12} {:>12}",
            name,
            fixed(s, 5, lang),
            fixed(se, 5, lang),
            fixed(th, 5, lang)
        );
    }
    o
}

/// Pretty JSON with a final line break (the form of every JSON output).
pub fn json<T: serde::Serialize>(v: &T) -> Result<String, kanalsim::Error> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| {
            kanalsim::Error::input(
                "",
                format!("cannot write JSON: {e}"),
                format!("kan ikke skrive JSON: {e}"),
            )
        })
}
