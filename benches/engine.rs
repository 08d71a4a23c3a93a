//! Criterion benchmarks of the full engine (`cargo bench --bench engine`).
//!
//! * `stationary`: the M/M/c+M workload of the peers' models (λ = 2/min, mean service 4 min,
//!   10 agents, mean patience 2 min), one replication of about 100,000 customers through
//!   [`run_replication`] — throughput in customers (arrivals) per second.
//! * `year`: one replication of the one-year workload ([`year_workload`], about 300,000
//!   customers) — time per simulated year, throughput in customers per second.
//!
//! `scripts/bench.sh` runs the peers' SimPy and Ciw models and `benches/throughput.rs` side
//! by side and prints the ratios.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kanalsim::Model;
use kanalsim::RunSettings;
use kanalsim::report::M;
use kanalsim::sim::run_replication;
use kanalsim::stationary::{Stationary, year_workload};
use std::hint::black_box;
use std::time::Duration;

/// Both workloads' seed (their scenarios' own).
const SETTINGS: RunSettings = RunSettings {
    seed: 1,
    replications: 1,
    threads: 1,
    warmup_weeks: 0,
};

fn arrivals(m: &Model) -> u64 {
    run_replication(m, &SETTINGS, 0).expect("runs").scalars[M::PhoneOffered as usize] as u64
}

fn engine(c: &mut Criterion) {
    let st = Stationary {
        arrivals_per_hour: 120.0,
        mean_service_min: 4.0,
        agents: 10,
        mean_patience_min: Some(2.0),
        target_seconds: 60.0,
        customers: 100_000.0,
        replications: 1,
        seed: 1,
    };
    let m = Model::new(&st.scenario().expect("a stationary scenario"))
        .expect("stationary scenario is valid");
    let mut g = c.benchmark_group("engine");
    g.throughput(Throughput::Elements(arrivals(&m)));
    g.bench_function("stationary", |b| {
        b.iter(|| run_replication(black_box(&m), &SETTINGS, 0))
    });

    let y = Model::new(&year_workload()).expect("year workload is valid");
    g.throughput(Throughput::Elements(arrivals(&y)));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("year", |b| {
        b.iter(|| run_replication(black_box(&y), &SETTINGS, 0))
    });
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
