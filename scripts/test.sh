#!/usr/bin/env bash
# The README's test command. Sets up what is missing, then runs every suite and ends with
# one line "N passed, N failed" that adds them all up:
#   static      checks that need no Odoo: ruff, pylint-odoo, manifests, .po files, scripts
#   install     every addon install together on an empty database, with demo data
#   install-nodemo  … and without demo data
#   pytest-odoo the addons' TransactionCase tests (pytest-odoo, real Odoo and PostgreSQL)
#   odoo-http   HttpCase and browser tests (Odoo's runner, headless Chromium)
#   logs        an ERROR or unexpected WARNING in an Odoo log fails the run
# Options: --lint-only (ruff and pylint only), --static-only, --keep (reuse the test db).
source "$(dirname "$0")/lib.sh"
set +e

MODE=all
KEEP=0
for a in "$@"; do
  case "$a" in
    --lint-only) MODE=lint ;;
    --static-only) MODE=static ;;
    --keep) KEEP=1 ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

OUT=$LOHI_STATE/test-results
mkdir -p "$OUT"
rm -f "$OUT"/*.xml "$OUT"/*.log "$OUT"/results.tsv
RESULTS=$OUT/results.tsv
: >"$RESULTS"
# record SUITE PASSED FAILED NOTE
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RESULTS"; }
# record_junit SUITE FILE: counts from a pytest JUnit XML file.
record_junit() {
  if [ -f "$2" ]; then
    read -r p f <<<"$(python3 "$LOHI_ROOT/scripts/junit_counts.py" "$2")"
    record "$1" "$p" "$f" "$2"
  else
    record "$1" 0 1 "no result file: the runner did not start (see the output above)"
  fi
}
finish() {
  python3 "$LOHI_ROOT/scripts/test_summary.py" "$RESULTS"
  exit $?
}

# ------------------------------------------------------------------ static (no Odoo)
if ! ensure_venv_tools; then
  record static 0 1 "could not install requirements-tools.txt"
  finish
fi
if [ "$MODE" = lint ]; then
  "$TOOLS_PY" -m pytest -q -p no:cacheprovider "$LOHI_ROOT/tests/static/test_lint.py" \
    --junitxml="$OUT/lint.xml"
  record_junit lint "$OUT/lint.xml"
  finish
fi
log "suite static: lint, manifests, translations files, scripts"
mkdir -p "${LOHI_STATIC_TESTS:-$LOHI_ROOT/tests/static}"
"$TOOLS_PY" -m pytest -q -p no:cacheprovider "${LOHI_STATIC_TESTS:-$LOHI_ROOT/tests/static}" --junitxml="$OUT/static.xml"
record_junit static "$OUT/static.xml"
[ "$MODE" = static ] && finish

# ------------------------------------------------------------------ Odoo suites
if ! odoo_found; then
  odoo_missing_paragraph
  for s in install install-nodemo pytest-odoo odoo-http; do
    record "$s" 0 1 "not run: Odoo 18.0 not found at ODOO_SRC"
  done
  finish
fi
if ! setup_all; then
  record setup 0 1 "set-up failed (see the output above)"
  finish
fi
CONF=$LOHI_STATE/odoo-test.conf
NODEMO_DB=${LOHI_TEST_DB}_nodemo

# install without demo data, in the background while the demo database installs
(
  drop_db "$NODEMO_DB" >/dev/null 2>&1
  create_db "$NODEMO_DB" >/dev/null
  odoo_bin -c "$CONF" -d "$NODEMO_DB" -i "$LOHI_MODULES" --without-demo=all \
    --stop-after-init --http-port $((TEST_HTTP_PORT + 10)) --logfile "$OUT/install-nodemo.log"
  echo $? >"$OUT/install-nodemo.rc"
) &
NODEMO_PID=$!

if [ "$KEEP" = 1 ] && db_exists "$LOHI_TEST_DB"; then
  log "suite install: reusing database $LOHI_TEST_DB (--keep)"
  record install 1 0 "reused (--keep)"
else
  log "suite install: fresh database $LOHI_TEST_DB with every addon and demo data"
  drop_db "$LOHI_TEST_DB" >/dev/null 2>&1
  create_db "$LOHI_TEST_DB" >/dev/null
  odoo_bin -c "$CONF" -d "$LOHI_TEST_DB" -i "$LOHI_MODULES" --stop-after-init \
    --logfile "$OUT/install.log"
  rc=$?
  "$PY" "$LOHI_ROOT/scripts/check_log.py" "$OUT/install.log"
  lrc=$?
  if [ $rc = 0 ] && [ $lrc = 0 ]; then record install 1 0 "$OUT/install.log"
  else record install 0 1 "exit $rc, log check $lrc: $OUT/install.log"; fi
fi

log "suite pytest-odoo: TransactionCase tests of every addon"
(cd "$LOHI_ROOT" && "$PY" -m pytest -q -p no:cacheprovider --odoo-config="$CONF" \
  --odoo-database="$LOHI_TEST_DB" --odoo-log-level=warn \
  --junitxml="$OUT/pytest-odoo.xml" addons)
record_junit pytest-odoo "$OUT/pytest-odoo.xml"

log "suite odoo-http: HttpCase and browser tests (Odoo's runner, headless Chromium)"
odoo_bin -c "$CONF" -d "$LOHI_TEST_DB" --test-enable --test-tags lohi_http \
  --stop-after-init --logfile "$OUT/odoo-http.log"
"$PY" "$LOHI_ROOT/scripts/check_log.py" --tests "$OUT/odoo-http.log" >>"$RESULTS"

wait "$NODEMO_PID"
rc=$(cat "$OUT/install-nodemo.rc" 2>/dev/null || echo 1)
"$PY" "$LOHI_ROOT/scripts/check_log.py" "$OUT/install-nodemo.log"
lrc=$?
if [ "$rc" = 0 ] && [ $lrc = 0 ]; then record install-nodemo 1 0 "$OUT/install-nodemo.log"
else record install-nodemo 0 1 "exit $rc, log check $lrc: $OUT/install-nodemo.log"; fi
[ "$KEEP" = 1 ] || drop_db "$NODEMO_DB" >/dev/null 2>&1
finish
