//! `kanalsim staff`: the least staff per weekday-hour that answers a target share within the
//! channel's `targetSeconds` (Erlang A per hour, iterated with simulation: the library's
//! [`kanalsim::staffing`]).

use super::args::{Command, Flag, Raw, Values, shared};
use super::output::{self, Target};
use super::render::{self, StaffHeading};
use super::run::target;
use super::{Halt, input};
use kanalsim::staffing::auto_staff_with;
use kanalsim::{Error, Lang, RunSettings};

/// `--channel phone|personal`.
pub const CHANNEL: Flag = Flag {
    name: "channel",
    value: Some("phone|personal"),
    required: false,
    en: "the queue channel to staff (default: phone)",
    da: "kø-kanalen der bemandes (standard: phone)",
};
/// `--target SHARE`.
pub const TARGET: Flag = Flag {
    name: "target",
    value: Some("SHARE"),
    required: false,
    en: "share of arrivals to answer within the channel's targetSeconds (default: 0.8)",
    da: "andel af henvendelserne der skal besvares inden for kanalens targetSeconds \
         (standard: 0,8)",
};
/// `--replications N` of each round.
pub const REPLICATIONS: Flag = Flag {
    name: "replications",
    value: Some("N"),
    required: false,
    en: "replications per round, 1 to 1000 (default: 20)",
    da: "gentagelser pr. runde, 1 til 1000 (standard: 20)",
};
/// `--rounds R`.
pub const ROUNDS: Flag = Flag {
    name: "rounds",
    value: Some("R"),
    required: false,
    en: "most rounds of simulate-and-size, 1 to 20 (default: 4)",
    da: "højst så mange runder af simulér-og-dimensionér, 1 til 20 (standard: 4)",
};
/// `--out FILE`.
pub const OUT: Flag = Flag {
    name: "out",
    value: Some("FILE"),
    required: false,
    en: "write the scenario with the new staffing to FILE ('-' = standard output, instead \
         of the table)",
    da: "skriv scenariet med den nye bemanding til FILE ('-' = standardoutput, i stedet for \
         tabellen)",
};

/// The command's definition.
pub const COMMAND: Command = Command {
    name: "staff",
    args: ("<preset-id|file.json>", "<forvalg-id|fil.json>"),
    about: (
        "least staff per hour meeting the channel's service-level target",
        "færrest medarbejdere pr. time, der når kanalens serviceniveaumål",
    ),
    more: (
        "Simulates, reads the arrivals per open hour (which depend on displacement and \
         redials), sizes each hour with Erlang A, and repeats until the staffing settles; \
         the service level printed for each round is simulated, not approximated.",
        "Simulerer, aflæser ankomsterne pr. åben time (som afhænger af fortrængning og \
         genopkald), dimensionerer hver time med Erlang A og gentager, til bemandingen ligger \
         fast; serviceniveauet for hver runde er simuleret, ikke tilnærmet.",
    ),
    flags: &[
        &CHANNEL,
        &TARGET,
        &REPLICATIONS,
        &ROUNDS,
        &shared::SEED,
        &shared::THREADS,
        &OUT,
    ],
};

/// `kanalsim staff`, resolved.
#[derive(Debug)]
pub struct Config {
    /// Preset id or file name.
    pub scenario: String,
    /// 0 = counter (`personal`), 1 = phone.
    pub channel: usize,
    /// Target share.
    pub target: f64,
    /// Replications per round.
    pub replications: u32,
    /// Most rounds.
    pub rounds: u32,
    /// `--seed`, if given.
    pub seed: Option<u64>,
    /// Threads.
    pub threads: usize,
    /// `--out`.
    pub out: Option<Target>,
}

impl Config {
    /// Resolve the raw arguments, every problem at once.
    pub fn resolve(raw: &Raw) -> Result<Config, Error> {
        let pos = raw.positionals(&COMMAND, 1)?;
        let mut v = Values::new(raw);
        let channel = match v.text(&CHANNEL).unwrap_or("phone") {
            "phone" => 1,
            "personal" => 0,
            other => {
                v.issue(
                    CHANNEL.path(),
                    format!("must be 'phone' or 'personal' (got '{other}')"),
                    format!("skal være 'phone' eller 'personal' (fik '{other}')"),
                );
                1
            }
        };
        let target_share = v.parse::<f64>(&TARGET).unwrap_or(0.8);
        if !(target_share.is_finite() && target_share > 0.0 && target_share < 1.0) {
            v.issue(
                TARGET.path(),
                "must be a share between 0 and 1, e.g. 0.8",
                "skal være en andel mellem 0 og 1, fx 0,8",
            );
        }
        let replications = v.whole(&REPLICATIONS, 1, 1000).unwrap_or(20) as u32;
        let rounds = v.whole(&ROUNDS, 1, 20).unwrap_or(4) as u32;
        let seed = v.parse(&shared::SEED);
        let threads = super::threads(&mut v);
        let out = target(&mut v, &OUT);
        v.finish(Config {
            scenario: pos[0].clone(),
            channel,
            target: target_share,
            replications,
            rounds,
            seed,
            threads,
            out,
        })
    }
}

/// Run the command.
pub fn main(raw: &Raw, lang: Lang) -> Result<(), Halt> {
    let cfg = Config::resolve(raw)?;
    let (s, _) = input::model(&cfg.scenario)?;
    let mut settings = RunSettings::of(&s)
        .with_replications(cfg.replications)
        .with_threads(cfg.threads);
    if let Some(seed) = cfg.seed {
        settings = settings.with_seed(seed);
    }
    let plan = auto_staff_with(&s, cfg.channel, cfg.target, &settings, cfg.rounds)?;
    let target_seconds = if cfg.channel == 1 {
        s.queues.phone.target_seconds
    } else {
        s.queues.personal.target_seconds
    };
    let heading = StaffHeading {
        title: &s.title,
        channel: cfg.channel,
        target: cfg.target,
        target_seconds,
        replications: cfg.replications,
    };
    let mut outs = Vec::new();
    if let Some(t) = &cfg.out {
        outs.push((t, render::json(&plan.scenario)?));
    }
    if !Target::is_stdout(&cfg.out) {
        outs.push((&Target::Stdout, render::staff_table(&heading, &plan, lang)));
    }
    output::write_all(&outs)
}
