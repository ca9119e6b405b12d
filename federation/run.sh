#!/usr/bin/env bash
# Tingwu, the 12345 hotline subgraph and the provincial gateway (Hive Gateway), all on 127.0.0.1
# (`make federation`), set up as in production: Tingwu runs with TINGWU_ENV=production (no introspection,
# its SDL only for the gateway's key), the gateway masks errors and polls the subgraphs for schema changes.
#   TINGWU_PORT (8000)  HOTLINE_PORT (4001)  GATEWAY_PORT (4000)  GATEWAY_POLL_SECONDS (10)
#   TINGWU_DATABASE_URL, TINGWU_JURISDICTIONS, TINGWU_ENV (production), TINGWU_SECRET_KEY,
#   TINGWU_GATEWAY_KEY: as for `tingwu serve`; a key or secret left unset is generated for this run
#   (tokens then last as long as the run).
# Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

TINGWU="${TINGWU:-.venv/bin/tingwu}"
export TINGWU_HOST=127.0.0.1
export TINGWU_ENV="${TINGWU_ENV:-production}"
random_key() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
if [ -z "${TINGWU_GATEWAY_KEY:-}" ]; then TINGWU_GATEWAY_KEY="$(random_key)"; fi
if [ -z "${TINGWU_SECRET_KEY:-}" ]; then
  TINGWU_SECRET_KEY="$(random_key)"
  echo "run.sh: TINGWU_SECRET_KEY generated for this run (set it to keep tokens across runs)"
fi
export TINGWU_GATEWAY_KEY TINGWU_SECRET_KEY
export TINGWU_PORT="${TINGWU_PORT:-8000}"
export HOTLINE_PORT="${HOTLINE_PORT:-4001}"
export GATEWAY_PORT="${GATEWAY_PORT:-4000}"
export TINGWU_URL="http://127.0.0.1:${TINGWU_PORT}/graphql"
export HOTLINE_URL="http://127.0.0.1:${HOTLINE_PORT}/graphql"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

wait_ready() {  # name url
  for _ in $(seq 1 100); do
    if curl -fs -o /dev/null -X POST -H 'content-type: application/json' \
         -d '{"query":"{ __typename }"}' "$2"; then
      echo "run.sh: $1 ready at $2"
      return 0
    fi
    sleep 0.3
  done
  echo "run.sh: $1 did not answer at $2" >&2
  exit 1
}

"$TINGWU" db upgrade
"$TINGWU" demo load || echo "run.sh: no demo data loaded; Tingwu serves what its database holds"

"$TINGWU" serve & pids+=($!)
node federation/hotline/server.js & pids+=($!)
wait_ready tingwu "$TINGWU_URL"
wait_ready hotline "$HOTLINE_URL"
node federation/gateway.js & pids+=($!)
wait_ready gateway "http://127.0.0.1:${GATEWAY_PORT}/graphql"
echo "run.sh: the provincial gateway is at http://127.0.0.1:${GATEWAY_PORT}/graphql, subscriptions at ws://127.0.0.1:${GATEWAY_PORT}/graphql (Ctrl-C stops everything)"
wait -n "${pids[@]}"
