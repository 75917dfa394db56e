#!/usr/bin/env bash
# Shared helpers for the Lohi Health scripts: where Odoo is, the virtualenv, the local
# PostgreSQL cluster. Sourced by scripts/*.sh; never run on its own.
set -euo pipefail

LOHI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOHI_CACHE=${LOHI_CACHE:-$HOME/.cache/lohi}
ODOO_SRC=${ODOO_SRC:-$HOME/.cache/lohi/odoo-18.0}
LOHI_VENV=${LOHI_VENV:-$LOHI_CACHE/venv-py311}
# Linters and the non-Odoo checks live in their own virtualenv: the OCA hooks pin
# polib 1.2 where Odoo pins 1.1.1.
LOHI_TOOLS_VENV=${LOHI_TOOLS_VENV:-$LOHI_CACHE/venv-tools}
LOHI_STATE=${LOHI_STATE:-$LOHI_ROOT/.local}
PGDATA_DIR=${LOHI_PGDATA:-$LOHI_STATE/pgdata}
PG_PORT=${LOHI_PG_PORT:-55432}
PG_HOST=127.0.0.1
PG_USER=lohi
PG_BIN=${LOHI_PG_BIN:-/usr/lib/postgresql/15/bin}
HTTP_PORT=${LOHI_HTTP_PORT:-8069}
TEST_HTTP_PORT=${LOHI_TEST_HTTP_PORT:-8169}
LOHI_DB=${LOHI_DB:-lohi}
LOHI_TEST_DB=${LOHI_TEST_DB:-lohi_test}
# Every addon under addons/ (a folder with a __manifest__.py), lohi_clients first.
LOHI_MODULES=${LOHI_MODULES:-$(cd "$LOHI_ROOT/addons" && { echo lohi_clients; ls -d */__manifest__.py 2>/dev/null \
  | cut -d/ -f1 | grep -vx lohi_clients; } | paste -sd, -)}
PY=$LOHI_VENV/bin/python
TOOLS_PY=$LOHI_TOOLS_VENV/bin/python
export PGHOST=$PG_HOST PGPORT=$PG_PORT PGUSER=$PG_USER

log() { printf '\033[1m[lohi]\033[0m %s\n' "$*" >&2; }

# odoo_missing_paragraph: the one paragraph every command prints when Odoo 18 is absent.
odoo_missing_paragraph() {
  cat >&2 <<MSG
Odoo 18.0 Community is a prerequisite and was not found: no Odoo 18.0 source tree at
ODOO_SRC=$ODOO_SRC (looked for $ODOO_SRC/odoo/release.py with version 18.0 and
$ODOO_SRC/odoo-bin). No package registry serves Odoo, so this project uses an Odoo
source tree in place and never downloads or builds one. Provide it by unpacking the
official Odoo 18.0 Community source archive (or a checkout of the 18.0 branch of Odoo's
repository) into $HOME/.cache/lohi/odoo-18.0, or set ODOO_SRC to the folder that holds
odoo-bin, then run the command again.
MSG
}

odoo_found() {
  [ -f "$ODOO_SRC/odoo-bin" ] && [ -f "$ODOO_SRC/odoo/release.py" ] &&
    grep -qE '^version_info = \(18, 0,' "$ODOO_SRC/odoo/release.py"
}

require_odoo() {
  if ! odoo_found; then
    odoo_missing_paragraph
    exit 3
  fi
}

# as_pg_owner CMD…: PostgreSQL refuses to run as root; when we are root, run the
# cluster as an unprivileged system user (created on first use).
PG_OS_USER=${LOHI_PG_OS_USER:-lohi-pg}
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && setpriv --reuid="$PG_OS_USER" --regid="$PG_OS_USER" --init-groups -- "$@")
  else
    "$@"
  fi
}

