#!/usr/bin/env bash
# Kanalsim against the peers' SimPy and Ciw models (../shared/peers), on the same machine in
# one run: the stationary M/M/c+M workload (customers per second, single-threaded) and the
# one-year workload (seconds per simulated year), and a Tønder year (the preset tonder-2012:
# errands per second, per errand of the `errands` metric, beside the bare loop). Prints every JSON line, then the ratios and
# the abandonment figures side by side.
#
#   scripts/bench.sh                 # from the repository root
#
# The machine's speed drifts by 10-30 % within minutes, so Kanalsim and SimPy run in ROUNDS
# interleaved pairs (Kanalsim, then SimPy, on each workload) and the ratio reported is the
# median of the rounds' ratios, with its range. Ciw is slower: one run each, against the
# median Kanalsim run. Each round also runs the stationary queue as a bare hand-written loop
# (benches/throughput.rs --bare-reps), the yardstick of what the engine's features cost on
# this machine, and a Tønder year in the same process right after it: the ratio of its errands
# per second to the bare loop's customers per second is taken per round (issue 13's target:
# at least 0.5), the median reported.
#
# Environment: PEERS_DIR (default ../shared/peers), PEERS_VENV (default /tmp/peers; created
# with simpy and ciw when missing), ROUNDS (5), SIMPY_CUSTOMERS (150000 per round),
# CIW_CUSTOMERS (200000), KANALSIM_REPS (60 replications of 300,000 customers per round),
# KANALSIM_YEAR_REPS (40 per round), KANALSIM_TONDER_REPS (20 Tønder years per round).
set -euo pipefail
cd "$(dirname "$0")/.."
# /dev/null must be the device, not a file (see scripts/devnull.sh).
source scripts/devnull.sh

PEERS_DIR=${PEERS_DIR:-../shared/peers}
VENV=${PEERS_VENV:-/tmp/peers}
ROUNDS=${ROUNDS:-5}
SIMPY_CUSTOMERS=${SIMPY_CUSTOMERS:-150000}
CIW_CUSTOMERS=${CIW_CUSTOMERS:-200000}
KANALSIM_REPS=${KANALSIM_REPS:-60}
KANALSIM_YEAR_REPS=${KANALSIM_YEAR_REPS:-40}
KANALSIM_TONDER_REPS=${KANALSIM_TONDER_REPS:-20}

if [ ! -f "$PEERS_DIR/simpy_mmc.py" ]; then
    echo "bench.sh: peer models not found in $PEERS_DIR (set PEERS_DIR)" >&2
    exit 2
fi
if ! "$VENV/bin/python" -c 'import simpy, ciw' 2>/dev/null; then
    echo "bench.sh: creating $VENV with simpy and ciw" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q simpy ciw
fi
PY="$VENV/bin/python"

out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "# building the release benchmark" >&2
cargo bench --bench throughput --no-run

{
    echo "# machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; $(rustc --version); $("$PY" --version)"
} >&2

run() { echo "# $*" >&2; "$@" | tee -a "$out"; }
for round in $(seq "$ROUNDS"); do
    echo "# round $round of $ROUNDS" >&2
    run cargo bench -q --bench throughput -- --customers 300000 --reps "$KANALSIM_REPS" \
        --year-reps 0 --bare-reps "$KANALSIM_REPS" --tonder-reps "$KANALSIM_TONDER_REPS" 2>/dev/null
    run "$PY" "$PEERS_DIR/simpy_mmc.py" bench --customers "$SIMPY_CUSTOMERS"
    run cargo bench -q --bench throughput -- --reps 0 --year-reps "$KANALSIM_YEAR_REPS" 2>/dev/null
    run "$PY" "$PEERS_DIR/simpy_mmc.py" year --reps 1
done
run "$PY" "$PEERS_DIR/ciw_mmc.py" bench --customers "$CIW_CUSTOMERS"
run "$PY" "$PEERS_DIR/ciw_mmc.py" year --reps 1

"$PY" - "$out" <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
def pick(tool, year):
    if tool == "kanalsim":
        return [r for r in rows if r["tool"] == tool and r["workload"] == ("year" if year else "bench")]
    return [r for r in rows if r["tool"] == tool and (("rep" in r) if year else ("customers_per_s" in r))]
kb, ky = pick("kanalsim", False), pick("kanalsim", True)
bb = [r for r in rows if r["tool"] == "bare-loop"]
sb, sy = pick("simpy", False), pick("simpy", True)
cb, cy = pick("ciw", False), pick("ciw", True)
# Per-round ratios (the pairs ran next to each other).
r_sb = [k["customers_per_s"] / s["customers_per_s"] for k, s in zip(kb, sb)]
r_sb_cpu = [k["customers_per_cpu_s"] / s["customers_per_cpu_s"] for k, s in zip(kb, sb)]
r_sy = [s["wall_s"] / k["wall_s_per_rep"] for k, s in zip(ky, sy)]
r_sy_cpu = [s["cpu_s"] / k["cpu_s_per_rep"] for k, s in zip(ky, sy)]
k_b = median([k["customers_per_s"] for k in kb]); k_b_cpu = median([k["customers_per_cpu_s"] for k in kb])
k_y = median([k["wall_s_per_rep"] for k in ky]); k_y_cpu = median([k["cpu_s_per_rep"] for k in ky])
kb0, ky0 = kb[0], ky[0]

print()
print(f"stationary M/M/c+M (lambda=2/min, service 4 min, c=10, patience 2 min), single-threaded; {len(kb)} rounds")
print(f"  {'':10} {'customers/s (median, range)':>36} {'p_abandon':>10} {'p_wait':>8}")
def rng(xs, fmt):
    return f"{format(median(xs), fmt)} ({format(min(xs), fmt)}-{format(max(xs), fmt)})"
