//! The one runner: Monte Carlo over replications with [`RunSettings`], streaming aggregation
//! in replication order, comparison with common random numbers, and an observer for progress
//! and cancel. The CLI, the tests, the benches and the WebAssembly binding all run through
//! here.
//!
//! Replications are independent (each from its own streams), so they may run on any thread
//! (natively: [`RunSettings::threads`]; the page: Web Workers) and in any order; an
//! [`Aggregator`] folds them in replication order, so the numbers never depend on the split.
//!
//! ```
//! use kanalsim::{Model, presets, run::{self, NoObserver}, settings::RunSettings};
//! let mut s = presets::tonder_2012();
//! s.horizon_weeks = 4;
//! let model = Model::new(&s).expect("the preset is valid");
//! let settings = RunSettings::of(&s).with_replications(2).with_threads(2);
//! let results = run::run(&model, &settings, &mut NoObserver).expect("a small run");
//! assert!(results.metrics["contacts.phone"].mean > 0.0);
//! assert_eq!(results.replications, 2);
//! ```

use crate::error::Error;
use crate::model::Model;
use crate::precision::{Precision, PrecisionReport, Stopper};
use crate::report::*;
use crate::settings::RunSettings;
use crate::sim::{RepOutput, input_names, run_replication};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::ControlFlow;

/// Length of the hour-of-week sums: counter and phone (arrivals, wait sum, served, queue
/// minutes; 168 each), then desired errands (168).
const HOURLY_LEN: usize = 2 * 4 * 168 + 168;

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
/// number of replications (a few kilobytes each), never with the number of errands. Each
/// figure's values are kept sorted as they are folded ([`Column`]), so summarising after
/// every replication (the page's live figures) costs no sorting.
#[derive(Debug, Clone)]
pub struct Aggregator {
    weeks: usize,
    requested: u32,
    seed: u64,
    /// Scalars per metric, in replication order.
    scalars: Vec<Column>,
    /// Weekly values per (series, week), in replication order.
    weekly: Vec<Column>,
    hourly_sum: Vec<f64>,
    /// Handling-time counts summed: counter, phone, written (6 bins each).
    handling_sum: [[f64; 6]; 3],
    /// Sampled uncertain inputs per input, in replication order.
    inputs: Vec<Column>,
    /// The ids of those inputs.
    input_names: Vec<&'static str>,
    /// With appointments: scalars per appointment metric, and per week the mean lead and
    /// the share within 5 workdays, in replication order.
    appt: Option<ApptValues>,
    next: u32,
    pending: BTreeMap<u32, RepOutput>,
}

/// An appointment run's per-replication values: per appointment metric, and per (series,
/// week) of the mean lead and the share within 5 workdays.
type ApptValues = (Vec<Column>, Vec<Column>);

impl Aggregator {
    /// A new aggregator for a model run with `settings`.
    pub fn new(m: &Model, settings: &RunSettings) -> Aggregator {
        let weeks = m.weeks as usize;
        Aggregator {
            weeks,
            requested: settings.replications,
            seed: settings.seed,
            scalars: vec![Column::new(); N_METRICS],
            weekly: vec![Column::new(); 5 * weeks],
            hourly_sum: vec![0.0; HOURLY_LEN],
            handling_sum: [[0.0; 6]; 3],
            inputs: vec![Column::new(); input_names(m).len()],
            input_names: input_names(m),
            appt: m.appointments.as_ref().map(|_| {
                (
                    vec![Column::new(); N_APPOINTMENT_METRICS],
                    vec![Column::new(); 2 * weeks],
                )
            }),
            next: 0,
            pending: BTreeMap::new(),
        }
    }

