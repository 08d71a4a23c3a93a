//! The counter by appointment in a replication: the appointment book (slots of every day
//! from today on, carried over from day to day), booking, visits, no-shows and late
//! cancellations. The rules are stated on [`crate::scenario::Appointments`].

use super::replication::{Errand, GaveUp, PendKind, Rep};
use super::trunc_u64;
use crate::model::DAY;
use crate::model::appointments::workdays_between;
use crate::report::{A, N_APPOINTMENT_METRICS};
use crate::rng::u53;
use rand_distr::{Distribution, Exp1};
use std::collections::VecDeque;

/// Lead-time histogram bins: one per day, the last one holding every longer lead.
pub(super) const LEAD_BINS: usize = 4096;

/// One day of the book: which of its slots are taken, and which were given back by a late
/// cancellation.
#[derive(Debug, Clone)]
struct DayBook {
    used: Vec<u64>,
    freed: Vec<u64>,
    n_used: u32,
    cap: u32,
}

impl DayBook {
    fn reset(&mut self, cap: usize) {
        let words = cap.div_ceil(64);
        self.used.clear();
        self.used.resize(words, 0);
        self.freed.clear();
        self.freed.resize(words, 0);
        self.n_used = 0;
        self.cap = cap as u32;
    }
    /// The first slot at or after `from` that is free.
    fn first_free(&self, from: usize) -> Option<usize> {
        if self.n_used >= self.cap {
            return None;
        }
        let cap = self.cap as usize;
        let mut w = from / 64;
        // (A shift by `from % 64` is below 64, so it never overflows.)
        let mut mask = !0u64 << (from % 64);
        while w < self.used.len() {
            let free = !self.used[w] & mask;
            if free != 0 {
                let i = w * 64 + free.trailing_zeros() as usize;
                return (i < cap).then_some(i);
            }
            w += 1;
            mask = !0;
        }
        None
    }
    fn take(&mut self, i: usize) -> bool {
        self.used[i / 64] |= 1 << (i % 64);
        self.n_used += 1;
        let bit = 1 << (i % 64);
        let was_freed = self.freed[i / 64] & bit != 0;
        self.freed[i / 64] &= !bit;
        was_freed
    }
    fn give_back(&mut self, i: usize) {
        self.used[i / 64] &= !(1 << (i % 64));
        self.freed[i / 64] |= 1 << (i % 64);
        self.n_used -= 1;
    }
}

/// The appointment book: the days from `first` on (earlier days are gone). Every day
/// before `free_from` is full, so a booking starts looking there: a long book costs a step
/// per day filled, not per day looked at.
#[derive(Debug)]
pub(super) struct Book {
    first: u64,
    free_from: u64,
    days: VecDeque<DayBook>,
    spare: Vec<DayBook>,
}

impl Book {
    fn new() -> Book {
        Book {
            first: 0,
            free_from: 0,
            days: VecDeque::new(),
            spare: Vec::new(),
        }
    }
    /// Forget the days before `today`.
    fn advance(&mut self, today: u64) {
        while self.first < today {
            match self.days.pop_front() {
                Some(d) => self.spare.push(d),
                None => {
                    self.first = today;
                    break;
                }
            }
            self.first += 1;
        }
        self.free_from = self.free_from.max(self.first);
    }
    /// Day `d` of the book (`d ≥ first`), created with the slots of its weekday.
    fn day(&mut self, d: u64, slots: &[Vec<u32>; 7]) -> &mut DayBook {
        let i = (d - self.first) as usize;
        while self.days.len() <= i {
            let day = self.first + self.days.len() as u64;
            let mut b = self.spare.pop().unwrap_or(DayBook {
                used: Vec::new(),
                freed: Vec::new(),
                n_used: 0,
                cap: 0,
            });
            b.reset(slots[(day % 7) as usize].len());
            self.days.push_back(b);
        }
        &mut self.days[i]
    }
}

/// The appointment book of a replication and what it counted.
pub(super) struct ApptState {
    book: Book,
    /// Counters, indexed by [`A`].
    pub(super) sc: Vec<f64>,
    /// Booked visits attended that were information errands.
    pub(super) visits_info: f64,
    /// Service minutes of the booked visits.
    pub(super) busy_min: f64,
    /// Minutes of booked visits beyond their slot: the desk runs late, paid beyond the
    /// schedule (so the desks' busy share cannot exceed 100 %).
    pub(super) overtime_min: f64,
    /// Bookings by lead in calendar days and in workdays (the last bin holds every longer
    /// lead), and the leads summed exactly.
    pub(super) lead_days: Vec<f64>,
    pub(super) lead_workdays: Vec<f64>,
    pub(super) lead_sums: [f64; 2],
    /// Per week of the request (warm-up weeks first): bookings, their leads in calendar days
    /// summed, and those within 5 workdays.
    pub(super) weekly: [Vec<f64>; 3],
}

