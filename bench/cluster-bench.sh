#!/usr/bin/env bash
# Live-audit benchmark (documented in docs/benchmarks.md, not a test): a simulated cluster of NODES nodes and
# PODS pods served by the test API server (fabric8 CRUD mock + paging dispatcher) in its own JVM on 127.0.0.1,
# audited by `shimscan cluster` with -Xmx256m, next to the Kubernetes docs' own check
#   kubectl get pods -A -o jsonpath=... | grep docker.sock
# against the same server, in alternating rounds; prints every run and the medians.
#
# Usage: bench/cluster-bench.sh [NODES [PODS [LATENCY_MS]]]   (default 5000 50000 0)
#   LATENCY_MS        the server holds every answer back that long (a timer, so requests in flight wait side by
#                     side), as a distant API server would
#   ROUNDS=3          rounds; each runs every shimscan variant and kubectl once, in that order
#   VARIANTS="--max-requests 4"   shimscan variants, separated by ';' (e.g. "--max-requests 4;--max-requests 1")
#   WARMUP=1          unmeasured shimscan runs first (the server's own JIT warms up: its first audit costs it twice
#                     the CPU of the next ones)
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-5000}
PODS=${2:-50000}
LATENCY_MS=${3:-0}
ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:---max-requests 4}
WARMUP=${WARMUP:-1}
WORK=$(mktemp -d)
SERVER_PID=
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f scanner-cli/target/shimscan.jar ] || mvn -B -q -o -pl scanner-cli -am package -DskipTests
mvn -B -q -o -pl scanner-core test-compile
mvn -B -q -o -pl scanner-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="scanner-core/target/test-classes:scanner-core/target/classes:$(cat "$WORK/cp.txt")"

java -Xmx4g -cp "$CP" dev.shimscan.core.source.cluster.testing.BenchApiServer "$WORK/kubeconfig" "$NODES" "$PODS" \
    "$LATENCY_MS" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
until grep -q READY "$WORK/server.log"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
grep READY "$WORK/server.log"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $(kubectl version --client 2>/dev/null | head -1)"

TICKS=$(getconf CLK_TCK)
server_cpu() { sed 's/.*) //' "/proc/$SERVER_PID/stat" | awk -v t="$TICKS" '{printf "%.2f", ($12 + $13) / t}'; }

# one line per run: name|wall|user|sys|maxrss_kb|server_cpu_s|peak_heap_mb
RESULTS="$WORK/results.txt"
run_shimscan() { # $1 variant args, $2 run id
  local before after
  before=$(server_cpu)
  # shellcheck disable=SC2086
  /usr/bin/time -o "$WORK/time.txt" -f "%e|%U|%S|%M" java -Xmx256m -Xlog:gc:file="$WORK/gc-$2.log" \
      -jar scanner-cli/target/shimscan.jar cluster --kubeconfig "$WORK/kubeconfig" --request-timeout 2m $1 \
      -o json="$WORK/report-$2.json" --fail-on never 2>/dev/null || true
  after=$(server_cpu)
  local peak
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc-$2.log" | cut -dM -f1 | sort -n | tail -1)
  echo "shimscan $1|$(cat "$WORK/time.txt")|$(echo "$after - $before" | bc)|${peak:-0}" >> "$RESULTS"
}
run_kubectl() {
  local before after
  before=$(server_cpu)
  /usr/bin/time -o "$WORK/time.txt" -f "%e|%U|%S|%M" bash -c "kubectl --kubeconfig '$WORK/kubeconfig' get pods -A \
      -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\" \"}{.spec.volumes[*].hostPath.path}{\"\\n\"}{end}' \
      | grep docker.sock | wc -l > '$WORK/kubectl.out'"
  after=$(server_cpu)
  echo "kubectl pipeline|$(cat "$WORK/time.txt")|$(echo "$after - $before" | bc)|" >> "$RESULTS"
}

IFS=';' read -r -a VARIANT_LIST <<< "$VARIANTS"
for w in $(seq 1 "$WARMUP"); do
  java -Xmx256m -jar scanner-cli/target/shimscan.jar cluster --kubeconfig "$WORK/kubeconfig" --request-timeout 2m \
      -o json=/dev/null --fail-on never 2>/dev/null || true
  echo "warm-up run $w done (not measured)"
done
for round in $(seq 1 "$ROUNDS"); do
  i=0
  for variant in "${VARIANT_LIST[@]}"; do
    i=$((i + 1))
    run_shimscan "$variant" "$round-$i"
    tail -1 "$RESULTS" | awk -F'|' -v r="$round" '{printf "round %s  %-34s wall %6.2f s  user %6.2f s  sys %5.2f s  RSS %4d MB  peak heap %3s MB  server CPU %6.2f s\n", r, $1, $2, $3, $4, $5 / 1024, $7, $6}'
  done
  run_kubectl
  tail -1 "$RESULTS" | awk -F'|' -v r="$round" '{printf "round %s  %-34s wall %6.2f s  user %6.2f s  sys %5.2f s  RSS %4d MB                   server CPU %6.2f s\n", r, $1, $2, $3, $4, $5 / 1024, $6}'
done

echo "== server CPU over all runs: the mock answers every request on one Vert.x event-loop thread"
for task in /proc/"$SERVER_PID"/task/*; do # utime and stime are the 12th and 13th fields after "(comm) "
  echo "$(sed 's/.*) //' "$task/stat" | awk -v t="$TICKS" '{printf "%6.1f s", ($12 + $13) / t}')  $(cat "$task/comm")"
done | sort -rn | head -4 | sed 's/^/  /'
echo "  process total $(server_cpu) s (loading the objects included)"

echo "== what each found (first round)"
python3 - "$WORK/report-1-1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ds101 = [f for f in r["findings"] if f["ruleId"] == "DS101"]
print("shimscan: findings %d (DS101 %d, at owners with %d pods), objects %d, nodes %d, skipped %d" % (
    len(r["findings"]), len(ds101), sum(f.get("podCount") or 0 for f in ds101), r["summary"]["objectsScanned"],
    len(r["nodes"]), len(r["coverage"]["skipped"])))
print(r["clusters"][0]["verdict"])
PY
echo "kubectl pipeline: $(cat "$WORK/kubectl.out") lines with docker.sock"
if [ "$ROUNDS" -gt 1 ]; then
  for a in "$WORK"/report-*.json; do
    python3 - "$WORK/report-1-1.json" "$a" <<'PY' || echo "reports differ: $a"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for r in (a, b):
    r["scan"].pop("startedAt"); r["scan"].pop("durationMs")
sys.exit(0 if a == b else 1)
PY
  done
  echo "every shimscan report is the same apart from its start time and duration"
fi

echo "== medians over $ROUNDS rounds"
python3 - "$RESULTS" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_, rss, server, heap = line.rstrip("\n").split("|")
    runs.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss) / 1024, float(server),
                                      int(heap) if heap else None))
for name, rs in runs.items():
    med = lambda i: statistics.median(r[i] for r in rs)
    heap = [r[4] for r in rs if r[4] is not None]
    print("%-34s wall %6.2f s  CPU %6.2f s  RSS %4d MB  server CPU %6.2f s%s  (walls: %s)" % (
        name, med(0), med(1), med(2), med(3), "  peak heap %d MB" % max(heap) if heap else "",
        ", ".join("%.1f" % r[0] for r in rs)))
PY
