//! `kanalsim calibrate FILE...`: a scenario calibrated to a municipality's own counts
//! (KOMHEN counting weeks, phone interval reports, a plain table) by the library's
//! [`kanalsim::calibrate`], written with `--out`, and its back-test printed.

use super::args::{Command, Flag, Raw, Values, shared};
use super::output::{self, Target};
use super::run::target;
use super::{Halt, render};
use kanalsim::calibrate::{self, Calibration, InputFile, Options};
use kanalsim::{Error, Lang};

/// `--unit NAME` (repeatable).
pub const UNIT: Flag = Flag {
    name: "unit",
    value: Some("NAME"),
    required: false,
    en: "keep only the registrations of this unit (column Enhed); repeat for several",
    da: "behold kun registreringerne fra denne enhed (kolonnen Enhed); gentag for flere",
};
/// `--hours HOURS.json`.
pub const HOURS: Flag = Flag {
    name: "hours",
    value: Some("HOURS.json"),
    required: false,
    en: "opening hours (a scenario's openingHours object) instead of inferring them from \
         when registrations occur",
    da: "åbningstider (et scenaries openingHours-objekt) i stedet for at udlede dem af, \
         hvornår registreringerne falder",
};
/// `--weeks-per-year X`.
pub const WEEKS_PER_YEAR: Flag = Flag {
    name: "weeks-per-year",
    value: Some("X"),
    required: false,
    en: "weeks a year the counted volume stands for (default 52: counted × 52 / weeks counted)",
    da: "uger om året den talte mængde står for (standard 52: talt × 52 / talte uger)",
};
/// `--map COLUMNS`.
pub const MAP: Flag = Flag {
    name: "map",
    value: Some("COLUMNS"),
    required: false,
    en: "column names of a phone interval report, e.g. offered=Tilbudte,answered=Besvarede \
         (roles: start, offered, answered, abandoned, aht, asa)",
    da: "kolonnenavne i en telefonrapport, fx offered=Tilbudte,answered=Besvarede (roller: \
         start, offered, answered, abandoned, aht, asa)",
};
/// `--types CODES`.
pub const TYPES: Flag = Flag {
    name: "types",
    value: Some("CODES"),
    required: false,
    en: "map Type codes outside the default mapping, e.g. FEJL=transaction,XYZ=information \
         (default: information; each code's rows are reported)",
    da: "placér Type-koder uden for standardfordelingen, fx FEJL=transaction,XYZ=information \
         (standard: information; hver kodes rækker vises)",
};
/// `--name NAME`.
pub const NAME: Flag = Flag {
    name: "name",
    value: Some("NAME"),
    required: false,
    en: "the municipality's name: the scenario's title (default: Egen kommune)",
    da: "kommunens navn: scenariets titel (standard: Egen kommune)",
};
/// `--out SCENARIO.json`.
pub const OUT: Flag = Flag {
    name: "out",
    value: Some("SCENARIO.json"),
    required: true,
    en: "write the calibrated scenario to this file ('-' = standard output, instead of the \
         back-test)",
    da: "skriv det kalibrerede scenarie til denne fil ('-' = standardoutput, i stedet for \
         backtesten)",
};
/// `--rounds R`.
pub const ROUNDS: Flag = Flag {
    name: "rounds",
    value: Some("R"),
    required: false,
    en: "rounds of simulate-compare-adjust, 0 to 20 (default: 6)",
    da: "runder af simulér-sammenlign-justér, 0 til 20 (standard: 6)",
};
/// `--replications N` of each round.
pub const REPLICATIONS: Flag = Flag {
    name: "replications",
    value: Some("N"),
    required: false,
    en: "replications of each round, 1 to 100 (default: 4; the back-test runs 24)",
    da: "gentagelser pr. runde, 1 til 100 (standard: 4; backtesten kører 24)",
};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "calibrate",
    args: ("FILE...", "FIL..."),
    about: (
        "a scenario of your own municipality from counting weeks, phone reports or a table",
        "et scenarie for din egen kommune fra tælleuger, telefonrapporter eller en tabel",
    ),
    more: (
        "Reads KOMHEN counting-week registrations, phone interval reports and plain tables \
         (recognised by their header; UTF-8 with or without BOM, else Windows-1252), fits \
         volume, desire by hour, channel mix, handling times, errand types and opening \
         hours, then simulates and adjusts until the simulated registrations reproduce the \
         counted ones, and prints that back-test. Nothing is written if a file cannot be \
         read.",
        "Læser KOMHEN-tælleugeregistreringer, telefonrapporter pr. interval og enkle tabeller \
         (genkendt på overskriften; UTF-8 med eller uden BOM, ellers Windows-1252), tilpasser \
         mængde, ønsket tidspunkt, kanalfordeling, ekspeditionstider, ærindetyper og \
         åbningstider, simulerer og justerer, til de simulerede registreringer genskaber de \
         talte, og viser den backtest. Intet skrives, hvis en fil ikke kan læses.",
    ),
    flags: &[
        &UNIT,
        &HOURS,
        &WEEKS_PER_YEAR,
        &MAP,
        &TYPES,
        &NAME,
        &OUT,
        &ROUNDS,
        &REPLICATIONS,
        &shared::THREADS,
    ],
};

