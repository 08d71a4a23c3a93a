//! The one error type of the engine, the CLI and the WebAssembly binding.
//!
//! An [`Error`] has a [`kind`](Error::kind) that says what went wrong in general (an invalid
//! scenario, a theory domain error, input or output, too much work) and a list of
//! [`Issue`]s that say where: each names the field (`openingHours.phone.wed[0].end`,
//! `--replications`, a file name) and carries its message in English **and** Danish. Every
//! message of the engine is written here or where the problem is found, in both languages
//! at once, never translated afterwards; the CLI and the page only choose one
//! ([`Error::message`]).
//!
//! A smaller error enum exists where a component is useful on its own (the queueing
//! formulas' [`TheoryError`]); it converts into an [`Error`] with its messages in both
//! languages. Distributions ([`crate::model::Dist::new`]) return an [`Error`] directly.

use crate::theory::TheoryError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Danish (the default of the page).
    Da,
    /// English (the default of the CLI when nothing says Danish).
    #[default]
    En,
}

impl Lang {
    /// The language a locale string names: `da`, `da_DK.UTF-8`, `da-DK` are Danish; anything
    /// else that is not empty is English. `None` for an empty string (not set).
    pub fn from_locale(s: &str) -> Option<Lang> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let lower = s.to_ascii_lowercase();
        if lower == "da" || lower.starts_with("da_") || lower.starts_with("da-") {
            Some(Lang::Da)
        } else {
            Some(Lang::En)
        }
    }
}

/// One problem, with the path of what it concerns and its message in English and Danish.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// Path of the field, e.g. `openingHours.phone.wed[0].end`; a flag (`--seed`) or a file
    /// name in the CLI; empty when the problem concerns the whole input.
    pub path: String,
    /// English message.
    pub en: String,
    /// Danish message.
    pub da: String,
}

impl Issue {
    /// An issue at `path` with its English and Danish messages.
    pub fn new(path: impl Into<String>, en: impl Into<String>, da: impl Into<String>) -> Issue {
        Issue {
            path: path.into(),
            en: en.into(),
            da: da.into(),
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.en)
        } else {
            write!(f, "{}: {}", self.path, self.en)
        }
    }
}

/// What kind of error.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// The scenario has problems (every one is listed, with its field path).
    InvalidScenario,
    /// An argument or option of a command is wrong (not a scenario field).
    InvalidInput,
    /// A queueing formula is outside its domain (e.g. Erlang C with load ≥ agents).
    TheoryDomain,
    /// A file could not be read or written.
    Io,
    /// The run would take too long, or a replication ran away; nothing is simulated or
    /// the replication is ended.
    TooMuchWork,
}

/// The error of every fallible operation of Kanalsim.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "EngineError"))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Error {
    /// What kind of error.
    pub kind: ErrorKind,
    /// Every problem, in the order found (never empty).
    pub issues: Vec<Issue>,
}

impl Error {
    /// An error of `kind` with these issues (an empty list gets one general issue).
    pub fn new(kind: ErrorKind, mut issues: Vec<Issue>) -> Error {
        if issues.is_empty() {
            let (en, da) = kind.headline(0);
            issues.push(Issue::new("", en, da));
        }
        Error { kind, issues }
    }

    /// An invalid scenario with these issues.
    pub fn invalid(issues: Vec<Issue>) -> Error {
        Error::new(ErrorKind::InvalidScenario, issues)
    }

