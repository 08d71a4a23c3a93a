//! The counter and phone queues: multi-server FIFO with a staffing schedule, patience and
//! the staffing rule (a new service starts only while fewer than the scheduled staff are
//! busy; an agent going off duty finishes the customer in hand). Each arrival is resolved
//! when it arrives (FIFO: a customer's fate depends only on those before it).

use super::trunc_u64;
use crate::model::{QueueModel, WEEK};

/// A min-heap of completion times.
#[derive(Debug, Default)]
pub(super) struct MinHeap(Vec<f64>);

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
pub(super) struct Busy {
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
    pub(super) fn new(max_staff: usize) -> Busy {
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
    /// The end times of the services counted, ascending (after a removal, these are the
    /// services in progress).
    fn ends_ascending(&self) -> Vec<f64> {
        if self.small {
            let mut v: Vec<f64> = self.buf.iter().flatten().take(self.n).copied().collect();
            v.reverse();
            v
        } else {
            let mut v = self.heap.0.clone();
            v.sort_by(f64::total_cmp);
            v
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
pub(super) struct WaitHist(pub(super) Vec<u64>);

const WH_A: usize = 600;
const WH_B: usize = 660;
const WH_C: usize = 1320;

impl WaitHist {
    pub(super) fn new() -> Self {
        WaitHist(vec![0; WH_A + WH_B + WH_C + 1])
    }
    #[inline]
    pub(super) fn add(&mut self, w: f64) {
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
    pub(super) fn quantile(&self, p: f64) -> f64 {
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
pub(super) struct Queue {
    pub(super) busy: Busy,
    pub(super) frontier: f64,
    pub(super) wk: u64,
    pub(super) idx: usize,
    /// `wk as f64 * WEEK` and the absolute end of piece `idx` of week `wk`.
    pub(super) week_start: f64,
    pub(super) seg_end: f64,
    /// Answered (served), set from `served_h` at the end (sums of ones: exact).
    pub(super) answered: u64,
    /// Answered information errands (the others are transactions).
    pub(super) answered_info: u64,
    /// Answered without waiting (added to the wait histogram's first bin at the end).
    pub(super) zero_waits: u64,
    pub(super) abandoned: u64,
    pub(super) redials: u64,
    pub(super) waited: u64,
    pub(super) within_target: u64,
    pub(super) wait_sum: f64,
    pub(super) busy_min: f64,
    pub(super) overtime_min: f64,
    pub(super) hist: WaitHist,
    pub(super) arrivals_h: [f64; 168],
    pub(super) wait_h: [f64; 168],
    pub(super) served_h: [f64; 168],
    pub(super) qlen_h: [f64; 168],
    /// Served contacts by handling time: 0–2, 2–4, 4–6, 6–8, 8–10, ≥ 10 minutes.
    pub(super) handling: [f64; 6],
    /// End of the simulated time (warm-up and horizon): service after it is extra staff
    /// time, as no schedule pays for it.
    pub(super) horizon: f64,
}

/// The bin of a handling time of `x` minutes: 0–2, 2–4, 4–6, 6–8, 8–10, ≥ 10 (Hørsholm's).
#[inline(always)]
pub(super) fn handling_bin(x: f64) -> usize {
    trunc_u64(x * 0.5).min(5) as usize
}

/// The counters of a queue at one moment (for discarding a warm-up).
#[derive(Debug, Clone)]
pub(super) struct QueueStats {
    answered_info: u64,
    zero_waits: u64,
    abandoned: u64,
    redials: u64,
    waited: u64,
    within_target: u64,
    wait_sum: f64,
    busy_min: f64,
    overtime_min: f64,
    hist: Vec<u64>,
    hours: [[f64; 168]; 4],
    handling: [f64; 6],
}

impl Queue {
    /// A copy of the counters.
    pub(super) fn stats(&self) -> QueueStats {
        QueueStats {
            answered_info: self.answered_info,
            zero_waits: self.zero_waits,
            abandoned: self.abandoned,
            redials: self.redials,
            waited: self.waited,
            within_target: self.within_target,
            wait_sum: self.wait_sum,
            busy_min: self.busy_min,
            overtime_min: self.overtime_min,
            hist: self.hist.0.clone(),
            hours: [self.arrivals_h, self.wait_h, self.served_h, self.qlen_h],
            handling: self.handling,
        }
    }

    /// Subtract the counters of an earlier moment.
    pub(super) fn subtract(&mut self, s: &QueueStats) {
        self.answered_info -= s.answered_info;
        self.zero_waits -= s.zero_waits;
        self.abandoned -= s.abandoned;
        self.redials -= s.redials;
        self.waited -= s.waited;
        self.within_target -= s.within_target;
        self.wait_sum -= s.wait_sum;
        self.busy_min -= s.busy_min;
        self.overtime_min -= s.overtime_min;
        for (h, x) in self.hist.0.iter_mut().zip(&s.hist) {
            *h -= x;
        }
        for (h, x) in self.handling.iter_mut().zip(&s.handling) {
            *h -= x;
        }
        for (mine, old) in [
            &mut self.arrivals_h,
            &mut self.wait_h,
            &mut self.served_h,
            &mut self.qlen_h,
        ]
        .into_iter()
        .zip(&s.hours)
        {
            for (v, o) in mine.iter_mut().zip(old) {
                *v -= o;
            }
        }
    }

    pub(super) fn new(q: &QueueModel, horizon: f64) -> Queue {
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
            handling: [0.0; 6],
            horizon,
        }
    }

    /// Advance the schedule cursor to the piece containing `s` (monotone in `s`); return
    /// (serving staff, absolute end of the piece, piece index).
    #[inline]
    pub(super) fn cap_at(&mut self, q: &QueueModel, s: f64) -> (usize, f64, usize) {
        let segs = &q.schedule.segs;
        while self.seg_end <= s {
            let (before, boundary) = (segs[self.idx], self.seg_end);
            self.idx += 1;
            if self.idx == segs.len() {
                self.idx = 0;
                self.wk += 1;
                self.week_start = self.wk as f64 * WEEK;
            }
            self.seg_end = self.week_start + segs[self.idx].end as f64;
            let after = segs[self.idx];
            if before.open && after.open && after.cap < before.cap {
                self.off_duty(boundary, after.cap as usize);
            }
        }
        (segs[self.idx].cap as usize, self.seg_end, self.idx)
    }

    /// The staff drops to `cap` at `b` while the channel stays open: agents going off duty
    /// finish the customer in hand. That time is paid beyond the schedule (counted as
    /// overtime), so the busy share cannot exceed 100 %: ∫ max(0, busy − cap) dt after `b`
    /// is the sum, over the first `busy − cap` services to end, of their time after `b` (no
    /// new service starts while busy ≥ cap).
    #[inline(never)]
    fn off_duty(&mut self, b: f64, cap: usize) {
        self.busy.pop_until(b);
        let n = self.busy.len();
        if n <= cap {
            return;
        }
        let ends = self.busy.ends_ascending();
        self.overtime_min += ends[..n - cap].iter().map(|e| e - b).sum::<f64>();
    }

    /// A customer joins at `t` with service time `x`; `deadline_of` gives the moment its
    /// patience runs out. Returns `Ok(start of service)`, or `Err(deadline)` if the customer
    /// abandons at the deadline. The deadline is only computed when the customer cannot start
    /// at once (three in four customers of the stationary workload never need it).
    #[inline(always)]
    pub(super) fn join(
        &mut self,
        q: &QueueModel,
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
                if !seg.open || s >= self.horizon {
                    self.overtime_min += x;
                } else {
                    let close = (self.week_start + seg.run_end as f64).min(self.horizon);
                    if s + x > close {
                        self.overtime_min += s + x - close;
                    }
                }
                self.handling[handling_bin(x)] += 1.0;
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
    pub(super) fn add_waiting(&mut self, a: f64, b: f64) {
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
            let hour_abs = crate::model::floor_fast(h);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;
    use crate::rng::{Purpose, stream, u53};

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
        let mut q = Queue::new(&qm, f64::INFINITY);
        // A waits from 0 with deadline 100: served at 60, when two staff arrive.
        assert_eq!(q.join(&qm, 0.0, || 100.0, 5.0), Ok(60.0));
        // B arrives at 1 and gives up at 30: FIFO puts its start at ≥ 60, past its deadline.
        assert_eq!(q.join(&qm, 1.0, || 30.0, 5.0), Err(30.0));
        // C arrives at 2 with patience to 90: takes the second server at 60.
        assert_eq!(q.join(&qm, 2.0, || 90.0, 5.0), Ok(60.0));
    }
}
