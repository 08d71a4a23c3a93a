//! Argument definitions and the raw parse.
//!
//! Every flag is defined once, as a [`Flag`] with its name, value name and help in English
//! and Danish; a [`Command`] lists its flags. The help text ([`super::help`]) is generated
//! from these definitions, and [`parse`] accepts exactly the flags a command defines. What
//! comes out of [`parse`] is still raw text ([`Raw`]); each command resolves it once into a
//! config of typed fields with [`Values`], gathering every problem before it reports any.

use kanalsim::error::readable;
use kanalsim::{Error, ErrorKind, Issue, Lang};
use std::str::FromStr;

/// One flag: `--name VALUE` (or a switch, `--name`).
#[derive(Debug)]
pub struct Flag {
    /// Name without the dashes.
    pub name: &'static str,
    /// Value name (`N`, `FILE`), or `None` for a switch.
    pub value: Option<&'static str>,
    /// Must be given (shown without brackets in the synopsis).
    pub required: bool,
    /// Help in English.
    pub en: &'static str,
    /// Help in Danish.
    pub da: &'static str,
}

impl Flag {
    /// `--name`, the path issues about this flag are reported at.
    pub fn path(&self) -> String {
        format!("--{}", self.name)
    }
}

/// One command: its name, positional arguments, summary and flags.
#[derive(Debug)]
pub struct Command {
    /// Name, as typed.
    pub name: &'static str,
    /// Positional arguments in the usage line, in English and Danish.
    pub args: (&'static str, &'static str),
    /// One-line summary, in English and Danish.
    pub about: (&'static str, &'static str),
    /// More about the command (may be empty), in English and Danish.
    pub more: (&'static str, &'static str),
    /// The command's own flags, in the order of the help text.
    pub flags: &'static [&'static Flag],
}

impl Command {
    /// `usage: kanalsim NAME ARGS [OPTIONS]` as an error at no path.
    pub fn usage_error(&self) -> Error {
        Error::input(
            "",
            format!(
                "usage: kanalsim {} {} [OPTIONS] (see kanalsim {} --help)",
                self.name, self.args.0, self.name
            ),
            format!(
                "brug: kanalsim {} {} [TILVALG] (se kanalsim {} --help)",
                self.name, self.args.1, self.name
            ),
        )
    }
}

/// A text in the chosen language.
pub fn tr(lang: Lang, en: &'static str, da: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Da => da,
    }
}

/// Flags shared by several commands (each defined once here).
pub mod shared {
    use super::Flag;

