#!/usr/bin/env bash
# Does the cost grow linearly with the input? Times `shimscan manifests` on generated corpora of 1x, 10x and 100x
# files, and `shimscan cluster` on simulated clusters of 1x, 10x and 100x pods, RUNS times each, and prints one
# Markdown table: the median wall and CPU time, the cost per file or per pod, and that cost against the 1x cost
# (linear growth keeps it at 1.00; JVM start-up, a fixed cost, makes the smallest size the dearest per unit), and
# the wall time per unit added since the previous size (fixed costs cancel out: linear growth keeps it flat).
# Documented in docs/benchmarks.md; not a test.
#
# Usage: bench/growth.sh [manifests] [cluster]          (default: both)
# Environment:
#   RUNS=3                                   timed runs of each size (after one untimed warm-up run)
#   FILES_SIZES="2000 20000 200000"          manifest corpora, in files (~11 KB each: 22 MB, 220 MB, 2.2 GB);
#                                            each in ${TMPDIR:-/tmp}/shimscan-bench-corpus-$FILES, generated with
#                                            bench/generate-corpus.py (fixed seed) when missing and kept
#   CLUSTER_SIZES="50/500 500/5000 5000/50000"   simulated clusters, NODES/PODS (bench/cluster-bench.sh's server)
#   JAVA_OPTS=                               passed to ./shimscan for the manifest scans (launcher flags first)
#   CLUSTER_JAVA_OPTS=-Xmx256m               JVM flags of the cluster audits (java -jar shimscan.jar cluster)
#
# Manifest scans run `./shimscan manifests --format json -o /dev/null DIR` (a cold JVM each time, the launcher's
# flags); a run during which the launcher rebuilt the jar is run again. Cluster audits run
# `java $CLUSTER_JAVA_OPTS -jar scanner-cli/target/shimscan.jar cluster --kubeconfig K -o json=/dev/null
# --fail-on never` against the test API server (its own JVM on 127.0.0.1, started once per size, one unmeasured
# audit first to warm its JIT). CPU time is user + system of the measured command only: the API server's CPU is
# not in it (it is in the wall time). For clusters, "bytes" is the JSON of the pod, node, DaemonSet, Deployment
# and ReplicaSet lists as the server sends them unpaged (read once with kubectl; "-" without kubectl).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
FILES_SIZES=${FILES_SIZES:-2000 20000 200000}
CLUSTER_SIZES=${CLUSTER_SIZES:-50/500 500/5000 5000/50000}
CLUSTER_JAVA_OPTS=${CLUSTER_JAVA_OPTS:--Xmx256m}
JAR="$ROOT/scanner-cli/target/shimscan.jar"

PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(manifests cluster)
for part in "${PARTS[@]}"; do
    case $part in
        manifests|cluster) ;;
        *) echo "usage: bench/growth.sh [manifests] [cluster]" >&2; exit 2 ;;
    esac
