//! The replication: one simulated horizon of citizen errands, channel choice, displacement
//! when closed, and the counter and phone queues.
//!
//! # Random streams
//! Every replication draws from six independent streams, each keyed by
//! `(seed, replication index, purpose)` through SplitMix64 (see [`stream_key`]). Uncertain
//! inputs, arrivals and secondary events (redials, repeated displacement) are Xoshiro256++
//! generators seeded with the key ([`stream`]), drawn in sequence. Choice, service and
//! patience are SplitMix64 sequences read at a position ([`draw_at`]): errand `n` (the `n`-th
//! new errand of the replication) owns positions `4n … 4n + 3` of the choice stream and
//! position `n` of the service and patience streams, whatever happens to it, so a scenario and
//! its baseline use the same numbers for the same errand (common random numbers), and a
//! number that an errand does not need (its patience when it is served at once, its channel
//! choice when the mix leaves no choice) is never computed. Changing a generator, the keys or
//! the positions is value-breaking.
//!
//! # Queues
//! Counter and phone are multi-server FIFO queues with abandonment. Because service is FIFO,
//! a customer's fate depends only on those who arrived before, so each arrival is resolved
//! when it arrives: it starts service at the earliest time `s` at or after its arrival (and
//! after the previous start) when fewer than the scheduled staff are busy, or abandons when
//! its patience runs out first. **Staffing rule:** a new service starts only while fewer than
//! the scheduled number are busy; an agent going off duty finishes the customer in hand.
//! New arrivals stop at closing; those waiting at closing are served by the staff on duty at
//! closing, and that service time counts as staff overtime.

use crate::model::{DAY, Model, WEEK};
use crate::report::{M, N_METRICS};
use crate::scenario::Range;
use rand_distr::{Distribution, Exp1, Gamma};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Purpose of a random stream.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub enum Purpose {
    /// Uncertain inputs, sampled once per replication.
    Params = 1,
    /// Day multipliers and arrival times.
    Arrivals = 2,
    /// Errand type, kind and channel choices.
    Choice = 3,
    /// Service times.
    Service = 4,
    /// Patience.
    Patience = 5,
    /// Redials, repeated displacement and everything after a first abandonment.
    Secondary = 6,
}

#[inline(always)]
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The key of the stream for `(seed, replication, purpose)`:
/// `splitmix64(splitmix64(splitmix64(seed) ^ rep) ^ purpose)`.
pub fn stream_key(seed: u64, rep: u64, purpose: Purpose) -> u64 {
    splitmix64(splitmix64(splitmix64(seed) ^ rep) ^ purpose as u64)
}

/// The sequential stream for `(seed, replication, purpose)`: Xoshiro256++ seeded with
/// `seed_from_u64(stream_key(seed, rep, purpose))`.
pub fn stream(seed: u64, rep: u64, purpose: Purpose) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(stream_key(seed, rep, purpose))
}

/// Number `i` (from 0) of the SplitMix64 sequence whose state starts at `key`: the state after
/// `i + 1` steps of the golden-ratio increment, mixed. Reading any position costs the same.
#[inline(always)]
pub fn draw_at(key: u64, i: u64) -> u64 {
    splitmix64(key.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
}

/// The random words one duration is drawn from ([`exp1_from_word`]): first `word` itself,
/// then (rarely) draws 0, 1, … of the SplitMix64 sequence keyed by `word` ([`draw_at`]).
struct WordRng {
    word: u64,
    k: u64,
}

impl rand::TryRng for WordRng {
    type Error = core::convert::Infallible;
    #[inline(always)]
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok((self.try_next_u64()? >> 32) as u32)
    }
    #[inline(always)]
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let k = self.k;
        self.k += 1;
        Ok(if k == 0 {
            self.word
        } else {
            draw_at(self.word, k - 1)
        })
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(8) {
            let w = self.try_next_u64()?.to_le_bytes();
            chunk.copy_from_slice(&w[..chunk.len()]);
        }
        Ok(())
    }
}

/// A standard exponential variate from one 64-bit random word, by the ziggurat method of
/// `rand_distr::Exp1`: its first try uses the word alone (its low 8 bits pick the layer, its
/// high 52 bits the point); when it needs more (a wedge test or a retry, about 2 % of
/// draws) it reads the SplitMix64 sequence keyed by the word. A function of the word only, so an errand's
/// duration is the same in a scenario and its baseline (common random numbers), and the same
/// natively and in WebAssembly (IEEE basic operations; `libm` in the rare wedge and tail).
#[inline(always)]
pub fn exp1_from_word(word: u64) -> f64 {
    Exp1.sample(&mut WordRng { word, k: 0 })
}

/// `x / 2³²` for a 32-bit `x`.
#[inline(always)]
fn unit32(x: u64) -> f64 {
    x as f64 * (1.0 / 4_294_967_296.0)
}

