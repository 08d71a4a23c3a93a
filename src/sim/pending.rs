//! Pending events (deferrals to an opening, redials, bookings, visits, cancellations) in
//! time order, as a calendar of hourly buckets in front of a sorted run and a small binary
//! heap.
//!
//! The replication asks only for the events due at or before a time in the hour it has
//! reached ([`Pending::advance`]), so an event due in a later hour waits in that hour's
//! bucket (a linked list through a slab, no allocation per event). When the replication
//! reaches its hour, the bucket's keys are sorted once into the run, which is then read in
//! order; an event pushed for the hour already reached (a redial due within the hour, a
//! booking made at once) goes to the heap. Keys are 24 bytes, the events themselves staying
//! in the slab. Events pop in exactly the order of a single heap over all of them — by
//! time, then by the order they were pushed in — so the numbers are those of the single
//! heap this replaced.

use super::replication::Pend;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// No slab entry (the end of a bucket's list, or of the free list).
const NIL: u32 = u32::MAX;

/// A key of the total order of `f64` (as [`f64::total_cmp`]) as an unsigned integer.
#[inline(always)]
fn time_key(t: f64) -> u64 {
    let b = t.to_bits();
    if b >> 63 == 1 { !b } else { b | 1 << 63 }
}

/// The pending events of a replication.
pub(super) struct Pending {
    /// Keys `(time, sequence, slab index)` of the events pushed for the hour reached or
    /// earlier, and of those beyond the last bucket; earliest first.
    heap: BinaryHeap<Reverse<(u64, u64, u32)>>,
    /// Keys of the events that were in buckets of the hours reached, ascending; those before
    /// `cur` are taken.
    run: Vec<(u64, u64, u32)>,
    cur: usize,
    /// The events, with the next entry of their bucket's list.
    slab: Vec<(Pend, u32)>,
    /// Free slab entries (a list through the slab's links).
    free: u32,
    /// Per hour from the start: the first entry of its bucket.
    head: Vec<u32>,
    /// The hour the replication has reached: events due in it or earlier are in the run or
    /// the heap.
    hour: usize,
    /// Events pushed so far (the next one's sequence number).
    pub(super) seq: u64,
}

impl Pending {
    /// Pending events for a replication of `hours` hours.
    pub(super) fn new(hours: usize) -> Pending {
        Pending {
            heap: BinaryHeap::new(),
            run: Vec::new(),
            cur: 0,
            slab: Vec::new(),
            free: NIL,
            head: vec![NIL; hours],
            hour: 0,
            seq: 0,
        }
    }

    /// The hour (from the start) containing `t`, for a `t` that is not negative: `h` with
    /// `60 h ≤ t < 60 (h + 1)`, exactly. (For a double `x < 60 k`, `x / 60 < k` in double
    /// arithmetic: the gap below `60 k` divided by 60 is more than half the gap below `k`;
    /// so an event due just before an hour's start never waits in that hour's bucket, and
    /// an arrival of the hour before cannot come after it. The test below checks the order.)
    #[inline(always)]
    fn hour_of(t: f64) -> usize {
        super::trunc_u64(t / 60.0) as usize
    }

    /// Add an event.
    #[inline]
    pub(super) fn push(&mut self, mut pd: Pend) {
        self.seq += 1;
        pd.seq = self.seq;
        let t = pd.t;
        let h = Self::hour_of(t);
        let in_bucket = h > self.hour && h < self.head.len();
        let next = if in_bucket { self.head[h] } else { NIL };
        let i = if self.free != NIL {
            let i = self.free;
            self.free = self.slab[i as usize].1;
            self.slab[i as usize] = (pd, next);
            i
        } else {
            self.slab.push((pd, next));
            (self.slab.len() - 1) as u32
        };
        if in_bucket {
            self.head[h] = i;
        } else {
            self.heap.push(Reverse((time_key(t), self.seq, i)));
        }
    }

    /// The replication has reached hour `h`: the events due up to its end enter the run,
    /// sorted with those of it not yet taken.
    #[inline]
    pub(super) fn advance(&mut self, h: usize) {
        if self.hour >= h {
            return;
        }
        let before = self.run.len();
        while self.hour < h {
            self.hour += 1;
            if self.hour >= self.head.len() {
                self.hour = h;
                break;
            }
            let mut i = self.head[self.hour];
            self.head[self.hour] = NIL;
            while i != NIL {
                let (pd, next) = &self.slab[i as usize];
                self.run.push((time_key(pd.t), pd.seq, i));
                i = *next;
            }
        }
        if self.run.len() > before {
            self.run.drain(..self.cur);
            self.cur = 0;
            self.run.sort_unstable();
        }
    }

