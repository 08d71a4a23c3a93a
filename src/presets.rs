//! Ready scenarios embedded in the library: the default baseline **Tønder 2012** and ready
//! what-if scenarios beside it. Every figure names its source or is labelled as an
//! assumption (see `sources` in each scenario).

use crate::scenario::*;

/// The id of the default preset.
pub const DEFAULT_ID: &str = "tonder-2012";

/// A preset's id and titles.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresetInfo {
    /// Slug id.
    pub id: String,
    /// Danish title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Id of the baseline it is compared with (empty for a baseline).
    pub baseline_id: String,
}

/// Every preset, baseline first.
pub fn all() -> Vec<Scenario> {
    let base = tonder_2012();
    let mut v = vec![base.clone()];
    // Phone closed on Wednesdays (the counter already is).
    let mut s = variant(
        &base,
        "tonder-2012-phone-closed-wed",
        "Telefonen lukket om onsdagen",
        "Phone closed on Wednesdays",
        "Som Tønder 2012, men telefonen holder lukket om onsdagen (skranken er allerede lukket onsdag).",
        "As Tønder 2012, but the phone is closed on Wednesdays (the counter already is).",
    );
    s.opening_hours.phone.wed.clear();
    v.push(s);
    // Phone 9–13 only.
    let mut s = variant(
        &base,
        "tonder-2012-phone-9-13",
        "Telefonen åben kl. 9–13",
        "Phone open 9–13 only",
        "Som Tønder 2012, men telefonen er kun åben kl. 9–13 mandag til fredag.",
        "As Tønder 2012, but the phone is open only 9–13, Monday to Friday.",
    );
    s.opening_hours.phone = WeekHours::uniform(&[0, 1, 2, 3, 4], &[("09:00", "13:00")]);
    v.push(s);
    // Digital adoption +10 points.
    let mut s = variant(
        &base,
        "tonder-2012-digital-plus-10",
        "Digital selvbetjening +10 point",
        "Digital adoption +10 points",
        "Som Tønder 2012, men 10 procentpoint flere af de digitalt egnede ærinder klares ved selvbetjening (jf. Tønders succeskriterium om +10 % selvbetjening).",
        "As Tønder 2012, but 10 percentage points more of the digitally eligible errands are done by self-service (cf. Tønder's success criterion of +10 % self-service).",
    );
    shift_adoption(&mut s, 0.10);
    v.push(s);
    // Evening phone 15–21 (digital helpdesk).
    let mut s = variant(
        &base,
        "tonder-2012-phone-evening",
        "Aftentelefon kl. 15–21",
        "Evening phone 15–21",
        "Som Tønder 2012, men telefonen er også åben til kl. 21 mandag til torsdag (en digital hjælpetelefon, som Tønders strategi overvejer).",
        "As Tønder 2012, but the phone is also open until 21:00 Monday to Thursday (a digital helpdesk, as Tønder's strategy considers).",
    );
    for d in 0..4 {
        *s.opening_hours.phone.day_mut(d) = vec![Interval::new("09:00", "21:00")];
    }
    v.push(s);
    // The combined strategy.
    let mut s = variant(
        &base,
        "tonder-2012-strategy",
        "Strategi: telefon 9–13, lukket onsdag, digital +10 point",
        "Strategy: phone 9–13, closed Wednesday, digital +10 points",
        "Telefonen åben kl. 9–13 mandag, tirsdag, torsdag og fredag, lukket onsdag, og 10 procentpoint flere klarer sig digitalt.",
        "Phone open 9–13 on Monday, Tuesday, Thursday and Friday, closed on Wednesday, and 10 percentage points more use self-service.",
    );
    s.opening_hours.phone = WeekHours::uniform(&[0, 1, 3, 4], &[("09:00", "13:00")]);
    shift_adoption(&mut s, 0.10);
    v.push(s);
    v
}

/// The ids and titles of every preset.
pub fn list() -> Vec<PresetInfo> {
    all()
        .into_iter()
        .map(|s| PresetInfo {
            id: s.id,
            title: s.title,
            title_en: s.title_en,
            baseline_id: s.baseline_id,
        })
        .collect()
}