    /// Does `out` have the shape of this aggregator's model's outputs?
    pub fn fits(&self, out: &RepOutput) -> bool {
        let w = &out.weekly;
        let h = &out.hourly;
        let appt_fits = match (&self.appt, &out.appointments) {
            (None, None) => true,
            (Some(_), Some(a)) => {
                a.scalars.len() == N_APPOINTMENT_METRICS
                    && a.weekly.booked.len() == self.weeks
                    && a.weekly.mean_lead_days.len() == self.weeks
                    && a.weekly.within_five_workdays.len() == self.weeks
            }
            _ => false,
        };
        appt_fits
            && out.scalars.len() == N_METRICS
            && out.inputs.len() == self.input_names.len()
            && w.series().iter().all(|s| s.len() == self.weeks)
            && (h.personal.series().iter())
                .chain(h.phone.series().iter())
                .all(|s| s.len() == 168)
            && h.desired.len() == 168
            && [
                &out.handling.personal,
                &out.handling.phone,
                &out.handling.written,
            ]
            .iter()
            .all(|c| c.len() == 6)
    }

    /// Add one replication's output (any order; folded in index order). An output that does
    /// not [fit](Aggregator::fits) is refused.
    pub fn add(&mut self, out: RepOutput) -> Result<(), Error> {
        if !self.fits(&out) {
            return Err(Error::input(
                "output",
                "the replication output does not belong to this scenario",
                "gentagelsens resultat hører ikke til dette scenarie",
            ));
        }
        self.pending.insert(out.rep, out);
        while let Some(o) = self.pending.remove(&self.next) {
            for (i, v) in o.scalars.iter().enumerate().take(N_METRICS) {
                self.scalars[i].push(*v);
            }
            let weekly = o.weekly.series().into_iter().flatten();
            for (i, v) in weekly.enumerate().take(5 * self.weeks) {
                self.weekly[i].push(*v);
            }
            let hourly = (o.hourly.personal.series().into_iter())
                .chain(o.hourly.phone.series())
                .flatten()
                .chain(&o.hourly.desired);
            for (s, v) in self.hourly_sum.iter_mut().zip(hourly) {
                *s += v;
            }
            let hc = &o.handling;
            for (sum, counts) in
                self.handling_sum
                    .iter_mut()
                    .zip([&hc.personal, &hc.phone, &hc.written])
            {
                for (a, b) in sum.iter_mut().zip(counts) {
                    *a += b;
                }
            }
            for (i, v) in o.inputs.iter().enumerate() {
                self.inputs[i].push(*v);
            }
            if let (Some((sc, wk)), Some(a)) = (self.appt.as_mut(), &o.appointments) {
                for (i, v) in a.scalars.iter().enumerate() {
                    sc[i].push(*v);
                }
                let series = a.weekly.mean_lead_days.iter();
                for (i, v) in series.chain(&a.weekly.within_five_workdays).enumerate() {
                    wk[i].push(*v);
                }
            }
            self.next += 1;
        }
        Ok(())
    }

    /// Replications folded so far (a contiguous prefix 0..n).
    pub fn completed(&self) -> u32 {
        self.next
    }

    /// Per-replication values of a metric, in replication order.
    pub fn values(&self, metric: M) -> &[f64] {
        self.scalars[metric as usize].values()
    }

    /// Per-replication values of the metric at index `i` of [`METRICS`].
    pub fn values_at(&self, i: usize) -> &[f64] {
        self.scalars[i].values()
    }

    /// Per-replication values of the appointment metric at index `i` of
    /// [`APPOINTMENT_METRICS`] (`None` without appointments).
    pub fn appointment_values_at(&self, i: usize) -> Option<&[f64]> {
        self.appt.as_ref().map(|(sc, _)| sc[i].values())
    }

    /// Per-replication values of an appointment metric, in replication order (`None`
    /// without appointments).
    pub fn appointment_values(&self, metric: A) -> Option<&[f64]> {
        self.appt
            .as_ref()
            .map(|(sc, _)| sc[metric as usize].values())
    }

    /// Mean contacts served per week in each hour of the week (168 values, by the hour the
    /// contact arrived) on queue channel `ch` (0 = counter, 1 = phone), over the replications
    /// folded so far: what a counting week would register on that channel.
    pub fn served_by_hour(&self, ch: usize) -> Vec<f64> {
        let n = self.next as f64 * self.weeks as f64;
        let base = ch.min(1) * 4 * 168 + 2 * 168;
        (0..168)
            .map(|i| {
                if n > 0.0 {
                    self.hourly_sum[base + i] / n
                } else {
                    0.0
                }
            })
            .collect()
    }

