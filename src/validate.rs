//! Validation: every problem in a scenario, each with the path of its field and a message in
//! English and Danish. Nothing is simulated from a scenario with problems.

use crate::error::Error;
pub use crate::error::Issue;
use crate::scenario::*;

pub use crate::settings::{MAX_REPLICATIONS, MAX_SEED};
/// Longest horizon accepted, in weeks (10 years).
pub const MAX_HORIZON_WEEKS: u32 = 520;
/// Most errands a year accepted (a municipality of millions would still be far below).
pub const MAX_ANNUAL_ERRANDS: f64 = 50_000_000.0;
/// Most staff on duty on one channel in one hour.
pub const MAX_STAFF: u32 = 10_000;
/// Largest weekly-profile weight or monthly factor (both are relative; a bound keeps their
/// sums and the arrival rates finite).
pub const MAX_WEIGHT: f64 = 1e9;
/// Longest mean, spread or histogram edge of a duration, in minutes (a week). Longer
/// durations are not citizen contacts, and bounding them keeps every sum finite.
pub const MAX_DURATION_MIN: f64 = 10_080.0;
/// Shortest mean duration, in minutes (about half a second).
pub const MIN_MEAN_MIN: f64 = 0.01;
/// Largest ratio of a lognormal's standard deviation to its mean.
pub const MAX_CV: f64 = 20.0;
/// Largest unit price per contact, staff cost per hour and cost of a lost errand, in DKK.
pub const MAX_PRICE: f64 = 1e6;
/// Hours in a leap year: the most working hours one full-time employee can have.
pub const MAX_HOURS_PER_FTE: f64 = 8784.0;
/// Longest service-level target, in seconds (a day).
pub const MAX_TARGET_SECONDS: f64 = 86_400.0;

pub(crate) const MINUTES: (&str, &str) = (" minutes", " minutter");
pub(crate) const DKK: (&str, &str) = (" DKK", " kr.");
pub(crate) const NONE: (&str, &str) = ("", "");

/// Gathers every problem found, each with its path and both languages.
pub(crate) struct Collector {
    pub(crate) issues: Vec<Issue>,
}

impl Collector {
    pub(crate) fn new() -> Collector {
        Collector { issues: Vec::new() }
    }

    pub(crate) fn push(
        &mut self,
        path: impl Into<String>,
        en: impl Into<String>,
        da: impl Into<String>,
    ) {
        self.issues.push(Issue {
            path: path.into(),
            en: en.into(),
            da: da.into(),
        });
    }

    pub(crate) fn finite(&mut self, path: &str, v: f64) -> bool {
        if v.is_finite() {
            true
        } else {
            self.push(path, "must be a finite number", "skal være et endeligt tal");
            false
        }
    }

    pub(crate) fn share(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && !(0.0..=1.0).contains(&v) {
            self.push(
                path,
                format!("must be a share between 0 and 1 (got {v})"),
                format!("skal være en andel mellem 0 og 1 (fik {})", da(v)),
            );
        }
    }

    pub(crate) fn positive(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v <= 0.0 {
            self.push(
                path,
                format!("must be greater than 0 (got {v})"),
                format!("skal være større end 0 (fik {})", da(v)),
            );
        }
    }

    pub(crate) fn non_negative(&mut self, path: &str, v: f64) {
        if self.finite(path, v) && v < 0.0 {
            self.push(
                path,
                format!("must not be negative (got {v})"),
                format!("må ikke være negativ (fik {})", da(v)),
            );
        }
    }

    /// `v` must be finite and within `[lo, hi]`; `unit` is appended to the bounds.
    pub(crate) fn within(&mut self, path: &str, v: f64, lo: f64, hi: f64, unit: (&str, &str)) {
        if self.finite(path, v) && !(lo..=hi).contains(&v) {
            let (unit_en, unit_da) = unit;
            self.push(
                path,
                format!("must be between {lo} and {hi}{unit_en} (got {v})"),
                format!(
                    "skal være mellem {} og {}{unit_da} (fik {})",
                    da(lo),
                    da(hi),
                    da(v)
                ),
            );
        }
    }

    /// A mean duration in minutes.
    pub(crate) fn mean_minutes(&mut self, path: &str, v: f64) {
        self.within(path, v, MIN_MEAN_MIN, MAX_DURATION_MIN, MINUTES);
    }

