//! Everything the CLI writes goes through here: standard output (a closed pipe stops the
//! command quietly, as in ripgrep), output files (checked before a run, then written
//! atomically: every file to a temporary beside it first, renamed only when all are
//! written), and the progress line on a terminal's standard error.

use super::Halt;
use kanalsim::{Error, Lang};
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Where an output goes: standard output (`-`) or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// A file, replaced atomically.
    File(PathBuf),
}

impl Target {
    /// The target a `--flag FILE` names, checked before anything runs: its folder must
    /// exist and it must not be a folder itself.
    pub fn parse(flag: &str, value: &str) -> Result<Target, Error> {
        if value == "-" {
            return Ok(Target::Stdout);
        }
        let path = Path::new(value);
        if value.is_empty() {
            return Err(Error::input(
                flag,
                "needs a file name ('-' = standard output)",
                "mangler et filnavn ('-' = standardoutput)",
            ));
        }
        if path.is_dir() {
            return Err(Error::input(
                flag,
                format!("'{value}' is a folder"),
                format!("'{value}' er en mappe"),
            ));
        }
        if let Some(d) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !d.is_dir()
        {
            return Err(Error::input(
                flag,
                format!("the folder '{}' does not exist", d.display()),
                format!("mappen '{}' findes ikke", d.display()),
            ));
        }
        Ok(Target::File(path.to_path_buf()))
    }

    /// Is this standard output?
    pub fn is_stdout(t: &Option<Target>) -> bool {
        matches!(t, Some(Target::Stdout))
    }
}

/// Write `text` to standard output. A closed pipe (`kanalsim … | head`) is not an error:
/// it stops the command with [`Halt::BrokenPipe`], which exits 0 without a message.
pub fn stdout(text: &str) -> Result<(), Halt> {
    let mut o = io::stdout().lock();
    match o.write_all(text.as_bytes()).and_then(|()| o.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Halt::BrokenPipe),
        Err(e) => Err(Halt::Error(Error::io("-", true, &e))),
    }
}

/// Write every `(target, text)`: the files first, each to a temporary file beside it, then
/// all renamed into place (if one cannot be written, none is, and no temporary is left);
/// then standard output, in order.
pub fn write_all(outputs: &[(&Target, String)]) -> Result<(), Halt> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    let clean = |staged: &[(PathBuf, &Path)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (t, text) in outputs {
        if let Target::File(p) = t {
            let tmp = temporary(p);
            if let Err(e) = std::fs::write(&tmp, text) {
                let _ = std::fs::remove_file(&tmp);
                clean(&staged);
                return Err(Halt::Error(Error::io(p.display().to_string(), true, &e)));
            }
            staged.push((tmp, p));
        }
    }
    for (i, (tmp, p)) in staged.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, p) {
            clean(&staged[i..]);
            return Err(Halt::Error(Error::io(p.display().to_string(), true, &e)));
        }
    }
    for (t, text) in outputs {
        if **t == Target::Stdout {
            stdout(text)?;
        }
    }
    Ok(())
}

/// A temporary file beside `p`, named after it and this process.
fn temporary(p: &Path) -> PathBuf {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    p.with_file_name(format!(".{name}.{}.kanalsim.tmp", std::process::id()))
}

/// The progress line `\r12 / 200 replications` on standard error, shown only on a terminal
/// and for runs of at least 20 replications; the line is ended when the reporter is dropped.
pub struct Progress {
    lang: Lang,
    shown: bool,
}

impl Progress {
    /// A progress reporter in `lang`.
    pub fn new(lang: Lang) -> Progress {
        Progress { lang, shown: false }
    }

    /// The observer to hand to the runner.
    pub fn observer(&mut self) -> impl FnMut(u32, u32) -> ControlFlow<()> + '_ {
        let terminal = io::stderr().is_terminal();
        move |done, total| {
            if terminal && total >= 20 {
                let word = match self.lang {
                    Lang::En => "replications",
                    Lang::Da => "gentagelser",
                };
                let _ = write!(io::stderr(), "\r{done} / {total} {word}");
                self.shown = true;
            }
            ControlFlow::Continue(())
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.shown {
            let _ = writeln!(io::stderr());
        }
    }
}