    /// A wrong argument at `path` (e.g. `--seed`).
    pub fn input(path: impl Into<String>, en: impl Into<String>, da: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput, vec![Issue::new(path, en, da)])
    }

    /// A run refused or ended for too much work, at `path`.
    pub fn too_much_work(
        path: impl Into<String>,
        en: impl Into<String>,
        da: impl Into<String>,
    ) -> Error {
        Error::new(ErrorKind::TooMuchWork, vec![Issue::new(path, en, da)])
    }

    /// A file `path` that could not be read (`writing` false) or written.
    pub fn io(path: impl Into<String>, writing: bool, e: &std::io::Error) -> Error {
        let (en, da) = io_text(writing, e);
        Error::new(ErrorKind::Io, vec![Issue::new(path, en, da)])
    }

    /// Put `prefix` in front of every issue's path (`baseline: demand.annualErrands`).
    pub fn prefixed(mut self, prefix: &str) -> Error {
        for i in &mut self.issues {
            i.path = if i.path.is_empty() {
                prefix.to_string()
            } else {
                format!("{prefix}: {}", i.path)
            };
        }
        self
    }

    /// The headline and every issue, one a line, in `lang`.
    ///
    /// ```
    /// use kanalsim::{Error, Lang};
    /// let e = Error::input("--seed", "must be a whole number", "skal være et helt tal");
    /// assert_eq!(e.message(Lang::En), "invalid input (1 problem):\n  --seed: must be a whole number");
    /// assert_eq!(e.message(Lang::Da), "ugyldigt input (1 problem):\n  --seed: skal være et helt tal");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let (en, da) = self.kind.headline(self.issues.len());
        let mut out = match lang {
            Lang::En => en,
            Lang::Da => da,
        };
        for i in &self.issues {
            out.push_str("\n  ");
            if !i.path.is_empty() {
                out.push_str(&i.path);
                out.push_str(": ");
            }
            out.push_str(i.text(lang));
        }
        out
    }
}

