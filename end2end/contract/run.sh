#!/usr/bin/env bash
# The API contract against the release build: the OpenAPI document validates (OpenAPI
# 3.1), then Schemathesis generates requests from it – valid and invalid ones – signed
# in with an API key of a user who holds every role, and fails on any 5xx, any status or
# header or body the document does not describe, any invalid request that is accepted,
# and any invalid credential that is accepted. Prints Schemathesis's summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/env
BIN=${KT_E2E_BIN:-$KT_BIN}
VENV=${KT_CONTRACT_VENV:-$KT_TOOLS/contract-venv}
PORT=${KT_CONTRACT_PORT:-3200}
BASE="http://127.0.0.1:$PORT"
DIR=$(mktemp -d /tmp/kt-contract.XXXXXX)
export DATABASE_URL="sqlite://$DIR/contract.db"
export LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=konfigurationstool

"$BIN" openapi >"$DIR/openapi.json"
"$VENV/bin/python" -m openapi_spec_validator "$DIR/openapi.json"

"$BIN" seed --demo >/dev/null
# One account with every role, so every operation can succeed for it.
echo "Demo-Passwort-2026" | "$BIN" user add vertragstest --name "Vertragstest" --role zentrale >/dev/null
"$BIN" user grant vertragstest --role agentur-admin --scope kiel >/dev/null
"$BIN" user grant vertragstest --role rd-pruefer --scope nord >/dev/null
"$BIN" user grant vertragstest --role rim --scope nord >/dev/null
# Thousands of requests from one address: the rate limit is tested elsewhere.
KT_API_RATE=100000 KT_API_BURST=100000 KT_BIND="127.0.0.1:$PORT" RUST_LOG=warn \
  "$BIN" serve >"$DIR/server.log" 2>&1 9>&- &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "$BASE/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $PID 2>/dev/null; then cat "$DIR/server.log"; exit 1; fi
  sleep 0.1
done

# An API key, made as a person makes one: sign in, then create it with the password.
JAR="$DIR/cookies"
curl -fsS -c "$JAR" -b "$JAR" -H "Origin: $BASE" -o /dev/null \
  --data-urlencode benutzername=vertragstest --data-urlencode passwort=Demo-Passwort-2026 \
  "$BASE/api/anmelden"
TOKEN=$(curl -fsS -c "$JAR" -b "$JAR" -H "Origin: $BASE" \
  --data-urlencode name=Vertragstest --data-urlencode tage=1 \
  --data-urlencode passwort=Demo-Passwort-2026 "$BASE/api/schluessel/anlegen" |
  "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["secret"])')

# Real codes, numbers and ids for part of the generated requests, so they reach the
# logic behind "not found" (the demo's orders carry this year's number).
YEAR=$(date +%Y)
ORDERS=$(seq -f "\"ÄA-$YEAR-%06g\"" 1 14 | paste -sd, -)
cat >"$DIR/schemathesis.toml" <<TOML
[dictionaries]
agenturen = { values = ["kiel", "flensburg", "muenchen"] }
dienststellen = { values = ["kiel.kiel", "kiel.eckernfoerde", "kiel.ploen"] }
auftraege = { values = [$ORDERS] }
weisungen = { values = ["202509011", "202505010"] }
aktionen = { values = ["einreichen", "genehmigen", "umsetzen", "zurueckziehen"] }

[parameters]
"path.nummer" = { dictionary = "auftraege", probability = 0.6 }
"path.aktion" = { dictionary = "aktionen", probability = 0.5 }
"body.agentur" = { dictionary = "agenturen", probability = 0.6 }
"body.dienststelle" = { dictionary = "dienststellen", probability = 0.6 }

[[operations]]
include-path-regex = "^/api/v1/(agenturen|routing/agenturen)/"
parameters = { "path.kuerzel" = { dictionary = "agenturen", probability = 0.7 } }

[[operations]]
include-path-regex = "^/api/v1/(dienststellen|routing/dienststellen)/"
parameters = { "path.kuerzel" = { dictionary = "dienststellen", probability = 0.7 } }

[[operations]]
include-path-regex = "^/api/v1/weisungen/"
parameters = { "path.nummer" = { dictionary = "weisungen", probability = 0.7 } }
TOML

cd "$DIR"
status=0
# missing_required_header expects 400/422 for a missing If-Match; the API answers 428
# Precondition Required (RFC 6585), documented on every such operation and asserted by
# the integration tests (api_preconditions.rs).
"$VENV/bin/schemathesis" --no-color --config-file "$DIR/schemathesis.toml" run "$BASE/api/v1/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance,missing_required_header \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "${KT_CONTRACT_EXAMPLES:-30}" \
  --workers 2 --request-timeout 10 \
  -H "Authorization: Bearer $TOKEN" \
  --seed "${KT_CONTRACT_SEED:-2026}" || status=$?
if [ "$status" != 0 ]; then
  echo "--- Serverlog ---"
  tail -30 "$DIR/server.log"
fi
exit "$status"
