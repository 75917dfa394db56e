#!/usr/bin/env bash
# Restore a folder written by scripts/backup.sh into a NEW database (never over an existing
# one), with its filestore.
#
#   scripts/restore.sh FOLDER NEW_DB
#
# The files are checked against the SHA-256 sums of backup.txt first. The filestore goes to
# <data_dir>/filestore/NEW_DB, data_dir as for backup.sh ($LOHI_DATA_DIR, else the data_dir
# of $LOHI_ODOO_CONF, default the run configuration). The restored database gets a new
# database.uuid (it is a copy: it must not pass for the original with outside services).
source "$(dirname "$0")/lib.sh"

if [ $# -ne 2 ]; then
  log "usage: scripts/restore.sh FOLDER NEW_DB"
  exit 2
fi
SRC=$1
DB=$2
CONF=${LOHI_ODOO_CONF:-$LOHI_STATE/odoo.conf}

for file in db.dump filestore.tar.gz backup.txt; do
  if [ ! -f "$SRC/$file" ]; then
    log "$SRC/$file is missing: not a backup folder of scripts/backup.sh"
    exit 2
  fi
done
if ! (cd "$SRC" && grep -E '^[0-9a-f]{64}  ' backup.txt | sha256sum --check --quiet); then
  log "$SRC: the files do not match the checksums of backup.txt (damaged or altered)"
  exit 2
fi

# the cluster of this checkout: start it unless a server already answers on the port
psql_ -d postgres -tAc "SELECT 1" >/dev/null 2>&1 || ensure_pg
if db_exists "$DB"; then
  log "database '$DB' already exists: restore into a new name (nothing is overwritten)"
  exit 2
fi
if [ -n "${LOHI_DATA_DIR:-}" ]; then
  DATA_DIR=$LOHI_DATA_DIR
else
  DATA_DIR=$(sed -n 's/^data_dir *= *//p' "$CONF" 2>/dev/null | head -1)
fi
if [ -z "$DATA_DIR" ]; then
  log "no data_dir: set LOHI_DATA_DIR or LOHI_ODOO_CONF"
  exit 2
fi
FILESTORE=$DATA_DIR/filestore/$DB
if [ -e "$FILESTORE" ]; then
  log "$FILESTORE already exists: restore into a new name"
  exit 2
fi

log "restoring $SRC/db.dump into the new database '$DB'"
psql_ -d postgres -c "CREATE DATABASE \"$DB\" ENCODING 'unicode' LC_COLLATE 'C' TEMPLATE template0"
if ! "$PG_BIN/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction \
  -d "$DB" "$SRC/db.dump"; then
  log "pg_restore failed: dropping the half-made database '$DB'"
  drop_db "$DB" >/dev/null
  exit 1
fi
psql_ -d "$DB" -c "UPDATE ir_config_parameter SET value = gen_random_uuid()::text
  WHERE key = 'database.uuid'" >/dev/null

log "unpacking the filestore into $FILESTORE"
mkdir -p "$FILESTORE"
tar -C "$FILESTORE" -xzf "$SRC/filestore.tar.gz"
log "restored into '$DB' (filestore $FILESTORE)"
