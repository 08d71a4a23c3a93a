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
    what_if(
        &mut s,
        "openingHours.phone",
        "telefonen lukket om onsdagen",
        "the phone closed on Wednesdays",
    );
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
    what_if(
        &mut s,
        "openingHours.phone",
        "telefonen åben kl. 9–13",
        "the phone open 9–13",
    );
    v.push(s);
    // Digital adoption +10 points (the id is kept: share links use it).
    let mut s = variant(
        &base,
        "tonder-2012-digital-plus-10",
        "Digital anvendelse +10 procentpoint",
        "Digital adoption +10 points",
        "Som Tønder 2012, men 10 procentpoint flere af de digitalt egnede ærinder klares ved selvbetjening (hver ærindetype flyttes de samme 10 point). Det er omkring tre gange Tønders eget succeskriterium (+10 % selvbetjening, relativt); det følger forvalget tonder-2012-selfservice-plus-10pct.",
        "As Tønder 2012, but 10 percentage points more of the digitally eligible errands are done by self-service (every errand type moves by the same 10 points). That is about three times Tønder's own success criterion (+10 % self-service use, relative), which the preset tonder-2012-selfservice-plus-10pct follows.",
    );
    shift_adoption(&mut s, 0.10);
    what_if(
        &mut s,
        "digital.adoption",
        "+10 procentpoint anvendelse for hver ærindetype (ca. tre gange Tønders succeskriterium om +10 % relativt)",
        "+10 points of adoption for every errand type (about three times Tønder's criterion of +10 % relative)",
    );
    v.push(s);
    // Tønder's own criterion: municipal self-service use +10 % (relative).
    let mut s = variant(
        &base,
        "tonder-2012-selfservice-plus-10pct",
        "Selvbetjening +10 % (Tønders succeskriterium)",
        "Self-service use +10 % (Tønder's criterion)",
        "Som Tønder 2012, men brugen af selvbetjening er 10 % højere (relativt): den digitale anvendelse og hver ærindetypes egen anvendelse ganges med 1,10, som Tønders succeskriterium om +10 % kommunal selvbetjening.",
        "As Tønder 2012, but self-service use is 10 % higher (relative): digital adoption and every errand type's own adoption are multiplied by 1.10, as in Tønder's success criterion of municipal self-service use +10 %.",
    );
    scale_adoption(&mut s, 1.10);
    s.sources.push(note("digital.adoption", SourceKind::Source,
        "Forvalget følger Tønders succeskriterium: kommunal selvbetjening +10 % (relativt), dvs. anvendelsen × 1,10 for alle ærindetyper. Kilde: Tønder Kommune, Borgerservice- og Kanalstrategi 2013–2016.",
        "The preset follows Tønder's success criterion: municipal self-service use +10 % (relative), i.e. adoption × 1.10 for every errand type. Source: Tønder Kommune, Borgerservice- og Kanalstrategi 2013–2016."));
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
    s.sources.push(note("openingHours.phone", SourceKind::Source,
        "Telefonen åben til kl. 21 mandag–torsdag som den digitale hjælpetelefon (kl. 15–21), Tønders strategi overvejer. Kilde: Tønder Kommune, Borgerservice- og Kanalstrategi 2013–2016. Bemandingen om aftenen er en antagelse (queues.phone.staffing).",
        "The phone open until 21:00 Monday–Thursday as the digital helpdesk (15–21) Tønder's strategy considers. Source: Tønder Kommune, Borgerservice- og Kanalstrategi 2013–2016. Evening staffing is an assumption (queues.phone.staffing)."));
    v.push(s);
    // The combined strategy.
    let mut s = variant(
        &base,
        "tonder-2012-strategy",
        "Strategi: telefon 9–13, lukket onsdag, digital anvendelse +10 procentpoint",
        "Strategy: phone 9–13, closed Wednesday, digital adoption +10 points",
        "Telefonen åben kl. 9–13 mandag, tirsdag, torsdag og fredag, lukket onsdag, og 10 procentpoint flere klarer sig digitalt.",
        "Phone open 9–13 on Monday, Tuesday, Thursday and Friday, closed on Wednesday, and 10 percentage points more use self-service.",
    );
    s.opening_hours.phone = WeekHours::uniform(&[0, 1, 3, 4], &[("09:00", "13:00")]);
    shift_adoption(&mut s, 0.10);
    what_if(
        &mut s,
        "openingHours.phone",
        "telefonen åben kl. 9–13, lukket onsdag",
        "the phone open 9–13, closed on Wednesday",
    );
    what_if(
        &mut s,
        "digital.adoption",
        "+10 procentpoint anvendelse for hver ærindetype",
        "+10 points of adoption for every errand type",
    );
    v.push(s);
    v.push(tonder_2012_appointments(&base));
    let horsholm = horsholm_2008();
    let by_appointment = horsholm_2008_by_appointment(&horsholm);
    v.extend([horsholm, by_appointment]);
    v
}

/// The table the preset `horsholm-2008` is calibrated from (`what;channel;key;value`, see
/// [`crate::calibrate::table`]): Hørsholm Kommune's inquiry analysis (henvendelsesanalyse) of
/// January 2008 — 224 internet contacts = 3.54 %, so 6,328 contacts registered in the month
/// (31 days = 4.428571 weeks), its channel mix (counter 20.52 %, phone 49.35 %, letter
/// 18.18 % and e-mail 8.40 % as written, internet 3.54 % as digital) as contacts a week, and
/// its handling-time bins per channel (the open bin over 10 minutes closed at 20).
pub const HORSHOLM_2008_TABLE: &str = include_str!("presets/horsholm-2008.csv");

