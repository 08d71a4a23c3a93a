//! The command-line tool's insides, ripgrep style: raw arguments ([`args`]) are resolved
//! once into a config of typed fields per command, each command has its module (it resolves,
//! runs through the library and renders), renderers are in [`render`], and every byte
//! written goes through [`output`]. No model logic lives here: the library decides what a
//! scenario means, the CLI only parses, runs, renders and sets the exit code.

pub mod appointments;
pub mod args;
pub mod calibrate;
pub mod compare;
pub mod erlang;
pub mod help;
pub mod input;
pub mod lang;
pub mod output;
pub mod presets;
pub mod render;
pub mod run;
pub mod shard;
pub mod show;
pub mod staff;
pub mod sweep;
pub mod validate;

use args::{Command, Values, shared};
use kanalsim::precision::{Precision, PrecisionReport};
use kanalsim::run::Shard;
use kanalsim::{Error, Lang, RunSettings, Scenario};
use output::Target;
use std::fmt::Write;

/// Every command, in the order of the help text.
pub const COMMANDS: &[&Command] = &[
    &run::COMMAND,
    &compare::COMMAND,
    &validate::COMMAND,
    &presets::COMMAND,
    &show::COMMAND,
    &sweep::COMMAND,
    &staff::COMMAND,
    &erlang::COMMAND,
    &appointments::COMMAND,
    &calibrate::COMMAND,
    &shard::COMMAND,
];

/// The command called `name`.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().copied().find(|c| c.name == name)
}

/// Why a command stopped before its end.
#[derive(Debug)]
pub enum Halt {
    /// A user error: every problem is printed, exit code 2.
    Error(Error),
    /// Standard output was closed (`kanalsim run … | head`): stop quietly, exit code 0.
    BrokenPipe,
}

impl From<Error> for Halt {
    fn from(e: Error) -> Halt {
        Halt::Error(e)
    }
}

/// `error: N problem(s):` and every problem on its own line, with its path, in `lang`.
pub fn error_text(e: &Error, lang: Lang) -> String {
    let n = e.issues.len();
    let mut o = match lang {
        Lang::En => format!("error: {n} problem(s):\n"),
        Lang::Da => format!("fejl: {n} problem(er):\n"),
    };
    for i in &e.issues {
        if i.path.is_empty() {
            let _ = writeln!(o, "  {}", i.text(lang));
        } else {
            let _ = writeln!(o, "  {}: {}", i.path, i.text(lang));
        }
    }
    o
}

/// An unknown command.
pub fn unknown_command(name: &str) -> Error {
    Error::input(
        "",
        format!("unknown command '{name}' (try kanalsim --help)"),
        format!("ukendt kommando '{name}' (prøv kanalsim --help)"),
    )
}

/// No command at all.
pub fn no_command() -> Error {
    Error::input(
        "",
        "no command given (try kanalsim --help)",
        "ingen kommando angivet (prøv kanalsim --help)",
    )
}

/// `--replications`, `--seed`, `--threads`, `--precision`, `--shard` and `--out`, resolved:
/// they override the scenario's defaults in the [`RunSettings`], never the scenario itself.
#[derive(Debug, Clone, PartialEq)]
pub struct RunFlags {
    /// `--replications`, if given (the maximum with `--precision`).
    pub replications: Option<u32>,
    /// `--seed`, if given.
    pub seed: Option<u64>,
    /// `--threads`, or every core.
    pub threads: usize,
    /// `--precision [TOL]`, if given.
    pub precision: Option<Precision>,
    /// `--shard I/N`, if given.
    pub shard: Option<Shard>,
    /// `--out FILE` (with `--shard`; standard output by default).
    pub out: Target,
}

