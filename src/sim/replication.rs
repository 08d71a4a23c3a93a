//! One replication: arrivals from the hour-of-week rates, errand type and channel choice,
//! digital self-service, the queues, written contacts; pending events (deferrals, redials)
//! in time order.

use super::output::{RepOutput, finish};
use super::params::Params;
use super::queue::Queue;
use super::trunc_u64;
use crate::error::Error;
use crate::model::{DAY, Model, WEEK};
use crate::report::{M, N_METRICS};
use crate::rng::{Purpose, chance, draw_at, stream, stream_key, u53, unit32};
use crate::settings::RunSettings;
use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;

/// Where a moment falls: hour of the week, week of the horizon (wrapped) and minute of the
/// week. Computed by division for any time (`Rep::at`); the arrival loop knows the hour and
/// week already for the errands it creates, which saves divisions per customer, and leaves
/// the minute to be computed only when the opening check needs it (`mow == usize::MAX`, from
/// `wk`, the unwrapped week, as `f64`).
#[derive(Debug, Clone, Copy)]
pub(super) struct At {
    pub(super) how: usize,
    pub(super) week: usize,
    pub(super) mow: usize,
    pub(super) wk: f64,
}

/// An errand's fixed attributes and random numbers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Errand {
    pub(super) ty: u32,
    pub(super) info: bool,
    pub(super) eligible: bool,
    /// The random word of its service time (and of its back-office minutes if written).
    pub(super) w_service: u64,
    /// A booking contact (a booking call, or a booking at the counter): served with the
    /// booking time, and the booking made when it ends.
    pub(super) book: bool,
}

/// Why an errand was given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum GaveUp {
    /// The wanted channel was closed (`gaveUp.closed`).
    Closed,
    /// Left a queue without redialling (`gaveUp.abandoned`).
    Abandoned,
    /// No appointment slot came soon enough (`appointments.lost`).
    NoSlot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PendKind {
    /// Deferred to an opening: joins the queue of the channel (which is open then).
    Join(usize),
    /// Tries the channel again after abandoning.
    Retry(usize),
    /// Makes a booking (after a booking contact).
    Book,
    /// A booked visit at its slot: attended (`true`) or a no-show.
    Visit(bool),
    /// A late cancellation gives a slot back to the book.
    Free {
        /// The slot's day.
        day: u64,
        /// The slot's index in its day.
        slot: u32,
    },
}

/// A pending event: due at `t`, the `seq`-th pushed (ties in time go in push order).
#[derive(Debug, Clone, Copy)]
pub(super) struct Pend {
    pub(super) t: f64,
    pub(super) seq: u64,
    pub(super) kind: PendKind,
    pub(super) e: Errand,
}

/// Keys of the streams read at a position ([`draw_at`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Keys {
    pub(super) choice: u64,
    pub(super) service: u64,
    pub(super) patience: u64,
}

pub(super) struct Rep<'a> {
    pub(super) m: &'a Model,
    pub(super) p: Params,
    pub(super) queues: [Queue; 2],
    pub(super) pending: super::pending::Pending,
    pub(super) sec: Xoshiro256PlusPlus,
    /// Keys of the choice, service and patience streams.
    pub(super) keys: Keys,
    /// New errands so far (the next one's number).
    pub(super) errands: u64,
    pub(super) sc: Vec<f64>,
    /// Weekly series, flat: series `k` (W_PERSONAL …) week `w` at `k · weeks_total + w`,
    /// warm-up weeks included (dropped at the end).
    pub(super) weekly: Vec<f64>,
    /// Warm-up and horizon weeks.
    pub(super) weeks_total: usize,
    pub(super) horizon: f64,
    /// Written contacts by back-office time (the bins of [`super::queue::handling_bin`]).
    pub(super) written_handling: [f64; 6],
    /// Weeks of warm-up before the horizon (their statistics are discarded).
    pub(super) warmup_weeks: usize,
    /// Events (new errands and pending events) after which the replication is a runaway.
    pub(super) event_cap: u64,
    /// The appointment book (`None`: walk-in only).
    pub(super) appt: Option<super::book::ApptState>,
}

