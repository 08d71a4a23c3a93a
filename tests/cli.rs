//! The `kanalsim` binary end to end: presets, run (table, JSON, CSV), compare, erlang, and
//! bad input — every problem listed with its path, exit code 2, no panic, and nothing
//! written (an existing output file is left as it was); the language (`--lang` > `LC_ALL`
//! > `LANG` > English), help, a closed standard output, a byte-order mark, the work budget.
//!
//! Every test pins the language: the helpers clear `LC_ALL` and `LANG` (English by default)
//! and the language tests set them or `--lang` explicitly.

use kanalsim::report::{METRICS, Results};
use kanalsim::{presets, scenario::Interval};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary with `args`, in the default language: `LC_ALL` and `LANG` cleared, so the
/// messages are English whatever the machine's locale.
fn kanalsim(args: &[&str]) -> Output {
    kanalsim_env(args, &[])
}

/// The binary with `args` and these locale variables (the others cleared).
fn kanalsim_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kanalsim"));
    c.args(args).env_remove("LC_ALL").env_remove("LANG");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstderr:\n{}",
        o.status.code(),
        stderr(o)
    );
    assert!(!stderr(o).contains("panicked"));
    stdout(o)
}

/// Bad input: exit code 2, no panic, an "error:" report naming every expected path.
fn refused(o: &Output, paths: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "expected exit code 2\nstdout:\n{}\nstderr:\n{err}",
        stdout(o)
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.starts_with("error:"), "{err}");
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout on error:\n{}",
        stdout(o)
    );
    for p in paths {
        assert!(err.contains(p), "'{p}' missing from:\n{err}");
    }
    err
}

/// A fresh scratch folder for one test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("kanalsim-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn write(&self, name: &str, text: &str) -> String {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    }
    fn files(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn small_scenario_json(weeks: u32, reps: u32) -> String {
    let mut s = presets::tonder_2012();
    s.horizon_weeks = weeks;
    s.simulation.replications = reps;
    serde_json::to_string_pretty(&s).unwrap()
}

#[test]
fn presets_lists_every_id() {
    let out = ok(&kanalsim(&["presets"]));
    let da = ok(&kanalsim(&["presets", "--lang", "da"]));
    for p in presets::list() {
        assert!(
            out.lines()
                .any(|l| l.starts_with(&p.id) && l.contains(&p.title_en)),
            "{} missing:\n{out}",
            p.id
        );
        assert!(
            da.lines()
                .any(|l| l.starts_with(&p.id) && l.contains(&p.title)),
            "{} missing:\n{da}",
            p.id
        );
    }
    assert!(out.lines().next().unwrap().starts_with("tonder-2012 "));
    let json: serde_json::Value = serde_json::from_str(&ok(&kanalsim(&["presets", "--json"])))
        .expect("presets --json is JSON");
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = presets::list().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn run_prints_a_table_of_every_metric() {
    let out = ok(&kanalsim(&["run", "tonder-2012", "--replications", "3"]));
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "Tønder 2012 — 3 replications × 52 weeks, seed 2012"
    );
    let header = lines.next().unwrap();
    for col in ["metric", "mean", "P5", "P95"] {
        assert!(header.contains(col), "{header}");
    }
    for d in METRICS {
        assert!(
            out.lines().any(|l| l.starts_with(d.en)),
            "no row for {}:\n{out}",
            d.id
        );
    }
    assert_eq!(out.lines().count(), 2 + METRICS.len());
    // What the adoption lever means for all errands, beside the digital contacts.
    let rows: Vec<&str> = out.lines().collect();
    let at = rows
        .iter()
        .position(|l| l.starts_with("Digital self-service, transaction"))
        .unwrap();
    assert!(
        rows[at + 1].starts_with("Digital adoption as a share of all errands"),
        "{out}"
    );
    // The default seed can be overridden.
    let out = ok(&kanalsim(&[
        "run",
        "tonder-2012",
        "--replications",
        "2",
        "--seed",
        "77",
    ]));
    assert!(out.starts_with("Tønder 2012 — 2 replications × 52 weeks, seed 77\n"));
}

/// The raw text of `"key": <number>` after `from` in pretty JSON (parsed exactly by Rust,
/// not through serde_json's float parser).
fn raw_number(text: &str, from: usize, key: &str) -> f64 {
    let pat = format!("\"{key}\": ");
    let at = text[from..].find(&pat).unwrap() + from + pat.len();
    let end = text[at..].find([',', '\n', '}']).unwrap() + at;
    text[at..end].trim().parse().unwrap()
}

#[test]
fn json_holds_every_metric_and_csv_has_the_same_numbers() {
    let dir = Scratch::new("json-csv");
    let json_path = dir.path("r.json");
    let csv_path = dir.path("r.csv");
    let o = kanalsim(&[
        "run",
        "tonder-2012",
        "--replications",
        "4",
        "--json",
        json_path.to_str().unwrap(),
        "--csv",
        csv_path.to_str().unwrap(),
    ]);
    // Files written, the table on stdout.
    assert!(ok(&o).contains("Tønder 2012 — 4 replications"));
    let text = std::fs::read_to_string(&json_path).unwrap();
    let r: Results = serde_json::from_str(&text).expect("the JSON is Results");
    assert_eq!(r.replications, 4);
    assert_eq!(r.metrics.len(), METRICS.len());
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for d in METRICS {
        let m = &v["metrics"][d.id];
        for k in ["mean", "p5", "p25", "p50", "p75", "p95"] {
            assert!(m[k].is_number(), "{}.{k} missing or not a number", d.id);
        }
        // The t-based 90 % CI of the mean, around the mean.
        let ci = m["ci90"].as_array().expect("ci90 is [lo, hi]");
        assert_eq!(ci.len(), 2, "{}", d.id);
        let (lo, hi, mean) = (
            ci[0].as_f64().unwrap(),
            ci[1].as_f64().unwrap(),
            m["mean"].as_f64().unwrap(),
        );
        assert!(lo <= mean && mean <= hi, "{}: {lo} {mean} {hi}", d.id);
    }
    for part in ["weekly", "hourOfWeek", "sensitivity"] {
        assert!(!v[part].is_null(), "{part} missing");
    }
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next().unwrap(),
        "metric,unit,mean,p5,p25,p50,p75,p95,ci90_low,ci90_high"
    );
    let metrics_at = text.find("\"metrics\": {").unwrap();
    let mut n = 0;
    for row in rows {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!(f.len(), 10, "{row}");
        let d = METRICS.iter().find(|d| d.id == f[0]).expect("known metric");
        assert_eq!(d.id, METRICS[n].id, "CSV rows in report order");
        let at = text[metrics_at..]
            .find(&format!("\"{}\": {{", d.id))
            .unwrap()
            + metrics_at;
        for (i, k) in ["mean", "p5", "p25", "p50", "p75", "p95"]
            .iter()
            .enumerate()
        {
            let c: f64 = f[2 + i].parse().unwrap();
            let j = raw_number(&text, at, k);
            assert_eq!(
                c.to_bits(),
                j.to_bits(),
                "{}.{k}: CSV {c} vs JSON {j}",
                d.id
            );
        }
        let ci = &r.metrics[d.id].ci90;
        for (i, want) in ci.iter().enumerate() {
            let c: f64 = f[8 + i].parse().unwrap();
            assert_eq!(c.to_bits(), want.to_bits(), "{}.ci90[{i}]", d.id);
        }
        n += 1;
    }
    assert_eq!(n, METRICS.len());
}

#[test]
fn json_to_stdout_is_only_json() {
    let o = kanalsim(&["run", "tonder-2012", "--replications", "2", "--json", "-"]);
    let text = ok(&o);
    let r: Results = serde_json::from_str(&text).expect("stdout is exactly one JSON document");
    assert_eq!(r.scenario_id, "tonder-2012");
    for d in METRICS {
        assert!(r.metrics.contains_key(d.id), "{}", d.id);
    }
    // CSV to stdout is only CSV.
    let csv = ok(&kanalsim(&[
        "run",
        "tonder-2012",
        "--replications",
        "2",
        "--csv",
        "-",
    ]));
    assert!(csv.starts_with("metric,unit,mean,"));
    assert_eq!(csv.lines().count(), 1 + METRICS.len());
}

