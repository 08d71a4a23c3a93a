//! `kanalsim presets`: ids and titles of the built-in scenarios.

use super::args::{Command, Raw, Values, shared};
use super::{Halt, output, render};
use kanalsim::{Lang, presets};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "presets",
    args: ("", ""),
    about: (
        "ids and titles of the built-in scenarios",
        "id og titel på de indbyggede scenarier",
    ),
    more: ("", ""),
    flags: &[&shared::JSON_SWITCH],
};

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    raw.positionals(&COMMAND, 0)?;
    let json = Values::new(raw).has(&shared::JSON_SWITCH);
    let list = presets::list();
    let text = if json {
        render::json(&list)?
    } else {
        render::presets_list(&list, lang)
    };
    output::stdout(&text)
}