/// The preset with this id.
pub fn get(id: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.id == id)
}

fn variant(base: &Scenario, id: &str, da: &str, en: &str, dda: &str, den: &str) -> Scenario {
    let mut s = base.clone();
    s.id = id.to_string();
    s.title = da.to_string();
    s.title_en = en.to_string();
    s.description = dda.to_string();
    s.description_en = den.to_string();
    s.baseline_id = base.id.clone();
    s
}

fn shift_adoption(s: &mut Scenario, d: f64) {
    let a = &mut s.digital.adoption;
    *a = Range::new(
        (a.low + d).min(1.0),
        (a.likely + d).min(1.0),
        (a.high + d).min(1.0),
    );
}

fn note(topic: &str, kind: SourceKind, da: &str, en: &str) -> SourceNote {
    SourceNote {
        topic: topic.to_string(),
        kind,
        da: da.to_string(),
        en: en.to_string(),
    }
}

/// Staff on given weekdays as `(from hour, to hour, staff)` spans.
type StaffRows<'a> = &'a [(&'a [usize], &'a [(u32, u32, u32)])];

fn staffing(rows: StaffRows<'_>) -> Vec<Vec<u32>> {
    let mut g = vec![vec![0u32; 24]; 7];
    for (days, spans) in rows {
        for &d in *days {
            for &(from, to, n) in *spans {
                for h in from..to {
                    g[d][h as usize] = n;
                }
            }
        }
    }
    g
}

#[allow(clippy::too_many_arguments)]
fn errand(
    id: &str,
    da: &str,
    en: &str,
    share: f64,
    info: f64,
    eligible: f64,
    mix: (f64, f64, f64),
    scale: f64,
) -> ErrandType {
    ErrandType {
        id: id.to_string(),
        name: da.to_string(),
        name_en: en.to_string(),
        share,
        information_share: info,
        digital_eligible: eligible,
        adoption: None,
        channel_mix: ChannelMix {
            personal: mix.0,
            phone: mix.1,
            written: mix.2,
        },
        handling_time_scale: scale,
    }
}

/// Hørsholm's handling-time bins (0–2, 2–4, 4–6, 6–8, 8–10, >10 minutes); the open top bin
/// is closed at 20 minutes (an assumption).
fn horsholm(weights: [f64; 6]) -> Distribution {
    Distribution::Empirical {
        edges_min: vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 20.0],
        weights: weights.to_vec(),
    }
}