    /// Summarise what has been folded so far.
    pub fn results(&self, m: &Model) -> Results {
        let n = self.next as f64;
        let mut metrics: BTreeMap<String, Summary> = METRICS
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.to_string(), self.scalars[i].summary()))
            .collect();
        if let Some((sc, _)) = &self.appt {
            for (d, v) in APPOINTMENT_METRICS.iter().zip(sc) {
                metrics.insert(d.id.to_string(), v.summary());
            }
        }
        let band_of = |data: &[Column], series: usize| {
            let mut b = Band::default();
            for w in 0..self.weeks {
                let [mean, p5, p50, p95] = data[series * self.weeks + w].band_point();
                b.mean.push(mean);
                b.p5.push(p5);
                b.p50.push(p50);
                b.p95.push(p95);
            }
            b
        };
        let band = |series: usize| band_of(&self.weekly, series);
        let appointments = self.appt.as_ref().map(|(_, wk)| AppointmentSeries {
            mean_lead_days: band_of(wk, 0),
            within_five_workdays: band_of(wk, 1),
        });
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
        let appt_sens = self
            .appt
            .as_ref()
            .map_or(&[][..], |_| &APPOINTMENT_SENSITIVITY[..]);
        // Each input ranked once for all the metrics it is correlated with.
        let input_ranks: Vec<Vec<f64>> = self.inputs.iter().map(Column::ranks).collect();
        let sensitivity = SENSITIVITY_METRICS
            .iter()
            .chain(appt_sens)
            .filter_map(|id| {
                let y = match METRICS.iter().position(|d| d.id == *id) {
                    Some(mi) => &self.scalars[mi],
                    None => {
                        let ai = APPOINTMENT_METRICS.iter().position(|d| d.id == *id)?;
                        &self.appt.as_ref()?.0[ai]
                    }
                };
                let ry = y.ranks();
                let mut inputs: Vec<InputEffect> = self
                    .input_names
                    .iter()
                    .zip(&input_ranks)
                    .map(|(name, rx)| InputEffect {
                        input: name.to_string(),
                        rho: spearman_of_ranks(rx, &ry),
                    })
                    .collect();
                inputs.sort_by(|a, b| b.rho.abs().total_cmp(&a.rho.abs()));
                Some(Sensitivity {
                    metric: id.to_string(),
                    inputs,
                })
            })
            .collect();
        let shares = |c: &[f64; 6]| -> Vec<f64> {
            let n: f64 = c.iter().sum();
            c.iter()
                .map(|x| if n > 0.0 { x / n } else { 0.0 })
                .collect()
        };
        let handling_time = HandlingTime {
            edges_min: crate::sim::HANDLING_EDGES_MIN.to_vec(),
            personal: shares(&self.handling_sum[0]),
            phone: shares(&self.handling_sum[1]),
            written: shares(&self.handling_sum[2]),
        };
        Results {
            handling_time,
            sensitivity,
            format_version: crate::scenario::FORMAT_VERSION,
            engine_version: crate::VERSION.to_string(),
            scenario_id: m.meta.id.clone(),
            title: m.meta.title.clone(),
            seed: self.seed,
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
            appointments,
            precision: None,
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
    let diff = |a: &[f64], b: &[f64]| {
        let d: Vec<f64> = (0..n).map(|r| b[r] - a[r]).collect();
        Summary::of(&d)
    };
    let mut out: BTreeMap<String, Summary> = METRICS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (a, b) = (base.scalars[i].values(), scen.scalars[i].values());
            (d.id.to_string(), diff(a, b))
        })
        .collect();
    // Appointment figures are compared only where both sides have an appointment book.
    if let (Some((a, _)), Some((b, _))) = (&base.appt, &scen.appt) {
        for (i, d) in APPOINTMENT_METRICS.iter().enumerate() {
            out.insert(d.id.to_string(), diff(a[i].values(), b[i].values()));
        }
    }
    out
}

