//! Displacement: what a citizen does who finds the wanted queue channel closed — defer to
//! the next opening, switch to the other queue channel (or write), go digital, give up —
//! and what happens to pending events (deferred arrivals, redials).

use super::replication::{At, Errand, GaveUp, Pend, PendKind, Rep};
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
        } else if e.book {
            self.book_online(t, e);
        } else {
            let (u_d, u_spread) = u_displace();
            self.displace(ch, t, e, u_d, u_spread, digital_tried);
        }
    }

    /// The citizen found queue channel `ch` closed at `t`: defer (come back to `ch`), switch
    /// channel, go digital or give up, by the sampled shares (`u_d`); `u_time` places a
    /// return in its opening. `tried`: a digital attempt already failed.
    pub(super) fn displace(
        &mut self,
        ch: usize,
        t: f64,
        e: Errand,
        u_d: f64,
        u_time: f64,
        tried: bool,
    ) {
        let cum = self.p.displacement[ch];
        if u_d < cum[0] {
            self.defer(ch, t, e, u_time, tried);
        } else if u_d < cum[1] {
            self.switch(ch, t, e, u_time, tried);
        } else if u_d < cum[2] {
            if e.eligible && !tried {
                let u_f = u53(&mut self.sec);
                if u_f >= self.p.failure {
                    self.sc[M::DisplacedDigital as usize] += 1.0;
                    self.done_digital(t, e.info);
                } else {
                    self.failed_digital(e.info);
                    self.defer(ch, t, e, u_time, true);
                }
            } else {
                self.defer(ch, t, e, u_time, tried);
            }
        } else {
            self.sc[M::DisplacedGaveUp as usize] += 1.0;
            self.gave_up(t, GaveUp::Closed);
        }
    }

    /// Come back to `ch` at one of its next openings (the next, or a later one with the
    /// sampled probability, repeatedly), at a time drawn from the desire profile over that
    /// opening. A channel that never opens cannot be come back to: the citizen switches
    /// instead ([`Rep::switch`]).
    fn defer(&mut self, ch: usize, t: f64, e: Errand, u_time: f64, tried: bool) {
        let sched = &self.m.queues[ch].schedule;
        let Some((mut start, mut idx)) = sched.next_run(t) else {
            self.switch(ch, t, e, u_time, tried);
            return;
        };
        let p_later = self.p.later_opening;
        if p_later > 0.0 {
            for _ in 0..crate::scenario::ComeBack::MAX_SKIPS {
                if u53(&mut self.sec) >= p_later {
                    break;
                }
                (start, idx) = sched.run_after(start, idx);
            }
        }
        self.sc[M::DisplacedDeferred as usize] += 1.0;
        let at = start + self.m.closed.desire[ch][idx].time_at(u_time);
        self.push_pending(at, PendKind::Join(ch), e);
    }

    /// Use another channel of the errand type's mix that is open now — the other queue
    /// channel or writing — in proportion to the mix. If neither is in the mix (or the other
    /// queue channel is closed and writing is not in the mix), come back when the other
    /// queue channel opens; if that never opens either, go digital if eligible, else give up.
    pub(super) fn switch(&mut self, ch: usize, t: f64, e: Errand, u_time: f64, tried: bool) {
        let other = 1 - ch;
        let tm = &self.m.demand.types[e.ty as usize];
        let mix = [
            tm.mix_cum[0],
            tm.mix_cum[1] - tm.mix_cum[0],
            1.0 - tm.mix_cum[1],
        ];
        let other_open = self.m.queues[other].schedule.is_open(t);
        let w_other = if other_open { mix[other].max(0.0) } else { 0.0 };
        let w_written = mix[2].max(0.0);
        if w_other + w_written > 0.0 {
            self.sc[M::DisplacedSwitched as usize] += 1.0;
            let u = u53(&mut self.sec);
            if u * (w_other + w_written) < w_other {
                let w_p = self.sec.next_u64();
                let at = self.at(t);
                self.join_queue(other, t, at, e, || w_p);
            } else {
                self.done_written(t, &e);
            }
            return;
        }
        if let Some((start, idx)) = self.m.queues[other].schedule.next_run(t) {
            self.sc[M::DisplacedDeferred as usize] += 1.0;
            let at = start + self.m.closed.desire[other][idx].time_at(u_time);
            self.push_pending(at, PendKind::Join(other), e);
        } else if e.eligible && !tried && u53(&mut self.sec) >= self.p.failure {
            self.sc[M::DisplacedDigital as usize] += 1.0;
            self.done_digital(t, e.info);
        } else {
            if e.eligible && !tried {
                // The digital attempt failed, and no assisted channel ever opens.
                self.failed_digital(e.info);
            }
            self.sc[M::DisplacedGaveUp as usize] += 1.0;
            self.gave_up(t, GaveUp::Closed);
        }
    }

    pub(super) fn process_pending(&mut self, pd: Pend) {
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
            PendKind::Book => self.book(pd.t, pd.e),
            PendKind::Visit(shows) => self.visit(pd.t, pd.e, shows),
            PendKind::Free { day, slot } => self.cancel(pd.t, day, slot),
        }
    }
}
