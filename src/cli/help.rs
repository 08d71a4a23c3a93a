//! Help text, generated from the argument definitions ([`super::args`]) in English or Danish.

use super::COMMANDS;
use super::args::{Command, Flag, shared, tr};
use kanalsim::Lang;
use std::fmt::Write;

/// Flags every command accepts besides its own.
const COMMON: [&Flag; 2] = [&shared::LANG, &shared::HELP];

/// `--name VALUE` (or `-h, --help`).
fn flag_form(f: &Flag) -> String {
    let short = match f.name {
        "help" => "-h, ",
        "version" => "-V, ",
        _ => "",
    };
    match f.value {
        Some(v) => format!("{short}--{} {v}", f.name),
        None => format!("{short}--{}", f.name),
    }
}

/// Flags as an aligned list, help text wrapped at about 92 columns.
fn flag_list(o: &mut String, flags: &[&Flag], lang: Lang) {
    let width = flags.iter().map(|f| flag_form(f).len()).max().unwrap_or(0) + 2;
    for f in flags {
        let text = match (f.required, lang) {
            (false, _) => tr(lang, f.en, f.da).to_string(),
            (true, Lang::En) => format!("{} (required)", f.en),
            (true, Lang::Da) => format!("{} (skal angives)", f.da),
        };
        let text = text.as_str();
        let mut lines = wrap(text, 92usize.saturating_sub(width + 2).max(30)).into_iter();
        let _ = writeln!(
            o,
            "  {:<width$}{}",
            flag_form(f),
            lines.next().unwrap_or_default()
        );
        for l in lines {
            let _ = writeln!(o, "  {:<width$}{l}", "");
        }
    }
}

/// Words of `text` in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The synopsis of a command: `kanalsim run <preset-id|file.json> [--replications N] …`.
fn synopsis(c: &Command, lang: Lang) -> String {
    let head = format!("kanalsim {} {}", c.name, tr(lang, c.args.0, c.args.1));
    let mut lines = vec![head.trim_end().to_string()];
    for f in c.flags {
        let part = if f.required {
            flag_form(f)
        } else {
            format!("[{}]", flag_form(f))
        };
        let last = lines.last_mut().expect("one line");
        if last.chars().count() + 1 + part.len() > 90 {
            lines.push(format!("      {part}"));
        } else {
            last.push(' ');
            last.push_str(&part);
        }
    }
    lines.join("\n")
}

/// `kanalsim --help`: what the tool answers, every command's synopsis and summary, the
/// common flags.
pub fn global(lang: Lang) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "kanalsim {} — {}\n",
        kanalsim::VERSION,
        tr(
            lang,
            "what happens to contacts, queues, lost errands and cost when a municipality\n\
             changes opening hours and digital adoption.",
            "hvad der sker med henvendelser, køer, tabte ærinder og omkostninger, når en\n\
             kommune ændrer åbningstider og digital selvbetjening."
        )
    );
    let _ = writeln!(o, "{}", tr(lang, "USAGE:", "BRUG:"));
    for c in COMMANDS {
        let _ = writeln!(o, "  {}", synopsis(c, lang).replace('\n', "\n  "));
    }
    let _ = writeln!(o, "\n{}", tr(lang, "COMMANDS:", "KOMMANDOER:"));
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0) + 2;
    for c in COMMANDS {
        let _ = writeln!(o, "  {:<width$}{}", c.name, tr(lang, c.about.0, c.about.1));
    }
    let _ = writeln!(
        o,
        "\n{}",
        tr(
            lang,
            "OPTIONS OF EVERY COMMAND:",
            "TILVALG TIL ALLE KOMMANDOER:"
        )
    );
    flag_list(
        &mut o,
        &[&shared::LANG, &shared::HELP, &shared::VERSION],
        lang,
    );
    let _ = writeln!(
        o,
        "\n{}",
        tr(
            lang,
            "FILE '-' means standard output. Exit codes: 0 ok, 2 bad input.\n\
             'kanalsim <COMMAND> --help' describes one command.",
            "FILE '-' betyder standardoutput. Afslutningskoder: 0 ok, 2 forkert input.\n\
             'kanalsim <KOMMANDO> --help' beskriver én kommando."
        )
    );
    o
}

/// `kanalsim <command> --help`: synopsis, summary, more, and every flag.
pub fn command(c: &Command, lang: Lang) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "kanalsim {} — {}\n",
        c.name,
        tr(lang, c.about.0, c.about.1)
    );
    let _ = writeln!(o, "{}", tr(lang, "USAGE:", "BRUG:"));
    let _ = writeln!(o, "  {}", synopsis(c, lang).replace('\n', "\n  "));
    let more = tr(lang, c.more.0, c.more.1);
    if !more.is_empty() {
        o.push('\n');
        for l in wrap(more, 90) {
            let _ = writeln!(o, "{l}");
        }
    }
    let _ = writeln!(o, "\n{}", tr(lang, "OPTIONS:", "TILVALG:"));
    let mut flags: Vec<&Flag> = c.flags.to_vec();
    flags.extend(COMMON);
    flag_list(&mut o, &flags, lang);
    o
}
