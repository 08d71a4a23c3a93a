//! From what was counted to a scenario: a first guess built from the counts
//! ([`build`]), then rounds of simulate, compare and adjust ([`calibrate`]) until the
//! simulated registrations reproduce the counted ones.
//!
//! What is fitted, and how:
//! - **annual errands**: the counted contacts × 52 (or `--weeks-per-year`) / the weeks
//!   counted ÷ the seasonal factor of the counting weeks, then scaled each round by counted
//!   ÷ simulated contacts (displacement loses some errands);
//! - **desire by hour of the week**, in the hours the counter or the phone is open: the
//!   counted registrations to start, then each round × (counted ÷ simulated)^0.9, so the
//!   simulated registrations — which include citizens displaced from closed hours — match.
//!   Outside the opening hours nothing is observed: the desire there keeps the shape of the
//!   Tønder 2012 preset's profile at the level of the open hours, a labelled assumption;
//! - **channel mix** per errand type from its counts, then each channel × counted ÷
//!   simulated; **digital eligibility** from each type's digital share (at adoption 87 %),
//!   then × counted ÷ simulated;
//! - **handling times** per channel: the empirical histogram of the registrations (without
//!   the artefacts under 30 s), a lognormal fit reported beside it;
//! - **staff** per open hour: the least staff whose Erlang A service level meets the
//!   template's target at the counted arrivals (an assumption: KOMHEN does not count staff);
//! - everything else (behaviour when closed, patience, redial, prices, seasonality) from
//!   the Tønder 2012 preset, with its notes.

use super::backtest::{Backtest, ChannelFit, measure};
use super::{Calibration, Kind, Observed, Options};
use crate::error::Error;
use crate::model::demand::month_of_day;
use crate::run::{NoObserver, run_many};
use crate::scenario::*;
use crate::{Model, RunSettings, presets};

/// Digital adoption among eligible errands: 87 % (digst.dk: online share of the mandatory
/// self-service waves, 2015–2016).
pub const ADOPTION: Range = Range::new(0.80, 0.87, 0.94);

/// Handling-time bin edges of the empirical fit, minutes (the first at 30 s: shorter
/// registrations are artefacts, left out).
pub const EDGES: [f64; 21] = [
    0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 45.0,
    60.0, 90.0, 120.0, 240.0,
];

fn note(topic: &str, kind: SourceKind, en: String, da: String) -> SourceNote {
    SourceNote {
        topic: topic.to_string(),
        kind,
        da,
        en,
    }
}

