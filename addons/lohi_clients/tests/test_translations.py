import os
import re
import warnings

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

# Every addon of the suite: the folders beside this one that hold a manifest.
_ADDONS = os.path.dirname(get_module_path("lohi_clients"))
LOHI_MODULES = tuple(
    sorted(
        d
        for d in os.listdir(_ADDONS)
        if os.path.isfile(os.path.join(_ADDONS, d, "__manifest__.py"))
    )
)
# A source without an English word (Chinese demo text, "ID") needs no translation.
ENGLISH = re.compile(r"[a-z]{2,}")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """X-1: every string a user sees in the suite's addons has its zh_CN translation."""

    def _po(self, module):
        path = os.path.join(get_module_path(module), "i18n", "zh_CN.po")
        self.assertTrue(os.path.isfile(path), f"{module} has no i18n/zh_CN.po")
        po = polib.pofile(path)
        return {entry.msgid: entry for entry in po if not entry.obsolete}

    def test_every_term_translated(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", LOHI_MODULES), ("state", "=", "installed")]
        )
        self.assertEqual(len(installed), len(LOHI_MODULES))
        missing = []
        for module in LOHI_MODULES:
            entries = self._po(module)
            with warnings.catch_warnings():
                # Expected: Babel's extractor imports pkg_resources, which warns.
                warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
                reader = list(TranslationModuleReader(self.env.cr, modules=[module]))
            for _mod, _ttype, name, res_id, source, _value, _comments in reader:
                # Demo records carry believable Chinese data, not interface text.
                if isinstance(res_id, str) and res_id.endswith("_demo"):
                    continue
                if not ENGLISH.search(source):
                    continue
                entry = entries.get(source)
                if not entry or not entry.msgstr.strip() or "fuzzy" in entry.flags:
                    missing.append(f"{module}: {name}: {source!r}")
                    continue
                self.assertEqual(
                    sorted(PLACEHOLDER.findall(source)),
                    sorted(PLACEHOLDER.findall(entry.msgstr)),
                    f"{module}: placeholders differ in {source!r}",
                )
        self.assertFalse(
            missing,
            "untranslated terms (run `make i18n`, then translate):\n" + "\n".join(missing),
        )

    def test_loaded_in_database(self):
        menu = self.env.ref("lohi_clients.menu_lohi_root").with_context(lang="zh_CN")
        self.assertEqual(menu.name, "洛奇健康")
        group = self.env.ref("lohi_clients.group_functional_doctor").with_context(lang="zh_CN")
        self.assertEqual(group.name, "功能医生")