    pub(crate) fn range(&mut self, path: &str, r: &Range, lo: f64, hi: f64) {
        let mut ok = true;
        for (name, v) in [("low", r.low), ("likely", r.likely), ("high", r.high)] {
            let p = format!("{path}.{name}");
            if !self.finite(&p, v) {
                ok = false;
            } else if v < lo || v > hi {
                ok = false;
                if hi.is_finite() {
                    self.push(
                        p,
                        format!("must be between {lo} and {hi} (got {v})"),
                        format!("skal være mellem {} og {} (fik {})", da(lo), da(hi), da(v)),
                    );
                } else {
                    self.push(
                        p,
                        format!("must be at least {lo} (got {v})"),
                        format!("skal være mindst {} (fik {})", da(lo), da(v)),
                    );
                }
            }
        }
        if ok && !(r.low <= r.likely && r.likely <= r.high) {
            self.push(
                path,
                format!(
                    "low ≤ likely ≤ high is required (got {}, {}, {})",
                    r.low, r.likely, r.high
                ),
                format!(
                    "lav ≤ sandsynlig ≤ høj kræves (fik {}, {}, {})",
                    da(r.low),
                    da(r.likely),
                    da(r.high)
                ),
            );
        }
    }

    pub(crate) fn distribution(&mut self, path: &str, d: &Distribution) {
        if let Err(e) = crate::model::Dist::new(d, path) {
            self.issues.extend(e.issues);
        }
    }
}

/// Parse `"HH:MM"` to minutes after midnight; `"24:00"` is allowed (1440).
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().all(|b| b.is_ascii_digit()) || !m.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Check a scenario: every problem found, or `Ok(())`. The scenario is compiled
/// ([`crate::Model::new`], which checks every field and distribution in one pass) and its
/// own defaults (`simulation`) are held against the work budget ([`crate::budget`]).
///
/// ```
/// let mut s = kanalsim::presets::tonder_2012();
/// assert!(kanalsim::validate(&s).is_ok());
/// s.demand.day_dispersion = 1e-155; // the gamma day factor would be infinite
/// let e = kanalsim::validate(&s).unwrap_err();
/// assert_eq!(e.issues[0].path, "demand.dayDispersion");
/// ```
pub fn validate(s: &Scenario) -> Result<(), Error> {
    let m = crate::Model::new(s)?;
    crate::budget::check(&[&m], &crate::settings::RunSettings::of(s))
}

