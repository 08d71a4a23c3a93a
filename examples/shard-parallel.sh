#!/usr/bin/env bash
# Beyond one machine, on one machine: `kanalsim compare BASELINE SCENARIO` as SHARDS shards
# run side by side by GNU parallel (one job per core, each on one thread), then merged into
# the JSON of one unsharded run, byte for byte.
#
#   examples/shard-parallel.sh BASELINE SCENARIO REPLICATIONS SHARDS OUT.json [FLAGS...]
#   examples/shard-parallel.sh tonder-2012 tonder-2012-strategy 2000 8 result.json --precision
#
# FLAGS go to every shard (e.g. --seed 7, --precision 0.01: the rule is applied at merge).
# KANALSIM names the binary (default: kanalsim on the PATH); WORK the folder for the parts
# (default: a fresh temporary folder). Tested by tests/cli.rs (the CI installs parallel).
set -euo pipefail
if [ $# -lt 5 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
K=${KANALSIM:-kanalsim}
base=$1 scen=$2 reps=$3 shards=$4 out=$5
shift 5
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
rm -f "$work"/part-*.json
# -q: every argument reaches kanalsim as given (paths with spaces too); {} is the shard's I.
seq 1 "$shards" | parallel --will-cite -q --halt now,fail=1 \
  "$K" compare "$base" "$scen" --replications "$reps" --threads 1 "$@" \
  --shard "{}/$shards" --out "$work/part-{}.json"
"$K" merge "$work"/part-*.json --json "$out"
