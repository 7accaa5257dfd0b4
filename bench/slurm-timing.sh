# Shared by bench/slurm-sweep.sh and bench/slurm-calibrate.sh (sourced, not run): timing a
# submission on the local cluster until its last merge job has completed.

# The last merge job recorded for OUTPUT (a chain's last step writes the outputs).
last_merge_job() {
    sed -n 's/.*"mergeJob" *: *"\([0-9]*\)".*/\1/p' "$1/slurm/jobs.json" | tail -n 1
}

seconds_since() {
    awk -v start="$1" -v end="$(date +%s.%N)" 'BEGIN { print end - start }'
}

# Seconds from `sarhad slurm submit --shards SHARDS -- COMMAND… --output OUTPUT` until squeue reports
# the last merge job COMPLETED: time_submission SARHAD SHARDS OUTPUT COMMAND…
time_submission() {
    local sarhad="$1" shards="$2" output="$3" start
    shift 3
    rm -rf "$output"
    start=$(date +%s.%N)
    "$sarhad" slurm submit --shards "$shards" -- "$@" --output "$output" >/dev/null
    wait_for_completion "$(last_merge_job "$output")" "$output"
    seconds_since "$start"
}

# Waits until squeue reports JOB COMPLETED (polled every 0.2 s); stops the benchmark if it failed.
wait_for_completion() {
    local job="$1" output="$2" state
    while :; do
        state=$(squeue --noheader --states=all --jobs="$job" --format=%T 2>/dev/null || true)
        case "$state" in
            COMPLETED) return ;;
            FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL)
                echo "merge job $job ended $state; see $output/slurm/logs" >&2; exit 1 ;;
        esac
        sleep 0.2
    done
}