/// Every problem of a scenario's fields (distributions through their constructors), or
/// `Ok(())`. Called by [`crate::Model::new`].
pub(crate) fn check_fields(s: &Scenario) -> Result<(), Error> {
    let mut c = Collector { issues: Vec::new() };
    if s.format_version != FORMAT_VERSION {
        c.push(
            "formatVersion",
            format!(
                "this version of Kanalsim reads format {FORMAT_VERSION}, the file has {}",
                s.format_version
            ),
            format!(
                "denne version af Kanalsim læser format {FORMAT_VERSION}, filen har {}",
                s.format_version
            ),
        );
    }
    if s.title.trim().is_empty() {
        c.push("title", "must not be empty", "må ikke være tom");
    }
    if s.horizon_weeks == 0 || s.horizon_weeks > MAX_HORIZON_WEEKS {
        c.push(
            "horizonWeeks",
            format!(
                "must be between 1 and {MAX_HORIZON_WEEKS} weeks (got {})",
                s.horizon_weeks
            ),
            format!(
                "skal være mellem 1 og {MAX_HORIZON_WEEKS} uger (fik {})",
                s.horizon_weeks
            ),
        );
    }
    validate_demand(&mut c, &s.demand);
    for (ch, wh) in [
        ("personal", &s.opening_hours.personal),
        ("phone", &s.opening_hours.phone),
    ] {
        validate_hours(&mut c, &format!("openingHours.{ch}"), wh);
    }
    c.range("digital.adoption", &s.digital.adoption, 0.0, 1.0);
    c.range("digital.failureShare", &s.digital.failure_share, 0.0, 1.0);
    let mut last_week = f64::NEG_INFINITY;
    for (i, p) in s.digital.adoption_path.iter().enumerate() {
        let base = format!("digital.adoptionPath[{i}]");
        if c.finite(&format!("{base}.week"), p.week) {
            if p.week < 0.0 {
                c.push(
                    format!("{base}.week"),
                    "must not be negative",
                    "må ikke være negativ",
                );
            } else if p.week <= last_week {
                c.push(
                    format!("{base}.week"),
                    "weeks on the path must increase",
                    "ugerne i forløbet skal være stigende",
                );
            }
            last_week = p.week;
        }
        if c.finite(&format!("{base}.change"), p.change) && !(-1.0..=1.0).contains(&p.change) {
            c.push(
                format!("{base}.change"),
                "must be between -1 and 1 (points of adoption)",
                "skal være mellem -1 og 1 (point af anvendelsen)",
            );
        }
    }
    for (ch, d) in [
        ("personal", &s.when_closed.personal),
        ("phone", &s.when_closed.phone),
    ] {
        let base = format!("whenClosed.{ch}");
        let parts = [
            ("defer", &d.defer),
            ("switchChannel", &d.switch_channel),
            ("goDigital", &d.go_digital),
            ("giveUp", &d.give_up),
        ];
        let mut sum = 0.0;
        let mut ok = true;
        for (name, r) in parts {
            let before = c.issues.len();
            c.range(&format!("{base}.{name}"), r, 0.0, 1.0);
            ok &= c.issues.len() == before;
            sum += r.likely;
        }
        if ok && (sum - 1.0).abs() > 1e-6 {
            c.push(
                base,
                format!("the likely values of defer, switchChannel, goDigital and giveUp must add up to 1 (they add up to {sum:.4})"),
                format!("de sandsynlige værdier af udsæt, skift kanal, gå digitalt og opgiv skal give 1 tilsammen (de giver {})", da_text(format!("{sum:.4}"))),
            );
        }
    }
    c.range(
        "whenClosed.comeBack.laterOpening",
        &s.when_closed.come_back.later_opening,
        0.0,
        0.95,
    );
    for (ch, q, hours) in [
        ("personal", &s.queues.personal, &s.opening_hours.personal),
        ("phone", &s.queues.phone, &s.opening_hours.phone),
    ] {
        validate_queue(&mut c, ch, q, hours);
    }
    c.range(
        "queues.handlingTimeScale",
        &s.queues.handling_time_scale,
        0.01,
        100.0,
    );
    c.distribution("written.handlingTime", &s.written.handling_time);
    for (ch, p) in [
        ("personal", &s.costs.personal),
        ("phone", &s.costs.phone),
        ("written", &s.costs.written),
        ("digital", &s.costs.digital),
    ] {
        c.within(
            &format!("costs.{ch}.information"),
            p.information,
            0.0,
            MAX_PRICE,
            DKK,
        );
        c.within(
            &format!("costs.{ch}.transaction"),
            p.transaction,
            0.0,
            MAX_PRICE,
            DKK,
        );
    }
    c.within(
        "costs.staffHourlyCost",
        s.costs.staff_hourly_cost,
        0.0,
        MAX_PRICE,
        DKK,
    );
    c.within("costs.lostErrand", s.costs.lost_errand, 0.0, MAX_PRICE, DKK);
    c.within(
        "costs.hoursPerFte",
        s.costs.hours_per_fte,
        1.0,
        MAX_HOURS_PER_FTE,
        (" hours", " timer"),
    );
    if let Some(a) = &s.appointments {
        validate_appointments(&mut c, a, s.horizon_weeks);
    }
    if s.simulation.replications == 0 || s.simulation.replications > MAX_REPLICATIONS {
        c.push(
            "simulation.replications",
            format!(
                "must be between 1 and {MAX_REPLICATIONS} (got {})",
                s.simulation.replications
            ),
            format!(
                "skal være mellem 1 og {} (fik {})",
                da(MAX_REPLICATIONS as f64),
                da(s.simulation.replications as f64)
            ),
        );
    }
    if s.simulation.seed > MAX_SEED {
        c.push(
            "simulation.seed",
            format!("must be at most {MAX_SEED} (2^53 - 1)"),
            format!("må højst være {} (2^53 - 1)", da(MAX_SEED as f64)),
        );
    }
    if c.issues.is_empty() {
        Ok(())
    } else {
        Err(Error::invalid(c.issues))
    }
}

/// A channel tilt grid (`demand.channelTilt.personal` or `.phone`): 7 rows of 24 factors,
/// each finite, not negative and at most [`MAX_WEIGHT`].
fn tilt_grid(c: &mut Collector, path: &str, grid: &[Vec<f64>]) {
    if grid.len() != 7 {
        c.push(
            path,
            format!("needs 7 rows, one per weekday (got {})", grid.len()),
            format!("skal have 7 rækker, én pr. ugedag (fik {})", grid.len()),
        );
        return;
    }
    for (day, row) in grid.iter().enumerate() {
        if row.len() != 24 {
            c.push(
                format!("{path}[{day}]"),
                format!("needs 24 hourly factors (got {})", row.len()),
                format!("skal have 24 timefaktorer (fik {})", row.len()),
            );
            continue;
        }
        for (h, w) in row.iter().enumerate() {
            let at = format!("{path}[{day}][{h}]");
            c.non_negative(&at, *w);
            if w.is_finite() && *w > MAX_WEIGHT {
                c.push(
                    at,
                    format!("must be at most {MAX_WEIGHT:.0e} (factors are relative)"),
                    format!("må højst være {MAX_WEIGHT:.0e} (faktorerne er relative)"),
                );
            }
        }
    }
}

