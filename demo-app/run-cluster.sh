#!/usr/bin/env bash
# Starts three demo nodes on this machine as one NATS cluster "demo":
#   node 1: http 8081, nats 4222, cluster 6222 (the seed)
#   node 2: http 8082, nats 4223, cluster 6223, route to the seed
#   node 3: http 8083, nats 4224, cluster 6224, route to the seed
# Build first: mvn -B -DskipTests package   (from the repository root)
# Logs go to demo-app/target/node-N.log; Ctrl-C stops all three.
set -euo pipefail

cd "$(dirname "$0")"
JAR=target/demo-app.jar
if [[ ! -f "$JAR" ]]; then
  echo "No $JAR: run 'mvn -B -DskipTests package' from the repository root first" >&2
  exit 1
fi

SEED=nats://127.0.0.1:6222
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

for n in 1 2 3; do
  args=(--server.port=$((8080 + n)) --nats.server.port=$((4221 + n)) --nats.server.cluster.port=$((6221 + n)))
  if [[ $n -gt 1 ]]; then
    args+=(--nats.server.cluster.routes=$SEED)
  fi
  java -jar "$JAR" "${args[@]}" > "target/node-$n.log" 2>&1 &
  pids+=($!)
  echo "node $n: pid $! http://localhost:$((8080 + n)) nats://localhost:$((4221 + n)) (log target/node-$n.log)"
  if [[ $n -eq 1 ]]; then
    sleep 3 # let the seed bind its route port first
  fi
done

cat <<'USAGE'

Try:
  curl -s -XPOST localhost:8081/orders -H 'Content-Type: application/json' -d '{"item":"apple","quantity":2}'
  curl -s 'localhost:8082/quote?item=pear'
  curl -s localhost:8081/handled; curl -s localhost:8082/handled; curl -s localhost:8083/handled
  curl -s localhost:8083/actuator/nats
Ctrl-C stops the cluster.
USAGE
wait
