#!/usr/bin/env bash
# A sweep run as a Slurm job array on 1, 2 and 4 shards: wall time from `sarhad slurm submit` to the
# merge job's completion (the merged outputs in place), and a check that every split gives the bytes
# of the first. A benchmark, not a test: CI does not run it. Results: docs/PERFORMANCE.md (the Slurm sweep section).
#
#   scripts/slurm-local.sh start && eval "$(scripts/slurm-local.sh env)"
#   bench/slurm-sweep.sh                    # shards 1 2 4, one round
#   SHARDS="1 2" ROUNDS=3 bench/slurm-sweep.sh
#
# Settings (environment variables): SHARDS="1 2 4", ROUNDS=1 (the splits alternate within a round),
# SARHAD=.build/release/sarhad (built here if missing), WORK=/tmp/sarhad-slurm-sweep.
set -euo pipefail
cd "$(dirname "$0")/.."

shards_list="${SHARDS:-1 2 4}"
rounds="${ROUNDS:-1}"
work="${WORK:-/tmp/sarhad-slurm-sweep}"
sarhad="${SARHAD:-$PWD/.build/release/sarhad}"
sweep=(sweep --set disease.r0=1.8,2.4,3.0 --set observation.test_seeking_mild=0.05,0.2
       --replicates 4 --population-scale 0.05 --end 2020-06-30 --quiet)

if [ ! -x "$sarhad" ]; then
    swift build -c release --product sarhad
fi
command -v sbatch >/dev/null || { echo "sbatch not found: start a cluster and set SLURM_CONF (see above)" >&2; exit 1; }

# time_submission (and the helpers it uses)
. "$(dirname "${BASH_SOURCE[0]}")/slurm-timing.sh"

mkdir -p "$work"
echo "shards,round,wall_seconds"
for round in $(seq 1 "$rounds"); do
    for shards in $shards_list; do
        output="$work/shards-$shards"
        seconds=$(time_submission "$sarhad" "$shards" "$output" "${sweep[@]}")
        printf '%s,%s,%.1f\n' "$shards" "$round" "$seconds"
        first="$work/shards-${shards_list%% *}"
        if [ "$output" != "$first" ]; then
            cmp -s "$first/sweep.csv" "$output/sweep.csv" || { echo "sweep.csv differs between $first and $output" >&2; exit 1; }
        fi
    done
done