pub(super) const W_PERSONAL: usize = 0;
pub(super) const W_PHONE: usize = 1;
pub(super) const W_WRITTEN: usize = 2;
pub(super) const W_DIGITAL: usize = 3;
pub(super) const W_GAVEUP: usize = 4;

impl<'a> Rep<'a> {
    #[inline]
    pub(super) fn week_of(&self, t: f64) -> usize {
        self.week_of_ratio(t / WEEK)
    }

    /// [`Rep::week_of`] from `t / WEEK`.
    #[inline]
    fn week_of_ratio(&self, t_weeks: f64) -> usize {
        // Contacts after the horizon (deferred past the last weekend, late redials) wrap to the
        // first weeks, as if the year repeated: week 0 would otherwise lack the deferrals from
        // the weekend before it and the last week would hold them twice.
        // With a warm-up, weeks count from its start (its weeks are dropped at the end) and
        // wrap within the horizon's weeks.
        let w = trunc_u64(t_weeks) as usize;
        let weeks = self.m.weeks as usize;
        let warm = self.warmup_weeks;
        // The same as `w % weeks`, without a division for the usual case.
        if w < weeks + warm {
            w
        } else {
            warm + (w - warm) % weeks
        }
    }

    #[inline]
    pub(super) fn bump_weekly(&mut self, series: usize, t: f64) {
        let w = self.week_of(t);
        self.bump_week(series, w);
    }

    #[inline]
    pub(super) fn bump_week(&mut self, series: usize, w: usize) {
        self.weekly[series * self.weeks_total + w] += 1.0;
    }

    #[inline]
    pub(super) fn at(&self, t: f64) -> At {
        // One division by the week for both the week and the minute of the week (the same
        // values as `week_of` and `minute_of_week`).
        let w = t / WEEK;
        let wk = crate::model::floor_fast(w);
        At {
            how: (trunc_u64(t / 60.0) % 168) as usize,
            week: self.week_of_ratio(w),
            mow: crate::model::minute_in_week(t, wk),
            wk: 0.0,
        }
    }

    pub(super) fn adoption(&self, ty: u32, t: f64) -> f64 {
        let base = self.p.type_adoption[ty as usize];
        if self.m.digital.path.is_empty() {
            return base;
        }
        // Weeks from the start of the horizon (after any warm-up).
        let week = t / WEEK - self.warmup_weeks as f64;
        let path = &self.m.digital.path;
        // The first point after `week` (weeks increase: a binary search, so a long path
        // costs a logarithm per errand, not its length).
        let i = path.partition_point(|&(w, _)| w <= week);
        let change = match path.get(i) {
            None => path.last().map_or(0.0, |p| p.1),
            Some(&(w, c)) => {
                let prev = if i == 0 { (0.0, 0.0) } else { path[i - 1] };
                let f = if w > prev.0 {
                    (week - prev.0) / (w - prev.0)
                } else {
                    1.0
                };
                prev.1 + f * (c - prev.1)
            }
        };
        (base + change).clamp(0.0, 1.0)
    }

    /// An errand is given up at `t`, for `why`: counted in `gaveUp` and the weekly series,
    /// and under its reason.
    pub(super) fn gave_up(&mut self, t: f64, why: GaveUp) {
        self.sc[M::GaveUp as usize] += 1.0;
        match why {
            GaveUp::Closed => self.sc[M::GaveUpClosed as usize] += 1.0,
            GaveUp::Abandoned => self.sc[M::GaveUpAbandoned as usize] += 1.0,
            GaveUp::NoSlot => {
                if let Some(a) = self.appt.as_mut() {
                    a.sc[crate::report::A::Lost as usize] += 1.0;
                }
            }
        }
        self.bump_weekly(W_GAVEUP, t);
    }