impl RunFlags {
    /// Read the flags. `outputs` are the command's own output flags (`--json`, `--csv`),
    /// which a shard does not take (its figures come from `kanalsim merge`).
    pub fn read(v: &mut Values, outputs: &[&args::Flag]) -> RunFlags {
        let precision = if v.has(&shared::PRECISION) {
            match v.text(&shared::PRECISION) {
                None => Some(Precision::default()),
                Some(_) => v
                    .parse::<f64>(&shared::PRECISION)
                    .and_then(|x| precision_of(v, x)),
            }
        } else {
            None
        };
        let shard = v.text(&shared::SHARD).and_then(|t| match shard::parse(t) {
            Ok(s) => Some(s),
            Err((en, da)) => {
                v.issue(shared::SHARD.path(), en, da);
                None
            }
        });
        let out = run::target(v, &shared::OUT);
        if out.is_some() && !v.has(&shared::SHARD) {
            v.issue(
                shared::OUT.path(),
                "is the partial file of a shard: give --shard I/N too",
                "er delfilen for en del af kørslen: angiv også --shard I/N",
            );
        }
        if v.has(&shared::SHARD) {
            for f in outputs {
                if v.has(f) {
                    v.issue(
                        f.path(),
                        "a shard writes a partial file (--out); give this to kanalsim merge",
                        "en del af kørslen skriver en delfil (--out); giv det til kanalsim merge",
                    );
                }
            }
        }
        RunFlags {
            replications: v.parse(&shared::REPLICATIONS),
            seed: v.parse(&shared::SEED),
            threads: threads(v),
            precision,
            shard,
            out: out.unwrap_or(Target::Stdout),
        }
    }

    /// The settings of a run of `s`: its defaults, overridden by the flags given.
    pub fn settings(&self, s: &Scenario) -> RunSettings {
        let mut r = RunSettings::of(s).with_threads(self.threads);
        if let Some(n) = self.replications {
            r = r.with_replications(n);
        }
        if let Some(seed) = self.seed {
            r = r.with_seed(seed);
        }
        r
    }
}

/// A relative tolerance, checked: above 0 and at most 1.
fn precision_of(v: &mut Values, x: f64) -> Option<Precision> {
    let p = Precision::new(x);
    if p.is_none() {
        v.issue(
            shared::PRECISION.path(),
            format!(
                "must be a relative tolerance above 0 and at most 1, e.g. 0.01 for 1 % (got {})",
                kanalsim::error::readable(x)
            ),
            format!(
                "skal være en relativ tolerance over 0 og højst 1, fx 0,01 for 1 % (fik {})",
                args::danish(kanalsim::error::readable(x))
            ),
        );
    }
    p
}

/// Write a command's outputs: JSON and CSV to their targets, and the table — ending with the
/// precision rule's line under `--precision` — on standard output unless JSON or CSV goes there.
pub fn emit(
    json: Option<(&Target, String)>,
    csv: Option<(&Target, String)>,
    table: impl FnOnce() -> String,
    precision: Option<&PrecisionReport>,
    lang: Lang,
) -> Result<(), Halt> {
    let to_stdout = |x: &Option<(&Target, String)>| {
        x.as_ref().is_some_and(|(t, _)| matches!(t, Target::Stdout))
    };
    let table = (!to_stdout(&json) && !to_stdout(&csv)).then(|| {
        let mut text = table();
        if let Some(p) = precision {
            text += &precision_line(p, lang);
        }
        text
    });
    let outs: Vec<(&Target, String)> = json
        .into_iter()
        .chain(csv)
        .chain(table.map(|t| (&Target::Stdout, t)))
        .collect();
    output::write_all(&outs)
}

/// The line a table ends with under `--precision`: where the rule held, or that it did not.
pub fn precision_line(p: &PrecisionReport, lang: Lang) -> String {
    let pct = kanalsim::error::readable(p.relative * 100.0);
    match (p.stable_after, lang) {
        (Some(n), Lang::En) => format!(
            "Stable after {n} replications: the 90 % CI of every key figure is within {pct} % \
             (or its floor), first at {} replications and through the look-ahead.\n",
            p.first_met.unwrap_or(n)
        ),
        (Some(n), Lang::Da) => format!(
            "Stabilt efter {n} gentagelser: 90 %-KI for hvert nøgletal er inden for {} % \
             (eller dets bund), første gang ved {} gentagelser og gennem kig frem.\n",
            args::danish(pct),
            p.first_met.unwrap_or(n)
        ),
        (None, Lang::En) => format!(
            "Not stable within the maximum of {} replications: the 90 % CI of some key figure \
             is wider than {pct} % (or its floor); the figures summarise all {}.\n",
            p.maximum, p.maximum
        ),
        (None, Lang::Da) => format!(
            "Ikke stabilt inden for højst {} gentagelser: 90 %-KI for et nøgletal er bredere \
             end {} % (eller dets bund); tallene dækker alle {}.\n",
            p.maximum,
            args::danish(pct),
            p.maximum
        ),
    }
}

/// `--threads`, or every core.
pub fn threads(v: &mut Values) -> usize {
    v.whole(&shared::THREADS, 1, kanalsim::settings::MAX_THREADS as u64)
        .map(|t| t as usize)
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .min(kanalsim::settings::MAX_THREADS)
        })
}
