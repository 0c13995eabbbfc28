#!/usr/bin/env bash
# Two server processes of the release build on two ports, one PostgreSQL database, each
# remembering sessions and users for a minute (KT_CACHE_SECONDS=60):
# - a session made on A works on B;
# - a logout on A, and a lock from the command line (a third process), are refused on
#   both at once – announced by the database, not waited out;
# - filings spread over both at once all succeed, with unique numbers.
# Needs KT_TEST_DATABASE_URL (a cluster where it may create and drop a database).
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/env
BIN=${KT_E2E_BIN:-$KT_BIN}
ADMIN=${KT_TEST_DATABASE_URL:?KT_TEST_DATABASE_URL nennt den PostgreSQL-Cluster}
NAME=kt_instances_$$
DIR=$(mktemp -d /tmp/kt-instances.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  psql -X "$ADMIN" -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
psql -X "$ADMIN" -qc "CREATE DATABASE $NAME"
export DATABASE_URL="${ADMIN%/*}/$NAME"
export LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=konfigurationstool
"$BIN" seed --demo >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() {
  KT_BIND="127.0.0.1:$1" KT_CACHE_SECONDS=60 KT_API_RATE=100000 KT_API_BURST=100000 RUST_LOG=warn \
    "$BIN" serve >"$DIR/server-$1.log" 2>&1 9>&- &
  PIDS+=($!)
}
PA=$(free_port); start "$PA"
PB=$(free_port); start "$PB"
A="http://127.0.0.1:$PA"; B="http://127.0.0.1:$PB"
for base in "$A" "$B"; do
  for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
done

now_ms() { date +%s%3N; }
fail() { echo "FEHLER: $*" >&2; tail -20 "$DIR"/server-*.log >&2; exit 1; }
sign_in() { # JAR BASE USER
  curl -fsS -c "$1" -b "$1" -H "Origin: $2" -o /dev/null \
    --data-urlencode "benutzername=$3" --data-urlencode passwort=Demo-Passwort-2026 "$2/api/anmelden"
}
status_with() { # COOKIEFILE BASE → HTTP status of a signed-in read
  curl -sS -b "$1" -o /dev/null -w '%{http_code}' "$2/api/v1/anliegen"
}
# Waits until COOKIEFILE is refused on BASE; prints the milliseconds it took.
refused_on() {
  local start; start=$(now_ms)
  while [ "$(status_with "$1" "$2")" = 200 ]; do
    [ $(($(now_ms) - start)) -lt 2000 ] || fail "nach 2 s auf $2 noch angenommen (Gedächtnis: 60 s)"
    sleep 0.01
  done
  echo $(($(now_ms) - start))
}

# 1. A session made on A works on B (and B now remembers it).
sign_in "$DIR/kiel" "$A" aa-kiel
for base in "$A" "$B" "$B"; do
  [ "$(status_with "$DIR/kiel" "$base")" = 200 ] || fail "Sitzung von A auf $base nicht angenommen"
done
# 2. Logout on A; the old cookie (kept aside: the logout clears the jar) is refused on B.
cp "$DIR/kiel" "$DIR/kiel-old"
curl -fsS -c "$DIR/kiel" -b "$DIR/kiel" -H "Origin: $A" -X POST -o /dev/null "$A/api/abmelden"
ms=$(refused_on "$DIR/kiel-old" "$B")
echo "Abmelden auf A: auf B abgelehnt nach $ms ms"
[ "$(status_with "$DIR/kiel-old" "$A")" = 401 ] || fail "altes Cookie auf A noch angenommen"
# 3. A lock from the command line ends the sessions on both servers.
sign_in "$DIR/rim" "$B" rim-nord
for base in "$A" "$B"; do
  [ "$(status_with "$DIR/rim" "$base")" = 200 ] || fail "rim-nord auf $base nicht angemeldet"
done
"$BIN" user lock rim-nord >/dev/null
echo "Sperre über die Kommandozeile: auf A abgelehnt nach $(refused_on "$DIR/rim" "$A") ms, auf B nach $(refused_on "$DIR/rim" "$B") ms"
# 4. 200 filings, 16 at a time, alternating between A and B: all succeed, numbers unique.
sign_in "$DIR/filer" "$A" aa-kiel
export A B DIR
start=$(now_ms)
seq 1 200 | xargs -P 16 -I{} bash -c '
  if [ $(({} % 2)) = 0 ]; then base=$A; else base=$B; fi
  curl -sS -b "$DIR/filer" -H "Origin: $base" -o /dev/null -w "%{http_code}\n" \
    --data-urlencode agentur=kiel --data-urlencode "begruendung=Last über zwei Instanzen" \
    --data-urlencode wirksam_ab=31.12.2099 "$base/api/auftrag/anlegen"' >"$DIR/codes"
took=$(($(now_ms) - start))
ok=$(grep -c '^200$' "$DIR/codes" || true)
read -r total distinct < <(psql -X "$DATABASE_URL" -At -F ' ' -c \
  "SELECT count(*), count(DISTINCT number) FROM orders WHERE justification = 'Last über zwei Instanzen'")
echo "Anlegen über beide Instanzen: $ok von 200 mit 200 beantwortet in $took ms; $total Aufträge, $distinct verschiedene Nummern"
[ "$ok" = 200 ] || fail "$(sort "$DIR/codes" | uniq -c | tr '\n' ' ')"
[ "$total" = 200 ] && [ "$distinct" = 200 ] || fail "Aufträge oder Nummern fehlen oder doppelt"
echo "Zwei Instanzen: alle Prüfungen bestanden"
