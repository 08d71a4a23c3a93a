//! The `kanalsim` command-line tool: parse, run, render, exit code. No model logic here.

use kanalsim::report::{Comparison, METRICS, Results, Summary, Unit};
use kanalsim::run::{Aggregator, aligned, paired_difference};
use kanalsim::sim::{RepOutput, run_replication};
use kanalsim::stationary::{Stationary, simulated_figures};
use kanalsim::{Invalid, Issue, Model, Scenario, parse_scenario, presets, theory};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
kanalsim — what happens to contacts, queues, lost errands and cost when a municipality
changes opening hours and digital adoption.

USAGE:
  kanalsim run <preset-id|file.json> [--replications N] [--seed S] [--threads T]
               [--json FILE] [--csv FILE]
  kanalsim compare <baseline> <scenario> [--replications N] [--seed S] [--threads T]
               [--json FILE] [--csv FILE]
  kanalsim validate <file.json>
  kanalsim presets [--json]
  kanalsim show <preset-id>                 print a preset as scenario JSON
  kanalsim sweep <preset-id|file.json> --set PATH --values V1,V2,...  (or V1;V2 for JSON)
               [--metrics ID,ID,...] [--replications N] [--seed S] [--threads T]
               [--csv FILE]      PATH like digital.adoption.likely or
                                 queues.phone.staffing[0][9]; each value is compared
                                 with the unchanged scenario (common random numbers)
  kanalsim staff <preset-id|file.json> --channel phone|personal [--target 0.8]
               [--replications N] [--rounds R] [--out FILE]
                                 least staff per hour meeting the channel's target
                                 (Erlang A per hour, iterated with simulation);
                                 --out writes the scenario with the new staffing
  kanalsim erlang --arrivals-per-hour A --mean-service-min S --agents C
               [--mean-patience-min P] [--target-seconds T] [--customers N]
               [--replications R] [--seed X] [--json]

FILE '-' means standard output. Exit codes: 0 ok, 2 bad input.
";

/// A user error: every problem, then exit code 2.
struct Fail(Vec<Issue>);

impl From<Invalid> for Fail {
    fn from(i: Invalid) -> Fail {
        Fail(i.issues)
    }
}

fn fail(path: &str, en: impl Into<String>) -> Fail {
    let en = en.into();
    Fail(vec![Issue {
        path: path.to_string(),
        da: en.clone(),
        en,
    }])
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match real_main(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(issues)) => {
            let mut e = std::io::stderr().lock();
            let _ = writeln!(e, "error: {} problem(s):", issues.len());
            for i in issues {
                if i.path.is_empty() {
                    let _ = writeln!(e, "  {}", i.en);
                } else {
                    let _ = writeln!(e, "  {}: {}", i.path, i.en);
                }
            }
            ExitCode::from(2)
        }
    }
}

/// Parsed flags: positional arguments and `--name value` pairs.
struct Flags {
    pos: Vec<String>,
    named: Vec<(String, Option<String>)>,
}

impl Flags {
    fn parse(args: &[String], switches: &[&str], valued: &[&str]) -> Result<Flags, Fail> {
        let mut pos = Vec::new();
        let mut named = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                if switches.contains(&name) {
                    named.push((name.to_string(), None));
                } else if valued.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| fail(&format!("--{name}"), "needs a value"))?,
                    };
                    named.push((name.to_string(), Some(v)));
                } else {
                    return Err(fail(
                        &format!("--{name}"),
                        "unknown option (see kanalsim --help)",
                    ));
                }
            } else {
                pos.push(a.clone());
            }
        }
        Ok(Flags { pos, named })
    }
    fn has(&self, n: &str) -> bool {
        self.named.iter().any(|(k, _)| k == n)
    }
    fn get(&self, n: &str) -> Option<&str> {
        self.named
            .iter()
            .rev()
            .find(|(k, _)| k == n)
            .and_then(|(_, v)| v.as_deref())
    }
    fn num<T: std::str::FromStr>(&self, n: &str) -> Result<Option<T>, Fail> {
        match self.get(n) {
            None => Ok(None),
            Some(v) => v
                .parse::<T>()
                .map(Some)
                .map_err(|_| fail(&format!("--{n}"), format!("'{v}' is not a valid number"))),
        }
    }
}