    /// The earliest key of the run and the heap.
    #[inline(always)]
    fn first(&self) -> Option<(u64, u64, u32)> {
        let r = self.run.get(self.cur).copied();
        match (r, self.heap.peek()) {
            (Some(a), Some(&Reverse(b))) => Some(if a < b { a } else { b }),
            (a, b) => a.or(b.map(|r| r.0)),
        }
    }

    /// Every bucket enters the heap (at the end of the replication).
    pub(super) fn advance_all(&mut self) {
        self.advance(self.head.len());
    }

    /// The earliest event due at or before `until` (which lies in the hour reached, or
    /// after every bucket), taken out.
    #[inline]
    pub(super) fn pop_until(&mut self, until: f64) -> Option<Pend> {
        let (k, seq, i) = self.first()?;
        if k > time_key(until) {
            return None;
        }
        if self
            .run
            .get(self.cur)
            .is_some_and(|r| (r.0, r.1) == (k, seq))
        {
            self.cur += 1;
        } else {
            self.heap.pop();
        }
        let pd = self.slab[i as usize].0;
        self.slab[i as usize].1 = self.free;
        self.free = i;
        Some(pd)
    }

    /// Is an event due at or before `t` (in the hour reached)?
    #[inline(always)]
    pub(super) fn due(&self, t: f64) -> bool {
        let k = time_key(t);
        self.run.get(self.cur).is_some_and(|r| r.0 <= k)
            || self.heap.peek().is_some_and(|r| r.0.0 <= k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Purpose, stream, u53};
    use crate::sim::replication::{Errand, PendKind};

    /// Events come out in the order of one heap over all of them — by time, then push order
    /// — whatever the hour reached when they were pushed, ties, times just below an hour's
    /// start (where `t / 60` rounds up to the next hour) and times past the last bucket
    /// included. (Just below an hour's start, `t / 60` stays below the hour: see `hour_of`;
    /// the test `hour_of_is_exact_below_hour_starts` checks it for the first million hours.)
    /// The driver is the replication's: it reaches hour `h`, then takes the events
    /// due by times inside hour `h`, pushing new ones (due now, later this hour or later).
    #[test]
    fn pops_in_time_then_push_order() {
        let mut r = stream(3, 0, Purpose::Secondary);
        let hours = 200;
        let mut p = Pending::new(hours);
        // The reference: every event pushed and not yet taken, as (time, seq).
        let mut reference: Vec<(f64, u64)> = Vec::new();
        let e = Errand {
            ty: 0,
            info: false,
            eligible: false,
            w_service: 0,
            book: false,
        };
        let push = |p: &mut Pending, reference: &mut Vec<(f64, u64)>, t: f64| {
            p.push(Pend {
                t,
                seq: 0,
                kind: PendKind::Book,
                e,
            });
            reference.push((t, p.seq));
        };
        for h in 0..hours + 3 {
            p.advance(h);
            let h0 = h as f64 * 60.0;
            for _ in 0..20 {
                let now = h0 + (u53(&mut r) * 60.0).min(59.999);
                // New events: due now, just below an hour's start, on a coarse grid (ties),
                // far ahead, past the last bucket.
                for _ in 0..3 {
                    let u = u53(&mut r);
                    let t = if u < 0.2 {
                        now
                    } else if u < 0.4 {
                        let k = h + 1 + (u53(&mut r) * 30.0) as usize;
                        // Just below hour k's start (the largest double below it).
                        (k as f64 * 60.0).next_down()
                    } else if u < 0.7 {
                        now + (u53(&mut r) * 8.0).floor() * 7.5
                    } else if u < 0.95 {
                        now + u53(&mut r) * 3000.0
                    } else {
                        (hours as f64 + 5.0) * 60.0 + u53(&mut r)
                    };
                    push(&mut p, &mut reference, t);
                }
                // Take everything due by `now`, in order.
                reference.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
                while let Some(pd) = p.pop_until(now) {
                    let want = reference.pop().expect("an event is due");
                    assert!(want.0 <= now);
                    assert_eq!((pd.t.to_bits(), pd.seq), (want.0.to_bits(), want.1));
                }
                assert!(
                    reference.last().is_none_or(|w| w.0 > now),
                    "an event due by {now} was left"
                );
                assert!(!p.due(now), "an event due by {now} is still due");
            }
        }
        p.advance_all();
        reference.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        while let Some(pd) = p.pop_until(f64::INFINITY) {
            let want = reference.pop().expect("an event is left");
            assert_eq!((pd.t.to_bits(), pd.seq), (want.0.to_bits(), want.1));
        }
        assert!(reference.is_empty());
    }

    /// For a double just below `60 k`, `hour_of` gives `k − 1`, never `k`.
    #[test]
    fn hour_of_is_exact_below_hour_starts() {
        for k in 1..1_000_000usize {
            let b = k as f64 * 60.0;
            assert_eq!(Pending::hour_of(b), k);
            assert_eq!(Pending::hour_of(b.next_down()), k - 1, "hour {k}");
        }
    }
}