fn validate_demand(c: &mut Collector, d: &Demand) {
    if c.finite("demand.annualErrands", d.annual_errands)
        && !(0.0..=MAX_ANNUAL_ERRANDS).contains(&d.annual_errands)
    {
        c.push(
            "demand.annualErrands",
            format!(
                "must be between 0 and {MAX_ANNUAL_ERRANDS} errands a year (got {})",
                d.annual_errands
            ),
            format!(
                "skal være mellem 0 og {} ærinder om året (fik {})",
                da(MAX_ANNUAL_ERRANDS),
                da(d.annual_errands)
            ),
        );
    }
    c.range("demand.demandFactor", &d.demand_factor, 0.0, 10.0);
    if d.errand_types.is_empty() || d.errand_types.len() > 100 {
        c.push(
            "demand.errandTypes",
            "needs between 1 and 100 errand types",
            "skal have mellem 1 og 100 ærindetyper",
        );
    }
    let mut sum = 0.0;
    let mut ids = std::collections::HashSet::new();
    for (i, t) in d.errand_types.iter().enumerate() {
        let base = format!("demand.errandTypes[{i}]");
        if t.id.trim().is_empty() {
            c.push(
                format!("{base}.id"),
                "must not be empty",
                "må ikke være tom",
            );
        } else if !ids.insert(t.id.as_str()) {
            c.push(
                format!("{base}.id"),
                format!("the id '{}' is used twice", t.id),
                format!("id'et '{}' bruges to gange", t.id),
            );
        }
        c.share(&format!("{base}.share"), t.share);
        if t.share.is_finite() {
            sum += t.share;
        }
        c.share(&format!("{base}.informationShare"), t.information_share);
        c.share(&format!("{base}.digitalEligible"), t.digital_eligible);
        if let Some(a) = &t.adoption {
            c.range(&format!("{base}.adoption"), a, 0.0, 1.0);
        }
        let m = &t.channel_mix;
        let before = c.issues.len();
        c.share(&format!("{base}.channelMix.personal"), m.personal);
        c.share(&format!("{base}.channelMix.phone"), m.phone);
        c.share(&format!("{base}.channelMix.written"), m.written);
        let msum = m.personal + m.phone + m.written;
        if c.issues.len() == before && (msum - 1.0).abs() > 1e-6 {
            c.push(
                format!("{base}.channelMix"),
                format!("personal + phone + written must add up to 1 (they add up to {msum:.4})"),
                format!(
                    "personligt + telefon + skriftligt skal give 1 tilsammen (de giver {})",
                    da_text(format!("{msum:.4}"))
                ),
            );
        }
        if c.finite(&format!("{base}.handlingTimeScale"), t.handling_time_scale)
            && !(0.01..=100.0).contains(&t.handling_time_scale)
        {
            c.push(
                format!("{base}.handlingTimeScale"),
                "must be between 0.01 and 100",
                "skal være mellem 0,01 og 100",
            );
        }
    }
    if !d.errand_types.is_empty() && sum.is_finite() && (sum - 1.0).abs() > 1e-6 {
        c.push(
            "demand.errandTypes",
            format!("the shares of the errand types must add up to 1 (they add up to {sum:.4})"),
            format!(
                "ærindetypernes andele skal give 1 tilsammen (de giver {})",
                da_text(format!("{sum:.4}"))
            ),
        );
    }
    if d.weekly_profile.len() != 7 {
        c.push(
            "demand.weeklyProfile",
            format!(
                "needs 7 rows, one per weekday (got {})",
                d.weekly_profile.len()
            ),
            format!(
                "skal have 7 rækker, én pr. ugedag (fik {})",
                d.weekly_profile.len()
            ),
        );
    } else {
        let mut total = 0.0;
        for (day, row) in d.weekly_profile.iter().enumerate() {
            if row.len() != 24 {
                c.push(
                    format!("demand.weeklyProfile[{day}]"),
                    format!("needs 24 hourly weights (got {})", row.len()),
                    format!("skal have 24 timevægte (fik {})", row.len()),
                );
                continue;
            }
            for (h, w) in row.iter().enumerate() {
                c.non_negative(&format!("demand.weeklyProfile[{day}][{h}]"), *w);
                if w.is_finite() && *w > MAX_WEIGHT {
                    c.push(
                        format!("demand.weeklyProfile[{day}][{h}]"),
                        format!("must be at most {MAX_WEIGHT:.0e} (weights are relative)"),
                        format!("må højst være {MAX_WEIGHT:.0e} (vægtene er relative)"),
                    );
                }
                if w.is_finite() && *w > 0.0 {
                    total += w;
                }
            }
        }
        if total <= 0.0 {
            c.push(
                "demand.weeklyProfile",
                "at least one weight must be positive",
                "mindst én vægt skal være positiv",
            );
        }
    }
    if let Some(tilt) = &d.channel_tilt {
        tilt_grid(c, "demand.channelTilt.personal", &tilt.personal);
        tilt_grid(c, "demand.channelTilt.phone", &tilt.phone);
    }
    if d.monthly_factors.len() != 12 {
        c.push(
            "demand.monthlyFactors",
            format!(
                "needs 12 factors, one per month (got {})",
                d.monthly_factors.len()
            ),
            format!(
                "skal have 12 faktorer, én pr. måned (fik {})",
                d.monthly_factors.len()
            ),
        );
    } else {
        for (m, f) in d.monthly_factors.iter().enumerate() {
            c.non_negative(&format!("demand.monthlyFactors[{m}]"), *f);
            if f.is_finite() && *f > MAX_WEIGHT {
                c.push(
                    format!("demand.monthlyFactors[{m}]"),
                    format!("must be at most {MAX_WEIGHT:.0e} (factors are relative)"),
                    format!("må højst være {MAX_WEIGHT:.0e} (faktorerne er relative)"),
                );
            }
        }
        if d.monthly_factors
            .iter()
            .all(|f| !f.is_finite() || *f <= 0.0)
        {
            c.push(
                "demand.monthlyFactors",
                "at least one factor must be positive",
                "mindst én faktor skal være positiv",
            );
        }
    }
    if c.finite("demand.dayDispersion", d.day_dispersion)
        && let Err(e) = crate::model::demand::day_gamma(d.day_dispersion)
    {
        c.issues.extend(e.issues);
    }
}

