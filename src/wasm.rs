//! The WebAssembly binding: a thin layer that converts data between JavaScript and the
//! engine and maps errors to messages. No model logic lives here.
//!
//! Values cross as plain JSON-compatible objects (maps become objects, `u64` a number).
//! Every error is thrown as `{ message, issues }`, where `issues` are validation issues
//! (`path`, `en`, `da`) when the scenario is invalid. A panic would be a bug in the engine:
//! its message is kept and can be read with [`last_panic`] after the call traps.

use crate::error::{Error, ErrorKind, Issue};
use crate::model::Model;
use crate::precision::{Precision, Stopper};
use crate::presets;
use crate::report::METRICS;
use crate::run::{Aggregator, paired_difference};
use crate::scenario::Scenario;
use crate::settings::RunSettings;
use crate::sim::{RepOutput, run_replication};
use crate::validate::{parse_scenario, read_scenario};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
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

/// What a call throws: the error's kind and issues, a message (English), and the variant
/// it concerns (in a run of several).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Failure {
    message: String,
    kind: ErrorKind,
    issues: Vec<Issue>,
    variant: Option<u32>,
}

fn throw(e: Error, variant: Option<u32>) -> JsValue {
    to_js(&Failure {
        message: e.to_string(),
        kind: e.kind,
        issues: e.issues,
        variant,
    })
    .unwrap_or_else(|e| e)
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("could not convert the value: {e}")))
}

fn text_of(v: &JsValue) -> Result<String, Error> {
    match v.as_string() {
        Some(s) => Ok(s),
        None => js_sys::JSON::stringify(v)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                Error::input(
                    "",
                    "the scenario is not a JSON object",
                    "scenariet er ikke et JSON-objekt",
                )
            }),
    }
}

/// A scenario given as JSON text or as an object, parsed and validated with field paths.
fn scenario_of(v: &JsValue) -> Result<Scenario, Error> {
    parse_scenario(&text_of(v)?)
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

/// Two simulated weeks of the default preset, thrown away. A worker runs it once while it waits
/// for its first job: V8 compiles wasm lazily and optimises a function only after it has run a
/// while, so this gets the engine's code compiled and on its way to optimised before the first
/// replication that counts. Nothing it computes leaves it (every replication is seeded by its
/// own index, so no result depends on it; `tests/parity/native-wasm.mjs` checks).
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() {
    let Some(mut s) = presets::get(presets::DEFAULT_ID) else {
        return;
    };
    s.horizon_weeks = 2;
    let Ok(m) = Model::compile(&s) else {
        return;
    };
    let settings = RunSettings {
        seed: s.simulation.seed,
        replications: 1,
        threads: 1,
        warmup_weeks: 0,
    };
    let _ = run_replication(&m, &settings, 0);
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

/// The key figures on the page's cards (`string[]`, metric ids in card order): the figures
/// the precision rule checks ([`crate::precision::KEY_FIGURES`]).
#[wasm_bindgen(js_name = keyFigures)]
pub fn key_figures() -> Result<JsValue, JsValue> {
    to_js(&crate::precision::KEY_FIGURES)
}

/// The precision rule's default relative tolerance (0.01: 1 % of the baseline's figure).
#[wasm_bindgen(js_name = defaultPrecision)]
pub fn default_precision() -> f64 {
    crate::precision::DEFAULT_RELATIVE
}

/// The metrics of the counter by appointment (`MetricDef[]`): in a run's results only when
/// its scenario uses appointments.
#[wasm_bindgen(js_name = appointmentMetrics)]
pub fn appointment_metrics() -> Result<JsValue, JsValue> {
    to_js(crate::report::APPOINTMENT_METRICS)
}

/// The scenario (JSON text or object) with its counter switched to `mode` (`"walkIn"`,
/// `"appointment"` or `"both"`), keeping its staff hours ([`presets::set_counter_mode`]).
/// The scenario need not be valid; an unknown mode is an error.
#[wasm_bindgen(js_name = withCounterMode)]
pub fn with_counter_mode(scenario: JsValue, mode: &str) -> Result<JsValue, JsValue> {
    // Read, not validated: a user must be able to switch mode to get out of a problem.
    let mut s = read_scenario(&text_of(&scenario).map_err(|e| throw(e, None))?)
        .map_err(|e| throw(e, None))?;
    let mode: crate::scenario::CounterMode =
        serde_json::from_value(serde_json::Value::String(mode.to_string())).map_err(|_| {
            throw(
                Error::input(
                    "appointments.mode",
                    format!("unknown counter mode {mode:?}: walkIn, appointment or both"),
                    format!("ukendt skrankeform {mode:?}: walkIn, appointment eller both"),
                ),
                None,
            )
        })?;
    presets::set_counter_mode(&mut s, mode);
    to_js(&s)
}

/// Validation issues of a scenario (JSON text or object): `Issue[]`, empty when it is valid.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> Result<JsValue, JsValue> {
    match scenario_of(&scenario) {
        Ok(_) => to_js(&Vec::<Issue>::new()),
        Err(e) => to_js(&e.issues),
    }
}

/// The scenario as the engine reads it (defaults filled in), or an error with issues.
#[wasm_bindgen]
pub fn normalise(scenario: JsValue) -> Result<JsValue, JsValue> {
    to_js(&scenario_of(&scenario).map_err(|e| throw(e, None))?)
}

/// What the workers of a run receive: the run settings and each variant's scenario as the
/// engine read it (validated once, on the page's thread).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    seed: u64,
    replications: u32,
    warmup_weeks: u32,
    /// The variants' JSON texts, as the page gave them (read again, not re-validated).
    scenarios: Vec<String>,
}

