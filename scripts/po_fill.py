"""Fill untranslated entries of the addons' zh_CN.po files where the answer is known:

- a msgid that Odoo's own zh_CN.po files (ODOO_SRC) translate — field labels the addons
  inherit, such as "Created on" — takes Odoo's most common translation.

A msgid with no English word in it (Chinese demo text, "ID") needs no translation: Odoo
shows the source, and oca-checks-po removes translations equal to their msgid.
Everything else stays untranslated for a person to translate; the tests fail until then.
Usage: po_fill.py ODOO_SRC PO_FILE...
"""

import collections
import glob
import re
import sys

import polib

ENGLISH = re.compile(r"[a-z]{2,}")


def odoo_reference(odoo_src):
    seen = collections.defaultdict(collections.Counter)
    files = glob.glob(f"{odoo_src}/odoo/addons/*/i18n/zh_CN.po")
    files += glob.glob(f"{odoo_src}/addons/*/i18n/zh_CN.po")
    for path in files:
        for entry in polib.pofile(path):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                seen[entry.msgid][entry.msgstr] += 1
    return {msgid: counts.most_common(1)[0][0] for msgid, counts in seen.items()}


def main(odoo_src, po_files):
    reference = odoo_reference(odoo_src)
    for path in po_files:
        po = polib.pofile(path, wrapwidth=0)
        filled = 0
        for entry in po:
            if entry.msgstr or entry.obsolete:
                continue
            if entry.msgid in reference and reference[entry.msgid] != entry.msgid:
                entry.msgstr = reference[entry.msgid]
            else:
                continue
            filled += 1
        po.save(path)
        left = sum(1 for e in po if not e.msgstr and not e.obsolete and ENGLISH.search(e.msgid))
        print(f"{path}: filled {filled}, untranslated {left}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
