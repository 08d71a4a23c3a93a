//! Opening hours and staffing of a queue channel, by minute of the week.

use crate::scenario::WeekHours;
use crate::validate::parse_hhmm;

/// Minutes in a day.
pub const DAY: f64 = 1440.0;
/// Minutes in a week.
pub const WEEK: f64 = 7.0 * DAY;
pub(crate) const WEEK_MIN: usize = 7 * 1440;

/// A piece of the weekly schedule of a queue channel with constant state.
#[derive(Debug, Clone, Copy)]
pub struct Seg {
    /// Start, minute of the week.
    pub start: u32,
    /// End (exclusive), minute of the week.
    pub end: u32,
    /// Open for new arrivals?
    pub open: bool,
    /// Staff serving: the scheduled staff when open; when closed, the staff on duty at the
    /// last closing, who serve those still waiting.
    pub cap: u32,
    /// For an open piece: minute of the week (possibly beyond one week) at which the open
    /// run containing it closes.
    pub run_end: u32,
}

/// `floor(x)` without a libm call when 0 ≤ x < 2⁵² (the cast is exact there); `x.floor()`
/// elsewhere. The same value as `x.floor()` for every `x`.
#[inline(always)]
pub fn floor_fast(x: f64) -> f64 {
    if (0.0..4.5e15).contains(&x) {
        x as i64 as f64
    } else {
        x.floor()
    }
}

/// The minute of the week (0 = Monday 00:00) containing absolute time `t`.
#[inline]
pub fn minute_of_week(t: f64) -> usize {
    let w = t / WEEK;
    minute_in_week(t, floor_fast(w))
}

/// The minute of week `wk` (which must contain `t`) containing `t`.
#[inline]
pub fn minute_in_week(t: f64, wk: f64) -> usize {
    // `as usize` through i64 (cheaper; the same for 0 ≤ m < 2^63, and 0 below).
    ((t - wk * WEEK) as i64).max(0) as usize
}

/// Weekly opening and staffing schedule of a queue channel.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// Pieces covering the week, in order.
    pub segs: Vec<Seg>,
    open_min: Vec<bool>,
    /// Per hour of the week: 0 closed the whole hour, 1 open the whole hour, 2 both.
    hour_open: [u8; 168],
    /// Open runs `(start, end)` in minutes of the week, sorted; `end` may exceed a week when a
    /// run wraps past Sunday midnight.
    pub runs: Vec<(u32, u32)>,
    /// Per minute of the week: the index in `runs` of the first run starting after it
    /// (`runs.len()`: none, the next is next week's first) — [`Schedule::next_run`] without
    /// a search.
    next_run_at: Vec<u16>,
    /// Staff-minutes scheduled in open time per hour of the week.
    pub staff_minutes_by_hour: Vec<f64>,
    /// Open minutes per hour of the week.
    pub open_minutes_by_hour: Vec<f64>,
}

impl Schedule {
    /// The schedule of opening `hours` with `staffing[day][hour]` staff.
    pub fn new(hours: &WeekHours, staffing: &[Vec<u32>]) -> Schedule {
        let mut open = vec![false; WEEK_MIN];
        for d in 0..7 {
            for iv in hours.day(d) {
                let a = parse_hhmm(&iv.start).unwrap_or(0) as usize;
                let b = parse_hhmm(&iv.end).unwrap_or(0) as usize;
                for m in a..b {
                    open[d * 1440 + m] = true;
                }
            }
        }
        let staff_at = |m: usize| staffing[m / 1440][(m % 1440) / 60];
        let mut staff_minutes_by_hour = vec![0.0; 168];
        let mut open_minutes_by_hour = vec![0.0; 168];
        for m in 0..WEEK_MIN {
            if open[m] {
                staff_minutes_by_hour[m / 60] += staff_at(m) as f64;
                open_minutes_by_hour[m / 60] += 1.0;
            }
        }
        // Open runs, merged across midnight and across the end of the week.
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut m = 0;
        while m < WEEK_MIN {
            if open[m] {
                let s = m;
                while m < WEEK_MIN && open[m] {
                    m += 1;
                }
                runs.push((s as u32, m as u32));
            } else {
                m += 1;
            }
        }
        if runs.len() >= 2
            && runs[0].0 == 0
            && runs.last().is_some_and(|r| r.1 as usize == WEEK_MIN)
        {
            let first = runs.remove(0);
            if let Some(last) = runs.last_mut() {
                last.1 = WEEK_MIN as u32 + first.1;
            }
        }
        // Effective staff per minute: scheduled when open; when closed, that of the last open
        // minute before (wrapping), so those still waiting are served.
        let all_open = runs.len() == 1 && runs[0].1 - runs[0].0 >= WEEK_MIN as u32;
        let mut cap = vec![0u32; WEEK_MIN];
        let mut last_open_cap = 0;
        if let Some(lo) = (0..WEEK_MIN).rev().find(|&m| open[m]) {
            last_open_cap = staff_at(lo);
        }
        for m in 0..WEEK_MIN {
            if open[m] {
                cap[m] = staff_at(m);
                last_open_cap = cap[m];
            } else {
                cap[m] = last_open_cap;
            }
        }
        let run_end_of = |m: u32| -> u32 {
            for &(s, e) in &runs {
                if (s <= m && m < e) || (e > WEEK_MIN as u32 && m < e - WEEK_MIN as u32) {
                    return if m >= s { e } else { e - WEEK_MIN as u32 };
                }
            }
            m
        };
        let mut segs = Vec::new();
        let mut s = 0;
        while s < WEEK_MIN {
            let mut e = s + 1;
            while e < WEEK_MIN && open[e] == open[s] && cap[e] == cap[s] {
                e += 1;
            }
            segs.push(Seg {
                start: s as u32,
                end: e as u32,
                open: open[s],
                cap: cap[s],
                run_end: if open[s] {
                    if all_open {
                        u32::MAX / 2
                    } else {
                        run_end_of(s as u32)
                    }
                } else {
                    0
                },
            });
            s = e;
        }
        let mut hour_open = [0u8; 168];
        for (h, o) in hour_open.iter_mut().enumerate() {
            let n = open[h * 60..h * 60 + 60].iter().filter(|&&x| x).count();
            *o = if n == 0 {
                0
            } else if n == 60 {
                1
            } else {
                2
            };
        }
        let next_run_at = (0..WEEK_MIN as u32)
            .map(|m| runs.iter().position(|&(s, _)| s > m).unwrap_or(runs.len()) as u16)
            .collect();
        Schedule {
            segs,
            next_run_at,
            hour_open,
            open_min: open,
            runs,
            staff_minutes_by_hour,
            open_minutes_by_hour,
        }
    }