/// One run of the page: a baseline (variant 0) and up to three scenarios, all run with the
/// baseline's settings (common random numbers). Each variant is parsed, validated and
/// compiled **once**, here; the workers get [`Run::payload`] and the aggregators live here.
#[wasm_bindgen]
pub struct Run {
    models: Vec<Model>,
    aggs: Vec<Aggregator>,
    settings: RunSettings,
    payload: String,
    /// The precision rule over the contiguous prefixes folded so far (always watched).
    stopper: Stopper,
    /// Prefixes fed to the stopper so far.
    checked: u32,
    /// With the rule as the stop (not a fixed count): outputs wait here until every
    /// variant has a replication, then all are folded at once, so the aggregators never
    /// hold more than the prefix where the rule holds.
    lockstep: Option<BTreeMap<u32, Vec<Option<RepOutput>>>>,
}

#[wasm_bindgen]
impl Run {
    /// Validate and compile the variants (baseline first; JSON texts or objects). Throws
    /// `{ message, kind, issues, variant }` for the first variant with problems, or for a
    /// run over the work budget. With `precision` (a relative tolerance, e.g. 0.01) the run
    /// stops where the precision rule holds ([`crate::precision`]; `replications` is the
    /// maximum): replications are then folded in step for all variants and outputs after
    /// that point are ignored. Without it the rule is only watched ([`Run::stable`]).
    #[wasm_bindgen(constructor)]
    pub fn new(variants: Vec<JsValue>, precision: Option<f64>) -> Result<Run, JsValue> {
        let mut scenarios = Vec::with_capacity(variants.len());
        let mut texts = Vec::with_capacity(variants.len());
        for (i, v) in variants.iter().enumerate() {
            let text = text_of(v).map_err(|e| throw(e, Some(i as u32)))?;
            // Read only: Model::new below validates and compiles each variant once, and the
            // run's budget is checked once for all of them.
            scenarios.push(read_scenario(&text).map_err(|e| throw(e, Some(i as u32)))?);
            texts.push(text);
        }
        let base = scenarios
            .first()
            .ok_or_else(|| throw(Error::input("", "no baseline", "ingen basis"), None))?;
        let settings = RunSettings::of(base);
        let mut models = Vec::with_capacity(scenarios.len());
        for (i, s) in scenarios.iter().enumerate() {
            models.push(Model::new(s).map_err(|e| throw(e, Some(i as u32)))?);
        }
        let refs: Vec<&Model> = models.iter().collect();
        crate::budget::check(&refs, &settings).map_err(|e| throw(e, None))?;
        let aggs = models
            .iter()
            .map(|m| Aggregator::new(m, &settings))
            .collect();
        let payload = serde_json::to_string(&Payload {
            seed: settings.seed,
            replications: settings.replications,
            warmup_weeks: settings.warmup_weeks,
            scenarios: texts,
        })
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
        let rule = match precision {
            Some(r) => Precision::new(r).ok_or_else(|| {
                throw(
                    Error::input(
                        "precision",
                        format!("must be above 0 and at most 1 (got {r})"),
                        format!("skal være over 0 og højst 1 (fik {r})"),
                    ),
                    None,
                )
            })?,
            None => Precision::default(),
        };
        Ok(Run {
            stopper: Stopper::new(rule, settings.replications),
            checked: 0,
            lockstep: precision.map(|_| BTreeMap::new()),
            models,
            aggs,
            settings,
            payload,
        })
    }