fn real_main(args: &[String]) -> Result<(), Fail> {
    let Some(cmd) = args.first() else {
        print!("{USAGE}");
        return Err(fail("", "no command given"));
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(())
        }
        "-V" | "--version" => {
            println!("kanalsim {}", kanalsim::VERSION);
            Ok(())
        }
        "run" => cmd_run(rest),
        "compare" => cmd_compare(rest),
        "validate" => cmd_validate(rest),
        "presets" => cmd_presets(rest),
        "show" => cmd_show(rest),
        "erlang" => cmd_erlang(rest),
        "sweep" => cmd_sweep(rest),
        "staff" => cmd_staff(rest),
        other => Err(fail(
            "",
            format!("unknown command '{other}' (try kanalsim --help)"),
        )),
    }
}

const RUN_VALUED: &[&str] = &["replications", "seed", "threads", "json", "csv"];

/// Load a preset by id or a scenario file, with every problem reported.
fn load(what: &str) -> Result<Scenario, Fail> {
    if let Some(s) = presets::get(what) {
        return Ok(s);
    }
    if !what.ends_with(".json") && !std::path::Path::new(what).exists() {
        let ids: Vec<String> = presets::list().into_iter().map(|p| p.id).collect();
        return Err(fail(
            what,
            format!("no such preset or file (presets: {})", ids.join(", ")),
        ));
    }
    let meta = std::fs::metadata(what).map_err(|e| fail(what, format!("cannot read: {e}")))?;
    if meta.len() > 20 * 1024 * 1024 {
        return Err(fail(what, "the file is larger than 20 MB; not a scenario"));
    }
    let text =
        std::fs::read_to_string(what).map_err(|e| fail(what, format!("cannot read: {e}")))?;
    Ok(parse_scenario(&text)?)
}

fn apply_overrides(s: &mut Scenario, f: &Flags) -> Result<(), Fail> {
    if let Some(n) = f.num::<u32>("replications")? {
        s.simulation.replications = n;
    }
    if let Some(seed) = f.num::<u64>("seed")? {
        s.simulation.seed = seed;
    }
    Ok(())
}

fn threads(f: &Flags) -> Result<usize, Fail> {
    let t = f.num::<usize>("threads")?.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    if t == 0 || t > 1024 {
        return Err(fail("--threads", "must be between 1 and 1024"));
    }
    Ok(t)
}

/// Run replications `0..total` of each model on `threads` threads; replication `i` of every
/// model uses the same streams. Output is folded in replication order, so the numbers do not
/// depend on the thread count.
fn run_parallel(models: &[&Model], total: u32, threads: usize) -> Vec<Aggregator> {
    let mut aggs: Vec<Aggregator> = models.iter().map(|m| Aggregator::new(m)).collect();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, RepOutput)>();
    let threads = threads.min(total.max(1) as usize);
    let show_progress = total >= 20 && std::io::IsTerminal::is_terminal(&std::io::stderr());
    std::thread::scope(|sc| {
        for k in 0..threads {
            let tx = tx.clone();
            sc.spawn(move || {
                let mut r = k as u32;
                while r < total {
                    for (mi, m) in models.iter().enumerate() {
                        if tx.send((mi, run_replication(m, r))).is_err() {
                            return;
                        }
                    }
                    r += threads as u32;
                }
            });
        }
        drop(tx);
        let mut done = 0usize;
        for (mi, out) in rx {
            aggs[mi].add(out);
            done += 1;
            if show_progress && done.is_multiple_of(models.len()) {
                eprint!("\r{} / {} replications", done / models.len(), total);
            }
        }
        if show_progress {
            eprintln!();
        }
    });
    aggs
}