# ---------------------------------------------------------------- system packages
# apt packages the suite needs: PostgreSQL 15 (+contrib for pg_trgm/btree_gist),
# wkhtmltopdf (PDF reports), chromium (browser tests), headers for python-ldap,
# CJK fonts (Chinese PDFs and screenshots), gettext (msgmerge for i18n).
APT_PACKAGES=(postgresql-15 postgresql-contrib wkhtmltopdf chromium libldap2-dev libsasl2-dev
  libpq-dev fonts-noto-cjk gettext)
ensure_system_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing system packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "missing system packages (install them with apt-get as root): ${missing[*]}"
    return 1
  fi
}

# ---------------------------------------------------------------- virtualenv
# Two layers: the tools (lint, pytest, polib) that need no Odoo, then Odoo's own
# requirements (from ODOO_SRC/requirements.txt, with our Python 3.11 overrides) and the
# OCA addons (wheels, --no-deps). A stamp of the inputs' hashes skips work when nothing
# changed.
_stamp_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

_make_venv() {
  if [ ! -x "$1/bin/python" ]; then
    log "creating virtualenv $1"
    python3.11 -m venv "$1" 2>/dev/null || python3 -m venv "$1"
    "$1/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip wheel \
      'setuptools<81' >/dev/null
  fi
}

ensure_venv_tools() {
  _make_venv "$LOHI_TOOLS_VENV"
  local stamp; stamp=$(_stamp_of "$LOHI_ROOT/requirements-tools.txt")
  if [ "$(cat "$LOHI_TOOLS_VENV/.lohi-tools" 2>/dev/null)" != "$stamp" ]; then
    log "installing the project's tools (requirements-tools.txt)"
    "$TOOLS_PY" -m pip install -q --disable-pip-version-check -r "$LOHI_ROOT/requirements-tools.txt"
    echo "$stamp" >"$LOHI_TOOLS_VENV/.lohi-tools"
  fi
}

OCA_ADDONS_DIR() { "$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"] + "/odoo/addons")'; }

ensure_venv_odoo() {
  _make_venv "$LOHI_VENV"
  local stamp; stamp=$(_stamp_of "$ODOO_SRC/requirements.txt" "$LOHI_ROOT/requirements.txt" \
    "$LOHI_ROOT/requirements-odoo-overrides.txt" "$LOHI_ROOT/requirements-oca.txt")
  if [ "$(cat "$LOHI_VENV/.lohi-odoo" 2>/dev/null)" != "$stamp" ]; then
    log "installing Odoo's Python requirements and the project's (a few minutes the first time)"
    local tmp; tmp=$(mktemp)
    # Odoo's own pins, minus the ones overridden for Python 3.11 (see the overrides file).
    "$PY" "$LOHI_ROOT/scripts/odoo_requirements.py" "$ODOO_SRC/requirements.txt" \
      "$LOHI_ROOT/requirements-odoo-overrides.txt" >"$tmp"
    "$PY" -m pip install -q --disable-pip-version-check -r "$tmp" -r "$LOHI_ROOT/requirements-odoo-overrides.txt" \
      -r "$LOHI_ROOT/requirements.txt"
    rm -f "$tmp"
    # The OCA wheels declare a dependency on an 'odoo' distribution PyPI lacks.
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$LOHI_ROOT/requirements-oca.txt"
    echo "$stamp" >"$LOHI_VENV/.lohi-odoo"
  fi
  # Odoo is used in place: a .pth line puts ODOO_SRC on the venv's path (nothing copied).
  local purelib; purelib=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$ODOO_SRC" >"$purelib/lohi-odoo-src.pth"
}

# ---------------------------------------------------------------- PostgreSQL
# The data folder may be a link to /var/tmp (see ensure_pg): hand PostgreSQL the real path.
pg_ctl_() { as_pg_owner "$PG_BIN/pg_ctl" -D "$(readlink -f "$PGDATA_DIR")" "$@"; }

