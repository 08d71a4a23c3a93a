//! Renderers: the readable tables (in English or Danish, with the language's number format)
//! and the CSV files (language-neutral: metric ids, unit names, full-precision numbers).
//! Each returns a `String`; writing is [`super::output`]'s job.

use kanalsim::Lang;
use kanalsim::presets::PresetInfo;
use kanalsim::report::{Comparison, METRICS, MetricDef, Results, Summary, Unit};
use kanalsim::scenario::WEEKDAYS;
use kanalsim::staffing::StaffingPlan;
use kanalsim::theory::QueueFigures;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Width of the label column: 52, or the longest label in `lang` if longer.
fn label_width(lang: Lang) -> usize {
    METRICS
        .iter()
        .map(|d| label(d, lang).chars().count())
        .max()
        .unwrap_or(0)
        .max(52)
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
        Unit::Fte => fixed(v, 1, lang),
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
    }
}

fn t(lang: Lang, en: &'static str, da: &'static str) -> &'static str {
    super::args::tr(lang, en, da)
}

/// `[P5 ; P95]` of a difference.
fn interval(x: &Summary, unit: Unit, lang: Lang) -> String {
    format!(
        "[{} ; {}]",
        value(x.p5, unit, lang),
        value(x.p95, unit, lang)
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
    for d in METRICS {
        let s = r.metrics[d.id];
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

/// The table of a comparison: baseline, scenario, paired difference and its 90 % interval.
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
        "{:<w$} {:>5} {:>13} {:>13} {:>13} {:>27}",
        t(lang, "metric", "nøgletal"),
        t(lang, "unit", "enhed"),
        t(lang, "baseline", "basis"),
        t(lang, "scenario", "scenarie"),
        t(lang, "difference", "forskel"),
        t(lang, "90 % interval", "90 %-interval")
    );
    for d in METRICS {
        let (b, s, x) = (
            c.baseline.metrics[d.id],
            c.scenario.metrics[d.id],
            c.difference[d.id],
        );
        let _ = writeln!(
            o,
            "{:<w$} {:>5} {:>13} {:>13} {:>13} {:>27}",
            label(d, lang),
            unit_label(d.unit, lang),
            value(b.mean, d.unit, lang),
            value(s.mean, d.unit, lang),
            value(x.mean, d.unit, lang),
            interval(&x, d.unit, lang)
        );
    }
    o
}

fn csv_row(o: &mut String, prefix: &str, s: &Summary) {
    let _ = writeln!(
        o,
        "{prefix},{},{},{},{},{},{}",
        s.mean, s.p5, s.p25, s.p50, s.p75, s.p95
    );
}

/// The CSV of a run: one row per metric.
pub fn results_csv(r: &Results) -> String {
    let mut o = String::from("metric,unit,mean,p5,p25,p50,p75,p95\n");
    for d in METRICS {
        csv_row(
            &mut o,
            &format!("{},{}", d.id, unit_name(d.unit)),
            &r.metrics[d.id],
        );
    }
    o
}

/// The CSV of a comparison: baseline, scenario and difference rows per metric.
pub fn comparison_csv(c: &Comparison) -> String {
    let mut o = String::from("metric,unit,series,mean,p5,p25,p50,p75,p95\n");
    for d in METRICS {
        for (name, s) in [
            ("baseline", &c.baseline.metrics[d.id]),
            ("scenario", &c.scenario.metrics[d.id]),
            ("difference", &c.difference[d.id]),
        ] {
            csv_row(&mut o, &format!("{},{},{name}", d.id, unit_name(d.unit)), s);
        }
    }
    o
}

/// The list of presets: id, title in `lang`, and what each is compared with.
pub fn presets_list(list: &[PresetInfo], lang: Lang) -> String {
    let mut o = String::new();
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
        let _ = writeln!(o, "{:<32} {}  ({})", p.id, title, base);
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
/// difference and its 90 % interval.
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
            "  {:<14} {:>14} {:>14} {:>30}",
            t(lang, "value", "værdi"),
            t(lang, "mean", "gennemsnit"),
            t(lang, "difference", "forskel"),
            t(lang, "90 % interval", "90 %-interval")
        );
        let _ = writeln!(
            o,
            "  {:<14} {:>14} {:>14} {:>30}",
            t(lang, "(unchanged)", "(uændret)"),
            value(base.metrics[d.id].mean, d.unit, lang),
            "",
            ""
        );
        for row in rows {
            let x = row.difference[d.id];
            let _ = writeln!(
                o,
                "  {:<14} {:>14} {:>14} {:>30}",
                row.label,
                value(row.results.metrics[d.id].mean, d.unit, lang),
                value(x.mean, d.unit, lang),
                interval(&x, d.unit, lang)
            );
        }
    }
    o
}

/// The CSV of a sweep: a row per (value, metric), metrics in the order asked for.
pub fn sweep_csv(rows: &[SweepRow], metrics: &[&MetricDef]) -> String {
    let mut o = String::from("value,metric,mean,p5,p95,diff_mean,diff_p5,diff_p95\n");
    for d in metrics {
        for row in rows {
            let s = row.results.metrics[d.id];
            let x = row.difference[d.id];
            let _ = writeln!(
                o,
                "{},{},{},{},{},{},{},{}",
                csv_field(row.label),
                d.id,
                s.mean,
                s.p5,
                s.p95,
                x.mean,
                x.p5,
                x.p95
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
