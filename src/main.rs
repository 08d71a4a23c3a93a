//! The `kanalsim` command-line tool: it only parses, runs through the library, renders and
//! sets the exit code (0 ok, 2 bad input; a closed standard output ends quietly with 0).
//! Everything else is in [`cli`].

mod cli;

use cli::{Halt, args, help, lang, output};
use kanalsim::Error;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let env = lang::from_env(
        std::env::var("LC_ALL").ok().as_deref(),
        std::env::var("LANG").ok().as_deref(),
    );
    let mut argv: Vec<String> = Vec::new();
    let mut bad_arg = None;
    for a in std::env::args_os().skip(1) {
        match a.into_string() {
            Ok(s) => argv.push(s),
            Err(a) => bad_arg = Some(a.to_string_lossy().into_owned()),
        }
    }
    let (lang, lang_ok) = lang::take(&mut argv, env);
    let result = lang_ok
        .and_then(|()| bad_arg.map_or(Ok(()), |a| Err(not_utf8(&a))))
        .map_err(Halt::from)
        .and_then(|()| dispatch(&argv, lang));
    match result {
        Ok(()) | Err(Halt::BrokenPipe) => ExitCode::SUCCESS,
        Err(Halt::Error(e)) => {
            let _ = std::io::stderr().write_all(cli::error_text(&e, lang).as_bytes());
            ExitCode::from(2)
        }
    }
}

/// Run the command `argv[0]` with the rest of `argv`.
fn dispatch(argv: &[String], lang: kanalsim::Lang) -> Result<(), Halt> {
    let Some(name) = argv.first() else {
        return Err(cli::no_command().into());
    };
    let rest = &argv[1..];
    match name.as_str() {
        "-h" | "--help" => return output::stdout(&help::global(lang)),
        "help" => {
            return match rest.first().map(|c| cli::command(c)) {
                None => output::stdout(&help::global(lang)),
                Some(Some(c)) => output::stdout(&help::command(c, lang)),
                Some(None) => Err(cli::unknown_command(&rest[0]).into()),
            };
        }
        "-V" | "--version" => return output::stdout(&format!("kanalsim {}\n", kanalsim::VERSION)),
        _ => {}
    }
    let cmd = cli::command(name).ok_or_else(|| cli::unknown_command(name))?;
    let raw = args::parse(cmd, rest)?;
    if raw.help {
        return output::stdout(&help::command(cmd, lang));
    }
    match cmd.name {
        "run" => cli::run::main(&raw, lang),
        "compare" => cli::compare::main(&raw, lang),
        "validate" => cli::validate::main(&raw, lang),
        "presets" => cli::presets::main(&raw, lang),
        "show" => cli::show::main(&raw, lang),
        "sweep" => cli::sweep::main(&raw, lang),
        "staff" => cli::staff::main(&raw, lang),
        "erlang" => cli::erlang::main(&raw, lang),
        "appointments" => cli::appointments::main(&raw, lang),
        "calibrate" => cli::calibrate::main(&raw, lang),
        "merge" => cli::shard::main(&raw, lang),
        _ => Err(cli::unknown_command(name).into()),
    }
}

/// An argument that is not UTF-8 text.
fn not_utf8(a: &str) -> Error {
    Error::input(
        a,
        "the argument is not UTF-8 text",
        "argumentet er ikke UTF-8-tekst",
    )
}