#[test]
fn a_scenario_file_from_show_runs_like_the_preset() {
    let dir = Scratch::new("show");
    let shown = ok(&kanalsim(&["show", "tonder-2012-phone-9-13"]));
    let f = dir.write("s.json", &shown);
    assert!(ok(&kanalsim(&["validate", &f])).starts_with("ok:"));
    let a = ok(&kanalsim(&[
        "run",
        "tonder-2012-phone-9-13",
        "--replications",
        "3",
        "--json",
        "-",
    ]));
    let b = ok(&kanalsim(&[
        "run",
        &f,
        "--replications",
        "3",
        "--json",
        "-",
    ]));
    assert_eq!(a, b);
}

#[test]
fn compare_prints_paired_differences() {
    let out = ok(&kanalsim(&[
        "compare",
        "tonder-2012",
        "tonder-2012-phone-9-13",
        "--replications",
        "3",
    ]));
    let first = out.lines().next().unwrap();
    assert!(
        first.contains("vs Tønder 2012") && first.contains("3 paired replications"),
        "{first}"
    );
    let header = out.lines().nth(1).unwrap();
    for col in ["difference", "90 % CI of mean", "P5–P95 spread"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(!out.contains("90 % interval"), "{out}");
    // The two cost views, each with the errands lost beside the saving and its question.
    for text in [
        "By unit price: ",
        "By staff time: ",
        "answers: what the contacts cost at the KL benchmark prices",
        "answers: what the staffing plan costs",
        "Per contact (baseline → scenario): counter 75 DKK by unit price, ",
        "; phone 30 DKK by unit price, ",
    ] {
        assert!(out.contains(text), "no {text:?}:\n{out}");
    }
    assert_eq!(
        out.matches("beside it: errands given up ").count(),
        2,
        "{out}"
    );
    let row = |label: &str| {
        out.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}:\n{out}"))
            .to_string()
    };
    // Same errands under common random numbers; fewer phone hours, other phone figures.
    let errands = row("Errands ");
    let cols: Vec<&str> = errands.split_whitespace().collect();
    assert_eq!(cols[1], cols[2], "{errands}");
    assert!(errands.contains("[0 ; 0]"), "{errands}");
    let staff = row("Phone staff hours");
    assert!(
        staff.contains('-'),
        "phone staff hours should fall: {staff}"
    );
    for d in METRICS {
        assert!(out.lines().any(|l| l.starts_with(d.en)), "{}", d.id);
    }
    // JSON: baseline, scenario and difference for every metric.
    let v: serde_json::Value = serde_json::from_str(&ok(&kanalsim(&[
        "compare",
        "tonder-2012",
        "tonder-2012-phone-9-13",
        "--replications",
        "3",
        "--json",
        "-",
    ])))
    .unwrap();
    for d in METRICS {
        assert!(v["difference"][d.id]["mean"].is_number(), "{}", d.id);
        assert!(v["difference"][d.id]["ci90"][1].is_number(), "{}", d.id);
        assert!(v["baseline"]["metrics"][d.id]["p95"].is_number());
        assert!(v["scenario"]["metrics"][d.id]["p5"].is_number());
    }
}

fn erlang_json(extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "erlang",
        "--arrivals-per-hour",
        "120",
        "--mean-service-min",
        "4",
        "--agents",
        "10",
        "--customers",
        "200000",
        "--json",
    ];
    args.extend_from_slice(extra);
    let text = ok(&kanalsim(&args));
    serde_json::from_str(&text).expect("erlang --json prints one JSON document")
}

/// The four figures of `"section": {...}` read from the raw text (exact float parsing).
fn raw_figures(text: &str, section: &str) -> [f64; 4] {
    let at = text.find(&format!("\"{section}\": {{")).unwrap();
    ["pWait", "pAbandon", "meanWaitServedMin", "serviceLevel"].map(|k| raw_number(text, at, k))
}

fn four_figures(v: &serde_json::Value) -> [f64; 4] {
    let o = v.as_object().expect("an object");
    let mut keys: Vec<&str> = o.keys().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(
        keys,
        ["meanWaitServedMin", "pAbandon", "pWait", "serviceLevel"],
        "exactly the four figures"
    );
    ["pWait", "pAbandon", "meanWaitServedMin", "serviceLevel"].map(|k| o[k].as_f64().unwrap())
}

#[test]
fn erlang_json_has_exactly_the_four_figures_twice() {
    for (extra, abandons) in [(vec!["--mean-patience-min", "2"], true), (vec![], false)] {
        let v = erlang_json(&extra);
        let o = v.as_object().unwrap();
        let mut keys: Vec<&str> = o.keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(keys, ["simulated", "theory"]);
        let sim = four_figures(&v["simulated"]);
        let th = four_figures(&v["theory"]);
        // Shares are shares; the simulation is near the theory (200,000 customers).
        for x in [sim[0], sim[1], sim[3], th[0], th[1], th[3]] {
            assert!((0.0..=1.0).contains(&x));
        }
        assert!((sim[0] - th[0]).abs() < 0.03, "{sim:?} vs {th:?}");
        assert!((sim[3] - th[3]).abs() < 0.03, "{sim:?} vs {th:?}");
        assert_eq!(sim[1] > 0.0, abandons);
        assert_eq!(th[1] > 0.0, abandons);
    }
    // The theory column is the library's, to the bit.
    let text = ok(&kanalsim(&[
        "erlang",
        "--arrivals-per-hour",
        "120",
        "--mean-service-min",
        "4",
        "--agents",
        "10",
        "--mean-patience-min",
        "2",
        "--customers",
        "20000",
        "--json",
    ]));
    let th = kanalsim::theory::erlang_a(2.0, 4.0, 10, 2.0, 1.0).unwrap();
    assert_eq!(
        raw_figures(&text, "theory"),
        [
            th.p_wait,
            th.p_abandon,
            th.mean_wait_served_min,
            th.service_level
        ]
    );
    // The table form names both models.
    let t = ok(&kanalsim(&[
        "erlang",
        "--arrivals-per-hour",
        "60",
        "--mean-service-min",
        "4",
        "--agents",
        "6",
        "--customers",
        "20000",
    ]));
    assert!(t.contains("Erlang C") && t.contains("P(wait)"), "{t}");
}

#[test]
fn erlang_bad_input_is_refused() {
    let o = kanalsim(&["erlang", "--json"]);
    refused(
        &o,
        &["--arrivals-per-hour", "--mean-service-min", "--agents"],
    );
    let o = kanalsim(&[
        "erlang",
        "--arrivals-per-hour",
        "-5",
        "--mean-service-min",
        "NaN",
        "--agents",
        "0",
        "--mean-patience-min",
        "0",
        "--target-seconds",
        "-1",
        "--customers",
        "0",
    ]);
    refused(
        &o,
        &[
            "--arrivals-per-hour",
            "--mean-service-min",
            "--agents",
            "--mean-patience-min",
            "--target-seconds",
            "--customers",
        ],
    );
    let o = kanalsim(&[
        "erlang",
        "--arrivals-per-hour",
        "120",
        "--mean-service-min",
        "4",
        "--agents",
        "ten",
    ]);
    refused(&o, &["--agents", "'ten' is not a valid number"]);
    // Values the stationary scenario refuses are reported at the flag they come from.
    let o = kanalsim(&[
        "erlang",
        "--arrivals-per-hour",
        "1e9",
        "--mean-service-min",
        "1e6",
        "--agents",
        "10",
    ]);
    let err = refused(
        &o,
        &[
            "--arrivals-per-hour: ",
            "demand.annualErrands",
            "--mean-service-min: ",
        ],
    );
    assert_eq!(err.lines().count(), 3, "each flag once:\n{err}");
}

#[test]
fn missing_file_is_refused() {
    let o = kanalsim(&["run", "/no/such/dir/scenario.json"]);
    refused(&o, &["/no/such/dir/scenario.json", "cannot read"]);
    let o = kanalsim(&["validate", "/no/such/file.json"]);
    refused(&o, &["/no/such/file.json"]);
}

