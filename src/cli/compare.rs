//! `kanalsim compare`: a scenario against its baseline, paired replication by replication
//! (common random numbers), with the 90 % confidence interval of the mean difference, its
//! P5–P95 spread, and the two cost views with the errands lost beside the saving.

use super::args::{Command, Raw, Values, shared};
use super::output::{Progress, Target};
use super::run::target;
use super::{Halt, RunFlags, input, render, shard};
use kanalsim::{Comparison, Error, ErrorKind, Lang};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "compare",
    args: ("<baseline> <scenario>", "<basis> <scenarie>"),
    about: (
        "compare a scenario with its baseline: paired differences, 90 % CI of the mean",
        "sammenlign et scenarie med basis: parrede forskelle, 90 %-KI for gennemsnittet",
    ),
    more: (
        "Both run with the baseline's settings (seed, replications, overridden by the \
         flags), so replication i of both uses the same random numbers and the difference \
         reflects the change, not chance. Each difference shows the t-based 90 % confidence \
         interval of its mean (is the change real?) and its P5–P95 spread over single \
         replications; the two cost views follow, each with the errands the change loses. \
         Problems in either file are all reported, each prefixed with 'baseline:' or \
         'scenario:'.",
        "Begge køres med basis' indstillinger (frø, gentagelser, som flagene kan ændre), så \
         gentagelse i af begge bruger de samme tilfældige tal, og forskellen skyldes \
         ændringen og ikke tilfældighed. Hver forskel vises med det t-baserede \
         90 %-konfidensinterval for gennemsnittet (er ændringen reel?) og P5–P95-spændet over \
         de enkelte gentagelser; derefter de to omkostningsopgørelser, hver med de ærinder, \
         ændringen taber. Problemer i begge filer meldes, hver med 'baseline:' eller \
         'scenario:' foran.",
    ),
    flags: super::run::COMMAND.flags,
};

/// `kanalsim compare`, resolved.
#[derive(Debug)]
pub struct Config {
    /// Baseline: preset id or file name.
    pub baseline: String,
    /// Scenario: preset id or file name.
    pub scenario: String,
    /// Run settings overrides (applied to the baseline's defaults; both run with them).
    pub run: RunFlags,
    /// `--json`.
    pub json: Option<Target>,
    /// `--csv`.
    pub csv: Option<Target>,
}

impl Config {
    /// Resolve the raw arguments, every problem at once.
    pub fn resolve(raw: &Raw) -> Result<Config, Error> {
        let pos = raw.positionals(&COMMAND, 2)?;
        let mut v = Values::new(raw);
        let run = RunFlags::read(&mut v, &[&shared::JSON_FILE, &shared::CSV_FILE]);
        let json = target(&mut v, &shared::JSON_FILE);
        let csv = target(&mut v, &shared::CSV_FILE);
        v.finish(Config {
            baseline: pos[0].clone(),
            scenario: pos[1].clone(),
            run,
            json,
            csv,
        })
    }
}

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let cfg = Config::resolve(raw)?;
    // Every problem of both files at once, each saying which file it is in.
    let base = input::model(&cfg.baseline).map_err(|e| e.prefixed("baseline"));
    let scen = input::model(&cfg.scenario).map_err(|e| e.prefixed("scenario"));
    let ((b, mb), (sc, ms)) = match (base, scen) {
        (Ok(b), Ok(s)) => (b, s),
        (b, s) => {
            let issues = [b.err(), s.err()].into_iter().flatten();
            let mut kind = ErrorKind::InvalidScenario;
            let mut all = Vec::new();
            for e in issues {
                kind = e.kind;
                all.extend(e.issues);
            }
            return Err(Error::new(kind, all).into());
        }
    };
    let settings = cfg.run.settings(&b);
    if cfg.run.shard.is_some() {
        let texts = vec![shard::text_of(&b)?, shard::text_of(&sc)?];
        return shard::write(
            "compare",
            &cfg.run,
            texts,
            &[&mb, &ms],
            &settings,
            None,
            lang,
        );
    }
    let mut progress = Progress::new(lang);
    let c = kanalsim::run::compare_until(
        &mb,
        &ms,
        &settings,
        cfg.run.precision,
        &mut progress.observer(),
    )?;
    drop(progress);
    emit(&c, &cfg.json, &cfg.csv, lang)
}

/// Write a comparison: JSON, CSV and/or the table (with the precision rule's line).
pub fn emit(
    c: &Comparison,
    json: &Option<Target>,
    csv: &Option<Target>,
    lang: Lang,
) -> Result<(), Halt> {
    let json = match json {
        Some(t) => Some((t, render::json(c)?)),
        None => None,
    };
    let csv = csv.as_ref().map(|t| (t, render::comparison_csv(c)));
    let table = || render::comparison_table(c, lang);
    super::emit(json, csv, table, c.precision.as_ref(), lang)
}