/// What the calibration makes of [`HORSHOLM_2008_TABLE`], stored so the preset is built
/// without simulating; `tests/horsholm.rs` re-derives it. Regenerate with
/// `cd src/presets && ../../target/release/kanalsim calibrate horsholm-2008.csv --name
/// "Hørsholm 2008" --out horsholm-2008.json`.
pub const HORSHOLM_2008_CALIBRATED: &str = include_str!("presets/horsholm-2008.json");

/// Hørsholm 2008: the calibration of [`HORSHOLM_2008_TABLE`] ([`HORSHOLM_2008_CALIBRATED`])
/// with the preset's id, titles and sharper notes; every number is the calibration's.
pub fn horsholm_2008() -> Scenario {
    use SourceKind::{Assumption, Source};
    let mut s = crate::validate::read_scenario(HORSHOLM_2008_CALIBRATED)
        .expect("the stored calibration of Hørsholm 2008 reads");
    s.id = "horsholm-2008".to_string();
    s.title = "Hørsholm 2008".to_string();
    s.title_en = "Hørsholm 2008".to_string();
    s.description = "Hørsholm Kommunes henvendelsesanalyse, januar 2008 (7 afdelinger, én måned, ca. 6.300 registrerede henvendelser): kanalfordeling og ekspeditionstider pr. kanal, kalibreret med kanalsim calibrate fra tabellen src/presets/horsholm-2008.csv. Åbningstider, ugeprofil og bemanding er antagelser.".to_string();
    s.description_en = "Hørsholm Kommune's inquiry analysis, January 2008 (7 departments, one month, about 6,300 registered contacts): channel mix and handling times by channel, calibrated by kanalsim calibrate from the table src/presets/horsholm-2008.csv. Opening hours, the weekly profile and staffing are assumptions.".to_string();
    // The template's note on the handling-time scale speaks of Tønder; so does the one on
    // opening hours, which the analysis does not give.
    s.sources
        .retain(|n| n.topic != "queues.handlingTimeScale" && n.topic != "openingHours");
    s.sources.extend([
        note("openingHours", Assumption,
            "Hørsholms åbnings- og telefontider står ikke i henvendelsesanalysen (den kalder åbningstiderne kritiske og foreslår at reducere dem fra oktober 2008): Tønder 2012's tider (skranke man–tir 10–15, tor 10–17, fre 10–13; telefon man–ons 9–15, tor 9–17, fre 9–13) er en antagelse.",
            "Hørsholm's counter and phone hours are not in the inquiry analysis (it calls the opening hours critical and proposes reducing them from October 2008): Tønder 2012's hours (counter Mon–Tue 10–15, Thu 10–17, Fri 10–13; phone Mon–Wed 9–15, Thu 9–17, Fri 9–13) are an assumption."),
        note("demand.errandTypes.channelMix", Source,
            "Kanalerne i Hørsholm Kommune, henvendelsesanalyse januar 2008: 224 henvendelser via internettet = 3,54 %, dvs. 6.328 registrerede henvendelser i måneden; personlig 20,52 % → skranke, telefonisk 49,35 % → telefon, skriftligt 18,18 % og e-mail 8,40 % (rækken er unavngivet i kilden) → skriftlig, internettet 3,54 % → digital.",
            "The channels of Hørsholm Kommune, henvendelsesanalyse January 2008: 224 internet contacts = 3.54 %, i.e. 6,328 contacts registered in the month; personal 20.52 % → counter, phone 49.35 % → phone, letter 18.18 % and e-mail 8.40 % (the row is unlabelled in the source) → written, internet 3.54 % → digital."),
        note("demand.errandTypes.informationShare", Assumption,
            "Henvendelsesanalysen skelner ikke her mellem information og sagsbehandling: alle regnes som information (kalibreringens standard for en tabel), en antagelse.",
            "The inquiry analysis does not split information and transaction contacts here: all count as information (the calibration's default for a table), an assumption."),
        note("queues.handlingTimeScale", Assumption,
            "Alle ekspeditionstider ganges med en usikker faktor 0,9–1,15 (mest sandsynligt 1): Hørsholms intervaller er medarbejdernes egne registreringer på skemaer, og intervallet over 10 min er antaget at gå til 20 min; antagelse.",
            "All handling times are multiplied by an uncertain factor 0.9–1.15 (most likely 1): Hørsholm's bins are staff's own registrations on forms, and the bin above 10 min is assumed to end at 20 min; an assumption."),
    ]);
    s
}