/// Thousands with a comma (English) or a point (Danish).
fn big(x: f64, da: bool) -> String {
    let n = x.round() as i64;
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(if da { '.' } else { ',' });
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn dec(x: f64, p: usize, da: bool) -> String {
    let s = format!("{x:.p$}");
    if da { s.replace('.', ",") } else { s }
}

/// The seasonal factor of the counting weeks: the mean, over their days, of the day
/// factors the engine derives from `monthly` (normalised to mean 1 over the 52 weeks).
pub fn season_factor(monthly: &[f64], obs: &Observed) -> f64 {
    let f: Vec<f64> = (0..364).map(|k| monthly[month_of_day(k)]).collect();
    let mean = f.iter().sum::<f64>() / 364.0;
    let days: Vec<usize> = if let Some(m) = obs.month_given {
        (0..364).filter(|&k| month_of_day(k) == m).collect()
    } else {
        obs.weeks
            .iter()
            .flat_map(|(_, w)| {
                let i = (*w as usize).clamp(1, 52) - 1;
                i * 7..i * 7 + 7
            })
            .collect()
    };
    if days.is_empty() || mean <= 0.0 {
        return 1.0;
    }
    days.iter().map(|&k| f[k]).sum::<f64>() / days.len() as f64 / mean
}

/// Hours of the week (168) in which a channel is open at some minute.
pub fn open_mask(w: &WeekHours) -> [bool; 168] {
    let mut m = [false; 168];
    for d in 0..7 {
        for iv in w.day(d) {
            let (Some(a), Some(b)) = (
                crate::validate::parse_hhmm(&iv.start),
                crate::validate::parse_hhmm(&iv.end),
            ) else {
                continue;
            };
            for h in 0..24u32 {
                if a < (h + 1) * 60 && b > h * 60 {
                    m[d * 24 + h as usize] = true;
                }
            }
        }
    }
    m
}

/// Opening hours inferred from when registrations occur: on each weekday, from the first to
/// the last hour with at least 5 % of the channel's busiest hour (and at least 2
/// registrations), as one interval in whole hours.
pub fn infer_hours(hourly: &[f64]) -> WeekHours {
    let peak = hourly.iter().copied().fold(0.0, f64::max);
    let thr = (0.05 * peak).max(2.0);
    let mut w = WeekHours::default();
    for d in 0..7 {
        let on: Vec<usize> = (0..24).filter(|&h| hourly[d * 24 + h] >= thr).collect();
        if let (Some(a), Some(b)) = (on.first(), on.last()) {
            let end = if *b == 23 {
                "24:00".to_string()
            } else {
                format!("{:02}:00", b + 1)
            };
            *w.day_mut(d) = vec![Interval::new(&format!("{a:02}:00"), &end)];
        }
    }
    w
}

fn mean_of(d: &Distribution) -> f64 {
    match d {
        Distribution::Exponential { mean_min } | Distribution::Lognormal { mean_min, .. } => {
            *mean_min
        }
        Distribution::Empirical { edges_min, weights } => {
            let t: f64 = weights.iter().sum();
            weights
                .iter()
                .enumerate()
                .map(|(i, w)| w * (edges_min[i] + edges_min[i + 1]) / 2.0)
                .sum::<f64>()
                / t.max(1e-300)
        }
    }
}

/// A lognormal fitted to handling times by the moments of their logarithms: `(mean, sd)`
/// of the duration, minutes.
pub fn lognormal_fit(x: &[f64]) -> Option<(f64, f64)> {
    if x.len() < 2 {
        return None;
    }
    let n = x.len() as f64;
    let mu = x.iter().map(|v| v.ln()).sum::<f64>() / n;
    let var = x.iter().map(|v| (v.ln() - mu).powi(2)).sum::<f64>() / (n - 1.0);
    let mean = (mu + var / 2.0).exp();
    Some((mean, mean * (var.exp() - 1.0).sqrt()))
}

/// The empirical histogram of handling times on [`EDGES`] (the last bin closed at the
/// largest time kept), trailing empty bins dropped.
pub fn histogram(x: &[f64]) -> Distribution {
    let mut w = vec![0.0; EDGES.len() - 1];
    for &v in x {
        let i = EDGES.partition_point(|e| *e <= v).clamp(1, EDGES.len() - 1) - 1;
        w[i] += 1.0;
    }
    let last = w.iter().rposition(|c| *c > 0.0).unwrap_or(0);
    w.truncate(last + 1);
    Distribution::Empirical {
        edges_min: EDGES[..last + 2].to_vec(),
        weights: w,
    }
}

/// What each file is, for the source notes: "KOMHEN registrations in a.csv".
fn files_text(obs: &Observed, kinds: &[Kind]) -> (String, String) {
    let f: Vec<&(String, Kind, super::text::Encoding)> =
        obs.files.iter().filter(|f| kinds.contains(&f.1)).collect();
    let en: Vec<String> = f
        .iter()
        .map(|(n, k, _)| format!("{} {n}", k.names().0))
        .collect();
    let da: Vec<String> = f
        .iter()
        .map(|(n, k, _)| format!("{} {n}", k.names().1))
        .collect();
    (en.join(", "), da.join(", "))
}

/// The first guess: a scenario built from the counts on the Tønder 2012 preset's structure.
#[allow(clippy::needless_range_loop)]
pub fn build(obs: &Observed, opts: &Options) -> Result<Scenario, Error> {
    use SourceKind::{Assumption, Source};
    let tpl = presets::tonder_2012();
    let mut s = tpl.clone();
    let (pe, pd) = obs.period();
    let (fe, fd) = files_text(obs, &[Kind::Komhen, Kind::Interval, Kind::Table]);
    let name = if opts.name.trim().is_empty() {
        "Egen kommune".to_string()
    } else {
        opts.name.trim().to_string()
    };
    s.id = slug(&name);
    s.title = name.clone();
    s.title_en = if opts.name.trim().is_empty() {
        "Own municipality".to_string()
    } else {
        name.clone()
    };
    s.description = format!("Kalibreret med kanalsim calibrate til {fd} ({pd}).");
    s.description_en = format!("Calibrated by kanalsim calibrate to {fe} ({pe}).");
    s.baseline_id = String::new();
    // The template's notes on what is not re-fitted stay; the rest is re-labelled below.
    let refitted = [
        "openingHours",
        "demand.annualErrands",
        "demand.errandTypes",
        "demand.weeklyProfile",
        "demand.channelTilt",
        "digital.adoption",
        "queues.personal.serviceTime",
        "queues.phone.serviceTime",
        "queues.personal.staffing",
        "queues.phone.staffing",
        "written.handlingTime",
    ];
    let phone_patience = obs
        .phone_report
        .filter(|r| r.offered > 0.0 && r.abandoned > 0.0 && r.asa_min > 0.0);
    s.sources.retain(|n| {
        let re = refitted
            .iter()
            .any(|t| n.topic == *t || n.topic.starts_with(&format!("{t}.")));
        let patience = phone_patience.is_some() && n.topic == "queues.phone.patience";
        !(re || patience)
    });
    let mut notes = Vec::new();
    let weeks = obs.n_weeks();
    let totals = obs.totals();
    let all: f64 = totals.iter().sum();
    let season = season_factor(&s.demand.monthly_factors, obs);
    let per_year = opts.weeks_per_year.unwrap_or(52.0);

    // Opening hours.
    let mut hours = [WeekHours::default(), WeekHours::default()];
    let mut how = [("", ""); 2];
    for c in 0..2 {
        let given = opts
            .hours
            .as_ref()
            .map(|h| if c == 0 { &h.personal } else { &h.phone });
        (hours[c], how[c]) = if let Some(h) = given {
            (h.clone(), ("given by --hours", "angivet med --hours"))
        } else if let Some(h) = &obs.opening[c] {
            (h.clone(), ("given by the table", "angivet i tabellen"))
        } else if obs.hourly_known[c] {
            (
                infer_hours(&obs.hourly[c]),
                (
                    "inferred from when registrations occur (each weekday from the first to the last hour with at least 5 % of the busiest hour's registrations): confirm them, or give them with --hours",
                    "udledt af, hvornår registreringerne falder (hver ugedag fra første til sidste time med mindst 5 % af den travleste times registreringer): bekræft dem, eller angiv dem med --hours",
                ),
            )
        } else if totals[c] > 0.0 {
            let t = if c == 0 {
                &tpl.opening_hours.personal
            } else {
                &tpl.opening_hours.phone
            };
            (
                t.clone(),
                (
                    "not in the files: Tønder 2012's, an assumption",
                    "ikke i filerne: Tønder 2012's, en antagelse",
                ),
            )
        } else {
            (
                WeekHours::default(),
                (
                    "closed: no contacts counted",
                    "lukket: ingen henvendelser talt",
                ),
            )
        };
    }
    s.opening_hours = OpeningHours {
        personal: hours[0].clone(),
        phone: hours[1].clone(),
    };
    let assumed_hours = how
        .iter()
        .any(|h| h.0.contains("assumption") || h.0.contains("inferred"));
    notes.push(note(
        "openingHours",
        if assumed_hours { Assumption } else { Source },
        format!(
            "Counter hours {}; phone hours {}. Counted: {fe}, {pe}.{}",
            how[0].0,
            how[1].0,
            if assumed_hours {
                " Inferred or assumed hours are an assumption."
            } else {
                ""
            }
        ),
        format!(
            "Skrankens åbningstid {}; telefontid {}. Talt: {fd}, {pd}.{}",
            how[0].1,
            how[1].1,
            if assumed_hours {
                " Udledte eller antagne tider er en antagelse."
            } else {
                ""
            }
        ),
    ));

    // Errand types: KLE main groups with at least 1 % of the contacts, the rest together.
    let mut groups: Vec<(String, [[f64; 2]; 4])> = Vec::new();
    let mut rest = [[0.0; 2]; 4];
    for (g, c) in &obs.counts {
        let n: f64 = c.iter().map(|x| x[0] + x[1]).sum();
        if g != "?" && n >= 0.01 * all {
            groups.push((g.clone(), *c));
        } else {
            for ch in 0..4 {
                rest[ch][0] += c[ch][0];
                rest[ch][1] += c[ch][1];
            }
        }
    }
    let rest_n: f64 = rest.iter().map(|x| x[0] + x[1]).sum();
    if rest_n > 0.0 {
        groups.push(("?".to_string(), rest));
    }
    let assisted_all = [totals[0], totals[1], totals[2]];
    let an: f64 = assisted_all.iter().sum();
    if an <= 0.0 {
        return Err(Error::input(
            "",
            "only digital contacts were counted: a scenario needs counter, phone or written contacts",
            "der er kun talt digitale henvendelser: et scenarie kræver personlige, telefoniske eller skriftlige",
        ));
    }
    let fail = tpl.digital.failure_share.likely;
    let single = groups.len() == 1;
    s.demand.errand_types = groups
        .iter()
        .map(|(g, c)| {
            let n: f64 = c.iter().map(|x| x[0] + x[1]).sum();
            let info: f64 = c.iter().map(|x| x[0]).sum();
            let a = [c[0][0] + c[0][1], c[1][0] + c[1][1], c[2][0] + c[2][1]];
            let asum: f64 = a.iter().sum();
            let mix = if asum > 0.0 {
                a.map(|x| x / asum)
            } else {
                assisted_all.map(|x| x / an)
            };
            let dig = (c[3][0] + c[3][1]) / n;
            let (id, da, en) = if single {
                (
                    "alle".to_string(),
                    "Alle ærinder".to_string(),
                    "All errands".to_string(),
                )
            } else if g == "?" {
                (
                    "ovrige".to_string(),
                    "Øvrige (KLE-hovedgrupper under 1 % og uden KLE-nummer)".to_string(),
                    "Other (KLE main groups under 1 % and without a KLE number)".to_string(),
                )
            } else {
                (
                    format!("kle-{g}"),
                    format!("KLE-hovedgruppe {g}"),
                    format!("KLE main group {g}"),
                )
            };
            ErrandType {
                id,
                name: da,
                name_en: en,
                share: n / all,
                information_share: info / n,
                digital_eligible: (dig / (ADOPTION.likely * (1.0 - fail))).min(1.0),
                adoption: None,
                channel_mix: ChannelMix {
                    personal: mix[0],
                    phone: mix[1],
                    written: mix[2],
                },
                handling_time_scale: 1.0,
                requires_attendance: false,
            }
        })
        .collect();
    let unmapped: f64 = (obs.unmapped_types.iter())
        .filter(|(k, _)| !obs.mapped_types.contains_key(*k))
        .map(|x| x.1)
        .sum();
    let (me, md) = super::inspect::mapped_types_text(obs);
    let untyped = obs.files.iter().any(|f| f.1 != Kind::Komhen);
    notes.push(note(
        "demand.errandTypes",
        Source,
        format!(
            "Errand types {}: shares and information shares (Type INFO, VEJL = information; OPRET, STATUS = transaction; {me}{} contacts of other types such as FEJL counted as information{}) from {fe}, {pe}, n = {}.",
            if single { "as one type" } else { "by KLE main group (the first two digits of Opgave; groups under 1 % together)" },
            big(unmapped, false),
            if untyped { "; contacts of a phone report or a table without a kind are counted as information" } else { "" },
            big(all, false)
        ),
        format!(
            "Ærindetyper {}: andele og informationsandele (Type INFO, VEJL = information; OPRET, STATUS = sagsbehandling; {md}{} henvendelser af andre typer som FEJL regnet som information{}) fra {fd}, {pd}, n = {}.",
            if single { "som én type" } else { "efter KLE-hovedgruppe (de to første cifre i Opgave; grupper under 1 % samlet)" },
            big(unmapped, true),
            if untyped { "; henvendelser i en telefonrapport eller tabel uden art regnes som information" } else { "" },
            big(all, true)
        ),
    ));
    notes.push(note(
        "demand.errandTypes.channelMix",
        Source,
        format!("Channel mix of each errand type from its counted contacts ({fe}, {pe}), then each channel scaled until the simulated counting weeks register the counted volume per channel (KOMHEN back-test)."),
        format!("Kanalfordeling pr. ærindetype fra de talte henvendelser ({fd}, {pd}), derefter hver kanal skaleret, til de simulerede tælleuger registrerer den talte mængde pr. kanal (KOMHEN-backtest)."),
    ));
    notes.push(note(
        "demand.errandTypes.digitalEligible",
        Assumption,
        format!("Digital eligibility of each type is what its counted digital share implies at an adoption of 87 % and the failure share, scaled until the simulated digital volume is the counted one ({fe}); which errands could be digital is not counted: an assumption."),
        format!("Digital egnethed pr. type er, hvad dens talte digitale andel giver ved en anvendelse på 87 % og fejlandelen, skaleret til den simulerede digitale mængde er den talte ({fd}); hvilke ærinder der kunne være digitale, tælles ikke: en antagelse."),
    ));
    notes.push(note(
        "demand.errandTypes.handlingTimeScale",
        Assumption,
        "Handling times are not scaled by errand type (factor 1): the channel's distribution applies to all types; an assumption.".into(),
        "Ekspeditionstiden skaleres ikke pr. ærindetype (faktor 1): kanalens fordeling gælder alle typer; en antagelse.".into(),
    ));
    s.digital.adoption = ADOPTION;
    notes.push(note(
        "digital.adoption",
        Source,
        "Adoption among eligible errands 80–94 %, most likely 87 %: the online share of the mandatory self-service waves 2015–2016 (digst.dk; KL's obligatory self-service). With the counted digital share it sets each type's eligibility.".into(),
        "Anvendelse blandt egnede ærinder 80–94 %, mest sandsynligt 87 %: onlineandelen i bølgerne af obligatorisk selvbetjening 2015–2016 (digst.dk; KL's obligatoriske selvbetjening). Med den talte digitale andel giver den hver types egnethed.".into(),
    ));

    // Annual volume (and its uncertainty where a per-inhabitant default stands in).
    if let Some((r, n)) = super::table::demand_uncertainty(obs, &tpl.demand.demand_factor) {
        s.demand.demand_factor = r;
        s.sources.retain(|x| x.topic != n.topic);
        notes.push(n);
    }
    s.demand.annual_errands = (all / weeks * per_year / season).max(1.0);
    notes.push(note(
        "demand.annualErrands",
        Source,
        format!(
            "Errands a year: the {} contacts counted ({fe}, {pe}) × {} / {} weeks ÷ the seasonal factor {} of the counting weeks (so that the season is not counted twice), then scaled until the simulated counting weeks register the counted contacts.{}",
            big(all, false), dec(per_year, 1, false), dec(weeks, 2, false), dec(season, 3, false),
            if opts.weeks_per_year.is_some() { " The weeks a year are given by --weeks-per-year." } else { "" }
        ),
        format!(
            "Ærinder om året: de {} talte henvendelser ({fd}, {pd}) × {} / {} uger ÷ tælleugernes sæsonfaktor {} (så sæsonen ikke tælles to gange), derefter skaleret, til de simulerede tælleuger registrerer de talte henvendelser.{}",
            big(all, true), dec(per_year, 1, true), dec(weeks, 2, true), dec(season, 3, true),
            if opts.weeks_per_year.is_some() { " Uger om året er angivet med --weeks-per-year." } else { "" }
        ),
    ));

    // Desire by hour of the week.
    let tp: Vec<f64> = tpl
        .demand
        .weekly_profile
        .iter()
        .flatten()
        .copied()
        .collect();
    let masks = [open_mask(&hours[0]), open_mask(&hours[1])];
    let known: Vec<usize> = (0..2).filter(|&c| obs.hourly_known[c]).collect();
    let fitted = |h: usize| known.iter().any(|&c| masks[c][h]);
    let mut p = vec![0.0; 168];
    let (mut so, mut st) = (0.0, 0.0);
    for h in 0..168 {
        if fitted(h) {
            p[h] = known
                .iter()
                .filter(|&&c| masks[c][h])
                .map(|&c| obs.hourly[c][h])
                .sum::<f64>();
            so += p[h];
            st += tp[h];
        }
    }
    let k = if so > 0.0 && st > 0.0 { so / st } else { 1.0 };
    for h in 0..168 {
        if !fitted(h) {
            p[h] = tp[h] * k;
        }
    }
    s.demand.weekly_profile = p
        .chunks(24)
        .map(|r| r.iter().map(|x| x / k).collect())
        .collect();
    notes.push(if known.is_empty() {
        note(
            "demand.weeklyProfile",
            Assumption,
            format!(
                "When citizens want contact, by hour of the week: not counted by hour ({fe}, {pe}), so the Tønder 2012 preset's profile (Monday 1.3 × the average, peak 9–11), an uncertain assumption."
            ),
            format!(
                "Hvornår borgerne ønsker kontakt, pr. time i ugen: ikke talt pr. time ({fd}, {pd}), så Tønder 2012-forvalgets profil (mandag 1,3 × gennemsnittet, top kl. 9–11), en usikker antagelse."
            ),
        )
    } else {
        note(
        "demand.weeklyProfile",
        Assumption,
        format!(
            "When citizens want contact, by hour of the week: in the hours the counter or the phone is open, fitted so that the simulated registrations (including citizens displaced from closed hours) reproduce those counted ({fe}, {pe}). Outside the opening hours nothing can be counted: there the desire keeps the shape of the Tønder 2012 preset's profile at the level of the open hours, an uncertain assumption."
        ),
        format!(
            "Hvornår borgerne ønsker kontakt, pr. time i ugen: i de timer skranken eller telefonen er åben, tilpasset så de simulerede registreringer (inkl. borgere fortrængt fra lukkede timer) genskaber de talte ({fd}, {pd}). Uden for åbningstiden kan intet tælles: dér har ønsket formen fra Tønder 2012-forvalgets profil i de åbne timers niveau, en usikker antagelse."
        ),
    )
    });

    // Channel tilt: how the counter's and the phone's shares lean over the week.
    let common = common_hours(obs, &masks);
    if common.iter().any(|c| *c) {
        s.demand.channel_tilt = Some(initial_tilt(obs, &common));
        let n = common.iter().filter(|c| **c).count();
        notes.push(note(
            "demand.channelTilt",
            Assumption,
            format!(
                "Per-channel tilt of the channel mix by hour of the week: in the {n} hours both the counter and the phone are open and counted, each channel's counted share of that hour's counter and phone registrations over its mean share ({fe}, {pe}; shrunk towards 1 by {TILT_PRIOR} registrations' weight where an hour has few), then adjusted each round until the simulated registrations of each channel reproduce the counted ones. Outside the common open hours nothing shows how citizens would split between the channels: there the tilt is 1 (the errand type's own mix), an uncertain assumption."
            ),
            format!(
                "Kanalhældning pr. time i ugen: i de {n} timer både skranken og telefonen er åben og talt, hver kanals talte andel af timens skranke- og telefonregistreringer over dens gennemsnitlige andel ({fd}, {pd}; trukket mod 1 med {TILT_PRIOR} registreringers vægt, hvor en time har få), derefter justeret hver runde, til hver kanals simulerede registreringer genskaber de talte. Uden for de fælles åbningstimer viser intet, hvordan borgerne ville fordele sig på kanalerne: dér er hældningen 1 (ærindetypens egen fordeling), en usikker antagelse."
            ),
        ));
    }

    // Handling times.
    let topics = [
        "queues.personal.serviceTime",
        "queues.phone.serviceTime",
        "written.handlingTime",
    ];
    let names = [
        ("Counter", "Skranke"),
        ("Phone", "Telefon"),
        ("Written", "Skriftlig"),
    ];
    for c in 0..3 {
        let (ne, nd) = names[c];
        let x = &obs.handling[c];
        let (dist, kind, en, da) = if let Some((e, w)) = &obs.handling_bins[c] {
            (
                Distribution::Empirical {
                    edges_min: e.clone(),
                    weights: w.clone(),
                },
                Source,
                format!(
                    "{ne} handling time: the bins of the table ({fe}, {pe}), uniform within a bin."
                ),
                format!(
                    "{nd}: ekspeditionstid i tabellens intervaller ({fd}, {pd}), jævnt fordelt i hvert interval."
                ),
            )
        } else if x.len() >= 30 {
            let (m, sd) = lognormal_fit(x).unwrap_or((1.0, 1.0));
            let kept = x.len() as f64;
            let n = kept + obs.short[c] + obs.long[c];
            (
                histogram(x),
                Source,
                format!(
                    "{ne} handling time (SlutTidspunkt − StartTidspunkt): the empirical histogram of the KOMHEN registrations ({fe}, {pe}), n = {} of {}: {} under 30 s and {} without a usable end (none, before the start or over 4 hours) left out as registration artefacts, still counted as contacts. A lognormal fit: mean {} min, sd {} min.",
                    big(kept, false),
                    big(n, false),
                    big(obs.short[c], false),
                    big(obs.long[c], false),
                    dec(m, 2, false),
                    dec(sd, 2, false)
                ),
                format!(
                    "{nd}: ekspeditionstid (SlutTidspunkt − StartTidspunkt): det empiriske histogram af KOMHEN-registreringerne ({fd}, {pd}), n = {} af {}: {} under 30 s og {} uden brugbar sluttid (ingen, før start eller over 4 timer) udeladt som registreringsartefakter, men talt med som henvendelser. En lognormal tilpasning: middel {} min, spredning {} min.",
                    big(kept, true),
                    big(n, true),
                    big(obs.short[c], true),
                    big(obs.long[c], true),
                    dec(m, 2, true),
                    dec(sd, 2, true)
                ),
            )
        } else if let Some(m) = obs.handling_mean[c].or(if c == 1 {
            obs.phone_report.map(|r| r.aht_min).filter(|a| *a > 0.0)
        } else {
            None
        }) {
            (
                Distribution::Lognormal {
                    mean_min: m,
                    sd_min: m,
                },
                Assumption,
                format!(
                    "{ne} handling time: lognormal with the mean {} min of {fe}; its spread (sd = the mean) is an assumption.",
                    dec(m, 2, false)
                ),
                format!(
                    "{nd}: ekspeditionstid lognormal med middel {} min fra {fd}; spredningen (= middel) er en antagelse.",
                    dec(m, 2, true)
                ),
            )
        } else {
            let t = match c {
                0 => tpl.queues.personal.service_time.clone(),
                1 => tpl.queues.phone.service_time.clone(),
                _ => tpl.written.handling_time.clone(),
            };
            (
                t,
                Assumption,
                format!(
                    "{ne} handling time: not in the files; the Tønder 2012 preset's (fitted to Hørsholm 2008), an assumption."
                ),
                format!(
                    "{nd}: ekspeditionstid: ikke i filerne; Tønder 2012-forvalgets (tilpasset Hørsholm 2008), en antagelse."
                ),
            )
        };
        match c {
            0 => s.queues.personal.service_time = dist,
            1 => s.queues.phone.service_time = dist,
            _ => s.written.handling_time = dist,
        }
        notes.push(note(topics[c], kind, en, da));
    }

    // Phone patience from the interval report (M/M/n+M: P(abandon) = mean wait / mean
    // patience, with the mean speed of answer standing for the mean wait).
    if let Some(r) = phone_patience {
        let pab = r.abandoned / r.offered;
        let m = (r.asa_min / pab).clamp(0.5, 60.0);
        s.queues.phone.patience = Some(Distribution::Exponential { mean_min: m });
        let (fe2, fd2) = files_text(obs, &[Kind::Interval]);
        notes.push(note(
            "queues.phone.patience",
            Assumption,
            format!("Patience on the phone exponential with mean {} min: {} % of the {} calls offered abandoned and the mean speed of answer is {} min ({fe2}); in M/M/n+M the abandoned share is the mean wait over the mean patience, with the speed of answer standing for the mean wait (an assumption).", dec(m, 2, false), dec(100.0 * pab, 1, false), big(r.offered, false), dec(r.asa_min, 2, false)),
            format!("Tålmodighed i telefonen eksponentiel med middel {} min: {} % af de {} tilbudte opkald blev opgivet, og den gennemsnitlige svartid er {} min ({fd2}); i M/M/n+M er andelen opgivne middelventetiden over middeltålmodigheden, med svartiden i stedet for middelventetiden (en antagelse).", dec(m, 2, true), dec(100.0 * pab, 1, true), big(r.offered, true), dec(r.asa_min, 2, true)),
        ));
    }

    // Staff.
    for c in 0..2 {
        let q = if c == 0 {
            &mut s.queues.personal
        } else {
            &mut s.queues.phone
        };
        let topic = if c == 0 {
            "queues.personal.staffing"
        } else {
            "queues.phone.staffing"
        };
        if let Some(st) = &obs.staff[c] {
            q.staffing = st.clone();
            notes.push(note(
                topic,
                Source,
                format!("Staff per hour from the table ({fe}, {pe})."),
                format!("Bemanding pr. time fra tabellen ({fd}, {pd})."),
            ));
            continue;
        }
        let ms = mean_of(&q.service_time);
        let patience = q.patience.as_ref().map(mean_of);
        let target = q.target_seconds / 60.0;
        let mut open_staff = Vec::new();
        let mut g = vec![vec![0u32; 24]; 7];
        let per_week = if obs.hourly_known[c] {
            1.0 / weeks
        } else {
            0.0
        };
        let open_hours = masks[c].iter().filter(|m| **m).count().max(1) as f64;
        for h in 0..168 {
            if masks[c][h] {
                let lam = if per_week > 0.0 {
                    obs.hourly[c][h] * per_week
                } else {
                    totals[c] / weeks / open_hours
                } / 60.0;
                let n = crate::staffing::least_staff(lam, ms, patience, target, 0.8);
                g[h / 24][h % 24] = n;
                open_staff.push(n);
            }
        }
        open_staff.sort_unstable();
        let med = open_staff
            .get(open_staff.len() / 2)
            .copied()
            .unwrap_or(1)
            .max(1);
        for h in 0..168 {
            if !masks[c][h] {
                g[h / 24][h % 24] = med;
            }
        }
        q.staffing = g;
        notes.push(note(
            topic,
            Assumption,
            format!("Staff per open hour: the least whose Erlang A service level answers 80 % within the target ({} s) at the counted arrivals of that hour ({fe}); outside the opening hours (used only by scenarios that open them) the median open hour's. Counting weeks do not count staff: an assumption.", q.target_seconds),
            format!("Bemanding pr. åben time: de færreste, hvis Erlang A-serviceniveau besvarer 80 % inden for målet ({} s) ved timens talte ankomster ({fd}); uden for åbningstiden (bruges kun af scenarier, der åbner dem) medianen af de åbne timer. Tælleuger tæller ikke bemanding: en antagelse.", q.target_seconds),
        ));
    }
    s.sources.extend(notes);
    Ok(s)
}

/// Registrations whose weight the counted channel share of an hour is shrunk towards the
/// mean share with (an hour with few registrations gets a tilt near 1).
pub const TILT_PRIOR: f64 = 5.0;
/// Bounds of a fitted tilt factor (a guard against an hour where one channel counts none).
pub const TILT_BOUNDS: (f64, f64) = (0.02, 50.0);
/// Added to the fit rounds' seed: the rounds simulate the central scenario on a stream of
/// their own, so the back-test (on the scenario's own seed) is not the sample fitted to.
pub const FIT_SEED_OFFSET: u64 = 0x0F17_5EED;

/// Hours of the week in which both the counter and the phone are open and counted, with at
/// least one registration: where the counted channel shares say how the mix leans.
pub fn common_hours(obs: &Observed, masks: &[[bool; 168]; 2]) -> [bool; 168] {
    let mut m = [false; 168];
    if !(obs.hourly_known[0] && obs.hourly_known[1]) {
        return m;
    }
    for (h, x) in m.iter_mut().enumerate() {
        *x = masks[0][h] && masks[1][h] && obs.hourly[0][h] + obs.hourly[1][h] > 0.0;
    }
    m
}

/// The counter's mean share of counter + phone registrations over the common hours.
fn mean_counter_share(obs: &Observed, common: &[bool; 168]) -> f64 {
    let (mut c, mut n) = (0.0, 0.0);
    for h in (0..168).filter(|&h| common[h]) {
        c += obs.hourly[0][h];
        n += obs.hourly[0][h] + obs.hourly[1][h];
    }
    if n > 0.0 { c / n } else { 0.5 }
}

/// The first tilt: in the common hours each channel's counted share of the hour (shrunk
/// towards the mean share by [`TILT_PRIOR`] registrations) over its mean share; 1 elsewhere.
pub fn initial_tilt(obs: &Observed, common: &[bool; 168]) -> ChannelTilt {
    let mc = mean_counter_share(obs, common);
    let mut tilt = [vec![1.0; 168], vec![1.0; 168]];
    if mc > 0.0 && mc < 1.0 {
        for h in (0..168).filter(|&h| common[h]) {
            let n = obs.hourly[0][h] + obs.hourly[1][h];
            let sc = (obs.hourly[0][h] + TILT_PRIOR * mc) / (n + TILT_PRIOR);
            tilt[0][h] = (sc / mc).clamp(TILT_BOUNDS.0, TILT_BOUNDS.1);
            tilt[1][h] = ((1.0 - sc) / (1.0 - mc)).clamp(TILT_BOUNDS.0, TILT_BOUNDS.1);
        }
    }
    normalise_tilt(obs, common, &mut tilt);
    let grid = |v: &[f64]| v.chunks(24).map(|r| r.to_vec()).collect();
    ChannelTilt {
        personal: grid(&tilt[0]),
        phone: grid(&tilt[1]),
    }
}

/// Scale each channel's tilt so that its mean over the common hours, weighted by the hours'
/// counted registrations, is 1 (the weekly mix, fitted separately, keeps its meaning).
fn normalise_tilt(obs: &Observed, common: &[bool; 168], tilt: &mut [Vec<f64>; 2]) {
    let (mut n, mut w) = (0.0, [0.0; 2]);
    for h in (0..168).filter(|&h| common[h]) {
        let x = obs.hourly[0][h] + obs.hourly[1][h];
        n += x;
        w[0] += x * tilt[0][h];
        w[1] += x * tilt[1][h];
    }
    for c in 0..2 {
        if n > 0.0 && w[c] > 0.0 {
            let k = n / w[c];
            for h in (0..168).filter(|&h| common[h]) {
                tilt[c][h] *= k;
            }
        }
    }
}

/// The central scenario: every uncertain range collapsed to its most likely value, with
/// the fit rounds' own seed. Ranges are found by their shape (`{low, likely, high}`) in the
/// scenario's JSON, so every range the scenario has, now or later, is collapsed.
pub fn central(s: &Scenario) -> Result<Scenario, Error> {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                let is_range = m.len() == 3
                    && m.contains_key("low")
                    && m.contains_key("high")
                    && m.get("likely").is_some_and(|x| x.is_number());
                if is_range {
                    let likely = m["likely"].clone();
                    m.insert("low".to_string(), likely.clone());
                    m.insert("high".to_string(), likely);
                } else {
                    m.values_mut().for_each(walk);
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let fail = |e: serde_json::Error| {
        Error::input(
            "scenario",
            format!("the central scenario could not be formed: {e}"),
            format!("det centrale scenarie kunne ikke dannes: {e}"),
        )
    };
    let mut v = serde_json::to_value(s).map_err(fail)?;
    walk(&mut v);
    let mut c: Scenario = serde_json::from_value(v).map_err(fail)?;
    c.simulation.seed = s.simulation.seed.wrapping_add(FIT_SEED_OFFSET);
    Ok(c)
}

fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'æ' => "ae".to_string(),
            'ø' => "oe".to_string(),
            'å' => "aa".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        };
        out.push_str(&c);
    }
    let parts: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        "egen-kommune".to_string()
    } else {
        parts.join("-")
    }
}

