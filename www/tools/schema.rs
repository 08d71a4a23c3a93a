//! Prints the JSON Schema of every type that crosses the WebAssembly binding; the page's
//! TypeScript types (`www/src/generated/types.ts`) are generated from it.
//!
//! `cargo run --example schema --features schema > www/src/generated/schema.json`

use kanalsim::error::{Error, Issue};
use kanalsim::report::{Comparison, MetricDef, Results};
use kanalsim::scenario::Scenario;
use kanalsim::sim::RepOutput;

/// The root only gathers the types so that each becomes a named definition.
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct KanalsimTypes {
    scenario: Scenario,
    results: Results,
    comparison: Comparison,
    rep_output: RepOutput,
    metric_def: MetricDef,
    issue: Issue,
    engine_error: Error,
}

fn main() {
    let schema = schemars::schema_for!(KanalsimTypes);
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).expect("the schema serialises")
    );
}