impl ApptState {
    pub(super) fn new(weeks_total: usize) -> ApptState {
        ApptState {
            book: Book::new(),
            sc: vec![0.0; N_APPOINTMENT_METRICS],
            visits_info: 0.0,
            busy_min: 0.0,
            overtime_min: 0.0,
            lead_days: vec![0.0; LEAD_BINS],
            lead_workdays: vec![0.0; LEAD_BINS],
            lead_sums: [0.0; 2],
            weekly: std::array::from_fn(|_| vec![0.0; weeks_total]),
        }
    }

    /// The counters that a warm-up discards (everything but the book itself).
    pub(super) fn counters(&self) -> ApptCounters {
        ApptCounters {
            sc: self.sc.clone(),
            visits_info: self.visits_info,
            busy_min: self.busy_min,
            overtime_min: self.overtime_min,
            lead_days: self.lead_days.clone(),
            lead_workdays: self.lead_workdays.clone(),
            lead_sums: self.lead_sums,
        }
    }

    /// Subtract the counters of an earlier moment, and drop the warm-up's weeks.
    pub(super) fn subtract(&mut self, c: &ApptCounters, warmup_weeks: usize) {
        let sub = |a: &mut [f64], b: &[f64]| a.iter_mut().zip(b).for_each(|(x, y)| *x -= y);
        sub(&mut self.sc, &c.sc);
        sub(&mut self.lead_days, &c.lead_days);
        sub(&mut self.lead_workdays, &c.lead_workdays);
        self.visits_info -= c.visits_info;
        self.lead_sums[0] -= c.lead_sums[0];
        self.lead_sums[1] -= c.lead_sums[1];
        self.busy_min -= c.busy_min;
        self.overtime_min -= c.overtime_min;
        for s in &mut self.weekly {
            s.drain(..warmup_weeks);
        }
    }
}

/// A copy of the appointment counters at one moment.
pub(super) struct ApptCounters {
    sc: Vec<f64>,
    visits_info: f64,
    busy_min: f64,
    overtime_min: f64,
    lead_days: Vec<f64>,
    lead_workdays: Vec<f64>,
    lead_sums: [f64; 2],
}

/// Through which channel a citizen books.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    Phone,
    Web,
    Counter,
}