    /// What to post to the workers (text; give it to [`Replicator::new`]).
    #[wasm_bindgen(getter)]
    pub fn payload(&self) -> String {
        self.payload.clone()
    }

    /// Replications of the run (the baseline's).
    #[wasm_bindgen(getter)]
    pub fn replications(&self) -> u32 {
        self.settings.replications
    }

    /// Add a replication output of variant `variant`, [packed](RepOutput::pack) as a
    /// `Float64Array` by [`Replicator::run`]. Under the precision rule, once it holds,
    /// later outputs are ignored.
    pub fn add(&mut self, variant: u32, output: &[f64]) -> Result<(), JsValue> {
        let agg = self.aggs.get_mut(variant as usize).ok_or_else(|| {
            throw(
                Error::input("variant", "no such variant", "ingen sådan variant"),
                Some(variant),
            )
        })?;
        let o = RepOutput::unpack(output).map_err(|e| throw(e, Some(variant)))?;
        let Some(waiting) = self.lockstep.as_mut() else {
            agg.add(o).map_err(|e| throw(e, Some(variant)))?;
            self.watch();
            return Ok(());
        };
        if self.stopper.stable_after().is_some() {
            return Ok(());
        }
        if !agg.fits(&o) {
            // The aggregator's own refusal, with its words.
            return agg.add(o).map_err(|e| throw(e, Some(variant)));
        }
        let n = self.aggs.len();
        let slot = waiting.entry(o.rep).or_insert_with(|| vec![None; n]);
        if let Some(x) = slot.get_mut(variant as usize) {
            *x = Some(o);
        }
        while waiting
            .get(&self.checked)
            .is_some_and(|v| v.iter().all(Option::is_some))
        {
            let outs = waiting.remove(&self.checked).unwrap_or_default();
            for (i, (a, o)) in self
                .aggs
                .iter_mut()
                .zip(outs.into_iter().flatten())
                .enumerate()
            {
                a.add(o).map_err(|e| throw(e, Some(i as u32)))?;
            }
            self.checked += 1;
            if self.stopper.next(&self.aggs, self.checked) {
                waiting.clear();
                break;
            }
        }
        Ok(())
    }

    /// Feed the stopper the prefixes every variant has folded (a fixed-count run).
    fn watch(&mut self) {
        let n = self
            .aggs
            .iter()
            .map(Aggregator::completed)
            .min()
            .unwrap_or(0);
        while self.checked < n && self.stopper.stable_after().is_none() {
            self.checked += 1;
            self.stopper.next(&self.aggs, self.checked);
        }
    }

    /// The replications after which the precision rule holds for every key figure (of every
    /// scenario's difference from the baseline, or of the baseline alone), checked at the
    /// contiguous prefixes folded so far; `undefined` until it does.
    pub fn stable(&self) -> Option<u32> {
        self.stopper.stable_after()
    }

    /// Replications of `variant` folded so far (a contiguous prefix `0..n`).
    pub fn completed(&self, variant: u32) -> u32 {
        self.aggs
            .get(variant as usize)
            .map_or(0, Aggregator::completed)
    }

    /// The results of `variant` so far (`Results`), the same object as `kanalsim run --json`.
    pub fn results(&self, variant: u32) -> Result<JsValue, JsValue> {
        let i = variant as usize;
        match (self.aggs.get(i), self.models.get(i)) {
            (Some(a), Some(m)) => to_js(&a.results(m)),
            _ => Ok(JsValue::NULL),
        }
    }

    /// Paired differences (variant − baseline) of every metric, by metric id.
    pub fn difference(&self, variant: u32) -> Result<JsValue, JsValue> {
        match (self.aggs.first(), self.aggs.get(variant as usize)) {
            (Some(b), Some(s)) => to_js(&paired_difference(b, s)),
            _ => Ok(JsValue::NULL),
        }
    }
}