/// A 53-bit uniform in [0, 1) from a 64-bit draw.
#[inline(always)]
pub(crate) fn unit53(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

/// `x < thr` for a 32-bit uniform `x()` and a threshold from [`crate::model::u32_threshold`];
/// `x` is only drawn when the threshold leaves a choice.
#[inline(always)]
fn chance(thr: u64, x: impl FnOnce() -> u64) -> bool {
    if thr == 0 {
        false
    } else if thr > 0xFFFF_FFFF {
        true
    } else {
        x() < thr
    }
}

#[inline]
fn u53(r: &mut Xoshiro256PlusPlus) -> f64 {
    (r.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

/// `x as u64` for every `x` below 2^63 (0 for negative or NaN `x`), by the cheaper signed
/// conversion (every time, wait and index converted here is far below 2^63).
#[inline(always)]
fn trunc_u64(x: f64) -> u64 {
    (x as i64).max(0) as u64
}

/// The `u`-quantile of the triangular distribution of a [`Range`].
pub fn triangular(r: &Range, u: f64) -> f64 {
    let (a, c, b) = (r.low, r.likely, r.high);
    if b <= a {
        return c;
    }
    let fc = (c - a) / (b - a);
    if u < fc {
        a + (u * (b - a) * (c - a)).sqrt()
    } else {
        b - ((1.0 - u) * (b - a) * (b - c)).sqrt()
    }
}

/// Uncertain inputs as sampled for one replication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    /// Demand multiplier.
    pub demand_factor: f64,
    /// Overall digital adoption at week 0.
    pub adoption: f64,
    /// Digital failure share.
    pub failure: f64,
    /// Handling-time multiplier.
    pub handling_scale: f64,
    /// Cumulative displacement probabilities (defer, switch, digital) per queue channel.
    pub displacement: [[f64; 3]; 2],
    /// Redial probability per queue channel.
    pub redial: [f64; 2],
    /// Adoption of each errand type at week 0.
    pub type_adoption: Vec<f64>,
    /// The sampled uncertain inputs, in the order of [`INPUTS`] (for sensitivity).
    pub inputs: Vec<f64>,
}

/// Ids of the uncertain inputs recorded per replication, in order.
pub const INPUTS: [&str; 14] = [
    "demand.demandFactor",
    "digital.adoption",
    "digital.failureShare",
    "queues.handlingTimeScale",
    "whenClosed.personal.defer",
    "whenClosed.personal.switchChannel",
    "whenClosed.personal.goDigital",
    "whenClosed.personal.giveUp",
    "queues.personal.redialProbability",
    "whenClosed.phone.defer",
    "whenClosed.phone.switchChannel",
    "whenClosed.phone.goDigital",
    "whenClosed.phone.giveUp",
    "queues.phone.redialProbability",
];

impl Params {
    /// Sample the uncertain inputs for replication `rep` (a fixed number of draws in a fixed
    /// order, so scenarios that differ in values still share random numbers).
    pub fn sample(m: &Model, rep: u64) -> Params {
        let s = &m.scenario;
        let mut r = stream(s.simulation.seed, rep, Purpose::Params);
        let demand_factor = triangular(&s.demand.demand_factor, u53(&mut r));
        let adoption = triangular(&s.digital.adoption, u53(&mut r));
        let failure = triangular(&s.digital.failure_share, u53(&mut r));
        let handling_scale = triangular(&s.queues.handling_time_scale, u53(&mut r));
        let mut displacement = [[0.0; 3]; 2];
        let mut redial = [0.0; 2];
        let mut inputs = vec![demand_factor, adoption, failure, handling_scale];
        for (i, (d, q)) in [
            (&s.when_closed.personal, &s.queues.personal),
            (&s.when_closed.phone, &s.queues.phone),
        ]
        .into_iter()
        .enumerate()
        {
            let p = [
                triangular(&d.defer, u53(&mut r)),
                triangular(&d.switch_channel, u53(&mut r)),
                triangular(&d.go_digital, u53(&mut r)),
                triangular(&d.give_up, u53(&mut r)),
            ];
            inputs.extend_from_slice(&p);
            let sum: f64 = p.iter().sum();
            let p = if sum > 0.0 {
                p.map(|x| x / sum)
            } else {
                [1.0, 0.0, 0.0, 0.0]
            };
            displacement[i] = [p[0], p[0] + p[1], p[0] + p[1] + p[2]];
            redial[i] = triangular(&q.redial_probability, u53(&mut r));
            inputs.push(redial[i]);
        }
        let type_adoption = s
            .demand
            .errand_types
            .iter()
            .map(|t| {
                let u = u53(&mut r);
                t.adoption.as_ref().map_or(adoption, |a| triangular(a, u))
            })
            .collect();
        Params {
            demand_factor,
            adoption,
            failure,
            handling_scale,
            displacement,
            redial,
            type_adoption,
            inputs,
        }
    }
}

/// What one replication produced: scalar metrics and series, ready to aggregate.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RepOutput {
    /// Replication index.
    pub rep: u32,
    /// Scalar metrics, indexed by [`M`].
    pub scalars: Vec<f64>,
    /// Weekly series: personal, phone, written, digital, given up; `weeks` values each.
    pub weekly: Vec<f64>,
    /// Hour-of-week sums: for personal then phone, arrivals, wait sum of served, served,
    /// queue-length minutes (4 × 168 each); then desired errands (168).
    pub hourly: Vec<f64>,
    /// The uncertain inputs sampled for this replication, in the order of [`INPUTS`].
    pub inputs: Vec<f64>,
}

/// Offsets in [`RepOutput::hourly`].
pub const HOURLY_LEN: usize = 2 * 4 * 168 + 168;

/// A min-heap of completion times.
#[derive(Debug, Default)]
struct MinHeap(Vec<f64>);

impl MinHeap {
    #[inline]
    fn peek(&self) -> f64 {
        self.0.first().copied().unwrap_or(f64::INFINITY)
    }
    #[inline]
    fn push(&mut self, x: f64) {
        let v = &mut self.0;
        v.push(x);
        let mut i = v.len() - 1;
        while i > 0 {
            let p = (i - 1) / 2;
            if v[p] <= x {
                break;
            }
            v[i] = v[p];
            i = p;
        }
        v[i] = x;
    }
    #[inline]
    fn pop(&mut self) {
        let v = &mut self.0;
        let Some(last) = v.pop() else { return };
        let n = v.len();
        if n == 0 {
            return;
        }
        let mut i = 0;
        loop {
            let l = 2 * i + 1;
            if l >= n {
                break;
            }
            let r = l + 1;
            let c = if r < n && v[r] < v[l] { r } else { l };
            if v[c] >= last {
                break;
            }
            v[i] = v[c];
            i = c;
        }
        v[i] = last;
    }
    #[inline]
    fn pop_until(&mut self, t: f64) {
        while self.peek() <= t {
            self.pop();
        }
    }
    #[inline]
    fn len(&self) -> usize {
        self.0.len()
    }
}

/// Staff up to which [`Busy`] keeps a sorted array rather than a heap.
const SMALL_STAFF: usize = 32;

/// Completion times of the services in progress, a multiset: its earliest, insert, and remove
/// every time ≤ t, where the times `t` of successive removals never decrease (the queue's
/// frontier only moves forward). Up to [`SMALL_STAFF`] staff it is a descending array,
/// updated by fixed-length loops over blocks of four without data-dependent branches (a
/// heap's comparisons are coin flips that the branch predictor loses); larger staffs use the
/// heap.
///
/// The queue removes ended services lazily, only when counting them would reach the staff
/// (see [`Queue::join`]), so [`Busy::len`] may include services that ended after the last
/// removal; the next removal drops them.
///
/// In the array, the first `n` slots are the services counted, descending; the slots
/// after them hold −∞ or stale times, all ≤ the last removal time. A removal only counts the
/// times after `t` (stale ones are not, because removal times never decrease), and an
/// insertion of `x` ≥ the last removal time sorts `x` in front of every stale slot, so stale
/// slots need no reset. Both hold the same values, so the results do not depend on which one
/// is used.
#[derive(Debug)]
struct Busy {
    small: bool,
    /// Small: blocks of four slots; `blocks` of them are in use (4 · blocks ≥ the staff).
    buf: [[f64; 4]; SMALL_STAFF / 4],
    blocks: usize,
    n: usize,
    heap: MinHeap,
    /// The last removal time (the order is checked in debug builds).
    last_t: f64,
}

impl Busy {
    fn new(max_staff: usize) -> Busy {
        let small = max_staff <= SMALL_STAFF;
        Busy {
            small,
            buf: [[f64::NEG_INFINITY; 4]; SMALL_STAFF / 4],
            blocks: if small { max_staff.div_ceil(4) } else { 0 },
            n: 0,
            heap: MinHeap::default(),
            last_t: f64::NEG_INFINITY,
        }
    }
    #[inline]
    fn peek(&self) -> f64 {
        if self.small {
            match self.n {
                0 => f64::INFINITY,
                n => self.buf[(n - 1) / 4][(n - 1) % 4],
            }
        } else {
            self.heap.peek()
        }
    }
    #[inline]
    fn len(&self) -> usize {
        if self.small { self.n } else { self.heap.len() }
    }
    /// Insert `x`; there must be fewer than `max_staff` services in progress.
    #[inline(always)]
    fn push(&mut self, x: f64) {
        if self.small {
            debug_assert!(self.n < 4 * self.blocks);
            debug_assert!(x >= self.last_t, "inserted before the last removal");
            // v[i] ← min(old v[i − 1], max(old v[i], x)) keeps it descending (v[−1] = +∞).
            let mut hi = f64::INFINITY;
            for b in &mut self.buf[..self.blocks] {
                let old = *b;
                for (v, lo) in b.iter_mut().zip(old) {
                    let m = if lo > x { lo } else { x };
                    *v = if hi < m { hi } else { m };
                    hi = lo;
                }
            }
            self.n += 1;
        } else {
            self.heap.push(x);
        }
    }
    #[inline(always)]
    fn pop_until(&mut self, t: f64) {
        if self.small {
            if t.is_nan() {
                return; // as the heap: nothing is ≤ NaN
            }
            debug_assert!(t >= self.last_t, "removal times must not decrease");
            self.last_t = t;
            let mut n = [0usize; 4];
            for b in &self.buf[..self.blocks] {
                for (c, v) in n.iter_mut().zip(b) {
                    *c += (*v > t) as usize;
                }
            }
            self.n = n.iter().sum();
        } else {
            self.heap.pop_until(t);
        }
    }
}

/// Histogram of waits: 1-second bins to 10 min, 10-second bins to 2 h, 1-minute bins to
/// 24 h, then one overflow bin.
#[derive(Debug)]
struct WaitHist(Vec<u64>);

const WH_A: usize = 600;
const WH_B: usize = 660;
const WH_C: usize = 1320;

impl WaitHist {
    fn new() -> Self {
        WaitHist(vec![0; WH_A + WH_B + WH_C + 1])
    }
    #[inline]
    fn add(&mut self, w: f64) {
        let i = if w < 10.0 {
            trunc_u64(w * 60.0) as usize
        } else if w < 120.0 {
            WH_A + trunc_u64((w - 10.0) * 6.0) as usize
        } else if w < 1440.0 {
            WH_A + WH_B + trunc_u64(w - 120.0) as usize
        } else {
            WH_A + WH_B + WH_C
        };
        self.0[i.min(WH_A + WH_B + WH_C)] += 1;
    }
    fn edges(i: usize) -> (f64, f64) {
        if i < WH_A {
            (i as f64 / 60.0, (i + 1) as f64 / 60.0)
        } else if i < WH_A + WH_B {
            let j = (i - WH_A) as f64;
            (10.0 + j / 6.0, 10.0 + (j + 1.0) / 6.0)
        } else if i < WH_A + WH_B + WH_C {
            let j = (i - WH_A - WH_B) as f64;
            (120.0 + j, 121.0 + j)
        } else {
            (1440.0, 1440.0)
        }
    }
    /// Quantile with linear interpolation inside the bin.
    fn quantile(&self, p: f64) -> f64 {
        let n: u64 = self.0.iter().sum();
        if n == 0 {
            return 0.0;
        }
        let target = p * n as f64;
        let mut acc = 0.0;
        for (i, &c) in self.0.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let next = acc + c as f64;
            if next >= target {
                let (lo, hi) = Self::edges(i);
                return lo + (hi - lo) * ((target - acc) / c as f64).clamp(0.0, 1.0);
            }
            acc = next;
        }
        1440.0
    }
}

