//! The back-test: the registrations a calibrated scenario simulates in the counting weeks,
//! against the ones counted — per channel per week, per weekday-hour, with the correlation
//! and the mean absolute error over the hours with at least [`MIN_HOUR`] registrations.
//!
//! Simulated registrations are served contacts by the hour they arrived (a KOMHEN
//! registration is a contact handled; an interval report's answered call), the mean over
//! the replications and the 52 simulated weeks, times the seasonal factor of the counting
//! weeks (so they are the counting weeks' figures, not the year's mean week).

/// Hours with fewer registrations (summed over the counting weeks) are not measured.
pub const MIN_HOUR: f64 = 20.0;

/// One channel observed against simulated.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelFit {
    /// `personal`, `phone`, `written` or `digital`.
    pub channel: &'static str,
    /// Registrations a counting week, observed.
    pub observed_weekly: f64,
    /// The same, simulated.
    pub simulated_weekly: f64,
    /// Registrations a counting week by hour of the week, observed (counter and phone; empty
    /// for written and digital, which have no queue hours).
    pub observed_hourly: Vec<f64>,
    /// The same, simulated.
    pub simulated_hourly: Vec<f64>,
    /// Pearson correlation over the measured hours (`None` with fewer than 3).
    pub correlation: Option<f64>,
    /// Σ|simulated − observed| / Σ observed over the measured hours.
    pub mean_abs_error: Option<f64>,
    /// Hours measured (at least [`MIN_HOUR`] registrations over the counting weeks).
    pub hours_measured: usize,
}

impl ChannelFit {
    /// Simulated weekly volume relative to the observed, minus 1.
    pub fn weekly_error(&self) -> f64 {
        if self.observed_weekly > 0.0 {
            self.simulated_weekly / self.observed_weekly - 1.0
        } else {
            0.0
        }
    }
}

/// The back-test of a calibrated scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    /// Weeks counted.
    pub weeks: f64,
    /// The seasonal factor of the counting weeks (their mean day factor; 1 = the year's mean).
    pub season_factor: f64,
    /// Replications the simulated figures are the mean of.
    pub replications: u32,
    /// Counter, phone, written, digital.
    pub channels: Vec<ChannelFit>,
}

/// Pearson correlation and Σ|s − o| / Σo over the hours where `total[h]` ≥ [`MIN_HOUR`].
pub fn measure(obs: &[f64], sim: &[f64], total: &[f64]) -> (Option<f64>, Option<f64>, usize) {
    let idx: Vec<usize> = (0..obs.len()).filter(|&h| total[h] >= MIN_HOUR).collect();
    let n = idx.len();
    if n == 0 {
        return (None, None, 0);
    }
    let so: f64 = idx.iter().map(|&h| obs[h]).sum();
    let mae = idx.iter().map(|&h| (sim[h] - obs[h]).abs()).sum::<f64>() / so;
    if n < 3 {
        return (None, Some(mae), n);
    }
    let mo = so / n as f64;
    let ms = idx.iter().map(|&h| sim[h]).sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &h in &idx {
        let (a, b) = (obs[h] - mo, sim[h] - ms);
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    let r = if sxx > 0.0 && syy > 0.0 {
        Some(sxy / (sxx * syy).sqrt())
    } else {
        None
    };
    (r, Some(mae), n)
}
