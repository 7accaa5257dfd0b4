#!/usr/bin/env bash
# A small calibration run unsharded (one process) and as a Slurm chain of 1 and 2 shards per step:
# wall time from start (or `sarhad slurm submit`) to the outputs in place, and a check that every
# chain's outputs have the bytes of the unsharded run. A benchmark, not a test: CI does not run it.
# Results: docs/PERFORMANCE.md (the sharded calibration section).
#
#   scripts/slurm-local.sh start && eval "$(scripts/slurm-local.sh env)"
#   bench/slurm-calibrate.sh                # unsharded, shards 1 2; one round
#   ROUNDS=3 bench/slurm-calibrate.sh
#
# Settings (environment variables): SHARDS="1 2", ROUNDS=1 (the variants alternate within a round),
# SARHAD=.build/release/sarhad (built here if missing), WORK=/tmp/sarhad-slurm-calibrate.
set -euo pipefail
cd "$(dirname "$0")/.."

shards_list="${SHARDS:-1 2}"
rounds="${ROUNDS:-1}"
work="${WORK:-/tmp/sarhad-slurm-calibrate}"
sarhad="${SARHAD:-$PWD/.build/release/sarhad}"
calibrate=(calibrate --population-scale 0.01 --particles 100 --generations 3 --predictive 8 --end 2020-05-31 --quiet)
outputs=(posterior.csv generations.csv posterior-summary.csv hidden-epidemic.csv quantiles.csv scenario.toml)

if [ ! -x "$sarhad" ]; then
    swift build -c release --product sarhad
fi
command -v sbatch >/dev/null || { echo "sbatch not found: start a cluster and set SLURM_CONF (see above)" >&2; exit 1; }

# time_submission, seconds_since (and the helpers they use)
. "$(dirname "${BASH_SOURCE[0]}")/slurm-timing.sh"

time_unsharded() {
    local output="$1" start
    rm -rf "$output"
    start=$(date +%s.%N)
    "$sarhad" "${calibrate[@]}" --threads 2 --output "$output" >/dev/null
    seconds_since "$start"
}

mkdir -p "$work"
echo "variant,round,wall_seconds"
for round in $(seq 1 "$rounds"); do
    printf 'unsharded,%s,%.1f\n' "$round" "$(time_unsharded "$work/unsharded")"
    for shards in $shards_list; do
        output="$work/shards-$shards"
        printf 'shards-%s,%s,%.1f\n' "$shards" "$round" "$(time_submission "$sarhad" "$shards" "$output" "${calibrate[@]}")"
        for name in "${outputs[@]}"; do
            cmp -s "$work/unsharded/$name" "$output/$name" || { echo "$name differs between unsharded and $output" >&2; exit 1; }
        done
    done
done