/// State and statistics of one queue channel during a replication.
struct Queue {
    busy: Busy,
    frontier: f64,
    wk: u64,
    idx: usize,
    /// `wk as f64 * WEEK` and the absolute end of piece `idx` of week `wk`.
    week_start: f64,
    seg_end: f64,
    /// Answered (served), set from `served_h` at the end (sums of ones: exact).
    answered: u64,
    /// Answered information errands (the others are transactions).
    answered_info: u64,
    /// Answered without waiting (added to the wait histogram's first bin at the end).
    zero_waits: u64,
    abandoned: u64,
    redials: u64,
    waited: u64,
    within_target: u64,
    wait_sum: f64,
    busy_min: f64,
    overtime_min: f64,
    hist: WaitHist,
    arrivals_h: [f64; 168],
    wait_h: [f64; 168],
    served_h: [f64; 168],
    qlen_h: [f64; 168],
}

impl Queue {
    fn new(q: &crate::model::QueueModel) -> Queue {
        let max_staff = q.schedule.segs.iter().map(|g| g.cap).max().unwrap_or(0);
        let first_end = q
            .schedule
            .segs
            .first()
            .map_or(f64::INFINITY, |g| g.end as f64);
        Queue {
            busy: Busy::new(max_staff as usize),
            frontier: 0.0,
            wk: 0,
            idx: 0,
            week_start: 0.0,
            seg_end: first_end,
            answered: 0,
            answered_info: 0,
            zero_waits: 0,
            abandoned: 0,
            redials: 0,
            waited: 0,
            within_target: 0,
            wait_sum: 0.0,
            busy_min: 0.0,
            overtime_min: 0.0,
            hist: WaitHist::new(),
            arrivals_h: [0.0; 168],
            wait_h: [0.0; 168],
            served_h: [0.0; 168],
            qlen_h: [0.0; 168],
        }
    }