#[test]
fn broken_json_reports_line_and_column() {
    let dir = Scratch::new("broken");
    let text = small_scenario_json(1, 1);
    let cut = &text[..text.len() * 2 / 3];
    let f = dir.write("cut.json", cut);
    let err = refused(&kanalsim(&["run", &f]), &["not valid JSON"]);
    assert!(err.contains("line") && err.contains("column"), "{err}");
    // A syntax error in the middle: the right line.
    let lines: Vec<&str> = text.lines().collect();
    let mut bad = lines.clone();
    bad[10] = "  \"oops\" ::: ,";
    let f = dir.write("syntax.json", &bad.join("\n"));
    let err = refused(&kanalsim(&["validate", &f]), &["line 11"]);
    assert!(err.contains("column"), "{err}");
    // A wrong type names the field.
    let f = dir.write(
        "type.json",
        &text.replacen("\"horizonWeeks\": 1", "\"horizonWeeks\": \"one\"", 1),
    );
    refused(&kanalsim(&["run", &f]), &["horizonWeeks"]);
    // Not even JSON.
    let f = dir.write("binary.json", "\u{0}\u{1}PK\u{3}\u{4}");
    refused(&kanalsim(&["run", &f]), &["not valid JSON"]);
    let f = dir.write("empty.json", "");
    refused(&kanalsim(&["run", &f]), &[]);
}

#[test]
fn invalid_fields_are_all_listed_with_their_paths() {
    let dir = Scratch::new("invalid");
    let mut s = presets::tonder_2012();
    s.title = String::new();
    s.demand.errand_types[0].share = 0.5;
    s.demand.annual_errands = -1.0;
    s.opening_hours.phone.mon = vec![
        Interval::new("09:00", "12:00"),
        Interval::new("11:00", "25:00"),
    ];
    s.queues.personal.staffing[3][11] = 0;
    s.digital.adoption.low = 0.9;
    let f = dir.write("invalid.json", &serde_json::to_string_pretty(&s).unwrap());
    let expected = [
        "title",
        "demand.annualErrands",
        "demand.errandTypes",
        "openingHours.phone.mon[1].end",
        "queues.personal.staffing[3][11]",
        "digital.adoption",
    ];
    let err = refused(&kanalsim(&["run", &f]), &expected);
    let n: usize = err
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("error: ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n >= expected.len(), "{err}");
    assert_eq!(err.lines().count(), n + 1, "one line per problem:\n{err}");
    // The message says which day and hour, in words (the path has the indices).
    assert!(
        err.contains("open on Thursday at 11:00 but has no staff"),
        "{err}"
    );
    refused(&kanalsim(&["validate", &f]), &expected);
    // In a comparison too, each problem saying which file it is in.
    refused(&kanalsim(&["compare", "tonder-2012", &f]), &expected);
    let err = refused(
        &kanalsim(&["compare", &f, "tonder-2012"]),
        &["baseline: demand.annualErrands"],
    );
    assert!(!err.contains("scenario:"), "{err}");
    // Both files broken, one unreadable and one invalid: both reported at once.
    let err = refused(
        &kanalsim(&["compare", "/no/such/base.json", &f]),
        &["baseline: /no/such/base.json", "scenario: title"],
    );
    assert!(err.contains("scenario: demand.annualErrands"), "{err}");
}

#[test]
fn absurd_sizes_are_refused() {
    let dir = Scratch::new("absurd");
    refused(
        &kanalsim(&["run", "tonder-2012", "--replications", "1000000000"]),
        &["simulation.replications"],
    );
    refused(
        &kanalsim(&["run", "tonder-2012", "--replications", "99999999999999"]),
        &["--replications"],
    );
    refused(
        &kanalsim(&["run", "tonder-2012", "--replications", "0"]),
        &["simulation.replications"],
    );
    refused(
        &kanalsim(&["run", "tonder-2012", "--seed", "18446744073709551615"]),
        &["simulation.seed"],
    );
    refused(
        &kanalsim(&["run", "tonder-2012", "--seed", "-3"]),
        &["--seed"],
    );
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 1_000_000;
    s.demand.annual_errands = 1e15;
    s.queues.phone.staffing[0][10] = 1_000_000;
    let f = dir.write("absurd.json", &serde_json::to_string(&s).unwrap());
    refused(
        &kanalsim(&["run", &f]),
        &[
            "horizonWeeks",
            "demand.annualErrands",
            "queues.phone.staffing[0][10]",
        ],
    );
    // Within each limit, but too much in total.
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 520;
    s.demand.annual_errands = 5e7;
    s.simulation.replications = 1000;
    let f = dir.write("total.json", &serde_json::to_string(&s).unwrap());
    refused(&kanalsim(&["run", &f]), &["simulation.replications"]);
    // Erlang: a customers count beyond the limit.
    refused(
        &kanalsim(&[
            "erlang",
            "--arrivals-per-hour",
            "1",
            "--mean-service-min",
            "1",
            "--agents",
            "1",
            "--customers",
            "1e15",
        ]),
        &["--customers"],
    );
    // A 25 MB "scenario" is not read.
    let big = dir.path("big.json");
    std::fs::write(&big, vec![b' '; 25 * 1024 * 1024]).unwrap();
    refused(&kanalsim(&["run", big.to_str().unwrap()]), &["20 MB"]);
}

#[test]
fn unknown_presets_commands_and_flags_are_refused() {
    let err = refused(&kanalsim(&["run", "no-such-preset"]), &["no-such-preset"]);
    assert!(err.contains("tonder-2012"), "the presets are listed: {err}");
    refused(&kanalsim(&["show", "no-such-preset"]), &["no-such-preset"]);
    refused(&kanalsim(&["frobnicate"]), &["unknown command"]);
    refused(&kanalsim(&[]), &["no command"]);
    refused(
        &kanalsim(&["run", "tonder-2012", "--bogus", "1"]),
        &["--bogus"],
    );
    refused(
        &kanalsim(&["run", "tonder-2012", "--replications"]),
        &["--replications", "needs a value"],
    );
    refused(
        &kanalsim(&["run", "tonder-2012", "--threads", "0"]),
        &["--threads"],
    );
    refused(
        &kanalsim(&["run", "tonder-2012", "--replications", "two"]),
        &["--replications"],
    );
    refused(&kanalsim(&["run"]), &["usage"]);
    refused(
        &kanalsim(&["run", "tonder-2012", "tonder-2012"]),
        &["usage"],
    );
    refused(&kanalsim(&["compare", "tonder-2012"]), &["usage"]);
    refused(&kanalsim(&["presets", "--nope"]), &["--nope"]);
    // Help and version are not errors.
    assert!(ok(&kanalsim(&["--help"])).contains("USAGE"));
    assert!(ok(&kanalsim(&["--version"])).starts_with("kanalsim "));
}

/// A failing run leaves an existing output file exactly as it was, and no temporary file.
#[test]
fn a_failed_run_does_not_touch_existing_output() {
    let dir = Scratch::new("keep");
    const OLD: &str = "{\"old\": \"results, keep me\"}\n";
    let json = dir.write("out.json", OLD);
    let csv = dir.write("out.csv", "old,csv\n");
    let invalid = {
        let mut s = presets::tonder_2012();
        s.demand.errand_types[2].channel_mix.phone = 2.0;
        dir.write("invalid.json", &serde_json::to_string(&s).unwrap())
    };
    let broken = dir.write("broken.json", "{\"formatVersion\": 1,");
    let before = dir.files();
    let no_dir = dir.path("missing-folder/out.csv");
    let attempts: Vec<Vec<&str>> = vec![
        vec!["run", &invalid, "--json", &json, "--csv", &csv],
        vec!["run", &broken, "--json", &json],
        vec!["run", "no-such-preset", "--json", &json],
        vec![
            "run",
            "tonder-2012",
            "--replications",
            "1000000000",
            "--json",
            &json,
        ],
        vec![
            "run",
            "tonder-2012",
            "--replications",
            "2",
            "--json",
            &json,
            "--bogus",
        ],
        // One output cannot be written: the other is not written either (checked first).
        vec![
            "run",
            "tonder-2012",
            "--replications",
            "2",
            "--json",
            &json,
            "--csv",
            no_dir.to_str().unwrap(),
        ],
        vec![
            "compare",
            "tonder-2012",
            &invalid,
            "--replications",
            "2",
            "--json",
            &json,
        ],
    ];
    for a in &attempts {
        let o = kanalsim(a);
        refused(&o, &[]);
        assert_eq!(std::fs::read_to_string(&json).unwrap(), OLD, "{a:?}");
        assert_eq!(std::fs::read_to_string(&csv).unwrap(), "old,csv\n", "{a:?}");
        assert_eq!(dir.files(), before, "files appeared or vanished: {a:?}");
    }
    // A folder as output is refused before running.
    refused(
        &kanalsim(&[
            "run",
            "tonder-2012",
            "--replications",
            "2",
            "--json",
            dir.0.to_str().unwrap(),
        ]),
        &["--json"],
    );
    // And a good run replaces the file completely (atomic rename: no temporary left).
    ok(&kanalsim(&[
        "run",
        "tonder-2012",
        "--replications",
        "2",
        "--json",
        &json,
    ]));
    let r: Results = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(r.replications, 2);
    assert_eq!(dir.files(), before);
    assert!(Path::new(&json).exists());
}

/// An unstable Erlang C queue (load ≥ agents) has no theory: the JSON says `null` there and
/// still holds the simulated figures.
#[test]
fn erlang_unstable_queue_has_null_theory() {
    let text = ok(&kanalsim(&[
        "erlang",
        "--arrivals-per-hour",
        "200",
        "--mean-service-min",
        "4",
        "--agents",
        "10",
        "--customers",
        "50000",
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(v["theory"].is_null(), "{text}");
    let sim = four_figures(&v["simulated"]);
    assert!(sim[0] > 0.99, "nearly everyone waits: {sim:?}");
}

/// Bad input in Danish: exit code 2, "fejl:", every expected text.
fn refused_da(o: &Output, texts: &[&str]) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.starts_with("fejl: "), "{err}");
    assert!(o.stdout.is_empty());
    for t in texts {
        assert!(err.contains(t), "'{t}' missing from:\n{err}");
    }
    err
}

#[test]
fn language_is_lang_flag_then_lc_all_then_lang_then_english() {
    let dir = Scratch::new("lang");
    let mut s = presets::tonder_2012();
    s.demand.annual_errands = -1.0;
    let issue = kanalsim::validate(&s).unwrap_err().issues.remove(0);
    assert_eq!(issue.path, "demand.annualErrands");
    let f = dir.write("bad.json", &serde_json::to_string(&s).unwrap());
    let args = ["validate", f.as_str()];
    let en = |o: &Output| {
        let err = refused(o, &["demand.annualErrands", &issue.en]);
        assert!(!err.contains(&issue.da), "{err}");
    };
    let da = |o: &Output| {
        refused_da(o, &["problem(er):", "demand.annualErrands", &issue.da]);
    };
    // Nothing set: English.
    en(&kanalsim_env(&args, &[]));
    // LANG alone.
    da(&kanalsim_env(&args, &[("LANG", "da_DK.UTF-8")]));
    en(&kanalsim_env(&args, &[("LANG", "en_GB.UTF-8")]));
    en(&kanalsim_env(&args, &[("LANG", "C")]));
    // LC_ALL before LANG; an empty LC_ALL counts as not set.
    en(&kanalsim_env(
        &args,
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "da_DK.UTF-8")],
    ));
    da(&kanalsim_env(
        &args,
        &[("LC_ALL", "da_DK.UTF-8"), ("LANG", "en_US.UTF-8")],
    ));
    da(&kanalsim_env(&args, &[("LC_ALL", ""), ("LANG", "da")]));
    // --lang before both, before or after the command, `--lang=x` too; the last one wins.
    let danish_env = [("LC_ALL", "da_DK.UTF-8"), ("LANG", "da_DK.UTF-8")];
    en(&kanalsim_env(
        &["validate", &f, "--lang", "en"],
        &danish_env,
    ));
    en(&kanalsim_env(
        &["--lang", "en", "validate", &f],
        &danish_env,
    ));
    en(&kanalsim_env(&["--lang=en", "validate", &f], &danish_env));
    da(&kanalsim_env(
        &["validate", "--lang", "da", &f],
        &[("LC_ALL", "en_US.UTF-8")],
    ));
    da(&kanalsim_env(
        &["--lang", "en", "validate", &f, "--lang=da"],
        &[],
    ));
    // A language that is not offered, or none: refused, in the environment's language.
    refused(&kanalsim(&["presets", "--lang", "fr"]), &["--lang", "'fr'"]);
    refused(
        &kanalsim(&["presets", "--lang"]),
        &["--lang", "needs a value"],
    );
    refused_da(
        &kanalsim_env(&["presets", "--lang", "fr"], &[("LANG", "da_DK.UTF-8")]),
        &["--lang", "skal være 'da' eller 'en'"],
    );
    // CLI's own messages exist in Danish too.
    refused_da(
        &kanalsim(&["--lang", "da", "frobnicate"]),
        &["ukendt kommando 'frobnicate'"],
    );
    refused_da(
        &kanalsim(&["run", "tonder-2012", "--bogus", "--lang", "da"]),
        &["--bogus: ukendt tilvalg"],
    );
    refused_da(
        &kanalsim(&["run", "--lang", "da"]),
        &["brug: kanalsim run <forvalg-id|fil.json>"],
    );
    refused_da(
        &kanalsim(&["run", "/no/such/file.json", "--lang", "da"]),
        &["/no/such/file.json: kan ikke læse: filen eller mappen findes ikke"],
    );
}