    /// `--replications N`.
    pub const REPLICATIONS: Flag = Flag {
        name: "replications",
        value: Some("N"),
        required: false,
        en: "replications (simulated years); default: the scenario's simulation.replications",
        da: "gentagelser (simulerede år); standard: scenariets simulation.replications",
    };
    /// `--seed S`.
    pub const SEED: Flag = Flag {
        name: "seed",
        value: Some("S"),
        required: false,
        en: "seed of the random streams; default: the scenario's simulation.seed",
        da: "frø til de tilfældige tal; standard: scenariets simulation.seed",
    };
    /// `--threads T`.
    pub const THREADS: Flag = Flag {
        name: "threads",
        value: Some("T"),
        required: false,
        en: "threads to run replications on (default: every core); the numbers do not \
             depend on it",
        da: "tråde at køre gentagelserne på (standard: alle kerner); tallene afhænger ikke \
             af det",
    };
    /// `--json FILE`.
    pub const JSON_FILE: Flag = Flag {
        name: "json",
        value: Some("FILE"),
        required: false,
        en: "write the results as JSON to FILE ('-' = standard output, instead of the table)",
        da: "skriv resultaterne som JSON til FILE ('-' = standardoutput, i stedet for tabellen)",
    };
    /// `--csv FILE`.
    pub const CSV_FILE: Flag = Flag {
        name: "csv",
        value: Some("FILE"),
        required: false,
        en: "write the key figures as CSV to FILE ('-' = standard output, instead of the table)",
        da: "skriv nøgletallene som CSV til FILE ('-' = standardoutput, i stedet for tabellen)",
    };
    /// `--json` as a switch.
    pub const JSON_SWITCH: Flag = Flag {
        name: "json",
        value: None,
        required: false,
        en: "print JSON instead of a table",
        da: "skriv JSON i stedet for en tabel",
    };
    /// `--precision [TOL]`.
    pub const PRECISION: Flag = Flag {
        name: "precision",
        value: Some("[TOL]"),
        required: false,
        en: "run until the 90 % CI of every key figure (of every difference, when comparing) \
             is within TOL of the baseline's figure (default 0.01 = 1 %; floors 0.5 points \
             for shares, 0.1 min for waits, 10 for counts), at least 20 replications and a \
             look-ahead; --replications is then the maximum",
        da: "kør til 90 %-KI for hvert nøgletal (for hver forskel ved sammenligning) er \
             inden for TOL af basis' tal (standard 0,01 = 1 %; mindst 0,5 point for andele, \
             0,1 min for ventetider, 10 for antal), mindst 20 gentagelser og et kig frem; \
             --replications er så det højeste antal",
    };
    /// `--shard I/N`.
    pub const SHARD: Flag = Flag {
        name: "shard",
        value: Some("I/N"),
        required: false,
        en: "run only shard I of N (replications i with i mod N = I-1, seeded as in the \
             whole run) and write a partial file for kanalsim merge (--out)",
        da: "kør kun del I af N (gentagelserne i med i mod N = I-1, med samme frø som i hele \
             kørslen) og skriv en delfil til kanalsim merge (--out)",
    };
    /// `--out FILE`, the partial file of a shard.
    pub const OUT: Flag = Flag {
        name: "out",
        value: Some("FILE"),
        required: false,
        en: "with --shard: write the partial file to FILE ('-' = standard output, the default)",
        da: "med --shard: skriv delfilen til FILE ('-' = standardoutput, standard)",
    };
    /// `--lang da|en`, accepted in any position.
    pub const LANG: Flag = Flag {
        name: "lang",
        value: Some("da|en"),
        required: false,
        en: "language of messages, tables and help (any position; default: LC_ALL, then \
             LANG, else English)",
        da: "sprog for beskeder, tabeller og hjælp (hvor som helst; standard: LC_ALL, så \
             LANG, ellers engelsk)",
    };
    /// `--help`.
    pub const HELP: Flag = Flag {
        name: "help",
        value: None,
        required: false,
        en: "print this help",
        da: "vis denne hjælp",
    };
    /// `--version`.
    pub const VERSION: Flag = Flag {
        name: "version",
        value: None,
        required: false,
        en: "print the version",
        da: "vis versionen",
    };
}

/// Flags and positional arguments as given, before any is interpreted.
#[derive(Debug, Default)]
pub struct Raw {
    /// Positional arguments, in order.
    pub pos: Vec<String>,
    /// `(flag name, value)` in order; a switch has no value.
    values: Vec<(&'static str, Option<String>)>,
    /// `-h` or `--help` was given.
    pub help: bool,
}

impl Raw {
    /// The positional arguments, if there are exactly `n`; else the usage error.
    pub fn positionals(&self, cmd: &Command, n: usize) -> Result<&[String], Error> {
        if self.pos.len() == n {
            Ok(&self.pos)
        } else {
            Err(cmd.usage_error())
        }
    }
}

/// Parse `args` (after the command name) against the flags of `cmd`: `--name VALUE`,
/// `--name=VALUE`, switches, `-h`/`--help`, and positional arguments (all after `--`).
/// The last of a repeated flag wins. Every unknown flag and missing value is reported.
pub fn parse(cmd: &Command, args: &[String]) -> Result<Raw, Error> {
    let mut raw = Raw::default();
    let mut issues = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            raw.pos.extend(it.by_ref().cloned());
            break;
        }
        if a == "-h" || a == "--help" {
            raw.help = true;
            continue;
        }
        let Some(body) = a.strip_prefix("--") else {
            raw.pos.push(a.clone());
            continue;
        };
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let Some(flag) = cmd.flags.iter().find(|f| f.name == name) else {
            issues.push(Issue::new(
                format!("--{name}"),
                format!("unknown option (see kanalsim {} --help)", cmd.name),
                format!("ukendt tilvalg (se kanalsim {} --help)", cmd.name),
            ));
            continue;
        };
        match (flag.value, inline) {
            (None, None) => raw.values.push((flag.name, None)),
            (None, Some(_)) => issues.push(Issue::new(
                flag.path(),
                "takes no value",
                "tager ingen værdi",
            )),
            (Some(_), Some(v)) => raw.values.push((flag.name, Some(v))),
            // An optional value (`[TOL]`): the next argument only if it is a number.
            (Some(value), None) if value.starts_with('[') => {
                let next = it
                    .clone()
                    .next()
                    .filter(|n| n.trim().parse::<f64>().is_ok());
                if let Some(v) = next {
                    it.next();
                    raw.values.push((flag.name, Some(v.clone())));
                } else {
                    raw.values.push((flag.name, None));
                }
            }
            (Some(value), None) => match it.next() {
                Some(v) => raw.values.push((flag.name, Some(v.clone()))),
                None => issues.push(Issue::new(
                    flag.path(),
                    format!("needs a value ({value})"),
                    format!("mangler en værdi ({value})"),
                )),
            },
        }
    }
    if issues.is_empty() || raw.help {
        Ok(raw)
    } else {
        Err(Error::new(ErrorKind::InvalidInput, issues))
    }
}