    pub(super) fn done_digital(&mut self, t: f64, info: bool) {
        let w = self.week_of(t);
        self.done_digital_in(w, info);
    }

    /// [`Rep::done_digital`] in week `w` (of [`Rep::week_of`]), known to the caller.
    pub(super) fn done_digital_in(&mut self, w: usize, info: bool) {
        self.sc[M::ContactsDigital as usize] += 1.0;
        self.sc[if info {
            M::ContactsDigitalInfo
        } else {
            M::ContactsDigitalTrans
        } as usize] += 1.0;
        self.bump_week(W_DIGITAL, w);
    }

    pub(super) fn done_written(&mut self, t: f64, e: &Errand) {
        let w = self.week_of(t);
        self.done_written_in(w, e);
    }

    /// [`Rep::done_written`] in week `w` (of [`Rep::week_of`]), known to the caller.
    pub(super) fn done_written_in(&mut self, w: usize, e: &Errand) {
        self.sc[M::ContactsWritten as usize] += 1.0;
        self.sc[if e.info {
            M::ContactsWrittenInfo
        } else {
            M::ContactsWrittenTrans
        } as usize] += 1.0;
        let x = self.m.written.draw(e.w_service)
            * self.m.demand.types[e.ty as usize].scale
            * self.p.handling_scale;
        self.sc[M::WrittenHours as usize] += x / 60.0;
        self.written_handling[super::queue::handling_bin(x)] += 1.0;
        self.bump_week(W_WRITTEN, w);
    }

    pub(super) fn push_pending(&mut self, t: f64, kind: PendKind, e: Errand) {
        self.pending.push(Pend { t, seq: 0, kind, e });
    }

    /// An errand arrives at an open queue channel `ch` at `t`; `w_p()` gives the random word
    /// of its patience (only called if it cannot start at once).
    #[inline(always)]
    pub(super) fn join_queue(
        &mut self,
        ch: usize,
        t: f64,
        at: At,
        e: Errand,
        w_p: impl Fn() -> u64,
    ) {
        let qm = &self.m.queues[ch];
        let x = if e.book {
            booking_time(self.m, e.w_service)
        } else {
            qm.service.draw(e.w_service) * self.m.demand.types[e.ty as usize].scale
        } * self.p.handling_scale;
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
                q.answered_info += (e.info | e.book) as u64;
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
                if e.book {
                    self.booking_contact(ch, s + x, e);
                }
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
                    self.gave_up(deadline, GaveUp::Abandoned);
                }
            }
        }
    }

    pub(super) fn flush_pending(&mut self, until: f64) {
        while let Some(pd) = self.pending.pop_until(until) {
            self.process_pending(pd);
        }
    }

    /// A new errand arises at `t`: errand number `n` of the replication, which owns
    /// positions `4n … 4n + 3` of the choice stream and `n` of the service and patience
    /// streams (see the module documentation).
    #[inline(always)]
    pub(super) fn primary(&mut self, t: f64, at: At) {
        let n = self.errands;
        self.errands += 1;
        let (kc, ks, kp) = (self.keys.choice, self.keys.service, self.keys.patience);
        // Choice words: 0 = errand type (high half), kind (low); 1 = eligibility, adoption;
        // 2 = failure, channel mix; 3 = displacement, spread of a deferral.
        let word = |j: u64| draw_at(kc, 4 * n + j);
        let hi = |x: u64| x >> 32;
        let lo = |x: u64| x & 0xFFFF_FFFF;
        let m = self.m;
        // Each word is mixed once where it is first needed, and read from a local after.
        let w0 = word(0);
        let ty = if m.demand.type_thr.len() > 1 {
            m.demand.type_of(hi(w0))
        } else {
            0
        };
        let tm = &m.demand.types[ty];
        let info = chance(tm.info_thr, || lo(w0));
        let w1 = word(1);
        let eligible = chance(tm.eligible_thr, || hi(w1));
        let mut tried = false;
        let mut w2 = None;
        if eligible {
            // (A uniform is never below an adoption ≤ 0, nor below a failure share ≤ 0.)
            let adoption = self.adoption(ty as u32, t);
            if adoption > 0.0 && unit32(lo(w1)) < adoption {
                let failure = self.p.failure;
                if failure <= 0.0 || {
                    let w = word(2);
                    w2 = Some(w);
                    unit32(hi(w)) >= failure
                } {
                    // (`at.week` is the week of `t`, as in `join_queue`.)
                    self.done_digital_in(at.week, info);
                    return;
                }
                self.failed_digital(info);
                tried = true;
            }
        }
        let e = Errand {
            ty: ty as u32,
            info,
            eligible,
            w_service: draw_at(ks, n),
            book: false,
        };
        let mix_thr = match &tm.mix_thr_how {
            Some(how) => how[at.how],
            None => tm.mix_thr,
        };
        let w2 = w2.unwrap_or_else(|| word(2));
        let ch = if chance(mix_thr[0], || lo(w2)) {
            0
        } else if chance(mix_thr[1], || lo(w2)) {
            1
        } else {
            self.done_written_in(at.week, &e);
            return;
        };
        let w_p = || draw_at(kp, n);
        let u_displace = || {
            let w = word(3);
            (unit32(hi(w)), unit32(lo(w)))
        };
        if ch == 0 && m.appointments.is_some() {
            self.want_counter(t, at, e, w_p, u_displace, tried);
        } else {
            self.want_queue(ch, t, at, e, w_p, u_displace, tried);
        }
    }
}