#[test]
fn tables_are_in_the_chosen_language() {
    let out = ok(&kanalsim(&[
        "run",
        "tonder-2012",
        "--replications",
        "2",
        "--lang",
        "da",
    ]));
    assert!(
        out.starts_with("Tønder 2012 — 2 gentagelser × 52 uger, frø 2012\n"),
        "{out}"
    );
    let header = out.lines().nth(1).unwrap();
    assert!(
        header.starts_with("nøgletal") && header.contains("gennemsnit"),
        "{header}"
    );
    for d in METRICS {
        assert!(out.lines().any(|l| l.starts_with(d.da)), "{}:\n{out}", d.id);
    }
    assert_eq!(out.lines().count(), 2 + METRICS.len());
    // Danish numbers: a decimal comma in shares, a thousands point in counts.
    let row = out.lines().find(|l| l.starts_with("Ærinder ")).unwrap();
    assert!(
        row.split_whitespace().nth(1).unwrap().contains('.'),
        "{row}"
    );
    let row = out
        .lines()
        .find(|l| l.starts_with("Digital andel af afsluttede ærinder"))
        .unwrap();
    assert!(row.contains(',') && row.ends_with('%'), "{row}");
    // The machine formats do not depend on the language.
    let j = |lang: &str| {
        ok(&kanalsim(&[
            "run",
            "tonder-2012",
            "--replications",
            "2",
            "--lang",
            lang,
            "--json",
            "-",
        ]))
    };
    assert_eq!(j("da"), j("en"));
    let c = |lang: &str| {
        ok(&kanalsim(&[
            "compare",
            "tonder-2012",
            "tonder-2012-phone-9-13",
            "--replications",
            "2",
            "--lang",
            lang,
            "--csv",
            "-",
        ]))
    };
    assert_eq!(c("da"), c("en"));
    let cmp = ok(&kanalsim(&[
        "--lang",
        "da",
        "compare",
        "tonder-2012",
        "tonder-2012-phone-9-13",
        "--replications",
        "2",
    ]));
    assert!(
        cmp.lines()
            .next()
            .unwrap()
            .contains("2 parrede gentagelser"),
        "{cmp}"
    );
    assert!(cmp.lines().nth(1).unwrap().contains("forskel"), "{cmp}");
}