/// Hørsholm 2008 with the counter by appointment, as the title of its channel strategy says
/// ("Åbningstider: Efter aftale"): the same staff hours as desks for booked visits.
fn horsholm_2008_by_appointment(base: &Scenario) -> Scenario {
    let mut s = variant(
        base,
        "horsholm-2008-efter-aftale",
        "Hørsholm 2008: Åbningstider efter aftale",
        "Hørsholm 2008: counter by appointment",
        "Som Hørsholm 2008, men skranken betjener kun borgere med en bestilt tid (»Åbningstider: Efter aftale«, titlen på Hørsholms kanalstrategi): de samme medarbejdere i de samme timer, tider á 10 minutter, bestilt på nettet, pr. telefon eller ved skranken. Forvalget har én samlet ærindetype, så pas kan ikke markeres som krævende fremmøde.",
        "As Hørsholm 2008, but the counter serves only citizens with a booked appointment (\"Åbningstider: Efter aftale\", the title of Hørsholm's channel strategy): the same staff in the same hours, 10-minute slots, booked online, by phone or at the counter. The preset has one errand type for all errands, so passports cannot be marked as needing a visit.",
    );
    // Passports need a visit where the errand types tell them apart (the calibrated
    // Hørsholm has one type for all errands, so none is marked).
    for t in &mut s.demand.errand_types {
        if t.id == "pas" {
            t.requires_attendance = true;
        }
    }
    set_counter_mode(&mut s, CounterMode::Appointment);
    if let Some(a) = s.appointments.as_mut() {
        a.initial_backlog_days = 5.0;
    }
    what_if(
        &mut s,
        "appointments.mode",
        "skranken kun efter tidsbestilling, med de samme medarbejdertimer",
        "the counter by appointment only, with the same staff hours",
    );
    s.sources.push(note("appointments.mode", SourceKind::Source,
        "Hørsholms kanalstrategi hedder »Åbningstider: Efter aftale« (Hørsholm Kommunes Kanalstrategi, 2008). Senere indførte Hørsholm (ca. 25.000 indbyggere) tvungen tidsbestilling: ca. 16.500 personlige ekspeditioner om året, en besparelse på 350.000 kr. om året, og omkring halvdelen af pasbesøgene var allerede bestilt (sn.dk/art2173114).",
        "Hørsholm's channel strategy is titled \"Åbningstider: Efter aftale\" (by appointment; Hørsholm Kommunes Kanalstrategi, 2008). Hørsholm (about 25,000 inhabitants) later made booking compulsory: about 16,500 personal expeditions a year, a saving of 350,000 DKK a year, and about half of passport visits were already booked (sn.dk/art2173114)."));
    s.sources.extend(appointment_notes());
    s.sources.push(note("appointments.initialBacklogDays", SourceKind::Assumption,
        "Bogen starter med fem dages tider allerede bestilt: tæt på forvalgets egen tilstand ved årets slutning (ventetiden til en tid er ca. 9,3 kalenderdage i både uge 1 og uge 52, 40 gentagelser; med én dag starter den ved 2,8 dage og stiger i månedsvis). En antagelse.",
        "The book starts with five days of slots already booked: close to the preset's own state at the end of the year (the lead to an appointment is about 9.3 calendar days in both week 1 and week 52, 40 replications; with one day it starts at 2.8 days and climbs for months). An assumption."));
    s
}

/// Tønder 2012 with the counter by appointment only: the same desks in the same hours
/// (the same staff hours), 10-minute slots, passports needing a visit.
fn tonder_2012_appointments(base: &Scenario) -> Scenario {
    let mut s = variant(
        base,
        "tonder-2012-appointments",
        "Skranken kun efter tidsbestilling",
        "Counter by appointment only",
        "Som Tønder 2012, men skranken betjener kun borgere med en bestilt tid: de samme medarbejdere i de samme timer (samme medarbejdertimer), tider á 10 minutter, bestilt på nettet, pr. telefon eller ved skranken. Pas og kørekort kræver fremmøde.",
        "As Tønder 2012, but the counter serves only citizens with a booked appointment: the same staff in the same hours (the same staff hours), 10-minute slots, booked online, by phone or at the counter. Passports and driving licences need a visit.",
    );
    for t in &mut s.demand.errand_types {
        if t.id == "pas" {
            t.requires_attendance = true;
        }
    }
    s.appointments = Some(appointments_for(&s, CounterMode::Appointment));
    what_if(
        &mut s,
        "appointments.mode",
        "skranken kun efter tidsbestilling, med de samme medarbejdertimer",
        "the counter by appointment only, with the same staff hours",
    );
    s.sources.extend(appointment_notes());
    s.sources.push(note("appointments.initialBacklogDays", SourceKind::Assumption,
            "Bogen starter med én dags tider allerede bestilt: tæt på januars ligevægt i Tønder 2012 med tidsbestilling (ventetiden i uge 1–5 er 1,7–2,0 dage; med to dage starter den for højt, 3,4 dage). En antagelse.",
            "The book starts with one day of slots already booked: close to January's steady state in Tønder 2012 by appointment (the lead in weeks 1–5 is 1.7–2.0 days; with two days it starts too high, 3.4 days). An assumption."));
    s
}

/// The labelled assumptions of [`appointments_for`]'s settings (all but the initial backlog,
/// which each preset states for itself).
fn appointment_notes() -> Vec<SourceNote> {
    vec![
        note(
            "appointments.bookedBy",
            SourceKind::Assumption,
            "Halvdelen bestiller på nettet (Aabenraa: ca. 20 % → 50 % inden for et år, nordschleswiger.dk), 45 % pr. telefon, 5 % ved skranken. En antagelse.",
            "Half book online (Aabenraa: about 20 % → 50 % within a year, nordschleswiger.dk), 45 % by phone, 5 % at the counter. An assumption.",
        ),
        note(
            "appointments.slotMinutes",
            SourceKind::Assumption,
            "Tider á 10 minutter: lidt over skrankens gennemsnitlige betjeningstid. En antagelse.",
            "10-minute slots: a little above the counter's mean handling time. An assumption.",
        ),
        note(
            "appointments.patienceWorkdays",
            SourceKind::Assumption,
            "Borgerne accepterer i gennemsnit en tid inden for 10 hverdage (5–20); Frederikssunds mål er en tid inden for 5 hverdage (frederikssund.dk). En antagelse.",
            "Citizens accept an appointment within 10 workdays on average (5–20); Frederikssund's target is an appointment within 5 workdays (frederikssund.dk). An assumption.",
        ),
        note(
            "appointments.whenNoSlot",
            SourceKind::Assumption,
            "Når første ledige tid er for sen: 35 % ringer eller skriver i stedet, 20 % klarer det digitalt, 30 % tager tiden alligevel, 15 % opgiver. En antagelse.",
            "When the first free slot is too late: 35 % call or write instead, 20 % do it digitally, 30 % take the slot anyway, 15 % give up. An assumption.",
        ),
        note(
            "appointments.noShow",
            SourceKind::Assumption,
            "5 % (3–10 %) udebliver fra en bestilt tid. En antagelse.",
            "5 % (3–10 %) do not come to a booked appointment. An assumption.",
        ),
        note(
            "appointments.lateCancellation",
            SourceKind::Assumption,
            "5 % (2–8 %) melder afbud dagen før; tiden kan bestilles igen. En antagelse.",
            "5 % (2–8 %) cancel the day before; the slot can be booked again. An assumption.",
        ),
        note(
            "appointments.desks",
            SourceKind::Assumption,
            "Skrankens medarbejdere i dens åbningstimer bliver skranker med tidsbestilling: de samme medarbejdertimer (queues.personal.staffing, også en antagelse).",
            "The counter's staff in its opening hours become desks for booked visits: the same staff hours (queues.personal.staffing, an assumption too).",
        ),
        note(
            "appointments.horizonDays",
            SourceKind::Assumption,
            "Tider frigives 60 dage frem, og en ledig tid samme dag kan bestilles (Ballerup frigiver tider efter behov, ballerupbladet.dk). En antagelse.",
            "Slots are released 60 days ahead, and a free slot the same day can be booked (Ballerup releases slots to match demand, ballerupbladet.dk). An assumption.",
        ),
        note(
            "appointments.sameDay",
            SourceKind::Assumption,
            "En ledig tid senere samme dag kan bestilles. En antagelse.",
            "A free slot later the same day can be booked. An assumption.",
        ),
        note(
            "appointments.walkIn",
            SourceKind::Assumption,
            "Kun efter tidsbestilling: ingen møder op uden en tid (andelen bruges kun, når skranken har begge dele). En antagelse.",
            "By appointment only: nobody walks in without a booking (the share is used only when the counter has both). An assumption.",
        ),
        note(
            "appointments.bookingTime",
            SourceKind::Assumption,
            "Et bestillingsopkald tager i gennemsnit 2,5 minutter. En antagelse.",
            "A booking call takes 2.5 minutes on average. An assumption.",
        ),
    ]
}

