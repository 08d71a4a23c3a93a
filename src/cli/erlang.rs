//! `kanalsim erlang`: the stationary M/M/c(+M) queue run through the same engine, beside
//! Erlang C or Erlang A (the library's [`Stationary`] chooses the formula).

use super::Halt;
use super::args::{Command, Flag, Raw, Values, shared};
use super::output::{self, Progress};
use super::render::{self, ErlangHeading};
use kanalsim::settings::{MAX_REPLICATIONS, MAX_SEED, MAX_WARMUP_WEEKS};
use kanalsim::stationary::{Stationary, simulated_figures};
use kanalsim::validate::MAX_STAFF;
use kanalsim::{Error, Issue, Lang, Model};

/// `--arrivals-per-hour A`.
pub const ARRIVALS: Flag = Flag {
    name: "arrivals-per-hour",
    value: Some("A"),
    required: true,
    en: "arrivals per hour, constant around the clock",
    da: "ankomster pr. time, konstant døgnet rundt",
};
/// `--mean-service-min S`.
pub const SERVICE: Flag = Flag {
    name: "mean-service-min",
    value: Some("S"),
    required: true,
    en: "mean service time in minutes, exponential",
    da: "gennemsnitlig betjeningstid i minutter, eksponentialfordelt",
};
/// `--agents C`.
pub const AGENTS: Flag = Flag {
    name: "agents",
    value: Some("C"),
    required: true,
    en: "agents on duty, a whole number",
    da: "medarbejdere på vagt, et helt tal",
};
/// `--mean-patience-min P`.
pub const PATIENCE: Flag = Flag {
    name: "mean-patience-min",
    value: Some("P"),
    required: false,
    en: "mean patience in minutes, exponential: Erlang A (default: infinite, Erlang C)",
    da: "gennemsnitlig tålmodighed i minutter, eksponentialfordelt: Erlang A (standard: \
         uendelig, Erlang C)",
};
/// `--target-seconds T`.
pub const TARGET_SECONDS: Flag = Flag {
    name: "target-seconds",
    value: Some("T"),
    required: false,
    en: "service-level target in seconds (default: 60)",
    da: "serviceniveaumål i sekunder (standard: 60)",
};
/// `--customers N`.
pub const CUSTOMERS: Flag = Flag {
    name: "customers",
    value: Some("N"),
    required: false,
    en: "customers in all, spread over the replications in whole weeks (default: 1000000; \
         the engine's work budget bounds it)",
    da: "kunder i alt, fordelt på gentagelserne i hele uger (standard: 1000000; motorens \
         arbejdsbudget begrænser det)",
};
/// `--replications R`.
pub const REPLICATIONS: Flag = Flag {
    name: "replications",
    value: Some("R"),
    required: false,
    en: "replications (default: 10)",
    da: "gentagelser (standard: 10)",
};
/// `--seed X`.
pub const SEED: Flag = Flag {
    name: "seed",
    value: Some("X"),
    required: false,
    en: "seed of the random streams (default: 1)",
    da: "frø til de tilfældige tal (standard: 1)",
};
/// `--warmup-weeks W`.
pub const WARMUP_WEEKS: Flag = Flag {
    name: "warmup-weeks",
    value: Some("W"),
    required: false,
    en: "weeks simulated first and discarded, so the queue is measured in its steady state \
         (default: 1)",
    da: "uger der simuleres først og kasseres, så køen måles i sin ligevægt (standard: 1)",
};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "erlang",
    args: ("", ""),
    about: (
        "a stationary queue through the same engine, beside Erlang C or Erlang A",
        "en stationær kø gennem den samme motor, ved siden af Erlang C eller Erlang A",
    ),
    more: (
        "Builds a stationary scenario (open 24/7, constant rate, exponential service and \
         patience, fixed staff, no displacement, no redial) and simulates it. With --json: \
         {\"simulated\": {pWait, pAbandon, meanWaitServedMin, serviceLevel}, \"theory\": \
         {...}} (theory null when the formula has no solution, e.g. Erlang C with load at or \
         above the agents).",
        "Bygger et stationært scenarie (åbent 24/7, konstant intensitet, eksponentialfordelt \
         betjening og tålmodighed, fast bemanding, ingen fortrængning, ingen genopkald) og \
         simulerer det. Med --json: {\"simulated\": {pWait, pAbandon, meanWaitServedMin, \
         serviceLevel}, \"theory\": {...}} (theory er null, når formlen ingen løsning har, fx \
         Erlang C med en belastning på eller over antallet af medarbejdere).",
    ),
    flags: &[
        &ARRIVALS,
        &SERVICE,
        &AGENTS,
        &PATIENCE,
        &TARGET_SECONDS,
        &CUSTOMERS,
        &REPLICATIONS,
        &SEED,
        &WARMUP_WEEKS,
        &shared::THREADS,
        &shared::JSON_SWITCH,
    ],
};