#[test]
fn help_comes_from_the_flag_definitions_in_both_languages() {
    let en = ok(&kanalsim(&["--help"]));
    let da = ok(&kanalsim(&["--help", "--lang", "da"]));
    assert!(en.contains("USAGE:") && en.contains("COMMANDS:"), "{en}");
    assert!(da.contains("BRUG:") && da.contains("KOMMANDOER:"), "{da}");
    assert_eq!(ok(&kanalsim(&["help"])), en);
    assert_eq!(ok(&kanalsim(&["-h"])), en);
    assert_eq!(
        ok(&kanalsim_env(&["--help"], &[("LANG", "da_DK.UTF-8")])),
        da
    );
    let commands = [
        "run", "compare", "validate", "presets", "show", "sweep", "staff", "erlang",
    ];
    for c in commands {
        assert!(
            en.contains(&format!("\n  kanalsim {c}")),
            "{c} not in:\n{en}"
        );
        let h_en = ok(&kanalsim(&[c, "--help"]));
        let h_da = ok(&kanalsim(&["--lang", "da", c, "--help"]));
        assert_eq!(ok(&kanalsim(&["help", c])), h_en);
        assert_eq!(ok(&kanalsim(&[c, "-h", "--bogus"])), h_en, "help wins");
        assert!(h_en.starts_with(&format!("kanalsim {c} — ")), "{h_en}");
        assert!(
            h_en.contains("USAGE:") && h_en.contains("OPTIONS:"),
            "{h_en}"
        );
        assert!(
            h_da.contains("BRUG:") && h_da.contains("TILVALG:"),
            "{h_da}"
        );
        assert_ne!(h_en, h_da);
        for h in [&h_en, &h_da] {
            assert!(h.contains("--lang da|en") && h.contains("--help"), "{h}");
        }
    }
    // Every flag of the README's examples is in its command's help, with its value name.
    for (c, flags) in [
        (
            "run",
            &[
                "--replications N",
                "--seed S",
                "--threads T",
                "--json FILE",
                "--csv FILE",
            ][..],
        ),
        (
            "compare",
            &["--replications N", "--json FILE", "--csv FILE"],
        ),
        ("presets", &["--json"]),
        (
            "sweep",
            &[
                "--set PATH",
                "--values V1,V2,...",
                "--metrics ID,ID,...",
                "--csv FILE",
            ],
        ),
        (
            "staff",
            &[
                "--channel phone|personal",
                "--target SHARE",
                "--rounds R",
                "--out FILE",
            ],
        ),
        (
            "erlang",
            &[
                "--arrivals-per-hour A",
                "--mean-service-min S",
                "--agents C",
                "--mean-patience-min P",
                "--target-seconds T",
                "--customers N",
                "--warmup-weeks W",
                "--json",
            ],
        ),
    ] {
        let h_en = ok(&kanalsim(&[c, "--help"]));
        let h_da = ok(&kanalsim(&[c, "--help", "--lang", "da"]));
        for f in flags {
            assert!(h_en.contains(f), "{f} missing from:\n{h_en}");
            assert!(h_da.contains(f), "{f} missing from:\n{h_da}");
        }
    }
    let h = ok(&kanalsim(&["erlang", "--help", "--lang", "da"]));
    assert!(h.contains("uger der simuleres først og kasseres"), "{h}");
    let h = ok(&kanalsim(&["erlang", "--help"]));
    assert!(h.contains("weeks simulated first and discarded"), "{h}");
    refused(&kanalsim(&["help", "frobnicate"]), &["unknown command"]);
}

/// The binary with its standard output closed before it writes (as `| head` does).
fn with_stdout_closed(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kanalsim"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());
    child.wait_with_output().expect("the binary ends")
}

#[test]
fn a_closed_stdout_ends_quietly_with_exit_code_0() {
    for args in [
        &["run", "tonder-2012", "--replications", "2"][..],
        &["run", "tonder-2012", "--replications", "2", "--json", "-"],
        &["run", "tonder-2012", "--replications", "2", "--csv", "-"],
        &[
            "compare",
            "tonder-2012",
            "tonder-2012-phone-9-13",
            "--replications",
            "2",
        ],
        &["show", "tonder-2012"],
        &["presets"],
        &["--help"],
    ] {
        let o = with_stdout_closed(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
    // And through a shell pipe into `head`.
    let bin = env!("CARGO_BIN_EXE_kanalsim");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{bin}' show tonder-2012 | head -1; '{bin}' run tonder-2012 --replications 2 \
             --json - | head -c 10 >/dev/null; echo \"${{?}}\""
        ))
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "{\n0\n");
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = Scratch::new("bom");
    let text = ok(&kanalsim(&["show", "tonder-2012-phone-9-13"]));
    let f = dir.write("bom.json", &format!("\u{feff}{text}"));
    assert!(ok(&kanalsim(&["validate", &f])).starts_with("ok:"));
    let a = ok(&kanalsim(&[
        "run",
        "tonder-2012-phone-9-13",
        "--replications",
        "2",
        "--json",
        "-",
    ]));
    let b = ok(&kanalsim(&[
        "run",
        &f,
        "--replications",
        "2",
        "--json",
        "-",
    ]));
    assert_eq!(a, b);
    ok(&kanalsim(&[
        "compare",
        "tonder-2012",
        &f,
        "--replications",
        "2",
    ]));
    // Only one mark at the start is skipped; one inside is still not JSON.
    let f = dir.write("two.json", &format!("\u{feff}\u{feff}{text}"));
    refused(&kanalsim(&["validate", &f]), &["not valid JSON"]);
    // Not UTF-8 at all: said so.
    let p = dir.path("latin1.json");
    std::fs::write(&p, b"{\"title\": \"T\xf8nder\"}").unwrap();
    refused(
        &kanalsim(&["validate", p.to_str().unwrap()]),
        &["not UTF-8"],
    );
}

#[test]
fn too_much_work_is_refused_up_front_naming_the_field() {
    let dir = Scratch::new("budget");
    // Erlang: the CLI has no cap of its own; the stationary scenario's horizon and the
    // engine's work budget refuse it, naming --customers.
    let args = [
        "erlang",
        "--arrivals-per-hour",
        "120",
        "--mean-service-min",
        "4",
        "--agents",
        "10",
        "--customers",
        "1e9",
    ];
    let err = refused(
        &kanalsim(&args),
        &["--customers", "weeks", "fewer customers"],
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    let mut da_args = args.to_vec();
    da_args.extend(["--lang", "da"]);
    refused_da(&kanalsim(&da_args), &["--customers", "færre kunder"]);
    // 1e9 customers spread over many replications fit the horizon: the work budget decides.
    let err = refused(
        &kanalsim(&[
            "erlang",
            "--arrivals-per-hour",
            "5000",
            "--mean-service-min",
            "0.5",
            "--agents",
            "50",
            "--customers",
            "1e11",
            "--replications",
            "10000",
        ]),
        &["the run is too large", "replications fit"],
    );
    assert!(!err.contains("panicked"), "{err}");
    // A valid scenario whose size in total is too much: refused before it runs, with the
    // fields that make it large; `validate` says so too.
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 520;
    s.demand.annual_errands = 5e7;
    s.simulation.replications = 1000;
    let f = dir.write("total.json", &serde_json::to_string(&s).unwrap());
    let err = refused(
        &kanalsim(&["run", &f]),
        &[
            "simulation.replications",
            "the run is too large",
            "horizonWeeks",
            "demand.annualErrands",
        ],
    );
    assert!(!err.contains("00000000000"), "numbers are readable: {err}");
    refused(&kanalsim(&["validate", &f]), &["the run is too large"]);
    refused_da(
        &kanalsim(&["run", &f, "--lang", "da"]),
        &["kørslen er for stor"],
    );
}

#[test]
fn erlang_discards_a_warm_up() {
    let base = [
        "erlang",
        "--arrivals-per-hour",
        "120",
        "--mean-service-min",
        "4",
        "--agents",
        "9",
        "--customers",
        "100000",
        "--json",
    ];
    let run = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend_from_slice(extra);
        ok(&kanalsim(&a))
    };
    // The default is one week of warm-up.
    let default = run(&[]);
    assert_eq!(default, run(&["--warmup-weeks", "1"]));
    let none = run(&["--warmup-weeks", "0"]);
    let two = run(&["--warmup-weeks", "2"]);
    assert_ne!(default, none);
    assert_ne!(default, two);
    // The same four figures twice, near the theory, whatever the warm-up.
    let th = kanalsim::theory::erlang_c(2.0, 4.0, 9, 1.0).unwrap();
    for text in [&default, &none, &two] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let sim = four_figures(&v["simulated"]);
        four_figures(&v["theory"]);
        assert!((sim[0] - th.p_wait).abs() < 0.05, "{sim:?} vs {th:?}");
        assert_eq!(raw_figures(text, "theory")[0], th.p_wait);
    }
    // Threads do not change the numbers.
    assert_eq!(default, run(&["--threads", "1"]));
    assert_eq!(default, run(&["--threads", "3"]));
    // The table says what was discarded.
    let t = ok(&kanalsim(&base[..base.len() - 1]));
    assert!(t.contains("after a warm-up of 1 week (discarded)"), "{t}");
    let mut a = base[..base.len() - 1].to_vec();
    a.extend(["--warmup-weeks", "3", "--lang", "da"]);
    let t = ok(&kanalsim(&a));
    assert!(
        t.contains("efter en indsvingning på 3 uger (kasseret)"),
        "{t}"
    );
    assert!(t.contains("P(venter)") && t.contains("Erlang C"), "{t}");
    // Out of range.
    let mut a = base.to_vec();
    a.extend(["--warmup-weeks", "5201"]);
    refused(&kanalsim(&a), &["--warmup-weeks", "5200"]);
    let mut a = base.to_vec();
    a.extend(["--warmup-weeks", "-1"]);
    refused(&kanalsim(&a), &["--warmup-weeks"]);
}