/// A worker's copy of a run's models: compiled once per run from [`Run::payload`] (which
/// the page's thread validated), then runs replications.
#[wasm_bindgen]
pub struct Replicator {
    models: Vec<Model>,
    settings: RunSettings,
}

#[wasm_bindgen]
impl Replicator {
    /// Compile the models of a run's payload.
    #[wasm_bindgen(constructor)]
    pub fn new(payload: &str) -> Result<Replicator, JsValue> {
        let p: Payload = serde_json::from_str(payload).map_err(|e| {
            throw(
                Error::input(
                    "payload",
                    format!("not a run payload: {e}"),
                    format!("ikke en kørsels indhold: {e}"),
                ),
                None,
            )
        })?;
        let settings = RunSettings {
            seed: p.seed,
            replications: p.replications,
            threads: 1,
            warmup_weeks: p.warmup_weeks,
        };
        let mut models = Vec::with_capacity(p.scenarios.len());
        for (i, text) in p.scenarios.iter().enumerate() {
            let s = read_scenario(text).map_err(|e| throw(e, Some(i as u32)))?;
            models.push(Model::compile(&s).map_err(|e| throw(e, Some(i as u32)))?);
        }
        Ok(Replicator { models, settings })
    }

    /// Run replication `rep` of `variant`: its `RepOutput` [packed](RepOutput::pack) into a
    /// `Float64Array` (post it to the page's thread as a transfer, give it to [`Run::add`]).
    pub fn run(&self, variant: u32, rep: u32) -> Result<Vec<f64>, JsValue> {
        let m = self.models.get(variant as usize).ok_or_else(|| {
            throw(
                Error::input("variant", "no such variant", "ingen sådan variant"),
                Some(variant),
            )
        })?;
        let out = run_replication(m, &self.settings, rep).map_err(|e| throw(e, Some(variant)))?;
        Ok(out.pack())
    }
}

/// What the page chose besides the files (the CLI's flags of `kanalsim calibrate`).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct CalibrateOptions {
    name: String,
    units: Vec<String>,
    weeks_per_year: Option<f64>,
    /// `[role, header]` pairs of a phone interval report (`--map`).
    map: Vec<(String, String)>,
    /// Opening hours confirmed or corrected (`--hours`: a scenario's `openingHours`).
    hours: Option<crate::scenario::OpeningHours>,
    /// `[code, "information" | "transaction"]` pairs for `Type` codes (`--types`).
    types: Vec<(String, String)>,
}

/// One channel of the back-test ([`crate::calibrate::ChannelFit`]), as the page reads it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChannelFitOut<'a> {
    channel: &'a str,
    observed_weekly: f64,
    simulated_weekly: f64,
    observed_hourly: &'a [f64],
    simulated_hourly: &'a [f64],
    correlation: Option<f64>,
    mean_abs_error: Option<f64>,
    hours_measured: usize,
}

/// A calibration as the page reads it: the scenario, the back-test and what was read.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CalibrationOut<'a> {
    scenario: &'a Scenario,
    weeks: f64,
    season_factor: f64,
    replications: u32,
    rounds: u32,
    min_hour: f64,
    channels: Vec<ChannelFitOut<'a>>,
    period_da: String,
    period_en: String,
    /// `[file name, kind in English, kind in Danish]`.
    files: Vec<(String, &'static str, &'static str)>,
    outbound: f64,
    short: [f64; 3],
    late: f64,
    unknown_codes: f64,
    /// `[code, rows, "information" | "transaction", mapped by the user]` of the `Type`
    /// codes outside the default mapping.
    unmapped_types: Vec<(String, f64, &'static str, bool)>,
}