    /// Advance the schedule cursor to the piece containing `s` (monotone in `s`); return
    /// (serving staff, absolute end of the piece, piece index).
    #[inline]
    fn cap_at(&mut self, q: &crate::model::QueueModel, s: f64) -> (usize, f64, usize) {
        let segs = &q.schedule.segs;
        while self.seg_end <= s {
            self.idx += 1;
            if self.idx == segs.len() {
                self.idx = 0;
                self.wk += 1;
                self.week_start = self.wk as f64 * WEEK;
            }
            self.seg_end = self.week_start + segs[self.idx].end as f64;
        }
        (segs[self.idx].cap as usize, self.seg_end, self.idx)
    }

    /// A customer joins at `t` with service time `x`; `deadline_of` gives the moment its
    /// patience runs out. Returns `Ok(start of service)`, or `Err(deadline)` if the customer
    /// abandons at the deadline. The deadline is only computed when the customer cannot start
    /// at once (three in four customers of the stationary workload never need it).
    #[inline(always)]
    fn join(
        &mut self,
        q: &crate::model::QueueModel,
        t: f64,
        deadline_of: impl Fn() -> f64,
        x: f64,
    ) -> Result<f64, f64> {
        // NaN: not computed yet.
        let mut deadline = f64::NAN;
        let mut s = t;
        if self.frontier > t {
            s = self.frontier;
            deadline = deadline_of();
            if s > deadline {
                // FIFO: nobody who came later starts earlier than the last start (the
                // frontier), and that is already past this customer's patience.
                return Err(deadline);
            }
        }
        // (When the frontier is not after `t`, `s = t` ≤ the deadline: patience is ≥ 0.)
        loop {
            let (cap, seg_end, idx) = self.cap_at(q, s);
            // Services that ended by `s` are removed only when the count with them reaches
            // the staff: fewer than `cap` including them means fewer than `cap` without.
            if self.busy.len() >= cap {
                self.busy.pop_until(s);
            }
            if self.busy.len() < cap {
                self.busy.push(s + x);
                self.frontier = s;
                self.busy_min += x;
                let seg = &q.schedule.segs[idx];
                if !seg.open {
                    self.overtime_min += x;
                } else {
                    let close = self.week_start + seg.run_end as f64;
                    if s + x > close {
                        self.overtime_min += s + x - close;
                    }
                }
                return Ok(s);
            }
            if deadline.is_nan() {
                deadline = deadline_of();
            }
            let next = self.busy.peek().min(seg_end);
            if next > deadline {
                // Nothing in `busy` ends by the deadline (next > deadline): nothing to remove.
                self.frontier = deadline;
                return Err(deadline);
            }
            s = next;
        }
    }

    /// Add a waiting interval `[a, b)` to the hour-of-week queue-length integral.
    fn add_waiting(&mut self, a: f64, b: f64) {
        let mut t = a;
        // Whole weeks cover every hour of the week for 60 minutes each, from any start.
        let weeks = ((b - a) / WEEK).floor();
        if weeks >= 1.0 {
            for v in self.qlen_h.iter_mut() {
                *v += weeks * 60.0;
            }
            t = a + weeks * WEEK;
        }
        while t < b {
            let h = t / 60.0;
            // floor(h) without a libm call when 0 ≤ h < 2^52 (the cast is exact there).
            let hour_abs = if (0.0..4.5e15).contains(&h) {
                h as i64 as f64
            } else {
                h.floor()
            };
            let h_end = (hour_abs + 1.0) * 60.0;
            let e = if b < h_end { b } else { h_end };
            self.qlen_h[(trunc_u64(hour_abs) % 168) as usize] += e - t;
            if e <= t {
                break; // t so large that an hour is below its precision: nothing more to add
            }
            t = e;
        }
    }
}

/// Where a moment falls: hour of the week, week of the horizon (wrapped) and minute of the
/// week. Computed by division for any time ([`Rep::at`]); the arrival loop knows the hour and
/// week already for the errands it creates, which saves divisions per customer, and leaves
/// the minute to be computed only when the opening check needs it (`mow == usize::MAX`, from
/// `wk`, the unwrapped week, as `f64`).
#[derive(Debug, Clone, Copy)]
struct At {
    how: usize,
    week: usize,
    mow: usize,
    wk: f64,
}

/// An errand's fixed attributes and random numbers.
#[derive(Debug, Clone, Copy)]
struct Errand {
    ty: u32,
    info: bool,
    eligible: bool,
    /// The random word of its service time (and of its back-office minutes if written).
    w_service: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PendKind {
    /// Deferred to an opening: joins the queue of the channel (which is open then).
    Join(usize),
    /// Tries the channel again after abandoning.
    Retry(usize),
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    t: f64,
    seq: u64,
    kind: PendKind,
    e: Errand,
}

impl PartialEq for Pending {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Pending {
    // Reversed: BinaryHeap is a max-heap and we want the earliest first.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// Keys of the streams read at a position ([`draw_at`]).
#[derive(Debug, Clone, Copy)]
struct Keys {
    choice: u64,
    service: u64,
    patience: u64,
}

struct Rep<'a> {
    m: &'a Model,
    p: Params,
    queues: [Queue; 2],
    pending: BinaryHeap<Pending>,
    seq: u64,
    sec: Xoshiro256PlusPlus,
    /// Keys of the choice, service and patience streams.
    keys: Keys,
    /// New errands so far (the next one's number).
    errands: u64,
    sc: Vec<f64>,
    weekly: Vec<f64>,
    horizon: f64,
    path: Vec<(f64, f64)>,
}

const W_PERSONAL: usize = 0;
const W_PHONE: usize = 1;
const W_WRITTEN: usize = 2;
const W_DIGITAL: usize = 3;
const W_GAVEUP: usize = 4;

impl<'a> Rep<'a> {
    #[inline]
    fn week_of(&self, t: f64) -> usize {
        // Contacts after the horizon (deferred past the last weekend, late redials) wrap to the
        // first weeks, as if the year repeated: week 0 would otherwise lack the deferrals from
        // the weekend before it and the last week would hold them twice.
        let w = trunc_u64(t / WEEK) as usize;
        let weeks = self.m.weeks as usize;
        // The same as `w % weeks`, without a division for the usual case.
        if w < weeks { w } else { w % weeks }
    }