/// Write `text` to FILE atomically (temp file + rename), or to stdout for `-`.
fn write_out(path: &str, text: &str) -> Result<(), Fail> {
    if path == "-" {
        let mut o = std::io::stdout().lock();
        o.write_all(text.as_bytes())
            .and_then(|_| o.flush())
            .map_err(|e| fail("-", format!("cannot write to standard output: {e}")))?;
        return Ok(());
    }
    let p = std::path::Path::new(path);
    let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
    let tmp = match dir {
        Some(d) => d.join(format!(".{}.tmp", std::process::id())),
        None => std::path::PathBuf::from(format!(".{}.kanalsim.tmp", std::process::id())),
    };
    std::fs::write(&tmp, text).map_err(|e| fail(path, format!("cannot write: {e}")))?;
    std::fs::rename(&tmp, p).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(path, format!("cannot write: {e}"))
    })
}

/// Check output paths before running, so a long run does not end in a write error.
fn check_outputs(f: &Flags) -> Result<(), Fail> {
    let mut problems = Vec::new();
    for k in ["json", "csv"] {
        if let Some(p) = f.get(k) {
            if p == "-" {
                continue;
            }
            let path = std::path::Path::new(p);
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
            if let Some(d) = dir
                && !d.is_dir()
            {
                problems.push(Issue {
                    path: format!("--{k}"),
                    en: format!("the folder '{}' does not exist", d.display()),
                    da: format!("mappen '{}' findes ikke", d.display()),
                });
            }
            if path.is_dir() {
                problems.push(Issue {
                    path: format!("--{k}"),
                    en: format!("'{p}' is a folder"),
                    da: format!("'{p}' er en mappe"),
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Fail(problems))
    }
}

fn cmd_run(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(args, &[], RUN_VALUED)?;
    if f.pos.len() != 1 {
        return Err(fail(
            "",
            "usage: kanalsim run <preset-id|file.json> [options]",
        ));
    }
    let mut s = load(&f.pos[0])?;
    apply_overrides(&mut s, &f)?;
    let m = Model::new(&s)?;
    check_outputs(&f)?;
    let t = threads(&f)?;
    let aggs = run_parallel(&[&m], s.simulation.replications, t);
    let r = aggs[0].results(&m);
    let to_stdout = f.get("json") == Some("-") || f.get("csv") == Some("-");
    if let Some(p) = f.get("json") {
        let text = serde_json::to_string_pretty(&r).expect("results serialise");
        write_out(p, &(text + "\n"))?;
    }
    if let Some(p) = f.get("csv") {
        write_out(p, &csv_results(&r))?;
    }
    if !to_stdout {
        print!("{}", table_results(&r));
    }
    Ok(())
}

fn cmd_compare(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(args, &[], RUN_VALUED)?;
    if f.pos.len() != 2 {
        return Err(fail(
            "",
            "usage: kanalsim compare <baseline> <scenario> [options]",
        ));
    }
    // Report what is wrong with both files at once, each issue saying which file it is in.
    let mut issues = Vec::new();
    let mut loaded = [("baseline", &f.pos[0]), ("scenario", &f.pos[1])].map(|(what, file)| {
        load(file)
            .map_err(|e| issues.extend(prefix_issues(what, e.0)))
            .ok()
    });
    let (Some(mut b), Some(mut s)) = (loaded[0].take(), loaded[1].take()) else {
        return Err(Fail(issues));
    };
    apply_overrides(&mut b, &f)?;
    apply_overrides(&mut s, &f)?;
    let mb = Model::new(&b).map_err(|e| issues.extend(prefix("baseline", e)));
    let ms = Model::new(&s).map_err(|e| issues.extend(prefix("scenario", e)));
    let (Ok(mb), Ok(ms)) = (mb, ms) else {
        return Err(Fail(issues));
    };
    check_outputs(&f)?;
    let ms = aligned(&mb, &ms);
    let t = threads(&f)?;
    let aggs = run_parallel(&[&mb, &ms], b.simulation.replications, t);
    let c = Comparison {
        difference: paired_difference(&aggs[0], &aggs[1]),
        baseline: aggs[0].results(&mb),
        scenario: aggs[1].results(&ms),
    };
    let to_stdout = f.get("json") == Some("-") || f.get("csv") == Some("-");
    if let Some(p) = f.get("json") {
        let text = serde_json::to_string_pretty(&c).expect("comparison serialises");
        write_out(p, &(text + "\n"))?;
    }
    if let Some(p) = f.get("csv") {
        write_out(p, &csv_comparison(&c))?;
    }
    if !to_stdout {
        print!("{}", table_comparison(&c));
    }
    Ok(())
}

fn prefix(what: &str, e: Invalid) -> Vec<Issue> {
    prefix_issues(what, e.issues)
}

fn prefix_issues(what: &str, issues: Vec<Issue>) -> Vec<Issue> {
    issues
        .into_iter()
        .map(|mut i| {
            i.path = if i.path.is_empty() {
                what.to_string()
            } else {
                format!("{what}: {}", i.path)
            };
            i
        })
        .collect()
}

fn cmd_validate(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(args, &[], &[])?;
    if f.pos.len() != 1 {
        return Err(fail("", "usage: kanalsim validate <file.json>"));
    }
    let s = load(&f.pos[0])?;
    println!("ok: '{}' is a valid scenario ({})", f.pos[0], s.title);
    Ok(())
}

fn cmd_presets(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(args, &["json"], &[])?;
    let list = presets::list();
    if f.has("json") {
        println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("list serialises")
        );
    } else {
        for p in list {
            let base = if p.baseline_id.is_empty() {
                "baseline".to_string()
            } else {
                format!("vs {}", p.baseline_id)
            };
            println!("{:<32} {}  ({})", p.id, p.title, base);
        }
    }
    Ok(())
}

fn cmd_show(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(args, &[], &[])?;
    if f.pos.len() != 1 {
        return Err(fail("", "usage: kanalsim show <preset-id>"));
    }
    let s = presets::get(&f.pos[0]).ok_or_else(|| fail(&f.pos[0], "no such preset"))?;
    println!(
        "{}",
        serde_json::to_string_pretty(&s).expect("scenario serialises")
    );
    Ok(())
}

fn cmd_erlang(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(
        args,
        &["json"],
        &[
            "arrivals-per-hour",
            "mean-service-min",
            "agents",
            "mean-patience-min",
            "target-seconds",
            "customers",
            "replications",
            "seed",
            "threads",
        ],
    )?;
    let mut issues = Vec::new();
    let mut need = |n: &str| -> Option<f64> {
        match f.num::<f64>(n) {
            Ok(Some(v)) if v.is_finite() && v > 0.0 => Some(v),
            Ok(Some(v)) => {
                issues.push(Issue {
                    path: format!("--{n}"),
                    en: format!("must be a positive number (got {v})"),
                    da: format!("skal være et positivt tal (fik {v})"),
                });
                None
            }
            Ok(None) => {
                issues.push(Issue {
                    path: format!("--{n}"),
                    en: "is required".to_string(),
                    da: "skal angives".to_string(),
                });
                None
            }
            Err(Fail(mut i)) => {
                issues.append(&mut i);
                None
            }
        }
    };
    let a = need("arrivals-per-hour");
    let sv = need("mean-service-min");
    let agents = f.num::<u32>("agents");
    let patience = f.num::<f64>("mean-patience-min");
    let target = f.num::<f64>("target-seconds");
    let customers = f.num::<f64>("customers");
    let reps = f.num::<u32>("replications");
    let seed = f.num::<u64>("seed");
    let mut get = |r: Result<Option<f64>, Fail>| match r {
        Ok(v) => v,
        Err(Fail(mut i)) => {
            issues.append(&mut i);
            None
        }
    };
    let patience = get(patience);
    let target = get(target).unwrap_or(60.0);
    let customers = get(customers).unwrap_or(1_000_000.0);
    let agents = match agents {
        Ok(Some(c)) if c >= 1 => Some(c),
        Ok(_) => {
            issues.push(Issue {
                path: "--agents".into(),
                en: "is required: a whole number of at least 1".into(),
                da: "skal angives: et helt tal, mindst 1".into(),
            });
            None
        }
        Err(Fail(mut i)) => {
            issues.append(&mut i);
            None
        }
    };
    let reps = match reps {
        Ok(v) => v.unwrap_or(10),
        Err(Fail(mut i)) => {
            issues.append(&mut i);
            10
        }
    };
    let seed = match seed {
        Ok(v) => v.unwrap_or(1),
        Err(Fail(mut i)) => {
            issues.append(&mut i);
            1
        }
    };
    if let Some(p) = patience
        && !(p.is_finite() && p > 0.0)
    {
        issues.push(Issue {
            path: "--mean-patience-min".into(),
            en: format!("must be a positive number (got {p})"),
            da: format!("skal være et positivt tal (fik {p})"),
        });
    }
    if !(target.is_finite() && target >= 0.0) {
        issues.push(Issue {
            path: "--target-seconds".into(),
            en: "must be zero or positive".into(),
            da: "skal være nul eller positiv".into(),
        });
    }
    if !(customers.is_finite() && (1.0..=1e9).contains(&customers)) {
        issues.push(Issue {
            path: "--customers".into(),
            en: "must be between 1 and 1e9".into(),
            da: "skal være mellem 1 og 1e9".into(),
        });
    }
    if !issues.is_empty() {
        return Err(Fail(issues));
    }
    let (a, sv, agents) = (a.unwrap_or(1.0), sv.unwrap_or(1.0), agents.unwrap_or(1));
    let st = Stationary {
        arrivals_per_hour: a,
        mean_service_min: sv,
        agents,
        mean_patience_min: patience,
        target_seconds: target,
        customers: customers / reps.max(1) as f64,
        replications: reps,
        seed,
    };
    let scen = st.scenario();
    let m = Model::new(&scen)?;
    let lam = a / 60.0;
    let theory = match patience {
        None => theory::erlang_c(lam, sv, agents, target / 60.0),
        Some(p) => theory::erlang_a(lam, sv, agents, p, target / 60.0),
    };
    let t = threads(&f)?;
    let aggs = run_parallel(&[&m], reps, t);
    let r = aggs[0].results(&m);
    let sim = simulated_figures(&r);
    if f.has("json") {
        let v = serde_json::json!({
            "simulated": sim,
            "theory": theory.as_ref().ok(),
        });
        println!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
        return Ok(());
    }
    let model = if patience.is_some() {
        "Erlang A (M/M/c+M)"
    } else {
        "Erlang C (M/M/c)"
    };
    println!(
        "Stationary queue: {a} arrivals/hour, mean service {sv} min, {agents} agents{}; {} replications × {} weeks (≈{:.0} customers)",
        patience.map_or(String::new(), |p| format!(", mean patience {p} min")),
        reps,
        m.weeks,
        r.metrics["phone.offered"].mean * reps as f64
    );
    println!("{:<40} {:>12} {:>12}", "", "simulated", model);
    let th = theory.as_ref().ok();
    let row = |name: &str, s: f64, t: Option<f64>| {
        println!(
            "{:<40} {:>12.5} {:>12}",
            name,
            s,
            t.map_or("—".to_string(), |v| format!("{v:.5}"))
        );
    };
    row("P(wait)", sim.p_wait, th.map(|t| t.p_wait));
    row("P(abandon)", sim.p_abandon, th.map(|t| t.p_abandon));
    row(
        "mean wait of served (min)",
        sim.mean_wait_served_min,
        th.map(|t| t.mean_wait_served_min),
    );
    row(
        &format!("service level (≤ {target} s)"),
        sim.service_level,
        th.map(|t| t.service_level),
    );
    if let Err(e) = theory {
        println!("theory: {e}");
    }
    Ok(())
}

fn fmt_value(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Share => format!("{:.1} %", v * 100.0),
        Unit::Minutes => format!("{v:.2}"),
        Unit::Fte => format!("{v:.1}"),
        _ => group(v),
    }
}

/// Integer with thousands separators.
fn group(v: f64) -> String {
    let neg = v < 0.0;
    let s = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if neg && out != "0" {
        format!("-{out}")
    } else {
        out
    }
}

fn unit_label(u: Unit) -> &'static str {
    match u {
        Unit::Count => "",
        Unit::Share => "",
        Unit::Minutes => "min",
        Unit::Hours => "h",
        Unit::Fte => "FTE",
        Unit::Dkk => "DKK",
    }
}

