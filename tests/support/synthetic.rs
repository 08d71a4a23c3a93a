//! A synthetic KOMHEN counting-week file generated from a known truth (no municipality's
//! real data): three counting weeks (ISO weeks 43–45, 2013), counter Mon–Fri 10–15 (Thu
//! 10–17), phone Mon–Fri 9–15 (Thu 9–17, Fri 9–13), per week 1,500 counter, 2,400 phone,
//! 800 written and 600 digital contacts (400 of them DetDigitaleLandkort rows without a
//! time), 300 outbound calls (not demand); 20 % of counter and 35 % of phone registrations
//! under 30 s (artefacts), 5 % registered two hours late; a few rows of another unit. The
//! phone's hours peak earlier in the day than the counter's ([`HOUR_PHONE`] against
//! [`HOUR`]), so the channel mix leans by the hour and the calibration must fit its tilt.
#![allow(dead_code, clippy::needless_range_loop)]

/// Contacts a counting week per channel in the truth.
pub const WEEKLY: [f64; 4] = [1500.0, 2400.0, 800.0, 600.0];

/// Weekday weights (Mon–Fri) and hour weights (0–23) of the truth's desire.
pub const DAY: [f64; 5] = [1.4, 1.1, 0.9, 1.0, 0.7];
pub const HOUR: [f64; 24] = [
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.4, 0.8, 1.0, 0.9, 0.5, 0.7, 0.8, 0.5, 0.4, 0.3, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0,
];

/// Hour weights of the phone in the KOMHEN truth: a morning peak at 9–10 falling through
/// the afternoon, where the counter's ([`HOUR`]) peaks at 10 and again at 13–14.
pub const HOUR_PHONE: [f64; 24] = [
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.6, 1.0, 0.9, 0.7, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0,
];