    #[inline]
    fn bump_weekly(&mut self, series: usize, t: f64) {
        let w = self.week_of(t);
        self.bump_week(series, w);
    }

    #[inline]
    fn bump_week(&mut self, series: usize, w: usize) {
        self.weekly[series * self.m.weeks as usize + w] += 1.0;
    }

    #[inline]
    fn at(&self, t: f64) -> At {
        At {
            how: (trunc_u64(t / 60.0) % 168) as usize,
            week: self.week_of(t),
            mow: crate::model::minute_of_week(t),
            wk: 0.0,
        }
    }

    fn adoption(&self, ty: u32, t: f64) -> f64 {
        let base = self.p.type_adoption[ty as usize];
        if self.path.is_empty() {
            return base;
        }
        let week = t / WEEK;
        let mut prev = (0.0, 0.0);
        let mut change = self.path.last().map_or(0.0, |p| p.1);
        for &(w, c) in &self.path {
            if week < w {
                let f = if w > prev.0 {
                    (week - prev.0) / (w - prev.0)
                } else {
                    1.0
                };
                change = prev.1 + f * (c - prev.1);
                break;
            }
            prev = (w, c);
        }
        (base + change).clamp(0.0, 1.0)
    }

    fn gave_up(&mut self, t: f64, closed: bool) {
        self.sc[M::GaveUp as usize] += 1.0;
        if closed {
            self.sc[M::GaveUpClosed as usize] += 1.0;
        } else {
            self.sc[M::GaveUpAbandoned as usize] += 1.0;
        }
        self.bump_weekly(W_GAVEUP, t);
    }

    fn done_digital(&mut self, t: f64, info: bool) {
        self.sc[M::ContactsDigital as usize] += 1.0;
        self.sc[if info {
            M::ContactsDigitalInfo
        } else {
            M::ContactsDigitalTrans
        } as usize] += 1.0;
        self.bump_weekly(W_DIGITAL, t);
    }

    fn done_written(&mut self, t: f64, e: &Errand) {
        self.sc[M::ContactsWritten as usize] += 1.0;
        self.sc[if e.info {
            M::ContactsWrittenInfo
        } else {
            M::ContactsWrittenTrans
        } as usize] += 1.0;
        let x = self.m.written.draw(e.w_service)
            * self.m.types[e.ty as usize].scale
            * self.p.handling_scale;
        self.sc[M::WrittenHours as usize] += x / 60.0;
        self.bump_weekly(W_WRITTEN, t);
    }

    fn push_pending(&mut self, t: f64, kind: PendKind, e: Errand) {
        self.seq += 1;
        self.pending.push(Pending {
            t,
            seq: self.seq,
            kind,
            e,
        });
    }

    /// An errand arrives at an open queue channel `ch` at `t`; `w_p()` gives the random word
    /// of its patience (only called if it cannot start at once).
    #[inline(always)]
    fn join_queue(&mut self, ch: usize, t: f64, at: At, e: Errand, w_p: impl Fn() -> u64) {
        let qm = &self.m.queues[ch];
        let x = qm.service.draw(e.w_service)
            * self.m.types[e.ty as usize].scale
            * self.p.handling_scale;
        let deadline_of = || deadline(qm, t, &w_p);
        let target = qm.target_min;
        let q = &mut self.queues[ch];
        let how = at.how;
        q.arrivals_h[how] += 1.0;
        match q.join(qm, t, deadline_of, x) {
            Ok(s) => {
                let w = s - t;
                // Contacts on the channel = answered (from `served_h` in `finish`), split by
                // kind.
                q.answered_info += e.info as u64;
                if w > 0.0 {
                    q.waited += 1;
                    q.add_waiting(t, s);
                    q.wait_sum += w;
                    q.hist.add(w);
                    q.wait_h[how] += w;
                    if w <= target {
                        q.within_target += 1;
                    }
                } else {
                    // Most customers: no wait to add; counted in the histogram's first bin
                    // (and within the target, if it is not negative) at the end.
                    q.zero_waits += 1;
                }
                q.served_h[how] += 1.0;
                self.bump_week(if ch == 0 { W_PERSONAL } else { W_PHONE }, at.week);
            }
            Err(deadline) => {
                q.abandoned += 1;
                q.waited += 1;
                q.add_waiting(t, deadline);
                let redial_p = self.p.redial[ch];
                let u = u53(&mut self.sec);
                if u < redial_p {
                    q.redials += 1;
                    let e1: f64 = Exp1.sample(&mut self.sec);
                    let delay = qm_redial_delay(self.m, ch) * e1;
                    self.push_pending(deadline + delay, PendKind::Retry(ch), e);
                } else {
                    self.gave_up(deadline, false);
                }
            }
        }
    }

    /// Errand wants channel `ch` (a queue) at `t`: join if open, otherwise be displaced.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn want_queue(
        &mut self,
        ch: usize,
        t: f64,
        at: At,
        e: Errand,
        w_p: impl Fn() -> u64,
        u_displace: impl FnOnce() -> (f64, f64),
        digital_tried: bool,
    ) {
        let sched = &self.m.queues[ch].schedule;
        let open = if at.mow != usize::MAX {
            sched.is_open_minute(at.mow)
        } else {
            // The arrival loop's `how` and `t` always agree (t − week start is exact).
            sched.is_open_in_hour(at.how, || crate::model::minute_in_week(t, at.wk))
        };
        if open {
            self.join_queue(ch, t, at, e, w_p);
        } else {
            let (u_d, u_spread) = u_displace();
            self.displace(ch, t, e, u_d, u_spread, digital_tried);
        }
    }

