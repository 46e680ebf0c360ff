#!/usr/bin/env bash
# Live-audit benchmark (documented in docs/benchmarks.md, not a test): a simulated cluster of NODES nodes and
# PODS pods served by the test API server (fabric8 CRUD mock + paging dispatcher) in its own JVM on 127.0.0.1,
# audited by `shimscan cluster` with JAVA_OPTS=-Xmx256m, next to the Kubernetes docs' own check
#   kubectl get pods -A -o jsonpath=... | grep docker.sock
# against the same server. Usage: bench/cluster-bench.sh [NODES [PODS]]   (default 5000 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-5000}
PODS=${2:-50000}
WORK=$(mktemp -d)
SERVER_PID=
trap 'kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f scanner-cli/target/shimscan.jar ] || mvn -B -q -o -pl scanner-cli -am package -DskipTests
mvn -B -q -o -pl scanner-core test-compile
mvn -B -q -o -pl scanner-core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="scanner-core/target/test-classes:scanner-core/target/classes:$(cat "$WORK/cp.txt")"

java -Xmx4g -cp "$CP" dev.shimscan.core.source.cluster.testing.BenchApiServer "$WORK/kubeconfig" "$NODES" "$PODS" \
    > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
until grep -q READY "$WORK/server.log"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
grep READY "$WORK/server.log"

echo "== shimscan cluster (JAVA_OPTS=-Xmx256m)"
/usr/bin/time -f "wall %e s, max RSS %M KB" java -Xmx256m -Xlog:gc:file="$WORK/gc.log" -jar scanner-cli/target/shimscan.jar \
    cluster --kubeconfig "$WORK/kubeconfig" --request-timeout 2m -o json="$WORK/report.json" --fail-on never \
    2> >(grep -v "^shimscan: wrote" >&2) || true
python3 - "$WORK/report.json" "$WORK/gc.log" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
ds101 = [f for f in r["findings"] if f["ruleId"] == "DS101"]
print("findings %d (DS101 %d, at owners with %d pods), objects %d, nodes %d" % (
    len(r["findings"]), len(ds101), sum(f.get("podCount") or 0 for f in ds101), r["summary"]["objectsScanned"],
    len(r["nodes"])))
print(r["clusters"][0]["verdict"])
peak = max([int(m) for m in re.findall(r"(\d+)M->\d+M", open(sys.argv[2]).read())] or [0])
print("peak heap before a GC: %d MB (limit 256 MB)" % peak)
PY

echo "== kubectl get pods -A -o jsonpath=... | grep docker.sock"
/usr/bin/time -f "wall %e s, max RSS %M KB" bash -c "kubectl --kubeconfig '$WORK/kubeconfig' get pods -A \
    -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{\" \"}{.spec.volumes[*].hostPath.path}{\"\\n\"}{end}' \
    | grep docker.sock | wc -l"
