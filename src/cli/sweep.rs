//! `kanalsim sweep`: one scenario field set to several values, each compared with the
//! unchanged scenario (common random numbers).

use super::args::{Command, Flag, Raw, Values, shared};
use super::output::{Progress, Target};
use super::render::{self, SweepRow};
use super::run::target;
use super::{Halt, RunFlags, input, shard};
use kanalsim::precision::PrecisionReport;
use kanalsim::report::{MetricDef, metric};
use kanalsim::run::Aggregator;
use kanalsim::validate::read_scenario;
use kanalsim::{Error, ErrorKind, Issue, Lang, Model};
use serde_json::Value;

/// `--set PATH`.
pub const SET: Flag = Flag {
    name: "set",
    value: Some("PATH"),
    required: true,
    en: "the field to vary, e.g. digital.adoption.likely or queues.phone.staffing[0][9]",
    da: "feltet der varieres, fx digital.adoption.likely eller queues.phone.staffing[0][9]",
};
/// `--values V1,V2,…`.
pub const VALUES: Flag = Flag {
    name: "values",
    value: Some("V1,V2,..."),
    required: true,
    en: "its values, as JSON; separated by ';' instead when any holds a comma",
    da: "dets værdier, som JSON; adskilt af ';' i stedet, når en af dem indeholder et komma",
};
/// `--metrics ID,ID,…`.
pub const METRICS: Flag = Flag {
    name: "metrics",
    value: Some("ID,ID,..."),
    required: false,
    en: "metric ids to report (default: eleven key figures; ids in run --json)",
    da: "id'er på nøgletal der vises (standard: elleve nøgletal; id'erne står i run --json)",
};

/// The metrics reported when `--metrics` is not given.
pub const DEFAULT_METRICS: [&str; 11] = [
    "contacts.personalAndPhone.information",
    "contacts.personal",
    "contacts.phone",
    "contacts.digital",
    "digital.adoptionOfAllErrands",
    "gaveUp",
    "phone.serviceLevel",
    "personal.meanWaitMin",
    "staff.hours",
    "cost.unit.total",
    "cost.staff.total",
];

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "sweep",
    args: ("<preset-id|file.json>", "<forvalg-id|fil.json>"),
    about: (
        "vary one field over several values, each compared with the unchanged scenario",
        "variér ét felt over flere værdier, hver sammenlignet med det uændrede scenarie",
    ),
    more: (
        "Each value gives a variant of the scenario; all run with the scenario's settings \
         (overridden by the flags) and common random numbers, so each difference is paired.",
        "Hver værdi giver en variant af scenariet; alle køres med scenariets indstillinger \
         (som flagene kan ændre) og fælles tilfældige tal, så hver forskel er parret.",
    ),
    flags: &[
        &SET,
        &VALUES,
        &METRICS,
        &shared::REPLICATIONS,
        &shared::SEED,
        &shared::THREADS,
        &shared::CSV_FILE,
        &shared::PRECISION,
        &shared::SHARD,
        &shared::OUT,
    ],
};

/// `kanalsim sweep`, resolved.
#[derive(Debug)]
pub struct Config {
    /// Preset id or file name.
    pub scenario: String,
    /// The field's path.
    pub path: String,
    /// The values, as given (each parsed as JSON, else taken as a string).
    pub values: Vec<String>,
    /// The metrics reported.
    pub metrics: Vec<&'static MetricDef>,
    /// Run settings overrides.
    pub run: RunFlags,
    /// `--csv`.
    pub csv: Option<Target>,
}