done
wants() { case " ${PARTS[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

WORK=$(mktemp -d)
SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# one line per timed run: kind|units|bytes|wall_ms|cpu_ms|nodes
RESULTS="$WORK/results.txt"
: > "$RESULTS"

# shellcheck source=bench/timing.sh
. "$ROOT/bench/timing.sh"
if [ ! -f "$JAR" ]; then
    echo "building $JAR" >&2
    mvn -B -q -DskipTests package >&2
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if wants manifests; then
    jar_stamp() { stat -c %Y "$JAR"; }
    for files in $FILES_SIZES; do
        dir=${TMPDIR:-/tmp}/shimscan-bench-corpus-$files
        if [ ! -d "$dir" ]; then
            echo "generating $files files into $dir" >&2
            python3 bench/generate-corpus.py "$dir" "$files" > /dev/null
        fi
        count=$(find "$dir" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | wc -l)
        bytes=$(find "$dir" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -printf '%s\n' \
            | awk '{ s += $1 } END { print s + 0 }')
        scan=(./shimscan manifests --format json -o /dev/null "$dir")
        # warm-up: the launcher rebuilds a stale jar, the corpus lands in the page cache
        time_run "0 1" "${scan[@]}" > /dev/null
        for i in $(seq 1 "$RUNS"); do
            while :; do
                before=$(jar_stamp)
                read -r wall cpu <<< "$(time_run "0 1" "${scan[@]}")"
                [ "$(jar_stamp)" = "$before" ] && break
                echo "the launcher rebuilt the jar (${wall} ms); running again" >&2
            done
            echo "manifests|$count|$bytes|$wall|$cpu|" >> "$RESULTS"
            echo "manifests $count files, run $i: wall $wall ms, CPU $cpu ms" >&2
        done
    done
fi

if wants cluster; then
    mvn -B -q -pl scanner-core test-compile >&2
    mvn -B -q -pl scanner-core dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$WORK/cp.txt" >&2
    CP="scanner-core/target/test-classes:scanner-core/target/classes:$(cat "$WORK/cp.txt")"
    for size in $CLUSTER_SIZES; do
        nodes=${size%/*}
        pods=${size#*/}
        kubeconfig="$WORK/kubeconfig-$nodes-$pods"
        log="$WORK/server-$nodes-$pods.log"
        java -Xmx4g -cp "$CP" dev.shimscan.core.source.cluster.testing.BenchApiServer "$kubeconfig" "$nodes" "$pods" \
            > "$log" 2>&1 &
        SERVER_PID=$!
        until grep -q READY "$log"; do
            kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; exit 1; }
            sleep 1
        done
        bytes=-
        if command -v kubectl > /dev/null 2>&1; then
            bytes=0
            for path in /api/v1/pods /api/v1/nodes /apis/apps/v1/daemonsets /apis/apps/v1/deployments \
                        /apis/apps/v1/replicasets; do
                n=$(kubectl --kubeconfig "$kubeconfig" get --raw "$path" | wc -c)
                bytes=$((bytes + n))
            done
        fi
        # shellcheck disable=SC2086 # CLUSTER_JAVA_OPTS holds several flags
        audit=(java $CLUSTER_JAVA_OPTS -jar "$JAR" cluster --kubeconfig "$kubeconfig" --request-timeout 2m
               -o json=/dev/null --fail-on never)
        time_run 0 "${audit[@]}" > /dev/null # warm-up: the server's JIT
        for i in $(seq 1 "$RUNS"); do
            read -r wall cpu <<< "$(time_run 0 "${audit[@]}")"
            echo "cluster|$pods|$bytes|$wall|$cpu|$nodes" >> "$RESULTS"
            echo "cluster $nodes nodes / $pods pods, run $i: wall $wall ms, CPU $cpu ms" >&2
        done
        stop_server
    done
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "machine:  $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM;" \
     "$(java -version 2>&1 | head -n 1)"
echo "checkout: $(git rev-parse --short HEAD 2>/dev/null || echo "not a git checkout");" \
     "JAVA_OPTS='${JAVA_OPTS:-}', CLUSTER_JAVA_OPTS='$CLUSTER_JAVA_OPTS'"
echo "runs:     $RUNS of each size after one untimed warm-up run; load $load_before before, $load_after after"
echo
python3 - "$RESULTS" <<'EOF'
import statistics, sys

runs = {}
for line in open(sys.argv[1]):
    kind, units, size, wall, cpu, nodes = line.rstrip("\n").split("|")
    runs.setdefault((kind, int(units), size, nodes), []).append((int(wall) / 1000, int(cpu) / 1000))

def cost(seconds):  # per file or per pod
    return "%.2f ms" % (seconds * 1000) if abs(seconds) >= 0.001 else "%.1f µs" % (seconds * 1e6)

print("| command | size | files or pods | bytes | median wall | median CPU | wall per unit | CPU per unit"
      " | wall per unit vs 1x | CPU per unit vs 1x | wall per added unit |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
first = {}
previous = {}
for (kind, units, size, nodes), rs in runs.items():
    wall = statistics.median(r[0] for r in rs)
    cpu = statistics.median(r[1] for r in rs)
    base = first.setdefault(kind, (units, wall / units, cpu / units))
    label = "%gx" % (units / base[0])
    what = "%d files" % units if kind == "manifests" else "%d pods (%s nodes)" % (units, nodes)
    command = "`shimscan manifests`" if kind == "manifests" else "`shimscan cluster`"
    # the cost of the units added since the previous size: fixed costs (JVM start-up) cancel out
    added = "-"
    if kind in previous and units > previous[kind][0]:
        added = cost((wall - previous[kind][1]) / (units - previous[kind][0]))
    previous[kind] = (units, wall)
    print("| %s | %s | %s | %s | %.2f s | %.2f s | %s | %s | %.2f | %.2f | %s |" % (
        command, label, what, size if size == "-" else "{:,}".format(int(size)), wall, cpu, cost(wall / units),
        cost(cpu / units), wall / units / base[1], cpu / units / base[2], added))
print()
print("median of %s runs each; wall times of every run (s):" % ", ".join(sorted({str(len(r)) for r in runs.values()})))
for (kind, units, size, nodes), rs in runs.items():
    print("  %-9s %8d %s: %s" % (kind, units, "files" if kind == "manifests" else "pods",
                                 " ".join("%.2f" % r[0] for r in rs)))
EOF