    fn displace(&mut self, ch: usize, t: f64, e: Errand, u_d: f64, u_spread: f64, tried: bool) {
        let cum = self.p.displacement[ch];
        let other = 1 - ch;
        let defer = |me: &mut Self| {
            match me.m.queues[ch].schedule.next_open(t) {
                Some((open, close)) => {
                    me.sc[M::DisplacedDeferred as usize] += 1.0;
                    let spread = me.m.scenario.when_closed.defer_spread_min.min(close - open);
                    let at = open + u_spread * spread;
                    me.push_pending(at, PendKind::Join(ch), e);
                }
                None => {
                    // The channel never opens: the citizen writes instead.
                    me.sc[M::DisplacedSwitched as usize] += 1.0;
                    me.done_written(t, &e);
                }
            }
        };
        if u_d < cum[0] {
            defer(self);
        } else if u_d < cum[1] {
            self.sc[M::DisplacedSwitched as usize] += 1.0;
            if self.m.queues[other].schedule.is_open(t) {
                let w_p = self.sec.next_u64();
                let at = self.at(t);
                self.join_queue(other, t, at, e, || w_p);
            } else {
                self.done_written(t, &e);
            }
        } else if u_d < cum[2] {
            if e.eligible && !tried {
                let u_f = u53(&mut self.sec);
                if u_f >= self.p.failure {
                    self.sc[M::DisplacedDigital as usize] += 1.0;
                    self.done_digital(t, e.info);
                } else {
                    self.sc[M::DigitalFailures as usize] += 1.0;
                    defer(self);
                }
            } else {
                defer(self);
            }
        } else {
            self.sc[M::DisplacedGaveUp as usize] += 1.0;
            self.gave_up(t, true);
        }
    }

    fn process_pending(&mut self, pd: Pending) {
        match pd.kind {
            PendKind::Join(ch) => {
                let w_p = self.sec.next_u64();
                let at = self.at(pd.t);
                self.join_queue(ch, pd.t, at, pd.e, || w_p);
            }
            PendKind::Retry(ch) => {
                let w_p = self.sec.next_u64();
                let u = [u53(&mut self.sec), u53(&mut self.sec)];
                let at = self.at(pd.t);
                self.want_queue(ch, pd.t, at, pd.e, || w_p, || (u[0], u[1]), false);
            }
        }
    }

    fn flush_pending(&mut self, until: f64) {
        while let Some(top) = self.pending.peek() {
            if top.t > until {
                break;
            }
            let pd = self.pending.pop().expect("peeked");
            self.process_pending(pd);
        }
    }