fn validate_hours(c: &mut Collector, base: &str, wh: &WeekHours) {
    for (d, name) in WEEKDAYS.iter().enumerate() {
        let ivs = wh.day(d);
        if ivs.len() > 48 {
            c.push(
                format!("{base}.{name}"),
                "at most 48 intervals a day",
                "højst 48 intervaller pr. dag",
            );
            continue;
        }
        let mut prev_end: Option<u32> = None;
        for (i, iv) in ivs.iter().enumerate() {
            let p = format!("{base}.{name}[{i}]");
            let st = parse_hhmm(&iv.start);
            let en = parse_hhmm(&iv.end);
            if st.is_none() || st == Some(1440) {
                c.push(
                    format!("{p}.start"),
                    format!("'{}' is not a time of day HH:MM (00:00–23:59)", iv.start),
                    format!("'{}' er ikke et klokkeslæt TT:MM (00:00–23:59)", iv.start),
                );
            }
            if en.is_none() {
                c.push(
                    format!("{p}.end"),
                    format!("'{}' is not a time of day HH:MM (00:00–24:00)", iv.end),
                    format!("'{}' er ikke et klokkeslæt TT:MM (00:00–24:00)", iv.end),
                );
            }
            if let (Some(a), Some(b)) = (st, en) {
                if b <= a {
                    c.push(
                        format!("{p}.end"),
                        format!("closes ({}) before it opens ({})", iv.end, iv.start),
                        format!("lukker ({}) før den åbner ({})", iv.end, iv.start),
                    );
                } else if prev_end.is_some_and(|pe| a < pe) {
                    c.push(
                        format!("{p}.start"),
                        "overlaps the interval before it (intervals must be in order and not overlap)",
                        "overlapper intervallet før (intervallerne skal være i rækkefølge og må ikke overlappe)",
                    );
                }
                prev_end = Some(b.max(prev_end.unwrap_or(0)));
            }
        }
    }
}

