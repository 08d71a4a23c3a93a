//! A validated scenario compiled into the form the engine runs: normalised demand rates,
//! cumulative choice tables, minute-precise opening and staffing schedules, and
//! distributions that turn a uniform random number into a duration.

use crate::scenario::*;
use crate::validate::{Invalid, parse_hhmm, validate};

/// Minutes in a day.
pub const DAY: f64 = 1440.0;
/// Minutes in a week.
pub const WEEK: f64 = 7.0 * DAY;
const WEEK_MIN: usize = 7 * 1440;
const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// A duration distribution sampled by inversion from one uniform number, so that a scenario
/// and its baseline use the same random number for the same errand (common random numbers).
#[derive(Debug, Clone)]
pub enum Dist {
    /// Exponential with this mean.
    Exp(f64),
    /// Lognormal: parameters of the underlying normal.
    LogNormal {
        /// Mean of the log.
        mu: f64,
        /// Standard deviation of the log.
        sigma: f64,
    },
    /// Histogram: bin edges and cumulative weights (last = 1).
    Empirical {
        /// Edges, minutes.
        edges: Vec<f64>,
        /// Cumulative probabilities per bin.
        cum: Vec<f64>,
    },
}

impl Dist {
    fn compile(d: &Distribution) -> Dist {
        match d {
            Distribution::Exponential { mean_min } => Dist::Exp(*mean_min),
            Distribution::Lognormal { mean_min, sd_min } => {
                let cv2 = (sd_min / mean_min) * (sd_min / mean_min);
                let s2 = libm::log1p(cv2);
                Dist::LogNormal {
                    mu: libm::log(*mean_min) - s2 / 2.0,
                    sigma: s2.sqrt(),
                }
            }
            Distribution::Empirical { edges_min, weights } => {
                let total: f64 = weights.iter().sum();
                let mut acc = 0.0;
                let cum = weights
                    .iter()
                    .map(|w| {
                        acc += w / total;
                        acc
                    })
                    .collect::<Vec<_>>();
                Dist::Empirical {
                    edges: edges_min.clone(),
                    cum,
                }
            }
        }
    }

    /// A draw in minutes from one 64-bit random word: the exponential by the ziggurat method
    /// ([`crate::sim::exp1_from_word`]), inline; the others by inversion of the word's 53-bit
    /// uniform ([`Dist::quantile`]), out of line.
    #[inline(always)]
    pub fn draw(&self, w: u64) -> f64 {
        match self {
            Dist::Exp(mean) => mean * crate::sim::exp1_from_word(w),
            _ => self.quantile(crate::sim::unit53(w)),
        }
    }