ensure_pg() {
  mkdir -p "$LOHI_STATE"
  if [ "$(id -u)" = 0 ] && ! id "$PG_OS_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    log "creating the project's PostgreSQL 15 cluster in $PGDATA_DIR (port $PG_PORT)"
    mkdir -p "$PGDATA_DIR"
    if [ "$(id -u)" = 0 ]; then
      chown "$PG_OS_USER:" "$PGDATA_DIR"
      # The server runs as $PG_OS_USER: if a parent folder of the checkout is closed to
      # it (a clone under /root, say), keep the data in /var/tmp and link it here.
      if ! as_pg_owner test -w "$PGDATA_DIR" 2>/dev/null; then
        local outside
        outside=/var/tmp/lohi-pgdata-$(printf '%s' "$PGDATA_DIR" | sha1sum | cut -c1-12)
        log "the checkout is closed to $PG_OS_USER: cluster data in $outside"
        rm -rf "$PGDATA_DIR" "$outside"
        mkdir -p "$outside"
        chown "$PG_OS_USER:" "$outside"
        ln -s "$outside" "$PGDATA_DIR"
      fi
    fi
    local real; real=$(readlink -f "$PGDATA_DIR")
    chmod 700 "$real"
    as_pg_owner "$PG_BIN/initdb" -D "$real" -U "$PG_USER" --auth=trust -E UTF8 \
      --locale=C.UTF-8 >/dev/null
    cat >>"$real/postgresql.conf" <<CONF
# lohi: project-local cluster, loopback only, no system socket
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
fsync = ${LOHI_PG_FSYNC:-on}
shared_buffers = ${LOHI_PG_SHARED_BUFFERS:-256MB}
max_connections = 200
CONF
  fi
  if ! pg_ctl_ status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    pg_ctl_ start -w -t 60 -l "$(readlink -f "$PGDATA_DIR")/server.log" >/dev/null
  fi
}

pg_stop() { [ -f "$PGDATA_DIR/PG_VERSION" ] && pg_ctl_ stop -m fast >/dev/null 2>&1 || true; }

psql_() { PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

db_exists() { [ "$(psql_ -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$1'")" = 1 ]; }

# create_db NAME: an empty database as Odoo makes it, plus the extensions the suite uses.
create_db() {
  psql_ -d postgres -c "CREATE DATABASE \"$1\" ENCODING 'unicode' LC_COLLATE 'C' TEMPLATE template0"
  psql_ -d "$1" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gist;"
}

drop_db() { psql_ -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"; }

# ---------------------------------------------------------------- Odoo config
# render_config TEMPLATE OUT: fill in the machine's paths and ports.
render_config() {
  local oca; oca=$(OCA_ADDONS_DIR)
  sed -e "s#@ODOO_SRC@#$ODOO_SRC#g" -e "s#@OCA_ADDONS@#$oca#g" -e "s#@ROOT@#$LOHI_ROOT#g" \
    -e "s#@STATE@#$LOHI_STATE#g" -e "s#@PG_PORT@#$PG_PORT#g" -e "s#@PG_USER@#$PG_USER#g" \
    -e "s#@HTTP_PORT@#$HTTP_PORT#g" -e "s#@TEST_HTTP_PORT@#$TEST_HTTP_PORT#g" -e "s#@DB@#$LOHI_DB#g" -e "s#@TEST_DB@#$LOHI_TEST_DB#g" \
    "$1" >"$2"
}

odoo_bin() { "$PY" "$ODOO_SRC/odoo-bin" "$@"; }

setup_all() {
  require_odoo
  ensure_system_packages
  ensure_venv_odoo
  ensure_pg
  mkdir -p "$LOHI_STATE"
  render_config "$LOHI_ROOT/config/odoo.conf.tmpl" "$LOHI_STATE/odoo.conf"
  render_config "$LOHI_ROOT/config/odoo-test.conf.tmpl" "$LOHI_STATE/odoo-test.conf"
}
