#!/usr/bin/env bash
# Starts demo nodes on this machine as one NATS cluster "demo". Node n (from 1) listens on
#   HTTP_PORT+n-1 (http), NATS_PORT+n-1 (clients), CLUSTER_PORT+n-1 (routes); nodes 2.. are seeded with node 1.
# Defaults: HTTP_PORT=8081 NATS_PORT=4222 CLUSTER_PORT=6222 NODES=3, e.g.
#   HTTP_PORT=9081 NATS_PORT=5222 CLUSTER_PORT=7222 demo-app/run-cluster.sh
# Each node must answer UP on /actuator/health within HEALTH_TIMEOUT seconds (default 90); if one cannot start
# (a port in use, ...) everything is stopped and the reason printed.
# Build first: mvn -B -DskipTests package   (from the repository root)
# Logs go to demo-app/target/node-N.log; Ctrl-C stops all nodes.
set -euo pipefail

HTTP_PORT=${HTTP_PORT:-8081}
NATS_PORT=${NATS_PORT:-4222}
CLUSTER_PORT=${CLUSTER_PORT:-6222}
NODES=${NODES:-3}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-90}

cd "$(dirname "$0")"
JAR=target/demo-app.jar
if [[ ! -f "$JAR" ]]; then
  echo "No $JAR: run 'mvn -B -DskipTests package' from the repository root first" >&2
  exit 1
fi
command -v curl >/dev/null || { echo "run-cluster.sh needs curl to check the nodes' health" >&2; exit 1; }

http_port() { echo $((HTTP_PORT + $1 - 1)); }
nats_port() { echo $((NATS_PORT + $1 - 1)); }
cluster_port() { echo $((CLUSTER_PORT + $1 - 1)); }

pids=()
reported=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'echo; echo "Stopping the cluster."; exit 130' INT TERM

fail() {
  echo >&2
  echo "$1" >&2
  [[ ${#pids[@]} -gt 0 ]] && echo "Stopping the nodes already started." >&2
  exit 1
}

# A port something already listens on would make a node fail (or, for HTTP, answer for another process).
for n in $(seq 1 "$NODES"); do
  for kind in http nats cluster; do
    port=$("${kind}_port" "$n")
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      fail "Port $port ($kind port of node $n) is in use: stop what listens there, or choose other ports, e.g.
  HTTP_PORT=$((HTTP_PORT + 1000)) NATS_PORT=$((NATS_PORT + 1000)) CLUSTER_PORT=$((CLUSTER_PORT + 1000)) $0"
    fi
  done
done

start_node() {
  local n=$1
  local args=(--server.port="$(http_port "$n")" --nats.server.port="$(nats_port "$n")"
              --nats.server.cluster.port="$(cluster_port "$n")")
  if [[ $n -gt 1 ]]; then
    args+=(--nats.server.cluster.routes="nats://127.0.0.1:$(cluster_port 1)")
  fi
  java -jar "$JAR" "${args[@]}" > "target/node-$n.log" 2>&1 &
  pids[n - 1]=$!
  echo "node $n: pid $! starting (http $(http_port "$n"), nats $(nats_port "$n"), cluster $(cluster_port "$n"), log demo-app/target/node-$n.log)"
}

# Polls the node's health until UP; stops everything if the process ends or the time is up.
await_healthy() {
  local n=$1 pid=${pids[$1 - 1]} url="http://127.0.0.1:$(http_port "$1")/actuator/health" deadline=$((SECONDS + HEALTH_TIMEOUT))
  local status=""
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo >&2
      echo "node $n (pid $pid) exited before it was healthy; the end of demo-app/target/node-$n.log:" >&2
      sed -n '/APPLICATION FAILED TO START/,$p' "target/node-$n.log" | head -n 20 >&2
      grep -q 'APPLICATION FAILED TO START' "target/node-$n.log" || tail -n 20 "target/node-$n.log" >&2
      fail "Node $n could not start."
    fi
    # the overall status is the top-level "status" field, the JSON's last (or first) one
    status=$(curl -s --max-time 2 "$url" | sed -n -e 's/^{"status":"\([A-Z_]*\)".*/\1/p;t' \
                                                  -e 's/.*"status":"\([A-Z_]*\)"}$/\1/p' || true)
    if [[ $status == UP ]]; then
      echo "node $n: UP at http://localhost:$(http_port "$n") (nats://localhost:$(nats_port "$n"))"
      return
    fi
    if (( SECONDS >= deadline )); then
      fail "Node $n was not healthy within ${HEALTH_TIMEOUT} s (last status: ${status:-no answer} from $url); see demo-app/target/node-$n.log"
    fi
    sleep 1
  done
}

start_node 1
await_healthy 1          # the seed first: the others dial its route port
for n in $(seq 2 "$NODES"); do
  start_node "$n"
done
for n in $(seq 2 "$NODES"); do
  await_healthy "$n"
done

h1=$(http_port 1); h2=$(http_port 2); hl=$(http_port "$NODES")
cat <<USAGE

All $NODES nodes are UP. Try:
  curl -s -XPOST localhost:$h1/orders -H 'Content-Type: application/json' -d '{"item":"apple","quantity":2}'
  curl -s 'localhost:$h2/quote?item=pear'
  curl -s localhost:$h1/handled; curl -s localhost:$h2/handled; curl -s localhost:$hl/handled
  curl -s localhost:$hl/actuator/nats
Node pids: ${pids[*]} (kill one to see the others carry on). Ctrl-C stops the cluster.
USAGE

# Until Ctrl-C. A node that ends (killed to try fail-over, or failing) is reported; the others keep running.
set +e
running=("${pids[@]}")
while (( ${#running[@]} > 0 )); do
  wait -n "${running[@]}"
  running=()
  for n in $(seq 1 "$NODES"); do
    pid=${pids[n - 1]}
    if kill -0 "$pid" 2>/dev/null; then
      running+=("$pid")
    elif [[ -z ${reported[n]:-} ]]; then
      reported[n]=1
      echo "node $n (pid $pid) has stopped; see demo-app/target/node-$n.log"
    fi
  done
done
echo "No node is left running."