    /// A new errand arises at `t`: errand number `n` of the replication, which owns
    /// positions `4n … 4n + 3` of the choice stream and `n` of the service and patience
    /// streams (see the module documentation).
    #[inline(always)]
    fn primary(&mut self, t: f64, at: At) {
        let n = self.errands;
        self.errands += 1;
        let (kc, ks, kp) = (self.keys.choice, self.keys.service, self.keys.patience);
        // Choice words: 0 = errand type (high half), kind (low); 1 = eligibility, adoption;
        // 2 = failure, channel mix; 3 = displacement, spread of a deferral.
        let word = |j: u64| draw_at(kc, 4 * n + j);
        let hi = |x: u64| x >> 32;
        let lo = |x: u64| x & 0xFFFF_FFFF;
        let m = self.m;
        let mut ty = 0;
        if m.type_thr.len() > 1 {
            let u_type = hi(word(0));
            while ty + 1 < m.type_thr.len() && u_type >= m.type_thr[ty] {
                ty += 1;
            }
        }
        let tm = &m.types[ty];
        let info = chance(tm.info_thr, || lo(word(0)));
        let eligible = chance(tm.eligible_thr, || hi(word(1)));
        let mut tried = false;
        if eligible {
            // (A uniform is never below an adoption ≤ 0, nor below a failure share ≤ 0.)
            let adoption = self.adoption(ty as u32, t);
            if adoption > 0.0 && unit32(lo(word(1))) < adoption {
                let failure = self.p.failure;
                if failure <= 0.0 || unit32(hi(word(2))) >= failure {
                    self.done_digital(t, info);
                    return;
                }
                self.sc[M::DigitalFailures as usize] += 1.0;
                tried = true;
            }
        }
        let e = Errand {
            ty: ty as u32,
            info,
            eligible,
            w_service: draw_at(ks, n),
        };
        let ch = if chance(tm.mix_thr[0], || lo(word(2))) {
            0
        } else if chance(tm.mix_thr[1], || lo(word(2))) {
            1
        } else {
            self.done_written(t, &e);
            return;
        };
        let w_p = || draw_at(kp, n);
        let u_displace = || {
            let w = word(3);
            (unit32(hi(w)), unit32(lo(w)))
        };
        self.want_queue(ch, t, at, e, w_p, u_displace, tried);
    }
}

/// When the patience (from the random word `w_p()`) of a customer joining queue `qm` at `t`
/// runs out. Out of line: only customers who cannot start at once need it, and inlined, the
/// compiler computes part of it for every customer.
#[inline(never)]
fn deadline(qm: &crate::model::QueueModel, t: f64, w_p: &impl Fn() -> u64) -> f64 {
    match &qm.patience {
        Some(d) => t + d.draw(w_p()),
        None => f64::INFINITY,
    }
}

fn qm_redial_delay(m: &Model, ch: usize) -> f64 {
    m.queues[ch].redial_delay
}

/// Run replication `rep` of a model.
pub fn run_replication(m: &Model, rep: u32) -> RepOutput {
    let seed = m.scenario.simulation.seed;
    let r64 = rep as u64;
    let p = Params::sample(m, r64);
    let mut arr = stream(seed, r64, Purpose::Arrivals);
    let weeks = m.weeks as usize;
    let path = m
        .scenario
        .digital
        .adoption_path
        .iter()
        .map(|p| (p.week, p.change))
        .collect();
    let mut st = Rep {
        m,
        p,
        queues: [Queue::new(&m.queues[0]), Queue::new(&m.queues[1])],
        pending: BinaryHeap::new(),
        seq: 0,
        sec: stream(seed, r64, Purpose::Secondary),
        keys: Keys {
            choice: stream_key(seed, r64, Purpose::Choice),
            service: stream_key(seed, r64, Purpose::Service),
            patience: stream_key(seed, r64, Purpose::Patience),
        },
        errands: 0,
        sc: vec![0.0; N_METRICS],
        weekly: vec![0.0; 5 * weeks],
        horizon: weeks as f64 * WEEK,
        path,
    };
    let cv = m.scenario.demand.day_dispersion;
    let gamma = if cv > 0.0 {
        Gamma::new(1.0 / (cv * cv), cv * cv).ok()
    } else {
        None
    };
    let mut desired = [0.0f64; 168];
    let demand = st.p.demand_factor;
    for day in 0..weeks * 7 {
        let g = match &gamma {
            Some(g) => g.sample(&mut arr),
            None => 1.0,
        };
        let f = m.day_factor[day] * demand * g / 60.0;
        let dow = day % 7;
        for h in 0..24 {
            let how = dow * 24 + h;
            let rate = m.hour_base[how] * f;
            if rate <= 0.0 {
                continue;
            }
            let t0 = day as f64 * DAY + h as f64 * 60.0;
            let end = t0 + 60.0;
            let mut t = t0;
            let week = day / 7;
            let week_start = week as f64;
            let mut arrived = 0u32;
            loop {
                let x: f64 = Exp1.sample(&mut arr);
                t += x / rate;
                if t >= end {
                    break;
                }
                arrived += 1;
                if st.pending.peek().is_some_and(|p| p.t <= t) {
                    st.flush_pending(t);
                }
                let at = At {
                    how,
                    week,
                    mow: usize::MAX,
                    wk: week_start,
                };
                st.primary(t, at);
            }
            // Counts of whole errands: the sum is exact.
            desired[how] += arrived as f64;
        }
    }
    st.flush_pending(f64::INFINITY);
    let inputs = st.p.inputs.clone();
    let mut out = finish(st, desired);
    out.inputs = inputs;
    out.rep = rep;
    out
}

fn finish(mut st: Rep<'_>, desired: [f64; 168]) -> RepOutput {
    let m = st.m;
    let weeks = m.weeks as f64;
    let costs = &m.scenario.costs;
    let mut hourly = Vec::with_capacity(HOURLY_LEN);
    let _ = st.horizon;
    for (ch, q) in st.queues.iter_mut().enumerate() {
        q.hist.0[0] += q.zero_waits;
        if 0.0 <= m.queues[ch].target_min {
            q.within_target += q.zero_waits;
        }
        q.answered = trunc_u64(q.served_h.iter().sum());
        let [tot, info, trans] = if ch == 0 {
            [
                M::ContactsPersonal,
                M::ContactsPersonalInfo,
                M::ContactsPersonalTrans,
            ]
        } else {
            [
                M::ContactsPhone,
                M::ContactsPhoneInfo,
                M::ContactsPhoneTrans,
            ]
        };
        st.sc[tot as usize] = q.answered as f64;
        st.sc[info as usize] = q.answered_info as f64;
        st.sc[trans as usize] = (q.answered - q.answered_info) as f64;
    }
    for (ch, q) in st.queues.iter().enumerate() {
        let sched = &m.queues[ch].schedule;
        let staff_h = sched.staff_minutes_per_week() * weeks / 60.0 + q.overtime_min / 60.0;
        // Offered = arrivals, counted by hour of the week (sums of ones: exact).
        let offered: f64 = q.arrivals_h.iter().sum();
        let share = |x: u64| {
            if offered > 0.0 {
                x as f64 / offered
            } else {
                0.0
            }
        };
        let ids = if ch == 0 {
            [
                M::PersonalOffered,
                M::PersonalAnswered,
                M::PersonalAbandoned,
                M::PersonalRedials,
                M::PersonalAbandonShare,
                M::PersonalPWait,
                M::PersonalServiceLevel,
                M::PersonalMeanWait,
                M::PersonalP90Wait,
                M::PersonalStaffHours,
                M::PersonalUtilisation,
            ]
        } else {
            [
                M::PhoneOffered,
                M::PhoneAnswered,
                M::PhoneAbandoned,
                M::PhoneRedials,
                M::PhoneAbandonShare,
                M::PhonePWait,
                M::PhoneServiceLevel,
                M::PhoneMeanWait,
                M::PhoneP90Wait,
                M::PhoneStaffHours,
                M::PhoneUtilisation,
            ]
        };
        let vals = [
            offered,
            q.answered as f64,
            q.abandoned as f64,
            q.redials as f64,
            share(q.abandoned),
            share(q.waited),
            share(q.within_target),
            if q.answered > 0 {
                q.wait_sum / q.answered as f64
            } else {
                0.0
            },
            q.hist.quantile(0.9),
            staff_h,
            if staff_h > 0.0 {
                q.busy_min / 60.0 / staff_h
            } else {
                0.0
            },
        ];
        for (id, v) in ids.iter().zip(vals) {
            st.sc[*id as usize] = v;
        }
        hourly.extend_from_slice(&q.arrivals_h);
        hourly.extend_from_slice(&q.wait_h);
        hourly.extend_from_slice(&q.served_h);
        hourly.extend_from_slice(&q.qlen_h);
    }
    hourly.extend_from_slice(&desired);
    // Every new errand is counted once in `desired` (sums of ones: exact).
    st.sc[M::Errands as usize] = desired.iter().sum();
    let sc = &mut st.sc;
    let g = |sc: &Vec<f64>, i: M| sc[i as usize];
    sc[M::ContactsAssistedInfo as usize] =
        g(sc, M::ContactsPersonalInfo) + g(sc, M::ContactsPhoneInfo);
    let completed = g(sc, M::ContactsPersonal)
        + g(sc, M::ContactsPhone)
        + g(sc, M::ContactsWritten)
        + g(sc, M::ContactsDigital);
    sc[M::DigitalShare as usize] = if completed > 0.0 {
        g(sc, M::ContactsDigital) / completed
    } else {
        0.0
    };
    let price = |sc: &Vec<f64>, i: M, t: M, p: &crate::scenario::UnitPrice| {
        g(sc, i) * p.information + g(sc, t) * p.transaction
    };
    let cp = price(
        sc,
        M::ContactsPersonalInfo,
        M::ContactsPersonalTrans,
        &costs.personal,
    );
    let cph = price(
        sc,
        M::ContactsPhoneInfo,
        M::ContactsPhoneTrans,
        &costs.phone,
    );
    let cw = price(
        sc,
        M::ContactsWrittenInfo,
        M::ContactsWrittenTrans,
        &costs.written,
    );
    let cd = price(
        sc,
        M::ContactsDigitalInfo,
        M::ContactsDigitalTrans,
        &costs.digital,
    );
    sc[M::CostUnitPersonal as usize] = cp;
    sc[M::CostUnitPhone as usize] = cph;
    sc[M::CostUnitWritten as usize] = cw;
    sc[M::CostUnitDigital as usize] = cd;
    sc[M::CostUnitTotal as usize] = cp + cph + cw + cd;
    let hp = g(sc, M::PersonalStaffHours);
    let hph = g(sc, M::PhoneStaffHours);
    let hw = g(sc, M::WrittenHours);
    sc[M::StaffHours as usize] = hp + hph + hw;
    sc[M::StaffFte as usize] = (hp + hph + hw) / costs.hours_per_fte * 52.0 / weeks;
    let hc = costs.staff_hourly_cost;
    sc[M::CostStaffPersonal as usize] = hp * hc;
    sc[M::CostStaffPhone as usize] = hph * hc;
    sc[M::CostStaffWritten as usize] = hw * hc;
    sc[M::CostStaffTotal as usize] = (hp + hph + hw) * hc;
    RepOutput {
        rep: 0,
        scalars: st.sc,
        weekly: st.weekly,
        hourly,
        inputs: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exponential variates from positional words ([`exp1_from_word`]): the distribution is
    /// the standard exponential (moments, a spread of tail probabilities past the ziggurat's
    /// base layer, a Kolmogorov–Smirnov distance), the rare retries read more words, and a
    /// word always gives the same variate.
    #[test]
    fn exponential_from_words_is_standard_exponential() {
        let key = stream_key(11, 0, Purpose::Service);
        let n = 1_000_000u64;
        let mut xs: Vec<f64> = (0..n).map(|i| exp1_from_word(draw_at(key, i))).collect();
        let nf = n as f64;
        let mean = xs.iter().sum::<f64>() / nf;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (nf - 1.0);
        // SE of the mean 1/√n = 0.001; of the variance √(8/n) ≈ 0.0028.
        assert!((mean - 1.0).abs() < 0.005, "mean {mean}");
        assert!((var - 1.0).abs() < 0.015, "variance {var}");
        for x0 in [0.1, 1.0, 3.0, 7.0, 8.0] {
            let p = xs.iter().filter(|&&x| x > x0).count() as f64 / nf;
            let q = libm::exp(-x0);
            let se = (q * (1.0 - q) / nf).sqrt();
            assert!((p - q).abs() < 5.0 * se, "P(X > {x0}) = {p}, expected {q}");
        }
        xs.sort_by(f64::total_cmp);
        let ks = xs
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let f = 1.0 - libm::exp(-x);
                (f - i as f64 / nf)
                    .abs()
                    .max((f - (i + 1) as f64 / nf).abs())
            })
            .fold(0.0, f64::max);
        // The 0.1 % critical value of the KS distance is 1.95 / √n.
        assert!(ks < 1.95 / nf.sqrt(), "KS distance {ks}");
        let mut retried = 0;
        for i in 0..100_000 {
            let w = draw_at(key, i);
            let mut r = WordRng { word: w, k: 0 };
            let x: f64 = Exp1.sample(&mut r);
            retried += (r.k > 1) as u32;
            assert_eq!(x.to_bits(), exp1_from_word(w).to_bits());
        }
        assert!(
            (200..3_000).contains(&retried),
            "{retried} of 100,000 retried"
        );
    }