fn table_results(r: &Results) -> String {
    let mut o = String::new();
    o += &format!(
        "{} — {} replications × {} weeks, seed {}\n",
        r.title, r.replications, r.horizon_weeks, r.seed
    );
    o += &format!(
        "{:<52} {:>5} {:>14} {:>14} {:>14}\n",
        "metric", "unit", "mean", "P5", "P95"
    );
    for d in METRICS {
        let s = r.metrics[d.id];
        o += &format!(
            "{:<52} {:>5} {:>14} {:>14} {:>14}\n",
            d.en,
            unit_label(d.unit),
            fmt_value(s.mean, d.unit),
            fmt_value(s.p5, d.unit),
            fmt_value(s.p95, d.unit)
        );
    }
    o
}

fn table_comparison(c: &Comparison) -> String {
    let mut o = String::new();
    o += &format!(
        "{} vs {} — {} paired replications (common random numbers), seed {}\n",
        c.scenario.title, c.baseline.title, c.baseline.replications, c.baseline.seed
    );
    o += &format!(
        "{:<52} {:>5} {:>13} {:>13} {:>13} {:>27}\n",
        "metric", "unit", "baseline", "scenario", "difference", "90 % interval"
    );
    for d in METRICS {
        let b = c.baseline.metrics[d.id];
        let s = c.scenario.metrics[d.id];
        let x = c.difference[d.id];
        o += &format!(
            "{:<52} {:>5} {:>13} {:>13} {:>13} {:>27}\n",
            d.en,
            unit_label(d.unit),
            fmt_value(b.mean, d.unit),
            fmt_value(s.mean, d.unit),
            fmt_value(x.mean, d.unit),
            format!(
                "[{} ; {}]",
                fmt_value(x.p5, d.unit),
                fmt_value(x.p95, d.unit)
            )
        );
    }
    o
}

