//! `kanalsim run`: simulate one scenario; a table, JSON and/or CSV.

use super::args::{Command, Raw, Values, shared};
use super::output::{Progress, Target};
use super::{Halt, RunFlags, input, render, shard};
use kanalsim::{Error, Lang, Results};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "run",
    args: ("<preset-id|file.json>", "<forvalg-id|fil.json>"),
    about: (
        "simulate a scenario: mean, P5 and P95 of every figure",
        "simulér et scenarie: gennemsnit, P5 og P95 af hvert nøgletal",
    ),
    more: (
        "The scenario is a preset id (kanalsim presets) or a scenario file (kanalsim show \
         gives one to edit). Replications run on every core; the numbers are identical to a \
         single-threaded run.",
        "Scenariet er et forvalgs id (kanalsim presets) eller en scenariefil (kanalsim show \
         giver en at redigere). Gentagelserne kører på alle kerner; tallene er de samme som \
         med én tråd.",
    ),
    flags: &[
        &shared::REPLICATIONS,
        &shared::SEED,
        &shared::THREADS,
        &shared::JSON_FILE,
        &shared::CSV_FILE,
        &shared::PRECISION,
        &shared::SHARD,
        &shared::OUT,
    ],
};

/// `kanalsim run`, resolved.
#[derive(Debug)]
pub struct Config {
    /// Preset id or file name.
    pub scenario: String,
    /// Run settings overrides.
    pub run: RunFlags,
    /// `--json`.
    pub json: Option<Target>,
    /// `--csv`.
    pub csv: Option<Target>,
}

impl Config {
    /// Resolve the raw arguments, every problem at once.
    pub fn resolve(raw: &Raw) -> Result<Config, Error> {
        let pos = raw.positionals(&COMMAND, 1)?;
        let mut v = Values::new(raw);
        let run = RunFlags::read(&mut v, &[&shared::JSON_FILE, &shared::CSV_FILE]);
        let json = target(&mut v, &shared::JSON_FILE);
        let csv = target(&mut v, &shared::CSV_FILE);
        v.finish(Config {
            scenario: pos[0].clone(),
            run,
            json,
            csv,
        })
    }
}

/// An output flag's target, checked (a problem is recorded in `v`).
pub fn target(v: &mut Values, f: &super::args::Flag) -> Option<Target> {
    let text = v.text(f)?;
    match Target::parse(&f.path(), text) {
        Ok(t) => Some(t),
        Err(e) => {
            v.error(e);
            None
        }
    }
}

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let cfg = Config::resolve(raw)?;
    let (s, m) = input::model(&cfg.scenario)?;
    let settings = cfg.run.settings(&s);
    if cfg.run.shard.is_some() {
        let texts = vec![shard::text_of(&s)?];
        return shard::write("run", &cfg.run, texts, &[&m], &settings, None, lang);
    }
    let mut progress = Progress::new(lang);
    let r = kanalsim::run::run_until(&m, &settings, cfg.run.precision, &mut progress.observer())?;
    drop(progress);
    emit(&r, &cfg.json, &cfg.csv, lang)
}

/// Write a run's results: JSON, CSV and/or the table (with the precision rule's line).
pub fn emit(
    r: &Results,
    json: &Option<Target>,
    csv: &Option<Target>,
    lang: Lang,
) -> Result<(), Halt> {
    let json = match json {
        Some(t) => Some((t, render::json(r)?)),
        None => None,
    };
    let csv = csv.as_ref().map(|t| (t, render::results_csv(r)));
    let table = || render::results_table(r, lang);
    super::emit(json, csv, table, r.precision.as_ref(), lang)
}
