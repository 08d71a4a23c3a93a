//! Monte-Carlo: replications, streaming aggregation, comparison with common random numbers,
//! and an observer for progress and cancel.
//!
//! The engine has no threads. Callers that want parallelism (the CLI's threads, the page's
//! Web Workers) run [`run_replication`] for any subset of
//! indices anywhere and feed the outputs to an [`Aggregator`] in any order: the aggregator
//! folds them in replication order, so the numbers do not depend on the split.

use crate::model::Model;
use crate::report::*;
use crate::sim::{HOURLY_LEN, INPUTS, RepOutput, run_replication};
use std::collections::BTreeMap;
use std::ops::ControlFlow;

/// Receives progress; returning `ControlFlow::Break` stops the run after the current
/// replication (the results then summarise the replications completed).
pub trait Observer {
    /// Called after each completed replication with `(done, total)`.
    fn progress(&mut self, done: u32, total: u32) -> ControlFlow<()>;
}

/// An observer that never stops the run.
pub struct NoObserver;

impl Observer for NoObserver {
    fn progress(&mut self, _: u32, _: u32) -> ControlFlow<()> {
        ControlFlow::Continue(())
    }
}

impl<F: FnMut(u32, u32) -> ControlFlow<()>> Observer for F {
    fn progress(&mut self, done: u32, total: u32) -> ControlFlow<()> {
        self(done, total)
    }
}

/// Folds replication outputs, in replication order, into [`Results`]. Memory grows with the
/// number of replications (a few kilobytes each), never with the number of errands.
#[derive(Debug, Clone)]
pub struct Aggregator {
    weeks: usize,
    requested: u32,
    /// Scalars per metric, in replication order.
    scalars: Vec<Vec<f64>>,
    /// Weekly values per (series, week), in replication order.
    weekly: Vec<Vec<f64>>,
    hourly_sum: Vec<f64>,
    /// Sampled uncertain inputs per input, in replication order.
    inputs: Vec<Vec<f64>>,
    next: u32,
    pending: BTreeMap<u32, RepOutput>,
}

impl Aggregator {
    /// A new aggregator for a model.
    pub fn new(m: &Model) -> Aggregator {
        let weeks = m.weeks as usize;
        Aggregator {
            weeks,
            requested: m.scenario.simulation.replications,
            scalars: vec![Vec::new(); N_METRICS],
            weekly: vec![Vec::new(); 5 * weeks],
            hourly_sum: vec![0.0; HOURLY_LEN],
            inputs: vec![Vec::new(); INPUTS.len()],
            next: 0,
            pending: BTreeMap::new(),
        }
    }

    /// Add one replication's output (any order; folded in index order).
    pub fn add(&mut self, out: RepOutput) {
        self.pending.insert(out.rep, out);
        while let Some(o) = self.pending.remove(&self.next) {
            for (i, v) in o.scalars.iter().enumerate().take(N_METRICS) {
                self.scalars[i].push(*v);
            }
            for (i, v) in o.weekly.iter().enumerate().take(5 * self.weeks) {
                self.weekly[i].push(*v);
            }
            for (s, v) in self.hourly_sum.iter_mut().zip(&o.hourly) {
                *s += v;
            }
            for (i, v) in o.inputs.iter().enumerate().take(INPUTS.len()) {
                self.inputs[i].push(*v);
            }
            self.next += 1;
        }
    }

    /// Replications folded so far (a contiguous prefix 0..n).
    pub fn completed(&self) -> u32 {
        self.next
    }

    /// Per-replication values of a metric, in replication order.
    pub fn values(&self, metric: M) -> &[f64] {
        &self.scalars[metric as usize]
    }