/// `kanalsim erlang`, resolved.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The queue (customers per replication).
    pub queue: Stationary,
    /// Warm-up weeks.
    pub warmup_weeks: u32,
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
        let required = |v: &mut Values, f: &Flag| -> Option<f64> {
            v.require(f)?;
            v.positive(f)
        };
        let arrivals = required(&mut v, &ARRIVALS);
        let service = required(&mut v, &SERVICE);
        let agents = v
            .require(&AGENTS)
            .and_then(|_| v.whole(&AGENTS, 1, MAX_STAFF as u64));
        let patience = v.text(&PATIENCE).and_then(|_| v.positive(&PATIENCE));
        let target_seconds = v.parse::<f64>(&TARGET_SECONDS).unwrap_or(60.0);
        if !(target_seconds.is_finite() && target_seconds >= 0.0) {
            v.issue(
                TARGET_SECONDS.path(),
                "must be zero or positive",
                "skal være nul eller positiv",
            );
        }
        let customers = v
            .text(&CUSTOMERS)
            .map_or(Some(1e6), |_| v.positive(&CUSTOMERS));
        let replications = v
            .whole(&REPLICATIONS, 1, MAX_REPLICATIONS as u64)
            .unwrap_or(10) as u32;
        let seed = v.whole(&SEED, 0, MAX_SEED).unwrap_or(1);
        let warmup_weeks = v
            .whole(&WARMUP_WEEKS, 0, MAX_WARMUP_WEEKS as u64)
            .unwrap_or(1) as u32;
        let threads = super::threads(&mut v);
        let json = v.has(&shared::JSON_SWITCH);
        v.finish(())?;
        Ok(Config {
            queue: Stationary {
                arrivals_per_hour: arrivals.unwrap_or(1.0),
                mean_service_min: service.unwrap_or(1.0),
                agents: agents.unwrap_or(1) as u32,
                mean_patience_min: patience,
                target_seconds,
                customers: customers.unwrap_or(1.0) / replications as f64,
                replications,
                seed,
            },
            warmup_weeks,
            threads,
            json,
        })
    }
}

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let cfg = Config::resolve(raw)?;
    let st = cfg.queue;
    let m = Model::new(&st.scenario()?).map_err(to_flags)?;
    let settings = st.settings(cfg.warmup_weeks).with_threads(cfg.threads);
    let mut progress = Progress::new(lang);
    let r = kanalsim::run::run(&m, &settings, &mut progress.observer())?;
    drop(progress);
    let sim = simulated_figures(&r);
    let theory = st.theory();
    if cfg.json {
        let v = serde_json::json!({
            "simulated": sim,
            "theory": theory.as_ref().ok(),
        });
        return output::stdout(&render::json(&v)?);
    }
    let heading = ErlangHeading {
        arrivals_per_hour: st.arrivals_per_hour,
        mean_service_min: st.mean_service_min,
        agents: st.agents,
        mean_patience_min: st.mean_patience_min,
        target_seconds: st.target_seconds,
        replications: st.replications,
        weeks: m.weeks,
        warmup_weeks: cfg.warmup_weeks,
        customers: r.metrics["phone.offered"].mean * st.replications as f64,
        model: st.theory_name(),
    };
    let theory_text = theory.as_ref().map_err(|e| {
        e.issues
            .iter()
            .map(|i| i.text(lang))
            .collect::<Vec<_>>()
            .join("; ")
    });
    output::stdout(&render::erlang_table(&heading, &sim, theory_text, lang))
}

/// The stationary scenario's problems said at the flags they come from (each flag once), with
/// the scenario field in the message: `--mean-service-min: must be between … (in the
/// stationary scenario's queues.phone.serviceTime.meanMin)`.
fn to_flags(e: Error) -> Error {
    const FLAGS: [(&str, &Flag); 5] = [
        ("demand.annualErrands", &ARRIVALS),
        ("serviceTime", &SERVICE),
        ("patience", &PATIENCE),
        ("staffing", &AGENTS),
        ("targetSeconds", &TARGET_SECONDS),
    ];
    let mut issues: Vec<Issue> = Vec::new();
    for i in e.issues {
        let flag = FLAGS.iter().find(|(p, _)| i.path.contains(p));
        let path = flag.map_or(String::new(), |(_, f)| f.path());
        if !path.is_empty() && issues.iter().any(|j| j.path == path) {
            continue;
        }
        issues.push(Issue::new(
            path,
            format!("{} (in the stationary scenario's {})", i.en, i.path),
            format!("{} (i det stationære scenaries {})", i.da, i.path),
        ));
    }
    Error::new(e.kind, issues)
}
