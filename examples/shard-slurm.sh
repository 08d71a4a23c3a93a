#!/bin/bash
# Beyond one machine, on a cluster: a Slurm job array, one shard per array task, then one
# job that merges the parts once every shard has finished.
#
#   sbatch --array=1-20 examples/shard-slurm.sh        # 20 shards; prints "Submitted … JOBID"
#   sbatch --dependency=afterok:JOBID --wrap \
#     "kanalsim merge parts/part-*.json --json result.json"
#
# What to run comes from the environment (sbatch passes it on): BASELINE, SCENARIO
# (preset ids or scenario files on a shared disk), REPLICATIONS, FLAGS (e.g. "--seed 7
# --precision 0.01": the precision rule is applied at merge), PARTS (folder, default parts).
# The array must be 1-based and contiguous (--array=1-N): shard I of N is task I.
#SBATCH --job-name=kanalsim-shard
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=kanalsim-shard-%A_%a.log
set -euo pipefail
: "${SLURM_ARRAY_TASK_ID:?submit as a job array: sbatch --array=1-N $0}"
N=${SLURM_ARRAY_TASK_COUNT:-$SLURM_ARRAY_TASK_MAX}
I=$SLURM_ARRAY_TASK_ID
PARTS=${PARTS:-parts}
mkdir -p "$PARTS"
# shellcheck disable=SC2086
kanalsim compare "${BASELINE:-tonder-2012}" "${SCENARIO:-tonder-2012-strategy}" \
  --replications "${REPLICATIONS:-2000}" --threads "${SLURM_CPUS_PER_TASK:-1}" ${FLAGS:-} \
  --shard "$I/$N" --out "$PARTS/part-$I.json"