    /// Summarise what has been folded so far.
    pub fn results(&self, m: &Model) -> Results {
        let n = self.next as f64;
        let s = &m.scenario;
        let metrics = METRICS
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.to_string(), Summary::of(&self.scalars[i])))
            .collect();
        let band = |series: usize| {
            let mut b = Band::default();
            for w in 0..self.weeks {
                let sm = Summary::of(&self.weekly[series * self.weeks + w]);
                b.mean.push(sm.mean);
                b.p5.push(sm.p5);
                b.p50.push(sm.p50);
                b.p95.push(sm.p95);
            }
            b
        };
        let weeks = m.weeks as f64;
        let per = |x: f64| if n > 0.0 { x / (n * weeks) } else { 0.0 };
        let h = &self.hourly_sum;
        let profile = |ch: usize| {
            let base = ch * 4 * 168;
            let sched = &m.queues[ch].schedule;
            HourProfile {
                arrivals: (0..168).map(|i| per(h[base + i])).collect(),
                mean_wait_min: (0..168)
                    .map(|i| {
                        let served = h[base + 2 * 168 + i];
                        if served > 0.0 {
                            h[base + 168 + i] / served
                        } else {
                            0.0
                        }
                    })
                    .collect(),
                queue_length: (0..168)
                    .map(|i| per(h[base + 3 * 168 + i]) / 60.0)
                    .collect(),
                staff: sched
                    .staff_minutes_by_hour
                    .iter()
                    .map(|x| x / 60.0)
                    .collect(),
            }
        };
        let sensitivity = SENSITIVITY_METRICS
            .iter()
            .filter_map(|id| {
                let mi = METRICS.iter().position(|d| d.id == *id)?;
                let y = &self.scalars[mi];
                let mut inputs: Vec<InputEffect> = INPUTS
                    .iter()
                    .enumerate()
                    .map(|(k, name)| InputEffect {
                        input: name.to_string(),
                        rho: spearman(&self.inputs[k], y),
                    })
                    .collect();
                inputs.sort_by(|a, b| b.rho.abs().total_cmp(&a.rho.abs()));
                Some(Sensitivity {
                    metric: id.to_string(),
                    inputs,
                })
            })
            .collect();
        Results {
            sensitivity,
            format_version: crate::scenario::FORMAT_VERSION,
            engine_version: crate::VERSION.to_string(),
            scenario_id: s.id.clone(),
            title: s.title.clone(),
            seed: s.simulation.seed,
            replications: self.next,
            replications_requested: self.requested,
            horizon_weeks: m.weeks,
            metrics,
            weekly: Weekly {
                personal: band(0),
                phone: band(1),
                written: band(2),
                digital: band(3),
                gave_up: band(4),
            },
            hour_of_week: HourOfWeek {
                personal: profile(0),
                phone: profile(1),
                desired: (0..168).map(|i| per(h[8 * 168 + i])).collect(),
            },
        }
    }
}

/// Paired differences (scenario − baseline) of every metric, replication by replication.
pub fn paired_difference(base: &Aggregator, scen: &Aggregator) -> BTreeMap<String, Summary> {
    let n = base.completed().min(scen.completed()) as usize;
    METRICS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let diff: Vec<f64> = (0..n)
                .map(|r| scen.scalars[i][r] - base.scalars[i][r])
                .collect();
            (d.id.to_string(), Summary::of(&diff))
        })
        .collect()
}

/// Run every replication of a model on this thread.
pub fn run(m: &Model, obs: &mut dyn Observer) -> Results {
    let total = m.scenario.simulation.replications;
    let mut agg = Aggregator::new(m);
    for r in 0..total {
        agg.add(run_replication(m, r));
        if obs.progress(r + 1, total).is_break() {
            break;
        }
    }
    agg.results(m)
}

/// Compare a scenario with its baseline using common random numbers: replication `i` of
/// both uses the baseline's seed and the same streams. Both run the baseline's number of
/// replications.
pub fn compare(base: &Model, scen: &Model, obs: &mut dyn Observer) -> Comparison {
    let scen = aligned(base, scen);
    let total = base.scenario.simulation.replications;
    let mut a = Aggregator::new(base);
    let mut b = Aggregator::new(&scen);
    for r in 0..total {
        a.add(run_replication(base, r));
        b.add(run_replication(&scen, r));
        if obs.progress(r + 1, total).is_break() {
            break;
        }
    }
    Comparison {
        difference: paired_difference(&a, &b),
        baseline: a.results(base),
        scenario: b.results(&scen),
    }
}

/// The scenario model with the baseline's seed and replication count, as a comparison runs
/// it (so both use the same random streams).
pub fn aligned(base: &Model, scen: &Model) -> Model {
    let mut s = scen.clone();
    s.scenario.simulation = base.scenario.simulation;
    s
}
