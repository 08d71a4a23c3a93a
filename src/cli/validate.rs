//! `kanalsim validate`: every problem of a scenario file, with its field path — or "ok".

use super::args::{Command, Raw};
use super::{Halt, input, output};
use kanalsim::{Lang, RunSettings};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "validate",
    args: ("<file.json>", "<fil.json>"),
    about: (
        "check a scenario file: every problem, with its field path",
        "kontrollér en scenariefil: hvert problem med feltets sti",
    ),
    more: (
        "Checks what 'run' checks before it simulates: the JSON, every field, and whether a \
         run with the file's own simulation settings stays within the work budget.",
        "Kontrollerer det, som 'run' kontrollerer, før der simuleres: JSON'en, hvert felt, \
         og om en kørsel med filens egne simuleringsindstillinger holder sig inden for \
         arbejdsbudgettet.",
    ),
    flags: &[],
};

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let pos = raw.positionals(&COMMAND, 1)?;
    let file = &pos[0];
    let (s, m) = input::model(file)?;
    let settings = RunSettings::of(&s);
    settings.check()?;
    kanalsim::budget::check(&[&m], &settings)?;
    let title = match lang {
        Lang::En if !s.title_en.is_empty() => &s.title_en,
        _ => &s.title,
    };
    output::stdout(&match lang {
        Lang::En => format!("ok: '{file}' is a valid scenario ({title})\n"),
        Lang::Da => format!("ok: '{file}' er et gyldigt scenarie ({title})\n"),
    })
}
