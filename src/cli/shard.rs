//! Beyond one machine: `--shard I/N` on `run`, `compare` and `sweep` writes a partial file
//! with the per-replication outputs of its share of the replications (replications `i` with
//! `i mod N = I − 1`, each seeded exactly as in the whole run), and `kanalsim merge PART...`
//! folds the parts in replication order into the output of the unsharded command — its
//! `--json` byte for byte. With `--precision`, the shards run the maximum and the rule is
//! applied at merge.

use super::args::{Command, Flag, Raw, Values, shared};
use super::output;
use super::{Halt, RunFlags, compare, run, sweep};
use kanalsim::precision::Precision;
use kanalsim::report::{MetricDef, metric};
use kanalsim::run::{Folder, Shard, run_shard};
use kanalsim::sim::RepOutput;
use kanalsim::validate::read_scenario;
use kanalsim::{Error, ErrorKind, Issue, Lang, Model, RunSettings};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The partial-file format's version.
pub const FORMAT: u32 = 1;

/// What a sweep's merge needs besides the scenarios: the field, the values as given and the
/// metrics reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SweepArgs {
    /// `--set`.
    pub path: String,
    /// `--values`, as given.
    pub values: Vec<String>,
    /// `--metrics`, the ids.
    pub metrics: Vec<String>,
}

/// A partial file: one shard's outputs and what merge checks they belong together.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Part {
    /// [`FORMAT`].
    pub kanalsim_part: u32,
    /// The engine version that ran it (merge needs the same).
    pub version: String,
    /// `run`, `compare` or `sweep`.
    pub command: String,
    /// FNV-1a (64 bit, hex) of the command, the scenarios and the sweep's arguments.
    pub scenario_hash: String,
    /// Seed.
    pub seed: u64,
    /// Replications of the whole run (the maximum with a precision rule).
    pub replications: u32,
    /// Warm-up weeks.
    pub warmup_weeks: u32,
    /// The precision rule's relative tolerance, if any (applied at merge).
    pub precision: Option<f64>,
    /// Which shard this is.
    pub shard: Shard,
    /// A sweep's field, values and metrics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sweep: Option<SweepArgs>,
    /// Each model's scenario as JSON text (baseline first), as the run read it.
    pub scenarios: Vec<String>,
    /// Per replication of the shard (in order), one output per scenario.
    pub outputs: Vec<Vec<RepOutput>>,
}

/// FNV-1a, 64 bit, as 16 hex digits.
fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The hash of what a part runs.
fn hash_of(command: &str, scenarios: &[String], sweep: &Option<SweepArgs>) -> String {
    let sw = sweep
        .as_ref()
        .and_then(|s| serde_json::to_string(s).ok())
        .unwrap_or_default();
    let mut parts = vec![command];
    parts.extend(scenarios.iter().map(String::as_str));
    parts.push(&sw);
    fnv(&parts)
}

/// `I/N` with 1 ≤ I ≤ N ≤ 10,000; the problem in English and Danish.
pub fn parse(t: &str) -> Result<Shard, (String, String)> {
    let bad = || {
        (
            format!("'{t}' is not a shard I/N with 1 ≤ I ≤ N ≤ 10000, e.g. 2/3"),
            format!("'{t}' er ikke en del I/N med 1 ≤ I ≤ N ≤ 10000, fx 2/3"),
        )
    };
    let (i, n) = t.split_once('/').ok_or_else(bad)?;
    let (i, n): (u32, u32) = (
        i.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if i >= 1 && i <= n && n <= kanalsim::settings::MAX_REPLICATIONS {
        Ok(Shard { index: i, count: n })
    } else {
        Err(bad())
    }
}

/// Scenario JSON text, as a part stores it.
pub fn text_of<T: Serialize>(s: &T) -> Result<String, Error> {
    serde_json::to_string(s).map_err(|e| {
        Error::input(
            "",
            format!("cannot write JSON: {e}"),
            format!("kan ikke skrive JSON: {e}"),
        )
    })
}

/// Run shard `flags.shard` of `models` (from the scenario texts `scenarios`) and write its
/// partial file to `flags.out`.
pub fn write(
    command: &str,
    flags: &RunFlags,
    scenarios: Vec<String>,
    models: &[&Model],
    settings: &RunSettings,
    sweep: Option<SweepArgs>,
    lang: Lang,
) -> Result<(), Halt> {
    let Some(shard) = flags.shard else {
        return Ok(());
    };
    if shard.count > settings.replications {
        return Err(Error::input(
            shared::SHARD.path(),
            format!(
                "{} shards of {} replications: some shard would have none",
                shard.count, settings.replications
            ),
            format!(
                "{} dele af {} gentagelser: en del ville ingen få",
                shard.count, settings.replications
            ),
        )
        .into());
    }
    let mut progress = output::Progress::new(lang);
    let outputs = run_shard(models, settings, shard, &mut progress.observer())?;
    drop(progress);
    let part = Part {
        kanalsim_part: FORMAT,
        version: kanalsim::VERSION.to_string(),
        command: command.to_string(),
        scenario_hash: hash_of(command, &scenarios, &sweep),
        seed: settings.seed,
        replications: settings.replications,
        warmup_weeks: settings.warmup_weeks,
        precision: flags.precision.map(|p| p.relative),
        shard,
        sweep,
        scenarios,
        outputs,
    };
    let text = text_of(&part)? + "\n";
    output::write_all(&[(&flags.out, text)])
}

/// `--json FILE` of merge.
const JSON: Flag = shared::JSON_FILE;
/// `--csv FILE` of merge.
const CSV: Flag = shared::CSV_FILE;

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "merge",
    args: ("<part.json>...", "<delfil.json>..."),
    about: (
        "fold the partial files of a sharded run, compare or sweep (--shard I/N) into its output",
        "saml delfilerne fra en opdelt run, compare eller sweep (--shard I/N) til dens resultat",
    ),
    more: (
        "Every shard 1..N of the same command, scenarios, seed and replications must be \
         given once. The outputs are folded in replication order, so the table, --json and \
         --csv are the same as the unsharded command's, byte for byte. A precision rule \
         (--precision on the shards) is applied here.",
        "Hver del 1..N af samme kommando, scenarier, frø og gentagelser skal gives én gang. \
         Resultaterne lægges sammen i gentagelsernes rækkefølge, så tabellen, --json og --csv \
         er de samme som den udelte kommandos, byte for byte. En præcisionsregel \
         (--precision på delene) anvendes her.",
    ),
    flags: &[&JSON, &CSV],
};

