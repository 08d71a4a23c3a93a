//! Reading a scenario: a preset id or a JSON file (at most 20 MB, UTF-8), parsed and
//! validated by the library with every problem reported (`parse_scenario` skips a leading
//! byte-order mark, as the page does).

use kanalsim::{Error, Model, Scenario, parse_scenario, presets};

/// Largest scenario file read.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// A preset's id or a file's name, as given on the command line.
pub fn load(what: &str) -> Result<Scenario, Error> {
    if let Some(s) = presets::get(what) {
        return Ok(s);
    }
    if !what.ends_with(".json") && !std::path::Path::new(what).exists() {
        return Err(no_such_preset(what, true));
    }
    let meta = std::fs::metadata(what).map_err(|e| Error::io(what, false, &e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::input(
            what,
            "the file is larger than 20 MB; not a scenario",
            "filen er større end 20 MB; ikke et scenarie",
        ));
    }
    let bytes = std::fs::read(what).map_err(|e| Error::io(what, false, &e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        let e = std::io::Error::from(std::io::ErrorKind::InvalidData);
        Error::io(what, false, &e)
    })?;
    parse_scenario(&text)
}

/// A scenario and its model (validated and compiled).
pub fn model(what: &str) -> Result<(Scenario, Model), Error> {
    let s = load(what)?;
    let m = Model::new(&s)?;
    Ok((s, m))
}

/// "No such preset" at `what`, listing the presets (and mentioning files if `or_file`).
pub fn no_such_preset(what: &str, or_file: bool) -> Error {
    let ids: Vec<String> = presets::list().into_iter().map(|p| p.id).collect();
    let ids = ids.join(", ");
    if or_file {
        Error::input(
            what,
            format!("no such preset or file (presets: {ids})"),
            format!("intet forvalg eller fil med det navn (forvalg: {ids})"),
        )
    } else {
        Error::input(
            what,
            format!("no such preset (presets: {ids})"),
            format!("intet forvalg med det navn (forvalg: {ids})"),
        )
    }
}
