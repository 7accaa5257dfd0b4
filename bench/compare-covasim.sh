#!/usr/bin/env bash
# Sarhad against Covasim on the same epidemic: whole-process wall time, peak memory, and how well
# the two epidemics agree (attack rate, peak day). A benchmark, not a test: CI does not run it.
#
#   bench/compare-covasim.sh                 # 3 alternating pairs per case
#   RUNS=5 bench/compare-covasim.sh          # more pairs
#   CASES=1m RUNS=1 bench/compare-covasim.sh # one case only (1m, full)
#   WITH_COVASIM4=1 bench/compare-covasim.sh # also Covasim 4.0.1 (Starsim rewrite), own venv
#
# Cases
#   1m    1,000,000 agents, 180 days: Sarhad vs Covasim 3.1.9, pop_type='hybrid', same size.
#   full  Afghanistan's 38.4 M, 180 days: Sarhad with every resident an agent vs Covasim's
#         stand-in of 200,000 agents each worth 192 people (pop_scale=192, rescale=True).
#
# What it does: creates a virtual environment under .bench-venv/ (gitignored) and installs
# covasim==$COVASIM_VERSION from PyPI into it (once); builds Sarhad in release mode (an
# incremental no-op if it is up to date); writes the Sarhad scenario that mirrors Covasim's
# defaults (bench/covasim_to_sarhad.py, reading them from the installed Covasim); warms both up;
# then runs Sarhad and Covasim alternately, RUNS pairs per case, each timed as a whole process
# by /usr/bin/time (wall seconds, peak resident set), and prints the medians and ratios.
# The mapping and the calibration of Sarhad's r0 are in docs/COVASIM-COMPARISON.md.
#
# Settings (environment variables):
#   RUNS=3                 alternating Sarhad/Covasim pairs per case
#   CASES="1m full"        which cases
#   DAYS=180               Covasim n_days (Sarhad simulates the same days 0 … DAYS)
#   SEEDS=20               infections on day 0 (Covasim's default pop_infected)
#   AGENTS=1000000         agents in case 1m
#   FULL_POPULATION=38400000  STANDIN_AGENTS=200000   case full (pop_scale = the ratio)
#   SARHAD_R0=3.3          Sarhad disease.r0 matching Covasim's beta = 0.016 (see the doc)
#   SARHAD_OUTSIDE_PROVINCE_SHARE   empty: Sarhad's own mobility (3 % of contacts outside the
#                          province); e.g. 0.95: near-national mixing like Covasim's (slower)
#   COVASIM_WANING=off     Covasim use_waning; 'on' is Covasim 3's default (reinfections, which
#                          Sarhad does not model; it makes Covasim slower, not faster)
#   COVASIM_VERSION=3.1.9  WITH_COVASIM4=0 (1: also covasim==4.0.1 in its own venv)
#   VENV_DIR=.bench-venv   PYTHON=python3   SARHAD_BIN (skip the build and use this binary)
#   THREADS                Sarhad --threads (default: all cores)
#   OUT                    keep raw outputs here (default: a temporary directory, removed)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-3}"
CASES="${CASES:-1m full}"
DAYS="${DAYS:-180}"
SEEDS="${SEEDS:-20}"
AGENTS="${AGENTS:-1000000}"
FULL_POPULATION="${FULL_POPULATION:-38400000}"
STANDIN_AGENTS="${STANDIN_AGENTS:-200000}"
SARHAD_R0="${SARHAD_R0:-3.3}"
SARHAD_OUTSIDE_PROVINCE_SHARE="${SARHAD_OUTSIDE_PROVINCE_SHARE:-}"
COVASIM_WANING="${COVASIM_WANING:-off}"
COVASIM_VERSION="${COVASIM_VERSION:-3.1.9}"
COVASIM4_VERSION="${COVASIM4_VERSION:-4.0.1}"
WITH_COVASIM4="${WITH_COVASIM4:-0}"
VENV_DIR="${VENV_DIR:-$ROOT/.bench-venv}"
PYTHON="${PYTHON:-python3}"
THREADS="${THREADS:-}"
TIME=/usr/bin/time

