#!/usr/bin/env bash
# Export each addon's terms to i18n/<module>.pot from the test database (built by the test
# command, or by `make test` with --keep) and merge them into i18n/zh_CN.po with msgmerge.
# New terms arrive untranslated; the test command fails until they are translated.
# Usage: i18n.sh [MODULE...]   (default: every addon)
source "$(dirname "$0")/lib.sh"
setup_all
CONF=$LOHI_STATE/odoo-test.conf
db_exists "$LOHI_TEST_DB" || { log "no test database: run 'bash scripts/test.sh --keep' first"; exit 1; }
MODULES=("$@")
[ ${#MODULES[@]} -gt 0 ] || read -r -a MODULES <<<"${LOHI_MODULES//,/ }"
PO_FILES=()
for m in "${MODULES[@]}"; do
  PO_FILES+=("$LOHI_ROOT/addons/$m/i18n/zh_CN.po")
  dir=$LOHI_ROOT/addons/$m/i18n
  mkdir -p "$dir"
  odoo_bin -c "$CONF" -d "$LOHI_TEST_DB" --modules="$m" --i18n-export="$dir/$m.pot" \
    --log-level=warn >/dev/null
  if [ -f "$dir/zh_CN.po" ]; then
    msgmerge --quiet --no-fuzzy-matching --no-wrap -U --backup=none "$dir/zh_CN.po" "$dir/$m.pot"
  else
    msginit --no-translator --no-wrap -l zh_CN.UTF-8 -i "$dir/$m.pot" -o "$dir/zh_CN.po" 2>/dev/null
    sed -i -e 's/^"Language: zh_CN.UTF-8\\n"/"Language: zh_CN\\n"/' \
      -e 's/^"Plural-Forms: .*"/"Plural-Forms: nplurals=1; plural=0;\\n"/' "$dir/zh_CN.po"
  fi
done
# Known answers (Chinese demo text, labels Odoo itself translates); the rest is for a person.
"$TOOLS_PY" "$LOHI_ROOT/scripts/po_fill.py" "$ODOO_SRC" "${PO_FILES[@]}"
# Pretty-format the .po files the way oca-checks-po wants them.
for m in "${MODULES[@]}"; do
  "$LOHI_TOOLS_VENV/bin/oca-checks-po" --fix "$LOHI_ROOT/addons/$m"/i18n/*.po* >/dev/null 2>&1 || true
done