#[test]
fn threads_and_overrides_go_to_the_run_settings() {
    let j = |extra: &[&str]| {
        let mut a = vec!["run", "tonder-2012", "--replications", "3", "--json", "-"];
        a.extend_from_slice(extra);
        ok(&kanalsim(&a))
    };
    let one = j(&["--threads", "1"]);
    assert_eq!(one, j(&["--threads", "2"]));
    assert_eq!(one, j(&["--threads", "5"]));
    // The progress line is for a terminal only: nothing on a redirected stderr.
    let o = kanalsim(&[
        "run",
        "tonder-2012",
        "--replications",
        "20",
        "--threads",
        "2",
    ]);
    ok(&o);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let r: Results = serde_json::from_str(&j(&["--seed", "9"])).unwrap();
    assert_eq!((r.seed, r.replications), (9, 3));
    // A scenario file keeps its own defaults; the flags override them for the run only.
    let dir = Scratch::new("overrides");
    let f = dir.write("s.json", &small_scenario_json(2, 2));
    let r: Results = serde_json::from_str(&ok(&kanalsim(&["run", &f, "--json", "-"]))).unwrap();
    assert_eq!((r.seed, r.replications), (2012, 2));
    let r: Results = serde_json::from_str(&ok(&kanalsim(&[
        "run",
        &f,
        "--json",
        "-",
        "--replications",
        "3",
    ])))
    .unwrap();
    assert_eq!((r.seed, r.replications), (2012, 3));
    // A comparison runs both sides with the baseline's settings.
    let mut s = presets::tonder_2012();
    s.horizon_weeks = 2;
    s.simulation.seed = 5;
    s.simulation.replications = 4;
    let other = dir.write("other.json", &serde_json::to_string(&s).unwrap());
    let v: serde_json::Value =
        serde_json::from_str(&ok(&kanalsim(&["compare", &f, &other, "--json", "-"]))).unwrap();
    for side in ["baseline", "scenario"] {
        assert_eq!(v[side]["seed"], 2012, "{side}");
        assert_eq!(v[side]["replications"], 2, "{side}");
    }
}

// ---------------------------------------------------------------------------------------
// The counter by appointment
// ---------------------------------------------------------------------------------------

fn book_json(extra: &[&str]) -> (String, serde_json::Value) {
    let mut args = vec![
        "appointments",
        "--requests-per-day",
        "8",
        "--slots-per-day",
        "10",
        "--days",
        "20000",
        "--json",
    ];
    args.extend_from_slice(extra);
    let text = ok(&kanalsim(&args));
    let v = serde_json::from_str(&text).expect("appointments --json prints one JSON document");
    (text, v)
}

#[test]
fn appointments_json_has_exactly_the_figures_of_the_issue() {
    let (text, v) = book_json(&[]);
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["simulated", "standardError", "theory"]);
    for part in ["simulated", "standardError", "theory"] {
        assert_eq!(
            keys(&v[part]),
            ["meanLeadDays", "pLeadAtMost5Days"],
            "{part}"
        );
    }
    let f = |p: &str, k: &str| v[p][k].as_f64().unwrap();
    // The theory column is the library's, to the bit.
    let t = kanalsim::theory::appointment_book(8.0, 10).unwrap();
    assert_eq!(f("theory", "meanLeadDays"), t.mean_lead_days);
    assert_eq!(f("theory", "pLeadAtMost5Days"), t.p_lead_at_most_5_days);
    let tol = (3.0 * f("standardError", "meanLeadDays")).max(1e-4);
    assert!(
        (f("simulated", "meanLeadDays") - t.mean_lead_days).abs() <= tol,
        "{text}"
    );
    assert!(f("standardError", "meanLeadDays") > 0.0);
    // Same seed, same numbers; another seed, others.
    assert_eq!(book_json(&[]).0, text);
    assert_ne!(book_json(&["--seed", "2"]).0, text);
    // The table says the same in Danish.
    let da = ok(&kanalsim(&[
        "appointments",
        "--requests-per-day",
        "8",
        "--slots-per-day",
        "10",
        "--days",
        "20000",
        "--lang",
        "da",
    ]));
    assert!(
        da.contains("Stationær tidsbog") && da.contains("Markov-kæde"),
        "{da}"
    );
}

#[test]
fn appointments_refuses_a_book_without_steady_state_at_its_flags() {
    let base = ["appointments", "--requests-per-day"];
    for (l, k, path) in [
        ("2", "2", "--requests-per-day"),
        ("5", "2", "--requests-per-day"),
        ("-1", "2", "--requests-per-day"),
        ("nan", "2", "--requests-per-day"),
        ("1", "0", "--slots-per-day"),
        ("1", "1.5", "--slots-per-day"),
    ] {
        let mut a = base.to_vec();
        a.extend([l, "--slots-per-day", k]);
        refused(&kanalsim(&a), &[path]);
    }
    // Too many days for the replications asked for, and a warm-up too long to run.
    refused(
        &kanalsim(&[
            "appointments",
            "--requests-per-day",
            "1",
            "--slots-per-day",
            "2",
            "--days",
            "1000000",
            "--replications",
            "2",
        ]),
        &["--days"],
    );
    refused(
        &kanalsim(&[
            "appointments",
            "--requests-per-day",
            "0.999",
            "--slots-per-day",
            "1",
        ]),
        &["--requests-per-day"],
    );
}

#[test]
fn an_appointment_preset_runs_and_shows_its_figures_in_both_languages() {
    let en = ok(&kanalsim(&[
        "run",
        "tonder-2012-appointments",
        "--replications",
        "3",
    ]));
    assert!(en.contains("Mean days to the appointment"), "{en}");
    assert!(en.contains("Appointments within 5 workdays"), "{en}");
    let walk_in = ok(&kanalsim(&["run", "tonder-2012", "--replications", "2"]));
    assert!(!walk_in.contains("appointment"), "{walk_in}");
    let cmp = ok(&kanalsim(&[
        "compare",
        "tonder-2012",
        "tonder-2012-appointments",
        "--replications",
        "3",
        "--lang",
        "da",
    ]));
    assert!(cmp.contains("Gennemsnitlig ventetid på en tid"), "{cmp}");
    assert!(!cmp.contains("NaN"), "{cmp}");
}

