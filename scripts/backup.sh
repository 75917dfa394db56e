#!/usr/bin/env bash
# Back up one database of the project: the PostgreSQL dump (pg_dump custom format) and the
# Odoo filestore (attachments: report PDFs, signed forms, …) into one folder.
#
#   scripts/backup.sh [DB] [FOLDER]
#
# DB defaults to the run database ($LOHI_DB, "lohi"); FOLDER to
# $LOHI_STATE/backups/<DB>-<UTC time>. The folder gets db.dump, filestore.tar.gz and
# backup.txt (database, time, installed Lohi addons, SHA-256 of both files). The filestore
# is read from the data_dir of $LOHI_ODOO_CONF (default: the run configuration), or from
# $LOHI_DATA_DIR when set. Restore with scripts/restore.sh FOLDER NEW_DB.
source "$(dirname "$0")/lib.sh"

DB=${1:-$LOHI_DB}
DEST=${2:-$LOHI_STATE/backups/$DB-$(date -u +%Y%m%dT%H%M%SZ)}
CONF=${LOHI_ODOO_CONF:-$LOHI_STATE/odoo.conf}

# data_dir: from the environment, else from the Odoo configuration.
data_dir() {
  if [ -n "${LOHI_DATA_DIR:-}" ]; then
    echo "$LOHI_DATA_DIR"
  elif [ -f "$CONF" ]; then
    sed -n 's/^data_dir *= *//p' "$CONF" | head -1
  fi
}

# the cluster of this checkout: start it unless a server already answers on the port
psql_ -d postgres -tAc "SELECT 1" >/dev/null 2>&1 || ensure_pg
if ! db_exists "$DB"; then
  log "no database '$DB' in the cluster on $PG_HOST:$PG_PORT: nothing to back up"
  exit 2
fi
if [ -e "$DEST" ] && [ -n "$(ls -A "$DEST" 2>/dev/null)" ]; then
  log "$DEST exists and is not empty: choose a new folder (a backup never overwrites one)"
  exit 2
fi
mkdir -p "$DEST"

log "dumping database '$DB' to $DEST/db.dump"
"$PG_BIN/pg_dump" --format=custom --no-owner --no-privileges -d "$DB" -f "$DEST/db.dump"

DATA_DIR=$(data_dir)
FILESTORE=${DATA_DIR:+$DATA_DIR/filestore/$DB}
if [ -n "$FILESTORE" ] && [ -d "$FILESTORE" ]; then
  log "archiving the filestore $FILESTORE"
  tar -C "$FILESTORE" -czf "$DEST/filestore.tar.gz" .
else
  log "no filestore for '$DB' (looked in '${FILESTORE:-no data_dir}'): an empty archive is written"
  tar -czf "$DEST/filestore.tar.gz" -T /dev/null
fi

{
  echo "database: $DB"
  echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "filestore: ${FILESTORE:-none}"
  echo "addons: $(psql_ -d "$DB" -tAc "SELECT string_agg(name || ' ' || latest_version, ', ' ORDER BY name)
    FROM ir_module_module WHERE state = 'installed' AND name LIKE 'lohi\_%'" 2>/dev/null || echo '?')"
  (cd "$DEST" && sha256sum db.dump filestore.tar.gz)
} >"$DEST/backup.txt"
log "backup of '$DB' written to $DEST"
echo "$DEST"
