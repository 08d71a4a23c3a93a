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
pub mod show;
pub mod staff;
pub mod sweep;
pub mod validate;

use args::{Command, Values, shared};
use kanalsim::{Error, Lang, RunSettings, Scenario};
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

/// `--replications`, `--seed` and `--threads`, resolved: they override the scenario's
/// defaults in the [`RunSettings`], never the scenario itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunFlags {
    /// `--replications`, if given.
    pub replications: Option<u32>,
    /// `--seed`, if given.
    pub seed: Option<u64>,
    /// `--threads`, or every core.
    pub threads: usize,
}

impl RunFlags {
    /// Read the three flags.
    pub fn read(v: &mut Values) -> RunFlags {
        RunFlags {
            replications: v.parse(&shared::REPLICATIONS),
            seed: v.parse(&shared::SEED),
            threads: threads(v),
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