print(f"  {'kanalsim':10} {rng([k['customers_per_s'] for k in kb], ',.0f'):>36} {kb0['p_abandon']:>10.4f} {kb0['p_wait_gt0']:>8.4f}")
print(f"  {'bare loop':10} {rng([b['customers_per_s'] for b in bb], ',.0f'):>36} {bb[0]['p_abandon']:>10.4f} {bb[0]['p_wait_gt0']:>8.4f}")
print(f"  {'simpy':10} {rng([s['customers_per_s'] for s in sb], ',.0f'):>36} {sb[0]['p_abandon']:>10.4f} {sb[0]['p_wait_gt0']:>8.4f}")
print(f"  {'ciw':10} {cb[0]['customers_per_s']:>36,.0f} {cb[0]['p_abandon']:>10.4f} {cb[0]['p_wait_gt0']:>8.4f}")
print()
print("one year (300,000 customers, Mon-Fri 10-15, hourly rates and staffing)")
print(f"  {'':10} {'s/year (median, range)':>26} {'p_abandon':>10} {'mean wait':>10} {'<=1 min':>8}")
print(f"  {'kanalsim':10} {rng([k['wall_s_per_rep'] for k in ky], '.4f'):>26} "
      f"{ky0['p_abandon']:>10.4f} {ky0['mean_wait_served']:>10.4f} {ky0['p_served_within_1min']:>8.4f}")
for tool, ys in (("simpy", sy), ("ciw", cy)):
    y = ys[0]
    print(f"  {tool:10} {rng([v['wall_s'] for v in ys], '.2f'):>26} "
          f"{y['p_abandon']:>10.4f} {y['mean_wait_served']:>10.4f} {y['p_served_within_1min']:>8.4f}")
print()
print("ratios (Kanalsim / peer): SimPy, median of the rounds' paired ratios (range); Ciw, one run")
print("against Kanalsim's median; wall clock, and CPU time of the process")
ratios = {
    "simpy": {"stationary_customers_per_s": median(r_sb), "stationary_customers_per_cpu_s": median(r_sb_cpu),
              "year_s_per_year": median(r_sy), "year_cpu_s_per_year": median(r_sy_cpu),
              "stationary_range": [min(r_sb), max(r_sb)], "year_range": [min(r_sy), max(r_sy)]},
    "ciw": {"stationary_customers_per_s": k_b / cb[0]["customers_per_s"],
            "stationary_customers_per_cpu_s": k_b_cpu / cb[0]["customers_per_cpu_s"],
            "year_s_per_year": cy[0]["wall_s"] / k_y, "year_cpu_s_per_year": cy[0]["cpu_s"] / k_y_cpu},
}
s = ratios["simpy"]
print(f"  Kanalsim/simpy  stationary: {s['stationary_customers_per_s']:5.0f}x wall "
      f"({min(r_sb):.0f}-{max(r_sb):.0f}), {s['stationary_customers_per_cpu_s']:5.0f}x CPU   "
      f"one year: {s['year_s_per_year']:5.0f}x wall ({min(r_sy):.0f}-{max(r_sy):.0f}), {s['year_cpu_s_per_year']:5.0f}x CPU")
r_bs = [b["customers_per_s"] / s["customers_per_s"] for b, s in zip(bb, sb)]
r_kb = [k["customers_per_s"] / b["customers_per_s"] for k, b in zip(kb, bb)]
ratios["bare_loop"] = {"stationary_bare_over_simpy": median(r_bs), "stationary_kanalsim_over_bare": median(r_kb),
                       "bare_over_simpy_range": [min(r_bs), max(r_bs)], "kanalsim_over_bare_range": [min(r_kb), max(r_kb)]}
print(f"  bare loop/simpy stationary: {median(r_bs):5.0f}x wall ({min(r_bs):.0f}-{max(r_bs):.0f});  "
      f"Kanalsim runs at {100 * median(r_kb):.0f} % of the bare loop ({100 * min(r_kb):.0f}-{100 * max(r_kb):.0f} %)")
c = ratios["ciw"]
print(f"  Kanalsim/ciw    stationary: {c['stationary_customers_per_s']:5.0f}x wall, "
      f"{c['stationary_customers_per_cpu_s']:5.0f}x CPU   one year: {c['year_s_per_year']:5.0f}x wall, "
      f"{c['year_cpu_s_per_year']:5.0f}x CPU")
tt = [r for r in rows if r["tool"] == "kanalsim" and r["workload"] == "tonder"]
r_tb = [t["errands_per_s"] / b["customers_per_s"] for t, b in zip(tt, bb)]
ratios["tonder_year"] = {"errands_per_s": median([t["errands_per_s"] for t in tt]),
                         "errands_per_s_over_bare": median(r_tb),
                         "over_bare_range": [min(r_tb), max(r_tb)]}
print()
print(f"a Tønder year (tonder-2012, {tt[0]['errands_per_rep']:,.0f} errands a year), single-threaded; {len(tt)} rounds")
print(f"  errands/s {rng([t['errands_per_s'] for t in tt], ',.0f')}; per errand "
      f"{median(r_tb):.2f}x the bare loop's customers/s in the same round ({min(r_tb):.2f}-{max(r_tb):.2f}); "
      f"digest {tt[0]['digest']}")
def rnd(v):
    return [round(x, 3) for x in v] if isinstance(v, list) else round(v, 3)
print(json.dumps({"ratios": {t: {k: rnd(v) for k, v in d.items()} for t, d in ratios.items()}}))
PYEOF