/// The appointment settings Kanalsim proposes for a scenario's counter in `mode`: desks
/// where the counter is open today, with its staff (so the staff hours stay the same),
/// 10-minute slots released 60 days ahead, and the labelled assumptions of the preset
/// `tonder-2012-appointments` for booking, patience, no-shows and cancellations (the page
/// starts from this when a user switches the counter to appointments).
pub fn appointments_for(s: &Scenario, mode: CounterMode) -> Appointments {
    // The desks: the counter's staff in its opening hours.
    let mut desks = vec![vec![0u32; 24]; 7];
    for (d, row) in desks.iter_mut().enumerate() {
        for iv in s.opening_hours.personal.day(d) {
            let a = crate::validate::parse_hhmm(&iv.start).unwrap_or(0) / 60;
            let b = crate::validate::parse_hhmm(&iv.end)
                .unwrap_or(0)
                .div_ceil(60);
            for h in a..b.min(24) {
                // (A scenario being edited may have rows of the wrong length: no panic.)
                let staff = s
                    .queues
                    .personal
                    .staffing
                    .get(d)
                    .and_then(|r| r.get(h as usize));
                row[h as usize] = staff.copied().unwrap_or(0);
            }
        }
    }
    Appointments {
        mode,
        desks,
        slot_minutes: 10.0,
        horizon_days: 60,
        same_day: true,
        booked_by: BookedBy {
            phone: 0.45,
            web: 0.50,
            counter: 0.05,
        },
        booking_time: Distribution::Lognormal {
            mean_min: 2.5,
            sd_min: 1.5,
        },
        walk_in: if mode == CounterMode::Both {
            Range::new(0.10, 0.20, 0.30)
        } else {
            Range::fixed(0.0)
        },
        patience_workdays: Some(Range::new(5.0, 10.0, 20.0)),
        when_no_slot: NoSlot {
            switch_channel: Range::new(0.25, 0.35, 0.45),
            go_digital: Range::new(0.10, 0.20, 0.30),
            walk_in: Range::new(0.20, 0.30, 0.40),
            give_up: Range::new(0.05, 0.15, 0.25),
        },
        no_show: Range::new(0.03, 0.05, 0.10),
        late_cancellation: Range::new(0.02, 0.05, 0.08),
        initial_backlog_days: 1.0,
    }
}

/// Switch a scenario's counter to `mode`, keeping its staff hours: by appointment, the
/// counter's staff become desks for booked visits in the same hours; both, half of each
/// hour's staff (rounded down) become desks and the rest serve walk-ins; walk-in, the desks
/// go back to the walk-in counter. The appointment settings already in the scenario are
/// kept (switching back and forth loses nothing); a scenario without them gets
/// [`appointments_for`]'s.
pub fn set_counter_mode(s: &mut Scenario, mode: CounterMode) {
    let old = s
        .appointments
        .as_ref()
        .map_or(CounterMode::WalkIn, |a| a.mode);
    if old == mode {
        return;
    }
    // Back to the walk-in staffing first.
    if let (Some(a), CounterMode::Both) = (&s.appointments, old) {
        let desks = a.desks.clone();
        for (row, d) in s.queues.personal.staffing.iter_mut().zip(&desks) {
            for (x, n) in row.iter_mut().zip(d) {
                *x += n;
            }
        }
    }
    let mut a = s
        .appointments
        .take()
        .unwrap_or_else(|| appointments_for(s, mode));
    a.mode = mode;
    match mode {
        CounterMode::WalkIn => {}
        CounterMode::Appointment => {
            a.desks = appointments_for(s, mode).desks;
        }
        CounterMode::Both => {
            let full = appointments_for(s, mode).desks;
            a.desks = vec![vec![0; 24]; 7];
            for (d, row) in full.iter().enumerate() {
                for (h, n) in row.iter().enumerate() {
                    let desks = n / 2;
                    a.desks[d][h] = desks;
                    if let Some(x) = s
                        .queues
                        .personal
                        .staffing
                        .get_mut(d)
                        .and_then(|r| r.get_mut(h))
                    {
                        *x = x.saturating_sub(desks);
                    }
                }
            }
            if a.walk_in.high <= 0.0 {
                a.walk_in = Range::new(0.10, 0.20, 0.30);
            }
        }
    }
    s.appointments = Some(a);
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

/// Multiply adoption by `f` (a relative change, capped at 1): the overall range and every
/// errand type's own range.
fn scale_adoption(s: &mut Scenario, f: f64) {
    let scale = |a: &mut Range| {
        *a = Range::new(
            (a.low * f).clamp(0.0, 1.0),
            (a.likely * f).clamp(0.0, 1.0),
            (a.high * f).clamp(0.0, 1.0),
        );
    };
    scale(&mut s.digital.adoption);
    for t in &mut s.demand.errand_types {
        if let Some(a) = &mut t.adoption {
            scale(a);
        }
    }
}

/// Shift adoption by `d` points: the overall range and every errand type's own range.
fn shift_adoption(s: &mut Scenario, d: f64) {
    let shift = |a: &mut Range| {
        *a = Range::new(
            (a.low + d).clamp(0.0, 1.0),
            (a.likely + d).clamp(0.0, 1.0),
            (a.high + d).clamp(0.0, 1.0),
        );
    };
    shift(&mut s.digital.adoption);
    for t in &mut s.demand.errand_types {
        if let Some(a) = &mut t.adoption {
            shift(a);
        }
    }
}

/// A variant's change, labelled as what it is: a what-if (an assumption), not a figure.
fn what_if(s: &mut Scenario, topic: &str, da: &str, en: &str) {
    s.sources.push(note(
        topic,
        SourceKind::Assumption,
        &format!("Hvad nu hvis: {da}. Et antaget scenarie, ikke en måling."),
        &format!("What if: {en}. An assumed scenario, not a measurement."),
    ));
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
        requires_attendance: false,
    }
}

