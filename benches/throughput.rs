//! Plain throughput measurement for `scripts/bench.sh`: prints one JSON line per workload,
//! in the same shape as the peers' models in `../shared/peers/`.
//!
//! ```text
//! cargo bench --bench throughput -- [--customers N] [--reps R] [--year-reps Y]
//! ```
//!
//! `bench`: the stationary M/M/c+M workload (λ = 2/min, mean service 4 min, 10 agents, mean
//! patience 2 min) run through the full engine, `--reps` replications of about `--customers`
//! customers each (default 20 × 300,000), single-threaded; customers per second counts every
//! arrival. `year`: `--year-reps` replications (default 5) of the one-year workload
//! ([`kanalsim::stationary::year_workload`]); seconds per simulated year.
//!
//! `bare`: `--bare-reps` replications (default 0) of the same stationary queue as a bare
//! hand-written loop (Xoshiro256++, ziggurat exponentials, a `BinaryHeap` of the servers'
//! free times, FIFO with abandonment, nothing else): the yardstick of what the engine's
//! features cost on this machine.
//!
//! `tonder`: `--tonder-reps` replications (default 0) of a Tønder year (the `tonder-2012`
//! preset with its own seed, replications `0..R`); errands per second counts the `errands`
//! metric (the desired errands generated, before channel choice, without redials), the
//! per-errand rate to set beside the bare loop's customers per second (issue 13).
//!
//! `digest` is an FNV-1a hash of every number the replications produced (scalars, weekly and
//! hour-of-week series): it changes if and only if a result changes, which is how hot-path
//! optimisations are checked to be bit-identical.

use kanalsim::report::M;
use kanalsim::sim::{RepOutput, run_replication};
use kanalsim::stationary::{Stationary, year_workload};
use kanalsim::{Model, RunSettings};
use rand::SeedableRng;
use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hint::black_box;
use std::time::Instant;

/// Both workloads' seed (their scenarios' own).
const SETTINGS: RunSettings = RunSettings {
    seed: 1,
    replications: 1,
    threads: 1,
    warmup_weeks: 0,
};