fn validate_queue(c: &mut Collector, ch: &str, q: &QueueChannel, hours: &WeekHours) {
    let base = format!("queues.{ch}");
    if q.staffing.len() != 7 {
        c.push(
            format!("{base}.staffing"),
            format!("needs 7 rows, one per weekday (got {})", q.staffing.len()),
            format!(
                "skal have 7 rækker, én pr. ugedag (fik {})",
                q.staffing.len()
            ),
        );
    } else {
        for (d, row) in q.staffing.iter().enumerate() {
            if row.len() != 24 {
                c.push(
                    format!("{base}.staffing[{d}]"),
                    format!("needs 24 hourly staff counts (got {})", row.len()),
                    format!("skal have 24 timetal for bemanding (fik {})", row.len()),
                );
                continue;
            }
            for (h, n) in row.iter().enumerate() {
                if *n > MAX_STAFF {
                    c.push(
                        format!("{base}.staffing[{d}][{h}]"),
                        format!("at most {MAX_STAFF} staff"),
                        format!("højst {} medarbejdere", da(MAX_STAFF as f64)),
                    );
                }
            }
            // Every open minute needs staff.
            for iv in hours.day(d) {
                if let (Some(a), Some(b)) = (parse_hhmm(&iv.start), parse_hhmm(&iv.end)) {
                    if b <= a {
                        continue;
                    }
                    let first = (a / 60) as usize;
                    let last = ((b - 1) / 60) as usize;
                    let last = last.min(23);
                    if let Some(h) = (first..=last).find(|&h| row[h] == 0) {
                        c.push(
                            format!("{base}.staffing[{d}][{h}]"),
                            format!(
                                "the {ch} channel is open on {} at {h:02}:00 but has no staff",
                                weekday_en(d)
                            ),
                            format!(
                                "kanalen {} er åben {} kl. {h:02}:00, men har ingen bemanding",
                                channel_da(ch),
                                weekday_da(d)
                            ),
                        );
                    }
                }
            }
        }
    }
    c.distribution(&format!("{base}.serviceTime"), &q.service_time);
    if let Some(p) = &q.patience {
        c.distribution(&format!("{base}.patience"), p);
    }
    c.range(
        &format!("{base}.redialProbability"),
        &q.redial_probability,
        0.0,
        0.99,
    );
    c.positive(
        &format!("{base}.redialMeanDelayMin"),
        q.redial_mean_delay_min,
    );
    if q.redial_mean_delay_min > 100_000.0 {
        c.push(
            format!("{base}.redialMeanDelayMin"),
            "must be at most 100000 minutes",
            "må højst være 100000 minutter",
        );
    }
    c.within(
        &format!("{base}.targetSeconds"),
        q.target_seconds,
        0.0,
        MAX_TARGET_SECONDS,
        (" seconds", " sekunder"),
    );
}

/// Longest booking horizon, calendar days (the check command's stationary book uses it as
/// "no horizon").
pub const MAX_BOOKING_HORIZON_DAYS: u32 = 10_000_000;