    /// Is the channel open for new arrivals at absolute time `t` (minutes)?
    #[inline]
    pub fn is_open(&self, t: f64) -> bool {
        self.is_open_minute(minute_of_week(t))
    }

    /// Is the channel open in minute `m` of the week (from [`minute_of_week`])?
    #[inline]
    pub fn is_open_minute(&self, m: usize) -> bool {
        self.open_min[m.min(WEEK_MIN - 1)]
    }

    /// Is the channel open in minute `mow()` of the week, which lies in hour `how` of the
    /// week? `mow` is only called for an hour that is open in part.
    #[inline(always)]
    pub fn is_open_in_hour(&self, how: usize, mow: impl Fn() -> usize) -> bool {
        match self.hour_open[how] {
            0 => false,
            1 => true,
            _ => self.is_open_minute(mow()),
        }
    }

    /// The next opening strictly after `t` (when closed at `t`): `(opens, closes)` in
    /// absolute minutes. `None` if the channel never opens.
    pub fn next_open(&self, t: f64) -> Option<(f64, f64)> {
        if self.runs.is_empty() {
            return None;
        }
        let wk = (t / WEEK).floor();
        let m = t - wk * WEEK;
        for w in [wk, wk + 1.0] {
            for &(s, e) in &self.runs {
                let start = w * WEEK + s as f64;
                if start > t || (w == wk && s as f64 > m) {
                    return Some((start, w * WEEK + e as f64));
                }
            }
        }
        None
    }

    /// The next opening strictly after `t` (when closed at `t`): its absolute start and the
    /// index of its run in [`Schedule::runs`]. `None` if the channel never opens.
    pub fn next_run(&self, t: f64) -> Option<(f64, usize)> {
        if self.runs.is_empty() {
            return None;
        }
        let w = t / WEEK;
        let wk = floor_fast(w);
        // Exact (Sterbenz: `wk · WEEK` is within a factor 2 of `t`, or 0), and below a week;
        // it may be just below 0 where `t / WEEK` rounded up to a whole week.
        let m = t - wk * WEEK;
        // A run starts after `t` iff its (whole) start minute is after ⌊m⌋.
        let i = if m < 0.0 {
            0
        } else {
            self.next_run_at[(m as usize).min(WEEK_MIN - 1)] as usize
        };
        Some(if i < self.runs.len() {
            (wk * WEEK + self.runs[i].0 as f64, i)
        } else {
            ((wk + 1.0) * WEEK + self.runs[0].0 as f64, 0)
        })
    }

    /// The opening after run `idx` that starts at `start` (absolute): its start and index.
    pub fn run_after(&self, start: f64, idx: usize) -> (f64, usize) {
        let n = self.runs.len();
        let next = (idx + 1) % n;
        let week_start = start - self.runs[idx].0 as f64;
        let week_start = if next == 0 {
            week_start + WEEK
        } else {
            week_start
        };
        (week_start + self.runs[next].0 as f64, next)
    }

    /// Scheduled staff-minutes in one week.
    pub fn staff_minutes_per_week(&self) -> f64 {
        self.staff_minutes_by_hour.iter().sum()
    }
}

/// The threshold `k` with `x / 2³² < p ⇔ x < k` for every integer `x` (a 32-bit uniform
/// drawn as `x`): `⌈p · 2³²⌉` (exact: scaling by 2³² is exact and `x` is an integer), 0 for a
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_wraps_and_drains() {
        let hours = WeekHours::uniform(&[0, 1, 2, 3, 4], &[("10:00", "15:00")]);
        let mut staffing = vec![vec![0u32; 24]; 7];
        for row in staffing.iter_mut().take(5) {
            for h in row.iter_mut().take(15).skip(10) {
                *h = 3;
            }
            row[14] = 2;
        }
        let s = Schedule::new(&hours, &staffing);
        assert!(s.is_open(600.0));
        assert!(!s.is_open(900.0));
        assert_eq!(s.next_open(900.0), Some((1440.0 + 600.0, 1440.0 + 900.0)));
        // Friday evening → Monday of the next week.
        let fri_eve = 4.0 * DAY + 960.0;
        assert_eq!(s.next_open(fri_eve), Some((WEEK + 600.0, WEEK + 900.0)));
        // After closing, the staff of the last open hour (2) serve those waiting.
        let closed = s.segs.iter().find(|g| g.start == 900).unwrap();
        assert_eq!(closed.cap, 2);
        assert!(!closed.open);
        let open = s.segs.iter().find(|g| g.start == 600).unwrap();
        assert_eq!(open.run_end, 900);
        assert_eq!(
            s.staff_minutes_per_week(),
            5.0 * (4.0 * 60.0 * 3.0 + 60.0 * 2.0)
        );
    }
}