fn csv_row(o: &mut String, prefix: &str, s: &Summary) {
    o.push_str(&format!(
        "{prefix},{},{},{},{},{},{}\n",
        s.mean, s.p5, s.p25, s.p50, s.p75, s.p95
    ));
}

fn csv_results(r: &Results) -> String {
    let mut o = String::from("metric,unit,mean,p5,p25,p50,p75,p95\n");
    for d in METRICS {
        csv_row(
            &mut o,
            &format!("{},{}", d.id, unit_name(d.unit)),
            &r.metrics[d.id],
        );
    }
    o
}

fn csv_comparison(c: &Comparison) -> String {
    let mut o = String::from("metric,unit,series,mean,p5,p25,p50,p75,p95\n");
    for d in METRICS {
        for (name, s) in [
            ("baseline", &c.baseline.metrics[d.id]),
            ("scenario", &c.scenario.metrics[d.id]),
            ("difference", &c.difference[d.id]),
        ] {
            csv_row(&mut o, &format!("{},{},{name}", d.id, unit_name(d.unit)), s);
        }
    }
    o
}

fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Count => "count",
        Unit::Share => "share",
        Unit::Minutes => "minutes",
        Unit::Hours => "hours",
        Unit::Fte => "fte",
        Unit::Dkk => "dkk",
    }
}

