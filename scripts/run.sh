#!/usr/bin/env bash
# The README's run command: set up if needed, create the demo database once (every addon under
# addons/, demo data, zh_CN), print the demo logins and serve http://localhost:8069.
source "$(dirname "$0")/lib.sh"
setup_all
CONF=$LOHI_STATE/odoo.conf
if ! db_exists "$LOHI_DB" || [ "$(psql_ -d "$LOHI_DB" -tAc \
  "SELECT count(*) FROM ir_module_module WHERE state='installed' AND name LIKE 'lohi\_%'" 2>/dev/null)" != 6 ]; then
  log "creating database '$LOHI_DB' with every Lohi addon and demo data (a few minutes)"
  drop_db "$LOHI_DB" >/dev/null
  create_db "$LOHI_DB" >/dev/null
  odoo_bin -c "$CONF" -d "$LOHI_DB" -i "$LOHI_MODULES" --stop-after-init \
    --logfile "$LOHI_STATE/install.log" || { log "install failed, see $LOHI_STATE/install.log"; exit 1; }
fi
"$PY" "$LOHI_ROOT/scripts/demo_logins.py" -c "$CONF" -d "$LOHI_DB"
log "serving the backend at http://localhost:$HTTP_PORT/odoo (portal: /my); Ctrl-C stops"
exec "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$LOHI_DB" ${LOHI_RUN_ARGS:-}