/// Simulate `s` and measure it against `obs`.
#[allow(clippy::needless_range_loop)]
pub fn backtest(
    s: &Scenario,
    obs: &Observed,
    replications: u32,
    threads: usize,
) -> Result<Backtest, Error> {
    let m = Model::new(s)?;
    let set = RunSettings::of(s)
        .with_replications(replications)
        .with_threads(threads);
    let aggs = run_many(&[&m], &set, &mut NoObserver)?;
    let a = &aggs[0];
    let r = a.results(&m);
    let season = season_factor(&s.demand.monthly_factors, obs);
    let weeks = obs.n_weeks();
    let w = obs.weekly();
    let horizon = s.horizon_weeks as f64;
    let mut channels = Vec::new();
    for c in 0..4 {
        let ch = super::CHANNELS[c];
        if c < 2 {
            let sim: Vec<f64> = a.served_by_hour(c).iter().map(|x| x * season).collect();
            let (oh, sh, corr, mae, n) = if obs.hourly_known[c] {
                let oh: Vec<f64> = obs.hourly[c].iter().map(|x| x / weeks).collect();
                let (corr, mae, n) = measure(&oh, &sim, &obs.hourly[c]);
                (oh, sim.clone(), corr, mae, n)
            } else {
                (Vec::new(), Vec::new(), None, None, 0)
            };
            channels.push(ChannelFit {
                channel: ch,
                observed_weekly: w[c],
                simulated_weekly: sim.iter().sum(),
                observed_hourly: oh,
                simulated_hourly: sh,
                correlation: corr,
                mean_abs_error: mae,
                hours_measured: n,
            });
        } else {
            let id = if c == 2 {
                "contacts.written"
            } else {
                "contacts.digital"
            };
            channels.push(ChannelFit {
                channel: ch,
                observed_weekly: w[c],
                simulated_weekly: r.metrics[id].mean / horizon * season,
                observed_hourly: Vec::new(),
                simulated_hourly: Vec::new(),
                correlation: None,
                mean_abs_error: None,
                hours_measured: 0,
            });
        }
    }
    Ok(Backtest {
        weeks,
        season_factor: season,
        replications,
        channels,
    })
}

