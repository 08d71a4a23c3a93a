//! Displacement: what a citizen does who finds the wanted queue channel closed — defer to
//! the next opening, switch to the other queue channel (or write), go digital, give up —
//! and what happens to pending events (deferred arrivals, redials).

use super::replication::{At, Errand, PendKind, Pending, Rep};
use crate::report::M;
use crate::rng::u53;
use rand_xoshiro::rand_core::Rng;

impl Rep<'_> {
    /// Errand wants channel `ch` (a queue) at `t`: join if open, otherwise be displaced.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub(super) fn want_queue(
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

    pub(super) fn displace(
        &mut self,
        ch: usize,
        t: f64,
        e: Errand,
        u_d: f64,
        u_spread: f64,
        tried: bool,
    ) {
        let cum = self.p.displacement[ch];
        let other = 1 - ch;
        let defer = |me: &mut Self| {
            match me.m.queues[ch].schedule.next_open(t) {
                Some((open, close)) => {
                    me.sc[M::DisplacedDeferred as usize] += 1.0;
                    let spread = me.m.closed.defer_spread_min.min(close - open);
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

    pub(super) fn process_pending(&mut self, pd: Pending) {
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
}