impl ErrorKind {
    /// The first line of a message about `n` issues, in English and Danish.
    fn headline(self, n: usize) -> (String, String) {
        let (en, da) = match self {
            ErrorKind::InvalidScenario => ("invalid scenario", "ugyldigt scenarie"),
            ErrorKind::InvalidInput => ("invalid input", "ugyldigt input"),
            ErrorKind::TheoryDomain => (
                "the queueing formula cannot be computed",
                "køformlen kan ikke beregnes",
            ),
            ErrorKind::Io => (
                "cannot read or write a file",
                "en fil kan ikke læses eller skrives",
            ),
            ErrorKind::TooMuchWork => ("too much work", "for meget arbejde"),
        };
        match n {
            0 => (en.to_string(), da.to_string()),
            1 => (format!("{en} (1 problem):"), format!("{da} (1 problem):")),
            n => (
                format!("{en} ({n} problems):"),
                format!("{da} ({n} problemer):"),
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

impl From<TheoryError> for Error {
    fn from(e: TheoryError) -> Error {
        let (path, en, da) = theory_text(&e);
        Error::new(ErrorKind::TheoryDomain, vec![Issue::new(path, en, da)])
    }
}

fn io_text(writing: bool, e: &std::io::Error) -> (String, String) {
    use std::io::ErrorKind as K;
    let (en, da) = match e.kind() {
        K::NotFound => ("no such file or folder", "filen eller mappen findes ikke"),
        K::PermissionDenied => ("permission denied", "adgang nægtet"),
        K::IsADirectory => ("is a folder, not a file", "er en mappe, ikke en fil"),
        K::InvalidData => ("is not UTF-8 text", "er ikke UTF-8-tekst"),
        _ => ("", ""),
    };
    let verb = if writing {
        ("cannot write", "kan ikke skrive")
    } else {
        ("cannot read", "kan ikke læse")
    };
    if en.is_empty() {
        (format!("{}: {e}", verb.0), format!("{}: {e}", verb.1))
    } else {
        (format!("{}: {en}", verb.0), format!("{}: {da}", verb.1))
    }
}

/// A number written readably in a message: up to 12 significant digits, exponent notation
/// outside 1e-4 … 1e15 (`1e308`, not 309 digits).
pub fn readable(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return x.to_string();
    }
    let a = x.abs();
    if (1e-4..1e15).contains(&a) {
        let s = format!("{x:.12}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        // Round to 12 significant digits for large numbers too.
        let digits = a.log10().floor() as i32 + 1;
        if digits > 12 {
            format!("{x:.0}")
        } else {
            let p = (12 - digits).max(0) as usize;
            let s2 = format!("{x:.p$}");
            let s2 = if s2.contains('.') {
                s2.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                s2
            };
            if s2.len() < s.len() {
                s2
            } else {
                s.to_string()
            }
        }
    } else {
        let s = format!("{x:.6e}");
        // 1.000000e308 → 1e308; 1.250000e-7 → 1.25e-7
        match s.split_once('e') {
            Some((m, e)) => {
                let m = if m.contains('.') {
                    m.trim_end_matches('0').trim_end_matches('.')
                } else {
                    m
                };
                format!("{m}e{e}")
            }
            None => s,
        }
    }
}

fn theory_text(e: &TheoryError) -> (String, String, String) {
    match e {
        TheoryError::InvalidInput {
            field,
            value,
            requirement,
        } => {
            let da_req = match *requirement {
                "must be a finite number greater than zero" => {
                    "skal være et endeligt tal større end nul"
                }
                "must be a finite number, zero or greater" => {
                    "skal være et endeligt tal, nul eller større"
                }
                "must be at least 1" => "skal være mindst 1",
                "must be at most 10000 for the exact appointment-book figures" => {
                    "må højst være 10000 for tidsbogens eksakte tal"
                }
                "must be below --slots-per-day: with at least as many requests as slots a day \
                 the book grows without bound and has no steady state" => {
                    "skal være under --slots-per-day: med mindst lige så mange ønsker som tider \
                     om dagen vokser bogen uden grænse og har ingen ligevægt"
                }
                "must be at most 0.9999 × --slots-per-day: nearer to full the book settles too \
                 slowly for its exact figures to be computed" => {
                    "må højst være 0,9999 × --slots-per-day: tættere på fuld falder bogen for \
                     langsomt til ro til at dens eksakte tal kan beregnes"
                }
                other => other,
            };
            let v = readable(*value);
            (
                field.to_string(),
                format!("{requirement} (got {v})"),
                format!("{da_req} (fik {v})"),
            )
        }
        TheoryError::Unstable {
            offered_load,
            agents,
        } => {
            let l = readable(*offered_load);
            (
                String::new(),
                e.to_string(),
                format!(
                    "køen er ustabil: den tilbudte belastning på {l} erlang er ikke under de \
                     {agents} medarbejdere, så Erlang C har ingen ligevægt"
                ),
            )
        }
        TheoryError::OutOfRange { quantity } => (
            String::new(),
            e.to_string(),
            format!(
                "inputtet er for ekstremt: den afledte størrelse {quantity} kan ikke \
                 repræsenteres som et endeligt tal forskelligt fra nul"
            ),
        ),
        TheoryError::StateSpaceTooLarge { states, limit } => (
            String::new(),
            e.to_string(),
            format!(
                "Erlang A-kæden ville kræve omkring {} tilstande, mere end grænsen på {limit}",
                readable(*states)
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_numbers() {
        assert_eq!(readable(1e308), "1e308");
        assert_eq!(readable(1e-155), "1e-155");
        assert_eq!(readable(0.5), "0.5");
        assert_eq!(readable(120.0), "120");
        assert_eq!(readable(1.0 / 3.0), "0.333333333333");
        assert_eq!(readable(-2.5e20), "-2.5e20");
        assert_eq!(readable(0.0), "0");
    }

    #[test]
    fn locales() {
        assert_eq!(Lang::from_locale("da_DK.UTF-8"), Some(Lang::Da));
        assert_eq!(Lang::from_locale("da"), Some(Lang::Da));
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), Some(Lang::En));
        assert_eq!(Lang::from_locale(""), None);
    }

    #[test]
    fn theory_errors_have_both_languages() {
        let e: Error = crate::theory::erlang_c(1.0, 5.0, 3, 1.0)
            .unwrap_err()
            .into();
        assert_eq!(e.kind, ErrorKind::TheoryDomain);
        assert!(e.message(Lang::En).contains("unstable"));
        assert!(e.message(Lang::Da).contains("ustabil"));
    }
}