fn validate_appointments(c: &mut Collector, a: &crate::scenario::Appointments, horizon_weeks: u32) {
    let base = "appointments";
    let mut slots = 0usize;
    if a.desks.len() != 7 {
        c.push(
            format!("{base}.desks"),
            format!("needs 7 rows, one per weekday (got {})", a.desks.len()),
            format!("skal have 7 rækker, én pr. ugedag (fik {})", a.desks.len()),
        );
    } else {
        for (d, row) in a.desks.iter().enumerate() {
            if row.len() != 24 {
                c.push(
                    format!("{base}.desks[{d}]"),
                    format!("needs 24 hourly desk counts (got {})", row.len()),
                    format!("skal have 24 timetal for skranker (fik {})", row.len()),
                );
                continue;
            }
            for (h, n) in row.iter().enumerate() {
                if *n > MAX_STAFF {
                    c.push(
                        format!("{base}.desks[{d}][{h}]"),
                        format!("at most {MAX_STAFF} desks"),
                        format!("højst {} skranker", da(MAX_STAFF as f64)),
                    );
                }
            }
        }
    }
    if c.finite(&format!("{base}.slotMinutes"), a.slot_minutes) {
        if !(1.0..=600.0).contains(&a.slot_minutes) {
            c.push(
                format!("{base}.slotMinutes"),
                format!("must be between 1 and 600 minutes (got {})", a.slot_minutes),
                format!(
                    "skal være mellem 1 og 600 minutter (fik {})",
                    da(a.slot_minutes)
                ),
            );
        } else if a.desks.len() == 7 && a.desks.iter().all(|r| r.len() == 24) {
            slots = a
                .desks
                .iter()
                .map(|r| crate::model::appointments::slot_times(r, a.slot_minutes).len())
                .sum();
        }
    }
    let used = a.mode != crate::scenario::CounterMode::WalkIn;
    if used && slots == 0 && c.issues.is_empty() {
        c.push(
            format!("{base}.desks"),
            "the counter is by appointment but no hour has a desk with a whole slot: add desks or shorten the slots",
            "skranken er med tidsbestilling, men ingen time har en skranke med en hel tid: tilføj skranker eller gør tiderne kortere",
        );
    }
    if a.horizon_days == 0 || a.horizon_days > MAX_BOOKING_HORIZON_DAYS {
        c.push(
            format!("{base}.horizonDays"),
            format!(
                "must be between 1 and {MAX_BOOKING_HORIZON_DAYS} days (got {})",
                a.horizon_days
            ),
            format!(
                "skal være mellem 1 og {} dage (fik {})",
                da(MAX_BOOKING_HORIZON_DAYS as f64),
                da(a.horizon_days as f64)
            ),
        );
    }
    let b = &a.booked_by;
    let mut ok = true;
    for (name, v) in [("phone", b.phone), ("web", b.web), ("counter", b.counter)] {
        let before = c.issues.len();
        c.share(&format!("{base}.bookedBy.{name}"), v);
        ok &= c.issues.len() == before;
    }
    let sum = b.phone + b.web + b.counter;
    if ok && (sum - 1.0).abs() > 1e-6 {
        c.push(
            format!("{base}.bookedBy"),
            format!("the shares phone, web and counter must add up to 1 (they add up to {sum:.4})"),
            format!(
                "andelene telefon, web og skranke skal give 1 tilsammen (de giver {})",
                da_text(format!("{sum:.4}"))
            ),
        );
    }
    c.distribution(&format!("{base}.bookingTime"), &a.booking_time);
    c.range(&format!("{base}.walkIn"), &a.walk_in, 0.0, 1.0);
    if let Some(p) = &a.patience_workdays {
        c.range(&format!("{base}.patienceWorkdays"), p, 0.01, 1000.0);
    }
    let n = &a.when_no_slot;
    let parts = [
        ("switchChannel", &n.switch_channel),
        ("goDigital", &n.go_digital),
        ("walkIn", &n.walk_in),
        ("giveUp", &n.give_up),
    ];
    let mut sum = 0.0;
    let mut ok = true;
    for (name, r) in parts {
        let before = c.issues.len();
        c.range(&format!("{base}.whenNoSlot.{name}"), r, 0.0, 1.0);
        ok &= c.issues.len() == before;
        sum += r.likely;
    }
    if ok && (sum - 1.0).abs() > 1e-6 {
        c.push(
            format!("{base}.whenNoSlot"),
            format!("the likely values of switchChannel, goDigital, walkIn and giveUp must add up to 1 (they add up to {sum:.4})"),
            format!("de sandsynlige værdier af skift kanal, gå digitalt, mød op og opgiv skal give 1 tilsammen (de giver {})", da_text(format!("{sum:.4}"))),
        );
    }
    c.range(&format!("{base}.noShow"), &a.no_show, 0.0, 0.95);
    c.range(
        &format!("{base}.lateCancellation"),
        &a.late_cancellation,
        0.0,
        0.95,
    );
    let max_backlog = (horizon_weeks as f64 * 7.0).min(a.horizon_days as f64);
    if c.finite(
        &format!("{base}.initialBacklogDays"),
        a.initial_backlog_days,
    ) && !(0.0..=max_backlog).contains(&a.initial_backlog_days)
    {
        c.push(
            format!("{base}.initialBacklogDays"),
            format!(
                "must be between 0 and {max_backlog} days (the booking horizon and the simulated horizon)"
            ),
            format!(
                "skal være mellem 0 og {} dage (bookinghorisonten og den simulerede horisont)",
                da(max_backlog)
            ),
        );
    }
}

/// Danish name of a queue channel for messages.
fn channel_da(ch: &str) -> &'static str {
    match ch {
        "personal" => "personlig betjening",
        "phone" => "telefon",
        "written" => "skriftlig",
        _ => "digital",
    }
}

/// A number written the Danish way, for the Danish messages: decimal comma and a point
/// between thousands (`10080` → `10.080`, `0.01` → `0,01`, `-0.5` → `-0,5`). `x` is shown as
/// Rust shows it (`{x}`, or a `format!` with a precision); anything that is not a plain
/// decimal number (`1e6`, `inf`) is shown as it is.
pub(crate) fn da(x: f64) -> String {
    da_text(x.to_string())
}