/// Run replications `0 .. settings.replications` of every model with the same settings, on
/// `settings.threads` threads (natively; one thread elsewhere), and fold each model's outputs
/// in replication order. Replication `i` of every model uses the same random streams (common
/// random numbers), so the aggregators of a baseline and its scenarios pair up. The observer
/// hears of every replication completed by all models (in order) and may stop the run; the
/// aggregators then hold the replications completed.
///
/// The run is refused up front if it would exceed the work budget
/// ([`crate::budget::check`]); a replication that runs away ends the run with its error.
///
/// ```
/// use kanalsim::{Model, RunSettings, presets, run::{NoObserver, comparison, run_many}};
/// let mut base = presets::tonder_2012();
/// base.horizon_weeks = 2;
/// let mut scen = presets::get("tonder-2012-phone-9-13").unwrap();
/// scen.horizon_weeks = 2;
/// let (b, s) = (Model::new(&base).unwrap(), Model::new(&scen).unwrap());
/// let set = RunSettings::of(&base).with_replications(3).with_threads(2);
/// let aggs = run_many(&[&b, &s], &set, &mut NoObserver).unwrap();
/// let c = comparison(&b, &aggs[0], &s, &aggs[1]);
/// assert_eq!(c.difference["errands"].mean, 0.0); // common random numbers
/// ```
pub fn run_many(
    models: &[&Model],
    settings: &RunSettings,
    obs: &mut dyn Observer,
) -> Result<Vec<Aggregator>, Error> {
    Ok(run_many_until(models, settings, None, obs)?.0)
}

/// [`run_many`] with an optional precision rule ([`crate::precision`]): with one,
/// `settings.replications` is the maximum and the run stops at the first prefix where the
/// rule holds with its look-ahead (checked in replication order, so the stop does not depend
/// on the threads). The report says where (`None` without a rule).
///
/// ```
/// use kanalsim::{Model, RunSettings, presets, precision::Precision, run::{NoObserver, run_many_until}};
/// let mut s = presets::tonder_2012();
/// s.horizon_weeks = 2;
/// let m = Model::new(&s).unwrap();
/// let set = RunSettings::of(&s).with_replications(400).with_threads(2);
/// let loose = Precision { relative: 0.5 };
/// let (aggs, rep) = run_many_until(&[&m], &set, Some(loose), &mut NoObserver).unwrap();
/// let rep = rep.unwrap();
/// assert_eq!(rep.stable_after, Some(aggs[0].completed()));
/// assert!(aggs[0].completed() >= 40 && aggs[0].completed() < 400);
/// ```
pub fn run_many_until(
    models: &[&Model],
    settings: &RunSettings,
    precision: Option<Precision>,
    obs: &mut dyn Observer,
) -> Result<(Vec<Aggregator>, Option<PrecisionReport>), Error> {
    settings.check()?;
    crate::budget::check(models, settings)?;
    let mut f = Folder::new(models, settings, precision);
    let total = settings.replications;
    drive(models, settings, 0, 1, &mut |outs| {
        let step = f.push(outs)?;
        if obs.progress(f.completed(), total).is_break() {
            return Ok(ControlFlow::Break(()));
        }
        Ok(step)
    })?;
    Ok(f.finish())
}

/// Folds the outputs of every model replication by replication (in order), with an
/// optional precision rule that says when to stop: what [`run_many_until`] does with the
/// replications it runs, and what `kanalsim merge` does with the outputs of its shards.
#[derive(Debug, Clone)]
pub struct Folder {
    aggs: Vec<Aggregator>,
    stopper: Option<Stopper>,
    stopped: bool,
}

impl Folder {
    /// Empty aggregators for `models` run with `settings`, and the rule if any (its maximum
    /// `settings.replications`).
    pub fn new(models: &[&Model], settings: &RunSettings, precision: Option<Precision>) -> Folder {
        Folder {
            aggs: models
                .iter()
                .map(|m| Aggregator::new(m, settings))
                .collect(),
            stopper: precision.map(|p| Stopper::new(p, settings.replications)),
            stopped: false,
        }
    }