/// Largest input file read.
const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// `kanalsim calibrate`, resolved.
#[derive(Debug)]
pub struct Config {
    /// The files.
    pub files: Vec<String>,
    /// The options for the library.
    pub options: Options,
    /// `--out`.
    pub out: Target,
}

impl Config {
    /// Resolve the raw arguments, every problem at once.
    pub fn resolve(raw: &Raw) -> Result<Config, Error> {
        if raw.pos.is_empty() {
            return Err(COMMAND.usage_error());
        }
        let mut v = Values::new(raw);
        let mut o = Options {
            units: v.texts(&UNIT).iter().map(|s| s.to_string()).collect(),
            weeks_per_year: v.positive(&WEEKS_PER_YEAR),
            name: v.text(&NAME).unwrap_or("").to_string(),
            threads: super::threads(&mut v),
            ..Options::default()
        };
        if let Some(r) = v.whole(&ROUNDS, 0, 20) {
            o.rounds = r as u32;
        }
        if let Some(r) = v.whole(&REPLICATIONS, 1, 100) {
            o.replications = r as u32;
        }
        if let Some(m) = v.text(&MAP) {
            o.map = pairs(
                &mut v,
                &MAP,
                m,
                (
                    "role=column (e.g. offered=Tilbudte)",
                    "rolle=kolonne (fx offered=Tilbudte)",
                ),
            )
            .into_iter()
            .map(|(a, b)| (a.to_ascii_lowercase(), b))
            .collect();
        }
        if let Some(m) = v.text(&TYPES) {
            o.type_map = pairs(
                &mut v,
                &TYPES,
                m,
                (
                    "CODE=information or CODE=transaction",
                    "KODE=information eller KODE=transaction",
                ),
            )
            .into_iter()
            .map(|(a, b)| (a.to_ascii_uppercase(), b))
            .collect();
            if let Err(e) = calibrate::type_map(&o.type_map) {
                v.error(e);
            }
        }
        if let Some(h) = v.text(&HOURS) {
            match read_hours(h) {
                Ok(x) => o.hours = Some(x),
                Err(e) => v.error(e),
            }
        }
        let out = v.require(&OUT).and(target(&mut v, &OUT));
        v.finish(())?;
        Ok(Config {
            files: raw.pos.clone(),
            options: o,
            out: out.unwrap_or(Target::Stdout),
        })
    }
}

