//! `kanalsim appointments`: the stationary appointment book run through the same engine,
//! beside the exact figures of its Markov chain.

use super::Halt;
use super::args::{Command, Flag, Raw, Values, shared};
/// `--seed X`, as in `erlang`.
use super::erlang::SEED;
use super::output::{self, Progress};
use super::render;
use kanalsim::settings::{MAX_REPLICATIONS, MAX_SEED};
use kanalsim::stationary_book::StationaryBook;
use kanalsim::{Error, Lang};

/// `--requests-per-day L`.
pub const REQUESTS: Flag = Flag {
    name: "requests-per-day",
    value: Some("L"),
    required: true,
    en: "booking requests a day, a Poisson process spread evenly over the 24 hours",
    da: "ønsker om en tid pr. dag, en Poisson-proces jævnt fordelt over døgnets 24 timer",
};
/// `--slots-per-day K`.
pub const SLOTS: Flag = Flag {
    name: "slots-per-day",
    value: Some("K"),
    required: true,
    en: "slots every day, a whole number",
    da: "tider hver dag, et helt tal",
};
/// `--days N`.
pub const DAYS: Flag = Flag {
    name: "days",
    value: Some("N"),
    required: false,
    en: "days measured in all, after each replication's warm-up, spread over the \
         replications in whole weeks (default: 100000)",
    da: "dage der måles i alt, efter hver gentagelses indsvingning, fordelt på gentagelserne i \
         hele uger (standard: 100000)",
};
/// `--replications R`.
pub const REPLICATIONS: Flag = Flag {
    name: "replications",
    value: Some("R"),
    required: false,
    en: "independent replications, each with its own warm-up (default: 20, more if the days \
         need them)",
    da: "uafhængige gentagelser, hver med sin egen indsvingning (standard: 20, flere hvis \
         dagene kræver det)",
};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "appointments",
    args: ("", ""),
    about: (
        "a stationary appointment book through the same engine, beside its exact figures",
        "en stationær tidsbog gennem den samme motor, ved siden af de eksakte tal",
    ),
    more: (
        "Builds a stationary appointment book (open every day with K slots; requests at L a \
         day, each taking the first free slot on a later day, first come first served; no \
         horizon, no no-shows, no cancellations) and simulates it; each replication first runs \
         a warm-up of ten relaxation times L/(K-L)^2 days, discarded. The exact figures come \
         from the book's Markov chain. With --json: {\"simulated\": {meanLeadDays, \
         pLeadAtMost5Days}, \"standardError\": {...}, \"theory\": {...}}, averaged over \
         requests.",
        "Bygger en stationær tidsbog (åben hver dag med K tider; ønsker med L om dagen, der \
         hver tager den første ledige tid på en senere dag, først til mølle; ingen horisont, \
         ingen udeblivelser, ingen afbud) og simulerer den; hver gentagelse kører først en \
         indsvingning på ti relaksationstider L/(K-L)^2 dage, der kasseres. De eksakte tal \
         kommer fra bogens Markov-kæde. Med --json: {\"simulated\": {meanLeadDays, \
         pLeadAtMost5Days}, \"standardError\": {...}, \"theory\": {...}}, i gennemsnit over \
         ønskerne.",
    ),
    flags: &[
        &REQUESTS,
        &SLOTS,
        &DAYS,
        &REPLICATIONS,
        &SEED,
        &shared::THREADS,
        &shared::JSON_SWITCH,
    ],
};

/// `kanalsim appointments`, resolved.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The book.
    pub book: StationaryBook,
    /// Threads.
    pub threads: usize,
    /// `--json`.
    pub json: bool,
}

impl Config {
    /// Resolve the raw arguments, every problem at once.
    pub fn resolve(raw: &Raw) -> Result<Config, Error> {
        raw.positionals(&COMMAND, 0)?;
        let mut v = Values::new(raw);
        let requests = v.require(&REQUESTS).and_then(|_| v.positive(&REQUESTS));
        let slots = v
            .require(&SLOTS)
            .and_then(|_| v.whole(&SLOTS, 1, kanalsim::validate::MAX_STAFF as u64));
        let days = v.whole(&DAYS, 1, 100_000_000).unwrap_or(100_000);
        let replications = v
            .text(&REPLICATIONS)
            .and_then(|_| v.whole(&REPLICATIONS, 1, MAX_REPLICATIONS as u64))
            .map(|r| r as u32);
        let seed = v.whole(&SEED, 0, MAX_SEED).unwrap_or(1);
        let threads = super::threads(&mut v);
        let json = v.has(&shared::JSON_SWITCH);
        if let (Some(l), Some(k)) = (requests, slots)
            && l >= k as f64
        {
            v.issue(
                REQUESTS.path(),
                format!(
                    "must be below --slots-per-day ({k}): at {} requests a day the book grows \
                     without end and has no steady state",
                    kanalsim::error::readable(l)
                ),
                format!(
                    "skal være under --slots-per-day ({k}): ved {} ønsker om dagen vokser \
                     bogen uden ende og har ingen ligevægt",
                    kanalsim::error::readable(l).replace('.', ",")
                ),
            );
        }
        v.finish(())?;
        Ok(Config {
            book: StationaryBook {
                requests_per_day: requests.unwrap_or(1.0),
                slots_per_day: slots.unwrap_or(2) as u32,
                days,
                replications,
                seed,
            },
            threads,
            json,
        })
    }
}

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let cfg = Config::resolve(raw)?;
    let b = cfg.book;
    let theory = b.theory()?;
    let mut progress = Progress::new(lang);
    let r = b.run(cfg.threads, &mut progress.observer())?;
    drop(progress);
    if cfg.json {
        let v = serde_json::json!({
            "simulated": r.simulated,
            "standardError": r.standard_error,
            "theory": theory,
        });
        return output::stdout(&render::json(&v)?);
    }
    output::stdout(&render::book_table(&b, &r, &theory, lang))
}
