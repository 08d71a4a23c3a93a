//! Measures how many work units ([`kanalsim::budget`]) one core runs per second on two
//! workloads — the Tønder 2012 preset and the one-year benchmark workload — and what five
//! minutes of one core are in units: the figure `budget::MAX_WORK_UNITS` is sized by.
//!
//! `cargo run --release --example budget_rate`

use kanalsim::run::{NoObserver, run};
use kanalsim::{Model, RunSettings, presets};

fn main() {
    for (name, s) in [
        ("tonder-2012", presets::tonder_2012()),
        ("year workload", kanalsim::stationary::year_workload()),
    ] {
        let m = Model::new(&s).expect("a valid preset");
        let set = RunSettings::of(&s).with_replications(40);
        let units = kanalsim::budget::run_units(&[&m], &set);
        let t = std::time::Instant::now();
        let r = run(&m, &set, &mut NoObserver).expect("within the budget");
        let dt = t.elapsed().as_secs_f64();
        println!(
            "{name}: {units:.3e} units in {dt:.2} s on one core = {:.3e} units/s \
             ({:.0} errands a replication); five minutes = {:.2e} units",
            units / dt,
            r.metrics["errands"].mean,
            300.0 * units / dt
        );
    }
    println!(
        "budget::MAX_WORK_UNITS = {:.1e}",
        kanalsim::budget::MAX_WORK_UNITS
    );
}