/// One file as [`crate::calibrate::inspect`] sees it, as the page reads it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileInfoOut {
    name: String,
    /// `komhen`, `interval`, `table` or null (not recognised).
    kind: Option<&'static str>,
    header: Vec<String>,
    rows: usize,
    /// `[role, header or null]`.
    roles: Vec<(&'static str, Option<String>)>,
    units: Vec<(String, usize)>,
    /// `[code, rows, "information" | "transaction" | null]`.
    types: Vec<(String, usize, Option<&'static str>)>,
    /// `[English, Danish]` when the file cannot be read as a table.
    problem: Option<(String, String)>,
}

/// The page's files as the calibration reads them: `names[i]` with the bytes `contents[i]`.
fn input_files(
    names: Vec<String>,
    contents: Vec<js_sys::Uint8Array>,
) -> Vec<crate::calibrate::InputFile> {
    names
        .into_iter()
        .zip(contents.iter())
        .map(|(name, b)| crate::calibrate::InputFile {
            name,
            bytes: b.to_vec(),
        })
        .collect()
}

/// What each file holds before calibrating ([`crate::calibrate::inspect::inspect`]): its
/// kind, header names, the roles recognised, units and `Type` codes with their rows. Never
/// throws on a file's content (a file that cannot be read says so in `problem`).
#[wasm_bindgen(js_name = inspectFiles)]
pub fn inspect_files(
    names: Vec<String>,
    contents: Vec<js_sys::Uint8Array>,
) -> Result<JsValue, JsValue> {
    use crate::calibrate::{self, Kind, inspect};
    let files = input_files(names, contents);
    let out: Vec<FileInfoOut> = inspect::inspect(&files)
        .into_iter()
        .map(|i| FileInfoOut {
            name: i.name,
            kind: i.kind.map(Kind::id),
            header: i.header,
            rows: i.rows,
            roles: i.roles,
            units: i.units,
            types: i
                .types
                .into_iter()
                .map(|(c, n, d)| (c, n, d.map(calibrate::type_target)))
                .collect(),
            problem: i.problem,
        })
        .collect();
    to_js(&out)
}

/// A scenario of one's own municipality from its files ([`crate::calibrate::calibrate`]):
/// `names[i]` and `contents[i]` are a file's name and bytes; `options` is `{ name, units,
/// weeksPerYear, map, hours, types }` (all optional). Throws `{ message, kind, issues }` naming the file,
/// row and column of a file it cannot read.
#[wasm_bindgen(js_name = calibrateFiles)]
pub fn calibrate_files(
    names: Vec<String>,
    contents: Vec<js_sys::Uint8Array>,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    use crate::calibrate::{self, Options};
    let o: CalibrateOptions = if options.is_undefined() || options.is_null() {
        CalibrateOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| {
            throw(
                Error::input(
                    "options",
                    format!("not calibration options: {e}"),
                    format!("ikke kalibreringsvalg: {e}"),
                ),
                None,
            )
        })?
    };
    let files = input_files(names, contents);
    let opts = Options {
        name: o.name,
        units: o.units,
        weeks_per_year: o.weeks_per_year,
        map: o
            .map
            .into_iter()
            .map(|(a, b)| (a.to_ascii_lowercase(), b))
            .collect(),
        hours: o.hours,
        type_map: o.types,
        ..Options::default()
    };
    let c = calibrate::calibrate(&files, &opts).map_err(|e| throw(e, None))?;
    let (period_en, period_da) = c.observed.period();
    let b = &c.backtest;
    let ob = &c.observed;
    to_js(&CalibrationOut {
        scenario: &c.scenario,
        weeks: b.weeks,
        season_factor: b.season_factor,
        replications: b.replications,
        rounds: c.rounds,
        min_hour: calibrate::backtest::MIN_HOUR,
        channels: b
            .channels
            .iter()
            .map(|ch| ChannelFitOut {
                channel: ch.channel,
                observed_weekly: ch.observed_weekly,
                simulated_weekly: ch.simulated_weekly,
                observed_hourly: &ch.observed_hourly,
                simulated_hourly: &ch.simulated_hourly,
                correlation: ch.correlation,
                mean_abs_error: ch.mean_abs_error,
                hours_measured: ch.hours_measured,
            })
            .collect(),
        period_da,
        period_en,
        files: ob
            .files
            .iter()
            .map(|(n, k, _)| {
                let (en, da) = k.names();
                (n.clone(), en, da)
            })
            .collect(),
        outbound: ob.outbound,
        short: ob.short,
        late: ob.late,
        unknown_codes: ob.unknown_codes.values().sum(),
        unmapped_types: ob
            .unmapped_types
            .iter()
            .map(|(k, n)| {
                let m = ob.mapped_types.get(k);
                let to = calibrate::type_target(m != Some(&false));
                (k.clone(), *n, to, m.is_some())
            })
            .collect(),
    })
}