/// A handling-time histogram on Hørsholm's bins (0–2, 2–4, 4–6, 6–8, 8–10, > 10 minutes),
/// each split at the minute (the open top bin as 10–15 and 15–20 minutes: closed at 20
/// minutes, an assumption), with weights fitted by `examples/calibrate_tonder.rs` so that
/// the *realised* shares of completed contacts match Hørsholm's (the uncertain overall
/// handling scale moves contacts between bins).
fn fitted(weights: [f64; 12]) -> Distribution {
    Distribution::Empirical {
        edges_min: vec![
            0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 15.0, 20.0,
        ],
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
            note("demand.demandFactor", Assumption,
                "Efterspørgslen er usikker med ±5 % (vækst eller fejl i opregningen fra tælleugerne); antagelse.",
                "Demand is uncertain by ±5 % (growth, or error in extrapolating the counting weeks); an assumption."),
            note("demand.errandTypes", Assumption,
                "Ærindetyper, deres andele, informationsandel og digital egnethed er antagelser (ingen kilde giver dem for Tønder).",
                "Errand types, their shares, information share and digital eligibility are assumptions (no source gives them for Tønder)."),
            note("demand.errandTypes.channelMix", Source,
                "Kanalfordelingen pr. ærindetype er kalibreret, så den realiserede fordeling blandt betjente kanaler (efter fortrængning ved lukket kanal) svarer til Hørsholm Kommunes henvendelsesanalyse, januar 2008: 21,3 % personlig, 51,2 % telefon, 27,6 % skriftlig (20,5 / 49,4 / 26,6 % af alle henvendelser). Hørsholm 2008 er en stedfortræder for Tønder: der findes ingen offentliggjort kanalfordeling for Tønder. Fordelingen pr. ærindetype er en antagelse; kalibreringen: examples/calibrate_tonder.rs.",
                "The channel mix of each errand type is calibrated so the realised mix among assisted channels (after displacement by closed channels) matches Hørsholm Kommune's contact analysis, January 2008: 21.3 % counter, 51.2 % phone, 27.6 % written (20.5 / 49.4 / 26.6 % of all contacts). Hørsholm 2008 is a proxy for Tønder: no mix is published for Tønder. The split by errand type is an assumption; the calibration: examples/calibrate_tonder.rs."),
            note("demand.errandTypes.adoption", Source,
                "Egen digital anvendelse for flytning (40–60 %, mest sandsynligt 50 %: ca. 50 % af flytninger blev meldt digitalt i 2011, dknyt.dk; kl.dk) og sundhedskort (65–85 %, mest sandsynligt 75 %: ca. 75 % i 2011, KL). De øvrige typer bruger den samlede anvendelse (digital.adoption).",
                "Own digital adoption for moving (40–60 %, most likely 50 %: about 50 % of moves were reported online in 2011, dknyt.dk; kl.dk) and the health card (65–85 %, most likely 75 %: about 75 % in 2011, KL). The other types use the overall adoption (digital.adoption)."),
            note("demand.errandTypes.handlingTimeScale", Assumption,
                "Ekspeditionstiden skaleres ikke pr. ærindetype (faktor 1): ingen kilde giver ekspeditionstider pr. type, så kanalens fordeling gælder for alle; antagelse.",
                "Handling times are not scaled by errand type (factor 1): no source gives handling times by type, so the channel's distribution applies to all; an assumption."),
            note("demand.weeklyProfile", Assumption,
                "Ugeprofil for hvornår borgerne ønsker at henvende sig: mandag 1,3 × gennemsnittet, top kl. 9–11. Antagelse støttet af generelle kontaktcenter-mønstre (mandag 1,2–1,4 ×, tophalvtime 2,5–4 × den stilleste).",
                "Weekly profile of when citizens want to make contact: Monday 1.3 × the average, peak 9–11. Assumption supported by general contact-centre patterns (Monday 1.2–1.4 ×, peak half-hour 2.5–4 × the quietest)."),
            note("demand.monthlyFactors", Assumption,
                "Sæsonfaktorer med forårstop (pas før sommerferien) og lav juli og december (antagelse).",
                "Seasonal factors with a spring peak (passports before the summer holiday) and a low July and December (assumption)."),
            note("demand.dayDispersion", Assumption,
                "Dag-til-dag-variation som en gammafordelt dagsfaktor med variationskoefficient 0,15: værdien er antaget. At dagsrater er gammafordelte, passer til kontaktcentre (Brown m.fl. 2005).",
                "Day-to-day variation as a gamma-distributed day factor with coefficient of variation 0.15: the value is assumed. That day rates are gamma-distributed fits contact centres (Brown et al. 2005)."),
            note("digital.adoption", Source,
                "Anvendelse af selvbetjening blandt digitalt egnede ærinder 25–40 %, mest sandsynligt 32 %: KOMHEN efterår 2011 målte 29 % selvbetjening på 35 opgaver (KL).",
                "Use of self-service among digitally eligible errands 25–40 %, most likely 32 %: KOMHEN autumn 2011 measured 29 % self-service on 35 tasks (KL)."),
            note("digital.adoptionPath", Assumption,
                "Ingen udvikling i løbet af året: anvendelsen er den samme alle uger (antagelse).",
                "No change over the year: adoption is the same every week (assumption)."),
            note("digital.failureShare", Assumption,
                "5–20 % af de digitale forsøg mislykkes og bliver til en henvendelse i en betjent kanal (antagelse).",
                "5–20 % of digital attempts fail and become a contact on an assisted channel (assumption)."),
            note("whenClosed", Assumption,
                "Adfærd når kanalen er lukket (udsætter, skifter kanal, går digitalt, opgiver) er antagelser med usikkerhedsintervaller.",
                "Behaviour when the channel is closed (defer, switch channel, go digital, give up) is assumed, with uncertainty ranges."),
            note("whenClosed.comeBack", Assumption,
                "De, der udsætter, kommer igen ved en senere åbning af samme kanal, på et tidspunkt trukket fra borgernes ønskeprofil over den åbning (ingen ophobning ved åbningstid); 10–40 %, mest sandsynligt 25 %, springer en åbning over og kommer ved en senere. Antagelse: tælleugernes registreringer er jævne over åbningstimerne (fx 93, 84, 96, 64 kl. 10, 11, 12, 13).",
                "Those who defer come back at a later opening of the same channel, at a time drawn from the citizens' desire profile over that opening (no pile-up at opening time); 10–40 %, most likely 25 %, skip an opening and come at a later one. Assumption: counting-week registrations are even over the open hours (e.g. 93, 84, 96, 64 at 10, 11, 12, 13)."),
            note("queues.personal.staffing", Assumption,
                "Bemanding ved skranken pr. time er en antagelse (6 medarbejdere om formiddagen, 5 midt på dagen, 4 om eftermiddagen).",
                "Counter staffing per hour is an assumption (6 staff in the morning, 5 at midday, 4 in the afternoon)."),
            note("queues.phone.staffing", Assumption,
                "Bemanding i telefonen pr. time er en antagelse, dimensioneret med `kanalsim staff tonder-2012 --channel phone --target 0.8`, så telefonen besvarer ca. 80 % inden for 2 minutter.",
                "Phone staffing per hour is an assumption, sized with `kanalsim staff tonder-2012 --channel phone --target 0.8` so the phone answers about 80 % within 2 minutes."),
            note("queues.personal.serviceTime", Source,
                "Ekspeditionstid ved skranken kalibreret, så de realiserede andele i Hørsholms intervaller (0–2, 2–4, 4–6, 6–8, 8–10, >10 min) svarer til Hørsholms personlige henvendelser (Hørsholm Kommune, henvendelsesanalyse 2008); intervallet over 10 min er antaget at gå til 20 min.",
                "Counter handling time calibrated so the realised shares in Hørsholm's bins (0–2, 2–4, 4–6, 6–8, 8–10, >10 min) match Hørsholm's personal contacts (Hørsholm Kommune, contact analysis 2008); the bin above 10 min is assumed to end at 20 min."),
            note("queues.phone.serviceTime", Source,
                "Ekspeditionstid i telefonen kalibreret, så de realiserede andele i Hørsholms intervaller svarer til Hørsholms telefoniske henvendelser (Hørsholm Kommune, henvendelsesanalyse 2008); intervallet over 10 min er antaget at gå til 20 min.",
                "Phone handling time calibrated so the realised shares in Hørsholm's bins match Hørsholm's phone contacts (Hørsholm Kommune, contact analysis 2008); the bin above 10 min is assumed to end at 20 min."),
            note("written.handlingTime", Source,
                "Sagsbehandlingstid pr. skriftlig henvendelse kalibreret til Hørsholms brevfordeling (Hørsholm Kommune, henvendelsesanalyse 2008); intervallet over 10 min er antaget at gå til 20 min.",
                "Back-office time per written contact calibrated to Hørsholm's letter distribution (Hørsholm Kommune, contact analysis 2008); the bin above 10 min is assumed to end at 20 min."),
            note("queues.handlingTimeScale", Assumption,
                "Alle ekspeditionstider ganges med en usikker faktor 0,9–1,15 (mest sandsynligt 1): Tønder 2012 er ikke Hørsholm 2008; antagelse.",
                "All handling times are multiplied by an uncertain factor 0.9–1.15 (most likely 1): Tønder 2012 is not Hørsholm 2008; an assumption."),
            note("queues.phone.patience", Assumption,
                "Tålmodighed i telefonkøen eksponentielt fordelt med middelværdi 5 min (antagelse).",
                "Patience in the phone queue exponential with mean 5 min (assumption)."),
            note("queues.phone.redialProbability", Assumption,
                "50–85 % af dem, der lægger på, ringer igen, mest sandsynligt 70 % (antagelse; 85 % er en øvre grænse fra vejledning om nødopkald, NENA).",
                "50–85 % of those who hang up call again, most likely 70 % (assumption; 85 % is an upper bound from emergency-call guidance, NENA)."),
            note("queues.phone.redialMeanDelayMin", Assumption,
                "De, der ringer igen, gør det i gennemsnit efter 20 minutter (eksponentielt fordelt); antagelse.",
                "Those who call again do so after 20 minutes on average (exponential); an assumption."),
            note("queues.phone.targetSeconds", Assumption,
                "Servicemål: 80 % af opkald besvaret inden for 2 minutter (ingen dansk kilde; antagelse).",
                "Service target: 80 % of calls answered within 2 minutes (no Danish source; assumption)."),
            note("queues.personal.patience", Assumption,
                "Tålmodighed ved skranken lognormal, middel 45 min, spredning 30 min: antaget. Til sammenligning målte Greve ca. 20 min ventetid ved skranken før tidsbestilling og ca. 14 min efter.",
                "Patience at the counter lognormal, mean 45 min, standard deviation 30 min: assumed. For comparison, Greve measured about 20 min counter wait before booking and about 14 min after."),
            note("queues.personal.redialProbability", Assumption,
                "60–90 % af dem, der går fra køen ved skranken, kommer igen, mest sandsynligt 80 % (antagelse).",
                "60–90 % of those who leave the counter queue come back, most likely 80 % (assumption)."),
            note("queues.personal.redialMeanDelayMin", Assumption,
                "De, der går fra skranken, kommer igen i gennemsnit et døgn senere (1.440 min, eksponentielt fordelt); antagelse.",
                "Those who leave the counter come back a day later on average (1,440 min, exponential); an assumption."),
            note("queues.personal.targetSeconds", Assumption,
                "Servicemål ved skranken: betjent inden for 15 minutter (antagelse; Greve målte ca. 20 min før og ca. 14 min efter tidsbestilling).",
                "Counter service target: served within 15 minutes (assumption; Greve measured about 20 min before and about 14 min after booking)."),
            note("costs.personal", Source,
                "Kanalpris for en personlig henvendelse 75 kr. (KL, benchmark af 78 kommuner, dataugerne 43–45 2011, via digitaliser.dk).",
                "Unit price of a counter contact 75 DKK (KL benchmark of 78 municipalities, data weeks 43–45 2011, via digitaliser.dk)."),
            note("costs.digital", Source,
                "Kanalpris for digital selvbetjening 20 kr. (KL, samme benchmark: selvbetjening med automatisk dataoverførsel); et mislykket forsøg koster også denne pris.",
                "Unit price of digital self-service 20 DKK (KL, same benchmark: self-service with automatic data transfer); a failed attempt costs this price too."),
            note("costs.written", Source,
                "Kanalpris for brev eller e-mail 120 kr. (branche-estimat, bt.dk ca. 2011).",
                "Unit price of a letter or e-mail 120 DKK (industry estimate, bt.dk c. 2011)."),
            note("costs.phone", Assumption,
                "Kanalpris for et telefonopkald 30 kr. er en antagelse: ingen dansk pris er fundet; Socitm 2012 (UK) giver telefon ca. en tredjedel af personlig (25–35 kr.).",
                "Unit price of a phone call 30 DKK is an assumption: no Danish price was found; Socitm 2012 (UK) puts phone at about a third of counter (25–35 DKK)."),
            note("costs.staffHourlyCost", Assumption,
                "Lønomkostning 450 kr. pr. time inkl. overhead (antagelse).",
                "Staff cost 450 DKK an hour including overhead (assumption)."),
            note("costs.hoursPerFte", Assumption,
                "1.924 timer pr. årsværk (37 timer × 52 uger); antagelse.",
                "1,924 hours per full-time equivalent (37 hours × 52 weeks); an assumption."),
            note("costs.lostErrand", Assumption,
                "Et opgivet ærinde antages at koste 150 kr.: det kommer igen senere som klage, gentagen henvendelse eller værre. Spænd 75–900 kr.: mindst én ny personlig henvendelse (75 kr., KL), højst en klagesag på ca. 2 timers sagsbehandling (2 × 450 kr.); 150 kr. svarer til to personlige henvendelser (ærindet skal stadig klares, plus en henvendelse om, hvad der gik galt). Antagelse; vises ved siden af de to omkostningsopgørelser, ikke i dem.",
                "An errand given up is assumed to cost 150 DKK: it comes back later as a complaint, a repeat contact or worse. Range 75–900 DKK: at least one new counter contact (75 DKK, KL), at most a complaint of about 2 hours' casework (2 × 450 DKK); 150 DKK is two counter contacts (the errand still has to be done, plus a contact about what went wrong). An assumption; shown beside the two cost views, not inside them."),
        ],
        horizon_weeks: 52,
        demand: Demand {
            annual_errands: 167_500.0,
            demand_factor: Range::new(0.95, 1.0, 1.05),
            errand_types: vec![
                errand("pas", "Pas og kørekort", "Passports and driving licences", 0.14, 0.35, 0.10, (0.651, 0.273, 0.076), 1.0),
                ErrandType { adoption: Some(Range::new(0.40, 0.50, 0.60)), ..errand("flytning", "Flytning og folkeregister", "Moving and civil registration", 0.10, 0.40, 0.85, (0.306, 0.500, 0.194), 1.0) },
                ErrandType { adoption: Some(Range::new(0.65, 0.75, 0.85)), ..errand("sundhedskort", "Sundhedskort og lægevalg", "Health card and choice of doctor", 0.08, 0.40, 0.90, (0.302, 0.546, 0.152), 1.0) },
                errand("ydelser", "Ydelser og pension", "Benefits and pensions", 0.25, 0.65, 0.35, (0.153, 0.614, 0.233), 1.0),
                errand("skat", "Skat og opkrævning", "Tax and payments", 0.10, 0.70, 0.50, (0.151, 0.658, 0.191), 1.0),
                errand("teknik", "Affald, byggeri og teknik", "Waste, building and technical", 0.15, 0.70, 0.40, (0.103, 0.622, 0.275), 1.0),
                errand("vejledning", "Generel vejledning", "General guidance", 0.18, 0.90, 0.20, (0.151, 0.658, 0.191), 1.0),
            ],
            weekly_profile,
            monthly_factors: vec![1.05, 1.0, 1.05, 1.1, 1.1, 1.05, 0.8, 1.0, 1.05, 1.0, 0.95, 0.85],
            day_dispersion: 0.15,
            channel_tilt: None,
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
            come_back: ComeBack {
                later_opening: Range::new(0.10, 0.25, 0.40),
            },
        },
        queues: Queues {
            personal: QueueChannel {
                staffing: staffing(&[(weekdays, &[(8, 12, 6), (12, 14, 5), (14, 21, 4)])]),
                service_time: fitted([9.05, 9.05, 11.29, 11.29, 8.39, 8.26, 3.58, 3.79, 5.22, 5.02, 12.55, 12.52]),
                patience: Some(Distribution::Lognormal {
                    mean_min: 45.0,
                    sd_min: 30.0,
                }),
                redial_probability: Range::new(0.6, 0.8, 0.9),
                redial_mean_delay_min: 1440.0,
                target_seconds: 900.0,
            },
            phone: QueueChannel {
                staffing: staffing(&[
                    // Hours outside the phone's opening (used by scenarios that open them).
                    (weekdays, &[(8, 12, 9), (12, 15, 7), (15, 17, 5), (17, 22, 3)]),
                    // The open hours, sized by `kanalsim staff tonder-2012 --channel phone
                    // --target 0.8 --replications 40` (80 % answered within 2 minutes).
                    (&[0], &[(9, 12, 6), (12, 15, 5)]),
                    (&[1], &[(9, 12, 5), (12, 13, 4), (13, 15, 5)]),
                    (&[2], &[(9, 12, 5), (12, 15, 4)]),
                    (&[3], &[(9, 11, 5), (11, 15, 4), (15, 17, 3)]),
                    (&[4], &[(9, 13, 4)]),
                ]),
                service_time: fitted([14.16, 14.19, 15.96, 15.93, 9.76, 9.55, 2.51, 2.79, 4.30, 4.11, 3.39, 3.34]),
                patience: Some(Distribution::Exponential { mean_min: 5.0 }),
                redial_probability: Range::new(0.5, 0.7, 0.85),
                redial_mean_delay_min: 20.0,
                target_seconds: 120.0,
            },
            handling_time_scale: Range::new(0.9, 1.0, 1.15),
        },
        written: Written {
            handling_time: fitted([19.04, 19.03, 12.40, 12.40, 8.34, 8.22, 3.13, 3.28, 3.28, 3.16, 3.87, 3.85]),
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
        appointments: None,
    }
}