log() { printf '%s\n' "$*" >&2; }
die() { log "compare-covasim: $*"; exit 1; }

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"
for c in $CASES; do [[ "$c" == 1m || "$c" == full ]] || die "unknown case '$c' in CASES (1m, full)"; done

# --- tools ---------------------------------------------------------------------------------------
if [[ ! -x "$TIME" ]]; then
    # GNU time (not the shell keyword) reports peak RSS; Debian ships it as the package 'time'.
    log "installing GNU time (apt-get install time)"
    sudo_cmd=(); [[ "$(id -u)" -ne 0 ]] && sudo_cmd=(sudo)
    { "${sudo_cmd[@]}" apt-get install -y time || { "${sudo_cmd[@]}" apt-get update && "${sudo_cmd[@]}" apt-get install -y time; }; } >&2 \
        || die "could not install GNU time; install the Debian package 'time'"
fi
command -v "$PYTHON" >/dev/null || die "$PYTHON not found"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$PYTHON is older than 3.11 (bench/covasim_to_sarhad.py needs tomllib)"

# make_venv DIR VERSION: a venv with covasim==VERSION, created and filled once.
make_venv() {
    local dir="$1" version="$2"
    if [[ ! -x "$dir/bin/python" ]]; then
        log "creating $dir"
        "$PYTHON" -m venv "$dir" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
    fi
    if ! "$dir/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('covasim') != '$version')" 2>/dev/null; then
        log "installing covasim==$version from PyPI into $dir (a few minutes the first time)"
        "$dir/bin/python" -m pip install --quiet --upgrade pip >&2
        "$dir/bin/python" -m pip install --quiet "covasim==$version" >&2
    fi
}

VENV3="$VENV_DIR/covasim-$COVASIM_VERSION"
make_venv "$VENV3" "$COVASIM_VERSION"
COVASIMS=("$COVASIM_VERSION:$VENV3")
if [[ "$WITH_COVASIM4" == 1 ]]; then
    VENV4="$VENV_DIR/covasim-$COVASIM4_VERSION"
    make_venv "$VENV4" "$COVASIM4_VERSION"
    COVASIMS+=("$COVASIM4_VERSION:$VENV4")
fi

if [[ -n "${SARHAD_BIN:-}" ]]; then
    [[ -x "$SARHAD_BIN" ]] || die "SARHAD_BIN=$SARHAD_BIN is not executable"
else
    if ! command -v swift >/dev/null && [[ -x /opt/swift/usr/bin/swift ]]; then PATH="/opt/swift/usr/bin:$PATH"; fi
    command -v swift >/dev/null || die "swift not found (put it on PATH, or set SARHAD_BIN)"
    log "building Sarhad (swift build -c release)"
    (cd "$ROOT" && swift build -c release --product sarhad >&2)
    SARHAD_BIN="$ROOT/.build/release/sarhad"
fi
SARHAD_ARGS=(--quiet)
[[ -n "$THREADS" ]] && SARHAD_ARGS+=(--threads "$THREADS")

if [[ -n "${OUT:-}" ]]; then
    OUT_GIVEN=1
    mkdir -p "$OUT"
else
    OUT="$(mktemp -d -t sarhad-covasim.XXXXXX)"
    trap 'rm -rf "$OUT"' EXIT
fi
RESULTS="$OUT/results.tsv"   # a line a run: case model wall_s rss_kb attack peak_day peak_new_day agents people peak_share
: > "$RESULTS"