impl Rep<'_> {
    /// Book the initial backlog: the slots of the first `initial_backlog_days` days that have
    /// slots (a fraction books the first part of a day). Not counted anywhere.
    pub(super) fn book_backlog(&mut self) {
        let Some(a) = self.m.appointments.as_ref() else {
            return;
        };
        let Some(st) = self.appt.as_mut() else { return };
        let mut left = a.initial_backlog_days;
        let mut d = 0u64;
        while left > 0.0 && d < 7 * 52 * 200 {
            let day = st.book.day(d, &a.slot_times);
            let cap = day.cap as usize;
            if cap > 0 {
                let n = if left >= 1.0 {
                    cap
                } else {
                    (left * cap as f64).round() as usize
                };
                for i in 0..n {
                    day.take(i);
                }
                left -= 1.0;
            }
            d += 1;
        }
    }

    /// A citizen wants a personal contact at `t` and the counter is by appointment: walk in
    /// (mode both, the sampled share) or book, by phone, online or at the counter.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn want_counter(
        &mut self,
        t: f64,
        at: super::replication::At,
        e: Errand,
        w_p: impl Fn() -> u64,
        u_displace: impl FnOnce() -> (f64, f64),
        tried: bool,
    ) {
        let a = self.m.appointments.as_ref().expect("appointments");
        let p = self.p.appointments.expect("appointment parameters");
        if a.walk_in_counter && p.walk_in > 0.0 && u53(&mut self.sec) < p.walk_in {
            self.want_queue(0, t, at, e, w_p, u_displace, tried);
            return;
        }
        let u = u53(&mut self.sec);
        let via = if u < a.booked_by_cum[0] {
            Via::Phone
        } else if u < a.booked_by_cum[1] {
            Via::Web
        } else {
            Via::Counter
        };
        let eb = Errand {
            book: true,
            eligible: e.eligible && !tried,
            ..e
        };
        match via {
            Via::Phone => self.want_queue(1, t, at, eb, w_p, u_displace, tried),
            Via::Counter if a.walk_in_counter => {
                self.want_queue(0, t, at, eb, w_p, u_displace, tried)
            }
            _ => self.book_online(t, eb),
        }
    }

    /// A booking made online at `t` (also when the phone or counter is closed then).
    pub(super) fn book_online(&mut self, t: f64, e: Errand) {
        self.appt_count(A::BookingsOnline);
        self.book(t, Errand { book: false, ..e });
    }

    /// A booking contact on queue channel `ch` ended at `t`: the booking is made then.
    pub(super) fn booking_contact(&mut self, ch: usize, t: f64, e: Errand) {
        self.appt_count(if ch == 0 {
            A::BookingsAtCounter
        } else {
            A::BookingCalls
        });
        self.push_pending(t, PendKind::Book, Errand { book: false, ..e });
    }

    #[inline]
    fn appt_count(&mut self, a: A) {
        if let Some(st) = self.appt.as_mut() {
            st.sc[a as usize] += 1.0;
        }
    }

    /// The booking at `t`: the first free slot in time order at or after the earliest
    /// acceptable day, within the released days; taken if soon enough (or the errand needs
    /// a visit), otherwise [`Rep::too_late`].
    pub(super) fn book(&mut self, t: f64, e: Errand) {
        let a = self.m.appointments.as_ref().expect("appointments");
        let p = self.p.appointments.expect("appointment parameters");
        let st = self.appt.as_mut().expect("appointment state");
        st.sc[A::Requests as usize] += 1.0;
        let today = trunc_u64(t / DAY);
        let minute = t - today as f64 * DAY;
        st.book.advance(today);
        let last = today.saturating_add(a.horizon_days as u64);
        let first = if a.same_day { today } else { today + 1 };
        let mut slot = None;
        let mut d = first.max(st.book.free_from);
        while d <= last {
            let times = &a.slot_times[(d % 7) as usize];
            let from = if d == today {
                times.partition_point(|&x| x as f64 <= minute)
            } else {
                0
            };
            let day = st.book.day(d, &a.slot_times);
            if let Some(i) = day.first_free(from) {
                slot = Some((d, i));
                break;
            }
            if day.n_used >= day.cap && d == st.book.free_from {
                st.book.free_from += 1;
            }
            d += 1;
        }
        let required = self.m.demand.types[e.ty as usize].requires_attendance;
        let soon_enough =
            |d: u64, sec: &mut rand_xoshiro::Xoshiro256PlusPlus| match p.patience_workdays {
                None => true,
                Some(mean) => {
                    let x: f64 = Exp1.sample(sec);
                    workdays_between(today, d) as f64 <= mean * x
                }
            };
        match slot {
            Some((d, i)) if required || soon_enough(d, &mut self.sec) => {
                self.take(t, today, d, i, e)
            }
            _ => self.too_late(t, today, slot, e, required),
        }
    }

    /// Take slot `i` of day `d` for a request on day `today` at `t`: its lead is recorded,
    /// and its fate drawn (late cancellation, no-show or visit).
    fn take(&mut self, t: f64, today: u64, d: u64, i: usize, e: Errand) {
        let a = self.m.appointments.as_ref().expect("appointments");
        let p = self.p.appointments.expect("appointment parameters");
        let week = self.week_of(t);
        let st = self.appt.as_mut().expect("appointment state");
        if st.book.day(d, &a.slot_times).take(i) {
            st.sc[A::Rebooked as usize] += 1.0;
        }
        st.sc[A::Booked as usize] += 1.0;
        let lead = d - today;
        let lw = workdays_between(today, d);
        st.lead_days[(lead as usize).min(LEAD_BINS - 1)] += 1.0;
        st.lead_workdays[(lw as usize).min(LEAD_BINS - 1)] += 1.0;
        st.lead_sums[0] += lead as f64;
        st.lead_sums[1] += lw as f64;
        st.weekly[0][week] += 1.0;
        st.weekly[1][week] += lead as f64;
        st.weekly[2][week] += (lw <= 5) as u8 as f64;
        let slot_t = d as f64 * DAY + a.slot_times[(d % 7) as usize][i] as f64;
        let (u_cancel, u_show) = (u53(&mut self.sec), u53(&mut self.sec));
        if u_cancel < p.late_cancellation {
            let when = (slot_t - DAY).max(t);
            self.push_pending(
                when,
                PendKind::Free {
                    day: d,
                    slot: i as u32,
                },
                e,
            );
        } else {
            self.push_pending(slot_t, PendKind::Visit(u_show >= p.no_show), e);
        }
    }

    /// The first free slot is later than the citizen accepts, or none is released: what
    /// `whenNoSlot` says (an errand that needs a visit walks in, in mode both, or is lost).
    fn too_late(&mut self, t: f64, today: u64, slot: Option<(u64, usize)>, e: Errand, req: bool) {
        self.appt_count(A::TooLate);
        let a = self.m.appointments.as_ref().expect("appointments");
        let walk_in = a.walk_in_counter;
        let p = self.p.appointments.expect("appointment parameters");
        let take_or_lose = |st: &mut Self| match slot {
            Some((d, i)) => st.take(t, today, d, i, e),
            None => st.lost(t),
        };
        if req {
            if walk_in {
                self.walk_in_later(t, e);
            } else {
                take_or_lose(self);
            }
            return;
        }
        let u = u53(&mut self.sec);
        let u_time = u53(&mut self.sec);
        let cum = p.no_slot;
        if u < cum[0] {
            self.switch(0, t, e, u_time, !e.eligible);
        } else if u < cum[1] {
            if e.eligible {
                if u53(&mut self.sec) >= self.p.failure {
                    self.done_digital(t, e.info);
                    return;
                }
                self.failed_digital(e.info);
            }
            take_or_lose(self);
        } else if u < cum[2] {
            if walk_in {
                self.walk_in_later(t, e);
            } else {
                take_or_lose(self);
            }
        } else {
            self.lost(t);
        }
    }

    /// Walk in at a later opening of the walk-in counter, at a time drawn from the desire
    /// profile over that opening (as a deferred citizen comes back).
    fn walk_in_later(&mut self, t: f64, e: Errand) {
        let sched = &self.m.queues[0].schedule;
        match sched.next_run(t) {
            Some((start, idx)) => {
                self.appt_count(A::WalkInsInstead);
                let u = u53(&mut self.sec);
                let at = start + self.m.closed.desire[0][idx].time_at(u);
                self.push_pending(at, PendKind::Join(0), e);
            }
            None => self.lost(t),
        }
    }

    /// The errand is lost because no slot came soon enough.
    fn lost(&mut self, t: f64) {
        self.gave_up(t, GaveUp::NoSlot);
    }

    /// A booked visit at its slot `t`: attended (a counter contact, served at the desk) or a
    /// no-show.
    pub(super) fn visit(&mut self, t: f64, e: Errand, shows: bool) {
        if !shows {
            self.appt_count(A::NoShows);
            return;
        }
        let x = self.m.queues[0].service.draw(e.w_service)
            * self.m.demand.types[e.ty as usize].scale
            * self.p.handling_scale;
        self.queues[0].handling[super::queue::handling_bin(x)] += 1.0;
        let slot = self.m.appointments.as_ref().map_or(0.0, |a| a.slot_minutes);
        self.bump_weekly(super::replication::W_PERSONAL, t);
        let st = self.appt.as_mut().expect("appointment state");
        st.sc[A::Visits as usize] += 1.0;
        st.visits_info += e.info as u8 as f64;
        st.busy_min += x;
        st.overtime_min += (x - slot).max(0.0);
    }

    /// A late cancellation at `t` gives slot `slot` of day `day` back to the book.
    pub(super) fn cancel(&mut self, t: f64, day: u64, slot: u32) {
        let a = self.m.appointments.as_ref().expect("appointments");
        let st = self.appt.as_mut().expect("appointment state");
        st.book.advance(trunc_u64(t / DAY));
        st.book.day(day, &a.slot_times).give_back(slot as usize);
        st.book.free_from = st.book.free_from.min(day);
        st.sc[A::LateCancellations as usize] += 1.0;
    }
}

/// The smallest lead `d` with at least a share `p` of the bookings at `d` or less.
pub(super) fn lead_quantile(hist: &[f64], p: f64) -> f64 {
    let n: f64 = hist.iter().sum();
    if n <= 0.0 {
        return 0.0;
    }
    let mut acc = 0.0;
    for (d, c) in hist.iter().enumerate() {
        acc += c;
        if acc >= p * n - 1e-9 {
            return d as f64;
        }
    }
    (hist.len() - 1) as f64
}
