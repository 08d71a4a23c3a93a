//! Every default in every preset is a named source or a labelled assumption.
//!
//! The test walks each preset's JSON and lists every field path (arrays of objects, such as
//! the errand types, count once under their own path). Every path must be covered by a
//! source note: its topic is the path or a leading part of it (`costs` covers
//! `costs.lostErrand`; `queues` would not cover `queuesX`). Only identity and run settings are
//! exempt, so a field added to the scenario without a label fails here. The most specific
//! note decides the kind; the fields below that nobody publishes must be assumptions, and
//! every note must say what it is (a source names its document; an assumption says so).

use kanalsim::presets;
use kanalsim::scenario::{Scenario, SourceKind, SourceNote};
use serde_json::Value;

/// Not model inputs: identity, text, the notes themselves and run settings.
const EXEMPT: [&str; 12] = [
    "formatVersion",
    "id",
    "title",
    "titleEn",
    "description",
    "descriptionEn",
    "baselineId",
    "sources",
    "horizonWeeks",
    "simulation",
    "demand.errandTypes.id",
    "demand.errandTypes.name",
];

/// The uncertain or decisive inputs named in issue 8: each must exist and be labelled.
const DECISIVE: [&str; 34] = [
    "demand.annualErrands",
    "demand.demandFactor",
    "demand.errandTypes.share",
    "demand.errandTypes.informationShare",
    "demand.errandTypes.digitalEligible",
    "demand.errandTypes.channelMix",
    "demand.errandTypes.handlingTimeScale",
    "demand.weeklyProfile",
    "demand.monthlyFactors",
    "demand.dayDispersion",
    "openingHours.personal",
    "openingHours.phone",
    "digital.adoption",
    "digital.failureShare",
    "whenClosed.personal",
    "whenClosed.phone",
    "queues.personal.staffing",
    "queues.phone.staffing",
    "queues.personal.serviceTime",
    "queues.phone.serviceTime",
    "queues.personal.patience",
    "queues.phone.patience",
    "queues.personal.redialProbability",
    "queues.phone.redialProbability",
    "queues.personal.redialMeanDelayMin",
    "queues.phone.redialMeanDelayMin",
    "queues.personal.targetSeconds",
    "queues.phone.targetSeconds",
    "queues.handlingTimeScale",
    "written.handlingTime",
    "costs.personal",
    "costs.phone",
    "costs.staffHourlyCost",
    "costs.lostErrand",
];

/// Inputs no document gives: their most specific note must say "assumption".
const ASSUMED: [&str; 17] = [
    "demand.demandFactor",
    "demand.dayDispersion",
    "demand.errandTypes.handlingTimeScale",
    "digital.failureShare",
    "queues.personal.staffing",
    "queues.phone.staffing",
    "queues.personal.patience",
    "queues.phone.patience",
    "queues.personal.redialMeanDelayMin",
    "queues.phone.redialMeanDelayMin",
    "queues.personal.targetSeconds",
    "queues.phone.targetSeconds",
    "queues.handlingTimeScale",
    "costs.phone",
    "costs.staffHourlyCost",
    "costs.hoursPerFte",
    "costs.lostErrand",
];

/// Documents a source note may name (figures.md and the seeds).
const DOCUMENTS: [&str; 9] = [
    "Tønder",
    "Hørsholm",
    "KL",
    "KOMHEN",
    "Brown",
    "bt.dk",
    "Socitm",
    "Greve",
    "NENA",
];

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Every leaf field path of a JSON value: object keys recursively; the elements of an array
/// of objects under the array's own path; any other array or value is a leaf.
fn paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = join(prefix, k);
                if EXEMPT.contains(&p.as_str()) || p.ends_with("nameEn") {
                    continue;
                }
                let nested =
                    x.is_object() || x.as_array().is_some_and(|a| a.iter().any(Value::is_object));
                if !nested {
                    out.push(p.clone());
                }
                paths(x, &p, out);
            }
        }
        Value::Array(a) if a.iter().any(Value::is_object) => {
            for x in a {
                paths(x, prefix, out);
            }
        }
        _ => {}
    }
}

