//! Kanalsim: a Monte-Carlo simulator of citizen contacts across the channels of a Danish
//! municipality — counter, phone, written and digital self-service — and of what happens to
//! queues, lost errands, staff hours and cost when opening hours and digital adoption change.
//!
//! The engine is pure: a [`Scenario`] in, [`Results`] out; no I/O, no clock, no wasm types.
//! The data flows one way:
//!
//! ```text
//! Scenario ──Model::new (validate + compile, once)──▶ Model
//!          ──RunSettings::of (seed, replications)──▶ RunSettings (CLI flags, page override)
//! Model + RunSettings ──run::run_many──▶ replications (sim::run_replication, any thread)
//!                     ──Aggregator (replication order)──▶ Results / Comparison
//! ```
//!
//! ```
//! use kanalsim::{Model, presets, run::{run, NoObserver}, settings::RunSettings};
//! let mut s = presets::tonder_2012();
//! s.horizon_weeks = 4;
//! let model = Model::new(&s).expect("the preset is valid");
//! let settings = RunSettings::of(&s).with_replications(2);
//! let results = run(&model, &settings, &mut NoObserver).expect("a small run");
//! let phone = results.metrics["contacts.phone"];
//! assert!(phone.mean > 0.0);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod budget;
pub mod calibrate;
pub mod error;
pub mod model;
pub mod precision;
pub mod presets;
pub mod report;
pub mod rng;
pub mod run;
pub mod scenario;
pub mod settings;
pub mod sim;
pub mod staffing;
pub mod stationary;
pub mod stationary_book;
pub mod stats;
pub mod theory;
pub mod validate;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorKind, Issue, Lang};
pub use model::Model;
pub use report::{Comparison, Results, Summary};
pub use scenario::Scenario;
pub use settings::RunSettings;
pub use validate::{parse_scenario, validate};

/// The engine version reported in results.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
