#!/usr/bin/env bash
# Times `shimscan manifests` on a generated corpus against `grep -rl docker.sock` on the same directory.
#
# Usage: bench/run-manifest-benchmark.sh [CORPUS_DIR]
#   CORPUS_DIR  default: ${TMPDIR:-/tmp}/shimscan-bench-corpus-$FILES; generated with bench/generate-corpus.py
#               (fixed seed) when it does not exist yet
# Environment:
#   RUNS=5      timed runs of each command, alternating shimscan and grep
#   FILES=20000 files to generate when the corpus is missing (issue 8's size: about 220 MB; generating it takes
#               about a minute)
#
# Every shimscan run is a cold JVM process: `./shimscan manifests --format json -o /dev/null DIR`.
# One untimed run of each command comes first: it builds the jar if the launcher finds it stale and puts the
# corpus in the page cache, so both commands are timed reading from memory.
# Reports the median wall time, files/s and MB/s (1 MB = 10^6 bytes) and the ratio of the medians.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
FILES=${FILES:-20000}
DIR=${1:-${TMPDIR:-/tmp}/shimscan-bench-corpus-$FILES}
JAR="$ROOT/scanner-cli/target/shimscan.jar"

if [ ! -d "$DIR" ]; then
    echo "generating $FILES files into $DIR" >&2
    python3 "$ROOT/bench/generate-corpus.py" "$DIR" "$FILES" >&2
fi
if [ ! -f "$JAR" ]; then
    echo "building $JAR" >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package)
fi

# shellcheck source=bench/timing.sh
. "$ROOT/bench/timing.sh"
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

file_count=$(find "$DIR" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | wc -l)
byte_count=$(find "$DIR" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -printf '%s\n' \
    | awk '{ s += $1 } END { print s }')

cd "$ROOT"
# shimscan exits 1 when it finds something at --fail-on (the generated corpus has Docker dependencies)
SCAN=(./shimscan manifests --format json -o /dev/null "$DIR")
GREP=(grep -rl docker.sock "$DIR")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "warm-up (untimed)" >&2
time_run "0 1" "${SCAN[@]}" > /dev/null
time_run "0 1" "${GREP[@]}" > /dev/null

scan_wall=(); scan_cpu=(); grep_wall=(); grep_cpu=()
jar_stamp() { stat -c %Y "$JAR"; }
for i in $(seq 1 "$RUNS"); do
    # the launcher rebuilds the jar when a source is newer: such a run timed a build, so it is run again
    while :; do
        before=$(jar_stamp)
        times=$(time_run "0 1" "${SCAN[@]}")
        read -r wall cpu <<< "$times"
        [ "$(jar_stamp)" = "$before" ] && break
        echo "run $i: the launcher rebuilt the jar (${wall} ms); running again" >&2
    done
    scan_wall+=("$wall"); scan_cpu+=("$cpu")
    times=$(time_run "0 1" "${GREP[@]}")
    read -r wall cpu <<< "$times"
    grep_wall+=("$wall"); grep_cpu+=("$cpu")
    echo "run $i: shimscan ${scan_wall[-1]} ms (CPU ${scan_cpu[-1]} ms), grep ${grep_wall[-1]} ms (CPU ${grep_cpu[-1]} ms)" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
scan_median=$(printf '%s\n' "${scan_wall[@]}" | median)
grep_median=$(printf '%s\n' "${grep_wall[@]}" | median)
scan_cpu_median=$(printf '%s\n' "${scan_cpu[@]}" | median)
grep_cpu_median=$(printf '%s\n' "${grep_cpu[@]}" | median)

# what each command found, from one more (untimed) run
report=$(mktemp)
trap 'rm -f "$report"' EXIT
set +e
./shimscan manifests --format json -o "$report" "$DIR" > /dev/null 2>&1
set -e
grep_hits=$("${GREP[@]}" | wc -l)

echo
echo "machine:  $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "java:     $(java -version 2>&1 | head -n 2 | tail -n 1); launcher flags as in ./shimscan, JAVA_OPTS='${JAVA_OPTS:-}'"
echo "checkout: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")"
echo "corpus:   $DIR: $file_count files, $byte_count bytes"
echo "runs:     $RUNS of each, alternating, after one untimed warm-up run of each"
echo "load:     $load_before before, $load_after after (1/5/15-minute load averages)"
echo
awk -v files="$file_count" -v bytes="$byte_count" -v s="$scan_median" -v g="$grep_median" \
    -v sc="$scan_cpu_median" -v gc="$grep_cpu_median" -v st="${scan_wall[*]}" -v gt="${grep_wall[*]}" 'BEGIN {
    printf "| command | median wall time | files/s | MB/s | median CPU time | wall times of all runs (ms) |\n"
    printf "|---|---:|---:|---:|---:|---|\n"
    printf "| `shimscan manifests --format json -o /dev/null` | %.2f s | %.0f | %.1f | %.2f s | %s |\n", s / 1000, files / (s / 1000), bytes / 1e6 / (s / 1000), sc / 1000, st
    printf "| `grep -rl docker.sock` | %.2f s | %.0f | %.1f | %.2f s | %s |\n", g / 1000, files / (g / 1000), bytes / 1e6 / (g / 1000), gc / 1000, gt
    printf "\nratio of the median wall times (shimscan / grep): %.1f\n", s / g
}'
echo
echo "grep -rl docker.sock: $grep_hits files"
python3 - "$report" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    r = json.load(f)
s = r["summary"]
files = {f["location"]["file"] for f in r["findings"] if "location" in f}
rules = ", ".join("%s %d" % (k, v) for k, v in sorted(s["byRule"].items()) if v)
print("shimscan: %d findings in %d files (%s); %d objects in %d files; %d coverage errors"
      % (s["findings"], len(files), rules or "none", s["objectsScanned"], s["filesScanned"],
         len(r["coverage"]["errors"])))
EOF