impl Config {
    /// Resolve the raw arguments, every problem at once.
    pub fn resolve(raw: &Raw) -> Result<Config, Error> {
        let pos = raw.positionals(&COMMAND, 1)?;
        let mut v = Values::new(raw);
        let path = v.require(&SET).unwrap_or_default().to_string();
        let values = v.require(&VALUES).unwrap_or_default();
        // ';' separates when any is given (so JSON objects can hold commas), else ','.
        let sep = if values.contains(';') { ';' } else { ',' };
        let values: Vec<String> = values.split(sep).map(|s| s.trim().to_string()).collect();
        let mut metrics = Vec::new();
        let ids: Vec<&str> = match v.text(&METRICS) {
            Some(m) => m.split(',').map(str::trim).collect(),
            None => DEFAULT_METRICS.to_vec(),
        };
        for id in ids {
            match metric(id) {
                Some(d) => metrics.push(d),
                None => v.issue(
                    METRICS.path(),
                    format!("unknown metric '{id}'"),
                    format!("ukendt nøgletal '{id}'"),
                ),
            }
        }
        let run = RunFlags::read(&mut v, &[&shared::CSV_FILE]);
        let csv = target(&mut v, &shared::CSV_FILE);
        v.finish(Config {
            scenario: pos[0].clone(),
            path,
            values,
            metrics,
            run,
            csv,
        })
    }
}

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let cfg = Config::resolve(raw)?;
    let (base, mb) = input::model(&cfg.scenario)?;
    let base_json = serde_json::to_value(&base).map_err(|e| {
        Error::input(
            "",
            format!("cannot write JSON: {e}"),
            format!("kan ikke skrive JSON: {e}"),
        )
    })?;
    let mut issues = Vec::new();
    let mut variants: Vec<Model> = Vec::new();
    let mut texts: Vec<String> = vec![base_json.to_string()];
    for (k, raw) in cfg.values.iter().enumerate() {
        let val: Value =
            serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()));
        let mut v = base_json.clone();
        if let Err((en, da)) = set_path(&mut v, &cfg.path, val) {
            issues.push(Issue::new(format!("--set {}", cfg.path), en, da));
            break;
        }
        // Model::new validates and compiles once (parse_scenario would compile it twice).
        let text = v.to_string();
        let model = read_scenario(&text).and_then(|s| Model::new(&s));
        texts.push(text);
        match model {
            Ok(m) => variants.push(m),
            Err(e) => issues.extend(e.prefixed(&format!("--values[{}] = {raw}", k + 1)).issues),
        }
    }
    // Appointment figures exist only where the counter is by appointment, in the baseline
    // and in every value.
    let all_book = mb.appointments.is_some() && variants.iter().all(|m| m.appointments.is_some());
    for d in &cfg.metrics {
        if d.id.starts_with("appointments.") && !all_book {
            issues.push(Issue::new(
                METRICS.path(),
                format!(
                    "{} is a figure of the counter by appointment, and the scenario (or one of the values) has none (appointments.mode)",
                    d.id
                ),
                format!(
                    "{} er et nøgletal for skranken med tidsbestilling, og scenariet (eller en af værdierne) har ingen (appointments.mode)",
                    d.id
                ),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(Error::new(ErrorKind::InvalidInput, issues).into());
    }
    let settings = cfg.run.settings(&base);
    let mut models: Vec<&Model> = vec![&mb];
    models.extend(variants.iter());
    if cfg.run.shard.is_some() {
        let args = shard::SweepArgs {
            path: cfg.path.clone(),
            values: cfg.values.clone(),
            metrics: cfg.metrics.iter().map(|d| d.id.to_string()).collect(),
        };
        return shard::write(
            "sweep",
            &cfg.run,
            texts,
            &models,
            &settings,
            Some(args),
            lang,
        );
    }
    let mut progress = Progress::new(lang);
    let (aggs, report) = kanalsim::run::run_many_until(
        &models,
        &settings,
        cfg.run.precision,
        &mut progress.observer(),
    )?;
    drop(progress);
    emit(
        &cfg.path,
        &cfg.values,
        &cfg.metrics,
        &models,
        &aggs,
        report,
        &cfg.csv,
        lang,
    )
}

/// Write a sweep's CSV and/or table (with the precision rule's line) from its aggregators
/// (the unchanged scenario first).
#[allow(clippy::too_many_arguments)]
pub fn emit(
    path: &str,
    labels: &[String],
    metrics: &[&'static MetricDef],
    models: &[&Model],
    aggs: &[Aggregator],
    precision: Option<PrecisionReport>,
    csv: &Option<Target>,
    lang: Lang,
) -> Result<(), Halt> {
    let base_results = aggs[0].results(models[0]);
    let results: Vec<_> = models[1..]
        .iter()
        .zip(&aggs[1..])
        .map(|(m, a)| (a.results(m), kanalsim::run::paired_difference(&aggs[0], a)))
        .collect();
    let rows: Vec<SweepRow> = labels
        .iter()
        .zip(&results)
        .map(|(label, (r, d))| SweepRow {
            label,
            results: r,
            difference: d,
        })
        .collect();
    let csv = csv.as_ref().map(|t| (t, render::sweep_csv(&rows, metrics)));
    let table = || render::sweep_table(path, &base_results, &rows, metrics, lang);
    super::emit(None, csv, table, precision.as_ref(), lang)
}

/// Set the value at a dotted path with `[i]` indices (`queues.phone.staffing[0][9]`); the
/// error in English and Danish.
pub fn set_path(v: &mut Value, path: &str, new: Value) -> Result<(), (String, String)> {
    let mut tokens: Vec<String> = Vec::new();
    for part in path.split('.') {
        let (name, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            tokens.push(name.to_string());
        }
        let mut r = rest;
        while let Some(stripped) = r.strip_prefix('[') {
            let end = stripped
                .find(']')
                .ok_or_else(|| ("missing ']'".to_string(), "mangler ']'".to_string()))?;
            tokens.push(format!("#{}", &stripped[..end]));
            r = &stripped[end + 1..];
        }
        if !r.is_empty() {
            return Err((
                format!("cannot read '{part}'"),
                format!("kan ikke læse '{part}'"),
            ));
        }
    }
    if tokens.is_empty() {
        return Err(("empty path".into(), "tom sti".into()));
    }
    let mut cur = v;
    for t in &tokens {
        cur = if let Some(i) = t.strip_prefix('#') {
            let i: usize = i.parse().map_err(|_| {
                (
                    format!("'{i}' is not an index"),
                    format!("'{i}' er ikke et indeks"),
                )
            })?;
            cur.get_mut(i).ok_or_else(|| {
                (
                    format!("index {i} does not exist"),
                    format!("indeks {i} findes ikke"),
                )
            })?
        } else {
            cur.get_mut(t.as_str()).ok_or_else(|| {
                (
                    format!("the field '{t}' does not exist"),
                    format!("feltet '{t}' findes ikke"),
                )
            })?
        };
    }
    *cur = new;
    Ok(())
}
