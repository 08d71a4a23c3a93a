//! `kanalsim show`: a preset as an editable scenario file.

use super::args::{Command, Raw};
use super::{Halt, input, output, render};
use kanalsim::{Lang, presets};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "show",
    args: ("<preset-id>", "<forvalg-id>"),
    about: (
        "print a preset as scenario JSON (to edit and run)",
        "skriv et forvalg som scenarie-JSON (til at redigere og køre)",
    ),
    more: ("", ""),
    flags: &[],
};

/// Run the command.
pub fn main(raw: &Raw, _lang: Lang) -> Result<(), Halt> {
    let pos = raw.positionals(&COMMAND, 1)?;
    let s = presets::get(&pos[0]).ok_or_else(|| input::no_such_preset(&pos[0], false))?;
    output::stdout(&render::json(&s)?)
}