#[test]
fn broken_appointment_fields_are_named() {
    let text = ok(&kanalsim(&["show", "tonder-2012-appointments"]));
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    let dir = Scratch::new("appointments");
    for (field, value, path) in [
        (
            "slotMinutes",
            serde_json::json!(0),
            "appointments.slotMinutes",
        ),
        (
            "horizonDays",
            serde_json::json!(0),
            "appointments.horizonDays",
        ),
        (
            "desks",
            serde_json::json!(vec![vec![0; 24]; 7]),
            "appointments.desks",
        ),
        ("desks", serde_json::json!([[1]]), "appointments.desks"),
        (
            "bookedBy",
            serde_json::json!({"phone": 0.5, "web": 0.6, "counter": 0}),
            "appointments.bookedBy",
        ),
        (
            "noShow",
            serde_json::json!({"low": 0.1, "likely": 0.05, "high": 0.2}),
            "appointments.noShow",
        ),
        (
            "initialBacklogDays",
            serde_json::json!(-1),
            "appointments.initialBacklogDays",
        ),
        ("mode", serde_json::json!("sometimes"), "appointments.mode"),
    ] {
        let mut s = good.clone();
        s["appointments"][field] = value;
        let f = dir.write(&format!("broken-{field}.json"), &s.to_string());
        refused(&kanalsim(&["validate", &f]), &[path]);
    }
}

#[path = "support/synthetic.rs"]
mod synthetic;

