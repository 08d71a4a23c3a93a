//! Demand: when citizens want contact (hour-of-week rates, month factors, a gamma day
//! multiplier) and which errand types they bring (shares, information/transaction,
//! digital eligibility, channel mix), compiled into rates and integer choice thresholds.

use crate::error::{Error, Issue};
use crate::rng::u32_threshold;
use crate::scenario::{ChannelMix, ChannelTilt, Demand, Range};
use rand_distr::Gamma;

const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Smallest positive day dispersion (coefficient of variation of the day multiplier): below
/// it the gamma's shape `1 / cv²` exceeds [`MAX_GAMMA_SHAPE`] and its sampler stops being
/// finite (at `cv ≈ 1e-155` the shape is infinite and the multiplier too). A dispersion of 0
/// means none.
pub const MIN_DAY_DISPERSION: f64 = 1e-3;
/// Largest gamma shape of the day multiplier (`1 / MIN_DAY_DISPERSION²`).
pub const MAX_GAMMA_SHAPE: f64 = 1e6;

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
    /// `mix_thr` at each hour of the week under the scenario's channel tilt; `None` without
    /// a tilt (then `mix_thr` holds at every hour).
    pub mix_thr_how: Option<Box<[[u64; 2]; 168]>>,
    /// Handling-time multiplier.
    pub scale: f64,
    /// Own adoption range, if any.
    pub adoption: Option<Range>,
    /// Needs a visit in person (takes a late slot rather than another channel).
    pub requires_attendance: bool,
}

/// Demand compiled for the engine.
#[derive(Debug, Clone)]
pub struct DemandModel {
    /// Expected errands per hour of the week, per week (before month and demand factors).
    pub hour_base: Vec<f64>,
    /// Month factor of each day of the horizon (normalised to mean 1 over the horizon).
    pub day_factor: Vec<f64>,
    /// The day multiplier's gamma distribution (mean 1), if days are over-dispersed.
    pub day_gamma: Option<Gamma<f64>>,
    /// The uncertain demand multiplier.
    pub demand_factor: Range,
    /// Errands a year (before the demand factor).
    pub annual_errands: f64,
    /// Cumulative shares of the errand types.
    pub type_cum: Vec<f64>,
    /// `type_cum` as thresholds for 32-bit uniforms ([`u32_threshold`]).
    pub type_thr: Vec<u64>,
    /// Where the search for the errand type of a 32-bit uniform `u` starts, by its top 8
    /// bits ([`DemandModel::type_of`]).
    pub type_start: Vec<u32>,
    /// Errand types.
    pub types: Vec<TypeModel>,
}

impl DemandModel {
    /// Compile the demand of a validated scenario over `weeks` weeks.
    pub fn new(d: &Demand, weeks: u32) -> Result<DemandModel, Error> {
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
                mix_thr_how: d
                    .channel_tilt
                    .as_ref()
                    .map(|tilt| tilted_thresholds(&t.channel_mix, tilt)),
                scale: t.handling_time_scale,
                adoption: t.adoption,
                requires_attendance: t.requires_attendance,
            })
            .collect();
        let type_thr: Vec<u64> = type_cum.iter().map(|&c| u32_threshold(c)).collect();
        let type_start = (0..256u64)
            .map(|k| type_from(&type_thr, k << 24, 0) as u32)
            .collect();
        Ok(DemandModel {
            hour_base,
            day_factor,
            day_gamma: day_gamma(d.day_dispersion)?,
            demand_factor: d.demand_factor,
            annual_errands: d.annual_errands,
            type_thr,
            type_start,
            type_cum,
            types,
        })
    }
}

/// The channel-choice thresholds of a mix at each hour of the week under a (validated)
/// tilt: weights `personal · tilt.personal[h]`, `phone · tilt.phone[h]`, `written`,
/// renormalised. An hour where the tilted weights are all 0 keeps the untilted mix.
fn tilted_thresholds(mix: &ChannelMix, tilt: &ChannelTilt) -> Box<[[u64; 2]; 168]> {
    let mut thr = Box::new([[0u64; 2]; 168]);
    for (h, slot) in thr.iter_mut().enumerate() {
        let (day, hour) = (h / 24, h % 24);
        let p = mix.personal * tilt.personal[day][hour];
        let ph = mix.phone * tilt.phone[day][hour];
        let total = p + ph + mix.written;
        *slot = if total > 0.0 && total.is_finite() {
            [u32_threshold(p / total), u32_threshold((p + ph) / total)]
        } else {
            [
                u32_threshold(mix.personal),
                u32_threshold(mix.personal + mix.phone),
            ]
        };
    }
    thr
}

impl DemandModel {
    /// The errand type of a 32-bit uniform `u`: the first whose cumulative threshold exceeds
    /// `u`, the last if none does. The search starts where that of `u`'s top 8 bits (with the
    /// rest 0) ends: a larger `u` never has an earlier type.
    #[inline(always)]
    pub fn type_of(&self, u: u64) -> usize {
        let from = self.type_start[(u >> 24) as usize & 255] as usize;
        type_from(&self.type_thr, u, from)
    }
}

/// The first type from `from` whose threshold in `thr` exceeds `u` (the last if none does).
#[inline(always)]
fn type_from(thr: &[u64], u: u64, from: usize) -> usize {
    let mut ty = from;
    while ty + 1 < thr.len() && u >= thr[ty] {
        ty += 1;
    }
    ty
}

/// The gamma distribution (mean 1, coefficient of variation `cv`) of the day multiplier;
/// `None` for `cv = 0`. Refused where its sampler would not be finite.
pub fn day_gamma(cv: f64) -> Result<Option<Gamma<f64>>, Error> {
    if cv == 0.0 {
        return Ok(None);
    }
    let refuse = || {
        Error::invalid(vec![Issue::new(
            "demand.dayDispersion",
            format!(
                "must be 0 (no day-to-day variation) or between {MIN_DAY_DISPERSION} and 3 (got {})",
                crate::error::readable(cv)
            ),
            format!(
                "skal være 0 (ingen variation fra dag til dag) eller mellem 0,001 og 3 (fik {})",
                crate::error::readable(cv).replace('.', ",")
            ),
        )])
    };
    if !(MIN_DAY_DISPERSION..=3.0).contains(&cv) {
        return Err(refuse());
    }
    let shape = 1.0 / (cv * cv);
    if !(shape.is_finite() && shape <= MAX_GAMMA_SHAPE * (1.0 + 1e-9)) {
        return Err(refuse());
    }
    Gamma::new(shape, cv * cv).map(Some).map_err(|_| refuse())
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