# --- scenarios -----------------------------------------------------------------------------------
"$SARHAD_BIN" scenario show > "$OUT/sarhad-defaults.toml"
scenario() {  # scenario FILE AGENTS: the Sarhad twin of Covasim's default sim with AGENTS people
    local mobility=()
    [[ -n "$SARHAD_OUTSIDE_PROVINCE_SHARE" ]] && mobility=(--outside-province-share "$SARHAD_OUTSIDE_PROVINCE_SHARE")
    "$VENV3/bin/python" "$ROOT/bench/covasim_to_sarhad.py" --agents "$2" --seeds "$SEEDS" --days "$DAYS" \
        --r0 "$SARHAD_R0" "${mobility[@]}" --sarhad-defaults "$OUT/sarhad-defaults.toml" > "$1"
    "$SARHAD_BIN" scenario check "$1" >&2
}
scenario "$OUT/sarhad-1m.toml" "$AGENTS"
scenario "$OUT/sarhad-full.toml" "$FULL_POPULATION"

# --- one timed run of each side ------------------------------------------------------------------
# timed NAME CMD…: runs CMD under /usr/bin/time, stdout to $OUT/NAME.out; "wall_s rss_kb" in $OUT/NAME.time.
timed() {
    local name="$1"; shift
    if ! "$TIME" -f '%e %M' -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"; then
        log "failed: $*"; tail -n 20 "$OUT/$name.err" >&2; exit 1
    fi
}

run_sarhad() {  # run_sarhad CASE RUN
    local case="$1" i="$2" dir="$OUT/sarhad-$1-$2" wall rss
    timed "sarhad-$case-$i" "$SARHAD_BIN" run "$OUT/sarhad-$case.toml" --seed "$i" --output "$dir" "${SARHAD_ARGS[@]}"
    read -r wall rss < <(tail -n 1 "$OUT/sarhad-$case-$i.time")
    "$PYTHON" - "$dir" "$case" "$wall" "$rss" >> "$RESULTS" <<'EOF'
import csv, datetime as dt, json, sys
d, case, wall, rss = sys.argv[1:]
s = json.load(open(f"{d}/summary.json"))
start = dt.date.fromisoformat(s["start_date"])
day = lambda iso: (dt.date.fromisoformat(iso) - start).days
new = {r["date"]: float(r["value"]) for r in csv.DictReader(open(f"{d}/timeseries.csv"))
       if r["province"] == "national" and r["measure"] == "infections"}
n = s["simulated_agents"]
print("\t".join(map(str, [case, f"Sarhad {s['version']}", wall, rss, s["totals"]["infections"] / n,
                          day(s["peaks"]["infectious"]["date"]), day(max(new, key=new.get)), n, n,
                          s["peaks"]["infectious"]["value"] / n])))
EOF
    mv "$dir/summary.json" "$OUT/sarhad-$case-$i.summary.json"   # keep the phase timings
    rm -rf "$dir"
}

run_covasim() {  # run_covasim CASE RUN VERSION VENV
    local case="$1" i="$2" version="$3" venv="$4" wall rss size scale
    if [[ "$case" == 1m ]]; then size="$AGENTS"; scale=1
    else size="$STANDIN_AGENTS"; scale="$("$PYTHON" -c "print($FULL_POPULATION / $STANDIN_AGENTS)")"; fi
    timed "covasim$version-$case-$i" "$venv/bin/python" "$ROOT/bench/covasim_run.py" \
        --pop-size "$size" --pop-scale "$scale" --days "$DAYS" --seeds "$SEEDS" --seed "$i" --waning "$COVASIM_WANING"
    read -r wall rss < <(tail -n 1 "$OUT/covasim$version-$case-$i.time")
    "$PYTHON" - "$OUT/covasim$version-$case-$i.out" "$case" "$wall" "$rss" >> "$RESULTS" <<'EOF'
import json, sys
path, case, wall, rss = sys.argv[1:]
r = json.loads(open(path).read().strip().splitlines()[-1])
print("\t".join(map(str, [case, f"Covasim {r['version']}", wall, rss, r["attack_rate"],
                          r["peak_infectious_day"], r["peak_new_infections_day"], r["pop_size"], int(r["people"]),
                          r["peak_infectious"] / r["people"]])))
EOF
}