/// Typed reading of a [`Raw`], gathering every problem: each getter returns `None` for a
/// flag that is absent or wrong (and records why), and [`Values::finish`] reports them all.
pub struct Values<'a> {
    raw: &'a Raw,
    issues: Vec<Issue>,
}

impl<'a> Values<'a> {
    /// Start reading `raw`.
    pub fn new(raw: &'a Raw) -> Values<'a> {
        Values {
            raw,
            issues: Vec::new(),
        }
    }

    /// Was the switch or flag given?
    pub fn has(&self, f: &Flag) -> bool {
        self.raw.values.iter().any(|(n, _)| *n == f.name)
    }

    /// The text of a flag's value (the last one given).
    pub fn text(&self, f: &Flag) -> Option<&'a str> {
        self.raw
            .values
            .iter()
            .rev()
            .find(|(n, _)| *n == f.name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Every value of a repeated flag, in the order given.
    pub fn texts(&self, f: &Flag) -> Vec<&'a str> {
        self.raw
            .values
            .iter()
            .filter(|(n, _)| *n == f.name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }

    /// The value parsed as a `T` (a number); a value that does not parse is a problem.
    pub fn parse<T: FromStr>(&mut self, f: &Flag) -> Option<T> {
        let v = self.text(f)?;
        match v.trim().parse::<T>() {
            Ok(x) => Some(x),
            Err(_) => {
                self.issue(
                    f.path(),
                    format!("'{v}' is not a valid number"),
                    format!("'{v}' er ikke et gyldigt tal"),
                );
                None
            }
        }
    }

    /// A number that must be finite and greater than zero.
    pub fn positive(&mut self, f: &Flag) -> Option<f64> {
        let v = self.parse::<f64>(f)?;
        if v.is_finite() && v > 0.0 {
            Some(v)
        } else {
            self.issue(
                f.path(),
                format!("must be a positive number (got {})", readable(v)),
                format!("skal være et positivt tal (fik {})", danish(readable(v))),
            );
            None
        }
    }

    /// A whole number in `lo..=hi`.
    pub fn whole(&mut self, f: &Flag, lo: u64, hi: u64) -> Option<u64> {
        let v = self.parse::<u64>(f)?;
        if (lo..=hi).contains(&v) {
            Some(v)
        } else {
            self.issue(
                f.path(),
                format!("must be a whole number from {lo} to {hi} (got {v})"),
                format!("skal være et helt tal fra {lo} til {hi} (fik {v})"),
            );
            None
        }
    }

    /// A flag that must be given: records the problem when it is not.
    pub fn require(&mut self, f: &Flag) -> Option<&'a str> {
        let v = self.text(f);
        if v.is_none() {
            self.issue(f.path(), "is required", "skal angives");
        }
        v
    }

    /// Record a problem.
    pub fn issue(&mut self, path: impl Into<String>, en: impl Into<String>, da: impl Into<String>) {
        self.issues.push(Issue::new(path, en, da));
    }

    /// Record every issue of an error.
    pub fn error(&mut self, e: Error) {
        self.issues.extend(e.issues);
    }

    /// `value` if no problem was recorded, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Error> {
        if self.issues.is_empty() {
            Ok(value)
        } else {
            Err(Error::new(ErrorKind::InvalidInput, self.issues))
        }
    }
}

/// A number written by [`readable`] with a decimal comma (Danish).
pub fn danish(s: String) -> String {
    s.replace('.', ",")
}