/// A flag's `a=b,c=d` list as trimmed pairs; a part that is not `a=b` is an issue of the flag
/// (`shape`: what a part should look like, English and Danish).
fn pairs(v: &mut Values, flag: &Flag, text: &str, shape: (&str, &str)) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in text.split(',').filter(|p| !p.trim().is_empty()) {
        match part.split_once('=') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                out.push((a.trim().to_string(), b.trim().to_string()))
            }
            _ => v.issue(
                flag.path(),
                format!("'{part}' is not {}", shape.0),
                format!("'{part}' er ikke {}", shape.1),
            ),
        }
    }
    out
}

fn read_hours(path: &str) -> Result<kanalsim::scenario::OpeningHours, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, false, &e))?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        Error::input(
            format!("{path}: {}", e.path()),
            format!("not an openingHours object ({{\"personal\": {{\"mon\": [{{\"start\": \"10:00\", \"end\": \"15:00\"}}], …}}, \"phone\": …}}): {}", e.inner()),
            format!("ikke et openingHours-objekt ({{\"personal\": {{\"mon\": [{{\"start\": \"10:00\", \"end\": \"15:00\"}}], …}}, \"phone\": …}}): {}", e.inner()),
        )
    })
}

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let cfg = Config::resolve(raw)?;
    let mut files = Vec::new();
    let mut issues = Vec::new();
    for f in &cfg.files {
        let r = std::fs::metadata(f).and_then(|m| {
            if m.len() > MAX_BYTES {
                Err(std::io::Error::other("larger than 200 MB"))
            } else {
                std::fs::read(f)
            }
        });
        match r {
            Ok(bytes) => files.push(InputFile {
                name: f.clone(),
                bytes,
            }),
            Err(e) => issues.extend(Error::io(f, false, &e).issues),
        }
    }
    if !issues.is_empty() {
        return Err(Error::new(kanalsim::ErrorKind::Io, issues).into());
    }
    let c = calibrate::calibrate(&files, &cfg.options)?;
    let mut outs = vec![(&cfg.out, render::json(&c.scenario)?)];
    let text = report(&c, lang);
    if cfg.out != Target::Stdout {
        outs.push((&Target::Stdout, text));
    }
    output::write_all(&outs)
}

const DAYS: [(&str, &str); 7] = [
    ("Mon", "man"),
    ("Tue", "tir"),
    ("Wed", "ons"),
    ("Thu", "tor"),
    ("Fri", "fre"),
    ("Sat", "lør"),
    ("Sun", "søn"),
];

fn pct(x: Option<f64>) -> String {
    x.map_or("—".to_string(), |x| format!("{:.1} %", 100.0 * x))
}