/// A topic covers a path that is the topic or continues it at a dot.
fn covers(topic: &str, path: &str) -> bool {
    path == topic || path.starts_with(&format!("{topic}."))
}

/// The most specific notes covering `path` (all with the longest topic).
fn most_specific<'a>(notes: &'a [SourceNote], path: &str) -> Vec<&'a SourceNote> {
    let best = notes
        .iter()
        .filter(|n| covers(&n.topic, path))
        .map(|n| n.topic.len())
        .max();
    notes
        .iter()
        .filter(|n| Some(n.topic.len()) == best && covers(&n.topic, path))
        .collect()
}

fn field_paths(s: &Scenario) -> Vec<String> {
    let v = serde_json::to_value(s).unwrap();
    let mut out = Vec::new();
    paths(&v, "", &mut out);
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_field_of_every_preset_is_a_source_or_an_assumption() {
    for s in presets::all() {
        let fields = field_paths(&s);
        let mut missing = Vec::new();
        for f in &fields {
            if !s.sources.iter().any(|n| covers(&n.topic, f)) {
                missing.push(f.clone());
            }
        }
        assert!(
            missing.is_empty(),
            "{}: fields without a source note or labelled assumption: {missing:?}",
            s.id
        );
        for d in DECISIVE {
            assert!(
                fields.iter().any(|f| covers(d, f)),
                "{}: {d} is not a field any more (update the list)",
                s.id
            );
        }
        // Every topic names real fields (a misspelt topic would label nothing).
        for n in &s.sources {
            assert!(
                fields.iter().any(|f| covers(&n.topic, f)),
                "{}: the note on {} covers no field",
                s.id,
                n.topic
            );
        }
    }
}

#[test]
fn unpublished_inputs_are_labelled_assumptions() {
    for s in presets::all() {
        for f in ASSUMED {
            let notes = most_specific(&s.sources, f);
            assert!(!notes.is_empty(), "{}: no note on {f}", s.id);
            for n in notes {
                assert_eq!(
                    n.kind,
                    SourceKind::Assumption,
                    "{}: {f} is labelled a source by the note on {}",
                    s.id,
                    n.topic
                );
            }
        }
    }
}

#[test]
fn every_note_says_what_it_is() {
    for s in presets::all() {
        for n in &s.sources {
            match n.kind {
                SourceKind::Source => {
                    for text in [&n.da, &n.en] {
                        assert!(
                            DOCUMENTS.iter().any(|d| text.contains(d)),
                            "{}: the source note on {} names no document: {text}",
                            s.id,
                            n.topic
                        );
                    }
                }
                SourceKind::Assumption => {
                    assert!(
                        n.da.contains("ntag"),
                        "{}: the assumption on {} does not say so in Danish: {}",
                        s.id,
                        n.topic,
                        n.da
                    );
                    assert!(
                        n.en.contains("ssum"),
                        "{}: the assumption on {} does not say so in English: {}",
                        s.id,
                        n.topic,
                        n.en
                    );
                }
            }
        }
    }
}

#[test]
fn the_walk_sees_new_fields() {
    // A field the notes do not cover is reported: drop the note on costs.lostErrand.
    let mut s = presets::tonder_2012();
    s.sources.retain(|n| n.topic != "costs.lostErrand");
    let fields = field_paths(&s);
    assert!(fields.iter().any(|f| f == "costs.lostErrand"));
    assert!(
        fields
            .iter()
            .any(|f| f == "queues.phone.serviceTime.weights")
    );
    assert!(
        fields
            .iter()
            .any(|f| f == "demand.errandTypes.channelMix.phone")
    );
    assert!(
        !s.sources
            .iter()
            .any(|n| covers(&n.topic, "costs.lostErrand"))
    );
    // Prefixes match at dots only.
    assert!(covers("queues.personal", "queues.personal.patience"));
    assert!(!covers(
        "queues.personal.patience",
        "queues.personal.patienceX"
    ));
    assert!(!covers("costs.phone", "costs"));
}
