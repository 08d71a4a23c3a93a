//! The WebAssembly binding: a thin layer that converts data between JavaScript and the
//! engine and maps errors to messages. No model logic lives here.
//!
//! Values cross as plain JSON-compatible objects (maps become objects, `u64` a number).
//! Every error is thrown as `{ message, issues }`, where `issues` are validation issues
//! (`path`, `en`, `da`) when the scenario is invalid. A panic would be a bug in the engine:
//! its message is kept and can be read with [`last_panic`] after the call traps.

use crate::model::Model;
use crate::report::METRICS;
use crate::run::{Aggregator, aligned, paired_difference};
use crate::scenario::Scenario;
use crate::sim::{RepOutput, run_replication};
use crate::validate::{Issue, parse_scenario};
use crate::{Comparison, presets};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook (runs when the module is instantiated).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic, if a call trapped (a bug: please report it).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

#[derive(Serialize)]
struct Failure {
    message: String,
    issues: Vec<Issue>,
}

fn fail(message: impl Into<String>, issues: Vec<Issue>) -> JsValue {
    to_js(&Failure {
        message: message.into(),
        issues,
    })
    .unwrap_or_else(|e| e)
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("could not convert the value: {e}")))
}

/// A scenario given as JSON text or as an object, parsed and validated with field paths.
fn scenario_of(v: &JsValue) -> Result<Scenario, JsValue> {
    let text = match v.as_string() {
        Some(s) => s,
        None => js_sys::JSON::stringify(v)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| fail("the scenario is not a JSON object", Vec::new()))?,
    };
    parse_scenario(&text).map_err(|inv| fail(inv.to_string(), inv.issues))
}

fn model_of(v: &JsValue) -> Result<Model, JsValue> {
    let s = scenario_of(v)?;
    Model::new(&s).map_err(|inv| fail(inv.to_string(), inv.issues))
}

/// The scenario model, aligned with the baseline's seed and replications when one is given.
fn paired_model(scenario: &JsValue, baseline: &JsValue) -> Result<Model, JsValue> {
    let m = model_of(scenario)?;
    if baseline.is_undefined() || baseline.is_null() {
        Ok(m)
    } else {
        Ok(aligned(&model_of(baseline)?, &m))
    }
}

/// Engine version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Id of the default preset.
#[wasm_bindgen(js_name = defaultPresetId)]
pub fn default_preset_id() -> String {
    presets::DEFAULT_ID.to_string()
}

/// Every preset scenario (`Scenario[]`), baseline first.
#[wasm_bindgen]
pub fn presets() -> Result<JsValue, JsValue> {
    to_js(&presets::all())
}

/// Every metric's id, unit and Danish/English labels (`MetricDef[]`), in report order.
#[wasm_bindgen]
pub fn metrics() -> Result<JsValue, JsValue> {
    to_js(METRICS)
}

/// Validation issues of a scenario (JSON text or object): `Issue[]`, empty when it is valid.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<JsValue, JsValue> {
    match scenario_of(&scenario) {
        Ok(_) => to_js(&Vec::<Issue>::new()),
        Err(e) => {
            let issues = js_sys::Reflect::get(&e, &JsValue::from_str("issues"))
                .unwrap_or(JsValue::UNDEFINED);
            if js_sys::Array::is_array(&issues) {
                Ok(issues)
            } else {
                Err(e)
            }
        }
    }
}

/// The scenario as the engine reads it (defaults filled in), or an error with issues.
#[wasm_bindgen]
pub fn normalise(scenario: JsValue) -> Result<JsValue, JsValue> {
    to_js(&scenario_of(&scenario)?)
}

/// A compiled scenario that runs replications. Given a baseline, it runs with the baseline's
/// seed and replication count (common random numbers), as a comparison does.
#[wasm_bindgen]
pub struct Sim {
    model: Model,
}