    /// The sorted array and the heap of [`Busy`] hold the same multiset under any sequence of
    /// inserts and removals the engine makes (removal times never decrease), ties included.
    #[test]
    fn busy_array_matches_heap() {
        let mut r = stream(7, 0, Purpose::Service);
        for max_staff in [1, 3, 10, 22, SMALL_STAFF] {
            let mut small = Busy::new(max_staff);
            let mut heap = MinHeap::default();
            assert!(small.small);
            let mut t = 0.0;
            for _ in 0..20_000 {
                let u = u53(&mut r);
                if u < 0.5 && heap.len() < max_staff {
                    // Completion times on a coarse grid, so that ties occur.
                    let x = t + (u53(&mut r) * 8.0).floor() * 0.5;
                    small.push(x);
                    heap.push(x);
                } else {
                    // Removal times never decrease (the engine's frontier); now and then the
                    // same time twice.
                    if u <= 0.9 {
                        t += u * 0.7;
                    }
                    small.pop_until(t);
                    heap.pop_until(t);
                }
                assert_eq!(small.len(), heap.len());
                assert_eq!(small.peek().to_bits(), heap.peek().to_bits());
            }
        }
        assert!(!Busy::new(SMALL_STAFF + 1).small);
    }

    /// Regression: when the staff rises by two at once, a customer whose patience ran out
    /// before the rise was served at the rise (FIFO forbids starting before the frontier).
    #[test]
    fn no_service_after_the_deadline_when_staff_rises_by_two() {
        let m = Model::new(&crate::presets::tonder_2012()).unwrap();
        let mut qm = m.queues[1].clone();
        let week = WEEK as u32;
        qm.schedule.segs = vec![
            crate::model::Seg {
                start: 0,
                end: 60,
                open: true,
                cap: 0,
                run_end: week,
            },
            crate::model::Seg {
                start: 60,
                end: week,
                open: true,
                cap: 2,
                run_end: week,
            },
        ];
        let mut q = Queue::new(&qm);
        // A waits from 0 with deadline 100: served at 60, when two staff arrive.
        assert_eq!(q.join(&qm, 0.0, || 100.0, 5.0), Ok(60.0));
        // B arrives at 1 and gives up at 30: FIFO puts its start at ≥ 60, past its deadline.
        assert_eq!(q.join(&qm, 1.0, || 30.0, 5.0), Err(30.0));
        // C arrives at 2 with patience to 90: takes the second server at 60.
        assert_eq!(q.join(&qm, 2.0, || 90.0, 5.0), Ok(60.0));
    }
}