/// Read one partial file; every problem names the file.
fn read(path: &str) -> Result<Part, Issue> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let e = Error::io(path, false, &e);
        e.issues
            .into_iter()
            .next()
            .unwrap_or_else(|| Issue::new(path, "cannot be read", "kan ikke læses"))
    })?;
    let part: Part = serde_json::from_str(&text).map_err(|e| {
        Issue::new(
            path,
            format!("is not a partial file of kanalsim --shard: {e}"),
            format!("er ikke en delfil fra kanalsim --shard: {e}"),
        )
    })?;
    if part.kanalsim_part != FORMAT {
        return Err(Issue::new(
            path,
            format!(
                "is a partial file of format {}; this kanalsim reads format {FORMAT}",
                part.kanalsim_part
            ),
            format!(
                "er en delfil i format {}; denne kanalsim læser format {FORMAT}",
                part.kanalsim_part
            ),
        ));
    }
    if part.version != kanalsim::VERSION {
        return Err(Issue::new(
            path,
            format!(
                "was written by kanalsim {}; merge it with the same version (this is {})",
                part.version,
                kanalsim::VERSION
            ),
            format!(
                "er skrevet af kanalsim {}; saml den med samme version (dette er {})",
                part.version,
                kanalsim::VERSION
            ),
        ));
    }
    if hash_of(&part.command, &part.scenarios, &part.sweep) != part.scenario_hash {
        return Err(damaged(
            path,
            "its scenarios do not match its scenarioHash",
            "dens scenarier passer ikke til dens scenarioHash",
        ));
    }
    let reps: Vec<u32> = part.shard.replications(part.replications).collect();
    let fits = part.shard.index >= 1
        && part.shard.index <= part.shard.count
        && part.outputs.len() == reps.len()
        && part.outputs.iter().zip(&reps).all(|(outs, r)| {
            outs.len() == part.scenarios.len() && outs.iter().all(|o| o.rep == *r)
        });
    if !fits || !["run", "compare", "sweep"].contains(&part.command.as_str()) {
        return Err(damaged(
            path,
            "its outputs are not those of its shard",
            "dens resultater er ikke dem fra dens del",
        ));
    }
    Ok(part)
}

fn damaged(path: &str, en: &str, da: &str) -> Issue {
    Issue::new(
        path,
        format!("is damaged: {en}"),
        format!("er beskadiget: {da}"),
    )
}

/// The first difference of `b` from `a` that keeps them from being parts of one run.
fn mismatch(a: &Part, b: &Part) -> Option<(&'static str, String, String)> {
    let pairs: [(&str, String, String); 6] = [
        ("command", a.command.clone(), b.command.clone()),
        (
            "scenarioHash",
            a.scenario_hash.clone(),
            b.scenario_hash.clone(),
        ),
        ("seed", a.seed.to_string(), b.seed.to_string()),
        (
            "replications",
            a.replications.to_string(),
            b.replications.to_string(),
        ),
        (
            "precision",
            format!("{:?}", a.precision),
            format!("{:?}", b.precision),
        ),
        (
            "shards",
            a.shard.count.to_string(),
            b.shard.count.to_string(),
        ),
    ];
    pairs.into_iter().find(|(_, x, y)| x != y).or_else(|| {
        (a.warmup_weeks != b.warmup_weeks).then(|| {
            (
                "warmupWeeks",
                a.warmup_weeks.to_string(),
                b.warmup_weeks.to_string(),
            )
        })
    })
}