/// The back-test and what was read, as text.
pub fn report(c: &Calibration, lang: Lang) -> String {
    use std::fmt::Write;
    let da = lang == Lang::Da;
    let t = |en: &str, d: &str| if da { d.to_string() } else { en.to_string() };
    let o = &c.observed;
    let b = &c.backtest;
    let mut s = String::new();
    let (pe, pd) = o.period();
    let _ = writeln!(s, "{}: {}", t("Calibrated", "Kalibreret"), c.scenario.title);
    let _ = writeln!(
        s,
        "{} {} ({} {:.2}; {} {:.3}); {} {}, {} {} × {}",
        t("Counted:", "Talt:"),
        if da { pd } else { pe },
        t("weeks", "uger"),
        b.weeks,
        t("seasonal factor", "sæsonfaktor"),
        b.season_factor,
        t("rounds", "runder"),
        c.rounds,
        t("back-test", "backtest"),
        b.replications,
        t("replications of 52 weeks", "gentagelser af 52 uger"),
    );
    let _ = writeln!(
        s,
        "{} {:.0}; {} {:.0} / {:.0} / {:.0}; {} {:.0}; {} {:.0}",
        t(
            "Outbound contacts (not simulated):",
            "Udgående henvendelser (ikke simuleret):"
        ),
        o.outbound,
        t(
            "handling times under 30 s (left out of the fit, counted) counter/phone/written:",
            "ekspeditionstider under 30 s (udeladt af tilpasningen, talt med) skranke/telefon/skriftlig:"
        ),
        o.short[0],
        o.short[1],
        o.short[2],
        t(
            "registered more than an hour late:",
            "registreret mere end en time for sent:"
        ),
        o.late,
        t(
            "unknown Kanal codes (not simulated):",
            "ukendte Kanal-koder (ikke simuleret):"
        ),
        o.unknown_codes.values().sum::<f64>() + 0.0,
    );
    if !o.unmapped_types.is_empty() {
        let list: Vec<String> = o
            .unmapped_types
            .iter()
            .map(|(k, v)| {
                let to = match o.mapped_types.get(k) {
                    Some(true) => t("information (--types)", "information (--types)"),
                    Some(false) => t("transaction (--types)", "sagsbehandling (--types)"),
                    None => t("information (default)", "information (standard)"),
                };
                format!("{k} {v:.0} {} → {to}", t("rows", "rækker"))
            })
            .collect();
        let _ = writeln!(
            s,
            "{} {}",
            t(
                "Type codes outside the default mapping:",
                "Type-koder uden for standardfordelingen:"
            ),
            list.join(", ")
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<10} {:>12} {:>12} {:>8} {:>8} {:>8} {:>6}",
        t("channel", "kanal"),
        t("counted/wk", "talt/uge"),
        t("simulated", "simuleret"),
        t("diff", "forskel"),
        "r",
        "MAE",
        t("hours", "timer"),
    );
    for ch in &b.channels {
        let _ = writeln!(
            s,
            "{:<10} {:>12.1} {:>12.1} {:>7.1}% {:>8} {:>8} {:>6}",
            ch.channel,
            ch.observed_weekly,
            ch.simulated_weekly,
            100.0 * ch.weekly_error(),
            ch.correlation.map_or("—".into(), |r| format!("{r:.3}")),
            pct(ch.mean_abs_error),
            ch.hours_measured,
        );
    }
    let _ = writeln!(
        s,
        "{}",
        t(
            "r and MAE (Σ|simulated − counted| / Σ counted) over the hours of the week with at least 20 registrations in the counting weeks.",
            "r og MAE (Σ|simuleret − talt| / Σ talt) over ugens timer med mindst 20 registreringer i tælleugerne."
        )
    );
    for ch in b.channels.iter().filter(|c| !c.observed_hourly.is_empty()) {
        let _ = writeln!(
            s,
            "\n{} — {}",
            ch.channel,
            t(
                "per weekday (counted / simulated a week)",
                "pr. ugedag (talt / simuleret pr. uge)"
            )
        );
        for (d, names) in DAYS.iter().enumerate() {
            let ob: f64 = ch.observed_hourly[d * 24..d * 24 + 24].iter().sum();
            let si: f64 = ch.simulated_hourly[d * 24..d * 24 + 24].iter().sum();
            if ob > 0.0 || si > 0.5 {
                let _ = writeln!(
                    s,
                    "  {:<4} {:>9.1} {:>9.1}",
                    if da { names.1 } else { names.0 },
                    ob,
                    si
                );
            }
        }
        let _ = writeln!(
            s,
            "{} — {}",
            ch.channel,
            t(
                "per hour of the day (counted / simulated a week)",
                "pr. time på dagen (talt / simuleret pr. uge)"
            )
        );
        for h in 0..24 {
            let ob: f64 = (0..7).map(|d| ch.observed_hourly[d * 24 + h]).sum();
            let si: f64 = (0..7).map(|d| ch.simulated_hourly[d * 24 + h]).sum();
            if ob > 0.0 || si > 0.5 {
                let _ = writeln!(s, "  {h:02}–{:02} {:>9.1} {:>9.1}", h + 1, ob, si);
            }
        }
    }
    s
}