fn fnv(h: &mut u64, out: &RepOutput) {
    // Scalars, weekly and hour-of-week series (not the sampled inputs).
    let n = out.numbers().count() - out.inputs.len();
    for x in out.numbers().take(n) {
        for b in x.to_bits().to_le_bytes() {
            *h ^= b as u64;
            *h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// CPU time of this thread in seconds (Linux: `/proc/thread-self/schedstat`), if known.
fn cpu_s() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns * 1e-9)
}

/// Run `rep(0..reps)` single-threaded; (wall seconds, CPU seconds, outputs). The CPU time
/// falls back to the wall time where the thread's CPU time is not available.
fn timed<T>(reps: u32, rep: impl Fn(u32) -> T) -> (f64, f64, Vec<T>) {
    let c0 = cpu_s();
    let t0 = Instant::now();
    let outs: Vec<T> = (0..reps).map(|r| black_box(rep(r))).collect();
    let wall = t0.elapsed().as_secs_f64();
    let cpu = match (c0, cpu_s()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    (wall, cpu, outs)
}

/// Replications `0..reps` of a model, timed.
fn time_reps(m: &Model, reps: u32) -> (f64, f64, Vec<RepOutput>) {
    timed(reps, |r| {
        run_replication(m, &SETTINGS, r).expect("the workload is within the budget")
    })
}

fn sum(outs: &[RepOutput], i: M) -> f64 {
    outs.iter().map(|o| o.scalars[i as usize]).sum()
}

fn arg(args: &[String], name: &str, default: f64) -> f64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let customers = arg(&args, "--customers", 300_000.0);
    let reps = arg(&args, "--reps", 20.0) as u32;
    let year_reps = arg(&args, "--year-reps", 5.0) as u32;
    let bare_reps = arg(&args, "--bare-reps", 0.0) as u32;
    let tonder_reps = arg(&args, "--tonder-reps", 0.0) as u32;
    if reps > 0 {
        stationary(customers, reps);
    }
    if bare_reps > 0 {
        bare(customers as u64, bare_reps);
    }
    if year_reps > 0 {
        year(year_reps);
    }
    if tonder_reps > 0 {
        tonder(tonder_reps);
    }
}

/// A Tønder year: the `tonder-2012` preset, replications `0..reps` with its own seed.
fn tonder(reps: u32) {
    let sc = kanalsim::presets::tonder_2012();
    let settings = RunSettings::of(&sc);
    let m = Model::new(&sc).expect("the preset is valid");
    let _ = run_replication(&m, &settings, 0); // warm up
    let (wall, cpu, outs) = timed(reps, |r| {
        run_replication(&m, &settings, r).expect("the preset is within the budget")
    });
    let n = sum(&outs, M::Errands);
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    outs.iter().for_each(|o| fnv(&mut h, o));
    println!(
        "{{\"tool\": \"kanalsim\", \"workload\": \"tonder\", \"reps\": {reps}, \
         \"errands_per_rep\": {:.0}, \"wall_s_per_rep\": {:.5}, \"cpu_s_per_rep\": {:.5}, \
         \"errands_per_s\": {:.0}, \"errands_per_cpu_s\": {:.0}, \"digest\": \"{h:016x}\"}}",
        n / reps as f64,
        wall / reps as f64,
        cpu / reps as f64,
        n / wall,
        n / cpu,
    );
}

/// The stationary M/M/c+M workload.
fn stationary(customers: f64, reps: u32) {
    let st = Stationary {
        arrivals_per_hour: 120.0,
        mean_service_min: 4.0,
        agents: 10,
        mean_patience_min: Some(2.0),
        target_seconds: 60.0,
        customers,
        replications: reps,
        seed: 1,
    };
    let sc = st.scenario().expect("a stationary scenario");
    assert_eq!(RunSettings::of(&sc).seed, SETTINGS.seed);
    let m = Model::new(&sc).expect("stationary scenario is valid");
    let _ = run_replication(&m, &SETTINGS, 0); // warm up
    let (wall, cpu, outs) = time_reps(&m, reps);
    let n = sum(&outs, M::PhoneOffered);
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    outs.iter().for_each(|o| fnv(&mut h, o));
    println!(
        "{{\"tool\": \"kanalsim\", \"workload\": \"bench\", \"customers\": {n}, \"reps\": {reps}, \
         \"wall_s\": {wall:.4}, \"cpu_s\": {cpu:.4}, \"customers_per_s\": {:.0}, \
         \"customers_per_cpu_s\": {:.0}, \"p_abandon\": {:.5}, \"p_wait_gt0\": {:.5}, \
         \"digest\": \"{h:016x}\"}}",
        n / wall,
        n / cpu,
        sum(&outs, M::PhoneAbandoned) / n,
        outs.iter()
            .map(|o| o.scalars[M::PhonePWait as usize] * o.scalars[M::PhoneOffered as usize])
            .sum::<f64>()
            / n,
    );
}

/// One year of a municipality.
fn year(year_reps: u32) {
    assert_eq!(RunSettings::of(&year_workload()).seed, SETTINGS.seed);
    let m = Model::new(&year_workload()).expect("year workload is valid");
    let _ = run_replication(&m, &SETTINGS, 0);
    let (wall, cpu, outs) = time_reps(&m, year_reps);
    let n = sum(&outs, M::PhoneOffered);
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    outs.iter().for_each(|o| fnv(&mut h, o));
    let served = sum(&outs, M::PhoneAnswered);
    let wait_sum: f64 = outs
        .iter()
        .map(|o| o.scalars[M::PhoneMeanWait as usize] * o.scalars[M::PhoneAnswered as usize])
        .sum();
    let within: f64 = outs
        .iter()
        .map(|o| o.scalars[M::PhoneServiceLevel as usize] * o.scalars[M::PhoneOffered as usize])
        .sum();
    println!(
        "{{\"tool\": \"kanalsim\", \"workload\": \"year\", \"reps\": {year_reps}, \
         \"arrivals_per_rep\": {:.0}, \"wall_s_per_rep\": {:.5}, \"cpu_s_per_rep\": {:.5}, \
         \"customers_per_s\": {:.0}, \"p_abandon\": {:.5}, \"mean_wait_served\": {:.4}, \"p_served_within_1min\": {:.5}, \
         \"digest\": \"{h:016x}\"}}",
        n / year_reps as f64,
        wall / year_reps as f64,
        cpu / year_reps as f64,
        n / wall,
        sum(&outs, M::PhoneAbandoned) / n,
        wait_sum / served,
        within / n,
    );
}

/// One replication of the stationary M/M/c+M queue as a bare loop: `n` customers, λ = 2/min,
/// mean service 4 min, 10 servers, mean patience 2 min. A customer starts at the later of its
/// arrival and the earliest free server, if its patience lasts until then (FIFO: those who
/// came earlier have taken their servers already); otherwise it abandons and takes none.
/// Returns (abandoned, waited). Times are non-negative, so their bits order like the times.
fn bare_rep(n: u64, seed: u64) -> (u64, u64) {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut free: BinaryHeap<Reverse<u64>> = (0..10).map(|_| Reverse(0f64.to_bits())).collect();
    let (mut t, mut abandoned, mut waited) = (0.0f64, 0u64, 0u64);
    for _ in 0..n {
        let gap: f64 = Exp1.sample(&mut rng);
        t += gap / 2.0;
        let service: f64 = Exp1.sample(&mut rng);
        let patience: f64 = Exp1.sample(&mut rng);
        let f = f64::from_bits(free.peek().expect("ten servers").0);
        if f > t {
            waited += 1;
            if f - t > 2.0 * patience {
                abandoned += 1;
                continue;
            }
        }
        let start = if f > t { f } else { t };
        free.pop();
        free.push(Reverse((start + 4.0 * service).to_bits()));
    }
    (abandoned, waited)
}

/// The bare loop, `reps` replications of `n` customers, single-threaded.
fn bare(n: u64, reps: u32) {
    let _ = bare_rep(n, 0); // warm up
    let (wall, cpu, outs) = timed(reps, |r| bare_rep(n, 1 + r as u64));
    let total = (n * reps as u64) as f64;
    let abandoned: u64 = outs.iter().map(|o| o.0).sum();
    let waited: u64 = outs.iter().map(|o| o.1).sum();
    println!(
        "{{\"tool\": \"bare-loop\", \"workload\": \"bench\", \"customers\": {total}, \"reps\": {reps}, \
         \"wall_s\": {wall:.4}, \"cpu_s\": {cpu:.4}, \"customers_per_s\": {:.0}, \
         \"customers_per_cpu_s\": {:.0}, \"p_abandon\": {:.5}, \"p_wait_gt0\": {:.5}}}",
        total / wall,
        total / cpu,
        abandoned as f64 / total,
        waited as f64 / total,
    );
}
