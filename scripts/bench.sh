#!/usr/bin/env bash
# The benchmark (issue 10), separate from the test command. Subcommands:
#   generate [--scale S] [--steps a,b] [--seed X]   fill the benchmark database (created
#             on first use: every addon of the suite, WITHOUT demo data); resumable, deterministic
#   run [run.py options]     measure on it and on a database with only the Odoo modules
#             the suite depends on (created on first use); prints the table, writes
#             bench/results/latest.json (or --json PATH)
#   http [--http-threads N] [--http-requests N]   concurrent bookings over JSON-RPC against
#             a multi-worker server started on LOHI_HTTP_PORT for the duration
#   all [--scale S]          generate, then run, then http
#   rounds [N]               issue 11's long concurrency rounds: 16 parallel bookings of one
#             slot, N rounds (default 100), on the benchmark database
#   drop                     drop the benchmark databases
# Databases: LOHI_BENCH_DB (lohi_bench) and LOHI_BENCH_BASE_DB (lohi_bench_base).
source "$(dirname "$0")/lib.sh"

BENCH_DB=${LOHI_BENCH_DB:-lohi_bench}
BASE_DB=${LOHI_BENCH_BASE_DB:-lohi_bench_base}
CONF=$LOHI_STATE/odoo-test.conf
BENCH_DIR=$LOHI_ROOT/bench

# The Odoo modules the suite depends on directly (the base database installs only them;
# Odoo adds their dependencies and auto-install modules in both databases alike).
odoo_deps() {
  "$PY" - "$LOHI_ROOT/addons" <<'PY'
import ast, pathlib, sys
deps = set()
for manifest in pathlib.Path(sys.argv[1]).glob("*/__manifest__.py"):
    deps.update(ast.literal_eval(manifest.read_text())["depends"])
print(",".join(sorted(d for d in deps if not d.startswith("lohi_"))))
PY
}

install_db() { # NAME MODULES LOG
  log "creating $1 with $2 (no demo data)"
  create_db "$1" >/dev/null
  if ! odoo_bin -c "$CONF" -d "$1" -i "$2" --without-demo=all --stop-after-init \
    --http-port $((TEST_HTTP_PORT + 20)) --logfile "$3"; then
    log "installation failed, see $3"
    drop_db "$1" >/dev/null
    exit 1
  fi
}

ensure_bench_db() {
  db_exists "$BENCH_DB" || install_db "$BENCH_DB" "$LOHI_MODULES" "$LOHI_STATE/bench-install.log"
}

ensure_base_db() {
  db_exists "$BASE_DB" || install_db "$BASE_DB" "$(odoo_deps)" "$LOHI_STATE/bench-base-install.log"
}

cmd_generate() {
  ensure_bench_db
  "$PY" "$BENCH_DIR/generate.py" -c "$CONF" -d "$BENCH_DB" "$@"
}

cmd_run() {
  ensure_bench_db
  ensure_base_db
  "$PY" "$BENCH_DIR/run.py" -c "$CONF" -d "$BENCH_DB" --base-db "$BASE_DB" "$@"
}

SERVER_PID=
stop_server() { # a second signal makes Odoo's prefork server stop without waiting
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 10); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

cmd_http() {
  ensure_bench_db
  local logfile=$LOHI_STATE/bench-http.log
  log "starting a 2-worker Odoo on 127.0.0.1:$HTTP_PORT for $BENCH_DB"
  # Not through the odoo_bin function: $! must be the server itself, to stop it after.
  "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$BENCH_DB" --db-filter="^$BENCH_DB\$" --workers=2 \
    --max-cron-threads=0 --http-port "$HTTP_PORT" --logfile "$logfile" --log-level=warn &
  SERVER_PID=$!
  trap stop_server EXIT
  for _ in $(seq 60); do
    curl -fs "http://127.0.0.1:$HTTP_PORT/web/webclient/version_info" -H 'Content-Type: application/json' \
      -d '{}' >/dev/null 2>&1 && break
    sleep 1
  done
  local rc=0
  "$PY" "$BENCH_DIR/run.py" -c "$CONF" -d "$BENCH_DB" --only http \
    --http-url "http://127.0.0.1:$HTTP_PORT" --json "$BENCH_DIR/results/http.json" "$@" || rc=$?
  stop_server
  return $rc
}

cmd_rounds() {
  ensure_bench_db
  LOHI_BOOKING_ROUNDS=${1:-100} "$PY" -m pytest -q -p no:cacheprovider \
    --odoo-config="$CONF" --odoo-database="$BENCH_DB" --odoo-log-level=warn \
    "$LOHI_ROOT/addons/lohi_appointments/tests/test_concurrency.py"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
setup_all
case "$cmd" in
  generate) cmd_generate "$@" ;;
  run) cmd_run "$@" ;;
  http) cmd_http "$@" ;;
  all)
    cmd_generate "$@"
    cmd_run
    cmd_http
    ;;
  rounds) cmd_rounds "$@" ;;
  drop)
    drop_db "$BENCH_DB"
    drop_db "$BASE_DB"
    ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