/// How far a back-test is from the counts: the worst weekly error plus the worst hourly
/// mean absolute error.
fn score(b: &Backtest) -> f64 {
    let wk = b
        .channels
        .iter()
        .filter(|c| c.observed_weekly > 0.0)
        .map(|c| c.weekly_error().abs())
        .fold(0.0, f64::max);
    let hr = b
        .channels
        .iter()
        .filter_map(|c| c.mean_abs_error)
        .fold(0.0, f64::max);
    wk + hr
}

/// Build the first guess and adjust it, round by round, until the simulated registrations
/// reproduce the counted ones; the best round is kept. The rounds simulate the central
/// scenario ([`central`]: every range at its most likely value, the seed moved by
/// [`FIT_SEED_OFFSET`]), so the fit chases the model, not the noise of the uncertain
/// inputs; the back-test then simulates the scenario as it is — uncertain, on its own seed —
/// with [`Options::backtest_replications`].
#[allow(clippy::needless_range_loop)]
pub fn calibrate(obs: Observed, opts: &Options) -> Result<Calibration, Error> {
    let mut s = build(&obs, opts)?;
    let masks = [
        open_mask(&s.opening_hours.personal),
        open_mask(&s.opening_hours.phone),
    ];
    let common = common_hours(&obs, &masks);
    let weeks = obs.n_weeks();
    let mut best: Option<(f64, Scenario)> = None;
    let mut rounds = 0;
    for round in 0..=opts.rounds {
        rounds = round;
        let b = backtest(&central(&s)?, &obs, opts.replications, opts.threads)?;
        let sc = score(&b);
        if best.as_ref().is_none_or(|x| sc < x.0) {
            best = Some((sc, s.clone()));
        }
        if round == opts.rounds {
            break;
        }
        // Desire in the fitted hours (the sum over the channels open there).
        let mut p: Vec<f64> = s.demand.weekly_profile.iter().flatten().copied().collect();
        for (h, ph) in p.iter_mut().enumerate() {
            let (mut o, mut si, mut any) = (0.0, 0.0, false);
            for c in 0..2 {
                if obs.hourly_known[c] && masks[c][h] {
                    o += obs.hourly[c][h] / weeks;
                    si += b.channels[c].simulated_hourly[h];
                    any = true;
                }
            }
            if any {
                *ph *= ((o + 0.05) / (si + 0.05)).powf(0.9);
            }
        }
        s.demand.weekly_profile = p.chunks(24).map(|r| r.to_vec()).collect();
        // The channel tilt in the common hours: each channel's counted ÷ simulated against
        // the hour's (the desire update above takes the hour's level).
        if let Some(tilt) = &mut s.demand.channel_tilt {
            let mut t = [
                tilt.personal
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<Vec<f64>>(),
                tilt.phone.iter().flatten().copied().collect::<Vec<f64>>(),
            ];
            for h in (0..168).filter(|&h| common[h]) {
                let o = [obs.hourly[0][h] / weeks, obs.hourly[1][h] / weeks];
                let si = [
                    b.channels[0].simulated_hourly[h],
                    b.channels[1].simulated_hourly[h],
                ];
                let all = (o[0] + o[1] + 0.05) / (si[0] + si[1] + 0.05);
                for c in 0..2 {
                    let r = (o[c] + 0.05) / (si[c] + 0.05) / all;
                    t[c][h] = (t[c][h] * r.powf(0.9)).clamp(TILT_BOUNDS.0, TILT_BOUNDS.1);
                }
            }
            normalise_tilt(&obs, &common, &mut t);
            tilt.personal = t[0].chunks(24).map(|r| r.to_vec()).collect();
            tilt.phone = t[1].chunks(24).map(|r| r.to_vec()).collect();
        }
        // Volume, mix and digital eligibility.
        let o: f64 = b.channels.iter().map(|c| c.observed_weekly).sum();
        let si: f64 = b.channels.iter().map(|c| c.simulated_weekly).sum();
        if si > 0.0 {
            s.demand.annual_errands *= o / si;
        }
        let f: Vec<f64> = b
            .channels
            .iter()
            .map(|c| {
                if c.observed_weekly > 0.0 && c.simulated_weekly > 0.0 {
                    c.observed_weekly / c.simulated_weekly
                } else {
                    1.0
                }
            })
            .collect();
        for t in &mut s.demand.errand_types {
            let m = &mut t.channel_mix;
            let v = [m.personal * f[0], m.phone * f[1], m.written * f[2]];
            let n: f64 = v.iter().sum();
            if n > 0.0 {
                m.personal = v[0] / n;
                m.phone = v[1] / n;
                m.written = 1.0 - m.personal - m.phone;
                m.written = m.written.max(0.0);
            }
            t.digital_eligible = (t.digital_eligible * f[3]).min(1.0);
        }
    }
    let (_, s) = best.expect("at least one round");
    let b = backtest(&s, &obs, opts.backtest_replications, opts.threads)?;
    Ok(Calibration {
        scenario: s,
        backtest: b,
        observed: obs,
        rounds,
    })
}