#[wasm_bindgen]
impl Sim {
    /// Compile a scenario (and align it with `baseline`, if given).
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue, baseline: JsValue) -> Result<Sim, JsValue> {
        Ok(Sim {
            model: paired_model(&scenario, &baseline)?,
        })
    }

    /// Replications the scenario asks for.
    #[wasm_bindgen(getter)]
    pub fn replications(&self) -> u32 {
        self.model.scenario.simulation.replications
    }

    /// Run replication `rep` (`RepOutput`).
    pub fn run(&self, rep: u32) -> Result<JsValue, JsValue> {
        to_js(&run_replication(&self.model, rep))
    }
}

/// Run the given replications of a scenario (aligned with `baseline` if given): `RepOutput[]`.
#[wasm_bindgen(js_name = runReplications)]
pub fn run_replications(
    scenario: JsValue,
    baseline: JsValue,
    reps: Vec<u32>,
) -> Result<JsValue, JsValue> {
    let m = paired_model(&scenario, &baseline)?;
    let outs: Vec<RepOutput> = reps.iter().map(|&r| run_replication(&m, r)).collect();
    to_js(&outs)
}

/// Folds replication outputs (any order) into results, streaming.
#[wasm_bindgen]
pub struct Agg {
    model: Model,
    agg: Aggregator,
}

#[wasm_bindgen]
impl Agg {
    /// An empty aggregator for a scenario (aligned with `baseline`, if given).
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue, baseline: JsValue) -> Result<Agg, JsValue> {
        let model = paired_model(&scenario, &baseline)?;
        let agg = Aggregator::new(&model);
        Ok(Agg { model, agg })
    }

    /// Add one `RepOutput`.
    pub fn add(&mut self, output: JsValue) -> Result<(), JsValue> {
        let o: RepOutput = serde_wasm_bindgen::from_value(output)
            .map_err(|e| fail(format!("not a replication output: {e}"), Vec::new()))?;
        let expect = (crate::report::N_METRICS, 5 * self.model.weeks as usize);
        if o.scalars.len() != expect.0 || o.weekly.len() != expect.1 {
            return Err(fail(
                "the replication output does not belong to this scenario",
                Vec::new(),
            ));
        }
        self.agg.add(o);
        Ok(())
    }

    /// Replications folded so far (a contiguous prefix `0..n`).
    pub fn completed(&self) -> u32 {
        self.agg.completed()
    }

    /// The results so far (`Results`), the same object as `kanalsim run --json`.
    pub fn results(&self) -> Result<JsValue, JsValue> {
        to_js(&self.agg.results(&self.model))
    }
}

/// Baseline and scenario results with their paired differences (`Comparison`).
#[wasm_bindgen(js_name = compareAggs)]
pub fn compare_aggs(baseline: &Agg, scenario: &Agg) -> Result<JsValue, JsValue> {
    to_js(&Comparison {
        difference: paired_difference(&baseline.agg, &scenario.agg),
        baseline: baseline.agg.results(&baseline.model),
        scenario: scenario.agg.results(&scenario.model),
    })
}

/// Only the paired differences (scenario − baseline) of every metric, by metric id.
#[wasm_bindgen(js_name = differenceAggs)]
pub fn difference_aggs(baseline: &Agg, scenario: &Agg) -> Result<JsValue, JsValue> {
    to_js(&paired_difference(&baseline.agg, &scenario.agg))
}

/// Results of a scenario from replication outputs (`Results`).
#[wasm_bindgen]
pub fn results(scenario: JsValue, outputs: Vec<JsValue>) -> Result<JsValue, JsValue> {
    let mut a = Agg::new(scenario, JsValue::UNDEFINED)?;
    for o in outputs {
        a.add(o)?;
    }
    a.results()
}

/// A comparison from replication outputs of both (`Comparison`); the scenario's outputs must
/// come from a run aligned with the baseline (see [`Sim::new`]).
#[wasm_bindgen]
pub fn compare(
    baseline: JsValue,
    scenario: JsValue,
    baseline_outputs: Vec<JsValue>,
    scenario_outputs: Vec<JsValue>,
) -> Result<JsValue, JsValue> {
    let mut b = Agg::new(baseline.clone(), JsValue::UNDEFINED)?;
    let mut s = Agg::new(scenario, baseline)?;
    for o in baseline_outputs {
        b.add(o)?;
    }
    for o in scenario_outputs {
        s.add(o)?;
    }
    compare_aggs(&b, &s)
}