    /// The `u`-quantile (0 ≤ u < 1) of the distribution, in minutes.
    #[inline(never)]
    pub fn quantile(&self, u: f64) -> f64 {
        match self {
            Dist::Exp(mean) => -mean * libm::log1p(-u),
            Dist::LogNormal { mu, sigma } => libm::exp(mu + sigma * inv_norm_cdf(u)),
            Dist::Empirical { edges, cum } => {
                let n = cum.len();
                let mut i = 0;
                while i + 1 < n && u >= cum[i] {
                    i += 1;
                }
                let lo = if i == 0 { 0.0 } else { cum[i - 1] };
                let w = cum[i] - lo;
                let f = if w > 0.0 {
                    ((u - lo) / w).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                edges[i] + f * (edges[i + 1] - edges[i])
            }
        }
    }

    /// The mean of the distribution, minutes.
    pub fn mean(&self) -> f64 {
        match self {
            Dist::Exp(m) => *m,
            Dist::LogNormal { mu, sigma } => libm::exp(mu + sigma * sigma / 2.0),
            Dist::Empirical { edges, cum } => {
                let mut lo = 0.0;
                let mut m = 0.0;
                for i in 0..cum.len() {
                    m += (cum[i] - lo) * (edges[i] + edges[i + 1]) / 2.0;
                    lo = cum[i];
                }
                m
            }
        }
    }
}

/// Inverse of the standard normal CDF (Acklam's rational approximation refined by one
/// Halley step; relative error below 1e-12 on (0, 1)).
pub fn inv_norm_cdf(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let plow = 0.02425;
    let x = if p < plow {
        let q = (-2.0 * libm::log(p)).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - plow {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * libm::log1p(-p)).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One Halley refinement step.
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

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

/// The minute of the week (0 = Monday 00:00) containing absolute time `t`.
#[inline]
pub fn minute_of_week(t: f64) -> usize {
    let w = t / WEEK;
    // floor(w) without a libm call when 0 ≤ w < 2^52 (the cast is exact there).
    let wk = if (0.0..4.5e15).contains(&w) {
        w as i64 as f64
    } else {
        w.floor()
    };
    minute_in_week(t, wk)
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
    /// Staff-minutes scheduled in open time per hour of the week.
    pub staff_minutes_by_hour: Vec<f64>,
    /// Open minutes per hour of the week.
    pub open_minutes_by_hour: Vec<f64>,
}

impl Schedule {
    fn compile(hours: &WeekHours, staffing: &[Vec<u32>]) -> Schedule {
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
        Schedule {
            segs,
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

    /// Scheduled staff-minutes in one week.
    pub fn staff_minutes_per_week(&self) -> f64 {
        self.staff_minutes_by_hour.iter().sum()
    }
}

/// The threshold `k` with `x / 2³² < p ⇔ x < k` for every integer `x` (a 32-bit uniform
/// drawn as `x`): `⌈p · 2³²⌉` (exact: scaling by 2³² is exact and `x` is an integer), 0 for a
/// negative or NaN `p`. Comparing integers gives the same choices as comparing the uniforms.
pub fn u32_threshold(p: f64) -> u64 {
    let k = (p * 4_294_967_296.0).ceil();
    if k > 0.0 {
        k.min(8_589_934_592.0) as u64
    } else {
        0
    }
}

/// A compiled errand type.
#[derive(Debug, Clone)]
pub struct TypeModel {
    /// Share that is information.
    pub info: f64,
    /// Digitally eligible share.
    pub eligible: f64,
    /// Cumulative channel mix: personal, personal + phone.
    pub mix_cum: [f64; 2],
    /// `info`, `eligible` and `mix_cum` as thresholds for 32-bit uniforms ([`u32_threshold`]).
    pub info_thr: u64,
    /// See `info_thr`.
    pub eligible_thr: u64,
    /// See `info_thr`.
    pub mix_thr: [u64; 2],
    /// Handling-time multiplier.
    pub scale: f64,
    /// Own adoption range, if any.
    pub adoption: Option<Range>,
}

/// A compiled queue channel.
#[derive(Debug, Clone)]
pub struct QueueModel {
    /// Opening and staffing.
    pub schedule: Schedule,
    /// Service time.
    pub service: Dist,
    /// Patience, if finite.
    pub patience: Option<Dist>,
    /// Redial probability range.
    pub redial: Range,
    /// Mean redial delay.
    pub redial_delay: f64,
    /// Service target in minutes.
    pub target_min: f64,
}

/// A validated scenario, ready to simulate.
#[derive(Debug, Clone)]
pub struct Model {
    /// The scenario it was built from.
    pub scenario: Scenario,
    /// Weeks simulated.
    pub weeks: u32,
    /// Expected errands per hour of the week, per week (before month and demand factors).
    pub hour_base: Vec<f64>,
    /// Month factor of each day of the horizon (normalised to mean 1 over the horizon).
    pub day_factor: Vec<f64>,
    /// Cumulative shares of the errand types.
    pub type_cum: Vec<f64>,
    /// `type_cum` as thresholds for 32-bit uniforms ([`u32_threshold`]).
    pub type_thr: Vec<u64>,
    /// Errand types.
    pub types: Vec<TypeModel>,
    /// Counter (0) and phone (1).
    pub queues: [QueueModel; 2],
    /// Back-office time per written contact.
    pub written: Dist,
}

impl Model {
    /// Validate and compile a scenario.
    pub fn new(s: &Scenario) -> Result<Model, Invalid> {
        validate(s)?;
        let d = &s.demand;
        let weeks = s.horizon_weeks;
        let total_w: f64 = d.weekly_profile.iter().flatten().sum();
        let per_week = d.annual_errands / 52.0;
        let hour_base = d
            .weekly_profile
            .iter()
            .flatten()
            .map(|w| per_week * w / total_w)
            .collect();
        let ndays = weeks as usize * 7;
        let mut day_factor: Vec<f64> = (0..ndays)
            .map(|k| d.monthly_factors[month_of_day(k)])
            .collect();
        let mean_f = day_factor.iter().sum::<f64>() / ndays as f64;
        if mean_f > 0.0 {
            for f in &mut day_factor {
                *f /= mean_f;
            }
        }
        let mut acc = 0.0;
        let type_cum: Vec<f64> = d
            .errand_types
            .iter()
            .map(|t| {
                acc += t.share;
                acc
            })
            .collect();
        let types = d
            .errand_types
            .iter()
            .map(|t| TypeModel {
                info: t.information_share,
                eligible: t.digital_eligible,
                mix_cum: [
                    t.channel_mix.personal,
                    t.channel_mix.personal + t.channel_mix.phone,
                ],
                info_thr: u32_threshold(t.information_share),
                eligible_thr: u32_threshold(t.digital_eligible),
                mix_thr: [
                    u32_threshold(t.channel_mix.personal),
                    u32_threshold(t.channel_mix.personal + t.channel_mix.phone),
                ],
                scale: t.handling_time_scale,
                adoption: t.adoption,
            })
            .collect();
        let q = |qc: &QueueChannel, h: &WeekHours| QueueModel {
            schedule: Schedule::compile(h, &qc.staffing),
            service: Dist::compile(&qc.service_time),
            patience: qc.patience.as_ref().map(Dist::compile),
            redial: qc.redial_probability,
            redial_delay: qc.redial_mean_delay_min,
            target_min: qc.target_seconds / 60.0,
        };
        Ok(Model {
            weeks,
            hour_base,
            day_factor,
            type_thr: type_cum.iter().map(|&c| u32_threshold(c)).collect(),
            type_cum,
            types,
            queues: [
                q(&s.queues.personal, &s.opening_hours.personal),
                q(&s.queues.phone, &s.opening_hours.phone),
            ],
            written: Dist::compile(&s.written.handling_time),
            scenario: s.clone(),
        })
    }
}

/// Month (0 = January) of day `k` of the horizon; each simulated year has 52 weeks (364
/// days) starting on 1 January.
pub fn month_of_day(k: usize) -> usize {
    let mut doy = (k % 364) as u32;
    for (m, len) in MONTH_DAYS.iter().enumerate() {
        if doy < *len {
            return m;
        }
        doy -= len;
    }
    11
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_thresholds_make_the_same_choices_as_uniforms() {
        let s = 1.0 / 4_294_967_296.0;
        let mut z: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            z = z
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            z >> 32
        };
        let mut ps = vec![
            0.0,
            1.0,
            0.5,
            0.25,
            1.0 / 3.0,
            0.1 + 0.2,
            1.0 - 1e-17,
            1e-300,
            -0.5,
        ];
        for _ in 0..1000 {
            ps.push(next() as f64 * s);
            ps.push((next() as f64 + 0.5) * s);
        }
        for p in ps {
            let k = u32_threshold(p);
            let near = (p.max(0.0) * 4_294_967_296.0) as u64;
            for x in [
                0,
                1,
                near.saturating_sub(1),
                near,
                near + 1,
                next(),
                4_294_967_295,
            ] {
                let x = x.min(4_294_967_295);
                assert_eq!(x < k, (x as f64 * s) < p, "p = {p:e}, x = {x}");
            }
        }
    }

    #[test]
    fn inverse_normal_is_accurate() {
        for (p, z) in [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.001, -3.090_232_306_167_813_5),
        ] {
            assert!((inv_norm_cdf(p) - z).abs() < 1e-9, "{p}");
        }
    }

    #[test]
    fn empirical_quantiles_follow_bins() {
        let d = Dist::compile(&Distribution::Empirical {
            edges_min: vec![0.0, 2.0, 4.0],
            weights: vec![1.0, 3.0],
        });
        assert!((d.quantile(0.125) - 1.0).abs() < 1e-12);
        assert!((d.quantile(0.625) - 3.0).abs() < 1e-12);
        assert!((d.mean() - (0.25 * 1.0 + 0.75 * 3.0)).abs() < 1e-12);
    }

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
        let s = Schedule::compile(&hours, &staffing);
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