# --- warm-up (untimed): page cache for the binary, numba's compile cache for Covasim ---------------
log "warming up"
"$SARHAD_BIN" run "$OUT/sarhad-1m.toml" --end 2020-03-10 --output "$OUT/warmup" --quiet > /dev/null
for entry in "${COVASIMS[@]}"; do
    "${entry#*:}/bin/python" "$ROOT/bench/covasim_run.py" --pop-size 2000 --days 5 > /dev/null
done

# --- alternating runs ----------------------------------------------------------------------------
for case in $CASES; do
    for ((i = 1; i <= RUNS; i++)); do
        log "case $case, pair $i of $RUNS: Sarhad"
        run_sarhad "$case" "$i"
        for entry in "${COVASIMS[@]}"; do
            log "case $case, pair $i of $RUNS: Covasim ${entry%%:*}"
            run_covasim "$case" "$i" "${entry%%:*}" "${entry#*:}"
        done
    done
done

# --- table ---------------------------------------------------------------------------------------
"$PYTHON" - "$RESULTS" "$RUNS" "$(nproc)" "$SARHAD_R0" "$COVASIM_WANING" "${SARHAD_OUTSIDE_PROVINCE_SHARE:-default}" <<'EOF'
import statistics as st, sys
path, runs, cores, r0, waning, outside = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(path) if l.strip()]
titles = {"1m": "1 M agents, 180 days (same size)",
          "full": "38.4 M people: Sarhad every resident vs Covasim rescaled stand-in"}
print(f"\nSarhad vs Covasim: median of {runs} run(s) each, whole process, {cores} cores "
      f"(Sarhad r0 = {r0}, outside-province share {outside}; Covasim beta = 0.016, waning {waning})\n")
head = f"{'model':<16}{'agents':>12}{'people':>12}{'wall s':>9}{'peak RSS MB':>13}{'attack':>8}" \
       f"{'peak day':>10}{'peak %':>8}{'new-inf peak':>14}{'time ×':>9}{'RSS ×':>8}"
for case in dict.fromkeys(r[0] for r in rows):
    group = [r for r in rows if r[0] == case]
    models = list(dict.fromkeys(r[1] for r in group))
    med = {}
    for m in models:
        g = [r for r in group if r[1] == m]
        med[m] = dict(wall=st.median(float(r[2]) for r in g), rss=st.median(float(r[3]) for r in g) / 1024,
                      attack=st.median(float(r[4]) for r in g), peak=st.median(int(r[5]) for r in g),
                      newpeak=st.median(int(r[6]) for r in g), agents=int(g[0][7]), people=int(g[0][8]),
                      share=st.median(float(r[9]) for r in g))
    sarhad = next(m for m in models if m.startswith("Sarhad"))
    print(titles.get(case, case))
    print(head)
    for m in models:
        x = med[m]
        ratio = "" if m == sarhad else f"{x['wall'] / med[sarhad]['wall']:.1f}"
        rss = "" if m == sarhad else f"{x['rss'] / med[sarhad]['rss']:.1f}"
        print(f"{m:<16}{x['agents']:>12,}{x['people']:>12,}{x['wall']:>9.2f}{x['rss']:>13.0f}{x['attack']:>8.3f}"
              f"{x['peak']:>10g}{100 * x['share']:>8.1f}{x['newpeak']:>14g}{ratio:>9}{rss:>8}")
    print()
print("time × and RSS ×: Covasim's median divided by Sarhad's (above 1: Sarhad is faster / smaller).")
print("attack: share of people ever infected; peak day: day of most people infectious (day 0 = seeding);")
print("peak %: share of people infectious on that day; new-inf peak: day of most new infections.")
EOF
if [[ -n "${OUT_GIVEN:-}" ]]; then log "raw results and outputs in $OUT (results.tsv: one line a run)"; fi