    /// Fold the next replication's outputs (one per model, in model order): `Break` once
    /// the rule holds (later outputs are then ignored).
    pub fn push(&mut self, outs: Vec<RepOutput>) -> Result<ControlFlow<()>, Error> {
        if self.stopped {
            return Ok(ControlFlow::Break(()));
        }
        if outs.len() != self.aggs.len() {
            return Err(Error::input(
                "output",
                "a replication needs one output per scenario",
                "en gentagelse skal have ét resultat pr. scenarie",
            ));
        }
        for (a, o) in self.aggs.iter_mut().zip(outs) {
            a.add(o)?;
        }
        let n = self.completed();
        if let Some(s) = self.stopper.as_mut()
            && s.next(&self.aggs, n)
        {
            self.stopped = true;
            return Ok(ControlFlow::Break(()));
        }
        Ok(ControlFlow::Continue(()))
    }

    /// Replications folded into every aggregator.
    pub fn completed(&self) -> u32 {
        self.aggs
            .iter()
            .map(Aggregator::completed)
            .min()
            .unwrap_or(0)
    }

    /// The aggregators, and the rule's report.
    pub fn finish(self) -> (Vec<Aggregator>, Option<PrecisionReport>) {
        let report = self.stopper.as_ref().map(Stopper::report);
        (self.aggs, report)
    }
}

/// Which replications a shard of a run covers: shard `index` (1-based) of `count` runs
/// replications `i` with `i mod count = index − 1`, each seeded exactly as in the whole run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// 1-based index.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl Shard {
    /// The replications of `0..total` this shard runs, in order.
    pub fn replications(&self, total: u32) -> impl Iterator<Item = u32> + use<> {
        let (start, step) = (self.index.saturating_sub(1), self.count.max(1));
        (start..total).step_by(step as usize)
    }

    /// How many of `0..total` this shard runs.
    pub fn len(&self, total: u32) -> u32 {
        self.replications(total).count() as u32
    }
}

/// Run one shard of a run ([`Shard`]): its replications of every model, on
/// `settings.threads` threads, each model's output per replication in replication order.
/// The work budget applies to the shard's share. The observer hears `(done, shard's total)`.
pub fn run_shard(
    models: &[&Model],
    settings: &RunSettings,
    shard: Shard,
    obs: &mut dyn Observer,
) -> Result<Vec<Vec<RepOutput>>, Error> {
    settings.check()?;
    let share = shard.len(settings.replications);
    crate::budget::check(models, &settings.with_replications(share.max(1)))?;
    let mut outs = Vec::with_capacity(share as usize);
    drive(
        models,
        settings,
        shard.index.saturating_sub(1),
        shard.count.max(1),
        &mut |o| {
            outs.push(o);
            Ok(obs.progress(outs.len() as u32, share))
        },
    )?;
    Ok(outs)
}

/// What [`drive`] hands on: one output per model of a replication, in replication order.
type Sink<'a> = dyn FnMut(Vec<RepOutput>) -> Result<ControlFlow<()>, Error> + 'a;

/// The one loop over replications: runs replications `start, start + step, …` below
/// `settings.replications` of every model on `settings.threads` threads (one in
/// WebAssembly), and gives the sink each replication's outputs (one per model) in
/// replication order, until it breaks.
fn drive(
    models: &[&Model],
    settings: &RunSettings,
    start: u32,
    step: u32,
    sink: &mut Sink,
) -> Result<(), Error> {
    let reps: Vec<u32> = (start..settings.replications)
        .step_by(step.max(1) as usize)
        .collect();
    let threads = settings.threads.clamp(1, reps.len().max(1));
    if threads == 1 || cfg!(target_arch = "wasm32") {
        for &r in &reps {
            let outs = models
                .iter()
                .map(|m| run_replication(m, settings, r))
                .collect::<Result<Vec<_>, _>>()?;
            if sink(outs)?.is_break() {
                break;
            }
        }
        return Ok(());
    }
    run_threaded(models, settings, &reps, threads, sink)
}