/// [`da`] of the text of a number (one copy of the code for every type shown).
#[inline(never)]
pub(crate) fn da_text(s: String) -> String {
    let (sign, body) = s.strip_prefix('-').map_or(("", s.as_str()), |b| ("-", b));
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || (body.contains('.') && frac.is_empty()) {
        return s;
    }
    let mut out = String::from(sign);
    for (j, d) in int.chars().enumerate() {
        if j > 0 && int.len() >= 4 && (int.len() - j).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// English weekday name, for messages (the schema's keys are `mon` … `sun`).
fn weekday_en(d: usize) -> &'static str {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ][d.min(6)]
}

/// Danish weekday name.
fn weekday_da(d: usize) -> &'static str {
    [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ][d.min(6)]
}

/// Parse a scenario from JSON text, turning a syntax or type error into an [`Error`] with
/// the path of the offending field, then validate it.
///
/// ```
/// use kanalsim::{ErrorKind, Lang, parse_scenario};
/// let e = parse_scenario(r#"{"formatVersion": 1}"#).unwrap_err();
/// assert_eq!(e.kind, ErrorKind::InvalidScenario);
/// assert_eq!(e.issues[0].path, "title"); // the first missing field, by its path
/// assert!(e.message(Lang::Da).starts_with("ugyldigt scenarie"));
/// ```
pub fn parse_scenario(json: &str) -> Result<Scenario, Error> {
    let s = read_scenario(json)?;
    validate(&s)?;
    Ok(s)
}

/// Read a scenario from JSON text without validating it: a syntax or type error becomes an
/// [`Error`] with the path of the offending field. (The page's workers read the scenarios
/// their page validated this way; everything else uses [`parse_scenario`].)
pub fn read_scenario(json: &str) -> Result<Scenario, Error> {
    // A UTF-8 byte-order mark (as some editors write) is not part of the JSON.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let de = &mut serde_json::Deserializer::from_str(json);
    let s: Scenario = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        // "?" is serde_path_to_error's unknown segment: say nothing rather than "?".
        let path = if path == "." || path == "?" {
            String::new()
        } else {
            path
        };
        let inner = e.into_inner();
        // A missing field is named by its own path, not by the object that lacks it.
        let msg = inner.to_string();
        let path = match msg
            .strip_prefix("missing field `")
            .and_then(|r| r.split_once('`'))
        {
            Some((field, _)) if path.is_empty() => field.to_string(),
            Some((field, _)) => format!("{path}.{field}"),
            None => path,
        };
        let (en, da) = if inner.is_syntax() || inner.is_eof() {
            (
                format!("the file is not valid JSON: {inner}"),
                format!("filen er ikke gyldig JSON: {inner}"),
            )
        } else {
            (
                format!("wrong or missing value: {inner}"),
                format!("forkert eller manglende værdi: {inner}"),
            )
        };
        Error::invalid(vec![Issue { path, en, da }])
    })?;
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::{da, da_text};

    #[test]
    fn danish_numbers() {
        for (x, want) in [
            (da(0.01), "0,01"),
            (da(10080.0), "10.080"),
            (da(100000.0), "100.000"),
            (da(-0.5), "-0,5"),
            (da(1000000.0), "1.000.000"),
            (da(9_007_199_254_740_991.0), "9.007.199.254.740.991"),
            (da(999.0), "999"),
            (da_text(format!("{:.4}", 1.05)), "1,0500"),
            (da_text(format!("{:.0e}", 1e6)), "1e6"),
            (da(f64::INFINITY), "inf"),
            (da(f64::NAN), "NaN"),
        ] {
            assert_eq!(x, want);
        }
    }

    #[test]
    fn danish_messages_use_danish_numbers() {
        let mut s = crate::presets::tonder_2012();
        s.queues.phone.patience =
            Some(crate::scenario::Distribution::Exponential { mean_min: 0.0 });
        s.costs.phone.information = -2.5;
        let err = super::validate(&s).unwrap_err();
        let da: Vec<&str> = err.issues.iter().map(|i| i.da.as_str()).collect();
        assert!(
            da.iter()
                .any(|m| m.contains("mellem 0,01 og 10.080 minutter (fik 0)")),
            "{da:?}"
        );
        assert!(da.iter().any(|m| m.contains("(fik -2,5)")), "{da:?}");
        let en: Vec<&str> = err.issues.iter().map(|i| i.en.as_str()).collect();
        assert!(
            en.iter()
                .any(|m| m.contains("between 0.01 and 10080 minutes")),
            "{en:?}"
        );
    }
}