/// `kanalsim merge`.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    if raw.pos.is_empty() {
        return Err(COMMAND.usage_error().into());
    }
    let mut v = Values::new(raw);
    let json = run::target(&mut v, &JSON);
    let csv = run::target(&mut v, &CSV);
    v.finish(())?;
    let mut issues = Vec::new();
    let mut parts: Vec<(&str, Part)> = Vec::new();
    for p in &raw.pos {
        match read(p) {
            Ok(part) => parts.push((p, part)),
            Err(i) => issues.push(i),
        }
    }
    if !issues.is_empty() {
        return Err(Error::new(ErrorKind::InvalidInput, issues).into());
    }
    // The outputs apart from the headers (checked already by `read`).
    let mut outputs: Vec<Vec<Vec<RepOutput>>> = parts
        .iter_mut()
        .map(|(_, p)| std::mem::take(&mut p.outputs))
        .collect();
    let (first_name, first) = (parts[0].0, &parts[0].1);
    let mut by_index: BTreeMap<u32, &str> = BTreeMap::new();
    for (name, p) in &parts {
        if let Some((field, x, y)) = mismatch(first, p) {
            issues.push(Issue::new(
                *name,
                format!("does not belong with {first_name}: its {field} is {y}, there {x}"),
                format!("hører ikke sammen med {first_name}: dens {field} er {y}, dér {x}"),
            ));
            continue;
        }
        if let Some(other) = by_index.insert(p.shard.index, name) {
            issues.push(Issue::new(
                *name,
                format!(
                    "is shard {}/{} again (as {other} is)",
                    p.shard.index, p.shard.count
                ),
                format!(
                    "er del {}/{} igen (ligesom {other})",
                    p.shard.index, p.shard.count
                ),
            ));
        }
    }
    if issues.is_empty() {
        let missing: Vec<String> = (1..=first.shard.count)
            .filter(|i| !by_index.contains_key(i))
            .map(|i| format!("{i}/{}", first.shard.count))
            .collect();
        if !missing.is_empty() {
            let given = raw.pos.join(", ");
            issues.push(Issue::new(
                "",
                format!("shard(s) missing: {} (given: {given})", missing.join(", ")),
                format!("del(e) mangler: {} (givet: {given})", missing.join(", ")),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(Error::new(ErrorKind::InvalidInput, issues).into());
    }
    let mut models = Vec::new();
    for (k, text) in first.scenarios.iter().enumerate() {
        let m = read_scenario(text)
            .and_then(|s| Model::new(&s))
            .map_err(|e| e.prefixed(&format!("{first_name}: scenarios[{k}]")))?;
        models.push(m);
    }
    let refs: Vec<&Model> = models.iter().collect();
    let settings = RunSettings {
        seed: first.seed,
        replications: first.replications,
        threads: 1,
        warmup_weeks: first.warmup_weeks,
    };
    let precision = first.precision.map(|relative| Precision { relative });
    let mut f = Folder::new(&refs, &settings, precision);
    let n = first.shard.count as usize;
    let mut shards: Vec<std::vec::IntoIter<Vec<RepOutput>>> = vec![Vec::new().into_iter(); n];
    for ((_, p), o) in parts.iter().zip(&mut outputs) {
        shards[p.shard.index as usize - 1] = std::mem::take(o).into_iter();
    }
    for r in 0..first.replications as usize {
        let Some(outs) = shards[r % n].next() else {
            break;
        };
        if f.push(outs)?.is_break() {
            break;
        }
    }
    let command = first.command.clone();
    let sweep_args = first.sweep.clone();
    let (aggs, report) = f.finish();
    match command.as_str() {
        "run" => {
            let mut r = aggs[0].results(&models[0]);
            r.precision = report;
            run::emit(&r, &json, &csv, lang)
        }
        "compare" => {
            let mut c = kanalsim::run::comparison(&models[0], &aggs[0], &models[1], &aggs[1]);
            c.precision = report;
            compare::emit(&c, &json, &csv, lang)
        }
        _ => {
            if json.is_some() {
                return Err(Error::input(
                    JSON.path(),
                    "a sweep has no --json; use --csv",
                    "en sweep har ingen --json; brug --csv",
                )
                .into());
            }
            let Some(sw) = sweep_args else {
                return Err(Error::new(
                    ErrorKind::InvalidInput,
                    vec![damaged(
                        first_name,
                        "a sweep without its arguments",
                        "en sweep uden sine argumenter",
                    )],
                )
                .into());
            };
            let mut defs: Vec<&'static MetricDef> = Vec::new();
            for id in &sw.metrics {
                match metric(id) {
                    Some(d) => defs.push(d),
                    None => {
                        return Err(Error::new(
                            ErrorKind::InvalidInput,
                            vec![damaged(
                                first_name,
                                "an unknown metric",
                                "et ukendt nøgletal",
                            )],
                        )
                        .into());
                    }
                }
            }
            sweep::emit(
                &sw.path, &sw.values, &defs, &refs, &aggs, report, &csv, lang,
            )
        }
    }
}
