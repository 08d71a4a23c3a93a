//! Kanalsim: a Monte-Carlo simulator of citizen contacts across the channels of a Danish
//! municipality — counter, phone, written and digital self-service — and of what happens to
//! queues, lost errands, staff hours and cost when opening hours and digital adoption change.
//!
//! The engine is pure: a [`Scenario`] in, [`Results`] out; no I/O, no clock, no threads.
//!
//! ```
//! use kanalsim::{Model, presets, run::{run, NoObserver}};
//! let mut s = presets::tonder_2012();
//! s.simulation.replications = 2;
//! s.horizon_weeks = 4;
//! let model = Model::new(&s).expect("the preset is valid");
//! let results = run(&model, &mut NoObserver);
//! let phone = results.metrics["contacts.phone"];
//! assert!(phone.mean > 0.0);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod model;
pub mod presets;
pub mod report;
pub mod run;
pub mod scenario;
pub mod sim;
pub mod staffing;
pub mod stationary;
pub mod theory;
pub mod validate;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::Model;
pub use report::{Comparison, Results, Summary};
pub use scenario::Scenario;
pub use validate::{Invalid, Issue, parse_scenario, validate};

/// The engine version reported in results.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