/// The default baseline: Tønder Kommune's citizen service in 2012.
pub fn tonder_2012() -> Scenario {
    use SourceKind::{Assumption, Source};
    let weekdays: &[usize] = &[0, 1, 2, 3, 4];
    let day_weight = [1.3, 1.1, 1.0, 1.0, 0.8, 0.25, 0.2];
    let hour_weight = [
        0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.35, 0.8, 1.0, 1.0, 0.9, 0.7, 0.85, 0.8, 0.6,
        0.5, 0.35, 0.3, 0.3, 0.25, 0.2, 0.1, 0.05,
    ];
    let weekly_profile = day_weight
        .iter()
        .map(|d| hour_weight.iter().map(|h| d * h).collect())
        .collect();
    Scenario {
        format_version: FORMAT_VERSION,
        id: DEFAULT_ID.to_string(),
        title: "Tønder 2012".to_string(),
        title_en: "Tønder 2012".to_string(),
        description: "Tønder Kommunes borgerservice med åbnings- og telefontider fra Borgerservice- og Kanalstrategi 2013–2016, kalibreret til 58.000 personlige og telefoniske informationshenvendelser i 2012. Kanalfordeling og ekspeditionstider fra Hørsholm Kommunes henvendelsesanalyse 2008.".to_string(),
        description_en: "Tønder Kommune's citizen service with the counter and phone hours of its Citizen Service and Channel Strategy 2013–2016, calibrated to 58,000 personal and phone information contacts in 2012. Channel mix and handling times from Hørsholm Kommune's contact analysis 2008.".to_string(),
        baseline_id: String::new(),
        sources: vec![
            note("openingHours", Source,
                "Skranke: man–tir 10–15, ons lukket, tor 10–17, fre 10–13. Telefon: man–ons 9–15, tor 9–17, fre 9–13. Kilde: Tønder Kommune, Borgerservice- og Kanalstrategi 2013–2016.",
                "Counter: Mon–Tue 10–15, Wed closed, Thu 10–17, Fri 10–13. Phone: Mon–Wed 9–15, Thu 9–17, Fri 9–13. Source: Tønder Kommune, Borgerservice- og Kanalstrategi 2013–2016."),
            note("demand.annualErrands", Source,
                "Antallet af ærinder er kalibreret, så modellen giver ca. 58.000 personlige og telefoniske informationshenvendelser om året (Tønder 2012, KOMHEN-tælleuge 43–45 opregnet til et år). Kilde: Tønders kanalstrategi.",
                "The number of errands is calibrated so the model gives about 58,000 personal and phone information contacts a year (Tønder 2012, KOMHEN counting weeks 43–45 extrapolated to a year). Source: Tønder's channel strategy."),
            note("demand.errandTypes.channelMix", Source,
                "Den samlede kanalfordeling blandt betjente kanaler (ca. 24 % personlig, 51 % telefon, 25 % skriftlig) følger Hørsholm Kommunes henvendelsesanalyse, januar 2008 (20,5 % personlig, 49,4 % telefon, 26,6 % brev og e-mail). Fordelingen pr. ærindetype er en antagelse.",
                "The overall mix among assisted channels (about 24 % counter, 51 % phone, 25 % written) follows Hørsholm Kommune's contact analysis, January 2008 (20.5 % counter, 49.4 % phone, 26.6 % letter and e-mail). The split by errand type is an assumption."),
            note("queues.serviceTime", Source,
                "Ekspeditionstider som Hørsholms fordeling pr. kanal (0–2, 2–4, 4–6, 6–8, 8–10, >10 min); intervallet over 10 min er antaget at gå til 20 min.",
                "Handling times follow Hørsholm's distribution by channel (0–2, 2–4, 4–6, 6–8, 8–10, >10 min); the bin above 10 min is assumed to end at 20 min."),
            note("demand.errandTypes", Assumption,
                "Ærindetyper, deres andele, informationsandel og digital egnethed er antagelser (ingen kilde giver dem for Tønder).",
                "Errand types, their shares, information share and digital eligibility are assumptions (no source gives them for Tønder)."),
            note("digital.adoption", Source,
                "Anvendelse af selvbetjening blandt digitalt egnede ærinder 25–40 %, mest sandsynligt 32 %: KOMHEN efterår 2011 målte 29 % selvbetjening på 35 opgaver (KL).",
                "Use of self-service among digitally eligible errands 25–40 %, most likely 32 %: KOMHEN autumn 2011 measured 29 % self-service on 35 tasks (KL)."),
            note("digital.failureShare", Assumption,
                "5–20 % af de digitale forsøg mislykkes og bliver til en henvendelse i en betjent kanal (antagelse).",
                "5–20 % of digital attempts fail and become a contact on an assisted channel (assumption)."),
            note("demand.weeklyProfile", Assumption,
                "Ugeprofil for hvornår borgerne ønsker at henvende sig: mandag 1,3 × gennemsnittet, top kl. 9–11. Antagelse støttet af generelle kontaktcenter-mønstre (mandag 1,2–1,4 ×, tophalvtime 2,5–4 × den stilleste).",
                "Weekly profile of when citizens want to make contact: Monday 1.3 × the average, peak 9–11. Assumption supported by general contact-centre patterns (Monday 1.2–1.4 ×, peak half-hour 2.5–4 × the quietest)."),
            note("demand.monthlyFactors", Assumption,
                "Sæsonfaktorer med forårstop (pas før sommerferien) og lav juli og december (antagelse).",
                "Seasonal factors with a spring peak (passports before the summer holiday) and a low July and December (assumption)."),
            note("demand.dayDispersion", Source,
                "Dag-til-dag-variation som en gammafordelt dagsfaktor (variationskoefficient 0,15, antaget); gammafordelte dagsrater passer til kontaktcentre (Brown m.fl. 2005).",
                "Day-to-day variation as a gamma-distributed day factor (coefficient of variation 0.15, assumed); gamma day rates fit contact centres (Brown et al. 2005)."),
            note("whenClosed", Assumption,
                "Adfærd når kanalen er lukket (udsætter, skifter kanal, går digitalt, opgiver) er antagelser med usikkerhedsintervaller.",
                "Behaviour when the channel is closed (defer, switch channel, go digital, give up) is assumed, with uncertainty ranges."),
            note("queues.phone.patience", Assumption,
                "Tålmodighed i telefonkøen eksponentielt fordelt med middelværdi 5 min; 50–85 % ringer igen (85 % er en øvre grænse fra nødopkald).",
                "Patience in the phone queue exponential with mean 5 min; 50–85 % call again (85 % is an upper bound from emergency calls)."),
            note("queues.personal.patience", Source,
                "Tålmodighed ved skranken lognormal, middel 45 min; Greve målte ca. 20 min ventetid ved skranken før tidsbestilling. Fordelingen er en antagelse.",
                "Patience at the counter lognormal, mean 45 min; Greve measured about 20 min counter wait before booking. The distribution is an assumption."),
            note("queues.staffing", Assumption,
                "Bemanding pr. time er en antagelse, dimensioneret så telefonen besvarer ca. 80 % inden for 2 minutter.",
                "Staffing per hour is an assumption, sized so the phone answers about 80 % within 2 minutes."),
            note("queues.phone.targetSeconds", Assumption,
                "Servicemål: 80 % af opkald besvaret inden for 2 minutter (ingen dansk kilde; antagelse).",
                "Service target: 80 % of calls answered within 2 minutes (no Danish source; assumption)."),
            note("costs", Source,
                "Kanalpriser: personlig 75 kr. og digital selvbetjening 20 kr. (KL, 78 kommuner, 2011); brev/e-mail 120 kr. (branche-estimat, bt.dk ca. 2011); telefon 30 kr. er en antagelse (Socitm: telefon ca. en tredjedel af personlig).",
                "Unit prices: counter 75 DKK and digital self-service 20 DKK (KL, 78 municipalities, 2011); letter/e-mail 120 DKK (industry estimate, bt.dk c. 2011); phone 30 DKK is an assumption (Socitm: phone about a third of counter)."),
            note("costs.staffHourlyCost", Assumption,
                "Lønomkostning 450 kr. pr. time inkl. overhead og 1.924 timer pr. årsværk (37 timer × 52 uger) er antagelser.",
                "Staff cost 450 DKK an hour including overhead and 1,924 hours per full-time equivalent (37 hours × 52 weeks) are assumptions."),
        ],
        horizon_weeks: 52,
        demand: Demand {
            annual_errands: 179_000.0,
            demand_factor: Range::new(0.95, 1.0, 1.05),
            errand_types: vec![
                errand("pas", "Pas og kørekort", "Passports and driving licences", 0.14, 0.35, 0.10, (0.65, 0.25, 0.10), 1.4),
                errand("flytning", "Flytning og folkeregister", "Moving and civil registration", 0.10, 0.40, 0.85, (0.30, 0.45, 0.25), 1.0),
                errand("sundhedskort", "Sundhedskort og lægevalg", "Health card and choice of doctor", 0.08, 0.40, 0.90, (0.30, 0.50, 0.20), 1.0),
                errand("ydelser", "Ydelser og pension", "Benefits and pensions", 0.25, 0.65, 0.35, (0.15, 0.55, 0.30), 1.2),
                errand("skat", "Skat og opkrævning", "Tax and payments", 0.10, 0.70, 0.50, (0.15, 0.60, 0.25), 1.0),
                errand("teknik", "Affald, byggeri og teknik", "Waste, building and technical", 0.15, 0.70, 0.40, (0.10, 0.55, 0.35), 1.0),
                errand("vejledning", "Generel vejledning", "General guidance", 0.18, 0.90, 0.20, (0.15, 0.60, 0.25), 0.8),
            ],
            weekly_profile,
            monthly_factors: vec![1.05, 1.0, 1.05, 1.1, 1.1, 1.05, 0.8, 1.0, 1.05, 1.0, 0.95, 0.85],
            day_dispersion: 0.15,
        },
        opening_hours: OpeningHours {
            personal: WeekHours {
                mon: vec![Interval::new("10:00", "15:00")],
                tue: vec![Interval::new("10:00", "15:00")],
                wed: vec![],
                thu: vec![Interval::new("10:00", "17:00")],
                fri: vec![Interval::new("10:00", "13:00")],
                sat: vec![],
                sun: vec![],
            },
            phone: WeekHours {
                mon: vec![Interval::new("09:00", "15:00")],
                tue: vec![Interval::new("09:00", "15:00")],
                wed: vec![Interval::new("09:00", "15:00")],
                thu: vec![Interval::new("09:00", "17:00")],
                fri: vec![Interval::new("09:00", "13:00")],
                sat: vec![],
                sun: vec![],
            },
        },
        digital: Digital {
            adoption: Range::new(0.25, 0.32, 0.40),
            adoption_path: vec![],
            failure_share: Range::new(0.05, 0.10, 0.20),
        },
        when_closed: WhenClosed {
            personal: Displacement {
                defer: Range::new(0.50, 0.60, 0.70),
                switch_channel: Range::new(0.10, 0.20, 0.30),
                go_digital: Range::new(0.05, 0.10, 0.20),
                give_up: Range::new(0.05, 0.10, 0.15),
            },
            phone: Displacement {
                defer: Range::new(0.45, 0.55, 0.65),
                switch_channel: Range::new(0.05, 0.10, 0.15),
                go_digital: Range::new(0.10, 0.15, 0.25),
                give_up: Range::new(0.10, 0.20, 0.30),
            },
            defer_spread_min: 120.0,
        },
        queues: Queues {
            personal: QueueChannel {
                staffing: staffing(&[(weekdays, &[(8, 12, 6), (12, 14, 5), (14, 21, 4)])]),
                service_time: horsholm([3.67, 4.49, 3.36, 1.69, 1.93, 5.39]),
                patience: Some(Distribution::Lognormal {
                    mean_min: 45.0,
                    sd_min: 30.0,
                }),
                redial_probability: Range::new(0.6, 0.8, 0.9),
                redial_mean_delay_min: 1440.0,
                target_seconds: 900.0,
            },
            phone: QueueChannel {
                staffing: staffing(&[(weekdays, &[(8, 12, 9), (12, 15, 7), (15, 17, 5), (17, 22, 3)])]),
                service_time: horsholm([13.79, 15.27, 9.47, 3.26, 3.69, 3.88]),
                patience: Some(Distribution::Exponential { mean_min: 5.0 }),
                redial_probability: Range::new(0.5, 0.7, 0.85),
                redial_mean_delay_min: 20.0,
                target_seconds: 120.0,
            },
            handling_time_scale: Range::new(0.9, 1.0, 1.15),
        },
        written: Written {
            handling_time: horsholm([6.78, 4.46, 2.98, 1.31, 1.10, 1.56]),
        },
        costs: Costs {
            personal: UnitPrice { information: 75.0, transaction: 75.0 },
            phone: UnitPrice { information: 30.0, transaction: 30.0 },
            written: UnitPrice { information: 120.0, transaction: 120.0 },
            digital: UnitPrice { information: 20.0, transaction: 20.0 },
            staff_hourly_cost: 450.0,
            hours_per_fte: 1924.0,
            lost_errand: 150.0,
        },
        simulation: SimulationSettings {
            replications: 200,
            seed: 2012,
        },
    }
}