/// The KOMHEN truth's hour weight of channel `ch` (0 counter, 1 phone) at hour `h`.
pub fn hour_weight(ch: usize, h: usize) -> f64 {
    if ch == 0 { HOUR[h] } else { HOUR_PHONE[h] }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn poisson(&mut self, mean: f64) -> u32 {
        // Normal approximation above 30, else by multiplication.
        if mean > 30.0 {
            let (u, v) = (self.next().max(1e-12), self.next());
            let z = (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos();
            return (mean + z * mean.sqrt()).round().max(0.0) as u32;
        }
        let (l, mut k, mut p) = ((-mean).exp(), 0, 1.0);
        loop {
            p *= self.next();
            if p <= l {
                return k;
            }
            k += 1;
        }
    }
    fn lognormal(&mut self, mean: f64, sd: f64) -> f64 {
        let s2 = (1.0 + (sd / mean).powi(2)).ln();
        let mu = mean.ln() - s2 / 2.0;
        let (u, v) = (self.next().max(1e-12), self.next());
        let z = (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos();
        (mu + s2.sqrt() * z).exp()
    }
}

/// Open (from, to) hours of the counter (0) and phone (1) on weekday d.
pub fn open(ch: usize, d: usize) -> (u32, u32) {
    match (ch, d) {
        (0, 3) => (10, 17),
        (0, _) => (10, 15),
        (_, 3) => (9, 17),
        (_, 4) => (9, 13),
        _ => (9, 15),
    }
}

fn stamp(day: i64, min: f64) -> String {
    // Day 0 = Monday 21 October 2013.
    let (y, m, d) = civil(day + 15_999);
    let s = (min * 60.0).round() as i64;
    let s = s.clamp(0, 86_399);
    format!(
        "{d:02}-{m:02}-{y} {:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

/// The file's text (UTF-8, `;`), and the registrations counted per channel.
pub fn komhen(seed: u64) -> String {
    let mut r = Rng(seed);
    let mut out = String::from(
        "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde;Er borgeren over eller under 65 år?\n",
    );
    let mut id = 0u64;
    let groups = [
        ("05.01.10", [0.2, 0.5, 0.3]),
        ("27.24.00", [0.3, 0.6, 0.1]),
        ("23.00.00", [0.4, 0.4, 0.2]),
    ];
    let types = ["INFO", "VEJL", "OPRET", "STATUS", "FEJL"];
    let pick_type = |u: f64| {
        types[((u * 100.0) as usize).min(99) * 5 / 100 % 5 * (u < 0.95) as usize
            + 4 * (u >= 0.95) as usize]
    };
    let mut row = |r: &mut Rng,
                   kanal: &str,
                   start: String,
                   end: String,
                   reg: String,
                   src: &str,
                   group: &str| {
        id += 1;
        let ty = if kanal == "SLVBTJN" || src == "DetDigitaleLandkort" {
            "SLVBTJN".to_string()
        } else {
            pick_type(r.next()).to_string()
        };
        let unit = if r.next() < 0.02 {
            "Jobcenter"
        } else {
            "Borgerservice"
        };
        let age = if r.next() < 0.3 {
            "Over 65"
        } else {
            "Under 65"
        };
        out.push_str(&format!(
            "999;{id};{unit};{group};{kanal};{ty};Afsluttet;;{reg};{start};{end};{src};{age}\n"
        ));
    };
    for w in 0..3i64 {
        for d in 0..5usize {
            let day = w * 7 + d as i64;
            for ch in 0..2 {
                let (a, b) = open(ch, d);
                let total: f64 = (0..5)
                    .map(|dd| {
                        let (a, b) = open(ch, dd);
                        (a..b)
                            .map(|h| DAY[dd] * hour_weight(ch, h as usize))
                            .sum::<f64>()
                    })
                    .sum();
                for h in a..b {
                    let mean = WEEKLY[ch] * DAY[d] * hour_weight(ch, h as usize) / total;
                    for _ in 0..r.poisson(mean) {
                        let t = h as f64 * 60.0 + r.next() * 60.0;
                        let dur = if r.next() < [0.20, 0.35][ch] {
                            r.next() * 0.4
                        } else {
                            r.lognormal([6.0, 3.0][ch], [5.0, 2.5][ch])
                        };
                        let reg = if r.next() < 0.05 {
                            t + dur + 120.0
                        } else {
                            t + dur
                        };
                        let g = groups[(r.next() * 3.0) as usize % 3].0;
                        let kanal = if ch == 0 { "PRSNLG" } else { "TLFIND" };
                        row(
                            &mut r,
                            kanal,
                            stamp(day, t),
                            stamp(day, t + dur),
                            stamp(day, reg),
                            "KOMHEN",
                            g,
                        );
                    }
                }
            }
            // Written: registered in office hours 8–16, handling lognormal 5 min.
            for _ in 0..r.poisson(WEEKLY[2] / 5.0) {
                let t = 8.0 * 60.0 + r.next() * 480.0;
                let dur = r.lognormal(5.0, 4.0);
                let kanal = ["EMLIND", "PPRIND", "DOCIND", "SYSIND"][(r.next() * 4.0) as usize % 4];
                let g = groups[(r.next() * 3.0) as usize % 3].0;
                row(
                    &mut r,
                    kanal,
                    stamp(day, t),
                    stamp(day, t + dur),
                    stamp(day, t + dur),
                    "KOMHEN",
                    g,
                );
            }
            // Digital: 200 a week on the web with a time, 400 DetDigitaleLandkort rows at midnight.
            for _ in 0..r.poisson(200.0 / 5.0) {
                let t = r.next() * 1440.0;
                row(
                    &mut r,
                    "SLVBTJN",
                    stamp(day, t),
                    stamp(day, t),
                    stamp(day, t),
                    "KOMHEN",
                    "05.01.10",
                );
            }
            for _ in 0..r.poisson(400.0 / 5.0) {
                row(
                    &mut r,
                    "WEB",
                    stamp(day, 0.0),
                    stamp(day, 0.0),
                    stamp(day, 0.0),
                    "DetDigitaleLandkort",
                    "27.24.00",
                );
            }
            // Outbound calls: work, not demand.
            for _ in 0..r.poisson(300.0 / 5.0) {
                let t = 9.0 * 60.0 + r.next() * 360.0;
                row(
                    &mut r,
                    "TLFUD",
                    stamp(day, t),
                    stamp(day, t + 3.0),
                    stamp(day, t + 3.0),
                    "KOMHEN",
                    "27.24.00",
                );
            }
        }
    }
    out
}

/// A phone interval report per 30 minutes over the truth's three weeks (the expected
/// answered calls, rounded; 6 % more abandoned; handle time 3:00, speed of answer 25 s),
/// with the given header names (interval start, offered, answered, abandoned, AHT, ASA) and
/// separator.
pub fn interval(header: [&str; 6], sep: char) -> String {
    let mut s = header.join(&sep.to_string());
    s.push('\n');
    let total: f64 = (0..5)
        .map(|d| {
            let (a, b) = open(1, d);
            (a..b).map(|h| DAY[d] * HOUR[h as usize]).sum::<f64>()
        })
        .sum();
    for w in 0..3 {
        for d in 0..5 {
            let (a, b) = open(1, d);
            for h in a..b {
                for half in 0..2 {
                    let answered = (WEEKLY[1] * DAY[d] * HOUR[h as usize] / total / 2.0).round();
                    let abandoned = (answered * 0.06).round();
                    let day = 21 + w * 7 + d;
                    let (dd, mm) = if day > 31 { (day - 31, 11) } else { (day, 10) };
                    s.push_str(&format!(
                        "{dd:02}-{mm:02}-2013 {h:02}:{:02}{sep}{}{sep}{answered}{sep}{abandoned}{sep}03:00{sep}25\n",
                        half * 30,
                        answered + abandoned
                    ));
                }
            }
        }
    }
    s
}
