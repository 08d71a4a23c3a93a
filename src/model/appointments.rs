//! The counter by appointment, compiled: the slot times of each weekday, the booking
//! horizon and channels, and the uncertain behaviour (see [`crate::scenario::Appointments`]
//! for the rules).

use super::dist::Dist;
use crate::error::Error;
use crate::scenario::{Appointments, CounterMode, NoSlot, Range};

/// A compiled appointment book.
#[derive(Debug, Clone)]
pub struct AppointmentModel {
    /// Both booked visits and a walk-in counter (otherwise by appointment only).
    pub walk_in_counter: bool,
    /// Slot start times per weekday (Monday first), minutes after midnight, ascending.
    pub slot_times: [Vec<u32>; 7],
    /// Booked-desk minutes per week (the desks' staff time).
    pub desk_minutes_per_week: f64,
    /// Length of a slot, minutes.
    pub slot_minutes: f64,
    /// Calendar days ahead that slots are released.
    pub horizon_days: u32,
    /// Whether a slot later the same day may be booked.
    pub same_day: bool,
    /// Cumulative booking-channel shares: phone, phone + web (the rest at the counter).
    pub booked_by_cum: [f64; 2],
    /// Handling time of a booking contact.
    pub booking_time: Dist,
    /// Share who walk in without booking (mode both).
    pub walk_in: Range,
    /// Mean patience in workdays (`None`: any lead is accepted).
    pub patience_workdays: Option<Range>,
    /// What a citizen does when the slot is too late.
    pub when_no_slot: NoSlot,
    /// No-show share.
    pub no_show: Range,
    /// Late-cancellation share.
    pub late_cancellation: Range,
    /// Days with slots already booked at the start.
    pub initial_backlog_days: f64,
}

impl AppointmentModel {
    /// Compile the appointment settings of a validated scenario; `None` for a walk-in
    /// counter.
    pub fn new(a: Option<&Appointments>) -> Result<Option<AppointmentModel>, Error> {
        let Some(a) = a else { return Ok(None) };
        if a.mode == CounterMode::WalkIn {
            return Ok(None);
        }
        let slot_times = std::array::from_fn(|d| slot_times(&a.desks[d], a.slot_minutes));
        let desk_minutes_per_week = a.desks.iter().flatten().map(|&n| n as f64).sum::<f64>() * 60.0;
        let s = a.booked_by.phone + a.booked_by.web + a.booked_by.counter;
        let s = if s > 0.0 { s } else { 1.0 };
        Ok(Some(AppointmentModel {
            walk_in_counter: a.mode == CounterMode::Both,
            slot_times,
            desk_minutes_per_week,
            slot_minutes: a.slot_minutes,
            horizon_days: a.horizon_days,
            same_day: a.same_day,
            booked_by_cum: [
                a.booked_by.phone / s,
                (a.booked_by.phone + a.booked_by.web) / s,
            ],
            booking_time: Dist::new(&a.booking_time, "appointments.bookingTime")?,
            walk_in: a.walk_in,
            patience_workdays: a.patience_workdays,
            when_no_slot: a.when_no_slot,
            no_show: a.no_show,
            late_cancellation: a.late_cancellation,
            initial_backlog_days: a.initial_backlog_days,
        }))
    }

    /// Slots offered in one week.
    pub fn slots_per_week(&self) -> usize {
        self.slot_times.iter().map(Vec::len).sum()
    }
}

/// The slot start times of one weekday: in hour `h` with `d` desks, `n = ⌊d · 60 / len⌋`
/// slots at `h · 60 + ⌊60 i / n⌋`, `i = 0 … n − 1`.
pub fn slot_times(desks: &[u32], slot_minutes: f64) -> Vec<u32> {
    let mut v = Vec::new();
    for (h, &d) in desks.iter().enumerate() {
        let n = (d as f64 * 60.0 / slot_minutes).floor() as u32;
        for i in 0..n {
            v.push(h as u32 * 60 + 60 * i / n);
        }
    }
    v
}

/// Weekdays (Monday–Friday) among the days `0 ..= n` counted from a Monday (day 0).
pub fn weekdays_through(n: u64) -> u64 {
    n / 7 * 5 + (n % 7 + 1).min(5)
}

/// Workdays (Monday–Friday) after day `a` up to and including day `b` (days counted from
/// a Monday, day 0).
pub fn workdays_between(a: u64, b: u64) -> u64 {
    if b <= a {
        0
    } else {
        weekdays_through(b) - weekdays_through(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_spread_over_the_hour() {
        let mut desks = vec![0; 24];
        desks[9] = 2;
        desks[10] = 1;
        assert_eq!(
            slot_times(&desks, 20.0),
            vec![540, 550, 560, 570, 580, 590, 600, 620, 640]
        );
        desks[9] = 1;
        // 60 / 25 = 2.4 slots: 2, at :00 and :30.
        assert_eq!(slot_times(&desks[..10], 25.0), vec![540, 570]);
    }

    #[test]
    fn workdays_count_monday_to_friday() {
        // Day 0 is a Monday; day 4 a Friday, 5 and 6 the weekend.
        assert_eq!(workdays_between(0, 1), 1);
        assert_eq!(workdays_between(4, 7), 1); // Friday → Monday
        assert_eq!(workdays_between(4, 6), 0); // Friday → Sunday
        assert_eq!(workdays_between(0, 7), 5);
        assert_eq!(workdays_between(3, 17), 10);
        for a in 0..30 {
            for b in a..60 {
                let brute = (a + 1..=b).filter(|d| d % 7 < 5).count() as u64;
                assert_eq!(workdays_between(a, b), brute, "{a} {b}");
            }
        }
    }
}