#[cfg(test)]
mod counter_mode_tests {
    use super::*;

    fn staff_hours(s: &Scenario) -> u32 {
        let desks: u32 = s
            .appointments
            .as_ref()
            .filter(|a| a.mode != CounterMode::WalkIn)
            .map_or(0, |a| a.desks.iter().flatten().sum());
        let mut walk_in = 0;
        if s.appointments.as_ref().map(|a| a.mode) != Some(CounterMode::Appointment) {
            for d in 0..7 {
                for iv in s.opening_hours.personal.day(d) {
                    let a = crate::validate::parse_hhmm(&iv.start).unwrap() / 60;
                    let b = crate::validate::parse_hhmm(&iv.end).unwrap().div_ceil(60);
                    walk_in += (a..b)
                        .map(|h| s.queues.personal.staffing[d][h as usize])
                        .sum::<u32>();
                }
            }
        }
        desks + walk_in
    }

    #[test]
    fn switching_the_counter_mode_keeps_staff_hours_and_settings() {
        let base = tonder_2012();
        let hours = staff_hours(&base);
        let mut s = base.clone();
        for mode in [
            CounterMode::Both,
            CounterMode::Appointment,
            CounterMode::Both,
            CounterMode::WalkIn,
            CounterMode::Appointment,
            CounterMode::WalkIn,
        ] {
            set_counter_mode(&mut s, mode);
            assert_eq!(staff_hours(&s), hours, "{mode:?}");
            crate::validate(&s).unwrap_or_else(|e| panic!("{mode:?}: {e}"));
        }
        // Back to walk-in: the walk-in counter is as it was.
        assert_eq!(s.queues.personal, base.queues.personal);
        // The preset's desks are this rule's.
        let p = get("tonder-2012-appointments").unwrap();
        assert_eq!(
            p.appointments.unwrap().desks,
            appointments_for(&base, CounterMode::Appointment).desks
        );
    }
}

#[cfg(test)]
mod counter_mode_robustness {
    use super::*;

    /// A scenario being edited may be invalid (wrong row lengths, no rows): switching its
    /// counter's mode never panics, so a user can always switch to get out of a problem.
    #[test]
    fn switching_an_invalid_scenario_does_not_panic() {
        for cut in [0usize, 3, 7] {
            let mut s = tonder_2012();
            s.queues.personal.staffing.truncate(cut);
            if let Some(r) = s.queues.personal.staffing.first_mut() {
                r.truncate(5);
            }
            for mode in [
                CounterMode::Both,
                CounterMode::Appointment,
                CounterMode::WalkIn,
                CounterMode::Both,
                CounterMode::WalkIn,
            ] {
                set_counter_mode(&mut s, mode);
            }
            let mut s = tonder_2012();
            set_counter_mode(&mut s, CounterMode::Both);
            if let Some(a) = s.appointments.as_mut() {
                a.desks.truncate(2);
                a.desks[0].truncate(3);
                a.slot_minutes = 0.0;
            }
            set_counter_mode(&mut s, CounterMode::WalkIn);
            set_counter_mode(&mut s, CounterMode::Appointment);
        }
    }
}
