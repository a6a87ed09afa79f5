#!/usr/bin/env bash
# Backup/restore drill for PostgreSQL (docs/operations.md):
#   1. populate a scratch database the way production fills it: the all-in-one server with demo
#      data, running until its outbox and queues are drained (profiles, assessments, listings,
#      match sets, match requests, notifications, audit log, BullMQ's schema, the insights views);
#   2. pg_dump -Fc it; 3. pg_restore into a fresh database;
#   4. compare the row count of every table and materialized view in every schema; any difference
#      (or a failed dump/restore) fails the drill.
# Needs: a built tree (npm run build), psql/pg_dump/pg_restore of the server's major version, and a
# PostgreSQL superuser URL in ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ADMIN_URL=${ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
SERVER=${ADMIN_URL%/*}
SRC="srdi_backup_src_$$"
DST="srdi_backup_dst_$$"
WORK=$(mktemp -d)
DUMP="$WORK/srdi.dump"
APP_PID=""
APP_PORT=$((20000 + $$ % 20000))

cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $SRC WITH (FORCE)" -c "DROP DATABASE IF EXISTS $DST WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

q() { psql "$SERVER/$1" -XAtqc "$2"; }

echo "--- populate $SRC (all-in-one server with demo data)"
psql "$ADMIN_URL" -qc "CREATE DATABASE $SRC"
PORT="$APP_PORT" HOST=127.0.0.1 NODE_ENV=test DATABASE_URL="$SERVER/$SRC" DEMO_DATA=on LOG_LEVEL=warn \
  JWT_SECRET="backup-drill-secret-$(date +%s)-0123456789abcdef" \
  AUTHORITY_EMAIL=drill@authority.example AUTHORITY_PASSWORD=drill-password-1 \
  node dist/apps/all-in-one/src/main.js >"$WORK/app.log" 2>&1 &
APP_PID=$!
ready=0
for i in $(seq 1 60); do
  # Seeded, every outbox event relayed, and the match sets computed.
  if [[ "$(q "$SRC" "SELECT count(*) FROM organizations" 2>/dev/null || echo 0)" -gt 1 ]] \
    && [[ "$(q "$SRC" "SELECT count(*) FROM outbox_events WHERE published_at IS NULL" 2>/dev/null || echo 1)" -eq 0 ]] \
    && [[ "$(q "$SRC" "SELECT count(*) FROM matches" 2>/dev/null || echo 0)" -gt 0 ]]; then
    ready=1
    break
  fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the server exited early:"; cat "$WORK/app.log"; exit 1; fi
  sleep 1
done
if [[ $ready -ne 1 ]]; then echo "!!! the scratch database was not populated within 60 s:"; cat "$WORK/app.log"; exit 1; fi
# A few calls over HTTP, so the audit log has rows too (a login and a refused one).
for password in drill-password-1 wrong-password-1; do
  curl -s -o /dev/null -H 'content-type: application/json' "http://127.0.0.1:$APP_PORT/graphql" \
    -d "{\"query\":\"mutation { login(input: {email: \\\"drill@authority.example\\\", password: \\\"$password\\\"}) { accessToken } }\"}" || true
done
sleep 3 # let running jobs finish (insights refresh window, notifications)
kill -TERM "$APP_PID"; wait "$APP_PID" || true; APP_PID=""

echo "--- pg_dump -Fc $SRC"
pg_dump -Fc --no-owner -d "$SERVER/$SRC" -f "$DUMP"
echo "    $(du -h "$DUMP" | cut -f1) dump"

echo "--- pg_restore into $DST"
psql "$ADMIN_URL" -qc "CREATE DATABASE $DST"
pg_restore --no-owner --exit-on-error -d "$SERVER/$DST" "$DUMP"

COUNTS="SELECT n.nspname || '.' || c.relname || ' ' ||
               (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
         ORDER BY 1"
q "$SRC" "$COUNTS" >"$WORK/src.txt"
q "$DST" "$COUNTS" >"$WORK/dst.txt"
if ! diff -u "$WORK/src.txt" "$WORK/dst.txt"; then
  echo "!!! restored row counts differ from the source (diff above)"
  exit 1
fi
tables=$(wc -l <"$WORK/src.txt")
rows=$(awk '{s += $2} END {print s}' "$WORK/src.txt")
echo "--- backup/restore drill passed: $tables tables and views, $rows rows, counts equal"
awk '$2 > 0 {printf "    %-50s %s\n", $1, $2}' "$WORK/src.txt"