/// Set the value at a dotted path with `[i]` indices (e.g. `queues.phone.staffing[0][9]`).
fn set_path(v: &mut serde_json::Value, path: &str, new: serde_json::Value) -> Result<(), String> {
    let mut cur = v;
    let mut tokens: Vec<String> = Vec::new();
    for part in path.split('.') {
        let (name, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            tokens.push(name.to_string());
        }
        let mut r = rest;
        while let Some(stripped) = r.strip_prefix('[') {
            let end = stripped.find(']').ok_or("missing ']'")?;
            tokens.push(format!("#{}", &stripped[..end]));
            r = &stripped[end + 1..];
        }
        if !r.is_empty() {
            return Err(format!("cannot read '{part}'"));
        }
    }
    if tokens.is_empty() {
        return Err("empty path".into());
    }
    for t in &tokens {
        cur = if let Some(i) = t.strip_prefix('#') {
            let i: usize = i.parse().map_err(|_| format!("'{i}' is not an index"))?;
            cur.get_mut(i)
                .ok_or_else(|| format!("index {i} does not exist"))?
        } else {
            cur.get_mut(t.as_str())
                .ok_or_else(|| format!("the field '{t}' does not exist"))?
        };
    }
    *cur = new;
    Ok(())
}

fn cmd_sweep(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(
        args,
        &[],
        &[
            "set",
            "values",
            "metrics",
            "replications",
            "seed",
            "threads",
            "csv",
        ],
    )?;
    if f.pos.len() != 1 {
        return Err(fail(
            "",
            "usage: kanalsim sweep <preset-id|file.json> --set PATH --values V1,V2,...",
        ));
    }
    let mut base = load(&f.pos[0])?;
    apply_overrides(&mut base, &f)?;
    let path = f.get("set").ok_or_else(|| fail("--set", "is required"))?;
    let values = f
        .get("values")
        .ok_or_else(|| fail("--values", "is required"))?;
    let metric_ids: Vec<String> = match f.get("metrics") {
        Some(m) => m.split(',').map(|s| s.trim().to_string()).collect(),
        None => [
            "contacts.personalAndPhone.information",
            "contacts.personal",
            "contacts.phone",
            "contacts.digital",
            "gaveUp",
            "phone.serviceLevel",
            "personal.meanWaitMin",
            "staff.hours",
            "cost.unit.total",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    };
    let mut issues = Vec::new();
    for id in &metric_ids {
        if kanalsim::report::metric(id).is_none() {
            issues.push(Issue {
                path: "--metrics".into(),
                en: format!("unknown metric '{id}'"),
                da: format!("ukendt nøgletal '{id}'"),
            });
        }
    }
    let base_json = serde_json::to_value(&base).expect("scenario serialises");
    let mut models = Vec::new();
    let mb = Model::new(&base)?;
    // Values are separated by ';' when any is given (so JSON objects can hold commas), else ','.
    let sep = if values.contains(';') { ';' } else { ',' };
    for (k, raw) in values.split(sep).enumerate() {
        let raw = raw.trim();
        let val: serde_json::Value = serde_json::from_str(raw)
            .unwrap_or_else(|_| serde_json::Value::String(raw.to_string()));
        let mut v = base_json.clone();
        if let Err(e) = set_path(&mut v, path, val) {
            issues.push(Issue {
                path: format!("--set {path}"),
                en: e.clone(),
                da: e,
            });
            break;
        }
        let text = v.to_string();
        match parse_scenario(&text) {
            Ok(s) => match Model::new(&s) {
                Ok(m) => models.push((raw.to_string(), aligned(&mb, &m))),
                Err(e) => issues.extend(prefix(&format!("value {} ({raw})", k + 1), e)),
            },
            Err(e) => issues.extend(prefix(&format!("value {} ({raw})", k + 1), e)),
        }
    }
    if !issues.is_empty() {
        return Err(Fail(issues));
    }
    check_outputs(&f)?;
    let t = threads(&f)?;
    let mut refs: Vec<&Model> = vec![&mb];
    refs.extend(models.iter().map(|(_, m)| m));
    let aggs = run_parallel(&refs, base.simulation.replications, t);
    let mut csv = String::from("value,metric,mean,p5,p95,diff_mean,diff_p5,diff_p95\n");
    let mut table = format!(
        "sweep of {path} on {} — {} paired replications, seed {}\n",
        base.title, base.simulation.replications, base.simulation.seed
    );
    for id in &metric_ids {
        let d = kanalsim::report::metric(id).expect("checked");
        table += &format!("\n{} ({})\n", d.en, id);
        table += &format!(
            "  {:<14} {:>14} {:>14} {:>30}\n",
            "value", "mean", "difference", "90 % interval"
        );
        let base_res = aggs[0].results(&mb);
        let b = base_res.metrics[d.id];
        table += &format!(
            "  {:<14} {:>14} {:>14} {:>30}\n",
            "(unchanged)",
            fmt_value(b.mean, d.unit),
            "",
            ""
        );
        for (i, (label, m)) in models.iter().enumerate() {
            let r = aggs[i + 1].results(m);
            let s = r.metrics[d.id];
            let diff = paired_difference(&aggs[0], &aggs[i + 1])[d.id];
            table += &format!(
                "  {:<14} {:>14} {:>14} {:>30}\n",
                label,
                fmt_value(s.mean, d.unit),
                fmt_value(diff.mean, d.unit),
                format!(
                    "[{} ; {}]",
                    fmt_value(diff.p5, d.unit),
                    fmt_value(diff.p95, d.unit)
                )
            );
            csv += &format!(
                "{},{},{},{},{},{},{},{}\n",
                csv_field(label),
                d.id,
                s.mean,
                s.p5,
                s.p95,
                diff.mean,
                diff.p5,
                diff.p95
            );
        }
    }
    if let Some(p) = f.get("csv") {
        write_out(p, &csv)?;
    }
    if f.get("csv") != Some("-") {
        print!("{table}");
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn cmd_staff(args: &[String]) -> Result<(), Fail> {
    let f = Flags::parse(
        args,
        &[],
        &["channel", "target", "replications", "rounds", "seed", "out"],
    )?;
    if f.pos.len() != 1 {
        return Err(fail(
            "",
            "usage: kanalsim staff <preset-id|file.json> --channel phone|personal [--target 0.8]",
        ));
    }
    let mut s = load(&f.pos[0])?;
    if let Some(seed) = f.num::<u64>("seed")? {
        s.simulation.seed = seed;
    }
    let channel = match f.get("channel").unwrap_or("phone") {
        "phone" => 1,
        "personal" => 0,
        other => {
            return Err(fail(
                "--channel",
                format!("must be 'phone' or 'personal' (got '{other}')"),
            ));
        }
    };
    let target = f.num::<f64>("target")?.unwrap_or(0.8);
    if !(target.is_finite() && target > 0.0 && target < 1.0) {
        return Err(fail(
            "--target",
            "must be a share between 0 and 1, e.g. 0.8",
        ));
    }
    let reps = f.num::<u32>("replications")?.unwrap_or(20);
    if reps == 0 || reps > 1000 {
        return Err(fail("--replications", "must be between 1 and 1000"));
    }
    let rounds = f.num::<u32>("rounds")?.unwrap_or(4);
    if rounds == 0 || rounds > 20 {
        return Err(fail("--rounds", "must be between 1 and 20"));
    }
    if let Some(p) = f.get("out")
        && p != "-"
        && std::path::Path::new(p).is_dir()
    {
        return Err(fail("--out", format!("'{p}' is a folder")));
    }
    let plan = kanalsim::staffing::auto_staff(&s, channel, target, reps, rounds)?;
    let name = if channel == 1 { "phone" } else { "personal" };
    let secs = if channel == 1 {
        s.queues.phone.target_seconds
    } else {
        s.queues.personal.target_seconds
    };
    let mut o = format!(
        "{} — {name}: least staff per hour answering {:.0} % within {secs} s ({} replications a round)\n",
        s.title,
        target * 100.0,
        reps
    );
    for (i, r) in plan.rounds.iter().enumerate() {
        o += &format!(
            "round {}: {:.0} staff hours a week, simulated service level {:.1} %, {} hours changed\n",
            i + 1,
            r.staff_hours_per_week,
            r.service_level * 100.0,
            r.changed_hours
        );
    }
    let grid = if channel == 1 {
        &plan.scenario.queues.phone.staffing
    } else {
        &plan.scenario.queues.personal.staffing
    };
    o += "\nstaff per hour (open hours only matter)\n     ";
    for h in 0..24 {
        o += &format!("{h:>3}");
    }
    o += "\n";
    for (d, row) in grid.iter().enumerate() {
        o += &format!("{:<5}", kanalsim::scenario::WEEKDAYS[d]);
        for n in row {
            o += &format!("{n:>3}");
        }
        o += "\n";
    }
    if let Some(p) = f.get("out") {
        let text = serde_json::to_string_pretty(&plan.scenario).expect("scenario serialises");
        write_out(p, &(text + "\n"))?;
    }
    if f.get("out") != Some("-") {
        print!("{o}");
    }
    Ok(())
}
