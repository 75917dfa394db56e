"""Every addon ships i18n/zh_CN.po: complete, not fuzzy, placeholders kept (X-1).

The test that every user-visible term of the installed addons is in these files runs
against Odoo (lohi_clients/tests/test_translations.py).
"""

import os
import re

import polib
import pytest
from conftest import ADDONS, LOHI_MODULES

# A msgid without an English word (Chinese demo text, "ID") needs no translation: Odoo
# shows the source, and oca-checks-po drops translations equal to their msgid.
ENGLISH = re.compile(r"[a-z]{2,}")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


@pytest.mark.parametrize("module", LOHI_MODULES)
def test_zh_cn_po(module):
    path = os.path.join(ADDONS, module, "i18n", "zh_CN.po")
    assert os.path.isfile(path)
    assert not os.path.exists(os.path.join(ADDONS, module, "i18n", "en.po"))
    po = polib.pofile(path)
    assert po.metadata.get("Language") == "zh_CN"
    assert po.metadata.get("Plural-Forms", "").startswith("nplurals=1; plural=0")
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if not entry.msgstr.strip():
            if not ENGLISH.search(entry.msgid):
                continue
            problems.append(f"untranslated: {entry.msgid!r}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr)):
            problems.append(f"placeholders differ: {entry.msgid!r} -> {entry.msgstr!r}")
    assert not problems, "\n".join(problems)