#[cfg(not(target_arch = "wasm32"))]
fn run_threaded(
    models: &[&Model],
    settings: &RunSettings,
    reps: &[u32],
    threads: usize,
    sink: &mut Sink,
) -> Result<(), Error> {
    use std::sync::atomic::{AtomicBool, Ordering};
    /// (position in `reps`, model, output)
    type Msg = (usize, usize, Result<RepOutput, Error>);
    let stop = AtomicBool::new(false);
    let (tx, rx) = std::sync::mpsc::channel::<Msg>();
    let mut result = Ok(());
    std::thread::scope(|sc| {
        for k in 0..threads {
            let tx = tx.clone();
            let stop = &stop;
            sc.spawn(move || {
                let mut p = k;
                while p < reps.len() && !stop.load(Ordering::Relaxed) {
                    for (mi, m) in models.iter().enumerate() {
                        if tx
                            .send((p, mi, run_replication(m, settings, reps[p])))
                            .is_err()
                        {
                            return;
                        }
                    }
                    p += threads;
                }
            });
        }
        drop(tx);
        // Outputs wait here until every model has the next replication; then all are
        // handed on at once, so every aggregator holds the same prefix whenever the run
        // stops.
        let mut waiting: BTreeMap<usize, Vec<Option<RepOutput>>> = BTreeMap::new();
        let mut next = 0usize;
        'recv: for (p, mi, out) in rx {
            let out = match out {
                Ok(o) => o,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            let slot = waiting.entry(p).or_insert_with(|| vec![None; models.len()]);
            slot[mi] = Some(out);
            while waiting
                .get(&next)
                .is_some_and(|v| v.iter().all(Option::is_some))
            {
                let outs = waiting.remove(&next).unwrap_or_default();
                next += 1;
                match sink(outs.into_iter().flatten().collect()) {
                    Ok(ControlFlow::Continue(())) => {}
                    Ok(ControlFlow::Break(())) => break 'recv,
                    Err(e) => {
                        result = Err(e);
                        break 'recv;
                    }
                }
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
    result
}

#[cfg(target_arch = "wasm32")]
fn run_threaded(
    _: &[&Model],
    _: &RunSettings,
    _: &[u32],
    _: usize,
    _: &mut Sink,
) -> Result<(), Error> {
    unreachable!("one thread in WebAssembly")
}

/// Run every replication of a model ([`run_many`] with one model).
pub fn run(m: &Model, settings: &RunSettings, obs: &mut dyn Observer) -> Result<Results, Error> {
    let aggs = run_many(&[m], settings, obs)?;
    Ok(aggs[0].results(m))
}

/// Compare a scenario with its baseline using common random numbers: both run with the same
/// settings (the baseline's, in the CLI and the page), so replication `i` of both uses the
/// same streams.
pub fn compare(
    base: &Model,
    scen: &Model,
    settings: &RunSettings,
    obs: &mut dyn Observer,
) -> Result<Comparison, Error> {
    let aggs = run_many(&[base, scen], settings, obs)?;
    Ok(comparison(base, &aggs[0], scen, &aggs[1]))
}

/// [`run`] with an optional precision rule: the results carry its report
/// (`Results::precision`).
pub fn run_until(
    m: &Model,
    settings: &RunSettings,
    precision: Option<Precision>,
    obs: &mut dyn Observer,
) -> Result<Results, Error> {
    let (aggs, report) = run_many_until(&[m], settings, precision, obs)?;
    let mut r = aggs[0].results(m);
    r.precision = report;
    Ok(r)
}

/// [`compare`] with an optional precision rule on the paired differences: the comparison
/// carries its report (`Comparison::precision`).
pub fn compare_until(
    base: &Model,
    scen: &Model,
    settings: &RunSettings,
    precision: Option<Precision>,
    obs: &mut dyn Observer,
) -> Result<Comparison, Error> {
    let (aggs, report) = run_many_until(&[base, scen], settings, precision, obs)?;
    let mut c = comparison(base, &aggs[0], scen, &aggs[1]);
    c.precision = report;
    Ok(c)
}

/// The comparison of two aggregators of a paired run.
pub fn comparison(base: &Model, a: &Aggregator, scen: &Model, b: &Aggregator) -> Comparison {
    Comparison {
        difference: paired_difference(a, b),
        baseline: a.results(base),
        scenario: b.results(scen),
        precision: None,
    }
}