/// The handling time of a booking contact, from its random word (out of line: rare).
#[inline(never)]
fn booking_time(m: &Model, w: u64) -> f64 {
    m.appointments
        .as_ref()
        .map_or(0.0, |a| a.booking_time.draw(w))
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
///
/// ```
/// use kanalsim::{Model, RunSettings, presets, report::M, sim::run_replication};
/// let mut s = presets::tonder_2012();
/// s.horizon_weeks = 2;
/// let m = Model::new(&s).unwrap();
/// let o = run_replication(&m, &RunSettings::of(&s), 0).unwrap();
/// assert_eq!(o.weekly.phone.len(), 2);
/// assert_eq!(o.hourly.desired.iter().sum::<f64>(), o.scalars[M::Errands as usize]);
/// ```
pub fn run_replication(m: &Model, settings: &RunSettings, rep: u32) -> Result<RepOutput, Error> {
    let seed = settings.seed;
    let r64 = rep as u64;
    let p = Params::sample(m, seed, r64);
    let mut arr = stream(seed, r64, Purpose::Arrivals);
    let weeks = m.weeks as usize;
    let warm = settings.warmup_weeks as usize;
    let mut st = Rep {
        m,
        p,
        queues: [
            Queue::new(&m.queues[0], (warm + weeks) as f64 * WEEK),
            Queue::new(&m.queues[1], (warm + weeks) as f64 * WEEK),
        ],
        written_handling: [0.0; 6],
        pending: super::pending::Pending::new((warm + weeks) * 168),
        sec: stream(seed, r64, Purpose::Secondary),
        keys: Keys {
            choice: stream_key(seed, r64, Purpose::Choice),
            service: stream_key(seed, r64, Purpose::Service),
            patience: stream_key(seed, r64, Purpose::Patience),
        },
        errands: 0,
        sc: vec![0.0; N_METRICS],
        weekly: vec![0.0; 5 * (warm + weeks)],
        weeks_total: warm + weeks,
        horizon: (warm + weeks) as f64 * WEEK,
        warmup_weeks: warm,
        event_cap: crate::budget::event_cap(m, settings.warmup_weeks),
        appt: m
            .appointments
            .as_ref()
            .map(|_| super::book::ApptState::new(warm + weeks)),
    };
    st.book_backlog();
    let gamma = &m.demand.day_gamma;
    let mut desired = [0.0f64; 168];
    let demand = st.p.demand_factor;
    let ndays = weeks * 7;
    let warm_days = warm * 7;
    let mut snapshot: Option<Snapshot> = None;
    for day in 0..warm_days + weeks * 7 {
        if day == warm_days && warm > 0 {
            snapshot = Some(st.snapshot());
        }
        let g = match gamma {
            Some(g) => g.sample(&mut arr),
            None => 1.0,
        };
        // Warm-up days take the calendar of the weeks before 1 January (the horizon's end).
        let cal = if warm == 0 {
            day
        } else {
            (day + ndays * warm_days.div_ceil(ndays) - warm_days) % ndays
        };
        let f = m.demand.day_factor[cal] * demand * g / 60.0;
        let dow = day % 7;
        for h in 0..24 {
            let how = dow * 24 + h;
            let rate = m.demand.hour_base[how] * f;
            if rate <= 0.0 {
                continue;
            }
            st.pending.advance(day * 24 + h);
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
                if st.pending.due(t) {
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
            if day >= warm_days {
                desired[how] += arrived as f64;
            }
            if st.errands + st.pending.seq > st.event_cap {
                return Err(runaway(&st));
            }
        }
    }
    st.pending.advance_all();
    st.flush_pending(f64::INFINITY);
    if st.errands + st.pending.seq > st.event_cap {
        return Err(runaway(&st));
    }
    if let Some(snap) = snapshot {
        st.subtract(&snap);
    }
    let inputs = st.p.inputs.clone();
    let mut out = finish(st, desired);
    out.inputs = inputs;
    out.rep = rep;
    Ok(out)
}

/// What a replication had counted at the end of its warm-up.
pub(super) struct Snapshot {
    appt: Option<super::book::ApptCounters>,
    sc: Vec<f64>,
    written_handling: [f64; 6],
    queues: [super::queue::QueueStats; 2],
}

impl Rep<'_> {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            appt: self.appt.as_ref().map(|a| a.counters()),
            sc: self.sc.clone(),
            written_handling: self.written_handling,
            queues: [self.queues[0].stats(), self.queues[1].stats()],
        }
    }

    /// Discard what was counted during the warm-up: the counters minus their snapshot, and
    /// the warm-up's weeks of the weekly series.
    fn subtract(&mut self, snap: &Snapshot) {
        for (v, s) in self.sc.iter_mut().zip(&snap.sc) {
            *v -= s;
        }
        for (v, s) in self.written_handling.iter_mut().zip(&snap.written_handling) {
            *v -= s;
        }
        for (q, s) in self.queues.iter_mut().zip(&snap.queues) {
            q.subtract(s);
        }
        if let (Some(a), Some(c)) = (self.appt.as_mut(), snap.appt.as_ref()) {
            a.subtract(c, self.warmup_weeks);
        }
        // The warm-up's weeks of each series go (from the last series, so indices hold).
        for k in (0..5).rev() {
            let a = k * self.weeks_total;
            self.weekly.drain(a..a + self.warmup_weeks);
        }
        self.weeks_total -= self.warmup_weeks;
    }
}

/// The error of a replication that ran away (more events than its cap).
fn runaway(st: &Rep<'_>) -> Error {
    let cap = st.event_cap;
    Error::too_much_work(
        "simulation",
        format!(
            "a replication ran away: more than {cap} events (errands, deferrals and redials); \
             check queues.*.redialProbability, the staffing and demand.dayDispersion"
        ),
        format!(
            "en gentagelse løb løbsk: mere end {cap} hændelser (ærinder, udsættelser og \
             genopkald); se queues.*.redialProbability, bemandingen og demand.dayDispersion"
        ),
    )
}
