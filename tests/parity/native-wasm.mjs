// Same scenario and seed → same numbers in the CLI (native) and in WebAssembly.
// Loads the wasm-bindgen output of scripts/build-page.sh under Node, runs presets through it
// and through `target/release/kanalsim`, and compares every number exactly.
// Usage: node tests/parity/native-wasm.mjs   (after scripts/build-page.sh and cargo build --release)
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = join(root, "www", "build", "pkg");
const wasm = await import(join(pkg, "kanalsim.js"));
wasm.initSync({ module: readFileSync(join(pkg, "kanalsim_bg.wasm")) });
const cli = join(root, "target", "release", "kanalsim");
const tmp = mkdtempSync(join(tmpdir(), "kanalsim-parity-"));

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name} ${detail}`);
  }
}

/** Every difference between two JSON values, exact for numbers. */
function diff(a, b, path = "", out = []) {
  if (out.length > 5) return out;
  if (typeof a === "number" && typeof b === "number") {
    if (!Object.is(a, b)) out.push(`${path}: native ${a} vs wasm ${b}`);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} vs ${b.length}`);
    else a.forEach((x, i) => diff(x, b[i], `${path}[${i}]`, out));
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) out.push(`${path}: keys differ`);
    else ka.forEach((k) => diff(a[k], b[k], `${path}.${k}`, out));
  } else if (a !== b) {
    out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  return out;
}

function native(args) {
  return JSON.parse(execFileSync(cli, args, { encoding: "utf8", maxBuffer: 1 << 28 }));
}

const presets = wasm.presets();
const byId = Object.fromEntries(presets.map((s) => [s.id, s]));
// Exponential service times and patience on both queues: every draw goes through the
// ziggurat (sim::exp1_from_word, with libm in its rare wedge and tail), which must give the
// same bits natively and in wasm.
function exponential(s) {
  for (const q of [s.queues.personal, s.queues.phone]) {
    q.serviceTime = { kind: "exponential", meanMin: q === s.queues.phone ? 4.2 : 11.5 };
    q.patience = { kind: "exponential", meanMin: q === s.queues.phone ? 3 : 12 };
  }
}
for (const [id, reps, seed, mutate] of [
  ["tonder-2012", 6, 2012, null],
  ["tonder-2012-strategy", 4, 99, null],
  ["tonder-2012", 4, 7, exponential],
  // The counter by appointment: the book, booking calls, no-shows and the weekly leads.
  ["tonder-2012-appointments", 4, 11, null],
]) {
  const s = structuredClone(byId[id]);
  s.simulation.replications = reps;
  s.simulation.seed = seed;
  if (mutate) mutate(s);
  const file = join(tmp, `${id}-${seed}.json`);
  writeFileSync(file, JSON.stringify(s));
  const nat = native(["run", file, "--json", "-", "--threads", "2"]);
  // Replications in a shuffled order, as workers would deliver them.
  const order = [...Array(reps).keys()].reverse();
  const run = new wasm.Run([s]);
  const rep = new wasm.Replicator(run.payload);
  for (const r of order) run.add(0, rep.run(0, r));
  const w = run.results(0);
  const d = diff(nat, w);
  check(`${id}${mutate ? " (exponential queues)" : ""}: ${reps} replications, seed ${seed}: native == wasm`, d.length === 0, d.join("; "));
}

// A paired comparison (common random numbers) must match too.
{
  const b = structuredClone(byId["tonder-2012"]);
  const s = structuredClone(byId["tonder-2012-phone-closed-wed"]);
  b.simulation.replications = 3;
  const bf = join(tmp, "b.json");
  const sf = join(tmp, "s.json");
  writeFileSync(bf, JSON.stringify(b));
  writeFileSync(sf, JSON.stringify(s));
  const nat = native(["compare", bf, sf, "--json", "-"]);
  const run = new wasm.Run([b, s]);
  const rep = new wasm.Replicator(run.payload);
  for (const r of [0, 1, 2]) run.add(0, rep.run(0, r));
  for (const r of [2, 0, 1]) run.add(1, rep.run(1, r));
  const w = { baseline: run.results(0), scenario: run.results(1), difference: run.difference(1) };
  const d = diff(nat, w);
  check("compare tonder-2012 vs phone-closed-wed: native == wasm", d.length === 0, d.join("; "));
}

// The counter by appointment against a walk-in baseline (the appointment metrics have no
// difference: only one side has them), and the page's switch of a scenario to "both".
{
  const b = structuredClone(byId["tonder-2012"]);
  const s = wasm.withCounterMode(structuredClone(byId["tonder-2012-strategy"]), "both");
  b.simulation.replications = 3;
  s.simulation = { ...b.simulation };
  const bf = join(tmp, "b2.json");
  const sf = join(tmp, "s2.json");
  writeFileSync(bf, JSON.stringify(b));
  writeFileSync(sf, JSON.stringify(s));
  const nat = native(["compare", bf, sf, "--json", "-"]);
  const run = new wasm.Run([b, s]);
  const rep = new wasm.Replicator(run.payload);
  for (const r of [1, 0, 2]) run.add(0, rep.run(0, r));
  for (const r of [2, 1, 0]) run.add(1, rep.run(1, r));
  const w = { baseline: run.results(0), scenario: run.results(1), difference: run.difference(1) };
  const d = diff(nat, w);
  const noDiff = !Object.keys(w.difference).some((k) => k.startsWith("appointments.")) && "appointments.meanLeadDays" in w.scenario.metrics && !w.baseline.appointments;
  check("compare tonder-2012 vs strategy with the counter 'both': native == wasm", d.length === 0 && noDiff, `${d.join("; ")}${noDiff ? "" : " (appointment metrics on the wrong side)"}`);
}

// The workers' warm-up (src/wasm.rs `warmUp`) leaves nothing behind: the same replication
// gives the same bits before and after it, and so does a fresh replicator.
{
  const s = structuredClone(byId["tonder-2012"]);
  s.horizonWeeks = 4;
  const run = new wasm.Run([s]);
  const rep = new wasm.Replicator(run.payload);
  const before = Array.from(rep.run(0, 3));
  wasm.warmUp();
  const after = Array.from(rep.run(0, 3));
  const fresh = Array.from(new wasm.Replicator(run.payload).run(0, 3));
  const same = (a, b) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  check("warmUp changes no replication's output", before.length > 0 && same(before, after) && same(before, fresh));
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