#[test]
fn calibrate_writes_a_scenario_and_prints_the_back_test() {
    let d = Scratch::new("calibrate");
    let input = d.write("uge43-45.csv", &synthetic::komhen(43));
    let out = d.path("egen.json");
    let o = kanalsim(&[
        "calibrate",
        &input,
        "--unit",
        "Borgerservice",
        "--name",
        "Syntetisk",
        "--out",
        out.to_str().unwrap(),
        "--threads",
        "2",
    ]);
    let text = ok(&o);
    assert!(text.contains("counting weeks 43, 44, 45, 2013"), "{text}");
    assert!(text.contains("personal") && text.contains("MAE"), "{text}");
    assert!(text.contains("per hour of the day"), "{text}");
    // The written scenario runs as a preset does.
    let s = kanalsim::parse_scenario(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(s.title, "Syntetisk");
    let o = kanalsim(&["validate", out.to_str().unwrap()]);
    ok(&o);
    // In Danish.
    let o = kanalsim(&[
        "--lang",
        "da",
        "calibrate",
        &input,
        "--out",
        "-",
        "--rounds",
        "0",
    ]);
    assert!(o.status.success());
    assert!(
        stdout(&o).starts_with('{'),
        "JSON only on stdout with --out -"
    );
}

#[test]
fn calibrate_refuses_a_broken_file_and_writes_nothing() {
    let d = Scratch::new("calibrate-broken");
    let bad = d.write(
        "bad.csv",
        "Kommune;ID;Enhed;Opgave;Kanal;Type;Afslutning;Blanket;Dato;StartTidspunkt;SlutTidspunkt;Datakilde\n\
         1;1;BS;27.24.00;PRSNLG;INFO;;;21-10-2013 10:05:00;32-10-2013 10:00:00;21-10-2013 10:05:00;KOMHEN\n",
    );
    let out = d.path("out.json");
    let o = kanalsim(&["calibrate", &bad, "--out", out.to_str().unwrap()]);
    let err = refused(&o, &["bad.csv: row 2, column StartTidspunkt", "32-10-2013"]);
    assert!(err.contains("dd-mm-yyyy"), "{err}");
    assert_eq!(d.files(), ["bad.csv"], "nothing written");
    let o = kanalsim(&[
        "--lang",
        "da",
        "calibrate",
        &bad,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("fejl:") && err.contains("række 2") && err.contains("dd-mm-åååå"),
        "{err}"
    );
    // A missing file, a missing --out, a broken --map.
    let o = kanalsim(&["calibrate", "nope.csv", "--out", out.to_str().unwrap()]);
    refused(&o, &["nope.csv"]);
    let o = kanalsim(&["calibrate", &bad, "--map", "offered"]);
    refused(&o, &["--out", "--map"]);
}

#[test]
fn calibrate_maps_type_codes_with_types_and_refuses_an_unknown_target() {
    let d = Scratch::new("calibrate-types");
    let input = d.write("uge43-45.csv", &synthetic::komhen(43));
    let out = d.path("egen.json");
    let o = kanalsim(&[
        "calibrate",
        &input,
        "--types",
        "FEJL=transaction",
        "--rounds",
        "0",
        "--replications",
        "1",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = ok(&o);
    let line = text
        .lines()
        .find(|l| l.starts_with("Type codes outside the default mapping:"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("FEJL ") && line.contains(" rows → transaction (--types)"),
        "{line}"
    );
    let s = kanalsim::parse_scenario(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let n = s
        .sources
        .iter()
        .find(|n| n.topic == "demand.errandTypes")
        .unwrap();
    assert!(
        n.en.contains("FEJL (") && n.en.contains("→ transaction as the user mapped it"),
        "{}",
        n.en
    );
    // Unknown target: exit 2 naming the flag, nothing written; in Danish too.
    let out2 = d.path("nej.json");
    let o = kanalsim(&[
        "calibrate",
        &input,
        "--types",
        "FEJL=fejl,XYZ",
        "--out",
        out2.to_str().unwrap(),
    ]);
    let err = refused(&o, &["--types", "'FEJL=fejl'", "'XYZ'"]);
    assert!(err.contains("information or transaction"), "{err}");
    assert!(!out2.exists(), "nothing written");
    let o = kanalsim(&[
        "--lang",
        "da",
        "calibrate",
        &input,
        "--types",
        "FEJL=fejl",
        "--out",
        out2.to_str().unwrap(),
    ]);
    refused_da(
        &o,
        &["--types", "kan kun blive information eller transaction"],
    );
}

#[test]
fn calibrate_reads_the_pages_short_form_table() {
    let d = Scratch::new("calibrate-form");
    let mut t = "what;channel;key;value\nsource;;;kortformular\nname;;;Formrup Kommune\ninhabitants;;;30000\nyearly;phone;;60000\nyearly;written;;20000\nyearly;digital;;25000\n".to_string();
    for day in ["mon", "tue", "wed", "thu", "fri"] {
        t.push_str(&format!(
            "open;personal;{day};10:00-15:00\nopen;phone;{day};09:00-15:00\n"
        ));
    }
    let input = d.write("formrup.csv", &t);
    let out = d.path("formrup.json");
    let text = ok(&kanalsim(&[
        "calibrate",
        &input,
        "--out",
        out.to_str().unwrap(),
        "--threads",
        "2",
    ]));
    assert!(text.starts_with("Calibrated: Formrup Kommune"), "{text}");
    let s = kanalsim::parse_scenario(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(
        s.demand.demand_factor.low < 0.95 && s.demand.demand_factor.high > 1.05,
        "{:?}",
        s.demand.demand_factor
    );
    ok(&kanalsim(&["validate", out.to_str().unwrap()]));
    // Without the phone's count (no sourced per-inhabitant default): refused, naming it.
    let bad = d.write("uden-telefon.csv", &t.replace("yearly;phone;;60000\n", ""));
    let err = refused(
        &kanalsim(&["calibrate", &bad, "--out", "-"]),
        &["uden-telefon.csv"],
    );
    assert!(
        err.contains("no contacts given for the channel phone"),
        "{err}"
    );
}

// ----- Beyond one machine: --shard I/N and kanalsim merge -----

/// A baseline and a scenario of `weeks` weeks, as files in `d`.
fn small_pair(d: &Scratch, weeks: u32) -> (String, String) {
    let mut b = presets::tonder_2012();
    b.horizon_weeks = weeks;
    let mut s = presets::get("tonder-2012-strategy").unwrap();
    s.horizon_weeks = weeks;
    (
        d.write("base.json", &serde_json::to_string(&b).unwrap()),
        d.write("scen.json", &serde_json::to_string(&s).unwrap()),
    )
}

/// Run `args` unsharded, writing `--flag whole`, then as N = 1, 2, 3 shards merged with
/// `--flag merged`: the files and the tables are byte-identical.
fn shards_merge_to_the_whole(d: &Scratch, args: &[&str], flag: &str) {
    let whole = d.path("whole.out");
    let whole_s = whole.to_str().unwrap();
    let mut a: Vec<&str> = args.to_vec();
    a.extend([flag, whole_s]);
    let table = ok(&kanalsim(&a));
    let want = std::fs::read(&whole).unwrap();
    assert!(!want.is_empty());
    for n in 1..=3u32 {
        let mut parts = Vec::new();
        for i in 1..=n {
            let part = d.path(&format!("part-{i}-of-{n}.json"));
            let shard = format!("{i}/{n}");
            let mut a: Vec<&str> = args.to_vec();
            a.extend(["--shard", &shard, "--out", part.to_str().unwrap()]);
            assert!(ok(&kanalsim(&a)).is_empty(), "a shard writes only its part");
            parts.push(part.to_str().unwrap().to_string());
        }
        // Given in any order.
        parts.reverse();
        let merged = d.path("merged.out");
        let mut m: Vec<&str> = vec!["merge"];
        m.extend(parts.iter().map(String::as_str));
        m.extend([flag, merged.to_str().unwrap()]);
        let merged_table = ok(&kanalsim(&m));
        let got = std::fs::read(&merged).unwrap();
        assert!(got == want, "{args:?} {flag}: merge of {n} shards differs");
        assert_eq!(
            merged_table, table,
            "{args:?}: the table of {n} merged shards differs"
        );
    }
}

#[test]
fn shards_of_run_compare_and_sweep_merge_byte_for_byte() {
    let d = Scratch::new("shards");
    let (b, s) = small_pair(&d, 4);
    shards_merge_to_the_whole(
        &d,
        &["run", &b, "--replications", "7", "--threads", "2"],
        "--json",
    );
    shards_merge_to_the_whole(&d, &["compare", &b, &s, "--replications", "7"], "--json");
    shards_merge_to_the_whole(&d, &["compare", &b, &s, "--replications", "5"], "--csv");
    shards_merge_to_the_whole(
        &d,
        &[
            "sweep",
            &b,
            "--set",
            "digital.adoption.likely",
            "--values",
            "0.3,0.4",
            "--replications",
            "5",
        ],
        "--csv",
    );
    // An unsharded run's JSON has no precision field (byte-identical to before the rule).
    let j = ok(&kanalsim(&[
        "run",
        &b,
        "--replications",
        "3",
        "--json",
        "-",
    ]));
    assert!(!j.contains("precision"), "{j}");
}

#[test]
fn the_precision_rule_applies_at_merge() {
    let d = Scratch::new("shards-precision");
    let (b, s) = small_pair(&d, 8);
    let args = [
        "compare",
        &b,
        &s,
        "--replications",
        "120",
        "--precision",
        "0.05",
    ];
    shards_merge_to_the_whole(&d, &args, "--json");
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path("whole.out")).unwrap()).unwrap();
    let p = &v["precision"];
    let n = p["stableAfter"].as_u64().expect("stable within 120");
    assert_eq!(p["maximum"], 120);
    assert_eq!(v["baseline"]["replications"].as_u64(), Some(n));
    assert_eq!(v["baseline"]["replicationsRequested"], 120);
    assert!((40..120).contains(&n), "{p}");
    // The table says so, in both languages.
    let t = ok(&kanalsim(&[
        "compare",
        &b,
        &s,
        "--replications",
        "120",
        "--precision",
        "0.05",
    ]));
    assert!(t.contains(&format!("Stable after {n} replications")), "{t}");
    let t = ok(&kanalsim(&[
        "--lang",
        "da",
        "run",
        &b,
        "--replications",
        "30",
        "--precision=0.01",
    ]));
    assert!(
        t.contains("Ikke stabilt inden for højst 30 gentagelser"),
        "{t}"
    );
}

#[test]
fn merge_refuses_parts_that_do_not_belong_together() {
    let d = Scratch::new("shards-refused");
    let (b, s) = small_pair(&d, 2);
    let part = |name: &str, args: &[&str]| {
        let p = d.path(name).to_str().unwrap().to_string();
        let mut a = args.to_vec();
        a.extend(["--out", &p]);
        ok(&kanalsim(&a));
        p
    };
    let p1 = part(
        "p1.json",
        &["run", &b, "--replications", "4", "--shard", "1/2"],
    );
    let p2 = part(
        "p2.json",
        &["run", &b, "--replications", "4", "--shard", "2/2"],
    );
    let seed = part(
        "seed.json",
        &[
            "run",
            &b,
            "--replications",
            "4",
            "--shard",
            "2/2",
            "--seed",
            "9",
        ],
    );
    let other = part(
        "other.json",
        &["run", &s, "--replications", "4", "--shard", "2/2"],
    );
    let cmp = part(
        "cmp.json",
        &["compare", &b, &s, "--replications", "4", "--shard", "2/2"],
    );
    // Missing, duplicate, another seed, another scenario, another command.
    let e = refused(&kanalsim(&["merge", &p1]), &["shard(s) missing: 2/2"]);
    assert!(e.contains("p1.json"), "{e}");
    refused(
        &kanalsim(&["merge", &p1, &p2, &p2]),
        &[&format!("{p2}: is shard 2/2 again")],
    );
    refused(
        &kanalsim(&["merge", &p1, &seed]),
        &[&format!("{seed}: does not belong with {p1}: its seed is 9")],
    );
    refused(
        &kanalsim(&["merge", &p1, &other]),
        &[&format!(
            "{other}: does not belong with {p1}: its scenarioHash"
        )],
    );
    refused(
        &kanalsim(&["merge", &p1, &cmp]),
        &[&format!(
            "{cmp}: does not belong with {p1}: its command is compare"
        )],
    );
    // In Danish too; a file that is no part, a damaged one, none at all.
    let o = kanalsim(&["--lang", "da", "merge", &p1]);
    assert!(stderr(&o).contains("del(e) mangler: 2/2"), "{}", stderr(&o));
    let junk = d.write("junk.json", "{\"a\": 1}");
    refused(
        &kanalsim(&["merge", &junk, &p2]),
        &[&format!("{junk}: is not a partial file")],
    );
    let text = std::fs::read_to_string(&p2)
        .unwrap()
        .replace("\"rep\":3", "\"rep\":2");
    let bad = d.write("bad.json", &text);
    refused(
        &kanalsim(&["merge", &p1, &bad]),
        &[&format!("{bad}: is damaged")],
    );
    refused(&kanalsim(&["merge"]), &["usage: kanalsim merge"]);
    // A shard takes --out, not --json; --out needs --shard; a shard needs replications.
    refused(
        &kanalsim(&["run", &b, "--shard", "1/2", "--json", "-"]),
        &["--json: a shard writes a partial file"],
    );
    refused(&kanalsim(&["run", &b, "--out", "x.json"]), &["--out"]);
    refused(
        &kanalsim(&["run", &b, "--shard", "0/2"]),
        &["--shard: '0/2' is not a shard"],
    );
    refused(
        &kanalsim(&["run", &b, "--replications", "2", "--shard", "1/3"]),
        &["--shard"],
    );
    refused(
        &kanalsim(&["run", &b, "--precision", "0"]),
        &["--precision"],
    );
}

#[test]
fn the_gnu_parallel_example_merges_to_the_unsharded_json() {
    let have = Command::new("parallel")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        eprintln!(
            "SKIPPED: GNU parallel is not installed (apt-get install parallel); .ci/run installs it"
        );
        return;
    }
    let d = Scratch::new("shards-parallel");
    let (b, s) = small_pair(&d, 2);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shard-parallel.sh");
    let out = d.path("merged.json");
    let o = Command::new("bash")
        .arg(&script)
        .args([&b, &s, "6", "3", out.to_str().unwrap()])
        .env("KANALSIM", env!("CARGO_BIN_EXE_kanalsim"))
        .env("WORK", d.path("parts"))
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .output()
        .unwrap();
    ok(&o);
    let whole = ok(&kanalsim(&[
        "compare",
        &b,
        &s,
        "--replications",
        "6",
        "--json",
        "-",
    ]));
    assert!(
        std::fs::read(&out).unwrap() == whole.as_bytes(),
        "the example's merge differs"
    );
}
