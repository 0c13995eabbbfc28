#!/usr/bin/env bash
# Starts the release build on a fresh demo database and runs Playwright against it.
set -euo pipefail
cd "$(dirname "$0")/.."
# The binary under test: .ci/test names it; otherwise the target directory this shell
# builds into (`cargo leptos end-to-end --release` without the scripts: ./target).
BIN=${KT_E2E_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/konfigurationstool}
source .ci/env
PORT=${KT_E2E_PORT:-3100}
DIR=$(mktemp -d /tmp/kt-e2e.XXXXXX)
export DATABASE_URL="sqlite://$DIR/e2e.db"
export LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=konfigurationstool
"$BIN" seed --demo
for u in e2e-pw-mit-js e2e-pw-ohne-js; do
  echo "Demo-Passwort-2026" | "$BIN" user add "$u" --name "Testkonto $u" --role agentur-admin --scope kiel
done
# The directive flow without JavaScript brings Flensburg into line (Kiel: with JavaScript).
echo "Demo-Passwort-2026" | "$BIN" user add e2e-aa-flensburg --name "Testkonto Flensburg" --role agentur-admin --scope flensburg
# Heide's admin tries to unlock the Liegenschaftspostfach the Zentrale's batch locks.
echo "Demo-Passwort-2026" | "$BIN" user add e2e-aa-heide --name "Testkonto Heide" --role agentur-admin --scope heide
# A display name that Excel would run as a formula: the CSV export must neutralise it.
echo "Demo-Passwort-2026" | "$BIN" user add e2e-formel --name "=SUMME(1;2)" --role agentur-admin --scope kiel
# Both roles at once: files for Kiel and reviews for RD Nord (four-eyes test).
echo "Demo-Passwort-2026" | "$BIN" user add e2e-doppelrolle --name "Testkonto Doppelrolle" --role agentur-admin --scope kiel
"$BIN" user grant e2e-doppelrolle --role rd-pruefer --scope nord
KT_BIND="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve >"$DIR/server.log" 2>&1 9>&- &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $PID 2>/dev/null; then cat "$DIR/server.log"; exit 1; fi
  sleep 0.1
done
cd end2end
[ -d node_modules ] || npm ci --no-audit --no-fund
KT_E2E_BASE_URL="http://127.0.0.1:$PORT" npx playwright test "$@" || { echo "--- Serverlog ---"; tail -50 "$DIR/server.log"; exit 1; }
