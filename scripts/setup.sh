#!/usr/bin/env bash
# Set up everything the suite needs on this machine (idempotent): system packages,
# the virtualenv with Odoo's and the project's requirements, the local PostgreSQL.
source "$(dirname "$0")/lib.sh"
setup_all
log "ready: Odoo $ODOO_SRC, venv $LOHI_VENV, PostgreSQL 127.0.0.1:$PG_PORT"
